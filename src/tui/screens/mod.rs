//! The screens. Each is a component with private state: it says how keys
//! are read ([`Mode`], each screen its own modes), carries out commands in its `update` and takes events in `on_event`, and draws itself
//! from its state without changing it. Shared drawing helpers live here.

pub mod delete;
pub mod done;
pub mod finish;
pub mod help;
pub mod interview;
pub mod launcher;
pub mod review;
pub mod wrap;

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Flex, Layout, Rect};
use ratatui::symbols::scrollbar::VERTICAL;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, Clear, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, Wrap,
};
use unicode_width::UnicodeWidthStr;

use super::editor::NotesEditor;
use super::keymap::{Keymap, Mode};
use super::theme::Theme;

/// The narrowest terminal the screens are laid out for: a tmux pane split
/// beside a video call. Below 80 columns (or 23 rows) the interview takes
/// its compact layout (see `interview::view`).
pub const MIN_WIDTH: u16 = 60;
/// The shortest terminal the screens are laid out for.
pub const MIN_HEIGHT: u16 = 16;

/// Whether `area` is too small for the screens.
pub fn is_too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

/// The "terminal too small" screen: says what is needed and that nothing is lost.
pub fn too_small(frame: &mut Frame, area: Rect, theme: &Theme) {
    let text = vec![
        Line::styled("Terminal too small", theme.warning()),
        Line::raw(format!(
            "need {MIN_WIDTH}x{MIN_HEIGHT}, have {}x{}",
            area.width, area.height
        )),
        Line::raw(""),
        Line::styled(
            "Enlarge the window; notes are safe and the timer runs on.",
            theme.dim(),
        ),
    ];
    let paragraph = Paragraph::new(text)
        .alignment(Alignment::Center)
        .wrap(Wrap { trim: true });
    // As tall as the text once wrapped: a narrow window wraps the last line,
    // which would otherwise be cut after "notes are safe and".
    let height = u16::try_from(paragraph.line_count(area.width))
        .unwrap_or(u16::MAX)
        .min(area.height);
    let [middle] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    frame.render_widget(paragraph, middle);
}

/// A centred box of at most `width` x `height` inside `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    cell
}

/// Draws `lines` in a bordered box of at most `width` columns, centred over
/// `area` and as tall as its text, clearing what is underneath.
pub fn overlay(
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
    title: &str,
    width: u16,
    lines: Vec<Line>,
) {
    let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false }).block(
        Block::default()
            .borders(Borders::ALL)
            .border_style(theme.focus_border())
            .title(format!(" {title} ")),
    );
    // As tall as the text once wrapped inside the borders (the count
    // includes them): a long path or message must not push the last lines,
    // the footer's keys, out of the box.
    let inner_width = width.min(area.width).saturating_sub(2);
    let height = u16::try_from(paragraph.line_count(inner_width)).unwrap_or(u16::MAX);
    let rect = centered(area, width, height);
    frame.render_widget(Clear, rect);
    frame.render_widget(paragraph, rect);
}

/// Key hints as a line: `key` styled, then its meaning.
pub fn hints<K: Into<String>, W: Into<String>>(
    theme: &Theme,
    pairs: impl IntoIterator<Item = (K, W)>,
) -> Line<'static> {
    hints_within(theme, pairs, usize::MAX)
}

/// [`hints`] in at most `width` columns, most wanted first: a hint that
/// does not fit is left out whole (and the next, shorter one may fit),
/// never cut in the middle of its key.
pub fn hints_within<K: Into<String>, W: Into<String>>(
    theme: &Theme,
    pairs: impl IntoIterator<Item = (K, W)>,
    width: usize,
) -> Line<'static> {
    let mut spans = Vec::new();
    let mut used = 0;
    for (key, what) in pairs {
        let (key, what) = (theme.key_names(&key.into()), what.into());
        let gap = if spans.is_empty() { 0 } else { 3 };
        let cost = gap + key.width() + 1 + what.width();
        if used + cost > width {
            continue;
        }
        used += cost;
        if gap > 0 {
            spans.push(Span::styled(" · ", theme.dim()));
        }
        spans.push(Span::styled(key, theme.key()));
        spans.push(Span::raw(format!(" {what}")));
    }
    Line::from(spans)
}

/// Text from a file, to show as it is (a prep file, a bank's advice): tabs
/// as spaces, and every other control character as an escape (`\e`),
/// line breaks kept. ratatui would skip a control character silently; a
/// prep file is anyone's text, so the reader sees what it held.
pub fn plain_text(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\t', "    ");
    crate::display::escape_lines(&text).into_owned()
}

/// The footer hints of `mode`, from the key table.
pub fn footer_hints(theme: &Theme, keys: &Keymap, mode: Mode) -> Line<'static> {
    hints(theme, keys.hints(mode, false))
}

/// A scrollbar down the right edge of `area` (a border, or a column left
/// free) when what is shown there does not all fit: scrolled to `top` of
/// `max`, `height` showing.
pub fn scrollbar(
    frame: &mut Frame,
    area: Rect,
    top: usize,
    max: usize,
    height: usize,
    theme: &Theme,
) {
    if max == 0 {
        return;
    }
    let bar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
        .symbols(VERTICAL)
        .begin_symbol(None)
        .end_symbol(None)
        .style(theme.border());
    let mut state = ScrollbarState::new(max + 1)
        .position(top)
        .viewport_content_length(height);
    frame.render_stateful_widget(bar, area, &mut state);
}

/// Draws an editor in a bordered box; the cursor shows only when it has focus
/// (set on the editor when the focus changed, never here).
pub fn draw_editor(
    editor: &NotesEditor,
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
    title: &str,
    focused: bool,
) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(if focused {
            theme.focus_border()
        } else {
            theme.border()
        })
        .title(title.to_string());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    frame.render_widget(editor.widget(), inner);
}

/// `text` cut to `width` columns of the terminal, with `…` when cut.
pub fn truncate(text: &str, width: usize) -> String {
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
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// `text` cut or padded to exactly `width` columns of the terminal.
pub fn fit(text: &str, width: usize) -> String {
    let mut out = truncate(text, width);
    let used = out.width();
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    out
}
