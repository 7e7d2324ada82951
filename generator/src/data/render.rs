//! Block renderers: block parameters → view structs (HTML-ready text, SVG geometry) → the
//! block's template in `site/templates/blocks/`.
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::schema::{Duty, Founded, Role, Step};
use super::{BlockSpec, DataFile, DataStore, data_for};
use crate::error::Diagnostic;

use crate::md::inline as md_inline;

fn md_opt(text: &Option<String>) -> Option<String> {
    text.as_deref().map(md_inline)
}

fn esc(s: &str) -> String {
    crate::md::escape(s)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DataParams {
    #[allow(dead_code)]
    block: String,
    data: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RolesParams {
    #[allow(dead_code)]
    block: String,
    data: String,
    /// Only these roles, in this order.
    #[serde(default)]
    ids: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChartParams {
    #[allow(dead_code)]
    block: String,
    data: String,
    #[serde(default)]
    title: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CriteriaParams {
    #[allow(dead_code)]
    block: String,
    data: String,
    set: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProcedureParams {
    #[allow(dead_code)]
    block: String,
    data: String,
    procedure: String,
}

/// Parameters of the `glossary` block: which list of the glossary file to show.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GlossaryParams {
    #[allow(dead_code)]
    block: String,
    data: String,
    /// "terms" (with `group`), "abbreviations" or "not-abbreviations".
    list: String,
    #[serde(default)]
    group: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EngineParams {
    #[allow(dead_code)]
    block: String,
}

/// Parameters of the `deadlines` block: without `year`, the schedule of every obligation;
/// with `year`, the dated deadlines of that year (optionally of one unit or level), each with
/// the instrument it follows on that date.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DeadlinesParams {
    #[allow(dead_code)]
    block: String,
    #[serde(default)]
    year: Option<i32>,
    #[serde(default)]
    unit: Option<String>,
}

fn params<T: for<'de> Deserialize<'de>>(spec: &BlockSpec<'_>) -> Result<T, Diagnostic> {
    toml::from_str(spec.body).map_err(|e| spec.toml_diag(&e))
}

/// Render block `kind` (already checked to be known).
pub(super) fn render(
    store: &DataStore,
    env: &minijinja::Environment<'_>,
    spec: &BlockSpec<'_>,
    kind: &str,
) -> Result<String, Diagnostic> {
    let block_id = format!("sotay-{kind}-{}", spec.line);
    let ctx = match kind {
        "roles" => {
            let p: RolesParams = params(spec)?;
            let entry = data_for(store, spec, &p.data, "role")?;
            let DataFile::Roles(f) = &entry.file else {
                unreachable!()
            };
            let roles: Vec<&Role> = match &p.ids {
                None => f.role.iter().collect(),
                Some(ids) => ids
                    .iter()
                    .map(|id| {
                        f.role.iter().find(|r| r.id.get_ref() == id).ok_or_else(|| {
                            spec.diag(format!(
                                "không có vai trò id = “{id}” trong {}",
                                entry.shown.display()
                            ))
                        })
                    })
                    .collect::<Result<_, _>>()?,
            };
            let heading = f.duties_heading.as_deref();
            minijinja::context! { id => block_id, roles => roles.iter().map(|r| role_view(r, heading)).collect::<Vec<_>>() }
        }
        "org-chart" => {
            let p: ChartParams = params(spec)?;
            let entry = data_for(store, spec, &p.data, "role")?;
            let DataFile::Roles(f) = &entry.file else {
                unreachable!()
            };
            let chart = org_chart(&f.role).map_err(|e| spec.diag(e))?;
            let title = esc(p.title.as_deref().unwrap_or("Sơ đồ cơ cấu tổ chức"));
            minijinja::context! { id => block_id, title => title, chart => chart }
        }
        "criteria" => {
            let p: CriteriaParams = params(spec)?;
            let entry = data_for(store, spec, &p.data, "set")?;
            let DataFile::Criteria(f) = &entry.file else {
                unreachable!()
            };
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
            minijinja::context! {
                id => block_id,
                set_id => esc(set.id.get_ref()),
                title => esc(&set.title),
                question => set.question.as_deref().map(esc),
                note => md_opt(&set.note),
                source => set.source.as_deref().map(esc),
                numbered => set.numbered,
                total => items.len(),
                items => items,
            }
        }
        "procedure" => {
            let p: ProcedureParams = params(spec)?;
            let entry = data_for(store, spec, &p.data, "procedure")?;
            let DataFile::Procedures(f) = &entry.file else {
                unreachable!()
            };
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
            minijinja::context! {
                id => block_id,
                title => esc(&proc.title),
                source => proc.source.as_deref().map(esc),
                units => units.iter().map(|u| esc(u)).collect::<Vec<_>>(),
                steps => steps_view(proc.step.get_ref()),
            }
        }
        "twg-list" | "twg-timeline" => {
            let p: DataParams = params(spec)?;
            let entry = data_for(store, spec, &p.data, "group")?;
            let DataFile::Twg(f) = &entry.file else {
                unreachable!()
            };
            let groups: Vec<TwgView> = f
                .group
                .iter()
                .map(|g| {
                    let founded = Founded::parse(g.founded.get_ref()).map_err(|e| spec.diag(e))?;
                    Ok(TwgView {
                        number: g.number,
                        name: esc(&g.name),
                        code: g.code.as_deref().map(esc),
                        founded: founded.display(),
                        year_only: founded.month.is_none(),
                        lead: g.lead.iter().map(|s| md_inline(s)).collect(),
                        partner: g.partner.iter().map(|s| md_inline(s)).collect(),
                        tor: g.tor.as_deref().map(esc),
                        note: md_opt(&g.note),
                        at: founded,
                    })
                })
                .collect::<Result<_, Diagnostic>>()?;
            if kind == "twg-list" {
                minijinja::context! { id => block_id, groups => groups }
            } else {
                minijinja::context! { id => block_id, timeline => twg_timeline(&groups) }
            }
        }
        "table" => {
            let p: DataParams = params(spec)?;
            let entry = data_for(store, spec, &p.data, "columns")?;
            let DataFile::Table(f) = &entry.file else {
                unreachable!()
            };
            let rows: Vec<Vec<String>> = f
                .rows
                .get_ref()
                .iter()
                .map(|r| r.get_ref().iter().map(|c| md_inline(c)).collect())
                .collect();
            minijinja::context! {
                id => block_id,
                caption => f.caption.as_deref().map(esc),
                source => f.source.as_deref().map(esc),
                columns => f.columns.iter().map(|c| esc(c)).collect::<Vec<_>>(),
                rows => rows,
            }
        }
        "deadlines" => {
            let p: DeadlinesParams = params(spec)?;
            let (tmpl, ctx) = match p.year {
                Some(year) => dated_deadlines(spec, &block_id, year, p.unit.as_deref())?,
                None if p.unit.is_some() => {
                    return Err(
                        spec.diag("khối deadlines: unit chỉ dùng cùng year (lịch hạn của một năm)")
                    );
                }
                None => engine_block(kind, &block_id),
            };
            return render_template(env, spec, &tmpl, ctx);
        }
        "glossary" => {
            let p: GlossaryParams = params(spec)?;
            let entry = data_for(store, spec, &p.data, "abbreviation")?;
            let DataFile::Glossary(f) = &entry.file else {
                unreachable!()
            };
            glossary_context(spec, &block_id, f, &p)?
        }
        "sample-sizes" | "sentinel-timeline" | "sti-tests" => {
            let _: EngineParams = params(spec)?;
            let (tmpl, ctx) = engine_block(kind, &block_id);
            return render_template(env, spec, &tmpl, ctx);
        }
        _ => return Err(spec.diag(format!("loại khối không biết: “{kind}”"))),
    };
    render_template(env, spec, kind, ctx)
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

// ---------------------------------------------------------------------------------------------
// Roles

#[derive(Serialize)]
struct DutyView {
    label: Option<String>,
    html: String,
    items: Vec<String>,
}

#[derive(Serialize)]
struct MemberView {
    who: String,
    position: String,
}

#[derive(Serialize)]
struct RoleView {
    id: String,
    title: String,
    held_by: Option<String>,
    based_at: Option<String>,
    note: Option<String>,
    source: Option<String>,
    /// The heading above the duties, from the data (the role's, else the file's).
    duties_heading: Option<String>,
    /// Some duty carries the source's numbering: the list shows labels, not bullets.
    labelled: bool,
    duties: Vec<DutyView>,
    members: Vec<MemberView>,
}

fn role_view(r: &Role, file_heading: Option<&str>) -> RoleView {
    RoleView {
        duties_heading: r.duties_heading.as_deref().or(file_heading).map(esc),
        labelled: r
            .duties
            .iter()
            .any(|d| matches!(d, Duty::Group(g) if g.label.is_some())),
        id: r.id.get_ref().clone(),
        title: esc(&r.title),
        held_by: md_opt(&r.held_by),
        based_at: md_opt(&r.based_at),
        note: md_opt(&r.note),
        source: r.source.as_deref().map(esc),
        duties: r
            .duties
            .iter()
            .map(|d| match d {
                Duty::Text(t) => DutyView {
                    label: None,
                    html: md_inline(t),
                    items: Vec::new(),
                },
                Duty::Group(g) => DutyView {
                    label: g.label.as_deref().map(esc),
                    html: md_inline(&g.text),
                    items: g.items.iter().map(|s| md_inline(s)).collect(),
                },
            })
            .collect(),
        members: r
            .members
            .iter()
            .map(|m| MemberView {
                who: md_inline(&m.who),
                position: esc(&m.position),
            })
            .collect(),
    }
}

// ---------------------------------------------------------------------------------------------
// Organisation chart (inline SVG, 360 units wide so it is readable on a 360 px phone)

const CHART_W: f64 = 360.0;
const CHART_GAP: f64 = 8.0;
const LINE_H: f64 = 14.0;
const CHAR_W: f64 = 6.1; // average width of a character at font-size 11

/// Level of every role: explicit `level`, else parent's level + 1, else 0. Errors on cycles or
/// on a child drawn above or beside its parent.
pub(super) fn chart_levels(roles: &[Role]) -> Result<HashMap<String, u8>, String> {
    let by_id: HashMap<&str, &Role> = roles.iter().map(|r| (r.id.get_ref().as_str(), r)).collect();
    let mut levels = HashMap::new();
    for r in roles {
        let mut seen = Vec::new();
        let mut cur = r;
        let mut depth: u8 = 0;
        let mut base: Option<u8> = None;
        loop {
            if let Some(l) = cur.level {
                base = Some(l);
                break;
            }
            let Some(p) = &cur.parent else { break };
            if seen.contains(&p.get_ref().as_str()) || seen.len() > roles.len() {
                return Err(format!("vòng lặp parent ở vai trò “{}”", r.id.get_ref()));
            }
            seen.push(p.get_ref().as_str());
            let Some(next) = by_id.get(p.get_ref().as_str()) else {
                break;
            };
            cur = next;
            depth = depth.saturating_add(1);
        }
        levels.insert(
            r.id.get_ref().clone(),
            base.unwrap_or(0).saturating_add(depth),
        );
    }
    for r in roles {
        if let Some(p) = &r.parent
            && let (Some(lc), Some(lp)) = (levels.get(r.id.get_ref()), levels.get(p.get_ref()))
            && lc <= lp
        {
            return Err(format!(
                "vai trò “{}” (level {lc}) phải nằm dưới vai trò cha “{}” (level {lp})",
                r.id.get_ref(),
                p.get_ref()
            ));
        }
    }
    Ok(levels)
}

/// Greedy word wrap to at most `width` characters per line.
fn wrap(text: &str, width: usize) -> Vec<String> {
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
                    .map(|(k, t)| (esc(&t), first + k as f64 * LINE_H))
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
        desc: esc(&desc),
    })
}

// ---------------------------------------------------------------------------------------------
// Procedures

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
                label: esc(&s.label.clone().unwrap_or_else(|| format!("{}.", i + 1))),
                html: md_inline(&s.text),
                who: s.who.as_deref().map(esc),
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

// ---------------------------------------------------------------------------------------------
// Technical working groups

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

// ---------------------------------------------------------------------------------------------
// Glossary

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

fn glossary_context(
    spec: &BlockSpec<'_>,
    block_id: &str,
    f: &super::schema::GlossaryFile,
    p: &GlossaryParams,
) -> Result<minijinja::Value, Diagnostic> {
    match (p.list.as_str(), &p.group) {
        ("terms", Some(group)) => {
            let entries: Vec<GlossaryEntryView> = f
                .term
                .iter()
                .filter(|t| t.group.get_ref() == group)
                .map(|t| GlossaryEntryView {
                    id: esc(t.id.get_ref()),
                    title: esc(&t.term),
                    expansion: None,
                    forms: Vec::new(),
                    html: md_inline(&t.text),
                    source: t.source.as_deref().map(esc),
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
                    id: esc(a.id.get_ref()),
                    title: esc(&a.abbr),
                    expansion: Some(esc(&a.expansion)),
                    forms: crate::glossary::forms_of(a)
                        .into_iter()
                        .filter(|x| *x != a.abbr)
                        .map(|x| esc(&x))
                        .collect(),
                    html: md_inline(&a.text),
                    source: a.source.as_deref().map(esc),
                })
                .collect();
            Ok(minijinja::context! { id => block_id, entries => entries })
        }
        ("not-abbreviations", None) => {
            let rows: Vec<NotAbbreviationView> = f
                .not_abbreviation
                .iter()
                .map(|n| NotAbbreviationView {
                    words: esc(&n
                        .words
                        .iter()
                        .map(|w| w.get_ref().as_str())
                        .collect::<Vec<_>>()
                        .join(", ")),
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

// ---------------------------------------------------------------------------------------------
// Engine blocks: the circular's numbers, read from `sotay_calc::core::rules` (never retyped)

use sotay_calc::core::date::Date;
use sotay_calc::core::deadlines::{self as engine_deadlines, instrument_label};
use sotay_calc::core::rules::{self, MonthDay, ObligationKind, Period, RulesVersion, Schedule};

/// The handbook presents Circular 09/2012/TT-BYT (section `giam-sat`), whatever version the
/// calculator uses.
const SHOWN_VERSION: &str = "tt09-2012";

/// The calculator pages and the URL fragments they read to preselect a field (the browser
/// layer, `wasm/src/web/alloc.rs` and `wasm/src/web/dl.rs`, reads `#nhom=<group id>` and
/// `#don-vi=<unit or level id>`).
pub(crate) const ALLOCATION_TOOL: &str = "/cong-cu/phan-bo-mau/";
pub(crate) const DEADLINES_TOOL: &str = "/cong-cu/han-bao-cao/";

/// The preselection state of the allocation tool for `group` (`nhom=fsw`).
pub(crate) fn allocation_tool_state(group: rules::GroupId) -> String {
    format!("nhom={}", group.as_str())
}

/// The preselection state of the deadlines tool for a unit or level id (`don-vi=hiv_tinh`).
pub(crate) fn deadlines_tool_state(unit: &str) -> String {
    format!("don-vi={unit}")
}

/// A link into a calculator page with a field preselected: the page itself as `href` (checked
/// like every link) and the preselection as `data-tool-state`, which `site/js/blocks.js` turns
/// into the URL fragment the tool reads (the link check only knows fragments that are ids).
fn tool_link(page: &str, state: &str, title: &str, text: &str) -> String {
    format!(
        "<a href=\"{}\" data-tool-state=\"{}\" title=\"{}\">{}</a>",
        esc(page),
        esc(state),
        esc(title),
        text
    )
}

/// Unit names, each linking to its calendar in the deadlines tool, joined with "; ".
fn linked_units(units: &[rules::Unit]) -> String {
    units
        .iter()
        .map(|u| {
            tool_link(
                DEADLINES_TOOL,
                &deadlines_tool_state(u.id),
                "Mở lịch hạn báo cáo của đơn vị này",
                &esc(u.name),
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The instrument label of a version's recurring rules as read today: once the version has
/// been replaced, the label of any date after its last day (never shown as the rule in force).
fn standing_label(v: &RulesVersion) -> (bool, String) {
    let on = v
        .in_force_until
        .and_then(Date::parse_iso)
        .map(|u| u.add_days(1))
        .or_else(|| Date::parse_iso(v.in_force_from.value));
    match on {
        Some(d) => instrument_label(v, d),
        None => (true, format!("Theo {}", v.name)),
    }
}

/// Name of a unit or level id of `v`, for captions.
fn unit_name(v: &RulesVersion, id: &str) -> Option<String> {
    let level = match id {
        "xa" => Some("tuyến xã"),
        "huyen" => Some("tuyến huyện"),
        "tinh" => Some("tuyến tỉnh"),
        "trung_uong" => Some("tuyến trung ương"),
        _ => None,
    };
    level
        .or_else(|| v.unit(id).map(|u| u.name))
        .map(String::from)
}

#[derive(Serialize)]
struct DatedRow {
    date: String,
    start: Option<String>,
    shift: Option<String>,
    estimated: bool,
    period: String,
    kind: &'static str,
    title: String,
    senders: String,
    receivers: String,
    article: String,
    instrument: String,
    in_force: bool,
}

/// The `deadlines` block with `year`: every dated deadline of that year (of one unit or level
/// when `unit` is given), each labelled with the instrument it follows on its date.
fn dated_deadlines(
    spec: &BlockSpec<'_>,
    block_id: &str,
    year: i32,
    unit: Option<&str>,
) -> Result<(String, minijinja::Value), Diagnostic> {
    let v = rules::version(SHOWN_VERSION).unwrap_or_else(rules::active);
    let unit_label = match unit {
        Some(u) => Some(unit_name(v, u).ok_or_else(|| {
            spec.diag(format!(
                "khối deadlines: unit “{u}” không phải mã đơn vị hoặc tuyến của {} (một trong: {})",
                v.name,
                engine_deadlines::unit_ids(v).join(", ")
            ))
        })?),
        None => None,
    };
    let list = match engine_deadlines::deadlines_for_year(v, year, unit) {
        Ok(l) => l,
        Err(sotay_calc::core::error::CalcError::MissingRule(_)) => {
            return Ok(engine_pending("deadlines", block_id, v, "Điều 15, 23–26"));
        }
        Err(e) => return Err(spec.diag(format!("khối deadlines: {}", e.message()))),
    };
    let by_id = |ids: &[&str], want_senders: bool| -> String {
        // Units in the order of the obligation, found back by id.
        let o = v.obligations.unwrap_or(&[]);
        let units: Vec<rules::Unit> = ids
            .iter()
            .filter_map(|id| {
                o.iter()
                    .flat_map(|o| {
                        if want_senders {
                            o.senders.iter()
                        } else {
                            o.receivers.iter()
                        }
                    })
                    .find(|u| u.id == *id)
                    .copied()
            })
            .collect();
        if want_senders {
            linked_units(&units)
        } else {
            esc(&units.iter().map(|u| u.name).collect::<Vec<_>>().join("; "))
        }
    };
    let rows: Vec<DatedRow> = list
        .iter()
        .map(|d| DatedRow {
            // The Circular's own date first; it has no day-off rule (Điều 23–26 give dates
            // only), so a date that falls on a day off also shows the Civil Code's shift.
            date: d.end.dmy(),
            start: d.start.map(|s| s.dmy()),
            shift: d.shift_reason.as_ref().map(|r| {
                esc(&format!(
                    "{} là ngày nghỉ ({r}). Thông tư không quy định về ngày nghỉ; theo {} \
                     (thời hạn kết thúc vào ngày nghỉ thì lùi sang ngày làm việc tiếp theo), \
                     hạn là {}",
                    d.end.dmy(),
                    engine_deadlines::DAY_OFF_RULE,
                    d.effective_end.dmy()
                ))
            }),
            estimated: d.estimated,
            period: esc(&d.period),
            kind: match d.kind {
                ObligationKind::Collection => "Thu thập mẫu",
                ObligationKind::Report => "Báo cáo",
            },
            title: esc(d.title),
            senders: by_id(&d.sender_ids, true),
            receivers: by_id(&d.receiver_ids, false),
            article: esc(d.article),
            instrument: esc(&d.instrument),
            in_force: d.in_force,
        })
        .collect();
    let replaced_from = v
        .in_force_until
        .and_then(Date::parse_iso)
        .map(|u| u.add_days(1).dmy());
    Ok((
        "deadlines-year".into(),
        minijinja::context! {
            id => block_id,
            regulation => esc(v.name),
            year => year,
            unit => unit_label.as_deref().map(esc),
            tool_link => match unit {
                Some(u) => tool_link(
                    DEADLINES_TOOL,
                    &deadlines_tool_state(u),
                    "Mở công cụ Hạn báo cáo với đơn vị này",
                    "công cụ Hạn báo cáo",
                ),
                None => format!("<a href=\"{DEADLINES_TOOL}\">công cụ Hạn báo cáo</a>"),
            },
            replaced_from => replaced_from,
            rows => rows,
        },
    ))
}

fn md_text(d: MonthDay) -> String {
    format!("{:02}/{:02}", d.day, d.month)
}

fn schedule_text(s: &Schedule) -> String {
    match s {
        Schedule::Monthly { from_day, to_day } => {
            format!("từ ngày {from_day:02} đến ngày {to_day:02} hằng tháng")
        }
        Schedule::MonthlyBy { day } => format!("chậm nhất ngày {day:02} hằng tháng"),
        Schedule::InMonths {
            months,
            from_day,
            to_day,
        } => {
            let m: Vec<String> = months.iter().map(|m| format!("tháng {m:02}")).collect();
            format!(
                "từ ngày {from_day:02} đến ngày {to_day:02} của {}",
                m.join(" và ")
            )
        }
        Schedule::Yearly(Period {
            start: Some(a),
            end,
        }) => {
            format!("từ {} đến {} hằng năm", md_text(*a), md_text(*end))
        }
        Schedule::Yearly(Period { start: None, end }) => {
            format!("chậm nhất {} hằng năm", md_text(*end))
        }
    }
}

fn forms_text(forms: &[u8]) -> Option<String> {
    match forms {
        [] => None,
        [one] => Some(format!("Phụ lục {one}")),
        [init @ .., last] => Some(format!(
            "Phụ lục {} và {last}",
            init.iter()
                .map(u8::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

fn engine_article(kind: &str) -> (&'static str, &'static str) {
    match kind {
        "sample-sizes" => ("Điều 18", "/giam-sat/giam-sat-trong-diem/#dieu-18"),
        "sentinel-timeline" => (
            "Điều 15 và Điều 26",
            "/giam-sat/giam-sat-trong-diem/#dieu-15",
        ),
        "sti-tests" => ("Điều 14", "/giam-sat/giam-sat-trong-diem/#dieu-14"),
        _ => ("Mục 5", "/giam-sat/che-do-bao-cao/"),
    }
}

#[cfg(test)]
pub(super) fn engine_pending_for_test(
    kind: &str,
    block_id: &str,
    v: &RulesVersion,
    missing: &str,
) -> (String, minijinja::Value) {
    engine_pending(kind, block_id, v, missing)
}

/// A marked placeholder when the engine lacks a rule (names the missing article).
fn engine_pending(
    kind: &str,
    block_id: &str,
    v: &RulesVersion,
    missing: &str,
) -> (String, minijinja::Value) {
    let (article, href) = engine_article(kind);
    let title = match kind {
        "sample-sizes" => "Cỡ mẫu giám sát trọng điểm theo nhóm đối tượng",
        "sentinel-timeline" => "Lịch giám sát trọng điểm hằng năm",
        "sti-tests" => {
            "Xét nghiệm các nhiễm trùng lây truyền qua đường tình dục theo nhóm đối tượng"
        }
        _ => "Thời hạn báo cáo",
    };
    (
        "engine-pending".to_string(),
        minijinja::context! {
            id => block_id,
            title => esc(title),
            article => esc(article),
            href => esc(href),
            regulation => esc(v.name),
            notice => format!(
                "Bảng này được sinh từ bộ quy tắc của máy tính (đang hoàn thiện): chưa có quy tắc {}.",
                esc(missing)
            ),
        },
    )
}

#[derive(Serialize)]
struct StiColumn {
    name: String,
    article: String,
}

#[derive(Serialize)]
struct StiRow {
    group: String,
    article: String,
    /// One per column: is this disease tested in this group?
    cells: Vec<bool>,
}

/// First letter in capitals ("giang mai" → "Giang mai").
fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[derive(Serialize)]
struct SampleRow {
    group: String,
    size: String,
    size_article: String,
    specimens: String,
    specimens_article: String,
    districts: Option<String>,
}

#[derive(Serialize)]
struct DeadlineRow {
    when: String,
    kind: &'static str,
    title: String,
    senders: String,
    receivers: String,
    forms: Option<String>,
    article: String,
    instrument: String,
    in_force: bool,
}

#[derive(Serialize)]
struct YearMark {
    x: f64,
    date: String,
    label_y: f64,
    lines: Vec<(String, f64)>,
    article: String,
    collection: bool,
}

#[derive(Serialize)]
struct YearChart {
    width: u32,
    height: f64,
    axis_y: f64,
    months: Vec<(String, f64)>,
    bar: Option<(f64, f64, String)>,
    marks: Vec<YearMark>,
    desc: String,
}

/// x of a yearly date on a 360-wide Jan–Dec axis.
fn year_x(d: MonthDay) -> f64 {
    const LEFT: f64 = 12.0;
    const SPAN: f64 = 336.0;
    let days = [
        31.0, 28.0, 31.0, 30.0, 31.0, 30.0, 31.0, 31.0, 30.0, 31.0, 30.0, 31.0,
    ];
    let before: f64 = days[..usize::from(d.month.clamp(1, 12) - 1)].iter().sum();
    LEFT + (before + f64::from(d.day) - 0.5) / 365.0 * SPAN
}

/// Render an engine block: returns the template name and its context.
fn engine_block(kind: &str, block_id: &str) -> (String, minijinja::Value) {
    let v = rules::version(SHOWN_VERSION).unwrap_or_else(rules::active);
    match kind {
        "sample-sizes" => {
            let Some(groups) = v.groups else {
                return engine_pending(kind, block_id, v, "Điều 14–18");
            };
            let rows: Vec<SampleRow> = groups
                .iter()
                .map(|g| {
                    let r = g.sample_size.value;
                    let size = if r.min == r.max {
                        format!("{} mẫu", r.min)
                    } else {
                        format!("{}–{} mẫu", r.min, r.max)
                    };
                    let sp = g.specimens.value;
                    let mut specimens =
                        sp.always.iter().map(|s| s.name_vi()).collect::<Vec<_>>().join(", ");
                    if !sp.with_sti_surveillance.is_empty() {
                        specimens.push_str(&format!(
                            "; thêm {} ở tỉnh có giám sát trọng điểm các nhiễm trùng lây truyền qua đường tình dục",
                            sp.with_sti_surveillance.iter().map(|s| s.name_vi()).collect::<Vec<_>>().join(", ")
                        ));
                    }
                    SampleRow {
                        group: tool_link(
                            ALLOCATION_TOOL,
                            &allocation_tool_state(g.id),
                            "Mở công cụ phân bổ mẫu với nhóm này",
                            &esc(g.name),
                        ),
                        size,
                        size_article: esc(g.sample_size.article),
                        specimens: esc(&specimens),
                        specimens_article: esc(g.specimens.article),
                        // Điều 16 counts districts, except for rural pregnant women: district
                        // hospitals (khoản 4 điểm b, "tối đa 5 bệnh viện huyện").
                        districts: g.max_districts.map(|d| {
                            let what = match g.site_kind.value {
                                rules::SiteKind::DistrictHospital => g.site_kind.value.name_vi(),
                                _ => "huyện",
                            };
                            format!("tối đa {} {what} ({})", d.value, esc(d.article))
                        }),
                    }
                })
                .collect();
            (
                "sample-sizes".into(),
                minijinja::context! { id => block_id, regulation => esc(v.name), rows => rows },
            )
        }
        "sti-tests" => {
            let Some(groups) = v.groups else {
                return engine_pending(kind, block_id, v, "Điều 14");
            };
            // Columns: the diseases of Điều 14 khoản 2 in the order the groups name them.
            let mut diseases: Vec<(rules::Disease, &str)> = Vec::new();
            for g in groups {
                for c in g.stis {
                    if !diseases.iter().any(|d| d.0 == c.value) {
                        diseases.push((c.value, c.article));
                    }
                }
            }
            let columns: Vec<StiColumn> = diseases
                .iter()
                .map(|(d, article)| StiColumn {
                    name: esc(&capitalised(d.name_vi())),
                    article: esc(article),
                })
                .collect();
            let rows: Vec<StiRow> = groups
                .iter()
                .map(|g| StiRow {
                    group: esc(g.name),
                    article: esc(g.article),
                    cells: diseases
                        .iter()
                        .map(|(d, _)| g.stis.iter().any(|c| c.value == *d))
                        .collect(),
                })
                .collect();
            (
                "sti-tests".into(),
                minijinja::context! {
                    id => block_id,
                    regulation => esc(v.name),
                    columns => columns,
                    rows => rows,
                },
            )
        }
        "deadlines" => {
            let Some(obligations) = v.obligations else {
                return engine_pending(kind, block_id, v, "Điều 15, 23–26");
            };
            let names = |units: &[rules::Unit]| {
                esc(&units.iter().map(|u| u.name).collect::<Vec<_>>().join("; "))
            };
            let (in_force, instrument) = standing_label(v);
            let rows: Vec<DeadlineRow> = obligations
                .iter()
                .map(|o| DeadlineRow {
                    when: esc(&schedule_text(&o.schedule)),
                    kind: match o.kind {
                        ObligationKind::Collection => "Thu thập mẫu",
                        ObligationKind::Report => "Báo cáo",
                    },
                    title: esc(o.title),
                    senders: linked_units(o.senders),
                    receivers: names(o.receivers),
                    forms: forms_text(o.forms),
                    article: esc(o.article),
                    instrument: esc(&instrument),
                    in_force,
                })
                .collect();
            (
                "deadlines".into(),
                minijinja::context! {
                    id => block_id,
                    regulation => esc(v.name),
                    tool_link => format!(
                        "<a href=\"{DEADLINES_TOOL}\">công cụ Hạn báo cáo</a>"
                    ),
                    rows => rows,
                },
            )
        }
        _ => {
            let (Some(period), Some(obligations)) = (v.collection_period, v.obligations) else {
                return engine_pending(kind, block_id, v, "Điều 15 khoản 1, Điều 26");
            };
            let axis_y = 44.0;
            let months = (1..=12u8)
                .map(|m| (format!("T{m}"), year_x(MonthDay { month: m, day: 15 })))
                .collect();
            let bar = period.value.start.map(|a| {
                (
                    year_x(MonthDay {
                        month: a.month,
                        day: a.day,
                    }) - 0.5,
                    year_x(period.value.end) + 0.5,
                    format!(
                        "Thu thập mẫu {} – {} ({})",
                        md_text(a),
                        md_text(period.value.end),
                        esc(period.article)
                    ),
                )
            });
            let mut yearly: Vec<&rules::Obligation> = obligations
                .iter()
                .filter(|o| matches!(o.schedule, Schedule::Yearly(Period { start: None, .. })))
                .collect();
            yearly.sort_by_key(|o| match o.schedule {
                Schedule::Yearly(p) => (p.end.month, p.end.day),
                _ => (13, 0),
            });
            let mut marks = Vec::new();
            let mut y = axis_y + 34.0;
            for o in &yearly {
                let Schedule::Yearly(p) = o.schedule else {
                    continue;
                };
                let who = o
                    .senders
                    .iter()
                    .map(|u| u.name)
                    .collect::<Vec<_>>()
                    .join("; ");
                let text = format!("{who}: {}", o.title);
                let lines = wrap(&text, 42);
                let label_y = y;
                marks.push(YearMark {
                    x: year_x(p.end),
                    date: format!("{} ({})", md_text(p.end), o.article),
                    label_y,
                    lines: lines
                        .into_iter()
                        .enumerate()
                        .map(|(k, t)| (esc(&t), label_y + LINE_H * (k as f64 + 1.0)))
                        .collect(),
                    article: esc(o.article),
                    collection: o.kind == ObligationKind::Collection,
                });
                y = label_y
                    + LINE_H * (marks.last().map_or(1.0, |m| m.lines.len() as f64) + 1.0)
                    + 10.0;
            }
            let desc = std::iter::once(bar.as_ref().map(|b| b.2.clone()).unwrap_or_default())
                .chain(yearly.iter().map(|o| {
                    let Schedule::Yearly(p) = o.schedule else {
                        return String::new();
                    };
                    format!("{}: {} ({})", md_text(p.end), o.title, o.article)
                }))
                .collect::<Vec<_>>()
                .join("; ");
            let chart = YearChart {
                width: CHART_W as u32,
                height: y,
                axis_y,
                months,
                bar,
                marks,
                desc: esc(&desc),
            };
            let (in_force, instrument) = standing_label(v);
            (
                "sentinel-timeline".into(),
                minijinja::context! {
                    id => block_id,
                    regulation => esc(v.name),
                    chart => chart,
                    instrument => esc(&instrument),
                    in_force => in_force,
                },
            )
        }
    }
}
