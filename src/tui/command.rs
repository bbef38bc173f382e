//! What the interviewer asks for, on any screen: the key tables
//! (`keymap/`) turn keys into these, and typed or pasted text arrives
//! as [`Command::Insert`]. What happened meanwhile (the clock, the terminal,
//! signals, background work) is an `Event` (`event.rs`) instead. Each
//! screen carries commands out in its `update`; drawing only reads the result.

use crossterm::event::KeyEvent;

/// What a key (or a paste) means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
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
    /// Stop and hand the terminal to the shell (Ctrl+Z): save first.
    Suspend,
    /// Leave what is open: command mode, a picker, an overlay, a form.
    Back,
    /// Leave phonescreen.
    Quit,
}
