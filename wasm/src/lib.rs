//! `sotay-calc`: the calculator, as a plain Rust library with no browser dependency.
//!
//! - `core`: the rules (each number with its article), allocation, deadlines, the working-day
//!   calendar; no I/O.
//! - `view`: what the calculator pages show (view models and markup), also written by the
//!   generator at build time.
//! - `search`: the handbook's search engine (index format, normaliser, ranking), shared by the
//!   generator (which writes the index) and the browser (which queries it).
//!
//! The generator and the tests link this crate natively; the browser modules are built from
//! `sotay-calc-web` (wasm/web), which depends on it with only the features its page uses.

pub mod core;
#[cfg(feature = "search")]
pub mod search;
pub mod view;
