//! JSON entry points over the typed API (used by `sotay calc` and usable by bindings).
//! Every function returns `Ok(json)` or `Err(json)` with `{"code", "message"}`; none panics.
use crate::core::allocate::{self, PlanInput};
use crate::core::calendar;
use crate::core::date::Date;
use crate::core::deadlines;
use crate::core::error::{CalcError, district_place, site_place};
use crate::core::text::{cat, num};
use serde::Serialize;
use serde_json::Value;
use serde_json::error::Category;

/// Largest JSON input accepted, in bytes.
pub const MAX_INPUT: usize = 4 * 1024 * 1024;

#[derive(Serialize)]
struct ErrorOut<'a> {
    message: String,
    #[serde(flatten)]
    error: &'a CalcError,
}

/// The error as JSON `{"code": …, "message": …, …fields}`.
pub fn error_json(e: &CalcError) -> String {
    let out = ErrorOut {
        message: e.message(),
        error: e,
    };
    serde_json::to_string(&out).unwrap_or_else(|_| String::from("{\"message\":\"lỗi\"}"))
}

fn to_json<T: Serialize>(v: &T) -> Result<String, CalcError> {
    serde_json::to_string_pretty(v).map_err(|e| CalcError::InvalidInput {
        detail: e.to_string(),
    })
}

/// Parse a plan from JSON. Every error is Vietnamese and names the field by its path, and the
/// district or site it belongs to by its name: the JSON is read into a value first (syntax
/// errors name line and column), then into the plan through `serde_path_to_error`, which
/// gives the path of a wrong field; the message is made from the path, the value found there
/// and what the field expects, never from serde's English text.
pub fn parse_plan(input: &str) -> Result<PlanInput, CalcError> {
    if input.len() > MAX_INPUT {
        return Err(CalcError::InputTooLarge { max: MAX_INPUT });
    }
    let value: Value = serde_json::from_str(input).map_err(|e| CalcError::InvalidJson {
        line: e.line(),
        column: e.column(),
        problem: match e.classify() {
            Category::Eof => "dữ liệu kết thúc giữa chừng (thiếu dấu đóng hoặc giá trị)",
            Category::Syntax if e.to_string().starts_with("recursion limit") => "lồng nhau quá sâu",
            Category::Syntax => "sai cú pháp JSON",
            Category::Data | Category::Io => "không đọc được giá trị",
        },
    })?;
    if !value.is_object() {
        return Err(CalcError::BadField {
            path: "(gốc)".into(),
            place: None,
            label: "dữ liệu kế hoạch".into(),
            problem: cat(&[
                "cần một đối tượng JSON {\"group\": …, \"sample_size\": …, …}, nhận ",
                &describe(&value),
            ]),
        });
    }
    serde_path_to_error::deserialize(&value).map_err(|e| field_error(&value, &e))
}

/// What a JSON value is, in Vietnamese ("số -5", "chuỗi “abc”", …).
fn describe(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => if *b { "true" } else { "false" }.into(),
        Value::Number(n) => cat(&["số ", &n.to_string()]),
        Value::String(s) => {
            let short: String = s.chars().take(40).collect();
            cat(&[
                "chuỗi “",
                &short,
                if short.len() < s.len() { "…" } else { "" },
                "”",
            ])
        }
        Value::Array(_) => "một danh sách".into(),
        Value::Object(_) => "một đối tượng".into(),
    }
}

/// What a field expects, in Vietnamese (by its JSON name).
fn expects(field: &str) -> &'static str {
    match field {
        "group" => {
            "một mã nhóm: idu, fsw, sti_men, pregnant_urban, pregnant_rural, recruits_urban, recruits_rural, msm hoặc other"
        }
        "sample_size" => "một số nguyên không âm (tối đa 4 294 967 295)",
        "seed" => "một số nguyên từ 0 đến 18 446 744 073 709 551 615",
        "estimate" => "một số nguyên từ 0 đến 1 000 000 000",
        "weekly_volume" | "mean_per_site" => "một số nguyên không âm (tối đa 4 294 967 295)",
        "year" => "một năm (số nguyên)",
        "start_date" => "một ngày dạng \"YYYY-MM-DD\" (năm 1900–2199)",
        "sti_surveillance" => "true hoặc false",
        "expected_prevalence" => "một số lớn hơn 0 và nhỏ hơn 1 (ví dụ 0.05 cho 5%)",
        "design_effect" => "một số từ 1 đến 50",
        "version" => "một mã văn bản dạng chuỗi, ví dụ \"tt09-2012\"",
        "name" => "một chuỗi (tên)",
        "kind" => "một loại đơn vị: quan, huyen, thi_xa hoặc thanh_pho",
        "districts" => "một danh sách các huyện [{\"name\": …, \"estimate\": …}, …]",
        "sites" => "một danh sách các điểm [{\"name\": …, \"estimate\": …}, …]",
        _ => "một giá trị đúng kiểu",
    }
}

/// The identifiers between backticks in one of serde's messages (field and variant names).
fn ticked(msg: &str) -> Vec<&str> {
    msg.split('`').skip(1).step_by(2).collect()
}

/// The Vietnamese error for a field that does not fit the plan.
fn field_error(root: &Value, e: &serde_path_to_error::Error<serde_json::Error>) -> CalcError {
    use serde_path_to_error::Segment;
    let mut path = String::new();
    let mut at = Some(root);
    let mut field = "";
    // Which district / site the path runs through: (list, index).
    let mut district: Option<usize> = None;
    let mut site: Option<(bool, usize)> = None;
    let mut last_list = "";
    for seg in e.path().iter() {
        match seg {
            Segment::Map { key } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
                at = at.and_then(|v| v.get(key.as_str()));
                last_list = key.as_str();
                field = key.as_str();
            }
            Segment::Seq { index } => {
                path.push('[');
                path.push_str(&num(*index as u64));
                path.push(']');
                at = at.and_then(|v| v.get(*index));
                match (last_list, district) {
                    ("districts", None) => district = Some(*index),
                    ("sites", d) => site = Some((d.is_some(), *index)),
                    _ => {}
                }
            }
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    let name_at = |v: Option<&Value>| {
        v.and_then(|v| v.get("name"))
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let d_value = district.and_then(|i| root.get("districts")?.get(i));
    let place = match (district, site) {
        (Some(i), Some((true, j))) => {
            let d = name_at(d_value);
            let s = name_at(d_value.and_then(|d| d.get("sites")?.get(j)));
            Some(site_place(&s, j, Some((&d, i))))
        }
        (Some(i), _) => Some(district_place(&name_at(d_value), i)),
        (None, Some((_, j))) => Some(site_place(
            &name_at(root.get("sites").and_then(|s| s.get(j))),
            j,
            None,
        )),
        (None, None) => None,
    };
    let msg = e.inner().to_string();
    let names = ticked(&msg);
    let (field, problem) = if msg.starts_with("missing field") {
        let missing = names.first().copied().unwrap_or("");
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(missing);
        (
            missing,
            cat(&["thiếu trường này (cần ", expects(missing), ")"]),
        )
    } else if msg.starts_with("unknown field") {
        let known: Vec<&str> = names.iter().skip(1).copied().collect();
        (
            names.first().copied().unwrap_or(field),
            cat(&[
                "trường không có trong kế hoạch (viết sai tên?); các trường dùng được ở đây: ",
                &known.join(", "),
            ]),
        )
    } else if msg.starts_with("duplicate field") {
        (field, "trường này được nhập hai lần".into())
    } else if path.is_empty() {
        (
            "",
            cat(&[
                "cần một đối tượng JSON {\"group\": …, \"sample_size\": …, …}, nhận ",
                &at.map(describe).unwrap_or_default(),
            ]),
        )
    } else if msg.starts_with('“') {
        // A count written as text that `core::count` refused: its message quotes it.
        (field, msg.clone())
    } else if field == "start_date" && at.is_some_and(Value::is_string) {
        (
            field,
            cat(&[
                "cần ",
                expects(field),
                " có thật, nhận ",
                &at.map(describe).unwrap_or_default(),
            ]),
        )
    } else {
        (
            field,
            cat(&[
                "cần ",
                expects(field),
                ", nhận ",
                &at.map(describe).unwrap_or_else(|| "giá trị khác".into()),
            ]),
        )
    };
    CalcError::BadField {
        path: if path.is_empty() {
            "(gốc)".into()
        } else {
            path
        },
        place,
        label: if field.is_empty() {
            "dữ liệu kế hoạch".into()
        } else {
            allocate::field_label(field).into()
        },
        problem,
    }
}

/// Plan JSON → result JSON.
pub fn allocate_json(input: &str) -> Result<String, CalcError> {
    let plan = parse_plan(input)?;
    let out = allocate::allocate(&plan)?;
    to_json(&out)
}

/// Deadlines of a year as JSON.
pub fn deadlines_json(year: i32, unit: Option<&str>) -> Result<String, CalcError> {
    to_json(&deadlines::deadlines(year, unit)?)
}

/// Special days of a year as JSON.
pub fn calendar_json(year: i32) -> Result<String, CalcError> {
    let cal =
        calendar::year_calendar(year).map_err(|e| CalcError::YearOutOfRange { year: e.year })?;
    to_json(&cal)
}

/// `date + n` working days (ISO in, ISO out).
pub fn add_workdays_iso(date: &str, n: i32) -> Result<String, CalcError> {
    let d = Date::parse_iso(date.trim()).ok_or(CalcError::BadParameter {
        field: "from",
        expected: calendar::DATE_EXPECTED,
    })?;
    if n.unsigned_abs() > 20_000 {
        return Err(CalcError::BadParameter {
            field: "add",
            expected: "một số ngày làm việc từ -20000 đến 20000",
        });
    }
    // The error names the year the count ran out of the calendar at, not the start's.
    calendar::count_workdays(d, n)
        .map(|w| w.date.iso())
        .map_err(|e| CalcError::YearOutOfRange { year: e.year })
}
