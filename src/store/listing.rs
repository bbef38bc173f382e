//! Reading interviews back: one file, or a whole folder without letting one
//! damaged file hide the others.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize, Serializer};

use super::END_MARKER;
use super::error::describe;
use crate::interview::record::{QuestionState, Recommendation, Record, Status};

// Files larger than this are not interviews; every file phonescreen writes
// stays under it (see `crate::interview::limits`).
use crate::interview::limits::MAX_FILE_BYTES;

/// Why a file could not be read as an interview.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum LoadProblem {
    /// The file could not be read (permission, I/O error, …).
    #[error("cannot read it: {0}")]
    Unreadable(String),
    /// The path does not lead to a regular file: a FIFO, a device, a
    /// folder, a symbolic link to nothing, or nothing at all.
    #[error("{0}")]
    NotAFile(String),
    /// Too big to be an interview.
    #[error(
        "it is {0} bytes, more than phonescreen ever writes for an interview ({MAX_FILE_BYTES} bytes); it is not a phonescreen interview"
    )]
    TooLarge(u64),
    /// Not valid YAML, or an interview with broken fields.
    #[error("damaged: {0}")]
    Damaged(String),
    /// The [`END_MARKER`] line is missing: the file was cut short.
    #[error(
        "damaged: it ends early (the last line `{END_MARKER}` is missing), probably cut short by a crash or a full disk; open it in a text editor to recover the notes"
    )]
    CutShort,
    /// Empty or only zero bytes: cut short by a crash or a power cut.
    #[error("{0}")]
    Blank(String),
    /// Valid YAML of some other shape.
    #[error("not a phonescreen interview ({0})")]
    NotInterview(String),
    /// An interview that breaks the format's rules.
    #[error("{0}")]
    Invalid(String),
}

/// A file that could not be loaded as an interview, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot open {path}: {problem}", path = .path.display())]
pub struct LoadError {
    /// The file.
    pub(crate) path: PathBuf,
    /// What is wrong with it.
    pub(crate) problem: LoadProblem,
}

/// Reads, parses and checks one saved interview, brought up to date with
/// its crash journal when that holds newer changes (see [`super::journal`]).
///
/// A running phonescreen puts a new file in place and then empties the
/// journal, so a read of the old file followed by a read of the emptied
/// journal would miss the newest changes: when the file was replaced during
/// the reads, they are made again.
pub fn load(path: &Path) -> Result<Record, LoadError> {
    let mut tries = 0;
    loop {
        let before = identity(path);
        let record = load_once(path)?;
        tries += 1;
        if tries >= 5 || identity(path) == before {
            return Ok(record);
        }
    }
}

/// Which file is at `path` now, and its size and time of change.
fn identity(path: &Path) -> Option<(u64, u64, u64, Option<std::time::SystemTime>)> {
    use std::os::unix::fs::MetadataExt;
    let m = fs::metadata(path).ok()?;
    Some((m.dev(), m.ino(), m.len(), m.modified().ok()))
}

fn load_once(path: &Path) -> Result<Record, LoadError> {
    let fail = |problem| LoadError {
        path: path.to_path_buf(),
        problem,
    };
    let text = read_text(path).map_err(fail)?;
    if let Some(problem) = blank(path, &text) {
        return Err(fail(problem));
    }
    let mut record = parse(&text).map_err(fail)?;
    super::journal::catch_up(path, &mut record);
    Ok(record)
}

fn read_text(path: &Path) -> Result<String, LoadProblem> {
    let bytes = crate::fsread::read_capped(path, MAX_FILE_BYTES).map_err(|e| match e {
        crate::fsread::ReadError::TooBig(_) => {
            // Only for the message: the read itself never trusted it.
            let size = fs::metadata(path).map_or(MAX_FILE_BYTES + 1, |m| m.len());
            LoadProblem::TooLarge(size)
        }
        other => read_problem(other),
    })?;
    String::from_utf8(bytes).map_err(|e| {
        LoadProblem::Damaged(format!(
            "it is not UTF-8 text (bad byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// What a crash or a power cut leaves of a file whose data never reached
/// the disk: nothing, or only zero bytes.
fn blank(path: &Path, text: &str) -> Option<LoadProblem> {
    let what = if text.is_empty() {
        "it is empty (0 bytes)".to_string()
    } else if text.bytes().all(|b| b == 0) {
        format!("it holds only zero bytes ({} of them)", text.len())
    } else {
        return None;
    };
    let journal = super::journal::journal_path(path);
    let next = if fs::metadata(&journal).is_ok_and(|m| m.len() > 0) {
        format!(
            "the changes typed last may still be in its journal, {}",
            journal.display()
        )
    } else {
        "there is nothing in it to recover; delete it to stop this warning".to_string()
    };
    Some(LoadProblem::Blank(format!(
        "{what}, probably cut short by a crash or power cut while it was being written; {next}"
    )))
}

/// The problem for a path that could not be read.
fn read_problem(err: crate::fsread::ReadError) -> LoadProblem {
    match err {
        crate::fsread::ReadError::Io(e) => LoadProblem::Unreadable(describe(&e).1),
        other => LoadProblem::NotAFile(other.to_string()),
    }
}

/// Just enough of a document's shape to tell an interview from other YAML.
#[derive(Deserialize)]
struct Shape {
    format: Option<serde::de::IgnoredAny>,
    candidate: Option<serde::de::IgnoredAny>,
    started_at: Option<serde::de::IgnoredAny>,
    name: Option<serde::de::IgnoredAny>,
    sections: Option<serde::de::IgnoredAny>,
}

fn parse(text: &str) -> Result<Record, LoadProblem> {
    let complete = text.trim_end().ends_with(END_MARKER);
    let err = match crate::yaml::from_str::<Record>(text) {
        Ok(record) if complete => {
            return record
                .check()
                .map(|()| record)
                .map_err(LoadProblem::Invalid);
        }
        Ok(_) => return Err(LoadProblem::CutShort),
        Err(err) => err,
    };
    if let Err(syntax) = crate::yaml::from_str::<serde::de::IgnoredAny>(text) {
        if text.trim().is_empty() {
            return Err(LoadProblem::NotInterview(
                "it holds nothing but blank space".to_string(),
            ));
        }
        let looks_like_interview = text.starts_with("format:") || text.contains("\nformat:");
        let also = if !complete && looks_like_interview {
            "; the file also ends early, probably cut short by a crash or a full disk"
        } else {
            ""
        };
        return Err(LoadProblem::Damaged(format!("{syntax}{also}")));
    }
    match crate::yaml::from_str::<Shape>(text) {
        Ok(shape)
            if shape.format.is_some()
                && (shape.candidate.is_some() || shape.started_at.is_some()) =>
        {
            Err(if complete {
                LoadProblem::Damaged(err.to_string())
            } else {
                LoadProblem::CutShort
            })
        }
        Ok(shape) if shape.name.is_some() && shape.sections.is_some() => {
            Err(LoadProblem::NotInterview(
                "it looks like a question bank; banks belong in the banks folder".to_string(),
            ))
        }
        Ok(_) => Err(LoadProblem::NotInterview(
            "it has no `format:` and `candidate:` fields".to_string(),
        )),
        Err(_) => Err(LoadProblem::NotInterview(
            "it is not a mapping of fields".to_string(),
        )),
    }
}

/// One saved interview, as listed by `phonescreen sessions list` and the launcher.
///
/// Serializes to JSON with `id`, `path`, `candidate`, `role`, `interviewer`,
/// `bank`, `started_at` (RFC 3339), `updated_at`, `status` (`in_progress` or
/// `completed`), `recommendation` (null or its label), `elapsed_seconds`,
/// `question_count` and `asked_count` (null when only the file's header was
/// read, see [`summarize`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SessionSummary {
    /// The interview id: the file stem.
    pub id: String,
    /// The file.
    #[serde(serialize_with = "lossy_path")]
    pub path: PathBuf,
    /// Candidate's name.
    pub candidate: String,
    /// Role interviewed for.
    pub(crate) role: String,
    /// Interviewer's name.
    pub(crate) interviewer: String,
    /// The bank's name.
    pub(crate) bank: String,
    /// When the interview started.
    pub started_at: DateTime<FixedOffset>,
    /// When it was last saved.
    pub(crate) updated_at: DateTime<FixedOffset>,
    /// In progress or completed.
    pub(crate) status: Status,
    /// Overall recommendation, once finished.
    pub(crate) recommendation: Option<Recommendation>,
    /// Active interview time so far.
    pub(crate) elapsed_seconds: u64,
    /// Number of questions, when the whole file was read.
    pub question_count: Option<usize>,
    /// Number of questions marked asked, when the whole file was read.
    pub(crate) asked_count: Option<usize>,
}

fn lossy_path<S: Serializer>(path: &Path, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&path.to_string_lossy())
}

impl SessionSummary {
    /// The summary of a whole interview saved at `path`.
    pub(crate) fn new(path: PathBuf, record: &Record) -> Self {
        let asked_count = record
            .sections
            .iter()
            .flat_map(|s| &s.questions)
            .filter(|q| q.state == QuestionState::Asked)
            .count();
        SessionSummary {
            id: super::session_id(&path),
            path,
            candidate: record.candidate.clone(),
            role: record.role.clone(),
            interviewer: record.interviewer.clone(),
            bank: record.bank.name.clone(),
            started_at: record.started_at,
            updated_at: record.updated_at,
            status: record.status,
            recommendation: record.recommendation,
            elapsed_seconds: record.elapsed_seconds,
            question_count: Some(record.question_count()),
            asked_count: Some(asked_count),
        }
    }
}

/// The fields written before `sections:`, enough for a list.
#[derive(Deserialize)]
struct Header {
    format: u32,
    status: Status,
    candidate: String,
    role: String,
    #[serde(default)]
    interviewer: String,
    bank: HeaderBank,
    started_at: DateTime<FixedOffset>,
    updated_at: DateTime<FixedOffset>,
    #[serde(default)]
    elapsed_seconds: u64,
    #[serde(default)]
    recommendation: Option<Recommendation>,
}

#[derive(Deserialize)]
struct HeaderBank {
    name: String,
}

/// How much of a file is read for its header: the fields before the
/// questions are a few hundred bytes.
const HEADER_BYTES: usize = 64 * 1024;

/// The header of the file at `path`, or `None` when the whole file must be
/// read instead (an older layout, a header that does not parse).
fn read_header(path: &Path) -> Result<Option<Header>, LoadProblem> {
    let bytes = crate::fsread::read_prefix(path, HEADER_BYTES as u64).map_err(read_problem)?;
    let text = match std::str::from_utf8(&bytes) {
        Ok(text) => text,
        // Cut inside a character at the end of what was read: keep the whole ones.
        Err(e) if e.error_len().is_none() => {
            std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default()
        }
        Err(_) => return Ok(None),
    };
    let Some(end) = text.find("\nsections:") else {
        return Ok(None);
    };
    let head = &text[..=end];
    let Ok(header) = crate::yaml::from_str::<Header>(head) else {
        return Ok(None);
    };
    // Files from before the recommendation moved up keep it after the notes.
    if header.format > crate::interview::FORMAT_VERSION
        || (header.status == Status::Completed && !head.contains("\nrecommendation:"))
    {
        return Ok(None);
    }
    Ok(Some(header))
}

/// The summary of the interview saved at `path`, reading only its header
/// when that is enough; `has_journal` says a crash journal lies beside it,
/// whose changes only a whole read brings in.
///
/// A header-only summary leaves the question counts out and does not check
/// the rest of the file; [`load`] does.
pub fn summarize(path: &Path, has_journal: bool) -> Result<SessionSummary, LoadError> {
    let fail = |problem| LoadError {
        path: path.to_path_buf(),
        problem,
    };
    if !has_journal && let Some(h) = read_header(path).map_err(fail)? {
        return Ok(SessionSummary {
            id: super::session_id(path),
            path: path.to_path_buf(),
            candidate: h.candidate,
            role: h.role,
            interviewer: h.interviewer,
            bank: h.bank.name,
            started_at: h.started_at,
            updated_at: h.updated_at,
            status: h.status,
            recommendation: h.recommendation,
            elapsed_seconds: h.elapsed_seconds,
            question_count: None,
            asked_count: None,
        });
    }
    load(path).map(|record| SessionSummary::new(path.to_path_buf(), &record))
}

/// Every interview in a folder, and the files that could not be read.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    /// Interviews, newest first by start time.
    pub sessions: Vec<SessionSummary>,
    /// Files (or the folder) that could not be read, with the reason.
    pub problems: Vec<(PathBuf, String)>,
}

/// The interview files of a folder, newest first by name (names begin with
/// the start time), each with whether a crash journal lies beside it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Files {
    /// `*.yaml` files, dotfiles (temp files, journals) left out.
    pub(crate) files: Vec<(PathBuf, bool)>,
    /// The folder, when it could not be read, with the reason.
    pub(crate) problem: Option<(PathBuf, String)>,
}

/// When the interview at `path` was last written: its file or its journal.
fn written_at(path: &Path, journal: bool) -> Option<std::time::SystemTime> {
    let file = fs::metadata(path).and_then(|m| m.modified()).ok();
    let journal = journal
        .then(|| fs::metadata(super::journal::journal_path(path)).and_then(|m| m.modified()))
        .and_then(Result::ok);
    file.max(journal)
}

/// Adds the interviews in the known rescue folders `dirs` to `found` (the
/// sessions folder's). Where the same file name is in both, whichever was
/// written last stays; the list stays newest first by name.
pub(crate) fn add_copies(found: &mut Files, dirs: &[PathBuf]) {
    let mut added = false;
    for dir in dirs {
        // A rescue folder that cannot be read hides nothing of the others.
        for (copy, journal) in files_in(dir).files {
            let name = copy.file_name().map(std::ffi::OsString::from);
            let same = found
                .files
                .iter_mut()
                .find(|(p, _)| p.file_name().map(std::ffi::OsString::from) == name);
            match same {
                Some(original) => {
                    if written_at(&copy, journal) > written_at(&original.0, original.1) {
                        *original = (copy, journal);
                    }
                }
                None => {
                    found.files.push((copy, journal));
                    added = true;
                }
            }
        }
    }
    if added {
        found
            .files
            .sort_unstable_by(|(a, _), (b, _)| b.file_name().cmp(&a.file_name()));
    }
}

/// Lists the interview files in `sessions_dir` without reading them, with
/// the copies `Esc w` saved in the known rescue folders (see
/// [`RescuePlaces`](super::RescuePlaces)): where an interview is in both,
/// whichever was written last. A missing folder has none.
pub(crate) fn files(sessions_dir: &Path) -> Files {
    let mut found = files_in(sessions_dir);
    let places = super::RescuePlaces::new(sessions_dir);
    add_copies(&mut found, places.known());
    found
}

/// The interview files in one folder, newest first by name.
pub(crate) fn files_in(sessions_dir: &Path) -> Files {
    let mut found = Files::default();
    let entries = match fs::read_dir(sessions_dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            // Nothing saved yet, unless a link on the way leads nowhere:
            // then the interviews are somewhere phonescreen cannot see.
            if let Some(link) = crate::fsread::dangling_link_in(sessions_dir) {
                let reason = format!("cannot read the folder: {link}");
                found.problem = Some((sessions_dir.to_path_buf(), reason));
            }
            return found;
        }
        Err(e) => {
            found.problem = Some((sessions_dir.to_path_buf(), folder_problem(sessions_dir, &e)));
            return found;
        }
    };
    let mut journals = std::collections::HashSet::new();
    let mut names = Vec::new();
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                found.problem =
                    Some((sessions_dir.to_path_buf(), folder_problem(sessions_dir, &e)));
                break;
            }
        };
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if let Some(journal_of) = name
            .strip_prefix('.')
            .and_then(|n| n.strip_suffix(".journal"))
        {
            journals.insert(journal_of.to_string());
            continue;
        }
        if name.starts_with('.') || !name.ends_with(".yaml") {
            continue;
        }
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        names.push(name.into_owned());
    }
    names.sort_unstable_by(|a, b| b.cmp(a));
    found.files = names
        .into_iter()
        .map(|name| {
            let journal = journals.contains(&name);
            (sessions_dir.join(name), journal)
        })
        .collect();
    found
}

/// Why the folder `dir` could not be listed, and what to do about it: the
/// commands stop on it, and the screens show it, so it must say both.
fn folder_problem(dir: &Path, err: &io::Error) -> String {
    const ELSEWHERE: &str = "or choose another data folder with --data-dir or PHONESCREEN_DATA_DIR";
    let (trouble, words) = describe(err);
    if err.raw_os_error() == Some(libc::ENOTDIR) {
        return format!(
            "cannot read the folder: it, or one above it, is not a folder — move the file that stands there aside, {ELSEWHERE}"
        );
    }
    let fix = if trouble == super::Trouble::PermissionDenied {
        use std::os::unix::fs::MetadataExt;
        // SAFETY: geteuid has no preconditions and cannot fail.
        let me = unsafe { libc::geteuid() };
        match fs::metadata(dir).map(|m| m.uid()) {
            Ok(owner) if owner != me => format!(
                "it belongs to another user (uid {owner}): run phonescreen as that user, {ELSEWHERE}"
            ),
            _ => format!("give yourself access with `chmod 700` on it, {ELSEWHERE}"),
        }
    } else {
        format!("check the disk, {ELSEWHERE}")
    };
    format!("cannot read the folder: {words} — {fix}")
}

/// Lists the interviews in `sessions_dir`, reading every file whole: every
/// `*.yaml` file, skipping dotfiles (temp files and journals among them).
///
/// A damaged file is reported in [`Listing::problems`] and the others are
/// still listed; a missing folder is an empty listing.
pub fn list(sessions_dir: &Path) -> Listing {
    let found = files(sessions_dir);
    let mut listing = Listing::default();
    listing.problems.extend(found.problem);
    for (path, _) in found.files {
        match load(&path) {
            Ok(record) => listing.sessions.push(SessionSummary::new(path, &record)),
            Err(err) => listing.problems.push((path, err.problem.to_string())),
        }
    }
    sort_newest_first(&mut listing.sessions);
    listing.problems.sort();
    listing
}

/// Orders summaries newest first by start time, then by id.
pub(crate) fn sort_newest_first(sessions: &mut [SessionSummary]) {
    sessions.sort_by(|a, b| {
        b.started_at
            .cmp(&a.started_at)
            .then_with(|| b.id.cmp(&a.id))
    });
}

/// The newest interview that can be resumed (in progress and not open in a
/// running phonescreen), reading files newest first only until it is found.
pub fn newest_resumable(sessions_dir: &Path) -> Option<SessionSummary> {
    files(sessions_dir)
        .files
        .into_iter()
        .filter_map(|(path, journal)| summarize(&path, journal).ok())
        .find(|s| s.status.is_open() && super::is_locked_by_live_process(&s.path).is_none())
}

#[cfg(test)]
#[path = "listing_tests.rs"]
mod tests;
