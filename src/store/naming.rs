//! File names for interviews: a timestamp and a safe form of the candidate's name.

use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};

/// Longest slug, in bytes (all ASCII, so also in characters).
const SLUG_MAX: usize = 40;

/// A safe file-name part for any candidate name.
///
/// ASCII letters and digits are kept (lowercased); everything else becomes
/// `-`, runs of `-` collapse to one, and the result is trimmed of `-` and cut
/// to at most 40 characters. A name with nothing usable gives `candidate`.
/// The result matches `^[a-z0-9]+(-[a-z0-9]+)*$`, so it can never climb out of
/// a folder (`../../etc` gives `etc`) or hide as a dotfile.
pub(crate) fn slug(candidate: &str) -> String {
    let mut out = String::with_capacity(candidate.len().min(SLUG_MAX + 1));
    for c in candidate.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() > SLUG_MAX {
            break;
        }
    }
    // Only ASCII was pushed, so any byte index is a char boundary.
    out.truncate(SLUG_MAX);
    let trimmed = out.trim_matches('-');
    if trimmed.is_empty() {
        "candidate".to_string()
    } else {
        trimmed.to_string()
    }
}

/// The file name of an interview: `YYYYMMDD-HHMMSS-<slug>.yaml`.
///
/// The time is the local time of `started` (in its own offset), as the
/// interviewer saw it on the clock.
pub fn session_file_name(started: DateTime<FixedOffset>, candidate: &str) -> String {
    format!(
        "{}-{}.yaml",
        started.format("%Y%m%d-%H%M%S"),
        slug(candidate)
    )
}

/// Picks the path for a new interview in `sessions_dir`, creating the folder
/// (0700) if needed.
///
/// When the name from [`session_file_name`] is taken, `-2`, `-3`, … are added
/// before `.yaml`. The file itself is not created; take a
/// [`SessionLock`](super::SessionLock) on the path and save at once, so a
/// second phonescreen picking the same name in the same second is refused.
pub fn new_session_path(
    sessions_dir: &Path,
    started: DateTime<FixedOffset>,
    candidate: &str,
) -> io::Result<PathBuf> {
    crate::paths::create_private_dir(sessions_dir)?;
    let base = session_file_name(started, candidate);
    let stem = base.trim_end_matches(".yaml");
    for n in 1u32.. {
        let name = if n == 1 {
            base.clone()
        } else {
            format!("{stem}-{n}.yaml")
        };
        let path = sessions_dir.join(name);
        let lock = super::lock_path(&path);
        if !exists(&path)? && !exists(&lock)? {
            return Ok(path);
        }
    }
    unreachable!("u32 names ran out")
}

/// Whether something (even a dangling symlink) is at `path`.
fn exists(path: &Path) -> io::Result<bool> {
    match std::fs::symlink_metadata(path) {
        Ok(_) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}

/// The folder holding `path` (`.` for a bare file name).
pub(crate) fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// What ends the name of an interview's amendment draft (see [`amend_draft_path`]).
pub(crate) const AMEND_DRAFT_SUFFIX: &str = ".amend";

/// What follows a draft's name when it is set aside, being impossible to
/// apply (`.<file>.amend.refused-<when>`): kept, and deleted with the
/// interview.
pub(crate) const AMEND_DRAFT_SET_ASIDE: &str = ".refused-";

/// `.<file name>.amend` beside the interview file at `path`: the amendment
/// being typed on the review screen and not saved yet, hidden like the
/// crash journal (`.<file name>.journal`) so no listing takes it for an
/// interview.
pub fn amend_draft_path(path: &Path) -> PathBuf {
    let mut name = std::ffi::OsString::from(".");
    name.push(path.file_name().unwrap_or_default());
    name.push(AMEND_DRAFT_SUFFIX);
    path.with_file_name(name)
}

/// The interview id: the file stem of its path (`20250304-101500-ada-lovelace`).
pub(crate) fn session_id(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_amendment_draft_sits_hidden_beside_the_file() {
        assert_eq!(
            amend_draft_path(Path::new("/s/20250304-101500-ada.yaml")),
            PathBuf::from("/s/.20250304-101500-ada.yaml.amend")
        );
    }

    #[test]
    fn keeps_letters_and_digits() {
        assert_eq!(slug("Ada Lovelace"), "ada-lovelace");
        assert_eq!(slug("  R2-D2 (droid)  "), "r2-d2-droid");
        assert_eq!(slug("José García"), "jos-garc-a");
    }

    #[test]
    fn cannot_climb_out_of_the_folder() {
        assert_eq!(slug("../../etc"), "etc");
        assert_eq!(slug("/etc/passwd"), "etc-passwd");
        assert_eq!(slug(".hidden"), "hidden");
    }

    #[test]
    fn nothing_usable_gives_candidate() {
        assert_eq!(slug(""), "candidate");
        assert_eq!(slug("🙂🎉"), "candidate");
        assert_eq!(slug("---"), "candidate");
        assert_eq!(slug("李小龙"), "candidate");
    }

    #[test]
    fn long_names_are_cut_and_retrimmed() {
        let long = "a".repeat(300);
        assert_eq!(slug(&long), "a".repeat(40));
        // The cut lands right after a separator: it must not end with '-'.
        let name = format!("{} b", "a".repeat(39));
        assert_eq!(slug(&name), "a".repeat(39));
        let mixed = "Ωmega ".repeat(60);
        let s = slug(&mixed);
        assert!(s.len() <= 40 && !s.ends_with('-'), "{s}");
    }

    #[test]
    fn file_name_uses_the_time_as_seen_in_its_offset() {
        let started = DateTime::parse_from_rfc3339("2025-03-04T23:05:09-08:00").unwrap();
        assert_eq!(
            session_file_name(started, "Ada Lovelace"),
            "20250304-230509-ada-lovelace.yaml"
        );
    }

    #[test]
    fn new_paths_never_reuse_a_name() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("sessions");
        let started = DateTime::parse_from_rfc3339("2025-03-04T10:15:00+01:00").unwrap();
        let first = new_session_path(&dir, started, "Ada").unwrap();
        assert_eq!(first, dir.join("20250304-101500-ada.yaml"));
        std::fs::write(&first, "x").unwrap();
        let second = new_session_path(&dir, started, "Ada").unwrap();
        assert_eq!(second, dir.join("20250304-101500-ada-2.yaml"));
        // A lock without its file (a save that has not happened yet) also takes the name.
        std::fs::write(super::super::lock_path(&second), "1").unwrap();
        let third = new_session_path(&dir, started, "Ada").unwrap();
        assert_eq!(third, dir.join("20250304-101500-ada-3.yaml"));
        assert_eq!(session_id(&third), "20250304-101500-ada-3");
    }

    #[test]
    fn new_path_creates_a_private_folder() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("data/sessions");
        let started = DateTime::parse_from_rfc3339("2025-03-04T10:15:00+01:00").unwrap();
        new_session_path(&dir, started, "Ada").unwrap();
        let mode = std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700);
    }

    proptest! {
        #[test]
        fn slug_is_always_a_safe_name(name in any::<String>()) {
            let s = slug(&name);
            prop_assert!(!s.is_empty());
            prop_assert!(s.len() <= 40, "{s}");
            prop_assert!(s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{s}");
            prop_assert!(!s.starts_with('-') && !s.ends_with('-'), "{s}");
            prop_assert!(!s.contains("--"), "{s}");
        }

        #[test]
        fn slug_of_a_plain_name_is_the_name(name in "[a-z0-9]{1,40}") {
            prop_assert_eq!(slug(&name), name);
        }
    }
}
