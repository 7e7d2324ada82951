//! Snapshot tests (insta): the output that matters, locked so that a refactor cannot change it
//! unseen. A change shows as a diff to review; accept an intended one with
//! `INSTA_UPDATE=always cargo test -p sotay --test snapshots` (or `cargo insta review`) and
//! commit the `.snap` files with the change.
//!
//! - every data block of the real handbook, by kind (`blocks__<kind>.snap`);
//! - the whole fixture site, every file (`fixture_site.snap`);
//! - every `sotay calc` output format (`calc__<case>.snap`);
//! - the content loader's error messages with their file:line (`loader_errors.snap`).
//!
//! Builds run with `SOURCE_DATE_EPOCH` (2026-12-01 00:00 UTC), so dates in the output are fixed.
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

mod common;
use common::{project, read, workspace};

const EPOCH: &str = "1764547200";

fn sotay(args: &[&str], stdin: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_sotay"))
        .args(args)
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn build(root: &Path, out: &Path) -> Output {
    sotay(
        &[
            "build",
            "--no-wasm",
            "--root",
            root.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        "",
    )
}

/// Every file under `dir`, sorted: text files whole, others as size and hash.
fn dump(dir: &Path) -> String {
    let mut files = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir).min_depth(1) {
        let e = e.unwrap();
        if !e.file_type().is_file() {
            continue;
        }
        let rel = e
            .path()
            .strip_prefix(dir)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let bytes = fs::read(e.path()).unwrap();
        let shown = match String::from_utf8(bytes.clone()) {
            Ok(t) if !rel.ends_with(".png") => t,
            _ => format!(
                "({} bytes, blake3 {})",
                bytes.len(),
                &blake3::hash(&bytes).to_hex()[..16]
            ),
        };
        files.insert(rel, shown);
    }
    files
        .into_iter()
        .map(|(rel, text)| format!("===== {rel}\n{text}\n"))
        .collect()
}

#[test]
fn fixture_site() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let o = build(&common::fixture(), &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    insta::assert_snapshot!(dump(&out));
}

/// The outer HTML of every top-level `.sotay-block` element of `html`.
fn blocks_of(html: &str) -> Vec<(String, String)> {
    use html5gum::{DefaultEmitter, Token, Tokenizer};
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    let mut out = Vec::new();
    let mut open: Option<(String, String, usize, usize)> = None; // kind, tag, start, depth
    for t in Tokenizer::new_with_emitter(html, emitter) {
        let Ok(t) = t;
        match t {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).into_owned();
                if let Some((_, n, _, depth)) = open.as_mut() {
                    if *n == name && !tag.self_closing {
                        *depth += 1;
                    }
                    continue;
                }
                let class = tag
                    .attributes
                    .iter()
                    .find(|(k, _)| k.as_slice() == b"class")
                    .map(|(_, v)| String::from_utf8_lossy(&v.value).into_owned())
                    .unwrap_or_default();
                let classes: Vec<&str> = class.split_ascii_whitespace().collect();
                if classes.contains(&"sotay-block") {
                    let kind = classes
                        .iter()
                        .rev()
                        .find(|c| c.starts_with("sotay-") && **c != "sotay-block")
                        .map(|c| c.trim_start_matches("sotay-").to_string())
                        .unwrap_or_else(|| "table".into());
                    open = Some((kind, name, tag.span.start, 1));
                }
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).into_owned();
                if let Some((kind, n, start, depth)) = open.as_mut()
                    && *n == name
                {
                    *depth -= 1;
                    if *depth == 0 {
                        out.push((kind.clone(), html[*start..tag.span.end].to_string()));
                        open = None;
                    }
                }
            }
            _ => {}
        }
    }
    out
}

#[test]
fn every_block_of_the_handbook_by_kind() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let o = build(&workspace(), &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut by_kind: BTreeMap<String, String> = BTreeMap::new();
    let mut pages: Vec<_> = walkdir::WalkDir::new(&out)
        .into_iter()
        .flatten()
        .filter(|e| e.file_name() == "index.html")
        // The print pages (/in/) repeat the pages' blocks (tests/tests/print.rs).
        .filter(|e| !e.path().starts_with(out.join("in")))
        .map(|e| e.path().to_path_buf())
        .collect();
    pages.sort();
    for p in pages {
        let url = format!(
            "/{}",
            p.parent()
                .unwrap()
                .strip_prefix(&out)
                .unwrap()
                .to_string_lossy()
        );
        for (kind, html) in blocks_of(&read(p.clone())) {
            by_kind
                .entry(kind)
                .or_default()
                .push_str(&format!("===== {url}\n{html}\n"));
        }
    }
    // Every kind the handbook uses (a kind missing here is a kind nobody renders any more).
    let kinds: Vec<&str> = by_kind.keys().map(String::as_str).collect();
    for want in [
        "roles",
        "chart",
        "criteria",
        "procedure",
        "twg",
        "timeline",
        "engine-table",
        "yearchart",
        "glossary",
        "sti-tests",
    ] {
        assert!(
            kinds
                .iter()
                .any(|k| k.starts_with(want) || k.ends_with(want)),
            "no {want} block in {kinds:?}"
        );
    }
    for (kind, text) in by_kind {
        insta::assert_snapshot!(format!("blocks__{kind}"), text);
    }
}

#[test]
fn every_calc_output_format() {
    let plan = r#"{"group":"idu","sample_size":250,"seed":7,"districts":[
        {"name":"Ba Đình","estimate":1000,"sites":[{"name":"Phúc Xá","estimate":30},{"name":"Trúc Bạch","estimate":20},{"name":"Vĩnh Phúc","estimate":50}]},
        {"name":"Hoàn Kiếm","estimate":600,"sites":[{"name":"Hàng Bạc","estimate":40},{"name":"Hàng Bồ","estimate":25}]}]}"#;
    let cases: &[(&str, &[&str], &str)] = &[
        ("allocate_json", &["calc", "allocate"], plan),
        (
            "allocate_text",
            &["calc", "allocate", "--format", "text"],
            plan,
        ),
        (
            "allocate_error",
            &["calc", "allocate"],
            r#"{"group":"idu","sample_size":-5,"districts":[]}"#,
        ),
        (
            "deadlines_json",
            &["calc", "deadlines", "--year", "2025", "--unit", "hiv_tinh"],
            "",
        ),
        (
            "deadlines_text",
            &["calc", "deadlines", "--year", "2026", "--format", "text"],
            "",
        ),
        (
            "deadlines_ics",
            &[
                "calc",
                "deadlines",
                "--year",
                "2025",
                "--unit",
                "hiv_tinh",
                "--format",
                "ics",
            ],
            "",
        ),
        (
            "deadlines_refused",
            &[
                "calc",
                "deadlines",
                "--year",
                "2025",
                "--rules",
                "tt07-2023",
            ],
            "",
        ),
        (
            "deadlines_tt07_quarter_text",
            &[
                "calc",
                "deadlines",
                "--year",
                "2026",
                "--rules",
                "tt07-2023",
                "--period",
                "quy",
                "--unit",
                "tinh",
                "--format",
                "text",
            ],
            "",
        ),
        (
            "next_text",
            &[
                "calc",
                "next",
                "--from",
                "2025-10-01",
                "--limit",
                "5",
                "--format",
                "text",
            ],
            "",
        ),
        (
            "steps_json",
            &["calc", "steps", "--received", "2025-04-25", "--chain"],
            "",
        ),
        (
            "steps_text",
            &[
                "calc",
                "steps",
                "--received",
                "2023-05-25",
                "--format",
                "text",
            ],
            "",
        ),
        (
            "workdays_json",
            &["calc", "workdays", "--from", "2025-01-24", "--add", "1"],
            "",
        ),
        (
            "calendar_text",
            &["calc", "calendar", "--year", "2026", "--format", "text"],
            "",
        ),
        ("calendar_json", &["calc", "calendar", "--year", "2019"], ""),
        (
            "year_out_of_range",
            &["calc", "calendar", "--year", "1901"],
            "",
        ),
    ];
    for (name, args, stdin) in cases {
        let o = sotay(args, stdin);
        let text = format!(
            "$ sotay {}\nexit {}\n----- stdout\n{}\n----- stderr\n{}",
            args.join(" "),
            o.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&o.stdout).replace("\r\n", "⏎\n"),
            String::from_utf8_lossy(&o.stderr)
        );
        insta::assert_snapshot!(format!("calc__{name}"), text);
    }
}

/// Each broken input and what the loader says, with its file:line:column.
#[test]
fn loader_errors() {
    type Edit = fn(&Path);
    fn write(root: &Path, rel: &str, text: &str) {
        let p = root.join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }
    fn append(root: &Path, rel: &str, text: &str) {
        let p = root.join(rel);
        let t = fs::read_to_string(&p).unwrap();
        fs::write(p, format!("{t}{text}")).unwrap();
    }
    let cases: &[(&str, Edit)] = &[
        ("broken link", |r| {
            append(r, "content/giam-sat/dieu-1.md", "\n[x](/khong-co/)\n")
        }),
        ("broken anchor", |r| {
            append(
                r,
                "content/giam-sat/dieu-1.md",
                "\n[x](/giam-sat/dieu-2/#khong-co)\n",
            )
        }),
        ("broken .md link", |r| {
            append(r, "content/giam-sat/dieu-1.md", "\n[x](khong-co.md)\n")
        }),
        ("missing image", |r| {
            append(
                r,
                "content/giam-sat/dieu-1.md",
                "\n![a](/img/khong-co.png)\n",
            )
        }),
        ("unknown front-matter key", |r| {
            write(
                r,
                "content/giam-sat/dieu-3.md",
                "+++\ntitle = \"Điều 3\"\ntitel = \"x\"\n+++\n",
            )
        }),
        ("unclosed front matter", |r| {
            write(r, "content/giam-sat/dieu-3.md", "+++\ntitle = \"Điều 3\"\n")
        }),
        ("bad TOML", |r| {
            write(
                r,
                "content/giam-sat/dieu-3.md",
                "+++\ntitle = \"Điều 3\n+++\n",
            )
        }),
        ("missing source", |r| {
            write(
                r,
                "content/giam-sat/dieu-3.md",
                "+++\ntitle = \"Điều 3\"\n+++\nVăn bản.\n",
            )
        }),
        ("unknown doc", |r| {
            write(
                r,
                "content/giam-sat/dieu-3.md",
                "+++\ntitle = \"Điều 3\"\n[source]\ndoc = \"khong-co\"\narticle = \"Điều 3\"\n+++\nx\n",
            )
        }),
        ("file name not a slug", |r| {
            write(r, "content/giam-sat/Điều 3.md", "+++\ntitle = \"x\"\n+++\n")
        }),
        ("folder without _index.md", |r| {
            write(r, "content/moi/a.md", "+++\ntitle = \"a\"\n+++\n")
        }),
        ("duplicate URL", |r| {
            write(
                r,
                "content/giam-sat/dieu-3.md",
                "+++\ntitle = \"Điều 3\"\nslug = \"dieu-1\"\n[source]\ndoc = \"tt09-2012\"\narticle = \"Điều 3\"\n+++\n",
            )
        }),
        ("duplicate heading id", |r| {
            append(
                r,
                "content/giam-sat/dieu-2.md",
                "\n## A {#x}\n\n## B {#x}\n",
            )
        }),
        ("invalid UTF-8", |r| {
            fs::write(
                r.join("content/giam-sat/dieu-3.md"),
                b"+++\ntitle = \"\xff\"\n+++\n",
            )
            .unwrap()
        }),
        ("unknown block", |r| {
            append(
                r,
                "content/giam-sat/dieu-1.md",
                "\n```sotay\nblock = \"khong-co\"\n```\n",
            )
        }),
        ("block without data file", |r| {
            append(
                r,
                "content/giam-sat/dieu-1.md",
                "\n```sotay\nblock = \"roles\"\ndata = \"khong-co\"\n```\n",
            )
        }),
        ("raw HTML outside the policy", |r| {
            append(
                r,
                "content/giam-sat/dieu-1.md",
                "\n<iframe src=\"https://x.example\"></iframe>\n",
            )
        }),
        ("template syntax error", |r| {
            append(r, "site/templates/page.html", "{% if %}")
        }),
        ("unknown asset", |r| {
            append(r, "site/templates/page.html", "{{ asset('khong-co.css') }}")
        }),
        ("static over a page", |r| {
            write(r, "site/static/giam-sat/index.html", "x")
        }),
        ("bad sotay.toml", |r| write(r, "sotay.toml", "title = 1\n")),
    ];
    let mut report = String::new();
    for (name, edit) in cases {
        let p = project();
        edit(p.path());
        let o = build(p.path(), &p.path().join("public"));
        assert!(!o.status.success(), "{name}: built");
        report.push_str(&format!(
            "===== {name} (exit {})\n{}\n",
            o.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&o.stderr).trim_end()
        ));
    }
    insta::assert_snapshot!(report);
}
