//! Export formats of the calculator pages (pure formatting over the core's results; no rule,
//! no arithmetic): the field plan as CSV for Excel, the deadlines as iCalendar (RFC 5545).
//! Plain Rust (no web-sys), unit-tested natively. The core has no CSV/ICS writer for the
//! browser, so these live here.
use crate::core::allocate::{OrderedSite, PlanOutput, Role};
use crate::core::deadlines::Deadline;
use crate::core::text::{cat, num};
use crate::web::text::dmy;

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
        site_cells(&mut s, "", ["", "", ""], site);
    }
    s
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

/// Append a content line folded at 75 octets (never inside a UTF-8 character), with CRLF.
pub fn ics_line(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
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
                &ics_text(&cat(&[d.title, " (", &d.period, ")"])),
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
            &dmy(d.end),
            "; hạn thực tế: ",
            &dmy(d.effective_end),
        ]);
        if let Some(r) = &d.shift_reason {
            desc.push_str(" (lùi vì ");
            desc.push_str(r);
            desc.push(')');
        }
        desc.push('.');
        if !d.forms.is_empty() {
            desc.push_str("\nBiểu mẫu: ");
            desc.push_str(&d.forms.join(", "));
            desc.push('.');
        }
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
    }

    #[test]
    fn ics_lines_fold_at_75_octets_on_char_boundaries() {
        let mut o = String::new();
        let long = cat(&["DESCRIPTION:", &"Đơn vị đầu mối ".repeat(20)]);
        ics_line(&mut o, &long);
        for l in o.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets", l.len());
        }
        let unfolded = o.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, long);
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
}
