//! Sentinel-surveillance sample allocation (Điều 16 and 18 of the active regulation).
//!
//! Deterministic and explained:
//! - **Selection**: when a group has a district limit (5) and more districts are listed, the
//!   districts with the largest estimates are selected. Ties are broken by the order in the
//!   input (the district listed first wins); the steps say so when a tie decides.
//! - **Allocation**: largest-remainder (Hamilton) method on exact integer arithmetic: each
//!   district gets ⌊N·e/E⌋, then the R left over go one each to the R largest remainders
//!   (ties: larger estimate, then input order). The sum is exactly N.
//! - **Sites**: sites needed = ⌈allocation ÷ mean estimate per site⌉ (exact rational ceiling).
//! - **Order**: every listed site is put in a random order with [`crate::core::rng`]
//!   (SplitMix64 + Fisher–Yates, one stream per district from the seed and the district name);
//!   the first `sites_needed` are primary, the rest reserve; cumulative expected counts follow
//!   the order ("continue site by site until the allocation is reached").
use crate::core::date::Date;
use crate::core::error::{CalcError, MAX_ITEMS, MAX_NAME};
use crate::core::rng::{self, SplitMix64};
use crate::core::rules::{
    self, Disease, GroupId, GroupRule, Method, RulesVersion, SiteKind, Specimen,
};
use crate::core::text::{cat, num, percent1, push_u64};
use serde::{Deserialize, Serialize};

/// Largest estimate accepted for one district or site.
pub const MAX_ESTIMATE: u64 = 1_000_000_000;

/// A plan to compute.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PlanInput {
    /// Group id.
    pub group: Option<GroupId>,
    /// Chosen sample size.
    pub sample_size: u32,
    /// Seed of the random site order; derived from the input when absent.
    #[serde(default)]
    pub seed: Option<u64>,
    /// Districts with their estimate (population of the group, or total population for
    /// `pregnant_rural`) and optionally their sites.
    #[serde(default)]
    pub districts: Vec<DistrictInput>,
    /// Sites not attached to a district: STI clinics (`sti_men`), the provincial hospital
    /// (`pregnant_urban`), or the sites of `other`.
    #[serde(default)]
    pub sites: Vec<SiteInput>,
    /// The province also runs STI sentinel surveillance (Điều 19) — otherwise HIV only
    /// (Điều 20).
    #[serde(default)]
    pub sti_surveillance: bool,
    /// Expected prevalence (0–1) for the confidence half-width.
    #[serde(default)]
    pub expected_prevalence: Option<f64>,
    /// Design effect (≥ 1; default 1).
    #[serde(default)]
    pub design_effect: Option<f64>,
    /// Expected eligible people per week across all sites (consecutive sampling).
    #[serde(default)]
    pub weekly_volume: Option<u32>,
    /// First day of collection (default 1 June of `year`).
    #[serde(default)]
    pub start_date: Option<Date>,
    /// Year of the survey.
    #[serde(default)]
    pub year: Option<i32>,
    /// Mean number of people per site (e.g. recruits per ward), for every district.
    #[serde(default)]
    pub mean_per_site: Option<u32>,
    /// Regulation version id (default: the active one).
    #[serde(default)]
    pub version: Option<String>,
}

/// A district.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DistrictInput {
    /// Name.
    pub name: String,
    /// Estimated number of people of the group (or population).
    pub estimate: u64,
    /// Its sites (communes, wards or hotspots).
    #[serde(default)]
    pub sites: Vec<SiteInput>,
    /// Mean people per site, when sites are not listed one by one.
    #[serde(default)]
    pub mean_per_site: Option<u32>,
    /// Expected eligible people per week (district hospital, consecutive sampling).
    #[serde(default)]
    pub weekly_volume: Option<u32>,
}

/// A site.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SiteInput {
    /// Name.
    pub name: String,
    /// Estimated number of people of the group at the site.
    #[serde(default)]
    pub estimate: u64,
    /// Expected eligible people per week (consecutive sampling).
    #[serde(default)]
    pub weekly_volume: Option<u32>,
}

/// Role of a site in the order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Visited first (within `sites_needed`).
    Primary,
    /// Used, in order, when the primary sites do not reach the allocation.
    Reserve,
}

/// A site in its visiting order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OrderedSite {
    /// Position, from 1.
    pub order: u32,
    /// Name.
    pub name: String,
    /// Estimate.
    pub estimate: u64,
    /// Primary or reserve.
    pub role: Role,
    /// Sum of estimates up to and including this site.
    pub cumulative: u64,
}

/// Result for one district.
#[derive(Debug, Clone, Serialize)]
pub struct DistrictPlan {
    /// Name.
    pub name: String,
    /// Estimate given.
    pub estimate: u64,
    /// Rank by estimate (1 = largest; ties by input order).
    pub rank: u32,
    /// Selected (Điều 16).
    pub selected: bool,
    /// Samples allocated (0 when not selected).
    pub allocated: u32,
    /// Sites to visit, when a mean per site is known.
    pub sites_needed: Option<u32>,
    /// Mean people per site used.
    pub mean_per_site: Option<f64>,
    /// Sites in random order (empty when not selected).
    pub sites: Vec<OrderedSite>,
}

/// One explained step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    /// Article applied, if any.
    pub article: Option<&'static str>,
    /// Vietnamese text.
    pub text: String,
}

/// A warning (the plan is computed but thin somewhere).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// Stable code.
    pub code: &'static str,
    /// District concerned.
    pub district: Option<String>,
    /// Vietnamese text.
    pub text: String,
}

/// Specimens to collect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SpecimenCount {
    /// Specimen.
    pub specimen: Specimen,
    /// Vietnamese name.
    pub name: &'static str,
    /// How many.
    pub count: u32,
    /// Article.
    pub article: &'static str,
}

/// Tests to run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TestCount {
    /// Disease.
    pub disease: Disease,
    /// Vietnamese name.
    pub name: &'static str,
    /// How many tests.
    pub count: u32,
    /// On which specimen and where.
    pub place: &'static str,
    /// Article.
    pub article: &'static str,
}

/// Serum aliquots (Điều 19 khoản 3 điểm b).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Aliquots {
    /// Parts per serum.
    pub parts_per_sample: u8,
    /// Total aliquots.
    pub total: u32,
    /// Each part's test and laboratory.
    pub uses: Vec<(Disease, &'static str)>,
    /// Article.
    pub article: &'static str,
}

/// Specimens and tests for the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SpecimenPlan {
    /// Whether the province also runs STI sentinel surveillance.
    pub sti_surveillance: bool,
    /// Specimens.
    pub specimens: Vec<SpecimenCount>,
    /// Tests.
    pub tests: Vec<TestCount>,
    /// Serum aliquots, when the serum is split.
    pub aliquots: Option<Aliquots>,
    /// Notes (Vietnamese).
    pub notes: Vec<String>,
}

/// 95% confidence half-width (Wald) for the chosen n.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Precision {
    /// Expected prevalence.
    pub prevalence: f64,
    /// Design effect.
    pub design_effect: f64,
    /// Sample size.
    pub n: u32,
    /// 1.96·√(deff·p(1−p)/n).
    pub half_width: f64,
    /// max(0, p − h).
    pub lower: f64,
    /// min(1, p + h).
    pub upper: f64,
    /// Vietnamese explanation.
    pub text: String,
}

/// When consecutive sampling should reach the sample size.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outlook {
    /// People per week across all sites.
    pub weekly_volume: u32,
    /// Days of collection needed.
    pub days_needed: u32,
    /// First day, if known.
    pub start: Option<Date>,
    /// Expected day the sample is reached, if the start is known.
    pub expected_end: Option<Date>,
    /// Last day of the collection period.
    pub period_end: Option<Date>,
    /// Whether the expected end is after the period.
    pub after_period: bool,
}

/// Reference to the regulation used.
#[derive(Debug, Clone, Serialize)]
pub struct RegulationRef {
    /// Version id.
    pub id: &'static str,
    /// Name.
    pub name: &'static str,
    /// Replaced by, if any.
    pub replaced_by: Option<&'static str>,
}

/// The computed plan.
#[derive(Debug, Clone, Serialize)]
pub struct PlanOutput {
    /// Regulation used.
    pub regulation: RegulationRef,
    /// Group.
    pub group: GroupId,
    /// Group's Vietnamese name.
    pub group_name: &'static str,
    /// Sample size.
    pub sample_size: u32,
    /// Seed used.
    pub seed: u64,
    /// Whether the seed was given or derived from the input.
    pub seed_derived: bool,
    /// Sampling method.
    pub method: Method,
    /// Its article.
    pub method_article: &'static str,
    /// Kind of site.
    pub site_kind: SiteKind,
    /// Vietnamese name of the kind of site.
    pub site_kind_name: &'static str,
    /// District limit.
    pub max_districts: Option<u8>,
    /// Per district.
    pub districts: Vec<DistrictPlan>,
    /// Sites not attached to districts (clinics, hospital, other).
    pub sites: Vec<OrderedSite>,
    /// Explanation.
    pub steps: Vec<Step>,
    /// Specimens and tests.
    pub specimens: SpecimenPlan,
    /// Confidence half-width, when a prevalence was given.
    pub precision: Option<Precision>,
    /// Consecutive-sampling outlook, when volumes were given.
    pub consecutive: Option<Outlook>,
    /// Warnings.
    pub warnings: Vec<Warning>,
}

fn step(article: Option<&'static str>, text: String) -> Step {
    Step { article, text }
}

fn warn(code: &'static str, district: Option<&str>, text: String) -> Warning {
    Warning {
        code,
        district: district.map(String::from),
        text,
    }
}

/// `n/d` with two decimals and a Vietnamese comma (d > 0).
fn dec2(n: u128, d: u128) -> String {
    let d = d.max(1);
    let hundredths = (n * 100 + d / 2) / d;
    let mut s = num((hundredths / 100) as u64);
    s.push(',');
    let r = (hundredths % 100) as u64;
    if r < 10 {
        s.push('0');
    }
    push_u64(&mut s, r);
    s
}

fn check_name(name: &str, field: impl FnOnce() -> String) -> Result<(), CalcError> {
    if name.trim().is_empty() || name.len() > MAX_NAME {
        return Err(CalcError::BadName { field: field() });
    }
    Ok(())
}

fn validate(input: &PlanInput) -> Result<(), CalcError> {
    if input.districts.len() > MAX_ITEMS {
        return Err(CalcError::TooMany {
            field: "districts",
            max: MAX_ITEMS,
        });
    }
    if input.sites.len() > MAX_ITEMS {
        return Err(CalcError::TooMany {
            field: "sites",
            max: MAX_ITEMS,
        });
    }
    let too_big = CalcError::BadParameter {
        field: "estimate",
        expected: "số nguyên từ 0 đến 1 000 000 000",
    };
    for (i, d) in input.districts.iter().enumerate() {
        check_name(&d.name, || cat(&["districts[", &num(i as u64), "].name"]))?;
        if d.estimate > MAX_ESTIMATE {
            return Err(too_big);
        }
        if d.sites.len() > MAX_ITEMS {
            return Err(CalcError::TooMany {
                field: "districts[].sites",
                max: MAX_ITEMS,
            });
        }
        if input.districts[..i].iter().any(|o| o.name == d.name) {
            return Err(CalcError::DuplicateDistrict {
                name: d.name.clone(),
            });
        }
        for (j, s) in d.sites.iter().enumerate() {
            check_name(&s.name, || {
                cat(&[
                    "districts[",
                    &num(i as u64),
                    "].sites[",
                    &num(j as u64),
                    "].name",
                ])
            })?;
            if s.estimate > MAX_ESTIMATE {
                return Err(too_big);
            }
        }
    }
    for (j, s) in input.sites.iter().enumerate() {
        check_name(&s.name, || cat(&["sites[", &num(j as u64), "].name"]))?;
        if s.estimate > MAX_ESTIMATE {
            return Err(too_big);
        }
    }
    if let Some(p) = input.expected_prevalence
        && !(p.is_finite() && p > 0.0 && p < 1.0)
    {
        return Err(CalcError::BadParameter {
            field: "expected_prevalence",
            expected: "một tỷ lệ lớn hơn 0 và nhỏ hơn 1 (ví dụ 0.05 cho 5%)",
        });
    }
    if let Some(d) = input.design_effect
        && !(d.is_finite() && (1.0..=50.0).contains(&d))
    {
        return Err(CalcError::BadParameter {
            field: "design_effect",
            expected: "một số từ 1 đến 50",
        });
    }
    if let Some(y) = input.year
        && !(2000..=2150).contains(&y)
    {
        return Err(CalcError::BadParameter {
            field: "year",
            expected: "một năm từ 2000 đến 2150",
        });
    }
    if input.mean_per_site == Some(0) {
        return Err(CalcError::BadParameter {
            field: "mean_per_site",
            expected: "một số nguyên dương",
        });
    }
    if input.districts.iter().any(|d| d.mean_per_site == Some(0)) {
        return Err(CalcError::BadParameter {
            field: "districts[].mean_per_site",
            expected: "một số nguyên dương",
        });
    }
    Ok(())
}

/// Seed derived from the input when none is given: SplitMix64 mix of FNV-1a over the group id
/// and every district's name and estimate (decimal), separated by `\n`.
pub fn derived_seed(input: &PlanInput) -> u64 {
    let mut s = String::new();
    s.push_str(input.group.map(|g| g.as_str()).unwrap_or(""));
    for d in &input.districts {
        s.push('\n');
        s.push_str(&d.name);
        s.push('\n');
        push_u64(&mut s, d.estimate);
    }
    rng::mix(rng::fnv1a(s.as_bytes()))
}

/// Largest-remainder allocation of `total` over `weights` (exact; sum == total when the sum of
/// weights is positive). Returns (allocation, floors, remainders) in input order.
pub fn largest_remainder(total: u32, weights: &[u64]) -> Vec<u32> {
    let sum: u128 = weights.iter().map(|&w| w as u128).sum();
    if sum == 0 || weights.is_empty() {
        return vec![0; weights.len()];
    }
    let t = total as u128;
    let mut alloc: Vec<u32> = weights
        .iter()
        .map(|&w| (t * w as u128 / sum) as u32)
        .collect();
    let given: u128 = alloc.iter().map(|&a| a as u128).sum();
    let left = (t - given) as usize;
    let mut idx: Vec<usize> = (0..weights.len()).collect();
    idx.sort_by(|&a, &b| {
        let ra = t * weights[a] as u128 % sum;
        let rb = t * weights[b] as u128 % sum;
        rb.cmp(&ra)
            .then(weights[b].cmp(&weights[a]))
            .then(a.cmp(&b))
    });
    for &i in idx.iter().take(left) {
        alloc[i] += 1;
    }
    alloc
}

/// Order the sites of one list with the seeded stream `stream_seed`.
fn order_sites(
    sites: &[SiteInput],
    stream_seed: u64,
    needed: Option<u32>,
    shuffle: bool,
) -> Vec<OrderedSite> {
    let mut idx: Vec<usize> = (0..sites.len()).collect();
    if shuffle {
        SplitMix64::new(stream_seed).shuffle(&mut idx);
    }
    let mut cumulative = 0u64;
    idx.iter()
        .enumerate()
        .map(|(pos, &i)| {
            cumulative = cumulative.saturating_add(sites[i].estimate);
            OrderedSite {
                order: pos as u32 + 1,
                name: sites[i].name.clone(),
                estimate: sites[i].estimate,
                role: match needed {
                    Some(n) if pos as u64 >= n as u64 => Role::Reserve,
                    _ => Role::Primary,
                },
                cumulative,
            }
        })
        .collect()
}

fn uses_districts(method: Method, input: &PlanInput) -> bool {
    match method {
        Method::DistrictProportional
        | Method::RandomWards
        | Method::ConsecutiveDistrictHospitals => true,
        Method::LocalChoice => !input.districts.is_empty(),
        Method::ConsecutiveAllClinics | Method::ConsecutiveProvincialHospital => false,
    }
}

fn is_consecutive(method: Method) -> bool {
    matches!(
        method,
        Method::ConsecutiveAllClinics
            | Method::ConsecutiveProvincialHospital
            | Method::ConsecutiveDistrictHospitals
    )
}

/// Compute a plan with the version named in the input (or the active one).
pub fn allocate(input: &PlanInput) -> Result<PlanOutput, CalcError> {
    let version = match &input.version {
        None => rules::active(),
        Some(id) => rules::version(id).ok_or(CalcError::BadParameter {
            field: "version",
            expected: "mã văn bản đã có trong máy tính (ví dụ \"tt09-2012\")",
        })?,
    };
    allocate_with(version, input)
}

/// Compute a plan with a given regulation version.
pub fn allocate_with(
    version: &'static RulesVersion,
    input: &PlanInput,
) -> Result<PlanOutput, CalcError> {
    let group_id = input.group.ok_or(CalcError::BadParameter {
        field: "group",
        expected: "một mã nhóm: idu, fsw, sti_men, pregnant_urban, pregnant_rural, recruits_urban, recruits_rural, msm, other",
    })?;
    let g: &GroupRule = version.group(group_id)?;
    validate(input)?;
    let n = input.sample_size;
    let range = g.sample_size.value;
    if n < range.min || n > range.max {
        return Err(CalcError::SampleSizeOutOfRange {
            group: group_id.as_str(),
            min: range.min,
            max: range.max,
            given: n,
            article: g.sample_size.article,
        });
    }
    let (seed, seed_derived) = match input.seed {
        Some(s) => (s, false),
        None => (derived_seed(input), true),
    };
    let method = g.method.value;
    let mut steps = Vec::new();
    let mut warnings = Vec::new();
    if let Some(next) = version.replaced_by {
        warnings.push(warn(
            "regulation_replaced",
            None,
            cat(&[
                "Kết quả tính theo ",
                version.name,
                ", văn bản đã được thay thế (",
                next,
                "). Đối chiếu với quy định hiện hành trước khi dùng.",
            ]),
        ));
    }
    let range_text = if range.min == range.max {
        num(range.min as u64)
    } else {
        cat(&[
            "từ ",
            &num(range.min as u64),
            " đến ",
            &num(range.max as u64),
        ])
    };
    steps.push(step(
        Some(g.sample_size.article),
        cat(&[
            "Nhóm \"",
            g.name,
            "\" (",
            g.article,
            "): cỡ mẫu ",
            &num(n as u64),
            " hợp lệ (quy định ",
            &range_text,
            " mẫu).",
        ]),
    ));

    let mut districts_out = Vec::new();
    let mut plan_sites = Vec::new();
    let max_d = g.max_districts.map(|c| c.value);

    if uses_districts(method, input) {
        if input.districts.is_empty() {
            return Err(CalcError::NoDistricts {
                article: g
                    .max_districts
                    .map(|c| c.article)
                    .unwrap_or(g.site_kind.article),
            });
        }
        // Rank by estimate desc, input order asc.
        let mut order: Vec<usize> = (0..input.districts.len()).collect();
        order.sort_by(|&a, &b| {
            input.districts[b]
                .estimate
                .cmp(&input.districts[a].estimate)
                .then(a.cmp(&b))
        });
        let limit = max_d.map(|m| m as usize).unwrap_or(usize::MAX);
        let mut rank = vec![0u32; input.districts.len()];
        let mut selected = vec![false; input.districts.len()];
        for (r, &i) in order.iter().enumerate() {
            rank[i] = r as u32 + 1;
            selected[i] = r < limit;
        }
        if let Some(m) = g.max_districts {
            let mut t = cat(&[
                "Chọn tối đa ",
                &num(m.value as u64),
                " huyện có ước lượng lớn nhất (",
                m.article,
                "). ",
            ]);
            if input.districts.len() > limit {
                t.push_str("Đã nhập ");
                push_u64(&mut t, input.districts.len() as u64);
                t.push_str(" huyện; chọn: ");
            } else {
                t.push_str("Tất cả các huyện đã nhập được chọn: ");
            }
            let chosen: Vec<&str> = order
                .iter()
                .filter(|&&i| selected[i])
                .map(|&i| input.districts[i].name.as_str())
                .collect();
            t.push_str(&chosen.join(", "));
            t.push('.');
            let left_out: Vec<&str> = order
                .iter()
                .filter(|&&i| !selected[i])
                .map(|&i| input.districts[i].name.as_str())
                .collect();
            if !left_out.is_empty() {
                t.push_str(" Không chọn: ");
                t.push_str(&left_out.join(", "));
                t.push('.');
            }
            steps.push(step(Some(m.article), t));
            if input.districts.len() > limit {
                let last_in = input.districts[order[limit - 1]].estimate;
                let first_out = input.districts[order[limit]].estimate;
                if last_in == first_out {
                    steps.push(step(
                        None,
                        cat(&[
                            "Có huyện bằng ước lượng (",
                            &num(last_in),
                            ") ở ranh giới chọn: huyện nhập trước trong danh sách được ưu tiên.",
                        ]),
                    ));
                    warnings.push(warn(
                        "tie_at_cutoff",
                        None,
                        cat(&[
                            "Hai huyện trở lên có cùng ước lượng ",
                            &num(last_in),
                            " ở ranh giới chọn 5 huyện; máy tính ưu tiên huyện nhập trước. Nên xác minh lại ước lượng.",
                        ]),
                    ));
                }
            }
        }
        // Allocation.
        let sel_idx: Vec<usize> = (0..input.districts.len())
            .filter(|&i| selected[i])
            .collect();
        let weights: Vec<u64> = sel_idx
            .iter()
            .map(|&i| input.districts[i].estimate)
            .collect();
        let total: u128 = weights.iter().map(|&w| w as u128).sum();
        if total == 0 {
            return Err(CalcError::ZeroEstimates);
        }
        let alloc = largest_remainder(n, &weights);
        let floors_sum: u64 = weights
            .iter()
            .map(|&w| (n as u128 * w as u128 / total) as u64)
            .sum();
        let mut t = cat(&[
            "Phân bổ cỡ mẫu cho các huyện được chọn theo tỷ lệ thuận với ước lượng (",
            g.method.article,
            "); tổng ước lượng = ",
            &num(total as u64),
            ". Mỗi huyện nhận phần nguyên của ",
            &num(n as u64),
            " × ước lượng ÷ ",
            &num(total as u64),
            "; ",
            &num(n as u64 - floors_sum),
            " mẫu còn lại chia cho các huyện có phần lẻ lớn nhất (bằng nhau: ước lượng lớn hơn, rồi huyện nhập trước).",
        ]);
        if method == Method::ConsecutiveDistrictHospitals {
            t.push_str(" Với phụ nữ mang thai nông thôn, Thông tư quy định lấy mẫu liên tiếp tại bệnh viện huyện đến khi đủ cỡ mẫu: phân bổ này chỉ để tham khảo khi lập kế hoạch.");
        }
        steps.push(step(Some(g.method.article), t));
        for (k, &i) in sel_idx.iter().enumerate() {
            let w = weights[k] as u128;
            let exact = n as u128 * w;
            let fl = exact / total;
            steps.push(step(
                None,
                cat(&[
                    &input.districts[i].name,
                    ": ",
                    &num(n as u64),
                    " × ",
                    &num(w as u64),
                    " ÷ ",
                    &num(total as u64),
                    " = ",
                    &dec2(exact, total),
                    " → phần nguyên ",
                    &num(fl as u64),
                    if alloc[k] as u128 > fl {
                        ", cộng 1 theo phần lẻ"
                    } else {
                        ""
                    },
                    " → ",
                    &num(alloc[k] as u64),
                    " mẫu.",
                ]),
            ));
        }
        let mut alloc_of = vec![0u32; input.districts.len()];
        for (k, &i) in sel_idx.iter().enumerate() {
            alloc_of[i] = alloc[k];
        }
        // Sites per district.
        for (i, d) in input.districts.iter().enumerate() {
            let a = alloc_of[i];
            let mut plan = DistrictPlan {
                name: d.name.clone(),
                estimate: d.estimate,
                rank: rank[i],
                selected: selected[i],
                allocated: a,
                sites_needed: None,
                mean_per_site: None,
                sites: Vec::new(),
            };
            if !selected[i] {
                districts_out.push(plan);
                continue;
            }
            if a == 0 {
                warnings.push(warn(
                    "zero_allocation",
                    Some(&d.name),
                    cat(&[
                        "Huyện ",
                        &d.name,
                        " được chọn nhưng không được phân bổ mẫu nào (ước lượng quá nhỏ).",
                    ]),
                ));
            }
            if method == Method::ConsecutiveDistrictHospitals {
                plan.sites_needed = Some(1);
                plan.sites = order_sites(&d.sites, 0, None, false);
                districts_out.push(plan);
                continue;
            }
            let listed_sum: u128 = d.sites.iter().map(|s| s.estimate as u128).sum();
            let listed_n = d.sites.len() as u128;
            // Mean as a rational num/den.
            let mean: Option<(u128, u128)> = match (d.mean_per_site, input.mean_per_site) {
                (Some(m), _) | (None, Some(m)) => Some((m as u128, 1)),
                _ if listed_n > 0 && listed_sum > 0 => Some((listed_sum, listed_n)),
                _ => None,
            };
            match mean {
                Some((mn, md)) => {
                    let needed = (a as u128 * md).div_ceil(mn) as u32;
                    plan.sites_needed = Some(needed);
                    plan.mean_per_site = Some(mn as f64 / md as f64);
                    steps.push(step(
                        Some(g.method.article),
                        cat(&[
                            &d.name,
                            ": trung bình ",
                            &dec2(mn, md),
                            " người mỗi ",
                            g.site_kind.value.name_vi(),
                            " → cần ⌈",
                            &num(a as u64),
                            " ÷ ",
                            &dec2(mn, md),
                            "⌉ = ",
                            &num(needed as u64),
                            " địa điểm.",
                        ]),
                    ));
                    if d.sites.len() < needed as usize && !d.sites.is_empty() {
                        warnings.push(warn(
                            "too_few_sites",
                            Some(&d.name),
                            cat(&[
                                "Huyện ",
                                &d.name,
                                " cần ",
                                &num(needed as u64),
                                " địa điểm nhưng chỉ liệt kê ",
                                &num(d.sites.len() as u64),
                                ".",
                            ]),
                        ));
                    }
                }
                None if a > 0 => warnings.push(warn(
                    "no_sites",
                    Some(&d.name),
                    cat(&[
                        "Huyện ",
                        &d.name,
                        ": chưa có danh sách địa điểm có ước lượng hoặc số trung bình mỗi địa điểm, nên chưa tính được số địa điểm cần giám sát.",
                    ]),
                )),
                None => {}
            }
            if !d.sites.is_empty() {
                if listed_sum < a as u128 {
                    warnings.push(warn(
                        "sites_below_allocation",
                        Some(&d.name),
                        cat(&[
                            "Các địa điểm liệt kê ở huyện ",
                            &d.name,
                            " chỉ có tổng ước lượng ",
                            &num(listed_sum as u64),
                            ", ít hơn số mẫu được phân bổ (",
                            &num(a as u64),
                            "): cần bổ sung địa điểm hoặc xem lại ước lượng.",
                        ]),
                    ));
                }
                if d.sites.len() >= 2
                    && let Some(big) = d.sites.iter().max_by_key(|s| s.estimate)
                    && listed_sum > 0
                    && big.estimate as u128 * 2 > listed_sum
                {
                    warnings.push(warn(
                        "site_dominates",
                        Some(&d.name),
                        cat(&[
                            "Địa điểm ",
                            &big.name,
                            " chiếm hơn một nửa ước lượng của huyện ",
                            &d.name,
                            ": mẫu có thể phụ thuộc nhiều vào một địa điểm.",
                        ]),
                    ));
                }
                if d.sites.iter().any(|s| s.estimate == 0) {
                    warnings.push(warn(
                        "site_zero_estimate",
                        Some(&d.name),
                        cat(&[
                            "Huyện ",
                            &d.name,
                            " có địa điểm ước lượng bằng 0 (vẫn được xếp thứ tự).",
                        ]),
                    ));
                }
            }
            plan.sites = order_sites(
                &d.sites,
                rng::seed_for(seed, &d.name),
                plan.sites_needed,
                true,
            );
            districts_out.push(plan);
        }
        if input.districts.iter().any(|d| !d.sites.is_empty())
            && method != Method::ConsecutiveDistrictHospitals
        {
            steps.push(step(
                Some(g.method.article),
                cat(&[
                    "Thứ tự ngẫu nhiên các địa điểm của mỗi huyện: SplitMix64 + Fisher–Yates, hạt giống ",
                    &num(seed),
                    if seed_derived { " (tính từ dữ liệu nhập)" } else { "" },
                    ". Các địa điểm đầu (số cần giám sát) là địa điểm chính, còn lại dự phòng; thực hiện lần lượt đến khi đủ số mẫu phân bổ cho huyện.",
                ]),
            ));
        }
        if method == Method::RandomWards
            && let Some(m) = input.mean_per_site
        {
            steps.push(step(
                Some(g.method.article),
                cat(&[
                    "Theo Thông tư, số phường/xã cần giám sát = cỡ mẫu ÷ số thanh niên trung bình mỗi phường/xã = ⌈",
                    &num(n as u64),
                    " ÷ ",
                    &num(m as u64),
                    "⌉ = ",
                    &num((n as u64).div_ceil(m as u64)),
                    " (toàn tỉnh).",
                ]),
            ));
        }
    } else {
        if !input.districts.is_empty() {
            warnings.push(warn(
                "districts_ignored",
                None,
                cat(&[
                    "Nhóm \"",
                    g.name,
                    "\" không phân bổ theo huyện (",
                    g.site_kind.article,
                    "): danh sách huyện được bỏ qua.",
                ]),
            ));
        }
        let text = match method {
            Method::ConsecutiveAllClinics => {
                "Chọn tất cả các cơ sở khám, điều trị nhiễm trùng lây truyền qua đường tình dục trên địa bàn tỉnh; lấy mẫu liên tiếp tất cả nam giới đủ tiêu chuẩn từ khi bắt đầu đến khi đủ cỡ mẫu hoặc hết thời gian giám sát."
            }
            Method::ConsecutiveProvincialHospital => {
                "Chọn bệnh viện đa khoa, bệnh viện phụ sản hoặc trung tâm chăm sóc sức khỏe sinh sản của tỉnh; lấy mẫu liên tiếp tất cả phụ nữ mang thai cư trú ở thành thị đến khám thai, đến khi đủ cỡ mẫu hoặc hết thời gian giám sát."
            }
            _ => {
                "Chọn địa điểm nơi đối tượng đang cư trú và một phương pháp chọn mẫu của Điều 18 (điểm b các khoản 1–6) phù hợp với thực tế địa phương."
            }
        };
        steps.push(step(Some(g.site_kind.article), text.into()));
        let shuffle = method == Method::LocalChoice;
        plan_sites = order_sites(&input.sites, rng::seed_for(seed, ""), None, shuffle);
    }

    let specimens = specimen_plan(version, g, n, input.sti_surveillance);
    let precision = input
        .expected_prevalence
        .map(|p| precision(p, input.design_effect.unwrap_or(1.0), n));
    let consecutive = if is_consecutive(method) {
        outlook(g, input, &districts_out, &mut warnings)
    } else {
        None
    };
    Ok(PlanOutput {
        regulation: RegulationRef {
            id: version.id,
            name: version.name,
            replaced_by: version.replaced_by,
        },
        group: group_id,
        group_name: g.name,
        sample_size: n,
        seed,
        seed_derived,
        method,
        method_article: g.method.article,
        site_kind: g.site_kind.value,
        site_kind_name: g.site_kind.value.name_vi(),
        max_districts: max_d,
        districts: districts_out,
        sites: plan_sites,
        steps,
        specimens,
        precision,
        consecutive,
        warnings,
    })
}

/// Specimens and tests (Điều 14 khoản 2, 18 điểm c, 19, 20).
pub fn specimen_plan(version: &RulesVersion, g: &GroupRule, n: u32, sti: bool) -> SpecimenPlan {
    let mut specimens = Vec::new();
    let mut tests = Vec::new();
    let mut notes = Vec::new();
    for &s in g.specimens.value.always {
        specimens.push(SpecimenCount {
            specimen: s,
            name: s.name_vi(),
            count: n,
            article: g.specimens.article,
        });
    }
    if sti {
        for &s in g.specimens.value.with_sti_surveillance {
            specimens.push(SpecimenCount {
                specimen: s,
                name: s.name_vi(),
                count: n,
                article: g.specimens.article,
            });
        }
    } else if !g.specimens.value.with_sti_surveillance.is_empty() {
        notes.push(cat(&[
            "Tỉnh không thực hiện giám sát trọng điểm các nhiễm trùng lây truyền qua đường tình dục: không phải lấy dịch tiết (",
            g.specimens.article,
            ").",
        ]));
    }
    tests.push(TestCount {
        disease: Disease::Hiv,
        name: Disease::Hiv.name_vi(),
        count: n,
        place: "huyết thanh — đơn vị đầu mối về phòng, chống HIV/AIDS tỉnh",
        article: if sti {
            "Điều 19 khoản 3 điểm b"
        } else {
            "Điều 20 khoản 3 điểm b"
        },
    });
    let mut aliquots = None;
    if sti {
        for c in g.stis {
            let place = match c.value {
                Disease::Syphilis => "1 phần huyết thanh — đơn vị đầu mối về da liễu tỉnh",
                Disease::Gonorrhoea | Disease::Chlamydia => {
                    "dịch tiết — đơn vị đầu mối về da liễu tỉnh"
                }
                Disease::Trichomonas => {
                    "dịch tiết âm đạo — soi tươi ngay tại địa điểm giám sát (Điều 19 khoản 4 điểm b)"
                }
                Disease::Hiv => "huyết thanh",
            };
            tests.push(TestCount {
                disease: c.value,
                name: c.value.name_vi(),
                count: n,
                place,
                article: c.article,
            });
        }
        if g.stis.iter().any(|c| c.value == Disease::Syphilis)
            && let Ok(split) = version.serum_split()
        {
            aliquots = Some(Aliquots {
                parts_per_sample: split.value.parts,
                total: n.saturating_mul(split.value.parts as u32),
                uses: split.value.uses.to_vec(),
                article: split.article,
            });
            notes.push(cat(&[split.value.collected_by, " (", split.article, ")."]));
        }
        if g.stis.is_empty() {
            notes.push(cat(&["Nhóm này không thuộc đối tượng giám sát trọng điểm các nhiễm trùng lây truyền qua đường tình dục (Điều 14 khoản 2): chỉ xét nghiệm HIV."]));
        }
    } else {
        notes.push("Tỉnh chỉ thực hiện giám sát trọng điểm HIV: lấy mẫu, vận chuyển bệnh phẩm và xét nghiệm theo hướng dẫn của Bộ Y tế (Điều 20 khoản 3 điểm b).".into());
    }
    SpecimenPlan {
        sti_surveillance: sti,
        specimens,
        tests,
        aliquots,
        notes,
    }
}

/// 95% Wald half-width: 1.96·√(deff·p(1−p)/n).
pub fn precision(p: f64, deff: f64, n: u32) -> Precision {
    let n_f = n.max(1) as f64;
    let h = 1.96 * (deff * p * (1.0 - p) / n_f).sqrt();
    let lower = (p - h).max(0.0);
    let upper = (p + h).min(1.0);
    let text = cat(&[
        "Với n = ",
        &num(n as u64),
        ", tỷ lệ dự kiến ",
        &percent1(p),
        " và hệ số thiết kế ",
        &dec2((deff * 100.0).round() as u128, 100),
        ": khoảng tin cậy 95% ≈ ±",
        &percent1(h),
        " (",
        &percent1(lower),
        " – ",
        &percent1(upper),
        "). Công cụ hỗ trợ lập kế hoạch, không phải quy định của Thông tư.",
    ]);
    Precision {
        prevalence: p,
        design_effect: deff,
        n,
        half_width: h,
        lower,
        upper,
        text,
    }
}

fn outlook(
    g: &GroupRule,
    input: &PlanInput,
    districts: &[DistrictPlan],
    warnings: &mut Vec<Warning>,
) -> Option<Outlook> {
    let weekly: u64 = match input.weekly_volume {
        Some(w) => w as u64,
        None => {
            let from_sites: u64 = input
                .sites
                .iter()
                .filter_map(|s| s.weekly_volume)
                .map(u64::from)
                .sum();
            let from_districts: u64 = input
                .districts
                .iter()
                .zip(districts)
                .filter(|(_, p)| p.selected)
                .filter_map(|(d, _)| d.weekly_volume)
                .map(u64::from)
                .sum();
            from_sites + from_districts
        }
    };
    if weekly == 0 {
        return None;
    }
    let n = input.sample_size as u64;
    let days_needed = (n * 7).div_ceil(weekly).max(1) as u32;
    let start = input.start_date.or_else(|| {
        let y = input.year?;
        let s = g.period.value.start?;
        Date::new(y, s.month, s.day)
    });
    let expected_end = start.map(|s| s.add_days(days_needed as i64 - 1));
    let period_end =
        start.and_then(|s| Date::new(s.year, g.period.value.end.month, g.period.value.end.day));
    let after = matches!((expected_end, period_end), (Some(e), Some(p)) if e > p);
    if after && let (Some(e), Some(p)) = (expected_end, period_end) {
        warnings.push(warn(
            "after_period",
            None,
            cat(&[
                "Với khoảng ",
                &num(weekly),
                " người mỗi tuần, dự kiến đủ ",
                &num(n),
                " mẫu vào ngày ",
                &e.vi(),
                ", sau ngày kết thúc giám sát ",
                &p.vi(),
                " (",
                g.period.article,
                "): cần thêm địa điểm hoặc bắt đầu sớm.",
            ]),
        ));
    }
    Some(Outlook {
        weekly_volume: weekly.min(u32::MAX as u64) as u32,
        days_needed,
        start,
        expected_end,
        period_end,
        after_period: after,
    })
}
