//! The choices of the calculator pages' selects, as data and as HTML (plain Rust, unit-tested
//! natively). The generator writes them into the pages at build time and the pages set them
//! with one `innerHTML` when they change, so both use the same labels.
use crate::core::rules;
use crate::core::text::{num, push_html_escaped as push_esc};

/// The options of a select: (value, label), in order.
pub type Choices = Vec<(String, String)>;

/// Every rules version, labelled as in force or replaced (the instrument select of both pages).
pub fn version_choices() -> Choices {
    rules::versions()
        .iter()
        .map(|v| {
            let mut label = String::from(v.name);
            label.push_str(if v.replaced_by.is_some() {
                " (đã được thay thế; tham khảo)"
            } else {
                " (đang có hiệu lực)"
            });
            (v.id.into(), label)
        })
        .collect()
}

/// The reporting periods a planner may choose when the instrument's text does not fix it
/// (`core::rules::ReportPeriod`), after an empty "choose" option.
pub fn period_choices() -> Choices {
    let mut c = vec![(
        String::new(),
        String::from("— chọn theo hướng dẫn bạn dùng —"),
    )];
    for p in crate::core::rules::ReportPeriod::ALL {
        let name = crate::core::text::cat(&["Mỗi ", p.name_vi()]);
        c.push((p.id().into(), name));
    }
    c
}

/// The twelve months ("Tháng 1" … "Tháng 12"), valued 1–12.
pub fn month_choices() -> Choices {
    (1..=12u64)
        .map(|m| (num(m), crate::core::text::cat(&["Tháng ", &num(m)])))
        .collect()
}

/// `<option>`s of `choices`, the one valued `selected` (if any) marked `selected`. Values and
/// labels are escaped.
pub fn options_html(choices: &[(String, String)], selected: &str) -> String {
    let mut out = String::with_capacity(choices.len() * 48);
    for (value, label) in choices {
        out.push_str("<option value=\"");
        push_esc(&mut out, value);
        out.push('"');
        if value == selected {
            out.push_str(" selected");
        }
        out.push('>');
        push_esc(&mut out, label);
        out.push_str("</option>");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_say_which_is_in_force_and_which_is_for_reference() {
        let c = version_choices();
        assert_eq!(c.len(), rules::versions().len());
        let old = c.iter().find(|(id, _)| id == "tt09-2012").unwrap();
        assert_eq!(
            old.1,
            "Thông tư 09/2012/TT-BYT (đã được thay thế; tham khảo)"
        );
        let new = c.iter().find(|(id, _)| id == "tt07-2023").unwrap();
        assert_eq!(new.1, "Thông tư 07/2023/TT-BYT (đang có hiệu lực)");
    }

    #[test]
    fn periods_start_with_an_empty_choice() {
        let c = period_choices();
        assert_eq!(c.len(), 5);
        assert_eq!(c[0].0, "");
        assert_eq!(c[2], ("quy".into(), "Mỗi quý".into()));
    }

    #[test]
    fn months_one_to_twelve() {
        let c = month_choices();
        assert_eq!(c.len(), 12);
        assert_eq!(c[0], ("1".into(), "Tháng 1".into()));
        assert_eq!(c[11], ("12".into(), "Tháng 12".into()));
    }

    #[test]
    fn options_escaped_and_one_selected() {
        let c: Choices = vec![
            ("a\"b".into(), "<x> & y".into()),
            ("2".into(), "Hai".into()),
        ];
        assert_eq!(
            options_html(&c, "2"),
            "<option value=\"a&quot;b\">&lt;x&gt; &amp; y</option><option value=\"2\" selected>Hai</option>"
        );
        assert_eq!(options_html(&c, "").matches(" selected").count(), 0);
        assert_eq!(options_html(&[], "x"), "");
    }
}
