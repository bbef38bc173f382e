//! The archive index: what the review list, its filter, `compare`, `report`
//! and the launcher need from every saved interview, kept beside the
//! sessions so that opening the archive does not parse every file again.
//! Never trusted blindly: each refresh compares every file's [`Stamp`] with
//! the recorded one and rereads what changed. Written 0600, atomically.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::facts::{Facts, Interner};
use super::in_order::map_in_order;
use super::query::{Query, fold};
use crate::store;

mod disk;
mod stamp;
mod summary;

use disk::{NewText, Stored, Window};
pub(crate) use stamp::Stamp;
pub(crate) use summary::Summary;
use summary::{HEADER_LINES, searchable_text};

/// Held while an index is brought up to date or rewritten. Two at once in
/// one phonescreen (the launcher's list and the review screen, started
/// together) would each write a text file and then an index naming its
/// own, and the last text file need not be the last index's: that index
/// would be rebuilt, all of it, next time. The second now waits, then
/// finds the index up to date.
static WRITING: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Takes [`WRITING`]; a panic while it was held leaves nothing to undo.
fn writing() -> std::sync::MutexGuard<'static, ()> {
    WRITING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The index file's name in the sessions folder (a dotfile: listings skip it).
pub const INDEX_FILE: &str = ".review-index.json";
/// Beside it, the searchable text and the facts of every interview, one
/// after another: raw text reads back many times faster than the same text
/// as JSON strings, and it is most of the index.
pub const TEXT_FILE: &str = ".review-index.text";

/// One saved interview in the index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Item {
    /// The interview id: the file stem.
    pub(crate) id: String,
    /// The file: in the sessions folder, or a rescue copy `Esc w` saved
    /// elsewhere when that is the newer one.
    pub(crate) path: PathBuf,
    /// The file's stamp when it was read.
    pub(crate) file: Stamp,
    /// Its crash journal's, if it had one.
    pub(crate) journal: Option<Stamp>,
    /// The summary, or why the file could not be read.
    pub(crate) summary: Result<Summary, String>,
    /// Where its searchable text (candidate, role, bank, interviewer,
    /// summary, scratch note and every question's notes, one per line) and
    /// its facts are.
    stored: Stored,
}

impl Item {
    /// Reads the interview at `path`: the item, its searchable text and
    /// its facts as JSON (empty when it could not be read).
    fn read(
        path: &Path,
        id: String,
        file: Stamp,
        journal: Option<Stamp>,
    ) -> (Item, String, Vec<u8>) {
        let (summary, text, facts) = match store::load(path) {
            Ok(record) => (
                Ok(Summary::of(&record)),
                searchable_text(&record),
                // Facts are strings, numbers and lists: nothing JSON cannot
                // write. Were it to fail, compare reads the file instead.
                serde_json::to_vec(&Facts::of(&record)).unwrap_or_default(),
            ),
            Err(err) => (Err(err.problem.to_string()), String::new(), Vec::new()),
        };
        let item = Item {
            id,
            path: path.to_path_buf(),
            file,
            journal,
            summary,
            stored: Stored::held("", &[]),
        };
        (item, text, facts)
    }
}

/// Whether the interview of `item`, now stamped `file` (and its journal
/// `journal`), is the one indexed; with the stamps to keep when it is.
fn unchanged(item: &Item, file: &Stamp, journal: Option<&Stamp>) -> Option<(Stamp, Option<Stamp>)> {
    let file = Stamp::unchanged(&item.file, file, &item.path)?;
    let journal = match (&item.journal, journal) {
        (None, None) => None,
        (Some(was), Some(is)) => Some(Stamp::unchanged(
            was,
            is,
            &store::journal::journal_path(&item.path),
        )?),
        _ => return None,
    };
    Some((file, journal))
}

/// Every saved interview, newest first; their texts and facts are read
/// from the index's text file when needed.
#[derive(Debug, Default, Clone)]
pub struct Archive {
    /// Interviews that could be read, newest first; then damaged files.
    pub(crate) items: Vec<Item>,
    /// The sessions folder.
    pub(crate) dir: PathBuf,
    /// The sessions folder, when it could not be read, with the reason.
    pub(crate) problem: Option<(PathBuf, String)>,
}

/// How a refresh went.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Refreshed {
    /// Files read again (new or changed since the index).
    pub read: usize,
    /// Files taken from the index unchanged.
    pub reused: usize,
    /// Index entries dropped (their files are gone).
    pub(crate) dropped: usize,
    /// Why the index could not be saved, if it could not (it is only a cache).
    pub(crate) save_problem: Option<String>,
}

impl Archive {
    /// Brings the index of `sessions_dir` up to date with the files and
    /// returns the archive. `progress(done, total)` is called as files are
    /// read (only files that changed are read).
    pub fn refresh(
        sessions_dir: &Path,
        progress: impl FnMut(usize, usize),
    ) -> (Archive, Refreshed) {
        Archive::refresh_with(sessions_dir, progress, |_| {})
    }

    /// [`Archive::refresh`], handing each file read to `fresh` as soon as
    /// it is read (newest first by name), before the archive is complete:
    /// the launcher offers an interrupted interview without waiting for
    /// thousands of others to be indexed. Neither `fresh` nor `progress`
    /// may refresh or rewrite an index: one refresh at a time runs.
    pub(crate) fn refresh_with(
        sessions_dir: &Path,
        mut progress: impl FnMut(usize, usize),
        mut fresh: impl FnMut(&Item),
    ) -> (Archive, Refreshed) {
        let _writing = writing();
        let index_path = sessions_dir.join(INDEX_FILE);
        let found = store::files(sessions_dir);
        let cap = disk::cap(found.files.iter().map(|(path, _)| path.as_path()));
        let (known, generation) = match disk::read(&index_path, cap) {
            Some(loaded) => (loaded.items, Some(loaded.generation)),
            None => (Vec::new(), None),
        };
        // Taken out of their slots as their files are found: the entries
        // are never copied into a second table.
        let place: HashMap<String, usize> = known
            .iter()
            .enumerate()
            .map(|(i, item)| (item.id.clone(), i))
            .collect();
        let mut known: Vec<Option<Item>> = known.into_iter().map(Some).collect();
        let mut report = Refreshed::default();
        let mut items = Vec::with_capacity(found.files.len());
        let mut stale = Vec::new();
        // A racy stamp checked by content and stamped again: the index is
        // worth writing, so the next refresh need not hash it again.
        let mut restamped = false;
        for (path, has_journal) in &found.files {
            let id = store::session_id(path);
            let Some(file) = Stamp::observe(path) else {
                continue;
            };
            let journal = if *has_journal {
                Stamp::observe(&store::journal::journal_path(path))
            } else {
                None
            };
            match place.get(&id).and_then(|&i| known[i].take()) {
                Some(mut item) if item.path == *path => {
                    match unchanged(&item, &file, journal.as_ref()) {
                        Some((file, journal)) => {
                            restamped |= file != item.file || journal != item.journal;
                            item.file = file;
                            item.journal = journal;
                            report.reused += 1;
                            items.push(item);
                        }
                        None => stale.push((path.clone(), id, file, journal)),
                    }
                }
                _ => stale.push((path.clone(), id, file, journal)),
            }
        }
        report.dropped = known.iter().flatten().count();
        drop(known);

        let total = stale.len();
        let changed = total > 0 || report.dropped > 0;
        let problem = |e: std::io::Error| {
            format!(
                "cannot write the review index {}: {e}; it is read again from the interviews next time",
                index_path.display()
            )
        };
        let mut out = None;
        if changed {
            match NewText::create(&index_path) {
                Ok(text) => out = Some(text),
                Err(e) => report.save_problem = Some(problem(e)),
            }
        }
        // Read on every core (parsing is nearly all the work of a cold
        // index), handled here one at a time, newest first by name.
        let read = |(path, id, file, journal): &(PathBuf, String, Stamp, Option<Stamp>)| {
            let file = file.clone().hashed_if_racy(path);
            let journal = journal
                .clone()
                .map(|j| j.hashed_if_racy(&store::journal::journal_path(path)));
            Item::read(path, id.clone(), file, journal)
        };
        let mut done = 0;
        let handled: Result<(), std::convert::Infallible> =
            map_in_order(&stale, read, |(mut item, text, facts)| {
                // Written out as it is read: a cold index of thousands is
                // never held in memory. Past a failed write, what is read is
                // held.
                item.stored = match out.as_mut().map(|out| out.add(&text, &facts)) {
                    Some(Ok(stored)) => stored,
                    Some(Err(e)) => {
                        report.save_problem = Some(problem(e));
                        out = None;
                        Stored::held(&text, &facts)
                    }
                    None => Stored::held(&text, &facts),
                };
                fresh(&item);
                items.push(item);
                done += 1;
                progress(done, total);
                Ok(())
            });
        let Ok(()) = handled;
        drop(stale);
        report.read = total;
        sort(&mut items);
        if let Some(mut out) = out {
            let written = out
                .take_in(items.iter_mut())
                .and_then(|()| out.finish(&index_path, &mut items));
            if let Err(e) = written {
                report.save_problem = Some(problem(e));
            }
        } else if restamped
            && !changed
            && let Some(generation) = &generation
        {
            // Only stamps changed: the text file stays as it is.
            if let Err(e) = disk::write_index(&index_path, generation, &items) {
                report.save_problem = Some(problem(e));
            }
        }
        let archive = Archive {
            items,
            dir: sessions_dir.to_path_buf(),
            problem: found.problem,
        };
        (archive, report)
    }

    /// The file of the item at `index`.
    pub(crate) fn path(&self, index: usize) -> &Path {
        &self.items[index].path
    }

    /// Takes the item at `index` out, when its interview was deleted: the
    /// items after it move up one.
    pub(crate) fn remove(&mut self, index: usize) -> Item {
        self.items.remove(index)
    }

    /// Indexes of the items that match `query`, in list order, looking only
    /// at `within` when given (the matches of a shorter query that this one
    /// extends, so typing narrows without searching everything again).
    ///
    /// The texts are read from the index's text file as they are searched,
    /// never kept: the list of ten thousand interviews stays small.
    pub fn filter(&self, query: &Query, within: Option<&[usize]>) -> Vec<usize> {
        // Searching most of the archive reads the texts in long runs; a
        // few matches spread over it are read one by one.
        let mut window = match within {
            Some(within) if within.len() * 4 < self.items.len() => Window::exact(),
            _ => Window::default(),
        };
        let mut scratch = Vec::new();
        let mut matches = |i: &usize| {
            let item = &self.items[*i];
            if item.summary.is_err() {
                return false;
            }
            if query.is_empty() {
                return true;
            }
            match item.stored.text(&mut window) {
                Ok(text) => matches_folded(&text, query, &mut scratch),
                // The text file went bad under it: no match, until the
                // next refresh rebuilds the index.
                Err(_) => false,
            }
        };
        match within {
            Some(within) => within.iter().filter(|i| matches(i)).copied().collect(),
            None => (0..self.items.len()).filter(|i| matches(i)).collect(),
        }
    }

    /// The searchable text of the item at `index`: candidate, role, bank,
    /// bank key, interviewer, then the summary, scratch note and notes that
    /// are not blank, one per line. Empty when it cannot be read.
    pub(crate) fn text(&self, index: usize) -> String {
        let mut window = Window::exact();
        self.items[index]
            .stored
            .text(&mut window)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes.into_owned()).ok())
            .unwrap_or_default()
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
        if query.is_empty() {
            return None;
        }
        let text = self.text(index);
        let folded = fold(&text);
        // Prefer a match below the fields the list shows in columns anyway.
        let header_end = folded
            .match_indices('\n')
            .nth(HEADER_LINES - 1)
            .map_or(0, |(i, _)| i + 1);
        let (start, end) = query.first_match(&folded, header_end)?;
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

    /// What compare and report need of the items at `indexes`, in that
    /// order: from the index's text file, or, should that fail, from the
    /// interview file itself. A damaged file gives the reason it could not
    /// be read.
    pub(crate) fn facts(&self, indexes: &[usize]) -> Vec<Result<Facts, String>> {
        let mut window = Window::default();
        // Ten thousand interviews of one bank hold its wordings once.
        let mut interner = Interner::default();
        indexes
            .iter()
            .map(|&i| {
                let item = &self.items[i];
                item.summary.as_ref().map_err(String::clone)?;
                let kept = item
                    .stored
                    .facts(&mut window)
                    .ok()
                    .and_then(|bytes| serde_json::from_slice(&bytes).ok());
                let facts = match kept {
                    Some(facts) => facts,
                    None => store::load(&item.path)
                        .map(|record| Facts::of(&record))
                        .map_err(|e| e.problem.to_string())?,
                };
                Ok(interner.intern(facts))
            })
            .collect()
    }
}

/// Whether every word of `query` is in `text` (the raw bytes of a
/// searchable text), folded into `scratch` first.
fn matches_folded(text: &[u8], query: &Query, scratch: &mut Vec<u8>) -> bool {
    if text.is_ascii() {
        // Notes are mostly ASCII: folding them is a byte-wise copy.
        scratch.clear();
        scratch.extend_from_slice(text);
        scratch.make_ascii_lowercase();
        return std::str::from_utf8(scratch).is_ok_and(|t| query.matches_folded(t));
    }
    std::str::from_utf8(text).is_ok_and(|t| query.matches_folded(&fold(t)))
}

/// Every saved interview as `sessions list` shows it, from the index
/// (brought up to date first, see [`Archive::refresh`]): newest first, and
/// the files that could not be read with the reason.
pub(crate) fn listing(sessions_dir: &Path, progress: impl FnMut(usize, usize)) -> store::Listing {
    let (archive, _) = Archive::refresh(sessions_dir, progress);
    let mut listing = store::Listing::default();
    listing.problems.extend(archive.problem);
    for item in archive.items {
        match item.summary {
            Ok(s) => listing.sessions.push(s.session(item.id, item.path)),
            Err(why) => listing.problems.push((item.path, why)),
        }
    }
    store::sort_newest_first(&mut listing.sessions);
    listing.problems.sort();
    listing
}

/// Drops the interviews `ids` from the index of `sessions_dir` at once
/// (their files were deleted: the index holds their notes too). An index
/// that cannot be read is removed, so no note of theirs stays in it.
pub(crate) fn forget(sessions_dir: &Path, ids: &[String]) -> Result<(), String> {
    let _writing = writing();
    let path = sessions_dir.join(INDEX_FILE);
    let text_path = disk::text_path(&path);
    let found = store::files(sessions_dir);
    let cap = disk::cap(found.files.iter().map(|(p, _)| p.as_path()));
    let fail = |e: std::io::Error| {
        format!(
            "cannot rewrite the review index {} without the deleted interviews: {e}; delete it and the {TEXT_FILE} beside it (they are rebuilt)",
            path.display()
        )
    };
    let Some(loaded) = disk::read(&path, cap) else {
        for file in [&path, &text_path] {
            match std::fs::remove_file(file) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(fail(e)),
                _ => {}
            }
        }
        return Ok(());
    };
    let mut items = loaded.items;
    let before = items.len();
    items.retain(|item| !ids.contains(&item.id));
    if items.len() == before {
        return Ok(());
    }
    // Writing it smaller needs room (a full disk may have none); removing
    // it does not, and it is rebuilt from the files. Either way no text of
    // the interviews deleted is kept.
    let rewritten = NewText::create(&path).and_then(|mut out| {
        out.take_in(items.iter_mut())?;
        out.finish(&path, &mut items)
    });
    rewritten.or_else(|why| {
        for file in [&text_path, &path] {
            match std::fs::remove_file(file) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(format!("{}; nor can it be removed: {e}", fail(why))),
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

#[cfg(test)]
mod tests;
