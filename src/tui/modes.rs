//! How each screen reads keys: its own modes (which part has focus, which
//! window is open), and [`Mode`], the screen on top in its mode, by which
//! the key tables (`keymap/`) say what a key means.

/// The launcher's modes: which part of the form has focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LauncherMode {
    /// An interrupted interview to resume.
    Resume,
    /// A text field.
    Field,
    /// The bank picker.
    Bank,
    /// The start button.
    Start,
}

/// The interview screen's modes. Esc then a key is not a mode: Esc begins
/// a key sequence the screen holds as pending (see [`Keymap::action`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InterviewMode {
    /// Keys edit the focused notes.
    Typing,
    /// Picking a section by number.
    Jump,
    /// The help is open.
    Help,
    /// The outline is open in a window (the compact layout has no room for
    /// it beside the question).
    Outline,
    /// The candidate's prep is open in a window.
    Prep,
    /// Asking whether to quit.
    ConfirmQuit,
    /// Asked whether to record a no-show (`y`, then Enter); anything else
    /// typed goes back to the notes, and is typed.
    ConfirmNoShow,
}

/// The finish form's modes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FinishMode {
    /// Choosing the recommendation.
    Choice,
    /// Typing the summary.
    Summary,
    /// The "finish and save" button has focus.
    Button,
}

/// The review screen's modes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewMode {
    /// The list of saved interviews; typing filters it.
    List,
    /// One interview opened for reading.
    Open,
    /// The comparison grid.
    Grid,
    /// The help is open.
    Help,
}

/// Amending's modes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmendMode {
    /// A rating or the recommendation has focus.
    Choice,
    /// Notes or the summary take typing.
    Text,
}

/// How keys are read right now: the screen on top, in its own mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The launcher.
    Launcher(LauncherMode),
    /// The interview.
    Interview(InterviewMode),
    /// The finish form.
    Finish(FinishMode),
    /// The interview is finished and saved.
    Done,
    /// The review screen.
    Review(ReviewMode),
    /// Amending a completed interview.
    Amend(AmendMode),
    /// Asked whether to delete interviews (`y`, then Enter).
    ConfirmDelete,
}

/// Each screen's mode is a [`Mode`] (the key tables list them so).
macro_rules! into_mode {
    ($($screen:ident($modes:ty)),*) => {$(
        impl From<$modes> for Mode {
            fn from(mode: $modes) -> Mode {
                Mode::$screen(mode)
            }
        }
    )*};
}

into_mode!(
    Launcher(LauncherMode),
    Interview(InterviewMode),
    Finish(FinishMode),
    Review(ReviewMode),
    Amend(AmendMode)
);
