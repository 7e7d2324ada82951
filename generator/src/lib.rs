//! Sổ tay generator library: load content → model → render → write site.
//! The `sotay` binary (src/main.rs) is a thin CLI over this library. See ARCHITECTURE.md.

pub mod calc;
pub mod data;
pub mod error;
