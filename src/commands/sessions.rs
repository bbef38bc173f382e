//! `phonescreen sessions list`: saved interviews for people and scripts.

use std::io::Write;

use crate::display::{self, column, escape, json_safe};
use crate::paths::Paths;
use crate::store;

/// Cells for the candidate and role columns; longer names are cut with `…`.
const CANDIDATE_CELLS: usize = 22;
const ROLE_CELLS: usize = 20;

/// Prints the saved interviews as a table, or a JSON array with `json`.
/// Files that cannot be read are reported on `err` and never stop the listing.
///
/// Whatever came from the files is escaped (see [`crate::display`]): a
/// saved interview is no more trusted than any other file.
pub fn list(
    paths: &Paths,
    json: bool,
    out: &mut impl Write,
    err: &mut impl Write,
) -> std::io::Result<()> {
    let listing = store::list(&paths.sessions_dir());
    for (path, why) in &listing.problems {
        let path = path.display().to_string();
        writeln!(err, "warning: skipped {}: {}", escape(&path), escape(why))?;
    }
    if json {
        let text =
            serde_json::to_string_pretty(&listing.sessions).map_err(std::io::Error::other)?;
        writeln!(out, "{}", json_safe(&text))?;
        return Ok(());
    }
    if listing.sessions.is_empty() {
        writeln!(
            out,
            "No saved interviews in {}. Start one with: phonescreen",
            escape(&paths.sessions_dir().display().to_string())
        )?;
        return Ok(());
    }
    // Ids are shown whole, since `phonescreen resume ID` takes them.
    let id_cells = listing
        .sessions
        .iter()
        .map(|s| display::width(&s.id))
        .max()
        .unwrap_or(0)
        .max("ID".len());
    writeln!(
        out,
        "{} {} {} {:<17} {:<12} RECOMMENDATION",
        display::pad("ID", id_cells),
        display::pad("CANDIDATE", CANDIDATE_CELLS),
        display::pad("ROLE", ROLE_CELLS),
        "STARTED",
        "STATUS"
    )?;
    for s in &listing.sessions {
        writeln!(
            out,
            "{} {} {} {:<17} {:<12} {}",
            display::pad(&escape(&s.id), id_cells),
            column(&s.candidate, CANDIDATE_CELLS),
            column(&s.role, ROLE_CELLS),
            s.started_at.format("%Y-%m-%d %H:%M"),
            s.status.as_str(),
            s.recommendation.map_or("-", |r| r.label())
        )?;
    }
    Ok(())
}
