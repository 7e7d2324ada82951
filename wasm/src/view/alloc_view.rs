//! The allocation page's view logic that needs no browser (plain Rust, unit-tested natively):
//! the group choices, the legal range beside the sample size, which fieldsets show, what a
//! state evaluates to, the districts table's rows, and the page's first view.
//!
//! The first view (a new plan: the instrument in force, one empty row, "Nhập cỡ mẫu.") is
//! written into the page at build time by the generator ([`first_view`]) with these functions,
//! so a phone shows the form and its one message before the module arrives, and the module has
//! nothing to redo when the planner's plan is that new plan (wasm/src/web/alloc.rs `start`).
//!
//! Nothing a planner typed is ever put into HTML here: the rows are empty fields (the module
//! sets their values as text), and the first view holds only the rules' and the form's texts.
use crate::core::allocate::PlanOutput;
use crate::core::rules::{self, GroupId, GroupScope, Method};
use crate::core::text::{cat, num, push_html_escaped as push_esc};
use crate::view::form::{self, Choices};
use crate::view::state::{self, AllocState, FieldMsg, district_field};
use crate::view::text::int_vi;
use serde::Serialize;
use std::collections::BTreeMap;

/// The group select for the instrument `version_id` (the one in force when unknown). A group
/// the instrument does not regulate keeps the name it has in force.
pub fn group_choices(version_id: &str) -> Choices {
    let v = rules::version(version_id).unwrap_or_else(rules::active);
    GroupId::ALL
        .iter()
        .map(|&g| {
            let name = v
                .group(g)
                .or_else(|_| rules::active().group(g))
                .map(|r| r.name)
                .unwrap_or(g.as_str());
            (g.as_str().into(), name.into())
        })
        .collect()
}

/// The legal range of the chosen group, shown beside the sample size ("" without a group).
pub fn range_text(st: &AllocState) -> String {
    let v = rules::version(&st.v).unwrap_or_else(rules::active);
    match state::group_from_str(&st.g).map(|g| v.group(g)) {
        Some(Ok(g)) => {
            let r = g.sample_size.value;
            let range = if r.min == r.max {
                cat(&["đúng ", &int_vi(r.min as u64)])
            } else {
                cat(&["từ ", &int_vi(r.min as u64), " đến ", &int_vi(r.max as u64)])
            };
            cat(&[
                "Quy định (",
                g.sample_size.article,
                ", ",
                v.name,
                "): ",
                &range,
                " mẫu.",
            ])
        }
        Some(Err(m)) => cat(&["Văn bản này chưa có quy định về cỡ mẫu (", m.article, ")."]),
        None => String::new(),
    }
}

/// The hint under the districts table for a group: the kinds of unit it may use and how to
/// mark them (Điều 16 khoản 5 điểm a), and for recruits that the wards are counted for the
/// whole province (Điều 18 khoản 5 điểm b). Empty for the other groups.
pub fn group_hint(g: &rules::GroupRule) -> String {
    let mut t = String::new();
    if let Some(k) = g.area_kinds {
        let names: Vec<&str> = k.value.iter().map(|k| k.name_vi()).collect();
        t = cat(&[
            "Nhóm này chỉ chọn ",
            &names.join(", "),
            " (",
            k.article,
            "): ghi loại đơn vị ở đầu tên, ví dụ “Quận Ba Đình”, “TX. Sơn Tây”, “TP. Bắc Ninh”. ",
        ]);
    }
    if g.method.value == Method::RandomWards {
        t.push_str(&cat(&[
            "Ước lượng của huyện không bắt buộc: số điểm cần giám sát tính cho cả tỉnh bằng cỡ mẫu chia cho số thanh niên trung bình mỗi điểm (",
            g.method.article,
            "), từ ô “Số người trung bình mỗi điểm” hoặc từ các điểm đã liệt kê.",
        ]));
    }
    t
}

/// The hints of every group ([`group_hint`]) as `<span data-when="v=… g=…">`, each hidden
/// unless it is the plan's group (the module toggles them: [`note_shown`]).
pub fn district_hint_html(st: &AllocState) -> String {
    let mut out = String::new();
    for v in rules::versions() {
        for g in v.groups.unwrap_or(&[]) {
            let h = group_hint(g);
            if h.is_empty() {
                continue;
            }
            let when = cat(&["v=", v.id, " g=", g.id.as_str()]);
            out.push_str("<span data-when=\"");
            push_esc(&mut out, &when);
            out.push('"');
            if !note_shown(&when, st) {
                out.push_str(" hidden");
            }
            out.push('>');
            push_esc(&mut out, &h);
            out.push_str("</span>");
        }
    }
    out
}

/// Whether a note of [`plan_notes_html`] applies to the plan `st`: `when` is a list of clauses
/// separated by spaces, all of which must hold: `v=<version>`, `sti` / `hiv` (the province
/// also runs STI sentinel surveillance, or HIV only), `g=<id>,<id>` / `g!=<id>,<id>`.
pub fn note_shown(when: &str, st: &AllocState) -> bool {
    when.split(' ').all(|c| match c {
        "" => true,
        "sti" => st.sti,
        "hiv" => !st.sti,
        _ => {
            if let Some(v) = c.strip_prefix("v=") {
                v == st.v || (st.v.is_empty() && v == rules::ACTIVE_ID)
            } else if let Some(l) = c.strip_prefix("g!=") {
                !l.split(',').any(|g| g == st.g)
            } else if let Some(l) = c.strip_prefix("g=") {
                l.split(',').any(|g| g == st.g)
            } else {
                false
            }
        }
    })
}

fn groups_list(l: &[GroupId]) -> String {
    l.iter().map(|g| g.as_str()).collect::<Vec<_>>().join(",")
}

/// One note: `<li data-when="…">` (hidden when it does not apply to `st`), its text and the
/// article.
fn note_li(out: &mut String, when: &str, st: &AllocState, text: &str, article: &str) {
    out.push_str("<li data-when=\"");
    push_esc(out, when);
    out.push('"');
    if !note_shown(when, st) {
        out.push_str(" hidden");
    }
    out.push('>');
    push_esc(out, text);
    out.push_str(" <span class=\"calc-article\">(");
    push_esc(out, article);
    out.push_str(")</span></li>");
}

/// What every plan is shown with, written into the page at build time from the rules of each
/// version (the module only hides what does not apply: [`note_shown`]): the principles of
/// Điều 13 a planner acts on, the conditions of a group (Điều 14 khoản 1 điểm g), and who lists
/// the results on which forms with the reports that follow (Điều 19 khoản 5, Điều 20 khoản 4,
/// Điều 26). The same data as the core's `PlanOutput::principles`, `conditions`, `reporting`.
pub fn plan_notes_html(st: &AllocState) -> String {
    let mut out = String::from(
        "<section class=\"calc-notes\" id=\"calc-notes\" aria-labelledby=\"calc-notes-h\"><h3 id=\"calc-notes-h\">Nguyên tắc cần giữ khi lập kế hoạch</h3><ul>",
    );
    for v in rules::versions() {
        let vw = cat(&["v=", v.id]);
        for p in v.principles.unwrap_or(&[]).iter().filter(|p| p.planning) {
            note_li(&mut out, &vw, st, p.text, p.article);
        }
        for g in v.groups.unwrap_or(&[]) {
            for c in g.conditions {
                let when = cat(&[&vw, " g=", g.id.as_str()]);
                let text = cat(&[g.name, ": ", c.value]);
                note_li(&mut out, &when, st, &text, c.article);
            }
        }
    }
    out.push_str(
        "</ul><h3>Sau xét nghiệm: danh sách kết quả và báo cáo giám sát trọng điểm</h3><ul>",
    );
    for v in rules::versions() {
        for rf in v.result_forms.unwrap_or(&[]) {
            let forms: Vec<String> = rf.forms.iter().map(|f| num(*f as u64)).collect();
            let base = cat(&[
                "v=",
                v.id,
                if rf.sti_surveillance { " sti" } else { " hiv" },
            ]);
            let mut text = cat(&[
                if rf.sti_surveillance {
                    "Tỉnh có giám sát trọng điểm các nhiễm trùng lây truyền qua đường tình dục: "
                } else {
                    "Tỉnh chỉ giám sát trọng điểm HIV: "
                },
                rf.unit.name,
                " lập danh sách kết quả xét nghiệm theo Phụ lục ",
                &forms.join(", "),
            ]);
            if let Some(u) = rf.sent_to {
                text.push_str(&cat(&[", gửi ", u.name]));
            }
            text.push('.');
            if let Some(n) = rf.note {
                text.push(' ');
                text.push_str(n);
            }
            note_li(&mut out, &base, st, &text, rf.article);
            for r in rf.reports {
                let Some(o) = v.obligation(r.obligation) else {
                    continue;
                };
                let rules::Schedule::Yearly(p) = o.schedule else {
                    continue;
                };
                let when = match r.groups {
                    GroupScope::All => base.clone(),
                    GroupScope::Only(l) => cat(&[&base, " g=", &groups_list(l)]),
                    GroupScope::Except(l) => cat(&[&base, " g!=", &groups_list(l)]),
                };
                let receivers: Vec<&str> = o.receivers.iter().map(|u| u.name).collect();
                let text = cat(&[
                    "Tiếp theo, chậm nhất ngày ",
                    &num(p.end.day as u64),
                    "/",
                    &num(p.end.month as u64),
                    " hằng năm: ",
                    o.title,
                    " → ",
                    &receivers.join("; "),
                    ".",
                ]);
                note_li(&mut out, &when, st, &text, o.article);
            }
        }
    }
    out.push_str("</ul></section>");
    out
}

/// Which fieldsets the group's sampling method hides: (districts, clinics).
pub fn sections_hidden(st: &AllocState) -> (bool, bool) {
    let v = rules::version(&st.v).unwrap_or_else(rules::active);
    let method = state::group_from_str(&st.g)
        .and_then(|g| v.group(g).ok())
        .map(|g| g.method.value);
    let clinics_only = matches!(
        method,
        Some(Method::ConsecutiveAllClinics | Method::ConsecutiveProvincialHospital)
    );
    let clinics = clinics_only || matches!(method, Some(Method::LocalChoice));
    (clinics_only, !clinics)
}

/// What a state computes to: the core's plan, or the errors that prevent it; and the plan's
/// warnings, each placed at its field.
pub struct Evaluation {
    pub out: Option<PlanOutput>,
    pub errors: Vec<FieldMsg>,
    pub warnings: Vec<FieldMsg>,
}

pub fn evaluate(st: &AllocState) -> Evaluation {
    let (plan, mut errors) = state::to_plan(st);
    let mut warnings = Vec::new();
    let mut out = None;
    match plan.map(|p| crate::core::allocate(&p)) {
        Some(Ok(o)) => {
            for w in &o.warnings {
                warnings.push(FieldMsg {
                    field: state::warning_field(st, w.code, w.district.as_deref()),
                    text: w.text.clone(),
                });
            }
            out = Some(o);
        }
        Some(Err(e)) => errors.push(FieldMsg {
            field: state::error_field(st, &e),
            text: e.message(),
        }),
        None => {}
    }
    Evaluation {
        out,
        errors,
        warnings,
    }
}

/// The results' summary line when errors prevent computing.
pub fn error_summary(count: usize) -> String {
    cat(&[
        "Chưa tính được: ",
        &num(count as u64),
        " lỗi cần sửa (xem thông báo cạnh từng ô).",
    ])
}

/// The summary line when nothing is computed: a request when only the sample size is missing
/// (a new plan), else [`error_summary`].
pub fn summary_for(errors: &[FieldMsg]) -> String {
    if errors.iter().all(FieldMsg::pending) {
        "Nhập cỡ mẫu để tính phân bổ.".into()
    } else {
        error_summary(errors.len())
    }
}

/// The results when errors prevent computing: each error, linked to its field (nothing when
/// the only message is the request for a sample size).
pub fn errors_html(errors: &[FieldMsg]) -> String {
    if errors.iter().all(FieldMsg::pending) {
        return String::new();
    }
    let mut out = String::from("<ul class=\"calc-errors\">");
    for e in errors {
        out.push_str("<li><a href=\"#");
        push_esc(&mut out, &e.field);
        out.push_str("\">");
        push_esc(&mut out, &e.text);
        out.push_str("</a></li>");
    }
    out.push_str("</ul>");
    out
}

/// `count` empty rows of the districts table (`d<i>-n`, `d<i>-e`, `d<i>-s`, each with its
/// message element, and the row's move and remove buttons). Values are set afterwards as text.
pub fn rows_html(count: usize) -> String {
    let mut out = String::with_capacity(count * 1100);
    for i in 0..count {
        let no = num(i as u64 + 1);
        let row = num(i as u64);
        out.push_str("<tr><td class=\"d-no\">");
        out.push_str(&no);
        out.push_str("</td>");
        for (which, label) in [
            ("n", "Tên huyện / khu vực"),
            ("e", "Ước lượng số đối tượng"),
            ("s", "Các điểm (mỗi dòng: tên, ước lượng)"),
        ] {
            let id = district_field(i, which);
            let field = cat(&[
                " id=\"",
                &id,
                "\" aria-label=\"",
                label,
                ", dòng ",
                &no,
                "\" aria-describedby=\"",
                &id,
                "-msg\"",
            ]);
            out.push_str(&cat(&["<td class=\"d-", which, "\">"]));
            out.push_str(&match which {
                "s" => cat(&["<textarea rows=\"2\"", &field, "></textarea>"]),
                "e" => cat(&["<input type=\"text\" inputmode=\"numeric\"", &field, ">"]),
                _ => cat(&["<input type=\"text\"", &field, ">"]),
            });
            out.push_str(&cat(&[
                "<p class=\"field-msg\" id=\"",
                &id,
                "-msg\" hidden=\"\"></p></td>",
            ]));
        }
        out.push_str("<td class=\"d-actions\">");
        for (action, label, sym, disabled) in [
            ("up", "Chuyển lên", "↑", i == 0),
            ("down", "Chuyển xuống", "↓", i + 1 == count),
            ("remove", "Xóa dòng", "✕", false),
        ] {
            out.push_str(&cat(&[
                "<button class=\"btn-icon\" type=\"button\" data-action=\"",
                action,
                "\" data-row=\"",
                &row,
                "\" aria-label=\"",
                label,
                " ",
                &no,
                "\"",
                if disabled { " disabled=\"\"" } else { "" },
                ">",
                sym,
                "</button>",
            ]));
        }
        out.push_str("</td></tr>");
    }
    out
}

/// The messages shown beside one field.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Shown {
    /// The message element's class: "field-msg is-error" or "field-msg is-warning".
    pub class: &'static str,
    /// Whether the field is marked `aria-invalid` (an error among its messages).
    pub invalid: bool,
    /// One line per message.
    pub lines: Vec<String>,
}

/// The messages of an evaluation by field, as the page shows them (errors first, then
/// warnings; a field with an error is an error field).
pub fn shown_messages(errors: &[FieldMsg], warnings: &[FieldMsg]) -> BTreeMap<String, Shown> {
    let mut by_field: BTreeMap<String, Shown> = BTreeMap::new();
    let all = errors.iter().map(|m| (m, true));
    for (m, error) in all.chain(warnings.iter().map(|m| (m, false))) {
        let s = by_field.entry(m.field.clone()).or_insert(Shown {
            class: "field-msg is-warning",
            invalid: false,
            lines: Vec::new(),
        });
        if error && m.pending() && !s.invalid {
            s.class = "field-msg is-pending";
        } else if error {
            s.class = "field-msg is-error";
            s.invalid = true;
        }
        s.lines.push(m.text.clone());
    }
    by_field
}

/// Where the module saves the planner's plan (local storage). The page's loader reads it too
/// ([`FirstView::store`]): with nothing saved there, the first view in the page is the plan.
pub const STORAGE_KEY: &str = "sotay.phan-bo-mau.v1";

/// The allocation page's first view: a new plan ([`AllocState::default`]), as the generator
/// writes it and the module would render it.
#[derive(Debug, Clone, Serialize)]
pub struct FirstView {
    /// [`STORAGE_KEY`]: `js/calc.js` loads the module after the first paint unless a plan is
    /// saved there (or the address links one).
    pub store: &'static str,
    /// `<option>`s of the instrument select (the one in force selected).
    pub version_options: String,
    /// `<option>`s of the group select (the new plan's group selected).
    pub group_options: String,
    /// [`range_text`], beside the sample size.
    pub hint: String,
    /// [`rows_html`] of the new plan's rows.
    pub rows: String,
    /// Messages by field id (see [`shown_messages`]).
    pub messages: BTreeMap<String, Shown>,
    /// [`error_summary`].
    pub summary: String,
    /// [`errors_html`].
    pub results: String,
    /// [`sections_hidden`]: the districts fieldset.
    pub districts_hidden: bool,
    /// [`sections_hidden`]: the clinics fieldset.
    pub clinics_hidden: bool,
    /// [`district_hint_html`].
    pub district_hint: String,
    /// [`plan_notes_html`], beside the results.
    pub notes: String,
}

/// The first view of a new plan; `None` if a new plan computed a result (the page then leaves
/// the results to the module: only the error view is written at build time).
pub fn first_view() -> Option<FirstView> {
    let st = AllocState::default();
    let ev = evaluate(&st);
    if ev.out.is_some() {
        return None;
    }
    let (districts_hidden, clinics_hidden) = sections_hidden(&st);
    Some(FirstView {
        store: STORAGE_KEY,
        version_options: form::options_html(&form::version_choices(), &st.v),
        group_options: form::options_html(&group_choices(&st.v), &st.g),
        hint: range_text(&st),
        rows: rows_html(st.d.len()),
        messages: shown_messages(&ev.errors, &ev.warnings),
        summary: summary_for(&ev.errors),
        results: errors_html(&ev.errors),
        districts_hidden,
        clinics_hidden,
        district_hint: district_hint_html(&st),
        notes: plan_notes_html(&st),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_plan_asks_for_the_sample_size() {
        let fv = first_view().expect("a new plan is an error view");
        // A request, not an error: nothing red, nothing invalid before anything is typed.
        assert_eq!(fv.summary, "Nhập cỡ mẫu để tính phân bổ.");
        assert_eq!(fv.results, "");
        let m = &fv.messages["f-n"];
        assert_eq!(
            (m.class, m.invalid, m.lines.as_slice()),
            (
                "field-msg is-pending",
                false,
                &["Nhập cỡ mẫu.".to_string()][..]
            )
        );
        assert_eq!(fv.messages.len(), 1);
        assert!(
            fv.version_options
                .contains(&format!("<option value=\"{}\" selected>", rules::ACTIVE_ID))
        );
        assert!(fv.group_options.contains("<option value=\"idu\" selected>"));
        assert_eq!(
            fv.group_options.matches("<option").count(),
            GroupId::ALL.len()
        );
        assert!(fv.hint.starts_with("Quy định (Điều"), "{}", fv.hint);
        assert_eq!((fv.districts_hidden, fv.clinics_hidden), (false, true));
        assert_eq!(fv.rows.matches("<tr>").count(), 1);
    }

    #[test]
    fn rows_are_numbered_and_only_inner_rows_move() {
        let h = rows_html(3);
        assert_eq!(h.matches("<tr>").count(), 3);
        for id in ["d0-n", "d1-e", "d2-s"] {
            assert!(h.contains(&format!("id=\"{id}\"")), "{id}");
            assert!(h.contains(&format!(
                "<p class=\"field-msg\" id=\"{id}-msg\" hidden=\"\">"
            )));
        }
        assert!(h.contains("aria-label=\"Chuyển lên 1\" disabled=\"\">↑"));
        assert!(h.contains("aria-label=\"Chuyển lên 2\">↑"));
        assert!(h.contains("aria-label=\"Chuyển xuống 3\" disabled=\"\">↓"));
        assert!(h.contains("aria-label=\"Ước lượng số đối tượng, dòng 2\""));
        assert_eq!(h.matches("disabled").count(), 2);
        assert_eq!(rows_html(0), "");
    }

    #[test]
    fn messages_group_by_field_and_errors_win() {
        let m = |f: &str, t: &str| FieldMsg {
            field: f.into(),
            text: t.into(),
        };
        let shown = shown_messages(&[m("f-n", "a")], &[m("f-n", "b"), m("d0-e", "<c>")]);
        assert_eq!(shown["f-n"].lines, ["a", "b"]);
        assert_eq!(shown["f-n"].class, "field-msg is-error");
        assert!(!shown["d0-e"].invalid);
        assert_eq!(shown["d0-e"].class, "field-msg is-warning");
        assert_eq!(
            errors_html(&[m("d0-n", "Tên \"<x>\" đã có ở dòng 1.")]),
            "<ul class=\"calc-errors\"><li><a href=\"#d0-n\">Tên &quot;&lt;x&gt;&quot; đã có ở dòng 1.</a></li></ul>"
        );
    }

    /// Điều 13 khoản 5, 6, 8, Điều 14 khoản 1 điểm g, Điều 19 khoản 5 and Điều 20 khoản 4, as
    /// the page shows them beside the result, and which apply to which plan.
    #[test]
    fn dieu_13_principles_and_dieu_19_20_result_forms_on_the_page() {
        let mut st = AllocState::default();
        let html = plan_notes_html(&st);
        for a in [
            "Điều 13 khoản 5",
            "Điều 13 khoản 6",
            "Điều 13 khoản 8",
            "Điều 14 khoản 1 điểm g",
            "Điều 19 khoản 5 điểm a",
            "Điều 19 khoản 5 điểm b",
            "Điều 20 khoản 4",
            "Điều 26 khoản 1",
            "Điều 26 khoản 2",
        ] {
            assert!(html.contains(&format!("({a})")), "{a}");
        }
        assert!(
            !html.contains("Điều 13 khoản 7"),
            "only what a planner acts on"
        );
        assert!(html.contains("Phụ lục 7, 9, 10, 11, 12, 13, 14, 15"));
        assert!(html.contains("Phụ lục 8, 9, 10, 11, 12, 13, gửi Đơn vị đầu mối về phòng"));
        // A new plan (HIV only, group idu): Điều 20 khoản 4 and 31/10 shown; Điều 19, 31/12 and
        // the condition of "nhóm khác" hidden.
        // Some occurrence of `needle` is in a note that is not hidden.
        let shown = |html: &str, needle: &str| {
            assert!(html.contains(needle), "{needle}");
            html.match_indices(needle).any(|(i, _)| {
                let li = html[..i].rfind("<li").unwrap();
                !html[li..i].contains(" hidden>")
            })
        };
        assert!(shown(&html, "(Điều 20 khoản 4)"));
        assert!(!shown(&html, "(Điều 19 khoản 5 điểm a)"));
        assert!(shown(&html, "chậm nhất ngày 31/10"));
        assert!(!shown(&html, "chậm nhất ngày 31/12"));
        assert!(!shown(&html, "(Điều 14 khoản 1 điểm g)"));
        assert!(shown(&html, "(Điều 13 khoản 6)"));
        st.sti = true;
        st.g = "recruits_rural".into();
        let html = plan_notes_html(&st);
        assert!(shown(&html, "(Điều 19 khoản 5 điểm a)"));
        assert!(!shown(&html, "(Điều 20 khoản 4)"));
        assert!(shown(&html, "chậm nhất ngày 31/12"));
        assert!(!shown(&html, "chậm nhất ngày 31/10"));
        st.v = "tt07-2023".into();
        assert!(!shown(&plan_notes_html(&st), "(Điều 13 khoản 6)"));
        // The page's notes hold what the core gives every plan (natively).
        let plan = crate::core::allocate::PlanInput {
            group: Some(GroupId::RecruitsRural),
            sample_size: 400,
            sti_surveillance: true,
            mean_per_site: Some(40),
            districts: vec![crate::core::allocate::DistrictInput {
                name: "Huyện A".into(),
                ..Default::default()
            }],
            ..Default::default()
        };
        let out = crate::core::allocate(&plan).expect("plan");
        let html = plan_notes_html(&AllocState {
            g: "recruits_rural".into(),
            sti: true,
            ..AllocState::default()
        });
        for p in &out.principles {
            assert!(shown(&html, p.text));
        }
        for r in &out.reporting {
            assert!(shown(&html, &format!("({})", r.article)));
            for d in &r.reports {
                assert!(shown(&html, d.title));
            }
        }
    }

    #[test]
    fn dieu_16_khoan_5_diem_a_hint_for_urban_recruits() {
        let g = |id| rules::active().group(id).unwrap();
        assert_eq!(group_hint(g(GroupId::Idu)), "");
        let h = group_hint(g(GroupId::RecruitsUrban));
        assert!(
            h.contains("quận, thị xã, thành phố thuộc tỉnh (Điều 16 khoản 5 điểm a)"),
            "{h}"
        );
        assert!(h.contains("Điều 18 khoản 5 điểm b"), "{h}");
        assert!(!group_hint(g(GroupId::RecruitsRural)).contains("Điều 16 khoản 5 điểm a"));
        let mut st = AllocState::default();
        let html = district_hint_html(&st);
        assert_eq!(html.matches("<span data-when=").count(), 2);
        assert_eq!(html.matches(" hidden>").count(), 2, "none for idu");
        st.g = "recruits_urban".into();
        assert!(district_hint_html(&st).contains("g=recruits_urban\">Nhóm này chỉ chọn"));
    }

    #[test]
    fn clinic_groups_hide_the_districts() {
        let mut st = AllocState::default();
        for g in GroupId::ALL {
            st.g = g.as_str().into();
            let (d, c) = sections_hidden(&st);
            assert!(!(d && c), "{g:?}: one fieldset at least");
        }
        st.g = "nonsense".into();
        assert_eq!(sections_hidden(&st), (false, true));
        assert_eq!(range_text(&st), "");
    }
}
