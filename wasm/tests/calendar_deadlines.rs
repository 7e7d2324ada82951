//! Working-day calendar against official announcements, and dated deadlines.
use sotay_calc::core::calendar::{self, DayKind, WorkCalendar};
use sotay_calc::core::date::Date;
use sotay_calc::core::deadlines;

fn d(s: &str) -> Date {
    Date::parse_iso(s).expect("date")
}

fn off_days(year: i32) -> Vec<(String, DayKind, bool)> {
    calendar::year_calendar(year)
        .expect("year")
        .days
        .into_iter()
        .map(|s| (s.date.iso(), s.kind, s.estimated))
        .collect()
}

fn is_working(s: &str) -> bool {
    WorkCalendar::new().is_working_day(d(s))
}

#[test]
fn tet_2024_official_8_to_14_february() {
    // Bộ LĐTBXH: nghỉ từ thứ Năm 08/02 đến hết thứ Tư 14/02/2024 (5 ngày Tết + 2 ngày nghỉ bù).
    for day in 8..=14 {
        assert!(!is_working(&format!("2024-02-{day:02}")), "{day}");
    }
    assert!(is_working("2024-02-07"));
    assert!(is_working("2024-02-15"));
    let days = off_days(2024);
    assert!(days.contains(&("2024-02-13".into(), DayKind::Compensatory, false)));
}

#[test]
fn april_may_2024_swap_2450_vpcp_kgvx() {
    assert!(!is_working("2024-04-29"));
    assert!(
        is_working("2024-05-04"),
        "Saturday 4/5/2024 worked in exchange"
    );
    let days = off_days(2024);
    assert!(days.contains(&("2024-04-29".into(), DayKind::MovedDayOff, false)));
    assert!(days.contains(&("2024-05-04".into(), DayKind::WorkedSaturday, false)));
}

#[test]
fn national_day_2024_and_2025() {
    assert!(!is_working("2024-09-02") && !is_working("2024-09-03"));
    assert!(is_working("2024-09-04"));
    assert!(!is_working("2025-09-01") && !is_working("2025-09-02"));
    assert!(is_working("2025-09-03"));
}

#[test]
fn tet_2025_nine_days_25_january_to_2_february() {
    for s in [
        "2025-01-25",
        "2025-01-27",
        "2025-01-31",
        "2025-02-01",
        "2025-02-02",
    ] {
        assert!(!is_working(s), "{s}");
    }
    assert!(is_working("2025-01-24"));
    assert!(is_working("2025-02-03"));
}

#[test]
fn april_may_2025_swap_friday_2_may_with_saturday_26_april() {
    assert!(is_working("2025-04-26"));
    assert!(!is_working("2025-05-02"));
    assert!(is_working("2025-05-05"));
}

#[test]
fn tet_2026_nine_days_14_to_22_february_and_hung_kings_compensatory() {
    for day in 14..=22 {
        assert!(!is_working(&format!("2026-02-{day:02}")), "{day}");
    }
    assert!(is_working("2026-02-23"));
    assert!(
        !is_working("2026-04-27"),
        "nghỉ bù Giỗ Tổ (Chủ nhật 26/4/2026)"
    );
    assert!(!is_working("2026-04-30") && !is_working("2026-05-01"));
}

#[test]
fn estimated_years_follow_the_labour_code() {
    // 2027: Tết 6/2/2027 (Saturday). Estimated: last day of year (5/2) + 4 days, with
    // compensatory days for 6/2 and 7/2.
    let days = off_days(2027);
    assert!(days.iter().all(|(_, _, est)| *est));
    assert!(days.contains(&("2027-02-05".into(), DayKind::Holiday, true)));
    assert!(days.contains(&("2027-02-09".into(), DayKind::Holiday, true)));
    assert!(days.contains(&("2027-02-10".into(), DayKind::Compensatory, true)));
    assert!(days.contains(&("2027-02-11".into(), DayKind::Compensatory, true)));
    // 1/1/2028 is a Saturday → compensatory Monday 3/1/2028.
    assert!(off_days(2028).contains(&("2028-01-03".into(), DayKind::Compensatory, true)));
    // Eleven statutory holiday days every year (Điều 112 khoản 1).
    for y in 2027..2060 {
        let n = off_days(y)
            .iter()
            .filter(|(_, k, _)| *k == DayKind::Holiday)
            .count();
        assert_eq!(n, 11, "{y}");
    }
}

#[test]
fn add_workdays_counts_from_the_next_day() {
    let mut c = WorkCalendar::new();
    assert_eq!(c.add_workdays(d("2025-04-25"), 1), Some(d("2025-04-26"))); // worked Saturday
    assert_eq!(c.add_workdays(d("2025-04-29"), 1), Some(d("2025-05-05")));
    assert_eq!(c.add_workdays(d("2025-05-05"), -1), Some(d("2025-04-29")));
    assert_eq!(c.add_workdays(d("2025-05-05"), 0), Some(d("2025-05-05")));
}

#[test]
fn dieu_23_deadlines_2025_with_day_off_rule() {
    let list = deadlines::deadlines(2025, Some("xa")).expect("deadlines");
    // Điều 23 khoản 1 (monthly) + Điều 25 khoản 1 (January and July).
    assert_eq!(
        list.iter()
            .filter(|x| x.article == "Điều 23 khoản 1")
            .count(),
        12
    );
    assert_eq!(
        list.iter()
            .filter(|x| x.article == "Điều 25 khoản 1")
            .count(),
        2
    );
    // 5/10/2025 is a Sunday → effective 6/10/2025.
    let oct = list
        .iter()
        .find(|x| x.article == "Điều 23 khoản 1" && x.end == d("2025-10-05"))
        .expect("oct");
    assert_eq!(oct.start, Some(d("2025-10-01")));
    assert_eq!(oct.effective_end, d("2025-10-06"));
    assert_eq!(oct.shift_reason.as_deref(), Some("Chủ nhật"));
    // 5/2/2025 is a working day, no shift.
    let feb = list
        .iter()
        .find(|x| x.article == "Điều 23 khoản 1" && x.end == d("2025-02-05"))
        .expect("feb");
    assert_eq!(feb.effective_end, feb.end);
    assert!(feb.shift_reason.is_none());
}

#[test]
fn dieu_26_khoan_1_deadline_and_holiday_shift() {
    // 2/9/2024 (holiday) is not a deadline, but 31/8/2024 … check a holiday shift with
    // Điều 24 khoản 1 điểm b: 15/2/2026 is inside the Tết break → 23/2/2026.
    let all = deadlines::deadlines(2026, None).expect("deadlines");
    let fb = all
        .iter()
        .find(|x| x.id == "d24k1-phan-hoi-tinh" && x.end == d("2026-02-15"))
        .expect("feb");
    assert_eq!(fb.effective_end, d("2026-02-23"));
    assert_eq!(fb.shift_reason.as_deref(), Some("Chủ nhật"));
    let d26 = all
        .iter()
        .find(|x| x.id == "d26k1-da-lieu-tinh")
        .expect("26.1");
    assert_eq!((d26.end, d26.start), (d("2026-10-15"), None));
    let collection = all.iter().find(|x| x.id == "d15k1-thu-thap").expect("15.1");
    assert_eq!(
        (collection.start, collection.end),
        (Some(d("2026-06-01")), d("2026-09-30"))
    );
    // the collection period is not moved
    assert_eq!(collection.effective_end, collection.end);
}

#[test]
fn shift_reason_names_the_holiday() {
    // Điều 25 khoản 4 window 16–20 Jan… use Điều 24 khoản 1 điểm b on 15/4/2029? Simpler:
    // Điều 23 khoản 3 window ends 10/2/2024 (Saturday inside the Tết break) → 15/2/2024.
    let list = deadlines::deadlines(2024, Some("tinh")).expect("deadlines");
    let x = list
        .iter()
        .find(|x| x.article == "Điều 23 khoản 3" && x.end == d("2024-02-10"))
        .expect("feb");
    assert_eq!(x.effective_end, d("2024-02-15"));
    assert!(
        x.shift_reason.as_deref().is_some_and(|r| r.contains("Tết")),
        "{:?}",
        x.shift_reason
    );
}

#[test]
fn dieu_24_event_steps_working_days() {
    let s = deadlines::event_steps(d("2025-04-25"), false).expect("steps");
    assert_eq!(s[0].end, d("2025-04-30"));
    assert_eq!(s[0].effective_end, d("2025-05-05")); // 30/4, 1/5, 2/5 (moved), weekend
    assert_eq!(s[1].end, d("2025-05-05"));
    // 10 working days from 25/4/2025: 26/4 (worked Sat), 28, 29, 5/5, 6, 7, 8, 9, 12, 13.
    assert_eq!(s[2].end, d("2025-05-13"));
    let chained = deadlines::event_steps(d("2025-04-25"), true).expect("chain");
    assert_eq!(chained[1].received, d("2025-05-05"));
}

#[test]
fn next_due_from_a_date() {
    let n = deadlines::next_due(d("2025-12-20"), Some("hiv_tinh"), 3).expect("next");
    assert_eq!(n.len(), 3);
    assert!(
        n.windows(2)
            .all(|w| w[0].effective_end <= w[1].effective_end)
    );
    assert!(n[0].effective_end >= d("2025-12-20"));
}

#[test]
fn out_of_range_years_are_errors() {
    assert!(deadlines::deadlines(1800, None).is_err());
    assert!(calendar::year_calendar(3000).is_err());
}

/// Issue 7: every date says which instrument it follows, and one computed from 09/2012 for a
/// day on or after 01/06/2023 says that 09/2012 was replaced then by 07/2023.
#[test]
fn deadlines_from_01_06_2023_name_the_instrument_and_its_replacement() {
    let all = deadlines::deadlines(2023, None).expect("2023");
    let before: Vec<_> = all
        .iter()
        .filter(|x| x.effective_end <= d("2023-05-31"))
        .collect();
    let after: Vec<_> = all
        .iter()
        .filter(|x| x.effective_end >= d("2023-06-01"))
        .collect();
    assert!(!before.is_empty() && !after.is_empty());
    for x in &before {
        assert!(x.in_force, "{x:?}");
        assert_eq!(x.rules_id, "tt09-2012");
        assert_eq!(x.instrument, "Theo Thông tư 09/2012/TT-BYT");
    }
    for x in &after {
        assert!(!x.in_force, "{x:?}");
        assert!(
            x.instrument.starts_with("Theo Thông tư 09/2012/TT-BYT — đã được thay thế từ 01/06/2023 bởi Thông tư 07/2023/TT-BYT"),
            "{}",
            x.instrument
        );
    }
    let steps = deadlines::event_steps(d("2023-05-29"), false).expect("steps");
    assert!(
        steps
            .iter()
            .all(|s| !s.in_force && s.effective_end >= d("2023-06-01"))
    );
    assert!(steps[0].instrument.contains("07/2023"));
}

#[test]
fn per_version_entry_points_refuse_with_the_versions_own_article() {
    let tt07 = sotay_calc::core::rules::version("tt07-2023").expect("07/2023");
    let tt09 = sotay_calc::core::rules::version("tt09-2012").expect("09/2012");
    assert_eq!(tt09.replaced_by_version().map(|v| v.id), Some("tt07-2023"));
    assert!(tt07.replaced_by_version().is_none());
    let a = deadlines::next_due_for(tt09, d("2025-12-20"), Some("hiv_tinh"), 3).expect("09");
    let b = deadlines::next_due(d("2025-12-20"), Some("hiv_tinh"), 3).expect("active");
    assert_eq!(
        a.iter().map(|x| x.effective_end).collect::<Vec<_>>(),
        b.iter().map(|x| x.effective_end).collect::<Vec<_>>()
    );
    let msg = deadlines::next_due_for(tt07, d("2025-12-20"), None, 3)
        .unwrap_err()
        .to_string();
    assert!(msg.contains("07/2023"), "{msg}");
    assert!(
        !msg.contains("Điều 23") && !msg.contains("Điều 24"),
        "{msg}"
    );
    let e = deadlines::event_steps_for(tt07, d("2025-04-25"), false).unwrap_err();
    assert!(e.to_string().contains("07/2023"), "{e}");
}
