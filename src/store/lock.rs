//! One writer per interview: a `<id>.lock` file holding the writer's pid.

use std::fs;
use std::io::{self, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use super::error::describe;

/// The lock file of an interview: `<id>.lock` beside `<id>.yaml`.
pub fn lock_path(session_path: &Path) -> PathBuf {
    session_path.with_extension("lock")
}

/// Why an interview could not be locked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LockError {
    /// Another running phonescreen has the interview open.
    #[error("interview {id} is open in another phonescreen (process {pid}); close that one first")]
    Held {
        /// The interview id.
        id: String,
        /// The process holding the lock.
        pid: u32,
        /// The lock file.
        path: PathBuf,
    },
    /// The lock file could not be created or read.
    #[error("cannot lock interview {id}: cannot write {path}: {reason} — make the folder writable or open the interview elsewhere", path = .path.display())]
    Io {
        /// The interview id.
        id: String,
        /// The lock file.
        path: PathBuf,
        /// The operating system's reason, in words.
        reason: String,
    },
}

/// Proof that this process is the one writing an interview; dropping it
/// removes the lock file.
///
/// The lock is advisory: it keeps a second phonescreen (another tmux pane,
/// another ssh session) from writing the same interview. A lock left by a
/// process that no longer runs is taken over.
#[derive(Debug)]
pub struct SessionLock {
    path: PathBuf,
    pid: u32,
}

/// What a lock file says.
enum Holder {
    Nobody,
    Pid(u32),
    Garbage,
}

fn read_holder(path: &Path) -> io::Result<Holder> {
    match fs::read(path) {
        Ok(bytes) => Ok(std::str::from_utf8(&bytes)
            .ok()
            .and_then(|text| text.trim().parse::<u32>().ok())
            .filter(|&pid| pid > 0)
            .map_or(Holder::Garbage, Holder::Pid)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Holder::Nobody),
        Err(e) => Err(e),
    }
}

impl SessionLock {
    /// Locks the interview saved at `session_path` for this process.
    ///
    /// Creates `<id>.lock` (0600, with `O_CREAT|O_EXCL`) holding this
    /// process's id. If it exists and names another live process, the answer
    /// is [`LockError::Held`]; if it names a process that is gone, or cannot
    /// be read as a pid, it is taken over.
    pub fn acquire(session_path: &Path) -> Result<SessionLock, LockError> {
        Self::acquire_as(session_path, false)
    }

    /// Like [`acquire`](SessionLock::acquire), but a lock naming this very
    /// process counts as held: for work on other threads that must never
    /// touch an interview this process has open.
    pub fn acquire_unless_ours(session_path: &Path) -> Result<SessionLock, LockError> {
        Self::acquire_as(session_path, true)
    }

    fn acquire_as(session_path: &Path, ours_is_held: bool) -> Result<SessionLock, LockError> {
        let path = lock_path(session_path);
        let id = super::session_id(session_path);
        let pid = std::process::id();
        let io_error = |e: io::Error| LockError::Io {
            id: id.clone(),
            path: path.clone(),
            reason: describe(&e).1,
        };
        // A few rounds: another phonescreen may be taking over the same stale lock.
        for _ in 0..3 {
            match create_exclusive(&path, pid) {
                Ok(()) => return Ok(SessionLock { path, pid }),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(io_error(e)),
            }
            match read_holder(&path).map_err(io_error)? {
                Holder::Nobody => continue,
                Holder::Pid(holder)
                    if (holder != pid || ours_is_held) && super::process_is_alive(holder) =>
                {
                    return Err(LockError::Held {
                        id,
                        pid: holder,
                        path,
                    });
                }
                Holder::Pid(_) | Holder::Garbage => match fs::remove_file(&path) {
                    Ok(()) => continue,
                    Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                    Err(e) => return Err(io_error(e)),
                },
            }
        }
        Err(io_error(io::Error::other(
            "another process keeps changing the lock file",
        )))
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

fn create_exclusive(path: &Path, pid: u32) -> io::Result<()> {
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    let written = file.write_all(format!("{pid}\n").as_bytes());
    if written.is_err() {
        drop(file);
        let _ = fs::remove_file(path);
    }
    written
}

impl Drop for SessionLock {
    fn drop(&mut self) {
        // Only our own lock: another process may have taken it over since.
        if let Ok(Holder::Pid(pid)) = read_holder(&self.path)
            && pid == self.pid
        {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// The live process holding the interview at `session_path`, if any (this
/// process included).
pub fn is_locked_by_live_process(session_path: &Path) -> Option<u32> {
    match read_holder(&lock_path(session_path)) {
        Ok(Holder::Pid(pid)) if super::process_is_alive(pid) => Some(pid),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dead_pid() -> u32 {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        pid
    }

    #[test]
    fn lock_file_sits_beside_the_interview() {
        assert_eq!(
            lock_path(Path::new("/s/20250304-101500-ada.yaml")),
            PathBuf::from("/s/20250304-101500-ada.lock")
        );
    }

    #[test]
    fn acquire_writes_our_pid_and_drop_removes_it() {
        let tmp = tempfile::tempdir().unwrap();
        let session = tmp.path().join("a.yaml");
        let lock = SessionLock::acquire(&session).unwrap();
        let text = fs::read_to_string(lock.path()).unwrap();
        assert_eq!(text.trim(), std::process::id().to_string());
        assert_eq!(
            is_locked_by_live_process(&session),
            Some(std::process::id())
        );
        drop(lock);
        assert!(!lock_path(&session).exists());
        assert_eq!(is_locked_by_live_process(&session), None);
    }

    #[test]
    fn a_dead_or_garbage_holder_is_taken_over() {
        let tmp = tempfile::tempdir().unwrap();
        let session = tmp.path().join("a.yaml");
        for content in [
            format!("{}\n", dead_pid()),
            "not a pid".to_string(),
            String::new(),
        ] {
            fs::write(lock_path(&session), &content).unwrap();
            assert_eq!(is_locked_by_live_process(&session), None, "{content:?}");
            let lock = SessionLock::acquire(&session).unwrap();
            let text = fs::read_to_string(lock.path()).unwrap();
            assert_eq!(text.trim(), std::process::id().to_string());
        }
    }

    #[test]
    fn drop_leaves_a_lock_that_someone_else_took_over() {
        let tmp = tempfile::tempdir().unwrap();
        let session = tmp.path().join("a.yaml");
        let lock = SessionLock::acquire(&session).unwrap();
        fs::write(lock.path(), "1\n").unwrap();
        drop(lock);
        assert_eq!(fs::read_to_string(lock_path(&session)).unwrap(), "1\n");
    }

    #[test]
    fn a_lock_of_this_process_is_held_for_the_careful() {
        let tmp = tempfile::tempdir().unwrap();
        let session = tmp.path().join("a.yaml");
        let lock = SessionLock::acquire(&session).unwrap();
        assert!(matches!(
            SessionLock::acquire_unless_ours(&session),
            Err(LockError::Held { .. })
        ));
        drop(lock);
        assert!(SessionLock::acquire_unless_ours(&session).is_ok());
    }

    #[test]
    fn a_live_holder_is_named_in_the_error() {
        let tmp = tempfile::tempdir().unwrap();
        let session = tmp.path().join("20250304-101500-ada.yaml");
        // Process 1 (init) is always alive, and it is not us.
        fs::write(lock_path(&session), "1\n").unwrap();
        let err = SessionLock::acquire(&session).unwrap_err();
        assert_eq!(
            err.to_string(),
            "interview 20250304-101500-ada is open in another phonescreen (process 1); close that one first"
        );
        assert!(matches!(err, LockError::Held { pid: 1, .. }));
        assert_eq!(fs::read_to_string(lock_path(&session)).unwrap(), "1\n");
    }
}
