//! wasm-bindgen bindings of the search index (browser side). Thin: all logic is in `super`.
use wasm_bindgen::prelude::*;

/// A loaded search index.
#[wasm_bindgen]
pub struct SearchIndex {
    inner: sotay_calc::search::Index,
}

#[wasm_bindgen]
impl SearchIndex {
    /// Load an index file (the text of `search-index.*.txt`).
    #[wasm_bindgen(constructor)]
    pub fn new(data: &str) -> Result<SearchIndex, JsError> {
        sotay_calc::search::Index::load(data)
            .map(|inner| SearchIndex { inner })
            .map_err(|e| JsError::new(&e))
    }

    /// Number of sections.
    #[wasm_bindgen(getter)]
    pub fn size(&self) -> usize {
        self.inner.len()
    }

    /// Ranked results: records separated by U+001E, fields by U+001F:
    /// href, page title, heading, snippet, matched words; matches in heading and snippet are
    /// between U+0001 and U+0002; the matched words (as written, lower case) are separated by
    /// spaces, for highlighting them on the page.
    pub fn query(&self, q: &str, limit: usize) -> String {
        let mut out = String::new();
        for h in self.inner.search(q, limit) {
            let s = &self.inner.sections[h.section];
            let words = h.words.join(" ");
            for (i, f) in [
                s.href().as_str(),
                &s.page_title,
                &h.heading,
                &h.snippet,
                &words,
            ]
            .iter()
            .enumerate()
            {
                if i > 0 {
                    out.push('\u{1f}');
                }
                out.push_str(f);
            }
            out.push('\u{1e}');
        }
        out
    }
}

/// The shared normaliser, exposed for tests and debugging.
#[wasm_bindgen(js_name = foldVietnamese)]
pub fn fold_vietnamese(s: &str) -> String {
    sotay_calc::search::normalize(s)
}
