//! One file-system policy for everything the generator reads from the project: `content/`
//! (pages and `_data/`), `site/` (templates, theme, static files), the `wasm/` sources it hashes
//! and the preview server's watcher. ARCHITECTURE.md ("Files the generator reads") states it:
//!
//! - **Symbolic links are followed when their target lies inside the project root** (a link to a
//!   shared folder of the project works like the folder). A link whose target leaves the root
//!   (`content/x.md -> /etc/passwd`) is an error naming the link and its target: nothing outside
//!   the project is ever published.
//! - **Cycles are detected**: a folder that links back to one of its own ancestors (two links to
//!   `.` under `content/_data`) is an error, never an endless walk.
//! - **Only regular files are read.** A FIFO, socket or device is skipped with a warning naming
//!   it (reading a FIFO would block the build forever); a dangling link is skipped with a
//!   warning.
//! - Names starting with `.` (editor swap files, `.git`) are not part of the project's content.
//!
//! Walking is `walkdir`'s (the crate ripgrep's authors maintain): sorted, depth-first, with loop
//! detection when following links.
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::error::{Diagnostic, line_col};

/// One file or folder found by [`walk`].
#[derive(Debug, Clone)]
pub struct Found {
    /// Path relative to the walked folder, `/`-separated (`giam-sat/dieu-18.md`).
    pub rel: String,
    /// Path to open (under the walked folder, links not resolved).
    pub path: PathBuf,
    /// A folder (after following a link).
    pub is_dir: bool,
}

/// What [`walk`] found, and what it refused.
#[derive(Debug, Default)]
pub struct Walked {
    /// Regular files and folders, sorted by name, parents before their contents.
    pub entries: Vec<Found>,
    /// Links leaving the project, link cycles, unreadable folders: the build fails on these.
    pub errors: Vec<Diagnostic>,
    /// Skipped entries (FIFOs, sockets, devices, dangling links): the build goes on.
    pub warnings: Vec<Diagnostic>,
}

/// The canonical form of the project root (the root itself when it cannot be resolved).
pub fn canonical_root(root: &Path) -> PathBuf {
    root.canonicalize().unwrap_or_else(|_| root.to_path_buf())
}

/// Shown form of `path`: relative to `root` when under it.
pub fn shown(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// Walk `dir` (a folder under `root`) under the policy above. `skip(rel, is_dir)` prunes entries
/// (a pruned folder is not entered). A missing `dir` gives an empty walk.
pub fn walk(root: &Path, dir: &Path, mut skip: impl FnMut(&str, bool) -> bool) -> Walked {
    let mut out = Walked::default();
    if !dir.exists() {
        return out;
    }
    let root_canon = canonical_root(root);
    let mut refused: Vec<Diagnostic> = Vec::new();
    let rel_of = |p: &Path| -> String {
        p.strip_prefix(dir)
            .unwrap_or(p)
            .to_string_lossy()
            .replace('\\', "/")
    };
    let iter = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .min_depth(1)
        .into_iter()
        .filter_entry(|e| {
            let Some(name) = e.file_name().to_str() else {
                refused.push(Diagnostic::new(
                    shown(root, e.path()),
                    "tên tệp không phải UTF-8 (file name is not UTF-8)",
                ));
                return false;
            };
            if name.starts_with('.') {
                return false;
            }
            if e.path_is_symlink() {
                match e.path().canonicalize() {
                    Ok(target) if !target.starts_with(&root_canon) => {
                        refused.push(Diagnostic::new(
                            shown(root, e.path()),
                            format!(
                                "liên kết tượng trưng trỏ ra ngoài thư mục dự án (→ {}): sotay chỉ đọc tệp \
                                 trong dự án; chép tệp vào dự án thay cho liên kết (symlink leaves the project)",
                                target.display()
                            ),
                        ));
                        return false;
                    }
                    _ => {}
                }
            }
            !skip(&rel_of(e.path()), e.file_type().is_dir())
        });
    for item in iter {
        match item {
            Ok(e) => {
                let ft = e.file_type();
                if ft.is_dir() || ft.is_file() {
                    out.entries.push(Found {
                        rel: rel_of(e.path()),
                        path: e.path().to_path_buf(),
                        is_dir: ft.is_dir(),
                    });
                } else {
                    out.warnings.push(Diagnostic::warning(
                        shown(root, e.path()),
                        "không phải tệp thường (FIFO, socket hoặc thiết bị): bỏ qua (not a regular file, skipped)",
                    ));
                }
            }
            Err(err) => {
                let path = err.path().map(|p| shown(root, p)).unwrap_or_default();
                if let Some(ancestor) = err.loop_ancestor() {
                    out.errors.push(Diagnostic::new(
                        path,
                        format!(
                            "vòng liên kết: thư mục này trỏ về thư mục cha {} của chính nó; xoá liên kết \
                             (symlink cycle)",
                            shown(root, ancestor).display()
                        ),
                    ));
                } else if err
                    .path()
                    .is_some_and(|p| p.symlink_metadata().is_ok() && p.metadata().is_err())
                {
                    out.warnings.push(Diagnostic::warning(
                        path,
                        "liên kết tượng trưng hỏng (đích không tồn tại): bỏ qua (dangling symlink, skipped)",
                    ));
                } else {
                    let why = err
                        .io_error()
                        .map(|e| e.to_string())
                        .unwrap_or_else(|| err.to_string());
                    out.errors
                        .push(Diagnostic::new(path, format!("không đọc được: {why}")));
                }
            }
        }
    }
    out.errors.append(&mut refused);
    out
}

/// Check that `path` may be read: a regular file (after following links) whose real location is
/// inside `root`. The message is what to tell the user.
pub fn check_readable(root: &Path, path: &Path) -> Result<(), String> {
    let meta = fs::metadata(path).map_err(|e| format!("không đọc được tệp: {e}"))?;
    if !meta.is_file() {
        return Err(if meta.is_dir() {
            "là thư mục, không phải tệp (is a directory)".into()
        } else {
            "không phải tệp thường (FIFO, socket hoặc thiết bị); sotay không đọc nó (not a regular file)"
                .into()
        });
    }
    let real = path
        .canonicalize()
        .map_err(|e| format!("không đọc được tệp: {e}"))?;
    if !real.starts_with(canonical_root(root)) {
        return Err(format!(
            "tệp nằm ngoài thư mục dự án (→ {}): sotay chỉ đọc tệp trong dự án (outside the project)",
            real.display()
        ));
    }
    Ok(())
}

/// Read a file of the project at `root` as strict UTF-8, under the file policy
/// ([`check_readable`]: a regular file inside the project). Invalid bytes are
/// reported at their line and column.
pub fn read_utf8(root: &Path, path: &Path, shown: &Path) -> Result<String, Diagnostic> {
    check_readable(root, path).map_err(|m| Diagnostic::new(shown, m))?;
    let bytes =
        fs::read(path).map_err(|e| Diagnostic::new(shown, format!("không đọc được tệp: {e}")))?;
    match String::from_utf8(bytes) {
        Ok(mut s) => {
            if s.starts_with('\u{feff}') {
                s.drain(..3);
            }
            Ok(s)
        }
        Err(e) => {
            let bytes = e.as_bytes();
            let good = e.utf8_error().valid_up_to();
            // The prefix is valid UTF-8 by definition.
            let prefix = std::str::from_utf8(&bytes[..good]).unwrap_or("");
            let (line, col) = line_col(prefix, prefix.len());
            Err(Diagnostic::new(
                shown,
                format!(
                    "tệp không phải UTF-8 hợp lệ: byte 0x{:02X} ở vị trí {good} (invalid UTF-8)",
                    bytes[good]
                ),
            )
            .at(line, Some(col)))
        }
    }
}

/// Read `path` under the policy of [`check_readable`].
pub fn read(root: &Path, path: &Path) -> io::Result<Vec<u8>> {
    check_readable(root, path).map_err(|m| io::Error::new(io::ErrorKind::InvalidInput, m))?;
    fs::read(path)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn rels(w: &Walked) -> Vec<String> {
        w.entries.iter().map(|e| e.rel.clone()).collect()
    }

    #[test]
    fn follows_links_inside_refuses_links_outside() {
        let outside = tempfile::tempdir().unwrap();
        fs::write(outside.path().join("secret.txt"), "x").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("content/a")).unwrap();
        fs::create_dir_all(root.join("shared")).unwrap();
        fs::write(root.join("content/a/p.md"), "p").unwrap();
        fs::write(root.join("shared/q.md"), "q").unwrap();
        symlink(root.join("shared"), root.join("content/linked")).unwrap();
        symlink(
            outside.path().join("secret.txt"),
            root.join("content/leak.md"),
        )
        .unwrap();
        symlink(outside.path(), root.join("content/out")).unwrap();
        let w = walk(root, &root.join("content"), |_, _| false);
        assert_eq!(rels(&w), ["a", "a/p.md", "linked", "linked/q.md"]);
        let errs: Vec<String> = w.errors.iter().map(|d| d.to_string()).collect();
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert!(
            errs.iter()
                .any(|e| e.starts_with("content/leak.md: liên kết tượng trưng trỏ ra ngoài"))
        );
        assert!(
            errs.iter()
                .any(|e| e.starts_with("content/out: liên kết tượng trưng trỏ ra ngoài"))
        );
        assert!(w.warnings.is_empty());
    }

    #[test]
    fn link_cycles_are_errors_not_endless_walks() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("content/_data")).unwrap();
        fs::write(root.join("content/_data/a.toml"), "").unwrap();
        symlink(".", root.join("content/_data/x")).unwrap();
        symlink(".", root.join("content/_data/y")).unwrap();
        let w = walk(root, &root.join("content"), |_, _| false);
        assert_eq!(rels(&w), ["_data", "_data/a.toml"]);
        assert_eq!(w.errors.len(), 2, "{:?}", w.errors);
        assert!(
            w.errors[0]
                .to_string()
                .starts_with("content/_data/x: vòng liên kết"),
            "{}",
            w.errors[0]
        );
    }

    #[test]
    fn fifos_and_dangling_links_are_skipped_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("content")).unwrap();
        let fifo = root.join("content/ong.md");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        symlink(root.join("khong-co"), root.join("content/hong.md")).unwrap();
        let w = walk(root, &root.join("content"), |_, _| false);
        assert!(w.entries.is_empty(), "{:?}", w.entries);
        assert!(w.errors.is_empty(), "{:?}", w.errors);
        let warns: Vec<String> = w.warnings.iter().map(|d| d.to_string()).collect();
        assert_eq!(warns.len(), 2, "{warns:?}");
        assert!(
            warns
                .iter()
                .any(|w| w.starts_with("content/ong.md: cảnh báo: không phải tệp thường"))
        );
        assert!(
            warns
                .iter()
                .any(|w| w.starts_with("content/hong.md: cảnh báo: liên kết tượng trưng hỏng"))
        );
        // Reading it directly is refused at once, not blocked.
        let e = check_readable(root, &fifo).unwrap_err();
        assert!(e.contains("không phải tệp thường"), "{e}");
    }

    #[test]
    fn reading_refuses_files_outside_the_root() {
        let outside = tempfile::tempdir().unwrap();
        fs::write(outside.path().join("s.toml"), "x").unwrap();
        let dir = tempfile::tempdir().unwrap();
        symlink(outside.path().join("s.toml"), dir.path().join("sotay.toml")).unwrap();
        let e = read(dir.path(), &dir.path().join("sotay.toml")).unwrap_err();
        assert!(e.to_string().contains("ngoài thư mục dự án"), "{e}");
        fs::write(dir.path().join("ok.toml"), "y").unwrap();
        assert_eq!(read(dir.path(), &dir.path().join("ok.toml")).unwrap(), b"y");
    }
}
