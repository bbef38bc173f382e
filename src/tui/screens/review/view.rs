//! Drawing the review screen: the title, the filter, the list (or the
//! opened interview, or the grid), a message line and the footer. Only the
//! rows on screen are formatted, and the filter's match is shown in context
//! for those only: the archive may hold thousands.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, HighlightSpacing, Paragraph, Row, Table, TableState, Wrap};
use unicode_width::UnicodeWidthStr;

use super::highlight::clean;
use super::list::window;
use super::opened::clock;
use super::{ReviewScreen, grid, opened};
use crate::interview::record::Status;
use crate::review::index::Summary;
use crate::tui::keymap::{Keymap, Mode};
use crate::tui::screens::{hints, overlay, scrollbar, truncate};
use crate::tui::theme::Theme;

/// Where the title, the filter, the body (list, opened interview or
/// grid), the message and the footer go in `area`; `update` scrolls by
/// the same sizes (see [`ReviewScreen::set_area`]).
pub(super) fn areas(screen: &ReviewScreen, area: Rect) -> [Rect; 5] {
    let message_rows = match &screen.message {
        Some(m) => Paragraph::new(format!(" {}", m.text))
            .wrap(Wrap { trim: true })
            .line_count(area.width)
            .min(3) as u16,
        None => 0,
    };
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(5),
        Constraint::Length(message_rows),
        Constraint::Length(1),
    ])
    .areas(area)
}

/// The list's column header and its rows in `body`.
pub(super) fn list_areas(body: Rect) -> [Rect; 2] {
    Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(body)
}

/// Draws the review screen.
pub(super) fn draw(screen: &ReviewScreen, frame: &mut Frame, area: Rect, theme: &Theme) {
    let [title, filter, body, message, footer] = areas(screen, area);
    draw_title(screen, frame, title, theme);
    draw_filter(screen, frame, filter, theme);
    if let Some(view) = &screen.grid {
        grid::draw(view, frame, body, theme);
    } else if let Some(o) = &screen.opened {
        opened::draw(o, &screen.list.query, frame, body, theme);
    } else {
        draw_list(screen, frame, body, theme);
    }
    if let Some(m) = &screen.message {
        let style = if m.error {
            theme.danger()
        } else {
            theme.warning()
        };
        frame.render_widget(
            Paragraph::new(Line::styled(format!(" {}", m.text), style)).wrap(Wrap { trim: true }),
            message,
        );
    }
    draw_footer(screen, frame, footer, theme);
    if let Some(mode) = screen.help {
        draw_help(&screen.keys, Mode::Review(mode), frame, area, theme);
    }
}

fn draw_title(screen: &ReviewScreen, frame: &mut Frame, area: Rect, theme: &Theme) {
    let list = &screen.list;
    let crumb = if screen.grid.is_some() {
        " saved interviews › compare".to_string()
    } else if screen.opened.is_some() {
        format!(
            " saved interviews › {} of {}",
            list.selected + 1,
            list.rows()
        )
    } else {
        " saved interviews".to_string()
    };
    let right = match (
        &list.archive,
        screen.opened.is_some() || screen.grid.is_some(),
    ) {
        (Some(archive), false) => {
            let readable = archive.items.len() - list.damaged.len();
            let mut text = if list.query.is_empty() {
                format!(
                    " {readable} interview{}",
                    if readable == 1 { "" } else { "s" }
                )
            } else {
                format!(" {} of {readable} match", list.matches.len())
            };
            if !list.damaged.is_empty() {
                text.push_str(&format!(" · {} damaged", list.damaged.len()));
            }
            format!("{text} · {} ", list.sort.label())
        }
        _ => String::new(),
    };
    let [left_area, right_area] = Layout::horizontal([
        Constraint::Min(10),
        Constraint::Length(right.width() as u16),
    ])
    .areas(area);
    let left = vec![
        Span::styled(" phonescreen ", theme.selected()),
        Span::styled(crumb, theme.strong()),
    ];
    frame.render_widget(Paragraph::new(Line::from(left)), left_area);
    frame.render_widget(Paragraph::new(Line::styled(right, theme.dim())), right_area);
}

fn draw_filter(screen: &ReviewScreen, frame: &mut Frame, area: Rect, theme: &Theme) {
    let list = &screen.list;
    let typing = screen.opened.is_none() && screen.grid.is_none();
    let mut spans = vec![Span::styled(" Filter ", theme.key())];
    if list.filter.is_empty() {
        if typing {
            spans.push(Span::styled("▏", theme.key()));
        }
        spans.push(Span::styled(
            "type words that must all appear: candidate, role, bank, interviewer, notes…",
            theme.dim(),
        ));
    } else {
        let room = usize::from(area.width).saturating_sub(10);
        // The end of a long filter is where typing happens.
        let shown: String = {
            let chars: Vec<char> = clean(&list.filter).chars().collect();
            let skip = chars.len().saturating_sub(room);
            chars[skip..].iter().collect()
        };
        spans.push(Span::styled(shown, theme.strong()));
        if typing {
            spans.push(Span::styled("▏", theme.key()));
        } else {
            spans.push(Span::styled("  (matches marked)", theme.dim()));
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// Column widths for a list `width` columns wide; 0 hides a column.
#[derive(Debug, Clone, Copy)]
struct Columns {
    date: usize,
    candidate: usize,
    role: usize,
    bank: usize,
    interviewer: usize,
    status: usize,
    recommendation: usize,
    time: usize,
}

impl Columns {
    fn for_width(width: usize) -> Self {
        if width >= 110 {
            // marker 2, then date, candidate, role, bank, interviewer,
            // status, recommendation and time, one space apart.
            let rest = width.saturating_sub(2 + 16 + 2 + 4 + 11 + 1 + 14 + 1 + 7 + 1);
            let candidate = rest * 30 / 100;
            let role = rest * 27 / 100;
            let bank = rest * 25 / 100;
            Self {
                date: 16,
                candidate,
                role,
                bank,
                interviewer: rest - candidate - role - bank,
                status: 11,
                recommendation: 14,
                time: 7,
            }
        } else {
            // Status and recommendation share a column: a finished
            // interview shows its recommendation.
            let rest = width.saturating_sub(2 + 10 + 2 + 2 + 12 + 1 + 6 + 1);
            let candidate = rest * 55 / 100;
            Self {
                date: 10,
                candidate,
                role: rest - candidate,
                bank: 0,
                interviewer: 0,
                status: 0,
                recommendation: 12,
                time: 6,
            }
        }
    }

    /// The widths of the columns shown, one space apart: two after the
    /// date; the time may take the last column, which is otherwise left
    /// for the scrollbar.
    fn widths(&self) -> Vec<usize> {
        [
            self.date + 1,
            self.candidate,
            self.role,
            self.bank,
            self.interviewer,
            self.status,
            self.recommendation,
            self.time + 1,
        ]
        .into_iter()
        .filter(|&w| w > 0)
        .collect()
    }

    /// `cells` (one per column in [`Columns::widths`]) cut to their columns.
    fn row(&self, cells: Vec<String>) -> Row<'static> {
        Row::new(cells.iter().zip(self.widths()).map(|(t, w)| truncate(t, w)))
    }

    fn header(&self, sorted: super::Sort) -> Row<'static> {
        use super::Sort;
        let mark = |name: &str, sort: Sort| {
            if sorted == sort {
                format!("{name} ▾")
            } else {
                name.to_string()
            }
        };
        let mut cells = vec![
            mark("date", Sort::Date),
            mark("candidate", Sort::Candidate),
            mark("role", Sort::Role),
        ];
        if self.bank > 0 {
            cells.extend(["bank".to_string(), "interviewer".to_string()]);
        }
        if self.status > 0 {
            cells.push("status".to_string());
            // "recommendation" fills its column: sorted, it is shortened for the mark.
            cells.push(if sorted == Sort::Recommendation {
                "recommend. ▾".to_string()
            } else {
                "recommendation".to_string()
            });
        } else {
            cells.push(mark("outcome", Sort::Recommendation));
        }
        cells.push(format!("{:>width$}", "time", width = self.time));
        self.row(cells)
    }

    fn summary(&self, s: &Summary) -> Row<'static> {
        let format = if self.date >= 16 {
            "%Y-%m-%d %H:%M"
        } else {
            "%Y-%m-%d"
        };
        let mut cells = vec![
            s.started_at.format(format).to_string(),
            clean(&s.candidate),
            clean(&s.role),
        ];
        if self.bank > 0 {
            cells.extend([clean(&s.bank), clean(&s.interviewer)]);
        }
        // Corrected after the call: the word where there is room, else
        // the pencil the outline uses for notes after the outcome.
        let amended = s.status == Status::Completed && s.amended_at.is_some();
        let recommendation = s.recommendation.map(|r| r.label());
        if self.status > 0 {
            cells.push(match s.status {
                Status::Completed if amended => "amended".to_string(),
                other => other.label().to_string(),
            });
            cells.push(recommendation.unwrap_or("-").to_string());
        } else {
            let outcome = match s.status {
                Status::Completed => recommendation.unwrap_or("completed"),
                other => other.label(),
            };
            cells.push(if amended {
                format!("{outcome} ✎")
            } else {
                outcome.to_string()
            });
        }
        cells.push(format!(
            "{:>width$}",
            clock(s.elapsed_seconds),
            width = self.time
        ));
        self.row(cells)
    }
}

fn draw_list(screen: &ReviewScreen, frame: &mut Frame, area: Rect, theme: &Theme) {
    let list = &screen.list;
    let width = usize::from(area.width);
    let Some(archive) = &list.archive else {
        let text = match list.progress {
            Some((done, total)) => format!("  Reading interviews… {done}/{total}"),
            None => "  Reading interviews…".to_string(),
        };
        frame.render_widget(
            Paragraph::new(vec![Line::raw(""), Line::styled(text, theme.dim())]),
            area,
        );
        return;
    };
    let columns = Columns::for_width(width);
    let widths = columns.widths();
    let spans = widths.len() as u16 - 1;
    // Where the candidate column starts: an interview's second row (its
    // match in context, or why the file is damaged) starts there too.
    let room = width.saturating_sub(2 + columns.date + 2);
    let rows = list.rows();
    // `update` scrolled for the size it knew; this frame's size may differ.
    // Only the rows on screen are made into table rows.
    let [_, rows_area] = list_areas(area);
    let fit_rows = list.fits(rows_area.height);
    let top = window(list.offset, list.selected, rows, fit_rows);
    let mut table_rows = Vec::new();
    for row in top..(top + fit_rows).min(rows) {
        let Some(i) = list.item(row) else {
            continue;
        };
        let item = &archive.items[i];
        table_rows.push(match &item.summary {
            Ok(s) => columns.summary(s),
            Err(why) => {
                let why = truncate(&clean(&format!("{}.yaml: {why}", item.id)), room);
                Row::new([Cell::new("damaged"), Cell::new(why).column_span(spans)])
                    .style(theme.warning())
            }
        });
        if !list.query.is_empty() {
            let context = context_line(screen, i, room.saturating_sub(1), theme);
            // (`Cell::default()` spans no column: an empty cell is `new("")`.)
            let cells = [Cell::new(""), Cell::new(context).column_span(spans)];
            table_rows.push(Row::new(cells));
        }
    }
    // With a filter every other row is the match in context.
    let per_row = if list.query.is_empty() { 1 } else { 2 };
    let selected = list.selected.saturating_sub(top) * per_row;
    let mut state = TableState::default().with_selected((rows > 0).then_some(selected));
    let table = Table::new(
        table_rows,
        widths.iter().map(|&w| Constraint::Length(w as u16)),
    )
    .header(columns.header(list.sort).style(theme.dim()))
    .highlight_symbol("▸ ")
    .highlight_spacing(HighlightSpacing::Always)
    .row_highlight_style(theme.selected());
    frame.render_stateful_widget(table, area, &mut state);
    if rows == 0 {
        let text = if archive.items.is_empty() {
            format!(
                "  No saved interviews in {} yet. Start one with `phonescreen`.",
                archive.dir.display()
            )
        } else {
            "  No interview holds every word of the filter. Backspace or Ctrl+U widens it."
                .to_string()
        };
        frame.render_widget(
            Paragraph::new(Line::styled(text, theme.dim())).wrap(Wrap { trim: true }),
            rows_area,
        );
    }
    // The rows leave the last column free: for this.
    let (max, shown) = (rows.saturating_sub(fit_rows), fit_rows.min(rows));
    scrollbar(frame, rows_area, top, max, shown, theme);
}

/// The filter's first match in the interview's text, with what surrounds
/// it: `…retry budget and idempotency keys…`.
fn context_line(screen: &ReviewScreen, i: usize, room: usize, theme: &Theme) -> Line<'static> {
    let list = &screen.list;
    let Some(archive) = &list.archive else {
        return Line::raw("");
    };
    let Some((before, hit, after)) = archive.context(i, &list.query, room) else {
        return Line::raw("");
    };
    // A match in the candidate's name or the role shows in its column
    // already: the line would only say it again.
    let whole = format!("{before}{hit}{after}");
    let shown = list
        .summary(i)
        .is_some_and(|s| whole == s.candidate || whole == s.role);
    if shown {
        return Line::raw("");
    }
    let (before, hit, after) = (clean(&before), clean(&hit), clean(&after));
    let hit = truncate(&hit, room);
    let before_room = room.saturating_sub(hit.width()).min(room / 2 + room / 4);
    let before: String = {
        // Keep the end of what comes before, next to the match.
        let chars: Vec<char> = before.chars().collect();
        let mut start = 0;
        while start < chars.len() && chars[start..].iter().collect::<String>().width() > before_room
        {
            start += 1;
        }
        let mut s: String = chars[start..].iter().collect();
        if start > 0 && !s.is_empty() {
            s.replace_range(..s.chars().next().map_or(0, char::len_utf8), "…");
        }
        s
    };
    let after_room = room.saturating_sub(before.width() + hit.width());
    let after = truncate(&after, after_room);
    Line::from(vec![
        Span::styled(before, theme.dim()),
        Span::styled(hit, theme.selected()),
        Span::styled(after, theme.dim()),
    ])
}

fn draw_footer(screen: &ReviewScreen, frame: &mut Frame, area: Rect, theme: &Theme) {
    let mode = screen.mode();
    // Resume or amend is offered only where it applies.
    let status = match &screen.opened {
        Some(o) => Some(o.record.status),
        None => screen
            .list
            .selected_item()
            .and_then(|i| screen.list.summary(i))
            .map(|s| s.status),
    };
    let room = usize::from(area.width).saturating_sub(1);
    let mut used = 0;
    let mut pairs = Vec::new();
    for (key, word) in screen.keys.hints(mode, false) {
        let applies = match word {
            "resume" => status.is_some_and(Status::is_open),
            "amend" => status == Some(Status::Completed),
            _ => true,
        };
        let width = key.width() + word.width() + 1 + if pairs.is_empty() { 0 } else { 3 };
        if applies && used + width <= room {
            used += width;
            pairs.push((key, word));
        }
    }
    let mut line = hints(theme, pairs);
    line.spans.insert(0, Span::raw(" "));
    frame.render_widget(Paragraph::new(line), area);
}

fn draw_help(keys: &Keymap, mode: Mode, frame: &mut Frame, area: Rect, theme: &Theme) {
    let rows: Vec<(String, &str)> = keys
        .bindings()
        .iter()
        .filter(|b| b.modes.contains(&mode))
        .map(|b| (b.label(), b.help))
        .collect();
    let width = usize::from(area.width.min(100)).saturating_sub(2);
    let mut lines = crate::tui::screens::help::key_lines(rows, width, theme);
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        " Any key closes this help; typing is typed.",
        theme.dim(),
    ));
    overlay(frame, area, theme, "Keys", 100, lines);
}
