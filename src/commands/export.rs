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
        return store::files(sessions)
            .files
            .into_iter()
            .map(|(path, _)| path)
            .next()
            .with_context(|| format!("no saved interviews in {}", sessions.display()));
    }
    super::interview_file(sessions, target)
}

/// Writes the export of `target` (or of every interview with `all`) to
/// `output`, or to `out` when there is none; `asked_only` leaves the
/// questions not asked out of a Markdown scorecard.
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
) -> anyhow::Result<()> {
    let sessions = paths.sessions_dir();
    let text = if all {
        if format != ExportFormat::Json {
            bail!("--all writes one JSON object per line; leave out --format or use --format json");
        }
        let mut text = String::new();
        for (path, _) in store::files(&sessions).files {
            match store::load(&path) {
                Ok(record) => {
                    let id = store::session_id(&path);
                    text.push_str(&serde_json::to_string(&export::json(&record, &id))?);
                    text.push('\n');
                }
                Err(e) => writeln!(err, "warning: skipped {e}")?,
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
        Some(file) => crate::paths::write_private_file(file, text.as_bytes())
            .with_context(|| format!("cannot write {}", file.display())),
        None => Ok(out.write_all(text.as_bytes())?),
    }
}
