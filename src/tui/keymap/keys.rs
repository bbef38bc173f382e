//! Keys as the tables and `config.yaml` write them (`ctrl+q`, `pgdn`,
//! `esc p`), as the help shows them (`Ctrl+Q`, `PgDn`, `Esc p`), and
//! whether a key pressed is one of them.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key, or a family of keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A key without Ctrl or Alt (Shift allowed, as for Shift+Tab).
    Code(KeyCode),
    /// A character key without Ctrl or Alt.
    Char(char),
    /// Ctrl and a letter.
    Ctrl(char),
    /// The digits 1 to n; the digit is the action's number.
    Digits(u8),
    /// Any character key without Ctrl or Alt (`typing`).
    Printable,
    /// Any key at all (`any`).
    Any,
}

/// The named keys: how tables and config.yaml write them, and how the help shows them.
const NAMED: &[(&str, KeyCode, &str)] = &[
    ("pgdn", KeyCode::PageDown, "PgDn"),
    ("pgup", KeyCode::PageUp, "PgUp"),
    ("tab", KeyCode::Tab, "Tab"),
    ("shift+tab", KeyCode::BackTab, "Shift+Tab"),
    ("esc", KeyCode::Esc, "Esc"),
    ("enter", KeyCode::Enter, "Enter"),
    ("backspace", KeyCode::Backspace, "Backspace"),
    ("up", KeyCode::Up, "↑"),
    ("down", KeyCode::Down, "↓"),
    ("left", KeyCode::Left, "←"),
    ("right", KeyCode::Right, "→"),
    ("home", KeyCode::Home, "Home"),
    ("end", KeyCode::End, "End"),
    ("delete", KeyCode::Delete, "Delete"),
];

impl Key {
    /// Reads one key's name: `a`, `space`, `ctrl+q`, `f5`, `pgdn`; in the
    /// built-in tables also `1-9` and the families `typing` and `any`.
    pub fn parse(name: &str) -> Option<Key> {
        let lower = name.to_ascii_lowercase();
        let one = |s: &str| Some(s.chars().next()?).filter(|_| s.chars().count() == 1);
        if let Some(&(_, code, _)) = NAMED.iter().find(|(n, ..)| *n == lower) {
            Some(Key::Code(code))
        } else if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
            (1..=12).contains(&n).then_some(Key::Code(KeyCode::F(n)))
        } else if let Some(c) = lower.strip_prefix("ctrl+") {
            one(c).filter(char::is_ascii_lowercase).map(Key::Ctrl)
        } else if let Some(n) = lower.strip_prefix("1-").and_then(|n| n.parse::<u8>().ok()) {
            (2..=9).contains(&n).then_some(Key::Digits(n))
        } else {
            match lower.as_str() {
                "space" => Some(Key::Char(' ')),
                "typing" => Some(Key::Printable),
                "any" => Some(Key::Any),
                _ => one(name)
                    .filter(|c| !c.is_control() && *c != ' ')
                    .map(Key::Char),
            }
        }
    }

    /// Whether `key` is this key; the digit pressed for [`Key::Digits`], else 0.
    pub fn matches(self, key: &KeyEvent) -> Option<u8> {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        let plain = !ctrl && !alt;
        let hit = match (self, key.code) {
            (Key::Code(code), pressed) => plain && code == pressed,
            (Key::Char(c), KeyCode::Char(pressed)) => plain && c == pressed,
            (Key::Ctrl(c), KeyCode::Char(pressed)) => ctrl && !alt && c == pressed,
            (Key::Digits(n), KeyCode::Char(d)) if plain => {
                let digit = d.to_digit(10).filter(|d| (1..=u32::from(n)).contains(d));
                return digit.map(|d| d as u8);
            }
            (Key::Printable, KeyCode::Char(_)) => plain,
            (Key::Any, _) => true,
            _ => false,
        };
        hit.then_some(0)
    }

    /// How specific the key is: single keys (0) are tried first, then any
    /// character (1), then any key at all (2).
    pub fn tier(self) -> u8 {
        match self {
            Key::Printable => 1,
            Key::Any => 2,
            _ => 0,
        }
    }

    /// How the key reads in the help and the README.
    pub fn label(self) -> String {
        match self {
            Key::Code(KeyCode::F(n)) => format!("F{n}"),
            Key::Code(code) => {
                let named = NAMED.iter().find(|(_, c, _)| *c == code);
                named.map_or("?", |(.., label)| label).to_string()
            }
            Key::Char(' ') => "Space".to_string(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl+{}", c.to_ascii_uppercase()),
            Key::Digits(n) => format!("1-{n}"),
            Key::Printable => "typing".to_string(),
            Key::Any => "any key".to_string(),
        }
    }

    /// The shortest form, for the footer.
    pub fn short(self) -> String {
        match self {
            Key::Ctrl(c) => format!("^{}", c.to_ascii_uppercase()),
            other => other.label(),
        }
    }
}

/// A key, or Esc then a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seq(pub(super) Vec<Key>);

impl Seq {
    /// Reads `esc p`, `ctrl+q`: one key, or two separated by a space.
    pub fn parse(text: &str) -> Option<Seq> {
        let keys: Option<Vec<Key>> = text.split(' ').map(Key::parse).collect();
        keys.filter(|k| k.len() <= 2).map(Seq)
    }

    /// The keys, in order.
    pub fn keys(&self) -> &[Key] {
        &self.0
    }

    /// A function key alone.
    pub fn is_function(&self) -> bool {
        matches!(self.0[..], [Key::Code(KeyCode::F(_))])
    }

    fn join(&self, f: fn(Key) -> String) -> String {
        self.0.iter().map(|k| f(*k)).collect::<Vec<_>>().join(" ")
    }

    /// As the help shows it: `Esc p`.
    pub fn label(&self) -> String {
        self.join(Key::label)
    }

    /// As the footer shows it: `^Q`, `Esc ?`.
    pub fn short(&self) -> String {
        self.join(Key::short)
    }
}
