//! Text from saved files, made safe to draw, with the filter's matches marked.

use ratatui::style::Style;
use ratatui::text::Span;

pub(super) use crate::tui::screens::wrap::wrap;

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
}
