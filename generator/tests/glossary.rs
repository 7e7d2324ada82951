//! Integration tests of the glossary check, the `<abbr>` expansion and the "Mục N, Phần R"
//! links (generator/src/glossary.rs, generator/src/crossref.rs): the `sotay` binary on copies
//! of the fixture project with a glossary file and pages written for each case.
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic")
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap().flatten() {
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            fs::copy(e.path(), dest).unwrap();
        }
    }
}

const GLOSSARY: &str = r#"page = "/giam-sat/"

[[abbreviation]]
id = "hiv"
abbr = "HIV"
expansion = "Vi rút gây suy giảm miễn dịch ở người"
text = "HIV."

[[abbreviation]]
id = "byt"
abbr = "BYT"
expansion = "Bộ Y tế"
text = "BYT."

[[abbreviation]]
id = "ky-hieu"
abbr = "TT-BYT"
expansion = "Thông tư của Bộ Y tế"
text = "TT-BYT."

[[not_abbreviation]]
words = ["II", "IV"]
reason = "Số La Mã"
"#;

/// The fixture with a glossary; `files` are written over it (path under the project root).
fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(), dir.path());
    fs::write(dir.path().join("content/_data/thuat-ngu.toml"), GLOSSARY).unwrap();
    // The glossary page of GLOSSARY: its entries' anchors.
    fs::write(
        dir.path().join("content/giam-sat/_index.md"),
        "+++\ntitle = \"Giám sát trọng điểm\"\norder = 1\nnotice = \"het-hieu-luc\"\n[source]\ndoc = \"tt09-2012\"\narticle = \"Toàn văn\"\n+++\n\
         Các điều về giám sát.\n\n## HIV {#hiv}\n\n## BYT {#byt}\n",
    )
    .unwrap();
    for (path, text) in files {
        let p = dir.path().join(path);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }
    dir
}

fn build(root: &Path) -> (Output, PathBuf) {
    let out = root.join("public");
    let o = Command::new(env!("CARGO_BIN_EXE_sotay"))
        .args(["build", "--no-wasm", "--root"])
        .arg(root)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    (o, out)
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn page(front: &str, body: &str) -> String {
    format!("+++\n{front}[source]\ndoc = \"tt09-2012\"\narticle = \"Điều 1\"\n+++\n{body}")
}

#[test]
fn an_undefined_all_caps_word_fails_the_build_at_its_line() {
    let p = project(&[(
        "content/giam-sat/thu.md",
        &page(
            "title = \"Điều 1\"\norder = 1\n",
            "## Phạm vi\n\nGiám sát HIV ở Quý II và Quý IV.\n\nNhóm NVQS được khám,\nrồi NVQS lần nữa.\n",
        ),
    )]);
    let (o, _) = build(p.path());
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    // Front matter (7 lines) + "## Phạm vi", "", "Giám sát HIV…", "" → line 12, column 6.
    assert!(
        err.contains(
            "content/giam-sat/thu.md:12:6: chữ viết tắt “NVQS” chưa có trong bảng thuật ngữ (và 1 chỗ khác trong tệp): thêm vào [[abbreviation]] của content/_data/thuat-ngu.toml"
        ),
        "{err}"
    );
    // HIV is an abbreviation of the glossary and II, IV are listed non-abbreviations.
    assert!(
        !err.contains("“HIV”") && !err.contains("“II”") && !err.contains("“IV”"),
        "{err}"
    );
    assert_eq!(err.matches("chữ viết tắt “").count(), 1, "{err}");
}

#[test]
fn listed_words_pass_and_data_files_are_checked_too() {
    // A listed non-abbreviation passes; an unknown word in a data file is reported there.
    let p = project(&[
        (
            "content/giam-sat/thu.md",
            &page(
                "title = \"Điều 1\"\norder = 1\n",
                "Quý II, Thông tư 09/2012/TT-BYT, Quyết định số 3003/QĐ-BYT.\n",
            ),
        ),
        (
            "content/_data/x/bang.toml",
            "# Chú thích có XYZ không bị kiểm tra.\ncolumns = [\"Cột\"]\nrows = [\n  [\"Báo cáo gửi PQRS\"],\n]\n",
        ),
    ]);
    let (o, _) = build(p.path());
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("content/_data/x/bang.toml:4:17: chữ viết tắt “PQRS”"),
        "{err}"
    );
    assert!(!err.contains("XYZ"), "comments are not shown: {err}");
    // A joined word passes when it is a form (TT-BYT) or every part is known: QĐ is not.
    assert!(
        err.contains("“QĐ-BYT”") && !err.contains("“TT-BYT”"),
        "{err}"
    );
    // Listing QĐ and PQRS makes the project pass.
    let glossary =
        format!("{GLOSSARY}\n[[not_abbreviation]]\nwords = [\"QĐ\", \"PQRS\"]\nreason = \"thử\"\n");
    fs::write(p.path().join("content/_data/thuat-ngu.toml"), glossary).unwrap();
    let (o, _) = build(p.path());
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn first_use_of_each_abbreviation_is_expanded_on_every_page() {
    let p = project(&[
        (
            "content/giam-sat/thu.md",
            &page(
                "title = \"Điều 1\"\norder = 1\n",
                "## HIV trong tiêu đề\n\nXem [HIV](/giam-sat/) và `HIV`. Lần đầu HIV, rồi HIV.\n\nCổng thông tin BYT.\n",
            ),
        ),
        (
            "content/giam-sat/thu-2.md",
            &page(
                "title = \"Điều 2\"\norder = 2\n",
                "Trang khác: HIV lại được giải thích.\n",
            ),
        ),
    ]);
    let (o, out) = build(p.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let expanded = "<a class=\"sotay-abbr\" href=\"/giam-sat/#hiv\"><abbr title=\"Vi rút gây suy giảm miễn dịch ở người\">HIV</abbr></a>";
    let d1 = fs::read_to_string(out.join("giam-sat/thu/index.html")).unwrap();
    assert_eq!(d1.matches(expanded).count(), 1, "{d1}");
    // Not in the heading, the link or the code: the first use in plain text.
    assert!(
        d1.contains(&format!("Lần đầu {expanded}, rồi HIV.")),
        "{d1}"
    );
    assert!(d1.contains("<a href=\"/giam-sat/\">HIV</a>") && d1.contains("<code>HIV</code>"));
    assert!(d1.contains("href=\"/giam-sat/#byt\"><abbr title=\"Bộ Y tế\">BYT</abbr></a>"));
    let d2 = fs::read_to_string(out.join("giam-sat/thu-2/index.html")).unwrap();
    assert_eq!(d2.matches(expanded).count(), 1, "every page: {d2}");
    // The glossary page itself is not expanded.
    let g = fs::read_to_string(out.join("giam-sat/index.html")).unwrap();
    assert!(!g.contains("sotay-abbr"));
}

#[test]
fn expansion_links_are_checked_like_every_link() {
    // The glossary names a page that does not have the entry's anchor: the build says so.
    let p = project(&[(
        "content/giam-sat/thu.md",
        &page("title = \"Điều 1\"\norder = 1\n", "Giám sát HIV.\n"),
    )]);
    fs::write(
        p.path().join("content/_data/thuat-ngu.toml"),
        GLOSSARY.replace("page = \"/giam-sat/\"", "page = \"/giam-sat/dieu-1/\""),
    )
    .unwrap();
    let (o, _) = build(p.path());
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("content/giam-sat/thu.md:8:")
            && err.contains("\"/giam-sat/dieu-1/#hiv\"")
            && err.contains("missing anchor"),
        "{err}"
    );
}

#[test]
fn muc_phan_references_link_within_the_document_or_fail_at_their_line() {
    let part2 = "+++\ntitle = \"II. Tổ chức\"\norder = 1\n[source]\ndoc = \"tt09-2012\"\narticle = \"Phần II\"\n+++\n\
                 ## 2. Nhiệm vụ {#nhiem-vu}\n\n### 2.1. Nhiệm vụ của Nhóm {#nhiem-vu-nhom}\n\n## 5. Tiêu chuẩn {#tieu-chuan}\n\n\
                 Đáp ứng tiêu chí tại Mục 5, Phần II và Điểm 2.1, Mục 2, Phần II; [Mục 5, Phần II](#tieu-chuan).\n";
    let p = project(&[("content/giam-sat/thu.md", part2)]);
    let (o, out) = build(p.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let html = fs::read_to_string(out.join("giam-sat/thu/index.html")).unwrap();
    assert!(html.contains(
        "tại <a class=\"sotay-xref\" href=\"/giam-sat/thu/#tieu-chuan\">Mục 5, Phần II</a> và \
         <a class=\"sotay-xref\" href=\"/giam-sat/thu/#nhiem-vu-nhom\">Điểm 2.1, Mục 2, Phần II</a>;"
    ), "{html}");
    // A reference already written as a link is left alone.
    assert!(html.contains("<a href=\"#tieu-chuan\">Mục 5, Phần II</a>"));

    // From another page of the same document; one reference that does not exist.
    fs::write(
        p.path().join("content/giam-sat/thu-2.md"),
        page(
            "title = \"Điều 2\"\norder = 2\n",
            "Theo Mục 5, Phần II.\n\nTheo Mục 7, Phần II.\n",
        ),
    )
    .unwrap();
    let (o, _) = build(p.path());
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("content/giam-sat/thu-2.md:10:6: không tìm thấy “Mục 7, Phần II” trong văn bản tt09-2012"),
        "{err}"
    );
    assert!(!err.contains("Mục 5"), "{err}");

    // A numbered heading of a part without an explicit id cannot be a target.
    fs::write(
        p.path().join("content/giam-sat/thu-2.md"),
        "+++\ntitle = \"IV. Tổ chức thực hiện\"\norder = 2\n[source]\ndoc = \"tt09-2012\"\narticle = \"Phần IV\"\n+++\n## 1. Cục\n",
    )
    .unwrap();
    let (o, _) = build(p.path());
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains(
            "content/giam-sat/thu-2.md:8:1: tiêu đề đánh số “1. Cục” (Phần IV) cần id riêng"
        ),
        "{err}"
    );
}
