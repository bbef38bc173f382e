//! The saved interview: everything the interviewer captured, in a form that is
//! written to disk as human-readable YAML and read back on resume and review.
//!
//! Question text is stored as it was asked (variables filled in), so later
//! edits to the bank never rewrite history; the bank's hash says which version
//! was used.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// Version of the saved-interview format; bumped on incompatible changes.
///
/// 2 added the waiting state and the no-show (`status: waiting`,
/// `status: no_show`), `opened_at` and `prep`: a phonescreen that knows
/// only format 1 says to upgrade instead of calling such a file damaged.
pub const FORMAT_VERSION: u32 = 2;

/// Where the interview stands: waiting for the candidate, the call under
/// way, finished, or the candidate never came.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Opened and waiting for the candidate: the call has not started and
    /// the timer does not run.
    Waiting,
    /// The call started and was not finished (running, paused, or interrupted).
    InProgress,
    /// Finished on the finish screen.
    Completed,
    /// The candidate did not come, or the call never got going: recorded,
    /// never resumable as a call, and left out of the report's time figures.
    NoShow,
}

impl Status {
    /// The word saved in files and used by scripts (`in_progress`, `no_show`).
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Status::Waiting => "waiting",
            Status::InProgress => "in_progress",
            Status::Completed => "completed",
            Status::NoShow => "no_show",
        }
    }

    /// The words shown to people (`in progress`, `no-show`).
    pub(crate) fn label(self) -> &'static str {
        match self {
            Status::Waiting => "waiting",
            Status::InProgress => "in progress",
            Status::Completed => "completed",
            Status::NoShow => "no-show",
        }
    }

    /// Whether the interview can still be carried on (resumed): waiting or
    /// in progress.
    pub(crate) fn is_open(self) -> bool {
        matches!(self, Status::Waiting | Status::InProgress)
    }
}

/// The interviewer's overall call at the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Recommendation {
    /// Do not hire, with conviction.
    #[serde(rename = "Strong no")]
    StrongNo,
    /// Do not hire.
    #[serde(rename = "No")]
    No,
    /// Hire.
    #[serde(rename = "Yes")]
    Yes,
    /// Hire, with conviction.
    #[serde(rename = "Strong yes")]
    StrongYes,
    /// Not enough to decide.
    #[serde(rename = "No decision")]
    NoDecision,
}

impl Recommendation {
    /// All choices, in the order the finish screen offers them.
    pub const ALL: [Recommendation; 5] = [
        Recommendation::StrongNo,
        Recommendation::No,
        Recommendation::Yes,
        Recommendation::StrongYes,
        Recommendation::NoDecision,
    ];

    /// The label shown and saved.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Recommendation::StrongNo => "Strong no",
            Recommendation::No => "No",
            Recommendation::Yes => "Yes",
            Recommendation::StrongYes => "Strong yes",
            Recommendation::NoDecision => "No decision",
        }
    }
}

/// Where a question stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionState {
    /// Not asked yet.
    #[default]
    NotReached,
    /// Asked: notes or a rating were entered, or it was marked asked.
    Asked,
    /// Deliberately skipped.
    Skipped,
}

impl QuestionState {
    /// The word shown beside the colour, so the state reads without colour.
    pub fn label(self) -> &'static str {
        match self {
            QuestionState::NotReached => "not reached",
            QuestionState::Asked => "asked",
            QuestionState::Skipped => "skipped",
        }
    }
}

/// Which bank the interview used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankRef {
    /// The bank's `name:`.
    pub name: String,
    /// The short name used with `--bank`.
    pub key: String,
    /// `built-in` or the file path.
    pub source: String,
    /// SHA-256 of the bank file's bytes.
    pub hash: String,
    /// The bank's advice for before the call (its `description`), shown
    /// while waiting for the candidate; absent when the bank has none, and
    /// in files from before the waiting state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// One pause of the interview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pause {
    /// When the pause began (wall clock).
    pub started_at: DateTime<FixedOffset>,
    /// How long it lasted, in seconds; grows while the pause is open.
    pub seconds: u64,
    /// Why the pause happened, when phonescreen rather than the interviewer paused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// One question as it was asked, and what the interviewer recorded for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionRecord {
    /// The bank's question id.
    pub id: String,
    /// The question text as asked, variables filled in.
    pub ask: String,
    /// The guidance as shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub listen_for: Option<String>,
    /// Follow-ups as shown.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub follow_ups: Vec<String>,
    /// Tags from the bank.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Whether the bank marks it required.
    #[serde(default)]
    pub required: bool,
    /// Not reached, asked or skipped.
    #[serde(default)]
    pub state: QuestionState,
    /// The rating label chosen, if any.
    #[serde(default)]
    pub rating: Option<String>,
    /// Interview time (active seconds) when the first character of notes was typed.
    #[serde(default)]
    pub first_note_seconds: Option<u64>,
    /// The notes, exactly as typed.
    #[serde(default)]
    pub notes: String,
}

/// A section as it was run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionRecord {
    /// The bank's section id.
    pub id: String,
    /// Title as shown.
    pub title: String,
    /// The planned budget in seconds, scaled to the interview length.
    pub planned_seconds: u64,
    /// Active time spent with this section's questions on screen.
    pub spent_seconds: u64,
    /// The questions, in order.
    pub questions: Vec<QuestionRecord>,
}

/// The candidate's prep, as the interviewer gave it (`--prep FILE`): resume
/// notes, the job description. Its text is kept in the interview, so it
/// goes with it when the interview is deleted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prep {
    /// The file's name as given (for the title; the file may move later).
    pub file: String,
    /// The text, as read.
    pub text: String,
}

/// A whole interview, as saved in `DATA_DIR/sessions/<id>.yaml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// [`FORMAT_VERSION`] when written.
    pub format: u32,
    /// In progress or completed.
    pub status: Status,
    /// Candidate's name.
    pub candidate: String,
    /// Role interviewed for.
    pub role: String,
    /// Interviewer's name.
    #[serde(default)]
    pub interviewer: String,
    /// Bank used.
    pub bank: BankRef,
    /// Variable values used to fill in the questions.
    #[serde(default)]
    pub variables: BTreeMap<String, String>,
    /// Rating labels available, worst first.
    pub rating_scale: Vec<String>,
    /// Planned length in minutes.
    pub planned_minutes: u32,
    /// When the call started (while waiting, when it was opened).
    pub started_at: DateTime<FixedOffset>,
    /// When phonescreen opened the interview, waiting for the candidate;
    /// absent in files from before the waiting state. It never changes,
    /// so the crash journal tells this interview's entries by it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opened_at: Option<DateTime<FixedOffset>>,
    /// When it was last saved.
    pub updated_at: DateTime<FixedOffset>,
    /// How many changes the file holds; it grows with every save and tells
    /// which entries of the crash journal are newer than the file.
    #[serde(default)]
    pub revision: u64,
    /// When it was finished.
    #[serde(default)]
    pub ended_at: Option<DateTime<FixedOffset>>,
    /// When notes, ratings, the recommendation or the summary were last
    /// changed after the interview was finished (review). The interview's
    /// own times stay as they were.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amended_at: Option<DateTime<FixedOffset>>,
    /// Active interview time so far (pauses excluded), in seconds.
    pub elapsed_seconds: u64,
    /// Total paused time, in seconds.
    #[serde(default)]
    pub paused_seconds: u64,
    /// Whether the timer was paused when this was saved.
    #[serde(default)]
    pub paused: bool,
    /// Every pause.
    #[serde(default)]
    pub pauses: Vec<Pause>,
    /// Index (across all sections) of the question on screen.
    #[serde(default)]
    pub current_question: usize,
    /// Overall recommendation, set on finish. Written before the sections,
    /// so a listing can read it without reading the notes.
    #[serde(default)]
    pub recommendation: Option<Recommendation>,
    /// Sections and their questions.
    pub sections: Vec<SectionRecord>,
    /// Notes not tied to any question.
    #[serde(default)]
    pub scratch: String,
    /// Short summary, set on finish.
    #[serde(default)]
    pub summary: String,
    /// The candidate's prep (resume notes, the job description), shown
    /// read-only; last in the file, since it may be long.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prep: Option<Prep>,
}

impl Record {
    /// When the interview was opened: [`Record::opened_at`], or the start
    /// for files from before the waiting state.
    pub(crate) fn opened(&self) -> DateTime<FixedOffset> {
        self.opened_at.unwrap_or(self.started_at)
    }

    /// The key that gives `label` on this interview's scale (1-based), or
    /// 0 for a label the scale does not have (a file edited by hand).
    pub(crate) fn rating_number(&self, label: &str) -> usize {
        self.rating_scale
            .iter()
            .position(|l| l == label)
            .map_or(0, |i| i + 1)
    }

    /// Number of questions in all sections.
    pub fn question_count(&self) -> usize {
        self.sections.iter().map(|s| s.questions.len()).sum()
    }

    /// The question at a flat index, with its section index.
    pub fn question(&self, index: usize) -> Option<(usize, &QuestionRecord)> {
        let mut rest = index;
        for (si, section) in self.sections.iter().enumerate() {
            if rest < section.questions.len() {
                return Some((si, &section.questions[rest]));
            }
            rest -= section.questions.len();
        }
        None
    }

    /// Mutable access to the question at a flat index.
    pub fn question_mut(&mut self, index: usize) -> Option<&mut QuestionRecord> {
        let mut rest = index;
        for section in &mut self.sections {
            if rest < section.questions.len() {
                return section.questions.get_mut(rest);
            }
            rest -= section.questions.len();
        }
        None
    }

    /// Flat index of the first question of a section.
    pub(crate) fn section_start(&self, section: usize) -> usize {
        self.sections[..section.min(self.sections.len())]
            .iter()
            .map(|s| s.questions.len())
            .sum()
    }

    /// Required questions that were not asked, as `(section title, question)`.
    pub(crate) fn unasked_required(&self) -> Vec<(&str, &QuestionRecord)> {
        self.sections
            .iter()
            .flat_map(|s| s.questions.iter().map(move |q| (s.title.as_str(), q)))
            .filter(|(_, q)| q.required && q.state != QuestionState::Asked)
            .collect()
    }
}
