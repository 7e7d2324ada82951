//! The regulation's numbers and lists, once, typed, each with its article.
//!
//! A [`RulesVersion`] holds everything the calculator reads from one circular. Versions sit
//! side by side in [`VERSIONS`] (a successor, e.g. Circular 07/2023/TT-BYT, is added as another
//! module of data). A rule a version does not define is `None`; asking for it gives
//! [`MissingRule`], which names the article that would hold it.
use serde::Serialize;

pub mod tt07_2023;
pub mod tt09_2012;

/// A value of the regulation with the article it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Cited<T> {
    /// The value.
    pub value: T,
    /// Where it is written, e.g. "Điều 18 khoản 1 điểm a".
    pub article: &'static str,
}

/// Surveillance group id (Điều 14 khoản 1), as used in the calculator's input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupId {
    /// Nam nghiện chích ma túy.
    Idu,
    /// Phụ nữ bán dâm.
    Fsw,
    /// Nam mắc các nhiễm trùng lây truyền qua đường tình dục.
    StiMen,
    /// Phụ nữ mang thai cư trú ở thành thị.
    PregnantUrban,
    /// Phụ nữ mang thai cư trú ở nông thôn.
    PregnantRural,
    /// Nam thanh niên khám sơ tuyển nghĩa vụ quân sự, thành thị.
    RecruitsUrban,
    /// Nam thanh niên khám sơ tuyển nghĩa vụ quân sự, nông thôn.
    RecruitsRural,
    /// Nam có quan hệ tình dục đồng giới.
    Msm,
    /// Nhóm khác.
    Other,
}

impl GroupId {
    /// Every group, in the order of Điều 14 khoản 1.
    pub const ALL: [GroupId; 9] = [
        GroupId::Idu,
        GroupId::Fsw,
        GroupId::StiMen,
        GroupId::PregnantUrban,
        GroupId::PregnantRural,
        GroupId::RecruitsUrban,
        GroupId::RecruitsRural,
        GroupId::Msm,
        GroupId::Other,
    ];

    /// The id as written in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            GroupId::Idu => "idu",
            GroupId::Fsw => "fsw",
            GroupId::StiMen => "sti_men",
            GroupId::PregnantUrban => "pregnant_urban",
            GroupId::PregnantRural => "pregnant_rural",
            GroupId::RecruitsUrban => "recruits_urban",
            GroupId::RecruitsRural => "recruits_rural",
            GroupId::Msm => "msm",
            GroupId::Other => "other",
        }
    }
}

/// Sample size allowed for a group (inclusive). A fixed size has `min == max`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SampleRange {
    /// Smallest sample size.
    pub min: u32,
    /// Largest sample size.
    pub max: u32,
}

/// How the sites of a group are chosen (Điều 16) and sampled (Điều 18 điểm b).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Up to N districts with the largest estimates; sample allocated to districts in
    /// proportion to their estimates; sites (communes or hotspots) chosen at random until
    /// the district's allocation is reached (idu, fsw, msm).
    DistrictProportional,
    /// Consecutive sampling at every STI clinic of the province (sti_men).
    ConsecutiveAllClinics,
    /// Consecutive sampling at the provincial hospital / reproductive-health centre.
    ConsecutiveProvincialHospital,
    /// Consecutive sampling at up to N district hospitals of the most populous districts.
    ConsecutiveDistrictHospitals,
    /// Up to N districts; the number of wards (communes) for the whole province = the
    /// prescribed sample ÷ the mean per ward; wards drawn at random from those of the chosen
    /// districts until there are enough (recruits, Điều 18 khoản 5 điểm b). No split of the
    /// sample across districts.
    RandomWards,
    /// Any method of Điều 18 điểm b (khoản 1–6), chosen locally (nhóm khác).
    LocalChoice,
}

/// Kind of place visited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SiteKind {
    /// Xã, phường, thị trấn.
    Commune,
    /// Tụ điểm.
    Hotspot,
    /// Cơ sở khám, chữa bệnh các nhiễm trùng lây truyền qua đường tình dục.
    StiClinic,
    /// Bệnh viện / trung tâm chăm sóc sức khỏe sinh sản tỉnh.
    ProvincialHospital,
    /// Bệnh viện huyện.
    DistrictHospital,
    /// Phường, thị trấn có khám sơ tuyển nghĩa vụ quân sự (thành thị, Điều 18 khoản 5 điểm b).
    Ward,
    /// Xã có khám sơ tuyển nghĩa vụ quân sự (nông thôn, Điều 18 khoản 5 điểm b).
    RuralCommune,
    /// Nơi đối tượng đang cư trú.
    Residence,
}

impl SiteKind {
    /// Identifier in JSON (the serde name: `district_hospital`), written without serde by the
    /// browser's export ([`crate::view::export::plan_json`]).
    pub fn as_str(self) -> &'static str {
        match self {
            SiteKind::Commune => "commune",
            SiteKind::Hotspot => "hotspot",
            SiteKind::StiClinic => "sti_clinic",
            SiteKind::ProvincialHospital => "provincial_hospital",
            SiteKind::DistrictHospital => "district_hospital",
            SiteKind::Ward => "ward",
            SiteKind::RuralCommune => "rural_commune",
            SiteKind::Residence => "residence",
        }
    }

    /// Vietnamese name of the kind of site.
    pub fn name_vi(self) -> &'static str {
        match self {
            SiteKind::Commune => "xã, phường, thị trấn",
            SiteKind::Hotspot => "tụ điểm",
            SiteKind::StiClinic => "cơ sở khám, điều trị nhiễm trùng lây truyền qua đường tình dục",
            SiteKind::ProvincialHospital => {
                "bệnh viện đa khoa, bệnh viện phụ sản hoặc trung tâm chăm sóc sức khỏe sinh sản tỉnh"
            }
            SiteKind::DistrictHospital => "bệnh viện huyện",
            SiteKind::Ward => "phường, thị trấn có khám sơ tuyển nghĩa vụ quân sự",
            SiteKind::RuralCommune => "xã có khám sơ tuyển nghĩa vụ quân sự",
            SiteKind::Residence => "nơi đối tượng đang cư trú",
        }
    }
}

/// Diseases tested.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Disease {
    /// HIV.
    Hiv,
    /// Giang mai.
    Syphilis,
    /// Lậu.
    Gonorrhoea,
    /// Chlamydia.
    Chlamydia,
    /// Trùng roi âm đạo.
    Trichomonas,
}

impl Disease {
    /// Vietnamese name.
    pub fn name_vi(self) -> &'static str {
        match self {
            Disease::Hiv => "HIV",
            Disease::Syphilis => "giang mai",
            Disease::Gonorrhoea => "lậu",
            Disease::Chlamydia => "Chlamydia",
            Disease::Trichomonas => "trùng roi âm đạo",
        }
    }
}

/// Specimens collected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Specimen {
    /// Mẫu máu.
    Blood,
    /// Dịch tiết cổ tử cung.
    CervicalSwab,
    /// Dịch tiết âm đạo.
    VaginalSwab,
    /// Dịch tiết niệu đạo.
    UrethralSwab,
}

impl Specimen {
    /// Vietnamese name.
    pub fn name_vi(self) -> &'static str {
        match self {
            Specimen::Blood => "mẫu máu",
            Specimen::CervicalSwab => "dịch tiết cổ tử cung",
            Specimen::VaginalSwab => "dịch tiết âm đạo",
            Specimen::UrethralSwab => "dịch tiết niệu đạo",
        }
    }
}

/// Specimens of a group: always collected, and only where the province also runs STI
/// sentinel surveillance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Specimens {
    /// Collected in every province.
    pub always: &'static [Specimen],
    /// Collected only by provinces that also run STI sentinel surveillance.
    pub with_sti_surveillance: &'static [Specimen],
}

/// How the districts (or district hospitals) of a group are chosen, up to `max_districts`
/// (Điều 16).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DistrictChoice {
    /// Those with the most `of` (e.g. "số người nghiện chích ma túy trong cộng đồng"): the
    /// calculator ranks the listed districts by their estimate.
    Largest {
        /// What is largest, as the article says it.
        of: &'static str,
    },
    /// The article gives no criterion: the planner lists the districts chosen, at most
    /// `max_districts`, and the calculator takes them all.
    Unspecified,
}

/// Kind of district-level unit (Điều 16 khoản 1: "quận, huyện, thị xã, thành phố thuộc tỉnh
/// (sau đây gọi tắt là huyện)").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AreaKind {
    /// Quận.
    Quan,
    /// Huyện.
    Huyen,
    /// Thị xã.
    ThiXa,
    /// Thành phố thuộc tỉnh.
    ThanhPho,
}

impl AreaKind {
    /// Every kind.
    pub const ALL: [AreaKind; 4] = [
        AreaKind::Quan,
        AreaKind::Huyen,
        AreaKind::ThiXa,
        AreaKind::ThanhPho,
    ];

    /// The id as written in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            AreaKind::Quan => "quan",
            AreaKind::Huyen => "huyen",
            AreaKind::ThiXa => "thi_xa",
            AreaKind::ThanhPho => "thanh_pho",
        }
    }

    /// Vietnamese name.
    pub fn name_vi(self) -> &'static str {
        match self {
            AreaKind::Quan => "quận",
            AreaKind::Huyen => "huyện",
            AreaKind::ThiXa => "thị xã",
            AreaKind::ThanhPho => "thành phố thuộc tỉnh",
        }
    }

    /// How a planner marks the kind at the start of a name ("Quận Ba Đình", "TX. Sơn Tây"),
    /// lower case: each kind's words and their usual abbreviations.
    pub const PREFIXES: [(&'static str, AreaKind); 9] = [
        ("quận ", AreaKind::Quan),
        ("q.", AreaKind::Quan),
        ("huyện ", AreaKind::Huyen),
        ("h.", AreaKind::Huyen),
        ("thị xã ", AreaKind::ThiXa),
        ("tx.", AreaKind::ThiXa),
        ("tx ", AreaKind::ThiXa),
        ("thành phố ", AreaKind::ThanhPho),
        ("tp.", AreaKind::ThanhPho),
    ];

    /// The kind a name starts with, if any (`key` is the name's comparison key:
    /// [`crate::core::text::name_key`]). "TP " is accepted too.
    pub fn from_name_key(key: &str) -> Option<AreaKind> {
        if key.starts_with("tp ") {
            return Some(AreaKind::ThanhPho);
        }
        Self::PREFIXES
            .iter()
            .find(|(p, _)| key.starts_with(p) && key.len() > p.len())
            .map(|&(_, k)| k)
    }
}

/// One of the principles of sentinel surveillance (Điều 13), with whether a planner acts on it
/// when drawing up the plan (shown beside every plan).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Principle {
    /// Article, e.g. "Điều 13 khoản 5".
    pub article: &'static str,
    /// The text of the clause.
    pub text: &'static str,
    /// Whether the planner acts on it when choosing sites and people (shown with the plan).
    pub planning: bool,
}

/// Which groups a reporting obligation linked to result forms applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "groups", rename_all = "snake_case")]
pub enum GroupScope {
    /// Every group.
    All,
    /// Only these groups.
    Only(&'static [GroupId]),
    /// Every group but these.
    Except(&'static [GroupId]),
}

impl GroupScope {
    /// Whether the scope includes `g`.
    pub fn includes(self, g: GroupId) -> bool {
        match self {
            GroupScope::All => true,
            GroupScope::Only(l) => l.contains(&g),
            GroupScope::Except(l) => !l.contains(&g),
        }
    }
}

/// A report that follows the result lists (by obligation id), and the groups it concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ReportLink {
    /// Id of an [`Obligation`] of the same version.
    pub obligation: &'static str,
    /// Groups it concerns.
    pub groups: GroupScope,
}

/// Who lists the test results of sentinel surveillance on which forms, and what report follows
/// (Điều 19 khoản 5, Điều 20 khoản 4 with Điều 26).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ResultForms {
    /// Article, e.g. "Điều 19 khoản 5 điểm a".
    pub article: &'static str,
    /// `true`: provinces that also run STI sentinel surveillance (Điều 19); `false`: provinces
    /// running HIV sentinel surveillance only (Điều 20).
    pub sti_surveillance: bool,
    /// Who lists the results.
    pub unit: Unit,
    /// Annex (Phụ lục) numbers of the forms.
    pub forms: &'static [u8],
    /// Who the lists are sent to, when the article says so.
    pub sent_to: Option<Unit>,
    /// What else the article asks of the unit (Vietnamese), if anything.
    pub note: Option<&'static str>,
    /// Reports that follow (Điều 26).
    pub reports: &'static [ReportLink],
}

/// One surveillance group with every rule about it.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct GroupRule {
    /// Input id.
    pub id: GroupId,
    /// Vietnamese name.
    pub name: &'static str,
    /// Where the group is defined (Điều 14 khoản 1).
    pub article: &'static str,
    /// Sample size (Điều 18 điểm a).
    pub sample_size: Cited<SampleRange>,
    /// Sampling method (Điều 18 điểm b, with Điều 16).
    pub method: Cited<Method>,
    /// Kind of site visited (Điều 16).
    pub site_kind: Cited<SiteKind>,
    /// Maximum number of districts (or district hospitals) selected (Điều 16), if limited.
    pub max_districts: Option<Cited<u8>>,
    /// How those districts are chosen (Điều 16; its article is `max_districts`').
    pub district_choice: DistrictChoice,
    /// The kinds of district-level unit the group may be sampled in, when the article limits
    /// them (Điều 16 khoản 5 điểm a: quận, thị xã, thành phố thuộc tỉnh).
    pub area_kinds: Option<Cited<&'static [AreaKind]>>,
    /// Conditions on the group a planner must keep (e.g. Điều 14 khoản 1 điểm g: continuity
    /// across years), shown with the plan.
    pub conditions: &'static [Cited<&'static str>],
    /// Group-specific eligibility (Điều 17 khoản 2).
    pub eligibility: Cited<&'static [&'static str]>,
    /// Specimens (Điều 18 điểm c).
    pub specimens: Cited<Specimens>,
    /// STIs tested in STI sentinel surveillance, each with its article (Điều 14 khoản 2).
    pub stis: &'static [Cited<Disease>],
    /// Collection period that applies (Điều 15 khoản 1 or 2).
    pub period: Cited<Period>,
}

/// A yearly date (month, day).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MonthDay {
    /// Month 1–12.
    pub month: u8,
    /// Day of month.
    pub day: u8,
}

/// A yearly period; `start == None` means "no later than `end`" (a deadline only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    /// First day, if the rule gives one.
    pub start: Option<MonthDay>,
    /// Last day.
    pub end: MonthDay,
}

/// How serum is split (Điều 19 khoản 3 điểm b).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SerumSplit {
    /// Number of equal parts.
    pub parts: u8,
    /// Who collects and transports the blood, and splits the serum.
    pub collected_by: &'static str,
    /// Each part: the test and where it is done.
    pub uses: &'static [(Disease, &'static str)],
    /// Where swabs go and for which tests.
    pub swabs_to: &'static str,
}

/// Level of the health system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Tuyến xã.
    Xa,
    /// Tuyến huyện.
    Huyen,
    /// Tuyến tỉnh.
    Tinh,
    /// Tuyến trung ương.
    TrungUong,
}

impl Level {
    /// Id used by `--unit`.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Xa => "xa",
            Level::Huyen => "huyen",
            Level::Tinh => "tinh",
            Level::TrungUong => "trung_uong",
        }
    }
}

/// A reporting unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Unit {
    /// Short id (ASCII), for filters.
    pub id: &'static str,
    /// Vietnamese name.
    pub name: &'static str,
    /// Level.
    pub level: Level,
}

/// When an obligation is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Schedule {
    /// Every month, from `from_day` to `to_day` of that month.
    Monthly {
        /// First day.
        from_day: u8,
        /// Last day.
        to_day: u8,
    },
    /// Every month, no later than `day` of the month (about the previous month).
    MonthlyBy {
        /// Last day.
        day: u8,
    },
    /// In the listed months of every year, from `from_day` to `to_day`.
    InMonths {
        /// Months (1–12).
        months: &'static [u8],
        /// First day.
        from_day: u8,
        /// Last day.
        to_day: u8,
    },
    /// Once a year.
    Yearly(Period),
    /// No later than `day` of the month after each reporting period of `months` months
    /// (periods counted from January: 1 a month, 3 a quarter, 6 a half-year, 12 a year).
    AfterPeriod {
        /// Length of the reporting period in months.
        months: u8,
        /// Last day, in the month after the period.
        day: u8,
    },
}

/// The length of a reporting period, when the instrument's own text that fixes it could not be
/// verified (Circular 07/2023, Điều 11 khoản 1–4): the planner chooses it from the guidance they
/// follow, and every result says it was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportPeriod {
    /// Tháng.
    Month,
    /// Quý.
    Quarter,
    /// 6 tháng.
    HalfYear,
    /// Năm.
    Year,
}

impl ReportPeriod {
    /// Every period, shortest first.
    pub const ALL: [ReportPeriod; 4] = [
        ReportPeriod::Month,
        ReportPeriod::Quarter,
        ReportPeriod::HalfYear,
        ReportPeriod::Year,
    ];

    /// Id (`--period`, the form's value).
    pub fn id(self) -> &'static str {
        match self {
            ReportPeriod::Month => "thang",
            ReportPeriod::Quarter => "quy",
            ReportPeriod::HalfYear => "6-thang",
            ReportPeriod::Year => "nam",
        }
    }

    /// The period of an id.
    pub fn from_id(id: &str) -> Option<ReportPeriod> {
        ReportPeriod::ALL.into_iter().find(|p| p.id() == id)
    }

    /// Vietnamese name ("quý").
    pub fn name_vi(self) -> &'static str {
        match self {
            ReportPeriod::Month => "tháng",
            ReportPeriod::Quarter => "quý",
            ReportPeriod::HalfYear => "6 tháng",
            ReportPeriod::Year => "năm",
        }
    }

    /// Length in months.
    pub fn months(self) -> u8 {
        match self {
            ReportPeriod::Month => 1,
            ReportPeriod::Quarter => 3,
            ReportPeriod::HalfYear => 6,
            ReportPeriod::Year => 12,
        }
    }
}

/// The end of the district level of local government (a fact of the 2025 reform, not of a
/// circular): a deadline on or after this day whose sender or receiver is a district-level unit
/// carries [`DISTRICT_LEVEL_NOTE`]. Sources: docs/research/dia-gioi-2025.md, mục 1–2 and 5.
pub const DISTRICT_LEVEL_ENDED: Cited<&str> = Cited {
    value: "2025-07-01",
    article: "Nghị quyết 203/2025/QH15 (16/6/2025) sửa đổi Hiến pháp; Luật Tổ chức chính quyền địa phương số 72/2025/QH15",
};

/// The handbook's page on the 2025 administrative map, named at the end of
/// [`DISTRICT_LEVEL_NOTE`].
pub const DISTRICT_LEVEL_PAGE: &str = "/van-ban-moi/dia-gioi-hanh-chinh/";

/// The note of [`DISTRICT_LEVEL_ENDED`] (the receiving unit after the reform is not verified);
/// it ends with "Xem [`DISTRICT_LEVEL_PAGE`].".
pub const DISTRICT_LEVEL_NOTE: &str = "Từ 01/07/2025 không còn cấp huyện (Nghị quyết 203/2025/QH15; Luật Tổ chức chính quyền địa phương số 72/2025/QH15): đơn vị gửi, nhận báo cáo thay cho đơn vị tuyến huyện theo hướng dẫn hiện hành của Sở Y tế, Trung tâm Kiểm soát bệnh tật tỉnh (chưa xác minh). Xem /van-ban-moi/dia-gioi-hanh-chinh/.";

/// What an obligation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ObligationKind {
    /// A collection period (Điều 15): its end is not moved by the day-off rule.
    Collection,
    /// A report or feedback to send.
    Report,
}

/// A dated obligation of the regulation.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Obligation {
    /// Stable id.
    pub id: &'static str,
    /// Article.
    pub article: &'static str,
    /// What is sent / done (Vietnamese).
    pub title: &'static str,
    /// Kind.
    pub kind: ObligationKind,
    /// Level of the sender.
    pub level: Level,
    /// Who sends (or does) it.
    pub senders: &'static [Unit],
    /// Who receives it (empty for collection periods).
    pub receivers: &'static [Unit],
    /// Window.
    pub schedule: Schedule,
    /// Annex (Phụ lục) numbers of the forms.
    pub forms: &'static [u8],
}

/// How an event-relative period is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DayCount {
    /// Calendar days ("ngày").
    Calendar,
    /// Working days ("ngày làm việc").
    Working,
}

/// A step of Điều 24 counted from the receipt of something.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct EventStep {
    /// Stable id.
    pub id: &'static str,
    /// Article.
    pub article: &'static str,
    /// What is done.
    pub title: &'static str,
    /// What starts the count.
    pub trigger: &'static str,
    /// Who acts.
    pub sender: Unit,
    /// Who receives.
    pub receiver: Unit,
    /// Length.
    pub days: u16,
    /// Calendar or working days.
    pub count: DayCount,
}

/// One regulation, as data. Rules it does not define are `None`.
#[derive(Debug, Serialize)]
pub struct RulesVersion {
    /// Stable id, e.g. "tt09-2012".
    pub id: &'static str,
    /// Short name, e.g. "Thông tư 09/2012/TT-BYT".
    pub name: &'static str,
    /// Number, e.g. "09/2012/TT-BYT".
    pub number: &'static str,
    /// Title (Vietnamese).
    pub title: &'static str,
    /// Date issued (ISO).
    pub issued: &'static str,
    /// In force from (ISO) with its article.
    pub in_force_from: Cited<&'static str>,
    /// Last day in force (ISO), if replaced.
    pub in_force_until: Option<&'static str>,
    /// Id of the replacing version, if any (it may not be encoded yet).
    pub replaced_by: Option<&'static str>,
    /// Groups (Điều 14–18).
    pub groups: Option<&'static [GroupRule]>,
    /// General eligibility (Điều 17 khoản 1).
    pub general_eligibility: Option<Cited<&'static str>>,
    /// Minimum age of participants (Điều 17 khoản 1).
    pub min_age: Option<Cited<u8>>,
    /// Collection period (Điều 15 khoản 1).
    pub collection_period: Option<Cited<Period>>,
    /// Recruits' latest date (Điều 15 khoản 2).
    pub recruits_deadline: Option<Cited<MonthDay>>,
    /// Serum split (Điều 19 khoản 3 điểm b).
    pub serum_split: Option<Cited<SerumSplit>>,
    /// Dated reporting obligations (Điều 15, 23–26).
    pub obligations: Option<&'static [Obligation]>,
    /// Reporting obligations whose deadlines are verified but whose reporting period is not
    /// (07/2023 Điều 11 khoản 5): the obligations for a period the planner chooses.
    #[serde(skip)]
    pub period_obligations: Option<fn(ReportPeriod) -> &'static [Obligation]>,
    /// Event-relative feedback steps (Điều 24).
    pub event_steps: Option<&'static [EventStep]>,
    /// Principles of sentinel surveillance (Điều 13).
    pub principles: Option<&'static [Principle]>,
    /// Result forms and the reports that follow (Điều 19 khoản 5, Điều 20 khoản 4).
    pub result_forms: Option<&'static [ResultForms]>,
    /// Words naming the places where no sample may be taken (Điều 13 khoản 6), lower case: a
    /// site whose name contains one is warned about.
    pub forbidden_place_words: Option<Cited<&'static [&'static str]>>,
    /// Where each kind of rule stands in *this* version's text: named when the rule is missing,
    /// so a refusal never points at another instrument's article numbers.
    pub articles: RuleArticles,
}

/// The article (in a version's own numbering) that holds each kind of rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RuleArticles {
    /// Groups, site selection, sample sizes and methods.
    pub groups: &'static str,
    /// The list of surveillance groups.
    pub group_list: &'static str,
    /// Reporting obligations (and the collection period's end).
    pub obligations: &'static str,
    /// Event-relative feedback steps.
    pub event_steps: &'static str,
    /// Serum splitting.
    pub serum_split: &'static str,
    /// The collection period.
    pub collection_period: &'static str,
    /// The principles of sentinel surveillance.
    pub principles: &'static str,
    /// Result forms of sentinel surveillance.
    pub result_forms: &'static str,
}

/// A rule the selected version does not define.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MissingRule {
    /// Version id.
    pub version: &'static str,
    /// Version name, e.g. "Thông tư 07/2023/TT-BYT".
    pub version_name: &'static str,
    /// The article of that version where the rule would be.
    pub article: &'static str,
}

/// Every encoded version, oldest first.
pub static VERSIONS: &[&RulesVersion] = &[&tt09_2012::TT09_2012, &tt07_2023::TT07_2023];

/// Id of the version the calculator uses.
pub const ACTIVE_ID: &str = "tt09-2012";

/// Every encoded version.
pub fn versions() -> &'static [&'static RulesVersion] {
    VERSIONS
}

/// A version by id.
pub fn version(id: &str) -> Option<&'static RulesVersion> {
    VERSIONS.iter().copied().find(|v| v.id == id)
}

/// The version the calculator uses.
pub fn active() -> &'static RulesVersion {
    version(ACTIVE_ID).unwrap_or(VERSIONS[0])
}

impl RulesVersion {
    fn missing(&self, article: &'static str) -> MissingRule {
        MissingRule {
            version: self.id,
            version_name: self.name,
            article,
        }
    }

    /// A unit its reporting obligations name (as sender or receiver), by id.
    pub fn unit(&self, id: &str) -> Option<&'static Unit> {
        // A version whose period is chosen names the same units whatever the period.
        let period = self.period_obligations.map(|f| f(ReportPeriod::Month));
        self.obligations
            .or(period)
            .unwrap_or(&[])
            .iter()
            .flat_map(|o| o.senders.iter().chain(o.receivers))
            .find(|u| u.id == id)
    }

    /// The rule of a group.
    pub fn group(&self, id: GroupId) -> Result<&'static GroupRule, MissingRule> {
        self.groups
            .ok_or_else(|| self.missing(self.articles.groups))?
            .iter()
            .find(|g| g.id == id)
            .ok_or_else(|| self.missing(self.articles.group_list))
    }

    /// The version that replaced this one, when it is encoded (see [`VERSIONS`]).
    pub fn replaced_by_version(&self) -> Option<&'static RulesVersion> {
        self.replaced_by.and_then(version)
    }

    /// The reporting obligations.
    pub fn obligations(&self) -> Result<&'static [Obligation], MissingRule> {
        self.obligations
            .ok_or_else(|| self.missing(self.articles.obligations))
    }

    /// Whether the reporting period is the planner's choice (not in the verified text).
    pub fn period_is_chosen(&self) -> bool {
        self.obligations.is_none() && self.period_obligations.is_some()
    }

    /// The event-relative steps.
    pub fn event_steps(&self) -> Result<&'static [EventStep], MissingRule> {
        self.event_steps
            .ok_or_else(|| self.missing(self.articles.event_steps))
    }

    /// The serum split.
    pub fn serum_split(&self) -> Result<Cited<SerumSplit>, MissingRule> {
        self.serum_split
            .ok_or_else(|| self.missing(self.articles.serum_split))
    }

    /// The principles of sentinel surveillance.
    pub fn principles(&self) -> Result<&'static [Principle], MissingRule> {
        self.principles
            .ok_or_else(|| self.missing(self.articles.principles))
    }

    /// Result forms and the reports that follow them.
    pub fn result_forms(&self) -> Result<&'static [ResultForms], MissingRule> {
        self.result_forms
            .ok_or_else(|| self.missing(self.articles.result_forms))
    }

    /// An obligation by id.
    pub fn obligation(&self, id: &str) -> Option<&'static Obligation> {
        self.obligations.unwrap_or(&[]).iter().find(|o| o.id == id)
    }

    /// The collection period.
    pub fn collection_period(&self) -> Result<Cited<Period>, MissingRule> {
        self.collection_period
            .ok_or_else(|| self.missing(self.articles.collection_period))
    }
}
