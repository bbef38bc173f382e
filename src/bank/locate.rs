//! Finds where a field path (`sections[1].questions[0].ask`) is written in a bank file.
//!
//! The YAML library reports positions only for syntax errors, so this reads the
//! block-style layout banks are written in: indentation, `key:` and `- ` items.
//! Paths it cannot place (flow style, odd layouts) fall back to the closest
//! enclosing field it did find, and to no position at all at worst.

use std::collections::HashMap;

/// One step of a field path: the YAML reader's own steps.
pub(crate) use crate::yaml::Step as Segment;

/// A field path from the top of the bank.
pub(crate) type Path = Vec<Segment>;

/// Renders a path the way messages show it: `sections[2].questions[0].ask`.
pub(crate) use crate::yaml::read::render_path as render;

/// Positions of the fields found in one file.
#[derive(Debug, Default)]
pub(crate) struct Locator {
    positions: HashMap<Path, (usize, usize)>,
}

struct Open {
    indent: usize,
    segment: Segment,
    is_item: bool,
    items: usize,
}

impl Locator {
    /// Reads the layout of `text` (already free of a byte-order mark and CRs).
    pub(crate) fn new(text: &str) -> Self {
        let mut positions = HashMap::new();
        let mut stack: Vec<Open> = Vec::new();
        let mut block_scalar_indent: Option<usize> = None;
        for (line_index, line) in text.lines().enumerate() {
            let line_number = line_index + 1;
            let trimmed = line.trim_start_matches(' ');
            let mut column = line.len() - trimmed.len();
            if let Some(indent) = block_scalar_indent {
                if trimmed.is_empty() || column > indent {
                    continue;
                }
                block_scalar_indent = None;
            }
            if trimmed.is_empty()
                || trimmed.starts_with('#')
                || trimmed.starts_with("---")
                || trimmed.starts_with("...")
            {
                continue;
            }
            let mut rest = trimmed;
            // Sequence items, possibly several on one line (`- - x`).
            while rest == "-" || rest.starts_with("- ") {
                while let Some(top) = stack.last() {
                    if top.indent > column || (top.indent == column && top.is_item) {
                        stack.pop();
                    } else {
                        break;
                    }
                }
                let index = match stack.last_mut() {
                    Some(parent) => {
                        parent.items += 1;
                        parent.items - 1
                    }
                    None => 0,
                };
                stack.push(Open {
                    indent: column,
                    segment: Segment::Index(index),
                    is_item: true,
                    items: 0,
                });
                positions.insert(path_of(&stack), (line_number, column + 1));
                let after = rest[1..].trim_start_matches(' ');
                column += rest.len() - after.len();
                rest = after;
            }
            if let Some((key, value)) = split_key(rest) {
                while let Some(top) = stack.last() {
                    if top.indent >= column {
                        stack.pop();
                    } else {
                        break;
                    }
                }
                stack.push(Open {
                    indent: column,
                    segment: Segment::Key(key),
                    is_item: false,
                    items: 0,
                });
                // A key written twice is placed where it is first written,
                // the value that counts (the repeat is reported on its own).
                positions
                    .entry(path_of(&stack))
                    .or_insert((line_number, column + 1));
                let value = value.trim();
                if value.starts_with('|') || value.starts_with('>') {
                    block_scalar_indent = Some(column);
                }
            }
        }
        Self { positions }
    }

    /// The place of `path`, or of the closest enclosing field that was found.
    pub(crate) fn find(&self, path: &[Segment]) -> Option<(usize, usize)> {
        (0..=path.len())
            .rev()
            .find_map(|len| self.positions.get(&path[..len]).copied())
    }
}

fn path_of(stack: &[Open]) -> Path {
    stack.iter().map(|o| o.segment.clone()).collect()
}

/// Splits `key: value` (or `key:` at the end of the line), with plain or quoted keys.
fn split_key(text: &str) -> Option<(String, &str)> {
    let (key, after) = if let Some(quote @ ('"' | '\'')) = text.chars().next() {
        let end = text[1..].find(quote)? + 1;
        (text[1..end].to_string(), &text[end + 1..])
    } else {
        if text.starts_with(['[', '{', '#', '&', '*', '!', '|', '>', '%', '@', '`']) {
            return None;
        }
        let mut split = None;
        for (i, c) in text.char_indices() {
            if c == ':' {
                let next = text[i + 1..].chars().next();
                if next.is_none() || next == Some(' ') {
                    split = Some(i);
                    break;
                }
            }
            if c == ' ' && text[i + 1..].starts_with('#') {
                return None;
            }
        }
        let i = split?;
        (text[..i].trim_end().to_string(), &text[i..])
    };
    let value = after.strip_prefix(':')?;
    if !(value.is_empty() || value.starts_with(' ')) {
        return None;
    }
    Some((key, value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(k: &str) -> Segment {
        Segment::Key(k.to_string())
    }

    const BANK: &str = "\
name: x
description: |
  a: not a key
  - not an item
sections:
- id: a
  questions:
    - id: q1
      ask: one
    - id: q2
      # comment
      ask: two
- id: b
  questions: [x]
";

    #[test]
    fn finds_block_style_fields() {
        let l = Locator::new(BANK);
        assert_eq!(l.find(&[key("name")]), Some((1, 1)));
        assert_eq!(l.find(&[key("sections"), Segment::Index(0)]), Some((6, 1)));
        let q2 = [
            key("sections"),
            Segment::Index(0),
            key("questions"),
            Segment::Index(1),
            key("ask"),
        ];
        assert_eq!(l.find(&q2), Some((12, 7)));
        assert_eq!(
            l.find(&[key("sections"), Segment::Index(1), key("id")]),
            Some((13, 3))
        );
    }

    #[test]
    fn a_repeated_key_is_placed_where_it_is_first_written() {
        let l = Locator::new("name: a\ndescription: b\nname: c\n");
        assert_eq!(l.find(&[key("name")]), Some((1, 1)));
    }

    #[test]
    fn render_writes_paths_as_messages_show_them() {
        let path = vec![
            key("sections"),
            Segment::Index(1),
            key("questions"),
            Segment::Index(0),
            key("ask"),
        ];
        assert_eq!(render(&path), "sections[1].questions[0].ask");
        assert_eq!(render(&[]), "");
    }

    #[test]
    fn block_scalars_are_not_read_as_structure() {
        let l = Locator::new(BANK);
        assert_eq!(l.find(&[key("a")]), None);
    }

    #[test]
    fn unknown_paths_fall_back_to_the_closest_parent() {
        let l = Locator::new(BANK);
        let flow = [
            key("sections"),
            Segment::Index(1),
            key("questions"),
            Segment::Index(0),
        ];
        assert_eq!(l.find(&flow), Some((14, 3)));
        assert_eq!(render(&flow), "sections[1].questions[0]");
    }
}
