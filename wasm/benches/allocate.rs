//! Allocation benchmark: 5 districts × 500 sites (target ≤ 5 ms natively).
use criterion::{Criterion, criterion_group, criterion_main};
use sotay_calc::core::allocate::{DistrictInput, PlanInput, SiteInput, allocate};
use sotay_calc::core::rules::GroupId;
use std::hint::black_box;

fn plan(districts: usize, sites: usize) -> PlanInput {
    PlanInput {
        group: Some(GroupId::Idu),
        sample_size: 300,
        seed: Some(42),
        districts: (0..districts)
            .map(|d| DistrictInput {
                name: format!("Huyện {d}"),
                estimate: 1_000 + d as u64 * 137,
                sites: (0..sites)
                    .map(|s| SiteInput {
                        name: format!("Xã {d}-{s}"),
                        estimate: 5 + (s as u64 * 7919 % 40),
                        weekly_volume: None,
                    })
                    .collect(),
                ..Default::default()
            })
            .collect(),
        expected_prevalence: Some(0.1),
        ..Default::default()
    }
}

fn bench(c: &mut Criterion) {
    let p = plan(5, 500);
    c.bench_function("allocate 5 districts x 500 sites", |b| {
        b.iter(|| allocate(black_box(&p)).map(|o| o.districts.len()))
    });
    let p = plan(60, 500);
    c.bench_function("allocate 60 districts x 500 sites (top 5 selected)", |b| {
        b.iter(|| allocate(black_box(&p)).map(|o| o.districts.len()))
    });
    let json = serde_json::to_string(&plan(5, 500)).unwrap_or_default();
    c.bench_function("allocate_json 5 x 500 (parse + compute + serialize)", |b| {
        b.iter(|| sotay_calc::core::json::allocate_json(black_box(&json)).map(|s| s.len()))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
