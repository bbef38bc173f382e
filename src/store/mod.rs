//! Saving and loading interviews so that no note is ever lost.
//!
//! The pieces, in the order the app uses them:
//!
//! - [`session::tidy`] at start, to clear temp files and bring in journals left by a crash;
//! - [`new_session_path`] to name a new interview file (`YYYYMMDD-HHMMSS-<slug>.yaml`);
//! - [`SessionLock`] so only one phonescreen writes an interview at a time;
//! - [`session`]: starting and resuming an interview (path, lock, saver, the
//!   time-away policy);
//! - [`Saver`], the durability policy: every change is appended to the
//!   [`journal`] before the screen shows it (a killed process loses nothing),
//!   and the interview file is rewritten and flushed to the disk by a
//!   background thread at most a second later (a power cut loses at most a
//!   second; the disk never delays a key);
//! - [`load`], [`list`], [`summarize`] and [`newest_resumable`] to read
//!   interviews back, never failing a whole listing because one file is damaged.
//!
//! Every file written here is readable by its owner alone (0600) and lives in
//! a folder only the owner can enter (0700): candidate data is personal data.

mod atomic;
mod error;
mod flusher;
pub mod journal;
mod listing;
mod lock;
mod naming;
mod saver;
pub mod session;
#[cfg(any(test, feature = "test-hooks"))]
#[doc(hidden)]
pub mod testing;
mod text;

pub use atomic::{sync_dir, write_atomic};
pub use error::Trouble;
pub use flusher::Notify;
pub use listing::{
    Files, Listing, LoadError, LoadProblem, SessionSummary, files, list, load, newest_resumable,
    sort_newest_first, summarize,
};
pub use lock::{LockError, SessionLock, is_locked_by_live_process, lock_path};
pub use naming::{new_session_path, session_file_name, session_id, slug};
pub use saver::{
    SYNC_INTERVAL, SaveError, SaveOp, SaveOutcome, Saver, WAIT_FOR_DISK, write_record,
};
pub use text::to_yaml;

/// The last line of every saved interview.
///
/// A file without it was cut short (a crash or a full disk in the middle of a
/// copy), even when what remains still parses; [`load`] refuses such a file
/// rather than silently showing a shortened interview.
pub const END_MARKER: &str = "# end of phonescreen interview";

/// Whether a process with this id exists.
///
/// Uses `kill(pid, 0)`: success or `EPERM` (it exists but belongs to someone
/// else) mean alive, `ESRCH` means gone. Any other answer counts as alive, so
/// that doubt never leads to deleting another process's files.
pub fn process_is_alive(pid: u32) -> bool {
    // 0 and values above i32::MAX would address process groups or every process.
    let Ok(raw) = libc::pid_t::try_from(pid) else {
        return false;
    };
    if raw <= 0 {
        return false;
    }
    // SAFETY: signal 0 performs only the existence and permission checks.
    if unsafe { libc::kill(raw, 0) } == 0 {
        return true;
    }
    std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn this_process_is_alive() {
        assert!(process_is_alive(std::process::id()));
    }

    #[test]
    fn a_reaped_child_is_not_alive() {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        assert!(!process_is_alive(pid));
    }

    #[test]
    fn ids_that_would_address_groups_are_never_alive() {
        assert!(!process_is_alive(0));
        assert!(!process_is_alive(u32::MAX));
        assert!(!process_is_alive(i32::MAX as u32 + 1));
    }
}
