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
fn lich_han_bao_cao_theo_07_2023_bi_tu_choi() {
    let err = deadlines_for_year(tt07(), 2024, None).unwrap_err();
    match err {
        CalcError::MissingRule(m) => assert_missing(m),
        other => panic!("expected MissingRule, got {other:?}"),
    }
}
