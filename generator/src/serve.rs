//! `sotay serve`: build, serve the output on 127.0.0.1, rebuild when content/, site/ or wasm/
//! change, and tell open pages to reload through server-sent events on `/__sotay/live`.
//!
//! Watching is done by polling every 300 ms (a hash of paths, sizes and modification times):
//! no extra dependency, works the same on every file system (containers, network mounts, editors
//! that replace files by renaming), and a few hundred files hash in well under a millisecond.
//! Served HTML gets `<meta name="sotay-live" content="1">` after `<head>` (never written to
//! disk), so the theme's script listens for reloads only under `sotay serve`; no inline script.
use std::fs;
use std::hash::{Hash, Hasher};
use std::io::Write;
use std::net::TcpListener;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::{Duration, UNIX_EPOCH};

use crate::error::Diagnostic;
use crate::http::{Request, Response};
use crate::pipeline::{BuildOptions, build};

/// The path of the live-reload event stream.
pub const LIVE_PATH: &str = "/__sotay/live";
/// The tag injected into served HTML.
pub const LIVE_META: &str = "<meta name=\"sotay-live\" content=\"1\">";

/// Build generation, bumped after each successful rebuild.
#[derive(Default)]
pub struct Live {
    generation: Mutex<u64>,
    changed: Condvar,
}

impl Live {
    pub fn bump(&self) {
        if let Ok(mut g) = self.generation.lock() {
            *g += 1;
        }
        self.changed.notify_all();
    }
    fn current(&self) -> u64 {
        self.generation.lock().map(|g| *g).unwrap_or(0)
    }
    /// Wait until the generation differs from `seen` or the timeout passes.
    fn wait(&self, seen: u64, timeout: Duration) -> u64 {
        let Ok(g) = self.generation.lock() else {
            return seen;
        };
        match self.changed.wait_timeout_while(g, timeout, |g| *g == seen) {
            Ok((g, _)) => *g,
            Err(_) => seen,
        }
    }
}

fn print_diags(diags: Vec<Diagnostic>) {
    let errors = crate::error::print(diags);
    eprintln!("sotay: {errors} lỗi — vẫn phục vụ bản dựng trước");
}

/// Run the server until the process is stopped. Returns an exit code.
pub fn run(mut opts: BuildOptions, port: u16) -> i32 {
    let Some(out) = opts.out.clone() else {
        return 2;
    };
    // Serve through the output folder's link, if it is one (the build replaces its target).
    let out = match crate::output::target(&opts.root, &out) {
        Ok(t) => t.real,
        Err(d) => {
            print_diags(vec![d]);
            return 1;
        }
    };
    // Requests read files under the read side; the build's swap takes the write side, so no
    // request ever finds the output folder missing.
    let swap = Arc::new(RwLock::new(()));
    opts.swap_guard = Some(swap.clone());
    match build(&opts) {
        Ok(r) => {
            crate::error::print(r.warnings);
            println!(
                "Đã dựng {} trang trong {} ms",
                r.pages,
                r.elapsed.as_millis()
            )
        }
        Err(d) => print_diags(d),
    }
    let listener = match TcpListener::bind(("127.0.0.1", port)) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("sotay: không mở được cổng 127.0.0.1:{port}: {e}");
            return 1;
        }
    };
    // `--port 0` asks the system for a free port: say which one it gave.
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(port);
    println!("Đang phục vụ http://127.0.0.1:{port}/ (Ctrl+C để dừng)");
    let live = Arc::new(Live::default());
    {
        let live = live.clone();
        let opts = opts.clone();
        std::thread::spawn(move || watch(&opts, &live));
    }
    crate::http::serve(listener, move |req: &Request| {
        let _reading = swap.read().unwrap_or_else(|e| e.into_inner());
        handle(req, &out, &live)
    });
    0
}

/// A cheap fingerprint of every file under the watched folders (walked under the project's file
/// policy, [`crate::fsutil`]: links inside the project followed, cycles cut, no FIFO opened).
pub fn snapshot(root: &Path) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for d in ["content", "site", "wasm"] {
        let found = crate::fsutil::walk(root, &root.join(d), |rel, _| {
            rel == "target" || rel.ends_with("/target")
        });
        for e in &found.entries {
            e.rel.hash(&mut h);
            if let Ok(meta) = fs::metadata(&e.path)
                && !e.is_dir
            {
                meta.len().hash(&mut h);
                if let Ok(t) = meta.modified()
                    && let Ok(d) = t.duration_since(UNIX_EPOCH)
                {
                    d.as_nanos().hash(&mut h);
                }
            }
        }
        // A new refusal or warning (a link added, a FIFO) is a change too.
        for diag in found.errors.iter().chain(&found.warnings) {
            diag.to_string().hash(&mut h);
        }
    }
    if let Ok(m) = fs::metadata(root.join("sotay.toml")) {
        m.len().hash(&mut h);
        m.modified().ok().hash(&mut h);
    }
    h.finish()
}

fn watch(opts: &BuildOptions, live: &Live) {
    let mut last = snapshot(&opts.root);
    loop {
        std::thread::sleep(Duration::from_millis(300));
        let now = snapshot(&opts.root);
        if now == last {
            continue;
        }
        // Let a burst of writes (an editor saving several files) settle.
        let mut settled = now;
        loop {
            std::thread::sleep(Duration::from_millis(100));
            let again = snapshot(&opts.root);
            if again == settled {
                break;
            }
            settled = again;
        }
        last = settled;
        match build(opts) {
            Ok(r) => {
                crate::error::print(r.warnings);
                println!(
                    "Đã dựng lại {} trang trong {} ms",
                    r.pages,
                    r.elapsed.as_millis()
                );
                live.bump();
            }
            Err(d) => print_diags(d),
        }
    }
}

/// Content type by extension (case-insensitive). Also used by the e2e tests' static server,
/// so the site is tested with the same types `sotay serve` sends.
pub fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        "ics" => "text/calendar; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Decodes `%XX` escapes of a URL path; `None` on a bad escape or invalid UTF-8.
pub fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Map a request path to a file under `out`, refusing anything that leaves it.
pub fn resolve(out: &Path, url_path: &str) -> Option<PathBuf> {
    let path = url_path.split(['?', '#']).next().unwrap_or("/");
    let decoded = percent_decode(path)?;
    if decoded.contains('\0') || decoded.contains('\\') {
        return None;
    }
    let rel = Path::new(decoded.trim_start_matches('/'));
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    let mut file = out.join(rel);
    if decoded.ends_with('/') {
        file.push("index.html");
    }
    Some(file)
}

/// `/giam-sat` → `/giam-sat/` (query kept: `/giam-sat?x=1` → `/giam-sat/?x=1`) when that is a
/// page. The location always starts with exactly one `/`: `//giam-sat` would otherwise be a
/// protocol-relative redirect to the host `giam-sat`.
pub fn folder_redirect(out: &Path, url: &str) -> Option<String> {
    let (path, query) = match url.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (url.split('#').next().unwrap_or(url), None),
    };
    if path.ends_with('/') {
        return None;
    }
    let path = format!("/{}/", path.trim_start_matches('/'));
    resolve(out, &path).filter(|f| f.is_file())?;
    Some(match query {
        Some(q) => format!("{path}?{q}"),
        None => path,
    })
}

/// Insert the live-reload meta tag after `<head …>`.
pub fn inject_live(html: &str) -> String {
    if let Some(i) = html.find("<head")
        && let Some(j) = html[i..].find('>')
    {
        let at = i + j + 1;
        return format!("{}{LIVE_META}{}", &html[..at], &html[at..]);
    }
    html.to_string()
}

fn handle(req: &Request, out: &Path, live: &Arc<Live>) -> Response {
    let url = req.url.as_str();
    if url.split('?').next() == Some(LIVE_PATH) {
        return serve_events(Arc::clone(live));
    }
    let found = resolve(out, url).filter(|f| f.is_file());
    if found.is_none()
        && let Some(location) = folder_redirect(out, url)
    {
        return Response::new(301, Vec::new()).with_header("Location", location);
    }
    let (status, file) = match found {
        Some(f) => (200, f),
        None => (404, out.join("404.html")),
    };
    let Ok(mut bytes) = fs::read(&file) else {
        return Response::new(404, "404 Không tìm thấy".as_bytes().to_vec())
            .with_header("Content-Type", "text/plain; charset=utf-8");
    };
    let ctype = content_type(&file);
    if ctype.starts_with("text/html") {
        bytes = inject_live(&String::from_utf8_lossy(&bytes)).into_bytes();
    }
    Response::new(status, bytes)
        .with_header("Content-Type", ctype)
        .with_header("Cache-Control", "no-cache")
}

/// Server-sent events: `data: reload` after each successful rebuild, a comment every 15 s.
fn serve_events(live: Arc<Live>) -> Response {
    Response::Stream {
        headers: vec![
            ("Content-Type", "text/event-stream".into()),
            ("Cache-Control", "no-cache".into()),
        ],
        write: Box::new(move |w: &mut dyn Write| {
            let mut seen = live.current();
            if w.write_all(b"retry: 1000\n\n")
                .and_then(|_| w.flush())
                .is_err()
            {
                return;
            }
            loop {
                let g = live.wait(seen, Duration::from_secs(15));
                let msg = if g != seen {
                    seen = g;
                    "data: reload\n\n"
                } else {
                    ": ping\n\n"
                };
                if w.write_all(msg.as_bytes()).and_then(|_| w.flush()).is_err() {
                    return;
                }
            }
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_traversal() {
        let out = Path::new("/srv/public");
        assert_eq!(
            resolve(out, "/"),
            Some(PathBuf::from("/srv/public/index.html"))
        );
        assert_eq!(
            resolve(out, "/giam-sat/?x=1"),
            Some(PathBuf::from("/srv/public/giam-sat/index.html"))
        );
        assert_eq!(resolve(out, "/../etc/passwd"), None);
        assert_eq!(resolve(out, "/%2e%2e/etc/passwd"), None);
        assert_eq!(resolve(out, "/a/..%2f..%2fx"), None);
        assert_eq!(resolve(out, "/a%5c..%5cx"), None);
        assert_eq!(resolve(out, "/%zz"), None);
    }

    #[test]
    fn folder_redirects_keep_the_query_and_stay_on_this_host() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("giam-sat")).unwrap();
        fs::write(dir.path().join("giam-sat/index.html"), "x").unwrap();
        let r = |u: &str| folder_redirect(dir.path(), u);
        assert_eq!(r("/giam-sat").as_deref(), Some("/giam-sat/"));
        assert_eq!(r("/giam-sat?x=1").as_deref(), Some("/giam-sat/?x=1"));
        assert_eq!(r("//giam-sat").as_deref(), Some("/giam-sat/"));
        assert_eq!(r("///giam-sat?a=b/c").as_deref(), Some("/giam-sat/?a=b/c"));
        assert_eq!(r("/giam-sat/"), None);
        assert_eq!(r("/khong-co"), None);
    }

    #[test]
    fn types_and_injection() {
        assert_eq!(content_type(Path::new("a.wasm")), "application/wasm");
        assert_eq!(
            content_type(Path::new("a.js")),
            "text/javascript; charset=utf-8"
        );
        let html = inject_live("<html lang=\"vi\"><head><title>x</title></head></html>");
        assert_eq!(
            html,
            format!("<html lang=\"vi\"><head>{LIVE_META}<title>x</title></head></html>")
        );
    }
}
