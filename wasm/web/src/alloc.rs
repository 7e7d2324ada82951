//! The sample-allocation page (`/cong-cu/phan-bo-mau/`): reads the form, asks the core, shows
//! the result. No rule or arithmetic here: every number comes from `core::allocate`.
use crate::dom::{self, add, add_text, attr, by_id, clear, el};
use core::cell::RefCell;
use gloo_events::EventListener;
use sotay_calc::core::allocate::{AllocationBasis, OrderedSite, PlanOutput, Role};
use sotay_calc::core::text::{cat, num};
use sotay_calc::view::alloc_view::STORAGE_KEY;
use sotay_calc::view::alloc_view::{self, Evaluation};
use sotay_calc::view::export;
use sotay_calc::view::state::{self, AllocState, DistrictState, FieldMsg, district_field};
use sotay_calc::view::text::{int_vi, real1_vi};
use wasm_bindgen::JsCast;
use web_sys::Element;

/// Reserve sites shown per district on screen (all of them are in the CSV and print view).
const SHOWN_RESERVES: usize = 30;

struct App {
    root: Element,
    st: AllocState,
    out: Option<PlanOutput>,
    first_done: bool,
    /// The group of a `#nhom=` link waiting for the planner's answer (App::ask_group).
    ask: Option<String>,
    /// The row ✕ removed and where it was, until the next change (App::offer_undo).
    undo: Option<(usize, DistrictState)>,
}

thread_local! {
    static APP: RefCell<Option<App>> = const { RefCell::new(None) };
}

fn with_app<R>(f: impl FnOnce(&mut App) -> R) -> Option<R> {
    APP.with(|a| a.try_borrow_mut().ok()?.as_mut().map(f))
}

/// Static fields of the form: (DOM id, accessor).
fn fields(st: &mut AllocState) -> [(&'static str, &mut String); 9] {
    [
        ("f-version", &mut st.v),
        ("f-group", &mut st.g),
        ("f-n", &mut st.n),
        ("f-seed", &mut st.s),
        ("f-p", &mut st.p),
        ("f-de", &mut st.de),
        ("f-wv", &mut st.wv),
        ("f-y", &mut st.y),
        ("f-m", &mut st.m),
    ]
}

/// Wire the page and start its first render; the promise resolves when it is complete.
///
/// A page whose first view (a new plan) was written at build time (`data-first-view`,
/// `web::alloc_view::first_view`) shows it already: when the planner's plan is a new plan and
/// nothing was typed, the module only wires the page. What was typed or chosen while the module
/// was loading wins over a saved plan.
pub fn start(root: Element) -> js_sys::Promise {
    let first_view = root.has_attribute("data-first-view");
    let linked = dom::hash_param("p").and_then(|p| state::decode::<AllocState>(&p));
    let from_link = linked.is_some();
    let mut st = linked
        .or_else(|| dom::store_get(STORAGE_KEY).and_then(|s| state::decode::<AllocState>(&s)))
        .unwrap_or_default();
    // Links from the articles preselect the group: /cong-cu/phan-bo-mau/#nhom=fsw. A saved
    // plan with data of another group is not switched silently (its estimates are the other
    // group's): the page asks first (App::ask_group).
    let mut ask = None;
    if let Some(g) = dom::hash_param("nhom").filter(|g| state::group_from_str(g).is_some()) {
        if st.has_data() && !from_link && st.g != g {
            ask = Some(g);
        } else {
            st.g = g;
        }
    }
    state::prefill_n(&mut st);
    // A plan gets a seed at once (shown, saved and shared), so its site order never changes
    // with an edit elsewhere.
    if st.s.trim().is_empty() {
        st.s = st.seed_missing(random_seed());
    }
    // The page's form used before the module started (js/calc.js compares it with the page).
    let touched = first_view && root.has_attribute("data-touched");
    let mut app = App {
        root: root.clone(),
        st,
        out: None,
        first_done: false,
        ask: None,
        undo: None,
    };
    if first_view && !touched && app.st.is_new() {
        // The page shows this plan's view already (the equality is tested in
        // tests/tests/calculator.rs): a new plan has no result (`alloc_view::first_view` is
        // written only then), nothing to draw and nothing to save; only its seed is new.
        dom::set_value("f-seed", &app.st.s);
        app.first_done = true;
        attr(&root, "data-first-result-ms", &dom::ms_text(dom::now_ms()));
        APP.with(|a| *a.borrow_mut() = Some(app));
        listen(&root);
        return js_sys::Promise::resolve(&wasm_bindgen::JsValue::UNDEFINED);
    }
    let p = draw_first(app, &root, touched, first_view);
    if let Some(g) = ask {
        with_app(|app| app.ask_group(g));
    }
    p
}

/// Copy `text` to the clipboard (`navigator.clipboard.writeText`, through Reflect: no web-sys
/// features for it), else select the share field and `execCommand('copy')`.
fn copy_text(text: &str) {
    use wasm_bindgen::JsValue;
    let nav = navigator();
    let clip = js_sys::Reflect::get(&nav, &JsValue::from_str("clipboard")).ok();
    let write = clip.as_ref().and_then(|c| {
        js_sys::Reflect::get(c, &JsValue::from_str("writeText"))
            .ok()?
            .dyn_into::<js_sys::Function>()
            .ok()
    });
    match (clip, write) {
        (Some(c), Some(w)) => {
            let _ = w.call1(&c, &JsValue::from_str(text));
        }
        _ => {
            if let Some(i) =
                by_id("f-share").and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                i.select();
                let doc = dom::doc();
                if let Ok(f) = js_sys::Reflect::get(&doc, &JsValue::from_str("execCommand"))
                    .and_then(|f| f.dyn_into::<js_sys::Function>())
                {
                    let _ = f.call1(&doc, &JsValue::from_str("copy"));
                }
            }
        }
    }
}

/// `window.navigator` (through Reflect: no web-sys feature for it).
fn navigator() -> wasm_bindgen::JsValue {
    js_sys::Reflect::get(
        &dom::window(),
        &wasm_bindgen::JsValue::from_str("navigator"),
    )
    .unwrap_or(wasm_bindgen::JsValue::UNDEFINED)
}

/// Whether the browser has the Web Share API (phones).
fn can_share() -> bool {
    js_sys::Reflect::has(&navigator(), &wasm_bindgen::JsValue::from_str("share")).unwrap_or(false)
}

/// `navigator.share({title, url})` (the phone's share sheet; the plan is in the link only).
fn share_link(url: &str) {
    use wasm_bindgen::JsValue;
    let nav = navigator();
    let Ok(f) = js_sys::Reflect::get(&nav, &JsValue::from_str("share"))
        .and_then(|f| f.dyn_into::<js_sys::Function>())
    else {
        return;
    };
    let data = js_sys::Object::new();
    let _ = js_sys::Reflect::set(
        &data,
        &JsValue::from_str("title"),
        &JsValue::from_str("Kế hoạch phân bổ mẫu"),
    );
    let _ = js_sys::Reflect::set(&data, &JsValue::from_str("url"), &JsValue::from_str(url));
    // A cancelled share rejects: nothing to do.
    if let Ok(p) = f
        .call1(&nav, &data)
        .and_then(|p| p.dyn_into::<js_sys::Promise>())
    {
        let noop = wasm_bindgen::closure::Closure::once(|_: JsValue| {});
        let _ = p.catch(&noop);
        noop.forget();
    }
}

/// A random seed for a new plan (or the "Hạt giống mới" button): short enough to type.
fn random_seed() -> u64 {
    (js_sys::Math::random() * 1_000_000.0) as u64 + 1
}

/// The first render of any other plan: a saved, linked or typed one. Not inlined into
/// [`start`]: the browser compiles a wasm function on its first call, and a new plan's start
/// should not pay for compiling all of this.
#[inline(never)]
fn draw_first(mut app: App, root: &Element, touched: bool, first_view: bool) -> js_sys::Promise {
    if touched {
        let seed = core::mem::take(&mut app.st.s);
        app.st = AllocState::default();
        app.read_form();
        if app.st.s.trim().is_empty() {
            app.st.s = seed;
            dom::set_value("f-seed", &app.st.s);
        }
        if dom::changed_from_page("f-version") {
            app.fill_groups();
        }
    } else {
        if !first_view {
            dom::version_options("f-version");
        }
        app.write_form();
    }
    APP.with(|a| *a.borrow_mut() = Some(app));
    listen(root);
    // The results in the same task as the form: splitting them let the browser lay out the
    // form in between, and the first result came 120 ms after the load event (budget 100;
    // 40-60 ms this way). The allocation page has no long list to defer.
    with_app(|app| app.update());
    // Saving waits for the next task. An untouched new plan has nothing to save or share:
    // history.replaceState and the storage write cost a task of 15-40 ms in Lighthouse's trace.
    dom::in_tasks(vec![Box::new(|| {
        with_app(|app| (!app.st.is_new()).then(|| app.persist()));
    })])
}

fn listen(root: &Element) {
    if can_share() {
        dom::set_hidden("f-share-btn", false);
    }
    EventListener::new(root, "input", |e| {
        let target = e.target().and_then(|t| t.dyn_into::<Element>().ok());
        let id = target.map(|t| t.id()).unwrap_or_default();
        with_app(|app| {
            if id == "f-version" {
                app.read_form();
                app.fill_groups();
            }
            app.read_form();
            if id == "f-group" || id == "f-version" {
                // A fixed size (400) fills an empty sample size.
                let n = app.st.n.clone();
                state::prefill_n(&mut app.st);
                if app.st.n != n {
                    dom::set_value("f-n", &app.st.n);
                }
            }
            app.update();
        });
    })
    .forget();
    EventListener::new(root, "click", |e| {
        let Some(t) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        let Ok(Some(btn)) = t.closest("[data-action]") else {
            return;
        };
        let action = btn.get_attribute("data-action").unwrap_or_default();
        let row = btn
            .get_attribute("data-row")
            .and_then(|r| {
                sotay_calc::view::text::parse_uint(&r, 100_000)
                    .ok()
                    .flatten()
            })
            .map(|r| r as usize);
        let print = with_app(|app| app.action(&action, row)).unwrap_or(false);
        if print {
            let _ = dom::window().print();
        }
    })
    .forget();
    EventListener::new_with_options(
        root,
        "paste",
        gloo_events::EventListenerOptions::enable_prevent_default(),
        |e| {
            let Some(ce) = e.dyn_ref::<web_sys::ClipboardEvent>() else {
                return;
            };
            let Some(t) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
                return;
            };
            // Only pastes into the districts table (or its paste box) are rows.
            if t.closest("#d-table, #d-paste").ok().flatten().is_none() {
                return;
            }
            let text = ce
                .clipboard_data()
                .and_then(|d| d.get_data("text/plain").ok())
                .unwrap_or_default();
            // The paste box reads any paste as rows (tab, `;` or `,`-separated); a cell of the
            // table only a copy of several cells.
            if !(t.id() == "d-paste" || text.contains('\t') || text.trim().contains('\n')) {
                return; // an ordinary paste into one cell
            }
            e.prevent_default();
            with_app(|app| app.paste(&text, &t));
        },
    )
    .forget();
    if let Some(input) = by_id("f-import") {
        EventListener::new(&input, "change", |e| {
            let Some(i) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            let Some(file) = i.files().and_then(|f| f.get(0)) else {
                return;
            };
            i.set_value("");
            let cb = wasm_bindgen::closure::Closure::once(|text: wasm_bindgen::JsValue| {
                let text = text.as_string().unwrap_or_default();
                with_app(|app| app.import(&text));
            });
            let _ = file.text().then(&cb);
            cb.forget();
        })
        .forget();
    }
    EventListener::new(&dom::window(), "beforeprint", |_| {
        with_app(|app| app.render_print());
    })
    .forget();
    EventListener::new(&dom::window(), "hashchange", |_| {
        if let Some(st) = dom::hash_param("p").and_then(|p| state::decode::<AllocState>(&p)) {
            with_app(|app| {
                if app.st != st {
                    app.st = st;
                    app.write_form();
                    app.update();
                }
            });
        }
    })
    .forget();
}

impl App {
    fn fill_groups(&mut self) {
        dom::set_options("f-group", &alloc_view::group_choices(&self.st.v));
        dom::set_value("f-group", &self.st.g);
    }

    /// State → form (after load, import, new plan, structural changes).
    fn write_form(&mut self) {
        self.fill_groups();
        for (id, v) in fields(&mut self.st) {
            dom::set_value(id, v);
        }
        dom::set_value("f-sti", if self.st.sti { "1" } else { "" });
        dom::set_value("f-cs", &self.st.cs);
        self.build_rows();
    }

    /// Form → state.
    fn read_form(&mut self) {
        for (id, v) in fields(&mut self.st) {
            *v = dom::value(id);
        }
        self.st.sti = !dom::value("f-sti").is_empty();
        self.st.cs = dom::value("f-cs");
        for (i, d) in self.st.d.iter_mut().enumerate() {
            d.n = dom::value(&district_field(i, "n"));
            d.e = dom::value(&district_field(i, "e"));
            d.s = dom::value(&district_field(i, "s"));
        }
    }

    /// The districts table's rows ([`alloc_view::rows_html`], no values), then their values
    /// as text.
    fn build_rows(&self) {
        let Some(body) = by_id("d-rows") else { return };
        body.set_inner_html(&alloc_view::rows_html(self.st.d.len()));
        for (i, d) in self.st.d.iter().enumerate() {
            dom::set_value(&district_field(i, "n"), &d.n);
            dom::set_value(&district_field(i, "e"), &d.e);
            dom::set_value(&district_field(i, "s"), &d.s);
        }
    }

    /// Returns true when the page should be printed (after the borrow ends).
    fn action(&mut self, action: &str, row: Option<usize>) -> bool {
        self.read_form();
        match (action, row) {
            ("add", _) => {
                self.st.d.push(DistrictState::default());
                self.build_rows();
                dom::focus(&district_field(self.st.d.len() - 1, "n"));
            }
            // The focus follows the row to the same button (a Space then moves it again; in
            // the name field it would type).
            ("up", Some(i)) if i > 0 && i < self.st.d.len() => {
                self.st.d.swap(i, i - 1);
                self.build_rows();
                self.focus_button(i - 1, "up", "down");
            }
            ("down", Some(i)) if i + 1 < self.st.d.len() => {
                self.st.d.swap(i, i + 1);
                self.build_rows();
                self.focus_button(i + 1, "down", "up");
            }
            ("copy-link", _) => {
                self.persist();
                let href = dom::value("f-share");
                copy_text(&href);
                dom::show_message("f-share", "Đã sao chép liên kết.", false);
                return false;
            }
            ("share", _) => {
                self.persist();
                share_link(&dom::value("f-share"));
                return false;
            }
            ("remove", Some(i)) if i < self.st.d.len() => {
                let gone = self.st.d.remove(i);
                if self.st.d.is_empty() {
                    self.st.d.push(DistrictState::default());
                }
                self.build_rows();
                dom::focus(&district_field(i.min(self.st.d.len() - 1), "n"));
                self.update();
                self.offer_undo(i, gone);
                return false;
            }
            ("undo-remove", _) => {
                let Some((i, row)) = self.undo.take() else {
                    return false;
                };
                // The row replaces the empty one left when it was the only row.
                if self.st.d.len() == 1 && self.st.d[0] == DistrictState::default() {
                    self.st.d.clear();
                }
                let at = i.min(self.st.d.len());
                self.st.d.insert(at, row);
                self.build_rows();
                dom::focus(&district_field(at, "n"));
            }
            ("seed", _) => {
                self.st.s = num(random_seed());
                dom::set_value("f-seed", &self.st.s);
            }
            ("nhom-new", _) => {
                let Some(g) = self.ask.take() else {
                    return false;
                };
                dom::store_del(STORAGE_KEY);
                self.st = AllocState {
                    g,
                    s: num(random_seed()),
                    ..AllocState::default()
                };
                state::prefill_n(&mut self.st);
                self.write_form();
                self.close_ask();
                dom::focus("f-n");
            }
            ("example", _) => {
                if self.st.has_data()
                    && !dom::window()
                        .confirm_with_message(
                            "Mở kế hoạch ví dụ? Kế hoạch đang nhập sẽ được thay thế (hãy xuất JSON trước nếu cần giữ).",
                        )
                        .unwrap_or(false)
                {
                    return false;
                }
                self.st = state::example_plan();
                self.write_form();
                dom::focus("calc-example");
            }
            ("nhom-keep", _) => {
                self.ask = None;
                self.close_ask();
                dom::focus("f-group");
            }
            ("new", _) => {
                let ok = dom::window()
                    .confirm_with_message(
                        "Bắt đầu kế hoạch mới? Kế hoạch đang nhập sẽ bị xóa khỏi trang và bộ nhớ trình duyệt (hãy xuất JSON trước nếu cần giữ).",
                    )
                    .unwrap_or(false);
                if !ok {
                    return false;
                }
                dom::store_del(STORAGE_KEY);
                self.st = AllocState {
                    s: num(random_seed()),
                    ..AllocState::default()
                };
                self.write_form();
                dom::focus("f-n");
            }
            ("csv" | "csv-semi", _) => {
                if let Some(out) = &self.out {
                    let delim = if action == "csv" { ',' } else { ';' };
                    let year = sotay_calc::view::text::parse_uint(&self.st.y, 2150)
                        .ok()
                        .flatten()
                        .map_or_else(|| dom::today().year, |y| y as i32);
                    dom::download(
                        &export::csv_file_name(&self.st.g, year),
                        "text/csv;charset=utf-8",
                        &self.plan_csv(out, delim),
                    );
                }
                return false;
            }
            ("json", _) => {
                dom::download(
                    "ke-hoach-phan-bo-mau.json",
                    "application/json",
                    &self.json_export(),
                );
                return false;
            }
            ("print", _) => {
                self.render_print();
                return true;
            }
            _ => return false,
        }
        self.update();
        false
    }

    /// The CSV with its metadata rows (group, sample size, instrument, date) and the audit
    /// trail (export::audit_rows).
    fn plan_csv(&self, out: &PlanOutput, delim: char) -> String {
        let n = int_vi(out.sample_size as u64);
        let today = dom::today().dmy();
        let audit = export::audit_rows(out.seed, &export::input_hash(&self.st));
        let mut meta: Vec<(&str, &str)> = vec![
            ("Nhóm đối tượng", out.group_name),
            ("Cỡ mẫu", &n),
            ("Văn bản áp dụng", out.regulation.name),
            ("Ngày xuất", &today),
        ];
        meta.extend(audit.iter().map(|(k, v)| (*k, v.as_str())));
        export::plan_csv_with(out, &meta, delim)
    }

    /// `{"format": "sotay-ke-hoach", "version": 1, "input": <form>, "result": <core output>,
    /// "audit": {seed, algorithm, algorithm_version, calculator_version, input_hash}}`.
    fn json_export(&self) -> String {
        let input = state::input_json(&self.st);
        let result = self
            .out
            .as_ref()
            .map(export::plan_json)
            .unwrap_or_else(|| "null".into());
        let body = cat(&[
            "{\"format\":\"sotay-ke-hoach\",\"version\":1,\"input\":",
            &input,
            ",\"result\":",
            &result,
            ",\"audit\":",
            &self.audit_json(),
            "}",
        ]);
        // Pretty-print through JS (keeps float formatting out of the wasm module).
        js_sys::JSON::parse(&body)
            .ok()
            .and_then(|v| {
                js_sys::JSON::stringify_with_replacer_and_space(
                    &v,
                    &wasm_bindgen::JsValue::NULL,
                    &wasm_bindgen::JsValue::from_f64(2.0),
                )
                .ok()
            })
            .map(String::from)
            .unwrap_or(body)
    }

    fn audit_json(&self) -> String {
        use sotay_calc::core::rng::{ALGORITHM, ALGORITHM_VERSION};
        let mut o = String::from("{\"seed\":");
        state::json_str(
            &mut o,
            &self.out.as_ref().map(|o| num(o.seed)).unwrap_or_default(),
        );
        o.push_str(",\"algorithm\":");
        state::json_str(&mut o, ALGORITHM);
        o.push_str(",\"algorithm_version\":");
        o.push_str(&num(ALGORITHM_VERSION as u64));
        o.push_str(",\"calculator_version\":");
        state::json_str(&mut o, export::CALCULATOR_VERSION);
        o.push_str(",\"input_hash\":");
        state::json_str(&mut o, &export::input_hash(&self.st));
        o.push('}');
        o
    }

    fn import(&mut self, text: &str) {
        use wasm_bindgen::JsValue;
        let get = |o: &JsValue, k: &str| js_sys::Reflect::get(o, &JsValue::from_str(k)).ok();
        let s = |o: &JsValue, k: &str| get(o, k).and_then(|v| v.as_string()).unwrap_or_default();
        let parsed = js_sys::JSON::parse(text)
            .ok()
            .filter(|v| s(v, "format") == "sotay-ke-hoach")
            .and_then(|v| get(&v, "input"))
            .filter(|i| i.is_object());
        let Some(input) = parsed else {
            self.note(
                "import",
                "Không đọc được tệp: cần tệp JSON do máy tính này xuất (nút \"Xuất JSON\").",
                true,
            );
            return;
        };
        let mut st = AllocState {
            d: Vec::new(),
            ..AllocState::default()
        };
        {
            let [v, g, n, seed, _, p, de, wv, y, m, cs] = state::JSON_KEYS;
            st.v = s(&input, v);
            st.g = s(&input, g);
            st.n = s(&input, n);
            st.s = s(&input, seed);
            st.p = s(&input, p);
            st.de = s(&input, de);
            st.wv = s(&input, wv);
            st.y = s(&input, y);
            st.m = s(&input, m);
            st.cs = s(&input, cs);
        }
        st.sti = !s(&input, state::JSON_KEYS[4]).is_empty();
        if let Some(list) = get(&input, "districts").filter(js_sys::Array::is_array) {
            for d in js_sys::Array::from(&list).iter() {
                st.d.push(DistrictState {
                    n: s(&d, "name"),
                    e: s(&d, "estimate"),
                    s: s(&d, "sites"),
                });
            }
        }
        if st.d.is_empty() {
            st.d.push(DistrictState::default());
        }
        let ok = dom::window()
            .confirm_with_message("Mở kế hoạch từ tệp? Kế hoạch đang nhập sẽ được thay thế.")
            .unwrap_or(false);
        if ok {
            self.st = st;
            self.write_form();
            self.update();
            self.note("import", "Đã mở kế hoạch từ tệp.", false);
        }
    }

    /// A `#nhom=` link to a group other than the saved plan's: ask, in the page, whether to
    /// open a new plan for that group or keep the saved one (nothing switches until then).
    fn ask_group(&mut self, g: String) {
        let choices = alloc_view::group_choices(&self.st.v);
        let name = |id: &str| {
            choices
                .iter()
                .find(|(v, _)| v == id)
                .map(|(_, l)| l.clone())
                .unwrap_or_else(|| id.into())
        };
        let (new, old) = (name(&g), name(&self.st.g));
        let Some(form) = by_id("calc-form") else {
            return;
        };
        self.close_ask();
        let box_ = el("div", "calc-ask");
        attr(&box_, "id", "calc-ask");
        attr(&box_, "role", "group");
        attr(&box_, "aria-labelledby", "calc-ask-text");
        let p = add_text(
            &box_,
            "p",
            "",
            &cat(&[
                "Liên kết này mở nhóm “",
                &new,
                "”, nhưng kế hoạch đang lưu trong trình duyệt này là của nhóm “",
                &old,
                "”, với các ước lượng của nhóm đó. Chưa đổi gì: hãy chọn.",
            ]),
        );
        attr(&p, "id", "calc-ask-text");
        attr(&p, "role", "alert");
        let row = add(&box_, el("div", "calc-inline"));
        let b = add_text(
            &row,
            "button",
            "btn",
            &cat(&["Mở kế hoạch mới cho nhóm “", &new, "”"]),
        );
        attr(&b, "type", "button");
        attr(&b, "data-action", "nhom-new");
        let k = add_text(&row, "button", "btn", "Giữ kế hoạch đang lưu");
        attr(&k, "type", "button");
        attr(&k, "data-action", "nhom-keep");
        add_text(
            &box_,
            "p",
            "field-hint",
            "Kế hoạch mới thay thế kế hoạch đang lưu: hãy xuất JSON trước nếu cần giữ.",
        );
        let _ = form.prepend_with_node_1(&box_);
        self.ask = Some(g);
    }

    /// After ✕: say which row went (with how many sites) and offer to put it back, until the
    /// next change.
    fn offer_undo(&mut self, i: usize, row: DistrictState) {
        let blank = row.n.trim().is_empty() && row.e.trim().is_empty() && row.s.trim().is_empty();
        if blank {
            return;
        }
        let sites = row.s.lines().filter(|l| !l.trim().is_empty()).count();
        let name = if row.n.trim().is_empty() {
            cat(&["dòng ", &num(i as u64 + 1)])
        } else {
            cat(&["“", row.n.trim(), "”"])
        };
        let mut t = cat(&["Đã xóa ", &name]);
        if sites > 0 {
            t.push_str(&cat(&[" cùng ", &num(sites as u64), " điểm"]));
        }
        t.push('.');
        dom::show_message("d-table", &t, false);
        if let Some(m) = by_id("d-table-msg") {
            let b = add_text(&m, "button", "btn", "Hoàn tác");
            attr(&b, "type", "button");
            attr(&b, "data-action", "undo-remove");
            attr(&b, "id", "d-undo");
        }
        self.undo = Some((i, row));
    }

    /// Focus the button `action` of row `row` (else its `other` button, when `action` is
    /// disabled there: the first row has no ↑).
    fn focus_button(&self, row: usize, action: &str, other: &str) {
        for a in [action, other] {
            let sel = cat(&[
                "#d-rows [data-action=",
                a,
                "][data-row=\"",
                &num(row as u64),
                "\"]:not([disabled])",
            ]);
            if let Ok(Some(b)) = self.root.query_selector(&sel)
                && let Some(h) = dom::html(&b)
            {
                let _ = h.focus();
                return;
            }
        }
    }

    fn close_ask(&self) {
        if let Some(b) = by_id("calc-ask") {
            b.remove();
        }
    }

    fn note(&self, field: &str, t: &str, error: bool) {
        if let Some(m) = by_id(&cat(&["f-", field, "-msg"])) {
            clear(&m);
        }
        dom::show_message(&cat(&["f-", field]), t, error);
    }

    fn paste(&mut self, text: &str, target: &Element) {
        self.read_form();
        let state::Pasted {
            rows,
            problems,
            notes,
        } = state::parse_table(text);
        if rows.is_empty() {
            if !notes.is_empty() {
                dom::show_message("d-table", &notes.join(" "), false);
            }
            return;
        }
        // Replace the empty rows, keep the filled ones, append the pasted rows.
        self.st
            .d
            .retain(|d| !(d.n.trim().is_empty() && d.e.trim().is_empty() && d.s.trim().is_empty()));
        let n = rows.len();
        self.st.d.extend(rows);
        self.build_rows();
        if target.id() == "d-paste" {
            dom::set_value("d-paste", "");
        }
        self.update();
        let mut t = cat(&["Đã dán ", &num(n as u64), " dòng."]);
        for p in notes.iter().chain(&problems) {
            t.push(' ');
            t.push_str(p);
        }
        dom::show_message("d-table", &t, !problems.is_empty());
    }

    /// Compute and show; persist the state.
    fn update(&mut self) {
        // A change after ✕: the removed row is no longer offered back.
        self.undo = None;
        let t0 = dom::now_ms();
        let Evaluation {
            out,
            errors: msgs,
            warnings,
        } = alloc_view::evaluate(&self.st);
        let t1 = dom::now_ms();
        self.out = out;
        self.show_range();
        dom::clear_messages(&self.root);
        for m in &msgs {
            if m.pending() {
                // A request for the sample size, not an error (alloc_view::shown_messages).
                dom::show_message(&m.field, &m.text, false);
                if let Some(e) = by_id("f-n-msg") {
                    e.set_class_name("field-msg is-pending");
                }
            } else if !dom::show_message(&m.field, &m.text, true) {
                dom::show_message("f-n", &m.text, true);
            }
        }
        for w in &warnings {
            dom::show_message(&w.field, &w.text, false);
        }
        self.render(&msgs);
        self.toggle_sections();
        self.toggle_notes();
        let t2 = dom::now_ms();
        attr(&self.root, "data-compute-ms", &dom::ms_text(t1 - t0));
        attr(&self.root, "data-render-ms", &dom::ms_text(t2 - t1));
        let first = !self.first_done;
        if first {
            self.first_done = true;
            attr(&self.root, "data-first-result-ms", &dom::ms_text(t2));
        }
        attr(
            &self.root,
            "data-state",
            if msgs.is_empty() { "ok" } else { "error" },
        );
        // The first result's state was just restored: saving it can wait for the next task
        // (start's promise), out of the task that shows the result.
        if !first {
            self.persist();
        }
    }

    /// Save the plan (this browser), put it in the address and in the share field.
    fn persist(&self) {
        let packed = state::encode(&self.st);
        dom::store_set(STORAGE_KEY, &packed);
        dom::set_hash("p", &packed);
        if by_id("f-share").is_some() {
            let href = dom::window().location().href().unwrap_or_default();
            dom::set_value("f-share", &href);
        }
    }

    /// Legal range of the chosen group, beside the sample size.
    fn show_range(&self) {
        if let Some(hint) = by_id("f-n-hint") {
            hint.set_text_content(Some(&alloc_view::range_text(&self.st)));
        }
    }

    /// Hide the hints and the notes beside the result that do not apply to this plan (written
    /// into the page at build time: alloc_view::plan_notes_html, district_hint_html).
    fn toggle_notes(&self) {
        let Ok(list) = self.root.query_selector_all("[data-when]") else {
            return;
        };
        for i in 0..list.length() {
            if let Some(e) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok())
                && let Some(h) = dom::html(&e)
            {
                let when = e.get_attribute("data-when").unwrap_or_default();
                h.set_hidden(!alloc_view::note_shown(&when, &self.st));
            }
        }
    }

    /// Districts or clinics, as the group's method needs.
    fn toggle_sections(&self) {
        let (districts, clinics) = alloc_view::sections_hidden(&self.st);
        dom::set_hidden("d-fieldset", districts);
        dom::set_hidden("cs-fieldset", clinics);
        // The example plan says it is made up, wherever it is shown.
        dom::set_hidden("calc-example", !state::is_example(&self.st));
        // A seed means nothing to consecutive sampling.
        dom::set_hidden("f-seed-field", !state::uses_seed(&self.st));
    }

    fn render(&self, errors: &[FieldMsg]) {
        let Some(res) = by_id("calc-results") else {
            return;
        };
        clear(&res);
        let summary = by_id("calc-summary");
        let Some(out) = &self.out else {
            let t = alloc_view::summary_for(errors);
            if let Some(s) = summary {
                s.set_text_content(Some(&t));
            }
            if errors.iter().all(FieldMsg::pending) {
                return;
            }
            let ul = add(&res, el("ul", "calc-errors"));
            for e in errors {
                let li = add(&ul, el("li", ""));
                let a = add_text(&li, "a", "", &e.text);
                attr(&a, "href", &cat(&["#", &e.field]));
            }
            return;
        };
        let selected = out.districts.iter().filter(|d| d.selected).count();
        let wards = out.wards.as_ref().and_then(|w| w.wards_needed);
        let mut t = match wards {
            Some(k) => cat(&[
                "Cần ",
                &num(k as u64),
                " ",
                out.site_kind_name,
                " cho cả tỉnh để lấy ",
                &int_vi(out.sample_size as u64),
                " mẫu",
            ]),
            None => cat(&["Đã phân bổ ", &int_vi(out.sample_size as u64), " mẫu"]),
        };
        if selected > 0 && wards.is_none() {
            t.push_str(" cho ");
            t.push_str(&num(selected as u64));
            t.push_str(" huyện / khu vực");
        }
        t.push_str(" theo ");
        t.push_str(out.regulation.name);
        if !out.warnings.is_empty() {
            t.push_str("; ");
            t.push_str(&num(out.warnings.len() as u64));
            t.push_str(" cảnh báo");
        }
        t.push('.');
        if let Some(s) = summary {
            s.set_text_content(Some(&t));
        }

        let reg = add(&res, el("p", "calc-regulation"));
        add_text(&reg, "strong", "", "Văn bản áp dụng: ");
        add_text(&reg, "span", "", out.regulation.name);
        if let Some(next) = out.regulation.replaced_by {
            add_text(
                &reg,
                "span",
                "",
                &cat(&[" — đã được thay thế bởi ", next, "."]),
            );
        }
        let random = state::uses_seed(&self.st);
        let meta = add(&res, el("p", "calc-meta"));
        meta.set_text_content(Some(&cat(&[
            "Nhóm: ",
            out.group_name,
            " · Phương pháp (",
            out.method_article,
            ") · Nơi lấy mẫu: ",
            out.site_kind_name,
            &if random {
                cat(&[
                    " · Hạt giống: ",
                    &num(out.seed),
                    if out.seed_derived {
                        " (tự sinh từ dữ liệu nhập)"
                    } else {
                        ""
                    },
                ])
            } else {
                " · Lấy mẫu liên tiếp (không có thứ tự ngẫu nhiên)".into()
            },
        ])));
        if let Some(w) = &out.wards {
            let k = w.wards_needed.map(|k| num(k as u64));
            add_text(
                &res,
                "p",
                "calc-wards",
                &cat(&[
                    "Số ",
                    out.site_kind_name,
                    " cần giám sát cho cả tỉnh (",
                    w.article,
                    "): ",
                    k.as_deref().unwrap_or("chưa tính được"),
                    ".",
                ]),
            );
        }
        if !out.warnings.is_empty() {
            add_text(&res, "h3", "", "Cảnh báo");
            let ul = add(&res, el("ul", "calc-warnings"));
            for w in &out.warnings {
                add_text(&ul, "li", "", &w.text);
            }
        }
        if !out.districts.is_empty() {
            add_text(&res, "h3", "", "Huyện / khu vực và phân bổ");
            let guidance = match &out.allocation_basis {
                AllocationBasis::Guidance { note } => Some(note.as_str()),
                _ => None,
            };
            let kinds = out.area_kinds.is_some();
            let table = add(&res, el("table", "calc-table"));
            head(
                &table,
                &[
                    "Hạng",
                    "Huyện / khu vực",
                    "Ước lượng",
                    "Được chọn",
                    if guidance.is_some() {
                        "Số mẫu (tham khảo)"
                    } else {
                        "Số mẫu"
                    },
                    "Số điểm cần đến",
                    if kinds { "Loại đơn vị" } else { "" },
                ][..if kinds { 7 } else { 6 }],
            );
            let body = add(&table, el("tbody", ""));
            for d in &out.districts {
                let tr = add(&body, el("tr", if d.selected { "" } else { "is-out" }));
                add_text(&tr, "td", "num", &num(d.rank as u64));
                add_text(&tr, "td", "", &d.name);
                add_text(&tr, "td", "num", &int_vi(d.estimate));
                add_text(&tr, "td", "", if d.selected { "có" } else { "không" });
                add_text(&tr, "td", "num", &int_vi(d.allocated as u64));
                let needed = match (d.sites_needed, d.mean_per_site) {
                    (Some(n), Some(m)) => {
                        cat(&[&num(n as u64), " (trung bình ", &real1_vi(m), "/điểm)"])
                    }
                    (Some(n), None) => num(n as u64),
                    _ => "—".into(),
                };
                add_text(&tr, "td", "", &needed);
                if kinds {
                    add_text(&tr, "td", "", d.kind.map(|k| k.name_vi()).unwrap_or("—"));
                }
            }
            // Totals: every area's estimate, the areas chosen, the samples and sites.
            let foot = add(&table, el("tfoot", ""));
            let tr = add(&foot, el("tr", "calc-total"));
            let th = add_text(&tr, "th", "", "Tổng");
            attr(&th, "scope", "row");
            attr(&th, "colspan", "2");
            let est: u64 = out.districts.iter().map(|d| d.estimate).sum();
            let chosen = out.districts.iter().filter(|d| d.selected).count();
            let alloc: u64 = out.districts.iter().map(|d| d.allocated as u64).sum();
            let needed: Option<u64> = out
                .districts
                .iter()
                .filter(|d| d.selected)
                .map(|d| d.sites_needed.map(u64::from))
                .sum();
            add_text(&tr, "td", "num", &int_vi(est));
            add_text(&tr, "td", "", &cat(&[&num(chosen as u64), " được chọn"]));
            add_text(&tr, "td", "num", &int_vi(alloc));
            add_text(
                &tr,
                "td",
                "",
                &needed.map(num).unwrap_or_else(|| "—".into()),
            );
            if kinds {
                add(&tr, el("td", ""));
            }
            if let Some(note) = guidance {
                add_text(&res, "p", "calc-note", &cat(&["Tham khảo: ", note]));
            }
        }
        add_text(&res, "h3", "", "Cách tính từng bước");
        let ol = add(&res, el("ol", "calc-steps"));
        for s in &out.steps {
            let li = add_text(&ol, "li", "", &s.text);
            if let Some(a) = s.article {
                add_text(&li, "span", "calc-article", &cat(&[" (", a, ")"]));
            }
        }
        let with_sites: Vec<_> = out
            .districts
            .iter()
            .filter(|d| d.selected && !d.sites.is_empty())
            .collect();
        if !with_sites.is_empty() || !out.sites.is_empty() {
            add_text(
                &res,
                "h3",
                "",
                if random {
                    "Thứ tự các điểm (ngẫu nhiên theo hạt giống)"
                } else {
                    "Các điểm (theo thứ tự đã nhập)"
                },
            );
            add_text(
                &res,
                "p",
                "calc-note",
                if random {
                    "Đến các điểm chính theo thứ tự; nếu chưa đủ số mẫu phân bổ thì đến tiếp các điểm dự phòng theo thứ tự."
                } else {
                    "Lấy mẫu liên tiếp: lấy mọi người đủ tiêu chuẩn đến các điểm cho đến khi đủ số mẫu."
                },
            );
        }
        for d in with_sites {
            let sec = add(&res, el("section", "calc-sites"));
            attr(&sec, "data-district", &d.name);
            add_text(
                &sec,
                "h4",
                "",
                &cat(&[
                    &d.name,
                    ": ",
                    &int_vi(d.allocated as u64),
                    " mẫu",
                    &d.sites_needed
                        .map(|n| cat(&[", ", &num(n as u64), " điểm chính"]))
                        .unwrap_or_default(),
                ]),
            );
            sites_table(&sec, &d.sites);
        }
        if !out.sites.is_empty() {
            let sec = add(&res, el("section", "calc-sites"));
            add_text(&sec, "h4", "", out.site_kind_name);
            sites_table(&sec, &out.sites);
        }
        let sp = &out.specimens;
        add_text(&res, "h3", "", "Bệnh phẩm và xét nghiệm cần chuẩn bị");
        let table = add(&res, el("table", "calc-table"));
        head(&table, &["Bệnh phẩm", "Số lượng", "Điều"]);
        let body = add(&table, el("tbody", ""));
        for s in &sp.specimens {
            let tr = add(&body, el("tr", ""));
            add_text(&tr, "td", "", s.name);
            add_text(&tr, "td", "num", &int_vi(s.count as u64));
            add_text(&tr, "td", "", s.article);
        }
        let table = add(&res, el("table", "calc-table"));
        head(&table, &["Xét nghiệm", "Số lượng", "Trên mẫu, tại", "Điều"]);
        let body = add(&table, el("tbody", ""));
        for s in &sp.tests {
            let tr = add(&body, el("tr", ""));
            add_text(&tr, "td", "", s.name);
            add_text(&tr, "td", "num", &int_vi(s.count as u64));
            add_text(&tr, "td", "", s.place);
            add_text(&tr, "td", "", s.article);
        }
        if let Some(a) = &sp.aliquots {
            add_text(
                &res,
                "p",
                "",
                &cat(&[
                    "Chia mỗi mẫu huyết thanh thành ",
                    &num(a.parts_per_sample as u64),
                    " phần: tổng ",
                    &int_vi(a.total as u64),
                    " ống (",
                    a.article,
                    ").",
                ]),
            );
        }
        for n in &sp.notes {
            add_text(&res, "p", "calc-note", n);
        }
        if let Some(p) = &out.precision {
            add_text(&res, "h3", "", "Độ chính xác (khoảng tin cậy 95%)");
            add_text(&res, "p", "calc-precision", &p.text);
        }
        if let Some(c) = &out.consecutive {
            add_text(&res, "h3", "", "Lấy mẫu liên tiếp: dự kiến đủ mẫu");
            let mut t = cat(&[
                "Với ",
                &int_vi(c.weekly_volume as u64),
                " người mỗi tuần: cần khoảng ",
                &num(c.days_needed as u64),
                " ngày",
            ]);
            if let (Some(s), Some(e)) = (c.start, c.expected_end) {
                t.push_str(&cat(&[", từ ", &s.dmy(), " đến khoảng ", &e.dmy()]));
            }
            t.push('.');
            if let Some(pe) = c.period_end {
                t.push_str(&cat(&[" Hết thời gian lấy mẫu: ", &pe.dmy(), "."]));
            }
            let p = add_text(&res, "p", if c.after_period { "calc-warn" } else { "" }, &t);
            let _ = p;
        }
    }

    /// The print view: one area per page, a checkbox per site.
    fn render_print(&self) {
        let Some(pv) = by_id("calc-print") else {
            return;
        };
        clear(&pv);
        let Some(out) = &self.out else {
            add_text(
                &pv,
                "p",
                "",
                "Chưa có kế hoạch để in: hãy sửa các lỗi trong biểu mẫu.",
            );
            return;
        };
        let mut areas: Vec<(&str, u32, Option<u32>, &[OrderedSite])> = out
            .districts
            .iter()
            .filter(|d| d.selected)
            .map(|d| {
                (
                    d.name.as_str(),
                    d.allocated,
                    d.sites_needed,
                    d.sites.as_slice(),
                )
            })
            .collect();
        if !out.sites.is_empty() {
            areas.push((
                out.site_kind_name,
                out.sample_size,
                None,
                out.sites.as_slice(),
            ));
        }
        let audit = export::audit_line(out.seed, &export::input_hash(&self.st));
        for (name, alloc, needed, sites) in areas {
            let sec = add(&pv, el("section", "print-area"));
            add_text(&sec, "h2", "", &cat(&["Kế hoạch thực địa: ", name]));
            add_text(
                &sec,
                "p",
                "",
                &cat(&[
                    out.group_name,
                    " · ",
                    out.regulation.name,
                    " · Số mẫu: ",
                    &int_vi(alloc as u64),
                    &needed
                        .map(|n| cat(&[" · Điểm chính: ", &num(n as u64)]))
                        .unwrap_or_default(),
                    &if state::uses_seed(&self.st) {
                        cat(&[" · Hạt giống: ", &num(out.seed)])
                    } else {
                        String::new()
                    },
                ]),
            );
            let table = add(&sec, el("table", "calc-table"));
            head(
                &table,
                &[
                    "Đã đến",
                    "Thứ tự",
                    "Điểm",
                    "Ước lượng",
                    "Lũy kế",
                    "Vai trò",
                    "Số mẫu đã lấy",
                ],
            );
            let body = add(&table, el("tbody", ""));
            for s in sites {
                let tr = add(&body, el("tr", ""));
                add_text(&tr, "td", "print-box", "☐");
                add_text(&tr, "td", "num", &num(s.order as u64));
                match &s.district {
                    Some(d) => add_text(&tr, "td", "", &cat(&[&s.name, " (", d, ")"])),
                    None => add_text(&tr, "td", "", &s.name),
                };
                add_text(&tr, "td", "num", &int_vi(s.estimate));
                add_text(&tr, "td", "num", &int_vi(s.cumulative));
                add_text(&tr, "td", "", export::role_vi(s.role));
                add(&tr, el("td", ""));
            }
            // Anyone can check that two printouts come from the same plan.
            add_text(&sec, "p", "print-audit", &audit);
        }
    }
}

fn head(table: &Element, cols: &[&str]) {
    let thead = add(table, el("thead", ""));
    let tr = add(&thead, el("tr", ""));
    for c in cols {
        let th = add_text(&tr, "th", "", c);
        attr(&th, "scope", "col");
    }
}

fn sites_table(parent: &Element, sites: &[OrderedSite]) {
    let table = add(parent, el("table", "calc-table calc-order"));
    let districts = sites.iter().any(|s| s.district.is_some());
    head(
        table.as_ref(),
        &["Thứ tự", "Điểm", "Ước lượng", "Lũy kế", "Vai trò", "Huyện"]
            [..if districts { 6 } else { 5 }],
    );
    let body = add(&table, el("tbody", ""));
    let mut reserves = 0usize;
    for s in sites {
        if s.role == Role::Reserve {
            reserves += 1;
            if reserves > SHOWN_RESERVES {
                continue;
            }
        }
        let tr = add(
            &body,
            el(
                "tr",
                if s.role == Role::Reserve {
                    "is-reserve"
                } else {
                    "is-primary"
                },
            ),
        );
        add_text(&tr, "td", "num", &num(s.order as u64));
        add_text(&tr, "td", "site-name", &s.name);
        add_text(&tr, "td", "num", &int_vi(s.estimate));
        add_text(&tr, "td", "num", &int_vi(s.cumulative));
        add_text(&tr, "td", "", export::role_vi(s.role));
        if let Some(d) = &s.district {
            add_text(&tr, "td", "", d);
        }
    }
    if reserves > SHOWN_RESERVES {
        add_text(
            parent,
            "p",
            "calc-note",
            &cat(&[
                "… và ",
                &num((reserves - SHOWN_RESERVES) as u64),
                " điểm dự phòng khác (có đủ trong tệp CSV và bản in).",
            ]),
        );
    }
}
