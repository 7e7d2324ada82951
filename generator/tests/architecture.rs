//! The generator's modules depend one way only (ARCHITECTURE.md, "Codemap"): each module may use
//! modules of its own layer or below, never above, and the graph has no cycle. The `use` graph
//! is read from the sources with `syn` (the Rust parser), test code (`#[cfg(test)]`) left out.
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use syn::visit::Visit;

/// Every top-level module of the generator's library, by layer (lowest first).
const LAYERS: &[&[&str]] = &[
    // Leaves: diagnostics, names, paths, HTML and Markdown reading, the file policy, the server.
    &[
        "error", "slug", "url", "html", "md", "fsutil", "tomlstr", "rawhtml", "http",
    ],
    // Loading text (never rendering).
    &["config", "content"],
    // The model of the site and its data.
    &["model", "data"],
    // The data blocks.
    &["blocks"],
    // Rendering: Markdown pages, templates, cross-references, the glossary's expansion.
    &["render", "crossref", "glossary", "print"],
    // What is made from the rendered site.
    &[
        "links",
        "search",
        "offline",
        "assets",
        "output",
        "wasm_build",
    ],
    // The whole build.
    &["pipeline"],
    // Commands over the build.
    &["serve", "calc", "pdf"],
];

/// Collects the top-level modules named by `crate::…` paths and `use crate::…` trees.
struct Uses(BTreeSet<String>);

impl<'ast> Visit<'ast> for Uses {
    fn visit_path(&mut self, p: &'ast syn::Path) {
        let segs: Vec<String> = p.segments.iter().map(|s| s.ident.to_string()).collect();
        if segs.len() >= 2 && segs[0] == "crate" {
            self.0.insert(segs[1].clone());
        }
        syn::visit::visit_path(self, p);
    }
    fn visit_use_tree(&mut self, t: &'ast syn::UseTree) {
        if let syn::UseTree::Path(p) = t
            && p.ident == "crate"
        {
            let mut names = Vec::new();
            collect_first(&p.tree, &mut names);
            self.0.extend(names);
            return;
        }
        syn::visit::visit_use_tree(self, t);
    }
    fn visit_item(&mut self, i: &'ast syn::Item) {
        if !is_test(item_attrs(i)) {
            syn::visit::visit_item(self, i);
        }
    }
    fn visit_impl_item(&mut self, i: &'ast syn::ImplItem) {
        let attrs = match i {
            syn::ImplItem::Fn(f) => &f.attrs[..],
            _ => &[],
        };
        if !is_test(attrs) {
            syn::visit::visit_impl_item(self, i);
        }
    }
}

fn collect_first(t: &syn::UseTree, out: &mut Vec<String>) {
    match t {
        syn::UseTree::Path(p) => out.push(p.ident.to_string()),
        syn::UseTree::Name(n) => out.push(n.ident.to_string()),
        syn::UseTree::Rename(r) => out.push(r.ident.to_string()),
        syn::UseTree::Group(g) => g.items.iter().for_each(|i| collect_first(i, out)),
        syn::UseTree::Glob(_) => {}
    }
}

fn item_attrs(i: &syn::Item) -> &[syn::Attribute] {
    match i {
        syn::Item::Fn(x) => &x.attrs,
        syn::Item::Mod(x) => &x.attrs,
        syn::Item::Use(x) => &x.attrs,
        syn::Item::Impl(x) => &x.attrs,
        syn::Item::Struct(x) => &x.attrs,
        syn::Item::Enum(x) => &x.attrs,
        syn::Item::Const(x) => &x.attrs,
        syn::Item::Static(x) => &x.attrs,
        _ => &[],
    }
}

/// `#[cfg(test)]`.
fn is_test(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("cfg") && a.parse_args::<syn::Ident>().is_ok_and(|i| i == "test")
    })
}

/// The `use` graph between top-level modules: module → the modules it uses.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for e in walkdir::WalkDir::new(&src) {
        let e = e.unwrap();
        let p = e.path();
        if p.extension().is_none_or(|x| x != "rs") || p.file_name().is_some_and(|n| n == "tests.rs")
        {
            continue;
        }
        let rel = p.strip_prefix(&src).unwrap();
        let top = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        if top == "lib" || top == "main" {
            continue;
        }
        let file = syn::parse_file(&std::fs::read_to_string(p).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        let mut uses = Uses(BTreeSet::new());
        uses.visit_file(&file);
        uses.0.remove(&top);
        g.entry(top).or_default().extend(uses.0);
    }
    g
}

#[test]
fn every_module_has_a_layer_and_depends_only_downwards() {
    let layer_of = |m: &str| LAYERS.iter().position(|l| l.contains(&m));
    let g = graph();
    let mut problems = Vec::new();
    for (m, deps) in &g {
        let Some(lm) = layer_of(m) else {
            problems.push(format!(
                "module `{m}` has no layer: add it to LAYERS (and ARCHITECTURE.md)"
            ));
            continue;
        };
        for d in deps {
            match layer_of(d) {
                Some(ld) if ld > lm => problems.push(format!(
                    "`{m}` (layer {lm}) uses `{d}` (layer {ld}): a module may only use its own layer or lower ones"
                )),
                _ => {}
            }
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn the_module_graph_has_no_cycle() {
    let g = graph();
    // Depth-first search with colours; report the first cycle found as a path.
    fn visit(
        m: &str,
        g: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(m.to_string(), 1);
        stack.push(m.to_string());
        for d in g.get(m).into_iter().flatten() {
            match state.get(d.as_str()) {
                Some(1) => {
                    let at = stack.iter().position(|s| s == d).unwrap();
                    let mut cycle = stack[at..].to_vec();
                    cycle.push(d.clone());
                    return Some(cycle);
                }
                Some(_) => {}
                None => {
                    if let Some(c) = visit(d, g, state, stack) {
                        return Some(c);
                    }
                }
            }
        }
        stack.pop();
        state.insert(m.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for m in g.keys() {
        if !state.contains_key(m.as_str())
            && let Some(c) = visit(m, &g, &mut state, &mut Vec::new())
        {
            panic!("module cycle: {}", c.join(" → "));
        }
    }
}

/// The check itself finds what it must: a use of a higher layer, written in a test file.
#[test]
fn the_reader_sees_crate_paths_and_skips_test_code() {
    let file: syn::File = syn::parse_str(
        "use crate::error::Diagnostic;\nfn f() { crate::md::escape(\"x\"); }\n#[cfg(test)]\nmod tests { use crate::pipeline::build; }\n",
    )
    .unwrap();
    let mut u = Uses(BTreeSet::new());
    u.visit_file(&file);
    assert_eq!(u.0, ["error", "md"].iter().map(|s| s.to_string()).collect());
}

/// The crates a package links in a normal (non-dev, non-build) build for `target` (`all`: any
/// platform's), read from `cargo tree` over the lock file.
fn normal_dependencies(package: &str, target: &str) -> BTreeSet<String> {
    let mut cmd = std::process::Command::new(env!("CARGO"));
    cmd.arg("tree");
    if target != "host" {
        cmd.args(["--target", target]);
    }
    let out = cmd
        .args([
            "--offline",
            "--locked",
            "-p",
            package,
            "-e",
            "normal",
            "--prefix",
            "none",
            "--format",
            "{p}",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo tree runs");
    assert!(
        out.status.success(),
        "cargo tree -p {package}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_string)
        .collect()
}

/// The calculator's library is plain Rust: the generator and the browser tests link it
/// natively and never the browser bindings (ARCHITECTURE.md, "Crates").
#[test]
fn the_calculator_library_has_no_wasm_dependency() {
    const BROWSER: &[&str] = &[
        "sotay-calc-web",
        "wasm-bindgen",
        "wasm-bindgen-futures",
        "js-sys",
        "web-sys",
        "gloo-utils",
        "gloo-timers",
        "gloo-events",
    ];
    // The library on any platform, wasm32 included; the generator and the tests run natively
    // (chrono's time-zone lookup has a js-sys dependency on wasm32 only).
    for (package, target) in [
        ("sotay-calc", "all"),
        ("sotay", "host"),
        ("sotay-e2e", "host"),
    ] {
        let deps = normal_dependencies(package, target);
        assert!(deps.contains(package), "{package}: {deps:?}");
        let browser: Vec<_> = BROWSER.iter().filter(|b| deps.contains(**b)).collect();
        assert!(
            browser.is_empty(),
            "{package} links browser crates: {browser:?}"
        );
    }
    // And the bindings do depend on it (the check above is about the right crates).
    let web = normal_dependencies("sotay-calc-web", "wasm32-unknown-unknown");
    assert!(
        web.contains("sotay-calc") && web.contains("wasm-bindgen"),
        "{web:?}"
    );
}
