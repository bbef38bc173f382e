//! What phonescreen writes reads the same in other YAML readers.
//!
//! Interviewers read saved interviews with their own scripts, and PyYAML
//! (YAML 1.1) is the most common reader there is: a plain `No` is `False`
//! to it, `12:30` is 750 and `=` is an error. Two kinds of check:
//!
//! - a property test: every scalar the writer leaves plain matches none of
//!   the YAML 1.1 resolver patterns (yaml.org/type, as PyYAML implements
//!   them) nor the YAML 1.2 core schema's, and every string reads back;
//! - PyYAML and ruamel.yaml themselves load a saved interview full of
//!   hostile text, the built-in bank and the starter bank, and must see the
//!   same values phonescreen does. They need Python; `.ci/run` installs
//!   them, and without them (outside CI) these checks say so and pass.

use std::io::Write;
use std::process::{Command, Stdio};

use phonescreen::interview::record::Record;
use phonescreen::store::testing::sample_record;
use phonescreen::yaml::{self, Node};
use proptest::prelude::*;
use regex::Regex;
use serde_json::Value;

/// The implicit resolvers of YAML 1.1 (PyYAML's resolver.py, from
/// yaml.org/type) and of the YAML 1.2 core schema. A plain scalar matching
/// any of them is not read as a string by some reader.
fn resolvers() -> Vec<(&'static str, Regex)> {
    [
        ("1.1 bool", r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$"),
        ("1.1 float", r"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
        ("1.1 int", r"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$"),
        ("1.1 merge", r"^<<$"),
        ("1.1 null", r"^(?:~|null|Null|NULL|)$"),
        ("1.1 timestamp", r"^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$"),
        ("1.1 value", r"^=$"),
        ("1.2 bool", r"^(?:true|True|TRUE|false|False|FALSE)$"),
        ("1.2 int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
        ("1.2 float", r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    ]
    .into_iter()
    .map(|(name, pattern)| (name, Regex::new(pattern).unwrap()))
    .collect()
}

/// Text that looks like something else to some reader, and text made of
/// the characters YAML gives a meaning to.
fn tricky() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "No",
            "no",
            "NO",
            "y",
            "N",
            "yes",
            "On",
            "off",
            "True",
            "null",
            "Null",
            "~",
            "",
            "=",
            "<<",
            "12:30",
            "1:20:30",
            "2024-01-01",
            "2024-1-1 10:00:00",
            "0o17",
            "017",
            "0x1F",
            "0b101",
            "1_000",
            "1e3",
            "1.5",
            ".5",
            "+.inf",
            ".NaN",
            "-",
            "?",
            ":",
            "#",
        ])
        .prop_map(str::to_string),
        "[-+0-9.:_eExob ]{1,12}",
        "[a-zA-Z]{1,4}[ :#!&*?|>%@`'\",\\[\\]{}=~<-]{0,3}[a-zA-Z0-9 ]{0,4}",
        "[!&*?|>%@`'\"#\\[\\]{},=~<:-][a-zA-Z0-9 ]{0,6}",
        any::<String>(),
        "(\\PC|\n|\t|\r| ){0,40}",
    ]
}

/// The value of `k` in `text` when the writer left it plain.
fn plain_value(text: &str) -> Option<&str> {
    let value = text.strip_prefix("k: ")?.strip_suffix('\n')?;
    (!value.starts_with(['"', '|', '\''])).then_some(value)
}

proptest! {
    #![proptest_config(crate::support::proptest_cases(4000))]

    #[test]
    fn a_plain_scalar_is_never_anything_but_a_string(s in tricky()) {
        let node = Node::Map(vec![(Node::String("k".into()), Node::String(s.clone()))]);
        let text = yaml::emit::document(&node).unwrap();
        if let Some(plain) = plain_value(&text) {
            for (name, pattern) in resolvers() {
                prop_assert!(!pattern.is_match(plain), "{s:?} written plain matches the {name} resolver");
            }
        }
        prop_assert_eq!(yaml::parse(&text).unwrap(), node);
    }
}

/// The words in the issue, and whatever a reader could turn into something else.
const HOSTILE: &[&str] = &[
    "=",
    "<<",
    "No",
    "no",
    "Yes",
    "on",
    "OFF",
    "y",
    "n",
    "~",
    "null",
    "12:30",
    "1:20:30",
    "2024-01-01",
    "2024-01-01 10:00:00",
    "0o17",
    "017",
    "0x1F",
    "1e3",
    ".inf",
    "-",
    "? x",
    "- x",
    "a: b",
    "a #b",
    "#c",
    "!tag",
    "&a",
    "*a",
    "|",
    ">",
    "%x",
    "@x",
    "`x",
    "'",
    "\"",
    "{a: 1}",
    "[1]",
    " lead",
    "trail ",
    "",
    "one\ntwo",
    "  indented\nnext\n\n",
    "\ttab\n",
    "\u{1b}]2;title\u{7}",
    "nel\u{85}ls\u{2028}ps\u{2029}bom\u{feff}",
    "cr\r\nlf",
    "del\u{7f}",
    "---\n...\n# end of phonescreen interview",
    "李雷 · Ångström",
];

fn hostile_record() -> Record {
    let mut record = sample_record(HOSTILE.len(), 0);
    record.candidate = "No".into();
    record.role = "12:30".into();
    record.interviewer = "=".into();
    record.summary = "2024-01-01".into();
    record.scratch = "<<".into();
    record.rating_scale = vec!["Strong no".into(), "No".into(), "Yes".into(), "on".into()];
    record.variables.insert("on".into(), "off".into());
    // What format 2 added: the waiting state's times, the bank's advice
    // and a prep file's text, each as hostile as the notes.
    record.status = phonescreen::interview::Status::NoShow;
    record.opened_at = Some(record.started_at - chrono::Duration::minutes(3));
    record.bank.description = Some(HOSTILE.join("\n"));
    record.prep = Some(phonescreen::interview::Prep {
        file: "No".into(),
        text: HOSTILE.join("\n\t"),
    });
    for (i, text) in HOSTILE.iter().enumerate() {
        let q = record.question_mut(i).unwrap();
        q.notes = (*text).to_string();
        q.rating = Some(HOSTILE[(i + 1) % HOSTILE.len()].to_string());
        q.ask = HOSTILE[(i + 2) % HOSTILE.len()].to_string();
    }
    record
}

#[test]
fn a_saved_interview_reads_back_the_same_here() {
    let record = hostile_record();
    let text = phonescreen::store::to_yaml(&record).unwrap();
    let read: Record = yaml::from_str(&text).unwrap();
    assert_eq!(read, record);
}

/// A Python reader's view of `text` as JSON, with any value that is not a
/// string, number, boolean, null, list or mapping marked with its type, or
/// `None` when Python or the module is missing outside CI.
fn python_reads(reader: &str, text: &str) -> Option<Value> {
    let loader = match reader {
        "pyyaml" => "import yaml\ndata = yaml.safe_load(text)",
        "ruamel" => "from ruamel.yaml import YAML\ndata = YAML(typ='safe', pure=True).load(text)",
        _ => unreachable!(),
    };
    let script = format!(
        "import json, sys\ntext = sys.stdin.read()\n{loader}\n\
         print(json.dumps(data, default=lambda o: {{'__type__': type(o).__name__, 'value': str(o)}}))"
    );
    let module = if reader == "pyyaml" {
        "yaml"
    } else {
        "ruamel.yaml"
    };
    let probe = Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have python3 with {module} (.ci/run installs it)"
        );
        eprintln!("skipped: python3 with {module} is not installed");
        return None;
    }
    let mut child = Command::new("python3")
        .args(["-c", &script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "{reader} could not read the text: {}\n{text}",
        String::from_utf8_lossy(&output.stderr)
    );
    Some(serde_json::from_slice(&output.stdout).unwrap())
}

#[test]
fn pyyaml_and_ruamel_read_a_saved_interview_as_phonescreen_wrote_it() {
    let record = hostile_record();
    let text = phonescreen::store::to_yaml(&record).unwrap();
    let expected = serde_json::to_value(&record).unwrap();
    for reader in ["pyyaml", "ruamel"] {
        if let Some(read) = python_reads(reader, &text) {
            assert_eq!(read, expected, "{reader} reads it differently:\n{text}");
        }
    }
}

/// A bank as phonescreen reads it, as JSON.
fn node_json(node: &Node) -> Value {
    match node {
        Node::Null => Value::Null,
        Node::Bool(b) => Value::Bool(*b),
        Node::Number(n) => serde_json::from_str(n).unwrap_or(Value::String(n.clone())),
        Node::String(s) => Value::String(s.clone()),
        Node::List(items) => Value::Array(items.iter().map(node_json).collect()),
        Node::Map(entries) => Value::Object(
            entries
                .iter()
                .map(|(k, v)| match k {
                    Node::String(k) => (k.clone(), node_json(v)),
                    other => panic!("a bank key that is not text: {other:?}"),
                })
                .collect(),
        ),
        Node::Tagged(tag, _) => panic!("a tagged value in a shipped bank: {tag}"),
    }
}

#[test]
fn pyyaml_and_ruamel_read_the_shipped_banks_as_phonescreen_does() {
    for (name, text) in [
        ("built-in bank", phonescreen::bank::BUILTIN_TEXT),
        ("starter bank (bank new)", phonescreen::bank::STARTER_TEXT),
    ] {
        let ours = node_json(&yaml::parse(text).unwrap());
        for reader in ["pyyaml", "ruamel"] {
            if let Some(read) = python_reads(reader, text) {
                assert_eq!(read, ours, "{reader} reads the {name} differently");
            }
        }
    }
}
