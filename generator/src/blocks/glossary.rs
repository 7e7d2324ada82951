//! `block = "glossary"`: one list of the glossary file (`terms` of a group, `abbreviations`,
//! `not-abbreviations`), each entry a heading with its id (so each is a search result).
use serde::Serialize;

use super::{BlockCtx, BlockSpec, DataFile, GlossaryParams, data_of, md_inline};
use crate::error::Diagnostic;

#[derive(Serialize)]
struct GlossaryEntryView {
    id: String,
    title: String,
    /// The expansion (abbreviations) shown under the title.
    expansion: Option<String>,
    /// Other spellings the check and the expansion accept.
    forms: Vec<String>,
    html: String,
    source: Option<String>,
}

#[derive(Serialize)]
struct NotAbbreviationView {
    words: String,
    reason: String,
}

/// The view of a `glossary` block.
pub(super) fn view(
    ctx: &BlockCtx<'_>,
    spec: &BlockSpec<'_>,
    p: &GlossaryParams,
    block_id: &str,
) -> Result<minijinja::Value, Diagnostic> {
    let (_, f) = data_of!(ctx.store, spec, &p.data, "abbreviation", Glossary);
    match (p.list.as_str(), &p.group) {
        ("terms", Some(group)) => {
            let entries: Vec<GlossaryEntryView> = f
                .term
                .iter()
                .filter(|t| t.group.get_ref() == group)
                .map(|t| GlossaryEntryView {
                    id: t.id.get_ref().clone(),
                    title: t.term.clone(),
                    expansion: None,
                    forms: Vec::new(),
                    html: md_inline(&t.text),
                    source: t.source.clone(),
                })
                .collect();
            if entries.is_empty() {
                return Err(spec.diag(format!(
                    "khối glossary: không có [[term]] nào có group = “{group}”"
                )));
            }
            Ok(minijinja::context! { id => block_id, entries => entries })
        }
        ("terms", None) => Err(spec.diag("khối glossary: list = \"terms\" cần group = \"…\"")),
        ("abbreviations", None) => {
            let entries: Vec<GlossaryEntryView> = f
                .abbreviation
                .iter()
                .map(|a| GlossaryEntryView {
                    id: a.id.get_ref().clone(),
                    title: a.abbr.clone(),
                    expansion: Some(a.expansion.clone()),
                    forms: crate::data::glossary::forms_of(a)
                        .into_iter()
                        .filter(|x| *x != a.abbr)
                        .collect(),
                    html: md_inline(&a.text),
                    source: a.source.clone(),
                })
                .collect();
            Ok(minijinja::context! { id => block_id, entries => entries })
        }
        ("not-abbreviations", None) => {
            let rows: Vec<NotAbbreviationView> = f
                .not_abbreviation
                .iter()
                .map(|n| NotAbbreviationView {
                    words: n
                        .words
                        .iter()
                        .map(|w| w.get_ref().as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                    reason: md_inline(&n.reason),
                })
                .collect();
            Ok(minijinja::context! { id => block_id, not_abbreviations => rows })
        }
        (list, _) => Err(spec.diag(format!(
            "khối glossary: list = “{list}” không hợp lệ (terms với group, abbreviations, \
             not-abbreviations)"
        ))),
    }
}
