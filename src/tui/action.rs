//! Everything the interviewer can cause on the interview screen, as one enum.
//! The keymap turns keys into these; the app's `update` carries them out.

use crossterm::event::KeyEvent;

/// One thing to do on the interview screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Edit the focused text (notes or scratch) with this key.
    Edit(KeyEvent),
    /// Insert pasted text into the focused editor.
    Paste(String),
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
    /// Open the section picker.
    OpenJump,
    /// Go to the first question of the n-th section (1-based).
    JumpToSection(u8),
    /// Enter command mode: the next key is a command.
    CommandMode,
    /// Leave command mode, a picker or an overlay.
    Back,
    /// Show or hide the help overlay.
    ToggleHelp,
    /// Open the finish screen.
    OpenFinish,
    /// Ask to quit (saves first).
    RequestQuit,
    /// Quit after confirmation.
    ConfirmQuit,
    /// Count (or stop counting) the time phonescreen was closed as interview time.
    ToggleDowntime,
    /// Save to another folder after a save failure.
    SaveElsewhere,
    /// Suspend to the shell (Ctrl+Z).
    Suspend,
}
