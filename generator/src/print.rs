//! The print pages: `/in/` (the whole handbook) and `/in/<part>/` (one part each), made from
//! the same rendered bodies as the pages themselves, so the printed book never drifts from the
//! site.
//!
//! - A **part** is a child of the home page that is printed: a section (with its pages and
//!   sub-sections in reading order) or a top-level page (`/thuat-ngu/`, `/nguon/`). Pages that
//!   are not read as text are left out: `nav = false` pages (search, offline) and pages with a
//!   template of their own (the calculator tools; their part's intro is printed).
//! - Every id of a page becomes `in_<path>__<id>` (path segments joined by `_`; slugs never
//!   hold `_`), and each page gets the anchor `in_<path>`. A link to a page or heading that is
//!   in the same print page becomes an in-document link, marked `print-xref` with the target's
//!   title in `data-title`: print CSS writes "(xem: title)" after it, and `sotay pdf` turns that
//!   into "(xem trang N)" once it knows the page numbers (`data-page`). Links elsewhere in the
//!   site keep their path (made absolute with `base_url` in print). Glossary links of a first
//!   use (`sotay-abbr`) get no "(xem …)".
//! - Headings move down so that the outline of the document is part (h1) › page (h2) › its
//!   headings (h3 …); a page in a sub-section one level further.
//! - Every in-document link must land on an id of the print page, or the build fails.
use std::collections::{HashMap, HashSet};

use crate::html::{Tag, map_tags, write_start};
use crate::model::Site;

/// URL of the whole handbook's print page.
pub const BOOK_URL: &str = "/in/";

/// Is page `idx` printed (in some part)?
pub fn printed(site: &Site, idx: usize) -> bool {
    let p = &site.pages[idx];
    idx != site.home && p.src.fm.nav && p.src.fm.template.is_none()
}

/// The part (a child of the home page) page `idx` belongs to, if it is printed.
pub fn part_of(site: &Site, idx: usize) -> Option<usize> {
    if !printed(site, idx) {
        return None;
    }
    let p = &site.pages[idx];
    let top = if p.parent == Some(site.home) {
        idx
    } else {
        *p.ancestors.get(1)?
    };
    printed(site, top).then_some(top)
}

/// URL of the print page of the part rooted at `top`: `/in/<last segment>/`.
pub fn part_url(site: &Site, top: usize) -> String {
    let seg = site.pages[top]
        .url()
        .trim_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or("");
    format!("{BOOK_URL}{seg}/")
}

/// The parts, in reading order: (top page, its printed pages in reading order).
pub fn parts(site: &Site) -> Vec<(usize, Vec<usize>)> {
    let mut out: Vec<(usize, Vec<usize>)> = Vec::new();
    for &i in &site.reading_order {
        let Some(top) = part_of(site, i) else {
            continue;
        };
        match out.iter_mut().find(|(t, _)| *t == top) {
            Some((_, pages)) => pages.push(i),
            None => out.push((top, vec![i])),
        }
    }
    out
}

/// The anchor of a page in a print page: `/giam-sat/dieu-18/` → `in_giam-sat_dieu-18`.
pub fn page_anchor(url: &str) -> String {
    format!("in_{}", url.trim_matches('/').replace('/', "_"))
}

/// The id in a print page of id `id` of the page at `url`.
pub fn element_id(url: &str, id: &str) -> String {
    format!("{}__{id}", page_anchor(url))
}

/// A page as it is printed.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PrintedPage {
    pub anchor: String,
    pub title: String,
    pub url: String,
    /// Heading level of the page's title (1 for a part's own page).
    pub level: u8,
    /// "Nguồn: …" as on the page (plain text).
    pub source: Option<String>,
    /// Id of the page's notice when it is printed here (not already printed above it).
    pub notice: Option<String>,
    pub html: String,
}

/// One part of a print page.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PrintedPart {
    pub anchor: String,
    pub title: String,
    pub url: String,
    pub print_url: String,
    pub pages: Vec<PrintedPage>,
}

/// What a page's rendered body is, for printing.
pub struct Body<'a> {
    pub html: &'a str,
    /// (id, title) of the page's h2–h3.
    pub toc: Vec<(&'a str, &'a str)>,
}

/// Everything the print pages are made of: the parts, printed once each (a print page of the
/// whole book and one of each part are the same parts, rewritten for their own document).
pub struct Book<'a> {
    site: &'a Site,
    bodies: HashMap<usize, Body<'a>>,
    base_url: String,
}

impl<'a> Book<'a> {
    pub fn new(site: &'a Site, bodies: HashMap<usize, Body<'a>>, base_url: &str) -> Book<'a> {
        Book {
            site,
            bodies,
            base_url: base_url.trim_end_matches('/').to_string(),
        }
    }

    /// The parts of one print page: all of them (`only = None`) or the one rooted at `only`.
    /// Errors: in-document links that land on no id (`href`, page title).
    pub fn parts(&self, only: Option<usize>) -> Result<Vec<PrintedPart>, Vec<String>> {
        let site = self.site;
        let parts: Vec<_> = parts(site)
            .into_iter()
            .filter(|(t, _)| only.is_none_or(|o| o == *t))
            .collect();
        let here: HashSet<&str> = parts
            .iter()
            .flat_map(|(_, ps)| ps.iter().map(|&i| site.pages[i].url()))
            .collect();
        let mut out = Vec::new();
        for (top, pages) in &parts {
            let mut last_notice: Option<&str> = None;
            let mut printed = Vec::new();
            for &i in pages {
                let p = &site.pages[i];
                let body = self.bodies.get(&i);
                let level = (p
                    .ancestors
                    .len()
                    .saturating_sub(site.pages[*top].ancestors.len())
                    + 1)
                .min(5) as u8;
                let html = body
                    .map(|b| self.rewrite(i, b.html, level, &here))
                    .unwrap_or_default();
                let notice = p.notice.as_deref();
                let show_notice = notice.filter(|n| Some(*n) != last_notice);
                last_notice = notice;
                printed.push(PrintedPage {
                    anchor: page_anchor(p.url()),
                    title: p.title().to_string(),
                    url: p.url().to_string(),
                    level,
                    source: source_line(site, i),
                    notice: show_notice.map(str::to_string),
                    html,
                });
            }
            let t = &site.pages[*top];
            out.push(PrintedPart {
                anchor: page_anchor(t.url()),
                title: t.title().to_string(),
                url: t.url().to_string(),
                print_url: part_url(site, *top),
                pages: printed,
            });
        }
        let errors = check_anchors(&out);
        if errors.is_empty() {
            Ok(out)
        } else {
            Err(errors)
        }
    }

    /// Title of a link's target: the heading's text (from the page's TOC) or the page's title.
    fn target_title(&self, page: usize, fragment: Option<&str>) -> String {
        let p = &self.site.pages[page];
        if let (Some(f), Some(b)) = (fragment, self.bodies.get(&page))
            && let Some((_, title)) = b.toc.iter().find(|(id, _)| *id == f)
        {
            return format!("{} › {title}", p.title());
        }
        p.title().to_string()
    }

    /// The body of page `idx` rewritten for a print page holding the pages at `here`.
    fn rewrite(&self, idx: usize, html: &str, level: u8, here: &HashSet<&str>) -> String {
        let site = self.site;
        let url = site.pages[idx].url();
        let shift = |name: &str| -> Option<String> {
            let n: u8 = name.strip_prefix('h')?.parse().ok()?;
            (2..=6)
                .contains(&n)
                .then(|| format!("h{}", (n + level - 1).min(6)))
        };
        let id_list = |v: &str| {
            v.split_ascii_whitespace()
                .map(|id| element_id(url, id))
                .collect::<Vec<_>>()
                .join(" ")
        };
        map_tags(html, |tag| match tag {
            Tag::End(name) => shift(name).map(|n| format!("</{n}>")),
            Tag::Start(orig) => {
                let mut s = orig.clone();
                if let Some(n) = shift(&s.name) {
                    s.name = n;
                }
                let mut xref: Option<String> = None;
                let is_abbr = s.has_class("sotay-abbr") || s.has_class("heading-anchor");
                for (k, v) in s.attrs.iter_mut() {
                    match k.as_str() {
                        "id" => *v = element_id(url, v),
                        "for" | "headers" | "aria-labelledby" | "aria-describedby"
                        | "aria-controls" | "aria-owns" => *v = id_list(v),
                        "href" if s.name == "a" => {
                            let (path, frag) = crate::url::split_fragment(v);
                            if path.is_empty() {
                                if let Some(f) = frag {
                                    xref = Some(self.target_title(idx, Some(f)));
                                    *v = format!("#{}", element_id(url, f));
                                }
                            } else if let Some(target) = crate::url::absolute(url, path)
                                .and_then(|p| site.by_url.get(p.as_ref()).copied())
                            {
                                let turl = site.pages[target].url();
                                xref = Some(self.target_title(target, frag));
                                if here.contains(turl) {
                                    *v = match frag {
                                        Some(f) => format!("#{}", element_id(turl, f)),
                                        None => format!("#{}", page_anchor(turl)),
                                    };
                                } else {
                                    *v = format!("{}{}", self.base_url, v);
                                }
                            } else if v.starts_with('/') {
                                *v = format!("{}{}", self.base_url, v);
                            }
                        }
                        _ => {}
                    }
                }
                if let Some(title) = xref.filter(|_| !is_abbr) {
                    // A link whose text already is its target's title gets only a page number.
                    let text = html[s.offset..]
                        .find("</a>")
                        .map(|end| crate::html::text_of(&html[s.offset..s.offset + end]))
                        .unwrap_or_default();
                    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                    let same = !text.is_empty()
                        && (title == text || title.rsplit(" › ").next() == Some(text.as_str()));
                    let inside = s.attr("href").is_some_and(|h| h.starts_with('#'));
                    let class = match (inside, same) {
                        (true, false) => "print-xref",
                        (true, true) => "print-xref print-same",
                        (false, _) => "print-xref print-out",
                    };
                    match s.attrs.iter_mut().find(|(k, _)| k == "class") {
                        Some((_, c)) => {
                            c.push(' ');
                            c.push_str(class);
                        }
                        None => s.attrs.push(("class".into(), class.into())),
                    }
                    s.attrs.push(("data-title".into(), title));
                }
                // Tags left as they were are copied as written.
                (s != *orig).then(|| write_start(&s))
            }
        })
    }
}

/// "Tài liệu (số), Điều N" as the page's "Nguồn:" line says it.
fn source_line(site: &Site, idx: usize) -> Option<String> {
    let s = site.pages[idx].src.fm.source.as_ref()?;
    let doc = site.docs.get(s.doc.get_ref())?;
    let mut line = doc.title.clone();
    if let Some(n) = &doc.number {
        line.push_str(&format!(" ({n})"));
    }
    if let Some(a) = &s.article {
        line.push_str(&format!(", {a}"));
    }
    Some(line)
}

/// Every `#fragment` link of the parts must land on an id of the same print page: the page
/// anchors, the part anchors and the rewritten ids of the bodies.
fn check_anchors(parts: &[PrintedPart]) -> Vec<String> {
    let mut ids: HashSet<String> = HashSet::new();
    let mut hrefs: Vec<(String, String)> = Vec::new();
    for part in parts {
        ids.insert(part.anchor.clone());
        for p in &part.pages {
            ids.insert(p.anchor.clone());
            for t in crate::html::tokens(&p.html) {
                if let crate::html::Token::Start(s) = t {
                    if let Some(id) = s.attr("id") {
                        ids.insert(id.to_string());
                    }
                    if s.name == "a"
                        && let Some(h) = s.attr("href").and_then(|h| h.strip_prefix('#'))
                    {
                        hrefs.push((h.to_string(), p.title.clone()));
                    }
                }
            }
        }
    }
    hrefs
        .into_iter()
        .filter(|(h, _)| !ids.contains(h))
        .map(|(h, t)| format!("bản in: liên kết #{h} trong «{t}» không tới mục nào của bản in"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_never_collide() {
        assert_eq!(page_anchor("/giam-sat/dieu-18/"), "in_giam-sat_dieu-18");
        assert_eq!(
            element_id("/giam-sat/", "dieu-18"),
            "in_giam-sat__dieu-18",
            "a heading id of a section is not the anchor of its page"
        );
        assert_ne!(
            element_id("/giam-sat/", "dieu-18"),
            page_anchor("/giam-sat/dieu-18/")
        );
    }
}
