//! Drawing the launcher: resume, the new-interview form, saved interviews.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{Field, Launcher};
use crate::interview::Status;
use crate::tui::screens::{fit, footer_hints};
use crate::tui::theme::Theme;

fn label_width(launcher: &Launcher) -> usize {
    let longest = launcher
        .variables
        .iter()
        .map(|v| v.name.chars().count() + 4)
        .max()
        .unwrap_or(0);
    longest.clamp(14, 24)
}

fn field_line<'a>(
    launcher: &Launcher,
    theme: &Theme,
    field: Field,
    label: &str,
    value: &str,
    placeholder: Option<&str>,
) -> Line<'a> {
    let focused = launcher.focus == field;
    let label_style = if focused { theme.key() } else { theme.text() };
    let mut spans = vec![
        Span::styled(if focused { "▸ " } else { "  " }, theme.key()),
        Span::styled(
            format!("{label:<width$}", width = label_width(launcher)),
            label_style,
        ),
    ];
    if value.is_empty() {
        if let Some(p) = placeholder {
            spans.push(Span::styled(p.to_string(), theme.dim()));
        }
    } else {
        spans.push(Span::styled(
            value.to_string(),
            if focused {
                theme.strong()
            } else {
                theme.text()
            },
        ));
    }
    if focused && field != Field::Bank && field != Field::Start {
        spans.push(Span::styled("▏", theme.key()));
    }
    Line::from(spans)
}

/// Draws the launcher.
pub(super) fn draw(launcher: &Launcher, frame: &mut Frame, area: Rect, theme: &Theme) {
    let resume_rows = if launcher.resumable.is_empty() {
        0
    } else {
        launcher.resumable.len().min(3) as u16 + 3
    };
    let form_rows = 8 + launcher.variables.len() as u16 + 2;
    let [title, resume, form, saved, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(resume_rows),
        Constraint::Length(form_rows),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(" phonescreen ", theme.selected()),
            Span::styled(
                " a 30-minute technical phone screen, on pace, every note saved",
                theme.dim(),
            ),
        ])),
        title,
    );

    if resume_rows > 0 {
        let mut lines = Vec::new();
        for (i, s) in launcher.resumable.iter().take(3).enumerate() {
            let focused = launcher.focus == Field::Resume(i);
            let asked = match (s.asked_count, s.question_count) {
                (Some(asked), Some(total)) => format!(" · {asked}/{total} asked"),
                _ => String::new(),
            };
            let text = format!(
                "{} Resume {} · {} · started {} · {} min in{asked}",
                if focused { "▸" } else { " " },
                s.candidate,
                s.role,
                s.started_at.format("%Y-%m-%d %H:%M"),
                s.elapsed_seconds / 60,
            );
            lines.push(Line::styled(
                text,
                if focused {
                    theme.selected()
                } else {
                    theme.text()
                },
            ));
        }
        lines.push(Line::styled(
            "  Enter resumes with every note; ↓ for a new interview",
            theme.dim(),
        ));
        frame.render_widget(
            Paragraph::new(lines).block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(theme.warning())
                    .title(" Interrupted interview "),
            ),
            resume,
        );
    }

    let bank_value = match launcher.banks.get(launcher.bank) {
        Some(b) => format!(
            "◂ {} · {} q · {} min ▸",
            b.bank.name,
            b.bank.question_count(),
            b.bank.duration_minutes
        ),
        None => "no bank could be loaded".to_string(),
    };
    let mut lines = vec![
        field_line(
            launcher,
            theme,
            Field::Candidate,
            "Candidate",
            &launcher.candidate,
            Some("required"),
        ),
        field_line(
            launcher,
            theme,
            Field::Role,
            "Role",
            &launcher.role,
            Some("required"),
        ),
        field_line(
            launcher,
            theme,
            Field::Interviewer,
            "Interviewer",
            &launcher.interviewer,
            Some("optional"),
        ),
        field_line(launcher, theme, Field::Bank, "Bank", &bank_value, None),
    ];
    for (i, v) in launcher.variables.iter().enumerate() {
        let placeholder = match &v.default {
            Some(d) => format!("{} (default: {d})", v.prompt),
            None => format!("{} (required)", v.prompt),
        };
        lines.push(field_line(
            launcher,
            theme,
            Field::Variable(i),
            &format!("${{{}}}", v.name),
            &v.value,
            Some(&placeholder),
        ));
    }
    let minutes_placeholder = launcher
        .banks
        .get(launcher.bank)
        .map(|b| format!("{} (the bank's length)", b.bank.duration_minutes));
    lines.push(field_line(
        launcher,
        theme,
        Field::Minutes,
        "Minutes",
        &launcher.minutes,
        minutes_placeholder.as_deref(),
    ));
    lines.push(Line::raw(""));
    let start_style = if launcher.focus == Field::Start {
        theme.selected()
    } else {
        theme.strong()
    };
    lines.push(Line::from(vec![
        Span::raw("  "),
        Span::styled("[ Start interview ]", start_style),
    ]));
    if let Some(e) = &launcher.error {
        lines.push(Line::styled(format!("  {e}"), theme.danger()));
    }
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(theme.focus_border())
                .title(" New interview "),
        ),
        form,
    );

    // Problems first: a damaged file must be seen even when the list is long.
    let mut lines: Vec<Line> = launcher
        .saved_problems
        .iter()
        .chain(&launcher.bank_problems)
        .map(|p| Line::styled(format!("  ! {p}"), theme.warning()))
        .collect();
    // Only the rows that fit are formatted: the archive may hold thousands.
    let rows = usize::from(saved.height.saturating_sub(2));
    for s in launcher.saved.iter().take(rows.saturating_sub(lines.len())) {
        let status = match s.status {
            Status::Completed => s.recommendation.map_or("completed".to_string(), |r| {
                format!("completed: {}", r.label())
            }),
            Status::InProgress => "in progress".to_string(),
        };
        lines.push(Line::raw(format!(
            "  {}  {} {} {}",
            s.started_at.format("%Y-%m-%d %H:%M"),
            fit(&s.candidate, 20),
            fit(&s.role, 18),
            status
        )));
    }
    if lines.is_empty() {
        let empty = if launcher.listed {
            "  No saved interviews yet."
        } else {
            "  Reading saved interviews…"
        };
        lines.push(Line::styled(empty, theme.dim()));
    }
    let count = if launcher.listed {
        format!(" Saved interviews ({}) · F3 browse ", launcher.saved.len())
    } else {
        format!(
            " Saved interviews ({}, reading…) · F3 browse ",
            launcher.saved.len()
        )
    };
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(theme.border())
                .title(count),
        ),
        saved,
    );
    frame.render_widget(Paragraph::new(footer_hints(theme, launcher.mode())), footer);
}
