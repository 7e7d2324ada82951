//! Every article-derived rule of Circular 09/2012/TT-BYT, tested by name.
use sotay_calc::core::allocate::{DistrictInput, PlanInput, allocate};
use sotay_calc::core::error::CalcError;
use sotay_calc::core::rules::{self, Disease, GroupId, Level, Method, SiteKind, Specimen};

fn v() -> &'static rules::RulesVersion {
    rules::version("tt09-2012").expect("registered")
}

fn g(id: GroupId) -> &'static rules::GroupRule {
    v().group(id).expect("group")
}

fn plan(group: GroupId, n: u32) -> PlanInput {
    PlanInput {
        group: Some(group),
        sample_size: n,
        seed: Some(1),
        districts: vec![DistrictInput {
            name: "Quận A".into(),
            estimate: 100,
            ..Default::default()
        }],
        ..Default::default()
    }
}

#[test]
fn dieu_33_hieu_luc_va_thay_the() {
    assert_eq!(v().issued, "2012-05-24");
    assert_eq!(v().in_force_from.value, "2012-07-15");
    assert_eq!(v().in_force_from.article, "Điều 33");
    assert_eq!(v().replaced_by, Some("tt07-2023"));
    assert_eq!(rules::active().id, "tt09-2012");
    assert_eq!(
        sotay_calc::core::active_regulation(),
        ("Thông tư 09/2012/TT-BYT", "2012-05-24")
    );
}

#[test]
fn dieu_14_khoan_1_nine_groups_a_to_g() {
    let groups = v().groups.expect("groups");
    assert_eq!(groups.len(), 9);
    for id in GroupId::ALL {
        assert!(g(id).article.starts_with("Điều 14 khoản 1 điểm "), "{id:?}");
    }
    assert_eq!(g(GroupId::Idu).name, "Nam nghiện chích ma túy");
    assert_eq!(g(GroupId::Msm).article, "Điều 14 khoản 1 điểm e");
    assert_eq!(g(GroupId::Other).article, "Điều 14 khoản 1 điểm g");
}

#[test]
fn dieu_14_khoan_2_stis_per_group() {
    let stis = |id| g(id).stis.iter().map(|c| c.value).collect::<Vec<_>>();
    // a) syphilis: a, b, c, d, đ
    for id in [
        GroupId::Idu,
        GroupId::Fsw,
        GroupId::StiMen,
        GroupId::PregnantUrban,
        GroupId::PregnantRural,
        GroupId::RecruitsUrban,
        GroupId::RecruitsRural,
    ] {
        assert!(stis(id).contains(&Disease::Syphilis), "{id:?}");
    }
    // b, c) gonorrhoea and chlamydia: b and c; d) trichomonas: b only
    assert_eq!(
        stis(GroupId::Fsw),
        vec![
            Disease::Syphilis,
            Disease::Gonorrhoea,
            Disease::Chlamydia,
            Disease::Trichomonas
        ]
    );
    assert_eq!(
        stis(GroupId::StiMen),
        vec![Disease::Syphilis, Disease::Gonorrhoea, Disease::Chlamydia]
    );
    assert!(stis(GroupId::Msm).is_empty());
    assert!(stis(GroupId::Other).is_empty());
}

#[test]
fn dieu_15_collection_period_and_recruits_exception() {
    let p = v().collection_period().expect("Đ15");
    assert_eq!(p.article, "Điều 15 khoản 1");
    assert_eq!(
        (
            p.value.start.map(|s| (s.month, s.day)),
            p.value.end.month,
            p.value.end.day
        ),
        (Some((6, 1)), 9, 30)
    );
    let r = v().recruits_deadline.expect("Đ15.2");
    assert_eq!(
        (r.value.month, r.value.day, r.article),
        (12, 31, "Điều 15 khoản 2")
    );
    assert_eq!(g(GroupId::RecruitsRural).period.article, "Điều 15 khoản 2");
}

#[test]
fn dieu_16_at_most_5_districts_and_site_kinds() {
    for id in [
        GroupId::Idu,
        GroupId::Fsw,
        GroupId::PregnantRural,
        GroupId::RecruitsUrban,
        GroupId::RecruitsRural,
        GroupId::Msm,
    ] {
        assert_eq!(g(id).max_districts.map(|c| c.value), Some(5), "{id:?}");
    }
    assert_eq!(g(GroupId::StiMen).site_kind.value, SiteKind::StiClinic);
    assert_eq!(
        g(GroupId::PregnantUrban).site_kind.value,
        SiteKind::ProvincialHospital
    );
    assert_eq!(
        g(GroupId::PregnantRural).site_kind.value,
        SiteKind::DistrictHospital
    );
    assert_eq!(g(GroupId::Fsw).site_kind.value, SiteKind::Hotspot);
    assert_eq!(g(GroupId::Idu).site_kind.value, SiteKind::Commune);
}

#[test]
fn dieu_17_eligibility_16_years() {
    assert_eq!(
        v().min_age.map(|c| (c.value, c.article)),
        Some((16, "Điều 17 khoản 1"))
    );
    assert!(g(GroupId::Idu).eligibility.value[0].contains("1 tháng"));
    assert!(g(GroupId::Msm).eligibility.value[0].contains("12 tháng"));
    assert_eq!(
        g(GroupId::Fsw).eligibility.article,
        "Điều 17 khoản 2 điểm b"
    );
}

#[test]
fn dieu_18_khoan_1_idu_sample_range() {
    let r = g(GroupId::Idu).sample_size;
    assert_eq!(
        (r.value.min, r.value.max, r.article),
        (150, 300, "Điều 18 khoản 1 điểm a")
    );
    assert!(allocate(&plan(GroupId::Idu, 150)).is_ok());
    assert!(allocate(&plan(GroupId::Idu, 300)).is_ok());
    match allocate(&plan(GroupId::Idu, 301)) {
        Err(e @ CalcError::SampleSizeOutOfRange { .. }) => {
            let m = e.message();
            assert!(
                m.contains("Điều 18 khoản 1 điểm a") && m.contains("150") && m.contains("300"),
                "{m}"
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(allocate(&plan(GroupId::Idu, 149)).is_err());
}

#[test]
fn dieu_18_khoan_2_3_6_ranges_150_300() {
    for (id, art) in [
        (GroupId::Fsw, "Điều 18 khoản 2 điểm a"),
        (GroupId::StiMen, "Điều 18 khoản 3 điểm a"),
        (GroupId::Msm, "Điều 18 khoản 6 điểm a"),
    ] {
        let r = g(id).sample_size;
        assert_eq!((r.value.min, r.value.max, r.article), (150, 300, art));
    }
}

#[test]
fn dieu_18_khoan_4_5_7_fixed_400() {
    for (id, art) in [
        (GroupId::PregnantUrban, "Điều 18 khoản 4 điểm a"),
        (GroupId::PregnantRural, "Điều 18 khoản 4 điểm a"),
        (GroupId::RecruitsUrban, "Điều 18 khoản 5 điểm a"),
        (GroupId::RecruitsRural, "Điều 18 khoản 5 điểm a"),
        (GroupId::Other, "Điều 18 khoản 7 điểm a"),
    ] {
        let r = g(id).sample_size;
        assert_eq!((r.value.min, r.value.max, r.article), (400, 400, art));
        assert!(allocate(&plan(id, 399)).is_err());
        assert!(allocate(&plan(id, 400)).is_ok(), "{id:?}");
    }
}

#[test]
fn dieu_18_diem_b_methods() {
    assert_eq!(g(GroupId::Idu).method.value, Method::DistrictProportional);
    assert_eq!(
        g(GroupId::StiMen).method.value,
        Method::ConsecutiveAllClinics
    );
    assert_eq!(
        g(GroupId::PregnantUrban).method.value,
        Method::ConsecutiveProvincialHospital
    );
    assert_eq!(
        g(GroupId::PregnantRural).method.value,
        Method::ConsecutiveDistrictHospitals
    );
    assert_eq!(g(GroupId::RecruitsUrban).method.value, Method::RandomWards);
    assert_eq!(g(GroupId::Other).method.value, Method::LocalChoice);
}

#[test]
fn dieu_18_diem_c_specimens() {
    assert_eq!(
        g(GroupId::Fsw).specimens.value.with_sti_surveillance,
        &[Specimen::CervicalSwab, Specimen::VaginalSwab]
    );
    assert_eq!(
        g(GroupId::StiMen).specimens.value.with_sti_surveillance,
        &[Specimen::UrethralSwab]
    );
    for id in GroupId::ALL {
        assert_eq!(g(id).specimens.value.always, &[Specimen::Blood]);
    }
}

#[test]
fn dieu_19_khoan_3_diem_b_serum_split_two_equal_parts() {
    let s = v().serum_split().expect("Đ19.3b");
    assert_eq!(s.article, "Điều 19 khoản 3 điểm b");
    assert_eq!(s.value.parts, 2);
    assert_eq!(s.value.uses[0].0, Disease::Hiv);
    assert!(s.value.uses[0].1.contains("HIV/AIDS tỉnh"));
    assert_eq!(s.value.uses[1].0, Disease::Syphilis);
    assert!(s.value.uses[1].1.contains("da liễu tỉnh"));
}

#[test]
fn dieu_23_monthly_windows() {
    let o = v().obligations().expect("Đ23");
    let get = |id: &str| o.iter().find(|x| x.id == id).expect(id);
    assert_eq!(
        get("d23k1-xa").schedule,
        rules::Schedule::Monthly {
            from_day: 1,
            to_day: 5
        }
    );
    assert_eq!(get("d23k1-xa").forms, &[2]);
    assert_eq!(get("d23k2-huyen").forms, &[1, 2]);
    assert_eq!(
        get("d23k3-tinh").schedule,
        rules::Schedule::Monthly {
            from_day: 6,
            to_day: 10
        }
    );
    assert_eq!(get("d23k3-tinh").receivers[0].id, "hiv_tinh");
    assert_eq!(
        get("d23k4-hiv-tinh-truc-tuyen").schedule,
        rules::Schedule::Monthly {
            from_day: 10,
            to_day: 15
        }
    );
    assert_eq!(get("d23k5-vien-truc-tuyen").level, Level::TrungUong);
}

#[test]
fn dieu_24_feedback_steps() {
    let s = v().event_steps().expect("Đ24");
    assert_eq!(s.len(), 3);
    assert_eq!((s[0].days, s[0].count), (5, rules::DayCount::Calendar));
    assert_eq!((s[1].days, s[1].count), (10, rules::DayCount::Calendar));
    assert_eq!(
        (s[2].days, s[2].count, s[2].article),
        (10, rules::DayCount::Working, "Điều 24 khoản 4 điểm a")
    );
    let o = v().obligations().expect("obligations");
    let f = o
        .iter()
        .find(|x| x.id == "d24k1-phan-hoi-tinh")
        .expect("Đ24.1b");
    assert_eq!(f.schedule, rules::Schedule::MonthlyBy { day: 15 });
}

#[test]
fn dieu_25_semi_annual_windows_january_and_july() {
    let o = v().obligations().expect("Đ25");
    let w = |id: &str| match o.iter().find(|x| x.id == id).expect(id).schedule {
        rules::Schedule::InMonths {
            months,
            from_day,
            to_day,
        } => (months.to_vec(), from_day, to_day),
        s => panic!("{s:?}"),
    };
    assert_eq!(w("d25k1-xa"), (vec![1, 7], 1, 5));
    assert_eq!(w("d25k2-huyen"), (vec![1, 7], 6, 10));
    assert_eq!(w("d25k3-tinh"), (vec![1, 7], 11, 15));
    assert_eq!(w("d25k4-da-lieu-tinh"), (vec![1, 7], 16, 20));
    assert_eq!(w("d25k5-vien-bv-bo"), (vec![1, 7], 1, 5));
    assert_eq!(w("d25k6-bv-da-lieu-tu"), (vec![1, 7], 20, 25));
}

#[test]
fn dieu_26_yearly_deadlines() {
    let o = v().obligations().expect("Đ26");
    let end = |id: &str| match o.iter().find(|x| x.id == id).expect(id).schedule {
        rules::Schedule::Yearly(p) => (p.end.month, p.end.day),
        s => panic!("{s:?}"),
    };
    assert_eq!(end("d26k1-da-lieu-tinh"), (10, 15));
    assert_eq!(end("d26k2-hiv-tinh"), (10, 31));
    assert_eq!(end("d26k2-nghia-vu-quan-su"), (12, 31));
    assert_eq!(end("d26k3-long-ghep-hanh-vi"), (10, 31));
    assert_eq!(end("d26k4-vien-vsdt-tu"), (11, 15));
    assert_eq!(end("d26k4-bv-da-lieu-tu"), (11, 15));
}
