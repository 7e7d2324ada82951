//! Loading `content/`: walk the tree, read files as strict UTF-8, split and parse the TOML front
//! matter, and load the citation sources and notices from `content/_data/`.
//!
//! Every error is a [`Diagnostic`] naming the file (relative to the project root) and, where
//! known, the line and column.
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::error::{Diagnostic, toml_diag};
use crate::fsutil::read_utf8;
use crate::slug::is_slug;

pub mod frontmatter;

pub use frontmatter::{FrontMatter, SourceRef, split_front_matter};

/// Where the cited documents are declared.
const DOCS_FILE: &str = "content/_data/nguon.toml";

/// One Markdown file under `content/`, read and with its front matter parsed.
#[derive(Debug)]
pub struct SourcePage {
    /// Path shown to users, relative to the project root (`content/giam-sat/dieu-18.md`).
    pub file: PathBuf,
    /// Path relative to `content/` (`giam-sat/dieu-18.md`), with `/` separators.
    pub rel: String,
    /// The whole file.
    pub text: String,
    pub fm: FrontMatter,
    /// Byte offset in `text` where the TOML of the front matter starts.
    pub fm_offset: usize,
    /// Byte offset in `text` where the Markdown body starts.
    pub body_offset: usize,
    /// Site URL: `/`, `/giam-sat/`, `/giam-sat/dieu-18/`.
    pub url: String,
    /// `_index.md` of a folder.
    pub is_section: bool,
    /// `rel` of the folder holding this file (`giam-sat`, or `` for the root).
    pub dir: String,
    /// When the file was last changed (the sitemap's `lastmod`); None for pages built in memory.
    pub modified: Option<std::time::SystemTime>,
}

impl SourcePage {
    pub fn body(&self) -> &str {
        &self.text[self.body_offset..]
    }
    /// Must this page cite its source (`[source]`)? Every page in the navigation, except
    /// sections whose `_index.md` has no text of its own (they only list their pages).
    /// Utility pages out of the navigation (`nav = false`: search, offline) need none.
    pub fn needs_source(&self) -> bool {
        self.fm.nav && !(self.is_section && self.body().trim().is_empty())
    }
    /// Byte offset where the page's URL is decided: its `slug` value, else the file's start.
    pub fn url_offset(&self) -> usize {
        self.fm
            .slug
            .as_ref()
            .map_or(0, |s| self.fm_offset + s.span().start)
    }
    /// The front matter's TOML (between the `+++` lines) and where it starts in the file.
    pub fn front_matter(&self) -> (usize, &str) {
        let end = self.closing_fence().max(self.fm_offset);
        (self.fm_offset, &self.text[self.fm_offset..end])
    }
    /// Byte offset of the line that closes the front matter (`+++`).
    fn closing_fence(&self) -> usize {
        let fm = self.text[..self.body_offset].trim_end_matches(['\n', '\r']);
        fm.rfind('\n').map_or(0, |i| i + 1)
    }
    /// Diagnostic at a byte offset of the whole file.
    pub fn diag_at(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(&self.file, message).at_offset(&self.text, offset)
    }
    /// Diagnostic at a span of the front matter's TOML.
    pub fn diag_fm<T>(&self, spanned: &Spanned<T>, message: impl Into<String>) -> Diagnostic {
        self.diag_at(self.fm_offset + spanned.span().start, message)
    }
}

/// A document pages cite (`content/_data/nguon.toml`, `[[doc]]`). Unknown keys are errors.
/// The sources table (`block = "sources"`) shows the documents that have a `seed`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Doc {
    pub id: String,
    pub title: String,
    /// Number as the document writes it, or a note when it has none.
    #[serde(default)]
    pub number: Option<String>,
    /// Date of issue: `YYYY-MM-DD`, or `YYYY-MM` when the source gives only the month.
    #[serde(default)]
    pub date: Option<Spanned<String>>,
    #[serde(default)]
    pub issuer: Option<String>,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    /// Seed file of the handbook (`000`…); documents without one are not sources of the text.
    #[serde(default)]
    pub seed: Option<String>,
    /// URL of the handbook's part made from this document (must be a page).
    #[serde(default)]
    pub part: Option<Spanned<String>>,
}

impl Doc {
    /// The date as shown: `24/5/2012`, `tháng 8/2022`; None when the document has none.
    pub fn date_shown(&self) -> Option<String> {
        let d = self.date.as_ref()?.get_ref();
        parse_doc_date(d).map(|(y, m, day)| match day {
            Some(day) => format!("{day}/{m}/{y}"),
            None => format!("tháng {m}/{y}"),
        })
    }
}

/// `YYYY-MM-DD` or `YYYY-MM` → (year, month, day).
fn parse_doc_date(d: &str) -> Option<(u32, u32, Option<u32>)> {
    let mut it = d.split('-');
    let (y, m) = (it.next()?, it.next()?);
    let day = it.next();
    if it.next().is_some() || y.len() != 4 || m.len() != 2 || day.is_some_and(|x| x.len() != 2) {
        return None;
    }
    let y: u32 = y.parse().ok()?;
    let m: u32 = m.parse().ok().filter(|m| (1..=12).contains(m))?;
    let day = match day {
        Some(x) => Some(x.parse().ok().filter(|x| (1..=31).contains(x))?),
        None => None,
    };
    Some((y, m, day))
}

/// A notice (`content/_data/thong-bao.toml`, `[[notice]]`), as written: the renderer turns its
/// Markdown `body` into HTML (the loader never renders).
#[derive(Debug, Clone)]
pub struct Notice {
    pub id: String,
    pub title: String,
    /// The essentials in one line (Markdown), shown above the body's "Chi tiết" disclosure.
    pub short: Option<String>,
    pub body: String,
}

/// Everything loaded from `content/`.
#[derive(Debug, Default)]
pub struct Content {
    pub pages: Vec<SourcePage>,
    pub docs: HashMap<String, Doc>,
    pub notices: HashMap<String, Notice>,
    /// Files skipped under the file policy (FIFOs, dangling links): printed, not fatal.
    pub warnings: Vec<Diagnostic>,
}

/// Load the whole `content/` folder. `root` is the project root, used to show paths.
pub fn load(root: &Path) -> Result<Content, Vec<Diagnostic>> {
    let content_dir = root.join("content");
    let mut errors = Vec::new();
    let mut content = Content::default();
    if !content_dir.is_dir() {
        return Err(vec![Diagnostic::new(
            "content",
            "không có thư mục content/ (missing content directory)",
        )]);
    }
    walk(
        root,
        &content_dir,
        &mut content.pages,
        &mut errors,
        &mut content.warnings,
    );
    if !content.pages.iter().any(|p| p.rel == "_index.md") {
        errors.push(Diagnostic::new(
            "content/_index.md",
            "thiếu trang chủ content/_index.md (missing home page)",
        ));
    }
    let mut docs_text = String::new();
    match load_docs(root) {
        Ok((d, text)) => (content.docs, docs_text) = (d, text),
        Err(mut e) => errors.append(&mut e),
    }
    let docs_diag =
        |offset: usize, msg: String| Diagnostic::new(DOCS_FILE, msg).at_offset(&docs_text, offset);
    match load_notices(root) {
        Ok((n, mut e)) => {
            // Notices with refused HTML are still known (no "unknown notice" on top).
            content.notices = n;
            errors.append(&mut e);
        }
        Err(mut e) => errors.append(&mut e),
    }
    // A document's date must be a date, its `part` a page.
    for d in content.docs.values() {
        if let Some(date) = &d.date
            && parse_doc_date(date.get_ref()).is_none()
        {
            errors.push(docs_diag(
                date.span().start,
                format!(
                    "date = \"{}\" không hợp lệ: viết YYYY-MM-DD hoặc YYYY-MM",
                    date.get_ref()
                ),
            ));
        }
        if let Some(part) = &d.part
            && !content.pages.iter().any(|p| &p.url == part.get_ref())
        {
            errors.push(docs_diag(
                part.span().start,
                format!(
                    "tài liệu \"{}\": part = \"{}\" không phải địa chỉ của trang nào (unknown page)",
                    d.id,
                    part.get_ref()
                ),
            ));
        }
    }
    // Content pages cite their source; references to documents and notices must exist.
    for p in &content.pages {
        // Only a project that declares its documents can cite them (the synthetic benchmark
        // corpus has no nguon.toml).
        if p.fm.source.is_none() && !content.docs.is_empty() && p.needs_source() {
            errors.push(p.diag_at(
                p.closing_fence(),
                "trang nội dung phải ghi nguồn: thêm [source] với doc = \"<id trong \
                 content/_data/nguon.toml>\" và article = \"Điều …\" (missing [source])",
            ));
        }
        if let Some(src) = &p.fm.source
            && src.article.as_deref().is_none_or(|a| a.trim().is_empty())
        {
            errors.push(p.diag_fm(
                &src.doc,
                "[source] thiếu article: ghi điều, mục hoặc trang của văn bản (missing article)",
            ));
        }
        if let Some(src) = &p.fm.source
            && !content.docs.contains_key(src.doc.get_ref())
        {
            errors.push(p.diag_fm(
                &src.doc,
                format!(
                    "không có tài liệu nguồn \"{}\" trong content/_data/nguon.toml (unknown doc id)",
                    src.doc.get_ref()
                ),
            ));
        }
        if let Some(n) = &p.fm.notice
            && !content.notices.contains_key(n.get_ref())
        {
            errors.push(p.diag_fm(
                n,
                format!(
                    "không có thông báo \"{}\" trong content/_data/thong-bao.toml (unknown notice id)",
                    n.get_ref()
                ),
            ));
        }
    }
    if errors.is_empty() {
        Ok(content)
    } else {
        // Warnings go with the errors, so a failed build still shows what it skipped.
        errors.append(&mut content.warnings);
        Err(errors)
    }
}

fn shown_path(rel: &str) -> PathBuf {
    if rel.is_empty() {
        PathBuf::from("content")
    } else {
        PathBuf::from("content").join(rel)
    }
}

fn join_rel(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}

fn url_of_dir(dir: &str) -> String {
    if dir.is_empty() {
        "/".to_string()
    } else {
        format!("/{dir}/")
    }
}

/// Walk `content/` under the project's file policy ([`crate::fsutil`]), then add each folder's
/// pages, then its sub-folders' (folders starting with `_`, such as `_data`, hold no pages).
fn walk(
    root: &Path,
    content_dir: &Path,
    pages: &mut Vec<SourcePage>,
    errors: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) {
    let mut found = crate::fsutil::walk(root, content_dir, |rel, is_dir| {
        is_dir && rel.rsplit('/').next().is_some_and(|n| n.starts_with('_'))
    });
    errors.append(&mut found.errors);
    warnings.append(&mut found.warnings);
    // Folder (relative to content/) → its entries (name, is_dir), in name order.
    let mut dirs: HashMap<String, Vec<(String, bool)>> = HashMap::new();
    dirs.insert(String::new(), Vec::new());
    for e in &found.entries {
        let (parent, name) = e.rel.rsplit_once('/').unwrap_or(("", &e.rel));
        dirs.entry(parent.to_string())
            .or_default()
            .push((name.to_string(), e.is_dir));
        if e.is_dir {
            dirs.entry(e.rel.clone()).or_default();
        }
    }
    walk_dir(root, content_dir, "", &dirs, pages, errors);
}

/// Add the pages of one folder (`dir` relative to content/), then its sub-folders'.
fn walk_dir(
    root: &Path,
    content_dir: &Path,
    dir: &str,
    dirs: &HashMap<String, Vec<(String, bool)>>,
    pages: &mut Vec<SourcePage>,
    errors: &mut Vec<Diagnostic>,
) {
    let names = dirs.get(dir).map(Vec::as_slice).unwrap_or_default();
    let has_index = names.iter().any(|(n, d)| !d && n == "_index.md");
    let mut has_md = false;
    let mut subdirs = Vec::new();
    for (name, is_dir) in names {
        let rel = join_rel(dir, name);
        if *is_dir {
            subdirs.push((name, rel));
            continue;
        }
        let Some(stem) = name.strip_suffix(".md") else {
            continue;
        };
        has_md = true;
        if stem.starts_with('_') && stem != "_index" {
            continue;
        }
        if stem != "_index" && !is_slug(stem) {
            errors.push(Diagnostic::new(
                shown_path(&rel),
                format!(
                    "tên tệp \"{name}\" không phải slug: chỉ dùng a-z, 0-9 và dấu - (gợi ý: {}.md)",
                    crate::slug::slugify(stem)
                ),
            ));
            continue;
        }
        match load_page(root, &content_dir.join(&rel), dir, &rel, stem == "_index") {
            Ok(Some(p)) => pages.push(p),
            Ok(None) => {}
            Err(mut e) => errors.append(&mut e),
        }
    }
    if has_md && !has_index && !dir.is_empty() {
        errors.push(Diagnostic::new(
            shown_path(dir),
            "thư mục có trang nhưng thiếu _index.md (a section needs _index.md)",
        ));
    }
    for (name, rel) in subdirs {
        if !is_slug(name) {
            errors.push(Diagnostic::new(
                shown_path(&rel),
                format!(
                    "tên thư mục \"{name}\" không phải slug: chỉ dùng a-z, 0-9 và dấu - (gợi ý: {})",
                    crate::slug::slugify(name)
                ),
            ));
            continue;
        }
        walk_dir(root, content_dir, &rel, dirs, pages, errors);
    }
}

/// Read and parse one page. `Ok(None)` for drafts.
fn load_page(
    root: &Path,
    abs: &Path,
    dir: &str,
    rel: &str,
    is_section: bool,
) -> Result<Option<SourcePage>, Vec<Diagnostic>> {
    let file = shown_path(rel);
    let text = read_utf8(root, abs, &file).map_err(|d| vec![d])?;
    let modified = fs::metadata(abs).and_then(|m| m.modified()).ok();
    SourcePage::from_text(dir, rel, is_section, text)
        .map(|p| p.map(|p| SourcePage { modified, ..p }))
}

impl SourcePage {
    /// Parse the text of the page at `rel` (in folder `dir`) and compute its URL.
    /// `Ok(None)` for drafts.
    pub fn from_text(
        dir: &str,
        rel: &str,
        is_section: bool,
        text: String,
    ) -> Result<Option<SourcePage>, Vec<Diagnostic>> {
        let file = shown_path(rel);
        let (fm, fm_offset, body_offset) = split_front_matter(&file, &text).map_err(|d| vec![d])?;
        if fm.draft {
            return Ok(None);
        }
        let mut url = if is_section {
            url_of_dir(dir)
        } else {
            let stem = rel
                .rsplit('/')
                .next()
                .unwrap_or(rel)
                .trim_end_matches(".md");
            format!("{}{stem}/", url_of_dir(dir))
        };
        if let Some(slug) = &fm.slug {
            let s = slug.get_ref();
            let d = Diagnostic::new(&file, "").at_offset(&text, fm_offset + slug.span().start);
            if !is_slug(s) {
                return Err(vec![Diagnostic {
                    message: format!("slug \"{s}\" không hợp lệ: chỉ dùng a-z, 0-9 và dấu -"),
                    ..d
                }]);
            }
            if is_section {
                if dir.is_empty() {
                    return Err(vec![Diagnostic {
                        message: "trang chủ không có slug (the home page has no slug)".into(),
                        ..d
                    }]);
                }
                let parent = dir.rsplit_once('/').map_or("", |(p, _)| p);
                url = format!("{}{s}/", url_of_dir(parent));
            } else {
                url = format!("{}{s}/", url_of_dir(dir));
            }
        }
        Ok(Some(SourcePage {
            file,
            rel: rel.to_string(),
            text,
            fm,
            fm_offset,
            body_offset,
            url,
            is_section,
            dir: dir.to_string(),
            modified: None,
        }))
    }
}

/// A page built from `rel` and its text, for tests.
#[cfg(test)]
pub fn test_page(rel: &str, text: &str) -> SourcePage {
    let dir = rel.rsplit_once('/').map_or("", |(d, _)| d);
    SourcePage::from_text(dir, rel, rel.ends_with("_index.md"), text.to_string())
        .unwrap()
        .unwrap()
}

#[derive(Deserialize)]
struct DocsFile {
    #[serde(default)]
    doc: Vec<Doc>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoticeEntry {
    id: Spanned<String>,
    title: String,
    #[serde(default)]
    short: Option<String>,
    body: String,
}

#[derive(Deserialize)]
struct NoticesFile {
    #[serde(default)]
    notice: Vec<NoticeEntry>,
}

/// The documents of `content/_data/nguon.toml`, and the file's text (for positions).
fn load_docs(root: &Path) -> Result<(HashMap<String, Doc>, String), Vec<Diagnostic>> {
    let path = root.join(DOCS_FILE);
    let shown = PathBuf::from(DOCS_FILE);
    if !path.exists() {
        return Ok((HashMap::new(), String::new()));
    }
    let text = read_utf8(root, &path, &shown).map_err(|d| vec![d])?;
    let file: DocsFile =
        toml::from_str(&text).map_err(|e| vec![toml_diag(&shown, &text, 0, &e)])?;
    let mut map = HashMap::new();
    let mut errors = crate::rawhtml::check_toml(&shown, &text);
    for d in file.doc {
        if map.contains_key(&d.id) {
            errors.push(Diagnostic::new(
                &shown,
                format!("tài liệu \"{}\" khai báo hai lần", d.id),
            ));
        }
        map.insert(d.id.clone(), d);
    }
    if errors.is_empty() {
        Ok((map, text))
    } else {
        Err(errors)
    }
}

/// The notices of `content/_data/thong-bao.toml`, and the problems that do not stop the others
/// from loading (refused raw HTML).
#[allow(clippy::type_complexity)]
fn load_notices(
    root: &Path,
) -> Result<(HashMap<String, Notice>, Vec<Diagnostic>), Vec<Diagnostic>> {
    let path = root.join("content/_data/thong-bao.toml");
    let shown = PathBuf::from("content/_data/thong-bao.toml");
    if !path.exists() {
        return Ok((HashMap::new(), Vec::new()));
    }
    let text = read_utf8(root, &path, &shown).map_err(|d| vec![d])?;
    let file: NoticesFile =
        toml::from_str(&text).map_err(|e| vec![toml_diag(&shown, &text, 0, &e)])?;
    let mut map = HashMap::new();
    let html_errors = crate::rawhtml::check_toml(&shown, &text);
    let mut errors = Vec::new();
    for n in file.notice {
        let id = n.id.get_ref().clone();
        if map.contains_key(&id) {
            errors.push(
                Diagnostic::new(&shown, format!("thông báo \"{id}\" khai báo hai lần"))
                    .at_offset(&text, n.id.span().start),
            );
        }
        map.insert(
            id.clone(),
            Notice {
                id,
                title: n.title,
                short: n.short,
                body: n.body,
            },
        );
    }
    if errors.is_empty() {
        Ok((map, html_errors))
    } else {
        errors.extend(html_errors);
        Err(errors)
    }
}
