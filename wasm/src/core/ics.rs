//! iCalendar (RFC 5545) export of reporting deadlines: the one writer, used by the deadlines
//! page (its .ics download) and by `sotay calc deadlines --format ics`, so importing both gives
//! the same events, not two copies of each.
//!
//! One all-day event per deadline on its effective last day (`DTSTART;VALUE=DATE`), with the
//! window, the nominal date, the reason for a shift, what an estimated date rests on, the forms
//! and the instrument in the description. UIDs are `<obligation id>-<nominal last day>@sotay`:
//! stable across builds and calendar updates, so importing again updates an event in place.
use crate::core::deadlines::{Deadline, estimated_text};
use crate::core::text::cat;

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

/// Deadlines as an iCalendar file (see the module). `regulation` names the instrument the
/// list was computed under; `dtstamp` is the UTC creation time `YYYYMMDDTHHMMSSZ`.
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
        // Keyed on the nominal date: an official swap announced later moves the effective day,
        // and importing again must move the event, not add a second one.
        ics_line(
            &mut o,
            &cat(&["UID:", d.id, "-", &ics_date(d.end), "@sotay"]),
        );
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
        let mut desc = cat(&[d.article, ", ", regulation, "."]);
        if !d.sender.is_empty() {
            desc.push_str("\nNgười gửi: ");
            desc.push_str(&d.sender);
            desc.push('.');
        }
        if !d.receiver.is_empty() {
            desc.push_str("\nNgười nhận: ");
            desc.push_str(&d.receiver);
            desc.push('.');
        }
        if let Some(start) = d.start {
            desc.push_str("\nThời gian: từ ");
            desc.push_str(&start.dmy());
            desc.push_str(" đến ");
            desc.push_str(&d.end.dmy());
            desc.push('.');
        }
        desc.push_str("\nHạn theo quy định: ");
        desc.push_str(&d.end.dmy());
        desc.push_str("; hạn thực tế: ");
        desc.push_str(&d.effective_end.dmy());
        if let Some(r) = &d.shift_reason {
            desc.push_str(" (lùi vì ");
            desc.push_str(r);
            desc.push_str("; ");
            desc.push_str(crate::core::deadlines::DAY_OFF_RULE);
            desc.push(')');
        }
        desc.push('.');
        if d.estimated {
            desc.push_str("\nNgày này dựa trên ");
            desc.push_str(&estimated_text(&d.estimated_by));
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
        for n in &d.notes {
            desc.push('\n');
            desc.push_str(n);
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

    #[test]
    fn text_values_are_escaped() {
        assert_eq!(ics_text("a,b;c\\d\ne\r"), "a\\,b\\;c\\\\d\\ne");
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
        assert!(
            unfolded
                .contains("(lùi vì Chủ nhật và Tết Âm lịch\\; Bộ luật Dân sự 2015\\, Điều 148).")
        );
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
