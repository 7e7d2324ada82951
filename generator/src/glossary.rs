//! The glossary (`content/_data/thuat-ngu.toml`): the build check on all-caps words and the
//! `<abbr>` expansion at the first use of each abbreviation on every page.
//!
//! - **Words.** A word is a run of letters and digits, joined by `-`, `.` or `&` when a letter
//!   or digit follows (`TT-BYT`, `TP.HCM`, `M&E`, `COVID-19`; `TP.` is `TP`). A word is *all
//!   caps* when it has at least two capital letters and no small one (`HIV`, `CD4`, `ĐTPT`,
//!   `QĐ-BYT`; not `PrEP`, `ThS`, `I`).
//! - **Check** ([`check`]): every all-caps word of every page (the Markdown text, the strings of
//!   its front matter and of its `sotay` blocks) and of every data file under `content/_data/`
//!   must be a form of an `[[abbreviation]]` or one of the `[[not_abbreviation]]` words; a
//!   joined word also passes when each of its `-` or `.` parts does (`TT-BYT` = `TT` + `BYT`,
//!   `II.1` = `II` + `1`).
//!   Otherwise the build fails at the word's `file:line:column`.
//! - **Expansion** ([`Expander`]): on every page but the glossary's own, the first use of each
//!   abbreviation (any of its forms) outside links, headings, code and form controls becomes
//!   `<a href="/thuat-ngu/#id"><abbr title="expansion">HIV</abbr></a>`. Forms are matched as
//!   whole words, case-sensitively; phrase forms (`HIV/AIDS`, `NN & PTNT`) first; the symbol
//!   of a document number (`09/2012/TT-BYT`) is left inside the number.
use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use crate::data::DataStore;
use crate::data::schema::GlossaryFile;
use crate::error::Diagnostic;
use crate::model::Site;
use crate::render::markdown::escape;

/// The glossary's lookups, built once per build from the data file.
#[derive(Debug, Clone, Default)]
pub struct Glossary {
    /// URL of the glossary page (`/thuat-ngu/`).
    pub page: String,
    /// Single-word form → entry.
    words: HashMap<String, usize>,
    /// Phrase forms (with `/` or a space), longest first.
    phrases: Vec<(String, usize)>,
    entries: Vec<Entry>,
    not_abbreviations: HashSet<String>,
}

#[derive(Debug, Clone)]
struct Entry {
    id: String,
    expansion: String,
}

/// Is `form` one word in the sense of [`words`]?
fn is_single_word(form: &str) -> bool {
    let w = words(form);
    w.len() == 1 && w[0].1 == form
}

impl Glossary {
    /// The lookups of a glossary file (already validated by the data loader).
    pub fn new(f: &GlossaryFile) -> Glossary {
        let mut g = Glossary {
            page: f.page.get_ref().clone(),
            ..Default::default()
        };
        for (i, a) in f.abbreviation.iter().enumerate() {
            g.entries.push(Entry {
                id: a.id.get_ref().clone(),
                expansion: a.expansion.clone(),
            });
            for form in forms_of(a) {
                if is_single_word(&form) {
                    g.words.insert(form, i);
                } else {
                    g.phrases.push((form, i));
                }
            }
        }
        g.phrases
            .sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        for n in &f.not_abbreviation {
            for w in &n.words {
                g.not_abbreviations.insert(w.get_ref().clone());
            }
        }
        g
    }

    /// Does the check accept this all-caps word?
    pub fn knows(&self, word: &str) -> bool {
        if self.words.contains_key(word) || self.not_abbreviations.contains(word) {
            return true;
        }
        word.contains(['-', '.'])
            && word.split(['-', '.']).all(|p| {
                !is_all_caps(p) || self.words.contains_key(p) || self.not_abbreviations.contains(p)
            })
    }

    /// Anchor of the entry a word or phrase belongs to.
    pub fn entry_id(&self, form: &str) -> Option<&str> {
        let i = self
            .words
            .get(form)
            .copied()
            .or_else(|| self.phrases.iter().find(|p| p.0 == form).map(|p| p.1))?;
        Some(&self.entries[i].id)
    }

    /// Each entry's anchor and short expansion, in the file's order (for the search index).
    pub fn entries(&self) -> impl Iterator<Item = (&str, &str)> {
        self.entries
            .iter()
            .map(|e| (e.id.as_str(), e.expansion.as_str()))
    }

    /// Every single-word and phrase form with its entry's anchor (for tests and search).
    pub fn forms(&self) -> impl Iterator<Item = (&str, &str)> {
        self.words
            .iter()
            .map(|(f, &i)| (f.as_str(), self.entries[i].id.as_str()))
            .chain(
                self.phrases
                    .iter()
                    .map(|(f, i)| (f.as_str(), self.entries[*i].id.as_str())),
            )
    }
}

/// The forms of an abbreviation: `forms`, or `[abbr]` when none are given.
pub fn forms_of(a: &crate::data::schema::Abbreviation) -> Vec<String> {
    if a.forms.is_empty() {
        vec![a.abbr.clone()]
    } else {
        a.forms.iter().map(|f| f.get_ref().clone()).collect()
    }
}

/// The words of `text` with their byte offsets.
pub fn words(text: &str) -> Vec<(usize, &str)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].1.is_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        loop {
            if end < chars.len() && chars[end].1.is_alphanumeric() {
                end += 1;
            } else if end + 1 < chars.len()
                && matches!(chars[end].1, '-' | '.' | '&')
                && chars[end + 1].1.is_alphanumeric()
            {
                end += 2;
            } else {
                break;
            }
        }
        let from = chars[start].0;
        let to = chars.get(end).map_or(text.len(), |c| c.0);
        out.push((from, &text[from..to]));
        i = end;
    }
    out
}

/// At least two capital letters and no small letter.
pub fn is_all_caps(word: &str) -> bool {
    let upper = word.chars().filter(|c| c.is_uppercase()).count();
    upper >= 2 && !word.chars().any(char::is_lowercase)
}

// ---------------------------------------------------------------------------------------------
// Expansion

/// Expands the first use of each abbreviation on one page.
pub struct Expander<'g> {
    g: &'g Glossary,
    seen: HashSet<usize>,
}

impl<'g> Expander<'g> {
    pub fn new(g: &'g Glossary) -> Expander<'g> {
        Expander {
            g,
            seen: HashSet::new(),
        }
    }

    /// Plain text → HTML with the first use of each abbreviation not yet seen on the page
    /// expanded; `None` when the text has none (the caller keeps it as it was).
    pub fn text(&mut self, text: &str) -> Option<String> {
        // Candidate matches: (start, end, entry), phrases first, then words not inside one.
        let mut hits: Vec<(usize, usize, usize)> = Vec::new();
        for (form, entry) in &self.g.phrases {
            let mut from = 0;
            while let Some(i) = text[from..].find(form.as_str()) {
                let (s, e) = (from + i, from + i + form.len());
                if bounded(text, s, e) && !hits.iter().any(|h| s < h.1 && h.0 < e) {
                    hits.push((s, e, *entry));
                }
                from = e;
            }
        }
        for (s, w) in words(text) {
            let e = s + w.len();
            // The symbol of a document number ("09/2012/TT-BYT") stays part of the number.
            let in_number = text[..s]
                .strip_suffix('/')
                .and_then(|b| b.chars().next_back())
                .is_some_and(|c| c.is_ascii_digit());
            if let Some(&entry) = self.g.words.get(w)
                && !in_number
                && !hits.iter().any(|h| s < h.1 && h.0 < e)
            {
                hits.push((s, e, entry));
            }
        }
        hits.sort();
        let mut out = String::new();
        let mut last = 0;
        let mut changed = false;
        for (s, e, entry) in hits {
            if self.seen.contains(&entry) {
                continue;
            }
            self.seen.insert(entry);
            changed = true;
            let en = &self.g.entries[entry];
            out.push_str(&escape(&text[last..s]));
            out.push_str(&format!(
                "<a class=\"sotay-abbr\" href=\"{}#{}\"><abbr title=\"{}\">{}</abbr></a>",
                escape(&self.g.page),
                escape(&en.id),
                escape(&en.expansion),
                escape(&text[s..e])
            ));
            last = e;
        }
        if !changed {
            return None;
        }
        out.push_str(&escape(&text[last..]));
        Some(out)
    }

    /// The same on rendered HTML (a data block): only text outside links, `<abbr>`, headings,
    /// code and form controls.
    pub fn html(&mut self, html: &str) -> String {
        map_text(html, |t| self.text(t))
    }
}

/// `text[s..e]` is a whole word: no letter or digit right before or after.
fn bounded(text: &str, s: usize, e: usize) -> bool {
    let before = text[..s].chars().next_back();
    let after = text[e..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// Elements whose text is never rewritten: links cannot nest, headings keep their anchors,
/// code is code, and text inside form controls is not a place for a link.
const SKIP: &[&str] = &[
    "a", "abbr", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "script", "style", "svg",
    "label", "button", "select", "option", "textarea", "summary", "title",
];
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// Rewrite the text nodes of an HTML fragment: `f` gets the decoded text and returns the
/// HTML to put in its place, or `None` to keep it. Text inside [`SKIP`] elements is kept.
pub fn map_text(html: &str, mut f: impl FnMut(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut open: Vec<String> = Vec::new();
    let mut rest = html;
    while !rest.is_empty() {
        let lt = rest.find('<').unwrap_or(rest.len());
        let text = &rest[..lt];
        if !text.is_empty() {
            let skip = open.iter().any(|t| SKIP.contains(&t.as_str()));
            match (!skip).then(|| f(&decode(text))).flatten() {
                Some(new) => out.push_str(&new),
                None => out.push_str(text),
            }
        }
        rest = &rest[lt..];
        if rest.is_empty() {
            break;
        }
        let end = tag_end(rest).unwrap_or(rest.len());
        let tag = &rest[..end];
        out.push_str(tag);
        rest = &rest[end..];
        if tag.starts_with("<!") || tag.starts_with("<?") {
            continue;
        }
        let inner = tag.trim_start_matches('<').trim_end_matches('>');
        let close = inner.starts_with('/');
        let name: String = inner
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() {
            continue;
        }
        if close {
            if let Some(pos) = open.iter().rposition(|t| *t == name) {
                open.truncate(pos);
            }
        } else if !inner.ends_with('/') && !VOID.contains(&name.as_str()) {
            open.push(name);
        }
    }
    out
}

/// End (exclusive) of the tag starting at `s[0] == '<'`, quotes respected.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// Decode the character references of an HTML text node.
pub fn decode(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let window = &rest.as_bytes()[..rest.len().min(12)];
        let Some(semi) = window.iter().position(|&b| b == b';') else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let name = &rest[1..semi];
        let ch = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            n if n.starts_with("#x") || n.starts_with("#X") => u32::from_str_radix(&n[2..], 16)
                .ok()
                .and_then(char::from_u32),
            n if n.starts_with('#') => n[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match ch {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
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

// ---------------------------------------------------------------------------------------------
// The build check

/// Strings of a TOML text (basic, literal, multi-line) with the byte offset of their content;
/// comments are skipped. Keys written as strings are returned too (harmless: lower case).
pub fn toml_strings(text: &str) -> Vec<(usize, &str)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            q @ (b'"' | b'\'') => {
                let triple = b[i..].starts_with(if q == b'"' { b"\"\"\"" } else { b"'''" });
                let start = i + if triple { 3 } else { 1 };
                let mut j = start;
                loop {
                    if j >= b.len() {
                        break;
                    }
                    if q == b'"' && b[j] == b'\\' {
                        j += 2;
                        continue;
                    }
                    if b[j] == q && (!triple || b[j..].starts_with(&[q, q, q])) {
                        break;
                    }
                    if !triple && b[j] == b'\n' {
                        break;
                    }
                    j += 1;
                }
                let end = j.min(b.len());
                out.push((start, &text[start..end]));
                i = end + if triple { 3 } else { 1 };
            }
            _ => i += 1,
        }
    }
    out
}

/// Text a reader sees in a page's Markdown body: (offset in the body, text, whether offsets
/// inside the text are offsets in the body too — not so for raw HTML, whose tags are removed).
fn markdown_texts(body: &str) -> Vec<(usize, String, bool)> {
    use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
    let mut out = Vec::new();
    let mut code: Option<bool> = None; // Some(is_sotay) inside a fenced/indented code block
    for (ev, range) in Parser::new_ext(body, crate::render::markdown::options()).into_offset_iter()
    {
        match ev {
            Event::Start(Tag::CodeBlock(kind)) => {
                let sotay = matches!(&kind, CodeBlockKind::Fenced(info)
                    if info.split_whitespace().next() == Some("sotay"));
                code = Some(sotay);
            }
            Event::End(TagEnd::CodeBlock) => code = None,
            Event::Text(t) => match code {
                None => out.push((range.start, t.to_string(), true)),
                Some(true) => {
                    for (o, s) in toml_strings(&t) {
                        out.push((range.start + o, s.to_string(), true));
                    }
                }
                Some(false) => {}
            },
            Event::Code(t) => out.push((range.start, t.to_string(), true)),
            Event::Html(h) | Event::InlineHtml(h) => {
                // Text between tags only (attribute values are not shown as text).
                let mut plain = String::new();
                let mut in_tag = false;
                for c in h.chars() {
                    match c {
                        '<' => in_tag = true,
                        '>' => {
                            in_tag = false;
                            plain.push(' ');
                        }
                        c if !in_tag => plain.push(c),
                        _ => {}
                    }
                }
                out.push((range.start, decode(&plain), false));
            }
            _ => {}
        }
    }
    out
}

/// The first use of an unknown word in a file, and how often the file uses it.
struct Unknown {
    file: PathBuf,
    word: String,
    offset: usize,
    count: usize,
}

/// Check every page and data file against the glossary. No glossary file: nothing to check.
pub fn check(site: &Site, store: &DataStore) -> Vec<Diagnostic> {
    let Some(g) = store.glossary.as_ref() else {
        return Vec::new();
    };
    let glossary_file = store
        .glossary_file
        .clone()
        .unwrap_or_else(|| PathBuf::from("content/_data/thuat-ngu.toml"));
    let mut found: Vec<Unknown> = Vec::new();
    let mut texts: HashMap<PathBuf, String> = HashMap::new();
    let mut at: HashMap<(PathBuf, String), usize> = HashMap::new();
    let mut scan = |file: &Path, whole: &str, base: usize, text: &str, exact: bool| {
        for (o, w) in words(text) {
            if !is_all_caps(w) || g.knows(w) {
                continue;
            }
            let key = (file.to_path_buf(), w.to_string());
            match at.get(&key) {
                Some(&i) => found[i].count += 1,
                None => {
                    at.insert(key, found.len());
                    texts
                        .entry(file.to_path_buf())
                        .or_insert_with(|| whole.to_string());
                    found.push(Unknown {
                        file: file.to_path_buf(),
                        word: w.to_string(),
                        offset: if exact { base + o } else { base },
                        count: 1,
                    });
                }
            }
        }
    };
    for page in &site.pages {
        let src = &page.src;
        for (o, s) in toml_strings(&src.text[..src.body_offset]) {
            scan(&src.file, &src.text, o, s, true);
        }
        for (o, t, exact) in markdown_texts(src.body()) {
            scan(&src.file, &src.text, src.body_offset + o, &t, exact);
        }
    }
    let mut files = Vec::new();
    collect_toml(&store.root, &mut files);
    files.sort();
    for path in files {
        let Ok(text) = fs::read_to_string(&path) else {
            continue;
        };
        let rel = path.strip_prefix(&store.root).unwrap_or(&path);
        let shown = Path::new("content/_data").join(rel);
        for (o, s) in toml_strings(&text) {
            scan(&shown, &text, o, s, true);
        }
    }
    found
        .iter()
        .map(|u| {
            let more = if u.count > 1 {
                format!(" (và {} chỗ khác trong tệp)", u.count - 1)
            } else {
                String::new()
            };
            Diagnostic::new(
                &u.file,
                format!(
                    "chữ viết tắt “{}” chưa có trong bảng thuật ngữ{more}: thêm vào \
                     [[abbreviation]] của {} (hoặc vào [[not_abbreviation]] nếu không phải chữ \
                     viết tắt)",
                    u.word,
                    glossary_file.display()
                ),
            )
            .at_offset(&texts[&u.file], u.offset)
        })
        .collect()
}

fn collect_toml(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect_toml(&p, out);
        } else if p.extension().is_some_and(|x| x == "toml") {
            out.push(p);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glossary() -> Glossary {
        let f: GlossaryFile = toml::from_str(
            r#"
page = "/thuat-ngu/"
[[abbreviation]]
id = "hiv"
abbr = "HIV"
expansion = "Vi rút gây suy giảm miễn dịch ở người"
text = "x"
[[abbreviation]]
id = "hiv-aids"
abbr = "HIV/AIDS"
expansion = "HIV và AIDS"
text = "x"
[[abbreviation]]
id = "byt"
abbr = "BYT"
forms = ["BYT", "TT"]
expansion = "Bộ Y tế"
text = "x"
[[abbreviation]]
id = "m-e"
abbr = "M&E"
expansion = "Giám sát và đánh giá"
text = "x"
[[not_abbreviation]]
words = ["II", "IV"]
reason = "Số La Mã"
"#,
        )
        .unwrap();
        Glossary::new(&f)
    }

    #[test]
    fn words_join_with_dash_dot_ampersand_only_between_letters() {
        let w: Vec<&str> = words("Số 09/2012/TT-BYT, TP.HCM, TP. Hồ, M&E; COVID-19 HIV/AIDS")
            .into_iter()
            .map(|x| x.1)
            .collect();
        assert_eq!(
            w,
            [
                "Số", "09", "2012", "TT-BYT", "TP.HCM", "TP", "Hồ", "M&E", "COVID-19", "HIV",
                "AIDS"
            ]
        );
        assert!(is_all_caps("ĐTPT") && is_all_caps("CD4") && is_all_caps("QĐ-BYT"));
        assert!(!is_all_caps("PrEP") && !is_all_caps("ThS") && !is_all_caps("I"));
    }

    #[test]
    fn knows_forms_listed_words_and_joined_parts() {
        let g = glossary();
        assert!(g.knows("HIV") && g.knows("II") && g.knows("TT-BYT") && g.knows("II.1"));
        assert!(!g.knows("NVQS"));
        assert!(!g.knows("QĐ-BYT"), "QĐ is not a form");
    }

    #[test]
    fn first_use_per_page_phrases_first_outside_links() {
        let g = glossary();
        let mut x = Expander::new(&g);
        let html = x.text("HIV/AIDS và HIV, M&E").unwrap();
        assert_eq!(
            html,
            "<a class=\"sotay-abbr\" href=\"/thuat-ngu/#hiv-aids\"><abbr title=\"HIV và AIDS\">HIV/AIDS</abbr></a> và \
             <a class=\"sotay-abbr\" href=\"/thuat-ngu/#hiv\"><abbr title=\"Vi rút gây suy giảm miễn dịch ở người\">HIV</abbr></a>, \
             <a class=\"sotay-abbr\" href=\"/thuat-ngu/#m-e\"><abbr title=\"Giám sát và đánh giá\">M&amp;E</abbr></a>"
        );
        assert_eq!(x.text("HIV lần nữa"), None, "only the first use");
        assert_eq!(
            x.text("Thông tư 09/2012/BYT"),
            None,
            "a document number keeps its symbol"
        );
        let mut y = Expander::new(&g);
        let out = y.html("<p><a href=\"/x/\">HIV</a> <h3 id=\"a\">BYT</h3> HIVX <b>HIV</b></p>");
        assert_eq!(
            out,
            "<p><a href=\"/x/\">HIV</a> <h3 id=\"a\">BYT</h3> HIVX <b><a class=\"sotay-abbr\" href=\"/thuat-ngu/#hiv\"><abbr title=\"Vi rút gây suy giảm miễn dịch ở người\">HIV</abbr></a></b></p>"
        );
    }

    #[test]
    fn toml_strings_skip_comments_and_find_multiline() {
        let t = "# HIV ở chú thích\na = \"NVQS\" # PNBD\nb = '''\nGSTĐ\n'''\nc = 'x\"y'\n";
        let s: Vec<&str> = toml_strings(t).into_iter().map(|x| x.1).collect();
        assert_eq!(s, ["NVQS", "\nGSTĐ\n", "x\"y"]);
        assert_eq!(&t[toml_strings(t)[0].0..][..4], "NVQS");
    }

    #[test]
    fn decode_entities() {
        assert_eq!(
            decode("M&amp;E &lt;b&gt; &#39;x&#x27; &foo"),
            "M&E <b> 'x' &foo"
        );
        assert_eq!(decode("NN &amp; PTNT”. &ấấấấ"), "NN & PTNT”. &ấấấấ");
    }
}
