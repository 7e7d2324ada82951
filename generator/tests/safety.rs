//! The generator never deletes what it did not write, never hangs, and a data-only change
//! reaches offline readers (issue 13). Every data-loss test runs against real folders in a
//! temporary directory with a sentinel file that must survive.
#![cfg(unix)]
use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Output, Stdio};
use std::time::{Duration, Instant};

mod common;
use common::{Server, build, build_cmd, get, project, read, stderr, workspace};

const SENTINEL: &str = "dữ liệu của người dùng — không được xoá";

fn sentinel(dir: &Path, name: &str) -> PathBuf {
    let p = dir.join(name);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(&p, SENTINEL).unwrap();
    p
}

fn assert_sentinel(p: &Path) {
    assert_eq!(
        fs::read_to_string(p).unwrap_or_else(|e| panic!("{} was deleted: {e}", p.display())),
        SENTINEL
    );
}

/// Every file under `dir` with its bytes (links not followed).
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(base: &Path, d: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        let Ok(rd) = fs::read_dir(d) else { return };
        for e in rd.flatten() {
            let p = e.path();
            let rel = p.strip_prefix(base).unwrap().to_string_lossy().into_owned();
            if e.file_type().unwrap().is_dir() {
                walk(base, &p, out);
            } else {
                out.insert(rel, fs::read(&p).unwrap_or_default());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// Names next to `out` that a build leaves while working (`.public.tmp-PID`, `.public.old-PID`).
fn leftovers(out: &Path) -> Vec<String> {
    let name = out.file_name().unwrap().to_string_lossy().into_owned();
    let mut v: Vec<String> = fs::read_dir(out.parent().unwrap())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| {
            n.starts_with(&format!(".{name}.tmp-")) || n.starts_with(&format!(".{name}.old-"))
        })
        .collect();
    v.sort();
    v
}

/// Run `cmd`, killing it and failing the test if it takes longer than `limit` (a hang).
fn run_with_limit(mut cmd: Command, limit: Duration) -> Output {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            panic!(
                "the build hung (killed after {limit:?}); stderr so far:\n{}",
                stderr(&out)
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

const LIMIT: Duration = Duration::from_secs(60);

// ---------------------------------------------------------------------------------------------
// 1. A symlinked output folder
// ---------------------------------------------------------------------------------------------

#[test]
fn symlinked_output_folder_is_built_through_and_never_emptied() {
    let p = project();
    let tmp = tempfile::tempdir().unwrap();
    let deploy = tmp.path().join("var/www/html");
    fs::create_dir_all(&deploy).unwrap();
    let link = tmp.path().join("public");
    symlink(&deploy, &link).unwrap();

    // A deploy folder with a file of its own: refused, the file and the link stay.
    let theirs = sentinel(&deploy, "index.nginx-debian.html");
    let o = build(p.path(), &link);
    assert!(!o.status.success(), "built over a foreign file");
    let err = stderr(&o);
    assert!(err.contains("index.nginx-debian.html"), "{err}");
    assert!(
        err.contains(&deploy.display().to_string()),
        "names the link's target: {err}"
    );
    assert!(err.contains("sotay không xoá tệp mà nó không ghi"), "{err}");
    assert_sentinel(&theirs);
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );

    // Moved away, the build goes through the link into its target; the link stays a link, and
    // rebuilding (what `sotay serve` does on every change) keeps it so.
    fs::remove_file(&theirs).unwrap();
    for _ in 0..3 {
        let o = build(p.path(), &link);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert!(deploy.join("giam-sat/dieu-1/index.html").is_file());
        assert!(deploy.join(".sotay-manifest").is_file());
    }
    // A file added by hand later (a CNAME) is never deleted.
    let cname = sentinel(&deploy, "CNAME");
    let o = build(p.path(), &link);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("CNAME"), "{}", stderr(&o));
    assert_sentinel(&cname);
    assert!(
        deploy.join("giam-sat/dieu-1/index.html").is_file(),
        "previous output kept"
    );
}

// ---------------------------------------------------------------------------------------------
// 2. Output folders holding files sotay did not write
// ---------------------------------------------------------------------------------------------

#[test]
fn output_folders_with_files_sotay_did_not_write_are_refused() {
    let p = project();
    for name in [".git", "docs", "tests", "scripts"] {
        let dir = p.path().join(name);
        let file = sentinel(&dir, "giu-lai.txt");
        let o = build(p.path(), &dir);
        assert!(!o.status.success(), "--out {name} exit 0");
        let err = stderr(&o);
        assert!(
            err.contains(&format!("{}: thư mục ra", dir.display())),
            "{err}"
        );
        assert!(err.contains("giu-lai.txt"), "{err}");
        assert!(
            err.contains("chọn --out một thư mục trống"),
            "says what to do: {err}"
        );
        assert_sentinel(&file);
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 1, "{name} changed");
    }
    // A new or empty folder is fine.
    let empty = p.path().join("moi");
    fs::create_dir(&empty).unwrap();
    let o = build(p.path(), &empty);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = build(p.path(), &p.path().join("chua-co/ben-trong"));
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn a_file_added_to_a_built_folder_survives_the_next_build() {
    let p = project();
    let out = p.path().join("public");
    assert!(build(p.path(), &out).status.success());
    let mine = sentinel(&out, "giam-sat/ghi-chu-cua-toi.txt");
    let o = build(p.path(), &out);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("giam-sat/ghi-chu-cua-toi.txt"),
        "{}",
        stderr(&o)
    );
    assert_sentinel(&mine);
    // A folder of the user's own inside the output is refused the same way.
    fs::remove_file(&mine).unwrap();
    fs::create_dir(out.join("anh-rieng")).unwrap();
    let o = build(p.path(), &out);
    assert!(!o.status.success());
    assert!(out.join("anh-rieng").is_dir());
}

/// Output folders written by sotay before the manifest existed keep working: their service
/// worker lists what they wrote.
#[test]
fn an_output_folder_from_before_the_manifest_keeps_working() {
    let p = project();
    let out = p.path().join("public");
    assert!(build(p.path(), &out).status.success());
    fs::remove_file(out.join(".sotay-manifest")).unwrap();
    let o = build(p.path(), &out);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.join(".sotay-manifest").is_file());
    // …but a foreign file in such a folder is still refused.
    fs::remove_file(out.join(".sotay-manifest")).unwrap();
    let theirs = sentinel(&out, "cua-toi.txt");
    let o = build(p.path(), &out);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("cua-toi.txt"), "{}", stderr(&o));
    assert_sentinel(&theirs);
}

// ---------------------------------------------------------------------------------------------
// 3. Interrupted builds (fault injection)
// ---------------------------------------------------------------------------------------------

/// A project big enough that a build takes a while: the fixture plus `n` generated pages.
fn big_project(n: usize) -> tempfile::TempDir {
    let p = project();
    let dir = p.path().join("content/giam-sat/nhieu");
    fs::create_dir_all(&dir).unwrap();
    fs::write(
        dir.join("_index.md"),
        "+++\ntitle = \"Nhiều trang\"\n[source]\ndoc = \"tt09-2012\"\narticle = \"Điều 1\"\n+++\nCác trang sinh ra.\n",
    )
    .unwrap();
    let body = "Giám sát trọng điểm là hoạt động thu thập thông tin có hệ thống. ".repeat(40);
    for i in 0..n {
        fs::write(
            dir.join(format!("trang-{i}.md")),
            format!(
                "+++\ntitle = \"Trang {i}\"\norder = {i}\n[source]\ndoc = \"tt09-2012\"\narticle = \"Điều {i}\"\n+++\n\n## Mục {i}\n\n{body}\n"
            ),
        )
        .unwrap();
    }
    p
}

fn pid_kill(pid: u32, signal: &str) {
    let ok = Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(pid.to_string())
        .status()
        .unwrap();
    assert!(ok.success());
}

/// Kill builds at pseudo-random points (a fixed seed, so a failure repeats): the output stays
/// byte-identical to one complete build (the old one, or the new one once the swap is done),
/// and the next build removes every staging folder the killed ones left.
#[test]
fn builds_killed_at_random_points_leave_the_old_output_and_nothing_behind() {
    let p = big_project(1500);
    let out = p.path().join("public");
    let o = build(p.path(), &out);
    assert!(o.status.success(), "{}", stderr(&o));
    let old = tree(&out);
    // Time a build to spread the kills over it.
    let started = Instant::now();
    assert!(build(p.path(), &out).status.success());
    let took = started.elapsed();
    // The next builds differ from the first (one page changes), so a half swap would show.
    let page = p.path().join("content/giam-sat/dieu-1.md");
    let text = read(page.clone());
    fs::write(&page, format!("{text}\nBản dựng mới.\n")).unwrap();
    let mut seed: u64 = 0x5eed_1234;
    let mut killed_mid_build = 0;
    for round in 0..12 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let delay = took.mul_f64(((seed >> 33) % 1000) as f64 / 1000.0);
        let mut child = build_cmd(p.path(), &out)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL: no cleanup can run
        let status = child.wait().unwrap();
        let now = tree(&out);
        if status.success() {
            // Finished before the kill: the new build, whole.
            assert_ne!(now, old, "round {round}");
            assert!(
                now.values()
                    .any(|b| String::from_utf8_lossy(b).contains("Bản dựng mới."))
            );
        } else if now != old {
            // Killed after the swap (while removing the old copy): the new build, whole.
            assert!(
                now.values()
                    .any(|b| String::from_utf8_lossy(b).contains("Bản dựng mới.")),
                "round {round}: the output is neither the old nor the new build"
            );
            assert_eq!(now.len(), old.len(), "round {round}: files missing");
        }
        if !leftovers(&out).is_empty() {
            killed_mid_build += 1;
        }
        // Back to the old build for the next round.
        if now != old {
            fs::write(&page, &text).unwrap();
            assert!(build(p.path(), &out).status.success());
            assert_eq!(tree(&out), old);
            fs::write(&page, format!("{text}\nBản dựng mới.\n")).unwrap();
        }
    }
    assert!(
        killed_mid_build > 0,
        "no kill landed inside a build; the test proves nothing"
    );
    // The next build cleans up after every dead one.
    let o = build(p.path(), &out);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(leftovers(&out), Vec::<String>::new());
    assert!(
        tree(&out)
            .values()
            .any(|b| String::from_utf8_lossy(b).contains("Bản dựng mới."))
    );
}

/// Ctrl+C (SIGINT) and SIGTERM remove the build's own staging folder at once.
#[test]
fn an_interrupted_build_removes_its_own_staging_folder() {
    let p = big_project(1500);
    let out = p.path().join("public");
    assert!(build(p.path(), &out).status.success());
    let old = tree(&out);
    for signal in ["INT", "TERM"] {
        // On a loaded machine the build may end between seeing its staging folder and the
        // signal: then try again (a few times), the assertion is about an interrupted build.
        let mut interrupted = false;
        for _ in 0..5 {
            let mut child = build_cmd(p.path(), &out)
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            let start = Instant::now();
            let mut finished = false;
            while leftovers(&out).is_empty() {
                assert!(start.elapsed() < LIMIT, "no staging folder appeared");
                if child.try_wait().unwrap().is_some() {
                    finished = true;
                    break;
                }
                std::thread::sleep(Duration::from_millis(2));
            }
            if !finished {
                pid_kill(child.id(), signal);
            }
            let status: ExitStatus = child.wait().unwrap();
            if status.success() {
                continue; // finished before the signal
            }
            assert_eq!(status.code(), Some(130), "SIG{signal}");
            interrupted = true;
            break;
        }
        assert!(interrupted, "SIG{signal}: no build could be interrupted");
        assert_eq!(leftovers(&out), Vec::<String>::new(), "SIG{signal}");
        assert_eq!(tree(&out), old, "SIG{signal}");
    }
}

// ---------------------------------------------------------------------------------------------
// 4. A data-only change reaches offline readers
// ---------------------------------------------------------------------------------------------

#[test]
fn a_data_only_change_gives_a_new_service_worker_and_build_id() {
    let p = project();
    let out = p.path().join("public");
    assert!(build(p.path(), &out).status.success());
    let sw1 = read(out.join("sw.js"));
    let page1 = read(out.join("giam-sat/index.html"));
    let notices = p.path().join("content/_data/thong-bao.toml");
    let t = read(notices.clone());
    fs::write(
        &notices,
        t.replace("đã được thay thế bởi", "đã được thay thế từ 01/06/2023 bởi"),
    )
    .unwrap();
    assert!(build(p.path(), &out).status.success());
    let sw2 = read(out.join("sw.js"));
    assert_ne!(sw1, sw2, "a notice change must give a new sw.js");
    let id = |html: &str| {
        let i = html.find("data-build=\"").expect("build id in the page") + 12;
        html[i..i + 12].to_string()
    };
    let page2 = read(out.join("giam-sat/index.html"));
    assert_ne!(id(&page1), id(&page2), "the build id hashes the data too");
    // sotay.toml alone, too.
    fs::write(
        p.path().join("sotay.toml"),
        "base_url = \"https://so-tay.example\"\n",
    )
    .unwrap();
    assert!(build(p.path(), &out).status.success());
    assert_ne!(read(out.join("sw.js")), sw2);
}

// ---------------------------------------------------------------------------------------------
// 5. Links, cycles, FIFOs, runaway templates
// ---------------------------------------------------------------------------------------------

#[test]
fn symlink_cycles_under_data_fail_at_once_with_a_message() {
    let p = project();
    symlink(".", p.path().join("content/_data/x")).unwrap();
    symlink(".", p.path().join("content/_data/y")).unwrap();
    let o = run_with_limit(build_cmd(p.path(), &p.path().join("public")), LIMIT);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("content/_data/x: vòng liên kết"), "{err}");
    assert!(err.contains("content/_data/y: vòng liên kết"), "{err}");
}

#[test]
fn a_fifo_in_content_is_skipped_with_a_warning_not_a_hang() {
    let p = project();
    let fifo = p.path().join("content/giam-sat/ong.md");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let fifo2 = p.path().join("site/static/ong.txt");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo2)
            .status()
            .unwrap()
            .success()
    );
    let o = run_with_limit(build_cmd(p.path(), &p.path().join("public")), LIMIT);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("content/giam-sat/ong.md: cảnh báo: không phải tệp thường"),
        "{err}"
    );
    assert!(
        err.contains("site/static/ong.txt: cảnh báo: không phải tệp thường"),
        "{err}"
    );
    // A FIFO where a fixed file is read (sotay.toml) is an error, not a hang.
    assert!(
        Command::new("mkfifo")
            .arg(p.path().join("sotay.toml"))
            .status()
            .unwrap()
            .success()
    );
    let o = run_with_limit(build_cmd(p.path(), &p.path().join("public")), LIMIT);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("sotay.toml: không phải tệp thường"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn links_leaving_the_project_are_refused_and_never_published() {
    let p = project();
    let outside = tempfile::tempdir().unwrap();
    let secret = sentinel(outside.path(), "mat-khau.txt");
    symlink(&secret, p.path().join("site/static/mat-khau.txt")).unwrap();
    symlink(&secret, p.path().join("content/giam-sat/ro-ri.md")).unwrap();
    symlink(outside.path(), p.path().join("content/_data/ngoai")).unwrap();
    let out = p.path().join("public");
    let o = build(p.path(), &out);
    assert!(!o.status.success());
    let err = stderr(&o);
    for f in [
        "site/static/mat-khau.txt",
        "content/giam-sat/ro-ri.md",
        "content/_data/ngoai",
    ] {
        assert!(
            err.contains(&format!(
                "{f}: liên kết tượng trưng trỏ ra ngoài thư mục dự án"
            )),
            "{f}: {err}"
        );
    }
    assert!(!out.exists(), "nothing published");
    assert_sentinel(&secret);
}

#[test]
fn links_inside_the_project_are_followed() {
    let p = project();
    let shared = p.path().join("chung");
    fs::create_dir_all(&shared).unwrap();
    fs::write(
        shared.join("dieu-3.md"),
        "+++\ntitle = \"Điều 3\"\n[source]\ndoc = \"tt09-2012\"\narticle = \"Điều 3\"\n+++\nTrang dùng chung.\n",
    )
    .unwrap();
    symlink(
        shared.join("dieu-3.md"),
        p.path().join("content/giam-sat/dieu-3.md"),
    )
    .unwrap();
    let out = p.path().join("public");
    let o = build(p.path(), &out);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(read(out.join("giam-sat/dieu-3/index.html")).contains("Trang dùng chung."));
}

#[test]
fn a_runaway_template_fails_with_its_file_and_line() {
    let p = project();
    let t = p.path().join("site/templates/page.html");
    let text = read(t.clone());
    fs::write(
        &t,
        text.replace(
            "{% block main %}",
            "{% block main %}\n{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        ),
    )
    .unwrap();
    // A smaller limit than the default keeps the test quick on a loaded machine (a debug build
    // runs ~1 µs an instruction); the default's margin is the next test's.
    let mut cmd = build_cmd(p.path(), &p.path().join("public"));
    cmd.env("SOTAY_TEMPLATE_FUEL", "1000000");
    let o = run_with_limit(cmd, LIMIT);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("site/templates/page.html:2"), "{err}");
    assert!(err.contains("mẫu làm quá nhiều việc"), "{err}");
}

/// The fuel limit leaves a hundredfold margin: the real handbook builds with 1 % of it.
#[test]
fn the_real_handbook_needs_under_one_percent_of_the_template_fuel() {
    let out = tempfile::tempdir().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_sotay"))
        .args(["build", "--no-wasm", "--out"])
        .arg(out.path().join("site"))
        .current_dir(workspace())
        .env(
            "SOTAY_TEMPLATE_FUEL",
            (sotay::render::TEMPLATE_FUEL / 100).to_string(),
        )
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
}

// ---------------------------------------------------------------------------------------------
// 6. Static files never replace generated ones
// ---------------------------------------------------------------------------------------------

#[test]
fn a_static_file_that_would_replace_a_generated_one_is_an_error_naming_both() {
    let p = project();
    for f in [
        "index.html",
        "giam-sat/index.html",
        "404.html",
        "sitemap.xml",
        "sw.js",
    ] {
        sentinel(&p.path().join("site/static"), f);
    }
    let o = build(p.path(), &p.path().join("public"));
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains(
            "site/static/index.html: tệp tĩnh này sẽ ghi đè /index.html do content/_index.md tạo ra"
        ),
        "{err}"
    );
    assert!(err.contains("site/static/giam-sat/index.html: tệp tĩnh này sẽ ghi đè /giam-sat/index.html do content/giam-sat/_index.md"), "{err}");
    for f in ["404.html", "sitemap.xml", "sw.js"] {
        assert!(
            err.contains(&format!(
                "site/static/{f}: tệp tĩnh này sẽ ghi đè /{f} do sotay ({f})"
            )),
            "{f}: {err}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// 7. Raw HTML outside the policy
// ---------------------------------------------------------------------------------------------

#[test]
fn raw_html_outside_the_policy_fails_with_file_and_line() {
    let p = project();
    let page = p.path().join("content/giam-sat/dieu-2.md");
    let text = read(page.clone());
    let lines = text.lines().count();
    fs::write(
        &page,
        format!(
            "{text}\n<meta http-equiv=\"refresh\" content=\"0;url=https://x.example\">\n\n<base href=\"https://x.example/\">\n\nVăn bản <iframe src=\"https://x.example\"></iframe>\n\n<form action=\"https://x.example\"></form>\n\n<abbr title=\"Bộ Y tế\">BYT</abbr> được phép.\n"
        ),
    )
    .unwrap();
    let o = build(p.path(), &p.path().join("public"));
    assert!(!o.status.success());
    let err = stderr(&o);
    let at = |n: usize| format!("content/giam-sat/dieu-2.md:{}:", lines + n);
    assert!(
        err.contains(&format!("{}1: thẻ HTML <meta>", at(2))),
        "{err}"
    );
    assert!(
        err.contains(&format!("{}1: thẻ HTML <base>", at(4))),
        "{err}"
    );
    assert!(
        err.contains(&format!("{}9: thẻ HTML <iframe>", at(6))),
        "{err}"
    );
    assert!(
        err.contains(&format!("{}1: thẻ HTML <form>", at(8))),
        "{err}"
    );
    assert!(!err.contains("<abbr>"), "{err}");
    // A notice (Markdown in a data file).
    fs::write(&page, text).unwrap();
    let notices = p.path().join("content/_data/thong-bao.toml");
    fs::write(
        &notices,
        "[[notice]]\nid = \"het-hieu-luc\"\ntitle = \"T\"\nbody = \"\"\"\nDòng một.\n<a href=\"javascript:alert(1)\">bấm</a>\n\"\"\"\n",
    )
    .unwrap();
    let o = build(p.path(), &p.path().join("public"));
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("content/_data/thong-bao.toml:6:1: liên kết \"javascript:alert(1)\""),
        "{err}"
    );
    assert!(
        !err.contains("unknown notice id"),
        "the notice is still known: {err}"
    );
    assert!(!p.path().join("public").exists());
}

// ---------------------------------------------------------------------------------------------
// 8. Concurrent builds; serving while rebuilding
// ---------------------------------------------------------------------------------------------

#[test]
fn builds_at_once_into_one_folder_wait_for_each_other() {
    let p = big_project(300);
    let out = p.path().join("public");
    let children: Vec<_> = (0..6)
        .map(|_| {
            build_cmd(p.path(), &out)
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in children {
        let o = c.wait_with_output().unwrap();
        assert!(
            o.status.success(),
            "a concurrent build failed: {}",
            stderr(&o)
        );
    }
    assert_eq!(leftovers(&out), Vec::<String>::new());
    let manifest = read(out.join(".sotay-manifest"));
    let listed: Vec<&str> = manifest.lines().filter(|l| !l.starts_with('#')).collect();
    let on_disk = tree(&out);
    assert_eq!(listed.len() + 1, on_disk.len(), "manifest and folder agree");
    for f in listed {
        assert!(on_disk.contains_key(f), "{f} listed but missing");
    }
}

#[test]
fn serve_never_answers_from_a_missing_site_while_rebuilding() {
    let p = big_project(200);
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(env!("CARGO_BIN_EXE_sotay"))
        .args(["serve", "--no-wasm", "--port", &port.to_string(), "--root"])
        .arg(p.path())
        .arg("--out")
        .arg(&out)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let _server = Server(child);
    let start = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err()
        || !out.join("index.html").exists()
    {
        assert!(start.elapsed() < LIMIT, "server did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let clients: Vec<_> = (0..4)
        .map(|i| {
            let stop = stop.clone();
            std::thread::spawn(move || {
                let mut bad = Vec::new();
                let mut n = 0;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let path = if i % 2 == 0 {
                        "/"
                    } else {
                        "/giam-sat/nhieu/trang-7/"
                    };
                    let (status, _, _) = get(port, path);
                    n += 1;
                    if status != 200 {
                        bad.push(status);
                    }
                }
                (n, bad)
            })
        })
        .collect();
    let page = p.path().join("content/giam-sat/dieu-1.md");
    let text = read(page.clone());
    for i in 0..15 {
        fs::write(&page, format!("{text}\nLần {i}.\n")).unwrap();
        let start = Instant::now();
        while !read(out.join("giam-sat/dieu-1/index.html")).contains(&format!("Lần {i}.")) {
            assert!(start.elapsed() < LIMIT, "rebuild {i} did not happen");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let mut total = 0;
    for c in clients {
        let (n, bad) = c.join().unwrap();
        total += n;
        assert!(bad.is_empty(), "requests answered {bad:?} during rebuilds");
    }
    assert!(total > 100, "only {total} requests");
}
