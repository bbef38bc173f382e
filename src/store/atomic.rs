//! Replacing a file so that it is always either the old or the new version,
//! never half of one.

use std::fs;
use std::io::{self, Write};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use super::saver::SaveOp;

/// Identity of a file on disk, to notice it being deleted or replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FileId {
    dev: u64,
    ino: u64,
}

impl FileId {
    pub(crate) fn of(meta: &fs::Metadata) -> Self {
        FileId {
            dev: meta.dev(),
            ino: meta.ino(),
        }
    }
}

/// The folder holding `path` (`.` for a bare file name).
pub(crate) fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

const TEMP_MARK: &str = ".tmp-";

/// `.<file name>.tmp-<pid>` beside `path`.
fn temp_path(path: &Path) -> io::Result<PathBuf> {
    let name = path.file_name().ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            "the path does not end in a file name",
        )
    })?;
    let mut temp = std::ffi::OsString::from(".");
    temp.push(name);
    temp.push(format!("{TEMP_MARK}{}", std::process::id()));
    Ok(parent_of(path).join(temp))
}

/// Writes `bytes` to `path` atomically: a complete new version or the old one
/// stays, whatever happens in between.
///
/// The bytes go to `.<file name>.tmp-<pid>` (0600) in the same folder, which
/// is renamed over `path` only after every byte was written. With `sync`, the
/// temp file is flushed to the disk before the rename and the folder after it,
/// so the new version survives a power cut; without it the new version is in
/// the page cache, which survives the process being killed.
pub fn write_atomic(path: &Path, bytes: &[u8], sync: bool) -> io::Result<()> {
    write_atomic_inner(path, bytes, sync)
        .map(|_| ())
        .map_err(|(_, e)| e)
}

/// [`write_atomic`], also saying which step failed and returning the identity
/// of the file now at `path`.
pub(crate) fn write_atomic_inner(
    path: &Path,
    bytes: &[u8],
    sync: bool,
) -> Result<FileId, (SaveOp, io::Error)> {
    let temp = temp_path(path).map_err(|e| (SaveOp::Write, e))?;
    let mut file = crate::paths::create_private_file(&temp).map_err(|e| (SaveOp::Write, e))?;
    let written = (|| {
        file.write_all(bytes).map_err(|e| (SaveOp::Write, e))?;
        if sync {
            file.sync_all().map_err(|e| (SaveOp::Sync, e))?;
        }
        file.metadata().map_err(|e| (SaveOp::Write, e))
    })();
    drop(file);
    let meta = match written {
        Ok(meta) => meta,
        Err(err) => {
            let _ = fs::remove_file(&temp);
            return Err(err);
        }
    };
    if let Err(e) = fs::rename(&temp, path) {
        let _ = fs::remove_file(&temp);
        return Err((SaveOp::Replace, e));
    }
    if sync {
        sync_dir(parent_of(path)).map_err(|e| (SaveOp::Sync, e))?;
    }
    Ok(FileId::of(&meta))
}

/// Flushes a folder's entries (new names, renames) to the disk.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    fs::File::open(dir)?.sync_all()
}

/// The pid in a temp file name written by [`write_atomic`], if it is one.
fn temp_owner(name: &str) -> Option<u32> {
    let rest = name.strip_prefix('.')?;
    let at = rest.rfind(TEMP_MARK)?;
    if at == 0 {
        return None;
    }
    let digits = &rest[at + TEMP_MARK.len()..];
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// Whether `name` is a temp file (`.<name>.tmp-<pid>`) left by a phonescreen
/// process that no longer runs.
///
/// Such a file is only ever an unfinished copy of a file whose previous
/// complete version is still in place, so removing it loses nothing. Temp
/// files of live processes are theirs.
pub(crate) fn is_stale_temp(name: &str) -> bool {
    temp_owner(name).is_some_and(|pid| !super::process_is_alive(pid))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn replaces_the_file_and_leaves_no_temp() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("a.yaml");
        fs::write(&path, "old").unwrap();
        write_atomic(&path, b"new", false).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        write_atomic(&path, b"newer", true).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "newer");
        let names: Vec<_> = fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("a.yaml")]);
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    #[test]
    fn temp_name_is_hidden_and_carries_the_pid() {
        let temp = temp_path(Path::new("/s/a.yaml")).unwrap();
        let expected = format!("/s/.a.yaml.tmp-{}", std::process::id());
        assert_eq!(temp, PathBuf::from(expected));
        assert_eq!(
            temp_path(Path::new("a.yaml")).unwrap().parent(),
            Some(Path::new("."))
        );
        assert!(temp_path(Path::new("/")).is_err());
    }

    #[test]
    fn a_failed_rename_keeps_the_old_file_and_removes_the_temp() {
        let tmp = tempfile::tempdir().unwrap();
        // A folder where the file should be: the rename fails after the write.
        let path = tmp.path().join("a.yaml");
        fs::create_dir(&path).unwrap();
        fs::write(path.join("inside"), "keep").unwrap();
        let (op, _) = write_atomic_inner(&path, b"new", false).unwrap_err();
        assert_eq!(op, SaveOp::Replace);
        assert_eq!(fs::read_to_string(path.join("inside")).unwrap(), "keep");
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);
    }

    #[test]
    fn recognises_only_its_own_temp_names() {
        assert_eq!(temp_owner(".a.yaml.tmp-123"), Some(123));
        assert_eq!(temp_owner(".a.tmp-1.yaml.tmp-9"), Some(9));
        assert_eq!(temp_owner("a.yaml.tmp-123"), None);
        assert_eq!(temp_owner(".a.yaml.tmp-"), None);
        assert_eq!(temp_owner(".a.yaml.tmp-12x"), None);
        assert_eq!(temp_owner(".tmp-12"), None);
        assert_eq!(temp_owner(".a.yaml.tmp-99999999999999999999"), None);
    }
}
