//! `sotay serve`: static serving, 404, content types, traversal, and live reload over SSE.
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod common;
use common::{Server, copy_dir, get};

#[test]
fn serves_and_live_reloads() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("p");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic"),
        &root,
    );
    let out: PathBuf = dir.path().join("out");
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(env!("CARGO_BIN_EXE_sotay"))
        .args(["serve", "--no-wasm", "--port", &port.to_string()])
        .arg("--root")
        .arg(&root)
        .arg("--out")
        .arg(&out)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let _server = Server(child);
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "server did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }

    let (status, head, body) = get(port, "/giam-sat/dieu-1/");
    assert_eq!(status, 200);
    assert!(
        head.contains("content-type: text/html; charset=utf-8"),
        "{head}"
    );
    assert!(
        body.contains("<head><meta name=\"sotay-live\" content=\"1\">"),
        "{body}"
    );
    // On disk the page has no live-reload tag.
    assert!(
        !fs::read_to_string(out.join("giam-sat/dieu-1/index.html"))
            .unwrap()
            .contains("sotay-live")
    );

    let (status, _, body) = get(port, "/khong-co/");
    assert_eq!(status, 404);
    assert!(body.contains("Không tìm thấy trang"));
    let (status, head, _) = get(port, "/giam-sat");
    assert_eq!(status, 301);
    assert!(head.contains("location: /giam-sat/"), "{head}");
    let (status, _, _) = get(port, "/../../etc/passwd");
    assert_eq!(status, 404);
    let (status, _, _) = get(port, "/%2e%2e/%2e%2e/etc/passwd");
    assert_eq!(status, 404);
    let js = fs::read_dir(out.join("assets"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n.ends_with(".js"))
        .unwrap();
    let (status, head, _) = get(port, &format!("/assets/{js}"));
    assert_eq!(status, 200);
    assert!(head.contains("content-type: text/javascript"), "{head}");

    // Live reload: open the event stream, change a page, expect `data: reload`.
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    write!(s, "GET /__sotay/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    let mut reader = BufReader::new(s);
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    assert!(line.starts_with("HTTP/1.1 200"), "{line}");
    let mut head = String::new();
    while line.trim() != "" {
        line.clear();
        reader.read_line(&mut line).unwrap();
        head.push_str(&line);
    }
    assert!(
        head.to_ascii_lowercase()
            .contains("content-type: text/event-stream"),
        "{head}"
    );

    // A broken change: no reload, previous output still served.
    let page = root.join("content/giam-sat/dieu-2.md");
    let good = fs::read_to_string(&page).unwrap();
    fs::write(&page, format!("{good}\n[x](/khong-co/)\n")).unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    let (status, _, body) = get(port, "/giam-sat/dieu-2/");
    assert_eq!(status, 200);
    assert!(!body.contains("Đã sửa"));

    fs::write(&page, format!("{good}\nĐã sửa.\n")).unwrap();
    let start = Instant::now();
    loop {
        line.clear();
        reader.read_line(&mut line).unwrap();
        if line.trim() == "data: reload" {
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(20), "no reload event");
    }
    let (_, _, body) = get(port, "/giam-sat/dieu-2/");
    assert!(body.contains("Đã sửa."), "{body}");
}

/// `--port 0` asks the system for a free port; the message names the port actually bound.
#[test]
fn port_zero_prints_the_port_it_got() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("p");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic"),
        &root,
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_sotay"))
        .args(["serve", "--no-wasm", "--port", "0", "--root"])
        .arg(&root)
        .arg("--out")
        .arg(dir.path().join("out"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let _server = Server(child);
    let mut lines = BufReader::new(stdout).lines();
    let line = lines
        .by_ref()
        .map(|l| l.unwrap())
        .find(|l| l.starts_with("Đang phục vụ"))
        .expect("serving message");
    let port: u16 = line
        .split("127.0.0.1:")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no port in {line:?}"));
    assert_ne!(port, 0, "{line}");
    let (status, _, _) = get(port, "/giam-sat/");
    assert_eq!(status, 200, "{line}");
}
