//! Sentinel-surveillance sample allocation (Điều 16 and 18 of the active regulation).
//!
//! Deterministic and explained:
//! - **Selection**: when a group has a district limit (5) and its article chooses "the most"
//!   (Điều 16 khoản 1, 2, 4 điểm b, 6) and more districts are listed, the districts with the
//!   largest estimates are selected. Ties are broken by the order in the input (the district
//!   listed first wins); the steps say so when a tie decides. Where the article gives no
//!   criterion (recruits, Điều 16 khoản 5), more districts than the limit is an error: the
//!   planner lists the ones chosen.
//! - **Recruits** (Điều 18 khoản 5 điểm b): the number of wards for the whole province =
//!   ⌈prescribed sample ÷ mean recruits per ward⌉; the wards of the chosen districts are put in
//!   one random order, the first that many are primary. What each district gets is guidance
//!   (the wards drawn there), not an allocation of the circular.
//! - **Names** are compared after Unicode NFC, trimmed and case-folded
//!   ([`crate::core::text::name_key`]); a name has at most [`MAX_NAME`] characters.
//! - **Allocation**: largest-remainder (Hamilton) method on exact integer arithmetic: each
//!   district gets ⌊N·e/E⌋, then the R left over go one each to the R largest remainders
//!   (ties: larger estimate, then input order). The sum is exactly N.
//! - **Sites**: sites needed = ⌈allocation ÷ mean estimate per site⌉ (exact rational ceiling).
//! - **Order**: every listed site is put in a random order with [`crate::core::rng`]
//!   (SplitMix64 + Fisher–Yates, one stream per district from the seed and the district name);
//!   the first `sites_needed` are primary, the rest reserve; cumulative expected counts follow
//!   the order ("continue site by site until the allocation is reached").
use crate::core::date::Date;
use crate::core::error::{CalcError, MAX_ITEMS, MAX_NAME, district_place, site_place};
use crate::core::rng::{self, SplitMix64};
use crate::core::rules::{
    self, AreaKind, Cited, Disease, DistrictChoice, GroupId, GroupRule, Method, MonthDay,
    Principle, RulesVersion, Schedule, SiteKind, Specimen,
};
use crate::core::text::{
    cat, clean_name, first_duplicate, name_chars, name_key, num, percent1, push_u64,
};
use serde::{Deserialize, Serialize};

/// Largest estimate accepted for one district or site.
pub const MAX_ESTIMATE: u64 = 1_000_000_000;

/// A plan to compute.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PlanInput {
    /// Group id.
    pub group: Option<GroupId>,
    /// Chosen sample size (a JSON number, or a string as planners write it: `"1.200"`).
    #[serde(deserialize_with = "crate::core::count::serde_count::u32")]
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
    /// Estimated number of people of the group (or population); a number or a string as
    /// planners write it (`"1.200"`).
    #[serde(deserialize_with = "crate::core::count::serde_count::u64")]
    pub estimate: u64,
    /// Its sites (communes, wards or hotspots).
    #[serde(default)]
    pub sites: Vec<SiteInput>,
    /// Mean people per site, when sites are not listed one by one (not for recruits, whose
    /// mean is one for the province: [`PlanInput::mean_per_site`]).
    #[serde(default)]
    pub mean_per_site: Option<u32>,
    /// Expected eligible people per week (district hospital, consecutive sampling).
    #[serde(default)]
    pub weekly_volume: Option<u32>,
    /// Kind of unit (quận, huyện, thị xã, thành phố thuộc tỉnh). When absent, read from the
    /// start of the name ("Quận Ba Đình", "TX. Sơn Tây": [`AreaKind::from_name_key`]).
    #[serde(default)]
    pub kind: Option<AreaKind>,
}

/// A site.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SiteInput {
    /// Name.
    pub name: String,
    /// Estimated number of people of the group at the site (a number or a string as planners
    /// write it).
    #[serde(default, deserialize_with = "crate::core::count::serde_count::u64")]
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
    /// The district it belongs to, in a province-wide order (recruits' wards).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub district: Option<String>,
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
    /// Kind of unit, when marked or read from the name.
    pub kind: Option<AreaKind>,
    /// Rank by estimate (1 = largest; ties by input order), or the input order where the
    /// article gives no criterion.
    pub rank: u32,
    /// Selected (Điều 16).
    pub selected: bool,
    /// Samples allocated (0 when not selected). Guidance only when the plan's
    /// [`PlanOutput::allocation_basis`] says so (recruits: the expected count of the wards
    /// drawn in the district).
    pub allocated: u32,
    /// Sites to visit, when a mean per site is known (recruits: the primary wards drawn in the
    /// district; they add up to [`WardPlan::wards_needed`]).
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
    /// First day of the collection period, if the rule gives one.
    pub period_start: Option<Date>,
    /// Whether the start is before the period (Điều 15 khoản 1).
    pub start_before_period: bool,
    /// Whether the start is after the period's end: outside the period.
    pub start_after_period: bool,
}

/// What the per-district numbers are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AllocationBasis {
    /// The circular's own rule (e.g. Điều 18 khoản 1 điểm b: in proportion to the estimates).
    Regulation {
        /// Article.
        article: &'static str,
    },
    /// Guidance for planning: the circular prescribes no split (Vietnamese note says why).
    Guidance {
        /// Vietnamese note.
        note: String,
    },
    /// No per-district numbers.
    None,
}

/// Recruits (Điều 18 khoản 5 điểm b): the wards (communes) for the whole province.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WardPlan {
    /// Article.
    pub article: &'static str,
    /// Mean recruits per ward used (given, or of the listed wards), if known.
    pub mean: Option<f64>,
    /// Whether the mean was given (`mean_per_site`) rather than computed from the list.
    pub mean_given: bool,
    /// ⌈prescribed sample ÷ mean⌉: the provincial number of wards, the result.
    pub wards_needed: Option<u32>,
    /// Wards listed (the pool drawn from).
    pub wards_listed: u32,
}

/// A report of Điều 26 that follows the result lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportDue {
    /// Article.
    pub article: &'static str,
    /// What.
    pub title: &'static str,
    /// Receivers, joined with "; ".
    pub receivers: String,
    /// No later than (each year).
    pub due: MonthDay,
}

/// Who lists the results on which forms (Điều 19 khoản 5 / Điều 20 khoản 4), and the reports
/// that follow (Điều 26).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResultStep {
    /// Article.
    pub article: &'static str,
    /// Who lists the results.
    pub unit: &'static str,
    /// Forms ("Phụ lục 7", …).
    pub forms: Vec<String>,
    /// Who the lists go to, if the article says.
    pub sent_to: Option<&'static str>,
    /// What else the unit does.
    pub note: Option<&'static str>,
    /// Reports that follow, for this group.
    pub reports: Vec<ReportDue>,
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
    /// Kinds of unit the group may use, when limited (Điều 16 khoản 5 điểm a).
    pub area_kinds: Option<Cited<&'static [AreaKind]>>,
    /// What the per-district numbers are: the circular's allocation or guidance.
    pub allocation_basis: AllocationBasis,
    /// Per district.
    pub districts: Vec<DistrictPlan>,
    /// Recruits: the provincial number of wards (the result of Điều 18 khoản 5 điểm b).
    pub wards: Option<WardPlan>,
    /// Sites not attached to districts (clinics, hospital, other), or the province-wide
    /// order of the recruits' wards (each with its district).
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
    /// The principles of Điều 13 a planner acts on (keep the sites across years, no sampling
    /// in the places of khoản 6, no one sampled twice in a year). Empty in the browser module
    /// (the page has them from the build: `view::alloc_view::plan_notes_html`).
    pub principles: Vec<Principle>,
    /// The group's own conditions (Điều 14 khoản 1 điểm g for "nhóm khác"); empty in the
    /// browser module, like `principles`.
    pub conditions: Vec<Cited<&'static str>>,
    /// Result forms and the sentinel reports that follow (Điều 19 khoản 5 / 20 khoản 4, 26);
    /// empty in the browser module, like `principles`.
    pub reporting: Vec<ResultStep>,
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

/// Vietnamese labels of the plan's fields, for messages (JSON name → label).
pub const FIELD_LABELS: &[(&str, &str)] = &[
    ("group", "nhóm đối tượng"),
    ("sample_size", "cỡ mẫu"),
    ("seed", "hạt giống ngẫu nhiên"),
    ("districts", "danh sách huyện"),
    ("sites", "danh sách điểm"),
    (
        "sti_surveillance",
        "có giám sát trọng điểm các nhiễm trùng lây truyền qua đường tình dục",
    ),
    ("expected_prevalence", "tỷ lệ hiện nhiễm dự kiến"),
    ("design_effect", "hệ số thiết kế"),
    ("weekly_volume", "số người đủ tiêu chuẩn mỗi tuần"),
    ("start_date", "ngày bắt đầu lấy mẫu"),
    ("year", "năm giám sát"),
    ("mean_per_site", "số người trung bình mỗi điểm"),
    ("version", "văn bản áp dụng"),
    ("name", "tên"),
    ("estimate", "ước lượng số đối tượng"),
    ("kind", "loại đơn vị"),
];

/// The Vietnamese label of a field (its JSON name when unknown).
pub fn field_label(field: &str) -> &str {
    FIELD_LABELS
        .iter()
        .find(|(k, _)| *k == field)
        .map(|&(_, l)| l)
        .unwrap_or(field)
}

fn bad_field(path: String, place: Option<String>, field: &str, problem: String) -> CalcError {
    CalcError::BadField {
        path,
        place,
        label: field_label(field).into(),
        problem,
    }
}

fn check_name(name: &str, path: &str, place: impl FnOnce() -> String) -> Result<(), CalcError> {
    let n = name_chars(name);
    if n == 0 || n > MAX_NAME {
        let problem = if n == 0 {
            cat(&[
                "cần từ 1 đến ",
                &num(MAX_NAME as u64),
                " ký tự, đang để trống",
            ])
        } else {
            cat(&[
                "cần từ 1 đến ",
                &num(MAX_NAME as u64),
                " ký tự, đang có ",
                &num(n as u64),
                " ký tự",
            ])
        };
        return Err(bad_field(
            cat(&[path, ".name"]),
            Some(place()),
            "name",
            problem,
        ));
    }
    Ok(())
}

fn check_estimate(e: u64, path: &str, place: impl FnOnce() -> String) -> Result<(), CalcError> {
    if e > MAX_ESTIMATE {
        return Err(bad_field(
            cat(&[path, ".estimate"]),
            Some(place()),
            "estimate",
            cat(&["cần một số nguyên từ 0 đến 1 000 000 000, nhận ", &num(e)]),
        ));
    }
    Ok(())
}

/// Names, estimates, duplicates (names compared by [`name_key`]) of a list of sites.
fn check_sites(
    sites: &[SiteInput],
    path: &str,
    district: Option<(&str, usize)>,
) -> Result<(), CalcError> {
    for (j, s) in sites.iter().enumerate() {
        let sp = cat(&[path, "[", &num(j as u64), "]"]);
        let place = || site_place(&s.name, j, district);
        check_name(&s.name, &sp, place)?;
        check_estimate(s.estimate, &sp, place)?;
    }
    let keys: Vec<String> = sites.iter().map(|s| name_key(&s.name)).collect();
    if let Some((first, j)) = first_duplicate(&keys) {
        return Err(CalcError::DuplicateSite {
            district: district.map(|(d, _)| clean_name(d)),
            name: clean_name(&sites[j].name),
            path: cat(&[path, "[", &num(j as u64), "].name"]),
            first_path: cat(&[path, "[", &num(first as u64), "].name"]),
        });
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
    let keys: Vec<String> = input.districts.iter().map(|d| name_key(&d.name)).collect();
    let duplicate = first_duplicate(&keys);
    for (i, d) in input.districts.iter().enumerate() {
        let path = cat(&["districts[", &num(i as u64), "]"]);
        let place = || district_place(&d.name, i);
        check_name(&d.name, &path, place)?;
        check_estimate(d.estimate, &path, place)?;
        if d.sites.len() > MAX_ITEMS {
            return Err(CalcError::TooMany {
                field: "districts[].sites",
                max: MAX_ITEMS,
            });
        }
        if d.mean_per_site == Some(0) {
            return Err(bad_field(
                cat(&[&path, ".mean_per_site"]),
                Some(place()),
                "mean_per_site",
                "cần một số nguyên dương, nhận 0".into(),
            ));
        }
        if let Some((first, dup)) = duplicate
            && dup == i
        {
            return Err(CalcError::DuplicateDistrict {
                name: clean_name(&d.name),
                path: cat(&[&path, ".name"]),
                first_path: cat(&["districts[", &num(first as u64), "].name"]),
            });
        }
        check_sites(&d.sites, &cat(&[&path, ".sites"]), Some((&d.name, i)))?;
    }
    check_sites(&input.sites, "sites", None)?;
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
    Ok(())
}

/// Seed derived from the input when none is given: SplitMix64 mix of FNV-1a over the group id
/// and every district's name ([`clean_name`]: NFC, trimmed) and estimate (decimal), separated
/// by `\n`.
pub fn derived_seed(input: &PlanInput) -> u64 {
    let mut s = String::new();
    s.push_str(input.group.map(|g| g.as_str()).unwrap_or(""));
    for d in &input.districts {
        s.push('\n');
        s.push_str(&clean_name(&d.name));
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
    let refs: Vec<(&SiteInput, Option<&str>)> = sites.iter().map(|s| (s, None)).collect();
    order_refs(&refs, stream_seed, needed, shuffle)
}

/// Order sites (each with its district, for a province-wide order).
fn order_refs(
    sites: &[(&SiteInput, Option<&str>)],
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
            let (s, district) = sites[i];
            cumulative = cumulative.saturating_add(s.estimate);
            OrderedSite {
                order: pos as u32 + 1,
                name: clean_name(&s.name),
                district: district.map(String::from),
                estimate: s.estimate,
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

/// What the district branch of a plan computes.
struct DistrictResult {
    districts: Vec<DistrictPlan>,
    basis: AllocationBasis,
    wards: Option<WardPlan>,
    sites: Vec<OrderedSite>,
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
            group_name: g.name,
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
            // The replacing instrument by its name, never its id.
            cat(&[
                "Kết quả tính theo ",
                version.name,
                ", văn bản đã được thay thế bởi ",
                rules::version(next).map_or(next, |v| v.name),
                ". Đối chiếu với quy định hiện hành trước khi dùng.",
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

    let mut result = DistrictResult {
        districts: Vec::new(),
        basis: AllocationBasis::None,
        wards: None,
        sites: Vec::new(),
    };
    if uses_districts(method, input) {
        result = districts_plan(g, input, seed, seed_derived, &mut steps, &mut warnings)?;
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
        result.sites = order_sites(&input.sites, rng::seed_for(seed, ""), None, shuffle);
    }
    forbidden_place_warnings(version, input, &mut warnings);

    let specimens = specimen_plan(version, g, n, input.sti_surveillance);
    let precision = input
        .expected_prevalence
        .map(|p| precision(p, input.design_effect.unwrap_or(1.0), n));
    let consecutive = if is_consecutive(method) {
        outlook(g, input, &result.districts, &mut warnings)
    } else {
        None
    };
    let (principles, conditions, reporting) = plan_notes(version, g, input.sti_surveillance);
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
        max_districts: g.max_districts.map(|c| c.value),
        area_kinds: g.area_kinds,
        allocation_basis: result.basis,
        districts: result.districts,
        wards: result.wards,
        sites: result.sites,
        steps,
        specimens,
        precision,
        consecutive,
        warnings,
        principles,
        conditions,
        reporting,
    })
}

type Notes = (Vec<Principle>, Vec<Cited<&'static str>>, Vec<ResultStep>);

/// What a plan is shown with: the principles of Điều 13 a planner acts on, the group's own
/// conditions, the result forms and reports. Natively (`sotay calc`, the generator, tests).
/// The allocation page writes them into the page at build time from the same data
/// (`view::alloc_view::plan_notes_html`), so the browser module leaves them out (its size
/// budget) and returns empty lists.
#[cfg(feature = "native")]
fn plan_notes(version: &RulesVersion, g: &GroupRule, sti: bool) -> Notes {
    let principles = version
        .principles()
        .map(|p| p.iter().filter(|p| p.planning).copied().collect())
        .unwrap_or_default();
    (
        principles,
        g.conditions.to_vec(),
        reporting(version, g.id, sti),
    )
}

#[cfg(not(feature = "native"))]
fn plan_notes(_: &RulesVersion, _: &GroupRule, _: bool) -> Notes {
    (Vec::new(), Vec::new(), Vec::new())
}

/// The kind of each district: as marked, else read from its name.
fn area_kinds(input: &PlanInput) -> Vec<Option<AreaKind>> {
    input
        .districts
        .iter()
        .map(|d| {
            d.kind
                .or_else(|| AreaKind::from_name_key(&name_key(&d.name)))
        })
        .collect()
}

/// Districts: kinds (Điều 16 khoản 5 điểm a), selection (Điều 16), then the group's method.
fn districts_plan(
    g: &GroupRule,
    input: &PlanInput,
    seed: u64,
    seed_derived: bool,
    steps: &mut Vec<Step>,
    warnings: &mut Vec<Warning>,
) -> Result<DistrictResult, CalcError> {
    let method = g.method.value;
    let n = input.sample_size;
    if input.districts.is_empty() {
        return Err(CalcError::NoDistricts {
            article: g
                .max_districts
                .map(|c| c.article)
                .unwrap_or(g.site_kind.article),
        });
    }
    let names: Vec<String> = input
        .districts
        .iter()
        .map(|d| clean_name(&d.name))
        .collect();
    let kinds = area_kinds(input);
    if let Some(allowed) = g.area_kinds {
        for (i, k) in kinds.iter().enumerate() {
            if !k.is_some_and(|k| allowed.value.contains(&k)) {
                return Err(CalcError::AreaKindNotAllowed {
                    district: names[i].clone(),
                    path: cat(&["districts[", &num(i as u64), "]"]),
                    kind: *k,
                    allowed: allowed.value,
                    article: allowed.article,
                });
            }
        }
        let listed: Vec<String> = names
            .iter()
            .zip(&kinds)
            .map(|(n, k)| cat(&[n, " (", k.map(|k| k.name_vi()).unwrap_or(""), ")"]))
            .collect();
        let allowed_names: Vec<&str> = allowed.value.iter().map(|k| k.name_vi()).collect();
        steps.push(step(
            Some(allowed.article),
            cat(&[
                "Chỉ chọn ",
                &allowed_names.join(", "),
                ": đã kiểm tra loại đơn vị của ",
                &listed.join(", "),
                ".",
            ]),
        ));
    }
    // Selection (Điều 16).
    let count = input.districts.len();
    let limit = g
        .max_districts
        .map(|m| m.value as usize)
        .unwrap_or(usize::MAX);
    let mut order: Vec<usize> = (0..count).collect();
    if let DistrictChoice::Largest { .. } = g.district_choice {
        // Rank by estimate desc, input order asc.
        order.sort_by(|&a, &b| {
            input.districts[b]
                .estimate
                .cmp(&input.districts[a].estimate)
                .then(a.cmp(&b))
        });
    } else if count > limit
        && let Some(m) = g.max_districts
    {
        return Err(CalcError::TooManyDistricts {
            max: m.value,
            given: count,
            article: m.article,
        });
    }
    let mut rank = vec![0u32; count];
    let mut selected = vec![false; count];
    for (r, &i) in order.iter().enumerate() {
        rank[i] = r as u32 + 1;
        selected[i] = r < limit;
    }
    if let Some(m) = g.max_districts {
        selection_steps(g, m, input, &names, &order, &selected, steps, warnings);
    }
    if method == Method::RandomWards {
        return Ok(recruits_wards(
            g,
            input,
            seed,
            seed_derived,
            &names,
            &kinds,
            &rank,
            steps,
            warnings,
        ));
    }
    // Allocation in proportion to the estimates: the rule of Điều 18 khoản 1, 2, 6 điểm b;
    // only guidance for district hospitals (consecutive sampling, khoản 4 điểm b).
    let guidance = method == Method::ConsecutiveDistrictHospitals;
    let sel_idx: Vec<usize> = (0..count).filter(|&i| selected[i]).collect();
    let weights: Vec<u64> = sel_idx
        .iter()
        .map(|&i| input.districts[i].estimate)
        .collect();
    let total: u128 = weights.iter().map(|&w| w as u128).sum();
    if total == 0 && !guidance {
        return Err(CalcError::ZeroEstimates {
            article: g.method.article,
        });
    }
    let alloc = largest_remainder(n, &weights);
    let basis = if guidance {
        AllocationBasis::Guidance {
            note: cat(&[
                "Số mẫu từng bệnh viện huyện chỉ để tham khảo khi lập kế hoạch: ",
                g.method.article,
                " lấy mẫu liên tiếp tại các bệnh viện được chọn đến khi đủ cỡ mẫu hoặc hết thời gian giám sát, không chia cỡ mẫu cho từng bệnh viện.",
            ]),
        }
    } else {
        AllocationBasis::Regulation {
            article: g.method.article,
        }
    };
    if total > 0 {
        let floors_sum: u64 = weights
            .iter()
            .map(|&w| (n as u128 * w as u128 / total) as u64)
            .sum();
        let rule = cat(&[
            "tổng ước lượng = ",
            &num(total as u64),
            ". Mỗi huyện nhận phần nguyên của ",
            &num(n as u64),
            " × ước lượng ÷ ",
            &num(total as u64),
            "; ",
            &num(n as u64 - floors_sum),
            " mẫu còn lại chia cho các huyện có phần lẻ lớn nhất (bằng nhau: ước lượng lớn hơn, rồi huyện nhập trước).",
        ]);
        if guidance {
            steps.push(step(
                None,
                cat(&[
                    "Tham khảo, không phải quy định của Thông tư (",
                    g.method.article,
                    " là lấy mẫu liên tiếp đến khi đủ cỡ mẫu): chia cỡ mẫu theo tỷ lệ ước lượng để dự kiến số mẫu mỗi bệnh viện; ",
                    &rule,
                ]),
            ));
        } else {
            steps.push(step(
                Some(g.method.article),
                cat(&[
                    "Phân bổ cỡ mẫu cho các huyện được chọn theo tỷ lệ thuận với ước lượng (",
                    g.method.article,
                    "); ",
                    &rule,
                ]),
            ));
        }
        for (k, &i) in sel_idx.iter().enumerate() {
            let w = weights[k] as u128;
            let exact = n as u128 * w;
            let fl = exact / total;
            steps.push(step(
                None,
                cat(&[
                    &names[i],
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
                    " mẫu",
                    if guidance { " (tham khảo)." } else { "." },
                ]),
            ));
        }
    } else {
        steps.push(step(
            None,
            "Chưa có ước lượng số dân của các huyện: không có số mẫu tham khảo cho từng bệnh viện."
                .into(),
        ));
    }
    let mut alloc_of = vec![0u32; count];
    for (k, &i) in sel_idx.iter().enumerate() {
        alloc_of[i] = alloc[k];
    }
    let mut districts_out = Vec::new();
    for (i, d) in input.districts.iter().enumerate() {
        let a = alloc_of[i];
        let name = &names[i];
        let mut plan = DistrictPlan {
            name: name.clone(),
            estimate: d.estimate,
            kind: kinds[i],
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
        if a == 0 && total > 0 {
            warnings.push(warn(
                "zero_allocation",
                Some(name),
                cat(&[
                    "“",
                    name,
                    "” được chọn nhưng không được phân bổ mẫu nào (ước lượng quá nhỏ).",
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
                        name,
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
                        Some(name),
                        cat(&[
                            "“",
                            name,
                            "” cần ",
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
                Some(name),
                cat(&[
                    "“",
                    name,
                    "”: chưa có danh sách địa điểm có ước lượng hoặc số trung bình mỗi địa điểm, nên chưa tính được số địa điểm cần giám sát.",
                ]),
            )),
            None => {}
        }
        if !d.sites.is_empty() {
            let refs: Vec<&SiteInput> = d.sites.iter().collect();
            site_list_warnings(&refs, listed_sum, a, Some(name), warnings);
        }
        plan.sites = order_sites(&d.sites, rng::seed_for(seed, name), plan.sites_needed, true);
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
    Ok(DistrictResult {
        districts: districts_out,
        basis,
        wards: None,
        sites: Vec::new(),
    })
}

/// The steps (and the tie warning) of the selection of Điều 16.
#[allow(clippy::too_many_arguments)]
fn selection_steps(
    g: &GroupRule,
    m: Cited<u8>,
    input: &PlanInput,
    names: &[String],
    order: &[usize],
    selected: &[bool],
    steps: &mut Vec<Step>,
    warnings: &mut Vec<Warning>,
) {
    let limit = m.value as usize;
    let count = names.len();
    let mut t = match g.district_choice {
        DistrictChoice::Largest { of } => cat(&[
            "Chọn tối đa ",
            &num(m.value as u64),
            " huyện có ",
            of,
            " nhiều nhất (",
            m.article,
            "): xếp theo ước lượng đã nhập. ",
        ]),
        DistrictChoice::Unspecified => {
            let what = g
                .area_kinds
                .map(|k| {
                    k.value
                        .iter()
                        .map(|k| k.name_vi())
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_else(|| "huyện".into());
            cat(&[
                "Chọn tối đa ",
                &num(m.value as u64),
                " ",
                &what,
                " (",
                m.article,
                "); Thông tư không nêu tiêu chí chọn: máy tính dùng các đơn vị đã nhập. ",
            ])
        }
    };
    if count > limit {
        t.push_str("Đã nhập ");
        push_u64(&mut t, count as u64);
        t.push_str(" huyện; chọn: ");
    } else {
        t.push_str("Các huyện được chọn: ");
    }
    let chosen: Vec<&str> = order
        .iter()
        .filter(|&&i| selected[i])
        .map(|&i| names[i].as_str())
        .collect();
    t.push_str(&chosen.join(", "));
    t.push('.');
    let left_out: Vec<&str> = order
        .iter()
        .filter(|&&i| !selected[i])
        .map(|&i| names[i].as_str())
        .collect();
    if !left_out.is_empty() {
        t.push_str(" Không chọn: ");
        t.push_str(&left_out.join(", "));
        t.push('.');
    }
    steps.push(step(Some(m.article), t));
    if count > limit {
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
                    " ở ranh giới chọn ",
                    &num(limit as u64),
                    " huyện; máy tính ưu tiên huyện nhập trước. Nên xác minh lại ước lượng.",
                ]),
            ));
        }
    }
}

/// Warnings about a list of sites against what it must reach.
fn site_list_warnings(
    sites: &[&SiteInput],
    listed_sum: u128,
    target: u32,
    district: Option<&str>,
    warnings: &mut Vec<Warning>,
) {
    let of = match district {
        Some(d) => cat(&["ở “", d, "”"]),
        None => "của các huyện được chọn".into(),
    };
    if listed_sum < target as u128 {
        warnings.push(warn(
            "sites_below_allocation",
            district,
            cat(&[
                "Các địa điểm liệt kê ",
                &of,
                " chỉ có tổng ước lượng ",
                &num(listed_sum as u64),
                ", ít hơn số mẫu cần lấy (",
                &num(target as u64),
                "): cần bổ sung địa điểm hoặc xem lại ước lượng.",
            ]),
        ));
    }
    if sites.len() >= 2
        && let Some(big) = sites.iter().max_by_key(|s| s.estimate)
        && listed_sum > 0
        && big.estimate as u128 * 2 > listed_sum
    {
        warnings.push(warn(
            "site_dominates",
            district,
            // Compared with the sum of the listed sites (not the area's estimate).
            cat(&[
                "Địa điểm “",
                &clean_name(&big.name),
                "” chiếm hơn một nửa tổng ước lượng của các địa điểm đã liệt kê ",
                &of,
                " (",
                &num(big.estimate),
                " trên ",
                &num(listed_sum as u64),
                "): mẫu có thể phụ thuộc nhiều vào một địa điểm.",
            ]),
        ));
    }
    if sites.iter().any(|s| s.estimate == 0) {
        warnings.push(warn(
            "site_zero_estimate",
            district,
            cat(&[
                "Có địa điểm ",
                &of,
                " ước lượng bằng 0 (vẫn được xếp thứ tự).",
            ]),
        ));
    }
}

/// Recruits (Điều 18 khoản 5 điểm b): wards for the whole province = ⌈prescribed sample ÷
/// mean per ward⌉; one random order over the wards of the chosen districts.
#[allow(clippy::too_many_arguments)]
fn recruits_wards(
    g: &GroupRule,
    input: &PlanInput,
    seed: u64,
    seed_derived: bool,
    names: &[String],
    kinds: &[Option<AreaKind>],
    rank: &[u32],
    steps: &mut Vec<Step>,
    warnings: &mut Vec<Warning>,
) -> DistrictResult {
    let n = input.sample_size;
    let ward = g.site_kind.value.name_vi();
    let pool: Vec<(&SiteInput, Option<&str>)> = input
        .districts
        .iter()
        .zip(names)
        .flat_map(|(d, name)| d.sites.iter().map(move |s| (s, Some(name.as_str()))))
        .collect();
    let listed_n = pool.len() as u128;
    let listed_sum: u128 = pool.iter().map(|(s, _)| s.estimate as u128).sum();
    if input.districts.iter().any(|d| d.mean_per_site.is_some()) {
        warnings.push(warn(
            "district_mean_ignored",
            None,
            cat(&[
                "Số trung bình mỗi điểm nhập riêng cho từng huyện không được dùng: ",
                g.method.article,
                " dùng một số trung bình cho cả tỉnh (trường \"mean_per_site\" của kế hoạch, hoặc trung bình của các điểm đã liệt kê).",
            ]),
        ));
    }
    let (mean, given): (Option<(u128, u128)>, bool) = match input.mean_per_site {
        Some(m) => (Some((m as u128, 1)), true),
        None if listed_n > 0 && listed_sum > 0 => (Some((listed_sum, listed_n)), false),
        None => (None, false),
    };
    let needed = mean.map(|(mn, md)| (n as u128 * md).div_ceil(mn) as u32);
    match (mean, needed) {
        (Some((mn, md)), Some(k)) => {
            let source = if given {
                " (số nhập)".to_string()
            } else {
                cat(&[
                    " (trung bình của ",
                    &num(listed_n as u64),
                    " ",
                    ward,
                    " đã liệt kê)",
                ])
            };
            steps.push(step(
                Some(g.method.article),
                cat(&[
                    "Số ",
                    ward,
                    " cần giám sát cho cả tỉnh = cỡ mẫu quy định ÷ số thanh niên trung bình mỗi điểm = ⌈",
                    &num(n as u64),
                    " ÷ ",
                    &if md == 1 { num(mn as u64) } else { dec2(mn, md) },
                    &source,
                    "⌉ = ",
                    &num(k as u64),
                    ". Đây là kết quả theo Thông tư; không chia cỡ mẫu cho từng huyện.",
                ]),
            ));
        }
        _ => warnings.push(warn(
            "no_sites",
            None,
            cat(&[
                "Chưa có số thanh niên trung bình mỗi điểm (trường số trung bình) hoặc danh sách ",
                ward,
                " có ước lượng, nên chưa tính được số điểm cần giám sát (",
                g.method.article,
                ").",
            ]),
        )),
    }
    let order = order_refs(&pool, rng::seed_for(seed, ""), needed, true);
    if let Some(k) = needed {
        if pool.is_empty() {
            warnings.push(warn(
                "no_ward_list",
                None,
                cat(&[
                    "Chưa liệt kê các ",
                    ward,
                    " của các huyện được chọn: nhập danh sách để máy tính chọn ngẫu nhiên ",
                    &num(k as u64),
                    " điểm.",
                ]),
            ));
        } else {
            let draw = if pool.len() as u64 > k as u64 {
                cat(&[
                    "Chọn ngẫu nhiên ",
                    &num(k as u64),
                    " trong ",
                    &num(listed_n as u64),
                    " ",
                    ward,
                    " đã liệt kê của các huyện được chọn: ",
                    &num(k as u64),
                    " điểm đầu của thứ tự ngẫu nhiên là điểm chính, còn lại dự phòng",
                ])
            } else {
                cat(&[
                    "Mới liệt kê ",
                    &num(listed_n as u64),
                    " ",
                    ward,
                    ", không nhiều hơn ",
                    &num(k as u64),
                    " điểm cần chọn: tất cả là điểm chính",
                ])
            };
            steps.push(step(
                Some(g.method.article),
                cat(&[
                    &draw,
                    " (một thứ tự cho cả tỉnh: SplitMix64 + Fisher–Yates, hạt giống ",
                    &num(seed),
                    if seed_derived {
                        " tính từ dữ liệu nhập"
                    } else {
                        ""
                    },
                    "). Tại mỗi điểm được chọn, chọn tất cả thanh niên khám sơ tuyển đến khi đủ ",
                    &num(n as u64),
                    " mẫu.",
                ]),
            ));
            if pool.len() < k as usize {
                warnings.push(warn(
                    "too_few_sites",
                    None,
                    cat(&[
                        "Cần ",
                        &num(k as u64),
                        " ",
                        ward,
                        " nhưng chỉ liệt kê ",
                        &num(pool.len() as u64),
                        ".",
                    ]),
                ));
            }
        }
    }
    if !pool.is_empty() {
        let refs: Vec<&SiteInput> = pool.iter().map(|(s, _)| *s).collect();
        site_list_warnings(&refs, listed_sum, n, None, warnings);
    }
    // Per district: guidance only (what the draw gives there).
    let mut districts_out = Vec::new();
    let mut guide = Vec::new();
    for (i, d) in input.districts.iter().enumerate() {
        let mine = order
            .iter()
            .filter(|s| s.role == Role::Primary && s.district.as_deref() == Some(&names[i]));
        let (count, expected) = mine.fold((0u32, 0u64), |(c, e), s| (c + 1, e + s.estimate));
        let drawn = needed.is_some() && !pool.is_empty();
        if drawn {
            guide.push(cat(&[
                &names[i],
                ": ",
                &num(count as u64),
                " điểm chính, dự kiến khoảng ",
                &num(expected),
                " thanh niên",
            ]));
        }
        districts_out.push(DistrictPlan {
            name: names[i].clone(),
            estimate: d.estimate,
            kind: kinds[i],
            rank: rank[i],
            selected: true,
            allocated: expected.min(u32::MAX as u64) as u32,
            sites_needed: drawn.then_some(count),
            mean_per_site: None,
            sites: Vec::new(),
        });
    }
    if !guide.is_empty() {
        steps.push(step(
            None,
            cat(&[
                "Tham khảo, không phải quy định của Thông tư: các điểm chính rơi vào từng huyện và số thanh niên dự kiến theo ước lượng của các điểm đó — ",
                &guide.join("; "),
                ".",
            ]),
        ));
    }
    DistrictResult {
        districts: districts_out,
        basis: AllocationBasis::Guidance {
            note: cat(&[
                g.method.article,
                " tính số ",
                ward,
                " cho cả tỉnh và chọn ngẫu nhiên các điểm, không chia cỡ mẫu cho từng huyện: số mẫu mỗi huyện ở đây là số thanh niên dự kiến của các điểm chính rơi vào huyện đó (tham khảo).",
            ]),
        },
        wards: Some(WardPlan {
            article: g.method.article,
            mean: mean.map(|(mn, md)| mn as f64 / md as f64),
            mean_given: given,
            wards_needed: needed,
            wards_listed: pool.len() as u32,
        }),
        sites: order,
    }
}

/// Warn about sites named like a place of Điều 13 khoản 6.
fn forbidden_place_warnings(
    version: &RulesVersion,
    input: &PlanInput,
    warnings: &mut Vec<Warning>,
) {
    let Some(words) = version.forbidden_place_words else {
        return;
    };
    let principle = version
        .principles
        .unwrap_or(&[])
        .iter()
        .find(|p| p.article == words.article)
        .map(|p| p.text)
        .unwrap_or("");
    let mut check = |s: &SiteInput, district: Option<&str>| {
        let key = name_key(&s.name);
        if let Some(w) = words.value.iter().find(|w| key.contains(*w)) {
            warnings.push(warn(
                "forbidden_place",
                district,
                cat(&[
                    "Điểm “",
                    &clean_name(&s.name),
                    "” có tên chứa “",
                    w,
                    "”. ",
                    words.article,
                    ": ",
                    principle,
                    " Kiểm tra lại trước khi đưa vào kế hoạch.",
                ]),
            ));
        }
    };
    for d in &input.districts {
        let name = clean_name(&d.name);
        for s in &d.sites {
            check(s, Some(&name));
        }
    }
    for s in &input.sites {
        check(s, None);
    }
}

/// Result forms of the province's kind (Điều 19 khoản 5 / Điều 20 khoản 4) and the reports of
/// Điều 26 that follow, for the group.
pub fn reporting(version: &RulesVersion, group: GroupId, sti: bool) -> Vec<ResultStep> {
    let mut out = Vec::new();
    for rf in version.result_forms().unwrap_or(&[]) {
        if rf.sti_surveillance != sti {
            continue;
        }
        let mut reports = Vec::new();
        for r in rf.reports {
            if let (true, Some(o)) = (r.groups.includes(group), version.obligation(r.obligation))
                && let Schedule::Yearly(p) = o.schedule
            {
                let receivers: Vec<&str> = o.receivers.iter().map(|u| u.name).collect();
                reports.push(ReportDue {
                    article: o.article,
                    title: o.title,
                    receivers: receivers.join("; "),
                    due: p.end,
                });
            }
        }
        out.push(ResultStep {
            article: rf.article,
            unit: rf.unit.name,
            forms: rf
                .forms
                .iter()
                .map(|&f| cat(&["Phụ lục ", &num(f as u64)]))
                .collect(),
            sent_to: rf.sent_to.map(|u| u.name),
            note: rf.note,
            reports,
        });
    }
    out
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
    let period_start = start.and_then(|s| {
        let p = g.period.value.start?;
        Date::new(s.year, p.month, p.day)
    });
    let before = matches!((start, period_start), (Some(s), Some(p)) if s < p);
    let start_after = matches!((start, period_end), (Some(s), Some(p)) if s > p);
    let after = matches!((expected_end, period_end), (Some(e), Some(p)) if e > p);
    if before && let (Some(s), Some(p)) = (start, period_start) {
        warnings.push(warn(
            "start_before_period",
            None,
            cat(&[
                "Ngày bắt đầu ",
                &s.vi(),
                " trước ngày bắt đầu giám sát ",
                &p.vi(),
                " (",
                g.period.article,
                "): mẫu lấy trước ngày đó không thuộc thời gian giám sát trọng điểm; dự kiến dưới đây tính từ ngày đã nhập.",
            ]),
        ));
    }
    if start_after && let (Some(s), Some(p)) = (start, period_end) {
        warnings.push(warn(
            "start_after_period",
            None,
            cat(&[
                "Ngày bắt đầu ",
                &s.vi(),
                " nằm ngoài thời gian giám sát (",
                g.period.article,
                ": kết thúc ngày ",
                &p.vi(),
                "): chọn một ngày bắt đầu trong thời gian giám sát.",
            ]),
        ));
    } else if after && let (Some(e), Some(p)) = (expected_end, period_end) {
        let advice = match (start, period_start) {
            (Some(s), Some(ps)) if s > ps => cat(&[
                "cần thêm địa điểm hoặc bắt đầu sớm hơn (không trước ngày ",
                &ps.vi(),
                ")",
            ]),
            _ => "cần thêm địa điểm hoặc tăng số người đủ tiêu chuẩn mỗi tuần".into(),
        };
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
                "): ",
                &advice,
                ".",
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
        period_start,
        start_before_period: before,
        start_after_period: start_after,
    })
}
