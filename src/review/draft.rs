//! The amendment draft: what is typed on the amend screen, appended to
//! `.<file name>.amend` beside the interview before the screen shows it, so a
//! crash while amending loses nothing typed. An append-only log
//! ([`store::applog`]), kept small by replacing it with its last line.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::Amendment;
use crate::interview::limits;
use crate::interview::record::Record;
use crate::store;
use crate::store::applog::{self, AppendLog, TailError};

/// Below this size the draft is never rewritten: appending is all it costs.
pub(crate) const MIN_CAP: u64 = 1024 * 1024;

/// The longest line written, and the most of the file's end that is read
/// back. An amendment holds at most `limits::MAX_TEXT_BYTES` of text (six
/// bytes of JSON each at worst) and the ids of the questions it changes,
/// which stays well within the size of an interview file.
pub(crate) const MAX_LINE_BYTES: u64 = limits::MAX_FILE_BYTES;

/// One line of the draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct DraftEntry {
    /// The interview's `revision` the amendment was made against: it only
    /// applies to the file while the file is still at that revision.
    pub(crate) revision: u64,
    /// The interview's start, so a draft never applies to another interview.
    pub(crate) started_at: DateTime<FixedOffset>,
    /// When the change was made.
    pub(crate) at: DateTime<FixedOffset>,
    /// Everything changed since the interview was opened.
    pub(crate) amendment: Amendment,
}

impl DraftEntry {
    /// `amendment` to `record` (as it was opened), made at `at`.
    pub(crate) fn new(record: &Record, amendment: Amendment, at: DateTime<FixedOffset>) -> Self {
        DraftEntry {
            revision: record.revision,
            started_at: record.started_at,
            at,
            amendment,
        }
    }
}

/// Appends to the draft of one interview (an [`AppendLog`]).
#[derive(Debug)]
pub(crate) struct DraftWriter {
    log: AppendLog,
}

impl DraftWriter {
    /// Opens the draft of the interview file at `interview` to append to
    /// it, creating it (0600) if needed; what it holds is kept.
    pub(crate) fn open(interview: &Path) -> io::Result<Self> {
        let log = AppendLog::open(&store::amend_draft_path(interview))?;
        Ok(Self { log })
    }

    /// The draft file of the interview file at `interview`.
    pub(crate) fn path_of(interview: &Path) -> PathBuf {
        store::amend_draft_path(interview)
    }

    /// Appends `entry` as one line with a single `write`; when the file
    /// would grow past its cap (see the module), replaces it atomically with
    /// that line alone.
    pub(crate) fn append(&mut self, entry: &DraftEntry) -> io::Result<()> {
        let line = self.log.prepare(entry)?;
        if line > MAX_LINE_BYTES {
            return Err(io::Error::other(format!(
                "the amendment is too big to draft ({})",
                limits::size_words(line)
            )));
        }
        if self.log.len() + line > MIN_CAP.max(4 * line) {
            self.log.replace_with_line()
        } else {
            self.log.write_line()
        }
    }
}

/// Removes the draft of the interview file at `interview`, if there is one
/// (a link is removed, never followed).
pub(crate) fn remove(interview: &Path) -> io::Result<()> {
    applog::remove(&store::amend_draft_path(interview))
}

/// Moves the draft of the interview file at `interview` out of the way,
/// to `.<file>.amend.refused-<when>` beside it (a link is moved, never
/// followed), so that amending can be drafted anew without losing what it
/// holds; `sessions delete` and `purge` remove it with the interview.
/// Returns where it went.
pub(crate) fn set_aside(interview: &Path, when: DateTime<FixedOffset>) -> io::Result<PathBuf> {
    let draft = store::amend_draft_path(interview);
    let stamp = when.format("%Y%m%d-%H%M%S");
    for n in 1..100 {
        let mut name = draft.file_name().unwrap_or_default().to_os_string();
        name.push(format!("{}{stamp}", store::AMEND_DRAFT_SET_ASIDE));
        if n > 1 {
            name.push(format!("-{n}"));
        }
        let aside = draft.with_file_name(name);
        if fs::symlink_metadata(&aside).is_err() {
            fs::rename(&draft, &aside)?;
            return Ok(aside);
        }
    }
    Err(io::Error::other("too many drafts set aside already"))
}

/// Whether the interview file at `interview` has a draft beside it.
#[cfg(test)]
fn exists(interview: &Path) -> bool {
    fs::symlink_metadata(store::amend_draft_path(interview)).is_ok()
}

/// The last whole line of the draft of the interview file at `interview`:
/// `Ok(None)` when there is no draft or no whole line in it. A line cut
/// short at the end (it does not end with a line break) is ignored and the
/// one before it read; a whole last line that does not parse is an error,
/// never skipped for an older one.
///
/// Never follows a symbolic link, reads only a regular file, and reads at
/// most its last [`MAX_LINE_BYTES`].
pub(crate) fn read(interview: &Path) -> Result<Option<DraftEntry>, String> {
    match applog::read_tail(&store::amend_draft_path(interview), MAX_LINE_BYTES) {
        Ok(None) => Ok(None),
        Ok(Some((bytes, mid_file))) => last_line(&bytes, mid_file),
        Err(TailError::Link) => {
            Err("it is a symbolic link, and phonescreen never reads through links".into())
        }
        Err(TailError::NotAFile) => Err("it is not a regular file".into()),
        Err(TailError::Io(e)) => Err(crate::fsread::ReadError::Io(e).to_string()),
    }
}

/// The last whole line of `bytes`, the end of a draft; `mid_file` says the
/// first line may be the end of one cut off by where reading started.
fn last_line(bytes: &[u8], mid_file: bool) -> Result<Option<DraftEntry>, String> {
    let mut whole = match bytes.iter().rposition(|&b| b == b'\n') {
        Some(end) => &bytes[..end],
        None => return Ok(None),
    };
    if mid_file {
        whole = match whole.iter().position(|&b| b == b'\n') {
            Some(first) => &whole[first + 1..],
            None => return Ok(None),
        };
    }
    let Some(line) = whole.split(|&b| b == b'\n').rfind(|l| !l.is_empty()) else {
        return Ok(None);
    };
    serde_json::from_slice(line)
        .map(Some)
        .map_err(|e| format!("its last line cannot be read ({e})"))
}

/// What a draft beside an interview comes to when amending starts.
#[derive(Debug, Clone, PartialEq)]
pub enum Recovery {
    /// No draft, or nothing changed in it.
    Nothing,
    /// The interview as the screen showed it when the draft was last
    /// written (as [`Amendment::edited`] makes it), and when that was.
    Recovered {
        /// The record with the amendments in it, not saved.
        record: Box<Record>,
        /// When the last change was made.
        at: DateTime<FixedOffset>,
    },
    /// The draft holds nothing the file does not already have (amending
    /// was saved, and phonescreen stopped before it removed the draft).
    Stale,
    /// There is a draft, but it cannot be applied (see [`set_aside`]).
    Refused {
        /// The draft file.
        path: PathBuf,
        /// Why, in words.
        why: String,
    },
}

/// Reads the draft beside the interview file at `interview`, whose content
/// now (read under its lock) is `record`, and applies it to a copy of it.
pub(crate) fn recover(interview: &Path, record: &Record) -> Recovery {
    let path = store::amend_draft_path(interview);
    let refused = |why: String| Recovery::Refused {
        path: path.clone(),
        why,
    };
    let entry = match read(interview) {
        Ok(Some(entry)) => entry,
        Ok(None) => return Recovery::Nothing,
        Err(why) => return refused(why),
    };
    if entry.started_at != record.started_at {
        return refused("it belongs to another interview (the start times differ)".into());
    }
    if entry.amendment.is_empty() {
        return Recovery::Stale;
    }
    // Saved, then stopped before the draft was removed: the file moved on a
    // revision and already says everything the draft does.
    let already_saved = entry
        .amendment
        .edited(record)
        .is_ok_and(|edited| Amendment::between(record, &edited).is_empty());
    if already_saved {
        return Recovery::Stale;
    }
    if entry.revision != record.revision {
        return refused(format!(
            "it was made to revision {} of the interview, and the file is now at revision {}",
            entry.revision, record.revision
        ));
    }
    match entry.amendment.edited(record) {
        Ok(edited) => Recovery::Recovered {
            record: Box::new(edited),
            at: entry.at,
        },
        Err(e) => refused(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interview::record::Recommendation;
    use std::io::Write;
    use std::os::unix::fs::PermissionsExt;

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    fn finished() -> Record {
        let mut r = crate::store::testing::finished_record();
        r.question_mut(0).unwrap().rating = Some("Yes".into());
        r.revision = 12;
        r
    }

    /// An amendment touching every kind of field, with text JSON must escape.
    fn edited(original: &Record) -> Record {
        let mut edited = original.clone();
        edited.question_mut(1).unwrap().notes = "line one\n\"quoted\" \u{1b}[2J 🙂".into();
        edited.question_mut(2).unwrap().rating = Some("Strong yes".into());
        edited.question_mut(0).unwrap().rating = None;
        edited.recommendation = Some(Recommendation::Yes);
        edited.summary = "Better than it\nfirst looked.".into();
        edited
    }

    /// The draft entry of [`edited`]'s changes to `original`, made at `when`.
    fn edited_entry(original: &Record, when: DateTime<FixedOffset>) -> DraftEntry {
        DraftEntry::new(
            original,
            Amendment::between(original, &edited(original)),
            when,
        )
    }

    fn interview(dir: &Path) -> PathBuf {
        let path = dir.join("20250304-101500-ada.yaml");
        store::write_record(&path, &finished()).unwrap();
        path
    }

    #[test]
    fn a_draft_line_round_trips_and_gives_the_edited_record_back() {
        let original = finished();
        let edited = edited(&original);
        let amendment = Amendment::between(&original, &edited);
        // A cleared rating is a change, not "no change".
        assert_eq!(amendment.questions[&0].rating, Some(None));
        let entry = DraftEntry::new(
            &original,
            amendment.clone(),
            at("2025-03-05T09:12:00+01:00"),
        );
        let line = serde_json::to_vec(&entry).unwrap();
        assert!(!line.contains(&b'\n'), "one entry is one line");
        let read: DraftEntry = serde_json::from_slice(&line).unwrap();
        assert_eq!(read, entry);
        assert_eq!(read.amendment.edited(&original).unwrap(), edited);

        let tmp = tempfile::tempdir().unwrap();
        let path = interview(tmp.path());
        let mut writer = DraftWriter::open(&path).unwrap();
        writer.append(&entry).unwrap();
        assert_eq!(read_draft(&path), Some(entry.clone()));
        match recover(&path, &original) {
            Recovery::Recovered { record, at: when } => {
                assert_eq!(*record, edited);
                assert_eq!(when, entry.at);
            }
            other => panic!("not recovered: {other:?}"),
        }
    }

    fn read_draft(path: &Path) -> Option<DraftEntry> {
        read(path).unwrap()
    }

    #[test]
    fn a_torn_last_line_is_ignored_and_the_one_before_used() {
        let tmp = tempfile::tempdir().unwrap();
        let path = interview(tmp.path());
        let original = finished();
        let mut writer = DraftWriter::open(&path).unwrap();
        let first = edited_entry(&original, at("2025-03-05T09:12:00+01:00"));
        writer.append(&first).unwrap();
        let mut more = edited(&original);
        more.summary.push_str(" And more.");
        let second = DraftEntry::new(
            &original,
            Amendment::between(&original, &more),
            at("2025-03-05T09:13:00+01:00"),
        );
        let line = serde_json::to_vec(&second).unwrap();
        // A crash in the middle of the write: half the line, no line break.
        let draft = store::amend_draft_path(&path);
        let mut file = fs::OpenOptions::new().append(true).open(&draft).unwrap();
        file.write_all(b"\n").unwrap();
        file.write_all(&line[..line.len() / 2]).unwrap();
        assert_eq!(read_draft(&path), Some(first.clone()));
        // Appending after the torn line: the new line is whole and read.
        writer.append(&second).unwrap();
        assert_eq!(read_draft(&path), Some(second));
        // A whole last line that does not parse is refused, not skipped.
        file.write_all(b"\n{\"revision\": \"garbage\"}\n").unwrap();
        let err = read(&path).unwrap_err();
        assert!(err.contains("last line cannot be read"), "{err}");
        assert!(matches!(
            recover(&path, &original),
            Recovery::Refused { path: p, .. } if p == draft
        ));
    }

    #[test]
    fn a_draft_for_another_revision_or_interview_is_refused_and_kept() {
        let tmp = tempfile::tempdir().unwrap();
        let path = interview(tmp.path());
        let original = finished();
        let entry = edited_entry(&original, at("2025-03-05T09:12:00+01:00"));
        DraftWriter::open(&path).unwrap().append(&entry).unwrap();
        let draft = store::amend_draft_path(&path);
        let before = fs::read(&draft).unwrap();

        let mut newer = original.clone();
        newer.revision += 1;
        match recover(&path, &newer) {
            Recovery::Refused { path: p, why } => {
                assert_eq!(p, draft);
                assert!(why.contains("revision 12") && why.contains("13"), "{why}");
            }
            other => panic!("applied to another revision: {other:?}"),
        }
        let mut other = original.clone();
        other.started_at += chrono::Duration::seconds(1);
        assert!(matches!(recover(&path, &other), Recovery::Refused { .. }));
        // A question that is no longer the same one.
        let mut changed = original.clone();
        changed.question_mut(1).unwrap().id = "another".into();
        assert!(matches!(recover(&path, &changed), Recovery::Refused { .. }));
        assert_eq!(
            fs::read(&draft).unwrap(),
            before,
            "the draft is kept as it was"
        );
        // An empty amendment holds nothing new: stale.
        let empty = DraftEntry::new(&original, Amendment::default(), entry.at);
        DraftWriter::open(&path).unwrap().append(&empty).unwrap();
        assert_eq!(recover(&path, &original), Recovery::Stale);
    }

    #[test]
    fn a_draft_whose_changes_the_file_already_has_is_stale() {
        // Saved (the file moved on a revision with the changes in it), then
        // stopped before the draft was removed.
        let tmp = tempfile::tempdir().unwrap();
        let path = interview(tmp.path());
        let original = finished();
        let amendment = Amendment::between(&original, &edited(&original));
        let entry = DraftEntry::new(&original, amendment.clone(), original.started_at);
        DraftWriter::open(&path).unwrap().append(&entry).unwrap();
        let mut saved = original.clone();
        amendment
            .apply(&mut saved, at("2025-03-05T09:12:00+01:00"))
            .unwrap();
        assert_ne!(saved.revision, original.revision);
        assert_eq!(recover(&path, &saved), Recovery::Stale);
        // The same revision, some change not in the file: not stale.
        assert!(matches!(
            recover(&path, &original),
            Recovery::Recovered { .. }
        ));
    }

    #[test]
    fn a_draft_set_aside_keeps_its_bytes_under_a_new_name() {
        let tmp = tempfile::tempdir().unwrap();
        let path = interview(tmp.path());
        let original = finished();
        let entry = edited_entry(&original, original.started_at);
        DraftWriter::open(&path).unwrap().append(&entry).unwrap();
        let draft = store::amend_draft_path(&path);
        let bytes = fs::read(&draft).unwrap();
        let when = at("2025-03-05T09:12:00+01:00");
        let aside = set_aside(&path, when).unwrap();
        assert!(!exists(&path), "moved, not copied");
        assert_eq!(fs::read(&aside).unwrap(), bytes);
        let name = aside.file_name().unwrap().to_str().unwrap().to_string();
        assert!(
            name.starts_with(".") && name.ends_with(".amend.refused-20250305-091200"),
            "{name}"
        );
        // A second one at the same moment does not replace the first.
        DraftWriter::open(&path).unwrap().append(&entry).unwrap();
        let second = set_aside(&path, when).unwrap();
        assert_ne!(second, aside);
        assert_eq!(fs::read(&aside).unwrap(), bytes);
    }

    #[test]
    fn the_draft_is_private_and_never_written_through_a_link() {
        let tmp = tempfile::tempdir().unwrap();
        let path = interview(tmp.path());
        let original = finished();
        let entry = DraftEntry::new(&original, Amendment::default(), original.started_at);
        let mut writer = DraftWriter::open(&path).unwrap();
        writer.append(&entry).unwrap();
        let draft = store::amend_draft_path(&path);
        let mode = fs::metadata(&draft).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        drop(writer);
        remove(&path).unwrap();
        assert!(!exists(&path));
        remove(&path).unwrap();

        // A link planted at its name: refused, its target untouched.
        let precious = tmp.path().join("precious");
        fs::write(&precious, "mine").unwrap();
        std::os::unix::fs::symlink(&precious, &draft).unwrap();
        let err = DraftWriter::open(&path).unwrap_err();
        assert!(err.to_string().contains("symbolic link"), "{err}");
        assert!(read(&path).unwrap_err().contains("symbolic link"));
        assert_eq!(fs::read_to_string(&precious).unwrap(), "mine");
        // Removing the draft removes the link, not what it points at.
        remove(&path).unwrap();
        assert_eq!(fs::read_to_string(&precious).unwrap(), "mine");

        // A second name of another file is refused too.
        fs::hard_link(&precious, &draft).unwrap();
        assert!(DraftWriter::open(&path).is_err());
        assert_eq!(fs::read_to_string(&precious).unwrap(), "mine");
    }

    #[test]
    fn a_fifo_at_the_draft_s_name_is_refused_at_once() {
        let tmp = tempfile::tempdir().unwrap();
        let path = interview(tmp.path());
        let draft = store::amend_draft_path(&path);
        let err = crate::store::testing::error_opening_at_a_fifo(&draft, move || {
            DraftWriter::open(&path)
        });
        assert!(err.contains("FIFO"), "{err}");
    }

    #[test]
    fn a_draft_past_its_cap_is_replaced_by_its_last_line() {
        let tmp = tempfile::tempdir().unwrap();
        let path = interview(tmp.path());
        let original = finished();
        let mut edited = original.clone();
        let mut writer = DraftWriter::open(&path).unwrap();
        let draft = store::amend_draft_path(&path);
        let mut last = None;
        let mut largest = 0;
        // 64 KB of summary typed in 2 KB steps: about 1 MB of lines in all.
        for step in 0..32 {
            edited.summary.push_str(&"x".repeat(2048));
            let entry = DraftEntry::new(
                &original,
                Amendment::between(&original, &edited),
                original.started_at + chrono::Duration::seconds(step),
            );
            writer.append(&entry).unwrap();
            largest = largest.max(fs::metadata(&draft).unwrap().len());
            last = Some(entry);
        }
        assert!(largest <= MIN_CAP, "{largest}");
        for _ in 0..40 {
            edited.summary.push_str(&"y".repeat(2048));
            let entry = DraftEntry::new(
                &original,
                Amendment::between(&original, &edited),
                original.started_at,
            );
            writer.append(&entry).unwrap();
            last = Some(entry);
        }
        let len = fs::metadata(&draft).unwrap().len();
        assert!(len <= MIN_CAP, "the file was rewritten: {len}");
        assert_eq!(read_draft(&path), last);
        let mode = fs::metadata(&draft).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    proptest::proptest! {
        /// Whatever bytes stand in the draft (a torn write, another tool's
        /// file, garbage), reading and recovering it never panics, and a
        /// draft that recovers gives back a record whose changes fit it.
        #[test]
        fn any_bytes_in_the_draft_are_read_without_a_panic(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..600),
            valid_first in proptest::prelude::any::<bool>(),
        ) {
            let tmp = tempfile::tempdir().unwrap();
            let path = interview(tmp.path());
            let original = finished();
            let draft = store::amend_draft_path(&path);
            let mut content = Vec::new();
            if valid_first {
                let entry = edited_entry(&original, original.started_at);
                content.push(b'\n');
                content.extend(serde_json::to_vec(&entry).unwrap());
                content.push(b'\n');
            }
            content.extend(&bytes);
            fs::write(&draft, &content).unwrap();
            let _ = last_line(&content, false);
            let _ = last_line(&content, true);
            if let Recovery::Recovered { record, .. } = recover(&path, &original) {
                proptest::prop_assert!(Amendment::between(&original, &record).edited(&original).is_ok());
            }
        }
    }
}
