//! The help overlay: the interview screen's keys, from the key table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::overlay;
use crate::tui::keymap::{self, Act, Binding, Mode, Screen};
use crate::tui::theme::Theme;

/// The bindings the help lists: what works while typing or after Esc
/// (the rest are the details of pickers and dialogs, which say their keys).
pub fn listed() -> impl Iterator<Item = &'static Binding> {
    keymap::documented(Screen::Interview).filter(|b| {
        (b.modes.contains(&Mode::Typing) || b.command.is_some()) && b.act != Act::Newline
    })
}

/// Draws the help overlay over `area`.
pub fn draw(frame: &mut Frame, area: Rect, theme: &Theme) {
    let rows: Vec<(String, &str)> = listed().map(|b| (b.label(), b.help)).collect();
    let key_width = rows.iter().map(|(k, _)| k.width()).max().unwrap_or(0);
    let mut lines: Vec<Line> = rows
        .into_iter()
        .map(|(keys, what)| {
            let pad = key_width - keys.width();
            Line::from(vec![
                Span::styled(format!(" {keys}{} ", " ".repeat(pad)), theme.key()),
                Span::raw(what),
            ])
        })
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        " Alt+key = Esc then key. Any key closes this help; typing is typed.",
        theme.dim(),
    ));
    overlay(frame, area, theme, "Keys", 100, lines);
}
