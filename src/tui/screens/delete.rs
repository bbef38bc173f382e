//! Deleting interviews from the screens: the question the review screen and
//! the launcher ask first. The deleting itself, and what to say after, are
//! the store's (`store::delete`).
//!
//! **Why `y`, then Enter.** Deleting cannot be undone, so the question must
//! not be answered by accident. A single key could be: the next letter of a
//! filter typed on, a key held down, a paste. The same chord twice could be
//! too (a held key repeats). So the answer is two different keys in order,
//! `y` and then Enter, each on its own. The key table makes both typing in
//! the question's mode, and `App::apply` hands over every run of typing read
//! at once as one text: `y` typed alone arrives as the text "y" and Enter
//! as "\n", while a paste, or keys read in one burst (a paste without
//! bracketed paste, a text expander), arrive as one text ("y\n", "yes") and
//! keep everything. Any other key keeps everything too, and says so. Only
//! commands reach the question: the clock and background work never do.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Padding, Paragraph, Wrap};

use super::centered;
pub use crate::store::delete::{Deleted, Doomed};
use crate::tui::command::Command;
use crate::tui::theme::Theme;

/// The answer so far to "delete?".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Confirm {
    /// `y` was typed, on its own: Enter now deletes.
    armed: bool,
}

/// What the answer means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// `y` so far: wait for Enter.
    Wait,
    /// `y`, then Enter: delete.
    Delete,
    /// Anything else: keep everything.
    Keep,
    /// Quit phonescreen (nothing is deleted).
    Quit,
}

impl Confirm {
    /// Whether `y` has been typed.
    pub fn is_armed(&self) -> bool {
        self.armed
    }

    /// Takes one command (what a key or a paste meant; the clock and
    /// background work never reach a question).
    pub fn answer(&mut self, action: &Command) -> Answer {
        match action {
            Command::Insert(text) if !self.armed && (text == "y" || text == "Y") => {
                self.armed = true;
                Answer::Wait
            }
            Command::Insert(text) if self.armed && text == "\n" => Answer::Delete,
            Command::Quit => Answer::Quit,
            _ => Answer::Keep,
        }
    }
}

/// What deleting one interview removes, for the question: `files` in all.
pub fn what_goes(files: usize) -> String {
    format!(
        "This removes its file, journal, lock, temp files, rescue copies, exported scorecard and review-index entry ({files} file{} in all). It cannot be undone.",
        if files == 1 { "" } else { "s" }
    )
}

/// Draws the question: `lines` say what would be deleted; the last lines
/// say how to answer, and where the answer has got to. The box is as tall
/// as the wrapped text.
pub fn draw_question(
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
    title: &str,
    mut lines: Vec<Line<'static>>,
    confirm: &Confirm,
) {
    lines.push(Line::raw(""));
    if confirm.is_armed() {
        lines.push(Line::styled(
            "y — now Enter deletes. Any other key keeps everything.",
            theme.danger(),
        ));
    } else {
        lines.push(Line::styled(
            "Type y, then Enter, to delete. Any other key keeps everything.",
            theme.key(),
        ));
    }
    let width = area.width.min(72);
    // Borders and a space either side.
    let inner = width.saturating_sub(4).max(1);
    let text = Paragraph::new(lines).wrap(Wrap { trim: false });
    let height = (text.line_count(inner) as u16).saturating_add(2);
    let rect = centered(area, width, height);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        text.block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(theme.danger())
                .padding(Padding::horizontal(1))
                .title(format!(" {title} ")),
        ),
        rect,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(text: &str) -> Command {
        Command::Insert(text.to_string())
    }

    #[test]
    fn only_y_then_enter_as_two_keys_deletes() {
        let mut c = Confirm::default();
        assert_eq!(c.answer(&typed("y")), Answer::Wait);
        assert_eq!(c.answer(&typed("\n")), Answer::Delete);
        for burst in ["y\n", "yes", "\n", "n", "Y\n"] {
            let mut c = Confirm::default();
            assert_eq!(c.answer(&typed(burst)), Answer::Keep, "{burst:?}");
        }
        let mut c = Confirm::default();
        assert_eq!(c.answer(&typed("y")), Answer::Wait);
        assert_eq!(c.answer(&typed("y")), Answer::Keep, "y twice is not Enter");
        let mut c = Confirm::default();
        c.answer(&typed("Y"));
        assert_eq!(c.answer(&Command::Back), Answer::Keep);
        assert_eq!(Confirm::default().answer(&Command::Quit), Answer::Quit);
    }
}
