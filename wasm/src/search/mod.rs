//! Vietnamese full-text search, shared by the generator and the browser.
//!
//! One normaliser ([`fold_char`] / [`normalize`]) serves both sides: the generator builds the
//! index file natively with [`encode`] (and evaluates queries natively in its tests), the browser
//! loads the same file into [`Index`] through the wasm bindings in `web.rs` and queries it. So
//! "giam sat trong diem" and "giám sát trọng điểm" always fold to the same terms, `đ` → `d`.
//!
//! Index file (UTF-8 text, gzip-friendly): a header line, then records ended by `\x1e` with
//! fields separated by `\x1f`:
//! `P␟url␟page title␞` starts a page, `S␟anchor␟heading␟text␞` is a section of that page (the
//! text under one h2/h3; the anchor is empty for the text before the first heading). The
//! inverted index is built in memory on load (a few ms), so the transfer is just the text.

use std::collections::BTreeMap;
use std::ops::Range;

/// First line of an index file; bump when the format changes.
pub const HEADER: &str = "sotay-search 1\n";

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

/// Write sections (grouped by page, in order) as an index file.
pub fn encode(sections: &[Section]) -> String {
    let mut out = String::from(HEADER);
    let mut last_url: Option<&str> = None;
    for s in sections {
        if last_url != Some(s.url.as_str()) {
            out.push('P');
            for f in [&s.url, &s.page_title] {
                out.push(FS);
                out.push_str(&clean(f));
            }
            out.push(RS);
            last_url = Some(&s.url);
        }
        out.push('S');
        for f in [&s.anchor, &s.heading, &s.text] {
            out.push(FS);
            out.push_str(&clean(f));
        }
        out.push(RS);
    }
    out
}

/// Read an index file written by [`encode`].
pub fn decode(data: &str) -> Result<Vec<Section>, String> {
    let body = data
        .strip_prefix(HEADER)
        .ok_or_else(|| format!("không phải chỉ mục tìm kiếm (expected header {HEADER:?})"))?;
    let mut out = Vec::new();
    let (mut url, mut title) = (String::new(), String::new());
    for (n, rec) in body.split(RS).enumerate() {
        if rec.is_empty() {
            continue;
        }
        let f: Vec<&str> = rec.split(FS).collect();
        match (f[0], f.len()) {
            ("P", 3) => {
                url = f[1].to_string();
                title = f[2].to_string();
            }
            ("S", 4) if !url.is_empty() => out.push(Section {
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

/// The words of one text: term ids in order and their byte ranges in the text.
#[derive(Default)]
struct Words {
    ids: Vec<u32>,
    /// Byte range (start, end) of each word in the text, for highlights and snippets.
    pos: Vec<(u32, u32)>,
}

/// The in-memory search index. Everything a query needs is computed on load (term ids, word
/// positions), so a query never folds or tokenizes the handbook's text again.
pub struct Index {
    pub sections: Vec<Section>,
    /// Sorted folded terms; a term id is its position, so a prefix is an id range.
    vocab: Vec<String>,
    /// Term id → sections containing it (ascending, unique).
    postings: Vec<Vec<u32>>,
    /// Section → words of its text.
    body: Vec<Words>,
    /// Section → words of its heading.
    heading: Vec<Words>,
    /// Section → term ids of its page title.
    page: Vec<Vec<u32>>,
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
}

/// Words of context kept before the first match of a snippet, and snippet length in words.
const SNIPPET_BEFORE: usize = 6;
const SNIPPET_WORDS: usize = 30;
/// Query words considered (one bit each in a `u64` mask); longer queries keep the first 64.
const MAX_WORDS: usize = 64;

/// Bits of the query words a term matches, indexed by term id (one query).
struct Masks(Vec<u64>);

impl Masks {
    fn of(&self, id: u32) -> u64 {
        self.0[id as usize]
    }
}

impl Index {
    /// Build from an index file.
    pub fn load(data: &str) -> Result<Index, String> {
        Ok(Index::new(decode(data)?))
    }

    pub fn new(sections: Vec<Section>) -> Index {
        // Terms get provisional ids in order of first appearance; looked up by &str so that only
        // a new term allocates.
        let mut ids: BTreeMap<String, u32> = BTreeMap::new();
        let words = |s: &str, ids: &mut BTreeMap<String, u32>| -> Words {
            let mut w = Words::default();
            each_token(s, |term, start, end| {
                let id = match ids.get(term) {
                    Some(&id) => id,
                    None => {
                        let id = ids.len() as u32;
                        ids.insert(term.to_string(), id);
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
        // Renumber so that ids follow the sorted order of the terms (prefix = id range).
        let mut remap = vec![0u32; ids.len()];
        let mut vocab = Vec::with_capacity(ids.len());
        for (sorted, (term, first)) in ids.into_iter().enumerate() {
            remap[first as usize] = sorted as u32;
            vocab.push(term);
        }
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
                let p: &mut Vec<u32> = &mut postings[*id as usize];
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
        Index {
            sections,
            vocab,
            postings,
            body,
            heading,
            page,
            avg_len,
        }
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
        let lo = self.vocab.partition_point(|t| t.as_str() < term);
        let exact = self.vocab.get(lo).is_some_and(|t| t == term);
        if exact && !prefix {
            return lo as u32..lo as u32 + 1;
        }
        let hi = lo + self.vocab[lo..].partition_point(|t| t.starts_with(term));
        lo as u32..hi as u32
    }

    /// Ranked sections for a query typed so far. Every query word must match (the last one as
    /// a prefix unless the query ends with a space); sections are ranked by BM25 on their text,
    /// plus bonuses for words in the heading and page title and for query words that follow each
    /// other in the text (Vietnamese words are syllables, so adjacency matters).
    ///
    /// Cost: the postings of the query's terms, one pass over the words of each section that has
    /// every query word, and a heading and snippet for the `limit` shown only.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let mut words = tokenize(query);
        if words.is_empty() {
            return Vec::new();
        }
        words.truncate(MAX_WORDS);
        let typing = !query.ends_with(|c: char| c.is_whitespace());
        let n = words.len();
        let all = if n == 64 { u64::MAX } else { (1u64 << n) - 1 };
        // Term id → bits of the query words it matches; section → bits of the words it has.
        let mut masks = Masks(vec![0u64; self.vocab.len()]);
        let mut cover = vec![0u64; self.len()];
        for (w, word) in words.iter().enumerate() {
            let r = self.term_range(&word.term, typing && w == n - 1);
            for id in r {
                masks.0[id as usize] |= 1 << w;
                for &s in &self.postings[id as usize] {
                    cover[s as usize] |= 1 << w;
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
        let (k1, b) = (1.2f32, 0.75f32);
        let mut tf = vec![0u32; n];
        let mut pairs = vec![0u32; n];
        let mut scored: Vec<(usize, f32)> = Vec::new();
        for (s, _) in cover.iter().enumerate().filter(|(_, c)| **c == all) {
            let text = &self.body[s].ids;
            // One pass over the text: occurrences of each word and of each word followed by
            // the next query word.
            tf.iter_mut().for_each(|x| *x = 0);
            pairs.iter_mut().for_each(|x| *x = 0);
            let mut prev = 0u64;
            for &id in text {
                let m = masks.of(id);
                let mut bits = m;
                while bits != 0 {
                    tf[bits.trailing_zeros() as usize] += 1;
                    bits &= bits - 1;
                }
                let mut adj = prev & (m >> 1);
                while adj != 0 {
                    pairs[adj.trailing_zeros() as usize] += 1;
                    adj &= adj - 1;
                }
                prev = m;
            }
            let in_heading = any_bits(&self.heading[s].ids, &masks);
            let in_page = any_bits(&self.page[s], &masks);
            let mut score = 0.0;
            let norm = k1 * (1.0 - b + b * text.len() as f32 / self.avg_len.max(1.0));
            for w in 0..n {
                let tf = tf[w] as f32;
                score += idf[w] * tf * (k1 + 1.0) / (tf + norm);
                if in_heading & (1 << w) != 0 {
                    score += 1.5 * idf[w];
                }
                if in_page & (1 << w) != 0 {
                    score += 0.5 * idf[w];
                }
            }
            // Adjacent query words found adjacent.
            if n > 1 {
                let heading_pairs = adjacent_bits(&self.heading[s].ids, &masks);
                let page_pairs = adjacent_bits(&self.page[s], &masks);
                for w in 0..n - 1 {
                    let bonus = idf[w] + idf[w + 1];
                    let in_text = pairs[w].min(3) as f32;
                    score += bonus * in_text / (in_text + 0.5);
                    if heading_pairs & (1 << w) != 0 {
                        score += 1.5 * bonus;
                    }
                    if page_pairs & (1 << w) != 0 {
                        score += 0.5 * bonus;
                    }
                }
            }
            scored.push((s, score));
        }
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        scored.truncate(limit);
        scored
            .into_iter()
            .map(|(s, score)| Hit {
                section: s,
                score,
                heading: mark_all(&self.sections[s].heading, &self.heading[s], &masks),
                snippet: self.snippet(s, &masks),
            })
            .collect()
    }

    /// The passage of a section's text with the most distinct query words, matches marked.
    fn snippet(&self, s: usize, masks: &Masks) -> String {
        let Words { ids, pos } = &self.body[s];
        // (position, lowest query word matched) of every match.
        let hits: Vec<(usize, u32)> = ids
            .iter()
            .enumerate()
            .filter_map(|(p, &id)| {
                let m = masks.of(id);
                (m != 0).then(|| (p, m.trailing_zeros()))
            })
            .collect();
        let mut best = (0u32, 0usize, 0usize); // (distinct words, matches, start position)
        for (i, &(p, _)) in hits.iter().enumerate() {
            let mut seen = 0u64;
            let mut count = 0;
            for &(q, w) in &hits[i..] {
                if q >= p + SNIPPET_WORDS - SNIPPET_BEFORE {
                    break;
                }
                seen |= 1 << w;
                count += 1;
            }
            let distinct = seen.count_ones();
            if (distinct, count) > (best.0, best.1) {
                best = (distinct, count, p);
            }
        }
        let text = &self.sections[s].text;
        if pos.is_empty() {
            return String::new();
        }
        let first = best.2.saturating_sub(SNIPPET_BEFORE);
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
        for p in first..=last {
            if masks.of(ids[p]) != 0 {
                let (a, b) = (pos[p].0 as usize, pos[p].1 as usize);
                out.push_str(&text[at..a]);
                out.push(MARK_START);
                out.push_str(&text[a..b]);
                out.push(MARK_END);
                at = b;
            }
        }
        out.push_str(&text[at..end]);
        if end < text.len() {
            out.push_str(" …");
        }
        out
    }
}

/// Bits of the query words found anywhere in `ids`.
fn any_bits(ids: &[u32], masks: &Masks) -> u64 {
    ids.iter().fold(0, |acc, &id| acc | masks.of(id))
}

/// Bit `w` set when query word `w` is directly followed by word `w + 1` somewhere in `ids`.
fn adjacent_bits(ids: &[u32], masks: &Masks) -> u64 {
    ids.windows(2)
        .fold(0, |acc, p| acc | (masks.of(p[0]) & (masks.of(p[1]) >> 1)))
}

/// `text` with every matching word (by the positions computed on load) wrapped in marks.
fn mark_all(text: &str, words: &Words, masks: &Masks) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut at = 0;
    for (&(a, b), &id) in words.pos.iter().zip(&words.ids) {
        if masks.of(id) != 0 {
            let (a, b) = (a as usize, b as usize);
            out.push_str(&text[at..a]);
            out.push(MARK_START);
            out.push_str(&text[a..b]);
            out.push(MARK_END);
            at = b;
        }
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests;
