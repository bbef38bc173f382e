//! The one place that touches the YAML crate (`serde_yaml` 0.9).
//!
//! Banks are read into a small, parser-independent [`Node`] tree, and saved
//! interviews are (de)serialized through [`to_string`] and [`from_str`], so the
//! YAML library could be swapped by changing this module alone. Writing is
//! our own ([`emit`]): the library's output is not read right by YAML 1.1
//! readers.

use serde::Serialize;
use serde::de::DeserializeOwned;

pub mod emit;

/// A parsed YAML value, independent of the YAML library.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Node {
    /// `~`, `null` or nothing.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// Any number, kept as written so messages can quote it.
    Number(String),
    /// A string scalar.
    String(String),
    /// A sequence.
    List(Vec<Node>),
    /// A mapping, in file order.
    Map(Vec<(Node, Node)>),
    /// A value with an explicit `!tag`.
    Tagged(String, Box<Node>),
}

impl Node {
    /// A short description of the kind of value, for messages ("a list", "the number 3").
    pub fn describe(&self) -> String {
        match self {
            Node::Null => "nothing".to_string(),
            Node::Bool(b) => format!("the boolean {b}"),
            Node::Number(n) => format!("the number {n}"),
            Node::String(s) if s.chars().count() <= 30 => format!("the text `{s}`"),
            Node::String(_) => "text".to_string(),
            Node::List(_) => "a list".to_string(),
            Node::Map(_) => "a mapping".to_string(),
            Node::Tagged(tag, _) => format!("a value tagged {tag}"),
        }
    }
}

/// A YAML syntax or structure error, with its place when the parser knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// 1-based line and column.
    pub position: Option<(usize, usize)>,
    /// The parser's message, without the position it already carries.
    pub message: String,
}

impl std::fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.position {
            Some((line, column)) => write!(f, "line {line}, column {column}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for SyntaxError {}

/// The kinds of file phonescreen reads, so that advice in a message fits
/// the file it is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A question bank.
    Bank,
    /// `config.yaml`.
    Config,
    /// A saved interview.
    Interview,
}

impl Kind {
    /// What to do about a file of several YAML documents.
    fn one_document(self) -> &'static str {
        match self {
            Kind::Bank => "keep one bank per file",
            Kind::Config => {
                "config.yaml holds one set of settings: remove the `---` line and merge the parts"
            }
            Kind::Interview => {
                "phonescreen writes one interview per file, so the text from the `---` line on was added by something else"
            }
        }
    }
}

fn syntax_error(err: serde_yaml::Error, kind: Kind) -> SyntaxError {
    let position = err.location().map(|l| (l.line(), l.column()));
    let mut message = err.to_string();
    if let Some((line, column)) = position {
        message = message.replacen(&format!(" at line {line} column {column}"), "", 1);
    }
    // The library's own wording for its safety limits is terse; say what happened.
    if message.starts_with("recursion limit exceeded") {
        message = "the document nests too deeply (more than 128 levels); a bank needs only a few"
            .to_string();
    } else if message.starts_with("repetition limit exceeded") {
        message =
            "aliases expand to too much data (an alias bomb?); remove the `*alias` references"
                .to_string();
    } else if message.contains("more than one document") {
        message = format!(
            "the file holds more than one YAML document (a `---` line in the middle); {}",
            kind.one_document()
        );
    } else if let Some(hint) = SYNTAX_HINTS
        .iter()
        .find(|(needle, _)| message.contains(needle))
        .map(|(_, hint)| hint)
    {
        message = format!("{message} ({hint})");
    }
    SyntaxError { position, message }
}

/// What usually causes libyaml's terser syntax errors, appended to its message.
const SYNTAX_HINTS: &[(&str, &str)] = &[
    (
        "mapping values are not allowed",
        "either this line is indented deeper than the keys around it, or a value contains `: ` and needs quotes",
    ),
    (
        "did not find expected '-' indicator",
        "this line is indented differently from the list items above it",
    ),
    (
        "did not find expected key",
        "this line is indented differently from the keys above it",
    ),
    (
        "did not find expected ',' or ']'",
        "a `[` list is not closed with `]`, or one of its items needs quotes",
    ),
    (
        "did not find expected ',' or '}'",
        "a `{` mapping is not closed with `}`, or one of its values needs quotes",
    ),
    (
        "while scanning a quoted scalar",
        "a quoted value is missing its closing quote",
    ),
];

/// A syntax error, reworded when the text shows a likelier cause than libyaml's message.
fn syntax_error_in(text: &str, err: serde_yaml::Error, kind: Kind) -> SyntaxError {
    let index = err.location().map(|l| l.index());
    let mut error = syntax_error(err, kind);
    // libyaml also breaks lines at a lone CR, NEL, U+2028 and U+2029, and places the
    // end of the file on a line of its own; count from the byte index instead, with
    // lines split at '\n' only as editors and the bank locator do.
    if let Some(before) = index.and_then(|i| text.get(..i)) {
        let line = before.matches('\n').count() + 1;
        let column = before.chars().rev().take_while(|c| *c != '\n').count() + 1;
        error.position = Some((line, column));
    }
    let tab_at_error = error.position.is_some_and(|(line, column)| {
        text.lines()
            .nth(line.saturating_sub(1))
            .and_then(|l| l.chars().nth(column.saturating_sub(1)))
            == Some('\t')
    });
    if tab_at_error {
        error.message =
            "found a tab character; YAML indentation must use spaces, not tabs".to_string();
    }
    error
}

/// Parses one YAML document into a [`Node`] tree.
pub fn parse(text: &str) -> Result<Node, SyntaxError> {
    serde_yaml::from_str(text).map_err(|e| syntax_error_in(text, e, Kind::Bank))
}

/// Builds [`Node`]s straight from the parser's events. Going through
/// `serde_yaml::Value` first cost a hashed map per mapping and a second copy
/// of every string: most of the time of loading a 10,000-question bank.
/// What `Value` does that a bank's checks rely on is kept: a repeated key is
/// the same error, worded the same way, and a tagged value is a `Tagged` node.
struct NodeVisitor;

impl<'de> serde::Deserialize<'de> for Node {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

fn number(n: serde_yaml::Number) -> Node {
    Node::Number(n.to_string())
}

impl<'de> serde::de::Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E: serde::de::Error>(self, b: bool) -> Result<Node, E> {
        Ok(Node::Bool(b))
    }

    fn visit_i64<E: serde::de::Error>(self, i: i64) -> Result<Node, E> {
        Ok(number(i.into()))
    }

    fn visit_u64<E: serde::de::Error>(self, u: u64) -> Result<Node, E> {
        Ok(number(u.into()))
    }

    fn visit_f64<E: serde::de::Error>(self, f: f64) -> Result<Node, E> {
        Ok(number(f.into()))
    }

    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Node, E> {
        Ok(Node::String(s.to_owned()))
    }

    fn visit_string<E: serde::de::Error>(self, s: String) -> Result<Node, E> {
        Ok(Node::String(s))
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        serde::Deserialize::deserialize(d)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Node::List(items))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries: Vec<(Node, Node)> = Vec::new();
        // Mappings in a bank have a handful of keys; a hashed set only for
        // big ones keeps a hostile file from making this quadratic.
        let mut seen: Option<std::collections::HashSet<Node>> = None;
        while let Some(key) = map.next_key::<Node>()? {
            let repeated = match &mut seen {
                Some(seen) => !seen.insert(key.clone()),
                None => entries.iter().any(|(k, _)| *k == key),
            };
            if repeated {
                return Err(serde::de::Error::custom(duplicate_entry(&key)));
            }
            if seen.is_none() && entries.len() >= 16 {
                seen = Some(
                    entries
                        .iter()
                        .map(|(k, _)| k.clone())
                        .chain([key.clone()])
                        .collect(),
                );
            }
            let value = map.next_value()?;
            entries.push((key, value));
        }
        Ok(Node::Map(entries))
    }

    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<Node, A::Error> {
        // Tags are rare (and an error in a bank): read them as the library does.
        let tagged: serde_yaml::value::TaggedValue =
            serde::Deserialize::deserialize(serde::de::value::EnumAccessDeserializer::new(data))?;
        Ok(convert(serde_yaml::Value::Tagged(Box::new(tagged))))
    }
}

/// serde_yaml's own words for a repeated key, which the bank checks read back.
fn duplicate_entry(key: &Node) -> String {
    match key {
        Node::Null => "duplicate entry with null key".to_string(),
        Node::Bool(b) => format!("duplicate entry with key `{b}`"),
        Node::Number(n) => format!("duplicate entry with key {n}"),
        Node::String(s) => format!("duplicate entry with key {s:?}"),
        Node::List(_) | Node::Map(_) | Node::Tagged(..) => {
            "duplicate entry in YAML map".to_string()
        }
    }
}

fn convert(value: serde_yaml::Value) -> Node {
    use serde_yaml::Value;
    match value {
        Value::Null => Node::Null,
        Value::Bool(b) => Node::Bool(b),
        Value::Number(n) => Node::Number(n.to_string()),
        Value::String(s) => Node::String(s),
        Value::Sequence(items) => Node::List(items.into_iter().map(convert).collect()),
        Value::Mapping(map) => Node::Map(
            map.into_iter()
                .map(|(k, v)| (convert(k), convert(v)))
                .collect(),
        ),
        Value::Tagged(tagged) => {
            Node::Tagged(tagged.tag.to_string(), Box::new(convert(tagged.value)))
        }
    }
}

/// The [`Node`] tree of a serializable value, mappings in field order.
pub fn to_node<T: Serialize>(value: &T) -> Result<Node, SyntaxError> {
    serde_yaml::to_value(value)
        .map(convert)
        .map_err(|e| syntax_error(e, Kind::Interview))
}

/// Serializes a value as YAML that YAML 1.1 and 1.2 readers alike read back
/// as the same values (see [`emit`]).
pub fn to_string<T: Serialize>(value: &T) -> Result<String, SyntaxError> {
    emit::document(&to_node(value)?)
}

/// Deserializes a value from YAML, with the place of the first problem.
/// Messages are worded for a saved interview; see [`from_str_as`].
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, SyntaxError> {
    from_str_as(text, Kind::Interview)
}

/// Deserializes a value from a file of `kind`, with the place of the first
/// problem and advice that fits that kind of file.
pub fn from_str_as<T: DeserializeOwned>(text: &str, kind: Kind) -> Result<T, SyntaxError> {
    serde_yaml::from_str(text).map_err(|e| syntax_error_in(text, e, kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `serde_yaml::Value` would have made of the text, for comparison.
    fn through_value(text: &str) -> Result<Node, String> {
        serde_yaml::from_str::<serde_yaml::Value>(text)
            .map(convert)
            .map_err(|e| syntax_error_in(text, e, Kind::Bank).message)
    }

    #[test]
    fn reads_what_the_library_value_reads() {
        let many_keys: String = (0..40).map(|i| format!("k{i}: {i}\n")).collect();
        let repeated_late = format!("{many_keys}k7: again\n");
        let documents = [
            "a: 1\nb: [x, 2.5, -3, true, ~, '']\nc: {d: e}\n",
            "- !custom {a: 1}\n- !!str 12\n- 0x1F\n- .inf\n- 18446744073709551615\n",
            "a: 1\na: 2\n",
            "1: x\n1: y\n",
            "true: x\ntrue: y\n",
            "~: x\nnull: y\n",
            "[a]: x\n[a]: y\n",
            "? |\n  long key\n: value\n",
            many_keys.as_str(),
            repeated_late.as_str(),
            "base: &b {x: 1}\nuse: *b\n",
            "",
            "a: [1\n",
        ];
        for text in documents {
            assert_eq!(
                parse(text).map_err(|e| e.message),
                through_value(text),
                "for {text:?}"
            );
        }
    }

    #[test]
    fn keeps_positions_and_drops_them_from_the_message() {
        let err = parse("a: [1\n").unwrap_err();
        assert_eq!(err.position, Some((2, 1)));
        assert!(
            !err.message.contains("at line 2 column 1"),
            "{}",
            err.message
        );
    }

    #[test]
    fn the_end_of_an_unfinished_last_line_is_on_that_line() {
        // libyaml would say line 2, a line the file does not have.
        let err = parse("a: \"open").unwrap_err();
        assert_eq!(err.position, Some((1, 9)));
        let err = parse("a: b\u{2028}c: [1").unwrap_err();
        assert_eq!(err.position.map(|p| p.0), Some(1));
    }

    #[test]
    fn a_tab_in_the_indentation_is_named() {
        let err = parse("a:\n\t- b\n").unwrap_err();
        assert_eq!(err.position, Some((2, 1)));
        assert!(err.message.contains("tab"), "{}", err.message);
    }

    #[test]
    fn several_documents_get_advice_for_the_kind_of_file() {
        let text = "a: 1\n---\nb: 2\n";
        let bank = parse(text).unwrap_err().message;
        assert!(bank.ends_with("keep one bank per file"), "{bank}");
        let config = from_str_as::<serde::de::IgnoredAny>(text, Kind::Config)
            .unwrap_err()
            .message;
        assert!(config.contains("more than one YAML document"), "{config}");
        assert!(
            config.contains("config.yaml holds one set of settings"),
            "{config}"
        );
        assert!(!config.contains("bank"), "{config}");
        let interview = from_str::<serde::de::IgnoredAny>(text).unwrap_err().message;
        assert!(interview.contains("one interview per file"), "{interview}");
        assert!(!interview.contains("bank"), "{interview}");
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let err = parse(&"[".repeat(10_000)).unwrap_err();
        assert!(err.message.contains("nests too deeply"), "{}", err.message);
    }
}
