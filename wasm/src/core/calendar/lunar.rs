//! The Vietnamese lunisolar calendar, computed for UTC+7.
//!
//! Hồ Ngọc Đức's well-known algorithm ("Thuật toán tính âm lịch"): new moons from Jean
//! Meeus' series (Astronomical Algorithms, 1998, ch. 49, truncated), the sun's longitude at
//! the start of a day, month 11 = the month containing the winter solstice, and the leap month
//! = the first month without a major solar term. Everything at time zone +7 (Vietnam), which
//! is why some years (e.g. 1985, where China's Tết was 20/2 and Vietnam's 21/1) differ from
//! the Chinese calendar computed for UTC+8. Valid 1900–2199.
use crate::core::date::Date;
use core::f64::consts::PI;

/// Vietnam's time zone offset in hours.
pub const TIME_ZONE: f64 = 7.0;

fn floor(x: f64) -> i64 {
    x.floor() as i64
}

/// Julian day number of the new moon `k` (k = 0 at 1900-01-01), at the given zone.
fn new_moon_day(k: i64, tz: f64) -> i64 {
    let k = k as f64;
    let t = k / 1236.85;
    let t2 = t * t;
    let t3 = t2 * t;
    let dr = PI / 180.0;
    let mut jd1 = 2_415_020.759_33 + 29.530_588_68 * k + 0.000_117_8 * t2 - 0.000_000_155 * t3;
    jd1 += 0.000_33 * ((166.56 + 132.87 * t - 0.009_173 * t2) * dr).sin();
    let m = 359.2242 + 29.105_356_08 * k - 0.000_033_3 * t2 - 0.000_003_47 * t3;
    let mpr = 306.0253 + 385.816_918_06 * k + 0.010_730_6 * t2 + 0.000_012_36 * t3;
    let f = 21.2964 + 390.670_506_46 * k - 0.001_652_8 * t2 - 0.000_002_39 * t3;
    let mut c1 = (0.1734 - 0.000_393 * t) * (m * dr).sin() + 0.0021 * (2.0 * dr * m).sin();
    c1 = c1 - 0.4068 * (mpr * dr).sin() + 0.0161 * (dr * 2.0 * mpr).sin();
    c1 -= 0.0004 * (dr * 3.0 * mpr).sin();
    c1 = c1 + 0.0104 * (dr * 2.0 * f).sin() - 0.0051 * (dr * (m + mpr)).sin();
    c1 = c1 - 0.0074 * (dr * (m - mpr)).sin() + 0.0004 * (dr * (2.0 * f + m)).sin();
    c1 = c1 - 0.0004 * (dr * (2.0 * f - m)).sin() - 0.0006 * (dr * (2.0 * f + mpr)).sin();
    c1 = c1 + 0.0010 * (dr * (2.0 * f - mpr)).sin() + 0.0005 * (dr * (2.0 * mpr + m)).sin();
    let delta_t = if t < -11.0 {
        0.001 + 0.000_839 * t + 0.000_226_1 * t2 - 0.000_008_45 * t3 - 0.000_000_081 * t * t3
    } else {
        -0.000_278 + 0.000_265 * t + 0.000_262 * t2
    };
    let jd_new = jd1 + c1 - delta_t;
    floor(jd_new + 0.5 + tz / 24.0)
}

/// Sun longitude sector (0–11, 30° each) at the start of Julian day `jdn`.
fn sun_longitude(jdn: i64, tz: f64) -> i64 {
    let t = (jdn as f64 - 2_451_545.5 - tz / 24.0) / 36_525.0;
    let t2 = t * t;
    let dr = PI / 180.0;
    let m = 357.529_10 + 35_999.050_30 * t - 0.000_155_9 * t2 - 0.000_000_48 * t * t2;
    let l0 = 280.466_45 + 36_000.769_83 * t + 0.000_303_2 * t2;
    let mut dl = (1.914_600 - 0.004_817 * t - 0.000_014 * t2) * (dr * m).sin();
    dl += (0.019_993 - 0.000_101 * t) * (dr * 2.0 * m).sin() + 0.000_290 * (dr * 3.0 * m).sin();
    let mut l = (l0 + dl) * dr;
    l -= PI * 2.0 * floor(l / (PI * 2.0)) as f64;
    floor(l / PI * 6.0)
}

/// Julian day of the start of lunar month 11 of solar year `yy`.
fn lunar_month_11(yy: i32, tz: f64) -> i64 {
    let off = Date::ymd(yy, 12, 31).jdn() - 2_415_021;
    let k = floor(off as f64 / 29.530_588_853);
    let nm = new_moon_day(k, tz);
    if sun_longitude(nm, tz) >= 9 {
        new_moon_day(k - 1, tz)
    } else {
        nm
    }
}

/// Offset (in months after month 11 starting at `a11`) of the leap month.
fn leap_month_offset(a11: i64, tz: f64) -> i64 {
    let k = floor((a11 as f64 - 2_415_021.076_998_695) / 29.530_588_853 + 0.5);
    let mut i = 1;
    let mut arc = sun_longitude(new_moon_day(k + i, tz), tz);
    loop {
        let last = arc;
        i += 1;
        arc = sun_longitude(new_moon_day(k + i, tz), tz);
        if arc == last || i >= 14 {
            break;
        }
    }
    i - 1
}

/// A lunar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct LunarDate {
    /// Day 1–30.
    pub day: u8,
    /// Month 1–12.
    pub month: u8,
    /// Lunar year (the solar year in which its month 1 begins).
    pub year: i32,
    /// Leap month.
    pub leap: bool,
}

/// Solar → lunar (UTC+7).
pub fn to_lunar(d: Date) -> LunarDate {
    let tz = TIME_ZONE;
    let day_number = d.jdn();
    let k = floor((day_number as f64 - 2_415_021.076_998_695) / 29.530_588_853);
    let mut month_start = new_moon_day(k + 1, tz);
    if month_start > day_number {
        month_start = new_moon_day(k, tz);
    }
    let mut a11 = lunar_month_11(d.year, tz);
    let mut b11 = a11;
    let mut lunar_year;
    if a11 >= month_start {
        lunar_year = d.year;
        a11 = lunar_month_11(d.year - 1, tz);
    } else {
        lunar_year = d.year + 1;
        b11 = lunar_month_11(d.year + 1, tz);
    }
    let lunar_day = day_number - month_start + 1;
    let diff = floor((month_start - a11) as f64 / 29.0);
    let mut leap = false;
    let mut lunar_month = diff + 11;
    if b11 - a11 > 365 {
        let leap_diff = leap_month_offset(a11, tz);
        if diff >= leap_diff {
            lunar_month = diff + 10;
            if diff == leap_diff {
                leap = true;
            }
        }
    }
    if lunar_month > 12 {
        lunar_month -= 12;
    }
    if lunar_month >= 11 && diff < 4 {
        lunar_year -= 1;
    }
    LunarDate {
        day: lunar_day.clamp(1, 30) as u8,
        month: lunar_month.clamp(1, 12) as u8,
        year: lunar_year,
        leap,
    }
}

/// Lunar → solar (UTC+7); `None` when that leap month does not exist or out of range.
pub fn from_lunar(day: u8, month: u8, year: i32, leap: bool) -> Option<Date> {
    let tz = TIME_ZONE;
    if !(1..=30).contains(&day) || !(1..=12).contains(&month) {
        return None;
    }
    if year <= crate::core::date::MIN_YEAR || year >= crate::core::date::MAX_YEAR {
        return None;
    }
    let (a11, b11) = if month < 11 {
        (lunar_month_11(year - 1, tz), lunar_month_11(year, tz))
    } else {
        (lunar_month_11(year, tz), lunar_month_11(year + 1, tz))
    };
    let k = floor(0.5 + (a11 as f64 - 2_415_021.076_998_695) / 29.530_588_853);
    let mut off = month as i64 - 11;
    if off < 0 {
        off += 12;
    }
    if b11 - a11 > 365 {
        let leap_off = leap_month_offset(a11, tz);
        let mut leap_month = leap_off - 2;
        if leap_month < 0 {
            leap_month += 12;
        }
        if leap && month as i64 != leap_month {
            return None;
        } else if leap || off >= leap_off {
            off += 1;
        }
    } else if leap {
        return None;
    }
    let month_start = new_moon_day(k + off, tz);
    let d = Date::from_jdn(month_start + day as i64 - 1);
    Date::new(d.year, d.month, d.day)
}

/// Tết (1 tháng Giêng) of lunar year `year`.
pub fn tet(year: i32) -> Option<Date> {
    from_lunar(1, 1, year, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u8, dd: u8) -> Date {
        Date::ymd(y, m, dd)
    }

    #[test]
    fn tet_known_dates_vietnam() {
        let known = [
            (1985, d(1985, 1, 21)), // Vietnam; China celebrated 20/2/1985
            (2007, d(2007, 2, 17)), // China: 18/2/2007
            (2020, d(2020, 1, 25)),
            (2021, d(2021, 2, 12)),
            (2022, d(2022, 2, 1)),
            (2023, d(2023, 1, 22)),
            (2024, d(2024, 2, 10)),
            (2025, d(2025, 1, 29)),
            (2026, d(2026, 2, 17)),
            (2027, d(2027, 2, 6)),
            // New moon 2030-02-02 16:09 UTC = 23:09 in Vietnam, 00:09 on 3/2 in China:
            // Vietnam's Tết is 2/2/2030, China's 3/2/2030.
            (2030, d(2030, 2, 2)),
        ];
        for (y, want) in known {
            assert_eq!(tet(y), Some(want), "Tết {y}");
        }
    }

    #[test]
    fn hung_kings_day_known_dates() {
        // Giỗ Tổ Hùng Vương (10/3 âm lịch) as published for these years.
        assert_eq!(from_lunar(10, 3, 2024, false), Some(d(2024, 4, 18)));
        assert_eq!(from_lunar(10, 3, 2025, false), Some(d(2025, 4, 7)));
        assert_eq!(from_lunar(10, 3, 2026, false), Some(d(2026, 4, 26)));
    }

    #[test]
    fn roundtrip_and_leap_months() {
        // 2023 had a leap month 2 (nhuận tháng 2): 22/3/2023 = 1/2 nhuận.
        assert_eq!(
            to_lunar(d(2023, 3, 22)),
            LunarDate {
                day: 1,
                month: 2,
                year: 2023,
                leap: true
            }
        );
        assert_eq!(from_lunar(1, 2, 2023, true), Some(d(2023, 3, 22)));
        assert_eq!(from_lunar(1, 3, 2023, true), None);
        for z in Date::ymd(1990, 1, 1).to_days()..Date::ymd(2040, 1, 1).to_days() {
            let s = Date::from_days(z);
            let l = to_lunar(s);
            assert_eq!(
                from_lunar(l.day, l.month, l.year, l.leap),
                Some(s),
                "{s:?} {l:?}"
            );
        }
    }
}
