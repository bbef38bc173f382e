//! What `compare` and `report` need of one interview: everything but the
//! notes, the summary and the prep. The archive index keeps these beside
//! each interview, so reporting on many interviews parses no file; repeated
//! texts are [`Shared`] through an [`Interner`].

use std::collections::HashSet;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::interview::record::{QuestionState, Recommendation, Record, Status};

/// A text many interviews share, held once (see [`Interner`]).
pub(crate) type Shared = Arc<str>;

/// One interview, as compare and report see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Facts {
    /// Candidate's name.
    pub(crate) candidate: String,
    /// When the call started.
    pub(crate) started_at: DateTime<FixedOffset>,
    /// Waiting, in progress, completed or a no-show.
    pub(crate) status: Status,
    /// The recommendation, once made.
    pub(crate) recommendation: Option<Recommendation>,
    /// The bank it was run on.
    pub(crate) bank: BankFacts,
    /// The rating labels, worst first.
    pub(crate) rating_scale: Vec<Shared>,
    /// Sections and their questions, in order.
    pub(crate) sections: Vec<SectionFacts>,
}

/// Which bank, and which version of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct BankFacts {
    /// The bank's `name:`.
    pub(crate) name: Shared,
    /// The short name used with `--bank`.
    pub(crate) key: Shared,
    /// SHA-256 of the bank file's bytes.
    pub(crate) hash: Shared,
}

/// One section: its plan and the time it took.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct SectionFacts {
    /// The bank's section id.
    pub(crate) id: Shared,
    /// The planned budget in seconds.
    pub(crate) planned_seconds: u64,
    /// Active time spent in it.
    pub(crate) spent_seconds: u64,
    /// Its questions, in order.
    pub(crate) questions: Vec<QuestionFacts>,
}

/// One question as it went: never its notes, only whether there are any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct QuestionFacts {
    /// The bank's question id.
    pub(crate) id: Shared,
    /// The question as asked (variables filled in).
    pub(crate) ask: Shared,
    /// Asked, skipped or not reached.
    pub(crate) state: QuestionState,
    /// The rating given, if any.
    pub(crate) rating: Option<Shared>,
    /// Whether its notes hold anything but blanks.
    pub(crate) has_notes: bool,
}

impl Facts {
    /// The facts of a whole interview.
    pub(crate) fn of(record: &Record) -> Self {
        Facts {
            candidate: record.candidate.clone(),
            started_at: record.started_at,
            status: record.status,
            recommendation: record.recommendation,
            bank: BankFacts {
                name: record.bank.name.as_str().into(),
                key: record.bank.key.as_str().into(),
                hash: record.bank.hash.as_str().into(),
            },
            rating_scale: record
                .rating_scale
                .iter()
                .map(|l| l.as_str().into())
                .collect(),
            sections: record
                .sections
                .iter()
                .map(|s| SectionFacts {
                    id: s.id.as_str().into(),
                    planned_seconds: s.planned_seconds,
                    spent_seconds: s.spent_seconds,
                    questions: s
                        .questions
                        .iter()
                        .map(|q| QuestionFacts {
                            id: q.id.as_str().into(),
                            ask: q.ask.as_str().into(),
                            state: q.state,
                            rating: q.rating.as_deref().map(Shared::from),
                            has_notes: !q.notes.trim().is_empty(),
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

/// Makes the texts facts share point to one copy of each.
#[derive(Debug, Default)]
pub(crate) struct Interner {
    seen: HashSet<Shared>,
}

impl Interner {
    /// `facts` with each of its shared texts replaced by the copy already
    /// seen, if any: the one read with it is let go.
    pub(crate) fn intern(&mut self, mut facts: Facts) -> Facts {
        let bank = &mut facts.bank;
        for text in [&mut bank.name, &mut bank.key, &mut bank.hash] {
            self.one(text);
        }
        facts.rating_scale.iter_mut().for_each(|l| self.one(l));
        for section in &mut facts.sections {
            self.one(&mut section.id);
            for q in &mut section.questions {
                self.one(&mut q.id);
                self.one(&mut q.ask);
                if let Some(rating) = &mut q.rating {
                    self.one(rating);
                }
            }
        }
        facts
    }

    fn one(&mut self, text: &mut Shared) {
        match self.seen.get(&**text) {
            Some(kept) => *text = Arc::clone(kept),
            None => {
                self.seen.insert(Arc::clone(text));
            }
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

    #[test]
    fn what_interviews_share_is_held_once() {
        let mut interner = Interner::default();
        let a = interner.intern(Facts::of(&sample_record(3, 0)));
        let b = interner.intern(Facts::of(&sample_record(3, 0)));
        assert_eq!(a, b);
        let (qa, qb) = (&a.sections[0].questions[0], &b.sections[0].questions[0]);
        assert!(Arc::ptr_eq(&qa.ask, &qb.ask));
        assert!(Arc::ptr_eq(&a.bank.hash, &b.bank.hash));
    }
}
