//! Locks the kernel releases and files nobody can subvert: a lock left by a
//! dead process (its pid now someone else's) never hides an interview, and a
//! link planted where phonescreen writes is never followed.

use crate::support;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};

use chrono::DateTime;
use phonescreen::store::{self, SessionLock, testing::sample_record};

fn new_session(dir: &Path, candidate: &str) -> PathBuf {
    let started = DateTime::parse_from_rfc3339("2025-03-04T10:15:00+01:00").unwrap();
    store::new_session_path(dir, started, candidate).unwrap()
}

/// A running process that is not phonescreen, as after a reboot when the
/// pid of a crashed phonescreen went to another program; killed on drop.
struct Sleeper(Child);

impl Sleeper {
    fn spawn() -> Self {
        Sleeper(Command::new("sleep").arg("30").spawn().unwrap())
    }

    fn pid(&self) -> u32 {
        self.0.id()
    }
}

impl Drop for Sleeper {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// An interrupted interview in `dir` whose lock file names `pid` the old
/// way: the pid written in it, no kernel lock held.
fn interrupted_with_stale_lock(dir: &Path, pid: u32) -> PathBuf {
    let path = new_session(dir, "Ada");
    store::write_record(&path, &sample_record(3, 10)).unwrap();
    fs::write(store::lock_path(&path), format!("{pid}\n")).unwrap();
    path
}

/// Whether the launcher on `root` (data in `root/data`) offers to resume.
fn launcher_offers_resume(root: &Path) -> bool {
    let app = support::launcher_app(root, &phonescreen::interview::Setup::default());
    let terminal = support::render(&app, 100, 30, support::start_time());
    let text: String = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|cell| cell.symbol())
        .collect();
    text.contains("Interrupted interview") && text.contains("Ada Lovelace-Müller")
}

#[test]
fn a_stale_lock_whose_pid_was_reused_does_not_hide_the_interview() {
    let tmp = tempfile::tempdir().unwrap();
    let sessions = tmp.path().join("data/sessions");
    // After a reboot the crashed phonescreen's pid went to another program.
    let sleeper = Sleeper::spawn();
    let path = interrupted_with_stale_lock(&sessions, sleeper.pid());
    assert_eq!(store::is_locked_by_live_process(&path), None);
    assert_eq!(
        store::newest_resumable(&sessions).map(|s| s.path),
        Some(path.clone())
    );
    assert!(launcher_offers_resume(tmp.path()));
    let resumed = store::session::resume(
        &path,
        &sessions,
        support::start_time(),
        std::sync::Arc::new(|| {}),
    )
    .expect("a stale lock is taken over");
    assert_eq!(
        fs::read_to_string(store::lock_path(&path)).unwrap(),
        format!("{}\n", std::process::id())
    );
    // While it is open here, it is not offered elsewhere.
    assert_eq!(store::newest_resumable(&sessions), None);
    assert!(!launcher_offers_resume(tmp.path()));
    resumed.session.close();
    drop(sleeper);
}

#[test]
fn a_zombie_does_not_hold_a_lock() {
    let tmp = tempfile::tempdir().unwrap();
    let mut child = Command::new("true").spawn().unwrap();
    let pid = child.id();
    // Wait for it to exit without reaping it: it stays a zombie.
    // SAFETY: waitid fills `info`; WNOWAIT leaves the child waitable.
    let waited = unsafe {
        let mut info: libc::siginfo_t = std::mem::zeroed();
        libc::waitid(
            libc::P_PID,
            pid as libc::id_t,
            &mut info,
            libc::WEXITED | libc::WNOWAIT,
        )
    };
    assert_eq!(waited, 0);
    let sessions = tmp.path().join("data/sessions");
    let path = interrupted_with_stale_lock(&sessions, pid);
    assert_eq!(store::is_locked_by_live_process(&path), None);
    assert_eq!(
        store::newest_resumable(&sessions).map(|s| s.path),
        Some(path.clone())
    );
    assert!(launcher_offers_resume(tmp.path()));
    assert!(SessionLock::acquire(&path).is_ok());
    child.wait().unwrap();
}

#[test]
fn a_dangling_link_at_the_lock_says_what_it_is() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("20250304-101500-ada.yaml");
    std::os::unix::fs::symlink("nowhere", store::lock_path(&path)).unwrap();
    let err = SessionLock::acquire(&path).unwrap_err().to_string();
    assert!(err.contains("symbolic link"), "{err}");
    assert!(!tmp.path().join("nowhere").exists());
}

/// The interview screen as drawn, as text.
fn screen_text(app: &phonescreen::tui::app::App) -> String {
    let terminal = support::render(app, 80, 24, support::start_time());
    let buffer = terminal.backend().buffer();
    let width = usize::from(buffer.area.width);
    let symbols: Vec<&str> = buffer.content().iter().map(|c| c.symbol()).collect();
    symbols
        .chunks(width)
        .map(|row| row.concat().trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_new_interview_that_cannot_take_its_lock_says_so_on_screen() {
    let tmp = tempfile::tempdir().unwrap();
    let sessions = tmp.path().join("data/sessions");
    fs::create_dir_all(tmp.path().join("data")).unwrap();
    fs::write(&sessions, "in the way").unwrap();
    let now = support::start_time();
    let mut app = support::interview_app(tmp.path(), now);
    let path = app.interview_path().unwrap();
    let screen = app.interview_screen().unwrap();
    assert!(screen.lock_problem().is_some());
    assert!(
        screen_text(&app).contains("NOT SAVED"),
        "NOT SAVED says why first"
    );

    // The folder is fixed, but a link now stands at the lock's name.
    fs::remove_file(&sessions).unwrap();
    fs::create_dir(&sessions).unwrap();
    std::os::unix::fs::symlink("nowhere", store::lock_path(&path)).unwrap();
    app.save_and_wait(now);
    let text = screen_text(&app);
    let joined = text.replace('\n', " ");
    assert!(!text.contains("NOT SAVED"), "{text}");
    assert!(
        text.contains("NOT LOCKED against a second phonescreen: the lock file"),
        "{text}"
    );
    assert!(
        joined.contains("is a symbolic link to nowhere, which does not exist"),
        "{text}"
    );
    assert!(
        joined.contains("remove it if you did not put it there"),
        "the fix shows: {text}"
    );

    // Once the link is gone, the lock is taken and the line goes.
    fs::remove_file(store::lock_path(&path)).unwrap();
    support::type_text(&mut app, "x", support::later(now, 2));
    assert!(app.interview_screen().unwrap().lock_problem().is_none());
    assert!(!screen_text(&app).contains("NOT LOCKED"));
    assert_eq!(
        store::is_locked_by_live_process(&path),
        Some(std::process::id())
    );
}

fn quit(app: &mut support::TestApp, now: phonescreen::interview::Now) {
    use crossterm::event::{KeyCode, KeyModifiers};
    let ctrl_q = support::chord(KeyCode::Char('q'), KeyModifiers::CONTROL);
    app.handle(ctrl_q.clone(), now);
    app.handle(ctrl_q, now);
    assert!(app.exit().is_some());
}

/// The interview printed after the goodbye, read back as a saved file would be.
fn printed(farewell: &str) -> phonescreen::interview::Record {
    let (_, text) = farewell
        .split_once("\n\n")
        .unwrap_or_else(|| panic!("nothing printed: {farewell}"));
    let end = text.find(store::END_MARKER).expect("printed whole") + store::END_MARKER.len();
    let text = &text[..end];
    phonescreen::yaml::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

#[test]
fn nothing_saved_at_exit_prints_every_note_as_a_last_resort() {
    let tmp = tempfile::tempdir().unwrap();
    fs::create_dir_all(tmp.path().join("data")).unwrap();
    fs::write(tmp.path().join("data/sessions"), "in the way").unwrap();
    let now = support::start_time();
    let mut app = support::interview_app(tmp.path(), now);
    support::type_text(&mut app, "the only copy of these notes", now);
    quit(&mut app, now);
    let farewell = app.app.close().unwrap();
    assert!(
        farewell.starts_with("The interview could NOT be saved, so here it is whole"),
        "{farewell}"
    );
    // What to do comes last, where the terminal shows it.
    let (_, last) = farewell.rsplit_once("\n\n").unwrap();
    assert!(
        last.starts_with("The interview above could NOT be saved: cannot write"),
        "{last}"
    );
    assert!(
        last.ends_with(
            "\nNothing of it is on disk.\nCopy it into a file, and carry on with `phonescreen resume FILE`."
        ),
        "{last}"
    );
    let record = printed(&farewell);
    assert_eq!(
        record.question(0).unwrap().1.notes,
        "the only copy of these notes"
    );
    assert_eq!(record.candidate, "Ada Lovelace");
}

#[test]
fn an_older_file_at_exit_is_named_and_the_newest_notes_printed() {
    let tmp = tempfile::tempdir().unwrap();
    let now = support::start_time();
    let mut app = support::interview_app(tmp.path(), now);
    support::type_text(&mut app, "saved", now);
    app.save_and_wait(now);
    let path = app.interview_path().unwrap();
    // The folder goes away with its journal (an unmounted disk).
    let sessions = tmp.path().join("data/sessions");
    fs::rename(&sessions, tmp.path().join("data/away")).unwrap();
    fs::write(&sessions, "in the way").unwrap();
    support::type_text(&mut app, ", then not", now);
    quit(&mut app, now);
    let farewell = app.app.close().unwrap();
    assert!(
        farewell.contains(&format!(
            "\n{} holds an older version, without the latest notes.\n",
            path.display()
        )),
        "{farewell}"
    );
    assert_eq!(
        printed(&farewell).question(0).unwrap().1.notes,
        "saved, then not"
    );
}

#[test]
fn the_crash_journal_at_exit_is_named_and_nothing_printed() {
    let tmp = tempfile::tempdir().unwrap();
    let now = support::start_time();
    let mut app = support::interview_app(tmp.path(), now);
    support::type_text(&mut app, "saved", now);
    app.save_and_wait(now);
    let path = app.interview_path().unwrap();
    // The file's name taken by a folder: the file cannot be replaced, but
    // the journal beside it still takes every change.
    fs::remove_file(&path).unwrap();
    fs::create_dir(&path).unwrap();
    fs::write(path.join("keep"), "").unwrap();
    support::type_text(&mut app, " and journaled", now);
    quit(&mut app, now);
    let farewell = app.app.close().unwrap();
    let journal = store::journal::journal_path(&path);
    assert!(
        farewell.starts_with("The interview file could not be written: cannot replace"),
        "{farewell}"
    );
    assert!(
        farewell.contains(&format!(
            "Every note is in its crash journal {}",
            journal.display()
        )),
        "{farewell}"
    );
    assert!(!farewell.contains("\n\n"), "nothing printed: {farewell}");
    let entry = store::journal::read_latest(&path).unwrap();
    assert_eq!(entry.questions[0].notes, "saved and journaled");
}

/// Plants a symbolic link to `target` at `at`.
fn plant(target: &Path, at: &Path) {
    std::os::unix::fs::symlink(target, at).unwrap();
}

fn is_link(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

#[test]
fn links_planted_at_every_path_phonescreen_creates_are_never_followed() {
    use phonescreen::store::{LockError, RescuePlaces, Saver, journal::journal_path};
    use std::sync::Arc;
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let victim = root.join("victim.txt");
    fs::write(&victim, "keep").unwrap();
    let victim_dir = root.join("victim-dir");
    fs::create_dir(&victim_dir).unwrap();
    let sessions = root.join("data/sessions");
    phonescreen::paths::create_private_dir(&sessions).unwrap();

    // In the sessions folder: the interview file, its temp file at the name
    // older phonescreens used (the new names cannot be guessed), its journal
    // and its lock.
    let path = sessions.join("20261121-100000-ada-lovelace.yaml");
    let old_temp = sessions.join(format!(
        ".20261121-100000-ada-lovelace.yaml.tmp-{}",
        std::process::id()
    ));
    let journal = journal_path(&path);
    let lock = store::lock_path(&path);
    for at in [&path, &old_temp, &journal, &lock] {
        plant(&victim, at);
    }
    let err = SessionLock::acquire(&path).unwrap_err();
    assert!(matches!(err, LockError::NotAFile { .. }), "{err}");
    let mut record = sample_record(3, 10);
    let mut saver = Saver::new(&path, Arc::new(|| {}));
    let t0 = std::time::Instant::now();
    saver.start(&record, t0).unwrap();
    assert!(fs::symlink_metadata(&path).unwrap().is_file(), "replaced");
    record.scratch.push_str("a change for the journal");
    let err = saver.save(&record, &[], t0).unwrap_err();
    assert_eq!(err.path, journal);
    assert!(err.to_string().contains("symbolic link"), "{err}");
    saver.flush_and_wait(&record, t0).unwrap();
    saver.close();

    // Rescue folders: one is a link to another folder, one has a link at the
    // copy's lock, one links at the copy and its journal.
    let data_rescue = root.join("data/rescue");
    plant(&victim_dir, &data_rescue);
    let locked = root.join("locked/phonescreen-rescue");
    let linked = root.join("home/phonescreen-rescue");
    for dir in [&locked, &linked] {
        phonescreen::paths::create_private_dir(dir).unwrap();
    }
    let bank = phonescreen::bank::builtin().unwrap();
    let broken = root.join("broken");
    fs::write(&broken, "").unwrap();
    let now = support::start_time();
    let (mut interview, mut session) =
        store::session::start(&broken, &bank, &support::ada(), now, Arc::new(|| {}));
    let name = session.path().file_name().unwrap().to_owned();
    plant(&victim, &store::lock_path(&locked.join(&name)));
    plant(&victim, &linked.join(&name));
    plant(&victim, &journal_path(&linked.join(&name)));
    session.set_rescue_places(RescuePlaces::with(
        vec![data_rescue.clone(), locked.clone(), linked.clone()],
        None,
    ));
    interview.set_notes("rescued".into(), now.instant);
    let rescued = session.save_elsewhere(&mut interview, now).unwrap();
    assert_eq!(rescued, linked.join(&name));
    assert!(
        fs::symlink_metadata(&rescued).unwrap().is_file(),
        "replaced"
    );
    assert_eq!(
        store::load(&rescued).unwrap().question(0).unwrap().1.notes,
        "rescued"
    );
    session.close();

    assert_eq!(fs::read_to_string(&victim).unwrap(), "keep");
    assert_eq!(fs::read_dir(&victim_dir).unwrap().count(), 0);
    for link in [
        &old_temp,
        &journal,
        &lock,
        &data_rescue,
        &store::lock_path(&locked.join(&name)),
        &journal_path(&rescued),
    ] {
        assert!(
            is_link(link),
            "{} is still the planted link",
            link.display()
        );
    }
}

#[test]
fn tidy_clears_lock_files_nobody_holds_and_leaves_held_ones() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let sleeper = Sleeper::spawn();
    let crashed = interrupted_with_stale_lock(dir, sleeper.pid());
    let open = dir.join("20250304-101500-open.yaml");
    store::write_record(&open, &sample_record(3, 10)).unwrap();
    let held = SessionLock::acquire(&open).unwrap();
    // A link at a lock's name is left for the person who made it.
    let linked = dir.join("20250304-101500-linked.lock");
    plant(&dir.join("nowhere"), &linked);
    let tidied = store::session::tidy(dir);
    assert_eq!(tidied.locks_removed, 1);
    assert!(!store::lock_path(&crashed).exists());
    assert!(held.path().exists());
    assert!(is_link(&linked));
    drop(held);
}
