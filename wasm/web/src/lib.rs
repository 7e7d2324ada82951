//! `sotay-calc-web`: the browser bindings of the calculator (wasm-bindgen, web-sys, gloo), one
//! wasm module per page. Thin: every rule, number, text and piece of markup comes from the
//! plain `sotay-calc` crate (`core`, `view`, `search`); here is only what touches the DOM.
//!
//! - [`start`]: wires a calculator page (`[data-tool="phan-bo-mau"]` or `"han-bao-cao"`),
//!   called by `site/js/calc.js` once the module is initialised.
//! - `dom`: shared DOM helpers; `alloc`, `dl`: the two tool pages; `search`: the search index.
//!
//! Cargo features choose what a module holds (generator/src/wasm_build.rs builds one module
//! per feature): `tool-alloc`, `tool-dl`, `search`. Each feature set is linted on its own in
//! CI (scripts/test.sh), so nothing here is compiled without being used. Natively this crate is
//! empty: it is only ever built for wasm32.
#![cfg(target_arch = "wasm32")]
use wasm_bindgen::prelude::*;

#[cfg(feature = "tool-alloc")]
mod alloc;
#[cfg(feature = "tool-dl")]
mod dl;
#[cfg(any(feature = "tool-alloc", feature = "tool-dl"))]
mod dom;
#[cfg(feature = "search")]
pub mod search;

/// Name of the regulation version the calculator implements.
#[wasm_bindgen(js_name = regulationName)]
pub fn regulation_name() -> String {
    sotay_calc::core::active_regulation().0.to_string()
}

/// Issue date (ISO 8601) of that regulation.
#[wasm_bindgen(js_name = regulationDate)]
pub fn regulation_date() -> String {
    sotay_calc::core::active_regulation().1.to_string()
}

/// Start the calculator page rooted at `root` (its `data-tool` says which one). The page is
/// wired at once; its first render runs in short tasks, and the promise resolves when it is
/// complete (js/calc.js then marks the page ready).
#[cfg(any(feature = "tool-alloc", feature = "tool-dl"))]
#[wasm_bindgen]
pub fn start(root: web_sys::Element) -> Result<js_sys::Promise, JsError> {
    sotay_calc::core::text::set_unicode_fallback(js_nfc, js_lower);
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

/// Unicode NFC by the JS engine (`String.prototype.normalize`, an ECMAScript built-in): the
/// Unicode tables would add ~150 KB to a module (measured), the engine has them already.
#[cfg(any(feature = "tool-alloc", feature = "tool-dl"))]
fn js_nfc(s: &str) -> String {
    js_sys::JsString::from(s).normalize("NFC").into()
}

/// Full Unicode lower case by the JS engine (`String.prototype.toLowerCase`).
#[cfg(any(feature = "tool-alloc", feature = "tool-dl"))]
fn js_lower(s: &str) -> String {
    js_sys::JsString::from(s).to_lower_case().into()
}
