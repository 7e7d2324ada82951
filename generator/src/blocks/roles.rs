//! `block = "roles"`: roles with their duties and members (`[[role]]` data files), through
//! `site/templates/blocks/roles.html`. The heading over the duties comes from the data.
use crate::data::schema::{Duty, Role};

use serde::Serialize;

use super::{BlockCtx, BlockSpec, DataFile, RolesParams, data_of, md_inline, md_opt};
use crate::error::Diagnostic;

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
        duties_heading: r
            .duties_heading
            .as_deref()
            .or(file_heading)
            .map(String::from),
        labelled: r
            .duties
            .iter()
            .any(|d| matches!(d, Duty::Group(g) if g.label.is_some())),
        id: r.id.get_ref().clone(),
        title: r.title.clone(),
        held_by: md_opt(&r.held_by),
        based_at: md_opt(&r.based_at),
        note: md_opt(&r.note),
        source: r.source.clone(),
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
                    label: g.label.clone(),
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
                position: m.position.clone(),
            })
            .collect(),
    }
}

/// The view of a `roles` block.
pub(super) fn view(
    ctx: &BlockCtx<'_>,
    spec: &BlockSpec<'_>,
    p: &RolesParams,
    id: &str,
) -> Result<minijinja::Value, Diagnostic> {
    let (entry, f) = data_of!(ctx.store, spec, &p.data, "role", Roles);
    let roles: Vec<&Role> = match &p.ids {
        None => f.role.iter().collect(),
        Some(ids) => ids
            .iter()
            .map(|want| {
                f.role
                    .iter()
                    .find(|r| r.id.get_ref() == want)
                    .ok_or_else(|| {
                        spec.diag(format!(
                            "không có vai trò id = “{want}” trong {}",
                            entry.shown.display()
                        ))
                    })
            })
            .collect::<Result<_, _>>()?,
    };
    let heading = f.duties_heading.as_deref();
    Ok(minijinja::context! {
        id => id,
        roles => roles.iter().map(|r| role_view(r, heading)).collect::<Vec<_>>(),
    })
}
