//! The text of a saved interview, formatting again only the questions that
//! changed since the last write.
//!
//! With a 10,000-question bank the file is ~1.75 MB; formatting all of it
//! once a second while the interviewer types cost more CPU than everything
//! else a keystroke does. The flusher keeps one [`RecordText`], which keeps
//! each question's text until it is told the question changed (the journal
//! entries the flusher applies name the questions they change).

use super::END_MARKER;
use crate::interview::record::{QuestionRecord, Record};
use crate::yaml::{self, Node, SyntaxError};

/// Where the keys of a question sit: `sections:` at 0, a section's keys at
/// 4, its questions' keys at 8.
const SECTION_KEYS: usize = 4;
const QUESTION_KEYS: usize = 8;

/// Remembers the text of every question written last time.
#[derive(Debug, Default)]
pub(crate) struct RecordText {
    /// By flat question index; `None` is formatted at the next render.
    questions: Vec<Option<String>>,
}

impl RecordText {
    /// The question at flat `index` changed.
    pub(crate) fn forget(&mut self, index: usize) {
        if let Some(text) = self.questions.get_mut(index) {
            *text = None;
        }
    }

    /// Anything may have changed (another interview, another shape).
    pub(crate) fn forget_all(&mut self) {
        self.questions.clear();
    }

    /// The whole file for `record`, its [`END_MARKER`] line included.
    ///
    /// The sections are taken out of `record` while its other fields are
    /// converted, and always put back.
    pub(crate) fn render(&mut self, record: &mut Record) -> Result<String, SyntaxError> {
        let sections = std::mem::take(&mut record.sections);
        let head = yaml::to_node(&*record);
        record.sections = sections;
        let Node::Map(head) = head? else {
            return Err(not_a_mapping());
        };
        self.questions.resize(record.question_count(), None);
        let mut cache = &mut self.questions[..];
        let mut out = String::with_capacity(4096);
        yaml::emit::mapping_with(&mut out, &head, 0, false, "sections", |out, _| {
            if record.sections.is_empty() {
                out.push_str(" []\n");
                return Ok(());
            }
            out.push('\n');
            for section in &mut record.sections {
                let questions = std::mem::take(&mut section.questions);
                let node = yaml::to_node(&*section);
                section.questions = questions;
                let Node::Map(entries) = node? else {
                    return Err(not_a_mapping());
                };
                let questions = &section.questions;
                let (mine, rest) = std::mem::take(&mut cache).split_at_mut(questions.len());
                cache = rest;
                yaml::emit::mapping_with(
                    out,
                    &entries,
                    SECTION_KEYS,
                    true,
                    "questions",
                    |out, _| write_questions(out, questions, mine),
                )?;
            }
            Ok(())
        })?;
        out.push_str(END_MARKER);
        out.push('\n');
        Ok(out)
    }
}

fn write_questions(
    out: &mut String,
    questions: &[QuestionRecord],
    cache: &mut [Option<String>],
) -> Result<(), SyntaxError> {
    if questions.is_empty() {
        out.push_str(" []\n");
        return Ok(());
    }
    out.push('\n');
    for (question, slot) in questions.iter().zip(cache) {
        if slot.is_none() {
            let mut text = String::new();
            yaml::emit::list_item(&mut text, &yaml::to_node(question)?, QUESTION_KEYS - 2)?;
            *slot = Some(text);
        }
        out.push_str(slot.as_deref().unwrap_or_default());
    }
    Ok(())
}

fn not_a_mapping() -> SyntaxError {
    SyntaxError {
        position: None,
        message: "an interview did not turn into a YAML mapping".to_string(),
    }
}

/// The text of a saved interview, formatted whole: its YAML and the
/// [`END_MARKER`] line.
pub fn to_yaml(record: &Record) -> Result<String, SyntaxError> {
    RecordText::default().render(&mut record.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testing::{sample_notes, sample_record};

    #[test]
    fn a_remembered_question_is_written_as_if_formatted_again() {
        let mut record = sample_record(12, 300);
        let mut text = RecordText::default();
        text.render(&mut record).unwrap();
        record.sections[0].questions[1].notes = "No\n12:30 = 2024-01-01".to_string();
        text.forget(1);
        let last = record.question_count() - 1;
        record.question_mut(last).unwrap().rating = Some("Yes".into());
        text.forget(last);
        let cached = text.render(&mut record).unwrap();
        assert_eq!(cached, to_yaml(&record).unwrap());
        let read: Record = yaml::from_str(&cached).unwrap();
        assert_eq!(read, record);
        assert!(cached.contains(&sample_notes(300, 0)[..40]));
        // What it was not told about stays as it was: it is told, always.
        record.question_mut(0).unwrap().notes.push_str(" unseen");
        assert!(!text.render(&mut record).unwrap().contains(" unseen"));
        text.forget_all();
        assert!(text.render(&mut record).unwrap().contains(" unseen"));
        record.sections[1].questions.pop();
        text.forget_all();
        assert_eq!(text.render(&mut record).unwrap(), to_yaml(&record).unwrap());
    }

    #[test]
    fn sections_and_questions_can_be_empty() {
        let mut record = sample_record(2, 10);
        record.sections[0].questions.clear();
        let text = to_yaml(&record).unwrap();
        assert!(text.contains("questions: []\n"), "{text}");
        assert_eq!(yaml::from_str::<Record>(&text).unwrap(), record);
        record.sections.clear();
        let text = to_yaml(&record).unwrap();
        assert!(text.contains("\nsections: []\n"), "{text}");
        assert_eq!(yaml::from_str::<Record>(&text).unwrap(), record);
    }
}
