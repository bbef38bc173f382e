//! Sentences more than one screen says.

use std::path::Path;
use std::time::Duration;

use crate::interview::Record;
use crate::store::{Kept, SaveError, SaveOutcome};

/// The command that carries on with the interview saved at `path`: plain
/// `phonescreen resume` for the sessions folder, the path for a rescue copy.
pub fn resume_command(path: &Path) -> String {
    let in_sessions = path
        .parent()
        .and_then(|p| p.file_name())
        .is_some_and(|n| n == "sessions");
    if in_sessions {
        "phonescreen resume".to_string()
    } else {
        format!("phonescreen resume {}", path.display())
    }
}

/// Words for the interviewer about how the time away was counted.
pub fn describe_downtime(away: Duration, counted: bool) -> String {
    let secs = away.as_secs();
    let gap = if secs < 60 {
        format!("{secs} s")
    } else if secs < 3 * 3600 {
        format!("{} min", secs.div_ceil(60))
    } else if secs < 2 * 24 * 3600 {
        format!("{} h", secs / 3600)
    } else {
        // A resume weeks or months later is as ordinary as one the next day.
        format!("{} days", secs / (24 * 3600))
    };
    if counted {
        format!(
            "Resumed after {gap} away; that time counts as interview time (the call went on). Esc t: don't count it"
        )
    } else {
        format!(
            "Resumed after {gap} away; that time is not counted (recorded as a pause). Esc t: count it"
        )
    }
}

/// What to tell about a surprising write of the interview file.
pub fn describe_outcome(outcome: SaveOutcome, path: &Path) -> Option<String> {
    match outcome {
        SaveOutcome::Saved => None,
        SaveOutcome::Recreated => Some(format!(
            "The interview file had been deleted; it was written again: {}",
            path.display()
        )),
        SaveOutcome::Replaced => Some(format!(
            "The interview file had been replaced by another program; what is on screen was written over it: {}",
            path.display()
        )),
    }
}

/// The goodbye when the last save failed: where the newest notes are, and
/// when they are nowhere on disk, the whole interview to copy, as a last
/// resort (printed once the terminal is back), followed by what to do.
pub fn describe_unsaved(err: &SaveError, path: &Path, kept: Kept, record: &Record) -> String {
    let state = match kept {
        Kept::File => return format!("Interview saved to {}", path.display()),
        Kept::Journal => {
            return format!(
                "The interview file could not be written: {err}\nEvery note is in its crash journal {}, which phonescreen reads with the file.\nCarry on with: {}",
                crate::store::journal::journal_path(path).display(),
                resume_command(path)
            );
        }
        Kept::OlderFile => format!(
            "{} holds an older version, without the latest notes.",
            path.display()
        ),
        Kept::Nothing => "Nothing of it is on disk.".to_string(),
    };
    let text = crate::store::to_yaml(record).unwrap_or_else(|_| plain_notes(record));
    // What to do comes last, where the terminal shows it after a long print.
    format!(
        "The interview could NOT be saved, so here it is whole, as it would have been saved:\n\n{}\n\nThe interview above could NOT be saved: {err}\n{state}\nCopy it into a file, and carry on with `phonescreen resume FILE`.",
        text.trim_end()
    )
}

/// The notes alone, for when even the interview's text cannot be made.
fn plain_notes(record: &Record) -> String {
    let mut out = format!("candidate: {}\n", record.candidate);
    for section in &record.sections {
        for q in section.questions.iter().filter(|q| !q.notes.is_empty()) {
            out.push_str(&format!("\n## {}\n{}\n", q.id, q.notes));
        }
    }
    if !record.scratch.is_empty() {
        out.push_str(&format!("\n## scratch\n{}\n", record.scratch));
    }
    if !record.summary.is_empty() {
        out.push_str(&format!("\n## summary\n{}\n", record.summary));
    }
    out
}

/// The notice for text refused whole for want of room: `wanted` more bytes,
/// with `used` held (see `interview::limits`).
pub fn no_room(wanted: usize, used: usize) -> String {
    use crate::interview::limits::{max_text_bytes, size_words};
    format!(
        "Nothing inserted: {} more would take this interview's notes, scratch and summary past the {} it keeps ({} used). Paste a shorter part; a long log belongs in a file of its own",
        size_words(wanted as u64),
        size_words(max_text_bytes() as u64),
        size_words(used as u64)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_away_reads_in_the_unit_that_fits() {
        let away = |secs| describe_downtime(Duration::from_secs(secs), false);
        assert!(away(42).starts_with("Resumed after 42 s away"));
        assert!(away(600).starts_with("Resumed after 10 min away"));
        assert!(away(5 * 3600).starts_with("Resumed after 5 h away"));
        assert!(away(31 * 24 * 3600 + 5).starts_with("Resumed after 31 days away"));
    }
}
