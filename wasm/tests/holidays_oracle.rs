//! The calendar against an oracle nobody here wrote: the PyPI package `holidays` (Vietnam),
//! pinned in scripts/holidays_oracle.py and installed by `bash scripts/setup.sh --test`.
//!
//! Our side is the JSON `sotay calc calendar --year Y --format json` prints
//! (`core::json::calendar_json`, which the command calls), for 2013–2030. Both directions are
//! compared: weekday days off, and Saturdays worked in exchange (see the header of
//! holidays-differences.toml for what is compared and why). Every difference must be listed in
//! holidays-differences.toml with the official text that decides it; a listed difference that
//! no longer occurs fails too, so the list stays true.
use serde::Deserialize;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::Command;

const FIRST: i32 = 2013;
const LAST: i32 = 2030;

#[derive(Debug, Deserialize)]
struct Listed {
    difference: Vec<Difference>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Difference {
    date: String,
    kind: String,
    reason: String,
    source: String,
}

#[derive(Debug, Deserialize)]
struct Oracle {
    version: String,
    off: Vec<OracleDay>,
    worked: Vec<OracleSwap>,
}

#[derive(Debug, Deserialize)]
struct OracleDay {
    date: String,
}

#[derive(Debug, Deserialize)]
struct OracleSwap {
    date: String,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_path_buf()
}

fn oracle() -> Oracle {
    let python = std::env::var("SOTAY_PYTHON").unwrap_or_else(|_| "python3".into());
    let script = root().join("scripts/holidays_oracle.py");
    let out = Command::new(&python)
        .arg(&script)
        .arg(FIRST.to_string())
        .arg(LAST.to_string())
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run {python} {}: {e}. Install Python 3 and run `bash scripts/setup.sh --test`", script.display())
        });
    assert!(
        out.status.success(),
        "{} failed: {}\n(`bash scripts/setup.sh --test` installs the pinned `holidays`)",
        script.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("oracle JSON")
}

fn is_weekday(iso: &str) -> bool {
    let d = sotay_calc::core::date::Date::parse_iso(iso).expect("date");
    !d.weekday().is_weekend()
}

/// (weekday days off, worked Saturdays) of our calendar, from the command's JSON.
fn ours() -> (BTreeSet<String>, BTreeSet<String>) {
    let mut off = BTreeSet::new();
    let mut worked = BTreeSet::new();
    for y in FIRST..=LAST {
        let json = sotay_calc::core::json::calendar_json(y).expect("calendar");
        let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
        for d in v["days"].as_array().expect("days") {
            let date = d["date"].as_str().expect("date").to_string();
            match d["kind"].as_str().expect("kind") {
                "worked_saturday" => {
                    worked.insert(date);
                }
                _ if is_weekday(&date) => {
                    off.insert(date);
                }
                _ => {}
            }
        }
    }
    (off, worked)
}

#[test]
fn calendar_2013_2030_matches_the_holidays_package_except_listed_official_differences() {
    let oracle = oracle();
    assert_eq!(oracle.version, "0.109", "the pinned version");
    let their_off: BTreeSet<String> = oracle.off.into_iter().map(|d| d.date).collect();
    let their_worked: BTreeSet<String> = oracle.worked.into_iter().map(|d| d.date).collect();
    let (our_off, our_worked) = ours();
    // A sanity floor: both sides really have the years (≈ 11 weekday days off a year).
    assert!(their_off.len() > 150 && our_off.len() > 150);
    let mut found: BTreeSet<(String, String)> = BTreeSet::new();
    for d in our_off.difference(&their_off) {
        found.insert((d.clone(), "off_only_ours".into()));
    }
    for d in their_off.difference(&our_off) {
        found.insert((d.clone(), "off_only_holidays".into()));
    }
    for d in our_worked.difference(&their_worked) {
        found.insert((d.clone(), "worked_only_ours".into()));
    }
    for d in their_worked.difference(&our_worked) {
        found.insert((d.clone(), "worked_only_holidays".into()));
    }

    let path = root().join("wasm/tests/holidays-differences.toml");
    let text = std::fs::read_to_string(&path).expect("differences list");
    let listed: Listed = toml::from_str(&text).expect("holidays-differences.toml");
    let mut known: BTreeSet<(String, String)> = BTreeSet::new();
    for d in &listed.difference {
        assert!(
            !d.reason.trim().is_empty() && !d.source.trim().is_empty(),
            "{d:?}: every difference needs its reason and official source"
        );
        assert!(
            known.insert((d.date.clone(), d.kind.clone())),
            "listed twice: {d:?}"
        );
    }
    let unlisted: Vec<_> = found.difference(&known).collect();
    let stale: Vec<_> = known.difference(&found).collect();
    assert!(
        unlisted.is_empty() && stale.is_empty(),
        "{}:\n- differences with `holidays` not listed: {unlisted:?} (add each with the official text that decides it, or fix the calendar)\n- listed but no longer different: {stale:?}",
        path.display()
    );
}
