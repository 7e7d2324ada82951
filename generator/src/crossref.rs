//! Links for the references a document makes to its own parts: "Mục 5, Phần II",
//! "Điểm 2.1, Mục 2, Phần II" (the pilot guide and the district plan number their parts with
//! Roman numerals, their items with 1., 2.1., …).
//!
//! **Index** ([`Index::build`], once per build from the site model): a page belongs to part
//! `R` of its document (`[source] doc`) when its title starts with `R. ` ("II. Tổ chức …") or,
//! failing that, its `source.article` starts with `Phần R`; inside the page an `h2` starting
//! with `R. ` switches the part. A heading starting with a number (`5. Tiêu chuẩn …`,
//! `2.1. Nhiệm vụ …`) is a target of that part; it must carry an explicit id (`{#…}`), so the
//! link never changes when the heading's wording does. Two headings with one number in a part
//! are an error.
//!
//! **Links** ([`Index::link`]): in the Markdown text of a page (outside links, headings and
//! code) and in the text of its data blocks, each reference resolves within the page's own
//! document; one that does not resolve fails the build at its `file:line`.
use std::collections::HashMap;
use std::ops::Range;

use crate::error::Diagnostic;
use crate::model::Site;

/// A reference found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ref {
    /// Byte range of the whole reference in the text.
    pub range: Range<usize>,
    /// "Điểm 2.1" → `Some("2.1")`.
    pub point: Option<String>,
    /// "Mục 5" → "5".
    pub item: String,
    /// "Phần II" → "II".
    pub part: String,
}

/// One piece of a text after linking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Plain(Range<usize>),
    Link(Range<usize>, String),
}

/// (document id, part, number) → `url#id`.
#[derive(Debug, Default, Clone)]
pub struct Index {
    targets: HashMap<(String, String, String), String>,
    /// Parts that exist, per document (to say what there is when a reference misses).
    parts: HashMap<String, Vec<String>>,
}

fn is_roman(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'))
}

/// "II. Tổ chức" → "II".
fn roman_prefix(text: &str) -> Option<&str> {
    let (head, rest) = text.trim_start().split_once(". ")?;
    (is_roman(head) && !rest.trim().is_empty()).then_some(head)
}

/// "2.1. Nhiệm vụ" or "5 Tiêu chuẩn" → "2.1", "5".
fn number_prefix(text: &str) -> Option<&str> {
    let t = text.trim_start();
    let end = t
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.'))
        .map_or(t.len(), |(i, _)| i);
    let num = t[..end].trim_end_matches('.');
    let ok = !num.is_empty()
        && num.split('.').all(|p| !p.is_empty())
        && t[end..].starts_with(char::is_whitespace);
    ok.then_some(num)
}

/// "Phần II, mục 3" → "II".
fn article_part(article: &str) -> Option<&str> {
    let rest = article.trim_start().strip_prefix("Phần ")?;
    let end = rest
        .find(|c: char| !matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'))
        .unwrap_or(rest.len());
    let r = &rest[..end];
    (is_roman(r) && !rest[end..].starts_with(char::is_alphanumeric)).then_some(r)
}

impl Index {
    /// Index every numbered heading of every page that belongs to a part.
    pub fn build(site: &Site) -> Result<Index, Vec<Diagnostic>> {
        use pulldown_cmark::{Event, Parser, Tag, TagEnd};
        let mut ix = Index::default();
        let mut errors = Vec::new();
        let mut origin: HashMap<(String, String, String), String> = HashMap::new();
        for page in &site.pages {
            let src = &page.src;
            let Some(source) = &src.fm.source else {
                continue;
            };
            let doc = source.doc.get_ref().clone();
            let mut part = roman_prefix(&src.fm.title)
                .or_else(|| source.article.as_deref().and_then(article_part))
                .map(str::to_string);
            if let Some(p) = &part {
                ix.note_part(&doc, p);
            }
            // (level, explicit id, text, offset)
            let mut heading: Option<(u8, Option<String>, String, usize)> = None;
            let body = src.body();
            for (ev, range) in Parser::new_ext(body, crate::md::options()).into_offset_iter() {
                match ev {
                    Event::Start(Tag::Heading { level, id, .. }) => {
                        heading = Some((
                            level as u8,
                            id.map(|i| i.to_string()),
                            String::new(),
                            src.body_offset + range.start,
                        ));
                    }
                    Event::Text(t) | Event::Code(t) => {
                        if let Some(h) = &mut heading {
                            h.2.push_str(&t);
                        }
                    }
                    Event::End(TagEnd::Heading(_)) => {
                        let Some((level, id, text, offset)) = heading.take() else {
                            continue;
                        };
                        if level <= 2
                            && let Some(r) = roman_prefix(&text)
                        {
                            part = Some(r.to_string());
                            ix.note_part(&doc, r);
                            continue;
                        }
                        let (Some(p), Some(num)) = (&part, number_prefix(&text)) else {
                            continue;
                        };
                        let Some(id) = id else {
                            errors.push(src.diag_at(
                                offset,
                                format!(
                                    "tiêu đề đánh số “{}” (Phần {p}) cần id riêng {{#…}} để các \
                                     tham chiếu “Mục …, Phần {p}” liên kết tới",
                                    text.trim()
                                ),
                            ));
                            continue;
                        };
                        let key = (doc.clone(), p.clone(), num.to_string());
                        let here = format!(
                            "{}:{}",
                            src.file.display(),
                            crate::error::line_col(&src.text, offset).0
                        );
                        if let Some(first) = origin.get(&key) {
                            errors.push(src.diag_at(
                                offset,
                                format!(
                                    "hai tiêu đề cùng số {num} trong Phần {p} của văn bản {doc} \
                                     (tiêu đề kia ở {first})"
                                ),
                            ));
                            continue;
                        }
                        origin.insert(key.clone(), here);
                        ix.targets.insert(key, format!("{}#{id}", page.url()));
                    }
                    _ => {}
                }
            }
        }
        if errors.is_empty() {
            Ok(ix)
        } else {
            Err(errors)
        }
    }

    fn note_part(&mut self, doc: &str, part: &str) {
        let parts = self.parts.entry(doc.to_string()).or_default();
        if !parts.iter().any(|p| p == part) {
            parts.push(part.to_string());
        }
    }

    /// Where a reference of document `doc` points.
    pub fn resolve(&self, doc: &str, r: &Ref) -> Result<&str, String> {
        let what = match &r.point {
            Some(p) => format!("Điểm {p}, Mục {}, Phần {}", r.item, r.part),
            None => format!("Mục {}, Phần {}", r.item, r.part),
        };
        if let Some(p) = &r.point
            && p.split('.').next() != Some(r.item.as_str())
        {
            return Err(format!("“{what}”: điểm {p} không thuộc mục {}", r.item));
        }
        let num = r.point.as_deref().unwrap_or(&r.item);
        self.targets
            .get(&(doc.to_string(), r.part.clone(), num.to_string()))
            .map(String::as_str)
            .ok_or_else(|| {
                let known = self
                    .parts
                    .get(doc)
                    .map(|p| p.join(", "))
                    .unwrap_or_default();
                format!(
                    "không tìm thấy “{what}” trong văn bản {doc}: cần một tiêu đề “{num}. …” có id \
                     trong trang của Phần {} (các phần đã đánh số: {}); hoặc viết liên kết rõ",
                    r.part,
                    if known.is_empty() {
                        "không có"
                    } else {
                        &known
                    }
                )
            })
    }

    /// Split `text` into plain pieces and links; references that do not resolve are returned
    /// as (range, message) and left plain.
    pub fn link(&self, doc: Option<&str>, text: &str) -> (Vec<Piece>, Vec<(Range<usize>, String)>) {
        let refs = find(text);
        let mut pieces = Vec::new();
        let mut errors = Vec::new();
        let mut last = 0;
        for r in refs {
            let target = match doc {
                Some(d) => self.resolve(d, &r),
                None => Err(format!(
                    "“{}”: trang không có [source] doc, không biết tham chiếu thuộc văn bản nào",
                    &text[r.range.clone()]
                )),
            };
            match target {
                Ok(href) => {
                    if r.range.start > last {
                        pieces.push(Piece::Plain(last..r.range.start));
                    }
                    pieces.push(Piece::Link(r.range.clone(), href.to_string()));
                    last = r.range.end;
                }
                Err(e) => errors.push((r.range, e)),
            }
        }
        if last < text.len() {
            pieces.push(Piece::Plain(last..text.len()));
        }
        (pieces, errors)
    }

    /// The same on rendered HTML (a data block): text outside links and headings.
    pub fn link_html(&self, doc: Option<&str>, html: &str, errors: &mut Vec<String>) -> String {
        crate::glossary::map_text(html, |t| {
            let (pieces, errs) = self.link(doc, t);
            errors.extend(errs.into_iter().map(|e| e.1));
            if !pieces.iter().any(|p| matches!(p, Piece::Link(..))) {
                return None;
            }
            Some(pieces_html(t, &pieces, crate::md::escape))
        })
    }
}

/// HTML of linked pieces: plain pieces through `plain`, links as `<a href>`.
pub fn pieces_html(text: &str, pieces: &[Piece], mut plain: impl FnMut(&str) -> String) -> String {
    let esc = crate::md::escape;
    let mut out = String::new();
    for p in pieces {
        match p {
            Piece::Plain(r) => out.push_str(&plain(&text[r.clone()])),
            Piece::Link(r, href) => out.push_str(&format!(
                "<a class=\"sotay-xref\" href=\"{}\">{}</a>",
                esc(href),
                esc(&text[r.clone()])
            )),
        }
    }
    out
}

/// Digits with inner dots ("2", "2.1") at the start of `s`: (number, length).
fn number_at(s: &str) -> Option<(&str, usize)> {
    let end = s
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.'))
        .map_or(s.len(), |(i, _)| i);
    let num = s[..end].trim_end_matches('.');
    (!num.is_empty() && num.chars().next().is_some_and(|c| c.is_ascii_digit()))
        .then_some((num, num.len()))
}

/// Skip spaces, then `lit`, then spaces; returns the rest.
fn expect<'a>(s: &'a str, lit: &str) -> Option<&'a str> {
    s.trim_start().strip_prefix(lit).map(str::trim_start)
}

/// Every "Mục N, Phần R" and "Điểm X, Mục N, Phần R" of `text`.
pub fn find(text: &str) -> Vec<Ref> {
    let mut out: Vec<Ref> = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find("Mục ") {
        let start = from + i;
        from = start + "Mục ".len();
        // Word boundary before "Mục".
        if text[..start]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        let rest = &text[start + "Mục ".len()..];
        let Some((item, n)) = number_at(rest) else {
            continue;
        };
        if item.contains('.') {
            continue;
        }
        let Some(after) = expect(&rest[n..], ",") else {
            continue;
        };
        let Some(after) = after.strip_prefix("Phần ") else {
            continue;
        };
        let rlen = after
            .find(|c: char| !matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'))
            .unwrap_or(after.len());
        let part = &after[..rlen];
        if !is_roman(part) || after[rlen..].starts_with(char::is_alphanumeric) {
            continue;
        }
        let end = text.len() - after.len() + rlen;
        // "Điểm X, " right before?
        let mut begin = start;
        let mut point = None;
        let before = text[..start].trim_end();
        if let Some(b) = before.strip_suffix(',') {
            let b = b.trim_end();
            let nstart = b
                .char_indices()
                .rev()
                .take_while(|(_, c)| c.is_ascii_digit() || *c == '.')
                .last()
                .map(|(i, _)| i);
            if let Some(ns) = nstart {
                let num = &b[ns..];
                if let Some(d) = b[..ns].trim_end().strip_suffix("Điểm")
                    && !d.chars().next_back().is_some_and(char::is_alphanumeric)
                    && number_at(num).is_some()
                {
                    begin = d.len();
                    point = Some(num.trim_end_matches('.').to_string());
                }
            }
        }
        out.push(Ref {
            range: begin..end,
            point,
            item: item.to_string(),
            part: part.to_string(),
        });
        from = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_item_and_point_references() {
        let t = "tiêu chí tại Mục 5, Phần II của Hướng dẫn; nêu tại Điểm 2.1, Mục 2, Phần II. \
                 Ngoài ra Mục 6, Phần I và Mục 5 Thông tư này, Mục 3,Phần IV.";
        let r = find(t);
        let shown: Vec<(&str, Option<&str>, &str, &str)> = r
            .iter()
            .map(|r| {
                (
                    &t[r.range.clone()],
                    r.point.as_deref(),
                    r.item.as_str(),
                    r.part.as_str(),
                )
            })
            .collect();
        assert_eq!(
            shown,
            [
                ("Mục 5, Phần II", None, "5", "II"),
                ("Điểm 2.1, Mục 2, Phần II", Some("2.1"), "2", "II"),
                ("Mục 6, Phần I", None, "6", "I"),
                ("Mục 3,Phần IV", None, "3", "IV"),
            ]
        );
        assert!(find("Mục 5, Phần IIa; HMục 5, Phần II").is_empty());
    }

    #[test]
    fn prefixes() {
        assert_eq!(roman_prefix("II. Tổ chức"), Some("II"));
        assert_eq!(roman_prefix("Điều 2. Giải thích"), None);
        assert_eq!(number_prefix("2.1. Nhiệm vụ"), Some("2.1"));
        assert_eq!(number_prefix("5. Tiêu chuẩn"), Some("5"));
        assert_eq!(number_prefix("2022 - 2025"), Some("2022"));
        assert_eq!(number_prefix("Mục 5"), None);
        assert_eq!(article_part("Phần II, mục 3"), Some("II"));
        assert_eq!(article_part("Phần I; Phần II, mục 1"), Some("I"));
        assert_eq!(article_part("Phần Ia"), None);
    }

    fn index() -> Index {
        let mut ix = Index::default();
        ix.targets.insert(
            ("htkt".into(), "II".into(), "5".into()),
            "/to-chuc/#tieu-chuan".into(),
        );
        ix.targets.insert(
            ("htkt".into(), "II".into(), "2.1".into()),
            "/to-chuc/#nhiem-vu-nhom".into(),
        );
        ix.note_part("htkt", "II");
        ix
    }

    #[test]
    fn resolves_within_the_page_document() {
        let ix = index();
        let t = "tại Mục 5, Phần II và Điểm 2.1, Mục 2, Phần II.";
        let (pieces, errors) = ix.link(Some("htkt"), t);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            pieces_html(t, &pieces, |s| s.to_string()),
            "tại <a class=\"sotay-xref\" href=\"/to-chuc/#tieu-chuan\">Mục 5, Phần II</a> và \
             <a class=\"sotay-xref\" href=\"/to-chuc/#nhiem-vu-nhom\">Điểm 2.1, Mục 2, Phần II</a>."
        );
        let (_, errors) = ix.link(Some("khac"), t);
        assert_eq!(errors.len(), 2);
        let (_, errors) = ix.link(Some("htkt"), "Mục 4, Phần II; Điểm 3.1, Mục 2, Phần II");
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(
            errors[0].1.contains("không tìm thấy “Mục 4, Phần II”"),
            "{errors:?}"
        );
        assert!(
            errors[1].1.contains("điểm 3.1 không thuộc mục 2"),
            "{errors:?}"
        );
    }

    #[test]
    fn links_in_block_html_skip_existing_links() {
        let ix = index();
        let mut errors = Vec::new();
        let html = ix.link_html(
            Some("htkt"),
            "<li>Xem <a href=\"/x/\">Mục 5, Phần II</a>; Mục 5, Phần II.</li>",
            &mut errors,
        );
        assert!(errors.is_empty());
        assert_eq!(
            html,
            "<li>Xem <a href=\"/x/\">Mục 5, Phần II</a>; <a class=\"sotay-xref\" href=\"/to-chuc/#tieu-chuan\">Mục 5, Phần II</a>.</li>"
        );
    }
}
