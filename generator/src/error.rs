//! Diagnostics that name file, line and column, ripgrep-style: `content/a.md:12:5: message`.
use std::fmt;
use std::path::PathBuf;

/// One user-facing error (or warning) about a file. Line and column are 1-based.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: PathBuf,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    /// A warning: shown, but the build goes on (`file: cảnh báo: …`).
    pub warning: bool,
}

impl Diagnostic {
    pub fn new(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.into(),
            line: None,
            column: None,
            message: message.into(),
            warning: false,
        }
    }
    /// A warning about `file`: printed, never fails the build.
    pub fn warning(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            warning: true,
            ..Diagnostic::new(file, message)
        }
    }
    pub fn at(mut self, line: usize, column: Option<usize>) -> Self {
        self.line = Some(line);
        self.column = column;
        self
    }
}

impl Diagnostic {
    /// Place the diagnostic at byte `offset` of `text` (the whole file), computing line and column.
    pub fn at_offset(self, text: &str, offset: usize) -> Self {
        let (line, col) = line_col(text, offset);
        self.at(line, Some(col))
    }
}

/// 1-based line and column (in characters) of byte `offset` in `text`. Offsets past the end or
/// inside a character are clamped to the nearest preceding character boundary.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// Map a TOML error (span relative to a string that starts at `base` in `text`) to a diagnostic.
pub fn toml_diag(
    file: &std::path::Path,
    text: &str,
    base: usize,
    err: &toml::de::Error,
) -> Diagnostic {
    let msg = err.message().trim().to_string();
    let d = Diagnostic::new(file, format!("TOML sai: {msg}"));
    match err.span() {
        Some(span) => d.at_offset(text, base + span.start),
        None => d,
    }
}

/// Sort diagnostics by file, line, column so output is stable across parallel runs.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (&a.file, a.line, a.column, &a.message).cmp(&(&b.file, b.line, b.column, &b.message))
    });
}

/// Print diagnostics to stderr, sorted, one per line; returns how many are errors (not
/// warnings).
pub fn print(mut diags: Vec<Diagnostic>) -> usize {
    sort(&mut diags);
    for d in &diags {
        eprintln!("{d}");
    }
    diags.iter().filter(|d| !d.warning).count()
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
            if let Some(c) = self.column {
                write!(f, ":{c}")?;
            }
        }
        if self.warning {
            write!(f, ": cảnh báo: {}", self.message)
        } else {
            write!(f, ": {}", self.message)
        }
    }
}

impl std::error::Error for Diagnostic {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_formats() {
        let d = Diagnostic::new("content/a.md", "lỗi").at(12, Some(5));
        assert_eq!(d.to_string(), "content/a.md:12:5: lỗi");
        let d = Diagnostic::new("content/a.md", "lỗi").at(3, None);
        assert_eq!(d.to_string(), "content/a.md:3: lỗi");
        let d = Diagnostic::new("content/a.md", "lỗi");
        assert_eq!(d.to_string(), "content/a.md: lỗi");
    }

    #[test]
    fn line_col_counts_characters() {
        let text = "ab\nđiều x\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        // "đ" and "i" and "ề" are 2+1+3 bytes; offset of "u" is 3+6.
        assert_eq!(line_col(text, 9), (2, 4));
        // inside a multi-byte char: clamped to its start
        assert_eq!(line_col(text, 4), (2, 1));
        assert_eq!(line_col(text, 999), (3, 1));
    }
}
