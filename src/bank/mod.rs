//! The question-bank contract: the model, loading and validation, the JSON
//! Schema, and where banks come from (built in, or the user's config folder).

pub(crate) mod diagnostic;
pub mod load;
pub(crate) mod locate;
pub(crate) mod model;
pub mod schema;

use std::path::{Path, PathBuf};

pub(crate) use diagnostic::{Diagnostic, Severity};
pub(crate) use load::Report;
pub use model::{Bank, Question, Section, Variable, fill_variables};

/// Name of the bank built into the binary.
pub(crate) const BUILTIN_NAME: &str = "software-engineer";
/// Text of the bank built into the binary.
pub const BUILTIN_TEXT: &str = include_str!("../../question_banks/software-engineer.yaml");
/// The commented starter bank written by `phonescreen bank new`.
pub const STARTER_TEXT: &str = include_str!("starter.yaml");

/// Where a bank came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Origin {
    /// Compiled into phonescreen.
    Builtin,
    /// A file on disk.
    File(PathBuf),
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::Builtin => write!(f, "built-in"),
            Origin::File(path) => write!(f, "{}", path.display()),
        }
    }
}

/// A bank that loaded cleanly, with its source text (for hashing) and origin.
#[derive(Debug, Clone)]
pub struct LoadedBank {
    /// The short name used with `--bank` (file stem).
    pub(crate) key: String,
    /// Where it came from.
    pub(crate) origin: Origin,
    /// The validated bank.
    pub(crate) bank: Bank,
    /// Hex SHA-256 of the file's bytes, saved with each interview.
    pub(crate) content_hash: String,
    /// Warnings found while loading.
    pub(crate) warnings: Vec<Diagnostic>,
}

/// A bank that could not be loaded: where, and why.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{}", render_failure(.origin, .diagnostics))]
pub struct BankError {
    /// Where the bank was looked for.
    pub(crate) origin: Origin,
    /// The problems found (errors first).
    pub(crate) diagnostics: Vec<Diagnostic>,
}

fn render_failure(origin: &Origin, diagnostics: &[Diagnostic]) -> String {
    let file = origin.to_string();
    diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.display_for(&file).to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Hex SHA-256 of a bank's bytes.
pub(crate) fn content_hash(bytes: &[u8]) -> String {
    use sha2::Digest;
    format!("{:x}", sha2::Sha256::digest(bytes))
}

fn finish(
    key: String,
    origin: Origin,
    bytes: &[u8],
    report: Report,
) -> Result<LoadedBank, BankError> {
    match report.bank {
        Some(bank) => Ok(LoadedBank {
            key,
            origin,
            bank,
            content_hash: content_hash(bytes),
            warnings: report.diagnostics,
        }),
        None => Err(BankError {
            origin,
            diagnostics: report.diagnostics,
        }),
    }
}

/// The bank compiled into the binary.
pub fn builtin() -> Result<LoadedBank, BankError> {
    let bytes = BUILTIN_TEXT.as_bytes();
    finish(
        BUILTIN_NAME.to_string(),
        Origin::Builtin,
        bytes,
        load::parse(bytes),
    )
}

/// Loads a bank file from disk.
pub fn from_file(path: &Path) -> Result<LoadedBank, BankError> {
    let origin = Origin::File(path.to_path_buf());
    let key = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    // Read once: the hash is of the very bytes that were checked.
    let (bytes, report) = match read_bytes(path) {
        Ok(bytes) => {
            let report = load::parse(&bytes);
            (bytes, report)
        }
        Err(diagnostic) => (Vec::new(), load::Report::failed(diagnostic)),
    };
    finish(key, origin, &bytes, report)
}

/// The bytes of the bank file at `path`, read without blocking and never
/// more than [`load::MAX_BANK_BYTES`] (see [`crate::fsread`]), or the one
/// error that says why not.
pub(crate) fn read_bytes(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    use crate::fsread::ReadError;
    let cap = load::MAX_BANK_BYTES as u64;
    crate::fsread::read_capped(path, cap).map_err(|err| {
        let message = match err {
            ReadError::Missing => "no such file; check the path and spelling".to_string(),
            ReadError::MissingFolder(dir) => format!(
                "no such file: the folder {} does not exist; check the path and spelling",
                dir.display()
            ),
            e if e.is_folder() => {
                "is a directory, not a bank file; name the .yaml files inside it".to_string()
            }
            ReadError::TooBig(_) => {
                // Only for the message: the read itself never trusted it.
                let size = std::fs::metadata(path).map_or(cap + 1, |m| m.len());
                return load::too_large(usize::try_from(size).unwrap_or(usize::MAX));
            }
            e @ ReadError::Io(_) => format!("cannot read the file: {e}"),
            other => other.to_string(),
        };
        Diagnostic::error("", message)
    })
}

/// The `.yaml`/`.yml` files in the user's bank folder, sorted by name.
pub(crate) fn user_bank_files(banks_dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(banks_dir) else {
        return Vec::new();
    };
    // Anything but a folder: a FIFO or a link to nothing named `*.yaml` is
    // listed, and loading it says what it is, rather than it being skipped
    // without a word.
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            !p.is_dir()
                && p.extension().is_some_and(|e| {
                    e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml")
                })
        })
        .collect();
    files.sort();
    files
}

/// Every bank phonescreen can offer: the built-in one, then the user's, each loaded or failed.
pub(crate) fn catalog(banks_dir: &Path) -> Vec<Result<LoadedBank, BankError>> {
    let mut all = vec![builtin()];
    all.extend(user_bank_files(banks_dir).iter().map(|p| from_file(p)));
    all
}

/// Finds a bank by `--bank` value: a path to a file, or the name of a built-in or user bank.
pub(crate) fn resolve(name_or_file: &str, banks_dir: &Path) -> Result<LoadedBank, BankError> {
    let as_path = Path::new(name_or_file);
    let looks_like_path = name_or_file.contains(std::path::MAIN_SEPARATOR)
        || name_or_file.ends_with(".yaml")
        || name_or_file.ends_with(".yml");
    if looks_like_path || (as_path.is_file() && name_or_file != BUILTIN_NAME) {
        return from_file(as_path);
    }
    for ext in ["yaml", "yml"] {
        let candidate = banks_dir.join(format!("{name_or_file}.{ext}"));
        // Whatever is there is tried, so a FIFO or a broken link says so.
        if std::fs::symlink_metadata(&candidate).is_ok() {
            return from_file(&candidate);
        }
    }
    if name_or_file == BUILTIN_NAME {
        return builtin();
    }
    let mut known = vec![BUILTIN_NAME.to_string()];
    known.extend(
        user_bank_files(banks_dir)
            .iter()
            .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned())),
    );
    Err(BankError {
        origin: Origin::File(as_path.to_path_buf()),
        diagnostics: vec![Diagnostic::error(
            "",
            format!(
                "no bank named `{name_or_file}`; known banks: {} (user banks live in {})",
                known.join(", "),
                banks_dir.display()
            ),
        )],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_bank_loads_without_warnings() {
        let loaded = builtin().expect("built-in bank must load");
        assert_eq!(loaded.bank.question_count(), 13);
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        assert_eq!(loaded.content_hash.len(), 64);
    }

    #[test]
    fn starter_bank_is_valid() {
        let report = load::parse(STARTER_TEXT.as_bytes());
        assert!(report.bank.is_some(), "{:?}", report.diagnostics);
        assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    }
}
