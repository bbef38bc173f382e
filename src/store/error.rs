//! Turning the operating system's error codes into words a user can act on.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// What kind of trouble the operating system reported, grouped by what the
/// user can do about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trouble {
    /// No permission to write there (`EACCES`, `EPERM`).
    PermissionDenied,
    /// The disk or the quota is full (`ENOSPC`, `EDQUOT`).
    DiskFull,
    /// The file system is mounted read-only (`EROFS`).
    ReadOnly,
    /// The folder is gone, or part of the path is not a folder (`ENOENT`, `ENOTDIR`).
    Missing,
    /// Anything else (an I/O error, a name too long, …).
    Other,
}

impl Trouble {
    /// What the user can do about it, for the end of a message.
    pub(crate) fn hint(self) -> &'static str {
        match self {
            Trouble::PermissionDenied => "make the folder writable or save elsewhere",
            Trouble::DiskFull => {
                "free some disk space or save elsewhere; your notes stay on screen and saving retries"
            }
            Trouble::ReadOnly => "the disk is read-only; save elsewhere",
            Trouble::Missing => "create the folder or save elsewhere",
            Trouble::Other => {
                "check the disk or save elsewhere; your notes stay on screen and saving retries"
            }
        }
    }
}

/// Classifies an I/O error and words its reason without the `(os error N)` noise.
pub(crate) fn describe(err: &io::Error) -> (Trouble, String) {
    let (trouble, words) = match err.raw_os_error() {
        Some(libc::EACCES) | Some(libc::EPERM) => (Trouble::PermissionDenied, "permission denied"),
        Some(libc::ENOSPC) => (Trouble::DiskFull, "the disk is full"),
        Some(libc::EDQUOT) => (Trouble::DiskFull, "the disk quota is used up"),
        Some(libc::EROFS) => (Trouble::ReadOnly, "the file system is read-only"),
        Some(libc::ENOENT) => (Trouble::Missing, "the folder does not exist"),
        Some(libc::ENOTDIR) => (Trouble::Missing, "part of the path is not a folder"),
        Some(libc::EISDIR) => (Trouble::Other, "there is a folder with that name"),
        Some(libc::ENAMETOOLONG) => (Trouble::Other, "the name is too long"),
        Some(libc::EIO) => (
            Trouble::Other,
            "input/output error (the disk may be failing or disconnected)",
        ),
        _ => (Trouble::Other, ""),
    };
    if !words.is_empty() {
        return (trouble, words.to_string());
    }
    if err.raw_os_error().is_none() {
        // Our own words (a link to nothing on the way): kept as written,
        // paths and all.
        let trouble = if err.kind() == io::ErrorKind::NotFound {
            Trouble::Missing
        } else {
            Trouble::Other
        };
        return (trouble, err.to_string());
    }
    let text = err.to_string();
    let text = match text.find(" (os error") {
        Some(i) => text[..i].to_string(),
        None => text,
    };
    (trouble, text.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_common_troubles() {
        let e = io::Error::from_raw_os_error(libc::ENOSPC);
        assert_eq!(
            describe(&e),
            (Trouble::DiskFull, "the disk is full".to_string())
        );
        let e = io::Error::from_raw_os_error(libc::EROFS);
        assert_eq!(describe(&e).0, Trouble::ReadOnly);
        let e = io::Error::from_raw_os_error(libc::EACCES);
        assert_eq!(
            describe(&e),
            (Trouble::PermissionDenied, "permission denied".to_string())
        );
    }

    #[test]
    fn keeps_our_own_words_as_written() {
        let e = io::Error::new(
            io::ErrorKind::NotFound,
            "/Data is a symbolic link to /Gone, which does not exist",
        );
        assert_eq!(
            describe(&e),
            (
                Trouble::Missing,
                "/Data is a symbolic link to /Gone, which does not exist".to_string()
            )
        );
    }

    #[test]
    fn drops_the_os_error_number() {
        let e = io::Error::from_raw_os_error(libc::EBUSY);
        let (trouble, words) = describe(&e);
        assert_eq!(trouble, Trouble::Other);
        assert!(!words.contains("os error"), "{words}");
        assert!(!words.is_empty());
    }
}

/// The step of saving that failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveOp {
    /// Turning the interview into YAML.
    Serialize,
    /// Creating the folder that holds the file.
    CreateFolder,
    /// Creating or writing the new version.
    Write,
    /// Flushing to the disk (`fsync`).
    Sync,
    /// Putting the new version in place of the old one (`rename`).
    Replace,
}

impl fmt::Display for SaveOp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SaveOp::Serialize => "prepare",
            SaveOp::CreateFolder => "create the folder for",
            SaveOp::Write => "write",
            SaveOp::Sync => "flush to disk",
            SaveOp::Replace => "replace",
        })
    }
}

/// Why an interview could not be saved, in words the interviewer can act on:
/// `cannot write /x/sessions/foo.yaml: permission denied — make the folder
/// writable or save elsewhere`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot {op} {path}: {reason} — {hint}", path = .path.display(), hint = .trouble.hint())]
pub struct SaveError {
    /// The interview file being saved.
    pub path: PathBuf,
    /// The step that failed.
    pub(crate) op: SaveOp,
    /// What kind of trouble, e.g. [`Trouble::DiskFull`] or [`Trouble::ReadOnly`].
    pub(crate) trouble: Trouble,
    /// The operating system's reason, in words.
    pub(crate) reason: String,
}

impl SaveError {
    pub(crate) fn io(path: &Path, op: SaveOp, err: &io::Error) -> Self {
        let (trouble, reason) = describe(err);
        SaveError {
            path: path.to_path_buf(),
            op,
            trouble,
            reason,
        }
    }
}

/// What a successful write of the interview file found, so the UI can warn
/// about surprises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveOutcome {
    /// Written over our own previous version, as expected.
    Saved,
    /// The file had been deleted since our last write; it was written again.
    Recreated,
    /// Another file had been put at the path since our last write (another
    /// program or an editor); it was overwritten with what is on screen.
    Replaced,
}
