//! Saving elsewhere (`Esc w`): the interview moves, with its own lock and
//! journal, to the first rescue place that takes it.

use std::path::{Path, PathBuf};

use super::Session;
use crate::interview::{Interview, Now};
use crate::store::{SaveError, SaveOp, SessionLock, Trouble};

impl Session {
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
            if let Err(e) = crate::store::rescue::private_folder(&dir) {
                last = Some(SaveError::io(&dir.join(&name), SaveOp::CreateFolder, &e));
                continue;
            }
            match self.move_into(&dir, &name, interview, now) {
                Ok(path) => return Ok(path),
                Err(err) => last = Some(err),
            }
        }
        if let Some(parent) = self.rescue.temp().map(Path::to_path_buf) {
            match crate::store::rescue::fresh_folder(&parent) {
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
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::super::tests::{ada, now, quiet};
    use super::super::{resume, start};
    use super::*;
    use crate::store::{Kept, RescuePlaces, load};

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
