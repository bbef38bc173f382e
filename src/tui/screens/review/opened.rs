//! One interview opened from the list, for reading: every question as it
//! was asked with its state, rating, first-note time and notes; section
//! times against their plan; pauses; the outcome. It scrolls, and the
//! filter's matches are marked.

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::highlight::{clean, clean_lines, has_match, highlighted, wrap};
use crate::interview::format_clock;
use crate::interview::record::{QuestionState, Record, Status};
use crate::review::Query;
use crate::tui::screens::scrollbar;
use crate::tui::theme::Theme;

/// Where the view is scrolled to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scroll {
    /// The first line of the filter's first match below the header (the
    /// view opens there when a filter is typed).
    FirstMatch,
    /// This many wrapped lines from the top.
    Row(usize),
}

/// The view at a size: the top row, the last top row there can be, and
/// how many rows show.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Viewport {
    /// The top row shown.
    pub top: usize,
    /// The largest top row (the end of the text at the bottom).
    pub max: usize,
    /// Rows shown.
    pub height: usize,
}

/// An opened interview.
#[derive(Debug)]
pub struct Opened {
    /// Its file.
    pub path: PathBuf,
    /// The interview, read once when it was opened.
    pub record: Record,
    /// Where it is scrolled to.
    pub scroll: Scroll,
    /// The view at the terminal's size, as [`Opened::fit`] last found it.
    pub view: Viewport,
}

impl Opened {
    /// `record`, read from `path`; scrolled to the first match of `query`.
    pub fn new(path: PathBuf, record: Record, query: &Query) -> Self {
        Self {
            path,
            record,
            scroll: if query.is_empty() {
                Scroll::Row(0)
            } else {
                Scroll::FirstMatch
            },
            view: Viewport::default(),
        }
    }

    /// Scrolls by `delta` rows from where the view is.
    pub fn scroll_by(&mut self, delta: isize) {
        let view = self.view;
        self.scroll = Scroll::Row(view.top.saturating_add_signed(delta).min(view.max));
    }

    /// Scrolls a page (`1` down, `-1` up).
    pub fn page_by(&mut self, pages: isize) {
        let page = self.view.height.saturating_sub(1).max(1) as isize;
        self.scroll_by(page * pages);
    }

    /// To the top, or the end.
    pub fn jump(&mut self, end: bool) {
        self.scroll = Scroll::Row(if end { self.view.max } else { 0 });
    }

    /// Finds the view in `area` (after a change, or a new size), so the
    /// keys scroll from where it shows.
    pub fn fit(&mut self, query: &Query, theme: &Theme, area: Rect) {
        self.view = self.layout(query, theme, area).1;
    }

    fn block(&self, theme: &Theme) -> Block<'static> {
        Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border())
            .title(format!(" {} ", crate::store::session_id(&self.path)))
    }

    /// The interview's lines in `area`, and the view of them.
    fn layout(&self, query: &Query, theme: &Theme, area: Rect) -> (Vec<Line<'static>>, Viewport) {
        let inner = self.block(theme).inner(area);
        let (lines, first_match) = lines(&self.record, query, theme, usize::from(inner.width));
        let height = usize::from(inner.height);
        let wanted = match self.scroll {
            Scroll::Row(row) => row,
            Scroll::FirstMatch => first_match.unwrap_or(0),
        };
        let max = lines.len().saturating_sub(height);
        let top = wanted.min(max);
        (lines, Viewport { top, max, height })
    }
}

/// `2026-11-21 10:00`.
fn when(t: &chrono::DateTime<chrono::FixedOffset>) -> String {
    t.format("%Y-%m-%d %H:%M").to_string()
}

fn state_symbol(state: QuestionState) -> &'static str {
    match state {
        QuestionState::NotReached => "·",
        QuestionState::Asked => "✓",
        QuestionState::Skipped => "»",
    }
}

/// `4:12`, `0:40` or `1:02:03`.
pub fn clock(secs: u64) -> String {
    if secs >= 3600 {
        format_clock(secs)
    } else {
        format!("{}:{:02}", secs / 60, secs % 60)
    }
}

/// Lines wrapped to a width, and where the first match is.
struct Out {
    lines: Vec<Line<'static>>,
    width: usize,
    /// The first line of the block (question, summary, scratch note) that
    /// holds the filter's first match below the header.
    first_match: Option<usize>,
}

impl Out {
    /// Adds `spans` as wrapped lines, continuing at `indent`.
    fn push(&mut self, spans: Vec<Span<'static>>, indent: usize) {
        self.lines.extend(wrap(spans, self.width, indent));
    }

    fn push_styled(&mut self, text: String, style: Style) {
        self.push(vec![Span::styled(text, style)], 0);
    }

    /// Adds text from the file (notes, summary), a line at a time, indented;
    /// a match marks `block` as where the view opens.
    fn push_text(
        &mut self,
        body: &str,
        indent: usize,
        block: usize,
        query: &Query,
        styles: (Style, Style),
    ) {
        for line in clean_lines(body) {
            if self.first_match.is_none() && has_match(&line, query) {
                self.first_match = Some(block);
            }
            let mut spans = vec![Span::raw(" ".repeat(indent))];
            spans.extend(highlighted(&line, query, styles.0, styles.1));
            self.push(spans, indent);
        }
    }
}

/// The interview as lines `width` columns wide, and the first line of the
/// part that holds the filter's first match below the header.
pub fn lines(
    record: &Record,
    query: &Query,
    theme: &Theme,
    width: usize,
) -> (Vec<Line<'static>>, Option<usize>) {
    let hit = theme.selected();
    let mut out = Out {
        lines: Vec::new(),
        width,
        first_match: None,
    };
    let text = |s: &str, style: Style| highlighted(&clean(s), query, style, hit);

    let mut title = text(&record.candidate, theme.strong());
    if !record.role.is_empty() {
        title.push(Span::raw(" · "));
        title.extend(text(&record.role, theme.text()));
    }
    out.push(title, 2);
    let mut bank = vec![Span::styled("Bank ", theme.dim())];
    bank.extend(text(&record.bank.name, theme.text()));
    bank.push(Span::styled(
        format!(" ({})", clean(&record.bank.key)),
        theme.dim(),
    ));
    if !record.interviewer.is_empty() {
        bank.push(Span::styled(" · interviewer ", theme.dim()));
        bank.extend(text(&record.interviewer, theme.text()));
    }
    out.push(bank, 2);

    let status = match record.status {
        Status::Completed => Span::styled("completed", theme.good()),
        Status::NoShow => Span::styled("no-show: the candidate did not come", theme.warning()),
        Status::Waiting => Span::styled(
            "waiting: the call never started (Ctrl+R resumes it)",
            theme.warning(),
        ),
        Status::InProgress => Span::styled("in progress (Ctrl+R resumes it)", theme.warning()),
    };
    let mut times = vec![
        Span::styled("Started ", theme.dim()),
        Span::raw(when(&record.started_at)),
    ];
    // A candidate who joined late: the call started after it was opened.
    if let Some(opened) = record.opened_at.filter(|o| *o < record.started_at) {
        let late = (record.started_at - opened).num_seconds().max(0) as u64;
        times.push(Span::styled(
            format!(" ({} after it was opened)", format_clock(late)),
            theme.dim(),
        ));
    }
    if let Some(ended) = &record.ended_at {
        times.push(Span::styled(" · ended ", theme.dim()));
        times.push(Span::raw(ended.format("%H:%M").to_string()));
    }
    times.push(Span::styled(" · ", theme.dim()));
    times.push(Span::raw(format!(
        "{} of {} min",
        clock(record.elapsed_seconds),
        record.planned_minutes
    )));
    times.push(Span::styled(" · ", theme.dim()));
    times.push(status);
    out.push(times, 2);
    if let Some(amended) = &record.amended_at {
        out.push_styled(
            format!("Amended {} (the times above are the call's)", when(amended)),
            theme.warning(),
        );
    }
    let recommendation = record
        .recommendation
        .map_or("none yet", |r| r.label())
        .to_string();
    out.push(
        vec![
            Span::styled("Recommendation ", theme.dim()),
            Span::styled(recommendation, theme.strong()),
        ],
        2,
    );
    let styles = (theme.text(), hit);

    if !record.summary.trim().is_empty() {
        let block = out.lines.len();
        out.push_styled("Summary".into(), theme.key());
        out.push_text(record.summary.trim_end(), 2, block, query, styles);
    }
    if !record.pauses.is_empty() {
        out.push_styled(
            format!(
                "Pauses ({} in all, {})",
                record.pauses.len(),
                clock(record.paused_seconds)
            ),
            theme.key(),
        );
        for p in &record.pauses {
            let reason = p
                .reason
                .as_deref()
                .map_or(String::new(), |r| format!(" — {}", clean(r)));
            out.push(
                vec![Span::styled(
                    format!(
                        "  {} for {}{reason}",
                        p.started_at.format("%H:%M"),
                        clock(p.seconds)
                    ),
                    theme.dim(),
                )],
                4,
            );
        }
    }

    let mut number = 0;
    for (si, section) in record.sections.iter().enumerate() {
        out.push(vec![], 0);
        let over = section.spent_seconds > section.planned_seconds && section.planned_seconds > 0;
        out.push(
            vec![
                Span::styled(
                    format!("{}. {}", si + 1, clean(&section.title)),
                    theme.strong(),
                ),
                Span::styled(
                    format!(
                        " — {} of {} planned{}",
                        clock(section.spent_seconds),
                        clock(section.planned_seconds),
                        if over { " (over)" } else { "" }
                    ),
                    if over { theme.warning() } else { theme.dim() },
                ),
            ],
            3,
        );
        for q in &section.questions {
            number += 1;
            let block = out.lines.len();
            let state_style = match q.state {
                QuestionState::Asked => theme.good(),
                QuestionState::Skipped => theme.dim(),
                QuestionState::NotReached => theme.text(),
            };
            let mut head = vec![
                Span::styled(format!(" {} ", state_symbol(q.state)), state_style),
                Span::styled(format!("Q{number} "), theme.key()),
                Span::styled(clean(&q.id), theme.dim()),
                Span::styled(format!(" · {}", q.state.label()), state_style),
            ];
            if q.required {
                head.push(Span::styled(" · required", theme.dim()));
            }
            if let Some(r) = &q.rating {
                head.push(Span::styled(format!(" · rated {}", clean(r)), theme.good()));
            }
            if let Some(s) = q.first_note_seconds.filter(|_| !q.notes.trim().is_empty()) {
                head.push(Span::styled(
                    format!(" · first note {}", format_clock(s)),
                    theme.dim(),
                ));
            }
            out.push(head, 3);
            out.push(
                vec![Span::styled(
                    format!("   {}", clean(&q.ask)),
                    theme.strong(),
                )],
                3,
            );
            if !q.notes.trim().is_empty() {
                out.push_text(q.notes.trim_end(), 3, block, query, styles);
            }
        }
    }
    if !record.scratch.trim().is_empty() {
        out.push(vec![], 0);
        let block = out.lines.len();
        out.push_styled("Scratch note".into(), theme.key());
        out.push_text(record.scratch.trim_end(), 2, block, query, styles);
    }
    if let Some(prep) = &record.prep {
        out.push(vec![], 0);
        let block = out.lines.len();
        out.push_styled(format!("Prep ({})", clean(&prep.file)), theme.key());
        out.push_text(prep.text.trim_end(), 2, block, query, styles);
    }
    (out.lines, out.first_match)
}

/// Draws the opened interview in `area`.
pub fn draw(opened: &Opened, query: &Query, frame: &mut Frame, area: Rect, theme: &Theme) {
    let (lines, Viewport { top, max, height }) = opened.layout(query, theme, area);
    let mut block = opened.block(theme);
    if top < max {
        let more = format!(" {} ", theme.more(false, true));
        block = block.title_bottom(Line::styled(more, theme.dim()).right_aligned());
    }
    if top > 0 {
        let more = format!(" {} ", theme.more(true, false));
        block = block.title_bottom(Line::styled(more, theme.dim()));
    }
    let shown: Vec<Line> = lines.into_iter().skip(top).take(height).collect();
    frame.render_widget(Paragraph::new(shown).block(block), area);
    let border = area.inner(Margin::new(0, 1));
    scrollbar(frame, border, top, max, height, theme);
}
