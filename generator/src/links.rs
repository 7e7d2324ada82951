//! Link check: every internal link and `#anchor` written in the content must resolve to a page
//! (or an output file) and to an id that exists in that page's final HTML.
use std::collections::HashSet;

use crate::error::Diagnostic;
use crate::model::Site;
use crate::render::markdown::LinkRef;

/// All `id="…"` values in an HTML document.
pub fn collect_ids(html: &str) -> HashSet<String> {
    let mut ids = HashSet::new();
    let bytes = html.as_bytes();
    for (i, _) in html.match_indices("id=\"") {
        // Must be an attribute on its own: preceded by whitespace (not `data-id=`, `aria-…id=`).
        if i == 0 || !bytes[i - 1].is_ascii_whitespace() {
            continue;
        }
        let rest = &html[i + 4..];
        if let Some(end) = rest.find('"') {
            ids.insert(rest[..end].to_string());
        }
    }
    ids
}

/// Check the links of every page. `ids[i]` are the ids of page `i`'s final HTML; `files` are
/// the other output paths (`/assets/…`, `/robots.txt`, …).
pub fn check(
    site: &Site,
    links: &[(usize, Vec<LinkRef>)],
    ids: &[HashSet<String>],
    files: &HashSet<String>,
) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for (page_idx, page_links) in links {
        let src = &site.pages[*page_idx].src;
        for l in page_links {
            let target = match site.by_url.get(&l.path) {
                Some(&t) => Some(t),
                None if l.path == "/index.html" => Some(site.home),
                None => l
                    .path
                    .strip_suffix("index.html")
                    .and_then(|p| site.by_url.get(p).copied()),
            };
            match target {
                Some(t) => {
                    if let Some(f) = &l.fragment
                        && !ids[t].contains(f.as_str())
                    {
                        let page = if t == *page_idx {
                            "trang này".to_string()
                        } else {
                            site.pages[t].src.file.display().to_string()
                        };
                        diags.push(src.diag_at(
                            l.offset,
                            format!(
                                "liên kết \"{}\": không có mục #{f} trong {page} (missing anchor)",
                                l.written
                            ),
                        ));
                    }
                }
                None if files.contains(&l.path) => {}
                None => {
                    let hint = if site.by_url.contains_key(&format!("{}/", l.path)) {
                        format!(" — ý bạn là {}/ ?", l.path)
                    } else {
                        String::new()
                    };
                    diags.push(src.diag_at(
                        l.offset,
                        format!(
                            "liên kết \"{}\" tới trang không có: {} (broken link){hint}",
                            l.written, l.path
                        ),
                    ));
                }
            }
        }
    }
    diags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_in_html() {
        let ids = collect_ids("<h2 id=\"a\">x</h2><div data-id=\"b\"><p\nid=\"c\">");
        assert!(ids.contains("a") && ids.contains("c") && !ids.contains("b"));
    }
}
