//! TOML front matter between `+++` lines at the top of a Markdown file.
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::error::Diagnostic;

/// The front matter of a page or section. Unknown keys are errors.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    #[serde(default)]
    pub order: Option<i64>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub source: Option<SourceRef>,
    #[serde(default)]
    pub slug: Option<Spanned<String>>,
    #[serde(default)]
    pub template: Option<Spanned<String>>,
    #[serde(default)]
    pub notice: Option<Spanned<String>>,
    #[serde(default)]
    pub draft: bool,
    /// `nav = false`: the page is built and reachable by URL but left out of the sidebar,
    /// section lists and prev/next (e.g. the search and offline pages).
    #[serde(default = "yes")]
    pub nav: bool,
    #[serde(default)]
    pub extra: Option<toml::Table>,
}

fn yes() -> bool {
    true
}

/// `[source]`: where the text comes from.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceRef {
    /// Id of a `[[doc]]` in `content/_data/nguon.toml`.
    pub doc: Spanned<String>,
    /// Article / section / page of that document.
    #[serde(default)]
    pub article: Option<String>,
}

/// Split and parse the front matter of `text`.
/// Returns the front matter, the byte offset of its TOML and the byte offset of the body.
pub fn split_front_matter(
    file: &Path,
    text: &str,
) -> Result<(FrontMatter, usize, usize), Diagnostic> {
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_end].trim_end() != "+++" {
        return Err(Diagnostic::new(
            file,
            "thiếu phần đầu TOML: dòng đầu tiên phải là +++ (missing front matter)",
        )
        .at(1, Some(1)));
    }
    let fm_offset = first_end;
    let mut pos = fm_offset;
    let mut close = None;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        if text[pos..end].trim_end() == "+++" {
            close = Some((pos, end));
            break;
        }
        pos = end;
    }
    let Some((close_start, body_offset)) = close else {
        return Err(Diagnostic::new(
            file,
            "phần đầu TOML không có dòng +++ kết thúc (unterminated front matter)",
        )
        .at(1, Some(1)));
    };
    let toml_text = &text[fm_offset..close_start];
    let fm: FrontMatter =
        toml::from_str(toml_text).map_err(|e| super::toml_diag(file, text, fm_offset, &e))?;
    if let Some(t) = &fm.template {
        let name = t.get_ref();
        if name.contains("..") || name.starts_with('/') || !name.ends_with(".html") {
            return Err(Diagnostic::new(
                file,
                format!(
                    "template \"{name}\" không hợp lệ: phải là tên tệp .html trong site/templates"
                ),
            )
            .at_offset(text, fm_offset + t.span().start));
        }
    }
    Ok((fm, fm_offset, body_offset))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<(FrontMatter, usize, usize), String> {
        split_front_matter(Path::new("content/a.md"), text).map_err(|d| d.to_string())
    }

    #[test]
    fn good_front_matter() {
        let text = "+++\ntitle = \"Điều 1. Phạm vi\"\norder = 1\nsummary = \"Tóm tắt\"\n\
                    [source]\ndoc = \"tt09\"\narticle = \"Điều 1\"\n[extra]\nx = 1\n+++\n# Body\n";
        let (fm, off, body) = parse(text).unwrap();
        assert_eq!(fm.title, "Điều 1. Phạm vi");
        assert_eq!(fm.order, Some(1));
        assert_eq!(fm.source.as_ref().unwrap().doc.get_ref(), "tt09");
        assert_eq!(fm.extra.unwrap()["x"].as_integer(), Some(1));
        assert_eq!(off, 4);
        assert_eq!(&text[body..], "# Body\n");
    }

    #[test]
    fn crlf_and_empty_body() {
        let text = "+++\r\ntitle = \"A\"\r\n+++\r\n";
        let (fm, _, body) = parse(text).unwrap();
        assert_eq!(fm.title, "A");
        assert_eq!(body, text.len());
    }

    #[test]
    fn malformed_toml_reports_line_and_column_in_md_file() {
        // Line 3 of the file, the value is missing after `=`.
        let text = "+++\ntitle = \"A\"\norder = \n+++\n";
        let err = parse(text).unwrap_err();
        assert!(err.starts_with("content/a.md:3:"), "{err}");
        assert!(err.contains("TOML"), "{err}");
    }

    #[test]
    fn unknown_key_is_error_at_its_line() {
        let text = "+++\ntitle = \"A\"\n\ntitel = \"B\"\n+++\n";
        let err = parse(text).unwrap_err();
        assert!(err.starts_with("content/a.md:4:1:"), "{err}");
        assert!(err.contains("titel"), "{err}");
    }

    #[test]
    fn unknown_key_in_source_table() {
        let text = "+++\ntitle = \"A\"\n[source]\ndoc = \"x\"\nartcle = \"Điều 1\"\n+++\n";
        let err = parse(text).unwrap_err();
        assert!(err.starts_with("content/a.md:5:1:"), "{err}");
    }

    #[test]
    fn wrong_type() {
        let text = "+++\ntitle = \"A\"\norder = \"một\"\n+++\n";
        let err = parse(text).unwrap_err();
        assert!(err.starts_with("content/a.md:3:9:"), "{err}");
    }

    #[test]
    fn missing_title_and_missing_fences() {
        let err = parse("+++\norder = 1\n+++\n").unwrap_err();
        assert!(err.contains("title"), "{err}");
        let err = parse("# no front matter\n").unwrap_err();
        assert!(err.starts_with("content/a.md:1:1:"), "{err}");
        let err = parse("+++\ntitle = \"A\"\n").unwrap_err();
        assert!(err.contains("+++"), "{err}");
    }

    #[test]
    fn bad_template_name() {
        let err = parse("+++\ntitle = \"A\"\ntemplate = \"../x.html\"\n+++\n").unwrap_err();
        assert!(err.starts_with("content/a.md:3:12:"), "{err}");
    }
}
