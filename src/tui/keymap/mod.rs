//! Keys as data: each screen's table of bindings ([`table`]), one line a
//! binding, drives dispatch, the help, the footers and the README's key
//! tables; `config.yaml` may rebind them ([`overrides`]).
//!
//! Typing is sacred: while the notes have focus, every printable key, Enter
//! and Backspace edit the notes. Commands are function keys, Ctrl chords, or
//! a sequence of Esc then one key. Alt+key means the same as Esc then the
//! key — which is also how tmux and ssh deliver a quick Esc-then-key.

mod keys;
mod overrides;
mod table;
#[cfg(test)]
mod tests;

use std::sync::{Arc, LazyLock};

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::Action;
pub use keys::{Key, Seq};
pub use overrides::{KeyOverrides, OverrideError};

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

/// Where a group of bindings is documented, and the name `config.yaml`'s
/// `keys:` section gives it.
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
    /// The review list (and what it shares with an opened interview).
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

impl Screen {
    /// Every screen, in the README's order, with its title and config name.
    pub const ALL: [(Screen, &'static str, &'static str); 9] = [
        (Screen::Interview, "Interview screen", "interview"),
        (Screen::Finish, "Finish form", "finish"),
        (Screen::Launcher, "Launcher", "launcher"),
        (Screen::Done, "After finishing", "done"),
        (Screen::ReviewList, "Review: the saved interviews", "review"),
        (Screen::ReviewOpen, "Review: an opened interview", "opened"),
        (Screen::Amend, "Review: amending", "amend"),
        (Screen::Grid, "Review: the comparison grid", "grid"),
        (Screen::Delete, "Asked to delete", "delete"),
    ];
}

/// What a binding does with the key that matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Act {
    /// This action.
    Do(Action),
    /// The i-th key does the i-th action (a pair such as PgDn / PgUp).
    Pair(&'static [Action]),
    /// [`Action::Rate`] with the digit.
    Rate,
    /// [`Action::JumpToSection`] with the digit.
    Jump,
    /// [`Action::Choose`] with the digit.
    Choose,
    /// [`Action::Edit`] with the key (Alt removed: after Esc, it was typed).
    Edit,
    /// A line break in the text. Ctrl+J is the line feed byte, which arrives
    /// for a pasted line break without bracketed paste; the editor would
    /// otherwise read it as "delete to the start of the line".
    Newline,
    /// The key begins sequences ([`Action::CommandMode`]).
    Prefix,
}

/// Where a binding shows in the footers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    /// Nowhere.
    None,
    /// In its modes' footer (with its shortest key).
    Direct(&'static str),
    /// In the footer shown after Esc (with the key that follows Esc).
    AfterEsc(&'static str),
    /// In both.
    Both(&'static str),
}

/// One line of a key table.
#[derive(Debug, Clone)]
pub struct Binding {
    /// Where it is documented, and may be rebound.
    pub screen: Screen,
    /// The modes in which its keys work.
    pub modes: &'static [Mode],
    /// The keys, each a single key or Esc then a key.
    pub keys: Vec<Seq>,
    /// What it does.
    pub act: Act,
    /// Its name in `config.yaml` (one per key for a pair); empty when it
    /// cannot be rebound (typing, and the fallbacks of pickers and dialogs).
    pub names: &'static [&'static str],
    /// Where it shows in the footers.
    pub hint: Hint,
    /// What it does, in words, for the help and the README.
    pub help: &'static str,
}

impl Binding {
    fn seqs(&self, len: usize) -> impl Iterator<Item = (usize, &Seq)> {
        self.keys
            .iter()
            .enumerate()
            .filter(move |(_, s)| s.len() == len)
    }

    /// Each key's name (`Esc p`), in table order.
    fn key_labels(&self) -> Vec<String> {
        self.keys.iter().map(Seq::label).collect()
    }

    fn separator(&self, plain: &'static str) -> &'static str {
        if matches!(self.act, Act::Pair(_)) {
            " / "
        } else {
            plain
        }
    }

    /// The keys as the help shows them: `Esc p  F5`, or `PgDn / PgUp` for a pair.
    pub fn label(&self) -> String {
        self.key_labels().join(self.separator("  "))
    }

    /// The keys as the README shows them: `` `Esc p`, `F5` ``.
    fn markdown_label(&self) -> String {
        let labels: Vec<String> = self
            .key_labels()
            .iter()
            .map(|k| format!("`{}`", k.replace('`', "'")))
            .collect();
        labels.join(self.separator(", "))
    }

    /// The keys as the footer shows them: a pair whole, else the first single
    /// key that is no function key (the footer must work where F-keys do
    /// not: GNOME Terminal takes F1 and F10, a Mac needs Fn), else a
    /// sequence, else the first key.
    fn short_label(&self) -> Option<String> {
        if matches!(self.act, Act::Pair(_)) {
            let keys: Vec<String> = self.keys.iter().map(Seq::short).collect();
            return Some(keys.join("/"));
        }
        let single = self.seqs(1).map(|(_, s)| s).find(|s| !s.is_function());
        single
            .or_else(|| self.seqs(2).map(|(_, s)| s).next())
            .or(self.keys.first())
            .map(Seq::short)
    }

    fn make(&self, key: KeyEvent, digit: u8, index: usize) -> Action {
        match &self.act {
            Act::Do(action) => action.clone(),
            Act::Pair(actions) => actions[index.min(actions.len() - 1)].clone(),
            Act::Rate => Action::Rate(digit),
            Act::Jump => Action::JumpToSection(digit),
            Act::Choose => Action::Choose(digit),
            Act::Edit => Action::Edit(KeyEvent {
                modifiers: key.modifiers.difference(KeyModifiers::ALT),
                ..key
            }),
            Act::Newline => Action::Edit(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
            Act::Prefix => Action::CommandMode(key),
        }
    }

    /// Whether the binding is a command (not typing, nor a sequence's start).
    fn is_command(&self) -> bool {
        !matches!(self.act, Act::Edit | Act::Newline | Act::Prefix)
    }
}

/// Every binding of every screen, the built-in ones with `config.yaml`'s
/// changes; shared by the app and the screens that draw its hints.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

static BUILTIN: LazyLock<Arc<Keymap>> = LazyLock::new(|| {
    Arc::new(Keymap {
        bindings: table::bindings(),
    })
});

impl Keymap {
    /// The built-in keys.
    pub fn builtin() -> Arc<Keymap> {
        Arc::clone(&BUILTIN)
    }

    /// The built-in keys with `overrides` (from `config.yaml`) applied,
    /// or what is wrong with them.
    pub fn with_overrides(overrides: &KeyOverrides) -> Result<Arc<Keymap>, OverrideError> {
        if overrides.is_empty() {
            return Ok(Self::builtin());
        }
        overrides::apply(table::bindings(), overrides).map(|bindings| Arc::new(Keymap { bindings }))
    }

    /// Every binding, in table order.
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    fn in_mode(&self, mode: Mode) -> impl Iterator<Item = &Binding> {
        self.bindings
            .iter()
            .filter(move |b| b.modes.contains(&mode))
    }

    /// The action for `key` in `mode`, after the `pending` start of a key
    /// sequence (Esc) if there is one. Within a mode, single keys are tried
    /// first, then any character, then any key.
    pub fn action(&self, mode: Mode, pending: Option<KeyEvent>, key: KeyEvent) -> Option<Action> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        if let Some(prefix) = pending {
            return Some(self.after_prefix(mode, prefix, key));
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        let esc_like = matches!(
            key.code,
            KeyCode::Char(_) | KeyCode::Enter | KeyCode::Up | KeyCode::Down
        );
        let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
        if alt && !ctrl && esc_like && self.is_prefix(mode, &esc) {
            // Esc followed quickly by a key arrives as Alt+key (tmux, ssh):
            // it means the same as Esc, then the key.
            let plain = KeyEvent {
                modifiers: key.modifiers.difference(KeyModifiers::ALT),
                ..key
            };
            return Some(self.after_prefix(mode, esc, plain));
        }
        for tier in 0..=2 {
            for b in self.in_mode(mode) {
                for (index, seq) in b.seqs(1) {
                    if seq.last().tier() == tier
                        && let Some(digit) = seq.last().matches(&key)
                    {
                        return Some(b.make(key, digit, index));
                    }
                }
            }
        }
        // Keys no binding names still reach the text being edited (arrows,
        // Backspace, the editor's own chords), never anything else.
        matches!(
            mode,
            Mode::Interview(InterviewMode::Typing) | Mode::Launcher(LauncherMode::Field)
        )
        .then_some(Action::Edit(key))
    }

    /// Whether `key` begins sequences in `mode`.
    fn is_prefix(&self, mode: Mode, key: &KeyEvent) -> bool {
        self.in_mode(mode).any(|b| {
            b.act == Act::Prefix && b.seqs(1).any(|(_, s)| s.last().matches(key).is_some())
        })
    }

    /// The key after `prefix`: a sequence it completes; else, if the key
    /// alone is a command here, that command; else typing is typed and any
    /// other key ends the sequence ([`Action::Back`]).
    fn after_prefix(&self, mode: Mode, prefix: KeyEvent, key: KeyEvent) -> Action {
        let completes = |tier: u8| {
            self.in_mode(mode).find_map(|b| {
                b.seqs(2).find_map(|(index, seq)| {
                    let keys = seq.keys();
                    let hit = keys[0].matches(&prefix).is_some() && keys[1].tier() == tier;
                    hit.then(|| keys[1].matches(&key))
                        .flatten()
                        .map(|digit| b.make(key, digit, index))
                })
            })
        };
        let alone = || {
            self.in_mode(mode).filter(|b| b.is_command()).find_map(|b| {
                b.seqs(1).find_map(|(index, seq)| {
                    let exact = seq.last().tier() == 0;
                    exact
                        .then(|| seq.last().matches(&key))
                        .flatten()
                        .map(|digit| b.make(key, digit, index))
                })
            })
        };
        completes(0)
            .or_else(alone)
            .or_else(|| completes(1))
            .or_else(|| completes(2))
            .unwrap_or(Action::Back)
    }

    /// The key that does `action` on the interview screen after Esc, as the
    /// help names it (`Esc c`): for hints that name a command by what it does.
    pub fn command_label(&self, action: &Action) -> Option<String> {
        self.bindings.iter().find_map(|b| match &b.act {
            Act::Do(a) if a == action => b.seqs(2).next().map(|(_, s)| s.label()),
            _ => None,
        })
    }

    /// The bindings documented for `screen`, in table order.
    pub fn documented(&self, screen: Screen) -> impl Iterator<Item = &Binding> {
        self.bindings.iter().filter(move |b| b.screen == screen)
    }

    /// Footer hints for `mode` (after Esc, when `pending`): (key, word)
    /// pairs, in table order.
    pub fn hints(&self, mode: Mode, pending: bool) -> Vec<(String, &'static str)> {
        self.in_mode(mode)
            .filter_map(|b| match (b.hint, pending) {
                (Hint::AfterEsc(word) | Hint::Both(word), true) => {
                    b.seqs(2).next().map(|(_, s)| (s.last().short(), word))
                }
                (Hint::Direct(word) | Hint::Both(word), false) => Some((b.short_label()?, word)),
                _ => None,
            })
            .collect()
    }

    /// The README's key tables, one per screen, as Markdown.
    pub fn markdown_tables(&self) -> String {
        let mut out = String::new();
        for (screen, title, name) in Screen::ALL {
            out.push_str(&format!(
                "**{title}** (`keys: {{{name}: …}}` in config.yaml)\n\n| keys | what they do | name |\n|---|---|---|\n"
            ));
            for b in self.documented(screen) {
                let label = b.markdown_label().replace('|', "\\|");
                let names: Vec<String> = b.names.iter().map(|n| format!("`{n}`")).collect();
                out.push_str(&format!(
                    "| {label} | {} | {} |\n",
                    b.help,
                    names.join(" / ")
                ));
            }
            out.push('\n');
        }
        out
    }
}

/// The README's key tables of the built-in keys (see [`Keymap::markdown_tables`]).
pub fn markdown_tables() -> String {
    Keymap::builtin().markdown_tables()
}
