//! Deleting interviews from the screens: the question the review screen and
//! the launcher ask first, the deleting itself, and what to say after.
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

use std::path::Path;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Padding, Paragraph, Wrap};

use super::centered;
use crate::display::escape;
use crate::store::LockError;
use crate::store::delete::{DeleteError, delete};
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

/// One interview to delete: its id and how to name it to the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doomed {
    /// The interview id (file stem).
    pub id: String,
    /// "the interview of Ada Lovelace", as the messages say it (unescaped).
    pub what: String,
}

/// What deleting did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Deleted {
    /// Ids of the interviews deleted.
    pub ids: Vec<String>,
    /// Files removed in all.
    pub files: usize,
    /// Interviews kept, and why: (what, why).
    pub kept: Vec<(String, String)>,
    /// Why the review index could not drop them, if it could not.
    pub index_problem: Option<String>,
}

impl Deleted {
    /// One line saying what happened, made safe to draw.
    pub fn message(&self) -> String {
        let plural = |n: usize, one: &str| format!("{n} {one}{}", if n == 1 { "" } else { "s" });
        let mut parts = Vec::new();
        if !self.ids.is_empty() {
            parts.push(format!(
                "Deleted {} ({})",
                plural(self.ids.len(), "interview"),
                plural(self.files, "file")
            ));
        }
        for (what, why) in &self.kept {
            parts.push(format!("kept {what}: {why}"));
        }
        if let Some(why) = &self.index_problem {
            parts.push(format!(
                "the review index lists them until it is next read ({why})"
            ));
        }
        let mut text = parts.join("; ");
        if let Some(first) = text.get(..1) {
            text = first.to_uppercase() + &text[1..];
        }
        escape(&text).into_owned()
    }
}

/// Why `error` kept the interview, in words; an interview this very
/// phonescreen has open is named as such (its own lock refuses it too, but
/// "another phonescreen" would be wrong).
fn why_kept(error: &DeleteError) -> String {
    match error {
        DeleteError::Locked(LockError::Held { pid, .. }) if *pid == Some(std::process::id()) => {
            "this phonescreen has it open; close it first".to_string()
        }
        other => other.to_string(),
    }
}

/// Deletes each of `doomed` with everything it left (see
/// [`crate::store::delete::delete`]), then drops them from the review index.
/// An interview open in a running phonescreen is kept, with the reason.
pub fn delete_all(sessions_dir: &Path, doomed: &[Doomed]) -> Deleted {
    let mut out = Deleted::default();
    for d in doomed {
        match delete(sessions_dir, &d.id) {
            Ok(files) => {
                out.files += files.len();
                out.ids.push(d.id.clone());
            }
            Err(e) => out.kept.push((d.what.clone(), why_kept(&e))),
        }
    }
    if !out.ids.is_empty() {
        out.index_problem = crate::review::index::forget(sessions_dir, &out.ids).err();
    }
    out
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

    #[test]
    fn the_message_counts_and_names_what_was_kept() {
        let d = Deleted {
            ids: vec!["a".into(), "b".into()],
            files: 3,
            kept: vec![("the interview of Ada\u{1b}]2;x".into(), "it is open".into())],
            index_problem: None,
        };
        assert_eq!(
            d.message(),
            "Deleted 2 interviews (3 files); kept the interview of Ada\\e]2;x: it is open"
        );
        let kept_only = Deleted {
            kept: vec![("the interview of Ada".into(), "it is open".into())],
            ..Deleted::default()
        };
        assert_eq!(kept_only.message(), "Kept the interview of Ada: it is open");
    }
}
