//! An interview as text for other tools: Markdown (or plain text) shaped to
//! paste into a hiring system's scorecard, and JSON or YAML of the whole
//! record for scripts. Neither carries terminal escapes.

mod markdown;
mod text;

use serde_json::Value;

use crate::interview::record::{QuestionState, Record};

/// Version of the JSON and YAML export layout: the saved record's fields
/// plus `id`, documented in the README. Bumped when a field changes meaning
/// or goes away.
pub(crate) const EXPORT_FORMAT: u32 = 1;

/// `m:ss`.
fn clock(seconds: u64) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

/// `text` without control characters other than line breaks and tabs (a
/// lone carriage return becomes a line break).
fn clean(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .map(|c| if c == '\r' { '\n' } else { c })
        .filter(|c| matches!(c, '\n' | '\t') || !c.is_control())
        .filter(|c| !matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
        .collect()
}

/// `text` on one line.
fn line(text: &str) -> String {
    clean(text).replace(['\n', '\t'], " ")
}

/// Which questions a scorecard shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Questions {
    /// Every question, with its state: the full record of the call.
    All,
    /// Only the questions asked, and a line counting the others: what a
    /// hiring committee reads.
    AskedOnly,
}

/// How wide the plain-text scorecard's lines are: narrow enough for an
/// email and for the scorecard boxes of hiring systems.
pub(crate) const TEXT_WIDTH: usize = 72;

/// The interview as Markdown for a scorecard, every question included (the
/// clipboard copy and `export`'s default).
pub fn markdown(record: &Record) -> String {
    markdown::scorecard(record, Questions::All)
}

/// The interview as Markdown, with every question or only those asked.
pub fn markdown_with(record: &Record, questions: Questions) -> String {
    markdown::scorecard(record, questions)
}

/// The interview as plain text with no markup, lines at most `width`
/// columns wide ([`TEXT_WIDTH`] on the command line), asked questions only.
pub(crate) fn text(record: &Record, width: usize) -> String {
    text::scorecard(record, width)
}

/// `Not asked: 2 skipped, 8 not reached`, or nothing when every question
/// was asked: said where a scorecard leaves them out, so a reader knows.
fn left_out(record: &Record) -> Option<String> {
    let count = |state| {
        record
            .sections
            .iter()
            .flat_map(|s| &s.questions)
            .filter(|q| q.state == state)
            .count()
    };
    let (skipped, not_reached) = (
        count(QuestionState::Skipped),
        count(QuestionState::NotReached),
    );
    (skipped + not_reached > 0)
        .then(|| format!("Not asked: {skipped} skipped, {not_reached} not reached"))
}

/// The whole record with its `id` (the file name without `.yaml`) and the
/// [`EXPORT_FORMAT`] as `export_format`.
pub(crate) fn json(record: &Record, id: &str) -> Value {
    let mut map = serde_json::Map::new();
    map.insert("export_format".into(), Value::from(EXPORT_FORMAT));
    map.insert("id".into(), Value::String(id.to_string()));
    if let Ok(Value::Object(fields)) = serde_json::to_value(record) {
        map.extend(fields);
    }
    Value::Object(map)
}

/// The same as [`json`], as YAML every reader reads right.
pub(crate) fn yaml(record: &Record, id: &str) -> Result<String, crate::yaml::SyntaxError> {
    crate::yaml::to_string(&json(record, id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testing::sample_record;

    #[test]
    fn markdown_puts_the_take_aways_first_and_drops_escapes() {
        let mut r = sample_record(3, 0);
        r.recommendation = Some(crate::interview::record::Recommendation::Yes);
        r.summary = "Solid.\u{1b}]52;c;aGk=\u{7}".into();
        r.question_mut(0).unwrap().notes = "line one\r\nline two".into();
        let md = markdown(&r);
        let take = md.find("## Key take-aways").unwrap();
        assert!(take < md.find("## Section 1").unwrap(), "{md}");
        assert!(md.contains("**Recommendation:** Yes"));
        assert!(!md.contains('\u{1b}') && !md.contains('\u{7}') && !md.contains('\r'));
        assert!(md.contains("line one  \nline two"), "{md}");
    }

    #[test]
    fn asked_only_leaves_out_the_rest_and_says_how_many() {
        // sample_record: questions 1 and 4 asked, 2 and 5 not reached, 3 skipped.
        let r = sample_record(5, 0);
        let all = markdown(&r);
        let asked = markdown_with(&r, Questions::AskedOnly);
        assert!(all.contains("Question 2:") && all.contains("Question 3:"));
        assert!(!asked.contains("Question 2:") && !asked.contains("Question 3:"));
        assert!(asked.contains("Question 1:") && asked.contains("Question 4:"));
        assert!(
            asked.contains("Not asked: 1 skipped, 2 not reached."),
            "{asked}"
        );
        assert!(!all.contains("Not asked:"));
        let text = text(&r, TEXT_WIDTH);
        assert!(text.contains("Q4. Question 4:") && !text.contains("Question 2:"));
    }

    #[test]
    fn json_and_yaml_carry_the_id_and_read_back() {
        let r = sample_record(2, 10);
        let value = json(&r, "20250304-101500-ada");
        assert_eq!(value["id"], "20250304-101500-ada");
        assert_eq!(value["export_format"], 1);
        assert_eq!(value["sections"][0]["questions"][0]["id"], "q-1");
        let text = yaml(&r, "x").unwrap();
        let back: Value = crate::yaml::from_str(&text).unwrap();
        assert_eq!(back, json(&r, "x"));
    }
}
