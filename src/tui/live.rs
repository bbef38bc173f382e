//! The running interview on screen: the domain interview plus the editors,
//! the key mode, and the saver. `update` is the only place that changes it,
//! and it saves after every change; drawing only reads it.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, Timelike};

use super::action::Action;
use super::editor::NotesEditor;
use super::finish::{FinishForm, FinishOutcome};
use super::keymap::Mode;
use crate::interview::{Interview, Phase, Status};
use crate::store::{SaveOutcome, Saver, SessionLock};

/// The current time, as the monotonic clock and as a wall-clock label.
#[derive(Debug, Clone, Copy)]
pub struct Now {
    /// Monotonic: all durations come from this.
    pub instant: Instant,
    /// Wall clock: only labels what is saved.
    pub wall: DateTime<FixedOffset>,
}

impl Now {
    /// The real time.
    pub fn real() -> Self {
        Self {
            instant: Instant::now(),
            // Whole seconds: saved files are read by people.
            wall: chrono::Local::now()
                .fixed_offset()
                .with_nanosecond(0)
                .unwrap_or_else(|| chrono::Local::now().fixed_offset()),
        }
    }

    /// This moment plus `d` (for tests and simulations).
    pub fn plus(self, d: Duration) -> Self {
        Self {
            instant: self.instant + d,
            wall: self.wall + chrono::Duration::from_std(d).unwrap_or_default(),
        }
    }
}

/// Which editor takes typing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The current question's notes.
    Notes,
    /// The general scratch note.
    Scratch,
}

/// How the time phonescreen was closed is counted after a resume.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Downtime {
    /// How long phonescreen was away.
    pub away: Duration,
    /// Whether that time counts as interview time.
    pub counted: bool,
}

/// Input for the finish form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FinishInput {
    /// A key press.
    Key(crossterm::event::KeyEvent),
    /// Pasted text.
    Paste(String),
}

/// What the event loop must do after an update.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Effects {
    /// Ring the terminal bell.
    pub bell: bool,
    /// Suspend the process (Ctrl+Z).
    pub suspend: bool,
    /// Leave the interview screen.
    pub quit: bool,
    /// The interview was finished and saved as completed.
    pub finished: bool,
}

/// The interview screen's whole state.
pub struct Live {
    /// The domain interview.
    pub interview: Interview,
    /// Editor for the question on screen.
    pub notes: NotesEditor,
    /// Editor for the scratch note.
    pub scratch: NotesEditor,
    /// Which editor is typed into.
    pub focus: Focus,
    /// How keys are read.
    pub mode: Mode,
    /// Whether "listen for" guidance is shown.
    pub show_guidance: bool,
    /// The finish form, when open.
    pub finish: Option<FinishForm>,
    /// Writes the interview to disk.
    pub saver: Saver,
    /// Keeps other phonescreen processes from writing the same file.
    pub lock: Option<SessionLock>,
    /// The last save problem, shown in red until a save succeeds.
    pub save_problem: Option<String>,
    /// A one-off message for the interviewer.
    pub notice: Option<String>,
    /// Set after a resume: the time away and whether it counts.
    pub downtime: Option<Downtime>,
    /// Ring the bell at five minutes and at zero.
    pub bell_enabled: bool,
    last_phase: Phase,
    rung: Vec<Phase>,
    last_save: Instant,
}

/// How often the time fields are saved while nothing else changes.
const HEARTBEAT: Duration = Duration::from_secs(10);

impl Live {
    /// Wraps an interview (new or resumed) for the screen.
    pub fn new(
        interview: Interview,
        saver: Saver,
        lock: Option<SessionLock>,
        bell_enabled: bool,
        now: Now,
    ) -> Self {
        let (_, q) = interview.current();
        let notes = NotesEditor::new(&q.notes, "Type notes here…");
        let scratch = NotesEditor::new(
            &interview.record().scratch,
            "Scratch: anything not tied to a question",
        );
        let last_phase = interview.clock().phase(now.instant);
        Self {
            interview,
            notes,
            scratch,
            focus: Focus::Notes,
            mode: Mode::Typing,
            show_guidance: true,
            finish: None,
            saver,
            lock,
            save_problem: None,
            notice: None,
            downtime: None,
            bell_enabled,
            last_phase,
            rung: Vec::new(),
            last_save: now.instant,
        }
    }

    /// The saved file.
    pub fn path(&self) -> PathBuf {
        self.saver.path().to_path_buf()
    }

    fn load_editor(&mut self) {
        let (_, q) = self.interview.current();
        self.notes = NotesEditor::new(&q.notes, "Type notes here…");
    }

    /// Writes the interview; `durable` also flushes it to the disk.
    pub fn save(&mut self, now: Now, durable: bool) {
        let record = self.interview.snapshot(now.instant, now.wall);
        let result = if durable {
            self.saver.save_now(record, now.instant)
        } else {
            self.saver.save(record, now.instant)
        };
        self.last_save = now.instant;
        if result.is_ok() && self.lock.is_none() {
            // The folder was unwritable when the interview started: take the
            // lock now that files can be written, so no second process writes too.
            self.lock = SessionLock::acquire(self.saver.path()).ok();
        }
        match result {
            Ok(SaveOutcome::Saved) => self.save_problem = None,
            Ok(SaveOutcome::Recreated) => {
                self.save_problem = None;
                self.notice = Some(format!(
                    "The interview file had been deleted; it was written again: {}",
                    self.saver.path().display()
                ));
            }
            Ok(SaveOutcome::Replaced) => {
                self.save_problem = None;
                self.notice = Some(format!(
                    "The interview file had been replaced by another program; what is on screen was written over it: {}",
                    self.saver.path().display()
                ));
            }
            Err(err) => self.save_problem = Some(err.to_string()),
        }
    }

    /// Carries out one action.
    pub fn update(&mut self, action: Action, now: Now) -> Effects {
        let mut effects = Effects::default();
        let t = now.instant;
        // What changed decides how the save is done.
        let mut changed = false;
        let mut durable = false;
        let back_to_typing = !matches!(
            action,
            Action::CommandMode | Action::OpenJump | Action::ToggleHelp | Action::RequestQuit
        );
        if self.finish.is_some() {
            return effects;
        }
        match action {
            Action::Edit(key) => {
                changed = match self.focus {
                    Focus::Notes => self.notes.key(key),
                    Focus::Scratch => self.scratch.key(key),
                };
            }
            Action::Paste(text) => {
                changed = match self.focus {
                    Focus::Notes => self.notes.paste(&text),
                    Focus::Scratch => self.scratch.paste(&text),
                };
            }
            Action::NextQuestion | Action::PreviousQuestion => {
                let before = self.interview.position();
                if action == Action::NextQuestion {
                    self.interview.next(t);
                } else {
                    self.interview.previous(t);
                }
                if self.interview.position() != before {
                    self.load_editor();
                    self.focus = Focus::Notes;
                    changed = true;
                    durable = true;
                }
            }
            Action::JumpToSection(n) => {
                self.interview
                    .go_to_section(usize::from(n).saturating_sub(1), t);
                self.load_editor();
                self.focus = Focus::Notes;
                changed = true;
                durable = true;
            }
            Action::Rate(n) => {
                changed = self.interview.rate(usize::from(n));
                if !changed {
                    self.notice = Some(format!(
                        "There is no rating {n}: this bank rates 1 to {}",
                        self.interview.record().rating_scale.len()
                    ));
                }
            }
            Action::ToggleSkipped => {
                self.interview.toggle_skipped();
                changed = true;
            }
            Action::ToggleAsked => {
                self.interview.toggle_asked();
                changed = true;
            }
            Action::TogglePause => {
                self.interview.toggle_pause(t, now.wall);
                changed = true;
                durable = true;
            }
            Action::ToggleGuidance => self.show_guidance = !self.show_guidance,
            Action::ToggleScratch => {
                self.focus = match self.focus {
                    Focus::Notes => Focus::Scratch,
                    Focus::Scratch => Focus::Notes,
                };
            }
            Action::OpenJump => self.mode = Mode::Jump,
            Action::CommandMode => self.mode = Mode::Command,
            Action::Back => {}
            Action::ToggleHelp => {
                self.mode = if self.mode == Mode::Help {
                    Mode::Typing
                } else {
                    Mode::Help
                };
            }
            Action::OpenFinish => {
                self.finish = Some(FinishForm::new(self.interview.record()));
                changed = true;
                durable = true;
            }
            Action::RequestQuit => {
                self.mode = Mode::ConfirmQuit;
                changed = true;
                durable = true;
            }
            Action::ConfirmQuit => {
                changed = true;
                durable = true;
                effects.quit = true;
            }
            Action::ToggleDowntime => changed = self.toggle_downtime(now),
            Action::SaveElsewhere => self.save_elsewhere(now),
            Action::Suspend => {
                changed = true;
                durable = true;
                effects.suspend = true;
            }
        }
        if back_to_typing {
            self.mode = Mode::Typing;
        }
        if changed {
            self.sync_text_into_record(t);
            self.save(now, durable);
        }
        effects.bell = self.check_bell(t);
        effects
    }

    /// Handles a key or paste while the finish form is open.
    pub fn finish_input(&mut self, input: FinishInput, now: Now) -> Effects {
        let mut effects = Effects::default();
        let Some(form) = self.finish.as_mut() else {
            return effects;
        };
        let outcome = match input {
            FinishInput::Key(key) => form.key(key),
            FinishInput::Paste(text) => form.paste(&text),
        };
        match outcome {
            FinishOutcome::Nothing => {}
            FinishOutcome::Changed => {
                let (recommendation, summary) = (form.recommendation(), form.summary.text());
                self.interview.set_draft_outcome(recommendation, summary);
                self.save(now, false);
            }
            FinishOutcome::Cancel => self.finish = None,
            FinishOutcome::Quit => {
                self.finish = None;
                self.mode = Mode::ConfirmQuit;
                self.save(now, true);
            }
            FinishOutcome::Finish(recommendation, summary) => {
                self.interview
                    .finish(recommendation, summary, now.instant, now.wall);
                self.save(now, true);
                if self.save_problem.is_none() {
                    self.finish = None;
                    effects.finished = true;
                }
            }
        }
        effects
    }

    fn sync_text_into_record(&mut self, t: Instant) {
        let notes = self.notes.text();
        if notes != self.interview.current().1.notes {
            self.interview.set_notes(notes, t);
        }
        let scratch = self.scratch.text();
        if scratch != self.interview.record().scratch {
            self.interview.set_scratch(scratch);
        }
    }

    fn toggle_downtime(&mut self, now: Now) -> bool {
        let Some(d) = self.downtime.as_mut() else {
            self.notice = Some("Esc t only applies right after resuming an interview".into());
            return false;
        };
        d.counted = !d.counted;
        let (away, counted) = (d.away, d.counted);
        self.interview.adjust_elapsed(away, counted, now.instant);
        self.notice = Some(describe_downtime(away, counted));
        true
    }

    fn save_elsewhere(&mut self, now: Now) {
        if self.save_problem.is_none() {
            self.notice = Some("Saving works; Esc w is for when it does not".into());
            return;
        }
        let name = self
            .saver
            .path()
            .file_name()
            .map(|n| n.to_os_string())
            .unwrap_or_else(|| "interview.yaml".into());
        let home = std::env::var_os("HOME")
            .map(PathBuf::from)
            .unwrap_or_default();
        let fallback = std::env::temp_dir();
        for dir in [home, fallback] {
            if dir.as_os_str().is_empty() {
                continue;
            }
            let candidate = dir.join(format!("phonescreen-rescue-{}", name.to_string_lossy()));
            self.saver.set_path(candidate.clone());
            self.save(now, true);
            if self.save_problem.is_none() {
                self.notice = Some(format!("Saved to {}", candidate.display()));
                return;
            }
        }
    }

    /// Called when the timer ticks or a sync is due: keeps the file fresh and flushed.
    pub fn tick(&mut self, now: Now) -> Effects {
        let t = now.instant;
        if self.interview.record().status == Status::InProgress
            && t.saturating_duration_since(self.last_save) >= HEARTBEAT
        {
            self.save(now, false);
        }
        if self.saver.sync_due(t).is_some_and(|due| due <= t) {
            match self.saver.sync(t) {
                Ok(()) => {
                    if self.saver.last_error().is_none() {
                        self.save_problem = None;
                    }
                }
                Err(err) => self.save_problem = Some(err.to_string()),
            }
        }
        Effects {
            bell: self.check_bell(t),
            ..Effects::default()
        }
    }

    /// When the loop must wake up next, even if no key arrives.
    pub fn next_wake(&self, now: Instant) -> Duration {
        let tick = self.interview.clock().next_tick(now);
        let sync = self
            .saver
            .sync_due(now)
            .map(|due| due.saturating_duration_since(now))
            .unwrap_or(tick);
        tick.min(sync).max(Duration::from_millis(1))
    }

    /// Rings once when five minutes are left and once at zero, never again
    /// for the same mark (a resume or Esc t can move the timer back).
    fn check_bell(&mut self, t: Instant) -> bool {
        let phase = self.interview.clock().phase(t);
        let ring =
            phase != self.last_phase && phase != Phase::OnTime && !self.rung.contains(&phase);
        self.last_phase = phase;
        if ring {
            self.rung.push(phase);
        }
        ring && self.bell_enabled
    }
}

/// The command that carries on with the interview saved at `path`: plain
/// `phonescreen resume` for the sessions folder, the path for a rescue copy.
pub fn resume_command(path: &std::path::Path) -> String {
    let in_sessions = path
        .parent()
        .and_then(|p| p.file_name())
        .is_some_and(|n| n == "sessions");
    if in_sessions {
        "phonescreen resume".to_string()
    } else {
        format!("phonescreen resume {}", path.display())
    }
}

/// Words for the interviewer about how the time away was counted.
pub fn describe_downtime(away: Duration, counted: bool) -> String {
    let secs = away.as_secs();
    let gap = if secs < 60 {
        format!("{secs} s")
    } else if secs < 3 * 3600 {
        format!("{} min", secs.div_ceil(60))
    } else {
        format!("{} h", secs / 3600)
    };
    if counted {
        format!(
            "Resumed after {gap} away; that time counts as interview time (the call went on). Esc t: don't count it"
        )
    } else {
        format!(
            "Resumed after {gap} away; that time is not counted (recorded as a pause). Esc t: count it"
        )
    }
}
