//! What a reviewer types to find interviews: words that must all appear.

use crate::interview::record::Record;

/// Words that must all appear (ignoring case) somewhere in an interview:
/// its candidate, role, bank, interviewer, summary, scratch note or any
/// question's notes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    words: Vec<String>,
}

impl Query {
    /// The words of `text`, split at whitespace; no words matches everything.
    pub fn parse(text: &str) -> Self {
        Self {
            words: text.split_whitespace().map(str::to_lowercase).collect(),
        }
    }

    /// Whether the query has no words.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether every word appears in one of the fields of `record`.
    pub fn matches(&self, record: &Record) -> bool {
        if self.words.is_empty() {
            return true;
        }
        let fields = fields(record).map(str::to_lowercase).collect::<Vec<_>>();
        self.words
            .iter()
            .all(|word| fields.iter().any(|field| field.contains(word.as_str())))
    }
}

/// The text a query looks in.
fn fields(record: &Record) -> impl Iterator<Item = &str> {
    [
        record.candidate.as_str(),
        record.role.as_str(),
        record.bank.name.as_str(),
        record.bank.key.as_str(),
        record.interviewer.as_str(),
        record.summary.as_str(),
        record.scratch.as_str(),
    ]
    .into_iter()
    .chain(
        record
            .sections
            .iter()
            .flat_map(|s| s.questions.iter().map(|q| q.notes.as_str())),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testing::sample_record;

    #[test]
    fn every_word_must_appear_somewhere_ignoring_case() {
        let mut record = sample_record(3, 0);
        record.candidate = "Ada Lovelace".into();
        record.question_mut(2).unwrap().notes = "Talked about Idempotency keys".into();
        assert!(Query::parse("").matches(&record));
        assert!(Query::parse("ada idempotency").matches(&record));
        assert!(Query::parse("  LOVELACE  ").matches(&record));
        assert!(!Query::parse("ada zebra").matches(&record));
        assert!(!Query::parse("jitter").matches(&record));
    }
}
