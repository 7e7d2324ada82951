//! Tests of the harness itself, against the static fixtures in `tests/fixtures/`: the server's
//! MIME types and 404s, the console-error and request recorders, and the failure screenshot.
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::OnceLock;

use sotay_e2e::{Site, Test, serve_dir};

fn fixture(name: &str) -> &'static Site {
    static GOOD: OnceLock<Site> = OnceLock::new();
    static BAD: OnceLock<Site> = OnceLock::new();
    let cell = if name == "site" { &GOOD } else { &BAD };
    cell.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures")
            .join(name);
        serve_dir(&dir).expect("serve fixture")
    })
}

#[test]
fn serves_wasm_with_its_mime_type_and_records_local_requests() {
    let t = Test::with_site("harness_wasm", fixture("site"));
    t.open("/");
    // instantiateStreaming rejects anything but application/wasm.
    t.wait_for_attr("#calc-status", "data-calc-ready", "1");
    assert!(
        t.text("#calc-status").contains("Thông tư"),
        "{}",
        t.text("#calc-status")
    );
    assert_eq!(t.eval_str("document.documentElement.lang"), "vi");
    t.assert_no_console_errors();
    t.assert_all_requests_local();
    let reqs = t.requests();
    assert!(
        reqs.iter().any(|u| u.ends_with("/assets/mini.wasm")),
        "{reqs:?}"
    );
}

#[test]
fn unknown_path_gets_404_page_with_status_404() {
    let t = Test::with_site("harness_404", fixture("site"));
    t.open("/khong-co/trang-nay/");
    assert_eq!(
        t.eval("performance.getEntriesByType('navigation')[0].responseStatus"),
        404
    );
    assert_eq!(t.text("h1"), "Không tìm thấy trang");
    // A folder without its trailing slash is redirected, as on a static host.
    t.open("/giam-sat");
    assert_eq!(t.path(), "/giam-sat/");
}

#[test]
fn records_console_errors_and_exceptions() {
    let t = Test::with_site("harness_errors", fixture("bad"));
    t.open("/loi/");
    t.wait_until("document.readyState === 'complete'", sotay_e2e::TIMEOUT);
    std::thread::sleep(std::time::Duration::from_millis(200));
    let errors = t.console_errors();
    assert!(
        errors.iter().any(|e| e.contains("lỗi cố ý từ fixture")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("ngoại lệ cố ý từ fixture")),
        "{errors:?}"
    );
    let caught = catch_unwind(AssertUnwindSafe(|| t.assert_no_console_errors()));
    assert!(
        caught.is_err(),
        "assert_no_console_errors must fail on this page"
    );
}

#[test]
fn detects_requests_that_leave_127_0_0_1() {
    let t = Test::with_site("harness_foreign", fixture("bad"));
    t.open("/ngoai/");
    t.wait_until("document.readyState === 'complete'", sotay_e2e::TIMEOUT);
    let foreign = t.foreign_requests();
    assert_eq!(foreign, ["http://tracker.invalid/pixel.png"]);
    let caught = catch_unwind(AssertUnwindSafe(|| t.assert_all_requests_local()));
    assert!(
        caught.is_err(),
        "assert_all_requests_local must fail on this page"
    );
}

#[test]
fn failing_test_writes_a_screenshot() {
    let name = "harness_forced_failure";
    let path = sotay_e2e::screenshot_dir().join(format!("{name}.png"));
    let _ = std::fs::remove_file(&path);
    let result = catch_unwind(|| {
        let t = Test::with_site(name, fixture("site"));
        t.open("/giam-sat/dieu-1/");
        panic!("forced failure to exercise the screenshot guard");
    });
    assert!(result.is_err());
    let png = std::fs::read(&path).expect("the guard wrote the screenshot");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    assert!(
        png.len() > 1000,
        "suspiciously small PNG: {} bytes",
        png.len()
    );
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn no_screenshot_when_the_test_passes() {
    let name = "harness_passing";
    let path = sotay_e2e::screenshot_dir().join(format!("{name}.png"));
    let _ = std::fs::remove_file(&path);
    {
        let t = Test::with_site(name, fixture("site"));
        t.open("/");
    }
    assert!(!path.exists());
}

#[test]
fn screenshots_at_phone_and_desktop_sizes() {
    let t = Test::with_site("harness_sizes", fixture("site"));
    t.open("/giam-sat/dieu-1/");
    let [phone, desktop] = t.screenshots("harness-dieu-1");
    for (p, w, h) in [(&phone, 360, 800), (&desktop, 1280, 900)] {
        let png = std::fs::read(p).unwrap();
        // IHDR: width and height, big-endian, at bytes 16..24.
        let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
        let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
        assert_eq!((width, height), (w, h), "{}", p.display());
        std::fs::remove_file(p).unwrap();
    }
}
