//! `phonescreen bank ...`: validate, list, schema, new.

use std::io::Write;
use std::path::Path;

use crate::bank::{self, load};
use crate::display::{self, column, escape};
use crate::paths::{Paths, create_private_dir};

/// Cells for the bank's name; longer names are cut with `…`.
const NAME_CELLS: usize = 36;
/// What the name column says for a bank that does not load.
const INVALID: &str = "INVALID";

/// Validates each file, printing every problem; returns the exit code (0 valid, 1 any error).
///
/// Each problem is one line, whatever the file holds: text quoted from the
/// file (and the file's name) is escaped, line breaks included.
pub fn validate(files: &[impl AsRef<Path>], out: &mut impl Write) -> std::io::Result<i32> {
    let mut any_error = false;
    let mut total_errors = 0;
    let mut total_warnings = 0;
    for file in files {
        let file = file.as_ref();
        let name = file.display().to_string();
        let report = load::read_file(file);
        for d in &report.diagnostics {
            writeln!(out, "{}", escape(&d.display_for(&name).to_string()))?;
            if d.is_error() {
                total_errors += 1;
            } else {
                total_warnings += 1;
            }
        }
        any_error |= report.has_errors();
    }
    let files_word = if files.len() == 1 { "file" } else { "files" };
    if any_error {
        writeln!(
            out,
            "{} {files_word} checked: {total_errors} error(s), {total_warnings} warning(s)",
            files.len()
        )?;
    } else {
        writeln!(
            out,
            "{} {files_word} valid, {total_warnings} warning(s)",
            files.len()
        )?;
    }
    Ok(i32::from(any_error))
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
