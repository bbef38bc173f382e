//! `phonescreen compare` and `phonescreen report`: saved interviews side by
//! side, and how a bank's questions fare, as plain text or (`--json`) for
//! scripts.

use std::io::Write;

use anyhow::Context;

use crate::interview::record::Record;
use crate::paths::Paths;
use crate::review::{Grid, Query, Report};
use crate::store;

/// Every saved interview that matches `query` and `bank`, damaged files
/// reported on `err`; an error when the sessions folder cannot be read.
fn interviews(
    paths: &Paths,
    query: &Query,
    bank: Option<&str>,
    err: &mut impl Write,
) -> anyhow::Result<Vec<Record>> {
    let found = super::archive::files(&paths.sessions_dir())?;
    let mut records = Vec::new();
    for (path, _) in &found.files {
        match store::load(path) {
            Ok(record) => {
                let in_bank = bank.is_none_or(|b| b == record.bank.key || b == record.bank.name);
                if in_bank && query.matches(&record) {
                    records.push(record);
                }
            }
            Err(e) => writeln!(
                err,
                "warning: skipped {}",
                crate::display::escape(&e.to_string())
            )?,
        }
    }
    Ok(records)
}

/// What to say when nothing matched.
fn nothing(paths: &Paths, query: &Query, bank: Option<&str>) -> String {
    let mut what = "No saved interviews".to_string();
    if let Some(bank) = bank {
        what.push_str(&format!(" of bank `{bank}`"));
    }
    if !query.is_empty() {
        what.push_str(" match the query");
    }
    format!("{what} in {}.", paths.sessions_dir().display())
}

/// Writes `value` as indented JSON, with what a terminal would act on
/// escaped as `sessions list --json` does (names come from the files).
fn write_json(value: &serde_json::Value, out: &mut impl Write) -> std::io::Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(std::io::Error::other)?;
    writeln!(out, "{}", crate::display::json_safe(&text))
}

/// Prints one grid per bank of the matching interviews (as one JSON
/// document with `json`); false when none matched.
pub fn compare(
    paths: &Paths,
    query: &str,
    bank: Option<&str>,
    json: bool,
    out: &mut impl Write,
    err: &mut impl Write,
) -> anyhow::Result<bool> {
    let query = Query::parse(query);
    let records = interviews(paths, &query, bank, err)?;
    print_grids(paths, &query, bank, &records, json, out, err)
        .context("cannot print the comparison")
}

fn print_grids(
    paths: &Paths,
    query: &Query,
    bank: Option<&str>,
    records: &[Record],
    json: bool,
    out: &mut impl Write,
    err: &mut impl Write,
) -> std::io::Result<bool> {
    if records.is_empty() {
        writeln!(err, "{}", nothing(paths, query, bank))?;
        return Ok(false);
    }
    let grids = Grid::by_bank(records);
    if json {
        write_json(&crate::review::compare::json(&grids), out)?;
        return Ok(true);
    }
    for (i, grid) in grids.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        write!(out, "{}", grid.to_text())?;
    }
    Ok(true)
}

/// Prints one report per bank (as one JSON document with `json`); false
/// when no completed interview matched.
pub fn report(
    paths: &Paths,
    bank: Option<&str>,
    json: bool,
    out: &mut impl Write,
    err: &mut impl Write,
) -> anyhow::Result<bool> {
    let query = Query::default();
    let records = interviews(paths, &query, bank, err)?;
    print_reports(paths, bank, &records, json, out, err).context("cannot print the report")
}

fn print_reports(
    paths: &Paths,
    bank: Option<&str>,
    records: &[Record],
    json: bool,
    out: &mut impl Write,
    err: &mut impl Write,
) -> std::io::Result<bool> {
    let query = Query::default();
    let reports = Report::by_bank(records);
    if reports.is_empty() {
        writeln!(
            err,
            "{} (a report counts completed interviews only).",
            nothing(paths, &query, bank).trim_end_matches('.')
        )?;
        return Ok(false);
    }
    if json {
        write_json(&crate::review::report::json(&reports), out)?;
        return Ok(true);
    }
    for (i, report) in reports.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        write!(out, "{}", report.to_text())?;
    }
    Ok(true)
}
