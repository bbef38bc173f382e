//! After finishing: where the interview was saved.

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::{footer_hints, overlay};
use crate::interview::Record;
use crate::tui::keymap::Mode;
use crate::tui::theme::Theme;

/// The screen after finishing.
#[derive(Debug, Clone)]
pub struct DoneScreen {
    path: PathBuf,
    candidate: String,
    recommendation: String,
}

impl DoneScreen {
    /// The screen for `record`, saved at `path`.
    pub fn new(path: PathBuf, record: &Record) -> Self {
        Self {
            path,
            candidate: record.candidate.clone(),
            recommendation: record
                .recommendation
                .map_or("none", |r| r.label())
                .to_string(),
        }
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
        let lines = vec![
            Line::styled(
                format!("Interview with {} is completed.", self.candidate),
                theme.strong(),
            ),
            Line::raw(format!("Recommendation: {}", self.recommendation)),
            Line::raw(""),
            Line::raw("Saved to:"),
            Line::styled(self.path.display().to_string(), theme.good()),
            Line::raw(""),
            Line::styled(
                "List saved interviews with: phonescreen sessions list",
                theme.dim(),
            ),
            Line::raw(""),
            footer_hints(theme, Mode::Done),
        ];
        overlay(frame, area, theme, "Interview saved", 76, lines);
    }
}
