//! `phonescreen export`: an interview as Markdown or plain text for a
//! scorecard, or as JSON or YAML for scripts; `--all` for every interview,
//! one JSON object per line.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use crate::cli::ExportFormat;
use crate::paths::Paths;
use crate::review::export;
use crate::review::in_order::map_in_order;
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
pub(crate) const SOME_SKIPPED: u8 = 3;

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
        if output.is_none() {
            // To standard output, each interview as soon as it is read.
            skipped = all_as_json_lines(&sessions, out, err)?;
            return say_skipped(skipped, err);
        }
        let mut text = Vec::new();
        skipped = all_as_json_lines(&sessions, &mut text, err)?;
        String::from_utf8(text)?
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
    say_skipped(skipped, err)
}

/// Says on `err` how many files were skipped, when any were, and returns
/// the count (see [`exit_status`]).
fn say_skipped(skipped: usize, err: &mut impl Write) -> anyhow::Result<usize> {
    if skipped > 0 {
        writeln!(
            err,
            "phonescreen: {skipped} file{} skipped (named above), the others exported; exit status {SOME_SKIPPED}",
            if skipped == 1 { "" } else { "s" }
        )?;
    }
    Ok(skipped)
}

/// Writes every saved interview to `out` as one JSON object per line, newest
/// first by file name, each as soon as it and those before it are read:
/// memory holds a few interviews however many there are (see
/// [`map_in_order`]: parsing the YAML, nearly all the work, runs on every
/// core). Files that cannot be read are named on `err` and left out; how
/// many were left out is returned.
pub fn all_as_json_lines(
    sessions: &Path,
    out: &mut impl Write,
    err: &mut impl Write,
) -> anyhow::Result<usize> {
    // A sessions folder that cannot be read is an error, never an empty
    // back-up.
    let files: Vec<PathBuf> = super::archive::files(sessions)?
        .files
        .into_iter()
        .map(|(path, _)| path)
        .collect();
    let mut skipped = 0;
    map_in_order(
        &files,
        |path| json_line(path),
        |line| -> anyhow::Result<()> {
            match line {
                Ok(line) => out.write_all(&line)?,
                Err(why) => {
                    skipped += 1;
                    // A file's name is anyone's text.
                    writeln!(err, "warning: skipped {}", crate::display::escape(&why))?;
                }
            }
            Ok(())
        },
    )?;
    Ok(skipped)
}

/// One interview as a line of JSON, or why it could not be read.
fn json_line(path: &Path) -> Result<Vec<u8>, String> {
    let record = store::load(path).map_err(|e| e.to_string())?;
    let id = store::session_id(path);
    let mut line = serde_json::to_vec(&export::json(&record, &id)).map_err(|e| e.to_string())?;
    line.push(b'\n');
    Ok(line)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::in_order::READ_AHEAD;
    use crate::store::testing::sample_record;

    /// Standard output that, when the first interview reaches it, spoils
    /// the file of another: only an export that writes that interview
    /// before reading the other sees the spoiled file.
    struct Spoils {
        file: PathBuf,
        lines: Vec<u8>,
    }

    impl Write for Spoils {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.lines.is_empty() {
                std::fs::write(&self.file, "not: [an interview")?;
            }
            self.lines.extend_from_slice(buf);
            Ok(buf.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn interviews_are_written_as_they_are_read_never_all_held() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let count = READ_AHEAD + 2;
        for i in 0..count {
            let mut record = sample_record(3, 0);
            record.candidate = format!("Candidate {i:03}");
            store::write_record(&dir.join(format!("{i:03}.yaml")), &record).unwrap();
        }
        // Newest first by name: the oldest is written last, and read more
        // than READ_AHEAD interviews after the first is written.
        let mut out = Spoils {
            file: dir.join("000.yaml"),
            lines: Vec::new(),
        };
        let mut err = Vec::new();
        let skipped = all_as_json_lines(dir, &mut out, &mut err).unwrap();
        let out = String::from_utf8(out.lines).unwrap();
        let err = String::from_utf8(err).unwrap();
        assert_eq!(out.lines().count(), count - 1, "{err}");
        let first = format!("\"Candidate {:03}\"", count - 1);
        assert!(out.lines().next().unwrap().contains(&first), "{out}");
        assert_eq!(skipped, 1);
        assert!(err.contains("000.yaml") && err.contains("damaged"), "{err}");
    }
}
