//! `block = "twg-list"` and `block = "twg-timeline"`: the technical working groups (`[[group]]`
//! data files) as a table and as a timeline of their founding dates (an inline SVG).
use crate::data::schema::Founded;

use serde::Serialize;

use super::org_chart::{CHART_W, LINE_H, wrap};
use super::{BlockCtx, BlockSpec, DataFile, DataParams, data_of, md_inline, md_opt};
use crate::error::Diagnostic;

#[derive(Serialize)]
struct TwgView {
    number: u32,
    name: String,
    code: Option<String>,
    founded: String,
    year_only: bool,
    lead: Vec<String>,
    partner: Vec<String>,
    tor: Option<String>,
    note: Option<String>,
    #[serde(skip)]
    at: Founded,
}

#[derive(Serialize)]
struct TimelineTick {
    label: String,
    y: f64,
}

#[derive(Serialize)]
struct TimelineItem {
    dot_y: f64,
    label_y: f64,
    date: String,
    year_only: bool,
    lines: Vec<(String, f64)>,
}

#[derive(Serialize)]
struct Timeline {
    width: u32,
    height: f64,
    axis_top: f64,
    axis_bottom: f64,
    ticks: Vec<TimelineTick>,
    items: Vec<TimelineItem>,
    desc: String,
}

fn twg_timeline(groups: &[TwgView]) -> Timeline {
    const PX_PER_YEAR: f64 = 80.0;
    const TOP: f64 = 16.0;
    // Labels keep the source's order ("theo ngày thành lập"). A dot sits at its date; a group
    // known only by its year sits between its neighbours' dates, kept inside that year.
    let mut sorted: Vec<&TwgView> = groups.iter().collect();
    sorted.sort_by_key(|g| g.number);
    let known: Vec<Option<f64>> = sorted
        .iter()
        .map(|g| g.at.month.map(|_| g.at.as_years()))
        .collect();
    let at: Vec<f64> = sorted
        .iter()
        .enumerate()
        .map(|(i, g)| {
            known[i].unwrap_or_else(|| {
                let y0 = f64::from(g.at.year);
                let prev = known[..i]
                    .iter()
                    .rev()
                    .flatten()
                    .next()
                    .copied()
                    .unwrap_or(y0);
                let next = known[i + 1..]
                    .iter()
                    .flatten()
                    .next()
                    .copied()
                    .unwrap_or(y0 + 1.0);
                ((prev.max(y0) + next.min(y0 + 0.999)) / 2.0).clamp(y0, y0 + 0.999)
            })
        })
        .collect();
    let first = at.iter().copied().fold(f64::INFINITY, f64::min).floor();
    let first = if first.is_finite() {
        first as u16
    } else {
        2010
    };
    let last = at.iter().copied().fold(f64::NEG_INFINITY, f64::max).floor();
    let last = if last.is_finite() {
        last as u16 + 1
    } else {
        first + 1
    };
    let y_of = |t: f64| TOP + (t - f64::from(first)) * PX_PER_YEAR;
    let ticks = (first..=last)
        .map(|yr| TimelineTick {
            label: yr.to_string(),
            y: y_of(f64::from(yr)),
        })
        .collect();
    let mut items = Vec::new();
    let mut next_free = TOP;
    for (g, t) in sorted.iter().zip(&at) {
        let dot_y = y_of(*t);
        let name = match &g.code {
            Some(c) => format!("{} ({c})", g.name),
            None => g.name.clone(),
        };
        let lines = wrap(&name, 42);
        let label_y = dot_y.max(next_free);
        let h = LINE_H * (lines.len() as f64 + 1.0) + 6.0;
        next_free = label_y + h;
        items.push(TimelineItem {
            dot_y,
            label_y,
            date: if g.year_only {
                format!("{} (chỉ rõ năm)", g.founded)
            } else {
                g.founded.clone()
            },
            year_only: g.year_only,
            lines: lines
                .into_iter()
                .enumerate()
                .map(|(k, t)| (t, label_y + LINE_H * (k as f64 + 1.0)))
                .collect(),
        });
    }
    let axis_bottom = y_of(f64::from(last));
    let height = next_free.max(axis_bottom) + TOP;
    let desc = sorted
        .iter()
        .map(|g| format!("{}: {}", g.founded, g.name))
        .collect::<Vec<_>>()
        .join("; ");
    Timeline {
        width: CHART_W as u32,
        height,
        axis_top: TOP,
        axis_bottom,
        ticks,
        items,
        desc,
    }
}

/// The groups of a `[[group]]` file as views (founding dates checked).
fn groups(
    ctx: &BlockCtx<'_>,
    spec: &BlockSpec<'_>,
    p: &DataParams,
) -> Result<Vec<TwgView>, Diagnostic> {
    let (_, f) = data_of!(ctx.store, spec, &p.data, "group", Twg);
    f.group
        .iter()
        .map(|g| {
            let founded = Founded::parse(g.founded.get_ref()).map_err(|e| spec.diag(e))?;
            Ok(TwgView {
                number: g.number,
                name: g.name.clone(),
                code: g.code.clone(),
                founded: founded.display(),
                year_only: founded.month.is_none(),
                lead: g.lead.iter().map(|s| md_inline(s)).collect(),
                partner: g.partner.iter().map(|s| md_inline(s)).collect(),
                tor: g.tor.clone(),
                note: md_opt(&g.note),
                at: founded,
            })
        })
        .collect()
}

/// The view of a `twg-list` block.
pub(super) fn list(
    ctx: &BlockCtx<'_>,
    spec: &BlockSpec<'_>,
    p: &DataParams,
    id: &str,
) -> Result<minijinja::Value, Diagnostic> {
    Ok(minijinja::context! { id => id, groups => groups(ctx, spec, p)? })
}

/// The view of a `twg-timeline` block.
pub(super) fn timeline(
    ctx: &BlockCtx<'_>,
    spec: &BlockSpec<'_>,
    p: &DataParams,
    id: &str,
) -> Result<minijinja::Value, Diagnostic> {
    Ok(minijinja::context! { id => id, timeline => twg_timeline(&groups(ctx, spec, p)?) })
}
