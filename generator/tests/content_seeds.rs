//! Key sentences of each source document (`../shared/seeds/000…004`) must appear in the handbook's
//! source (`content/**/*.md` and `content/_data/**/*.toml`). Comparison is on normalised text:
//! the extraction damage "ƣ"/"Ƣ" is repaired, Markdown/HTML markup is removed, and all whitespace
//! is dropped (the seeds have words run together or split by hard line breaks).
//! When the seeds are available (`../shared/seeds`), each sentence is also checked against its
//! seed, so the list cannot drift from the sources. `key_sentences_in_built_site` builds the real
//! handbook and checks the same sentences in the HTML a reader gets.
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
        if p.is_dir() {
            collect_html(&p, out);
        } else if p.extension().is_some_and(|x| x == "html") {
            out.push_str(&fs::read_to_string(&p).unwrap());
            out.push('\n');
        }
    }
}

#[test]
fn key_sentences_in_built_site() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
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
    let mut html = String::new();
    collect_html(&site, &mut html);
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
    let dir = root().join("../shared/seeds");
    let Ok(rd) = fs::read_dir(&dir) else {
        eprintln!(
            "{} not found: key sentences not re-checked against the seeds",
            dir.display()
        );
        return;
    };
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
