//! Drawing: each screen is a function from state to a frame. Nothing here
//! changes state or touches the disk.

pub mod finish;
pub mod help;
pub mod interview;
pub mod launcher;

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::app::{App, Screen};
use super::live::Now;
use super::theme::Theme;

/// The smallest terminal the screens are laid out for.
pub const MIN_WIDTH: u16 = 80;
/// The smallest terminal height the screens are laid out for.
pub const MIN_HEIGHT: u16 = 24;

/// Draws the whole app.
pub fn draw(app: &App, frame: &mut Frame, now: Now) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area, &app.theme);
        return;
    }
    match &app.screen {
        Screen::Launcher(l) => launcher::draw(l, frame, area, &app.theme),
        Screen::Live(live) => interview::draw(live, frame, area, &app.theme, now),
        Screen::Done(done) => done_screen(done, frame, area, &app.theme),
    }
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
    let height = (text.len() as u16).min(area.height);
    let [middle] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    frame.render_widget(
        Paragraph::new(text)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        middle,
    );
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
    let rect = centered(area, width, lines.len() as u16 + 2);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(theme.focus_border())
                .title(format!(" {title} ")),
        ),
        rect,
    );
}

/// Key hints as a line: `key` styled, then its meaning.
pub fn hints<'a>(theme: &Theme, pairs: &[(&'a str, &'a str)]) -> Line<'a> {
    let mut spans = Vec::new();
    for (i, (key, what)) in pairs.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", theme.dim()));
        }
        spans.push(Span::styled(*key, theme.key()));
        spans.push(Span::raw(format!(" {what}")));
    }
    Line::from(spans)
}

fn done_screen(done: &super::app::Done, frame: &mut Frame, area: Rect, theme: &Theme) {
    let lines = vec![
        Line::styled(
            format!("Interview with {} is completed.", done.candidate),
            theme.strong(),
        ),
        Line::raw(format!("Recommendation: {}", done.recommendation)),
        Line::raw(""),
        Line::raw("Saved to:"),
        Line::styled(done.path.display().to_string(), theme.good()),
        Line::raw(""),
        Line::styled(
            "List saved interviews with: phonescreen sessions list",
            theme.dim(),
        ),
        Line::raw(""),
        hints(theme, &[("any key", "quit")]),
    ];
    overlay(frame, area, theme, "Interview saved", 76, lines);
}
