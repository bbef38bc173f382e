//! Reading a bank's YAML into [`Node`]s, straight from the parser's events,
//! keeping what the messages need from the text itself: a number's own
//! spelling (`1e3`, not `1000.0`), and repeated keys collected rather than
//! ending the parse. How numbers are found in the text: docs/ARCHITECTURE.md.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};

use serde::de::{DeserializeSeed, MapAccess, SeqAccess, Visitor};

use super::Node;

/// One step of the path to a value, as the library's messages write it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Step {
    /// The value of a mapping key (text keys only; others read `?`).
    Key(String),
    /// An item of a list.
    Index(usize),
}

/// A key written twice in one mapping. The first value is the one kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RepeatedKey {
    /// The path to the repeated key itself, its name last.
    pub(crate) path: Vec<Step>,
    /// The key.
    pub(crate) key: Node,
    /// 1-based line and column of the repeated (second) key, when it was
    /// written plainly enough to be placed.
    pub(crate) position: Option<(usize, usize)>,
}

/// A whole document: its tree, and the keys written twice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Document {
    /// The tree, with the first value of any repeated key.
    pub(crate) root: Node,
    /// Every repeated key, in the order the parser met them.
    pub(crate) repeated_keys: Vec<RepeatedKey>,
}

/// 1-based line and column of a byte offset, columns in characters, lines
/// split at `\n` only (as editors and the bank locator count them).
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.chars().rev().take_while(|c| *c != '\n').count() + 1;
    (line, column)
}

/// Whether a plain scalar that the library reads as text is a number to
/// YAML 1.2's core schema (`[-+]?[0-9]+`) and to YAML 1.1: digits after a
/// leading zero, which the library alone keeps as text.
pub(super) fn is_zero_led_integer(plain: &str) -> bool {
    let digits = plain.strip_prefix(['-', '+']).unwrap_or(plain);
    digits.len() > 1 && digits.starts_with('0') && digits.bytes().all(|b| b.is_ascii_digit())
}

enum PathStep<'de> {
    Key(Cow<'de, str>),
    Index(usize),
}

/// What the reader keeps while the library walks the document.
pub(super) struct Reader<'de> {
    text: &'de str,
    /// Where the text after the last placed scalar starts; `None` once a
    /// scalar could not be placed, until the next one that can.
    cursor: Cell<Option<usize>>,
    /// How far into the text scalars have been placed. Scalars come in
    /// the order they are written, except through an alias, which the
    /// library replays from its anchor, further back: one lent from before
    /// here is such a replay, and says nothing about where the reader is.
    furthest: Cell<usize>,
    /// The path to the value being read; keys are borrowed from the text
    /// where they can be, so a step costs no allocation.
    path: RefCell<Vec<PathStep<'de>>>,
    /// The last scalar lent by the library, with its offset.
    lent: Cell<Option<(&'de str, usize)>>,
    repeated: RefCell<Vec<RepeatedKey>>,
}

impl<'de> Reader<'de> {
    pub(super) fn new(text: &'de str) -> Self {
        Self {
            text,
            cursor: Cell::new(Some(0)),
            furthest: Cell::new(0),
            path: RefCell::new(Vec::new()),
            lent: Cell::new(None),
            repeated: RefCell::new(Vec::new()),
        }
    }

    pub(super) fn into_repeated(self) -> Vec<RepeatedKey> {
        self.repeated.into_inner()
    }

    /// The offset of `s` in the text, when the library lent it from there.
    fn offset_of(&self, s: &str) -> Option<usize> {
        let start = self.text.as_ptr() as usize;
        let at = (s.as_ptr() as usize).checked_sub(start)?;
        (at + s.len() <= self.text.len()).then_some(at)
    }

    fn current_path(&self) -> Vec<Step> {
        self.path
            .borrow()
            .iter()
            .map(|step| match step {
                PathStep::Key(k) => Step::Key(k.to_string()),
                PathStep::Index(i) => Step::Index(*i),
            })
            .collect()
    }

    fn push(&self, step: PathStep<'de>) {
        self.path.borrow_mut().push(step);
    }

    fn pop(&self) {
        self.path.borrow_mut().pop();
    }

    /// Skips what may stand between two scalars (blanks, comments, `- `,
    /// `? `, `: `, flow punctuation, anchors and tags) and returns the next
    /// token and where it starts; `None` at an alias or the end.
    fn next_token(&self) -> Option<(usize, &'de str)> {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut i = self.cursor.get()?;
        let blank_or_end =
            |j: usize| j >= bytes.len() || matches!(bytes[j], b' ' | b'\t' | b'\n' | b'\r');
        let flow =
            |j: usize| j < bytes.len() && matches!(bytes[j], b',' | b'[' | b']' | b'{' | b'}');
        while i < bytes.len() {
            match bytes[i] {
                b' ' | b'\t' | b'\n' | b'\r' | b',' | b'[' | b']' | b'{' | b'}' => i += 1,
                b'#' if i == 0 || matches!(bytes[i - 1], b' ' | b'\t' | b'\n' | b'\r') => {
                    i = text[i..].find('\n').map_or(bytes.len(), |n| i + n);
                }
                b'-' | b'?' if blank_or_end(i + 1) => i += 1,
                b':' if blank_or_end(i + 1)
                    || flow(i + 1)
                    || (i > 0 && matches!(bytes[i - 1], b'"' | b'\'')) =>
                {
                    i += 1
                }
                b'-' if text[i..].starts_with("---") && (i == 0 || bytes[i - 1] == b'\n') => i += 3,
                b'&' | b'!' => {
                    while i < bytes.len() && !blank_or_end(i) && !flow(i) {
                        i += 1;
                    }
                }
                b'*' => return None,
                _ => break,
            }
        }
        let start = i;
        while i < bytes.len()
            && !blank_or_end(i)
            && !flow(i)
            && !(bytes[i] == b':' && (blank_or_end(i + 1) || flow(i + 1)))
        {
            i += 1;
        }
        (i > start).then(|| (start, &text[start..i]))
    }

    /// The text of the number `n` that comes next, if it reads back as `n`;
    /// moves past it. Otherwise the place of what follows is lost.
    fn number_text(&self, n: &serde_yaml::Number) -> Option<&'de str> {
        let found = self
            .next_token()
            .filter(|(_, token)| token.parse::<serde_yaml::Number>().ok().as_ref() == Some(n));
        self.cursor
            .set(found.map(|(start, token)| start + token.len()));
        found.map(|(_, token)| token)
    }

    /// Moves past a `true`/`false` or a written null, if that comes next.
    fn skip_word(&self, words: &[&str]) {
        let found = self.next_token().filter(|(_, token)| words.contains(token));
        match found {
            Some((start, token)) => {
                self.cursor.set(Some(start + token.len()));
                self.furthest.set(start + token.len());
            }
            // A null written as nothing takes no room: the place holds.
            None if words.is_empty() => {}
            None => self.cursor.set(None),
        }
    }

    fn number(&self, n: serde_yaml::Number) -> Node {
        match self.number_text(&n) {
            Some(text) => Node::Number(text.to_string()),
            None => Node::Number(n.to_string()),
        }
    }
}

/// Reads one value; see [`Reader`].
pub(super) struct Seed<'r, 'de>(pub(super) &'r Reader<'de>);

impl<'de> DeserializeSeed<'de> for Seed<'_, 'de> {
    type Value = Node;

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Node, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seed<'_, 'de> {
    type Value = Node;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E: serde::de::Error>(self, b: bool) -> Result<Node, E> {
        let words: &[&str] = if b {
            &["true", "True", "TRUE"]
        } else {
            &["false", "False", "FALSE"]
        };
        self.0.skip_word(words);
        Ok(Node::Bool(b))
    }

    fn visit_i64<E: serde::de::Error>(self, i: i64) -> Result<Node, E> {
        Ok(self.0.number(i.into()))
    }

    fn visit_u64<E: serde::de::Error>(self, u: u64) -> Result<Node, E> {
        Ok(self.0.number(u.into()))
    }

    fn visit_f64<E: serde::de::Error>(self, f: f64) -> Result<Node, E> {
        Ok(self.0.number(f.into()))
    }

    fn visit_borrowed_str<E: serde::de::Error>(self, s: &'de str) -> Result<Node, E> {
        let reader = self.0;
        let Some(at) = reader.offset_of(s) else {
            return self.visit_str(s);
        };
        let bytes = reader.text.as_bytes();
        let quoted = at > 0 && matches!(bytes[at - 1], b'"' | b'\'');
        if at < reader.furthest.get() {
            // An alias replayed: what follows it is not after its anchor.
            reader.cursor.set(None);
            reader.lent.set(None);
        } else {
            let end = at + s.len() + usize::from(quoted);
            reader.cursor.set(Some(end));
            reader.furthest.set(end);
            reader.lent.set(Some((s, at)));
        }
        if !quoted && is_zero_led_integer(s) {
            return Ok(Node::Number(s.to_owned()));
        }
        Ok(Node::String(s.to_owned()))
    }

    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Node, E> {
        // Escaped, folded or a block: where it ends is not known here.
        self.0.cursor.set(None);
        self.0.lent.set(None);
        Ok(Node::String(s.to_owned()))
    }

    fn visit_string<E: serde::de::Error>(self, s: String) -> Result<Node, E> {
        self.0.cursor.set(None);
        self.0.lent.set(None);
        Ok(Node::String(s))
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Node, E> {
        self.0.skip_word(&["~", "null", "Null", "NULL"]);
        Ok(Node::Null)
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Node, E> {
        self.visit_unit()
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let reader = self.0;
        let mut items = Vec::new();
        loop {
            reader.push(PathStep::Index(items.len()));
            let item = seq.next_element_seed(Seed(reader));
            reader.pop();
            match item? {
                Some(item) => items.push(item),
                None => break,
            }
        }
        Ok(Node::List(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let reader = self.0;
        let mut entries: Vec<(Node, Node)> = Vec::new();
        // Mappings in a bank have a handful of keys; a hashed set only for
        // big ones keeps a hostile file from making this quadratic.
        let mut seen: Option<std::collections::HashSet<Node>> = None;
        loop {
            reader.lent.set(None);
            let Some(key) = map.next_key_seed(Seed(reader))? else {
                break;
            };
            let lent = reader.lent.get();
            let name: Cow<'de, str> = match (&key, lent) {
                (Node::String(s), Some((text, _))) if text == s => Cow::Borrowed(text),
                (Node::String(s), _) => Cow::Owned(s.clone()),
                _ => Cow::Borrowed("?"),
            };
            let repeated = match &mut seen {
                Some(seen) => seen.contains(&key),
                None => entries.iter().any(|(k, _)| *k == key),
            };
            if repeated {
                let mut path = reader.current_path();
                path.push(Step::Key(name.to_string()));
                reader.repeated.borrow_mut().push(RepeatedKey {
                    path,
                    key: key.clone(),
                    position: lent.map(|(_, at)| line_column(reader.text, at)),
                });
            }
            reader.push(PathStep::Key(name));
            let value = map.next_value_seed(Seed(reader));
            reader.pop();
            let value = value?;
            if repeated {
                continue;
            }
            match &mut seen {
                Some(seen) => {
                    seen.insert(key.clone());
                }
                None if entries.len() >= 16 => {
                    seen = Some(
                        entries
                            .iter()
                            .map(|(k, _)| k.clone())
                            .chain([key.clone()])
                            .collect(),
                    );
                }
                None => {}
            }
            entries.push((key, value));
        }
        Ok(Node::Map(entries))
    }

    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<Node, A::Error> {
        // Tags are rare (and an error in a bank): read them as the library
        // does, and lose the place in the text.
        self.0.cursor.set(None);
        let tagged: serde_yaml::value::TaggedValue =
            serde::Deserialize::deserialize(serde::de::value::EnumAccessDeserializer::new(data))?;
        Ok(super::convert(serde_yaml::Value::Tagged(Box::new(tagged))))
    }
}

impl RepeatedKey {
    /// The key as messages name it (`title`, `1`, `null`).
    pub(crate) fn name(&self) -> String {
        match &self.key {
            Node::String(s) => s.clone(),
            Node::Number(n) => n.clone(),
            Node::Bool(b) => b.to_string(),
            Node::Null => "null".to_string(),
            other => other.describe(),
        }
    }
}

/// Renders a path the way messages show it: `sections[2].questions[0].ask`.
pub(crate) fn render_path(path: &[Step]) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            Step::Key(key) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// The library's own words for a repeated key (`PATH: duplicate entry with
/// key "NAME"`), for [`super::parse`], which refuses the document.
pub(super) fn duplicate_entry_message(repeated: &RepeatedKey) -> String {
    let parent = &repeated.path[..repeated.path.len().saturating_sub(1)];
    let path = render_path(parent);
    let what = match &repeated.key {
        Node::Null => "duplicate entry with null key".to_string(),
        Node::Bool(b) => format!("duplicate entry with key `{b}`"),
        Node::Number(n) => format!("duplicate entry with key {n}"),
        Node::String(s) => format!("duplicate entry with key {s:?}"),
        Node::List(_) | Node::Map(_) | Node::Tagged(..) => {
            "duplicate entry in YAML map".to_string()
        }
    };
    if path.is_empty() {
        what
    } else {
        format!("{path}: {what}")
    }
}
