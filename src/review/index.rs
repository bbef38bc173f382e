//! The archive index: what the review list and its filter need from every
//! saved interview, kept in one file beside the sessions so that opening the
//! archive does not mean reading and parsing every interview again.
//!
//! It is never trusted blindly: each refresh lists the sessions folder and
//! compares every file's size and modification time (and its crash
//! journal's) with what the index recorded; a file added, changed or
//! deleted outside phonescreen is read again or dropped. A missing, damaged
//! or older-format index is rebuilt from the files. The index holds
//! personal data like the files it summarises: it is written 0600, and
//! atomically.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::query::{Query, fold};
use crate::interview::record::{QuestionState, Recommendation, Record, Status};
use crate::store;

/// The index file's name in the sessions folder (a dotfile: listings skip it).
pub const INDEX_FILE: &str = ".review-index.json";
/// Beside it, the searchable text of every interview, one after another:
/// raw text reads back many times faster than the same text as JSON
/// strings, and it is most of the index.
pub const TEXT_FILE: &str = ".review-index.text";

/// Bumped whenever what an [`Item`] holds changes; an index of another
/// version is rebuilt.
const INDEX_VERSION: u32 = 5;

/// Size and modification time of a file, to notice changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    /// Bytes.
    pub size: u64,
    /// Nanoseconds since 1970 (0 when unknown).
    pub modified_ns: u128,
}

impl Stamp {
    fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::symlink_metadata(path).ok()?;
        let modified_ns = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        Some(Stamp {
            size: meta.len(),
            modified_ns,
        })
    }
}

/// What the review list shows of one interview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// Candidate's name.
    pub candidate: String,
    /// Role interviewed for.
    pub role: String,
    /// The bank's name.
    pub bank: String,
    /// The bank's key.
    pub bank_key: String,
    /// The bank's saved SHA-256.
    pub bank_hash: String,
    /// Interviewer's name.
    pub interviewer: String,
    /// When it started.
    pub started_at: DateTime<FixedOffset>,
    /// When it was last saved.
    pub updated_at: DateTime<FixedOffset>,
    /// In progress or completed.
    pub status: Status,
    /// The recommendation, once made.
    pub recommendation: Option<Recommendation>,
    /// When it was last amended after the call, if it was.
    #[serde(default)]
    pub amended_at: Option<DateTime<FixedOffset>>,
    /// Active interview time.
    pub elapsed_seconds: u64,
    /// Questions in all.
    pub question_count: usize,
    /// Questions asked.
    pub asked_count: usize,
}

impl Summary {
    fn of(record: &Record) -> Self {
        let questions = || record.sections.iter().flat_map(|s| &s.questions);
        Summary {
            candidate: record.candidate.clone(),
            role: record.role.clone(),
            bank: record.bank.name.clone(),
            bank_key: record.bank.key.clone(),
            bank_hash: record.bank.hash.clone(),
            interviewer: record.interviewer.clone(),
            started_at: record.started_at,
            updated_at: record.updated_at,
            status: record.status,
            recommendation: record.recommendation,
            amended_at: record.amended_at,
            elapsed_seconds: record.elapsed_seconds,
            question_count: questions().count(),
            asked_count: questions()
                .filter(|q| q.state == QuestionState::Asked)
                .count(),
        }
    }
}

/// One saved interview in the index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// The interview id: the file stem.
    pub id: String,
    /// The file: in the sessions folder, or a rescue copy `Esc w` saved
    /// elsewhere when that is the newer one.
    pub path: PathBuf,
    /// The file's stamp when it was read.
    pub file: Stamp,
    /// Its crash journal's, if it had one.
    pub journal: Option<Stamp>,
    /// The summary, or why the file could not be read.
    pub summary: Result<Summary, String>,
    /// What the filter searches: candidate, role, bank, interviewer,
    /// summary, scratch note and every question's notes, one per line.
    /// Kept in [`TEXT_FILE`], not in the JSON.
    #[serde(skip)]
    pub text: String,
}

impl Item {
    fn read(path: &Path, id: String, file: Stamp, journal: Option<Stamp>) -> Item {
        match store::load(path) {
            Ok(record) => Item {
                id,
                path: path.to_path_buf(),
                file,
                journal,
                text: searchable_text(&record),
                summary: Ok(Summary::of(&record)),
            },
            Err(err) => Item {
                id,
                path: path.to_path_buf(),
                file,
                journal,
                summary: Err(err.problem.to_string()),
                text: String::new(),
            },
        }
    }
}

/// Lines of [`searchable_text`] that the list shows in columns anyway.
const HEADER_LINES: usize = 5;

/// The text a filter looks in, one field per line: the [`HEADER_LINES`]
/// always (candidate, role, bank, bank key, interviewer), then the summary,
/// the scratch note and each question's notes when not blank.
fn searchable_text(record: &Record) -> String {
    let mut text = String::new();
    for (i, field) in [
        &record.candidate,
        &record.role,
        &record.bank.name,
        &record.bank.key,
        &record.interviewer,
        &record.summary,
        &record.scratch,
    ]
    .into_iter()
    .chain(
        record
            .sections
            .iter()
            .flat_map(|s| s.questions.iter().map(|q| &q.notes)),
    )
    .enumerate()
    {
        if i < HEADER_LINES || !field.trim().is_empty() {
            // A line break inside a field stays (notes have them); a header
            // field is one line so the header's end can be found.
            if i < HEADER_LINES {
                text.push_str(&field.replace('\n', " "));
            } else {
                text.push_str(field);
            }
            text.push('\n');
        }
    }
    text
}

#[derive(Serialize, Deserialize)]
struct IndexFile {
    version: u32,
    /// Also the first line of the text file: the two were written together.
    generation: String,
    items: Vec<Item>,
    /// The length in bytes of each item's text in the text file.
    text_lengths: Vec<usize>,
}

/// Every saved interview, newest first, with its searchable text.
#[derive(Debug, Default, Clone)]
pub struct Archive {
    /// Interviews that could be read, newest first; then damaged files.
    pub items: Vec<Item>,
    /// The sessions folder.
    pub dir: PathBuf,
    folded: Vec<String>,
}

/// How a refresh went.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Refreshed {
    /// Files read again (new or changed since the index).
    pub read: usize,
    /// Files taken from the index unchanged.
    pub reused: usize,
    /// Index entries dropped (their files are gone).
    pub dropped: usize,
    /// Why the index could not be saved, if it could not (it is only a cache).
    pub save_problem: Option<String>,
}

impl Archive {
    /// Brings the index of `sessions_dir` up to date with the files and
    /// returns the archive. `progress(done, total)` is called as files are
    /// read (only files that changed are read).
    pub fn refresh(
        sessions_dir: &Path,
        mut progress: impl FnMut(usize, usize),
    ) -> (Archive, Refreshed) {
        let index_path = sessions_dir.join(INDEX_FILE);
        let mut known: HashMap<String, Item> = read_index(&index_path)
            .into_iter()
            .map(|item| (item.id.clone(), item))
            .collect();
        let found = store::files(sessions_dir);
        let mut report = Refreshed::default();
        let mut items = Vec::with_capacity(found.files.len());
        let mut stale = Vec::new();
        for (path, has_journal) in &found.files {
            let id = store::session_id(path);
            let Some(file) = Stamp::of(path) else {
                continue;
            };
            let journal = if *has_journal {
                Stamp::of(&store::journal::journal_path(path))
            } else {
                None
            };
            match known.remove(&id) {
                Some(item)
                    if item.path == *path && item.file == file && item.journal == journal =>
                {
                    report.reused += 1;
                    items.push(item);
                }
                _ => stale.push((path.clone(), id, file, journal)),
            }
        }
        report.dropped = known.len();
        let total = stale.len();
        for (done, (path, id, file, journal)) in stale.into_iter().enumerate() {
            items.push(Item::read(&path, id, file, journal));
            progress(done + 1, total);
        }
        report.read = total;
        sort(&mut items);
        if report.read > 0 || report.dropped > 0 {
            report.save_problem = save_index(&index_path, &items).err();
        }
        let folded = items.iter().map(|i| fold(&i.text)).collect();
        let archive = Archive {
            items,
            dir: sessions_dir.to_path_buf(),
            folded,
        };
        (archive, report)
    }

    /// The file of the item at `index`.
    pub fn path(&self, index: usize) -> &Path {
        &self.items[index].path
    }

    /// Takes the item at `index` out, when its interview was deleted: the
    /// items after it move up one.
    pub fn remove(&mut self, index: usize) -> Item {
        self.folded.remove(index);
        self.items.remove(index)
    }

    /// Indexes of the items that match `query`, in list order, looking only
    /// at `within` when given (the matches of a shorter query that this one
    /// extends, so typing narrows without searching everything again).
    pub fn filter(&self, query: &Query, within: Option<&[usize]>) -> Vec<usize> {
        let matches = |i: &usize| {
            let item = &self.items[*i];
            item.summary.is_ok() && query.matches_folded(&self.folded[*i])
        };
        match within {
            Some(within) => within.iter().copied().filter(matches).collect(),
            None => (0..self.items.len()).filter(matches).collect(),
        }
    }

    /// The first match of `query` in the item's text, with up to `around`
    /// characters of context either side on the same line: `(before, match,
    /// after)`. `None` when the query is empty or matches nowhere.
    pub fn context(
        &self,
        index: usize,
        query: &Query,
        around: usize,
    ) -> Option<(String, String, String)> {
        let folded = &self.folded[index];
        // Prefer a match below the fields the list shows in columns anyway.
        let header_end = folded
            .match_indices('\n')
            .nth(HEADER_LINES - 1)
            .map_or(0, |(i, _)| i + 1);
        let (start, end) = query.first_match(folded, header_end)?;
        let text = &self.items[index].text;
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
        let before: String = {
            let b: Vec<char> = text[line_start..start].chars().collect();
            let skip = b.len().saturating_sub(around);
            let mut s: String = b[skip..].iter().collect();
            if skip > 0 {
                s.insert(0, '…');
            }
            s
        };
        let after: String = {
            let a: Vec<char> = text[end..line_end].chars().collect();
            let mut s: String = a.iter().take(around).collect();
            if a.len() > around {
                s.push('…');
            }
            s
        };
        Some((before, text[start..end].to_string(), after))
    }
}

/// Every saved interview as `sessions list` shows it, from the index
/// (brought up to date first, see [`Archive::refresh`]): newest first, and
/// the files that could not be read with the reason.
pub fn listing(sessions_dir: &Path, progress: impl FnMut(usize, usize)) -> store::Listing {
    let (archive, _) = Archive::refresh(sessions_dir, progress);
    let mut listing = store::Listing::default();
    let found = store::files(sessions_dir);
    listing.problems.extend(found.problem);
    for item in archive.items {
        match item.summary {
            Ok(s) => listing.sessions.push(store::SessionSummary {
                id: item.id,
                path: item.path,
                candidate: s.candidate,
                role: s.role,
                interviewer: s.interviewer,
                bank: s.bank,
                started_at: s.started_at,
                updated_at: s.updated_at,
                status: s.status,
                recommendation: s.recommendation,
                elapsed_seconds: s.elapsed_seconds,
                question_count: Some(s.question_count),
                asked_count: Some(s.asked_count),
            }),
            Err(why) => listing.problems.push((item.path, why)),
        }
    }
    store::sort_newest_first(&mut listing.sessions);
    listing.problems.sort();
    listing
}

/// Drops the interviews `ids` from the index of `sessions_dir` at once
/// (their files were deleted: the index holds their notes too).
pub fn forget(sessions_dir: &Path, ids: &[String]) -> Result<(), String> {
    let path = sessions_dir.join(INDEX_FILE);
    let mut items = read_index(&path);
    let before = items.len();
    items.retain(|item| !ids.contains(&item.id));
    if items.len() == before {
        return Ok(());
    }
    // Writing it smaller needs room (a full disk may have none); removing
    // it does not, and it is rebuilt from the files. Either way no text of
    // the interviews deleted is kept.
    save_index(&path, &items).or_else(|why| {
        for file in [text_path(&path), path.clone()] {
            match std::fs::remove_file(&file) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(format!("{why}; nor can it be removed: {e}")),
            }
        }
        Ok(())
    })
}

/// Newest first; damaged files (no start time) last, by id.
fn sort(items: &mut [Item]) {
    items.sort_by(|a, b| match (&a.summary, &b.summary) {
        (Ok(x), Ok(y)) => y
            .started_at
            .cmp(&x.started_at)
            .then_with(|| b.id.cmp(&a.id)),
        (Ok(_), Err(_)) => std::cmp::Ordering::Less,
        (Err(_), Ok(_)) => std::cmp::Ordering::Greater,
        (Err(_), Err(_)) => a.id.cmp(&b.id),
    });
}

/// The items of the index at `path`, their texts from [`TEXT_FILE`]
/// beside it; none when either is missing, damaged, of another version or
/// not written with the other (the index is rebuilt then).
fn read_index(path: &Path) -> Vec<Item> {
    // Never a FIFO or a device planted at its name: `sessions list` and the
    // launcher read it before anything else.
    let Ok(bytes) = crate::fsread::read_regular(path) else {
        return Vec::new();
    };
    let Ok(index) = serde_json::from_slice::<IndexFile>(&bytes) else {
        return Vec::new();
    };
    if index.version != INDEX_VERSION || index.items.len() != index.text_lengths.len() {
        return Vec::new();
    }
    let Ok(text) = crate::fsread::read_regular(&text_path(path)).map(String::from_utf8) else {
        return Vec::new();
    };
    let Ok(text) = text else {
        return Vec::new();
    };
    let Some(mut rest) = text
        .strip_prefix(index.generation.as_str())
        .and_then(|t| t.strip_prefix('\n'))
    else {
        return Vec::new();
    };
    let mut items = index.items;
    for (item, &len) in items.iter_mut().zip(&index.text_lengths) {
        let (Some(mine), Some(after)) = (rest.get(..len), rest.get(len..)) else {
            return Vec::new();
        };
        item.text = mine.to_string();
        rest = after;
    }
    if !rest.is_empty() {
        return Vec::new();
    }
    items
}

fn text_path(index: &Path) -> PathBuf {
    index.with_file_name(TEXT_FILE)
}

fn save_index(path: &Path, items: &[Item]) -> Result<(), String> {
    #[derive(Serialize)]
    struct Out<'a> {
        version: u32,
        generation: &'a str,
        items: &'a [Item],
        text_lengths: Vec<usize>,
    }
    let nanos = std::time::SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let generation = format!("{nanos:x}-{:x}", std::process::id());
    let mut text = String::with_capacity(items.iter().map(|i| i.text.len()).sum::<usize>() + 64);
    text.push_str(&generation);
    text.push('\n');
    for item in items {
        text.push_str(&item.text);
    }
    let bytes = serde_json::to_vec(&Out {
        version: INDEX_VERSION,
        generation: &generation,
        items,
        text_lengths: items.iter().map(|i| i.text.len()).collect(),
    })
    .map_err(|e| e.to_string())?;
    // The text first: an index naming a generation whose text is not there
    // yet would be read as damaged (and rebuilt), never as wrong.
    store::write_atomic(&text_path(path), text.as_bytes(), false).map_err(|e| e.to_string())?;
    store::write_atomic(path, &bytes, false).map_err(|e| e.to_string())
}

#[cfg(test)]
#[path = "index_tests.rs"]
mod tests;
