//! The calculator build (ARCHITECTURE.md, "The calculator build"): for each page module,
//! `cargo build -p sotay-calc-web --target wasm32-unknown-unknown --profile wasm-release
//! --no-default-features --features <page>` in its own target directory (`target/wasm`), the
//! `.wasm` found through `--message-format=json`, JS glue from `wasm-bindgen-cli-support` used as
//! a library, `wasm-opt -Oz` when installed, and a cache per module keyed on that module's own
//! inputs: the source files its last build read (cargo's dep-info), the manifests and
//! `Cargo.lock`. Touching the search engine rebuilds only the search module.
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

/// The files whose contents every module's key covers besides its sources.
const MANIFESTS: &[&str] = &[
    "Cargo.lock",
    "Cargo.toml",
    "wasm/Cargo.toml",
    "wasm/web/Cargo.toml",
];

/// Cache key of one module: its name and features, whether wasm-opt runs, the manifests, and
/// each of `deps` (its source files, relative to `root`) with its contents. A missing source
/// counts as a change.
pub fn module_key(
    root: &Path,
    name: &str,
    features: &str,
    wasm_opt: Option<&Path>,
    deps: &[String],
) -> String {
    let mut h = blake3::Hasher::new();
    h.update(b"sotay-wasm-v3\0");
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    for part in [
        name,
        features,
        if wasm_opt.is_some() { "opt" } else { "raw" },
    ] {
        h.update(part.as_bytes());
        h.update(b"\0");
    }
    for f in MANIFESTS
        .iter()
        .copied()
        .chain(deps.iter().map(String::as_str))
    {
        h.update(f.as_bytes());
        h.update(b"\0");
        match crate::fsutil::read(root, &root.join(f)) {
            Ok(b) => {
                h.update(&(b.len() as u64).to_le_bytes());
                h.update(&b);
            }
            Err(_) => {
                h.update(b"missing");
            }
        }
    }
    h.finalize().to_hex()[..16].to_string()
}

/// The local source files of a cargo dep-info file (`target: a.rs b\ c.rs …`), relative to
/// `root`; files outside it (the standard library, registry crates) are left out: they change
/// only with `Cargo.lock` or the toolchain.
pub fn parse_dep_info(text: &str, root: &Path) -> Vec<String> {
    let Some((_, deps)) = text.lines().next().and_then(|l| l.split_once(": ")) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = deps.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&' ') => {
                cur.push(' ');
                chars.next();
            }
            ' ' => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    let root = crate::fsutil::canonical_root(root);
    let mut rel: Vec<String> = out
        .into_iter()
        .filter_map(|p| {
            Path::new(&p)
                .strip_prefix(&root)
                .ok()
                .map(|r| r.to_string_lossy().replace('\\', "/"))
        })
        .collect();
    rel.sort();
    rel.dedup();
    rel
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
    let mut target_ready = false;
    MODULES
        .iter()
        .map(|&(name, features)| {
            build_one(root, wasm_opt.as_deref(), name, features, &mut target_ready)
        })
        .collect()
}

/// The cached glue and module under `key`, if both are there.
fn cached(cache: &Path, key: &str, name: &'static str) -> Option<WasmOutput> {
    let dir = cache.join(key);
    let js = fs::read(dir.join(format!("{name}.js"))).ok()?;
    let wasm = fs::read(dir.join(format!("{name}.wasm"))).ok()?;
    Some(WasmOutput {
        name,
        js: strip_line_comments(&js),
        wasm,
    })
}

fn build_one(
    root: &Path,
    wasm_opt: Option<&Path>,
    name: &'static str,
    features: &str,
    target_ready: &mut bool,
) -> Result<WasmOutput, Vec<Diagnostic>> {
    let target_dir = root.join("target/wasm");
    let cache = target_dir.join("sotay-cache");
    // The sources this module's last build read: unchanged, and its output is the cached one.
    let deps_file = cache.join(format!("{name}.deps"));
    if let Ok(list) = fs::read_to_string(&deps_file) {
        let deps: Vec<String> = list.lines().map(str::to_string).collect();
        let key = module_key(root, name, features, wasm_opt, &deps);
        if let Some(out) = cached(&cache, &key, name) {
            return Ok(out);
        }
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
            "sotay-calc-web",
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
            if msg["reason"] != "compiler-artifact" || msg["target"]["name"] != "sotay_calc_web" {
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
            "biên dịch máy tính (wasm) thất bại: cargo build -p sotay-calc-web --target {TARGET} --profile wasm-release --no-default-features --features {features} ({status}){hint}"
        )));
    }
    let Some(wasm_file) = wasm_file else {
        return Err(diag(
            "cargo không báo tệp .wasm nào cho sotay-calc-web (no .wasm artifact)",
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
    // Cache for the next build, under the key of the sources this build read (cargo's
    // dep-info next to the artifact); failure to cache is not an error.
    let deps = fs::read_to_string(wasm_file.with_extension("d"))
        .map(|d| parse_dep_info(&d, root))
        .unwrap_or_default();
    if !deps.is_empty() {
        let key = module_key(root, name, features, wasm_opt, &deps);
        let dir = cache.join(&key);
        if fs::create_dir_all(&dir).is_ok()
            && fs::write(dir.join(format!("{name}.js")), &js).is_ok()
            && fs::write(dir.join(format!("{name}.wasm")), &wasm).is_ok()
        {
            let _ = fs::write(&deps_file, deps.join("\n"));
        }
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
    fn a_module_key_follows_its_own_sources_only() {
        let dir = tempfile::tempdir().unwrap();
        let r = dir.path();
        fs::create_dir_all(r.join("wasm/src/search")).unwrap();
        fs::write(r.join("wasm/src/lib.rs"), "pub mod search;").unwrap();
        fs::write(r.join("wasm/src/search/mod.rs"), "pub fn a() {}").unwrap();
        fs::write(r.join("wasm/src/alloc.rs"), "pub fn b() {}").unwrap();
        let search = [
            "wasm/src/lib.rs".to_string(),
            "wasm/src/search/mod.rs".to_string(),
        ];
        let alloc = [
            "wasm/src/lib.rs".to_string(),
            "wasm/src/alloc.rs".to_string(),
        ];
        let key = |deps: &[String]| module_key(r, "m", "f", None, deps);
        let (s1, a1) = (key(&search), key(&alloc));
        assert_eq!(s1, key(&search));
        assert_ne!(
            s1,
            module_key(r, "m", "f", Some(Path::new("/x/wasm-opt")), &search)
        );
        // Touching the search engine changes the search module's key, not the tool's.
        fs::write(r.join("wasm/src/search/mod.rs"), "pub fn a2() {}").unwrap();
        assert_ne!(s1, key(&search));
        assert_eq!(a1, key(&alloc));
        // A shared file changes both; a manifest too.
        fs::write(r.join("wasm/src/lib.rs"), "pub mod search; // x").unwrap();
        assert_ne!(a1, key(&alloc));
        let a2 = key(&alloc);
        fs::write(r.join("Cargo.lock"), "x").unwrap();
        assert_ne!(a2, key(&alloc));
    }

    #[test]
    fn dep_info_gives_the_local_sources() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let d = format!(
            "{r}/target/x.wasm: {r}/wasm/src/lib.rs {r}/wasm/web/src/a\\ b.rs /rustc/std/lib.rs {r}/wasm/src/lib.rs\n",
            r = root.display()
        );
        assert_eq!(
            parse_dep_info(&d, &root),
            ["wasm/src/lib.rs", "wasm/web/src/a b.rs"]
        );
    }
}
