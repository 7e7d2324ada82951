//! `block = "table"`: a table from a data file (`columns` and `rows`; cells are Markdown),
//! through `site/templates/blocks/table.html`.
use super::{BlockCtx, BlockSpec, DataFile, DataParams, data_of, md_inline};
use crate::error::Diagnostic;

/// The view of a `table` block.
pub(super) fn view(
    ctx: &BlockCtx<'_>,
    spec: &BlockSpec<'_>,
    p: &DataParams,
    id: &str,
) -> Result<minijinja::Value, Diagnostic> {
    let (_, f) = data_of!(ctx.store, spec, &p.data, "columns", Table);
    let rows: Vec<Vec<String>> = f
        .rows
        .get_ref()
        .iter()
        .map(|r| r.get_ref().iter().map(|c| md_inline(c)).collect())
        .collect();
    Ok(minijinja::context! {
        id => id,
        caption => f.caption,
        source => f.source,
        columns => f.columns,
        rows => rows,
    })
}
