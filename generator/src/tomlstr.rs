//! Every string of a TOML document, with where its text starts: the raw-HTML policy and the
//! glossary check read each string a data file or front matter holds (any of them may be shown
//! as Markdown). Parsed by the `toml` crate itself (`DeTable`, with spans), so escapes, literal
//! and multi-line strings and comments are read exactly as the loaders read them.
use toml::de::{DeTable, DeValue};

/// `(offset, value)` of every string value (keys are not included), in document order. The
/// offset is where the string's content starts in `text` (after the opening quotes, and after
/// the newline that may follow `"""`), so for a string without escapes `offset + i` is the byte
/// of its `i`-th byte; with escapes it is still the right line. A document that does not parse
/// has no strings (its loader reports the syntax error).
pub fn strings(text: &str) -> Vec<(usize, String)> {
    let Ok(doc) = DeTable::parse(text) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut stack: Vec<&toml::Spanned<DeValue>> = doc.get_ref().values().collect();
    stack.reverse();
    while let Some(v) = stack.pop() {
        match v.get_ref() {
            DeValue::String(s) => {
                let start = v.span().start;
                let literal = text.get(start..v.span().end).unwrap_or("");
                let skip = if literal.starts_with("\"\"\"") || literal.starts_with("'''") {
                    3 + usize::from(literal[3..].starts_with('\n'))
                        + usize::from(literal[3..].starts_with("\r\n")) * 2
                } else {
                    1
                };
                out.push((start + skip, s.to_string()));
            }
            DeValue::Array(a) => stack.extend(a.iter().rev()),
            DeValue::Table(t) => {
                let mut vals: Vec<_> = t.values().collect();
                vals.reverse();
                stack.extend(vals);
            }
            _ => {}
        }
    }
    out.sort_by_key(|(o, _)| *o);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_string_with_its_offset() {
        let text = "# \"không\"\na = \"một\"\n[b]\nc = ['hai', \"ba\\\"\"]\nd = \"\"\"\nbốn\n\"\"\"\ne = 5\n";
        let got = strings(text);
        let vals: Vec<&str> = got.iter().map(|(_, s)| s.as_str()).collect();
        assert_eq!(vals, ["một", "hai", "ba\"", "bốn\n"]);
        for (o, s) in &got[..2] {
            assert!(text[*o..].starts_with(s.as_str()), "{o} {s}");
        }
        assert!(text[got[3].0..].starts_with("bốn"));
        assert!(strings("a = ").is_empty());
    }
}
