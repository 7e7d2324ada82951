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
    let file = IndexFile {
        sections: secs.clone(),
        abbreviations: vec![Abbreviation {
            href: "/g/#ncmt".into(),
            expansion: "Nghiện chích ma túy".into(),
            forms: vec!["NCMT".into(), "N.C.M.T".into()],
        }],
        module_bytes: 1234,
    };
    let data = encode(&file);
    assert!(data.starts_with("sotay-search 2 "), "{data}");
    let back = decode(&data).unwrap();
    assert_eq!(back.sections[0].text, "dòng mới tách");
    assert_eq!(back.sections[1..], secs[1..]);
    assert_eq!(back.abbreviations, file.abbreviations);
    assert_eq!(back.module_bytes, 1234);
    assert!(decode("xyz").is_err());
    assert!(decode(&format!("{HEADER} 6 0\nS\u{1f}a\u{1e}")).is_err());
    // A cut file (a dropped connection) is refused, not half-read.
    let cut = &data[..data.len() - 10];
    let e = decode(cut).err().unwrap();
    assert!(e.contains("không trọn vẹn"), "{e}");
    // The old format is refused with the header it expects.
    assert!(decode("sotay-search 1\nP\u{1f}/a/\u{1f}A\u{1e}").is_err());
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

#[test]
fn diacritic_keys_ignore_tone_placement_and_keep_prefixes() {
    assert_eq!(diacritic_key("túy"), diacritic_key("tuý"));
    assert_eq!(diacritic_key("hòa"), diacritic_key("hoà"));
    assert_eq!(diacritic_key("Mẫu"), diacritic_key("mẫu"));
    // NFD input gives the NFC key.
    assert_eq!(diacritic_key("ma\u{302}\u{303}u"), diacritic_key("mẫu"));
    assert_ne!(diacritic_key("máu"), diacritic_key("mẫu"));
    assert_ne!(diacritic_key("bản"), diacritic_key("bán"));
    assert!(diacritic_key("bảng").starts_with(&diacritic_key("bản")));
    assert_eq!(normalize(&diacritic_key("Điểm")), "diem");
}

fn s(url: &str, anchor: &str, heading: &str, text: &str) -> Section {
    Section {
        url: url.into(),
        page_title: format!("Trang {url}"),
        anchor: anchor.into(),
        heading: heading.into(),
        text: text.into(),
    }
}

fn hrefs(idx: &Index, q: &str) -> Vec<String> {
    idx.search(q, 10)
        .iter()
        .map(|h| idx.sections[h.section].href())
        .collect()
}

#[test]
fn abbreviations_expand_and_their_glossary_entry_comes_first() {
    let secs = vec![
        s("/g/", "ncmt", "NCMT", "Nghiện chích ma túy."),
        s("/g/", "gstd", "GSTĐ", "Giám sát trọng điểm."),
        s(
            "/a/",
            "co-mau",
            "Cỡ mẫu",
            "Nhóm nam nghiện chích ma tuý: 300 người. NCMT NCMT NCMT.",
        ),
        s("/a/", "khac", "Khác", "Giám sát trọng điểm hằng năm; gstđ."),
        s("/b/", "", "B", "Nam nghiện chích ma túy."),
    ];
    let abbrs = vec![
        Abbreviation {
            href: "/g/#ncmt".into(),
            expansion: "Nghiện chích ma túy (injecting)".into(),
            forms: vec!["NCMT".into()],
        },
        Abbreviation {
            href: "/g/#gstd".into(),
            expansion: "Giám sát trọng điểm".into(),
            forms: vec!["GSTĐ".into()],
        },
    ];
    let idx = Index::with_abbreviations(secs.clone(), &abbrs);
    for q in ["NCMT", "ncmt", "ncmt "] {
        assert_eq!(hrefs(&idx, q), ["/g/#ncmt", "/a/#co-mau", "/b/"], "{q}");
    }
    for q in ["GSTĐ", "gstd", "gstđ"] {
        assert_eq!(hrefs(&idx, q)[0], "/g/#gstd", "{q}");
        assert_eq!(hrefs(&idx, q).len(), 2, "{q}");
    }
    // The expansion is a phrase: its words scattered do not match.
    let idx2 =
        Index::with_abbreviations(vec![s("/x/", "", "X", "ma chích nghiện túy")], &abbrs[..1]);
    assert!(idx2.search("ncmt", 5).is_empty());
    // Without the glossary, the abbreviation is only a word (and initials).
    let plain = Index::new(secs);
    assert_eq!(hrefs(&plain, "ncmt").len(), 2);
    // The text's words are marked, and listed for the page's highlight.
    let h = &idx.search("ncmt", 5)[1];
    assert!(
        h.snippet
            .contains("\u{1}nghiện\u{2} \u{1}chích\u{2} \u{1}ma\u{2} \u{1}tuý\u{2}")
    );
    assert!(h.words.contains(&"tuý".to_string()), "{:?}", h.words);
}

#[test]
fn unknown_abbreviation_without_a_vowel_reads_as_initials() {
    let idx = Index::new(vec![
        s("/a/", "x", "X", "Phụ trách giám sát của tỉnh."),
        s("/a/", "y", "Y", "Phụ giám trách sát."),
    ]);
    let r = idx.search("ptgs", 5);
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].words, ["phụ", "trách", "giám", "sát"]);
    assert!(idx.search("pxgs", 5).is_empty());
}

#[test]
fn one_typo_in_an_unknown_word_is_tolerated() {
    let idx = Index::new(vec![
        s("/a/", "x", "Giám sát", "Giám sát trọng điểm."),
        s("/a/", "y", "Khác", "Chuyển giao kỹ thuật."),
    ]);
    for q in [
        "giam xat",
        "giam sta",
        "giam sat",
        "chuyen giao ky thuta",
        "truyen giao",
    ] {
        assert!(!idx.search(q, 5).is_empty(), "{q}");
    }
    assert_eq!(idx.search("giam xat", 5)[0].section, 0);
    // A known word is not "corrected", and short words are not guessed.
    assert!(idx.search("giam chuyen", 5).is_empty());
    assert!(idx.search("xa", 5).is_empty());
    assert!(one_typo(&['x', 'a', 't'], &['s', 'a', 't']));
    assert!(one_typo(&['s', 't', 'a'], &['s', 'a', 't']));
    assert!(!one_typo(&['s', 'a', 't'], &['s', 'a', 't']));
    assert!(!one_typo(&['x', 'a', 'c'], &['s', 'a', 't']));
}

#[test]
fn typed_diacritics_are_preferred_and_only_those_words_are_marked() {
    let idx = Index::new(vec![
        s("/a/", "x", "Bệnh phẩm", "Mẫu máu và mẫu nước tiểu."),
        s("/a/", "y", "Cỡ mẫu", "Cỡ mẫu 300."),
        s("/a/", "z", "Văn bản", "Văn bản; bảng; bán."),
    ]);
    let r = idx.search("máu", 5);
    assert_eq!(r.len(), 1, "only the section with `máu`");
    assert_eq!(r[0].snippet, "Mẫu \u{1}máu\u{2} và mẫu nước tiểu.");
    assert_eq!(r[0].words, ["máu"]);
    // Without diacritics, every fold matches.
    assert_eq!(idx.search("mau", 5).len(), 2);
    let h = &idx.search("bản", 5)[0];
    assert_eq!(h.snippet, "Văn \u{1}bản\u{2}; bảng; bán.");
    // A tone typed that no section has: the folded matches are kept.
    assert_eq!(idx.search("mấu", 5).len(), 2);
}

#[test]
fn adjacent_words_beat_the_same_words_apart_even_in_the_heading() {
    let idx = Index::new(vec![
        s(
            "/dia-gioi/",
            "",
            "Địa giới hành chính",
            "Các tỉnh hoạt động từ 2025; địa giới mới.",
        ),
        s("/msm/", "", "Nhóm nam", "Nam quan hệ tình dục đồng giới."),
    ]);
    assert_eq!(hrefs(&idx, "dong gioi"), ["/msm/", "/dia-gioi/"]);
    assert_eq!(hrefs(&idx, "đồng giới"), ["/msm/"]);
}

#[test]
fn words_for_the_page_highlight_are_those_next_to_each_other() {
    let idx = Index::new(vec![s(
        "/a/",
        "x",
        "X",
        "Khám sơ tuyển ở các cơ sở y tế tuyến xã; số người.",
    )]);
    let h = &idx.search("so tuyen", 1)[0];
    assert_eq!(h.words, ["sơ", "tuyển"]);
    // One word: every match.
    assert_eq!(idx.search("so", 1)[0].words, ["sơ", "sở", "số"]);
}
