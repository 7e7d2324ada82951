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
            // The group by its name, never its id (issue 17).
            assert!(
                m.contains("nhóm “Nam nghiện chích ma túy”") && !m.contains("idu"),
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

// ---- Issue 14: rules the engine got wrong or left out --------------------------------------
// Most of these go through the JSON entry point (what `sotay calc allocate` and the page run),
// so they check behaviour and fail on the engine before the fix, not only on its types.

fn plan_json(v: serde_json::Value) -> serde_json::Value {
    let out = sotay_calc::core::json::allocate_json(&v.to_string())
        .unwrap_or_else(|e| panic!("{}", e.message()));
    serde_json::from_str(&out).expect("result JSON")
}

fn plan_err(v: serde_json::Value) -> String {
    match sotay_calc::core::json::allocate_json(&v.to_string()) {
        Ok(out) => panic!("accepted: {out}"),
        Err(e) => e.message(),
    }
}

fn steps_of(out: &serde_json::Value) -> Vec<(Option<String>, String)> {
    out["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .map(|s| {
            (
                s["article"].as_str().map(String::from),
                s["text"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn wards(names: &[&str]) -> serde_json::Value {
    names
        .iter()
        .map(|n| serde_json::json!({"name": n, "estimate": 0}))
        .collect()
}

/// The case: 400 recruits, 29 per ward on average, two units of 2 000 and 1 000
/// recruits. Split across units the engine counted ⌈267 ÷ 29⌉ + ⌈133 ÷ 29⌉ = 10 + 5 = 15 wards,
/// against ⌈400 ÷ 29⌉ = 14 for the province. The article divides the prescribed sample: 14 is
/// the result, and the wards drawn per unit add up to it.
#[test]
fn dieu_18_khoan_5_diem_b_provincial_ward_count_is_the_result() {
    let ba_dinh: Vec<String> = (1..=10).map(|i| format!("Phường BĐ{i}")).collect();
    let hoan_kiem: Vec<String> = (1..=9).map(|i| format!("Phường HK{i}")).collect();
    let refs = |v: &[String]| wards(&v.iter().map(String::as_str).collect::<Vec<_>>());
    let out = plan_json(serde_json::json!({
        "group": "recruits_urban", "sample_size": 400, "seed": 11, "mean_per_site": 29,
        "districts": [
            {"name": "Quận Ba Đình", "estimate": 2000, "sites": refs(&ba_dinh)},
            {"name": "Quận Hoàn Kiếm", "estimate": 1000, "sites": refs(&hoan_kiem)},
        ]
    }));
    assert_eq!(out["wards"]["wards_needed"], 14, "{}", out["wards"]);
    let per_district: u64 = out["districts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["sites_needed"].as_u64().unwrap_or(0))
        .sum();
    assert_eq!(per_district, 14, "the counts agree");
    let primary = out["sites"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["role"] == "primary")
        .count();
    assert_eq!(primary, 14);
    assert_eq!(out["sites"].as_array().unwrap().len(), 19);
    let steps = steps_of(&out);
    assert!(
        steps
            .iter()
            .any(|(a, t)| a.as_deref() == Some("Điều 18 khoản 5 điểm b")
                && t.contains("⌈400 ÷ 29 (số nhập)⌉ = 14")),
        "{steps:?}"
    );
    // No proportional split is cited as khoản 5 điểm b; what a unit gets is labelled guidance.
    for (a, t) in &steps {
        if a.as_deref() == Some("Điều 18 khoản 5 điểm b") {
            assert!(!t.contains("tỷ lệ"), "{t}");
        }
    }
    assert_eq!(out["allocation_basis"]["kind"], "guidance");
    assert!(
        steps
            .iter()
            .any(|(a, t)| a.is_none() && t.starts_with("Tham khảo, không phải quy định")),
        "{steps:?}"
    );
    // Without a mean, the mean of the listed wards is used (and said).
    let out = plan_json(serde_json::json!({
        "group": "recruits_rural", "sample_size": 400, "seed": 1,
        "districts": [{"name": "Huyện Gia Lâm", "estimate": 0, "sites": [
            {"name": "Xã A", "estimate": 50}, {"name": "Xã B", "estimate": 30}]}]
    }));
    assert_eq!(out["wards"]["wards_needed"], 10); // ⌈400 ÷ 40⌉
    assert_eq!(out["wards"]["mean_given"], false);
    assert_eq!(out["site_kind"], "rural_commune");
}

/// Điều 16 khoản 5 says "chọn tối đa 5 quận, thị xã, thành phố thuộc tỉnh" (a) and "tối đa 5
/// huyện" (b) with no criterion: nothing is "largest", and a sixth unit is refused rather than
/// dropped by its estimate.
#[test]
fn dieu_16_khoan_5_has_no_largest_criterion() {
    let districts: Vec<serde_json::Value> = (1..=5)
        .map(|i| serde_json::json!({"name": format!("Huyện H{i}"), "estimate": i * 100}))
        .collect();
    let out = plan_json(serde_json::json!({
        "group": "recruits_rural", "sample_size": 400, "mean_per_site": 40, "districts": districts
    }));
    for (_, t) in steps_of(&out) {
        assert!(!t.contains("lớn nhất"), "{t}");
    }
    assert!(
        steps_of(&out)
            .iter()
            .any(|(a, t)| a.as_deref() == Some("Điều 16 khoản 5 điểm b")
                && t.contains("không nêu tiêu chí chọn")),
    );
    // Ranks follow the input, not the estimates.
    let ranks: Vec<u64> = out["districts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rank"].as_u64().unwrap())
        .collect();
    assert_eq!(ranks, vec![1, 2, 3, 4, 5]);
    let mut six = districts.clone();
    six.push(serde_json::json!({"name": "Huyện H6", "estimate": 9999}));
    let m = plan_err(serde_json::json!({
        "group": "recruits_rural", "sample_size": 400, "mean_per_site": 40, "districts": six
    }));
    assert!(
        m.contains("Điều 16 khoản 5 điểm b") && m.contains("tối đa 5"),
        "{m}"
    );
    // The groups whose article does say "nhiều nhất" still rank by estimate.
    assert!(matches!(
        g(GroupId::Idu).district_choice,
        rules::DistrictChoice::Largest { .. }
    ));
    assert!(matches!(
        g(GroupId::PregnantRural).district_choice,
        rules::DistrictChoice::Largest { of: "số dân" }
    ));
}

/// Điều 16 khoản 5 điểm a / Điều 18 khoản 5 điểm b: urban recruits only in quận, thị xã,
/// thành phố thuộc tỉnh. The kind is marked ("kind", or the start of the name) and checked.
#[test]
fn dieu_16_khoan_5_diem_a_urban_recruits_only_in_quan_thi_xa_thanh_pho() {
    let plan = |names: &[(&str, Option<&str>)]| {
        let districts: Vec<serde_json::Value> = names
            .iter()
            .map(|(n, k)| match k {
                Some(k) => serde_json::json!({"name": n, "estimate": 0, "kind": k}),
                None => serde_json::json!({"name": n, "estimate": 0}),
            })
            .collect();
        serde_json::json!({"group": "recruits_urban", "sample_size": 400, "mean_per_site": 30,
            "districts": districts})
    };
    let out = plan_json(plan(&[
        ("Quận Ba Đình", None),
        ("TX. Sơn Tây", None),
        ("thành phố Bắc Ninh", None),
        ("Thủ Đức", Some("thanh_pho")),
    ]));
    let kinds: Vec<&str> = out["districts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, vec!["quan", "thi_xa", "thanh_pho", "thanh_pho"]);
    assert_eq!(out["area_kinds"]["article"], "Điều 16 khoản 5 điểm a");
    let m = plan_err(plan(&[("Quận Ba Đình", None), ("Huyện Gia Lâm", None)]));
    assert!(
        m.contains("Huyện Gia Lâm")
            && m.contains("là huyện")
            && m.contains("Điều 16 khoản 5 điểm a"),
        "{m}"
    );
    let m = plan_err(plan(&[("Ba Đình", None)]));
    assert!(
        m.contains("Chưa rõ “Ba Đình”") && m.contains("districts[0]"),
        "{m}"
    );
    // An explicit kind wins over the name; rural recruits take any kind (Điều 16 khoản 1).
    let m = plan_err(plan(&[("Quận Ba Đình", Some("huyen"))]));
    assert!(m.contains("là huyện"), "{m}");
    assert!(g(GroupId::RecruitsRural).area_kinds.is_none());
}

/// Điều 18 khoản 4 điểm b is consecutive sampling at the chosen hospitals: the per-hospital
/// split is guidance and never cites khoản 4 điểm b for a proportional rule it does not have.
#[test]
fn dieu_18_khoan_4_diem_b_pregnant_rural_split_is_guidance_not_cited() {
    let out = plan_json(serde_json::json!({
        "group": "pregnant_rural", "sample_size": 400,
        "districts": [{"name": "Huyện A", "estimate": 300000}, {"name": "Huyện B", "estimate": 100000}]
    }));
    let steps = steps_of(&out);
    for (a, t) in &steps {
        if t.contains("tỷ lệ") {
            assert!(a.is_none(), "cited {a:?}: {t}");
            assert!(t.starts_with("Tham khảo, không phải quy định"), "{t}");
        }
    }
    assert!(steps.iter().any(|(_, t)| t.contains("tỷ lệ")), "{steps:?}");
    assert_eq!(out["allocation_basis"]["kind"], "guidance");
    assert!(
        out["allocation_basis"]["note"]
            .as_str()
            .unwrap()
            .contains("lấy mẫu liên tiếp")
    );
    // The selection names the article's criterion: the most populous.
    assert!(
        steps
            .iter()
            .any(|(a, t)| a.as_deref() == Some("Điều 16 khoản 4 điểm b")
                && t.contains("có số dân nhiều nhất"))
    );
    // The proportional groups keep their rule.
    let out = plan_json(serde_json::json!({
        "group": "idu", "sample_size": 200, "districts": [{"name": "A", "estimate": 10}]
    }));
    assert_eq!(out["allocation_basis"]["article"], "Điều 18 khoản 1 điểm b");
}

/// Điều 24 khoản 1 điểm b: "chậm nhất là ngày 15 của tháng tiếp sau tháng báo cáo". The reading
/// (the data month; the day the province's online report closes) is said with the date, and in
/// the handbook.
#[test]
fn dieu_24_khoan_1_diem_b_reading_is_stated() {
    let list = sotay_calc::core::deadlines::deadlines(2022, Some("hiv_tinh")).expect("2022");
    let april = list
        .iter()
        .find(|d| d.id == "d24k1-phan-hoi-tinh" && d.period.ends_with("tháng 3/2022"))
        .expect("feedback on March 2022");
    assert_eq!(april.end.iso(), "2022-04-15");
    assert!(
        april.title.contains("“tháng báo cáo” là tháng của số liệu"),
        "{}",
        april.title
    );
    assert!(april.title.contains("Điều 23 khoản 4"));
    assert!(
        april.title.contains("hạn lùi thêm một tháng"),
        "the other reading"
    );
    let page = include_str!("../../content/giam-sat/che-do-bao-cao.md");
    assert!(page.contains("tháng của số liệu"), "the handbook states it");
}

/// Điều 23 khoản 3: "Các viện, bệnh viện trực thuộc Bộ Y tế đóng trên địa bàn tỉnh"; the same
/// unit reports under Điều 25 khoản 5 at the same level, so `--unit tinh` lists it.
#[test]
fn dieu_23_khoan_3_and_dieu_25_khoan_5_one_unit_one_level() {
    let o = v().obligations().expect("obligations");
    let d23k3 = o.iter().find(|x| x.id == "d23k3-tinh").unwrap();
    assert!(
        d23k3
            .senders
            .iter()
            .any(|u| u.name == "Các viện, bệnh viện trực thuộc Bộ Y tế đóng trên địa bàn tỉnh")
    );
    let d25k5 = o.iter().find(|x| x.id == "d25k5-vien-bv-bo").unwrap();
    assert_eq!(
        d25k5.senders[0].name,
        "Các viện, bệnh viện trực thuộc Bộ Y tế"
    );
    // One unit id, one level, in every obligation.
    let mut level = std::collections::BTreeMap::new();
    for ob in o {
        for u in ob.senders.iter().chain(ob.receivers) {
            let l = *level.entry(u.id).or_insert(u.level);
            assert_eq!(l, u.level, "{}", u.id);
        }
    }
    for unit in ["tinh", "vien_bv_bo"] {
        let list = sotay_calc::core::deadlines::deadlines(2022, Some(unit)).expect("2022");
        assert!(
            list.iter().any(|d| d.id == "d25k5-vien-bv-bo"),
            "--unit {unit} lists Điều 25 khoản 5"
        );
        assert!(list.iter().any(|d| d.id == "d23k3-tinh"));
    }
}

/// Điều 13 (khoản 5, 6, 8) and Điều 14 khoản 1 điểm g: what a planner acts on, with every plan.
#[test]
fn dieu_13_and_dieu_14_khoan_1_diem_g_beside_the_plan() {
    let all = v().principles().expect("Điều 13");
    assert_eq!(all.len(), 11);
    for (i, p) in all.iter().enumerate() {
        assert_eq!(p.article, format!("Điều 13 khoản {}", i + 1));
    }
    let out = plan_json(serde_json::json!({
        "group": "idu", "sample_size": 200, "districts": [{"name": "A", "estimate": 10}]
    }));
    let arts: Vec<&str> = out["principles"]
        .as_array()
        .expect("principles in the plan")
        .iter()
        .map(|p| p["article"].as_str().unwrap())
        .collect();
    assert_eq!(
        arts,
        vec!["Điều 13 khoản 5", "Điều 13 khoản 6", "Điều 13 khoản 8"]
    );
    assert!(
        out["principles"][0]["text"]
            .as_str()
            .unwrap()
            .contains("qua các năm")
    );
    assert!(
        out["principles"][1]["text"]
            .as_str()
            .unwrap()
            .contains("trại giam")
    );
    assert!(
        out["principles"][2]["text"]
            .as_str()
            .unwrap()
            .contains("lặp lại")
    );
    assert_eq!(out["conditions"], serde_json::json!([]));
    let out = plan_json(serde_json::json!({"group": "other", "sample_size": 400}));
    assert_eq!(out["conditions"][0]["article"], "Điều 14 khoản 1 điểm g");
    assert!(
        out["conditions"][0]["value"]
            .as_str()
            .unwrap()
            .contains("liên tục qua các năm")
    );
}

/// Điều 13 khoản 6: a site named like a detention or rehabilitation centre is warned about.
#[test]
fn dieu_13_khoan_6_site_named_like_a_closed_centre_is_warned() {
    let out = plan_json(serde_json::json!({
        "group": "idu", "sample_size": 200, "districts": [{"name": "A", "estimate": 10,
            "sites": [{"name": "Trung tâm Chữa bệnh - Giáo dục - Lao động xã hội số 2", "estimate": 5},
                      {"name": "Phường Kim Mã", "estimate": 5}]}]
    }));
    let w: Vec<&serde_json::Value> = out["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["code"] == "forbidden_place")
        .collect();
    assert_eq!(w.len(), 1, "{}", out["warnings"]);
    assert!(w[0]["text"].as_str().unwrap().contains("Điều 13 khoản 6"));
    assert_eq!(w[0]["district"], "A");
}

/// Điều 19 khoản 5 (with STI sentinel surveillance) and Điều 20 khoản 4 (HIV only): who lists
/// the results on which forms, with the reports of Điều 26 that follow.
#[test]
fn dieu_19_khoan_5_and_dieu_20_khoan_4_result_forms_with_the_reports() {
    let forms = |v: &serde_json::Value| -> Vec<String> {
        v["forms"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f.as_str().unwrap().to_string())
            .collect()
    };
    let pl = |n: &[u8]| -> Vec<String> { n.iter().map(|n| format!("Phụ lục {n}")).collect() };
    let out = plan_json(serde_json::json!({
        "group": "fsw", "sample_size": 200, "sti_surveillance": true,
        "districts": [{"name": "A", "estimate": 10}]
    }));
    let r = out["reporting"].as_array().expect("reporting");
    assert_eq!(r.len(), 2);
    assert_eq!(r[0]["article"], "Điều 19 khoản 5 điểm a");
    assert_eq!(r[0]["unit"], "Đơn vị đầu mối về da liễu tỉnh");
    assert_eq!(forms(&r[0]), pl(&[8, 9, 10, 11, 12, 13]));
    assert_eq!(
        r[0]["sent_to"],
        "Đơn vị đầu mối về phòng, chống HIV/AIDS tỉnh"
    );
    assert_eq!(r[0]["reports"][0]["article"], "Điều 26 khoản 1");
    assert_eq!(
        r[0]["reports"][0]["due"],
        serde_json::json!({"month": 10, "day": 15})
    );
    assert_eq!(r[1]["article"], "Điều 19 khoản 5 điểm b");
    assert_eq!(forms(&r[1]), pl(&[7, 9, 10, 11, 12, 13, 14, 15]));
    assert_eq!(r[1]["reports"][0]["article"], "Điều 26 khoản 2");
    assert_eq!(
        r[1]["reports"][0]["due"],
        serde_json::json!({"month": 10, "day": 31})
    );
    assert_eq!(r[1]["reports"].as_array().unwrap().len(), 1);
    // HIV only: Điều 20 khoản 4; recruits report by 31/12 (Điều 26 khoản 2, second sentence).
    let out = plan_json(serde_json::json!({
        "group": "recruits_rural", "sample_size": 400, "mean_per_site": 40,
        "districts": [{"name": "Huyện A", "estimate": 0}]
    }));
    let r = out["reporting"].as_array().unwrap();
    assert_eq!(r.len(), 1);
    assert_eq!(r[0]["article"], "Điều 20 khoản 4");
    assert_eq!(forms(&r[0]), pl(&[7, 9, 10, 11, 12, 13, 14, 15]));
    assert_eq!(
        r[0]["reports"][0]["due"],
        serde_json::json!({"month": 12, "day": 31})
    );
    // The forms of Điều 26 khoản 1 are those of Điều 19 khoản 5 điểm a.
    let d26k1 = v().obligation("d26k1-da-lieu-tinh").unwrap();
    assert_eq!(d26k1.forms, v().result_forms().unwrap()[0].forms);
}

/// Điều 15 khoản 1: collection from 01/06 to 30/09. A start before 01/06 is said; a start after
/// 30/09 is outside the period, not a reason to "start earlier".
#[test]
fn dieu_15_khoan_1_start_outside_the_collection_period() {
    let plan = |start: &str| {
        serde_json::json!({"group": "sti_men", "sample_size": 300, "start_date": start,
            "sites": [{"name": "BV Da liễu", "weekly_volume": 20}]})
    };
    let codes = |out: &serde_json::Value| -> Vec<String> {
        out["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w["code"].as_str().unwrap().to_string())
            .collect()
    };
    let texts = |out: &serde_json::Value| out["warnings"].to_string();
    let early = plan_json(plan("2025-05-15"));
    assert!(
        codes(&early).contains(&"start_before_period".to_string()),
        "{}",
        texts(&early)
    );
    assert!(texts(&early).contains("1/6/2025"), "{}", texts(&early));
    assert_eq!(early["consecutive"]["start_before_period"], true);
    let late = plan_json(plan("2025-10-05"));
    assert!(
        codes(&late).contains(&"start_after_period".to_string()),
        "{}",
        texts(&late)
    );
    assert!(
        texts(&late).contains("nằm ngoài thời gian giám sát"),
        "{}",
        texts(&late)
    );
    assert!(!texts(&late).contains("bắt đầu sớm"), "{}", texts(&late));
    assert_eq!(late["consecutive"]["start_after_period"], true);
    // Starting on 01/06 and still late: more sites, never "start earlier" than the period.
    let slow = plan_json(serde_json::json!({"group": "sti_men", "sample_size": 300,
        "year": 2025, "sites": [{"name": "BV", "weekly_volume": 10}]}));
    assert!(codes(&slow).contains(&"after_period".to_string()));
    assert!(!texts(&slow).contains("bắt đầu sớm"), "{}", texts(&slow));
    let mid = plan_json(plan("2025-08-01"));
    assert!(
        texts(&mid).contains("bắt đầu sớm hơn (không trước ngày 1/6/2025)"),
        "{}",
        texts(&mid)
    );
}
