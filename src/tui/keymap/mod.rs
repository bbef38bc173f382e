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

use super::command::Command;
pub use super::modes::{AmendMode, FinishMode, InterviewMode, LauncherMode, Mode, ReviewMode};
pub use keys::{Key, Seq};
pub use overrides::{KeyOverrides, OverrideError};

/// The screens the tables document, in the README's order: the name
/// `config.yaml`'s `keys:` section gives each, and its title.
pub const SCREENS: [(&str, &str); 9] = [
    ("interview", "Interview screen"),
    ("finish", "Finish form"),
    ("launcher", "Launcher"),
    ("done", "After finishing"),
    ("review", "Review: the saved interviews"),
    ("opened", "Review: an opened interview"),
    ("amend", "Review: amending"),
    ("grid", "Review: the comparison grid"),
    ("delete", "Asked to delete"),
];

/// What a binding does with the key that matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Act {
    /// This action.
    Do(Command),
    /// The i-th key does the i-th action (a pair such as PgDn / PgUp).
    Pair(&'static [Command]),
    /// [`Command::Rate`] with the digit.
    Rate,
    /// [`Command::JumpToSection`] with the digit.
    Jump,
    /// [`Command::Choose`] with the digit.
    Choose,
    /// [`Command::Edit`] with the key (Alt removed: after Esc, it was typed).
    Edit,
    /// A line break in the text. Ctrl+J is the line feed byte, which arrives
    /// for a pasted line break without bracketed paste; the editor would
    /// otherwise read it as "delete to the start of the line".
    Newline,
    /// The key begins sequences ([`Command::CommandMode`]).
    Prefix,
}

/// Where a binding shows in the footers, with the word after its key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    /// Nowhere.
    None,
    /// In its modes' footer, with its shortest key.
    Direct(&'static str),
    /// In the footer shown after Esc, with the key after Esc.
    AfterEsc(&'static str),
    /// In both.
    Both(&'static str),
}

/// One line of a key table.
#[derive(Debug, Clone)]
pub struct Binding {
    /// Where it is documented and may be rebound (a name of [`SCREENS`]).
    pub screen: &'static str,
    /// The modes in which its keys work.
    pub modes: Vec<Mode>,
    /// The keys, each a single key or Esc then a key.
    pub keys: Vec<Seq>,
    /// What it does.
    pub act: Act,
    /// Its name in `config.yaml` (one per key for a pair); none when it
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
            .filter(move |(_, s)| s.keys().len() == len)
    }

    /// The keys as the help shows them: `Esc p  F5`, or `PgDn / PgUp` for a pair.
    pub fn label(&self) -> String {
        let labels: Vec<String> = self.keys.iter().map(Seq::label).collect();
        labels.join(if self.is_pair() { " / " } else { "  " })
    }

    /// Whether the i-th key does the i-th of several actions.
    pub fn is_pair(&self) -> bool {
        matches!(self.act, Act::Pair(_))
    }

    /// The keys as the footer shows them: a pair whole, else the first single
    /// key that is no function key (the footer must work where F-keys do
    /// not: GNOME Terminal takes F1 and F10, a Mac needs Fn), else a
    /// sequence, else the first key.
    fn short_label(&self) -> Option<String> {
        if self.is_pair() {
            let keys: Vec<String> = self.keys.iter().map(Seq::short).collect();
            return Some(keys.join("/"));
        }
        let single = self.seqs(1).map(|(_, s)| s).find(|s| !s.is_function());
        single
            .or_else(|| self.seqs(2).map(|(_, s)| s).next())
            .or(self.keys.first())
            .map(Seq::short)
    }

    fn make(&self, key: KeyEvent, digit: u8, index: usize) -> Command {
        match &self.act {
            Act::Do(action) => action.clone(),
            Act::Pair(actions) => actions[index.min(actions.len() - 1)].clone(),
            Act::Rate => Command::Rate(digit),
            Act::Jump => Command::JumpToSection(digit),
            Act::Choose => Command::Choose(digit),
            Act::Edit => Command::Edit(KeyEvent {
                modifiers: key.modifiers.difference(KeyModifiers::ALT),
                ..key
            }),
            Act::Newline => Command::Edit(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
            Act::Prefix => Command::CommandMode(key),
        }
    }

    /// Whether the binding is a command (not typing, nor a sequence's start).
    fn is_command(&self) -> bool {
        !matches!(self.act, Act::Edit | Act::Newline | Act::Prefix)
    }

    /// The action of the first of its keys that is `key` (of `tier`, see
    /// [`Key::tier`]) alone, or after `prefix` when there is one.
    fn hit(&self, tier: u8, prefix: Option<KeyEvent>, key: KeyEvent) -> Option<Command> {
        let len = if prefix.is_some() { 2 } else { 1 };
        self.seqs(len).find_map(|(index, seq)| {
            let [.., last] = seq.keys() else { return None };
            let first = prefix.is_none_or(|p| seq.keys()[0].matches(&p).is_some());
            let digit = (first && last.tier() == tier).then(|| last.matches(&key))??;
            Some(self.make(key, digit, index))
        })
    }
}

/// Every binding of every screen, the built-in ones with `config.yaml`'s
/// changes; shared by the app and the screens that draw its hints.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

static BUILTIN: LazyLock<Arc<Keymap>> = LazyLock::new(|| {
    let bindings = table::bindings();
    Arc::new(Keymap { bindings })
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
        let bindings = overrides::apply(table::bindings(), overrides)?;
        Ok(Arc::new(Keymap { bindings }))
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
    pub fn action(&self, mode: Mode, pending: Option<KeyEvent>, key: KeyEvent) -> Option<Command> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        if let Some(prefix) = pending {
            return Some(self.after_prefix(mode, prefix, key));
        }
        let (alt, ctrl) = (KeyModifiers::ALT, KeyModifiers::CONTROL);
        let esc_like = matches!(
            key.code,
            KeyCode::Char(_) | KeyCode::Enter | KeyCode::Up | KeyCode::Down
        );
        let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
        let esc_begins = || {
            self.in_mode(mode)
                .any(|b| b.act == Act::Prefix && b.hit(0, None, esc).is_some())
        };
        if key.modifiers.contains(alt) && !key.modifiers.contains(ctrl) && esc_like && esc_begins()
        {
            // Esc followed quickly by a key arrives as Alt+key (tmux, ssh):
            // it means the same as Esc, then the key.
            let modifiers = key.modifiers.difference(alt);
            return Some(self.after_prefix(mode, esc, KeyEvent { modifiers, ..key }));
        }
        let found =
            (0..=2).find_map(|tier| self.in_mode(mode).find_map(|b| b.hit(tier, None, key)));
        // Keys no binding names still reach the text being edited (arrows,
        // Backspace, the editor's own chords), never anything else.
        let edits = matches!(
            mode,
            Mode::Interview(InterviewMode::Typing) | Mode::Launcher(LauncherMode::Field)
        );
        found.or(edits.then_some(Command::Edit(key)))
    }

    /// The key after `prefix`: a sequence it completes; else, if the key
    /// alone is a command here, that command; else typing is typed and any
    /// other key ends the sequence ([`Command::Back`]).
    fn after_prefix(&self, mode: Mode, prefix: KeyEvent, key: KeyEvent) -> Command {
        let mut bindings = self.in_mode(mode);
        let completes = |tier| {
            self.in_mode(mode)
                .find_map(|b| b.hit(tier, Some(prefix), key))
        };
        let alone = || bindings.find_map(|b| b.hit(0, None, key).filter(|_| b.is_command()));
        completes(0)
            .or_else(alone)
            .or_else(|| completes(1).or_else(|| completes(2)))
            .unwrap_or(Command::Back)
    }

    /// The key that does `action` on the interview screen after Esc, as the
    /// help names it (`Esc c`): for hints that name a command by what it does.
    pub fn command_label(&self, action: &Command) -> Option<String> {
        self.bindings.iter().find_map(|b| match &b.act {
            Act::Do(a) if a == action => b.seqs(2).next().map(|(_, s)| s.label()),
            _ => None,
        })
    }

    /// Footer hints for `mode` (after Esc, when `pending`): (key, word)
    /// pairs, in table order.
    pub fn hints(&self, mode: Mode, pending: bool) -> Vec<(String, &'static str)> {
        let hint = |b: &Binding| match (b.hint, pending) {
            (Hint::AfterEsc(word) | Hint::Both(word), true) => {
                Some((b.seqs(2).next()?.1.keys()[1].short(), word))
            }
            (Hint::Direct(word) | Hint::Both(word), false) => Some((b.short_label()?, word)),
            _ => None,
        };
        self.in_mode(mode).filter_map(hint).collect()
    }
}
