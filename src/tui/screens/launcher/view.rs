//! Drawing the launcher: resume, the new-interview form, saved interviews.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::{Field, Launcher, PurgeAsk};
use crate::display::escape;
use crate::interview::Status;
use crate::tui::screens::delete::draw_question;
use crate::tui::screens::{fit, footer_hints, truncate};
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
                escape(&s.candidate),
                escape(&s.role),
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

    let count = if launcher.listed {
        format!(" Saved interviews ({}) · F3 browse ", launcher.saved.len())
    } else {
        format!(
            " Saved interviews ({}, reading…) · F3 browse ",
            launcher.saved.len()
        )
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(count);
    let inner = block.inner(saved);
    frame.render_widget(block, saved);
    // What the retention asks for first (what a purge kept says why at
    // length), then problems, each marked `!` in the margin: a damaged file
    // must be seen even when the list is long, and whole, since the reason
    // is at the end. Both wrapped.
    let text_width = inner.width.saturating_sub(2);
    let head: Vec<(&str, Paragraph)> = retention_line(launcher, theme)
        .map(|l| ("", l))
        .into_iter()
        .chain(
            launcher
                .saved_problems
                .iter()
                .chain(&launcher.bank_problems)
                .map(|p| ("!", Line::styled(escape(p), theme.warning()))),
        )
        .map(|(mark, line)| (mark, Paragraph::new(line).wrap(Wrap { trim: true })))
        .collect();
    let mut top = inner.y;
    for (mark, text) in head {
        let rows = (text.line_count(text_width) as u16).min(inner.bottom().saturating_sub(top));
        if rows == 0 {
            break;
        }
        let area = Rect::new(inner.x, top, inner.width, rows);
        let [margin, body] =
            Layout::horizontal([Constraint::Length(2), Constraint::Min(1)]).areas(area);
        frame.render_widget(Paragraph::new(Line::styled(mark, theme.warning())), margin);
        frame.render_widget(text, body);
        top += rows;
    }
    let head_rows = top - inner.y;
    let list_area = Rect::new(inner.x, top, inner.width, inner.height - head_rows);
    let mut lines: Vec<Line> = Vec::new();
    // Only the rows that fit are formatted: the archive may hold thousands.
    let rows = usize::from(list_area.height);
    for s in launcher.saved.iter().take(rows) {
        let status = match s.status {
            Status::Completed => s.recommendation.map_or("completed".to_string(), |r| {
                format!("completed: {}", r.label())
            }),
            Status::InProgress => "in progress".to_string(),
        };
        lines.push(Line::raw(format!(
            "  {}  {} {} {}",
            s.started_at.format("%Y-%m-%d %H:%M"),
            fit(&escape(&s.candidate), 20),
            fit(&escape(&s.role), 18),
            status
        )));
    }
    if lines.is_empty() && head_rows == 0 {
        let empty = if launcher.listed {
            "  No saved interviews yet."
        } else {
            "  Reading saved interviews…"
        };
        lines.push(Line::styled(empty, theme.dim()));
    }
    frame.render_widget(Paragraph::new(lines), list_area);
    frame.render_widget(Paragraph::new(footer_hints(theme, launcher.mode())), footer);
    if let Some(ask) = &launcher.asking {
        draw_purge_question(launcher, ask, frame, area, theme);
    }
}

/// The retention's age as config.yaml says it (`180d`).
fn age(launcher: &Launcher) -> String {
    launcher
        .retention
        .map(crate::cli::format_age)
        .unwrap_or_default()
}

/// One line about interviews older than the retention: a purge under way,
/// what the last one did, or how many are waiting and the key that offers
/// to delete them.
fn retention_line(launcher: &Launcher, theme: &Theme) -> Option<Line<'static>> {
    if let Some(n) = launcher.purging {
        return Some(Line::styled(
            format!(
                "Deleting {n} interview{} older than your retention ({})…",
                if n == 1 { "" } else { "s" },
                age(launcher)
            ),
            theme.warning(),
        ));
    }
    if let Some(notice) = &launcher.notice {
        let style = if notice.trouble {
            theme.danger()
        } else {
            theme.good()
        };
        return Some(Line::styled(notice.text.clone(), style));
    }
    let old = launcher.older_than_retention().count();
    if old == 0 {
        return None;
    }
    let (count, verb) = if old == 1 {
        ("1 interview is".to_string(), "delete it")
    } else {
        (format!("{old} interviews are"), "delete them")
    };
    Some(Line::styled(
        format!(
            "{count} older than your retention ({}): F8 to {verb}",
            age(launcher)
        ),
        theme.warning(),
    ))
}

/// How many of the old interviews the question names; the rest are counted.
const NAMED: usize = 5;

fn draw_purge_question(
    launcher: &Launcher,
    ask: &PurgeAsk,
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
) {
    let n = ask.old.len();
    let mut lines = vec![
        Line::styled(
            format!(
                "Delete the {} that started more than {} ago (before {})?",
                if n == 1 {
                    "interview".to_string()
                } else {
                    format!("{n} interviews")
                },
                age(launcher),
                ask.cutoff.format("%Y-%m-%d %H:%M")
            ),
            theme.strong(),
        ),
        Line::raw(""),
    ];
    for s in ask.old.iter().take(NAMED) {
        let mut what = escape(&s.candidate).into_owned();
        if !s.role.trim().is_empty() {
            what.push_str(&format!(" · {}", escape(&s.role)));
        }
        lines.push(Line::raw(format!(
            "  {}  {}",
            s.started_at.format("%Y-%m-%d"),
            truncate(&what, 56)
        )));
    }
    if n > NAMED {
        lines.push(Line::styled(
            format!("  … and {} more (F3 lists them all)", n - NAMED),
            theme.dim(),
        ));
    }
    lines.push(Line::raw(""));
    lines.push(Line::raw(
        "Each goes with its journal, lock, temp files, rescue copies, exported scorecard and review-index entry. This cannot be undone. One open in another phonescreen is kept.",
    ));
    draw_question(
        frame,
        area,
        theme,
        "Delete old interviews",
        lines,
        &ask.confirm,
    );
}
