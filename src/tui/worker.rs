//! Work off the UI thread: starting and resuming an interview, reading the
//! archive, building the grid, reading an interview to open, amend or copy,
//! writing a copy's file, checking and deleting. A screen
//! asks; each job runs on a thread made by the one spawn helper, `spawn`,
//! and says what came of it through the [`Mailbox`] as an [`Event`], so
//! `update` never waits on the disk for these. (Saving an interview has its
//! own thread in the store, which knows nothing of the terminal.)

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::clipboard::Route;
pub use super::event::{AmendStart, Begun, DeleteCheck};
use super::event::{Event, Mailbox, Scorecard};
use chrono::{DateTime, FixedOffset};

use crate::bank::LoadedBank;
use crate::interview::record::Status;
use crate::interview::{Now, Setup};
use crate::paths::Paths;
use crate::review::Amendment;
use crate::review::draft::{self, Recovery};
use crate::review::{Archive, Grid};
use crate::store::delete::{Deleted, Doomed};
use crate::store::remembered::Remembered;
use crate::store::session;
use crate::store::{self, SessionLock};

/// Progress of a refresh is reported at most this often.
const PROGRESS_EVERY: Duration = Duration::from_millis(50);

/// Runs `work` on a thread named `name`, or here when no thread can be made.
pub(crate) fn spawn(name: &str, work: impl FnOnce() + Send + 'static) {
    let work = Arc::new(Mutex::new(Some(work)));
    let theirs = work.clone();
    let spawned = std::thread::Builder::new()
        .name(name.to_string())
        .spawn(move || {
            if let Some(work) = theirs.lock().ok().and_then(|mut w| w.take()) {
                work();
            }
        });
    if spawned.is_err()
        && let Some(work) = work.lock().ok().and_then(|mut w| w.take())
    {
        work();
    }
}

/// Reads the interview at `path` to open it, and whether amendments typed
/// in a phonescreen that stopped before saving them wait in a draft (none
/// amending it now); the answer comes as [`Event::Opened`].
pub(crate) fn open_interview(path: PathBuf, mailbox: Mailbox) {
    spawn("phonescreen-open", move || {
        let read = store::load(&path)
            .map(|record| {
                let unsaved = record.status == Status::Completed
                    && store::is_locked_by_live_process(&path).is_none()
                    && matches!(draft::recover(&path, &record), Recovery::Recovered { .. });
                (record, unsaved)
            })
            .map_err(|e| e.to_string());
        mailbox.send(Event::Opened(path, Arc::new(read)));
    });
}

/// The scorecard of the interview saved at `path`, read from the file now;
/// it comes as [`Event::ScorecardReady`].
pub(crate) fn scorecard(path: PathBuf, mailbox: Mailbox) {
    spawn("phonescreen-scorecard", move || {
        let made = match store::load(&path) {
            Ok(record) => Ok(Scorecard {
                id: store::session_id(&path),
                candidate: record.candidate.clone(),
                markdown: crate::review::export::markdown(&record),
            }),
            Err(err) => Err(format!("Cannot copy the scorecard: {err}")),
        };
        mailbox.send(Event::ScorecardReady(Arc::new(made)));
    });
}

/// Writes the file half of a copy of `text` (see [`Route::hand_over`]);
/// what it did comes as [`Event::HandedOver`], for `candidate`'s scorecard.
pub(crate) fn hand_over(
    route: Route,
    exports: PathBuf,
    id: String,
    candidate: String,
    text: String,
    mailbox: Mailbox,
) {
    spawn("phonescreen-copy", move || {
        let handed = route.hand_over(&exports, &id, &text);
        mailbox.send(Event::HandedOver(candidate, handed));
    });
}

/// What an interview on `bank` tells the interviewer first: its warnings.
pub(crate) fn bank_warnings(bank: &LoadedBank) -> Vec<String> {
    let origin = bank.origin.to_string();
    let warnings = bank.warnings.iter();
    warnings
        .map(|w| format!("Bank warning: {}", w.display_for(&origin)))
        .collect()
}

/// Starts an interview on `bank` with the prep file at `prep`, if any, and
/// writes it (waiting for the disk a moment), and keeps what the launcher
/// will pre-fill next time; the interview comes as [`Event::Begun`].
pub(crate) fn start_interview(
    paths: Paths,
    bank: LoadedBank,
    mut setup: Setup,
    prep: Option<PathBuf>,
    remembered: Remembered,
    now: Now,
    mailbox: Mailbox,
) {
    spawn("phonescreen-start", move || {
        let begun = |begun| Event::Begun(Arc::new(Mutex::new(Some(begun))));
        if let Some(path) = prep {
            match store::prep::read_prep(&path) {
                Ok(prep) => setup.prep = Some(prep),
                Err(why) => {
                    let file = crate::display::escape(&path.display().to_string()).into_owned();
                    let why = format!("Prep file {file}: {why}");
                    return mailbox.send(begun(Begun::NoPrep(why)));
                }
            }
        }
        // Best effort: a failure to write only costs the pre-filling.
        let _ = remembered.save(&paths.data_dir);
        let started = session::start(
            &paths.sessions_dir(),
            &bank,
            &setup,
            now,
            mailbox.notify_saved(),
        );
        let started = Begun::Started(Box::new(started), bank_warnings(&bank));
        mailbox.send(begun(started));
    });
}

/// Resumes the interview saved at `path` (its lock, its file, its
/// journal); it comes as [`Event::Begun`].
pub(crate) fn resume_interview(path: PathBuf, sessions_dir: PathBuf, now: Now, mailbox: Mailbox) {
    spawn("phonescreen-resume", move || {
        let resumed = session::resume(&path, &sessions_dir, now, mailbox.notify_saved())
            .map(Box::new)
            .map_err(|e| e.to_string());
        let begun = Begun::Resumed(resumed);
        mailbox.send(Event::Begun(Arc::new(Mutex::new(Some(begun)))));
    });
}

/// Takes the interview at `path` to amend (the lock may be waited on a
/// moment); the answer comes as [`Event::AmendReady`].
pub(crate) fn prepare_amending(path: PathBuf, mailbox: Mailbox) {
    spawn("phonescreen-amend", move || {
        let start = match SessionLock::acquire(&path) {
            Err(e) => AmendStart::Refused(e.to_string()),
            // Under the lock, the newest copy of the file is the one amended.
            Ok(lock) => match store::load(&path) {
                Ok(record) if record.status == Status::Completed => AmendStart::Ready {
                    recovery: draft::recover(&path, &record),
                    lock,
                    record,
                },
                Ok(record) => AmendStart::Reopened(record),
                Err(e) => AmendStart::Refused(e.to_string()),
            },
        };
        mailbox.send(Event::AmendReady(path, Arc::new(Mutex::new(Some(start)))));
    });
}

/// Saves `amendment` to the interview at `path`, amended under `lock`;
/// what came of it comes as [`Event::AmendSaved`].
pub(crate) fn save_amendment(
    path: PathBuf,
    lock: Arc<SessionLock>,
    amendment: Amendment,
    at: DateTime<FixedOffset>,
    mailbox: Mailbox,
) {
    spawn("phonescreen-amend-save", move || {
        let saved = crate::review::amend::amend(&path, &lock, &amendment, at);
        // Amending may end with this answer: the lock goes with the page.
        drop(lock);
        mailbox.send(Event::AmendSaved(path, Arc::new(saved)));
    });
}

/// Fills in `check` for the interview saved at `path`; the answer comes
/// as [`Event::DeleteChecked`].
pub(crate) fn check_delete(
    sessions_dir: PathBuf,
    path: PathBuf,
    mut check: DeleteCheck,
    mailbox: Mailbox,
) {
    spawn("phonescreen-delete", move || {
        check.files = store::delete::check(&sessions_dir, &path, &check.doomed.id);
        mailbox.send(Event::DeleteChecked(Arc::new(check)));
    });
}

/// Deletes `doomed` with everything each left; `done` makes the report.
pub(crate) fn delete(
    sessions_dir: PathBuf,
    doomed: Vec<Doomed>,
    mailbox: Mailbox,
    done: fn(Deleted) -> Event,
) {
    spawn("phonescreen-delete", move || {
        let deleted =
            store::delete::delete_all(&sessions_dir, &doomed, crate::review::index::forget);
        mailbox.send(done(deleted));
    });
}

/// Brings the archive index up to date on another thread, reporting
/// progress and then the archive.
pub(crate) fn refresh_archive(sessions_dir: PathBuf, generation: u64, mailbox: Mailbox) {
    spawn("phonescreen-archive", move || {
        let mut last: Option<Instant> = None;
        let (archive, _) = Archive::refresh(&sessions_dir, |done, total| {
            if done == total || last.is_none_or(|t| t.elapsed() >= PROGRESS_EVERY) {
                last = Some(Instant::now());
                mailbox.send(Event::ArchiveProgress {
                    generation,
                    done,
                    total,
                });
            }
        });
        mailbox.send(Event::ArchiveReady(generation, Arc::new(archive)));
    });
}

/// Builds the grid of the interviews at `listed` in `archive` (those of
/// `bank`) on another thread, from the facts the archive index keeps: no
/// interview file is read.
pub(crate) fn build_grid(
    archive: Arc<Archive>,
    mut listed: Vec<usize>,
    bank: String,
    generation: u64,
    mailbox: Mailbox,
) {
    spawn("phonescreen-grid", move || {
        // In the order the files are listed, as `compare` gives them: it
        // breaks ties between interviews that started in the same second.
        listed.sort_by(|&a, &b| {
            archive
                .path(b)
                .file_name()
                .cmp(&archive.path(a).file_name())
        });
        let mut records = Vec::with_capacity(listed.len());
        let mut damaged = 0;
        for facts in archive.facts(&listed) {
            match facts {
                Ok(facts) => records.push(facts),
                Err(_) => damaged += 1,
            }
        }
        let grid = Grid::by_bank_of(&records)
            .into_iter()
            .find(|g| g.bank == bank)
            .ok_or_else(|| {
                format!(
                    "No interview of bank {} could be read ({damaged} could not)",
                    crate::display::escape(&bank)
                )
            });
        mailbox.send(Event::GridReady(generation, Arc::new(grid)));
    });
}
