//! Wide tables on phones: every body cell of a table with a one-row header of three columns or
//! more gets `data-label` (its column's header text) and the table the class `sotay-cards`;
//! below 40rem the theme shows each row as a card of "label: value" lines (css/sotay.css). A
//! table whose header or body spans columns or rows keeps its grid, with a sticky first column
//! and a scroll cue (`sotay-scroll`).
use crate::html::{Tag, Token, map_tags, tokens, write_start};

/// Tables with fewer columns fit a phone as they are.
const MIN_COLUMNS: usize = 3;

#[derive(Debug, Default)]
struct Table {
    headers: Vec<String>,
    header_rows: usize,
    /// A `colspan`/`rowspan` > 1 somewhere, or a nested table.
    spans: bool,
    has_thead: bool,
}

fn spans(s: &crate::html::StartTag) -> bool {
    ["colspan", "rowspan"].iter().any(|a| {
        s.attr(a)
            .and_then(|v| v.trim().parse::<u32>().ok())
            .is_some_and(|n| n > 1)
    })
}

/// What each table of `html` is, in the order of their start tags.
fn survey(html: &str) -> Vec<Table> {
    let mut done: Vec<Option<Table>> = Vec::new();
    // (index in `done`, in thead, current header cell's text)
    let mut open: Vec<(usize, bool, Option<String>)> = Vec::new();
    for t in tokens(html) {
        match t {
            Token::Start(s) => match s.name.as_str() {
                "table" => {
                    if let Some(&(i, _, _)) = open.last()
                        && let Some(t) = done[i].as_mut()
                    {
                        t.spans = true;
                    }
                    done.push(Some(Table::default()));
                    open.push((done.len() - 1, false, None));
                }
                "thead" => {
                    if let Some((i, in_head, _)) = open.last_mut() {
                        *in_head = true;
                        if let Some(t) = done[*i].as_mut() {
                            t.has_thead = true;
                        }
                    }
                }
                "tr" => {
                    if let Some((i, true, _)) = open.last()
                        && let Some(t) = done[*i].as_mut()
                    {
                        t.header_rows += 1;
                    }
                }
                "th" | "td" => {
                    if let Some((i, in_head, cell)) = open.last_mut() {
                        if let Some(t) = done[*i].as_mut()
                            && spans(&s)
                        {
                            t.spans = true;
                        }
                        if *in_head {
                            *cell = Some(String::new());
                        }
                    }
                }
                _ => {}
            },
            Token::Text(x) => {
                if let Some((_, true, Some(cell))) = open.last_mut() {
                    cell.push_str(&x);
                }
            }
            Token::End(name, _) => match name.as_str() {
                "th" | "td" => {
                    if let Some((i, true, cell)) = open.last_mut()
                        && let Some(text) = cell.take()
                        && let Some(t) = done[*i].as_mut()
                    {
                        t.headers
                            .push(text.split_whitespace().collect::<Vec<_>>().join(" "));
                    }
                }
                "thead" => {
                    if let Some((_, in_head, _)) = open.last_mut() {
                        *in_head = false;
                    }
                }
                "table" => {
                    open.pop();
                }
                _ => {}
            },
        }
    }
    done.into_iter().flatten().collect()
}

fn add_class(s: &mut crate::html::StartTag, class: &str) {
    match s.attrs.iter_mut().find(|(k, _)| k == "class") {
        Some((_, c)) => {
            c.push(' ');
            c.push_str(class);
        }
        None => s.attrs.push(("class".into(), class.into())),
    }
}

/// Is table `i` shown as cards?
fn cards(tables: &[Table], i: usize) -> bool {
    tables.get(i).is_some_and(|t| {
        t.headers.len() >= MIN_COLUMNS && t.has_thead && t.header_rows == 1 && !t.spans
    })
}

fn with_role(s: &crate::html::StartTag, role: &str) -> String {
    let mut s = s.clone();
    s.attrs.push(("role".into(), role.into()));
    write_start(&s)
}

/// `html` with its wide tables marked for phones (see the module doc).
pub fn label_tables(html: &str) -> String {
    if !html.contains("<table") {
        return html.to_string();
    }
    let tables = survey(html);
    let mut seen = 0usize;
    // (table index, in tbody, column of the next cell)
    let mut open: Vec<(usize, bool, usize)> = Vec::new();
    map_tags(html, |tag| match tag {
        Tag::Start(s) => match s.name.as_str() {
            "table" => {
                let i = seen;
                seen += 1;
                open.push((i, false, 0));
                let t = tables.get(i)?;
                let wide = t.headers.len() >= MIN_COLUMNS;
                let mut s = s.clone();
                if wide && t.has_thead && t.header_rows == 1 && !t.spans {
                    add_class(&mut s, "sotay-cards");
                    // Shown as blocks on phones: the roles keep it a table for screen readers.
                    s.attrs.push(("role".into(), "table".into()));
                } else if wide {
                    add_class(&mut s, "sotay-scroll");
                } else {
                    return None;
                }
                Some(write_start(&s))
            }
            "thead" | "tbody" | "tr" => {
                let (i, in_body, col) = open.last_mut()?;
                match s.name.as_str() {
                    "tbody" => *in_body = true,
                    "tr" => *col = 0,
                    _ => {}
                }
                cards(&tables, *i).then(|| {
                    let role = if s.name == "tr" { "row" } else { "rowgroup" };
                    with_role(s, role)
                })
            }
            "td" | "th" => {
                let (i, in_body, col) = open.last_mut()?;
                let c = *col;
                *col += 1;
                if !cards(&tables, *i) {
                    return None;
                }
                let t = &tables[*i];
                let role = match (s.name.as_str(), *in_body) {
                    ("td", _) => "cell",
                    ("th", false) => "columnheader",
                    _ => "rowheader",
                };
                let mut s = s.clone();
                s.attrs.push(("role".into(), role.into()));
                if *in_body && let Some(label) = t.headers.get(c).filter(|l| !l.is_empty()) {
                    s.attrs.push(("data-label".into(), label.clone()));
                }
                Some(write_start(&s))
            }
            _ => None,
        },
        Tag::End(name) => {
            match name.as_str() {
                "table" => {
                    open.pop();
                }
                "tbody" => {
                    if let Some(o) = open.last_mut() {
                        o.1 = false;
                    }
                }
                _ => {}
            }
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_cells_get_their_column_header() {
        let html = "<table><thead><tr><th>Nhóm</th><th>Cỡ <b>mẫu</b></th><th>Thời gian</th></tr></thead>\
                    <tbody><tr><td>PNMT</td><td class=\"num\">400</td><td>Tháng 6–9</td></tr></tbody></table>";
        let out = label_tables(html);
        assert!(
            out.starts_with("<table class=\"sotay-cards\" role=\"table\">"),
            "{out}"
        );
        assert!(
            out.contains("<td role=\"cell\" data-label=\"Nhóm\">PNMT</td>"),
            "{out}"
        );
        assert!(
            out.contains("<td class=\"num\" role=\"cell\" data-label=\"Cỡ mẫu\">400</td>"),
            "{out}"
        );
        assert!(out.contains("data-label=\"Thời gian\">"), "{out}");
        assert!(out.contains("<th role=\"columnheader\">Nhóm</th>"), "{out}");
        assert!(out.contains("<tr role=\"row\">"), "{out}");
    }

    #[test]
    fn spanning_or_narrow_tables_are_not_cards() {
        let spanned = "<table><thead><tr><th>A</th><th>B</th><th>C</th></tr></thead>\
                       <tbody><tr><td colspan=\"2\">x</td><td>y</td></tr></tbody></table>";
        let out = label_tables(spanned);
        assert!(out.starts_with("<table class=\"sotay-scroll\">"), "{out}");
        assert!(!out.contains("data-label"), "{out}");
        let narrow = "<table><thead><tr><th>A</th><th>B</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>";
        assert_eq!(label_tables(narrow), narrow);
    }
}
