//! `block = "sources"`: the documents of `content/_data/nguon.toml` that the handbook is made
//! from (those with a `seed`), in seed order, through `site/templates/blocks/sources.html`. The
//! documents are read once, by the content loader, so the table never repeats them.
use serde::Serialize;

use super::{BlockCtx, BlockSpec, SourcesParams};
use crate::error::Diagnostic;

#[derive(Serialize)]
struct Part<'a> {
    url: &'a str,
    title: &'a str,
}

#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    title: &'a str,
    number: &'a str,
    date: String,
    issuer: &'a str,
    note: &'a str,
    part: Option<Part<'a>>,
}

/// The view of a `sources` block.
pub(super) fn view(
    ctx: &BlockCtx<'_>,
    spec: &BlockSpec<'_>,
    p: &SourcesParams,
) -> Result<minijinja::Value, Diagnostic> {
    let site = ctx.site;
    let caption = p.caption.as_deref().unwrap_or("Các văn bản nguồn");
    let mut docs: Vec<_> = site.docs.values().filter(|d| d.seed.is_some()).collect();
    docs.sort_by(|a, b| (&a.seed, &a.id).cmp(&(&b.seed, &b.id)));
    if docs.is_empty() {
        return Err(
            spec.diag("khối sources: content/_data/nguon.toml không có tài liệu nào có seed")
        );
    }
    let rows: Vec<Row<'_>> = docs
        .iter()
        .map(|d| Row {
            id: &d.id,
            title: &d.title,
            number: d.number.as_deref().unwrap_or(""),
            date: d.date_shown().unwrap_or_else(|| "Không ghi ngày".into()),
            issuer: d.issuer.as_deref().unwrap_or(""),
            note: d.note.as_deref().unwrap_or(""),
            part: d.part.as_ref().and_then(|p| {
                let i = *site.by_url.get(p.get_ref())?;
                Some(Part {
                    url: site.pages[i].url(),
                    title: site.pages[i].title(),
                })
            }),
        })
        .collect();
    Ok(minijinja::context! { caption => caption, rows => rows })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Content, Doc};
    use crate::model::test_support::page;

    fn doc(id: &str, seed: Option<&str>, toml_extra: &str) -> Doc {
        let seed = seed.map_or(String::new(), |s| format!("seed = \"{s}\"\n"));
        toml::from_str(&format!(
            "id = \"{id}\"\ntitle = \"Văn bản {id}\"\n{seed}{toml_extra}"
        ))
        .unwrap()
    }

    #[test]
    fn seeded_documents_in_seed_order_with_their_part() {
        let docs = [
            doc("b", Some("001"), "date = \"2022-08\"\nissuer = \"UBND\"\n"),
            doc(
                "a",
                Some("000"),
                "number = \"09/2012/TT-BYT\"\ndate = \"2012-05-24\"\npart = \"/a/\"\nnote = \"Đã được thay thế <b>\"\n",
            ),
            doc("moi", None, ""),
        ];
        let site = crate::model::build(Content {
            pages: vec![
                page("_index.md", "Trang chủ", "", ""),
                page("a/_index.md", "Phần A", "", ""),
            ],
            docs: docs.into_iter().map(|d| (d.id.clone(), d)).collect(),
            ..Default::default()
        })
        .unwrap();
        let mut env = crate::render::environment("/nonexistent".as_ref(), Default::default());
        env.add_template(
            "blocks/sources.html",
            "{{ caption }}|{% for r in rows %}{{ r.id }}:{{ r.number }}:{{ r.date }}:{{ r.issuer }}:{{ r.note }}:{{ r.part.url }}:{{ r.part.title }};{% endfor %}",
        )
        .unwrap();
        let store = crate::data::DataStore::default();
        let ctx = BlockCtx {
            site: &site,
            store: &store,
            env: &env,
        };
        let spec = |body| BlockSpec {
            file: "content/nguon.md".as_ref(),
            line: 7,
            body,
        };
        let html = super::super::render(&ctx, &spec("block = \"sources\"\n")).unwrap();
        assert_eq!(
            html,
            "Các văn bản nguồn|a:09/2012/TT-BYT:24/5/2012::Đã được thay thế &lt;b&gt;:/a/:Phần A;b::tháng 8/2022:UBND:::;"
        );
        let err = super::super::render(&ctx, &spec("block = \"sources\"\ndata = \"x\"\n"))
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("content/nguon.md:9:1: khối sotay: unknown field `data`"),
            "{err}"
        );
    }
}
