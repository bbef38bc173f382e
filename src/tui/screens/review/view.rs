//! Drawing the review screen: the title, the filter, the list (or the
//! opened interview, or the grid), a message line and the footer. Only the
//! rows on screen are formatted, and the filter's match is shown in context
//! for those only: the archive may hold thousands.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::opened::clock;
use super::text::{clean, wrap};
use super::{ReviewScreen, grid, opened};
use crate::interview::record::Status;
use crate::review::index::Summary;
use crate::tui::keymap::{Keymap, Mode};
use crate::tui::screens::{fit, hints, overlay, truncate};
use crate::tui::theme::Theme;

/// Draws the review screen.
pub(super) fn draw(screen: &ReviewScreen, frame: &mut Frame, area: Rect, theme: &Theme) {
    if let Some(amending) = screen.opened.as_ref().and_then(|o| o.amending.as_ref()) {
        amending.draw(frame, area, theme);
        return;
    }
    let message_rows = match &screen.message {
        Some(m) => Paragraph::new(format!(" {}", m.text))
            .wrap(Wrap { trim: true })
            .line_count(area.width)
            .min(3) as u16,
        None => 0,
    };
    let [title, filter, body, message, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(5),
        Constraint::Length(message_rows),
        Constraint::Length(1),
    ])
    .areas(area);
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
                format!(" {readable} interviews")
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

    /// Where the candidate column starts.
    fn indent(&self) -> usize {
        2 + self.date + 2
    }

    fn header(&self, sorted: super::Sort) -> String {
        use super::Sort;
        let mark = |name: &str, sort: Sort| {
            if sorted == sort {
                format!("{name} ▾")
            } else {
                name.to_string()
            }
        };
        let mut cells = vec![
            (mark("date", Sort::Date), self.date + 2),
            (mark("candidate", Sort::Candidate), self.candidate + 1),
            (mark("role", Sort::Role), self.role + 1),
        ];
        if self.bank > 0 {
            cells.push(("bank".to_string(), self.bank + 1));
            cells.push(("interviewer".to_string(), self.interviewer + 1));
        }
        if self.status > 0 {
            cells.push(("status".to_string(), self.status + 1));
            // "recommendation" fills its column: sorted, it is shortened for the mark.
            let label = if sorted == Sort::Recommendation {
                "recommend. ▾".to_string()
            } else {
                "recommendation".to_string()
            };
            cells.push((label, self.recommendation + 1));
        } else {
            cells.push((
                mark("outcome", Sort::Recommendation),
                self.recommendation + 1,
            ));
        }
        let mut out = String::from("  ");
        for (text, width) in cells {
            out.push_str(&fit(&text, width));
        }
        out.push_str(&format!("{:>width$}", "time", width = self.time));
        out
    }

    fn row(&self, s: &Summary) -> String {
        let date = if self.date >= 16 {
            s.started_at.format("%Y-%m-%d %H:%M").to_string()
        } else {
            s.started_at.format("%Y-%m-%d").to_string()
        };
        let recommendation = s.recommendation.map(|r| r.label());
        let mut out = format!("{}  ", fit(&date, self.date));
        out.push_str(&fit(&clean(&s.candidate), self.candidate));
        out.push(' ');
        out.push_str(&fit(&clean(&s.role), self.role));
        out.push(' ');
        if self.bank > 0 {
            out.push_str(&fit(&clean(&s.bank), self.bank));
            out.push(' ');
            out.push_str(&fit(&clean(&s.interviewer), self.interviewer));
            out.push(' ');
        }
        // Corrected after the call: the word where there is room, else
        // the pencil the outline uses for notes after the outcome.
        let amended = s.status == Status::Completed && s.amended_at.is_some();
        let status = match s.status {
            Status::Completed if amended => "amended",
            other => other.label(),
        };
        if self.status > 0 {
            out.push_str(&fit(status, self.status));
            out.push(' ');
            out.push_str(&fit(recommendation.unwrap_or("-"), self.recommendation));
        } else {
            let outcome = match s.status {
                Status::Completed => recommendation.unwrap_or("completed"),
                other => other.label(),
            };
            let outcome = if amended {
                format!("{outcome} ✎")
            } else {
                outcome.to_string()
            };
            out.push_str(&fit(&outcome, self.recommendation));
        }
        out.push(' ');
        out.push_str(&format!(
            "{:>width$}",
            clock(s.elapsed_seconds),
            width = self.time
        ));
        out
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
    let [header, rows_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    frame.render_widget(
        Paragraph::new(Line::styled(columns.header(list.sort), theme.dim())),
        header,
    );
    let rows = list.rows();
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
        return;
    }
    let per_row = if list.query.is_empty() { 1 } else { 2 };
    let fit_rows = (usize::from(rows_area.height) / per_row).max(1);
    let mut top = list.top.get().min(rows.saturating_sub(fit_rows));
    if list.selected < top {
        top = list.selected;
    } else if list.selected >= top + fit_rows {
        top = list.selected + 1 - fit_rows;
    }
    list.top.set(top);
    list.page.set(fit_rows);

    let mut lines = Vec::with_capacity(fit_rows * per_row);
    let indent = columns.indent();
    for row in top..(top + fit_rows).min(rows) {
        let Some(i) = list.item(row) else {
            continue;
        };
        let selected = row == list.selected;
        let marker = if selected { "▸ " } else { "  " };
        let item = &archive.items[i];
        let (text, style) = match &item.summary {
            Ok(s) => (format!("{marker}{}", columns.row(s)), theme.text()),
            Err(why) => (
                format!(
                    "{marker}{}  {}",
                    fit("damaged", columns.date),
                    clean(&format!("{}.yaml: {why}", item.id))
                ),
                theme.warning(),
            ),
        };
        let style = if selected { theme.selected() } else { style };
        lines.push(Line::styled(fit(&text, width), style));
        if per_row == 2 {
            lines.push(context_line(screen, i, indent, width, theme));
        }
    }
    frame.render_widget(Paragraph::new(lines), rows_area);
}

/// The filter's first match in the interview's text, with what surrounds
/// it: `…retry budget and idempotency keys…`.
fn context_line(
    screen: &ReviewScreen,
    i: usize,
    indent: usize,
    width: usize,
    theme: &Theme,
) -> Line<'static> {
    let list = &screen.list;
    let Some(archive) = &list.archive else {
        return Line::raw("");
    };
    let room = width.saturating_sub(indent + 1);
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
        Span::raw(" ".repeat(indent)),
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
    let key_width = rows.iter().map(|(k, _)| k.width()).max().unwrap_or(0);
    let width = usize::from(area.width.min(100)).saturating_sub(2);
    let mut lines: Vec<Line> = Vec::new();
    for (keys, what) in rows {
        let pad = key_width.saturating_sub(keys.width());
        let spans = vec![
            Span::styled(format!(" {keys}{} ", " ".repeat(pad)), theme.key()),
            Span::raw(what),
        ];
        // What a key does continues under the words, not under the keys.
        lines.extend(wrap(spans, width, key_width + 2));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        " Any key closes this help; typing is typed.",
        theme.dim(),
    ));
    overlay(frame, area, theme, "Keys", 100, lines);
}
