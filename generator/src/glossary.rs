//! The glossary (`content/_data/thuat-ngu.toml`, its data in `crate::data::glossary`): the build
//! check on all-caps words and the `<abbr>` expansion at the first use of each abbreviation on
//! every page.
//!
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
use std::path::{Path, PathBuf};

use crate::data::DataStore;
pub use crate::data::glossary::{Glossary, forms_of, is_all_caps, words};
use crate::error::Diagnostic;
use crate::md::escape;
use crate::model::Site;

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
pub const SKIP: &[&str] = &[
    "a", "abbr", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "script", "style", "svg",
    "label", "button", "select", "option", "textarea", "summary", "title",
];

/// Rewrite the text of an HTML fragment outside [`SKIP`] elements ([`crate::html::map_text`]).
pub fn map_text(html: &str, f: impl FnMut(&str) -> Option<String>) -> String {
    crate::html::map_text(html, SKIP, f)
}

// ---------------------------------------------------------------------------------------------
// The build check

/// Text a reader sees in a page's Markdown body: (offset in the body, text, whether offsets
/// inside the text are offsets in the body too — not so for raw HTML, whose tags are removed).
fn markdown_texts(body: &str) -> Vec<(usize, String, bool)> {
    use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
    let mut out = Vec::new();
    let mut code: Option<bool> = None; // Some(is_sotay) inside a fenced/indented code block
    for (ev, range) in Parser::new_ext(body, crate::md::options()).into_offset_iter() {
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
                    for (o, s) in crate::tomlstr::strings(&t) {
                        out.push((range.start + o, s, true));
                    }
                }
                Some(false) => {}
            },
            Event::Code(t) => out.push((range.start, t.to_string(), true)),
            Event::Html(h) | Event::InlineHtml(h) => {
                // Text between tags only (attribute values are not shown as text).
                out.push((range.start, crate::html::text_of(&h), false));
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
        let (fm_at, fm) = src.front_matter();
        for (o, s) in crate::tomlstr::strings(fm) {
            scan(&src.file, &src.text, fm_at + o, &s, true);
        }
        for (o, t, exact) in markdown_texts(src.body()) {
            scan(&src.file, &src.text, src.body_offset + o, &t, exact);
        }
    }
    // The data files' texts as the data loader read them (no second read).
    for (shown, text) in &store.texts {
        for (o, s) in crate::tomlstr::strings(text) {
            scan(shown, text, o, &s, true);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::schema::GlossaryFile;

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
        let s: Vec<String> = crate::tomlstr::strings(t)
            .into_iter()
            .map(|x| x.1)
            .collect();
        assert_eq!(s, ["NVQS", "GSTĐ\n", "x\"y"]);
        assert_eq!(&t[crate::tomlstr::strings(t)[0].0..][..4], "NVQS");
    }
}
