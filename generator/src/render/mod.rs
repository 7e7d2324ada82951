//! Rendering: Markdown bodies (see [`markdown`]) and minijinja templates from `site/templates/`.
//!
//! The template context is the table in docs/authoring.md ("Templates"). The navigation tree is
//! given to templates as lazy objects over one shared, precomputed tree, so no page clones it.
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use minijinja::value::{Enumerator, Object, ObjectRepr};
use minijinja::{Environment, Value, context};
use serde::Serialize;

use crate::config::Config;
use crate::error::{Diagnostic, line_col};
use crate::model::Site;

pub mod cards;
pub mod markdown;

/// Turn a minijinja error into a diagnostic naming the template file, line and column.
pub fn template_diag(root: &Path, err: &minijinja::Error, fallback: &Path) -> Diagnostic {
    let mut msg = if err.kind() == minijinja::ErrorKind::OutOfFuel {
        format!(
            "mẫu làm quá nhiều việc (hơn {} bước; một vòng lặp quá lớn hoặc lồng nhau?) \
             (template ran out of fuel)",
            template_fuel()
        )
    } else {
        err.kind().to_string()
    };
    if let Some(d) = err.detail() {
        msg.push_str(": ");
        msg.push_str(d);
    }
    // Errors inside an included/extended template are chained; report the innermost one.
    let mut inner: &dyn std::error::Error = err;
    let mut located = err;
    while let Some(src) = inner.source() {
        if let Some(e) = src.downcast_ref::<minijinja::Error>()
            && e.name().is_some()
        {
            located = e;
        }
        inner = src;
    }
    let Some(name) = located.name() else {
        return Diagnostic::new(fallback, format!("lỗi mẫu: {msg}"));
    };
    let file = PathBuf::from("site/templates").join(name);
    let d = Diagnostic::new(&file, format!("lỗi mẫu (template error): {msg}"));
    if let (Some(range), Ok(text)) = (located.range(), fs::read_to_string(root.join(&file))) {
        let (l, c) = line_col(&text, range.start);
        d.at(l, Some(c))
    } else if let Some(l) = located.line() {
        d.at(l, None)
    } else {
        d
    }
}

/// The most work one template render may do: minijinja instructions ("fuel"). The real handbook
/// builds with 1 % of it (`the_real_handbook_needs_under_one_percent_of_the_template_fuel` in
/// generator/tests/safety.rs), so only a runaway template (a huge or nested loop) reaches it,
/// and it then fails with its file and line instead of hanging the build.
pub const TEMPLATE_FUEL: u64 = 20_000_000;

/// The fuel of each render: [`TEMPLATE_FUEL`], or `SOTAY_TEMPLATE_FUEL` when set (to measure how
/// much the real pages need).
pub fn template_fuel() -> u64 {
    std::env::var("SOTAY_TEMPLATE_FUEL")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(TEMPLATE_FUEL)
}

/// A template name as a path under `dir`, refusing `..`, absolute and hidden parts (like
/// minijinja's `path_loader`).
fn template_path(dir: &Path, name: &str) -> Option<PathBuf> {
    let mut p = dir.to_path_buf();
    for part in name.split('/') {
        if part.is_empty() || part.starts_with('.') || part.contains('\\') {
            return None;
        }
        p.push(part);
    }
    Some(p)
}

/// Make the template environment: templates from `site/templates` (read under the file policy of
/// [`crate::fsutil`]), a fuel limit per render, `asset()` and the other functions.
pub fn environment(root: &Path, asset_urls: Arc<HashMap<String, String>>) -> Environment<'static> {
    let mut env = Environment::new();
    let project = root.to_path_buf();
    let templates = root.join("site/templates");
    env.set_loader(move |name| {
        let Some(path) = template_path(&templates, name) else {
            return Ok(None);
        };
        if !path.exists() {
            return Ok(None);
        }
        let bytes = crate::fsutil::read(&project, &path).map_err(|e| {
            minijinja::Error::new(
                minijinja::ErrorKind::InvalidOperation,
                format!("không đọc được mẫu site/templates/{name}: {e}"),
            )
        })?;
        String::from_utf8(bytes).map(Some).map_err(|_| {
            minijinja::Error::new(
                minijinja::ErrorKind::InvalidOperation,
                format!("mẫu site/templates/{name} không phải UTF-8"),
            )
        })
    });
    env.set_fuel(Some(template_fuel()));
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Chainable);
    env.set_formatter(html_formatter);
    env.add_function(
        "asset",
        move |path: &str| -> Result<String, minijinja::Error> {
            asset_urls.get(path).cloned().ok_or_else(|| {
                minijinja::Error::new(
                    minijinja::ErrorKind::InvalidOperation,
                    format!("asset(\"{path}\"): không có tệp site/{path} (unknown asset)"),
                )
            })
        },
    );
    let site = root.join("site");
    let project = root.to_path_buf();
    env.add_function(
        "data_uri",
        move |path: &str| -> Result<String, minijinja::Error> {
            let err = |why: String| {
                minijinja::Error::new(
                    minijinja::ErrorKind::InvalidOperation,
                    format!("data_uri(\"{path}\"): {why}"),
                )
            };
            if !path.ends_with(".svg") {
                return Err(err("chỉ nhận tệp .svg (only SVG is inlined)".into()));
            }
            let text = crate::fsutil::read(&project, &site.join(path))
                .map_err(|e| err(format!("không đọc được site/{path} ({e})")))?;
            Ok(svg_data_uri(&String::from_utf8_lossy(&text)))
        },
    );
    // The deadlines page's first view, computed once per build (the build's year in Vietnam).
    let first_view = std::sync::OnceLock::new();
    env.add_function("deadlines_first_view", move || -> Value {
        first_view
            .get_or_init(|| {
                sotay_calc::view::dl_view::first_view(build_date().year)
                    .map(Value::from_serialize)
                    .unwrap_or(Value::UNDEFINED)
            })
            .clone()
    });
    // The allocation page's first view: a new plan (it does not depend on the date).
    let alloc_view = std::sync::OnceLock::new();
    env.add_function("allocation_first_view", move || -> Value {
        alloc_view
            .get_or_init(|| {
                sotay_calc::view::alloc_view::first_view()
                    .map(Value::from_serialize)
                    .unwrap_or(Value::UNDEFINED)
            })
            .clone()
    });
    env
}

/// The moment of the build: `SOURCE_DATE_EPOCH` (seconds, for reproducible builds) when set,
/// otherwise the clock.
pub fn build_time() -> chrono::DateTime<chrono::Utc> {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
        .unwrap_or_else(chrono::Utc::now)
}

/// The build's date in Vietnam (UTC+7, [`build_time`]). The calculator pages' first view is of
/// this date's year; the page recomputes it when the reader's year differs.
pub fn build_date() -> sotay_calc::core::date::Date {
    use chrono::Datelike;
    let vn = chrono::FixedOffset::east_opt(7 * 3600).expect("UTC+7 is a valid offset");
    let d = build_time().with_timezone(&vn).date_naive();
    sotay_calc::core::date::Date::new(d.year(), d.month() as u8, d.day() as u8)
        .unwrap_or_else(|| sotay_calc::core::date::Date::from_days(d.to_epoch_days() as i64))
}

/// `data:image/svg+xml,…` with every byte outside a small safe set percent-encoded, so the
/// result is valid in any attribute and in CSS `url()`. Used for the favicon: the browser
/// fetches icons on its own schedule (and again after in-page navigations), so an inline icon
/// costs no request, works offline with no cache, and never fails while the network is down.
pub fn svg_data_uri(svg: &str) -> String {
    let mut out = String::from("data:image/svg+xml,");
    for b in svg.trim().bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~!$*+,;=:@/?()".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Like minijinja's default escaping, but leaves `/` alone (`&#x2f;` in every URL is noise).
fn html_formatter(
    out: &mut minijinja::Output,
    state: &minijinja::State,
    value: &Value,
) -> Result<(), minijinja::Error> {
    if let (minijinja::AutoEscape::Html, Some(s), false) =
        (state.auto_escape(), value.as_str(), value.is_safe())
    {
        return out
            .write_str(&crate::md::escape(s))
            .map_err(|e| minijinja::Error::new(minijinja::ErrorKind::WriteFailure, e.to_string()));
    }
    minijinja::escape_formatter(out, state, value)
}

/// Compile every template under `site/templates` so syntax errors surface even in templates no
/// page uses yet. Returns the names found.
pub fn preload_templates(
    root: &Path,
    env: &Environment<'static>,
) -> Result<Vec<String>, Vec<Diagnostic>> {
    let dir = root.join("site/templates");
    if !dir.is_dir() {
        return Err(vec![Diagnostic::new(
            "site/templates",
            "không có thư mục site/templates (missing templates)",
        )]);
    }
    let found = crate::fsutil::walk(root, &dir, |_, _| false);
    let mut names: Vec<String> = found
        .entries
        .into_iter()
        .filter(|e| !e.is_dir && e.rel.ends_with(".html"))
        .map(|e| e.rel)
        .collect();
    if !found.errors.is_empty() {
        return Err(found.errors);
    }
    names.sort();
    let mut errors = Vec::new();
    for n in &names {
        if let Err(e) = env.get_template(n) {
            errors.push(template_diag(
                root,
                &e,
                &PathBuf::from("site/templates").join(n),
            ));
        }
    }
    if errors.is_empty() {
        Ok(names)
    } else {
        Err(errors)
    }
}

/// One node of the shared navigation tree.
#[derive(Debug)]
struct NavEntry {
    title: Value,
    url: Value,
    children: Vec<usize>,
}

/// The navigation tree, shared by all pages (indices = page indices).
#[derive(Debug)]
pub struct NavData {
    entries: Vec<NavEntry>,
    roots: Vec<usize>,
}

impl NavData {
    pub fn new(site: &Site) -> NavData {
        let entries = site
            .pages
            .iter()
            .map(|p| NavEntry {
                title: Value::from(p.title()),
                url: Value::from(p.url()),
                children: p.children.clone(),
            })
            .collect();
        NavData {
            entries,
            roots: site.pages[site.home].children.clone(),
        }
    }
}

/// Where the reader is: the current page and its ancestors (for `active` / `open`).
#[derive(Debug)]
struct NavCursor {
    data: Arc<NavData>,
    current: usize,
    path: Vec<usize>,
}

/// A list of nav items (`nav` or `item.children`).
#[derive(Debug)]
struct NavList {
    cur: Arc<NavCursor>,
    /// None = the roots.
    parent: Option<usize>,
}

impl NavList {
    fn items(&self) -> &[usize] {
        match self.parent {
            Some(p) => &self.cur.data.entries[p].children,
            None => &self.cur.data.roots,
        }
    }
}

impl Object for NavList {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Seq
    }
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let i = *self.items().get(key.as_usize()?)?;
        Some(Value::from_object(NavItem {
            cur: self.cur.clone(),
            idx: i,
        }))
    }
    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Seq(self.items().len())
    }
}

#[derive(Debug)]
struct NavItem {
    cur: Arc<NavCursor>,
    idx: usize,
}

impl Object for NavItem {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let e = &self.cur.data.entries[self.idx];
        Some(match key.as_str()? {
            "title" => e.title.clone(),
            "url" => e.url.clone(),
            "active" => Value::from(self.idx == self.cur.current),
            "open" => {
                Value::from(self.idx == self.cur.current || self.cur.path.contains(&self.idx))
            }
            "children" => Value::from_object(NavList {
                cur: self.cur.clone(),
                parent: Some(self.idx),
            }),
            _ => return None,
        })
    }
    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Str(&["title", "url", "active", "open", "children"])
    }
}

#[derive(Serialize)]
struct Link<'a> {
    title: &'a str,
    url: &'a str,
}

#[derive(Serialize)]
struct PageLink<'a> {
    title: &'a str,
    url: &'a str,
    summary: &'a str,
}

/// `2012-05-24` → `24/05/2012` (left as it is when not an ISO date).
fn iso_to_dmy(iso: &str) -> String {
    match sotay_calc::core::date::Date::parse_iso(iso) {
        Some(d) => d.dmy(),
        None => iso.to_string(),
    }
}

/// Per-build values shared by every page's context.
pub struct Shared {
    pub site_value: Value,
    pub nav: Arc<NavData>,
    pub build_id: Value,
    pub notices: HashMap<String, Value>,
}

impl Shared {
    pub fn new(config: &Config, site: &Site, build_id: &str) -> Shared {
        let (name, date) = sotay_calc::core::active_regulation();
        let site_value = context! {
            title => config.title,
            description => config.description,
            base_url => config.base_url,
            regulation => context! { name => name, date => date, date_shown => iso_to_dmy(date) },
        };
        let notices = site
            .notices
            .values()
            .map(|n| {
                (
                    n.id.clone(),
                    context! {
                        id => n.id,
                        title => n.title,
                        short => n.short.as_deref().map(|s| Value::from_safe_string(crate::md::inline(s))),
                        html => Value::from_safe_string(crate::md::simple_html(&n.body)),
                    },
                )
            })
            .collect();
        Shared {
            site_value,
            nav: Arc::new(NavData::new(site)),
            build_id: Value::from(build_id),
            notices,
        }
    }

    /// The context of a print page (`print.html`): the whole book (`only` None) or one part.
    pub fn print_context(
        &self,
        site: &Site,
        url: &str,
        only: Option<usize>,
        parts: &[crate::print::PrintedPart],
    ) -> Value {
        let title = match only {
            Some(top) => site.pages[top].title().to_string(),
            None => String::new(),
        };
        let all: Vec<Value> = crate::print::parts(site)
            .iter()
            .map(|(t, _)| {
                context! {
                    title => site.pages[*t].title(),
                    print_url => crate::print::part_url(site, *t),
                }
            })
            .collect();
        context! {
            site => self.site_value,
            build_id => self.build_id,
            notices => self.notices,
            print => context! {
                url => url,
                is_book => only.is_none(),
                title => title,
                parts => Value::from_serialize(parts),
                all_parts => all,
                book_url => crate::print::BOOK_URL,
                date => build_date().dmy(),
            },
        }
    }

    /// The template context of page `idx` with its rendered body.
    pub fn page_context(
        &self,
        site: &Site,
        idx: usize,
        html: String,
        toc: &[markdown::TocEntry],
    ) -> Value {
        let p = &site.pages[idx];
        let fm = &p.src.fm;
        let link = |i: usize| Link {
            title: site.pages[i].title(),
            url: site.pages[i].url(),
        };
        let source = fm.source.as_ref().and_then(|s| {
            let doc = site.docs.get(s.doc.get_ref())?;
            Some(context! {
                doc_id => doc.id,
                doc_title => doc.title,
                doc_number => doc.number,
                article => s.article,
            })
        });
        let pages: Vec<PageLink<'_>> = if p.src.is_section {
            p.children
                .iter()
                .map(|&c| {
                    let cp = &site.pages[c];
                    PageLink {
                        title: cp.title(),
                        url: cp.url(),
                        summary: cp.src.fm.summary.as_deref().unwrap_or(""),
                    }
                })
                .collect()
        } else {
            Vec::new()
        };
        let breadcrumbs: Vec<Link<'_>> = p.ancestors.iter().map(|&a| link(a)).collect();
        let extra = match &fm.extra {
            Some(t) => Value::from_serialize(t),
            None => Value::from(std::collections::BTreeMap::<String, Value>::new()),
        };
        let print_links = crate::print::part_of(site, idx).map(|top| {
            context! {
                part_url => crate::print::part_url(site, top),
                part_title => site.pages[top].title(),
                book_url => crate::print::BOOK_URL,
            }
        });
        let page = context! {
            title => fm.title,
            summary => fm.summary.as_deref().unwrap_or(""),
            url => p.url(),
            content => Value::from_safe_string(html),
            toc => toc,
            source => source,
            notice => p.notice.as_ref().and_then(|n| self.notices.get(n).cloned()),
            breadcrumbs => breadcrumbs,
            prev => p.prev.map(link),
            next => p.next.map(link),
            is_section => p.src.is_section,
            is_home => idx == site.home,
            pages => pages,
            extra => extra,
            print => print_links,
        };
        let mut path = p.ancestors.clone();
        path.push(idx);
        let cursor = Arc::new(NavCursor {
            data: self.nav.clone(),
            current: idx,
            path,
        });
        context! {
            site => self.site_value.clone(),
            page => page,
            nav => Value::from_object(NavList { cur: cursor, parent: None }),
            build_id => self.build_id.clone(),
        }
    }

    /// Context of the 404 page: no current page, nothing open.
    pub fn not_found_context(&self) -> Value {
        let cursor = Arc::new(NavCursor {
            data: self.nav.clone(),
            current: usize::MAX,
            path: Vec::new(),
        });
        let page = context! {
            title => "Không tìm thấy trang",
            summary => "",
            url => "/404.html",
            content => Value::from_safe_string(String::new()),
            toc => Vec::<Value>::new(),
            breadcrumbs => Vec::<Value>::new(),
            is_section => false,
            is_home => false,
            pages => Vec::<Value>::new(),
            extra => std::collections::BTreeMap::<String, Value>::new(),
        };
        context! {
            site => self.site_value.clone(),
            page => page,
            nav => Value::from_object(NavList { cur: cursor, parent: None }),
            build_id => self.build_id.clone(),
        }
    }
}

/// The template a page uses: front matter `template`, else index/section/page.html.
pub fn template_name(site: &Site, idx: usize) -> &str {
    let p = &site.pages[idx];
    match &p.src.fm.template {
        Some(t) => t.get_ref(),
        None if idx == site.home => "index.html",
        None if p.src.is_section => "section.html",
        None => "page.html",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn build_date_reads_source_date_epoch_in_vietnam_time() {
        // 2025-12-31T17:30:00Z is already 1 January 2026 in Vietnam.
        // SAFETY: tests in this module do not read the variable concurrently elsewhere.
        unsafe { std::env::set_var("SOURCE_DATE_EPOCH", "1767202200") };
        let d = build_date();
        unsafe { std::env::remove_var("SOURCE_DATE_EPOCH") };
        assert_eq!((d.year, d.month, d.day), (2026, 1, 1));
    }

    #[test]
    fn svg_data_uri_encodes_what_attributes_and_urls_cannot_hold() {
        let uri = svg_data_uri("<svg a=\"#0b5f5a\" b='x&y'>é 100%</svg>\n");
        assert_eq!(
            uri,
            "data:image/svg+xml,%3Csvg%20a=%22%230b5f5a%22%20b=%27x%26y%27%3E%C3%A9%20100%25%3C/svg%3E"
        );
        assert!(!uri.contains(['<', '>', '"', '\'', '#', '&', ' ', '\n']));
    }

    #[test]
    fn data_uri_names_the_file_it_cannot_read() {
        let dir = std::env::temp_dir().join(format!("sotay-data-uri-{}", std::process::id()));
        fs::create_dir_all(dir.join("site/templates")).unwrap();
        fs::write(
            dir.join("site/templates/a.html"),
            "{{ data_uri('icons/x.svg') }}",
        )
        .unwrap();
        fs::write(
            dir.join("site/templates/b.html"),
            "{{ data_uri('icons/x.png') }}",
        )
        .unwrap();
        let env = environment(&dir, Default::default());
        let a = env.get_template("a.html").unwrap().render(()).unwrap_err();
        assert!(a.to_string().contains("site/icons/x.svg"), "{a}");
        let b = env.get_template("b.html").unwrap().render(()).unwrap_err();
        assert!(b.to_string().contains("only SVG"), "{b}");
        fs::create_dir_all(dir.join("site/icons")).unwrap();
        fs::write(dir.join("site/icons/x.svg"), "<svg/>").unwrap();
        let ok = env.get_template("a.html").unwrap().render(()).unwrap();
        assert_eq!(ok, "data:image/svg+xml,%3Csvg/%3E");
        fs::remove_dir_all(&dir).unwrap();
    }
}
