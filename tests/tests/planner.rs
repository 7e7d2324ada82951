//! The planner's tools in real Chromium (/cong-cu/phan-bo-mau/): numbers read as typed, pastes
//! read as CSV, plans that reproduce (a seed from the start), links that ask before they change
//! a saved plan.
use serde_json::Value;
use sotay_e2e::tool::{js, open_tool, paste, type_into};
use sotay_e2e::{TIMEOUT, Test};

const ALLOC: &str = "/cong-cu/phan-bo-mau/";

/// Sets a field's value and fires `input`, as typing a whole text (line breaks included) does.
fn set_field(t: &Test, id: &str, text: &str) {
    t.eval(&format!(
        "(() => {{ const e = document.getElementById({}); e.focus(); e.value = {}; \
         e.dispatchEvent(new Event('input', {{ bubbles: true }})); return true; }})()",
        js(id),
        js(text)
    ));
}

fn value(t: &Test, id: &str) -> String {
    t.eval_str(&format!("document.getElementById({}).value", js(id)))
}

/// The text of a field's message ("" when hidden).
fn message(t: &Test, id: &str) -> String {
    t.eval_str(&format!(
        "(() => {{ const m = document.getElementById({}); return m && !m.hidden ? m.textContent : ''; }})()",
        js(&format!("{id}-msg"))
    ))
}

/// The site names of an area's visiting order, as shown.
fn order(t: &Test, district: &str) -> Vec<String> {
    let v = t.eval(&format!(
        "[...document.querySelectorAll('.calc-sites[data-district=' + JSON.stringify({}) + '] .site-name')].map(e => e.textContent)",
        js(district)
    ));
    serde_json::from_value(v).unwrap()
}

fn wait_state(t: &Test, state: &str) {
    t.wait_until(
        &format!(
            "document.querySelector('[data-tool]').dataset.state === {}",
            js(state)
        ),
        TIMEOUT,
    );
}

/// A clean start: nothing saved in this profile.
fn fresh(t: &Test) {
    open_tool(t, ALLOC);
    t.eval("localStorage.clear(); history.replaceState(null, '', location.pathname); true");
    t.open("/giam-sat/");
    open_tool(t, ALLOC);
}

#[test]
fn typed_decimals_are_refused_quoting_them_never_misread() {
    let t = Test::new("planner-decimals");
    fresh(&t);
    type_into(&t, "f-n", "300.5");
    type_into(&t, "d0-n", "Ba Đình");
    type_into(&t, "d0-e", "1200.5");
    t.wait_until(
        "document.getElementById('f-n-msg').textContent.includes('300.5')",
        TIMEOUT,
    );
    let n = message(&t, "f-n");
    assert!(
        n.contains("“300.5” không phải số nguyên"),
        "sample size message: {n:?}"
    );
    let e = message(&t, "d0-e");
    assert!(
        e.contains("“1200.5” không phải số nguyên"),
        "estimate message: {e:?}"
    );
    wait_state(&t, "error");
    // "12.00" in a site line is not twelve hundred either.
    set_field(&t, "d0-s", "Phúc Xá; 12.00\nTrúc Bạch; 30");
    t.wait_until(
        "document.getElementById('d0-s-msg').textContent.includes('12.00')",
        TIMEOUT,
    );
    assert!(
        message(&t, "d0-s").contains("Dòng 1: ước lượng “12.00” không phải số nguyên"),
        "{}",
        message(&t, "d0-s")
    );
    // Vietnamese grouping is read as typed: 1.200 and 1 200 are twelve hundred.
    type_into(&t, "f-n", "300");
    type_into(&t, "d0-e", "1.200");
    set_field(&t, "d0-s", "Phúc Xá; 1 200\nTrúc Bạch; 30");
    wait_state(&t, "ok");
    let est = t.eval_str(
        "document.querySelector('#calc-results > table:first-of-type tbody tr').cells[2].textContent",
    );
    assert_eq!(est, "1.200");
    t.assert_no_console_errors();
}

#[test]
fn pastes_are_read_as_csv_and_only_a_row_without_numbers_is_a_header() {
    let t = Test::new("planner-paste");
    fresh(&t);
    // The first row's estimate is "1,200": a row to fix, not a header to drop.
    paste(&t, "d-paste", "Ba Đình\t1,200\nHoàn Kiếm\t500\n");
    t.wait_until(
        "document.getElementById('d1-n')?.value === 'Hoàn Kiếm'",
        TIMEOUT,
    );
    assert_eq!(value(&t, "d0-n"), "Ba Đình");
    assert_eq!(value(&t, "d0-e"), "1,200");
    let m = message(&t, "d-table");
    assert!(m.contains("Đã dán 2 dòng."), "{m}");
    assert!(
        m.contains("Dòng 1: ước lượng “1,200” không phải số nguyên"),
        "{m}"
    );
    assert!(
        message(&t, "d0-e").contains("“1,200” không phải số nguyên"),
        "{}",
        message(&t, "d0-e")
    );
    // Semicolons (Excel's CSV in Vietnamese settings), a header named, a quoted multi-line
    // cell kept in its row.
    fresh(&t);
    paste(
        &t,
        "d-paste",
        "Huyện;Ước lượng;Điểm;Ước lượng điểm\r\nĐống Đa;1.500;\"Láng\nThượng\";40\r\n;;Kim Liên;30\r\nCầu Giấy;800\r\n",
    );
    t.wait_until(
        "document.getElementById('d1-n')?.value === 'Cầu Giấy'",
        TIMEOUT,
    );
    assert!(
        t.eval("document.getElementById('d2-n') === null")
            .as_bool()
            .unwrap(),
        "two rows, not three"
    );
    assert_eq!(value(&t, "d0-n"), "Đống Đa");
    assert_eq!(value(&t, "d0-e"), "1.500");
    assert_eq!(value(&t, "d0-s"), "Láng\nThượng\nKim Liên\t30");
    let m = message(&t, "d-table");
    assert!(
        m.contains("Đã bỏ dòng tiêu đề: “Huyện | Ước lượng | Điểm | Ước lượng điểm”."),
        "{m}"
    );
    // Commas too, with a quoted name holding a comma.
    fresh(&t);
    paste(
        &t,
        "d-paste",
        "\"Thành phố Thái Nguyên, cũ\",900\nPhổ Yên,300",
    );
    t.wait_until(
        "document.getElementById('d1-n')?.value === 'Phổ Yên'",
        TIMEOUT,
    );
    assert_eq!(value(&t, "d0-n"), "Thành phố Thái Nguyên, cũ");
    assert_eq!(value(&t, "d0-e"), "900");
    t.assert_no_console_errors();
}

#[test]
fn a_new_plan_has_a_seed_and_an_areas_order_survives_edits_elsewhere() {
    let t = Test::new("planner-seed");
    fresh(&t);
    let seed = value(&t, "f-seed");
    assert!(
        !seed.is_empty() && seed.chars().all(|c| c.is_ascii_digit()),
        "a new plan shows its seed at once: {seed:?}"
    );
    type_into(&t, "f-n", "250");
    type_into(&t, "d0-n", "Ba Đình");
    type_into(&t, "d0-e", "1000");
    let sites: Vec<String> = (1..=12).map(|i| format!("Xã {i}; {}", 5 + i)).collect();
    set_field(&t, "d0-s", &sites.join("\n"));
    t.click("[data-action=add]");
    t.wait_for("#d1-n");
    type_into(&t, "d1-n", "Hoàn Kiếm");
    type_into(&t, "d1-e", "500");
    wait_state(&t, "ok");
    let before = order(&t, "Ba Đình");
    assert_eq!(before.len(), 12, "{before:?}");
    // Another area's estimate, then its name: the first area's order stays.
    type_into(&t, "d1-e", "650");
    t.wait_until(
        "document.querySelector('#calc-results > table:first-of-type tbody tr:nth-child(2)')?.cells[2].textContent === '650'",
        TIMEOUT,
    );
    assert_eq!(order(&t, "Ba Đình"), before, "estimate elsewhere changed");
    type_into(&t, "d1-n", "Quận Hoàn Kiếm");
    t.wait_until(
        "[...document.querySelectorAll('#calc-results > table:first-of-type tbody tr')].some(r => r.cells[1].textContent === 'Quận Hoàn Kiếm')",
        TIMEOUT,
    );
    assert_eq!(order(&t, "Ba Đình"), before, "a rename elsewhere changed");
    assert!(
        t.text(".calc-meta").contains(&format!("Hạt giống: {seed}")),
        "{}",
        t.text(".calc-meta")
    );
    // Saved and shared with the plan: a reload and the link in a fresh profile show the same
    // seed and order.
    let link = value(&t, "f-share");
    open_tool(&t, ALLOC);
    assert_eq!(value(&t, "f-seed"), seed);
    wait_state(&t, "ok");
    assert_eq!(order(&t, "Ba Đình"), before);
    let other = Test::new("planner-seed-fresh");
    let path = link
        .split_once(&t.url(""))
        .map(|(_, p)| format!("/{}", p.trim_start_matches('/')))
        .unwrap_or(link.clone());
    open_tool(&other, &path);
    assert_eq!(value(&other, "f-seed"), seed);
    wait_state(&other, "ok");
    assert_eq!(order(&other, "Ba Đình"), before);
    t.assert_no_console_errors();
}

#[test]
fn a_group_link_asks_before_it_changes_a_saved_plan() {
    let t = Test::new("planner-group-link");
    fresh(&t);
    type_into(&t, "f-n", "250");
    type_into(&t, "d0-n", "Ba Đình");
    type_into(&t, "d0-e", "1000");
    wait_state(&t, "ok");
    t.wait_until("location.hash.startsWith('#p=')", TIMEOUT);
    // A link from an article's sample-size table.
    t.open("/giam-sat/");
    open_tool(&t, "/cong-cu/phan-bo-mau/#nhom=fsw");
    t.wait_for("#calc-ask");
    assert_eq!(
        value(&t, "f-group"),
        "idu",
        "not switched before the answer"
    );
    assert_eq!(value(&t, "d0-n"), "Ba Đình");
    let ask = t.text("#calc-ask");
    assert!(
        ask.contains("Phụ nữ bán dâm") && ask.contains("Nam nghiện chích ma túy"),
        "names the groups: {ask}"
    );
    assert!(!ask.contains("fsw") && !ask.contains("idu"), "{ask}");
    t.screenshots_of("group-link-question", "#calc-ask", true);
    t.click("[data-action=nhom-keep]");
    t.wait_until("document.getElementById('calc-ask') === null", TIMEOUT);
    assert_eq!(value(&t, "f-group"), "idu");
    assert_eq!(value(&t, "d0-e"), "1000");
    // Again, and this time a new plan for that group.
    t.open("/giam-sat/");
    open_tool(&t, "/cong-cu/phan-bo-mau/#nhom=fsw");
    t.wait_for("#calc-ask");
    t.click("[data-action=nhom-new]");
    t.wait_until("document.getElementById('calc-ask') === null", TIMEOUT);
    assert_eq!(value(&t, "f-group"), "fsw");
    assert_eq!(value(&t, "d0-n"), "");
    assert!(!value(&t, "f-seed").is_empty());
    t.assert_no_console_errors();
}

fn select(t: &Test, id: &str, value: &str) {
    t.eval(&format!(
        "(() => {{ const s = document.getElementById({}); s.value = {}; \
         s.dispatchEvent(new Event('input', {{ bubbles: true }})); return true; }})()",
        js(id),
        js(value)
    ));
}

#[test]
fn names_as_typed_warnings_beside_the_sites_keyboard_and_share() {
    let t = Test::new("planner-small-things");
    fresh(&t);
    // The group by its name in the range error, never its id.
    type_into(&t, "f-n", "400");
    type_into(&t, "d0-n", "Thành phố Thái Nguyên");
    type_into(&t, "d0-e", "1000");
    t.wait_until(
        "document.getElementById('f-n-msg').textContent.includes('không hợp lệ')",
        TIMEOUT,
    );
    let n = message(&t, "f-n");
    assert!(
        n.contains("nhóm “Nam nghiện chích ma túy”") && !n.contains("idu"),
        "{n}"
    );
    // Warnings of a row: beside its sites, the name as typed, the right total, spaced.
    type_into(&t, "f-n", "250");
    let before = t
        .eval("document.getElementById('d0-s').offsetHeight")
        .as_f64()
        .unwrap();
    set_field(&t, "d0-s", "Túc Duyên; 40\nPhan Đình Phùng; 30");
    wait_state(&t, "ok");
    let w = message(&t, "d0-s");
    assert!(
        w.contains("“Túc Duyên” chiếm hơn một nửa tổng ước lượng của các địa điểm đã liệt kê ở “Thành phố Thái Nguyên” (40 trên 70)"),
        "{w}"
    );
    assert!(!w.contains("Huyện Thành phố"), "{w}");
    // The replaced instrument's warning names its successor, not its id.
    let warnings = t.text(".calc-warnings");
    assert!(
        warnings.contains("đã được thay thế bởi Thông tư 07/2023/TT-BYT")
            && !warnings.contains("tt07-2023"),
        "{warnings}"
    );
    assert!(
        !w.contains(".Các") && !w.contains(".“"),
        "lines run together: {w}"
    );
    assert_eq!(
        message(&t, "d0-e"),
        "",
        "nothing in the narrow estimate cell"
    );
    // The sites box grows with its lines.
    let lines: Vec<String> = (1..=9).map(|i| format!("Xã {i}; {}", 10 + i)).collect();
    set_field(&t, "d0-s", &lines.join("\n"));
    let after = t
        .eval("document.getElementById('d0-s').offsetHeight")
        .as_f64()
        .unwrap();
    assert!(after > before * 2.0, "sites box {before} → {after} px");
    // ↑ keeps the focus on the row's buttons, not in its name field.
    t.click("[data-action=add]");
    t.wait_for("#d1-n");
    type_into(&t, "d1-n", "Phổ Yên");
    type_into(&t, "d1-e", "300");
    t.click("#d-rows [data-action=up][data-row='1']");
    t.wait_until(
        "document.getElementById('d0-n').value === 'Phổ Yên'",
        TIMEOUT,
    );
    let focused = t.eval(
        "[document.activeElement.tagName, document.activeElement.dataset.action, document.activeElement.dataset.row]",
    );
    assert_eq!(focused, serde_json::json!(["BUTTON", "down", "0"]));
    t.click("#d-rows [data-action=down][data-row='0']");
    t.wait_until(
        "document.getElementById('d1-n').value === 'Phổ Yên'",
        TIMEOUT,
    );
    assert_eq!(
        t.eval("[document.activeElement.dataset.action, document.activeElement.dataset.row]"),
        serde_json::json!(["up", "1"])
    );
    // The share link: a copy button (and the share sheet where the browser has one).
    t.eval(
        "window.__copied = null; navigator.clipboard.writeText = s => { window.__copied = s; return Promise.resolve(); }; true",
    );
    t.click("[data-action=copy-link]");
    t.wait_until("window.__copied !== null", TIMEOUT);
    let copied = t.eval_str("window.__copied");
    assert!(copied.contains("#p="), "{copied}");
    assert_eq!(copied, value(&t, "f-share"));
    assert_eq!(message(&t, "f-share"), "Đã sao chép liên kết.");
    assert_eq!(
        t.eval("document.getElementById('f-share-btn').hidden === !('share' in navigator)"),
        Value::Bool(true)
    );
    // "Mở tệp JSON" shows the keyboard focus of its hidden file input.
    t.eval("document.querySelector('[data-action=json]').focus(); true");
    t.tab.press_key("Tab").expect("Tab");
    assert_eq!(t.eval_str("document.activeElement.id"), "f-import");
    assert_eq!(
        t.eval_str("getComputedStyle(document.querySelector('label[for=f-import]')).outlineStyle"),
        "solid"
    );
    t.assert_no_console_errors();
}

#[test]
fn fixed_size_groups_prefill_and_consecutive_groups_show_no_seed() {
    let t = Test::new("planner-fixed-consecutive");
    fresh(&t);
    assert!(
        !t.eval("document.getElementById('f-seed-field').hidden")
            .as_bool()
            .unwrap()
    );
    select(&t, "f-group", "pregnant_urban");
    t.wait_until("document.getElementById('f-n').value === '400'", TIMEOUT);
    assert!(
        t.eval("document.getElementById('f-seed-field').hidden")
            .as_bool()
            .unwrap(),
        "consecutive sampling: no seed"
    );
    set_field(&t, "f-cs", "Bệnh viện Sản Nhi tỉnh; 30");
    wait_state(&t, "ok");
    let meta = t.text(".calc-meta");
    assert!(!meta.contains("Hạt giống"), "{meta}");
    assert!(
        !t.text("#calc-results")
            .contains("ngẫu nhiên theo hạt giống"),
        "{}",
        t.text("#calc-results")
    );
    // A typed size is kept when the group changes; a range is not prefilled.
    select(&t, "f-group", "idu");
    t.wait_until("!document.getElementById('f-seed-field').hidden", TIMEOUT);
    assert_eq!(value(&t, "f-n"), "400");
    t.assert_no_console_errors();
}

#[test]
fn working_day_counter_says_no_such_day_and_counts_zero_from_a_day_off() {
    let t = Test::new("planner-workdays");
    open_tool(&t, "/cong-cu/han-bao-cao/");
    type_into(&t, "f-add", "0");
    type_into(&t, "f-from", "31/02/2026");
    t.wait_until(
        "document.getElementById('f-from-msg').textContent !== ''",
        TIMEOUT,
    );
    assert_eq!(message(&t, "f-from"), "“31/02/2026”: ngày không tồn tại.");
    // Zero working days from Saturday 07/03/2026: Monday 09/03/2026, not the Saturday.
    type_into(&t, "f-from", "07/03/2026");
    t.wait_until(
        "document.getElementById('wd-result').textContent.includes('2026')",
        TIMEOUT,
    );
    let r = t.text("#wd-result");
    assert!(r.contains("09/03/2026"), "{r}");
    // The replaced circular's end date is its own, not its successor's.
    let reg = t.text("#dl-regulation");
    assert!(
        reg.contains("Văn bản này có hiệu lực đến hết ngày 31/05/2023 và đã được thay thế bởi Thông tư 07/2023/TT-BYT (có hiệu lực từ ngày 01/06/2023)."),
        "{reg}"
    );
    t.assert_no_console_errors();
}

#[test]
fn a_new_plan_opens_with_no_red_message() {
    let t = Test::new("planner-no-premature-error");
    fresh(&t);
    let shown = t.eval(
        "[document.getElementById('f-n-msg').className, document.getElementById('f-n').getAttribute('aria-invalid'), \
          document.querySelectorAll('.is-error, .calc-errors').length, document.getElementById('calc-summary').textContent]",
    );
    assert_eq!(
        shown,
        serde_json::json!([
            "field-msg is-pending",
            null,
            0,
            "Nhập cỡ mẫu để tính phân bổ."
        ])
    );
    // A wrong value is an error at once.
    type_into(&t, "f-n", "abc");
    t.wait_until(
        "document.getElementById('f-n-msg').className.includes('is-error')",
        TIMEOUT,
    );
    assert_eq!(t.attr("#f-n", "aria-invalid").as_deref(), Some("true"));
    // Cleared again: a request again, not an error.
    type_into(&t, "f-n", "1");
    t.eval("document.getElementById('f-n').focus(), document.getElementById('f-n').select(), true");
    t.tab.press_key("Backspace").unwrap();
    t.wait_until(
        "document.getElementById('f-n-msg').className === 'field-msg is-pending'",
        TIMEOUT,
    );
    assert_eq!(t.attr("#f-n", "aria-invalid"), None);
    t.screenshots_of("new-plan-request", "#f-n", true);
    t.assert_no_console_errors();
}

/// Clicks an export button and returns the downloaded Blob's text and the file name.
fn download(t: &Test, action: &str) -> (String, String) {
    t.eval(
        "(() => { if (!window.__dlHook) { const o = URL.createObjectURL.bind(URL); \
         URL.createObjectURL = b => { window.__dl = b; return o(b); }; window.__dlHook = true; } \
         window.__dl = null; return true; })()",
    );
    t.click(&format!("[data-action={action}]"));
    t.wait_until("window.__dl instanceof Blob", TIMEOUT);
    let text = t.eval_str("window.__dl.text()");
    let name = t.eval_str("document.getElementById('calc-download').download");
    (text, name)
}

#[test]
fn exports_and_printouts_carry_the_audit_trail() {
    let t = Test::new("planner-audit");
    fresh(&t);
    type_into(&t, "f-n", "250");
    type_into(&t, "f-seed", "4242");
    set_field(&t, "f-y", "2027");
    type_into(&t, "d0-n", "Ba Đình");
    type_into(&t, "d0-e", "1000");
    set_field(&t, "d0-s", "Phúc Xá; 40\nTrúc Bạch; 30\nLiễu Giai; 20");
    wait_state(&t, "ok");
    let (csv, name) = download(&t, "csv");
    assert_eq!(name, "phan-bo-mau-idu-2027.csv");
    let csv = csv.trim_start_matches('\u{feff}');
    let (meta, table) = csv
        .split_once("\r\n\r\n")
        .expect("metadata rows, an empty row");
    let lines: Vec<&str> = meta.lines().collect();
    assert_eq!(lines.len(), 8, "{meta}");
    assert_eq!(lines[0], "Nhóm đối tượng,Nam nghiện chích ma túy");
    assert_eq!(lines[1], "Cỡ mẫu,250");
    assert_eq!(lines[2], "Văn bản áp dụng,Thông tư 09/2012/TT-BYT");
    assert!(
        lines[3].starts_with("Ngày xuất,") && lines[3].len() > 20,
        "{meta}"
    );
    assert_eq!(lines[4], "Hạt giống,4242");
    assert_eq!(
        lines[5],
        "Thuật toán thứ tự điểm,\"SplitMix64 + Fisher–Yates, phiên bản 1\""
    );
    assert_eq!(
        lines[6],
        format!(
            "Phiên bản máy tính,Sổ tay {}",
            sotay_calc::view::export::CALCULATOR_VERSION
        )
    );
    assert!(table.starts_with("Huyện / khu vực,"), "{table}");
    let hash = meta
        .lines()
        .find_map(|l| l.strip_prefix("Mã dữ liệu nhập,"))
        .expect("input hash")
        .to_string();
    assert_eq!(hash.len(), 12, "{hash}");
    // The `;` file for Excel with Vietnamese regional settings: same rows.
    let (semi, _) = download(&t, "csv-semi");
    assert!(semi.contains("\r\nHạt giống;4242\r\n"), "{semi}");
    assert!(semi.contains("\r\nHuyện / khu vực;Được chọn;"), "{semi}");
    // JSON: the same audit trail.
    let (json, _) = download(&t, "json");
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["audit"]["seed"], "4242");
    assert_eq!(v["audit"]["algorithm"], "SplitMix64 + Fisher–Yates");
    assert_eq!(v["audit"]["algorithm_version"], 1);
    assert_eq!(v["audit"]["input_hash"], hash.as_str());
    // The printout: every field sheet says it too.
    t.eval("window.dispatchEvent(new Event('beforeprint')), true");
    let print = t.text("#calc-print");
    assert!(
        print.contains(&format!("Mã dữ liệu nhập: {hash}"))
            && print.contains("SplitMix64 + Fisher–Yates, phiên bản 1")
            && print.contains("Hạt giống: 4242"),
        "{print}"
    );
    // Another input, another hash; the same input, the same hash.
    type_into(&t, "d0-e", "1001");
    wait_state(&t, "ok");
    let (csv2, _) = download(&t, "csv");
    assert!(!csv2.contains(&hash));
    type_into(&t, "d0-e", "1000");
    wait_state(&t, "ok");
    let (csv3, _) = download(&t, "csv");
    assert!(csv3.contains(&format!("Mã dữ liệu nhập,{hash}")));
    t.assert_no_console_errors();
}

#[test]
fn a_totals_row_and_undo_for_a_deleted_row() {
    let t = Test::new("planner-totals-undo");
    fresh(&t);
    type_into(&t, "f-n", "250");
    type_into(&t, "d0-n", "Ba Đình");
    type_into(&t, "d0-e", "1.000");
    set_field(&t, "d0-s", "Phúc Xá; 40\nTrúc Bạch; 30");
    t.click("[data-action=add]");
    t.wait_for("#d1-n");
    type_into(&t, "d1-n", "Hoàn Kiếm");
    type_into(&t, "d1-e", "500");
    wait_state(&t, "ok");
    let foot = t.eval(
        "[...document.querySelector('#calc-results > table:first-of-type tfoot tr').cells].map(c => c.textContent)",
    );
    let body: Vec<Vec<String>> = serde_json::from_value(t.eval(
        "[...document.querySelectorAll('#calc-results > table:first-of-type tbody tr')].map(r => [...r.cells].map(c => c.textContent))",
    ))
    .unwrap();
    let allocated: u64 = body.iter().map(|r| r[4].parse::<u64>().unwrap()).sum();
    assert_eq!(allocated, 250);
    assert_eq!(foot[0], "Tổng");
    assert_eq!(foot[1], "1.500");
    assert_eq!(foot[2], "2 được chọn");
    assert_eq!(foot[3], "250");
    // ✕ removes a row with its sites; "Hoàn tác" puts it back where it was.
    t.click("#d-rows [data-action=remove][data-row='0']");
    t.wait_until(
        "document.getElementById('d0-n').value === 'Hoàn Kiếm'",
        TIMEOUT,
    );
    let m = message(&t, "d-table");
    assert!(m.contains("Đã xóa “Ba Đình” cùng 2 điểm."), "{m}");
    t.click("#d-undo");
    t.wait_until(
        "document.getElementById('d0-n').value === 'Ba Đình'",
        TIMEOUT,
    );
    assert_eq!(value(&t, "d0-e"), "1.000");
    assert_eq!(value(&t, "d0-s"), "Phúc Xá; 40\nTrúc Bạch; 30");
    assert_eq!(value(&t, "d1-n"), "Hoàn Kiếm");
    wait_state(&t, "ok");
    assert!(
        t.eval("document.getElementById('d-undo') === null")
            .as_bool()
            .unwrap()
    );
    t.screenshots_of("totals-row", "#calc-results > table:first-of-type", true);
    t.assert_no_console_errors();
}

#[test]
fn the_example_plan_is_labelled_made_up_everywhere() {
    let t = Test::new("planner-example");
    fresh(&t);
    assert!(
        t.eval("document.getElementById('calc-example').hidden")
            .as_bool()
            .unwrap()
    );
    t.click("[data-action=example]");
    wait_state(&t, "ok");
    assert!(
        !t.eval("document.getElementById('calc-example').hidden")
            .as_bool()
            .unwrap()
    );
    assert!(
        t.text("#calc-example").contains("giả định"),
        "{}",
        t.text("#calc-example")
    );
    let names: Vec<String> = serde_json::from_value(t.eval(
        "[...document.querySelectorAll('#calc-results > table:first-of-type tbody tr')].map(r => r.cells[1].textContent)",
    ))
    .unwrap();
    assert_eq!(names.len(), 3, "{names:?}");
    assert!(names.iter().all(|n| n.starts_with("Ví dụ – ")), "{names:?}");
    // Saved like any plan, still labelled after a reload; the printout names it too.
    t.wait_until("location.hash.startsWith('#p=')", TIMEOUT);
    open_tool(&t, ALLOC);
    wait_state(&t, "ok");
    assert!(
        !t.eval("document.getElementById('calc-example').hidden")
            .as_bool()
            .unwrap()
    );
    t.eval("window.dispatchEvent(new Event('beforeprint')), true");
    assert!(
        t.text("#calc-print")
            .contains("Kế hoạch thực địa: Ví dụ – Quận Một")
    );
    t.screenshots_of("example-plan", "#calc-example", true);
    // Renaming every area to real names removes the label.
    for i in 0..3 {
        type_into(&t, &format!("d{i}-n"), &format!("Huyện thật {i}"));
    }
    t.wait_until("document.getElementById('calc-example').hidden", TIMEOUT);
    t.assert_no_console_errors();
}

#[test]
fn the_deadlines_list_says_for_reference_only_once_per_month() {
    let t = Test::new("planner-deadlines-once");
    open_tool(&t, "/cong-cu/han-bao-cao/");
    type_into(&t, "f-year", "2024");
    t.wait_until(
        "document.querySelector('#dl-view caption')?.textContent.includes('/2024')",
        TIMEOUT,
    );
    let counts = t.eval(
        "(() => { const v = document.getElementById('dl-view'); \
           const rows = v.querySelectorAll('tr.is-superseded').length; \
           const months = [...v.querySelectorAll('section.dl-group')].filter(s => s.querySelector('tr.is-superseded')).length; \
           const long = (v.textContent.match(/đã được thay thế từ/g) || []).length; \
           const badges = v.querySelectorAll('tr.is-superseded .dl-badge').length; \
           return [rows, months, long, badges]; })()",
    );
    let c: Vec<u64> = serde_json::from_value(counts).unwrap();
    let (rows, months, long, badges) = (c[0], c[1], c[2], c[3]);
    assert!(rows > months && months > 0, "{c:?}");
    assert_eq!(long, months, "the long text once per month: {c:?}");
    assert_eq!(badges, rows, "each such row still says it in words: {c:?}");
    t.assert_no_console_errors();
}
