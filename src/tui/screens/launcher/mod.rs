//! The launcher: resume an interrupted interview, start a new one, or look
//! at the saved ones. The saved interviews are read on another thread and
//! arrive as [`Event::Listed`], so the form takes keys from the first frame
//! however big the archive is.

mod view;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::SystemTime;

use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::layout::Rect;

use chrono::{DateTime, FixedOffset, Utc};

use crate::bank::LoadedBank;
use crate::interview::{Now, Setup};
use crate::store::SessionSummary;
use crate::store::retention::Dated;
use crate::tui::command::Command;
use crate::tui::event::{Event, ListedItem};

use crate::tui::keymap::{Keymap, LauncherMode, Mode};
use crate::tui::screens::delete::{Answer, Confirm, Deleted, Doomed};
use crate::tui::theme::Theme;

/// A form field of the launcher.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// An interrupted interview to resume (index into `resumable`).
    Resume(usize),
    /// Candidate's name.
    Candidate,
    /// Role.
    Role,
    /// The candidate's prep file (resume notes, the job description).
    Prep,
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
    /// What the interviewer typed (or what was pre-filled).
    pub value: String,
    /// What was pre-filled (remembered from the last interview, or the
    /// config's default): a value still equal to it was not typed here,
    /// so it does not follow the interviewer to another bank.
    pub prefilled: String,
}

/// What the launcher asks the app to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LauncherOutcome {
    /// Nothing beyond redrawing.
    Nothing,
    /// Leave phonescreen.
    Quit,
    /// Start a new interview with the bank at this index, with the prep
    /// file at this path when one was given (read by the app, which says
    /// here when it cannot be).
    Start(usize, Setup, Option<PathBuf>),
    /// Resume the interview saved at this path.
    Resume(PathBuf),
    /// Open the review screen: the saved interviews.
    Review,
    /// Delete these interviews (older than the retention; the user said
    /// yes), on another thread: the result comes as [`Event::Purged`].
    Purge(Vec<Doomed>),
}

/// The interviews older than the retention, as the question before
/// deleting them lists them.
#[derive(Debug, Clone)]
struct PurgeAsk {
    /// Oldest first, each with what dates it (its start, or its file's
    /// time when the start date is suspect, which the question says).
    old: Vec<(SessionSummary, Dated)>,
    /// The moment they are dated before.
    cutoff: DateTime<FixedOffset>,
    /// Interviews with a suspect start date that are not deleted: their
    /// file's time does not date them as older, or cannot date them.
    left_out: usize,
    confirm: Confirm,
}

/// What the last purge did, to say so.
#[derive(Debug, Clone)]
struct Notice {
    text: String,
    /// Something was kept that was meant to go.
    trouble: bool,
}

/// The launcher's state.
#[derive(Debug, Clone)]
pub struct Launcher {
    banks: Vec<LoadedBank>,
    bank_problems: Vec<String>,
    /// Interrupted interviews, newest first.
    resumable: Vec<SessionSummary>,
    /// All saved interviews, newest first.
    saved: Vec<SessionSummary>,
    /// Saved files that could not be read.
    saved_problems: Vec<String>,
    /// Whether the background listing has finished.
    listed: bool,
    candidate: String,
    role: String,
    /// The prep file's path, as typed.
    prep: String,
    interviewer: String,
    bank: usize,
    variables: Vec<VariableField>,
    minutes: String,
    focus: Field,
    error: Option<String>,
    /// Values given for variables by name: on the command line, or typed
    /// here (they follow the interviewer from bank to bank).
    remembered: BTreeMap<String, String>,
    /// Per bank key, the values the last interview on it used.
    last_used: BTreeMap<String, BTreeMap<String, String>>,
    /// `config.yaml`'s values for variables.
    defaults: BTreeMap<String, String>,
    /// Esc was pressed once on a filled form; a second Esc quits.
    quit_armed: bool,
    /// A key was pressed: the focus is the interviewer's now, not ours to move.
    touched: bool,
    /// How long interviews are kept (`retention` in config.yaml).
    retention: Option<std::time::Duration>,
    /// Interviews that started at or before this are older than the
    /// retention (brought up to date with the clock on every action).
    cutoff: Option<DateTime<FixedOffset>>,
    /// The clock at the last action: a start date after it is suspect.
    clock: Option<DateTime<Utc>>,
    /// When each saved interview's file was last written, by id: what
    /// dates one whose start date is suspect.
    file_times: HashMap<String, SystemTime>,
    /// Asking whether to delete the interviews older than the retention.
    asking: Option<PurgeAsk>,
    /// A purge of this many interviews is under way on another thread.
    purging: Option<usize>,
    /// What the last purge did.
    notice: Option<Notice>,
    /// The keys, for the footer.
    keys: Arc<Keymap>,
}

impl Launcher {
    /// A launcher over these banks, pre-filled from `setup`; the saved
    /// interviews arrive later through [`Event::Listed`].
    pub fn new(
        banks: Vec<LoadedBank>,
        bank_problems: Vec<String>,
        bank: usize,
        setup: &Setup,
    ) -> Self {
        let mut launcher = Self {
            keys: Keymap::builtin(),
            banks,
            bank_problems,
            focus: Field::Candidate,
            resumable: Vec::new(),
            saved: Vec::new(),
            saved_problems: Vec::new(),
            listed: false,
            candidate: setup.candidate.clone(),
            role: setup.role.clone(),
            prep: String::new(),
            interviewer: setup.interviewer.clone(),
            bank,
            variables: Vec::new(),
            minutes: setup.minutes.map(|m| m.to_string()).unwrap_or_default(),
            error: None,
            remembered: setup.variables.clone(),
            last_used: BTreeMap::new(),
            defaults: BTreeMap::new(),
            quit_armed: false,
            touched: false,
            retention: None,
            cutoff: None,
            clock: None,
            file_times: HashMap::new(),
            asking: None,
            purging: None,
            notice: None,
        };
        launcher.load_variables();
        if !launcher.candidate.is_empty() {
            // Pre-filled from the command line: go to the first missing field.
            launcher.focus = launcher.first_missing().unwrap_or(Field::Start);
        }
        launcher
    }

    /// The launcher pre-filling variables the command line left empty: with
    /// what the last interview on each bank used (`last_used`, by bank
    /// key), else with `config.yaml`'s `defaults`.
    pub fn with_memory(
        mut self,
        last_used: BTreeMap<String, BTreeMap<String, String>>,
        defaults: BTreeMap<String, String>,
    ) -> Self {
        self.last_used = last_used;
        self.defaults = defaults;
        self.variables.clear();
        self.load_variables();
        if !self.candidate.is_empty() {
            self.focus = self.first_missing().unwrap_or(Field::Start);
        }
        self
    }

    /// The launcher with the prep file at `path` filled in.
    pub fn with_prep(mut self, path: &str) -> Self {
        self.prep = path.to_string();
        self
    }

    /// Chooses the bank whose source (`built-in` or its file, as an
    /// interview records it) is `source`, when it is offered.
    pub fn choose_bank(&mut self, source: &str) {
        if let Some(i) = self
            .banks
            .iter()
            .position(|b| b.origin.to_string() == source)
        {
            self.bank = i;
            self.load_variables();
        }
    }

    /// Keeps an interview length of `minutes` when it is not the chosen
    /// bank's own.
    pub fn keep_minutes(&mut self, minutes: u32) {
        if self
            .banks
            .get(self.bank)
            .is_some_and(|b| b.bank.duration_minutes != minutes)
        {
            self.minutes = minutes.to_string();
        }
    }

    /// Says what is wrong with the prep file, and puts the focus on it.
    pub fn prep_error(&mut self, why: String) {
        self.focus = Field::Prep;
        self.error = Some(why);
    }

    /// The launcher keeping interviews for `retention` (`retention` in
    /// config.yaml): it says when older ones are waiting, and offers to
    /// delete them.
    pub fn with_retention(mut self, retention: Option<std::time::Duration>) -> Self {
        self.retention = retention;
        self
    }

    /// Uses `keys` (the built-in keys and config.yaml's changes).
    pub fn with_keys(mut self, keys: Arc<Keymap>) -> Self {
        self.keys = keys;
        self
    }

    /// What dates the saved interview `s` for the retention: its start, or
    /// its file's time when the start date is suspect (see
    /// [`crate::store::retention`]). None before the clock is known.
    fn dated(&self, s: &SessionSummary) -> Option<Dated> {
        let now = self.clock?;
        let modified = self.file_times.get(&s.id).copied();
        Some(Dated::new(Some(s.started_at), modified, now))
    }

    /// Saved interviews dated longer ago than the retention, newest first;
    /// none when no retention is set. Computed from what the background
    /// listing has brought so far.
    pub fn older_than_retention(&self) -> impl Iterator<Item = &SessionSummary> {
        let cutoff = self.cutoff.map(|c| c.to_utc());
        self.saved
            .iter()
            .filter(move |s| cutoff.is_some_and(|c| self.dated(s).is_some_and(|d| d.is_before(c))))
    }

    /// How many saved interviews have a suspect start date and are not
    /// older than the retention by their file's time (or have none to go
    /// by): what the question says it leaves out.
    fn suspect_left_out(&self) -> usize {
        let Some(cutoff) = self.cutoff.map(|c| c.to_utc()) else {
            return 0;
        };
        self.saved
            .iter()
            .filter_map(|s| self.dated(s))
            .filter(|d| d.is_suspect() && !d.is_before(cutoff))
            .count()
    }

    /// How keys are read.
    pub fn mode(&self) -> Mode {
        if self.asking.is_some() {
            return Mode::ConfirmDelete;
        }
        match self.focus {
            Field::Resume(_) => Mode::Launcher(LauncherMode::Resume),
            Field::Bank => Mode::Launcher(LauncherMode::Bank),
            Field::Start => Mode::Launcher(LauncherMode::Start),
            _ => Mode::Launcher(LauncherMode::Field),
        }
    }

    /// The banks offered.
    pub fn banks(&self) -> &[LoadedBank] {
        &self.banks
    }

    fn load_variables(&mut self) {
        for v in &self.variables {
            if !v.value.is_empty() && v.value != v.prefilled {
                self.remembered.insert(v.name.clone(), v.value.clone());
            }
        }
        let Some(bank) = self.banks.get(self.bank) else {
            self.variables.clear();
            return;
        };
        let last = self.last_used.get(&bank.key);
        self.variables = bank
            .bank
            .variables
            .iter()
            .map(|v| {
                let prefilled = last
                    .and_then(|l| l.get(&v.name))
                    .or_else(|| self.defaults.get(&v.name))
                    .cloned()
                    .unwrap_or_default();
                let value = self
                    .remembered
                    .get(&v.name)
                    .cloned()
                    .unwrap_or_else(|| prefilled.clone());
                VariableField {
                    name: v.name.clone(),
                    prompt: v.prompt.clone(),
                    default: v.default.clone(),
                    value,
                    prefilled,
                }
            })
            .collect();
    }

    /// The fields in focus order.
    fn fields(&self) -> Vec<Field> {
        let mut fields: Vec<Field> = (0..self.resumable.len().min(3))
            .map(Field::Resume)
            .collect();
        fields.extend([
            Field::Candidate,
            Field::Role,
            Field::Interviewer,
            Field::Bank,
        ]);
        fields.extend((0..self.variables.len()).map(Field::Variable));
        // The prep last: typing Enter through the form as before skips it.
        fields.extend([Field::Minutes, Field::Prep, Field::Start]);
        fields
    }

    fn text_mut(&mut self, field: Field) -> Option<&mut String> {
        match field {
            Field::Candidate => Some(&mut self.candidate),
            Field::Role => Some(&mut self.role),
            Field::Prep => Some(&mut self.prep),
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
    fn setup(&self) -> Result<Setup, (Field, String)> {
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
            prep: None,
        })
    }

    /// The prep file's path, when one was typed: `~/` is the home folder.
    fn prep_path(&self) -> Option<PathBuf> {
        let typed = self.prep.trim();
        if typed.is_empty() {
            return None;
        }
        let home = std::env::var_os("HOME").filter(|h| !h.is_empty());
        Some(match (typed.strip_prefix("~/"), home) {
            (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
            _ => PathBuf::from(typed),
        })
    }

    fn try_start(&mut self) -> LauncherOutcome {
        if self.banks.is_empty() {
            self.error = Some("No bank could be loaded; run `phonescreen bank list`".into());
            return LauncherOutcome::Nothing;
        }
        match self.setup() {
            Ok(setup) => LauncherOutcome::Start(self.bank, setup, self.prep_path()),
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

    /// Types into the focused field; on an interrupted interview, typing
    /// means a new interview, so the text goes to the candidate's name.
    fn type_text(&mut self, text: &str) {
        if matches!(self.focus, Field::Resume(_)) {
            self.focus = Field::Candidate;
        }
        if let Some(field) = self.text_mut(self.focus) {
            field.push_str(text);
            self.error = None;
        }
    }

    /// Takes in saved interviews read in the background.
    fn listed(&mut self, items: Vec<ListedItem>) {
        for item in items {
            match item {
                ListedItem::Session {
                    summary,
                    resumable,
                    modified,
                } => {
                    if let Some(modified) = modified {
                        self.file_times.insert(summary.id.clone(), modified);
                    }
                    if resumable {
                        self.resumable.push((*summary).clone());
                    }
                    self.saved.push(*summary);
                }
                ListedItem::Problem(path, why) => {
                    self.saved_problems
                        .push(format!("{}: {why}", path.display()));
                }
            }
        }
        crate::store::sort_newest_first(&mut self.resumable);
        if !self.touched && !self.resumable.is_empty() && self.candidate.is_empty() {
            // An interrupted interview is the likeliest thing to want.
            self.focus = Field::Resume(0);
        }
    }

    /// Takes the interviews `ids` off the lists: they were deleted.
    pub fn forget(&mut self, ids: &[String]) {
        // A purge may name thousands.
        let gone: std::collections::HashSet<&str> = ids.iter().map(String::as_str).collect();
        self.saved.retain(|s| !gone.contains(s.id.as_str()));
        self.file_times.retain(|id, _| !gone.contains(id.as_str()));
        self.resumable.retain(|s| !gone.contains(s.id.as_str()));
        if let Field::Resume(i) = self.focus
            && i >= self.resumable.len().min(3)
        {
            self.focus = if self.resumable.is_empty() {
                Field::Candidate
            } else {
                Field::Resume(0)
            };
        }
    }

    /// Offers to delete the interviews older than the retention: the
    /// question lists them; or says why there is nothing to offer.
    fn ask_purge(&mut self) {
        let Some(retention) = self.retention else {
            self.error = Some(
                "No retention is set: add `retention: 180d` to config.yaml (or delete one interview on the review screen: Ctrl+F, then Ctrl+D)"
                    .to_string(),
            );
            return;
        };
        let age = crate::cli::format_age(retention);
        if self.purging.is_some() {
            self.error = Some("Old interviews are being deleted already".to_string());
            return;
        }
        if !self.listed {
            self.error = Some(
                "The saved interviews are still being read: press Ctrl+D again in a moment".into(),
            );
            return;
        }
        let mut old: Vec<(SessionSummary, Dated)> = self
            .older_than_retention()
            .filter_map(|s| Some((s.clone(), self.dated(s)?)))
            .collect();
        let Some(cutoff) = self.cutoff.filter(|_| !old.is_empty()) else {
            self.error = Some(format!(
                "No saved interview is older than your retention ({age})"
            ));
            return;
        };
        // Oldest first, by what dates each.
        old.sort_by_key(|(_, d)| d.at());
        self.asking = Some(PurgeAsk {
            old,
            cutoff,
            left_out: self.suspect_left_out(),
            confirm: Confirm::default(),
        });
    }

    /// Takes the answer to "delete the old interviews?" (see
    /// [`crate::tui::screens::delete`] for why `y`, then Enter).
    fn answer_purge(&mut self, action: &Command) -> LauncherOutcome {
        let Some(ask) = self.asking.as_mut() else {
            return LauncherOutcome::Nothing;
        };
        match ask.confirm.answer(action) {
            Answer::Wait => LauncherOutcome::Nothing,
            Answer::Quit => LauncherOutcome::Quit,
            Answer::Keep => {
                self.asking = None;
                self.notice = Some(Notice {
                    text: "Nothing was deleted".to_string(),
                    trouble: false,
                });
                LauncherOutcome::Nothing
            }
            Answer::Delete => {
                let Some(ask) = self.asking.take() else {
                    return LauncherOutcome::Nothing;
                };
                let doomed: Vec<Doomed> = ask
                    .old
                    .iter()
                    .map(|(s, _)| Doomed {
                        id: s.id.clone(),
                        what: format!("the interview of {}", s.candidate),
                    })
                    .collect();
                self.purging = Some(doomed.len());
                self.notice = None;
                LauncherOutcome::Purge(doomed)
            }
        }
    }

    /// Takes in what a purge did.
    fn purged(&mut self, done: Deleted) {
        self.purging = None;
        self.forget(&done.ids);
        self.notice = Some(Notice {
            text: done.message(),
            trouble: !done.kept.is_empty() || done.index_problem.is_some(),
        });
    }

    /// The clock at `now`: what is older than the retention moves with it.
    fn clock_at(&mut self, now: Now) {
        self.cutoff = self.retention.and_then(|age| {
            let age = chrono::Duration::from_std(age).ok()?;
            now.wall.checked_sub_signed(age)
        });
        self.clock = Some(now.wall.to_utc());
    }

    /// Takes in what happened at `now`: saved interviews listed, a purge
    /// done, the clock. Nothing the interviewer is doing changes.
    pub fn on_event(&mut self, event: Event, now: Now) {
        self.clock_at(now);
        match event {
            Event::Listed(items) => self.listed(items),
            Event::ListingDone => self.listed = true,
            Event::Purged(done) => self.purged(done),
            // Deleted from the review screen, after it was left.
            Event::Deleted(done) => self.forget(&done.ids),
            _ => {}
        }
    }

    /// Carries out one command at `now`.
    pub fn update(&mut self, action: Command, now: Now) -> LauncherOutcome {
        self.clock_at(now);
        if self.asking.is_some() {
            return self.answer_purge(&action);
        }
        let armed = std::mem::take(&mut self.quit_armed);
        self.touched = true;
        self.notice = None;
        match action {
            Command::Delete => self.ask_purge(),
            Command::Back => {
                let filled = !(self.candidate.is_empty() && self.role.is_empty());
                if filled && !armed {
                    self.quit_armed = true;
                    self.error = Some("Press Esc again to quit without starting".to_string());
                    return LauncherOutcome::Nothing;
                }
                return LauncherOutcome::Quit;
            }
            Command::Quit => return LauncherOutcome::Quit,
            Command::OpenReview => return LauncherOutcome::Review,
            Command::Start => return self.try_start(),
            Command::NextField => self.move_focus(true),
            Command::PreviousField => self.move_focus(false),
            Command::NextChoice | Command::PreviousChoice => {
                let n = self.banks.len().max(1);
                self.bank = if action == Command::PreviousChoice {
                    (self.bank + n - 1) % n
                } else {
                    (self.bank + 1) % n
                };
                self.load_variables();
            }
            Command::ResumeSelected => {
                if let Field::Resume(i) = self.focus
                    && let Some(s) = self.resumable.get(i)
                {
                    return LauncherOutcome::Resume(s.path.clone());
                }
            }
            Command::ClearField => {
                if let Some(text) = self.text_mut(self.focus) {
                    text.clear();
                }
            }
            // Text typed arrives as Insert (see `App::apply`).
            Command::Edit(key) if key.code == KeyCode::Backspace => {
                if let Some(text) = self.text_mut(self.focus) {
                    text.pop();
                }
            }
            // A field holds one line: the first line of a paste.
            Command::Insert(text) => {
                self.type_text(text.lines().next().unwrap_or_default());
            }
            _ => {}
        }
        LauncherOutcome::Nothing
    }

    /// Shows a problem (a resume that failed).
    pub fn set_error(&mut self, error: String) {
        self.error = Some(error);
    }

    /// Draws the launcher.
    pub fn draw(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        view::draw(self, frame, area, theme);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interview::Status;

    fn launcher(setup: &Setup) -> Launcher {
        let bank = crate::bank::builtin().unwrap();
        Launcher::new(vec![bank], Vec::new(), 0, setup)
    }

    fn typ(l: &mut Launcher, text: &str) {
        // Key by key, as `App::apply` hands typed characters over.
        for c in text.chars() {
            l.update(Command::Insert(c.to_string()), now());
        }
    }

    fn now() -> Now {
        Now {
            instant: std::time::Instant::now(),
            wall: DateTime::parse_from_rfc3339("2026-11-21T10:00:00+01:00").unwrap(),
        }
    }

    #[test]
    fn start_needs_candidate_and_role() {
        let mut l = launcher(&Setup::default());
        assert_eq!(l.focus, Field::Candidate);
        assert_eq!(l.update(Command::Start, now()), LauncherOutcome::Nothing);
        assert!(l.error.is_some());
        typ(&mut l, "Ada");
        l.update(Command::NextField, now());
        typ(&mut l, "Backend");
        match l.update(Command::Start, now()) {
            LauncherOutcome::Start(0, setup, None) => {
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
        assert_eq!(l.update(Command::Back, now()), LauncherOutcome::Nothing);
        assert!(l.error.is_some());
        assert_eq!(l.update(Command::Back, now()), LauncherOutcome::Quit);
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

    fn summary(candidate: &str, status: Status) -> ListedItem {
        let record = crate::store::testing::sample_record(3, 10);
        let mut s = SessionSummary::new(PathBuf::from(format!("/s/{candidate}.yaml")), &record);
        s.candidate = candidate.to_string();
        s.status = status;
        ListedItem::Session {
            summary: Box::new(s),
            resumable: status == Status::InProgress,
            modified: None,
        }
    }

    #[test]
    fn an_interrupted_interview_takes_the_focus_until_a_key_is_pressed() {
        let mut l = launcher(&Setup::default());
        l.on_event(
            Event::Listed(vec![
                summary("Done", Status::Completed),
                summary("Open", Status::InProgress),
            ]),
            now(),
        );
        assert_eq!(l.focus, Field::Resume(0));
        assert_eq!(l.mode(), Mode::Launcher(LauncherMode::Resume));
        assert_eq!(
            l.update(Command::ResumeSelected, now()),
            LauncherOutcome::Resume(PathBuf::from("/s/Open.yaml"))
        );
        // Typing on it starts a new interview with that text.
        typ(&mut l, "Grace");
        assert_eq!(l.focus, Field::Candidate);
        assert_eq!(l.candidate, "Grace");
        // Later arrivals leave the focus where the interviewer put it.
        l.on_event(
            Event::Listed(vec![summary("Late", Status::InProgress)]),
            now(),
        );
        assert_eq!(l.focus, Field::Candidate);
        assert_eq!(l.saved.len(), 3);
    }

    #[test]
    fn an_interview_grows_older_than_the_retention_as_the_clock_runs() {
        let at = |t: &str| Now {
            instant: std::time::Instant::now(),
            wall: DateTime::parse_from_rfc3339(t).unwrap(),
        };
        let mut l = launcher(&Setup::default())
            .with_retention(Some(std::time::Duration::from_secs(24 * 3600)));
        let ListedItem::Session { mut summary, .. } = summary("Ada", Status::Completed) else {
            unreachable!()
        };
        summary.started_at = DateTime::parse_from_rfc3339("2026-11-20T09:00:00+01:00").unwrap();
        let listed = ListedItem::Session {
            summary,
            resumable: false,
            modified: None,
        };
        l.on_event(Event::Listed(vec![listed]), at("2026-11-21T08:59:59+01:00"));
        l.on_event(Event::ListingDone, at("2026-11-21T08:59:59+01:00"));
        assert_eq!(l.older_than_retention().count(), 0);
        l.update(Command::Delete, at("2026-11-21T08:59:59+01:00"));
        assert_eq!(
            l.mode(),
            Mode::Launcher(LauncherMode::Field),
            "nothing to ask about"
        );
        assert!(
            l.error
                .as_deref()
                .unwrap()
                .contains("No saved interview is older")
        );
        // A day to the second after it started, in another time zone.
        l.on_event(Event::Tick, at("2026-11-21T08:00:00+00:00"));
        assert_eq!(l.older_than_retention().count(), 1);
        l.update(Command::Delete, at("2026-11-21T08:00:00+00:00"));
        assert_eq!(l.mode(), Mode::ConfirmDelete);
        // The clock neither answers nor closes the question.
        l.on_event(Event::Tick, at("2026-11-21T08:00:01+00:00"));
        assert_eq!(l.mode(), Mode::ConfirmDelete);
        l.update(Command::Insert("y".into()), now());
        match l.update(Command::Insert("\n".into()), now()) {
            LauncherOutcome::Purge(doomed) => {
                assert_eq!(doomed.len(), 1);
                assert_eq!(doomed[0].what, "the interview of Ada");
            }
            other => panic!("{other:?}"),
        }
    }
}
