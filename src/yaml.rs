//! The one place that touches the YAML crate (`serde_yaml` 0.9).
//!
//! Banks are read into a small, parser-independent [`Node`] tree, and saved
//! interviews are (de)serialized through [`to_string`] and [`from_str`], so the
//! YAML library could be swapped by changing this file alone.

use serde::Serialize;
use serde::de::DeserializeOwned;

/// A parsed YAML value, independent of the YAML library.
#[derive(Debug, Clone, PartialEq)]
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

fn syntax_error(err: serde_yaml::Error) -> SyntaxError {
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
        message = "the file holds more than one YAML document (a `---` line in the middle); keep one bank per file".to_string();
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
fn syntax_error_in(text: &str, err: serde_yaml::Error) -> SyntaxError {
    let index = err.location().map(|l| l.index());
    let mut error = syntax_error(err);
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
    let value: serde_yaml::Value =
        serde_yaml::from_str(text).map_err(|e| syntax_error_in(text, e))?;
    Ok(convert(value))
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

/// Serializes a value as YAML.
pub fn to_string<T: Serialize>(value: &T) -> Result<String, SyntaxError> {
    serde_yaml::to_string(value).map_err(syntax_error)
}

/// Deserializes a value from YAML, with the place of the first problem.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, SyntaxError> {
    serde_yaml::from_str(text).map_err(|e| syntax_error_in(text, e))
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn deep_nesting_is_an_error_not_a_crash() {
        let err = parse(&"[".repeat(10_000)).unwrap_err();
        assert!(err.message.contains("nests too deeply"), "{}", err.message);
    }
}
