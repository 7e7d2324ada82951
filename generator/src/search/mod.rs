//! The search index, built from the rendered pages at the end of the build.
//!
//! Each page's `<div class="content">` is split at its `h2`/`h3` headings (which carry ids) into
//! sections; the sections are written with the shared format of [`sotay_calc::search`] to
//! `/assets/search-index.<build_id>.txt`, after the glossary's abbreviations (each entry's
//! anchor, short expansion and forms, from `content/_data/thuat-ngu.toml`: the one source of the
//! abbreviations, expanded at query time). The browser (site/js/search.js) finds that URL from
//! the `<meta name="sotay-build">` of the page and queries it with the same code compiled to
//! wasm, so the normaliser (`giám` = `giam`, `đ` = `d`) is one function on both sides.

pub use sotay_calc::search::{Abbreviation, Index, IndexFile, Section, decode, encode, normalize};

use crate::glossary::Glossary;

/// Pages never indexed: the search page itself and the offline page.
pub const NOT_INDEXED: &[&str] = &["/tim-kiem/", "/ngoai-tuyen/"];

/// URL of the index file of a build (also in the service worker's precache list).
pub fn index_url(build_id: &str) -> String {
    format!("/assets/search-index.{build_id}.txt")
}

/// What [`index`] holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexStats {
    pub pages: usize,
    pub sections: usize,
    pub bytes: usize,
}

/// Is the page at `url` indexed?
pub fn indexed(url: &str) -> bool {
    !NOT_INDEXED.contains(&url)
}

/// The index file of a build from each indexed page's sections, in reading order (the render
/// computes them from each page's final HTML, in parallel, with [`sections_from_html`]), the
/// glossary's abbreviations and the size of the search module (`calc-search.wasm`, 0 when
/// the build has none), which the browser's loading progress counts with the index.
pub fn index(
    pages: &[Vec<Section>],
    glossary: Option<&Glossary>,
    module_bytes: usize,
) -> (String, IndexStats) {
    // NFC, as the browser's query is (search.js), so both sides spell a word alike.
    let nfc = sotay_calc::core::text::nfc;
    let sections: Vec<Section> = pages
        .iter()
        .flatten()
        .map(|s| Section {
            page_title: nfc(&s.page_title),
            heading: nfc(&s.heading),
            text: nfc(&s.text),
            ..s.clone()
        })
        .collect();
    let file = IndexFile {
        abbreviations: glossary.map(abbreviations).unwrap_or_default(),
        sections,
        module_bytes,
    };
    let data = encode(&file);
    let stats = IndexStats {
        pages: pages.len(),
        sections: file.sections.len(),
        bytes: data.len(),
    };
    (data, stats)
}

/// The glossary's entries for the index: link, expansion and forms (sorted, so the file is the
/// same from build to build).
pub fn abbreviations(g: &Glossary) -> Vec<Abbreviation> {
    let mut out: Vec<Abbreviation> = g
        .entries()
        .map(|(id, expansion)| Abbreviation {
            href: format!("{}#{id}", g.page),
            expansion: expansion.to_string(),
            forms: Vec::new(),
        })
        .collect();
    for (form, id) in g.forms() {
        let href = format!("{}#{id}", g.page);
        if let Some(a) = out.iter_mut().find(|a| a.href == href) {
            a.forms.push(form.to_string());
        }
    }
    for a in &mut out {
        a.forms.sort();
    }
    out.retain(|a| !a.forms.is_empty());
    out
}

/// Size of the search module among the build's assets (0 when built without wasm).
pub fn module_bytes(assets: &crate::assets::Assets) -> usize {
    let Some(url) = assets.urls.get("calc-search.wasm") else {
        return 0;
    };
    assets
        .blobs
        .iter()
        .find(|(p, _)| url.trim_start_matches('/') == p)
        .map_or(0, |(_, b)| b.len())
}

/// Sections of one rendered page: the text of its `<div class="content">` (the whole `<main>`
/// when the template has no such div) cut at every `h2`/`h3` that has an id. Read with the
/// shared tokenizer ([`crate::html`]).
pub fn sections_from_html(url: &str, page_title: &str, html: &str) -> Vec<Section> {
    let tokens: Vec<crate::html::Token> = crate::html::tokens(html).collect();
    sections_from_tokens(url, page_title, &tokens)
}

/// [`sections_from_html`] over a page's tokens (tokenized once for its links and sections).
pub fn sections_from_tokens(
    url: &str,
    page_title: &str,
    tokens: &[crate::html::Token],
) -> Vec<Section> {
    use crate::html::Token;
    let has_content_div = tokens
        .iter()
        .any(|t| matches!(t, Token::Start(s) if s.name == "div" && s.has_class("content")));
    let mut out = Vec::new();
    let mut cur = Section {
        url: url.into(),
        page_title: page_title.into(),
        heading: page_title.into(),
        ..Default::default()
    };
    // Depth of the region's element (`div.content` or `main`) while inside it; None outside.
    let region = if has_content_div { "div" } else { "main" };
    let mut inside: Option<usize> = None;
    let mut done_region = false;
    let mut in_heading: Option<String> = None;
    let mut skip: Option<(String, usize)> = None;
    for t in tokens {
        if done_region {
            break;
        }
        let Some(depth) = inside.as_mut() else {
            if let Token::Start(s) = &t
                && s.name == region
                && (!has_content_div || s.has_class("content"))
            {
                inside = Some(1);
            }
            continue;
        };
        match &t {
            Token::Start(s) if s.name == region && !s.self_closing => *depth += 1,
            Token::End(n, _) if n == region => {
                *depth -= 1;
                if *depth == 0 {
                    done_region = true;
                    continue;
                }
            }
            _ => {}
        }
        if let Some((name, d)) = skip.as_mut() {
            match &t {
                Token::Start(s) if s.name == *name && !s.self_closing => *d += 1,
                Token::End(n, _) if n == name => {
                    *d -= 1;
                    if *d == 0 {
                        skip = None;
                    }
                }
                _ => {}
            }
            continue;
        }
        match t {
            Token::Text(text) => match in_heading.as_mut() {
                Some(h) => h.push_str(text),
                None => cur.text.push_str(text),
            },
            Token::Start(tag) => {
                if !tag.self_closing
                    && (matches!(
                        tag.name.as_str(),
                        "script" | "style" | "svg" | "template" | "button" | "noscript"
                    ) || tag.attr("aria-hidden") == Some("true"))
                {
                    skip = Some((tag.name.clone(), 1));
                    continue;
                }
                if matches!(tag.name.as_str(), "h2" | "h3")
                    && let Some(id) = tag.attr("id")
                {
                    let next = Section {
                        url: url.into(),
                        page_title: page_title.into(),
                        anchor: id.to_string(),
                        ..Default::default()
                    };
                    let done = std::mem::replace(&mut cur, next);
                    if !done.text.trim().is_empty() || !done.anchor.is_empty() {
                        out.push(done);
                    }
                    in_heading = Some(String::new());
                    continue;
                }
                if is_block(&tag.name) {
                    match in_heading.as_mut() {
                        Some(h) => h.push(' '),
                        None => cur.text.push(' '),
                    }
                }
            }
            Token::End(name, _) => {
                if matches!(name.as_str(), "h2" | "h3")
                    && let Some(h) = in_heading.take()
                {
                    cur.heading = collapse(&h);
                    continue;
                }
                if is_block(name) {
                    match in_heading.as_mut() {
                        Some(h) => h.push(' '),
                        None => cur.text.push(' '),
                    }
                }
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

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests;
