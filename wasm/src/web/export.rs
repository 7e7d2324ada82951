//! Export formats of the calculator pages (pure formatting over the core's results; no rule,
//! no arithmetic): the field plan as CSV for Excel, the deadlines as iCalendar (RFC 5545).
//! Plain Rust (no web-sys), unit-tested natively. The core has no CSV/ICS writer for the
//! browser, so these live here.
use crate::core::allocate::{OrderedSite, PlanOutput, Role};
use crate::core::deadlines::Deadline;
use crate::core::text::{cat, num};
use crate::web::state::json_str;

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

fn csv_row(out: &mut String, cells: &[&str]) {
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
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

fn site_cells(out: &mut String, area: &str, head: [&str; 3], s: &OrderedSite) {
    csv_row(
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
    );
}

/// The field plan as CSV (UTF-8 with BOM, CRLF, comma-separated, RFC 4180 quoting): one row
/// per site in visiting order, preceded by its area's allocation; areas without listed sites
/// get one row. The last column is left empty for ticking visited sites.
pub fn plan_csv(out: &PlanOutput) -> String {
    let mut s = String::from(BOM);
    csv_row(
        &mut s,
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
    );
    for d in &out.districts {
        let sel = if d.selected { "có" } else { "không" };
        let alloc = num(d.allocated as u64);
        let needed = d.sites_needed.map(|n| num(n as u64)).unwrap_or_default();
        if d.sites.is_empty() {
            csv_row(
                &mut s,
                &[&d.name, sel, &alloc, &needed, "", "", "", "", "", ""],
            );
        }
        for site in &d.sites {
            site_cells(&mut s, &d.name, [sel, &alloc, &needed], site);
        }
    }
    for site in &out.sites {
        // Recruits' wards are in one provincial order, each with its district.
        site_cells(
            &mut s,
            site.district.as_deref().unwrap_or(""),
            ["", "", ""],
            site,
        );
    }
    s
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
/// Integers as numbers, texts as the core wrote them; the precision as its Vietnamese text.
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
    jstr(&mut o, "site_kind", out.site_kind_name);
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
    o.push(']');
    jopt_str(
        &mut o,
        "precision",
        out.precision.as_ref().map(|p| p.text.as_str()),
    );
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

/// Escape an iCalendar TEXT value (RFC 5545 §3.3.11).
fn ics_text(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => o.push_str("\\\\"),
            ';' => o.push_str("\\;"),
            ',' => o.push_str("\\,"),
            '\n' => o.push_str("\\n"),
            '\r' => {}
            _ => o.push(c),
        }
    }
    o
}

/// Append a content line folded at 75 octets at most (never inside a UTF-8 character), with
/// CRLF. Folds fall between two non-space characters where possible: some parsers trim the
/// lines they unfold, which would lose a space at either side of a fold.
pub fn ics_line(out: &mut String, line: &str) {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut start = 0; // index into chars
    let mut first = true;
    while start < chars.len() {
        let room = if first { 75 } else { 74 };
        let from = chars[start].0;
        // Longest segment that fits.
        let mut end = start;
        while end < chars.len() && chars[end].0 + chars[end].1.len_utf8() - from <= room {
            end += 1;
        }
        if end < chars.len() {
            // Back up to a boundary between two non-spaces (not too far).
            let mut k = end;
            while k > start + 1 && (chars[k].1 == ' ' || chars[k - 1].1 == ' ') {
                k -= 1;
            }
            if k > start + 1 {
                end = k;
            }
        }
        let to = chars.get(end).map(|c| c.0).unwrap_or(line.len());
        if !first {
            out.push_str("\r\n ");
        }
        out.push_str(&line[from..to]);
        first = false;
        start = end;
    }
    out.push_str("\r\n");
}

fn ics_date(d: crate::core::date::Date) -> String {
    let iso = d.iso();
    iso.chars().filter(|&c| c != '-').collect()
}

/// Deadlines as an iCalendar file: one all-day VEVENT per obligation on its effective last
/// day (`DTSTART;VALUE=DATE`), with the nominal date and the reason for a shift in the
/// description. `dtstamp` is the UTC creation time `YYYYMMDDTHHMMSSZ`; UIDs are stable
/// (obligation id + date) so importing again updates instead of duplicating.
pub fn deadlines_ics(list: &[Deadline], regulation: &str, dtstamp: &str) -> String {
    let mut o = String::new();
    for l in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//So tay//Han bao cao//VI",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        ics_line(&mut o, l);
    }
    ics_line(
        &mut o,
        &cat(&[
            "X-WR-CALNAME:",
            &ics_text(&cat(&["Hạn báo cáo — ", regulation])),
        ]),
    );
    for d in list {
        let day = ics_date(d.effective_end);
        ics_line(&mut o, "BEGIN:VEVENT");
        ics_line(&mut o, &cat(&["UID:", d.id, "-", &day, "@sotay"]));
        ics_line(&mut o, &cat(&["DTSTAMP:", dtstamp]));
        ics_line(&mut o, &cat(&["DTSTART;VALUE=DATE:", &day]));
        ics_line(
            &mut o,
            &cat(&["DTEND;VALUE=DATE:", &ics_date(d.effective_end.add_days(1))]),
        );
        ics_line(
            &mut o,
            &cat(&[
                "SUMMARY:",
                &ics_text(&cat(&[
                    d.title,
                    " (",
                    &d.period,
                    ")",
                    // A date the instrument no longer governed (issue 7).
                    if d.in_force {
                        ""
                    } else {
                        " — chỉ để tham khảo"
                    },
                ])),
            ]),
        );
        let mut desc = cat(&[
            d.article,
            ", ",
            regulation,
            ".\nNgười gửi: ",
            &d.sender,
            ".\nNgười nhận: ",
            &d.receiver,
            ".\nHạn theo quy định: ",
            &d.end.dmy(),
            "; hạn thực tế: ",
            &d.effective_end.dmy(),
        ]);
        if let Some(r) = &d.shift_reason {
            desc.push_str(" (lùi vì ");
            desc.push_str(r);
            desc.push(')');
        }
        desc.push('.');
        if d.estimated {
            desc.push_str("\nNgày này dựa trên ");
            desc.push_str(&crate::web::dl_view::estimated_text(&d.estimated_by));
            desc.push_str(" (chưa có thông báo chính thức).");
        }
        if !d.forms.is_empty() {
            desc.push_str("\nBiểu mẫu: ");
            desc.push_str(&d.forms.join(", "));
            desc.push('.');
        }
        desc.push('\n');
        desc.push_str(&d.instrument);
        desc.push('.');
        ics_line(&mut o, &cat(&["DESCRIPTION:", &ics_text(&desc)]));
        ics_line(&mut o, "TRANSP:TRANSPARENT");
        ics_line(&mut o, "END:VEVENT");
    }
    ics_line(&mut o, "END:VCALENDAR");
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

    #[test]
    fn ics_lines_fold_at_75_octets_on_char_boundaries() {
        let mut o = String::new();
        let long = cat(&["DESCRIPTION:", "Đơn vị đầu mối ".repeat(20).trim_end()]);
        ics_line(&mut o, &long);
        for l in o.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets", l.len());
        }
        let unfolded = o.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, long);
        assert!(
            !o.contains("\r\n  "),
            "no continuation line starts with a space"
        );
        assert!(!o.contains(" \r\n"), "no folded line ends with a space");
    }

    #[test]
    fn ics_of_a_year() {
        let list = crate::core::deadlines::deadlines(2024, None).unwrap();
        let ics = deadlines_ics(&list, "Thông tư 09/2012/TT-BYT", "20240101T000000Z");
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), list.len());
        assert!(ics.contains("DTSTART;VALUE=DATE:2024"));
        assert!(!ics.replace("\r\n", "").contains('\n'));
    }

    #[test]
    fn ics_descriptions_say_when_a_date_rests_on_an_estimated_occasion() {
        let list = crate::core::deadlines::deadlines(2027, None).unwrap();
        let ics = deadlines_ics(&list, "Thông tư 09/2012/TT-BYT", "20270101T000000Z");
        let unfolded = ics.replace("\r\n ", "");
        let events: Vec<&str> = unfolded.split("BEGIN:VEVENT").skip(1).collect();
        assert_eq!(events.len(), list.len());
        for (d, e) in list.iter().zip(&events) {
            assert_eq!(
                e.contains("dựa trên lịch nghỉ ước tính: "),
                d.estimated,
                "{e}"
            );
        }
        assert!(
            unfolded
                .contains("lịch nghỉ ước tính: Tết Âm lịch 2027 (chưa có thông báo chính thức).")
        );
        // The shift reason names every day crossed.
        let list = crate::core::deadlines::deadlines(2026, None).unwrap();
        let unfolded = deadlines_ics(&list, "x", "20260101T000000Z").replace("\r\n ", "");
        assert!(unfolded.contains("(lùi vì Chủ nhật và Tết Âm lịch)."));
    }

    #[test]
    fn ics_names_the_instrument_and_marks_dates_it_no_longer_governed() {
        let v = crate::core::rules::version("tt09-2012").unwrap();
        let list = crate::core::deadlines::deadlines_for_year(v, 2023, None).unwrap();
        let ics = deadlines_ics(&list, v.name, "20230101T000000Z");
        let unfolded = ics.replace("\r\n ", "");
        let events: Vec<&str> = unfolded.split("BEGIN:VEVENT").skip(1).collect();
        assert_eq!(events.len(), list.len());
        for (d, e) in list.iter().zip(&events) {
            assert!(e.contains(&ics_text(&d.instrument)), "{e}");
            let summary = e.lines().find(|l| l.starts_with("SUMMARY:")).unwrap();
            assert_eq!(
                summary.ends_with("chỉ để tham khảo"),
                !d.in_force,
                "{summary}"
            );
        }
        assert!(list.iter().any(|d| d.in_force) && list.iter().any(|d| !d.in_force));
    }
}
