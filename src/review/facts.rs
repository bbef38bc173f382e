//! What `compare` and `report` need of one interview: everything but the
//! notes, the summary and the prep.
//!
//! The archive index keeps these facts beside each interview's searchable
//! text, so that comparing or reporting on ten thousand interviews reads a
//! few hundred bytes each instead of parsing every file. The field names
//! follow [`Record`]'s, so code written for one reads the same for the
//! other.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::interview::record::{QuestionState, Recommendation, Record, Status};

/// One interview, as compare and report see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facts {
    /// Candidate's name.
    pub candidate: String,
    /// When the call started.
    pub started_at: DateTime<FixedOffset>,
    /// Waiting, in progress, completed or a no-show.
    pub status: Status,
    /// The recommendation, once made.
    pub recommendation: Option<Recommendation>,
    /// The bank it was run on.
    pub bank: BankFacts,
    /// The rating labels, worst first.
    pub rating_scale: Vec<String>,
    /// Sections and their questions, in order.
    pub sections: Vec<SectionFacts>,
}

/// Which bank, and which version of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankFacts {
    /// The bank's `name:`.
    pub name: String,
    /// The short name used with `--bank`.
    pub key: String,
    /// SHA-256 of the bank file's bytes.
    pub hash: String,
}

/// One section: its plan and the time it took.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionFacts {
    /// The bank's section id.
    pub id: String,
    /// The planned budget in seconds.
    pub planned_seconds: u64,
    /// Active time spent in it.
    pub spent_seconds: u64,
    /// Its questions, in order.
    pub questions: Vec<QuestionFacts>,
}

/// One question as it went: never its notes, only whether there are any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionFacts {
    /// The bank's question id.
    pub id: String,
    /// The question as asked (variables filled in).
    pub ask: String,
    /// Asked, skipped or not reached.
    pub state: QuestionState,
    /// The rating given, if any.
    pub rating: Option<String>,
    /// Whether its notes hold anything but blanks.
    pub has_notes: bool,
}

impl Facts {
    /// The facts of a whole interview.
    pub fn of(record: &Record) -> Self {
        Facts {
            candidate: record.candidate.clone(),
            started_at: record.started_at,
            status: record.status,
            recommendation: record.recommendation,
            bank: BankFacts {
                name: record.bank.name.clone(),
                key: record.bank.key.clone(),
                hash: record.bank.hash.clone(),
            },
            rating_scale: record.rating_scale.clone(),
            sections: record
                .sections
                .iter()
                .map(|s| SectionFacts {
                    id: s.id.clone(),
                    planned_seconds: s.planned_seconds,
                    spent_seconds: s.spent_seconds,
                    questions: s
                        .questions
                        .iter()
                        .map(|q| QuestionFacts {
                            id: q.id.clone(),
                            ask: q.ask.clone(),
                            state: q.state,
                            rating: q.rating.clone(),
                            has_notes: !q.notes.trim().is_empty(),
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testing::sample_record;

    #[test]
    fn keeps_whether_there_are_notes_never_the_notes() {
        let mut record = sample_record(3, 0);
        record.question_mut(0).unwrap().notes = "secret: hire".into();
        record.question_mut(1).unwrap().notes = " \n\t".into();
        let facts = Facts::of(&record);
        let questions: Vec<bool> = facts
            .sections
            .iter()
            .flat_map(|s| &s.questions)
            .map(|q| q.has_notes)
            .collect();
        assert_eq!(questions, [true, false, false]);
        let json = serde_json::to_string(&facts).unwrap();
        assert!(!json.contains("secret"), "{json}");
        let back: Facts = serde_json::from_str(&json).unwrap();
        assert_eq!(back, facts);
    }
}
