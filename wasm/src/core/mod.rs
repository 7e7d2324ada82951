//! The calculator's core. Placeholder until the engine lands (issue 3).

/// The regulation version the calculator implements: (short name, date issued ISO).
pub fn active_regulation() -> (&'static str, &'static str) {
    ("Thông tư 09/2012/TT-BYT", "2012-05-24")
}
