//! One HTML tokenizer for everything the generator reads back out of HTML: the ids and links of
//! every final page (the link check), the links in raw HTML of Markdown, the raw-HTML policy
//! (`rawhtml`) and the text of every page for the search index. It is `html5gum`, a
//! WHATWG-compliant tokenizer: attribute names are lower-cased, values and text have every
//! character reference decoded, single, double and unquoted attribute values are read as a
//! browser reads them, and `data-src=` is an attribute of its own, never `src=`. (Before, three
//! hand-written scanners disagreed on exactly those points.)
use html5gum::{DefaultEmitter, Token as Raw, Tokenizer};

/// A start tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartTag {
    /// Lower-case name (`a`, `h2`).
    pub name: String,
    /// Attributes in the order of their names, values decoded.
    pub attrs: Vec<(String, String)>,
    /// `<br/>`-style self-closing syntax, or a void element (`br`, `img`, …).
    pub self_closing: bool,
    /// Byte offset of the `<` in the input.
    pub offset: usize,
}

impl StartTag {
    /// The value of attribute `name` (lower case), if present.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Does the `class` attribute list `class`?
    pub fn has_class(&self, class: &str) -> bool {
        self.attr("class")
            .is_some_and(|c| c.split_ascii_whitespace().any(|x| x == class))
    }
}

/// One token of an HTML text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    Start(StartTag),
    /// An end tag: lower-case name and byte offset.
    End(String, usize),
    /// Text, character references decoded.
    Text(String),
}

/// Elements that never have content (HTML's void elements).
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The tokenizer's bytes as a `String`, moved rather than copied (the input is a `&str`, so
/// they are UTF-8 but for a character reference the tokenizer replaced: lossy then).
fn owned(b: html5gum::HtmlString) -> String {
    String::from_utf8(b.0).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// The tokens of `html`: start and end tags, text. Comments, doctypes and parse errors are left
/// out (the tokenizer recovers from errors as a browser does). The content of `script`,
/// `style`, `title` and `textarea` is text, not tags.
pub fn tokens(html: &str) -> impl Iterator<Item = Token> + '_ {
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    Tokenizer::new_with_emitter(html, emitter).filter_map(|t| {
        let Ok(t) = t;
        match t {
            Raw::StartTag(tag) => {
                let name = owned(tag.name);
                Some(Token::Start(StartTag {
                    self_closing: tag.self_closing || VOID.contains(&name.as_str()),
                    attrs: tag
                        .attributes
                        .into_iter()
                        .map(|(k, v)| (owned(k), owned(v.value)))
                        .collect(),
                    name,
                    offset: tag.span.start,
                }))
            }
            Raw::EndTag(tag) => Some(Token::End(owned(tag.name), tag.span.start)),
            Raw::String(s) => Some(Token::Text(owned(s.value))),
            Raw::Comment(_) | Raw::Doctype(_) | Raw::Error(_) => None,
        }
    })
}

/// Rewrite the text of an HTML fragment: `f` gets each run of text (character references
/// decoded) outside the elements named in `skip`, and returns the HTML to put in its place, or
/// `None` to keep it as written. Tags, comments and skipped text are copied byte for byte.
pub fn map_text(html: &str, skip: &[&str], mut f: impl FnMut(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut open: Vec<String> = Vec::new();
    let mut last = 0;
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    for t in Tokenizer::new_with_emitter(html, emitter) {
        let Ok(t) = t;
        match t {
            Raw::StartTag(tag) => {
                let name = text(&tag.name);
                if !tag.self_closing && !VOID.contains(&name.as_str()) {
                    open.push(name);
                }
            }
            Raw::EndTag(tag) => {
                let name = text(&tag.name);
                if let Some(pos) = open.iter().rposition(|t| *t == name) {
                    open.truncate(pos);
                }
            }
            Raw::String(s) => {
                if open.iter().any(|t| skip.contains(&t.as_str())) {
                    continue;
                }
                if let Some(new) = f(&text(&s.value)) {
                    out.push_str(&html[last..s.span.start]);
                    out.push_str(&new);
                    last = s.span.end;
                }
            }
            _ => {}
        }
    }
    out.push_str(&html[last..]);
    out
}

/// A tag as [`map_tags`] hands it over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tag {
    Start(StartTag),
    /// An end tag's lower-case name.
    End(String),
}

/// Rewrite the tags of an HTML fragment: `f` gets each start and end tag and returns the HTML
/// to put in its place, or `None` to keep it as written. Text and comments are copied byte for
/// byte. Values handed over are decoded: a replacement must escape them again (`md::escape`).
pub fn map_tags(html: &str, mut f: impl FnMut(&Tag) -> Option<String>) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut last = 0;
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    for t in Tokenizer::new_with_emitter(html, emitter) {
        let Ok(t) = t;
        let (tag, span) = match t {
            Raw::StartTag(tag) => {
                let name = text(&tag.name);
                let span = tag.span;
                (
                    Tag::Start(StartTag {
                        self_closing: tag.self_closing || VOID.contains(&name.as_str()),
                        attrs: tag
                            .attributes
                            .iter()
                            .map(|(k, v)| (text(k), text(&v.value)))
                            .collect(),
                        name,
                        offset: span.start,
                    }),
                    span,
                )
            }
            Raw::EndTag(tag) => (Tag::End(text(&tag.name)), tag.span),
            _ => continue,
        };
        if let Some(new) = f(&tag) {
            out.push_str(&html[last..span.start]);
            out.push_str(&new);
            last = span.end;
        }
    }
    out.push_str(&html[last..]);
    out
}

/// A start tag written back: `<name a="v">`, values escaped (`/>` for a self-closing non-void
/// element such as SVG's `<path/>`).
pub fn write_start(tag: &StartTag) -> String {
    let mut s = format!("<{}", tag.name);
    for (k, v) in &tag.attrs {
        s.push(' ');
        s.push_str(k);
        s.push_str("=\"");
        s.push_str(&crate::md::escape(v));
        s.push('"');
    }
    if tag.self_closing && !VOID.contains(&tag.name.as_str()) {
        s.push_str("/>");
    } else {
        s.push('>');
    }
    s
}

/// The text of an HTML fragment as a reader sees it (tags dropped, a space where each was,
/// character references decoded).
pub fn text_of(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    for t in tokens(html) {
        match t {
            Token::Text(t) => out.push_str(&t),
            _ => out.push(' '),
        }
    }
    out
}

/// Attributes whose value is a URL the site must serve.
pub const LINK_ATTRIBUTES: &[&str] = &["href", "src", "action"];

#[cfg(test)]
mod tests {
    use super::*;

    fn starts(html: &str) -> Vec<StartTag> {
        tokens(html)
            .filter_map(|t| match t {
                Token::Start(s) => Some(s),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn attributes_as_a_browser_reads_them() {
        let s = starts(
            "<a HREF='/a/?x=1&amp;y=2' data-src=\"/no/\" id=x class=\"b c\">t</a><img src=/i.png>",
        );
        assert_eq!(s[0].name, "a");
        assert_eq!(s[0].attr("href"), Some("/a/?x=1&y=2"));
        assert_eq!(s[0].attr("src"), None, "data-src is not src");
        assert_eq!(s[0].attr("data-src"), Some("/no/"));
        assert_eq!(s[0].attr("id"), Some("x"));
        assert!(s[0].has_class("c") && !s[0].has_class("d"));
        assert_eq!(s[0].offset, 0);
        assert_eq!(s[1].attr("src"), Some("/i.png"));
        assert!(s[1].self_closing);
    }

    #[test]
    fn script_and_title_content_is_text() {
        let s = starts(
            "<title><b>x</b></title><script>if (a<b) { x('<a href=\"/x\">') }</script><p id=y>",
        );
        let names: Vec<&str> = s.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["title", "script", "p"]);
    }

    #[test]
    fn map_text_rewrites_text_outside_skipped_elements_only() {
        let html = "<p>BYT &amp; <a href=\"/x\">BYT</a> <!-- BYT --> <b>BYT</b></p>";
        let out = map_text(html, &["a"], |t| {
            t.contains("BYT")
                .then(|| t.replace("BYT", "<abbr>BYT</abbr>"))
        });
        assert_eq!(
            out,
            "<p><abbr>BYT</abbr> & <a href=\"/x\">BYT</a> <!-- BYT --> <b><abbr>BYT</abbr></b></p>"
        );
        assert_eq!(
            map_text(html, &[], |_| None),
            html,
            "unchanged text is copied as written"
        );
        assert_eq!(
            text_of("a<b>c</b>&amp;d")
                .split_whitespace()
                .collect::<Vec<_>>(),
            ["a", "c", "&d"]
        );
    }

    #[test]
    fn text_is_decoded() {
        let t: Vec<Token> = tokens("a &amp; b&nbsp;c &#7921;").collect();
        assert_eq!(t, [Token::Text("a & b\u{a0}c ự".into())]);
    }

    #[test]
    fn map_tags_rewrites_whole_tags_and_keeps_the_rest() {
        let html = "<h2 id=\"a\">T &amp; <b>x</b></h2><path d=\"M0\"/><br>z";
        let out = map_tags(html, |t| match t {
            Tag::Start(s) if s.name == "h2" => {
                let mut s = s.clone();
                s.name = "h3".into();
                s.attrs[0].1 = "p__a".into();
                Some(write_start(&s))
            }
            Tag::End(n) if n == "h2" => Some("</h3>".into()),
            Tag::Start(s) if s.name == "path" => Some(write_start(s)),
            _ => None,
        });
        assert_eq!(
            out,
            "<h3 id=\"p__a\">T &amp; <b>x</b></h3><path d=\"M0\"/><br>z"
        );
    }
}
