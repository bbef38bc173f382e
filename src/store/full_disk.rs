//! A full disk, for tests: a small filled tmpfs where one can be mounted,
//! elsewhere (in `test-hooks` builds) a hook that fails writes into a
//! registered folder with `ENOSPC` after 4 KiB. Set [`NO_TMPFS_ENV`] to use
//! the hook where a tmpfs would do.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// Environment variable naming a folder whose disk counts as full, for a
/// phonescreen run by a test (builds with `test-hooks` only).
pub(crate) const FULL_DISK_ENV: &str = "PHONESCREEN_TEST_FULL_DISK";

/// Environment variable that makes [`FullDisk`] use the hook even where it
/// could mount a tmpfs: to check the tests pass on machines that cannot.
pub(crate) const NO_TMPFS_ENV: &str = "PHONESCREEN_TEST_NO_TMPFS";

/// Folders this process treats as full (canonical paths).
static FULL: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// The folder [`FULL_DISK_ENV`] names, canonical, read once.
fn from_env() -> Option<&'static Path> {
    static DIR: OnceLock<Option<PathBuf>> = OnceLock::new();
    DIR.get_or_init(|| std::env::var_os(FULL_DISK_ENV).and_then(|dir| fs::canonicalize(dir).ok()))
        .as_deref()
}

/// Whether `path` lies in a folder whose disk counts as full.
fn is_full(path: &Path) -> bool {
    let registered = FULL.lock().map(|dirs| dirs.clone()).unwrap_or_default();
    if registered.is_empty() && from_env().is_none() {
        // The common case, benchmarks included: no file system call.
        return false;
    }
    let Ok(folder) = fs::canonicalize(super::naming::parent_of(path)) else {
        return false;
    };
    registered
        .iter()
        .map(PathBuf::as_path)
        .chain(from_env())
        .any(|dir| folder.starts_with(dir))
}

/// How much a disk that fills up midway takes before it refuses.
const ROOM: usize = 4096;

/// Writes `bytes` to `file`, the file at `path`; on a folder counted as
/// full, only the first [`ROOM`] bytes go, then `ENOSPC`.
pub(crate) fn write_all(file: &mut fs::File, path: &Path, bytes: &[u8]) -> io::Result<()> {
    if is_full(path) {
        file.write_all(&bytes[..bytes.len().min(ROOM)])?;
        return Err(io::Error::from_raw_os_error(libc::ENOSPC));
    }
    file.write_all(bytes)
}

/// `Err(ENOSPC)` when `path` lies in a folder counted as full: for writes
/// that go through something other than [`write_all`].
pub(crate) fn check(path: &Path) -> io::Result<()> {
    if is_full(path) {
        return Err(io::Error::from_raw_os_error(libc::ENOSPC));
    }
    Ok(())
}

/// How a [`FullDisk`] is full.
#[derive(Debug)]
enum How {
    /// A tmpfs mounted on the folder, filled by this file.
    Tmpfs(PathBuf),
    /// The hook above.
    Hook,
}

/// A folder on a full disk, for the length of a test: a filled tmpfs when
/// one can be mounted, else the hook. Dropping it unmounts the tmpfs.
#[derive(Debug)]
pub struct FullDisk {
    dir: PathBuf,
    how: How,
    full: bool,
}

/// The size of the tmpfs: room for a test's few interviews and their index
/// once freed, and filled in an instant.
const TMPFS_SIZE: &str = "size=1m,mode=0700";

impl FullDisk {
    /// Makes `dir` (created here; it must not exist) a folder on a full
    /// disk, and says on standard error which kind it is.
    pub fn new(dir: &Path) -> FullDisk {
        fs::create_dir(dir).expect("a new folder for the full disk");
        let how = if mount_tmpfs(dir) {
            How::Tmpfs(dir.join("filler"))
        } else {
            How::Hook
        };
        let dir = fs::canonicalize(dir).expect("the folder just made");
        let mut disk = FullDisk {
            dir,
            how,
            full: false,
        };
        eprintln!("full disk at {}: {}", disk.dir.display(), disk.kind());
        disk.fill();
        disk
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        &self.dir
    }

    fn kind(&self) -> &'static str {
        match self.how {
            How::Tmpfs(_) => "a filled 1 MiB tmpfs",
            How::Hook => "no tmpfs could be mounted here, so the test-hooks stand-in",
        }
    }

    /// The environment a phonescreen run by the test needs to see the disk
    /// full: the hook's variable, while full through the hook.
    pub fn env(&self) -> Vec<(&'static str, &Path)> {
        match self.how {
            How::Hook if self.full => vec![(FULL_DISK_ENV, self.dir.as_path())],
            _ => Vec::new(),
        }
    }

    /// Fills the disk: every write of data into the folder fails.
    pub fn fill(&mut self) {
        match &self.how {
            How::Tmpfs(filler) => {
                let mut file = fs::File::create(filler).expect("the filler file");
                let page = [0u8; 4096];
                loop {
                    match file.write(&page) {
                        Ok(0) => break,
                        Ok(_) => {}
                        Err(e) if e.raw_os_error() == Some(libc::ENOSPC) => break,
                        Err(e) => panic!("filling the tmpfs: {e}"),
                    }
                }
            }
            How::Hook => {
                if let Ok(mut dirs) = FULL.lock() {
                    dirs.push(self.dir.clone());
                }
            }
        }
        self.full = true;
    }

    /// Makes room: writes work again.
    pub fn free(&mut self) {
        match &self.how {
            How::Tmpfs(filler) => {
                // Emptied before it is removed: a child another test is
                // starting may hold it open for an instant (between fork
                // and exec), and a removed file's room comes back only
                // when the last holder closes it.
                fs::OpenOptions::new()
                    .write(true)
                    .open(filler)
                    .and_then(|f| f.set_len(0))
                    .expect("the filler file empties");
                fs::remove_file(filler).expect("the filler file goes");
            }
            How::Hook => {
                if let Ok(mut dirs) = FULL.lock() {
                    dirs.retain(|d| *d != self.dir);
                }
            }
        }
        self.full = false;
    }
}

impl Drop for FullDisk {
    fn drop(&mut self) {
        match self.how {
            How::Tmpfs(_) => {
                // Lazily, so a file a failed test left open cannot keep it.
                let _ = std::process::Command::new("umount")
                    .arg("-l")
                    .arg(&self.dir)
                    .status();
            }
            How::Hook => self.free(),
        }
    }
}

/// Mounts a small tmpfs on `dir`, when this process may (root, and a
/// system that lets it mount).
fn mount_tmpfs(dir: &Path) -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    if unsafe { libc::geteuid() } != 0 || std::env::var_os(NO_TMPFS_ENV).is_some() {
        return false;
    }
    std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", TMPFS_SIZE, "tmpfs"])
        .arg(dir)
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_disk_refuses_data_and_takes_it_again_once_freed() {
        let tmp = tempfile::tempdir().unwrap();
        let mut disk = FullDisk::new(&tmp.path().join("full"));
        let path = disk.path().join("a");
        let write = |path: &Path| -> io::Result<()> {
            let mut file = fs::File::create(path)?;
            write_all(&mut file, path, b"some bytes")?;
            file.sync_all()
        };
        let err = write(&path).unwrap_err();
        assert_eq!(err.raw_os_error(), Some(libc::ENOSPC), "{err}");
        disk.free();
        write(&path).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"some bytes");
        // Elsewhere, nothing is full.
        let other = tmp.path().join("b");
        write(&other).unwrap();
    }
}
