//! Export formats of the allocation page (pure formatting over the core's results; no rule,
//! no arithmetic): the field plan as CSV for Excel and as JSON. The deadlines' iCalendar
//! writer is the core's (`core::ics`), shared with `sotay calc`.
use crate::core::allocate::{OrderedSite, PlanOutput, Role};
use crate::core::text::num;
use crate::view::state::json_str;

/// UTF-8 byte-order mark: Excel reads the file as UTF-8 only with it.
pub const BOM: &str = "\u{feff}";

/// One CSV cell: text that a spreadsheet would run as a formula (starting with `=`, `+`, `-`,
/// `@`, tab or CR) gets a leading `'`; cells with `,`, `"` or line breaks are quoted.
pub fn csv_cell(out: &mut String, s: &str) {
    let neutralise = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let quote = neutralise || s.contains([',', '"', '\n', '\r', ';']);
    if quote {
        out.push('"');
    }
    if neutralise {
        out.push('\'');
    }
    for c in s.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    if quote {
        out.push('"');
    }
}

fn csv_row_with(out: &mut String, cells: &[&str], delim: char) {
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            out.push(delim);
        }
        csv_cell(out, c);
    }
    out.push_str("\r\n");
}

/// Vietnamese name of a role.
pub fn role_vi(r: Role) -> &'static str {
    match r {
        Role::Primary => "chính",
        Role::Reserve => "dự phòng",
    }
}

fn site_cells(out: &mut String, area: &str, head: [&str; 3], s: &OrderedSite, delim: char) {
    csv_row_with(
        out,
        &[
            area,
            head[0],
            head[1],
            head[2],
            &num(s.order as u64),
            &s.name,
            &num(s.estimate),
            role_vi(s.role),
            &num(s.cumulative),
            "",
        ],
        delim,
    );
}

/// The calculator's version (this crate's), printed on every plan and export.
pub const CALCULATOR_VERSION: &str = env!("CARGO_PKG_VERSION");

/// A short hash of the plan's input as typed (FNV-1a 64 of [`crate::view::state::input_json`],
/// 12 hex digits): two printouts with the same hash come from the same input.
pub fn input_hash(st: &crate::view::state::AllocState) -> String {
    let h = crate::core::rng::fnv1a(crate::view::state::input_json(st).as_bytes());
    let mut s = String::with_capacity(12);
    for i in (4..16).rev() {
        let d = (h >> (i * 4)) & 0xf;
        s.push(char::from_digit(d as u32, 16).unwrap_or('0'));
    }
    s
}

/// The audit trail as (label, value) rows: seed, algorithm and its version, the calculator's
/// version, the input hash.
pub fn audit_rows(seed: u64, hash: &str) -> [(&'static str, String); 4] {
    use crate::core::rng::{ALGORITHM, ALGORITHM_VERSION};
    [
        ("Hạt giống", num(seed)),
        (
            "Thuật toán thứ tự điểm",
            crate::core::text::cat(&[ALGORITHM, ", phiên bản ", &num(ALGORITHM_VERSION as u64)]),
        ),
        (
            "Phiên bản máy tính",
            crate::core::text::cat(&["Sổ tay ", CALCULATOR_VERSION]),
        ),
        ("Mã dữ liệu nhập", hash.into()),
    ]
}

/// The audit trail on one line (print view).
pub fn audit_line(seed: u64, hash: &str) -> String {
    let rows = audit_rows(seed, hash);
    let parts: Vec<String> = rows
        .iter()
        .map(|(k, v)| crate::core::text::cat(&[k, ": ", v]))
        .collect();
    parts.join(" · ")
}

/// The CSV file's name: `phan-bo-mau-<nhóm>-<năm>.csv`.
pub fn csv_file_name(group: &str, year: i32) -> String {
    crate::core::text::cat(&["phan-bo-mau-", group, "-", &num(year.max(0) as u64), ".csv"])
}

/// The field plan as CSV (UTF-8 with BOM, CRLF, comma-separated, RFC 4180 quoting): one row
/// per site in visiting order, preceded by its area's allocation; areas without listed sites
/// get one row. The last column is left empty for ticking visited sites.
pub fn plan_csv(out: &PlanOutput) -> String {
    plan_csv_with(out, &[], ',')
}

/// [`plan_csv`] with metadata rows first (label, value; then an empty row) and the
/// delimiter `delim` (`,`, or `;` for Excel with Vietnamese regional settings).
pub fn plan_csv_with(out: &PlanOutput, meta: &[(&str, &str)], delim: char) -> String {
    let mut s = String::from(BOM);
    if !meta.is_empty() {
        for (k, v) in meta {
            csv_row_with(&mut s, &[k, v], delim);
        }
        s.push_str("\r\n");
    }
    plan_csv_body(&mut s, out, delim);
    s
}

fn plan_csv_body(s: &mut String, out: &PlanOutput, delim: char) {
    csv_row_with(
        s,
        &[
            "Huyện / khu vực",
            "Được chọn",
            "Số mẫu phân bổ",
            "Số điểm cần đến",
            "Thứ tự",
            "Điểm",
            "Ước lượng",
            "Vai trò",
            "Lũy kế ước lượng",
            "Đã đến",
        ],
        delim,
    );
    for d in &out.districts {
        let sel = if d.selected { "có" } else { "không" };
        let alloc = num(d.allocated as u64);
        let needed = d.sites_needed.map(|n| num(n as u64)).unwrap_or_default();
        if d.sites.is_empty() {
            csv_row_with(
                s,
                &[&d.name, sel, &alloc, &needed, "", "", "", "", "", ""],
                delim,
            );
        }
        for site in &d.sites {
            site_cells(s, &d.name, [sel, &alloc, &needed], site, delim);
        }
    }
    for site in &out.sites {
        // Recruits' wards are in one provincial order, each with its district.
        site_cells(
            s,
            site.district.as_deref().unwrap_or(""),
            ["", "", ""],
            site,
            delim,
        );
    }
}

fn jkey(o: &mut String, k: &str) {
    if !o.ends_with(['{', '[']) {
        o.push(',');
    }
    json_str(o, k);
    o.push(':');
}

fn jstr(o: &mut String, k: &str, v: &str) {
    jkey(o, k);
    json_str(o, v);
}

fn jnum(o: &mut String, k: &str, v: u64) {
    jkey(o, k);
    o.push_str(&num(v));
}

fn jopt_str(o: &mut String, k: &str, v: Option<&str>) {
    match v {
        Some(v) => jstr(o, k, v),
        None => {
            jkey(o, k);
            o.push_str("null");
        }
    }
}

fn jsites(o: &mut String, k: &str, sites: &[OrderedSite]) {
    jkey(o, k);
    o.push('[');
    for (i, s) in sites.iter().enumerate() {
        if i > 0 {
            o.push(',');
        }
        o.push('{');
        jnum(o, "order", s.order as u64);
        jstr(o, "name", &s.name);
        jnum(o, "estimate", s.estimate);
        jstr(
            o,
            "role",
            if s.role == Role::Primary {
                "primary"
            } else {
                "reserve"
            },
        );
        jnum(o, "cumulative", s.cumulative);
        o.push('}');
    }
    o.push(']');
}

/// The computed plan as JSON (hand-written: no serde_json/float formatting in the module).
/// Its shape is the plan's one shape, `PlanOutput` as serde writes it (`sotay calc allocate`):
/// every key here has the same name and value there (tested below); it leaves out what a
/// planner's file does not need. The precision, a float there, is not written.
pub fn plan_json(out: &PlanOutput) -> String {
    let mut o = String::from("{");
    jkey(&mut o, "regulation");
    o.push('{');
    jstr(&mut o, "id", out.regulation.id);
    jstr(&mut o, "name", out.regulation.name);
    jopt_str(&mut o, "replaced_by", out.regulation.replaced_by);
    o.push('}');
    jstr(&mut o, "group", out.group.as_str());
    jstr(&mut o, "group_name", out.group_name);
    jnum(&mut o, "sample_size", out.sample_size as u64);
    jnum(&mut o, "seed", out.seed);
    jkey(&mut o, "seed_derived");
    o.push_str(if out.seed_derived { "true" } else { "false" });
    jstr(&mut o, "method_article", out.method_article);
    jstr(&mut o, "site_kind", out.site_kind.as_str());
    jstr(&mut o, "site_kind_name", out.site_kind_name);
    jkey(&mut o, "districts");
    o.push('[');
    for (i, d) in out.districts.iter().enumerate() {
        if i > 0 {
            o.push(',');
        }
        o.push('{');
        jstr(&mut o, "name", &d.name);
        jnum(&mut o, "estimate", d.estimate);
        jnum(&mut o, "rank", d.rank as u64);
        jkey(&mut o, "selected");
        o.push_str(if d.selected { "true" } else { "false" });
        jnum(&mut o, "allocated", d.allocated as u64);
        match d.sites_needed {
            Some(n) => jnum(&mut o, "sites_needed", n as u64),
            None => jopt_str(&mut o, "sites_needed", None),
        }
        jsites(&mut o, "sites", &d.sites);
        o.push('}');
    }
    o.push(']');
    jsites(&mut o, "sites", &out.sites);
    jkey(&mut o, "steps");
    o.push('[');
    for s in &out.steps {
        o.push('{');
        jopt_str(&mut o, "article", s.article);
        jstr(&mut o, "text", &s.text);
        o.push('}');
        o.push(',');
    }
    if o.ends_with(',') {
        o.pop();
    }
    o.push(']');
    // As in `SpecimenPlan`: the specimens and the tests under "specimens".
    jkey(&mut o, "specimens");
    o.push('{');
    jkey(&mut o, "specimens");
    o.push('[');
    for s in &out.specimens.specimens {
        o.push('{');
        jstr(&mut o, "name", s.name);
        jnum(&mut o, "count", s.count as u64);
        jstr(&mut o, "article", s.article);
        o.push_str("},");
    }
    if o.ends_with(',') {
        o.pop();
    }
    o.push(']');
    jkey(&mut o, "tests");
    o.push('[');
    for s in &out.specimens.tests {
        o.push('{');
        jstr(&mut o, "name", s.name);
        jnum(&mut o, "count", s.count as u64);
        jstr(&mut o, "place", s.place);
        jstr(&mut o, "article", s.article);
        o.push_str("},");
    }
    if o.ends_with(',') {
        o.pop();
    }
    o.push_str("]}");
    // The precision's numbers are floats (no float formatting in the module): its text only.
    jkey(&mut o, "precision");
    match &out.precision {
        Some(p) => {
            o.push('{');
            jstr(&mut o, "text", &p.text);
            o.push('}');
        }
        None => o.push_str("null"),
    }
    jkey(&mut o, "warnings");
    o.push('[');
    for w in &out.warnings {
        o.push('{');
        jstr(&mut o, "code", w.code);
        jopt_str(&mut o, "district", w.district.as_deref());
        jstr(&mut o, "text", &w.text);
        o.push_str("},");
    }
    if o.ends_with(',') {
        o.pop();
    }
    o.push_str("]}");
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::allocate::{DistrictInput, PlanInput, SiteInput};
    use crate::core::rules::GroupId;

    #[test]
    fn csv_cells_are_neutralised_and_quoted() {
        let mut s = String::new();
        for c in ["=1+1", "+84", "-3", "@x", "a,b", "say \"hi\"", "Phúc Xá"] {
            csv_cell(&mut s, c);
            s.push('|');
        }
        assert_eq!(
            s,
            "\"'=1+1\"|\"'+84\"|\"'-3\"|\"'@x\"|\"a,b\"|\"say \"\"hi\"\"\"|Phúc Xá|"
        );
    }

    #[test]
    fn plan_csv_has_bom_header_and_sites() {
        let plan = PlanInput {
            group: Some(GroupId::Idu),
            sample_size: 250,
            seed: Some(7),
            districts: vec![DistrictInput {
                name: "=Ba Đình".into(),
                estimate: 1000,
                sites: vec![
                    SiteInput {
                        name: "Phúc Xá".into(),
                        estimate: 100,
                        weekly_volume: None,
                    },
                    SiteInput {
                        name: "@Trúc Bạch".into(),
                        estimate: 200,
                        weekly_volume: None,
                    },
                ],
                ..Default::default()
            }],
            ..Default::default()
        };
        let out = crate::core::allocate(&plan).unwrap();
        let csv = plan_csv(&out);
        assert!(csv.starts_with("\u{feff}Huyện / khu vực,"));
        // Metadata first, then an empty row; `;` for Excel in Vietnamese settings.
        let semi = plan_csv_with(
            &out,
            &[("Nhóm", "Nam nghiện chích ma túy"), ("Ghi chú", "a;b")],
            ';',
        );
        let sl: Vec<&str> = semi.split("\r\n").collect();
        assert_eq!(sl[0], "\u{feff}Nhóm;Nam nghiện chích ma túy");
        assert_eq!(sl[1], "Ghi chú;\"a;b\"");
        assert_eq!(sl[2], "");
        assert!(sl[3].starts_with("Huyện / khu vực;Được chọn;"), "{semi}");
        assert!(sl[4].starts_with("\"'=Ba Đình\";có;250;"), "{semi}");
        assert_eq!(csv_file_name("idu", 2026), "phan-bo-mau-idu-2026.csv");
        let st = crate::view::state::AllocState::default();
        let h = input_hash(&st);
        assert_eq!(h.len(), 12);
        assert_eq!(h, input_hash(&st.clone()));
        let mut other = st.clone();
        other.n = "250".into();
        assert_ne!(h, input_hash(&other));
        assert_eq!(
            audit_line(7, &h),
            format!(
                "Hạt giống: 7 · Thuật toán thứ tự điểm: SplitMix64 + Fisher–Yates, phiên bản 1 · Phiên bản máy tính: Sổ tay {CALCULATOR_VERSION} · Mã dữ liệu nhập: {h}"
            )
        );
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines.len(), 4, "{csv}");
        assert!(lines[1].starts_with("\"'=Ba Đình\",có,250,"), "{csv}");
        assert!(csv.contains("\"'@Trúc Bạch\""));
        let j: serde_json::Value = serde_json::from_str(&plan_json(&out)).unwrap();
        assert_eq!(j["sample_size"], 250);
        assert_eq!(j["districts"][0]["name"], "=Ba Đình");
        assert_eq!(j["districts"][0]["sites"].as_array().unwrap().len(), 2);
        assert_eq!(j["regulation"]["id"], "tt09-2012");
        assert!(j["steps"].as_array().unwrap().len() > 1);
    }

    /// Every value the browser's export writes is the value `sotay calc allocate` (serde) has
    /// at the same place: one shape of a plan, whichever writer wrote it.
    #[test]
    fn the_exported_plan_is_the_cli_plan_s_shape() {
        fn leaves(v: &serde_json::Value, path: String, out: &mut Vec<(String, serde_json::Value)>) {
            match v {
                serde_json::Value::Object(m) => {
                    for (k, x) in m {
                        leaves(x, format!("{path}/{k}"), out);
                    }
                }
                serde_json::Value::Array(a) => {
                    for (i, x) in a.iter().enumerate() {
                        leaves(x, format!("{path}/{i}"), out);
                    }
                }
                _ => out.push((path, v.clone())),
            }
        }
        let mut checked = 0;
        let mut wrong = std::collections::BTreeSet::new();
        for version in crate::core::rules::versions() {
            for g in version.groups.unwrap_or(&[]) {
                let plan = PlanInput {
                    version: Some(version.id.into()),
                    group: Some(g.id),
                    sample_size: g.sample_size.value.min.max(1),
                    seed: Some(42),
                    expected_prevalence: Some(0.1),
                    districts: ["Ba Đình", "Đống Đa", "Cầu Giấy"]
                        .iter()
                        .enumerate()
                        .map(|(i, n)| DistrictInput {
                            name: (*n).into(),
                            estimate: 900 - 200 * i as u64,
                            sites: (1..=4)
                                .map(|k| SiteInput {
                                    name: format!("Điểm {k} {n}"),
                                    estimate: 50 * k,
                                    weekly_volume: None,
                                })
                                .collect(),
                            ..Default::default()
                        })
                        .collect(),
                    ..Default::default()
                };
                let Ok(out) = crate::core::allocate(&plan) else {
                    continue;
                };
                let cli = serde_json::to_value(&out).unwrap();
                let export: serde_json::Value = serde_json::from_str(&plan_json(&out)).unwrap();
                let mut ls = Vec::new();
                leaves(&export, String::new(), &mut ls);
                for (path, v) in ls {
                    if cli.pointer(&path) != Some(&v) {
                        // The place without its array indexes: one line per key.
                        let key: Vec<&str> = path
                            .split('/')
                            .filter(|p| p.parse::<usize>().is_err())
                            .collect();
                        wrong.insert(format!(
                            "{}: export {v} ≠ CLI {:?}",
                            key.join("/"),
                            cli.pointer(&path)
                        ));
                    }
                }
                checked += 1;
            }
        }
        assert!(checked >= 6, "only {checked} plans computed");
        assert!(
            wrong.is_empty(),
            "{}",
            wrong.into_iter().collect::<Vec<_>>().join("\n")
        );
    }
}
