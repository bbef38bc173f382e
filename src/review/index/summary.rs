//! What an index entry keeps of an interview besides its stamps: what the
//! review list shows ([`Summary`]) and what its filter searches (the
//! searchable text).

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::interview::record::{QuestionState, Recommendation, Record, Status};
use crate::store;

/// What the review list shows of one interview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Summary {
    /// Candidate's name.
    pub(crate) candidate: String,
    /// Role interviewed for.
    pub(crate) role: String,
    /// The bank's name.
    pub(crate) bank: String,
    /// The bank's key.
    pub(crate) bank_key: String,
    /// The bank's saved SHA-256.
    pub(crate) bank_hash: String,
    /// Interviewer's name.
    pub(crate) interviewer: String,
    /// When it started.
    pub(crate) started_at: DateTime<FixedOffset>,
    /// When it was last saved.
    pub(crate) updated_at: DateTime<FixedOffset>,
    /// In progress or completed.
    pub(crate) status: Status,
    /// The recommendation, once made.
    pub(crate) recommendation: Option<Recommendation>,
    /// When it was last amended after the call, if it was.
    #[serde(default)]
    pub(crate) amended_at: Option<DateTime<FixedOffset>>,
    /// Active interview time.
    pub(crate) elapsed_seconds: u64,
    /// Questions in all.
    pub(crate) question_count: usize,
    /// Questions asked.
    pub(crate) asked_count: usize,
}

impl Summary {
    pub(super) fn of(record: &Record) -> Self {
        let questions = || record.sections.iter().flat_map(|s| &s.questions);
        Summary {
            candidate: record.candidate.clone(),
            role: record.role.clone(),
            bank: record.bank.name.clone(),
            bank_key: record.bank.key.clone(),
            bank_hash: record.bank.hash.clone(),
            interviewer: record.interviewer.clone(),
            started_at: record.started_at,
            updated_at: record.updated_at,
            status: record.status,
            recommendation: record.recommendation,
            amended_at: record.amended_at,
            elapsed_seconds: record.elapsed_seconds,
            question_count: questions().count(),
            asked_count: questions()
                .filter(|q| q.state == QuestionState::Asked)
                .count(),
        }
    }
}

impl Summary {
    /// As `sessions list` and the launcher list it.
    pub(crate) fn session(self, id: String, path: PathBuf) -> store::SessionSummary {
        store::SessionSummary {
            id,
            path,
            candidate: self.candidate,
            role: self.role,
            interviewer: self.interviewer,
            bank: self.bank,
            started_at: self.started_at,
            updated_at: self.updated_at,
            status: self.status,
            recommendation: self.recommendation,
            elapsed_seconds: self.elapsed_seconds,
            question_count: Some(self.question_count),
            asked_count: Some(self.asked_count),
        }
    }
}

/// Lines of [`searchable_text`] that the list shows in columns anyway.
pub(super) const HEADER_LINES: usize = 5;

/// The text a filter looks in, one field per line: the [`HEADER_LINES`]
/// always (candidate, role, bank, bank key, interviewer), then the summary,
/// the scratch note and each question's notes when not blank.
pub(super) fn searchable_text(record: &Record) -> String {
    let mut text = String::new();
    for (i, field) in [
        &record.candidate,
        &record.role,
        &record.bank.name,
        &record.bank.key,
        &record.interviewer,
        &record.summary,
        &record.scratch,
    ]
    .into_iter()
    .chain(
        record
            .sections
            .iter()
            .flat_map(|s| s.questions.iter().map(|q| &q.notes)),
    )
    .enumerate()
    {
        if i < HEADER_LINES || !field.trim().is_empty() {
            // A line break inside a field stays (notes have them); a header
            // field is one line so the header's end can be found.
            if i < HEADER_LINES {
                text.push_str(&field.replace('\n', " "));
            } else {
                text.push_str(field);
            }
            text.push('\n');
        }
    }
    text
}
