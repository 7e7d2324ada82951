//! Vietnamese working-day calendar for state agencies.
//!
//! - Weekly rest: Saturday and Sunday (40-hour week of state agencies).
//! - Public holidays: Bộ luật Lao động 2019, Điều 112 khoản 1: Tết Dương lịch (1/1); Tết Âm
//!   lịch 5 ngày; Giỗ Tổ Hùng Vương (10/3 âm lịch); Ngày Chiến thắng (30/4); Ngày Quốc tế lao
//!   động (1/5); Quốc khánh (2/9) and one adjacent day (1/9 or 3/9). The Prime Minister fixes
//!   the Tết days and the adjacent day each year (Điều 112 khoản 3).
//! - Compensatory days: a holiday on a weekly rest day gives a day off on the next working day
//!   (Điều 111 khoản 3).
//! - Official arrangements (days moved, Saturdays worked in exchange) come from
//!   [`official::OFFICIAL`]; occasions without official data are computed and marked
//!   `estimated`: Tết = last day of the lunar year + the first 4 days of the new year; 2/9's
//!   adjacent day chosen to join a weekend (Mon → 3/9, Tue → 1/9, Wed → 1/9, Thu → 3/9,
//!   Fri → 1/9, Sat → 1/9, Sun → 3/9); no swaps.
//! - No other holiday has been added by law as far as this data knows; proposals are not
//!   encoded.
use crate::core::date::{Date, MAX_YEAR, MIN_YEAR, Weekday};
use crate::core::text;
use serde::Serialize;

pub mod lunar;
pub mod official;

/// Article of the holidays.
pub const HOLIDAYS_ARTICLE: &str = "Bộ luật Lao động 2019, Điều 112 khoản 1";
/// Article of compensatory days.
pub const COMPENSATORY_ARTICLE: &str = "Bộ luật Lao động 2019, Điều 111 khoản 3";

/// Kind of special day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    /// Public holiday (ngày nghỉ lễ, tết).
    Holiday,
    /// Compensatory day off for a holiday on a weekly rest day (nghỉ bù).
    Compensatory,
    /// Working day moved to become a day off (nghỉ hoán đổi).
    MovedDayOff,
    /// Saturday worked in exchange (làm bù): a working day.
    WorkedSaturday,
}

impl DayKind {
    /// Vietnamese label.
    pub fn name_vi(self) -> &'static str {
        match self {
            DayKind::Holiday => "ngày lễ, tết",
            DayKind::Compensatory => "nghỉ bù",
            DayKind::MovedDayOff => "nghỉ hoán đổi",
            DayKind::WorkedSaturday => "làm bù",
        }
    }
}

/// Holiday occasions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Occasion {
    /// Tết Dương lịch.
    NewYear,
    /// Tết Âm lịch.
    Tet,
    /// Giỗ Tổ Hùng Vương.
    HungKings,
    /// 30/4 and 1/5.
    AprilMay,
    /// Quốc khánh.
    NationalDay,
}

const OCCASIONS: [Occasion; 5] = [
    Occasion::NewYear,
    Occasion::Tet,
    Occasion::HungKings,
    Occasion::AprilMay,
    Occasion::NationalDay,
];

impl Occasion {
    /// Vietnamese name of the occasion.
    pub fn name_vi(self) -> &'static str {
        match self {
            Occasion::NewYear => "Tết Dương lịch",
            Occasion::Tet => "Tết Âm lịch",
            Occasion::HungKings => "Giỗ Tổ Hùng Vương",
            Occasion::AprilMay => "Ngày Chiến thắng và Ngày Quốc tế lao động",
            Occasion::NationalDay => "Quốc khánh",
        }
    }
}

/// A non-working day (or a worked Saturday).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SpecialDay {
    /// Date.
    pub date: Date,
    /// Weekday (Vietnamese).
    pub weekday: &'static str,
    /// Kind.
    pub kind: DayKind,
    /// Vietnamese name, e.g. "Tết Âm lịch (mùng 1)".
    pub name: String,
    /// Occasion it belongs to.
    pub occasion: Occasion,
    /// `true` when computed by rule rather than taken from an official announcement.
    pub estimated: bool,
    /// Source or legal basis.
    pub source: &'static str,
}

/// The special days of one year.
#[derive(Debug, Clone, Serialize)]
pub struct YearCalendar {
    /// Year.
    pub year: i32,
    /// Special days in date order.
    pub days: Vec<SpecialDay>,
    /// `true` when at least one occasion is estimated.
    pub estimated: bool,
}

/// Calendar error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct YearOutOfRange {
    /// The year asked.
    pub year: i32,
}

fn holiday_name(occasion: Occasion, d: Date) -> String {
    match occasion {
        Occasion::NewYear => "Tết Dương lịch (1/1)".into(),
        Occasion::Tet => {
            let l = lunar::to_lunar(d);
            let mut s = String::from("Tết Âm lịch (");
            if l.month == 1 {
                s.push_str("mùng ");
                text::push_u64(&mut s, l.day as u64);
                s.push_str(" tháng Giêng)");
            } else {
                text::push_u64(&mut s, l.day as u64);
                s.push_str(" tháng Chạp)");
            }
            s
        }
        Occasion::HungKings => "Giỗ Tổ Hùng Vương (10/3 âm lịch)".into(),
        Occasion::AprilMay => {
            if d.month == 4 {
                "Ngày Chiến thắng (30/4)".into()
            } else {
                "Ngày Quốc tế lao động (1/5)".into()
            }
        }
        Occasion::NationalDay => {
            if d.day == 2 {
                "Quốc khánh (2/9)".into()
            } else {
                "Quốc khánh (ngày liền kề)".into()
            }
        }
    }
}

/// Statutory holidays of an occasion in `year` (before compensation).
fn statutory_holidays(year: i32, occasion: Occasion) -> Vec<Date> {
    match occasion {
        Occasion::NewYear => vec![Date::ymd(year, 1, 1)],
        Occasion::Tet => match lunar::tet(year) {
            Some(t) => (-1..=3).map(|i| t.add_days(i)).collect(),
            None => Vec::new(),
        },
        Occasion::HungKings => lunar::from_lunar(10, 3, year, false).into_iter().collect(),
        Occasion::AprilMay => vec![Date::ymd(year, 4, 30), Date::ymd(year, 5, 1)],
        Occasion::NationalDay => {
            let d2 = Date::ymd(year, 9, 2);
            let adjacent = match d2.weekday() {
                Weekday::Monday | Weekday::Thursday | Weekday::Sunday => 3,
                _ => 1,
            };
            let mut v = vec![Date::ymd(year, 9, adjacent), d2];
            v.sort();
            v
        }
    }
}

/// Every special day of `year` (holidays, compensatory, moved days off, worked Saturdays).
pub fn year_calendar(year: i32) -> Result<YearCalendar, YearOutOfRange> {
    if !(MIN_YEAR + 1..MAX_YEAR).contains(&year) {
        return Err(YearOutOfRange { year });
    }
    let mut days: Vec<SpecialDay> = Vec::new();
    let mut estimated_any = false;
    // First pass: official occasions and statutory holidays of the others.
    let mut computed: Vec<(Occasion, Vec<Date>)> = Vec::new();
    for occ in OCCASIONS {
        if let Some(off) = official::OFFICIAL
            .iter()
            .find(|o| o.year == year && o.occasion == occ)
        {
            for &(m, d, kind) in off.days {
                let date = Date::ymd(year, m, d);
                let name = match kind {
                    DayKind::Holiday => holiday_name(occ, date),
                    DayKind::Compensatory => text::cat(&["Nghỉ bù ", occ.name_vi()]),
                    DayKind::MovedDayOff => text::cat(&["Nghỉ hoán đổi dịp ", occ.name_vi()]),
                    DayKind::WorkedSaturday => text::cat(&["Làm bù dịp ", occ.name_vi()]),
                };
                days.push(SpecialDay {
                    date,
                    weekday: date.weekday().name_vi(),
                    kind,
                    name,
                    occasion: occ,
                    estimated: false,
                    source: off.source,
                });
            }
        } else {
            estimated_any = true;
            computed.push((occ, statutory_holidays(year, occ)));
        }
    }
    for (occ, hs) in &computed {
        for &h in hs {
            days.push(SpecialDay {
                date: h,
                weekday: h.weekday().name_vi(),
                kind: DayKind::Holiday,
                name: holiday_name(*occ, h),
                occasion: *occ,
                estimated: true,
                source: HOLIDAYS_ARTICLE,
            });
        }
    }
    // Second pass: compensatory days for computed occasions, on the next working day after
    // the occasion's last holiday that is neither a weekend nor already a day off.
    for (occ, hs) in &computed {
        let on_weekend = hs.iter().filter(|h| h.weekday().is_weekend()).count();
        let mut cursor = match hs.iter().max() {
            Some(&d) => d,
            None => continue,
        };
        for _ in 0..on_weekend {
            loop {
                cursor = cursor.add_days(1);
                let taken = days.iter().any(|s| s.date == cursor);
                if !cursor.weekday().is_weekend() && !taken {
                    break;
                }
            }
            days.push(SpecialDay {
                date: cursor,
                weekday: cursor.weekday().name_vi(),
                kind: DayKind::Compensatory,
                name: text::cat(&["Nghỉ bù ", occ.name_vi()]),
                occasion: *occ,
                estimated: true,
                source: COMPENSATORY_ARTICLE,
            });
        }
    }
    days.sort_by_key(|d| d.date);
    Ok(YearCalendar {
        year,
        days,
        estimated: estimated_any,
    })
}

/// Working-day oracle with a per-year cache.
#[derive(Debug, Default)]
pub struct WorkCalendar {
    years: Vec<YearCalendar>,
}

/// Why a day is not a working day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DayOffReason {
    /// Vietnamese reason, e.g. "Chủ nhật" or "Quốc khánh (2/9)".
    pub name: String,
    /// Kind, `None` for a plain weekend.
    pub kind: Option<DayKind>,
    /// Estimated (not from an official announcement).
    pub estimated: bool,
}

impl WorkCalendar {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    fn year(&mut self, year: i32) -> Option<&YearCalendar> {
        if let Some(i) = self.years.iter().position(|y| y.year == year) {
            return self.years.get(i);
        }
        let cal = year_calendar(year).ok()?;
        self.years.push(cal);
        self.years.last()
    }

    /// The special-day entry of `d`, if any.
    pub fn special(&mut self, d: Date) -> Option<SpecialDay> {
        self.year(d.year)?
            .days
            .iter()
            .find(|s| s.date == d)
            .cloned()
    }

    /// `None` when `d` is a working day, otherwise why not.
    pub fn day_off_reason(&mut self, d: Date) -> Option<DayOffReason> {
        match self.special(d) {
            Some(s) if s.kind == DayKind::WorkedSaturday => None,
            Some(s) => Some(DayOffReason {
                name: s.name,
                kind: Some(s.kind),
                estimated: s.estimated,
            }),
            None if d.weekday().is_weekend() => Some(DayOffReason {
                name: d.weekday().name_vi().into(),
                kind: None,
                estimated: false,
            }),
            None => None,
        }
    }

    /// Is `d` a working day?
    pub fn is_working_day(&mut self, d: Date) -> bool {
        self.day_off_reason(d).is_none()
    }

    /// The first working day on or after `d` (bounded search; `d` itself if none found).
    pub fn next_working_day_from(&mut self, d: Date) -> Date {
        let mut c = d;
        for _ in 0..60 {
            if self.is_working_day(c) {
                return c;
            }
            c = c.add_days(1);
        }
        d
    }

    /// `n` working days after `d`, counting from the day after `d` (Bộ luật Dân sự 2015,
    /// Điều 147: the first day is not counted). `n == 0` returns `d`; negative `n` counts back.
    pub fn add_workdays(&mut self, d: Date, n: i32) -> Option<Date> {
        let step = if n >= 0 { 1 } else { -1 };
        let mut left = n.unsigned_abs();
        let mut c = d;
        while left > 0 {
            c = c.add_days(step);
            if c.year <= MIN_YEAR || c.year >= MAX_YEAR {
                return None;
            }
            if self.is_working_day(c) {
                left -= 1;
            }
        }
        Some(c)
    }
}

/// Convenience: `n` working days after `d` (see [`WorkCalendar::add_workdays`]).
pub fn add_workdays(d: Date, n: i32) -> Option<Date> {
    WorkCalendar::new().add_workdays(d, n)
}
