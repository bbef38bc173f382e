//! Drawing the launcher: resume, the new-interview form, saved interviews.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::{Field, Launcher, PurgeAsk};
use crate::display::escape;
use crate::interview::Status;
use crate::tui::screens::delete::draw_question;
use crate::tui::screens::wrap::wrap;
use crate::tui::screens::{fit, footer_hints, truncate};
use crate::tui::theme::Theme;
use unicode_width::UnicodeWidthStr;

/// The width of the labels of one-line fields.
const LABEL_WIDTH: usize = 13;

/// `value` in `room` columns: its end shows, where the cursor is.
fn tail(value: &str, room: usize) -> String {
    if value.width() <= room {
        return value.to_string();
    }
    let mut kept: Vec<char> = Vec::new();
    let mut used = 1;
    for c in value.chars().rev() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        kept.push(c);
    }
    std::iter::once('…').chain(kept.into_iter().rev()).collect()
}

/// A field's value (or, when empty, its placeholder) with the cursor mark
/// when it has focus, in `room` columns.
fn value_spans(
    launcher: &Launcher,
    theme: &Theme,
    field: Field,
    value: &str,
    placeholder: &str,
    room: usize,
) -> Vec<Span<'static>> {
    let focused = launcher.focus == field;
    let cursor = focused && !matches!(field, Field::Bank | Field::Start);
    let room = room.saturating_sub(usize::from(cursor));
    let mut spans = Vec::new();
    if value.is_empty() {
        spans.push(Span::styled(truncate(placeholder, room), theme.dim()));
    } else {
        let style = if focused {
            theme.strong()
        } else {
            theme.text()
        };
        // A typed value shows its end, where the cursor is; the bank's
        // name its beginning.
        let shown = if cursor {
            tail(&escape(value), room)
        } else {
            truncate(&escape(value), room)
        };
        spans.push(Span::styled(shown, style));
    }
    if cursor {
        // The cursor goes after the text typed, before any placeholder.
        let at = usize::from(!value.is_empty());
        spans.insert(at, Span::styled("▏", theme.key()));
    }
    spans
}

/// The marker and label of a field.
fn label_spans(
    launcher: &Launcher,
    theme: &Theme,
    field: Field,
    label: &str,
) -> Vec<Span<'static>> {
    let focused = launcher.focus == field;
    vec![
        Span::styled(if focused { "▸ " } else { "  " }, theme.key()),
        Span::styled(
            format!("{label:<LABEL_WIDTH$}"),
            if focused { theme.key() } else { theme.text() },
        ),
    ]
}

/// A one-line field: its label, then its value.
fn field_line(
    launcher: &Launcher,
    theme: &Theme,
    field: Field,
    label: &str,
    value: &str,
    placeholder: &str,
    width: usize,
) -> Line<'static> {
    let mut spans = label_spans(launcher, theme, field, label);
    let room = width.saturating_sub(2 + LABEL_WIDTH);
    spans.extend(value_spans(
        launcher,
        theme,
        field,
        value,
        placeholder,
        room,
    ));
    Line::from(spans)
}

/// The form's rows, each with the field it belongs to (for scrolling to
/// the focus), at `width` columns.
fn form_rows(
    launcher: &Launcher,
    theme: &Theme,
    width: usize,
) -> Vec<(Option<Field>, Line<'static>)> {
    let mut rows = Vec::new();
    let one = |field: Field, label: &str, value: &str, placeholder: &str| {
        let line = field_line(launcher, theme, field, label, value, placeholder, width);
        (Some(field), line)
    };
    rows.push(one(
        Field::Candidate,
        "Candidate",
        &launcher.candidate,
        "required",
    ));
    rows.push(one(Field::Role, "Role", &launcher.role, "required"));
    rows.push(one(
        Field::Interviewer,
        "Interviewer",
        &launcher.interviewer,
        "optional",
    ));
    let bank_value = match launcher.banks.get(launcher.bank) {
        Some(b) => format!(
            "◂ {} · {} q · {} min ▸",
            b.bank.name,
            b.bank.question_count(),
            b.bank.duration_minutes
        ),
        None => "no bank could be loaded".to_string(),
    };
    rows.push(one(Field::Bank, "Bank", &bank_value, ""));
    for (i, v) in launcher.variables.iter().enumerate() {
        // The bank's question in full, wrapped, and the value after it, on
        // the same line when there is room for it.
        let field = Field::Variable(i);
        let mut prompt = label_spans(launcher, theme, field, "");
        prompt.truncate(1);
        let focused = launcher.focus == field;
        prompt.push(Span::styled(
            format!("{}:", escape(&v.prompt)),
            if focused { theme.key() } else { theme.text() },
        ));
        let mut lines = wrap(prompt, width, 2);
        let placeholder = match &v.default {
            Some(d) => format!("{d} (default)"),
            None => "required".to_string(),
        };
        let last = lines.last().map_or(0, Line::width);
        let room = width.saturating_sub(last + 1);
        let wanted = v.value.width().max(placeholder.width()).min(24) + 1;
        if room >= wanted {
            let value = value_spans(launcher, theme, field, &v.value, &placeholder, room);
            if let Some(line) = lines.last_mut() {
                line.spans.push(Span::raw(" "));
                line.spans.extend(value);
            }
        } else {
            let mut value = vec![Span::raw("    ")];
            value.extend(value_spans(
                launcher,
                theme,
                field,
                &v.value,
                &placeholder,
                width.saturating_sub(4),
            ));
            lines.push(Line::from(value));
        }
        rows.extend(lines.into_iter().map(|line| (Some(field), line)));
    }
    let minutes_placeholder = launcher
        .banks
        .get(launcher.bank)
        .map(|b| format!("{} (the bank's length)", b.bank.duration_minutes))
        .unwrap_or_default();
    rows.push(one(
        Field::Minutes,
        "Minutes",
        &launcher.minutes,
        &minutes_placeholder,
    ));
    rows.push(one(
        Field::Prep,
        "Prep file",
        &launcher.prep,
        "optional: resume notes or the job description (.txt, .md)",
    ));
    rows.push((None, Line::raw("")));
    let start_style = if launcher.focus == Field::Start {
        theme.selected()
    } else {
        theme.strong()
    };
    rows.push((
        Some(Field::Start),
        Line::from(vec![
            Span::raw("  "),
            Span::styled("[ Start interview ]", start_style),
        ]),
    ));
    if let Some(e) = &launcher.error {
        let spans = vec![Span::styled(format!("  {}", escape(e)), theme.danger())];
        for line in wrap(spans, width, 2) {
            rows.push((Some(Field::Start), line));
        }
    }
    rows
}

/// Draws the launcher.
pub(super) fn draw(launcher: &Launcher, frame: &mut Frame, area: Rect, theme: &Theme) {
    let short = area.height < 23;
    let resumable = launcher.resumable.len().min(if short { 1 } else { 3 });
    let resume_rows = if resumable == 0 {
        0
    } else {
        resumable as u16 + 3
    };
    let inner_width = usize::from(area.width.saturating_sub(2));
    let rows = form_rows(launcher, theme, inner_width);
    // The form gets what it needs; the saved list what is left, if that is
    // worth showing (three rows), else nothing.
    let room = area.height.saturating_sub(2 + resume_rows);
    let wanted = rows.len() as u16 + 2;
    let form_height = if room >= wanted + 4 { wanted } else { room };
    let [title, resume, form, saved, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(resume_rows),
        Constraint::Length(form_height),
        Constraint::Min(0),
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
        for (i, s) in launcher.resumable.iter().take(resumable).enumerate() {
            let focused = launcher.focus == Field::Resume(i);
            let asked = match (s.asked_count, s.question_count) {
                (Some(asked), Some(total)) => format!(" · {asked}/{total} asked"),
                _ => String::new(),
            };
            let how = if s.status == Status::Waiting {
                "waiting for the call".to_string()
            } else {
                format!("{} min in", s.elapsed_seconds / 60)
            };
            let text = format!(
                "{} Resume {} · {} · started {} · {how}{asked}",
                if focused { "▸" } else { " " },
                escape(&s.candidate),
                escape(&s.role),
                s.started_at.format("%Y-%m-%d %H:%M"),
            );
            lines.push(Line::styled(
                truncate(&text, inner_width),
                if focused {
                    theme.selected()
                } else {
                    theme.text()
                },
            ));
        }
        lines.push(Line::styled(
            theme.key_names("  Enter resumes with every note; ↓ for a new interview"),
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

    // Scrolled so the focused field shows whole (its last row, then its first).
    let visible = usize::from(form.height.saturating_sub(2));
    let focus_rows: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, (f, _))| *f == Some(launcher.focus))
        .map(|(i, _)| i)
        .collect();
    let last = focus_rows.last().copied().unwrap_or(0);
    let first = focus_rows.first().copied().unwrap_or(0);
    let scroll = (last + 1).saturating_sub(visible).min(first);
    let lines: Vec<Line> = rows.into_iter().skip(scroll).map(|(_, l)| l).collect();
    let hidden_below = lines.len() > visible;
    let mut block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focus_border())
        .title(" New interview ");
    if scroll > 0 || hidden_below {
        let more = format!(" {} ", theme.more(scroll > 0, hidden_below));
        block = block.title_bottom(Line::styled(more, theme.dim()).right_aligned());
    }
    frame.render_widget(Paragraph::new(lines).block(block), form);

    if saved.height >= 3 {
        draw_saved(launcher, frame, saved, theme);
    }
    frame.render_widget(
        Paragraph::new(footer_hints(theme, &launcher.keys, launcher.mode())),
        footer,
    );
    if let Some(ask) = &launcher.asking {
        draw_purge_question(launcher, ask, frame, area, theme);
    }
}

/// The saved interviews: how many, what the retention asks, damaged files,
/// and the newest ones.
fn draw_saved(launcher: &Launcher, frame: &mut Frame, saved: Rect, theme: &Theme) {
    let count = if launcher.listed {
        format!(
            " Saved interviews ({}) · Ctrl+F browse ",
            launcher.saved.len()
        )
    } else {
        format!(
            " Saved interviews ({}, reading…) · Ctrl+F browse ",
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
            other => other.label().to_string(),
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
            "{count} older than your retention ({}): Ctrl+D to {verb}",
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
    for (s, dated) in ask.old.iter().take(NAMED) {
        let mut what = escape(&s.candidate).into_owned();
        if !s.role.trim().is_empty() {
            what.push_str(&format!(" · {}", escape(&s.role)));
        }
        lines.push(Line::raw(format!(
            "  {}  {}",
            s.started_at.format("%Y-%m-%d"),
            truncate(&what, 56)
        )));
        // A suspect start date never decides alone: say what did.
        if let Some(note) = dated.note() {
            lines.push(Line::styled(format!("    {note}"), theme.warning()));
        }
    }
    if n > NAMED {
        let suspect = ask.old[NAMED..]
            .iter()
            .filter(|(_, d)| d.is_suspect())
            .count();
        let also = if suspect > 0 {
            format!(", {suspect} with a suspect start date, dated by its file")
        } else {
            String::new()
        };
        lines.push(Line::styled(
            format!("  … and {} more{also} (Ctrl+F lists them all)", n - NAMED),
            theme.dim(),
        ));
    }
    if ask.left_out > 0 {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            format!(
                "Left out: {} with a start date in the future or before 2000, which never decides alone, and a file that is not as old or has no time to go by.",
                if ask.left_out == 1 {
                    "1 interview".to_string()
                } else {
                    format!("{} interviews", ask.left_out)
                }
            ),
            theme.warning(),
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
