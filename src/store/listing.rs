//! Reading interviews back: one file, or a whole folder without letting one
//! damaged file hide the others.

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize, Serializer};

use super::END_MARKER;
use super::error::describe;
use crate::interview::record::{QuestionState, Recommendation, Record, Status};

/// Files larger than this are not interviews (a 30-minute call is ~100 KB).
const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// The text of a saved interview: its YAML and the [`END_MARKER`] line.
pub fn to_yaml(record: &Record) -> Result<String, crate::yaml::SyntaxError> {
    let mut text = crate::yaml::to_string(record)?;
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(END_MARKER);
    text.push('\n');
    Ok(text)
}

/// Why a file could not be read as an interview.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadProblem {
    /// The file could not be read (permission, I/O error, …).
    #[error("cannot read it: {0}")]
    Unreadable(String),
    /// Too big to be an interview.
    #[error("it is {0} bytes, far too big for an interview; it is not a phonescreen interview")]
    TooLarge(u64),
    /// Not valid YAML, or an interview with broken fields.
    #[error("damaged: {0}")]
    Damaged(String),
    /// The [`END_MARKER`] line is missing: the file was cut short.
    #[error(
        "damaged: it ends early (the last line `{END_MARKER}` is missing), probably cut short by a crash or a full disk; open it in a text editor to recover the notes"
    )]
    CutShort,
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
    pub path: PathBuf,
    /// What is wrong with it.
    pub problem: LoadProblem,
}

/// Reads, parses and checks one saved interview.
pub fn load(path: &Path) -> Result<Record, LoadError> {
    let fail = |problem| LoadError {
        path: path.to_path_buf(),
        problem,
    };
    let text = read_text(path).map_err(fail)?;
    parse(&text).map_err(fail)
}

fn read_text(path: &Path) -> Result<String, LoadProblem> {
    let unreadable = |e: io::Error| LoadProblem::Unreadable(describe(&e).1);
    let file = fs::File::open(path).map_err(unreadable)?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        let size = fs::metadata(path).map_or(bytes.len() as u64, |m| m.len());
        return Err(LoadProblem::TooLarge(size));
    }
    String::from_utf8(bytes).map_err(|e| {
        LoadProblem::Damaged(format!(
            "it is not UTF-8 text (bad byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
    })
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
            return Err(LoadProblem::NotInterview("the file is empty".to_string()));
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

/// One saved interview, as listed by `phonescreen sessions list`.
///
/// Serializes to JSON with `id`, `path`, `candidate`, `role`, `interviewer`,
/// `started_at` (RFC 3339), `updated_at`, `status` (`in_progress` or
/// `completed`), `recommendation` (null or its label), `question_count` and
/// `asked_count`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SessionSummary {
    /// The interview id: the file stem.
    pub id: String,
    /// The file.
    #[serde(serialize_with = "lossy_path")]
    pub path: PathBuf,
    /// Candidate's name.
    pub candidate: String,
    /// Role interviewed for.
    pub role: String,
    /// Interviewer's name.
    pub interviewer: String,
    /// When the interview started.
    pub started_at: DateTime<FixedOffset>,
    /// When it was last saved.
    pub updated_at: DateTime<FixedOffset>,
    /// In progress or completed.
    pub status: Status,
    /// Overall recommendation, once finished.
    pub recommendation: Option<Recommendation>,
    /// Number of questions.
    pub question_count: usize,
    /// Number of questions marked asked.
    pub asked_count: usize,
    /// The whole interview, for screens that show more (not in the JSON).
    #[serde(skip)]
    pub record: Record,
}

fn lossy_path<S: Serializer>(path: &Path, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&path.to_string_lossy())
}

impl SessionSummary {
    /// The summary of a loaded interview saved at `path`.
    pub fn new(path: PathBuf, record: Record) -> Self {
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
            started_at: record.started_at,
            updated_at: record.updated_at,
            status: record.status,
            recommendation: record.recommendation,
            question_count: record.question_count(),
            asked_count,
            record,
        }
    }
}

/// Every interview in a folder, and the files that could not be read.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    /// Interviews, newest first by start time.
    pub sessions: Vec<SessionSummary>,
    /// Files (or the folder) that could not be read, with the reason.
    pub problems: Vec<(PathBuf, String)>,
}

/// Lists the interviews in `sessions_dir`: every `*.yaml` file, skipping
/// dotfiles (temp files among them).
///
/// A damaged file is reported in [`Listing::problems`] and the others are
/// still listed; a missing folder is an empty listing.
pub fn list(sessions_dir: &Path) -> Listing {
    let mut listing = Listing::default();
    let entries = match fs::read_dir(sessions_dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return listing,
        Err(e) => {
            let reason = format!("cannot read the folder: {}", describe(&e).1);
            listing.problems.push((sessions_dir.to_path_buf(), reason));
            return listing;
        }
    };
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let reason = format!("cannot read the folder: {}", describe(&e).1);
                listing.problems.push((sessions_dir.to_path_buf(), reason));
                break;
            }
        };
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') || !name.ends_with(".yaml") {
            continue;
        }
        let path = entry.path();
        if fs::metadata(&path).is_ok_and(|m| m.is_dir()) {
            continue;
        }
        match load(&path) {
            Ok(record) => listing.sessions.push(SessionSummary::new(path, record)),
            Err(err) => listing.problems.push((path, err.problem.to_string())),
        }
    }
    listing.sessions.sort_by(|a, b| {
        b.started_at
            .cmp(&a.started_at)
            .then_with(|| b.id.cmp(&a.id))
    });
    listing.problems.sort();
    listing
}

/// Interviews that can be resumed: in progress and not open in a running
/// phonescreen, newest first. Damaged files are left out; see [`list`].
pub fn find_resumable(sessions_dir: &Path) -> Vec<SessionSummary> {
    list(sessions_dir)
        .sessions
        .into_iter()
        .filter(|s| s.status == Status::InProgress)
        .filter(|s| super::is_locked_by_live_process(&s.path).is_none())
        .collect()
}

#[cfg(test)]
#[path = "listing_tests.rs"]
mod tests;
