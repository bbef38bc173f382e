//! The index on disk: `.review-index.json` (one small entry per interview)
//! and beside it `.review-index.text` (every interview's searchable text,
//! then its facts, read by offset). Neither is trusted: anything that does
//! not check out is an index to rebuild.

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

/// Bytes of a file kept open (so a newer index written meanwhile changes
/// nothing under it).
#[derive(Clone, Debug)]
pub(super) struct Range {
    file: Arc<File>,
    at: u64,
    len: u64,
}

impl Range {
    fn new(file: &Arc<File>, at: u64, len: u64) -> Range {
        Range {
            file: Arc::clone(file),
            at,
            len,
        }
    }

    fn read<'a>(&self, window: &'a mut Window) -> io::Result<&'a [u8]> {
        window.read(&self.file, self.at, self.len)
    }

    fn is_in(&self, file: &Arc<File>) -> bool {
        Arc::ptr_eq(&self.file, file)
    }
}

/// Where an interview's searchable text and facts are: in text files, or
/// in memory when no index could be written.
#[derive(Clone, Debug)]
pub(super) enum Stored {
    /// In files.
    File { text: Range, facts: Range },
    /// The text, then the facts.
    Held { bytes: Arc<[u8]>, text_len: usize },
}

impl PartialEq for Stored {
    /// The same places, or the same bytes held.
    fn eq(&self, other: &Self) -> bool {
        let place = |r: &Range| (r.at, r.len);
        match (self, other) {
            (Stored::File { text, facts }, Stored::File { text: t, facts: f }) => {
                (place(text), place(facts)) == (place(t), place(f))
            }
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
            Stored::File { text, .. } => text.read(window).map(Cow::Borrowed),
            Stored::Held { bytes, text_len } => Ok(Cow::Borrowed(&bytes[..*text_len])),
        }
    }

    /// The facts' bytes (JSON; empty for a file that could not be read).
    pub(super) fn facts<'a>(&'a self, window: &'a mut Window) -> io::Result<Cow<'a, [u8]>> {
        match self {
            Stored::File { facts, .. } => facts.read(window).map(Cow::Borrowed),
            Stored::Held { bytes, text_len } => Ok(Cow::Borrowed(&bytes[*text_len..])),
        }
    }
}

/// How much of a text file one read takes: the texts of the interviews
/// listed next to each other are next to each other in the file, so a
/// search through the archive reads it in a few hundred reads, not one
/// per interview.
const WINDOW: u64 = 256 * 1024;

/// A piece of a text file read ahead, reused from one interview to the next.
pub(super) struct Window {
    /// The file it holds a piece of (compared by address: every range of a
    /// file shares one open file).
    file: usize,
    start: u64,
    /// What was read; only the first `len` bytes hold the file's.
    bytes: Vec<u8>,
    len: usize,
    /// How much to read at a time, at least.
    ahead: u64,
}

impl Default for Window {
    /// A window for reading many interviews in a row.
    fn default() -> Self {
        Window {
            file: 0,
            start: 0,
            bytes: Vec::new(),
            len: 0,
            ahead: WINDOW,
        }
    }
}

impl Window {
    /// A window for one interview: reads exactly its range.
    pub(super) fn exact() -> Self {
        Window {
            ahead: 0,
            ..Window::default()
        }
    }

    fn read(&mut self, file: &Arc<File>, at: u64, len: u64) -> io::Result<&[u8]> {
        let id = Arc::as_ptr(file) as usize;
        let end = at.checked_add(len).ok_or(io::ErrorKind::InvalidData)?;
        let held_end = self.start + self.len as u64;
        if id != self.file || at < self.start || end > held_end {
            let want =
                usize::try_from(len.max(self.ahead)).map_err(|_| io::ErrorKind::InvalidData)?;
            self.file = 0;
            self.len = 0;
            if self.bytes.len() < want {
                self.bytes.resize(want, 0);
            }
            while self.len < want {
                match file.read_at(&mut self.bytes[self.len..want], at + self.len as u64) {
                    Ok(0) => break,
                    Ok(n) => self.len += n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(e),
                }
            }
            if (self.len as u64) < len {
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
    /// Where its text and its facts are in the text file.
    text_at: u64,
    text_len: u64,
    facts_at: u64,
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
    pub(crate) items: Vec<Item>,
    pub(crate) generation: String,
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
    let size = file.metadata().ok()?.len();
    if size > cap {
        return None;
    }
    // Room for what the system says is there (and a byte to see the end):
    // grown by doubling, the buffer would take up to twice the index.
    let mut bytes = Vec::with_capacity(usize::try_from(size).ok()?.saturating_add(1));
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
    let within = |at: u64, n: u64| at >= header.len() as u64 && at.saturating_add(n) <= len;
    for e in index.items {
        if !within(e.text_at, e.text_len) || !within(e.facts_at, e.facts_len) {
            return None;
        }
        items.push(Item {
            id: e.id,
            path: e.path,
            file: e.file,
            journal: e.journal,
            summary: e.summary,
            stored: Stored::File {
                text: Range::new(&text, e.text_at, e.text_len),
                facts: Range::new(&text, e.facts_at, e.facts_len),
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
/// unchanged ones copied from the old file; the facts gather in a scratch
/// file meanwhile and follow the texts once all are in; the index is
/// written last.
pub(super) struct NewText {
    out: store::AtomicFile,
    /// The same file, for the items that point into it.
    shared: Arc<File>,
    len: u64,
    /// The facts until then (an unnamed file, gone when closed).
    scratch: Arc<File>,
    scratch_len: u64,
    generation: String,
}

impl NewText {
    /// Starts the text file of the index at `index_path`.
    pub(super) fn create(index_path: &Path) -> io::Result<NewText> {
        let path = text_path(index_path);
        let out = store::AtomicFile::create(&path)?;
        let shared = Arc::new(out.file().try_clone()?);
        // Beside it: on the same disk, and as private as the folder.
        let folder = path.parent().unwrap_or(Path::new("."));
        let scratch = Arc::new(tempfile::tempfile_in(folder)?);
        let generation = new_generation();
        let header = header(&generation);
        out.file().write_all(header.as_bytes())?;
        Ok(NewText {
            out,
            shared,
            len: header.len() as u64,
            scratch,
            scratch_len: 0,
            generation,
        })
    }

    /// Appends an interview's text and facts; where they now are.
    pub(super) fn add(&mut self, text: &str, facts: &[u8]) -> io::Result<Stored> {
        self.append(text.as_bytes(), facts)
    }

    fn append(&mut self, text: &[u8], facts: &[u8]) -> io::Result<Stored> {
        self.out.file().write_all(text)?;
        (&*self.scratch).write_all(facts)?;
        let stored = Stored::File {
            text: Range::new(&self.shared, self.len, text.len() as u64),
            facts: Range::new(&self.scratch, self.scratch_len, facts.len() as u64),
        };
        self.len += text.len() as u64;
        self.scratch_len += facts.len() as u64;
        Ok(stored)
    }

    /// Copies the texts and facts of `items` here from wherever they are,
    /// and points them here. Ranges next to each other in one file are
    /// copied in one go (by the kernel, without passing through memory,
    /// where it can).
    pub(super) fn take_in<'a>(
        &mut self,
        items: impl IntoIterator<Item = &'a mut Item>,
    ) -> io::Result<()> {
        let mut texts = Vec::new();
        let mut facts = Vec::new();
        for item in items {
            if let Stored::Held { bytes, text_len } = &item.stored {
                let bytes = Arc::clone(bytes);
                let (text, fact) = bytes.split_at(*text_len);
                item.stored = self.append(text, fact)?;
            }
            if let Stored::File { text, facts: fact } = &mut item.stored {
                if !text.is_in(&self.shared) {
                    texts.push(text);
                }
                if !fact.is_in(&self.scratch) {
                    facts.push(fact);
                }
            }
        }
        let shared = Arc::clone(&self.shared);
        copy_runs(texts, self.out.file(), &shared, &mut self.len)?;
        let scratch = Arc::clone(&self.scratch);
        copy_runs(facts, &scratch, &scratch, &mut self.scratch_len)
    }

    /// Puts the facts after the texts, the text file in place, then the
    /// index naming it, at `index_path`. `items` must all point here.
    pub(super) fn finish(mut self, index_path: &Path, items: &mut [Item]) -> io::Result<()> {
        let texts_end = self.len;
        let mut facts: Vec<&mut Range> = Vec::with_capacity(items.len());
        for item in items.iter_mut() {
            match &mut item.stored {
                Stored::File { text, facts: fact }
                    if text.is_in(&self.shared) && fact.is_in(&self.scratch) =>
                {
                    facts.push(fact)
                }
                _ => {
                    return Err(io::Error::other(
                        "an interview's text is not in the text file",
                    ));
                }
            }
        }
        let (shared, scratch) = (Arc::clone(&self.shared), Arc::clone(&self.scratch));
        let mut all = Range::new(&scratch, 0, self.scratch_len);
        copy_runs(vec![&mut all], self.out.file(), &shared, &mut self.len)?;
        for fact in facts {
            *fact = Range::new(&shared, texts_end + fact.at, fact.len);
        }
        self.out.persist()?;
        write_index(index_path, &self.generation, items)
    }
}

/// Appends the bytes of `ranges` to `to` (which is `len` bytes long, and
/// which `shared` opens too), and points them there: ranges that follow one
/// another in one file are copied in one go.
fn copy_runs(
    mut ranges: Vec<&mut Range>,
    mut to: &File,
    shared: &Arc<File>,
    len: &mut u64,
) -> io::Result<()> {
    ranges.sort_by_key(|r| (Arc::as_ptr(&r.file) as usize, r.at));
    let mut i = 0;
    while i < ranges.len() {
        let (source, start) = (Arc::clone(&ranges[i].file), ranges[i].at);
        let mut end = start;
        let mut j = i;
        while j < ranges.len() && Arc::ptr_eq(&ranges[j].file, &source) && ranges[j].at == end {
            end += ranges[j].len;
            j += 1;
        }
        let mut from = &*source;
        from.seek(SeekFrom::Start(start))?;
        let copied = io::copy(&mut from.take(end - start), &mut to)?;
        if copied != end - start {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        let base = *len;
        *len += copied;
        for range in &mut ranges[i..j] {
            **range = Range::new(shared, base + (range.at - start), range.len);
        }
        i = j;
    }
    Ok(())
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
        text_at: u64,
        text_len: u64,
        facts_at: u64,
        facts_len: u64,
    }
    let mut entries = Vec::with_capacity(items.len());
    for item in items {
        let Stored::File { text, facts } = &item.stored else {
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
            text_at: text.at,
            text_len: text.len,
            facts_at: facts.at,
            facts_len: facts.len,
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
