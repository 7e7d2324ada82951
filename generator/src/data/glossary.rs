//! The glossary's data (`content/_data/thuat-ngu.toml`, `[[abbreviation]]`): its lookups and
//! what a word is. The build check and the `<abbr>` expansion that use it are
//! `crate::glossary` (they need the pages).
//!
//! A word is a run of letters and digits, joined by `-`, `.` or `&` when a letter or digit
//! follows (`TT-BYT`, `TP.HCM`, `M&E`, `COVID-19`; `TP.` is `TP`). A word is *all caps* when it
//! has at least two capital letters and no small one (`HIV`, `CD4`, `ĐTPT`, `QĐ-BYT`; not
//! `PrEP`, `ThS`, `I`).
use std::collections::{HashMap, HashSet};

use super::schema::GlossaryFile;

/// The glossary's lookups, built once per build from the data file.
#[derive(Debug, Clone, Default)]
pub struct Glossary {
    /// URL of the glossary page (`/thuat-ngu/`).
    pub page: String,
    /// Single-word form → entry.
    pub(crate) words: HashMap<String, usize>,
    /// Phrase forms (with `/` or a space), longest first.
    pub(crate) phrases: Vec<(String, usize)>,
    pub(crate) entries: Vec<Entry>,
    not_abbreviations: HashSet<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub(crate) id: String,
    pub(crate) expansion: String,
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
pub fn forms_of(a: &super::schema::Abbreviation) -> Vec<String> {
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
