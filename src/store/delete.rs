//! Deleting interviews, on request or by age: the file and everything that
//! belongs to it (journal, amend draft, lock, temps, rescue copies, the
//! exported scorecard), under the interview's lock, so an interview open in
//! a running phonescreen is never deleted underneath it. Links are removed,
//! never followed.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::atomic::{sync_dir, temp_of};
use super::lock::{LockError, SessionLock};
use super::naming::parent_of;
use super::rescue::RescuePlaces;
use crate::display::plural;

/// Why an interview could not be deleted.
#[derive(Debug, thiserror::Error)]
pub(crate) enum DeleteError {
    /// No file of that interview exists.
    #[error("no interview `{0}`; see `phonescreen sessions list`")]
    NotFound(String),
    /// Not an interview id (a path, a dotfile).
    #[error("`{0}` is not an interview id; see `phonescreen sessions list`")]
    BadId(String),
    /// It is open in a running phonescreen, or its lock is not a lock file.
    #[error("{0}")]
    Locked(#[from] LockError),
    /// Its lock file cannot be made (a read-only disk, a folder that is not
    /// writable, no inodes left), so it cannot be locked for deleting.
    #[error(
        "cannot delete interview {id}: its lock file {path} cannot be made ({reason}) — {fix}; nothing of it was deleted",
        path = .path.display()
    )]
    CannotLock {
        /// The interview id.
        id: String,
        /// The lock file.
        path: PathBuf,
        /// The operating system's reason, in words.
        reason: String,
        /// What to do, for a delete.
        fix: &'static str,
    },
    /// A file could not be removed; the ones before it were.
    #[error("cannot remove {path}: {reason}", path = .path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        reason: String,
    },
}

/// Every file of the interview `id`: in `sessions_dir` and in each known
/// rescue folder, the interview, its journal, its amendment draft (and
/// drafts set aside), its lock and its temp files and its draft's;
/// and its scorecard in the data folder's `exports/`. Sorted; empty when
/// there is none.
pub fn files_of(sessions_dir: &Path, id: &str) -> Vec<PathBuf> {
    let name = format!("{id}.yaml");
    let journal = format!(".{name}.journal");
    let draft = format!(".{name}{}", super::AMEND_DRAFT_SUFFIX);
    let lock = format!("{id}.lock");
    let mut dirs = vec![sessions_dir.to_path_buf()];
    dirs.extend(RescuePlaces::new(sessions_dir).known().iter().cloned());
    let mut found = Vec::new();
    for dir in dirs {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let file_name = entry.file_name();
            let Some(n) = file_name.to_str() else {
                continue;
            };
            let ours = n == name
                || n == journal
                || n == draft
                || n == lock
                || temp_of(n) == Some(name.as_str())
                || temp_of(n) == Some(draft.as_str())
                || n.strip_prefix(draft.as_str())
                    .is_some_and(|rest| rest.starts_with(super::AMEND_DRAFT_SET_ASIDE));
            // Folders are never an interview's; links are removed as links.
            if ours && !entry.file_type().is_ok_and(|t| t.is_dir()) {
                found.push(entry.path());
            }
        }
    }
    let scorecard = parent_of(sessions_dir)
        .join(crate::paths::EXPORTS_DIR)
        .join(format!("{id}.md"));
    if fs::symlink_metadata(&scorecard).is_ok_and(|m| !m.is_dir()) {
        found.push(scorecard);
    }
    found.sort();
    found
}

/// Checks that `id` names an interview file and not a path.
pub(crate) fn check_id(id: &str) -> Result<&str, DeleteError> {
    let id = id.strip_suffix(".yaml").unwrap_or(id);
    if id.is_empty() || id.contains('/') || id.starts_with('.') || id.contains('\0') {
        return Err(DeleteError::BadId(id.to_string()));
    }
    Ok(id)
}

/// The error of a lock that could not be taken, with advice for a delete
/// (the lock's own words are for opening an interview).
fn for_delete(err: LockError) -> DeleteError {
    use super::Trouble;
    let LockError::Io {
        id,
        path,
        reason,
        trouble,
    } = err
    else {
        return DeleteError::Locked(err);
    };
    let fix = match trouble {
        Trouble::DiskFull => "free some disk space, then delete again",
        Trouble::PermissionDenied => {
            "make the folder writable (deleting needs that too), then delete again"
        }
        Trouble::ReadOnly => {
            "the disk is read-only, so nothing can be deleted from it until it is mounted writable"
        }
        Trouble::Missing => "its folder is gone; see `phonescreen sessions list`",
        Trouble::Other => "check the disk, then delete again",
    };
    DeleteError::CannotLock {
        id,
        path,
        reason,
        fix,
    }
}

/// Deletes every file of the interview `id` (see [`files_of`]) and returns
/// them. Refused while a running phonescreen has the interview open.
pub(crate) fn delete(sessions_dir: &Path, id: &str) -> Result<Vec<PathBuf>, DeleteError> {
    let id = check_id(id)?;
    let files = files_of(sessions_dir, id);
    if files.is_empty() {
        return Err(DeleteError::NotFound(id.to_string()));
    }
    // Lock every copy first: nothing is removed while anyone has one open.
    let mut locks = Vec::new();
    let interviews: Vec<&PathBuf> = files
        .iter()
        .filter(|p| p.file_name().and_then(|n| n.to_str()) == Some(&format!("{id}.yaml")))
        .collect();
    for interview in &interviews {
        locks.push(SessionLock::acquire(interview).map_err(for_delete)?);
    }
    let lock_files: Vec<PathBuf> = locks.iter().map(|l| l.path().to_path_buf()).collect();
    let mut removed = Vec::new();
    for file in &files {
        if lock_files.contains(file) {
            continue;
        }
        match fs::remove_file(file) {
            Ok(()) => removed.push(file.clone()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(DeleteError::Io {
                    path: file.clone(),
                    reason: super::error::describe(&e).1,
                });
            }
        }
    }
    // Dropping a lock removes its file; only lock files that were there
    // before (left by a crash) count as removed.
    drop(locks);
    removed.extend(
        lock_files
            .into_iter()
            .filter(|l| files.contains(l) && fs::symlink_metadata(l).is_err()),
    );
    removed.sort();
    for dir in removed.iter().filter_map(|p| p.parent()) {
        let _ = sync_dir(dir);
    }
    Ok(removed)
}

/// One interview to delete: its id and how to name it to the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doomed {
    /// The interview id (file stem).
    pub(crate) id: String,
    /// "the interview of Ada Lovelace", as the messages say it (unescaped).
    pub(crate) what: String,
}

/// What deleting several interviews did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Deleted {
    /// Ids of the interviews deleted.
    pub(crate) ids: Vec<String>,
    /// Files removed in all.
    pub(crate) files: usize,
    /// Interviews kept, and why: (what, why).
    pub(crate) kept: Vec<(String, String)>,
    /// Why the review index could not drop them, if it could not.
    pub(crate) index_problem: Option<String>,
}

impl Deleted {
    /// One line saying what happened, made safe to draw.
    pub(crate) fn message(&self) -> String {
        let mut parts = Vec::new();
        if !self.ids.is_empty() {
            parts.push(format!(
                "Deleted {} ({})",
                plural(self.ids.len(), "interview"),
                plural(self.files, "file")
            ));
        }
        for (what, why) in &self.kept {
            parts.push(format!("kept {what}: {why}"));
        }
        if let Some(why) = &self.index_problem {
            parts.push(format!(
                "the review index lists them until it is next read ({why})"
            ));
        }
        let mut text = parts.join("; ");
        if let Some(first) = text.get(..1) {
            text = first.to_uppercase() + &text[1..];
        }
        crate::display::escape(&text).into_owned()
    }
}

/// Why `error` kept the interview, in words; an interview this very
/// phonescreen has open is named as such (its own lock refuses it too, but
/// "another phonescreen" would be wrong).
fn why_kept(error: &DeleteError) -> String {
    match error {
        DeleteError::Locked(LockError::Held { pid, .. }) if *pid == Some(std::process::id()) => {
            OPEN_HERE.to_string()
        }
        other => other.to_string(),
    }
}

/// Why an interview this phonescreen has open cannot be deleted.
const OPEN_HERE: &str = "this phonescreen has it open; close it first";

/// Deletes each of `doomed` with everything it left (see [`delete`]), then
/// has `forget` drop the deleted ones from the review index (passed in: the
/// index lives in `review`, a floor above the store). An interview open in
/// a running phonescreen is kept, with the reason.
pub(crate) fn delete_all(
    sessions_dir: &Path,
    doomed: &[Doomed],
    forget: impl FnOnce(&Path, &[String]) -> Result<(), String>,
) -> Deleted {
    let mut out = Deleted::default();
    for d in doomed {
        match delete(sessions_dir, &d.id) {
            Ok(files) => {
                out.files += files.len();
                out.ids.push(d.id.clone());
            }
            Err(e) => out.kept.push((d.what.clone(), why_kept(&e))),
        }
    }
    if !out.ids.is_empty() {
        out.index_problem = forget(sessions_dir, &out.ids).err();
    }
    out
}

/// Whether the interview `id`, saved at `path`, can be deleted now: how
/// many files would go (none: gone already), or why not (it is open in a
/// running phonescreen, this one or another).
pub(crate) fn check(sessions_dir: &Path, path: &Path, id: &str) -> Result<usize, String> {
    match super::is_locked_by_live_process(path) {
        Some(pid) if pid == std::process::id() => Err(OPEN_HERE.to_string()),
        Some(pid) => Err(LockError::Held {
            id: id.to_string(),
            pid: Some(pid).filter(|&p| p != 0),
            path: super::lock_path(path),
        }
        .to_string()),
        None => Ok(files_of(sessions_dir, id).len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testing::sample_record;
    use crate::store::write_record;

    fn touch(path: &Path) {
        fs::write(path, "x").unwrap();
    }

    #[test]
    fn removes_the_interview_its_journal_temps_lock_and_nothing_else() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("sessions");
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join("20250304-101500-ada.yaml");
        write_record(&path, &sample_record(2, 10)).unwrap();
        touch(&dir.join(".20250304-101500-ada.yaml.journal"));
        touch(&dir.join(".20250304-101500-ada.yaml.amend"));
        touch(&dir.join("..20250304-101500-ada.yaml.amend.tmp-Zz9Yy8Xx7W"));
        touch(&dir.join(".20250304-101500-ada.yaml.amend.refused-20250305-091200"));
        touch(&dir.join(".20250304-101500-ada.yaml.tmp-AbC123xyz0"));
        touch(&dir.join("20250304-101500-ada.lock"));
        let rescue = tmp.path().join("rescue");
        fs::create_dir_all(&rescue).unwrap();
        write_record(
            &rescue.join("20250304-101500-ada.yaml"),
            &sample_record(2, 10),
        )
        .unwrap();
        let other = dir.join("20250304-101500-adam.yaml");
        touch(&other);
        touch(&dir.join(".20250304-101500-adam.yaml.journal"));
        touch(&dir.join(".20250304-101500-adam.yaml.amend"));
        touch(&dir.join(".20250304-101500-adam.yaml.amend.refused-20250305-091200"));
        let exports = tmp.path().join("exports");
        fs::create_dir_all(&exports).unwrap();
        touch(&exports.join("20250304-101500-ada.md"));
        touch(&exports.join("20250304-101500-adam.md"));
        let removed = delete(&dir, "20250304-101500-ada").unwrap();
        assert_eq!(removed.len(), 9, "{removed:?}");
        assert!(
            removed.contains(&dir.join(".20250304-101500-ada.yaml.amend")),
            "the amendment draft went: {removed:?}"
        );
        assert_eq!(
            fs::read_dir(&exports).unwrap().count(),
            1,
            "the scorecard went, another's stayed"
        );
        assert_eq!(
            fs::read_dir(&rescue).unwrap().count(),
            0,
            "the rescue copy and its lock"
        );
        let left: Vec<String> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        let mut left = left;
        left.sort();
        assert_eq!(
            left,
            [
                ".20250304-101500-adam.yaml.amend",
                ".20250304-101500-adam.yaml.amend.refused-20250305-091200",
                ".20250304-101500-adam.yaml.journal",
                "20250304-101500-adam.yaml"
            ]
        );
        assert!(matches!(
            delete(&dir, "20250304-101500-ada"),
            Err(DeleteError::NotFound(_))
        ));
    }

    #[test]
    fn an_open_interview_is_not_deleted_and_paths_are_not_ids() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("sessions");
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join("a.yaml");
        write_record(&path, &sample_record(2, 10)).unwrap();
        let held = SessionLock::acquire(&path).unwrap();
        assert!(matches!(delete(&dir, "a"), Err(DeleteError::Locked(_))));
        assert!(path.exists());
        drop(held);
        for bad in ["../a", ".a", "", "a/b"] {
            assert!(
                matches!(delete(&dir, bad), Err(DeleteError::BadId(_))),
                "{bad}"
            );
        }
        delete(&dir, "a.yaml").unwrap();
        assert!(!path.exists());
    }

    #[test]
    fn a_lock_that_cannot_be_made_is_explained_for_a_delete() {
        let err = for_delete(LockError::Io {
            id: "a".into(),
            path: PathBuf::from("/s/a.lock"),
            reason: "the file system is read-only".into(),
            trouble: crate::store::Trouble::ReadOnly,
        });
        assert_eq!(
            err.to_string(),
            "cannot delete interview a: its lock file /s/a.lock cannot be made (the file system is read-only) — the disk is read-only, so nothing can be deleted from it until it is mounted writable; nothing of it was deleted"
        );
        let held = LockError::Held {
            id: "a".into(),
            pid: Some(7),
            path: PathBuf::from("/s/a.lock"),
        };
        assert!(matches!(for_delete(held), DeleteError::Locked(_)));
    }

    #[test]
    fn an_interview_is_deleted_on_a_full_disk_and_no_lock_is_left() {
        let tmp = tempfile::tempdir().unwrap();
        let mut disk = crate::store::full_disk::FullDisk::new(&tmp.path().join("data"));
        disk.free();
        let dir = disk.path().join("sessions");
        fs::create_dir_all(&dir).unwrap();
        write_record(&dir.join("a.yaml"), &sample_record(2, 10)).unwrap();
        disk.fill();
        let removed = delete(&dir, "a").unwrap();
        assert_eq!(removed, [dir.join("a.yaml")]);
        assert_eq!(
            fs::read_dir(&dir).unwrap().count(),
            0,
            "no lock file is left"
        );
    }

    #[test]
    fn a_planted_link_is_removed_not_followed() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("sessions");
        fs::create_dir_all(&dir).unwrap();
        let precious = tmp.path().join("precious");
        touch(&precious);
        std::os::unix::fs::symlink(&precious, dir.join(".b.yaml.journal")).unwrap();
        write_record(&dir.join("b.yaml"), &sample_record(2, 10)).unwrap();
        delete(&dir, "b").unwrap();
        assert_eq!(fs::read_to_string(&precious).unwrap(), "x");
        assert!(fs::symlink_metadata(dir.join(".b.yaml.journal")).is_err());
    }

    #[test]
    fn the_message_counts_and_names_what_was_kept() {
        let d = Deleted {
            ids: vec!["a".into(), "b".into()],
            files: 3,
            kept: vec![("the interview of Ada\u{1b}]2;x".into(), "it is open".into())],
            index_problem: None,
        };
        assert_eq!(
            d.message(),
            "Deleted 2 interviews (3 files); kept the interview of Ada\\e]2;x: it is open"
        );
        let kept_only = Deleted {
            kept: vec![("the interview of Ada".into(), "it is open".into())],
            ..Deleted::default()
        };
        assert_eq!(kept_only.message(), "Kept the interview of Ada: it is open");
    }
}
