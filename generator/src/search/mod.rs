//! The search index, built from the rendered pages at the end of the build.
//!
//! Each page's `<div class="content">` is split at its `h2`/`h3` headings (which carry ids) into
//! sections; the sections are written with the shared format of [`sotay_calc::search`] to
//! `/assets/search-index.<build_id>.txt`. The browser (site/js/search.js) finds that URL from the
//! `<meta name="sotay-build">` of the page and queries it with the same code compiled to wasm,
//! so the normaliser (`giám` = `giam`, `đ` = `d`) is one function on both sides.
use std::fs;
use std::io;
use std::path::Path;

pub use sotay_calc::search::{Index, Section, encode, normalize};

use crate::model::Site;

/// Pages never indexed: the search page itself and the offline page.
pub const NOT_INDEXED: &[&str] = &["/tim-kiem/", "/ngoai-tuyen/"];

/// URL of the index file of a build (also in the service worker's precache list).
pub fn index_url(build_id: &str) -> String {
    format!("/assets/search-index.{build_id}.txt")
}

/// What [`write_index`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexStats {
    pub pages: usize,
    pub sections: usize,
    pub bytes: usize,
}

/// Read every rendered page of `site` from `out_dir` (the build's staging directory) and write
/// the index file. Call after all pages are written, before the service worker is generated.
pub fn write_index(out_dir: &Path, site: &Site, build_id: &str) -> io::Result<IndexStats> {
    let mut sections = Vec::new();
    let mut pages = 0;
    for &i in &site.reading_order {
        let page = &site.pages[i];
        let url = page.url();
        if NOT_INDEXED.contains(&url) {
            continue;
        }
        let path = out_dir.join(url.trim_start_matches('/')).join("index.html");
        let html = match fs::read_to_string(&path) {
            Ok(h) => h,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        pages += 1;
        sections.extend(sections_from_html(url, page.title(), &html));
    }
    let data = encode(&sections);
    let rel = index_url(build_id);
    let path = out_dir.join(rel.trim_start_matches('/'));
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    fs::write(&path, data.as_bytes())?;
    Ok(IndexStats {
        pages,
        sections: sections.len(),
        bytes: data.len(),
    })
}

/// Sections of one rendered page: the text of its `<div class="content">` (the whole `<main>`
/// when the template has no such div) cut at every `h2`/`h3` that has an id.
pub fn sections_from_html(url: &str, page_title: &str, html: &str) -> Vec<Section> {
    let region = content_region(html);
    let mut out = Vec::new();
    let mut cur = Section {
        url: url.into(),
        page_title: page_title.into(),
        heading: page_title.into(),
        ..Default::default()
    };
    let mut in_heading: Option<String> = None;
    let mut skip: Option<(String, usize)> = None;
    let mut rest = region;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            push_text(&mut cur, &mut in_heading, &skip, rest);
            break;
        };
        push_text(&mut cur, &mut in_heading, &skip, &rest[..lt]);
        rest = &rest[lt..];
        let Some(gt) = rest.find('>') else { break };
        let tag = Tag::parse(&rest[1..gt]);
        rest = &rest[gt + 1..];
        let Some(tag) = tag else { continue };
        if let Some((name, depth)) = skip.as_mut() {
            if tag.name == *name {
                if tag.close {
                    *depth -= 1;
                    if *depth == 0 {
                        skip = None;
                    }
                } else if !tag.self_closing {
                    *depth += 1;
                }
            }
            continue;
        }
        if !tag.close
            && !tag.self_closing
            && (matches!(
                tag.name.as_str(),
                "script" | "style" | "svg" | "template" | "button" | "noscript"
            ) || tag.aria_hidden)
        {
            skip = Some((tag.name.clone(), 1));
            continue;
        }
        if matches!(tag.name.as_str(), "h2" | "h3") {
            if !tag.close
                && let Some(id) = tag.id
            {
                let next = Section {
                    url: url.into(),
                    page_title: page_title.into(),
                    anchor: id,
                    ..Default::default()
                };
                let done = std::mem::replace(&mut cur, next);
                if !done.text.trim().is_empty() || !done.anchor.is_empty() {
                    out.push(done);
                }
                in_heading = Some(String::new());
                continue;
            }
            if tag.close
                && let Some(h) = in_heading.take()
            {
                cur.heading = collapse(&h);
                continue;
            }
        }
        if is_block(&tag.name) {
            match in_heading.as_mut() {
                Some(h) => h.push(' '),
                None => cur.text.push(' '),
            }
        }
    }
    if !cur.text.trim().is_empty() || !cur.anchor.is_empty() {
        out.push(cur);
    }
    for s in &mut out {
        s.text = collapse(&s.text);
    }
    out
}

fn push_text(
    cur: &mut Section,
    in_heading: &mut Option<String>,
    skip: &Option<(String, usize)>,
    raw: &str,
) {
    if skip.is_some() || raw.is_empty() {
        return;
    }
    let text = decode_entities(raw);
    match in_heading {
        Some(h) => h.push_str(&text),
        None => cur.text.push_str(&text),
    }
}

/// The part of the page that is the article's own text.
fn content_region(html: &str) -> &str {
    // `<div class="content">` or `<div class="content home-content">`.
    let start = ["<div class=\"content\">", "<div class=\"content "]
        .iter()
        .find_map(|open| html.find(open))
        .and_then(|i| html[i..].find('>').map(|e| i + e + 1));
    if let Some(start) = start {
        // Find the matching </div>.
        let mut depth = 1usize;
        let mut at = start;
        while let Some(off) = html[at..].find("<") {
            let p = at + off;
            let s = &html[p..];
            if s.starts_with("</div") {
                depth -= 1;
                if depth == 0 {
                    return &html[start..p];
                }
            } else if s.starts_with("<div") && s[4..].starts_with([' ', '>']) {
                depth += 1;
            }
            at = p + 1;
        }
        return &html[start..];
    }
    match (html.find("<main"), html.find("</main>")) {
        (Some(a), Some(b)) if a < b => &html[a..b],
        _ => html,
    }
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "br"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "table"
            | "thead"
            | "tbody"
            | "tr"
            | "td"
            | "th"
            | "caption"
            | "blockquote"
            | "pre"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "section"
            | "aside"
            | "figure"
            | "figcaption"
            | "details"
            | "summary"
            | "hr"
    )
}

#[derive(Debug)]
struct Tag {
    name: String,
    close: bool,
    self_closing: bool,
    id: Option<String>,
    aria_hidden: bool,
}

impl Tag {
    /// Parse the inside of `<…>`; `None` for comments, doctypes and processing instructions.
    fn parse(inner: &str) -> Option<Tag> {
        if inner.starts_with(['!', '?']) {
            return None;
        }
        let (close, inner) = match inner.strip_prefix('/') {
            Some(r) => (true, r),
            None => (false, inner),
        };
        let self_closing = inner.ends_with('/');
        let name_end = inner
            .find(|c: char| c.is_whitespace() || c == '/')
            .unwrap_or(inner.len());
        let name = inner[..name_end].to_ascii_lowercase();
        if name.is_empty() {
            return None;
        }
        let attrs = &inner[name_end..];
        Some(Tag {
            self_closing: self_closing
                || matches!(
                    name.as_str(),
                    "br" | "hr" | "img" | "input" | "meta" | "link"
                ),
            id: attr(attrs, "id").map(|v| decode_entities(&v)),
            aria_hidden: attr(attrs, "aria-hidden").as_deref() == Some("true"),
            name,
            close,
        })
    }
}

/// Value of a double-quoted attribute (the renderer always quotes with `"`).
fn attr(attrs: &str, name: &str) -> Option<String> {
    let mut at = 0;
    while let Some(off) = attrs[at..].find(name) {
        let p = at + off;
        let before_ok = p == 0 || attrs[..p].ends_with(char::is_whitespace);
        let after = &attrs[p + name.len()..];
        if before_ok && let Some(v) = after.strip_prefix("=\"") {
            return v.find('"').map(|e| v[..e].to_string());
        }
        at = p + name.len();
    }
    None
}

/// Decode the character references the renderer and templates produce.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let end = rest.find(';').filter(|&e| e <= 12);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => {
                    let num = name.strip_prefix('#')?;
                    let v = match num.strip_prefix(['x', 'X']) {
                        Some(h) => u32::from_str_radix(h, 16).ok()?,
                        None => num.parse().ok()?,
                    };
                    char::from_u32(v)
                }
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests;
