//! After finishing: where the interview was saved.

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::{footer_hints, overlay};
use crate::display::escape;
use crate::interview::{Record, Status};
use crate::tui::clipboard::Handed;
use std::sync::Arc;

use crate::tui::keymap::{Keymap, Mode};
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
    copied: Option<Handed>,
    /// The keys, for the footer.
    keys: Arc<Keymap>,
}

impl DoneScreen {
    /// The screen for `record`, saved at `path`.
    pub fn new(path: PathBuf, record: &Record, keys: Arc<Keymap>) -> Self {
        Self {
            keys,
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

    /// The interview's id: the name of a scorecard file written for it.
    pub fn id(&self) -> String {
        crate::store::session_id(&self.path)
    }

    /// The scorecard was handed over as `handed` says, to be said on screen.
    pub fn copied(&mut self, handed: Handed) {
        self.copied = Some(handed);
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
                format!(
                    "{} did not come: recorded as a no-show.",
                    escape(&record.candidate)
                ),
                "It is listed in review and export; the report leaves it out of its times."
                    .to_string(),
            )
        } else {
            (
                "Interview saved",
                format!("Interview with {} is completed.", escape(&record.candidate)),
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
        // Say what reached the clipboard and what the file holds: an
        // interviewer who reads "copied" pastes, and must not paste stale
        // text where the terminal could not take it.
        match &self.copied {
            None => {}
            Some(Handed::Clipboard) => lines.push(Line::styled(
                "Copied the scorecard (Markdown) to the clipboard.",
                theme.good(),
            )),
            Some(Handed::ClipboardAndFile(Ok(file))) => {
                lines.push(Line::raw("Copied the scorecard (Markdown), and also in:"));
                lines.push(Line::styled(file.display().to_string(), theme.good()));
                lines.push(Line::styled(
                    "(this terminal may not take a copy)",
                    theme.dim(),
                ));
            }
            Some(Handed::FileOnly(Ok(file))) => {
                lines.push(Line::raw("The scorecard (Markdown) is written to:"));
                lines.push(Line::styled(file.display().to_string(), theme.good()));
                lines.push(Line::raw(
                    "(this terminal cannot take a copy: nothing was copied)",
                ));
            }
            Some(Handed::ClipboardAndFile(Err(why))) => {
                lines.push(Line::raw(
                    "Copied the scorecard (Markdown), but writing a file failed:",
                ));
                lines.push(Line::styled(why.clone(), theme.warning()));
                lines.push(Line::styled(
                    "(this terminal may not take a copy)",
                    theme.dim(),
                ));
            }
            Some(Handed::FileOnly(Err(why))) => {
                lines.push(Line::raw(
                    "Not copied (this terminal cannot take a copy), and writing a file failed:",
                ));
                lines.push(Line::styled(why.clone(), theme.warning()));
                lines.push(Line::raw(format!(
                    "Print it with: phonescreen export {}",
                    self.id()
                )));
            }
        }
        if self.copied.is_some() {
            lines.push(Line::raw(""));
        }
        lines.push(footer_hints(theme, &self.keys, Mode::Done));
        overlay(frame, area, theme, title, 76, lines);
    }
}
