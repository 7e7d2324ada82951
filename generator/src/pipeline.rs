//! The whole build: load → model → render (in parallel) → link check → atomic output.
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::assets::Assets;
use crate::config::Config;
use crate::data::DataStore;
use crate::error::Diagnostic;
use crate::links;
use crate::model::Site;
use crate::output::{Staging, Target};
use crate::render::markdown::{BodyCtx, LinkRef, render_body};
use crate::render::{self, Shared, template_diag, template_name};

/// What to build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Project root (holds content/, site/, wasm/).
    pub root: PathBuf,
    /// Output directory; `None` = check only, write nothing.
    pub out: Option<PathBuf>,
    /// Build the wasm calculator (skipped anyway when the project has no wasm/).
    pub wasm: bool,
    /// Show progress on stderr when the build takes more than a second.
    pub progress: bool,
    /// Held as writer around the swap of the output folder (`sotay serve` holds it as reader
    /// while it reads a file, so no request sees the folder missing).
    pub swap_guard: Option<Arc<std::sync::RwLock<()>>>,
}

impl BuildOptions {
    /// Build `root` into `out` (`None`: check only), with the calculator unless `wasm` is false.
    pub fn new(root: PathBuf, out: Option<PathBuf>, wasm: bool) -> BuildOptions {
        BuildOptions {
            root,
            out,
            wasm,
            progress: false,
            swap_guard: None,
        }
    }
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    pub elapsed: Duration,
    pub wasm: bool,
    /// Files skipped under the file policy, folders of dead builds removed: print them.
    pub warnings: Vec<Diagnostic>,
}

/// Per-page result of the parallel phase.
struct PageOut {
    idx: usize,
    links: Vec<LinkRef>,
    /// The page's search sections, from its final HTML (None: not indexed, or not built).
    sections: Option<Vec<crate::search::Section>>,
    /// Ids of the final HTML and the links its templates wrote.
    scan: links::PageScan,
    /// The page's template rendered (its ids are known).
    rendered: bool,
    /// The rendered body and TOC of a printed page (`print`), when the build writes files.
    body: Option<(String, Vec<crate::render::markdown::TocEntry>)>,
    diags: Vec<Diagnostic>,
}

/// Run the build (or the check when `opts.out` is None), phase by phase: [`load`] the
/// project, [`plan`] the output, render every page in parallel ([`render_pages`]),
/// [`check_links`], then [`write_rest`] and swap the output in. Each phase returns every error
/// it found; the build stops after the first phase that found one.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, Vec<Diagnostic>> {
    let start = Instant::now();
    let timings = Timings::new(start);
    let root = &opts.root;
    let target: Option<Target> = match &opts.out {
        Some(out) => Some(crate::output::target(root, out).map_err(|d| vec![d])?),
        None => None,
    };
    let mut warnings = Vec::new();
    // From here on a failure returns the warnings with the errors.
    let fail = |mut errors: Vec<Diagnostic>, warnings: &mut Vec<Diagnostic>| {
        errors.append(warnings);
        errors
    };
    let inputs = load(opts, &mut warnings).map_err(|e| fail(e, &mut warnings))?;
    timings.mark("load, model, assets, wasm");
    let env = render::environment(root, Arc::new(inputs.assets.urls.clone()));
    let plan = plan(root, &inputs, &env).map_err(|e| fail(e, &mut warnings))?;
    let staging = match target {
        Some(target) => {
            let s = Staging::new(
                target,
                plan.planned.keys().cloned().collect(),
                opts.swap_guard.clone(),
            )
            .map_err(|d| fail(vec![d], &mut warnings))?;
            for dead in &s.cleaned {
                warnings.push(Diagnostic::warning(
                    dead,
                    "đã xoá thư mục tạm của một bản dựng bị ngắt trước đó (removed a dead build's staging folder)",
                ));
            }
            Some(s)
        }
        None => None,
    };
    timings.mark("templates, build id");
    let rendered = render_pages(opts, &inputs, &env, &plan, staging.as_ref());
    timings.mark("render + write pages");
    let checked =
        check_links(root, &inputs, &env, &plan, rendered).map_err(|e| fail(e, &mut warnings))?;
    timings.mark("404, link check");
    if let Some(staging) = staging {
        write_rest(staging, root, &inputs, &env, &plan, checked, &timings)
            .map_err(|e| fail(e, &mut warnings))?;
    }
    Ok(BuildReport {
        pages: inputs.site.pages.len(),
        elapsed: start.elapsed(),
        wasm: inputs.wasm,
        warnings,
    })
}

/// Everything the build reads from the project, validated.
struct Inputs {
    config: Config,
    site: Site,
    store: DataStore,
    /// Theme files, static files and the calculator's modules.
    assets: Assets,
    refs: crate::crossref::Index,
    /// The calculator was compiled (not `--no-wasm`, not a check, the project has `wasm/`).
    wasm: bool,
}

/// Phase 1: configuration, content, data, theme files and the calculator (independent of each
/// other: every error of each is reported), then the site model, the cross-references and the
/// glossary check.
fn load(opts: &BuildOptions, warnings: &mut Vec<Diagnostic>) -> Result<Inputs, Vec<Diagnostic>> {
    let root = &opts.root;
    let config = Config::load(root).map_err(|d| vec![d])?;
    let mut errors = Vec::new();
    let content = crate::content::load(root).map(|mut c| {
        warnings.append(&mut c.warnings);
        c
    });
    let store = DataStore::load(&root.join("content"));
    let mut assets = crate::assets::collect(root).unwrap_or_else(|mut e| {
        errors.append(&mut e);
        Assets::default()
    });
    warnings.append(&mut assets.warnings);
    let site = content
        .and_then(crate::model::build)
        .map_err(|mut e| errors.append(&mut e))
        .ok();
    let store = store
        .map(|mut s| {
            warnings.append(&mut s.warnings);
            s
        })
        .map_err(|mut e| errors.append(&mut e))
        .ok();
    let wasm = opts.wasm && opts.out.is_some() && root.join("wasm").is_dir();
    if wasm {
        match crate::wasm_build::build(root) {
            Ok(modules) => {
                for w in modules {
                    assets.add(&format!("{}.js", w.name), w.js);
                    assets.add(&format!("{}.wasm", w.name), w.wasm);
                }
            }
            Err(mut e) => errors.append(&mut e),
        }
    } else {
        // Check mode or --no-wasm: templates may still ask for the calculator.
        for (name, _) in crate::wasm_build::MODULES {
            for key in [format!("{name}.js"), format!("{name}.wasm")] {
                let url = format!("/assets/{key}");
                assets.urls.insert(key, url);
            }
        }
    }
    let (Some(site), Some(store)) = (site, store) else {
        return Err(errors);
    };
    let refs = crate::crossref::Index::build(&site).unwrap_or_else(|mut e| {
        errors.append(&mut e);
        crate::crossref::Index::default()
    });
    errors.extend(crate::glossary::check(&site, &store));
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Inputs {
        config,
        site,
        store,
        assets,
        refs,
        wasm,
    })
}

/// What the build will write, known before any page is rendered.
struct Plan<'env> {
    build_id: String,
    /// What every page's template context shares (site, navigation, notices).
    shared: Shared,
    /// The templates' names (`404.html` when the theme has one) and texts.
    template_names: Vec<String>,
    template_sources: links::TemplateSources,
    /// Each page's template, by name.
    templates: HashMap<String, minijinja::Template<'env, 'env>>,
    /// Every output path that is not a page (for the link check).
    files: HashSet<String>,
    /// Every file the build writes (relative path), and who asked for it.
    planned: HashMap<String, String>,
    /// The print pages (`/in/` and one per part), when the theme has `print.html`.
    print_urls: Vec<String>,
}

/// Phase 2: the templates, the build id, and every output path with its origin (a static
/// file may not replace a generated one).
fn plan<'env>(
    root: &Path,
    inputs: &Inputs,
    env: &'env minijinja::Environment<'static>,
) -> Result<Plan<'env>, Vec<Diagnostic>> {
    let Inputs { site, assets, .. } = inputs;
    let template_names = render::preload_templates(root, env)?;
    let (build_id, template_sources) = build_id(root, inputs, &template_names);
    let mut files: HashSet<String> = assets.output_paths().collect();
    files.extend(assets.urls.values().cloned());
    for f in [
        "/sitemap.xml",
        "/404.html",
        "/sw.js",
        "/manifest.webmanifest",
    ] {
        files.insert(f.into());
    }
    files.insert(crate::search::index_url(&build_id));
    let mut print_urls = Vec::new();
    if template_names.iter().any(|n| n == "print.html") {
        print_urls.push(crate::print::BOOK_URL.to_string());
        for (t, _) in crate::print::parts(site) {
            print_urls.push(crate::print::part_url(site, t));
        }
    }
    files.extend(print_urls.iter().cloned());
    let mut errors = Vec::new();
    let mut templates = HashMap::new();
    for i in 0..site.pages.len() {
        let name = template_name(site, i);
        if templates.contains_key(name) {
            continue;
        }
        match env.get_template(name) {
            Ok(t) => {
                templates.insert(name.to_string(), t);
            }
            Err(e) => {
                let src = &site.pages[i].src;
                let msg = format!("không dùng được mẫu site/templates/{name}: {}", e.kind());
                errors.push(match &src.fm.template {
                    Some(t) => src.diag_fm(t, msg),
                    None => Diagnostic::new(&src.file, msg).at(1, None),
                });
            }
        }
    }
    let mut planned: HashMap<String, String> = HashMap::new();
    for p in &site.pages {
        planned.insert(
            format!("{}index.html", p.url().trim_start_matches('/')),
            p.src.file.display().to_string(),
        );
    }
    for f in ["404.html", "sitemap.xml", "sw.js", "manifest.webmanifest"] {
        planned.insert(f.into(), format!("sotay ({f})"));
    }
    for u in &print_urls {
        let rel = format!("{}index.html", u.trim_start_matches('/'));
        if let Some(other) = planned.get(&rel) {
            errors.push(Diagnostic::new(
                other,
                format!("trang này trùng địa chỉ {u} của bản in (the print pages live under /in/)"),
            ));
        }
        planned.insert(rel, "sotay (bản in)".into());
    }
    planned.insert(
        crate::search::index_url(&build_id)
            .trim_start_matches('/')
            .into(),
        "sotay (chỉ mục tìm kiếm)".into(),
    );
    for (rel, _) in &assets.blobs {
        planned.insert(
            rel.clone(),
            "sotay (tệp giao diện, site/css, js, icons)".into(),
        );
    }
    for (rel, _) in &assets.copies {
        if let Some(other) = planned.get(rel) {
            errors.push(Diagnostic::new(
                format!("site/static/{rel}"),
                format!(
                    "tệp tĩnh này sẽ ghi đè /{rel} do {other} tạo ra; đổi tên hoặc xoá tệp tĩnh \
                     (a static file may not replace a generated one)"
                ),
            ));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    for (rel, _) in &assets.copies {
        planned.insert(rel.clone(), format!("site/static/{rel}"));
    }
    Ok(Plan {
        shared: Shared::new(&inputs.config, site, &build_id),
        build_id,
        template_names,
        template_sources,
        templates,
        files,
        planned,
        print_urls,
    })
}

/// The build id: a hash of every input (the service worker's cache is also named by a hash of
/// the output bytes, offline::write, so a missed input can never keep a stale offline copy).
/// The template texts are hashed and kept, to say which template wrote a broken link.
fn build_id(
    root: &Path,
    inputs: &Inputs,
    template_names: &[String],
) -> (String, links::TemplateSources) {
    let Inputs {
        config,
        site,
        store,
        assets,
        ..
    } = inputs;
    let mut hasher = blake3::Hasher::new();
    hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
    for p in &site.pages {
        hasher.update(p.src.rel.as_bytes());
        hasher.update(p.src.text.as_bytes());
    }
    for (key, e) in &store.files {
        hasher.update(key.as_bytes());
        hasher.update(format!("{:?}", e.file).as_bytes());
    }
    for (id, n) in sorted(&site.notices) {
        hasher.update(id.as_bytes());
        hasher.update(n.title.as_bytes());
        hasher.update(format!("{:?}", n.short).as_bytes());
        hasher.update(n.body.as_bytes());
    }
    for (id, d) in sorted(&site.docs) {
        hasher.update(id.as_bytes());
        hasher.update(format!("{d:?}").as_bytes());
    }
    hasher.update(format!("{config:?}").as_bytes());
    // The calculator pages' first view is of the build's year (render::build_date).
    hasher.update(&render::build_date().year.to_le_bytes());
    for (rel, src) in &assets.copies {
        hasher.update(rel.as_bytes());
        if let Ok(b) = std::fs::read(src) {
            hasher.update(&b);
        }
    }
    let mut template_sources = links::TemplateSources::default();
    for n in template_names {
        hasher.update(n.as_bytes());
        if let Ok(t) = std::fs::read(root.join("site/templates").join(n)) {
            hasher.update(&t);
            template_sources
                .texts
                .insert(n.clone(), String::from_utf8_lossy(&t).into_owned());
        }
    }
    assets.digest(&mut hasher);
    (
        hasher.finalize().to_hex()[..12].to_string(),
        template_sources,
    )
}

/// Phase 3: every page rendered and written (in parallel), with what the link check and the
/// search index need from it.
fn render_pages(
    opts: &BuildOptions,
    inputs: &Inputs,
    env: &minijinja::Environment<'static>,
    plan: &Plan<'_>,
    staging: Option<&Staging>,
) -> Vec<PageOut> {
    let site = &inputs.site;
    let body_ctx = BodyCtx {
        site,
        store: &inputs.store,
        refs: &inputs.refs,
        env,
    };
    let page_env = PageEnv {
        root: &opts.root,
        site,
        body_ctx: &body_ctx,
        shared: &plan.shared,
        templates: &plan.templates,
        staging,
        files: &plan.files,
    };
    let total = site.pages.len();
    let done = AtomicUsize::new(0);
    let finished = AtomicBool::new(false);
    let start = Instant::now();
    std::thread::scope(|scope| {
        let progress_thread = opts
            .progress
            .then(|| scope.spawn(|| progress(start, total, &done, &finished)));
        let r = (0..total)
            .into_par_iter()
            .map(|idx| {
                let out = render_one(&page_env, idx);
                done.fetch_add(1, Ordering::Relaxed);
                out
            })
            .collect();
        finished.store(true, Ordering::Relaxed);
        // Wake the progress thread so a fast build does not wait for its next tick.
        if let Some(t) = progress_thread {
            t.thread().unpark();
        }
        r
    })
}

/// The print pages (`crate::print`): the whole book at `/in/` and one page per part, from the
/// bodies the render kept.
fn write_print(
    staging: &Staging,
    root: &Path,
    inputs: &Inputs,
    env: &minijinja::Environment<'static>,
    plan: &Plan<'_>,
    bodies: &PrintBodies,
) -> Result<(), Vec<Diagnostic>> {
    let Inputs { config, site, .. } = inputs;
    let out = staging.target().asked.clone();
    let io = |e: std::io::Error| vec![Diagnostic::new(&out, format!("lỗi ghi tệp: {e}"))];
    let book = crate::print::Book::new(
        site,
        bodies
            .iter()
            .map(|(i, (html, toc))| {
                let toc = toc
                    .iter()
                    .map(|e| (e.id.as_str(), e.title.as_str()))
                    .collect();
                (*i, crate::print::Body { html, toc })
            })
            .collect(),
        &config.base_url,
    );
    let mut errors = Vec::new();
    let mut pages = vec![(crate::print::BOOK_URL.to_string(), None)];
    pages.extend(
        crate::print::parts(site)
            .iter()
            .map(|(t, _)| (crate::print::part_url(site, *t), Some(*t))),
    );
    for (url, only) in pages {
        match book.parts(only) {
            Ok(parts) => match env
                .get_template("print.html")
                .and_then(|t| t.render(plan.shared.print_context(site, &url, only, &parts)))
            {
                Ok(html) => staging
                    .write(&format!("{url}index.html"), html.as_bytes())
                    .map_err(io)?,
                Err(e) => errors.push(template_diag(
                    root,
                    &e,
                    Path::new("site/templates/print.html"),
                )),
            },
            Err(es) => errors.extend(
                es.into_iter()
                    .map(|m| Diagnostic::new("site/templates/print.html", m)),
            ),
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Each page's search sections (None: not indexed, or not built), by page index.
type PageSections = Vec<Option<Vec<crate::search::Section>>>;

/// The rendered body and TOC of each printed page, by page index (`print`).
type PrintBodies = HashMap<usize, (String, Vec<crate::render::markdown::TocEntry>)>;

/// What the link check hands on to the writing: the 404 page's HTML (None when the theme has
/// none), each page's search sections and the printed pages' bodies.
struct Checked {
    not_found: Option<String>,
    sections: PageSections,
    bodies: PrintBodies,
}

/// Phase 4: the pages' errors, the 404 page, and every link of the Markdown and of the
/// templates. Returns the 404 page's HTML (None when the theme has none) and each page's
/// search sections.
fn check_links(
    root: &Path,
    inputs: &Inputs,
    env: &minijinja::Environment<'static>,
    plan: &Plan<'_>,
    results: Vec<PageOut>,
) -> Result<Checked, Vec<Diagnostic>> {
    let site = &inputs.site;
    let total = site.pages.len();
    let mut errors = Vec::new();
    let mut ids = vec![None; total];
    let mut sections = vec![None; total];
    let mut all_links = Vec::with_capacity(total);
    let mut template_broken = Vec::new();
    let mut template_pending = Vec::new();
    let mut template_errors = Vec::new();
    let mut bodies = PrintBodies::new();
    for r in results {
        for d in r.diags {
            if d.message.contains(WHILE) {
                template_errors.push(d);
            } else {
                errors.push(d);
            }
        }
        let origin = || links::Origin {
            page: Some(r.idx),
            template: template_name(site, r.idx).to_string(),
        };
        template_broken.extend(r.scan.broken.into_iter().map(|l| (origin(), l)));
        template_pending.extend(r.scan.pending.into_iter().map(|l| (origin(), l)));
        ids[r.idx] = r.rendered.then_some(r.scan.ids);
        sections[r.idx] = r.sections;
        if let Some(b) = r.body {
            bodies.insert(r.idx, b);
        }
        all_links.push((r.idx, r.links));
    }
    errors.extend(merge_template_errors(template_errors));

    // 404 page: rendered when the theme has one.
    let mut not_found = None;
    if plan.template_names.iter().any(|n| n == "404.html") {
        match env
            .get_template("404.html")
            .and_then(|t| t.render(plan.shared.not_found_context()))
        {
            Ok(html) => {
                let tokens: Vec<_> = crate::html::tokens(&html).collect();
                let scan = links::scan_page(site, &plan.files, None, "/404.html", &tokens, 0..0);
                let origin = || links::Origin {
                    page: None,
                    template: "404.html".into(),
                };
                template_broken.extend(scan.broken.into_iter().map(|l| (origin(), l)));
                template_pending.extend(scan.pending.into_iter().map(|l| (origin(), l)));
                not_found = Some(html);
            }
            Err(e) => errors.push(template_diag(
                root,
                &e,
                Path::new("site/templates/404.html"),
            )),
        }
    }
    errors.extend(links::check(site, &all_links, &ids, &plan.files));
    errors.extend(links::check_template_links(
        site,
        &plan.template_sources,
        template_broken,
        template_pending,
        &ids,
    ));
    if errors.is_empty() {
        Ok(Checked {
            not_found,
            sections,
            bodies,
        })
    } else {
        Err(errors)
    }
}

/// Phase 5: the 404 page, sitemap, theme and static files, search index and service worker,
/// then the swap that puts the new output in place.
fn write_rest(
    staging: Staging,
    root: &Path,
    inputs: &Inputs,
    env: &minijinja::Environment<'static>,
    plan: &Plan<'_>,
    checked: Checked,
    timings: &Timings,
) -> Result<(), Vec<Diagnostic>> {
    let Checked {
        not_found,
        mut sections,
        bodies,
    } = checked;
    let Inputs {
        config,
        site,
        store,
        assets,
        ..
    } = inputs;
    let out = staging.target().asked.clone();
    let io = |e: std::io::Error| vec![Diagnostic::new(&out, format!("lỗi ghi tệp: {e}"))];
    let not_found = not_found.unwrap_or_else(|| {
        "<!doctype html><html lang=\"vi\"><meta charset=\"utf-8\"><title>Không tìm thấy trang</title>\
         <h1>Không tìm thấy trang</h1><p><a href=\"/\">Về trang chủ</a></p></html>"
            .to_string()
    });
    staging
        .write("404.html", not_found.as_bytes())
        .map_err(io)?;
    staging
        .write(
            "sitemap.xml",
            sitemap_with(config, site, &plan.print_urls).as_bytes(),
        )
        .map_err(io)?;
    for (rel, bytes) in &assets.blobs {
        staging.write(rel, bytes).map_err(io)?;
    }
    for (rel, src) in &assets.copies {
        staging.copy(rel, src).map_err(io)?;
    }
    timings.mark("404, sitemap, assets");
    if !plan.print_urls.is_empty() {
        write_print(&staging, root, inputs, env, plan, &bodies)?;
        timings.mark("print pages");
    }
    let in_order: Vec<_> = site
        .reading_order
        .iter()
        .filter_map(|&i| sections[i].take())
        .collect();
    let (index, _) = crate::search::index(
        &in_order,
        store.glossary.as_ref(),
        crate::search::module_bytes(assets),
    );
    staging
        .write(&crate::search::index_url(&plan.build_id), index.as_bytes())
        .map_err(io)?;
    staging
        .with_dir(|dir| crate::offline::write(dir, &plan.build_id, config))
        .map_err(io)?;
    timings.mark("search index, offline");
    staging.commit().map_err(|d| vec![d])?;
    timings.mark("swap output");
    Ok(())
}

fn sorted<V>(m: &HashMap<String, V>) -> Vec<(&String, &V)> {
    let mut v: Vec<_> = m.iter().collect();
    v.sort_by(|a, b| a.0.cmp(b.0));
    v
}

/// How a template error names the page it was rendering: `… (khi dựng content/a.md)`.
const WHILE: &str = " (khi dựng ";

/// One diagnostic per template error, naming the first page and how many others it broke
/// (a broken base template would otherwise print one line per page).
fn merge_template_errors(mut diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    crate::error::sort(&mut diags);
    let mut groups: Vec<(Diagnostic, Vec<String>)> = Vec::new();
    for d in diags {
        let (msg, page) = d
            .message
            .rsplit_once(WHILE)
            .map(|(m, p)| (m.to_string(), p.trim_end_matches(')').to_string()))
            .unwrap_or((d.message.clone(), String::new()));
        match groups.iter_mut().find(|(g, _)| {
            g.file == d.file && g.line == d.line && g.column == d.column && g.message == msg
        }) {
            Some((_, pages)) => pages.push(page),
            None => groups.push((Diagnostic { message: msg, ..d }, vec![page])),
        }
    }
    groups
        .into_iter()
        .map(|(mut d, pages)| {
            d.message = match pages.len() {
                1 => format!("{}{WHILE}{})", d.message, pages[0]),
                n => format!("{}{WHILE}{} và {} trang khác)", d.message, pages[0], n - 1),
            };
            d
        })
        .collect()
}

/// What every page's render needs.
struct PageEnv<'a> {
    root: &'a Path,
    site: &'a Site,
    body_ctx: &'a BodyCtx<'a>,
    shared: &'a Shared,
    templates: &'a HashMap<String, minijinja::Template<'a, 'a>>,
    staging: Option<&'a Staging>,
    /// Output paths that are not pages (for template links).
    files: &'a HashSet<String>,
}

fn render_one(env: &PageEnv<'_>, idx: usize) -> PageOut {
    let site = env.site;
    let (mut body, mut diags) = render_body(env.body_ctx, idx);
    let page = &site.pages[idx];
    let mut scan = links::PageScan::default();
    let mut rendered = false;
    let mut sections = None;
    let name = template_name(site, idx);
    let body_html_for_print = body.html.clone();
    let body_links = std::mem::take(&mut body.links);
    if let Some(t) = env.templates.get(name) {
        // The body's links were recorded from the Markdown with their lines; find the body in
        // the final HTML so that only what the templates wrote is scanned for links.
        let body_html = body.html.clone();
        let ctx = env.shared.page_context(site, idx, body.html, &body.toc);
        match t.render(ctx) {
            Ok(html) => {
                rendered = true;
                let body_range = links::find_body(&html, &body_html);
                // One tokenization of the page for its links and its search sections.
                let tokens: Vec<_> = crate::html::tokens(&html).collect();
                scan =
                    links::scan_page(site, env.files, Some(idx), page.url(), &tokens, body_range);
                if env.staging.is_some() && crate::search::indexed(page.url()) {
                    sections = Some(crate::search::sections_from_tokens(
                        page.url(),
                        page.title(),
                        &tokens,
                    ));
                }
                if let Some(s) = env.staging {
                    let rel = format!("{}index.html", page.url());
                    if let Err(e) = s.write(&rel, html.as_bytes()) {
                        diags.push(Diagnostic::new(
                            &page.src.file,
                            format!("lỗi ghi {rel}: {e}"),
                        ));
                    }
                }
            }
            Err(e) => {
                let mut d = template_diag(env.root, &e, &page.src.file);
                d.message = format!("{}{WHILE}{})", d.message, page.src.file.display());
                diags.push(d);
            }
        }
    }
    let body = (env.staging.is_some() && crate::print::printed(site, idx))
        .then_some((body_html_for_print, body.toc.clone()));
    PageOut {
        idx,
        links: body_links,
        sections,
        scan,
        rendered,
        body,
        diags,
    }
}

/// Phase timings on stderr when `SOTAY_TIMINGS` is set (for benchmarks).
struct Timings {
    on: bool,
    last: std::cell::Cell<Instant>,
}

impl Timings {
    fn new(start: Instant) -> Timings {
        Timings {
            on: std::env::var_os("SOTAY_TIMINGS").is_some(),
            last: std::cell::Cell::new(start),
        }
    }
    fn mark(&self, phase: &str) {
        if self.on {
            let now = Instant::now();
            eprintln!("sotay: {phase}: {} ms", (now - self.last.get()).as_millis());
            self.last.set(now);
        }
    }
}

fn progress(start: Instant, total: usize, done: &AtomicUsize, finished: &AtomicBool) {
    let mut shown = false;
    while !finished.load(Ordering::Relaxed) {
        std::thread::park_timeout(Duration::from_millis(100));
        if start.elapsed() >= Duration::from_secs(1) && !finished.load(Ordering::Relaxed) {
            eprint!(
                "\rđang dựng: {}/{total} trang",
                done.load(Ordering::Relaxed)
            );
            shown = true;
        }
    }
    if shown {
        eprintln!("\rđang dựng: {total}/{total} trang");
    }
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// `sitemap.xml` with absolute URLs on `config.base_url`, in reading order, each with the date
/// its source file last changed (`lastmod`, in Vietnam), no later than the build itself
/// ([`render::build_time`]: with `SOURCE_DATE_EPOCH` the sitemap is reproducible).
pub fn sitemap(config: &Config, site: &Site) -> String {
    sitemap_with(config, site, &[])
}

/// The sitemap with `extra` pages (the print pages) after the site's own, dated by the build.
pub fn sitemap_with(config: &Config, site: &Site, extra: &[String]) -> String {
    let build = render::build_time();
    let vn = chrono::FixedOffset::east_opt(7 * 3600).expect("UTC+7 is a valid offset");
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for &i in &site.reading_order {
        let page = &site.pages[i];
        let changed = page
            .src
            .modified
            .map(chrono::DateTime::<chrono::Utc>::from)
            .map_or(build, |m| m.min(build));
        s.push_str("  <url><loc>");
        s.push_str(&xml_escape(&config.base_url));
        s.push_str(&xml_escape(page.url()));
        s.push_str("</loc><lastmod>");
        s.push_str(&changed.with_timezone(&vn).format("%Y-%m-%d").to_string());
        s.push_str("</lastmod></url>\n");
    }
    for url in extra {
        s.push_str("  <url><loc>");
        s.push_str(&xml_escape(&config.base_url));
        s.push_str(&xml_escape(url));
        s.push_str("</loc><lastmod>");
        s.push_str(&build.with_timezone(&vn).format("%Y-%m-%d").to_string());
        s.push_str("</lastmod></url>\n");
    }
    s.push_str("</urlset>\n");
    s
}
