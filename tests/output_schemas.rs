//! What phonescreen writes for scripts, run through the real binary on a
//! fixture archive with interviews in every status and every optional
//! field written somewhere.

mod cli;

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
