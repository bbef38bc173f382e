//! Replacing a file so that it is always either the old or the new version,
//! never half of one.

use std::fs;
use std::io;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

use super::error::SaveOp;
use super::naming::parent_of;

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

const TEMP_MARK: &str = ".tmp-";

/// How many random letters and digits end a temp file's name.
const TEMP_RANDOM: usize = 10;

/// Creates the temp file for a new version of `path`: `.<file
/// name>.tmp-<random>` in the same folder, 0600.
///
/// The name cannot be guessed, and the file is created only if nothing is
/// there (`O_CREAT|O_EXCL`, which never follows a symbolic link, and
/// `O_NOFOLLOW`): nothing planted in the folder can make phonescreen write
/// into another file.
fn create_temp(path: &Path) -> io::Result<tempfile::NamedTempFile> {
    let name = path.file_name().ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            "the path does not end in a file name",
        )
    })?;
    let mut prefix = std::ffi::OsString::from(".");
    prefix.push(name);
    prefix.push(TEMP_MARK);
    tempfile::Builder::new()
        .prefix(&prefix)
        .rand_bytes(TEMP_RANDOM)
        // Our own open, so the operating system's error comes back as it is.
        .make_in(parent_of(path), |temp| {
            // Readable too: a file written as it goes (see `AtomicFile`) is
            // read back while it is being written.
            fs::OpenOptions::new()
                .read(true)
                .write(true)
                .create_new(true)
                .mode(0o600)
                .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
                .open(temp)
        })
}

/// Writes `bytes` to `path` atomically: a complete new version or the old one
/// stays, whatever happens in between.
///
/// The bytes go to a new temp file `.<file name>.tmp-<random>` (0600) in the
/// same folder, which is renamed over `path` only after every byte was
/// written. A symbolic link at `path` is replaced, never followed. With
/// `sync`, the temp file is flushed to the disk before the rename and the
/// folder after it, so the new version survives a power cut; without it the
/// new version is in the page cache, which survives the process being killed.
pub fn write_atomic(path: &Path, bytes: &[u8], sync: bool) -> io::Result<()> {
    write_atomic_inner(path, bytes, sync)
        .map(|_| ())
        .map_err(|(_, e)| e)
}

/// [`write_atomic`] with the new version's permission bits `mode` instead
/// of 0600: for a file of the user's own that phonescreen replaces (`export
/// -o` over an old export), whose mode is theirs and must not change.
pub(crate) fn write_atomic_with_mode(
    path: &Path,
    bytes: &[u8],
    sync: bool,
    mode: u32,
) -> Result<(), (SaveOp, io::Error)> {
    write_atomic_as(path, bytes, sync, Some(mode)).map(|_| ())
}

/// [`write_atomic`], also saying which step failed and returning the identity
/// of the file now at `path`.
pub(crate) fn write_atomic_inner(
    path: &Path,
    bytes: &[u8],
    sync: bool,
) -> Result<FileId, (SaveOp, io::Error)> {
    write_atomic_as(path, bytes, sync, None)
}

fn write_atomic_as(
    path: &Path,
    bytes: &[u8],
    sync: bool,
    mode: Option<u32>,
) -> Result<FileId, (SaveOp, io::Error)> {
    // Dropping the temp file on any failure removes it.
    let mut temp = create_temp(path).map_err(|e| (SaveOp::Write, e))?;
    let file = temp.as_file_mut();
    if let Some(mode) = mode {
        // On the open file, so the umask has no say: the mode asked for.
        file.set_permissions(fs::Permissions::from_mode(mode))
            .map_err(|e| (SaveOp::Write, e))?;
    }
    write_data(file, path, bytes).map_err(|e| (SaveOp::Write, e))?;
    if sync {
        file.sync_all().map_err(|e| (SaveOp::Sync, e))?;
    }
    let meta = file.metadata().map_err(|e| (SaveOp::Write, e))?;
    temp.persist(path).map_err(|e| (SaveOp::Replace, e.error))?;
    if sync {
        sync_dir(parent_of(path)).map_err(|e| (SaveOp::Sync, e))?;
    }
    Ok(FileId::of(&meta))
}

/// Writes `bytes` into the new version of `path`; in test builds, a folder
/// a test made a full disk refuses them (see [`super::full_disk`]).
fn write_data(file: &mut fs::File, path: &Path, bytes: &[u8]) -> io::Result<()> {
    #[cfg(any(test, feature = "test-hooks"))]
    return super::full_disk::write_all(file, path, bytes);
    #[cfg(not(any(test, feature = "test-hooks")))]
    {
        let _ = path;
        io::Write::write_all(file, bytes)
    }
}

/// A new version of a file written piece by piece, for files too big to be
/// held whole first (the archive index's text). Nothing is at `path` until
/// [`AtomicFile::persist`]; dropped before that, the temp file goes.
pub(crate) struct AtomicFile {
    temp: tempfile::NamedTempFile,
    path: std::path::PathBuf,
}

impl AtomicFile {
    /// Starts a new version of `path`: a temp file beside it, as
    /// [`write_atomic`] makes.
    pub(crate) fn create(path: &Path) -> io::Result<AtomicFile> {
        Ok(AtomicFile {
            temp: create_temp(path)?,
            path: path.to_path_buf(),
        })
    }

    /// The file being written (read and write, positioned at the end of
    /// what was written).
    pub(crate) fn file(&self) -> &fs::File {
        self.temp.as_file()
    }

    /// Renames it over the path (not flushed to the disk: for caches,
    /// which the page cache keeps across the process being killed), and
    /// returns the file, still open.
    pub(crate) fn persist(self) -> io::Result<fs::File> {
        self.temp.persist(&self.path).map_err(|e| e.error)
    }
}

/// Flushes a folder's entries (new names, renames) to the disk.
pub(crate) fn sync_dir(dir: &Path) -> io::Result<()> {
    fs::File::open(dir)?.sync_all()
}

/// The file a temp file left by [`write_atomic`] was a new version of, from
/// its name `.<file name>.tmp-<random>` (older phonescreens ended it with
/// their pid instead: those are recognised too).
///
/// Such a file is only ever an unfinished copy of a file whose previous
/// complete version is still in place, so removing it loses nothing once no
/// running phonescreen is writing that file.
pub(crate) fn temp_of(name: &str) -> Option<&str> {
    let rest = name.strip_prefix('.')?;
    let at = rest.rfind(TEMP_MARK)?;
    let random = &rest[at + TEMP_MARK.len()..];
    let valid = at > 0 && !random.is_empty() && random.bytes().all(|b| b.is_ascii_alphanumeric());
    valid.then(|| &rest[..at])
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
    fn temp_names_are_hidden_unguessable_and_private() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("a.yaml");
        let first = create_temp(&path).unwrap();
        let second = create_temp(&path).unwrap();
        for temp in [&first, &second] {
            let name = temp.path().file_name().unwrap().to_str().unwrap();
            assert!(name.starts_with(".a.yaml.tmp-"), "{name}");
            assert_eq!(name.len(), ".a.yaml.tmp-".len() + TEMP_RANDOM, "{name}");
            assert_eq!(temp_of(name), Some("a.yaml"));
            let mode = fs::metadata(temp.path()).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        assert_ne!(first.path(), second.path());
        assert!(create_temp(Path::new("/")).is_err());
    }

    #[test]
    fn a_link_planted_at_the_old_temp_name_is_never_followed() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("someone-elses-file");
        fs::write(&target, "keep me").unwrap();
        let path = tmp.path().join("a.yaml");
        let old_temp = tmp
            .path()
            .join(format!(".a.yaml.tmp-{}", std::process::id()));
        std::os::unix::fs::symlink(&target, &old_temp).unwrap();
        write_atomic(&path, b"new", true).unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "keep me");
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert!(fs::symlink_metadata(&old_temp).unwrap().is_symlink());
    }

    #[test]
    fn a_link_at_the_file_itself_is_replaced_not_followed() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("someone-elses-file");
        fs::write(&target, "keep me").unwrap();
        let path = tmp.path().join("a.yaml");
        std::os::unix::fs::symlink(&target, &path).unwrap();
        write_atomic(&path, b"new", true).unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "keep me");
        assert!(fs::symlink_metadata(&path).unwrap().is_file());
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
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
    fn a_mode_asked_for_is_the_new_versions_whatever_the_umask() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("out.md");
        for mode in [0o644, 0o640, 0o600] {
            write_atomic_with_mode(&path, b"x", false, mode).unwrap();
            let got = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(got, mode);
        }
    }

    #[test]
    fn a_full_disk_leaves_the_old_version_whole_and_no_temp() {
        let tmp = tempfile::tempdir().unwrap();
        let mut disk = crate::store::full_disk::FullDisk::new(&tmp.path().join("disk"));
        let path = disk.path().join("a.json");
        disk.free();
        write_atomic(&path, b"the old version", true).unwrap();
        disk.fill();
        let big = vec![b'x'; 64 * 1024];
        let (op, err) = write_atomic_inner(&path, &big, true).unwrap_err();
        assert_eq!(
            (op, err.raw_os_error()),
            (SaveOp::Write, Some(libc::ENOSPC))
        );
        assert_eq!(fs::read(&path).unwrap(), b"the old version");
        let names: Vec<_> = fs::read_dir(disk.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .filter(|n| n != "filler")
            .collect();
        assert_eq!(names, ["a.json"]);
    }

    #[test]
    fn recognises_only_its_own_temp_names() {
        assert_eq!(temp_of(".a.yaml.tmp-Ab3xZ09qK1"), Some("a.yaml"));
        // Older phonescreens ended the name with their pid.
        assert_eq!(temp_of(".a.yaml.tmp-123"), Some("a.yaml"));
        assert_eq!(temp_of(".a.tmp-1.yaml.tmp-9"), Some("a.tmp-1.yaml"));
        assert_eq!(temp_of("a.yaml.tmp-123"), None);
        assert_eq!(temp_of(".a.yaml.tmp-"), None);
        assert_eq!(temp_of(".a.yaml.tmp-12.x"), None);
        assert_eq!(temp_of(".a.yaml.tmp-ab/c"), None);
        assert_eq!(temp_of(".tmp-12"), None);
        assert_eq!(temp_of(".a.yaml.journal"), None);
    }
}
