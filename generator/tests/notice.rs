//! Legal currency (issue 7): every page of the surveillance part (Circular 09/2012) and of the
//! calculator carries the non-dismissable notice that 09/2012 was replaced by 07/2023.
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
