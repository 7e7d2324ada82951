//! Legal currency (issue 7): every page of the surveillance part (Circular 09/2012) and of the
//! calculator carries the non-dismissable notice that 09/2012 was replaced by 07/2023.
mod common;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn pages(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            pages(&p, out);
        } else if p.file_name().is_some_and(|n| n == "index.html") {
            out.push(p);
        }
    }
}

#[test]
fn tt09_pages_and_calculator_pages_carry_the_replacement_notice() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let o = Command::new(env!("CARGO_BIN_EXE_sotay"))
        .args(["build", "--no-wasm", "--root"])
        .arg(&root)
        .arg("--out")
        .arg(&site)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut checked = 0;
    for part in ["giam-sat", "cong-cu"] {
        let mut found = Vec::new();
        pages(&site.join(part), &mut found);
        assert!(found.len() >= 3, "{part}: {found:?}");
        for p in found {
            let html = fs::read_to_string(&p).unwrap();
            assert!(
                html.contains("class=\"notice notice-tt09-thay-the\"")
                    && html.contains("role=\"note\""),
                "{} has no replacement notice",
                p.display()
            );
            assert!(
                html.contains("07/2023/TT-BYT") && html.contains("01/6/2023"),
                "{}: the notice names the successor and its date",
                p.display()
            );
            assert!(
                !html.contains("notice-close") && !html.contains("data-dismiss"),
                "{}: the notice cannot be dismissed",
                p.display()
            );
            checked += 1;
        }
    }
    assert!(checked >= 10, "only {checked} pages checked");
    // Pages outside those parts do not carry it.
    let home = fs::read_to_string(site.join("index.html")).unwrap();
    assert!(!home.contains("notice-tt09-thay-the"));
}

/// The real handbook, built without the calculator.
fn build_real_site() -> (tempfile::TempDir, PathBuf) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let o = Command::new(env!("CARGO_BIN_EXE_sotay"))
        .args(["build", "--no-wasm", "--root"])
        .arg(&root)
        .arg("--out")
        .arg(&site)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    (tmp, site)
}

/// Issue 7: the generated deadline tables of the real content say which instrument each date
/// follows; a date on or after 01/06/2023 is marked, in words, as no longer in force.
#[test]
fn generated_deadlines_in_the_handbook_name_their_instrument() {
    let (_tmp, site) = build_real_site();
    let html = common::without_card_attributes(
        fs::read_to_string(site.join("giam-sat/che-do-bao-cao/index.html")).unwrap(),
    );
    let replaced = "Theo Thông tư 09/2012/TT-BYT — đã được thay thế từ 01/06/2023 bởi Thông tư 07/2023/TT-BYT; chỉ để tham khảo";
    // The dated table of 2023: a row due after the replacement carries the label and the mark,
    // a row due before it follows 09/2012 in force.
    let start = html
        .find("sotay-deadlines-year")
        .expect("Mục 5 has the dated table of 2023");
    let table = &html[start..start + html[start..].find("</table>").unwrap()];
    let rows: Vec<&str> = table.split("<tr").skip(2).collect();
    let late = rows
        .iter()
        .find(|r| r.contains("/10/2023"))
        .expect("a row due in October 2023");
    assert!(late.contains(replaced), "{late}");
    assert!(late.contains("sotay-not-in-force") && late.contains(">Không còn hiệu lực</strong>"));
    let early = rows
        .iter()
        .find(|r| r.contains("/03/2023"))
        .expect("a row due in March 2023");
    assert!(
        early.contains("Theo Thông tư 09/2012/TT-BYT</td>"),
        "{early}"
    );
    assert!(!early.contains("Không còn hiệu lực"), "{early}");
    // The schedule table: every row is marked.
    let sched = html
        .find("Thời gian thu thập mẫu và thời hạn báo cáo")
        .unwrap();
    let sched = &html[sched..sched + html[sched..].find("</table>").unwrap()];
    let n = sched.matches("<tr class=\"sotay-not-in-force\">").count();
    assert!(n >= 10, "{n}");
    assert_eq!(sched.matches(replaced).count(), n);
    // The yearly sentinel chart of Mục 4 too.
    let m4 = fs::read_to_string(site.join("giam-sat/giam-sat-trong-diem/index.html")).unwrap();
    let fig = m4.find("sotay-yearchart").unwrap();
    assert!(m4[fig..].contains(replaced));
}
