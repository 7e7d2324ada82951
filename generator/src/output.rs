//! Atomic output: the site is written to a sibling temporary directory, then swapped into place
//! with renames (old → `.NAME.old-PID`, new → NAME, old removed). If the build fails, the
//! temporary directory is removed and the previous output is untouched.
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// A directory being filled, to replace `out` on [`Staging::commit`].
#[derive(Debug)]
pub struct Staging {
    tmp: PathBuf,
    out: PathBuf,
    done: bool,
}

fn sibling(out: &Path, tag: &str) -> io::Result<PathBuf> {
    let name = out
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "thư mục ra không có tên"))?;
    let parent = out.parent().unwrap_or(Path::new("."));
    Ok(parent.join(format!(
        ".{}.{tag}-{}",
        name.to_string_lossy(),
        std::process::id()
    )))
}

impl Staging {
    /// Create the temporary sibling of `out` (its parent is created if needed).
    pub fn new(out: &Path) -> io::Result<Staging> {
        if let Some(parent) = out.parent()
            && !parent.as_os_str().is_empty()
        {
            fs::create_dir_all(parent)?;
        }
        let tmp = sibling(out, "tmp")?;
        if tmp.exists() {
            fs::remove_dir_all(&tmp)?;
        }
        fs::create_dir(&tmp)?;
        Ok(Staging {
            tmp,
            out: out.to_path_buf(),
            done: false,
        })
    }

    /// The temporary directory.
    pub fn path(&self) -> &Path {
        &self.tmp
    }

    /// Write `bytes` to `rel` (a `/`-separated path) inside the staging directory.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.tmp.join(rel.trim_start_matches('/'));
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(path, bytes)
    }

    /// Copy `src` to `rel` inside the staging directory.
    pub fn copy(&self, rel: &str, src: &Path) -> io::Result<()> {
        let path = self.tmp.join(rel.trim_start_matches('/'));
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::copy(src, path).map(|_| ())
    }

    /// Swap the staging directory into place.
    pub fn commit(mut self) -> io::Result<()> {
        let old = sibling(&self.out, "old")?;
        if old.exists() {
            fs::remove_dir_all(&old)?;
        }
        let had_old = match fs::symlink_metadata(&self.out) {
            Ok(_) => {
                fs::rename(&self.out, &old)?;
                true
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => false,
            Err(e) => return Err(e),
        };
        if let Err(e) = fs::rename(&self.tmp, &self.out) {
            if had_old {
                // Put the previous output back.
                let _ = fs::rename(&old, &self.out);
            }
            return Err(e);
        }
        self.done = true;
        if had_old {
            // The new site is in place; a failure to delete the old copy is not a build error.
            remove_dir_parallel(&old);
        }
        Ok(())
    }
}

/// Remove a directory tree, its top-level entries in parallel (unlinking thousands of pages is
/// the slowest part of replacing a large site).
fn remove_dir_parallel(dir: &Path) {
    use rayon::prelude::*;
    if let Ok(entries) = fs::read_dir(dir) {
        let paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        paths.par_iter().for_each(|p| {
            let _ = if p.is_dir() {
                fs::remove_dir_all(p)
            } else {
                fs::remove_file(p)
            };
        });
    }
    let _ = fs::remove_dir_all(dir);
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            remove_dir_parallel(&self.tmp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_replaces_and_drop_discards() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let s = Staging::new(&out).unwrap();
        s.write("a/index.html", b"one").unwrap();
        s.commit().unwrap();
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "one");

        // A staging dropped without commit leaves the old output as it was.
        let s = Staging::new(&out).unwrap();
        s.write("a/index.html", b"two").unwrap();
        let tmp = s.path().to_path_buf();
        drop(s);
        assert!(!tmp.exists());
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "one");

        let s = Staging::new(&out).unwrap();
        s.write("b.txt", b"three").unwrap();
        s.commit().unwrap();
        assert!(!out.join("a/index.html").exists());
        assert_eq!(fs::read_to_string(out.join("b.txt")).unwrap(), "three");
        // No leftovers next to the output.
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }
}
