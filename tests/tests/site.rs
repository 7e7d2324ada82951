//! The built handbook in headless Chromium (issue 2): home page, sidebar navigation, deep links,
//! the wasm module, console errors and requests on every page, 404, sitemap, phone layout.
//!
//! The site is built once for this test binary by `sotay_e2e::site()`.
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::time::Duration;

use sotay_e2e::{DESKTOP, PHONE, Resolved, TIMEOUT, Test, resolve, site, sitemap_locs};

/// Site paths of every page in sitemap.xml (scheme and host stripped).
fn sitemap_paths() -> Vec<String> {
    let xml = fs::read_to_string(site().dir.join("sitemap.xml")).expect("sitemap.xml is built");
    sitemap_locs(&xml)
        .into_iter()
        .map(|loc| match loc.find("://") {
            Some(i) => {
                let rest = &loc[i + 3..];
                rest.find('/')
                    .map(|j| rest[j..].to_string())
                    .unwrap_or_else(|| "/".into())
            }
            None => loc,
        })
        .collect()
}

/// Every `index.html` of the built site as a site path (`/giam-sat/dieu-1/`).
fn built_pages(dir: &Path, prefix: &str, out: &mut BTreeSet<String>) {
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        let p = entry.path();
        if p.is_dir() {
            built_pages(&p, &format!("{prefix}{name}/"), out);
        } else if name == "index.html" {
            out.insert(prefix.to_string());
        }
    }
}

/// Waits for the page to be fully loaded.
fn settle(t: &Test) {
    t.wait_until("document.readyState === 'complete'", TIMEOUT);
}

#[test]
fn home_page_renders() {
    let t = Test::new("home_page_renders");
    t.open("/");
    settle(&t);
    assert_eq!(t.eval_str("document.documentElement.lang"), "vi");
    let title = t.eval_str("document.title");
    assert!(title.contains("Sổ tay"), "title: {title:?}");
    assert!(!t.text("h1").is_empty(), "the home page has an h1");
    assert!(
        t.eval("document.querySelectorAll('nav a[href]').length")
            .as_u64()
            > Some(1),
        "the home page has a navigation with links"
    );
    assert!(
        t.eval("document.styleSheets.length").as_u64() > Some(0),
        "a stylesheet is loaded"
    );
    t.assert_no_console_errors();
    t.assert_all_requests_local();
}

/// Marks the sidebar link (a visible one, really clickable: the element at its centre is the
/// link) to the deepest page other than the current one, and returns its path.
const PICK_DEEPEST_NAV_LINK: &str = r#"(() => {
  const here = location.pathname;
  const nav = document.querySelector('nav.sidebar, nav#nav') ? 'nav.sidebar a[href], nav#nav a[href]' : 'nav a[href]';
  const depth = a => a.pathname.split('/').filter(Boolean).length;
  const links = [...document.querySelectorAll(nav)]
    .filter(a => a.origin === location.origin && a.pathname !== here)
    .sort((a, b) => depth(b) - depth(a));
  document.querySelectorAll('[data-e2e-target]').forEach(e => e.removeAttribute('data-e2e-target'));
  for (const a of links) {
    a.scrollIntoView({ block: 'center', behavior: 'instant' }); // the site scrolls smoothly
    const r = a.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    if (hit && (hit === a || a.contains(hit))) {
      a.setAttribute('data-e2e-target', '1');
      return a.pathname;
    }
  }
  return null;
})()"#;

#[test]
fn sidebar_navigation_reaches_a_nested_page() {
    let t = Test::new("sidebar_navigation_reaches_a_nested_page");
    t.open("/");
    // Click through the sidebar (section, then page) until a page two levels deep is open.
    let mut path = String::from("/");
    for _ in 0..3 {
        let next = t.eval(PICK_DEEPEST_NAV_LINK);
        let next = next
            .as_str()
            .expect("a visible link in <nav> to another page")
            .to_string();
        t.click_and_wait_path("[data-e2e-target='1']", &next);
        path = next;
        if path.split('/').filter(|s| !s.is_empty()).count() >= 2 {
            break;
        }
    }
    assert!(
        path.split('/').filter(|s| !s.is_empty()).count() >= 2,
        "reached only {path}"
    );
    settle(&t);
    assert!(
        !t.text("main h1, h1").is_empty(),
        "the nested page {path} has a heading"
    );
    // The sidebar marks the current page.
    let current = t.eval(
        "[...document.querySelectorAll('nav a[aria-current=\"page\"]')].map(a => a.pathname)",
    );
    assert!(
        current
            .as_array()
            .is_some_and(|a| a.iter().any(|p| p == path.as_str())),
        "nav link to {path} has aria-current=page (found {current})"
    );
    t.assert_no_console_errors();
    t.assert_all_requests_local();
}

/// Finds, on the open page, a heading with an id below the first screen that the page can
/// scroll to the top of the viewport (enough content below it).
const PICK_LOW_HEADING: &str = r#"(() => {
  const hs = [...document.querySelectorAll('main h2[id], main h3[id], article h2[id], article h3[id]')];
  const maxScroll = document.documentElement.scrollHeight - innerHeight;
  const ok = hs.filter(h => {
    const top = h.getBoundingClientRect().top + scrollY;
    return top > innerHeight * 1.2 && top < maxScroll;
  });
  return ok.length ? ok[ok.length - 1].id : null;
})()"#;

#[test]
fn deep_link_to_a_heading_scrolls_to_it() {
    let t = Test::new("deep_link_to_a_heading_scrolls_to_it");
    // Find a page long enough to need scrolling, at desktop size, else at phone size.
    let mut found = None;
    'sizes: for size in [DESKTOP, PHONE] {
        t.viewport(size);
        for path in sitemap_paths() {
            t.open(&path);
            if let Some(id) = t.eval(PICK_LOW_HEADING).as_str() {
                found = Some((size, path, id.to_string()));
                break 'sizes;
            }
        }
    }
    let (size, path, id) = found.expect("some page has a heading below the first screen");
    t.viewport(size);
    // Arrive from elsewhere, like a reader following a shared link.
    t.open_url("about:blank");
    t.open(&format!("{path}#{id}"));
    settle(&t);
    let sel = format!("document.getElementById('{id}')");
    t.wait_until(
        &format!(
            "(() => {{ const top = {sel}.getBoundingClientRect().top; \
             return scrollY > 0 && top > -2 && top < 150; }})()"
        ),
        TIMEOUT,
    );
    // The heading carries its link icon pointing at itself.
    let anchor = t.eval(&format!(
        "{sel}.querySelector('a.heading-anchor')?.getAttribute('href')"
    ));
    assert_eq!(
        anchor.as_str(),
        Some(format!("#{id}").as_str()),
        "heading-anchor of #{id}"
    );
    t.assert_no_console_errors();
}

#[test]
fn home_names_the_regulation_from_the_build_and_the_search_module_loads() {
    let t = Test::new("wasm_module_loads_and_shows_the_regulation");
    t.open("/");
    // The regulation line is in the page as served (issue 15: the home page used to download
    // the search module only to print it).
    let served = t.eval_str(
        "fetch(location.href, {cache: 'no-store'}).then(r => r.text())\
         .then(h => new DOMParser().parseFromString(h, 'text/html').getElementById('calc-status').textContent)",
    );
    let v = sotay_calc::core::rules::active();
    assert!(served.contains(v.name), "served status: {served:?}");
    assert!(served.contains("24/05/2012"), "served status: {served:?}");
    assert_eq!(t.text("#calc-status"), served, "no script rewrites it");
    assert_eq!(
        t.eval("document.getElementById('calc-status').hasAttribute('data-calc-js')"),
        false
    );
    // The search box's module: one fingerprinted .wasm, loaded and working.
    t.eval(
        "(() => { const i = document.getElementById('search-input'); i.focus(); i.value = 'giam sat'; \
         i.dispatchEvent(new Event('input', {bubbles: true})); })()",
    );
    t.wait_until(
        "document.querySelectorAll('#search-results a').length > 0",
        TIMEOUT,
    );
    let wasm: Vec<String> = t
        .requests()
        .into_iter()
        .filter(|u| u.ends_with(".wasm"))
        .collect();
    assert_eq!(wasm.len(), 1, "one .wasm request: {wasm:?}");
    let file = wasm[0].rsplit('/').next().unwrap();
    assert!(file.starts_with("calc-search."), "{file}");
    assert!(
        file.split('.').count() >= 3,
        "fingerprinted wasm name: {file}"
    );
    t.assert_no_console_errors();
    t.assert_all_requests_local();
}

#[test]
fn every_page_is_clean_local_and_in_vietnamese() {
    let t = Test::new("every_page_is_clean_local_and_in_vietnamese");
    let paths = sitemap_paths();
    assert!(!paths.is_empty());
    let mut problems = Vec::new();
    let mut seen_errors = 0;
    let started = std::time::Instant::now();
    for path in &paths {
        t.open(path);
        settle(&t);
        // Give late scripts (wasm, service worker) a moment to fail.
        std::thread::sleep(Duration::from_millis(100));
        let errors = t.console_errors();
        for e in &errors[seen_errors..] {
            problems.push(format!("{path}: {e}"));
        }
        seen_errors = errors.len();
        if t.eval_str("document.documentElement.lang") != "vi" {
            problems.push(format!("{path}: <html lang> is not \"vi\""));
        }
        if t.eval("document.title").as_str().is_none_or(str::is_empty) {
            problems.push(format!("{path}: empty <title>"));
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n  {}",
        problems.len(),
        problems.join("\n  ")
    );
    t.assert_all_requests_local();
    eprintln!(
        "visited {} pages in {:.1?}, {} requests, all on 127.0.0.1",
        paths.len(),
        started.elapsed(),
        t.requests().len()
    );
}

#[test]
fn unknown_url_gets_the_404_page() {
    let t = Test::new("unknown_url_gets_the_404_page");
    let missing = "/khong-co/trang-nay/";
    t.open(missing);
    settle(&t);
    assert_eq!(
        t.eval("performance.getEntriesByType('navigation')[0].responseStatus"),
        404
    );
    assert_eq!(t.eval_str("document.documentElement.lang"), "vi");
    assert!(!t.text("h1").is_empty());
    // At a nested unknown URL the 404 page's assets still load (absolute asset URLs).
    assert!(
        t.eval("document.styleSheets.length").as_u64() > Some(0),
        "stylesheet loaded"
    );
    assert!(
        t.eval("!!document.querySelector('a[href=\"/\"]')") == true,
        "a link home"
    );
    let errors: Vec<String> = t
        .console_errors()
        .into_iter()
        .filter(|e| !(e.contains("404") && e.contains(missing)))
        .collect();
    assert!(
        errors.is_empty(),
        "console errors besides the 404 itself: {errors:?}"
    );
    t.assert_all_requests_local();
}

#[test]
fn sitemap_lists_every_page() {
    let dir = &site().dir;
    let listed: BTreeSet<String> = sitemap_paths().into_iter().collect();
    assert!(
        listed.contains("/"),
        "sitemap lists the home page: {listed:?}"
    );
    for p in &listed {
        assert!(
            matches!(resolve(dir, p), Resolved::File(_)),
            "sitemap lists {p}, which is not built"
        );
    }
    let mut built = BTreeSet::new();
    built_pages(dir, "/", &mut built);
    let missing: Vec<_> = built.difference(&listed).collect();
    assert!(
        missing.is_empty(),
        "built pages missing from sitemap.xml: {missing:?}"
    );
    let xml = fs::read_to_string(dir.join("sitemap.xml")).unwrap();
    assert!(
        xml.contains("http://www.sitemaps.org/schemas/sitemap/0.9"),
        "sitemap namespace"
    );
}

#[test]
fn phone_layout_has_no_horizontal_scroll() {
    let t = Test::new("phone_layout_has_no_horizontal_scroll");
    let paths = sitemap_paths();
    let deepest = paths
        .iter()
        .max_by_key(|p| p.split('/').filter(|s| !s.is_empty()).count())
        .unwrap()
        .clone();
    for path in ["/".to_string(), deepest] {
        t.viewport(PHONE);
        t.open(&path);
        settle(&t);
        let overflow = t.eval("document.documentElement.scrollWidth - innerWidth");
        assert!(
            overflow.as_i64() <= Some(0),
            "{path} scrolls sideways at 360 px by {overflow} px"
        );
        let label = if path == "/" {
            "home".to_string()
        } else {
            path.trim_matches('/').replace('/', "_")
        };
        let shots = t.screenshots(&format!("site-{label}"));
        eprintln!("screenshots: {} {}", shots[0].display(), shots[1].display());
    }
}

#[test]
fn axe_finds_no_accessibility_violations() {
    let t = Test::new("axe_finds_no_accessibility_violations");
    let paths = sitemap_paths();
    let deepest = paths
        .iter()
        .max_by_key(|p| p.split('/').filter(|s| !s.is_empty()).count())
        .unwrap()
        .clone();
    let mut problems = Vec::new();
    for path in ["/", deepest.as_str(), "/khong-co-trang-nay/"] {
        for size in [DESKTOP, PHONE] {
            t.viewport(size);
            t.open(path);
            settle(&t);
            for v in t.axe_violations() {
                problems.push(format!("{path} at {}px: {v}", size.0));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "axe-core violations:\n  {}",
        problems.join("\n  ")
    );
}
