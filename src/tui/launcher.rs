//! The launcher: resume an interrupted interview, start a new one, or look
//! at the saved ones.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::bank::LoadedBank;
use crate::interview::Setup;
use crate::store::SessionSummary;

/// A form field of the launcher.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// An interrupted interview to resume (index into `resumable`).
    Resume(usize),
    /// Candidate's name.
    Candidate,
    /// Role.
    Role,
    /// Interviewer's name.
    Interviewer,
    /// Bank picker.
    Bank,
    /// A bank variable (index into `variables`).
    Variable(usize),
    /// Length override.
    Minutes,
    /// The start button.
    Start,
}

/// One bank variable's field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariableField {
    /// Variable name.
    pub name: String,
    /// What the bank asks.
    pub prompt: String,
    /// The bank's default, shown when the field is empty.
    pub default: Option<String>,
    /// What the interviewer typed.
    pub value: String,
}

/// What the launcher asks the app to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LauncherOutcome {
    /// Nothing beyond redrawing.
    Nothing,
    /// Leave phonescreen.
    Quit,
    /// Start a new interview with the bank at this index.
    Start(usize, Setup),
    /// Resume the interview saved at this path.
    Resume(PathBuf),
}

/// The launcher's state.
#[derive(Debug, Clone)]
pub struct Launcher {
    /// Banks that loaded.
    pub banks: Vec<LoadedBank>,
    /// Banks that did not load, as messages.
    pub bank_problems: Vec<String>,
    /// Interrupted interviews, newest first.
    pub resumable: Vec<SessionSummary>,
    /// All saved interviews, newest first.
    pub saved: Vec<SessionSummary>,
    /// Saved files that could not be read.
    pub saved_problems: Vec<String>,
    /// Candidate's name.
    pub candidate: String,
    /// Role.
    pub role: String,
    /// Interviewer's name.
    pub interviewer: String,
    /// Selected bank.
    pub bank: usize,
    /// Fields for the selected bank's variables.
    pub variables: Vec<VariableField>,
    /// Length override, as typed.
    pub minutes: String,
    /// Focused field.
    pub focus: Field,
    /// A problem to show.
    pub error: Option<String>,
    remembered: BTreeMap<String, String>,
    /// Esc was pressed once on a filled form; a second Esc quits.
    quit_armed: bool,
}

impl Launcher {
    /// A launcher over these banks and saved interviews, pre-filled from `setup`.
    pub fn new(
        banks: Vec<LoadedBank>,
        bank_problems: Vec<String>,
        bank: usize,
        setup: &Setup,
        resumable: Vec<SessionSummary>,
        saved: Vec<SessionSummary>,
        saved_problems: Vec<String>,
    ) -> Self {
        let mut launcher = Self {
            banks,
            bank_problems,
            focus: if resumable.is_empty() {
                Field::Candidate
            } else {
                Field::Resume(0)
            },
            resumable,
            saved,
            saved_problems,
            candidate: setup.candidate.clone(),
            role: setup.role.clone(),
            interviewer: setup.interviewer.clone(),
            bank,
            variables: Vec::new(),
            minutes: setup.minutes.map(|m| m.to_string()).unwrap_or_default(),
            error: None,
            remembered: setup.variables.clone(),
            quit_armed: false,
        };
        launcher.load_variables();
        if launcher.resumable.is_empty() && !launcher.candidate.is_empty() {
            // Pre-filled from the command line: go to the first missing field.
            launcher.focus = launcher.first_missing().unwrap_or(Field::Start);
        }
        launcher
    }

    fn load_variables(&mut self) {
        for v in &self.variables {
            if !v.value.is_empty() {
                self.remembered.insert(v.name.clone(), v.value.clone());
            }
        }
        self.variables = self
            .banks
            .get(self.bank)
            .map(|b| {
                b.bank
                    .variables
                    .iter()
                    .map(|v| VariableField {
                        name: v.name.clone(),
                        prompt: v.prompt.clone(),
                        default: v.default.clone(),
                        value: self.remembered.get(&v.name).cloned().unwrap_or_default(),
                    })
                    .collect()
            })
            .unwrap_or_default();
    }

    /// The fields in focus order.
    pub fn fields(&self) -> Vec<Field> {
        let mut fields: Vec<Field> = (0..self.resumable.len()).map(Field::Resume).collect();
        fields.extend([
            Field::Candidate,
            Field::Role,
            Field::Interviewer,
            Field::Bank,
        ]);
        fields.extend((0..self.variables.len()).map(Field::Variable));
        fields.extend([Field::Minutes, Field::Start]);
        fields
    }

    fn text_mut(&mut self, field: Field) -> Option<&mut String> {
        match field {
            Field::Candidate => Some(&mut self.candidate),
            Field::Role => Some(&mut self.role),
            Field::Interviewer => Some(&mut self.interviewer),
            Field::Variable(i) => self.variables.get_mut(i).map(|v| &mut v.value),
            Field::Minutes => Some(&mut self.minutes),
            _ => None,
        }
    }

    /// The first required field that is empty.
    pub fn first_missing(&self) -> Option<Field> {
        if self.candidate.trim().is_empty() {
            return Some(Field::Candidate);
        }
        if self.role.trim().is_empty() {
            return Some(Field::Role);
        }
        self.variables
            .iter()
            .position(|v| v.value.trim().is_empty() && v.default.is_none())
            .map(Field::Variable)
    }

    /// The setup the form describes, or what is missing.
    pub fn setup(&self) -> Result<Setup, (Field, String)> {
        if let Some(field) = self.first_missing() {
            let what = match field {
                Field::Candidate => "the candidate's name".to_string(),
                Field::Role => "the role".to_string(),
                Field::Variable(i) => format!("a value for {}", self.variables[i].prompt),
                _ => "a value".to_string(),
            };
            return Err((field, format!("Fill in {what} to start")));
        }
        let minutes = match self.minutes.trim() {
            "" => None,
            text => match text.parse::<u32>() {
                Ok(m) if (1..=480).contains(&m) => Some(m),
                _ => {
                    return Err((
                        Field::Minutes,
                        "Minutes must be a whole number from 1 to 480, or empty for the bank's length"
                            .to_string(),
                    ));
                }
            },
        };
        Ok(Setup {
            candidate: self.candidate.trim().to_string(),
            role: self.role.trim().to_string(),
            interviewer: self.interviewer.trim().to_string(),
            variables: self
                .variables
                .iter()
                .filter(|v| !v.value.trim().is_empty())
                .map(|v| (v.name.clone(), v.value.trim().to_string()))
                .collect(),
            minutes,
        })
    }

    fn try_start(&mut self) -> LauncherOutcome {
        if self.banks.is_empty() {
            self.error = Some("No bank could be loaded; run `phonescreen bank list`".into());
            return LauncherOutcome::Nothing;
        }
        match self.setup() {
            Ok(setup) => LauncherOutcome::Start(self.bank, setup),
            Err((field, message)) => {
                self.focus = field;
                self.error = Some(message);
                LauncherOutcome::Nothing
            }
        }
    }

    fn move_focus(&mut self, forward: bool) {
        let fields = self.fields();
        let at = fields.iter().position(|f| *f == self.focus).unwrap_or(0);
        let n = fields.len();
        let next = if forward {
            (at + 1) % n
        } else {
            (at + n - 1) % n
        };
        self.focus = fields[next];
    }

    /// Inserts pasted text into the focused text field (first line only).
    pub fn paste(&mut self, text: &str) {
        let line = text.lines().next().unwrap_or_default().to_string();
        if let Some(field) = self.text_mut(self.focus) {
            field.push_str(&line);
        }
    }

    /// Handles one key.
    pub fn key(&mut self, key: KeyEvent) -> LauncherOutcome {
        if key.kind == KeyEventKind::Release {
            return LauncherOutcome::Nothing;
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let armed = std::mem::take(&mut self.quit_armed);
        match key.code {
            KeyCode::Esc => {
                let filled = !(self.candidate.is_empty() && self.role.is_empty());
                if filled && !armed {
                    self.quit_armed = true;
                    self.error = Some("Press Esc again to quit without starting".to_string());
                    return LauncherOutcome::Nothing;
                }
                return LauncherOutcome::Quit;
            }
            KeyCode::Char('c' | 'q') if ctrl => return LauncherOutcome::Quit,
            KeyCode::Char('s') if ctrl => return self.try_start(),
            KeyCode::F(10) => return self.try_start(),
            KeyCode::Tab | KeyCode::Down => {
                self.move_focus(true);
                return LauncherOutcome::Nothing;
            }
            KeyCode::BackTab | KeyCode::Up => {
                self.move_focus(false);
                return LauncherOutcome::Nothing;
            }
            _ => {}
        }
        match (self.focus, key.code) {
            (Field::Resume(i), KeyCode::Enter) => match self.resumable.get(i) {
                Some(s) => LauncherOutcome::Resume(s.path.clone()),
                None => LauncherOutcome::Nothing,
            },
            (Field::Resume(_), KeyCode::Char(c)) if !ctrl => {
                // Typing means a new interview: start the form with that key.
                self.focus = Field::Candidate;
                self.candidate.push(c);
                LauncherOutcome::Nothing
            }
            (Field::Bank, KeyCode::Left | KeyCode::Right | KeyCode::Char(' ')) => {
                let n = self.banks.len().max(1);
                self.bank = if key.code == KeyCode::Left {
                    (self.bank + n - 1) % n
                } else {
                    (self.bank + 1) % n
                };
                self.load_variables();
                LauncherOutcome::Nothing
            }
            (Field::Start, KeyCode::Enter) => self.try_start(),
            (_, KeyCode::Enter) => {
                self.move_focus(true);
                LauncherOutcome::Nothing
            }
            (field, code) => {
                if let Some(text) = self.text_mut(field) {
                    match code {
                        KeyCode::Backspace => {
                            text.pop();
                        }
                        KeyCode::Char('u') if ctrl => text.clear(),
                        KeyCode::Char(c) if !ctrl => text.push(c),
                        _ => {}
                    }
                    self.error = None;
                }
                LauncherOutcome::Nothing
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn launcher(setup: &Setup) -> Launcher {
        let bank = crate::bank::builtin().unwrap();
        Launcher::new(
            vec![bank],
            Vec::new(),
            0,
            setup,
            Vec::new(),
            Vec::new(),
            Vec::new(),
        )
    }

    fn typ(l: &mut Launcher, text: &str) {
        for c in text.chars() {
            l.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
    }

    #[test]
    fn start_needs_candidate_and_role() {
        let mut l = launcher(&Setup::default());
        assert_eq!(l.focus, Field::Candidate);
        let ctrl_s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(l.key(ctrl_s), LauncherOutcome::Nothing);
        assert!(l.error.is_some());
        typ(&mut l, "Ada");
        l.key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
        typ(&mut l, "Backend");
        match l.key(ctrl_s) {
            LauncherOutcome::Start(0, setup) => {
                assert_eq!(setup.candidate, "Ada");
                assert_eq!(setup.role, "Backend");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn esc_on_a_filled_form_asks_twice() {
        let mut l = launcher(&Setup::default());
        typ(&mut l, "Ada");
        let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
        assert_eq!(l.key(esc), LauncherOutcome::Nothing);
        assert!(l.error.is_some());
        assert_eq!(l.key(esc), LauncherOutcome::Quit);
    }

    #[test]
    fn prefilled_form_focuses_the_first_missing_field() {
        let setup = Setup {
            candidate: "Ada".into(),
            ..Setup::default()
        };
        let l = launcher(&setup);
        assert_eq!(l.focus, Field::Role);
        assert_eq!(l.variables.len(), 3);
    }
}
