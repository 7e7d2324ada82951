//! Link check: every internal link and `#anchor` of every page must resolve to a page (or an
//! output file) and to an id that exists in that page's final HTML.
//!
//! Two sources of links are checked:
//! - links written in the Markdown (and in data blocks), recorded while rendering the body with
//!   their byte offset, so errors name `file:line:column` ([`check`]);
//! - links written by the templates (sidebar, breadcrumbs, cards, TOC, prev/next, the 404 page):
//!   every `href`/`src`/`action` of the final HTML outside the page body ([`scan_page`], then
//!   [`check_template_links`]). Errors name the template and, when the link is written literally
//!   there or comes from the page's front matter, the line that wrote it.
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, line_col};
use crate::model::Site;
use crate::render::markdown::LinkRef;
use crate::url::{absolute, is_external, split_fragment};

/// The byte range of `body` inside `html` (where a template wrote `page.content`), or an
/// empty range when it is not there verbatim. Searches for a short prefix, then compares.
pub fn find_body(html: &str, body: &str) -> Range<usize> {
    if body.is_empty() {
        return 0..0;
    }
    let mut n = body.len().min(64);
    while !body.is_char_boundary(n) {
        n -= 1;
    }
    for (at, _) in html.match_indices(&body[..n]) {
        if html[at..].starts_with(body) {
            return at..at + body.len();
        }
    }
    0..0
}

/// The page an absolute site path names (`/a/`, `/a/index.html`, `/index.html`).
pub fn page_of(site: &Site, path: &str) -> Option<usize> {
    match site.by_url.get(path) {
        Some(&t) => Some(t),
        None if path == "/index.html" => Some(site.home),
        None => path
            .strip_suffix("index.html")
            .and_then(|p| site.by_url.get(p).copied()),
    }
}

/// " — ý bạn là /a/ ?" when `path` is a page URL without its trailing slash.
fn slash_hint(site: &Site, path: &str) -> String {
    if !path.ends_with('/') && site.by_url.contains_key(&format!("{path}/")) {
        format!(" — ý bạn là {path}/ ?")
    } else {
        String::new()
    }
}

/// All `id="…"` values in an HTML document.
pub fn collect_ids(html: &str) -> HashSet<String> {
    scan_html(html, 0..0, |_| {})
}

/// One pass over an HTML document (the shared tokenizer, [`crate::html`]): returns its `id`
/// values and calls `link` with the value of every `href`, `src` and `action` attribute (decoded)
/// of a tag that starts outside the byte range `skip`.
pub fn scan_html(html: &str, skip: Range<usize>, link: impl FnMut(&str)) -> HashSet<String> {
    let tokens: Vec<crate::html::Token> = crate::html::tokens(html).collect();
    scan_tokens(&tokens, skip, link)
}

/// [`scan_html`] over a document's tokens (a page is tokenized once, for its links and its
/// search sections).
pub fn scan_tokens(
    tokens: &[crate::html::Token],
    skip: Range<usize>,
    mut link: impl FnMut(&str),
) -> HashSet<String> {
    let mut ids = HashSet::new();
    for t in tokens {
        let crate::html::Token::Start(tag) = t else {
            continue;
        };
        for (name, value) in &tag.attrs {
            if name == "id" {
                ids.insert(value.clone());
            } else if crate::html::LINK_ATTRIBUTES.contains(&name.as_str())
                && !skip.contains(&tag.offset)
            {
                link(value);
            }
        }
    }
    ids
}

/// Check the Markdown links of every page. `ids[i]` are the ids of page `i`'s final HTML (None
/// when it could not be rendered: its anchors are unknown, and a template error already says
/// why, so no anchor into it is reported);
/// `files` are the other output paths (`/assets/…`, `/robots.txt`, …).
pub fn check(
    site: &Site,
    links: &[(usize, Vec<LinkRef>)],
    ids: &[Option<HashSet<String>>],
    files: &HashSet<String>,
) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for (page_idx, page_links) in links {
        let src = &site.pages[*page_idx].src;
        for l in page_links {
            match page_of(site, &l.path) {
                Some(t) => {
                    if let Some(f) = &l.fragment
                        && ids[t].as_ref().is_some_and(|ids| !ids.contains(f.as_str()))
                    {
                        let page = if t == *page_idx {
                            "trang này".to_string()
                        } else {
                            site.pages[t].src.file.display().to_string()
                        };
                        diags.push(src.diag_at(
                            l.offset,
                            format!(
                                "liên kết \"{}\": không có mục #{f} trong {page} (missing anchor)",
                                l.written
                            ),
                        ));
                    }
                }
                None if files.contains(&l.path) => {}
                None => {
                    let hint = slash_hint(site, &l.path);
                    diags.push(src.diag_at(
                        l.offset,
                        format!(
                            "liên kết \"{}\" tới trang không có: {} (broken link){hint}",
                            l.written, l.path
                        ),
                    ));
                }
            }
        }
    }
    diags
}

/// Where a template-written link was found: a page, or the 404 page (`page: None`), and the
/// template that rendered it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Origin {
    pub page: Option<usize>,
    pub template: String,
}

/// What is wrong with a template-written link.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Problem {
    /// No page or file at this site path (None: the path climbs above the site root).
    Missing(Option<String>),
    /// The page exists but has no element with this id.
    NoAnchor { target: usize, fragment: String },
}

/// A template-written link: broken, or to be checked once every page's ids are known.
#[derive(Debug, Clone)]
pub struct TemplateLink {
    pub written: String,
    pub problem: Problem,
}

/// Links of one page's final HTML written by its templates.
#[derive(Debug, Default)]
pub struct PageScan {
    /// Ids of the whole final HTML.
    pub ids: HashSet<String>,
    /// Links known to be broken now (missing page or file, missing anchor on this page).
    pub broken: Vec<TemplateLink>,
    /// Links to an anchor of another page: `problem` is the `NoAnchor` they would be.
    pub pending: Vec<TemplateLink>,
}

/// Scan the final HTML of the page at `page_url` (`this`: its index, None for the 404 page).
/// `body` is the byte range of the rendered Markdown inside `html`, whose links were already
/// recorded with their lines; everything else was written by templates.
pub fn scan_page(
    site: &Site,
    files: &HashSet<String>,
    this: Option<usize>,
    page_url: &str,
    tokens: &[crate::html::Token],
    body: Range<usize>,
) -> PageScan {
    // Links with a fragment: (written, target page or None for this one, fragment).
    let mut found: Vec<(String, Option<usize>, String)> = Vec::new();
    let mut broken = Vec::new();
    let ids = scan_tokens(tokens, body, |value| {
        if value.is_empty() || is_external(value) {
            return;
        }
        let (path, frag) = split_fragment(value);
        let fragment = frag.filter(|f| !f.is_empty());
        if path.is_empty() {
            if let Some(f) = fragment {
                found.push((value.to_string(), None, f.to_string()));
            }
            return;
        }
        let Some(abs) = absolute(page_url, path) else {
            broken.push(TemplateLink {
                written: value.to_string(),
                problem: Problem::Missing(None),
            });
            return;
        };
        match page_of(site, &abs) {
            Some(t) => {
                if let Some(f) = fragment {
                    let target = if Some(t) == this { None } else { Some(t) };
                    found.push((value.to_string(), target, f.to_string()));
                }
            }
            None if files.contains(abs.as_ref()) => {}
            None => broken.push(TemplateLink {
                written: value.to_string(),
                problem: Problem::Missing(Some(abs.into_owned())),
            }),
        }
    });
    let mut pending = Vec::new();
    for (written, target, fragment) in found {
        match (target, this) {
            (Some(t), _) => pending.push(TemplateLink {
                written,
                problem: Problem::NoAnchor {
                    target: t,
                    fragment,
                },
            }),
            // This page: its ids are known now.
            (None, Some(t)) => {
                if !ids.contains(&fragment) {
                    broken.push(TemplateLink {
                        written,
                        problem: Problem::NoAnchor {
                            target: t,
                            fragment,
                        },
                    });
                }
            }
            // `#x` on the 404 page.
            (None, None) => {
                if !ids.contains(&fragment) {
                    broken.push(TemplateLink {
                        written,
                        problem: Problem::Missing(Some(format!("{page_url}#{fragment}"))),
                    });
                }
            }
        }
    }
    PageScan {
        ids,
        broken,
        pending,
    }
}

/// A file and a 1-based line and column.
type FileLine = (PathBuf, usize, usize);

/// The template files (name under `site/templates/` → text), to say which one wrote a link.
#[derive(Debug, Default)]
pub struct TemplateSources {
    pub texts: HashMap<String, String>,
}

impl TemplateSources {
    /// `name` and the templates it extends, includes or imports, transitively, in that order.
    pub fn chain(&self, name: &str) -> Vec<String> {
        let mut out = vec![name.to_string()];
        let mut i = 0;
        while i < out.len() {
            if let Some(text) = self.texts.get(&out[i]) {
                for kw in ["extends", "include", "import", "from"] {
                    for (at, _) in text.match_indices(kw) {
                        let rest = text[at + kw.len()..].trim_start();
                        let Some(q) = rest.chars().next().filter(|c| *c == '"' || *c == '\'')
                        else {
                            continue;
                        };
                        if let Some(end) = rest[1..].find(q) {
                            let dep = &rest[1..1 + end];
                            if self.texts.contains_key(dep) && !out.iter().any(|o| o == dep) {
                                out.push(dep.to_string());
                            }
                        }
                    }
                }
            }
            i += 1;
        }
        out
    }

    /// Where `value` is written literally as an attribute value in one of `chain`.
    fn locate(&self, chain: &[String], value: &str) -> Option<FileLine> {
        for name in chain {
            let text = self.texts.get(name)?;
            for q in ['"', '\''] {
                if let Some(at) = text.find(&format!("={q}{value}{q}")) {
                    let (l, c) = line_col(text, at + 2);
                    return Some((Path::new("site/templates").join(name), l, c));
                }
            }
        }
        None
    }
}

/// Where a broken template-written link is reported.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Place {
    /// Written literally in a template file: that line and column.
    Template(PathBuf, usize, usize),
    /// A value of the page's front matter (e.g. `extra`): byte offset in the page's file.
    FrontMatter(usize, usize),
    /// Otherwise: the page (None: the 404 page) and the template that rendered it.
    Page(Option<usize>, String),
}

/// Turn the template-written links of every page into diagnostics. `pending` links are
/// checked against `ids` first. One diagnostic per link, problem and place, naming the first
/// page it was found on and how many others.
pub fn check_template_links(
    site: &Site,
    templates: &TemplateSources,
    broken: Vec<(Origin, TemplateLink)>,
    pending: Vec<(Origin, TemplateLink)>,
    ids: &[Option<HashSet<String>>],
) -> Vec<Diagnostic> {
    let still_broken = pending.into_iter().filter(|(_, l)| match &l.problem {
        Problem::NoAnchor { target, fragment } => ids[*target]
            .as_ref()
            .is_some_and(|ids| !ids.contains(fragment)),
        Problem::Missing(_) => true,
    });
    type Key = (Place, String, Problem);
    let mut groups: BTreeMap<Key, (Vec<Option<usize>>, String)> = BTreeMap::new();
    let mut located: HashMap<(String, String), Option<FileLine>> = HashMap::new();
    for (origin, link) in broken.into_iter().chain(still_broken) {
        let chain = templates.chain(&origin.template);
        let by = if chain.len() > 1 {
            format!(
                "mẫu site/templates/{} (cùng {})",
                origin.template,
                chain[1..].join(", ")
            )
        } else {
            format!("mẫu site/templates/{}", origin.template)
        };
        let literal = located
            .entry((origin.template.clone(), link.written.clone()))
            .or_insert_with(|| templates.locate(&chain, &link.written))
            .clone();
        let in_front_matter = origin.page.and_then(|i| {
            let src = &site.pages[i].src;
            src.text[..src.body_offset]
                .find(&format!("\"{}\"", link.written))
                .map(|at| (i, at + 1))
        });
        let place = match (literal, in_front_matter) {
            (Some((f, l, c)), _) => Place::Template(f, l, c),
            (None, Some((i, at))) => Place::FrontMatter(i, at),
            (None, None) => Place::Page(origin.page, origin.template),
        };
        let entry = groups
            .entry((place, link.written, link.problem))
            .or_insert_with(|| (Vec::new(), by));
        entry.0.push(origin.page);
    }
    let shown = |p: &Option<usize>| match p {
        Some(i) => site.pages[*i].src.file.display().to_string(),
        None => "trang 404".to_string(),
    };
    let mut diags = Vec::new();
    for ((place, written, problem), (mut pages, by)) in groups {
        // Pages in site order, the 404 page last.
        pages.sort_by_key(|p| p.unwrap_or(usize::MAX));
        pages.dedup();
        let what = match &problem {
            Problem::Missing(Some(path)) => {
                format!(
                    "tới trang không có: {path} (broken link){}",
                    slash_hint(site, path)
                )
            }
            Problem::Missing(None) => "ra ngoài trang web (broken link)".to_string(),
            Problem::NoAnchor { target, fragment } => format!(
                "không có mục #{fragment} trong {} (missing anchor)",
                site.pages[*target].src.file.display()
            ),
        };
        let on = match pages.len() {
            1 => format!("khi dựng {}", shown(&pages[0])),
            n => format!("khi dựng {} và {} trang khác", shown(&pages[0]), n - 1),
        };
        diags.push(match place {
            Place::Template(file, l, c) => Diagnostic::new(
                file,
                format!("liên kết \"{written}\" trong mẫu {what} ({on})"),
            )
            .at(l, Some(c)),
            Place::FrontMatter(i, at) => site.pages[i].src.diag_at(
                at,
                format!("liên kết \"{written}\" (do {by} viết ra) {what} ({on})"),
            ),
            Place::Page(page, template) => Diagnostic::new(
                match page {
                    Some(i) => site.pages[i].src.file.clone(),
                    None => Path::new("site/templates").join(template),
                },
                format!("liên kết \"{written}\" do {by} viết ra {what} ({on})"),
            ),
        });
    }
    diags
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::test_support::{render_sample, sample_site};

    /// Render every page of the sample site with `body` as `a/b.md` and check its links.
    fn check_body(body: &str) -> Vec<String> {
        let site = sample_site(body);
        let mut ids = Vec::new();
        let mut links = Vec::new();
        for i in 0..site.pages.len() {
            let (r, d) = render_sample(&site, i);
            assert!(d.is_empty(), "{d:?}");
            ids.push(Some(collect_ids(&r.html)));
            links.push((i, r.links));
        }
        let files: HashSet<String> = ["/robots.txt".to_string()].into();
        check(&site, &links, &ids, &files)
            .iter()
            .map(|d| d.to_string())
            .collect()
    }

    #[test]
    fn good_links_pass() {
        let d = check_body(
            "[c](c.md#muc-tieu) [c2](/a/c/#muc-tieu) [a](../) [r](/robots.txt) [h](/index.html)\n\n## X\n\n[x](#x)\n",
        );
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn missing_page() {
        let d = check_body("Dòng một.\n[x](/a/khong-co/)\n");
        assert_eq!(
            d,
            [
                "content/a/b.md:5:1: liên kết \"/a/khong-co/\" tới trang không có: /a/khong-co/ (broken link)"
            ]
        );
    }

    #[test]
    fn missing_slash_gets_a_hint() {
        let d = check_body("[x](/a/c)\n");
        assert_eq!(d.len(), 1);
        assert!(d[0].contains("ý bạn là /a/c/ ?"), "{d:?}");
    }

    #[test]
    fn missing_anchor_on_other_and_same_page() {
        let d = check_body("[x](c.md#khong-co)\n\n[y](#khong-co-2)\n");
        assert_eq!(d.len(), 2, "{d:?}");
        assert!(
            d[0].starts_with("content/a/b.md:4:1:")
                && d[0].contains("không có mục #khong-co trong content/a/c.md")
        );
        assert!(
            d[1].starts_with("content/a/b.md:6:1:")
                && d[1].contains("không có mục #khong-co-2 trong trang này")
        );
    }

    #[test]
    fn ids_in_html() {
        let ids = collect_ids("<h2 id=\"a\">x</h2><div data-id=\"b\"><p\nid=\"c\"><i id='d'>");
        assert!(ids.contains("a") && ids.contains("c") && ids.contains("d"));
        assert!(!ids.contains("b"));
    }

    /// The three scanners this one replaced disagreed here (issue 15): single quotes, unquoted
    /// values and entities count; `data-src=` is not `src=`.
    #[test]
    fn links_in_html_as_a_browser_reads_them() {
        let mut seen = Vec::new();
        scan_html(
            "<a href='/mot/'>1</a><img data-src=\"/khong/\" src=/hai.png><a href=\"/ba/?a=1&amp;b=2\">",
            0..0,
            |l| seen.push(l.to_string()),
        );
        assert_eq!(seen, ["/mot/", "/hai.png", "/ba/?a=1&b=2"]);
    }

    /// Scan a template-rendered page of the sample site: the body range is skipped.
    #[test]
    fn template_links_outside_the_body() {
        let site = sample_site("");
        let files: HashSet<String> = ["/assets/x.css".to_string()].into();
        let body = "<p><a href=\"/khong-co-trong-than/\">x</a></p>";
        let html = format!(
            "<link href=\"/assets/x.css\"><a class=\"skip\" href=\"#main\">b</a>\
             <nav><a href=\"/a/c/\">c</a><a href='/a/khong-co/'>?</a><a href=\"../c/#muc-tieu\">m</a>\
             <a href=\"/a/c/#khong-co\">k</a><a data-href=\"/bo-qua/\">d</a><a href=\"https://x.vn\">w</a>\
             <a href=\"#\">t</a></nav><main id=\"main\">{body}</main><a href=\"#khong-co-o-day\">z</a>\
             <form action=\"/a/c/?q=1&amp;x=2\"></form><img src=\"/a\">"
        );
        let start = html.find(body).unwrap();
        let b = site.by_url["/a/b/"];
        let tokens: Vec<_> = crate::html::tokens(&html).collect();
        let scan = scan_page(
            &site,
            &files,
            Some(b),
            "/a/b/",
            &tokens,
            start..start + body.len(),
        );
        let broken: Vec<(&str, &Problem)> = scan
            .broken
            .iter()
            .map(|l| (l.written.as_str(), &l.problem))
            .collect();
        assert_eq!(
            broken,
            [
                (
                    "/a/khong-co/",
                    &Problem::Missing(Some("/a/khong-co/".into()))
                ),
                ("/a", &Problem::Missing(Some("/a".into()))),
                (
                    "#khong-co-o-day",
                    &Problem::NoAnchor {
                        target: b,
                        fragment: "khong-co-o-day".into()
                    }
                ),
            ]
        );
        let pending: Vec<&str> = scan.pending.iter().map(|l| l.written.as_str()).collect();
        assert_eq!(pending, ["../c/#muc-tieu", "/a/c/#khong-co"]);

        // Once every page is rendered: the anchor that exists passes, the other is reported
        // once for both pages that have it, at the template line that writes it.
        let c = site.by_url["/a/c/"];
        let mut ids = vec![Some(HashSet::new()); site.pages.len()];
        ids[c] = Some(["muc-tieu".to_string()].into());
        let origin = |p| Origin {
            page: Some(p),
            template: "page.html".into(),
        };
        let pending = scan
            .pending
            .iter()
            .flat_map(|l| [(origin(b), l.clone()), (origin(site.home), l.clone())])
            .collect();
        let templates = TemplateSources {
            texts: [
                (
                    "page.html".to_string(),
                    "{% extends \"base.html\" %}\n{% block main %}{% endblock %}".to_string(),
                ),
                (
                    "base.html".to_string(),
                    "<nav>\n  <a href=\"/a/c/#khong-co\">k</a></nav>".to_string(),
                ),
            ]
            .into(),
        };
        assert_eq!(templates.chain("page.html"), ["page.html", "base.html"]);
        let d: Vec<String> = check_template_links(&site, &templates, Vec::new(), pending, &ids)
            .iter()
            .map(|d| d.to_string())
            .collect();
        assert_eq!(
            d,
            [
                "site/templates/base.html:2:12: liên kết \"/a/c/#khong-co\" trong mẫu không có mục #khong-co trong content/a/c.md (missing anchor) (khi dựng content/_index.md và 1 trang khác)"
            ]
        );
    }
}
