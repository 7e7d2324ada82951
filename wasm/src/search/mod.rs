//! Vietnamese full-text search, shared by the generator and the browser.
//!
//! One normaliser ([`fold_char`] / [`normalize`]) serves both sides: the generator builds the
//! index file natively with [`encode`] (and evaluates queries natively in its tests), the browser
//! loads the same file into [`Index`] through the wasm bindings in `web.rs` and queries it. So
//! "giam sat trong diem" and "giám sát trọng điểm" always fold to the same terms, `đ` → `d`.
//!
//! Index file (UTF-8 text, gzip-friendly): a header line `sotay-search 2 <bytes> <module
//! bytes>` (the size of the rest of the file, so a reader can show its progress and tell a cut
//! file, and of the search module loaded with it), then records ended by `\x1e` with fields
//! separated by `\x1f`:
//! `A␟href␟expansion␟form…␞` is a glossary entry (its section, its short expansion, the forms a
//! reader types: `NCMT`, `GSTĐ`); `P␟url␟page title␞` starts a page, `S␟anchor␟heading␟text␞`
//! is a section of that page (the text under one h2/h3; the anchor is empty for the text before
//! the first heading). The inverted index is built in memory on load (a few ms), so the transfer
//! is just the text.

use std::collections::BTreeMap;
use std::ops::Range;

/// First line of an index file; bump when the format changes.
pub const HEADER: &str = "sotay-search 2";

/// Fold one character for matching: lower case, Vietnamese (and other Latin) diacritics removed,
/// `đ`/`Đ` → `d`. Combining marks (text in NFD form) fold to `None` (dropped).
pub fn fold_char(c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(c.to_ascii_lowercase());
    }
    if ('\u{300}'..='\u{36f}').contains(&c) {
        return None;
    }
    Some(match c {
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'Ā' | 'ā' | 'Ă'
        | 'ă' | 'Ą' | 'ą' | 'Ǎ' | 'ǎ' | 'Ǟ' | 'ǟ' | 'Ǡ' | 'ǡ' | 'Ǻ' | 'ǻ' | 'Ȁ' | 'ȁ' | 'Ȃ'
        | 'ȃ' | 'Ȧ' | 'ȧ' | 'Ḁ' | 'ḁ' | 'Ạ' | 'ạ' | 'Ả' | 'ả' | 'Ấ' | 'ấ' | 'Ầ' | 'ầ' | 'Ẩ'
        | 'ẩ' | 'Ẫ' | 'ẫ' | 'Ậ' | 'ậ' | 'Ắ' | 'ắ' | 'Ằ' | 'ằ' | 'Ẳ' | 'ẳ' | 'Ẵ' | 'ẵ' | 'Ặ'
        | 'ặ' => 'a',
        'Ḃ' | 'ḃ' | 'Ḅ' | 'ḅ' | 'Ḇ' | 'ḇ' => 'b',
        'Ç' | 'ç' | 'Ć' | 'ć' | 'Ĉ' | 'ĉ' | 'Ċ' | 'ċ' | 'Č' | 'č' | 'Ḉ' | 'ḉ' => 'c',
        'Ď' | 'ď' | 'Đ' | 'đ' | 'Ḋ' | 'ḋ' | 'Ḍ' | 'ḍ' | 'Ḏ' | 'ḏ' | 'Ḑ' | 'ḑ' | 'Ḓ' | 'ḓ' => {
            'd'
        }
        'È' | 'É' | 'Ê' | 'Ë' | 'è' | 'é' | 'ê' | 'ë' | 'Ē' | 'ē' | 'Ĕ' | 'ĕ' | 'Ė' | 'ė' | 'Ę'
        | 'ę' | 'Ě' | 'ě' | 'Ȅ' | 'ȅ' | 'Ȇ' | 'ȇ' | 'Ȩ' | 'ȩ' | 'Ḕ' | 'ḕ' | 'Ḗ' | 'ḗ' | 'Ḙ'
        | 'ḙ' | 'Ḛ' | 'ḛ' | 'Ḝ' | 'ḝ' | 'Ẹ' | 'ẹ' | 'Ẻ' | 'ẻ' | 'Ẽ' | 'ẽ' | 'Ế' | 'ế' | 'Ề'
        | 'ề' | 'Ể' | 'ể' | 'Ễ' | 'ễ' | 'Ệ' | 'ệ' => 'e',
        'Ḟ' | 'ḟ' => 'f',
        'Ĝ' | 'ĝ' | 'Ğ' | 'ğ' | 'Ġ' | 'ġ' | 'Ģ' | 'ģ' | 'Ǧ' | 'ǧ' | 'Ǵ' | 'ǵ' | 'Ḡ' | 'ḡ' => {
            'g'
        }
        'Ĥ' | 'ĥ' | 'Ȟ' | 'ȟ' | 'Ḣ' | 'ḣ' | 'Ḥ' | 'ḥ' | 'Ḧ' | 'ḧ' | 'Ḩ' | 'ḩ' | 'Ḫ' | 'ḫ' | 'ẖ' => {
            'h'
        }
        'Ì' | 'Í' | 'Î' | 'Ï' | 'ì' | 'í' | 'î' | 'ï' | 'Ĩ' | 'ĩ' | 'Ī' | 'ī' | 'Ĭ' | 'ĭ' | 'Į'
        | 'į' | 'İ' | 'Ǐ' | 'ǐ' | 'Ȉ' | 'ȉ' | 'Ȋ' | 'ȋ' | 'Ḭ' | 'ḭ' | 'Ḯ' | 'ḯ' | 'Ỉ' | 'ỉ'
        | 'Ị' | 'ị' => 'i',
        'Ĵ' | 'ĵ' | 'ǰ' => 'j',
        'Ķ' | 'ķ' | 'Ǩ' | 'ǩ' | 'Ḱ' | 'ḱ' | 'Ḳ' | 'ḳ' | 'Ḵ' | 'ḵ' => 'k',
        'Ĺ' | 'ĺ' | 'Ļ' | 'ļ' | 'Ľ' | 'ľ' | 'Ḷ' | 'ḷ' | 'Ḹ' | 'ḹ' | 'Ḻ' | 'ḻ' | 'Ḽ' | 'ḽ' => {
            'l'
        }
        'Ḿ' | 'ḿ' | 'Ṁ' | 'ṁ' | 'Ṃ' | 'ṃ' => 'm',
        'Ñ' | 'ñ' | 'Ń' | 'ń' | 'Ņ' | 'ņ' | 'Ň' | 'ň' | 'Ǹ' | 'ǹ' | 'Ṅ' | 'ṅ' | 'Ṇ' | 'ṇ' | 'Ṉ'
        | 'ṉ' | 'Ṋ' | 'ṋ' => 'n',
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'Ō' | 'ō' | 'Ŏ' | 'ŏ' | 'Ő'
        | 'ő' | 'Ơ' | 'ơ' | 'Ǒ' | 'ǒ' | 'Ǫ' | 'ǫ' | 'Ǭ' | 'ǭ' | 'Ȍ' | 'ȍ' | 'Ȏ' | 'ȏ' | 'Ȫ'
        | 'ȫ' | 'Ȭ' | 'ȭ' | 'Ȯ' | 'ȯ' | 'Ȱ' | 'ȱ' | 'Ṍ' | 'ṍ' | 'Ṏ' | 'ṏ' | 'Ṑ' | 'ṑ' | 'Ṓ'
        | 'ṓ' | 'Ọ' | 'ọ' | 'Ỏ' | 'ỏ' | 'Ố' | 'ố' | 'Ồ' | 'ồ' | 'Ổ' | 'ổ' | 'Ỗ' | 'ỗ' | 'Ộ'
        | 'ộ' | 'Ớ' | 'ớ' | 'Ờ' | 'ờ' | 'Ở' | 'ở' | 'Ỡ' | 'ỡ' | 'Ợ' | 'ợ' => {
            'o'
        }
        'Ṕ' | 'ṕ' | 'Ṗ' | 'ṗ' => 'p',
        'Ŕ' | 'ŕ' | 'Ŗ' | 'ŗ' | 'Ř' | 'ř' | 'Ȑ' | 'ȑ' | 'Ȓ' | 'ȓ' | 'Ṙ' | 'ṙ' | 'Ṛ' | 'ṛ' | 'Ṝ'
        | 'ṝ' | 'Ṟ' | 'ṟ' => 'r',
        'Ś' | 'ś' | 'Ŝ' | 'ŝ' | 'Ş' | 'ş' | 'Š' | 'š' | 'Ș' | 'ș' | 'Ṡ' | 'ṡ' | 'Ṣ' | 'ṣ' | 'Ṥ'
        | 'ṥ' | 'Ṧ' | 'ṧ' | 'Ṩ' | 'ṩ' => 's',
        'Ţ' | 'ţ' | 'Ť' | 'ť' | 'Ț' | 'ț' | 'Ṫ' | 'ṫ' | 'Ṭ' | 'ṭ' | 'Ṯ' | 'ṯ' | 'Ṱ' | 'ṱ' | 'ẗ' => {
            't'
        }
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'ù' | 'ú' | 'û' | 'ü' | 'Ũ' | 'ũ' | 'Ū' | 'ū' | 'Ŭ' | 'ŭ' | 'Ů'
        | 'ů' | 'Ű' | 'ű' | 'Ų' | 'ų' | 'Ư' | 'ư' | 'Ǔ' | 'ǔ' | 'Ǖ' | 'ǖ' | 'Ǘ' | 'ǘ' | 'Ǚ'
        | 'ǚ' | 'Ǜ' | 'ǜ' | 'Ȕ' | 'ȕ' | 'Ȗ' | 'ȗ' | 'Ṳ' | 'ṳ' | 'Ṵ' | 'ṵ' | 'Ṷ' | 'ṷ' | 'Ṹ'
        | 'ṹ' | 'Ṻ' | 'ṻ' | 'Ụ' | 'ụ' | 'Ủ' | 'ủ' | 'Ứ' | 'ứ' | 'Ừ' | 'ừ' | 'Ử' | 'ử' | 'Ữ'
        | 'ữ' | 'Ự' | 'ự' => 'u',
        'Ṽ' | 'ṽ' | 'Ṿ' | 'ṿ' => 'v',
        'Ŵ' | 'ŵ' | 'Ẁ' | 'ẁ' | 'Ẃ' | 'ẃ' | 'Ẅ' | 'ẅ' | 'Ẇ' | 'ẇ' | 'Ẉ' | 'ẉ' | 'ẘ' => {
            'w'
        }
        'Ẋ' | 'ẋ' | 'Ẍ' | 'ẍ' => 'x',
        'Ý' | 'ý' | 'ÿ' | 'Ŷ' | 'ŷ' | 'Ÿ' | 'Ȳ' | 'ȳ' | 'Ẏ' | 'ẏ' | 'ẙ' | 'Ỳ' | 'ỳ' | 'Ỵ' | 'ỵ'
        | 'Ỷ' | 'ỷ' | 'Ỹ' | 'ỹ' => 'y',
        'Ź' | 'ź' | 'Ż' | 'ż' | 'Ž' | 'ž' | 'Ẑ' | 'ẑ' | 'Ẓ' | 'ẓ' | 'Ẕ' | 'ẕ' => {
            'z'
        }
        _ => {
            // Other scripts: lower case when it maps to one character.
            let mut l = c.to_lowercase();
            match (l.next(), l.next()) {
                (Some(x), None) => x,
                _ => c,
            }
        }
    })
}

/// Fold a whole string (see [`fold_char`]).
pub fn normalize(s: &str) -> String {
    s.chars().filter_map(fold_char).collect()
}

/// A word of a text: its folded form and its byte range in the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub term: String,
    pub start: usize,
    pub end: usize,
}

/// Split a text into words (runs of letters and digits after folding) with their byte ranges in
/// the original text, so matches can be highlighted in the text as written.
pub fn tokenize(s: &str) -> Vec<Token> {
    let mut out = Vec::new();
    each_token(s, |term, start, end| {
        out.push(Token {
            term: term.to_string(),
            start,
            end,
        })
    });
    out
}

/// [`tokenize`] without allocating per word: calls `f(folded term, start, end)` for each word,
/// the term borrowed from one reused buffer (loading the index tokenizes the whole handbook).
fn each_token(s: &str, mut f: impl FnMut(&str, usize, usize)) {
    let mut term = String::new();
    let (mut start, mut end) = (0, 0);
    for (i, c) in s.char_indices() {
        match fold_char(c) {
            // A combining mark continues the current word.
            None => {
                if !term.is_empty() {
                    end = i + c.len_utf8();
                }
            }
            Some(x) if x.is_alphanumeric() => {
                if term.is_empty() {
                    start = i;
                }
                term.push(x);
                end = i + c.len_utf8();
            }
            Some(_) => {
                if !term.is_empty() {
                    f(&term, start, end);
                    term.clear();
                }
            }
        }
    }
    if !term.is_empty() {
        f(&term, start, end);
    }
}

/// One searchable section: the text under a heading of a page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Section {
    /// Page URL (`/giam-sat/dieu-18/`).
    pub url: String,
    pub page_title: String,
    /// Heading id (empty: the page's text before its first heading).
    pub anchor: String,
    /// Heading text (the page title for the text before the first heading).
    pub heading: String,
    /// Plain text, whitespace collapsed.
    pub text: String,
}

impl Section {
    /// Link target: the page, or the heading on the page.
    pub fn href(&self) -> String {
        if self.anchor.is_empty() {
            self.url.clone()
        } else {
            format!("{}#{}", self.url, self.anchor)
        }
    }
}

/// Record and field separators of the index file, and the highlight marks in results.
const RS: char = '\u{1e}';
const FS: char = '\u{1f}';
/// Start and end of a highlighted match in [`Hit`] strings.
pub const MARK_START: char = '\u{1}';
pub const MARK_END: char = '\u{2}';

/// Collapse whitespace and drop control characters (they are the file's separators).
fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split(|c: char| c.is_whitespace() || c.is_control()) {
        if w.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// A glossary entry as the index file carries it: the entry's section on the glossary page, its
/// short expansion, and every form a reader may type (`NCMT`, `GSTĐ`, `HIV/AIDS`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Abbreviation {
    /// Link of the entry (`/thuat-ngu/#ncmt`), the href of its section in the index.
    pub href: String,
    /// Short expansion (`Nghiện chích ma túy`); a query word equal to a form also matches it.
    pub expansion: String,
    pub forms: Vec<String>,
}

/// The content of an index file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IndexFile {
    pub sections: Vec<Section>,
    pub abbreviations: Vec<Abbreviation>,
    /// Size in bytes of the search module the browser loads with the index (for the loading
    /// progress, which counts both; 0 when unknown).
    pub module_bytes: usize,
}

/// Write an index file: sections grouped by page, in order, after the glossary's forms.
pub fn encode(file: &IndexFile) -> String {
    let mut body = String::new();
    for a in &file.abbreviations {
        body.push('A');
        for f in [&a.href, &a.expansion].into_iter().chain(&a.forms) {
            body.push(FS);
            body.push_str(&clean(f));
        }
        body.push(RS);
    }
    let mut last_url: Option<&str> = None;
    for s in &file.sections {
        if last_url != Some(s.url.as_str()) {
            body.push('P');
            for f in [&s.url, &s.page_title] {
                body.push(FS);
                body.push_str(&clean(f));
            }
            body.push(RS);
            last_url = Some(&s.url);
        }
        body.push('S');
        for f in [&s.anchor, &s.heading, &s.text] {
            body.push(FS);
            body.push_str(&clean(f));
        }
        body.push(RS);
    }
    format!("{HEADER} {} {}\n{body}", body.len(), file.module_bytes)
}

/// Read an index file written by [`encode`].
pub fn decode(data: &str) -> Result<IndexFile, String> {
    let bad_header = || format!("không phải chỉ mục tìm kiếm (expected header {HEADER:?})");
    let (first, body) = data.split_once('\n').ok_or_else(bad_header)?;
    let mut head = first
        .strip_prefix(HEADER)
        .ok_or_else(bad_header)?
        .split(' ');
    let (Some(""), Some(len), Some(module)) = (head.next(), head.next(), head.next()) else {
        return Err(bad_header());
    };
    if len.parse::<usize>().ok() != Some(body.len()) {
        return Err(format!(
            "chỉ mục không trọn vẹn: {} byte, đầu tệp ghi {len} (truncated index)",
            body.len()
        ));
    }
    let mut out = IndexFile {
        module_bytes: module.parse().map_err(|_| bad_header())?,
        ..Default::default()
    };
    let (mut url, mut title) = (String::new(), String::new());
    for (n, rec) in body.split(RS).enumerate() {
        if rec.is_empty() {
            continue;
        }
        let f: Vec<&str> = rec.split(FS).collect();
        match (f[0], f.len()) {
            ("A", 4..) => out.abbreviations.push(Abbreviation {
                href: f[1].to_string(),
                expansion: f[2].to_string(),
                forms: f[3..].iter().map(|s| s.to_string()).collect(),
            }),
            ("P", 3) => {
                url = f[1].to_string();
                title = f[2].to_string();
            }
            ("S", 4) if !url.is_empty() => out.sections.push(Section {
                url: url.clone(),
                page_title: title.clone(),
                anchor: f[1].to_string(),
                heading: f[2].to_string(),
                text: f[3].to_string(),
            }),
            _ => return Err(format!("chỉ mục hỏng ở bản ghi {n} (bad record)")),
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// Exact-diacritic keys
// ---------------------------------------------------------------------------------------------

/// Vietnamese vowels (with their quality marks) and their five tones, in the order of
/// [`TONE_MARKS`].
const TONED: [&str; 12] = [
    "aàáảãạ",
    "ăằắẳẵặ",
    "âầấẩẫậ",
    "eèéẻẽẹ",
    "êềếểễệ",
    "iìíỉĩị",
    "oòóỏõọ",
    "ôồốổỗộ",
    "ơờớởỡợ",
    "uùúủũụ",
    "ưừứửữự",
    "yỳýỷỹỵ",
];
/// Tones as combining marks: huyền, sắc, hỏi, ngã, nặng (index 0: no tone).
const TONE_MARKS: [char; 6] = ['\0', '\u{300}', '\u{301}', '\u{309}', '\u{303}', '\u{323}'];

/// A lower-case letter split into its toneless letter (quality marks kept: `ấ` → `â`) and tone.
fn split_tone(c: char) -> (char, usize) {
    if !c.is_ascii() {
        for row in TONED {
            if let Some(t) = row.chars().position(|x| x == c) {
                return (row.chars().next().unwrap_or(c), t);
            }
        }
    }
    (c, 0)
}

fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'a' | 'ă' | 'â' | 'e' | 'ê' | 'i' | 'o' | 'ô' | 'ơ' | 'u' | 'ư' | 'y'
    )
}

/// Builds the exact-diacritic key of a word: lower case, quality marks (ă â ê ô ơ ư đ) kept and
/// the tone moved after the first vowel, so the two tone placements (`túy`/`tuý`, `hòa`/`hoà`)
/// and NFC/NFD give the same key and a typed prefix is a prefix of the key.
#[derive(Default)]
struct KeyBuf {
    key: String,
    tone: usize,
    vowel_end: Option<usize>,
}

impl KeyBuf {
    fn push(&mut self, c: char) {
        if ('\u{300}'..='\u{36f}').contains(&c) {
            if let Some(t) = TONE_MARKS.iter().position(|&m| m == c) {
                if self.tone == 0 {
                    self.tone = t;
                }
            } else if let Some(last) = {
                let before = self.key.len();
                self.key.pop().inspect(|_| {
                    if self.vowel_end == Some(before) {
                        self.vowel_end = None; // set again below
                    }
                })
            } {
                let q = match (last, c) {
                    ('a', '\u{302}') => 'â',
                    ('a', '\u{306}') => 'ă',
                    ('e', '\u{302}') => 'ê',
                    ('o', '\u{302}') => 'ô',
                    ('o', '\u{31b}') => 'ơ',
                    ('u', '\u{31b}') => 'ư',
                    (x, _) => x,
                };
                self.key.push(q);
                if self.vowel_end.is_none() && is_vowel(q) {
                    self.vowel_end = Some(self.key.len());
                }
            }
            return;
        }
        let mut l = c.to_lowercase();
        let lower = match (l.next(), l.next()) {
            (Some(x), None) => x,
            _ => c,
        };
        let (base, tone) = split_tone(lower);
        if tone != 0 && self.tone == 0 {
            self.tone = tone;
        }
        self.key.push(base);
        if self.vowel_end.is_none() && is_vowel(base) {
            self.vowel_end = Some(self.key.len());
        }
    }

    fn finish(&mut self) -> &str {
        if self.tone != 0 {
            let at = self.vowel_end.unwrap_or(self.key.len());
            self.key.insert(at, TONE_MARKS[self.tone]);
        }
        &self.key
    }

    fn clear(&mut self) {
        self.key.clear();
        self.tone = 0;
        self.vowel_end = None;
    }
}

/// The exact-diacritic key of a word (see [`KeyBuf`]); its [`normalize`]d form is the word's
/// folded term.
pub fn diacritic_key(word: &str) -> String {
    let mut k = KeyBuf::default();
    word.chars().for_each(|c| k.push(c));
    k.finish().to_string()
}

/// Calls `f(exact-diacritic key, start, end)` for each word of `s` (the words of [`tokenize`]).
fn each_word(s: &str, mut f: impl FnMut(&str, usize, usize)) {
    let mut k = KeyBuf::default();
    let (mut start, mut end, mut open) = (0, 0, false);
    for (i, c) in s.char_indices() {
        match fold_char(c) {
            None => {
                if open {
                    k.push(c);
                    end = i + c.len_utf8();
                }
            }
            Some(x) if x.is_alphanumeric() => {
                if !open {
                    start = i;
                    open = true;
                }
                k.push(c);
                end = i + c.len_utf8();
            }
            Some(_) => {
                if open {
                    f(k.finish(), start, end);
                    k.clear();
                    open = false;
                }
            }
        }
    }
    if open {
        f(k.finish(), start, end);
    }
}

// ---------------------------------------------------------------------------------------------
// The index
// ---------------------------------------------------------------------------------------------

/// The words of one text: word ids (exact-diacritic keys) in order and their byte ranges.
#[derive(Default)]
struct Words {
    ids: Vec<u32>,
    /// Byte range (start, end) of each word in the text, for highlights and snippets.
    pos: Vec<(u32, u32)>,
}

/// A glossary entry, ready for queries.
struct Abbr {
    /// Its section (the entry's heading on the glossary page), if indexed.
    section: Option<u32>,
    /// Each form as folded terms (`HIV/AIDS` → `hiv`, `aids`).
    forms: Vec<Vec<String>>,
    /// The expansion as term ids, when every word of it is in the handbook.
    expansion: Option<Vec<u32>>,
}

/// The in-memory search index. Everything a query needs is computed on load (word ids, word
/// positions), so a query never folds or tokenizes the handbook's text again.
pub struct Index {
    pub sections: Vec<Section>,
    /// Sorted folded terms; a term id is its position, so a prefix is an id range.
    vocab: Vec<String>,
    /// Term id → sections containing it (ascending, unique).
    postings: Vec<Vec<u32>>,
    /// Sorted exact-diacritic keys of every word as written; a word id is its position.
    keys: Vec<String>,
    /// Word id → term id.
    key_term: Vec<u32>,
    /// Section → words of its text.
    body: Vec<Words>,
    /// Section → words of its heading.
    heading: Vec<Words>,
    /// Section → word ids of its page title.
    page: Vec<Vec<u32>>,
    abbrs: Vec<Abbr>,
    avg_len: f32,
}

/// One result of [`Index::search`].
#[derive(Debug, Clone)]
pub struct Hit {
    pub section: usize,
    pub score: f32,
    /// Heading with matches between [`MARK_START`] and [`MARK_END`].
    pub heading: String,
    /// Best passage of the text, matches marked the same way, `…` where cut.
    pub snippet: String,
    /// The matched words of the section as written (lower case, distinct), for highlighting
    /// them on the page.
    pub words: Vec<String>,
}

/// Words of context kept before the first match of a snippet, and snippet length in words.
const SNIPPET_BEFORE: usize = 6;
const SNIPPET_WORDS: usize = 30;
/// Query words considered (one bit each in a `u64` mask); longer queries keep the first 64.
const MAX_WORDS: usize = 64;
/// Weight of a weak match (another tone than the one typed, a corrected typo, initials) against
/// an exact one.
const WEAK: f32 = 0.4;
/// Query words a typo is corrected in: folded length at least this.
const TYPO_MIN_LEN: usize = 3;
const NONE: u32 = u32::MAX;

/// A query word matched by a run of words: a glossary expansion (`ncmt` → `nghiện chích ma
/// túy`, one extra word allowed inside) or initials (`ptgs` → words starting p, t, g, s).
struct Phrase {
    word: usize,
    /// Term id ranges, one per word of the run.
    parts: Vec<Range<u32>>,
    /// One word of the text may come between two parts (`nam có quan hệ` for `nam quan hệ`).
    gap: bool,
    strong: bool,
}

/// What a query matches, computed once per query.
struct Plan {
    n: usize,
    all: u64,
    /// Term id → bits of the query words it matches.
    terms: Vec<u64>,
    /// Word id → bits of the query words it matches, and of those it matches exactly (the
    /// diacritics typed, or none typed).
    wmask: Vec<u64>,
    wstrong: Vec<u64>,
    /// Word id → bits of the query words whose diacritics (if typed) it has.
    wdia: Vec<u64>,
    phrases: Vec<Phrase>,
    /// Sections of glossary entries one of whose forms the query is.
    boost: Vec<u32>,
}

/// One match in a text: words `start..end` (word positions) for query word `word`; `gap` is the
/// position of a word inside it that is not part of the match (or [`NONE`]).
#[derive(Clone, Copy)]
struct Occ {
    start: u32,
    end: u32,
    word: u8,
    strong: bool,
    /// The diacritics typed (if any) are the word's.
    dia: bool,
    gap: u32,
}

/// What the matches of one text say.
#[derive(Default)]
struct Stats {
    /// Query words present, and present with a strong match.
    present: u64,
    strong: u64,
    /// Query words present with the diacritics typed.
    dia: u64,
    /// Weighted occurrences per query word.
    tf: Vec<f32>,
    /// Per query word `w`: times `w` is directly followed by `w + 1`.
    pairs: Vec<u32>,
    /// The whole query appears in order, word after word.
    phrase: bool,
    /// Shortest run of words containing every query word (0: not all present).
    window: u32,
}

impl Index {
    /// Build from an index file.
    pub fn load(data: &str) -> Result<Index, String> {
        let f = decode(data)?;
        Ok(Index::with_abbreviations(f.sections, &f.abbreviations))
    }

    pub fn new(sections: Vec<Section>) -> Index {
        Index::with_abbreviations(sections, &[])
    }

    pub fn with_abbreviations(sections: Vec<Section>, abbreviations: &[Abbreviation]) -> Index {
        // Words get provisional ids in order of first appearance; looked up by &str so that only
        // a new word allocates.
        let mut ids: BTreeMap<String, u32> = BTreeMap::new();
        let words = |s: &str, ids: &mut BTreeMap<String, u32>| -> Words {
            let mut w = Words::default();
            each_word(s, |key, start, end| {
                let id = match ids.get(key) {
                    Some(&id) => id,
                    None => {
                        let id = ids.len() as u32;
                        ids.insert(key.to_string(), id);
                        id
                    }
                };
                w.ids.push(id);
                w.pos.push((start as u32, end as u32));
            });
            w
        };
        let mut body = Vec::with_capacity(sections.len());
        let mut heading = Vec::with_capacity(sections.len());
        let mut page = Vec::with_capacity(sections.len());
        for s in &sections {
            body.push(words(&s.text, &mut ids));
            heading.push(words(&s.heading, &mut ids));
            page.push(words(&s.page_title, &mut ids).ids);
        }
        // Renumber so that ids follow the sorted order of the keys, and give each its term.
        let mut remap = vec![0u32; ids.len()];
        let mut keys = Vec::with_capacity(ids.len());
        let mut terms: BTreeMap<String, u32> = BTreeMap::new();
        let mut key_terms = Vec::with_capacity(ids.len());
        for (sorted, (key, first)) in ids.into_iter().enumerate() {
            remap[first as usize] = sorted as u32;
            let term = normalize(&key);
            let n = terms.len() as u32;
            key_terms.push(*terms.entry(term).or_insert(n));
            keys.push(key);
        }
        let mut term_remap = vec![0u32; terms.len()];
        let mut vocab = Vec::with_capacity(terms.len());
        for (sorted, (term, first)) in terms.into_iter().enumerate() {
            term_remap[first as usize] = sorted as u32;
            vocab.push(term);
        }
        let key_term: Vec<u32> = key_terms
            .into_iter()
            .map(|t| term_remap[t as usize])
            .collect();
        let mut postings = vec![Vec::new(); vocab.len()];
        let lists = body
            .iter_mut()
            .map(|w| &mut w.ids)
            .enumerate()
            .chain(heading.iter_mut().map(|w| &mut w.ids).enumerate())
            .chain(page.iter_mut().enumerate());
        for (si, list) in lists {
            for id in list.iter_mut() {
                *id = remap[*id as usize];
                let p: &mut Vec<u32> = &mut postings[key_term[*id as usize] as usize];
                if p.last() != Some(&(si as u32)) {
                    p.push(si as u32);
                }
            }
        }
        for p in &mut postings {
            p.sort_unstable();
            p.dedup();
        }
        let total: usize = body.iter().map(|w| w.ids.len()).sum();
        let avg_len = total as f32 / sections.len().max(1) as f32;
        let mut index = Index {
            sections,
            vocab,
            postings,
            keys,
            key_term,
            body,
            heading,
            page,
            abbrs: Vec::new(),
            avg_len,
        };
        index.abbrs = abbreviations
            .iter()
            .map(|a| Abbr {
                section: index
                    .sections
                    .iter()
                    .position(|s| s.href() == a.href)
                    .map(|s| s as u32),
                forms: a
                    .forms
                    .iter()
                    .map(|f| tokenize(f).into_iter().map(|t| t.term).collect::<Vec<_>>())
                    .filter(|f| !f.is_empty())
                    .collect(),
                expansion: index.expansion_terms(&a.expansion),
            })
            .collect();
        index
    }

    /// The words of an expansion before any parenthesis or colon (`Người nghiện chích ma túy
    /// (injecting drug user)` → 5 words), as term ids, when there are 2–8 and all are known.
    fn expansion_terms(&self, expansion: &str) -> Option<Vec<u32>> {
        let head = expansion.split(['(', ':', ';', ',']).next()?;
        let words = tokenize(head);
        if !(2..=8).contains(&words.len()) {
            return None;
        }
        words
            .iter()
            .map(|w| {
                let i = self.vocab.partition_point(|t| t.as_str() < w.term.as_str());
                (self.vocab.get(i) == Some(&w.term)).then_some(i as u32)
            })
            .collect()
    }

    pub fn len(&self) -> usize {
        self.sections.len()
    }

    pub fn is_empty(&self) -> bool {
        self.sections.is_empty()
    }

    /// Term ids matching a folded query word: the exact term, or every term starting with it
    /// when `prefix` (the word being typed) or when the exact term is unknown. Two binary
    /// searches of the sorted vocabulary.
    fn term_range(&self, term: &str, prefix: bool) -> Range<u32> {
        sorted_range(&self.vocab, term, prefix)
    }

    /// Term ids one typo away from `term` (see [`one_typo`]).
    fn typo_terms(&self, term: &str) -> Vec<u32> {
        let a: Vec<char> = term.chars().collect();
        self.vocab
            .iter()
            .enumerate()
            .filter(|(_, t)| {
                let n = t.len();
                n + 2 >= term.len() && n <= term.len() + 2 && {
                    let b: Vec<char> = t.chars().collect();
                    one_typo(&a, &b)
                }
            })
            .map(|(i, _)| i as u32)
            .collect()
    }

    /// What a query matches (None: no word in it).
    fn plan(&self, query: &str) -> Option<Plan> {
        // (folded term, exact-diacritic key) of each query word.
        let mut words: Vec<(String, String)> = Vec::new();
        each_word(query, |key, _, _| {
            words.push((normalize(key), key.to_string()))
        });
        if words.is_empty() {
            return None;
        }
        words.truncate(MAX_WORDS);
        let typing = !query.ends_with(|c: char| c.is_whitespace());
        let n = words.len();
        let mut plan = Plan {
            n,
            all: if n == 64 { u64::MAX } else { (1u64 << n) - 1 },
            terms: vec![0; self.vocab.len()],
            wmask: vec![0; self.keys.len()],
            wstrong: vec![0; self.keys.len()],
            wdia: vec![0; self.keys.len()],
            phrases: Vec::new(),
            boost: Vec::new(),
        };
        // Term ids whose match is exact for word w (not a corrected typo).
        let mut exact_terms = vec![0u64; self.vocab.len()];
        // Words typed with diacritics, and the word ids that have exactly those.
        let mut accented = 0u64;
        let mut exact_keys = vec![0u64; self.keys.len()];
        let mut same_diacritics = vec![0u64; self.keys.len()];
        for (w, (term, key)) in words.iter().enumerate() {
            let bit = 1u64 << w;
            let prefix = typing && w == n - 1;
            let r = self.term_range(term, prefix);
            if !r.is_empty() {
                // A word being typed that is already a whole word (`bản`, `ban`) matches longer
                // words (`bảng`) only weakly.
                let whole = self.vocab[r.start as usize] == *term;
                for id in r.clone() {
                    plan.terms[id as usize] |= bit;
                    if !whole || id == r.start {
                        exact_terms[id as usize] |= bit;
                    }
                }
            } else if term.chars().all(|c| c.is_ascii_alphabetic())
                && (2..=8).contains(&term.len())
                && !term.contains(['a', 'e', 'i', 'o', 'u', 'y'])
            {
                // No vowel: not a Vietnamese word, so an abbreviation the glossary does not
                // know; read it as the initials of consecutive words.
                plan.phrases.push(Phrase {
                    word: w,
                    parts: term
                        .chars()
                        .map(|c| self.term_range(c.encode_utf8(&mut [0; 4]), true))
                        .collect(),
                    gap: false,
                    strong: false,
                });
            } else if term.chars().count() >= TYPO_MIN_LEN {
                for id in self.typo_terms(term) {
                    plan.terms[id as usize] |= bit;
                }
            }
            if key != term {
                accented |= bit;
                let r = sorted_range(&self.keys, key, prefix);
                let whole = self.keys.get(r.start as usize) == Some(key);
                for id in r.clone() {
                    same_diacritics[id as usize] |= bit;
                    if !whole || id == r.start {
                        exact_keys[id as usize] |= bit;
                    }
                }
            }
        }
        // Glossary forms: runs of query words equal to a form.
        for a in &self.abbrs {
            for form in &a.forms {
                let k = form.len();
                for start in 0..n.saturating_sub(k - 1) {
                    if (0..k).all(|j| words[start + j].0 == form[j]) {
                        if let Some(s) = a.section {
                            plan.boost.push(s);
                        }
                        if let (1, Some(exp)) = (k, &a.expansion) {
                            plan.phrases.push(Phrase {
                                word: start,
                                parts: exp.iter().map(|&t| t..t + 1).collect(),
                                gap: true,
                                strong: true,
                            });
                        }
                    }
                }
            }
        }
        for (id, &t) in self.key_term.iter().enumerate() {
            let m = plan.terms[t as usize];
            if m != 0 {
                plan.wmask[id] = m;
                plan.wstrong[id] = exact_terms[t as usize] & (!accented | exact_keys[id]);
                plan.wdia[id] = m & (!accented | same_diacritics[id]);
            }
        }
        Some(plan)
    }

    /// Sections that may contain a phrase: those having a word of every part.
    fn phrase_sections(&self, ph: &Phrase) -> Vec<bool> {
        let mut acc = vec![true; self.len()];
        for part in &ph.parts {
            let mut has = vec![false; self.len()];
            for t in part.clone() {
                for &s in &self.postings[t as usize] {
                    has[s as usize] = true;
                }
            }
            acc.iter_mut().zip(has).for_each(|(a, h)| *a &= h);
        }
        acc
    }

    /// End of the phrase starting at word `i` of `ids`, and the skipped word if any.
    fn phrase_at(&self, ids: &[u32], i: usize, ph: &Phrase) -> Option<(usize, u32)> {
        let term = |p: usize| self.key_term[ids[p] as usize];
        let (mut p, mut gap) = (i, NONE);
        for (j, part) in ph.parts.iter().enumerate() {
            if p < ids.len() && part.contains(&term(p)) {
                p += 1;
            } else if ph.gap
                && j > 0
                && gap == NONE
                && p + 1 < ids.len()
                && part.contains(&term(p + 1))
            {
                gap = p as u32;
                p += 2;
            } else {
                return None;
            }
        }
        Some((p, gap))
    }

    /// Every match of the query in a text, in order of position.
    fn occurrences(&self, ids: &[u32], plan: &Plan, out: &mut Vec<Occ>) {
        out.clear();
        for (i, &id) in ids.iter().enumerate() {
            let (m, strong) = (plan.wmask[id as usize], plan.wstrong[id as usize]);
            let mut bits = m;
            while bits != 0 {
                let w = bits.trailing_zeros();
                out.push(Occ {
                    start: i as u32,
                    end: i as u32 + 1,
                    word: w as u8,
                    strong: strong & (1 << w) != 0,
                    dia: plan.wdia[id as usize] & (1 << w) != 0,
                    gap: NONE,
                });
                bits &= bits - 1;
            }
            for ph in &plan.phrases {
                if let Some((end, gap)) = self.phrase_at(ids, i, ph) {
                    out.push(Occ {
                        start: i as u32,
                        end: end as u32,
                        word: ph.word as u8,
                        strong: ph.strong,
                        dia: true,
                        gap,
                    });
                }
            }
        }
    }

    /// Ranked sections for a query typed so far. Every query word must match (the last one as
    /// a prefix unless the query ends with a space); a word matches the word as typed, folded
    /// (`giam` = `giám`; another tone than the one typed counts less), one typo away when the
    /// word is unknown (`xat` → `sát`), and a glossary abbreviation matches its expansion
    /// (`ncmt` = `nghiện chích ma túy`; an unknown one without a vowel, the initials of a run of
    /// words). Sections are ranked by BM25 on their text, plus bonuses for words in the heading
    /// and page title, for query words that follow each other (Vietnamese words are syllables,
    /// so "dong gioi" wants `đồng giới`, not `động … giới`), for the whole query as a phrase
    /// and for words close together; a glossary entry comes first for its abbreviation.
    ///
    /// Cost: the postings of the query's terms, one pass over the words of each section that has
    /// every query word, and a heading and snippet for the `limit` shown only.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let Some(plan) = self.plan(query) else {
            return Vec::new();
        };
        let n = plan.n;
        let mut cover = vec![0u64; self.len()];
        for (t, &m) in plan.terms.iter().enumerate() {
            if m != 0 {
                for &s in &self.postings[t] {
                    cover[s as usize] |= m;
                }
            }
        }
        for ph in &plan.phrases {
            for (s, has) in self.phrase_sections(ph).into_iter().enumerate() {
                if has {
                    cover[s] |= 1 << ph.word;
                }
            }
        }
        let sections = self.len() as f32;
        let idf: Vec<f32> = (0..n)
            .map(|w| {
                let d = cover.iter().filter(|&&c| c & (1 << w) != 0).count() as f32;
                (1.0 + (sections - d + 0.5) / (d + 0.5)).ln()
            })
            .collect();
        let idf_sum: f32 = idf.iter().sum();
        let (k1, b) = (1.2f32, 0.75f32);
        let mut occ = Vec::new();
        let mut bufs = (Vec::new(), Vec::new());
        // (section, words matched strongly, words matched with the diacritics typed, score)
        let mut scored: Vec<(usize, u64, u64, f32)> = Vec::new();
        for (s, _) in cover.iter().enumerate().filter(|(_, c)| **c == plan.all) {
            let text = &self.body[s].ids;
            self.occurrences(text, &plan, &mut occ);
            let body = stats(&occ, text.len(), n, &mut bufs);
            self.occurrences(&self.heading[s].ids, &plan, &mut occ);
            let head = stats(&occ, self.heading[s].ids.len(), n, &mut bufs);
            self.occurrences(&self.page[s], &plan, &mut occ);
            let page = stats(&occ, self.page[s].len(), n, &mut bufs);
            if body.present | head.present | page.present != plan.all {
                continue; // a phrase's words were there, not the phrase
            }
            let weight = |st: &Stats, w: usize| {
                if st.strong & (1 << w) != 0 {
                    1.0
                } else if st.present & (1 << w) != 0 {
                    WEAK
                } else {
                    0.0
                }
            };
            let mut score = 0.0;
            let norm = k1 * (1.0 - b + b * text.len() as f32 / self.avg_len.max(1.0));
            for (w, (&idf, &tf)) in idf.iter().zip(&body.tf).enumerate() {
                score += idf * tf * (k1 + 1.0) / (tf + norm);
                score += 1.5 * idf * weight(&head, w);
                score += 0.5 * idf * weight(&page, w);
            }
            if n > 1 {
                for w in 0..n - 1 {
                    let bonus = idf[w] + idf[w + 1];
                    let in_text = body.pairs[w].min(3) as f32;
                    score += bonus * in_text / (in_text + 0.5);
                    if head.pairs[w] > 0 {
                        score += 1.5 * bonus;
                    }
                    if page.pairs[w] > 0 {
                        score += 0.5 * bonus;
                    }
                }
                // The whole query as a phrase; else its words close together.
                if body.phrase {
                    score += 2.0 * idf_sum;
                } else if body.window > 0 && body.window as usize <= 3 * n {
                    score += 0.5 * idf_sum * (n as f32 - 1.0) / (body.window as f32 - 1.0);
                }
                if head.phrase {
                    score += 2.0 * idf_sum;
                }
                if page.phrase {
                    score += 0.5 * idf_sum;
                }
            }
            if plan.boost.contains(&(s as u32)) {
                score += 20.0 * idf_sum;
            }
            let dia = body.dia | head.dia | page.dia;
            scored.push((s, body.strong | head.strong | page.strong, dia, score));
        }
        // A word typed with diacritics that some section has as typed: sections that have it
        // only with other diacritics are left out ("máu" does not list `mẫu`; "mau" lists both).
        let dia_somewhere = scored.iter().fold(0, |acc, x| acc | x.2);
        scored.retain(|x| x.2 & dia_somewhere == dia_somewhere);
        // Sections that match more query words exactly (the diacritics typed, no typo) come
        // first, among the words that some section matches exactly: "máu" puts the sections
        // with `máu` before those with only `mẫu`.
        let exact_somewhere = scored.iter().fold(0, |acc, x| acc | x.1);
        let tier = |bits: u64| (bits & exact_somewhere).count_ones();
        scored.sort_by(|a, b| {
            tier(b.1)
                .cmp(&tier(a.1))
                .then(b.3.total_cmp(&a.3))
                .then(a.0.cmp(&b.0))
        });
        scored.truncate(limit);
        scored
            .into_iter()
            .map(|(s, _, _, score)| self.hit(s, score, &plan, &mut occ, &mut bufs))
            .collect()
    }

    /// A result: heading and snippet with the matches marked, and the matched words. A query
    /// word typed with diacritics marks only the words with those diacritics, unless the section
    /// has none (then what matched it).
    fn hit(&self, s: usize, score: f32, plan: &Plan, occ: &mut Vec<Occ>, bufs: &mut Bufs) -> Hit {
        let n = plan.n;
        self.occurrences(&self.heading[s].ids, plan, occ);
        let head_occ = occ.clone();
        let head = stats(&head_occ, self.heading[s].ids.len(), n, bufs);
        self.occurrences(&self.body[s].ids, plan, occ);
        let body = stats(occ, self.body[s].ids.len(), n, bufs);
        let strong = head.strong | body.strong;
        let marked = |o: &Occ| o.strong || strong & (1 << o.word) == 0;
        let positions = |list: &[Occ]| -> Vec<(usize, u32)> {
            let mut out: Vec<(usize, u32)> = Vec::new();
            for o in list.iter().filter(|o| marked(o)) {
                for p in o.start..o.end {
                    if p != o.gap {
                        out.push((p as usize, o.word as u32));
                    }
                }
            }
            out.sort_unstable();
            out.dedup_by_key(|x| x.0);
            out
        };
        let head_marks = positions(&head_occ);
        let body_marks = positions(occ);
        // For the page's highlight: where query words stand next to each other in the text,
        // only those (not every `số`/`sở` of the section for "so tuyen").
        let mut linked: Vec<Occ> = Vec::new();
        if n > 1 {
            let len = self.body[s].ids.len() + 1;
            let (mut starts, mut ends) = (vec![0u64; len], vec![0u64; len]);
            for o in occ.iter().filter(|o| marked(o)) {
                starts[o.start as usize] |= 1 << o.word;
                ends[o.end as usize] |= 1 << o.word;
            }
            linked = occ
                .iter()
                .filter(|o| marked(o))
                .filter(|o| {
                    let bit = 1u64 << o.word;
                    ends[o.start as usize] & (bit >> 1) != 0
                        || starts[o.end as usize] & (bit << 1) != 0
                })
                .copied()
                .collect();
        }
        let page_marks = if linked.is_empty() {
            body_marks.clone()
        } else {
            positions(&linked)
        };
        let sec = &self.sections[s];
        let mut words: Vec<String> = Vec::new();
        for (text, w, marks) in [
            (&sec.heading, &self.heading[s], &head_marks),
            (&sec.text, &self.body[s], &page_marks),
        ] {
            for &(p, _) in marks {
                let (a, b) = w.pos[p];
                let word = text[a as usize..b as usize].to_lowercase();
                if !words.contains(&word) {
                    words.push(word);
                }
            }
        }
        Hit {
            section: s,
            score,
            heading: mark_all(&sec.heading, &self.heading[s], &head_marks),
            snippet: self.snippet(s, &body_marks),
            words,
        }
    }

    /// The passage of a section's text with the most distinct query words, matches marked.
    fn snippet(&self, s: usize, hits: &[(usize, u32)]) -> String {
        let pos = &self.body[s].pos;
        // (distinct words, query words next to the following one, matches, start position)
        let mut best = (0u32, 0usize, 0usize, 0usize);
        for (i, &(p, _)) in hits.iter().enumerate() {
            let mut seen = 0u64;
            let (mut count, mut adjacent) = (0, 0);
            let mut prev: Option<(usize, u32)> = None;
            for &(q, w) in &hits[i..] {
                if q >= p + SNIPPET_WORDS - SNIPPET_BEFORE {
                    break;
                }
                seen |= 1 << w;
                count += 1;
                if prev.is_some_and(|(pq, pw)| pq + 1 == q && pw + 1 == w) {
                    adjacent += 1;
                }
                prev = Some((q, w));
            }
            let distinct = seen.count_ones();
            if (distinct, adjacent, count) > (best.0, best.1, best.2) {
                best = (distinct, adjacent, count, p);
            }
        }
        let text = &self.sections[s].text;
        if pos.is_empty() {
            return String::new();
        }
        let first = best.3.saturating_sub(SNIPPET_BEFORE);
        let last = (first + SNIPPET_WORDS).min(pos.len()) - 1;
        let start = if first == 0 { 0 } else { pos[first].0 as usize };
        let end = if last + 1 == pos.len() {
            text.len()
        } else {
            pos[last].1 as usize
        };
        let mut out = String::new();
        if start > 0 {
            out.push_str("… ");
        }
        let mut at = start;
        for &(p, _) in hits.iter().filter(|h| (first..=last).contains(&h.0)) {
            let (a, b) = (pos[p].0 as usize, pos[p].1 as usize);
            out.push_str(&text[at..a]);
            out.push(MARK_START);
            out.push_str(&text[a..b]);
            out.push(MARK_END);
            at = b;
        }
        out.push_str(&text[at..end]);
        if end < text.len() {
            out.push_str(" …");
        }
        out
    }
}

/// Reused buffers of [`stats`]: per word position, bits of the query words whose match ends
/// there, and of those ending a run of the query from its first word.
type Bufs = (Vec<u64>, Vec<u64>);

/// Term frequencies, adjacent pairs, the whole phrase and the shortest window of the matches
/// of one text (`occ` in order of start, `len` words).
fn stats(occ: &[Occ], len: usize, n: usize, (ends, chain): &mut Bufs) -> Stats {
    let mut st = Stats {
        tf: vec![0.0; n],
        pairs: vec![0; n],
        ..Default::default()
    };
    if occ.is_empty() {
        return st;
    }
    ends.clear();
    ends.resize(len + 1, 0);
    chain.clear();
    chain.resize(len + 1, 0);
    let last = 1u64 << (n - 1);
    for o in occ {
        let (w, bit) = (o.word as usize, 1u64 << o.word);
        st.present |= bit;
        if o.strong {
            st.strong |= bit;
        }
        if o.dia {
            st.dia |= bit;
        }
        st.tf[w] += if o.strong { 1.0 } else { WEAK };
        let (s, e) = (o.start as usize, o.end as usize);
        if w > 0 && ends[s] & (bit >> 1) != 0 {
            st.pairs[w - 1] += 1;
        }
        ends[e] |= bit;
        if w == 0 || chain[s] & (bit >> 1) != 0 {
            chain[e] |= bit;
            if bit == last {
                st.phrase = true;
            }
        }
    }
    // Shortest window with every query word (two pointers over the matches).
    if st.present.count_ones() as usize == n {
        let mut count = vec![0u32; n];
        let (mut have, mut left) = (0, 0);
        let mut best = u32::MAX;
        for right in 0..occ.len() {
            let w = occ[right].word as usize;
            count[w] += 1;
            if count[w] == 1 {
                have += 1;
            }
            while have == n {
                best = best.min(occ[right].end - occ[left].start);
                let lw = occ[left].word as usize;
                count[lw] -= 1;
                if count[lw] == 0 {
                    have -= 1;
                }
                left += 1;
            }
        }
        st.window = best.max(n as u32);
    }
    st
}

/// Ids of a sorted list equal to `s`, or starting with it when `prefix` or when nothing equals.
fn sorted_range(list: &[String], s: &str, prefix: bool) -> Range<u32> {
    let lo = list.partition_point(|t| t.as_str() < s);
    let exact = list.get(lo).is_some_and(|t| t == s);
    if exact && !prefix {
        return lo as u32..lo as u32 + 1;
    }
    let hi = lo + list[lo..].partition_point(|t| t.starts_with(s));
    lo as u32..hi as u32
}

/// Initial consonants written one for another by many Vietnamese speakers (`tr`/`ch`,
/// `gi`/`d`/`r`): swapping them is one typo, like one letter added, dropped, changed or two
/// letters swapped (`xat` → `sat`, `giam sta` → `sat`).
const CONFUSED_INITIALS: [(&str, &str); 4] = [("tr", "ch"), ("gi", "d"), ("gi", "r"), ("d", "r")];

/// Are two folded words one typo apart (not equal)?
fn one_typo(a: &[char], b: &[char]) -> bool {
    if a == b {
        return false;
    }
    for (x, y) in CONFUSED_INITIALS {
        for (x, y) in [(x, y), (y, x)] {
            let (x, y): (Vec<char>, Vec<char>) = (x.chars().collect(), y.chars().collect());
            if a.starts_with(&x) && b.starts_with(&y) && a[x.len()..] == b[y.len()..] {
                return true;
            }
        }
    }
    let (la, lb) = (a.len(), b.len());
    if la.abs_diff(lb) > 1 {
        return false;
    }
    let p = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    if la == lb {
        // One letter changed, or two neighbours swapped.
        a[p + 1..] == b[p + 1..]
            || (p + 1 < la && a[p] == b[p + 1] && a[p + 1] == b[p] && a[p + 2..] == b[p + 2..])
    } else if la > lb {
        a[p + 1..] == b[p..]
    } else {
        a[p..] == b[p + 1..]
    }
}

/// `text` with the words at `marks` (word positions) wrapped in marks.
fn mark_all(text: &str, words: &Words, marks: &[(usize, u32)]) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut at = 0;
    for &(p, _) in marks {
        let (a, b) = (words.pos[p].0 as usize, words.pos[p].1 as usize);
        out.push_str(&text[at..a]);
        out.push(MARK_START);
        out.push_str(&text[a..b]);
        out.push(MARK_END);
        at = b;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests;
