//! The review screen on fixture interviews written to a temporary data
//! folder: snapshots of the list, the filter with a match in context, an
//! opened interview and the grid at 80x24 and 120x40, and scenarios for
//! amending, resuming and damaged files.

use crate::support;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration as Span, FixedOffset};
use crossterm::event::{KeyCode, KeyModifiers};
use phonescreen::interview::record::{Pause, QuestionState, Recommendation, Record, Status};
use phonescreen::interview::{Interview, Setup};
use phonescreen::store;
use phonescreen::tui::clipboard::Route;
use phonescreen::tui::event::Event as Happened;
use support::*;

fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

/// A new interview on the built-in bank, as saved when its call started.
fn started(candidate: &str, role: &str, interviewer: &str, when: &str) -> Record {
    let bank = phonescreen::bank::builtin().unwrap();
    let mut setup = Setup {
        candidate: candidate.into(),
        role: role.into(),
        interviewer: interviewer.into(),
        ..Setup::default()
    };
    setup.variables.insert("company".into(), "Acme".into());
    let t = std::time::Instant::now();
    let mut interview = Interview::start(&bank, &setup, t, at(when));
    interview.start_call(t, at(when));
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

/// Opens the selected interview and takes it to amend, waiting for the
/// worker each time.
fn open_and_amend(app: &mut TestApp, now: phonescreen::interview::Now) {
    app.handle(key(KeyCode::Enter), now);
    app.wait_for(|a| matches!(a, Happened::Opened(..)));
    app.handle(ctrl('e'), now);
    app.wait_for(|a| matches!(a, Happened::AmendReady(..)));
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
    // The worker reads the file, off the UI thread.
    assert!(app.review_screen().unwrap().opened_path().is_none());
    app.wait_for(|a| matches!(a, Happened::Opened(..)));
    assert!(app.review_screen().unwrap().opened_path().is_some());
    insta::assert_snapshot!("opened_80x24", render(&app, 80, 24, now).backend());
    // Without a filter, from the top; at 120x40 most of it shows.
    let mut app = review_app(dir.path(), "");
    app.handle(key(KeyCode::Down), now);
    app.handle(key(KeyCode::Down), now);
    app.handle(key(KeyCode::Enter), now);
    app.wait_for(|a| matches!(a, Happened::Opened(..)));
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
    app.wait_for(|a| matches!(a, Happened::Opened(..)));
    let name = |app: &TestApp| {
        let path = app.review_screen().unwrap().opened_path().unwrap();
        store::load(path).unwrap().candidate
    };
    assert_eq!(name(&app), "Grace Hopper");
    app.handle(key(KeyCode::Char(']')), now);
    app.wait_for(|a| matches!(a, Happened::Opened(..)));
    assert_eq!(name(&app), "Ada Lovelace");
    app.handle(ctrl('n'), now);
    app.wait_for(|a| matches!(a, Happened::Opened(..)));
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
    app.wait_for(|a| matches!(a, Happened::Opened(..)));
    assert_eq!(name(&app), "Ada Lovelace");
    // Typing goes back to the list, into the filter.
    type_text(&mut app, " ada", now);
    let review = app.review_screen().unwrap();
    assert!(review.opened_path().is_none());
    assert_eq!(review.filter(), "backend ada");
}

#[test]
fn the_grid_at_80x24_and_120x40() {
    let dir = tempfile::tempdir().unwrap();
    fixtures(dir.path());
    let now = start_time();
    let mut app = review_app(dir.path(), "");
    app.handle(key(KeyCode::F(7)), now);
    app.wait_for(|a| matches!(a, Happened::GridReady(..)));
    let grid = app.review_screen().unwrap().grid().unwrap();
    assert_eq!(grid.columns.len(), 4);
    assert!(grid.bank_changed);
    insta::assert_snapshot!("grid_80x24", render(&app, 80, 24, now).backend());
    insta::assert_snapshot!("grid_120x40", render(&app, 120, 40, now).backend());
    // Columns scroll sideways when they do not fit.
    let _ = render(&app, 80, 24, now);
    app.handle(key(KeyCode::Right), now);
    let text = screen_text(&render(&app, 80, 24, now));
    assert!(text.contains("◂ 1 more"), "{text}");
    app.handle(key(KeyCode::Esc), now);
    assert!(app.review_screen().unwrap().grid().is_none());
}

#[test]
fn a_long_list_pages_by_the_terminal_size_and_shows_a_scrollbar() {
    let dir = tempfile::tempdir().unwrap();
    let sessions = dir.path().join("data/sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    for day in 1..=30 {
        let when = format!("2026-10-{day:02}T10:00:00+01:00");
        save(
            &sessions,
            &started(&format!("Candidate {day:02}"), "SRE", "Grace", &when),
        );
    }
    let now = start_time();
    let mut app = review_app(dir.path(), "");
    // The size comes from the event loop, not from drawing: at 60x16 the
    // list has 12 rows, and a page is 11.
    app.set_area(ratatui::layout::Rect::new(0, 0, 60, 16));
    app.handle(key(KeyCode::PageDown), now);
    app.handle(key(KeyCode::PageDown), now);
    let text = screen_text(&render(&app, 60, 16, now));
    let rows: Vec<&str> = text.lines().skip(3).take(12).collect();
    assert!(rows[0].contains("Candidate 19"), "{text}");
    assert!(
        rows[11].contains("▸") && rows[11].contains("Candidate 08"),
        "{text}"
    );
    // Down the last column: the track, and the thumb at rows 11 to 22 of 30.
    let bar: String = rows.iter().map(|r| r.chars().last().unwrap()).collect();
    assert_eq!(bar, "││││█████│││", "{text}");
    app.handle(key(KeyCode::Home), now);
    let text = screen_text(&render(&app, 60, 16, now));
    let bar: String = text
        .lines()
        .skip(3)
        .take(12)
        .map(|r| r.chars().last().unwrap())
        .collect();
    assert_eq!(bar, "█████│││││││", "{text}");
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
    let text = screen_text(&render(&app, 80, 24, now));
    assert!(text.contains(r"SRE \u{202e}evil"), "{text}");
    type_text(&mut app, "jitter", now);
    app.handle(key(KeyCode::Enter), now);
    app.wait_for(|a| matches!(a, Happened::Opened(..)));
    let text = screen_text(&render(&app, 120, 40, now));
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{202e}'),
        "{text}"
    );
    assert!(text.contains(r"story. \e[2J"), "{text}");
}

#[test]
fn the_launcher_shows_names_from_files_defused_too() {
    let dir = tempfile::tempdir().unwrap();
    let sessions = fixtures(dir.path());
    std::fs::write(
        sessions.join("20261115-090000-x\u{1b}]2;pwned\u{7}.yaml"),
        "[",
    )
    .unwrap();
    let now = start_time();
    let app = launcher_app(dir.path(), &Setup::default());
    let text = screen_text(&render(&app, 120, 40, now));
    assert!(text.contains(r"SRE \u{202e}evil"), "{text}");
    assert!(text.contains(r"x\e]2;pwned\x07.yaml"), "{text}");
    assert!(
        !text.contains('\u{202e}') && !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{text}"
    );
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
        phonescreen::tui::theme::Theme {
            color: false,
            ascii: false,
        },
        "",
        mailbox,
    );
    let mut app = TestApp { app, inbox };
    let text = screen_text(&render(&app, 80, 24, now));
    assert!(text.contains("Reading interviews…"), "{text}");
    type_text(&mut app, "hopper", now);
    app.wait_for(|a| matches!(a, Happened::ArchiveReady(..)));
    let text = screen_text(&render(&app, 80, 24, now));
    assert!(text.contains("1 of 4 match"), "{text}");
    // The match is the name, in its column already: no context line says it again.
    let mut lines = text.lines().skip_while(|l| !l.contains("Grace Hopper"));
    assert!(lines.next().is_some());
    assert_eq!(lines.next().map(str::trim), Some(""), "{text}");
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
    // Held as another phonescreen would hold it.
    let _held = store::SessionLock::acquire(&linus).unwrap();
    let mut app = review_app(dir.path(), "linus");
    app.handle(key(KeyCode::Enter), now);
    app.wait_for(|a| matches!(a, Happened::Opened(..)));
    app.handle(ctrl('r'), now);
    let review = app.review_screen().expect("still on the review screen");
    let message = review.message().unwrap();
    assert!(message.contains("open in another phonescreen"), "{message}");
}

/// The amendments typed on the screen, saved, and the times untouched.
#[test]
fn amending_on_screen_keeps_the_timing_and_records_when() {
    let dir = tempfile::tempdir().unwrap();
    let sessions = fixtures(dir.path());
    let path = sessions.join("20261119-140000-grace-hopper.yaml");
    let before = store::load(&path).unwrap();
    let now = start_time();
    let mut app = review_app(dir.path(), "hopper");
    app.handle(key(KeyCode::Enter), now);
    app.wait_for(|a| matches!(a, Happened::Opened(..)));
    app.handle(ctrl('e'), now);
    // The worker takes the lock and reads the file, off the UI thread:
    // amending starts when it answers.
    assert!(!app.is_amending());
    app.wait_for(|a| matches!(a, Happened::AmendReady(..)));
    assert!(app.is_amending());
    assert!(store::lock_path(&path).exists(), "amending holds the lock");
    insta::assert_snapshot!("amend_80x24", render(&app, 80, 24, now).backend());
    // Question 1: rate 3, then add to the notes.
    app.handle(key(KeyCode::Char('3')), now);
    app.handle(key(KeyCode::Tab), now);
    type_text(&mut app, "\nOn reflection: knew the trade-offs.", now);
    // Question 2: typing goes straight to the notes.
    app.handle(key(KeyCode::PageDown), now);
    type_text(&mut app, "Never heard of it.", now);
    // The last page: recommendation and summary.
    for _ in 0..20 {
        app.handle(key(KeyCode::PageDown), now);
    }
    app.handle(key(KeyCode::BackTab), now);
    app.handle(key(KeyCode::Char('3')), now);
    app.handle(key(KeyCode::Tab), now);
    type_text(&mut app, " Second look: yes.", now);
    insta::assert_snapshot!("amend_outcome_120x40", render(&app, 120, 40, now).backend());
    app.handle(ctrl('s'), now);
    assert!(!app.is_amending());
    let review = app.review_screen().unwrap();
    assert!(review.message().unwrap().contains("Amendments saved"));
    assert!(!store::lock_path(&path).exists(), "the lock is released");

    let after = store::load(&path).unwrap();
    assert_eq!(after.amended_at, Some(now.wall));
    assert_eq!(after.started_at, before.started_at);
    assert_eq!(after.updated_at, before.updated_at);
    assert_eq!(after.ended_at, before.ended_at);
    assert_eq!(after.elapsed_seconds, before.elapsed_seconds);
    assert_eq!(after.paused_seconds, before.paused_seconds);
    assert_eq!(after.pauses, before.pauses);
    let spent = |r: &Record| {
        r.sections
            .iter()
            .map(|s| s.spent_seconds)
            .collect::<Vec<_>>()
    };
    assert_eq!(spent(&after), spent(&before));
    let q0 = after.question(0).unwrap().1;
    assert_eq!(q0.rating.as_deref(), Some("Yes"));
    assert!(
        q0.notes
            .ends_with("story. \u{1b}[2J\nOn reflection: knew the trade-offs.")
    );
    assert_eq!(
        q0.first_note_seconds,
        before.question(0).unwrap().1.first_note_seconds
    );
    let q1 = after.question(1).unwrap().1;
    assert_eq!(q1.notes, "Never heard of it.");
    assert_eq!(q1.state, QuestionState::Asked);
    assert_eq!(q1.first_note_seconds, None, "no call time is made up");
    assert_eq!(after.recommendation, Some(Recommendation::Yes));
    assert_eq!(after.summary, "Not yet. Second look: yes.");

    // The list is read again and shows the new recommendation.
    app.wait_for(|a| matches!(a, Happened::ArchiveReady(..)));
    app.handle(key(KeyCode::Esc), now);
    let text = screen_text(&render(&app, 80, 24, now));
    let row = text.lines().find(|l| l.contains("Grace Hopper")).unwrap();
    assert!(row.contains(" Yes ") && !row.contains(" No "), "{text}");
}

#[test]
fn a_failed_save_says_so_and_keeps_everything_typed() {
    let dir = tempfile::tempdir().unwrap();
    let sessions = fixtures(dir.path());
    let path = sessions.join("20261118-100000-ada-lovelace.yaml");
    let now = start_time();
    let mut app = review_app(dir.path(), "lovelace");
    open_and_amend(&mut app, now);
    app.handle(key(KeyCode::Tab), now);
    type_text(&mut app, " Also: great questions.", now);
    // The file goes away underneath.
    std::fs::remove_file(&path).unwrap();
    app.handle(ctrl('s'), now);
    let text = screen_text(&render(&app, 120, 40, now));
    assert!(text.contains("NOT SAVED"), "{text}");
    assert!(text.contains("great questions."), "{text}");
    assert!(app.is_amending());
    // Nothing the disk may mend by itself: no retrying is promised, and
    // the line says which keys do what.
    assert!(!text.contains("retried"), "{text}");
    assert!(
        text.contains("Ctrl+S tries again once that is put right"),
        "{text}"
    );
    app.app.on_event(Happened::Tick, later(now, 1));
    assert!(!path.exists());
    // Esc asks before throwing the changes away; a second Esc does.
    app.handle(key(KeyCode::Esc), now);
    assert!(app.is_amending());
    let text = screen_text(&render(&app, 80, 24, now));
    assert!(text.contains("Esc again"), "{text}");
    app.handle(key(KeyCode::Esc), now);
    assert!(!app.is_amending());
}

/// Grace Hopper's interview file in `sessions`, and its amendment draft.
fn hopper(sessions: &Path) -> (PathBuf, PathBuf) {
    let path = sessions.join("20261119-140000-grace-hopper.yaml");
    let draft = store::amend_draft_path(&path);
    (path, draft)
}

/// Amends Grace Hopper's interview: rates question 1 `3` and adds to its
/// notes, then drops the app without saving, as `kill -9` would stop it.
fn amend_then_crash(dir: &Path, now: phonescreen::interview::Now) {
    let mut app = review_app(dir, "hopper");
    open_and_amend(&mut app, now);
    assert!(app.is_amending());
    app.handle(key(KeyCode::Char('3')), now);
    app.handle(key(KeyCode::Tab), now);
    type_text(&mut app, " Typed before the crash.", now);
    drop(app);
}

/// Amendments typed and never saved — the process killed, so no save of
/// any kind ran — come back at the next Ctrl+E on the interview, from the
/// draft beside the file; saving them removes the draft.
#[test]
fn amendments_not_saved_come_back_after_a_crash() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let sessions = fixtures(dir.path());
    let (path, draft) = hopper(&sessions);
    let file_before = std::fs::read(&path).unwrap();
    let now = start_time();
    amend_then_crash(dir.path(), now);
    assert_eq!(std::fs::read(&path).unwrap(), file_before, "nothing saved");
    let mode = std::fs::metadata(&draft).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);

    let then = later(now, 600);
    let mut app = review_app(dir.path(), "hopper");
    app.handle(key(KeyCode::Enter), then);
    app.wait_for(|a| matches!(a, Happened::Opened(..)));
    let message = app.review_screen().unwrap().message().unwrap().to_string();
    assert!(message.contains("Ctrl+E recovers them"), "{message}");
    app.handle(ctrl('e'), then);
    app.wait_for(|a| matches!(a, Happened::AmendReady(..)));
    let text = screen_text(&render(&app, 120, 40, then));
    assert!(text.contains("Typed before the crash."), "{text}");
    assert!(
        text.contains("Recovered amendments that were not saved (the last change at 10:00)"),
        "{text}"
    );
    assert!(text.contains("changes not saved (Ctrl+S)"), "{text}");
    assert!(text.contains("[3 Yes]"), "the rating is back too:\n{text}");
    // The notice goes with the next key; the draft stays until saved.
    app.handle(key(KeyCode::End), then);
    assert!(draft.exists());
    app.handle(ctrl('s'), then);
    assert!(!app.is_amending());
    let review = app.review_screen().unwrap();
    assert!(review.message().unwrap().contains("Amendments saved"));
    assert!(!draft.exists(), "saving removes the draft");
    let after = store::load(&path).unwrap();
    let q0 = after.question(0).unwrap().1;
    assert!(
        q0.notes
            .ends_with("story. \u{1b}[2J Typed before the crash."),
        "{:?}",
        q0.notes
    );
    assert_eq!(q0.rating.as_deref(), Some("Yes"));
    assert_eq!(after.amended_at, Some(then.wall));

    // Amending again starts from the file, with nothing to recover.
    app.handle(ctrl('e'), then);
    app.wait_for(|a| matches!(a, Happened::AmendReady(..)));
    let text = screen_text(&render(&app, 120, 40, then));
    assert!(!text.contains("Recovered"), "{text}");
    assert!(text.contains("nothing to save"), "{text}");
}

/// Esc twice throws the changes away, and the draft with them.
#[test]
fn amendments_thrown_away_leave_no_draft() {
    let dir = tempfile::tempdir().unwrap();
    let sessions = fixtures(dir.path());
    let (_, draft) = hopper(&sessions);
    let now = start_time();
    let mut app = review_app(dir.path(), "hopper");
    open_and_amend(&mut app, now);
    type_text(&mut app, "Thrown away.", now);
    assert!(draft.exists(), "the draft holds what is typed");
    app.handle(key(KeyCode::Esc), now);
    assert!(draft.exists(), "one Esc only asks");
    app.handle(key(KeyCode::Esc), now);
    assert!(!app.is_amending());
    assert!(!draft.exists(), "thrown away on purpose: no draft");
    app.handle(ctrl('e'), now);
    app.wait_for(|a| matches!(a, Happened::AmendReady(..)));
    let text = screen_text(&render(&app, 120, 40, now));
    assert!(!text.contains("Thrown away."), "{text}");
}

/// A draft made to an older version of the file, with changes the file
/// does not have, is not applied: it is set aside under a name the screen
/// gives, kept as it was, and this amending is drafted anew.
#[test]
fn a_draft_of_another_revision_is_set_aside_and_amending_drafted_anew() {
    let dir = tempfile::tempdir().unwrap();
    let sessions = fixtures(dir.path());
    let (path, draft) = hopper(&sessions);
    let now = start_time();
    amend_then_crash(dir.path(), now);
    let mut record = store::load(&path).unwrap();
    record.revision += 1;
    store::write_record(&path, &record).unwrap();
    let kept = std::fs::read(&draft).unwrap();

    let mut app = review_app(dir.path(), "hopper");
    app.handle(key(KeyCode::Enter), now);
    app.wait_for(|a| matches!(a, Happened::Opened(..)));
    assert!(
        app.review_screen().unwrap().message().is_none(),
        "no promise of amendments to recover"
    );
    app.handle(ctrl('e'), now);
    app.wait_for(|a| matches!(a, Happened::AmendReady(..)));
    assert!(app.is_amending());
    let text = screen_text(&render(&app, 200, 40, now));
    assert!(!text.contains("Typed before the crash."), "{text}");
    let aside = std::fs::read_dir(&sessions)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().contains(".amend.refused-"))
        .expect("the draft was set aside");
    assert_eq!(std::fs::read(&aside).unwrap(), kept, "kept as it was");
    assert!(
        text.contains("An amendment draft was not applied") && text.contains("moved to"),
        "{text}"
    );
    type_text(&mut app, "New text.", now);
    let drafted = std::fs::read_to_string(&draft).expect("drafted anew");
    assert!(drafted.contains("New text."), "{drafted}");
    app.handle(ctrl('s'), now);
    assert!(!app.is_amending());
    assert!(!draft.exists(), "the new draft went with the save");
    assert_eq!(std::fs::read(&aside).unwrap(), kept, "the old one stays");
}

/// Saved, then stopped before the draft was removed: the draft says nothing
/// the file does not, so nothing is offered, and it goes at the next Ctrl+E.
#[test]
fn a_draft_left_by_a_save_is_removed_without_a_word() {
    let dir = tempfile::tempdir().unwrap();
    let sessions = fixtures(dir.path());
    let (_, draft) = hopper(&sessions);
    let now = start_time();
    let mut app = review_app(dir.path(), "hopper");
    open_and_amend(&mut app, now);
    type_text(&mut app, "Saved words.", now);
    let left = std::fs::read(&draft).unwrap();
    app.handle(ctrl('s'), now);
    assert!(!draft.exists());
    drop(app);
    std::fs::write(&draft, &left).unwrap();

    let mut app = review_app(dir.path(), "hopper");
    app.handle(key(KeyCode::Enter), now);
    app.wait_for(|a| matches!(a, Happened::Opened(..)));
    assert!(app.review_screen().unwrap().message().is_none());
    app.handle(ctrl('e'), now);
    app.wait_for(|a| matches!(a, Happened::AmendReady(..)));
    let text = screen_text(&render(&app, 200, 40, now));
    assert!(
        !text.contains("Recovered") && !text.contains("not applied"),
        "{text}"
    );
    assert!(!draft.exists(), "removed");
    type_text(&mut app, "More.", now);
    assert!(draft.exists(), "and this amending is drafted");
}

/// Changes all taken back leave no draft behind.
#[test]
fn changes_taken_back_leave_no_draft() {
    let dir = tempfile::tempdir().unwrap();
    let sessions = fixtures(dir.path());
    let (_, draft) = hopper(&sessions);
    let now = start_time();
    let mut app = review_app(dir.path(), "hopper");
    open_and_amend(&mut app, now);
    type_text(&mut app, "x", now);
    assert!(draft.exists());
    app.handle(key(KeyCode::Backspace), now);
    assert!(!draft.exists(), "nothing left to keep");
}

#[test]
fn an_interview_open_in_another_phonescreen_is_not_amended() {
    let dir = tempfile::tempdir().unwrap();
    let sessions = fixtures(dir.path());
    let now = start_time();
    let ada = sessions.join("20261118-100000-ada-lovelace.yaml");
    let held = store::SessionLock::acquire(&ada).unwrap();
    let mut app = review_app(dir.path(), "lovelace");
    open_and_amend(&mut app, now);
    assert!(!app.is_amending());
    let review = app.review_screen().unwrap();
    let message = review.message().unwrap();
    assert!(message.contains("open in another phonescreen"), "{message}");
    drop(held);
    app.handle(ctrl('e'), now);
    app.wait_for(|a| matches!(a, Happened::AmendReady(..)));
    assert!(app.is_amending());
}

#[test]
fn an_interview_in_progress_is_not_amended() {
    let dir = tempfile::tempdir().unwrap();
    fixtures(dir.path());
    let now = start_time();
    let mut app = review_app(dir.path(), "linus");
    app.handle(key(KeyCode::Enter), now);
    app.wait_for(|a| matches!(a, Happened::Opened(..)));
    app.handle(ctrl('e'), now);
    assert!(!app.is_amending());
    let review = app.review_screen().unwrap();
    assert!(review.message().unwrap().contains("Ctrl+R"));
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
    app.wait_for(|a| matches!(a, Happened::ArchiveReady(..)));
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

/// F5 (or Ctrl+Y) hands the scorecard of the selected or opened interview
/// to the clipboard: the Markdown of its file as it is now.
#[test]
fn the_scorecard_is_copied_from_the_list_and_from_an_opened_interview() {
    let dir = tempfile::tempdir().unwrap();
    let sessions = fixtures(dir.path());
    let path = sessions.join("20261118-100000-ada-lovelace.yaml");
    let expected = phonescreen::review::export::markdown(&store::load(&path).unwrap());
    let now = start_time();
    let mut app = review_app(dir.path(), "lovelace");
    app.set_clipboard(Route::Osc52);
    app.handle(key(KeyCode::F(5)), now);
    // The worker reads the file; the copy is made when it answers.
    let effects = app.wait_for(|a| matches!(a, Happened::ScorecardReady(..)));
    assert_eq!(effects.copy.as_deref(), Some(expected.as_str()));
    let message = app.review_screen().unwrap().message().unwrap().to_string();
    assert_eq!(
        message,
        "Copied the scorecard of Ada Lovelace (Markdown) to the clipboard"
    );
    let text = screen_text(&render(&app, 80, 24, now));
    assert!(
        text.contains("Copied the scorecard of Ada Lovelace"),
        "{text}"
    );
    // Nothing is copied but on that key: moving on copies nothing.
    assert_eq!(app.handle(key(KeyCode::Down), now).copy, None);

    // Opened, Ctrl+Y; the terminal may not take it: a file too, named.
    app.set_clipboard(Route::Osc52AndFile);
    app.handle(key(KeyCode::Enter), now);
    app.wait_for(|a| matches!(a, Happened::Opened(..)));
    app.handle(ctrl('y'), now);
    let effects = app.wait_for(|a| matches!(a, Happened::ScorecardReady(..)));
    assert_eq!(effects.copy.as_deref(), Some(expected.as_str()));
    let file = dir
        .path()
        .join("data/exports/20261118-100000-ada-lovelace.md");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), expected);
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&file).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let message = app.review_screen().unwrap().message().unwrap().to_string();
    assert_eq!(
        message,
        format!(
            "Copied the scorecard of Ada Lovelace (Markdown), and also in {} \
             (this terminal may not take a copy)",
            file.display()
        )
    );
    assert!(app.review_screen().unwrap().opened_path().is_some());

    // A terminal that cannot take it (GNU screen, the Linux console):
    // nothing for the terminal, the file alone, and the screen says so.
    std::fs::remove_file(&file).unwrap();
    app.set_clipboard(Route::FileOnly);
    app.handle(ctrl('y'), now);
    let effects = app.wait_for(|a| matches!(a, Happened::ScorecardReady(..)));
    assert_eq!(effects.copy, None, "nothing is written to the terminal");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), expected);
    let message = app.review_screen().unwrap().message().unwrap().to_string();
    assert_eq!(
        message,
        format!(
            "The scorecard of Ada Lovelace (Markdown) is written to {} \
             (this terminal cannot take a copy: nothing was copied)",
            file.display()
        )
    );
    let text = screen_text(&render(&app, 80, 24, now));
    assert!(text.contains("cannot take a copy"), "{text}");
}

#[test]
fn a_damaged_file_has_no_scorecard_to_copy() {
    let dir = tempfile::tempdir().unwrap();
    fixtures(dir.path());
    let now = start_time();
    let mut app = review_app(dir.path(), "");
    app.handle(key(KeyCode::End), now);
    let effects = app.handle(key(KeyCode::F(5)), now);
    assert_eq!(effects.copy, None);
    let message = app.review_screen().unwrap().message().unwrap().to_string();
    assert!(message.contains("damaged"), "{message}");
}

/// Everything of Ada's interview besides its file: a crash journal, a
/// temp file, a rescue copy and a scorecard written for a terminal that
/// could not take a copy. Returns her file.
fn ada_with_leftovers(dir: &Path, sessions: &Path) -> PathBuf {
    let path = sessions.join("20261118-100000-ada-lovelace.yaml");
    std::fs::write(
        sessions.join(".20261118-100000-ada-lovelace.yaml.journal"),
        "",
    )
    .unwrap();
    std::fs::write(
        sessions.join(".20261118-100000-ada-lovelace.yaml.tmp-AbC123xyz0"),
        "",
    )
    .unwrap();
    let rescue = dir.join("data/rescue");
    std::fs::create_dir_all(&rescue).unwrap();
    std::fs::copy(&path, rescue.join("20261118-100000-ada-lovelace.yaml")).unwrap();
    let exports = dir.join("data/exports");
    std::fs::create_dir_all(&exports).unwrap();
    std::fs::write(exports.join("20261118-100000-ada-lovelace.md"), "# Ada").unwrap();
    path
}

fn index_text(sessions: &Path) -> String {
    std::fs::read_to_string(sessions.join(phonescreen::review::index::INDEX_FILE)).unwrap()
}

/// F8 asks, `y` then Enter deletes the interview with everything it left,
/// its entry in the review index and its row; the rest stay.
#[test]
fn deleting_asks_then_removes_every_file_the_index_entry_and_the_row() {
    let dir = tempfile::tempdir().unwrap();
    let sessions = fixtures(dir.path());
    let path = ada_with_leftovers(dir.path(), &sessions);
    let now = start_time();
    let mut app = review_app(dir.path(), "");
    assert!(index_text(&sessions).contains("20261118-100000-ada-lovelace"));
    // Ada is the third row, newest first.
    app.handle(key(KeyCode::Down), now);
    app.handle(key(KeyCode::Down), now);
    app.handle(key(KeyCode::F(8)), now);
    // The worker checks the lock and counts the files; then the question.
    assert!(!app.review_screen().unwrap().is_asking_to_delete());
    app.wait_for(|a| matches!(a, Happened::DeleteChecked(..)));
    assert!(app.review_screen().unwrap().is_asking_to_delete());
    insta::assert_snapshot!("delete_question_80x24", render(&app, 80, 24, now).backend());
    app.handle(key(KeyCode::Char('y')), now);
    assert!(path.exists(), "y alone deletes nothing");
    insta::assert_snapshot!(
        "delete_question_after_y_80x24",
        render(&app, 80, 24, now).backend()
    );
    let effects = app.handle(key(KeyCode::Enter), now);
    assert_eq!(effects.copy, None);
    // The worker deletes, off the UI thread, and says so.
    assert_eq!(
        app.review_screen().unwrap().message(),
        Some("Deleting the interview of Ada Lovelace…")
    );
    app.wait_for(|a| matches!(a, Happened::Deleted(..)));

    let review = app.review_screen().unwrap();
    assert!(!review.is_asking_to_delete());
    let message = review.message().unwrap();
    assert_eq!(
        message,
        "Deleted the interview of Ada Lovelace and everything it left (5 files)"
    );
    assert!(
        store::delete::files_of(&sessions, "20261118-100000-ada-lovelace").is_empty(),
        "file, journal, temp file, rescue copy, scorecard"
    );
    assert!(!index_text(&sessions).contains("20261118-100000-ada-lovelace"));
    let text = screen_text(&render(&app, 80, 24, now));
    assert!(!text.contains("Ada Lovelace  "), "{text}");
    assert!(text.contains("3 interviews · 1 damaged"), "{text}");
    // The selection moved to the next row, Margaret.
    let row = text.lines().find(|l| l.starts_with("▸")).unwrap();
    assert!(row.contains("Margaret Hamilton"), "{text}");
    // The list read again agrees; the others are all there.
    app.wait_for(|a| matches!(a, Happened::ArchiveReady(..)));
    let text = screen_text(&render(&app, 80, 24, now));
    assert!(!text.contains("Ada Lovelace  "), "{text}");
    for name in ["Linus Torvalds", "Grace Hopper", "Margaret Hamilton"] {
        assert!(text.contains(name), "{text}");
    }
}

/// Only `y` on its own, then Enter on its own, deletes: any other key, Enter
/// alone, `y` and Enter pasted or read in one burst all keep it, and say so.
#[test]
fn any_other_answer_keeps_the_interview() {
    use phonescreen::tui::app::Step;
    let dir = tempfile::tempdir().unwrap();
    let sessions = fixtures(dir.path());
    let path = sessions.join("20261118-100000-ada-lovelace.yaml");
    let now = start_time();
    let mut app = review_app(dir.path(), "lovelace");
    let y = || crossterm::event::KeyEvent::new(KeyCode::Char('y'), KeyModifiers::NONE);
    let enter = || crossterm::event::KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE);
    let answers: Vec<Vec<Step>> = vec![
        vec![Step::Key(enter(), false)],
        vec![Step::Key(y(), false), Step::Key(enter(), true)],
        vec![Step::Paste("y\n".into())],
        vec![
            Step::Key(y(), false),
            Step::Key(
                crossterm::event::KeyEvent::new(KeyCode::Char('e'), KeyModifiers::NONE),
                false,
            ),
        ],
        vec![Step::Key(
            crossterm::event::KeyEvent::new(KeyCode::Char('n'), KeyModifiers::NONE),
            false,
        )],
        vec![Step::Key(
            crossterm::event::KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE),
            false,
        )],
        vec![
            Step::Key(y(), false),
            Step::Key(
                crossterm::event::KeyEvent::new(KeyCode::F(8), KeyModifiers::NONE),
                false,
            ),
        ],
    ];
    for answer in answers {
        app.handle(key(KeyCode::F(8)), now);
        app.wait_for(|a| matches!(a, Happened::DeleteChecked(..)));
        assert!(app.review_screen().unwrap().is_asking_to_delete());
        // One `apply` is one read of the terminal: `y` then Enter in the same
        // read is a burst (a paste without bracketed paste).
        let burst = answer.len() > 1 && matches!(answer[1], Step::Key(_, true));
        if burst {
            app.apply(answer.clone(), || now);
        } else {
            for step in answer.clone() {
                app.apply(vec![step], || now);
            }
        }
        let review = app.review_screen().unwrap();
        assert!(!review.is_asking_to_delete(), "{answer:?}");
        assert_eq!(
            review.message(),
            Some("Nothing was deleted: the interview of Ada Lovelace is kept"),
            "{answer:?}"
        );
        assert!(path.exists(), "{answer:?}");
    }
    // The clock and the background work neither answer nor close it.
    app.handle(key(KeyCode::F(8)), now);
    app.wait_for(|a| matches!(a, Happened::DeleteChecked(..)));
    app.app.on_event(Happened::Tick, now);
    app.app.on_event(Happened::Resize, now);
    assert!(app.review_screen().unwrap().is_asking_to_delete());
    app.handle(key(KeyCode::Char('y')), now);
    app.app.on_event(Happened::Tick, now);
    app.handle(key(KeyCode::Enter), now);
    app.wait_for(|a| matches!(a, Happened::Deleted(..)));
    assert!(!path.exists());
}

/// Holds the lock of the interview at `path` as another phonescreen
/// would: the kernel lock, and that process's id in the file.
fn hold_as_process(path: &Path, pid: u32) -> store::SessionLock {
    let lock = store::SessionLock::acquire(path).unwrap();
    std::fs::write(store::lock_path(path), format!("{pid}\n")).unwrap();
    lock
}

#[test]
fn an_interview_open_in_another_phonescreen_is_kept_with_the_locks_message() {
    let dir = tempfile::tempdir().unwrap();
    let sessions = fixtures(dir.path());
    let path = sessions.join("20261118-100000-ada-lovelace.yaml");
    let now = start_time();
    let mut app = review_app(dir.path(), "lovelace");
    let held = hold_as_process(&path, 4242);
    app.handle(key(KeyCode::F(8)), now);
    app.wait_for(|a| matches!(a, Happened::DeleteChecked(..)));
    let review = app.review_screen().unwrap();
    assert!(
        !review.is_asking_to_delete(),
        "no question to answer for nothing"
    );
    assert_eq!(
        review.message(),
        Some(
            "Not deleted: interview 20261118-100000-ada-lovelace is open in another phonescreen (process 4242); close that one first"
        )
    );
    drop(held);

    // Opened elsewhere while the question was on screen: kept all the same.
    app.handle(key(KeyCode::F(8)), now);
    app.wait_for(|a| matches!(a, Happened::DeleteChecked(..)));
    let held = hold_as_process(&path, 4242);
    app.handle(key(KeyCode::Char('y')), now);
    app.handle(key(KeyCode::Enter), now);
    app.wait_for(|a| matches!(a, Happened::Deleted(..)));
    let message = app.review_screen().unwrap().message().unwrap().to_string();
    assert!(
        message.starts_with("Not deleted: ") && message.contains("open in another phonescreen"),
        "{message}"
    );
    assert!(path.exists());
    let text = screen_text(&render(&app, 80, 24, now));
    assert!(text.contains("Ada Lovelace"), "{text}");
    drop(held);

    // This very process holding it (it cannot happen from the review
    // screen, which holds no lock but while amending): kept, and said so.
    let _ours = store::SessionLock::acquire(&path).unwrap();
    app.handle(key(KeyCode::F(8)), now);
    app.wait_for(|a| matches!(a, Happened::DeleteChecked(..)));
    assert_eq!(
        app.review_screen().unwrap().message(),
        Some("Not deleted: this phonescreen has it open; close it first")
    );
    assert!(path.exists());
}

#[test]
fn an_opened_interview_is_deleted_and_the_list_comes_back_without_it() {
    let dir = tempfile::tempdir().unwrap();
    let sessions = fixtures(dir.path());
    let path = sessions.join("20261119-140000-grace-hopper.yaml");
    let now = start_time();
    let mut app = review_app(dir.path(), "backend");
    app.handle(key(KeyCode::Enter), now);
    app.wait_for(|a| matches!(a, Happened::Opened(..)));
    assert_eq!(
        app.review_screen().unwrap().opened_path(),
        Some(path.as_path())
    );
    app.handle(ctrl('d'), now);
    app.wait_for(|a| matches!(a, Happened::DeleteChecked(..)));
    let text = screen_text(&render(&app, 80, 24, now));
    assert!(
        text.contains("Delete the interview of Grace Hopper (Backend engineer"),
        "{text}"
    );
    app.handle(key(KeyCode::Char('y')), now);
    app.handle(key(KeyCode::Enter), now);
    app.wait_for(|a| matches!(a, Happened::Deleted(..)));
    assert!(!path.exists());
    let review = app.review_screen().unwrap();
    assert!(review.opened_path().is_none(), "back to the list");
    let text = screen_text(&render(&app, 80, 24, now));
    assert!(text.contains("2 of 3 match"), "{text}");
    assert!(!text.contains("Grace Hopper  "), "{text}");
}

#[test]
fn the_launcher_behind_forgets_what_the_review_deleted() {
    let dir = tempfile::tempdir().unwrap();
    fixtures(dir.path());
    let now = start_time();
    let mut app = launcher_app(dir.path(), &Setup::default());
    let text = screen_text(&render(&app, 120, 40, now));
    assert!(text.contains("Ada Lovelace"), "{text}");
    app.handle(key(KeyCode::F(3)), now);
    app.wait_for(|a| matches!(a, Happened::ArchiveReady(..)));
    type_text(&mut app, "lovelace", now);
    app.handle(key(KeyCode::F(8)), now);
    app.wait_for(|a| matches!(a, Happened::DeleteChecked(..)));
    app.handle(key(KeyCode::Char('y')), now);
    app.handle(key(KeyCode::Enter), now);
    app.wait_for(|a| matches!(a, Happened::Deleted(..)));
    app.handle(key(KeyCode::Esc), now);
    app.handle(key(KeyCode::Esc), now);
    assert!(app.is_launcher());
    let text = screen_text(&render(&app, 120, 40, now));
    assert!(!text.contains("Ada Lovelace"), "{text}");
    assert!(text.contains("Saved interviews (3)"), "{text}");
}

/// A delete the worker finishes after the review screen was left still
/// reaches the launcher, which forgets the interview.
#[test]
fn a_delete_finished_after_the_review_was_left_reaches_the_launcher() {
    let dir = tempfile::tempdir().unwrap();
    fixtures(dir.path());
    let now = start_time();
    let mut app = launcher_app(dir.path(), &Setup::default());
    app.handle(key(KeyCode::F(3)), now);
    app.wait_for(|a| matches!(a, Happened::ArchiveReady(..)));
    type_text(&mut app, "lovelace", now);
    app.handle(key(KeyCode::F(8)), now);
    app.wait_for(|a| matches!(a, Happened::DeleteChecked(..)));
    app.handle(key(KeyCode::Char('y')), now);
    app.handle(key(KeyCode::Enter), now);
    app.handle(key(KeyCode::Esc), now);
    app.handle(key(KeyCode::Esc), now);
    assert!(app.is_launcher());
    let text = screen_text(&render(&app, 120, 40, now));
    assert!(
        text.contains("Saved interviews (4)"),
        "not deleted yet: {text}"
    );
    app.wait_for(|a| matches!(a, Happened::Deleted(..)));
    let text = screen_text(&render(&app, 120, 40, now));
    assert!(!text.contains("Ada Lovelace"), "{text}");
    assert!(text.contains("Saved interviews (3)"), "{text}");
}

#[test]
fn a_damaged_file_can_be_deleted_too() {
    let dir = tempfile::tempdir().unwrap();
    let sessions = fixtures(dir.path());
    let now = start_time();
    let mut app = review_app(dir.path(), "");
    app.handle(key(KeyCode::End), now);
    app.handle(key(KeyCode::F(8)), now);
    app.wait_for(|a| matches!(a, Happened::DeleteChecked(..)));
    let text = screen_text(&render(&app, 80, 24, now));
    assert!(
        text.contains("Delete the damaged file 20261116-090000-broken.yaml?"),
        "{text}"
    );
    app.handle(key(KeyCode::Char('y')), now);
    app.handle(key(KeyCode::Enter), now);
    app.wait_for(|a| matches!(a, Happened::Deleted(..)));
    assert!(!sessions.join("20261116-090000-broken.yaml").exists());
    let text = screen_text(&render(&app, 80, 24, now));
    assert!(
        !text.contains("1 damaged") && !text.contains("broken.yaml: damaged"),
        "{text}"
    );
    assert!(text.contains("Deleted the damaged file"), "{text}");
}

/// A key a reviewer might press anywhere on the review screen.
fn review_key() -> impl proptest::strategy::Strategy<Value = crossterm::event::Event> {
    use proptest::prelude::*;
    let named = prop::sample::select(vec![
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::F(1),
        KeyCode::F(4),
        KeyCode::F(5),
        KeyCode::F(6),
        KeyCode::F(7),
        KeyCode::F(8),
        KeyCode::F(10),
    ]);
    prop_oneof![
        3 => "[a-z0-9 \\[\\]]".prop_map(|s| key(KeyCode::Char(s.chars().next().unwrap_or('a')))),
        3 => named.prop_map(key),
        2 => prop::sample::select(vec!['e', 'g', 'n', 'p', 'o', 'r', 's', 'u', 'j', 'y', 'd']).prop_map(ctrl),
    ]
}

proptest::proptest! {
    #![proptest_config(proptest_cases(40))]

    /// Any keys, in any order, at either size: the review screen (and
    /// whatever it leads to) never panics.
    #[test]
    fn any_keys_never_panic(keys in proptest::collection::vec(review_key(), 1..60)) {
        let dir = tempfile::tempdir().unwrap();
        fixtures(dir.path());
        let now = start_time();
        let mut app = review_app(dir.path(), "");
        for (i, k) in keys.into_iter().enumerate() {
            app.handle(k, now);
            app.deliver(now);
            let (width, height) = if i % 2 == 0 { (80, 24) } else { (120, 40) };
            assert_colour_rule(&render(&app, width, height, now), "review, any keys");
            if app.exit().is_some() {
                break;
            }
        }
    }
}

/// An interview corrected after the call says so in the list: the word
/// where the list is wide, the notes pencil after the outcome where not.
#[test]
fn an_amended_interview_is_marked_in_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let sessions = dir.path().join("data/sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    let mut plain = started("Ada Plain", "SRE", "Grace", "2026-11-18T10:00:00+01:00");
    finish(&mut plain, 30, Recommendation::Yes, "Fine.");
    save(&sessions, &plain);
    let mut fixed = started("Bea Fixed", "SRE", "Grace", "2026-11-19T10:00:00+01:00");
    finish(&mut fixed, 30, Recommendation::StrongYes, "Great.");
    fixed.amended_at = Some(at("2026-11-20T09:00:00+01:00"));
    save(&sessions, &fixed);
    let app = review_app(dir.path(), "");
    let row = |text: &str, who: &str| {
        text.lines()
            .find(|l| l.contains(who))
            .unwrap_or_else(|| panic!("{who} is not listed:\n{text}"))
            .to_string()
    };
    let wide = screen_text(&render(&app, 120, 40, start_time()));
    assert!(row(&wide, "Bea Fixed").contains("amended"), "{wide}");
    assert!(row(&wide, "Ada Plain").contains("completed"), "{wide}");
    assert!(!row(&wide, "Ada Plain").contains("amended"), "{wide}");
    let narrow = screen_text(&render(&app, 80, 24, start_time()));
    assert!(
        row(&narrow, "Bea Fixed").contains("Strong yes ✎"),
        "{narrow}"
    );
    assert!(!row(&narrow, "Ada Plain").contains('✎'), "{narrow}");
}

/// On a full disk the review screen deletes all the same (the lock needs
/// no room), and no lock file is left behind.
#[test]
fn deleting_on_a_full_disk_works_and_leaves_no_lock_file() {
    use phonescreen::store::full_disk::FullDisk;
    let dir = tempfile::tempdir().unwrap();
    let mut disk = FullDisk::new(&dir.path().join("data"));
    disk.free();
    let sessions = fixtures(dir.path());
    let path = sessions.join("20261118-100000-ada-lovelace.yaml");
    let now = start_time();
    let mut app = review_app(dir.path(), "lovelace");
    disk.fill();
    app.handle(key(KeyCode::F(8)), now);
    app.wait_for(|a| matches!(a, Happened::DeleteChecked(..)));
    app.handle(key(KeyCode::Char('y')), now);
    app.handle(key(KeyCode::Enter), now);
    app.wait_for(|a| matches!(a, Happened::Deleted(..)));
    let message = app.review_screen().unwrap().message().unwrap().to_string();
    assert!(
        message.starts_with("Deleted the interview of Ada Lovelace"),
        "{message}"
    );
    assert!(!path.exists());
    assert!(!store::lock_path(&path).exists(), "no lock file is left");
}

/// A save of amendments that fails for the disk's sake (full) says that
/// saving is retried, and it is: on the clock's tick, once the disk has
/// room, the amendments are saved without a key, and the screen says so.
#[test]
fn a_failed_save_of_amendments_is_retried_until_the_disk_takes_it() {
    use phonescreen::store::full_disk::FullDisk;
    let dir = tempfile::tempdir().unwrap();
    let mut disk = FullDisk::new(&dir.path().join("data"));
    disk.free();
    let sessions = fixtures(dir.path());
    let path = sessions.join("20261118-100000-ada-lovelace.yaml");
    let now = start_time();
    let mut app = review_app(dir.path(), "lovelace");
    open_and_amend(&mut app, now);
    app.handle(key(KeyCode::Tab), now);
    type_text(&mut app, " Also: great questions.", now);
    disk.fill();
    app.handle(ctrl('s'), now);
    let text = screen_text(&render(&app, 120, 40, now));
    assert!(text.contains("NOT SAVED"), "{text}");
    assert!(text.contains("the disk is full"), "{text}");
    assert!(text.contains("retried every second"), "{text}");
    assert!(app.is_amending());
    // Still full: the tick retries, fails, and says so still.
    app.app.on_event(Happened::Tick, later(now, 1));
    app.settle(later(now, 1));
    let text = screen_text(&render(&app, 120, 40, later(now, 1)));
    assert!(text.contains("NOT SAVED"), "{text}");
    assert!(
        !store::load(&path)
            .unwrap()
            .question(0)
            .unwrap()
            .1
            .notes
            .contains("great questions")
    );

    disk.free();
    app.app.on_event(Happened::Tick, later(now, 2));
    app.settle(later(now, 2));
    let saved = store::load(&path).unwrap();
    assert!(
        saved
            .question(0)
            .unwrap()
            .1
            .notes
            .ends_with(" Also: great questions."),
        "saved without a key:\n{}",
        screen_text(&render(&app, 120, 40, later(now, 2)))
    );
    assert_eq!(saved.amended_at, Some(later(now, 2).wall));
    let text = screen_text(&render(&app, 120, 40, later(now, 2)));
    assert!(!text.contains("NOT SAVED"), "{text}");
    assert!(
        text.contains("Saved") && text.contains("nothing to save"),
        "{text}"
    );
    // The screen stayed where the interviewer was; Esc leaves, nothing lost.
    assert!(app.is_amending());
    app.handle(key(KeyCode::Esc), later(now, 3));
    assert!(!app.is_amending());
    assert!(!store::amend_draft_path(&path).exists());
}

#[test]
fn the_count_of_one_interview_is_singular() {
    let dir = tempfile::tempdir().unwrap();
    let sessions = dir.path().join("data/sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    let one = started(
        "Ada Lovelace",
        "Backend",
        "Grace",
        "2026-11-18T10:00:00+01:00",
    );
    save(&sessions, &one);
    let app = review_app(dir.path(), "");
    let text = screen_text(&render(&app, 80, 24, start_time()));
    assert!(text.contains(" 1 interview · "), "{text}");
    assert!(!text.contains("1 interviews"), "{text}");
}
