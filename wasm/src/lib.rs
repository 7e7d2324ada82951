//! Sổ tay calculator.
//!
//! `core` is plain Rust (no browser code): it compiles natively (the generator uses it to
//! render the handbook's tables) and for wasm32. `web` is the thin wasm-bindgen layer, only
//! compiled for wasm32.

pub mod core;
pub mod search;

#[cfg(target_arch = "wasm32")]
pub mod web;
