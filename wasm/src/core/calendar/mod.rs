//! Vietnamese working-day calendar for state agencies.
//!
//! - Weekly rest: Saturday and Sunday (40-hour week of state agencies).
//! - Public holidays: the Labour Code in force on each occasion's day ([`law`]: the 1994 code
//!   as amended until 30/04/2013, the 2012 code until 31/12/2020, the 2019 code since), each
//!   rule with its article.
//! - The official schedules of 2013–2026 ([`official`]): days off, compensatory days, days
//!   moved and Saturdays worked in exchange, each occasion with the text that decides it.
//! - Any other year is estimated from the law and marked `estimated`: Tết = the last day of the
//!   lunar year and the first 4 days of the new one, a Tết day on a Saturday compensated on the
//!   working day before the break and one on a Sunday after it (as every schedule of
//!   2014–2026 did); the Quốc khánh adjacent day chosen to join a weekend (Mon → 3/9,
//!   Tue/Wed/Fri/Sat → 1/9, Thu/Sun → 3/9, as 2021–2026 did); other holidays on a weekend
//!   compensated on the next working day; no swaps (they cannot be predicted).
//! - An estimated occasion may move days off by up to [`REACH_DAYS`] either side of its
//!   statutory days (the official schedules moved them by at most 11): any answer that depends
//!   on a day in that window is itself estimated ([`WorkCalendar::estimate_at`]).
//! - Proposed holidays that are not law (24/11, Ngày Văn hóa Việt Nam) are not days off; they
//!   are shown as dated notes ([`law::PROPOSALS`]).
//!
//! Supported years: [`FIRST_YEAR`]–[`LAST_YEAR`]. Before 2013 the 1994 code and the schedules
//! of those years are not encoded; after 2197 the lunar calendar (valid to 2199) could not date
//! the next year a deadline may fall into.
use crate::core::date::{Date, Weekday};
use crate::core::text;
use serde::{Serialize, Serializer};

pub mod law;
pub mod lunar;
pub mod official;

use law::{LabourCode, Rule, TetCompensation};

/// First year the calendar supports (the first year whose every occasion is encoded from the
/// official announcements).
pub const FIRST_YEAR: i32 = 2013;
/// Last year the calendar supports (a deadline of that year may fall into the next one, which
/// the lunar calendar still dates).
pub const LAST_YEAR: i32 = 2197;
/// The calendar also computes the year after [`LAST_YEAR`], for deadlines that spill into it.
const LAST_COMPUTED_YEAR: i32 = LAST_YEAR + 1;
/// How far (days) an estimated occasion may move days off from its statutory days. The
/// official schedules of 2013–2026 went at most 11 days away (Saturday 23/02/2013 worked for
/// Tết 2013, Saturday 22/08/2026 worked for Quốc khánh 2026); checked by the tests.
pub const REACH_DAYS: i64 = 14;

/// "2013–2197", for messages.
pub fn supported_years() -> String {
    let mut s = String::new();
    text::push_u64(&mut s, FIRST_YEAR as u64);
    s.push('–');
    text::push_u64(&mut s, LAST_YEAR as u64);
    s
}

/// What a date field expects (the field messages of `sotay calc` and the JSON entry points).
pub const DATE_EXPECTED: &str = "một ngày dạng YYYY-MM-DD trong các năm 2013–2197";

/// Is `year` supported?
pub fn supports(year: i32) -> bool {
    (FIRST_YEAR..=LAST_YEAR).contains(&year)
}

/// A holiday occasion (serialized as its id).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occasion {
    /// Id, e.g. "tet".
    pub id: &'static str,
    /// Vietnamese name, e.g. "Tết Âm lịch".
    pub name: &'static str,
    /// Short name used in reasons, e.g. "lễ 30/4 – 1/5".
    pub short: &'static str,
}

impl Serialize for Occasion {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id)
    }
}

/// Kind of special day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
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

/// A non-working day (or a worked Saturday).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SpecialDay {
    /// Date.
    pub date: Date,
    /// Weekday (Vietnamese).
    pub weekday: &'static str,
    /// Kind.
    pub kind: DayKind,
    /// Vietnamese name, e.g. "Tết Âm lịch (mùng 1 tháng Giêng)".
    pub name: String,
    /// Occasion it belongs to.
    pub occasion: Occasion,
    /// Year of that occasion (31/12/2012 belongs to the 2013 New Year).
    pub occasion_year: i32,
    /// `true` when computed by rule rather than taken from an official announcement.
    pub estimated: bool,
    /// Source or legal basis.
    pub source: String,
}

/// One occasion of a year and what decides it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OccasionInfo {
    /// Occasion.
    pub occasion: Occasion,
    /// Vietnamese name.
    pub name: &'static str,
    /// Year of the occasion.
    pub year: i32,
    /// Estimated (no official schedule encoded).
    pub estimated: bool,
    /// The official text, or the law it is estimated from.
    pub source: String,
    /// The Labour Code in force on its day, with the article.
    pub law: String,
    /// First and last statutory day.
    pub first: Date,
    /// See [`OccasionInfo::first`].
    pub last: Date,
    /// Days whose status depends on this occasion when it is estimated ([`REACH_DAYS`] either
    /// side of its statutory days); `None` when it is official.
    pub reach: Option<(Date, Date)>,
}

/// A dated note shown with the calendar (a proposed holiday that is not law).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CalendarNote {
    /// The day concerned.
    pub date: Date,
    /// The note, e.g. "24/11 — Ngày Văn hóa Việt Nam: đề xuất, chưa có hiệu lực — kiểm tra
    /// ngày 04/12/2026 (…). Không tính là ngày nghỉ."
    pub text: String,
}

/// The special days of one year.
#[derive(Debug, Clone, Serialize)]
pub struct YearCalendar {
    /// Year.
    pub year: i32,
    /// Special days in date order.
    pub days: Vec<SpecialDay>,
    /// `true` when at least one occasion of the year is estimated.
    pub estimated: bool,
    /// Every occasion whose days or estimate reach touch the year, in date order.
    pub occasions: Vec<OccasionInfo>,
    /// The Labour Code(s) in force during the year.
    pub laws: Vec<&'static str>,
    /// Proposed holidays of the year that are not law.
    pub notes: Vec<CalendarNote>,
}

/// Calendar error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct YearOutOfRange {
    /// The year asked (or reached).
    pub year: i32,
}

/// One occasion of one year, official or estimated.
#[derive(Debug, Clone)]
struct Instance {
    occasion: Occasion,
    year: i32,
    code: &'static LabourCode,
    rule: Rule,
    article: &'static str,
    estimated: bool,
    source: String,
    statutory: Vec<Date>,
    days: Vec<(Date, DayKind)>,
}

impl Instance {
    fn first(&self) -> Date {
        self.statutory
            .iter()
            .copied()
            .min()
            .unwrap_or(Date::ymd(self.year, 1, 1))
    }
    fn last(&self) -> Date {
        self.statutory
            .iter()
            .copied()
            .max()
            .unwrap_or(Date::ymd(self.year, 1, 1))
    }
    fn reach(&self) -> Option<(Date, Date)> {
        self.estimated.then(|| {
            (
                self.first().add_days(-REACH_DAYS),
                self.last().add_days(REACH_DAYS),
            )
        })
    }
    fn law(&self) -> String {
        text::cat(&[self.code.name, ", ", self.article])
    }
}

/// Every occasion id the codes know, in the order of the law.
fn occasion_list() -> Vec<(Occasion, Rule)> {
    let mut v: Vec<(Occasion, Rule)> = Vec::new();
    for c in law::CODES.iter().rev() {
        for o in c.occasions {
            if !v.iter().any(|(x, _)| x.id == o.occasion.id) {
                v.push((o.occasion, o.rule));
            }
        }
    }
    v
}

/// The day that decides which code governs an occasion of `year` under `rule`.
fn anchor(rule: Rule, year: i32) -> Option<Date> {
    match rule {
        Rule::Solar(days) => days.first().map(|&(m, d, _)| Date::ymd(year, m, d)),
        Rule::Lunar { month, day, .. } => lunar::from_lunar(day, month, year, false),
        Rule::Tet { .. } => lunar::tet(year),
        Rule::NationalDay { .. } => Some(Date::ymd(year, 9, 2)),
    }
}

/// The statutory days of `rule` in `year`.
fn statutory(rule: Rule, year: i32) -> Vec<Date> {
    match rule {
        Rule::Solar(days) => days
            .iter()
            .map(|&(m, d, _)| Date::ymd(year, m, d))
            .collect(),
        Rule::Lunar { month, day, .. } => lunar::from_lunar(day, month, year, false)
            .into_iter()
            .collect(),
        Rule::Tet { before, days } => match lunar::tet(year) {
            Some(t) => (0..days as i64)
                .map(|i| t.add_days(i - before as i64))
                .collect(),
            None => Vec::new(),
        },
        Rule::NationalDay { days } => {
            let d2 = Date::ymd(year, 9, 2);
            if days < 2 {
                return vec![d2];
            }
            let adjacent = match d2.weekday() {
                Weekday::Monday | Weekday::Thursday | Weekday::Sunday => 3,
                _ => 1,
            };
            if adjacent < 2 {
                vec![Date::ymd(year, 9, adjacent), d2]
            } else {
                vec![d2, Date::ymd(year, 9, adjacent)]
            }
        }
    }
}

fn day_name(occasion: Occasion, rule: Rule, d: Date) -> String {
    match rule {
        Rule::Solar(days) => days
            .iter()
            .find(|&&(m, dd, _)| m == d.month && dd == d.day)
            .map(|&(_, _, n)| String::from(n))
            .unwrap_or_else(|| occasion.name.into()),
        Rule::Lunar { name, .. } => name.into(),
        Rule::Tet { .. } => {
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
        Rule::NationalDay { .. } => {
            if d.month == 9 && d.day == 2 {
                "Quốc khánh (2/9)".into()
            } else {
                "Quốc khánh (ngày liền kề)".into()
            }
        }
    }
}

/// Stable insertion sort by a key: the vectors here hold a few dozen items, and each call of
/// std's sort with its own closure adds a sort instantiation (kilobytes) to the wasm module.
fn sort_small<T, K: PartialOrd>(v: &mut [T], key: fn(&T) -> K) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && key(&v[j - 1]) > key(&v[j]) {
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// The occasions of `year` (official or estimated), with their days (compensatory days of
/// estimated occasions placed).
fn instances(year: i32) -> Vec<Instance> {
    instances_with(year, true)
}

fn instances_with(year: i32, use_official: bool) -> Vec<Instance> {
    if !(FIRST_YEAR..=LAST_COMPUTED_YEAR + 1).contains(&year) {
        return Vec::new();
    }
    let mut out: Vec<Instance> = Vec::new();
    for (occ, latest_rule) in occasion_list() {
        let Some(at) = anchor(latest_rule, year) else {
            continue;
        };
        let code = law::code_on(at);
        let Some(rule) = code
            .occasions
            .iter()
            .find(|o| o.occasion.id == occ.id && year >= o.since)
        else {
            continue;
        };
        let stat = statutory(rule.rule, year);
        if stat.is_empty() {
            continue;
        }
        let found = if use_official {
            official::find(year, occ.id)
        } else {
            None
        };
        let (estimated, source, days) = match found {
            Some(o) => (false, String::from(o.source), o.days.to_vec()),
            None => {
                let mut s = text::cat(&["Ước tính theo ", code.name, ", ", rule.article]);
                if let Some(a) = code.schedule_article
                    && matches!(rule.rule, Rule::Tet { .. } | Rule::NationalDay { .. })
                {
                    s.push_str(&text::cat(&[
                        " (Thủ tướng quyết định cụ thể ngày nghỉ, ",
                        a,
                        ")",
                    ]));
                }
                s.push_str(": chưa có thông báo chính thức");
                (
                    true,
                    s,
                    stat.iter().map(|&d| (d, DayKind::Holiday)).collect(),
                )
            }
        };
        out.push(Instance {
            occasion: occ,
            year,
            code,
            rule: rule.rule,
            article: rule.article,
            estimated,
            source,
            statutory: stat,
            days,
        });
    }
    place_compensatory_days(&mut out);
    out
}

/// Compensatory days of the estimated occasions of one year, on days that are working days
/// and not already off for another occasion.
fn place_compensatory_days(instances: &mut [Instance]) {
    let mut taken: Vec<Date> = instances
        .iter()
        .flat_map(|i| i.days.iter())
        .filter(|(_, k)| *k != DayKind::WorkedSaturday)
        .map(|(d, _)| *d)
        .collect();
    let free = |d: Date, taken: &[Date]| !d.weekday().is_weekend() && !taken.contains(&d);
    // Weekend holidays of estimated occasions, in date order.
    let mut todo: Vec<(Date, usize)> = instances
        .iter()
        .enumerate()
        .filter(|(_, i)| i.estimated)
        .flat_map(|(n, i)| {
            i.statutory
                .iter()
                .filter(|d| d.weekday().is_weekend())
                .map(move |&d| (d, n))
        })
        .collect();
    sort_small(&mut todo, |t| (t.0, t.1));
    for (h, n) in todo {
        let inst = &instances[n];
        let before = matches!(inst.rule, Rule::Tet { .. })
            && inst.code.tet_compensation == TetCompensation::SaturdayBeforeSundayAfter
            && h.weekday() == Weekday::Saturday;
        let mut c = if before {
            inst.first()
        } else if matches!(inst.rule, Rule::Tet { .. }) {
            inst.last()
        } else {
            h
        };
        let step = if before { -1 } else { 1 };
        loop {
            c = c.add_days(step);
            if free(c, &taken) {
                break;
            }
        }
        taken.push(c);
        instances[n].days.push((c, DayKind::Compensatory));
    }
    for i in instances.iter_mut() {
        sort_small(&mut i.days, |&(d, k)| (d, k));
    }
}

fn special_day(i: &Instance, date: Date, kind: DayKind) -> SpecialDay {
    let name = match kind {
        DayKind::Holiday => day_name(i.occasion, i.rule, date),
        DayKind::Compensatory => text::cat(&["Nghỉ bù ", i.occasion.name]),
        DayKind::MovedDayOff => text::cat(&["Nghỉ hoán đổi dịp ", i.occasion.name]),
        DayKind::WorkedSaturday => text::cat(&["Làm bù dịp ", i.occasion.name]),
    };
    let source = if i.estimated && kind == DayKind::Compensatory {
        text::cat(&[
            "Ước tính theo ",
            i.code.name,
            ", ",
            i.code.compensatory_article,
            ": chưa có thông báo chính thức",
        ])
    } else {
        i.source.clone()
    };
    SpecialDay {
        date,
        weekday: date.weekday().name_vi(),
        kind,
        name,
        occasion: i.occasion,
        occasion_year: i.year,
        estimated: i.estimated,
        source,
    }
}

/// The calendar of `year` without the range check (years up to the one after [`LAST_YEAR`]).
fn compute_year(year: i32) -> YearCalendar {
    let mut days = Vec::new();
    let mut occasions = Vec::new();
    let jan1 = Date::ymd(year, 1, 1);
    let dec31 = Date::ymd(year, 12, 31);
    let mut estimated = false;
    for y in [year - 1, year, year + 1] {
        for i in instances(y) {
            let mut touches = false;
            for &(d, k) in &i.days {
                if d.year == year {
                    days.push(special_day(&i, d, k));
                    touches = true;
                }
            }
            if let Some((a, b)) = i.reach()
                && a <= dec31
                && b >= jan1
            {
                touches = true;
            }
            if y == year && i.estimated {
                estimated = true;
            }
            if touches {
                occasions.push(OccasionInfo {
                    occasion: i.occasion,
                    name: i.occasion.name,
                    year: i.year,
                    estimated: i.estimated,
                    source: i.source.clone(),
                    law: i.law(),
                    first: i.first(),
                    last: i.last(),
                    reach: i.reach(),
                });
            }
        }
    }
    sort_small(&mut days, |d| d.date);
    sort_small(&mut occasions, |o| o.first);
    let mut laws: Vec<&'static str> = Vec::new();
    for c in [law::code_on(jan1), law::code_on(dec31)] {
        if !laws.contains(&c.name) {
            laws.push(c.name);
        }
    }
    let notes = law::proposals(year)
        .into_iter()
        .map(|p| CalendarNote {
            date: Date::ymd(year, p.month, p.day),
            text: p.note(),
        })
        .collect();
    YearCalendar {
        year,
        days,
        estimated,
        occasions,
        laws,
        notes,
    }
}

/// Every special day of `year` (holidays, compensatory, moved days off, worked Saturdays),
/// the occasions and their sources, the law and the notes.
pub fn year_calendar(year: i32) -> Result<YearCalendar, YearOutOfRange> {
    if !supports(year) {
        return Err(YearOutOfRange { year });
    }
    Ok(compute_year(year))
}

/// Why a day is not a working day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DayOffReason {
    /// Vietnamese reason, e.g. "Chủ nhật" or "Quốc khánh (2/9)".
    pub name: String,
    /// Kind, `None` for a plain weekend.
    pub kind: Option<DayKind>,
    /// The occasion, `None` for a plain weekend.
    pub occasion: Option<Occasion>,
    /// Estimated (not from an official announcement).
    pub estimated: bool,
}

/// A day skipped by a working-day count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SkippedDay {
    /// Date.
    pub date: Date,
    /// Weekday (Vietnamese).
    pub weekday: &'static str,
    /// Why it is not a working day.
    pub reason: String,
    /// Kind, `None` for a plain weekend.
    pub kind: Option<DayKind>,
    /// From an estimated occasion.
    pub estimated: bool,
}

/// A run of consecutive skipped days, for display.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SkippedRun {
    /// First day.
    pub from: Date,
    /// Last day.
    pub to: Date,
    /// Every reason, e.g. "Thứ Bảy, Chủ nhật và lễ 30/4 – 1/5".
    pub reason: String,
}

/// The result of a working-day count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Workdays {
    /// Start (not counted).
    pub from: Date,
    /// Working days added (negative: counted back).
    pub add: i32,
    /// The day reached.
    pub date: Date,
    /// Its weekday.
    pub weekday: &'static str,
    /// Every non-working day passed over, in the order met.
    pub skipped: Vec<SkippedDay>,
    /// The answer depends on an estimated occasion.
    pub estimated: bool,
    /// Those occasions, e.g. "Tết Âm lịch 2027".
    pub estimated_occasions: Vec<String>,
}

impl Workdays {
    /// The skipped days as runs of consecutive days, each with its reasons.
    pub fn runs(&self, cal: &mut WorkCalendar) -> Vec<SkippedRun> {
        let mut out: Vec<SkippedRun> = Vec::new();
        let mut i = 0;
        while i < self.skipped.len() {
            let mut j = i + 1;
            while j < self.skipped.len()
                && self.skipped[j]
                    .date
                    .to_days()
                    .abs_diff(self.skipped[j - 1].date.to_days())
                    == 1
            {
                j += 1;
            }
            let (a, b) = (self.skipped[i].date, self.skipped[j - 1].date);
            let (from, to) = if a <= b { (a, b) } else { (b, a) };
            out.push(SkippedRun {
                from,
                to,
                reason: cal.reason_between(from, to.add_days(1)),
            });
            i = j;
        }
        out
    }
}

/// "A", "A và B", "A, B và C".
fn join_vi(parts: &[String]) -> String {
    match parts.len() {
        0 => String::new(),
        1 => parts[0].clone(),
        n => {
            let mut s = parts[..n - 1].join(", ");
            s.push_str(" và ");
            s.push_str(&parts[n - 1]);
            s
        }
    }
}

/// Working-day oracle with a per-year cache.
#[derive(Debug, Default)]
pub struct WorkCalendar {
    years: Vec<YearCalendar>,
}

impl WorkCalendar {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    fn year(&mut self, year: i32) -> Option<&YearCalendar> {
        if !(FIRST_YEAR..=LAST_COMPUTED_YEAR).contains(&year) {
            return None;
        }
        if let Some(i) = self.years.iter().position(|y| y.year == year) {
            return self.years.get(i);
        }
        self.years.push(compute_year(year));
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

    /// The estimated occasion whose reach covers `d`, if any ("Tết Âm lịch 2027").
    pub fn estimate_at(&mut self, d: Date) -> Option<String> {
        let y = self.year(d.year)?;
        y.occasions
            .iter()
            .find(|o| o.reach.is_some_and(|(a, b)| a <= d && d <= b))
            .map(|o| {
                let mut s = String::from(o.name);
                s.push(' ');
                text::push_u64(&mut s, o.year.max(0) as u64);
                s
            })
    }

    /// The estimated occasions reaching any day from `a` to `b` (inclusive, either order).
    pub fn estimates_between(&mut self, a: Date, b: Date) -> Vec<String> {
        let (a, b) = if a <= b { (a, b) } else { (b, a) };
        let mut out: Vec<String> = Vec::new();
        let mut c = a;
        while c <= b {
            if let Some(o) = self.estimate_at(c)
                && !out.contains(&o)
            {
                out.push(o);
            }
            c = c.add_days(1);
        }
        out
    }

    /// `None` when `d` is a working day, otherwise why not.
    pub fn day_off_reason(&mut self, d: Date) -> Option<DayOffReason> {
        match self.special(d) {
            Some(s) if s.kind == DayKind::WorkedSaturday => None,
            Some(s) => Some(DayOffReason {
                name: s.name,
                kind: Some(s.kind),
                occasion: Some(s.occasion),
                estimated: s.estimated,
            }),
            None if d.weekday().is_weekend() => Some(DayOffReason {
                name: d.weekday().name_vi().into(),
                kind: None,
                occasion: None,
                estimated: false,
            }),
            None => None,
        }
    }

    /// Every reason of the days from `a` up to (not including) `b`, in order: the weekend days
    /// before the first holiday by their weekday, then each occasion once (the weekend days
    /// inside or after a break belong to it). 15/02/2026 → 23/02/2026 is "Chủ nhật và Tết Âm
    /// lịch".
    pub fn reason_between(&mut self, a: Date, b: Date) -> String {
        let mut parts: Vec<String> = Vec::new();
        let mut seen_occasion = false;
        let mut c = a;
        while c < b {
            if let Some(r) = self.day_off_reason(c) {
                let label: Option<String> = match r.occasion {
                    Some(o) => {
                        seen_occasion = true;
                        Some(o.short.into())
                    }
                    None if !seen_occasion => Some(r.name),
                    None => None,
                };
                if let Some(l) = label
                    && !parts.contains(&l)
                {
                    parts.push(l);
                }
            }
            c = c.add_days(1);
        }
        join_vi(&parts)
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
    /// Điều 147: the first day is not counted). `n == 0` returns `d` when it is a working day,
    /// else the first working day after it (a Saturday gives the Monday, its days off listed
    /// as skipped); negative `n` counts back.
    /// `None` when the count leaves the supported years.
    pub fn add_workdays(&mut self, d: Date, n: i32) -> Option<Date> {
        self.count_workdays(d, n).ok().map(|w| w.date)
    }

    /// [`WorkCalendar::add_workdays`] with the days skipped and whether the answer is
    /// estimated; the error names the year the count left the supported range at.
    pub fn count_workdays(&mut self, d: Date, n: i32) -> Result<Workdays, YearOutOfRange> {
        if !supports(d.year) {
            return Err(YearOutOfRange { year: d.year });
        }
        let step = if n >= 0 { 1 } else { -1 };
        let mut left = n.unsigned_abs();
        let mut c = d;
        let mut skipped = Vec::new();
        // Zero days from a day off: the first working day after it.
        if n == 0 {
            while let Some(r) = self.day_off_reason(c) {
                skipped.push(SkippedDay {
                    date: c,
                    weekday: c.weekday().name_vi(),
                    reason: r.name,
                    kind: r.kind,
                    estimated: r.estimated,
                });
                c = c.add_days(1);
                if !supports(c.year) {
                    return Err(YearOutOfRange { year: c.year });
                }
            }
        }
        while left > 0 {
            c = c.add_days(step);
            if !supports(c.year) {
                return Err(YearOutOfRange { year: c.year });
            }
            match self.day_off_reason(c) {
                None => left -= 1,
                Some(r) => skipped.push(SkippedDay {
                    date: c,
                    weekday: c.weekday().name_vi(),
                    reason: r.name,
                    kind: r.kind,
                    estimated: r.estimated,
                }),
            }
        }
        let estimated_occasions = if n == 0 {
            if c == d {
                Vec::new()
            } else {
                self.estimates_between(d, c)
            }
        } else {
            self.estimates_between(d.add_days(step), c)
        };
        Ok(Workdays {
            from: d,
            add: n,
            date: c,
            weekday: c.weekday().name_vi(),
            skipped,
            estimated: !estimated_occasions.is_empty(),
            estimated_occasions,
        })
    }
}

/// The days off and worked Saturdays the estimator gives for the occasions of `year` as if no
/// official schedule were encoded (every day with its kind, in date order). The tests compare
/// it with the official schedules of 2013–2026.
pub fn estimated_days(year: i32) -> Vec<(Date, DayKind)> {
    let mut v: Vec<(Date, DayKind)> = instances_with(year, false)
        .into_iter()
        .flat_map(|i| i.days)
        .collect();
    v.sort();
    v
}

/// Convenience: `n` working days after `d` (see [`WorkCalendar::add_workdays`]).
pub fn add_workdays(d: Date, n: i32) -> Option<Date> {
    WorkCalendar::new().add_workdays(d, n)
}

/// Convenience: [`WorkCalendar::count_workdays`].
pub fn count_workdays(d: Date, n: i32) -> Result<Workdays, YearOutOfRange> {
    WorkCalendar::new().count_workdays(d, n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u8, dd: u8) -> Date {
        Date::ymd(y, m, dd)
    }

    #[test]
    fn messages_state_the_supported_range() {
        assert_eq!(supported_years(), "2013–2197");
        assert!(DATE_EXPECTED.ends_with(&supported_years()));
        assert!(supports(FIRST_YEAR) && supports(LAST_YEAR));
        assert!(!supports(FIRST_YEAR - 1) && !supports(LAST_YEAR + 1));
    }

    #[test]
    fn join_vi_lists() {
        let s = |v: &[&str]| join_vi(&v.iter().map(|x| x.to_string()).collect::<Vec<_>>());
        assert_eq!(s(&[]), "");
        assert_eq!(s(&["A"]), "A");
        assert_eq!(s(&["A", "B"]), "A và B");
        assert_eq!(s(&["A", "B", "C"]), "A, B và C");
    }

    #[test]
    fn reach_covers_every_official_day_of_2013_2026() {
        // Every day an official schedule listed lies within REACH_DAYS of its occasion's
        // statutory days under the law in force: the window an estimate is trusted to.
        let mut widest = 0;
        for o in official::OFFICIAL {
            let inst = instances(o.year)
                .into_iter()
                .find(|i| i.occasion.id == o.occasion)
                .expect("occasion of the law");
            for &(day, _) in o.days {
                let off = if day < inst.first() {
                    day.days_until(inst.first())
                } else if day > inst.last() {
                    inst.last().days_until(day)
                } else {
                    0
                };
                widest = widest.max(off);
            }
        }
        assert_eq!(widest, 11, "23/02/2013 and 22/08/2026");
        assert!(widest < REACH_DAYS);
    }

    #[test]
    fn compensatory_days_avoid_other_holidays() {
        // 2029: 30/4 Monday, 1/5 Tuesday; Giỗ Tổ 10/3 âm lịch = 23/4/2029 (Monday).
        // 2/9/2029 is a Sunday: adjacent day 3/9 (Monday), its compensatory day Tuesday 4/9.
        let cal = compute_year(2029);
        let off: Vec<(Date, DayKind)> = cal.days.iter().map(|s| (s.date, s.kind)).collect();
        assert!(off.contains(&(d(2029, 9, 2), DayKind::Holiday)));
        assert!(off.contains(&(d(2029, 9, 3), DayKind::Holiday)));
        assert!(off.contains(&(d(2029, 9, 4), DayKind::Compensatory)));
    }
}
