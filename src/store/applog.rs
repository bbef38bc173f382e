//! An append-only log of JSON lines beside an interview, shared by the crash
//! journal ([`super::journal`]) and the amendment draft (`review::draft`):
//! one careful open, one line per `write`, one sync policy.

use std::fs;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::fsread::{Access, OwnError, open_own};

/// The one sync policy: how often, at most, a log is flushed to the disk
/// while appends come; the longest a change waits before the interview file
/// holds it and is flushed; and the pause between retries after a failure.
pub const SYNC_INTERVAL: Duration = Duration::from_secs(1);

/// Opens (or creates, 0600) the log at `path` to append to it, refusing a
/// symbolic link, a FIFO or device, anything but a regular file, and a
/// second name of another file; a mode open to others is put back to 0600.
/// Returns the file and its length.
pub(crate) fn open_append(path: &Path) -> io::Result<(fs::File, u64)> {
    let (file, meta) = open_own(path, Access::Append).map_err(|e| match e {
        OwnError::Link => io::Error::other(format!(
            "a symbolic link stands at {}, and phonescreen never writes through links (remove it if you did not make it)",
            path.display()
        )),
        OwnError::NoReader => io::Error::other(format!(
            "a FIFO or a device stands at {}, not a file (move it away)",
            path.display()
        )),
        OwnError::NotAFile => io::Error::other(format!(
            "{} is taken by something that is not a file",
            path.display()
        )),
        // Emptying or rewriting it would change another file too.
        OwnError::HardLink => io::Error::other(format!(
            "{} is another name of some other file (a hard link)",
            path.display()
        )),
        OwnError::Io(e) => e,
    })?;
    if meta.mode() & 0o077 != 0 {
        file.set_permissions(fs::Permissions::from_mode(0o600))?;
    }
    Ok((file, meta.len()))
}

/// Why the end of a log could not be read.
#[derive(Debug)]
pub(crate) enum TailError {
    /// A symbolic link stands at the path.
    Link,
    /// Something that is not a regular file stands at the path.
    NotAFile,
    /// Any other error from the operating system.
    Io(io::Error),
}

/// The last `max` bytes of the log at `path` (all of it when shorter), and
/// whether reading started inside the file (so its first line may be the
/// end of one cut off); `Ok(None)` when there is nothing at the path. Never
/// follows a symbolic link, never waits on a FIFO, reads only a regular file.
pub(crate) fn read_tail(path: &Path, max: u64) -> Result<Option<(Vec<u8>, bool)>, TailError> {
    let (mut file, meta) = match open_own(path, Access::Read) {
        Ok(opened) => opened,
        Err(OwnError::Io(e)) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(OwnError::Link) => return Err(TailError::Link),
        Err(OwnError::NoReader | OwnError::NotAFile | OwnError::HardLink) => {
            return Err(TailError::NotAFile);
        }
        Err(OwnError::Io(e)) => return Err(TailError::Io(e)),
    };
    let start = meta.len().saturating_sub(max);
    file.seek(SeekFrom::Start(start)).map_err(TailError::Io)?;
    let mut bytes = Vec::new();
    file.take(max)
        .read_to_end(&mut bytes)
        .map_err(TailError::Io)?;
    Ok(Some((bytes, start > 0)))
}

/// Appends JSON lines to one log.
#[derive(Debug)]
pub(crate) struct AppendLog {
    path: PathBuf,
    file: fs::File,
    /// Bytes in the file, as this writer knows it.
    len: u64,
    /// Reused between appends: a line is built whole, then written at once.
    line: Vec<u8>,
    /// When the file was last flushed to the disk.
    synced: Option<Instant>,
}

impl AppendLog {
    /// Opens the log at `path` (see [`open_append`]), keeping what it holds.
    pub(crate) fn open(path: &Path) -> io::Result<Self> {
        let (file, len) = open_append(path)?;
        Ok(Self {
            path: path.to_path_buf(),
            file,
            len,
            line: Vec::new(),
            synced: None,
        })
    }

    /// Opens the log at `path` emptied.
    pub(crate) fn create(path: &Path) -> io::Result<Self> {
        let mut log = Self::open(path)?;
        log.clear()?;
        Ok(log)
    }

    /// Bytes in the file, as this writer knows it.
    pub(crate) fn len(&self) -> u64 {
        self.len
    }

    /// Whether the file holds nothing, as this writer knows it.
    pub(crate) fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Builds the line of `value` (with its line breaks) without writing it,
    /// and returns its length: [`Self::write_line`] or [`Self::replace_with_line`]
    /// then writes it.
    pub(crate) fn prepare(&mut self, value: &impl Serialize) -> io::Result<u64> {
        self.line.clear();
        self.line.push(b'\n');
        serde_json::to_writer(&mut self.line, value).map_err(io::Error::other)?;
        self.line.push(b'\n');
        Ok(self.line.len() as u64)
    }

    /// Appends the line [`Self::prepare`] built, with a single `write`, and
    /// flushes by the sync policy (see the module).
    pub(crate) fn write_line(&mut self) -> io::Result<()> {
        self.file.write_all(&self.line)?;
        self.len += self.line.len() as u64;
        if self.synced.is_none_or(|at| at.elapsed() >= SYNC_INTERVAL) {
            self.file.sync_data()?;
            self.synced = Some(Instant::now());
        }
        Ok(())
    }

    /// Appends `value` as one line (see [`Self::prepare`] and [`Self::write_line`]).
    #[cfg(test)]
    pub(crate) fn append(&mut self, value: &impl Serialize) -> io::Result<()> {
        self.prepare(value)?;
        self.write_line()
    }

    /// Replaces the log atomically (a temporary file renamed over it,
    /// flushed to the disk) by the line [`Self::prepare`] built, alone.
    pub(crate) fn replace_with_line(&mut self) -> io::Result<()> {
        super::write_atomic(&self.path, &self.line, true)?;
        let (file, len) = open_append(&self.path)?;
        self.file = file;
        self.len = len;
        self.synced = Some(Instant::now());
        Ok(())
    }

    /// Empties the log.
    pub(crate) fn clear(&mut self) -> io::Result<()> {
        self.file.set_len(0)?;
        self.len = 0;
        Ok(())
    }

    /// Whether the file was deleted or replaced since it was opened (appends
    /// would then go nowhere anyone can read).
    pub(crate) fn is_gone(&self) -> bool {
        self.file.metadata().map_or(true, |m| m.nlink() == 0)
    }

    /// Whether the log's name still leads to the file being appended to (not
    /// deleted, replaced, or moved away with its folder).
    pub(crate) fn is_in_place(&self) -> bool {
        match (self.file.metadata(), fs::symlink_metadata(&self.path)) {
            (Ok(open), Ok(named)) => open.dev() == named.dev() && open.ino() == named.ino(),
            _ => false,
        }
    }

    /// Removes the log file (a link is removed, never followed).
    pub(crate) fn remove(self) -> io::Result<()> {
        remove(&self.path)
    }
}

/// Removes the log at `path`, if there is one (a link is removed, never followed).
pub(crate) fn remove(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_start_and_end_with_a_break_and_the_tail_is_read_back() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join(".a.log");
        let mut log = AppendLog::create(&path).unwrap();
        log.append(&"one").unwrap();
        log.append(&"two\nlines").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"\n\"one\"\n\n\"two\\nlines\"\n");
        assert_eq!(log.len(), fs::metadata(&path).unwrap().len());
        let (tail, mid) = read_tail(&path, 8).unwrap().unwrap();
        assert_eq!((tail.as_slice(), mid), (&b"nlines\"\n"[..], true));
        let (all, mid) = read_tail(&path, 1000).unwrap().unwrap();
        assert_eq!((all.len() as u64, mid), (log.len(), false));
        log.prepare(&"alone").unwrap();
        log.replace_with_line().unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"\n\"alone\"\n");
        assert!(log.is_in_place());
        log.remove().unwrap();
        assert!(read_tail(&path, 10).unwrap().is_none());
    }

    #[test]
    fn a_log_is_private_and_never_a_link_a_fifo_or_a_second_name() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join(".a.log");
        fs::write(&path, "kept").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        let log = AppendLog::open(&path).unwrap();
        assert_eq!(log.len(), 4, "what it holds is kept");
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        log.remove().unwrap();
        let target = tmp.path().join("target");
        fs::write(&target, "keep").unwrap();
        std::os::unix::fs::symlink(&target, &path).unwrap();
        let err = AppendLog::create(&path).unwrap_err();
        assert!(err.to_string().contains("symbolic link"), "{err}");
        assert!(matches!(read_tail(&path, 10), Err(TailError::Link)));
        remove(&path).unwrap();
        fs::hard_link(&target, &path).unwrap();
        let err = AppendLog::create(&path).unwrap_err();
        assert!(err.to_string().contains("hard link"), "{err}");
        assert_eq!(fs::read_to_string(&target).unwrap(), "keep");
        remove(&path).unwrap();
        fs::create_dir(&path).unwrap();
        assert!(matches!(read_tail(&path, 10), Err(TailError::NotAFile)));
    }
}
