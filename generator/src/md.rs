//! The Markdown dialect of the handbook (pulldown-cmark with tables, footnotes, heading
//! attributes, strikethrough), Markdown for short texts (notices, data-block fields) and HTML
//! escaping. A leaf: the page machinery (heading ids, links, blocks) is render::markdown's.
use pulldown_cmark::{Options, Parser};

/// pulldown-cmark extensions used everywhere.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_STRIKETHROUGH
}

/// Render Markdown without any of the page machinery (notices, short texts).
pub fn simple_html(md: &str) -> String {
    let mut out = String::with_capacity(md.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut out, Parser::new_ext(md, options()));
    out
}

/// Escape text for an HTML attribute or text node (the calculator crate's escaper, shared with
/// the HTML the browser layer builds).
pub fn escape(s: &str) -> String {
    sotay_calc::core::text::html_escaped(s)
}

/// One line of Markdown → HTML without the surrounding paragraph (data-block fields).
pub fn inline(text: &str) -> String {
    let mut html = String::new();
    let parser =
        pulldown_cmark::Parser::new_ext(text, pulldown_cmark::Options::ENABLE_STRIKETHROUGH);
    pulldown_cmark::html::push_html(&mut html, parser);
    let trimmed = html.trim_end();
    match trimmed
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
    {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => trimmed.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_markdown() {
        assert_eq!(simple_html("**Lưu ý**"), "<p><strong>Lưu ý</strong></p>\n");
    }
}
