//! Clearing up after crashed phonescreens at start: leftover locks and temp
//! files, and journals written into their interview files.

use std::path::{Path, PathBuf};

use super::{SessionLock, load};

/// What [`tidy`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tidied {
    /// Temp files of interviews nobody has open removed.
    pub temps_removed: usize,
    /// Lock files nobody holds (left by a crash) removed.
    pub locks_removed: usize,
    /// Interview files brought up to date with a journal left by a crash.
    pub(crate) recovered: Vec<PathBuf>,
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

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

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
}
