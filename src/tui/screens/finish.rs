//! The finish form, drawn over the interview screen.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::interview::draw_editor;
use super::{centered, hints};
use crate::interview::Recommendation;
use crate::tui::finish::{FinishField, FinishForm};
use crate::tui::live::Live;
use crate::tui::theme::Theme;

/// Draws the finish form.
pub fn draw(form: &FinishForm, live: &Live, frame: &mut Frame, area: Rect, theme: &Theme) {
    let rect = centered(area, 100, area.height.saturating_sub(2));
    frame.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focus_border())
        .title(format!(
            " Finish interview with {} ",
            live.interview.record().candidate
        ));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);

    let warnings = form.unasked_required.len().min(4) as u16;
    let warning_rows = if warnings > 0 { warnings + 1 } else { 0 };
    let [choices, warn, summary, error, buttons] = Layout::vertical([
        Constraint::Length(Recommendation::ALL.len() as u16 + 1),
        Constraint::Length(warning_rows),
        Constraint::Min(4),
        Constraint::Length(u16::from(form.error.is_some())),
        Constraint::Length(1),
    ])
    .areas(inner);

    let focused = form.field == FinishField::Recommendation;
    let mut lines = vec![Line::styled(
        "Overall recommendation",
        if focused { theme.key() } else { theme.strong() },
    )];
    for (i, r) in Recommendation::ALL.iter().enumerate() {
        let chosen = form.choice == Some(i);
        let mark = if chosen { "(•)" } else { "( )" };
        let style = if chosen && focused {
            theme.selected()
        } else if chosen {
            theme.strong()
        } else {
            theme.text()
        };
        lines.push(Line::from(vec![
            Span::styled(format!("  {} ", i + 1), theme.key()),
            Span::styled(format!("{mark} {}", r.label()), style),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), choices);

    if warnings > 0 {
        let mut lines = vec![Line::styled(
            format!(
                "Required questions not asked ({}):",
                form.unasked_required.len()
            ),
            theme.warning(),
        )];
        let width = usize::from(warn.width).saturating_sub(5);
        for q in form.unasked_required.iter().take(4) {
            let mut text: String = q.chars().take(width).collect();
            if q.chars().count() > width {
                text.pop();
                text.push('…');
            }
            lines.push(Line::raw(format!("  ! {text}")));
        }
        frame.render_widget(Paragraph::new(lines), warn);
    }

    draw_editor(
        &form.summary,
        frame,
        summary,
        theme,
        " Summary ",
        form.field == FinishField::Summary,
    );
    if let Some(e) = &form.error {
        frame.render_widget(
            Paragraph::new(Line::styled(e.as_str(), theme.danger())),
            error,
        );
    }
    let button_style = if form.field == FinishField::Confirm {
        theme.selected()
    } else {
        theme.strong()
    };
    let line = Line::from(vec![
        Span::styled(" [ Finish and save ] ", button_style),
        Span::raw("  "),
    ]);
    let mut keys = hints(
        theme,
        &[
            ("1-5", "choose"),
            ("Tab", "next"),
            ("^S/F10", "finish"),
            ("Esc", "back"),
        ],
    );
    keys.spans.splice(0..0, line.spans);
    frame.render_widget(Paragraph::new(keys), buttons);
}
