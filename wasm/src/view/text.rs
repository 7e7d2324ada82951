//! Pure text helpers of the browser layer (no web-sys): parsing what a planner types
//! (Vietnamese separators), Vietnamese number and date display, base64url for the shareable
//! link. Plain Rust, unit-tested natively. No `core::fmt` float code (size).
use crate::core::date::Date;
use crate::core::text::{cat, push_u64};

/// Text that is not a number of the expected form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BadNumber;

/// A count as typed by a planner (`1200`, `1.200`, `1 200`): the core's one parser,
/// [`crate::core::count::parse_count`]. `None` when empty.
pub use crate::core::count::{CountError, parse_count as parse_uint};

/// Decimal as typed: `5`, `5,5` or `5.5` (one decimal mark, up to 6 decimals).
/// Returns (mantissa, decimals): `5,25` → (525, 2).
pub fn parse_decimal(s: &str) -> Result<Option<(u64, u32)>, BadNumber> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let mut m: u64 = 0;
    let mut decimals: Option<u32> = None;
    let mut digits = 0;
    for c in t.chars() {
        match c {
            '0'..='9' => {
                m = m
                    .checked_mul(10)
                    .and_then(|v| v.checked_add(c as u64 - '0' as u64))
                    .ok_or(BadNumber)?;
                digits += 1;
                if let Some(d) = decimals.as_mut() {
                    *d += 1;
                    if *d > 6 {
                        return Err(BadNumber);
                    }
                }
            }
            ',' | '.' if decimals.is_none() => decimals = Some(0),
            _ => return Err(BadNumber),
        }
    }
    if digits == 0 || m > 1_000_000_000_000 {
        return Err(BadNumber);
    }
    Ok(Some((m, decimals.unwrap_or(0))))
}

/// `(mantissa, decimals)` as f64 (`(525, 2)` → 5.25), by division (no float parsing).
pub fn decimal_f64((m, d): (u64, u32)) -> f64 {
    m as f64 / 10u64.pow(d) as f64
}

/// Integer with Vietnamese grouping: `1234567` → `1.234.567`.
pub fn int_vi(n: u64) -> String {
    let mut raw = String::new();
    push_u64(&mut raw, n);
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

/// A non-negative real with one decimal and a Vietnamese comma: `12.34` → `12,3`.
pub fn real1_vi(x: f64) -> String {
    let tenths = if x.is_finite() && x > 0.0 {
        (x * 10.0 + 0.5) as u64
    } else {
        0
    };
    let mut s = int_vi(tenths / 10);
    s.push(',');
    push_u64(&mut s, tenths % 10);
    s
}

/// Why a typed date is not a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateError {
    /// Not of the form d/m/yyyy (or ISO).
    Format,
    /// Of the form, but no such day (31/02/2026, 00/01/2026, 12/13/2026).
    NoSuchDay,
}

impl DateError {
    /// The Vietnamese message, quoting what was typed; `example` is the form asked for.
    pub fn message(self, typed: &str, example: &str) -> String {
        match self {
            DateError::NoSuchDay => cat(&["“", typed.trim(), "”: ngày không tồn tại."]),
            DateError::Format => cat(&["Nhập ngày dạng dd/mm/yyyy, ví dụ ", example, "."]),
        }
    }
}

/// Parse `d/m/yyyy` (also `-` or `.` as separator, or ISO `yyyy-mm-dd`), telling a text that
/// is not a date from a date that does not exist.
pub fn parse_dmy_checked(s: &str) -> Result<Date, DateError> {
    let t = s.trim();
    if let Some(d) = Date::parse_iso(t) {
        return Ok(d);
    }
    let mut parts = t.split(['/', '-', '.']);
    let mut part = |max| {
        parts
            .next()
            .and_then(|p| parse_uint(p, max).ok().flatten())
            .ok_or(DateError::Format)
    };
    let (day, month, year) = (part(99)?, part(99)?, part(9999)?);
    if parts.next().is_some() || !(1900..=2199).contains(&year) {
        return Err(DateError::Format);
    }
    if day == 0 || month == 0 || day > 31 || month > 12 {
        return Err(DateError::NoSuchDay);
    }
    Date::new(year as i32, month as u8, day as u8).ok_or(DateError::NoSuchDay)
}

/// Parse `d/m/yyyy` (also `-` or `.` as separator, or ISO `yyyy-mm-dd`); checks the day exists.
pub fn parse_dmy(s: &str) -> Option<Date> {
    parse_dmy_checked(s).ok()
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// base64url without padding (RFC 4648 §5).
pub fn b64url_encode(data: &[u8]) -> String {
    let mut s = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for i in 0..=chunk.len() {
            s.push(B64[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    s
}

/// Decode base64url (padding and standard `+/` tolerated). `None` on a bad character.
pub fn b64url_decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            b'=' => break,
            _ => return None,
        } as u32;
        acc = acc << 6 | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_with_vietnamese_grouping() {
        assert_eq!(parse_uint("1.000", 10_000), Ok(Some(1000)));
        assert_eq!(parse_uint(" 12 500 ", 100_000), Ok(Some(12500)));
        assert_eq!(parse_uint("", 10), Ok(None));
        assert_eq!(parse_uint("1,5", 10), Err(CountError::NotWhole));
        assert_eq!(parse_uint("-3", 10), Err(CountError::Negative));
        assert_eq!(parse_uint("11", 10), Err(CountError::TooLarge));
        assert_eq!(
            parse_uint("99999999999999999999999", u64::MAX),
            Err(CountError::TooLarge)
        );
        assert_eq!(int_vi(0), "0");
        assert_eq!(int_vi(999), "999");
        assert_eq!(int_vi(1000), "1.000");
        assert_eq!(int_vi(1234567), "1.234.567");
    }

    #[test]
    fn decimals() {
        assert_eq!(parse_decimal("5,25"), Ok(Some((525, 2))));
        assert_eq!(parse_decimal("5.5"), Ok(Some((55, 1))));
        assert_eq!(parse_decimal("1,2,3"), Err(BadNumber));
        assert_eq!(decimal_f64((525, 2)), 5.25);
        assert_eq!(real1_vi(12.34), "12,3");
        assert_eq!(real1_vi(1234.0), "1.234,0");
    }

    #[test]
    fn dates() {
        let d = Date::new(2024, 6, 5).unwrap();
        assert_eq!(d.dmy(), "05/06/2024");
        assert_eq!(parse_dmy("5/6/2024"), Some(d));
        assert_eq!(parse_dmy("2024-06-05"), Some(d));
        assert_eq!(parse_dmy("31/02/2024"), None);
        assert_eq!(parse_dmy("abc"), None);
        assert_eq!(parse_dmy_checked("31/02/2026"), Err(DateError::NoSuchDay));
        assert_eq!(parse_dmy_checked("32/1/2026"), Err(DateError::NoSuchDay));
        assert_eq!(parse_dmy_checked("5/6"), Err(DateError::Format));
        assert_eq!(parse_dmy_checked("a/b/c"), Err(DateError::Format));
        assert_eq!(
            DateError::NoSuchDay.message(" 31/02/2026", "05/06/2025"),
            "“31/02/2026”: ngày không tồn tại."
        );
    }

    #[test]
    fn base64url_round_trip() {
        for s in ["", "a", "ab", "abc", "abcd", "Huyện Ba Đình {\"x\":1}"] {
            let e = b64url_encode(s.as_bytes());
            assert!(!e.contains(['+', '/', '=']));
            assert_eq!(b64url_decode(&e).unwrap(), s.as_bytes());
        }
        assert_eq!(b64url_encode(b"foob"), "Zm9vYg");
        assert_eq!(b64url_decode("Zm9vYg==").unwrap(), b"foob");
        assert!(b64url_decode("a b").is_none());
    }
}
