//! `phonescreen`, `phonescreen interview` and `phonescreen resume`: open the
//! terminal UI on the launcher, a new interview, or an interrupted one.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use crate::bank::{self, LoadedBank};
use crate::cli::InterviewArgs;
use crate::config::Config;
use crate::interview::Setup;
use crate::paths::Paths;
use crate::store;
use crate::tui::app::{App, Screen};
use crate::tui::event_loop::{self, Exit};
use crate::tui::live::Now;
use crate::tui::theme::Theme;

/// How the UI ended, for the exit code.
pub type Outcome = Result<Exit, String>;

fn need_terminal() -> Result<(), String> {
    if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        Ok(())
    } else {
        Err("the interview screen needs a terminal; for scripts use `phonescreen sessions list` or `phonescreen bank validate`".to_string())
    }
}

fn prepare(paths: &Paths) {
    // Temp files left by a killed phonescreen are never newer than the file they shadow.
    let _ = store::cleanup_stale_temps(&paths.sessions_dir());
}

/// Builds the setup from the command line over the config file's defaults.
pub fn setup_from(args: &InterviewArgs, config: &Config) -> Setup {
    let mut variables: BTreeMap<String, String> = config.variables.clone();
    variables.extend(args.set.iter().cloned());
    Setup {
        candidate: args.candidate.clone().unwrap_or_default(),
        role: args.role.clone().unwrap_or_default(),
        interviewer: args
            .interviewer
            .clone()
            .or_else(|| config.interviewer.clone())
            .unwrap_or_default(),
        variables,
        minutes: args.minutes,
    }
}

/// Checks `--set` names against the bank, so a typo is caught before the call.
pub fn check_variables(bank: &LoadedBank, args: &InterviewArgs) -> Result<(), String> {
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
            return Err(format!(
                "--set {name}=…: bank `{}` has no variable `{name}`; {list}",
                bank.key
            ));
        }
    }
    Ok(())
}

fn finish(app: App, exit: Exit) -> Outcome {
    use std::io::Write;
    // The terminal may be gone (closed window, ssh drop): never fail on printing.
    if let Some(message) = &app.farewell {
        let _ = writeln!(std::io::stdout(), "{message}");
    }
    match exit {
        Exit::Signal(_) | Exit::TerminalLost => {
            if let Some(path) = app.interview_path() {
                let _ = writeln!(
                    std::io::stderr(),
                    "phonescreen stopped; the interview is saved in {}",
                    path.display()
                );
            }
        }
        Exit::Normal => {}
    }
    Ok(exit)
}

/// `phonescreen [interview ...]`.
pub fn interview(paths: Paths, config: Config, args: &InterviewArgs) -> Outcome {
    prepare(&paths);
    let bank_choice = args.bank.clone().or_else(|| config.bank.clone());
    let bank = match &bank_choice {
        Some(choice) => bank::resolve(choice, &paths.banks_dir()).map_err(|e| e.to_string())?,
        None => bank::builtin().map_err(|e| e.to_string())?,
    };
    check_variables(&bank, args)?;
    let setup = setup_from(args, &config);
    need_terminal()?;
    let theme = Theme::from_env();
    let mut app = App::launcher(paths, config, theme, &setup, bank_choice.as_deref());
    let ready = matches!(&app.screen, Screen::Launcher(l) if l.first_missing().is_none());
    if ready && !setup.candidate.is_empty() {
        app.start(&bank, &setup, Now::real());
    }
    let (app, exit) = event_loop::run(app).map_err(|e| format!("terminal error: {e}"))?;
    finish(app, exit)
}

/// `phonescreen resume [ID|FILE]`.
pub fn resume(paths: Paths, config: Config, id: Option<&str>) -> Outcome {
    prepare(&paths);
    let sessions = paths.sessions_dir();
    let path: PathBuf = match id {
        Some(file) if Path::new(file).is_file() => PathBuf::from(file),
        Some(id) => {
            let id = id.trim_end_matches(".yaml");
            if id.is_empty() || id.contains('/') || id.starts_with('.') {
                return Err(format!(
                    "`{id}` is not an interview id; see `phonescreen sessions list`"
                ));
            }
            let path = sessions.join(format!("{id}.yaml"));
            if !path.is_file() {
                return Err(format!(
                    "no interview `{id}` in {}; see `phonescreen sessions list`",
                    sessions.display()
                ));
            }
            path
        }
        None => match store::find_resumable(&sessions).first() {
            Some(s) => s.path.clone(),
            None => {
                return Err(
                    "no interrupted interview to resume; start one with `phonescreen`".to_string(),
                );
            }
        },
    };
    need_terminal()?;
    let theme = Theme::from_env();
    let mut app = App::launcher(paths, config, theme, &Setup::default(), None);
    app.resume(&path, Now::real())?;
    let (app, exit) = event_loop::run(app).map_err(|e| format!("terminal error: {e}"))?;
    finish(app, exit)
}
