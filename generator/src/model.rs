//! The site model: sections and pages in order, URLs, the navigation tree, breadcrumbs and
//! prev/next in reading order (depth-first).
use std::collections::HashMap;

use crate::content::{Content, SourcePage};
use crate::error::Diagnostic;

/// A page or section of the site.
#[derive(Debug)]
pub struct Page {
    pub src: SourcePage,
    /// Index of the parent section (None for the home page).
    pub parent: Option<usize>,
    /// Ordered children (pages and sub-sections) of a section.
    pub children: Vec<usize>,
    /// Ancestors from the home page down to the parent.
    pub ancestors: Vec<usize>,
    pub prev: Option<usize>,
    pub next: Option<usize>,
    /// Effective notice id (own or inherited from the nearest section).
    pub notice: Option<String>,
}

impl Page {
    pub fn title(&self) -> &str {
        &self.src.fm.title
    }
    pub fn url(&self) -> &str {
        &self.src.url
    }
}

/// All pages, with lookups.
#[derive(Debug)]
pub struct Site {
    pub pages: Vec<Page>,
    /// Index of the home page.
    pub home: usize,
    pub by_url: HashMap<String, usize>,
    /// `rel` path under content/ (`giam-sat/dieu-18.md`) → page.
    pub by_rel: HashMap<String, usize>,
    /// Pages in reading order (depth-first, home first).
    pub reading_order: Vec<usize>,
    pub docs: HashMap<String, crate::content::Doc>,
    pub notices: HashMap<String, crate::content::Notice>,
}

/// Sort key: `order` (pages without one come last), then title, then URL for stability.
fn sort_key(p: &SourcePage) -> (i64, &str, &str) {
    (
        p.fm.order.unwrap_or(i64::MAX),
        p.fm.title.as_str(),
        p.url.as_str(),
    )
}

/// Build the model from loaded content.
pub fn build(content: Content) -> Result<Site, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let Content {
        pages: srcs,
        docs,
        notices,
        warnings: _,
    } = content;
    let mut by_url: HashMap<String, usize> = HashMap::with_capacity(srcs.len());
    let mut by_rel = HashMap::with_capacity(srcs.len());
    let mut section_of_dir: HashMap<String, usize> = HashMap::new();
    for (i, p) in srcs.iter().enumerate() {
        if let Some(&other) = by_url.get(&p.url) {
            let o = &srcs[other];
            errors.push(p.diag_at(
                p.url_offset(),
                format!(
                    "trùng địa chỉ {} với {}:{} (duplicate URL)",
                    p.url,
                    o.file.display(),
                    crate::error::line_col(&o.text, o.url_offset()).0
                ),
            ));
        } else {
            by_url.insert(p.url.clone(), i);
        }
        by_rel.insert(p.rel.clone(), i);
        if p.is_section {
            section_of_dir.insert(p.dir.clone(), i);
        }
    }
    let Some(&home) = section_of_dir.get("") else {
        errors.push(Diagnostic::new(
            "content/_index.md",
            "thiếu trang chủ (missing home page)",
        ));
        return Err(errors);
    };
    // Parent of each page: the section of its folder; a section's parent is the folder above.
    let mut parents = vec![None; srcs.len()];
    for (i, p) in srcs.iter().enumerate() {
        let parent_dir = if p.is_section {
            if p.dir.is_empty() {
                continue;
            }
            p.dir.rsplit_once('/').map_or("", |(a, _)| a)
        } else {
            p.dir.as_str()
        };
        match section_of_dir.get(parent_dir) {
            Some(&s) => parents[i] = Some(s),
            None => errors.push(Diagnostic::new(
                &p.file,
                format!("thư mục content/{parent_dir} thiếu _index.md"),
            )),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); srcs.len()];
    for (i, parent) in parents.iter().enumerate() {
        if let Some(p) = parent
            && srcs[i].fm.nav
        {
            children[*p].push(i);
        }
    }
    for c in &mut children {
        c.sort_by(|&a, &b| sort_key(&srcs[a]).cmp(&sort_key(&srcs[b])));
    }
    // Reading order: depth-first from home.
    let mut reading_order = Vec::with_capacity(srcs.len());
    let mut stack = vec![home];
    while let Some(i) = stack.pop() {
        reading_order.push(i);
        stack.extend(children[i].iter().rev());
    }
    let mut pages: Vec<Page> = srcs
        .into_iter()
        .enumerate()
        .map(|(i, src)| Page {
            src,
            parent: parents[i],
            children: std::mem::take(&mut children[i]),
            ancestors: Vec::new(),
            prev: None,
            next: None,
            notice: None,
        })
        .collect();
    for w in reading_order.windows(2) {
        pages[w[0]].next = Some(w[1]);
        pages[w[1]].prev = Some(w[0]);
    }
    // Pages left out of navigation (`nav = false`, and anything below them) are still built:
    // they come last, with no prev/next, after their parents.
    let mut in_order = vec![false; pages.len()];
    for &i in &reading_order {
        in_order[i] = true;
    }
    let mut hidden: Vec<usize> = (0..pages.len()).filter(|&i| !in_order[i]).collect();
    hidden.sort_by_key(|&i| (pages[i].src.dir.matches('/').count(), i));
    reading_order.extend(hidden);
    // Ancestors and inherited notices, in reading order so parents come first.
    for &i in &reading_order {
        if let Some(p) = pages[i].parent {
            let mut anc = pages[p].ancestors.clone();
            anc.push(p);
            pages[i].ancestors = anc;
            let own = pages[i].src.fm.notice.as_ref().map(|n| n.get_ref().clone());
            pages[i].notice = own.or_else(|| pages[p].notice.clone());
        } else {
            pages[i].notice = pages[i].src.fm.notice.as_ref().map(|n| n.get_ref().clone());
        }
    }
    Ok(Site {
        pages,
        home,
        by_url,
        by_rel,
        reading_order,
        docs,
        notices,
    })
}

/// Sites for unit tests of the model, the renderer and the link check.
#[cfg(test)]
pub(crate) mod test_support {
    use super::*;
    use crate::content::test_page;
    use crate::render::markdown::{BodyCtx, Rendered, render_body};

    /// A page with title `title` and the extra front matter lines `front`.
    pub fn page(rel: &str, title: &str, front: &str, body: &str) -> SourcePage {
        test_page(
            rel,
            &format!("+++\ntitle = \"{title}\"\n{front}+++\n{body}"),
        )
    }

    /// `_index.md`, `a/_index.md`, `a/b.md` with `body`, and `a/c.md` (`## Mục tiêu`).
    pub fn sample_site(body: &str) -> Site {
        build(Content {
            pages: vec![
                page("_index.md", "T", "", ""),
                page("a/_index.md", "T", "", ""),
                page("a/b.md", "T", "", body),
                page("a/c.md", "T", "", "## Mục tiêu\n"),
            ],
            ..Default::default()
        })
        .unwrap()
    }

    /// The body of page `idx` (no data files, no templates) and its diagnostics as text.
    pub fn render_sample(site: &Site, idx: usize) -> (Rendered, Vec<String>) {
        let store = crate::data::DataStore::default();
        let env = minijinja::Environment::new();
        let refs = crate::crossref::Index::default();
        let ctx = BodyCtx {
            site,
            store: &store,
            refs: &refs,
            env: &env,
        };
        let (r, d) = render_body(&ctx, idx);
        (r, d.iter().map(|d| d.to_string()).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::test_support;
    use super::*;
    use std::path::PathBuf;

    fn page(rel: &str, title: &str, order: Option<i64>) -> SourcePage {
        let order = order.map_or(String::new(), |o| format!("order = {o}\n"));
        test_support::page(rel, title, &order, "")
    }

    fn site(pages: Vec<SourcePage>) -> Result<Site, Vec<Diagnostic>> {
        build(Content {
            pages,
            ..Default::default()
        })
    }

    #[test]
    fn order_then_title_and_reading_order() {
        let s = site(vec![
            page("_index.md", "Trang chủ", None),
            page("b/_index.md", "B", Some(2)),
            page("a/_index.md", "A", Some(1)),
            page("a/z.md", "Z", Some(1)),
            page("a/y.md", "Y", None),
            page("a/x.md", "X", None),
            page("b/c.md", "C", None),
        ])
        .unwrap();
        let urls: Vec<&str> = s.reading_order.iter().map(|&i| s.pages[i].url()).collect();
        assert_eq!(
            urls,
            ["/", "/a/", "/a/z/", "/a/x/", "/a/y/", "/b/", "/b/c/"]
        );
        let y = s.by_url["/a/y/"];
        assert_eq!(s.pages[s.pages[y].prev.unwrap()].url(), "/a/x/");
        assert_eq!(s.pages[s.pages[y].next.unwrap()].url(), "/b/");
        let anc: Vec<&str> = s.pages[y]
            .ancestors
            .iter()
            .map(|&i| s.pages[i].url())
            .collect();
        assert_eq!(anc, ["/", "/a/"]);
        assert!(s.pages[s.home].prev.is_none());
    }

    #[test]
    fn nav_false_pages_are_built_but_out_of_nav_and_reading_chain() {
        let hidden = test_support::page("tim-kiem.md", "Tìm kiếm", "nav = false\n", "");
        let s = site(vec![
            page("_index.md", "Trang chủ", None),
            hidden,
            page("a/_index.md", "A", Some(2)),
        ])
        .unwrap();
        let t = s.by_url["/tim-kiem/"];
        assert!(!s.pages[s.home].children.contains(&t), "not in the nav");
        assert!(s.pages[t].prev.is_none() && s.pages[t].next.is_none());
        let a = s.by_url["/a/"];
        assert_eq!(
            s.pages[a].prev,
            Some(s.home),
            "the chain skips the hidden page"
        );
        assert_eq!(*s.reading_order.last().unwrap(), t, "still built (last)");
        assert_eq!(s.pages[t].ancestors, [s.home]);
    }

    #[test]
    fn duplicate_urls_name_both_files() {
        let mut dup = page("a/x.md", "X2", None);
        dup.file = PathBuf::from("content/a/x-copy.md");
        dup.rel = "a/x-copy.md".into();
        let err = site(vec![
            page("_index.md", "H", None),
            page("a/_index.md", "A", None),
            page("a/x.md", "X", None),
            dup,
        ])
        .unwrap_err();
        let msg = err[0].to_string();
        assert!(msg.starts_with("content/a/x-copy.md:1:1: "), "{msg}");
        assert!(msg.contains("content/a/x.md:1"), "{msg}");
    }

    /// The line that gives a page its URL: the `slug` key when there is one.
    #[test]
    fn duplicate_urls_give_the_slug_line_of_both_files() {
        let err = site(vec![
            page("_index.md", "H", None),
            page("a/_index.md", "A", None),
            test_support::page("a/x.md", "X", "order = 1\nslug = \"chung\"\n", ""),
            test_support::page("a/y.md", "Y", "slug = \"chung\"\n", ""),
        ])
        .unwrap_err();
        let msg = err[0].to_string();
        assert!(
            msg.starts_with("content/a/y.md:3:8: trùng địa chỉ /a/chung/ với content/a/x.md:4 "),
            "{msg}"
        );
    }
}
