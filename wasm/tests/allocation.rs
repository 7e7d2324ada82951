//! Allocation: worked examples and properties (proptest).
use proptest::prelude::*;
use sotay_calc::core::allocate::{
    DistrictInput, PlanInput, Role, SiteInput, allocate, largest_remainder,
};
use sotay_calc::core::error::CalcError;
use sotay_calc::core::rules::GroupId;

fn district(name: &str, estimate: u64, sites: &[(&str, u64)]) -> DistrictInput {
    DistrictInput {
        name: name.into(),
        estimate,
        sites: sites
            .iter()
            .map(|&(n, e)| SiteInput {
                name: n.into(),
                estimate: e,
                weekly_volume: None,
            })
            .collect(),
        ..Default::default()
    }
}

#[test]
fn dieu_16_khoan_1_more_than_5_districts_top_5_selected_with_tie_break() {
    let p = PlanInput {
        group: Some(GroupId::Idu),
        sample_size: 300,
        seed: Some(7),
        districts: vec![
            district("A", 100, &[]),
            district("B", 600, &[]),
            district("C", 300, &[]),
            district("D", 300, &[]),
            district("E", 500, &[]),
            district("F", 400, &[]),
            district("G", 50, &[]),
        ],
        ..Default::default()
    };
    let out = allocate(&p).expect("plan");
    let sel: Vec<&str> = out
        .districts
        .iter()
        .filter(|d| d.selected)
        .map(|d| d.name.as_str())
        .collect();
    assert_eq!(sel, vec!["B", "C", "D", "E", "F"]);
    assert!(
        out.districts
            .iter()
            .filter(|d| !d.selected)
            .all(|d| d.allocated == 0)
    );
    // 300 × (600, 300, 300, 500, 400) / 2100 = 85.71, 42.86, 42.86, 71.43, 57.14 → 85+42+42+71+57 = 297, +3
    let alloc: Vec<u32> = out.districts.iter().map(|d| d.allocated).collect();
    assert_eq!(alloc, vec![0, 86, 43, 43, 71, 57, 0]);
    assert!(
        out.steps
            .iter()
            .any(|s| s.text.contains("Không chọn: A, G"))
    );
    // Tie at the cutoff: C/D tie is inside; make a tie at the boundary.
    let mut p2 = p.clone();
    p2.districts[0].estimate = 300; // A now ties C and D at the 5th place
    let out2 = allocate(&p2).expect("plan");
    let sel2: Vec<&str> = out2
        .districts
        .iter()
        .filter(|d| d.selected)
        .map(|d| d.name.as_str())
        .collect();
    assert_eq!(
        sel2,
        vec!["A", "B", "C", "E", "F"],
        "A listed first wins the tie"
    );
    assert!(out2.warnings.iter().any(|w| w.code == "tie_at_cutoff"));
}

#[test]
fn dieu_18_khoan_1_diem_b_sites_needed_and_order() {
    let p = PlanInput {
        group: Some(GroupId::Idu),
        sample_size: 250,
        seed: Some(7),
        districts: vec![district(
            "Ba Đình",
            1000,
            &[
                ("Phúc Xá", 30),
                ("Trúc Bạch", 20),
                ("Vĩnh Phúc", 40),
                ("Cống Vị", 10),
            ],
        )],
        ..Default::default()
    };
    let out = allocate(&p).expect("plan");
    let d = &out.districts[0];
    assert_eq!(d.allocated, 250);
    // mean 100/4 = 25 → ⌈250/25⌉ = 10 sites (only 4 listed → warnings)
    assert_eq!(d.sites_needed, Some(10));
    assert!(out.warnings.iter().any(|w| w.code == "too_few_sites"));
    assert!(
        out.warnings
            .iter()
            .any(|w| w.code == "sites_below_allocation")
    );
    assert!(out.warnings.iter().any(|w| w.code == "regulation_replaced"));
    assert_eq!(d.sites.len(), 4);
    assert!(d.sites.iter().all(|s| s.role == Role::Primary));
    assert_eq!(d.sites.last().map(|s| s.cumulative), Some(100));
    // Same seed, same order; the order is frozen forever (SplitMix64 + Fisher–Yates).
    let again = allocate(&p).expect("plan");
    assert_eq!(again.districts[0].sites, d.sites);
}

#[test]
fn primary_and_reserve_sites() {
    let sites: Vec<(String, u64)> = (0..20).map(|i| (format!("X{i}"), 10)).collect();
    let refs: Vec<(&str, u64)> = sites.iter().map(|(n, e)| (n.as_str(), *e)).collect();
    let p = PlanInput {
        group: Some(GroupId::Fsw),
        sample_size: 150,
        seed: Some(3),
        districts: vec![district("H", 500, &refs)],
        ..Default::default()
    };
    let out = allocate(&p).expect("plan");
    let d = &out.districts[0];
    assert_eq!(d.sites_needed, Some(15));
    assert_eq!(
        d.sites.iter().filter(|s| s.role == Role::Primary).count(),
        15
    );
    assert_eq!(
        d.sites.iter().filter(|s| s.role == Role::Reserve).count(),
        5
    );
    assert_eq!(d.sites[14].cumulative, 150);
}

#[test]
fn site_dominates_warning() {
    let p = PlanInput {
        group: Some(GroupId::Msm),
        sample_size: 200,
        seed: Some(3),
        districts: vec![district(
            "H",
            500,
            &[("Lớn", 300), ("Nhỏ", 10), ("Vừa", 50)],
        )],
        ..Default::default()
    };
    let out = allocate(&p).expect("plan");
    assert!(
        out.warnings
            .iter()
            .any(|w| w.code == "site_dominates" && w.text.contains("Lớn"))
    );
}

#[test]
fn dieu_16_khoan_3_sti_men_all_clinics_consecutive_with_outlook() {
    let p = PlanInput {
        group: Some(GroupId::StiMen),
        sample_size: 300,
        sites: vec![
            SiteInput {
                name: "BV Da liễu tỉnh".into(),
                estimate: 0,
                weekly_volume: Some(10),
            },
            SiteInput {
                name: "Phòng khám A".into(),
                estimate: 0,
                weekly_volume: Some(5),
            },
        ],
        year: Some(2025),
        sti_surveillance: true,
        ..Default::default()
    };
    let out = allocate(&p).expect("plan");
    assert_eq!(out.sites.len(), 2);
    let o = out.consecutive.expect("outlook");
    assert_eq!(o.weekly_volume, 15);
    assert_eq!(o.days_needed, 140); // 300 × 7 / 15
    assert_eq!(o.start.map(|d| d.iso()), Some("2025-06-01".into()));
    assert_eq!(o.expected_end.map(|d| d.iso()), Some("2025-10-18".into()));
    assert!(o.after_period);
    assert!(
        out.warnings
            .iter()
            .any(|w| w.code == "after_period" && w.text.contains("30/9/2025"))
    );
    // Specimens with STI surveillance: blood + urethral swab; syphilis, gonorrhoea, chlamydia.
    let sp = &out.specimens;
    assert_eq!(sp.specimens.len(), 2);
    assert_eq!(sp.tests.len(), 4);
    assert_eq!(sp.aliquots.as_ref().map(|a| a.total), Some(600));
}

#[test]
fn dieu_18_khoan_2_diem_c_no_swabs_without_sti_surveillance() {
    let mut p = PlanInput {
        group: Some(GroupId::Fsw),
        sample_size: 200,
        districts: vec![district("H", 10, &[])],
        ..Default::default()
    };
    let out = allocate(&p).expect("plan");
    assert_eq!(out.specimens.specimens.len(), 1);
    assert_eq!(out.specimens.tests.len(), 1);
    assert!(out.specimens.aliquots.is_none());
    p.sti_surveillance = true;
    let out = allocate(&p).expect("plan");
    assert_eq!(out.specimens.specimens.len(), 3);
    assert_eq!(out.specimens.tests.len(), 5); // HIV, syphilis, gonorrhoea, chlamydia, trichomonas
    assert_eq!(
        out.specimens
            .aliquots
            .as_ref()
            .map(|a| (a.parts_per_sample, a.total)),
        Some((2, 400))
    );
}

#[test]
fn dieu_16_khoan_4_diem_b_pregnant_rural_top_5_hospitals() {
    let p = PlanInput {
        group: Some(GroupId::PregnantRural),
        sample_size: 400,
        districts: (0..8)
            .map(|i| district(&format!("H{i}"), 1000 * (i + 1), &[]))
            .collect(),
        ..Default::default()
    };
    let out = allocate(&p).expect("plan");
    assert_eq!(out.districts.iter().filter(|d| d.selected).count(), 5);
    assert!(
        out.districts
            .iter()
            .filter(|d| d.selected)
            .all(|d| d.sites_needed == Some(1))
    );
    assert_eq!(out.districts.iter().map(|d| d.allocated).sum::<u32>(), 400);
}

#[test]
fn dieu_18_khoan_5_recruits_mean_per_ward() {
    let p = PlanInput {
        group: Some(GroupId::RecruitsUrban),
        sample_size: 400,
        mean_per_site: Some(35),
        districts: vec![
            district("Quận 1", 2000, &[("P1", 0), ("P2", 0)]),
            district("Quận 2", 2000, &[]),
        ],
        ..Default::default()
    };
    let out = allocate(&p).expect("plan");
    // ⌈400 ÷ 35⌉ = 12 wards for the province; the two listed are both primary.
    assert_eq!(out.wards.as_ref().and_then(|w| w.wards_needed), Some(12));
    assert!(
        out.steps
            .iter()
            .any(|s| s.text.contains("⌈400 ÷ 35 (số nhập)⌉ = 12"))
    );
    assert_eq!(out.districts[0].sites_needed, Some(2));
    assert_eq!(out.districts[1].sites_needed, Some(0));
    assert_eq!(out.sites.len(), 2);
    assert!(out.sites.iter().all(|s| s.role == Role::Primary));
    assert_eq!(out.sites[0].district.as_deref(), Some("Quận 1"));
}

#[test]
fn precision_wald_half_width() {
    let p = PlanInput {
        group: Some(GroupId::Idu),
        sample_size: 300,
        districts: vec![district("H", 10, &[])],
        expected_prevalence: Some(0.1),
        design_effect: Some(2.0),
        ..Default::default()
    };
    let pr = allocate(&p).expect("plan").precision.expect("precision");
    let want = 1.96 * (2.0f64 * 0.1 * 0.9 / 300.0).sqrt();
    assert!((pr.half_width - want).abs() < 1e-12);
    assert!(pr.text.contains("±4,8%"), "{}", pr.text);
    let mut bad = p.clone();
    bad.expected_prevalence = Some(1.5);
    assert!(allocate(&bad).is_err());
}

#[test]
fn errors_are_vietnamese_and_name_the_field() {
    let p = PlanInput {
        group: Some(GroupId::Idu),
        sample_size: 200,
        ..Default::default()
    };
    let e = allocate(&p).expect_err("no districts");
    assert!(e.message().contains("Điều 16 khoản 1"), "{}", e.message());
    let p = PlanInput {
        group: Some(GroupId::Idu),
        sample_size: 200,
        districts: vec![district("A", 0, &[]), district("B", 0, &[])],
        ..Default::default()
    };
    assert!(
        allocate(&p)
            .expect_err("zeros")
            .message()
            .contains("bằng 0")
    );
    let p = PlanInput {
        group: Some(GroupId::Idu),
        sample_size: 200,
        districts: vec![district("A", 1, &[]), district("A", 2, &[])],
        ..Default::default()
    };
    assert!(allocate(&p).expect_err("dup").message().contains("trùng"));
}

/// Unicode Standard Annex #15 (normalization), trimmed, case-folded: one district typed four
/// ways is one district, refused the second time instead of doubling its weight.
#[test]
fn uax15_nfc_trimmed_case_folded_duplicate_districts_are_refused() {
    let nfc = "Ba \u{110}\u{ec}nh";
    let nfd = "Ba \u{110}i\u{300}nh";
    for other in [nfd, "Ba Đình ", " ba đình", "BA ĐÌNH"] {
        let p = PlanInput {
            group: Some(GroupId::Idu),
            sample_size: 200,
            districts: vec![district(nfc, 100, &[]), district(other, 100, &[])],
            ..Default::default()
        };
        match allocate(&p) {
            Err(e @ CalcError::DuplicateDistrict { .. }) => {
                let m = e.message();
                assert!(
                    m.contains("districts[1].name") && m.contains("districts[0].name"),
                    "{m}"
                );
            }
            other_result => panic!("{other:?} accepted: {other_result:?}"),
        }
    }
    // Different names stay different (no diacritic folding: Đình ≠ Dinh).
    let p = PlanInput {
        group: Some(GroupId::Idu),
        sample_size: 200,
        districts: vec![district(nfc, 100, &[]), district("Ba Dinh", 100, &[])],
        ..Default::default()
    };
    assert!(allocate(&p).is_ok());
    // The name is shown as NFC and trimmed; NFC and NFD give the same site order.
    let sites = [
        ("Phúc Xá", 30),
        ("Trúc Bạch", 20),
        ("Vĩnh Phúc", 40),
        ("Cống Vị", 10),
    ];
    let plan = |name: &str| PlanInput {
        group: Some(GroupId::Idu),
        sample_size: 200,
        seed: Some(5),
        districts: vec![district(name, 100, &sites)],
        ..Default::default()
    };
    let a = allocate(&plan(nfc)).expect("nfc");
    let b = allocate(&plan(&format!("{nfd} "))).expect("nfd");
    assert_eq!(b.districts[0].name, nfc);
    assert_eq!(a.districts[0].sites, b.districts[0].sites);
}

#[test]
fn duplicate_site_names_in_a_district_are_refused() {
    let p = PlanInput {
        group: Some(GroupId::Fsw),
        sample_size: 200,
        districts: vec![district("H", 100, &[("Tụ điểm A", 10), ("tụ điểm a ", 20)])],
        ..Default::default()
    };
    match allocate(&p) {
        Err(e @ CalcError::DuplicateSite { .. }) => {
            let m = e.message();
            assert!(
                m.contains("huyện “H”") && m.contains("districts[0].sites[1].name"),
                "{m}"
            );
        }
        other => panic!("{other:?}"),
    }
    // The same site name in two districts is fine; twice among the clinics is not.
    let p = PlanInput {
        group: Some(GroupId::Fsw),
        sample_size: 200,
        districts: vec![
            district("H", 100, &[("Chợ", 10)]),
            district("K", 100, &[("Chợ", 20)]),
        ],
        ..Default::default()
    };
    assert!(allocate(&p).is_ok());
    let clinic = |n: &str| SiteInput {
        name: n.into(),
        estimate: 0,
        weekly_volume: Some(5),
    };
    let p = PlanInput {
        group: Some(GroupId::StiMen),
        sample_size: 200,
        sites: vec![clinic("BV Da liễu"), clinic("BV DA LIỄU")],
        ..Default::default()
    };
    assert!(matches!(
        allocate(&p),
        Err(CalcError::DuplicateSite { district: None, .. })
    ));
}

/// A name is limited in characters, not bytes: 67 Vietnamese letters of 3 bytes (201 bytes)
/// pass, decomposed too; 201 characters do not, and the message names the field.
#[test]
fn name_length_is_counted_in_characters_not_bytes() {
    let name = "Ệ".repeat(67);
    assert_eq!((name.chars().count(), name.len()), (67, 201));
    for n in [name.clone(), "ệ".repeat(67), "e\u{323}\u{302}".repeat(67)] {
        let p = PlanInput {
            group: Some(GroupId::Idu),
            sample_size: 200,
            districts: vec![district(&n, 100, &[(&n, 10)])],
            ..Default::default()
        };
        assert!(allocate(&p).is_ok(), "{n}");
    }
    let p = PlanInput {
        group: Some(GroupId::Idu),
        sample_size: 200,
        districts: vec![district("H", 100, &[(&"a".repeat(201), 10)])],
        ..Default::default()
    };
    let m = allocate(&p).expect_err("too long").message();
    assert!(
        m.contains("huyện “H”")
            && m.contains("districts[0].sites[0].name")
            && m.contains("201 ký tự"),
        "{m}"
    );
}

fn arb_plan() -> impl Strategy<Value = PlanInput> {
    (
        150u32..=300,
        any::<u64>(),
        prop::collection::vec(
            (0u64..5_000, prop::collection::vec(0u64..200, 0..12)),
            1..12,
        ),
    )
        .prop_map(|(n, seed, ds)| PlanInput {
            group: Some(GroupId::Idu),
            sample_size: n,
            seed: Some(seed),
            districts: ds
                .into_iter()
                .enumerate()
                .map(|(i, (e, sites))| DistrictInput {
                    name: format!("Huyện {i}"),
                    estimate: e,
                    sites: sites
                        .into_iter()
                        .enumerate()
                        .map(|(j, se)| SiteInput {
                            name: format!("Xã {i}-{j}"),
                            estimate: se,
                            weekly_volume: None,
                        })
                        .collect(),
                    ..Default::default()
                })
                .collect(),
            ..Default::default()
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn allocation_properties(p in arb_plan()) {
        match allocate(&p) {
            Ok(out) => {
                // sums exactly; never negative (u32); at most 5 districts
                prop_assert_eq!(out.districts.iter().map(|d| d.allocated).sum::<u32>(), p.sample_size);
                prop_assert!(out.districts.iter().filter(|d| d.selected).count() <= 5);
                prop_assert!(out.districts.iter().filter(|d| !d.selected).all(|d| d.allocated == 0));
                // the selected are the largest
                let min_sel = out.districts.iter().filter(|d| d.selected).map(|d| d.estimate).min();
                let max_not = out.districts.iter().filter(|d| !d.selected).map(|d| d.estimate).max();
                if let (Some(a), Some(b)) = (min_sel, max_not) { prop_assert!(a >= b); }
                // same seed, same order; order is a permutation of the listed sites
                let again = allocate(&p).expect("deterministic");
                for (d, (a, inp)) in out.districts.iter().zip(again.districts.iter().zip(&p.districts)) {
                    prop_assert_eq!(&d.sites, &a.sites);
                    if d.selected {
                        let mut got: Vec<&str> = d.sites.iter().map(|s| s.name.as_str()).collect();
                        let mut want: Vec<&str> = inp.sites.iter().map(|s| s.name.as_str()).collect();
                        got.sort(); want.sort();
                        prop_assert_eq!(got, want);
                    }
                }
            }
            Err(e) => {
                // only possible error here: every selected district has estimate 0
                prop_assert!(e.message().contains("bằng 0"), "{}", e.message());
            }
        }
    }

    #[test]
    fn largest_remainder_sums_exactly(total in 0u32..100_000, w in prop::collection::vec(0u64..u64::MAX / 4, 1..30)) {
        let a = largest_remainder(total, &w);
        if w.iter().any(|&x| x > 0) {
            prop_assert_eq!(a.iter().map(|&x| x as u64).sum::<u64>(), total as u64);
        }
        // each within 1 of its exact quota
        let sum: u128 = w.iter().map(|&x| x as u128).sum();
        for (ai, wi) in a.iter().zip(&w) {
            if let Some(fl) = (total as u128 * *wi as u128).checked_div(sum) {
                prop_assert!(*ai as u128 == fl || *ai as u128 == fl + 1);
            }
        }
    }

    #[test]
    fn reordering_districts_keeps_each_districts_site_order(p in arb_plan()) {
        let mut q = p.clone();
        q.districts.reverse();
        if let (Ok(a), Ok(b)) = (allocate(&p), allocate(&q)) {
            for d in &a.districts {
                let other = b.districts.iter().find(|x| x.name == d.name).expect("same names");
                if d.selected && other.selected {
                    let n1: Vec<&str> = d.sites.iter().map(|s| s.name.as_str()).collect();
                    let n2: Vec<&str> = other.sites.iter().map(|s| s.name.as_str()).collect();
                    prop_assert_eq!(n1, n2);
                }
            }
        }
    }
}

proptest! {
    /// Issue 17: with a seed, the visiting order of a district's sites depends only on the
    /// seed, that district's name and its site list: editing another district (its estimate,
    /// its name, its sites) or adding one never reshuffles it.
    #[test]
    fn a_districts_site_order_depends_only_on_seed_name_and_its_sites(
        seed in any::<u64>(),
        est_a in 1u64..10_000,
        est_b in 1u64..10_000,
        est_b2 in 1u64..10_000,
        n_sites in 2usize..12,
        renamed in "[A-Za-z ]{1,12}",
    ) {
        let sites: Vec<(String, u64)> = (0..n_sites).map(|i| (format!("Xã {i}"), 5 + i as u64)).collect();
        let refs: Vec<(&str, u64)> = sites.iter().map(|(n, e)| (n.as_str(), *e)).collect();
        let plan = |b_name: &str, b_est: u64, extra: bool| PlanInput {
            group: Some(GroupId::Idu),
            sample_size: 300,
            seed: Some(seed),
            districts: {
                let mut d = vec![
                    district("Ba Đình", est_a, &refs),
                    district(b_name, b_est, &[("Phúc Xá", 3), ("Trúc Bạch", 4)]),
                ];
                if extra {
                    d.push(district("Đống Đa", 77, &[("Láng", 1)]));
                }
                d
            },
            ..Default::default()
        };
        let order = |p: &PlanInput| -> Vec<String> {
            let out = allocate(p).unwrap();
            let d = out.districts.iter().find(|d| d.name == "Ba Đình").unwrap();
            d.sites.iter().map(|s| s.name.clone()).collect()
        };
        let before = order(&plan("Hoàn Kiếm", est_b, false));
        let b_name = format!("Q{}", renamed.trim());
        prop_assert_eq!(&before, &order(&plan("Hoàn Kiếm", est_b2, false)));
        prop_assert_eq!(&before, &order(&plan(&b_name, est_b, false)));
        prop_assert_eq!(&before, &order(&plan("Hoàn Kiếm", est_b, true)));
    }
}

/// The site order of fixed plans, written out: a change to the shuffle, the per-district seed
/// or the order of the steps fails here (comparing two runs of today's code could not), and
/// then `rng::ALGORITHM_VERSION` must be raised with the expected orders below.
#[test]
fn site_orders_for_fixed_seeds_are_frozen() {
    let sites: Vec<(String, u64)> = (1..=8).map(|i| (format!("Điểm {i}"), 10 * i)).collect();
    let refs: Vec<(&str, u64)> = sites.iter().map(|(n, e)| (n.as_str(), *e)).collect();
    let order = |seed: u64, name: &str| -> Vec<String> {
        let p = PlanInput {
            group: Some(GroupId::Fsw),
            sample_size: 150,
            seed: Some(seed),
            districts: vec![
                district(name, 500, &refs),
                district("Khác", 100, &refs[..3]),
            ],
            ..Default::default()
        };
        let out = allocate(&p).expect("plan");
        out.districts[0]
            .sites
            .iter()
            .map(|s| s.name.clone())
            .collect()
    };
    let frozen: [(u64, &str, [u8; 8]); 4] = [
        (1, "Ba Đình", [2, 4, 8, 7, 5, 6, 3, 1]),
        (7, "Ba Đình", [8, 7, 2, 6, 5, 4, 1, 3]),
        // Another district's name, the same seed: another order (seeded per district).
        (7, "Đống Đa", [2, 3, 4, 7, 8, 5, 1, 6]),
        (20261204, "Ba Đình", [1, 4, 2, 6, 5, 3, 8, 7]),
    ];
    for (seed, name, want) in frozen {
        let want: Vec<String> = want.iter().map(|i| format!("Điểm {i}")).collect();
        assert_eq!(order(seed, name), want, "seed {seed}, {name}");
    }
}
