//! Typed schemas of the data files under `content/_data/` (one per kind of file).
//!
//! Every struct denies unknown fields so that a typo in a key is an error with its position.
//! Free text fields (`text`, `duties`, `items`, cells, …) are one-line Markdown: links and
//! emphasis are allowed, and they are rendered by the block renderer.
use serde::Deserialize;
use toml::Spanned;

/// `[[role]]` files: people, units and teams with their duties (block `roles`, `org-chart`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RolesFile {
    /// Heading printed above every role's duties ("Nhiệm vụ và quyền hạn", "Trách nhiệm"), in
    /// the words of the source. Required when a role has duties and no heading of its own.
    #[serde(default)]
    pub duties_heading: Option<String>,
    pub role: Vec<Role>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub id: Spanned<String>,
    pub title: String,
    /// Short label for the organisation chart (defaults to `title`).
    #[serde(default)]
    pub label: Option<String>,
    /// Who holds the role ("Lãnh đạo Sở Y tế").
    #[serde(default)]
    pub held_by: Option<String>,
    /// Id of the role above this one in the organisation chart.
    #[serde(default)]
    pub parent: Option<Spanned<String>>,
    /// Row of the organisation chart (0 = top). Defaults to the parent's level + 1.
    #[serde(default)]
    pub level: Option<u8>,
    /// Where a team is based ("Thường trực đặt tại …").
    #[serde(default)]
    pub based_at: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    /// This role's duties heading, when it differs from the file's `duties_heading`.
    #[serde(default)]
    pub duties_heading: Option<String>,
    #[serde(default)]
    pub duties: Vec<Duty>,
    #[serde(default)]
    pub members: Vec<Member>,
    /// Article / section of the source document.
    #[serde(default)]
    pub source: Option<String>,
}

/// A duty: plain text, or text with the source's numbering (`label = "1."`) and/or a list of
/// sub-duties.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Duty {
    Text(String),
    Group(DutyGroup),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DutyGroup {
    /// Numbering as the source writes it ("1.", "a)"); shown before the text.
    #[serde(default)]
    pub label: Option<String>,
    pub text: String,
    #[serde(default)]
    pub items: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    pub who: String,
    pub position: String,
}

/// `[[set]]` files: sets of criteria a reader can tick (block `criteria`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CriteriaFile {
    pub set: Vec<CriteriaSet>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CriteriaSet {
    pub id: Spanned<String>,
    pub title: String,
    /// The self-assessment question shown above the checklist.
    #[serde(default)]
    pub question: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    /// Number the items 1, 2, 3… (the source's own numbering, e.g. the khoản of an article).
    #[serde(default)]
    pub numbered: bool,
    pub items: Spanned<Vec<String>>,
}

/// `[[procedure]]` files: numbered steps, nested (block `procedure`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProceduresFile {
    pub procedure: Vec<Procedure>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Procedure {
    pub id: Spanned<String>,
    pub title: String,
    #[serde(default)]
    pub source: Option<String>,
    pub step: Spanned<Vec<Step>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// Numbering as the source writes it ("3.", "a)", "3.2.1."); automatic when absent.
    #[serde(default)]
    pub label: Option<String>,
    pub text: String,
    /// The responsible unit, when the source names it (highlighted).
    #[serde(default)]
    pub who: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    /// Bullet points under the step.
    #[serde(default)]
    pub items: Vec<String>,
    /// Sub-steps.
    #[serde(default)]
    pub step: Vec<Step>,
}

/// `[[group]]` files: the Ministry of Health's technical working groups (`twg-list`, `twg-timeline`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TwgFile {
    pub group: Vec<Twg>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Twg {
    pub number: u32,
    pub name: String,
    #[serde(default)]
    pub code: Option<String>,
    /// "YYYY-MM-DD", or "YYYY" when the source gives only the year.
    pub founded: Spanned<String>,
    #[serde(default)]
    pub lead: Vec<String>,
    #[serde(default)]
    pub partner: Vec<String>,
    #[serde(default)]
    pub tor: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// Generic table files (`table`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableFile {
    #[serde(default)]
    pub caption: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    pub columns: Vec<String>,
    pub rows: Spanned<Vec<Spanned<Vec<String>>>>,
}

/// The glossary (`content/_data/thuat-ngu.toml`, block `glossary`): defined terms, every
/// abbreviation a page may use, and the all-caps words that are not abbreviations. The
/// generator checks every page against it and expands each abbreviation at its first use on
/// a page (`generator/src/glossary.rs`); search reads the same file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryFile {
    /// URL of the page that shows the glossary (`/thuat-ngu/`): expansions link to its entries.
    pub page: Spanned<String>,
    #[serde(default)]
    pub term: Vec<GlossaryTerm>,
    pub abbreviation: Vec<Abbreviation>,
    #[serde(default)]
    pub not_abbreviation: Vec<NotAbbreviation>,
}

/// A defined term ("Giám sát trọng điểm HIV lồng ghép hành vi").
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryTerm {
    /// Anchor on the glossary page.
    pub id: Spanned<String>,
    /// Which list of the page shows it (block parameter `group`).
    pub group: Spanned<String>,
    pub term: String,
    /// The definition, in the source's words (one-line Markdown).
    pub text: String,
    #[serde(default)]
    pub source: Option<String>,
}

/// An abbreviation and how the sources write it out.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Abbreviation {
    /// Anchor on the glossary page.
    pub id: Spanned<String>,
    /// Heading of the entry ("HIV", "KH-UBND, NĐ-CP").
    pub abbr: String,
    /// The spellings pages use (default: `[abbr]`). A form may be a phrase ("HIV/AIDS",
    /// "NN & PTNT"); the build check looks at single words.
    #[serde(default)]
    pub forms: Vec<Spanned<String>>,
    /// Plain-text expansion (the `<abbr title>` at first use on a page).
    pub expansion: String,
    /// The entry: what it stands for and how the source writes it (one-line Markdown).
    pub text: String,
    #[serde(default)]
    pub source: Option<String>,
}

/// All-caps words that are not abbreviations (Roman numerals, names written in capitals).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotAbbreviation {
    pub words: Vec<Spanned<String>>,
    pub reason: String,
}

/// A founding date: full date, or year only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Founded {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl Founded {
    /// Parse "YYYY-MM-DD" or "YYYY".
    pub fn parse(s: &str) -> Result<Founded, String> {
        let bad = || format!("ngày “{s}” không hợp lệ: cần dạng YYYY-MM-DD hoặc YYYY");
        let parts: Vec<&str> = s.split('-').collect();
        let num = |p: &str, len: usize| -> Result<u16, String> {
            if p.len() != len || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            p.parse::<u16>().map_err(|_| bad())
        };
        match parts.as_slice() {
            [y] => Ok(Founded {
                year: num(y, 4)?,
                month: None,
                day: None,
            }),
            [y, m, d] => {
                let (year, month, day) = (num(y, 4)?, num(m, 2)?, num(d, 2)?);
                let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
                let days = [
                    31,
                    if leap { 29 } else { 28 },
                    31,
                    30,
                    31,
                    30,
                    31,
                    31,
                    30,
                    31,
                    30,
                    31,
                ];
                if !(1..=12).contains(&month) || day == 0 || day > days[usize::from(month - 1)] {
                    return Err(bad());
                }
                Ok(Founded {
                    year,
                    month: Some(month as u8),
                    day: Some(day as u8),
                })
            }
            _ => Err(bad()),
        }
    }

    /// As the Vietnamese source writes it: "01/10/2010" or "2011".
    pub fn display(&self) -> String {
        match (self.day, self.month) {
            (Some(d), Some(m)) => format!("{d:02}/{m:02}/{}", self.year),
            _ => self.year.to_string(),
        }
    }

    /// Position on a time axis, in years (mid-year when only the year is known).
    pub fn as_years(&self) -> f64 {
        match (self.month, self.day) {
            (Some(m), Some(d)) => {
                f64::from(self.year) + (f64::from(m) - 1.0) / 12.0 + (f64::from(d) - 1.0) / 365.0
            }
            _ => f64::from(self.year) + 0.5,
        }
    }
}
