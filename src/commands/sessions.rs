//! `phonescreen sessions list`: saved interviews for people and scripts.

use std::io::Write;

use crate::display::{self, column, escape, plural};
use crate::paths::Paths;
use crate::store;

/// Cells for the candidate and role columns; longer names are cut with `…`.
const CANDIDATE_CELLS: usize = 22;
const ROLE_CELLS: usize = 20;

/// Prints the saved interviews as a table, or a JSON array with `json`.
/// Files that cannot be read are reported on `err` and never stop the
/// listing; a sessions folder that cannot be read is an error.
///
/// Whatever came from the files is escaped (see [`crate::display`]): a
/// saved interview is no more trusted than any other file.
pub fn list(
    paths: &Paths,
    json: bool,
    out: &mut impl Write,
    err: &mut impl Write,
) -> anyhow::Result<()> {
    use anyhow::Context;
    // Through the review index: with thousands of interviews, reading and
    // parsing every file each time took seconds.
    let listing = crate::review::index::listing(&paths.sessions_dir(), progress_on_stderr());
    super::archive::check(&paths.sessions_dir(), &listing.problems)?;
    print_list(paths, json, &listing, out, err).context("cannot print the list")
}

fn print_list(
    paths: &Paths,
    json: bool,
    listing: &store::Listing,
    out: &mut impl Write,
    err: &mut impl Write,
) -> std::io::Result<()> {
    for (path, why) in &listing.problems {
        let path = path.display().to_string();
        writeln!(err, "warning: skipped {}: {}", escape(&path), escape(why))?;
    }
    if json {
        return super::write_json(&listing.sessions, out);
    }
    if listing.sessions.is_empty() {
        writeln!(
            out,
            "No saved interviews in {}. Start one with: phonescreen",
            escape(&paths.sessions_dir().display().to_string())
        )?;
        return Ok(());
    }
    // Ids are shown whole, since `phonescreen resume ID` takes them.
    let id_cells = listing
        .sessions
        .iter()
        .map(|s| display::width(&s.id))
        .max()
        .unwrap_or(0)
        .max("ID".len());
    writeln!(
        out,
        "{} {} {} {:<17} {:<12} RECOMMENDATION",
        display::pad("ID", id_cells),
        display::pad("CANDIDATE", CANDIDATE_CELLS),
        display::pad("ROLE", ROLE_CELLS),
        "STARTED",
        "STATUS"
    )?;
    for s in &listing.sessions {
        writeln!(
            out,
            "{} {} {} {:<17} {:<12} {}",
            display::pad(&escape(&s.id), id_cells),
            column(&s.candidate, CANDIDATE_CELLS),
            column(&s.role, ROLE_CELLS),
            s.started_at.format("%Y-%m-%d %H:%M"),
            s.status.as_str(),
            s.recommendation.map_or("-", |r| r.label())
        )?;
    }
    Ok(())
}

/// Whether to ask before deleting, and whether to delete at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Confirm {
    yes: bool,
    dry_run: bool,
}

impl Confirm {
    /// `--yes` and `--dry-run`.
    pub fn new(yes: bool, dry_run: bool) -> Self {
        Self { yes, dry_run }
    }
}

/// One interview to delete, as the list before asking shows it.
struct Doomed {
    id: String,
    what: String,
    files: usize,
}

/// Lists `doomed`, and `kept` (id, why: interviews deleting by age leaves
/// out, see [`store::retention`]), asks (unless `--yes`), deletes, and says
/// what was done.
fn remove(
    paths: &Paths,
    doomed: Vec<Doomed>,
    kept: &[(String, String)],
    confirm: Confirm,
    out: &mut impl Write,
    err: &mut impl Write,
) -> anyhow::Result<()> {
    let say_kept = |out: &mut dyn Write| -> std::io::Result<()> {
        if kept.is_empty() {
            return Ok(());
        }
        writeln!(out, "Not deleted, their start dates suspect:")?;
        for (id, why) in kept {
            writeln!(out, "  {}  {}", escape(id), escape(why))?;
        }
        Ok(())
    };
    if doomed.is_empty() {
        writeln!(out, "Nothing to delete.")?;
        say_kept(out)?;
        return Ok(());
    }
    let files: usize = doomed.iter().map(|d| d.files).sum();
    writeln!(
        out,
        "{} {} ({}):",
        if confirm.dry_run {
            "Would delete"
        } else {
            "Will delete"
        },
        plural(doomed.len(), "interview"),
        plural(files, "file"),
    )?;
    let id_cells = doomed
        .iter()
        .map(|d| display::width(&d.id))
        .max()
        .unwrap_or(0);
    for d in &doomed {
        writeln!(
            out,
            "  {}  {}  ({})",
            display::pad(&escape(&d.id), id_cells),
            escape(&d.what),
            plural(d.files, "file")
        )?;
    }
    say_kept(out)?;
    if confirm.dry_run {
        writeln!(out, "Dry run: nothing was deleted.")?;
        return Ok(());
    }
    if !confirm.yes {
        use std::io::IsTerminal;
        if !std::io::stdin().is_terminal() {
            anyhow::bail!("nothing was deleted: confirm with --yes when not running in a terminal");
        }
        write!(out, "Delete them? This cannot be undone. [y/N] ")?;
        out.flush()?;
        let mut answer = String::new();
        std::io::stdin().read_line(&mut answer)?;
        if !matches!(answer.trim(), "y" | "Y" | "yes" | "Yes" | "YES") {
            writeln!(out, "Nothing was deleted.")?;
            return Ok(());
        }
    }
    let doomed: Vec<store::delete::Doomed> = doomed
        .into_iter()
        .map(|d| store::delete::Doomed {
            id: d.id,
            what: d.what,
        })
        .collect();
    let done =
        store::delete::delete_all(&paths.sessions_dir(), &doomed, crate::review::index::forget);
    for (_, why) in &done.kept {
        writeln!(err, "phonescreen: {}", escape(why))?;
    }
    if let Some(why) = &done.index_problem {
        writeln!(
            err,
            "warning: the review index still lists them ({}); it drops them the next time it is read",
            escape(why)
        )?;
    }
    writeln!(
        out,
        "Deleted {} ({}).",
        plural(done.ids.len(), "interview"),
        plural(done.files, "file")
    )?;
    let failed = done.kept.len();
    if failed > 0 {
        anyhow::bail!(
            "{} could not be deleted (see above)",
            plural(failed, "interview")
        );
    }
    Ok(())
}

/// A line about the interview at `path` for the list before deleting.
fn describe_file(
    path: &std::path::Path,
    journal: bool,
) -> (String, Option<chrono::DateTime<chrono::FixedOffset>>) {
    match store::summarize(path, journal) {
        Ok(s) => (
            format!(
                "{} · {} · started {}",
                s.candidate,
                s.role,
                s.started_at.format("%Y-%m-%d")
            ),
            Some(s.started_at),
        ),
        Err(e) => (format!("damaged: {}", e.problem), None),
    }
}

/// `phonescreen sessions delete ID...`.
pub fn delete(
    paths: &Paths,
    ids: &[String],
    confirm: Confirm,
    out: &mut impl Write,
    err: &mut impl Write,
) -> anyhow::Result<()> {
    let sessions = paths.sessions_dir();
    // An id not found in a folder that cannot be read is no answer.
    super::archive::files(&sessions)?;
    let mut doomed = Vec::new();
    for id in ids {
        let id = store::delete::check_id(id)?;
        let files = store::delete::files_of(&sessions, id);
        if files.is_empty() {
            anyhow::bail!(
                "no interview `{}` in {}; nothing was deleted",
                escape(id),
                escape(&sessions.display().to_string())
            );
        }
        let main = files.iter().find(|p| {
            p.extension().is_some_and(|e| e == "yaml")
                && !p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        });
        let what = main.map_or_else(
            || "only leftovers".to_string(),
            |p| describe_file(p, false).0,
        );
        if !doomed.iter().any(|d: &Doomed| d.id == id) {
            doomed.push(Doomed {
                id: id.to_string(),
                what,
                files: files.len(),
            });
        }
    }
    remove(paths, doomed, &[], confirm, out, err)
}

/// `phonescreen sessions purge --older-than AGE`: interviews dated longer
/// ago than `age` — by their start date, or by their file's time when the
/// start date is suspect (see [`store::retention`]), which the list says;
/// those nothing can date are kept and listed. `None` (`--all`): every
/// interview, whatever its date.
pub fn purge(
    paths: &Paths,
    age: Option<std::time::Duration>,
    confirm: Confirm,
    out: &mut impl Write,
    err: &mut impl Write,
) -> anyhow::Result<()> {
    let sessions = paths.sessions_dir();
    let now = chrono::Utc::now();
    // An age before the calendar begins: nothing is that old.
    let cutoff = age.map(|age| {
        chrono::Duration::from_std(age)
            .ok()
            .and_then(|age| now.checked_sub_signed(age))
    });
    let mut doomed = Vec::new();
    let mut kept = Vec::new();
    for (path, journal) in super::archive::files(&sessions)?.files {
        let (what, started) = describe_file(&path, journal);
        let modified = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
        let dated = store::retention::Dated::new(started, modified, now);
        let id = store::session_id(&path);
        let old = match cutoff {
            None => true,
            Some(cutoff) => cutoff.is_some_and(|cutoff| dated.is_before(cutoff)),
        };
        let note = dated.note().filter(|_| age.is_some());
        if old {
            let files = store::delete::files_of(&sessions, &id).len();
            let what = match note {
                Some(note) => format!("{what} ({note})"),
                None => what,
            };
            doomed.push(Doomed { id, what, files });
        } else if let Some(note) = note {
            kept.push((id, format!("{what} ({note})")));
        }
    }
    remove(paths, doomed, &kept, confirm, out, err)
}

/// Shows "Reading interviews… n/N" on standard error while many files are
/// read (a first listing of a large archive), when it is a terminal.
pub(super) fn progress_on_stderr() -> impl FnMut(usize, usize) {
    use std::io::IsTerminal;
    let show = std::io::stderr().is_terminal();
    let mut last = std::time::Instant::now();
    move |done, total| {
        if !show || total < 200 {
            return;
        }
        let finished = done == total;
        if finished || last.elapsed() > std::time::Duration::from_millis(100) {
            last = std::time::Instant::now();
            let mut err = std::io::stderr();
            let _ = write!(err, "\rReading interviews… {done}/{total}");
            if finished {
                let _ = write!(err, "\r\x1b[K");
            }
            let _ = err.flush();
        }
    }
}
