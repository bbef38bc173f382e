//! What each command-line command does.

pub(crate) mod archive;
pub mod bank;
pub mod config;
pub mod export;
pub mod import;
pub mod interview;
pub(crate) mod output;
pub mod review;
pub mod schema;
pub mod sessions;
pub mod shell;

use std::io::Write;
use std::path::{Path, PathBuf};

/// How messages name standard input (`-`).
pub(crate) const STDIN_NAME: &str = "<stdin>";

/// Writes `value` as indented JSON, with what a terminal would act on
/// escaped (names come from the files).
pub(crate) fn write_json(
    value: &impl serde::Serialize,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(std::io::Error::other)?;
    writeln!(out, "{}", crate::display::json_safe(&text))
}

/// The saved interview a user names on the command line: a path (a rescue
/// copy elsewhere, a file mailed round), or an id as `sessions list` shows
/// it, found in the sessions folder or as the newer copy `Esc w` saved.
pub(crate) fn interview_file(sessions: &Path, named: &str) -> anyhow::Result<PathBuf> {
    if named.contains('/') || Path::new(named).is_file() {
        return Ok(PathBuf::from(named));
    }
    let id = named.trim_end_matches(".yaml");
    if id.is_empty() || id.starts_with('.') {
        anyhow::bail!("`{id}` is not an interview id; see `phonescreen sessions list`");
    }
    archive::files(sessions)?
        .files
        .into_iter()
        .map(|(path, _)| path)
        .find(|path| crate::store::session_id(path) == id)
        .ok_or_else(|| {
            anyhow::anyhow!(
                "no interview `{id}` in {}; see `phonescreen sessions list`",
                sessions.display()
            )
        })
}
