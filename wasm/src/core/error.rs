//! Errors of the calculator, with Vietnamese messages naming the field and the rule.
use crate::core::rules::MissingRule;
use crate::core::text::{cat, num};
use serde::Serialize;

/// Maximum number of districts, sites per district, and clinics accepted (keeps every
/// computation bounded on hostile input).
pub const MAX_ITEMS: usize = 5_000;
/// Maximum length of a name, in bytes.
pub const MAX_NAME: usize = 200;

/// A calculator error.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum CalcError {
    /// Input is not valid JSON or has a wrong field.
    InvalidInput {
        /// Parser message.
        detail: String,
    },
    /// Sample size outside the group's range.
    SampleSizeOutOfRange {
        /// Group id.
        group: &'static str,
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
    ZeroEstimates,
    /// A name is empty or too long.
    BadName {
        /// Field path.
        field: String,
    },
    /// Two districts share a name.
    DuplicateDistrict {
        /// The name.
        name: String,
    },
    /// Too many items in a list.
    TooMany {
        /// Field path.
        field: &'static str,
        /// Limit.
        max: usize,
    },
    /// A numeric parameter is out of its range.
    BadParameter {
        /// Field.
        field: &'static str,
        /// What is expected (Vietnamese).
        expected: &'static str,
    },
    /// The regulation version lacks a rule.
    MissingRule(MissingRule),
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

impl CalcError {
    /// The Vietnamese message shown to the user.
    pub fn message(&self) -> String {
        match self {
            CalcError::InvalidInput { detail } => cat(&["Dữ liệu nhập không hợp lệ: ", detail]),
            CalcError::SampleSizeOutOfRange {
                group,
                min,
                max,
                given,
                article,
            } => {
                let range = if min == max {
                    cat(&["đúng ", &num(*min as u64), " mẫu"])
                } else {
                    cat(&["từ ", &num(*min as u64), " đến ", &num(*max as u64), " mẫu"])
                };
                cat(&[
                    "Cỡ mẫu ",
                    &num(*given as u64),
                    " không hợp lệ cho nhóm ",
                    group,
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
            CalcError::ZeroEstimates => {
                "Các huyện được chọn đều có ước lượng bằng 0: không thể phân bổ cỡ mẫu theo tỷ lệ (Điều 18)."
                    .into()
            }
            CalcError::BadName { field } => cat(&[
                "Tên ở trường \"",
                field,
                "\" phải có từ 1 đến ",
                &num(MAX_NAME as u64),
                " byte.",
            ]),
            CalcError::DuplicateDistrict { name } => {
                cat(&["Tên huyện \"", name, "\" bị nhập trùng."])
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
