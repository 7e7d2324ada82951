//! `block = "criteria"`: one set of a criteria file (`[[set]]`) as a self-check list, through
//! `site/templates/blocks/criteria.html` (site/js/blocks.js counts the ticks).
use super::{BlockCtx, BlockSpec, CriteriaParams, DataFile, data_of, md_inline, md_opt};
use crate::error::Diagnostic;

/// The view of a `criteria` block.
pub(super) fn view(
    ctx: &BlockCtx<'_>,
    spec: &BlockSpec<'_>,
    p: &CriteriaParams,
    id: &str,
) -> Result<minijinja::Value, Diagnostic> {
    let (entry, f) = data_of!(ctx.store, spec, &p.data, "set", Criteria);
    let set = f
        .set
        .iter()
        .find(|s| s.id.get_ref() == &p.set)
        .ok_or_else(|| {
            spec.diag(format!(
                "không có bộ tiêu chí id = “{}” trong {}",
                p.set,
                entry.shown.display()
            ))
        })?;
    let items: Vec<String> = set.items.get_ref().iter().map(|s| md_inline(s)).collect();
    Ok(minijinja::context! {
        id => id,
        set_id => set.id.get_ref(),
        title => set.title,
        question => set.question,
        note => md_opt(&set.note),
        source => set.source,
        numbered => set.numbered,
        total => items.len(),
        items => items,
    })
}
