//! `phonescreen`, `phonescreen interview`, `phonescreen resume` and
//! `phonescreen review`: open the terminal UI on the launcher, a new
//! interview, an interrupted one, or the saved ones.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use crate::bank::{self, LoadedBank};
use crate::cli::InterviewArgs;
use crate::config::Config;
use crate::display::{escape, escape_lines};
use crate::interview::{Now, Setup};
use crate::paths::Paths;
use crate::store;
use crate::store::remembered::Remembered;
use crate::tui::app::{App, Exit};
use crate::tui::event_loop;
use crate::tui::theme::Theme;

fn need_terminal() -> anyhow::Result<()> {
    if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        bail!(
            "the interview screen needs a terminal; for scripts use `phonescreen sessions list` or `phonescreen bank validate`"
        );
    }
    Ok(())
}

/// Builds the setup from the command line, over what the last interview on
/// `bank` used (`remembered`), over the config file's defaults.
pub(crate) fn setup_from(
    args: &InterviewArgs,
    config: &Config,
    remembered: &Remembered,
    bank: &str,
) -> Setup {
    let mut variables: BTreeMap<String, String> = config.variables.clone();
    variables.extend(remembered.variables_for(bank));
    variables.extend(args.set.iter().cloned());
    Setup {
        candidate: args.candidate.clone().unwrap_or_default(),
        role: args.role.clone().unwrap_or_default(),
        interviewer: args
            .interviewer
            .clone()
            .or_else(|| remembered.interviewer.clone())
            .or_else(|| config.interviewer.clone())
            .unwrap_or_default(),
        variables,
        minutes: args.minutes,
        prep: None,
    }
}

/// Checks `--set` names against the bank, so a typo is caught before the call.
pub(crate) fn check_variables(bank: &LoadedBank, args: &InterviewArgs) -> anyhow::Result<()> {
    let known: Vec<&str> = bank
        .bank
        .variables
        .iter()
        .map(|v| v.name.as_str())
        .collect();
    for (name, _) in &args.set {
        if !known.contains(&name.as_str()) {
            let list = if known.is_empty() {
                "it has none".to_string()
            } else {
                format!("its variables are: {}", known.join(", "))
            };
            bail!(
                "--set {name}=…: bank `{}` has no variable `{name}`; {list}",
                bank.key
            );
        }
    }
    Ok(())
}

/// Runs the UI on `app` and says goodbye once the terminal is restored.
fn run(
    mut app: App,
    signals: &crate::tui::signals::Signals,
    inbox: &std::sync::mpsc::Receiver<crate::tui::event::Event>,
) -> anyhow::Result<Exit> {
    use std::io::Write;
    let exit = event_loop::run(&mut app, signals, inbox);
    let path = app.interview_path();
    let farewell = app.close();
    let exit = exit.context("terminal error")?;
    // The terminal may be gone (closed window, ssh drop): never fail on printing.
    // It names files, and a file's name (`resume FILE`) is anyone's text.
    if let Some(message) = &farewell {
        let _ = writeln!(std::io::stdout(), "{}", escape_lines(message));
    }
    // Say why it ended without being asked to; where the notes are is in the
    // farewell already when there is one.
    let why = match exit {
        Exit::Normal => None,
        Exit::Signal(number) => Some(format!(
            "phonescreen was stopped by {}",
            signal_name(number)
        )),
        Exit::TerminalLost => Some("phonescreen lost its terminal".to_string()),
        Exit::Crashed => Some("phonescreen stopped after the error above".to_string()),
    };
    if let Some(why) = why {
        let _ = match (&farewell, path) {
            (None, Some(path)) => writeln!(
                std::io::stderr(),
                "{why}; the interview is saved in {}",
                escape(&path.display().to_string())
            ),
            _ => writeln!(std::io::stderr(), "{why}."),
        };
    }
    Ok(exit)
}

/// `SIGINT` and the like, for the signals phonescreen stops on.
fn signal_name(number: i32) -> String {
    let name = match number {
        libc::SIGINT => "SIGINT",
        libc::SIGTERM => "SIGTERM",
        libc::SIGHUP => "SIGHUP",
        libc::SIGQUIT => "SIGQUIT",
        libc::SIGUSR1 => "SIGUSR1",
        libc::SIGUSR2 => "SIGUSR2",
        libc::SIGPIPE => "SIGPIPE",
        libc::SIGALRM => "SIGALRM",
        _ => return format!("signal {number}"),
    };
    name.to_string()
}

/// The bank the command line or the config file names, or the built-in one.
fn chosen_bank(paths: &Paths, config: &Config, args: &InterviewArgs) -> anyhow::Result<LoadedBank> {
    let bank = match args.bank.as_ref().or(config.bank.as_ref()) {
        Some(choice) => bank::resolve(choice, &paths.banks_dir())?,
        None => bank::builtin()?,
    };
    Ok(bank)
}

/// `phonescreen [interview ...]`: the first question at once when the
/// command line says everything, else the launcher form, pre-filled.
pub fn interview(paths: Paths, config: Config, args: &InterviewArgs) -> anyhow::Result<Exit> {
    let bank = chosen_bank(&paths, &config, args)?;
    check_variables(&bank, args)?;
    let remembered = Remembered::load(&paths.data_dir);
    let mut setup = setup_from(args, &config, &remembered, &bank.key);
    if let Some(path) = &args.prep {
        // Before the terminal is taken: a PDF given by mistake is said here.
        let prep = crate::store::prep::read_prep(path).map_err(|why| {
            anyhow::anyhow!(
                "cannot use the prep file {}: {why}",
                escape(&path.display().to_string())
            )
        })?;
        setup.prep = Some(prep);
    }
    let ready = !setup.candidate.trim().is_empty()
        && !setup.role.trim().is_empty()
        && bank.bank.variables.iter().all(|v| {
            v.default.is_some()
                || setup
                    .variables
                    .get(&v.name)
                    .is_some_and(|value| !value.trim().is_empty())
        });
    if ready {
        // Before anything is written: never a file that cannot be read back.
        crate::interview::check_start(&bank, &setup).map_err(anyhow::Error::msg)?;
    }
    need_terminal()?;
    let theme = Theme::from_env(config.symbols);
    let (signals, mailbox, inbox) = event_loop::prepare().context("cannot set up signals")?;
    let app = if ready {
        App::interview(paths, config, theme, &bank, &setup, mailbox, Now::real())
    } else {
        // The launcher does its own pre-filling, bank by bank: it is given
        // only what the command line said.
        let given = Setup {
            variables: args.set.iter().cloned().collect(),
            prep: None,
            ..setup
        };
        let prep = args.prep.as_ref().map(|p| p.display().to_string());
        let app = App::launcher(paths, config, theme, &given, Some(bank), mailbox);
        match prep {
            Some(path) => app.with_prep(&path),
            None => app,
        }
    };
    run(app, &signals, &inbox)
}

/// The interview `resume` names: an id, a file, or the newest interrupted one.
fn resume_target(sessions: &Path, id: Option<&str>) -> anyhow::Result<PathBuf> {
    let path = match id {
        Some(named) => super::interview_file(sessions, named)?,
        None => {
            // Nothing to resume in a folder that cannot be read is no answer.
            super::archive::files(sessions)?;
            match store::newest_resumable(sessions) {
                Some(s) => s.path,
                None => bail!("no interrupted interview to resume; start one with `phonescreen`"),
            }
        }
    };
    // Before anything is locked or written beside it: a FIFO, a device or a
    // link to nothing is named, never opened for good.
    if let Err(e) = crate::fsread::open_regular(&path) {
        bail!("cannot resume {}: {e}", path.display());
    }
    Ok(path)
}

/// `phonescreen resume [ID|FILE]`.
pub fn resume(paths: Paths, config: Config, id: Option<&str>) -> anyhow::Result<Exit> {
    let path = resume_target(&paths.sessions_dir(), id)?;
    need_terminal()?;
    let theme = Theme::from_env(config.symbols);
    let (signals, mailbox, inbox) = event_loop::prepare().context("cannot set up signals")?;
    let app = App::resume(paths, config, theme, &path, mailbox, Now::real())?;
    run(app, &signals, &inbox)
}

/// `phonescreen review [QUERY]`: the saved interviews, filtered by `query`.
pub fn review(paths: Paths, config: Config, query: &str) -> anyhow::Result<Exit> {
    // Before the screen: an archive that cannot be read is said here, not
    // shown as an empty list.
    super::archive::files(&paths.sessions_dir())?;
    need_terminal()?;
    let theme = Theme::from_env(config.symbols);
    let (signals, mailbox, inbox) = event_loop::prepare().context("cannot set up signals")?;
    let app = App::review(paths, config, theme, query, mailbox);
    run(app, &signals, &inbox)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resume_by_id_takes_the_newer_of_the_file_and_its_rescue_copy() {
        let tmp = tempfile::tempdir().unwrap();
        let sessions = tmp.path().join("sessions");
        let rescue = tmp.path().join(store::DATA_RESCUE_DIR);
        let record = store::testing::sample_record(2, 10);
        let original = sessions.join("20250304-101500-ada.yaml");
        let copy = rescue.join("20250304-101500-ada.yaml");
        for path in [&original, &copy] {
            crate::paths::create_private_dir(path.parent().unwrap()).unwrap();
            store::write_record(path, &record).unwrap();
        }
        let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        let older = |path: &Path| {
            std::fs::File::options()
                .write(true)
                .open(path)
                .unwrap()
                .set_modified(an_hour_ago)
                .unwrap();
        };
        older(&original);
        let id = Some("20250304-101500-ada");
        assert_eq!(resume_target(&sessions, id).unwrap(), copy);
        store::write_record(&original, &record).unwrap();
        older(&copy);
        assert_eq!(resume_target(&sessions, id).unwrap(), original);
        let err = resume_target(&sessions, Some("20250304-101500-bob")).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("no interview `20250304-101500-bob` in")
        );
    }
}
