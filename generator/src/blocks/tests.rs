//! Unit tests: every block kind renders from a small fixture; bad data and bad blocks give
//! file:line(:col) diagnostics; the real `content/_data` loads and every block of the real
//! content renders.
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use super::*;
use crate::data::DataStore;
use crate::data::schema;

/// The site's own template environment (its formatter and autoescape) over the real theme.
fn env() -> minijinja::Environment<'static> {
    crate::render::environment(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join(".."),
        Default::default(),
    )
}

/// A fresh `content/` directory with the given data files.
fn fixture(files: &[(&str, &str)]) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "sotay-data-test-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = fs::remove_dir_all(&dir);
    for (name, text) in files {
        let p = dir.join("_data").join(name);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }
    fs::create_dir_all(dir.join("_data")).unwrap();
    dir
}

const ROLES: &str = r#"
duties_heading = "Nhiệm vụ"

[[role]]
id = "truong-nhom"
title = "Trưởng nhóm"
held_by = "Lãnh đạo Sở Y tế"
level = 0

[[role]]
id = "dieu-phoi"
title = "Điều phối viên"
parent = "truong-nhom"

[[role]]
id = "to-xet-nghiem"
title = "Tổ Tư vấn, Xét nghiệm HIV"
label = "Tổ Xét nghiệm"
parent = "truong-nhom"
level = 2
based_at = "Khoa Xét nghiệm"
members = [{ who = "Trưởng Khoa Xét nghiệm", position = "Tổ trưởng" }]
duties = ["Báo cáo [kết quả](/giam-sat/#dieu-7).", { text = "Ngoài ra:", items = ["Việc A", "Việc B"] }]
"#;

const CRITERIA: &str = r#"
[[set]]
id = "thanh-vien"
title = "Tiêu chuẩn thành viên"
question = "Tôi có đủ tiêu chuẩn không?"
source = "Phần II, mục 5"
items = ["Có 3 năm kinh nghiệm", "Hiểu biết hệ thống", "Được cử tham gia"]
"#;

const PROCEDURE: &str = r#"
[[procedure]]
id = "dieu-19"
title = "Quy trình giám sát"
source = "Điều 19"

[[procedure.step]]
text = "Lập kế hoạch."

[[procedure.step]]
text = "Lấy mẫu:"
[[procedure.step.step]]
label = "a)"
who = "Đơn vị đầu mối về da liễu tỉnh"
text = "Lấy dịch tiết."
items = ["một", "hai"]
"#;

const TWG: &str = r#"
[[group]]
number = 1
name = "NKT về Sức khỏe sinh sản"
code = "RHAG"
founded = "2010-10-01"
lead = ["Vụ Sức khoẻ Bà mẹ trẻ em"]
partner = ["UNFPA"]
tor = "RHAG TOR"

[[group]]
number = 2
name = "NKT về Y tế cơ sở"
founded = "2011"
lead = ["Cục Quản lý Khám chữa bệnh"]
"#;

const TABLE: &str = r#"
caption = "Tỉnh thí điểm"
columns = ["STT", "Tỉnh"]
rows = [["1", "Sơn La"], ["2", "[Hà Nội](/nguon/)"]]
"#;

fn store() -> DataStore {
    let dir = fixture(&[
        ("htkt/co-cau.toml", ROLES),
        ("htkt/tieu-chi.toml", CRITERIA),
        ("gs/quy-trinh.toml", PROCEDURE),
        ("nkt.toml", TWG),
        ("bang.toml", TABLE),
        // Owned by the content loader: skipped even though it is no block data.
        ("nguon.toml", "[[doc]]\nid = \"x\"\ntitle = \"X\"\n"),
    ]);
    DataStore::load(&dir).expect("fixture loads")
}

fn render_in(store: &DataStore, body: &str) -> Result<String, Diagnostic> {
    let env = env();
    let site = crate::model::test_support::sample_site("");
    let ctx = BlockCtx {
        site: &site,
        store,
        env: &env,
    };
    super::render(
        &ctx,
        &BlockSpec {
            file: Path::new("content/a.md"),
            line: 7,
            body,
        },
    )
}

#[test]
fn roles_render_titles_members_and_nested_duties() {
    let s = store();
    let html = render_in(&s, "block = \"roles\"\ndata = \"htkt/co-cau\"\n").unwrap();
    assert!(html.contains("Trưởng nhóm"));
    assert!(html.contains("Lãnh đạo Sở Y tế"));
    assert!(
        html.contains("<span class=\"sotay-position\">Tổ trưởng</span> Trưởng Khoa Xét nghiệm")
    );
    assert!(
        html.contains("<a href=\"/giam-sat/#dieu-7\">kết quả</a>"),
        "{html}"
    );
    assert!(html.contains("<li>Việc A</li>"));
    let only = render_in(
        &s,
        "block = \"roles\"\ndata = \"htkt/co-cau\"\nids = [\"dieu-phoi\"]\n",
    )
    .unwrap();
    assert!(only.contains("Điều phối viên") && !only.contains("Lãnh đạo Sở Y tế"));
    let bad = render_in(
        &s,
        "block = \"roles\"\ndata = \"htkt/co-cau\"\nids = [\"khong-co\"]\n",
    )
    .unwrap_err();
    assert_eq!(
        (bad.file.as_path(), bad.line),
        (Path::new("content/a.md"), Some(7))
    );
    assert!(bad.message.contains("khong-co"));
}

#[test]
fn org_chart_is_accessible_svg_with_levels_and_edges() {
    let s = store();
    let html = render_in(&s, "block = \"org-chart\"\ndata = \"htkt/co-cau\"\n").unwrap();
    assert!(html.contains("role=\"img\""));
    assert!(html.contains("<title id=\"sotay-org-chart-7-t\">Sơ đồ cơ cấu tổ chức</title>"));
    assert!(html.contains("viewBox=\"0 0 360 "), "{html}");
    assert!(html.contains("width=\"100%\""));
    // three levels: leader, coordinator, team (level 2 explicitly)
    assert!(
        html.contains("sotay-level-0")
            && html.contains("sotay-level-1")
            && html.contains("sotay-level-2")
    );
    assert_eq!(
        html.matches("<path d=\"M").count(),
        2,
        "one edge per role with a parent"
    );
    assert!(
        html.contains(">Tổ Xét nghiệm</text>"),
        "label used on the chart"
    );
    assert!(
        html.contains("Điều phối viên (dưới Trưởng nhóm)"),
        "text description"
    );
}

#[test]
fn criteria_render_a_checklist_keyed_by_set() {
    let s = store();
    let html = render_in(
        &s,
        "block = \"criteria\"\ndata = \"htkt/tieu-chi\"\nset = \"thanh-vien\"\n",
    )
    .unwrap();
    assert!(html.contains("data-criteria=\"thanh-vien\""));
    assert!(html.contains("data-total=\"3\""));
    assert_eq!(html.matches("type=\"checkbox\"").count(), 3);
    assert!(html.contains("Tôi có đủ tiêu chuẩn không?"));
    assert!(html.contains("class=\"sotay-criteria-summary\" aria-live=\"polite\" hidden"));
    let e = render_in(
        &s,
        "block = \"criteria\"\ndata = \"htkt/tieu-chi\"\nset = \"x\"\n",
    )
    .unwrap_err();
    assert!(e.message.contains("“x”") && e.line == Some(7));
}

#[test]
fn procedure_renders_numbered_nested_steps_with_units() {
    let s = store();
    let html = render_in(
        &s,
        "block = \"procedure\"\ndata = \"gs/quy-trinh\"\nprocedure = \"dieu-19\"\n",
    )
    .unwrap();
    assert!(
        html.contains(">1.</span>") && html.contains(">2.</span>") && html.contains(">a)</span>")
    );
    assert!(html.contains("sotay-who sotay-unit-0"));
    assert!(html.contains("Đơn vị đầu mối về da liễu tỉnh"));
    assert!(html.contains("<li>hai</li>"));
    // nested list is rendered as HTML, not escaped
    assert!(!html.contains("&lt;li"), "{html}");
}

#[test]
fn twg_list_and_timeline_render() {
    let s = store();
    let list = render_in(&s, "block = \"twg-list\"\ndata = \"nkt\"\n").unwrap();
    assert!(list.contains("NKT về Sức khỏe sinh sản (RHAG)"));
    assert!(list.contains("01/10/2010"));
    assert!(list.contains("2011 <span class=\"sotay-muted\">(chỉ rõ năm)</span>"));
    assert!(
        list.contains("Không ghi"),
        "missing partner is said, not left blank"
    );
    let tl = render_in(&s, "block = \"twg-timeline\"\ndata = \"nkt\"\n").unwrap();
    assert!(tl.contains("role=\"img\"") && tl.contains("<title"));
    assert_eq!(tl.matches("<circle").count(), 2);
    assert!(tl.contains("sotay-dot sotay-dot-year"));
    assert!(tl.contains(">2010</text>") && tl.contains(">2012</text>"));
}

#[test]
fn table_renders_cells_as_markdown() {
    let s = store();
    let html = render_in(&s, "block = \"table\"\ndata = \"bang\"\n").unwrap();
    assert!(html.contains("<caption>Tỉnh thí điểm</caption>"));
    assert!(html.contains("<td><a href=\"/nguon/\">Hà Nội</a></td>"));
}

#[test]
fn engine_blocks_read_the_rules_of_the_calculator() {
    use sotay_calc::core::rules::{self, Period, Schedule};
    let s = store();
    let v = rules::version("tt09-2012").expect("09/2012 encoded");
    let sizes = render_in(&s, "block = \"sample-sizes\"\n").unwrap();
    for g in v.groups.expect("groups") {
        let r = g.sample_size.value;
        let want = if r.min == r.max {
            format!("{} mẫu", r.min)
        } else {
            format!("{}–{} mẫu", r.min, r.max)
        };
        assert!(
            sizes.contains(&want) && sizes.contains(g.name),
            "{}: {want}",
            g.name
        );
        assert!(sizes.contains(g.sample_size.article));
    }
    let tl = render_in(&s, "block = \"sentinel-timeline\"\n").unwrap();
    assert!(tl.contains("role=\"img\"") && tl.contains("<title"), "{tl}");
    let p = v.collection_period.expect("Điều 15").value;
    let start = p.start.expect("start");
    assert!(
        tl.contains(&format!(
            "{:02}/{:02} – {:02}/{:02}",
            start.day, start.month, p.end.day, p.end.month
        )),
        "{tl}"
    );
    let mut marks = 0;
    for o in v.obligations.expect("obligations") {
        if let Schedule::Yearly(Period { start: None, end }) = o.schedule {
            assert!(
                tl.contains(&format!("{:02}/{:02} ({})", end.day, end.month, o.article)),
                "{}",
                o.id
            );
            marks += 1;
        }
    }
    assert!(marks >= 4);
    assert_eq!(tl.matches("<circle").count(), marks);
    let dl = render_in(&s, "block = \"deadlines\"\n").unwrap();
    for o in v.obligations.unwrap() {
        assert!(dl.contains(o.article) && dl.contains(o.title), "{}", o.id);
    }
    // No HTML-escaped slashes: dates stay readable in the source.
    assert!(!dl.contains("&#x2f;"));
}

/// The `data-tool-state` values of a block's links into the calculator pages.
fn tool_states(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("<a href=\"") {
        let tag_end = rest[i..].find('>').map_or(rest.len(), |e| i + e);
        let tag = &rest[i..tag_end];
        let attr = |name: &str| {
            tag.split_once(&format!("{name}=\""))
                .and_then(|(_, r)| r.split_once('"'))
                .map(|(v, _)| v.to_string())
        };
        if let (Some(h), Some(st)) = (attr("href"), attr("data-tool-state")) {
            out.push((h, st));
        }
        rest = &rest[tag_end..];
    }
    out
}

#[test]
fn generated_deadlines_name_the_instrument_of_every_row() {
    use sotay_calc::core::deadlines::{deadlines_for_year, unit_ids};
    use sotay_calc::core::rules;
    let s = store();
    let v = rules::version("tt09-2012").unwrap();
    // The schedule table (no year): every row says it follows 09/2012, replaced from
    // 01/06/2023, with a visible text mark (not only a colour).
    let dl = render_in(&s, "block = \"deadlines\"\n").unwrap();
    let rows = dl.matches("<tr class=\"sotay-not-in-force\">").count();
    assert_eq!(rows, v.obligations.unwrap().len(), "{dl}");
    assert_eq!(
        dl.matches("<strong class=\"sotay-badge-old\">Không còn hiệu lực</strong>")
            .count(),
        rows
    );
    assert_eq!(
        dl.matches("Theo Thông tư 09/2012/TT-BYT — đã được thay thế từ 01/06/2023 bởi Thông tư 07/2023/TT-BYT; chỉ để tham khảo").count(),
        rows
    );
    // The dated table of 2023: rows before 01/06/2023 follow 09/2012 in force; rows on or after
    // it carry the replacement label and the mark.
    let y = render_in(
        &s,
        "block = \"deadlines\"\nyear = 2023\nunit = \"hiv_tinh\"\n",
    )
    .unwrap();
    let list = deadlines_for_year(v, 2023, Some("hiv_tinh")).unwrap();
    assert!(list.iter().any(|d| d.in_force) && list.iter().any(|d| !d.in_force));
    let body = &y[y.find("<tbody>").unwrap()..y.find("</tbody>").unwrap()];
    let trs: Vec<&str> = body.split("<tr").skip(1).collect();
    assert_eq!(trs.len(), list.len());
    for (tr, d) in trs.iter().zip(&list) {
        assert!(tr.contains(&d.effective_end.dmy()), "{tr}");
        assert!(tr.contains(&d.instrument), "{tr}");
        assert_eq!(tr.contains("sotay-not-in-force"), !d.in_force, "{tr}");
        assert_eq!(
            tr.contains(">Không còn hiệu lực</strong>"),
            !d.in_force,
            "{tr}"
        );
        let on_or_after = d.effective_end.iso().as_str() >= "2023-06-01";
        assert_eq!(on_or_after, !d.in_force, "{}", d.effective_end.iso());
        if on_or_after {
            assert!(
                tr.contains("đã được thay thế từ 01/06/2023 bởi Thông tư 07/2023/TT-BYT"),
                "{tr}"
            );
        }
    }
    assert!(
        y.contains("Lịch hạn năm 2023 — Đơn vị đầu mối về phòng, chống HIV/AIDS tỉnh"),
        "{y}"
    );
    // Every link into the deadlines tool preselects a unit the tool knows.
    let ids = unit_ids(v);
    let states = tool_states(&dl);
    assert!(states.len() >= rows, "{states:?}");
    for (href, st) in states.iter().chain(&tool_states(&y)) {
        assert_eq!(href, "/cong-cu/han-bao-cao/");
        let unit = st.strip_prefix("don-vi=").expect(st);
        assert!(ids.contains(&unit), "{unit}");
    }
    // Bad parameters name the fence line.
    let e = render_in(
        &s,
        "block = \"deadlines\"\nyear = 2023\nunit = \"khong-co\"\n",
    )
    .unwrap_err();
    assert_eq!(e.line, Some(7), "{e}");
    assert!(
        e.message.contains("khong-co") && e.message.contains("hiv_tinh"),
        "{e}"
    );
    let e = render_in(&s, "block = \"deadlines\"\nunit = \"hiv_tinh\"\n").unwrap_err();
    assert!(e.message.contains("year"), "{e}");
    let e = render_in(&s, "block = \"deadlines\"\nyear = 99999\n").unwrap_err();
    assert!(e.message.contains("99999"), "{e}");
    // The yearly sentinel chart carries the same label.
    let tl = render_in(&s, "block = \"sentinel-timeline\"\n").unwrap();
    assert!(
        tl.contains(">Không còn hiệu lực</strong> Theo Thông tư 09/2012/TT-BYT — đã được thay thế"),
        "{tl}"
    );
}

#[test]
fn sample_sizes_link_each_group_into_the_allocation_tool() {
    use sotay_calc::core::rules::{self, GroupId};
    let s = store();
    let html = render_in(&s, "block = \"sample-sizes\"\n").unwrap();
    let groups = rules::version("tt09-2012").unwrap().groups.unwrap();
    let states = tool_states(&html);
    assert_eq!(states.len(), groups.len(), "{html}");
    for ((href, st), g) in states.iter().zip(groups) {
        assert_eq!(href, "/cong-cu/phan-bo-mau/");
        assert_eq!(st, &format!("nhom={}", g.id.as_str()));
        assert!(GroupId::ALL.iter().any(|x| x.as_str() == g.id.as_str()));
    }
}

#[test]
fn engine_block_without_rule_renders_marked_placeholder() {
    use sotay_calc::core::rules;
    let v = rules::version("tt09-2012").unwrap();
    let (name, ctx) = engine::engine_pending_for_test("sample-sizes", "x", v, "Điều 18");
    assert_eq!(name, "engine-pending");
    let html = env()
        .get_template("blocks/engine-pending.html")
        .unwrap()
        .render(ctx)
        .unwrap();
    assert!(html.contains("Bảng này được sinh từ bộ quy tắc của máy tính (đang hoàn thiện)"));
    assert!(html.contains("href=\"/giam-sat/giam-sat-trong-diem/#dieu-18\""));
}

#[test]
fn unknown_block_kind_names_markdown_file_and_fence_line() {
    let s = store();
    let e = render_in(&s, "block = \"khong-co\"\n").unwrap_err();
    assert_eq!(e.file, Path::new("content/a.md"));
    assert_eq!(e.line, Some(7));
    assert!(e.message.contains("khong-co") && e.message.contains("roles"));
    let e = render_in(&s, "data = \"x\"\n").unwrap_err();
    assert_eq!(e.line, Some(7));
    assert!(e.message.contains("thiếu khóa block"));
}

#[test]
fn missing_data_file_names_markdown_file_and_fence_line() {
    let s = store();
    let e = render_in(&s, "block = \"roles\"\ndata = \"khong/co\"\n").unwrap_err();
    assert_eq!(
        (e.file.as_path(), e.line),
        (Path::new("content/a.md"), Some(7))
    );
    assert!(
        e.message.contains("content/_data/khong/co.toml"),
        "{}",
        e.message
    );
    // right file, wrong kind
    let e = render_in(&s, "block = \"roles\"\ndata = \"bang\"\n").unwrap_err();
    assert!(
        e.message.contains("content/_data/bang.toml"),
        "{}",
        e.message
    );
}

#[test]
fn bad_block_parameters_point_inside_the_fence() {
    let s = store();
    // body line 3 → file line 7 + 3
    let e = render_in(
        &s,
        "block = \"roles\"\ndata = \"htkt/co-cau\"\nidz = [\"a\"]\n",
    )
    .unwrap_err();
    assert_eq!((e.line, e.column), (Some(10), Some(1)), "{e}");
    assert!(e.message.contains("idz"), "{e}");
    let e = render_in(&s, "block = \"roles\"\ndata = \n").unwrap_err();
    assert_eq!(e.line, Some(9), "{e}");
}

#[test]
fn bad_data_gives_file_line_column() {
    // unknown field on line 5
    let dir = fixture(&[(
        "x/vai-tro.toml",
        "[[role]]\nid = \"a\"\ntitle = \"A\"\n\ntitel = \"B\"\n",
    )]);
    let errs = DataStore::load(&dir).unwrap_err();
    assert_eq!(errs.len(), 1);
    let e = &errs[0];
    assert_eq!(e.file, Path::new("content/_data/x/vai-tro.toml"));
    assert_eq!((e.line, e.column), (Some(5), Some(1)), "{e}");
    assert!(e.message.contains("titel"), "{e}");

    // wrong type
    let dir = fixture(&[(
        "t.toml",
        "columns = [\"a\"]\nrows = [[\"1\"]]\ncaption = 3\n",
    )]);
    let e = &DataStore::load(&dir).unwrap_err()[0];
    assert_eq!(e.line, Some(3), "{e}");

    // syntax error
    let dir = fixture(&[("s.toml", "[[set]]\nid = \"a\nitems = []\n")]);
    let e = &DataStore::load(&dir).unwrap_err()[0];
    assert_eq!(
        (e.file.as_path(), e.line),
        (Path::new("content/_data/s.toml"), Some(2)),
        "{e}"
    );

    // invalid date, pointing at the value
    let dir = fixture(&[(
        "n.toml",
        "[[group]]\nnumber = 1\nname = \"A\"\nfounded = \"2010-13-01\"\n",
    )]);
    let e = &DataStore::load(&dir).unwrap_err()[0];
    assert_eq!((e.line, e.column), (Some(4), Some(11)), "{e}");
    assert!(e.message.contains("2010-13-01"));

    // dangling parent, duplicate id, row width, unknown kind
    let dir = fixture(&[
        (
            "p.toml",
            "[[role]]\nid = \"a\"\ntitle = \"A\"\nparent = \"b\"\n",
        ),
        (
            "d.toml",
            "[[set]]\nid = \"a\"\ntitle = \"A\"\nitems = [\"x\"]\n[[set]]\nid = \"a\"\ntitle = \"B\"\nitems = [\"y\"]\n",
        ),
        (
            "w.toml",
            "columns = [\"a\", \"b\"]\nrows = [\n  [\"1\", \"2\"],\n  [\"3\"],\n]\n",
        ),
        ("u.toml", "foo = 1\n"),
    ]);
    let errs = DataStore::load(&dir).unwrap_err();
    let show: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
    assert!(
        show.iter()
            .any(|s| s.starts_with("content/_data/p.toml:4:10:") && s.contains("parent")),
        "{show:?}"
    );
    assert!(
        show.iter()
            .any(|s| s.starts_with("content/_data/d.toml:6:6:") && s.contains("hai lần")),
        "{show:?}"
    );
    assert!(
        show.iter()
            .any(|s| s.starts_with("content/_data/w.toml:4:3:") && s.contains("1 ô")),
        "{show:?}"
    );
    assert!(
        show.iter()
            .any(|s| s.starts_with("content/_data/u.toml:1:1:")),
        "{show:?}"
    );
}

#[test]
fn founded_dates_parse_and_display() {
    assert_eq!(
        schema::Founded::parse("2012-10-03").unwrap().display(),
        "03/10/2012"
    );
    assert_eq!(schema::Founded::parse("2013").unwrap().display(), "2013");
    for bad in ["2013-02-29", "13", "2012-1-3", "x", "2012-10"] {
        assert!(schema::Founded::parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn real_content_data_loads_and_every_block_in_content_renders() {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    let store = match DataStore::load(&content) {
        Ok(s) => s,
        Err(e) => panic!(
            "{}",
            e.iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        ),
    };
    let env = env();
    let root = content.parent().unwrap();
    let site = crate::content::load(root)
        .and_then(crate::model::build)
        .unwrap_or_else(|e| panic!("{e:?}"));
    let ctx = BlockCtx {
        site: &site,
        store: &store,
        env: &env,
    };
    let mut count = 0;
    let mut errors = Vec::new();
    let mut stack = vec![content.clone()];
    while let Some(dir) = stack.pop() {
        for e in fs::read_dir(&dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "md") {
                let text = fs::read_to_string(&p).unwrap();
                let mut lines = text.lines().enumerate();
                while let Some((i, l)) = lines.next() {
                    if l.trim_start().starts_with("```sotay") {
                        let body: Vec<&str> = lines
                            .by_ref()
                            .take_while(|(_, l)| !l.trim_start().starts_with("```"))
                            .map(|(_, l)| l)
                            .collect();
                        let body = body.join("\n");
                        let spec = BlockSpec {
                            file: &p,
                            line: i + 1,
                            body: &body,
                        };
                        count += 1;
                        if let Err(d) = super::render(&ctx, &spec) {
                            errors.push(d.to_string());
                        }
                    }
                }
            }
        }
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    assert!(count >= 20, "only {count} blocks found");
}

// ---- issue 18: duties headings, numbered duties and checklists, glossary, group × test matrix

#[test]
fn roles_print_the_duties_heading_of_the_data_and_the_sources_numbering() {
    let dir = fixture(&[(
        "tt/trach-nhiem.toml",
        "duties_heading = \"Trách nhiệm\"\n\n[[role]]\nid = \"cuc\"\ntitle = \"Cục\"\nduties = [{ label = \"1.\", text = \"Chỉ đạo.\" }, { label = \"2.\", text = \"Phối hợp:\", items = [\"a) Một;\"] }]\n\n[[role]]\nid = \"vien\"\ntitle = \"Viện\"\nduties_heading = \"Trách nhiệm và quyền hạn\"\nduties = [\"Tham mưu.\"]\n",
    )]);
    let s = DataStore::load(&dir).unwrap();
    let html = render_in(&s, "block = \"roles\"\ndata = \"tt/trach-nhiem\"\n").unwrap();
    assert!(html.contains("<p class=\"sotay-k\">Trách nhiệm</p>\n<ul class=\"sotay-duties sotay-duties-labelled\">"), "{html}");
    assert!(html.contains("<li><span class=\"sotay-duty-label\">1.</span> <div class=\"sotay-duty-body\">Chỉ đạo.</div></li>"));
    assert!(
        html.contains(
            "<span class=\"sotay-duty-label\">2.</span> <div class=\"sotay-duty-body\">Phối hợp:<ul><li>a) Một;</li></ul></div>"
        )
    );
    assert!(
        html.contains(
            "<p class=\"sotay-k\">Trách nhiệm và quyền hạn</p>\n<ul class=\"sotay-duties\">"
        ),
        "{html}"
    );
    assert!(
        !html.contains("Nhiệm vụ và quyền hạn"),
        "no fixed heading: {html}"
    );

    // Duties without a heading are an error at the role's id.
    let dir = fixture(&[(
        "x.toml",
        "[[role]]\nid = \"a\"\ntitle = \"A\"\n\n[[role]]\nid = \"b\"\ntitle = \"B\"\nduties = [\"Việc.\"]\n",
    )]);
    let errs = DataStore::load(&dir).unwrap_err();
    assert_eq!(errs.len(), 1, "a role without duties needs no heading");
    assert!(
        errs[0]
            .to_string()
            .starts_with("content/_data/x.toml:6:6: vai trò “b” có duties nhưng không có tiêu đề"),
        "{}",
        errs[0]
    );
}

#[test]
fn numbered_criteria_are_an_ordered_list() {
    let dir = fixture(&[(
        "n.toml",
        "[[set]]\nid = \"dieu-13\"\ntitle = \"Nguyên tắc\"\nnumbered = true\nitems = [\"Một.\", \"Hai.\"]\n",
    )]);
    let s = DataStore::load(&dir).unwrap();
    let html = render_in(
        &s,
        "block = \"criteria\"\ndata = \"n\"\nset = \"dieu-13\"\n",
    )
    .unwrap();
    assert!(
        html.contains("<ol class=\"sotay-checklist sotay-numbered\">"),
        "{html}"
    );
    assert!(html.contains("</ol>") && !html.contains("<ul class=\"sotay-checklist"));
    let plain = render_in(
        &store(),
        "block = \"criteria\"\ndata = \"htkt/tieu-chi\"\nset = \"thanh-vien\"\n",
    )
    .unwrap();
    assert!(plain.contains("<ul class=\"sotay-checklist\">"));
}

const GLOSSARY: &str = r#"page = "/thuat-ngu/"

[[term]]
id = "thanh-thi"
group = "dieu-2"
term = "Thành thị"
text = "Là các đơn vị hành chính có tên gọi là phường, thị trấn."
source = "Điều 2 khoản 8"

[[abbreviation]]
id = "hiv"
abbr = "HIV"
expansion = "Vi rút gây suy giảm miễn dịch ở người"
text = "Xem [Điều 4](/giam-sat/#dieu-4)."

[[abbreviation]]
id = "cbo"
abbr = "CBO"
forms = ["CBO", "CBOs"]
expansion = "Tổ chức cộng đồng"
text = "CBO."

[[not_abbreviation]]
words = ["II"]
reason = "Số La Mã"
"#;

#[test]
fn glossary_block_renders_entries_as_headings_with_ids() {
    let dir = fixture(&[("thuat-ngu.toml", GLOSSARY)]);
    let s = DataStore::load(&dir).unwrap();
    assert!(s.glossary.as_ref().is_some_and(|g| g.page == "/thuat-ngu/"));
    let abbr = render_in(
        &s,
        "block = \"glossary\"\ndata = \"thuat-ngu\"\nlist = \"abbreviations\"\n",
    )
    .unwrap();
    assert!(
        abbr.contains("<h3 id=\"hiv\">HIV<a class=\"heading-anchor\" href=\"#hiv\""),
        "{abbr}"
    );
    assert!(abbr.contains(
        "<p class=\"sotay-glossary-expansion\">Vi rút gây suy giảm miễn dịch ở người</p>"
    ));
    assert!(abbr.contains("<a href=\"/giam-sat/#dieu-4\">Điều 4</a>"));
    assert!(abbr.contains("Cách viết khác: CBOs"));
    let terms = render_in(
        &s,
        "block = \"glossary\"\ndata = \"thuat-ngu\"\nlist = \"terms\"\ngroup = \"dieu-2\"\n",
    )
    .unwrap();
    assert!(
        terms.contains("<h3 id=\"thanh-thi\">Thành thị") && terms.contains("Nguồn: Điều 2 khoản 8")
    );
    let not = render_in(
        &s,
        "block = \"glossary\"\ndata = \"thuat-ngu\"\nlist = \"not-abbreviations\"\n",
    )
    .unwrap();
    assert!(not.contains("<td>II</td><td>Số La Mã</td>"), "{not}");
    for (body, want) in [
        ("list = \"terms\"\n", "cần group"),
        (
            "list = \"terms\"\ngroup = \"khong-co\"\n",
            "group = “khong-co”",
        ),
        ("list = \"moi-thu\"\n", "không hợp lệ"),
    ] {
        let e = render_in(
            &s,
            &format!("block = \"glossary\"\ndata = \"thuat-ngu\"\n{body}"),
        )
        .unwrap_err();
        assert!(e.message.contains(want), "{e}");
        assert_eq!(e.line, Some(7));
    }
}

#[test]
fn bad_glossary_data_gives_file_line_column() {
    let dir = fixture(&[(
        "thuat-ngu.toml",
        "page = \"thuat-ngu\"\n\n[[abbreviation]]\nid = \"a\"\nabbr = \"HIV\"\nexpansion = \"x\"\ntext = \"x\"\n\n[[abbreviation]]\nid = \"a\"\nabbr = \"AIDS\"\nforms = [\"HIV\"]\nexpansion = \"x\"\ntext = \"x\"\n\n[[not_abbreviation]]\nwords = [\"HIV\", \"Quý\"]\nreason = \"x\"\n",
    )]);
    let show: Vec<String> = DataStore::load(&dir)
        .unwrap_err()
        .iter()
        .map(|e| e.to_string())
        .collect();
    for want in [
        "content/_data/thuat-ngu.toml:1:8: page “thuat-ngu” phải là địa chỉ trang",
        "content/_data/thuat-ngu.toml:10:6: id “a” bị khai báo hai lần",
        "content/_data/thuat-ngu.toml:12:10: cách viết “HIV” có ở hai mục",
        "content/_data/thuat-ngu.toml:17:10: “HIV” vừa là chữ viết tắt vừa ở not_abbreviation",
        "content/_data/thuat-ngu.toml:17:17: “Quý” không phải một từ viết hoa",
    ] {
        assert!(
            show.iter().any(|s| s.starts_with(want)),
            "{want}\n{show:#?}"
        );
    }
    // Only one glossary per project.
    let dir = fixture(&[("thuat-ngu.toml", GLOSSARY), ("khac.toml", GLOSSARY)]);
    let errs = DataStore::load(&dir).unwrap_err();
    assert!(
        errs[0].message.contains("chỉ được có một bảng thuật ngữ"),
        "{}",
        errs[0]
    );
}

#[test]
fn sti_tests_block_is_the_group_by_test_matrix_of_the_rules() {
    use sotay_calc::core::rules;
    let html = render_in(&store(), "block = \"sti-tests\"\n").unwrap();
    let v = rules::version("tt09-2012").unwrap();
    let groups = v.groups.unwrap();
    let rows: Vec<&str> = html.split("<tr><th scope=\"row\">").skip(1).collect();
    assert_eq!(rows.len(), groups.len());
    for (row, g) in rows.iter().zip(groups) {
        assert!(row.starts_with(&esc(g.name)), "{row}");
        assert_eq!(
            row.matches("<td>Có</td>").count(),
            g.stis.len(),
            "{}",
            g.name
        );
    }
    assert!(html.contains("<th scope=\"col\">Giang mai <span class=\"sotay-muted\">(Điều 14 khoản 2 điểm a)</span></th>"));
    assert!(html.contains("Trùng roi âm đạo"));
}

fn esc(s: &str) -> String {
    crate::md::escape(s)
}

/// Templates escape text themselves (autoescape on): a text field is escaped once, a Markdown
/// field is the renderer's HTML, printed as is.
#[test]
fn block_templates_escape_text_once_and_print_markdown_as_html() {
    let dir = fixture(&[(
        "bang.toml",
        "caption = \"Tỉnh < 5 & \\\"x\\\"\"\ncolumns = [\"A & B\"]\nrows = [[\"**đậm** & <sup>2</sup>\"]]\n",
    )]);
    let store = DataStore::load(&dir).unwrap();
    let html = render_in(&store, "block = \"table\"\ndata = \"bang\"\n").unwrap();
    assert!(
        html.contains("<caption>Tỉnh &lt; 5 &amp; &quot;x&quot;</caption>"),
        "{html}"
    );
    assert!(html.contains("<th scope=\"col\">A &amp; B</th>"), "{html}");
    assert!(
        html.contains("<td><strong>đậm</strong> &amp; <sup>2</sup></td>"),
        "{html}"
    );
}
