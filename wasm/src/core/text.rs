//! Tiny text helpers that avoid `core::fmt` (it is large in wasm): integers and
//! one-decimal percentages for the Vietnamese messages.

/// Append `s` to `out` with `& < > " '` escaped: safe in an HTML text node and in a quoted
/// attribute. The one escaper of the project: the generator's pages and the browser's HTML
/// strings (`web::dl_view`) both use it.
pub fn push_html_escaped(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// `s` escaped for HTML (see [`push_html_escaped`]).
pub fn html_escaped(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_html_escaped(&mut out, s);
    out
}

/// Append the decimal digits of `n`.
pub fn push_u64(s: &mut String, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &c in &buf[i..] {
        s.push(c as char);
    }
}

/// `n` as a decimal string.
pub fn num(n: u64) -> String {
    let mut s = String::new();
    push_u64(&mut s, n);
    s
}

/// A proportion 0..=1 as a Vietnamese percentage with one decimal and a comma: `0.0512` → `5,1%`.
pub fn percent1(p: f64) -> String {
    let tenths = if p.is_finite() && p > 0.0 {
        (p * 1000.0 + 0.5) as u64
    } else {
        0
    };
    let mut s = num(tenths / 10);
    s.push(',');
    push_u64(&mut s, tenths % 10);
    s.push('%');
    s
}

/// A name as shown and compared: Unicode NFC, without leading or trailing white space. The
/// same text typed on two keyboards (precomposed "Đình" or "Đi" + U+0300 + "nh") gives the
/// same name, its random site order included.
pub fn clean_name(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.trim().nfc().collect()
}

/// The key two names are compared by: [`clean_name`], lower-cased (full Unicode lower case,
/// which for Vietnamese is its case folding), NFC again. "Ba Đình", "ba đình " and the
/// decomposed "Ba Đình" have one key.
pub fn name_key(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    clean_name(s).to_lowercase().nfc().collect()
}

/// Length of a name in characters (Unicode scalar values of its NFC form), not bytes.
pub fn name_chars(s: &str) -> usize {
    use unicode_normalization::UnicodeNormalization;
    s.trim().nfc().count()
}

/// Concatenate parts (keeps call sites short without `format!`).
pub fn cat(parts: &[&str]) -> String {
    let mut s = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        s.push_str(p);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn numbers() {
        assert_eq!(num(0), "0");
        assert_eq!(num(u64::MAX), "18446744073709551615");
        assert_eq!(percent1(0.0512), "5,1%");
        assert_eq!(percent1(0.0), "0,0%");
        assert_eq!(percent1(f64::NAN), "0,0%");
        assert_eq!(cat(&["a", "b"]), "ab");
    }

    #[test]
    fn names_compare_after_nfc_trim_and_case_folding() {
        let nfc = "Ba \u{110}\u{ec}nh";
        let nfd = "Ba \u{110}i\u{300}nh";
        assert_ne!(nfc, nfd);
        assert_eq!(name_key(nfc), name_key(nfd));
        assert_eq!(name_key(" BA ĐÌNH\u{a0}"), name_key(nfc));
        assert_ne!(name_key("Ba Đình"), name_key("Ba Dinh"));
        assert_eq!(clean_name(nfd), nfc);
        // 67 characters of three bytes each: 201 bytes, 67 characters.
        let long = "ệ".repeat(67);
        assert_eq!((long.len(), name_chars(&long)), (201, 67));
        let decomposed = "e\u{323}\u{302}".repeat(67);
        assert_eq!(name_chars(&decomposed), 67);
    }
}
