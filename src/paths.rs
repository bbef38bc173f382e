//! Where phonescreen keeps things: a config folder (user banks, `config.yaml`)
//! and a data folder (saved interviews), with overrides for tests and teams.

use std::fs;
use std::io;
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// Environment variable that overrides the config folder.
pub(crate) const CONFIG_ENV: &str = "PHONESCREEN_CONFIG_DIR";
/// Environment variable that overrides the data folder.
pub(crate) const DATA_ENV: &str = "PHONESCREEN_DATA_DIR";

/// The folder in the data folder for scorecards written for terminals that
/// cannot take a copy (`exports/<id>.md`); deleting an interview removes
/// its scorecard there too.
pub(crate) const EXPORTS_DIR: &str = "exports";

/// The folders phonescreen reads and writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// Config folder: `banks/*.yaml` and `config.yaml`.
    pub(crate) config_dir: PathBuf,
    /// Data folder: `sessions/` with saved interviews.
    pub(crate) data_dir: PathBuf,
}

/// Why the folders could not be worked out.
#[derive(Debug, thiserror::Error)]
#[error("cannot find a home folder to keep {what} in; set {env} or pass {flag} to choose a folder")]
pub struct NoHomeError {
    what: &'static str,
    env: &'static str,
    flag: &'static str,
}

impl Paths {
    /// Resolves the folders: a flag wins over the environment, which wins over the platform default.
    pub fn resolve(
        config_flag: Option<PathBuf>,
        data_flag: Option<PathBuf>,
    ) -> Result<Self, NoHomeError> {
        let from_env = |name: &str| {
            std::env::var_os(name)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        let project = directories::ProjectDirs::from("", "", "phonescreen");
        let config_dir = config_flag
            .or_else(|| from_env(CONFIG_ENV))
            .or_else(|| project.as_ref().map(|p| p.config_dir().to_path_buf()))
            .ok_or(NoHomeError {
                what: "settings and banks",
                env: CONFIG_ENV,
                flag: "--config-dir",
            })?;
        let data_dir = data_flag
            .or_else(|| from_env(DATA_ENV))
            .or_else(|| project.as_ref().map(|p| p.data_dir().to_path_buf()))
            .ok_or(NoHomeError {
                what: "saved interviews",
                env: DATA_ENV,
                flag: "--data-dir",
            })?;
        Ok(Self {
            config_dir,
            data_dir,
        })
    }

    /// Folder of user banks.
    pub(crate) fn banks_dir(&self) -> PathBuf {
        self.config_dir.join("banks")
    }

    /// The optional config file.
    pub fn config_file(&self) -> PathBuf {
        self.config_dir.join("config.yaml")
    }

    /// Folder of scorecards written for terminals that cannot take a copy.
    pub(crate) fn exports_dir(&self) -> PathBuf {
        self.data_dir.join(EXPORTS_DIR)
    }

    /// Folder of saved interviews.
    pub fn sessions_dir(&self) -> PathBuf {
        self.data_dir.join("sessions")
    }
}

/// Creates `dir` and its missing parents, readable by the owner alone (0700).
///
/// Folders that already exist keep their permissions, except the last one,
/// which holds personal data and is tightened to 0700.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(|err| match crate::fsread::broken_link(dir) {
            // The operating system says "file exists" or "no such file";
            // the link to nothing on the way is what the user can fix.
            Some((link, target)) => io::Error::new(
                io::ErrorKind::NotFound,
                crate::fsread::broken_link_words(&link, &target),
            ),
            None => err,
        })?;
    let meta = fs::metadata(dir)?;
    if meta.permissions().mode() & 0o077 != 0 {
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

const NOT_A_FILE: &str = "it is a FIFO or a device, not a regular file; name a file to write";

/// Writes `bytes` to `path` readable by the owner alone (0600): a link
/// planted at `path` is refused, not followed, and anything but a regular
/// file (a FIFO, a device) is left alone.
pub(crate) fn write_private_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use crate::fsread::{Access, OwnError, open_own};
    use std::io::Write;
    let (mut file, _) = open_own(path, Access::ReadWrite).map_err(|e| match e {
        OwnError::Link => {
            io::Error::other("it is a symbolic link; phonescreen does not write through links")
        }
        OwnError::NoReader | OwnError::NotAFile => io::Error::other(NOT_A_FILE),
        OwnError::HardLink => io::Error::other(
            "it has other names (hard links), which writing would change too; name another file",
        ),
        OwnError::Io(e) => e,
    })?;
    file.set_permissions(fs::Permissions::from_mode(0o600))?;
    file.set_len(0)?;
    file.write_all(bytes)?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_win_over_everything() {
        let p = Paths::resolve(Some("/c".into()), Some("/d".into())).unwrap();
        assert_eq!(p.banks_dir(), PathBuf::from("/c/banks"));
        assert_eq!(p.sessions_dir(), PathBuf::from("/d/sessions"));
    }

    #[test]
    fn a_folder_behind_a_link_to_nothing_says_so() {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        std::os::unix::fs::symlink("/nonexistent/phonescreen", &data).unwrap();
        let err = create_private_dir(&data.join("sessions")).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
        assert_eq!(
            err.to_string(),
            format!(
                "{} is a symbolic link to /nonexistent/phonescreen, which does not exist",
                data.display()
            )
        );
    }

    #[test]
    fn private_dirs_and_files_are_owner_only() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("a/b");
        create_private_dir(&dir).unwrap();
        let mode = fs::metadata(&dir).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700);
    }
}
