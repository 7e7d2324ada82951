//! Helpers shared by the generator's integration tests (build.rs, serve.rs, safety.rs, …): the
//! fixture project, copies of it, running the `sotay` binary, a server that dies with the test.
#![allow(dead_code)] // each test binary uses its own subset
use std::fs;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output};
use std::time::Duration;

pub fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic")
}

/// The real handbook (the workspace root).
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

pub fn copy_dir(from: &Path, to: &Path) {
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

/// A writable copy of the fixture project.
pub fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(), dir.path());
    dir
}

pub fn sotay(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sotay"))
        .args(args)
        .output()
        .unwrap()
}

/// `sotay build --no-wasm --root ROOT --out OUT`.
pub fn build_cmd(root: &Path, out: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_sotay"));
    c.args(["build", "--no-wasm", "--root"])
        .arg(root)
        .arg("--out")
        .arg(out);
    c
}

pub fn build(root: &Path, out: &Path) -> Output {
    build_cmd(root, out).output().unwrap()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn read(p: PathBuf) -> String {
    fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Kills the child process when the test ends, even on panic.
pub struct Server(pub Child);
impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `GET path` on a fresh connection: (status, lower-cased head, body).
pub fn get(port: u16, path: &str) -> (u16, String, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, head.to_ascii_lowercase(), body.to_string())
}

/// The HTML without `role` and `data-label` on table elements (render/cards.rs shows wide tables
/// as cards on phones; tested there and in tests/tests/phone.rs): this test reads the rows.
pub fn without_card_attributes(mut html: String) -> String {
    for attr in [" role=\"", " data-label=\""] {
        let mut from = 0;
        while let Some(i) = html[from..].find(attr).map(|i| i + from) {
            let end = i + attr.len() + html[i + attr.len()..].find('"').unwrap() + 1;
            let tag_start = html[..i].rfind('<').unwrap();
            if ["<table", "<thead", "<tbody", "<tr", "<td", "<th"]
                .iter()
                .any(|t| html[tag_start..].starts_with(t))
            {
                html.replace_range(i..end, "");
                from = i;
            } else {
                from = end;
            }
        }
    }
    html
}
