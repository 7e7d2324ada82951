//! The calculator's core: plain Rust, no I/O, no browser code; compiles natively and for
//! wasm32.
//!
//! - [`rules`]: the regulation's numbers and lists, once, each with its article; versions.
//! - [`allocate`]: sample allocation, site order, specimens, precision, warnings.
//! - [`calendar`]: Vietnamese lunar calendar (UTC+7), public holidays and working days.
//! - [`deadlines`]: dated reporting obligations with the day-off rule; Điều 24 steps.
//! - [`count`]: counts as planners write them (`1.200`, `1 200`), the one parser.
//! - [`json`]: JSON entry points (no panic on any input).

pub mod allocate;
pub mod calendar;
pub mod count;
pub mod date;
pub mod deadlines;
pub mod error;
pub mod ics;
pub mod json;
pub mod rng;
pub mod rules;
pub mod text;

pub use allocate::{PlanInput, PlanOutput, allocate};
pub use date::Date;
pub use error::CalcError;

/// The regulation version the calculator implements: (short name, date issued ISO).
pub fn active_regulation() -> (&'static str, &'static str) {
    let v = rules::active();
    (v.name, v.issued)
}

#[cfg(test)]
mod tests {
    #[test]
    fn active_regulation_is_tt09() {
        assert_eq!(
            super::active_regulation(),
            ("Thông tư 09/2012/TT-BYT", "2012-05-24")
        );
    }
}
