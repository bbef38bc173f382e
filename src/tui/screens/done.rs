//! After finishing: where the interview was saved.

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::{footer_hints, overlay};
use crate::interview::{Record, Status};
use crate::tui::keymap::Mode;
use crate::tui::theme::Theme;

/// The screen after finishing.
#[derive(Debug, Clone)]
pub struct DoneScreen {
    path: PathBuf,
    /// The interview as it was saved.
    record: Record,
    /// The Markdown scorecard, made once.
    scorecard: String,
    /// What the last copy did, to say so.
    copied: Option<Result<Option<PathBuf>, String>>,
}

impl DoneScreen {
    /// The screen for `record`, saved at `path`.
    pub fn new(path: PathBuf, record: &Record) -> Self {
        Self {
            path,
            record: record.clone(),
            scorecard: crate::review::export::markdown(record),
            copied: None,
        }
    }

    /// The interview as it was saved.
    pub fn record(&self) -> &Record {
        &self.record
    }

    /// The Markdown scorecard of the interview.
    pub fn scorecard(&self) -> &str {
        &self.scorecard
    }

    /// Writes the scorecard as `<id>.md` in `dir` (0700), for a terminal
    /// that may not take a copy: where it went, or why it could not.
    pub fn write_scorecard(&self, dir: &std::path::Path) -> Result<PathBuf, String> {
        let id = crate::store::session_id(&self.path);
        crate::tui::clipboard::write_beside(dir, &id, &self.scorecard)
    }

    /// The scorecard was handed to the clipboard, and also written to a
    /// file when `file` says so.
    pub fn copied(&mut self, file: Option<Result<PathBuf, String>>) {
        self.copied = Some(file.transpose());
    }

    /// How keys are read.
    pub fn mode(&self) -> Mode {
        Mode::Done
    }

    /// The interview file.
    pub fn path(&self) -> &std::path::Path {
        &self.path
    }

    /// Printed after the terminal is restored.
    pub fn farewell(&self) -> String {
        format!("Interview saved to {}", self.path.display())
    }

    /// Draws the screen.
    pub fn draw(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let record = &self.record;
        let (title, headline, outcome) = if record.status == Status::NoShow {
            (
                "No-show recorded",
                format!("{} did not come: recorded as a no-show.", record.candidate),
                "It is listed in review and export; the report leaves it out of its times."
                    .to_string(),
            )
        } else {
            (
                "Interview saved",
                format!("Interview with {} is completed.", record.candidate),
                format!(
                    "Recommendation: {}",
                    record.recommendation.map_or("none", |r| r.label())
                ),
            )
        };
        let lines = vec![
            Line::styled(headline, theme.strong()),
            Line::raw(outcome),
            Line::raw(""),
            Line::raw("Saved to:"),
            Line::styled(self.path.display().to_string(), theme.good()),
            Line::raw(""),
            Line::styled(
                "List saved interviews with: phonescreen sessions list",
                theme.dim(),
            ),
            Line::raw(""),
        ];
        let mut lines = lines;
        match &self.copied {
            None => {}
            Some(Ok(None)) => lines.push(Line::styled(
                "Copied the scorecard (Markdown) to the clipboard.",
                theme.good(),
            )),
            Some(Ok(Some(file))) => {
                lines.push(Line::raw(
                    "This terminal may not take a copy; the scorecard is also in:",
                ));
                lines.push(Line::styled(file.display().to_string(), theme.good()));
            }
            Some(Err(why)) => {
                lines.push(Line::raw(
                    "This terminal may not take a copy, and writing a file failed:",
                ));
                lines.push(Line::styled(why.clone(), theme.warning()));
            }
        }
        if self.copied.is_some() {
            lines.push(Line::raw(""));
        }
        lines.push(footer_hints(theme, Mode::Done));
        overlay(frame, area, theme, title, 76, lines);
    }
}
