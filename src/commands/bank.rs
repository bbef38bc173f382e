//! `phonescreen bank ...`: validate, list, schema, new.

use std::io::{Read, Write};
use std::path::Path;

use crate::bank::{self, Diagnostic, Severity, load};
use crate::cli::ValidateFormat;
use crate::display::{self, column, escape};
use crate::paths::{Paths, create_private_dir};

/// Cells for the bank's name; longer names are cut with `…`.
const NAME_CELLS: usize = 36;
/// What the name column says for a bank that does not load.
const INVALID: &str = "INVALID";

/// Validates each file (`-` is standard input), printing every problem in
/// `format`; returns the exit code (0 valid, 1 any error).
///
/// Each problem is one line, whatever the file holds: text quoted from the
/// file (and the file's name) is escaped, line breaks included.
pub fn validate(
    files: &[impl AsRef<Path>],
    format: ValidateFormat,
    stdin: &mut impl Read,
    out: &mut impl Write,
) -> std::io::Result<i32> {
    let mut stdin_read = false;
    let reports: Vec<(String, load::Report)> = files
        .iter()
        .map(|file| {
            let file = file.as_ref();
            if file != Path::new("-") {
                return (file.display().to_string(), load::read_file(file));
            }
            let report = if std::mem::replace(&mut stdin_read, true) {
                load::Report::failed(Diagnostic::error(
                    "",
                    "standard input was already read for an earlier `-`; name `-` once",
                ))
            } else {
                read_stdin(stdin)
            };
            (super::STDIN_NAME.to_string(), report)
        })
        .collect();
    let any_error = reports.iter().any(|(_, r)| r.has_errors());
    match format {
        ValidateFormat::Text => text(&reports, out)?,
        ValidateFormat::Json => json(&reports, out)?,
        ValidateFormat::Github => github(&reports, out)?,
    }
    Ok(i32::from(any_error))
}

/// The bank on standard input, read up to one byte past the cap so a
/// bigger one is refused as a file would be.
fn read_stdin(stdin: &mut impl Read) -> load::Report {
    let mut bytes = Vec::new();
    let cap = load::MAX_BANK_BYTES as u64 + 1;
    match stdin.take(cap).read_to_end(&mut bytes) {
        Ok(_) => load::parse(&bytes),
        Err(e) => load::Report::failed(Diagnostic::error(
            "",
            format!("cannot read standard input: {e}"),
        )),
    }
}

/// `FILE:LINE:COLUMN: error: PATH: message` lines and a summary.
fn text(reports: &[(String, load::Report)], out: &mut impl Write) -> std::io::Result<()> {
    for (name, report) in reports {
        for d in &report.diagnostics {
            writeln!(out, "{}", escape(&d.display_for(name).to_string()))?;
        }
    }
    writeln!(out, "{}", summary(reports))
}

/// `2 files checked: 3 error(s), 1 warning(s)`, or `2 files valid, …`.
fn summary(reports: &[(String, load::Report)]) -> String {
    let all = || reports.iter().flat_map(|(_, r)| &r.diagnostics);
    let errors = all().filter(|d| d.is_error()).count();
    let warnings = all().count() - errors;
    let files = reports.len();
    let files_word = if files == 1 { "file" } else { "files" };
    if errors > 0 {
        format!("{files} {files_word} checked: {errors} error(s), {warnings} warning(s)")
    } else {
        format!("{files} {files_word} valid, {warnings} warning(s)")
    }
}

/// One JSON array of every problem, for scripts: `file`, `line` and
/// `column` (1-based; null when the problem is the whole file, such as one
/// that cannot be read), `severity` (`error` or `warning`), `path` (the
/// field, empty for the whole file) and `message`. Text is as the file
/// holds it, JSON-escaped; nothing else is printed.
fn json(reports: &[(String, load::Report)], out: &mut impl Write) -> std::io::Result<()> {
    let problems: Vec<serde_json::Value> = reports
        .iter()
        .flat_map(|(name, report)| {
            report.diagnostics.iter().map(move |d| {
                serde_json::json!({
                    "file": name,
                    "line": d.position.map(|p| p.0),
                    "column": d.position.map(|p| p.1),
                    "severity": severity(d),
                    "path": d.path,
                    "message": d.message,
                })
            })
        })
        .collect();
    super::write_json(&problems, out)
}

fn severity(d: &Diagnostic) -> &'static str {
    match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// GitHub Actions workflow commands, one a problem, which the runner turns
/// into annotations on the lines of a pull request:
/// `::error file=F,line=L,col=C::PATH: message`; then the summary as a
/// plain log line.
fn github(reports: &[(String, load::Report)], out: &mut impl Write) -> std::io::Result<()> {
    for (name, report) in reports {
        for d in &report.diagnostics {
            let mut properties = format!("file={}", github_property(name));
            if let Some((line, column)) = d.position {
                properties.push_str(&format!(",line={line},col={column}"));
            }
            let message = if d.path.is_empty() {
                d.message.clone()
            } else {
                format!("{}: {}", d.path, d.message)
            };
            writeln!(
                out,
                "::{} {properties}::{}",
                severity(d),
                github_data(&message)
            )?;
        }
    }
    // The same last line as the text format, as a plain line of the log.
    writeln!(out, "{}", summary(reports))
}

/// A workflow command's message as the runner reads it back: `%`, CR and
/// LF percent-encoded (`escapeData` in actions/toolkit's
/// `packages/core/src/command.ts`), and what else could drive a terminal
/// shown as an escape, as everywhere phonescreen prints a file's text.
fn github_data(text: &str) -> String {
    let encoded = text
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    escape(&encoded).into_owned()
}

/// A workflow command's property value: as [`github_data`], and `:` and `,`
/// too, which would end the value (`escapeProperty` in the same file).
fn github_property(text: &str) -> String {
    github_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// Lists the built-in bank and the user's banks.
///
/// Names and paths come from files, so they are escaped; columns are
/// measured in terminal cells so wide names keep the table aligned.
pub fn list(paths: &Paths, out: &mut impl Write) -> std::io::Result<()> {
    let banks_dir = paths.banks_dir();
    let catalog = bank::catalog(&banks_dir);
    let invalid = catalog.iter().any(Result::is_err);
    let rows: Vec<[String; 4]> = catalog
        .into_iter()
        .map(|entry| match entry {
            Ok(loaded) => [
                escape(&loaded.key).into_owned(),
                loaded.bank.question_count().to_string(),
                column(&loaded.bank.name, NAME_CELLS),
                escape(&loaded.origin.to_string()).into_owned(),
            ],
            Err(err) => {
                let key = match &err.origin {
                    bank::Origin::File(p) => p
                        .file_stem()
                        .map(|s| s.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                    bank::Origin::Builtin => bank::BUILTIN_NAME.to_string(),
                };
                let errors = err.diagnostics.iter().filter(|d| d.is_error()).count();
                let errors = match errors {
                    1 => "1 error".to_string(),
                    n => format!("{n} errors"),
                };
                [
                    escape(&key).into_owned(),
                    "-".to_string(),
                    display::pad(&format!("{INVALID} ({errors})"), NAME_CELLS),
                    escape(&err.origin.to_string()).into_owned(),
                ]
            }
        })
        .collect();
    // Keys are shown whole, since `--bank KEY` takes them.
    let key_cells = rows
        .iter()
        .map(|r| display::width(&r[0]))
        .max()
        .unwrap_or(0)
        .max(24);
    writeln!(
        out,
        "{} {:>9}  {} SOURCE",
        display::pad("BANK", key_cells),
        "QUESTIONS",
        display::pad("NAME", NAME_CELLS)
    )?;
    for [key, questions, name, source] in rows {
        writeln!(
            out,
            "{} {questions:>9}  {name} {source}",
            display::pad(&key, key_cells)
        )?;
    }
    writeln!(out)?;
    if invalid {
        writeln!(
            out,
            "{INVALID} banks cannot be used; `phonescreen bank validate FILE` says why."
        )?;
    }
    writeln!(
        out,
        "User banks are read from {} (*.yaml).",
        escape(&banks_dir.display().to_string())
    )?;
    Ok(())
}

/// Writes the starter bank to `file`.
pub fn new(file: &Path, force: bool) -> Result<(), String> {
    if let Some(kind) = crate::fsread::not_a_file(file) {
        // Writing into a FIFO would wait for a reader for ever.
        return Err(format!(
            "{} is {kind}, not a file; choose another name",
            file.display()
        ));
    }
    if file.exists() && !force {
        return Err(format!(
            "{} already exists; choose another name or pass --force to overwrite it",
            file.display()
        ));
    }
    if let Some(parent) = file
        .parent()
        .filter(|p| !p.as_os_str().is_empty() && !p.exists())
    {
        create_private_dir(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    std::fs::write(file, bank::STARTER_TEXT)
        .map_err(|e| format!("cannot write {}: {e}", file.display()))
}
