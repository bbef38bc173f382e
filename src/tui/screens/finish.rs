//! The finish form, over the interview screen: the overall recommendation, a
//! short summary, and a warning about required questions not asked.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::{centered, draw_editor, footer_hints};
use crate::interview::{Recommendation, Record};
use crate::tui::command::Command;
use crate::tui::editor::NotesEditor;
use std::sync::Arc;

use crate::tui::keymap::{FinishMode, Keymap, Mode};
use crate::tui::theme::Theme;

/// The part of the form that has focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Recommendation,
    Summary,
    Confirm,
}

/// What an action on the form asks of the interview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FinishOutcome {
    /// Nothing beyond redrawing.
    Nothing,
    /// The recommendation or summary changed: save the draft.
    Changed,
    /// Back to the interview.
    Cancel,
    /// Back to the interview and ask to quit.
    Quit,
    /// Finish with this recommendation and summary.
    Finish(Recommendation, String),
    /// Typing or a paste would have added this many bytes to the summary,
    /// more than the interview has room for: nothing was added.
    NoRoom(usize),
}

/// The finish form's state.
#[derive(Debug)]
pub struct FinishForm {
    /// Index into [`Recommendation::ALL`], once chosen.
    choice: Option<usize>,
    summary: NotesEditor,
    field: Field,
    /// Required questions not asked, as "Section: question".
    unasked_required: Vec<String>,
    /// A problem to show (no recommendation chosen, the save failed).
    error: Option<String>,
    candidate: String,
    /// How many bytes the summary may still grow by (see `interview::limits`).
    room: usize,
    /// The keys, for the footer.
    keys: Arc<Keymap>,
}

impl FinishForm {
    /// A form for `record`, keeping any draft recommendation and summary.
    pub fn new(record: &Record, theme: &Theme, keys: Arc<Keymap>) -> Self {
        let choice = record
            .recommendation
            .and_then(|r| Recommendation::ALL.iter().position(|x| *x == r));
        let mut form = Self {
            keys,
            choice,
            summary: NotesEditor::new(
                &record.summary,
                "A few sentences for the hiring team…",
                theme.dim(),
            ),
            field: if choice.is_some() {
                Field::Summary
            } else {
                Field::Recommendation
            },
            unasked_required: record
                .unasked_required()
                .into_iter()
                .map(|(section, q)| format!("{section}: {}", q.ask))
                .collect(),
            error: None,
            candidate: crate::display::escape(&record.candidate).into_owned(),
            room: usize::MAX,
        };
        form.focus(form.field);
        form
    }

    /// How keys are read.
    pub fn mode(&self) -> FinishMode {
        match self.field {
            Field::Recommendation => FinishMode::Choice,
            Field::Summary => FinishMode::Summary,
            Field::Confirm => FinishMode::Button,
        }
    }

    /// The chosen recommendation.
    pub fn recommendation(&self) -> Option<Recommendation> {
        self.choice.map(|i| Recommendation::ALL[i])
    }

    /// The summary as typed.
    pub fn summary(&self) -> String {
        self.summary.text()
    }

    /// The length of the summary in bytes.
    pub fn summary_len(&self) -> usize {
        self.summary.len()
    }

    /// How many bytes the summary may grow by with the next action.
    pub fn set_room(&mut self, room: usize) {
        self.room = room;
    }

    /// Shows a problem on the form (a failed save).
    pub fn set_error(&mut self, error: String) {
        self.error = Some(error);
    }

    fn focus(&mut self, field: Field) {
        self.field = field;
        self.summary.set_focused(field == Field::Summary);
    }

    fn confirm(&mut self) -> FinishOutcome {
        match self.recommendation() {
            Some(r) => FinishOutcome::Finish(r, self.summary.text()),
            None => {
                self.error = Some("Choose a recommendation first: keys 1 to 5".to_string());
                self.focus(Field::Recommendation);
                FinishOutcome::Nothing
            }
        }
    }

    fn choose(&mut self, choice: usize, move_on: bool) -> FinishOutcome {
        self.choice = Some(choice);
        self.error = None;
        if move_on {
            self.focus(Field::Summary);
        }
        FinishOutcome::Changed
    }

    /// Carries out one command.
    pub fn update(&mut self, action: Command) -> FinishOutcome {
        let n = Recommendation::ALL.len();
        match action {
            Command::Back => FinishOutcome::Cancel,
            Command::RequestQuit => FinishOutcome::Quit,
            Command::Finish => self.confirm(),
            Command::NextField => {
                let next = match self.field {
                    Field::Recommendation if self.choice.is_none() => Field::Recommendation,
                    Field::Recommendation => Field::Summary,
                    Field::Summary => Field::Confirm,
                    Field::Confirm => Field::Recommendation,
                };
                self.focus(next);
                FinishOutcome::Nothing
            }
            Command::PreviousField => {
                let previous = match self.field {
                    Field::Recommendation => Field::Confirm,
                    Field::Summary => Field::Recommendation,
                    Field::Confirm => Field::Summary,
                };
                self.focus(previous);
                FinishOutcome::Nothing
            }
            Command::Choose(d) if (1..=n).contains(&usize::from(d)) => {
                self.choose(usize::from(d) - 1, true)
            }
            Command::NextChoice => self.choose(self.choice.map_or(0, |c| (c + 1) % n), false),
            Command::PreviousChoice => {
                self.choose(self.choice.map_or(n - 1, |c| (c + n - 1) % n), false)
            }
            // Typing on the button means the summary was not done: type it there.
            Command::Edit(key) => {
                self.focus(Field::Summary);
                within(self.summary.key_within(key, self.room))
            }
            Command::Insert(text) => {
                self.focus(Field::Summary);
                within(self.summary.paste_within(&text, self.room))
            }
            _ => FinishOutcome::Nothing,
        }
    }

    /// Draws the form over `area`.
    pub fn draw(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let rect = centered(area, 100, area.height.saturating_sub(2));
        frame.render_widget(Clear, rect);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.focus_border())
            .title(format!(" Finish interview with {} ", self.candidate));
        let inner = block.inner(rect);
        frame.render_widget(block, rect);

        // A short terminal (a split pane, 16 rows) gets the choices on a
        // line and the required questions counted, so the summary and the
        // button still show.
        let compact = inner.height < 17;
        let focused = self.field == Field::Recommendation;
        let style_of = |i: usize| {
            let chosen = self.choice == Some(i);
            if chosen && focused {
                theme.selected()
            } else if chosen {
                theme.strong()
            } else {
                theme.text()
            }
        };
        let heading = Span::styled(
            "Overall recommendation",
            if focused { theme.key() } else { theme.strong() },
        );
        let choice_lines: Vec<Line> = if compact {
            let mut spans = vec![heading, Span::raw(":")];
            for (i, r) in Recommendation::ALL.iter().enumerate() {
                let mark = if self.choice == Some(i) { "•" } else { "" };
                spans.push(Span::styled(format!(" {}", i + 1), theme.key()));
                spans.push(Span::styled(format!(" {mark}{}", r.label()), style_of(i)));
            }
            super::wrap::wrap(spans, usize::from(inner.width), 2)
        } else {
            let mut lines = vec![Line::from(heading)];
            for (i, r) in Recommendation::ALL.iter().enumerate() {
                let mark = if self.choice == Some(i) {
                    "(•)"
                } else {
                    "( )"
                };
                lines.push(Line::from(vec![
                    Span::styled(format!("  {} ", i + 1), theme.key()),
                    Span::styled(format!("{mark} {}", r.label()), style_of(i)),
                ]));
            }
            lines
        };
        let warnings = if compact {
            self.unasked_required.len().min(1) as u16
        } else {
            self.unasked_required.len().min(4) as u16
        };
        let warning_rows = match warnings {
            0 => 0,
            _ if compact => 1,
            n => n + 1,
        };
        let [choices, warn, summary, error, buttons] = Layout::vertical([
            Constraint::Length(choice_lines.len() as u16),
            Constraint::Length(warning_rows),
            Constraint::Min(3),
            Constraint::Length(u16::from(self.error.is_some())),
            Constraint::Length(1),
        ])
        .areas(inner);
        frame.render_widget(Paragraph::new(choice_lines), choices);

        if compact && warnings > 0 {
            let n = self.unasked_required.len();
            let text = format!(
                "! {n} required question{} not asked: {}",
                if n == 1 { "" } else { "s" },
                self.unasked_required.join("; ")
            );
            frame.render_widget(
                Paragraph::new(Line::styled(
                    super::truncate(&text, usize::from(warn.width)),
                    theme.warning(),
                )),
                warn,
            );
        } else if warnings > 0 {
            let mut lines = vec![Line::styled(
                format!(
                    "Required questions not asked ({}):",
                    self.unasked_required.len()
                ),
                theme.warning(),
            )];
            let width = usize::from(warn.width).saturating_sub(5);
            for q in self.unasked_required.iter().take(4) {
                lines.push(Line::raw(format!("  ! {}", super::truncate(q, width))));
            }
            frame.render_widget(Paragraph::new(lines), warn);
        }

        draw_editor(
            &self.summary,
            frame,
            summary,
            theme,
            " Summary ",
            self.field == Field::Summary,
        );
        if let Some(e) = &self.error {
            frame.render_widget(
                Paragraph::new(Line::styled(e.as_str(), theme.danger())),
                error,
            );
        }
        let button_style = if self.field == Field::Confirm {
            theme.selected()
        } else {
            theme.strong()
        };
        let mut line = Line::from(vec![
            Span::styled(" [ Finish and save ] ", button_style),
            Span::raw("  "),
        ]);
        line.spans
            .extend(footer_hints(theme, &self.keys, Mode::Finish(self.mode())).spans);
        frame.render_widget(Paragraph::new(line), buttons);
    }
}

fn within(edit: Result<bool, usize>) -> FinishOutcome {
    match edit {
        Ok(edited) => changed(edited),
        Err(wanted) => FinishOutcome::NoRoom(wanted),
    }
}

fn changed(changed: bool) -> FinishOutcome {
    if changed {
        FinishOutcome::Changed
    } else {
        FinishOutcome::Nothing
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn typed(c: char) -> Command {
        Command::Edit(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
    }

    #[test]
    fn typing_on_the_button_goes_to_the_summary() {
        let record = crate::store::testing::sample_record(3, 0);
        let mut form = FinishForm::new(&record, &Theme::default(), Keymap::builtin());
        assert_eq!(form.mode(), FinishMode::Choice);
        form.update(Command::Choose(3));
        assert_eq!(form.mode(), FinishMode::Summary);
        form.update(Command::NextField);
        assert_eq!(form.mode(), FinishMode::Button);
        for c in "Good fit".chars() {
            assert!(!matches!(form.update(typed(c)), FinishOutcome::Finish(..)));
        }
        assert_eq!(form.summary(), "Good fit");
        form.update(Command::NextField);
        assert_eq!(
            form.update(Command::Finish),
            FinishOutcome::Finish(Recommendation::Yes, "Good fit".into())
        );
    }

    #[test]
    fn finishing_needs_a_recommendation() {
        let record = crate::store::testing::sample_record(3, 0);
        let mut form = FinishForm::new(&record, &Theme::default(), Keymap::builtin());
        form.update(Command::Insert("Notes first".into()));
        assert_eq!(form.update(Command::Finish), FinishOutcome::Nothing);
        assert_eq!(form.mode(), FinishMode::Choice);
        assert_eq!(form.update(Command::NextChoice), FinishOutcome::Changed);
        assert_eq!(
            form.update(Command::Finish),
            FinishOutcome::Finish(Recommendation::StrongNo, "Notes first".into())
        );
    }
}
