use super::*;

#[test]
fn folds_every_vietnamese_letter() {
    assert_eq!(normalize("Giám sát trọng điểm"), "giam sat trong diem");
    assert_eq!(normalize("ĐƯỜNG đường Đ đ"), "duong duong d d");
    assert_eq!(
        normalize("ăằắẳẵặ âầấẩẫậ êềếểễệ ôồốổỗộ ơờớởỡợ ưừứửữự ỳýỷỹỵ ìíỉĩị"),
        "aaaaaa aaaaaa eeeeee oooooo oooooo uuuuuu yyyyy iiiii"
    );
    assert_eq!(normalize("ĂÂÊÔƠƯỲÝỶỸỴ"), "aaeoouyyyyy");
    // Decomposed (NFD) input folds the same as precomposed.
    assert_eq!(normalize("nghie\u{302}\u{323}n"), "nghien");
}

#[test]
fn tokens_keep_original_ranges() {
    let s = "Cỡ mẫu, người nghiện-chích";
    let t = tokenize(s);
    let terms: Vec<&str> = t.iter().map(|t| t.term.as_str()).collect();
    assert_eq!(terms, ["co", "mau", "nguoi", "nghien", "chich"]);
    assert_eq!(&s[t[1].start..t[1].end], "mẫu");
    assert_eq!(&s[t[3].start..t[3].end], "nghiện");
}

fn sample() -> Vec<Section> {
    let s = |url: &str, anchor: &str, heading: &str, text: &str| Section {
        url: url.into(),
        page_title: format!("Trang {url}"),
        anchor: anchor.into(),
        heading: heading.into(),
        text: text.into(),
    };
    vec![
        s("/a/", "", "Trang a", "Giới thiệu chung về sổ tay."),
        s(
            "/a/",
            "co-mau",
            "Cỡ mẫu",
            "Cỡ mẫu người nghiện chích ma túy là 300 người mỗi tỉnh.",
        ),
        s(
            "/b/",
            "han",
            "Thời hạn báo cáo",
            "Hạn báo cáo là ngày 15 tháng sau. Báo cáo gửi Cục.",
        ),
        s(
            "/b/",
            "khac",
            "Khác",
            "Người trong điểm giám sát; sát trọng; giám điểm.",
        ),
        s(
            "/c/",
            "gs",
            "Giám sát trọng điểm",
            "Nguyên tắc giám sát trọng điểm HIV.",
        ),
    ]
}

#[test]
fn encode_decode_round_trip_and_rejects_garbage() {
    let mut secs = sample();
    secs[0].text = "dòng\nmới\u{1e}tách".into();
    let back = decode(&encode(&secs)).unwrap();
    assert_eq!(back[0].text, "dòng mới tách");
    assert_eq!(back[1..], secs[1..]);
    assert!(decode("xyz").is_err());
    assert!(decode(&format!("{HEADER}S\u{1f}a\u{1e}")).is_err());
}

#[test]
fn with_and_without_diacritics_give_the_same_results() {
    let idx = Index::new(sample());
    for (a, b, want) in [
        ("giám sát trọng điểm", "giam sat trong diem", 4),
        ("cỡ mẫu người nghiện chích", "co mau nguoi nghien chich", 1),
        ("hạn báo cáo", "han bao cao", 2),
    ] {
        let ra: Vec<usize> = idx.search(a, 5).iter().map(|h| h.section).collect();
        let rb: Vec<usize> = idx.search(b, 5).iter().map(|h| h.section).collect();
        assert_eq!(ra, rb, "{a} vs {b}");
        assert_eq!(ra[0], want, "{a}");
    }
}

#[test]
fn phrase_beats_scattered_words_and_last_word_is_a_prefix() {
    let idx = Index::new(sample());
    let r = idx.search("giam sat trong d", 5);
    assert_eq!(r[0].section, 4);
    assert_eq!(r[1].section, 3);
    // A finished word (query ends with a space) is matched exactly when it is a known word,
    // as a prefix otherwise (a word cut short is still found).
    assert_eq!(idx.search("ngh ", 5)[0].section, 1);
    assert_eq!(idx.search("trong", 5).len(), 2);
    assert_eq!(idx.search("tro ", 5).len(), 2);
    assert_eq!(idx.search("ngh", 5)[0].section, 1);
    assert!(idx.search("khongcotu", 5).is_empty());
    assert!(idx.search("  ", 5).is_empty());
}

#[test]
fn hits_mark_matches_in_the_text_as_written() {
    let idx = Index::new(sample());
    let h = &idx.search("han bao cao", 5)[0];
    assert_eq!(h.heading, "Thời \u{1}hạn\u{2} \u{1}báo\u{2} \u{1}cáo\u{2}");
    assert!(
        h.snippet
            .starts_with("\u{1}Hạn\u{2} \u{1}báo\u{2} \u{1}cáo\u{2} là"),
        "{}",
        h.snippet
    );
    assert_eq!(idx.sections[h.section].href(), "/b/#han");
    assert_eq!(idx.sections[0].href(), "/a/");
}

#[test]
fn long_text_snippet_is_cut_around_the_matches() {
    let filler = "lorem ".repeat(100);
    let secs = vec![Section {
        url: "/x/".into(),
        page_title: "X".into(),
        anchor: "y".into(),
        heading: "Y".into(),
        text: format!("{filler}đúng chỗ {filler}"),
    }];
    let h = &Index::new(secs).search("dung cho", 1)[0];
    assert!(h.snippet.starts_with("… lorem"));
    assert!(h.snippet.ends_with(" …"));
    assert!(h.snippet.contains("\u{1}đúng\u{2} \u{1}chỗ\u{2}"));
    assert!(h.snippet.split(' ').count() <= SNIPPET_WORDS + 2);
}

/// The queries of tests/search-queries.toml (`q` and `accented`), read without a TOML parser
/// (this crate has none): every `q = "…"` / `accented = "…"` line.
fn repo_queries() -> Vec<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/search-queries.toml");
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .filter_map(|l| {
            let l = l.trim();
            let v = l
                .strip_prefix("q = ")
                .or_else(|| l.strip_prefix("accented = "))?;
            Some(v.trim_matches('"').to_string())
        })
        .collect()
}

/// Native timings on a built index, every query of tests/search-queries.toml and every prefix
/// of it as typed key by key. Run on a built site:
/// `SOTAY_SEARCH_INDEX=$(ls /tmp/x/assets/search-index.*.txt) cargo test -p sotay-calc --release
/// --lib real_index_timings -- --ignored --nocapture`
#[test]
#[ignore = "needs SOTAY_SEARCH_INDEX (a built index file); prints timings"]
fn real_index_timings() {
    use std::time::{Duration, Instant};
    let path = std::env::var("SOTAY_SEARCH_INDEX").expect("SOTAY_SEARCH_INDEX=<index file>");
    let data = std::fs::read_to_string(path).unwrap();
    let t = Instant::now();
    let idx = Index::load(&data).unwrap();
    eprintln!(
        "load: {:?} ({} sections, {} bytes)",
        t.elapsed(),
        idx.len(),
        data.len()
    );
    let time = |q: &str, limit: usize| {
        // Best of 5 (the machine is shared), as the browser would see it without noise.
        (0..5)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(idx.search(q, limit));
                t.elapsed()
            })
            .min()
            .unwrap()
    };
    let mut full: Vec<(Duration, String)> = Vec::new();
    let mut typed: Vec<(Duration, String)> = Vec::new();
    for q in repo_queries() {
        full.push((time(&q, 8), q.clone()));
        for (i, c) in q.char_indices() {
            let p = &q[..i + c.len_utf8()];
            typed.push((time(p, 8), p.to_string()));
        }
    }
    // SOTAY_SEARCH_DUMP=<file>: every result of every query and prefix, to compare two versions
    // of the engine (same ranking, same snippets).
    if let Ok(dump) = std::env::var("SOTAY_SEARCH_DUMP") {
        let mut out = String::new();
        for (_, q) in full.iter().chain(typed.iter()) {
            out.push_str(&format!("== {q}\n"));
            for h in idx.search(q, 8) {
                out.push_str(&format!(
                    "{} {:.4} {:?} {:?}\n",
                    idx.sections[h.section].href(),
                    h.score,
                    h.heading,
                    h.snippet
                ));
            }
        }
        std::fs::write(dump, out).unwrap();
    }
    for (name, list) in [("full queries", &mut full), ("typed prefixes", &mut typed)] {
        list.sort();
        let med = list[list.len() / 2].0;
        eprintln!(
            "{name}: {} queries, median {med:?}, max {:?}",
            list.len(),
            list.last().unwrap().0
        );
        for (d, q) in list.iter().rev().take(5) {
            eprintln!("  {d:?}  {q:?}");
        }
    }
}
