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

    use crate::content::{Content, SourcePage, split_front_matter};
    use crate::render::markdown::{BodyCtx, render_body};
    use std::path::PathBuf;

    fn src(rel: &str, body: &str) -> SourcePage {
        let dir = rel.rsplit_once('/').map_or("", |(d, _)| d).to_string();
        let is_section = rel.ends_with("_index.md");
        let url = match (is_section, dir.is_empty()) {
            (true, true) => "/".to_string(),
            (true, false) => format!("/{dir}/"),
            _ => format!("/{}/", rel.trim_end_matches(".md")),
        };
        let text = format!("+++\ntitle = \"T\"\n+++\n{body}");
        let file = PathBuf::from("content").join(rel);
        let (fm, fm_offset, body_offset) = split_front_matter(&file, &text).unwrap();
        SourcePage {
            file,
            rel: rel.into(),
            text,
            fm,
            fm_offset,
            body_offset,
            url,
            is_section,
            dir,
        }
    }

    /// Render every page (ids from the body HTML) and check links of `a/b.md` with `body`.
    fn check_body(body: &str) -> Vec<String> {
        let pages = vec![
            src("_index.md", ""),
            src("a/_index.md", ""),
            src("a/b.md", body),
            src("a/c.md", "## Mục tiêu\n"),
        ];
        let site = crate::model::build(Content {
            pages,
            ..Default::default()
        })
        .unwrap();
        let store = crate::data::DataStore::default();
        let env = minijinja::Environment::new();
        let ctx = BodyCtx {
            site: &site,
            store: &store,
            env: &env,
        };
        let mut ids = Vec::new();
        let mut links = Vec::new();
        for i in 0..site.pages.len() {
            let (r, d) = render_body(&ctx, i);
            assert!(d.is_empty(), "{d:?}");
            ids.push(collect_ids(&r.html));
            links.push((i, r.links));
        }
        let files: HashSet<String> = ["/robots.txt".to_string()].into();
        check(&site, &links, &ids, &files)
            .iter()
            .map(|d| d.to_string())
            .collect()
    }

    #[test]
    fn good_links_pass() {
        let d = check_body(
            "[c](c.md#muc-tieu) [c2](/a/c/#muc-tieu) [a](../) [r](/robots.txt) [h](/index.html)\n\n## X\n\n[x](#x)\n",
        );
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn missing_page() {
        let d = check_body("Dòng một.\n[x](/a/khong-co/)\n");
        assert_eq!(
            d,
            [
                "content/a/b.md:5:1: liên kết \"/a/khong-co/\" tới trang không có: /a/khong-co/ (broken link)"
            ]
        );
    }

    #[test]
    fn missing_slash_gets_a_hint() {
        let d = check_body("[x](/a/c)\n");
        assert_eq!(d.len(), 1);
        assert!(d[0].contains("ý bạn là /a/c/ ?"), "{d:?}");
    }

    #[test]
    fn missing_anchor_on_other_and_same_page() {
        let d = check_body("[x](c.md#khong-co)\n\n[y](#khong-co-2)\n");
        assert_eq!(d.len(), 2, "{d:?}");
        assert!(
            d[0].starts_with("content/a/b.md:4:1:")
                && d[0].contains("không có mục #khong-co trong content/a/c.md")
        );
        assert!(
            d[1].starts_with("content/a/b.md:6:1:")
                && d[1].contains("không có mục #khong-co-2 trong trang này")
        );
    }

    #[test]
    fn ids_in_html() {
        let ids = collect_ids("<h2 id=\"a\">x</h2><div data-id=\"b\"><p\nid=\"c\">");
        assert!(ids.contains("a") && ids.contains("c") && !ids.contains("b"));
    }
}
