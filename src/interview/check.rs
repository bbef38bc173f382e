//! The invariants a loaded interview must meet before it is trusted: kept
//! apart from the record's shape because they are the limits' (`limits`
//! measures a record, and a record is checked against the limits).

use super::limits::{self, MAX_FRAME_BYTES, MAX_PAUSES, MAX_SECONDS};
use super::record::{FORMAT_VERSION, Record};

impl Record {
    /// Checks the invariants a loaded file must meet before it is trusted.
    pub fn check(&self) -> Result<(), String> {
        if self.format > FORMAT_VERSION {
            return Err(format!(
                "format {} is newer than this phonescreen understands ({FORMAT_VERSION}); upgrade phonescreen",
                self.format
            ));
        }
        if self.sections.is_empty() || self.question_count() == 0 {
            return Err("it has no questions".to_string());
        }
        // Times are bounded so arithmetic on them can never overflow. Every
        // time phonescreen saves is capped at the same bound (see `limits`),
        // so no gap, however long — a resume months later, its time away
        // counted or not, a clock set wrong — writes a time this refuses.
        let too_long = |what: &str, secs: u64| {
            (secs > MAX_SECONDS)
                .then(|| format!("{what} is {secs} seconds, more than a hundred years"))
        };
        let mut times = vec![
            ("elapsed_seconds", self.elapsed_seconds),
            ("paused_seconds", self.paused_seconds),
        ];
        for s in &self.sections {
            times.push(("a section's planned_seconds", s.planned_seconds));
            times.push(("a section's spent_seconds", s.spent_seconds));
            for q in &s.questions {
                times.push(("a first_note_seconds", q.first_note_seconds.unwrap_or(0)));
            }
        }
        for p in &self.pauses {
            times.push(("a pause", p.seconds));
        }
        if let Some(problem) = times
            .into_iter()
            .find_map(|(what, secs)| too_long(what, secs))
        {
            return Err(problem);
        }
        if self.pauses.len() > MAX_PAUSES {
            return Err(format!(
                "it has {} pauses; an interview keeps at most {MAX_PAUSES}",
                self.pauses.len()
            ));
        }
        let frame = limits::frame_bound(self);
        if frame > MAX_FRAME_BYTES {
            return Err(format!(
                "its questions, names and variables would take up to {} in the file, more than the {} an interview file keeps for them",
                limits::size_words(frame),
                limits::size_words(MAX_FRAME_BYTES)
            ));
        }
        if !(1..=480).contains(&self.planned_minutes) {
            return Err(format!(
                "planned_minutes is {}; it must be from 1 to 480",
                self.planned_minutes
            ));
        }
        if self.current_question >= self.question_count() {
            return Err(format!(
                "current_question {} is past the last question",
                self.current_question
            ));
        }
        Ok(())
    }
}
