//! Saving and loading interviews so that no note is ever lost: naming,
//! locking, the journal-then-file durability policy ([`Saver`]), and reading
//! interviews back. Every file is 0600 in a 0700 folder: candidate data is
//! personal data.

pub(crate) mod applog;
mod atomic;
pub mod delete;
mod error;
mod flusher;
#[cfg(any(test, feature = "test-hooks"))]
#[doc(hidden)]
pub mod full_disk;
pub mod journal;
mod listing;
mod lock;
mod naming;
pub(crate) mod prep;
mod record_yaml;
pub(crate) mod remembered;
mod rescue;
pub(crate) mod retention;
mod saver;
pub mod session;
#[cfg(any(test, feature = "test-hooks"))]
#[doc(hidden)]
pub mod testing;
mod tidy;

// The store's public face, for the command line, the tests and the fuzz
// targets: load, list and write interviews, their locks and their paths.
pub use listing::{list, load, newest_resumable, summarize};
pub use lock::{LockError, SessionLock, is_locked_by_live_process, lock_path};
pub use naming::{amend_draft_path, new_session_path, session_file_name};
pub use record_yaml::to_yaml;
#[cfg(test)]
pub(crate) use rescue::DATA_RESCUE_DIR;
pub use rescue::RescuePlaces;
pub use saver::{Saver, write_record};

pub use atomic::write_atomic;
pub(crate) use atomic::{AtomicFile, write_atomic_with_mode};
pub(crate) use error::{Trouble, describe};
pub use flusher::Notify;
pub(crate) use listing::{
    Files, Listing, LoadError, LoadProblem, SessionSummary, files, sort_newest_first,
};
pub(crate) use naming::{AMEND_DRAFT_SET_ASIDE, AMEND_DRAFT_SUFFIX, session_id};
pub(crate) use saver::WAIT_FOR_DISK;
pub use saver::{Kept, SYNC_INTERVAL, SaveError, SaveOp, SaveOutcome};

/// The last line of every saved interview.
///
/// A file without it was cut short (a crash or a full disk in the middle of a
/// copy), even when what remains still parses; [`load`] refuses such a file
/// rather than silently showing a shortened interview.
pub const END_MARKER: &str = "# end of phonescreen interview";
