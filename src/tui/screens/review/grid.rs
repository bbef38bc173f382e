//! The comparison grid on screen: questions as rows, candidates as
//! columns, the rating and a mark for notes in each cell, the
//! recommendations in the last row. Built on another thread from the
//! listed interviews of one bank; scrolls both ways.

use std::sync::Arc;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table};

use super::highlight::clean;
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
    /// Question rows and candidate columns that fit at the terminal's size
    /// (see [`GridView::fit`]).
    pub fits: (usize, usize),
}

/// How the grid lies in its area.
struct Shape {
    notice: Rect,
    table: Rect,
    legend: Rect,
    question_width: usize,
    column_width: usize,
    /// Question rows that fit.
    rows: usize,
    /// Candidate columns that fit.
    columns: usize,
}

fn shape(grid: &Grid, area: Rect) -> Shape {
    let [notice, table, legend] = Layout::vertical([
        Constraint::Length(u16::from(grid.bank_changed)),
        Constraint::Min(4),
        Constraint::Length(1),
    ])
    .areas(area);
    let inner = Block::default().borders(Borders::ALL).inner(table);
    let width = usize::from(inner.width);
    let question_width = if width >= 110 { 44 } else { 22 };
    let narrowest = if width >= 110 { 18 } else { 15 };
    let room = width.saturating_sub(question_width);
    let columns = (room / narrowest).max(1);
    Shape {
        notice,
        table,
        legend,
        question_width,
        // The columns share what room there is, up to a width that reads well.
        column_width: (room / columns.min(grid.columns.len()).max(1)).clamp(narrowest, 24),
        // Header and recommendation rows stay; the questions scroll between them.
        rows: usize::from(inner.height).saturating_sub(3).max(1),
        columns,
    }
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
            fits: (1, 1),
        }
    }

    fn built(&self) -> Option<&Grid> {
        self.grid.as_deref()?.as_ref().ok()
    }

    /// Finds what fits in `area`, so the keys scroll by it.
    pub fn fit(&mut self, area: Rect) {
        if let Some(grid) = self.built() {
            let shape = shape(grid, area);
            self.fits = (shape.rows, shape.columns);
        }
    }

    /// Scrolls by rows and columns, keeping a full screen where there is one.
    pub fn scroll(&mut self, rows: isize, columns: isize) {
        let (total_rows, total_columns) = self
            .built()
            .map_or((0, 0), |g| (g.rows.len(), g.columns.len()));
        let (fit_rows, fit_columns) = self.fits;
        let max_row = total_rows.saturating_sub(fit_rows);
        let max_column = total_columns.saturating_sub(fit_columns);
        self.row = self.row.saturating_add_signed(rows).min(max_row);
        self.column = self.column.saturating_add_signed(columns).min(max_column);
    }

    /// Scrolls a page of questions.
    pub fn page(&mut self, pages: isize) {
        let page = self.fits.0.saturating_sub(1).max(1) as isize;
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
    let shape = shape(grid, area);
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
            shape.notice,
        );
    }
    let mut block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(format!(
            " Compare · {} ({}) · {} interview{} ",
            clean(&grid.bank_name),
            clean(&grid.bank),
            grid.columns.len(),
            if grid.columns.len() == 1 { "" } else { "s" }
        ));
    // `update` scrolled for the size it knew; this frame's size may differ.
    let (question_width, column_width) = (shape.question_width, shape.column_width);
    let first = view
        .column
        .min(grid.columns.len().saturating_sub(shape.columns));
    let shown = first..(first + shape.columns).min(grid.columns.len());
    let top = view.row.min(grid.rows.len().saturating_sub(shape.rows));
    if first > 0 {
        block = block.title_bottom(Line::styled(format!(" ◂ {first} more "), theme.dim()));
    }
    let after = grid.columns.len() - shown.end;
    if after > 0 {
        block = block
            .title_bottom(Line::styled(format!(" {after} more ▸ "), theme.dim()).right_aligned());
    }

    let column = |text: &str, style: Style| Cell::new(fit(text, column_width - 1)).style(style);
    let header = Row::new(
        std::iter::once(Cell::new("question").style(theme.key())).chain(
            grid.columns[shown.clone()]
                .iter()
                .map(|c| column(&clean(&c.heading), theme.strong())),
        ),
    );
    let mut rows = vec![header];
    for row in grid.rows.iter().skip(top).take(shape.rows) {
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
        let label = Cell::new(fit(&label, question_width - 1)).style(style);
        let cells = row.cells[shown.clone()]
            .iter()
            .map(|cell| column(&clean(&cell.text()), cell_style(cell, theme)));
        rows.push(Row::new(std::iter::once(label).chain(cells)));
    }
    let more_below = grid.rows.len().saturating_sub(top + shape.rows);
    let more = if more_below > 0 {
        format!("  {more_below} more questions {}", theme.more(false, true))
    } else {
        String::new()
    };
    rows.push(Row::new([Cell::new(more)
        .style(theme.dim())
        .column_span(shown.len() as u16 + 1)]));
    rows.push(Row::new(
        std::iter::once(Cell::new("recommendation").style(theme.key())).chain(
            grid.columns[shown.clone()]
                .iter()
                .map(|c| column(c.outcome(), theme.strong())),
        ),
    ));
    let widths = std::iter::once(question_width - 1)
        .chain(shown.map(|_| column_width - 1))
        .map(|w| Constraint::Length(w as u16));
    frame.render_widget(Table::new(rows, widths).block(block), shape.table);
    frame.render_widget(
        Paragraph::new(Line::styled(
            " * has notes · - asked, not rated · (none) not in that interview's bank",
            theme.dim(),
        )),
        shape.legend,
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
