//! The running app: which screen is showing, and how events move between
//! screens. Starting and resuming interviews (files, locks) happen here, in
//! `update`, never in drawing.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crossterm::event::{Event, KeyEventKind};

use super::action::Action;
use super::keymap::{self, Mode};
use super::launcher::{Launcher, LauncherOutcome};
use super::live::{Downtime, Effects, FinishInput, Live, Now, describe_downtime};
use super::theme::Theme;
use crate::bank::{self, LoadedBank};
use crate::config::Config;
use crate::interview::{Interview, Setup};
use crate::paths::Paths;
use crate::store::{self, Saver, SessionLock};

/// Time away after which a resume does not count the gap as interview time:
/// a crash mid-call is back within minutes, a reopened laptop is not.
pub const COUNT_AWAY_UP_TO: Duration = Duration::from_secs(15 * 60);

/// The screen after finishing.
#[derive(Debug, Clone)]
pub struct Done {
    /// Where the interview was saved.
    pub path: PathBuf,
    /// Candidate's name.
    pub candidate: String,
    /// The recommendation given.
    pub recommendation: String,
}

/// What is on screen.
pub enum Screen {
    /// Start, resume, or look at saved interviews.
    Launcher(Box<Launcher>),
    /// An interview in progress.
    Live(Box<Live>),
    /// Finished: where the file is.
    Done(Done),
}

/// The whole app.
pub struct App {
    /// What is on screen.
    pub screen: Screen,
    /// Folders.
    pub paths: Paths,
    /// Settings.
    pub config: Config,
    /// Styles.
    pub theme: Theme,
    /// Set when the app should exit.
    pub quit: bool,
    /// Printed after the terminal is restored.
    pub farewell: Option<String>,
}

impl App {
    /// The launcher over the built-in and user banks, pre-filled from `setup`.
    pub fn launcher(
        paths: Paths,
        config: Config,
        theme: Theme,
        setup: &Setup,
        preferred_bank: Option<&str>,
    ) -> Self {
        let mut banks = Vec::new();
        let mut problems = Vec::new();
        for entry in bank::catalog(&paths.banks_dir()) {
            match entry {
                Ok(b) => banks.push(b),
                Err(e) => problems.push(format!(
                    "bank {} has errors; run `phonescreen bank validate` on it",
                    e.origin
                )),
            }
        }
        let mut chosen = 0;
        if let Some(pref) = preferred_bank {
            match bank::resolve(pref, &paths.banks_dir()) {
                Ok(b) => match banks.iter().position(|x| x.origin == b.origin) {
                    Some(i) => chosen = i,
                    None => {
                        banks.push(b);
                        chosen = banks.len() - 1;
                    }
                },
                Err(e) => problems.push(e.to_string()),
            }
        }
        let listing = store::list(&paths.sessions_dir());
        let resumable = store::find_resumable(&paths.sessions_dir());
        let saved_problems = listing
            .problems
            .iter()
            .map(|(p, why)| format!("{}: {why}", p.display()))
            .collect();
        let launcher = Launcher::new(
            banks,
            problems,
            chosen,
            setup,
            resumable,
            listing.sessions,
            saved_problems,
        );
        Self {
            screen: Screen::Launcher(Box::new(launcher)),
            paths,
            config,
            theme,
            quit: false,
            farewell: None,
        }
    }

    /// Starts a new interview on `bank` and shows it.
    pub fn start(&mut self, bank: &LoadedBank, setup: &Setup, now: Now) {
        let sessions = self.paths.sessions_dir();
        let path =
            store::new_session_path(&sessions, now.wall, &setup.candidate).unwrap_or_else(|_| {
                sessions.join(store::session_file_name(now.wall, &setup.candidate))
            });
        let lock = SessionLock::acquire(&path).ok();
        let interview = Interview::start(bank, setup, now.instant, now.wall);
        let mut live = Live::new(interview, Saver::new(path), lock, self.config.bell, now);
        for w in &bank.warnings {
            live.notice = Some(format!(
                "Bank warning: {}",
                w.display_for(&bank.origin.to_string())
            ));
        }
        live.save(now, true);
        self.screen = Screen::Live(Box::new(live));
    }

    /// Resumes the interview saved at `path` and shows it; an error says why not.
    pub fn resume(&mut self, path: &Path, now: Now) -> Result<(), String> {
        let record = store::load(path).map_err(|e| e.to_string())?;
        if record.status == crate::interview::Status::Completed {
            return Err(format!(
                "the interview with {} was finished, so there is nothing to resume; its notes are in {}",
                record.candidate,
                path.display()
            ));
        }
        let lock = SessionLock::acquire(path).map_err(|e| e.to_string())?;
        // Read again under the lock, so nothing written in between is missed.
        let record = store::load(path).map_err(|e| e.to_string())?;
        let away = (now.wall - record.updated_at).to_std().unwrap_or_default();
        let counted = away <= COUNT_AWAY_UP_TO;
        let was_paused = record.paused;
        let interview = Interview::resume_after(record, away, counted, now.instant);
        let mut live = Live::new(
            interview,
            Saver::new(path.to_path_buf()),
            Some(lock),
            self.config.bell,
            now,
        );
        if was_paused {
            live.notice =
                Some("Resumed while paused: F5 or Esc p carries on with the timer".into());
        } else {
            live.downtime = Some(Downtime { away, counted });
            live.notice = Some(describe_downtime(away, counted));
        }
        live.save(now, true);
        self.screen = Screen::Live(Box::new(live));
        Ok(())
    }

    /// The file of the interview on screen, if any.
    pub fn interview_path(&self) -> Option<PathBuf> {
        match &self.screen {
            Screen::Live(live) => Some(live.path()),
            Screen::Done(done) => Some(done.path.clone()),
            Screen::Launcher(_) => None,
        }
    }

    /// Saves and flushes the interview on screen (before exit, on signals).
    pub fn save_now(&mut self, now: Now) {
        if let Screen::Live(live) = &mut self.screen {
            live.save(now, true);
        }
    }

    /// Handles one terminal event.
    pub fn handle(&mut self, event: Event, now: Now) -> Effects {
        match &mut self.screen {
            Screen::Launcher(launcher) => {
                let outcome = match event {
                    Event::Key(key) => launcher.key(key),
                    Event::Paste(text) => {
                        launcher.paste(&text);
                        LauncherOutcome::Nothing
                    }
                    _ => LauncherOutcome::Nothing,
                };
                match outcome {
                    LauncherOutcome::Nothing => {}
                    LauncherOutcome::Quit => self.quit = true,
                    LauncherOutcome::Start(i, setup) => {
                        if let Some(bank) = launcher.banks.get(i).cloned() {
                            self.start(&bank, &setup, now);
                        }
                    }
                    LauncherOutcome::Resume(path) => {
                        if let (Err(e), Screen::Launcher(l)) =
                            (self.resume(&path, now), &mut self.screen)
                        {
                            l.error = Some(e);
                        }
                    }
                }
                Effects::default()
            }
            Screen::Live(live) => {
                let effects = if live.finish.is_some() {
                    match event {
                        Event::Key(key) => live.finish_input(FinishInput::Key(key), now),
                        Event::Paste(text) => live.finish_input(FinishInput::Paste(text), now),
                        _ => Effects::default(),
                    }
                } else {
                    let action = match event {
                        Event::Key(key) => keymap::interview(live.mode, key),
                        Event::Paste(text) => Some(Action::Paste(text)),
                        _ => None,
                    };
                    match action {
                        Some(action) => {
                            if live.mode != Mode::Typing || !matches!(action, Action::Edit(_)) {
                                live.notice = None;
                            }
                            live.update(action, now)
                        }
                        None => Effects::default(),
                    }
                };
                if effects.finished {
                    let record = live.interview.record();
                    self.screen = Screen::Done(Done {
                        path: live.path(),
                        candidate: record.candidate.clone(),
                        recommendation: record
                            .recommendation
                            .map_or("none", |r| r.label())
                            .to_string(),
                    });
                } else if effects.quit {
                    self.farewell = Some(format!(
                        "Interview saved (in progress) to {}\nCarry on with: {}",
                        live.path().display(),
                        super::live::resume_command(&live.path())
                    ));
                    self.quit = true;
                }
                effects
            }
            Screen::Done(done) => {
                if matches!(event, Event::Key(k) if k.kind == KeyEventKind::Press) {
                    self.farewell = Some(format!("Interview saved to {}", done.path.display()));
                    self.quit = true;
                }
                Effects::default()
            }
        }
    }

    /// The timer ticked or a flush is due.
    pub fn tick(&mut self, now: Now) -> Effects {
        match &mut self.screen {
            Screen::Live(live) => live.tick(now),
            _ => Effects::default(),
        }
    }

    /// How long the loop may sleep before something on screen changes.
    pub fn next_wake(&self, now: Now) -> Duration {
        match &self.screen {
            Screen::Live(live) => live.next_wake(now.instant),
            // Nothing changes by itself on the other screens.
            _ => Duration::from_secs(3600),
        }
    }
}
