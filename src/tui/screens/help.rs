//! The help overlay: every key of the interview screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::centered;
use crate::tui::keymap::INTERVIEW_KEYS;
use crate::tui::theme::Theme;

/// Draws the help overlay over `area`.
pub fn draw(frame: &mut Frame, area: Rect, theme: &Theme) {
    let key_width = INTERVIEW_KEYS
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    let mut lines: Vec<Line> = INTERVIEW_KEYS
        .iter()
        .map(|(keys, what)| {
            Line::from(vec![
                Span::styled(format!(" {keys:<key_width$} "), theme.key()),
                Span::raw(*what),
            ])
        })
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        " Notes are saved as you type. Any key closes this help.",
        theme.dim(),
    ));
    let rect = centered(area, 78, lines.len() as u16 + 2);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(theme.focus_border())
                .title(" Keys "),
        ),
        rect,
    );
}
