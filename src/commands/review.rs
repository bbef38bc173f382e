//! `phonescreen compare` and `phonescreen report`: saved interviews side by
//! side, and how a bank's questions fare, as plain text or (`--json`) for
//! scripts.

use std::io::Write;

use anyhow::Context;

use super::write_json;
use crate::interview::record::Status;
use crate::paths::Paths;
use crate::review::{Archive, Facts, Grid, Query, Report};

/// What compare and report need of every saved interview that matches
/// `query` and `bank` and whose status `wanted` takes, through the review
/// index (brought up to date first: only new and changed files are read),
/// in the order the files are listed; damaged files reported on `err`, and
/// an error when the sessions folder cannot be read (never an empty grid).
fn interviews(
    paths: &Paths,
    query: &Query,
    bank: Option<&str>,
    wanted: impl Fn(Status) -> bool,
    err: &mut impl Write,
) -> anyhow::Result<Vec<Facts>> {
    let (archive, _) =
        Archive::refresh(&paths.sessions_dir(), super::sessions::progress_on_stderr());
    if let Some((path, why)) = &archive.problem {
        super::archive::check(&paths.sessions_dir(), &[(path.clone(), why.clone())])?;
        writeln!(
            err,
            "warning: {}",
            crate::display::escape(&format!("{}: {why}", path.display()))
        )?;
    }
    // In the order the files are listed (newest first by name), as when
    // every file was read: the warnings come in that order, and it breaks
    // ties between interviews that started in the same second.
    let mut order: Vec<usize> = (0..archive.items.len()).collect();
    order.sort_by(|&a, &b| {
        archive
            .path(b)
            .file_name()
            .cmp(&archive.path(a).file_name())
    });
    // A file's name is anyone's text.
    let skipped = |path: &std::path::Path, why: &str| {
        crate::display::escape(&format!("cannot open {}: {why}", path.display())).into_owned()
    };
    let mut chosen = Vec::new();
    for i in order {
        match &archive.items[i].summary {
            Ok(s) => {
                if bank.is_none_or(|b| b == s.bank_key || b == s.bank) && wanted(s.status) {
                    chosen.push(i);
                }
            }
            Err(why) => writeln!(err, "warning: skipped {}", skipped(archive.path(i), why))?,
        }
    }
    // Only the interviews still in the running have their text searched.
    let matched = archive.filter(query, Some(&chosen));
    let mut records = Vec::with_capacity(matched.len());
    for (i, facts) in matched.iter().zip(archive.facts(&matched)) {
        match facts {
            Ok(facts) => records.push(facts),
            Err(why) => writeln!(err, "warning: skipped {}", skipped(archive.path(*i), &why))?,
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
    let records = interviews(paths, &query, bank, |_| true, err)?;
    if records.is_empty() {
        writeln!(err, "{}", nothing(paths, &query, bank))?;
        return Ok(false);
    }
    let grids = Grid::by_bank_of(&records);
    // The grids hold all they print: the facts go before the text is made.
    drop(records);
    print(
        &grids,
        json,
        crate::review::compare::json,
        Grid::to_text,
        out,
    )
    .context("cannot print the comparison")?;
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
    // Interviews still going count nowhere in a report: their facts are
    // not even read.
    let counted = |status| matches!(status, Status::Completed | Status::NoShow);
    let records = interviews(paths, &query, bank, counted, err)?;
    let reports = Report::by_bank_of(&records);
    if reports.is_empty() {
        writeln!(
            err,
            "{} (a report counts completed interviews only).",
            nothing(paths, &query, bank).trim_end_matches('.')
        )?;
        return Ok(false);
    }
    print(
        &reports,
        json,
        crate::review::report::json,
        Report::to_text,
        out,
    )
    .context("cannot print the report")?;
    Ok(true)
}

/// Writes `items` as one JSON document (with `json`), or as their texts
/// with a blank line between two.
fn print<T>(
    items: &[T],
    json: bool,
    to_json: fn(&[T]) -> serde_json::Value,
    to_text: fn(&T) -> String,
    out: &mut impl Write,
) -> std::io::Result<()> {
    if json {
        return write_json(&to_json(items), out);
    }
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        write!(out, "{}", to_text(item))?;
    }
    Ok(())
}
