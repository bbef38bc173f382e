//! The outline: sections with their time against plan, and each question's
//! state. A pane beside the question in the full layout, and a window on
//! `Esc o` (the compact layout has no room for the pane).

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use super::InterviewScreen as Live;
use std::hash::{DefaultHasher, Hash, Hasher};

use crate::interview::record::QuestionRecord;
use crate::interview::{Now, QuestionState, Record, format_clock};
use crate::tui::memo::key_of;
use crate::tui::screens::truncate;
use crate::tui::theme::Theme;

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

/// The outline's rows: one per section and one per question.
pub(super) fn outline_rows(record: &Record) -> usize {
    record.sections.len() + record.question_count()
}

/// The outline: sections with their time against plan, and each question's
/// state. Only the rows that fit are formatted, so a bank of thousands of
/// questions costs no more per frame than a short one. `pane`: the pane of
/// the full layout (remembered between frames), else the window `Esc o` opens.
pub(super) fn draw_outline(
    live: &Live,
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
    now: Now,
    pane: bool,
) {
    let record = live.interview.record();
    let title = if pane {
        " Outline ".to_string()
    } else {
        format!(" Outline · {} · any key closes ", record.bank.name)
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(if pane {
            theme.border()
        } else {
            theme.focus_border()
        })
        .title(title);
    let inner = block.inner(area);
    let width = inner.width as usize;
    let height = inner.height as usize;
    let current = live.interview.position();
    let (current_section, _) = live.interview.current();
    // Keep the current question's row in the middle.
    let total_rows = outline_rows(record);
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
    let rows = visible_rows(record, visible);
    let paint = |buf: &mut Buffer| {
        let lines: Vec<Line> = rows
            .iter()
            .map(|row| match *row {
                Row::Section(si) => section_line(live, si, width, theme, now),
                Row::Question(index, q) => question_line(record, q, index == current, width, theme),
            })
            .collect();
        block.render(area, buf);
        Paragraph::new(lines).render(inner, buf);
    };
    if pane {
        // The key is made of what the rows are drawn from, not of the drawn
        // rows: a keystroke that changes none of it formats nothing.
        let key = key_of(&(
            rows_key(live, &rows, current, now),
            area,
            [
                theme.border(),
                theme.key(),
                theme.strong(),
                theme.warning(),
                theme.dim(),
                theme.selected(),
                theme.good(),
                theme.text(),
            ],
        ));
        live.memos
            .outline
            .render(key, area, frame.buffer_mut(), paint);
    } else {
        paint(frame.buffer_mut());
    }
}

/// A row of the outline: a section (its index) or a question (its flat
/// index and itself).
#[derive(Clone, Copy)]
enum Row<'r> {
    Section(usize),
    Question(usize, &'r QuestionRecord),
}

/// The rows within `visible` (rows counted from the outline's top).
fn visible_rows(record: &Record, visible: std::ops::Range<usize>) -> Vec<Row<'_>> {
    let mut rows = Vec::with_capacity(visible.len());
    let mut row = 0;
    let mut index = 0;
    for (si, section) in record.sections.iter().enumerate() {
        let count = 1 + section.questions.len();
        if row + count <= visible.start {
            row += count;
            index += section.questions.len();
            continue;
        }
        if row >= visible.end {
            break;
        }
        if visible.contains(&row) {
            rows.push(Row::Section(si));
        }
        row += 1;
        let first = visible.start.saturating_sub(row);
        let last = (visible.end.saturating_sub(row)).min(section.questions.len());
        for (qi, q) in section.questions.iter().enumerate().take(last).skip(first) {
            rows.push(Row::Question(index + qi, q));
        }
        row += section.questions.len();
        index += section.questions.len();
    }
    rows
}

/// The hash of everything `rows` are drawn from (see [`section_line`] and
/// [`question_line`]): what the outline memo is keyed on.
fn rows_key(live: &Live, rows: &[Row], current: usize, now: Now) -> u64 {
    let record = live.interview.record();
    let clock = live.interview.clock();
    let mut hasher = DefaultHasher::new();
    clock.current_section().hash(&mut hasher);
    for row in rows {
        match *row {
            Row::Section(si) => {
                let section = &record.sections[si];
                si.hash(&mut hasher);
                clock
                    .section_spent(si, now.instant)
                    .as_secs()
                    .hash(&mut hasher);
                section.planned_seconds.hash(&mut hasher);
                section.title.hash(&mut hasher);
            }
            Row::Question(index, q) => {
                (index == current).hash(&mut hasher);
                std::mem::discriminant(&q.state).hash(&mut hasher);
                q.rating
                    .as_deref()
                    .map(|r| record.rating_number(r))
                    .hash(&mut hasher);
                q.notes.trim().is_empty().hash(&mut hasher);
                q.first_note_seconds.hash(&mut hasher);
                q.required.hash(&mut hasher);
                q.id.hash(&mut hasher);
            }
        }
    }
    hasher.finish()
}

/// A question's row in the outline: marker, state, id, rating, first note.
fn question_line<'a>(
    record: &Record,
    q: &QuestionRecord,
    here: bool,
    width: usize,
    theme: &Theme,
) -> Line<'a> {
    let mut right = String::new();
    if let Some(r) = &q.rating {
        right.push_str(&format!(" ★{}", record.rating_number(r)));
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
    Line::styled(text, style)
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
