//! Search in real Chromium: the 22 queries of tests/search-queries.toml typed into the header's
//! search box (expected page in the top 3, same first result with and without diacritics,
//! ≤ 10 ms per query once the index is loaded: median ≤ 2 ms, p90 ≤ 10 ms, max ≤ 30 ms),
//! highlights inserted as text only, and the locked-down HTML (CSP on every page, no inline
//! script/style/handlers, no third-party URL).
use std::path::Path;
use std::time::Duration;

use serde_json::Value;
use sotay_e2e::{TIMEOUT, Test, site};

#[derive(serde::Deserialize)]
struct Queries {
    query: Vec<Query>,
    abbreviation: Vec<Abbreviation>,
}

/// An abbreviation a trainee types and the glossary entry that must come first.
#[derive(serde::Deserialize)]
struct Abbreviation {
    q: String,
    plain: String,
    expect: String,
}

#[derive(serde::Deserialize)]
struct Query {
    q: String,
    #[serde(default)]
    accented: Option<String>,
    expect: Vec<String>,
}

fn query_file() -> Queries {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("search-queries.toml");
    toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn queries() -> Vec<Query> {
    query_file().query
}

/// A result's link without the matched words it carries for the page's highlight
/// (`/a/?hl=x#b` → `/a/#b`).
fn without_words(href: &str) -> String {
    match href.find('?') {
        Some(q) => {
            let hash = href[q..].find('#').map_or("", |h| &href[q + h..]);
            format!("{}{hash}", &href[..q])
        }
        None => href.to_string(),
    }
}

fn js(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

/// Types `q` into #search-input as a user would (key events), waits for its results and
/// returns (hrefs of the results, query time in ms reported by search.js).
fn search(t: &Test, q: &str) -> (Vec<String>, f64) {
    search_with(t, q, true)
}

/// Like [`search`]; `typed = false` sets the value and fires one `input` event (faster).
fn search_with(t: &Test, q: &str, typed: bool) -> (Vec<String>, f64) {
    t.eval(
        "(() => { const i = document.getElementById('search-input'); i.value = ''; i.focus(); })()",
    );
    if typed {
        t.tab.type_str(q).expect("type the query");
    } else {
        t.eval(&format!(
            "(() => {{ const i = document.getElementById('search-input'); i.value = {}; \
             i.dispatchEvent(new Event('input', {{bubbles: true}})); }})()",
            js(q)
        ));
    }
    t.wait_until(
        &format!(
            "document.getElementById('search-results').getAttribute('data-query') === {}",
            js(q)
        ),
        TIMEOUT,
    );
    let hrefs = match t.eval(
        "[...document.querySelectorAll('#search-results a')].map(a => a.getAttribute('href'))",
    ) {
        Value::Array(a) => a
            .into_iter()
            .filter_map(|v| v.as_str().map(without_words))
            .collect(),
        other => panic!("{other}"),
    };
    let ms: f64 = t
        .attr("#search-results", "data-ms")
        .unwrap_or_default()
        .parse()
        .unwrap_or(f64::MAX);
    (hrefs, ms)
}

fn matches(expect: &[String], href: &str) -> bool {
    expect.iter().any(|e| {
        if e.contains('#') {
            href == e
        } else {
            href.split('#').next() == Some(e)
        }
    })
}

/// A folded form of the query, for queries typed with diacritics (the list's own `accented`
/// for the others). Mirrors the engine's folding only for this comparison.
fn without_diacritics(s: &str) -> String {
    const FROM: &str = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ";
    const TO: &str = "aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd";
    s.to_lowercase()
        .chars()
        .map(|c| {
            FROM.chars()
                .position(|f| f == c)
                .map_or(c, |i| TO.chars().nth(i).unwrap())
        })
        .collect()
}

#[test]
fn twenty_real_queries_find_their_page_with_and_without_diacritics() {
    let t = Test::new("search_queries");
    t.open("/");
    let list = queries();
    assert!(
        list.len() >= 20,
        "need at least 20 queries, have {}",
        list.len()
    );
    let mut failures = Vec::new();
    let mut times = Vec::new();
    for q in &list {
        let (hrefs, ms) = search(&t, &q.q);
        times.push(ms);
        if !hrefs.iter().take(3).any(|h| matches(&q.expect, h)) {
            failures.push(format!(
                "{:?}: want {:?} in top 3, got {:?}",
                q.q,
                q.expect,
                &hrefs[..hrefs.len().min(3)]
            ));
        }
        let other = q
            .accented
            .clone()
            .unwrap_or_else(|| without_diacritics(&q.q));
        let (hrefs2, ms2) = search_with(&t, &other, false);
        times.push(ms2);
        if hrefs.first() != hrefs2.first() {
            failures.push(format!(
                "{:?} → {:?} but {other:?} → {:?}",
                q.q,
                hrefs.first(),
                hrefs2.first()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    let p90 = times[times.len() * 9 / 10];
    let max = *times.last().unwrap();
    eprintln!(
        "search: {} queries in Chromium, median {median:.3} ms, p90 {p90:.3} ms, max {max:.3} ms, \
         index load {} ms",
        times.len(),
        t.attr("html", "data-search-load-ms").unwrap_or_default()
    );
    // Budget 10 ms per query after load (issue 6). Natively the slowest query takes < 0.1 ms, so
    // the median must be well inside it; the max allows for a GC pause or a descheduled tab on
    // the shared 2-core machine that runs the tests, not for a slow algorithm.
    assert!(median <= 2.0, "median query {median} ms (budget 10 ms)");
    assert!(p90 <= 10.0, "90th percentile {p90} ms (budget 10 ms)");
    assert!(max <= 30.0, "slowest query took {max} ms");
    t.assert_no_console_errors();
    t.assert_all_requests_local();
}

#[test]
fn results_link_to_headings_highlight_matches_and_insert_user_text_as_text() {
    let t = Test::new("search_highlight");
    t.open("/giam-sat/");
    let (hrefs, _) = search(&t, "co mau nguoi nghien");
    assert!(
        hrefs[0].contains('#'),
        "first result links to a heading: {hrefs:?}"
    );
    let marks =
        t.eval("[...document.querySelectorAll('#search-results mark')].map(m => m.textContent)");
    let marks: Vec<String> = marks
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_lowercase())
        .collect();
    assert!(
        marks.iter().any(|m| m == "mẫu"),
        "highlights the text as written: {marks:?}"
    );
    // Markup typed by the user never becomes markup.
    let (hrefs, _) = search(&t, "<img src=x id=injected>");
    assert!(hrefs.is_empty());
    assert_eq!(
        t.eval("document.querySelectorAll('#injected, #search-results img').length"),
        0
    );
    // Clicking a result goes to the page and heading.
    search(&t, "hieu luc thi hanh");
    t.click_and_wait_path("#search-results a", "/giam-sat/dieu-khoan-thi-hanh/");
    assert_eq!(t.eval_str("location.hash"), "#dieu-33");
    t.assert_no_console_errors();
    t.assert_all_requests_local();
}

/// Issue 18, "Done when": every abbreviation trainees type (tests/search-queries.toml,
/// `[[abbreviation]]`) finds its glossary entry as the first result, typed as written (`GSTĐ`)
/// and without diacritics (`gstd`), in Chromium.
#[test]
fn abbreviations_find_their_glossary_entry_first_with_and_without_diacritics() {
    let t = Test::new("search_abbreviations");
    t.open("/");
    let list = query_file().abbreviation;
    assert!(list.len() >= 9, "{} abbreviations", list.len());
    let mut failures = Vec::new();
    for a in &list {
        for (q, typed) in [(&a.q, true), (&a.plain, false)] {
            let (hrefs, _) = search_with(&t, q, typed);
            if hrefs.first() != Some(&a.expect) {
                failures.push(format!("{q:?}: want {:?} first, got {hrefs:?}", a.expect));
            }
        }
    }
    // The entry's text is highlighted: its expansion, as written.
    search(&t, "ncmt");
    let marks = t.eval_str(
        "[...document.querySelectorAll('#search-results li:first-child mark')].map(m => m.textContent).join(' ')",
    );
    assert!(marks.contains("Nghiện chích ma túy"), "marks: {marks}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    t.assert_no_console_errors();
    t.assert_all_requests_local();
}

/// Issue 18, ranking: "dong gioi" puts `đồng giới` first (not the page "Địa giới hành chính"),
/// a word typed with diacritics marks only that word (`máu`, not `mẫu`), and a typo in a word is
/// tolerated ("giam xat").
#[test]
fn phrases_diacritics_and_a_typo_rank_as_a_reader_expects() {
    let t = Test::new("search_ranking");
    t.open("/");
    let (hrefs, _) = search(&t, "dong gioi");
    assert_ne!(
        hrefs.first().map(String::as_str),
        Some("/van-ban-moi/dia-gioi-hanh-chinh/"),
        "{hrefs:?}"
    );
    let first = t.eval_str("document.querySelector('#search-results li').textContent");
    assert!(first.contains("đồng giới"), "{first}");
    search_with(&t, "máu", false);
    let marks = t.eval_str(
        "[...document.querySelectorAll('#search-results mark')].map(m => m.textContent.toLowerCase()).join(' ')",
    );
    assert!(
        !marks.is_empty() && marks.split(' ').all(|m| m == "máu"),
        "{marks}"
    );
    search(&t, "giam xat");
    let marks = t.eval_str(
        "[...document.querySelectorAll('#search-results li:first-child mark')].map(m => m.textContent.toLowerCase()).join(' ')",
    );
    assert!(marks.contains("giám sát"), "{marks}");
    t.assert_no_console_errors();
}

/// Issue 18: a result lands on its section and the page marks the matched words there (from the
/// link's `?hl=`, read by search.js: no inline script), then drops the parameter.
#[test]
fn a_result_lands_on_its_section_with_the_matched_words_marked() {
    let t = Test::new("search_lands_highlighted");
    t.open("/giam-sat/");
    search(&t, "kham so tuyen nghia vu quan su");
    let href = t.eval_str(
        "[...document.querySelectorAll('#search-results a')].map(a => a.getAttribute('href'))\
         .find(h => h.startsWith('/giam-sat/giam-sat-trong-diem/')) || ''",
    );
    assert!(href.contains("?hl="), "{href}");
    let anchor = href
        .split('#')
        .nth(1)
        .expect("links to a heading")
        .to_string();
    t.click(&format!("#search-results a[href={}]", js(&href)));
    t.wait_until(
        "location.pathname === '/giam-sat/giam-sat-trong-diem/' && \
         document.documentElement.hasAttribute('data-search-revealed')",
        TIMEOUT,
    );
    assert_eq!(t.eval_str("location.hash"), format!("#{anchor}"));
    assert_eq!(t.eval_str("location.search"), "", "?hl= dropped");
    let n: u64 = t
        .attr("html", "data-search-highlights")
        .unwrap()
        .parse()
        .unwrap();
    assert!(n >= 5, "{n} words marked");
    // Every mark is one of the words searched, inside the section (after its heading, before
    // the next one), and the first is on screen.
    let check = t.eval(&format!(
        "(() => {{ const h = document.getElementById({}); \
         const marks = [...document.querySelectorAll('mark.search-hl')]; \
         const next = [...document.querySelectorAll('.content h2[id], .content h3[id]')] \
           .find(x => h.compareDocumentPosition(x) & Node.DOCUMENT_POSITION_FOLLOWING); \
         const inside = m => (h.compareDocumentPosition(m) & Node.DOCUMENT_POSITION_FOLLOWING || h.contains(m)) \
           && (!next || (m.compareDocumentPosition(next) & Node.DOCUMENT_POSITION_FOLLOWING)); \
         const r = marks[0].getBoundingClientRect(); \
         return {{ words: [...new Set(marks.map(m => m.textContent.toLowerCase()))].sort().join(' '), \
           allInside: marks.every(inside), onScreen: r.top >= 0 && r.bottom <= innerHeight }}; }})()",
        js(&anchor)
    ));
    assert_eq!(check["allInside"], true, "{check}");
    assert_eq!(check["onScreen"], true, "{check}");
    let words = check["words"].as_str().unwrap();
    for w in words.split(' ') {
        assert!(
            ["khám", "sơ", "tuyển", "nghĩa", "vụ", "quân", "sự"].contains(&w),
            "marked {w:?} ({words})"
        );
    }
    t.assert_no_console_errors();
    t.assert_all_requests_local();
}

/// Issue 18, slow networks: at 400 kbit/s the results panel shows the download's progress at
/// once ("Đang tải chỉ mục tìm kiếm… N%"), then the results. (Time to first result on that
/// profile is measured by benches/search/slow-network.mjs, not asserted here.)
#[test]
fn on_a_slow_network_the_first_search_shows_its_progress_then_results() {
    let t = Test::new("search_slow_network");
    t.throttle(400.0, 150.0);
    t.open("/thuat-ngu/");
    // Typed at once after the load: the bytes cannot all be there yet.
    t.eval(
        "(() => { const i = document.getElementById('search-input'); i.focus(); i.value = 'ncmt'; \
         i.dispatchEvent(new Event('input', {bubbles: true})); })()",
    );
    let status = t.eval_str(
        "(document.querySelector('#search-results .search-loading') || {}).textContent || ''",
    );
    assert!(
        status.starts_with("Đang tải chỉ mục tìm kiếm…"),
        "progress shown at once: {status:?}"
    );
    // The percentage appears and grows while the bytes come.
    t.wait_until(
        "/\\d+%/.test(document.querySelector('#search-results').textContent) || \
         document.querySelector('#search-results').getAttribute('data-query') === 'ncmt'",
        TIMEOUT,
    );
    t.wait_until(
        "document.querySelector('#search-results').getAttribute('data-query') === 'ncmt'",
        Duration::from_secs(60),
    );
    let first = t.eval_str("document.querySelector('#search-results a').getAttribute('href')");
    assert_eq!(without_words(&first), "/thuat-ngu/#ncmt");
    assert_eq!(
        t.eval("document.querySelectorAll('#search-results .search-loading').length"),
        0
    );
    t.assert_no_console_errors();
}

#[test]
fn search_page_shows_full_results_for_the_q_parameter() {
    let t = Test::new("search_page");
    t.open("/tim-kiem/?q=giam%20sat%20trong%20diem");
    t.wait_until(
        "document.querySelectorAll('#search-page-results a').length > 3",
        TIMEOUT,
    );
    let first = t.eval_str("document.querySelector('#search-page-results a').getAttribute('href')");
    assert!(
        first.starts_with("/giam-sat/giam-sat-trong-diem/"),
        "{first}"
    );
    assert_eq!(
        t.eval_str("document.getElementById('search-page-input').value"),
        "giam sat trong diem"
    );
    t.assert_no_console_errors();
}

fn html_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            html_files(&p, out);
        } else {
            out.push(p);
        }
    }
}

#[test]
fn every_page_is_locked_down() {
    let s = site();
    let mut files = Vec::new();
    html_files(&s.dir, &mut files);
    let mut problems = Vec::new();
    let csp = "script-src 'self' 'wasm-unsafe-eval'; style-src 'self';";
    // The site's own address (sotay.toml's base_url, the sitemap's first <loc>): the print
    // pages link the rest of the site with it, so a PDF passed around still points home. Not a
    // third party.
    let sitemap = std::fs::read_to_string(s.dir.join("sitemap.xml")).unwrap();
    let home = &sitemap[sitemap.find("<loc>").unwrap() + 5..sitemap.find("</loc>").unwrap()];
    assert!(home.starts_with("http") && home.ends_with('/'), "{home}");
    for f in &files {
        let name = f.strip_prefix(&s.dir).unwrap().display().to_string();
        let ext = f.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !matches!(
            ext,
            "html" | "js" | "css" | "webmanifest" | "txt" | "svg" | "xml"
        ) {
            continue;
        }
        let text = std::fs::read_to_string(f).unwrap();
        // No URL of another host (SVG/XML namespaces are names, not requests; the sitemap
        // lists the site's own base URL).
        for (i, _) in text.match_indices("http") {
            let rest = &text[i..];
            if !(rest.starts_with("http://") || rest.starts_with("https://")) {
                continue;
            }
            let url: String = rest
                .chars()
                .take_while(|c| !c.is_whitespace() && !"\"'<>)".contains(*c))
                .collect();
            let allowed = url.starts_with("http://www.w3.org/")
                || url.starts_with("http://www.sitemaps.org/schemas/")
                || (name == "sitemap.xml" || name == "robots.txt")
                || (name.starts_with("in/") && url.starts_with(home));
            if !allowed {
                problems.push(format!("{name}: third-party URL {url}"));
            }
        }
        if ext != "html" {
            continue;
        }
        // The print pages run no script at all: a stricter policy.
        let strict = text.contains(csp)
            || (name.starts_with("in/") && text.contains("script-src 'none'; style-src 'self';"));
        if !strict || text.contains("unsafe-inline") {
            problems.push(format!("{name}: no strict Content-Security-Policy"));
        }
        if !text.contains("<meta name=\"referrer\" content=\"no-referrer\">") {
            problems.push(format!("{name}: no Referrer-Policy"));
        }
        let lower = text.to_lowercase();
        for (i, _) in lower.match_indices("<script") {
            let tag = &lower[i..i + lower[i..].find('>').unwrap_or(0)];
            if !tag.contains(" src=") {
                problems.push(format!("{name}: inline <script>"));
            }
        }
        if lower.contains("<style") {
            problems.push(format!("{name}: <style> element"));
        }
        // Attributes inside tags only: ` style="` / ` onclick="`.
        let mut rest = lower.as_str();
        while let Some(lt) = rest.find('<') {
            let end = rest[lt..].find('>').map_or(rest.len(), |e| lt + e);
            let tag = &rest[lt..end];
            if tag.contains(" style=") {
                problems.push(format!("{name}: style= attribute in {tag}"));
            }
            for attr in tag.split_whitespace().skip(1) {
                if attr.starts_with("on") && attr.contains('=') {
                    problems.push(format!("{name}: event handler attribute in {tag}"));
                }
            }
            rest = &rest[end..];
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
