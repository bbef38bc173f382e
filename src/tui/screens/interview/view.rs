//! Drawing the interview screen: the header with the timer, the question
//! card, the rating scale, the notes, the messages and the footer; the
//! outline (`outline`) and the windows over the screen (`windows`) draw
//! themselves.
//!
//! Two layouts share one function, [`layout`], which `update` uses too (to
//! know how far the card scrolls) so the two never disagree:
//! the full one from [`FULL_WIDTH`] x [`FULL_HEIGHT`] up, with the outline
//! beside the question; and a compact one below that, down to the smallest
//! size the screens take ([`crate::tui::screens::MIN_WIDTH`] x
//! [`crate::tui::screens::MIN_HEIGHT`]): the header, the question with what
//! to listen for, the rating scale, the notes and a one-line footer, with
//! the outline on a key (`Esc o`).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

use super::outline::{draw_outline, outline_rows};
use super::windows::{bank_advice, draw_confirm_quit, draw_jump, draw_no_show, draw_prep};
use super::{Focus, InterviewScreen as Live};
use crate::display::escape;
use crate::interview::{Now, Pacing, Phase, format_clock};
use crate::tui::command::Command;
use crate::tui::keymap::{InterviewMode, Mode};
use crate::tui::memo::{Memo, key_of};
use crate::tui::screens::{centered, draw_editor, help, hints_within, plain_text, truncate};
use crate::tui::theme::Theme;

/// The narrowest terminal the full layout (outline beside the question) takes.
pub const FULL_WIDTH: u16 = 80;
/// The shortest terminal the full layout takes: an 80x24 terminal running
/// tmux with its status line gives a pane of 80x23.
pub const FULL_HEIGHT: u16 = 23;

/// What the interview screen drew last of the panes that do not change
/// while the interviewer types (see [`crate::tui::memo`]).
#[derive(Debug, Default)]
pub(super) struct Memos {
    pub(super) outline: Memo,
    card: Memo,
}

/// Whether `area` gets the compact layout.
pub fn is_compact(area: Rect) -> bool {
    area.width < FULL_WIDTH || area.height < FULL_HEIGHT
}

/// Where each part of the screen goes.
struct Panes {
    header: Rect,
    /// The outline, in the full layout.
    outline: Option<Rect>,
    /// Before the call: the bank's advice and the prep.
    before: Rect,
    card: Rect,
    scale: Rect,
    notes: Rect,
    scratch: Rect,
    messages: Rect,
    footer: Rect,
}

/// How many rows `lines` take wrapped at `width` (remembered: the card's
/// text does not change while the interviewer types).
pub(super) fn wrapped_height(live: &Live, lines: &[Line], width: u16) -> u16 {
    live.heights.of(lines, width)
}

/// The text of the panes whose height depends on it, made once a frame.
struct Parts<'a> {
    card: Vec<Line<'a>>,
    scale: Option<Line<'static>>,
    messages: Option<Paragraph<'a>>,
    /// Before the call: the bank's advice and the prep's beginning.
    before: Vec<Line<'static>>,
}

fn parts<'a>(live: &'a Live, theme: &Theme) -> Parts<'a> {
    Parts {
        card: card_lines(live, theme),
        scale: scale_line(live, theme),
        messages: messages(live, theme),
        before: if live.interview.is_waiting() {
            before_lines(live, theme)
        } else {
            Vec::new()
        },
    }
}

fn layout(live: &Live, area: Rect, parts: &Parts) -> Panes {
    let compact = is_compact(area);
    let message_lines = parts.messages.as_ref().map_or(0, |m| {
        (m.line_count(area.width) as u16).min(if compact { 2 } else { 4 })
    });
    let [header, body, messages, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(message_lines),
        Constraint::Length(1),
    ])
    .areas(area);
    let (outline, main) = if compact {
        (None, body)
    } else {
        let outline_width = if area.width >= 120 { 42 } else { 32 };
        let [outline, main] =
            Layout::horizontal([Constraint::Length(outline_width), Constraint::Min(40)])
                .areas(body);
        (Some(outline), main)
    };
    let inner_width = main.width.saturating_sub(2);
    let notes_min = if compact { 5 } else { 6 };
    let scratch_rows = if live.focus == Focus::Scratch {
        main.height / 3
    } else if main.height >= 34 {
        6
    } else {
        0
    };
    let scale_rows = match &parts.scale {
        Some(line) => wrapped_height(live, std::slice::from_ref(line), main.width),
        None => 0,
    };
    let before_rows = if live.interview.is_waiting() {
        let wanted = wrapped_height(live, &parts.before, inner_width) + 2;
        wanted.min(main.height / 3).max(3)
    } else {
        0
    };
    let needed = wrapped_height(live, &parts.card, inner_width) + 2;
    let room = main
        .height
        .saturating_sub(notes_min + scratch_rows + scale_rows + before_rows);
    let card_rows = needed.min(room).max(3.min(room));
    let [before, card, scale, notes, scratch] = Layout::vertical([
        Constraint::Length(before_rows),
        Constraint::Length(card_rows),
        Constraint::Length(scale_rows),
        Constraint::Min(1),
        Constraint::Length(scratch_rows),
    ])
    .areas(main);
    Panes {
        header,
        outline,
        before,
        card,
        scale,
        notes,
        scratch,
        messages,
        footer,
    }
}

/// Draws the interview screen.
pub(super) fn draw(live: &Live, frame: &mut Frame, area: Rect, theme: &Theme, now: Now) {
    let parts = parts(live, theme);
    let panes = layout(live, area, &parts);
    draw_header(live, frame, panes.header, theme, now);
    if let Some(outline) = panes.outline {
        draw_outline(live, frame, outline, theme, now, true);
    }
    if live.interview.is_waiting() {
        draw_before(live, frame, panes.before, theme, parts.before);
    }
    draw_card(live, frame, panes.card, theme, parts.card);
    if let Some(line) = parts.scale {
        frame.render_widget(Paragraph::new(line).wrap(Wrap { trim: false }), panes.scale);
    }
    draw_editors(live, frame, &panes);
    if let Some(text) = parts.messages {
        frame.render_widget(text, panes.messages);
    }
    draw_footer(live, frame, panes.footer, theme);
    match live.mode {
        InterviewMode::Help => help::draw(frame, area, theme, &live.keys, live.help_scroll),
        InterviewMode::ConfirmQuit => draw_confirm_quit(live, frame, area, theme),
        InterviewMode::Jump => draw_jump(live, frame, area, theme),
        InterviewMode::Outline => {
            let rows = outline_rows(live.interview.record()) as u16 + 2;
            let rect = centered(area, 64, rows.min(area.height.saturating_sub(2)));
            frame.render_widget(Clear, rect);
            draw_outline(live, frame, rect, theme, now, false);
        }
        InterviewMode::Prep => draw_prep(live, frame, area, theme),
        _ => {}
    }
    if live.no_show.is_some() {
        draw_no_show(live, frame, area, theme);
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
    if live.interview.is_waiting() {
        return (
            format!("WAITING {}", format_clock(remaining.max(0) as u64)),
            theme.strong(),
        );
    }
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
    let (pacing, pacing_style) = if live.interview.is_waiting() {
        // How late the candidate is: the time since the interview opened.
        let waited = (now.wall - record.opened()).num_seconds().max(0) as u64;
        (format!("opened {} ago", format_clock(waited)), theme.dim())
    } else {
        let pacing = live.interview.pacing(now.instant);
        let style = match pacing {
            Pacing::Behind(_) | Pacing::Over(_) => theme.warning(),
            _ => theme.dim(),
        };
        (pacing.describe(), style)
    };
    let right = Line::from(vec![
        Span::styled(format!(" {timer} "), timer_style),
        Span::styled(format!(" {pacing} "), pacing_style),
    ]);
    let right_width = (right.width() as u16).min(area.width);
    let [left_area, right_area] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(right_width)]).areas(area);
    let room = usize::from(left_area.width);
    let mut left = vec![Span::styled(
        format!(" {}", truncate(&escape(&record.candidate), room / 2)),
        theme.strong(),
    )];
    if !record.role.is_empty() {
        let role_room = room.saturating_sub(left[0].width() + 3);
        left.push(Span::raw(format!(
            " · {}",
            truncate(&escape(&record.role), role_room)
        )));
    }
    // The bank name is the first thing to go when space is short.
    let used: usize = left.iter().map(|s| s.width()).sum();
    let bank_room = room.saturating_sub(used + 4);
    if bank_room >= 8 {
        left.push(Span::styled(
            format!(" · {}", truncate(&escape(&record.bank.name), bank_room)),
            theme.dim(),
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(left)), left_area);
    frame.render_widget(Paragraph::new(right), right_area);
}

/// The question on screen, as the card shows it: the question, then what to
/// listen for and the follow-ups (what scrolls).
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
            lines.push(Line::styled(
                format!(
                    "(guidance hidden: {} shows it)",
                    command_key(live, &Command::ToggleGuidance)
                ),
                theme.dim(),
            ));
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

/// The key that does `action` after Esc, as the help names it (`Esc g`).
fn command_key(live: &Live, action: &Command) -> String {
    live.keys.command_label(action).unwrap_or_default()
}

/// The card's inner height in `area`, and how many rows its text takes.
fn card_rows(live: &Live, area: Rect, theme: &Theme) -> (u16, u16) {
    let parts = parts(live, theme);
    let panes = layout(live, area, &parts);
    let inner = panes.card.height.saturating_sub(2);
    let text = wrapped_height(live, &parts.card, panes.card.width.saturating_sub(2));
    (inner, text)
}

/// How far the card scrolls in `area`: until its last row shows.
pub(super) fn card_max_scroll(live: &Live, area: Rect) -> u16 {
    let (inner, text) = card_rows(live, area, &live.theme);
    text.saturating_sub(inner)
}

/// How many rows one `Esc ↓` scrolls the card: all but one of what shows.
pub(super) fn card_page(live: &Live, area: Rect) -> u16 {
    card_rows(live, area, &live.theme)
        .0
        .saturating_sub(1)
        .max(1)
}

fn draw_card(live: &Live, frame: &mut Frame, card: Rect, theme: &Theme, lines: Vec<Line>) {
    let record = live.interview.record();
    let (si, q) = live.interview.current();
    let position = live.interview.position() + 1;
    let total = record.question_count();
    let text_rows = wrapped_height(live, &lines, card.width.saturating_sub(2));
    let inner = card.height.saturating_sub(2);
    let scroll = live.card_scroll.min(text_rows.saturating_sub(inner));
    let below = text_rows > inner + scroll;
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
    let down = theme.key_names(&command_key(live, &Command::MoveDown));
    let up = theme.key_names(&command_key(live, &Command::MoveUp));
    let hint = match (below, scroll > 0) {
        (true, _) => Some(format!(" {}: {down} ", theme.more(false, true))),
        (false, true) => Some(format!(" {}: {up} ", theme.more(true, false))),
        (false, false) => None,
    };
    let key = key_of(&(
        &lines,
        &title,
        &state,
        &hint,
        scroll,
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
                .scroll((scroll, 0))
                .block(block)
                .render(card, buf);
        });
}

/// The bank's rating scale with the keys that rate, the question's rating
/// marked: on screen whenever a question is, so rating needs no guessing.
fn scale_line(live: &Live, theme: &Theme) -> Option<Line<'static>> {
    let record = live.interview.record();
    if record.rating_scale.is_empty() {
        return None;
    }
    let (_, q) = live.interview.current();
    let mut spans = vec![Span::styled(" rate Esc+", theme.dim())];
    for (i, label) in record.rating_scale.iter().enumerate() {
        let chosen = q.rating.as_deref() == Some(label.as_str());
        if i > 0 {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(format!("{}", i + 1), theme.key()));
        let text = if chosen {
            format!(" ★{label}")
        } else {
            format!(" {label}")
        };
        spans.push(Span::styled(
            text,
            if chosen {
                theme.selected()
            } else {
                theme.text()
            },
        ));
    }
    Some(Line::from(spans))
}

/// Before the call: the bank's advice, the start of the prep, and the keys.
/// The candidate's own prep comes first: the pane is a third of the
/// screen, and the bank's advice is the same for every candidate.
fn before_lines(live: &Live, theme: &Theme) -> Vec<Line<'static>> {
    let record = live.interview.record();
    let mut lines = Vec::new();
    if let Some(prep) = &record.prep {
        lines.push(Line::from(vec![
            Span::styled(
                format!("Prep ({}) · ", plain_text(&prep.file)),
                theme.strong(),
            ),
            Span::styled(command_key(live, &Command::TogglePrep), theme.key()),
            Span::raw(" reads it all"),
        ]));
        for line in live.prep_lines.iter().take(40) {
            lines.push(Line::raw(line.clone()));
        }
    }
    if let Some(advice) = bank_advice(record) {
        lines.push(Line::styled(plain_text(advice), theme.dim()));
    }
    lines
}

fn draw_before(
    live: &Live,
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
    lines: Vec<Line<'static>>,
) {
    let cut = wrapped_height(live, &lines, area.width.saturating_sub(2)) + 2 > area.height;
    let mut block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focus_border())
        .title(" Before the call ");
    if cut {
        let all = format!(" {} reads it all ", command_key(live, &Command::TogglePrep));
        block = block.title_bottom(Line::styled(all, theme.key()).right_aligned());
    }
    let lines = if lines.is_empty() {
        vec![Line::styled(
            "Nothing to prepare: this bank has no advice and no prep file was given.",
            theme.dim(),
        )]
    } else {
        lines
    };
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        area,
    );
}

fn draw_editors(live: &Live, frame: &mut Frame, panes: &Panes) {
    let theme = &live.theme;
    let (_, q) = live.interview.current();
    let notes_title = match q.first_note_seconds {
        Some(s) => format!(" Notes · first note at {} ", format_clock(s)),
        None => " Notes ".to_string(),
    };
    let typing = live.finish.is_none() && live.no_show.is_none();
    draw_editor(
        &live.notes,
        frame,
        panes.notes,
        theme,
        &notes_title,
        live.focus == Focus::Notes && typing,
    );
    if panes.scratch.height > 0 {
        draw_editor(
            &live.scratch,
            frame,
            panes.scratch,
            theme,
            " Scratch (Tab) ",
            live.focus == Focus::Scratch && typing,
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

/// The footer's hints, in the order they show; those that do not fit go,
/// the least wanted (`Tab scratch`, `Esc commands`) first.
fn footer_pairs(live: &Live, compact: bool, room: usize) -> Vec<(String, String)> {
    let label = |action: Command| command_key(live, &action);
    let mut first: Vec<(String, String)> = Vec::new();
    if live.interview.is_waiting() {
        first.push((label(Command::StartCall), "start call".into()));
        first.push((label(Command::NoShow), "no-show".into()));
        if live.interview.record().prep.is_some() {
            first.push((label(Command::TogglePrep), "prep".into()));
        }
    }
    let typing: Vec<(String, String)> = live
        .keys
        .hints(Mode::Interview(InterviewMode::Typing), false)
        .into_iter()
        .map(|(k, w)| (k, w.to_string()))
        .collect();
    let (questions, rest): (Vec<_>, Vec<_>) =
        typing.into_iter().partition(|(k, _)| k.starts_with("PgDn"));
    let (optional, wanted): (Vec<_>, Vec<_>) = rest
        .into_iter()
        .partition(|(_, w)| w == "scratch" || w == "commands");
    if live.interview.is_waiting() {
        // Before the call: how to start it, get help or leave come first.
        first.extend(wanted);
        first.extend(questions);
        return first;
    }
    first.extend(questions);
    if compact {
        // The outline has no pane here: its key, after the question keys.
        first.push((label(Command::ToggleOutline), "outline".into()));
    }
    let width = |pairs: &[(String, String)]| -> usize {
        pairs
            .iter()
            .map(|(k, w)| k.chars().count() + w.chars().count() + 4)
            .sum()
    };
    let mut pairs = first;
    pairs.extend(wanted);
    // The optional ones in their places when all fit, else left out.
    let all = width(&pairs) + width(&optional);
    if all <= room + 3 {
        let at = pairs.len().saturating_sub(2);
        for pair in optional.into_iter().rev() {
            pairs.insert(at, pair);
        }
    }
    pairs
}

fn draw_footer(live: &Live, frame: &mut Frame, area: Rect, theme: &Theme) {
    let compact = is_compact(frame.area());
    let saved = if live.save_problem().is_some() {
        Span::styled(" NOT SAVED ", theme.danger())
    } else {
        Span::styled(" saved ✓", theme.dim())
    };
    let room = usize::from(area.width);
    let line = if live.finish.is_some() {
        Line::styled(" Finishing: the form above has its keys", theme.dim())
    } else if live.pending.is_some() {
        // Compact: key and word, so as much as fits shows.
        let rated = live.interview.record().rating_scale.len();
        let mut spans = vec![Span::styled(" COMMAND ", theme.selected()), Span::raw(" ")];
        let mut used = 10;
        for (key, what) in live
            .keys
            .hints(Mode::Interview(InterviewMode::Typing), true)
        {
            let key = if what == "rate" {
                format!("1-{rated}")
            } else {
                key
            };
            let key = theme.key_names(&key);
            let width = key.chars().count() + what.len() + 2;
            if used + width > room.saturating_sub(saved.width()) {
                break;
            }
            used += width;
            spans.push(Span::styled(key, theme.key()));
            spans.push(Span::raw(format!(" {what} ")));
        }
        Line::from(spans)
    } else {
        let room = room.saturating_sub(1);
        let mut line = hints_within(theme, footer_pairs(live, compact, room), room);
        line.spans.insert(0, Span::raw(" "));
        line
    };
    // The saved mark gives way when the hints need the whole line.
    let saved_width = if line.width() + saved.width() <= room {
        saved.width() as u16
    } else {
        0
    };
    let [left, right] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(saved_width)]).areas(area);
    frame.render_widget(Paragraph::new(line), left);
    frame.render_widget(Paragraph::new(Line::from(saved)), right);
}
