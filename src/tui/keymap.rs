//! Keys as data: pure functions from (mode, key) to an [`Action`].
//!
//! Typing is sacred: while the notes have focus, every printable key, Enter
//! and Backspace edit the notes. Commands are function keys, Alt+digit,
//! Ctrl chords, or Esc followed by one key.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::Action;

/// What the interview screen is doing with keys right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Keys edit the focused text.
    Typing,
    /// The next key is a command (after Esc).
    Command,
    /// Picking a section by number.
    Jump,
    /// The help overlay is open.
    Help,
    /// Asking whether to quit.
    ConfirmQuit,
}

/// One line of the key reference: keys, and what they do.
pub type KeyHelp = (&'static str, &'static str);

/// Every key of the interview screen, for the help overlay and the README.
pub const INTERVIEW_KEYS: &[KeyHelp] = &[
    ("typing", "edits the notes of the question on screen"),
    ("PgDn / PgUp", "next / previous question (from anywhere)"),
    ("Tab", "switch between question notes and the scratch note"),
    ("Esc", "command mode: the next key is a command"),
    (
        "Esc 1-9  Alt+1-9",
        "rate the question (same rating again clears it)",
    ),
    ("Esc a", "mark asked / unmark"),
    ("Esc s", "skip / un-skip"),
    ("Esc p  F5", "pause / resume the timer"),
    ("Esc g  F2", "hide / show what to listen for"),
    ("Esc j", "jump to a section (then its number)"),
    ("Esc n", "scratch note (same as Tab)"),
    ("Esc t", "after a resume: count / don't count the time away"),
    ("Esc w", "after a save failure: save to another folder"),
    ("Esc f  F10", "finish: recommendation and summary"),
    ("Esc ?  F1", "this help"),
    (
        "Esc q  Ctrl+Q  Ctrl+C",
        "quit (saves first, asks to confirm)",
    ),
    ("Ctrl+Z", "suspend to the shell; `fg` to come back"),
];

fn is_press(key: &KeyEvent) -> bool {
    key.kind != KeyEventKind::Release
}

fn digit(c: char) -> Option<u8> {
    c.to_digit(10)
        .filter(|d| (1..=9).contains(d))
        .map(|d| d as u8)
}

/// Keys that work the same in typing and command mode.
fn global(key: &KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::PageDown => Some(Action::NextQuestion),
        KeyCode::PageUp => Some(Action::PreviousQuestion),
        KeyCode::F(1) => Some(Action::ToggleHelp),
        KeyCode::F(2) => Some(Action::ToggleGuidance),
        KeyCode::F(5) => Some(Action::TogglePause),
        KeyCode::F(10) => Some(Action::OpenFinish),
        KeyCode::Char('c' | 'q') if ctrl => Some(Action::RequestQuit),
        KeyCode::Char('z') if ctrl => Some(Action::Suspend),
        _ => None,
    }
}

/// The command a key stands for after Esc. Keys that are not commands are
/// typed (with Alt removed), so nothing typed is lost.
fn command(key: KeyEvent) -> Action {
    let typed = KeyEvent {
        modifiers: key.modifiers.difference(KeyModifiers::ALT),
        ..key
    };
    match key.code {
        KeyCode::Esc | KeyCode::Enter => Action::Back,
        KeyCode::Tab => Action::ToggleScratch,
        KeyCode::Char(c) if !typed.modifiers.contains(KeyModifiers::CONTROL) => match c {
            'a' => Action::ToggleAsked,
            's' => Action::ToggleSkipped,
            'p' => Action::TogglePause,
            'g' => Action::ToggleGuidance,
            'j' => Action::OpenJump,
            'n' => Action::ToggleScratch,
            't' => Action::ToggleDowntime,
            'w' => Action::SaveElsewhere,
            'f' => Action::OpenFinish,
            '?' | 'h' => Action::ToggleHelp,
            'q' => Action::RequestQuit,
            c => match digit(c) {
                Some(d) => Action::Rate(d),
                None => Action::Edit(typed),
            },
        },
        _ => Action::Back,
    }
}

/// The action for `key` on the interview screen in `mode`.
pub fn interview(mode: Mode, key: KeyEvent) -> Option<Action> {
    if !is_press(&key) {
        return None;
    }
    match mode {
        Mode::Typing => global(&key).or(Some(match key.code {
            KeyCode::Esc => Action::CommandMode,
            KeyCode::Tab => Action::ToggleScratch,
            // Esc followed quickly by a key arrives as Alt+key (tmux, ssh):
            // it means the same as Esc, then the key.
            KeyCode::Char(_) | KeyCode::Enter
                if key.modifiers.contains(KeyModifiers::ALT)
                    && !key.modifiers.contains(KeyModifiers::CONTROL) =>
            {
                command(key)
            }
            _ => Action::Edit(key),
        })),
        Mode::Command => global(&key).or(Some(command(key))),
        Mode::Jump => Some(match key.code {
            KeyCode::Char(c) if digit(c).is_some() => Action::JumpToSection(digit(c)?),
            KeyCode::Char('c' | 'q') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                Action::RequestQuit
            }
            _ => Action::Back,
        }),
        Mode::Help => Some(match key.code {
            KeyCode::Char('c' | 'q') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                Action::RequestQuit
            }
            // Typing closes the help and is typed: nothing is lost.
            KeyCode::Char(_) if !key.modifiers.contains(KeyModifiers::CONTROL) => Action::Edit(key),
            _ => Action::ToggleHelp,
        }),
        Mode::ConfirmQuit => Some(match key.code {
            KeyCode::Char('y' | 'Y') => Action::ConfirmQuit,
            KeyCode::Char('c' | 'q') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                Action::ConfirmQuit
            }
            KeyCode::Char('n' | 'N') | KeyCode::Esc | KeyCode::Enter => Action::Back,
            // Carrying on typing means "stay": the key is typed.
            KeyCode::Char(_) if !key.modifiers.contains(KeyModifiers::CONTROL) => Action::Edit(key),
            _ => Action::Back,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn no_printable_key_is_a_command_while_typing() {
        for c in (' '..='~').chain("éß✓".chars()) {
            let k = key(KeyCode::Char(c));
            assert_eq!(interview(Mode::Typing, k), Some(Action::Edit(k)), "{c:?}");
        }
        for code in [
            KeyCode::Enter,
            KeyCode::Backspace,
            KeyCode::Left,
            KeyCode::Delete,
        ] {
            assert_eq!(
                interview(Mode::Typing, key(code)),
                Some(Action::Edit(key(code)))
            );
        }
        let shifted = KeyEvent::new(KeyCode::Char('Q'), KeyModifiers::SHIFT);
        assert_eq!(
            interview(Mode::Typing, shifted),
            Some(Action::Edit(shifted))
        );
    }

    #[test]
    fn command_mode_takes_one_key_and_types_the_rest() {
        assert_eq!(
            interview(Mode::Typing, key(KeyCode::Esc)),
            Some(Action::CommandMode)
        );
        assert_eq!(
            interview(Mode::Command, key(KeyCode::Char('3'))),
            Some(Action::Rate(3))
        );
        assert_eq!(
            interview(Mode::Command, key(KeyCode::Char('s'))),
            Some(Action::ToggleSkipped)
        );
        let x = key(KeyCode::Char('x'));
        assert_eq!(interview(Mode::Command, x), Some(Action::Edit(x)));
        assert_eq!(
            interview(Mode::Command, key(KeyCode::Enter)),
            Some(Action::Back)
        );
    }

    #[test]
    fn chords_and_navigation_work_from_anywhere() {
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(interview(Mode::Typing, ctrl_c), Some(Action::RequestQuit));
        assert_eq!(
            interview(Mode::ConfirmQuit, ctrl_c),
            Some(Action::ConfirmQuit)
        );
        let alt2 = KeyEvent::new(KeyCode::Char('2'), KeyModifiers::ALT);
        assert_eq!(interview(Mode::Typing, alt2), Some(Action::Rate(2)));
        // Esc then `s` within tmux's escape-time arrives as Alt+s.
        let alt_s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::ALT);
        assert_eq!(interview(Mode::Typing, alt_s), Some(Action::ToggleSkipped));
        let alt_x = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::ALT);
        assert_eq!(
            interview(Mode::Typing, alt_x),
            Some(Action::Edit(key(KeyCode::Char('x'))))
        );
        assert_eq!(
            interview(Mode::Command, key(KeyCode::PageDown)),
            Some(Action::NextQuestion)
        );
        assert_eq!(
            interview(Mode::Jump, key(KeyCode::Char('4'))),
            Some(Action::JumpToSection(4))
        );
    }
}
