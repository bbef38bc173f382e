//! The durability policy: write every change at once, flush to the disk soon.

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::atomic::{FileId, parent_of, sync_dir, write_atomic_inner};
use super::error::{Trouble, describe};
use crate::interview::record::Record;

/// Longest time a saved change waits in the page cache before it is flushed
/// to the disk; also the pause between retries after a failure.
pub const SYNC_INTERVAL: Duration = Duration::from_secs(1);

/// The step of saving that failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveOp {
    /// Turning the interview into YAML.
    Serialize,
    /// Creating the folder that holds the file.
    CreateFolder,
    /// Creating or writing the new version.
    Write,
    /// Flushing to the disk (`fsync`).
    Sync,
    /// Putting the new version in place of the old one (`rename`).
    Replace,
}

impl fmt::Display for SaveOp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SaveOp::Serialize => "prepare",
            SaveOp::CreateFolder => "create the folder for",
            SaveOp::Write => "write",
            SaveOp::Sync => "flush to disk",
            SaveOp::Replace => "replace",
        })
    }
}

/// Why an interview could not be saved, in words the interviewer can act on:
/// `cannot write /x/sessions/foo.yaml: permission denied — make the folder
/// writable or save elsewhere`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot {op} {path}: {reason} — {hint}", path = .path.display(), hint = .trouble.hint())]
pub struct SaveError {
    /// The interview file being saved.
    pub path: PathBuf,
    /// The step that failed.
    pub op: SaveOp,
    /// What kind of trouble, e.g. [`Trouble::DiskFull`] or [`Trouble::ReadOnly`].
    pub trouble: Trouble,
    /// The operating system's reason, in words.
    pub reason: String,
}

impl SaveError {
    fn io(path: &Path, op: SaveOp, err: &io::Error) -> Self {
        let (trouble, reason) = describe(err);
        SaveError {
            path: path.to_path_buf(),
            op,
            trouble,
            reason,
        }
    }
}

/// What a successful save found, so the UI can warn about surprises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveOutcome {
    /// Written over our own previous version, as expected.
    Saved,
    /// The file had been deleted since our last save; it was written again.
    Recreated,
    /// Another file had been put at the path since our last save (another
    /// program or an editor); it was overwritten with what is on screen.
    Replaced,
}

/// Saves one interview file, owned by the app for the length of an interview.
///
/// [`save`](Saver::save) on every change writes the whole interview
/// atomically without flushing (fast; survives the process being killed);
/// [`sync`](Saver::sync) when [`sync_due`](Saver::sync_due) says flushes it to
/// the disk (survives a power cut); [`save_now`](Saver::save_now) does both at
/// once, for question changes, pause, finish and exit.
///
/// A failure never loses anything: the interview stays in memory, the bytes
/// that could not be written are kept, [`sync`](Saver::sync) retries them when
/// due, and the next save writes the newest version anyway.
#[derive(Debug)]
pub struct Saver {
    path: PathBuf,
    /// The file we last put at `path`, to notice it being deleted or replaced.
    written: Option<FileId>,
    /// Bytes whose write failed, retried by `sync`.
    pending: Option<Vec<u8>>,
    /// When the oldest change not yet flushed to the disk was written.
    unsynced_since: Option<Instant>,
    /// When `sync` should next run (a flush or a retry).
    due: Option<Instant>,
    last_error: Option<SaveError>,
    /// Each question's YAML from the last save, so a keystroke re-serializes one question.
    cache: super::render::YamlCache,
}

impl Saver {
    /// A saver for the interview file at `path` (created on the first save).
    pub fn new(path: impl Into<PathBuf>) -> Self {
        Saver {
            path: path.into(),
            written: None,
            pending: None,
            unsynced_since: None,
            due: None,
            last_error: None,
            cache: Default::default(),
        }
    }

    /// The file being saved.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Saves to another file from now on ("save elsewhere" after an error).
    ///
    /// Nothing is written here; call [`save_now`](Saver::save_now) next so the
    /// new file exists at once. A failed write still waiting to be retried
    /// goes to the new path.
    pub fn set_path(&mut self, path: impl Into<PathBuf>) {
        self.path = path.into();
        self.written = None;
        self.last_error = None;
    }

    /// The error of the last save or flush, until one succeeds.
    pub fn last_error(&self) -> Option<&SaveError> {
        self.last_error.as_ref()
    }

    /// Whether the newest version could not be written yet (it is kept and retried).
    pub fn has_unwritten_changes(&self) -> bool {
        self.pending.is_some()
    }

    /// Whether something written is not yet flushed to the disk, or not yet written.
    pub fn has_unsynced_changes(&self) -> bool {
        self.pending.is_some() || self.unsynced_since.is_some()
    }

    /// Writes `record` at once without flushing to the disk: fast enough for
    /// every keystroke. The flush is then due at most [`SYNC_INTERVAL`] later.
    pub fn save(&mut self, record: &Record, now: Instant) -> Result<SaveOutcome, SaveError> {
        self.store(record, false, now)
    }

    /// Writes `record` and flushes it and its folder to the disk before
    /// returning: for question changes, pause, finish and exit.
    pub fn save_now(&mut self, record: &Record, now: Instant) -> Result<SaveOutcome, SaveError> {
        self.store(record, true, now)
    }

    /// When [`sync`](Saver::sync) should next be called: within
    /// [`SYNC_INTERVAL`] of the first change not flushed to the disk, or of a
    /// failure to retry; `None` when everything is on the disk. Never earlier
    /// than `now`, so an overdue flush reads as "now" and a timer can use it.
    pub fn sync_due(&self, now: Instant) -> Option<Instant> {
        self.due.map(|due| due.max(now))
    }

    /// Flushes saved changes to the disk (the file, then its folder), or
    /// retries a write that failed. Does nothing when everything is on the disk.
    pub fn sync(&mut self, now: Instant) -> Result<(), SaveError> {
        if let Some(bytes) = self.pending.take() {
            return match self.write(&bytes, true) {
                Ok(_) => {
                    self.settle(true, now);
                    Ok(())
                }
                Err(err) => {
                    self.pending = Some(bytes);
                    Err(self.fail(err, now))
                }
            };
        }
        if self.unsynced_since.is_none() {
            self.due = None;
            return Ok(());
        }
        let flushed = fs::File::open(&self.path)
            .and_then(|file| file.sync_all())
            .and_then(|()| sync_dir(parent_of(&self.path)));
        match flushed {
            Ok(()) => {
                self.settle(true, now);
                Ok(())
            }
            Err(e) => {
                let err = SaveError::io(&self.path, SaveOp::Sync, &e);
                Err(self.fail(err, now))
            }
        }
    }

    fn store(
        &mut self,
        record: &Record,
        sync: bool,
        now: Instant,
    ) -> Result<SaveOutcome, SaveError> {
        let bytes = match self.cache.render(record) {
            Ok(mut text) => {
                text.push_str(super::END_MARKER);
                text.push('\n');
                text.into_bytes()
            }
            Err(e) => {
                let err = SaveError {
                    path: self.path.clone(),
                    op: SaveOp::Serialize,
                    trouble: Trouble::Other,
                    reason: e.to_string(),
                };
                return Err(self.fail(err, now));
            }
        };
        match self.write(&bytes, sync) {
            Ok(outcome) => {
                self.pending = None;
                self.settle(sync, now);
                Ok(outcome)
            }
            Err(err) => {
                self.pending = Some(bytes);
                Err(self.fail(err, now))
            }
        }
    }

    /// Writes `bytes` over the file, recreating a vanished folder, and says
    /// whether the file we wrote last was still there.
    fn write(&mut self, bytes: &[u8], sync: bool) -> Result<SaveOutcome, SaveError> {
        let outcome = match (self.written, fs::symlink_metadata(&self.path)) {
            (None, _) => SaveOutcome::Saved,
            (Some(ours), Ok(meta)) if FileId::of(&meta) == ours => SaveOutcome::Saved,
            (Some(_), Ok(_)) => SaveOutcome::Replaced,
            (Some(_), Err(e)) if e.kind() == io::ErrorKind::NotFound => SaveOutcome::Recreated,
            (Some(_), Err(_)) => SaveOutcome::Saved,
        };
        let mut result = write_atomic_inner(&self.path, bytes, sync);
        if let Err((SaveOp::Write, e)) = &result
            && e.kind() == io::ErrorKind::NotFound
        {
            // The folder itself was removed: the screen is the truth, so put it back.
            let dir = parent_of(&self.path);
            crate::paths::create_private_dir(dir)
                .map_err(|e| SaveError::io(&self.path, SaveOp::CreateFolder, &e))?;
            if sync && let Some(above) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
                let _ = sync_dir(above);
            }
            result = write_atomic_inner(&self.path, bytes, sync);
        }
        match result {
            Ok(id) => {
                self.written = Some(id);
                Ok(outcome)
            }
            Err((op, e)) => Err(SaveError::io(&self.path, op, &e)),
        }
    }

    /// Records a successful write (`synced`: also on the disk).
    fn settle(&mut self, synced: bool, now: Instant) {
        self.last_error = None;
        if synced {
            self.unsynced_since = None;
            self.due = None;
        } else {
            self.unsynced_since.get_or_insert(now);
            self.due.get_or_insert(now + SYNC_INTERVAL);
        }
    }

    /// Records a failure and schedules a retry.
    fn fail(&mut self, err: SaveError, now: Instant) -> SaveError {
        self.last_error = Some(err.clone());
        self.due = Some(match self.due {
            Some(due) if due > now => due,
            _ => now + SYNC_INTERVAL,
        });
        err
    }
}

#[cfg(test)]
#[path = "saver_tests.rs"]
mod tests;
