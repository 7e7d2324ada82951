//! Vietnamese slugs without diacritics: "Giám sát trọng điểm" → `giam-sat-trong-diem`.
//!
//! A hand-written table folds every precomposed Vietnamese letter (the vowels with ă â ê ô ơ ư
//! and the five tone marks, plus đ) and the common Latin-1 letters to ASCII; combining marks
//! (text in decomposed form, NFD) are dropped, so both forms give the same slug.
use std::collections::HashMap;

/// Groups of letters folding to one ASCII letter (lower and upper case).
const FOLD: &[(char, &str)] = &[
    ('a', "àáảãạăằắẳẵặâầấẩẫậäåāÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÄÅĀ"),
    ('e', "èéẻẽẹêềếểễệëēÈÉẺẼẸÊỀẾỂỄỆËĒ"),
    ('i', "ìíỉĩịîïīÌÍỈĨỊÎÏĪ"),
    ('o', "òóỏõọôồốổỗộơờớởỡợöøōÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÖØŌ"),
    ('u', "ùúủũụưừứửữựûüūÙÚỦŨỤƯỪỨỬỮỰÛÜŪ"),
    ('y', "ỳýỷỹỵÿỲÝỶỸỴŸ"),
    ('d', "đĐ"),
    ('c', "çÇ"),
    ('n', "ñÑ"),
];

/// Fold one character to lower-case ASCII if it is a letter we know, else `None`.
pub fn fold_char(c: char) -> Option<char> {
    if c.is_ascii_alphanumeric() {
        return Some(c.to_ascii_lowercase());
    }
    if c.is_ascii() {
        return None;
    }
    FOLD.iter()
        .find(|(_, group)| group.contains(c))
        .map(|(base, _)| *base)
}

/// Is `c` a combining diacritical mark (U+0300–U+036F), as found in NFD text?
fn is_combining(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

/// Make a slug: ASCII lower-case letters and digits, words joined by single `-`.
/// Returns an empty string when the text has no letter or digit.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars() {
        if is_combining(c) {
            continue;
        }
        match fold_char(c) {
            Some(a) => {
                if pending_dash && !out.is_empty() {
                    out.push('-');
                }
                pending_dash = false;
                out.push(a);
            }
            // Other letters (e.g. Greek) are dropped but still separate words when they stand
            // between spaces; punctuation and spaces separate words.
            None => pending_dash = true,
        }
    }
    out
}

/// Is `s` already a slug (`[a-z0-9]+(-[a-z0-9]+)*`)?
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Hands out ids unique within one page: `muc`, `muc-2`, `muc-3`, …
#[derive(Debug, Default)]
pub struct UniqueIds {
    used: HashMap<String, usize>,
}

impl UniqueIds {
    /// Reserve an explicit id (`{#id}`); returns false if it was already used.
    pub fn reserve(&mut self, id: &str) -> bool {
        if self.used.contains_key(id) {
            return false;
        }
        self.used.insert(id.to_string(), 1);
        true
    }

    /// A unique id derived from `base` (which may be empty: then `muc`, "section").
    pub fn unique(&mut self, base: &str) -> String {
        let base = if base.is_empty() { "muc" } else { base };
        if !self.used.contains_key(base) {
            self.used.insert(base.to_string(), 1);
            return base.to_string();
        }
        let mut n = self.used.get(base).copied().unwrap_or(1);
        loop {
            n += 1;
            let candidate = format!("{base}-{n}");
            if !self.used.contains_key(&candidate) {
                self.used.insert(base.to_string(), n);
                self.used.insert(candidate.clone(), 1);
                return candidate;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_examples() {
        assert_eq!(slugify("Giám sát trọng điểm"), "giam-sat-trong-diem");
        assert_eq!(slugify("Điều 18. Cỡ mẫu"), "dieu-18-co-mau");
        assert_eq!(slugify("ĐỐI TƯỢNG ÁP DỤNG"), "doi-tuong-ap-dung");
        assert_eq!(slugify("Hướng dẫn"), "huong-dan");
        assert_eq!(
            slugify("Bệnh lây truyền qua đường tình dục"),
            "benh-lay-truyen-qua-duong-tinh-duc"
        );
    }

    #[test]
    fn all_tones_on_all_vowels() {
        // Five tone marks (huyền, sắc, hỏi, ngã, nặng) plus none, on every vowel.
        let cases = [
            ("aàáảãạ", "aaaaaa"),
            ("ăằắẳẵặ", "aaaaaa"),
            ("âầấẩẫậ", "aaaaaa"),
            ("eèéẻẽẹ", "eeeeee"),
            ("êềếểễệ", "eeeeee"),
            ("iìíỉĩị", "iiiiii"),
            ("oòóỏõọ", "oooooo"),
            ("ôồốổỗộ", "oooooo"),
            ("ơờớởỡợ", "oooooo"),
            ("uùúủũụ", "uuuuuu"),
            ("ưừứửữự", "uuuuuu"),
            ("yỳýỷỹỵ", "yyyyyy"),
            ("đĐdD", "dddd"),
        ];
        for (input, want) in cases {
            assert_eq!(slugify(input), want, "{input}");
            assert_eq!(slugify(&input.to_uppercase()), want, "upper {input}");
        }
    }

    #[test]
    fn decomposed_text_gives_same_slug() {
        // "Việt" in NFD: e + combining circumflex + combining dot below.
        let nfd = "Vie\u{0302}\u{0323}t Nam";
        assert_eq!(slugify(nfd), "viet-nam");
    }

    #[test]
    fn punctuation_and_spaces() {
        assert_eq!(
            slugify("  Điều 1 — Phạm vi (điều chỉnh)!  "),
            "dieu-1-pham-vi-dieu-chinh"
        );
        assert_eq!(slugify("a/b_c.d"), "a-b-c-d");
        assert_eq!(slugify("HIV/AIDS"), "hiv-aids");
        assert_eq!(slugify("!!!"), "");
        assert_eq!(slugify("2.1.3"), "2-1-3");
    }

    #[test]
    fn slug_validation() {
        assert!(is_slug("giam-sat"));
        assert!(is_slug("dieu-18"));
        assert!(!is_slug("Giam-sat"));
        assert!(!is_slug("giám-sát"));
        assert!(!is_slug("giam_sat"));
        assert!(!is_slug("-a"));
        assert!(!is_slug("a--b"));
        assert!(!is_slug(""));
    }

    #[test]
    fn duplicates_get_numbers() {
        let mut ids = UniqueIds::default();
        assert_eq!(ids.unique("muc-tieu"), "muc-tieu");
        assert_eq!(ids.unique("muc-tieu"), "muc-tieu-2");
        assert_eq!(ids.unique("muc-tieu"), "muc-tieu-3");
        assert!(ids.reserve("x"));
        assert!(!ids.reserve("x"));
        assert_eq!(ids.unique("x"), "x-2");
        // A heading literally named "muc-tieu-4" then a fourth "muc tieu".
        assert_eq!(ids.unique("muc-tieu-4"), "muc-tieu-4");
        assert_eq!(ids.unique("muc-tieu"), "muc-tieu-5");
        assert_eq!(ids.unique(""), "muc");
    }
}
