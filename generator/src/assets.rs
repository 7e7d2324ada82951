//! Theme files (`site/css`, `site/js`, `site/icons`) copied to `/assets/` with a content hash in
//! their names, and `site/static/**` copied verbatim to the site root.
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::error::Diagnostic;

/// The folders of `site/` that are fingerprinted.
pub const THEME_DIRS: &[&str] = &["css", "js", "icons"];

/// First 10 hex digits of the BLAKE3 hash of `bytes`.
pub fn short_hash(bytes: &[u8]) -> String {
    let h = blake3::hash(bytes).to_hex();
    h[..10].to_string()
}

/// `sotay.css` + bytes → `sotay.3f9a1c2e01.css`.
pub fn fingerprinted_name(name: &str, bytes: &[u8]) -> String {
    let hash = short_hash(bytes);
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => format!("{stem}.{hash}.{ext}"),
        _ => format!("{name}.{hash}"),
    }
}

/// All files that go to the output besides pages.
#[derive(Debug, Default)]
pub struct Assets {
    /// `css/sotay.css` (path under site/, or `calc.js`) → `/assets/sotay.3f9a1c2e01.css`.
    pub urls: HashMap<String, String>,
    /// Output path relative to the site root → bytes.
    pub blobs: Vec<(String, Vec<u8>)>,
    /// Output path relative to the site root → source file copied verbatim.
    pub copies: Vec<(String, PathBuf)>,
    /// Files skipped under the file policy ([`crate::fsutil`]): printed, not fatal.
    pub warnings: Vec<Diagnostic>,
}

impl Assets {
    /// Add one fingerprinted asset under the key `key` (file name taken from its last segment).
    pub fn add(&mut self, key: &str, bytes: Vec<u8>) {
        let name = key.rsplit('/').next().unwrap_or(key);
        let out = format!("assets/{}", fingerprinted_name(name, &bytes));
        self.urls.insert(key.to_string(), format!("/{out}"));
        self.blobs.push((out, bytes));
    }

    /// Every output path (with a leading `/`) these assets produce.
    pub fn output_paths(&self) -> impl Iterator<Item = String> + '_ {
        self.blobs
            .iter()
            .map(|(p, _)| format!("/{p}"))
            .chain(self.copies.iter().map(|(p, _)| format!("/{p}")))
    }

    /// A hash of all asset contents (part of the build id).
    pub fn digest(&self, hasher: &mut blake3::Hasher) {
        let mut keys: Vec<_> = self.urls.iter().collect();
        keys.sort();
        for (k, v) in keys {
            hasher.update(k.as_bytes());
            hasher.update(v.as_bytes());
        }
    }
}

/// The regular files under `dir` (a folder of `root`), under the file policy of
/// [`crate::fsutil`]: `(path relative to dir, path)`.
fn walk_files(
    root: &Path,
    dir: &Path,
    prefix: &str,
    out: &mut Vec<(String, PathBuf)>,
    errors: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) {
    let mut found = crate::fsutil::walk(root, dir, |_, _| false);
    errors.append(&mut found.errors);
    warnings.append(&mut found.warnings);
    for e in found.entries.into_iter().filter(|e| !e.is_dir) {
        let rel = if prefix.is_empty() {
            e.rel
        } else {
            format!("{prefix}/{}", e.rel)
        };
        out.push((rel, e.path));
    }
}

/// Collect the theme's files under `root/site`.
pub fn collect(root: &Path) -> Result<Assets, Vec<Diagnostic>> {
    let site = root.join("site");
    let mut assets = Assets::default();
    let mut errors = Vec::new();
    let mut seen_names: HashMap<String, String> = HashMap::new();
    for dir in THEME_DIRS {
        let abs = site.join(dir);
        if !abs.is_dir() {
            continue;
        }
        let mut files = Vec::new();
        let mut warnings = std::mem::take(&mut assets.warnings);
        walk_files(root, &abs, dir, &mut files, &mut errors, &mut warnings);
        assets.warnings = warnings;
        for (rel, path) in files {
            match fs::read(&path) {
                Ok(bytes) => {
                    assets.add(&rel, bytes);
                    let url = &assets.urls[&rel];
                    if let Some(other) = seen_names.insert(url.clone(), rel.clone())
                        && other != rel
                    {
                        // Same name and same content in two folders: harmless, one file.
                        assets.blobs.pop();
                    }
                }
                Err(e) => errors.push(Diagnostic::new(
                    format!("site/{rel}"),
                    format!("không đọc được tệp: {e}"),
                )),
            }
        }
    }
    let static_dir = site.join("static");
    if static_dir.is_dir() {
        let mut files = Vec::new();
        let mut warnings = std::mem::take(&mut assets.warnings);
        walk_files(
            root,
            &static_dir,
            "",
            &mut files,
            &mut errors,
            &mut warnings,
        );
        assets.warnings = warnings;
        assets.copies = files;
    }
    if errors.is_empty() {
        Ok(assets)
    } else {
        errors.append(&mut assets.warnings);
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        let n = fingerprinted_name("sotay.css", b"body{}");
        assert!(n.starts_with("sotay.") && n.ends_with(".css"), "{n}");
        assert_eq!(n.len(), "sotay..css".len() + 10);
        assert_ne!(n, fingerprinted_name("sotay.css", b"body{ }"));
        assert_eq!(
            fingerprinted_name("LICENSE", b"x").len(),
            "LICENSE.".len() + 10
        );
    }

    #[test]
    fn collect_theme() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("site/css")).unwrap();
        fs::create_dir_all(dir.path().join("site/static/x")).unwrap();
        fs::write(dir.path().join("site/css/a.css"), "a{}").unwrap();
        fs::write(dir.path().join("site/static/robots.txt"), "User-agent: *").unwrap();
        fs::write(dir.path().join("site/static/x/y.txt"), "y").unwrap();
        let a = collect(dir.path()).unwrap();
        assert!(a.urls["css/a.css"].starts_with("/assets/a."));
        let copies: Vec<&str> = a.copies.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(copies, ["robots.txt", "x/y.txt"]);
    }
}
