//! Building realistic interviews for tests and benchmarks. Not part of the API.

use std::collections::BTreeMap;

use chrono::DateTime;

use crate::interview::record::{
    BankRef, FORMAT_VERSION, Pause, QuestionRecord, QuestionState, Record, SectionRecord, Status,
};

/// Lines that stress YAML quoting: colons, `#`, quotes, indentation, unicode,
/// things that look like other types, trailing spaces and tabs.
const LINES: [&str; 12] = [
    "Talked about their last project: a payment service in Rust.",
    "  - indented bullet: kept as typed",
    "# not a comment, a note that starts with a hash",
    "\"quoted\" and 'single quoted' and `backticks`",
    "yes",
    "null",
    "Café, naïve, Zürich — “smart quotes” and emoji 🙂🚀",
    "日本語のメモ、中文笔记, 한국어",
    "trailing spaces   ",
    "\ttab-led line\twith tabs",
    "key: value, [brackets], {braces}, & *star ! bang % percent @at",
    "",
];

/// Notes of about `len` characters made of awkward lines, varied by `seed`.
pub fn sample_notes(len: usize, seed: usize) -> String {
    let mut notes = String::new();
    let mut i = seed;
    while notes.chars().count() < len {
        notes.push_str(LINES[i % LINES.len()]);
        notes.push('\n');
        i += 1;
    }
    let cut: String = notes.chars().take(len).collect();
    cut
}

/// An interview with `questions` questions spread over up to five sections,
/// each with about `notes_len` characters of notes; in progress, with a pause
/// and a few states and ratings set.
pub fn sample_record(questions: usize, notes_len: usize) -> Record {
    let started = DateTime::parse_from_rfc3339("2025-03-04T10:15:00+01:00").expect("valid date");
    let section_count = questions.clamp(1, 5);
    let mut sections: Vec<SectionRecord> = (0..section_count)
        .map(|s| SectionRecord {
            id: format!("section-{}", s + 1),
            title: format!("Section {} — “part” {}", s + 1, s + 1),
            planned_seconds: 360,
            spent_seconds: 100 + s as u64,
            questions: Vec::new(),
        })
        .collect();
    for q in 0..questions {
        let state = match q % 3 {
            0 => QuestionState::Asked,
            1 => QuestionState::NotReached,
            _ => QuestionState::Skipped,
        };
        sections[q * section_count / questions.max(1)]
            .questions
            .push(QuestionRecord {
                id: format!("q-{}", q + 1),
                ask: format!(
                    "Question {}: tell me about a time you used ${{language}}?",
                    q + 1
                ),
                listen_for: Some("Specifics: what *they* did, not the team.\nTrade-offs.".into()),
                follow_ups: vec!["Why?".into(), "What would you change?".into()],
                tags: vec!["communication".into(), "git".into()],
                required: q % 4 == 0,
                state,
                rating: (state == QuestionState::Asked).then(|| "Yes".to_string()),
                first_note_seconds: Some(q as u64 * 60),
                notes: sample_notes(notes_len, q),
            });
    }
    let mut variables = BTreeMap::new();
    variables.insert("company".to_string(), "Acme: Inc.".to_string());
    variables.insert("language".to_string(), "Rust".to_string());
    Record {
        opened_at: None,
        prep: None,
        format: FORMAT_VERSION,
        status: Status::InProgress,
        candidate: "Ada Lovelace-Müller".to_string(),
        role: "Backend engineer".to_string(),
        interviewer: "Grace".to_string(),
        bank: BankRef {
            description: None,
            name: "Phone screen".to_string(),
            key: "builtin".to_string(),
            source: "built-in".to_string(),
            hash: "0".repeat(64),
        },
        variables,
        rating_scale: ["Strong no", "No", "Yes", "Strong yes"]
            .map(String::from)
            .to_vec(),
        planned_minutes: 30,
        started_at: started,
        updated_at: started + chrono::Duration::minutes(12),
        revision: 0,
        ended_at: None,
        amended_at: None,
        elapsed_seconds: 700,
        paused_seconds: 20,
        paused: false,
        pauses: vec![Pause {
            started_at: started + chrono::Duration::minutes(5),
            seconds: 20,
            reason: Some("terminal lost focus".to_string()),
        }],
        current_question: questions.saturating_sub(1) / 2,
        sections,
        scratch: sample_notes(notes_len / 4, 3),
        recommendation: None,
        summary: String::new(),
    }
}

/// [`sample_record`] of 6 questions with 40 characters of notes each,
/// finished: ended at 10:47, recommendation No, a one-line summary.
pub fn finished_record() -> Record {
    let mut r = sample_record(6, 40);
    r.status = Status::Completed;
    r.ended_at =
        Some(DateTime::parse_from_rfc3339("2025-03-04T10:47:00+01:00").expect("a valid time"));
    r.recommendation = Some(crate::interview::record::Recommendation::No);
    r.summary = "Light on testing.".into();
    r
}

/// Plants a FIFO at `at`, then runs `open` (which must open something at
/// that name to write) on another thread and returns its error message.
/// Panics if `open` succeeds, or waits more than 10 s: opening a FIFO nobody
/// reads waits for ever unless asked not to, so a wait fails the test
/// instead of hanging it.
pub fn error_opening_at_a_fifo<T>(
    at: &std::path::Path,
    open: impl FnOnce() -> std::io::Result<T> + Send + 'static,
) -> String {
    let name = std::ffi::CString::new(at.as_os_str().as_encoded_bytes()).expect("a path");
    // SAFETY: a valid C string; mkfifo only creates the node.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0, "mkfifo");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(open().map(|_| ()).map_err(|e| e.to_string()));
    });
    rx.recv_timeout(std::time::Duration::from_secs(10))
        .expect("opening waited on a FIFO")
        .expect_err("a FIFO was taken for a file")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_the_requested_shape() {
        let r = sample_record(30, 2000);
        assert_eq!(r.sections.len(), 5);
        assert_eq!(r.question_count(), 30);
        assert!(r.sections.iter().all(|s| s.questions.len() == 6));
        assert!(r.question(29).unwrap().1.notes.chars().count() == 2000);
        r.check().unwrap();
        let small = sample_record(2, 10);
        assert_eq!(small.question_count(), 2);
        small.check().unwrap();
    }
}
