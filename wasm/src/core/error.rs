//! Errors of the calculator, with Vietnamese messages naming the district or site, the field
//! and the rule.
use crate::core::rules::{AreaKind, MissingRule};
use crate::core::text::{cat, clean_name, num};
use serde::Serialize;

/// Maximum number of districts, sites per district, and clinics accepted (keeps every
/// computation bounded on hostile input).
pub const MAX_ITEMS: usize = 5_000;
/// Maximum length of a name, in characters of its NFC form (not bytes: a Vietnamese letter
/// takes up to 3 bytes in UTF-8).
pub const MAX_NAME: usize = 200;

/// A calculator error.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum CalcError {
    /// Input could not be read (e.g. not UTF-8); the detail is Vietnamese.
    InvalidInput {
        /// What is wrong (Vietnamese).
        detail: String,
    },
    /// The input is not JSON.
    InvalidJson {
        /// Line (from 1).
        line: usize,
        /// Column (from 1).
        column: usize,
        /// What is wrong (Vietnamese).
        problem: &'static str,
    },
    /// The input is larger than accepted.
    InputTooLarge {
        /// Limit in bytes.
        max: usize,
    },
    /// A field of the plan is wrong: names the district or site, the field and what is
    /// expected.
    BadField {
        /// Path of the field in the JSON input, e.g. "districts[0].estimate".
        path: String,
        /// The district or site concerned, e.g. "Huyện “Ba Đình”" (none for the plan's own
        /// fields).
        place: Option<String>,
        /// Vietnamese name of the field, e.g. "ước lượng số đối tượng".
        label: String,
        /// What is wrong or expected (Vietnamese).
        problem: String,
    },
    /// Sample size outside the group's range.
    SampleSizeOutOfRange {
        /// Group id.
        group: &'static str,
        /// Group name, shown in the message (never the id).
        group_name: &'static str,
        /// Minimum.
        min: u32,
        /// Maximum.
        max: u32,
        /// Given.
        given: u32,
        /// Article.
        article: &'static str,
    },
    /// The group needs districts and none were given.
    NoDistricts {
        /// Article.
        article: &'static str,
    },
    /// Every selected district has a zero estimate.
    ZeroEstimates {
        /// The article whose selection or proportional allocation needs the estimates.
        article: &'static str,
    },
    /// Two districts have one name (compared after NFC, trimmed, case-folded).
    DuplicateDistrict {
        /// The name, as given the second time.
        name: String,
        /// Its path, e.g. "districts[3].name".
        path: String,
        /// Path of the first district with that name.
        first_path: String,
    },
    /// Two sites of one district (or two sites not attached to a district) have one name.
    DuplicateSite {
        /// The district, if the sites belong to one.
        district: Option<String>,
        /// The name, as given the second time.
        name: String,
        /// Its path, e.g. "districts[0].sites[4].name".
        path: String,
        /// Path of the first site with that name.
        first_path: String,
    },
    /// More districts than the group may use, where the article gives no criterion to choose
    /// among them.
    TooManyDistricts {
        /// Limit.
        max: u8,
        /// How many were given.
        given: usize,
        /// Article.
        article: &'static str,
    },
    /// A district's kind of unit is not one the group may be sampled in (or is not marked).
    AreaKindNotAllowed {
        /// The district.
        district: String,
        /// Its path, e.g. "districts[1]".
        path: String,
        /// Its kind, when marked.
        kind: Option<AreaKind>,
        /// The kinds allowed.
        allowed: &'static [AreaKind],
        /// Article.
        article: &'static str,
    },
    /// Too many items in a list.
    TooMany {
        /// Field path.
        field: &'static str,
        /// Limit.
        max: usize,
    },
    /// A numeric parameter of the plan is out of its range.
    BadParameter {
        /// Field.
        field: &'static str,
        /// What is expected (Vietnamese).
        expected: &'static str,
    },
    /// The regulation version lacks a rule.
    MissingRule(MissingRule),
    /// The version's deadlines are verified but not its reporting period: the planner must
    /// choose it (Circular 07/2023, Điều 11 khoản 5).
    PeriodNeeded {
        /// Version name.
        version_name: &'static str,
        /// The article whose deadlines are verified.
        article: &'static str,
    },
    /// Year outside the supported range.
    YearOutOfRange {
        /// Year.
        year: i32,
    },
}

impl From<MissingRule> for CalcError {
    fn from(m: MissingRule) -> Self {
        CalcError::MissingRule(m)
    }
}

/// A name to quote in a message: [`clean_name`], cut to 60 characters.
fn quoted(name: &str) -> String {
    let name = clean_name(name);
    if name.chars().count() > 60 {
        let mut s: String = name.chars().take(60).collect();
        s.push('…');
        s
    } else {
        name
    }
}

/// Who an error is about: "Huyện “Ba Đình”", or "Huyện thứ 3 (chưa có tên)".
pub fn district_place(name: &str, index: usize) -> String {
    cat(&["Huyện ", &district_ref(name, index)])
}

/// "“Ba Đình”", or "thứ 3 (chưa có tên)".
fn district_ref(name: &str, index: usize) -> String {
    let name = quoted(name);
    if name.is_empty() {
        cat(&["thứ ", &num(index as u64 + 1), " (chưa có tên)"])
    } else {
        cat(&["“", &name, "”"])
    }
}

/// "Điểm “Phúc Xá” của huyện “Ba Đình”", or "Cơ sở “BV A”" for a site not in a district.
pub fn site_place(site: &str, index: usize, district: Option<(&str, usize)>) -> String {
    let site = quoted(site);
    let who = if site.is_empty() {
        cat(&["thứ ", &num(index as u64 + 1), " (chưa có tên)"])
    } else {
        cat(&["“", &site, "”"])
    };
    match district {
        Some((d, i)) => cat(&["Điểm ", &who, " của huyện ", &district_ref(d, i)]),
        None => cat(&["Cơ sở ", &who]),
    }
}

impl CalcError {
    /// The Vietnamese message shown to the user.
    pub fn message(&self) -> String {
        match self {
            CalcError::InvalidInput { detail } => cat(&["Dữ liệu nhập không hợp lệ: ", detail]),
            CalcError::InvalidJson {
                line,
                column,
                problem,
            } => cat(&[
                "Dữ liệu nhập không phải JSON hợp lệ (dòng ",
                &num(*line as u64),
                ", cột ",
                &num(*column as u64),
                "): ",
                problem,
                ".",
            ]),
            CalcError::InputTooLarge { max } => cat(&[
                "Dữ liệu nhập quá lớn: tối đa ",
                &num(*max as u64 / (1024 * 1024)),
                " MB.",
            ]),
            CalcError::BadField {
                path,
                place,
                label,
                problem,
            } => match place {
                Some(p) => cat(&[p, " — ", label, " (", path, "): ", problem, "."]),
                None => cat(&["Trường “", path, "” (", label, "): ", problem, "."]),
            },
            CalcError::SampleSizeOutOfRange {
                group_name,
                min,
                max,
                given,
                article,
                ..
            } => {
                let range = if min == max {
                    cat(&["đúng ", &num(*min as u64), " mẫu"])
                } else {
                    cat(&["từ ", &num(*min as u64), " đến ", &num(*max as u64), " mẫu"])
                };
                cat(&[
                    "Cỡ mẫu ",
                    &num(*given as u64),
                    " không hợp lệ cho nhóm “",
                    group_name,
                    "”",
                    ": ",
                    article,
                    " quy định ",
                    &range,
                    ".",
                ])
            }
            CalcError::NoDistricts { article } => cat(&[
                "Cần nhập ít nhất một huyện (trường \"districts\") có ước lượng số đối tượng (",
                article,
                ").",
            ]),
            CalcError::ZeroEstimates { article } => cat(&[
                "Các huyện được chọn đều có ước lượng bằng 0: không chọn hoặc phân bổ được theo ước lượng (",
                article,
                ").",
            ]),
            CalcError::DuplicateDistrict {
                name,
                path,
                first_path,
            } => cat(&[
                "Huyện “",
                name,
                "” (",
                path,
                ") trùng tên với huyện đã nhập ở ",
                first_path,
                " (tên được so sánh không phân biệt chữ hoa, chữ thường, khoảng trắng ở đầu, cuối và cách gõ dấu): mỗi huyện chỉ nhập một lần.",
            ]),
            CalcError::DuplicateSite {
                district,
                name,
                path,
                first_path,
            } => {
                let of = match district {
                    Some(d) => cat(&["Điểm “", name, "” của huyện “", d, "”"]),
                    None => cat(&["Cơ sở “", name, "”"]),
                };
                cat(&[
                    &of,
                    " (",
                    path,
                    ") trùng tên với điểm đã nhập ở ",
                    first_path,
                    " (không phân biệt chữ hoa, chữ thường, khoảng trắng ở đầu, cuối và cách gõ dấu): mỗi điểm chỉ nhập một lần.",
                ])
            }
            CalcError::TooManyDistricts {
                max,
                given,
                article,
            } => cat(&[
                "Đã nhập ",
                &num(*given as u64),
                " huyện, nhưng ",
                article,
                " chỉ cho chọn tối đa ",
                &num(*max as u64),
                " và không nêu tiêu chí chọn: hãy chỉ nhập các huyện đã chọn (tối đa ",
                &num(*max as u64),
                ").",
            ]),
            CalcError::AreaKindNotAllowed {
                district,
                path,
                kind,
                allowed,
                article,
            } => {
                let names: Vec<&str> = allowed.iter().map(|k| k.name_vi()).collect();
                let list = names.join(", ");
                match kind {
                    Some(k) => cat(&[
                        "“",
                        district,
                        "” (",
                        path,
                        ") là ",
                        k.name_vi(),
                        ": ",
                        article,
                        " chỉ cho chọn ",
                        &list,
                        ".",
                    ]),
                    None => cat(&[
                        "Chưa rõ “",
                        district,
                        "” (",
                        path,
                        ") là quận, huyện, thị xã hay thành phố thuộc tỉnh: ",
                        article,
                        " chỉ cho chọn ",
                        &list,
                        ". Ghi loại đơn vị ở đầu tên (ví dụ “Quận Ba Đình”, “Thị xã Sơn Tây”, “Thành phố Bắc Ninh”) hoặc trong trường \"kind\".",
                    ]),
                }
            }
            CalcError::TooMany { field, max } => cat(&[
                "Trường \"",
                field,
                "\" có quá nhiều mục (tối đa ",
                &num(*max as u64),
                ").",
            ]),
            CalcError::BadParameter { field, expected } => {
                cat(&["Trường \"", field, "\" không hợp lệ: cần ", expected, "."])
            }
            CalcError::MissingRule(m) => cat(&[
                "Không tính được theo ",
                m.version_name,
                ": bộ quy tắc của máy tính chưa có quy định cần dùng (",
                m.article,
                "). Chọn văn bản khác hoặc xem trang So sánh hai thông tư.",
            ]),
            CalcError::PeriodNeeded {
                version_name,
                article,
            } => cat(&[
                "Chọn kỳ báo cáo (tháng, quý, 6 tháng hoặc năm) theo hướng dẫn bạn đang dùng: ",
                version_name,
                " (",
                article,
                ") quy định hạn gửi báo cáo giám sát ca bệnh, ngày 5, 10, 15, 20 của tháng sau kỳ báo cáo, còn độ dài kỳ báo cáo chưa được xác minh.",
            ]),
            CalcError::YearOutOfRange { year } => {
                let mut s = String::from("Năm ");
                if *year < 0 {
                    s.push('-');
                }
                crate::core::text::push_u64(&mut s, year.unsigned_abs() as u64);
                s.push_str(" nằm ngoài phạm vi hỗ trợ (");
                s.push_str(&crate::core::calendar::supported_years());
                s.push_str(").");
                s
            }
        }
    }
}

impl core::fmt::Display for CalcError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for CalcError {}
