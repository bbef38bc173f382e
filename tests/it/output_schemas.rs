//! The JSON Schemas of what phonescreen writes for scripts hold for what it
//! really writes: `export` (JSON, each line of `--all`, YAML read as JSON),
//! `sessions list --json`, `compare --json` and `report --json`, run
//! through the real binary on a fixture archive with interviews in every
//! status and every optional field written somewhere.
//!
//! Each schema must be exact both ways: the output validates; a field
//! renamed anywhere in it does not (so a renamed field in the code is
//! caught here); and every property the schema lists is written by some
//! interview of the fixture (so the schema lists nothing phonescreen
//! never writes).

use crate::cli;

use std::collections::BTreeSet;
use std::path::Path;

use chrono::DateTime;
use cli::run;
use phonescreen::interview::record::{Pause, Prep, QuestionState, Recommendation, Status};
use phonescreen::store::testing::sample_record;
use serde_json::Value;

fn at(time: &str) -> DateTime<chrono::FixedOffset> {
    DateTime::parse_from_rfc3339(time).unwrap()
}

/// Interviews in every status, of two banks, one bank edited between its
/// interviews, with every optional field set in one of them.
fn archive(data: &Path) {
    let dir = data.join("sessions");
    std::fs::create_dir_all(&dir).unwrap();

    // Completed, with everything format 2 and amending add.
    let mut full = sample_record(6, 20);
    full.status = Status::Completed;
    full.recommendation = Some(Recommendation::Yes);
    full.opened_at = Some(full.started_at - chrono::Duration::minutes(4));
    full.ended_at = Some(full.started_at + chrono::Duration::minutes(31));
    full.amended_at = Some(full.started_at + chrono::Duration::hours(2));
    full.bank.description = Some("Read the prep first.".into());
    full.prep = Some(Prep {
        file: "ada.md".into(),
        text: "# Ada\nLikes Rust.".into(),
    });
    full.pauses.push(Pause {
        started_at: full.started_at + chrono::Duration::minutes(9),
        seconds: 30,
        reason: None,
    });
    full.summary = "Solid.".into();
    full.scratch = "Wants May.".into();
    // A question the bank gave no guidance, follow-ups or tags.
    let bare = full.question_mut(1).unwrap();
    bare.listen_for = None;
    bare.follow_ups.clear();
    bare.tags.clear();
    bare.rating = None;
    bare.first_note_seconds = None;

    // The same bank edited: a question reworded, one replaced.
    let mut edited = sample_record(6, 0);
    edited.candidate = "Grace Hopper".into();
    edited.started_at = at("2025-03-06T10:00:00+01:00");
    edited.updated_at = edited.started_at;
    edited.status = Status::Completed;
    edited.recommendation = Some(Recommendation::StrongNo);
    edited.ended_at = Some(edited.started_at + chrono::Duration::minutes(30));
    edited.bank.hash = "1".repeat(64);
    edited.question_mut(0).unwrap().ask = "Reworded?".into();
    edited.sections[1].questions[0].id = "added-later".into();
    edited.question_mut(2).unwrap().state = QuestionState::Skipped;

    let mut no_show = sample_record(6, 0);
    no_show.candidate = "Linus".into();
    no_show.started_at = at("2025-03-07T10:00:00+01:00");
    no_show.status = Status::NoShow;
    no_show.elapsed_seconds = 0;
    no_show.ended_at = Some(no_show.started_at);

    let mut waiting = sample_record(6, 0);
    waiting.candidate = "Barbara".into();
    waiting.started_at = at("2025-03-08T10:00:00+01:00");
    waiting.opened_at = Some(waiting.started_at);
    waiting.status = Status::Waiting;
    waiting.elapsed_seconds = 0;

    // In progress, of another bank, from a phonescreen of format 1.
    let mut older = sample_record(3, 0);
    older.candidate = "Edsger".into();
    older.format = 1;
    older.started_at = at("2025-03-01T10:00:00+01:00");
    older.bank.key = "platform".into();
    older.bank.name = "Platform screen".into();

    let mut other = older.clone();
    other.candidate = "Frances".into();
    other.format = phonescreen::interview::FORMAT_VERSION;
    other.status = Status::Completed;
    other.started_at = at("2025-03-02T10:00:00+01:00");
    other.ended_at = Some(other.started_at + chrono::Duration::minutes(30));

    for (name, record) in [
        ("20250304-101500-ada", full),
        ("20250306-100000-grace", edited),
        ("20250307-100000-linus", no_show),
        ("20250308-100000-barbara", waiting),
        ("20250301-100000-edsger", older),
        ("20250302-100000-frances", other),
    ] {
        phonescreen::store::write_record(&dir.join(format!("{name}.yaml")), &record).unwrap();
    }
}

/// `phonescreen args` on the fixture archive: its standard output.
fn output(data: &Path, args: &[&str]) -> String {
    let (out, err, code) = run(data, args);
    assert_eq!(code, 0, "phonescreen {args:?}: {err}");
    out
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// The schema `phonescreen schema NAME` prints, checked as draft 2020-12.
fn schema(data: &Path, name: &str) -> Value {
    let schema = json(&output(data, &["schema", name]));
    if let Err(e) = jsonschema::draft202012::meta::validate(&schema) {
        panic!(
            "`schema {name}` is not valid draft 2020-12: {e} at {}",
            e.instance_path()
        );
    }
    schema
}

fn validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(schema)
        .expect("the schema compiles")
}

fn errors(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

/// Every real output of the fixture archive, by the schema it answers to.
fn outputs(data: &Path) -> Vec<(&'static str, String, Value)> {
    let mut found = Vec::new();
    let ids: Vec<String> = json(&output(data, &["sessions", "list", "--json"]))
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), 6, "{ids:?}");
    for id in &ids {
        let text = output(data, &["export", id, "--format", "json"]);
        found.push(("export", format!("export {id} --format json"), json(&text)));
        let yaml = output(data, &["export", id, "--format", "yaml"]);
        let from_yaml: Value = phonescreen::yaml::from_str(&yaml).unwrap();
        found.push(("export", format!("export {id} --format yaml"), from_yaml));
    }
    for (i, line) in output(data, &["export", "--all"]).lines().enumerate() {
        found.push((
            "export",
            format!("export --all, line {}", i + 1),
            json(line),
        ));
    }
    found.push((
        "sessions",
        "sessions list --json".into(),
        json(&output(data, &["sessions", "list", "--json"])),
    ));
    for args in [
        &["compare", "--json"][..],
        &["compare", "--json", "--bank", "platform"],
    ] {
        found.push(("compare", args.join(" "), json(&output(data, args))));
    }
    for args in [
        &["report", "--json"][..],
        &["report", "--json", "--bank", "builtin"],
    ] {
        found.push(("report", args.join(" "), json(&output(data, args))));
    }
    found
}

#[test]
fn every_output_validates_against_its_schema() {
    let tmp = tempfile::tempdir().unwrap();
    archive(tmp.path());
    let outputs = outputs(tmp.path());
    for name in ["export", "sessions", "compare", "report"] {
        let validator = validator(&schema(tmp.path(), name));
        let mine: Vec<_> = outputs.iter().filter(|(n, _, _)| *n == name).collect();
        assert!(!mine.is_empty(), "no output for `{name}`");
        for (_, what, instance) in mine {
            let errors = errors(&validator, instance);
            assert!(
                errors.is_empty(),
                "{what} against `schema {name}`: {errors:#?}"
            );
        }
    }
}

/// Every object in `value`, by its path, but for the maps whose keys are
/// the user's (`variables`).
fn objects(value: &Value, path: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if !path.ends_with("/variables") && !map.is_empty() {
                out.push(path.clone());
            }
            for (k, v) in map {
                objects(v, format!("{path}/{k}"), out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                objects(v, format!("{path}/{i}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn a_field_renamed_anywhere_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    archive(tmp.path());
    let outputs = outputs(tmp.path());
    for name in ["export", "sessions", "compare", "report"] {
        let validator = validator(&schema(tmp.path(), name));
        // One output of each kind is enough: every object in it, each
        // field of it in turn.
        let (_, what, instance) = outputs.iter().find(|(n, _, _)| *n == name).unwrap();
        let mut paths = Vec::new();
        objects(instance, String::new(), &mut paths);
        let mut checked = 0;
        for path in paths {
            let keys: Vec<String> = instance
                .pointer(&path)
                .unwrap()
                .as_object()
                .unwrap()
                .keys()
                .cloned()
                .collect();
            for key in keys {
                let mut renamed = instance.clone();
                let object = renamed.pointer_mut(&path).unwrap().as_object_mut().unwrap();
                let value = object.remove(&key).unwrap();
                object.insert(format!("{key}_renamed"), value);
                assert!(
                    !validator.is_valid(&renamed),
                    "{what}: `{path}/{key}` renamed is still valid against `schema {name}`"
                );
                checked += 1;
            }
        }
        assert!(checked > 5, "{name}: only {checked} fields");
    }
}

/// The property paths a schema lists (`/sections/questions/notes`).
fn listed(schema: &Value, path: &str, out: &mut BTreeSet<String>) {
    if let Some(props) = schema.get("properties").and_then(Value::as_object) {
        for (k, v) in props {
            let p = format!("{path}/{k}");
            out.insert(p.clone());
            listed(v, &p, out);
        }
    }
    if let Some(items) = schema.get("items") {
        listed(items, path, out);
    }
    for branch in schema
        .get("anyOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        listed(branch, path, out);
    }
}

/// The same paths as `instance` writes them.
fn written(instance: &Value, path: &str, out: &mut BTreeSet<String>) {
    match instance {
        Value::Object(map) if !path.ends_with("/variables") => {
            for (k, v) in map {
                let p = format!("{path}/{k}");
                out.insert(p.clone());
                written(v, &p, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| written(v, path, out)),
        _ => {}
    }
}

#[test]
fn every_field_a_schema_lists_is_written_somewhere() {
    let tmp = tempfile::tempdir().unwrap();
    archive(tmp.path());
    let outputs = outputs(tmp.path());
    for name in ["export", "sessions", "compare", "report"] {
        let mut in_schema = BTreeSet::new();
        listed(&schema(tmp.path(), name), "", &mut in_schema);
        let mut in_output = BTreeSet::new();
        for (_, _, instance) in outputs.iter().filter(|(n, _, _)| *n == name) {
            written(instance, "", &mut in_output);
        }
        let never: Vec<_> = in_schema.difference(&in_output).collect();
        assert!(
            never.is_empty(),
            "`schema {name}` lists fields no output of the fixture writes: {never:?}"
        );
    }
}

#[test]
fn the_bank_schema_is_the_same_by_either_command() {
    let tmp = tempfile::tempdir().unwrap();
    assert_eq!(
        output(tmp.path(), &["schema", "bank"]),
        output(tmp.path(), &["bank", "schema"])
    );
}

#[test]
fn compare_and_report_json_carry_their_version_and_the_figures() {
    let tmp = tempfile::tempdir().unwrap();
    archive(tmp.path());
    let compare = json(&output(
        tmp.path(),
        &["compare", "--json", "--bank", "builtin"],
    ));
    assert_eq!(compare["compare_format"], 1);
    let grid = &compare["grids"][0];
    assert_eq!(grid["bank_changed"], true);
    let candidates: Vec<&str> = grid["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["candidate"].as_str().unwrap())
        .collect();
    assert_eq!(
        candidates,
        ["Ada Lovelace-Müller", "Grace Hopper", "Linus", "Barbara"]
    );
    assert_eq!(grid["columns"][2]["no_show"], true);
    // A question only the edited bank had: no cell for the older interview.
    let added = grid["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "added-later")
        .unwrap();
    assert_eq!(added["cells"][0], Value::Null);
    assert_eq!(added["changed"], true);

    let report = json(&output(
        tmp.path(),
        &["report", "--json", "--bank", "builtin"],
    ));
    assert_eq!(report["report_format"], 1);
    let report = &report["reports"][0];
    assert_eq!(report["completed_interviews"], 2);
    assert_eq!(report["no_shows"], 1);
    assert_eq!(report["bank_hashes"].as_array().unwrap().len(), 2);
    let section = &report["sections"][0];
    assert_eq!(section["spent_seconds"], serde_json::json!([100, 100]));
    assert_eq!(section["median_seconds"], 100);
    assert_eq!(section["over_plan"], 0);

    // Nothing matched: exit 1 and a message, as the text does.
    let (out, err, code) = run(tmp.path(), &["compare", "--json", "nobody-says-this"]);
    assert_eq!((out.as_str(), code), ("", 1), "{err}");
}
