//! Raw HTML in content: the small set of tags and attributes content editors may write in
//! Markdown pages, notices and data files. Anything else fails the build with file:line
//! (docs/authoring.md, "HTML trong nội dung"). Content editors are not web developers, and the
//! CSP stops scripts but not `<meta http-equiv="refresh">`, `<base>`, `<form action>` or
//! `<iframe>`, which send readers elsewhere.
//!
//! The check tokenizes each raw HTML fragment with `html5gum` (a WHATWG-compliant tokenizer:
//! entities decoded, attribute names lower-cased, as a browser reads them) and refuses, naming
//! the tag or attribute: tags outside [`TAGS`], attributes outside the global and per-tag lists
//! (every `on…` handler and `style` among them), links whose scheme is not http(s), mailto or
//! tel, and images not served by the site itself. It checks, it never rewrites: a sanitiser
//! that silently drops what an editor wrote (ammonia) would publish something other than the
//! page they reviewed, and would not say where the problem is.
use html5gum::{DefaultEmitter, Token, Tokenizer};

/// Tags content may use (text, lists, tables, figures, disclosure).
pub const TAGS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
    "wbr",
];

/// Attributes every allowed tag may carry.
pub const GLOBAL_ATTRIBUTES: &[&str] = &["id", "class", "title", "lang", "dir"];

/// Attributes of particular tags.
pub const TAG_ATTRIBUTES: &[(&str, &[&str])] = &[
    ("a", &["href"]),
    (
        "img",
        &["src", "alt", "width", "height", "loading", "decoding"],
    ),
    ("td", &["colspan", "rowspan", "headers"]),
    ("th", &["colspan", "rowspan", "headers", "scope", "abbr"]),
    ("col", &["span"]),
    ("colgroup", &["span"]),
    ("ol", &["start", "reversed", "type"]),
    ("li", &["value"]),
    ("time", &["datetime"]),
    ("del", &["datetime"]),
    ("ins", &["datetime"]),
    ("details", &["open"]),
];

/// One refusal: where in the fragment (byte offset) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub offset: usize,
    pub message: String,
}

fn allowed_attribute(tag: &str, attr: &str) -> bool {
    GLOBAL_ATTRIBUTES.contains(&attr)
        || TAG_ATTRIBUTES
            .iter()
            .any(|(t, attrs)| *t == tag && attrs.contains(&attr))
}

/// The scheme of a URL as a browser reads it (tabs and newlines removed, lower case), if any.
fn scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .trim_matches(|c: char| c.is_ascii_whitespace() || c.is_ascii_control())
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let end = cleaned.find([':', '/', '?', '#'])?;
    (cleaned.as_bytes()[end] == b':').then(|| cleaned[..end].to_ascii_lowercase())
}

fn check_url(tag: &str, attr: &str, value: &str) -> Option<String> {
    let v = value.trim();
    if attr == "href" {
        if v.starts_with("//") {
            return Some(format!(
                "liên kết \"{value}\" trỏ sang máy chủ khác mà không ghi giao thức: viết https://… \
                 (protocol-relative link)"
            ));
        }
        return match scheme(v).as_deref() {
            None | Some("http" | "https" | "mailto" | "tel") => None,
            Some(s) => Some(format!(
                "liên kết \"{value}\" dùng giao thức {s}: chỉ cho phép đường dẫn trong trang, http(s), \
                 mailto và tel (unsafe link scheme)"
            )),
        };
    }
    // <img src>: only the site's own files (the site loads nothing from third parties).
    if tag == "img" && attr == "src" && (v.starts_with("//") || scheme(v).is_some()) {
        return Some(format!(
            "ảnh \"{value}\" không nằm trong trang: đặt ảnh trong site/static/ và dẫn /… \
             (the site loads nothing from third parties)"
        ));
    }
    None
}

/// Check one raw HTML fragment. Comments are allowed; everything else must be on the lists.
pub fn check(html: &str) -> Vec<Problem> {
    let mut problems = Vec::new();
    let tokens = Tokenizer::new_with_emitter(html, DefaultEmitter::<usize>::new_with_span());
    for token in tokens {
        let Ok(token) = token;
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).into_owned();
                let at = tag.span.start;
                if !TAGS.contains(&name.as_str()) {
                    problems.push(Problem {
                        offset: at,
                        message: format!(
                            "thẻ HTML <{name}> không được dùng trong nội dung; chỉ các thẻ định dạng \
                             văn bản, danh sách, bảng và hình (xem docs/authoring.md, \"HTML trong nội \
                             dung\") (HTML tag not allowed)"
                        ),
                    });
                    continue;
                }
                for (attr, value) in &tag.attributes {
                    let attr = String::from_utf8_lossy(attr).into_owned();
                    let value_text = String::from_utf8_lossy(&value.value).into_owned();
                    if !allowed_attribute(&name, &attr) {
                        problems.push(Problem {
                            offset: at,
                            message: format!(
                                "thuộc tính {attr} của thẻ <{name}> không được dùng trong nội dung \
                                 (HTML attribute not allowed)"
                            ),
                        });
                    } else if let Some(m) = check_url(&name, &attr, &value_text) {
                        problems.push(Problem {
                            offset: at,
                            message: m,
                        });
                    }
                }
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).into_owned();
                if !TAGS.contains(&name.as_str()) {
                    problems.push(Problem {
                        offset: tag.span.start,
                        message: format!(
                            "thẻ đóng </{name}> không được dùng trong nội dung (HTML tag not allowed)"
                        ),
                    });
                }
            }
            Token::Doctype(d) => problems.push(Problem {
                offset: d.span.start,
                message: "<!DOCTYPE> không được dùng trong nội dung".into(),
            }),
            Token::String(_) | Token::Comment(_) | Token::Error(_) => {}
        }
    }
    problems
}

/// Check the raw HTML inside one Markdown text (a data-file string, a notice): each problem's
/// offset is in `md`.
pub fn check_markdown(md: &str) -> Vec<Problem> {
    use pulldown_cmark::{Event, Parser};
    let mut problems = Vec::new();
    for (event, range) in Parser::new_ext(md, crate::md::options()).into_offset_iter() {
        if let Event::Html(h) | Event::InlineHtml(h) = event {
            problems.extend(check(&h).into_iter().map(|p| Problem {
                offset: range.start + p.offset,
                ..p
            }));
        }
    }
    problems
}

/// Check every string of a TOML file (any of them may be rendered as Markdown): diagnostics at
/// the string's line. `shown` names the file.
pub fn check_toml(shown: &std::path::Path, text: &str) -> Vec<crate::error::Diagnostic> {
    let mut out = Vec::new();
    for (start, s) in crate::tomlstr::strings(text) {
        for p in check_markdown(&s) {
            // Exact when the string has no escapes; its first line otherwise.
            let guess = start + p.offset;
            let offset = if text.get(guess..).is_some_and(|t| t.starts_with('<')) {
                guess
            } else {
                start
            };
            out.push(crate::error::Diagnostic::new(shown, p.message).at_offset(text, offset));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msgs(html: &str) -> Vec<String> {
        check(html).into_iter().map(|p| p.message).collect()
    }

    #[test]
    fn text_formatting_tables_and_safe_links_pass() {
        for ok in [
            "<abbr title=\"Bộ Y tế\">BYT</abbr>",
            "<kbd>/</kbd> <sup>1</sup> <sub>2</sub> <br> <wbr>",
            "<table class=\"x\"><tr><th scope=\"col\" colspan=\"2\">A</th></tr></table>",
            "<a href=\"/giam-sat/#dieu-18\">Điều 18</a> <a href=\"https://moh.gov.vn\">BYT</a>",
            "<a href=\"mailto:a@b.vn\">thư</a> <a href=\"../x/\">x</a> <a href=\"#y\">y</a>",
            "<img src=\"/img/so-do.svg\" alt=\"Sơ đồ\" width=\"300\">",
            "<!-- ghi chú của biên tập viên -->",
            "<details open><summary>Chi tiết</summary><p>…</p></details>",
        ] {
            assert_eq!(msgs(ok), Vec::<String>::new(), "{ok}");
        }
    }

    #[test]
    fn redirects_frames_forms_scripts_and_handlers_are_refused() {
        for (bad, word) in [
            (
                "<meta http-equiv=\"refresh\" content=\"0;url=https://x.example\">",
                "<meta>",
            ),
            ("<base href=\"https://x.example/\">", "<base>"),
            (
                "<form action=\"https://x.example/\"><input name=q></form>",
                "<form>",
            ),
            ("<iframe src=\"https://x.example\"></iframe>", "<iframe>"),
            ("<script>alert(1)</script>", "<script>"),
            ("<style>body{}</style>", "<style>"),
            ("<object data=x></object>", "<object>"),
            ("<svg onload=alert(1)>", "<svg>"),
            ("<a href=\"/x\" onclick=\"alert(1)\">x</a>", "onclick"),
            ("<p style=\"color:red\">x</p>", "style"),
            ("<a href=\"javascript:alert(1)\">x</a>", "javascript"),
            ("<a href=\" JaVa\tScript:alert(1)\">x</a>", "javascript"),
            ("<a href=\"&#106;avascript:alert(1)\">x</a>", "javascript"),
            ("<a href=\"data:text/html,x\">x</a>", "data"),
            ("<a href=\"//x.example/\">x</a>", "máy chủ khác"),
            (
                "<img src=\"https://x.example/t.png\" alt=\"\">",
                "không nằm trong trang",
            ),
            ("<a href=\"/x\" target=\"_blank\">x</a>", "target"),
        ] {
            let m = msgs(bad);
            assert!(!m.is_empty(), "{bad} passed");
            assert!(m[0].contains(word), "{bad}: {m:?}");
        }
    }

    #[test]
    fn offsets_point_at_the_tag() {
        let p = check("a <b>x</b> <iframe src=x>");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].offset, 11);
        let p = check_markdown("Dòng 1\n\nDòng <em>2</em> <base href=\"/\">\n");
        assert_eq!(p.len(), 1);
        assert_eq!(
            &"Dòng 1\n\nDòng <em>2</em> <base href=\"/\">\n"[p[0].offset..][..5],
            "<base"
        );
    }

    #[test]
    fn toml_strings_are_checked_at_their_line() {
        let text = "[[notice]]\nid = \"a\"\ntitle = \"T\"\nbody = \"\"\"\nDòng một.\n<meta http-equiv=\"refresh\" content=\"0\">\n\"\"\"\n";
        let d = check_toml(std::path::Path::new("content/_data/thong-bao.toml"), text);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].line, Some(6));
        assert!(d[0].message.contains("<meta>"));
        let d = check_toml(
            std::path::Path::new("x.toml"),
            "[a]\nb = [\"ok\", \"<iframe>\"]\n",
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].line, Some(2));
    }
}
