//! Fast YAML for saving on every keystroke.
//!
//! The YAML library takes about 10 µs per kilobyte, so a 30-question
//! interview with long notes costs most of a millisecond to serialize whole.
//! Between two keystrokes only one question changes, so each question's YAML
//! is kept and only changed questions are serialized again; the rest of the
//! file (a few hundred bytes) is serialized every time and the pieces are
//! spliced. The result is byte for byte what serializing the whole record
//! gives (tested below), so files read the same however they were written.

use crate::interview::record::{QuestionRecord, Record};
use crate::yaml::{self, SyntaxError};

/// The line a section's question list reads as when it is empty.
const EMPTY_QUESTIONS: &str = "  questions: []";

/// Per-question YAML kept between saves.
#[derive(Debug, Default, Clone)]
pub struct YamlCache {
    questions: Vec<Option<(QuestionRecord, String)>>,
}

impl YamlCache {
    /// The YAML of `record`, serializing again only the questions that changed.
    pub fn render(&mut self, record: &Record) -> Result<String, SyntaxError> {
        let mut skeleton = Record {
            sections: Vec::with_capacity(record.sections.len()),
            ..clone_without_sections(record)
        };
        for s in &record.sections {
            skeleton.sections.push(s.clone_empty());
        }
        let frame = yaml::to_string(&skeleton)?;

        let total = record.question_count();
        self.questions.resize(total, None);
        let mut out = String::with_capacity(frame.len() + self.cached_len() + 1024);
        let mut sections = record.sections.iter();
        let mut index = 0;
        // Only inside the top-level `sections:` list can the line be the key
        // (text elsewhere at that indentation belongs to other fields).
        let mut in_sections = false;
        for line in frame.split_inclusive('\n') {
            if !line.starts_with([' ', '-', '\n']) {
                in_sections = line == "sections:\n";
            }
            if !in_sections || line.trim_end_matches('\n') != EMPTY_QUESTIONS {
                out.push_str(line);
                continue;
            }
            let Some(section) = sections.next() else {
                out.push_str(line);
                continue;
            };
            if section.questions.is_empty() {
                out.push_str(line);
                continue;
            }
            out.push_str("  questions:\n");
            for q in &section.questions {
                let text = self.question_yaml(index, q)?;
                out.push_str("  - ");
                indent_continuations(&mut out, text);
                index += 1;
            }
        }
        Ok(out)
    }

    fn cached_len(&self) -> usize {
        self.questions.iter().flatten().map(|(_, y)| y.len()).sum()
    }

    fn question_yaml(&mut self, index: usize, q: &QuestionRecord) -> Result<&str, SyntaxError> {
        let fresh = match &self.questions[index] {
            Some((cached, _)) => cached != q,
            None => true,
        };
        if fresh {
            self.questions[index] = Some((q.clone(), yaml::to_string(q)?));
        }
        Ok(self.questions[index]
            .as_ref()
            .map(|(_, y)| y.as_str())
            .unwrap_or_default())
    }
}

/// Whether libyaml's emitter treats `c` as a line break (it re-indents after each).
fn is_break(c: char) -> bool {
    matches!(c, '\n' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// Appends `text`, indenting every line after the first by four spaces, as
/// the emitter would have indented it one list level deeper. Empty lines stay
/// empty, as the emitter writes them.
fn indent_continuations(out: &mut String, text: &str) {
    let mut at_line_start = false;
    for c in text.chars() {
        if at_line_start && !is_break(c) {
            out.push_str("    ");
        }
        at_line_start = is_break(c);
        out.push(c);
    }
}

fn clone_without_sections(record: &Record) -> Record {
    // Clone everything but the sections, which hold nearly all the bytes.
    Record {
        format: record.format,
        status: record.status,
        candidate: record.candidate.clone(),
        role: record.role.clone(),
        interviewer: record.interviewer.clone(),
        bank: record.bank.clone(),
        variables: record.variables.clone(),
        rating_scale: record.rating_scale.clone(),
        planned_minutes: record.planned_minutes,
        started_at: record.started_at,
        updated_at: record.updated_at,
        ended_at: record.ended_at,
        elapsed_seconds: record.elapsed_seconds,
        paused_seconds: record.paused_seconds,
        paused: record.paused,
        pauses: record.pauses.clone(),
        current_question: record.current_question,
        sections: Vec::new(),
        scratch: record.scratch.clone(),
        recommendation: record.recommendation,
        summary: record.summary.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testing::{sample_notes, sample_record};
    use proptest::prelude::*;

    #[test]
    fn matches_whole_record_serialization() {
        let mut cache = YamlCache::default();
        for (questions, notes) in [(1, 0), (5, 40), (30, 2000)] {
            let record = sample_record(questions, notes);
            assert_eq!(
                cache.render(&record).unwrap(),
                yaml::to_string(&record).unwrap()
            );
        }
    }

    #[test]
    fn a_changed_question_is_serialized_again() {
        let mut cache = YamlCache::default();
        let mut record = sample_record(8, 300);
        cache.render(&record).unwrap();
        record.sections[1].questions[0]
            .notes
            .push_str("\n\nnew line: with colon");
        record.scratch = "- not a list\nquestions: []\n  questions: []".into();
        record.candidate = "Ada\n  questions: []".into();
        assert_eq!(
            cache.render(&record).unwrap(),
            yaml::to_string(&record).unwrap()
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        #[test]
        fn any_notes_render_like_the_whole_record(
            notes in proptest::collection::vec(any::<String>(), 1..6),
            seed in 0usize..50,
        ) {
            let mut record = sample_record(6, 10);
            let mut cache = YamlCache::default();
            cache.render(&record).unwrap();
            for (i, n) in notes.iter().enumerate() {
                if let Some(q) = record.question_mut(i) {
                    q.notes = format!("{n}{}", sample_notes(seed % 7, seed));
                }
            }
            record.sections[0].title = notes[0].clone();
            prop_assert_eq!(cache.render(&record).unwrap(), yaml::to_string(&record).unwrap());
        }
    }
}
