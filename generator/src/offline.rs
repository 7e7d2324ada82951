//! Offline use: the service worker (`/sw.js`) and the web app manifest
//! (`/manifest.webmanifest`), generated at the end of the build from the files actually written.
//!
//! Design (no stale mix of builds):
//! - `sw.js` embeds the build id, the list of every page URL and every file under `/assets/`
//!   (content-hashed names, the wasm and the search index included), and a hash of the bytes of
//!   every file of the build (`VERSION`). Any change to the output, even a data-only one (a
//!   sample size, a notice), changes the file, so the browser installs the new worker.
//! - install: everything is fetched with `cache: "reload"` (bypassing the HTTP cache) into a new
//!   cache `sotay-<build id>-<version>`; `addAll` is all-or-nothing, so a half-downloaded build is never
//!   used. Then `skipWaiting()`.
//! - activate: every other `sotay-*` cache is deleted, then `clients.claim()`.
//! - fetch (GET, same origin): answered from the current build's cache first (instant on slow
//!   networks, identical offline), else the network; a page that is in neither gets the offline
//!   page `/ngoai-tuyen/`. Nothing fetched at run time is added to the cache, so the cache only
//!   ever holds one complete build. `?query` is ignored for pages (`/tim-kiem/?q=…`).
//! - update: `site/js/sw-register.js` asks for an update on every page load; when the new worker
//!   takes control it offers to reload the page, which then comes entirely from the new build.
use std::fs;
use std::io;
use std::path::Path;

use crate::config::Config;

/// The page shown for anything not cached while offline.
pub const OFFLINE_URL: &str = "/ngoai-tuyen/";
/// Prefix of the cache names; the full name is `sotay-<build id>-<version>`.
pub const CACHE_PREFIX: &str = "sotay-";
/// Theme colour (same teal as the icons and the light theme's `theme-color`).
pub const THEME_COLOR: &str = "#0b5f5a";

/// What [`write`] produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfflineReport {
    /// URLs the worker precaches.
    pub precache: Vec<String>,
    /// Total bytes of the precached files.
    pub bytes: u64,
    /// Hash of every file of the build but `sw.js` (12 hex digits): names the cache.
    pub version: String,
}

/// Files of the output that are never precached.
fn skipped(rel: &str) -> bool {
    matches!(rel, "sw.js" | "404.html" | "sitemap.xml" | "robots.txt")
        // The print pages hold every page again: printed online, not kept offline.
        || rel.starts_with("in/")
        || rel.rsplit('/').next().is_some_and(|n| n.starts_with('.'))
}

fn walk(dir: &Path, rel: &str, out: &mut Vec<(String, u64)>) -> io::Result<()> {
    let mut entries: Vec<_> = fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name().to_string_lossy().into_owned();
        let r = if rel.is_empty() {
            name
        } else {
            format!("{rel}/{name}")
        };
        let meta = e.metadata()?;
        if meta.is_dir() {
            walk(&e.path(), &r, out)?;
        } else {
            out.push((r, meta.len()));
        }
    }
    Ok(())
}

/// URL of an output file: `a/b/index.html` → `/a/b/`, `assets/x.css` → `/assets/x.css`.
fn url_of(rel: &str) -> String {
    if rel == "index.html" {
        "/".into()
    } else if let Some(dir) = rel.strip_suffix("/index.html") {
        format!("/{dir}/")
    } else {
        format!("/{rel}")
    }
}

/// Write `manifest.webmanifest` then `sw.js` into `out_dir` (the build's staging directory).
/// Call last, after every other file of the build is written.
pub fn write(out_dir: &Path, build_id: &str, config: &Config) -> io::Result<OfflineReport> {
    let mut files = Vec::new();
    walk(out_dir, "", &mut files)?;
    let icon = |size: &str| {
        files
            .iter()
            .map(|(r, _)| r.as_str())
            .find(|r| r.starts_with(&format!("assets/icon-{size}.")) && r.ends_with(".png"))
            .map(|r| format!("/{r}"))
    };
    let mut icons = Vec::new();
    for size in ["192", "512"] {
        if let Some(src) = icon(size) {
            icons.push(serde_json::json!({
                "src": src, "sizes": format!("{size}x{size}"), "type": "image/png", "purpose": "any"
            }));
            // The drawing keeps its mark inside the central 80 %: safe as maskable too.
            icons.push(serde_json::json!({
                "src": src, "sizes": format!("{size}x{size}"), "type": "image/png", "purpose": "maskable"
            }));
        }
    }
    let manifest = serde_json::json!({
        "name": config.title,
        "short_name": config.title,
        "description": config.description,
        "lang": "vi",
        "dir": "ltr",
        "id": "/",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOR,
        "icons": icons,
    });
    let manifest = serde_json::to_string_pretty(&manifest).map_err(io::Error::other)?;
    fs::write(out_dir.join("manifest.webmanifest"), &manifest)?;
    files.push(("manifest.webmanifest".into(), manifest.len() as u64));

    let mut precache = Vec::new();
    let mut bytes = 0;
    for (rel, len) in &files {
        let pageish = rel.ends_with("index.html");
        if skipped(rel) || !(pageish || rel.starts_with("assets/") || rel == "manifest.webmanifest")
        {
            continue;
        }
        precache.push(url_of(rel));
        bytes += len;
    }
    precache.sort();
    precache.dedup();
    let version = output_hash(out_dir, &files)?;
    fs::write(
        out_dir.join("sw.js"),
        service_worker(build_id, &version, &precache, bytes),
    )?;
    Ok(OfflineReport {
        precache,
        bytes,
        version,
    })
}

/// Hash of the output itself: every file's path and bytes (`files` as listed by [`walk`]).
/// Whatever input changed the site, the hash changes with it.
fn output_hash(out_dir: &Path, files: &[(String, u64)]) -> io::Result<String> {
    use rayon::prelude::*;
    let hashes: Vec<blake3::Hash> = files
        .par_iter()
        .filter(|(rel, _)| rel != "sw.js")
        .map(|(rel, _)| fs::read(out_dir.join(rel)).map(|b| blake3::hash(&b)))
        .collect::<io::Result<_>>()?;
    let mut h = blake3::Hasher::new();
    for ((rel, _), file) in files.iter().filter(|(r, _)| r != "sw.js").zip(&hashes) {
        h.update(rel.as_bytes());
        h.update(&[0]);
        h.update(file.as_bytes());
    }
    Ok(h.finalize().to_hex()[..12].to_string())
}

/// The service worker's source for a build whose output hashes to `version`; `bytes` is the
/// size of the precached files (the page says "Đã lưu để đọc ngoại tuyến, 2,1 MB").
pub fn service_worker(build_id: &str, version: &str, precache: &[String], bytes: u64) -> String {
    let list = serde_json::to_string(precache).unwrap_or_else(|_| "[]".into());
    let build = serde_json::to_string(build_id).unwrap_or_else(|_| "\"\"".into());
    let version = serde_json::to_string(version).unwrap_or_else(|_| "\"\"".into());
    SW_TEMPLATE
        .replace("__BUILD__", &build)
        .replace("__VERSION__", &version)
        .replace(
            "__PREFIX__",
            &serde_json::to_string(CACHE_PREFIX).unwrap_or_default(),
        )
        .replace(
            "__OFFLINE__",
            &serde_json::to_string(OFFLINE_URL).unwrap_or_default(),
        )
        .replace("__BYTES__", &bytes.to_string())
        .replace("__PRECACHE__", &list)
}

const SW_TEMPLATE: &str = r#"/* Sổ tay service worker, generated by `sotay build` (generator/src/offline.rs). */
"use strict";
const BUILD = __BUILD__;
const VERSION = __VERSION__;
const PREFIX = __PREFIX__;
const CACHE = PREFIX + BUILD + "-" + VERSION;
const OFFLINE = __OFFLINE__;
const BYTES = __BYTES__;
const PRECACHE = __PRECACHE__;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE.map((u) => new Request(u, { cache: "reload" }))))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "build" && event.source) event.source.postMessage({ build: BUILD, bytes: BYTES });
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET") return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin || url.pathname === "/sw.js") return;
  const page = req.mode === "navigate";
  event.respondWith(
    caches.open(CACHE).then((cache) =>
      cache.match(req, { ignoreSearch: page }).then(
        (hit) =>
          hit ||
          fetch(req).catch(() =>
            page ? cache.match(OFFLINE).then((off) => off || Response.error()) : Response.error()
          )
      )
    )
  );
});
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precaches_pages_and_assets_and_writes_manifest() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        for (rel, body) in [
            ("index.html", "home"),
            ("a/b/index.html", "page"),
            ("ngoai-tuyen/index.html", "offline"),
            ("assets/sotay.0123456789.css", "css"),
            ("assets/icon-192.aaaaaaaaaa.png", "png"),
            ("assets/icon-512.bbbbbbbbbb.png", "png"),
            ("assets/calc.cccccccccc.wasm", "wasm"),
            ("404.html", "nf"),
            ("sitemap.xml", "x"),
            ("robots.txt", "r"),
        ] {
            let p = d.join(rel);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(p, body).unwrap();
        }
        let r = write(d, "b1d", &Config::default()).unwrap();
        assert_eq!(
            r.precache,
            [
                "/",
                "/a/b/",
                "/assets/calc.cccccccccc.wasm",
                "/assets/icon-192.aaaaaaaaaa.png",
                "/assets/icon-512.bbbbbbbbbb.png",
                "/assets/sotay.0123456789.css",
                "/manifest.webmanifest",
                "/ngoai-tuyen/",
            ]
        );
        let sw = fs::read_to_string(d.join("sw.js")).unwrap();
        assert!(sw.contains("const BUILD = \"b1d\";"));
        assert!(sw.contains(&format!("const VERSION = \"{}\";", r.version)));
        // Changing any byte of any file (not only pages or assets) changes the version.
        fs::write(d.join("robots.txt"), "r2").unwrap();
        let r2 = write(d, "b1d", &Config::default()).unwrap();
        assert_ne!(r.version, r2.version);
        let sw2 = fs::read_to_string(d.join("sw.js")).unwrap();
        assert_ne!(sw, sw2, "a data-only change must give a new sw.js");
        assert!(sw.contains("\"/assets/calc.cccccccccc.wasm\""));
        assert!(!sw.contains("__"), "placeholder left in sw.js");
        let m: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(d.join("manifest.webmanifest")).unwrap())
                .unwrap();
        assert_eq!(m["name"], "Sổ tay");
        assert_eq!(m["display"], "standalone");
        assert_eq!(m["start_url"], "/");
        assert_eq!(m["icons"][0]["src"], "/assets/icon-192.aaaaaaaaaa.png");
        assert_eq!(m["icons"][2]["sizes"], "512x512");
    }
}
