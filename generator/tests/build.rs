//! Integration tests: run the `sotay` binary on the fixture project (with `--no-wasm`) and on
//! broken copies of it.
use std::fs;
use std::path::Path;

mod common;
use common::{build, copy_dir, fixture, project, read, sotay, stderr};

#[test]
fn builds_fixture_site() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let o = build(&fixture(), &out);
    assert!(o.status.success(), "{}", stderr(&o));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.starts_with("Đã dựng 6 trang trong "), "{stdout}");

    let home = read(out.join("index.html"));
    assert!(home.contains("<html lang=\"vi\">"));
    // Relative .md link rewritten to the page URL with its anchor.
    assert!(
        home.contains("href=\"/giam-sat/dieu-1/#pham-vi-dieu-chinh\""),
        "{home}"
    );
    assert!(
        !home.contains("sotay-live"),
        "live-reload tag only under sotay serve"
    );

    let d1 = read(out.join("giam-sat/dieu-1/index.html"));
    // Unique heading ids, anchors on h2–h6, explicit id wins, TOC h2–h3.
    assert!(d1.contains("<h2 id=\"pham-vi-dieu-chinh\">"));
    assert!(d1.contains("<h2 id=\"pham-vi-dieu-chinh-2\">"));
    assert!(d1.contains("<h3 id=\"doi-tuong-ap-dung\">"));
    assert_eq!(d1.matches("class=\"heading-anchor\"").count(), 3);
    assert!(d1.contains("aria-label=\"Liên kết tới mục này\""));
    assert!(d1.contains("<li class=\"l3\"><a href=\"#doi-tuong-ap-dung\">Đối tượng</a></li>"));
    // Tables, strikethrough, footnotes.
    assert!(
        d1.contains("<table>") && d1.contains("<del>b</del>") && d1.contains("footnote-definition")
    );
    // Citation, inherited notice (Markdown rendered), breadcrumbs, prev/next, nav.
    assert!(d1.contains("09/2012/TT-BYT — Điều 1: Thông tư hướng dẫn giám sát trọng điểm"));
    assert!(d1.contains("<strong>Thông tư 07/2023/TT-BYT</strong>"));
    assert!(d1.contains("<li><a href=\"/\">Sổ tay giám sát</a></li><li><a href=\"/giam-sat/\">Giám sát trọng điểm</a></li></ol>"));
    assert!(d1.contains("rel=\"prev\" href=\"/giam-sat/\""));
    assert!(d1.contains("rel=\"next\" href=\"/giam-sat/dieu-2/\""));
    assert!(d1.contains("<li class=\"open\"><a href=\"/giam-sat/\">"));
    assert!(d1.contains("<a href=\"/giam-sat/dieu-1/\" aria-current=\"page\">"));
    // site.regulation from sotay_calc::core.
    let (name, date) = sotay_calc::core::active_regulation();
    assert!(d1.contains(&format!("{name} ({date})")));

    let d2 = read(out.join("giam-sat/dieu-2/index.html"));
    assert!(d2.contains("<p class=\"extra\">x</p>"), "page.extra");

    let section = read(out.join("giam-sat/index.html"));
    assert!(
        section.contains(
            "<li><a href=\"/giam-sat/dieu-1/\">Điều 1. Phạm vi điều chỉnh</a> Phạm vi</li>"
        )
    );
    assert!(section.contains("Văn bản đã được thay thế"));
    assert!(out.join("giam-sat/chi-tiet/mau/index.html").is_file());

    // Assets fingerprinted, referenced through asset(); static files verbatim.
    let css: Vec<_> = fs::read_dir(out.join("assets"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("sotay.") && n.ends_with(".css"))
        .collect();
    assert_eq!(css.len(), 1);
    assert_eq!(css[0].len(), "sotay..css".len() + 10);
    assert!(d1.contains(&format!("href=\"/assets/{}\"", css[0])));
    assert_eq!(read(out.join("robots.txt")), "User-agent: *\n");
    assert!(out.join("img/logo.svg").is_file());

    let sitemap = read(out.join("sitemap.xml"));
    assert!(sitemap.contains("<loc>http://127.0.0.1:8000/giam-sat/dieu-1/</loc>"));
    assert_eq!(sitemap.matches("<loc>").count(), 6);
    assert!(read(out.join("404.html")).contains("Không tìm thấy trang"));
}

#[test]
fn base_url_from_sotay_toml() {
    let p = project();
    fs::write(
        p.path().join("sotay.toml"),
        "title = \"Sổ tay thử\"\nbase_url = \"https://vi.example/\"\n",
    )
    .unwrap();
    let out = p.path().join("public");
    let o = build(p.path(), &out);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(read(out.join("sitemap.xml")).contains("<loc>https://vi.example/giam-sat/</loc>"));
    assert!(read(out.join("index.html")).contains("· Sổ tay thử</title>"));
}

/// Break the project with `edit`, build, expect exit 1 and `expected` in stderr, and the
/// previous output left exactly as it was.
fn expect_failure(edit: impl FnOnce(&Path), expected: &[&str]) {
    let p = project();
    let out = p.path().join("public");
    let o = build(p.path(), &out);
    assert!(o.status.success(), "{}", stderr(&o));
    let before = read(out.join("giam-sat/dieu-1/index.html"));
    edit(p.path());
    let o = build(p.path(), &out);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    for e in expected {
        assert!(err.contains(e), "expected {e:?} in:\n{err}");
    }
    // Atomic output: old site untouched, no temporary directory left behind.
    assert_eq!(read(out.join("giam-sat/dieu-1/index.html")), before);
    let left: Vec<_> = fs::read_dir(p.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert!(
        !left.iter().any(|n| n.to_string_lossy().contains(".tmp-")),
        "{left:?}"
    );
}

fn append(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    let mut s = read(path.clone());
    s.push_str(text);
    fs::write(path, s).unwrap();
}

#[test]
fn broken_link_to_missing_page() {
    // dieu-2.md has 12 lines; the appended link is on line 14 (after a blank line).
    expect_failure(
        |r| {
            append(
                r,
                "content/giam-sat/dieu-2.md",
                "\nXem [x](/giam-sat/dieu-99/).\n",
            )
        },
        &["content/giam-sat/dieu-2.md:14:5: liên kết \"/giam-sat/dieu-99/\" tới trang không có"],
    );
}

#[test]
fn broken_anchor() {
    expect_failure(
        |r| {
            append(
                r,
                "content/giam-sat/dieu-2.md",
                "\n[x](dieu-1.md#khong-co)\n",
            )
        },
        &[
            "content/giam-sat/dieu-2.md:14:1:",
            "không có mục #khong-co trong content/giam-sat/dieu-1.md",
        ],
    );
}

#[test]
fn broken_relative_md_link() {
    expect_failure(
        |r| append(r, "content/giam-sat/dieu-2.md", "\n[x](../khong-co.md)\n"),
        &["content/giam-sat/dieu-2.md:14:1:", "content/khong-co.md"],
    );
}

#[test]
fn missing_image() {
    expect_failure(
        |r| {
            append(
                r,
                "content/giam-sat/dieu-2.md",
                "\n![ảnh](/img/khong-co.png)\n",
            )
        },
        &["content/giam-sat/dieu-2.md:14:1:", "/img/khong-co.png"],
    );
}

#[test]
fn invalid_utf8() {
    expect_failure(
        |r| {
            let path = r.join("content/giam-sat/dieu-2.md");
            let mut bytes = fs::read(&path).unwrap();
            bytes.extend_from_slice(b"\nab\xff\n");
            fs::write(path, bytes).unwrap();
        },
        &["content/giam-sat/dieu-2.md:14:3: tệp không phải UTF-8 hợp lệ: byte 0xFF"],
    );
}

#[test]
fn unknown_front_matter_key() {
    expect_failure(
        |r| {
            let path = r.join("content/giam-sat/dieu-2.md");
            let s = read(path.clone()).replacen("order = 2", "order = 2\ntieu_de = \"x\"", 1);
            fs::write(path, s).unwrap();
        },
        &["content/giam-sat/dieu-2.md:4:1: TOML sai:", "tieu_de"],
    );
}

#[test]
fn malformed_front_matter() {
    expect_failure(
        |r| {
            let path = r.join("content/giam-sat/dieu-2.md");
            let s = read(path.clone()).replacen("order = 2", "order = = 2", 1);
            fs::write(path, s).unwrap();
        },
        &["content/giam-sat/dieu-2.md:3:"],
    );
}

#[test]
fn unknown_doc_and_notice() {
    expect_failure(
        |r| {
            let path = r.join("content/giam-sat/dieu-2.md");
            let s = read(path.clone()).replacen("doc = \"tt09-2012\"", "doc = \"tt99\"", 1);
            fs::write(path, s).unwrap();
            let path = r.join("content/giam-sat/_index.md");
            let s = read(path.clone()).replacen("het-hieu-luc", "khong-co", 1);
            fs::write(path, s).unwrap();
        },
        &[
            "content/giam-sat/dieu-2.md:5:7: không có tài liệu nguồn \"tt99\"",
            "content/giam-sat/_index.md:4:10: không có thông báo \"khong-co\"",
        ],
    );
}

#[test]
fn file_name_not_a_slug() {
    expect_failure(
        |r| {
            fs::copy(
                r.join("content/giam-sat/dieu-2.md"),
                r.join("content/giam-sat/Điều 3.md"),
            )
            .map(|_| ())
            .unwrap()
        },
        &[
            "content/giam-sat/Điều 3.md: tên tệp \"Điều 3.md\" không phải slug",
            "dieu-3.md",
        ],
    );
}

#[test]
fn duplicate_urls() {
    expect_failure(
        |r| {
            let s = read(r.join("content/giam-sat/dieu-2.md")).replacen(
                "order = 2",
                "order = 2\nslug = \"dieu-1\"",
                1,
            );
            fs::write(r.join("content/giam-sat/dieu-2.md"), s).unwrap();
        },
        &[
            "content/giam-sat/dieu-2.md:4:8: trùng địa chỉ /giam-sat/dieu-1/ với content/giam-sat/dieu-1.md:1 (duplicate URL)",
        ],
    );
}

#[test]
fn duplicate_explicit_heading_ids() {
    expect_failure(
        |r| {
            append(
                r,
                "content/giam-sat/dieu-2.md",
                "\n## A {#x}\n\n## B {#x}\n",
            )
        },
        &["content/giam-sat/dieu-2.md:16:1: trùng id tiêu đề \"x\""],
    );
}

#[test]
fn template_error_names_template_line() {
    expect_failure(
        |r| {
            let path = r.join("site/templates/page.html");
            let s = read(path.clone()).replacen("{% endblock %}", "{% if %}{% endblock %}", 1);
            fs::write(path, s).unwrap();
        },
        &["site/templates/page.html:4:", "lỗi mẫu"],
    );
}

#[test]
fn unknown_asset_in_template() {
    expect_failure(
        |r| {
            let path = r.join("site/templates/page.html");
            let s = read(path.clone()).replacen(
                "{{ page.content }}",
                "{{ asset('css/khong-co.css') }}{{ page.content }}",
                1,
            );
            fs::write(path, s).unwrap();
        },
        &["site/templates/page.html:4:", "khong-co.css"],
    );
}

#[test]
fn check_validates_without_writing() {
    let p = project();
    let o = sotay(&["check", "--root", p.path().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("Đã kiểm tra 6 trang"));
    assert!(!p.path().join("public").exists());
    append(p.path(), "content/giam-sat/dieu-2.md", "\n[x](#khong-co)\n");
    let o = sotay(&["check", "--root", p.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("content/giam-sat/dieu-2.md:14:1:"),
        "{}",
        stderr(&o)
    );
    assert!(!p.path().join("public").exists());
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(sotay(&["build", "--bogus"]).status.code(), Some(2));
    assert_eq!(sotay(&["nope"]).status.code(), Some(2));
}

#[test]
fn refuses_output_over_project() {
    let p = project();
    let o = build(p.path(), p.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(p.path().join("content/_index.md").is_file());
}

#[test]
fn missing_template_named_at_front_matter_key() {
    expect_failure(
        |r| {
            let path = r.join("content/giam-sat/dieu-2.md");
            let s = read(path.clone()).replacen(
                "order = 2",
                "order = 2\ntemplate = \"khong-co.html\"",
                1,
            );
            fs::write(path, s).unwrap();
        },
        &["content/giam-sat/dieu-2.md:4:12: không dùng được mẫu site/templates/khong-co.html"],
    );
}

fn replace_in(root: &Path, rel: &str, from: &str, to: &str) {
    let path = root.join(rel);
    let s = read(path.clone());
    assert!(s.contains(from), "{rel} has no {from:?}");
    fs::write(path, s.replacen(from, to, 1)).unwrap();
}

#[test]
fn broken_link_written_by_a_template() {
    // base.html line 9 gets a hard-coded link to a page that does not exist: reported once, at
    // the template's line, naming a page it was found on and how many others (the 404 page among them).
    expect_failure(
        |r| {
            replace_in(
                r,
                "site/templates/base.html",
                "<main>",
                "<a href=\"/khong-co/\">x</a><main>",
            )
        },
        &[
            "site/templates/base.html:9:10: liên kết \"/khong-co/\" trong mẫu tới trang không có: /khong-co/ (broken link) (khi dựng content/_index.md và 6 trang khác)",
        ],
    );
}

#[test]
fn template_link_to_a_missing_anchor() {
    expect_failure(
        |r| {
            replace_in(
                r,
                "site/templates/page.html",
                "{{ page.content }}",
                "<a href=\"/giam-sat/#khong-co\">x</a>{{ page.content }}",
            )
        },
        &[
            "site/templates/page.html:4:10: liên kết \"/giam-sat/#khong-co\" trong mẫu không có mục #khong-co trong content/giam-sat/_index.md (missing anchor) (khi dựng content/giam-sat/dieu-1.md và 2 trang khác)",
        ],
    );
}

#[test]
fn template_link_from_front_matter_and_same_page_anchor() {
    // A link the template takes from the page's front matter is reported at that line; a
    // `#anchor` of the page itself that no element has is reported too.
    expect_failure(
        |r| {
            replace_in(
                r,
                "content/_index.md",
                "summary = \"Trang chủ\"\n",
                "summary = \"Trang chủ\"\n[extra]\nlien_ket = \"/khong-co-trang/\"\n",
            );
            fs::write(
                r.join("site/templates/index.html"),
                "{% extends \"section.html\" %}{% block main %}<a href=\"{{ page.extra.lien_ket }}\">x</a>\n<a href=\"#{{ 'khong-co-muc' }}\">y</a>{{ page.content }}{% endblock %}",
            )
            .unwrap();
        },
        &[
            "content/_index.md:5:13: liên kết \"/khong-co-trang/\" (do mẫu site/templates/index.html (cùng section.html, base.html) viết ra) tới trang không có: /khong-co-trang/ (broken link) (khi dựng content/_index.md)",
            "content/_index.md: liên kết \"#khong-co-muc\" do mẫu site/templates/index.html (cùng section.html, base.html) viết ra không có mục #khong-co-muc trong content/_index.md (missing anchor) (khi dựng content/_index.md)",
        ],
    );
}

#[test]
fn content_page_without_source() {
    // dieu-2.md without its [source] table: the error points at the closing +++ (line 6);
    // mau.md with a [source] that has no article: at its doc line.
    expect_failure(
        |r| {
            replace_in(
                r,
                "content/giam-sat/dieu-2.md",
                "[source]\ndoc = \"tt09-2012\"\narticle = \"Điều 2\"\n",
                "",
            );
            replace_in(
                r,
                "content/giam-sat/chi-tiet/mau.md",
                "article = \"Điều 3, khoản 1\"\n",
                "",
            );
        },
        &[
            "content/giam-sat/dieu-2.md:6:1: trang nội dung phải ghi nguồn: thêm [source]",
            "content/giam-sat/chi-tiet/mau.md:5:7: [source] thiếu article",
        ],
    );
}

#[test]
fn source_not_required_on_utility_pages_and_bare_sections() {
    // A nav = false page and a section whose _index.md only lists its pages need no source.
    let p = project();
    fs::write(
        p.path().join("content/tim-kiem.md"),
        "+++\ntitle = \"Tìm kiếm\"\nnav = false\n+++\nTrang tìm kiếm.\n",
    )
    .unwrap();
    fs::write(
        p.path().join("content/giam-sat/chi-tiet/_index.md"),
        "+++\ntitle = \"Chi tiết\"\norder = 3\n+++\n\n",
    )
    .unwrap();
    let o = sotay(&["check", "--root", p.path().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    // The same section with text of its own must cite its source.
    fs::write(
        p.path().join("content/giam-sat/chi-tiet/_index.md"),
        "+++\ntitle = \"Chi tiết\"\norder = 3\n+++\nMục con.\n",
    )
    .unwrap();
    let o = sotay(&["check", "--root", p.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o)
            .contains("content/giam-sat/chi-tiet/_index.md:4:1: trang nội dung phải ghi nguồn"),
        "{}",
        stderr(&o)
    );
}

/// A writable copy of the real handbook (content/, site/, sotay.toml), without wasm/.
fn handbook() -> tempfile::TempDir {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo.join("content"), &dir.path().join("content"));
    copy_dir(&repo.join("site"), &dir.path().join("site"));
    if repo.join("sotay.toml").is_file() {
        fs::copy(repo.join("sotay.toml"), dir.path().join("sotay.toml")).unwrap();
    }
    dir
}

#[test]
fn home_shows_five_parts_and_the_07_2023_notice_card() {
    let p = handbook();
    let out = p.path().join("public");
    let o = build(p.path(), &out);
    assert!(o.status.success(), "{}", stderr(&o));
    let home = read(out.join("index.html"));
    let cards_at = home.find("<ol class=\"part-cards\">").expect("part cards");
    let cards = &home[cards_at..cards_at + home[cards_at..].find("</ol>").unwrap()];
    let hrefs: Vec<&str> = cards
        .split("class=\"part-card-link\" href=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    // The five source documents, in their order; the 07/2023 section is not a part.
    assert_eq!(
        hrefs,
        [
            "/nhom-ho-tro-ky-thuat/",
            "/nhom-ky-thuat-bo-y-te/",
            "/giam-sat/",
            "/dao-tao-chuyen-giao/",
            "/thuc-hanh/"
        ]
    );
    assert!(
        cards.contains("Phần 5") && !cards.contains("Phần 6"),
        "{cards}"
    );
    // A distinct, labelled notice card for the 07/2023 comparison, before the parts.
    let notice_at = home
        .find("class=\"notice home-update\"")
        .expect("notice card");
    assert!(notice_at < cards_at);
    let notice = &home[notice_at..cards_at];
    assert!(
        notice.contains("không phải một phần của sổ tay"),
        "{notice}"
    );
    assert!(
        notice.contains("href=\"/van-ban-moi/\">Văn bản hiện hành: Thông tư 07/2023/TT-BYT</a>"),
        "{notice}"
    );
    assert_eq!(
        home.matches("href=\"/van-ban-moi/\"").count(),
        2,
        "notice card and sidebar only"
    );
}

#[test]
fn wrong_part_url_is_a_broken_link_at_its_front_matter_line() {
    let p = handbook();
    let path = p.path().join("content/_index.md");
    let text = read(path.clone());
    let line = text
        .lines()
        .position(|l| l.starts_with("parts = "))
        .unwrap()
        + 1;
    fs::write(
        &path,
        text.replacen("\"/thuc-hanh/\"", "\"/thuc-hanh-2/\"", 1),
    )
    .unwrap();
    let o = sotay(&["check", "--root", p.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains(&format!("content/_index.md:{line}:")) && err.contains(
            "liên kết \"/thuc-hanh-2/\" (do mẫu site/templates/index.html (cùng base.html) viết ra) tới trang không có: /thuc-hanh-2/"
        ),
        "{err}"
    );
}

#[test]
fn sources_table_reads_nguon_toml() {
    // The real sources page (`block = "sources"`): the five seeded documents of nguon.toml, in
    // seed order, each linked to its part; the 07/2023 circular (no seed) is not a row.
    let p = handbook();
    assert!(read(p.path().join("content/nguon.md")).contains("block = \"sources\""));
    let out = p.path().join("public");
    let o = build(p.path(), &out);
    assert!(o.status.success(), "{}", stderr(&o));
    // Without the attributes that show the table as cards on phones (render/cards.rs).
    let mut page = read(out.join("nguon/index.html"));
    for attr in [" role=\"", " data-label=\""] {
        while let Some(i) = page.find(attr) {
            let end = i + attr.len() + page[i + attr.len()..].find('"').unwrap() + 1;
            page.replace_range(i..end, "");
        }
    }
    let rows: Vec<&str> = page
        .split("<tr id=\"nguon-")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    assert_eq!(
        rows,
        [
            "htkt-tinh",
            "nkt-byt",
            "tt09-2012",
            "kh-muong-te-2022",
            "life-thuc-hanh"
        ]
    );
    let tt09 = &page[page.find("<tr id=\"nguon-tt09-2012\"").unwrap()..];
    let tt09 = &tt09[..tt09.find("</tr>").unwrap()];
    assert!(
        tt09.contains("<td>09/2012/TT-BYT</td><td>24/5/2012</td><td>Bộ Y tế</td>")
            && tt09.contains("Đã được thay thế bởi Thông tư 07/2023/TT-BYT")
            && tt09.contains("<a href=\"/giam-sat/\">Giám sát dịch tễ học HIV/AIDS"),
        "{tt09}"
    );
    assert!(page.contains("<td>tháng 8/2022</td>"));
}

#[test]
fn unknown_part_in_nguon_toml() {
    expect_failure(
        |r| {
            replace_in(
                r,
                "content/_data/nguon.toml",
                "date = \"2012-05-24\"\n",
                "date = \"2012-5-24\"\npart = \"/khong-co/\"\n",
            )
        },
        &[
            "content/_data/nguon.toml:5:8: date = \"2012-5-24\" không hợp lệ",
            "content/_data/nguon.toml:6:8: tài liệu \"tt09-2012\": part = \"/khong-co/\" không phải địa chỉ của trang nào",
        ],
    );
}

#[test]
fn no_source_needed_when_no_documents_are_declared() {
    // A project without content/_data/nguon.toml (the benchmark corpus) has nothing to cite.
    let p = project();
    fs::remove_file(p.path().join("content/_data/nguon.toml")).unwrap();
    for f in [
        "content/_index.md",
        "content/giam-sat/_index.md",
        "content/giam-sat/dieu-1.md",
        "content/giam-sat/dieu-2.md",
        "content/giam-sat/chi-tiet/_index.md",
        "content/giam-sat/chi-tiet/mau.md",
    ] {
        let path = p.path().join(f);
        let s = read(path.clone());
        let start = s.find("[source]").unwrap();
        let end = start + s[start..].find("article").unwrap();
        let end = end + s[end..].find('\n').unwrap() + 1;
        fs::write(&path, format!("{}{}", &s[..start], &s[end..])).unwrap();
    }
    let o = sotay(&["check", "--root", p.path().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
}
