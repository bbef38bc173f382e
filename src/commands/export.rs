//! `phonescreen export`: an interview as Markdown for a scorecard, or as
//! JSON or YAML for scripts; `--all` for every interview, one JSON object
//! per line.

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
/// `output`, or to `out` when there is none.
pub fn export(
    paths: &Paths,
    target: Option<&str>,
    format: ExportFormat,
    all: bool,
    output: Option<&Path>,
    out: &mut impl Write,
    err: &mut impl Write,
) -> anyhow::Result<()> {
    let sessions = paths.sessions_dir();
    let text = if all {
        if format != ExportFormat::Json {
            bail!("--all writes one JSON object per line; leave out --format or use --format json");
        }
        if output.is_none() {
            // To standard output, each interview as soon as it is read.
            all_as_json_lines(&sessions, out, err)?;
            return Ok(());
        }
        let mut text = Vec::new();
        all_as_json_lines(&sessions, &mut text, err)?;
        String::from_utf8(text)?
    } else {
        let path = find(&sessions, target.unwrap_or("last"))?;
        let record = store::load(&path)?;
        let id = store::session_id(&path);
        match format {
            ExportFormat::Markdown => export::markdown(&record),
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

/// Writes every saved interview to `out` as one JSON object per line, newest
/// first by file name: each is read, written and let go before the next,
/// so memory holds one interview however many there are. Files that cannot
/// be read are named on `err` and left out; how many were left out is
/// returned.
pub fn all_as_json_lines(
    sessions: &Path,
    out: &mut impl Write,
    err: &mut impl Write,
) -> anyhow::Result<usize> {
    let mut skipped = 0;
    let mut line = Vec::new();
    for (path, _) in store::files(sessions).files {
        match store::load(&path) {
            Ok(record) => {
                let id = store::session_id(&path);
                line.clear();
                serde_json::to_writer(&mut line, &export::json(&record, &id))?;
                line.push(b'\n');
                out.write_all(&line)?;
            }
            Err(e) => {
                skipped += 1;
                writeln!(err, "warning: skipped {e}")?;
            }
        }
    }
    Ok(skipped)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testing::sample_record;

    /// Standard output that, when the first interview reaches it, spoils
    /// the file of the next: only an export that writes each interview
    /// before reading the next one sees the spoiled file.
    struct SpoilsNext {
        next: PathBuf,
        lines: Vec<u8>,
    }

    impl Write for SpoilsNext {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.lines.is_empty() {
                std::fs::write(&self.next, "not: [an interview")?;
            }
            self.lines.extend_from_slice(buf);
            Ok(buf.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn every_interview_is_written_before_the_next_is_read() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        for (name, candidate) in [("2-newer", "Ada"), ("1-older", "Grace")] {
            let mut record = sample_record(3, 0);
            record.candidate = candidate.into();
            store::write_record(&dir.join(format!("{name}.yaml")), &record).unwrap();
        }
        let mut out = SpoilsNext {
            next: dir.join("1-older.yaml"),
            lines: Vec::new(),
        };
        let mut err = Vec::new();
        let skipped = all_as_json_lines(dir, &mut out, &mut err).unwrap();
        let out = String::from_utf8(out.lines).unwrap();
        let err = String::from_utf8(err).unwrap();
        assert_eq!(out.lines().count(), 1, "{out}");
        assert!(out.contains("\"Ada\""), "{out}");
        assert_eq!(skipped, 1);
        assert!(
            err.contains("1-older.yaml") && err.contains("damaged"),
            "{err}"
        );
    }
}
