//! Reporting deadlines of a year (Điều 15, 23–26), with the day-off rule.
//!
//! Day-off rule (Bộ luật Dân sự 2015, Điều 148): when the last day of a period is a weekly rest
//! day or a public holiday, the period ends at the end of the next working day. It is applied
//! to reports; collection periods (Điều 15) are shown as they are.
use crate::core::calendar::{self, WorkCalendar};
use crate::core::date::{Date, days_in_month};
use crate::core::error::CalcError;
use crate::core::rules::{
    self, DayCount, Level, Obligation, ObligationKind, ReportPeriod, RulesVersion, Schedule, Unit,
};
use crate::core::text::{cat, num};
use serde::Serialize;

/// Article of the day-off rule.
pub const DAY_OFF_RULE: &str = "Bộ luật Dân sự 2015, Điều 148";
/// Article of "the first day is not counted".
pub const FIRST_DAY_RULE: &str = "Bộ luật Dân sự 2015, Điều 147";

/// One dated window of an obligation.
#[derive(Debug, Clone, Serialize)]
pub struct Deadline {
    /// Obligation id.
    pub id: &'static str,
    /// Article.
    pub article: &'static str,
    /// What.
    pub title: &'static str,
    /// Collection or report.
    pub kind: ObligationKind,
    /// Level of the sender.
    pub level: Level,
    /// Senders, joined with "; ".
    pub sender: String,
    /// Receivers, joined with "; " (empty for collection periods).
    pub receiver: String,
    /// Sender unit ids.
    pub sender_ids: Vec<&'static str>,
    /// Receiver unit ids.
    pub receiver_ids: Vec<&'static str>,
    /// Forms ("Phụ lục 2", …).
    pub forms: Vec<String>,
    /// Period label, e.g. "tháng 3/2025" or "6 tháng cuối năm 2024".
    pub period: String,
    /// First day of the window (none for "no later than" deadlines).
    pub start: Option<Date>,
    /// Nominal last day.
    pub end: Date,
    /// Last day after the day-off rule.
    pub effective_end: Date,
    /// Why it moved: every non-working day crossed from `end` to `effective_end`, e.g.
    /// "Chủ nhật và Tết Âm lịch" ([`WorkCalendar::reason_between`]).
    pub shift_reason: Option<String>,
    /// Whether the date depends on an estimated occasion: a day from `end` to `effective_end`
    /// (both included) lies within the reach of an occasion with no official schedule, so the
    /// day judged working or not may change when it is announced.
    pub estimated: bool,
    /// Those occasions, e.g. "Tết Âm lịch 2027".
    pub estimated_by: Vec<String>,
    /// Id of the rules version the date was computed from (e.g. "tt09-2012").
    pub rules_id: &'static str,
    /// Whether that instrument was in force on the effective date.
    pub in_force: bool,
    /// Which instrument the date follows, in Vietnamese (see [`instrument_label`]).
    pub instrument: String,
    /// What the reader must know about this deadline beyond the instrument: the reporting
    /// period the planner chose (when the text that fixes it is not verified), the end of the
    /// district level for a district-level sender or receiver from 01/07/2025.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

fn join_units(units: &[Unit]) -> String {
    units.iter().map(|u| u.name).collect::<Vec<_>>().join("; ")
}

fn month_label(m: u8, y: i32) -> String {
    cat(&["tháng ", &num(m as u64), "/", &num(y.max(0) as u64)])
}

/// Does `filter` (a unit id or level id) concern the obligation?
pub fn matches_unit(o: &Obligation, filter: &str) -> bool {
    let f = filter.trim();
    o.level.as_str() == f || o.senders.iter().chain(o.receivers).any(|u| u.id == f)
}

/// Every known unit and level id, for help texts and validation.
pub fn unit_ids(version: &RulesVersion) -> Vec<&'static str> {
    let mut v: Vec<&'static str> = vec!["xa", "huyen", "tinh", "trung_uong"];
    // Every period's obligations name the same units.
    let obligations = obligations_for(version, Some(ReportPeriod::Month)).unwrap_or(&[]);
    for o in obligations {
        for u in o.senders.iter().chain(o.receivers) {
            if !v.contains(&u.id) {
                v.push(u.id);
            }
        }
    }
    v
}

/// Whether `version` was in force on `date`, and a Vietnamese label naming the instrument a
/// date computed from it follows. Every deadline carries it (generated tables, the calculator,
/// the .ics), so a date on or after a replacement is never mistaken for the rule in force:
/// - in force: "Theo Thông tư 09/2012/TT-BYT";
/// - after its last day: "Theo Thông tư 09/2012/TT-BYT — đã được thay thế từ 01/06/2023 bởi
///   Thông tư 07/2023/TT-BYT; chỉ để tham khảo";
/// - before its first day: "Theo … — chưa có hiệu lực (hiệu lực từ 01/06/2023)".
pub fn instrument_label(version: &RulesVersion, date: Date) -> (bool, String) {
    let from = Date::parse_iso(version.in_force_from.value);
    let until = version.in_force_until.and_then(Date::parse_iso);
    if let Some(f) = from
        && date < f
    {
        return (
            false,
            cat(&[
                "Theo ",
                version.name,
                " — chưa có hiệu lực vào ngày này (hiệu lực từ ",
                &f.dmy(),
                ")",
            ]),
        );
    }
    if let Some(u) = until
        && date > u
    {
        let by = version
            .replaced_by_version()
            .map(|v| v.name)
            .or(version.replaced_by)
            .unwrap_or("văn bản khác");
        return (
            false,
            cat(&[
                "Theo ",
                version.name,
                " — đã được thay thế từ ",
                &u.add_days(1).dmy(),
                " bởi ",
                by,
                "; chỉ để tham khảo",
            ]),
        );
    }
    (true, cat(&["Theo ", version.name]))
}

/// The dated obligations of `version`, or, for a version whose reporting period is not
/// verified, those of the period the planner chose (`None` then is an error that asks for it).
pub fn obligations_for(
    version: &RulesVersion,
    period: Option<ReportPeriod>,
) -> Result<&'static [Obligation], CalcError> {
    match (version.obligations, version.period_obligations, period) {
        (Some(o), _, _) => Ok(o),
        (None, Some(f), Some(p)) => Ok(f(p)),
        (None, Some(f), None) => Err(CalcError::PeriodNeeded {
            version_name: version.name,
            article: f(ReportPeriod::Month)
                .first()
                .map_or(version.articles.obligations, |o| o.article)
                .trim_end_matches(" điểm a"),
        }),
        (None, None, _) => Ok(version.obligations()?),
    }
}

/// The note of a deadline whose reporting period the planner chose.
pub fn chosen_period_note(version: &RulesVersion, p: ReportPeriod) -> String {
    cat(&[
        "Kỳ báo cáo (",
        p.name_vi(),
        ") do bạn chọn theo hướng dẫn đang dùng: ",
        version.name,
        " quy định hạn gửi (Điều 11 khoản 5), độ dài kỳ báo cáo chưa xác minh.",
    ])
}

/// Whether a deadline that ends on `end` and names these units carries the note on the end of
/// the district level ([`rules::DISTRICT_LEVEL_ENDED`]).
pub fn after_district_level(o: &Obligation, end: Date) -> bool {
    let ended = Date::parse_iso(rules::DISTRICT_LEVEL_ENDED.value).expect("a valid date");
    end >= ended
        && o.senders
            .iter()
            .chain(o.receivers)
            .any(|u| u.level == Level::Huyen)
}

fn make(
    version: &'static RulesVersion,
    o: &'static Obligation,
    cal: &mut WorkCalendar,
    period: String,
    start: Option<Date>,
    end: Date,
    chosen: Option<ReportPeriod>,
) -> Deadline {
    let (effective_end, shift_reason, estimated_by) = if o.kind == ObligationKind::Report {
        let eff = cal.next_working_day_from(end);
        let reason = (eff != end).then(|| cal.reason_between(end, eff));
        (eff, reason, cal.estimates_between(end, eff))
    } else {
        // A collection period is shown as written: no day-off rule, nothing estimated.
        (end, None, Vec::new())
    };
    let (in_force, instrument) = instrument_label(version, effective_end);
    let mut notes = Vec::new();
    if let Some(p) = chosen {
        notes.push(chosen_period_note(version, p));
    }
    if after_district_level(o, effective_end) {
        notes.push(rules::DISTRICT_LEVEL_NOTE.into());
    }
    Deadline {
        id: o.id,
        article: o.article,
        title: o.title,
        kind: o.kind,
        level: o.level,
        sender: join_units(o.senders),
        receiver: join_units(o.receivers),
        sender_ids: o.senders.iter().map(|u| u.id).collect(),
        receiver_ids: o.receivers.iter().map(|u| u.id).collect(),
        forms: o
            .forms
            .iter()
            .map(|&f| cat(&["Phụ lục ", &num(f as u64)]))
            .collect(),
        period,
        start,
        end,
        effective_end,
        shift_reason,
        estimated: !estimated_by.is_empty(),
        estimated_by,
        rules_id: version.id,
        in_force,
        instrument,
        notes,
    }
}

/// The label of the reporting period of `months` months that ends in month `pm` of `py`.
fn period_label(months: u8, pm: u8, py: i32) -> String {
    let y = num(py.max(0) as u64);
    match months {
        1 => month_label(pm, py),
        3 => cat(&["quý ", &num((pm / 3) as u64), "/", &y]),
        6 if pm <= 6 => cat(&["6 tháng đầu năm ", &y]),
        6 => cat(&["6 tháng cuối năm ", &y]),
        _ => cat(&["năm ", &y]),
    }
}

/// The month before month `m` of `year` (what a report due in `m` is about), as (year, month).
fn previous_month(year: i32, m: u8) -> (i32, u8) {
    if m == 1 {
        (year - 1, 12)
    } else {
        (year, m - 1)
    }
}

fn clamp_day(y: i32, m: u8, d: u8) -> Date {
    Date::ymd(y, m, d.min(days_in_month(y, m)).max(1))
}

/// Every deadline of `year`, optionally only those concerning `unit` (unit or level id),
/// sorted by nominal end, then article.
pub fn deadlines_for_year(
    version: &'static RulesVersion,
    year: i32,
    unit: Option<&str>,
) -> Result<Vec<Deadline>, CalcError> {
    deadlines_for_year_with(version, year, unit, None)
}

/// [`deadlines_for_year`], with the reporting period the planner chose for a version whose
/// period is not verified (ignored for the others).
pub fn deadlines_for_year_with(
    version: &'static RulesVersion,
    year: i32,
    unit: Option<&str>,
    period: Option<ReportPeriod>,
) -> Result<Vec<Deadline>, CalcError> {
    if !calendar::supports(year) {
        return Err(CalcError::YearOutOfRange { year });
    }
    let obligations = obligations_for(version, period)?;
    let chosen = period.filter(|_| version.period_is_chosen());
    let mut cal = WorkCalendar::new();
    let mut out = Vec::new();
    for o in obligations {
        if let Some(u) = unit
            && !matches_unit(o, u)
        {
            continue;
        }
        match o.schedule {
            Schedule::Monthly { from_day, to_day } => {
                for m in 1..=12u8 {
                    let (py, pm) = previous_month(year, m);
                    out.push(make(
                        version,
                        o,
                        &mut cal,
                        cat(&["báo cáo ", &month_label(pm, py)]),
                        Some(clamp_day(year, m, from_day)),
                        clamp_day(year, m, to_day),
                        chosen,
                    ));
                }
            }
            Schedule::MonthlyBy { day } => {
                for m in 1..=12u8 {
                    let (py, pm) = previous_month(year, m);
                    out.push(make(
                        version,
                        o,
                        &mut cal,
                        cat(&["tháng báo cáo ", &month_label(pm, py)]),
                        None,
                        clamp_day(year, m, day),
                        chosen,
                    ));
                }
            }
            Schedule::InMonths {
                months,
                from_day,
                to_day,
            } => {
                for &m in months {
                    let label = if m == 1 {
                        cat(&["6 tháng cuối năm ", &num((year - 1).max(0) as u64)])
                    } else {
                        cat(&["6 tháng đầu năm ", &num(year.max(0) as u64)])
                    };
                    out.push(make(
                        version,
                        o,
                        &mut cal,
                        label,
                        Some(clamp_day(year, m, from_day)),
                        clamp_day(year, m, to_day),
                        chosen,
                    ));
                }
            }
            Schedule::Yearly(p) => {
                out.push(make(
                    version,
                    o,
                    &mut cal,
                    cat(&["năm ", &num(year.max(0) as u64)]),
                    p.start.map(|s| clamp_day(year, s.month, s.day)),
                    clamp_day(year, p.end.month, p.end.day),
                    chosen,
                ));
            }
            Schedule::AfterPeriod { months, day } => {
                // A report due in month m of `year` is about the period that ended in m − 1.
                for m in (1..=12u8).filter(|m| (m - 1) % months.max(1) == 0) {
                    let (py, pm) = previous_month(year, m);
                    out.push(make(
                        version,
                        o,
                        &mut cal,
                        period_label(months, pm, py),
                        None,
                        clamp_day(year, m, day),
                        chosen,
                    ));
                }
            }
        }
    }
    out.sort_by(|a, b| {
        a.end
            .cmp(&b.end)
            .then(a.article.cmp(b.article))
            .then(a.id.cmp(b.id))
    });
    Ok(out)
}

/// Deadlines of the active version.
pub fn deadlines(year: i32, unit: Option<&str>) -> Result<Vec<Deadline>, CalcError> {
    deadlines_for_year(rules::active(), year, unit)
}

/// The active version's deadlines whose effective end is on or after `from` (see
/// [`next_due_for`]).
pub fn next_due(from: Date, unit: Option<&str>, limit: usize) -> Result<Vec<Deadline>, CalcError> {
    next_due_for(rules::active(), from, unit, limit)
}

/// The deadlines of `version` whose effective end is on or after `from` (this year and next),
/// soonest first, at most `limit`.
pub fn next_due_for(
    version: &'static RulesVersion,
    from: Date,
    unit: Option<&str>,
    limit: usize,
) -> Result<Vec<Deadline>, CalcError> {
    next_due_with(version, from, unit, limit, None)
}

/// [`next_due_for`] with the reporting period the planner chose ([`deadlines_for_year_with`]).
pub fn next_due_with(
    version: &'static RulesVersion,
    from: Date,
    unit: Option<&str>,
    limit: usize,
    period: Option<ReportPeriod>,
) -> Result<Vec<Deadline>, CalcError> {
    let mut all = deadlines_for_year_with(version, from.year, unit, period)?;
    if calendar::supports(from.year + 1) {
        all.extend(deadlines_for_year_with(
            version,
            from.year + 1,
            unit,
            period,
        )?);
    }
    all.retain(|d| d.effective_end >= from && d.kind == ObligationKind::Report);
    all.sort_by(|a, b| {
        a.effective_end
            .cmp(&b.effective_end)
            .then(a.article.cmp(b.article))
    });
    all.truncate(limit);
    Ok(all)
}

/// An event-relative step with its computed date.
#[derive(Debug, Clone, Serialize)]
pub struct EventDeadline {
    /// Step id.
    pub id: &'static str,
    /// Article.
    pub article: &'static str,
    /// What.
    pub title: &'static str,
    /// What starts the count.
    pub trigger: &'static str,
    /// Who acts.
    pub sender: &'static str,
    /// Who receives.
    pub receiver: &'static str,
    /// Date the trigger was received.
    pub received: Date,
    /// Days.
    pub days: u16,
    /// Calendar or working days.
    pub count: DayCount,
    /// Nominal last day (counted from the day after receipt).
    pub end: Date,
    /// Last day after the day-off rule (calendar-day periods only; working-day periods
    /// already end on a working day).
    pub effective_end: Date,
    /// Why it moved: every non-working day crossed (see [`Deadline::shift_reason`]).
    pub shift_reason: Option<String>,
    /// Whether the date depends on an estimated occasion (a day counted, skipped or crossed
    /// lies within its reach).
    pub estimated: bool,
    /// Those occasions, e.g. "Tết Âm lịch 2027".
    pub estimated_by: Vec<String>,
    /// Id of the rules version the step was computed from.
    pub rules_id: &'static str,
    /// Whether that instrument was in force on the effective date.
    pub in_force: bool,
    /// Which instrument the date follows, in Vietnamese (see [`instrument_label`]).
    pub instrument: String,
}

/// The Điều 24 steps from `received`. With `chain`, each step's receipt is the previous
/// step's effective end (the slowest lawful path); otherwise every step counts from
/// `received`.
pub fn event_steps(received: Date, chain: bool) -> Result<Vec<EventDeadline>, CalcError> {
    event_steps_for(rules::active(), received, chain)
}

/// The Điều 24-style steps of `version` from `received` (see [`event_steps`]); refuses with
/// the version's own article when it has none.
pub fn event_steps_for(
    version: &'static RulesVersion,
    received: Date,
    chain: bool,
) -> Result<Vec<EventDeadline>, CalcError> {
    let steps = version.event_steps()?;
    let mut cal = WorkCalendar::new();
    let mut out = Vec::new();
    let mut at = received;
    if !calendar::supports(received.year) {
        return Err(CalcError::YearOutOfRange {
            year: received.year,
        });
    }
    for s in steps {
        let end = match s.count {
            DayCount::Calendar => at.add_days(s.days as i64),
            DayCount::Working => {
                cal.count_workdays(at, s.days as i32)
                    .map_err(|e| CalcError::YearOutOfRange { year: e.year })?
                    .date
            }
        };
        let eff = cal.next_working_day_from(end);
        if !calendar::supports(eff.year) {
            return Err(CalcError::YearOutOfRange { year: eff.year });
        }
        let shift_reason = (eff != end).then(|| cal.reason_between(end, eff));
        // A working-day count depends on every day it counts; a calendar-day period only on
        // the days from its end to the effective end.
        let counted_from = match s.count {
            DayCount::Calendar => end,
            DayCount::Working => at.add_days(1),
        };
        let estimated_by = cal.estimates_between(counted_from, eff);
        let (in_force, instrument) = instrument_label(version, eff);
        out.push(EventDeadline {
            id: s.id,
            article: s.article,
            title: s.title,
            trigger: s.trigger,
            sender: s.sender.name,
            receiver: s.receiver.name,
            received: at,
            days: s.days,
            count: s.count,
            end,
            effective_end: eff,
            shift_reason,
            estimated: !estimated_by.is_empty(),
            estimated_by,
            rules_id: version.id,
            in_force,
            instrument,
        });
        if chain {
            at = eff;
        }
    }
    Ok(out)
}

/// "lịch nghỉ ước tính: Tết Âm lịch 2027": what an estimated date rests on (the occasions
/// with no official schedule whose reach it lies in). Shown by the deadlines page, the .ics
/// and `sotay calc`.
pub fn estimated_text(by: &[String]) -> String {
    let mut s = String::from("lịch nghỉ ước tính");
    if !by.is_empty() {
        s.push_str(": ");
        s.push_str(&by.join(", "));
    }
    s
}
