//! Plain-text tables: columns padded by display width, text from files made
//! safe to print.

use unicode_width::UnicodeWidthStr;

/// `text` on one line with nothing a terminal would act on: line breaks
/// and tabs become spaces, other control characters `?`.
pub(crate) fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' | '\r' | '\t' => ' ',
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') => '?',
            c => c,
        })
        .collect()
}

/// `text` cut to at most `width` columns, with `…` when cut.
pub(crate) fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Rows of cells as lines, each column as wide as its widest cell (at most
/// `max_width` columns), separated by two spaces, without trailing blanks.
pub(crate) fn render(rows: &[Vec<String>], max_width: usize) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|cell| cell.width().min(max_width))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            let cell = fit(cell, max_width);
            line.push_str(&cell);
            if c + 1 < row.len() {
                line.extend(std::iter::repeat_n(' ', widths[c] - cell.width() + 2));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pads_by_display_width_and_defuses_control_characters() {
        let rows = vec![
            vec!["李雷".to_string(), "x".to_string()],
            vec!["Ada".to_string(), "y".to_string()],
        ];
        assert_eq!(render(&rows, 20), "李雷  x\nAda   y\n");
        assert_eq!(one_line("a\u{1b}]2;t\u{7}\nb"), "a?]2;t? b");
        assert_eq!(fit("abcdef", 4), "abc…");
    }
}
