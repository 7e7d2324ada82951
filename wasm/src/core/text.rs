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
}
