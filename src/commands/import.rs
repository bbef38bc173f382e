//! `phonescreen import FILE`: a backup (what `export` writes) back into the
//! archive. Each record is checked as a saved file is when opened, then
//! written with the store's own writer; an interview is never replaced by
//! one that is not newer, nor while it is open. Any refusal makes the exit
//! status 1.

use std::fmt::Write as _;
use std::io::{self, BufRead, Read, Write};
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::display::escape;
use crate::interview::limits::MAX_FILE_BYTES;
use crate::interview::record::Record;
use crate::review::export::EXPORT_FORMAT;
use crate::store;

/// The longest record read: JSON escapes make a record longer than the
/// YAML file phonescreen keeps (at most [`MAX_FILE_BYTES`]), never twice.
const MAX_RECORD_BYTES: u64 = 2 * MAX_FILE_BYTES;

/// How many of each outcome an import had.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    /// New interviews saved.
    pub(crate) added: usize,
    /// Interviews saved over an older copy.
    pub(crate) replaced: usize,
    /// Records the archive already had, the same or newer.
    pub(crate) skipped: usize,
    /// Records that could not be read, checked or saved.
    pub refused: usize,
}

/// Where one record came from, for messages: `FILE:LINE` (with the column
/// of a problem when it is known).
struct Place<'a> {
    source: &'a str,
    line: usize,
}

impl Place<'_> {
    fn at(&self, column: Option<usize>) -> String {
        match column {
            Some(column) => format!("{}:{}:{column}", self.source, self.line),
            None => format!("{}:{}", self.source, self.line),
        }
    }
}

/// `phonescreen import FILE`: reads `file` (`-`: standard input) into the
/// archive at `sessions_dir`, as [`import`] does.
pub fn import_file(
    sessions_dir: &Path,
    file: &Path,
    out: &mut impl Write,
    err: &mut impl Write,
) -> anyhow::Result<Tally> {
    use anyhow::Context;
    if file.as_os_str() == "-" {
        let stdin = io::stdin().lock();
        return Ok(import(sessions_dir, super::STDIN_NAME, stdin, out, err)?);
    }
    let input = crate::fsread::open_regular(file)
        .with_context(|| format!("cannot read {}", file.display()))?;
    let name = file.display().to_string();
    Ok(import(
        sessions_dir,
        &name,
        io::BufReader::new(input),
        out,
        err,
    )?)
}

/// Reads `input` (named `source` in messages) into the archive at
/// `sessions_dir`, reporting each record to `out` and each refusal to `err`.
pub(crate) fn import(
    sessions_dir: &Path,
    source: &str,
    input: impl BufRead,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<Tally> {
    let mut importer = Importer {
        sessions_dir,
        source,
        out,
        err,
        tally: Tally::default(),
    };
    importer.run(input)?;
    let tally = importer.tally;
    writeln!(
        importer.out,
        "{} added, {} replaced, {} skipped, {} refused",
        tally.added, tally.replaced, tally.skipped, tally.refused
    )?;
    Ok(tally)
}

struct Importer<'a, O, E> {
    sessions_dir: &'a Path,
    source: &'a str,
    out: &'a mut O,
    err: &'a mut E,
    tally: Tally,
}

/// One line of the input, read up to [`MAX_RECORD_BYTES`].
enum Line {
    Text(String),
    TooLong,
    NotUtf8(usize),
}

fn read_line(input: &mut impl BufRead) -> io::Result<Option<Line>> {
    let mut bytes = Vec::new();
    let read = Read::take(&mut *input, MAX_RECORD_BYTES + 1).read_until(b'\n', &mut bytes)?;
    if read == 0 {
        return Ok(None);
    }
    if bytes.len() as u64 > MAX_RECORD_BYTES {
        // Drop the rest of the line, then go on with the next.
        loop {
            let buffer = input.fill_buf()?;
            if buffer.is_empty() {
                break;
            }
            match buffer.iter().position(|&b| b == b'\n') {
                Some(end) => {
                    input.consume(end + 1);
                    break;
                }
                None => {
                    let all = buffer.len();
                    input.consume(all);
                }
            }
        }
        return Ok(Some(Line::TooLong));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Some(Line::Text(text))),
        Err(e) => Ok(Some(Line::NotUtf8(e.utf8_error().valid_up_to()))),
    }
}

impl<O: Write, E: Write> Importer<'_, O, E> {
    fn refuse(&mut self, place: &str, problem: &str) -> io::Result<()> {
        self.tally.refused += 1;
        writeln!(
            self.err,
            "phonescreen: refused {}: {}",
            escape(place),
            escape(problem)
        )
    }

    /// Tells the layout from the first line that is not blank: `{` alone
    /// starts one pretty-printed JSON record (`export ID --format json`),
    /// `{…}` a JSON line of `export --all`, anything else is YAML
    /// (`export ID --format yaml`).
    fn run(&mut self, mut input: impl BufRead) -> io::Result<()> {
        let mut line_number = 0;
        let first = loop {
            line_number += 1;
            match read_line(&mut input)? {
                None => {
                    let place = self.source.to_string();
                    return self.refuse(&place, "it is empty; there is nothing to import");
                }
                Some(Line::Text(text)) if text.trim().is_empty() => continue,
                Some(line) => break line,
            }
        };
        let place = Place {
            source: self.source,
            line: line_number,
        };
        match first {
            Line::Text(text) if text.trim() == "{" => {
                let whole = self.rest(text, &mut input)?;
                match whole {
                    Some(whole) => self.document(&place, &whole, Layout::Json),
                    None => self.too_long(&place),
                }
            }
            Line::Text(text) if text.trim_start().starts_with('{') => {
                self.json_line(&place, &text)?;
                self.json_lines(line_number, input)
            }
            Line::Text(text) => match self.rest(text, &mut input)? {
                Some(whole) => self.document(&place, &whole, Layout::Yaml),
                None => self.too_long(&place),
            },
            Line::TooLong => {
                self.too_long(&place)?;
                self.json_lines(line_number, input)
            }
            Line::NotUtf8(at) => {
                let problem = format!(
                    "it is not UTF-8 text (bad byte {at} bytes into the line); phonescreen exports are UTF-8"
                );
                self.refuse(&place.at(None), &problem)?;
                self.json_lines(line_number, input)
            }
        }
    }

    fn too_long(&mut self, place: &Place) -> io::Result<()> {
        let problem = format!(
            "it is more than {MAX_RECORD_BYTES} bytes, more than an export of any interview phonescreen keeps"
        );
        self.refuse(&place.at(None), &problem)
    }

    /// `first` and everything after it, up to the cap; `None` when longer.
    fn rest(&mut self, first: String, input: &mut impl BufRead) -> io::Result<Option<String>> {
        let mut bytes = first.into_bytes();
        let room = MAX_RECORD_BYTES.saturating_sub(bytes.len() as u64);
        Read::take(&mut *input, room + 1).read_to_end(&mut bytes)?;
        if bytes.len() as u64 > MAX_RECORD_BYTES {
            return Ok(None);
        }
        Ok(Some(String::from_utf8_lossy(&bytes).into_owned()))
    }

    fn json_lines(&mut self, mut line_number: usize, mut input: impl BufRead) -> io::Result<()> {
        while let Some(line) = read_line(&mut input)? {
            line_number += 1;
            let place = Place {
                source: self.source,
                line: line_number,
            };
            match line {
                Line::Text(text) if text.trim().is_empty() => {}
                Line::Text(text) => self.json_line(&place, &text)?,
                Line::TooLong => self.too_long(&place)?,
                Line::NotUtf8(at) => {
                    let problem = format!(
                        "it is not UTF-8 text (bad byte at column {}); fix or remove the line",
                        at + 1
                    );
                    self.refuse(&place.at(None), &problem)?;
                }
            }
        }
        Ok(())
    }

    fn json_line(&mut self, place: &Place, text: &str) -> io::Result<()> {
        let text = text.trim_end_matches(['\n', '\r']);
        match serde_json::from_str::<Value>(text) {
            Ok(value) => self.record(place, value),
            Err(e) => {
                let problem = format!(
                    "not a line of JSON ({}); export --all writes one JSON object a line: fix or remove this line",
                    without_position(&e)
                );
                self.refuse(&place.at(Some(e.column())), &problem)
            }
        }
    }

    fn document(&mut self, place: &Place, text: &str, layout: Layout) -> io::Result<()> {
        let parsed = match layout {
            Layout::Json => serde_json::from_str::<Value>(text).map_err(|e| {
                let at = Place {
                    source: self.source,
                    line: place.line + e.line() - 1,
                };
                (at.at(Some(e.column())), format!("not JSON ({})", without_position(&e)))
            }),
            Layout::Yaml => crate::yaml::from_str::<Value>(text).map_err(|e| {
                let at = match e.position {
                    Some((line, column)) => Place {
                        source: self.source,
                        line: place.line + line - 1,
                    }
                    .at(Some(column)),
                    None => self.source.to_string(),
                };
                (
                    at,
                    format!(
                        "not a phonescreen export: {}; import reads what `phonescreen export` writes (JSON lines, JSON or YAML)",
                        e.message
                    ),
                )
            }),
        };
        match parsed {
            Ok(value) => self.record(place, value),
            Err((at, problem)) => self.refuse(&at, &problem),
        }
    }

    /// Checks one exported record and saves it, or says why not.
    fn record(&mut self, place: &Place, value: Value) -> io::Result<()> {
        let mut at = place.at(None);
        let (id, record) = match decode(value) {
            Ok(decoded) => decoded,
            Err((Some(id), problem)) => return self.refuse(&format!("{at} ({id})"), &problem),
            Err((None, problem)) => return self.refuse(&at, &problem),
        };
        at = format!("{at} ({id})");
        match self.save(&id, &record) {
            Ok(Saved::Added) => {
                self.tally.added += 1;
                writeln!(
                    self.out,
                    "added {}: {}, {} ({})",
                    escape(&id),
                    escape(&record.candidate),
                    escape(&record.role),
                    record.status.as_str()
                )
            }
            Ok(Saved::Replaced(old)) => {
                self.tally.replaced += 1;
                writeln!(
                    self.out,
                    "replaced {}: the archive's copy ({}) with this newer one ({})",
                    escape(&id),
                    version(&old),
                    version(&record)
                )
            }
            Ok(Saved::Skipped(why)) => {
                self.tally.skipped += 1;
                writeln!(self.out, "skipped {}: {why}", escape(&id))
            }
            Err(problem) => self.refuse(&at, &problem),
        }
    }

    fn save(&mut self, id: &str, record: &Record) -> Result<Saved, String> {
        let target = self.sessions_dir.join(format!("{id}.yaml"));
        // The copy `sessions list` would show: in sessions/, or newer in a
        // rescue folder.
        let existing = store::files(self.sessions_dir)
            .files
            .into_iter()
            .map(|(path, _)| path)
            .find(|path| store::session_id(path) == id);
        crate::paths::create_private_dir(self.sessions_dir)
            .map_err(|e| format!("cannot create {}: {e}", self.sessions_dir.display()))?;
        // Held until the file is written: no running phonescreen writes
        // the interview meanwhile, and one that has it open keeps it.
        let mut locks = Vec::new();
        for path in std::iter::once(&target).chain(existing.as_ref()) {
            if locks.iter().any(|(p, _): &(PathBuf, _)| p == path) {
                continue;
            }
            let lock = store::SessionLock::acquire(path)
                .map_err(|e| format!("{e}; import it again once it is closed"))?;
            locks.push((path.clone(), lock));
        }
        let old = match &existing {
            Some(path) => Some(store::load(path).map_err(|e| {
                format!(
                    "the archive already has an interview `{id}` that cannot be read ({}); move {} aside to import this copy",
                    e.problem,
                    path.display()
                )
            })?),
            None => None,
        };
        if let Some(old) = &old {
            if old == record {
                return Ok(Saved::Skipped("already in the archive".to_string()));
            }
            if (record.revision, record.updated_at) <= (old.revision, old.updated_at) {
                return Ok(Saved::Skipped(format!(
                    "the archive's copy ({}) is not older than this one ({}); kept the archive's",
                    version(old),
                    version(record)
                )));
            }
        }
        store::write_record(&target, record).map_err(|e| e.to_string())?;
        drop(locks);
        Ok(match old {
            Some(old) => Saved::Replaced(Box::new(old)),
            None => Saved::Added,
        })
    }
}

enum Layout {
    Json,
    Yaml,
}

enum Saved {
    Added,
    Replaced(Box<Record>),
    Skipped(String),
}

/// `revision 42, saved 2025-03-04 10:40`: what tells two copies apart.
fn version(record: &Record) -> String {
    format!(
        "revision {}, saved {}",
        record.revision,
        record.updated_at.format("%Y-%m-%d %H:%M:%S %:z")
    )
}

/// serde_json's message without its ` at line L column C`, which the
/// report gives as `FILE:LINE:COLUMN` instead.
fn without_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let tail = format!(" at line {} column {}", e.line(), e.column());
    text.strip_suffix(&tail).unwrap_or(&text).to_string()
}

/// The id and the interview of one exported record, checked as a saved
/// file is checked when it is opened; or what is wrong with it (with the
/// id, once it is known, so the report can say which interview).
fn decode(value: Value) -> Result<(String, Record), (Option<String>, String)> {
    let mut id = None;
    decode_fields(value, &mut id)
        .map(|record| (id.clone().unwrap_or_default(), record))
        .map_err(|problem| (id, problem))
}

fn decode_fields(value: Value, found_id: &mut Option<String>) -> Result<Record, String> {
    let Value::Object(mut fields) = value else {
        return Err(format!(
            "expected an exported interview (a JSON object), found {}; import reads what `phonescreen export` writes",
            kind(&value)
        ));
    };
    let format = fields.remove("export_format");
    let id = fields.remove("id");
    let format = match format {
        Some(Value::Number(n)) => n.as_u64(),
        None => {
            return Err(
                "not a phonescreen export: it has no `export_format`; import reads what `phonescreen export --format json|yaml` and `export --all` write"
                    .to_string(),
            );
        }
        Some(_) => None,
    };
    match format {
        Some(f) if (1..=u64::from(EXPORT_FORMAT)).contains(&f) => {}
        Some(f) if f > u64::from(EXPORT_FORMAT) => {
            return Err(format!(
                "export_format {f} is newer than this phonescreen reads ({EXPORT_FORMAT}); import it with a newer phonescreen"
            ));
        }
        _ => {
            return Err(format!(
                "export_format must be a whole number from 1 to {EXPORT_FORMAT}"
            ));
        }
    }
    let id = match id {
        Some(Value::String(id)) => check_id(&id)?,
        Some(other) => {
            return Err(format!(
                "`id` must be text (the interview's file name without .yaml), found {}",
                kind(&other)
            ));
        }
        None => {
            return Err(
                "it has no `id` (the interview's file name without .yaml), so there is no name to save it under"
                    .to_string(),
            );
        }
    };
    *found_id = Some(id);
    let record: Record = serde_json::from_value(Value::Object(fields))
        .map_err(|e| format!("not an interview phonescreen can open: {e}"))?;
    record
        .check()
        .map_err(|problem| format!("not an interview phonescreen can open: {problem}"))?;
    // What is saved must open again as it is: the same check `store::load`
    // makes, on the very text that will be written.
    let text = store::to_yaml(&record)
        .map_err(|e| format!("cannot be written as an interview file: {e}"))?;
    let back: Record = crate::yaml::from_str(&text)
        .map_err(|e| format!("would not read back from its interview file: {e}"))?;
    if back != record {
        return Err(
            "would not read back the same from its interview file; report this as a bug".into(),
        );
    }
    Ok(record)
}

/// `id` when it names a file in the sessions folder and nothing else: no
/// folder (`/`), not hidden or relative (`.`), no control characters, not
/// too long for a file name.
fn check_id(id: &str) -> Result<String, String> {
    let mut problems = String::new();
    if id.is_empty() {
        problems.push_str("it is empty");
    } else if id.contains('/') {
        problems.push_str("it holds `/`, which would save it outside the sessions folder");
    } else if id.starts_with('.') {
        problems.push_str("it starts with `.`, which would hide it or climb out of the folder");
    } else if id.chars().any(crate::display::is_unsafe) {
        problems.push_str("it holds control characters");
    } else if id.len() > 200 {
        let _ = write!(
            problems,
            "it is {} bytes long; file names hold at most 200",
            id.len()
        );
    } else {
        return Ok(id.to_string());
    }
    Err(format!(
        "the id `{id}` is not an interview id: {problems}; an id is the file name of a saved interview without .yaml, such as 20250304-101500-ada-lovelace"
    ))
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_that_leave_the_folder_are_refused() {
        for id in [
            "../x",
            "a/b",
            "/etc/passwd",
            ".hidden",
            "..",
            "",
            "a\u{1b}b",
        ] {
            assert!(check_id(id).is_err(), "{id:?}");
        }
        assert_eq!(
            check_id("20250304-101500-ada").as_deref(),
            Ok("20250304-101500-ada")
        );
    }
}
