//! Everything that can happen to the app, as one enum: what the interviewer
//! asks for on any screen (the key table in [`super::keymap`] turns keys into
//! these), and what the clock, the terminal, the operating system and the
//! background work report. The event loop only produces actions; each screen
//! carries them out in its `update`, and drawing only reads the result.

use std::sync::Arc;

use crossterm::event::KeyEvent;

use crate::review::{Archive, Grid};
use crate::store::SessionSummary;
use crate::tui::screens::delete::Deleted;

/// One thing to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    // ── From the clock, the terminal, the operating system, background work ──
    /// The timer's second passed, or some work fell due (a flush, a retry).
    Tick,
    /// The terminal changed size: draw everything again.
    Resize,
    /// A signal asked phonescreen to stop (its number): save, restore the
    /// terminal, release the lock, exit.
    Terminate(i32),
    /// Stop and hand the terminal to the shell (Ctrl+Z, or SIGTSTP): save first.
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
    ArchiveReady(u64, Shared<Archive>),
    /// The comparison grid, built on another thread, or why it could not be.
    GridReady(u64, Shared<Result<Grid, String>>),
    /// Interviews deleted on another thread (the launcher's purge of those
    /// older than the retention): what was deleted and what was kept.
    Purged(Deleted),

    // ── Text ──
    /// Edit the focused text with this key (a typed character, Backspace,
    /// the arrows, the editor's own keys).
    Edit(KeyEvent),
    /// Insert text at the cursor of the focused text: a paste, or a burst of
    /// typing read at once.
    Insert(String),

    // ── Fields and choices (launcher, finish form) ──
    /// Focus the next field.
    NextField,
    /// Focus the previous field.
    PreviousField,
    /// The next choice of the focused picker (bank, recommendation).
    NextChoice,
    /// The previous choice of the focused picker.
    PreviousChoice,
    /// Pick the n-th choice (1-based), such as a recommendation.
    Choose(u8),
    /// Empty the focused text field.
    ClearField,

    // ── Launcher ──
    /// Resume the interrupted interview in focus.
    ResumeSelected,
    /// Start a new interview with the form's values.
    Start,
    /// Open the review screen: the saved interviews.
    OpenReview,

    // ── Review ──
    /// Move up one row (or scroll up one line).
    MoveUp,
    /// Move down one row (or scroll down one line).
    MoveDown,
    /// Scroll left (a column of the grid).
    MoveLeft,
    /// Scroll right.
    MoveRight,
    /// Up a page.
    PageUp,
    /// Down a page.
    PageDown,
    /// To the top.
    MoveHome,
    /// To the bottom.
    MoveEnd,
    /// Open the selected interview.
    Open,
    /// Sort the list by the next key: date, candidate, role, recommendation.
    CycleSort,
    /// The next interview of the list, without going back to it.
    NextItem,
    /// The previous interview of the list.
    PreviousItem,
    /// Start amending the opened interview.
    Amend,
    /// Save what was amended.
    Save,
    /// Open the comparison grid.
    OpenGrid,

    // ── Interview ──
    /// Go to the next question.
    NextQuestion,
    /// Go to the previous question.
    PreviousQuestion,
    /// Rate the current question with the n-th label (1-based).
    Rate(u8),
    /// Mark the current question skipped, or un-skip it.
    ToggleSkipped,
    /// Mark the current question asked, or unmark it.
    ToggleAsked,
    /// Pause or resume the timer.
    TogglePause,
    /// Show or hide the "listen for" guidance.
    ToggleGuidance,
    /// Switch typing between the question's notes and the scratch note.
    ToggleScratch,
    /// This key (Esc) begins a sequence: the next key is a command.
    CommandMode(KeyEvent),
    /// Open the section picker.
    OpenJump,
    /// Go to the first question of the n-th section (1-based).
    JumpToSection(u8),
    /// Show or hide the help.
    ToggleHelp,
    /// Count (or stop counting) the time phonescreen was closed as interview time.
    ToggleDowntime,
    /// Save to another folder after a save failure.
    SaveElsewhere,
    /// Start the call: the timer runs from now.
    StartCall,
    /// Ask to record a no-show: the candidate did not come.
    NoShow,
    /// Show or hide the outline in a window.
    ToggleOutline,
    /// Show or hide the candidate's prep.
    TogglePrep,
    /// Open the finish form.
    OpenFinish,
    /// Finish the interview with the form's recommendation and summary.
    Finish,
    /// Ask to quit (saves first).
    RequestQuit,
    /// Quit after the question was asked.
    ConfirmQuit,

    // ── After the call ──
    /// Put the interview's Markdown scorecard on the clipboard.
    CopyScorecard,
    /// On to the next interview: the launcher, with the last one's role,
    /// bank, interviewer and variables.
    NextInterview,
    /// Ask to delete interviews: the selected one on the review screen,
    /// those older than the retention on the launcher.
    Delete,

    // ── Everywhere ──
    /// Leave what is open: command mode, a picker, an overlay, a form.
    Back,
    /// Leave phonescreen.
    Quit,
}

/// Work done on another thread, handed over whole: the event loop's actions
/// are cloned and compared, a big result should not be. Two are equal only
/// when they are the same result.
#[derive(Debug)]
pub struct Shared<T>(pub Arc<T>);

impl<T> Shared<T> {
    /// Wraps `value`.
    pub fn new(value: T) -> Self {
        Self(Arc::new(value))
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Self(Arc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Eq for Shared<T> {}

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
