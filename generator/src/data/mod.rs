//! Structured content data (`content/_data/**/*.toml`): `DataStore::load` reads and validates
//! every data file once per build (typed schemas, file:line:column errors). The blocks that show
//! the data are `crate::blocks`.
//!
//! The kind of a data file is told by its top-level key: `role` (roles, org chart), `set`
//! (criteria), `procedure` (procedures), `group` (technical working groups), `columns` (table),
//! `abbreviation` (the glossary: one file, read by the glossary check and expansion too).
//! `nguon.toml` and `thong-bao.toml` belong to the content loader and are skipped here.
use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use crate::error::Diagnostic;
use crate::error::toml_diag;

pub mod glossary;
pub mod schema;

use schema::{CriteriaFile, Founded, GlossaryFile, ProceduresFile, RolesFile, TableFile, TwgFile};

/// Files under `content/_data/` that other parts of the generator own.
const NOT_BLOCK_DATA: &[&str] = &["nguon", "thong-bao"];

/// One parsed data file, by kind.
#[derive(Debug, Clone)]
pub enum DataFile {
    Roles(RolesFile),
    Criteria(CriteriaFile),
    Procedures(ProceduresFile),
    Twg(TwgFile),
    Table(TableFile),
    Glossary(GlossaryFile),
}

impl DataFile {
    /// The top-level key that tells a data file's kind (`role`, `set`, …).
    pub fn kind(&self) -> &'static str {
        match self {
            DataFile::Roles(_) => "role",
            DataFile::Criteria(_) => "set",
            DataFile::Procedures(_) => "procedure",
            DataFile::Twg(_) => "group",
            DataFile::Table(_) => "columns",
            DataFile::Glossary(_) => "abbreviation",
        }
    }
}

/// A loaded data file with the path shown to users.
#[derive(Debug, Clone)]
pub struct Entry {
    pub shown: PathBuf,
    pub file: DataFile,
}

/// All data files, parsed and validated.
#[derive(Debug, Default)]
pub struct DataStore {
    pub root: PathBuf,
    /// Keyed by the path under `_data` without `.toml`, with `/` separators (`nhom-htkt/co-cau`).
    pub files: BTreeMap<String, Entry>,
    /// The glossary's lookups, when the project has a glossary file (`[[abbreviation]]`).
    pub glossary: Option<glossary::Glossary>,
    /// That file, as shown to users.
    pub glossary_file: Option<PathBuf>,
    /// The text of every TOML file under `_data` (these data files, and the documents and
    /// notices the content loader owns), by shown path: the glossary check reads them here.
    pub texts: BTreeMap<PathBuf, String>,
    /// Files skipped under the file policy ([`crate::fsutil`]): printed, not fatal.
    pub warnings: Vec<Diagnostic>,
}

impl DataStore {
    /// Load and validate everything under `content_dir/_data`.
    pub fn load(content_dir: &Path) -> Result<DataStore, Vec<Diagnostic>> {
        let root = content_dir.join("_data");
        let mut store = DataStore {
            root: root.clone(),
            ..Default::default()
        };
        if !root.is_dir() {
            return Ok(store);
        }
        // The project root is content/'s parent: links may point anywhere inside it.
        let project = content_dir.parent().unwrap_or(content_dir);
        let mut found = crate::fsutil::walk(project, &root, |_, _| false);
        let mut errors = std::mem::take(&mut found.errors);
        store.warnings = found.warnings;
        let mut paths: Vec<PathBuf> = found
            .entries
            .into_iter()
            .filter(|e| !e.is_dir && e.rel.ends_with(".toml"))
            .map(|e| e.path)
            .collect();
        paths.sort();
        for path in paths {
            let rel = path.strip_prefix(&root).unwrap_or(&path);
            let key = rel.with_extension("").to_string_lossy().replace('\\', "/");
            let shown = Path::new("content/_data").join(rel);
            let text = match read_text(&path, &shown) {
                Ok(t) => t,
                Err(mut e) => {
                    errors.append(&mut e);
                    continue;
                }
            };
            store.texts.insert(shown.clone(), text);
            if NOT_BLOCK_DATA.contains(&key.as_str()) {
                continue;
            }
            match load_file(&store.texts[&shown], &shown) {
                Ok(file) => {
                    if let DataFile::Glossary(g) = &file {
                        if let Some(first) = &store.glossary_file {
                            errors.push(
                                Diagnostic::new(
                                    &shown,
                                    format!(
                                        "chỉ được có một bảng thuật ngữ ([[abbreviation]]); đã có {}",
                                        first.display()
                                    ),
                                )
                                .at(1, Some(1)),
                            );
                        } else {
                            store.glossary = Some(glossary::Glossary::new(g));
                            store.glossary_file = Some(shown.clone());
                        }
                    }
                    store.files.insert(key, Entry { shown, file });
                }
                Err(mut e) => errors.append(&mut e),
            }
        }
        if errors.is_empty() {
            Ok(store)
        } else {
            errors.append(&mut store.warnings);
            Err(errors)
        }
    }
}

/// Read one data file as UTF-8.
fn read_text(path: &Path, shown: &Path) -> Result<String, Vec<Diagnostic>> {
    let bytes = fs::read(path)
        .map_err(|e| vec![Diagnostic::new(shown, format!("không đọc được tệp: {e}"))])?;
    String::from_utf8(bytes).map_err(|e| {
        let off = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
        vec![Diagnostic::new(shown, "tệp không phải UTF-8 hợp lệ").at_offset(&text, off)]
    })
}

/// Parse and validate one data file.
fn load_file(text: &str, shown: &Path) -> Result<DataFile, Vec<Diagnostic>> {
    let table: toml::Table =
        toml::from_str(text).map_err(|e| vec![toml_diag(shown, text, 0, &e)])?;
    // Raw HTML in any string must follow the content policy (crate::rawhtml).
    let html = crate::rawhtml::check_toml(shown, text);
    if !html.is_empty() {
        return Err(html);
    }
    let parse = |e: toml::de::Error| vec![toml_diag(shown, text, 0, &e)];
    let file = if table.contains_key("role") {
        DataFile::Roles(toml::from_str(text).map_err(parse)?)
    } else if table.contains_key("set") {
        DataFile::Criteria(toml::from_str(text).map_err(parse)?)
    } else if table.contains_key("procedure") {
        DataFile::Procedures(toml::from_str(text).map_err(parse)?)
    } else if table.contains_key("group") {
        DataFile::Twg(toml::from_str(text).map_err(parse)?)
    } else if table.contains_key("columns") {
        DataFile::Table(toml::from_str(text).map_err(parse)?)
    } else if table.contains_key("abbreviation") {
        DataFile::Glossary(toml::from_str(text).map_err(parse)?)
    } else {
        return Err(vec![
            Diagnostic::new(
                shown,
                "không nhận ra loại dữ liệu: cần một khóa [[role]], [[set]], [[procedure]], \
                 [[group]], [[abbreviation]] hoặc columns",
            )
            .at(1, Some(1)),
        ]);
    };
    validate(&file, shown, text)?;
    Ok(file)
}

/// Checks serde cannot express: unique ids, references, dates, row widths.
fn validate(file: &DataFile, shown: &Path, text: &str) -> Result<(), Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let at = |span: std::ops::Range<usize>, msg: String| {
        Diagnostic::new(shown, msg).at_offset(text, span.start)
    };
    let unique = |ids: Vec<&toml::Spanned<String>>, what: &str, errors: &mut Vec<Diagnostic>| {
        let mut seen = HashSet::new();
        for id in ids {
            if !crate::slug::is_slug(id.get_ref()) {
                errors.push(at(
                    id.span(),
                    format!("{what} “{}” phải là slug [a-z0-9-]", id.get_ref()),
                ));
            }
            if !seen.insert(id.get_ref().clone()) {
                errors.push(at(
                    id.span(),
                    format!("{what} “{}” bị khai báo hai lần", id.get_ref()),
                ));
            }
        }
    };
    match file {
        DataFile::Roles(f) => {
            unique(f.role.iter().map(|r| &r.id).collect(), "id", &mut errors);
            let ids: HashSet<&str> = f.role.iter().map(|r| r.id.get_ref().as_str()).collect();
            for r in &f.role {
                if let Some(p) = &r.parent
                    && (!ids.contains(p.get_ref().as_str()) || p.get_ref() == r.id.get_ref())
                {
                    errors.push(at(
                        p.span(),
                        format!(
                            "parent “{}” không phải id của vai trò khác trong tệp",
                            p.get_ref()
                        ),
                    ));
                }
            }
            if let Err(e) = chart_levels(&f.role) {
                errors.push(Diagnostic::new(shown, e));
            }
            for r in &f.role {
                if !r.duties.is_empty() && r.duties_heading.is_none() && f.duties_heading.is_none()
                {
                    errors.push(at(
                        r.id.span(),
                        format!(
                            "vai trò “{}” có duties nhưng không có tiêu đề: ghi duties_heading \
                             (ở đầu tệp hoặc trong vai trò) đúng lời văn bản nguồn, ví dụ \
                             \"Nhiệm vụ\" hoặc \"Trách nhiệm\"",
                            r.id.get_ref()
                        ),
                    ));
                }
            }
        }
        DataFile::Criteria(f) => {
            unique(f.set.iter().map(|s| &s.id).collect(), "id", &mut errors);
            for s in &f.set {
                if s.items.get_ref().is_empty() {
                    errors.push(at(s.items.span(), "items: cần ít nhất một tiêu chí".into()));
                }
            }
        }
        DataFile::Procedures(f) => {
            unique(
                f.procedure.iter().map(|p| &p.id).collect(),
                "id",
                &mut errors,
            );
            for p in &f.procedure {
                if p.step.get_ref().is_empty() {
                    errors.push(at(
                        p.step.span(),
                        "procedure: cần ít nhất một bước [[procedure.step]]".into(),
                    ));
                }
            }
        }
        DataFile::Twg(f) => {
            for g in &f.group {
                if let Err(e) = Founded::parse(g.founded.get_ref()) {
                    errors.push(at(g.founded.span(), e));
                }
            }
        }
        DataFile::Glossary(f) => {
            let mut ids: Vec<&toml::Spanned<String>> = f.term.iter().map(|t| &t.id).collect();
            ids.extend(f.abbreviation.iter().map(|a| &a.id));
            unique(ids, "id", &mut errors);
            if !f.page.get_ref().starts_with('/') {
                errors.push(at(
                    f.page.span(),
                    format!(
                        "page “{}” phải là địa chỉ trang, ví dụ \"/thuat-ngu/\"",
                        f.page.get_ref()
                    ),
                ));
            }
            for t in &f.term {
                if !crate::slug::is_slug(t.group.get_ref()) {
                    errors.push(at(
                        t.group.span(),
                        format!("group “{}” phải là slug [a-z0-9-]", t.group.get_ref()),
                    ));
                }
            }
            let mut forms: HashSet<String> = HashSet::new();
            for a in &f.abbreviation {
                if a.forms.is_empty() && !forms.insert(a.abbr.clone()) {
                    errors.push(at(
                        a.id.span(),
                        format!("chữ viết tắt “{}” có ở hai mục", a.abbr),
                    ));
                }
                for form in &a.forms {
                    let w = form.get_ref();
                    if w.trim().is_empty() || w.trim() != w {
                        errors.push(at(
                            form.span(),
                            "forms: cách viết rỗng hoặc có khoảng trắng thừa".into(),
                        ));
                    } else if !forms.insert(w.clone()) {
                        errors.push(at(form.span(), format!("cách viết “{w}” có ở hai mục")));
                    }
                }
            }
            for n in &f.not_abbreviation {
                for w in &n.words {
                    if forms.contains(w.get_ref()) {
                        errors.push(at(
                            w.span(),
                            format!(
                                "“{}” vừa là chữ viết tắt vừa ở not_abbreviation",
                                w.get_ref()
                            ),
                        ));
                    } else if !glossary::is_all_caps(w.get_ref()) {
                        errors.push(at(
                            w.span(),
                            format!(
                                "“{}” không phải một từ viết hoa (ít nhất hai chữ hoa, không chữ thường): không cần ghi ở đây",
                                w.get_ref()
                            ),
                        ));
                    }
                }
            }
        }
        DataFile::Table(f) => {
            if f.columns.is_empty() {
                errors.push(Diagnostic::new(shown, "columns: cần ít nhất một cột").at(1, Some(1)));
            }
            for row in f.rows.get_ref() {
                if row.get_ref().len() != f.columns.len() {
                    errors.push(at(
                        row.span(),
                        format!(
                            "hàng có {} ô nhưng bảng có {} cột",
                            row.get_ref().len(),
                            f.columns.len()
                        ),
                    ));
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Level of every role: explicit `level`, else parent's level + 1, else 0. Errors on cycles or
/// on a child drawn above or beside its parent.
pub fn chart_levels(
    roles: &[schema::Role],
) -> Result<std::collections::HashMap<String, u8>, String> {
    let by_id: std::collections::HashMap<&str, &schema::Role> =
        roles.iter().map(|r| (r.id.get_ref().as_str(), r)).collect();
    let mut levels = std::collections::HashMap::new();
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
