//! Laying out text in lines of a given width, broken at spaces: for text
//! that is scrolled by line (the opened interview) or whose rows must be
//! known before drawing (the launcher's prompts).

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

/// `spans` as lines of at most `width` columns, broken after a space where
/// there is one; lines after the first start with `indent` spaces.
pub(crate) fn wrap(spans: Vec<Span<'static>>, width: usize, indent: usize) -> Vec<Line<'static>> {
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
