//! `block = "procedure"`: a procedure's numbered, nested steps with who does each
//! (`[[procedure]]` data files), through `site/templates/blocks/procedure.html`.
use crate::data::schema::Step;

use serde::Serialize;

use super::{BlockCtx, BlockSpec, DataFile, ProcedureParams, data_of, md_inline, md_opt};
use crate::error::Diagnostic;

#[derive(Serialize)]
struct StepView {
    label: String,
    html: String,
    who: Option<String>,
    unit: Option<usize>,
    note: Option<String>,
    items: Vec<String>,
    steps: Vec<StepView>,
}

fn collect_units(steps: &[Step], out: &mut Vec<String>) {
    for s in steps {
        if let Some(w) = &s.who
            && !out.contains(w)
        {
            out.push(w.clone());
        }
        collect_units(&s.step, out);
    }
}

fn steps_view(steps: &[Step]) -> Vec<StepView> {
    let mut units = Vec::new();
    collect_units(steps, &mut units);
    fn go(steps: &[Step], units: &[String]) -> Vec<StepView> {
        steps
            .iter()
            .enumerate()
            .map(|(i, s)| StepView {
                label: s.label.clone().unwrap_or_else(|| format!("{}.", i + 1)),
                html: md_inline(&s.text),
                who: s.who.clone(),
                unit: s
                    .who
                    .as_ref()
                    .and_then(|w| units.iter().position(|u| u == w))
                    .map(|k| k % 6),
                note: md_opt(&s.note),
                items: s.items.iter().map(|t| md_inline(t)).collect(),
                steps: go(&s.step, units),
            })
            .collect()
    }
    go(steps, &units)
}

/// The view of a `procedure` block.
pub(super) fn view(
    ctx: &BlockCtx<'_>,
    spec: &BlockSpec<'_>,
    p: &ProcedureParams,
    id: &str,
) -> Result<minijinja::Value, Diagnostic> {
    let (entry, f) = data_of!(ctx.store, spec, &p.data, "procedure", Procedures);
    let proc = f
        .procedure
        .iter()
        .find(|x| x.id.get_ref() == &p.procedure)
        .ok_or_else(|| {
            spec.diag(format!(
                "không có quy trình id = “{}” trong {}",
                p.procedure,
                entry.shown.display()
            ))
        })?;
    let mut units = Vec::new();
    collect_units(proc.step.get_ref(), &mut units);
    Ok(minijinja::context! {
        id => id,
        title => proc.title,
        source => proc.source,
        units => units,
        steps => steps_view(proc.step.get_ref()),
    })
}
