//! `phonescreen bank ...`: validate, list, schema, new.

use std::io::Write;
use std::path::Path;

use crate::bank::{self, load};
use crate::paths::{Paths, create_private_dir};

/// Validates each file, printing every problem; returns the exit code (0 valid, 1 any error).
pub fn validate(files: &[impl AsRef<Path>], out: &mut impl Write) -> std::io::Result<i32> {
    let mut any_error = false;
    let mut total_errors = 0;
    let mut total_warnings = 0;
    for file in files {
        let file = file.as_ref();
        let name = file.display().to_string();
        let report = load::read_file(file);
        for d in &report.diagnostics {
            writeln!(out, "{}", d.display_for(&name))?;
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
pub fn list(paths: &Paths, out: &mut impl Write) -> std::io::Result<()> {
    let banks_dir = paths.banks_dir();
    writeln!(
        out,
        "{:<24} {:>9}  {:<36} SOURCE",
        "BANK", "QUESTIONS", "NAME"
    )?;
    for entry in bank::catalog(&banks_dir) {
        match entry {
            Ok(loaded) => writeln!(
                out,
                "{:<24} {:>9}  {:<36} {}",
                loaded.key,
                loaded.bank.question_count(),
                loaded.bank.name,
                loaded.origin
            )?,
            Err(err) => {
                let key = match &err.origin {
                    bank::Origin::File(p) => p
                        .file_stem()
                        .map(|s| s.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                    bank::Origin::Builtin => bank::BUILTIN_NAME.to_string(),
                };
                let errors = err.diagnostics.iter().filter(|d| d.is_error()).count();
                writeln!(
                    out,
                    "{key:<24} {:>9}  {:<36} {}",
                    "-",
                    format!("INVALID ({errors} error(s); run bank validate)"),
                    err.origin
                )?
            }
        }
    }
    writeln!(out)?;
    writeln!(
        out,
        "User banks are read from {} (*.yaml).",
        banks_dir.display()
    )?;
    Ok(())
}

/// Writes the starter bank to `file`.
pub fn new(file: &Path, force: bool) -> Result<(), String> {
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
