//! The index on disk: `.review-index.json`, one small entry per interview
//! (what the list shows, the stamps that tell a change), and beside it
//! `.review-index.text`, each interview's searchable text and its facts
//! for compare and report, one after another, read by offset as needed.
//!
//! Neither is ever trusted: the JSON is read only up to a size its files
//! could account for, the text file must begin with the generation the
//! JSON names and hold every range it names, and anything else is an index
//! to rebuild. The text file is never read whole: a refresh copies the
//! ranges of unchanged interviews from the old text file to the new one,
//! and the review list reads only what it searches or shows.

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Serialize};

use super::stamp::Stamp;
use super::{Item, Summary, TEXT_FILE};
use crate::store;

/// Bumped whenever what the index holds changes; an index of another
/// version is rebuilt.
const INDEX_VERSION: u32 = 6;

/// Room in the JSON for one interview: its fixed fields take about 700
/// bytes, and the names it copies from the file (candidate, role, bank,
/// interviewer) rarely more than a few hundred. An interview whose entry is
/// bigger only costs a rebuild of the index, never a wrong answer.
const ENTRY_ROOM: u64 = 8 * 1024;
/// Room for the JSON's own frame.
const FRAME_ROOM: u64 = 1024 * 1024;

/// The most the JSON of an index of `files` can rightly hold: past it, the
/// index is not read at all, and is rebuilt. Each file's path is written
/// twice (its id and its path), escaped at worst to twice its length.
pub(super) fn cap<'a>(files: impl IntoIterator<Item = &'a Path>) -> u64 {
    files.into_iter().fold(FRAME_ROOM, |cap, path| {
        cap.saturating_add(ENTRY_ROOM)
            .saturating_add(4 * path.as_os_str().len() as u64)
    })
}

/// Where an interview's searchable text and facts are: a range of a text
/// file kept open (so a newer index written meanwhile changes nothing
/// under it), or in memory when no index could be written.
#[derive(Clone, Debug)]
pub(super) enum Stored {
    /// `text_len` bytes of text at `at`, then `facts_len` bytes of facts.
    File {
        file: Arc<File>,
        at: u64,
        text_len: u64,
        facts_len: u64,
    },
    /// The text, then the facts.
    Held { bytes: Arc<[u8]>, text_len: usize },
}

impl PartialEq for Stored {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (
                Stored::File {
                    at: a,
                    text_len: t,
                    facts_len: f,
                    ..
                },
                Stored::File {
                    at: b,
                    text_len: u,
                    facts_len: g,
                    ..
                },
            ) => (a, t, f) == (b, u, g),
            (
                Stored::Held { bytes, text_len },
                Stored::Held {
                    bytes: other,
                    text_len: other_len,
                },
            ) => bytes == other && text_len == other_len,
            _ => false,
        }
    }
}

impl Eq for Stored {}

impl Stored {
    /// An interview's text and facts, in memory.
    pub(super) fn held(text: &str, facts: &[u8]) -> Stored {
        let mut bytes = Vec::with_capacity(text.len() + facts.len());
        bytes.extend_from_slice(text.as_bytes());
        bytes.extend_from_slice(facts);
        Stored::Held {
            bytes: bytes.into(),
            text_len: text.len(),
        }
    }

    /// The searchable text's bytes.
    pub(super) fn text<'a>(&'a self, window: &'a mut Window) -> io::Result<Cow<'a, [u8]>> {
        match self {
            Stored::File {
                file, at, text_len, ..
            } => window.read(file, *at, *text_len).map(Cow::Borrowed),
            Stored::Held { bytes, text_len } => Ok(Cow::Borrowed(&bytes[..*text_len])),
        }
    }

    /// The facts' bytes (JSON; empty for a file that could not be read).
    pub(super) fn facts<'a>(&'a self, window: &'a mut Window) -> io::Result<Cow<'a, [u8]>> {
        match self {
            Stored::File {
                file,
                at,
                text_len,
                facts_len,
            } => window
                .read(file, at + text_len, *facts_len)
                .map(Cow::Borrowed),
            Stored::Held { bytes, text_len } => Ok(Cow::Borrowed(&bytes[*text_len..])),
        }
    }

    fn len(&self) -> u64 {
        match self {
            Stored::File {
                text_len,
                facts_len,
                ..
            } => text_len + facts_len,
            Stored::Held { bytes, .. } => bytes.len() as u64,
        }
    }
}

/// How much of a text file one read takes: the texts of the interviews
/// listed next to each other are next to each other in the file, so a
/// search through the archive reads it in a few hundred reads, not one
/// per interview.
const WINDOW: u64 = 256 * 1024;

/// A piece of a text file read ahead, reused from one interview to the next.
#[derive(Default)]
pub(super) struct Window {
    /// The file it holds a piece of (compared by address: every range of a
    /// file shares one open file).
    file: usize,
    start: u64,
    bytes: Vec<u8>,
}

impl Window {
    fn read(&mut self, file: &Arc<File>, at: u64, len: u64) -> io::Result<&[u8]> {
        let id = Arc::as_ptr(file) as usize;
        let end = at.checked_add(len).ok_or(io::ErrorKind::InvalidData)?;
        let held_end = self.start + self.bytes.len() as u64;
        if id != self.file || at < self.start || end > held_end {
            let want = usize::try_from(len.max(WINDOW)).map_err(|_| io::ErrorKind::InvalidData)?;
            self.file = 0;
            self.bytes.clear();
            self.bytes.resize(want, 0);
            let mut filled = 0;
            while filled < want {
                match file.read_at(&mut self.bytes[filled..], at + filled as u64) {
                    Ok(0) => break,
                    Ok(n) => filled += n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(e),
                }
            }
            self.bytes.truncate(filled);
            if (filled as u64) < len {
                return Err(io::ErrorKind::UnexpectedEof.into());
            }
            self.file = id;
            self.start = at;
        }
        let from = (at - self.start) as usize;
        Ok(&self.bytes[from..from + len as usize])
    }
}

/// One interview in the JSON.
#[derive(Serialize, Deserialize)]
struct Entry {
    id: String,
    path: PathBuf,
    file: Stamp,
    journal: Option<Stamp>,
    summary: Result<Summary, String>,
    /// Where its text begins in the text file.
    at: u64,
    text_len: u64,
    facts_len: u64,
}

#[derive(Deserialize)]
struct IndexFile {
    version: u32,
    /// Also the first line of the text file: the two were written together.
    generation: String,
    items: Vec<Entry>,
}

/// An index read back: its items (their texts in `text`) and generation.
pub(super) struct Loaded {
    pub items: Vec<Item>,
    pub generation: String,
}

/// The index at `path` and its text file, when both are there, of this
/// version, written together and within `cap` bytes; `None` otherwise (the
/// index is rebuilt then). Past `cap`, not one byte of it is read.
pub(super) fn read(path: &Path, cap: u64) -> Option<Loaded> {
    // Never a FIFO or a device planted at its name: `sessions list` and the
    // launcher read it before anything else.
    let mut file = crate::fsread::open_regular(path).ok()?;
    // The size the system gives only saves the read: the read itself stops
    // past the cap whatever it says.
    if file.metadata().ok()?.len() > cap {
        return None;
    }
    let mut bytes = Vec::new();
    (&mut file)
        .take(cap.saturating_add(1))
        .read_to_end(&mut bytes)
        .ok()?;
    if bytes.len() as u64 > cap {
        return None;
    }
    let index: IndexFile = serde_json::from_slice(&bytes).ok()?;
    drop(bytes);
    if index.version != INDEX_VERSION {
        return None;
    }
    let text = Arc::new(crate::fsread::open_regular(&text_path(path)).ok()?);
    let header = header(&index.generation);
    let mut first = vec![0; header.len()];
    text.read_exact_at(&mut first, 0).ok()?;
    if first != header.as_bytes() {
        return None;
    }
    let len = text.metadata().ok()?.len();
    let mut items = Vec::with_capacity(index.items.len());
    for e in index.items {
        let end =
            e.at.checked_add(e.text_len)
                .and_then(|end| end.checked_add(e.facts_len))?;
        if e.at < header.len() as u64 || end > len {
            return None;
        }
        items.push(Item {
            id: e.id,
            path: e.path,
            file: e.file,
            journal: e.journal,
            summary: e.summary,
            stored: Stored::File {
                file: Arc::clone(&text),
                at: e.at,
                text_len: e.text_len,
                facts_len: e.facts_len,
            },
        });
    }
    Some(Loaded {
        items,
        generation: index.generation,
    })
}

/// The text file beside the index at `index`.
pub(super) fn text_path(index: &Path) -> PathBuf {
    index.with_file_name(TEXT_FILE)
}

fn header(generation: &str) -> String {
    format!("{generation}\n")
}

/// A name no other index written on this machine has: the time, the
/// process and a count within it.
fn new_generation() -> String {
    static COUNT: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let n = COUNT.fetch_add(1, Ordering::Relaxed);
    format!("{nanos:x}-{:x}-{n:x}", std::process::id())
}

/// A new text file being written: texts are added as they are read, the
/// unchanged ones copied from the old file; the index is written last.
pub(super) struct NewText {
    out: store::AtomicFile,
    /// The same file, for the items that point into it.
    shared: Arc<File>,
    len: u64,
    generation: String,
}

impl NewText {
    /// Starts the text file of the index at `index_path`.
    pub(super) fn create(index_path: &Path) -> io::Result<NewText> {
        let out = store::AtomicFile::create(&text_path(index_path))?;
        let shared = Arc::new(out.file().try_clone()?);
        let generation = new_generation();
        let header = header(&generation);
        out.file().write_all(header.as_bytes())?;
        Ok(NewText {
            out,
            shared,
            len: header.len() as u64,
            generation,
        })
    }

    /// Appends an interview's text and facts; where they now are.
    pub(super) fn add(&mut self, text: &str, facts: &[u8]) -> io::Result<Stored> {
        self.append(text.as_bytes(), facts)
    }

    fn append(&mut self, text: &[u8], facts: &[u8]) -> io::Result<Stored> {
        let mut file = self.out.file();
        file.write_all(text)?;
        file.write_all(facts)?;
        let at = self.len;
        self.len += (text.len() + facts.len()) as u64;
        Ok(Stored::File {
            file: Arc::clone(&self.shared),
            at,
            text_len: text.len() as u64,
            facts_len: facts.len() as u64,
        })
    }

    /// Copies the texts of `items` here from wherever they are, and points
    /// them here. Ranges next to each other in one file are copied in one
    /// go (by the kernel, without passing through memory, where it can).
    pub(super) fn take_in<'a>(
        &mut self,
        items: impl IntoIterator<Item = &'a mut Item>,
    ) -> io::Result<()> {
        let mut items: Vec<&mut Item> = items
            .into_iter()
            .filter(|item| match &item.stored {
                Stored::File { file, .. } => !Arc::ptr_eq(file, &self.shared),
                Stored::Held { .. } => true,
            })
            .collect();
        items.sort_by_key(|item| match &item.stored {
            Stored::File { file, at, .. } => (Arc::as_ptr(file) as usize, *at),
            Stored::Held { .. } => (0, 0),
        });
        let mut i = 0;
        while i < items.len() {
            let (source, start) = match &items[i].stored {
                Stored::Held { bytes, text_len } => {
                    let bytes = Arc::clone(bytes);
                    let (text, facts) = bytes.split_at(*text_len);
                    items[i].stored = self.append(text, facts)?;
                    i += 1;
                    continue;
                }
                Stored::File { file, at, .. } => (Arc::clone(file), *at),
            };
            // The run of ranges that follow one another in this file.
            let mut end = start;
            let mut j = i;
            while let Some(Stored::File { file, at, .. }) = items.get(j).map(|item| &item.stored) {
                if !Arc::ptr_eq(file, &source) || *at != end {
                    break;
                }
                end += items[j].stored.len();
                j += 1;
            }
            let mut from = &*source;
            from.seek(SeekFrom::Start(start))?;
            let copied = io::copy(&mut from.take(end - start), &mut self.out.file())?;
            if copied != end - start {
                return Err(io::ErrorKind::UnexpectedEof.into());
            }
            let base = self.len;
            self.len += copied;
            for item in &mut items[i..j] {
                if let Stored::File { file, at, .. } = &mut item.stored {
                    *file = Arc::clone(&self.shared);
                    *at = base + (*at - start);
                }
            }
            i = j;
        }
        Ok(())
    }

    /// Puts the text file in place, then the index naming it, at
    /// `index_path`. `items` must all point into this text file.
    pub(super) fn finish(self, index_path: &Path, items: &[Item]) -> io::Result<()> {
        self.out.persist()?;
        write_index(index_path, &self.generation, items)
    }
}

/// Writes the index of `items` at `path`, naming the text file of
/// `generation`; each item's place in it is its own.
pub(super) fn write_index(path: &Path, generation: &str, items: &[Item]) -> io::Result<()> {
    #[derive(Serialize)]
    struct Out<'a> {
        version: u32,
        generation: &'a str,
        items: Vec<EntryOut<'a>>,
    }
    #[derive(Serialize)]
    struct EntryOut<'a> {
        id: &'a str,
        path: &'a Path,
        file: &'a Stamp,
        journal: &'a Option<Stamp>,
        summary: &'a Result<Summary, String>,
        at: u64,
        text_len: u64,
        facts_len: u64,
    }
    let mut entries = Vec::with_capacity(items.len());
    for item in items {
        let Stored::File {
            at,
            text_len,
            facts_len,
            ..
        } = item.stored
        else {
            return Err(io::Error::other(
                "an interview's text is not in the text file",
            ));
        };
        entries.push(EntryOut {
            id: &item.id,
            path: &item.path,
            file: &item.file,
            journal: &item.journal,
            summary: &item.summary,
            at,
            text_len,
            facts_len,
        });
    }
    let bytes = serde_json::to_vec(&Out {
        version: INDEX_VERSION,
        generation,
        items: entries,
    })
    .map_err(io::Error::other)?;
    store::write_atomic(path, &bytes, false)
}
