//! Counts as planners write them (Vietnamese conventions): the one parser of every count the
//! calculator reads from text — the form's fields, the sites box, the paste box and `sotay
//! calc` (a count given as a JSON string).
//!
//! Accepted: digits (`1200`), or digits in thousands groups with `.` (`1.200`), a space, a
//! no-break space U+00A0 or a narrow no-break space U+202F (`1 200`): the first group has 1–3
//! digits, every other group exactly 3, one kind of separator per number (the spaces count as
//! one kind). Anything else is refused with what was typed: `1200.5`, `12.00` and `300.5` are
//! not counts (a decimal mark in Vietnamese is `,`, and `.` is only a thousands separator), nor
//! are `1,200`, `-3` or `khoảng 1200`. Nothing is guessed.
use crate::core::text::cat;

/// Why a text is not a count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountError {
    /// A decimal part or a group of the wrong length (`1200.5`, `12.00`, `1,5`).
    NotWhole,
    /// A minus sign.
    Negative,
    /// Not digits and separators at all (`khoảng 1200`, `abc`).
    NotNumber,
    /// Larger than the field's maximum.
    TooLarge,
}

impl CountError {
    /// The Vietnamese message, quoting what was typed (`typed`, trimmed) and naming the
    /// field's maximum: "“1200.5” không phải số nguyên: …".
    pub fn message(self, typed: &str, max: u64) -> String {
        let t = typed.trim();
        let shown: String = t.chars().take(40).collect();
        let shown = if shown.len() < t.len() {
            cat(&[&shown, "…"])
        } else {
            shown
        };
        let q = cat(&["“", &shown, "”"]);
        match self {
            CountError::NotWhole => cat(&[
                &q,
                " không phải số nguyên: dấu chấm hoặc khoảng trắng chỉ dùng để tách hàng nghìn, mỗi nhóm đủ 3 chữ số (1.200 hoặc 1 200); không nhập số lẻ.",
            ]),
            CountError::Negative => cat(&[&q, " là số âm: cần số nguyên không âm."]),
            CountError::NotNumber => cat(&[
                &q,
                " không phải số nguyên: chỉ nhập chữ số, có thể tách hàng nghìn (1.200 hoặc 1 200).",
            ]),
            CountError::TooLarge => cat(&[&q, " lớn hơn mức tối đa ", &group_vi(max), "."]),
        }
    }
}

/// `n` with `.` between thousands groups (`1234567` → `1.234.567`).
pub fn group_vi(n: u64) -> String {
    let raw = crate::core::text::num(n);
    let b = raw.as_bytes();
    let mut s = String::with_capacity(b.len() + b.len() / 3);
    for (i, &c) in b.iter().enumerate() {
        if i > 0 && (b.len() - i).is_multiple_of(3) {
            s.push('.');
        }
        s.push(c as char);
    }
    s
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}')
}

/// Parse a count ≤ `max` as typed (see the module). `Ok(None)` for an empty (or all-blank)
/// text.
pub fn parse_count(s: &str, max: u64) -> Result<Option<u64>, CountError> {
    let t = s.trim_matches(|c: char| c.is_whitespace() || is_space(c));
    if t.is_empty() {
        return Ok(None);
    }
    if t.starts_with(['-', '−']) && t.len() > 1 {
        return match parse_count(&t[t.chars().next().map_or(1, char::len_utf8)..], u64::MAX) {
            Ok(_) | Err(CountError::TooLarge) => Err(CountError::Negative),
            Err(e) => Err(e),
        };
    }
    // One pass: digits of the current group, separator kind seen (0 none, 1 '.', 2 space).
    let mut v: u64 = 0;
    let mut overflow = false;
    let mut group = 0usize;
    let mut groups = 0usize;
    let mut kind = 0u8;
    let mut prev_sep = false;
    for c in t.chars() {
        match c {
            '0'..='9' => {
                match v
                    .checked_mul(10)
                    .and_then(|v| v.checked_add(c as u64 - '0' as u64))
                {
                    Some(n) => v = n,
                    None => overflow = true,
                }
                group += 1;
                prev_sep = false;
            }
            '.' | ',' => {
                let k = if c == '.' { 1 } else { 3 };
                if prev_sep || group == 0 || (kind != 0 && kind != k) {
                    return Err(CountError::NotWhole);
                }
                if (groups == 0 && group > 3) || (groups > 0 && group != 3) {
                    return Err(CountError::NotWhole);
                }
                kind = k;
                groups += 1;
                group = 0;
                prev_sep = true;
            }
            c if is_space(c) => {
                if prev_sep || group == 0 || (kind != 0 && kind != 2) {
                    return Err(if kind == 2 || kind == 0 {
                        CountError::NotNumber
                    } else {
                        CountError::NotWhole
                    });
                }
                if (groups == 0 && group > 3) || (groups > 0 && group != 3) {
                    return Err(CountError::NotNumber);
                }
                kind = 2;
                groups += 1;
                group = 0;
                prev_sep = true;
            }
            _ => return Err(CountError::NotNumber),
        }
    }
    if prev_sep || (groups > 0 && group != 3) {
        return Err(if kind == 2 {
            CountError::NotNumber
        } else {
            CountError::NotWhole
        });
    }
    // A comma is never a thousands separator in Vietnamese: "1,200" is one point two.
    if kind == 3 {
        return Err(CountError::NotWhole);
    }
    if overflow || v > max {
        return Err(CountError::TooLarge);
    }
    Ok(Some(v))
}

/// Whether a text holds a digit anywhere (a pasted row with none is a header row).
pub fn has_digit(s: &str) -> bool {
    s.chars().any(|c| c.is_ascii_digit())
}

/// Serde readers of a count that is a JSON number or a string as planners write it
/// (`"1.200"`), through [`parse_count`]; a refused string's error is the message of
/// [`CountError::message`] (`core::json` shows it as is).
pub mod serde_count {
    use super::parse_count;
    use serde::de::{self, Deserializer, Visitor};

    struct Count(u64);

    impl Visitor<'_> for Count {
        type Value = u64;
        fn expecting(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
            f.write_str("a count")
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<u64, E> {
            if v > self.0 {
                return Err(E::custom(
                    super::CountError::TooLarge.message(&crate::core::text::num(v), self.0),
                ));
            }
            Ok(v)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<u64, E> {
            match parse_count(v, self.0) {
                Ok(Some(n)) => Ok(n),
                // Not a number at all: serde's own "wrong type" (core::json names the field,
                // what it expects and the string found).
                Ok(None) | Err(super::CountError::NotNumber) => {
                    Err(E::invalid_type(de::Unexpected::Str(v), &self))
                }
                Err(e) => Err(E::custom(e.message(v, self.0))),
            }
        }
    }

    /// A `u64` count (estimates).
    pub fn u64<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
        d.deserialize_any(Count(u64::MAX))
    }

    /// A `u32` count (sample size).
    pub fn u32<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
        d.deserialize_any(Count(u32::MAX as u64)).map(|v| v as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn vietnamese_groups_accepted() {
        for (s, v) in [
            ("1200", 1200),
            ("1.200", 1200),
            ("1 200", 1200),
            ("1\u{a0}200", 1200),
            ("1\u{202f}200", 1200),
            (" 12.500.000 ", 12_500_000),
            ("999", 999),
            ("0", 0),
            ("007", 7),
            ("1 000 000", 1_000_000),
        ] {
            assert_eq!(parse_count(s, u64::MAX), Ok(Some(v)), "{s:?}");
        }
        assert_eq!(parse_count("  ", 10), Ok(None));
        assert_eq!(parse_count("", 10), Ok(None));
    }

    #[test]
    fn misreads_refused() {
        for s in [
            "1200.5", "12.00", "300.5", "1.20", "1.2000", "1,200", "1,5", "1..200",
        ] {
            assert_eq!(parse_count(s, u64::MAX), Err(CountError::NotWhole), "{s:?}");
        }
        for s in [
            "khoảng 1200",
            "abc",
            "12a",
            "1 20",
            "1200 000",
            "1_000",
            ".5",
            "1.200 000",
        ] {
            assert!(parse_count(s, u64::MAX).is_err(), "{s:?}");
        }
        assert_eq!(parse_count("-3", 10), Err(CountError::Negative));
        assert_eq!(parse_count("11", 10), Err(CountError::TooLarge));
        assert_eq!(
            parse_count("99999999999999999999999", u64::MAX),
            Err(CountError::TooLarge)
        );
        let m = CountError::NotWhole.message(" 1200.5 ", 10);
        assert!(m.starts_with("“1200.5” không phải số nguyên"), "{m}");
        assert_eq!(
            CountError::TooLarge.message("2000000", 1_000_000),
            "“2000000” lớn hơn mức tối đa 1.000.000."
        );
    }

    /// A grouping of `v`'s digits with separator `sep` (first group 1–3 digits).
    fn grouped(v: u64, sep: &str) -> String {
        let raw = v.to_string();
        let b = raw.as_bytes();
        let mut s = String::new();
        for (i, &c) in b.iter().enumerate() {
            if i > 0 && (b.len() - i).is_multiple_of(3) {
                s.push_str(sep);
            }
            s.push(c as char);
        }
        s
    }

    proptest! {
        /// Every count written plainly or with any of the accepted separators reads back as
        /// itself; above the maximum it is refused.
        #[test]
        fn written_counts_read_back(v in any::<u64>(), sep in prop::sample::select(vec![".", " ", "\u{a0}", "\u{202f}"]), max in any::<u64>()) {
            let expect = if v <= max { Ok(Some(v)) } else { Err(CountError::TooLarge) };
            prop_assert_eq!(parse_count(&v.to_string(), max), expect);
            prop_assert_eq!(parse_count(&grouped(v, sep), max), expect);
        }

        /// A decimal part ("1200.5", "12.00", "300,5") is never read as a count, whatever the
        /// digits: the value read is never anything but the plain integer of a well-grouped text.
        #[test]
        fn decimals_never_read(int in 0u64..10_000_000, frac in "[0-9]{1,2}|[0-9]{4,6}", mark in prop::sample::select(vec![".", ","])) {
            let s = format!("{int}{mark}{frac}");
            prop_assert!(parse_count(&s, u64::MAX).is_err(), "{} was read", s);
        }

        /// Whatever the text, a value read is the number its digits spell (nothing dropped or
        /// added), and the text has only digits and one kind of separator.
        #[test]
        fn read_value_is_the_digits(s in "[0-9 .,\u{a0}a-]{0,12}") {
            if let Ok(Some(v)) = parse_count(&s, u64::MAX) {
                let digits: String = s.chars().filter(char::is_ascii_digit).collect();
                prop_assert_eq!(digits.parse::<u64>().ok(), Some(v));
                prop_assert!(!s.contains(','));
                let spaced = s.trim().contains([' ', '\u{a0}']);
                prop_assert!(!(s.contains('.') && spaced), "mixed separators read: {:?}", s);
            }
        }
    }
}
