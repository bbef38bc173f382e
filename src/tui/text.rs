//! Sentences more than one screen says.

use std::path::Path;
use std::time::Duration;

use crate::store::SaveOutcome;

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
    } else {
        format!("{} h", secs / 3600)
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
