//! The running app: the stack of screens, how commands and events reach it, and the
//! moves between screens (start, resume, finish, quit). Starting and resuming
//! themselves are the store's (`store::session`); this only wires them in.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;

use super::clipboard::{Handed, Route};
use super::command::Command;
pub use super::event::Mailbox;
use super::event::{Event, ListedItem};
use super::keymap::{Keymap, Mode};
use super::messages::{describe_unsaved, resume_command};
use super::screens::done::DoneScreen;
use super::screens::interview::{InterviewScreen, Outcome, Update};
use super::screens::launcher::{Launcher, LauncherOutcome};
use super::screens::review::{AmendOutcome, Amending, ReviewOutcome, ReviewScreen, Scorecard};
use super::screens::{is_too_small, too_small};
use super::theme::Theme;
use super::worker::Begun;
use crate::bank::{self, LoadedBank};
use crate::config::Config;
use crate::interview::{Interview, Now, Setup, Status};
use crate::paths::Paths;
use crate::review::Archive;
use crate::review::index::Item;
use crate::store::remembered::Remembered;
use crate::store::session::{self, ResumeError, Session};
use crate::store::{self, Kept};

/// How the app ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The interviewer quit or finished.
    Normal,
    /// A signal asked phonescreen to stop (the number).
    Signal(i32),
    /// The terminal went away.
    TerminalLost,
    /// Another thread of phonescreen panicked; the panic hook gave the
    /// terminal back and said so, and the interview was saved.
    Crashed,
}

/// What the event loop must do after an update.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Effects {
    /// Ring the terminal bell.
    pub bell: bool,
    /// Stop to the shell (everything is saved first).
    pub suspend: bool,
    /// Put this text on the clipboard, by [`App::clipboard`]'s route.
    /// Never set for a terminal that cannot take a copy: then the file
    /// alone holds it.
    pub copy: Option<String>,
}

impl Effects {
    fn merge(&mut self, other: Effects) {
        self.bell |= other.bell;
        self.suspend |= other.suspend;
        if other.copy.is_some() {
            self.copy = other.copy;
        }
    }
}

/// What the event loop read or heard, before it is carried out: keys
/// become commands only when they are applied, in the mode of that moment.
#[derive(Debug, Clone)]
pub enum Step {
    /// A key, and whether it came in a burst (several keys read at once).
    Key(KeyEvent, bool),
    /// Text pasted.
    Paste(String),
    /// Something that happened.
    Event(Event),
}

impl Step {
    /// The step for a terminal event, if it means anything here.
    pub fn from_event(event: crossterm::event::Event, burst: bool) -> Option<Self> {
        match event {
            crossterm::event::Event::Key(key) => Some(Step::Key(key, burst)),
            crossterm::event::Event::Paste(text) => Some(Step::Paste(text)),
            crossterm::event::Event::Resize(..) => Some(Step::Event(Event::Resize)),
            _ => None,
        }
    }
}

/// The text a key types, for keys that only type: a character, or a line break.
fn text_of(key: &KeyEvent) -> Option<char> {
    let typing = !key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    match key.code {
        KeyCode::Char(c) if typing => Some(c),
        KeyCode::Enter if key.modifiers.is_empty() => Some('\n'),
        _ => None,
    }
}

/// What is on screen.
#[derive(Debug)]
enum Screen {
    /// Start, resume, or look at saved interviews.
    Launcher(Box<Launcher>),
    /// An interview in progress.
    Interview(Box<InterviewScreen>),
    /// Finished: where the file is.
    Done(Box<DoneScreen>),
    /// The saved interviews.
    Review(Box<ReviewScreen>),
    /// Amending a finished interview, over the review screen.
    Amend(Box<Amending>),
}

/// The whole app.
#[derive(Debug)]
pub struct App {
    /// The screen on top: it takes the keys and draws.
    screen: Screen,
    /// The screens under it, to go back to (the launcher under the review
    /// screen opened from it). They hear what happens, and take no keys.
    below: Vec<Screen>,
    paths: Paths,
    config: Config,
    theme: Theme,
    mailbox: Mailbox,
    exit: Option<Exit>,
    /// What to print once the terminal is restored: where each interview
    /// of this run is (several when interviews ran back to back).
    farewell: Vec<String>,
    /// How a copy leaves: to the clipboard, to a file in `exports/` as
    /// well, or only to the file (the screen names it).
    clipboard: Route,
    /// A copy's file is being written on another thread.
    copying: bool,
    /// An interview is being started or resumed on another thread: the
    /// keys and pastes that came meanwhile, for it.
    opening: Option<Vec<Step>>,
    /// What the launcher pre-fills: the last interviewer and variable values.
    remembered: Remembered,
    /// What keys mean: the built-in tables with config.yaml's changes.
    keys: Arc<Keymap>,
}

impl App {
    fn with(screen: Screen, paths: Paths, config: Config, theme: Theme, mailbox: Mailbox) -> Self {
        Self::remembering(
            screen,
            Remembered::load(&paths.data_dir),
            paths,
            config,
            theme,
            mailbox,
        )
    }

    /// [`App::with`] and what the launcher remembers, read already.
    fn remembering(
        screen: Screen,
        remembered: Remembered,
        paths: Paths,
        config: Config,
        theme: Theme,
        mailbox: Mailbox,
    ) -> Self {
        Self {
            keys: config.keymap(),
            remembered,
            screen,
            below: Vec::new(),
            paths,
            config,
            theme,
            mailbox,
            exit: None,
            farewell: Vec::new(),
            clipboard: Route::here(),
            copying: false,
            opening: None,
        }
    }

    /// How copies leave: by default decided from this process's
    /// environment ([`Route::here`]); tests set it to see every way.
    pub fn set_clipboard(&mut self, route: Route) {
        self.clipboard = route;
    }

    /// How copies leave; the event loop hands [`Effects::copy`] over by it.
    pub fn clipboard(&self) -> Route {
        self.clipboard
    }

    /// The launcher over the built-in and user banks, pre-filled from
    /// `setup`, with `preferred` selected; the saved interviews are read on
    /// another thread and arrive through the mailbox.
    pub fn launcher(
        paths: Paths,
        config: Config,
        theme: Theme,
        setup: &Setup,
        preferred: Option<LoadedBank>,
        mailbox: Mailbox,
    ) -> Self {
        let remembered = Remembered::load(&paths.data_dir);
        let launcher = new_launcher(&paths, &config, &remembered, setup, preferred, &mailbox);
        Self::remembering(
            Screen::Launcher(Box::new(launcher)),
            remembered,
            paths,
            config,
            theme,
            mailbox,
        )
    }

    /// [`App::launcher`] with the prep file `path` filled in.
    pub fn with_prep(mut self, path: &str) -> Self {
        if let Screen::Launcher(launcher) = self.screen {
            self.screen = Screen::Launcher(Box::new(launcher.with_prep(path)));
        }
        self
    }

    /// Keeps what an interview on `bank` used, for the next launcher (saved
    /// by the caller, best effort: a failure only costs the pre-filling).
    fn remember(&mut self, bank: &LoadedBank, setup: &Setup) {
        self.remembered.record(
            &bank.key,
            &setup.interviewer,
            &setup.variables,
            self.config.interviewer.as_deref(),
            &self.config.variables,
        );
    }
}

/// The launcher over the built-in and user banks, pre-filled from `setup`
/// and from what was `remembered`, with `preferred` selected; the saved
/// interviews are read on another thread and arrive through the mailbox.
fn new_launcher(
    paths: &Paths,
    config: &Config,
    remembered: &Remembered,
    setup: &Setup,
    preferred: Option<LoadedBank>,
    mailbox: &Mailbox,
) -> Launcher {
    {
        let mut banks = Vec::new();
        let mut problems = Vec::new();
        let mut chosen = 0;
        let mut preferred = preferred;
        let origins = std::iter::once(bank::Origin::Builtin).chain(
            bank::user_bank_files(&paths.banks_dir())
                .into_iter()
                .map(bank::Origin::File),
        );
        for origin in origins {
            // The preferred bank is loaded already: each bank is parsed once.
            let entry = match preferred.take_if(|b| b.origin == origin) {
                Some(b) => {
                    chosen = banks.len();
                    Ok(b)
                }
                None => match &origin {
                    bank::Origin::Builtin => bank::builtin(),
                    bank::Origin::File(path) => bank::from_file(path),
                },
            };
            match entry {
                Ok(b) => banks.push(b),
                Err(e) => problems.push(format!(
                    "bank {} has errors; run `phonescreen bank validate` on it",
                    e.origin
                )),
            }
        }
        if let Some(b) = preferred {
            banks.push(b);
            chosen = banks.len() - 1;
        }
        spawn_listing(paths.sessions_dir(), mailbox.clone());
        Launcher::new(banks, problems, chosen, setup)
            .with_memory(remembered.variables.clone(), config.variables.clone())
            .with_retention(config.retention)
            .with_keys(config.keymap())
    }
}

impl App {
    /// A new interview on `bank`, straight to its first question.
    pub fn interview(
        paths: Paths,
        config: Config,
        theme: Theme,
        bank: &LoadedBank,
        setup: &Setup,
        mailbox: Mailbox,
        now: Now,
    ) -> Self {
        let screen = start_screen(&paths, &config, theme, &mailbox, bank, setup, now);
        let mut app = Self::with(
            Screen::Interview(Box::new(screen)),
            paths,
            config,
            theme,
            mailbox,
        );
        app.remember(bank, setup);
        let _ = app.remembered.save(&app.paths.data_dir);
        app
    }

    /// The interview saved at `path`, resumed.
    pub fn resume(
        paths: Paths,
        config: Config,
        theme: Theme,
        path: &Path,
        mailbox: Mailbox,
        now: Now,
    ) -> Result<Self, ResumeError> {
        let screen = resume_screen(&paths, &config, theme, &mailbox, path, now)?;
        Ok(Self::with(
            Screen::Interview(Box::new(screen)),
            paths,
            config,
            theme,
            mailbox,
        ))
    }

    /// The review screen over the saved interviews, filtered by `query`;
    /// the archive is read on another thread and arrives through the mailbox.
    pub fn review(
        paths: Paths,
        config: Config,
        theme: Theme,
        query: &str,
        mailbox: Mailbox,
    ) -> Self {
        let mut review = ReviewScreen::new(paths.sessions_dir(), query, theme, mailbox.clone());
        review.set_keys(config.keymap());
        Self::with(
            Screen::Review(Box::new(review)),
            paths,
            config,
            theme,
            mailbox,
        )
    }

    /// Tells the app the terminal's size, as the event loop last drew it,
    /// before the keys of the next batch: how far text scrolls depends on it.
    pub fn set_area(&mut self, area: ratatui::layout::Rect) {
        match &mut self.screen {
            Screen::Interview(screen) => screen.set_area(area),
            Screen::Review(screen) => screen.set_area(area),
            _ => {}
        }
    }

    /// The start of a key sequence (Esc) waiting for its next key.
    pub fn pending(&self) -> Option<KeyEvent> {
        match &self.screen {
            Screen::Interview(i) => i.pending(),
            _ => None,
        }
    }

    /// What `key` would do now: for tests and tools.
    pub fn action_for(&self, key: KeyEvent) -> Option<Command> {
        self.keys.action(self.mode(), self.pending(), key)
    }

    /// How keys are read now.
    pub fn mode(&self) -> Mode {
        match &self.screen {
            Screen::Launcher(l) => l.mode(),
            Screen::Interview(i) => i.mode(),
            Screen::Done(d) => d.mode(),
            Screen::Review(r) => r.mode(),
            Screen::Amend(a) => Mode::Amend(a.mode()),
        }
    }

    /// Whether a screen is asking whether to delete interviews.
    pub fn mode_is_confirm_delete(&self) -> bool {
        self.mode() == Mode::ConfirmDelete
    }

    /// The review screen, on top or under the amend page: for tests and tools.
    pub fn review_screen(&self) -> Option<&ReviewScreen> {
        std::iter::once(&self.screen)
            .chain(self.below.iter().rev())
            .find_map(|screen| match screen {
                Screen::Review(r) => Some(&**r),
                _ => None,
            })
    }

    /// Whether an interview is being amended.
    pub fn is_amending(&self) -> bool {
        matches!(self.screen, Screen::Amend(_))
    }

    /// The file of the interview on screen, if any.
    pub fn interview_path(&self) -> Option<PathBuf> {
        match &self.screen {
            Screen::Interview(i) => Some(i.path().to_path_buf()),
            Screen::Done(d) => Some(d.path().to_path_buf()),
            Screen::Launcher(_) | Screen::Review(_) | Screen::Amend(_) => None,
        }
    }

    /// The interview on screen, for tests and tools.
    pub fn interview_screen(&self) -> Option<&InterviewScreen> {
        match &self.screen {
            Screen::Interview(i) => Some(i),
            _ => None,
        }
    }

    /// Whether the launcher is showing.
    pub fn is_launcher(&self) -> bool {
        matches!(self.screen, Screen::Launcher(_))
    }

    /// Whether a finished interview waits for the disk to hold it before
    /// the finished screen shows (the flusher's [`Event::Saved`] says).
    pub fn is_saving(&self) -> bool {
        matches!(&self.screen, Screen::Interview(i) if i.is_saving())
    }

    /// Whether work the screen waits on is under way: a finished interview
    /// being saved ([`App::is_saving`]), amendments being saved, a copy's
    /// file being written, or an interview being started or resumed.
    pub fn is_busy(&self) -> bool {
        let amending = matches!(&self.screen, Screen::Amend(a) if a.is_saving());
        self.copying || self.opening.is_some() || amending || self.is_saving()
    }

    /// Whether the finished screen is showing.
    pub fn is_done(&self) -> bool {
        matches!(self.screen, Screen::Done(_))
    }

    /// How the app ended, once it has.
    pub fn exit(&self) -> Option<Exit> {
        self.exit
    }

    /// Applies what happened, in order. Keys are turned into commands with
    /// the key table in the mode of that moment; every key the table makes
    /// typing (a character, or a line break) is text, and this is the one
    /// place where keys become text: a run of them becomes one
    /// [`Command::Insert`] — so a burst of thousands of keys costs one edit,
    /// and keys read at once (a paste without bracketed paste) are one text,
    /// which no question takes as its answer (see `screens::delete`). The
    /// text goes in before the next key is read, in the mode it leaves.
    /// `now` is asked for each step. Stops early once the app is ending.
    pub fn apply(&mut self, steps: Vec<Step>, now: impl Fn() -> Now) -> Effects {
        let mut effects = Effects::default();
        let mut typed = String::new();
        for step in steps {
            if let Some(held) = &mut self.opening
                && !matches!(step, Step::Event(_))
            {
                held.push(step);
                continue;
            }
            if let Step::Key(key, burst) = step {
                let pending = self.pending().is_some();
                match self.action_for(key) {
                    // After Esc, a key is typed on its own: it ends the sequence.
                    Some(Command::Edit(k)) if text_of(&k).is_some() && !pending => {
                        typed.extend(text_of(&k));
                        continue;
                    }
                    // A Tab inside a burst of typing is part of the text
                    // (pasted without bracketed paste), not a command.
                    Some(_)
                        if burst
                            && key.code == KeyCode::Tab
                            && key.modifiers.is_empty()
                            && !typed.is_empty() =>
                    {
                        typed.push('\t');
                        continue;
                    }
                    _ => {}
                }
            }
            if !typed.is_empty() {
                effects.merge(self.update(Command::Insert(std::mem::take(&mut typed)), now()));
                if self.exit.is_some() {
                    return effects;
                }
            }
            let more = match step {
                Step::Key(key, _) => match self.action_for(key) {
                    Some(Command::Edit(k)) if let Some(c) = text_of(&k) => {
                        self.update(Command::Insert(c.to_string()), now())
                    }
                    Some(command) => self.update(command, now()),
                    None => Effects::default(),
                },
                Step::Paste(text) => self.update(Command::Insert(text), now()),
                Step::Event(event) => self.on_event(event, now()),
            };
            effects.merge(more);
            if self.exit.is_some() {
                return effects;
            }
        }
        if !typed.is_empty() {
            effects.merge(self.update(Command::Insert(typed), now()));
        }
        effects
    }

    /// One terminal event, as the event loop handles it, then saved: for
    /// tests and tools that drive the app without a terminal.
    pub fn handle(&mut self, event: crossterm::event::Event, now: Now) -> Effects {
        let steps = Step::from_event(event, false).into_iter().collect();
        let effects = self.apply(steps, || now);
        if self.exit.is_none() {
            self.persist(now);
        }
        effects
    }

    /// Takes in what happened: a signal, the clock, the terminal's size,
    /// work done on another thread.
    pub fn on_event(&mut self, event: Event, now: Now) -> Effects {
        let mut effects = Effects::default();
        if let Event::Begun(begun) = &event {
            let begun = begun.lock().ok().and_then(|mut b| b.take());
            return begun.map_or(effects, |begun| self.begun(begun, now));
        }
        if let Event::HandedOver(candidate, handed) = event {
            self.copying = false;
            self.copied(&candidate, handed);
            return effects;
        }
        // The screens below hear it too: the launcher under the review
        // screen, its listing still arriving, a purge it started done; the
        // review screen under the amend page, its list read again. What
        // they would ask for waits until they are on top.
        for below in &mut self.below {
            match below {
                Screen::Launcher(launcher) => launcher.on_event(event.clone(), now),
                Screen::Review(review) => {
                    review.on_event(event.clone(), now);
                }
                _ => {}
            }
        }
        match (event, &mut self.screen) {
            (Event::Terminate(sig), _) => self.stop(Exit::Signal(sig), now),
            // SIGTSTP from outside: as Ctrl+Z.
            (Event::Suspend, _) => return self.update(Command::Suspend, now),
            (event, Screen::Launcher(launcher)) => launcher.on_event(event, now),
            (event, Screen::Review(review)) => {
                let outcome = review.on_event(event, now);
                self.after_review(outcome, now, &mut effects);
            }
            (event, Screen::Interview(screen)) => {
                let update = screen.on_event(&event, now);
                self.after_interview(update, now, &mut effects);
            }
            (Event::Tick, Screen::Amend(amending)) => amending.tick(now),
            (Event::AmendSaved(path, saved), Screen::Amend(amending))
                if amending.path() == path =>
            {
                let outcome = amending.saved(&saved, now);
                self.after_amend(outcome);
            }
            (_, Screen::Done(_) | Screen::Amend(_)) => {}
        }
        effects
    }

    /// Carries out one command.
    pub fn update(&mut self, action: Command, now: Now) -> Effects {
        let mut effects = Effects::default();
        if action == Command::Suspend && !matches!(self.screen, Screen::Interview(_)) {
            // Nothing to save outside an interview; stop all the same.
            effects.suspend = true;
            return effects;
        }
        match &mut self.screen {
            Screen::Launcher(launcher) => match launcher.update(action, now) {
                LauncherOutcome::Nothing => {}
                LauncherOutcome::Quit => self.exit = Some(Exit::Normal),
                LauncherOutcome::Start(i, setup, prep) => {
                    let bank = launcher.banks().get(i).cloned();
                    let checked = bank
                        .as_ref()
                        .map(|b| crate::interview::check_start(b, &setup));
                    if let Some(Err(why)) = checked {
                        launcher.set_error(why);
                    } else if let Some(bank) = bank {
                        self.remember(&bank, &setup);
                        self.opening = Some(Vec::new());
                        super::worker::start_interview(
                            self.paths.clone(),
                            bank,
                            setup,
                            prep,
                            self.remembered.clone(),
                            now,
                            self.mailbox.clone(),
                        );
                    }
                }
                LauncherOutcome::Resume(path) => self.resume_on_worker(path, now),
                LauncherOutcome::Purge(doomed) => {
                    // Thousands of old interviews take a while: on another
                    // thread, and the result comes as Event::Purged.
                    let sessions = self.paths.sessions_dir();
                    let mailbox = self.mailbox.clone();
                    super::worker::delete(sessions, doomed, mailbox, Event::Purged);
                }
                LauncherOutcome::Review => {
                    let mut review = ReviewScreen::new(
                        self.paths.sessions_dir(),
                        "",
                        self.theme,
                        self.mailbox.clone(),
                    );
                    review.set_keys(self.keys.clone());
                    self.push(Screen::Review(Box::new(review)));
                }
            },
            Screen::Review(review) => {
                let outcome = review.update(action);
                self.after_review(outcome, now, &mut effects);
            }
            Screen::Amend(amending) => {
                let outcome = amending.update(action, now);
                self.after_amend(outcome);
            }
            Screen::Interview(screen) => {
                let update = screen.update(action, now);
                self.after_interview(update, now, &mut effects);
            }
            Screen::Done(done) => match action {
                Command::CopyScorecard => {
                    let scorecard = Scorecard {
                        id: done.id(),
                        candidate: String::new(),
                        markdown: done.scorecard().to_string(),
                    };
                    self.copy(scorecard, &mut effects);
                }
                Command::Quit => {
                    self.farewell.push(done.farewell());
                    self.exit = Some(Exit::Normal);
                }
                Command::NextInterview => self.next_interview(),
                _ => {}
            },
        }
        effects
    }

    /// What the review screen asked for.
    fn after_review(&mut self, outcome: ReviewOutcome, now: Now, effects: &mut Effects) {
        match outcome {
            ReviewOutcome::Nothing => {}
            ReviewOutcome::Quit => self.exit = Some(Exit::Normal),
            ReviewOutcome::Back => self.back(),
            ReviewOutcome::Amend(amending) => self.push(Screen::Amend(amending)),
            ReviewOutcome::Copy(scorecard) => self.copy(scorecard, effects),
            ReviewOutcome::Deleted(id) => {
                for below in &mut self.below {
                    if let Screen::Launcher(launcher) = below {
                        launcher.forget(std::slice::from_ref(&id));
                    }
                }
            }
            ReviewOutcome::Resume(path) => self.resume_on_worker(path, now),
        }
    }

    /// What the amend page asked for: the review screen under it hears of
    /// a save, and is back on top when amending ends.
    fn after_amend(&mut self, outcome: AmendOutcome) {
        let Screen::Amend(amending) = &mut self.screen else {
            return;
        };
        let path = amending.path().to_path_buf();
        let (record, done) = match outcome {
            AmendOutcome::Stay => return,
            AmendOutcome::Quit => {
                self.exit = Some(Exit::Normal);
                return;
            }
            AmendOutcome::Leave => return self.back(),
            AmendOutcome::SavedOnRetry(record) => (record, false),
            AmendOutcome::Saved(record) => (record, true),
        };
        let left = amending.take_draft_left();
        if done {
            self.back();
        }
        for screen in std::iter::once(&mut self.screen).chain(&mut self.below) {
            if let Screen::Review(review) = screen {
                review.amend_saved(&path, *record, done, left);
                break;
            }
        }
    }

    /// Puts `screen` on top; the one on top now waits under it.
    fn push(&mut self, screen: Screen) {
        let below = std::mem::replace(&mut self.screen, screen);
        self.below.push(below);
    }

    /// Back to the screen below, or out when there is none.
    fn back(&mut self) {
        match self.below.pop() {
            Some(screen) => self.screen = screen,
            None => self.exit = Some(Exit::Normal),
        }
    }

    /// Hands `scorecard` over by the clipboard's route: to the terminal by
    /// `effects`, and, when the route wants a file too, to a file written on
    /// another thread (the screen says where once [`Event::HandedOver`] comes).
    fn copy(&mut self, scorecard: Scorecard, effects: &mut Effects) {
        if self.clipboard.writes_file() {
            self.copying = true;
            super::worker::hand_over(
                self.clipboard,
                self.paths.exports_dir(),
                scorecard.id,
                scorecard.candidate,
                scorecard.markdown.clone(),
                self.mailbox.clone(),
            );
        } else {
            self.copied(&scorecard.candidate, Handed::Clipboard);
        }
        if self.clipboard.reaches_clipboard() {
            effects.copy = Some(scorecard.markdown);
        }
    }

    /// Resumes the interview at `path` on the worker; [`App::begun`] shows it.
    fn resume_on_worker(&mut self, path: PathBuf, now: Now) {
        self.opening = Some(Vec::new());
        let sessions = self.paths.sessions_dir();
        super::worker::resume_interview(path, sessions, now, self.mailbox.clone());
    }

    /// An interview started or resumed on the worker: it takes over the
    /// screen (nothing to go back to), and the keys that waited go to it.
    fn begun(&mut self, begun: Begun, now: Now) -> Effects {
        let held = self.opening.take().unwrap_or_default();
        if let (Begun::NoPrep(why), Screen::Launcher(launcher)) = (&begun, &mut self.screen) {
            launcher.prep_error(why.clone());
            return self.apply(held, || now);
        }
        match interview_screen(begun, &self.config, self.theme, now) {
            Ok(screen) => {
                self.below.clear();
                self.screen = Screen::Interview(Box::new(screen));
            }
            Err(why) => match &mut self.screen {
                Screen::Launcher(launcher) => launcher.set_error(why),
                Screen::Review(review) => review.set_error(format!("Cannot resume: {why}")),
                Screen::Interview(_) | Screen::Done(_) | Screen::Amend(_) => {}
            },
        }
        self.apply(held, || now)
    }

    /// Says on screen what a copy did.
    fn copied(&mut self, candidate: &str, handed: Handed) {
        match &mut self.screen {
            Screen::Done(done) => done.copied(handed),
            Screen::Review(review) => review.copied(candidate, handed),
            Screen::Launcher(_) | Screen::Interview(_) | Screen::Amend(_) => {}
        }
    }

    /// What the interview screen asked for.
    fn after_interview(&mut self, update: Update, now: Now, effects: &mut Effects) {
        let Screen::Interview(screen) = &mut self.screen else {
            return;
        };
        effects.bell = update.bell;
        match update.outcome {
            Outcome::Stay => {}
            Outcome::Suspend => effects.suspend = true,
            Outcome::Quit => self.stop(Exit::Normal, now),
            Outcome::Finished => {
                let record = screen.interview().record();
                let done = DoneScreen::new(screen.path().to_path_buf(), record, self.keys.clone());
                if let Screen::Interview(screen) =
                    std::mem::replace(&mut self.screen, Screen::Done(Box::new(done)))
                {
                    screen.close();
                }
            }
        }
    }

    /// Back to back: the launcher for the next interview, with the last
    /// one's role, bank, interviewer, variables and length kept, and the
    /// candidate and prep left empty.
    fn next_interview(&mut self) {
        let Screen::Done(done) = &self.screen else {
            return;
        };
        let record = done.record();
        let setup = Setup {
            role: record.role.clone(),
            interviewer: record.interviewer.clone(),
            ..Setup::default()
        };
        let source = record.bank.source.clone();
        // A bank given as a path rather than found in the banks folder.
        let preferred = (source != bank::Origin::Builtin.to_string())
            .then(|| bank::from_file(Path::new(&source)).ok())
            .flatten();
        let mut launcher = new_launcher(
            &self.paths,
            &self.config,
            &self.remembered,
            &setup,
            preferred,
            &self.mailbox,
        );
        launcher.choose_bank(&source);
        launcher.keep_minutes(record.planned_minutes);
        self.farewell.push(done.farewell());
        self.screen = Screen::Launcher(Box::new(launcher));
    }

    /// Saves everything, says where it is, and ends with `exit`.
    pub fn stop(&mut self, exit: Exit, now: Now) {
        if let Screen::Amend(amending) = &mut self.screen {
            // Amendments typed and not saved yet are saved on the way out.
            self.farewell.extend(amending.save_on_exit(now));
        }
        if let Screen::Interview(screen) = &mut self.screen {
            let saved = screen.save_and_wait(now);
            let path = screen.path().to_path_buf();
            let record = screen.interview().record();
            self.farewell
                .push(match (saved, screen.kept(), record.status) {
                    (Err(err), kept, _) if kept != Kept::File => {
                        describe_unsaved(&err, &path, kept, record)
                    }
                    (_, _, Status::Completed | Status::NoShow) => {
                        format!("Interview saved to {}", path.display())
                    }
                    (_, _, status @ (Status::InProgress | Status::Waiting)) => format!(
                        "Interview saved ({}) to {}\nCarry on with: {}",
                        status.label(),
                        path.display(),
                        resume_command(&path)
                    ),
                });
        }
        self.exit = Some(exit);
    }

    /// Saves what the last commands changed (crash-safe before the screen
    /// shows it) and hands due work to the flusher. Call before each draw.
    pub fn persist(&mut self, now: Now) {
        if let Screen::Interview(screen) = &mut self.screen {
            screen.persist(now);
        }
    }

    /// Saves everything and waits for the disk (before a suspend).
    pub fn save_and_wait(&mut self, now: Now) {
        if let Screen::Interview(screen) = &mut self.screen {
            let _ = screen.save_and_wait(now);
        }
    }

    /// How long the loop may sleep before something on screen changes.
    pub fn next_wake(&self, now: Instant) -> Duration {
        match &self.screen {
            Screen::Interview(screen) => screen.next_wake(now),
            // Nothing changes by itself on the other screens.
            _ => Duration::from_secs(3600),
        }
    }

    /// Draws the app.
    pub fn draw(&self, frame: &mut Frame, now: Now) {
        let area = frame.area();
        if is_too_small(area) {
            too_small(frame, area, &self.theme);
        } else {
            match &self.screen {
                Screen::Launcher(l) => l.draw(frame, area, &self.theme),
                Screen::Interview(i) => i.draw(frame, area, &self.theme, now),
                Screen::Done(d) => d.draw(frame, area, &self.theme),
                Screen::Review(r) => r.draw(frame, area, &self.theme),
                Screen::Amend(a) => a.draw(frame, area, &self.theme),
            }
        }
        if self.theme.ascii {
            super::theme::to_console_glyphs(frame.buffer_mut());
        }
    }

    /// Ends the app: closes the interview (its journal goes once the file
    /// holds everything; the lock is released) and returns the message to
    /// print once the terminal is restored.
    pub fn close(self) -> Option<String> {
        if let Screen::Interview(screen) = self.screen {
            screen.close();
        }
        (!self.farewell.is_empty()).then(|| self.farewell.join("\n"))
    }
}

/// The interview saved at `path`, resumed on screen.
fn resume_screen(
    paths: &Paths,
    config: &Config,
    theme: Theme,
    mailbox: &Mailbox,
    path: &Path,
    now: Now,
) -> Result<InterviewScreen, ResumeError> {
    let resumed = session::resume(path, &paths.sessions_dir(), now, mailbox.notify_saved())?;
    let mut screen = InterviewScreen::resumed(resumed, theme, config.bell, now);
    screen.set_keys(config.keymap());
    Ok(screen)
}

/// A new interview on screen, with every bank warning shown.
fn start_screen(
    paths: &Paths,
    config: &Config,
    theme: Theme,
    mailbox: &Mailbox,
    bank: &LoadedBank,
    setup: &Setup,
    now: Now,
) -> InterviewScreen {
    let sessions = paths.sessions_dir();
    let started = session::start(&sessions, bank, setup, now, mailbox.notify_saved());
    let warnings = super::worker::bank_warnings(bank);
    started_screen(Box::new(started), warnings, config, theme, now)
}

/// A new interview on screen, telling `warnings`.
fn started_screen(
    started: Box<(Interview, Session)>,
    warnings: Vec<String>,
    config: &Config,
    theme: Theme,
    now: Now,
) -> InterviewScreen {
    let (interview, session) = *started;
    let mut screen = InterviewScreen::new(interview, session, theme, config.bell, now);
    screen.set_keys(config.keymap());
    for warning in warnings {
        screen.notify(warning);
    }
    screen
}

/// The interview `begun` on screen, or why it could not be resumed.
fn interview_screen(
    begun: Begun,
    config: &Config,
    theme: Theme,
    now: Now,
) -> Result<InterviewScreen, String> {
    Ok(match begun {
        Begun::Started(started, warnings) => started_screen(started, warnings, config, theme, now),
        Begun::NoPrep(why) => return Err(why),
        Begun::Resumed(resumed) => {
            let mut screen = InterviewScreen::resumed(*resumed?, theme, config.bell, now);
            screen.set_keys(config.keymap());
            screen
        }
    })
}

/// Reads the saved interviews on another thread through the review index
/// (see [`Archive::refresh`]: only files new or changed since it was last
/// brought up to date are read), sending them to the launcher in batches.
/// Files read anew are sent as soon as each is read, newest first, so an
/// interrupted interview is offered at once even while thousands of others
/// are being indexed. First it clears up after crashed phonescreens
/// ([`session::tidy`]), off the path of the first frame.
fn spawn_listing(sessions_dir: PathBuf, mailbox: Mailbox) {
    super::worker::spawn("phonescreen-listing", move || {
        session::tidy(&sessions_dir);
        let mut sent = std::collections::HashSet::new();
        let (archive, _) = Archive::refresh_with(
            &sessions_dir,
            |_, _| {},
            |item| {
                if item.summary.as_ref().is_ok_and(|s| s.status.is_open()) {
                    sent.insert(item.id.clone());
                    mailbox.send(Event::Listed(vec![listed_item(item.clone())]));
                }
            },
        );
        let mut batch = Vec::new();
        if let Some((path, why)) = archive.problem {
            batch.push(ListedItem::Problem(path, why));
        }
        for item in archive.items {
            if sent.contains(&item.id) {
                continue;
            }
            batch.push(listed_item(item));
            if batch.len() >= 512 {
                mailbox.send(Event::Listed(std::mem::take(&mut batch)));
            }
        }
        mailbox.send(Event::Listed(batch));
        mailbox.send(Event::ListingDone);
    });
}

/// What the launcher lists of an interview of the index: resumable when it
/// is still open and no running phonescreen has it.
fn listed_item(item: Item) -> ListedItem {
    let summary = match item.summary {
        Ok(summary) => summary.session(item.id, item.path),
        Err(why) => return ListedItem::Problem(item.path, why),
    };
    // Retention dates an interview by its file when its recorded start is
    // suspect (see `store::retention`).
    let modified = std::fs::metadata(&summary.path)
        .and_then(|m| m.modified())
        .ok();
    let resumable =
        summary.status.is_open() && store::is_locked_by_live_process(&summary.path).is_none();
    ListedItem::Session {
        summary: Box::new(summary),
        resumable,
        modified,
    }
}
