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
pub(crate) mod read;

pub(crate) use read::{Document, RepeatedKey, Step};

/// A parsed YAML value, independent of the YAML library.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Node {
    /// `~`, `null` or nothing.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// Any number, as written (`1e3`, `0x1F`, `007`) where the reader could
    /// place it in the text, else as the library spells its value
    /// (`1000.0`); either way the text reads back as the same number (see
    /// [`read`] and [`number_value`]).
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
    pub(crate) fn describe(&self) -> String {
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
    pub(crate) position: Option<(usize, usize)>,
    /// The parser's message, without the position it already carries.
    pub(crate) message: String,
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
pub(crate) enum Kind {
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

/// Parses one YAML document into a [`Node`] tree; a key repeated in a
/// mapping is an error, worded as the library words it.
pub fn parse(text: &str) -> Result<Node, SyntaxError> {
    let document = parse_document(text)?;
    match document.repeated_keys.first() {
        Some(repeated) => Err(SyntaxError {
            position: repeated.position,
            message: read::duplicate_entry_message(repeated),
        }),
        None => Ok(document.root),
    }
}

/// Parses one YAML document into a [`Node`] tree, collecting the keys
/// repeated in a mapping instead of stopping at the first (see [`read`]).
///
/// Builds [`Node`]s straight from the parser's events: going through
/// `serde_yaml::Value` first cost a hashed map per mapping and a second copy
/// of every string, most of the time of loading a 10,000-question bank.
pub(crate) fn parse_document(text: &str) -> Result<Document, SyntaxError> {
    use serde::de::DeserializeSeed;
    let reader = read::Reader::new(text);
    let root = read::Seed(&reader)
        .deserialize(serde_yaml::Deserializer::from_str(text))
        .map_err(|e| syntax_error_in(text, e, Kind::Bank))?;
    Ok(Document {
        root,
        repeated_keys: reader.into_repeated(),
    })
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

/// The value of a number as [`Node::Number`] holds it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NumberValue {
    /// A whole number written without a point or exponent (`30`, `0x1E`, `007`).
    Integer(i128),
    /// Anything else (`5.0`, `1e3`, `.inf`).
    Float(f64),
}

/// Reads the text of a [`Node::Number`] back as its value: as YAML 1.2's
/// core schema reads it, which is how the library reads it but for `007`
/// (decimal 7, see [`read`]).
pub fn number_value(text: &str) -> Option<NumberValue> {
    if read::is_zero_led_integer(text) {
        return text.parse().ok().map(NumberValue::Integer);
    }
    let n: serde_yaml::Number = text.parse().ok()?;
    if let Some(i) = n.as_i64() {
        Some(NumberValue::Integer(i.into()))
    } else if let Some(u) = n.as_u64() {
        Some(NumberValue::Integer(u.into()))
    } else {
        n.as_f64().map(NumberValue::Float)
    }
}

/// The [`Node`] tree of a serializable value, mappings in field order.
pub(crate) fn to_node<T: Serialize>(value: &T) -> Result<Node, SyntaxError> {
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
pub(crate) fn from_str_as<T: DeserializeOwned>(text: &str, kind: Kind) -> Result<T, SyntaxError> {
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
                parse(text)
                    .map(spelled_as_the_library)
                    .map_err(|e| e.message),
                through_value(text),
                "for {text:?}"
            );
        }
    }

    /// `node` with every number as the library spells its value.
    fn spelled_as_the_library(node: Node) -> Node {
        match node {
            Node::Number(n) => {
                let value: serde_yaml::Number = n.parse().expect("a number's text reads back");
                Node::Number(value.to_string())
            }
            Node::List(items) => {
                Node::List(items.into_iter().map(spelled_as_the_library).collect())
            }
            Node::Map(entries) => Node::Map(
                entries
                    .into_iter()
                    .map(|(k, v)| (spelled_as_the_library(k), spelled_as_the_library(v)))
                    .collect(),
            ),
            other => other,
        }
    }

    fn value_of(text: &str, key: &str) -> Node {
        let Node::Map(entries) = parse(text).unwrap() else {
            panic!("not a mapping: {text:?}");
        };
        entries
            .into_iter()
            .find(|(k, _)| *k == Node::String(key.into()))
            .map(|(_, v)| v)
            .unwrap_or_else(|| panic!("no {key} in {text:?}"))
    }

    #[test]
    fn numbers_keep_the_text_they_were_written_as() {
        let number = |n: &str| Node::Number(n.to_string());
        for (text, written) in [
            ("id: 1e3\n", "1e3"),
            ("a: x\nid: 0x1F # hex\n", "0x1F"),
            ("id: +5\n", "+5"),
            ("id: .5\n", ".5"),
            ("id: &anchor 1.50\n", "1.50"),
            ("'a': b\nid:   1E3\n", "1E3"),
            ("a: \"x\"\nid: 1e3\n", "1e3"),
            ("{\"a\":\"x\",\"id\":1e3}", "1e3"),
            ("a: true\nid: 1e3\n", "1e3"),
            ("a: ~\nb:\nid: 1e3\n", "1e3"),
            ("id: -0\n", "-0"),
        ] {
            assert_eq!(value_of(text, "id"), number(written), "in {text:?}");
        }
        assert_eq!(
            parse("tags: [x, 1e3, 2.50]\n").unwrap(),
            Node::Map(vec![(
                Node::String("tags".into()),
                Node::List(vec![
                    Node::String("x".into()),
                    number("1e3"),
                    number("2.50")
                ])
            )])
        );
        assert_eq!(
            parse("- a\n- - 1e3\n  - 0o17\n").unwrap(),
            Node::List(vec![
                Node::String("a".into()),
                Node::List(vec![number("1e3"), number("0o17")])
            ])
        );
    }

    #[test]
    fn a_number_that_cannot_be_placed_keeps_the_libraries_spelling() {
        // Right after an escaped string or a block, and through an alias,
        // the place is lost; the number is still the same number.
        let spelled = |n: &str| Node::Number(n.to_string());
        assert_eq!(
            value_of("id: [\"\\t\", 1e3]\n", "id"),
            Node::List(vec![Node::String("\t".into()), spelled("1000.0")])
        );
        assert_eq!(
            value_of("id:\n- |\n  x\n- 1e3\n", "id"),
            Node::List(vec![Node::String("x\n".into()), spelled("1000.0")])
        );
        assert_eq!(value_of("a: &n 1e3\nid: *n\n", "id"), spelled("1000.0"));
        // After an alias the place is not where its anchor was: the `1E3`
        // written before is not the `1e3` written after.
        assert_eq!(
            value_of("a: [&x foo, 1E3]\nid: [*x, 1e3]\n", "id"),
            Node::List(vec![Node::String("foo".into()), spelled("1000.0")])
        );
        assert_eq!(
            value_of("a: [&x foo, 1E3]\nid: [*x, 1e3, 2.50]\n", "id"),
            Node::List(vec![
                Node::String("foo".into()),
                spelled("1000.0"),
                spelled("2.5")
            ])
        );
        // A key the library lends puts the place back.
        assert_eq!(value_of("a: \"\\t\"\nid: 1e3\n", "id"), spelled("1e3"));
    }

    #[test]
    fn a_plain_zero_led_integer_is_a_number_as_other_readers_say() {
        for plain in ["007", "00", "-007", "+01"] {
            assert_eq!(
                value_of(&format!("id: {plain}\n"), "id"),
                Node::Number(plain.into()),
                "{plain}"
            );
        }
        for quoted in ["\"007\"", "'007'"] {
            assert_eq!(
                value_of(&format!("id: {quoted}\n"), "id"),
                Node::String("007".into()),
                "{quoted}"
            );
        }
        assert_eq!(value_of("id: 007x\n", "id"), Node::String("007x".into()));
        assert_eq!(number_value("007"), Some(NumberValue::Integer(7)));
        assert_eq!(number_value("0x1E"), Some(NumberValue::Integer(30)));
        assert_eq!(number_value("5.0"), Some(NumberValue::Float(5.0)));
        assert_eq!(number_value("1e3"), Some(NumberValue::Float(1000.0)));
        assert_eq!(number_value("x"), None);
    }

    #[test]
    fn repeated_keys_are_collected_with_their_path_and_place() {
        let text = "a: 1\nb:\n  - c: x\n    d: y\n    c: z\na: 2\n";
        let document = parse_document(text).unwrap();
        let places: Vec<_> = document
            .repeated_keys
            .iter()
            .map(|r| (r.path.clone(), r.name(), r.position))
            .collect();
        let key = |k: &str| Step::Key(k.to_string());
        assert_eq!(
            places,
            vec![
                (
                    vec![key("b"), Step::Index(0), key("c")],
                    "c".to_string(),
                    Some((5, 5))
                ),
                (vec![key("a")], "a".to_string(), Some((6, 1))),
            ]
        );
        // The first value is the one kept.
        let first = parse_document("a: 1\na: 2\n").unwrap().root;
        assert_eq!(
            first,
            Node::Map(vec![(Node::String("a".into()), Node::Number("1".into()))])
        );
        let err = parse(text).unwrap_err();
        assert_eq!(err.message, "b[0]: duplicate entry with key \"c\"");
        assert_eq!(err.position, Some((5, 5)));
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
