//! wasm-bindgen bindings over `core`. Thin: no rule or arithmetic here.
//!
//! - [`start`]: wires a calculator page (`[data-tool="phan-bo-mau"]` or `"han-bao-cao"`),
//!   called by `site/js/calc.js` once the module is initialised.
//! - `text`, `state`, `export`, `form`, `alloc_view`, `dl_view`: pure helpers (parsing what
//!   planners type, the shareable state, CSV and iCalendar formatting, the selects' choices, the
//!   allocation page's view logic and rows, the deadlines page's text and year list as HTML; both
//!   pages' first views are also written by the generator), plain Rust with unit tests.
//! - `dom`, `alloc`, `dl`: the web-sys/gloo layer of the two pages.
// The DOM layer exists only in the browser; `export`, `state`, `text`, `form`, `alloc_view` and `dl_view` are plain Rust and
// also compile natively, so their unit tests run with `cargo test`.
// A module built with one page's feature (wasm/Cargo.toml) leaves the other page's helpers unused.
#![cfg_attr(
    not(all(feature = "tool-alloc", feature = "tool-dl")),
    allow(dead_code, unreachable_code, unused_imports)
)]
#[cfg(target_arch = "wasm32")]
use wasm_bindgen::prelude::*;

#[cfg(all(target_arch = "wasm32", feature = "tool-alloc"))]
mod alloc;
pub mod alloc_view;
#[cfg(all(target_arch = "wasm32", feature = "tool-dl"))]
mod dl;
pub mod dl_view;
#[cfg(target_arch = "wasm32")]
mod dom;
pub mod export;
pub mod form;
pub mod state;
pub mod text;

/// Name of the regulation version the calculator implements.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen(js_name = regulationName)]
pub fn regulation_name() -> String {
    crate::core::active_regulation().0.to_string()
}

/// Issue date (ISO 8601) of that regulation.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen(js_name = regulationDate)]
pub fn regulation_date() -> String {
    crate::core::active_regulation().1.to_string()
}

/// Start the calculator page rooted at `root` (its `data-tool` says which one). The page is
/// wired at once; its first render runs in short tasks, and the promise resolves when it is
/// complete (js/calc.js then marks the page ready).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen]
pub fn start(root: web_sys::Element) -> Result<js_sys::Promise, JsError> {
    match root.get_attribute("data-tool").as_deref() {
        #[cfg(feature = "tool-alloc")]
        Some("phan-bo-mau") => Ok(alloc::start(root)),
        #[cfg(feature = "tool-dl")]
        Some("han-bao-cao") => Ok(dl::start(root)),
        _ => Err(JsError::new(
            "data-tool: expected phan-bo-mau or han-bao-cao",
        )),
    }
}
