//! Sổ tay calculator.
//!
//! `core` is plain Rust (no browser code): it compiles natively (the generator uses it to
//! render the handbook's tables) and for wasm32. `web` is the thin browser layer: its DOM and
//! wasm-bindgen parts compile for wasm32 only, its plain helpers (form state, TSV, CSV/ICS
//! export) natively too, so they are unit-tested with `cargo test`.

pub mod core;
// In wasm32, each module built for the site holds only what its page uses (wasm/Cargo.toml,
// features); natively everything is compiled.
#[cfg(any(feature = "search", not(target_arch = "wasm32")))]
pub mod search;

pub mod web;
