//! The saved interviews as the commands read them: a sessions folder that
//! cannot be listed is an error for every command, never an empty archive a
//! script would believe.

use std::path::Path;

use crate::store;

/// The error for the sessions folder `path` that cannot be read, `why`
/// saying what went wrong and what to do.
fn unreadable(path: &Path, why: &str) -> anyhow::Error {
    anyhow::anyhow!("{}: {why}", path.display())
}

/// The interview files of the sessions folder and the rescue copies (see
/// [`store::files`]), or an error when the sessions folder cannot be read.
pub(crate) fn files(sessions: &Path) -> anyhow::Result<store::Files> {
    let found = store::files(sessions);
    match &found.problem {
        Some((path, why)) => Err(unreadable(path, why)),
        None => Ok(found),
    }
}

/// An error when `problems` (a listing's) say the sessions folder itself
/// could not be read; the files that could not be read are the caller's to
/// name.
pub(crate) fn check(
    sessions: &Path,
    problems: &[(std::path::PathBuf, String)],
) -> anyhow::Result<()> {
    match problems.iter().find(|(path, _)| path == sessions) {
        Some((path, why)) => Err(unreadable(path, why)),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_that_is_a_file_is_an_error_and_a_missing_one_is_empty() {
        let tmp = tempfile::tempdir().unwrap();
        let missing = tmp.path().join("sessions");
        assert!(files(&missing).unwrap().files.is_empty());
        std::fs::write(&missing, "x").unwrap();
        let err = files(&missing).unwrap_err().to_string();
        assert!(
            err.starts_with(&format!("{}: cannot read the folder", missing.display())),
            "{err}"
        );
        assert!(err.contains("is not a folder"), "{err}");
        let problems = vec![(missing.clone(), "why".to_string())];
        assert!(check(&missing, &problems).is_err());
        assert!(check(&tmp.path().join("other"), &problems).is_ok());
    }
}
