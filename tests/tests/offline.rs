//! Offline use in real Chromium: after one visit the service worker has precached the build;
//! with the network cut (CDP Network.emulateNetworkConditions offline) every page, the search
//! and the calculator still work; a new build replaces the cache without mixing versions.
use std::path::Path;
use std::time::Duration;

use sotay_e2e::{Test, serve_dir, site};

const SW_WAIT: Duration = Duration::from_secs(60);

/// Waits until the worker of the page's build controls the page and its cache is complete.
fn wait_for_worker(t: &Test) -> String {
    let build = t
        .attr("meta[name=sotay-build]", "content")
        .expect("build id meta");
    t.wait_until(
        &format!(
            "navigator.serviceWorker.ready.then(r => r.active && r.active.state === 'activated')
               .then(ok => ok && caches.keys()).then(k => !!k && k.some(n => n.startsWith('sotay-{build}-')))"
        ),
        SW_WAIT,
    );
    // The first visit is not controlled yet: clients.claim() makes it so.
    t.wait_until("!!navigator.serviceWorker.controller", SW_WAIT);
    build
}

fn page_urls(dir: &Path) -> Vec<String> {
    let sw = std::fs::read_to_string(dir.join("sw.js")).unwrap();
    let list = &sw[sw.find("const PRECACHE = ").unwrap() + 17..];
    let list: Vec<String> = serde_json::from_str(&list[..list.find(";\n").unwrap()]).unwrap();
    list.into_iter().filter(|u| u.ends_with('/')).collect()
}

#[test]
fn after_one_visit_every_page_search_and_calculator_work_offline() {
    let t = Test::new("offline_all");
    t.open("/");
    wait_for_worker(&t);
    t.set_offline(true);
    let pages = page_urls(&site().dir);
    assert!(pages.len() > 20, "{pages:?}");
    for p in &pages {
        t.open(p);
        let status = t.eval("performance.getEntriesByType('navigation')[0].responseStatus");
        assert_eq!(status, 200, "{p} offline");
        assert!(!t.text("h1").is_empty(), "{p} has no title offline");
    }
    // Search works offline (index and wasm from the cache).
    t.open("/tim-kiem/?q=giam%20sat%20trong%20diem");
    t.wait_until(
        "document.querySelectorAll('#search-page-results a').length > 0",
        SW_WAIT,
    );
    // The calculator module loads offline (a tool page).
    t.open("/cong-cu/han-bao-cao/");
    t.wait_for_attr("[data-tool]", "data-calc-ready", "1");
    t.set_offline(false);
    t.assert_no_console_errors();
    t.assert_all_requests_local();
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).unwrap();
        }
    }
}

/// Build A is visited; build B (a changed page, a new build id and a new sw.js written by the
/// generator's own `sotay::offline::write`) is deployed into the same served folder. After two
/// reloads the page shows B's text and the only cache left is B's.
#[test]
fn a_new_build_replaces_the_cache_without_mixing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("site");
    copy_dir(&site().dir, &dir);
    let served = serve_dir(&dir).unwrap();
    let t = Test::with_site("offline_update", &served);
    t.open("/giam-sat/");
    let a = wait_for_worker(&t);

    // Deploy build B: one page's text changes, the build id changes everywhere.
    // (Another first character: the id is hex, so 'z' never equals it.)
    let b = format!("z{}", &a[1..]);
    assert_ne!(a, b);
    let page = dir.join("giam-sat/index.html");
    let html = std::fs::read_to_string(&page).unwrap();
    let marker = "Bản dựng B: văn bản đã thay đổi";
    let html = html.replacen(
        "<div class=\"content\">",
        &format!("<div class=\"content\"><p id=\"marker-b\">{marker}</p>"),
        1,
    );
    std::fs::write(&page, html.replace(&a, &b)).unwrap();
    for p in page_urls(&dir) {
        let f = dir.join(p.trim_start_matches('/')).join("index.html");
        let h = std::fs::read_to_string(&f).unwrap();
        std::fs::write(&f, h.replace(&a, &b)).unwrap();
    }
    std::fs::rename(
        dir.join(format!("assets/search-index.{a}.txt")),
        dir.join(format!("assets/search-index.{b}.txt")),
    )
    .unwrap();
    sotay::offline::write(&dir, &b, &sotay::config::Config::default()).unwrap();

    // Reload 1: may still be served by build A's worker while B installs. (A query string makes
    // each visit a distinct navigation for the driver; the worker ignores it for pages.)
    t.open("/giam-sat/?lan=1");
    t.wait_until(
        &format!("caches.keys().then(k => k.length === 1 && k[0].startsWith('sotay-{b}-'))"),
        SW_WAIT,
    );
    // Reload 2: everything from build B.
    t.open("/giam-sat/?lan=2");
    assert_eq!(t.text("#marker-b"), marker);
    assert_eq!(
        t.attr("meta[name=sotay-build]", "content").as_deref(),
        Some(b.as_str())
    );
    let keys = t.eval("caches.keys()");
    let keys = keys.as_array().expect("cache names");
    assert_eq!(keys.len(), 1, "{keys:?}");
    assert!(
        keys[0]
            .as_str()
            .unwrap()
            .starts_with(&format!("sotay-{b}-")),
        "{keys:?}"
    );
    t.assert_no_console_errors();
    t.assert_all_requests_local();
}

/// The cache name of the worker that controls the page (`sotay-<build>-<version>`).
fn cache_names(t: &Test) -> Vec<String> {
    let keys = t.eval("caches.keys()");
    keys.as_array()
        .expect("cache names")
        .iter()
        .map(|k| k.as_str().unwrap().to_string())
        .collect()
}

/// A data-only change (one notice in content/_data/thong-bao.toml, no page or template touched)
/// reaches a reader who has the site offline: the rebuild writes a new sw.js, the installed
/// worker picks up the new build, and the page then shows the new notice from the new cache.
#[test]
fn a_data_only_change_reaches_a_reader_with_the_site_offline() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("du-an");
    let ws = sotay_e2e::workspace_root();
    copy_dir(&ws.join("content"), &root.join("content"));
    copy_dir(&ws.join("site"), &root.join("site"));
    let out = root.join("public");
    let bin = sotay_e2e::sotay_bin().unwrap();
    let build = || {
        // No wasm/ in the copy: the calculator is not rebuilt (the pages only ask for it).
        let o = std::process::Command::new(&bin)
            .args(["build", "--root"])
            .arg(&root)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    build();
    let served = serve_dir(&out).unwrap();
    let t = Test::with_site("offline_data_change", &served);
    t.open("/giam-sat/");
    wait_for_worker(&t);
    let first = cache_names(&t);
    assert_eq!(first.len(), 1, "{first:?}");
    let sw_a = std::fs::read_to_string(out.join("sw.js")).unwrap();

    let notices = root.join("content/_data/thong-bao.toml");
    let text = std::fs::read_to_string(&notices).unwrap();
    let marker = "Ghi chú mới của bản dựng B.";
    let changed = text.replacen(
        "Những khác biệt đã đối chiếu được:",
        &format!("{marker}\n\nNhững khác biệt đã đối chiếu được:"),
        1,
    );
    assert_ne!(changed, text, "the notice text to change was not found");
    std::fs::write(&notices, changed).unwrap();
    build();
    let sw_b = std::fs::read_to_string(out.join("sw.js")).unwrap();
    assert_ne!(sw_a, sw_b, "a data-only change must give a new sw.js");

    // Reload 1: the browser checks sw.js, installs build B's worker, which drops A's cache.
    t.open("/giam-sat/?lan=1");
    let old = first[0].clone();
    t.wait_until(
        &format!("caches.keys().then(k => k.length === 1 && k[0] !== '{old}')"),
        SW_WAIT,
    );
    // Reload 2: the page comes from build B's cache and shows the new notice.
    t.open("/giam-sat/?lan=2");
    t.wait_until(
        &format!("document.body.textContent.includes({marker:?})"),
        SW_WAIT,
    );
    let now = cache_names(&t);
    assert_eq!(now.len(), 1);
    assert_ne!(now[0], old);
    t.assert_all_requests_local();
}

/// The reader is told when the offline copy is complete, with its real size; /ngoai-tuyen/
/// says whether the network is there, and never "Đang ngoại tuyến" while online.
#[test]
fn the_reader_is_told_when_the_offline_copy_is_ready_and_its_size() {
    // The size of what the worker precaches, from the built files (1 MB = 10^6 bytes).
    let dir = &site().dir;
    let sw = std::fs::read_to_string(dir.join("sw.js")).unwrap();
    let list = &sw[sw.find("const PRECACHE = ").unwrap() + 17..];
    let list: Vec<String> = serde_json::from_str(&list[..list.find(";\n").unwrap()]).unwrap();
    let bytes: u64 = list
        .iter()
        .map(|u| {
            let rel = u.trim_start_matches('/');
            let f = if rel.is_empty() || rel.ends_with('/') {
                dir.join(rel).join("index.html")
            } else {
                dir.join(rel)
            };
            std::fs::metadata(&f)
                .unwrap_or_else(|e| panic!("{}: {e}", f.display()))
                .len()
        })
        .sum();
    let want = format!("Đã lưu để đọc ngoại tuyến, {:.1} MB", bytes as f64 / 1e6).replace('.', ",");

    let t = Test::new("offline_ready");
    t.open("/giam-sat/");
    assert!(
        t.eval("document.getElementById('sw-saved') === null")
            .as_bool()
            .unwrap(),
        "announced before the copy is complete"
    );
    wait_for_worker(&t);
    t.wait_until(
        &format!("document.getElementById('sw-saved')?.textContent === {want:?}"),
        SW_WAIT,
    );
    assert_eq!(t.attr("#sw-saved", "role").as_deref(), Some("status"));
    // A later visit (already saved) does not say it again.
    t.open("/giam-sat/phat-hien-hiv/");
    std::thread::sleep(Duration::from_millis(500));
    assert!(
        t.eval("document.getElementById('sw-saved') === null")
            .as_bool()
            .unwrap()
    );

    // Online, the offline page says the network is there, and gives the size saved.
    t.open("/ngoai-tuyen/");
    let body = t.text("main");
    assert!(!body.contains("Đang ngoại tuyến"), "{body}");
    t.wait_until(
        "document.getElementById('offline-state').textContent === 'Máy đang có mạng.'",
        SW_WAIT,
    );
    let size = want.rsplit(", ").next().unwrap().to_string();
    t.wait_until(
        &format!("document.getElementById('offline-size').textContent.includes({size:?})"),
        SW_WAIT,
    );
    t.assert_no_console_errors();
    t.assert_all_requests_local();
}
