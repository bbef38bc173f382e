//! Keys as data: one table of (mode, keys, action, help) that drives
//! dispatch, the help overlay, the footer hints and the README's key tables.
//!
//! Typing is sacred: while the notes have focus, every printable key, Enter
//! and Backspace edit the notes. Commands are function keys, Ctrl chords, or
//! Esc followed by one key. Alt+key means the same as Esc then the key —
//! which is also how tmux and ssh deliver a quick Esc-then-key.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::Action;

/// How keys are read right now: which screen, and which part of it has focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Launcher: an interrupted interview to resume has focus.
    LauncherResume,
    /// Launcher: a text field has focus.
    LauncherField,
    /// Launcher: the bank picker has focus.
    LauncherBank,
    /// Launcher: the start button has focus.
    LauncherStart,
    /// Interview: keys edit the focused notes.
    Typing,
    /// Interview: the next key is a command (after Esc).
    Command,
    /// Interview: picking a section by number.
    Jump,
    /// Interview: the help is open.
    Help,
    /// Interview: the outline is open in a window (the compact layout has
    /// no room for it beside the question).
    Outline,
    /// Interview: the candidate's prep is open in a window.
    Prep,
    /// Interview: asking whether to quit.
    ConfirmQuit,
    /// Finish form: choosing the recommendation.
    FinishChoice,
    /// Finish form: typing the summary.
    FinishSummary,
    /// Finish form: the "finish and save" button has focus.
    FinishButton,
    /// The interview is finished and saved.
    Done,
    /// Review: the list of saved interviews; typing filters it.
    ReviewList,
    /// Review: one interview opened for reading.
    ReviewOpen,
    /// Review, amending: a rating or the recommendation has focus.
    ReviewAmendChoice,
    /// Review, amending: notes or the summary take typing.
    ReviewAmendText,
    /// Review: the comparison grid.
    ReviewGrid,
    /// Review: the help is open.
    ReviewHelp,
    /// Asked whether to delete interviews (`y`, then Enter).
    ConfirmDelete,
    /// Interview: asked whether to record a no-show (`y`, then Enter);
    /// anything else typed goes back to the notes, and is typed.
    ConfirmNoShow,
}

/// Where a group of bindings is documented.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// The interview screen.
    Interview,
    /// The finish form.
    Finish,
    /// The launcher.
    Launcher,
    /// The screen after finishing.
    Done,
    /// The review list.
    ReviewList,
    /// An interview opened from the review list.
    ReviewOpen,
    /// Amending a completed interview.
    Amend,
    /// The comparison grid.
    Grid,
    /// Asked whether to delete.
    Delete,
}

const INTERVIEW: &[Mode] = &[Mode::Typing, Mode::Command];
const LAUNCHER: &[Mode] = &[
    Mode::LauncherResume,
    Mode::LauncherField,
    Mode::LauncherBank,
    Mode::LauncherStart,
];
const FINISH: &[Mode] = &[Mode::FinishChoice, Mode::FinishSummary, Mode::FinishButton];
const AMEND: &[Mode] = &[Mode::ReviewAmendChoice, Mode::ReviewAmendText];
const REVIEW_ALL: &[Mode] = &[
    Mode::ReviewList,
    Mode::ReviewOpen,
    Mode::ReviewAmendChoice,
    Mode::ReviewAmendText,
    Mode::ReviewGrid,
    Mode::ReviewHelp,
];
const REVIEW_READING: &[Mode] = &[Mode::ReviewList, Mode::ReviewOpen, Mode::ReviewGrid];

/// A key, or a family of keys, as the table names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A key without Ctrl or Alt (Shift allowed, as for Shift+Tab).
    Code(KeyCode),
    /// A character key without Ctrl or Alt.
    Char(char),
    /// Ctrl and a letter.
    Ctrl(char),
    /// The digits 1 to 9; the digit is the action's number.
    Digits,
    /// The digits 1 to n.
    DigitsUpTo(u8),
    /// Any character key without Ctrl or Alt.
    Printable,
    /// Any key at all.
    Any,
}

impl Key {
    /// Whether `key` is this key; the digit pressed for [`Key::Digits`], else 0.
    fn matches(self, key: &KeyEvent) -> Option<u8> {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        let plain = !ctrl && !alt;
        let hit = match (self, key.code) {
            (Key::Code(code), pressed) => plain && code == pressed,
            (Key::Char(c), KeyCode::Char(pressed)) => plain && c == pressed,
            (Key::Ctrl(c), KeyCode::Char(pressed)) => ctrl && !alt && c == pressed,
            (Key::Digits, KeyCode::Char(d)) if plain => {
                return d
                    .to_digit(10)
                    .filter(|d| (1..=9).contains(d))
                    .map(|d| d as u8);
            }
            (Key::DigitsUpTo(n), KeyCode::Char(d)) if plain => {
                return d
                    .to_digit(10)
                    .filter(|d| (1..=u32::from(n)).contains(d))
                    .map(|d| d as u8);
            }
            (Key::Printable, KeyCode::Char(_)) => plain,
            (Key::Any, _) => true,
            _ => false,
        };
        hit.then_some(0)
    }

    /// How specific the key is: single keys (0) are tried first, then any
    /// character (1), then any key at all (2).
    fn tier(self) -> u8 {
        match self {
            Key::Printable => 1,
            Key::Any => 2,
            _ => 0,
        }
    }

    /// How the key reads in the help and the README.
    pub fn label(self) -> String {
        match self {
            Key::Code(code) => code_label(code).to_string(),
            Key::Char(' ') => "Space".to_string(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl+{}", c.to_ascii_uppercase()),
            Key::Digits => "1-9".to_string(),
            Key::DigitsUpTo(n) => format!("1-{n}"),
            Key::Printable => "typing".to_string(),
            Key::Any => "any key".to_string(),
        }
    }

    /// A function key: GNOME Terminal takes F1 and F10 for itself, and a
    /// Mac keyboard needs Fn for any of them.
    fn is_function(self) -> bool {
        matches!(self, Key::Code(KeyCode::F(_)))
    }

    /// The shortest form, for the footer.
    fn short(self) -> String {
        match self {
            Key::Ctrl(c) => format!("^{}", c.to_ascii_uppercase()),
            other => other.label(),
        }
    }
}

fn code_label(code: KeyCode) -> &'static str {
    match code {
        KeyCode::PageDown => "PgDn",
        KeyCode::PageUp => "PgUp",
        KeyCode::Tab => "Tab",
        KeyCode::BackTab => "Shift+Tab",
        KeyCode::Esc => "Esc",
        KeyCode::Enter => "Enter",
        KeyCode::Backspace => "Backspace",
        KeyCode::Up => "↑",
        KeyCode::Down => "↓",
        KeyCode::Left => "←",
        KeyCode::Right => "→",
        KeyCode::Home => "Home",
        KeyCode::End => "End",
        KeyCode::Delete => "Delete",
        KeyCode::F(1) => "F1",
        KeyCode::F(2) => "F2",
        KeyCode::F(3) => "F3",
        KeyCode::F(4) => "F4",
        KeyCode::F(5) => "F5",
        KeyCode::F(6) => "F6",
        KeyCode::F(7) => "F7",
        KeyCode::F(8) => "F8",
        KeyCode::F(10) => "F10",
        _ => "?",
    }
}

/// What a binding does with the key that matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Act {
    /// This action.
    Do(Action),
    /// [`Action::Rate`] with the digit.
    Rate,
    /// [`Action::JumpToSection`] with the digit.
    Jump,
    /// [`Action::Choose`] with the digit.
    Choose,
    /// [`Action::Edit`] with the key (Alt removed: after Esc, it was typed).
    Edit,
    /// The i-th key does the i-th action (a pair such as PgDn / PgUp).
    PerKey(&'static [Action]),
    /// A line break in the text. Ctrl+J is the line feed byte, which arrives
    /// for a pasted line break without bracketed paste; the editor would
    /// otherwise read it as "delete to the start of the line".
    Newline,
}

impl Act {
    fn make(&self, key: KeyEvent, digit: u8, index: usize) -> Action {
        match self {
            Act::Do(action) => action.clone(),
            Act::PerKey(actions) => actions[index.min(actions.len() - 1)].clone(),
            Act::Rate => Action::Rate(digit),
            Act::Jump => Action::JumpToSection(digit),
            Act::Choose => Action::Choose(digit),
            Act::Edit => Action::Edit(KeyEvent {
                modifiers: key.modifiers.difference(KeyModifiers::ALT),
                ..key
            }),
            Act::Newline => Action::Edit(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
        }
    }
}

/// One line of the key table.
#[derive(Debug, Clone)]
pub struct Binding {
    /// Where it is documented.
    pub screen: Screen,
    /// The modes in which `keys` work.
    pub modes: &'static [Mode],
    /// The keys.
    pub keys: &'static [Key],
    /// On the interview screen, the key that does the same after Esc (or with Alt).
    pub command: Option<Key>,
    /// What it does.
    pub act: Act,
    /// What it does, in words, for the help and the README.
    pub help: &'static str,
    /// A word or two for the footer, when it is worth a place there.
    pub hint: Option<Hint>,
}

/// A binding's place in the footer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hint {
    /// The word shown after the key.
    pub word: &'static str,
    /// Shown (with the first key) in the footer of the binding's modes.
    pub direct: bool,
    /// Shown (with the command key) in the command-mode footer.
    pub command: bool,
}

impl Binding {
    /// The keys that work in `mode`: its own keys there, and its command key
    /// in command mode.
    fn keys_in(&self, mode: Mode) -> impl Iterator<Item = Key> + '_ {
        let own: &[Key] = if self.modes.contains(&mode) {
            self.keys
        } else {
            &[]
        };
        own.iter()
            .copied()
            .chain(self.command.filter(|_| mode == Mode::Command))
    }

    /// Each key's name, the command key first (`Esc p`).
    fn key_labels(&self) -> Vec<String> {
        let mut parts = Vec::new();
        if let Some(command) = self.command {
            parts.push(format!("Esc {}", command.label()));
        }
        parts.extend(self.keys.iter().map(|k| k.label()));
        parts
    }

    /// The keys as the help shows them: `Esc p  F5`, or `PgDn / PgUp` for a pair.
    pub fn label(&self) -> String {
        let separator = if matches!(self.act, Act::PerKey(_)) {
            " / "
        } else {
            "  "
        };
        self.key_labels().join(separator)
    }

    /// The keys as the README shows them: `` `Esc p`, `F5` ``.
    fn markdown_label(&self) -> String {
        let separator = if matches!(self.act, Act::PerKey(_)) {
            " / "
        } else {
            ", "
        };
        self.key_labels()
            .iter()
            .map(|k| format!("`{}`", k.replace('`', "'")))
            .collect::<Vec<_>>()
            .join(separator)
    }

    /// The keys as the footer shows them: the first, or a pair whole. A
    /// function key is shown only when nothing else does the same: the
    /// footer must work where F-keys do not (see [`Key::is_function`]).
    fn short_label(&self) -> Option<String> {
        if matches!(self.act, Act::PerKey(_)) {
            let keys: Vec<String> = self.keys.iter().map(|k| k.short()).collect();
            return Some(keys.join("/"));
        }
        let other = self.keys.iter().find(|k| !k.is_function());
        match (other, self.command) {
            (Some(key), _) => Some(key.short()),
            (None, Some(command)) => Some(format!("Esc {}", command.short())),
            (None, None) => self.keys.first().map(|k| k.short()),
        }
    }
}

const fn bind(
    screen: Screen,
    modes: &'static [Mode],
    keys: &'static [Key],
    act: Act,
    help: &'static str,
) -> Binding {
    Binding {
        screen,
        modes,
        keys,
        command: None,
        act,
        help,
        hint: None,
    }
}

const fn command(
    modes: &'static [Mode],
    keys: &'static [Key],
    command: Key,
    act: Act,
    help: &'static str,
) -> Binding {
    Binding {
        screen: Screen::Interview,
        modes,
        keys,
        command: Some(command),
        act,
        help,
        hint: None,
    }
}

/// Shown in the footer of the binding's own modes.
const fn hint(mut binding: Binding, word: &'static str) -> Binding {
    binding.hint = Some(Hint {
        word,
        direct: true,
        command: false,
    });
    binding
}

/// Shown in the command-mode footer only.
const fn command_hint(mut binding: Binding, word: &'static str) -> Binding {
    binding.hint = Some(Hint {
        word,
        direct: false,
        command: true,
    });
    binding
}

/// Shown in both.
const fn both_hint(mut binding: Binding, word: &'static str) -> Binding {
    binding.hint = Some(Hint {
        word,
        direct: true,
        command: true,
    });
    binding
}

use Key::{Char, Code, Ctrl};

/// Every key of every screen, in the order the help lists them. Within a
/// mode, single keys are tried first, then [`Key::Printable`], then [`Key::Any`].
pub static BINDINGS: &[Binding] = &[
    // ── Interview ──
    bind(
        Screen::Interview,
        &[Mode::Typing],
        &[Key::Printable],
        Act::Edit,
        "edits the notes of the question on screen",
    ),
    hint(
        bind(
            Screen::Interview,
            INTERVIEW,
            &[Code(KeyCode::PageDown), Code(KeyCode::PageUp)],
            Act::PerKey(&[Action::NextQuestion, Action::PreviousQuestion]),
            "next / previous question (from anywhere)",
        ),
        "next/prev",
    ),
    hint(
        command(
            &[Mode::Typing, Mode::Command],
            &[Code(KeyCode::Tab)],
            Char('n'),
            Act::Do(Action::ToggleScratch),
            "switch to the scratch note and back",
        ),
        "scratch",
    ),
    hint(
        bind(
            Screen::Interview,
            &[Mode::Typing],
            &[Code(KeyCode::Esc)],
            Act::Do(Action::CommandMode),
            "command mode: the next key is a command",
        ),
        "commands",
    ),
    command_hint(
        command(
            &[],
            &[],
            Key::Digits,
            Act::Rate,
            "rate the question (the same rating again clears it)",
        ),
        "rate",
    ),
    command_hint(
        command(
            &[],
            &[],
            Char('a'),
            Act::Do(Action::ToggleAsked),
            "mark asked / unmark",
        ),
        "asked",
    ),
    command_hint(
        command(
            &[],
            &[],
            Char('s'),
            Act::Do(Action::ToggleSkipped),
            "skip / un-skip",
        ),
        "skip",
    ),
    command_hint(
        command(
            INTERVIEW,
            &[Code(KeyCode::F(5))],
            Char('p'),
            Act::Do(Action::TogglePause),
            "pause / resume the timer",
        ),
        "pause",
    ),
    command_hint(
        command(
            INTERVIEW,
            &[Code(KeyCode::F(2))],
            Char('g'),
            Act::Do(Action::ToggleGuidance),
            "hide / show what to listen for",
        ),
        "guide",
    ),
    command_hint(
        command(
            &[],
            &[],
            Char('j'),
            Act::Do(Action::OpenJump),
            "jump to a section (then its number)",
        ),
        "jump",
    ),
    command(
        &[],
        &[],
        Char('t'),
        Act::Do(Action::ToggleDowntime),
        "after a resume: count / don't count the time away",
    ),
    command(
        &[],
        &[],
        Char('w'),
        Act::Do(Action::SaveElsewhere),
        "after a save failure: save to another folder",
    ),
    command(
        &[],
        &[],
        Char('c'),
        Act::Do(Action::StartCall),
        "start the call and the timer (typing into a note starts it too)",
    ),
    command(
        &[],
        &[],
        Char('x'),
        Act::Do(Action::NoShow),
        "no-show: the candidate did not come (asks first)",
    ),
    command(
        &[],
        &[],
        Char('r'),
        Act::Do(Action::TogglePrep),
        "the candidate's prep and the bank's advice",
    ),
    command(
        &[],
        &[],
        Char('o'),
        Act::Do(Action::ToggleOutline),
        "the outline, in a window",
    ),
    command(
        &[],
        &[],
        Code(KeyCode::Down),
        Act::Do(Action::MoveDown),
        "scroll the question card down (what to listen for, follow-ups)",
    ),
    command(
        &[],
        &[],
        Code(KeyCode::Up),
        Act::Do(Action::MoveUp),
        "scroll the question card up",
    ),
    // Not Esc → and Esc ←: Alt+→ and Alt+← are word moves in many a
    // terminal, and arrive as the same bytes.
    command(
        &[],
        &[],
        Char('.'),
        Act::Do(Action::NextQuestion),
        "next question, like PgDn (for keyboards without it)",
    ),
    command(
        &[],
        &[],
        Char(','),
        Act::Do(Action::PreviousQuestion),
        "previous question, like PgUp",
    ),
    command_hint(
        command(
            INTERVIEW,
            &[Code(KeyCode::F(10))],
            Char('f'),
            Act::Do(Action::OpenFinish),
            "finish: recommendation and summary",
        ),
        "finish",
    ),
    both_hint(
        command(
            INTERVIEW,
            &[Code(KeyCode::F(1))],
            Char('?'),
            Act::Do(Action::ToggleHelp),
            "this help",
        ),
        "help",
    ),
    both_hint(
        command(
            INTERVIEW,
            &[Ctrl('q'), Ctrl('c')],
            Char('q'),
            Act::Do(Action::RequestQuit),
            "quit: saves, then asks; the same key again quits",
        ),
        "quit",
    ),
    bind(
        Screen::Interview,
        INTERVIEW,
        &[Ctrl('z')],
        Act::Do(Action::Suspend),
        "suspend to the shell; `fg` comes back",
    ),
    bind(
        Screen::Interview,
        &[Mode::Typing],
        &[Ctrl('j')],
        Act::Newline,
        "a line break, like Enter (a pasted line feed)",
    ),
    bind(
        Screen::Interview,
        &[Mode::Command],
        &[Code(KeyCode::Esc), Code(KeyCode::Enter)],
        Act::Do(Action::Back),
        "leave command mode without a command",
    ),
    bind(
        Screen::Interview,
        &[Mode::Command],
        &[Key::Printable],
        Act::Edit,
        "any other key after Esc is typed, so nothing typed is lost",
    ),
    bind(
        Screen::Interview,
        &[Mode::Command],
        &[Key::Any],
        Act::Do(Action::Back),
        "any other key leaves command mode",
    ),
    bind(
        Screen::Interview,
        &[Mode::Jump],
        &[Key::Digits],
        Act::Jump,
        "in the section picker: go to that section",
    ),
    bind(
        Screen::Interview,
        &[Mode::Jump, Mode::Help, Mode::Outline, Mode::Prep],
        &[Ctrl('q'), Ctrl('c')],
        Act::Do(Action::RequestQuit),
        "in the picker, the help, the outline and the prep: quit, as everywhere",
    ),
    bind(
        Screen::Interview,
        &[Mode::Jump],
        &[Key::Any],
        Act::Do(Action::Back),
        "in the section picker: any other key cancels",
    ),
    bind(
        Screen::Interview,
        &[Mode::Help, Mode::Outline, Mode::Prep],
        &[Key::Printable],
        Act::Edit,
        "in the help, the outline and the prep: typing closes it and is typed",
    ),
    bind(
        Screen::Interview,
        &[Mode::Help, Mode::Prep],
        &[Code(KeyCode::Up), Code(KeyCode::Down)],
        Act::PerKey(&[Action::MoveUp, Action::MoveDown]),
        "in the help and the prep: scroll a line up / down",
    ),
    bind(
        Screen::Interview,
        &[Mode::Help, Mode::Prep],
        &[Code(KeyCode::PageUp), Code(KeyCode::PageDown)],
        Act::PerKey(&[Action::PageUp, Action::PageDown]),
        "in the help and the prep: scroll a page up / down",
    ),
    bind(
        Screen::Interview,
        &[Mode::Outline, Mode::Prep],
        &[Key::Any],
        Act::Do(Action::Back),
        "in the outline and the prep: any other key closes it",
    ),
    bind(
        Screen::Interview,
        &[Mode::Help],
        &[Key::Any],
        Act::Do(Action::ToggleHelp),
        "in the help: any other key closes it",
    ),
    bind(
        Screen::Interview,
        &[Mode::ConfirmNoShow],
        &[Char('y'), Char('Y'), Code(KeyCode::Enter)],
        Act::Edit,
        "asked whether to record a no-show: `y` on its own, then Enter, records it",
    ),
    bind(
        Screen::Interview,
        &[Mode::ConfirmNoShow],
        &[Ctrl('q'), Ctrl('c')],
        Act::Do(Action::RequestQuit),
        "asked whether to record a no-show: quit, as everywhere (nothing is recorded)",
    ),
    bind(
        Screen::Interview,
        &[Mode::ConfirmNoShow],
        &[Key::Printable],
        Act::Edit,
        "asked whether to record a no-show: typing goes back to the notes, and is typed",
    ),
    bind(
        Screen::Interview,
        &[Mode::ConfirmNoShow],
        &[Key::Any],
        Act::Do(Action::Back),
        "asked whether to record a no-show: Esc or any other key goes back",
    ),
    bind(
        Screen::Interview,
        &[Mode::ConfirmQuit],
        &[Ctrl('q'), Ctrl('c')],
        Act::Do(Action::ConfirmQuit),
        "when asked to quit: the same chord again quits (the interview stays resumable)",
    ),
    bind(
        Screen::Interview,
        &[Mode::ConfirmQuit],
        &[Key::Printable],
        Act::Edit,
        "when asked to quit: typing stays, and is typed",
    ),
    bind(
        Screen::Interview,
        &[Mode::ConfirmQuit],
        &[Key::Any],
        Act::Do(Action::Back),
        "when asked to quit: Esc, Enter or any other key stays",
    ),
    // ── Finish form ──
    hint(
        bind(
            Screen::Finish,
            &[Mode::FinishChoice],
            &[Key::DigitsUpTo(5)],
            Act::Choose,
            "choose the recommendation (1 Strong no, 2 No, 3 Yes, 4 Strong yes, 5 No decision) and move on to the summary",
        ),
        "choose",
    ),
    bind(
        Screen::Finish,
        &[Mode::FinishChoice],
        &[Code(KeyCode::Down), Code(KeyCode::Right)],
        Act::Do(Action::NextChoice),
        "next recommendation",
    ),
    bind(
        Screen::Finish,
        &[Mode::FinishChoice],
        &[Code(KeyCode::Up), Code(KeyCode::Left)],
        Act::Do(Action::PreviousChoice),
        "previous recommendation",
    ),
    bind(
        Screen::Finish,
        &[Mode::FinishChoice],
        &[Code(KeyCode::Enter)],
        Act::Do(Action::NextField),
        "on to the summary",
    ),
    hint(
        bind(
            Screen::Finish,
            FINISH,
            &[Code(KeyCode::Tab)],
            Act::Do(Action::NextField),
            "next part: recommendation, summary, the finish button",
        ),
        "next",
    ),
    bind(
        Screen::Finish,
        FINISH,
        &[Code(KeyCode::BackTab)],
        Act::Do(Action::PreviousField),
        "previous part",
    ),
    hint(
        bind(
            Screen::Finish,
            FINISH,
            &[Ctrl('s'), Code(KeyCode::F(10))],
            Act::Do(Action::Finish),
            "finish and save",
        ),
        "finish",
    ),
    bind(
        Screen::Finish,
        &[Mode::FinishButton],
        &[Code(KeyCode::Enter)],
        Act::Do(Action::Finish),
        "on the button: finish and save",
    ),
    hint(
        bind(
            Screen::Finish,
            FINISH,
            &[Code(KeyCode::Esc)],
            Act::Do(Action::Back),
            "back to the interview (the draft is kept)",
        ),
        "back",
    ),
    bind(
        Screen::Finish,
        FINISH,
        &[Ctrl('q'), Ctrl('c')],
        Act::Do(Action::RequestQuit),
        "back to the interview and ask to quit",
    ),
    bind(
        Screen::Finish,
        &[Mode::FinishSummary, Mode::FinishButton],
        &[Key::Printable],
        Act::Edit,
        "typing goes to the summary",
    ),
    bind(
        Screen::Finish,
        &[Mode::FinishSummary],
        &[Ctrl('j')],
        Act::Newline,
        "a line break in the summary (a pasted line feed)",
    ),
    bind(
        Screen::Finish,
        &[Mode::FinishSummary],
        &[Key::Any],
        Act::Edit,
        "the editor's keys edit the summary",
    ),
    // ── Launcher ──
    bind(
        Screen::Launcher,
        &[Mode::LauncherResume],
        &[Code(KeyCode::Enter)],
        Act::Do(Action::ResumeSelected),
        "on an interrupted interview: resume it with every note",
    ),
    hint(
        bind(
            Screen::Launcher,
            LAUNCHER,
            &[Code(KeyCode::Tab), Code(KeyCode::Down)],
            Act::Do(Action::NextField),
            "next field",
        ),
        "move",
    ),
    bind(
        Screen::Launcher,
        LAUNCHER,
        &[Code(KeyCode::BackTab), Code(KeyCode::Up)],
        Act::Do(Action::PreviousField),
        "previous field",
    ),
    hint(
        bind(
            Screen::Launcher,
            &[Mode::LauncherBank],
            &[Code(KeyCode::Left), Code(KeyCode::Right), Char(' ')],
            Act::PerKey(&[
                Action::PreviousChoice,
                Action::NextChoice,
                Action::NextChoice,
            ]),
            "on the bank: the previous / next bank",
        ),
        "bank",
    ),
    hint(
        bind(
            Screen::Launcher,
            &[Mode::LauncherField, Mode::LauncherBank],
            &[Code(KeyCode::Enter)],
            Act::Do(Action::NextField),
            "on a field: the next field",
        ),
        "next",
    ),
    bind(
        Screen::Launcher,
        &[Mode::LauncherStart],
        &[Code(KeyCode::Enter)],
        Act::Do(Action::Start),
        "on the start button: start",
    ),
    hint(
        bind(
            Screen::Launcher,
            LAUNCHER,
            &[Ctrl('s'), Code(KeyCode::F(10))],
            Act::Do(Action::Start),
            "start the interview",
        ),
        "start",
    ),
    bind(
        Screen::Launcher,
        &[Mode::LauncherField],
        &[Ctrl('u')],
        Act::Do(Action::ClearField),
        "empty the field",
    ),
    hint(
        bind(
            Screen::Launcher,
            LAUNCHER,
            &[Code(KeyCode::F(3)), Ctrl('f')],
            Act::Do(Action::OpenReview),
            "browse the saved interviews",
        ),
        "saved",
    ),
    bind(
        Screen::Launcher,
        LAUNCHER,
        &[Code(KeyCode::F(8)), Ctrl('d')],
        Act::Do(Action::Delete),
        "delete the interviews older than `retention` in config.yaml (lists them and asks first)",
    ),
    hint(
        bind(
            Screen::Launcher,
            LAUNCHER,
            &[Code(KeyCode::Esc)],
            Act::Do(Action::Back),
            "quit (press twice when the form has text)",
        ),
        "quit",
    ),
    bind(
        Screen::Launcher,
        LAUNCHER,
        &[Ctrl('q'), Ctrl('c')],
        Act::Do(Action::Quit),
        "quit",
    ),
    bind(
        Screen::Launcher,
        &[Mode::LauncherResume, Mode::LauncherField],
        &[Key::Printable],
        Act::Edit,
        "typing fills the field (on an interrupted interview, starts a new one)",
    ),
    bind(
        Screen::Launcher,
        &[Mode::LauncherField],
        &[Code(KeyCode::Backspace)],
        Act::Edit,
        "delete the last character",
    ),
    // ── Done ──
    hint(
        bind(
            Screen::Done,
            &[Mode::Done],
            &[Key::Char('c')],
            Act::Do(Action::CopyScorecard),
            "copy the scorecard (Markdown) to the clipboard",
        ),
        "copy scorecard",
    ),
    hint(
        bind(
            Screen::Done,
            &[Mode::Done],
            &[Key::Char('n')],
            Act::Do(Action::NextInterview),
            "the next interview: the launcher, with the role, bank, interviewer and variables kept",
        ),
        "next interview",
    ),
    hint(
        bind(
            Screen::Done,
            &[Mode::Done],
            &[Key::Any],
            Act::Do(Action::Quit),
            "quit (`q`, Esc, Enter or any other key)",
        ),
        "quit",
    ),
    // ── Review list ──
    bind(
        Screen::ReviewList,
        &[Mode::ReviewList],
        &[Key::Printable],
        Act::Edit,
        "typing filters the list: every word must appear (candidate, role, bank, interviewer, summary, notes)",
    ),
    bind(
        Screen::ReviewList,
        &[Mode::ReviewList],
        &[Code(KeyCode::Backspace)],
        Act::Edit,
        "delete the last character of the filter",
    ),
    bind(
        Screen::ReviewList,
        &[Mode::ReviewList],
        &[Ctrl('u')],
        Act::Do(Action::ClearField),
        "empty the filter",
    ),
    hint(
        bind(
            Screen::ReviewList,
            &[Mode::ReviewList],
            &[Code(KeyCode::Up), Code(KeyCode::Down)],
            Act::PerKey(&[Action::MoveUp, Action::MoveDown]),
            "previous / next interview",
        ),
        "move",
    ),
    bind(
        Screen::ReviewList,
        &[Mode::ReviewList],
        &[Code(KeyCode::PageUp), Code(KeyCode::PageDown)],
        Act::PerKey(&[Action::PageUp, Action::PageDown]),
        "a page up / down",
    ),
    bind(
        Screen::ReviewList,
        &[Mode::ReviewList],
        &[Code(KeyCode::Home), Code(KeyCode::End)],
        Act::PerKey(&[Action::MoveHome, Action::MoveEnd]),
        "the first / last interview",
    ),
    hint(
        bind(
            Screen::ReviewList,
            &[Mode::ReviewList],
            &[Code(KeyCode::Enter)],
            Act::Do(Action::Open),
            "open the interview: every question, note and time",
        ),
        "open",
    ),
    hint(
        bind(
            Screen::ReviewList,
            &[Mode::ReviewList],
            &[Code(KeyCode::F(6)), Ctrl('o')],
            Act::Do(Action::CycleSort),
            "sort by date, candidate, role or recommendation, in turn",
        ),
        "sort",
    ),
    hint(
        bind(
            Screen::ReviewList,
            &[Mode::ReviewList],
            &[Code(KeyCode::Esc)],
            Act::Do(Action::Back),
            "empty the filter; with none, back to the launcher (or quit)",
        ),
        "back",
    ),
    // ── An opened interview ──
    hint(
        bind(
            Screen::ReviewOpen,
            &[Mode::ReviewOpen],
            &[Code(KeyCode::Up), Code(KeyCode::Down)],
            Act::PerKey(&[Action::MoveUp, Action::MoveDown]),
            "scroll a line up / down",
        ),
        "scroll",
    ),
    bind(
        Screen::ReviewOpen,
        &[Mode::ReviewOpen],
        &[Code(KeyCode::PageUp), Code(KeyCode::PageDown)],
        Act::PerKey(&[Action::PageUp, Action::PageDown]),
        "scroll a page up / down",
    ),
    bind(
        Screen::ReviewOpen,
        &[Mode::ReviewOpen],
        &[Code(KeyCode::Home), Code(KeyCode::End)],
        Act::PerKey(&[Action::MoveHome, Action::MoveEnd]),
        "the top / the end",
    ),
    hint(
        bind(
            Screen::ReviewOpen,
            &[Mode::ReviewOpen],
            &[Char('['), Ctrl('p')],
            Act::Do(Action::PreviousItem),
            "the previous interview of the (filtered) list",
        ),
        "prev",
    ),
    hint(
        bind(
            Screen::ReviewOpen,
            &[Mode::ReviewOpen],
            &[Char(']'), Ctrl('n')],
            Act::Do(Action::NextItem),
            "the next interview of the (filtered) list",
        ),
        "next",
    ),
    hint(
        bind(
            Screen::ReviewOpen,
            &[Mode::ReviewOpen],
            &[Ctrl('e'), Code(KeyCode::F(4))],
            Act::Do(Action::Amend),
            "amend a completed interview: notes, ratings, recommendation, summary",
        ),
        "amend",
    ),
    hint(
        bind(
            Screen::ReviewOpen,
            &[Mode::ReviewOpen],
            &[Code(KeyCode::Esc)],
            Act::Do(Action::Back),
            "back to the list",
        ),
        "back",
    ),
    bind(
        Screen::ReviewOpen,
        &[Mode::ReviewOpen],
        &[Key::Printable],
        Act::Edit,
        "typing goes back to the list and filters it",
    ),
    // ── The comparison grid ──
    hint(
        bind(
            Screen::Grid,
            &[Mode::ReviewGrid],
            &[
                Code(KeyCode::Up),
                Code(KeyCode::Down),
                Code(KeyCode::Left),
                Code(KeyCode::Right),
            ],
            Act::PerKey(&[
                Action::MoveUp,
                Action::MoveDown,
                Action::MoveLeft,
                Action::MoveRight,
            ]),
            "scroll: questions up / down, candidates left / right",
        ),
        "scroll",
    ),
    bind(
        Screen::Grid,
        &[Mode::ReviewGrid],
        &[Code(KeyCode::PageUp), Code(KeyCode::PageDown)],
        Act::PerKey(&[Action::PageUp, Action::PageDown]),
        "a page of questions up / down",
    ),
    bind(
        Screen::Grid,
        &[Mode::ReviewGrid],
        &[Code(KeyCode::Home), Code(KeyCode::End)],
        Act::PerKey(&[Action::MoveHome, Action::MoveEnd]),
        "the first / last candidates",
    ),
    hint(
        bind(
            Screen::Grid,
            &[Mode::ReviewGrid],
            &[Code(KeyCode::Esc)],
            Act::Do(Action::Back),
            "back to where it was opened",
        ),
        "back",
    ),
    // ── Review: what the list and an opened interview share ──
    hint(
        bind(
            Screen::ReviewList,
            &[Mode::ReviewList, Mode::ReviewOpen],
            &[Code(KeyCode::F(7)), Ctrl('g')],
            Act::Do(Action::OpenGrid),
            "compare: questions by candidates, for the listed interviews of the selected one's bank",
        ),
        "grid",
    ),
    hint(
        bind(
            Screen::ReviewList,
            &[Mode::ReviewList, Mode::ReviewOpen],
            &[Ctrl('r')],
            Act::Do(Action::ResumeSelected),
            "resume the interview, when it is in progress",
        ),
        "resume",
    ),
    hint(
        bind(
            Screen::ReviewList,
            REVIEW_READING,
            &[Code(KeyCode::F(1)), Ctrl('k')],
            Act::Do(Action::ToggleHelp),
            "the keys of this screen",
        ),
        "help",
    ),
    // After the help in the footer: shown where there is room.
    hint(
        bind(
            Screen::ReviewList,
            &[Mode::ReviewList, Mode::ReviewOpen],
            &[Code(KeyCode::F(5)), Ctrl('y')],
            Act::Do(Action::CopyScorecard),
            "copy the interview's scorecard (Markdown) to the clipboard",
        ),
        "copy",
    ),
    hint(
        bind(
            Screen::ReviewList,
            &[Mode::ReviewList, Mode::ReviewOpen],
            &[Code(KeyCode::F(8)), Ctrl('d')],
            Act::Do(Action::Delete),
            "delete the interview with everything it left (asks first)",
        ),
        "delete",
    ),
    bind(
        Screen::ReviewList,
        &[
            Mode::ReviewList,
            Mode::ReviewOpen,
            Mode::ReviewGrid,
            Mode::ReviewHelp,
        ],
        &[Ctrl('q'), Ctrl('c')],
        Act::Do(Action::Quit),
        "quit",
    ),
    bind(
        Screen::ReviewList,
        REVIEW_ALL,
        &[Ctrl('z')],
        Act::Do(Action::Suspend),
        "suspend to the shell; `fg` comes back",
    ),
    bind(
        Screen::ReviewList,
        &[Mode::ReviewHelp],
        &[Key::Printable],
        Act::Edit,
        "in the help: typing closes it and is typed",
    ),
    bind(
        Screen::ReviewList,
        &[Mode::ReviewHelp],
        &[Key::Any],
        Act::Do(Action::ToggleHelp),
        "in the help: any other key closes it",
    ),
    // ── Asked to delete ──
    // `y` and Enter are handed over as typed text (see `accepts_text` in
    // app.rs and `screens::delete`): typed as two keys they arrive as "y",
    // then "\n"; pasted, or read in one burst, as one text, which never
    // deletes.
    bind(
        Screen::Delete,
        &[Mode::ConfirmDelete],
        &[Char('y'), Char('Y')],
        Act::Edit,
        "`y` on its own, then Enter: delete",
    ),
    bind(
        Screen::Delete,
        &[Mode::ConfirmDelete],
        &[Code(KeyCode::Enter)],
        Act::Edit,
        "after `y`: delete (Enter alone keeps everything)",
    ),
    bind(
        Screen::Delete,
        &[Mode::ConfirmDelete],
        &[Ctrl('q'), Ctrl('c')],
        Act::Do(Action::Quit),
        "quit; nothing is deleted",
    ),
    bind(
        Screen::Delete,
        &[Mode::ConfirmDelete],
        &[Key::Any],
        Act::Do(Action::Back),
        "any other key, or a paste, keeps everything",
    ),
    // ── Amending ──
    hint(
        bind(
            Screen::Amend,
            &[Mode::ReviewAmendChoice],
            &[Key::Digits],
            Act::Choose,
            "rate the question (the same rating again clears it); on the last page, the recommendation",
        ),
        "rate",
    ),
    bind(
        Screen::Amend,
        &[Mode::ReviewAmendChoice],
        &[Char('0'), Code(KeyCode::Backspace), Code(KeyCode::Delete)],
        Act::Do(Action::ClearField),
        "clear the rating",
    ),
    bind(
        Screen::Amend,
        &[Mode::ReviewAmendChoice],
        &[Code(KeyCode::Left), Code(KeyCode::Right)],
        Act::PerKey(&[Action::PreviousChoice, Action::NextChoice]),
        "the previous / next rating (or recommendation)",
    ),
    bind(
        Screen::Amend,
        &[Mode::ReviewAmendChoice],
        &[Code(KeyCode::Enter)],
        Act::Do(Action::NextField),
        "on to the notes (or the summary)",
    ),
    hint(
        bind(
            Screen::Amend,
            AMEND,
            &[Code(KeyCode::Tab), Code(KeyCode::BackTab)],
            Act::PerKey(&[Action::NextField, Action::PreviousField]),
            "switch between the rating and the notes (the recommendation and the summary)",
        ),
        "switch",
    ),
    hint(
        bind(
            Screen::Amend,
            AMEND,
            &[Code(KeyCode::PageDown), Code(KeyCode::PageUp)],
            Act::PerKey(&[Action::NextQuestion, Action::PreviousQuestion]),
            "next / previous question; after the last, the recommendation and summary",
        ),
        "next/prev",
    ),
    hint(
        bind(
            Screen::Amend,
            AMEND,
            &[Ctrl('s'), Code(KeyCode::F(10))],
            Act::Do(Action::Save),
            "save the amendments (the interview's times stay as they were)",
        ),
        "save",
    ),
    hint(
        bind(
            Screen::Amend,
            AMEND,
            &[Code(KeyCode::Esc)],
            Act::Do(Action::Back),
            "stop amending (asks first when something is not saved)",
        ),
        "done",
    ),
    bind(
        Screen::Amend,
        AMEND,
        &[Ctrl('q'), Ctrl('c')],
        Act::Do(Action::RequestQuit),
        "save the amendments and quit",
    ),
    bind(
        Screen::Amend,
        AMEND,
        &[Key::Printable],
        Act::Edit,
        "typing edits the notes (or the summary)",
    ),
    bind(
        Screen::Amend,
        &[Mode::ReviewAmendText],
        &[Ctrl('j')],
        Act::Newline,
        "a line break (a pasted line feed)",
    ),
    bind(
        Screen::Amend,
        &[Mode::ReviewAmendText],
        &[Key::Any],
        Act::Edit,
        "the editor's keys edit the text",
    ),
];

/// The action for `key` in `mode`, if the key means anything there.
pub fn action(mode: Mode, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    let after_esc = matches!(
        key.code,
        KeyCode::Char(_) | KeyCode::Enter | KeyCode::Up | KeyCode::Down
    );
    if mode == Mode::Typing && alt && !ctrl && after_esc {
        // Esc followed quickly by a key arrives as Alt+key (tmux, ssh): it
        // means the same as Esc, then the key.
        let plain = KeyEvent {
            modifiers: key.modifiers.difference(KeyModifiers::ALT),
            ..key
        };
        return action(Mode::Command, plain);
    }
    for tier in 0..=2 {
        for binding in BINDINGS {
            for (index, k) in binding.keys_in(mode).enumerate() {
                if k.tier() != tier {
                    continue;
                }
                if let Some(digit) = k.matches(&key) {
                    return Some(binding.act.make(key, digit, index));
                }
            }
        }
    }
    // Keys no binding names still reach the text being edited (arrows,
    // Backspace, the editor's own chords), never anything else.
    matches!(mode, Mode::Typing | Mode::LauncherField).then(|| Action::Edit(key))
}

/// The key that does `action` on the interview screen after Esc, as the
/// help names it (`Esc c`): for hints that name a command by what it does.
pub fn command_label(action: &Action) -> Option<String> {
    BINDINGS.iter().find_map(|b| match (&b.act, b.command) {
        (Act::Do(a), Some(key)) if a == action => Some(format!("Esc {}", key.label())),
        _ => None,
    })
}

/// The bindings documented for `screen`, in table order.
pub fn documented(screen: Screen) -> impl Iterator<Item = &'static Binding> {
    BINDINGS.iter().filter(move |b| b.screen == screen)
}

/// Footer hints for `mode`: (key, word) pairs, in table order.
pub fn hints(mode: Mode) -> Vec<(String, &'static str)> {
    BINDINGS
        .iter()
        .filter_map(|b| {
            let hint = b.hint?;
            if mode == Mode::Command {
                return b
                    .command
                    .filter(|_| hint.command)
                    .map(|c| (c.short(), hint.word));
            }
            if !(hint.direct && b.modes.contains(&mode)) {
                return None;
            }
            Some((b.short_label()?, hint.word))
        })
        .collect()
}

/// The README's key tables, one per screen, as Markdown.
pub fn markdown_tables() -> String {
    let mut out = String::new();
    for (screen, title) in [
        (Screen::Interview, "Interview screen"),
        (Screen::Finish, "Finish form"),
        (Screen::Launcher, "Launcher"),
        (Screen::Done, "After finishing"),
        (Screen::ReviewList, "Review: the saved interviews"),
        (Screen::ReviewOpen, "Review: an opened interview"),
        (Screen::Amend, "Review: amending"),
        (Screen::Grid, "Review: the comparison grid"),
        (Screen::Delete, "Asked to delete"),
    ] {
        out.push_str(&format!(
            "**{title}**\n\n| keys | what they do |\n|---|---|\n"
        ));
        for b in documented(screen) {
            let label = b.markdown_label().replace('|', "\\|");
            out.push_str(&format!("| {label} | {} |\n", b.help));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn chord(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    const MODES: [Mode; 23] = [
        Mode::LauncherResume,
        Mode::LauncherField,
        Mode::LauncherBank,
        Mode::LauncherStart,
        Mode::Typing,
        Mode::Command,
        Mode::Jump,
        Mode::Help,
        Mode::Outline,
        Mode::Prep,
        Mode::ConfirmQuit,
        Mode::FinishChoice,
        Mode::FinishSummary,
        Mode::FinishButton,
        Mode::Done,
        Mode::ReviewList,
        Mode::ReviewOpen,
        Mode::ReviewAmendChoice,
        Mode::ReviewAmendText,
        Mode::ReviewGrid,
        Mode::ReviewHelp,
        Mode::ConfirmDelete,
        Mode::ConfirmNoShow,
    ];

    /// Every key worth trying: characters, the named keys, function keys,
    /// each with no modifier, Ctrl, Alt and Shift.
    fn sample_keys() -> Vec<KeyEvent> {
        let mut codes: Vec<KeyCode> = (' '..='~').chain("é✓".chars()).map(KeyCode::Char).collect();
        codes.extend([
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Backspace,
            KeyCode::Delete,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::PageUp,
            KeyCode::PageDown,
        ]);
        codes.extend((1..=12).map(KeyCode::F));
        let mut keys = Vec::new();
        for code in codes {
            for m in [
                KeyModifiers::NONE,
                KeyModifiers::CONTROL,
                KeyModifiers::ALT,
                KeyModifiers::SHIFT,
            ] {
                keys.push(chord(code, m));
            }
        }
        keys
    }

    #[test]
    fn no_two_bindings_clash_in_one_mode() {
        for mode in MODES {
            for k in sample_keys() {
                for tier in 0..=2 {
                    let hits: Vec<&str> = BINDINGS
                        .iter()
                        .filter(|b| {
                            b.keys_in(mode)
                                .filter(|x| x.tier() == tier)
                                .any(|x| x.matches(&k).is_some())
                        })
                        .map(|b| b.help)
                        .collect();
                    assert!(hits.len() <= 1, "{mode:?} {k:?}: {hits:?}");
                }
            }
        }
    }

    #[test]
    fn every_binding_has_help_and_works_somewhere() {
        for b in BINDINGS {
            assert!(!b.help.trim().is_empty(), "{b:?}");
            assert!(!b.modes.is_empty() || b.command.is_some(), "{b:?}");
            assert!(!b.keys.is_empty() || b.command.is_some(), "{b:?}");
        }
    }

    #[test]
    fn no_printable_key_is_a_command_while_typing() {
        for c in (' '..='~').chain("éß✓".chars()) {
            let k = key(KeyCode::Char(c));
            assert_eq!(action(Mode::Typing, k), Some(Action::Edit(k)), "{c:?}");
        }
        for code in [
            KeyCode::Enter,
            KeyCode::Backspace,
            KeyCode::Left,
            KeyCode::Delete,
        ] {
            assert_eq!(
                action(Mode::Typing, key(code)),
                Some(Action::Edit(key(code)))
            );
        }
        let shifted = chord(KeyCode::Char('Q'), KeyModifiers::SHIFT);
        assert_eq!(action(Mode::Typing, shifted), Some(Action::Edit(shifted)));
        // A pasted line feed is a line break, never the editor's "delete to
        // the start of the line".
        assert_eq!(
            action(
                Mode::Typing,
                chord(KeyCode::Char('j'), KeyModifiers::CONTROL)
            ),
            Some(Action::Edit(key(KeyCode::Enter)))
        );
    }

    #[test]
    fn command_mode_takes_one_key_and_types_the_rest() {
        assert_eq!(
            action(Mode::Typing, key(KeyCode::Esc)),
            Some(Action::CommandMode)
        );
        assert_eq!(
            action(Mode::Command, key(KeyCode::Char('3'))),
            Some(Action::Rate(3))
        );
        assert_eq!(
            action(Mode::Command, key(KeyCode::Char('s'))),
            Some(Action::ToggleSkipped)
        );
        let x = key(KeyCode::Char('k'));
        assert_eq!(action(Mode::Command, x), Some(Action::Edit(x)));
        assert_eq!(
            action(Mode::Command, key(KeyCode::Enter)),
            Some(Action::Back)
        );
        assert_eq!(
            action(Mode::Command, key(KeyCode::Home)),
            Some(Action::Back)
        );
    }

    #[test]
    fn chords_and_navigation_work_from_anywhere() {
        let ctrl_c = chord(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(action(Mode::Typing, ctrl_c), Some(Action::RequestQuit));
        assert_eq!(action(Mode::ConfirmQuit, ctrl_c), Some(Action::ConfirmQuit));
        let alt2 = chord(KeyCode::Char('2'), KeyModifiers::ALT);
        assert_eq!(action(Mode::Typing, alt2), Some(Action::Rate(2)));
        let alt_s = chord(KeyCode::Char('s'), KeyModifiers::ALT);
        assert_eq!(action(Mode::Typing, alt_s), Some(Action::ToggleSkipped));
        let alt_x = chord(KeyCode::Char('k'), KeyModifiers::ALT);
        assert_eq!(
            action(Mode::Typing, alt_x),
            Some(Action::Edit(key(KeyCode::Char('k'))))
        );
        assert_eq!(
            action(Mode::Command, key(KeyCode::PageDown)),
            Some(Action::NextQuestion)
        );
        assert_eq!(
            action(Mode::Jump, key(KeyCode::Char('4'))),
            Some(Action::JumpToSection(4))
        );
    }

    #[test]
    fn quitting_is_never_completed_by_typing() {
        for c in (' '..='~').chain("éß".chars()) {
            let k = key(KeyCode::Char(c));
            assert_eq!(action(Mode::ConfirmQuit, k), Some(Action::Edit(k)), "{c:?}");
        }
        for code in [
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Tab,
            KeyCode::PageDown,
        ] {
            assert_eq!(action(Mode::ConfirmQuit, key(code)), Some(Action::Back));
        }
        let ctrl_q = chord(KeyCode::Char('q'), KeyModifiers::CONTROL);
        assert_eq!(action(Mode::ConfirmQuit, ctrl_q), Some(Action::ConfirmQuit));
    }

    #[test]
    fn no_footer_needs_a_function_key() {
        // F1 and F10 are GNOME Terminal's; a Mac keyboard needs Fn for all.
        let modes = MODES.iter().copied();
        for mode in modes {
            for (key, word) in hints(mode) {
                assert!(
                    !key.split('/').any(|k| k.starts_with('F') && k.len() > 1),
                    "{mode:?}: `{key} {word}` needs a function key"
                );
            }
        }
        // And every command a function key gives has another key too.
        for b in BINDINGS {
            if b.keys.iter().any(|k| k.is_function()) {
                assert!(
                    b.command.is_some() || b.keys.iter().any(|k| !k.is_function()),
                    "only a function key does: {}",
                    b.help
                );
            }
        }
    }

    #[test]
    fn pairs_name_an_action_for_each_key() {
        for b in BINDINGS {
            if let Act::PerKey(actions) = &b.act {
                assert_eq!(actions.len(), b.keys.len(), "{b:?}");
                assert!(b.command.is_none(), "{b:?}");
            }
        }
        assert_eq!(
            action(Mode::Typing, key(KeyCode::PageUp)),
            Some(Action::PreviousQuestion)
        );
    }

    #[test]
    fn hints_come_from_the_table() {
        let typing: Vec<String> = hints(Mode::Typing).into_iter().map(|(k, _)| k).collect();
        assert_eq!(typing, ["PgDn/PgUp", "Tab", "Esc", "Esc ?", "^Q"]);
        let command: Vec<String> = hints(Mode::Command).into_iter().map(|(k, _)| k).collect();
        assert_eq!(command, ["1-9", "a", "s", "p", "g", "j", "f", "?", "q"]);
    }
}
