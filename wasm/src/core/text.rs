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

/// Whether `c` is in the blocks Vietnamese text uses whose characters are all NFC-stable
/// (ASCII, Latin-1, Latin Extended-A and -B, Latin Extended Additional): no combining mark, no
/// singleton. A string of such characters is already NFC.
fn nfc_stable(c: char) -> bool {
    (c as u32) < 0x300 || (0x1E00..0x1F00).contains(&(c as u32))
}

/// Lower case of a letter of Vietnamese text without tables: ASCII, Latin-1 (À–Þ), Latin
/// Extended-A (pairs from U+0100: Ă, Đ, Ĩ, Ũ, …), Ơ, Ư and Latin Extended Additional (pairs:
/// Ạ–Ỹ). `None` for a character outside those ranges (the caller falls back to the full
/// Unicode lower case). Checked against `char::to_lowercase` for every character it maps.
pub fn vi_lower(c: char) -> Option<char> {
    let u = c as u32;
    let low = match u {
        0x41..=0x5A => u + 0x20,
        0..=0x7F => u,
        0xC0..=0xDE if u != 0xD7 => u + 0x20,
        0xD7 | 0xDF..=0xFF => u,
        0x100..=0x12F | 0x131..=0x137 | 0x14A..=0x177 => u | 1,
        0x1A0 | 0x1A1 => 0x1A1,
        0x1AF | 0x1B0 => 0x1B0,
        0x1E00..=0x1E95 | 0x1EA0..=0x1EFF => u | 1,
        _ => return None,
    };
    char::from_u32(low)
}

/// Unicode NFC of `s`. Text already in the NFC-stable blocks (nearly every name typed) is
/// returned as it is; otherwise natively `unicode-normalization`, and in the browser the JS
/// engine's own `String.prototype.normalize` (an ECMAScript built-in): the crate's tables
/// would add ~150 KB to the allocation module (measured), the engine has them already.
pub fn nfc(s: &str) -> String {
    if s.chars().all(nfc_stable) {
        return s.into();
    }
    nfc_full(s)
}

#[cfg(not(target_arch = "wasm32"))]
fn nfc_full(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfc().collect()
}

#[cfg(target_arch = "wasm32")]
fn nfc_full(s: &str) -> String {
    js_sys::JsString::from(s).normalize("NFC").into()
}

/// Full Unicode lower case of `s` (what case folding is for Vietnamese), without tables for
/// Vietnamese letters ([`vi_lower`]); other text natively through `str::to_lowercase`, in the
/// browser through the JS engine's `String.prototype.toLowerCase` (same mapping).
pub fn lower(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match vi_lower(c) {
            Some(l) => out.push(l),
            None => return lower_full(s),
        }
    }
    out
}

#[cfg(not(target_arch = "wasm32"))]
fn lower_full(s: &str) -> String {
    s.to_lowercase()
}

#[cfg(target_arch = "wasm32")]
fn lower_full(s: &str) -> String {
    js_sys::JsString::from(s).to_lower_case().into()
}

/// A name as shown and compared: Unicode NFC, without leading or trailing white space. The
/// same text typed on two keyboards (precomposed "Đình" or "Đi" + U+0300 + "nh") gives the
/// same name, its random site order included.
pub fn clean_name(s: &str) -> String {
    nfc(s.trim())
}

/// The key two names are compared by: [`clean_name`], lower-cased (full Unicode lower case,
/// which for Vietnamese is its case folding), NFC again. "Ba Đình", "ba đình " and the
/// decomposed "Ba Đình" have one key. A name of NFC-stable Vietnamese letters (nearly every
/// one) takes one pass and one allocation.
pub fn name_key(s: &str) -> String {
    let t = s.trim();
    let mut out = String::with_capacity(t.len());
    for c in t.chars() {
        match vi_lower(c) {
            Some(l) if nfc_stable(c) => out.push(l),
            _ => return nfc(&lower(&clean_name(s))),
        }
    }
    out
}

/// The first name of `keys` equal to an earlier one: (index of the earlier, index of the
/// repeat). Linear time (a probe table of FNV-1a hashes), so 5 areas × 500 sites stay within
/// the recompute budget; equal hashes are confirmed on the keys.
pub fn first_duplicate<K: AsRef<str>>(keys: &[K]) -> Option<(usize, usize)> {
    let size = (keys.len() * 2).next_power_of_two().max(8);
    // (hash, index + 1); index 0 marks an empty slot.
    let mut table: Vec<(u64, usize)> = vec![(0, 0); size];
    for (i, k) in keys.iter().enumerate() {
        let k = k.as_ref();
        let h = crate::core::rng::fnv1a(k.as_bytes());
        let mut slot = h as usize & (size - 1);
        loop {
            match table[slot] {
                (_, 0) => {
                    table[slot] = (h, i + 1);
                    break;
                }
                (th, j) if th == h && keys[j - 1].as_ref() == k => return Some((j - 1, i)),
                _ => slot = (slot + 1) & (size - 1),
            }
        }
    }
    None
}

/// Length of a name in characters (Unicode scalar values of its NFC form), not bytes.
pub fn name_chars(s: &str) -> usize {
    let t = s.trim();
    if t.chars().all(nfc_stable) {
        return t.chars().count();
    }
    clean_name(s).chars().count()
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
        assert_eq!(
            name_key("ΣΑΣ"),
            "σας",
            "outside Vietnamese: full lower case"
        );
    }

    #[test]
    fn first_duplicate_finds_the_first_repeat() {
        assert_eq!(first_duplicate::<&str>(&[]), None);
        assert_eq!(first_duplicate(&["a", "b", "c"]), None);
        assert_eq!(first_duplicate(&["a", "b", "a", "b"]), Some((0, 2)));
        let many: Vec<String> = (0..5000).map(|i| format!("Điểm {i}")).collect();
        assert_eq!(first_duplicate(&many), None);
        let mut dup = many.clone();
        dup.push("Điểm 4321".into());
        assert_eq!(first_duplicate(&dup), Some((4321, 5000)));
    }

    /// The table-free paths agree with the Unicode ones for every character they handle.
    #[test]
    fn vietnamese_fast_paths_agree_with_unicode() {
        use unicode_normalization::UnicodeNormalization;
        for u in 0..0x11_0000u32 {
            let Some(c) = char::from_u32(u) else { continue };
            if let Some(l) = vi_lower(c) {
                assert_eq!(l.to_string(), c.to_lowercase().to_string(), "U+{u:04X}");
            }
            if nfc_stable(c) {
                let s = c.to_string();
                assert_eq!(s.nfc().collect::<String>(), s, "U+{u:04X} is NFC");
            }
        }
        let all = "AĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXYÀẢÃÁẠẰẲẴẮẶẦẨẪẤẬÈẺẼÉẸỀỂỄẾỆÌỈĨÍỊÒỎÕÓỌỒỔỖỐỘỜỞỠỚỢÙỦŨÚỤỪỬỮỨỰỲỶỸÝỴ";
        assert!(
            all.chars().all(|c| vi_lower(c).is_some()),
            "every Vietnamese letter"
        );
        assert_eq!(lower(all), all.to_lowercase());
    }
}
