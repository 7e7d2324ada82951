//! JSON entry points over the typed API (used by `sotay calc` and usable by bindings).
//! Every function returns `Ok(json)` or `Err(json)` with `{"code", "message"}`; none panics.
use crate::core::allocate::{self, PlanInput};
use crate::core::calendar;
use crate::core::date::Date;
use crate::core::deadlines;
use crate::core::error::CalcError;
use serde::Serialize;

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

/// Parse a plan from JSON.
pub fn parse_plan(input: &str) -> Result<PlanInput, CalcError> {
    if input.len() > MAX_INPUT {
        return Err(CalcError::TooMany {
            field: "input",
            max: MAX_INPUT,
        });
    }
    serde_json::from_str(input).map_err(|e| CalcError::InvalidInput {
        detail: e.to_string(),
    })
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
