//! Where `Esc w` saves an interview when its folder cannot be written
//! (`<data>/rescue/`, then `~/phonescreen-rescue/`, then a new private
//! folder in the temporary folder), and how the listing finds it again: the
//! newer of the two copies wins, every time the files are listed. The
//! full story: docs/ARCHITECTURE.md.

use std::ffi::OsString;
use std::fs;
use std::io;
use std::os::unix::ffi::OsStringExt;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// The rescue folder in the data folder.
pub(crate) const DATA_RESCUE_DIR: &str = "rescue";
/// The rescue folder in the home folder.
pub(crate) const HOME_RESCUE_DIR: &str = "phonescreen-rescue";
/// How a rescue folder made in the temporary folder begins.
const TEMP_PREFIX: &str = "phonescreen-rescue-";

/// The folders a rescue copy may go to, in the order they are tried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RescuePlaces {
    known: Vec<PathBuf>,
    temp: Option<PathBuf>,
}

impl RescuePlaces {
    /// The places for interviews kept in `sessions_dir`: `rescue/` beside
    /// it, `$HOME/phonescreen-rescue`, then a new folder in the temporary
    /// folder (`$TMPDIR` or `/tmp`).
    pub(crate) fn new(sessions_dir: &Path) -> Self {
        let home = std::env::var_os("HOME")
            .map(PathBuf::from)
            .filter(|home| home.is_absolute());
        Self::with(
            known_dirs(sessions_dir, home.as_deref()),
            Some(std::env::temp_dir()),
        )
    }

    /// Places given outright: `known` folders (listed with the interviews),
    /// and the folder to make a new private one in as the last resort.
    pub fn with(known: Vec<PathBuf>, temp: Option<PathBuf>) -> Self {
        let mut unique: Vec<PathBuf> = Vec::with_capacity(known.len());
        for dir in known {
            if !unique.contains(&dir) {
                unique.push(dir);
            }
        }
        Self {
            known: unique,
            temp,
        }
    }

    /// The known rescue folders, searched by the listing.
    pub(crate) fn known(&self) -> &[PathBuf] {
        &self.known
    }

    /// Where a last-resort folder is made, if anywhere.
    pub(crate) fn temp(&self) -> Option<&Path> {
        self.temp.as_deref()
    }
}

/// The known rescue folders for `sessions_dir`, with `home` the home folder.
fn known_dirs(sessions_dir: &Path, home: Option<&Path>) -> Vec<PathBuf> {
    let data = super::naming::parent_of(sessions_dir);
    let mut dirs = vec![data.join(DATA_RESCUE_DIR)];
    dirs.extend(home.map(|h| h.join(HOME_RESCUE_DIR)));
    dirs
}

/// Makes `dir` if it is missing, and checks it is fit for personal data: a
/// real folder (not a symbolic link), this user's, and 0700 (tightened if
/// it was looser).
pub(crate) fn private_folder(dir: &Path) -> io::Result<()> {
    match fs::symlink_metadata(dir) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => crate::paths::create_private_dir(dir)?,
        Err(e) => return Err(e),
        Ok(_) => {}
    }
    let meta = fs::symlink_metadata(dir)?;
    if meta.file_type().is_symlink() {
        return Err(io::Error::other(
            "it is a symbolic link, and phonescreen never saves through links",
        ));
    }
    if !meta.is_dir() {
        return Err(io::Error::from_raw_os_error(libc::ENOTDIR));
    }
    // SAFETY: geteuid has no preconditions and cannot fail.
    if meta.uid() != unsafe { libc::geteuid() } {
        return Err(io::Error::other("the folder belongs to another user"));
    }
    if meta.mode() & 0o077 != 0 {
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// Makes a new private folder (0700) with an unguessable name in `parent`.
pub(crate) fn fresh_folder(parent: &Path) -> io::Result<PathBuf> {
    let mut template = parent.join(format!("{TEMP_PREFIX}XXXXXX")).into_os_string();
    template.push("\0");
    let mut bytes = template.into_vec();
    if bytes[..bytes.len() - 1].contains(&0) {
        return Err(io::Error::from(io::ErrorKind::InvalidInput));
    }
    // SAFETY: `bytes` is a writable NUL-terminated string, which mkdtemp
    // changes in place (the XXXXXX) and does not keep.
    let made = unsafe { libc::mkdtemp(bytes.as_mut_ptr().cast()) };
    if made.is_null() {
        return Err(io::Error::last_os_error());
    }
    bytes.pop();
    Ok(PathBuf::from(OsString::from_vec(bytes)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_places_are_beside_the_sessions_and_in_the_home_folder() {
        assert_eq!(
            known_dirs(Path::new("/d/sessions"), Some(Path::new("/home/a"))),
            [
                PathBuf::from("/d/rescue"),
                PathBuf::from("/home/a/phonescreen-rescue")
            ]
        );
        assert_eq!(
            known_dirs(Path::new("/d/sessions"), None),
            [PathBuf::from("/d/rescue")]
        );
        let places = RescuePlaces::with(vec!["/a".into(), "/a".into(), "/b".into()], None);
        assert_eq!(places.known(), [PathBuf::from("/a"), PathBuf::from("/b")]);
    }

    #[test]
    fn a_private_folder_is_made_0700_or_tightened() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("rescue");
        private_folder(&dir).unwrap();
        assert_eq!(fs::metadata(&dir).unwrap().mode() & 0o777, 0o700);
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
        private_folder(&dir).unwrap();
        assert_eq!(fs::metadata(&dir).unwrap().mode() & 0o777, 0o700);
    }

    #[test]
    fn a_link_or_a_file_is_no_rescue_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let elsewhere = tmp.path().join("elsewhere");
        fs::create_dir(&elsewhere).unwrap();
        fs::set_permissions(&elsewhere, fs::Permissions::from_mode(0o755)).unwrap();
        let link = tmp.path().join("rescue");
        std::os::unix::fs::symlink(&elsewhere, &link).unwrap();
        let err = private_folder(&link).unwrap_err();
        assert!(err.to_string().contains("symbolic link"), "{err}");
        assert_eq!(fs::metadata(&elsewhere).unwrap().mode() & 0o777, 0o755);
        let file = tmp.path().join("file");
        fs::write(&file, "").unwrap();
        assert_eq!(
            private_folder(&file).unwrap_err().raw_os_error(),
            Some(libc::ENOTDIR)
        );
    }

    #[test]
    fn a_fresh_folder_is_private_and_unguessable() {
        let tmp = tempfile::tempdir().unwrap();
        let a = fresh_folder(tmp.path()).unwrap();
        let b = fresh_folder(tmp.path()).unwrap();
        assert_ne!(a, b);
        for dir in [&a, &b] {
            let name = dir.file_name().unwrap().to_str().unwrap();
            assert!(name.starts_with(TEMP_PREFIX), "{name}");
            assert!(!name.ends_with("XXXXXX"), "{name}");
            let meta = fs::symlink_metadata(dir).unwrap();
            assert!(meta.is_dir());
            assert_eq!(meta.mode() & 0o777, 0o700);
        }
        let file = tmp.path().join("file");
        fs::write(&file, "").unwrap();
        assert!(fresh_folder(&file).is_err());
    }
}
