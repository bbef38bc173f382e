//! One writer per interview: a kernel `flock` on a `<id>.lock` file beside
//! it, released however its holder ends. The pid written in the file only
//! names the holder in messages, and is left out when the disk is full.

use std::fs;
use std::io::{self, Read};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::atomic::FileId;
use super::error::describe;
use crate::fsread::{Access, OwnError, open_own};

/// The lock file of an interview: `<id>.lock` beside `<id>.yaml`.
pub fn lock_path(session_path: &Path) -> PathBuf {
    session_path.with_extension("lock")
}

/// Why an interview could not be locked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LockError {
    /// Another running phonescreen has the interview open.
    #[error(
        "interview {id} is open in another phonescreen{holder}; close that one first",
        holder = .pid.map(|p| format!(" (process {p})")).unwrap_or_default()
    )]
    Held {
        /// The interview id.
        id: String,
        /// The process holding the lock, when it has written its id.
        pid: Option<u32>,
        /// The lock file.
        path: PathBuf,
    },
    /// Something that is not a lock file phonescreen made stands at the
    /// lock's name: a symbolic link (perhaps dangling), a folder, a FIFO, a
    /// file with other names.
    #[error(
        "the lock file {path} is {what}; phonescreen never writes through it — remove it if you did not put it there",
        path = .path.display()
    )]
    NotAFile {
        /// The interview id.
        id: String,
        /// The lock file's name.
        path: PathBuf,
        /// What stands there, in words ("a symbolic link to /x").
        what: String,
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
        /// What kind of trouble, for advice that fits what was being done.
        trouble: super::Trouble,
    },
}

/// Proof that this process is the one writing an interview: it holds the
/// kernel lock on `<id>.lock` for as long as it lives. Dropping it removes
/// the lock file and releases the lock.
///
/// The lock is advisory: it keeps a second phonescreen (another tmux pane,
/// another ssh session) from writing the same interview. It belongs to this
/// open file, not to the process: a second [`acquire`](SessionLock::acquire)
/// of the same interview in this process is refused like any other.
#[derive(Debug)]
pub struct SessionLock {
    path: PathBuf,
    file: fs::File,
}

/// How often a lock held for an instant (another phonescreen checking
/// whether the interview is open) is tried again before it counts as held.
const TRIES: u32 = 20;
const BETWEEN_TRIES: Duration = Duration::from_millis(2);

impl SessionLock {
    /// Locks the interview saved at `session_path` for this process.
    ///
    /// Opens or creates `<id>.lock` (0600, never through a symbolic link)
    /// and takes the kernel lock on it; then writes this process's id into
    /// it when the disk has room for it. A lock file left by a process that
    /// has ended, whatever pid it names, is simply taken. When another live
    /// process holds the lock, the answer is [`LockError::Held`], naming it.
    pub fn acquire(session_path: &Path) -> Result<SessionLock, LockError> {
        let path = lock_path(session_path);
        let id = super::session_id(session_path);
        let io_error = |e: io::Error| {
            let (trouble, reason) = describe(&e);
            LockError::Io {
                id: id.clone(),
                path: path.clone(),
                reason,
                trouble,
            }
        };
        // A few rounds: the holder may remove the file just after we opened it.
        for _ in 0..3 {
            let (file, meta) = match open_own(&path, Access::ReadWrite) {
                Ok(opened) => opened,
                // A folder cannot be opened to write.
                Err(OwnError::Io(e)) if e.raw_os_error() == Some(libc::EISDIR) => {
                    return Err(not_a_file(&id, &path));
                }
                Err(OwnError::Io(e)) => return Err(io_error(e)),
                // A symbolic link, a FIFO, a socket, a second name.
                Err(
                    OwnError::Link | OwnError::NoReader | OwnError::NotAFile | OwnError::HardLink,
                ) => {
                    return Err(not_a_file(&id, &path));
                }
            };
            match try_lock(&file) {
                Ok(true) => {}
                Ok(false) => {
                    return Err(LockError::Held {
                        id,
                        pid: read_pid(&file),
                        path,
                    });
                }
                Err(e) => return Err(io_error(e)),
            }
            // A holder removes the file before letting go: if the name no
            // longer leads to the file we locked, nobody else will look at
            // it, so start again with whatever is there now.
            if !names(&path, &meta) {
                continue;
            }
            write_pid(&file, &path);
            return Ok(SessionLock { path, file });
        }
        Err(io_error(io::Error::other(
            "another process keeps removing and creating the lock file",
        )))
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for SessionLock {
    fn drop(&mut self) {
        // Remove the name while the lock is still ours (it goes when the
        // file closes), and only if the name still leads to our file.
        if let Ok(meta) = self.file.metadata()
            && names(&self.path, &meta)
        {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Writes this process's id into the lock file we hold, for the message
/// another phonescreen shows, when it fits. Emptied first, which needs no
/// room: a pid left by an earlier holder must never name the wrong process,
/// and an empty file names none ("open in another phonescreen").
fn write_pid(file: &fs::File, path: &Path) {
    if file.set_len(0).is_err() {
        return;
    }
    #[cfg(any(test, feature = "test-hooks"))]
    if super::full_disk::check(path).is_err() {
        return;
    }
    #[cfg(not(any(test, feature = "test-hooks")))]
    let _ = path;
    let pid = format!("{}\n", std::process::id());
    if file.write_all_at(pid.as_bytes(), 0).is_err() {
        // Part of it may be there (a disk filling up as we wrote).
        let _ = file.set_len(0);
    }
}

/// Takes the kernel lock: `Ok(false)` when another open file holds it.
///
/// Another phonescreen checking whether the interview is open holds a
/// shared lock for an instant; it is waited out.
fn try_lock(file: &fs::File) -> io::Result<bool> {
    for attempt in 0..TRIES {
        match file.try_lock() {
            Ok(()) => return Ok(true),
            Err(fs::TryLockError::WouldBlock) if attempt + 1 < TRIES => {
                std::thread::sleep(BETWEEN_TRIES);
            }
            Err(fs::TryLockError::WouldBlock) => return Ok(false),
            Err(fs::TryLockError::Error(e)) => return Err(e),
        }
    }
    Ok(false)
}

/// Whether the name `path` leads to the file `meta` describes.
fn names(path: &Path, meta: &fs::Metadata) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| FileId::of(&m) == FileId::of(meta))
}

/// The pid a holder wrote in its lock file, if it has written one.
fn read_pid(file: &fs::File) -> Option<u32> {
    let mut text = String::new();
    file.take(32).read_to_string(&mut text).ok()?;
    text.trim().parse::<u32>().ok().filter(|&pid| pid > 0)
}

/// [`LockError::NotAFile`] for whatever stands at `path`.
fn not_a_file(id: &str, path: &Path) -> LockError {
    let what = match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => match fs::read_link(path) {
            // Whether the link leads anywhere, from where it stands.
            Ok(target) if fs::metadata(path).is_ok() => {
                format!("a symbolic link to {}", target.display())
            }
            Ok(target) => format!(
                "a symbolic link to {}, which does not exist",
                target.display()
            ),
            Err(_) => "a symbolic link".to_string(),
        },
        Ok(meta) if meta.is_dir() => "a folder".to_string(),
        Ok(meta) if meta.is_file() => "a file with other names (hard links)".to_string(),
        Ok(_) => "a special file (a FIFO, a socket or a device)".to_string(),
        Err(_) => "something that keeps changing".to_string(),
    };
    LockError::NotAFile {
        id: id.to_string(),
        path: path.to_path_buf(),
        what,
    }
}

/// Whether a running process holds the lock of the interview at
/// `session_path` (this process included), and its pid: the one the holder
/// wrote in the lock file, or 0 when it has not written one yet.
///
/// A lock file nobody holds a kernel lock on is stale, whatever pid it
/// names: that process has ended, or the pid now belongs to another program.
/// The check takes a shared lock for an instant, which an
/// [`acquire`](SessionLock::acquire) at the same moment waits out.
pub fn is_locked_by_live_process(session_path: &Path) -> Option<u32> {
    let (file, _) = open_own(&lock_path(session_path), Access::Read).ok()?;
    match file.try_lock_shared() {
        Ok(()) => {
            let _ = file.unlock();
            None
        }
        Err(fs::TryLockError::WouldBlock) => Some(read_pid(&file).unwrap_or(0)),
        Err(fs::TryLockError::Error(_)) => None,
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
    fn a_lock_is_taken_without_room_for_its_pid_and_never_names_the_wrong_process() {
        let tmp = tempfile::tempdir().unwrap();
        let mut disk = crate::store::full_disk::FullDisk::new(&tmp.path().join("disk"));
        disk.free();
        let session = disk.path().join("20250304-101500-ada.yaml");
        // Left by an earlier holder; process 1 is alive, and it is not us.
        fs::write(lock_path(&session), "1\n").unwrap();
        disk.fill();
        let lock = SessionLock::acquire(&session).unwrap();
        let us = std::process::id();
        let holder = is_locked_by_live_process(&session);
        assert!(matches!(holder, Some(p) if p == 0 || p == us), "{holder:?}");
        let err = SessionLock::acquire(&session).unwrap_err();
        assert!(
            matches!(err, LockError::Held { pid, .. } if pid.is_none_or(|p| p == us)),
            "{err:?}"
        );
        drop(lock);
        assert!(!lock_path(&session).exists());
    }

    #[test]
    fn a_lock_file_nobody_holds_is_taken_whatever_it_says() {
        let tmp = tempfile::tempdir().unwrap();
        let session = tmp.path().join("a.yaml");
        // Process 1 (init) is always alive, and it is not us.
        for content in [
            format!("{}\n", dead_pid()),
            "1\n".to_string(),
            "not a pid".to_string(),
            String::new(),
            format!("{}\n", "9".repeat(100)),
        ] {
            fs::write(lock_path(&session), &content).unwrap();
            assert_eq!(is_locked_by_live_process(&session), None, "{content:?}");
            let lock = SessionLock::acquire(&session).unwrap();
            let text = fs::read_to_string(lock.path()).unwrap();
            assert_eq!(text, format!("{}\n", std::process::id()));
            drop(lock);
        }
    }

    #[test]
    fn a_second_lock_in_the_same_process_is_refused_and_names_us() {
        let tmp = tempfile::tempdir().unwrap();
        let session = tmp.path().join("20250304-101500-ada.yaml");
        let lock = SessionLock::acquire(&session).unwrap();
        let err = SessionLock::acquire(&session).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "interview 20250304-101500-ada is open in another phonescreen (process {}); close that one first",
                std::process::id()
            )
        );
        assert!(matches!(err, LockError::Held { pid: Some(p), .. } if p == std::process::id()));
        drop(lock);
        assert!(SessionLock::acquire(&session).is_ok());
    }

    #[test]
    fn a_holder_that_has_not_written_its_pid_is_still_a_holder() {
        let tmp = tempfile::tempdir().unwrap();
        let session = tmp.path().join("20250304-101500-ada.yaml");
        let lock = SessionLock::acquire(&session).unwrap();
        lock.file.set_len(0).unwrap();
        assert_eq!(is_locked_by_live_process(&session), Some(0));
        let err = SessionLock::acquire(&session).unwrap_err();
        assert_eq!(
            err.to_string(),
            "interview 20250304-101500-ada is open in another phonescreen; close that one first"
        );
    }

    #[test]
    fn a_lock_file_removed_by_its_holder_is_never_shared() {
        let tmp = tempfile::tempdir().unwrap();
        let session = tmp.path().join("a.yaml");
        let first = SessionLock::acquire(&session).unwrap();
        // Someone opened the file just before the holder let go...
        let (opened, _) = open_own(&lock_path(&session), Access::ReadWrite).unwrap();
        drop(first);
        // ...and locks it after: a file nobody else will ever look at.
        opened.try_lock().unwrap();
        let meta = opened.metadata().unwrap();
        assert!(!names(&lock_path(&session), &meta));
        // The next acquire takes a new file under the name.
        let second = SessionLock::acquire(&session).unwrap();
        assert!(is_locked_by_live_process(&session).is_some());
        drop(second);
    }

    #[test]
    fn drop_leaves_a_lock_file_that_is_no_longer_ours() {
        let tmp = tempfile::tempdir().unwrap();
        let session = tmp.path().join("a.yaml");
        let lock = SessionLock::acquire(&session).unwrap();
        // Someone removed ours and made another one.
        fs::remove_file(lock.path()).unwrap();
        fs::write(lock_path(&session), "1\n").unwrap();
        drop(lock);
        assert_eq!(fs::read_to_string(lock_path(&session)).unwrap(), "1\n");
    }

    #[test]
    fn what_stands_at_the_lock_is_named_and_left_alone() {
        let tmp = tempfile::tempdir().unwrap();
        let session = tmp.path().join("20250304-101500-ada.yaml");
        let lock = lock_path(&session);
        let nowhere = tmp.path().join("nowhere");
        std::os::unix::fs::symlink(&nowhere, &lock).unwrap();
        let err = SessionLock::acquire(&session).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "the lock file {} is a symbolic link to {}, which does not exist; phonescreen never writes through it — remove it if you did not put it there",
                lock.display(),
                nowhere.display(),
            )
        );
        assert!(!nowhere.exists());
        assert_eq!(is_locked_by_live_process(&session), None);

        fs::remove_file(&lock).unwrap();
        fs::create_dir(&lock).unwrap();
        let err = SessionLock::acquire(&session).unwrap_err();
        assert!(matches!(&err, LockError::NotAFile { what, .. } if what == "a folder"));

        fs::remove_dir(&lock).unwrap();
        let other = tmp.path().join("other");
        fs::write(&other, "keep").unwrap();
        fs::hard_link(&other, &lock).unwrap();
        let err = SessionLock::acquire(&session).unwrap_err();
        assert!(matches!(err, LockError::NotAFile { .. }), "{err}");
        assert_eq!(fs::read_to_string(&other).unwrap(), "keep");

        // A link to a file that exists, relative to where the link stands.
        fs::remove_file(&lock).unwrap();
        std::os::unix::fs::symlink("other", &lock).unwrap();
        let err = SessionLock::acquire(&session).unwrap_err();
        assert!(
            matches!(&err, LockError::NotAFile { what, .. } if what == "a symbolic link to other"),
            "{err}"
        );
        assert_eq!(fs::read_to_string(&other).unwrap(), "keep");
    }
}
