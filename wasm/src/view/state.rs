//! The calculator pages' state as the planner typed it (strings, so nothing typed is lost
//! even when invalid), its conversion to the core's typed input with an error per field, the
//! spreadsheet (TSV) paste parser, and the compact shareable form (JSON → base64url).
//! Plain Rust (no web-sys), unit-tested natively.
use crate::core::allocate::{DistrictInput, PlanInput, SiteInput};
use crate::core::error::CalcError;
use crate::core::rules::{self, GroupId, Method};
use crate::core::text::{cat, clean_name, first_duplicate, name_key, num};
use crate::view::text::{b64url_decode, b64url_encode, decimal_f64, parse_decimal, parse_uint};

/// Largest estimate accepted in the form (the core's bound).
const MAX_EST: u64 = crate::core::allocate::MAX_ESTIMATE;

/// One district (or other area unit) row as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DistrictState {
    /// Name.
    pub n: String,
    /// Estimate.
    pub e: String,
    /// Sites, one per line: `name<TAB>estimate` (or `;`/`,` before the number).
    pub s: String,
}

/// The allocation form as typed. Short keys keep the shareable link short.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllocState {
    /// Regulation version id.
    pub v: String,
    /// Group id.
    pub g: String,
    /// Sample size.
    pub n: String,
    /// Seed.
    pub s: String,
    /// Province also runs STI sentinel surveillance.
    pub sti: bool,
    /// Expected prevalence, in percent.
    pub p: String,
    /// Design effect.
    pub de: String,
    /// People per week (consecutive sampling).
    pub wv: String,
    /// Year.
    pub y: String,
    /// Mean people per site.
    pub m: String,
    /// Districts.
    pub d: Vec<DistrictState>,
    /// Sites not attached to a district, one per line.
    pub cs: String,
}

impl Default for AllocState {
    fn default() -> Self {
        AllocState {
            v: crate::core::rules::ACTIVE_ID.into(),
            g: "idu".into(),
            n: String::new(),
            s: String::new(),
            sti: false,
            p: String::new(),
            de: String::new(),
            wv: String::new(),
            y: String::new(),
            m: String::new(),
            d: vec![DistrictState::default()],
            cs: String::new(),
        }
    }
}

impl AllocState {
    /// Whether nothing but the seed differs from a new plan (a new plan gets its random seed at
    /// once, [`AllocState::seed_missing`]).
    pub fn is_new(&self) -> bool {
        let mut d = AllocState::default();
        d.s.clone_from(&self.s);
        *self == d
    }

    /// Whether the plan holds anything typed besides its instrument, group and seed (a `#nhom=`
    /// link asks before it changes the group of such a plan).
    pub fn has_data(&self) -> bool {
        let mut d = AllocState {
            v: self.v.clone(),
            g: self.g.clone(),
            s: self.s.clone(),
            ..AllocState::default()
        };
        d.d.truncate(0);
        let mut me = self.clone();
        me.d.retain(|r| !(r.n.trim().is_empty() && r.e.trim().is_empty() && r.s.trim().is_empty()));
        me != d
    }

    /// The seed to write into a plan whose seed is empty, so that its site order no longer
    /// changes with every edit: a plan that computes keeps the order it was shown (the seed
    /// the core derived from its input), any other gets `random`.
    pub fn seed_missing(&self, random: u64) -> String {
        match to_plan(self).0 {
            Some(p) if !self.is_new() && !p.districts.is_empty() => {
                num(crate::core::allocate::derived_seed(&p))
            }
            _ => num(random),
        }
    }
}

/// How the example plan's areas are named, so that every view of it (form, result, printout,
/// export, link) says it is made up.
pub const EXAMPLE_PREFIX: &str = "Ví dụ – ";

/// The example plan a new planner can start from: made-up areas and sites (named with
/// [`EXAMPLE_PREFIX`]) for people who inject drugs, 250 samples, a fixed seed.
pub fn example_plan() -> AllocState {
    let d = |n: &str, e: &str, s: &str| DistrictState {
        n: cat(&[EXAMPLE_PREFIX, n]),
        e: e.into(),
        s: s.into(),
    };
    AllocState {
        n: "250".into(),
        s: "2026".into(),
        d: vec![
            d(
                "Quận Một",
                "1.200",
                "Phường An Bình; 60\nPhường Bình Minh; 45\nPhường Cầu Mới; 40\nPhường Đông Hải; 30\nPhường Gò Xanh; 25\nPhường Hòa Lạc; 20",
            ),
            d(
                "Huyện Hai",
                "800",
                "Xã Kim Sơn; 35\nXã Long Phú; 30\nXã Mỹ Hòa; 25\nXã Nam Thành; 20\nXã Phú Lợi; 15",
            ),
            d(
                "Thị xã Ba",
                "500",
                "Phường Quang Trung; 30\nPhường Tân Tiến; 25\nXã Yên Thủy; 20",
            ),
        ],
        ..AllocState::default()
    }
}

/// Whether a plan is (or starts from) the example: an area still named as the example's.
pub fn is_example(st: &AllocState) -> bool {
    st.d.iter()
        .any(|d| d.n.trim_start().starts_with(EXAMPLE_PREFIX))
}

/// What an empty sample size is told: a request, not an error (nothing is wrong yet).
pub const ASK_N: &str = "Nhập cỡ mẫu.";

impl FieldMsg {
    /// Whether this is only a request for a field not filled in yet ([`ASK_N`]): shown
    /// neutral, without `aria-invalid`, so a new plan opens with no red message.
    pub fn pending(&self) -> bool {
        self.field == "f-n" && self.text == ASK_N
    }
}

/// A message for one field of the form (its DOM id) — an error or a warning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldMsg {
    /// DOM id of the input.
    pub field: String,
    /// Vietnamese text.
    pub text: String,
}

fn msg(field: &str, text: String) -> FieldMsg {
    FieldMsg {
        field: field.into(),
        text,
    }
}

/// DOM id of a district row's input (`d3-n`, `d3-e`, `d3-s`).
pub fn district_field(i: usize, which: &str) -> String {
    cat(&["d", &num(i as u64), "-", which])
}

/// Group id from its text.
pub fn group_from_str(s: &str) -> Option<GroupId> {
    GroupId::ALL.iter().copied().find(|g| g.as_str() == s)
}

/// Parse a list of sites, one per line. Errors name the line; a name given twice (compared as
/// the core compares names: [`name_key`]) is an error on the second line.
pub fn parse_sites(text: &str, field: &str, errors: &mut Vec<FieldMsg>) -> Vec<SiteInput> {
    let mut out = Vec::new();
    let mut lines: Vec<usize> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let line_no = num(i as u64 + 1);
        let strict = line.rfind(['\t', ';']);
        let split = strict.or_else(|| line.rfind(','));
        let (name, est) = match split {
            Some(k) => {
                let (name, tail) = (line[..k].trim(), line[k + 1..].trim());
                match parse_uint(tail, MAX_EST) {
                    Ok(Some(e)) => (name, e),
                    Ok(None) if strict.is_some() => (name, 0),
                    // "Trạm A, 1200.5": a number was meant (a tail "quận 3" is part of the name).
                    Err(e)
                        if strict.is_some()
                            || tail.starts_with(|c: char| c.is_ascii_digit() || c == '-') =>
                    {
                        errors.push(msg(
                            field,
                            cat(&["Dòng ", &line_no, ": ước lượng ", &e.message(tail, MAX_EST)]),
                        ));
                        continue;
                    }
                    _ => (line, 0),
                }
            }
            None => (line, 0),
        };
        if name.is_empty() {
            errors.push(msg(field, cat(&["Dòng ", &line_no, ": thiếu tên điểm."])));
            continue;
        }
        lines.push(i);
        out.push(SiteInput {
            name: name.into(),
            estimate: est,
            weekly_volume: None,
        });
    }
    let keys: Vec<String> = out.iter().map(|s| name_key(&s.name)).collect();
    if let Some((first, dup)) = first_duplicate(&keys) {
        errors.push(msg(
            field,
            cat(&[
                "Dòng ",
                &num(lines[dup] as u64 + 1),
                ": điểm “",
                &clean_name(&out[dup].name),
                "” đã có ở dòng ",
                &num(lines[first] as u64 + 1),
                " (mỗi điểm chỉ nhập một lần).",
            ]),
        ));
    }
    out
}

fn uint_field(
    text: &str,
    field: &str,
    max: u64,
    what: &str,
    errors: &mut Vec<FieldMsg>,
) -> Option<u64> {
    match parse_uint(text, max) {
        Ok(v) => v,
        Err(e) => {
            errors.push(msg(field, cat(&[what, ": ", &e.message(text, max)])));
            None
        }
    }
}

/// The core's input from the form, with every field-level problem found before computing.
/// `None` when an error prevents computing.
pub fn to_plan(st: &AllocState) -> (Option<PlanInput>, Vec<FieldMsg>) {
    let mut errors = Vec::new();
    let group = group_from_str(&st.g);
    if group.is_none() {
        errors.push(msg("f-group", "Chọn một nhóm đối tượng.".into()));
    }
    let n = uint_field(&st.n, "f-n", 1_000_000, "Cỡ mẫu", &mut errors);
    if n.is_none() && !errors.iter().any(|e| e.field == "f-n") {
        errors.push(msg("f-n", ASK_N.into()));
    }
    let seed = uint_field(&st.s, "f-seed", u64::MAX, "Hạt giống", &mut errors);
    let prevalence = match parse_decimal(&st.p) {
        Ok(Some(d)) => {
            let p = decimal_f64(d) / 100.0;
            if p > 0.0 && p < 1.0 {
                Some(p)
            } else {
                errors.push(msg(
                    "f-p",
                    "Tỷ lệ hiện nhiễm dự kiến phải lớn hơn 0% và nhỏ hơn 100%.".into(),
                ));
                None
            }
        }
        Ok(None) => None,
        Err(_) => {
            errors.push(msg(
                "f-p",
                "Tỷ lệ hiện nhiễm dự kiến là một số phần trăm, ví dụ 5 hoặc 2,5.".into(),
            ));
            None
        }
    };
    let design_effect = match parse_decimal(&st.de) {
        Ok(Some(d)) => {
            let v = decimal_f64(d);
            if (1.0..=50.0).contains(&v) {
                Some(v)
            } else {
                errors.push(msg(
                    "f-de",
                    "Hệ số thiết kế phải từ 1 đến 50 (ví dụ 1,5).".into(),
                ));
                None
            }
        }
        Ok(None) => None,
        Err(_) => {
            errors.push(msg("f-de", "Hệ số thiết kế là một số, ví dụ 1,5.".into()));
            None
        }
    };
    let weekly = uint_field(&st.wv, "f-wv", 1_000_000, "Số người mỗi tuần", &mut errors);
    let year = uint_field(&st.y, "f-y", 2150, "Năm", &mut errors);
    if let Some(y) = year
        && y < 2000
    {
        errors.push(msg("f-y", "Năm phải từ 2000 đến 2150.".into()));
    }
    let mean = uint_field(
        &st.m,
        "f-m",
        1_000_000,
        "Số người trung bình mỗi điểm",
        &mut errors,
    );
    if mean == Some(0) {
        errors.push(msg(
            "f-m",
            "Số người trung bình mỗi điểm phải lớn hơn 0.".into(),
        ));
    }
    // Recruits (Điều 18 khoản 5 điểm b) need no estimate per district: the wards are counted
    // for the whole province.
    let method = group.and_then(|g| {
        let v = rules::version(&st.v).unwrap_or_else(rules::active);
        v.group(g).ok().map(|r| r.method.value)
    });
    let estimate_optional = method == Some(Method::RandomWards);
    let dkeys: Vec<String> = st.d.iter().map(|d| name_key(&d.n)).collect();
    let mut districts = Vec::new();
    for (i, d) in st.d.iter().enumerate() {
        let blank = d.n.trim().is_empty() && d.e.trim().is_empty() && d.s.trim().is_empty();
        if blank {
            continue; // an empty row being filled in
        }
        let nf = district_field(i, "n");
        if d.n.trim().is_empty() {
            errors.push(msg(&nf, "Nhập tên huyện / khu vực.".into()));
        } else if let Some(j) = dkeys[..i].iter().position(|k| *k == dkeys[i]) {
            errors.push(msg(
                &nf,
                cat(&[
                    "Tên \"",
                    &clean_name(&d.n),
                    "\" đã có ở dòng ",
                    &num(j as u64 + 1),
                    " (không phân biệt chữ hoa, chữ thường, khoảng trắng ở đầu, cuối và cách gõ dấu).",
                ]),
            ));
        }
        let ef = district_field(i, "e");
        let est = uint_field(&d.e, &ef, MAX_EST, "Ước lượng", &mut errors);
        if est.is_none() && !estimate_optional && !errors.iter().any(|e| e.field == ef) {
            errors.push(msg(&ef, "Nhập ước lượng số đối tượng.".into()));
        }
        let sites = parse_sites(&d.s, &district_field(i, "s"), &mut errors);
        districts.push(DistrictInput {
            name: d.n.trim().into(),
            estimate: est.unwrap_or(0),
            sites,
            mean_per_site: None,
            weekly_volume: None,
            kind: None,
        });
    }
    let sites = parse_sites(&st.cs, "f-cs", &mut errors);
    if !errors.is_empty() {
        return (None, errors);
    }
    let plan = PlanInput {
        group,
        sample_size: n.unwrap_or(0).min(u32::MAX as u64) as u32,
        seed,
        districts,
        sites,
        sti_surveillance: st.sti,
        expected_prevalence: prevalence,
        design_effect,
        weekly_volume: weekly.map(|w| w as u32),
        start_date: None,
        year: year.map(|y| y as i32),
        mean_per_site: mean.map(|m| m as u32),
        version: Some(st.v.clone()).filter(|v| !v.is_empty()),
    };
    (Some(plan), errors)
}

/// Index in the form of the district row named `name` (rows left blank are skipped by
/// [`to_plan`], so the core's indices are not the form's).
fn row_of(st: &AllocState, name: &str) -> Option<usize> {
    let key = name_key(name);
    st.d.iter().position(|d| name_key(&d.n) == key)
}

/// Index of the form row holding the `k`-th non-blank district.
fn row_of_index(st: &AllocState, k: usize) -> Option<usize> {
    st.d.iter()
        .enumerate()
        .filter(|(_, d)| !(d.n.trim().is_empty() && d.e.trim().is_empty() && d.s.trim().is_empty()))
        .nth(k)
        .map(|(i, _)| i)
}

fn index_in(field: &str, prefix: &str) -> Option<usize> {
    let rest = field.strip_prefix(prefix)?;
    let end = rest.find(']')?;
    parse_uint(&rest[..end], 1_000_000)
        .ok()?
        .map(|v| v as usize)
}

/// The form's input for a path of the core's input ("districts[2].sites[0].name" → the
/// sites box of the row holding the third district).
fn field_of_path(st: &AllocState, path: &str) -> String {
    if let Some(k) = index_in(path, "districts[") {
        let which = if path.contains(".sites") {
            "s"
        } else if path.ends_with(".estimate") || path.ends_with(".mean_per_site") {
            "e"
        } else {
            "n"
        };
        return row_of_index(st, k)
            .map(|i| district_field(i, which))
            .unwrap_or_else(|| "d-table".into());
    }
    let f = match path.split(['.', '[']).next().unwrap_or("") {
        "sites" => "f-cs",
        "group" => "f-group",
        "version" => "f-version",
        "expected_prevalence" => "f-p",
        "design_effect" => "f-de",
        "year" => "f-y",
        "mean_per_site" => "f-m",
        "seed" => "f-seed",
        "weekly_volume" => "f-wv",
        "sti_surveillance" => "f-sti",
        "districts" => "d-table",
        _ => "f-n",
    };
    f.into()
}

/// Which input an error of the core belongs to.
pub fn error_field(st: &AllocState, e: &CalcError) -> String {
    match e {
        CalcError::SampleSizeOutOfRange { .. } => "f-n".into(),
        CalcError::NoDistricts { .. }
        | CalcError::ZeroEstimates { .. }
        | CalcError::TooManyDistricts { .. } => "d-table".into(),
        CalcError::MissingRule(_) | CalcError::PeriodNeeded { .. } => "f-version".into(),
        CalcError::DuplicateDistrict { path, .. }
        | CalcError::DuplicateSite { path, .. }
        | CalcError::AreaKindNotAllowed { path, .. }
        | CalcError::BadField { path, .. } => field_of_path(st, path),
        CalcError::TooMany { field, .. } => match *field {
            "sites" => "f-cs".into(),
            _ => "d-table".into(),
        },
        CalcError::BadParameter { field, .. } => field_of_path(st, field),
        CalcError::YearOutOfRange { .. } => "f-y".into(),
        CalcError::InvalidInput { .. }
        | CalcError::InvalidJson { .. }
        | CalcError::InputTooLarge { .. } => "f-n".into(),
    }
}

/// A group with a fixed sample size (Điều 18: e.g. 400 recruits) gets it in an empty sample
/// size field; any typed value is kept.
pub fn prefill_n(st: &mut AllocState) {
    let v = rules::version(&st.v).unwrap_or_else(rules::active);
    if st.n.trim().is_empty()
        && let Some(Ok(g)) = group_from_str(&st.g).map(|g| v.group(g))
        && g.sample_size.value.min == g.sample_size.value.max
    {
        st.n = num(g.sample_size.value.min as u64);
    }
}

/// Whether the group's site order is random, so that a seed means something (not for the
/// consecutive-sampling groups, which take everyone at their sites in turn).
pub fn uses_seed(st: &AllocState) -> bool {
    let v = rules::version(&st.v).unwrap_or_else(rules::active);
    !matches!(
        group_from_str(&st.g)
            .and_then(|g| v.group(g).ok())
            .map(|g| g.method.value),
        Some(
            Method::ConsecutiveAllClinics
                | Method::ConsecutiveProvincialHospital
                | Method::ConsecutiveDistrictHospitals
        )
    )
}

/// Which input a warning of the core belongs to: its district's row; the instrument for
/// "regulation replaced"; else the table.
pub fn warning_field(st: &AllocState, code: &str, district: Option<&str>) -> String {
    if code == "regulation_replaced" {
        return "f-version".into();
    }
    // Beside the row's sites (the wide cell), not in the narrow estimate column.
    district
        .and_then(|n| row_of(st, n))
        .map(|i| district_field(i, "s"))
        .unwrap_or_else(|| "d-table".into())
}

/// The delimiter of pasted or imported CSV text: a tab when its first line has one (a
/// spreadsheet's copy), else `;` (Excel's CSV with Vietnamese regional settings), else `,`.
/// Quoted text is not looked at.
pub fn csv_delimiter(text: &str) -> u8 {
    let mut quoted = false;
    let (mut semi, mut comma) = (false, false);
    for b in text.trim_start_matches(['\r', '\n']).bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            b'\t' if !quoted => return b'\t',
            b';' if !quoted => semi = true,
            b',' if !quoted => comma = true,
            _ => {}
        }
    }
    if semi {
        b';'
    } else if comma {
        b','
    } else {
        b'\t'
    }
}

/// The records of CSV text with `delim` (RFC 4180, read the way `csv-core` reads it: quoted
/// cells may hold the delimiter, `""` and line breaks, as Excel writes them; a quote inside an
/// unquoted cell is kept; `\n`, `\r\n` or `\r` end a record; blank lines are skipped; a UTF-8
/// BOM is skipped): (line of the record's start, from 1; its cells, trimmed). Written here
/// rather than taken from `csv-core`, whose reader cost the allocation module 2.4 KB gzipped
/// and took it over its 80 KB budget; a property test checks it against `csv-core`.
pub fn csv_records(text: &str, delim: u8) -> Vec<(usize, Vec<String>)> {
    let delim = delim as char;
    let mut records = Vec::new();
    let mut cells: Vec<String> = Vec::new();
    let mut cell = String::new();
    // State: at a cell's start, in an unquoted cell, in quotes, after a closing quote.
    #[derive(PartialEq, Clone, Copy)]
    enum S {
        Start,
        Plain,
        Quoted,
        Closed,
    }
    let mut st = S::Start;
    let (mut line, mut start) = (1usize, 1usize);
    let mut chars = text
        .strip_prefix('\u{feff}')
        .unwrap_or(text)
        .chars()
        .peekable();
    let mut end_record = |cells: &mut Vec<String>, cell: &mut String, start: usize| {
        cells.push(core::mem::take(cell).trim().to_string());
        records.push((start, core::mem::take(cells)));
    };
    while let Some(c) = chars.next() {
        match (st, c) {
            (S::Quoted, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (S::Quoted, '"') => st = S::Closed,
            (S::Quoted, c) => {
                if c == '\n' {
                    line += 1;
                }
                cell.push(c);
            }
            (S::Start, '"') => st = S::Quoted,
            (_, c) if c == delim => {
                cells.push(core::mem::take(&mut cell).trim().to_string());
                st = S::Start;
            }
            (_, '\r' | '\n') => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                let blank = cells.is_empty() && cell.is_empty() && st == S::Start;
                if !blank {
                    end_record(&mut cells, &mut cell, start);
                }
                cell.clear();
                line += 1;
                start = line;
                st = S::Start;
            }
            (_, c) => {
                cell.push(c);
                if st == S::Start {
                    st = S::Plain;
                }
            }
        }
    }
    if !(cells.is_empty() && cell.is_empty() && st == S::Start) {
        end_record(&mut cells, &mut cell, start);
    }
    records
}

/// `s` with every run of white space (line breaks of a multi-line cell) as one space.
fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// What a paste (or an imported CSV file) gave: the rows, the problems (naming the line) and
/// the notes (a header row skipped).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Pasted {
    /// The rows.
    pub rows: Vec<DistrictState>,
    /// Estimates that are not counts, kept as typed to be fixed.
    pub problems: Vec<String>,
    /// "Đã bỏ dòng tiêu đề: …".
    pub notes: Vec<String>,
}

/// Rows pasted from a spreadsheet or a CSV file: tab-, `;`- or `,`-separated
/// ([`csv_delimiter`]), read as CSV ([`csv_records`]). Columns: area name, estimate, and
/// optionally a site name and its estimate. A row whose first cell is empty, or repeats the
/// previous row's name, adds a site to that area (merged cells in Excel); a site cell of
/// several lines adds one site per line. The first row is a header, skipped and said so,
/// only when it has no digit at all ("Huyện, Ước lượng"): a first row "Ba Đình, 1,200" or
/// "khoảng 1200" is kept, its estimate shown as a problem to fix.
pub fn parse_table(text: &str) -> Pasted {
    let mut p = Pasted::default();
    let records = csv_records(text, csv_delimiter(text));
    for (k, (line_no, cells)) in records.iter().enumerate() {
        if cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        let cell = |k: usize| cells.get(k).map(String::as_str).unwrap_or("");
        let (name, est, site, site_est) = (one_line(cell(0)), cell(1), cell(2), cell(3));
        if k == 0 && !cells.iter().any(|c| crate::core::count::has_digit(c)) {
            let shown: Vec<String> = cells
                .iter()
                .filter(|c| !c.is_empty())
                .map(|c| one_line(c))
                .collect();
            p.notes
                .push(cat(&["Đã bỏ dòng tiêu đề: “", &shown.join(" | "), "”."]));
            continue;
        }
        let same = !p.rows.is_empty()
            && (name.is_empty() || p.rows.last().is_some_and(|r: &DistrictState| r.n == name));
        if !same {
            if let Err(e) = parse_uint(est, MAX_EST) {
                p.problems.push(cat(&[
                    "Dòng ",
                    &num(*line_no as u64),
                    ": ước lượng ",
                    e.message(est, MAX_EST).trim_end_matches('.'),
                    "; đã giữ nguyên để sửa.",
                ]));
            }
            p.rows.push(DistrictState {
                n: name,
                e: one_line(est),
                s: String::new(),
            });
        }
        let sites: Vec<&str> = site
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let r = p.rows.last_mut().expect("a row was pushed");
        for (j, s) in sites.iter().enumerate() {
            if !r.s.is_empty() {
                r.s.push('\n');
            }
            r.s.push_str(s);
            if sites.len() == 1 && !site_est.is_empty() && j == 0 {
                r.s.push('\t');
                r.s.push_str(&one_line(site_est));
            }
        }
    }
    p
}

/// Separator of the compact form (a control character nobody types).
const SEP: char = '\u{1f}';
/// Tag of the compact form's layout.
const TAG_ALLOC: &str = "a1";
const TAG_DEADLINES: &str = "h1";

/// A state as a flat list of strings (and back), for the compact shareable form.
pub trait Flat: Sized {
    /// Layout tag.
    const TAG: &'static str;
    /// Fields in order.
    fn to_fields(&self) -> Vec<&str>;
    /// From fields (missing ones default).
    fn from_fields(f: &[&str]) -> Self;
}

fn get(f: &[&str], i: usize) -> String {
    f.get(i).copied().unwrap_or("").into()
}

impl Flat for AllocState {
    const TAG: &'static str = TAG_ALLOC;
    fn to_fields(&self) -> Vec<&str> {
        let mut v = vec![
            self.v.as_str(),
            &self.g,
            &self.n,
            &self.s,
            if self.sti { "1" } else { "" },
            &self.p,
            &self.de,
            &self.wv,
            &self.y,
            &self.m,
            &self.cs,
        ];
        for d in &self.d {
            v.extend([d.n.as_str(), &d.e, &d.s]);
        }
        v
    }
    fn from_fields(f: &[&str]) -> Self {
        let d = f
            .get(11..)
            .unwrap_or(&[])
            .chunks(3)
            .map(|c| DistrictState {
                n: get(c, 0),
                e: get(c, 1),
                s: get(c, 2),
            })
            .collect::<Vec<_>>();
        AllocState {
            v: get(f, 0),
            g: get(f, 1),
            n: get(f, 2),
            s: get(f, 3),
            sti: !get(f, 4).is_empty(),
            p: get(f, 5),
            de: get(f, 6),
            wv: get(f, 7),
            y: get(f, 8),
            m: get(f, 9),
            cs: get(f, 10),
            d: if d.is_empty() {
                vec![DistrictState::default()]
            } else {
                d
            },
        }
    }
}

impl Flat for DeadlineState {
    const TAG: &'static str = TAG_DEADLINES;
    fn to_fields(&self) -> Vec<&str> {
        vec![
            self.v.as_str(),
            &self.y,
            &self.u,
            &self.view,
            &self.m,
            &self.from,
            &self.add,
            &self.rcv,
            &self.chain,
            &self.p,
        ]
    }
    fn from_fields(f: &[&str]) -> Self {
        DeadlineState {
            v: get(f, 0),
            y: get(f, 1),
            u: get(f, 2),
            view: get(f, 3),
            m: get(f, 4),
            from: get(f, 5),
            add: get(f, 6),
            rcv: get(f, 7),
            // States saved before the field existed chain the steps (the default).
            chain: f.get(8).map_or_else(|| "1".into(), |c| String::from(*c)),
            p: get(f, 9),
        }
    }
}

/// Compact form: tag and fields joined by U+001F (removed from values), UTF-8, base64url.
/// Hand-rolled instead of JSON to keep a JSON parser out of the wasm module.
pub fn encode<T: Flat>(st: &T) -> String {
    let mut s = String::from(T::TAG);
    for f in st.to_fields() {
        s.push(SEP);
        s.extend(f.chars().filter(|&c| c != SEP));
    }
    b64url_encode(s.as_bytes())
}

/// Inverse of [`encode`]; `None` for anything else.
pub fn decode<T: Flat>(s: &str) -> Option<T> {
    let bytes = b64url_decode(s)?;
    let text = String::from_utf8(bytes).ok()?;
    let mut parts: Vec<&str> = text.split(SEP).collect();
    if parts.first() != Some(&T::TAG) {
        return None;
    }
    parts.remove(0);
    Some(T::from_fields(&parts))
}

/// Append `s` as a JSON string literal.
pub fn json_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                out.push_str("\\u00");
                let b = c as u8;
                for d in [b >> 4, b & 15] {
                    out.push(char::from_digit(d as u32, 16).unwrap_or('0'));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Names of the form's fields in the JSON export (readable; the import reads the same).
pub const JSON_KEYS: [&str; 11] = [
    "version",
    "group",
    "sample_size",
    "seed",
    "sti_surveillance",
    "expected_prevalence_percent",
    "design_effect",
    "weekly_volume",
    "year",
    "mean_per_site",
    "other_sites",
];

/// The form as a JSON object, keys of [`JSON_KEYS`] plus `districts: [{name, estimate, sites}]`
/// (every value a string, as typed).
pub fn input_json(st: &AllocState) -> String {
    let f = st.to_fields();
    let mut o = String::from("{");
    for (i, k) in JSON_KEYS.iter().enumerate() {
        json_str(&mut o, k);
        o.push(':');
        json_str(&mut o, f[i]);
        o.push(',');
    }
    o.push_str("\"districts\":[");
    for (i, d) in st.d.iter().enumerate() {
        if i > 0 {
            o.push(',');
        }
        o.push_str("{\"name\":");
        json_str(&mut o, &d.n);
        o.push_str(",\"estimate\":");
        json_str(&mut o, &d.e);
        o.push_str(",\"sites\":");
        json_str(&mut o, &d.s);
        o.push('}');
    }
    o.push_str("]}");
    o
}

/// The deadlines page's state as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadlineState {
    /// Regulation version id.
    pub v: String,
    /// Year.
    pub y: String,
    /// Reporting unit (id or level), empty for all.
    pub u: String,
    /// View: `list` or `month`.
    pub view: String,
    /// Month shown in the month view (1–12).
    pub m: String,
    /// Working-day counter: start date (dd/mm/yyyy).
    pub from: String,
    /// Working-day counter: number of working days.
    pub add: String,
    /// Điều 24 steps: the day the review request was received (dd/mm/yyyy).
    pub rcv: String,
    /// Điều 24 steps: `1` to chain the steps (each counts from the previous step's end).
    pub chain: String,
    /// Reporting period chosen for an instrument whose text does not fix it
    /// (`core::rules::ReportPeriod` id), empty when none was chosen.
    pub p: String,
}

impl Default for DeadlineState {
    fn default() -> Self {
        DeadlineState {
            v: crate::core::rules::ACTIVE_ID.into(),
            y: String::new(),
            u: String::new(),
            view: "list".into(),
            m: String::new(),
            from: String::new(),
            add: "10".into(),
            rcv: String::new(),
            chain: "1".into(),
            p: String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn st(rows: &[(&str, &str, &str)]) -> AllocState {
        AllocState {
            n: "250".into(),
            s: "7".into(),
            d: rows
                .iter()
                .map(|&(n, e, s)| DistrictState {
                    n: n.into(),
                    e: e.into(),
                    s: s.into(),
                })
                .collect(),
            ..AllocState::default()
        }
    }

    #[test]
    fn form_to_plan_and_allocation() {
        let s = st(&[
            (
                "Ba Đình",
                "1.000",
                "Phúc Xá\t30\nTrúc Bạch; 20\nĐiện Biên, 10",
            ),
            ("", "", ""),
            ("Hoàn Kiếm", "500", ""),
        ]);
        let (plan, errors) = to_plan(&s);
        assert!(errors.is_empty(), "{errors:?}");
        let plan = plan.unwrap();
        assert_eq!(plan.districts.len(), 2);
        assert_eq!(plan.districts[0].estimate, 1000);
        assert_eq!(plan.districts[0].sites.len(), 3);
        assert_eq!(plan.districts[0].sites[2].name, "Điện Biên");
        assert_eq!(plan.districts[0].sites[2].estimate, 10);
        let out = crate::core::allocate(&plan).unwrap();
        let total: u32 = out.districts.iter().map(|d| d.allocated).sum();
        assert_eq!(total, 250);
    }

    #[test]
    fn field_errors_name_the_input() {
        let s = st(&[("Ba Đình", "nhiều", "A; x"), ("Ba Đình", "5", "")]);
        let (plan, errors) = to_plan(&s);
        assert!(plan.is_none());
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert!(fields.contains(&"d0-e"), "{fields:?}");
        assert!(fields.contains(&"d0-s"), "{fields:?}");
        assert!(fields.contains(&"d1-n"), "{fields:?}");
    }

    /// Issue 14: the form compares names as the core does (NFC, trimmed, case-folded), refuses
    /// a site listed twice in a district, and needs no district estimate for recruits.
    #[test]
    fn form_names_compared_after_nfc_and_recruits_need_no_estimate() {
        let s = st(&[
            ("Ba \u{110}\u{ec}nh", "10", "Phúc Xá; 3\nphúc xá ; 4"),
            ("ba \u{110}i\u{300}nh ", "5", ""),
        ]);
        let (plan, errors) = to_plan(&s);
        assert!(plan.is_none());
        let by = |f: &str| {
            errors
                .iter()
                .find(|e| e.field == f)
                .map(|e| e.text.clone())
                .unwrap_or_default()
        };
        assert!(by("d1-n").contains("đã có ở dòng 1"), "{errors:?}");
        assert!(
            by("d0-s").contains("Dòng 2: điểm “phúc xá” đã có ở dòng 1"),
            "{errors:?}"
        );
        let mut r = st(&[
            ("Quận Ba Đình", "", "Phúc Xá; 30"),
            ("Quận Hoàn Kiếm", "", ""),
        ]);
        r.g = "recruits_urban".into();
        r.n = "400".into();
        r.m = "29".into();
        let (plan, errors) = to_plan(&r);
        assert!(errors.is_empty(), "{errors:?}");
        let out = crate::core::allocate(&plan.unwrap()).expect("recruits plan");
        assert_eq!(out.wards.and_then(|w| w.wards_needed), Some(14));
        // An error of the core about a unit's kind lands on that row's name.
        r.d[1].n = "Huyện Gia Lâm".into();
        let e = crate::core::allocate(&to_plan(&r).0.unwrap()).unwrap_err();
        assert_eq!(error_field(&r, &e), "d1-n");
    }

    /// Issue 17: the form reads counts with the core's one parser; a decimal is refused
    /// quoting what was typed, never read as a larger number.
    #[test]
    fn form_counts_refuse_decimals_quoting_them() {
        let mut s = st(&[(
            "Ba Đình",
            "1200.5",
            "Phúc Xá; 12.00\nTrúc Bạch, 1200.5\nPhường 12, quận 3",
        )]);
        s.n = "300.5".into();
        let (plan, errors) = to_plan(&s);
        assert!(plan.is_none());
        let by = |f: &str| -> Vec<String> {
            errors
                .iter()
                .filter(|e| e.field == f)
                .map(|e| e.text.clone())
                .collect()
        };
        assert_eq!(by("f-n").len(), 1);
        assert!(
            by("f-n")[0].starts_with("Cỡ mẫu: “300.5” không phải số nguyên"),
            "{errors:?}"
        );
        assert!(
            by("d0-e")[0].starts_with("Ước lượng: “1200.5” không phải số nguyên"),
            "{errors:?}"
        );
        let sites = by("d0-s");
        assert_eq!(sites.len(), 2, "{sites:?}");
        assert!(
            sites[0].starts_with("Dòng 1: ước lượng “12.00”"),
            "{sites:?}"
        );
        assert!(
            sites[1].starts_with("Dòng 2: ước lượng “1200.5”"),
            "{sites:?}"
        );
        let mut ok = st(&[("Ba Đình", "1 200", "Phúc Xá; 1.000\nPhường 12, quận 3")]);
        ok.n = "1.000".into();
        let plan = to_plan(&ok).0.expect("plan");
        assert_eq!(plan.sample_size, 1000);
        assert_eq!(plan.districts[0].estimate, 1200);
        assert_eq!(plan.districts[0].sites[0].estimate, 1000);
        assert_eq!(plan.districts[0].sites[1].name, "Phường 12, quận 3");
    }

    #[test]
    fn fixed_sizes_prefill_and_consecutive_groups_use_no_seed() {
        let mut s = AllocState {
            g: "recruits_urban".into(),
            ..AllocState::default()
        };
        prefill_n(&mut s);
        assert_eq!(s.n, "400");
        s.n = "399".into();
        prefill_n(&mut s);
        assert_eq!(s.n, "399", "a typed value is kept");
        let mut idu = AllocState::default();
        prefill_n(&mut idu);
        assert_eq!(idu.n, "", "a range is not prefilled");
        assert!(uses_seed(&idu));
        for g in ["sti_men", "pregnant_urban", "pregnant_rural"] {
            let c = AllocState {
                g: g.into(),
                ..AllocState::default()
            };
            assert!(!uses_seed(&c), "{g}");
        }
    }

    #[test]
    fn the_example_plan_computes_and_says_it_is_made_up() {
        let ex = example_plan();
        assert!(is_example(&ex) && !is_example(&AllocState::default()));
        let (plan, errors) = to_plan(&ex);
        assert!(errors.is_empty(), "{errors:?}");
        let out = crate::core::allocate(&plan.unwrap()).unwrap();
        assert!(
            out.districts
                .iter()
                .all(|d| d.name.starts_with(EXAMPLE_PREFIX))
        );
    }

    #[test]
    fn new_plans_and_seeds() {
        let mut s = AllocState::default();
        assert!(s.is_new() && !s.has_data());
        assert_eq!(s.seed_missing(42), "42");
        s.s = "42".into();
        assert!(s.is_new());
        s.g = "fsw".into();
        assert!(!s.is_new() && !s.has_data());
        let mut p = st(&[("Ba Đình", "1000", "Phúc Xá; 3")]);
        assert!(p.has_data());
        p.s.clear();
        let derived = crate::core::allocate::derived_seed(&to_plan(&p).0.unwrap());
        assert_eq!(p.seed_missing(42), num(derived));
    }

    #[test]
    fn core_errors_map_to_fields() {
        let mut s = st(&[("", "", ""), ("A", "10", "")]);
        s.n = "9999".into();
        let (plan, _) = to_plan(&s);
        let e = crate::core::allocate(&plan.unwrap()).unwrap_err();
        assert_eq!(error_field(&s, &e), "f-n");
        let e = CalcError::BadField {
            path: "districts[0].sites[2].name".into(),
            place: None,
            label: "tên".into(),
            problem: String::new(),
        };
        assert_eq!(error_field(&s, &e), "d1-s");
        assert_eq!(warning_field(&s, "x", Some("A")), "d1-s");
        assert_eq!(warning_field(&s, "regulation_replaced", None), "f-version");
    }

    #[test]
    fn tsv_paste_with_header_and_merged_cells() {
        let text = "Huyện\tƯớc lượng\tXã\tƯớc lượng xã\r\nBa Đình\t1000\tPhúc Xá\t30\r\n\t\tTrúc Bạch\t20\r\nHoàn Kiếm\t500\r\n";
        let Pasted {
            rows,
            problems,
            notes,
        } = parse_table(text);
        assert!(problems.is_empty());
        assert_eq!(
            notes,
            ["Đã bỏ dòng tiêu đề: “Huyện | Ước lượng | Xã | Ước lượng xã”."]
        );
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].n, "Ba Đình");
        assert_eq!(rows[0].s, "Phúc Xá\t30\nTrúc Bạch\t20");
        assert_eq!(rows[1].e, "500");
        let p = parse_table("A\t1\nB\tx\n");
        assert_eq!(p.rows.len(), 2);
        assert_eq!(p.problems.len(), 1);
        assert!(p.notes.is_empty());
    }

    /// Issue 17: a first row with a number is never a header; `;`, `,` and Excel's quoted
    /// multi-line cells are read as CSV.
    #[test]
    fn paste_reads_csv_and_keeps_a_first_row_with_a_number() {
        for text in [
            "Ba Đình\t1,200\nHoàn Kiếm\t500",
            "Ba Đình\tkhoảng 1200\nHoàn Kiếm\t500",
        ] {
            let p = parse_table(text);
            assert_eq!(p.rows.len(), 2, "{text}");
            assert_eq!(p.rows[0].n, "Ba Đình");
            assert!(p.notes.is_empty());
            assert!(
                p.problems[0].starts_with("Dòng 1: ước lượng “"),
                "{:?}",
                p.problems
            );
            assert!(
                p.problems[0].contains("không phải số nguyên"),
                "{:?}",
                p.problems
            );
        }
        let p = parse_table("Huyện;Ước lượng\nBa Đình;1.200\nHoàn Kiếm;500\n");
        assert_eq!(p.rows.len(), 2);
        assert_eq!(
            (p.rows[0].n.as_str(), p.rows[0].e.as_str()),
            ("Ba Đình", "1.200")
        );
        assert_eq!(p.notes.len(), 1);
        let p = parse_table("Ba Đình,1200\n\"Hoàn Kiếm, cũ\",500");
        assert_eq!(p.rows[1].n, "Hoàn Kiếm, cũ");
        assert_eq!(p.rows[1].e, "500");
        // Excel quotes a cell with a line break: one row, not two.
        let p = parse_table(
            "\"Ba\nĐình\"\t1000\t\"Phúc Xá\nTrúc Bạch\"\n\"Hoàn \"\"Kiếm\"\"\"\t500\n\n\tx\tLý\t3",
        );
        assert_eq!(p.rows.len(), 2, "{p:?}");
        assert_eq!(p.rows[0].n, "Ba Đình");
        assert_eq!(p.rows[0].s, "Phúc Xá\nTrúc Bạch");
        assert_eq!(p.rows[1].n, "Hoàn \"Kiếm\"");
        assert_eq!(p.rows[1].s, "Lý\t3");
        // Line numbers count the lines of the text, multi-line cells included.
        let p = parse_table("\"A\nB\"\t1\n\nC\tx");
        assert_eq!(p.problems.len(), 1);
        assert!(p.problems[0].starts_with("Dòng 4:"), "{:?}", p.problems);
    }

    /// What `csv-core` reads from `text` (cells trimmed, as `csv_records` gives them).
    fn csv_core_records(text: &str, delim: u8) -> Vec<Vec<String>> {
        use csv_core::{ReadRecordResult, ReaderBuilder};
        let mut rdr = ReaderBuilder::new().delimiter(delim).build();
        let mut input = text.as_bytes();
        let mut out = vec![0u8; input.len() + 1];
        let mut ends = vec![0usize; input.len() + 2];
        let (mut outpos, mut endpos) = (0, 0);
        let mut records = Vec::new();
        loop {
            let (res, nin, nout, nend) =
                rdr.read_record(input, &mut out[outpos..], &mut ends[endpos..]);
            input = &input[nin..];
            outpos += nout;
            endpos += nend;
            match res {
                ReadRecordResult::Record => {
                    let mut from = 0;
                    let mut cells = Vec::new();
                    for &e in &ends[..endpos] {
                        cells.push(String::from_utf8_lossy(&out[from..e]).trim().to_string());
                        from = e;
                    }
                    records.push(cells);
                    (outpos, endpos) = (0, 0);
                }
                ReadRecordResult::InputEmpty => {}
                _ => break,
            }
        }
        records
    }

    proptest::proptest! {
        /// The paste box reads CSV as `csv-core` (the `csv` crate's reader) does: quotes,
        /// doubled quotes, delimiters and line breaks inside quotes, CRLF/CR/LF, blank lines.
        #[test]
        fn csv_reader_agrees_with_csv_core(
            text in "[a é\"\n\r\t;,]{0,40}",
            delim in proptest::sample::select(vec![b'\t', b';', b',']),
        ) {
            let ours: Vec<Vec<String>> = csv_records(&text, delim).into_iter().map(|r| r.1).collect();
            proptest::prop_assert_eq!(ours, csv_core_records(&text, delim), "{:?}", text);
        }
    }

    #[test]
    fn share_link_round_trip() {
        let s = st(&[("Ba Đình", "1000", "Phúc Xá\t30")]);
        let e = encode(&s);
        assert_eq!(decode::<AllocState>(&e), Some(s.clone()));
        assert_eq!(decode::<AllocState>("%%%"), None);
        assert_eq!(decode::<DeadlineState>(&e), None);
        let h = DeadlineState::default();
        assert_eq!(decode::<DeadlineState>(&encode(&h)), Some(h));
        let j = input_json(&s);
        assert!(j.contains("\"sites\":\"Phúc Xá\\t30\""), "{j}");
        let v: serde_json::Value = serde_json::from_str(&j).unwrap();
        assert_eq!(v["districts"][0]["name"], "Ba Đình");
        assert_eq!(v["sample_size"], "250");
    }
}
