//! Key sentences of each source document (`docs/seeds/000…004`, verbatim copies) must appear in the handbook's
//! source (`content/**/*.md` and `content/_data/**/*.toml`). Comparison is on normalised text:
//! the extraction damage "ƣ"/"Ƣ" is repaired, Markdown/HTML markup is removed, and all whitespace
//! is dropped (the seeds have words run together or split by hard line breaks).
//! Each sentence is also checked against its seed, so the list cannot drift from the sources. `key_sentences_in_built_site` builds the real
//! handbook and checks the same sentences in the HTML a reader gets.
mod common;
use std::fs;
use std::path::{Path, PathBuf};

const KEY_SENTENCES: &[(&str, &[&str])] = &[
    (
        "000",
        &[
            "tỷ lệ nhiễm HIV trong cộng đồng dưới 0,3%, đạt được mục tiêu Chính phủ đề ra.",
            "Nhóm hỗ trợ kỹ thuật chịu sự chỉ đạo trực tiếp của Lãnh đạo Sở Y tế trong việc thực hiện các hoạt động hỗ trợ kỹ thuật.",
            "Các thành viên của Nhóm hỗ trợ kỹ thuật hoạt động theo chế độ kiêm nhiệm.",
            "Dự kiến triển khai từ tháng 8/2015 đến hết năm 2016.",
            "Trưởng nhóm: Lãnh đạo Sở Y tế",
            "Hiểu biết về hệ thống phòng chống HIV/AIDS tại địa phương.",
            "Kế hoạch được xây dựng theo năm.",
            "Đề xuất nhu cầu hỗ trợ kỹ thuật theo kế hoạch hàng năm hoặc các nhu cầu đột xuất.",
        ],
    ),
    (
        "001",
        &[
            "Việc thành lập các Nhóm kỹ thuật (NKT) thuộc Nhóm ĐTYT là nhằm gắn kết và hài hòa các hỗ trợ kỹ thuật của Đối tác phát triển (ĐTPT) với Kế hoạch 5 năm ngành y tế",
            "Thông thường, một NKT do một cán bộ lãnh đạo Vụ/Cục của Bộ Y tế (cấp Vụ trưởng hoặc Phó Vụ trưởng) chủ trì, và đồng chủ trì bởi đại diện một ĐTPT.",
            "Các NKT được coi là các tiểu nhóm của HPG, được thiết lập nhằm đề xuất các vấn đề chính sách chủ chốt cho thảo luận tại các cuộc họp HPG.",
            "NKT sẽ báo cáo định kỳ cho HPG trên cơ sở luân phiên.",
            "NKT về Quản lý chất lượng bệnh viện",
            "Già hóa dân số",
        ],
    ),
    (
        "002",
        &[
            "Một trường hợp giám sát chỉ được phân loại và báo cáo theo một nhóm đối tượng giám sát.",
            "Quản lý danh sách người nhiễm HIV, người bệnh AIDS, người nhiễm HIV tử vong.",
            "Không được sử dụng kết quả xét nghiệm giám sát trọng điểm để chẩn đoán xác định nhiễm HIV.",
            "Tiêu chuẩn chung: chọn các đối tượng đủ 16 tuổi trở lên, có năng lực hành vi dân sự.",
            "Trong quá trình vận chuyển, danh sách người nhiễm HIV phải được cho vào phong bì dán kín có niêm phong và ghi rõ tên, địa chỉ người nhận.",
            "Lấy mẫu, vận chuyển bệnh phẩm và thực hiện xét nghiệm theo hướng dẫn của Bộ Y tế.",
            "Thông tư này có hiệu lực từ ngày 15 tháng 7 năm 2012.",
        ],
    ),
    (
        "003",
        &[
            "tối thiểu 70% danh mục dịch vụ kỹ thuật của tuyến xã theo phân tuyến của Bộ Y tế.",
            "Kỹ thuật chuyển giao phải thuộc danh mục dịch vụ kỹ thuật đã được Bộ Y tế ban hành và được Sở Y tế phê duyệt.",
            "Có kinh nghiệm thực hiện kỹ thuật chuyển giao.",
            "Tổ chức thực hiện các dịch vụ kỹ thuật được chuyển giao theo quy định.",
            "Đổi mới mạnh mẽ phương thức hoạt động của y tế cấp xã để thực hiện vai trò là tuyến đầu trong phòng bệnh, chăm sóc sức khỏe.",
            "Nguồn kinh phí khám bệnh, chữa bệnh do Bảo hiểm y tế chi trả, nguồn xã hội hóa và các nguồn hợp pháp khác (nếu có).",
            "Theo dõi, giám sát, kiểm tra việc tổ chức triển khai thực hiện kế hoạch tại các đơn vị, địa phương.",
        ],
    ),
    (
        "004",
        &[
            "Có kinh nghiệm hơn 3 năm làm các dự án với công nhân",
            "Có khả năng ứng dụng các phương pháp giáo dục chủ động",
            "Theo dõi và đảm bảo sĩ số lớp học",
            "Câu lạc bộ Kỹ năng sống đầu tiên được thành lập năm 2014 tại Biên Hòa, tỉnh Đồng Nai cung cấp cho nhóm MSM trẻ những kiến thức, kinh nghiệm và khả năng thiết yếu để thích nghi và ứng xử tích cực.",
            "Trung tâm LIFE đã triển khai áp dụng phần mềm này cho 17 CBO tham gia dự án kể từ tháng 01/2017.",
            "Mỗi CBO sẽ liên kết tối đa với 02 phòng khám cung cấp dịch vụ trên địa bàn mà các CBO đặt văn phòng.",
            "Cần phải liên tục nuôi dưỡng và thường xuyên đánh giá mối quan hệ kết nghĩa CBO với phòng khám để duy trì và tăng cường mối quan hệ hợp tác này.",
        ],
    ),
];

/// Repair "ƣ", drop Markdown/HTML markup (tags, link targets, emphasis, escapes) and all
/// whitespace.
fn normalise(text: &str) -> String {
    let text = text.replace('ƣ', "ư").replace('Ƣ', "Ư");
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // HTML tag: skip to '>'
            '<' if chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphabetic() || *n == '/') =>
            {
                for n in chars.by_ref() {
                    if n == '>' {
                        break;
                    }
                }
            }
            // Markdown link target: "](…)" → ""
            ']' if chars.peek() == Some(&'(') => {
                for n in chars.by_ref() {
                    if n == ')' {
                        break;
                    }
                }
            }
            '[' | ']' | '*' | '`' | '\\' => {}
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn collect(dir: &Path, out: &mut String) {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "md" || x == "toml") {
            out.push_str(&fs::read_to_string(&p).unwrap());
            out.push('\n');
        }
    }
}

#[test]
fn seeds_key_sentences() {
    let mut corpus = String::new();
    collect(&root().join("content"), &mut corpus);
    let corpus = normalise(&corpus);
    let mut missing = Vec::new();
    for (seed, sentences) in KEY_SENTENCES {
        assert!(
            sentences.len() >= 5,
            "seed {seed}: at least 5 key sentences"
        );
        for s in *sentences {
            if !corpus.contains(&normalise(s)) {
                missing.push(format!("{seed}: {s}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "key sentences missing from content/:\n{}",
        missing.join("\n")
    );
}

fn collect_html(dir: &Path, out: &mut String) {
    for e in fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        // The print pages (/in/) repeat every page's body (tests/tests/print.rs checks that
        // they are the same): counted once, in the pages themselves.
        if dir == site() && e.file_name() == "in" {
            continue;
        }
        if p.is_dir() {
            collect_html(&p, out);
        } else if p.extension().is_some_and(|x| x == "html") {
            out.push_str(&fs::read_to_string(&p).unwrap());
            out.push('\n');
        }
    }
}

/// The real handbook, built once per test binary (without the calculator) into the target's
/// scratch directory.
fn site() -> &'static Path {
    static SITE: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    SITE.get_or_init(|| {
        let site = Path::new(env!("CARGO_TARGET_TMPDIR")).join("content-seeds-site");
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_sotay"))
            .args(["build", "--no-wasm", "--root"])
            .arg(root())
            .arg("--out")
            .arg(&site)
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "sotay build failed:\n{}",
            String::from_utf8_lossy(&o.stderr)
        );
        site
    })
}

#[test]
fn key_sentences_in_built_site() {
    let site = site();
    let mut html = String::new();
    collect_html(site, &mut html);
    let html = html
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    let text = normalise(&html);
    let missing: Vec<String> = KEY_SENTENCES
        .iter()
        .flat_map(|(seed, ss)| ss.iter().map(move |s| (seed, s)))
        .filter(|(_, s)| !text.contains(&normalise(s)))
        .map(|(seed, s)| format!("{seed}: {s}"))
        .collect();
    assert!(
        missing.is_empty(),
        "key sentences missing from the built site:\n{}",
        missing.join("\n")
    );
}

#[test]
fn key_sentences_come_from_the_seeds() {
    let dir = root().join("docs/seeds");
    let rd = fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let files: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
    for (seed, sentences) in KEY_SENTENCES {
        let file = files
            .iter()
            .find(|p| {
                p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with(seed))
            })
            .unwrap_or_else(|| panic!("no seed {seed}_* in {}", dir.display()));
        let text = normalise(&fs::read_to_string(file).unwrap());
        for s in *sentences {
            assert!(text.contains(&normalise(s)), "not in seed {seed}: {s}");
        }
    }
}

#[test]
fn normalise_repairs_and_strips_markup() {
    assert_eq!(normalise("hƣớng  dẫn\n giám"), "hướngdẫngiám");
    assert_eq!(
        normalise("[<abbr title=\"Nhóm kỹ thuật\">NKT</abbr>](/thuat-ngu/#nkt) **1.** a"),
        "NKT1.a"
    );
}

// ---------------------------------------------------------------------------------------------
// Issue 18: the structure and fidelity fixes, each checked on the built site against the seed.

/// Seed `code` (000…004) with "ƣ" repaired and whitespace collapsed to single spaces.
fn seed(code: &str) -> String {
    let dir = root().join("docs/seeds");
    let file = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(code))
        })
        .unwrap_or_else(|| panic!("no seed {code}"));
    collapse(
        &fs::read_to_string(file)
            .unwrap()
            .replace('ƣ', "ư")
            .replace('Ƣ', "Ư"),
    )
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A built page by URL.
fn page(url: &str) -> String {
    let p = site().join(url.trim_start_matches('/')).join("index.html");
    let html = fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    // These tests read the tables' content, not the attributes that make them cards on phones.
    common::without_card_attributes(html)
}

/// The article body of a page (`<div class="content">` to the end of the article).
fn body(html: &str) -> &str {
    let start = html
        .find("<div class=\"content\">")
        .expect("page has a content div");
    let end = html[start..]
        .find("</article>")
        .map_or(html.len(), |e| start + e);
    &html[start..end]
}

/// Text of HTML as a reader sees it: tags removed, entities decoded, whitespace collapsed.
fn text(html: &str) -> String {
    // Block elements separate words; inline ones (a, abbr, span, strong…) do not.
    const BLOCK: &[&str] = &[
        "p",
        "li",
        "td",
        "th",
        "tr",
        "div",
        "br",
        "h1",
        "h2",
        "h3",
        "h4",
        "ul",
        "ol",
        "table",
        "caption",
        "section",
        "blockquote",
    ];
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let Some(gt) = rest[lt..].find('>') else {
            rest = "";
            break;
        };
        let tag = &rest[lt + 1..lt + gt];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if BLOCK.contains(&name.as_str()) {
            out.push(' ');
        }
        rest = &rest[lt + gt + 1..];
    }
    out.push_str(rest);
    collapse(
        &out.replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&#x27;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&"),
    )
}

/// The part of `html` from the element with `id` to the next `h2` (or the end).
fn section<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no #{id}"));
    let end = html[start + 1..]
        .find("<h2 ")
        .map_or(html.len(), |e| start + 1 + e);
    &html[start..end]
}

/// The text of Điều `n` of the Circular's seed (to the next article).
fn tt09_article(n: u32) -> String {
    let s = seed("002");
    let start = s
        .find(&format!("Điều {n}. "))
        .unwrap_or_else(|| panic!("no Điều {n}"));
    let end = s[start..]
        .find(&format!("Điều {}. ", n + 1))
        .map_or(s.len(), |e| start + e);
    s[start..end].to_string()
}

/// Whitespace-free comparison (the Circular's seed runs words together).
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn htkt_and_muong_te_headings_keep_their_numbering() {
    // (page, heading as the handbook prints it, as the seed writes it)
    let headings: &[(&str, &str, &str)] = &[
        (
            "/nhom-ho-tro-ky-thuat/thong-tin-co-so/",
            "I. Thông tin cơ sở",
            "I. THÔNG TIN CƠ SỞ",
        ),
        (
            "/nhom-ho-tro-ky-thuat/thong-tin-co-so/",
            "1. Cơ sở xây dựng hướng dẫn",
            "1. Cơ sở xây dựng hướng dẫn",
        ),
        (
            "/nhom-ho-tro-ky-thuat/thong-tin-co-so/",
            "4.1. Tiêu chí lựa chọn tỉnh/thành phố triển khai thí điểm",
            "4.1. Tiêu chí lựa chọn tỉnh/thành phố triển khai thí điểm",
        ),
        (
            "/nhom-ho-tro-ky-thuat/thong-tin-co-so/",
            "6. Lĩnh vực ưu tiên hỗ trợ kỹ thuật",
            "6. Lĩnh vực ưu tiên hỗ trợ kỹ thuật",
        ),
        (
            "/nhom-ho-tro-ky-thuat/to-chuc/",
            "II. Tổ chức Nhóm hỗ trợ kỹ thuật tuyến tỉnh",
            "II. TỔ CHỨC NHÓM HỖ TRỢ KỸ THUẬT TUYẾN TỈNH",
        ),
        (
            "/nhom-ho-tro-ky-thuat/to-chuc/",
            "2.1. Nhiệm vụ và quyền hạn của Nhóm hỗ trợ kỹ thuật",
            "2.1. Nhiệm vụ và quyền hạn của Nhóm hỗ trợ kỹ thuật",
        ),
        (
            "/nhom-ho-tro-ky-thuat/to-chuc/",
            "3.4. Các tổ hỗ trợ kỹ thuật đặc thù",
            "3.4. Các tổ hỗ trợ kỹ thuật đặc thù",
        ),
        (
            "/nhom-ho-tro-ky-thuat/to-chuc/",
            "5. Tiêu chuẩn lựa chọn thành viên tham gia Nhóm hỗ trợ kỹ thuật",
            "5. Tiêu chuẩn lựa chọn thành viên tham gia Nhóm hỗ trợ kỹ thuật",
        ),
        (
            "/nhom-ho-tro-ky-thuat/hoat-dong/",
            "III. Nội dung hoạt động của Nhóm hỗ trợ kỹ thuật",
            "III. NỘI DUNG HOẠT ĐỘNG CỦA NHÓM HỖ TRỢ KỸ THUẬT",
        ),
        (
            "/nhom-ho-tro-ky-thuat/hoat-dong/",
            "3. Qui trình thực hiện hỗ trợ kỹ thuật",
            "3. Qui trình thực hiện hỗ trợ kỹ thuật",
        ),
        (
            "/nhom-ho-tro-ky-thuat/to-chuc-thuc-hien/",
            "IV. Tổ chức thực hiện",
            "IV. TỔ CHỨC THỰC HIỆN",
        ),
        (
            "/dao-tao-chuyen-giao/muc-tieu-nguyen-tac/",
            "I. Mục tiêu",
            "I. MỤC TIÊU",
        ),
        (
            "/dao-tao-chuyen-giao/muc-tieu-nguyen-tac/",
            "1. Nguyên tắc chuyển giao kỹ thuật",
            "1. Nguyên tắc chuyển giao kỹ thuật",
        ),
        (
            "/dao-tao-chuyen-giao/dieu-kien/",
            "2.4. Điều kiện đối với người tiếp nhận chuyển giao kỹ thuật",
            "2.4. Điều kiện đối với người tiếp nhận chuyển giao kỹ thuật",
        ),
        (
            "/dao-tao-chuyen-giao/nhiem-vu-giai-phap/",
            "5. Nguồn lực tài chính",
            "5. Nguồn lực tài chính",
        ),
        (
            "/dao-tao-chuyen-giao/kinh-phi/",
            "IV. Kinh phí thực hiện",
            "IV. KINH PHÍ THỰC HIỆN",
        ),
        (
            "/dao-tao-chuyen-giao/to-chuc-thuc-hien/",
            "V. Tổ chức thực hiện",
            "V. TỔ CHỨC THỰC HIỆN",
        ),
    ];
    let (s000, s003) = (seed("000"), seed("003").replace('*', ""));
    for (url, shown, seeded) in headings {
        let src = if url.starts_with("/nhom") {
            &s000
        } else {
            &s003
        };
        assert!(src.contains(seeded), "not in the seed: {seeded}");
        let html = page(url);
        let found = html
            .split("<h")
            .skip(1)
            .any(|h| h.starts_with(['1', '2', '3']) && text(&format!("<h{h}")).starts_with(shown));
        assert!(found, "{url}: no heading “{shown}”");
    }
}

#[test]
fn htkt_muc_phan_references_link_to_their_numbered_headings() {
    // Phần II, mục 1 and mục 4 cite "Mục 5, Phần II"; Phần IV cites "Mục 6, Phần I" and
    // "Điểm 2.1, Mục 2, Phần II" (seed 000).
    let s = seed("000");
    for r in [
        "Mục 5, Phần II",
        "Mục 6, Phần I",
        "Điểm 2.1, Mục 2, Phần II",
    ] {
        assert!(s.contains(r), "{r}");
    }
    let cases = [
        (
            "/nhom-ho-tro-ky-thuat/to-chuc/",
            "Mục 5, Phần II",
            "/nhom-ho-tro-ky-thuat/to-chuc/#tieu-chuan-thanh-vien",
            "5. ",
        ),
        (
            "/nhom-ho-tro-ky-thuat/to-chuc-thuc-hien/",
            "Mục 6, Phần I",
            "/nhom-ho-tro-ky-thuat/thong-tin-co-so/#linh-vuc-uu-tien",
            "6. ",
        ),
        (
            "/nhom-ho-tro-ky-thuat/to-chuc-thuc-hien/",
            "Điểm 2.1, Mục 2, Phần II",
            "/nhom-ho-tro-ky-thuat/to-chuc/#nhiem-vu-nhom",
            "2.1. ",
        ),
    ];
    for (url, reference, href, number) in cases {
        let html = page(url);
        let link = format!("<a class=\"sotay-xref\" href=\"{href}\">{reference}</a>");
        assert!(html.contains(&link), "{url}: {link}");
        // The target is a heading that carries the number the reference names.
        let (target, id) = href.split_once('#').unwrap();
        let t = page(target);
        let h = &t[t.find(&format!("id=\"{id}\">")).unwrap()..];
        assert!(
            text(&h[h.find('>').unwrap() + 1..h.find("</h").unwrap()]).starts_with(number),
            "{href}"
        );
    }
    // Every occurrence in the text is linked (two in Phần II: mục 1 and the procedure of mục 4).
    let tc = page("/nhom-ho-tro-ky-thuat/to-chuc/");
    assert_eq!(tc.matches(">Mục 5, Phần II</a>").count(), 2);
    assert_eq!(text(body(&tc)).matches("Mục 5, Phần II").count(), 2);
}

#[test]
fn tt09_muc_6_articles_27_to_31_are_roles_with_the_circulars_heading() {
    let html = page("/giam-sat/to-chuc-thuc-hien/");
    for n in 27..=31 {
        let art = tt09_article(n);
        let sec = section(&html, &format!("dieu-{n}"));
        assert!(
            sec.contains("class=\"sotay-block sotay-roles\""),
            "Điều {n}"
        );
        assert!(
            sec.contains("<p class=\"sotay-k\">Trách nhiệm</p>"),
            "Điều {n}"
        );
        assert!(
            !sec.contains("quyền hạn"),
            "Điều {n}: the Circular speaks of duties only"
        );
        // Every khoản of the seed is a labelled duty with its text.
        let mut k = 1;
        while let Some(i) = art.find(&format!(" {k}. ")) {
            let rest = &art[i + format!(" {k}. ").len()..];
            let end = rest.find(&format!(" {}. ", k + 1)).unwrap_or(rest.len());
            let first = rest[..end].split(['.', ':']).next().unwrap();
            assert!(
                sec.contains(&format!("<span class=\"sotay-duty-label\">{k}.</span>")),
                "Điều {n} khoản {k}"
            );
            assert!(
                squash(&text(sec)).contains(&squash(first)),
                "Điều {n} khoản {k}: {first}"
            );
            k += 1;
        }
        assert!(k > 4, "Điều {n}: found {k} khoản");
    }
}

#[test]
fn roles_headings_come_from_the_data() {
    // "Nhiệm vụ và quyền hạn" only where the source says it (pilot guide, Phần II, mục 2.1–2.2);
    // the members of 2.3 have "trách nhiệm và quyền hạn" (seed 000).
    let s = seed("000");
    assert!(s.contains("2.1. Nhiệm vụ và quyền hạn của Nhóm hỗ trợ kỹ thuật"));
    assert!(s.contains("các thành viên còn có trách nhiệm và quyền hạn sau"));
    let mut html = String::new();
    collect_html(site(), &mut html);
    let fixed = "<p class=\"sotay-k\">Nhiệm vụ và quyền hạn</p>";
    assert_eq!(html.matches(fixed).count(), 2, "only 2.1 and 2.2");
    let tc = page("/nhom-ho-tro-ky-thuat/to-chuc/");
    assert!(section(&tc, "nhiem-vu-quyen-han").contains(fixed));
    assert!(tc.contains("<p class=\"sotay-k\">Trách nhiệm và quyền hạn</p>"));
    for url in [
        "/nhom-ho-tro-ky-thuat/to-chuc-thuc-hien/",
        "/dao-tao-chuyen-giao/to-chuc-thuc-hien/",
        "/thuc-hanh/yeu-cau-nhan-su/",
    ] {
        assert!(!page(url).contains(fixed), "{url}");
    }
}

#[test]
fn tt09_dieu_13_is_a_numbered_checklist_of_its_eleven_principles() {
    let art = tt09_article(13);
    let html = page("/giam-sat/giam-sat-trong-diem/");
    let sec = section(&html, "dieu-13");
    let list = &sec[sec
        .find("<ol class=\"sotay-checklist sotay-numbered\">")
        .expect("numbered")..];
    let list = &list[..list.find("</ol>").unwrap()];
    let items: Vec<String> = list.split("<li>").skip(1).map(text).collect();
    assert_eq!(items.len(), 11);
    for (i, item) in items.iter().enumerate() {
        let k = i + 1;
        let from = art.find(&format!(" {k}. ")).unwrap() + format!(" {k}. ").len();
        let to = art[from..]
            .find(&format!(" {}. ", k + 1))
            .map_or(art.len(), |e| from + e);
        assert_eq!(squash(item), squash(&art[from..to]), "khoản {k}");
    }
}

#[test]
fn tt09_dieu_17_is_a_criteria_self_check_per_group() {
    let art = squash(&tt09_article(17));
    let html = page("/giam-sat/giam-sat-trong-diem/");
    let sec = section(&html, "dieu-17");
    let blocks: Vec<&str> = sec.split("data-criteria=\"dieu-17-").skip(1).collect();
    assert_eq!(blocks.len(), 7, "points a, b, c, d, đ, e, g");
    for b in blocks {
        let b = &b[..b.find("</section>").unwrap()];
        let items: Vec<String> = b
            .split("<li>")
            .skip(1)
            .map(|l| text(&l[..l.find("</li>").unwrap()]))
            .collect();
        assert!(items.len() >= 3, "{b}");
        assert_eq!(items[0], "đủ 16 tuổi trở lên");
        assert_eq!(items[1], "có năng lực hành vi dân sự");
        for it in &items {
            assert!(art.contains(&squash(it)), "not in Điều 17: {it}");
        }
    }
    // The general criterion stays in the text, verbatim.
    assert!(text(sec).contains(
        "Tiêu chuẩn chung: chọn các đối tượng đủ 16 tuổi trở lên, có năng lực hành vi dân sự."
    ));
}

#[test]
fn tt09_dieu_14_k2_is_a_group_by_test_matrix() {
    // From the seed: "a) Giang mai: … điểm a, b, c, d và đ khoản 1", "b) Lậu: … điểm b và c", …
    let art = tt09_article(14);
    let k2 = &art[art
        .find(" 2. Đối tượng giám sát trọng điểm các nhiễm trùng")
        .unwrap()..];
    let mut expected: Vec<(String, Vec<String>)> = Vec::new();
    for (test, next) in [
        ("Giang mai", "b) Lậu"),
        ("Lậu", "c) Chlamydia"),
        ("Chlamydia", "d) Trùng roi"),
        ("Trùng roi âm đạo", "Điều 15"),
    ] {
        let from = k2.find(&format!("{test}: ")).unwrap();
        let to = k2[from..].find(next).map_or(k2.len(), |e| from + e);
        let clause = squash(&k2[from..to]);
        let points = &clause
            [clause.find("tạiđiểm").unwrap() + "tạiđiểm".len()..clause.find("khoản1").unwrap()];
        let letters: Vec<String> = points
            .replace("và", ",")
            .split(',')
            .map(|s| s.trim().to_string())
            .collect();
        expected.push((test.to_string(), letters));
    }
    let html = page("/giam-sat/giam-sat-trong-diem/");
    let sec = section(&html, "dieu-14");
    let table = &sec[sec.find("sotay-sti-tests").expect("matrix under Điều 14")..];
    let table = &table[..table.find("</table>").unwrap()];
    let head = text(&table[..table.find("</thead>").unwrap()]);
    for (test, _) in &expected {
        assert!(head.contains(test.as_str()), "column {test}");
    }
    for row in table.split("<tr><th scope=\"row\">").skip(1) {
        let label = text(&row[..row.find("</th>").unwrap()]);
        let letter = label
            .rsplit("điểm ")
            .next()
            .unwrap()
            .trim_end_matches(')')
            .to_string();
        let cells: Vec<String> = row.split("<td>").skip(1).map(text).collect();
        assert_eq!(cells.len(), expected.len(), "{label}");
        for ((test, letters), cell) in expected.iter().zip(&cells) {
            let want = if letters.contains(&letter) {
                "Có"
            } else {
                "Không"
            };
            assert_eq!(cell, want, "{label} × {test}");
        }
    }
}

#[test]
fn tt09_extraction_splits_in_dieu_8_and_10_are_repaired() {
    let s = seed("002");
    assert!(s.contains("giám sát pháthiện các nhiễm trùng") && s.contains("âm đạo do Candida"));
    let html = page("/giam-sat/phat-hien-nhiem-trung-tinh-duc/");
    let t = text(body(&html));
    assert!(t.contains(
        "Điều 8. Nguyên tắc giám sát phát hiện các nhiễm trùng lây truyền qua đường tình dục"
    ));
    assert!(t.contains("viêm âm hộ, âm đạo do Candida và các nhiễm trùng"));
    assert!(!t.contains("phá thiện") && !t.contains("Can di da"));
}

#[test]
fn tt09_dieu_18_points_3b_and_5b_are_whole_paragraphs() {
    let html = page("/giam-sat/giam-sat-trong-diem/");
    let sec = section(&html, "dieu-18");
    // 3.b: one paragraph, not split after "hoặc đến".
    let p3 = sec
        .split("<p>")
        .find(|p| p.starts_with("b) Phương pháp chọn mẫu: lấy mẫu liên tiếp của tất cả nam giới"))
        .expect("18.3.b");
    assert!(
        p3[..p3.find("</p>").unwrap()]
            .ends_with("hoặc đến khi kết thúc thời gian thực hiện giám sát trọng điểm;")
    );
    // 5.b: "Xác định số xã…" belongs to the rural bullet.
    let li = sec
        .split("<li>")
        .find(|l| {
            l.contains("Thanh niên tham gia khám sơ tuyển nghĩa vụ quân sự cư trú ở nông thôn")
        })
        .expect("18.5.b rural");
    let li = &li[..li.find("</li>").unwrap()];
    assert!(
        li.contains("mỗi xã. Xác định số xã cần thực hiện giám sát trọng điểm"),
        "{li}"
    );
    assert!(li.contains("tại xã đến khi đủ cỡ mẫu theo quy định."));
}

#[test]
fn noi_nhan_are_lists_as_in_the_sources() {
    for (url, code, first, n) in [
        (
            "/giam-sat/",
            "002",
            "Văn phòng Chính phủ (Phòng Công báo; Cổng thông tin điện tử CP);",
            10,
        ),
        (
            "/dao-tao-chuyen-giao/to-chuc-thuc-hien/",
            "003",
            "Sở Y tế tỉnh;",
            7,
        ),
    ] {
        let s = seed(code);
        let from = s.find("Nơi nhận:").unwrap();
        let items = s[from..].matches(" - ").count().min(n);
        assert_eq!(items, n, "{code}");
        let html = page(url);
        let at = html.find("Nơi nhận:").expect(url);
        let ul = &html[at..];
        let ul = &ul[ul.find("<ul>").unwrap()..ul.find("</ul>").unwrap()];
        let lis: Vec<String> = ul.split("<li>").skip(1).map(text).collect();
        assert_eq!(lis.len(), n, "{url}");
        assert_eq!(lis[0], first);
        for li in &lis {
            assert!(s.contains(&format!("- {li}")), "{url}: {li}");
        }
    }
}

#[test]
fn life_tors_each_state_their_own_deadline_and_pay_rule() {
    let s = seed("004");
    // The survey TOR has no pay rule and no 29/04 deadline: its cut-off is 17h on 05/04/2022.
    let survey = &s[s.find("4. Nhiệm vụ của chuyên gia").unwrap()..];
    let survey = &survey[..survey.find("*Thông tin chung").unwrap()];
    assert!(survey.contains("trước 17h ngày 05 tháng 04 năm 2022"));
    assert!(!survey.contains("Deadline") && !survey.contains("Định mức chi trả"));
    let html = page("/thuc-hanh/yeu-cau-nhan-su/");
    let expert = text(section(&html, "chuyen-gia"));
    assert!(expert.contains("trước 17h ngày 05 tháng 04 năm 2022"));
    assert!(
        !expert.contains("Deadline: 29/04/2022") && !expert.contains("Định mức chi trả dựa trên")
    );
    for id in ["tro-giang", "giang-vien"] {
        let t = text(section(&html, id));
        assert!(t.contains("Deadline: 29/04/2022"), "{id}");
        assert!(
            t.contains("Định mức chi trả dựa trên báo giá và thỏa thuận của hai bên"),
            "{id}"
        );
    }
    // The intro no longer says every TOR has the pay rule and the 29/04 deadline.
    assert!(!text(body(&html)).contains("Các điều khoản tham chiếu đều ghi"));
    let summary = text(section(&html, "tom-tat"));
    assert!(summary.contains("Chuyên gia khảo sát 04 ngày"));
    assert!(summary.contains("Không ghi Trước 17h ngày 05 tháng 04 năm 2022"));
}

#[test]
fn life_tor_lists_are_lists_again() {
    let s = seed("004");
    let html = page("/thuc-hanh/yeu-cau-nhan-su/");
    let b = body(&html);
    let lis: Vec<String> = b
        .split("<li>")
        .skip(1)
        .map(|l| text(&l[..l.find("</li>").unwrap_or(l.len())]))
        .collect();
    for item in [
        "Đặc điểm nhân khẩu của nhóm công nhân tham gia khảo sát,",
        "Khả năng tài chính của công nhân",
        "Mơ ước và dự định cho tương lai",
        "Số lượng học viên: 25 – 35 người/lớp",
        "Đối tượng: Công nhân tại Bình Dương & TP.HCM",
        "Trợ giảng khóa Tập huấn Tình yêu hôn nhân gia đình: 2 ngày",
        "Viết báo cáo: 0.5 ngày",
        "Thời gian diễn ra khảo sát: từ ngày 14 đến ngày 18 tháng 04 năm 2022",
    ] {
        assert!(
            s.contains(&format!("• {item}")),
            "not a bullet in the seed: {item}"
        );
        assert!(lis.iter().any(|l| l == item), "not a list item: {item}");
    }
}

#[test]
fn framing_texts_match_the_sources() {
    // "Bốn việc chính" introduced three: Phần III, mục 3 has 3.1, 3.2, 3.3 (seed 000).
    let s = seed("000");
    let p3 =
        &s[s.find("III. NỘI DUNG HOẠT ĐỘNG").unwrap()..s.find("IV. TỔ CHỨC THỰC HIỆN").unwrap()];
    let p3 = &p3[p3.find("3. Qui trình thực hiện hỗ trợ kỹ thuật").unwrap()..];
    assert!(p3.contains("3.3. Báo cáo hoạt động") && !p3.contains("3.4. "));
    let hd = text(body(&page("/nhom-ho-tro-ky-thuat/hoat-dong/")));
    assert!(!hd.contains("Bốn việc") && hd.contains("Quy trình có ba bước"));
    // /cong-cu/ cites Mục 4 = Điều 13–21 and Mục 5 = Điều 22–26 (seed 002).
    let c = seed("002");
    let pos = |x: &str| c.find(x).unwrap();
    assert!(pos("Mục 4. ") < pos("Điều 13. ") && pos("Điều 21. ") < pos("Mục 5. "));
    assert!(pos("Mục 5. ") < pos("Điều 22. ") && pos("Điều 26. ") < pos("Mục 6. "));
    let tools = page("/cong-cu/");
    assert!(tools.contains("Mục 4 (Điều 13–21) và Mục 5 (Điều 22–26)"));
    // The home page names the whole handbook, in 09/2012's words.
    let home = page("/");
    let title = &home[home.find("<title>").unwrap()..home.find("</title>").unwrap()];
    assert!(
        title.contains("nhiễm trùng lây truyền qua đường tình dục"),
        "{title}"
    );
    assert!(!home.contains("bệnh lây truyền") && !title.contains("giám sát trọng điểm"));
    // Comparison page: 09/2012 quoted as written.
    let cmp = text(body(&page("/van-ban-moi/so-sanh/")));
    assert!(squash(&c).contains(&squash("Nam thanh niên khám sơ tuyển nghĩa vụ quân sự")));
    assert!(cmp.contains("nam thanh niên khám sơ tuyển NVQS") && !cmp.contains("khám tuyển NVQS"));
    assert!(squash(&c).contains(&squash("Chọn bệnh viện đa khoa hoặc bệnh viện phụ sản hoặc trung tâm chăm sóc sức khỏe sinh sản của tỉnh")));
    assert!(cmp.contains("bệnh viện đa khoa hoặc bệnh viện phụ sản hoặc trung tâm chăm sóc sức khỏe sinh sản của tỉnh"));
    assert!(squash(&tt09_article(25)).contains(&squash(
        "5. Các viện, bệnh viện trực thuộc Bộ Y tế tổng hợp và gửi"
    )));
    assert!(cmp.contains(
        "các viện, bệnh viện trực thuộc Bộ Y tế gửi Bệnh viện Da liễu trung ương 01–05 (khoản 5)"
    ));
}

#[test]
fn sample_sizes_count_district_hospitals_for_rural_pregnant_women() {
    let art = squash(&tt09_article(16));
    assert!(art.contains(&squash(
        "Chọn tối đa 5 bệnh viện huyện nơi có số dân nhiều nhất"
    )));
    let html = page("/giam-sat/giam-sat-trong-diem/");
    let table = &html[html
        .find("Địa bàn chọn (Điều 16)")
        .expect("sample-size table")..];
    let row = table
        .split("<tr>")
        .find(|r| r.contains("Phụ nữ mang thai cư trú ở nông thôn"))
        .unwrap();
    assert!(
        text(row).contains("tối đa 5 bệnh viện huyện (Điều 16 khoản 4 điểm b)"),
        "{row}"
    );
    let idu = table
        .split("<tr>")
        .find(|r| r.contains("Nam nghiện chích ma túy"))
        .unwrap();
    assert!(text(idu).contains("tối đa 5 huyện (Điều 16 khoản 1)"));
}

#[test]
fn pages_drawing_on_several_documents_cite_them_all() {
    // (The home page has no "Nguồn:" line; its front matter cites the five documents too.)
    for url in ["/thuat-ngu/", "/nguon/"] {
        let html = page(url);
        let src = &html[html.find("<p class=\"source\">").expect(url)..];
        let src = text(&src[..src.find("</p>").unwrap()]);
        assert!(
            src.starts_with("Nguồn: Năm văn bản nguồn của sổ tay"),
            "{url}: {src}"
        );
    }
    let cmp = page("/van-ban-moi/so-sanh/");
    let src = &cmp[cmp.find("<p class=\"source\">").unwrap()..];
    assert!(text(&src[..src.find("</p>").unwrap()]).contains("Thông tư 09/2012/TT-BYT"));
}

/// Issue 18, "Holiday rule": Circular 09/2012 has no day-off rule; the dated tables show its own
/// date and call the shift what it is, the Civil Code's.
#[test]
fn tt09_has_no_holiday_rule_and_dated_tables_say_the_shift_is_the_civil_codes() {
    use sotay_calc::core::deadlines::deadlines_for_year;
    use sotay_calc::core::rules;
    let s = seed("002");
    for word in ["ngày nghỉ", "nghỉ lễ", "ngày làm việc tiếp theo"] {
        assert!(!s.contains(word), "the Circular says {word}");
    }
    let html = page("/giam-sat/che-do-bao-cao/");
    let table = &html[html.find("sotay-deadlines-year").unwrap()..];
    let table = &table[..table.find("</table>").unwrap()];
    let rows: Vec<&str> = table.split("<tr").skip(2).collect();
    let v = rules::version("tt09-2012").unwrap();
    let list = deadlines_for_year(v, 2023, Some("hiv_tinh")).unwrap();
    assert_eq!(rows.len(), list.len());
    let mut shifted = 0;
    for (row, d) in rows.iter().zip(&list) {
        let date_cell = text(&row[row.find("<td>").unwrap()..row.find("</td>").unwrap()]);
        let own = match d.start {
            Some(a) => format!("{} – {}", a.dmy(), d.end.dmy()),
            None => d.end.dmy(),
        };
        assert!(date_cell.starts_with(&own), "{date_cell}");
        if d.shift_reason.is_some() {
            shifted += 1;
            assert!(
                date_cell.contains("Thông tư không quy định về ngày nghỉ"),
                "{date_cell}"
            );
            assert!(
                date_cell.contains("Bộ luật Dân sự 2015, Điều 148"),
                "{date_cell}"
            );
            assert!(
                date_cell.contains(&format!("hạn là {}", d.effective_end.dmy())),
                "{date_cell}"
            );
        } else {
            assert!(!date_cell.contains("Bộ luật Dân sự"), "{date_cell}");
        }
    }
    assert!(shifted > 0, "2023 has deadlines on days off");
    assert!(
        text(table).contains("việc lùi hạn là của Bộ luật Dân sự, không phải của Thông tư") || {
            let after = &html[html.find("sotay-deadlines-year").unwrap()..];
            text(&after[..after.find("</div>").unwrap()])
                .contains("việc lùi hạn là của Bộ luật Dân sự, không phải của Thông tư")
        }
    );
}

/// Issue 18, "Phụ lục 1–16": one row per annex; every article a row cites mentions that annex
/// in the seed; the page says the forms are not reproduced.
#[test]
fn tt09_annexes_page_derives_each_annex_from_the_articles_that_cite_it() {
    use sotay_calc::core::rules;
    let html = page("/giam-sat/phu-luc/");
    let b = body(&html);
    assert!(text(b).contains("Sổ tay không in lại và không dựng lại các mẫu"));
    let tbody = &b[b.find("<tbody>").unwrap()..b.find("</tbody>").unwrap()];
    let rows: Vec<&str> = tbody.split("<tr>").skip(1).collect();
    assert_eq!(rows.len(), 16);
    // "Phụ lục 1 và 2", "Phụ lục 8, 9, 10, 11, 12 và 13" … → the numbers an article's text lists.
    let annexes_of = |art: &str| -> Vec<u32> {
        let mut out = Vec::new();
        for part in squash(art).split("Phụlục").skip(1) {
            let head: String = part
                .chars()
                .take_while(|c| c.is_ascii_digit() || matches!(c, ',' | 'v' | 'à'))
                .collect();
            out.extend(
                head.replace("và", ",")
                    .split(',')
                    .filter_map(|x| x.trim().parse::<u32>().ok()),
            );
        }
        out
    };
    for (i, row) in rows.iter().enumerate() {
        let n = i as u32 + 1;
        let cells: Vec<&str> = row.split("<td>").skip(1).collect();
        assert_eq!(text(cells[0]), n.to_string());
        let cited: Vec<u32> = cells[3]
            .split("#dieu-")
            .skip(1)
            .map(|x| x[..x.find('"').unwrap()].parse().unwrap())
            .collect();
        assert!(!cited.is_empty(), "Phụ lục {n}");
        for a in cited {
            assert!(
                annexes_of(&tt09_article(a)).contains(&n),
                "Phụ lục {n}: Điều {a} does not cite it"
            );
        }
    }
    // The calculator's obligations name the same annexes for the same articles.
    let v = rules::version("tt09-2012").unwrap();
    for o in v.obligations.unwrap() {
        for f in o.forms {
            let article = o.article.split(" khoản").next().unwrap();
            let dieu = article.trim_start_matches("Điều ");
            assert!(
                rows[usize::from(*f) - 1].contains(&format!("#dieu-{dieu}\"")),
                "Phụ lục {f}: {}",
                o.article
            );
        }
    }
}

#[test]
fn references_list_the_documents_the_sources_cite() {
    let html = page("/nguon/");
    let sec = text(section(&html, "van-ban-duoc-dan"));
    for (code, number) in [
        ("002", "188/2007/NĐ-CP"),
        ("002", "3003/QĐ-BYT"),
        ("002", "1418/2000/QĐ-BYT"),
        ("002", "2691/2002/QĐ-BYT"),
        ("000", "1816/QĐ-BYT"),
        ("000", "4026/QĐ-BYT"),
        ("003", "3089/KH-UBND"),
    ] {
        assert!(seed(code).contains(number), "{number}");
        assert!(sec.contains(number), "{number} not in the list");
    }
    for (code, title) in [
        (
            "002",
            "Luật phòng, chống nhiễm vi rút gây ra hội chứng suy giảm miễn dịch mắc phải ở người (HIV/AIDS)",
        ),
        ("003", "Luật Ngân sách nhà nước"),
        ("003", "Bộ tiêu chí quốc gia về y tế xã"),
    ] {
        assert!(squash(&seed(code)).contains(&squash(title)), "{title}");
        assert!(sec.contains(title), "{title} not in the list");
    }
}

/// Issue 18, "Editing policy": every row of content/_data/bien-tap.toml is true — its source
/// text is in the seed, its handbook text on the built pages, and a kept error is still there.
#[test]
fn editing_policy_changes_are_listed_and_true() {
    #[derive(serde::Deserialize)]
    struct Table {
        rows: Vec<Vec<String>>,
    }
    let t: Table =
        toml::from_str(&fs::read_to_string(root().join("content/_data/bien-tap.toml")).unwrap())
            .unwrap();
    let code = |doc: &str| match doc {
        d if d.starts_with("Hướng dẫn thí điểm") => "000",
        d if d.starts_with("Trang Nhóm kỹ thuật") => "001",
        d if d.starts_with("Thông tư 09/2012") => "002",
        d if d.starts_with("Kế hoạch của UBND") => "003",
        d if d.starts_with("Tư liệu của Trung tâm LIFE") => "004",
        d => panic!("unknown document {d}"),
    };
    let mut all = String::new();
    collect_html(site(), &mut all);
    // Text of every page body, without the editing table itself (it quotes both sides).
    let mut pages = String::new();
    for chunk in all.split("<div class=\"content\">").skip(1) {
        let chunk = &chunk[..chunk.find("</article>").unwrap_or(chunk.len())];
        let without = match chunk.find("id=\"bien-tap\"") {
            Some(i) => &chunk[..i],
            None => chunk,
        };
        pages.push_str(&text(without));
        pages.push(' ');
    }
    let mut kept = 0;
    for r in &t.rows {
        let (doc, place, from, to, kind) = (&r[0], &r[1], &r[2], &r[3], &r[4]);
        let s = seed(code(doc));
        assert!(
            s.contains(from.as_str()),
            "{doc}, {place}: not in the seed: {from}"
        );
        assert!(
            pages.contains(to.as_str()),
            "{doc}, {place}: not in the handbook: {to}"
        );
        if kind.starts_with("Lỗi của văn bản gốc") {
            kept += 1;
            assert_eq!(
                from, to,
                "{place}: a kept error is written as the source writes it"
            );
        } else if kind.starts_with("Lỗi trích xuất") && from != to {
            assert!(
                !pages.contains(from.as_str()),
                "{place}: the damage is still there: {from}"
            );
        }
    }
    assert!(kept >= 30, "{kept}");
    // One policy, stated once.
    let nguon = text(body(&page("/nguon/")));
    assert!(nguon.contains("sổ tay chỉ sửa lỗi do việc trích xuất văn bản gây ra"));
    assert!(
        nguon.contains(
            "lỗi của chính văn bản gốc (chính tả, dấu câu, cách viết hoa) được giữ nguyên"
        )
    );
}

// ---------------------------------------------------------------------------------------------
// Issue 18, "Glossary completeness".

#[derive(serde::Deserialize)]
struct GlossaryFile {
    #[allow(dead_code)]
    page: String,
    term: Vec<GlossaryEntry>,
    abbreviation: Vec<GlossaryEntry>,
}

#[derive(serde::Deserialize)]
struct GlossaryEntry {
    id: String,
    #[serde(default)]
    abbr: Option<String>,
    #[serde(default)]
    forms: Vec<String>,
    text: String,
    #[serde(default)]
    source: Option<String>,
}

fn glossary() -> GlossaryFile {
    let text = fs::read_to_string(root().join("content/_data/thuat-ngu.toml")).unwrap();
    let table: toml::Table = toml::from_str(&text).unwrap();
    let mut t = table.clone();
    t.remove("not_abbreviation");
    toml::Value::Table(t).try_into().unwrap()
}

#[test]
fn glossary_defines_what_the_issue_found_undefined() {
    let g = glossary();
    let forms: Vec<String> = g
        .abbreviation
        .iter()
        .flat_map(|a| {
            let mut f = a.forms.clone();
            f.extend(a.abbr.clone());
            f
        })
        .collect();
    for a in [
        "NTLTQĐTD",
        "NVQS",
        "VHPD",
        "RHAG",
        "HEMG",
        "HRH",
        "LHS",
        "HIS",
        "HPF",
        "MDG",
        "HQM",
        "TWGP",
        "TWGN",
        "TP",
        "TP.HCM",
        "TW",
        "BYT",
        "ThS",
        "BS",
        "GSTĐ",
        "NCMT",
        "PNBD",
        "PNMT",
        "IDU",
        "FSW",
        "MSM",
    ] {
        assert!(forms.iter().any(|f| f == a), "{a} has no entry");
    }
    assert!(!forms.iter().any(|f| f == "NKLTQĐTD"), "unused and wrong");
    // Core terms and the "sau đây gọi tắt là" terms of the sources.
    let terms: Vec<&str> = g.term.iter().map(|t| t.id.as_str()).collect();
    for id in [
        "giam-sat-trong-diem-hiv",
        "don-vi-dau-moi-ve-y-te-du-phong-huyen",
        "luat-phong-chong-hiv-aids",
        "quyet-dinh-3003",
        "thanh-nien-kham-tuyen-nghia-vu-quan-su",
        "huyen",
        "xa",
        "nhom-ho-tro-ky-thuat",
        "don-vi-nhan-chuyen-giao",
    ] {
        assert!(terms.contains(&id), "{id}");
    }
    // Each "sau đây gọi tắt là" / "sau đây được gọi là" of the seeds has an entry that quotes it.
    let all: String = ["000", "002", "003"].iter().map(|c| seed(c)).collect();
    let quoted: String = g.term.iter().map(|t| t.text.as_str()).collect();
    for marker in ["(sau đây gọi tắt là ", "(sau đây được gọi là "] {
        for part in all.split(marker).skip(1) {
            let name = &part[..part.find(')').unwrap()];
            assert!(
                squash(&quoted).contains(&squash(&format!("{marker}{name})"))),
                "no entry for “{name}”"
            );
        }
    }
    // Every entry is on the built page, each an h3 with its id (a search result of its own).
    let html = page("/thuat-ngu/");
    for id in g
        .term
        .iter()
        .map(|t| &t.id)
        .chain(g.abbreviation.iter().map(|a| &a.id))
    {
        assert!(html.contains(&format!("<h3 id=\"{id}\">")), "#{id}");
    }
}

/// What the glossary quotes (“…”) is in the seeds, unless the entry says the abbreviation is
/// not in the sources.
#[test]
fn glossary_quotes_come_from_the_seeds() {
    let g = glossary();
    let seeds: String = ["000", "001", "002", "003", "004"]
        .iter()
        .map(|c| squash(&seed(c)).to_lowercase())
        .collect();
    let mut checked = 0;
    let mut missing = Vec::new();
    for e in g.term.iter().chain(&g.abbreviation) {
        // Outermost quotes only.
        let mut depth = 0;
        let mut cur = String::new();
        for c in e.text.chars() {
            match c {
                '“' => {
                    if depth > 0 {
                        cur.push(c);
                    }
                    depth += 1;
                }
                '”' => {
                    depth -= 1;
                    if depth == 0 {
                        // A quote may start mid-sentence: compare without case.
                        let q = squash(&normalise_quote(&cur)).to_lowercase();
                        if !seeds.contains(&q) {
                            missing.push(format!("#{}: “{cur}”", e.id));
                        }
                        checked += 1;
                        cur.clear();
                    } else {
                        cur.push(c);
                    }
                }
                c if depth > 0 => cur.push(c),
                _ => {}
            }
        }
        if e.source
            .as_deref()
            .is_some_and(|s| s.contains("không có trong văn bản nguồn"))
        {
            assert!(!e.text.is_empty());
        }
    }
    assert!(
        missing.is_empty(),
        "not in the seeds:\n{}",
        missing.join("\n")
    );
    assert!(checked > 40, "{checked}");
}

/// Inner quotes of a quote are the seed's straight quotes; ellipses stand for cut text.
fn normalise_quote(q: &str) -> String {
    q.replace(['“', '”'], "\"")
        .split('…')
        .next()
        .unwrap()
        .to_string()
}

#[test]
fn every_page_expands_each_abbreviation_at_its_first_use() {
    let g = glossary();
    let mut pages = Vec::new();
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.file_name().is_some_and(|n| n == "index.html") {
                out.push(p);
            }
        }
    }
    walk(site(), &mut pages);
    let mut expanded_pages = 0;
    for p in &pages {
        let html = fs::read_to_string(p).unwrap();
        let Some(start) = html.find("<div class=\"content\">") else {
            continue;
        };
        let b = body(&html[start..]);
        let glossary_page = p.parent().unwrap().ends_with("thuat-ngu");
        for a in &g.abbreviation {
            let link = format!("<a class=\"sotay-abbr\" href=\"/thuat-ngu/#{}\">", a.id);
            let n = b.matches(&link).count();
            if glossary_page {
                assert_eq!(n, 0, "the glossary does not expand itself");
                continue;
            }
            assert!(n <= 1, "{}: {} expanded {n} times", p.display(), a.id);
            if n == 1 {
                // Nothing of the same entry in plain text before it.
                let before = &b[..b.find(&link).unwrap()];
                let forms: Vec<&String> = if a.forms.is_empty() {
                    a.abbr.iter().collect()
                } else {
                    a.forms.iter().collect()
                };
                let plain = outside_links_and_headings(before);
                for f in forms {
                    let used = plain.match_indices(f.as_str()).any(|(i, _)| {
                        let b4 = plain[..i].chars().next_back();
                        let af = plain[i + f.len()..].chars().next();
                        // Whole words as the generator cuts them (joined by - . & /).
                        let joins =
                            |c: char| c.is_alphanumeric() || matches!(c, '/' | '-' | '.' | '&');
                        let mut after = plain[i + f.len()..].chars();
                        let (a1, a2) = (after.next(), after.next());
                        let joined_after = a1.is_some_and(|c| c.is_alphanumeric() || c == '/')
                            || (a1.is_some_and(|c| matches!(c, '-' | '.' | '&'))
                                && a2.is_some_and(char::is_alphanumeric));
                        let _ = af;
                        !b4.is_some_and(joins) && !joined_after
                    });
                    assert!(!used, "{}: {f} used before its expansion", p.display());
                }
            }
        }
        if b.contains("sotay-abbr") {
            expanded_pages += 1;
        }
    }
    assert!(expanded_pages >= 25, "{expanded_pages}");
    // HIV, the most used abbreviation, is expanded on every Circular page.
    for url in [
        "/giam-sat/quy-dinh-chung/",
        "/giam-sat/phat-hien-hiv/",
        "/giam-sat/giam-sat-trong-diem/",
        "/giam-sat/che-do-bao-cao/",
        "/giam-sat/to-chuc-thuc-hien/",
    ] {
        let b = page(url);
        assert!(
            b.contains("href=\"/thuat-ngu/#hiv\"><abbr title=\"Vi rút gây suy giảm miễn dịch ở người\">HIV</abbr></a>")
                || b.contains("href=\"/thuat-ngu/#hiv-aids\">"),
            "{url}"
        );
    }
}

/// Text of HTML outside links, headings, code and form labels (where no expansion is made).
fn outside_links_and_headings(html: &str) -> String {
    const SKIP: &[&str] = &[
        "a", "h1", "h2", "h3", "h4", "code", "label", "summary", "svg", "abbr",
    ];
    let mut out = String::new();
    let mut open: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        if !open.iter().any(|t| SKIP.contains(&t.as_str())) {
            out.push_str(&rest[..lt]);
        }
        out.push(' ');
        let gt = rest[lt..].find('>').map_or(rest.len(), |g| lt + g);
        let tag = &rest[lt + 1..gt];
        let close = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if close {
            if let Some(i) = open.iter().rposition(|t| *t == name) {
                open.truncate(i);
            }
        } else if !tag.ends_with('/')
            && !matches!(
                name.as_str(),
                "br" | "img" | "input" | "hr" | "meta" | "link"
            )
        {
            open.push(name);
        }
        rest = rest.get(gt + 1..).unwrap_or("");
    }
    out.replace("&amp;", "&")
}
