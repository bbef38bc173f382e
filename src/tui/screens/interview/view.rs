//! Drawing the interview screen: header with the timer, outline, question
//! card, notes editor, messages and footer, and the overlays.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use super::{Focus, InterviewScreen as Live};
use crate::interview::{Now, Pacing, Phase, QuestionState, format_clock};
use crate::tui::keymap::{self, Mode};
use crate::tui::memo::{Memo, key_of};
use crate::tui::screens::{draw_editor, footer_hints, help, hints, overlay, truncate};
use crate::tui::theme::Theme;

/// What the interview screen drew last of the panes that do not change
/// while the interviewer types (see [`crate::tui::memo`]).
#[derive(Debug, Default)]
pub(super) struct Memos {
    outline: Memo,
    card: Memo,
    /// The card text's wrapped height: the key of its lines and width, and the height.
    card_height: std::cell::Cell<Option<(u64, usize)>>,
}

/// Draws the interview screen.
pub(super) fn draw(live: &Live, frame: &mut Frame, area: Rect, theme: &Theme, now: Now) {
    let messages_text = messages(live, theme);
    let message_lines = messages_text
        .as_ref()
        .map_or(0, |m| (m.line_count(area.width) as u16).min(4));
    let [header, body, messages, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(10),
        Constraint::Length(message_lines),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_header(live, frame, header, theme, now);
    let outline_width = if area.width >= 120 { 42 } else { 32 };
    let [outline, main] =
        Layout::horizontal([Constraint::Length(outline_width), Constraint::Min(40)]).areas(body);
    draw_outline(live, frame, outline, theme, now);
    draw_main(live, frame, main, theme);
    if let Some(text) = messages_text {
        frame.render_widget(text, messages);
    }
    draw_footer(live, frame, footer, theme);
    match live.mode {
        Mode::Help => help::draw(frame, area, theme),
        Mode::ConfirmQuit => draw_confirm_quit(live, frame, area, theme),
        Mode::Jump => draw_jump(live, frame, area, theme),
        _ => {}
    }
    if let Some(form) = &live.finish {
        form.draw(frame, area, theme);
    }
}

/// The timer as text that reads without colour, and its style.
fn timer_text(live: &Live, theme: &Theme, now: Now) -> (String, Style) {
    let clock = live.interview.clock();
    let t = now.instant;
    let remaining = clock.remaining_secs(t);
    let shown = if remaining >= 0 {
        format!("{} left", format_clock(remaining as u64))
    } else {
        format!("OVERTIME +{}", format_clock(remaining.unsigned_abs()))
    };
    if clock.is_paused() {
        return (format!("|| PAUSED {shown}"), theme.warning());
    }
    match clock.phase(t) {
        Phase::OnTime => (format!("> {shown}"), theme.good()),
        Phase::Warning => (format!("! {shown}"), theme.warning()),
        Phase::Overtime => (format!("!! {shown}"), theme.danger()),
    }
}

fn draw_header(live: &Live, frame: &mut Frame, area: Rect, theme: &Theme, now: Now) {
    let record = live.interview.record();
    let (timer, timer_style) = timer_text(live, theme, now);
    let pacing = live.interview.pacing(now.instant);
    let pacing_style = match pacing {
        Pacing::Behind(_) => theme.warning(),
        _ => theme.dim(),
    };
    let right = Line::from(vec![
        Span::styled(format!(" {timer} "), timer_style),
        Span::styled(format!(" {} ", pacing.describe()), pacing_style),
    ]);
    let right_width = right.width() as u16;
    let [left_area, right_area] =
        Layout::horizontal([Constraint::Min(10), Constraint::Length(right_width)]).areas(area);
    let room = usize::from(left_area.width);
    let mut left = vec![Span::styled(
        format!(" {}", truncate(&record.candidate, room / 2)),
        theme.strong(),
    )];
    if !record.role.is_empty() {
        let role_room = room.saturating_sub(left[0].width() + 3);
        left.push(Span::raw(format!(
            " · {}",
            truncate(&record.role, role_room)
        )));
    }
    // The bank name is the first thing to go when space is short.
    let used: usize = left.iter().map(|s| s.width()).sum();
    let bank_room = room.saturating_sub(used + 4);
    if bank_room >= 8 {
        left.push(Span::styled(
            format!(" · {}", truncate(&record.bank.name, bank_room)),
            theme.dim(),
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(left)), left_area);
    frame.render_widget(Paragraph::new(right), right_area);
}

fn state_symbol(state: QuestionState) -> &'static str {
    match state {
        QuestionState::NotReached => "·",
        QuestionState::Asked => "✓",
        QuestionState::Skipped => "»",
    }
}

/// `m:ss` without a leading zero, for the narrow outline.
fn short_clock(secs: u64) -> String {
    format!("{}:{:02}", secs / 60, secs % 60)
}

/// The outline: sections with their time against plan, and each question's
/// state. Only the rows that fit are formatted, so a bank of thousands of
/// questions costs no more per frame than a short one.
fn draw_outline(live: &Live, frame: &mut Frame, area: Rect, theme: &Theme, now: Now) {
    let record = live.interview.record();
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(" Outline ");
    let inner = block.inner(area);
    let width = inner.width as usize;
    let height = inner.height as usize;
    let current = live.interview.position();
    let (current_section, _) = live.interview.current();
    // One row per section title and one per question; keep the current
    // question's row in the middle.
    let total_rows = record.sections.len() + record.question_count();
    // Every section title up to the current one, and every question before it.
    let current_row = (current_section + 1 + current).min(total_rows.saturating_sub(1));
    let scroll = if total_rows > height {
        current_row
            .saturating_sub(height / 2)
            .min(total_rows - height)
    } else {
        0
    };
    let visible = scroll..scroll + height;
    let mut lines: Vec<Line> = Vec::with_capacity(height);
    let mut row = 0;
    let mut index = 0;
    for (si, section) in record.sections.iter().enumerate() {
        let rows = 1 + section.questions.len();
        if row + rows <= visible.start {
            row += rows;
            index += section.questions.len();
            continue;
        }
        if row >= visible.end {
            break;
        }
        if visible.contains(&row) {
            lines.push(section_line(live, si, width, theme, now));
        }
        row += 1;
        let first = visible.start.saturating_sub(row);
        let last = (visible.end.saturating_sub(row)).min(section.questions.len());
        for (qi, q) in section.questions.iter().enumerate().take(last).skip(first) {
            let here = index + qi == current;
            let mut right = String::new();
            if let Some(r) = &q.rating {
                let n = record
                    .rating_scale
                    .iter()
                    .position(|l| l == r)
                    .map_or(0, |i| i + 1);
                right.push_str(&format!(" ★{n}"));
            }
            if !q.notes.trim().is_empty() {
                match q.first_note_seconds {
                    Some(s) => right.push_str(&format!(" ✎{}", format_clock(s))),
                    None => right.push_str(" ✎"),
                }
            }
            let marker = if here { "▶" } else { " " };
            let req = if q.required { "*" } else { " " };
            let id_width = width.saturating_sub(right.chars().count() + 5);
            let text = format!(
                "{marker}{} {req}{:<id_width$}{right}",
                state_symbol(q.state),
                truncate(&q.id, id_width)
            );
            let style = if here {
                theme.selected()
            } else {
                match q.state {
                    QuestionState::Asked => theme.good(),
                    QuestionState::Skipped => theme.dim(),
                    QuestionState::NotReached => theme.text(),
                }
            };
            lines.push(Line::styled(text, style));
        }
        row += section.questions.len();
        index += section.questions.len();
    }
    let key = key_of(&(&lines, area, theme.border()));
    live.memos
        .outline
        .render(key, area, frame.buffer_mut(), |buf| {
            block.render(area, buf);
            Paragraph::new(lines).render(inner, buf);
        });
}

/// A section's row in the outline: number, title, time spent against plan.
fn section_line<'a>(live: &Live, si: usize, width: usize, theme: &Theme, now: Now) -> Line<'a> {
    let clock = live.interview.clock();
    let section = &live.interview.record().sections[si];
    let spent = clock.section_spent(si, now.instant).as_secs();
    let planned = if section.planned_seconds.is_multiple_of(60) {
        format!("{}m", section.planned_seconds / 60)
    } else {
        short_clock(section.planned_seconds)
    };
    let budget = format!("{}/{planned}", short_clock(spent));
    let over = spent > section.planned_seconds && section.planned_seconds > 0;
    let title_width = width.saturating_sub(budget.len() + 3);
    let here = si == clock.current_section();
    Line::from(vec![
        Span::styled(
            format!("{}{} ", si + 1, if here { "▸" } else { " " }),
            theme.key(),
        ),
        Span::styled(
            format!("{:<title_width$}", truncate(&section.title, title_width)),
            theme.strong(),
        ),
        Span::styled(budget, if over { theme.warning() } else { theme.dim() }),
    ])
}

fn card_lines<'a>(live: &'a Live, theme: &Theme) -> Vec<Line<'a>> {
    let (_, q) = live.interview.current();
    let mut lines = vec![Line::styled(q.ask.as_str(), theme.strong())];
    if let Some(listen) = &q.listen_for {
        if live.show_guidance {
            lines.push(Line::raw(""));
            lines.push(Line::from(vec![
                Span::styled("Listen for: ", theme.key()),
                Span::styled(listen.as_str(), theme.dim()),
            ]));
        } else {
            lines.push(Line::styled("(guidance hidden: F2 shows it)", theme.dim()));
        }
    }
    if !q.follow_ups.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Follow-ups:", theme.key()));
        for f in &q.follow_ups {
            lines.push(Line::raw(format!("• {f}")));
        }
    }
    lines
}

fn draw_main(live: &Live, frame: &mut Frame, area: Rect, theme: &Theme) {
    let record = live.interview.record();
    let (si, q) = live.interview.current();
    let position = live.interview.position() + 1;
    let total = record.question_count();
    let lines = card_lines(live, theme);
    let lines_key = key_of(&(&lines, area.width));
    let wrapped = match live.memos.card_height.get() {
        Some((key, rows)) if key == lines_key => rows,
        _ => {
            let rows = Paragraph::new(lines.clone())
                .wrap(Wrap { trim: false })
                .line_count(area.width.saturating_sub(2));
            live.memos.card_height.set(Some((lines_key, rows)));
            rows
        }
    };
    // Leave the notes at least 6 rows; give the card what it needs up to that.
    let needed = wrapped as u16 + 2;
    let scratch_rows = if live.focus == Focus::Scratch {
        area.height / 3
    } else if area.height >= 34 {
        6
    } else {
        0
    };
    let card_rows = needed.min(area.height.saturating_sub(6 + scratch_rows));
    let cut = needed > card_rows;
    let [card, notes, scratch] = Layout::vertical([
        Constraint::Length(card_rows),
        Constraint::Min(4),
        Constraint::Length(scratch_rows),
    ])
    .areas(area);
    let mut state = vec![Span::raw(format!(" {} ", q.state.label()))];
    if let Some(r) = &q.rating {
        state.push(Span::styled(format!("· rated {r} "), theme.good()));
    }
    if q.required {
        state.push(Span::styled("· required ", theme.warning()));
    }
    let state = Line::from(state);
    let room = usize::from(card.width)
        .saturating_sub(state.width() + 12 + position.to_string().len() + total.to_string().len());
    let title = Line::from(vec![Span::styled(
        format!(
            " Q{position}/{total} · {} ",
            truncate(&record.sections[si].title, room)
        ),
        theme.strong(),
    )]);
    let hint = match (cut, live.show_guidance) {
        (false, _) => None,
        (true, true) => Some(" ↓ more: F2 hides the guidance "),
        (true, false) => Some(" ↓ more: enlarge the window "),
    };
    let key = key_of(&(
        &lines,
        &title,
        &state,
        hint,
        card,
        theme.border(),
        theme.warning(),
    ));
    live.memos
        .card
        .render(key, card, frame.buffer_mut(), |buf| {
            let mut block = Block::default()
                .borders(Borders::ALL)
                .border_style(theme.border())
                .title(title)
                .title(state.right_aligned());
            if let Some(hint) = hint {
                block = block.title_bottom(Line::styled(hint, theme.warning()).right_aligned());
            }
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .block(block)
                .render(card, buf);
        });
    let notes_title = match q.first_note_seconds {
        Some(s) => format!(" Notes · first note at {} ", format_clock(s)),
        None => " Notes ".to_string(),
    };
    draw_editor(
        &live.notes,
        frame,
        notes,
        theme,
        &notes_title,
        live.focus == Focus::Notes && live.finish.is_none(),
    );
    if scratch_rows > 0 {
        draw_editor(
            &live.scratch,
            frame,
            scratch,
            theme,
            " Scratch (Tab) ",
            live.focus == Focus::Scratch && live.finish.is_none(),
        );
    }
}

/// The save problem and the notices, wrapped so their ends (where the fix is named) show.
fn messages<'a>(live: &'a Live, theme: &Theme) -> Option<Paragraph<'a>> {
    let mut lines = Vec::new();
    if let Some(problem) = live.save_problem() {
        lines.push(Line::styled(
            format!(" NOT SAVED (kept in memory, retrying; Esc w saves elsewhere): {problem}"),
            theme.danger(),
        ));
    } else if let Some(problem) = live.lock_problem() {
        // While nothing saves, NOT SAVED says why; the lock is taken with the first save.
        lines.push(Line::styled(
            format!(" NOT LOCKED against a second phonescreen: {problem}"),
            theme.warning(),
        ));
    }
    for notice in &live.notices {
        lines.push(Line::styled(format!(" {notice}"), theme.warning()));
    }
    (!lines.is_empty()).then(|| Paragraph::new(lines).wrap(Wrap { trim: true }))
}

fn draw_footer(live: &Live, frame: &mut Frame, area: Rect, theme: &Theme) {
    let line = if live.finish.is_some() {
        Line::styled(" Finishing: the form above has its keys", theme.dim())
    } else if live.mode == Mode::Command {
        // Compact: key and word, so all of it fits in 80 columns.
        let mut spans = vec![Span::styled(" COMMAND ", theme.selected()), Span::raw(" ")];
        for (key, what) in keymap::hints(Mode::Command) {
            spans.push(Span::styled(key, theme.key()));
            spans.push(Span::raw(format!(" {what} ")));
        }
        Line::from(spans)
    } else {
        let mut l = footer_hints(theme, Mode::Typing);
        l.spans.insert(0, Span::raw(" "));
        l
    };
    let saved = if live.save_problem().is_some() {
        Span::styled(" NOT SAVED ", theme.danger())
    } else {
        Span::styled(" saved ✓ ", theme.dim())
    };
    // The saved mark gives way when the hints need the whole line.
    let saved_width = if line.width() + saved.width() <= usize::from(area.width) {
        saved.width() as u16
    } else {
        0
    };
    let [left, right] =
        Layout::horizontal([Constraint::Min(10), Constraint::Length(saved_width)]).areas(area);
    frame.render_widget(Paragraph::new(line), left);
    frame.render_widget(Paragraph::new(Line::from(saved)), right);
}

fn draw_confirm_quit(live: &Live, frame: &mut Frame, area: Rect, theme: &Theme) {
    let saved = if live.save_problem().is_some() {
        Line::styled(
            "The last save FAILED: notes are only in memory. Esc w saves elsewhere.",
            theme.danger(),
        )
    } else {
        Line::styled(format!("Saved to {}", live.path().display()), theme.dim())
    };
    let lines = vec![
        Line::styled("Quit phonescreen?", theme.strong()),
        Line::raw(""),
        Line::raw(format!(
            "The interview stays in progress; `{}` carries on.",
            crate::tui::text::resume_command(live.path())
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

fn draw_jump(live: &Live, frame: &mut Frame, area: Rect, theme: &Theme) {
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
