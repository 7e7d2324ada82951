//! Circular 07/2023/TT-BYT as a rules version: every verified value with its article, and
//! the refusal to compute from rules that could not be verified.
//! Sources and quotes: docs/research/tt07-2023.md.
use sotay_calc::core::allocate::{DistrictInput, allocate, allocate_with};
use sotay_calc::core::deadlines::deadlines_for_year;
use sotay_calc::core::rules::{self, GroupId, Level, MissingRule, tt07_2023};
use sotay_calc::core::{CalcError, PlanInput};

fn tt07() -> &'static rules::RulesVersion {
    rules::version("tt07-2023").expect("07/2023 is registered")
}

fn idu_plan(version: Option<&str>) -> PlanInput {
    PlanInput {
        group: Some(GroupId::Idu),
        sample_size: 200,
        seed: Some(7),
        districts: vec![
            DistrictInput {
                name: "A".into(),
                estimate: 300,
                ..Default::default()
            },
            DistrictInput {
                name: "B".into(),
                estimate: 100,
                ..Default::default()
            },
        ],
        version: version.map(str::to_string),
        ..Default::default()
    }
}

fn assert_missing(err: MissingRule) {
    assert_eq!(err.version, "tt07-2023");
    assert_eq!(err.version_name, "Thông tư 07/2023/TT-BYT");
    assert!(!err.article.is_empty(), "the missing rule names an article");
    // Never 09/2012's numbering: 07/2023 puts the groups in Điều 12 and sites in Điều 15.
    for tt09_only in [
        "Điều 14",
        "Điều 16",
        "Điều 18",
        "Điều 19",
        "Điều 23",
        "Điều 24",
    ] {
        assert!(
            !err.article.contains(tt09_only),
            "{}: names 09/2012's {tt09_only}",
            err.article
        );
    }
}

// ---- Metadata ------------------------------------------------------------------------------

#[test]
fn phan_dau_so_hieu_ngay_ky_04_04_2023() {
    let v = tt07();
    assert_eq!(v.number, "07/2023/TT-BYT");
    assert_eq!(v.name, "Thông tư 07/2023/TT-BYT");
    assert_eq!(v.issued, "2023-04-04");
    assert!(v.title.contains("bệnh lây truyền qua đường tình dục"));
}

#[test]
fn hieu_luc_tu_01_06_2023_va_thay_the_09_2012() {
    let v = tt07();
    assert_eq!(v.in_force_from.value, "2023-06-01");
    assert_eq!(v.in_force_until, None);
    assert_eq!(v.replaced_by, None);
    let old = rules::version("tt09-2012").expect("09/2012 is registered");
    assert_eq!(old.replaced_by, Some("tt07-2023"));
    assert_eq!(old.in_force_until, Some("2023-05-31"));
    // Registered after 09/2012 (oldest first), and not the active version: nothing of 07/2023
    // is complete enough to compute with.
    let ids: Vec<&str> = rules::versions().iter().map(|v| v.id).collect();
    let i09 = ids.iter().position(|&i| i == "tt09-2012").unwrap();
    let i07 = ids.iter().position(|&i| i == "tt07-2023").unwrap();
    assert!(i09 < i07);
    assert_ne!(rules::active().id, "tt07-2023");
}

// ---- Điều 15: site selection ---------------------------------------------------------------

#[test]
fn dieu_15_khoan_1_diem_b_toi_da_khong_qua_5_huyen() {
    let c = tt07_2023::MAX_DISTRICTS_PER_PROVINCE;
    assert_eq!(c.value, 5);
    assert_eq!(c.article, "Điều 15 khoản 1 điểm b");
}

#[test]
fn dieu_15_khoan_1_diem_a_huyen_co_nhieu_doi_tuong_nhat() {
    let c = tt07_2023::DISTRICT_CRITERION;
    assert_eq!(c.article, "Điều 15 khoản 1 điểm a");
    assert!(c.value.contains("khoản 2 Điều 12"));
    assert!(c.value.contains("nhiều nhất"));
}

#[test]
fn dieu_15_khoan_2_danh_sach_tinh_theo_huong_dan_cuc() {
    let c = tt07_2023::PROVINCES_AND_GROUPS;
    assert_eq!(c.article, "Điều 15 khoản 2");
    assert!(c.value.contains("Cục Phòng, chống HIV/AIDS"));
}

// ---- Điều 11 khoản 5: case-surveillance reporting ------------------------------------------

#[test]
fn dieu_11_khoan_5_han_bao_cao_giam_sat_ca_benh() {
    let steps = &tt07_2023::CASE_REPORT_STEPS;
    let got: Vec<(Level, u8, &str)> = steps
        .iter()
        .map(|s| {
            (
                s.sender.level,
                s.day_of_next_month.value,
                s.day_of_next_month.article,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (Level::Xa, 5, "Điều 11 khoản 5 điểm a"),
            (Level::Huyen, 10, "Điều 11 khoản 5 điểm b"),
            (Level::Tinh, 15, "Điều 11 khoản 5 điểm c"),
            (Level::TrungUong, 20, "Điều 11 khoản 5 điểm d"),
        ]
    );
    // Each level sends to the next one; the province sends to VAAC and the Institutes.
    for w in steps.windows(2) {
        assert!(w[0].receivers.contains(&w[1].sender));
    }
    assert!(steps[2].receivers.contains(&tt07_2023::CUC_AIDS));
    assert_eq!(steps[3].receivers, &[tt07_2023::CUC_AIDS]);
}

// ---- Unverified rules are absent and refuse to compute -------------------------------------

#[test]
fn dieu_12_nhom_doi_tuong_chua_xac_minh_khong_co_nhom_nao() {
    let v = tt07();
    assert!(v.groups.is_none());
    for g in GroupId::ALL {
        assert_missing(v.group(g).unwrap_err());
    }
    assert!(v.general_eligibility.is_none());
    assert!(v.min_age.is_none());
}

#[test]
fn thoi_gian_thuc_hien_va_bao_cao_chua_xac_minh() {
    let v = tt07();
    assert_missing(v.collection_period().unwrap_err());
    assert!(v.recruits_deadline.is_none());
    assert_missing(v.obligations().unwrap_err());
    assert_missing(v.event_steps().unwrap_err());
    assert_missing(v.serum_split().unwrap_err());
}

#[test]
fn tinh_phan_bo_theo_07_2023_bi_tu_choi_va_neu_dieu_con_thieu() {
    let err = allocate_with(tt07(), &idu_plan(None)).unwrap_err();
    let CalcError::MissingRule(m) = &err else {
        panic!("expected MissingRule, got {err:?}");
    };
    assert_missing(m.clone());
    let msg = err.message();
    assert!(msg.contains("Thông tư 07/2023/TT-BYT"), "{msg}");
    assert!(msg.contains(m.article), "{msg}");

    // The same through the version field of the input.
    let err = allocate(&idu_plan(Some("tt07-2023"))).unwrap_err();
    assert!(matches!(err, CalcError::MissingRule(_)), "{err:?}");

    // 09/2012 still computes the same plan.
    assert!(allocate(&idu_plan(Some("tt09-2012"))).is_ok());
}

#[test]
fn lich_han_bao_cao_theo_07_2023_can_ky_bao_cao_va_buoc_phan_hoi_bi_tu_choi() {
    // The year's deadlines need the reporting period (Điều 11 khoản 1–4 not verified) …
    match deadlines_for_year(tt07(), 2024, None).unwrap_err() {
        CalcError::PeriodNeeded { article, .. } => assert_eq!(article, "Điều 11 khoản 5"),
        other => panic!("expected the period to be asked for, got {other:?}"),
    }
    // … and the Điều 24-style feedback steps are not verified at all.
    let received = sotay_calc::core::date::Date::new(2024, 3, 1).unwrap();
    match sotay_calc::core::deadlines::event_steps_for(tt07(), received, false).unwrap_err() {
        CalcError::MissingRule(m) => assert_missing(m),
        other => panic!("expected MissingRule, got {other:?}"),
    }
}

// ---- Điều 11 khoản 5 as deadlines, for the reporting period the planner chose --------------

#[test]
fn dieu_11_khoan_5_deadlines_ask_for_the_period_the_text_does_not_fix() {
    use sotay_calc::core::deadlines::deadlines_for_year_with;
    let err = deadlines_for_year_with(tt07(), 2026, None, None).unwrap_err();
    let msg = err.message();
    assert!(
        msg.contains("Điều 11 khoản 5")
            && msg.contains("kỳ báo cáo")
            && msg.contains("chưa được xác minh"),
        "{msg}"
    );
    // 09/2012 has its own periods: the choice changes nothing there.
    let v09 = rules::version("tt09-2012").unwrap();
    let a = deadlines_for_year(v09, 2026, None).unwrap();
    let b = deadlines_for_year_with(v09, 2026, None, Some(rules::ReportPeriod::Quarter)).unwrap();
    assert_eq!(a.len(), b.len());
    assert!(
        b.iter()
            .all(|d| !d.notes.iter().any(|n| n.contains("do bạn chọn")))
    );
}

#[test]
fn dieu_11_khoan_5_deadlines_fall_on_day_5_10_15_20_after_each_chosen_period() {
    use rules::ReportPeriod::*;
    use sotay_calc::core::deadlines::deadlines_for_year_with;
    // (period, reports a year per step, the months they are due in, the first label)
    let cases = [
        (
            Month,
            12,
            vec![1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
            "tháng 12/2025",
        ),
        (Quarter, 4, vec![1, 4, 7, 10], "quý 4/2025"),
        (HalfYear, 2, vec![1, 7], "6 tháng cuối năm 2025"),
        (Year, 1, vec![1], "năm 2025"),
    ];
    for (period, per_step, months, first) in cases {
        let list = deadlines_for_year_with(tt07(), 2026, None, Some(period)).unwrap();
        assert_eq!(list.len(), 4 * per_step, "{period:?}");
        for (article, day) in [
            ("Điều 11 khoản 5 điểm a", 5),
            ("Điều 11 khoản 5 điểm b", 10),
            ("Điều 11 khoản 5 điểm c", 15),
            ("Điều 11 khoản 5 điểm d", 20),
        ] {
            let mine: Vec<_> = list.iter().filter(|d| d.article == article).collect();
            let got: Vec<(u8, u8)> = mine.iter().map(|d| (d.end.month, d.end.day)).collect();
            let want: Vec<(u8, u8)> = months.iter().map(|&m| (m, day)).collect();
            assert_eq!(got, want, "{period:?} {article}");
            assert_eq!(mine[0].period, first, "{period:?}");
            // The day-off rule moves a deadline to the next working day, never earlier.
            assert!(mine.iter().all(|d| d.effective_end >= d.end));
            // Every result says the period was the planner's choice, and which instrument.
            for d in &mine {
                assert!(d.in_force && d.instrument == "Theo Thông tư 07/2023/TT-BYT");
                assert!(
                    d.notes[0].contains(period.name_vi()) && d.notes[0].contains("do bạn chọn"),
                    "{:?}",
                    d.notes
                );
            }
        }
    }
    // 5/4/2026 is a Sunday: the quarter's first report is due on Monday 6/4.
    let q = deadlines_for_year_with(tt07(), 2026, Some("tram_y_te_xa"), Some(Quarter)).unwrap();
    assert_eq!(q[1].end.iso(), "2026-04-05");
    assert_eq!(q[1].effective_end.iso(), "2026-04-06");
}

#[test]
fn district_level_senders_and_receivers_carry_the_2025_note_from_1_7_2025() {
    use sotay_calc::core::deadlines::deadlines_for_year_with;
    let note = rules::DISTRICT_LEVEL_NOTE;
    assert!(note.contains("/van-ban-moi/dia-gioi-hanh-chinh/") && note.contains("203/2025/QH15"));
    for (version, period) in [
        (rules::version("tt09-2012").unwrap(), None),
        (tt07(), Some(rules::ReportPeriod::Month)),
    ] {
        for year in [2024, 2025, 2026] {
            let list = deadlines_for_year_with(version, year, None, period).unwrap();
            let mut with_note = 0;
            for d in &list {
                let district = d.sender_ids.iter().chain(&d.receiver_ids).any(|id| {
                    version_units(version)
                        .iter()
                        .any(|u| u.id == *id && u.level == Level::Huyen)
                });
                let after = d.effective_end.iso().as_str() >= "2025-07-01";
                assert_eq!(
                    d.notes.iter().any(|n| n == note),
                    district && after,
                    "{} {} {} {}",
                    version.id,
                    d.id,
                    d.effective_end.iso(),
                    d.sender
                );
                with_note += usize::from(district && after);
            }
            // Each version names district-level units, so the note does appear from 2025 on.
            assert_eq!(with_note > 0, year >= 2025, "{} {year}", version.id);
        }
    }
}

/// The units a version's obligations name (for a chosen period when it needs one).
fn version_units(v: &rules::RulesVersion) -> Vec<rules::Unit> {
    sotay_calc::core::deadlines::obligations_for(v, Some(rules::ReportPeriod::Month))
        .unwrap()
        .iter()
        .flat_map(|o| o.senders.iter().chain(o.receivers).copied())
        .collect()
}
