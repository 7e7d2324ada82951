//! Large property run over the JSON entry points: no input makes them panic.
use proptest::prelude::*;
use sotay_calc::core::json;

fn arb_json() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<u64>().prop_map(serde_json::Value::from),
        (-1e12f64..1e12).prop_map(serde_json::Value::from),
        prop_oneof![
            Just("idu".to_string()),
            Just("fsw".to_string()),
            Just("sti_men".to_string()),
            Just("pregnant_rural".to_string()),
            Just("recruits_urban".to_string()),
            Just("other".to_string()),
            Just("2025-02-29".to_string()),
            Just("tt09-2012".to_string()),
            "\\PC{0,12}",
        ]
        .prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(serde_json::Value::from),
            prop::collection::vec(
                (
                    prop_oneof![
                        Just("group".to_string()),
                        Just("sample_size".to_string()),
                        Just("seed".to_string()),
                        Just("districts".to_string()),
                        Just("sites".to_string()),
                        Just("name".to_string()),
                        Just("estimate".to_string()),
                        Just("weekly_volume".to_string()),
                        Just("expected_prevalence".to_string()),
                        Just("design_effect".to_string()),
                        Just("year".to_string()),
                        Just("start_date".to_string()),
                        Just("mean_per_site".to_string()),
                        Just("sti_surveillance".to_string()),
                        Just("version".to_string()),
                        "[a-z_]{1,8}",
                    ],
                    inner
                ),
                0..8
            )
            .prop_map(|kv| serde_json::Value::Object(kv.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn allocate_json_never_panics_on_strings(s in "\\PC{0,200}") {
        let _ = json::allocate_json(&s);
    }

    #[test]
    fn allocate_json_never_panics_on_json_values(v in arb_json()) {
        let s = v.to_string();
        match json::allocate_json(&s) {
            Ok(out) => prop_assert!(out.starts_with('{'), "object"),
            Err(e) => prop_assert!(!e.message().is_empty()),
        }
    }

    /// Issue 14: whatever the input, the message is Vietnamese: none of serde's English texts
    /// ("invalid type: …, expected …", "missing field", "unknown variant", "at line …").
    #[test]
    fn every_input_error_is_vietnamese(v in arb_json()) {
        if let Err(e) = json::allocate_json(&v.to_string()) {
            let m = e.message();
            for english in ["invalid ", "expected ", "missing field", "unknown field", "unknown variant", "at line", "duplicate field"] {
                prop_assert!(!m.contains(english), "{}", m);
            }
        }
    }

    #[test]
    fn plan_shaped_values_never_panic(
        group in prop_oneof![Just("idu"), Just("fsw"), Just("sti_men"), Just("pregnant_urban"), Just("pregnant_rural"), Just("recruits_urban"), Just("recruits_rural"), Just("msm"), Just("other")],
        n in any::<u32>(), seed in any::<u64>(),
        ests in prop::collection::vec(any::<u64>(), 0..8),
        prev in prop::option::of(-1.0f64..2.0), deff in prop::option::of(-1.0f64..60.0),
        weekly in prop::option::of(any::<u32>()), year in prop::option::of(any::<i32>()),
        mean in prop::option::of(any::<u32>()),
    ) {
        let districts: Vec<serde_json::Value> = ests.iter().enumerate().map(|(i, e)| serde_json::json!({
            "name": format!("H{i}"), "estimate": e,
            "sites": [{"name": "a", "estimate": e / 3}, {"name": "b", "estimate": 1}]
        })).collect();
        let v = serde_json::json!({
            "group": group, "sample_size": n % 500, "seed": seed, "districts": districts,
            "expected_prevalence": prev, "design_effect": deff, "weekly_volume": weekly,
            "year": year, "mean_per_site": mean, "sti_surveillance": seed % 2 == 0,
            "sites": [{"name": "clinic", "weekly_volume": weekly}]
        });
        let _ = json::allocate_json(&v.to_string());
    }

    #[test]
    fn other_entry_points_never_panic(year in any::<i32>(), s in "\\PC{0,20}", n in any::<i32>()) {
        let _ = json::deadlines_json(year, Some(&s));
        let _ = json::add_workdays_iso(&s, n);
        let _ = json::add_workdays_iso("2025-01-01", n);
    }
}

#[test]
fn calendar_json_every_supported_year() {
    for y in 1850..2250 {
        let _ = json::calendar_json(y);
    }
}
