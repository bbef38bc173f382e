//! Telling whether a file changed since the index read it, without reading
//! it again: size, times, inode and status-change time, and for a file
//! changed within a clock tick of being stamped ("racy", git's word), its
//! content's SHA-256. Links are stamped by their target.

use std::fs;
use std::io;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::interview::limits::MAX_FILE_BYTES;

/// How close a file's times may be to its stamp before size and times stop
/// telling changes apart. Linux stamps files from a coarse clock (a tick of
/// 1 to 10 ms), other file systems to the second or two (FAT): 2 s covers
/// them all, and only files changed in the last 2 s are ever hashed.
const RESOLUTION_NS: i128 = 2_000_000_000;

/// What a file looked like when the index read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Stamp {
    /// Bytes.
    pub(crate) size: u64,
    /// Modification time, nanoseconds since 1970.
    pub(crate) modified_ns: i128,
    /// Status-change time (`ctime`), nanoseconds since 1970: set by the
    /// system on every change, including a modification time set back.
    pub(crate) changed_ns: i128,
    /// The inode: a file replaced by another (a copy renamed over it) has a
    /// new one.
    pub(crate) inode: u64,
    /// Whether the path is a symbolic link (the rest is its target's).
    pub(crate) link: bool,
    /// When the stamp was taken, nanoseconds since 1970.
    pub(crate) taken_ns: i128,
    /// SHA-256 of the content, for a racy file (see [`Stamp::racy`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) sha256: Option<String>,
}

/// Nanoseconds since 1970 of `secs` and `nanos` as `stat` gives them.
fn ns(secs: i64, nanos: i64) -> i128 {
    i128::from(secs) * 1_000_000_000 + i128::from(nanos)
}

fn now_ns() -> i128 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_nanos() as i128,
        Err(before) => -(before.duration().as_nanos() as i128),
    }
}

impl Stamp {
    /// The stamp of the file at `path`, without its content: `None` when
    /// nothing is there (not even a link).
    pub(crate) fn observe(path: &Path) -> Option<Stamp> {
        let taken_ns = now_ns();
        let own = fs::symlink_metadata(path).ok()?;
        let link = own.file_type().is_symlink();
        // A link to nothing keeps its own stamp: it is read, and reported.
        let meta = if link {
            fs::metadata(path).unwrap_or(own)
        } else {
            own
        };
        Some(Stamp {
            size: meta.size(),
            modified_ns: ns(meta.mtime(), meta.mtime_nsec()),
            changed_ns: ns(meta.ctime(), meta.ctime_nsec()),
            inode: meta.ino(),
            link,
            taken_ns,
            sha256: None,
        })
    }

    /// Whether the file's times are within 2 s (`RESOLUTION_NS`) of the stamp
    /// (or after it): a change made now could leave size and times as they
    /// are, so only the content tells.
    pub(crate) fn racy(&self) -> bool {
        self.modified_ns.max(self.changed_ns) > self.taken_ns - RESOLUTION_NS
    }

    /// The stamp with the content's hash when it is racy. The hash is taken
    /// after the stamp and before the file is read for the index: a change
    /// in between makes the hash newer than what was indexed, never older,
    /// so the next refresh reads the file again rather than missing it.
    pub(crate) fn hashed_if_racy(mut self, path: &Path) -> Stamp {
        if self.racy() {
            self.sha256 = sha256(path).ok();
        }
        self
    }

    /// Whether the file at `path`, stamped `now`, is the one stamped
    /// `recorded`. `Some(stamp)` when it is unchanged, with the stamp to keep:
    /// a racy one found unchanged by content is stamped again once it is no
    /// longer racy, so it need not be hashed again. `None` when it changed.
    pub(crate) fn unchanged(recorded: &Stamp, now: &Stamp, path: &Path) -> Option<Stamp> {
        let same = recorded.size == now.size
            && recorded.modified_ns == now.modified_ns
            && recorded.changed_ns == now.changed_ns
            && recorded.inode == now.inode
            && recorded.link == now.link;
        if !same {
            return None;
        }
        if !recorded.racy() {
            return Some(recorded.clone());
        }
        // No hash means it could not be read then: read it again now.
        let was = recorded.sha256.as_ref()?;
        let is = sha256(path).ok()?;
        if *was != is {
            return None;
        }
        // Still racy: the recorded stamp and hash go on telling changes.
        Some(if now.racy() {
            recorded.clone()
        } else {
            now.clone()
        })
    }
}

/// The SHA-256 of the regular file at `path` (links followed), in hex;
/// read as it goes, never held, and never past [`MAX_FILE_BYTES`]: past
/// that, the file is no interview and its content does not matter.
fn sha256(path: &Path) -> Result<String, crate::fsread::ReadError> {
    use io::Read;
    let file = crate::fsread::open_regular(path)?;
    let mut hasher = Sha256::new();
    io::copy(&mut file.take(MAX_FILE_BYTES + 1), &mut hasher)
        .map_err(crate::fsread::ReadError::Io)?;
    Ok(format!("{:x}", hasher.finalize()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_stamped_long_after_it_was_written_is_not_racy() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("a.yaml");
        fs::write(&path, "one").unwrap();
        let fresh = Stamp::observe(&path).unwrap().hashed_if_racy(&path);
        assert!(fresh.racy());
        assert!(fresh.sha256.is_some());
        // The same file, as a later refresh would see it once its times
        // are well in the past.
        let later = Stamp {
            taken_ns: fresh.modified_ns.max(fresh.changed_ns) + RESOLUTION_NS + 1,
            ..fresh.clone()
        };
        assert!(!later.racy());
        assert_eq!(later.clone().hashed_if_racy(&path).sha256, fresh.sha256);
    }

    #[test]
    fn a_racy_file_is_compared_by_content() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("a.yaml");
        fs::write(&path, "one").unwrap();
        let recorded = Stamp::observe(&path).unwrap().hashed_if_racy(&path);
        // Size and times as they were: what a change within one clock tick
        // leaves.
        let now = Stamp::observe(&path).unwrap();
        let same_times = Stamp {
            modified_ns: recorded.modified_ns,
            changed_ns: recorded.changed_ns,
            ..now
        };
        assert!(Stamp::unchanged(&recorded, &same_times, &path).is_some());
        fs::write(&path, "two").unwrap();
        assert_eq!(Stamp::unchanged(&recorded, &same_times, &path), None);
    }

    #[test]
    fn a_link_is_stamped_by_its_target_and_a_link_to_nothing_by_itself() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("elsewhere.yaml");
        fs::write(&target, "12345").unwrap();
        let link = tmp.path().join("a.yaml");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let stamp = Stamp::observe(&link).unwrap();
        assert!(stamp.link);
        assert_eq!(stamp.size, 5);
        assert_eq!(stamp.inode, fs::metadata(&target).unwrap().ino());

        fs::remove_file(&target).unwrap();
        let dangling = Stamp::observe(&link).unwrap();
        assert!(dangling.link);
        assert_eq!(dangling.inode, fs::symlink_metadata(&link).unwrap().ino());
        assert!(Stamp::observe(&tmp.path().join("none.yaml")).is_none());
    }
}
