//! The reporting-deadlines page (`/cong-cu/han-bao-cao/`): list and month views of the core's
//! dated obligations, what is due next, the working-day counter and the .ics export.
use crate::dom::{self, add, add_text, attr, by_id, clear, el};
use core::cell::RefCell;
use gloo_events::EventListener;
use sotay_calc::core::calendar::{self, WorkCalendar};
use sotay_calc::core::date::Date;
use sotay_calc::core::deadlines::{self, Deadline};
use sotay_calc::core::error::CalcError;
use sotay_calc::core::rules::{self, DayCount, RulesVersion};
use sotay_calc::core::text::{cat, num};
use sotay_calc::view::dl_view::STORAGE_KEY;
use sotay_calc::view::state::{self, DeadlineState};
use sotay_calc::view::text::{parse_dmy_checked, parse_uint};
use sotay_calc::view::{dl_view, form};
use wasm_bindgen::JsCast;
use web_sys::Element;

struct App {
    root: Element,
    st: DeadlineState,
    list: Vec<Deadline>,
    version: &'static RulesVersion,
    /// An input event or action has rendered everything since start: the steps of the first
    /// render still to come are dropped.
    updated: bool,
    /// A unit asked for (by a link's `#don-vi=` or a saved state) that the chosen instrument
    /// does not have: all units are shown, with a note beside the unit field, until the
    /// planner picks one.
    unknown_unit: Option<String>,
    /// The fields the module filled with today's value (the year, the month, the counters'
    /// dates) because the state left them empty. While a field still holds that value it is
    /// saved empty, so a later visit counts from its own today; what the planner types is kept.
    today: Vec<(&'static str, String)>,
}

thread_local! {
    static APP: RefCell<Option<App>> = const { RefCell::new(None) };
}

fn with_app<R>(f: impl FnOnce(&mut App) -> R) -> Option<R> {
    APP.with(|a| a.try_borrow_mut().ok()?.as_mut().map(f))
}

fn fields(st: &mut DeadlineState) -> [(&'static str, &mut String); 9] {
    [
        ("f-version", &mut st.v),
        ("f-period", &mut st.p),
        ("f-year", &mut st.y),
        ("f-unit", &mut st.u),
        ("f-month", &mut st.m),
        ("f-from", &mut st.from),
        ("f-add", &mut st.add),
        ("f-received", &mut st.rcv),
        ("f-chain", &mut st.chain),
    ]
}

/// Wire the page and start its first render; the promise resolves when it is complete.
///
/// The generator wrote the page's first view into it (`dl_view::first_view`: the instrument in
/// force, every unit, the list of the root's `data-first-view` year). When the planner's state
/// is that view, only what depends on today is rendered (what is due next, the counters, the
/// Điều 24 steps); otherwise everything, in short tasks either way.
pub fn start(root: Element) -> js_sys::Promise {
    let today = dom::today();
    let restored = dom::hash_param("h")
        .and_then(|p| state::decode::<DeadlineState>(&p))
        .or_else(|| dom::store_get(STORAGE_KEY).and_then(|s| state::decode::<DeadlineState>(&s)));
    // Nothing to save until the planner chooses something (a link's unit counts): a first
    // visit does not pin today's dates into the next one.
    let mut chosen = restored.is_some();
    let mut st = restored.unwrap_or_default();
    // Links from the articles preselect the unit or level: /cong-cu/han-bao-cao/#don-vi=tinh
    if let Some(u) = dom::hash_param("don-vi") {
        st.u = u;
        chosen = true;
    }
    // The form is on the page before the module arrives: what the planner typed or chose while
    // it loaded wins over the restored state (js/calc.js marks such a page data-touched).
    let mut touched = false;
    if root.has_attribute("data-touched") {
        for (id, v) in fields(&mut st) {
            if dom::changed_from_page(id) {
                *v = dom::value(id);
                touched = true;
            }
        }
    }
    if touched {
        attr(&root, "data-touched", "1");
        chosen = true;
    }
    let now = [
        ("f-year", num(today.year as u64)),
        ("f-month", num(today.month as u64)),
        ("f-from", today.dmy()),
        ("f-received", today.dmy()),
    ];
    let mut filled = Vec::new();
    for (id, v) in fields(&mut st) {
        if let Some((_, t)) = now.iter().find(|(i, _)| *i == id)
            && v.is_empty()
        {
            v.clone_from(t);
            filled.push((id, t.clone()));
        }
    }
    let first_view = root
        .get_attribute("data-first-view")
        .and_then(|y| y.parse::<i32>().ok());
    let active = rules::active();
    let mut app = App {
        root: root.clone(),
        st,
        list: Vec::new(),
        version: active,
        updated: false,
        unknown_unit: None,
        today: filled,
    };
    let fresh = !touched
        && first_view.is_some()
        && first_view == app.year()
        && (app.st.v.is_empty() || app.st.v == active.id)
        && app.st.u.is_empty()
        && app.st.view != "month";
    if !fresh {
        // Written at build time: the instrument and month selects, the units of the instrument
        // in force. Refilled when the state asks for another instrument.
        if first_view.is_none() {
            dom::version_options("f-version");
            dom::set_options("f-month", &form::month_choices());
        }
        app.fill_units();
    }
    app.write_form();
    APP.with(|a| *a.borrow_mut() = Some(app));
    EventListener::new(&root, "input", |_| {
        with_app(|app| {
            let before = app.st.v.clone();
            app.read_form();
            if app.st.v != before {
                app.fill_units();
            }
            app.update();
        });
    })
    .forget();
    EventListener::new(&root, "click", |e| {
        let Some(t) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        let Ok(Some(btn)) = t.closest("[data-action]") else {
            return;
        };
        let action = btn.get_attribute("data-action").unwrap_or_default();
        with_app(|app| app.action(&action));
    })
    .forget();
    // The first render, a piece per task (dropped once an input event or action has rendered
    // everything): the year (unless written at build time), saving the state (if restored,
    // linked or typed), what is due next, the counters and steps, then the list or month.
    let steps: Vec<dom::Step> = vec![
        Box::new(move || {
            with_app(|app| match (app.updated, fresh) {
                (true, _) => {}
                (false, true) => attr(&app.root, "data-state", "ok"),
                (false, false) => app.update_main(),
            });
        }),
        Box::new(move || {
            with_app(|app| (chosen && !app.updated).then(|| app.persist()));
        }),
        Box::new(move || {
            with_app(|app| (!app.updated).then(|| app.render_next(app.unit())));
        }),
        Box::new(move || {
            with_app(|app| {
                (!app.updated).then(|| {
                    app.render_workdays();
                    app.render_steps();
                })
            });
        }),
        Box::new(move || {
            with_app(|app| (!app.updated && !fresh).then(|| app.render_view(app.year())));
        }),
    ];
    dom::in_tasks(steps)
}

impl App {
    fn fill_units(&mut self) {
        self.version = rules::version(&self.st.v).unwrap_or_else(rules::active);
        let opts = dl_view::unit_choices(self.version);
        if !self.st.u.is_empty() && !opts.iter().any(|(id, _)| *id == self.st.u) {
            let asked: String = core::mem::take(&mut self.st.u).chars().take(40).collect();
            self.unknown_unit = Some(asked);
        }
        dom::set_options("f-unit", &opts);
        dom::set_value("f-unit", &self.st.u);
    }

    /// The unit chosen, `None` for every unit.
    fn unit(&self) -> Option<&str> {
        Some(self.st.u.as_str()).filter(|u| !u.is_empty())
    }

    /// The reporting period chosen, for an instrument whose text does not fix it.
    fn period(&self) -> Option<rules::ReportPeriod> {
        rules::ReportPeriod::from_id(&self.st.p)
    }

    fn write_form(&mut self) {
        for (id, v) in fields(&mut self.st) {
            dom::set_value(id, v);
        }
    }

    fn read_form(&mut self) {
        for (id, v) in fields(&mut self.st) {
            *v = dom::value(id);
        }
    }

    fn action(&mut self, action: &str) {
        self.read_form();
        match action {
            "view-list" => self.st.view = "list".into(),
            "view-month" => self.st.view = "month".into(),
            "prev" | "next" => {
                let m = parse_uint(&self.st.m, 12).ok().flatten().unwrap_or(1) as i64;
                let y = parse_uint(&self.st.y, 9999).ok().flatten().unwrap_or(2025) as i64;
                let idx = y * 12 + m - 1 + if action == "prev" { -1 } else { 1 };
                self.st.y = num((idx / 12) as u64);
                self.st.m = num((idx % 12 + 1) as u64);
                self.write_form();
            }
            "ics" => {
                // A list that could not be computed is said so, never downloaded as an empty
                // calendar.
                if let Some(e) = self.compute_list() {
                    let field = match e {
                        CalcError::MissingRule(_) | CalcError::PeriodNeeded { .. } => "f-version",
                        _ => "f-year",
                    };
                    dom::show_message(field, &e.message(), true);
                    return;
                }
                let file = cat(&["han-bao-cao-", &self.st.y, ".ics"]);
                let ics = sotay_calc::core::ics::deadlines_ics(
                    &self.list,
                    self.version.name,
                    &dom::dtstamp(),
                );
                dom::download(&file, "text/calendar;charset=utf-8", &ics);
                return;
            }
            _ => return,
        }
        self.update();
    }

    /// Everything, after an input event or an action.
    fn update(&mut self) {
        self.updated = true;
        self.update_main();
        self.persist();
        self.render_side();
        self.render_view(self.year());
    }

    /// The year's deadlines, the field messages and the summary (not the saved state, what is
    /// due next, the counters or the list: see [`Self::persist`], [`Self::render_side`],
    /// [`Self::render_view`]).
    fn update_main(&mut self) {
        dom::clear_messages(&self.root);
        self.version = rules::version(&self.st.v).unwrap_or_else(rules::active);
        // The period is asked for only where the instrument's text does not fix it.
        dom::set_hidden("f-period-field", !self.version.period_is_chosen());
        if !self.st.u.is_empty() {
            self.unknown_unit = None;
        }
        if let Some(asked) = &self.unknown_unit {
            dom::show_message(
                "f-unit",
                &cat(&[
                    "Không có đơn vị “",
                    asked,
                    "” trong ",
                    self.version.name,
                    ": đang hiện các hạn của tất cả đơn vị. Chọn một đơn vị trong danh sách.",
                ]),
                false,
            );
        }
        let year = self.year();
        if year.is_none() {
            dom::show_message(
                "f-year",
                &cat(&[
                    "Nhập một năm từ ",
                    &num(calendar::FIRST_YEAR as u64),
                    " đến ",
                    &num(calendar::LAST_YEAR as u64),
                    ", ví dụ 2025.",
                ]),
                true,
            );
        }
        let error = self.compute_list();
        if let Some(e) = &error {
            let field = match e {
                CalcError::MissingRule(_) | CalcError::PeriodNeeded { .. } => "f-version",
                _ => "f-year",
            };
            dom::show_message(field, &e.message(), true);
        }
        for b in ["list", "month"] {
            if let Some(btn) = by_id(&cat(&["v-", b])) {
                attr(
                    &btn,
                    "aria-pressed",
                    if self.st.view == b { "true" } else { "false" },
                );
            }
        }
        dom::set_hidden("month-nav", self.st.view != "month");
        self.render_regulation(year);
        let ok = error.is_none() && year.is_some();
        attr(&self.root, "data-state", if ok { "ok" } else { "error" });
        if let Some(s) = by_id("calc-summary") {
            let t = if ok {
                dl_view::summary_text(self.list.len(), &self.st.y, self.version)
            } else {
                "Chưa tính được: xem thông báo cạnh ô nhập.".into()
            };
            s.set_text_content(Some(&t));
        }
    }

    /// The year's deadlines for the state's instrument and unit, into `list` (empty on an error,
    /// which is returned).
    fn compute_list(&mut self) -> Option<CalcError> {
        self.list.clear();
        let year = self.year()?;
        match deadlines::deadlines_for_year_with(self.version, year, self.unit(), self.period()) {
            Ok(l) => {
                self.list = l;
                None
            }
            Err(e) => Some(e),
        }
    }

    /// Save the state (this browser) and put it in the address (a link that reopens it).
    fn persist(&self) {
        let mut st = self.st.clone();
        for (id, v) in fields(&mut st) {
            if self.today.iter().any(|(i, t)| *i == id && t == v) {
                v.clear();
            }
        }
        let packed = state::encode(&st);
        dom::store_set(STORAGE_KEY, &packed);
        dom::set_hash("h", &packed);
    }

    fn render_regulation(&self, year: Option<i32>) {
        if let Some(p) = by_id("dl-regulation") {
            p.set_text_content(Some(&dl_view::regulation_text(self.version, year)));
        }
    }

    fn render_next(&self, unit: Option<&str>) {
        let Some(box_) = by_id("dl-next") else { return };
        clear(&box_);
        let today = dom::today();
        add_text(
            &box_,
            "h2",
            "",
            &cat(&["Sắp đến hạn (tính từ hôm nay, ", &today.dmy(), ")"]),
        );
        let next = match deadlines::next_due_with(self.version, today, unit, 3, self.period()) {
            Ok(l) => l,
            Err(e) => {
                add_text(&box_, "p", "", &e.message());
                return;
            }
        };
        if next.is_empty() {
            add_text(&box_, "p", "", "Không có hạn báo cáo nào cho lựa chọn này.");
            return;
        }
        let ul = add(&box_, el("ul", "dl-next-list"));
        for d in &next {
            let li = add(&ul, el("li", superseded_class(d.in_force)));
            let days = today.days_until(d.effective_end);
            add_text(&li, "strong", "", &d.effective_end.dmy());
            add_text(
                &li,
                "span",
                "",
                &cat(&[
                    if days == 0 {
                        " (hôm nay)".into()
                    } else {
                        cat(&[" (còn ", &num(days as u64), " ngày)"])
                    }
                    .as_str(),
                    " — ",
                    d.title,
                    ", ",
                    &d.period,
                    ". ",
                    &d.sender,
                    " → ",
                    &d.receiver,
                    " (",
                    d.article,
                    ").",
                ]),
            );
            if d.estimated {
                add_text(
                    &li,
                    "span",
                    "calc-note dl-estimated",
                    &cat(&[
                        " (",
                        &sotay_calc::core::deadlines::estimated_text(&d.estimated_by),
                        ")",
                    ]),
                );
            }
            instrument(&li, d.in_force, &d.instrument);
        }
    }

    fn render_workdays(&self) {
        let Some(out) = by_id("wd-result") else {
            return;
        };
        let from = parse_dmy_checked(&self.st.from);
        let n = parse_uint(&self.st.add, 20_000);
        if let Err(e) = from {
            dom::show_message("f-from", &e.message(&self.st.from, "05/06/2025"), true);
        }
        let from = from.ok();
        if n.is_err() {
            dom::show_message("f-add", "Nhập số ngày làm việc từ 0 đến 20.000.", true);
        }
        let html = match (from, n) {
            (Some(f), Ok(Some(n))) => {
                let mut cal = WorkCalendar::new();
                match cal.count_workdays(f, n as i32) {
                    Ok(w) => dl_view::workdays_html(&w, &w.runs(&mut cal)),
                    Err(e) => {
                        let mut h = String::new();
                        sotay_calc::core::text::push_html_escaped(
                            &mut h,
                            &CalcError::YearOutOfRange { year: e.year }.message(),
                        );
                        h
                    }
                }
            }
            _ => String::new(),
        };
        out.set_inner_html(&html);
    }

    /// The event-relative steps of Điều 24 from the day the review request was received.
    fn render_steps(&self) {
        let Some(out) = by_id("d24-result") else {
            return;
        };
        clear(&out);
        let received = match parse_dmy_checked(&self.st.rcv) {
            Ok(d) => d,
            Err(e) => {
                dom::show_message("f-received", &e.message(&self.st.rcv, "05/06/2025"), true);
                return;
            }
        };
        let chain = !self.st.chain.is_empty();
        let steps = match deadlines::event_steps_for(self.version, received, chain) {
            Ok(s) => s,
            Err(e) => {
                add_text(&out, "p", "calc-error", &e.message());
                return;
            }
        };
        // A wide table scrolls on phones: its wrapper is focusable so the keyboard can scroll it.
        let wrap = add(&out, el("div", "calc-table-wrap"));
        attr(&wrap, "tabindex", "0");
        attr(&wrap, "role", "group");
        attr(&wrap, "aria-label", "Các bước, cuộn ngang được");
        let table = add(&wrap, el("table", "calc-table d24-table"));
        add_text(
            &table,
            "caption",
            "",
            &cat(&[
                "Các bước kể từ ngày nhận ",
                &received.dmy(),
                " (",
                self.version.name,
                ")",
            ]),
        );
        let tr = add(&add(&table, el("thead", "")), el("tr", ""));
        for c in [
            "Việc",
            "Hạn thực tế",
            "Hạn theo quy định",
            "Thời hạn",
            "Người thực hiện → người nhận",
            "Điều",
            "Văn bản áp dụng",
        ] {
            attr(&add_text(&tr, "th", "", c), "scope", "col");
        }
        let body = add(&table, el("tbody", ""));
        for s in &steps {
            let tr = add(&body, el("tr", superseded_class(s.in_force)));
            let what = add_text(&tr, "td", "", s.title);
            attr(&what, "data-step", s.id);
            let eff = add_text(&tr, "td", "dl-date", &s.effective_end.dmy());
            if s.estimated {
                add_text(
                    &eff,
                    "span",
                    "calc-note dl-estimated",
                    &cat(&[
                        " (",
                        &sotay_calc::core::deadlines::estimated_text(&s.estimated_by),
                        ")",
                    ]),
                );
            }
            let nominal = add_text(&tr, "td", "dl-date", &s.end.dmy());
            if let Some(r) = &s.shift_reason {
                add_text(&nominal, "span", "dl-reason", &cat(&[" — lùi vì ", r]));
            }
            let unit = match s.count {
                DayCount::Calendar => " ngày",
                DayCount::Working => " ngày làm việc",
            };
            add_text(
                &tr,
                "td",
                "",
                &cat(&[
                    &num(s.days as u64),
                    unit,
                    " kể từ khi ",
                    s.trigger,
                    " (",
                    &s.received.dmy(),
                    ")",
                ]),
            );
            add_text(&tr, "td", "", &cat(&[s.sender, " → ", s.receiver]));
            add_text(&tr, "td", "", s.article);
            instrument(&add(&tr, el("td", "")), s.in_force, &s.instrument);
        }
    }

    /// What is due next, the working-day counter and the Điều 24 steps.
    fn render_side(&self) {
        self.render_next(self.unit());
        self.render_workdays();
        self.render_steps();
    }

    /// The year typed, when it is one the calendar covers.
    fn year(&self) -> Option<i32> {
        match parse_uint(&self.st.y, 9999) {
            Ok(Some(y)) if calendar::supports(y as i32) => Some(y as i32),
            _ => None,
        }
    }

    fn render_view(&self, year: Option<i32>) {
        if self.st.view == "month" {
            self.render_month(year);
        } else {
            self.render_list();
        }
    }

    fn render_list(&self) {
        let Some(view) = by_id("dl-view") else { return };
        // One parse by the browser instead of ~6,000 web-sys calls (see dl_view).
        view.set_inner_html(&dl_view::list_html(&self.list, self.version));
    }

    fn render_month(&self, year: Option<i32>) {
        let Some(view) = by_id("dl-view") else { return };
        clear(&view);
        let (Some(y), Ok(Some(m))) = (year, parse_uint(&self.st.m, 12)) else {
            return;
        };
        let Some(first) = Date::new(y, m as u8, 1) else {
            return;
        };
        let mut cal = WorkCalendar::new();
        // Proposed holidays of the year that are not law (24/11), shown on their day.
        let notes = calendar::year_calendar(y)
            .map(|c| c.notes)
            .unwrap_or_default();
        let table = add(&view, el("table", "dl-month"));
        add_text(
            &table,
            "caption",
            "",
            &cat(&[
                "Tháng ",
                &num(m),
                "/",
                &num(y as u64),
                " (",
                self.version.name,
                ")",
            ]),
        );
        let thead = add(&table, el("thead", ""));
        let tr = add(&thead, el("tr", ""));
        for (short, long) in [
            ("T2", "Thứ Hai"),
            ("T3", "Thứ Ba"),
            ("T4", "Thứ Tư"),
            ("T5", "Thứ Năm"),
            ("T6", "Thứ Sáu"),
            ("T7", "Thứ Bảy"),
            ("CN", "Chủ nhật"),
        ] {
            let th = add(&tr, el("th", ""));
            attr(&th, "scope", "col");
            let abbr = add_text(&th, "abbr", "", short);
            attr(&abbr, "title", long);
        }
        let body = add(&table, el("tbody", ""));
        let lead = first.weekday() as i64; // Monday = 0
        let mut day = first.add_days(-lead);
        loop {
            let tr = add(&body, el("tr", ""));
            for _ in 0..7 {
                let in_month = day.month == m as u8;
                let off = !cal.is_working_day(day);
                let class = match (in_month, off) {
                    (false, _) => "is-other",
                    (true, true) => "is-off",
                    _ => "",
                };
                let td = add(&tr, el("td", class));
                if in_month {
                    add_text(&td, "span", "dl-day", &num(day.day as u64));
                    // Shown on phones only, where the month is a list of its busy days.
                    add_text(&td, "span", "dl-wd", day.weekday().name_vi());
                    if let Some(s) = cal.special(day) {
                        let class = if s.kind == calendar::DayKind::WorkedSaturday {
                            "dl-holiday dl-worked"
                        } else {
                            "dl-holiday"
                        };
                        let name = if s.estimated {
                            cat(&[&s.name, " (ước tính)"])
                        } else {
                            s.name
                        };
                        // Where the day comes from (the dispatch, or the law it is estimated
                        // from), on hover and for screen readers' descriptions.
                        attr(&add_text(&td, "span", class, &name), "title", &s.source);
                    }
                    for n in notes.iter().filter(|n| n.date == day) {
                        add_text(&td, "span", "dl-proposal", &n.text);
                    }
                    for d in self.list.iter().filter(|d| d.effective_end == day) {
                        let mut t = cat(&[d.title, " (", d.article, ")"]);
                        if let Some(r) = &d.shift_reason {
                            t.push_str(&cat(&[" — hạn quy định ", &d.end.dmy(), ", lùi vì ", r]));
                        }
                        if d.estimated {
                            t.push_str(&cat(&[
                                " (",
                                &sotay_calc::core::deadlines::estimated_text(&d.estimated_by),
                                ")",
                            ]));
                        }
                        let item = add_text(&td, "span", "dl-item", &t);
                        if !d.in_force {
                            attr(&item, "class", "dl-item is-superseded");
                        }
                        instrument(&item, d.in_force, &d.instrument);
                    }
                }
                day = day.add_days(1);
            }
            if day.month != m as u8 || day.year != y {
                break;
            }
        }
        // The month's days off rest on an estimate when an estimated occasion reaches into it.
        let last = first.add_days(sotay_calc::core::date::days_in_month(y, m as u8) as i64 - 1);
        let estimates = cal.estimates_between(first, last);
        if !estimates.is_empty() {
            add_text(
                &view,
                "p",
                "calc-warn dl-month-estimated",
                &cat(&[
                    "Ngày nghỉ trong tháng này là ước tính (chưa có thông báo chính thức): ",
                    &estimates.join(", "),
                    ". Lịch chính thức có thể hoán đổi ngày làm việc.",
                ]),
            );
        }
        for n in notes.iter().filter(|n| n.date.month == m as u8) {
            add_text(&view, "p", "calc-note dl-month-note", &n.text);
        }
        let due = self
            .list
            .iter()
            .filter(|d| d.effective_end.year == y && d.effective_end.month == m as u8)
            .count();
        if due == 0 {
            add_text(
                &view,
                "p",
                "calc-note",
                "Không có hạn báo cáo nào trong tháng này (theo lựa chọn trên).",
            );
        }
    }
}

/// Row class of a date whose instrument was no longer in force that day.
fn superseded_class(in_force: bool) -> &'static str {
    if in_force { "" } else { "is-superseded" }
}

/// The instrument a date follows (issue 7), appended to `parent`: the same markup as the
/// year list's (`dl_view::push_instrument`, engine text escaped there).
fn instrument(parent: &Element, in_force: bool, label: &str) {
    let mut html = String::new();
    dl_view::push_instrument(&mut html, in_force, label);
    let _ = parent.insert_adjacent_html("beforeend", &html);
}
