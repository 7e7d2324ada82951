//! What the calculator pages show, as plain Rust (no DOM): the generator writes each page's
//! first view with it at build time, the browser module (`sotay-calc-web`) renders the same
//! strings, so both are one source of truth, unit-tested natively.
//!
//! - `text`: parsing and formatting what planners type and read (Vietnamese numbers, dates).
//! - `state`: the allocation page's state, its TSV paste and shareable link.
//! - `export`: the plan as CSV and JSON (the deadlines' iCalendar writer is `core::ics`).
//! - `form`: the selects' choices as HTML.
//! - `alloc_view`, `dl_view`: each page's view logic and markup.
#[cfg(feature = "tool-alloc")]
pub mod alloc_view;
#[cfg(feature = "tool-dl")]
pub mod dl_view;
#[cfg(feature = "tool-alloc")]
pub mod export;
pub mod form;
#[cfg(any(feature = "tool-alloc", feature = "tool-dl"))]
pub mod state;
pub mod text;
