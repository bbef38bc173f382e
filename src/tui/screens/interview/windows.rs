//! The interview screen's windows over it: the candidate's prep, the
//! question before quitting, the no-show question and the section picker.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::InterviewScreen as Live;
use crate::display::escape;
use crate::interview::{Record, format_clock};
use crate::tui::screens::{centered, hints, overlay, plain_text, truncate};
use crate::tui::theme::Theme;

/// The bank's advice for before the call (its `description`), if it has one.
pub(super) fn bank_advice(record: &Record) -> Option<&str> {
    let advice = record.bank.description.as_deref()?.trim();
    (!advice.is_empty()).then_some(advice)
}

/// The prep window's text: the bank's advice and the whole prep.
fn prep_lines(live: &Live, theme: &Theme) -> Vec<Line<'static>> {
    let record = live.interview.record();
    let mut lines = Vec::new();
    if let Some(advice) = bank_advice(record) {
        lines.push(Line::styled("Before the call", theme.strong()));
        lines.push(Line::styled(plain_text(advice), theme.dim()));
        lines.push(Line::raw(""));
    }
    match &record.prep {
        Some(prep) => {
            lines.push(Line::styled(
                format!("Prep: {}", plain_text(&prep.file)),
                theme.strong(),
            ));
            lines.extend(live.prep_lines.iter().map(|l| Line::raw(l.clone())));
        }
        None => lines.push(Line::styled(
            "No prep was given for this interview (--prep FILE, or the launcher's Prep field).",
            theme.dim(),
        )),
    }
    lines
}

/// The prep window in `area`: its box, and its text's inner rectangle.
fn prep_rect(area: Rect) -> Rect {
    centered(area, 100, area.height.saturating_sub(2))
}

/// How many rows a page of the prep window is.
pub(super) fn prep_page(area: Rect) -> u16 {
    prep_rect(area).height.saturating_sub(3).max(1)
}

/// How far the prep window scrolls in `area`.
pub(super) fn prep_max_scroll(live: &Live, area: Rect) -> u16 {
    let rect = prep_rect(area);
    let lines = prep_lines(live, &live.theme);
    let rows = live.heights.of(&lines, rect.width.saturating_sub(2));
    rows.saturating_sub(rect.height.saturating_sub(2))
}

pub(super) fn draw_prep(live: &Live, frame: &mut Frame, area: Rect, theme: &Theme) {
    let rect = prep_rect(area);
    let lines = prep_lines(live, theme);
    let scroll = live.prep_scroll.min(prep_max_scroll(live, area));
    frame.render_widget(Clear, rect);
    let keys = theme.key_names(" ↑/↓ PgUp/PgDn scroll · any other key closes ");
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0))
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(theme.focus_border())
                    .title(format!(
                        " {} · prep ",
                        truncate(&escape(&live.interview.record().candidate), 40)
                    ))
                    .title_bottom(Line::styled(keys, theme.dim()).right_aligned()),
            ),
        rect,
    );
}

pub(super) fn draw_confirm_quit(live: &Live, frame: &mut Frame, area: Rect, theme: &Theme) {
    let saved = if live.save_problem().is_some() {
        Line::styled(
            "The last save FAILED: notes are only in memory. Esc w saves elsewhere.",
            theme.danger(),
        )
    } else {
        Line::styled(format!("Saved to {}", live.path().display()), theme.dim())
    };
    let status = live.interview.record().status.label();
    let lines = vec![
        Line::styled("Quit phonescreen?", theme.strong()),
        Line::raw(""),
        Line::raw(format!(
            "The interview stays {status}; `{}` carries on.",
            crate::tui::messages::resume_command(live.path())
        )),
        saved,
        Line::raw(""),
        hints(
            theme,
            [("Ctrl+Q again", "quit"), ("Esc / Enter / typing", "stay")],
        ),
    ];
    overlay(frame, area, theme, "Quit", 74, lines);
}

pub(super) fn draw_no_show(live: &Live, frame: &mut Frame, area: Rect, theme: &Theme) {
    let record = live.interview.record();
    let armed = live.no_show.as_ref().is_some_and(|c| c.is_armed());
    let ran = if live.interview.is_waiting() {
        "The call never started.".to_string()
    } else {
        format!(
            "The call ran {}; its notes are kept.",
            format_clock(record.elapsed_seconds)
        )
    };
    let lines = vec![
        Line::styled(
            format!(
                "Record {} as a no-show?",
                truncate(&escape(&record.candidate), 50)
            ),
            theme.strong(),
        ),
        Line::raw(""),
        Line::raw(format!(
            "{ran} The interview ends here and cannot be resumed as a call; review, export and the report list it as a no-show."
        )),
        Line::raw(""),
        if armed {
            hints(
                theme,
                [
                    ("Enter", "record the no-show"),
                    ("any other key", "go back"),
                ],
            )
        } else {
            hints(
                theme,
                [("y then Enter", "record it"), ("any other key", "go back")],
            )
        },
    ];
    overlay(frame, area, theme, "No-show", 70, lines);
}

pub(super) fn draw_jump(live: &Live, frame: &mut Frame, area: Rect, theme: &Theme) {
    let mut lines: Vec<Line> = live
        .interview
        .record()
        .sections
        .iter()
        .enumerate()
        .take(9)
        .map(|(i, s)| {
            Line::from(vec![
                Span::styled(format!(" {} ", i + 1), theme.key()),
                Span::raw(s.title.clone()),
            ])
        })
        .collect();
    lines.push(Line::raw(""));
    lines.push(hints(theme, [("1-9", "go to section"), ("Esc", "cancel")]));
    overlay(frame, area, theme, "Jump to section", 50, lines);
}
