//! The comparison grid on screen: questions as rows, candidates as
//! columns, the rating and a mark for notes in each cell, the
//! recommendations in the last row. Built on another thread from the
//! listed interviews of one bank; scrolls both ways.

use std::cell::Cell;
use std::sync::Arc;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::text::clean;
use crate::review::Grid;
use crate::review::compare::Cell as GridCell;
use crate::tui::screens::{fit, truncate};
use crate::tui::theme::Theme;

/// The grid's state.
#[derive(Debug)]
pub struct GridView {
    /// The bank's key.
    pub bank: String,
    /// How many interviews it compares.
    pub count: usize,
    /// The grid once built, or why it could not be.
    pub grid: Option<Arc<Result<Grid, String>>>,
    /// The first question row shown.
    pub row: usize,
    /// The first candidate column shown.
    pub column: usize,
    /// Question rows and candidate columns that fit at the last draw.
    pub fits: Cell<(usize, usize)>,
}

impl GridView {
    /// A grid of `count` interviews of `bank`, being built.
    pub fn new(bank: String, count: usize) -> Self {
        Self {
            bank,
            count,
            grid: None,
            row: 0,
            column: 0,
            fits: Cell::new((1, 1)),
        }
    }

    fn sizes(&self) -> (usize, usize) {
        match self.grid.as_deref() {
            Some(Ok(g)) => (g.rows.len(), g.columns.len()),
            _ => (0, 0),
        }
    }

    /// Scrolls by rows and columns, keeping a full screen where there is one.
    pub fn scroll(&mut self, rows: isize, columns: isize) {
        let (total_rows, total_columns) = self.sizes();
        let (fit_rows, fit_columns) = self.fits.get();
        let max_row = total_rows.saturating_sub(fit_rows);
        let max_column = total_columns.saturating_sub(fit_columns);
        self.row = self.row.saturating_add_signed(rows).min(max_row);
        self.column = self.column.saturating_add_signed(columns).min(max_column);
    }

    /// Scrolls a page of questions.
    pub fn page(&mut self, pages: isize) {
        let page = self.fits.get().0.saturating_sub(1).max(1) as isize;
        self.scroll(page * pages, 0);
    }

    /// The first candidates, or the last.
    pub fn jump(&mut self, end: bool) {
        self.column = if end { usize::MAX } else { 0 };
        self.scroll(0, 0);
    }
}

/// Draws the grid in `area`.
pub fn draw(view: &GridView, frame: &mut Frame, area: Rect, theme: &Theme) {
    let grid = match view.grid.as_deref() {
        Some(Ok(grid)) => grid,
        other => {
            let text = match other {
                Some(Err(why)) => Line::styled(format!(" {why}"), theme.danger()),
                _ => Line::styled(
                    format!(
                        " Reading {} interviews of bank {}…",
                        view.count,
                        clean(&view.bank)
                    ),
                    theme.dim(),
                ),
            };
            frame.render_widget(
                Paragraph::new(text).block(
                    Block::default()
                        .borders(Borders::ALL)
                        .border_style(theme.border())
                        .title(" Compare "),
                ),
                area,
            );
            return;
        }
    };
    let notice_rows = u16::from(grid.bank_changed);
    let [notice, table, legend] = Layout::vertical([
        Constraint::Length(notice_rows),
        Constraint::Min(4),
        Constraint::Length(1),
    ])
    .areas(area);
    if grid.bank_changed {
        frame.render_widget(
            Paragraph::new(Line::styled(
                if area.width >= 110 {
                    " The bank changed between these interviews: ! marks questions worded differently, or missing in some"
                } else {
                    " The bank changed: ! marks questions worded differently, or missing in some"
                },
                theme.warning(),
            )),
            notice,
        );
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(format!(
            " Compare · {} ({}) · {} interview{} ",
            clean(&grid.bank_name),
            clean(&grid.bank),
            grid.columns.len(),
            if grid.columns.len() == 1 { "" } else { "s" }
        ));
    let inner = block.inner(table);
    let width = usize::from(inner.width);
    let question_width = if width >= 110 { 44 } else { 22 };
    let narrowest = if width >= 110 { 18 } else { 15 };
    let room = width.saturating_sub(question_width);
    let fit_columns = (room / narrowest).max(1);
    // The columns share what room there is, up to a width that reads well.
    let column_width = (room / fit_columns.min(grid.columns.len()).max(1)).clamp(narrowest, 24);
    // Header and recommendation rows stay; the questions scroll between them.
    let fit_rows = usize::from(inner.height).saturating_sub(3).max(1);
    view.fits.set((fit_rows, fit_columns));
    let first = view
        .column
        .min(grid.columns.len().saturating_sub(fit_columns));
    let shown = first..(first + fit_columns).min(grid.columns.len());
    let top = view.row.min(grid.rows.len().saturating_sub(fit_rows));

    let mut block = block;
    if first > 0 {
        block = block.title_bottom(Line::styled(format!(" ◂ {first} more "), theme.dim()));
    }
    let after = grid.columns.len() - shown.end;
    if after > 0 {
        block = block
            .title_bottom(Line::styled(format!(" {after} more ▸ "), theme.dim()).right_aligned());
    }

    let mut lines = Vec::new();
    let mut header = vec![Span::styled(fit("question", question_width), theme.key())];
    for c in &grid.columns[shown.clone()] {
        header.push(Span::styled(
            fit(&clean(&c.heading), column_width - 1) + " ",
            theme.strong(),
        ));
    }
    lines.push(Line::from(header));
    for row in grid.rows.iter().skip(top).take(fit_rows) {
        let mark = if row.changed { " !" } else { "" };
        // The id (and, when wide, the wording), then a space before the cells.
        let id_width = if question_width >= 40 {
            22
        } else {
            question_width - 1
        };
        let id = truncate(&clean(&row.id), id_width.saturating_sub(mark.len()));
        let mut label = fit(&format!("{id}{mark}"), id_width);
        if question_width >= 40 {
            label.push(' ');
            label.push_str(&truncate(&clean(&row.ask), question_width - id_width - 2));
        }
        let style = if row.changed {
            theme.warning()
        } else {
            theme.text()
        };
        let mut spans = vec![Span::styled(fit(&label, question_width - 1) + " ", style)];
        for cell in &row.cells[shown.clone()] {
            spans.push(Span::styled(
                fit(&clean(&cell.text()), column_width - 1) + " ",
                cell_style(cell, theme),
            ));
        }
        lines.push(Line::from(spans));
    }
    let more_below = grid.rows.len().saturating_sub(top + fit_rows);
    lines.push(Line::styled(
        if more_below > 0 {
            format!("  {more_below} more questions {}", theme.more(false, true))
        } else {
            String::new()
        },
        theme.dim(),
    ));
    let mut recommendations = vec![Span::styled(
        fit("recommendation", question_width),
        theme.key(),
    )];
    for c in &grid.columns[shown] {
        recommendations.push(Span::styled(
            fit(c.outcome(), column_width - 1) + " ",
            theme.strong(),
        ));
    }
    lines.push(Line::from(recommendations));
    frame.render_widget(Paragraph::new(lines).block(block), table);
    frame.render_widget(
        Paragraph::new(Line::styled(
            " * has notes · - asked, not rated · (none) not in that interview's bank",
            theme.dim(),
        )),
        legend,
    );
}

fn cell_style(cell: &GridCell, theme: &Theme) -> Style {
    match cell {
        GridCell::Question {
            rating: Some(_), ..
        } => theme.text(),
        _ => theme.dim(),
    }
}
