//! The durability policy: every change is in the journal before the screen
//! shows it; the interview file is rewritten and flushed to the disk by the
//! flusher thread at most a second later.

use std::collections::BTreeMap;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub use super::applog::SYNC_INTERVAL;
use super::error::Trouble;
pub use super::error::{SaveError, SaveOp, SaveOutcome};
use super::flusher::{Flusher, Job, Notify, Report};
use super::journal::{Entry, JournalWriter, journal_path};
use crate::interview::record::Record;

/// How long to wait for the flusher when a caller must (start, finish, exit).
pub(crate) const WAIT_FOR_DISK: Duration = Duration::from_secs(10);

/// Where the newest change of an interview is on disk ([`Saver::kept`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    /// The interview file holds every change.
    File,
    /// The interview file holds an older version, and its journal the newest
    /// changes (every read of the file brings them in).
    Journal,
    /// The interview file holds an older version; the newest changes are
    /// only in memory.
    OlderFile,
    /// Nothing of the interview was written; it is only in memory.
    Nothing,
}

/// Saves one interview, owned by the app for the length of an interview.
///
/// - [`start`](Saver::start) writes the whole interview (new or resumed) and
///   opens its journal;
/// - [`save`](Saver::save), on every change, appends the change to the
///   journal with one small write (survives the process being killed; the
///   cost does not grow with the interview);
/// - [`tick`](Saver::tick), when [`due`](Saver::due) says, hands the changes
///   to the flusher thread, which rewrites the file and flushes it to the disk
///   (survives a power cut), at most [`SYNC_INTERVAL`] after a change or at
///   once after [`flush_soon`](Saver::flush_soon);
/// - [`collect`](Saver::collect) takes the flusher's reports (its `notify`
///   callback says when there are some);
/// - [`flush_and_wait`](Saver::flush_and_wait) and [`close`](Saver::close)
///   finish the job on exit.
///
/// A failure never loses anything: the interview stays in memory, the journal
/// or the file is retried every [`SYNC_INTERVAL`], and the next success
/// writes the newest version.
pub struct Saver {
    path: PathBuf,
    notify: Notify,
    flusher: Option<Flusher>,
    journal: Option<JournalWriter>,
    /// The newest change recorded.
    revision: u64,
    /// The newest revision the interview file is known to hold.
    flushed: u64,
    /// The newest revision appended to the journal.
    journaled: u64,
    /// Whether the interview file exists with content written by us, so
    /// journal entries have something to apply to.
    written: bool,
    /// Send the whole interview with the next flush rather than the changes.
    whole: bool,
    /// Questions changed since `flushed`, with the revision of their last change.
    dirty: BTreeMap<usize, u64>,
    /// A flush sent and not reported yet, by revision.
    in_flight: Option<u64>,
    /// The newest revision handed to the flusher (or that failed to be).
    attempted: u64,
    /// When the next flush should be sent.
    due: Option<Instant>,
    /// When the oldest change made while a flush was in flight happened.
    waiting_since: Option<Instant>,
    /// Send the next flush as soon as the one in flight is reported.
    urgent: bool,
    journal_error: Option<SaveError>,
    flush_error: Option<SaveError>,
}

impl fmt::Debug for Saver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Saver")
            .field("path", &self.path)
            .field("revision", &self.revision)
            .field("flushed", &self.flushed)
            .field("written", &self.written)
            .field("in_flight", &self.in_flight)
            .field("due", &self.due)
            .field("problem", &self.problem())
            .finish_non_exhaustive()
    }
}

impl Saver {
    /// A saver for the interview file at `path`; nothing is written until
    /// [`start`](Saver::start). `notify` is called (on another thread) when
    /// the flusher has a report for [`collect`](Saver::collect).
    pub fn new(path: impl Into<PathBuf>, notify: Notify) -> Self {
        Saver {
            path: path.into(),
            notify,
            flusher: None,
            journal: None,
            revision: 0,
            flushed: 0,
            journaled: 0,
            written: false,
            whole: true,
            dirty: BTreeMap::new(),
            in_flight: None,
            attempted: 0,
            due: None,
            waiting_since: None,
            urgent: false,
            journal_error: None,
            flush_error: None,
        }
    }

    /// The interview file.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// What keeps the interview from being safe on disk, until it is fixed:
    /// a journal that cannot be written (a crash would lose changes), else an
    /// interview file that cannot be written (other tools and a power cut
    /// would miss changes).
    pub fn problem(&self) -> Option<&SaveError> {
        self.journal_error.as_ref().or(self.flush_error.as_ref())
    }

    /// Whether the interview file holds every change and is on the disk.
    pub fn is_flushed(&self) -> bool {
        self.written
            && self.flushed >= self.revision
            && self.in_flight.is_none()
            && self.due.is_none()
    }

    /// Where the newest change is on disk, if anywhere: what to tell the
    /// interviewer when saving fails at the end.
    pub(crate) fn kept(&self) -> Kept {
        if !self.written {
            Kept::Nothing
        } else if self.flushed >= self.revision {
            Kept::File
        } else if self.journal_error.is_none()
            && self.journaled >= self.revision
            && self
                .journal
                .as_ref()
                .is_some_and(JournalWriter::is_in_place)
        {
            Kept::Journal
        } else {
            Kept::OlderFile
        }
    }

    /// Writes `record` whole to the file (a new or resumed interview) and
    /// waits for it, then opens the journal. On failure the interview stays
    /// in memory and the write is retried every [`SYNC_INTERVAL`].
    pub fn start(&mut self, record: &Record, now: Instant) -> Result<SaveOutcome, SaveError> {
        self.revision = self.revision.max(record.revision);
        self.whole = true;
        // Not flushed to the disk yet: that follows at once, on the flusher
        // thread, so the first question is not kept waiting by an fsync.
        self.send(record, false);
        self.due = Some(now);
        self.wait_for(self.revision, now)
    }

    /// Records a change: `record` as it is now, and the questions that
    /// changed (flat indexes). Appends it to the journal before returning.
    pub fn save(
        &mut self,
        record: &Record,
        changed: &[usize],
        now: Instant,
    ) -> Result<(), SaveError> {
        self.revision += 1;
        for &index in changed {
            self.dirty.insert(index, self.revision);
        }
        if self.in_flight.is_some() {
            self.waiting_since.get_or_insert(now);
        } else {
            self.due.get_or_insert(now + SYNC_INTERVAL);
        }
        if !self.written {
            // No file to apply a journal to yet: the whole interview goes
            // with the next flush, which is retried until it succeeds.
            return match &self.flush_error {
                Some(err) => Err(err.clone()),
                None => Ok(()),
            };
        }
        match self.append(record) {
            Ok(()) => {
                self.journal_error = None;
                self.journaled = self.revision;
                Ok(())
            }
            Err(e) => {
                let err = SaveError::io(&journal_path(&self.path), SaveOp::Write, &e);
                // A journal older than the file must never be replayed over
                // it: take the journal away until it can be written again.
                if let Some(journal) = self.journal.take() {
                    let _ = journal.remove();
                }
                self.journal_error = Some(err.clone());
                self.due = Some(self.due.map_or(now, |d| d.min(now + SYNC_INTERVAL)));
                Err(err)
            }
        }
    }

    fn append(&mut self, record: &Record) -> io::Result<()> {
        let gone = self.journal.as_ref().is_some_and(JournalWriter::is_gone);
        if gone {
            // Deleted underneath (perhaps with the whole folder): the file
            // may be gone too, so write it whole again at once.
            self.journal = None;
            self.whole = true;
            self.urgent = true;
            self.due = Some(Instant::now());
        }
        if self.journal.is_none() {
            self.journal = Some(JournalWriter::create(&self.path)?);
        }
        match &mut self.journal {
            Some(journal) => {
                journal.append_change(record, self.revision, self.dirty.keys().copied())
            }
            None => Ok(()),
        }
    }

    /// Asks for the file to be written and flushed at once (question change,
    /// pause, finish) rather than within a second.
    pub(crate) fn flush_soon(&mut self, now: Instant) {
        if self.in_flight.is_some() {
            self.urgent = true;
        } else {
            self.due = Some(now);
        }
    }

    /// When [`tick`](Saver::tick) has work to do; `None` while nothing waits
    /// or a flush is in flight (its report comes through `notify`).
    pub(crate) fn due(&self) -> Option<Instant> {
        if self.in_flight.is_some() {
            None
        } else {
            self.due
        }
    }

    /// Sends a flush to the flusher thread when one is due.
    pub fn tick(&mut self, record: &Record, now: Instant) {
        if self.in_flight.is_none() && self.due.is_some_and(|due| due <= now) {
            self.send(record, true);
        }
    }

    fn send(&mut self, record: &Record, durable: bool) {
        if self.flusher.is_none() {
            match Flusher::spawn(self.notify.clone()) {
                Ok(flusher) => self.flusher = Some(flusher),
                Err(e) => {
                    self.flush_error = Some(SaveError::io(&self.path, SaveOp::Write, &e));
                    self.attempted = self.revision;
                    return;
                }
            }
        }
        let job = if self.whole {
            let mut whole = record.clone();
            whole.revision = self.revision;
            Job::Replace {
                record: Box::new(whole),
                path: self.path.clone(),
                durable,
            }
        } else {
            let entry = Entry::of(record, self.revision, self.dirty.keys().copied());
            Job::Write(Box::new(entry.into_owned()))
        };
        if self.flusher.as_ref().is_some_and(|f| f.send(job)) {
            self.in_flight = Some(self.revision);
            self.attempted = self.revision;
            self.whole = false;
            self.due = None;
            self.waiting_since = None;
        } else {
            // The thread is gone; start another next time.
            self.flusher = None;
            self.whole = true;
        }
    }

    /// Takes the flusher's reports and returns the surprises worth telling
    /// (the file had been deleted or replaced underneath).
    pub(crate) fn collect(&mut self, now: Instant) -> Vec<SaveOutcome> {
        let reports = self
            .flusher
            .as_ref()
            .map(Flusher::reports)
            .unwrap_or_default();
        reports
            .into_iter()
            .filter_map(|report| self.settle(report, now).ok())
            .filter(|outcome| *outcome != SaveOutcome::Saved)
            .collect()
    }

    fn settle(&mut self, report: Report, now: Instant) -> Result<SaveOutcome, SaveError> {
        // One job is in flight at a time, so any report settles it.
        self.in_flight = None;
        if report.path != self.path {
            // A write to a path given up on (saving elsewhere); it settles nothing else.
            return report.result;
        }
        match &report.result {
            Ok(_) => {
                self.written = true;
                self.flush_error = None;
                self.flushed = self.flushed.max(report.revision);
                let flushed = self.flushed;
                self.dirty.retain(|_, changed| *changed > flushed);
                if self.flushed >= self.revision {
                    // The file holds everything: a journal that could not be
                    // written no longer puts anything at risk.
                    self.journal_error = None;
                    if let Some(journal) = &mut self.journal {
                        // Emptying is an optimisation: entries older than the
                        // file are never replayed, so a failure here is harmless.
                        let _ = journal.clear();
                    }
                }
                if self.urgent {
                    self.due = Some(now);
                } else if let Some(since) = self.waiting_since {
                    self.due = Some(since + SYNC_INTERVAL);
                }
            }
            Err(err) => {
                if err.op == SaveOp::Serialize {
                    // The thread's copy may be out of step: send it everything.
                    self.whole = true;
                }
                self.flush_error = Some(err.clone());
                self.due = Some(now + SYNC_INTERVAL);
            }
        }
        self.urgent = false;
        report.result
    }

    fn wait_for(&mut self, revision: u64, now: Instant) -> Result<SaveOutcome, SaveError> {
        let deadline = Instant::now() + WAIT_FOR_DISK;
        let mut last = None;
        while self.in_flight.is_some() {
            let left = deadline.saturating_duration_since(Instant::now());
            let Some(report) = self.flusher.as_ref().and_then(|f| f.wait(left)) else {
                break;
            };
            let revision_reported = report.revision;
            let same_path = report.path == self.path;
            let result = self.settle(report, now);
            if same_path && revision_reported >= revision {
                return result;
            }
            last = Some(result);
        }
        last.unwrap_or_else(|| Err(self.not_written()))
    }

    fn not_written(&self) -> SaveError {
        self.flush_error.clone().unwrap_or_else(|| SaveError {
            path: self.path.clone(),
            op: SaveOp::Write,
            trouble: Trouble::Other,
            reason: format!(
                "the disk did not answer within {} seconds",
                WAIT_FOR_DISK.as_secs()
            ),
        })
    }

    /// Writes every change to the file, flushes it to the disk and waits for
    /// it (finish and exit).
    pub fn flush_and_wait(
        &mut self,
        record: &Record,
        now: Instant,
    ) -> Result<SaveOutcome, SaveError> {
        // A flush in flight holds older changes: let it land first.
        if let Some(revision) = self.in_flight {
            let _ = self.wait_for(revision, now);
        }
        if self.is_flushed() {
            return Ok(SaveOutcome::Saved);
        }
        self.send(record, true);
        if self.in_flight.is_none() {
            return Err(self.not_written());
        }
        self.wait_for(self.revision, now)
    }

    /// The newest change recorded.
    pub(crate) fn revision(&self) -> u64 {
        self.revision
    }

    /// Whether the file on the disk holds `revision`, without waiting (the
    /// UI thread's [`flush_and_wait`](Saver::flush_and_wait), after
    /// [`flush_soon`](Saver::flush_soon)): yes once a flush of it landed,
    /// the error once the newest try at it failed, `None` while on its way.
    pub fn landed(&self, revision: u64) -> Option<Result<(), SaveError>> {
        if self.written && self.flushed >= revision {
            return Some(Ok(()));
        }
        match &self.flush_error {
            Some(err) if self.in_flight.is_none() && self.attempted >= revision => {
                Some(Err(err.clone()))
            }
            _ => None,
        }
    }

    /// Saves to `path` from now on (saving elsewhere after trouble): writes
    /// the whole interview there and waits. On failure saving goes on where
    /// it was: the original path is written again at once, and
    /// [`problem`](Saver::problem) goes on naming the original path's
    /// trouble, until that path can be written.
    pub(crate) fn move_to(
        &mut self,
        path: PathBuf,
        record: &Record,
        now: Instant,
    ) -> Result<(), SaveError> {
        if let Some(revision) = self.in_flight {
            let _ = self.wait_for(revision, now);
        }
        let old = std::mem::replace(&mut self.path, path);
        let old_written = std::mem::replace(&mut self.written, false);
        let old_error = self.flush_error.take();
        self.whole = true;
        self.send(record, true);
        match self.wait_for(self.revision, now) {
            Ok(_) => {
                if let Some(journal) = self.journal.take() {
                    let _ = journal.remove();
                }
                self.journal_error = None;
                self.flushed = self.revision;
                self.dirty.clear();
                if let Err(e) = JournalWriter::create(&self.path).map(|j| self.journal = Some(j)) {
                    let journal = journal_path(&self.path);
                    self.journal_error = Some(SaveError::io(&journal, SaveOp::Write, &e));
                }
                Ok(())
            }
            Err(err) => {
                self.path = old;
                self.written = old_written;
                self.flush_error = old_error;
                self.whole = true;
                self.due = Some(now);
                Err(err)
            }
        }
    }

    /// Ends saving: the journal is removed when the file holds everything in
    /// it (call [`flush_and_wait`](Saver::flush_and_wait) first), and the
    /// flusher thread finishes.
    pub fn close(mut self) {
        if self.is_flushed()
            && let Some(journal) = self.journal.take()
        {
            let _ = journal.remove();
        }
    }
}

/// Writes `record` whole to `path` at once and flushes it to the disk, with
/// no journal and no thread: for tools and tests, and for one-off writes.
pub fn write_record(path: &Path, record: &Record) -> Result<(), SaveError> {
    let text = super::to_yaml(record).map_err(|e| SaveError {
        path: path.to_path_buf(),
        op: SaveOp::Serialize,
        trouble: Trouble::Other,
        reason: e.to_string(),
    })?;
    super::flusher::write_file(path, text.as_bytes(), None, true).map(|_| ())
}

#[cfg(test)]
#[path = "saver_tests.rs"]
mod tests;
