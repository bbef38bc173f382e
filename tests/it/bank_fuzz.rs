//! Property tests: whatever bytes a bank file holds, `bank::load::parse` returns a
//! report instead of panicking, and a bank it accepts keeps every promise the
//! format makes.
//!
//! 256 cases per property by default, to keep `cargo test` quick; set
//! `PROPTEST_CASES=100000` for a longer run.

use std::collections::HashSet;

use phonescreen::bank::load::{
    BANK_KEYS, MINUTES_RANGE, QUESTION_KEYS, RATINGS_RANGE, Report, SECTION_KEYS, VARIABLE_KEYS,
    parse, references,
};
use phonescreen::bank::{BUILTIN_TEXT, Bank};
use proptest::prelude::*;
use proptest::sample::{Index, select};

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256);
    // Failing inputs are kept in tests/it/bank_fuzz.proptest-regressions and replayed first.
    crate::support::proptest_cases(cases)
}

fn all_keys() -> Vec<&'static str> {
    [BANK_KEYS, SECTION_KEYS, QUESTION_KEYS, VARIABLE_KEYS].concat()
}

fn is_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Everything the format promises about a bank that loaded.
fn check_bank(bank: &Bank) -> Result<(), TestCaseError> {
    prop_assert!(!bank.name.trim().is_empty(), "empty name");
    prop_assert!(MINUTES_RANGE.contains(&bank.duration_minutes));
    prop_assert!(
        RATINGS_RANGE.contains(&bank.ratings.len()),
        "{:?}",
        bank.ratings
    );
    let labels: HashSet<String> = bank.ratings.iter().map(|r| r.to_lowercase()).collect();
    prop_assert_eq!(labels.len(), bank.ratings.len(), "duplicate rating labels");
    prop_assert!(bank.ratings.iter().all(|r| !r.trim().is_empty()));
    prop_assert!(!bank.sections.is_empty(), "a bank with no sections");
    let declared: HashSet<&str> = bank.variables.iter().map(|v| v.name.as_str()).collect();
    let mut section_ids = HashSet::new();
    let mut question_ids = HashSet::new();
    for section in &bank.sections {
        prop_assert!(is_id(&section.id), "bad section id {:?}", section.id);
        prop_assert!(section_ids.insert(&section.id), "duplicate section id");
        prop_assert!(!section.title.trim().is_empty());
        if let Some(m) = section.minutes {
            prop_assert!(MINUTES_RANGE.contains(&m));
        }
        prop_assert!(!section.questions.is_empty(), "a section with no questions");
        for q in &section.questions {
            prop_assert!(is_id(&q.id), "bad question id {:?}", q.id);
            prop_assert!(question_ids.insert(&q.id), "duplicate question id");
            prop_assert!(!q.ask.trim().is_empty(), "empty ask in {}", q.id);
            prop_assert!(q.follow_ups.iter().all(|f| !f.trim().is_empty()));
            prop_assert!(q.tags.iter().all(|t| !t.trim().is_empty()));
            let texts = std::iter::once(&q.ask)
                .chain(&q.listen_for)
                .chain(&q.follow_ups);
            for text in texts {
                for reference in references(text) {
                    match reference {
                        Ok(name) => {
                            prop_assert!(declared.contains(name), "undeclared ${{{}}}", name)
                        }
                        Err(fragment) => prop_assert!(false, "malformed {:?} accepted", fragment),
                    }
                }
            }
        }
    }
    Ok(())
}

/// The report is consistent, every position lies inside the text, and an accepted bank is sound.
fn check_report(report: &Report, text: &[u8]) -> Result<(), TestCaseError> {
    prop_assert_eq!(
        report.bank.is_some(),
        !report.has_errors(),
        "a bank must come back exactly when there are no errors: {:?}",
        report.diagnostics
    );
    let lines = 1 + text.iter().filter(|b| **b == b'\n').count();
    for d in &report.diagnostics {
        prop_assert!(!d.message.is_empty(), "a diagnostic without a message");
        if let Some((line, column)) = d.position {
            prop_assert!(
                (1..=lines).contains(&line) && column >= 1,
                "{:?} is outside a text of {} lines",
                d,
                lines
            );
        }
    }
    if let Some(bank) = &report.bank {
        check_bank(bank)?;
    }
    Ok(())
}

/// Pieces of YAML, weighted towards what banks are made of.
fn yaml_token() -> impl Strategy<Value = String> {
    let punctuation = select(vec![
        "- ",
        ": ",
        ":",
        "\n",
        "\n  ",
        "\n    ",
        "\n      ",
        "  ",
        "    ",
        "[",
        "]",
        "{",
        "}",
        ", ",
        "&a ",
        "*a",
        "!tag ",
        "!!str ",
        "${",
        "}",
        "\"",
        "'",
        "# ",
        "|\n",
        ">-\n",
        "---\n",
        "...\n",
        "? ",
        "~",
        "null",
        "true",
        "no",
        "\t",
        "\r\n",
        "%YAML 1.2\n",
        "<<: *a\n",
    ]);
    prop_oneof![
        4 => select(all_keys()).prop_map(|k| format!("{k}: ")),
        6 => punctuation.prop_map(str::to_string),
        2 => "[a-z][a-z0-9-]{0,8}",
        1 => any::<i64>().prop_map(|n| n.to_string()),
        1 => select(vec!["0", "481", "-5", "7.5", ".inf", "1e3", "0x1F"]).prop_map(str::to_string),
        1 => "\\PC{0,6}",
        1 => select(vec!["é", "日本語", "🚀", "\u{feff}", "\u{2028}", "\u{85}"]).prop_map(str::to_string),
    ]
}

/// A plain or quoted scalar: usually good text, now and then one of the classic mistakes.
fn scalar() -> impl Strategy<Value = String> {
    let mistake = select(vec![
        "\"\"",
        "~",
        "42",
        "true",
        "[]",
        "Why ${tema}?",
        "\"Open ${team\"",
        "Testing: why?",
        "!foo x",
    ]);
    prop_oneof![
        90 => "[A-Z][a-z]{1,8}( [a-z]{1,8}){0,3}\\??",
        5 => Just("Why ${team}?".to_string()),
        3 => Just("Café 🚀 日本".to_string()),
        4 => mistake.prop_map(str::to_string),
    ]
}

fn id() -> impl Strategy<Value = String> {
    prop_oneof![
        40 => "[a-h][0-9]?",
        1 => Just("Bad_Id".to_string()),
        1 => Just("two words".to_string()),
    ]
}

fn minutes() -> impl Strategy<Value = i64> {
    prop_oneof![20 => 1i64..=40, 1 => -3i64..3, 1 => 470i64..500]
}

fn question() -> impl Strategy<Value = String> {
    (
        prop::option::weighted(0.98, id()),
        prop::option::weighted(0.98, scalar()),
        prop::option::of(scalar()),
        prop::option::of(prop::collection::vec(scalar(), 0..3)),
        prop::option::of(prop_oneof![10 => select(vec!["true", "false"]), 1 => Just("maybe")]),
        prop::option::weighted(0.02, select(all_keys())),
    )
        .prop_map(|(id, ask, listen_for, follow_ups, required, extra)| {
            let mut lines = Vec::new();
            if let Some(id) = id {
                lines.push(format!("id: {id}"));
            }
            if let Some(ask) = ask {
                lines.push(format!("ask: {ask}"));
            }
            if let Some(l) = listen_for {
                lines.push(format!("listen_for: {l}"));
            }
            match follow_ups {
                Some(f) if f.is_empty() => lines.push("follow_ups: []".to_string()),
                Some(f) => {
                    lines.push("follow_ups:".to_string());
                    lines.extend(f.iter().map(|f| format!("  - {f}")));
                }
                None => {}
            }
            if let Some(r) = required {
                lines.push(format!("required: {r}"));
            }
            if let Some(k) = extra {
                lines.push(format!("{k}: x"));
            }
            if lines.is_empty() {
                lines.push("tags: []".to_string());
            }
            let mut text = String::new();
            for (i, line) in lines.iter().enumerate() {
                let lead = if i == 0 { "      - " } else { "        " };
                text.push_str(&format!("{lead}{line}\n"));
            }
            text
        })
}

fn section() -> impl Strategy<Value = String> {
    (
        prop::option::weighted(0.98, id()),
        prop::option::weighted(0.98, scalar()),
        prop::option::of(minutes()),
        prop_oneof![
            1 => Just(Vec::new()),
            20 => prop::collection::vec(question(), 1..4),
        ],
    )
        .prop_map(|(id, title, minutes, questions)| {
            let mut text = format!("  - id: {}\n", id.unwrap_or_else(|| "\"\"".into()));
            if let Some(t) = title {
                text.push_str(&format!("    title: {t}\n"));
            }
            if let Some(m) = minutes {
                text.push_str(&format!("    minutes: {m}\n"));
            }
            if questions.is_empty() {
                text.push_str("    questions: []\n");
            } else {
                text.push_str("    questions:\n");
                text.extend(questions);
            }
            text
        })
}

/// Block-style banks built from the real format, often valid, sometimes subtly not.
fn bank_text() -> impl Strategy<Value = String> {
    let labels = vec!["Strong no", "No", "Maybe", "Yes", "Strong yes", "Great"];
    let ratings = prop_oneof![
        10 => prop::sample::subsequence(labels, 2..=6).prop_map(|l| l.join(", ")),
        1 => Just("Fine".to_string()),
        1 => Just("No, Yes, no".to_string()),
        1 => Just("No, \"\"".to_string()),
        1 => Just("a, b, c, d, e, f, g, h, i, j".to_string()),
    ];
    (
        prop::option::weighted(0.98, scalar()),
        prop::option::of(minutes()),
        prop::option::weighted(0.9, scalar()),
        prop::option::of(ratings),
        prop_oneof![
            1 => Just(Vec::new()),
            20 => prop::collection::vec(section(), 1..4),
        ],
    )
        .prop_map(|(name, duration, team_prompt, ratings, sections)| {
            let mut text = String::new();
            if let Some(n) = name {
                text.push_str(&format!("name: {n}\n"));
            }
            if let Some(d) = duration {
                text.push_str(&format!("duration_minutes: {d}\n"));
            }
            if let Some(p) = team_prompt {
                text.push_str(&format!("variables:\n  team:\n    prompt: {p}\n"));
            }
            if let Some(r) = ratings {
                text.push_str(&format!("ratings: [{r}]\n"));
            }
            if sections.is_empty() {
                text.push_str("sections: []\n");
            } else {
                text.push_str("sections:\n");
                text.extend(sections);
            }
            text
        })
}

/// Any YAML value, as the YAML library itself would write it, with keys mostly from the format.
fn yaml_value() -> impl Strategy<Value = serde_yaml::Value> {
    use serde_yaml::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| Value::Number(n.into())),
        any::<f64>().prop_map(|n| Value::Number(n.into())),
        "\\PC{0,12}".prop_map(Value::String),
        "[a-z]{1,3}( \\$\\{[a-z]{1,3}\\})?".prop_map(Value::String),
    ];
    let key = prop_oneof![
        6 => select(all_keys()).prop_map(|k| Value::String(k.to_string())),
        1 => "[a-z_]{1,6}".prop_map(Value::String),
        1 => any::<i32>().prop_map(|n| Value::Number(n.into())),
    ];
    leaf.prop_recursive(6, 96, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Sequence),
            prop::collection::vec((key.clone(), inner), 0..6)
                .prop_map(|entries| Value::Mapping(entries.into_iter().collect())),
        ]
    })
}

/// One edit to a file's bytes.
#[derive(Debug, Clone)]
enum Mutation {
    DeleteLine(Index),
    DuplicateLine(Index),
    Reindent(Index, usize),
    Truncate(Index),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<Index>().prop_map(Mutation::DeleteLine),
        any::<Index>().prop_map(Mutation::DuplicateLine),
        (any::<Index>(), 0usize..12).prop_map(|(i, n)| Mutation::Reindent(i, n)),
        any::<Index>().prop_map(Mutation::Truncate),
    ]
}

fn apply(text: &[u8], mutation: &Mutation) -> Vec<u8> {
    let mut lines: Vec<Vec<u8>> = text.split(|b| *b == b'\n').map(<[u8]>::to_vec).collect();
    match mutation {
        Mutation::DeleteLine(i) => {
            lines.remove(i.index(lines.len()));
        }
        Mutation::DuplicateLine(i) => {
            let i = i.index(lines.len());
            lines.insert(i, lines[i].clone());
        }
        Mutation::Reindent(i, spaces) => {
            let i = i.index(lines.len());
            let line = &mut lines[i];
            let body: Vec<u8> = line.iter().copied().skip_while(|b| *b == b' ').collect();
            *line = [vec![b' '; *spaces], body].concat();
        }
        Mutation::Truncate(i) => {
            let mut bytes = text.to_vec();
            bytes.truncate(i.index(bytes.len() + 1));
            return bytes;
        }
    }
    lines.join(&b'\n')
}

#[test]
fn the_builtin_bank_passes_the_checks_used_below() {
    // The checks must accept a good bank, or every property below would be vacuous.
    let report = parse(BUILTIN_TEXT.as_bytes());
    assert!(report.bank.is_some(), "{:?}", report.diagnostics);
    check_report(&report, BUILTIN_TEXT.as_bytes()).unwrap();
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let report = parse(&bytes);
        check_report(&report, &bytes)?;
    }

    #[test]
    fn yaml_token_soup_never_panics(tokens in prop::collection::vec(yaml_token(), 0..80)) {
        let text = tokens.concat();
        let report = parse(text.as_bytes());
        check_report(&report, text.as_bytes())?;
    }

    #[test]
    fn bank_shaped_text_is_accepted_only_when_sound(text in bank_text()) {
        let report = parse(text.as_bytes());
        check_report(&report, text.as_bytes())?;
    }

    #[test]
    fn any_yaml_value_is_read_without_syntax_errors(value in yaml_value()) {
        let text = serde_yaml::to_string(&value).expect("serde_yaml writes any value it built");
        let report = parse(text.as_bytes());
        check_report(&report, text.as_bytes())?;
        // The YAML library wrote this text itself, so it is one well-formed document.
        for d in &report.diagnostics {
            prop_assert!(!d.message.starts_with("invalid YAML"), "{:?} for\n{}", d, text);
        }
    }

    #[test]
    fn edits_to_the_builtin_bank_never_panic(mutations in prop::collection::vec(mutation(), 1..4)) {
        let mut bytes = BUILTIN_TEXT.as_bytes().to_vec();
        for m in &mutations {
            bytes = apply(&bytes, m);
        }
        let report = parse(&bytes);
        check_report(&report, &bytes)?;
    }
}
