//! A 360 px phone in real Chromium: wide tables read as labelled cards, the supersession notice
//! is one compact line with "Chi tiết", tap targets are 44 px, SVG text is 12 px or more.
//! Screenshots go to target/e2e-screenshots/phone-*.png.
use sotay_e2e::{PHONE, Test};

/// Cells of the cards tables of the open page that leave the screen, and cells without their
/// column's label shown: (count of cells, problems).
fn card_problems(t: &Test) -> (u64, Vec<String>) {
    let v = t.eval(
        "(() => { const out = []; let n = 0;
           for (const tb of document.querySelectorAll('.content table.sotay-cards')) {
             for (const td of tb.querySelectorAll('tbody td, tbody th')) {
               n++;
               const r = td.getBoundingClientRect();
               if (r.left < 0 || r.right > innerWidth + 0.5)
                 out.push('off screen: ' + td.textContent.trim().slice(0, 40) + ' ' + r.left + '–' + r.right);
               const label = getComputedStyle(td, '::before').content;
               if (td.dataset.label && label !== JSON.stringify(td.dataset.label))
                 out.push('label not shown: ' + td.dataset.label + ' / ' + label);
             }
           }
           return [n, out]; })()",
    );
    (
        v[0].as_u64().unwrap(),
        serde_json::from_value(v[1].clone()).unwrap(),
    )
}

#[test]
fn wide_tables_are_labelled_cards_on_a_phone() {
    let t = Test::new("phone_tables");
    t.viewport(PHONE);
    for (path, want) in [
        ("/van-ban-moi/so-sanh/", "07/2023"),
        ("/nhom-ky-thuat-bo-y-te/danh-sach/", "Vụ/Cục chủ trì"),
    ] {
        t.viewport(PHONE);
        t.open(path);
        let (cells, problems) = card_problems(&t);
        assert!(cells > 20, "{path}: {cells} card cells");
        assert!(problems.is_empty(), "{path}:\n{}", problems.join("\n"));
        // The column that was off-screen is read, with its name over each value.
        let shown = t.eval(&format!(
            "[...document.querySelectorAll('.content table.sotay-cards td')].some(td =>
               (td.dataset.label || '').includes({want:?}) && td.getBoundingClientRect().width > 200)"
        ));
        assert_eq!(shown, true, "{path}: no «{want}» cell on screen");
        assert!(
            t.eval_str("String(document.documentElement.scrollWidth)")
                .parse::<u32>()
                .unwrap()
                <= PHONE.0,
            "{path} scrolls sideways"
        );
        // Still a table for screen readers.
        assert_eq!(
            t.eval_str("document.querySelector('.content table.sotay-cards').getAttribute('role')"),
            "table"
        );
        let label = path.trim_matches('/').replace('/', "-");
        t.screenshots_of(
            &format!("phone-{label}"),
            ".content table.sotay-cards",
            false,
        );
    }
    t.assert_no_console_errors();
}

#[test]
fn the_supersession_notice_is_one_compact_line_with_details() {
    let t = Test::new("phone_notice");
    t.viewport(PHONE);
    for path in [
        "/giam-sat/phat-hien-hiv/",
        "/cong-cu/phan-bo-mau/",
        "/cong-cu/han-bao-cao/",
    ] {
        t.open(path);
        let notice = ".notice-tt09-thay-the";
        let h = t.eval(&format!(
            "document.querySelector('{notice}').getBoundingClientRect().height"
        ));
        let h = h.as_f64().unwrap();
        assert!(h <= 150.0, "{path}: the notice is {h} px tall at 360 px");
        let line = t.text(&format!("{notice} .notice-line"));
        assert!(
            line.contains("07/2023") && line.contains("01/6/2023"),
            "{path}: {line}"
        );
        // The rest is behind "Chi tiết", closed; it opens, and nothing closes the notice.
        assert_eq!(
            t.eval(&format!("document.querySelector('{notice} details').open")),
            false
        );
        assert_eq!(t.text(&format!("{notice} summary")), "Chi tiết");
        assert_eq!(
            t.eval(&format!(
                "document.querySelector('{notice} .notice-body').checkVisibility()"
            )),
            false
        );
        t.click(&format!("{notice} summary"));
        assert_eq!(
            t.eval(&format!(
                "document.querySelector('{notice} .notice-body').checkVisibility()"
            )),
            true
        );
        assert!(
            t.text(&format!("{notice} .notice-body"))
                .contains("chưa xác minh")
        );
        assert_eq!(
            t.eval(&format!(
                "document.querySelectorAll('{notice} button, {notice} [data-dismiss]').length"
            )),
            0
        );
        t.click(&format!("{notice} summary"));
        // The notice ends within the first screen, whatever follows it.
        let bottom = t.eval(&format!(
            "document.querySelector('{notice}').getBoundingClientRect().bottom + scrollY"
        ));
        assert!(
            bottom.as_f64().unwrap() < 560.0,
            "{path}: the notice ends at {bottom} px"
        );
        let label = path.trim_matches('/').replace('/', "-");
        t.screenshot_at(&format!("phone-notice-{label}"), PHONE);
    }
    t.assert_no_console_errors();
}

#[test]
fn tap_targets_are_44_px_and_svg_text_is_12_px() {
    let t = Test::new("phone_targets");
    t.viewport(PHONE);
    for path in [
        "/giam-sat/phat-hien-hiv/",
        "/nhom-ho-tro-ky-thuat/to-chuc/",
        "/nhom-ky-thuat-bo-y-te/danh-sach/",
        "/giam-sat/giam-sat-trong-diem/",
    ] {
        t.viewport(PHONE);
        t.open(path);
        let small = t.eval(
            "[...document.querySelectorAll('.heading-anchor, .breadcrumbs a')]
               .filter(a => a.getClientRects().length)
               .map(a => { const r = a.getBoundingClientRect(); return [a.className || 'breadcrumb', r.width, r.height]; })
               .filter(([, w, h]) => w < 44 || h < 44)",
        );
        assert_eq!(
            small,
            serde_json::json!([]),
            "{path}: tap targets under 44 px"
        );
        let n = t.eval("document.querySelectorAll('.heading-anchor').length");
        assert!(n.as_u64().unwrap() > 0, "{path}");
        // Effective size of SVG text: its font size times the picture's scale.
        let v = t.eval(
            "[...document.querySelectorAll('svg.sotay-svg')].map(svg => {
               const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
               return Math.min(...[...svg.querySelectorAll('text')].map(x => parseFloat(getComputedStyle(x).fontSize) * scale));
             })",
        );
        for px in v.as_array().unwrap() {
            assert!(px.as_f64().unwrap() >= 12.0, "{path}: SVG text at {px} px");
        }
        if path.starts_with("/nhom-ho-tro") || path.contains("trong-diem") {
            assert!(!v.as_array().unwrap().is_empty(), "{path} has a picture");
            let label = path.trim_matches('/').replace('/', "-");
            t.screenshots_of(&format!("phone-svg-{label}"), "svg.sotay-svg", false);
        }
    }
    t.assert_no_console_errors();
}
