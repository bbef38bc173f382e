//! Opening files carefully: the files phonescreen is given (banks,
//! `config.yaml`, interviews) so that no path can hang it or fill its memory
//! ([`open_regular`], [`read_capped`]; links followed), and its own files
//! beside an interview (journal, draft, lock) never through a link
//! ([`open_own`]).

use std::fmt;
use std::fs;
use std::io::{self, Read};
use std::os::unix::fs::{FileTypeExt, MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

/// Why a file could not be read.
#[derive(Debug)]
pub(crate) enum ReadError {
    /// Nothing is at the path (its folder exists).
    Missing,
    /// A folder on the way to the path does not exist.
    MissingFolder(PathBuf),
    /// The path, or a folder on the way to it, is a symbolic link whose
    /// target does not exist.
    DanglingLink {
        /// The link, when it is a folder on the way rather than the path itself.
        folder: Option<PathBuf>,
        /// Where it points.
        target: PathBuf,
    },
    /// Something that is not a regular file, in words ("a FIFO (named pipe)").
    NotAFile(&'static str),
    /// The file holds more than this many bytes.
    TooBig(u64),
    /// Any other error from the operating system.
    Io(io::Error),
}

impl ReadError {
    /// Whether the path names nothing at all (not even a broken link), so
    /// that a caller may treat it as an optional file that is absent.
    pub(crate) fn is_missing(&self) -> bool {
        matches!(self, ReadError::Missing | ReadError::MissingFolder(_))
    }

    /// Whether it is a folder.
    pub(crate) fn is_folder(&self) -> bool {
        matches!(self, ReadError::NotAFile(FOLDER))
    }
}

const FOLDER: &str = "a folder";

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Missing => f.write_str("there is no such file"),
            ReadError::MissingFolder(dir) => {
                write!(f, "the folder {} does not exist", dir.display())
            }
            ReadError::DanglingLink {
                folder: None,
                target,
            } => write!(
                f,
                "it is a symbolic link to {}, which does not exist",
                target.display()
            ),
            ReadError::DanglingLink {
                folder: Some(link),
                target,
            } => f.write_str(&broken_link_words(link, target)),
            ReadError::NotAFile(kind) => write!(f, "it is {kind}, not a file"),
            ReadError::TooBig(cap) => write!(f, "it is more than {cap} bytes"),
            ReadError::Io(err) => f.write_str(&io_words(err)),
        }
    }
}

impl std::error::Error for ReadError {}

/// An operating-system error in words, without the `(os error N)` noise.
fn io_words(err: &io::Error) -> String {
    let text = err.to_string();
    let text = match text.find(" (os error") {
        Some(i) => &text[..i],
        None => &text,
    };
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// What a file type is, in words, when it is not a regular file.
fn kind_of(file_type: fs::FileType) -> Option<&'static str> {
    if file_type.is_file() {
        None
    } else if file_type.is_dir() {
        Some(FOLDER)
    } else if file_type.is_fifo() {
        Some("a FIFO (named pipe)")
    } else if file_type.is_char_device() {
        Some("a character device")
    } else if file_type.is_block_device() {
        Some("a block device")
    } else if file_type.is_socket() {
        Some("a socket")
    } else {
        Some("not a regular file")
    }
}

/// What is at `path` in words ("a FIFO (named pipe)"), when something is
/// there that is not a regular file (links followed); for a caller about to
/// write there, since opening a FIFO to write waits for a reader.
pub(crate) fn not_a_file(path: &Path) -> Option<&'static str> {
    fs::metadata(path).ok().and_then(|m| kind_of(m.file_type()))
}

/// Opens `path` for reading, refusing anything but a regular file, without
/// ever blocking (a FIFO with no writer, a device).
///
/// Symbolic links are followed: a bank or a config kept in a dotfiles
/// repository is usually one.
pub(crate) fn open_regular(path: &Path) -> Result<fs::File, ReadError> {
    let file = fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_CLOEXEC)
        .open(path)
        .map_err(|e| explain(path, e))?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if let Some(kind) = kind_of(meta.file_type()) {
        return Err(ReadError::NotAFile(kind));
    }
    Ok(file)
}

/// How [`open_own`] opens one of phonescreen's own files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Access {
    /// To read; nothing is created.
    Read,
    /// To read and write, created (0600) when missing; what it holds is kept.
    ReadWrite,
    /// To append, created (0600) when missing.
    Append,
}

/// Why one of phonescreen's own files could not be opened.
#[derive(Debug)]
pub(crate) enum OwnError {
    /// A symbolic link stands at the path.
    Link,
    /// A FIFO nobody reads (or a device without its driver), opened to
    /// write without waiting.
    NoReader,
    /// Something that is not a regular file stands at the path.
    NotAFile,
    /// A regular file with other names (hard links): writing to it would
    /// change another file too.
    HardLink,
    /// Any other error from the operating system (no such file among them).
    Io(io::Error),
}

/// Opens phonescreen's own file at `path` (a journal, a draft, a lock, a
/// copy it writes): never through a symbolic link (`O_NOFOLLOW`), never
/// waiting on a FIFO (`O_NONBLOCK`), created 0600, and only a regular file,
/// checked on the open descriptor; to write, only a file with one name.
/// Returns the file and what `fstat` said of it.
pub(crate) fn open_own(path: &Path, access: Access) -> Result<(fs::File, fs::Metadata), OwnError> {
    let mut options = fs::OpenOptions::new();
    match access {
        Access::Read => options.read(true),
        Access::ReadWrite => options.read(true).write(true).create(true),
        Access::Append => options.append(true).create(true),
    };
    let file = options
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC)
        .open(path)
        .map_err(|e| match e.raw_os_error() {
            Some(libc::ELOOP) => OwnError::Link,
            Some(libc::ENXIO) => OwnError::NoReader,
            _ => OwnError::Io(e),
        })?;
    let meta = file.metadata().map_err(OwnError::Io)?;
    if !meta.is_file() {
        return Err(OwnError::NotAFile);
    }
    if access != Access::Read && meta.nlink() > 1 {
        return Err(OwnError::HardLink);
    }
    Ok((file, meta))
}

/// Reads at most the first `limit` bytes of the regular file at `path`.
pub(crate) fn read_prefix(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let file = open_regular(path)?;
    let mut bytes = Vec::new();
    file.take(limit)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    Ok(bytes)
}

/// Reads the whole regular file at `path`, refusing it when it holds more
/// than `cap` bytes (counted as it is read, never taken from the file
/// system's word).
pub(crate) fn read_capped(path: &Path, cap: u64) -> Result<Vec<u8>, ReadError> {
    let bytes = read_prefix(path, cap.saturating_add(1))?;
    if bytes.len() as u64 > cap {
        return Err(ReadError::TooBig(cap));
    }
    Ok(bytes)
}

/// The error for a path that could not be opened, naming a missing folder
/// or a dangling link on the way when that is why.
pub(crate) fn explain(path: &Path, err: io::Error) -> ReadError {
    if err.kind() != io::ErrorKind::NotFound {
        return ReadError::Io(err);
    }
    if let Some(link) = dangling_link_in(path) {
        return link;
    }
    match path.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(parent) if !parent.exists() => {
            // The first folder on the way that is missing.
            let missing = path
                .ancestors()
                .skip(1)
                .take_while(|a| !a.as_os_str().is_empty() && !a.exists())
                .last()
                .unwrap_or(parent);
            ReadError::MissingFolder(missing.to_path_buf())
        }
        _ => ReadError::Missing,
    }
}

/// The path itself or the nearest folder on the way to it, when that is a
/// symbolic link whose target does not exist.
pub(crate) fn dangling_link_in(path: &Path) -> Option<ReadError> {
    let (link, target) = broken_link(path)?;
    Some(ReadError::DanglingLink {
        folder: (link != path).then_some(link),
        target,
    })
}

/// The symbolic link whose target does not exist, and that target, when
/// that is what makes `path` unreachable: `path` itself, or the nearest
/// folder on the way to it that is there.
pub(crate) fn broken_link(path: &Path) -> Option<(PathBuf, PathBuf)> {
    for ancestor in path.ancestors() {
        if ancestor.as_os_str().is_empty() {
            break;
        }
        match fs::symlink_metadata(ancestor) {
            Ok(meta) if meta.file_type().is_symlink() => {
                if ancestor.exists() {
                    // It leads somewhere: what is missing is further on.
                    return None;
                }
                let target = fs::read_link(ancestor).unwrap_or_default();
                return Some((ancestor.to_path_buf(), target));
            }
            // The nearest thing that exists is real: no link is to blame.
            Ok(_) => return None,
            Err(_) => continue,
        }
    }
    None
}

/// `LINK is a symbolic link to TARGET, which does not exist`.
pub(crate) fn broken_link_words(link: &Path, target: &Path) -> String {
    format!(
        "{} is a symbolic link to {}, which does not exist",
        link.display(),
        target.display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    fn mkfifo(path: &Path) {
        let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
        // SAFETY: mkfifo with a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    }

    #[test]
    fn reads_a_regular_file_up_to_the_cap() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("a.yaml");
        fs::write(&path, "12345").unwrap();
        assert_eq!(read_capped(&path, 5).unwrap(), b"12345");
        assert!(matches!(read_capped(&path, 4), Err(ReadError::TooBig(4))));
        assert_eq!(read_prefix(&path, 2).unwrap(), b"12");
    }

    #[test]
    fn an_endless_device_is_refused_at_once() {
        let started = Instant::now();
        let err = read_capped(Path::new("/dev/zero"), 1024).unwrap_err();
        assert_eq!(err.to_string(), "it is a character device, not a file");
        assert!(started.elapsed() < Duration::from_secs(1));
    }

    #[test]
    fn a_fifo_without_a_writer_is_refused_at_once() {
        let tmp = tempfile::tempdir().unwrap();
        let fifo = tmp.path().join("fifo.yaml");
        mkfifo(&fifo);
        let started = Instant::now();
        let err = read_capped(&fifo, 1024).unwrap_err();
        assert_eq!(err.to_string(), "it is a FIFO (named pipe), not a file");
        assert!(started.elapsed() < Duration::from_secs(1));
    }

    #[test]
    fn a_folder_is_named() {
        let tmp = tempfile::tempdir().unwrap();
        let err = read_capped(tmp.path(), 1024).unwrap_err();
        assert!(err.is_folder());
        assert_eq!(err.to_string(), "it is a folder, not a file");
    }

    #[test]
    fn says_why_a_path_is_not_there() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let missing = read_capped(&dir.join("a.yaml"), 10).unwrap_err();
        assert!(missing.is_missing());
        assert_eq!(missing.to_string(), "there is no such file");

        let deep = read_capped(&dir.join("x/y/a.yaml"), 10).unwrap_err();
        assert!(deep.is_missing());
        assert_eq!(
            deep.to_string(),
            format!("the folder {} does not exist", dir.join("x").display())
        );

        let link = dir.join("link.yaml");
        std::os::unix::fs::symlink(dir.join("gone.yaml"), &link).unwrap();
        let dangling = read_capped(&link, 10).unwrap_err();
        assert!(!dangling.is_missing());
        assert_eq!(
            dangling.to_string(),
            format!(
                "it is a symbolic link to {}, which does not exist",
                dir.join("gone.yaml").display()
            )
        );

        let folder_link = dir.join("data");
        std::os::unix::fs::symlink("/nonexistent/phonescreen-data", &folder_link).unwrap();
        let inside = read_capped(&folder_link.join("sessions/a.yaml"), 10).unwrap_err();
        assert_eq!(
            inside.to_string(),
            format!(
                "{} is a symbolic link to /nonexistent/phonescreen-data, which does not exist",
                folder_link.display()
            )
        );
    }

    #[test]
    fn a_link_to_a_file_is_followed() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("real.yaml");
        fs::write(&target, "bell: false\n").unwrap();
        let link = tmp.path().join("config.yaml");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert_eq!(read_capped(&link, 100).unwrap(), b"bell: false\n");
    }

    #[test]
    fn an_own_file_is_never_opened_through_a_link_or_a_second_name() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("own");
        let (_, meta) = open_own(&file, Access::Append).unwrap();
        assert_eq!(meta.mode() & 0o777, 0o600, "created owner-only");
        let link = tmp.path().join("link");
        std::os::unix::fs::symlink(&file, &link).unwrap();
        for access in [Access::Read, Access::ReadWrite, Access::Append] {
            assert!(matches!(open_own(&link, access), Err(OwnError::Link)));
        }
        let second = tmp.path().join("second");
        fs::hard_link(&file, &second).unwrap();
        assert!(
            open_own(&second, Access::Read).is_ok(),
            "reading changes nothing"
        );
        for access in [Access::ReadWrite, Access::Append] {
            assert!(matches!(open_own(&second, access), Err(OwnError::HardLink)));
        }
        for access in [Access::Read, Access::ReadWrite] {
            assert!(open_own(tmp.path(), access).is_err(), "a folder");
        }
        let fifo = tmp.path().join("fifo");
        let at = fifo.clone();
        let err = crate::store::testing::error_opening_at_a_fifo(&at, move || {
            open_own(&fifo, Access::Append).map_err(|e| io::Error::other(format!("{e:?}")))
        });
        assert_eq!(err, "NoReader");
    }
}
