//! Amending a finished interview after the call: its notes, ratings,
//! recommendation and summary can be corrected. The interview's own times —
//! start, end, active and paused time, time per section, pauses, first-note
//! times, `updated_at` — are the record of the call and never change; the
//! file says when it was amended (`amended_at`).
//!
//! An amendment is what changed, field by field, not a whole record: it is
//! applied to the file as it is on disk at the moment of saving, under the
//! interview's lock, so nothing else in the file is overwritten with an
//! older copy.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Deserializer, Serialize};

use crate::interview::limits;
use crate::interview::record::{QuestionState, Recommendation, Record, Status};
use crate::store::{self, LoadError, SaveError, SessionLock};

/// What changed in one question.
///
/// In JSON (the amendment draft, see [`super::draft`]) a field that did not
/// change is left out, and a rating cleared is `"rating": null`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct QuestionChange {
    /// The question's id, to make sure it is still the same question.
    pub(crate) id: String,
    /// New notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) notes: Option<String>,
    /// A new rating (`Some(None)` clears it).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub(crate) rating: Option<Option<String>>,
}

/// A field that is there, even as `null`, is a change: `Some(None)`.
fn present<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}

/// Changes to a finished interview.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Amendment {
    /// By flat question index.
    #[serde(default)]
    pub(crate) questions: BTreeMap<usize, QuestionChange>,
    /// A new recommendation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) recommendation: Option<Recommendation>,
    /// A new summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) summary: Option<String>,
}

/// Why an amendment could not be saved.
#[derive(Debug, thiserror::Error)]
pub enum AmendError {
    /// Only finished interviews are amended; one in progress is resumed.
    #[error("the interview is still in progress: resume it to change it")]
    InProgress,
    /// The file no longer holds the question the change was made to.
    #[error(
        "the interview file changed since it was opened (question {index} is no longer `{id}`); nothing was written — open it again"
    )]
    Changed {
        /// The flat question index.
        index: usize,
        /// The id the change was made to.
        id: String,
    },
    /// A rating that is not on the interview's scale.
    #[error("`{0}` is not a rating of this interview's scale")]
    NoSuchRating(String),
    /// More typed text than an interview keeps (see `interview::limits`).
    #[error(
        "the notes and summary would come to {} bytes, more than the {} an interview keeps; nothing was written",
        .0,
        limits::max_text_bytes()
    )]
    TooMuchText(usize),
    /// The lock given is not this interview's.
    #[error("the interview must be locked before it is amended")]
    NotLocked,
    /// The file could not be read.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The file could not be written.
    #[error(transparent)]
    Save(#[from] SaveError),
}

impl Amendment {
    /// What `edited` changes of `original`, a copy of the same interview.
    pub(crate) fn between(original: &Record, edited: &Record) -> Amendment {
        let mut amendment = Amendment::default();
        let before = original.sections.iter().flat_map(|s| &s.questions);
        let after = edited.sections.iter().flat_map(|s| &s.questions);
        for (index, (a, b)) in before.zip(after).enumerate() {
            let change = QuestionChange {
                id: a.id.clone(),
                notes: (a.notes != b.notes).then(|| b.notes.clone()),
                rating: (a.rating != b.rating).then(|| b.rating.clone()),
            };
            if change.notes.is_some() || change.rating.is_some() {
                amendment.questions.insert(index, change);
            }
        }
        if original.recommendation != edited.recommendation {
            amendment.recommendation = edited.recommendation;
        }
        if original.summary != edited.summary {
            amendment.summary = Some(edited.summary.clone());
        }
        amendment
    }

    /// Whether it changes nothing.
    pub(crate) fn is_empty(&self) -> bool {
        self.questions.is_empty() && self.recommendation.is_none() && self.summary.is_none()
    }

    /// Applies the changes to `record` and stamps `amended_at` with `at`;
    /// `record` is left as it was when any change does not fit it.
    ///
    /// Notes or a rating make a question not reached "asked", as during the
    /// call; a rating makes a skipped one asked too.
    pub(crate) fn apply(
        &self,
        record: &mut Record,
        at: DateTime<FixedOffset>,
    ) -> Result<(), AmendError> {
        self.check(record)?;
        for (&index, change) in &self.questions {
            let Some(q) = record.question_mut(index) else {
                continue;
            };
            if let Some(notes) = &change.notes {
                q.notes = notes.clone();
                if !notes.trim().is_empty() && q.state == QuestionState::NotReached {
                    q.state = QuestionState::Asked;
                }
            }
            if let Some(rating) = &change.rating {
                q.rating = rating.clone();
                if rating.is_some() {
                    q.state = QuestionState::Asked;
                }
            }
        }
        if let Some(recommendation) = self.recommendation {
            record.recommendation = Some(recommendation);
        }
        if let Some(summary) = &self.summary {
            record.summary = summary.clone();
        }
        record.amended_at = Some(at);
        // Newer than anything a crash journal beside it could hold.
        record.revision = record.revision.saturating_add(1);
        Ok(())
    }

    /// A copy of `record` with the changes in it as the amend screen holds
    /// them before saving: notes, ratings, recommendation and summary only —
    /// no question's state, no `amended_at`, the same `revision` — so that
    /// [`Amendment::between`] the two gives this amendment back. Refused
    /// for the same reasons as [`Amendment::apply`].
    pub(crate) fn edited(&self, record: &Record) -> Result<Record, AmendError> {
        self.check(record)?;
        let mut edited = record.clone();
        for (&index, change) in &self.questions {
            let Some(q) = edited.question_mut(index) else {
                continue;
            };
            if let Some(notes) = &change.notes {
                q.notes = notes.clone();
            }
            if let Some(rating) = &change.rating {
                q.rating = rating.clone();
            }
        }
        if let Some(recommendation) = self.recommendation {
            edited.recommendation = Some(recommendation);
        }
        if let Some(summary) = &self.summary {
            edited.summary = summary.clone();
        }
        Ok(edited)
    }

    /// Whether every change fits `record`: all or nothing.
    fn check(&self, record: &Record) -> Result<(), AmendError> {
        if record.status != Status::Completed {
            return Err(AmendError::InProgress);
        }
        // Check everything first: all or nothing.
        for (&index, change) in &self.questions {
            if record
                .question(index)
                .is_none_or(|(_, q)| q.id != change.id)
            {
                return Err(AmendError::Changed {
                    index,
                    id: change.id.clone(),
                });
            }
            if let Some(Some(rating)) = &change.rating
                && !record.rating_scale.contains(rating)
            {
                return Err(AmendError::NoSuchRating(rating.clone()));
            }
        }
        // Never more text than the file can be read back with; a file that
        // already holds more (written before the limit) may only shrink.
        let before = limits::typed_bytes(record);
        let mut after = before;
        for (&index, change) in &self.questions {
            if let (Some(notes), Some((_, q))) = (&change.notes, record.question(index)) {
                after = after - q.notes.len() + notes.len();
            }
        }
        if let Some(summary) = &self.summary {
            after = after - record.summary.len() + summary.len();
        }
        if after > limits::max_text_bytes() && after > before {
            return Err(AmendError::TooMuchText(after));
        }
        Ok(())
    }
}

/// Saves `amendment` to the interview at `path`, which `lock` locks: reads
/// the file as it is now, applies the changes and writes it whole, atomically
/// (a temporary file renamed over it, flushed to the disk). Returns the
/// interview as written.
pub(crate) fn amend(
    path: &Path,
    lock: &SessionLock,
    amendment: &Amendment,
    at: DateTime<FixedOffset>,
) -> Result<Record, AmendError> {
    if lock.path() != store::lock_path(path) {
        return Err(AmendError::NotLocked);
    }
    let mut record = store::load(path)?;
    amendment.apply(&mut record, at)?;
    store::write_record(path, &record)?;
    Ok(record)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_amendment_never_takes_the_text_past_the_limit() {
        let mut r = finished();
        let mut edited = r.clone();
        edited.question_mut(0).unwrap().notes = "y".repeat(limits::MAX_TEXT_BYTES);
        let too_much = Amendment::between(&r, &edited);
        let before = r.clone();
        let err = too_much.apply(&mut r, at("2025-03-05T09:00:00+01:00"));
        assert!(matches!(err, Err(AmendError::TooMuchText(_))), "{err:?}");
        assert_eq!(r, before, "nothing applied");
        // Within the limit, it applies.
        edited.question_mut(0).unwrap().notes = "y".repeat(limits::MAX_TEXT_BYTES / 2);
        Amendment::between(&r, &edited)
            .apply(&mut r, at("2025-03-05T09:00:00+01:00"))
            .unwrap();
    }

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    fn finished() -> Record {
        crate::store::testing::finished_record()
    }

    /// Everything about the call's time, to compare before and after.
    fn timing(r: &Record) -> impl PartialEq + std::fmt::Debug {
        let sections: Vec<(u64, u64)> = r
            .sections
            .iter()
            .map(|s| (s.planned_seconds, s.spent_seconds))
            .collect();
        let first_notes: Vec<Option<u64>> = r
            .sections
            .iter()
            .flat_map(|s| &s.questions)
            .map(|q| q.first_note_seconds)
            .collect();
        (
            (r.started_at, r.updated_at, r.ended_at, r.elapsed_seconds),
            (
                r.paused_seconds,
                r.paused,
                r.pauses.clone(),
                r.planned_minutes,
            ),
            sections,
            first_notes,
        )
    }

    #[test]
    fn amending_keeps_the_timing_and_records_when() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("20250304-101500-ada.yaml");
        let original = finished();
        store::write_record(&path, &original).unwrap();

        let mut edited = original.clone();
        edited.question_mut(1).unwrap().notes = "Added after the call: knows Raft.".into();
        edited.question_mut(1).unwrap().rating = Some("Strong yes".into());
        edited.question_mut(0).unwrap().rating = None;
        edited.recommendation = Some(Recommendation::Yes);
        edited.summary = "Better than it first looked.".into();
        let amendment = Amendment::between(&original, &edited);
        assert_eq!(amendment.questions.len(), 2);
        assert!(!amendment.is_empty());

        let lock = SessionLock::acquire(&path).unwrap();
        let when = at("2025-03-05T09:00:00+01:00");
        let written = amend(&path, &lock, &amendment, when).unwrap();
        let read = store::load(&path).unwrap();
        assert_eq!(read, written);
        assert_eq!(read.amended_at, Some(when));
        assert_eq!(timing(&read), timing(&original));
        let q1 = read.question(1).unwrap().1;
        assert_eq!(q1.notes, "Added after the call: knows Raft.");
        assert_eq!(q1.rating.as_deref(), Some("Strong yes"));
        // Question 2 (index 1) was not reached: a rating makes it asked.
        assert_eq!(q1.state, QuestionState::Asked);
        assert_eq!(read.question(0).unwrap().1.rating, None);
        assert_eq!(read.recommendation, Some(Recommendation::Yes));
        assert_eq!(read.summary, "Better than it first looked.");
        assert_eq!(read.revision, original.revision + 1);
        // Everything else is as it was.
        let mut expected = edited.clone();
        expected.question_mut(1).unwrap().state = QuestionState::Asked;
        expected.amended_at = Some(when);
        expected.revision = read.revision;
        assert_eq!(read, expected);
        let text = std::fs::read_to_string(&path).unwrap();
        let ended = text.find("\nended_at:").unwrap();
        let amended = text.find("\namended_at:").unwrap();
        assert!(ended < amended, "amended_at follows ended_at:\n{text}");
    }

    #[test]
    fn an_unamended_file_has_no_amended_at() {
        let text = store::to_yaml(&finished()).unwrap();
        assert!(!text.contains("amended_at"), "{text}");
    }

    #[test]
    fn nothing_is_written_when_a_change_does_not_fit() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("a.yaml");
        let original = finished();
        store::write_record(&path, &original).unwrap();
        let before = std::fs::read(&path).unwrap();
        let lock = SessionLock::acquire(&path).unwrap();
        let when = at("2025-03-05T09:00:00+01:00");

        let mut edited = original.clone();
        edited.question_mut(2).unwrap().rating = Some("Maybe".into());
        let err = amend(&path, &lock, &Amendment::between(&original, &edited), when);
        assert!(matches!(err, Err(AmendError::NoSuchRating(_))), "{err:?}");

        let mut stale = Amendment::between(&original, &edited);
        stale.questions.get_mut(&2).unwrap().id = "gone".into();
        stale.questions.get_mut(&2).unwrap().rating = Some(Some("Yes".into()));
        let err = amend(&path, &lock, &stale, when);
        assert!(matches!(err, Err(AmendError::Changed { .. })), "{err:?}");
        assert_eq!(std::fs::read(&path).unwrap(), before);

        let mut open = original.clone();
        open.status = Status::InProgress;
        store::write_record(&path, &open).unwrap();
        let amendment = Amendment {
            summary: Some("x".into()),
            ..Amendment::default()
        };
        let err = amend(&path, &lock, &amendment, when);
        assert!(matches!(err, Err(AmendError::InProgress)), "{err:?}");

        let other = tmp.path().join("b.yaml");
        store::write_record(&other, &original).unwrap();
        let err = amend(&other, &lock, &amendment, when);
        assert!(matches!(err, Err(AmendError::NotLocked)), "{err:?}");
    }
}
