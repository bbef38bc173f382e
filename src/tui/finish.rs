//! The finish form: overall recommendation, a short summary, and a warning
//! about required questions not asked.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::editor::NotesEditor;
use crate::interview::{Recommendation, Record};

/// The part of the form that has focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FinishField {
    /// Choosing the recommendation.
    Recommendation,
    /// Typing the summary.
    Summary,
    /// The "finish and save" button.
    Confirm,
}

/// What a key on the finish form asks for.
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
}

/// The finish form's state.
#[derive(Debug, Clone)]
pub struct FinishForm {
    /// Index into [`Recommendation::ALL`], once chosen.
    pub choice: Option<usize>,
    /// The summary editor.
    pub summary: NotesEditor,
    /// The focused part.
    pub field: FinishField,
    /// Required questions not asked, as "Section: question".
    pub unasked_required: Vec<String>,
    /// A problem to show (e.g. no recommendation chosen).
    pub error: Option<String>,
}

impl FinishForm {
    /// A form for `record`, keeping any draft recommendation and summary.
    pub fn new(record: &Record) -> Self {
        let choice = record
            .recommendation
            .and_then(|r| Recommendation::ALL.iter().position(|x| *x == r));
        Self {
            choice,
            summary: NotesEditor::new(&record.summary, "A few sentences for the hiring team…"),
            field: if choice.is_some() {
                FinishField::Summary
            } else {
                FinishField::Recommendation
            },
            unasked_required: record
                .unasked_required()
                .into_iter()
                .map(|(section, q)| format!("{section}: {}", q.ask))
                .collect(),
            error: None,
        }
    }

    /// The chosen recommendation.
    pub fn recommendation(&self) -> Option<Recommendation> {
        self.choice.map(|i| Recommendation::ALL[i])
    }

    fn confirm(&mut self) -> FinishOutcome {
        match self.recommendation() {
            Some(r) => FinishOutcome::Finish(r, self.summary.text()),
            None => {
                self.error = Some("Choose a recommendation first: keys 1 to 5".to_string());
                self.field = FinishField::Recommendation;
                FinishOutcome::Nothing
            }
        }
    }

    /// Inserts pasted text into the summary.
    pub fn paste(&mut self, text: &str) -> FinishOutcome {
        self.field = FinishField::Summary;
        if self.summary.paste(text) {
            FinishOutcome::Changed
        } else {
            FinishOutcome::Nothing
        }
    }

    /// Handles one key.
    pub fn key(&mut self, key: KeyEvent) -> FinishOutcome {
        if key.kind == KeyEventKind::Release {
            return FinishOutcome::Nothing;
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => return FinishOutcome::Cancel,
            KeyCode::Char('c' | 'q') if ctrl => return FinishOutcome::Quit,
            KeyCode::Char('s') if ctrl => return self.confirm(),
            KeyCode::F(10) => return self.confirm(),
            KeyCode::Tab => {
                self.field = match self.field {
                    FinishField::Recommendation => FinishField::Summary,
                    FinishField::Summary => FinishField::Confirm,
                    FinishField::Confirm => FinishField::Recommendation,
                };
                return FinishOutcome::Nothing;
            }
            KeyCode::BackTab => {
                self.field = match self.field {
                    FinishField::Recommendation => FinishField::Confirm,
                    FinishField::Summary => FinishField::Recommendation,
                    FinishField::Confirm => FinishField::Summary,
                };
                return FinishOutcome::Nothing;
            }
            _ => {}
        }
        match self.field {
            FinishField::Recommendation => {
                let n = Recommendation::ALL.len();
                let choice = match key.code {
                    KeyCode::Char(c) => c
                        .to_digit(10)
                        .map(|d| d as usize)
                        .filter(|d| (1..=n).contains(d))
                        .map(|d| d - 1),
                    KeyCode::Down | KeyCode::Right => Some(self.choice.map_or(0, |c| (c + 1) % n)),
                    KeyCode::Up | KeyCode::Left => {
                        Some(self.choice.map_or(n - 1, |c| (c + n - 1) % n))
                    }
                    KeyCode::Enter => {
                        if self.choice.is_some() {
                            self.field = FinishField::Summary;
                        }
                        return FinishOutcome::Nothing;
                    }
                    _ => None,
                };
                match choice {
                    Some(c) => {
                        self.choice = Some(c);
                        self.error = None;
                        if matches!(key.code, KeyCode::Char(_)) {
                            self.field = FinishField::Summary;
                        }
                        FinishOutcome::Changed
                    }
                    None => FinishOutcome::Nothing,
                }
            }
            FinishField::Summary => {
                if self.summary.key(key) {
                    FinishOutcome::Changed
                } else {
                    FinishOutcome::Nothing
                }
            }
            FinishField::Confirm => match key.code {
                KeyCode::Enter => self.confirm(),
                // Typing on the button means the summary was not done: type it there.
                KeyCode::Char(_) if !ctrl => {
                    self.field = FinishField::Summary;
                    if self.summary.key(key) {
                        FinishOutcome::Changed
                    } else {
                        FinishOutcome::Nothing
                    }
                }
                _ => FinishOutcome::Nothing,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn typing_on_the_button_goes_to_the_summary() {
        let record = crate::store::testing::sample_record(3, 0);
        let mut form = FinishForm::new(&record);
        form.key(key(KeyCode::Char('3')));
        assert_eq!(form.field, FinishField::Summary);
        form.key(key(KeyCode::Tab));
        assert_eq!(form.field, FinishField::Confirm);
        for c in "Good fit".chars() {
            assert!(!matches!(
                form.key(key(KeyCode::Char(c))),
                FinishOutcome::Finish(..)
            ));
        }
        assert_eq!(form.summary.text(), "Good fit");
        form.key(key(KeyCode::Tab));
        assert_eq!(
            form.key(key(KeyCode::Enter)),
            FinishOutcome::Finish(Recommendation::Yes, "Good fit".into())
        );
    }
}
