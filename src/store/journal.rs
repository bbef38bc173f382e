//! The crash journal: what changed, appended to a hidden file beside the
//! interview before the screen shows it.
//!
//! Rewriting the whole interview file on every keystroke costs a time that
//! grows with the file (a 10,000-question bank makes it 1.75 MB), so the app
//! instead appends one line per change to `.<file name>.journal`: the fields
//! that change while an interview runs, for the questions changed since the
//! file was last written. One `write` of a few hundred bytes survives the
//! process being killed; the interview file itself is rewritten and flushed
//! to the disk by the flusher thread at most a second later, and the journal
//! is emptied once the file has caught up.
//!
//! Each line is one JSON [`Entry`] (JSON escapes every line break, so a line
//! is a whole entry). A line cut short by a crash or a full disk does not
//! parse and is skipped; every line starts with a line break, so a cut line
//! never runs into the next. [`read_latest`] returns the newest whole entry.
//! An entry applies to the interview file only when its revision is newer
//! than the file's ([`Record::revision`](crate::interview::Record)), so an
//! entry the file has already caught up with is never replayed over newer text.

use std::borrow::Cow;
use std::fs;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::interview::record::{Pause, QuestionState, Recommendation, Record, Status};

/// The most of a journal that is read back: its newest entries are at the end.
const MAX_READ_BYTES: u64 = 64 * 1024 * 1024;

/// `.<file name>.journal` beside the interview file at `path`.
pub fn journal_path(path: &Path) -> PathBuf {
    let mut name = std::ffi::OsString::from(".");
    name.push(path.file_name().unwrap_or_default());
    name.push(".journal");
    path.with_file_name(name)
}

/// What one question holds that changes during an interview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionEntry<'a> {
    /// Flat index of the question across all sections.
    pub index: usize,
    /// Not reached, asked or skipped.
    pub state: QuestionState,
    /// The rating label, if any.
    pub rating: Option<Cow<'a, str>>,
    /// Interview time of the first note.
    pub first_note_seconds: Option<u64>,
    /// The notes.
    pub notes: Cow<'a, str>,
}

/// Everything of an interview that changes while it runs, with the questions
/// changed since the interview file was last written.
///
/// The same value travels two ways: as a journal line (crash safety) and to
/// the flusher thread (which applies it to its copy of the interview before
/// rewriting the file), so both always agree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry<'a> {
    /// Which change this is; newer than the file's revision when it is news.
    pub revision: u64,
    /// The call's start: it changes once, when the call starts after
    /// waiting for the candidate.
    pub started_at: DateTime<FixedOffset>,
    /// When the interview was opened, which never changes: an entry never
    /// applies to another interview. Journals from before the waiting
    /// state lack it; the start tells them apart then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opened_at: Option<DateTime<FixedOffset>>,
    /// In progress or completed.
    pub status: Status,
    /// When it was saved.
    pub updated_at: DateTime<FixedOffset>,
    /// When it was finished.
    pub ended_at: Option<DateTime<FixedOffset>>,
    /// Active interview time.
    pub elapsed_seconds: u64,
    /// Paused time.
    pub paused_seconds: u64,
    /// Whether the timer is paused.
    pub paused: bool,
    /// Every pause.
    pub pauses: Cow<'a, [Pause]>,
    /// The question on screen.
    pub current_question: usize,
    /// Active time per section.
    pub spent_seconds: Vec<u64>,
    /// The scratch note.
    pub scratch: Cow<'a, str>,
    /// The recommendation (a draft while the finish form is open).
    pub recommendation: Option<Recommendation>,
    /// The summary.
    pub summary: Cow<'a, str>,
    /// The questions that changed.
    pub questions: Vec<QuestionEntry<'a>>,
}

impl<'a> Entry<'a> {
    /// The changing fields of `record` as revision `revision`, with the
    /// questions at `changed` (flat indexes; ones out of range are left out).
    pub fn of(record: &'a Record, revision: u64, changed: impl IntoIterator<Item = usize>) -> Self {
        let questions = changed
            .into_iter()
            .filter_map(|index| {
                let (_, q) = record.question(index)?;
                Some(QuestionEntry {
                    index,
                    state: q.state,
                    rating: q.rating.as_deref().map(Cow::Borrowed),
                    first_note_seconds: q.first_note_seconds,
                    notes: Cow::Borrowed(&q.notes),
                })
            })
            .collect();
        Entry {
            revision,
            started_at: record.started_at,
            opened_at: record.opened_at,
            status: record.status,
            updated_at: record.updated_at,
            ended_at: record.ended_at,
            elapsed_seconds: record.elapsed_seconds,
            paused_seconds: record.paused_seconds,
            paused: record.paused,
            pauses: Cow::Borrowed(&record.pauses),
            current_question: record.current_question,
            spent_seconds: record.sections.iter().map(|s| s.spent_seconds).collect(),
            scratch: Cow::Borrowed(&record.scratch),
            recommendation: record.recommendation,
            summary: Cow::Borrowed(&record.summary),
            questions,
        }
    }

    /// The same entry owning its text, to send to another thread.
    pub fn into_owned(self) -> Entry<'static> {
        Entry {
            pauses: Cow::Owned(self.pauses.into_owned()),
            scratch: Cow::Owned(self.scratch.into_owned()),
            summary: Cow::Owned(self.summary.into_owned()),
            questions: self
                .questions
                .into_iter()
                .map(|q| QuestionEntry {
                    rating: q.rating.map(|r| Cow::Owned(r.into_owned())),
                    notes: Cow::Owned(q.notes.into_owned()),
                    ..q
                })
                .collect(),
            ..self
        }
    }

    /// Writes the entry into `record`, which must be the same interview with
    /// the same questions; on a mismatch nothing is changed and the reason is
    /// returned.
    pub fn apply(&self, record: &mut Record) -> Result<(), String> {
        let same = match (self.opened_at, record.opened_at) {
            (Some(entry), Some(file)) => entry == file,
            _ => self.started_at == record.started_at,
        };
        if !same {
            return Err("it belongs to another interview (the start times differ)".into());
        }
        if self.spent_seconds.len() != record.sections.len() {
            return Err("it has a different number of sections".into());
        }
        let count = record.question_count();
        if let Some(q) = self.questions.iter().find(|q| q.index >= count) {
            return Err(format!("question {} is past the last question", q.index));
        }
        record.revision = self.revision;
        record.started_at = self.started_at;
        record.status = self.status;
        record.updated_at = self.updated_at;
        record.ended_at = self.ended_at;
        record.elapsed_seconds = self.elapsed_seconds;
        record.paused_seconds = self.paused_seconds;
        record.paused = self.paused;
        record.pauses = self.pauses.to_vec();
        record.current_question = self.current_question;
        for (section, spent) in record.sections.iter_mut().zip(&self.spent_seconds) {
            section.spent_seconds = *spent;
        }
        record.scratch = self.scratch.to_string();
        record.recommendation = self.recommendation;
        record.summary = self.summary.to_string();
        for q in &self.questions {
            if let Some(target) = record.question_mut(q.index) {
                target.state = q.state;
                target.rating = q.rating.as_deref().map(str::to_string);
                target.first_note_seconds = q.first_note_seconds;
                target.notes = q.notes.to_string();
            }
        }
        Ok(())
    }
}

/// Appends entries to an interview's journal.
#[derive(Debug)]
pub struct JournalWriter {
    path: PathBuf,
    file: fs::File,
    /// Reused between appends: a line is built whole, then written at once.
    line: Vec<u8>,
    /// Whether anything was appended since the journal was last emptied.
    holds_entries: bool,
}

impl JournalWriter {
    /// Creates (or empties) the journal of the interview file at `path`,
    /// readable by its owner alone and never through a symbolic link.
    pub fn create(path: &Path) -> io::Result<Self> {
        let journal = journal_path(path);
        let file = fs::OpenOptions::new()
            .append(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC)
            .open(&journal)
            .map_err(|e| match e.raw_os_error() {
                Some(libc::ELOOP) => io::Error::other(
                    "a symbolic link stands at its name, and phonescreen never writes through links (remove it if you did not make it)",
                ),
                // A FIFO nobody reads, opened without waiting for a reader.
                Some(libc::ENXIO) => io::Error::other(
                    "a FIFO or a device stands at its name, not a file (move it away)",
                ),
                _ => e,
            })?;
        let meta = file.metadata()?;
        if !meta.is_file() {
            return Err(io::Error::other(
                "the journal's name is taken by something that is not a file",
            ));
        }
        if meta.nlink() > 1 {
            // Emptying it would empty another file too.
            return Err(io::Error::other(
                "the journal's name is another name of some other file (a hard link)",
            ));
        }
        file.set_len(0)?;
        if meta.mode() & 0o077 != 0 {
            use std::os::unix::fs::PermissionsExt;
            file.set_permissions(fs::Permissions::from_mode(0o600))?;
        }
        Ok(Self {
            path: journal,
            file,
            line: Vec::new(),
            holds_entries: false,
        })
    }

    /// The journal file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the file was deleted or replaced since it was opened (appends
    /// would then go nowhere anyone can read).
    pub fn is_gone(&self) -> bool {
        self.file.metadata().map_or(true, |m| m.nlink() == 0)
    }

    /// Whether the journal's name still leads to the file being appended to
    /// (not deleted, replaced, or moved away with its folder): only then does
    /// a read of the interview file find what was appended.
    pub fn is_in_place(&self) -> bool {
        match (self.file.metadata(), fs::symlink_metadata(&self.path)) {
            (Ok(open), Ok(named)) => open.dev() == named.dev() && open.ino() == named.ino(),
            _ => false,
        }
    }

    /// Appends `entry` as one line with a single `write`.
    pub fn append(&mut self, entry: &Entry) -> io::Result<()> {
        self.line.clear();
        self.line.push(b'\n');
        serde_json::to_writer(&mut self.line, entry).map_err(io::Error::other)?;
        self.line.push(b'\n');
        self.holds_entries = true;
        self.file.write_all(&self.line)
    }

    /// Empties the journal once the interview file holds everything in it.
    pub fn clear(&mut self) -> io::Result<()> {
        if self.holds_entries {
            self.file.set_len(0)?;
            self.holds_entries = false;
        }
        Ok(())
    }

    /// Removes the journal file (a clean exit, or before replacing it).
    pub fn remove(self) -> io::Result<()> {
        match fs::remove_file(&self.path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

/// The newest whole entry in the journal of the interview file at `path`,
/// if there is a journal and any entry in it can be read.
///
/// Never follows a symbolic link, reads only regular files, and reads at most
/// the last 64 MiB (the newest entries are at the end).
pub fn read_latest(path: &Path) -> Option<Entry<'static>> {
    let mut file = fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC)
        .open(journal_path(path))
        .ok()?;
    let meta = file.metadata().ok()?;
    if !meta.is_file() || meta.len() == 0 {
        return None;
    }
    let start = meta.len().saturating_sub(MAX_READ_BYTES);
    file.seek(SeekFrom::Start(start)).ok()?;
    let mut bytes = Vec::new();
    file.take(MAX_READ_BYTES).read_to_end(&mut bytes).ok()?;
    bytes
        .split(|&b| b == b'\n')
        .rev()
        .filter(|line| !line.is_empty())
        .find_map(|line| serde_json::from_slice::<Entry>(line).ok())
        .map(Entry::into_owned)
}

/// Brings `record` (read from the file at `path`) up to date with its
/// journal, when the journal holds a newer revision of the same interview.
/// Returns whether anything was applied.
pub fn catch_up(path: &Path, record: &mut Record) -> bool {
    match read_latest(path) {
        Some(entry) if entry.revision > record.revision => {
            let mut updated = record.clone();
            if entry.apply(&mut updated).is_ok() && updated.check().is_ok() {
                *record = updated;
                return true;
            }
            false
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testing::sample_record;

    fn changed(record: &mut Record, index: usize, notes: &str) {
        let q = record.question_mut(index).unwrap();
        q.notes = notes.to_string();
        q.state = QuestionState::Asked;
        q.rating = Some("Yes".to_string());
    }

    #[test]
    fn the_journal_sits_hidden_beside_the_file() {
        assert_eq!(
            journal_path(Path::new("/s/20250304-101500-ada.yaml")),
            PathBuf::from("/s/.20250304-101500-ada.yaml.journal")
        );
    }

    #[test]
    fn an_entry_carries_what_changed_and_applies_exactly() {
        let base = sample_record(8, 100);
        let mut now = base.clone();
        changed(&mut now, 3, "line one\n\"quoted\": yes\n🙂");
        now.current_question = 3;
        now.elapsed_seconds += 40;
        now.sections[1].spent_seconds += 40;
        now.scratch = "scratch\nnote".into();
        now.summary = "Solid".into();
        now.recommendation = Some(Recommendation::Yes);
        let entry = Entry::of(&now, 7, [3]);
        let mut line = Vec::new();
        serde_json::to_writer(&mut line, &entry).unwrap();
        assert!(!line.contains(&b'\n'), "one entry is one line");
        let read: Entry = serde_json::from_slice(&line).unwrap();
        assert_eq!(read, entry);
        let mut target = base.clone();
        read.apply(&mut target).unwrap();
        now.revision = 7;
        assert_eq!(target, now);
    }

    #[test]
    fn an_entry_for_another_interview_changes_nothing() {
        let record = sample_record(4, 10);
        let mut other = sample_record(4, 10);
        other.started_at += chrono::Duration::seconds(1);
        let entry = Entry::of(&other, 3, [0]);
        let mut target = record.clone();
        assert!(entry.apply(&mut target).is_err());
        assert_eq!(target, record);
        let mut fewer = sample_record(2, 10);
        fewer.started_at = record.started_at;
        let entry = Entry::of(&record, 3, [3]);
        let before = fewer.clone();
        assert!(entry.apply(&mut fewer).is_err());
        assert_eq!(fewer, before);
    }

    #[test]
    fn the_call_starting_moves_the_start_and_the_opening_still_tells_the_interview() {
        let mut file = sample_record(4, 10);
        file.opened_at = Some(file.started_at);
        file.status = Status::Waiting;
        // The call starts two minutes late: the journal has the new start
        // before the file does, and a crash then must not lose what follows.
        let mut now = file.clone();
        now.started_at += chrono::Duration::minutes(2);
        now.status = Status::InProgress;
        changed(&mut now, 0, "joined late, typed at once");
        let mut target = file.clone();
        Entry::of(&now, 9, [0]).apply(&mut target).unwrap();
        assert_eq!(target.started_at, now.started_at);
        assert_eq!(target.status, Status::InProgress);
        assert_eq!(
            target.question(0).unwrap().1.notes,
            "joined late, typed at once"
        );
        // Another interview opened a second later is another interview.
        let mut other = now.clone();
        other.opened_at = Some(file.started_at + chrono::Duration::seconds(1));
        let mut untouched = file.clone();
        assert!(Entry::of(&other, 10, [0]).apply(&mut untouched).is_err());
        assert_eq!(untouched, file);
    }

    #[test]
    fn the_newest_whole_line_wins_and_a_cut_line_is_skipped() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("a.yaml");
        let mut record = sample_record(4, 10);
        let mut journal = JournalWriter::create(&path).unwrap();
        changed(&mut record, 0, "first");
        journal.append(&Entry::of(&record, 1, [0])).unwrap();
        changed(&mut record, 0, "second");
        journal.append(&Entry::of(&record, 2, [0])).unwrap();
        assert_eq!(read_latest(&path).unwrap().revision, 2);
        // A crash in the middle of the third append leaves part of a line.
        changed(&mut record, 0, "third");
        let mut line = serde_json::to_vec(&Entry::of(&record, 3, [0])).unwrap();
        line.truncate(line.len() / 2);
        let mut raw = fs::OpenOptions::new()
            .append(true)
            .open(journal_path(&path))
            .unwrap();
        raw.write_all(b"\n").unwrap();
        raw.write_all(&line).unwrap();
        assert_eq!(read_latest(&path).unwrap().revision, 2);
        // The next append starts on a line of its own, so it is read whole.
        changed(&mut record, 0, "fourth");
        journal.append(&Entry::of(&record, 4, [0])).unwrap();
        let latest = read_latest(&path).unwrap();
        assert_eq!(latest.revision, 4);
        assert_eq!(latest.questions[0].notes, "fourth");
    }

    #[test]
    fn catch_up_applies_only_newer_entries_of_the_same_interview() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("a.yaml");
        let mut file = sample_record(4, 10);
        file.revision = 5;
        let mut newer = file.clone();
        changed(&mut newer, 2, "typed after the last write");
        let mut journal = JournalWriter::create(&path).unwrap();
        journal.append(&Entry::of(&newer, 4, [2])).unwrap();
        let mut record = file.clone();
        assert!(!catch_up(&path, &mut record), "revision 4 is older than 5");
        assert_eq!(record, file);
        journal.append(&Entry::of(&newer, 6, [2])).unwrap();
        assert!(catch_up(&path, &mut record));
        assert_eq!(
            record.question(2).unwrap().1.notes,
            "typed after the last write"
        );
        assert_eq!(record.revision, 6);
        journal.clear().unwrap();
        assert_eq!(read_latest(&path), None);
    }

    #[test]
    fn a_journal_is_private_and_never_a_link() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("a.yaml");
        let journal = JournalWriter::create(&path).unwrap();
        let mode = fs::metadata(journal.path()).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        journal.remove().unwrap();
        let target = tmp.path().join("target");
        fs::write(&target, "keep").unwrap();
        std::os::unix::fs::symlink(&target, journal_path(&path)).unwrap();
        let err = JournalWriter::create(&path).unwrap_err();
        assert!(err.to_string().contains("symbolic link"), "{err}");
        assert_eq!(fs::read_to_string(&target).unwrap(), "keep");
        assert_eq!(read_latest(&path), None);
        fs::remove_file(journal_path(&path)).unwrap();
        fs::hard_link(&target, journal_path(&path)).unwrap();
        let err = JournalWriter::create(&path).unwrap_err();
        assert!(err.to_string().contains("hard link"), "{err}");
        assert_eq!(fs::read_to_string(&target).unwrap(), "keep");
    }

    #[test]
    fn a_fifo_at_the_journal_s_name_is_refused_at_once() {
        // The keystroke that creates the journal must get an error, not wait.
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("a.yaml");
        let err = crate::store::testing::error_opening_at_a_fifo(&journal_path(&path), move || {
            JournalWriter::create(&path)
        });
        assert!(err.contains("FIFO"), "{err}");
    }

    #[test]
    fn a_deleted_journal_is_noticed() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("a.yaml");
        let journal = JournalWriter::create(&path).unwrap();
        assert!(!journal.is_gone());
        assert!(journal.is_in_place());
        fs::remove_file(journal.path()).unwrap();
        assert!(journal.is_gone());
        assert!(!journal.is_in_place());
    }

    #[test]
    fn a_journal_moved_away_with_its_folder_is_not_in_place() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("s");
        fs::create_dir(&dir).unwrap();
        let journal = JournalWriter::create(&dir.join("a.yaml")).unwrap();
        fs::rename(&dir, tmp.path().join("moved")).unwrap();
        assert!(!journal.is_gone(), "still a file, elsewhere");
        assert!(!journal.is_in_place());
    }
}
