//! The calculator build (ARCHITECTURE.md, "The calculator build"):
//! `cargo build -p sotay-calc --target wasm32-unknown-unknown --profile wasm-release` in its own
//! target directory (`target/wasm`), the `.wasm` found through `--message-format=json`, JS glue
//! from `wasm-bindgen-cli-support` used as a library, `wasm-opt -Oz` when installed, and a cache
//! keyed on the hash of `wasm/src/**`, `wasm/Cargo.toml` and `Cargo.lock`.
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::error::Diagnostic;

pub const TARGET: &str = "wasm32-unknown-unknown";

/// The wasm modules the site ships, one per page kind, each built from `sotay-calc` with only
/// the cargo features its pages use (wasm/Cargo.toml): a planner on the allocation page does not
/// download the deadlines page or the search engine. Asset keys are `<name>.js` and
/// `<name>.wasm` (`asset("calc-search.wasm")` in templates).
/// Measured (gzip -9, issue 5): one module with everything 107.5 KB; allocation 65, deadlines
/// 53, search 41.
pub const MODULES: &[(&str, &str)] = &[
    ("calc-phan-bo-mau", "tool-alloc"),
    ("calc-han-bao-cao", "tool-dl"),
    ("calc-search", "search"),
];

/// One module's glue JS and (optimised) wasm.
#[derive(Debug)]
pub struct WasmOutput {
    /// Asset name without extension (`calc-search`).
    pub name: &'static str,
    pub js: Vec<u8>,
    pub wasm: Vec<u8>,
}

fn diag(msg: impl Into<String>) -> Vec<Diagnostic> {
    vec![Diagnostic::new("wasm/Cargo.toml", msg)]
}

/// Hash every file under `dir` (walked under the project's file policy, [`crate::fsutil`]).
fn hash_dir(root: &Path, dir: &Path, hasher: &mut blake3::Hasher) {
    for e in crate::fsutil::walk(root, dir, |_, _| false).entries {
        if e.is_dir {
            continue;
        }
        if let Ok(bytes) = fs::read(&e.path) {
            hasher.update(e.rel.as_bytes());
            hasher.update(&(bytes.len() as u64).to_le_bytes());
            hasher.update(&bytes);
        }
    }
}

/// Cache key: every input of the wasm build, plus whether wasm-opt will run.
pub fn cache_key(root: &Path, wasm_opt: Option<&Path>) -> String {
    let mut h = blake3::Hasher::new();
    h.update(b"sotay-wasm-v2");
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    hash_dir(root, &root.join("wasm/src"), &mut h);
    for f in ["wasm/Cargo.toml", "Cargo.lock", "Cargo.toml"] {
        h.update(f.as_bytes());
        if let Ok(b) = fs::read(root.join(f)) {
            h.update(&b);
        }
    }
    h.update(if wasm_opt.is_some() { b"opt" } else { b"raw" });
    h.finalize().to_hex()[..16].to_string()
}

/// `node_modules/.bin/wasm-opt` (npm `binaryen`) first, then `PATH`.
pub fn find_wasm_opt(root: &Path) -> Option<PathBuf> {
    let local = root.join("node_modules/.bin/wasm-opt");
    if local.is_file() {
        return Some(local);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join("wasm-opt"))
        .find(|p| p.is_file())
}

/// Make sure the wasm32 target is installed (with rustup); explain what to run otherwise.
fn ensure_target() -> Result<(), Vec<Diagnostic>> {
    match Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
    {
        Ok(out) if out.status.success() => {
            if String::from_utf8_lossy(&out.stdout)
                .lines()
                .any(|l| l.trim() == TARGET)
            {
                return Ok(());
            }
            eprintln!("sotay: cài đích {TARGET}: rustup target add {TARGET}");
            let status = Command::new("rustup")
                .args(["target", "add", TARGET])
                .status()
                .map_err(|e| diag(format!("không chạy được `rustup target add {TARGET}`: {e}")))?;
            if status.success() {
                Ok(())
            } else {
                Err(diag(format!(
                    "`rustup target add {TARGET}` thất bại ({status})"
                )))
            }
        }
        // No rustup: the build will say whether the target is there; the error explains.
        _ => Ok(()),
    }
}

/// Build every module of [`MODULES`] (or take them from the cache).
pub fn build(root: &Path) -> Result<Vec<WasmOutput>, Vec<Diagnostic>> {
    let wasm_opt = find_wasm_opt(root);
    let key = cache_key(root, wasm_opt.as_deref());
    let mut target_ready = false;
    MODULES
        .iter()
        .map(|&(name, features)| {
            build_one(
                root,
                wasm_opt.as_deref(),
                &key,
                name,
                features,
                &mut target_ready,
            )
        })
        .collect()
}

fn build_one(
    root: &Path,
    wasm_opt: Option<&Path>,
    key: &str,
    name: &'static str,
    features: &str,
    target_ready: &mut bool,
) -> Result<WasmOutput, Vec<Diagnostic>> {
    let target_dir = root.join("target/wasm");
    let cache = target_dir.join("sotay-cache").join(key);
    let (cached_js, cached_wasm) = (
        cache.join(format!("{name}.js")),
        cache.join(format!("{name}.wasm")),
    );
    if let (Ok(js), Ok(wasm)) = (fs::read(&cached_js), fs::read(&cached_wasm)) {
        return Ok(WasmOutput {
            name,
            js: strip_line_comments(&js),
            wasm,
        });
    }
    if !*target_ready {
        ensure_target()?;
        *target_ready = true;
    }
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut child = Command::new(&cargo)
        .args([
            "build",
            "-p",
            "sotay-calc",
            "--target",
            TARGET,
            "--profile",
            "wasm-release",
            "--no-default-features",
            "--features",
            features,
        ])
        .arg("--message-format=json-render-diagnostics")
        .current_dir(root)
        .env("CARGO_TARGET_DIR", &target_dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| diag(format!("không chạy được cargo: {e}")))?;
    let mut wasm_file = None;
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let Ok(msg) = serde_json::from_str::<serde_json::Value>(&line) else {
                continue;
            };
            if msg["reason"] != "compiler-artifact" || msg["target"]["name"] != "sotay_calc" {
                continue;
            }
            if let Some(files) = msg["filenames"].as_array() {
                for f in files.iter().filter_map(|f| f.as_str()) {
                    if f.ends_with(".wasm") {
                        wasm_file = Some(PathBuf::from(f));
                    }
                }
            }
        }
    }
    let status = child.wait().map_err(|e| diag(format!("cargo: {e}")))?;
    if !status.success() {
        let hint = if Command::new("rustup").arg("--version").output().is_err() {
            format!(
                " — nếu thiếu đích {TARGET} mà không có rustup, hãy cài nó (với rustup: `rustup target add {TARGET}`; với Debian: `apt-get install libstd-rust-dev-wasm32`)"
            )
        } else {
            String::new()
        };
        return Err(diag(format!(
            "biên dịch máy tính (wasm) thất bại: cargo build -p sotay-calc --target {TARGET} --profile wasm-release --no-default-features --features {features} ({status}){hint}"
        )));
    }
    let Some(wasm_file) = wasm_file else {
        return Err(diag(
            "cargo không báo tệp .wasm nào cho sotay-calc (no .wasm artifact)",
        ));
    };

    let work = target_dir.join("sotay-bindgen").join(name);
    let _ = fs::remove_dir_all(&work);
    fs::create_dir_all(&work)
        .map_err(|e| diag(format!("không tạo được {}: {e}", work.display())))?;
    let mut bindgen = wasm_bindgen_cli_support::Bindgen::new();
    bindgen
        .input_path(&wasm_file)
        .web(true)
        .and_then(|b| b.typescript(false).out_name(name).generate(&work))
        .map_err(|e| diag(format!("wasm-bindgen: {e:#}")))?;
    let glue = work.join(format!("{name}.js"));
    let mut module = work.join(format!("{name}_bg.wasm"));
    if let Some(opt) = wasm_opt {
        let optimised = work.join(format!("{name}_bg.opt.wasm"));
        match Command::new(opt)
            .arg("-Oz")
            .arg(&module)
            .arg("-o")
            .arg(&optimised)
            .output()
        {
            Ok(o) if o.status.success() => module = optimised,
            Ok(o) => eprintln!(
                "sotay: cảnh báo: wasm-opt thất bại, giữ bản chưa tối ưu: {}",
                String::from_utf8_lossy(&o.stderr)
                    .lines()
                    .next()
                    .unwrap_or("")
            ),
            Err(e) => eprintln!("sotay: cảnh báo: không chạy được {}: {e}", opt.display()),
        }
    }
    let js =
        fs::read(&glue).map_err(|e| diag(format!("không đọc được {}: {e}", glue.display())))?;
    let wasm =
        fs::read(&module).map_err(|e| diag(format!("không đọc được {}: {e}", module.display())))?;
    // Cache for the next build; failure to cache is not an error.
    if fs::create_dir_all(&cache).is_ok() {
        let _ = fs::write(&cached_js, &js);
        let _ = fs::write(&cached_wasm, &wasm);
    }
    Ok(WasmOutput {
        name,
        js: strip_line_comments(&js),
        wasm,
    })
}

/// Drop the glue's whole-line `//` comments. They cost bytes on every phone, and one of them
/// carries a documentation URL of a third-party host (the site must name none). Only lines
/// that *start* with `//` go, which in wasm-bindgen's generated code are always comments.
pub fn strip_line_comments(js: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(js.len());
    for line in js.split_inclusive(|&b| b == b'\n') {
        let trimmed = line.trim_ascii_start();
        if !trimmed.starts_with(b"//") {
            out.extend_from_slice(line);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn glue_comments_are_stripped_code_kept() {
        let js = b"let a = 1; // keep: code before\n        // https://developer.mozilla.org/x\nconst u = 'http://x//y';\n";
        let out = String::from_utf8(super::strip_line_comments(js)).unwrap();
        assert_eq!(
            out,
            "let a = 1; // keep: code before\nconst u = 'http://x//y';\n"
        );
    }

    use super::*;

    #[test]
    fn cache_key_follows_sources() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("wasm/src")).unwrap();
        fs::write(dir.path().join("wasm/src/lib.rs"), "pub fn a() {}").unwrap();
        let k1 = cache_key(dir.path(), None);
        assert_eq!(k1, cache_key(dir.path(), None));
        assert_ne!(k1, cache_key(dir.path(), Some(Path::new("/x/wasm-opt"))));
        fs::write(dir.path().join("wasm/src/lib.rs"), "pub fn b() {}").unwrap();
        assert_ne!(k1, cache_key(dir.path(), None));
    }
}
