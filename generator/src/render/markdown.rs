//! Markdown → HTML with heading ids, heading anchors, a TOC, data blocks and link collection.
use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::blocks::{BlockCtx, BlockSpec};
use crate::data::DataStore;
use crate::error::Diagnostic;
use crate::md::{escape, options};
use crate::model::Site;
use crate::slug::{UniqueIds, slugify};
use crate::url::{is_external, normalize, split_fragment};

/// One entry of the on-page table of contents (h2–h3).
#[derive(Debug, Clone, Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// A link or image source found in a page's Markdown, to check once every page is rendered.
#[derive(Debug, Clone)]
pub struct LinkRef {
    /// Absolute site path without fragment (`/giam-sat/dieu-18/`), or empty for `#frag` only.
    pub path: String,
    pub fragment: Option<String>,
    /// Byte offset in the Markdown file (whole file, front matter included).
    pub offset: usize,
    /// What the author wrote.
    pub written: String,
}

/// A rendered page body.
#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
    pub links: Vec<LinkRef>,
}

/// Everything needed to render page bodies.
pub struct BodyCtx<'a> {
    pub site: &'a Site,
    pub store: &'a DataStore,
    /// Numbered headings of the documents' parts, for "Mục 5, Phần II" links.
    pub refs: &'a crate::crossref::Index,
    pub env: &'a minijinja::Environment<'static>,
}

fn level_num(l: HeadingLevel) -> u8 {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Resolves and records links of one page.
struct Links<'a> {
    site: &'a Site,
    page_dir: &'a str,
    page_url: &'a str,
    links: Vec<LinkRef>,
}

impl Links<'_> {
    /// Record `href` at `offset`; returns the href to write in the HTML (rewritten for `.md`
    /// links) or an error message.
    fn handle(&mut self, href: &str, offset: usize) -> Result<Option<String>, String> {
        if href.is_empty() || is_external(href) {
            return Ok(None);
        }
        let (path, frag) = split_fragment(href);
        let fragment = frag.filter(|f| !f.is_empty()).map(str::to_string);
        if path.is_empty() {
            self.links.push(LinkRef {
                path: self.page_url.to_string(),
                fragment,
                offset,
                written: href.to_string(),
            });
            return Ok(None);
        }
        if !path.starts_with('/') && path.ends_with(".md") {
            let joined = if self.page_dir.is_empty() {
                path.to_string()
            } else {
                format!("{}/{path}", self.page_dir)
            };
            let rel = normalize(&format!("/{joined}"))
                .ok_or_else(|| format!("liên kết \"{href}\" ra ngoài content/"))?;
            let rel = rel.trim_start_matches('/');
            let Some(&target) = self.site.by_rel.get(rel) else {
                return Err(format!(
                    "liên kết \"{href}\" tới tệp không có: content/{rel} (broken link)"
                ));
            };
            let url = self.site.pages[target].url().to_string();
            let new_href = match &fragment {
                Some(f) => format!("{url}#{f}"),
                None => url.clone(),
            };
            self.links.push(LinkRef {
                path: url,
                fragment,
                offset,
                written: href.to_string(),
            });
            return Ok(Some(new_href));
        }
        let abs = if path.starts_with('/') {
            normalize(path)
        } else {
            normalize(&format!("{}{path}", self.page_url))
        }
        .ok_or_else(|| format!("liên kết \"{href}\" ra ngoài trang web"))?;
        self.links.push(LinkRef {
            path: abs,
            fragment,
            offset,
            written: href.to_string(),
        });
        Ok(None)
    }

    /// Record every `href="…"` and `src="…"` of a chunk of raw HTML.
    fn scan_html(&mut self, html: &str, offset: usize, errors: &mut Vec<String>) {
        // The shared tokenizer (crate::html): values decoded, any quoting, data-src is not src.
        for t in crate::html::tokens(html) {
            let crate::html::Token::Start(tag) = t else {
                continue;
            };
            for (name, value) in &tag.attrs {
                if (name == "href" || name == "src")
                    && let Err(e) = self.handle(value, offset)
                {
                    errors.push(e);
                }
            }
        }
    }
}

/// Render the body of page `idx`. Errors are returned alongside whatever could be rendered.
pub fn render_body(ctx: &BodyCtx<'_>, idx: usize) -> (Rendered, Vec<Diagnostic>) {
    let page = &ctx.site.pages[idx];
    let src = &page.src;
    let body = src.body();
    let base = src.body_offset;
    let mut diags = Vec::new();
    let mut links = Links {
        site: ctx.site,
        page_dir: &src.dir,
        page_url: &src.url,
        links: Vec::new(),
    };
    let mut ids = UniqueIds::default();
    let mut toc = Vec::new();
    let mut out: Vec<Event<'_>> = Vec::with_capacity(body.len() / 8);

    // Heading being collected: (level, explicit id, classes, attrs, start offset, inner events).
    struct Heading<'e> {
        level: u8,
        id: Option<CowStr<'e>>,
        classes: Vec<CowStr<'e>>,
        attrs: Vec<(CowStr<'e>, Option<CowStr<'e>>)>,
        offset: usize,
        text: String,
        inner: Vec<Event<'e>>,
    }
    let mut heading: Option<Heading<'_>> = None;
    // Data block being collected: (offset of the fence, body).
    let mut block: Option<(usize, String)> = None;
    // Reference links ("Mục 5, Phần II") and the first use of each abbreviation: see
    // crate::crossref and crate::glossary. Text is buffered until the next other event.
    let mut auto = AutoText {
        doc: src.fm.source.as_ref().map(|s| s.doc.get_ref().as_str()),
        refs: ctx.refs,
        expander: ctx
            .store
            .glossary
            .as_ref()
            .filter(|g| g.page != src.url)
            .map(crate::glossary::Expander::new),
        pending: None,
        nested: 0,
    };

    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        let offset = base + range.start;
        if block.is_none() && heading.is_none() && auto.take(&event, offset) {
            continue;
        }
        auto.flush(&mut out, &mut links, &mut diags, src);
        if let Some((_, text)) = &mut block {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let (fence, text) = block.take().unwrap_or_default();
                    let line = crate::error::line_col(&src.text, fence).0;
                    let spec = BlockSpec {
                        file: &src.file,
                        line,
                        body: &text,
                    };
                    let block_ctx = BlockCtx {
                        site: ctx.site,
                        store: ctx.store,
                        env: ctx.env,
                    };
                    let rendered = crate::blocks::render(&block_ctx, &spec);
                    match rendered {
                        Ok(html) => {
                            let html = auto.block_html(&html, fence, &mut diags, src);
                            let mut errs = Vec::new();
                            links.scan_html(&html, fence, &mut errs);
                            diags.extend(errs.into_iter().map(|e| src.diag_at(fence, e)));
                            out.push(Event::Html(html.into()));
                        }
                        Err(d) => diags.push(d),
                    }
                }
                _ => {}
            }
            continue;
        }
        let event = match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                if info.split_whitespace().next() == Some("sotay") =>
            {
                block = Some((offset, String::new()));
                continue;
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                heading = Some(Heading {
                    level: level_num(level),
                    id,
                    classes,
                    attrs,
                    offset,
                    text: String::new(),
                    inner: Vec::new(),
                });
                continue;
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(h) = heading.take() {
                    let id = match &h.id {
                        Some(explicit) => {
                            if !ids.reserve(explicit) {
                                diags.push(src.diag_at(
                                    h.offset,
                                    format!("trùng id tiêu đề \"{explicit}\" trong trang (duplicate heading id)"),
                                ));
                            }
                            explicit.to_string()
                        }
                        None => ids.unique(&slugify(&h.text)),
                    };
                    let title = h.text.trim().to_string();
                    if (2..=3).contains(&h.level) {
                        toc.push(TocEntry {
                            level: h.level,
                            id: id.clone(),
                            title,
                        });
                    }
                    let mut open = format!("<h{} id=\"{}\"", h.level, escape(&id));
                    if !h.classes.is_empty() {
                        let cls: Vec<&str> = h.classes.iter().map(|c| c.as_ref()).collect();
                        open.push_str(&format!(" class=\"{}\"", escape(&cls.join(" "))));
                    }
                    for (k, v) in &h.attrs {
                        open.push_str(&format!(" {}", escape(k)));
                        if let Some(v) = v {
                            open.push_str(&format!("=\"{}\"", escape(v)));
                        }
                    }
                    open.push('>');
                    out.push(Event::Html(open.into()));
                    out.extend(h.inner);
                    let close = if h.level >= 2 {
                        format!(
                            "<a class=\"heading-anchor\" href=\"#{}\" aria-label=\"Liên kết tới mục này\"><span aria-hidden=\"true\">#</span></a></h{}>\n",
                            escape(&id),
                            h.level
                        )
                    } else {
                        format!("</h{}>\n", h.level)
                    };
                    out.push(Event::Html(close.into()));
                }
                continue;
            }
            // Links are recorded (and `.md` links rewritten to the page URL); images recorded.
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = match links.handle(&dest_url, offset) {
                    Ok(Some(new)) => new.into(),
                    Ok(None) => dest_url,
                    Err(e) => {
                        diags.push(src.diag_at(offset, e));
                        dest_url
                    }
                };
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::Start(Tag::Image { ref dest_url, .. }) => {
                if let Err(e) = links.handle(dest_url, offset) {
                    diags.push(src.diag_at(offset, e));
                }
                event
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                // Only the tags and attributes of the content policy (crate::rawhtml).
                for p in crate::rawhtml::check(&h) {
                    diags.push(src.diag_at(offset + p.offset, p.message));
                }
                let mut errs = Vec::new();
                links.scan_html(&h, offset, &mut errs);
                diags.extend(errs.into_iter().map(|e| src.diag_at(offset, e)));
                Event::Html(h)
            }
            e => e,
        };
        if let Some(h) = &mut heading {
            match &event {
                Event::Text(t) | Event::Code(t) => h.text.push_str(t),
                _ => {}
            }
            h.inner.push(event);
        } else {
            out.push(event);
        }
    }
    auto.flush(&mut out, &mut links, &mut diags, src);
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    let html = super::cards::label_tables(&html);
    (
        Rendered {
            html,
            toc,
            links: links.links,
        },
        diags,
    )
}

/// The page's own text, rewritten: reference links ([`crate::crossref`]) and the first use of
/// each abbreviation ([`crate::glossary`]). Only text outside links, images, headings and
/// code is touched; data blocks are rewritten as HTML.
struct AutoText<'a> {
    doc: Option<&'a str>,
    refs: &'a crate::crossref::Index,
    expander: Option<crate::glossary::Expander<'a>>,
    /// Text events not yet written: (offset of the first, text).
    pending: Option<(usize, String)>,
    /// Depth of links, images and code blocks.
    nested: usize,
}

impl AutoText<'_> {
    /// Keep a text event for later (returns true), and follow links/images/code.
    fn take(&mut self, event: &Event<'_>, offset: usize) -> bool {
        match event {
            Event::Text(t) if self.nested == 0 => {
                match &mut self.pending {
                    Some((_, s)) => s.push_str(t),
                    None => self.pending = Some((offset, t.to_string())),
                }
                return true;
            }
            // A `sotay` fence is taken by the block renderer (its end never comes here).
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                if info.split_whitespace().next() == Some("sotay") => {}
            Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_)) => {
                self.nested += 1
            }
            Event::End(TagEnd::Link | TagEnd::Image | TagEnd::CodeBlock) => {
                self.nested = self.nested.saturating_sub(1)
            }
            _ => {}
        }
        false
    }

    /// Write the kept text, linked and expanded.
    fn flush<'e>(
        &mut self,
        out: &mut Vec<Event<'e>>,
        links: &mut Links<'_>,
        diags: &mut Vec<Diagnostic>,
        src: &crate::content::SourcePage,
    ) {
        let Some((at, text)) = self.pending.take() else {
            return;
        };
        let (pieces, errors) = self.refs.link(self.doc, &text);
        for (r, e) in errors {
            diags.push(src.diag_at(at + r.start, e));
        }
        let mut changed = pieces
            .iter()
            .any(|p| matches!(p, crate::crossref::Piece::Link(..)));
        let expander = &mut self.expander;
        let html = crate::crossref::pieces_html(&text, &pieces, |plain| {
            match expander.as_mut().and_then(|x| x.text(plain)) {
                Some(h) => {
                    changed = true;
                    h
                }
                None => escape(plain),
            }
        });
        if changed {
            let mut errs = Vec::new();
            links.scan_html(&html, at, &mut errs);
            diags.extend(errs.into_iter().map(|e| src.diag_at(at, e)));
            out.push(Event::InlineHtml(html.into()));
        } else {
            out.push(Event::Text(text.into()));
        }
    }

    /// A data block's HTML, linked and expanded (errors at the fence).
    fn block_html(
        &mut self,
        html: &str,
        fence: usize,
        diags: &mut Vec<Diagnostic>,
        src: &crate::content::SourcePage,
    ) -> String {
        let mut errs = Vec::new();
        let html = self.refs.link_html(self.doc, html, &mut errs);
        diags.extend(errs.into_iter().map(|e| src.diag_at(fence, e)));
        match &mut self.expander {
            Some(x) => x.html(&html),
            None => html,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::test_support::{render_sample, sample_site};

    /// Render the body of `a/b.md` in a site that also has `a/c.md`.
    fn render(body: &str) -> (Rendered, Vec<String>) {
        let site = sample_site(body);
        render_sample(&site, site.by_url["/a/b/"])
    }

    #[test]
    fn heading_ids_anchors_and_toc() {
        let (r, d) = render(
            "## Giám sát trọng điểm\n\n## Giám sát trọng điểm\n\n### Cỡ mẫu {#co-mau .x}\n\n#### `Mã` HIV\n\n# Tiêu đề một\n",
        );
        assert!(d.is_empty(), "{d:?}");
        assert!(r.html.contains("<h2 id=\"giam-sat-trong-diem\">Giám sát trọng điểm<a class=\"heading-anchor\" href=\"#giam-sat-trong-diem\" aria-label=\"Liên kết tới mục này\">"));
        assert!(r.html.contains("<h2 id=\"giam-sat-trong-diem-2\">"));
        assert!(r.html.contains("<h3 id=\"co-mau\" class=\"x\">"));
        assert!(
            r.html
                .contains("<h4 id=\"ma-hiv\"><code>Mã</code> HIV<a class=\"heading-anchor\"")
        );
        assert!(
            r.html.contains("<h1 id=\"tieu-de-mot\">Tiêu đề một</h1>"),
            "no anchor on h1"
        );
        let toc: Vec<(u8, &str)> = r.toc.iter().map(|t| (t.level, t.id.as_str())).collect();
        assert_eq!(
            toc,
            [
                (2, "giam-sat-trong-diem"),
                (2, "giam-sat-trong-diem-2"),
                (3, "co-mau")
            ]
        );
        assert_eq!(r.toc[2].title, "Cỡ mẫu");
    }

    #[test]
    fn links_are_resolved_and_recorded_with_offsets() {
        let (r, d) = render(
            "Xem [c](c.md#muc-tieu), [mục](/a/c/), [đây](#x), [web](https://x.vn).\n\n<a href=\"../\">a</a>\n",
        );
        assert!(d.is_empty(), "{d:?}");
        assert!(
            r.html.contains("<a href=\"/a/c/#muc-tieu\">c</a>"),
            "{}",
            r.html
        );
        let got: Vec<(&str, Option<&str>)> = r
            .links
            .iter()
            .map(|l| (l.path.as_str(), l.fragment.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("/a/c/", Some("muc-tieu")),
                ("/a/c/", None),
                ("/a/b/", Some("x")),
                ("/a/", None)
            ]
        );
        // Offsets point into the whole file (front matter is 3 lines).
        let text = "+++\ntitle = \"T\"\n+++\nXem [c]";
        assert_eq!(r.links[0].offset, text.len() - 3);
    }

    #[test]
    fn missing_md_target_is_an_error_at_its_line() {
        let (_, d) = render("a\n\n[x](khong-co.md)\n");
        assert_eq!(d.len(), 1);
        assert!(d[0].starts_with("content/a/b.md:6:1: liên kết \"khong-co.md\" tới tệp không có: content/a/khong-co.md"), "{d:?}");
    }

    #[test]
    fn data_block_errors_name_the_fence_line() {
        let (_, d) = render("Đoạn.\n\n```sotay\nblock = \"khong-co\"\n```\n");
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].starts_with("content/a/b.md:6"), "{d:?}");
    }

    #[test]
    fn text_after_a_data_block_is_still_linked() {
        // The page has no document, so a "Mục N, Phần R" reference cannot resolve: the error
        // proves the text after the fence went through the reference linker.
        let (r, d) =
            render("Mục 5, Phần II.\n\n```sotay\nblock = \"khong-co\"\n```\n\nMục 5, Phần II.\n");
        let refs: Vec<&String> = d.iter().filter(|m| m.contains("Mục 5, Phần II")).collect();
        assert_eq!(refs.len(), 2, "{d:?}");
        assert!(
            refs[0].starts_with("content/a/b.md:4:1:")
                && refs[1].starts_with("content/a/b.md:10:1:"),
            "{d:?}"
        );
        assert!(r.html.contains("<p>Mục 5, Phần II.</p>"));
    }
}
