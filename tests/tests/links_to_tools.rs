//! Links from the articles into the calculator (issue 5), in real Chromium: the sample sizes of
//! Điều 18 link each group to /cong-cu/phan-bo-mau/ with that group selected, and the deadlines
//! table of Mục 5 links each reporting unit to /cong-cu/han-bao-cao/ with that unit selected.
//!
//! The generator writes the tool page as `href` and the preselection as `data-tool-state`;
//! `site/js/blocks.js` makes it the `#nhom=…` / `#don-vi=…` fragment the tool reads. These tests
//! follow the links as a reader would (a click), not a typed URL.
use std::time::Duration;

use sotay_e2e::{TIMEOUT, Test};

/// Waits until the calculator on the current page has started (set by js/calc.js).
fn tool_ready(t: &Test, path: &str) {
    t.wait_until(
        &format!(
            "location.pathname === '{path}' && \
             document.querySelector('[data-tool]')?.dataset.calcReady === '1'"
        ),
        Duration::from_secs(30),
    );
}

/// Opens `page`, checks the link for `state` carries it as its fragment, clicks it and waits
/// for the tool at `tool`.
fn follow(t: &Test, page: &str, state: &str, tool: &str) {
    t.open(page);
    let link = format!("a[data-tool-state=\"{state}\"]");
    t.wait_until(
        &format!(
            "document.querySelector('{}')?.getAttribute('href') === '{tool}#{state}'",
            link.replace('\'', "\\'")
        ),
        TIMEOUT,
    );
    t.click_and_wait_path(&link, tool);
    tool_ready(t, tool);
}

#[test]
fn dieu_18_group_link_opens_the_allocation_tool_with_that_group() {
    let t = Test::new("dieu_18_group_link_opens_the_allocation_tool_with_that_group");
    // The sample-sizes block of Điều 18 (Mục 4 page) names each group with a link.
    follow(
        &t,
        "/giam-sat/giam-sat-trong-diem/",
        "nhom=fsw",
        "/cong-cu/phan-bo-mau/",
    );
    assert_eq!(
        t.eval_str("document.getElementById('f-group').value"),
        "fsw"
    );
    let shown = t.eval_str(
        "(() => { const s = document.getElementById('f-group'); \
         return s.options[s.selectedIndex].text; })()",
    );
    assert!(
        shown.contains("bán dâm"),
        "selected group shown as {shown:?}"
    );
    // Another group from the same table: the link, not a leftover state, decides.
    follow(
        &t,
        "/giam-sat/giam-sat-trong-diem/",
        "nhom=msm",
        "/cong-cu/phan-bo-mau/",
    );
    assert_eq!(
        t.eval_str("document.getElementById('f-group').value"),
        "msm"
    );
    t.assert_no_console_errors();
}

#[test]
fn muc_5_unit_link_opens_the_deadlines_tool_with_that_unit() {
    let t = Test::new("muc_5_unit_link_opens_the_deadlines_tool_with_that_unit");
    // The deadlines table of Mục 5 names each sending unit with a link.
    follow(
        &t,
        "/giam-sat/che-do-bao-cao/",
        "don-vi=da_lieu_tinh",
        "/cong-cu/han-bao-cao/",
    );
    assert_eq!(
        t.eval_str("document.getElementById('f-unit').value"),
        "da_lieu_tinh"
    );
    let shown = t.eval_str(
        "(() => { const s = document.getElementById('f-unit'); \
         return s.options[s.selectedIndex].text; })()",
    );
    assert_eq!(shown, "Đơn vị đầu mối về da liễu tỉnh");
    t.assert_no_console_errors();
}

#[test]
fn an_unknown_unit_in_the_link_shows_every_unit_with_a_note() {
    use sotay_calc::core::deadlines;
    let t = Test::new("an_unknown_unit_in_the_link_shows_every_unit_with_a_note");
    // A hand-edited or outdated link (units differ between the two instruments).
    t.open("/cong-cu/han-bao-cao/#don-vi=khong_co<b>");
    tool_ready(&t, "/cong-cu/han-bao-cao/");
    let msg = "document.getElementById('f-unit-msg')";
    t.wait_until(&format!("!{msg}.hidden"), TIMEOUT);
    let note = t.eval_str(&format!("{msg}.textContent"));
    assert!(
        note.contains("Không có đơn vị “khong_co%3Cb%3E”") || note.contains("khong_co<b>"),
        "{note}"
    );
    assert!(note.contains("tất cả đơn vị"), "{note}");
    assert_eq!(
        t.eval("document.querySelectorAll('#f-unit-msg b').length")
            .as_u64(),
        Some(0)
    );
    assert_eq!(t.eval_str("document.getElementById('f-unit').value"), "");
    // Every unit's deadlines are listed, not none.
    let year: i32 = t
        .eval_str("document.getElementById('f-year').value")
        .parse()
        .unwrap();
    let all = deadlines::deadlines(year, None).unwrap().len();
    t.wait_until(
        &format!("document.querySelectorAll('.dl-table tbody tr').length === {all}"),
        TIMEOUT,
    );
    // Picking a unit clears the note.
    t.eval(
        "(() => { const s = document.getElementById('f-unit'); s.value = 'tinh'; \
         s.dispatchEvent(new Event('input', { bubbles: true })); return true; })()",
    );
    t.wait_until(&format!("{msg}.hidden"), TIMEOUT);
    t.assert_no_console_errors();
}
