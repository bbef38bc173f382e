//! Scenario tests: key events into the app, then the saved file is read back.

use crate::support;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use phonescreen::config::Config;
use phonescreen::interview::Setup;
use phonescreen::interview::{QuestionState, Recommendation, Status};
use phonescreen::store;
use phonescreen::tui::app::{App, Mailbox, Step};
use phonescreen::tui::theme::Theme;
use support::*;

fn only_session(dir: &std::path::Path) -> phonescreen::interview::Record {
    let listing = store::list(&dir.join("data/sessions"));
    assert!(listing.problems.is_empty(), "{:?}", listing.problems);
    assert_eq!(listing.sessions.len(), 1);
    store::load(&listing.sessions[0].path).unwrap()
}

#[test]
fn launcher_to_finish_saves_everything_typed() {
    let dir = tempfile::tempdir().unwrap();
    let now = start_time();
    let mut app = launcher_app(dir.path(), &Setup::default());
    // Candidate, Enter, role, Enter, interviewer, Enter, bank, Enter, company.
    type_text(
        &mut app,
        "Ada Lovelace\nBackend engineer\nGrace\n\nAcme",
        now,
    );
    app.handle(chord(KeyCode::Char('s'), KeyModifiers::CONTROL), now);
    assert!(app.interview_screen().is_some(), "the interview starts");
    // The candidate is on the line: Esc c starts the call, and the timer.
    app.handle(key(KeyCode::Esc), now);
    app.handle(key(KeyCode::Char('c')), now);

    // Notes on the first question; "q", "s" and digits are typed, not commands.
    type_text(
        &mut app,
        "Built a queue; 3 services, quick wins.\nEnjoyed profiling",
        later(now, 70),
    );
    app.handle(key(KeyCode::PageDown), later(now, 300));
    type_text(&mut app, "Knows Acme's product", later(now, 320));
    app.handle(
        Event::Paste("\r\nPasted: reads our blog".into()),
        later(now, 330),
    );
    app.handle(
        chord(KeyCode::Char('3'), KeyModifiers::ALT),
        later(now, 340),
    );
    app.handle(key(KeyCode::PageDown), later(now, 400));
    app.handle(key(KeyCode::Esc), later(now, 401));
    app.handle(key(KeyCode::Char('s')), later(now, 402));
    // Pause for a minute.
    app.handle(key(KeyCode::F(5)), later(now, 410));
    app.handle(key(KeyCode::F(5)), later(now, 470));
    // Scratch note.
    app.handle(key(KeyCode::Tab), later(now, 480));
    type_text(&mut app, "Call dropped once", later(now, 481));
    app.handle(key(KeyCode::Tab), later(now, 490));

    // The file matches the screen before finishing.
    let draft = only_session(dir.path());
    assert_eq!(draft.status, Status::InProgress);
    let q = |r: &phonescreen::interview::Record, i: usize| r.question(i).unwrap().1.clone();
    assert_eq!(
        q(&draft, 0).notes,
        "Built a queue; 3 services, quick wins.\nEnjoyed profiling"
    );

    app.handle(key(KeyCode::F(10)), later(now, 1700));
    app.handle(key(KeyCode::Char('4')), later(now, 1701));
    type_text(&mut app, "Hire: strong systems sense.", later(now, 1702));
    app.handle(
        chord(KeyCode::Char('s'), KeyModifiers::CONTROL),
        later(now, 1710),
    );
    assert!(app.is_done());

    let r = only_session(dir.path());
    assert_eq!(r.status, Status::Completed);
    assert_eq!(r.candidate, "Ada Lovelace");
    assert_eq!(r.role, "Backend engineer");
    assert_eq!(r.interviewer, "Grace");
    assert_eq!(r.variables["company"], "Acme");
    assert_eq!(r.recommendation, Some(Recommendation::StrongYes));
    assert_eq!(r.summary, "Hire: strong systems sense.");
    assert_eq!(r.scratch, "Call dropped once");
    let first = q(&r, 0);
    assert_eq!(first.state, QuestionState::Asked);
    assert_eq!(first.first_note_seconds, Some(70));
    let second = q(&r, 1);
    assert_eq!(second.ask, "Why Acme?");
    assert_eq!(second.notes, "Knows Acme's product\nPasted: reads our blog");
    assert_eq!(second.rating.as_deref(), Some("Yes"));
    assert_eq!(q(&r, 2).state, QuestionState::Skipped);
    assert_eq!(q(&r, 3).state, QuestionState::NotReached);
    assert_eq!(r.pauses.len(), 1);
    assert_eq!(r.paused_seconds, 60);
    assert_eq!(r.elapsed_seconds, 1710 - 60);
    assert_eq!(r.sections[0].spent_seconds, 400);
    assert!(r.ended_at.is_some());
    assert_eq!(r.bank.hash.len(), 64);

    // One key on the finished screen hands the scorecard to the clipboard,
    // and the screen stays until a key that is not a command.
    let effects = app.handle(key(KeyCode::Char('c')), later(now, 1720));
    let scorecard = effects.copy.expect("c copies");
    assert!(
        scorecard.starts_with("# Ada Lovelace — Backend engineer"),
        "{scorecard}"
    );
    assert!(scorecard.contains("**Recommendation:** Strong yes"));
    // Each typed line stays a line: two spaces end it, a Markdown line break.
    assert!(scorecard.contains("Knows Acme's product  \nPasted: reads our blog"));
    assert!(app.is_done() && app.exit().is_none());
    app.handle(key(KeyCode::Enter), later(now, 1721));
    assert!(app.exit().is_some());
}

#[test]
fn quit_asks_first_and_leaves_a_resumable_interview() {
    let dir = tempfile::tempdir().unwrap();
    let now = start_time();
    let mut app = interview_app(dir.path(), now);
    type_text(&mut app, "half an answer", later(now, 5));
    app.handle(
        chord(KeyCode::Char('c'), KeyModifiers::CONTROL),
        later(now, 6),
    );
    assert_eq!(app.exit(), None, "Ctrl+C asks before quitting");
    // Typing on is typed, every character, and the interview goes on.
    type_text(&mut app, "; yes", later(now, 7));
    assert_eq!(app.exit(), None);
    app.handle(
        chord(KeyCode::Char('q'), KeyModifiers::CONTROL),
        later(now, 9),
    );
    app.handle(key(KeyCode::Enter), later(now, 10));
    assert_eq!(app.exit(), None, "Enter stays");
    app.handle(
        chord(KeyCode::Char('q'), KeyModifiers::CONTROL),
        later(now, 11),
    );
    app.handle(
        chord(KeyCode::Char('q'), KeyModifiers::CONTROL),
        later(now, 12),
    );
    assert!(app.exit().is_some(), "the same chord again quits");
    let farewell = app.app.close().unwrap();
    assert!(farewell.contains("phonescreen resume"), "{farewell}");
    let r = only_session(dir.path());
    assert_eq!(r.status, Status::InProgress);
    assert_eq!(r.question(0).unwrap().1.notes, "half an answer; yes");
    let sessions = dir.path().join("data/sessions");
    let resumable = store::newest_resumable(&sessions);
    assert!(resumable.is_some(), "the lock is gone once the app is");
    assert!(
        !store::journal::journal_path(&resumable.unwrap().path).exists(),
        "a clean quit leaves no journal"
    );
}

#[test]
fn file_permissions_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let now = start_time();
    let mut app = interview_app(dir.path(), now);
    type_text(&mut app, "x", now);
    let sessions = dir.path().join("data/sessions");
    let mode = std::fs::metadata(&sessions).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700);
    for entry in std::fs::read_dir(&sessions).unwrap() {
        let path = entry.unwrap().path();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{}", path.display());
    }
}

#[test]
fn resume_brings_back_position_notes_and_time() {
    let dir = tempfile::tempdir().unwrap();
    let now = start_time();
    let mut app = interview_app(dir.path(), now);
    type_text(&mut app, "first", later(now, 10));
    app.handle(key(KeyCode::PageDown), later(now, 100));
    type_text(&mut app, "second", later(now, 110));
    let path = app.interview_path().unwrap();
    // A crash: nothing is closed, the journal stays behind.
    drop(app);

    // Back two minutes later: the call went on, so the gap counts.
    let back = later(now, 110 + 120);
    let mut app = resume_app(dir.path(), &path, back).unwrap();
    let live = app.interview_screen().unwrap();
    assert_eq!(live.interview().position(), 1);
    assert_eq!(live.notes_text(), "second");
    assert_eq!(
        live.interview().clock().elapsed(back.instant).as_secs(),
        230
    );
    assert!(
        live.notices()
            .iter()
            .any(|n| n.contains("counts as interview time")),
        "{:?}",
        live.notices()
    );
    // Esc t: the time away does not count after all.
    app.handle(key(KeyCode::Esc), back);
    app.handle(key(KeyCode::Char('t')), back);
    let live = app.interview_screen().unwrap();
    assert_eq!(
        live.interview().clock().elapsed(back.instant).as_secs(),
        110
    );
}

fn resume_app(
    dir: &std::path::Path,
    path: &std::path::Path,
    now: phonescreen::interview::Now,
) -> Result<App, String> {
    let (mailbox, _inbox) = Mailbox::detached();
    App::resume(
        paths(dir),
        Config::default(),
        Theme::default(),
        path,
        mailbox,
        now,
    )
    .map_err(|e| e.to_string())
}

#[test]
fn a_finished_interview_is_not_resumed() {
    let dir = tempfile::tempdir().unwrap();
    let now = start_time();
    let mut app = interview_app(dir.path(), now);
    app.handle(key(KeyCode::F(10)), now);
    app.handle(key(KeyCode::Char('5')), now);
    app.handle(chord(KeyCode::Char('s'), KeyModifiers::CONTROL), now);
    let path = app.interview_path().unwrap();
    app.app.close();
    let err = resume_app(dir.path(), &path, later(now, 60)).unwrap_err();
    assert!(err.contains("was finished"), "{err}");
    assert!(store::newest_resumable(&dir.path().join("data/sessions")).is_none());
}

/// Keys as a burst, the way a paste without bracketed paste arrives.
fn burst(text: &str) -> Vec<Step> {
    text.chars()
        .map(|c| {
            let (code, modifiers) = match c {
                '\r' => (KeyCode::Enter, KeyModifiers::NONE),
                '\n' => (KeyCode::Char('j'), KeyModifiers::CONTROL),
                '\t' => (KeyCode::Tab, KeyModifiers::NONE),
                c => (KeyCode::Char(c), KeyModifiers::NONE),
            };
            Step::Key(KeyEvent::new(code, modifiers), true)
        })
        .collect()
}

#[test]
fn a_burst_without_bracketed_paste_is_text_tabs_and_line_feeds_included() {
    let dir = tempfile::tempdir().unwrap();
    let now = start_time();
    let mut app = interview_app(dir.path(), now);
    app.apply(burst("first line\rsecond\tcolumn\nthird: q s 3"), || now);
    app.persist(now);
    let live = app.interview_screen().unwrap();
    assert_eq!(
        live.notes_text(),
        "first line\nsecond\tcolumn\nthird: q s 3"
    );
    assert_eq!(
        only_session(dir.path()).question(0).unwrap().1.notes,
        live.notes_text()
    );
    // A Tab pressed on its own is still the scratch note.
    app.apply(
        vec![Step::Key(
            KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE),
            false,
        )],
        || now,
    );
    type_text(&mut app, "scratch", now);
    assert_eq!(only_session(dir.path()).scratch, "scratch");
}

#[test]
fn commands_in_a_burst_still_work_and_the_rest_is_typed() {
    let dir = tempfile::tempdir().unwrap();
    let now = start_time();
    let mut app = interview_app(dir.path(), now);
    let mut steps = burst("note");
    steps.push(Step::Key(
        KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE),
        true,
    ));
    steps.extend(burst("3more"));
    app.apply(steps, || now);
    app.persist(now);
    let q = only_session(dir.path()).question(0).unwrap().1.clone();
    assert_eq!(q.rating.as_deref(), Some("Yes"), "Esc 3 rated the question");
    assert_eq!(q.notes, "notemore");
}

#[test]
fn an_escaped_dollar_brace_reaches_the_interview_as_text() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/banks/valid/literal-dollar-brace.yaml");
    let bank = phonescreen::bank::from_file(&path).expect("the fixture loads");
    let setup = Setup {
        candidate: "Ada".into(),
        role: "SRE".into(),
        ..Setup::default()
    };
    let interview = phonescreen::interview::Interview::start(
        &bank,
        &setup,
        std::time::Instant::now(),
        chrono::DateTime::parse_from_rfc3339("2026-01-05T10:00:00+01:00").unwrap(),
    );
    let q = interview.record().question(0).unwrap().1;
    assert_eq!(
        q.ask,
        "In a shell script, what does ${HOME} mean, and what is the Rust equivalent?"
    );
    assert_eq!(
        q.listen_for.as_deref(),
        Some("Knows ${VAR:-default} too. A `$` elsewhere ($5, $$) is just a dollar.")
    );
    assert_eq!(q.follow_ups, ["What about ${#VAR}?"]);
}

/// A saved interview of `candidate` that started at `started` (RFC 3339).
fn saved(dir: &std::path::Path, candidate: &str, started: &str, done: bool) -> std::path::PathBuf {
    let sessions = dir.join("data/sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    let mut r = store::testing::sample_record(2, 10);
    r.candidate = candidate.into();
    r.role = "Backend engineer".into();
    r.started_at = chrono::DateTime::parse_from_rfc3339(started).unwrap();
    r.status = if done {
        Status::Completed
    } else {
        Status::InProgress
    };
    let path = sessions.join(store::session_file_name(r.started_at, candidate));
    store::write_record(&path, &r).unwrap();
    path
}

/// With `retention: 180d`, the launcher says how many saved interviews are
/// older (from what its background listing read, against the clock it is
/// handed), and F8 offers to delete them: the question lists them, any
/// other answer keeps them, `y` then Enter deletes those and only those,
/// with their index entries; one open in another phonescreen is kept.
#[test]
fn the_launcher_offers_to_delete_interviews_older_than_the_retention() {
    let dir = tempfile::tempdir().unwrap();
    let now = start_time(); // 2026-11-21 10:00 +01:00: the cutoff is 2026-05-25 10:00.
    let old_ada = saved(dir.path(), "Old Ada", "2025-12-01T09:00:00+01:00", true);
    let old_grace = saved(dir.path(), "Old Grace", "2026-05-25T09:59:00+01:00", true);
    let old_linus = saved(dir.path(), "Old Linus", "2026-03-02T15:00:00+01:00", true);
    let recent = saved(
        dir.path(),
        "Recent Margaret",
        "2026-05-25T10:01:00+01:00",
        true,
    );
    let sessions = dir.path().join("data/sessions");
    phonescreen::review::Archive::refresh(&sessions, |_, _| {});
    let index =
        || std::fs::read_to_string(sessions.join(phonescreen::review::index::INDEX_FILE)).unwrap();
    assert!(index().contains("Old Ada"));

    // Without a retention: no line, and F8 says how to set one.
    let mut plain = launcher_app(dir.path(), &Setup::default());
    let text = screen_text(&render(&plain, 80, 24, now));
    assert!(!text.contains("retention"), "{text}");
    plain.handle(key(KeyCode::F(8)), now);
    let text = screen_text(&render(&plain, 80, 24, now));
    assert!(text.contains("No retention is set"), "{text}");
    assert!(!plain.app.mode_is_confirm_delete());

    let config = Config {
        retention: Some(phonescreen::cli::parse_age("180d").unwrap()),
        ..Config::default()
    };
    let mut app = launcher_app_with(dir.path(), &Setup::default(), config);
    let text = screen_text(&render(&app, 80, 24, now));
    assert!(
        text.contains(
            "  3 interviews are older than your retention (180d): Ctrl+D to delete them  "
        ),
        "{text}"
    );

    // Any other answer keeps them.
    app.handle(key(KeyCode::F(8)), now);
    assert!(app.app.mode_is_confirm_delete());
    insta::assert_snapshot!(
        "launcher_purge_question_80x24",
        render(&app, 80, 24, now).backend()
    );
    app.handle(key(KeyCode::Char('n')), now);
    assert!(!app.app.mode_is_confirm_delete());
    let text = screen_text(&render(&app, 80, 24, now));
    assert!(text.contains("Nothing was deleted"), "{text}");
    assert!(old_ada.exists() && old_grace.exists() && old_linus.exists());

    // Old Linus is open in another phonescreen: it is kept, and said so.
    let held = store::SessionLock::acquire(&old_linus).unwrap();
    std::fs::write(store::lock_path(&old_linus), "4242\n").unwrap();
    app.handle(key(KeyCode::F(8)), now);
    app.handle(key(KeyCode::Char('y')), now);
    assert!(old_ada.exists(), "y alone deletes nothing");
    app.handle(key(KeyCode::Enter), now);
    let text = screen_text(&render(&app, 80, 24, now));
    assert!(text.contains("Deleting 3 interviews older than"), "{text}");
    app.wait_for(|a| matches!(a, phonescreen::tui::event::Event::Purged(_)));
    drop(held);

    assert!(!old_ada.exists() && !old_grace.exists());
    assert!(old_linus.exists(), "open elsewhere: kept");
    assert!(recent.exists(), "a minute younger than the retention: kept");
    let index = index();
    assert!(
        !index.contains("Old Ada") && !index.contains("Old Grace"),
        "{index}"
    );
    assert!(index.contains("Recent Margaret"));
    let text = screen_text(&render(&app, 120, 40, now));
    assert!(
        text.contains(
            "Deleted 2 interviews (2 files); kept the interview of Old Linus: interview 20260302-150000-old-linus"
        ) && text.contains("another phonescreen (process 4242)"),
        "{text}"
    );
    assert!(text.contains("Saved interviews (2)"), "{text}");
    assert!(
        !text.contains("Old Ada") && !text.contains("Old Grace"),
        "{text}"
    );
    // The next key clears the notice; the one left is still counted.
    type_text(&mut app, "B", now);
    let text = screen_text(&render(&app, 120, 40, now));
    assert!(
        text.contains("1 interview is older than your retention (180d): Ctrl+D to delete it"),
        "{text}"
    );
}

/// The launcher's retention never lets a suspect start date (in the future
/// or before 2000) decide alone: such an interview counts by its file's
/// time, and the question says so beside it; one whose file cannot date it
/// either is left out, and the question says that too.
#[test]
fn the_launcher_dates_a_suspect_start_by_its_file_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let now = start_time(); // 2026-11-21 10:00 +01:00: the cutoff is 2026-05-25 10:00.
    let wall = |t: &str| -> std::time::SystemTime {
        chrono::DateTime::parse_from_rfc3339(t)
            .unwrap()
            .to_utc()
            .into()
    };
    let touch = |path: &std::path::Path, t: &str| {
        std::fs::File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(wall(t))
            .unwrap();
    };
    // Recorded at 1970, written last week: young by its file.
    let reset = saved(dir.path(), "Clock Reset", "1970-01-01T00:00:00+00:00", true);
    touch(&reset, "2026-11-14T10:00:00+01:00");
    // Recorded in 2999, written two years ago: old by its file.
    let ahead = saved(dir.path(), "Clock Ahead", "2999-01-01T00:00:00+00:00", true);
    touch(&ahead, "2024-11-21T10:00:00+01:00");
    // Recorded and written at 1970: nothing dates it.
    let both = saved(dir.path(), "Both Wrong", "1970-01-01T00:00:01+00:00", true);
    touch(&both, "1970-01-02T00:00:00+00:00");
    // An ordinary one a year and a half back: its start date.
    let ordinary = saved(dir.path(), "Ordinary", "2025-05-01T09:00:00+01:00", true);
    touch(&ordinary, "2025-05-01T10:00:00+01:00");

    let config = Config {
        retention: Some(phonescreen::cli::parse_age("180d").unwrap()),
        ..Config::default()
    };
    let mut app = launcher_app_with(dir.path(), &Setup::default(), config);
    let text = screen_text(&render(&app, 100, 30, now));
    assert!(
        text.contains("2 interviews are older than your retention (180d)"),
        "{text}"
    );
    app.handle(key(KeyCode::F(8)), now);
    let screen = screen_text(&render(&app, 100, 40, now));
    // The question's box alone, not the list behind it.
    let (top, left) = screen
        .lines()
        .enumerate()
        .find_map(|(y, l)| {
            let at = l.find("┌ Delete old interviews")?;
            Some((y, l[..at].chars().count()))
        })
        .unwrap_or_else(|| panic!("no question:\n{screen}"));
    let text: String = screen
        .lines()
        .skip(top)
        .map(|l| l.chars().skip(left).take(72).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(text.contains("Delete the 2 interviews"), "{text}");
    assert!(
        text.contains("Clock Ahead") && text.contains("Ordinary"),
        "{text}"
    );
    assert!(
        text.contains("start date 2999-01-01 is suspect; dated by its file,"),
        "{text}"
    );
    assert!(
        !text.contains("Clock Reset") && !text.contains("Both Wrong"),
        "{text}"
    );
    assert!(
        text.contains("Left out: 2 interviews with a start date in the"),
        "{text}"
    );
    app.handle(key(KeyCode::Char('y')), now);
    app.handle(key(KeyCode::Enter), now);
    app.wait_for(|a| matches!(a, phonescreen::tui::event::Event::Purged(_)));
    assert!(!ahead.exists() && !ordinary.exists());
    assert!(reset.exists() && both.exists());
}

#[test]
fn notes_typed_in_the_same_burst_as_a_question_change_are_kept() {
    // Keys read in one go (a fast typist over ssh, a text expander, a paste
    // then PgDn) are applied before the next save: the notes typed before
    // the move must not go with the editor that the move replaces.
    let dir = tempfile::tempdir().unwrap();
    let now = start_time();
    let mut app = interview_app(dir.path(), now);
    let mut steps = burst("on the first");
    steps.push(Step::Key(
        KeyEvent::new(KeyCode::PageDown, KeyModifiers::NONE),
        true,
    ));
    steps.extend(burst("on the second"));
    steps.push(Step::Key(
        KeyEvent::new(KeyCode::PageUp, KeyModifiers::NONE),
        true,
    ));
    app.apply(steps, || now);
    app.persist(now);
    assert_eq!(app.interview_screen().unwrap().notes_text(), "on the first");
    let r = only_session(dir.path());
    assert_eq!(r.question(0).unwrap().1.notes, "on the first");
    assert_eq!(r.question(1).unwrap().1.notes, "on the second");
    assert_eq!(r.question(1).unwrap().1.state, QuestionState::Asked);
}

#[test]
fn an_unbound_ctrl_chord_in_a_launcher_field_types_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let now = start_time();
    let mut app = launcher_app(dir.path(), &Setup::default());
    type_text(&mut app, "Ada", now);
    for c in ['b', 'd', 'k', 'x'] {
        app.handle(chord(KeyCode::Char(c), KeyModifiers::CONTROL), now);
    }
    app.handle(chord(KeyCode::Char('z'), KeyModifiers::ALT), now);
    type_text(&mut app, "\nSRE\nGrace\n\nAcme", now);
    app.handle(chord(KeyCode::Char('s'), KeyModifiers::CONTROL), now);
    let screen = app.interview_screen().expect("the interview starts");
    assert_eq!(screen.interview().record().candidate, "Ada");
}

/// The no-show question takes `y`, then Enter, each on its own; anything
/// else typed there goes back to the notes, the `y` too, and a burst or a
/// paste of "y" and a line break records nothing.
#[test]
fn the_no_show_question_never_swallows_typing() {
    let dir = tempfile::tempdir().unwrap();
    let now = start_time();
    let mut app = support::waiting_app(dir.path(), now);
    let ask = |app: &mut support::TestApp| {
        app.handle(key(KeyCode::Esc), now);
        app.handle(key(KeyCode::Char('x')), now);
        assert_eq!(
            app.mode(),
            phonescreen::tui::keymap::Mode::Interview(
                phonescreen::tui::keymap::InterviewMode::ConfirmNoShow
            )
        );
    };
    ask(&mut app);
    type_text(&mut app, "yes she is here", now);
    let live = app.interview_screen().unwrap();
    assert_eq!(live.notes_text(), "yes she is here");
    assert!(!live.interview().is_waiting(), "typing started the call");
    ask(&mut app);
    app.apply(burst("y\r"), || now);
    app.handle(Event::Paste("y\n".into()), now);
    let live = app.interview_screen().unwrap();
    assert_eq!(live.notes_text(), "yes she is herey\ny\n");
    assert_eq!(live.interview().record().status, Status::InProgress);
    // Asked again, Esc goes back and types nothing.
    ask(&mut app);
    app.handle(key(KeyCode::Esc), now);
    assert_eq!(
        app.mode(),
        phonescreen::tui::keymap::Mode::Interview(phonescreen::tui::keymap::InterviewMode::Typing)
    );
    // y, then Enter: the no-show, with the minute of call that happened.
    ask(&mut app);
    app.handle(key(KeyCode::Char('y')), later(now, 60));
    app.handle(key(KeyCode::Enter), later(now, 60));
    assert!(app.is_done());
    let r = only_session(dir.path());
    assert_eq!(r.status, Status::NoShow);
    assert_eq!(r.question(0).unwrap().1.notes, "yes she is herey\ny\n");
    assert_eq!(r.elapsed_seconds, 60);
}

#[test]
fn keys_rebound_in_config_yaml_work_and_show_in_the_footer_and_the_help() {
    let dir = tempfile::tempdir().unwrap();
    let now = start_time();
    let file = dir.path().join("config.yaml");
    std::fs::write(
        &file,
        "keys:\n  interview:\n    next_question: ctrl+n\n    help: [esc h, f1]\n",
    )
    .unwrap();
    let config = Config::load(&file).unwrap();
    let (mailbox, _inbox) = Mailbox::detached();
    let bank = phonescreen::bank::builtin().unwrap();
    let setup = Setup {
        candidate: "Ada Lovelace".into(),
        ..Setup::default()
    };
    let mut app = App::interview(
        paths(dir.path()),
        config,
        Theme::default(),
        &bank,
        &setup,
        mailbox,
        now,
    );
    let at = |app: &App| {
        app.interview_screen()
            .unwrap()
            .interview()
            .record()
            .current_question
    };
    app.handle(key(KeyCode::PageDown), now);
    assert_eq!(at(&app), 0, "PgDn is no longer the next question");
    app.handle(chord(KeyCode::Char('n'), KeyModifiers::CONTROL), now);
    assert_eq!(at(&app), 1, "Ctrl+N is");
    let text = screen_text(&render(&app, 120, 40, now));
    assert!(text.contains("^N/PgUp next/prev"), "{text}");
    assert!(text.contains("Esc h help"), "{text}");
    app.handle(key(KeyCode::Esc), now);
    app.handle(key(KeyCode::Char('h')), now);
    let text = screen_text(&render(&app, 120, 40, now));
    assert!(
        text.contains("Esc h  F1"),
        "the help names the new key:\n{text}"
    );
    assert!(text.contains("Ctrl+N / PgUp"), "{text}");
}

#[test]
fn a_key_after_text_that_closed_a_window_is_read_where_the_text_left_it() {
    let dir = tempfile::tempdir().unwrap();
    let now = start_time();
    let mut app = interview_app(dir.path(), now);
    let plain = |code| Step::Key(KeyEvent::new(code, KeyModifiers::NONE), false);
    // In the help, PgDn scrolls it; typing closes it and is typed. Both in
    // one read: the text goes in first, so PgDn is the next question.
    app.handle(key(KeyCode::F(1)), now);
    assert_eq!(
        app.mode(),
        phonescreen::tui::keymap::Mode::Interview(phonescreen::tui::keymap::InterviewMode::Help)
    );
    app.apply(
        vec![
            plain(KeyCode::Char('o')),
            plain(KeyCode::Char('k')),
            plain(KeyCode::PageDown),
        ],
        || now,
    );
    let record = app.interview_screen().unwrap().interview().record().clone();
    assert_eq!(record.current_question, 1);
    assert_eq!(record.question(0).unwrap().1.notes, "ok");
}

/// F10 twice: the finish form, then the interview finished — off the UI
/// thread. The form says it is saving and takes no keys until the flusher
/// reports the file on the disk; only then does the finished screen show.
#[test]
fn finishing_waits_for_the_disk_without_blocking_the_screen() {
    let dir = tempfile::tempdir().unwrap();
    let now = start_time();
    let mut app = interview_app(dir.path(), now);
    type_text(&mut app, "Strong answer", now);
    for code in [KeyCode::F(10), KeyCode::Char('4'), KeyCode::F(10)] {
        // App's own handle: no waiting for the disk here.
        app.app.handle(key(code), now);
    }
    assert!(app.is_saving() && !app.is_done());
    let text = screen_text(&render(&app, 120, 40, now));
    assert!(text.contains("Saving to the disk"), "{text}");
    // Keys wait too: nothing typed changes the finished interview.
    app.app.handle(key(KeyCode::Char('x')), now);
    while app.is_saving() {
        let event = app.inbox.recv().expect("the flusher reports");
        app.app.on_event(event, now);
        app.app.persist(now);
    }
    assert!(app.is_done());
    let record = only_session(dir.path());
    assert_eq!(record.status, Status::Completed);
    assert_eq!(record.recommendation, Some(Recommendation::StrongYes));
    assert_eq!(record.summary, "");
}

/// A disk that does not answer within ten seconds (of the app's clock):
/// the interview stays open, and the form says why.
#[test]
fn finishing_gives_up_on_a_disk_that_does_not_answer() {
    let dir = tempfile::tempdir().unwrap();
    let now = start_time();
    let mut app = interview_app(dir.path(), now);
    for code in [KeyCode::F(10), KeyCode::Char('3'), KeyCode::F(10)] {
        app.app.handle(key(code), now);
    }
    assert!(app.is_saving());
    // The flusher's reports are not handed over: to the app, it never answered.
    app.app
        .on_event(phonescreen::tui::event::Event::Tick, later(now, 9));
    assert!(app.is_saving(), "still waiting after nine seconds");
    app.app
        .on_event(phonescreen::tui::event::Event::Tick, later(now, 10));
    assert!(!app.is_saving() && !app.is_done());
    let text = screen_text(&render(&app, 120, 40, later(now, 10)));
    assert!(
        text.contains("Not saved: the disk did not answer within 10 seconds"),
        "{text}"
    );
}

/// Starting an interview takes the disk (the file is written at once): it
/// happens on the worker, and keys typed meanwhile wait for the interview
/// rather than landing on the launcher.
#[test]
fn keys_typed_while_an_interview_starts_go_to_it() {
    let dir = tempfile::tempdir().unwrap();
    let now = start_time();
    let mut app = launcher_app(dir.path(), &Setup::default());
    type_text(
        &mut app,
        "Ada Lovelace\nBackend engineer\nGrace\n\nAcme",
        now,
    );
    // App's own handle: nothing handed over from the worker yet.
    app.app
        .handle(chord(KeyCode::Char('s'), KeyModifiers::CONTROL), now);
    assert!(app.is_busy() && app.is_launcher(), "started on the worker");
    app.app.handle(key(KeyCode::Char('H')), now);
    app.app.handle(Event::Paste("i there".into()), now);
    app.settle(now);
    let screen = app.interview_screen().expect("the interview is on screen");
    assert_eq!(screen.notes_text(), "Hi there");
    assert!(
        !screen.interview().is_waiting(),
        "the first note started the call"
    );
}
