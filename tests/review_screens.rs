//! The review screen on fixture interviews written to a temporary data
//! folder: snapshots of the list, the filter with a match in context and an
//! opened interview at 80x24 and 120x40, and scenarios for resuming and
//! damaged files.

mod support;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration as Span, FixedOffset};
use crossterm::event::{KeyCode, KeyModifiers};
use phonescreen::interview::record::{Pause, QuestionState, Recommendation, Record, Status};
use phonescreen::interview::{Interview, Setup};
use phonescreen::store;
use phonescreen::tui::action::Action;
use support::*;

fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

/// A new interview on the built-in bank, as saved at its start.
fn started(candidate: &str, role: &str, interviewer: &str, when: &str) -> Record {
    let bank = phonescreen::bank::builtin().unwrap();
    let mut setup = Setup {
        candidate: candidate.into(),
        role: role.into(),
        interviewer: interviewer.into(),
        ..Setup::default()
    };
    setup.variables.insert("company".into(), "Acme".into());
    let interview = Interview::start(&bank, &setup, std::time::Instant::now(), at(when));
    interview.record().clone()
}

/// Notes, a rating and the first-note time of question `i`.
fn note(r: &mut Record, i: usize, notes: &str, rating: Option<&str>, first: u64) {
    let q = r.question_mut(i).unwrap();
    q.notes = notes.into();
    q.rating = rating.map(String::from);
    q.state = QuestionState::Asked;
    q.first_note_seconds = Some(first);
}

fn finish(r: &mut Record, minutes: i64, recommendation: Recommendation, summary: &str) {
    r.status = Status::Completed;
    r.ended_at = Some(r.started_at + Span::minutes(minutes));
    r.updated_at = r.ended_at.unwrap();
    r.elapsed_seconds = minutes as u64 * 60 - 60;
    r.recommendation = Some(recommendation);
    r.summary = summary.into();
    let spent = [400, 380, 520, 300, 110];
    for (s, secs) in r.sections.iter_mut().zip(spent) {
        s.spent_seconds = secs;
    }
}

fn save(sessions: &Path, r: &Record) -> PathBuf {
    let path = sessions.join(store::session_file_name(r.started_at, &r.candidate));
    store::write_record(&path, r).unwrap();
    path
}

/// Four interviews (one in progress, one of an older version of the bank)
/// and a damaged file; returns the sessions folder.
fn fixtures(dir: &Path) -> PathBuf {
    let sessions = dir.join("data/sessions");
    std::fs::create_dir_all(&sessions).unwrap();

    let mut ada = started(
        "Ada Lovelace",
        "Backend engineer",
        "Grace",
        "2026-11-18T10:00:00+01:00",
    );
    note(
        &mut ada,
        0,
        "Built the billing service's retry queue.\nA retry budget and idempotency keys so a replay never charges twice.\nProfiled the worker pool.",
        Some("Strong yes"),
        65,
    );
    note(
        &mut ada,
        1,
        "Reads our blog; knows the product.",
        Some("Yes"),
        410,
    );
    ada.question_mut(2).unwrap().state = QuestionState::Skipped;
    note(
        &mut ada,
        4,
        "Property tests for the parser.",
        Some("Yes"),
        900,
    );
    note(&mut ada, 7, "Rebase, bisect.", None, 1300);
    ada.pauses.push(Pause {
        started_at: ada.started_at + Span::minutes(12),
        seconds: 60,
        reason: None,
    });
    ada.paused_seconds = 60;
    finish(
        &mut ada,
        31,
        Recommendation::StrongYes,
        "Strong systems sense; would hire.\nLight on frontend.",
    );
    save(&sessions, &ada);

    let mut grace = started(
        "Grace Hopper",
        "Backend engineer",
        "Alan",
        "2026-11-19T14:00:00+01:00",
    );
    note(
        &mut grace,
        0,
        "Jitter in the backoff, but no idempotency story. \u{1b}[2J",
        Some("No"),
        80,
    );
    note(
        &mut grace,
        4,
        "Manual testing only.",
        Some("Strong no"),
        700,
    );
    finish(&mut grace, 28, Recommendation::No, "Not yet.");
    save(&sessions, &grace);

    let mut linus = started(
        "Linus Torvalds",
        "SRE \u{202e}evil",
        "Grace",
        "2026-11-20T09:30:00+01:00",
    );
    note(&mut linus, 0, "Kernel scheduler work.", None, 40);
    linus.elapsed_seconds = 300;
    linus.current_question = 1;
    save(&sessions, &linus);

    let mut margaret = started(
        "Margaret Hamilton",
        "Backend engineer",
        "Grace",
        "2026-11-17T11:00:00+01:00",
    );
    margaret.bank.hash = "f".repeat(64);
    margaret.question_mut(1).unwrap().ask = "Why us, in the old wording?".into();
    note(
        &mut margaret,
        0,
        "Apollo guidance software.",
        Some("Strong yes"),
        30,
    );
    note(&mut margaret, 1, "Wants to build tools.", Some("Yes"), 300);
    finish(&mut margaret, 30, Recommendation::Yes, "Hire.");
    save(&sessions, &margaret);

    std::fs::write(
        sessions.join("20261116-090000-broken.yaml"),
        "candidate: [unclosed\n",
    )
    .unwrap();
    sessions
}

fn ctrl(c: char) -> crossterm::event::Event {
    chord(KeyCode::Char(c), KeyModifiers::CONTROL)
}

#[test]
fn the_list_at_80x24_and_120x40() {
    let dir = tempfile::tempdir().unwrap();
    fixtures(dir.path());
    let app = review_app(dir.path(), "");
    let now = start_time();
    insta::assert_snapshot!("list_80x24", render(&app, 80, 24, now).backend());
    insta::assert_snapshot!("list_120x40", render(&app, 120, 40, now).backend());
}

#[test]
fn the_filter_shows_each_match_in_context() {
    let dir = tempfile::tempdir().unwrap();
    fixtures(dir.path());
    let now = start_time();
    let mut app = review_app(dir.path(), "");
    type_text(&mut app, "idempotency", now);
    assert_eq!(app.review_screen().unwrap().filter(), "idempotency");
    insta::assert_snapshot!("filter_80x24", render(&app, 80, 24, now).backend());
    insta::assert_snapshot!("filter_120x40", render(&app, 120, 40, now).backend());
    // A second word narrows to the interviews holding both.
    type_text(&mut app, " replay", now);
    let text = screen_text(&render(&app, 80, 24, now));
    assert!(text.contains("1 of 4 match"), "{text}");
    assert!(
        text.contains("Ada Lovelace") && !text.contains("Grace Hopper"),
        "{text}"
    );
}

#[test]
fn an_opened_interview_at_80x24_and_120x40() {
    let dir = tempfile::tempdir().unwrap();
    fixtures(dir.path());
    let now = start_time();
    // Opened from a filter: it opens at the first match, marked.
    let mut app = review_app(dir.path(), "idempotency");
    app.handle(key(KeyCode::Down), now);
    app.handle(key(KeyCode::Enter), now);
    assert!(app.review_screen().unwrap().opened_path().is_some());
    insta::assert_snapshot!("opened_80x24", render(&app, 80, 24, now).backend());
    // Without a filter, from the top; at 120x40 most of it shows.
    let mut app = review_app(dir.path(), "");
    app.handle(key(KeyCode::Down), now);
    app.handle(key(KeyCode::Down), now);
    app.handle(key(KeyCode::Enter), now);
    insta::assert_snapshot!("opened_120x40", render(&app, 120, 40, now).backend());
    // It scrolls, and stops at the end.
    for _ in 0..200 {
        app.handle(key(KeyCode::Down), now);
        let _ = render(&app, 120, 40, now);
    }
    let text = screen_text(&render(&app, 120, 40, now));
    assert!(text.contains("5. Closing"), "{text}");
    app.handle(key(KeyCode::Home), now);
    let text = screen_text(&render(&app, 120, 40, now));
    assert!(text.contains("Recommendation Strong yes"), "{text}");
}

#[test]
fn the_opened_interview_moves_to_its_neighbours_in_the_list() {
    let dir = tempfile::tempdir().unwrap();
    fixtures(dir.path());
    let now = start_time();
    let mut app = review_app(dir.path(), "backend");
    app.handle(key(KeyCode::Enter), now);
    let name = |app: &TestApp| {
        let path = app.review_screen().unwrap().opened_path().unwrap();
        store::load(path).unwrap().candidate
    };
    assert_eq!(name(&app), "Grace Hopper");
    app.handle(key(KeyCode::Char(']')), now);
    assert_eq!(name(&app), "Ada Lovelace");
    app.handle(ctrl('n'), now);
    assert_eq!(name(&app), "Margaret Hamilton");
    app.handle(ctrl('n'), now);
    assert_eq!(name(&app), "Margaret Hamilton", "the last one stays");
    assert!(
        app.review_screen()
            .unwrap()
            .message()
            .unwrap()
            .contains("last")
    );
    app.handle(key(KeyCode::Char('[')), now);
    assert_eq!(name(&app), "Ada Lovelace");
    // Typing goes back to the list, into the filter.
    type_text(&mut app, " ada", now);
    let review = app.review_screen().unwrap();
    assert!(review.opened_path().is_none());
    assert_eq!(review.filter(), "backend ada");
}

#[test]
fn a_damaged_file_is_listed_as_damaged_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    fixtures(dir.path());
    let now = start_time();
    let mut app = review_app(dir.path(), "");
    let text = screen_text(&render(&app, 80, 24, now));
    assert!(text.contains("damaged"), "{text}");
    assert!(
        text.contains("20261116-090000-broken.yaml: damaged"),
        "{text}"
    );
    // Opening it says why instead.
    app.handle(key(KeyCode::End), now);
    app.handle(key(KeyCode::Enter), now);
    let review = app.review_screen().unwrap();
    assert!(review.opened_path().is_none());
    assert!(
        review.message().unwrap().contains("damaged"),
        "{:?}",
        review.message()
    );
}

#[test]
fn text_from_files_reaches_the_screen_defused() {
    let dir = tempfile::tempdir().unwrap();
    fixtures(dir.path());
    let now = start_time();
    let mut app = review_app(dir.path(), "");
    let text = screen_text(&render(&app, 120, 40, now));
    assert!(text.contains("SRE ?evil"), "{text}");
    type_text(&mut app, "jitter", now);
    app.handle(key(KeyCode::Enter), now);
    let text = screen_text(&render(&app, 120, 40, now));
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{202e}'),
        "{text}"
    );
    assert!(text.contains("story. ?[2J"), "{text}");
}

#[test]
fn what_is_typed_before_the_archive_is_read_filters_it() {
    let dir = tempfile::tempdir().unwrap();
    fixtures(dir.path());
    let now = start_time();
    let (mailbox, inbox) = phonescreen::tui::app::Mailbox::detached();
    let app = phonescreen::tui::app::App::review(
        paths(dir.path()),
        phonescreen::config::Config::default(),
        phonescreen::tui::theme::Theme { color: false },
        "",
        mailbox,
    );
    let mut app = TestApp { app, inbox };
    let text = screen_text(&render(&app, 80, 24, now));
    assert!(text.contains("Reading interviews…"), "{text}");
    type_text(&mut app, "hopper", now);
    app.wait_for(|a| matches!(a, Action::ArchiveReady(..)));
    let text = screen_text(&render(&app, 80, 24, now));
    assert!(text.contains("1 of 4 match"), "{text}");
    assert!(text.contains("Grace Hopper"), "{text}");
}

#[test]
fn an_interview_in_progress_is_resumed_from_the_list() {
    let dir = tempfile::tempdir().unwrap();
    fixtures(dir.path());
    let now = start_time();
    let mut app = review_app(dir.path(), "linus");
    // A finished one is not resumed: it says so.
    let mut other = review_app(dir.path(), "ada");
    other.handle(ctrl('r'), now);
    assert!(
        other
            .review_screen()
            .unwrap()
            .message()
            .unwrap()
            .contains("finished")
    );

    app.handle(ctrl('r'), now);
    let screen = app.interview_screen().expect("the interview is resumed");
    assert_eq!(screen.interview().record().candidate, "Linus Torvalds");
    assert_eq!(screen.interview().position(), 1);
    assert!(screen.notes_text().is_empty());
}

#[test]
fn an_interview_open_in_another_phonescreen_is_not_resumed() {
    let dir = tempfile::tempdir().unwrap();
    let sessions = fixtures(dir.path());
    let now = start_time();
    let linus = sessions.join("20261120-093000-linus-torvalds.yaml");
    assert!(linus.is_file());
    // Process 1 is alive and is not this one.
    std::fs::write(store::lock_path(&linus), "1\n").unwrap();
    let mut app = review_app(dir.path(), "linus");
    app.handle(key(KeyCode::Enter), now);
    app.handle(ctrl('r'), now);
    let review = app.review_screen().expect("still on the review screen");
    let message = review.message().unwrap();
    assert!(message.contains("open in another phonescreen"), "{message}");
}

#[test]
fn the_launcher_leads_to_the_review_and_back() {
    let dir = tempfile::tempdir().unwrap();
    fixtures(dir.path());
    let now = start_time();
    let mut app = launcher_app(dir.path(), &Setup::default());
    // Typed into the form first: kept for the way back.
    type_text(&mut app, "Barbara", now);
    app.handle(key(KeyCode::F(3)), now);
    app.wait_for(|a| matches!(a, Action::ArchiveReady(..)));
    assert!(app.review_screen().unwrap().is_ready());
    let text = screen_text(&render(&app, 80, 24, now));
    assert!(text.contains("Margaret Hamilton"), "{text}");
    app.handle(key(KeyCode::Esc), now);
    assert!(app.is_launcher());
    let text = screen_text(&render(&app, 80, 24, now));
    assert!(text.contains("Barbara"), "{text}");
}

#[test]
fn the_help_lists_the_keys_and_typing_closes_it() {
    let dir = tempfile::tempdir().unwrap();
    fixtures(dir.path());
    let now = start_time();
    let mut app = review_app(dir.path(), "");
    app.handle(key(KeyCode::F(1)), now);
    let text = screen_text(&render(&app, 80, 24, now));
    assert!(text.contains("sort by date, candidate, role"), "{text}");
    type_text(&mut app, "ada", now);
    assert_eq!(app.review_screen().unwrap().filter(), "ada");
    let text = screen_text(&render(&app, 80, 24, now));
    assert!(!text.contains("sort by date, candidate, role"), "{text}");
}
