//! Optional `sotay.toml` at the project root.
//!
//! ```toml
//! title = "Sổ tay"                     # site.title
//! description = "…"                    # site.description
//! base_url = "https://so-tay.example"  # absolute URLs in sitemap.xml (no trailing slash needed)
//! ```
use std::path::Path;

use serde::Deserialize;

use crate::error::Diagnostic;

/// Default base URL: where `sotay serve` listens by default.
pub const DEFAULT_BASE_URL: &str = "http://127.0.0.1:8000";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default = "default_title")]
    pub title: String,
    #[serde(default = "default_description")]
    pub description: String,
    #[serde(default = "default_base_url")]
    pub base_url: String,
}

fn default_title() -> String {
    "Sổ tay".into()
}
/// What the handbook is (home page `<title>` and lead): the five documents, in 09/2012's own
/// words ("nhiễm trùng", not 07/2023's "bệnh" lây truyền qua đường tình dục).
fn default_description() -> String {
    "Hỗ trợ kỹ thuật, nhóm kỹ thuật, giám sát dịch tễ học HIV/AIDS và các nhiễm trùng lây \
     truyền qua đường tình dục, chuyển giao kỹ thuật cho y tế xã và thực hành phòng, chống \
     HIV/AIDS"
        .into()
}
fn default_base_url() -> String {
    DEFAULT_BASE_URL.into()
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: default_title(),
            description: default_description(),
            base_url: default_base_url(),
        }
    }
}

impl Config {
    /// Load `root/sotay.toml` if present.
    pub fn load(root: &Path) -> Result<Config, Diagnostic> {
        let path = root.join("sotay.toml");
        if !path.exists() {
            return Ok(Config::default());
        }
        let shown = Path::new("sotay.toml");
        let text = crate::fsutil::read_utf8(root, &path, shown)?;
        let mut c: Config =
            toml::from_str(&text).map_err(|e| crate::error::toml_diag(shown, &text, 0, &e))?;
        while c.base_url.ends_with('/') {
            c.base_url.pop();
        }
        Ok(c)
    }
}
