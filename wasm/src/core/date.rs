//! A small proleptic-Gregorian civil date, hand-rolled on purpose.
//!
//! Why not chrono: the core only needs civil date ↔ day number, weekday and ISO text;
//! these are ~60 lines (Howard Hinnant's `days_from_civil`), keep the wasm module small and
//! have no time-zone or locale machinery. Dates serialize as ISO 8601 `"YYYY-MM-DD"`.
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Smallest and largest year the calculator accepts (the lunar algorithm is validated there).
pub const MIN_YEAR: i32 = 1900;
/// See [`MIN_YEAR`].
pub const MAX_YEAR: i32 = 2199;

/// A calendar date (no time, no zone).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, e.g. 2025.
    pub year: i32,
    /// Month 1–12.
    pub month: u8,
    /// Day 1–31.
    pub day: u8,
}

/// Day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Weekday {
    /// Thứ Hai.
    Monday,
    /// Thứ Ba.
    Tuesday,
    /// Thứ Tư.
    Wednesday,
    /// Thứ Năm.
    Thursday,
    /// Thứ Sáu.
    Friday,
    /// Thứ Bảy.
    Saturday,
    /// Chủ nhật.
    Sunday,
}

impl Weekday {
    /// Vietnamese name ("Thứ Hai" … "Chủ nhật").
    pub fn name_vi(self) -> &'static str {
        match self {
            Weekday::Monday => "Thứ Hai",
            Weekday::Tuesday => "Thứ Ba",
            Weekday::Wednesday => "Thứ Tư",
            Weekday::Thursday => "Thứ Năm",
            Weekday::Friday => "Thứ Sáu",
            Weekday::Saturday => "Thứ Bảy",
            Weekday::Sunday => "Chủ nhật",
        }
    }
    /// Saturday or Sunday (the weekly rest days of state agencies).
    pub fn is_weekend(self) -> bool {
        matches!(self, Weekday::Saturday | Weekday::Sunday)
    }
}

/// Is `y` a Gregorian leap year?
pub const fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Number of days in month `m` (1–12) of year `y`; 0 for an invalid month.
pub const fn days_in_month(y: i32, m: u8) -> u8 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => {
            if is_leap(y) {
                29
            } else {
                28
            }
        }
        _ => 0,
    }
}

impl Date {
    /// A date, or `None` when it does not exist or is outside [`MIN_YEAR`]..=[`MAX_YEAR`].
    pub const fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if year < MIN_YEAR || year > MAX_YEAR || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Date from static data known to be valid (used by rule tables; checked by tests).
    pub(crate) const fn ymd(year: i32, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    /// Days since 1970-01-01 (negative before).
    pub fn to_days(self) -> i64 {
        let y = self.year as i64 - if self.month <= 2 { 1 } else { 0 };
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = self.month as i64;
        let mp = if m > 2 { m - 3 } else { m + 9 };
        let doy = (153 * mp + 2) / 5 + self.day as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Inverse of [`Date::to_days`]. Years outside the supported range are clamped by callers.
    pub fn from_days(z: i64) -> Date {
        let z = z + 719_468;
        let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        Date {
            year: (y + if m <= 2 { 1 } else { 0 }) as i32,
            month: m,
            day: d,
        }
    }

    /// Julian day number (noon-based integer, as in astronomical algorithms).
    pub fn jdn(self) -> i64 {
        self.to_days() + 2_440_588
    }

    /// Date of a Julian day number.
    pub fn from_jdn(jdn: i64) -> Date {
        Date::from_days(jdn - 2_440_588)
    }

    /// `self + n` days.
    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.to_days() + n)
    }

    /// Days from `self` to `other` (positive when `other` is later).
    pub fn days_until(self, other: Date) -> i64 {
        other.to_days() - self.to_days()
    }

    /// Day of the week.
    pub fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday.
        match (self.to_days() + 3).rem_euclid(7) {
            0 => Weekday::Monday,
            1 => Weekday::Tuesday,
            2 => Weekday::Wednesday,
            3 => Weekday::Thursday,
            4 => Weekday::Friday,
            5 => Weekday::Saturday,
            _ => Weekday::Sunday,
        }
    }

    /// ISO 8601 text `YYYY-MM-DD` (years 0–9999), without `core::fmt`.
    pub fn iso(self) -> String {
        let mut b = [0u8; 10];
        let y = self.year.clamp(0, 9999) as u32;
        b[0] = b'0' + (y / 1000) as u8;
        b[1] = b'0' + (y / 100 % 10) as u8;
        b[2] = b'0' + (y / 10 % 10) as u8;
        b[3] = b'0' + (y % 10) as u8;
        b[4] = b'-';
        b[5] = b'0' + self.month / 10;
        b[6] = b'0' + self.month % 10;
        b[7] = b'-';
        b[8] = b'0' + self.day / 10;
        b[9] = b'0' + self.day % 10;
        b.iter().map(|&c| c as char).collect()
    }

    /// Vietnamese form `dd/mm/yyyy` (the handbook's date format).
    pub fn dmy(self) -> String {
        let iso = self.iso();
        let mut s = String::with_capacity(10);
        s.push_str(&iso[8..10]);
        s.push('/');
        s.push_str(&iso[5..7]);
        s.push('/');
        s.push_str(&iso[0..4]);
        s
    }

    /// Vietnamese short form `d/m/yyyy`.
    pub fn vi(self) -> String {
        let mut s = String::new();
        crate::core::text::push_u64(&mut s, self.day as u64);
        s.push('/');
        crate::core::text::push_u64(&mut s, self.month as u64);
        s.push('/');
        crate::core::text::push_u64(&mut s, self.year.max(0) as u64);
        s
    }

    /// Parse `YYYY-MM-DD` strictly (no f64, no allocation).
    pub fn parse_iso(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let digits = |r: core::ops::Range<usize>| -> Option<u32> {
            let mut v = 0u32;
            for &c in &b[r] {
                if !c.is_ascii_digit() {
                    return None;
                }
                v = v * 10 + (c - b'0') as u32;
            }
            Some(v)
        };
        let y = digits(0..4)? as i32;
        let m = digits(5..7)?;
        let d = digits(8..10)?;
        if m > 12 || d > 31 {
            return None;
        }
        Date::new(y, m as u8, d as u8)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Date;
            fn expecting(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
                f.write_str("một ngày dạng YYYY-MM-DD (năm 1900–2199)")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Date, E> {
                Date::parse_iso(v).ok_or_else(|| {
                    E::custom("ngày không hợp lệ: cần dạng YYYY-MM-DD, năm 1900–2199")
                })
            }
        }
        d.deserialize_str(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roundtrip_days() {
        for z in -30_000..80_000 {
            let d = Date::from_days(z);
            assert_eq!(d.to_days(), z);
        }
        assert_eq!(Date::ymd(1970, 1, 1).to_days(), 0);
        assert_eq!(Date::ymd(2000, 3, 1).to_days(), 11_017);
    }

    #[test]
    fn weekdays() {
        assert_eq!(Date::ymd(2024, 2, 10).weekday(), Weekday::Saturday);
        assert_eq!(Date::ymd(2025, 1, 29).weekday(), Weekday::Wednesday);
        assert_eq!(Date::ymd(2026, 11, 23).weekday(), Weekday::Monday);
    }

    #[test]
    fn parse_and_format() {
        assert_eq!(Date::parse_iso("2024-02-29"), Some(Date::ymd(2024, 2, 29)));
        assert_eq!(Date::parse_iso("2023-02-29"), None);
        assert_eq!(Date::parse_iso("2023-2-01"), None);
        assert_eq!(Date::parse_iso("1899-12-31"), None);
        assert_eq!(Date::parse_iso("２０２３-01-01"), None);
        assert_eq!(Date::ymd(2025, 9, 2).iso(), "2025-09-02");
        assert_eq!(Date::ymd(2025, 9, 2).vi(), "2/9/2025");
        assert_eq!(Date::ymd(2024, 1, 31).jdn(), 2_460_341);
    }
}
