//! Never write what you refuse to read: whatever an interviewer does — long
//! pauses, a resume months later, a log pasted by accident — the file on
//! disk loads again, lists, and resumes, with every note that was on screen.
//!
//! The tests that fill the typed text up to its limit run at a limit of
//! [`SMALL_TEXT_LIMIT`] rather than 4 MB (see [`rerun_at_small_text_limit`]):
//! the same code, a few kilobytes of text instead of megabytes.

use crate::support;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use crossterm::event::{Event, KeyCode, KeyModifiers};
use phonescreen::config::Config;
use phonescreen::interview::limits::{self, MAX_FILE_BYTES, MAX_TEXT_BYTES, size_words};
use phonescreen::interview::{Downtime, Record};
use phonescreen::store::{self, session};
use phonescreen::tui::app::{App, Mailbox};
use phonescreen::tui::theme::Theme;
use proptest::prelude::*;
use support::*;

const DAY: u64 = 24 * 3600;

/// The limit on typed text the tests that fill it up run at.
const SMALL_TEXT_LIMIT: usize = 64 * 1024;

/// Runs the calling test at a typed-text limit of [`SMALL_TEXT_LIMIT`].
///
/// The limit is read once per process (`limits::TEXT_LIMIT_ENV`), and this
/// process runs every other test at the real one; so here the test runs
/// itself again, alone, in a child of this test binary with the limit
/// lowered, fails if it fails there, and this returns `true`: the caller
/// returns. In that child this returns `false` and the test goes on.
fn rerun_at_small_text_limit() -> bool {
    if std::env::var_os(limits::TEXT_LIMIT_ENV).is_some() {
        assert_eq!(limits::max_text_bytes(), SMALL_TEXT_LIMIT);
        return false;
    }
    // The test harness names each test's thread after the test.
    let current = std::thread::current();
    let name = current
        .name()
        .expect("a test runs on a thread named after it");
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", name])
        .env(limits::TEXT_LIMIT_ENV, SMALL_TEXT_LIMIT.to_string())
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run the test binary");
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(
        out.status.success() && stdout.contains("test result: ok. 1 passed"),
        "{name} at a limit of {SMALL_TEXT_LIMIT} bytes, in a child process:\n{stdout}{stderr}"
    );
    true
}

fn sessions(dir: &Path) -> PathBuf {
    dir.join("data/sessions")
}

/// The one interview in `dir`, listed without problems and loaded whole.
fn only_interview(dir: &Path) -> Record {
    let listing = store::list(&sessions(dir));
    assert!(listing.problems.is_empty(), "{:?}", listing.problems);
    assert_eq!(listing.sessions.len(), 1);
    let path = &listing.sessions[0].path;
    let size = std::fs::metadata(path).unwrap().len();
    assert!(size <= MAX_FILE_BYTES, "{size} bytes");
    store::load(path).unwrap()
}

/// Quits the way the interviewer does, and closes the app (the lock goes).
fn quit(mut app: TestApp, now: phonescreen::interview::Now) {
    app.handle(chord(KeyCode::Char('q'), KeyModifiers::CONTROL), now);
    app.handle(chord(KeyCode::Char('q'), KeyModifiers::CONTROL), now);
    assert!(app.exit().is_some(), "quit");
    app.app.close();
}

fn resume_app(dir: &Path, path: &Path, now: phonescreen::interview::Now) -> TestApp {
    let (mailbox, inbox) = Mailbox::detached();
    let app = App::resume(
        paths(dir),
        Config::default(),
        Theme::default(),
        path,
        mailbox,
        now,
    )
    .unwrap_or_else(|e| panic!("resume refused: {e}"));
    TestApp { app, inbox }
}

#[test]
fn a_pause_of_over_a_week_is_saved_and_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let now = start_time();
    let mut app = interview_app(dir.path(), now);
    type_text(&mut app, "before the break", later(now, 60));
    app.handle(key(KeyCode::F(5)), later(now, 120));
    // Back nine days later, the same phonescreen still open.
    app.handle(key(KeyCode::F(5)), later(now, 120 + 9 * DAY));
    type_text(&mut app, ", after", later(now, 130 + 9 * DAY));
    quit(app, later(now, 140 + 9 * DAY));
    let r = only_interview(dir.path());
    assert_eq!(r.pauses.len(), 1);
    assert_eq!(r.pauses[0].seconds, 9 * DAY);
    assert_eq!(r.question(0).unwrap().1.notes, "before the break, after");
    assert!(store::newest_resumable(&sessions(dir.path())).is_some());
}

#[test]
fn a_resume_a_month_later_still_lists_and_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let sessions = sessions(dir.path());
    let bank = phonescreen::bank::builtin().unwrap();
    let quiet = || -> store::Notify { Arc::new(|| {}) };
    let t0 = start_time();
    let (mut interview, mut s) = session::start(&sessions, &bank, &ada(), t0, quiet());
    // The candidate is there at once: the call starts with the interview.
    interview.start_call(t0.instant, t0.wall);
    let path = s.path().to_path_buf();
    interview.set_notes("first call".into(), later(t0, 300).instant);
    s.save_and_wait(&mut interview, later(t0, 300)).unwrap();
    s.close();

    // A month away: a pause, not interview time, and the file still loads.
    let month = later(t0, 300 + 31 * DAY);
    let resumed = session::resume(&path, &sessions, month, quiet()).unwrap();
    assert_eq!(
        resumed.downtime,
        Some(Downtime {
            away: Duration::from_secs(31 * DAY),
            counted: false
        })
    );
    let session::Resumed {
        mut interview,
        session: mut s,
        ..
    } = resumed;
    interview.set_notes("first call, then a month later".into(), month.instant);
    s.save_and_wait(&mut interview, later(month, 60)).unwrap();
    s.close();
    let r = only_interview(dir.path());
    assert_eq!(r.elapsed_seconds, 360, "the month is not interview time");
    assert_eq!(r.pauses.last().unwrap().seconds, 31 * DAY);
    assert_eq!(r.paused_seconds, 31 * DAY);
    assert_eq!(
        store::newest_resumable(&sessions).map(|s| s.path),
        Some(path.clone())
    );

    // And again a year after that, paused this time: the pause runs on.
    let mut app = resume_app(dir.path(), &path, later(month, 120));
    app.handle(key(KeyCode::F(5)), later(month, 130));
    quit(app, later(month, 131));
    let year = later(month, 131 + 366 * DAY);
    let app = resume_app(dir.path(), &path, year);
    assert_eq!(
        app.interview_screen().unwrap().notes_text(),
        "first call, then a month later"
    );
    quit(app, later(year, 5));
    let r = only_interview(dir.path());
    // A minute away counted (the call went on), ten seconds, then the pause.
    assert_eq!(r.elapsed_seconds, 430);
    assert_eq!(r.pauses.last().unwrap().seconds, 1 + 366 * DAY + 5);
    assert!(r.paused);
}

#[test]
fn time_away_beyond_a_hundred_years_is_capped_not_refused() {
    let dir = tempfile::tempdir().unwrap();
    let now = start_time();
    let mut app = interview_app(dir.path(), now);
    type_text(&mut app, "notes", now);
    quit(app, later(now, 10));
    let path = store::list(&sessions(dir.path())).sessions[0].path.clone();
    // A clock set centuries ahead, then fixed: nothing is refused.
    let far = later(now, 300 * 366 * DAY);
    let app = resume_app(dir.path(), &path, far);
    quit(app, later(far, 1));
    let r = only_interview(dir.path());
    assert_eq!(r.pauses.last().unwrap().seconds, limits::MAX_SECONDS);
    assert_eq!(r.question(0).unwrap().1.notes, "notes");
}

/// `len` bytes of text made of lines of one character: the costliest text
/// there is to write as YAML.
fn costly_text(len: usize) -> String {
    "x\n".repeat(len / 2) + &"y".repeat(len % 2)
}

#[test]
fn a_paste_too_big_to_keep_is_refused_whole_with_a_notice() {
    if rerun_at_small_text_limit() {
        return;
    }
    let limit = limits::max_text_bytes();
    let dir = tempfile::tempdir().unwrap();
    let now = start_time();
    let mut app = interview_app(dir.path(), now);
    type_text(&mut app, "typed first", now);
    let log = costly_text(limit);
    app.handle(Event::Paste(log.clone()), later(now, 1));
    let screen = app.interview_screen().unwrap();
    let notes = screen.notes_text();
    assert!(
        notes == "typed first",
        "nothing half-taken: {} bytes in the notes",
        notes.len()
    );
    let notice = screen.notices().join("\n");
    assert!(
        notice.contains(&format!(
            "Nothing inserted: {} more",
            size_words(limit as u64)
        )) && notice.contains(&format!(
            "past the {} it keeps (11 bytes used)",
            size_words(limit as u64)
        )),
        "{notice}"
    );
    // What fits is taken whole, and the file still loads.
    let fits = &log[..limit - "typed first".len()];
    app.handle(Event::Paste(fits.to_string()), later(now, 2));
    assert_eq!(app.interview_screen().unwrap().notes_text().len(), limit);
    // Full: one more character, in the scratch note or the summary, is refused.
    app.handle(key(KeyCode::Tab), later(now, 3));
    type_text(&mut app, "z", later(now, 4));
    assert_eq!(
        app.interview_screen().unwrap().interview().record().scratch,
        ""
    );
    app.handle(key(KeyCode::F(10)), later(now, 5));
    app.handle(key(KeyCode::Char('3')), later(now, 6));
    app.handle(Event::Paste("summary".into()), later(now, 7));
    assert_eq!(
        app.interview_screen().unwrap().interview().record().summary,
        ""
    );
    app.handle(key(KeyCode::Esc), later(now, 8));
    quit(app, later(now, 9));
    let r = only_interview(dir.path());
    assert_eq!(r.question(0).unwrap().1.notes.len(), limit);
    assert!(
        r.question(0)
            .unwrap()
            .1
            .notes
            .starts_with("typed firstx\nx\n")
    );
}

#[test]
fn at_the_limit_every_way_of_adding_text_is_refused_and_nothing_is_lost() {
    if rerun_at_small_text_limit() {
        return;
    }
    let limit = limits::max_text_bytes();
    let dir = tempfile::tempdir().unwrap();
    let mut now = start_time();
    let mut app = interview_app(dir.path(), now);
    let path = app.interview_path().unwrap();
    type_text(&mut app, "first line\nsecond", now);
    let fill = limit - "first line\nsecond".len();
    app.handle(Event::Paste("y".repeat(fill)), now);
    let full = app.interview_screen().unwrap().notes_text();
    assert_eq!(full.len(), limit);
    let refused = |app: &TestApp| {
        app.interview_screen()
            .unwrap()
            .notices()
            .iter()
            .any(|n| n.starts_with("Nothing inserted"))
    };
    let ctrl = |c| chord(KeyCode::Char(c), KeyModifiers::CONTROL);
    for event in [
        key(KeyCode::Char('z')),
        key(KeyCode::Enter),
        ctrl('j'),
        Event::Paste("z".into()),
    ] {
        now = later(now, 1);
        app.handle(key(KeyCode::F(2)), now); // any command clears the notices
        app.handle(key(KeyCode::F(2)), now);
        app.handle(event.clone(), now);
        assert!(refused(&app), "{event:?} was not refused");
        assert!(app.interview_screen().unwrap().notes_text() == full);
    }
    // Cut the last line with the editor's own keys: there is room again for
    // it, once, but not twice.
    app.handle(key(KeyCode::Home), now);
    app.handle(ctrl('k'), now);
    let cut = app.interview_screen().unwrap().notes_text();
    assert!(cut == "first line\n", "{} bytes left", cut.len());
    app.handle(ctrl('y'), now);
    assert!(app.interview_screen().unwrap().notes_text() == full);
    app.handle(ctrl('y'), now);
    assert!(refused(&app));
    assert!(app.interview_screen().unwrap().notes_text() == full);
    // Undo the paste; with two bytes put in the scratch note meanwhile,
    // redoing it no longer fits, and is refused until they go.
    app.handle(ctrl('u'), now);
    assert!(app.interview_screen().unwrap().notes_text() == cut);
    app.handle(key(KeyCode::Tab), now);
    app.handle(Event::Paste("ab".into()), now);
    app.handle(key(KeyCode::Tab), now);
    app.handle(ctrl('r'), now);
    assert!(refused(&app));
    assert!(app.interview_screen().unwrap().notes_text() == cut);
    app.handle(key(KeyCode::Tab), now);
    app.handle(key(KeyCode::Backspace), now);
    app.handle(key(KeyCode::Backspace), now);
    app.handle(key(KeyCode::Tab), now);
    app.handle(ctrl('r'), now);
    assert!(!refused(&app));
    assert!(app.interview_screen().unwrap().notes_text() == full);
    // Quit, reopen a month later: everything is there, and still full.
    let on_screen = app.interview_screen().unwrap().notes_text();
    quit(app, later(now, 1));
    now = later(now, 31 * DAY);
    let mut app = resume_app(dir.path(), &path, now);
    assert!(app.interview_screen().unwrap().notes_text() == on_screen);
    type_text(&mut app, "zz", later(now, 1));
    quit(app, later(now, 2));
    let r = only_interview(dir.path());
    assert!(r.question(0).unwrap().1.notes.len() <= limit);
    assert!(r.question(0).unwrap().1.notes.starts_with("first line\n"));
}

#[test]
fn an_interview_too_big_to_save_is_refused_before_it_starts() {
    let bank = phonescreen::bank::builtin().unwrap();
    let mut setup = ada();
    // The company is named in several questions: each copy is saved.
    setup
        .variables
        .insert("company".into(), "Acme ".repeat(2 * 1024 * 1024));
    let why = phonescreen::interview::check_start(&bank, &setup).unwrap_err();
    assert!(
        why.starts_with("Too long to save (") && why.ends_with("shorten the names and values"),
        "{why}"
    );
    assert!(phonescreen::interview::check_start(&bank, &ada()).is_ok());
}

/// Pieces of text that cost the most to write as YAML, or that YAML
/// readers treat specially.
fn awkward_text(max_pieces: usize) -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "x\n", "\n", "\u{1}", "\t", " ", "a", "é", "\u{2028}", "\u{85}", "\u{feff}", "\"", "\\",
        "#", ": ", "- ", "|", "no", "\r", "\u{fffe}", "🙂",
    ]);
    prop::collection::vec(piece, 0..max_pieces).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(proptest_cases(64))]

    /// The bound the limits rest on is a real bound: no record, whatever
    /// its text, is written larger than `file_bound` says.
    #[test]
    fn no_record_is_written_larger_than_its_bound(
        texts in prop::collection::vec(awkward_text(300), 24),
        questions in 1usize..12,
    ) {
        let mut r = store::testing::sample_record(questions, 0);
        let mut t = texts.into_iter();
        let mut next = || t.next().unwrap_or_default();
        r.candidate = next();
        r.role = next();
        r.interviewer = next();
        r.bank.name = next();
        r.bank.source = next();
        r.variables.insert(next(), next());
        r.rating_scale.push(next());
        r.scratch = next();
        r.summary = next();
        r.pauses[0].reason = Some(next());
        r.sections[0].title = next();
        r.sections[0].id = next();
        for i in 0..questions {
            let q = r.question_mut(i).unwrap();
            q.notes = next();
            if i == 0 {
                q.ask = next();
                q.listen_for = Some(next());
                q.follow_ups.push(next());
                q.tags.push(next());
                q.rating = Some(next());
            }
        }
        let written = store::to_yaml(&r).unwrap().len() as u64;
        prop_assert!(
            written <= limits::file_bound(&r),
            "{written} bytes written, bound {}",
            limits::file_bound(&r)
        );
    }
}

#[test]
fn the_costliest_text_stays_within_its_bound() {
    // Every question's notes, the scratch and the summary made of lines of
    // one character: seven bytes in the file for each byte typed, no more.
    let mut r = store::testing::sample_record(40, 0);
    let text = costly_text(20_000);
    for i in 0..40 {
        r.question_mut(i).unwrap().notes = text.clone();
    }
    r.question_mut(0).unwrap().follow_ups = vec![text.clone(); 3];
    r.scratch = text.clone();
    r.summary = "\u{1}".repeat(20_000);
    let written = store::to_yaml(&r).unwrap().len() as u64;
    let bound = limits::file_bound(&r);
    assert!(written <= bound, "{written} > {bound}");
    // Tight enough to mean something: within a fifth of what is written.
    assert!(bound - written < written / 3, "{written} vs {bound}");
}

/// What an interviewer does, for the property test below.
#[derive(Debug, Clone)]
enum Act {
    /// Types this, a key at a time.
    Type(String),
    /// Pastes this many bytes of the costliest text.
    Paste(usize),
    /// Presses a key.
    Key(KeyCode, KeyModifiers),
    /// Lets this many seconds pass.
    Wait(u64),
    /// Quits, and resumes after this many seconds.
    Reopen(u64),
    /// Opens the finish form, types a summary draft, and goes back.
    Draft(String),
}

/// What an interviewer does, at a limit of `limit` bytes of typed text.
fn act(limit: usize) -> impl Strategy<Value = Act> {
    let none = KeyModifiers::NONE;
    let ctrl = KeyModifiers::CONTROL;
    let alt = KeyModifiers::ALT;
    let keys = prop::sample::select(vec![
        (KeyCode::PageDown, none),
        (KeyCode::PageUp, none),
        (KeyCode::F(5), none),
        (KeyCode::Tab, none),
        (KeyCode::Enter, none),
        (KeyCode::Backspace, none),
        (KeyCode::Char('3'), alt),
        (KeyCode::Char('a'), alt),
        (KeyCode::Char('s'), alt),
        (KeyCode::Char('t'), alt),
        (KeyCode::Char('k'), ctrl),
        (KeyCode::Char('y'), ctrl),
        (KeyCode::Char('u'), ctrl),
        (KeyCode::Char('r'), ctrl),
    ]);
    let secs = prop::sample::select(vec![1, 59, 600, 3 * DAY, 8 * DAY, 40 * DAY, 400 * DAY]);
    prop_oneof![
        4 => "[a-z \n]{0,12}".prop_map(Act::Type),
        4 => keys.prop_map(|(code, m)| Act::Key(code, m)),
        2 => secs.clone().prop_map(Act::Wait),
        2 => secs.prop_map(Act::Reopen),
        1 => "[a-z ]{0,8}".prop_map(Act::Draft),
        // A few of the middle size fill the notes up to the limit.
        1 => prop::sample::select(vec![100, limit / 4, limit + 1]).prop_map(Act::Paste),
    ]
}

/// Any sequence of what an interviewer does — long pauses, resumes months
/// later, pastes too big to keep — leaves a file that loads, lists and
/// resumes, holding exactly what was on screen.
#[test]
fn any_sequence_of_actions_leaves_a_file_that_loads() {
    if rerun_at_small_text_limit() {
        return;
    }
    let limit = limits::max_text_bytes();
    let mut config = proptest_cases(32);
    // Where proptest! would say the test is, for its regressions file.
    config.source_file = Some(file!());
    let mut runner = proptest::test_runner::TestRunner::new(config);
    let acts = prop::collection::vec(act(limit), 1..24);
    if let Err(e) = runner.run(&acts, |acts| sequence_leaves_a_file_that_loads(acts, limit)) {
        panic!("{e}\n{runner}");
    }
}

fn sequence_leaves_a_file_that_loads(acts: Vec<Act>, limit: usize) -> Result<(), TestCaseError> {
    {
        let dir = tempfile::tempdir().unwrap();
        let mut now = start_time();
        let mut app = interview_app(dir.path(), now);
        let path = app.interview_path().unwrap();
        for a in acts {
            now = later(now, 1);
            match a {
                Act::Type(text) => type_text(&mut app, &text, now),
                Act::Paste(len) => {
                    app.handle(Event::Paste(costly_text(len)), now);
                }
                Act::Key(code, m) => {
                    app.handle(chord(code, m), now);
                }
                Act::Wait(secs) => {
                    now = later(now, secs);
                    app.on_event(phonescreen::tui::event::Event::Tick, now);
                    app.persist(now);
                }
                Act::Reopen(secs) => {
                    quit(app, now);
                    prop_assert!(store::load(&path).is_ok(), "{:?}", store::load(&path).err());
                    now = later(now, secs);
                    app = resume_app(dir.path(), &path, now);
                }
                Act::Draft(text) => {
                    app.handle(key(KeyCode::F(10)), now);
                    type_text(&mut app, &text, now);
                    app.handle(key(KeyCode::Esc), now);
                }
            }
            let typed = limits::typed_bytes(app.interview_screen().unwrap().interview().record());
            prop_assert!(typed <= limit, "{typed} bytes typed");
        }
        now = later(now, 1);
        app.handle(chord(KeyCode::Char('q'), KeyModifiers::CONTROL), now);
        app.handle(chord(KeyCode::Char('q'), KeyModifiers::CONTROL), now);
        let on_screen = app.interview_screen().unwrap().interview().record().clone();
        app.app.close();
        let size = std::fs::metadata(&path).unwrap().len();
        prop_assert!(size <= limits::file_bound(&on_screen), "{size} bytes");
        let listing = store::list(&sessions(dir.path()));
        prop_assert!(listing.problems.is_empty(), "{:?}", listing.problems);
        let mut saved = store::load(&path).unwrap();
        // The saver numbers the changes it writes; the screen does not.
        saved.revision = on_screen.revision;
        prop_assert!(
            saved == on_screen,
            "the file differs from the screen:\n{}",
            differences(&saved, &on_screen)
        );
        prop_assert!(store::newest_resumable(&sessions(dir.path())).is_some());
    }
    Ok(())
}

/// The fields in which two records differ, briefly (notes can be megabytes).
fn differences(a: &Record, b: &Record) -> String {
    let short = |v: serde_json::Value| {
        let text = v.to_string();
        if text.len() > 200 {
            format!("{}… ({} bytes)", &text[..200], text.len())
        } else {
            text
        }
    };
    let (a, b) = (
        serde_json::to_value(a).unwrap(),
        serde_json::to_value(b).unwrap(),
    );
    let mut out = String::new();
    for (key, va) in a.as_object().unwrap() {
        let vb = &b[key];
        if va != vb {
            out += &format!(
                "{key}: file {} / screen {}\n",
                short(va.clone()),
                short(vb.clone())
            );
        }
    }
    out
}

#[test]
fn a_crash_at_the_limit_loses_nothing() {
    // Each change is in the crash journal before it is on screen, as a JSON
    // line holding the notes: a control character takes six bytes there.
    // At the limit, that line must still be read back whole.
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("a.yaml");
    let file = store::testing::sample_record(3, 0);
    store::write_record(&path, &file).unwrap();
    let mut on_screen = file.clone();
    on_screen.scratch.clear();
    on_screen.question_mut(0).unwrap().notes = "\u{1}".repeat(MAX_TEXT_BYTES);
    let mut journal = store::journal::JournalWriter::create(&path).unwrap();
    journal
        .append(&store::journal::Entry::of(&on_screen, 1, [0]))
        .unwrap();
    // The process dies here; the next read brings the journal in.
    let loaded = store::load(&path).unwrap();
    assert!(loaded.question(0).unwrap().1.notes == on_screen.question(0).unwrap().1.notes);
}

#[test]
fn an_older_file_with_more_text_than_the_limit_still_opens() {
    // Written before the limit existed: read and resumed all the same, and
    // only adding to it is refused.
    if rerun_at_small_text_limit() {
        return;
    }
    let limit = limits::max_text_bytes();
    let dir = tempfile::tempdir().unwrap();
    let sessions = sessions(dir.path());
    std::fs::create_dir_all(&sessions).unwrap();
    let path = sessions.join("20250304-101500-ada.yaml");
    let mut old = store::testing::sample_record(3, 0);
    old.question_mut(old.current_question).unwrap().notes = "y".repeat(limit + 1000);
    store::write_record(&path, &old).unwrap();
    let now = start_time();
    let mut app = resume_app(dir.path(), &path, now);
    type_text(&mut app, "more", later(now, 1));
    let screen = app.interview_screen().unwrap();
    assert!(screen.notes_text().len() == limit + 1000);
    let used = format!("({} used)", size_words((limit + 1000) as u64));
    assert!(
        screen
            .notices()
            .iter()
            .any(|n| n.contains(&used) && n.starts_with("Nothing inserted")),
        "{:?}",
        screen.notices()
    );
    // Taking some out is always possible.
    app.handle(key(KeyCode::Backspace), later(now, 2));
    quit(app, later(now, 3));
    let r = only_interview(dir.path());
    assert_eq!(
        r.question(r.current_question).unwrap().1.notes.len(),
        limit + 999
    );
}

#[test]
fn amending_a_finished_interview_never_takes_it_past_the_limit() {
    if rerun_at_small_text_limit() {
        return;
    }
    let limit = limits::max_text_bytes();
    let dir = tempfile::tempdir().unwrap();
    let sessions = sessions(dir.path());
    std::fs::create_dir_all(&sessions).unwrap();
    let mut done = store::testing::sample_record(3, 10);
    done.status = phonescreen::interview::Status::Completed;
    done.ended_at = Some(done.updated_at);
    done.recommendation = Some(phonescreen::interview::Recommendation::Yes);
    let path = sessions.join("20250304-101500-ada.yaml");
    store::write_record(&path, &done).unwrap();
    let now = start_time();
    let mut app = review_app(dir.path(), "");
    app.handle(key(KeyCode::Enter), now);
    app.wait_for(|a| matches!(a, phonescreen::tui::event::Event::Opened(..)));
    app.handle(chord(KeyCode::Char('e'), KeyModifiers::CONTROL), now);
    app.wait_for(|a| matches!(a, phonescreen::tui::event::Event::AmendReady(..)));
    assert!(app.is_amending());
    app.handle(key(KeyCode::Tab), now);
    app.handle(Event::Paste("y".repeat(limit)), now);
    let screen = screen_text(&render(&app, 120, 40, now));
    let refused = format!("Nothing inserted: {} more", size_words(limit as u64));
    assert!(screen.contains(&refused), "{screen}");
    app.handle(Event::Paste(" amended".into()), now);
    app.handle(chord(KeyCode::Char('s'), KeyModifiers::CONTROL), now);
    assert!(!app.is_amending());
    let r = store::load(&path).unwrap();
    assert!(r.question(0).unwrap().1.notes.ends_with(" amended"));
    assert!(limits::typed_bytes(&r) < 1000);
}
