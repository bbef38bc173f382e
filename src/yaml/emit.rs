//! Writing YAML that every reader, YAML 1.1 ones too, reads back as the same
//! values: a small set of plain scalars, everything else double quoted,
//! multi-line text as a `|` block, and characters readers refuse escaped.

use super::{Node, SyntaxError};

/// The whole document for `node`, ending in a line break.
pub fn document(node: &Node) -> Result<String, SyntaxError> {
    let mut out = String::new();
    match node {
        Node::Map(entries) if !entries.is_empty() => {
            for (key, value) in entries {
                map_entry(&mut out, key, value, 0)?;
            }
        }
        Node::List(items) if !items.is_empty() => {
            for item in items {
                list_item(&mut out, item, 0)?;
            }
        }
        scalar => {
            inline(&mut out, scalar, 2)?;
        }
    }
    Ok(out)
}

/// Writes `key: value` at `indent`, the value in block style below the key
/// when it is a non-empty mapping or list.
pub(crate) fn map_entry(
    out: &mut String,
    key: &Node,
    value: &Node,
    indent: usize,
) -> Result<(), SyntaxError> {
    pad(out, indent);
    key_text(out, key)?;
    after_key(out, value, indent)
}

/// Writes one `- item` of a block list whose dashes are at `indent`.
pub(crate) fn list_item(out: &mut String, item: &Node, indent: usize) -> Result<(), SyntaxError> {
    pad(out, indent);
    out.push_str("- ");
    let inner = indent + 2;
    match item {
        Node::Map(entries) if !entries.is_empty() => {
            // The first key shares the dash's line; the others line up under it.
            let (key, value) = &entries[0];
            key_text(out, key)?;
            after_key(out, value, inner)?;
            for (key, value) in &entries[1..] {
                map_entry(out, key, value, inner)?;
            }
            Ok(())
        }
        Node::List(items) if !items.is_empty() => {
            out.pop();
            out.push('\n');
            for item in items {
                list_item(out, item, inner)?;
            }
            Ok(())
        }
        scalar => inline(out, scalar, inner),
    }
}

/// Writes a mapping whose keys are at `indent` (as the item of a list whose
/// dashes are two columns to the left when `dash`), except that the value of
/// the key `hole` is written by `fill`, which is given the key's indent and
/// must end the line the key is on (`" []\n"`, or a line break and lines below).
pub(crate) fn mapping_with(
    out: &mut String,
    entries: &[(Node, Node)],
    indent: usize,
    dash: bool,
    hole: &str,
    mut fill: impl FnMut(&mut String, usize) -> Result<(), SyntaxError>,
) -> Result<(), SyntaxError> {
    for (i, (key, value)) in entries.iter().enumerate() {
        if i == 0 && dash {
            pad(out, indent - 2);
            out.push_str("- ");
        } else {
            pad(out, indent);
        }
        key_text(out, key)?;
        if matches!(key, Node::String(k) if k == hole) {
            out.push(':');
            fill(out, indent)?;
        } else {
            after_key(out, value, indent)?;
        }
    }
    Ok(())
}

fn after_key(out: &mut String, value: &Node, indent: usize) -> Result<(), SyntaxError> {
    match value {
        Node::Map(entries) if !entries.is_empty() => {
            out.push_str(":\n");
            for (key, value) in entries {
                map_entry(out, key, value, indent + 2)?;
            }
            Ok(())
        }
        Node::List(items) if !items.is_empty() => {
            out.push_str(":\n");
            for item in items {
                list_item(out, item, indent + 2)?;
            }
            Ok(())
        }
        scalar => {
            out.push_str(": ");
            inline(out, scalar, indent + 2)
        }
    }
}

/// A key: a string or a number on one line; anything else has no block form
/// a reader would take back the same.
fn key_text(out: &mut String, key: &Node) -> Result<(), SyntaxError> {
    match key {
        Node::String(s) => single_line(out, s),
        Node::Number(n) => out.push_str(n),
        Node::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Node::Null => out.push_str("null"),
        other => {
            return Err(SyntaxError {
                position: None,
                message: format!("cannot write {} as a mapping key", other.describe()),
            });
        }
    }
    Ok(())
}

/// A value that fits after `key: ` or `- `, and the line break that ends it.
/// A block of text has its lines at `indent`.
fn inline(out: &mut String, node: &Node, indent: usize) -> Result<(), SyntaxError> {
    match node {
        Node::Null => out.push_str("null"),
        Node::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Node::Number(n) => out.push_str(n),
        Node::String(s) => {
            if block_literal(out, s, indent) {
                return Ok(());
            }
            single_line(out, s);
        }
        Node::List(_) => out.push_str("[]"),
        Node::Map(_) => out.push_str("{}"),
        Node::Tagged(tag, inner) => match **inner {
            Node::Map(ref e) if !e.is_empty() => return Err(tagged_collection(tag)),
            Node::List(ref i) if !i.is_empty() => return Err(tagged_collection(tag)),
            ref scalar => {
                out.push_str(tag);
                out.push(' ');
                return inline(out, scalar, indent);
            }
        },
    }
    out.push('\n');
    Ok(())
}

fn tagged_collection(tag: &str) -> SyntaxError {
    SyntaxError {
        position: None,
        message: format!("cannot write a list or mapping tagged {tag}"),
    }
}

fn pad(out: &mut String, indent: usize) {
    out.extend(std::iter::repeat_n(' ', indent));
}

/// A string on one line: plain when no reader could take it for anything
/// else, double-quoted otherwise.
fn single_line(out: &mut String, s: &str) {
    if is_plain(s) {
        out.push_str(s);
    } else {
        double_quoted(out, s);
    }
}

/// Words YAML 1.1 readers turn into booleans or null, in any case.
const KEYWORDS: &[&str] = &["y", "yes", "n", "no", "true", "false", "on", "off", "null"];

fn is_plain(s: &str) -> bool {
    let mut chars = s.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    first.is_alphabetic()
        && !s.ends_with(' ')
        && chars.all(|c| c.is_alphanumeric() || " _-.,/()'?!&+".contains(c))
        && !KEYWORDS.iter().any(|k| k.eq_ignore_ascii_case(s))
}

/// Whether a reader takes `c` literally inside quotes: YAML's printable set,
/// less the characters some readers also take for line breaks or a BOM.
fn is_printable(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
        && !matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}')
}

fn double_quoted(out: &mut String, s: &str) {
    use std::fmt::Write;
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\0' => out.push_str("\\0"),
            c if is_printable(c) => out.push(c),
            c if (c as u32) < 0x100 => {
                let _ = write!(out, "\\x{:02X}", c as u32);
            }
            c if (c as u32) < 0x10000 => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => {
                let _ = write!(out, "\\U{:08X}", c as u32);
            }
        }
    }
    out.push('"');
}

/// Writes `s` as a `|` block with its lines at `indent` when it has several
/// lines and nothing a block cannot hold; false (and nothing written) if not.
fn block_literal(out: &mut String, s: &str, indent: usize) -> bool {
    let body = s.trim_end_matches('\n');
    let trailing = s.len() - body.len();
    if !body.contains('\n')
        || !body
            .chars()
            .all(|c| c == '\n' || c == '\t' || is_printable(c))
    {
        return false;
    }
    out.push('|');
    // A first line that starts with blanks would be read as deeper
    // indentation: then the indentation is given (relative to the key's).
    if body.starts_with([' ', '\t', '\n']) {
        out.push('2');
    }
    out.push_str(match trailing {
        0 => "-",
        1 => "",
        _ => "+",
    });
    out.push('\n');
    for line in body.split('\n') {
        if !line.is_empty() {
            pad(out, indent);
            out.push_str(line);
        }
        out.push('\n');
    }
    for _ in 1..trailing {
        out.push('\n');
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> Node {
        Node::String(text.to_string())
    }

    fn round_trip(node: &Node) -> Node {
        let text = document(node).unwrap();
        super::super::parse(&text).unwrap_or_else(|e| panic!("{e} in\n{text}"))
    }

    #[test]
    fn quotes_what_yaml_1_1_readers_take_for_something_else() {
        for word in [
            "No",
            "yes",
            "ON",
            "off",
            "y",
            "N",
            "null",
            "~",
            "=",
            "<<",
            "12:30",
            "2024-01-01",
            "1e3",
            ".inf",
            "0x1F",
            "-",
            "- a",
            "a: b",
            "a #b",
            "",
            " lead",
            "trail ",
            "@x",
            "`x",
            "%x",
            "!x",
            "&x",
            "*x",
            "|",
            ">",
            "'",
            "\"",
            "?",
            "?x",
            "{a}",
            "[a]",
        ] {
            let text = document(&Node::Map(vec![(s("k"), s(word))])).unwrap();
            assert!(text.starts_with("k: \""), "{word:?} written as {text}");
            assert_eq!(
                round_trip(&Node::Map(vec![(s("k"), s(word))])),
                Node::Map(vec![(s("k"), s(word))])
            );
        }
        for word in [
            "Strong no",
            "Ada Lovelace",
            "software-engineer",
            "Ångström",
            "李雷",
            "What's up?",
        ] {
            let text = document(&Node::Map(vec![(s("k"), s(word))])).unwrap();
            assert_eq!(text, format!("k: {word}\n"));
        }
    }

    #[test]
    fn text_of_several_lines_is_a_block_and_reads_back_the_same() {
        for notes in [
            "one\ntwo",
            "one\ntwo\n",
            "one\ntwo\n\n\n",
            "  indented first\nsecond",
            "\ttab first\nsecond",
            "a\n  \n\tb\n   c  ",
            "---\n...\n# not a comment\nsections: no",
        ] {
            let node = Node::Map(vec![(
                s("sections"),
                Node::List(vec![Node::Map(vec![
                    (s("notes"), s(notes)),
                    (s("x"), s("y")),
                ])]),
            )]);
            let text = document(&node).unwrap();
            assert!(text.contains("notes: |"), "{notes:?} written as\n{text}");
            assert_eq!(round_trip(&node), node, "{notes:?} written as\n{text}");
        }
    }

    #[test]
    fn escapes_what_readers_refuse_or_break_lines_at() {
        let nasty = "a\u{1b}]2;title\u{7}b\u{85}c\u{2028}d\u{feff}e\r\nf\u{7f}\u{0}";
        let node = Node::Map(vec![(s("notes"), s(nasty))]);
        let text = document(&node).unwrap();
        assert!(!text.contains('\u{1b}') && !text.contains('\u{85}') && !text.contains('\r'));
        assert_eq!(round_trip(&node), node);
    }
}
