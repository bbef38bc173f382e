//! The help overlay: the interview screen's keys, from the key table. It
//! scrolls (`↑`/`↓`, `PgUp`/`PgDn`) when the terminal is too short for all
//! of it, as an 80x23 tmux pane is.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::centered;
use super::wrap::wrap;
use crate::tui::keymap::{Act, Binding, InterviewMode, Keymap, Mode};
use crate::tui::theme::Theme;

/// The bindings the help lists: what works while typing or after Esc
/// (the rest are the details of pickers and dialogs, which say their keys).
/// Not listed either: what the keys after Esc that are no command do.
pub fn listed(keys: &Keymap) -> impl Iterator<Item = &Binding> {
    keys.bindings().iter().filter(|b| {
        let after_esc_only = b.keys.iter().all(|s| s.keys().len() == 2)
            && matches!(
                b.act,
                Act::Edit | Act::Do(crate::tui::command::Command::Back)
            );
        b.screen == "interview"
            && b.modes.contains(&Mode::Interview(InterviewMode::Typing))
            && b.act != Act::Newline
            && !after_esc_only
    })
}

/// The help's box over `area`.
fn rect(area: Rect) -> Rect {
    centered(area, 100, area.height.saturating_sub(2))
}

/// The help's lines at the width of its box, what a key does wrapped under
/// the words, not under the keys.
fn lines(area: Rect, theme: &Theme, keys: &Keymap) -> Vec<Line<'static>> {
    let width = usize::from(rect(area).width.saturating_sub(2));
    let rows: Vec<(String, &str)> = listed(keys)
        .map(|b| (theme.key_names(&b.label()), b.help))
        .collect();
    let mut lines = key_lines(rows, width, theme);
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        " Alt+key = Esc then key. Any key closes this help; typing is typed.",
        theme.dim(),
    ));
    lines
}

/// How far the help scrolls over `area`: until its last line shows.
pub fn max_scroll(area: Rect, theme: &Theme, keys: &Keymap) -> u16 {
    let rows = u16::try_from(lines(area, theme, keys).len()).unwrap_or(u16::MAX);
    rows.saturating_sub(rect(area).height.saturating_sub(2))
}

/// How many rows a page of the help is.
pub fn page(area: Rect) -> u16 {
    rect(area).height.saturating_sub(3).max(1)
}

/// Draws the help over `area`, scrolled down `scroll` rows.
pub fn draw(frame: &mut Frame, area: Rect, theme: &Theme, keys: &Keymap, scroll: u16) {
    let lines = lines(area, theme, keys);
    let rows = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    let full = rect(area);
    let rect = Rect {
        height: full.height.min(rows.saturating_add(2)),
        ..full
    };
    let rect = centered(area, rect.width, rect.height);
    let scroll = scroll.min(rows.saturating_sub(rect.height.saturating_sub(2)));
    let more = rows > rect.height.saturating_sub(2);
    let mut block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focus_border())
        .title(" Keys ");
    if more {
        block = block.title_bottom(
            Line::styled(theme.key_names(" ↑/↓ PgUp/PgDn scroll "), theme.dim()).right_aligned(),
        );
    }
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)).block(block), rect);
}

/// The rows of a help table, `keys  what they do`, wrapped to `width`:
/// what a key does continues under the words, not under the keys.
pub(crate) fn key_lines(
    rows: Vec<(String, &'static str)>,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let key_width = rows.iter().map(|(k, _)| k.width()).max().unwrap_or(0);
    let mut lines = Vec::new();
    for (keys, what) in rows {
        let pad = key_width.saturating_sub(keys.width());
        let spans = vec![
            Span::styled(format!(" {keys}{} ", " ".repeat(pad)), theme.key()),
            Span::raw(what),
        ];
        lines.extend(wrap(spans, width, key_width + 2));
    }
    lines
}
