//! What happened, as opposed to what a key means ([`super::command`]): the
//! clock, the terminal, the operating system, and work done on other threads
//! (saves, listings, the archive, deletions), which reports through the
//! [`Mailbox`]. Screens take these in `on_event`.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};

use crate::interview::Interview;
use crate::interview::record::Record;
use crate::review::amend::AmendError;
use crate::review::draft::Recovery;
use crate::review::{Archive, Grid};
use crate::store::SessionLock;
use crate::store::delete::{Deleted, Doomed};
use crate::store::session::{Resumed, Session};
use crate::store::{Notify, SessionSummary};
use crate::tui::clipboard::Handed;

/// Something that happened.
#[derive(Debug, Clone)]
pub enum Event {
    /// The timer's second passed, or some work fell due (a flush, a retry).
    Tick,
    /// The terminal changed size: draw everything again.
    Resize,
    /// A signal asked phonescreen to stop (its number): save, restore the
    /// terminal, release the lock, exit.
    Terminate(i32),
    /// SIGTSTP asked phonescreen to stop to the shell: save first.
    Suspend,
    /// The flusher thread finished writing the interview file.
    Saved,
    /// Saved interviews read in the background for the launcher, newest first.
    Listed(Vec<ListedItem>),
    /// The background listing is complete.
    ListingDone,
    /// The review archive's refresh (the one started as `generation`) has
    /// read `done` of the `total` files that changed.
    ArchiveProgress {
        /// Which refresh.
        generation: u64,
        /// Files read so far.
        done: usize,
        /// Files to read.
        total: usize,
    },
    /// The review archive, brought up to date on another thread.
    ArchiveReady(u64, Arc<Archive>),
    /// The comparison grid, built on another thread, or why it could not be.
    GridReady(u64, Arc<Result<Grid, String>>),
    /// Interviews deleted on another thread (the launcher's purge of those
    /// older than the retention): what was deleted and what was kept.
    Purged(Deleted),
    /// Whether an interview can be deleted, checked on another thread
    /// before the review screen asks.
    DeleteChecked(Arc<DeleteCheck>),
    /// An interview deleted on another thread from the review screen.
    Deleted(Deleted),
    /// A scorecard read on another thread to copy, or why it could not be.
    ScorecardReady(Arc<Result<Scorecard, String>>),
    /// The interview at this path, read on another thread to open (and
    /// whether unsaved amendments wait for it), or why it could not be.
    Opened(PathBuf, Arc<Result<(Record, bool), String>>),
    /// The interview at this path, taken on another thread to amend (its
    /// lock, its newest copy, its draft); taken out of the mutex once.
    AmendReady(PathBuf, Arc<Mutex<Option<AmendStart>>>),
    /// Amendments to the interview at this path, saved on another thread:
    /// the file as written, or why it could not be.
    AmendSaved(PathBuf, Arc<Result<Record, AmendError>>),
    /// An interview started or resumed on another thread; taken out of the
    /// mutex once.
    Begun(Arc<Mutex<Option<Begun>>>),
    /// The file half of a copy (of the scorecard of this candidate), written
    /// on another thread: where it went, or why it could not be written.
    HandedOver(String, Handed),
}

/// Where work on other threads sends its results, waking the event loop.
#[derive(Clone)]
pub struct Mailbox {
    tx: Sender<Event>,
    wake: Arc<dyn Fn() + Send + Sync>,
}

impl std::fmt::Debug for Mailbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Mailbox")
    }
}

impl Mailbox {
    /// A mailbox whose `wake` tells the event loop to look.
    pub fn new(wake: Arc<dyn Fn() + Send + Sync>) -> (Self, Receiver<Event>) {
        let (tx, rx) = mpsc::channel();
        (Self { tx, wake }, rx)
    }

    /// A mailbox nobody is woken for (tests drive the app by hand).
    pub fn detached() -> (Self, Receiver<Event>) {
        Self::new(Arc::new(|| {}))
    }

    /// Delivers an event to the loop.
    pub fn send(&self, event: Event) {
        if self.tx.send(event).is_ok() {
            (self.wake)();
        }
    }

    /// What the flusher calls after each write of the interview file.
    pub(crate) fn notify_saved(&self) -> Notify {
        let mailbox = self.clone();
        Arc::new(move || mailbox.send(Event::Saved))
    }
}

/// One row of the launcher's saved-interview list, read in the background.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListedItem {
    /// An interview; `resumable` when it is in progress and no running
    /// phonescreen has it open.
    Session {
        /// What the list shows.
        summary: Box<SessionSummary>,
        /// Whether it can be resumed.
        resumable: bool,
        /// When its file was last written: what dates it for the retention
        /// when its start date is suspect (see `store::retention`).
        modified: Option<std::time::SystemTime>,
    },
    /// A file that could not be read, with the reason.
    Problem(std::path::PathBuf, String),
}

// What background work hands back, carried by the events above.

/// An interview's Markdown scorecard, to copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scorecard {
    /// The interview id: the scorecard's file name when a file is written.
    pub id: String,
    /// The candidate, for the message.
    pub candidate: String,
    /// The scorecard ([`crate::review::export::markdown`]).
    pub markdown: String,
}

/// An interview taken up on another thread.
#[derive(Debug)]
pub enum Begun {
    /// Started anew: the interview and its saving (the first write done,
    /// or failed and to be retried), and the lines to tell the interviewer.
    Started(Box<(Interview, Session)>, Vec<String>),
    /// Resumed, or why it could not be.
    Resumed(Result<Box<Resumed>, String>),
    /// Not started: the prep file could not be read (why).
    NoPrep(String),
}

/// What amending an interview starts from, read under its lock.
#[derive(Debug)]
pub enum AmendStart {
    /// Finished: amend it, with what a draft left by a crash holds.
    Ready {
        /// Held while amending.
        lock: SessionLock,
        /// The newest copy of the file.
        record: Record,
        /// The draft beside it.
        recovery: Recovery,
    },
    /// In progress again (resumed since it was opened): not amended.
    Reopened(Record),
    /// Why it cannot be amended.
    Refused(String),
}

/// Whether an interview can be deleted, and how many files would go.
#[derive(Debug)]
pub struct DeleteCheck {
    /// Which, and how the messages name it.
    pub doomed: Doomed,
    /// The question to ask, made safe.
    pub question: String,
    /// How many files go (none: gone already), or why it cannot be
    /// deleted: open in a running phonescreen (another one, or this one).
    pub files: Result<usize, String>,
}
