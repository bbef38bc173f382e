//! Starting and resuming an interview: where it is saved, the lock that keeps
//! a second phonescreen out, the first write, and how the time phonescreen was
//! away from a resumed interview counts. Saving elsewhere (`Esc w`) is in
//! [`elsewhere`]; clearing up after crashed phonescreens in [`super::tidy`].

mod elsewhere;

pub use super::tidy::{Tidied, tidy};

use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::{DateTime, FixedOffset};

use super::{
    Kept, LoadError, LockError, Notify, RescuePlaces, SYNC_INTERVAL, SaveError, SaveOutcome, Saver,
    SessionLock, load, new_session_path, session_file_name,
};
use crate::bank::LoadedBank;
use crate::interview::{Downtime, Interview, Now, Setup, Status};

/// An interview being saved: its saver, its lock, and where `Esc w` saves.
#[derive(Debug)]
pub struct Session {
    saver: Saver,
    lock: Option<SessionLock>,
    /// Why there is no lock, while there is none.
    lock_error: Option<LockError>,
    /// When to try the lock again, while there is none.
    lock_retry: Option<Instant>,
    rescue: RescuePlaces,
}

/// Why an interview could not be resumed.
#[derive(Debug, thiserror::Error)]
pub enum ResumeError {
    /// The file could not be read as an interview.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// Another phonescreen has it open, or the lock could not be written.
    #[error(transparent)]
    Lock(#[from] LockError),
    /// It was finished.
    #[error(
        "the interview with {candidate} {ended}, so there is nothing to resume; its notes are in {path}",
        path = .path.display(),
        ended = if *.no_show { "was recorded as a no-show" } else { "was finished" }
    )]
    Finished {
        /// The candidate's name.
        candidate: String,
        /// It ended as a no-show, not finished.
        no_show: bool,
        /// The file.
        path: PathBuf,
    },
}

/// A resumed interview and how it came back.
#[derive(Debug)]
pub struct Resumed {
    /// The interview, its clock running (or paused, if it was paused).
    pub interview: Interview,
    /// Saving it.
    pub session: Session,
    /// How long phonescreen was away and whether that counts as interview
    /// time; `None` when it was paused (the time away extends the pause).
    pub downtime: Option<Downtime>,
    /// The first write of the resumed interview, when it failed.
    pub save_error: Option<SaveError>,
}

/// Starts a new interview on `bank` in `sessions_dir` and writes it at once.
///
/// The interview always starts, even when nothing can be written: the notes
/// are then kept in memory and [`Session::problem`] says why. When its lock
/// cannot be taken, [`Session::lock_problem`] says why, and the lock is
/// tried again once saving works.
pub fn start(
    sessions_dir: &Path,
    bank: &LoadedBank,
    setup: &Setup,
    now: Now,
    notify: Notify,
) -> (Interview, Session) {
    let (path, lock) = claim(sessions_dir, now.wall, &setup.candidate);
    let mut interview = Interview::start(bank, setup, now.instant, now.wall);
    let mut session = Session::new(path, lock, RescuePlaces::new(sessions_dir), notify);
    // A failed first write shows as `Session::problem` and is retried.
    let _ = session.begin(&mut interview, now);
    (interview, session)
}

/// The file of a new interview, and its lock: a name another phonescreen
/// locked in the same moment is passed over for the next free one.
fn claim(
    sessions_dir: &Path,
    started: DateTime<FixedOffset>,
    candidate: &str,
) -> (PathBuf, Result<SessionLock, LockError>) {
    let attempt = || {
        // An unwritable folder: saving says why, and retries.
        let path = new_session_path(sessions_dir, started, candidate)
            .unwrap_or_else(|_| sessions_dir.join(session_file_name(started, candidate)));
        let lock = SessionLock::acquire(&path);
        (path, lock)
    };
    let mut claimed = attempt();
    // The name's lock file now exists, so the next attempt picks another name.
    for _ in 0..100 {
        if !matches!(claimed.1, Err(LockError::Held { .. })) {
            break;
        }
        claimed = attempt();
    }
    claimed
}

/// Resumes the interview saved at `path`: locks it, reads it once (with its
/// crash journal), and counts the time away by [`Downtime::after`].
/// `sessions_dir` is the sessions folder, for the places `Esc w` saves to.
pub fn resume(
    path: &Path,
    sessions_dir: &Path,
    now: Now,
    notify: Notify,
) -> Result<Resumed, ResumeError> {
    let lock = SessionLock::acquire(path)?;
    let record = load(path)?;
    if !record.status.is_open() {
        return Err(ResumeError::Finished {
            no_show: record.status == Status::NoShow,
            candidate: record.candidate,
            path: path.to_path_buf(),
        });
    }
    let away = (now.wall - record.updated_at).to_std().unwrap_or_default();
    let downtime = (!record.paused).then(|| Downtime::after(away));
    let counted = downtime.is_none_or(|d| d.counted);
    let mut interview = Interview::resume_after(record, away, counted, now.instant);
    let rescue = RescuePlaces::new(sessions_dir);
    let mut session = Session::new(path.to_path_buf(), Ok(lock), rescue, notify);
    let save_error = session.begin(&mut interview, now).err();
    Ok(Resumed {
        interview,
        session,
        downtime,
        save_error,
    })
}

impl Session {
    fn new(
        path: PathBuf,
        lock: Result<SessionLock, LockError>,
        rescue: RescuePlaces,
        notify: Notify,
    ) -> Self {
        let (lock, lock_error) = match lock {
            Ok(lock) => (Some(lock), None),
            Err(err) => (None, Some(err)),
        };
        Session {
            saver: Saver::new(path, notify),
            lock,
            lock_error,
            lock_retry: None,
            rescue,
        }
    }

    /// Where `Esc w` saves ([`save_elsewhere`](Session::save_elsewhere));
    /// by default `rescue/` beside the sessions folder,
    /// `~/phonescreen-rescue`, then a new folder in the temporary folder.
    pub fn set_rescue_places(&mut self, places: RescuePlaces) {
        self.rescue = places;
    }

    /// Why no lock keeps a second phonescreen from writing this interview,
    /// while none does (a new interview whose folder could not be written).
    pub(crate) fn lock_problem(&self) -> Option<&LockError> {
        self.lock_error.as_ref()
    }

    /// Where the newest change is on disk, if anywhere.
    pub(crate) fn kept(&self) -> Kept {
        self.saver.kept()
    }

    fn begin(&mut self, interview: &mut Interview, now: Now) -> Result<SaveOutcome, SaveError> {
        // Changes made before the first write are all in it.
        interview.take_changed();
        let record = interview.snapshot(now.instant, now.wall);
        let result = self.saver.start(record, now.instant);
        self.retry_lock(now.instant);
        result
    }

    /// The interview file.
    pub fn path(&self) -> &Path {
        self.saver.path()
    }

    /// What keeps the interview from being safe on disk, until it is fixed.
    pub(crate) fn problem(&self) -> Option<&SaveError> {
        self.saver.problem()
    }

    /// Records the interview as it is now; the change is in the journal when
    /// this returns (or the error says why not; it is retried).
    pub(crate) fn save(&mut self, interview: &mut Interview, now: Now) -> Result<(), SaveError> {
        let changed = interview.take_changed();
        let record = interview.snapshot(now.instant, now.wall);
        let result = self.saver.save(record, &changed, now.instant);
        self.retry_lock(now.instant);
        result
    }

    fn retry_lock(&mut self, now: Instant) {
        let waiting = self.lock_retry.is_some_and(|at| now < at);
        if self.lock.is_some() || waiting || self.saver.problem().is_some() {
            return;
        }
        // The folder was unwritable when the interview started: take the
        // lock now that files can be written, so no second process writes too.
        match SessionLock::acquire(self.saver.path()) {
            Ok(lock) => {
                self.lock = Some(lock);
                self.lock_error = None;
                self.lock_retry = None;
            }
            Err(err) => {
                self.lock_error = Some(err);
                self.lock_retry = Some(now + SYNC_INTERVAL);
            }
        }
    }

    /// Asks for the interview file to be written and flushed at once.
    pub(crate) fn flush_soon(&mut self, now: Now) {
        self.saver.flush_soon(now.instant);
    }

    /// When [`tick`](Session::tick) has work to do.
    pub(crate) fn due(&self) -> Option<Instant> {
        self.saver.due()
    }

    /// Hands a due flush to the flusher thread.
    pub(crate) fn tick(&mut self, interview: &Interview, now: Now) {
        self.saver.tick(interview.record(), now.instant);
    }

    /// Takes the flusher's reports; returns surprises worth telling.
    pub(crate) fn collect(&mut self, now: Now) -> Vec<SaveOutcome> {
        let outcomes = self.saver.collect(now.instant);
        self.retry_lock(now.instant);
        outcomes
    }

    /// Saves the interview as it is now and waits until the file holds it and
    /// is on the disk (finishing, quitting, signals).
    pub fn save_and_wait(&mut self, interview: &mut Interview, now: Now) -> Result<(), SaveError> {
        // A journal that could not take the change matters no more once the
        // file holds it: the flush says whether everything is on disk.
        let _ = self.save(interview, now);
        let flushed = self.saver.flush_and_wait(interview.record(), now.instant);
        self.retry_lock(now.instant);
        flushed.map(|_| ())
    }

    /// [`save_and_wait`](Session::save_and_wait) without the wait: saves the
    /// interview as it is now and hands it to the flusher at once; returns
    /// the revision that [`landed`](Session::landed) reports on.
    pub fn save_to_disk(&mut self, interview: &mut Interview, now: Now) -> u64 {
        let _ = self.save(interview, now);
        self.saver.flush_soon(now.instant);
        self.saver.tick(interview.record(), now.instant);
        self.saver.revision()
    }

    /// Whether the file on the disk holds `revision` yet (see
    /// [`Saver::landed`]): `None` while the write is on its way.
    pub fn landed(&self, revision: u64) -> Option<Result<(), SaveError>> {
        self.saver.landed(revision)
    }

    /// Ends the session: removes the journal if the file holds everything,
    /// and releases the lock.
    pub fn close(self) {
        self.saver.close();
        drop(self.lock);
    }
}
#[cfg(test)]
pub(super) mod tests {
    use std::sync::Arc;
    use std::time::Duration;

    use super::*;
    use crate::store::journal::journal_path;

    pub(super) fn quiet() -> Notify {
        Arc::new(|| {})
    }

    pub(super) fn now() -> Now {
        Now {
            instant: Instant::now(),
            wall: chrono::DateTime::parse_from_rfc3339("2026-11-21T10:00:00+01:00").unwrap(),
        }
    }

    pub(super) fn ada() -> Setup {
        Setup {
            candidate: "Ada".into(),
            role: "Backend".into(),
            ..Setup::default()
        }
    }

    fn file_alone(path: &Path) -> crate::interview::Record {
        crate::yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    #[test]
    fn a_crash_leaves_a_journal_that_the_next_start_writes_into_the_file() {
        let tmp = tempfile::tempdir().unwrap();
        let bank = crate::bank::builtin().unwrap();
        let t0 = now();
        let (mut interview, mut session) = start(tmp.path(), &bank, &ada(), t0, quiet());
        let path = session.path().to_path_buf();
        interview.set_notes("typed just before the crash".into(), t0.instant);
        session.save(&mut interview, t0).unwrap();
        // The process dies: nothing is closed.
        drop(session);
        assert_ne!(
            file_alone(&path).question(0).unwrap().1.notes,
            "typed just before the crash"
        );
        assert_eq!(
            load(&path).unwrap().question(0).unwrap().1.notes,
            "typed just before the crash"
        );
        assert_eq!(tidy(tmp.path()).recovered, vec![path.clone()]);
        assert_eq!(
            file_alone(&path).question(0).unwrap().1.notes,
            "typed just before the crash"
        );
        assert!(!journal_path(&path).exists());
        assert!(!crate::store::lock_path(&path).exists());
    }

    #[test]
    fn resume_counts_a_short_gap_and_refuses_a_finished_interview() {
        let tmp = tempfile::tempdir().unwrap();
        let bank = crate::bank::builtin().unwrap();
        let t0 = now();
        let (mut interview, mut session) = start(tmp.path(), &bank, &ada(), t0, quiet());
        let path = session.path().to_path_buf();
        session.save_and_wait(&mut interview, t0).unwrap();
        session.close();

        let back = t0.plus(Duration::from_secs(120));
        let resumed = resume(&path, tmp.path(), back, quiet()).unwrap();
        assert_eq!(
            resumed.downtime,
            Some(Downtime {
                away: Duration::from_secs(120),
                counted: true
            })
        );
        assert!(resumed.save_error.is_none());
        let Resumed {
            mut interview,
            mut session,
            ..
        } = resumed;
        interview.finish(
            crate::interview::Recommendation::Yes,
            "Good".into(),
            back.instant,
            back.wall,
        );
        session.save_and_wait(&mut interview, back).unwrap();
        session.close();
        assert!(matches!(
            resume(&path, tmp.path(), back, quiet()),
            Err(ResumeError::Finished { .. })
        ));
        assert!(
            !crate::store::lock_path(&path).exists(),
            "a refused resume lets go"
        );
    }

    #[test]
    fn a_new_interview_without_its_lock_says_why_and_takes_it_once_saving_works() {
        let tmp = tempfile::tempdir().unwrap();
        let bank = crate::bank::builtin().unwrap();
        let sessions = tmp.path().join("sessions");
        // A file where the folder should be: nothing can be created in it,
        // even by root.
        std::fs::write(&sessions, "in the way").unwrap();
        let t0 = now();
        let (mut interview, mut session) = start(&sessions, &bank, &ada(), t0, quiet());
        let why = session.lock_problem().expect("says why").to_string();
        assert!(
            why.starts_with("cannot lock interview 20261121-100000-ada: cannot write"),
            "{why}"
        );
        assert!(why.contains("part of the path is not a folder"), "{why}");
        assert!(session.problem().is_some());

        std::fs::remove_file(&sessions).unwrap();
        crate::paths::create_private_dir(&sessions).unwrap();
        let t1 = t0.plus(Duration::from_secs(2));
        session.save_and_wait(&mut interview, t1).unwrap();
        interview.set_notes("typed".into(), t1.instant);
        session.save(&mut interview, t1).unwrap();
        assert!(session.lock_problem().is_none());
        assert_eq!(
            crate::store::is_locked_by_live_process(session.path()),
            Some(std::process::id())
        );
        session.close();
        assert!(!crate::store::lock_path(&sessions.join("20261121-100000-ada.yaml")).exists());
    }
}
