//! `phonescreen compare` and `phonescreen report` on fixture interviews,
//! through the real binary: golden output, a bank that changed between two
//! interviews, text from files that must not reach the terminal raw.

use crate::cli;

use std::path::Path;

use cli::run;

use chrono::DateTime;
use phonescreen::interview::record::{QuestionState, Recommendation, Record, Status};
use phonescreen::store::testing::sample_record;

fn interview(candidate: &str, started: &str, hash: &str) -> Record {
    let mut r = sample_record(5, 0);
    r.candidate = candidate.into();
    r.started_at = DateTime::parse_from_rfc3339(started).unwrap();
    r.updated_at = r.started_at;
    r.bank.hash = hash.repeat(64);
    for q in r.sections.iter_mut().flat_map(|s| &mut s.questions) {
        q.rating = None;
        q.notes.clear();
        q.state = QuestionState::NotReached;
    }
    r
}

/// Three interviews of one bank (edited between the first and the others)
/// and one of another bank.
fn fixtures(data: &Path) {
    let dir = data.join("sessions");
    std::fs::create_dir_all(&dir).unwrap();
    let mut ada = interview("Ada Lovelace", "2025-03-03T10:00:00+01:00", "a");
    ada.status = Status::Completed;
    ada.recommendation = Some(Recommendation::StrongYes);
    for (i, rating) in ["Strong yes", "Yes", "Yes"].iter().enumerate() {
        let q = ada.question_mut(i).unwrap();
        q.state = QuestionState::Asked;
        q.rating = Some((*rating).into());
        q.notes = "retry budget and idempotency keys".into();
    }
    ada.sections[0].spent_seconds = 420;

    let mut grace = interview(
        "Grace \u{1b}]2;pwned\u{7}Hopper",
        "2025-03-05T10:00:00+01:00",
        "b",
    );
    grace.status = Status::Completed;
    grace.recommendation = Some(Recommendation::No);
    grace.question_mut(0).unwrap().ask = "Reworded in the new bank?".into();
    grace.question_mut(0).unwrap().state = QuestionState::Asked;
    grace.question_mut(0).unwrap().rating = Some("No".into());
    grace.question_mut(1).unwrap().state = QuestionState::Skipped;
    grace.sections[1].questions[0].id = "added-later".into();
    grace.sections[0].spent_seconds = 300;

    let mut lei = interview("李雷", "2025-03-06T10:00:00+01:00", "b");
    lei.question_mut(0).unwrap().ask = "Reworded in the new bank?".into();
    lei.sections[1].questions[0].id = "added-later".into();
    lei.question_mut(0).unwrap().state = QuestionState::Asked;
    lei.question_mut(0).unwrap().notes = "in progress".into();

    let mut other = interview("Linus", "2025-03-04T10:00:00+01:00", "c");
    other.bank.key = "platform".into();
    other.bank.name = "Platform screen".into();
    other.status = Status::Completed;

    for (name, record) in [
        ("1-ada", ada),
        ("2-grace", grace),
        ("3-lei", lei),
        ("4-linus", other),
    ] {
        phonescreen::store::write_record(&dir.join(format!("{name}.yaml")), &record).unwrap();
    }
}

#[test]
fn compare_prints_one_grid_per_bank_and_flags_the_change() {
    let tmp = tempfile::tempdir().unwrap();
    fixtures(tmp.path());
    let (out, err, code) = run(tmp.path(), &["compare"]);
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    insta::assert_snapshot!("compare_all", out);
}

#[test]
fn compare_narrows_by_query_and_bank() {
    let tmp = tempfile::tempdir().unwrap();
    fixtures(tmp.path());
    let (out, _, code) = run(tmp.path(), &["compare", "IDEMPOTENCY", "retry"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("Ada Lovelace") && !out.contains("Hopper"),
        "{out}"
    );
    let (out, _, _) = run(tmp.path(), &["compare", "--bank", "platform"]);
    assert!(out.contains("Linus") && !out.contains("Ada"), "{out}");
    let (out, err, code) = run(tmp.path(), &["compare", "nobody-says-this"]);
    assert_eq!((out.as_str(), code), ("", 1));
    assert!(err.contains("No saved interviews match the query"), "{err}");
}

#[test]
fn report_counts_completed_interviews_per_bank() {
    let tmp = tempfile::tempdir().unwrap();
    fixtures(tmp.path());
    let (out, err, code) = run(tmp.path(), &["report", "--bank", "builtin"]);
    assert_eq!(code, 0, "{err}");
    insta::assert_snapshot!("report_builtin", out);
    let (_, err, code) = run(tmp.path(), &["report", "--bank", "nothing-like-it"]);
    assert_eq!(code, 1);
    assert!(err.contains("completed interviews only"), "{err}");
}

/// Rewrites `file` in place with `from` replaced by `to` (of the same
/// length) and its modification time set back: what the stamps of a file
/// cannot tell apart by size and time alone.
fn edit_keeping_size_and_time(file: &Path, from: &str, to: &str) {
    assert_eq!(from.len(), to.len());
    let then = std::fs::metadata(file).unwrap().modified().unwrap();
    let text = std::fs::read_to_string(file).unwrap();
    assert!(text.contains(from), "{text}");
    std::fs::write(file, text.replace(from, to)).unwrap();
    let handle = std::fs::File::options().write(true).open(file).unwrap();
    handle.set_modified(then).unwrap();
}

#[test]
fn compare_and_report_never_answer_from_a_stale_index() {
    let tmp = tempfile::tempdir().unwrap();
    fixtures(tmp.path());
    let ada = tmp.path().join("sessions/1-ada.yaml");
    let (out, _, _) = run(tmp.path(), &["compare"]);
    assert!(out.contains("Ada Lovelace"), "{out}");
    let (out, _, _) = run(tmp.path(), &["report", "--bank", "builtin"]);
    assert!(out.contains("section-1  6:00  6:00"), "{out}");

    edit_keeping_size_and_time(&ada, "Ada Lovelace", "Ida Lovelace");
    let (out, _, _) = run(tmp.path(), &["compare"]);
    assert!(
        out.contains("Ida Lovelace") && !out.contains("Ada Lovelace"),
        "{out}"
    );
    edit_keeping_size_and_time(&ada, "spent_seconds: 420", "spent_seconds: 480");
    let (out, _, _) = run(tmp.path(), &["report", "--bank", "builtin"]);
    assert!(out.contains("section-1  6:00  6:30"), "{out}");
}
