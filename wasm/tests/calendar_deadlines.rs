//! Working-day calendar against the official announcements and the Labour Code of each year,
//! and the dated deadlines that depend on it. Tests are named after the text they check.
use sotay_calc::core::calendar::{self, DayKind, WorkCalendar, law, official};
use sotay_calc::core::date::{Date, Weekday};
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

fn off(list: &[&str]) {
    for s in list {
        assert!(!is_working(s), "{s} is a day off");
    }
}

fn working(list: &[&str]) {
    for s in list {
        assert!(is_working(s), "{s} is a working day");
    }
}

/// The deadline `id` whose nominal end is `end`.
fn deadline(id: &str, end: &str) -> deadlines::Deadline {
    let e = d(end);
    deadlines::deadlines(e.year, None)
        .expect("deadlines")
        .into_iter()
        .find(|x| x.id == id && x.end == e)
        .unwrap_or_else(|| panic!("{id} ending {end}"))
}

// ---- 2026 ----------------------------------------------------------------------------------

#[test]
fn new_year_2026_cong_van_12729_vpcp_kgvx_moves_2_january_to_saturday_10_january() {
    off(&["2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04"]);
    working(&["2026-01-05", "2026-01-10"]);
    let days = off_days(2026);
    assert!(days.contains(&("2026-01-02".into(), DayKind::MovedDayOff, false)));
    assert!(days.contains(&("2026-01-10".into(), DayKind::WorkedSaturday, false)));
    let cal = calendar::year_calendar(2026).unwrap();
    let src = &cal
        .days
        .iter()
        .find(|s| s.date == d("2026-01-10"))
        .unwrap()
        .source;
    assert!(src.contains("12729/VPCP-KGVX ngày 25/12/2025"), "{src}");
    // The 06–10/01/2026 windows end on the worked Saturday itself: no shift to 12/01.
    for id in ["d23k3-tinh", "d25k2-huyen"] {
        let x = deadline(id, "2026-01-10");
        assert_eq!(x.effective_end, d("2026-01-10"), "{id}");
        assert!(x.shift_reason.is_none() && !x.estimated, "{x:?}");
    }
}

#[test]
fn national_day_2026_five_days_vpcp_13_october_2025_moves_31_august_to_saturday_22_august() {
    off(&[
        "2026-08-29",
        "2026-08-30",
        "2026-08-31",
        "2026-09-01",
        "2026-09-02",
    ]);
    working(&["2026-08-22", "2026-08-28", "2026-09-03"]);
    let days = off_days(2026);
    for (s, k) in [
        ("2026-08-22", DayKind::WorkedSaturday),
        ("2026-08-31", DayKind::MovedDayOff),
        ("2026-09-01", DayKind::Holiday),
        ("2026-09-02", DayKind::Holiday),
    ] {
        assert!(days.contains(&(s.into(), k, false)), "{s}");
    }
}

#[test]
fn tet_2026_nine_days_14_to_22_february_and_hung_kings_compensatory() {
    for day in 14..=22 {
        assert!(!is_working(&format!("2026-02-{day:02}")), "{day}");
    }
    working(&["2026-02-23"]);
    off(&["2026-04-27", "2026-04-30", "2026-05-01"]);
}

#[test]
fn year_2026_is_complete_and_official() {
    let cal = calendar::year_calendar(2026).unwrap();
    assert!(!cal.estimated);
    assert!(cal.days.iter().all(|s| !s.estimated), "{:?}", cal.days);
    assert_eq!(cal.laws, vec!["Bộ luật Lao động 2019"]);
}

// ---- 2013–2025 -----------------------------------------------------------------------------

#[test]
fn year_2013_cong_van_9570_vpcp_kgvx_and_tet_of_four_days_under_labour_code_1994_dieu_73() {
    // Tết Dương lịch: 31/12/2012 off, Saturday 5/1/2013 worked.
    working(&["2013-01-05"]);
    // Tết Âm lịch 9–17/2/2013: 4 days (1994 code, Điều 73), 2 compensatory, Friday 15/2 moved
    // to Saturday 23/2.
    off(&["2013-02-11", "2013-02-14", "2013-02-15"]);
    working(&["2013-02-08", "2013-02-18", "2013-02-23"]);
    let cal = calendar::year_calendar(2013).unwrap();
    let tet_holidays = cal
        .days
        .iter()
        .filter(|s| s.occasion.id == "tet" && s.kind == DayKind::Holiday)
        .count();
    assert_eq!(tet_holidays, 4);
    let tet = cal
        .occasions
        .iter()
        .find(|o| o.occasion.id == "tet")
        .unwrap();
    assert!(tet.law.starts_with("Bộ luật Lao động 1994"), "{}", tet.law);
    // 30/4: Monday 29/4 moved to Saturday 4/5.
    off(&["2013-04-29"]);
    working(&["2013-05-04"]);
    assert_eq!(
        cal.laws,
        vec!["Bộ luật Lao động 1994", "Bộ luật Lao động 2012"]
    );
}

#[test]
fn year_2014_cong_van_10525_vpcp_kgvx_tet_28_january_to_5_february_and_two_swaps() {
    off(&["2014-01-28", "2014-01-29", "2014-02-05"]);
    working(&["2014-01-25", "2014-02-08", "2014-02-06"]);
    off(&["2014-05-02", "2014-09-01"]);
    working(&["2014-04-26", "2014-09-06"]);
}

#[test]
fn year_2015_tet_and_swaps_27_december_14_february_25_april() {
    // Tết Dương lịch 2015: Friday 2/1 off, Saturday 27/12/2014 worked.
    off(&["2015-01-02"]);
    working(&["2014-12-27"]);
    assert!(off_days(2014).contains(&("2014-12-27".into(), DayKind::WorkedSaturday, false)));
    // Tết 15–23/2/2015: Saturday 14/2 worked for Monday 16/2.
    off(&["2015-02-16", "2015-02-17", "2015-02-23"]);
    working(&["2015-02-14", "2015-02-24"]);
    // Giỗ Tổ 28/4 and 30/4–1/5: Wednesday 29/4 moved to Saturday 25/4.
    off(&["2015-04-28", "2015-04-29"]);
    working(&["2015-04-25"]);
}

#[test]
fn tet_2016_thong_bao_4659_no_swap_and_2017_cong_van_9794() {
    off(&["2016-02-08", "2016-02-12"]);
    working(&["2016-02-05", "2016-02-15"]);
    off(&["2017-01-26", "2017-02-01"]);
    working(&["2017-01-25", "2017-02-02"]);
}

#[test]
fn year_2018_thong_bao_573_vpcp_and_2019_cong_van_6519_vpcp_kgvx() {
    off(&["2018-02-14", "2018-02-20", "2018-09-03"]);
    working(&["2018-02-13", "2018-02-21"]);
    // 2019: 31/12/2018 off and Saturday 5/1/2019 worked; 29/4 off and Saturday 4/5 worked.
    off(&["2018-12-31", "2019-02-04", "2019-02-08", "2019-04-29"]);
    working(&["2019-01-05", "2019-05-04", "2019-02-11"]);
}

#[test]
fn tet_2020_2021_2023_start_on_29_tet_thong_bao_4544_cong_van_9895_8056() {
    // 2020: 23/1 (29 tháng Chạp) to 29/1.
    off(&["2020-01-23", "2020-01-29"]);
    working(&["2020-01-22", "2020-01-30"]);
    // 2021: 10/2 (29 tháng Chạp) to 16/2.
    off(&["2021-02-10", "2021-02-16"]);
    working(&["2021-02-09", "2021-02-17"]);
    // 2023: 20/1 (29 tháng Chạp) to 26/1.
    off(&["2023-01-20", "2023-01-26"]);
    working(&["2023-01-19", "2023-01-27"]);
    let cal = calendar::year_calendar(2020).unwrap();
    let s = cal.days.iter().find(|s| s.date == d("2020-01-23")).unwrap();
    assert_eq!(s.name, "Tết Âm lịch (29 tháng Chạp)");
    assert!(s.source.contains("4544/TB-LĐTBXH"), "{}", s.source);
}

#[test]
fn national_day_one_day_until_2020_labour_code_2012_dieu_115() {
    // The second day exists only from 1/1/2021 (2019 code, Điều 112 khoản 1 điểm đ).
    working(&[
        "2019-09-03",
        "2020-09-01",
        "2020-09-03",
        "2015-09-01",
        "2016-09-01",
    ]);
    off(&["2019-09-02", "2020-09-02"]);
}

#[test]
fn national_day_two_days_from_2021_labour_code_2019_dieu_112() {
    off(&["2021-09-02", "2021-09-03"]); // Công văn 9895/VPCP-KGVX
    off(&["2022-09-01", "2022-09-02"]); // Công văn 245/VPCP-KGVX
    off(&["2023-09-01", "2023-09-04"]); // Công văn 8056/VPCP-KGVX (2/9 Saturday)
    working(&["2022-09-05", "2023-09-05"]);
}

#[test]
fn tet_2024_official_8_to_14_february() {
    for day in 8..=14 {
        assert!(!is_working(&format!("2024-02-{day:02}")), "{day}");
    }
    working(&["2024-02-07", "2024-02-15"]);
    assert!(off_days(2024).contains(&("2024-02-13".into(), DayKind::Compensatory, false)));
}

#[test]
fn april_may_2024_swap_2450_vpcp_kgvx() {
    off(&["2024-04-29"]);
    working(&["2024-05-04"]);
    let days = off_days(2024);
    assert!(days.contains(&("2024-04-29".into(), DayKind::MovedDayOff, false)));
    assert!(days.contains(&("2024-05-04".into(), DayKind::WorkedSaturday, false)));
}

#[test]
fn national_day_2024_and_2025() {
    off(&["2024-09-02", "2024-09-03", "2025-09-01", "2025-09-02"]);
    working(&["2024-09-04", "2025-09-03"]);
}

#[test]
fn tet_2025_van_ban_8726_vpcp_kgvx_nine_days_25_january_to_2_february() {
    off(&[
        "2025-01-25",
        "2025-01-27",
        "2025-01-31",
        "2025-02-01",
        "2025-02-02",
    ]);
    working(&["2025-01-24", "2025-02-03"]);
}

#[test]
fn april_may_2025_swap_friday_2_may_with_saturday_26_april() {
    working(&["2025-04-26", "2025-05-05"]);
    off(&["2025-05-02"]);
}

// ---- the data against the law --------------------------------------------------------------

#[test]
fn every_year_2013_2026_is_official_with_a_source_for_every_occasion() {
    for y in official::FIRST_OFFICIAL_YEAR..=official::LAST_OFFICIAL_YEAR {
        let cal = calendar::year_calendar(y).unwrap();
        assert!(!cal.estimated, "{y}");
        let own: Vec<_> = cal.occasions.iter().filter(|o| o.year == y).collect();
        assert_eq!(own.len(), 5, "{y}: five occasions");
        for o in own {
            assert!(!o.estimated && !o.source.is_empty(), "{y} {o:?}");
            assert!(o.reach.is_none());
        }
        assert!(cal.days.iter().all(|s| !s.estimated), "{y}");
    }
}

#[test]
fn official_schedules_agree_with_the_labour_code_in_force() {
    // Bộ luật Lao động 1994 Điều 73 (Tết 4 days), 2012 Điều 115 (Tết 5, Quốc khánh 1), 2019
    // Điều 112 (Tết 5, Quốc khánh 2); a holiday on a weekend gives one compensatory day; a day
    // moved off is paid back by a worked Saturday.
    for o in official::OFFICIAL {
        let cal = calendar::year_calendar(o.year).unwrap();
        let info = cal
            .occasions
            .iter()
            .find(|i| i.occasion.id == o.occasion && i.year == o.year)
            .expect("occasion");
        let count = |k: DayKind| o.days.iter().filter(|(_, x)| *x == k).count();
        let holidays: Vec<Date> = o
            .days
            .iter()
            .filter(|(_, k)| *k == DayKind::Holiday)
            .map(|(d, _)| *d)
            .collect();
        let code = law::code_on(info.first);
        let want = match (o.occasion, code.id) {
            ("tet", "blld-1994") => 4,
            ("tet", _) => 5,
            ("national_day", "blld-2019") => 2,
            ("national_day", _) | ("new_year", _) | ("hung_kings", _) => 1,
            ("april_may", _) => 2,
            other => panic!("{other:?}"),
        };
        assert_eq!(holidays.len(), want, "{} {}", o.year, o.occasion);
        let on_weekend = holidays.iter().filter(|d| d.weekday().is_weekend()).count();
        assert_eq!(
            count(DayKind::Compensatory),
            on_weekend,
            "{} {}",
            o.year,
            o.occasion
        );
        assert_eq!(
            count(DayKind::MovedDayOff),
            count(DayKind::WorkedSaturday),
            "{} {}",
            o.year,
            o.occasion
        );
        for (day, k) in o.days {
            match k {
                DayKind::WorkedSaturday => assert_eq!(day.weekday(), Weekday::Saturday),
                DayKind::MovedDayOff | DayKind::Compensatory => {
                    assert!(!day.weekday().is_weekend(), "{day:?}")
                }
                DayKind::Holiday => {}
            }
        }
        // Fixed holidays are on their day; Quốc khánh includes 2/9.
        match o.occasion {
            "new_year" => assert_eq!(holidays, vec![Date::new(o.year, 1, 1).unwrap()]),
            "april_may" => assert_eq!(
                holidays,
                vec![
                    Date::new(o.year, 4, 30).unwrap(),
                    Date::new(o.year, 5, 1).unwrap()
                ]
            ),
            "national_day" => assert!(holidays.contains(&Date::new(o.year, 9, 2).unwrap())),
            "hung_kings" => assert_eq!(
                holidays,
                vec![calendar::lunar::from_lunar(10, 3, o.year, false).unwrap()]
            ),
            _ => {}
        }
    }
}

#[test]
fn estimator_reproduces_every_official_schedule_of_2013_2026_apart_from_swaps() {
    // What the estimator gives for a year (as if nothing were announced) is every official
    // weekday off except the days moved in a swap: Tết's compensatory days before the break for
    // a Saturday (2017, 2018, 2020, 2021, 2023, 2024, 2025 began on 29 tháng Chạp or earlier),
    // the Quốc khánh adjacent day of 2021–2026, the compensatory days of fixed holidays.
    for y in official::FIRST_OFFICIAL_YEAR..=official::LAST_OFFICIAL_YEAR {
        let weekday_off = |v: &[(Date, DayKind)]| -> Vec<Date> {
            let mut x: Vec<Date> = v
                .iter()
                .filter(|(d, k)| *k != DayKind::WorkedSaturday && !d.weekday().is_weekend())
                .map(|(d, _)| *d)
                .collect();
            x.sort();
            x.dedup();
            x
        };
        let official_days: Vec<(Date, DayKind)> = official::OFFICIAL
            .iter()
            .filter(|o| o.year == y)
            .flat_map(|o| o.days.iter().copied())
            .collect();
        let moved = official_days
            .iter()
            .filter(|(_, k)| *k == DayKind::MovedDayOff)
            .count();
        let est = weekday_off(&calendar::estimated_days(y));
        let off = weekday_off(&official_days);
        for e in &est {
            assert!(
                off.contains(e),
                "{y}: estimated {e:?} is not off in {off:?}"
            );
        }
        assert_eq!(off.len(), est.len() + moved, "{y}: {off:?} vs {est:?}");
    }
}

#[test]
fn estimated_years_follow_the_labour_code_2019() {
    // 2027: Tết 6/2/2027 (Saturday). Last day of the year (5/2) + 4 days; the Saturday's
    // compensatory day before the break (4/2), the Sunday's after it (10/2).
    let days = off_days(2027);
    assert!(days.iter().all(|(_, _, est)| *est));
    assert!(days.contains(&("2027-02-04".into(), DayKind::Compensatory, true)));
    assert!(days.contains(&("2027-02-05".into(), DayKind::Holiday, true)));
    assert!(days.contains(&("2027-02-09".into(), DayKind::Holiday, true)));
    assert!(days.contains(&("2027-02-10".into(), DayKind::Compensatory, true)));
    working(&["2027-02-11"]);
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
    let cal = calendar::year_calendar(2027).unwrap();
    assert!(cal.estimated);
    let tet = cal
        .occasions
        .iter()
        .find(|o| o.occasion.id == "tet")
        .unwrap();
    assert!(
        tet.source
            .starts_with("Ước tính theo Bộ luật Lao động 2019")
    );
    assert!(tet.source.contains("Điều 112 khoản 3"), "{}", tet.source);
}

#[test]
fn ngay_van_hoa_24_11_nghi_quyet_80_nq_tw_is_a_dated_note_not_a_day_off() {
    working(&["2026-11-24", "2027-11-24"]);
    let cal = calendar::year_calendar(2026).unwrap();
    assert!(cal.days.iter().all(|s| s.date != d("2026-11-24")));
    assert_eq!(cal.notes.len(), 1);
    assert_eq!(cal.notes[0].date, d("2026-11-24"));
    assert!(
        cal.notes[0]
            .text
            .contains("đề xuất, chưa có hiệu lực — kiểm tra ngày 04/12/2026"),
        "{}",
        cal.notes[0].text
    );
    assert!(calendar::year_calendar(2025).unwrap().notes.is_empty());
}

// ---- estimated tells the truth ------------------------------------------------------------

#[test]
fn a_working_day_inside_an_estimated_occasions_reach_is_estimated() {
    // 15/2/2027 (Monday) is a working day under the estimate of Tết 2027 (5–10/2), but an
    // official schedule could still move it: the deadline says it is estimated.
    let x = deadline("d24k1-phan-hoi-tinh", "2027-02-15");
    assert_eq!(x.effective_end, d("2027-02-15"));
    assert!(x.shift_reason.is_none());
    assert!(x.estimated, "{x:?}");
    assert_eq!(x.estimated_by, vec!["Tết Âm lịch 2027".to_string()]);
    // Far from any estimated occasion: not estimated.
    let y = deadline("d24k1-phan-hoi-tinh", "2027-07-15");
    assert!(!y.estimated && y.estimated_by.is_empty(), "{y:?}");
    // In an official year: not estimated.
    let z = deadline("d24k1-phan-hoi-tinh", "2026-02-15");
    assert!(!z.estimated, "{z:?}");
}

#[test]
fn shift_reason_names_every_day_crossed_15_february_2026_chu_nhat_va_tet() {
    // Điều 24 khoản 1 điểm b: 15/2/2026 (Sunday) → 23/2/2026, over the Tết break 16–22/2.
    let fb = deadline("d24k1-phan-hoi-tinh", "2026-02-15");
    assert_eq!(fb.effective_end, d("2026-02-23"));
    assert_eq!(fb.shift_reason.as_deref(), Some("Chủ nhật và Tết Âm lịch"));
    // Saturday 31/8/2024 → Wednesday 4/9/2024 over Sunday and Quốc khánh 2–3/9.
    let mut cal = WorkCalendar::new();
    assert_eq!(
        cal.reason_between(d("2024-08-31"), d("2024-09-04")),
        "Thứ Bảy, Chủ nhật và Quốc khánh"
    );
    // A plain weekend stays "Chủ nhật".
    let list = deadlines::deadlines(2025, Some("xa")).expect("deadlines");
    let oct = list
        .iter()
        .find(|x| x.article == "Điều 23 khoản 1" && x.end == d("2025-10-05"))
        .expect("oct");
    assert_eq!(oct.effective_end, d("2025-10-06"));
    assert_eq!(oct.shift_reason.as_deref(), Some("Chủ nhật"));
}

#[test]
fn working_day_count_lists_the_days_it_skipped_and_its_estimates() {
    // Friday 24/1/2025 + 1: the Tết break 25/1–2/2 is skipped.
    let w = calendar::count_workdays(d("2025-01-24"), 1).unwrap();
    assert_eq!(w.date, d("2025-02-03"));
    assert_eq!(w.skipped.len(), 9);
    assert_eq!(w.skipped[0].date, d("2025-01-25"));
    assert_eq!(w.skipped[0].reason, "Thứ Bảy");
    assert_eq!(w.skipped[2].reason, "Tết Âm lịch (28 tháng Chạp)");
    assert!(!w.estimated);
    let mut cal = WorkCalendar::new();
    let runs = w.runs(&mut cal);
    assert_eq!(runs.len(), 1);
    assert_eq!(
        (runs[0].from, runs[0].to),
        (d("2025-01-25"), d("2025-02-02"))
    );
    assert_eq!(runs[0].reason, "Thứ Bảy, Chủ nhật và Tết Âm lịch");
    // Over Tết 2027 (estimated): the answer says so and names the occasion.
    let e = calendar::count_workdays(d("2027-02-03"), 1).unwrap();
    assert_eq!(e.date, d("2027-02-11"));
    assert!(e.estimated);
    assert_eq!(e.estimated_occasions, vec!["Tết Âm lịch 2027".to_string()]);
    // Counting back.
    let b = calendar::count_workdays(d("2025-05-05"), -1).unwrap();
    assert_eq!(b.date, d("2025-04-29"));
    assert_eq!(b.skipped.len(), 5);
}

#[test]
fn add_workdays_counts_from_the_next_day() {
    let mut c = WorkCalendar::new();
    assert_eq!(c.add_workdays(d("2025-04-25"), 1), Some(d("2025-04-26"))); // worked Saturday
    assert_eq!(c.add_workdays(d("2025-04-29"), 1), Some(d("2025-05-05")));
    assert_eq!(c.add_workdays(d("2025-05-05"), -1), Some(d("2025-04-29")));
    assert_eq!(c.add_workdays(d("2025-05-05"), 0), Some(d("2025-05-05")));
    // Zero working days from a day off is the next working day (issue 17), not the day off:
    // Saturday 07/03/2026 gives Monday 09/03/2026, the two days listed as skipped.
    let w = c.count_workdays(d("2026-03-07"), 0).unwrap();
    assert_eq!(w.date, d("2026-03-09"));
    assert_eq!(w.skipped.len(), 2);
}

// ---- the 11 deadlines of 2019–2023 (Circular 09/2012 in force) -----------------------------

#[test]
fn deadlines_of_saturday_5_january_2019_are_due_that_day_cong_van_6519_vpcp_kgvx() {
    // 5/1/2019 was worked in exchange for 31/12/2018: a working day, no shift to 7/1.
    for id in ["d23k1-xa", "d23k2-huyen", "d25k1-xa", "d25k5-vien-bv-bo"] {
        let x = deadline(id, "2019-01-05");
        assert_eq!(x.effective_end, d("2019-01-05"), "{id}");
        assert!(x.shift_reason.is_none(), "{id}");
        assert!(x.in_force);
    }
}

#[test]
fn deadline_of_25_january_2020_moves_to_30_january_thong_bao_4544_ldtbxh() {
    let x = deadline("d25k6-bv-da-lieu-tu", "2020-01-25");
    assert_eq!(x.effective_end, d("2020-01-30"));
    assert_eq!(x.shift_reason.as_deref(), Some("Tết Âm lịch"));
    assert!(!x.estimated);
}

#[test]
fn deadlines_of_february_2021_follow_cong_van_9895_vpcp_kgvx() {
    // 10/2/2021 (29 tháng Chạp) is off: to 17/2; 15/2 (compensatory) also to 17/2, not 18/2.
    assert_eq!(
        deadline("d23k3-tinh", "2021-02-10").effective_end,
        d("2021-02-17")
    );
    for id in [
        "d23k4-hiv-tinh-truc-tuyen",
        "d23k5-vien-truc-tuyen",
        "d24k1-phan-hoi-tinh",
    ] {
        assert_eq!(
            deadline(id, "2021-02-15").effective_end,
            d("2021-02-17"),
            "{id}"
        );
    }
}

#[test]
fn deadlines_of_january_2023_follow_cong_van_8056_vpcp_kgvx() {
    // 20/1/2023 (29 tháng Chạp) is off: to 27/1; 25/1 to 27/1, not 30/1.
    let a = deadline("d25k4-da-lieu-tinh", "2023-01-20");
    assert_eq!(a.effective_end, d("2023-01-27"));
    assert_eq!(
        deadline("d25k6-bv-da-lieu-tu", "2023-01-25").effective_end,
        d("2023-01-27")
    );
    assert!(a.in_force && !a.estimated);
}

#[test]
fn dieu_23_deadlines_2025_with_day_off_rule() {
    let list = deadlines::deadlines(2025, Some("xa")).expect("deadlines");
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
    let feb = list
        .iter()
        .find(|x| x.article == "Điều 23 khoản 1" && x.end == d("2025-02-05"))
        .expect("feb");
    assert_eq!(feb.effective_end, feb.end);
    assert!(feb.shift_reason.is_none());
}

#[test]
fn dieu_26_khoan_1_and_dieu_15_collection_period() {
    let all = deadlines::deadlines(2026, None).expect("deadlines");
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
    // Điều 23 khoản 3 window ends 10/2/2024 (Saturday inside the Tết break) → 15/2/2024.
    let list = deadlines::deadlines(2024, Some("tinh")).expect("deadlines");
    let x = list
        .iter()
        .find(|x| x.article == "Điều 23 khoản 3" && x.end == d("2024-02-10"))
        .expect("feb");
    assert_eq!(x.effective_end, d("2024-02-15"));
    assert_eq!(x.shift_reason.as_deref(), Some("Tết Âm lịch"));
}

#[test]
fn dieu_24_event_steps_working_days() {
    let s = deadlines::event_steps(d("2025-04-25"), false).expect("steps");
    assert_eq!(s[0].end, d("2025-04-30"));
    assert_eq!(s[0].effective_end, d("2025-05-05")); // 30/4, 1/5, 2/5 (moved), weekend
    assert_eq!(s[0].shift_reason.as_deref(), Some("lễ 30/4 – 1/5"));
    assert_eq!(s[1].end, d("2025-05-05"));
    // 10 working days from 25/4/2025: 26/4 (worked Sat), 28, 29, 5/5, 6, 7, 8, 9, 12, 13.
    assert_eq!(s[2].end, d("2025-05-13"));
    assert!(s.iter().all(|x| !x.estimated));
    let chained = deadlines::event_steps(d("2025-04-25"), true).expect("chain");
    assert_eq!(chained[1].received, d("2025-05-05"));
    // Over Tết 2027 the steps say they are estimated.
    let e = deadlines::event_steps(d("2027-02-01"), false).expect("steps");
    assert!(e.iter().all(|x| x.estimated), "{e:?}");
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
    // The last supported year still has a next due (none from the year after).
    let last = Date::new(calendar::LAST_YEAR, 12, 1).unwrap();
    assert!(deadlines::next_due(last, None, 3).is_ok());
}

#[test]
fn years_outside_2013_2197_are_refused_naming_the_year_and_the_range() {
    for y in [1901, 2012, 2198] {
        let e = deadlines::deadlines(y, None).unwrap_err();
        assert_eq!(
            e.message(),
            format!("Năm {y} nằm ngoài phạm vi hỗ trợ (2013–2197).")
        );
        assert!(calendar::year_calendar(y).is_err());
    }
    assert!(deadlines::deadlines(2013, None).is_ok());
    assert!(calendar::year_calendar(2197).is_ok());
    // A count that runs out of the range names the year it reached, not the start's.
    let start = Date::new(2197, 12, 20).unwrap();
    assert_eq!(calendar::count_workdays(start, 30).unwrap_err().year, 2198);
    let back = Date::new(2013, 1, 10).unwrap();
    assert_eq!(calendar::count_workdays(back, -30).unwrap_err().year, 2012);
    assert_eq!(
        sotay_calc::core::json::add_workdays_iso("2197-12-20", 30)
            .unwrap_err()
            .message(),
        "Năm 2198 nằm ngoài phạm vi hỗ trợ (2013–2197)."
    );
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
