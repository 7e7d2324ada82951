//! `block = "org-chart"`: the roles of a `[[role]]` file as an organisation chart, an inline
//! SVG 360 units wide (readable on a 360 px phone), through `site/templates/blocks/org-chart.html`.
//! The levels are the data's (`crate::data::chart_levels`, checked when the data is loaded).
use std::collections::HashMap;

use crate::data::chart_levels;
use crate::data::schema::Role;

use serde::Serialize;

use super::{BlockCtx, BlockSpec, ChartParams, DataFile, data_of};
use crate::error::Diagnostic;

pub(super) const CHART_W: f64 = 360.0;
const CHART_GAP: f64 = 8.0;
pub(super) const LINE_H: f64 = 14.0;
const CHAR_W: f64 = 6.1; // average width of a character at font-size 11

/// Greedy word wrap to at most `width` characters per line.
pub(super) fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    for word in text.split_whitespace() {
        let n = cur.chars().count();
        if n > 0 && n + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(word);
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

#[derive(Serialize)]
struct ChartNode {
    id: String,
    x: f64,
    y: f64,
    w: f64,
    h: f64,
    cx: f64,
    /// Text lines with their baseline y.
    lines: Vec<(String, f64)>,
    level: u8,
}

#[derive(Serialize)]
struct ChartEdge {
    d: String,
}

#[derive(Serialize)]
struct Chart {
    width: u32,
    height: f64,
    nodes: Vec<ChartNode>,
    edges: Vec<ChartEdge>,
    /// Plain-text description for screen readers.
    desc: String,
}

fn org_chart(roles: &[Role]) -> Result<Chart, String> {
    let levels = chart_levels(roles)?;
    let max_level = levels.values().copied().max().unwrap_or(0);
    let mut nodes: Vec<ChartNode> = Vec::new();
    let mut y = CHART_GAP;
    for level in 0..=max_level {
        let row: Vec<&Role> = roles
            .iter()
            .filter(|r| levels.get(r.id.get_ref()) == Some(&level))
            .collect();
        if row.is_empty() {
            continue;
        }
        let n = row.len() as f64;
        let w = (CHART_W - (n + 1.0) * CHART_GAP) / n;
        let chars = (((w - 12.0) / CHAR_W).floor() as usize).max(8);
        let wrapped: Vec<Vec<String>> = row
            .iter()
            .map(|r| wrap(r.label.as_deref().unwrap_or(&r.title), chars))
            .collect();
        let max_lines = wrapped.iter().map(Vec::len).max().unwrap_or(1) as f64;
        let h = max_lines * LINE_H + 14.0;
        for (i, (r, lines)) in row.iter().zip(wrapped).enumerate() {
            let x = CHART_GAP + i as f64 * (w + CHART_GAP);
            let first = y + (h - lines.len() as f64 * LINE_H) / 2.0 + LINE_H - 3.0;
            nodes.push(ChartNode {
                id: r.id.get_ref().clone(),
                x,
                y,
                w,
                h,
                cx: x + w / 2.0,
                lines: lines
                    .into_iter()
                    .enumerate()
                    .map(|(k, t)| (t, first + k as f64 * LINE_H))
                    .collect(),
                level,
            });
        }
        y += h + 30.0;
    }
    let pos: HashMap<&str, &ChartNode> = nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    let mut edges = Vec::new();
    for r in roles {
        let (Some(p), Some(c)) = (r.parent.as_ref(), pos.get(r.id.get_ref().as_str())) else {
            continue;
        };
        let Some(pn) = pos.get(p.get_ref().as_str()) else {
            continue;
        };
        let mid = c.y - 14.0;
        edges.push(ChartEdge {
            d: format!(
                "M{:.1} {:.1} V{:.1} H{:.1} V{:.1}",
                pn.cx,
                pn.y + pn.h,
                mid,
                c.cx,
                c.y
            ),
        });
    }
    let by_id: HashMap<&str, &Role> = roles.iter().map(|r| (r.id.get_ref().as_str(), r)).collect();
    let desc = roles
        .iter()
        .map(|r| {
            let label = r.label.as_deref().unwrap_or(&r.title);
            match r
                .parent
                .as_ref()
                .and_then(|p| by_id.get(p.get_ref().as_str()))
            {
                Some(p) => format!("{label} (dưới {})", p.label.as_deref().unwrap_or(&p.title)),
                None => label.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join("; ");
    Ok(Chart {
        width: CHART_W as u32,
        height: y - 30.0 + CHART_GAP,
        nodes,
        edges,
        desc,
    })
}

/// The view of an `org-chart` block.
pub(super) fn view(
    ctx: &BlockCtx<'_>,
    spec: &BlockSpec<'_>,
    p: &ChartParams,
    id: &str,
) -> Result<minijinja::Value, Diagnostic> {
    let (_, f) = data_of!(ctx.store, spec, &p.data, "role", Roles);
    let chart = org_chart(&f.role).map_err(|e| spec.diag(e))?;
    let title = p.title.as_deref().unwrap_or("Sơ đồ cơ cấu tổ chức");
    Ok(minijinja::context! { id => id, title => title, chart => chart })
}
