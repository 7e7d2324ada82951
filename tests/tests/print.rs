//! The print pages (/in/ and /in/<part>/) in real Chromium, with print media emulated: cover,
//! table of contents, each part on a new page, no site chrome, rows and figures never cut,
//! cross-references in words, the same text as the pages, linked from every printed page.
use headless_chrome::protocol::cdp::Emulation;
use sotay_e2e::{Test, site};

fn print_media(t: &Test, on: bool) {
    t.tab
        .call_method(Emulation::SetEmulatedMedia {
            media: Some(if on { "print" } else { "" }.to_string()),
            features: None,
        })
        .expect("Emulation.setEmulatedMedia");
}

/// The parts the TOC of /in/ lists, as site paths without slashes (`giam-sat`).
fn toc_parts() -> Vec<String> {
    let html = std::fs::read_to_string(site().dir.join("in/index.html")).expect("/in/ is built");
    html.split("<li class=\"print-toc-part\"><a class=\"print-toc-link\" href=\"#in_")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].replace('_', "/"))
        .collect()
}

#[test]
fn the_whole_handbook_prints_with_cover_contents_and_parts_on_new_pages() {
    let t = Test::new("print_book");
    t.open("/in/");
    print_media(&t, true);
    // Cover, then the table of contents, each on pages of their own.
    assert!(t.text(".print-cover").contains("Bản in toàn bộ sổ tay"));
    assert_eq!(
        t.eval_str("getComputedStyle(document.querySelector('.print-cover')).breakAfter"),
        "page"
    );
    assert_eq!(t.text(".print-toc h1"), "Mục lục");
    let parts = toc_parts();
    assert!(parts.len() >= 8, "{parts:?}");
    for p in [
        "giam-sat",
        "thuat-ngu",
        "nhom-ho-tro-ky-thuat",
        "van-ban-moi",
    ] {
        assert!(parts.iter().any(|x| x == p), "{p} is not a part: {parts:?}");
    }
    // Every part starts on a new page; the TOC lists every part and article it holds.
    let v = t.eval(
        "[...document.querySelectorAll('.print-part')].map(s => [s.id, getComputedStyle(s).breakBefore])",
    );
    let sections = v.as_array().unwrap();
    assert_eq!(sections.len(), parts.len(), "{v}");
    for s in sections {
        assert_eq!(s[1], "page", "{s}");
    }
    assert_eq!(
        t.eval("document.querySelectorAll('.print-toc a').length"),
        t.eval("document.querySelectorAll('.print-part, .print-page[id]').length"),
        "one TOC entry per part and per article"
    );
    // Every in-document link lands on an element of this page.
    let missing = t.eval(
        "[...document.querySelectorAll('a[href^=\"#\"]')].map(a => a.getAttribute('href').slice(1))
           .filter(id => !document.getElementById(id))",
    );
    assert_eq!(missing, serde_json::json!([]), "links to nothing");
    // No site chrome: no header, menu, search box, TOC column, pager, heading anchors shown.
    for sel in [
        ".site-header",
        ".sidebar",
        "#search-input",
        ".toc-aside",
        ".pager",
        ".print-toolbar",
    ] {
        let shown = t.eval(&format!(
            "[...document.querySelectorAll('{sel}')].some(e => e.getClientRects().length > 0)"
        ));
        assert_eq!(shown, false, "{sel} is printed");
    }
    assert_eq!(
        t.eval(
            "[...document.querySelectorAll('.heading-anchor')].some(e => getComputedStyle(e).display !== 'none')"
        ),
        false
    );
    // Rows, figures and headings are never cut across pages; a table's header repeats.
    for (sel, prop, want) in [
        ("tr", "breakInside", "avoid"),
        ("figure", "breakInside", "avoid"),
        ("svg", "breakInside", "avoid"),
        ("thead", "display", "table-header-group"),
        ("h3", "breakAfter", "avoid"),
    ] {
        let bad = t.eval(&format!(
            "(() => {{ const all = [...document.querySelectorAll('.print-main {sel}')];
               return [all.length, all.filter(e => getComputedStyle(e).{prop} !== '{want}').length]; }})()"
        ));
        assert!(bad[0].as_u64().unwrap() > 0, "no {sel} in the book");
        assert_eq!(bad[1], 0, "{sel} {prop} is not {want}: {bad}");
    }
    // A cross-reference to another page prints the target's title ("(xem: …)"), a link that
    // already says its target's title does not repeat it.
    let after = t.eval_str(
        "(() => { const a = [...document.querySelectorAll('a.print-xref:not(.print-same)')]
           .find(a => a.dataset.title.includes('Tiêu chuẩn lựa chọn thành viên'));
           return getComputedStyle(a, '::after').content; })()",
    );
    assert!(
        after.contains("(xem: ") && after.contains("Tiêu chuẩn lựa chọn thành viên"),
        "{after}"
    );
    assert_eq!(
        t.eval_str("getComputedStyle(document.querySelector('a.print-same'), '::after').content"),
        "none"
    );
    // Heading levels: part (h1) › article (h2) › its headings (h3 …).
    assert_eq!(
        t.eval_str("document.querySelector('#in_giam-sat_phat-hien-hiv > header h2').textContent"),
        t.eval_str(
            "document.querySelector('.print-toc a[href=\"#in_giam-sat_phat-hien-hiv\"]').textContent"
        )
    );
    t.assert_no_console_errors();
    t.assert_all_requests_local();
}

#[test]
fn a_printed_article_is_the_page_itself_and_every_page_links_its_print() {
    let t = Test::new("print_same_text");
    let path = "/giam-sat/phat-hien-hiv/";
    t.open(path);
    let text = "[...document.querySelectorAll('SEL .content h2, SEL .content h3, SEL .content p, SEL .content td, SEL .content li')].map(e => e.textContent.replace(/\\s+/g, ' ').trim())";
    let on_page = t.eval(&text.replace("SEL", ".article"));
    assert_eq!(
        t.attr(".print-links a[href='/in/giam-sat/']", "href")
            .as_deref(),
        Some("/in/giam-sat/"),
        "the page links the print of its part"
    );
    assert!(t.attr(".print-links a[href='/in/']", "href").is_some());
    t.click_and_wait_path(".print-links a[href='/in/giam-sat/']", "/in/giam-sat/");
    let printed = t.eval(&text.replace("SEL", "#in_giam-sat_phat-hien-hiv"));
    assert!(on_page.as_array().unwrap().len() > 10, "{on_page}");
    assert_eq!(printed, on_page, "the print differs from the page");
    // The part's print holds that part only; the book's print holds it too.
    assert_eq!(t.eval("document.querySelectorAll('.print-part').length"), 1);
    assert!(t.text(".print-cover").contains("Giám sát"));
    // Every printed page of the site links its part's print page.
    for p in [
        "/nhom-ho-tro-ky-thuat/",
        "/van-ban-moi/so-sanh/",
        "/thuat-ngu/",
    ] {
        t.open(p);
        let href = t.attr(".print-links a", "href").unwrap_or_default();
        assert!(href.starts_with("/in/"), "{p}: {href}");
        t.open(&href);
        assert_eq!(
            t.eval("document.querySelectorAll('.print-part').length"),
            1,
            "{href}"
        );
    }
    t.assert_no_console_errors();
}

/// (level, text) of the h1 and h2 of a print page in Chromium with print media, as printed.
fn headings_of(path: &str) -> Vec<(usize, String)> {
    let t = Test::new("print_headings");
    t.open(path);
    print_media(&t, true);
    let v = t.eval(
        "[...document.querySelectorAll('.print-main h1, .print-main h2')]
           .map(h => [Number(h.tagName[1]), h.innerText])",
    );
    serde_json::from_value(v).expect("headings")
}

/// Runs `sotay pdf` over the built site; returns (exit ok, stdout, stderr).
fn sotay_pdf(args: &[&str], env: &[(&str, &str)]) -> (bool, String, String) {
    let bin = sotay_e2e::sotay_bin().expect("sotay binary");
    let mut cmd = std::process::Command::new(bin);
    cmd.arg("pdf").arg("--site").arg(&site().dir).args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run sotay pdf");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// (level, title) of the TOC entries of a print page, as its HTML lists them.
fn toc_of(path: &str) -> Vec<(usize, String)> {
    let html = std::fs::read_to_string(
        site()
            .dir
            .join(path.trim_start_matches('/'))
            .join("index.html"),
    )
    .expect("print page");
    let toc = &html[html.find("class=\"print-toc\"").unwrap()..];
    let toc = &toc[..toc.find("</nav>").unwrap()];
    toc.split("<li class=\"print-toc-")
        .skip(1)
        .map(|li| {
            let level = if li.starts_with("part") { 1 } else { 2 };
            let title = li.split("<span>").nth(1).unwrap();
            let title = title[..title.find("</span>").unwrap()]
                .replace("&amp;", "&")
                .replace("&#x27;", "'")
                .replace("&quot;", "\"");
            (level, title)
        })
        .collect()
}

#[test]
fn sotay_pdf_writes_the_handbook_with_bookmarks_and_page_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("so-tay.pdf");
    let (ok, stdout, stderr) = sotay_pdf(&["--out", out.to_str().unwrap()], &[]);
    assert!(ok, "sotay pdf failed:\n{stdout}\n{stderr}");
    assert!(stdout.contains("trang"), "{stdout}");
    let doc = lopdf::Document::load(&out).expect("a PDF lopdf reads");
    let pages = doc.get_pages().len();
    // The bookmarks: "Mục lục", then every part (level 1) with its articles (level 2), in the
    // order of the print page's table of contents.
    let toc = doc.get_toc().expect("the PDF has bookmarks");
    let marks: Vec<(usize, String, usize)> = toc
        .toc
        .iter()
        .map(|e| (e.level, e.title.trim().to_string(), e.page))
        .collect();
    assert_eq!(marks[0].1, "Mục lục", "{marks:?}");
    // Chromium joins the lines of a wrapped heading without a space: compared without spaces.
    let squash = |s: &str| s.split_whitespace().collect::<String>();
    let want = headings_of("/in/");
    let got: Vec<(usize, String)> = marks
        .iter()
        .filter(|m| m.0 <= 2)
        .map(|m| (m.0, squash(&m.1)))
        .collect();
    assert_eq!(
        got,
        want.iter()
            .map(|(l, t)| (*l, squash(t)))
            .collect::<Vec<_>>(),
        "the bookmarks are not the parts (h1) and their articles (h2)"
    );
    let want = toc_of("/in/");
    for (level, title) in &want {
        assert!(
            got.contains(&(*level, squash(title))),
            "{title} (level {level}) has no bookmark"
        );
    }
    assert!(
        marks.iter().any(|m| m.0 == 3),
        "the articles' headings are bookmarks too"
    );
    // Cover on page 1, the TOC from page 2; each part starts on a page of its own, in order.
    assert_eq!(marks[0].2, 2);
    let part_pages: Vec<usize> = marks
        .iter()
        .filter(|m| m.0 == 1)
        .skip(1)
        .map(|m| m.2)
        .collect();
    assert_eq!(part_pages.len(), want.iter().filter(|w| w.0 == 1).count());
    assert!(
        part_pages.windows(2).all(|w| w[0] < w[1]),
        "each part starts on a new page: {part_pages:?}"
    );
    let last = *part_pages.last().unwrap();
    assert!(
        last <= pages && pages >= want.len() / 2 + 3,
        "{pages} pages"
    );
    // The printed table of contents gives each part the page its bookmark goes to.
    let toc_text = doc.extract_text(&[2, 3]).expect("text of the TOC pages");
    let toc_text: String = toc_text.split_whitespace().collect::<Vec<_>>().join(" ");
    let toc_text = squash(&toc_text);
    for m in marks.iter().filter(|m| m.0 == 1).skip(1) {
        let entry = format!("{}{}", squash(&m.1), m.2);
        assert!(
            toc_text.contains(&entry),
            "the TOC does not say «{entry}»: {toc_text}"
        );
    }
    // Cross-references carry page numbers, none is left with the placeholder.
    let all: Vec<u32> = (1..=pages as u32).collect();
    let text = doc.extract_text(&all).unwrap_or_default();
    assert!(
        text.contains("(xem trang "),
        "no page number in the cross-references"
    );
    assert!(!text.contains("xem trang 000"), "a placeholder was printed");

    // One part only.
    let part = dir.path().join("giam-sat.pdf");
    let (ok, stdout, stderr) = sotay_pdf(
        &["--part", "giam-sat", "--out", part.to_str().unwrap()],
        &[],
    );
    assert!(ok, "{stdout}\n{stderr}");
    let doc = lopdf::Document::load(&part).unwrap();
    let tops: Vec<String> = doc
        .get_toc()
        .unwrap()
        .toc
        .into_iter()
        .filter(|e| e.level == 1)
        .map(|e| e.title.trim().to_string())
        .collect();
    let want_top = toc_of("/in/giam-sat/")[0].1.clone();
    assert_eq!(
        tops.iter().map(|t| squash(t)).collect::<Vec<_>>(),
        [squash("Mục lục"), squash(&want_top)]
    );
    assert!(doc.get_pages().len() < pages);

    // A PDF sotay wrote is replaced by the next run; a file it did not write never is.
    let (ok, stdout, stderr) = sotay_pdf(
        &["--part", "giam-sat", "--out", part.to_str().unwrap()],
        &[],
    );
    assert!(ok, "its own PDF is replaced: {stdout}\n{stderr}");
    let theirs = dir.path().join("ghi-chu.pdf");
    std::fs::write(&theirs, b"ghi chep cua toi").unwrap();
    let (ok, _, stderr) = sotay_pdf(
        &["--part", "giam-sat", "--out", theirs.to_str().unwrap()],
        &[],
    );
    assert!(!ok);
    assert!(
        stderr.contains("ghi-chu.pdf") && stderr.contains("không ghi đè"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&theirs).unwrap(), b"ghi chep cua toi");
    assert!(
        std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .all(|e| !e.file_name().to_string_lossy().contains(".tmp-")),
        "no temporary file is left"
    );

    // An unknown part names the parts there are.
    let (ok, _, stderr) = sotay_pdf(
        &["--part", "khong-co", "--out", part.to_str().unwrap()],
        &[],
    );
    assert!(!ok);
    assert!(
        stderr.contains("khong-co") && stderr.contains("giam-sat"),
        "{stderr}"
    );
}

#[test]
fn sotay_pdf_without_chromium_says_what_to_install() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.pdf");
    // No Chromium on PATH, no CHROMIUM.
    let (ok, _, stderr) = sotay_pdf(
        &["--out", out.to_str().unwrap()],
        &[("PATH", dir.path().to_str().unwrap()), ("CHROMIUM", "")],
    );
    assert!(!ok);
    assert!(
        stderr.contains("không tìm thấy Chromium") && stderr.contains("apt-get install chromium"),
        "{stderr}"
    );
    assert!(!out.exists(), "nothing is written");
    // A wrong --chromium is named.
    let (ok, _, stderr) = sotay_pdf(
        &[
            "--out",
            out.to_str().unwrap(),
            "--chromium",
            "/khong/co/chrome",
        ],
        &[],
    );
    assert!(!ok);
    assert!(stderr.contains("/khong/co/chrome"), "{stderr}");
}

/// The deadlines tool prints its year list compactly (every unit's deadlines of the first view's
/// year, about 90 rows, took 35 A4 pages at the screen's size), and so do the engine's tables
/// in the articles.
#[test]
fn the_deadlines_tool_prints_its_year_list_on_few_pages() {
    use headless_chrome::types::PrintToPdfOptions;
    let t = Test::new("print-deadlines-tool");
    t.open("/cong-cu/han-bao-cao/");
    t.wait_until(
        "document.querySelector('[data-tool]')?.dataset.calcReady === '1'",
        sotay_e2e::TIMEOUT,
    );
    let rows = t
        .eval("document.querySelectorAll('#dl-view tbody tr').length")
        .as_u64()
        .unwrap();
    assert!(
        rows > 60,
        "the first view lists the whole year: {rows} rows"
    );
    // The page shown, printed on A4.
    let print_a4 = || {
        t.tab
            .print_to_pdf(Some(PrintToPdfOptions {
                paper_width: Some(8.27),
                paper_height: Some(11.69),
                ..Default::default()
            }))
            .unwrap()
    };
    let pdf = print_a4();
    let pages = lopdf::Document::load_mem(&pdf).unwrap().get_pages().len();
    assert!(pages <= 18, "{rows} deadlines print on {pages} A4 pages");
    let text = lopdf::Document::load_mem(&pdf)
        .unwrap()
        .extract_text(&[1])
        .unwrap_or_default();
    assert!(
        !text.contains("Sắp đến hạn"),
        "what is due next is for the screen"
    );
    // The article with the engine's tables of the year (Mục 5, Chế độ báo cáo): 27 pages at
    // the body's print size.
    t.open("/giam-sat/che-do-bao-cao/");
    let pdf = print_a4();
    let pages = lopdf::Document::load_mem(&pdf).unwrap().get_pages().len();
    assert!(pages <= 18, "Mục 5 prints on {pages} A4 pages");
}
