//! The data blocks: every kind of fenced ```` ```sotay ```` block, one file each (docs/authoring.md,
//! "Data blocks"). A block's TOML body is read into [`Block`], one variant per value of its
//! `block` key ([`parse`]), so a kind's parameters are typed and checked once (unknown keys and
//! wrong types are errors at their line and column); each kind turns its data (from
//! [`DataStore`], the site model or the calculator's rules) into a view and renders it with its
//! template in `site/templates/blocks/`.
//!
//! Templates render with autoescape on: a view holds text as text (escaped by the template), and
//! only HTML the renderer made itself (Markdown fields, links into the tools) is printed with
//! `|safe` in the template.
use serde::Deserialize;

use crate::data::{DataFile, DataStore, Entry};
use crate::error::Diagnostic;
use crate::model::Site;

mod criteria;
pub mod engine;
mod glossary;
mod org_chart;
mod procedure;
mod roles;
mod sources;
mod table;
#[cfg(test)]
mod tests;
mod twg;

pub use crate::md::inline as md_inline;

/// An optional Markdown field as HTML (inline, no paragraph).
pub fn md_opt(text: &Option<String>) -> Option<String> {
    text.as_deref().map(md_inline)
}

/// Escape text for HTML written by the renderer itself (inside [`Html`]).
pub fn esc(s: &str) -> String {
    crate::md::escape(s)
}

/// One `sotay` block in a Markdown file.
pub struct BlockSpec<'a> {
    /// The Markdown file (shown path).
    pub file: &'a std::path::Path,
    /// 1-based line of the opening fence in that file.
    pub line: usize,
    /// The TOML body of the fence.
    pub body: &'a str,
}

impl BlockSpec<'_> {
    /// A diagnostic at the fence line.
    pub fn diag(&self, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(self.file, message).at(self.line, None)
    }

    /// A diagnostic for a TOML error inside the body: body line `n` is file line `self.line + n`.
    fn toml_diag(&self, e: &toml::de::Error) -> Diagnostic {
        let msg = format!("khối sotay: {}", e.message().trim());
        match e.span() {
            Some(span) => {
                let (l, c) = crate::error::line_col(self.body, span.start);
                Diagnostic::new(self.file, msg).at(self.line + l, Some(c))
            }
            None => self.diag(msg),
        }
    }
}

/// The block kinds (the values of `block`), for messages.
pub const BLOCK_KINDS: &[&str] = &[
    "roles",
    "org-chart",
    "criteria",
    "procedure",
    "twg-list",
    "twg-timeline",
    "table",
    "sample-sizes",
    "sentinel-timeline",
    "deadlines",
    "sti-tests",
    "glossary",
    "sources",
];

/// Names a data file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataParams {
    /// The kind (`block = "…"`), read by [`parse`].
    #[serde(rename = "block")]
    _kind: serde::de::IgnoredAny,
    pub data: String,
}

/// `roles`: the roles of a file, or only `ids`, in that order.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RolesParams {
    /// The kind (`block = "…"`), read by [`parse`].
    #[serde(rename = "block")]
    _kind: serde::de::IgnoredAny,
    pub data: String,
    #[serde(default)]
    pub ids: Option<Vec<String>>,
}

/// `org-chart`: a chart of a file's roles.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChartParams {
    /// The kind (`block = "…"`), read by [`parse`].
    #[serde(rename = "block")]
    _kind: serde::de::IgnoredAny,
    pub data: String,
    #[serde(default)]
    pub title: Option<String>,
}

/// `criteria`: one set of a criteria file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CriteriaParams {
    /// The kind (`block = "…"`), read by [`parse`].
    #[serde(rename = "block")]
    _kind: serde::de::IgnoredAny,
    pub data: String,
    pub set: String,
}

/// `procedure`: one procedure of a procedures file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProcedureParams {
    /// The kind (`block = "…"`), read by [`parse`].
    #[serde(rename = "block")]
    _kind: serde::de::IgnoredAny,
    pub data: String,
    pub procedure: String,
}

/// `glossary`: which list of the glossary file to show.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryParams {
    /// The kind (`block = "…"`), read by [`parse`].
    #[serde(rename = "block")]
    _kind: serde::de::IgnoredAny,
    pub data: String,
    /// "terms" (with `group`), "abbreviations" or "not-abbreviations".
    pub list: String,
    #[serde(default)]
    pub group: Option<String>,
}

/// `deadlines`: without `year`, the schedule of every obligation; with `year`, the dated
/// deadlines of that year (optionally of one unit or level), each with its instrument.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeadlinesParams {
    /// The kind (`block = "…"`), read by [`parse`].
    #[serde(rename = "block")]
    _kind: serde::de::IgnoredAny,
    #[serde(default)]
    pub year: Option<i32>,
    #[serde(default)]
    pub unit: Option<String>,
}

/// `sources`: the documents the handbook is made from.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourcesParams {
    /// The kind (`block = "…"`), read by [`parse`].
    #[serde(rename = "block")]
    _kind: serde::de::IgnoredAny,
    #[serde(default)]
    pub caption: Option<String>,
}

/// No parameters (the engine tables).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoParams {
    #[serde(rename = "block")]
    _kind: serde::de::IgnoredAny,
}

/// A block, by its `block` key: one variant per kind, with its typed parameters.
pub enum Block {
    Roles(RolesParams),
    OrgChart(ChartParams),
    Criteria(CriteriaParams),
    Procedure(ProcedureParams),
    TwgList(DataParams),
    TwgTimeline(DataParams),
    Table(DataParams),
    SampleSizes(NoParams),
    SentinelTimeline(NoParams),
    Deadlines(DeadlinesParams),
    StiTests(NoParams),
    Glossary(GlossaryParams),
    Sources(SourcesParams),
}

impl Block {
    /// The `block` value of this kind.
    pub fn kind(&self) -> &'static str {
        match self {
            Block::Roles(_) => "roles",
            Block::OrgChart(_) => "org-chart",
            Block::Criteria(_) => "criteria",
            Block::Procedure(_) => "procedure",
            Block::TwgList(_) => "twg-list",
            Block::TwgTimeline(_) => "twg-timeline",
            Block::Table(_) => "table",
            Block::SampleSizes(_) => "sample-sizes",
            Block::SentinelTimeline(_) => "sentinel-timeline",
            Block::Deadlines(_) => "deadlines",
            Block::StiTests(_) => "sti-tests",
            Block::Glossary(_) => "glossary",
            Block::Sources(_) => "sources",
        }
    }
}

/// Everything a block may read.
pub struct BlockCtx<'a> {
    pub site: &'a Site,
    pub store: &'a DataStore,
    pub env: &'a minijinja::Environment<'a>,
}

/// Read a block: its `block` key picks the variant (a clear message for a missing or unknown
/// one), then the variant's typed parameters are deserialized from the body directly, so an
/// unknown key or a wrong type is reported at its own line and column inside the fence (serde's
/// internally tagged enums buffer the input and lose the positions).
pub fn parse(spec: &BlockSpec<'_>) -> Result<Block, Diagnostic> {
    let params: toml::Table = toml::from_str(spec.body).map_err(|e| spec.toml_diag(&e))?;
    let Some(kind) = params.get("block").and_then(|v| v.as_str()) else {
        return Err(spec.diag(format!(
            "khối sotay thiếu khóa block = \"…\" (một trong: {})",
            BLOCK_KINDS.join(", ")
        )));
    };
    if !BLOCK_KINDS.contains(&kind) {
        return Err(spec.diag(format!(
            "loại khối không biết: “{kind}” (một trong: {})",
            BLOCK_KINDS.join(", ")
        )));
    }
    fn typed<T: serde::de::DeserializeOwned>(spec: &BlockSpec<'_>) -> Result<T, Diagnostic> {
        toml::from_str(spec.body).map_err(|e| spec.toml_diag(&e))
    }
    Ok(match kind {
        "roles" => Block::Roles(typed(spec)?),
        "org-chart" => Block::OrgChart(typed(spec)?),
        "criteria" => Block::Criteria(typed(spec)?),
        "procedure" => Block::Procedure(typed(spec)?),
        "twg-list" => Block::TwgList(typed(spec)?),
        "twg-timeline" => Block::TwgTimeline(typed(spec)?),
        "table" => Block::Table(typed(spec)?),
        "sample-sizes" => Block::SampleSizes(typed(spec)?),
        "sentinel-timeline" => Block::SentinelTimeline(typed(spec)?),
        "deadlines" => Block::Deadlines(typed(spec)?),
        "sti-tests" => Block::StiTests(typed(spec)?),
        "glossary" => Block::Glossary(typed(spec)?),
        "sources" => Block::Sources(typed(spec)?),
        other => unreachable!("{other} is in BLOCK_KINDS"),
    })
}

/// Render one block to HTML.
pub fn render(ctx: &BlockCtx<'_>, spec: &BlockSpec<'_>) -> Result<String, Diagnostic> {
    let block = parse(spec)?;
    let kind = block.kind();
    let id = format!("sotay-{kind}-{}", spec.line);
    let (template, view): (&str, minijinja::Value) = match &block {
        Block::Roles(p) => ("roles", roles::view(ctx, spec, p, &id)?),
        Block::OrgChart(p) => ("org-chart", org_chart::view(ctx, spec, p, &id)?),
        Block::Criteria(p) => ("criteria", criteria::view(ctx, spec, p, &id)?),
        Block::Procedure(p) => ("procedure", procedure::view(ctx, spec, p, &id)?),
        Block::TwgList(p) => ("twg-list", twg::list(ctx, spec, p, &id)?),
        Block::TwgTimeline(p) => ("twg-timeline", twg::timeline(ctx, spec, p, &id)?),
        Block::Table(p) => ("table", table::view(ctx, spec, p, &id)?),
        Block::Glossary(p) => ("glossary", glossary::view(ctx, spec, p, &id)?),
        Block::Sources(p) => ("sources", sources::view(ctx, spec, p)?),
        Block::Deadlines(p) => {
            let (t, v) = engine::deadlines(spec, p, &id)?;
            return render_template(ctx.env, spec, &t, v);
        }
        Block::SampleSizes(_) | Block::SentinelTimeline(_) | Block::StiTests(_) => {
            let (t, v) = engine::table(kind, &id);
            return render_template(ctx.env, spec, &t, v);
        }
    };
    render_template(ctx.env, spec, template, view)
}

fn render_template(
    env: &minijinja::Environment<'_>,
    spec: &BlockSpec<'_>,
    name: &str,
    ctx: minijinja::Value,
) -> Result<String, Diagnostic> {
    let tmpl = env
        .get_template(&format!("blocks/{name}.html"))
        .map_err(|e| spec.diag(format!("không tải được mẫu blocks/{name}.html: {e}")))?;
    tmpl.render(ctx)
        .map_err(|e| spec.diag(format!("lỗi khi dựng khối (blocks/{name}.html): {e:#}")))
}

/// Look up the data file a block names and check it has the expected kind.
fn data_for<'s>(
    store: &'s DataStore,
    spec: &BlockSpec<'_>,
    data: &str,
    want: &'static str,
) -> Result<&'s Entry, Diagnostic> {
    let entry = store.files.get(data).ok_or_else(|| {
        spec.diag(format!(
            "không có tệp dữ liệu content/_data/{data}.toml (data = \"{data}\")"
        ))
    })?;
    if entry.file.kind() != want {
        return Err(spec.diag(format!(
            "tệp {} không dùng được cho khối này: cần dữ liệu dạng “{want}”, tệp có dạng “{}”",
            entry.shown.display(),
            entry.file.kind()
        )));
    }
    Ok(entry)
}

/// The data file of a block, of the kind `want`, as its parsed form.
macro_rules! data_of {
    ($store:expr, $spec:expr, $data:expr, $kind:literal, $variant:ident) => {{
        let entry = super::data_for($store, $spec, $data, $kind)?;
        let DataFile::$variant(f) = &entry.file else {
            unreachable!("data_for checked the kind")
        };
        (entry, f)
    }};
}
pub(crate) use data_of;
