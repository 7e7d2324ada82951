//! wasm-bindgen bindings over `core`. Thin: no rule or arithmetic here.
use wasm_bindgen::prelude::*;

/// Name of the regulation version the calculator implements.
#[wasm_bindgen(js_name = regulationName)]
pub fn regulation_name() -> String {
    crate::core::active_regulation().0.to_string()
}

/// Issue date (ISO 8601) of that regulation.
#[wasm_bindgen(js_name = regulationDate)]
pub fn regulation_date() -> String {
    crate::core::active_regulation().1.to_string()
}
