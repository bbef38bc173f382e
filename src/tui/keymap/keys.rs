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
    /// Any character key without Ctrl or Alt.
    Printable,
    /// Any key at all.
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
        if let Some(&(_, code, _)) = NAMED.iter().find(|(n, ..)| *n == lower) {
            return Some(Key::Code(code));
        }
        if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
            return (1..=12).contains(&n).then_some(Key::Code(KeyCode::F(n)));
        }
        if let Some(c) = lower.strip_prefix("ctrl+") {
            let mut chars = c.chars();
            return match (chars.next(), chars.next()) {
                (Some(c), None) if c.is_ascii_lowercase() => Some(Key::Ctrl(c)),
                _ => None,
            };
        }
        match lower.as_str() {
            "space" => return Some(Key::Char(' ')),
            "typing" => return Some(Key::Printable),
            "any" => return Some(Key::Any),
            _ => {}
        }
        if let Some(n) = lower.strip_prefix("1-").and_then(|n| n.parse::<u8>().ok()) {
            return (2..=9).contains(&n).then_some(Key::Digits(n));
        }
        let mut chars = name.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) if !c.is_control() && c != ' ' => Some(Key::Char(c)),
            _ => None,
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
    pub fn tier(self) -> u8 {
        match self {
            Key::Printable => 1,
            Key::Any => 2,
            _ => 0,
        }
    }

    /// Whether pressing this key could also be typing: a character, Enter,
    /// Backspace, or a family of them.
    pub fn types(self) -> bool {
        matches!(
            self,
            Key::Char(_)
                | Key::Digits(_)
                | Key::Printable
                | Key::Any
                | Key::Code(KeyCode::Enter | KeyCode::Backspace)
        )
    }

    /// How the key reads in the help and the README.
    pub fn label(self) -> String {
        match self {
            Key::Code(KeyCode::F(n)) => format!("F{n}"),
            Key::Code(code) => NAMED
                .iter()
                .find(|(_, c, _)| *c == code)
                .map_or("?", |(.., label)| label)
                .to_string(),
            Key::Char(' ') => "Space".to_string(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl+{}", c.to_ascii_uppercase()),
            Key::Digits(9) => "1-9".to_string(),
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seq {
    keys: [Key; 2],
    len: usize,
}

impl Seq {
    /// Reads `esc p`, `ctrl+q`: one key, or two separated by a space.
    pub fn parse(text: &str) -> Option<Seq> {
        let parts: Vec<&str> = text.split(' ').collect();
        match parts.as_slice() {
            [one] => Some(Seq::one(Key::parse(one)?)),
            [first, second] => Some(Seq {
                keys: [Key::parse(first)?, Key::parse(second)?],
                len: 2,
            }),
            _ => None,
        }
    }

    /// One key alone.
    pub fn one(key: Key) -> Seq {
        Seq {
            keys: [key, key],
            len: 1,
        }
    }

    /// The keys, in order.
    pub fn keys(&self) -> &[Key] {
        &self.keys[..self.len]
    }

    /// How many keys.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// The last key.
    pub fn last(&self) -> Key {
        self.keys[self.len - 1]
    }

    /// The first key.
    pub fn first(&self) -> Key {
        self.keys[0]
    }

    /// A function key alone.
    pub fn is_function(&self) -> bool {
        self.len == 1 && matches!(self.keys[0], Key::Code(KeyCode::F(_)))
    }

    /// As the help shows it: `Esc p`.
    pub fn label(&self) -> String {
        let labels: Vec<String> = self.keys().iter().map(|k| k.label()).collect();
        labels.join(" ")
    }

    /// As the footer shows it: `^Q`, `Esc ?`.
    pub fn short(&self) -> String {
        let labels: Vec<String> = self.keys().iter().map(|k| k.short()).collect();
        labels.join(" ")
    }
}
