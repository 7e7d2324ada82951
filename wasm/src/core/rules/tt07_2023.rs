//! Circular 07/2023/TT-BYT (Bộ Y tế, 04/4/2023, in force 01/6/2023), as far as its text
//! could be read. It replaces Circular 09/2012/TT-BYT.
//!
//! Only values read in the text are here, each with its article and clause; the sources and
//! the quoted sentences are in `docs/research/tt07-2023.md`. Every rule that could not be read
//! (groups, eligibility, sample sizes, collection period, sentinel and STI reporting, Điều 24
//! style feedback, serum split) is `None` in [`TT07_2023`], so the calculator refuses to compute
//! from this version instead of borrowing a number of 09/2012.
//!
//! Two verified rules do not fit [`RulesVersion`] yet, so they are kept here as data for the
//! engine to use once the model can hold them:
//! - [`MAX_DISTRICTS_PER_PROVINCE`] (Điều 15 khoản 1 điểm b) is one limit for the whole
//!   province, whereas the model keeps `max_districts` inside each [`GroupRule`], and the
//!   groups of 07/2023 (Điều 12 khoản 2) are not verified;
//! - [`CASE_REPORT_STEPS`] (Điều 11 khoản 5) are "no later than day N of the month after the
//!   reporting period"; the length of the reporting period itself is not verified, so they
//!   cannot be turned into an [`Obligation`] with a [`Schedule`].
use super::*;

// ---- Units of Điều 11 khoản 5 ---------------------------------------------------------------
// Read in the English translation only: the Vietnamese names of these units are not verified.

/// Trạm y tế xã ("commune-level medical stations").
pub const TRAM_Y_TE_XA: Unit = Unit {
    id: "tram_y_te_xa",
    name: "Trạm y tế xã",
    level: Level::Xa,
};
/// District HIV/AIDS surveillance unit ("district-level HIV/AIDS surveillance agencies").
pub const GIAM_SAT_HIV_HUYEN: Unit = Unit {
    id: "giam_sat_hiv_huyen",
    name: "Đơn vị giám sát HIV/AIDS tuyến huyện",
    level: Level::Huyen,
};
/// Provincial HIV/AIDS surveillance unit ("provincial HIV/AIDS surveillance agencies").
pub const GIAM_SAT_HIV_TINH: Unit = Unit {
    id: "giam_sat_hiv_tinh",
    name: "Đơn vị giám sát HIV/AIDS tuyến tỉnh",
    level: Level::Tinh,
};
/// The Institutes ("Institutes").
pub const VIEN: Unit = Unit {
    id: "vien",
    name: "Các Viện",
    level: Level::TrungUong,
};
/// Vietnam Administration of HIV/AIDS Control ("VAAC").
pub const CUC_AIDS: Unit = Unit {
    id: "cuc_aids",
    name: "Cục Phòng, chống HIV/AIDS",
    level: Level::TrungUong,
};

/// One step of the HIV/AIDS case-surveillance report chain (Điều 11 khoản 5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CaseReportStep {
    /// Who sends.
    pub sender: Unit,
    /// Who receives.
    pub receivers: &'static [Unit],
    /// Latest day of the month following the reporting period.
    pub day_of_next_month: Cited<u8>,
}

/// Điều 11 khoản 5 điểm a–d: each level sends its case-surveillance report "no later than the
/// Nth of the next month of the reporting period" (English translation; the length of the
/// reporting period, Điều 11 khoản 1–4, is not verified).
pub static CASE_REPORT_STEPS: [CaseReportStep; 4] = CASE_STEPS;

const CASE_STEPS: [CaseReportStep; 4] = [
    CaseReportStep {
        sender: TRAM_Y_TE_XA,
        receivers: &[GIAM_SAT_HIV_HUYEN],
        day_of_next_month: Cited {
            value: 5,
            article: "Điều 11 khoản 5 điểm a",
        },
    },
    CaseReportStep {
        sender: GIAM_SAT_HIV_HUYEN,
        receivers: &[GIAM_SAT_HIV_TINH],
        day_of_next_month: Cited {
            value: 10,
            article: "Điều 11 khoản 5 điểm b",
        },
    },
    CaseReportStep {
        sender: GIAM_SAT_HIV_TINH,
        receivers: &[CUC_AIDS, VIEN],
        day_of_next_month: Cited {
            value: 15,
            article: "Điều 11 khoản 5 điểm c",
        },
    },
    CaseReportStep {
        sender: VIEN,
        receivers: &[CUC_AIDS],
        day_of_next_month: Cited {
            value: 20,
            article: "Điều 11 khoản 5 điểm d",
        },
    },
];

/// Ids of the four case-report obligations (Điều 11 khoản 5 điểm a–d).
const CASE_REPORT_IDS: [&str; 4] = [
    "bao_cao_ca_benh_xa",
    "bao_cao_ca_benh_huyen",
    "bao_cao_ca_benh_tinh",
    "bao_cao_ca_benh_vien",
];

/// The four case-report obligations for reporting periods of `months` months: Điều 11 khoản 5
/// fixes the day; the planner chose the period.
const fn case_reports(months: u8) -> [Obligation; 4] {
    let mut out = [Obligation {
        id: "",
        article: "",
        title: "",
        kind: ObligationKind::Report,
        level: Level::Xa,
        senders: &[],
        receivers: &[],
        schedule: Schedule::MonthlyBy { day: 1 },
        forms: &[],
    }; 4];
    let mut i = 0;
    while i < 4 {
        let step = &CASE_STEPS[i];
        out[i] = Obligation {
            id: CASE_REPORT_IDS[i],
            article: step.day_of_next_month.article,
            title: "Báo cáo giám sát ca bệnh HIV/AIDS",
            kind: ObligationKind::Report,
            level: step.sender.level,
            senders: core::slice::from_ref(&CASE_STEPS[i].sender),
            receivers: step.receivers,
            schedule: Schedule::AfterPeriod {
                months,
                day: step.day_of_next_month.value,
            },
            forms: &[],
        };
        i += 1;
    }
    out
}

static CASE_REPORTS_MONTH: [Obligation; 4] = case_reports(1);
static CASE_REPORTS_QUARTER: [Obligation; 4] = case_reports(3);
static CASE_REPORTS_HALF_YEAR: [Obligation; 4] = case_reports(6);
static CASE_REPORTS_YEAR: [Obligation; 4] = case_reports(12);

/// The case-report obligations of Điều 11 khoản 5 for the reporting period the planner chose.
pub fn case_report_obligations(period: ReportPeriod) -> &'static [Obligation] {
    match period {
        ReportPeriod::Month => &CASE_REPORTS_MONTH,
        ReportPeriod::Quarter => &CASE_REPORTS_QUARTER,
        ReportPeriod::HalfYear => &CASE_REPORTS_HALF_YEAR,
        ReportPeriod::Year => &CASE_REPORTS_YEAR,
    }
}

// ---- Điều 15: site selection (Vietnamese text read in full) ---------------------------------

/// Điều 15 khoản 1 điểm b: "Trên địa bàn một tỉnh lựa chọn tối đa không quá 5 huyện được
/// triển khai giám sát trọng điểm."
pub const MAX_DISTRICTS_PER_PROVINCE: Cited<u8> = Cited {
    value: 5,
    article: "Điều 15 khoản 1 điểm b",
};

/// Điều 15 khoản 1 điểm a: how a district is chosen.
pub const DISTRICT_CRITERION: Cited<&str> = Cited {
    value: "Cấp huyện được lựa chọn triển khai giám sát trọng điểm khi có số lượng đối tượng quy định tại khoản 2 Điều 12 Thông tư này nhiều nhất theo dữ liệu được quản lý hoặc ước tính đối tượng giám sát trọng điểm.",
    article: "Điều 15 khoản 1 điểm a",
};

/// Điều 15 khoản 2: who decides the provinces and groups.
pub const PROVINCES_AND_GROUPS: Cited<&str> = Cited {
    value: "Danh sách tỉnh và đối tượng giám sát trọng điểm thực hiện theo hướng dẫn của Bộ Y tế (Cục Phòng, chống HIV/AIDS).",
    article: "Điều 15 khoản 2",
};

/// Circular 07/2023/TT-BYT. Only metadata is filled: every rule the calculator computes
/// with is unverified and `None`.
pub static TT07_2023: RulesVersion = RulesVersion {
    id: "tt07-2023",
    name: "Thông tư 07/2023/TT-BYT",
    number: "07/2023/TT-BYT",
    title: "Hướng dẫn quy trình, phương pháp giám sát dịch tễ học HIV/AIDS và giám sát các bệnh lây truyền qua đường tình dục",
    issued: "2023-04-04",
    // The date is the document's recorded effective date; the article on entry into force
    // (and on replacing 09/2012) could not be read.
    in_force_from: Cited {
        value: "2023-06-01",
        article: "điều khoản thi hành (số điều chưa xác minh)",
    },
    in_force_until: None,
    replaced_by: None,
    // Điều 12 khoản 2 (groups) is known only by reference from Điều 15; sample sizes,
    // methods and eligibility are not verified.
    groups: None,
    general_eligibility: None,
    min_age: None,
    collection_period: None,
    recruits_deadline: None,
    serum_split: None,
    obligations: None,
    period_obligations: Some(case_report_obligations),
    event_steps: None,
    principles: None,
    result_forms: None,
    forbidden_place_words: None,
    // Only Điều 11, 12 khoản 2 and 15 could be located in the text read so far
    // (docs/research/tt07-2023.md); the rest is named by subject and marked unverified.
    articles: RuleArticles {
        groups: "Điều 12 khoản 2 (nhóm đối tượng) và các điều về cỡ mẫu, phương pháp chọn mẫu — chưa xác minh",
        group_list: "Điều 12 khoản 2 — chưa xác minh",
        obligations: "Điều 11 (kỳ báo cáo chưa xác minh) và các điều về báo cáo giám sát trọng điểm — chưa xác minh",
        event_steps: "quy trình phản hồi danh sách người nhiễm HIV — chưa xác minh số điều",
        serum_split: "phân tách mẫu huyết thanh — chưa xác minh số điều",
        collection_period: "thời gian thực hiện giám sát trọng điểm — chưa xác minh số điều",
        principles: "nguyên tắc thực hiện giám sát trọng điểm — chưa xác minh số điều",
        result_forms: "biểu mẫu thống kê kết quả giám sát trọng điểm — chưa xác minh số điều",
    },
};
