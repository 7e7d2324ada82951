//! Structured content data (`content/_data/**/*.toml`) and the data blocks that render it.
//!
//! Contract with the rest of the generator (see ARCHITECTURE.md, "Data blocks"):
//! - `DataStore::load` reads every data file once per build;
//! - `render_block` is called by the Markdown renderer for every fenced code block whose info
//!   string is `sotay`, with the fence's TOML body and its position in the Markdown file.
//!   It returns HTML (inserted as-is) or a diagnostic naming the file and line.
use std::path::{Path, PathBuf};

use crate::error::Diagnostic;

/// All data files, parsed. Placeholder until the content work lands.
#[derive(Debug, Default)]
pub struct DataStore {
    pub root: PathBuf,
}

impl DataStore {
    /// Load and validate everything under `content_dir/_data`.
    pub fn load(content_dir: &Path) -> Result<DataStore, Vec<Diagnostic>> {
        Ok(DataStore { root: content_dir.join("_data") })
    }
}

/// A `sotay` fenced block found in a Markdown page.
pub struct BlockSpec<'a> {
    /// The Markdown file (as given to the user in messages).
    pub file: &'a Path,
    /// 1-based line of the opening fence in that file.
    pub line: usize,
    /// The TOML body of the fence.
    pub body: &'a str,
}

/// Render one data block to HTML with the site's template environment.
pub fn render_block(
    _store: &DataStore,
    _env: &minijinja::Environment<'_>,
    spec: &BlockSpec<'_>,
) -> Result<String, Diagnostic> {
    Err(Diagnostic::new(spec.file, "data blocks are not implemented yet").at(spec.line, None))
}
