//! The year list of the deadlines page as one HTML string (plain Rust, unit-tested natively).
//!
//! Why a string: a year holds ~90 dated obligations, ~1,400 elements. Built node by node through
//! web-sys that is ~6,000 calls across the wasm/JS boundary and a garbage-collected string for
//! each; Lighthouse's mobile profile (4× slower CPU) saw it as one long task. One
//! `innerHTML` lets the browser's own parser build the same tree. Every piece of text here comes
//! from the engine (rules data and dates) and is escaped; nothing a planner typed is inserted
//! (the year is printed from the parsed number).
//!
//! The list is grouped by the month of the effective date, one `<section class="dl-group">` per
//! month: a planner scans by month, and the groups below the screen are skipped by layout
//! (`content-visibility: auto` in calc.css) until scrolled to.
//!
//! The page's first view (the current year, every unit, the instrument in force) is also written
//! into the page at build time by the generator ([`first_view`]), with the same functions, so a
//! phone shows the year's deadlines before the module arrives and the module has nothing to
//! redo when the planner's state is that view.
use crate::core::calendar::{SkippedRun, Workdays};
use crate::core::date::Date;
use crate::core::deadlines::estimated_text;
use crate::core::deadlines::{self, Deadline};
use crate::core::rules::{self, ObligationKind, RulesVersion};
use crate::core::text::{cat, num, push_html_escaped as push_esc, push_u64};
use crate::view::form::{self, Choices};
use serde::Serialize;

fn level_name(id: &str) -> Option<&'static str> {
    Some(match id {
        "xa" => "Tuyến xã (mọi đơn vị)",
        "huyen" => "Tuyến huyện (mọi đơn vị)",
        "tinh" => "Tuyến tỉnh (mọi đơn vị)",
        "trung_uong" => "Tuyến trung ương (mọi đơn vị)",
        _ => return None,
    })
}

/// The unit select of `v`: every unit first ("Tất cả đơn vị", valued ""), then the levels and
/// the units its obligations name.
pub fn unit_choices(v: &RulesVersion) -> Choices {
    let mut opts = vec![(String::new(), String::from("Tất cả đơn vị"))];
    for id in deadlines::unit_ids(v) {
        let name = level_name(id)
            .or_else(|| v.unit(id).map(|u| u.name))
            .map(String::from);
        if let Some(n) = name {
            opts.push((id.into(), n));
        }
    }
    opts
}

/// The line above the list naming the instrument the dates follow, and its replacement.
pub fn regulation_text(v: &RulesVersion, year: Option<i32>) -> String {
    let mut t = cat(&["Các hạn dưới đây tính theo ", v.name, " (", v.title, ")."]);
    if let Some(next) = v.replaced_by {
        // The end date belongs to this instrument, the start date to the one replacing it
        // (never "replaced by X (in force until …)", which reads as if X had expired).
        let nv = rules::version(next);
        let name = nv.map(|v| v.name).unwrap_or(next);
        t.push_str(" Văn bản này");
        if let Some(until) = v.in_force_until
            && let Some(d) = Date::parse_iso(until)
        {
            t.push_str(&cat(&[" có hiệu lực đến hết ngày ", &d.dmy(), " và"]));
        }
        t.push_str(&cat(&[" đã được thay thế bởi ", name]));
        if let Some(d) = nv.and_then(|n| Date::parse_iso(n.in_force_from.value)) {
            t.push_str(&cat(&[" (có hiệu lực từ ngày ", &d.dmy(), ")"]));
        }
        t.push('.');
        if year.is_some_and(|y| y >= 2023) {
            t.push_str(" Các hạn từ ngày văn bản mới có hiệu lực không còn là quy định đang áp dụng: đối chiếu với văn bản hiện hành.");
        }
    }
    t
}

/// The summary of a computed year: "92 hạn trong năm 2026 theo Thông tư 09/2012/TT-BYT.".
pub fn summary_text(count: usize, year: &str, v: &RulesVersion) -> String {
    cat(&[
        &num(count as u64),
        " hạn trong năm ",
        year,
        " theo ",
        v.name,
        ".",
    ])
}

/// Where the module saves the planner's choices (local storage). The page's loader reads it too
/// ([`FirstView::store`]).
pub const STORAGE_KEY: &str = "sotay.han-bao-cao.v1";

/// The page's first view for `year`, as the generator writes it and the module would render
/// it: the instrument in force, every unit, the list view.
#[derive(Debug, Clone, Serialize)]
pub struct FirstView {
    /// The year shown (the page root's `data-first-view`).
    pub year: i32,
    /// [`STORAGE_KEY`]: `js/calc.js` loads the module after the first paint unless choices are
    /// saved there (or the address links some).
    pub store: &'static str,
    /// `<option>`s of the instrument select (the one in force selected).
    pub version_options: String,
    /// `<option>`s of the unit select ("every unit" first, selected by default).
    pub unit_options: String,
    /// The reporting period's options (shown only for an instrument whose period is chosen).
    pub period_options: String,
    /// `<option>`s of the month select.
    pub month_options: String,
    /// [`regulation_text`].
    pub regulation: String,
    /// [`summary_text`].
    pub summary: String,
    /// [`list_html`] of the year's deadlines.
    pub list: String,
}

/// The first view for `year`; `None` when the instrument in force cannot date that year (a
/// rule it lacks, or a year outside the calendar): the page then leaves it to the module.
pub fn first_view(year: i32) -> Option<FirstView> {
    let v = rules::active();
    let list = deadlines::deadlines_for_year(v, year, None).ok()?;
    Some(FirstView {
        year,
        store: STORAGE_KEY,
        version_options: form::options_html(&form::version_choices(), v.id),
        unit_options: form::options_html(&unit_choices(v), ""),
        period_options: form::options_html(&form::period_choices(), ""),
        month_options: form::options_html(&form::month_choices(), ""),
        regulation: regulation_text(v, Some(year)),
        summary: summary_text(list.len(), &num(year as u64), v),
        list: list_html(&list, v),
    })
}

/// Column headings of the list, in order.
pub const COLUMNS: [&str; 7] = [
    "Hạn thực tế",
    "Hạn theo quy định",
    "Việc",
    "Kỳ",
    "Người gửi → người nhận",
    "Điều, biểu mẫu",
    "Văn bản áp dụng",
];

/// Cell classes, in column order (the phone layout labels each cell by its class).
const CELL_CLASS: [&str; 7] = [
    "dl-date dl-c-eff",
    "dl-date dl-c-nom",
    "dl-c-what",
    "dl-c-per",
    "dl-c-who",
    "dl-c-art",
    "dl-c-ins",
];

/// Row class: not in force on its date (issue 7) first, then moved by a day off.
fn row_class(d: &Deadline) -> &'static str {
    match (d.shift_reason.is_some(), d.in_force) {
        (_, false) => "is-superseded",
        (true, true) => "is-shifted",
        _ => "",
    }
}

/// `<span class="calc-note dl-estimated"> (lịch nghỉ ước tính: …)</span>`, nothing when `by`
/// is empty.
pub fn push_estimated(out: &mut String, by: &[String]) {
    if by.is_empty() {
        return;
    }
    out.push_str("<span class=\"calc-note dl-estimated\"> (");
    push_esc(out, &estimated_text(by));
    out.push_str(")</span>");
}

/// At most this many runs of skipped days are listed by [`workdays_html`].
pub const MAX_RUNS: usize = 12;

/// The working-day counter's result: the day reached, the runs of days it skipped (at most
/// [`MAX_RUNS`], then how many more) and whether it rests on an estimated occasion.
pub fn workdays_html(w: &Workdays, runs: &[SkippedRun]) -> String {
    let mut out = String::new();
    out.push_str("<span class=\"wd-date\">");
    push_u64(&mut out, w.add.unsigned_abs() as u64);
    out.push_str(if w.add < 0 {
        " ngày làm việc trước "
    } else {
        " ngày làm việc kể từ "
    });
    out.push_str(&w.from.dmy());
    out.push_str(" (không tính ngày bắt đầu, bỏ qua thứ Bảy, Chủ nhật và ngày nghỉ lễ, tết): ");
    out.push_str(&w.date.dmy());
    out.push_str(" (");
    out.push_str(w.weekday);
    out.push_str(").</span>");
    out.push_str("<span class=\"wd-skipped\">");
    if runs.is_empty() {
        out.push_str("Không có ngày nghỉ nào ở giữa.");
    } else {
        out.push_str("Đã bỏ qua ");
        push_u64(&mut out, w.skipped.len() as u64);
        out.push_str(" ngày nghỉ: ");
        for (i, r) in runs.iter().take(MAX_RUNS).enumerate() {
            if i > 0 {
                out.push_str("; ");
            }
            out.push_str(&r.from.dmy());
            if r.to != r.from {
                out.push('–');
                out.push_str(&r.to.dmy());
            }
            out.push_str(" (");
            push_esc(&mut out, &r.reason);
            out.push(')');
        }
        if runs.len() > MAX_RUNS {
            out.push_str("; và ");
            push_u64(&mut out, (runs.len() - MAX_RUNS) as u64);
            out.push_str(" đợt nghỉ khác");
        }
        out.push('.');
    }
    out.push_str("</span>");
    if w.estimated {
        out.push_str("<span class=\"wd-estimated calc-warn\">Kết quả dựa trên ");
        push_esc(&mut out, &estimated_text(&w.estimated_occasions));
        out.push_str(" (chưa có thông báo chính thức).</span>");
    }
    out
}

/// The instrument a date follows; a date the instrument no longer governed is marked in words
/// ("Chỉ để tham khảo"), not only by colour.
pub fn push_instrument(out: &mut String, in_force: bool, label: &str) {
    out.push_str("<span class=\"dl-instrument\">");
    if !in_force {
        out.push_str("<strong class=\"dl-badge\">Chỉ để tham khảo</strong> ");
    }
    push_esc(out, label);
    out.push_str("</span>");
}

fn open_group(out: &mut String, year: i32, month: u8, count: usize, v: &RulesVersion) {
    out.push_str("<section class=\"dl-group\"><div class=\"calc-table-wrap\"><table class=\"calc-table dl-table\"><caption>Tháng ");
    push_u64(out, month as u64);
    out.push('/');
    push_u64(out, year as u64);
    out.push_str(" (");
    push_esc(out, v.name);
    out.push_str("): ");
    push_u64(out, count as u64);
    out.push_str(" hạn</caption><thead><tr>");
    for c in COLUMNS {
        out.push_str("<th scope=\"col\">");
        out.push_str(c);
        out.push_str("</th>");
    }
    out.push_str("</tr></thead><tbody>");
}

fn push_row(out: &mut String, d: &Deadline, v: &RulesVersion) {
    let cell = |out: &mut String, i: usize| {
        out.push_str("<td class=\"");
        out.push_str(CELL_CLASS[i]);
        out.push_str("\">");
    };
    let class = row_class(d);
    if class.is_empty() {
        out.push_str("<tr>");
    } else {
        out.push_str("<tr class=\"");
        out.push_str(class);
        out.push_str("\">");
    }
    cell(out, 0);
    out.push_str(&d.effective_end.dmy());
    push_estimated(out, &d.estimated_by);
    out.push_str("</td>");
    cell(out, 1);
    out.push_str(&d.end.dmy());
    if let Some(r) = &d.shift_reason {
        out.push_str("<span class=\"dl-reason\"> — lùi vì ");
        push_esc(out, r);
        out.push_str("</span>");
    }
    out.push_str("</td>");
    cell(out, 2);
    push_esc(out, d.title);
    if d.kind == ObligationKind::Collection {
        out.push_str("<span class=\"calc-note\"> (thu thập mẫu)</span>");
    }
    out.push_str("</td>");
    cell(out, 3);
    push_esc(out, &d.period);
    if let Some(s) = d.start {
        out.push_str(" (từ ");
        out.push_str(&s.dmy());
        out.push(')');
    }
    out.push_str("</td>");
    cell(out, 4);
    push_esc(out, &d.sender);
    out.push_str(" → ");
    push_esc(out, &d.receiver);
    out.push_str("</td>");
    cell(out, 5);
    push_esc(out, d.article);
    out.push_str(", ");
    push_esc(out, v.number);
    if !d.forms.is_empty() {
        out.push_str("; ");
        push_esc(out, &d.forms.join(", "));
    }
    out.push_str("</td>");
    cell(out, 6);
    // A row not in force: its badge and instrument; the rest is said under the month's table.
    let label = if d.in_force {
        d.instrument.as_str()
    } else {
        d.instrument.split(" — ").next().unwrap_or(&d.instrument)
    };
    push_instrument(out, d.in_force, label);
    out.push_str("</td></tr>");
}

/// The list of `list` (in its order) as HTML, one table per run of deadlines whose effective
/// date falls in the same month. Empty for an empty list.
pub fn list_html(list: &[Deadline], v: &RulesVersion) -> String {
    let mut out = String::with_capacity(list.len() * 900);
    notes_html(&mut out, list);
    let mut i = 0;
    while i < list.len() {
        let key = |d: &Deadline| (d.effective_end.year, d.effective_end.month);
        let k = key(&list[i]);
        let n = list[i..].iter().take_while(|d| key(d) == k).count();
        let group = &list[i..i + n];
        open_group(&mut out, k.0, k.1, n, v);
        // The full "replaced by …; chỉ để tham khảo" text once per month (a printed year was
        // 30 pages with it in every row); each such row keeps its badge and instrument.
        let mut said: Vec<&str> = Vec::new();
        for d in group.iter().filter(|d| !d.in_force) {
            if !said.contains(&d.instrument.as_str()) {
                said.push(&d.instrument);
            }
        }
        for d in group {
            push_row(&mut out, d, v);
        }
        if !said.is_empty() {
            out.push_str("</tbody></table></div>");
            for l in said {
                out.push_str("<p class=\"dl-superseded-note calc-note\">");
                push_esc(&mut out, l);
                out.push_str(".</p>");
            }
            out.push_str("</section>");
            i += n;
            continue;
        }
        out.push_str("</tbody></table></div></section>");
        i += n;
    }
    out
}

/// The notes of the list's deadlines (the chosen reporting period, the end of the district
/// level), each once above the list rather than on every row; the page a note names is a link.
fn notes_html(out: &mut String, list: &[Deadline]) {
    let mut seen: Vec<&str> = Vec::new();
    for n in list.iter().flat_map(|d| &d.notes) {
        if seen.contains(&n.as_str()) {
            continue;
        }
        seen.push(n);
        out.push_str("<p class=\"dl-note\">");
        let page = rules::DISTRICT_LEVEL_PAGE;
        let tail = cat(&["Xem ", page, "."]);
        match n.strip_suffix(tail.as_str()) {
            Some(text) => {
                push_esc(out, text);
                out.push_str("<a href=\"");
                out.push_str(page);
                out.push_str("\">Xem: địa giới hành chính từ năm 2025</a>.");
            }
            None => push_esc(out, n),
        }
        out.push_str("</p>");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::deadlines::deadlines_for_year;
    use crate::core::rules;

    fn v09() -> &'static RulesVersion {
        rules::version("tt09-2012").unwrap()
    }

    #[test]
    fn escapes_markup_and_quotes() {
        let mut s = String::new();
        push_esc(&mut s, "a<b>&\"c\"'d' → đ");
        assert_eq!(s, "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39; → đ");
    }

    #[test]
    fn one_table_per_month_in_list_order_with_every_row() {
        let v = v09();
        let list = deadlines_for_year(v, 2024, None).unwrap();
        let html = list_html(&list, v);
        let mut months: Vec<(i32, u8)> = list
            .iter()
            .map(|d| (d.effective_end.year, d.effective_end.month))
            .collect();
        months.dedup();
        assert_eq!(
            html.matches("<section class=\"dl-group\">").count(),
            months.len()
        );
        // One header row per month table, one row per deadline.
        assert_eq!(html.matches("<tr").count(), months.len() + list.len());
        // Rows keep the engine's order: each effective date appears in turn.
        let mut at = 0;
        for d in &list {
            let cell = format!("<td class=\"dl-date dl-c-eff\">{}", d.effective_end.dmy());
            let found = html[at..].find(&cell).expect("row in order");
            at += found + cell.len();
        }
        // A shifted deadline names its reason; the caption counts the month's deadlines.
        let shifted = list.iter().find(|d| d.shift_reason.is_some()).unwrap();
        assert!(html.contains(&format!(
            " — lùi vì {}",
            shifted.shift_reason.as_deref().unwrap()
        )));
        let jan = list
            .iter()
            .filter(|d| d.effective_end.month == 1 && d.effective_end.year == 2024)
            .count();
        assert!(
            html.contains(&format!(
                "<caption>Tháng 1/2024 (Thông tư 09/2012/TT-BYT): {jan} hạn</caption>"
            )),
            "{}",
            &html[..400]
        );
        assert_eq!(html.matches("<th scope=\"col\">").count(), 7 * months.len());
    }

    #[test]
    fn dates_after_the_replacement_are_marked_for_reference_only() {
        let v = v09();
        let list = deadlines_for_year(v, 2023, None).unwrap();
        let html = list_html(&list, v);
        let old = list.iter().filter(|d| !d.in_force).count();
        assert!(old > 0);
        assert_eq!(html.matches("<tr class=\"is-superseded\">").count(), old);
        assert_eq!(html.matches("Chỉ để tham khảo").count(), old);
        // The long text once per month with such rows, not in every row (issue 17).
        let months: std::collections::BTreeSet<u8> = list
            .iter()
            .filter(|d| !d.in_force)
            .map(|d| d.effective_end.month)
            .collect();
        assert!(old > months.len(), "{old} rows in {} months", months.len());
        assert_eq!(html.matches("đã được thay thế từ").count(), months.len());
        assert_eq!(
            html.matches("<p class=\"dl-superseded-note calc-note\">")
                .count(),
            months.len()
        );
    }

    #[test]
    fn engine_text_is_escaped() {
        let v = v09();
        let mut list = deadlines_for_year(v, 2024, None).unwrap();
        list.truncate(1);
        list[0].period = "<img src=x onerror=alert(1)>".into();
        list[0].shift_reason = Some("a & b".into());
        let html = list_html(&list, v);
        assert!(!html.contains("<img"));
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assert!(html.contains("lùi vì a &amp; b"));
        assert_eq!(list_html(&[], v), "");
    }

    #[test]
    fn first_view_is_the_year_the_page_would_render() {
        let v = rules::active();
        let Some(f) = first_view(2026) else {
            // The instrument in force cannot date a year yet (07/2023's deadlines unverified):
            // the page is left to the module, and the choices still come from here.
            assert!(deadlines_for_year(v, 2026, None).is_err());
            return;
        };
        let list = deadlines_for_year(v, 2026, None).unwrap();
        assert_eq!(f.year, 2026);
        assert_eq!(f.list, list_html(&list, v));
        assert_eq!(f.summary, summary_text(list.len(), "2026", v));
        assert!(
            f.version_options
                .contains(&format!("value=\"{}\" selected", v.id))
        );
        assert!(
            f.unit_options
                .starts_with("<option value=\"\" selected>Tất cả đơn vị</option>")
        );
        assert_eq!(f.month_options.matches("<option").count(), 12);
    }

    #[test]
    fn estimated_rows_name_the_occasion_they_rest_on() {
        let v = v09();
        let list = deadlines_for_year(v, 2027, None).unwrap();
        let html = list_html(&list, v);
        let est = list.iter().filter(|d| d.estimated).count();
        assert!(est > 0 && est < list.len());
        assert_eq!(html.matches("dl-estimated").count(), est);
        assert!(html.contains(" (lịch nghỉ ước tính: Tết Âm lịch 2027)"));
        let html = list_html(&deadlines_for_year(v, 2026, None).unwrap(), v);
        assert!(!html.contains("Tết Âm lịch 2026"), "2026 is official");
    }

    #[test]
    fn workdays_result_lists_the_days_skipped_and_its_estimate() {
        use crate::core::calendar::{WorkCalendar, count_workdays};
        let w = count_workdays(Date::parse_iso("2024-04-26").unwrap(), 10).unwrap();
        let runs = w.runs(&mut WorkCalendar::new());
        let html = workdays_html(&w, &runs);
        assert!(html.contains("10 ngày làm việc kể từ 26/04/2024"), "{html}");
        assert!(html.contains(&w.date.dmy()));
        assert!(
            html.contains("Đã bỏ qua 8 ngày nghỉ: 27/04/2024–01/05/2024 (Thứ Bảy, Chủ nhật và lễ 30/4 – 1/5); 05/05/2024 (Chủ nhật); 11/05/2024–12/05/2024 (Thứ Bảy và Chủ nhật)."),
            "{html}"
        );
        assert!(!html.contains("ước tính"));
        let e = count_workdays(Date::parse_iso("2027-02-03").unwrap(), 1).unwrap();
        let html = workdays_html(&e, &e.runs(&mut WorkCalendar::new()));
        assert!(
            html.contains("Kết quả dựa trên lịch nghỉ ước tính: Tết Âm lịch 2027"),
            "{html}"
        );
        // A long count lists the first runs and says how many more.
        let long = count_workdays(Date::parse_iso("2024-01-02").unwrap(), 200).unwrap();
        let runs = long.runs(&mut WorkCalendar::new());
        assert!(runs.len() > MAX_RUNS);
        let html = workdays_html(&long, &runs);
        assert!(html.contains(&format!("và {} đợt nghỉ khác.", runs.len() - MAX_RUNS)));
    }

    #[test]
    fn unit_choices_levels_then_units_with_names() {
        let c = unit_choices(v09());
        assert_eq!(c[0], (String::new(), "Tất cả đơn vị".into()));
        assert_eq!(c[1], ("xa".into(), "Tuyến xã (mọi đơn vị)".into()));
        assert!(c.len() > 5);
        assert!(
            c.iter().all(
                |(id, name)| !name.is_empty() && (id.is_empty() || !name.contains(id.as_str()))
            )
        );
    }

    #[test]
    fn regulation_text_names_the_replacement_for_recent_years() {
        let t = regulation_text(v09(), Some(2024));
        assert!(
            t.starts_with("Các hạn dưới đây tính theo Thông tư 09/2012/TT-BYT ("),
            "{t}"
        );
        assert!(
            t.contains("đã được thay thế bởi Thông tư 07/2023/TT-BYT"),
            "{t}"
        );
        assert!(t.contains("không còn là quy định đang áp dụng"), "{t}");
        assert!(!regulation_text(v09(), Some(2020)).contains("không còn là quy định"));
    }

    #[test]
    fn notes_are_said_once_above_the_list_with_the_page_linked() {
        let v = v09();
        let html = list_html(&deadlines_for_year(v, 2026, None).unwrap(), v);
        assert_eq!(html.matches("<p class=\"dl-note\">").count(), 1, "{html}");
        assert!(html.starts_with("<p class=\"dl-note\">Từ 01/07/2025 không còn cấp huyện"));
        assert!(html.contains("<a href=\"/van-ban-moi/dia-gioi-hanh-chinh/\">"));
        assert!(!html.contains("Xem /van-ban-moi"));
        // Before 1/7/2025 nothing names a district level that no longer exists.
        let html = list_html(&deadlines_for_year(v, 2024, None).unwrap(), v);
        assert!(!html.contains("dl-note"), "{html}");
        // 07/2023 by quarter: the chosen period is said once too, then the district note.
        let v7 = rules::version("tt07-2023").unwrap();
        let list =
            deadlines::deadlines_for_year_with(v7, 2026, None, Some(rules::ReportPeriod::Quarter))
                .unwrap();
        assert_eq!(list.len(), 16);
        let html = list_html(&list, v7);
        assert_eq!(html.matches("<p class=\"dl-note\">").count(), 2, "{html}");
        assert!(html.contains("Kỳ báo cáo (quý) do bạn chọn"));
    }
}
