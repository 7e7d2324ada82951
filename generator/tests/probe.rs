//! The robustness probe (issue 13, "Tests and measures"): broken content inputs, output-folder
//! scenarios and preview-server requests, counted. It is a measurement, not part of the suite:
//!
//! ```sh
//! cargo test -p sotay --release --test probe -- --ignored --nocapture
//! ```
//!
//! Every case must end in a clear outcome: a build that succeeds, or one that fails with
//! messages naming a file; never a panic, a hang, a message without a file, or a lost file
//! (the previous output and every sentinel file must survive). The summary prints the counts.
#![cfg(unix)]
use std::collections::BTreeMap;
use std::fs;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

mod common;
use common::{Server, build_cmd, copy_dir, fixture};

const LIMIT: Duration = Duration::from_secs(30);

/// A named change to a fresh project (a file-system shape).
type Shape = (&'static str, Box<dyn Fn(&Path)>);
/// A named output folder, made under a base folder.
type OutScenario = (&'static str, Box<dyn Fn(&Path) -> PathBuf>);

#[derive(Default, Debug)]
struct Counts {
    tried: usize,
    built: usize,
    refused: usize,
    panics: usize,
    hangs: usize,
    unnamed_messages: usize,
    data_loss: usize,
    other_exit: usize,
    notes: Vec<String>,
}

impl Counts {
    fn failures(&self) -> usize {
        self.panics + self.hangs + self.unnamed_messages + self.data_loss + self.other_exit
    }
}

fn run(mut cmd: Command) -> Option<Output> {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return Some(child.wait_with_output().unwrap());
        }
        if start.elapsed() > LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir).min_depth(1) {
        let Ok(e) = e else { continue };
        if e.file_type().is_file() {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            out.insert(rel, fs::read(e.path()).unwrap_or_default());
        }
    }
    out
}

/// Judge one build: every stderr line that is a diagnostic must start with a path.
fn judge(c: &mut Counts, label: &str, out: Option<Output>) -> bool {
    c.tried += 1;
    let Some(o) = out else {
        c.hangs += 1;
        c.notes.push(format!("HANG {label}"));
        return false;
    };
    let err = String::from_utf8_lossy(&o.stderr);
    if err.contains("panicked") {
        c.panics += 1;
        c.notes.push(format!("PANIC {label}: {err}"));
    }
    match o.status.code() {
        Some(0) => c.built += 1,
        Some(1) => {
            c.refused += 1;
            for line in err.lines() {
                if line.starts_with("sotay: ") || line.trim().is_empty() {
                    continue;
                }
                let named = line
                    .split(": ")
                    .next()
                    .is_some_and(|p| p.contains('/') || p.contains('.') || p == "content");
                if !named {
                    c.unnamed_messages += 1;
                    c.notes.push(format!("UNNAMED {label}: {line}"));
                }
            }
        }
        other => {
            c.other_exit += 1;
            c.notes.push(format!("EXIT {other:?} {label}: {err}"));
        }
    }
    o.status.success()
}

// ---------------------------------------------------------------------------------------------

fn mutations(text: &str, seed: u64) -> Vec<(String, String)> {
    let half = {
        let mut i = text.len() / 2;
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let mut rnd = seed;
    let mut next = || {
        rnd = rnd
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (rnd >> 33) as usize
    };
    const CHARS: &[u8] = b" !\"#$%&'()*+,-./0123456789:;<=>?@[]^_`{|}~+=\n";
    let garbage: String = (0..40)
        .map(|_| CHARS[next() % CHARS.len()] as char)
        .collect();
    vec![
        ("truncated".into(), text[..half].to_string()),
        ("empty".into(), String::new()),
        ("garbage appended".into(), format!("{text}{garbage}")),
        ("garbage prepended".into(), format!("{garbage}{text}")),
        ("fences broken".into(), text.replace("+++", "++")),
        ("brackets unbalanced".into(), text.replacen('[', "[[", 1)),
        ("quotes unbalanced".into(), text.replacen('"', "", 1)),
        ("equals removed".into(), text.replacen(" = ", " ", 1)),
        (
            "braces".into(),
            format!("{text}\n{{{{ khong.co.gi }}}}\n{{% for %}}\n"),
        ),
        (
            "raw html".into(),
            format!("{text}\n<script>alert(1)</script>\n<iframe src=//x>\n"),
        ),
        (
            "broken link".into(),
            format!("{text}\n[x](/khong-co/#dau) [y](khong-co.md)\n"),
        ),
        ("bom and nul".into(), format!("\u{feff}{text}\u{0}")),
        (
            "long line".into(),
            format!("{text}\n{}\n", "á".repeat(200_000)),
        ),
        (
            "deep nesting".into(),
            format!("{text}\n{}\n", "> ".repeat(5_000)),
        ),
    ]
}

#[test]
#[ignore = "measurement: cargo test -p sotay --release --test probe -- --ignored --nocapture"]
fn probe_broken_inputs_output_folders_and_requests() {
    let mut content = Counts::default();
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("p");
    copy_dir(&fixture(), &root);
    let out = tmp.path().join("out");
    assert!(run(build_cmd(&root, &out)).unwrap().status.success());
    let good_out = tree(&out);
    let files: Vec<PathBuf> = walkdir::WalkDir::new(&root)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().to_path_buf())
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("md" | "toml" | "html")
            )
        })
        .collect();
    for (fi, f) in files.iter().enumerate() {
        let text = fs::read_to_string(f).unwrap();
        for (name, broken) in mutations(&text, fi as u64) {
            fs::write(f, &broken).unwrap();
            let label = format!("{} ({name})", f.strip_prefix(&root).unwrap().display());
            let ok = judge(&mut content, &label, run(build_cmd(&root, &out)));
            if !ok && tree(&out) != good_out {
                content.data_loss += 1;
                content
                    .notes
                    .push(format!("OUTPUT CHANGED by failed build {label}"));
            }
            fs::write(f, &text).unwrap();
            if ok {
                // Back to the good output for the next case.
                assert!(run(build_cmd(&root, &out)).unwrap().status.success());
            }
        }
        // Invalid UTF-8 in the middle.
        let mut bytes = text.clone().into_bytes();
        bytes.insert(bytes.len() / 2, 0xff);
        fs::write(f, &bytes).unwrap();
        let label = format!(
            "{} (invalid utf-8)",
            f.strip_prefix(&root).unwrap().display()
        );
        judge(&mut content, &label, run(build_cmd(&root, &out)));
        fs::write(f, &text).unwrap();
    }
    // File-system shapes in content/.
    let shapes: Vec<Shape> = vec![
        (
            "fifo page",
            Box::new(|r: &Path| {
                Command::new("mkfifo")
                    .arg(r.join("content/giam-sat/ong.md"))
                    .status()
                    .unwrap();
            }),
        ),
        (
            "fifo data",
            Box::new(|r: &Path| {
                Command::new("mkfifo")
                    .arg(r.join("content/_data/ong.toml"))
                    .status()
                    .unwrap();
            }),
        ),
        (
            "fifo template",
            Box::new(|r: &Path| {
                Command::new("mkfifo")
                    .arg(r.join("site/templates/ong.html"))
                    .status()
                    .unwrap();
            }),
        ),
        (
            "fifo nguon.toml",
            Box::new(|r: &Path| {
                fs::remove_file(r.join("content/_data/nguon.toml")).unwrap();
                Command::new("mkfifo")
                    .arg(r.join("content/_data/nguon.toml"))
                    .status()
                    .unwrap();
            }),
        ),
        (
            "cycle . x2",
            Box::new(|r: &Path| {
                symlink(".", r.join("content/_data/x")).unwrap();
                symlink(".", r.join("content/_data/y")).unwrap();
            }),
        ),
        (
            "cycle to root",
            Box::new(|r: &Path| symlink(r, r.join("content/giam-sat/vong")).unwrap()),
        ),
        (
            "cycle in site",
            Box::new(|r: &Path| symlink("..", r.join("site/css/len")).unwrap()),
        ),
        (
            "link /etc/passwd",
            Box::new(|r: &Path| symlink("/etc/passwd", r.join("content/giam-sat/p.md")).unwrap()),
        ),
        (
            "link /etc",
            Box::new(|r: &Path| symlink("/etc", r.join("site/static/etc")).unwrap()),
        ),
        (
            "dangling link",
            Box::new(|r: &Path| symlink("/khong/co", r.join("content/giam-sat/h.md")).unwrap()),
        ),
        (
            "link inside",
            Box::new(|r: &Path| {
                symlink(
                    r.join("content/giam-sat/dieu-1.md"),
                    r.join("content/giam-sat/dieu-9.md"),
                )
                .unwrap()
            }),
        ),
        (
            "folder as page",
            Box::new(|r: &Path| fs::create_dir(r.join("content/giam-sat/thu-muc.md")).unwrap()),
        ),
        (
            "static over page",
            Box::new(|r: &Path| fs::write(r.join("site/static/index.html"), "x").unwrap()),
        ),
        (
            "static over sw",
            Box::new(|r: &Path| fs::write(r.join("site/static/sw.js"), "x").unwrap()),
        ),
        (
            "non-utf8 name",
            Box::new(|r: &Path| {
                use std::os::unix::ffi::OsStrExt;
                fs::write(
                    r.join("content/giam-sat")
                        .join(std::ffi::OsStr::from_bytes(b"\xff.md")),
                    "x",
                )
                .unwrap();
            }),
        ),
    ];
    for (name, make) in &shapes {
        let r = tmp.path().join(format!("shape-{}", name.replace(' ', "-")));
        copy_dir(&fixture(), &r);
        make(&r);
        let o = tmp.path().join(format!("out-{}", name.replace(' ', "-")));
        judge(&mut content, name, run(build_cmd(&r, &o)));
    }

    // Output folders.
    let mut outs = Counts::default();
    let sentinel = "giữ lại";
    let scenarios: Vec<OutScenario> = vec![
        ("new", Box::new(|b: &Path| b.join("moi"))),
        ("new nested", Box::new(|b: &Path| b.join("a/b/c"))),
        (
            "empty",
            Box::new(|b: &Path| {
                fs::create_dir_all(b.join("rong")).unwrap();
                b.join("rong")
            }),
        ),
        (
            "foreign file",
            Box::new(move |b: &Path| {
                fs::create_dir_all(b.join("f")).unwrap();
                fs::write(b.join("f/x"), sentinel).unwrap();
                b.join("f")
            }),
        ),
        (
            "foreign dotfile",
            Box::new(move |b: &Path| {
                fs::create_dir_all(b.join("g")).unwrap();
                fs::write(b.join("g/.env"), sentinel).unwrap();
                b.join("g")
            }),
        ),
        (
            "foreign empty dir",
            Box::new(|b: &Path| {
                fs::create_dir_all(b.join("h/con")).unwrap();
                b.join("h")
            }),
        ),
        (
            "foreign symlink inside",
            Box::new(|b: &Path| {
                fs::create_dir_all(b.join("i")).unwrap();
                symlink("/etc", b.join("i/etc")).unwrap();
                b.join("i")
            }),
        ),
        (
            "link to foreign",
            Box::new(move |b: &Path| {
                fs::create_dir_all(b.join("www")).unwrap();
                fs::write(b.join("www/index.html"), sentinel).unwrap();
                symlink(b.join("www"), b.join("lk")).unwrap();
                b.join("lk")
            }),
        ),
        (
            "link to empty",
            Box::new(|b: &Path| {
                fs::create_dir_all(b.join("www2")).unwrap();
                symlink(b.join("www2"), b.join("lk2")).unwrap();
                b.join("lk2")
            }),
        ),
        (
            "link dangling",
            Box::new(|b: &Path| {
                symlink(b.join("khong"), b.join("lk3")).unwrap();
                b.join("lk3")
            }),
        ),
        (
            "link to file",
            Box::new(move |b: &Path| {
                fs::write(b.join("tep"), sentinel).unwrap();
                symlink(b.join("tep"), b.join("lk4")).unwrap();
                b.join("lk4")
            }),
        ),
        (
            "a file",
            Box::new(move |b: &Path| {
                fs::write(b.join("tep2"), sentinel).unwrap();
                b.join("tep2")
            }),
        ),
        ("the project", Box::new(|b: &Path| b.join("p"))),
        ("project parent", Box::new(|b: &Path| b.to_path_buf())),
        ("content/", Box::new(|b: &Path| b.join("p/content"))),
        (
            "content/sub",
            Box::new(|b: &Path| b.join("p/content/giam-sat/out")),
        ),
        ("site/", Box::new(|b: &Path| b.join("p/site"))),
        (
            "p/.git",
            Box::new(move |b: &Path| {
                fs::create_dir_all(b.join("p/.git")).unwrap();
                fs::write(b.join("p/.git/HEAD"), sentinel).unwrap();
                b.join("p/.git")
            }),
        ),
        (
            "p/docs",
            Box::new(move |b: &Path| {
                fs::create_dir_all(b.join("p/docs")).unwrap();
                fs::write(b.join("p/docs/a.md"), sentinel).unwrap();
                b.join("p/docs")
            }),
        ),
        (
            "fake manifest header only",
            Box::new(move |b: &Path| {
                fs::create_dir_all(b.join("fm")).unwrap();
                fs::write(b.join("fm/.sotay-manifest"), "# sotay manifest v1\n").unwrap();
                fs::write(b.join("fm/x"), sentinel).unwrap();
                b.join("fm")
            }),
        ),
        (
            "bad manifest",
            Box::new(move |b: &Path| {
                fs::create_dir_all(b.join("bm")).unwrap();
                fs::write(b.join("bm/.sotay-manifest"), "rác").unwrap();
                fs::write(b.join("bm/x"), sentinel).unwrap();
                b.join("bm")
            }),
        ),
        (
            "fake legacy sw",
            Box::new(move |b: &Path| {
                fs::create_dir_all(b.join("sw")).unwrap();
                fs::write(b.join("sw/sw.js"), "/* Sổ tay service worker, generated by `sotay build` */\nconst PRECACHE = [\"/\"];\n").unwrap();
                fs::write(b.join("sw/user.txt"), sentinel).unwrap();
                b.join("sw")
            }),
        ),
        ("dot", Box::new(|_b: &Path| PathBuf::from("."))),
        ("slash", Box::new(|_b: &Path| PathBuf::from("/"))),
    ];
    for (i, (name, make)) in scenarios.iter().enumerate() {
        let base = tmp.path().join(format!("o{i}"));
        fs::create_dir_all(&base).unwrap();
        copy_dir(&fixture(), &base.join("p"));
        let out = make(&base);
        let before: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(&base)
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .filter(|e| fs::read(e.path()).is_ok_and(|b| b == sentinel.as_bytes()))
            .map(|e| (e.path().to_path_buf(), sentinel.as_bytes().to_vec()))
            .collect();
        let project_before = tree(&base.join("p"));
        let mut cmd = build_cmd(&base.join("p"), &out);
        cmd.current_dir(&base);
        judge(&mut outs, name, run(cmd));
        let lost = before
            .iter()
            .filter(|(p, b)| fs::read(p).ok().as_ref() != Some(b))
            .count();
        let project_after = tree(&base.join("p"));
        let project_lost = project_before
            .iter()
            .filter(|(k, v)| project_after.get(*k) != Some(v))
            .count();
        if lost + project_lost > 0 {
            outs.data_loss += 1;
            outs.notes.push(format!(
                "DATA LOSS {name}: {lost} sentinels, {project_lost} project files"
            ));
        }
        // A second build (what serve does on every change) must behave the same.
        let mut cmd = build_cmd(&base.join("p"), &out);
        cmd.current_dir(&base);
        judge(&mut outs, &format!("{name} (again)"), run(cmd));
        if before
            .iter()
            .any(|(p, b)| fs::read(p).ok().as_ref() != Some(b))
        {
            outs.data_loss += 1;
            outs.notes
                .push(format!("DATA LOSS {name} on the second build"));
        }
    }

    // Preview-server requests.
    let mut http = Counts::default();
    let sroot = tmp.path().join("srv");
    copy_dir(&fixture(), &sroot);
    let secret = tmp.path().join("bi-mat.txt");
    fs::write(&secret, "BI-MAT").unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(env!("CARGO_BIN_EXE_sotay"))
        .args(["serve", "--no-wasm", "--port", &port.to_string(), "--root"])
        .arg(&sroot)
        .arg("--out")
        .arg(tmp.path().join("srv-out"))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut server = Server(child);
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(start.elapsed() < LIMIT);
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(300));
    let paths = [
        "/",
        "/giam-sat",
        "/giam-sat/",
        "/giam-sat?x=1",
        "//giam-sat",
        "///giam-sat?a=//b",
        "/../bi-mat.txt",
        "/%2e%2e/bi-mat.txt",
        "/..%2fbi-mat.txt",
        "/%2e%2e%2fbi-mat.txt",
        "/giam-sat/%00",
        "/%ff",
        "/%",
        "/%zz",
        "/a\\..\\b",
        "/index.html?%",
        "/sw.js",
        "/.sotay-manifest",
        "/assets/",
        "/assets",
        "/x#y",
        "/?",
    ];
    let heads = [
        "GET {p} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "HEAD {p} HTTP/1.1\r\nConnection: close\r\n\r\n",
        "GET {p} HTTP/1.0\r\n\r\n",
        "POST {p} HTTP/1.1\r\nContent-Length: 4\r\nConnection: close\r\n\r\nabcd",
        "GET {p} HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
        "GET {p} HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        "GET {p} HTTP/9.9\r\n\r\n",
        "GET {p}\r\n\r\n",
        "G\0T {p} HTTP/1.1\r\n\r\n",
        "GET {p} HTTP/1.1\r\nX: \u{1}\u{7f}\r\nConnection: close\r\n\r\n",
    ];
    let mut statuses: BTreeMap<String, usize> = BTreeMap::new();
    for round in 0..250 {
        for p in &paths {
            for h in &heads {
                http.tried += 1;
                let raw = h.replace("{p}", p);
                let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) else {
                    http.other_exit += 1;
                    http.notes.push(format!("SERVER DOWN after {raw:?}"));
                    break;
                };
                s.set_read_timeout(Some(Duration::from_secs(15))).unwrap();
                let _ = s.write_all(raw.as_bytes());
                let mut resp = Vec::new();
                let r = s.read_to_end(&mut resp);
                let text = String::from_utf8_lossy(&resp);
                if r.is_err() && resp.is_empty() {
                    http.hangs += 1;
                    if http.hangs < 5 {
                        http.notes.push(format!("NO ANSWER {raw:?}"));
                    }
                }
                let status = text.split(' ').nth(1).unwrap_or("-").to_string();
                if round == 0 {
                    *statuses.entry(status.clone()).or_default() += 1;
                }
                if text.contains("BI-MAT") {
                    http.data_loss += 1;
                    http.notes.push(format!("LEAK {raw:?}"));
                }
                if let Some(loc) = text
                    .lines()
                    .find(|l| l.to_ascii_lowercase().starts_with("location:"))
                    && loc[9..].trim().starts_with("//")
                {
                    http.other_exit += 1;
                    http.notes
                        .push(format!("OFF-SITE REDIRECT {raw:?} → {loc}"));
                }
                if status.starts_with('5') {
                    http.other_exit += 1;
                    http.notes.push(format!("5xx {raw:?}"));
                }
            }
        }
    }
    let _ = server.0.kill();
    let mut err = String::new();
    if let Some(mut e) = server.0.stderr.take() {
        let _ = e.read_to_string(&mut err);
    }
    if err.contains("panicked") {
        http.panics += 1;
        http.notes.push(format!("SERVER PANIC: {err}"));
    }

    for (name, c) in [
        ("content inputs", &content),
        ("output folders", &outs),
        ("preview-server requests", &http),
    ] {
        println!(
            "{name}: {} tried, {} built, {} refused with a message; failures {} (panics {}, hangs {}, \
             unnamed messages {}, data loss {}, other {})",
            c.tried,
            c.built,
            c.refused,
            c.failures(),
            c.panics,
            c.hangs,
            c.unnamed_messages,
            c.data_loss,
            c.other_exit
        );
        for n in c.notes.iter().take(20) {
            println!("  {n}");
        }
    }
    println!("first round of requests, by status: {statuses:?}");
    assert_eq!(content.failures() + outs.failures() + http.failures(), 0);
}
