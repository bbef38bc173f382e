//! The crash journal: each change (texts as edits, not whole) appended to
//! `.<file name>.journal` beside the interview before the screen shows it, so
//! a killed process loses nothing; [`read_latest`] replays it after a crash.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::applog::{self, AppendLog};
use crate::interview::record::{Pause, QuestionState, Recommendation, Record, Status};

/// The most of a journal that is read back: its newest entries are at the end.
const MAX_READ_BYTES: u64 = 64 * 1024 * 1024;

/// After this many bytes of edits, texts go in whole again, so the newest
/// state never depends on more of the journal than [`MAX_READ_BYTES`].
pub(crate) const CHECKPOINT_BYTES: u64 = 1024 * 1024;

/// A text of an entry: whole, or one edit of the text as the line before
/// left it. In JSON a whole text is a string (as in journals written before
/// edits were) and an edit an object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Text<'a> {
    /// The whole text.
    Whole(Cow<'a, str>),
    /// One edit of the text the line before left.
    Edit(Splice<'a>),
}

impl Text<'_> {
    /// The text, when it is whole.
    pub(crate) fn whole(&self) -> Option<&str> {
        match self {
            Text::Whole(text) => Some(text),
            Text::Edit(_) => None,
        }
    }

    fn into_owned(self) -> Text<'static> {
        match self {
            Text::Whole(text) => Text::Whole(Cow::Owned(text.into_owned())),
            Text::Edit(splice) => Text::Edit(Splice {
                ins: Cow::Owned(splice.ins.into_owned()),
                ..splice
            }),
        }
    }

    /// Sets `target` to this text; `false` (and `target` unchanged) when it
    /// is an edit that does not fit `target`.
    fn apply_to(&self, target: &mut String) -> bool {
        match self {
            Text::Whole(text) => {
                target.clear();
                target.push_str(text);
                true
            }
            Text::Edit(splice) => splice.apply_to(target),
        }
    }
}

impl PartialEq<&str> for Text<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.whole() == Some(*other)
    }
}

/// One edit of a text: `del` bytes at byte `at` replaced by `ins`, in a text
/// that was `len` bytes long.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Splice<'a> {
    /// The length in bytes of the text the edit was made to.
    pub(crate) len: usize,
    /// Where the edit starts, in bytes.
    pub(crate) at: usize,
    /// How many bytes it removed there.
    pub(crate) del: usize,
    /// What it inserted there.
    pub(crate) ins: Cow<'a, str>,
}

impl Splice<'_> {
    /// The edit that turns `old` into `new`: what lies between their common
    /// start and their common end. `None` when they are the same.
    pub(crate) fn between<'n>(old: &str, new: &'n str) -> Option<Splice<'n>> {
        let (a, b) = (old.as_bytes(), new.as_bytes());
        let mut at = common_prefix(a, b);
        while !old.is_char_boundary(at) || !new.is_char_boundary(at) {
            at -= 1;
        }
        if at == a.len() && at == b.len() {
            return None;
        }
        let most = a.len().min(b.len()) - at;
        let mut tail = common_suffix(&a[a.len() - most..], &b[b.len() - most..]);
        while !old.is_char_boundary(a.len() - tail) || !new.is_char_boundary(b.len() - tail) {
            tail -= 1;
        }
        Some(Splice {
            len: a.len(),
            at,
            del: a.len() - tail - at,
            ins: Cow::Borrowed(&new[at..b.len() - tail]),
        })
    }

    /// Makes the edit in `target`; `false` (and `target` unchanged) when
    /// `target` is not a text it fits.
    pub(crate) fn apply_to(&self, target: &mut String) -> bool {
        let fits = self.fits(target);
        if fits {
            target.replace_range(self.at..self.at + self.del, &self.ins);
        }
        fits
    }

    /// Whether `text` is a text the edit can be made to: as long as the
    /// text it was made to, with the edit's ends on character boundaries.
    pub(crate) fn fits(&self, text: &str) -> bool {
        text.len() == self.len
            && self.at.checked_add(self.del).is_some_and(|end| {
                end <= text.len() && text.is_char_boundary(self.at) && text.is_char_boundary(end)
            })
    }
}

/// How many bytes `a` and `b` start with in common.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    const STEP: usize = 64;
    let n = a.len().min(b.len());
    let mut i = 0;
    // Whole blocks first (compared as slices: a `memcmp`), then bytes.
    while i + STEP <= n && a[i..i + STEP] == b[i..i + STEP] {
        i += STEP;
    }
    while i < n && a[i] == b[i] {
        i += 1;
    }
    i
}

/// How many bytes `a` and `b` end with in common.
fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    const STEP: usize = 64;
    let n = a.len().min(b.len());
    let (a, b) = (&a[a.len() - n..], &b[b.len() - n..]);
    let mut i = 0;
    while i + STEP <= n && a[n - i - STEP..n - i] == b[n - i - STEP..n - i] {
        i += STEP;
    }
    while i < n && a[n - i - 1] == b[n - i - 1] {
        i += 1;
    }
    i
}

/// Which text of an interview a [`Text`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Field {
    Scratch,
    Summary,
    Notes(usize),
}

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
    pub(crate) index: usize,
    /// Not reached, asked or skipped.
    pub(crate) state: QuestionState,
    /// The rating label, if any.
    pub(crate) rating: Option<Cow<'a, str>>,
    /// Interview time of the first note.
    pub(crate) first_note_seconds: Option<u64>,
    /// The notes.
    pub notes: Text<'a>,
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
    pub(crate) revision: u64,
    /// The call's start: it changes once, when the call starts after
    /// waiting for the candidate.
    pub(crate) started_at: DateTime<FixedOffset>,
    /// When the interview was opened, which never changes: an entry never
    /// applies to another interview. Journals from before the waiting
    /// state lack it; the start tells them apart then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) opened_at: Option<DateTime<FixedOffset>>,
    /// In progress or completed.
    pub(crate) status: Status,
    /// When it was saved.
    pub(crate) updated_at: DateTime<FixedOffset>,
    /// When it was finished.
    pub(crate) ended_at: Option<DateTime<FixedOffset>>,
    /// Active interview time.
    pub(crate) elapsed_seconds: u64,
    /// Paused time.
    pub(crate) paused_seconds: u64,
    /// Whether the timer is paused.
    pub(crate) paused: bool,
    /// Every pause.
    pub(crate) pauses: Cow<'a, [Pause]>,
    /// The question on screen.
    pub(crate) current_question: usize,
    /// Active time per section.
    pub(crate) spent_seconds: Vec<u64>,
    /// The scratch note.
    pub(crate) scratch: Text<'a>,
    /// The recommendation (a draft while the finish form is open).
    pub(crate) recommendation: Option<Recommendation>,
    /// The summary.
    pub(crate) summary: Text<'a>,
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
                    notes: Text::Whole(Cow::Borrowed(&q.notes)),
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
            scratch: Text::Whole(Cow::Borrowed(&record.scratch)),
            recommendation: record.recommendation,
            summary: Text::Whole(Cow::Borrowed(&record.summary)),
            questions,
        }
    }

    /// The same entry owning its text, to send to another thread.
    pub(crate) fn into_owned(self) -> Entry<'static> {
        Entry {
            pauses: Cow::Owned(self.pauses.into_owned()),
            scratch: self.scratch.into_owned(),
            summary: self.summary.into_owned(),
            questions: self
                .questions
                .into_iter()
                .map(|q| QuestionEntry {
                    rating: q.rating.map(|r| Cow::Owned(r.into_owned())),
                    notes: q.notes.into_owned(),
                    ..q
                })
                .collect(),
            ..self
        }
    }

    /// Every text of the entry, with which text it is.
    fn texts(&self) -> impl Iterator<Item = (Field, &Text<'a>)> {
        [
            (Field::Scratch, &self.scratch),
            (Field::Summary, &self.summary),
        ]
        .into_iter()
        .chain(
            self.questions
                .iter()
                .map(|q| (Field::Notes(q.index), &q.notes)),
        )
    }

    /// Writes the entry into `record`, which must be the same interview with
    /// the same questions; on a mismatch nothing is changed and the reason is
    /// returned.
    pub(crate) fn apply(&self, record: &mut Record) -> Result<(), String> {
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
        // Every text is set on a copy first, so a misfit changes nothing.
        let misfit =
            |what: &str| format!("its edit of {what} does not fit the text it is applied to");
        let mut scratch = record.scratch.clone();
        let mut summary = record.summary.clone();
        if !self.scratch.apply_to(&mut scratch) {
            return Err(misfit("the scratch note"));
        }
        if !self.summary.apply_to(&mut summary) {
            return Err(misfit("the summary"));
        }
        let mut notes = Vec::with_capacity(self.questions.len());
        for q in &self.questions {
            let mut text = record
                .question(q.index)
                .map(|(_, q)| q.notes.clone())
                .unwrap_or_default();
            if !q.notes.apply_to(&mut text) {
                return Err(misfit(&format!("the notes of question {}", q.index)));
            }
            notes.push(text);
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
        record.scratch = scratch;
        record.recommendation = self.recommendation;
        record.summary = summary;
        for (q, text) in self.questions.iter().zip(notes) {
            if let Some(target) = record.question_mut(q.index) {
                target.state = q.state;
                target.rating = q.rating.as_deref().map(str::to_string);
                target.first_note_seconds = q.first_note_seconds;
                target.notes = text;
            }
        }
        Ok(())
    }
}

/// Appends entries to an interview's journal (an [`AppendLog`]).
#[derive(Debug)]
pub struct JournalWriter {
    log: AppendLog,
    /// Each text as the journal's lines leave it: what the next edit is
    /// made to. A text not here goes in whole.
    texts: HashMap<Field, String>,
    /// Bytes appended since the texts last went in whole.
    since_whole: u64,
}

impl JournalWriter {
    /// Creates (or empties) the journal of the interview file at `path`,
    /// readable by its owner alone and never through a symbolic link.
    pub fn create(path: &Path) -> io::Result<Self> {
        Ok(Self {
            log: AppendLog::create(&journal_path(path))?,
            texts: HashMap::new(),
            since_whole: 0,
        })
    }

    /// Whether the file was deleted or replaced since it was opened (appends
    /// would then go nowhere anyone can read).
    pub(crate) fn is_gone(&self) -> bool {
        self.log.is_gone()
    }

    /// Whether the journal's name still leads to the file being appended to
    /// (not deleted, replaced, or moved away with its folder): only then does
    /// a read of the interview file find what was appended.
    pub(crate) fn is_in_place(&self) -> bool {
        self.log.is_in_place()
    }

    /// Appends the changing fields of `record` as revision `revision`, with
    /// the questions at `changed` (flat indexes; ones out of range are left
    /// out): each text as the edit since the line before, or whole (see the
    /// module's comment). One line, one `write`.
    pub(crate) fn append_change(
        &mut self,
        record: &Record,
        revision: u64,
        changed: impl IntoIterator<Item = usize>,
    ) -> io::Result<()> {
        if self.since_whole > CHECKPOINT_BYTES {
            self.texts.clear();
        }
        let mut entry = Entry::of(record, revision, changed);
        let texts = &self.texts;
        let edit = |field: Field, text: &mut Text<'_>| {
            if let (Some(old), Text::Whole(Cow::Borrowed(new))) = (texts.get(&field), &*text) {
                *text = Text::Edit(Splice::between(old, new).unwrap_or(Splice {
                    len: old.len(),
                    at: old.len(),
                    del: 0,
                    ins: Cow::Borrowed(""),
                }));
            }
        };
        edit(Field::Scratch, &mut entry.scratch);
        edit(Field::Summary, &mut entry.summary);
        for q in &mut entry.questions {
            edit(Field::Notes(q.index), &mut q.notes);
        }
        self.append(&entry)
    }

    /// Appends `entry` as one line with a single `write`.
    pub fn append(&mut self, entry: &Entry) -> io::Result<()> {
        let line = self.log.prepare(entry)?;
        let written = self.log.write_line();
        let texts = &mut self.texts;
        let kept = written.is_ok()
            && entry.texts().all(|(field, text)| {
                let kept = text.apply_to(texts.entry(field).or_default());
                if !kept {
                    texts.remove(&field);
                }
                kept
            });
        if !kept {
            // Whatever was appended last, the next texts go in whole.
            self.texts.clear();
        }
        if entry.texts().all(|(_, text)| text.whole().is_some()) {
            self.since_whole = 0;
        }
        self.since_whole += line;
        written
    }

    /// Empties the journal once the interview file holds everything in it;
    /// the texts of the next line go in whole.
    pub(crate) fn clear(&mut self) -> io::Result<()> {
        if !self.log.is_empty() {
            self.texts.clear();
            self.since_whole = 0;
            self.log.clear()?;
        }
        Ok(())
    }

    /// Removes the journal file (a clean exit, or before replacing it).
    pub(crate) fn remove(self) -> io::Result<()> {
        self.log.remove()
    }
}

/// The newest state in the journal of the interview file at `path`, as an
/// entry whose texts are all whole, if there is a journal and any of its
/// lines can be read.
///
/// Never follows a symbolic link, reads only regular files, and reads at most
/// the last 64 MiB (the newest entries are at the end).
pub fn read_latest(path: &Path) -> Option<Entry<'static>> {
    let (bytes, _) = applog::read_tail(&journal_path(path), MAX_READ_BYTES).ok()??;
    replay(&bytes)
}

/// The newest state the lines of a journal (`bytes`) give, its texts whole.
///
/// The lines are replayed in order. A line that does not parse is skipped;
/// a line is applied only when each of its edits follows on from the line
/// applied before it (the next revision) and fits the text it is made to,
/// else it is skipped too, and the lines after it count only from a line
/// whose texts are whole.
pub(crate) fn replay(bytes: &[u8]) -> Option<Entry<'static>> {
    let mut texts: HashMap<Field, String> = HashMap::new();
    let mut applied: Option<Entry<'static>> = None;
    for line in bytes.split(|&b| b == b'\n').filter(|line| !line.is_empty()) {
        let Ok(entry) = serde_json::from_slice::<Entry>(line) else {
            continue;
        };
        let follows = applied
            .as_ref()
            .is_some_and(|last| last.revision.checked_add(1) == Some(entry.revision));
        let fits = entry.texts().all(|(field, text)| match text {
            Text::Whole(_) => true,
            Text::Edit(splice) => follows && texts.get(&field).is_some_and(|old| splice.fits(old)),
        });
        if !fits {
            continue;
        }
        for (field, text) in entry.texts() {
            let kept = text.apply_to(texts.entry(field).or_default());
            debug_assert!(kept, "checked above");
        }
        applied = Some(entry.into_owned());
    }
    // The newest applied line, its texts as the lines up to it leave them.
    let mut latest = applied?;
    let mut whole =
        |field: Field| Text::Whole(Cow::Owned(texts.remove(&field).unwrap_or_default()));
    latest.scratch = whole(Field::Scratch);
    latest.summary = whole(Field::Summary);
    for q in &mut latest.questions {
        q.notes = whole(Field::Notes(q.index));
    }
    Some(latest)
}

/// Brings `record` (read from the file at `path`) up to date with its
/// journal, when the journal holds a newer revision of the same interview.
/// Returns whether anything was applied.
pub(crate) fn catch_up(path: &Path, record: &mut Record) -> bool {
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
    use std::fs;
    use std::io::Write;

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
        let mode = fs::metadata(journal_path(&path))
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
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
        fs::remove_file(journal_path(&path)).unwrap();
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

    /// The journal's lines, as written.
    fn journal_bytes(path: &Path) -> Vec<u8> {
        fs::read(journal_path(path)).unwrap()
    }

    /// Sets the notes of question `index`, as typing does.
    fn type_notes(record: &mut Record, index: usize, notes: &str) {
        record.question_mut(index).unwrap().notes = notes.to_string();
    }

    #[test]
    fn a_keystroke_appends_the_edit_not_the_notes() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("a.yaml");
        let mut record = sample_record(4, 0);
        let long = "a line of notes\n".repeat(10_000);
        type_notes(&mut record, 1, &long);
        let mut journal = JournalWriter::create(&path).unwrap();
        journal.append_change(&record, 1, [1]).unwrap();
        let first = journal_bytes(&path).len();
        assert!(first > long.len(), "the first line has the notes whole");
        // A key in the middle of them.
        let mut typed = long.clone();
        typed.insert(long.len() / 2, 'x');
        type_notes(&mut record, 1, &typed);
        journal.append_change(&record, 2, [1]).unwrap();
        let added = journal_bytes(&path).len() - first;
        assert!(added < 1000, "a key appended {added} bytes");
        let latest = read_latest(&path).unwrap();
        assert_eq!(latest.revision, 2);
        assert_eq!(latest.questions[0].notes, typed.as_str());
        // Emptied once the file holds it all: the next line is whole again.
        journal.clear().unwrap();
        typed.push('y');
        type_notes(&mut record, 1, &typed);
        journal.append_change(&record, 3, [1]).unwrap();
        assert!(journal_bytes(&path).len() > typed.len());
        assert_eq!(
            read_latest(&path).unwrap().questions[0].notes,
            typed.as_str()
        );
    }

    #[test]
    fn the_texts_go_in_whole_again_after_a_checkpoint_s_worth_of_edits() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("a.yaml");
        let mut record = sample_record(2, 0);
        let mut journal = JournalWriter::create(&path).unwrap();
        let mut notes = String::new();
        let mut revision = 0;
        while (journal_bytes(&path).len() as u64) < 2 * CHECKPOINT_BYTES {
            notes.push_str(&"é".repeat(1000));
            type_notes(&mut record, 0, &notes);
            revision += 1;
            journal.append_change(&record, revision, [0]).unwrap();
        }
        // Everything from the last whole line on is enough to read it back.
        let bytes = journal_bytes(&path);
        let lines: Vec<&[u8]> = bytes
            .split(|&b| b == b'\n')
            .filter(|l| !l.is_empty())
            .collect();
        let last_whole = lines
            .iter()
            .rposition(|line| {
                let entry = serde_json::from_slice::<Entry>(line).unwrap();
                entry.questions[0].notes.whole().is_some()
            })
            .unwrap();
        assert!(last_whole > 0, "a checkpoint after the first line");
        let tail = &lines[last_whole..];
        let latest = replay(&tail.join(&b'\n')).unwrap();
        assert_eq!(latest.questions[0].notes, notes.as_str());
        assert_eq!(latest.revision, revision);
    }

    #[test]
    fn an_edit_that_does_not_follow_on_is_never_applied() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("a.yaml");
        let mut record = sample_record(2, 0);
        let mut journal = JournalWriter::create(&path).unwrap();
        type_notes(&mut record, 0, "one");
        journal.append_change(&record, 1, [0]).unwrap();
        type_notes(&mut record, 0, "one two");
        journal.append_change(&record, 2, [0]).unwrap();
        let good = journal_bytes(&path);
        type_notes(&mut record, 0, "one two three");
        journal.append_change(&record, 3, [0]).unwrap();
        type_notes(&mut record, 0, "one two three four");
        journal.append_change(&record, 4, [0]).unwrap();
        let all = journal_bytes(&path);
        let lines: Vec<&[u8]> = all
            .split(|&b| b == b'\n')
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(lines.len(), 4);
        // Line 3 cut in the middle (a full disk): line 4's edit was made to
        // "one two three", and must not be made to "one two".
        let mut cut = good.clone();
        cut.extend_from_slice(b"\n");
        cut.extend_from_slice(&lines[2][..lines[2].len() / 2]);
        cut.extend_from_slice(b"\n");
        cut.extend_from_slice(lines[3]);
        let latest = replay(&cut).unwrap();
        assert_eq!(
            (latest.revision, latest.questions[0].notes.whole()),
            (2, Some("one two"))
        );
        // The same edit with the revision that would follow: its length
        // tells it was made to another text.
        let mut renumbered: Entry = serde_json::from_slice(lines[3]).unwrap();
        renumbered.revision = 3;
        let mut bytes = good.clone();
        bytes.extend_from_slice(&serde_json::to_vec(&renumbered).unwrap());
        assert_eq!(replay(&bytes).unwrap().revision, 2);
        // A whole line after the gap starts over.
        journal.clear().unwrap();
        journal.append_change(&record, 9, [0]).unwrap();
        let mut restart = cut.clone();
        restart.extend_from_slice(&journal_bytes(&path));
        let latest = replay(&restart).unwrap();
        assert_eq!(latest.revision, 9);
        assert_eq!(latest.questions[0].notes, "one two three four");
        // An edit as the first line has nothing to be made to.
        assert_eq!(replay(lines[3]), None);
    }

    #[test]
    fn a_journal_of_whole_texts_from_before_edits_still_reads() {
        let record = sample_record(2, 0);
        let mut line = serde_json::to_value(Entry::of(&record, 4, [1])).unwrap();
        line["questions"][0]["notes"] = serde_json::Value::String("typed before".into());
        line["scratch"] = serde_json::Value::String("a scratch".into());
        let latest = replay(line.to_string().as_bytes()).unwrap();
        assert_eq!(latest.questions[0].notes, "typed before");
        assert_eq!(latest.scratch, "a scratch");
    }

    #[test]
    fn a_splice_is_the_change_between_two_texts() {
        let cases = [
            ("", "a", Some((0, 0, 0, "a"))),
            ("abc", "abc", None),
            ("abc", "abxc", Some((3, 2, 0, "x"))),
            ("abcabc", "abc", Some((6, 3, 3, ""))),
            // Characters are never cut: é and ê share their first byte.
            ("é", "ê", Some((2, 0, 2, "ê"))),
            ("aéb", "aêb", Some((4, 1, 2, "ê"))),
        ];
        for (old, new, want) in cases {
            let got = Splice::between(old, new).map(|s| (s.len, s.at, s.del, s.ins.into_owned()));
            assert_eq!(
                got,
                want.map(|(l, a, d, i)| (l, a, d, i.to_string())),
                "{old:?} → {new:?}"
            );
        }
        let mut text = "aé".to_string();
        let inside = Splice {
            len: 3,
            at: 2,
            del: 0,
            ins: Cow::Borrowed("x"),
        };
        assert!(!inside.apply_to(&mut text), "inside é");
        let past = Splice {
            len: 3,
            at: 3,
            del: usize::MAX,
            ins: Cow::Borrowed("x"),
        };
        assert!(!past.apply_to(&mut text));
        assert_eq!(text, "aé");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        /// Replaying the journal gives the newest texts; a journal cut
        /// anywhere (a crash mid-write) gives the texts of its last whole line.
        #[test]
        fn replaying_the_edits_gives_the_texts_typed(
            steps in proptest::collection::vec(
                (0usize..3, 0usize..40, 0usize..6, "[a-c é🙂\n\"\\\\]{0,5}", proptest::bool::ANY),
                1..40,
            ),
            cut_at in 0usize..1_000_000,
        ) {
            let tmp = tempfile::tempdir().unwrap();
            let path = tmp.path().join("a.yaml");
            let mut record = sample_record(3, 0);
            let mut journal = JournalWriter::create(&path).unwrap();
            let mut states = Vec::new();
            let mut ends = Vec::new();
            for (revision, (field, at, del, ins, clear)) in steps.into_iter().enumerate() {
                let revision = revision as u64 + 1;
                if clear {
                    journal.clear().unwrap();
                    ends.clear();
                    states.clear();
                }
                let text = match field {
                    0 => &mut record.scratch,
                    1 => &mut record.summary,
                    _ => &mut record.question_mut(2).unwrap().notes,
                };
                let mut at = at.min(text.len());
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                let mut end = (at + del).min(text.len());
                while !text.is_char_boundary(end) {
                    end += 1;
                }
                text.replace_range(at..end, &ins);
                journal.append_change(&record, revision, [2]).unwrap();
                ends.push(journal_bytes(&path).len());
                states.push((revision, record.scratch.clone(), record.summary.clone(),
                    record.question(2).unwrap().1.notes.clone()));
            }
            let texts = |e: Entry| (e.revision, e.scratch.whole().unwrap().to_string(),
                e.summary.whole().unwrap().to_string(),
                e.questions[0].notes.whole().unwrap().to_string());
            let bytes = journal_bytes(&path);
            proptest::prop_assert_eq!(Some(texts(read_latest(&path).unwrap())), states.last().cloned());
            let cut = cut_at % (bytes.len() + 1);
            // Lines end with a line break: one cut just before it is whole.
            let whole_lines = ends.iter().filter(|&&end| end <= cut + 1).count();
            let want = whole_lines.checked_sub(1).map(|i| states[i].clone());
            proptest::prop_assert_eq!(replay(&bytes[..cut]).map(texts), want);
        }
    }
}
