//! End-to-end test harness for Sổ tay (see `tests/tests/`).
//!
//! - [`site()`] builds the real handbook once per test binary with the `sotay` binary into a
//!   fresh folder under `target/e2e/`, and serves it on `127.0.0.1` at a free port with a small
//!   static server of its own ([`serve_dir`]), so the tests test the built files, not
//!   `sotay serve`.
//! - [`Test`] launches Debian's Chromium (headless, fresh profile) through `headless_chrome`,
//!   records every console error, uncaught exception and request URL, and writes
//!   `target/e2e-screenshots/<test>.png` when the test panics.
//!
//! Environment:
//! - `SOTAY_E2E_SITE=DIR` serves an already-built site instead of building one.
//! - `SOTAY_BIN=PATH` uses that `sotay` binary instead of `cargo build -p sotay`.
//! - `CHROMIUM=PATH` overrides `/usr/bin/chromium`.

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant, SystemTime};

use anyhow::{Context as _, Result, anyhow, bail};
use headless_chrome::browser::tab::Tab;
use headless_chrome::protocol::cdp::types::Event;
use headless_chrome::protocol::cdp::{Emulation, Log, Network, Page, Runtime};
use headless_chrome::{Browser, LaunchOptions};
use serde_json::Value;

/// Default time to wait for a selector, an attribute or a navigation (generous: CI shares two
/// cores with compilers; a passing test never waits this long).
pub const TIMEOUT: Duration = Duration::from_secs(30);

/// Phone and desktop viewports used for screenshots and layout checks.
pub const PHONE: (u32, u32) = (360, 800);
pub const DESKTOP: (u32, u32) = (1280, 900);

// ---------------------------------------------------------------------------------------------
// Paths
// ---------------------------------------------------------------------------------------------

/// The workspace root (parent of `tests/`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

/// Cargo's profile directory of the running test binary (`target/debug` or `target/release`).
fn profile_dir() -> PathBuf {
    // A test binary lives in <target>/<profile>/deps/<name>-<hash>.
    let exe = std::env::current_exe().expect("current_exe");
    exe.parent()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .unwrap_or_else(|| workspace_root().join("target").join("debug"))
}

/// The cargo target directory (`target/`), from `CARGO_TARGET_DIR` or the test binary's path.
pub fn target_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR") {
        let dir = PathBuf::from(dir);
        return if dir.is_absolute() {
            dir
        } else {
            workspace_root().join(dir)
        };
    }
    profile_dir()
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| workspace_root().join("target"))
}

/// Where failure screenshots and looked-at screenshots go.
pub fn screenshot_dir() -> PathBuf {
    target_dir().join("e2e-screenshots")
}

// ---------------------------------------------------------------------------------------------
// Building the site
// ---------------------------------------------------------------------------------------------

/// The built site, served on 127.0.0.1.
#[derive(Debug)]
pub struct Site {
    /// Folder holding the built files.
    pub dir: PathBuf,
    /// `http://127.0.0.1:PORT` (no trailing slash).
    pub base: String,
}

impl Site {
    /// Absolute URL of a site path (`/giam-sat/`).
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// The origin prefix every request must start with.
    pub fn origin(&self) -> String {
        format!("{}/", self.base)
    }
}

static SITE: OnceLock<std::result::Result<Site, String>> = OnceLock::new();

/// The real handbook, built once per test binary and served on 127.0.0.1.
///
/// Panics (in every test that asks) with the build's output when the build fails.
pub fn site() -> &'static Site {
    let site = SITE.get_or_init(|| {
        let dir = match std::env::var_os("SOTAY_E2E_SITE") {
            Some(dir) => PathBuf::from(dir),
            None => build_site().map_err(|e| format!("{e:#}"))?,
        };
        serve_dir(&dir).map_err(|e| format!("{e:#}"))
    });
    match site {
        Ok(site) => site,
        Err(e) => panic!("the site could not be built or served:\n{e}"),
    }
}

/// Path of the `sotay` binary, built with cargo in the test binary's profile if needed.
pub fn sotay_bin() -> Result<PathBuf> {
    if let Some(bin) = std::env::var_os("SOTAY_BIN") {
        return Ok(PathBuf::from(bin));
    }
    static BIN: OnceLock<std::result::Result<PathBuf, String>> = OnceLock::new();
    BIN.get_or_init(|| build_sotay().map_err(|e| format!("{e:#}")))
        .clone()
        .map_err(|e| anyhow!(e))
}

fn build_sotay() -> Result<PathBuf> {
    let profile = profile_dir();
    let release = profile.file_name() == Some(OsStr::new("release"));
    let mut cmd = Command::new(env!("CARGO"));
    cmd.args([
        "build",
        "--quiet",
        "-p",
        "sotay",
        "--bin",
        "sotay",
        "--target-dir",
    ])
    .arg(target_dir())
    .current_dir(workspace_root());
    if release {
        cmd.arg("--release");
    }
    let out = cmd.output().context("running cargo build -p sotay")?;
    if !out.status.success() {
        bail!(
            "cargo build -p sotay failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let bin = target_dir()
        .join(if release { "release" } else { "debug" })
        .join("sotay");
    if !bin.exists() {
        bail!(
            "cargo build -p sotay succeeded but {} is missing",
            bin.display()
        );
    }
    Ok(bin)
}

/// Builds the handbook with `sotay build --out <fresh dir under target/e2e/>`.
///
/// Folders left by earlier runs (older than two hours) are removed first.
pub fn build_site() -> Result<PathBuf> {
    let bin = sotay_bin()?;
    let parent = target_dir().join("e2e");
    fs::create_dir_all(&parent)?;
    remove_stale(&parent, Duration::from_secs(2 * 3600));
    let dir = tempfile::Builder::new()
        .prefix("site-")
        .tempdir_in(&parent)?
        .keep();
    let out_dir = dir.join("public");
    let started = Instant::now();
    let out = Command::new(&bin)
        .arg("build")
        .arg("--out")
        .arg(&out_dir)
        .current_dir(workspace_root())
        .output()
        .with_context(|| format!("running {}", bin.display()))?;
    if !out.status.success() {
        bail!(
            "`sotay build --out {}` failed ({}):\n{}{}",
            out_dir.display(),
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    eprintln!(
        "e2e: built the site into {} in {:.1?}",
        out_dir.display(),
        started.elapsed()
    );
    Ok(out_dir)
}

fn remove_stale(parent: &Path, age: Duration) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| SystemTime::now().duration_since(t).ok())
            .is_some_and(|d| d > age);
        if old && entry.file_name().to_string_lossy().starts_with("site-") {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Static server
// ---------------------------------------------------------------------------------------------

use sotay::http::{Request, Response};
/// MIME type of a file by its extension: the same table `sotay serve` uses.
pub use sotay::serve::content_type as mime_type;
use sotay::serve::percent_decode;

/// What the static server answers for a request path.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    File(PathBuf),
    /// A folder asked without its trailing slash: redirect to this path.
    Redirect(String),
    NotFound,
}

/// Maps a URL path (query and fragment allowed) to a file of `root`, like a static host:
/// `/a/` → `a/index.html`, `/a` (a folder) → redirect to `/a/`, `..` never escapes `root`.
pub fn resolve(root: &Path, url: &str) -> Resolved {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let Some(path) = percent_decode(path) else {
        return Resolved::NotFound;
    };
    let mut file = root.to_path_buf();
    for seg in path.split('/').filter(|s| !s.is_empty()) {
        if seg == ".." || seg == "." || seg.contains('\\') {
            return Resolved::NotFound;
        }
        file.push(seg);
    }
    if file.is_dir() {
        if !path.ends_with('/') {
            // One leading `/` (never a protocol-relative `//host`), the query kept.
            let query = url
                .split_once('?')
                .map(|(_, q)| format!("?{q}"))
                .unwrap_or_default();
            return Resolved::Redirect(format!("/{}/{query}", path.trim_start_matches('/')));
        }
        file.push("index.html");
    }
    if file.is_file() {
        Resolved::File(file)
    } else {
        Resolved::NotFound
    }
}

fn respond(root: &Path, req: &Request) -> Response {
    let url = req.url.as_str();
    let log = std::env::var_os("SOTAY_E2E_SERVER_LOG").is_some();
    if log {
        eprintln!("e2e server: {:?} {} {url}", SystemTime::now(), req.method);
    }
    let (status, body, mime, location) = match resolve(root, url) {
        Resolved::File(f) => match fs::read(&f) {
            Ok(b) => (200, b, mime_type(&f), None),
            Err(_) => (
                500,
                b"read error".to_vec(),
                "text/plain; charset=utf-8",
                None,
            ),
        },
        Resolved::Redirect(to) => (301, Vec::new(), "text/plain; charset=utf-8", Some(to)),
        Resolved::NotFound => match fs::read(root.join("404.html")) {
            Ok(b) => (404, b, "text/html; charset=utf-8", None),
            Err(_) => (404, b"404".to_vec(), "text/plain; charset=utf-8", None),
        },
    };
    let mut resp = Response::new(status, body)
        .with_header("Content-Type", mime)
        .with_header("Cache-Control", "no-cache");
    if let Some(to) = location {
        resp = resp.with_header("Location", to);
    }
    resp
}

/// Serves `dir` on 127.0.0.1 at a free port, from background threads, for the life of the
/// process. Unknown paths get `404.html` with status 404.
pub fn serve_dir(dir: &Path) -> Result<Site> {
    let dir = dir
        .canonicalize()
        .with_context(|| format!("site folder {}", dir.display()))?;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").context("binding 127.0.0.1:0")?;
    let port = listener.local_addr()?.port();
    let root = dir.clone();
    sotay::http::spawn(listener, move |req: &Request| respond(&root, req));
    Ok(Site {
        dir,
        base: format!("http://127.0.0.1:{port}"),
    })
}

// ---------------------------------------------------------------------------------------------
// Browser
// ---------------------------------------------------------------------------------------------

/// Path of the Chromium binary (`$CHROMIUM` or Debian's `/usr/bin/chromium`).
pub fn chromium_path() -> PathBuf {
    std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"))
}

/// Launches headless Chromium with a fresh, temporary profile (removed when dropped).
pub fn launch_browser() -> Result<(Browser, tempfile::TempDir)> {
    let profile = tempfile::Builder::new()
        .prefix("sotay-e2e-profile-")
        .tempdir()?;
    let args: Vec<&OsStr> = [
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--no-default-browser-check",
        "--hide-scrollbars",
        "--mute-audio",
    ]
    .iter()
    .map(OsStr::new)
    .collect();
    let options = LaunchOptions::default_builder()
        .path(Some(chromium_path()))
        .headless(true) // adds --headless
        .sandbox(false) // --no-sandbox: tests run as root in CI
        .window_size(Some(DESKTOP))
        .user_data_dir(Some(profile.path().to_path_buf()))
        .idle_browser_timeout(Duration::from_secs(600))
        .args(args)
        .build()
        .map_err(|e| anyhow!("{e}"))?;
    let browser = Browser::new(options).with_context(|| {
        format!(
            "launching {} (is chromium installed?)",
            chromium_path().display()
        )
    })?;
    Ok((browser, profile))
}

/// What the page did: console errors (and uncaught exceptions) and every request URL.
#[derive(Debug, Default, Clone)]
pub struct Record {
    pub console_errors: Vec<String>,
    pub requests: Vec<String>,
    /// Requests sent and not yet finished or failed: (request id, URL, seconds since launch).
    pub in_flight: Vec<(String, String, f64)>,
}

/// One browser tab on the site, with its record of errors and requests.
pub struct RecordingTab {
    pub tab: Arc<Tab>,
    pub record: Arc<Mutex<Record>>,
}

fn describe_exception(d: &Runtime::ExceptionDetails) -> String {
    let what = d
        .exception
        .as_ref()
        .and_then(|e| e.description.clone())
        .unwrap_or_else(|| d.text.clone());
    format!(
        "uncaught exception: {what} at {}:{}:{}",
        d.url.clone().unwrap_or_default(),
        d.line_number + 1,
        d.column_number + 1
    )
}

fn remote_to_string(o: &Runtime::RemoteObject) -> String {
    match (&o.value, &o.description) {
        (Some(Value::String(s)), _) => s.clone(),
        (Some(v), _) => v.to_string(),
        (None, Some(d)) => d.clone(),
        _ => format!("{:?}", o.Type),
    }
}

/// Opens a tab that records console errors, exceptions and requests.
pub fn open_tab(browser: &Browser) -> Result<RecordingTab> {
    let tab = browser.new_tab()?;
    tab.set_default_timeout(TIMEOUT);
    let record = Arc::new(Mutex::new(Record::default()));
    let rec = Arc::clone(&record);
    let launched = Instant::now();
    tab.add_event_listener(Arc::new(move |event: &Event| {
        let mut r = rec.lock().unwrap();
        match event {
            Event::NetworkRequestWillBeSent(e) => {
                r.requests.push(e.params.request.url.clone());
                let id = e.params.request_id.clone();
                r.in_flight.retain(|(i, _, _)| *i != id);
                let at = launched.elapsed().as_secs_f64();
                r.in_flight.push((id, e.params.request.url.clone(), at));
            }
            Event::NetworkLoadingFinished(e) => {
                let id = &e.params.request_id;
                r.in_flight.retain(|(i, _, _)| i != id);
            }
            Event::NetworkLoadingFailed(e) => {
                let id = &e.params.request_id;
                r.in_flight.retain(|(i, _, _)| i != id);
            }
            Event::RuntimeExceptionThrown(e) => r
                .console_errors
                .push(describe_exception(&e.params.exception_details)),
            Event::RuntimeConsoleAPICalled(e) => {
                use Runtime::ConsoleAPICalledEventTypeOption as T;
                if matches!(e.params.Type, T::Error | T::Assert) {
                    let text: Vec<String> = e.params.args.iter().map(remote_to_string).collect();
                    r.console_errors
                        .push(format!("console.error: {}", text.join(" ")));
                }
            }
            Event::LogEntryAdded(e) => {
                let entry = &e.params.entry;
                if matches!(entry.level, Log::LogEntryLevel::Error) {
                    r.console_errors.push(format!(
                        "log error: {} ({})",
                        entry.text,
                        entry.url.clone().unwrap_or_default()
                    ));
                }
            }
            _ => {}
        }
    }))?;
    tab.call_method(Network::Enable {
        max_total_buffer_size: None,
        max_resource_buffer_size: None,
        max_post_data_size: None,
        report_direct_socket_traffic: None,
        enable_durable_messages: None,
    })?;
    tab.enable_runtime()?;
    tab.enable_log()?;
    Ok(RecordingTab { tab, record })
}

/// Sets the tab's viewport (CSS pixels, device scale 1; `mobile` below 600 px wide).
pub fn set_viewport(tab: &Tab, (width, height): (u32, u32)) -> Result<()> {
    tab.call_method(Emulation::SetDeviceMetricsOverride {
        width,
        height,
        device_scale_factor: 1.0,
        mobile: width < 600,
        scale: None,
        screen_width: None,
        screen_height: None,
        position_x: None,
        position_y: None,
        dont_set_visible_size: None,
        screen_orientation: None,
        viewport: None,
        display_feature: None,
        device_posture: None,
    })?;
    Ok(())
}

/// PNG of the tab's viewport.
pub fn capture_png(tab: &Tab) -> Result<Vec<u8>> {
    tab.capture_screenshot(Page::CaptureScreenshotFormatOption::Png, None, None, true)
}

/// Evaluates a JavaScript expression (promises awaited) and returns its JSON value
/// (`Value::Null` for `undefined`). A thrown exception is an error.
pub fn eval(tab: &Tab, expression: &str) -> Result<Value> {
    let r = tab.call_method(Runtime::Evaluate {
        expression: expression.to_string(),
        return_by_value: Some(true),
        generate_preview: None,
        silent: Some(false),
        await_promise: Some(true),
        include_command_line_api: None,
        user_gesture: Some(true),
        object_group: None,
        context_id: None,
        throw_on_side_effect: None,
        timeout: None,
        disable_breaks: None,
        repl_mode: None,
        allow_unsafe_eval_blocked_by_csp: None,
        unique_context_id: None,
        serialization_options: None,
    })?;
    if let Some(d) = r.exception_details {
        bail!("evaluating `{expression}`: {}", describe_exception(&d));
    }
    Ok(r.result.value.unwrap_or(Value::Null))
}

fn js_str(s: &str) -> String {
    serde_json::to_string(s).expect("string to JSON")
}

fn file_safe(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// One end-to-end test: a fresh Chromium, one recording tab on the [`site()`], and a guard
/// that writes `target/e2e-screenshots/<name>.png` if the test panics.
pub struct Test {
    name: String,
    base: String,
    pub tab: Arc<Tab>,
    record: Arc<Mutex<Record>>,
    // Dropped after the screenshot is taken (see Drop), then the profile folder.
    _browser: Browser,
    _profile: tempfile::TempDir,
}

impl Test {
    /// A test against the real handbook (built and served once per test binary).
    pub fn new(name: &str) -> Test {
        Test::with_site(name, site())
    }

    /// A test against any served site (e.g. a fixture served with [`serve_dir`]).
    pub fn with_site(name: &str, site: &Site) -> Test {
        let (browser, profile) = launch_browser().expect("launch chromium");
        let RecordingTab { tab, record } = open_tab(&browser).expect("open a tab");
        Test {
            name: name.to_string(),
            base: site.base.clone(),
            tab,
            record,
            _browser: browser,
            _profile: profile,
        }
    }

    /// Absolute URL of a site path.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// Navigates to a site path (`/giam-sat/#anchor`) and waits until the new document is
    /// fully loaded (`readyState` complete).
    pub fn open(&self, path: &str) -> &Self {
        self.open_url(&self.url(path))
    }

    /// Navigates to an absolute URL (`about:blank`) and waits until it is loaded.
    ///
    /// Waits on the document itself rather than on Chromium's "network almost idle" (which a
    /// service worker precaching the site can delay for seconds): the old document is marked,
    /// and the wait ends when a document without the mark is complete. A change of fragment
    /// only (same document) waits for `location.href` instead.
    pub fn open_url(&self, url: &str) -> &Self {
        let here = eval(&self.tab, "location.href").ok();
        let here = here.as_ref().and_then(Value::as_str).unwrap_or("");
        let same_document = url.contains('#') && url.split('#').next() == here.split('#').next();
        let _ = eval(&self.tab, "window.__e2eOldDocument = true");
        self.tab
            .navigate_to(url)
            .unwrap_or_else(|e| panic!("opening {url}: {e:#}"));
        let done = if same_document {
            format!("location.href === {}", js_str(url))
        } else {
            "!window.__e2eOldDocument && document.readyState === 'complete'".to_string()
        };
        let start = Instant::now();
        while !eval(&self.tab, &done).as_ref().is_ok_and(truthy) {
            if start.elapsed() >= TIMEOUT {
                let state = eval(
                    &self.tab,
                    "JSON.stringify({href: location.href, readyState: document.readyState, \
                     oldDocument: !!window.__e2eOldDocument, \
                     loaded: performance.getEntriesByType('resource').map(r => r.name)})",
                );
                let in_flight = self.record().in_flight;
                panic!(
                    "opening {url}: not loaded after {TIMEOUT:?}; page state: {state:?}; \
                     requests in flight (id, url, s after the tab opened): {in_flight:?}"
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        self
    }

    /// Evaluates JavaScript in the page; panics on an exception.
    pub fn eval(&self, js: &str) -> Value {
        eval(&self.tab, js).unwrap_or_else(|e| panic!("{e:#}"))
    }

    /// Evaluates JavaScript expected to return a string.
    pub fn eval_str(&self, js: &str) -> String {
        match self.eval(js) {
            Value::String(s) => s,
            other => panic!("`{js}` returned {other}, not a string"),
        }
    }

    /// Polls a JavaScript condition until it is truthy; panics after `timeout` naming it.
    pub fn wait_until(&self, js: &str, timeout: Duration) {
        let start = Instant::now();
        loop {
            let last = eval(&self.tab, js);
            if last.as_ref().is_ok_and(truthy) {
                return;
            }
            if start.elapsed() >= timeout {
                panic!("timed out after {timeout:?} waiting for `{js}` (last: {last:?})");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until an element matches `selector`.
    pub fn wait_for(&self, selector: &str) -> &Self {
        self.wait_until(
            &format!("!!document.querySelector({})", js_str(selector)),
            TIMEOUT,
        );
        self
    }

    /// Waits until the element matching `selector` has `attr` equal to `value`.
    pub fn wait_for_attr(&self, selector: &str, attr: &str, value: &str) -> &Self {
        let js = format!(
            "(document.querySelector({})?.getAttribute({}) ?? null) === {}",
            js_str(selector),
            js_str(attr),
            js_str(value)
        );
        self.wait_until(&js, TIMEOUT);
        self
    }

    /// Text content (innerText, trimmed) of the first element matching `selector`.
    pub fn text(&self, selector: &str) -> String {
        self.wait_for(selector);
        self.eval_str(&format!(
            "document.querySelector({}).innerText.trim()",
            js_str(selector)
        ))
    }

    /// Attribute of the first element matching `selector` (None if absent).
    pub fn attr(&self, selector: &str, attr: &str) -> Option<String> {
        match self.eval(&format!(
            "document.querySelector({})?.getAttribute({}) ?? null",
            js_str(selector),
            js_str(attr)
        )) {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// Current page path (`location.pathname`).
    pub fn path(&self) -> String {
        self.eval_str("location.pathname")
    }

    /// Clicks the element matching `selector` as a user would (mouse event at its centre).
    pub fn click(&self, selector: &str) -> &Self {
        self.wait_for(selector);
        self.tab
            .find_element(selector)
            .and_then(|e| {
                e.scroll_into_view()?;
                e.click()?;
                Ok(())
            })
            .unwrap_or_else(|e| panic!("clicking {selector}: {e:#}"));
        self
    }

    /// Clicks a link and waits until the browser is on `expected_path`, fully loaded.
    pub fn click_and_wait_path(&self, selector: &str, expected_path: &str) -> &Self {
        self.click(selector);
        let js = format!(
            "location.pathname === {} && document.readyState === 'complete'",
            js_str(expected_path)
        );
        self.wait_until(&js, TIMEOUT);
        self
    }

    /// Cuts the network (or restores it) for this tab: CDP `Network.emulateNetworkConditions`.
    pub fn set_offline(&self, offline: bool) -> &Self {
        self.tab
            .call_method(Network::EmulateNetworkConditions {
                offline,
                latency: 0.0,
                download_throughput: -1.0,
                upload_throughput: -1.0,
                connection_Type: None,
                packet_loss: None,
                packet_queue_length: None,
                packet_reordering: None,
            })
            .expect("Network.emulateNetworkConditions");
        self
    }

    /// Slows this tab's network (CDP `Network.emulateNetworkConditions`): `kbit_per_s` down and
    /// up, `latency_ms` added to each request. The service worker's own requests are not
    /// throttled (another target).
    pub fn throttle(&self, kbit_per_s: f64, latency_ms: f64) -> &Self {
        let bytes_per_s = kbit_per_s * 1000.0 / 8.0;
        self.tab
            .call_method(Network::EmulateNetworkConditions {
                offline: false,
                latency: latency_ms,
                download_throughput: bytes_per_s,
                upload_throughput: bytes_per_s,
                connection_Type: None,
                packet_loss: None,
                packet_queue_length: None,
                packet_reordering: None,
            })
            .expect("Network.emulateNetworkConditions");
        self
    }

    /// Runs axe-core (npm `axe-core`, injected from `node_modules/`) on the open page and
    /// returns its violations, one line each: `id (impact): help — selectors`.
    pub fn axe_violations(&self) -> Vec<String> {
        let path = workspace_root().join("node_modules/axe-core/axe.min.js");
        let axe = fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!("{}: {e} (run `npm ci` or scripts/setup.sh)", path.display())
        });
        eval(&self.tab, &format!("{axe}\n;true")).expect("inject axe-core");
        let v = self.eval(
            "axe.run(document, { resultTypes: ['violations'] }).then(r => r.violations.map(v => \
             `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 5).map(n => n.target.join(' ')).join(', ')}`))",
        );
        serde_json::from_value(v).expect("axe violations as strings")
    }

    /// A snapshot of what the page has recorded so far.
    pub fn record(&self) -> Record {
        self.record.lock().unwrap().clone()
    }

    /// Console errors and uncaught exceptions so far.
    pub fn console_errors(&self) -> Vec<String> {
        self.record().console_errors
    }

    /// Every request URL so far.
    pub fn requests(&self) -> Vec<String> {
        self.record().requests
    }

    /// Panics listing any console error or uncaught exception.
    pub fn assert_no_console_errors(&self) {
        let errors = self.console_errors();
        assert!(
            errors.is_empty(),
            "console errors on {}:\n  {}",
            self.path(),
            errors.join("\n  ")
        );
    }

    /// Requests that left the site's origin (anything but `http://127.0.0.1:PORT/…`,
    /// `data:` and `blob:`).
    pub fn foreign_requests(&self) -> Vec<String> {
        let origin = format!("{}/", self.base);
        self.requests()
            .into_iter()
            .filter(|u| {
                !(u.starts_with(&origin) || u.starts_with("data:") || u.starts_with("blob:"))
            })
            .collect()
    }

    /// Panics listing every request that did not go to the site's own origin on 127.0.0.1.
    pub fn assert_all_requests_local(&self) {
        let foreign = self.foreign_requests();
        assert!(
            foreign.is_empty(),
            "requests left 127.0.0.1:\n  {}",
            foreign.join("\n  ")
        );
        assert!(
            !self.requests().is_empty(),
            "no request was recorded at all"
        );
    }

    /// Sets the viewport (CSS px).
    pub fn viewport(&self, size: (u32, u32)) -> &Self {
        set_viewport(&self.tab, size).expect("set viewport");
        self
    }

    /// Writes a screenshot of the viewport at `size` to `target/e2e-screenshots/<label>-<w>x<h>.png`
    /// and returns its path.
    pub fn screenshot_at(&self, label: &str, size: (u32, u32)) -> PathBuf {
        self.viewport(size);
        std::thread::sleep(Duration::from_millis(150)); // let layout settle
        let png = capture_png(&self.tab).expect("capture screenshot");
        let dir = screenshot_dir();
        fs::create_dir_all(&dir).expect("create screenshot dir");
        let path = dir.join(format!("{}-{}x{}.png", file_safe(label), size.0, size.1));
        fs::write(&path, png).expect("write screenshot");
        path
    }

    /// Screenshots at 360×800 and 1280×900 (the viewport is left at desktop).
    pub fn screenshots(&self, label: &str) -> [PathBuf; 2] {
        [
            self.screenshot_at(label, PHONE),
            self.screenshot_at(label, DESKTOP),
        ]
    }

    /// Screenshots at 360×800 and 1280×900 of the part of the page around `selector`: at each
    /// size the element is scrolled to the top of the viewport (or its centre with
    /// `center`) *instantly*. The site scrolls smoothly once loaded, and a plain
    /// `scrollIntoView()` followed by a capture photographs the scroll half-way; resizing
    /// then moves the element again.
    pub fn screenshots_of(&self, label: &str, selector: &str, center: bool) -> [PathBuf; 2] {
        let block = if center { "center" } else { "start" };
        let shot = |size| {
            self.viewport(size);
            std::thread::sleep(Duration::from_millis(150));
            self.eval(&format!(
                "(() => {{ const e = document.querySelector({}); if (!e) return false; \
                 e.scrollIntoView({{ block: '{block}', behavior: 'instant' }}); return true; }})()",
                serde_json::to_string(selector).unwrap()
            ));
            self.screenshot_at(label, size)
        };
        [shot(PHONE), shot(DESKTOP)]
    }

    /// Path of the screenshot written when this test fails.
    pub fn failure_screenshot_path(&self) -> PathBuf {
        screenshot_dir().join(format!("{}.png", file_safe(&self.name)))
    }

    fn write_failure_screenshot(&self) -> Result<PathBuf> {
        let png = capture_png(&self.tab)?;
        let path = self.failure_screenshot_path();
        fs::create_dir_all(screenshot_dir())?;
        fs::write(&path, png)?;
        Ok(path)
    }
}

fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        _ => true,
    }
}

impl Drop for Test {
    fn drop(&mut self) {
        if std::thread::panicking() {
            match self.write_failure_screenshot() {
                Ok(p) => eprintln!("e2e: failure screenshot: {}", p.display()),
                Err(e) => eprintln!("e2e: could not write the failure screenshot: {e:#}"),
            }
            let r = self.record();
            if !r.console_errors.is_empty() {
                eprintln!("e2e: console errors:\n  {}", r.console_errors.join("\n  "));
            }
        }
    }
}

/// Extracts every `<loc>` of a sitemap.
pub fn sitemap_locs(xml: &str) -> Vec<String> {
    xml.split("<loc>")
        .skip(1)
        .filter_map(|s| s.split("</loc>").next())
        .map(|s| s.trim().to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mime_types() {
        assert_eq!(mime_type(Path::new("a/calc.3f9a.wasm")), "application/wasm");
        assert_eq!(
            mime_type(Path::new("x.JS")),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(
            mime_type(Path::new("index.html")),
            "text/html; charset=utf-8"
        );
        assert_eq!(
            mime_type(Path::new("sitemap.xml")),
            "application/xml; charset=utf-8"
        );
        assert_eq!(mime_type(Path::new("noext")), "application/octet-stream");
    }

    #[test]
    fn resolve_paths() {
        let d = tempfile::tempdir().unwrap();
        fs::create_dir_all(d.path().join("giam-sat")).unwrap();
        fs::write(d.path().join("index.html"), "home").unwrap();
        fs::write(d.path().join("giam-sat/index.html"), "s").unwrap();
        fs::write(d.path().join("a b.css"), "").unwrap();
        let r = |u| resolve(d.path(), u);
        assert_eq!(r("/"), Resolved::File(d.path().join("index.html")));
        assert_eq!(r("/?q=1#x"), Resolved::File(d.path().join("index.html")));
        assert_eq!(
            r("/giam-sat/"),
            Resolved::File(d.path().join("giam-sat/index.html"))
        );
        assert_eq!(r("/giam-sat"), Resolved::Redirect("/giam-sat/".into()));
        assert_eq!(r("/a%20b.css"), Resolved::File(d.path().join("a b.css")));
        assert_eq!(r("/../etc/passwd"), Resolved::NotFound);
        assert_eq!(r("/nope/"), Resolved::NotFound);
        assert_eq!(r("/%zz"), Resolved::NotFound);
    }

    #[test]
    fn sitemap_parsing() {
        let xml =
            "<urlset><url><loc>http://x/</loc></url><url><loc> http://x/a/ </loc></url></urlset>";
        assert_eq!(sitemap_locs(xml), ["http://x/", "http://x/a/"]);
    }

    #[test]
    fn truthiness() {
        assert!(truthy(&Value::from(1)));
        assert!(!truthy(&Value::from("")));
        assert!(!truthy(&Value::Null));
        assert!(truthy(&serde_json::json!({})));
    }
}

/// What the calculator pages' tests (`calculator.rs`, `planner.rs`) share.
pub mod tool {
    use super::{Test, eval};
    use serde_json::Value;
    use std::time::{Duration, Instant};

    /// A Rust string as a JavaScript string literal.
    pub fn js(s: &str) -> String {
        serde_json::to_string(s).unwrap()
    }

    /// Opens a tool page and waits until the wasm module has started it (not for the load event:
    /// the page is usable once `data-calc-ready` is set by js/calc.js).
    pub fn open_tool(t: &Test, path: &str) {
        let ready = format!(
            "location.pathname === {} && document.querySelector('[data-tool]')?.dataset.calcReady === '1'",
            js(path.split('#').next().unwrap())
        );
        // A page load that stalls (seen under heavy CPU load with the harness's static server) is
        // retried once and reported, rather than failing the calculator's tests.
        for attempt in 0..2 {
            let _ = t.tab.evaluate(
                "document.querySelector('[data-tool]')?.removeAttribute('data-calc-ready')",
                false,
            );
            t.tab
                .navigate_to(&t.url(path))
                .unwrap_or_else(|e| panic!("opening {path}: {e:#}"));
            let start = Instant::now();
            while start.elapsed() < Duration::from_secs(20) {
                if eval(&t.tab, &ready).ok() == Some(Value::Bool(true)) {
                    return;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            eprintln!("tool page: {path} not ready after 20 s (attempt {attempt}), retrying");
        }
        t.wait_until(&ready, Duration::from_secs(20));
    }

    /// Types `text` into the field `id` as a user would (focus, select all, key events).
    pub fn type_into(t: &Test, id: &str, text: &str) {
        t.eval(&format!(
            "(() => {{ const e = document.getElementById({}); e.focus(); e.select(); return true; }})()",
            js(id)
        ));
        t.tab.type_str(text).expect("type");
    }

    /// Pastes `text` into the element `id` through a real `paste` event carrying clipboard data.
    pub fn paste(t: &Test, id: &str, text: &str) {
        t.eval(&format!(
            "(() => {{ const e = document.getElementById({}); e.focus(); const dt = new DataTransfer(); \
             dt.setData('text/plain', {}); \
             return e.dispatchEvent(new ClipboardEvent('paste', {{ clipboardData: dt, bubbles: true, cancelable: true }})); }})()",
            js(id),
            js(text)
        ));
    }
}
