//! `phonescreen sessions list`: saved interviews for people and scripts.

use std::io::Write;

use crate::paths::Paths;
use crate::store;

/// Prints the saved interviews as a table, or a JSON array with `json`.
/// Files that cannot be read are reported on `err` and never stop the listing.
pub fn list(
    paths: &Paths,
    json: bool,
    out: &mut impl Write,
    err: &mut impl Write,
) -> std::io::Result<()> {
    let listing = store::list(&paths.sessions_dir());
    for (path, why) in &listing.problems {
        writeln!(err, "warning: skipped {}: {why}", path.display())?;
    }
    if json {
        let text =
            serde_json::to_string_pretty(&listing.sessions).map_err(std::io::Error::other)?;
        writeln!(out, "{text}")?;
        return Ok(());
    }
    if listing.sessions.is_empty() {
        writeln!(
            out,
            "No saved interviews in {}. Start one with: phonescreen",
            paths.sessions_dir().display()
        )?;
        return Ok(());
    }
    writeln!(
        out,
        "{:<40} {:<22} {:<20} {:<17} {:<12} RECOMMENDATION",
        "ID", "CANDIDATE", "ROLE", "STARTED", "STATUS"
    )?;
    for s in &listing.sessions {
        let cut = |t: &str, n: usize| t.chars().take(n).collect::<String>();
        writeln!(
            out,
            "{:<40} {:<22} {:<20} {:<17} {:<12} {}",
            s.id,
            cut(&s.candidate, 22),
            cut(&s.role, 20),
            s.started_at.format("%Y-%m-%d %H:%M"),
            s.status.as_str(),
            s.recommendation.map_or("-", |r| r.label())
        )?;
    }
    Ok(())
}
