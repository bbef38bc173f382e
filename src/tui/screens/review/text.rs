//! Text from saved files, made safe to draw, with the filter's matches marked.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

use crate::review::Query;
use crate::review::query::fold;

/// `text` on one line with nothing a terminal would act on: a tab becomes a
/// space, and every other control character (line breaks included) and
/// bidi control is shown as an escape (`\e`, `\n`, `\u{202e}`), as the
/// command line shows them ([`crate::display::escape`]): the reviewer sees
/// that the file holds something odd. Every file is untrusted.
pub(super) fn clean(text: &str) -> String {
    crate::display::escape(&text.replace('\t', " ")).into_owned()
}

/// The lines of `text` (notes), each made safe like [`clean`]; tabs become
/// four spaces, as pasted tables and code were laid out.
pub(super) fn clean_lines(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split('\n').map(|line| {
        let line = line.trim_end_matches('\r').replace('\t', "    ");
        crate::display::escape(&line).into_owned()
    })
}

/// `text` (made safe already) as spans: every occurrence of one of the
/// query's words in `hit`, the rest in `base`.
pub(super) fn highlighted(
    text: &str,
    query: &Query,
    base: Style,
    hit: Style,
) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    if query.is_empty() {
        spans.push(Span::styled(text.to_string(), base));
        return spans;
    }
    let folded = fold(text);
    let mut pos = 0;
    // `first_match` falls back to a match before `pos` when there is none
    // after it: that ends the loop.
    while let Some((start, end)) = query.first_match(&folded, pos).filter(|(s, _)| *s >= pos) {
        if start > pos {
            spans.push(Span::styled(text[pos..start].to_string(), base));
        }
        spans.push(Span::styled(text[start..end].to_string(), hit));
        pos = end;
        if pos >= text.len() {
            break;
        }
    }
    if pos < text.len() {
        spans.push(Span::styled(text[pos..].to_string(), base));
    }
    spans
}

/// Whether `text` holds one of the query's words.
pub(super) fn has_match(text: &str, query: &Query) -> bool {
    !query.is_empty() && query.first_match(&fold(text), 0).is_some()
}

/// `spans` as lines of at most `width` columns, broken after a space where
/// there is one; lines after the first start with `indent` spaces.
pub(super) fn wrap(spans: Vec<Span<'static>>, width: usize, indent: usize) -> Vec<Line<'static>> {
    let width = width.max(1);
    let indent = if indent + 8 > width { 0 } else { indent };
    let mut lines = Vec::new();
    let mut line: Vec<(char, Style)> = Vec::new();
    let mut used = 0;
    // Where the current line's own text starts (after a hanging indent).
    let mut start = 0;
    for span in spans {
        for c in span.content.chars() {
            let w = c.width().unwrap_or(0);
            if used + w > width && line.len() > start {
                if c == ' ' {
                    // A space at the end of a line is where it breaks.
                    lines.push(to_line(&line));
                    line = vec![(' ', Style::new()); indent];
                    start = indent;
                    used = indent;
                    continue;
                }
                let cut = line[start..]
                    .iter()
                    .rposition(|(ch, _)| *ch == ' ')
                    .map(|i| start + i)
                    .filter(|&i| line[start..i].iter().any(|(ch, _)| *ch != ' '));
                let carried: Vec<(char, Style)> = match cut {
                    Some(i) => {
                        let rest = line.split_off(i + 1);
                        line.pop();
                        rest
                    }
                    None => Vec::new(),
                };
                lines.push(to_line(&line));
                line = vec![(' ', Style::new()); indent];
                start = indent;
                used = indent;
                for (ch, style) in carried {
                    used += ch.width().unwrap_or(0);
                    line.push((ch, style));
                }
            }
            used += w;
            line.push((c, span.style));
        }
    }
    lines.push(to_line(&line));
    lines
}

/// Characters with their styles as a line of spans, one per run of a style.
fn to_line(chars: &[(char, Style)]) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut text = String::new();
    let mut current: Option<Style> = None;
    for &(c, style) in chars {
        if current.is_some_and(|s| s != style) {
            spans.push(Span::styled(
                std::mem::take(&mut text),
                current.unwrap_or_default(),
            ));
        }
        current = Some(style);
        text.push(c);
    }
    if !text.is_empty() {
        spans.push(Span::styled(text, current.unwrap_or_default()));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Modifier;

    #[test]
    fn every_match_is_marked_and_control_characters_defused() {
        let hit = Style::new().add_modifier(Modifier::BOLD);
        let q = Query::parse("keys RETRY");
        let spans = highlighted(
            "Retry budget, idempotency keys; retry",
            &q,
            Style::new(),
            hit,
        );
        let marked: Vec<&str> = spans
            .iter()
            .filter(|s| s.style == hit)
            .map(|s| s.content.as_ref())
            .collect();
        assert_eq!(marked, ["Retry", "keys", "retry"]);
        let whole: String = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(whole, "Retry budget, idempotency keys; retry");
        assert_eq!(
            clean("a\u{1b}[2Jb\u{202e}c\td\ne"),
            r"a\e[2Jb\u{202e}c d\ne"
        );
        assert_eq!(
            clean_lines("one\r\n\ttwo\u{7}").collect::<Vec<_>>(),
            ["one", r"    two\x07"]
        );
        assert!(has_match("ÅNGSTRÖM", &Query::parse("ångström")));
        assert!(!has_match("x", &Query::parse("")));
    }

    #[test]
    fn wrapping_breaks_at_spaces_with_a_hanging_indent() {
        let hit = Style::new().add_modifier(Modifier::BOLD);
        let spans = vec![
            Span::raw("   one two three "),
            Span::styled("four", hit),
            Span::raw(" fivefivefivefivefive"),
        ];
        let lines = wrap(spans, 16, 3);
        let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        assert_eq!(
            text,
            [
                "   one two three",
                "   four",
                "   fivefivefivef",
                "   ivefive"
            ]
        );
        assert_eq!(lines[1].spans[1].style, hit);
        assert_eq!(wrap(vec![Span::raw("")], 10, 2).len(), 1);
        assert_eq!(wrap(vec![Span::raw("日本語のメモ")], 4, 0).len(), 3);
    }
}
