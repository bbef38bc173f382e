//! Plain-text tables: columns padded by display width, text from files made
//! safe to print.

use crate::display;

/// `text` on one line with every control character shown as an escape.
pub(crate) fn one_line(text: &str) -> String {
    crate::display::escape(text).into_owned()
}

/// Rows of cells as lines, each column as wide as its widest cell (at most
/// `max_width` columns), separated by two spaces, without trailing blanks.
pub(crate) fn render(rows: &[Vec<String>], max_width: usize) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|cell| display::width(cell).min(max_width))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            if c + 1 < row.len() {
                line.push_str(&display::column(cell, widths[c]));
                line.push_str("  ");
            } else {
                line.push_str(&display::truncate(cell, max_width));
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
        assert_eq!(one_line("a\u{1b}]2;t\u{7}\nb"), "a\\e]2;t\\x07\\nb");
    }
}
