//! `phonescreen export`: an interview as Markdown or plain text for a
//! scorecard, or as JSON or YAML for scripts; `--all` for every interview,
//! one JSON object per line.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use crate::cli::ExportFormat;
use crate::paths::Paths;
use crate::review::export;
use crate::store;

/// The file of `target`: a path to a saved interview, an id in the
/// sessions folder, or `last` for the newest interview.
fn find(sessions: &Path, target: &str) -> anyhow::Result<PathBuf> {
    if target == "last" {
        return super::archive::files(sessions)?
            .files
            .into_iter()
            .map(|(path, _)| path)
            .next()
            .with_context(|| format!("no saved interviews in {}", sessions.display()));
    }
    super::interview_file(sessions, target)
}

/// The exit status of `export --all` when files of the archive could not be
/// read: each is named on standard error, the others are exported.
pub const SOME_SKIPPED: u8 = 3;

/// The exit status of an export that skipped `skipped` files it could not
/// read: 0 when it skipped none, [`SOME_SKIPPED`] when it skipped any, so a
/// script or a backup never takes a partial export for a whole one.
pub fn exit_status(skipped: usize) -> u8 {
    if skipped == 0 { 0 } else { SOME_SKIPPED }
}

/// Writes the export of `target` (or of every interview with `all`) to
/// `output`, or to `out` when there is none; `asked_only` leaves the
/// questions not asked out of a Markdown scorecard. Returns how many files
/// it skipped because they could not be read (see [`exit_status`]).
// One argument per flag of the command, as clap hands them over.
#[allow(clippy::too_many_arguments)]
pub fn export(
    paths: &Paths,
    target: Option<&str>,
    format: ExportFormat,
    all: bool,
    asked_only: bool,
    output: Option<&Path>,
    out: &mut impl Write,
    err: &mut impl Write,
) -> anyhow::Result<usize> {
    let sessions = paths.sessions_dir();
    let mut skipped = 0;
    // The file exported, which -o must never replace (a copy mailed round,
    // exported to a name beside it).
    let mut input = None;
    let text = if all {
        if format != ExportFormat::Json {
            bail!("--all writes one JSON object per line; leave out --format or use --format json");
        }
        let mut text = String::new();
        for (path, _) in super::archive::files(&sessions)?.files {
            match store::load(&path) {
                Ok(record) => {
                    let id = store::session_id(&path);
                    text.push_str(&serde_json::to_string(&export::json(&record, &id))?);
                    text.push('\n');
                }
                Err(e) => {
                    skipped += 1;
                    // A file's name is anyone's text.
                    let e = crate::display::escape(&e.to_string()).into_owned();
                    writeln!(err, "warning: skipped {e}")?;
                }
            }
        }
        text
    } else {
        if asked_only && matches!(format, ExportFormat::Json | ExportFormat::Yaml) {
            bail!(
                "--asked-only is for scorecards (--format markdown or text); JSON and YAML always hold the whole record: leave out --asked-only"
            );
        }
        let path = find(&sessions, target.unwrap_or("last"))?;
        let record = store::load(&path)?;
        let id = store::session_id(&path);
        input = Some(path);
        match format {
            ExportFormat::Markdown if asked_only => {
                export::markdown_with(&record, export::Questions::AskedOnly)
            }
            ExportFormat::Markdown => export::markdown(&record),
            ExportFormat::Text => export::text(&record, export::TEXT_WIDTH),
            ExportFormat::Json => {
                let mut t = serde_json::to_string_pretty(&export::json(&record, &id))?;
                t.push('\n');
                t
            }
            ExportFormat::Yaml => export::yaml(&record, &id)?,
        }
    };
    match output {
        Some(file) => {
            let inputs: Vec<&Path> = input.iter().map(PathBuf::as_path).collect();
            super::output::write(paths, file, text.as_bytes(), &inputs)?;
        }
        None => out.write_all(text.as_bytes())?,
    }
    if skipped > 0 {
        writeln!(
            err,
            "phonescreen: {skipped} file{} skipped (named above), the others exported; exit status {SOME_SKIPPED}",
            if skipped == 1 { "" } else { "s" }
        )?;
    }
    Ok(skipped)
}
