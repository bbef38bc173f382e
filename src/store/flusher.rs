//! The flusher: a thread that rewrites the interview file and flushes it to
//! the disk, so the disk never delays a key.
//!
//! It keeps its own copy of the interview, brought up to date with the same
//! [`Entry`] values the journal holds, and writes the whole file atomically
//! (temp file, fsync, rename, fsync of the folder). Each write is reported
//! back with the revision it holds.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use super::atomic::{FileId, sync_dir, write_atomic_inner};
use super::error::{SaveError, SaveOp, SaveOutcome};
use super::journal::Entry;
use super::naming::parent_of;
use super::record_yaml::RecordText;
use crate::interview::record::Record;

/// Called on the flusher thread after each report, to wake whoever waits for it.
pub type Notify = Arc<dyn Fn() + Send + Sync>;

/// Work for the flusher.
pub(crate) enum Job {
    /// Apply the changes, then write and flush the file.
    Write(Box<Entry<'static>>),
    /// Start over from this whole interview, written to `path`: a new or
    /// resumed interview, or saving elsewhere after trouble. `durable` also
    /// flushes it to the disk.
    Replace {
        record: Box<Record>,
        path: PathBuf,
        durable: bool,
    },
}

/// What one write of the interview file came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Report {
    /// The revision the file holds if the write succeeded.
    pub(crate) revision: u64,
    /// The file written.
    pub(crate) path: PathBuf,
    /// What the write found, or why it failed.
    pub(crate) result: Result<SaveOutcome, SaveError>,
}

/// The handle of the flusher thread; dropping it finishes the queued work.
#[derive(Debug)]
pub(crate) struct Flusher {
    jobs: Option<Sender<Job>>,
    reports: Receiver<Report>,
    thread: Option<JoinHandle<()>>,
}

impl Flusher {
    /// Starts the thread; `notify` runs after every report.
    pub(crate) fn spawn(notify: Notify) -> io::Result<Self> {
        let (jobs, inbox) = mpsc::channel::<Job>();
        let (outbox, reports) = mpsc::channel::<Report>();
        let thread = thread::Builder::new()
            .name("phonescreen-flusher".into())
            .spawn(move || run(inbox, outbox, notify))?;
        Ok(Self {
            jobs: Some(jobs),
            reports,
            thread: Some(thread),
        })
    }

    /// Queues work; false if the thread is gone (it never panics on purpose,
    /// but then the caller must write by itself).
    pub(crate) fn send(&self, job: Job) -> bool {
        self.jobs.as_ref().is_some_and(|j| j.send(job).is_ok())
    }

    /// Reports that have arrived, without waiting.
    pub(crate) fn reports(&self) -> Vec<Report> {
        self.reports.try_iter().collect()
    }

    /// Waits up to `timeout` for the next report.
    pub(crate) fn wait(&self, timeout: Duration) -> Option<Report> {
        self.reports.recv_timeout(timeout).ok()
    }
}

impl Drop for Flusher {
    fn drop(&mut self) {
        // Closing the queue ends the thread once it has done what is queued.
        self.jobs = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The flusher's state: its copy of the interview and where it goes.
struct Writer {
    record: Option<Record>,
    path: PathBuf,
    /// The file we last put at `path`, to notice it being deleted or replaced.
    written: Option<FileId>,
    /// Each question's text from the last write, formatted again only when
    /// the question changed.
    text: RecordText,
}

fn run(inbox: Receiver<Job>, outbox: Sender<Report>, notify: Notify) {
    let mut writer = Writer {
        record: None,
        path: PathBuf::new(),
        written: None,
        text: RecordText::default(),
    };
    while let Ok(job) = inbox.recv() {
        let mut durable = false;
        let mut apply_failed = None;
        writer.take(job, &mut durable, &mut apply_failed);
        // Changes that queued up meanwhile go into the same write.
        for job in inbox.try_iter() {
            writer.take(job, &mut durable, &mut apply_failed);
        }
        let Some(revision) = writer.record.as_ref().map(|r| r.revision) else {
            continue;
        };
        let result = match apply_failed {
            Some(reason) => Err(SaveError {
                path: writer.path.clone(),
                op: SaveOp::Serialize,
                trouble: super::Trouble::Other,
                reason,
            }),
            None => writer.write(durable),
        };
        let report = Report {
            revision,
            path: writer.path.clone(),
            result,
        };
        if outbox.send(report).is_err() {
            return;
        }
        notify();
    }
}

impl Writer {
    fn take(&mut self, job: Job, durable: &mut bool, apply_failed: &mut Option<String>) {
        match job {
            Job::Write(entry) => {
                *durable = true;
                if let Some(record) = &mut self.record {
                    match entry.apply(record) {
                        Ok(()) => entry
                            .questions
                            .iter()
                            .for_each(|q| self.text.forget(q.index)),
                        Err(reason) => *apply_failed = Some(reason),
                    }
                }
            }
            Job::Replace {
                record,
                path,
                durable: d,
            } => {
                if path != self.path {
                    self.written = None;
                }
                self.record = Some(*record);
                self.text.forget_all();
                self.path = path;
                *durable |= d;
                *apply_failed = None;
            }
        }
    }

    fn write(&mut self, durable: bool) -> Result<SaveOutcome, SaveError> {
        let Some(record) = &mut self.record else {
            return Ok(SaveOutcome::Saved);
        };
        let text = self.text.render(record).map_err(|e| SaveError {
            path: self.path.clone(),
            op: SaveOp::Serialize,
            trouble: super::Trouble::Other,
            reason: e.to_string(),
        })?;
        let (outcome, id) = write_file(&self.path, text.as_bytes(), self.written, durable)?;
        self.written = Some(id);
        Ok(outcome)
    }
}

/// Writes `bytes` over the interview file at `path`, recreating a vanished
/// folder, and says whether the file we wrote last (`ours`) was still there.
pub(crate) fn write_file(
    path: &Path,
    bytes: &[u8],
    ours: Option<FileId>,
    durable: bool,
) -> Result<(SaveOutcome, FileId), SaveError> {
    let outcome = match (ours, fs::symlink_metadata(path)) {
        (None, _) => SaveOutcome::Saved,
        (Some(ours), Ok(meta)) if FileId::of(&meta) == ours => SaveOutcome::Saved,
        (Some(_), Ok(_)) => SaveOutcome::Replaced,
        (Some(_), Err(e)) if e.kind() == io::ErrorKind::NotFound => SaveOutcome::Recreated,
        (Some(_), Err(_)) => SaveOutcome::Saved,
    };
    let mut result = write_atomic_inner(path, bytes, durable);
    if let Err((SaveOp::Write, e)) = &result
        && e.kind() == io::ErrorKind::NotFound
    {
        // The folder itself was removed: the screen is the truth, so put it back.
        let dir = parent_of(path);
        crate::paths::create_private_dir(dir)
            .map_err(|e| SaveError::io(path, SaveOp::CreateFolder, &e))?;
        if durable && let Some(above) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
            let _ = sync_dir(above);
        }
        result = write_atomic_inner(path, bytes, durable);
    }
    match result {
        Ok(id) => Ok((outcome, id)),
        Err((op, e)) => Err(SaveError::io(path, op, &e)),
    }
}
