//! Writing a command's output to a file the user names (`export -o FILE`):
//! replaced atomically, never rewritten in place (a new file is 0600, an old
//! one keeps its mode), and refused inside the data or rescue folders, over
//! an input, or at anything that is not a regular file.

use std::fs;
use std::io;
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use anyhow::bail;

use crate::display::escape;
use crate::paths::Paths;
use crate::store::{self, SaveOp};

/// Writes `bytes` to `target` as described above; `inputs` are the files
/// the output was made from, which it must never replace.
pub(crate) fn write(
    paths: &Paths,
    target: &Path,
    bytes: &[u8],
    inputs: &[&Path],
) -> anyhow::Result<()> {
    let shown = escape(&target.display().to_string()).into_owned();
    let Some(name) = target.file_name() else {
        bail!("cannot write to {shown}: it does not end in a file name; name a file");
    };
    let folder = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    // Resolved once, and written through: `..`, links among the folders.
    let folder = fs::canonicalize(folder).map_err(|e| {
        let why = match e.kind() {
            io::ErrorKind::NotFound => "it does not exist; create it first".to_string(),
            _ => format!("{}; name a file in another folder", words(&e)),
        };
        anyhow::anyhow!(
            "cannot write {shown}: its folder {}: {why}",
            escape(&folder.display().to_string())
        )
    })?;
    let resolved = folder.join(name);
    refuse_phonescreens_own(&shown, &resolved, paths)?;
    // The user's file keeps its permissions; a new one holds personal data.
    let (mode, kept) = match fs::symlink_metadata(&resolved) {
        Ok(meta) => {
            refuse_what_is_there(&shown, &resolved, &meta, inputs)?;
            (meta.permissions().mode() & 0o777, "the file is as it was")
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => (0o600, "nothing was written"),
        Err(e) => bail!("cannot write {shown}: {}; name another file", words(&e)),
    };
    store::write_atomic_with_mode(&resolved, bytes, true, mode).map_err(|(op, e)| {
        let what = match (op, e.raw_os_error()) {
            (_, Some(libc::ENOSPC | libc::EDQUOT)) => {
                "the disk is full; free some space and try again".to_string()
            }
            (_, Some(libc::EACCES | libc::EPERM | libc::EROFS)) => format!(
                "a new file cannot be made in {} ({}), and the output is written beside the file and renamed over it; make the folder writable or name a file in another folder",
                escape(&folder.display().to_string()),
                words(&e)
            ),
            (SaveOp::Replace, _) => format!(
                "the new version could not take its place ({}); name another file",
                words(&e)
            ),
            _ => format!("{}; name another file", words(&e)),
        };
        anyhow::anyhow!("cannot write {shown}: {what}; {kept}")
    })
}

/// Refuses what stands at `resolved` unless it is a regular file that is
/// none of `inputs`.
fn refuse_what_is_there(
    shown: &str,
    resolved: &Path,
    meta: &fs::Metadata,
    inputs: &[&Path],
) -> anyhow::Result<()> {
    let kind = meta.file_type();
    if kind.is_symlink() {
        let to = fs::read_link(resolved)
            .map(|t| format!(" to {}", escape(&t.display().to_string())))
            .unwrap_or_default();
        bail!(
            "not writing {shown}: it is a symbolic link{to}; phonescreen does not write through links — name the file itself, or remove the link"
        );
    }
    if kind.is_dir() {
        bail!("not writing {shown}: it is a folder; name a file inside it");
    }
    if !kind.is_file() {
        let what = if kind.is_fifo() {
            "a FIFO (named pipe)"
        } else if kind.is_char_device() || kind.is_block_device() {
            "a device"
        } else if kind.is_socket() {
            "a socket"
        } else {
            "something other than a file"
        };
        bail!(
            "not writing {shown}: it is {what}, not a regular file; to pass the output to a program, leave out -o and pipe standard output"
        );
    }
    let same = |input: &&Path| {
        fs::metadata(input).is_ok_and(|m| m.dev() == meta.dev() && m.ino() == meta.ino())
    };
    if inputs.iter().any(same) {
        bail!("not writing {shown}: it is the file being read; name another file");
    }
    Ok(())
}

/// Refuses a path inside the data folder or a rescue folder: a saved
/// interview, its journal, its lock or the review index would be lost.
fn refuse_phonescreens_own(shown: &str, resolved: &Path, paths: &Paths) -> anyhow::Result<()> {
    let sessions = paths.sessions_dir();
    let places = store::RescuePlaces::new(&sessions);
    let own: Vec<PathBuf> = std::iter::once(paths.data_dir.clone())
        .chain(places.known().iter().cloned())
        .collect();
    for dir in own {
        // A folder that does not exist holds nothing to lose.
        let Ok(dir) = fs::canonicalize(&dir) else {
            continue;
        };
        if resolved.starts_with(&dir) {
            bail!(
                "not writing {shown}: it is inside {}, where phonescreen keeps the saved interviews, their journals and the review index; name a file outside it",
                escape(&dir.display().to_string())
            );
        }
    }
    Ok(())
}

/// The operating system's reason in words, without its error number.
fn words(e: &io::Error) -> String {
    store::describe(e).1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths_in(dir: &Path) -> Paths {
        Paths::resolve(Some(dir.join("config")), Some(dir.join("data"))).unwrap()
    }

    #[test]
    fn a_new_file_is_private_and_an_old_one_keeps_its_mode() {
        let tmp = tempfile::tempdir().unwrap();
        let paths = paths_in(tmp.path());
        let new = tmp.path().join("new.md");
        write(&paths, &new, b"one", &[]).unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&new), 0o600);
        let old = tmp.path().join("old.md");
        fs::write(&old, "before").unwrap();
        fs::set_permissions(&old, fs::Permissions::from_mode(0o644)).unwrap();
        write(&paths, &old, b"after", &[]).unwrap();
        assert_eq!(fs::read_to_string(&old).unwrap(), "after");
        assert_eq!(mode(&old), 0o644);
    }

    #[test]
    fn the_data_folder_is_refused_however_it_is_reached() {
        let tmp = tempfile::tempdir().unwrap();
        let paths = paths_in(tmp.path());
        let sessions = paths.sessions_dir();
        fs::create_dir_all(&sessions).unwrap();
        let interview = sessions.join("20250304-101500-ada.yaml");
        fs::write(&interview, "the interview").unwrap();
        fs::create_dir_all(tmp.path().join("elsewhere")).unwrap();
        let link = tmp.path().join("shortcut");
        std::os::unix::fs::symlink(&sessions, &link).unwrap();
        for target in [
            interview.clone(),
            sessions.join(".20250304-101500-ada.yaml.journal"),
            sessions.join(".review-index.json"),
            tmp.path()
                .join("elsewhere/../data/sessions/20250304-101500-ada.yaml"),
            link.join("20250304-101500-ada.yaml"),
            tmp.path().join("data/exports/x.md"),
        ] {
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent).unwrap();
            }
            let err = write(&paths, &target, b"export", &[])
                .unwrap_err()
                .to_string();
            assert!(err.contains("where phonescreen keeps"), "{target:?}: {err}");
        }
        assert_eq!(fs::read_to_string(&interview).unwrap(), "the interview");
    }

    #[test]
    fn the_input_itself_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let paths = paths_in(tmp.path());
        let copy = tmp.path().join("copy.yaml");
        fs::write(&copy, "an interview mailed round").unwrap();
        let err = write(&paths, &copy, b"export", &[copy.as_path()]).unwrap_err();
        assert!(err.to_string().contains("the file being read"), "{err}");
        assert_eq!(
            fs::read_to_string(&copy).unwrap(),
            "an interview mailed round"
        );
    }
}
