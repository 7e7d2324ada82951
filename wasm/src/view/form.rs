//! The choices of the calculator pages' selects, as data and as HTML (plain Rust, unit-tested
//! natively). The generator writes them into the pages at build time and the pages set them
//! with one `innerHTML` when they change, so both use the same labels.
use crate::core::rules;
use crate::core::text::{num, push_html_escaped as push_esc};

/// The options of a select: (value, label), in order.
pub type Choices = Vec<(String, String)>;

/// Every rules version, a replaced one marked so (the instrument select of both pages).
pub fn version_choices() -> Choices {
    rules::versions()
        .iter()
        .map(|v| {
            let mut label = String::from(v.name);
            if v.replaced_by.is_some() {
                label.push_str(" (đã được thay thế)");
            }
            (v.id.into(), label)
        })
        .collect()
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
    fn versions_name_the_replaced_one() {
        let c = version_choices();
        assert_eq!(c.len(), rules::versions().len());
        let old = c.iter().find(|(id, _)| id == "tt09-2012").unwrap();
        assert_eq!(old.1, "Thông tư 09/2012/TT-BYT (đã được thay thế)");
        assert!(
            c.iter()
                .any(|(id, l)| id == "tt07-2023" && !l.contains("thay thế"))
        );
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
