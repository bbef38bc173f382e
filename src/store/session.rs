//! Starting and resuming an interview: where it is saved, the lock that keeps
//! a second phonescreen out, the first write, and how the time phonescreen was
//! away from a resumed interview counts.

use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::{DateTime, FixedOffset};

use super::{
    Kept, LoadError, LockError, Notify, RescuePlaces, SYNC_INTERVAL, SaveError, SaveOp,
    SaveOutcome, Saver, SessionLock, Trouble, load, new_session_path, session_file_name,
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

/// What [`tidy`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tidied {
    /// Temp files of interviews nobody has open removed.
    pub temps_removed: usize,
    /// Lock files nobody holds (left by a crash) removed.
    pub locks_removed: usize,
    /// Interview files brought up to date with a journal left by a crash.
    pub recovered: Vec<PathBuf>,
}

/// How old a temp file of the review index must be before [`tidy`] takes
/// it for a leftover (a refresh of 10,000 interviews takes seconds).
const INDEX_TEMP_GRACE: std::time::Duration = std::time::Duration::from_secs(600);

/// Clears up after crashed phonescreens, in one pass over the folder's names
/// (no file is read unless it needs work, so a big archive costs little):
///
/// - lock files (`<id>.lock`) nobody holds, left by a crash, are removed;
/// - temp files (`.<name>.tmp-<random>`) of interviews (and of their
///   amendment drafts) no running phonescreen has open are removed; each is
///   an unfinished copy of a file still complete beside it, and only a
///   phonescreen holding the interview's lock writes them; the review
///   index's, which no lock guards, once they are ten minutes old;
/// - journals of interviews no running phonescreen has open are written
///   into their interview files, so other tools reading the files see every
///   change, and removed.
///
/// Best effort: what cannot be done is left as it is (an interview keeps
/// its journal, which every read through [`load`] still applies). Safe to
/// run on another thread while this process has interviews open: their
/// locks keep them out of reach here too.
pub fn tidy(sessions_dir: &Path) -> Tidied {
    let mut tidied = Tidied::default();
    let Ok(entries) = std::fs::read_dir(sessions_dir) else {
        return tidied;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else {
            continue;
        };
        let is_file = || entry.file_type().is_ok_and(|t| t.is_file());
        if let Some(stem) = name.strip_suffix(".lock").filter(|s| !s.starts_with('.')) {
            // Taking a lock nobody holds and letting go of it removes it.
            let interview = sessions_dir.join(format!("{stem}.yaml"));
            if is_file() && SessionLock::acquire(&interview).is_ok() {
                tidied.locks_removed += 1;
            }
            continue;
        }
        if !name.starts_with('.') {
            continue;
        }
        if let Some(file) = super::atomic::temp_of(name) {
            // The interview whose lock guards the file: an amendment
            // draft's (`.X.yaml.amend`) is X.yaml's.
            let guarded = file
                .strip_prefix('.')
                .and_then(|f| f.strip_suffix(super::AMEND_DRAFT_SUFFIX))
                .unwrap_or(file);
            let open = super::is_locked_by_live_process(&sessions_dir.join(guarded)).is_some();
            // The review index is written under no interview's lock, by
            // whichever phonescreen refreshes it: only a temp left long ago
            // is a leftover.
            let in_use = file.starts_with(".review-index")
                && entry
                    .metadata()
                    .and_then(|m| m.modified())
                    .is_ok_and(|t| t.elapsed().is_ok_and(|age| age < INDEX_TEMP_GRACE));
            if !open && !in_use && is_file() && std::fs::remove_file(entry.path()).is_ok() {
                tidied.temps_removed += 1;
            }
            continue;
        }
        let Some(file) = name
            .strip_prefix('.')
            .and_then(|n| n.strip_suffix(".journal"))
        else {
            continue;
        };
        let path = sessions_dir.join(file);
        if !is_file() || !path.is_file() {
            continue;
        }
        // Never an interview open anywhere, this process included (its
        // lock is held by another open file, so it is refused here too).
        let Ok(lock) = SessionLock::acquire(&path) else {
            continue;
        };
        if let Ok(record) = load(&path)
            && super::write_record(&path, &record).is_ok()
        {
            let _ = std::fs::remove_file(entry.path());
            tidied.recovered.push(path);
        }
        drop(lock);
    }
    tidied
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
    pub fn lock_problem(&self) -> Option<&LockError> {
        self.lock_error.as_ref()
    }

    /// Where the newest change is on disk, if anywhere.
    pub fn kept(&self) -> Kept {
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
    pub fn problem(&self) -> Option<&SaveError> {
        self.saver.problem()
    }

    /// Records the interview as it is now; the change is in the journal when
    /// this returns (or the error says why not; it is retried).
    pub fn save(&mut self, interview: &mut Interview, now: Now) -> Result<(), SaveError> {
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
    pub fn flush_soon(&mut self, now: Now) {
        self.saver.flush_soon(now.instant);
    }

    /// When [`tick`](Session::tick) has work to do.
    pub fn due(&self) -> Option<Instant> {
        self.saver.due()
    }

    /// Hands a due flush to the flusher thread.
    pub fn tick(&mut self, interview: &Interview, now: Now) {
        self.saver.tick(interview.record(), now.instant);
    }

    /// Takes the flusher's reports; returns surprises worth telling.
    pub fn collect(&mut self, now: Now) -> Vec<SaveOutcome> {
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

    /// After a save failure: saves to the first of the rescue places that
    /// works ([`set_rescue_places`](Session::set_rescue_places)) from now on,
    /// under the same file name, with its own lock and journal. Returns the
    /// new file.
    ///
    /// When none works, saving goes on at the original path (retried every
    /// second, [`problem`](Session::problem) naming it) and the error says
    /// why the last place failed.
    pub fn save_elsewhere(
        &mut self,
        interview: &mut Interview,
        now: Now,
    ) -> Result<PathBuf, SaveError> {
        let name = self
            .saver
            .path()
            .file_name()
            .map(PathBuf::from)
            .unwrap_or_else(|| "interview.yaml".into());
        let mut last = None;
        let known = self.rescue.known().to_vec();
        for dir in known {
            if let Err(e) = super::rescue::private_folder(&dir) {
                last = Some(SaveError::io(&dir.join(&name), SaveOp::CreateFolder, &e));
                continue;
            }
            match self.move_into(&dir, &name, interview, now) {
                Ok(path) => return Ok(path),
                Err(err) => last = Some(err),
            }
        }
        if let Some(parent) = self.rescue.temp().map(Path::to_path_buf) {
            match super::rescue::fresh_folder(&parent) {
                Ok(dir) => match self.move_into(&dir, &name, interview, now) {
                    Ok(path) => return Ok(path),
                    Err(err) => {
                        // Ours and empty again: leave nothing behind.
                        let _ = std::fs::remove_dir(&dir);
                        last = Some(err);
                    }
                },
                Err(e) => {
                    let at = parent.join("phonescreen-rescue-XXXXXX").join(&name);
                    last = Some(SaveError::io(&at, SaveOp::CreateFolder, &e));
                }
            }
        }
        Err(last.unwrap_or_else(|| SaveError {
            path: self.saver.path().to_path_buf(),
            op: SaveOp::Write,
            trouble: Trouble::Missing,
            reason: "there is no folder to save elsewhere to".into(),
        }))
    }

    /// Moves saving to `dir/name`, locked; on failure nothing changes.
    fn move_into(
        &mut self,
        dir: &Path,
        name: &Path,
        interview: &mut Interview,
        now: Now,
    ) -> Result<PathBuf, SaveError> {
        let path = dir.join(name);
        let lock = SessionLock::acquire(&path).map_err(|err| SaveError {
            path: path.clone(),
            op: SaveOp::Write,
            trouble: Trouble::Other,
            reason: err.to_string(),
        })?;
        interview.take_changed();
        let record = interview.snapshot(now.instant, now.wall);
        self.saver.move_to(path.clone(), record, now.instant)?;
        // The old lock guarded the old file; this one guards the copy.
        self.lock = Some(lock);
        self.lock_error = None;
        Ok(path)
    }

    /// Ends the session: removes the journal if the file holds everything,
    /// and releases the lock.
    pub fn close(self) {
        self.saver.close();
        drop(self.lock);
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::time::Duration;

    use super::*;
    use crate::store::journal::journal_path;

    fn quiet() -> Notify {
        Arc::new(|| {})
    }

    fn now() -> Now {
        Now {
            instant: Instant::now(),
            wall: chrono::DateTime::parse_from_rfc3339("2026-11-21T10:00:00+01:00").unwrap(),
        }
    }

    fn ada() -> Setup {
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
    fn tidying_leaves_an_amendment_draft_alone() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("20250304-101500-ada.yaml");
        crate::store::write_record(&path, &crate::store::testing::sample_record(2, 10)).unwrap();
        let draft = crate::store::amend_draft_path(&path);
        std::fs::write(&draft, "\n{\"typed\": \"before the crash\"}\n").unwrap();
        let tidied = tidy(tmp.path());
        assert!(tidied.recovered.is_empty());
        assert_eq!(tidied.temps_removed, 0);
        assert_eq!(
            std::fs::read_to_string(&draft).unwrap(),
            "\n{\"typed\": \"before the crash\"}\n"
        );
        let listing = crate::store::list(tmp.path());
        assert_eq!(listing.sessions.len(), 1);
        assert!(listing.problems.is_empty(), "{:?}", listing.problems);
    }

    #[test]
    fn tidying_spares_the_temps_someone_is_writing() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let path = dir.join("20250304-101500-ada.yaml");
        crate::store::write_record(&path, &crate::store::testing::sample_record(2, 10)).unwrap();
        // A draft being rewritten while its interview is being amended.
        let lock = SessionLock::acquire(&path).unwrap();
        let draft_temp = dir.join("..20250304-101500-ada.yaml.amend.tmp-Zz9Yy8Xx7W");
        std::fs::write(&draft_temp, "half").unwrap();
        // The review index being written by another phonescreen, and one
        // left by a crash long ago.
        let index_temp = dir.join("..review-index.json.tmp-Qq1Ww2Ee3R");
        std::fs::write(&index_temp, "half").unwrap();
        let old_index_temp = dir.join("..review-index.text.tmp-Tt4Yy5Uu6I");
        std::fs::write(&old_index_temp, "half").unwrap();
        let an_hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
        std::fs::File::options()
            .write(true)
            .open(&old_index_temp)
            .unwrap()
            .set_modified(an_hour_ago)
            .unwrap();
        let tidied = tidy(dir);
        assert!(draft_temp.exists(), "the amended interview is locked");
        assert!(index_temp.exists(), "written a moment ago");
        assert!(!old_index_temp.exists(), "left long ago");
        assert_eq!(tidied.temps_removed, 1);
        drop(lock);
        assert_eq!(
            tidy(dir).temps_removed,
            1,
            "unlocked, the draft's temp goes"
        );
        assert!(!draft_temp.exists());
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

    /// Rescue places inside `root`: `data/rescue`, `home/phonescreen-rescue`,
    /// and new folders in `tmp`.
    fn places_in(root: &Path) -> RescuePlaces {
        RescuePlaces::with(
            vec![
                root.join("data/rescue"),
                root.join("home/phonescreen-rescue"),
            ],
            Some(root.join("tmp")),
        )
    }

    fn mode(path: &Path) -> u32 {
        use std::os::unix::fs::MetadataExt;
        std::fs::symlink_metadata(path).unwrap().mode() & 0o777
    }

    fn notes_of(path: &Path) -> String {
        load(path).unwrap().question(0).unwrap().1.notes.clone()
    }

    #[test]
    fn esc_w_saves_a_private_locked_copy_that_resume_and_listing_offer() {
        let tmp = tempfile::tempdir().unwrap();
        let bank = crate::bank::builtin().unwrap();
        let sessions = tmp.path().join("data/sessions");
        let t0 = now();
        let (mut interview, mut session) = start(&sessions, &bank, &ada(), t0, quiet());
        session.set_rescue_places(places_in(tmp.path()));
        let original = session.path().to_path_buf();
        interview.set_notes("before the trouble".into(), t0.instant);
        session.save_and_wait(&mut interview, t0).unwrap();

        // The sessions folder goes (an unmounted disk): a file stands in its place.
        let away = tmp.path().join("data/away");
        std::fs::rename(&sessions, &away).unwrap();
        std::fs::write(&sessions, "in the way").unwrap();
        let t1 = t0.plus(Duration::from_secs(5));
        interview.set_notes("before the trouble, and after".into(), t1.instant);
        let _ = session.save(&mut interview, t1);
        assert!(session.save_and_wait(&mut interview, t1).is_err());
        assert!(session.problem().is_some());

        let rescued = session.save_elsewhere(&mut interview, t1).unwrap();
        let folder = tmp.path().join("data/rescue");
        assert_eq!(rescued, folder.join(original.file_name().unwrap()));
        assert_eq!(session.path(), rescued);
        assert!(session.problem().is_none());
        assert_eq!(mode(&folder), 0o700);
        assert_eq!(mode(&rescued), 0o600);
        assert_eq!(
            crate::store::is_locked_by_live_process(&rescued),
            Some(std::process::id()),
            "the copy is locked while it is written"
        );
        interview.set_notes("written into the rescue copy".into(), t1.instant);
        session.save_and_wait(&mut interview, t1).unwrap();
        session.close();
        assert!(!crate::store::lock_path(&rescued).exists());

        // The sessions folder comes back, with the older copy in it.
        std::fs::remove_file(&sessions).unwrap();
        std::fs::rename(&away, &sessions).unwrap();
        let an_hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
        std::fs::File::options()
            .write(true)
            .open(&original)
            .unwrap()
            .set_modified(an_hour_ago)
            .unwrap();
        assert_eq!(notes_of(&original), "before the trouble");

        let files: Vec<_> = crate::store::files(&sessions)
            .files
            .into_iter()
            .map(|(p, _)| p)
            .collect();
        assert_eq!(
            files,
            std::slice::from_ref(&rescued),
            "one interview, the newer copy"
        );
        let listing = crate::store::list(&sessions);
        assert_eq!(listing.sessions.len(), 1);
        assert_eq!(listing.sessions[0].path, rescued);
        let resumable = crate::store::newest_resumable(&sessions).unwrap();
        assert_eq!(resumable.path, rescued);
        let back = t1.plus(Duration::from_secs(60));
        let resumed = resume(&resumable.path, &sessions, back, quiet()).unwrap();
        assert_eq!(
            resumed.interview.record().question(0).unwrap().1.notes,
            "written into the rescue copy"
        );
        resumed.session.close();

        // Written later in the sessions folder again: that copy is the newer one.
        let resumed = resume(&original, &sessions, back, quiet()).unwrap();
        resumed.session.close();
        assert_eq!(
            crate::store::newest_resumable(&sessions).unwrap().path,
            original
        );
    }

    #[test]
    fn esc_w_with_nowhere_to_go_keeps_saving_to_the_original_until_it_works() {
        let tmp = tempfile::tempdir().unwrap();
        let bank = crate::bank::builtin().unwrap();
        let data = tmp.path().join("data");
        std::fs::create_dir(&data).unwrap();
        // Root ignores permissions: files where folders should be stop it too.
        let sessions = data.join("sessions");
        std::fs::write(&sessions, "in the way").unwrap();
        let nowhere = tmp.path().join("a-file");
        std::fs::write(&nowhere, "").unwrap();
        let t0 = now();
        let (mut interview, mut session) = start(&sessions, &bank, &ada(), t0, quiet());
        session.set_rescue_places(RescuePlaces::with(
            vec![nowhere.join("rescue"), nowhere.join("phonescreen-rescue")],
            Some(nowhere.clone()),
        ));
        let original = session.path().to_path_buf();
        interview.set_notes("typed while nothing saves".into(), t0.instant);
        let _ = session.save(&mut interview, t0);
        assert_eq!(session.kept(), Kept::Nothing);

        let err = session.save_elsewhere(&mut interview, t0).unwrap_err();
        assert!(err.path.starts_with(&nowhere), "{err}");
        assert_eq!(session.path(), original);
        assert_eq!(
            session.problem().map(|e| e.path.clone()),
            Some(original.clone())
        );
        assert_eq!(std::fs::read(&nowhere).unwrap(), b"");

        interview.set_notes("typed while nothing saves, and more".into(), t0.instant);
        let _ = session.save(&mut interview, t0);
        std::fs::remove_file(&sessions).unwrap();
        let t1 = t0.plus(Duration::from_secs(1));
        session.tick(&interview, t1);
        session.save_and_wait(&mut interview, t1).unwrap();
        assert!(session.problem().is_none(), "NOT SAVED clears");
        assert!(session.lock_problem().is_none());
        assert_eq!(session.kept(), Kept::File);
        assert_eq!(notes_of(&original), "typed while nothing saves, and more");
        session.close();
    }

    #[test]
    fn esc_w_never_saves_through_a_link_and_makes_a_private_folder_last() {
        let tmp = tempfile::tempdir().unwrap();
        let bank = crate::bank::builtin().unwrap();
        let sessions = tmp.path().join("data/sessions");
        std::fs::create_dir_all(tmp.path().join("data")).unwrap();
        std::fs::write(&sessions, "in the way").unwrap();
        // Both known folders are links to someone else's folder.
        let elsewhere = tmp.path().join("elsewhere");
        std::fs::create_dir(&elsewhere).unwrap();
        std::fs::create_dir_all(tmp.path().join("home")).unwrap();
        std::fs::create_dir_all(tmp.path().join("tmp")).unwrap();
        for link in ["data/rescue", "home/phonescreen-rescue"] {
            std::os::unix::fs::symlink(&elsewhere, tmp.path().join(link)).unwrap();
        }
        let t0 = now();
        let (mut interview, mut session) = start(&sessions, &bank, &ada(), t0, quiet());
        session.set_rescue_places(places_in(tmp.path()));
        interview.set_notes("kept safe".into(), t0.instant);
        let rescued = session.save_elsewhere(&mut interview, t0).unwrap();
        assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
        let folder = rescued.parent().unwrap();
        assert_eq!(folder.parent(), Some(tmp.path().join("tmp").as_path()));
        let name = folder.file_name().unwrap().to_str().unwrap();
        assert!(name.starts_with("phonescreen-rescue-"), "{name}");
        assert_eq!(mode(folder), 0o700);
        assert_eq!(notes_of(&rescued), "kept safe");
        session.close();
    }
}
