//! The command line, as clap definitions.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Walks you through a 30-minute technical phone screen: questions, a pacing
/// timer, and notes saved to disk as you type.
///
/// Run with no command to open the launcher.
#[derive(Debug, Parser)]
#[command(name = "phonescreen", version, propagate_version = true)]
pub struct Cli {
    /// Folder for settings and user banks [env: PHONESCREEN_CONFIG_DIR]
    #[arg(long, global = true, value_name = "DIR")]
    pub config_dir: Option<PathBuf>,

    /// Folder for saved interviews [env: PHONESCREEN_DATA_DIR]
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Top-level commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start an interview (opens the launcher form when something required is missing)
    Interview(InterviewArgs),
    /// Resume an interrupted interview: the newest, or the one named
    Resume {
        /// Interview id (file name without .yaml) as shown by `sessions list`, or a path to a saved interview
        #[arg(value_name = "ID|FILE")]
        id: Option<String>,
    },
    /// Browse the saved interviews: find (type to filter), read, compare, resume, amend
    Review {
        /// Start with this filter: words that must all appear in the
        /// candidate, role, bank, interviewer, summary or notes (any case)
        #[arg(value_name = "QUERY", num_args = 0..)]
        query: Vec<String>,
    },
    /// Saved interviews
    #[command(subcommand)]
    Sessions(SessionsCommand),
    /// Print an interview for a scorecard (Markdown or plain text) or for scripts (JSON, YAML)
    Export {
        /// An interview id as `sessions list` shows it, a path to a saved
        /// interview, or `last` for the newest [default: last]
        #[arg(value_name = "ID|FILE|last", conflicts_with = "all")]
        target: Option<String>,
        /// Markdown or plain text to paste into a hiring system; JSON or YAML of the whole record
        #[arg(long, value_enum, default_value_t = ExportFormat::Markdown, default_value_if("all", "true", "json"))]
        format: ExportFormat,
        /// Every saved interview, one JSON object per line; a file that
        /// cannot be read is named on standard error and skipped, with
        /// exit status 3
        #[arg(long)]
        all: bool,
        /// Only the questions that were asked, in the Markdown scorecard
        /// (the text scorecard has only those anyway)
        #[arg(long, conflicts_with = "all")]
        asked_only: bool,
        /// Write to this file (created readable by you alone) instead of the terminal
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Candidates side by side: one row per question, one column per interview
    Compare {
        /// Only interviews whose candidate, role, bank, interviewer, summary
        /// or notes hold every one of these words (any case)
        #[arg(value_name = "QUERY", num_args = 0..)]
        query: Vec<String>,
        /// Only interviews of this bank (its name or key)
        #[arg(long, value_name = "NAME")]
        bank: Option<String>,
        /// Print JSON for scripts (`phonescreen schema compare` describes it)
        #[arg(long)]
        json: bool,
    },
    /// For the bank's authors: time per section against its plan, and how
    /// often each question was asked, skipped or not reached, with its ratings
    Report {
        /// Only interviews of this bank (its name or key)
        #[arg(long, value_name = "NAME")]
        bank: Option<String>,
        /// Print JSON for scripts (`phonescreen schema report` describes it)
        #[arg(long)]
        json: bool,
    },
    /// Question banks: validate, list, schema, new
    #[command(subcommand)]
    Bank(BankCommand),
    /// Print the JSON Schema (draft 2020-12) of what a command writes as JSON
    Schema {
        /// Which document
        #[arg(value_enum, value_name = "NAME")]
        name: SchemaName,
    },
    /// Put exported interviews back into the archive: what `export --all`
    /// wrote (JSON lines), or one interview exported as JSON or YAML. An
    /// interview already there is only replaced by a newer copy
    Import {
        /// The export to read; `-` reads standard input
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Print a shell's completion script, to load from its startup file or
    /// completions folder
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print phonescreen's manual pages (roff): `phonescreen man | man -l -`
    Man {
        /// Write one page per command into this folder instead (such as
        /// ~/.local/share/man/man1)
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// config.yaml: where it is, or a commented one to start from
    #[command(subcommand)]
    Config(ConfigCommand),
}

/// The documents `phonescreen schema` describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SchemaName {
    /// `export --format json` (and YAML, and each line of `--all`)
    Export,
    /// `sessions list --json`
    Sessions,
    /// `compare --json`
    Compare,
    /// `report --json`
    Report,
    /// A bank file (the same as `bank schema`, draft-07)
    Bank,
}

/// Options for `phonescreen interview`.
#[derive(Debug, Args, Default, Clone)]
pub struct InterviewArgs {
    /// Bank name (built-in or in the config folder's banks/) or path to a bank file
    #[arg(long, value_name = "NAME|FILE")]
    pub(crate) bank: Option<String>,
    /// Candidate's name
    #[arg(long, value_name = "NAME")]
    pub(crate) candidate: Option<String>,
    /// Role the candidate is interviewing for
    #[arg(long, value_name = "ROLE")]
    pub(crate) role: Option<String>,
    /// Your name, saved with the notes
    #[arg(long, value_name = "NAME")]
    pub(crate) interviewer: Option<String>,
    /// Fill in a bank variable, e.g. --set company=Acme (repeatable)
    #[arg(long = "set", value_name = "VAR=VALUE", value_parser = parse_assignment)]
    pub(crate) set: Vec<(String, String)>,
    /// Interview length in minutes, overriding the bank's duration
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=480))]
    pub(crate) minutes: Option<u32>,
    /// The candidate's prep: a text or Markdown file (resume notes, the job
    /// description), shown before and during the call and saved with the
    /// interview
    #[arg(long, value_name = "FILE")]
    pub(crate) prep: Option<PathBuf>,
}

fn parse_assignment(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((name, value)) if !name.trim().is_empty() => {
            Ok((name.trim().to_string(), value.to_string()))
        }
        _ => Err(format!(
            "expected VAR=VALUE (for example company=Acme), got `{text}`"
        )),
    }
}

/// What `phonescreen export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// Laid out to paste into a scorecard that renders Markdown
    Markdown,
    /// No markup, lines of at most 72 columns, asked questions only: for
    /// plain-text scorecard boxes and email
    Text,
    /// The whole record (see the README for its fields)
    Json,
    /// The same as JSON, as YAML
    Yaml,
}

/// `phonescreen sessions ...`
#[derive(Debug, Subcommand)]
pub enum SessionsCommand {
    /// List saved interviews, newest first
    List {
        /// Print a JSON array instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Delete interviews with everything that belongs to them (journal,
    /// lock, temp files, rescue copies, index entries)
    Delete {
        /// Interview ids as `sessions list` shows them
        #[arg(required = true, value_name = "ID")]
        ids: Vec<String>,
        /// Do not ask before deleting
        #[arg(long)]
        yes: bool,
        /// List what would be deleted and delete nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Delete every interview that started longer ago than a given age (an
    /// interview whose start date is in the future or before 2000 is dated
    /// by its file's time instead, and listed as such)
    Purge {
        /// How old: 180d, 26w, 1y, 36h; at least a day (default: `retention:`
        /// in config.yaml)
        #[arg(long, value_name = "AGE", value_parser = parse_retention)]
        older_than: Option<std::time::Duration>,
        /// Delete every saved interview, whatever its age (those open in a
        /// running phonescreen are kept)
        #[arg(long, conflicts_with = "older_than")]
        all: bool,
        /// Do not ask before deleting
        #[arg(long)]
        yes: bool,
        /// List what would be deleted and delete nothing
        #[arg(long)]
        dry_run: bool,
    },
}

/// An age such as `180d`: a whole number and one of h, d, w, y.
pub fn parse_age(text: &str) -> Result<std::time::Duration, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .ok_or_else(|| format!("`{text}` has no unit; write it like 180d (h, d, w or y)"))?;
    let (number, unit) = text.split_at(split);
    let n: u64 = number
        .parse()
        .map_err(|_| format!("`{text}` does not start with a whole number; write it like 180d"))?;
    let hours = match unit {
        "h" => 1,
        "d" => 24,
        "w" => 24 * 7,
        "y" => 24 * 365,
        _ => {
            return Err(format!(
                "`{unit}` is not a unit; use h, d, w or y, as in 180d"
            ));
        }
    };
    n.checked_mul(hours * 3600)
        .map(std::time::Duration::from_secs)
        .ok_or_else(|| format!("`{text}` is too long ago"))
}

/// An age to delete interviews by (`--older-than`, `retention:`): as
/// [`parse_age`] reads it, and at least a day, since a shorter one takes
/// the interviews of today too; `--all` says that outright.
pub(crate) fn parse_retention(text: &str) -> Result<std::time::Duration, String> {
    let age = parse_age(text)?;
    if age < std::time::Duration::from_secs(24 * 3600) {
        return Err(format!(
            "`{}` is less than a day, which would delete today's interviews too; use 1d or more (to delete every interview, `phonescreen sessions purge --all`)",
            text.trim()
        ));
    }
    Ok(age)
}

/// An age as `parse_age` reads it: in the largest unit that says it
/// exactly (`180d`, `2w`, `1y`, `36h`).
pub(crate) fn format_age(age: std::time::Duration) -> String {
    let hours = age.as_secs() / 3600;
    let (n, unit) = match hours {
        0 => (0, "h"),
        h if h % (24 * 365) == 0 => (h / (24 * 365), "y"),
        h if h % (24 * 7) == 0 => (h / (24 * 7), "w"),
        h if h % 24 == 0 => (h / 24, "d"),
        h => (h, "h"),
    };
    format!("{n}{unit}")
}

/// `phonescreen bank ...`
#[derive(Debug, Subcommand)]
pub enum BankCommand {
    /// Check bank files; prints FILE:LINE:COLUMN: error: ... and exits 1 on any error
    Validate {
        /// Bank files to check; `-` reads standard input (named `<stdin>`)
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// How to print the problems: lines for people, a JSON array for
        /// scripts, or GitHub Actions annotations
        #[arg(long, value_enum, default_value_t = ValidateFormat::Text)]
        format: ValidateFormat,
    },
    /// List the built-in bank and your banks, with their question counts
    List,
    /// Print the bank format's JSON Schema (draft-07) for editors
    Schema,
    /// Write a commented starter bank that validates
    New {
        /// Where to write it
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Overwrite the file if it exists
        #[arg(long)]
        force: bool,
    },
}

/// What `phonescreen bank validate` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ValidateFormat {
    /// `FILE:LINE:COLUMN: error: PATH: message`, then a summary line
    Text,
    /// One JSON array of every problem: file, line, column, severity, path, message
    Json,
    /// GitHub Actions workflow commands (`::error file=…,line=…,col=…::…`),
    /// which annotate the lines in a pull request
    Github,
}

/// `phonescreen config ...`
#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print where config.yaml is (or would be)
    Path,
    /// Write a commented config.yaml with every setting and its default
    Init {
        /// Overwrite an existing config.yaml
        #[arg(long)]
        force: bool,
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn ages_read_back_as_they_were_written() {
        for text in ["180d", "2w", "1y", "36h", "0h", "400d"] {
            assert_eq!(format_age(parse_age(text).unwrap()), text);
        }
        assert_eq!(format_age(parse_age("14d").unwrap()), "2w");
    }

    #[test]
    fn an_age_to_delete_by_is_a_day_or_more() {
        for short in ["0d", "0h", "12h", "23h"] {
            let err = parse_retention(short).unwrap_err();
            assert!(
                err.contains("less than a day") && err.contains("--all"),
                "{err}"
            );
        }
        for long in ["24h", "1d", "180d", "1y"] {
            assert_eq!(parse_retention(long), parse_age(long), "{long}");
        }
    }

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn assignments_need_a_name() {
        assert_eq!(
            parse_assignment("company=Acme=Inc"),
            Ok(("company".into(), "Acme=Inc".into()))
        );
        assert!(parse_assignment("=x").is_err());
        assert!(parse_assignment("nothing").is_err());
    }
}
