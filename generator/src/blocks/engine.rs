//! The blocks that show the circular's own numbers: `sample-sizes` (Điều 18), `sentinel-timeline`
//! (Điều 15 and 26), `sti-tests` (Điều 14 khoản 2) and `deadlines` (Mục 5, or the dated deadlines
//! of a year). They take no data file: they read `sotay_calc::core::rules`, so no number of the
//! circular is ever typed twice.
use serde::Serialize;

use super::org_chart::{CHART_W, LINE_H, wrap};
use super::{BlockSpec, DeadlinesParams, esc};
use crate::error::Diagnostic;

use sotay_calc::core::date::Date;
use sotay_calc::core::deadlines::{self as engine_deadlines, instrument_label};
use sotay_calc::core::rules::{self, MonthDay, ObligationKind, Period, RulesVersion, Schedule};

/// Text for a view (escaped by the template).
fn text(s: &str) -> String {
    s.to_string()
}

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
            text(&units.iter().map(|u| u.name).collect::<Vec<_>>().join("; "))
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
                text(&format!(
                    "{} là ngày nghỉ ({r}). Thông tư không quy định về ngày nghỉ; theo {} \
                     (thời hạn kết thúc vào ngày nghỉ thì lùi sang ngày làm việc tiếp theo), \
                     hạn là {}",
                    d.end.dmy(),
                    engine_deadlines::DAY_OFF_RULE,
                    d.effective_end.dmy()
                ))
            }),
            estimated: d.estimated,
            period: text(&d.period),
            kind: match d.kind {
                ObligationKind::Collection => "Thu thập mẫu",
                ObligationKind::Report => "Báo cáo",
            },
            title: text(d.title),
            senders: by_id(&d.sender_ids, true),
            receivers: by_id(&d.receiver_ids, false),
            article: text(d.article),
            instrument: text(&d.instrument),
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
            regulation => text(v.name),
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
        Schedule::AfterPeriod { months, day } => format!(
            "chậm nhất ngày {day:02} của tháng sau mỗi kỳ báo cáo ({})",
            match months {
                1 => "tháng".to_string(),
                3 => "quý".to_string(),
                m => format!("{m} tháng"),
            }
        ),
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
            title => text(title),
            article => text(article),
            href => text(href),
            regulation => text(v.name),
            notice => format!(
                "Bảng này được sinh từ bộ quy tắc của máy tính (đang hoàn thiện): chưa có quy tắc {}.",
                text(missing)
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

/// The `deadlines` block: the schedule of every obligation, or with `year` the dated deadlines
/// of that year (of one unit or level with `unit`). Returns the template and its view.
pub(super) fn deadlines(
    spec: &BlockSpec<'_>,
    p: &DeadlinesParams,
    id: &str,
) -> Result<(String, minijinja::Value), Diagnostic> {
    match p.year {
        Some(year) => dated_deadlines(spec, id, year, p.unit.as_deref()),
        None if p.unit.is_some() => {
            Err(spec.diag("khối deadlines: unit chỉ dùng cùng year (lịch hạn của một năm)"))
        }
        None => Ok(table("deadlines", id)),
    }
}

/// An engine table (`sample-sizes`, `sentinel-timeline`, `sti-tests`, `deadlines` without a
/// year): the template and its view.
pub(super) fn table(kind: &str, block_id: &str) -> (String, minijinja::Value) {
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
                        size_article: text(g.sample_size.article),
                        specimens: text(&specimens),
                        specimens_article: text(g.specimens.article),
                        // Điều 16 counts districts, except for rural pregnant women: district
                        // hospitals (khoản 4 điểm b, "tối đa 5 bệnh viện huyện").
                        districts: g.max_districts.map(|d| {
                            let what = match g.site_kind.value {
                                rules::SiteKind::DistrictHospital => g.site_kind.value.name_vi(),
                                _ => "huyện",
                            };
                            format!("tối đa {} {what} ({})", d.value, text(d.article))
                        }),
                    }
                })
                .collect();
            (
                "sample-sizes".into(),
                minijinja::context! { id => block_id, regulation => text(v.name), rows => rows },
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
                    name: text(&capitalised(d.name_vi())),
                    article: text(article),
                })
                .collect();
            let rows: Vec<StiRow> = groups
                .iter()
                .map(|g| StiRow {
                    group: text(g.name),
                    article: text(g.article),
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
                    regulation => text(v.name),
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
                text(&units.iter().map(|u| u.name).collect::<Vec<_>>().join("; "))
            };
            let (in_force, instrument) = standing_label(v);
            let rows: Vec<DeadlineRow> = obligations
                .iter()
                .map(|o| DeadlineRow {
                    when: text(&schedule_text(&o.schedule)),
                    kind: match o.kind {
                        ObligationKind::Collection => "Thu thập mẫu",
                        ObligationKind::Report => "Báo cáo",
                    },
                    title: text(o.title),
                    senders: linked_units(o.senders),
                    receivers: names(o.receivers),
                    forms: forms_text(o.forms),
                    article: text(o.article),
                    instrument: text(&instrument),
                    in_force,
                })
                .collect();
            (
                "deadlines".into(),
                minijinja::context! {
                    id => block_id,
                    regulation => text(v.name),
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
                        text(period.article)
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
                let label = format!("{who}: {}", o.title);
                let lines = wrap(&label, 42);
                let label_y = y;
                marks.push(YearMark {
                    x: year_x(p.end),
                    date: format!("{} ({})", md_text(p.end), o.article),
                    label_y,
                    lines: lines
                        .into_iter()
                        .enumerate()
                        .map(|(k, t)| (t, label_y + LINE_H * (k as f64 + 1.0)))
                        .collect(),
                    article: text(o.article),
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
                desc: text(&desc),
            };
            let (in_force, instrument) = standing_label(v);
            (
                "sentinel-timeline".into(),
                minijinja::context! {
                    id => block_id,
                    regulation => text(v.name),
                    chart => chart,
                    instrument => text(&instrument),
                    in_force => in_force,
                },
            )
        }
    }
}
