//! Locks the kernel releases and files nobody can subvert: a lock left by a
//! dead process (its pid now someone else's) never hides an interview, and a
//! link planted where phonescreen writes is never followed.

mod support;

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

#[test]
fn a_stale_lock_whose_pid_was_reused_does_not_hide_the_interview() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let sleeper = Sleeper::spawn();
    let path = interrupted_with_stale_lock(dir, sleeper.pid());
    assert_eq!(store::is_locked_by_live_process(&path), None);
    assert_eq!(
        store::newest_resumable(dir).map(|s| s.path),
        Some(path.clone())
    );
    let lock = SessionLock::acquire(&path).expect("a stale lock is taken over");
    drop(lock);
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
    let path = interrupted_with_stale_lock(tmp.path(), pid);
    assert_eq!(store::is_locked_by_live_process(&path), None);
    assert_eq!(
        store::newest_resumable(tmp.path()).map(|s| s.path),
        Some(path.clone())
    );
    child.wait().unwrap();
}

#[test]
fn a_dangling_link_at_the_lock_says_what_it_is() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("20250304-101500-ada.yaml");
    std::os::unix::fs::symlink(tmp.path().join("nowhere"), store::lock_path(&path)).unwrap();
    let err = SessionLock::acquire(&path).unwrap_err().to_string();
    assert!(err.contains("symbolic link"), "{err}");
    assert!(!tmp.path().join("nowhere").exists());
}

#[test]
fn a_new_interview_that_cannot_take_its_lock_says_so_on_screen() {
    let tmp = tempfile::tempdir().unwrap();
    fs::create_dir_all(tmp.path().join("data")).unwrap();
    fs::write(tmp.path().join("data/sessions"), "in the way").unwrap();
    let app = support::interview_app(tmp.path(), support::start_time());
    let screen = app.interview_screen().unwrap();
    let notices = screen.notices().join("\n");
    assert!(
        notices.contains("Not locked, so another phonescreen could open this interview too: cannot lock interview"),
        "{notices}"
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
        farewell.starts_with("The interview could NOT be saved: cannot write"),
        "{farewell}"
    );
    assert!(
        farewell.contains("\nNothing of it is on disk.\n"),
        "{farewell}"
    );
    assert!(
        farewell.contains("copy it into a file, and carry on with `phonescreen resume FILE`"),
        "{farewell}"
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
