//! The help overlay: every key of the interview screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::overlay;
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
    overlay(frame, area, theme, "Keys", 78, lines);
}
