//! Small DOM helpers over web-sys. User text is only ever inserted as text
//! (`set_text_content`, `value`), never as HTML.
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, HtmlElement, HtmlInputElement, HtmlSelectElement};

pub fn window() -> web_sys::Window {
    web_sys::window().expect("window")
}

pub fn doc() -> Document {
    window().document().expect("document")
}

pub fn by_id(id: &str) -> Option<Element> {
    doc().get_element_by_id(id)
}

/// A new element with a class (empty: none).
pub fn el(tag: &str, class: &str) -> Element {
    let e = doc().create_element(tag).expect("create_element");
    if !class.is_empty() {
        e.set_class_name(class);
    }
    e
}

/// A new element with text.
pub fn text(tag: &str, class: &str, t: &str) -> Element {
    let e = el(tag, class);
    e.set_text_content(Some(t));
    e
}

/// Append `child` to `parent`, returning the child.
pub fn add(parent: &Element, child: Element) -> Element {
    let _ = parent.append_child(&child);
    child
}

/// Append an element with text.
pub fn add_text(parent: &Element, tag: &str, class: &str, t: &str) -> Element {
    add(parent, text(tag, class, t))
}

pub fn attr(e: &Element, name: &str, value: &str) {
    let _ = e.set_attribute(name, value);
}

pub fn clear(e: &Element) {
    e.set_text_content(None);
}

/// Value of an input, select or textarea (empty when missing).
pub fn value(id: &str) -> String {
    let Some(e) = by_id(id) else {
        return String::new();
    };
    if let Some(i) = e.dyn_ref::<HtmlInputElement>() {
        if i.type_() == "checkbox" {
            return if i.checked() {
                "1".into()
            } else {
                String::new()
            };
        }
        return i.value();
    }
    if let Some(s) = e.dyn_ref::<HtmlSelectElement>() {
        return s.value();
    }
    if let Some(t) = e.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        return t.value();
    }
    String::new()
}

/// Set the value of an input, select or textarea (checkbox: non-empty = checked).
pub fn set_value(id: &str, v: &str) {
    let Some(e) = by_id(id) else { return };
    if let Some(i) = e.dyn_ref::<HtmlInputElement>() {
        if i.type_() == "checkbox" {
            i.set_checked(!v.is_empty());
        } else if i.value() != v {
            i.set_value(v);
        }
    } else if let Some(s) = e.dyn_ref::<HtmlSelectElement>() {
        s.set_value(v);
    } else if let Some(t) = e.dyn_ref::<web_sys::HtmlTextAreaElement>()
        && t.value() != v
    {
        t.set_value(v);
    }
}

/// Whether the planner changed the field `id` from the value written in the page (an input's
/// `value` attribute, a checkbox's `checked`, a select's `selected` option, else its first):
/// the form can be used before the module has started.
pub fn changed_from_page(id: &str) -> bool {
    let Some(e) = by_id(id) else { return false };
    if let Some(i) = e.dyn_ref::<HtmlInputElement>() {
        if i.type_() == "checkbox" {
            i.checked() != i.default_checked()
        } else {
            i.value() != i.default_value()
        }
    } else if let Some(s) = e.dyn_ref::<HtmlSelectElement>() {
        let default = (0..s.length())
            .find(|&k| {
                s.item(k)
                    .and_then(|o| o.dyn_into::<web_sys::HtmlOptionElement>().ok())
                    .is_some_and(|o| o.default_selected())
            })
            .map_or(0, |k| k as i32);
        s.length() > 0 && s.selected_index() != default
    } else if let Some(t) = e.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        t.default_value().is_ok_and(|d| t.value() != d)
    } else {
        false
    }
}

/// The instrument select of both pages: every rules version, a replaced one marked so.
pub fn version_options(id: &str) {
    set_options(id, &sotay_calc::view::form::version_choices());
}

/// Replace the options of a select: (value, label), set as one `innerHTML`
/// ([`sotay_calc::view::form::options_html`], escaped there).
pub fn set_options(id: &str, options: &[(String, String)]) {
    if let Some(sel) = by_id(id) {
        sel.set_inner_html(&sotay_calc::view::form::options_html(options, ""));
    }
}

/// Clear every field message and `aria-invalid` under `root`.
pub fn clear_messages(root: &Element) {
    if let Ok(list) = root.query_selector_all(".field-msg") {
        for i in 0..list.length() {
            if let Some(e) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                clear(&e);
                attr(&e, "hidden", "");
                e.set_class_name("field-msg");
            }
        }
    }
    if let Ok(list) = root.query_selector_all("[aria-invalid]") {
        for i in 0..list.length() {
            if let Some(e) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                let _ = e.remove_attribute("aria-invalid");
            }
        }
    }
}

/// Show a message beside the field `field` (its `<field>-msg` element); errors also mark the
/// field `aria-invalid`. Returns false when the field has no message element.
pub fn show_message(field: &str, t: &str, error: bool) -> bool {
    let Some(m) = by_id(&sotay_calc::core::text::cat(&[field, "-msg"])) else {
        return false;
    };
    // Lines are blocks on screen; a space between them keeps them apart in the text read
    // out and copied ("…giám sát. Các địa điểm…", not "…giám sát.Các địa điểm…").
    if m.has_child_nodes() {
        let _ = m.append_with_str_1(" ");
    }
    add_text(&m, "span", "", t);
    let _ = m.remove_attribute("hidden");
    m.set_class_name(if error || m.class_name().contains("is-error") {
        "field-msg is-error"
    } else {
        "field-msg is-warning"
    });
    if error && let Some(f) = by_id(field) {
        attr(&f, "aria-invalid", "true");
    }
    true
}

/// The element as an HtmlElement (for focus, dataset, hidden).
pub fn html(e: &Element) -> Option<&HtmlElement> {
    e.dyn_ref::<HtmlElement>()
}

#[cfg(feature = "tool-alloc")]
pub fn focus(id: &str) {
    if let Some(e) = by_id(id)
        && let Some(h) = html(&e)
    {
        let _ = h.focus();
    }
}

pub fn set_hidden(id: &str, hidden: bool) {
    if let Some(e) = by_id(id)
        && let Some(h) = html(&e)
    {
        h.set_hidden(hidden);
    }
}

/// Run `f` in a later task (`setTimeout(f, 0)`), so the browser can paint and handle input
/// between two pieces of work instead of running them as one long task.
pub fn later(f: impl FnOnce() + 'static) {
    let cb = wasm_bindgen::closure::Closure::once_into_js(f);
    let _ = window().set_timeout_with_callback(cb.unchecked_ref());
}

/// A step of [`in_tasks`].
pub type Step = Box<dyn FnOnce()>;

/// Run `steps` one per task, in order, then resolve the returned promise: a page's first render
/// in short tasks instead of one long one, and js/calc.js marks the page ready when it is done.
pub fn in_tasks(steps: Vec<Step>) -> js_sys::Promise {
    fn next(mut rest: std::collections::VecDeque<Step>, done: js_sys::Function) {
        later(move || match rest.pop_front() {
            Some(step) => {
                step();
                next(rest, done);
            }
            None => {
                let _ = done.call0(&JsValue::UNDEFINED);
            }
        });
    }
    let mut steps = Some(steps);
    js_sys::Promise::new(&mut |resolve, _reject| {
        next(steps.take().unwrap_or_default().into(), resolve);
    })
}

/// `performance.now()` in ms.
#[cfg(feature = "tool-alloc")]
pub fn now_ms() -> f64 {
    window().performance().map(|p| p.now()).unwrap_or(0.0)
}

/// A number as text with 3 decimals (through JS, not Rust's float formatting).
#[cfg(feature = "tool-alloc")]
pub fn ms_text(x: f64) -> String {
    js_sys::Number::from(x)
        .to_fixed(3)
        .map(String::from)
        .unwrap_or_default()
}

thread_local! {
    static LAST_URL: core::cell::RefCell<Option<String>> = const { core::cell::RefCell::new(None) };
}

/// Offer `content` as a file download (Blob + object URL, no network). The link is also left
/// in `#calc-download` (its `href` is the Blob's URL until the next download).
pub fn download(file_name: &str, mime: &str, content: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    LAST_URL.with(|l| {
        if let Some(old) = l.borrow_mut().replace(url.clone()) {
            let _ = web_sys::Url::revoke_object_url(&old);
        }
    });
    // The visible link (to download again) …
    if let Some(a) = by_id("calc-download") {
        attr(&a, "href", &url);
        attr(&a, "download", file_name);
        a.set_text_content(Some(&sotay_calc::core::text::cat(&[
            "Tải lại tệp ",
            file_name,
        ])));
        let _ = a.remove_attribute("hidden");
    }
    // … and a detached one clicked now (its click does not bubble into the page's listeners).
    let a = el("a", "");
    attr(&a, "href", &url);
    attr(&a, "download", file_name);
    if let Some(h) = html(&a) {
        h.click();
    }
}

/// Today's local date.
pub fn today() -> sotay_calc::core::date::Date {
    let d = js_sys::Date::new_0();
    sotay_calc::core::date::Date::new(
        d.get_full_year() as i32,
        d.get_month() as u8 + 1,
        d.get_date() as u8,
    )
    .unwrap_or(sotay_calc::core::date::Date::new(2025, 1, 1).expect("valid"))
}

/// Now in UTC as iCalendar `YYYYMMDDTHHMMSSZ`.
#[cfg(feature = "tool-dl")]
pub fn dtstamp() -> String {
    let d = js_sys::Date::new_0();
    let iso = String::from(d.to_iso_string()); // 2024-01-02T03:04:05.678Z
    let mut s: String = iso
        .chars()
        .take(19)
        .filter(|c| *c != '-' && *c != ':')
        .collect();
    s.push('Z');
    s
}

/// The location hash's `key=value` value.
pub fn hash_param(key: &str) -> Option<String> {
    let h = window().location().hash().ok()?;
    let h = h.strip_prefix('#').unwrap_or(&h);
    h.split('&').find_map(|kv| {
        kv.strip_prefix(key)
            .and_then(|r| r.strip_prefix('='))
            .map(String::from)
    })
}

/// Replace the location hash without a history entry or a scroll.
pub fn set_hash(key: &str, value: &str) {
    let url = sotay_calc::core::text::cat(&["#", key, "=", value]);
    if let Ok(h) = window().history() {
        let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// localStorage item (None when absent or storage is unavailable).
pub fn store_get(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Set a localStorage item (ignored when storage is full or unavailable).
pub fn store_set(key: &str, value: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(key, value);
    }
}

/// Remove a localStorage item.
#[cfg(feature = "tool-alloc")]
pub fn store_del(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}
