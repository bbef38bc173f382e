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
