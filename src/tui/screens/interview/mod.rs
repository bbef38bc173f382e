//! The interview screen: the domain interview, the editors, how keys are
//! read, the finish form, and the session that saves it all. `update` is the
//! only place that changes it; [`InterviewScreen::persist`] writes what
//! changed before each draw; drawing (in `view`) only reads it.

mod outline;
mod view;
mod windows;

use std::path::Path;
use std::time::{Duration, Instant};

use ratatui::Frame;
use ratatui::layout::Rect;

use super::delete::{Answer, Confirm};
use super::finish::{FinishForm, FinishOutcome};
use crate::interview::limits::{self, MAX_PAUSES};
use crate::interview::{Downtime, Interview, Now, Phase, Status};
use crate::store::session::{Resumed, Session};
use crate::store::{Kept, LockError, SaveError, WAIT_FOR_DISK};
use crate::tui::command::Command;
use crate::tui::editor::NotesEditor;
use crate::tui::event::Event;
use std::sync::Arc;

use crossterm::event::KeyEvent;

use crate::tui::keymap::{InterviewMode, Keymap, Mode};
use crate::tui::messages::{describe_downtime, describe_outcome, no_room, resume_command};
use crate::tui::theme::Theme;

/// Placeholder of the notes editor.
const NOTES_PLACEHOLDER: &str = "Type notes here…";
/// Placeholder of the scratch editor.
const SCRATCH_PLACEHOLDER: &str = "Scratch: anything not tied to a question";
/// How often the time fields are saved while nothing else changes.
const HEARTBEAT: Duration = Duration::from_secs(10);

/// Which editor takes typing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The current question's notes.
    Notes,
    /// The general scratch note.
    Scratch,
}

/// What the app must do after an update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Keep showing the interview.
    Stay,
    /// Quit; the interview stays in progress.
    Quit,
    /// The interview was finished and saved.
    Finished,
    /// Stop to the shell.
    Suspend,
}

/// Finishing, or recording a no-show: the revision the file on the disk
/// must hold before the finished screen shows, and until when to wait.
#[derive(Debug, Clone, Copy)]
struct Saving {
    revision: u64,
    deadline: Instant,
    no_show: bool,
}

/// The result of an update: the outcome, and whether to ring the bell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Update {
    /// What the app must do.
    pub outcome: Outcome,
    /// Ring the terminal bell.
    pub bell: bool,
}

/// The interview screen's state.
#[derive(Debug)]
pub struct InterviewScreen {
    interview: Interview,
    session: Session,
    notes: NotesEditor,
    scratch: NotesEditor,
    focus: Focus,
    mode: InterviewMode,
    /// The start of a key sequence (Esc), waiting for its next key.
    pending: Option<KeyEvent>,
    /// The keys, for the footers and the help.
    keys: Arc<Keymap>,
    show_guidance: bool,
    finish: Option<FinishForm>,
    /// Finishing: waiting, off the UI thread, for the disk to hold it.
    saving: Option<Saving>,
    notices: Vec<String>,
    downtime: Option<Downtime>,
    bell_enabled: bool,
    last_phase: Phase,
    rung: Vec<Phase>,
    last_save: Instant,
    /// Something changed that [`InterviewScreen::persist`] must save.
    unsaved: bool,
    /// The file should be written and flushed at once, not within a second.
    flush_now: bool,
    theme: Theme,
    /// Asked whether to record a no-show (`y`, then Enter).
    no_show: Option<Confirm>,
    /// How many rows the question card is scrolled down.
    card_scroll: u16,
    /// How many rows the prep window is scrolled down.
    prep_scroll: u16,
    /// How many rows the help is scrolled down.
    help_scroll: u16,
    /// The prep's text made safe to draw, by line: made once, since a prep
    /// may be a mebibyte and the screen draws while the interviewer types.
    prep_lines: Vec<String>,
    /// The terminal's size, as the event loop last drew it: how far the
    /// card and the prep can scroll depends on it.
    area: Rect,
    /// What the panes drew last (a cache filled while drawing).
    memos: view::Memos,
    /// How many rows text takes wrapped (a cache filled while drawing).
    heights: crate::tui::memo::Heights,
}

impl InterviewScreen {
    /// Shows a new or resumed interview.
    pub fn new(
        interview: Interview,
        session: Session,
        theme: Theme,
        bell_enabled: bool,
        now: Now,
    ) -> Self {
        let (_, q) = interview.current();
        let notes = NotesEditor::new(&q.notes, NOTES_PLACEHOLDER, theme.dim());
        let scratch = NotesEditor::new(
            &interview.record().scratch,
            SCRATCH_PLACEHOLDER,
            theme.dim(),
        );
        let last_phase = interview.clock().phase(now.instant);
        let prep_lines = interview
            .record()
            .prep
            .as_ref()
            .map(|p| {
                super::plain_text(&p.text)
                    .lines()
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        let mut screen = Self {
            interview,
            session,
            notes,
            scratch,
            focus: Focus::Notes,
            mode: InterviewMode::Typing,
            pending: None,
            keys: Keymap::builtin(),
            show_guidance: true,
            finish: None,
            saving: None,
            notices: Vec::new(),
            downtime: None,
            bell_enabled,
            last_phase,
            rung: Vec::new(),
            last_save: now.instant,
            unsaved: false,
            flush_now: false,
            theme,
            no_show: None,
            card_scroll: 0,
            prep_scroll: 0,
            help_scroll: 0,
            prep_lines,
            area: Rect::new(0, 0, 80, 24),
            memos: view::Memos::default(),
            heights: crate::tui::memo::Heights::default(),
        };
        screen.refresh_cursors();
        screen
    }

    /// Shows a resumed interview, saying how the time away was counted.
    pub fn resumed(resumed: Resumed, theme: Theme, bell_enabled: bool, now: Now) -> Self {
        let Resumed {
            interview,
            session,
            downtime,
            save_error: _,
        } = resumed;
        let mut screen = Self::new(interview, session, theme, bell_enabled, now);
        if screen.interview.is_waiting() {
            screen.notices.push(
                "Still waiting for the candidate: the timer starts with Esc c or the first note typed"
                    .into(),
            );
            return screen;
        }
        match downtime {
            Some(d) => {
                screen.downtime = Some(d);
                screen.notices.push(describe_downtime(d.away, d.counted));
            }
            None => screen
                .notices
                .push("Resumed while paused: Esc p carries on with the timer".into()),
        }
        screen
    }

    /// Adds a message for the interviewer (bank warnings at the start).
    pub fn notify(&mut self, notice: String) {
        self.notices.push(notice);
    }

    /// How keys are read now.
    pub fn mode(&self) -> Mode {
        match (&self.finish, &self.no_show) {
            (Some(form), _) => Mode::Finish(form.mode()),
            (None, Some(_)) => Mode::Interview(InterviewMode::ConfirmNoShow),
            (None, None) => Mode::Interview(self.mode),
        }
    }

    /// The start of a key sequence waiting for its next key (Esc).
    pub fn pending(&self) -> Option<KeyEvent> {
        self.pending
            .filter(|_| self.finish.is_none() && self.no_show.is_none())
    }

    /// Uses `keys` (the built-in keys and config.yaml's changes).
    pub fn set_keys(&mut self, keys: Arc<Keymap>) {
        self.keys = keys;
    }

    /// Tells the screen the terminal's size (the event loop, before each
    /// batch of keys): scrolling stops where the text ends.
    pub fn set_area(&mut self, area: Rect) {
        // Called before every batch of keys: only a new size moves the
        // limits (drawing clamps to them anyway).
        if area == self.area {
            return;
        }
        self.area = area;
        self.card_scroll = self.card_scroll.min(view::card_max_scroll(self, area));
        // The windows scroll only while open, and start at the top.
        match self.mode {
            InterviewMode::Prep => {
                self.prep_scroll = self.prep_scroll.min(windows::prep_max_scroll(self, area));
            }
            InterviewMode::Help => {
                let max = super::help::max_scroll(area, &self.theme, &self.keys);
                self.help_scroll = self.help_scroll.min(max);
            }
            _ => {}
        }
    }

    /// The interview file.
    pub fn path(&self) -> &Path {
        self.session.path()
    }

    /// The interview.
    pub fn interview(&self) -> &Interview {
        &self.interview
    }

    /// The notes of the question on screen, as the editor holds them.
    pub fn notes_text(&self) -> String {
        self.notes.text()
    }

    /// The messages shown to the interviewer.
    pub fn notices(&self) -> &[String] {
        &self.notices
    }

    /// What keeps the interview from being safe on disk.
    pub fn save_problem(&self) -> Option<&SaveError> {
        self.session.problem()
    }

    /// Whether typing goes to the scratch note (else the question's notes).
    pub fn scratch_has_focus(&self) -> bool {
        self.focus == Focus::Scratch
    }

    /// Why no lock keeps a second phonescreen out of this interview, while
    /// none does.
    pub fn lock_problem(&self) -> Option<&LockError> {
        self.session.lock_problem()
    }

    /// Where the newest change is on disk, if anywhere.
    pub fn kept(&self) -> Kept {
        self.session.kept()
    }

    fn load_editor(&mut self) {
        let (_, q) = self.interview.current();
        self.notes = NotesEditor::new(&q.notes, NOTES_PLACEHOLDER, self.theme.dim());
    }

    /// The cursor blinks only in the editor that takes typing, never behind
    /// an overlay.
    fn refresh_cursors(&mut self) {
        let typing =
            self.finish.is_none() && self.no_show.is_none() && self.mode == InterviewMode::Typing;
        self.notes.set_focused(typing && self.focus == Focus::Notes);
        self.scratch
            .set_focused(typing && self.focus == Focus::Scratch);
    }

    fn editor(&mut self) -> &mut NotesEditor {
        match self.focus {
            Focus::Notes => &mut self.notes,
            Focus::Scratch => &mut self.scratch,
        }
    }

    /// Takes in what happened: the clock's second, a save finished.
    pub fn on_event(&mut self, event: &Event, now: Now) -> Update {
        match event {
            Event::Tick => self.heartbeat(now),
            Event::Saved => {
                let path = self.session.path().to_path_buf();
                for outcome in self.session.collect(now) {
                    self.notices.extend(describe_outcome(outcome, &path));
                }
            }
            _ => {}
        }
        let outcome = self.check_saved(now);
        self.updated(outcome, now)
    }

    /// Carries out one command.
    pub fn update(&mut self, action: Command, now: Now) -> Update {
        let outcome = match action {
            // Ctrl+Z, whatever is open.
            Command::Suspend => Outcome::Suspend,
            // Finishing: nothing changes while the disk is written.
            _ if self.saving.is_some() => Outcome::Stay,
            action if self.no_show.is_some() => self.answer_no_show(&action, now),
            action if self.finish.is_some() => self.update_finish(action, now),
            action => self.update_interview(action, now),
        };
        self.updated(outcome, now)
    }

    /// After a command or an event: the cursors, and the bell at a new mark.
    fn updated(&mut self, outcome: Outcome, now: Now) -> Update {
        self.refresh_cursors();
        let t = now.instant;
        let phase = self.interview.clock().phase(t);
        let ring =
            phase != self.last_phase && phase != Phase::OnTime && !self.rung.contains(&phase);
        self.last_phase = phase;
        if ring {
            // Once per mark: a resume or Esc t can move the timer back.
            self.rung.push(phase);
        }
        Update {
            outcome,
            bell: ring && self.bell_enabled,
        }
    }

    fn update_interview(&mut self, action: Command, now: Now) -> Outcome {
        let t = now.instant;
        if !matches!(action, Command::CommandMode(_)) {
            // The key after Esc ends the sequence, whatever it did.
            self.pending = None;
        }
        let typed = matches!(action, Command::Edit(_) | Command::Insert(_));
        if !typed {
            self.notices.clear();
            // The record catches up with the editors before anything reads
            // it or moves on: a question change replaces the notes editor,
            // and what was typed in the same burst must not go with it.
            self.sync_text_into_record(t);
        }
        // The help and the prep scroll; elsewhere ↑ and ↓ (after Esc)
        // scroll the question card.
        let scrolling_window = matches!(self.mode, InterviewMode::Prep | InterviewMode::Help)
            && matches!(
                action,
                Command::MoveUp | Command::MoveDown | Command::PageUp | Command::PageDown
            );
        let back_to_typing = !scrolling_window
            && !matches!(
                action,
                Command::CommandMode(_)
                    | Command::OpenJump
                    | Command::ToggleHelp
                    | Command::RequestQuit
                    | Command::ToggleOutline
                    | Command::TogglePrep
            );
        let mut outcome = Outcome::Stay;
        match action {
            Command::Edit(key) => {
                let room = self.text_room();
                match self.editor().key_within(key, room) {
                    Ok(changed) => self.typed(changed, now),
                    Err(wanted) => self.refuse_text(wanted),
                }
            }
            Command::Insert(text) => {
                let room = self.text_room();
                match self.editor().paste_within(&text, room) {
                    Ok(changed) => self.typed(changed, now),
                    Err(wanted) => self.refuse_text(wanted),
                }
            }
            Command::StartCall => self.start_call(now),
            Command::NoShow => self.no_show = Some(Confirm::default()),
            Command::ToggleOutline => {
                self.mode = if self.mode == InterviewMode::Outline {
                    InterviewMode::Typing
                } else {
                    InterviewMode::Outline
                };
            }
            Command::TogglePrep => self.toggle_prep(),
            Command::MoveUp | Command::MoveDown | Command::PageUp | Command::PageDown
                if scrolling_window =>
            {
                let (page, max) = if self.mode == InterviewMode::Help {
                    (
                        super::help::page(self.area),
                        super::help::max_scroll(self.area, &self.theme, &self.keys),
                    )
                } else {
                    (
                        windows::prep_page(self.area),
                        windows::prep_max_scroll(self, self.area),
                    )
                };
                let step = match action {
                    Command::MoveUp | Command::MoveDown => 1,
                    _ => page,
                };
                let scroll = if self.mode == InterviewMode::Help {
                    &mut self.help_scroll
                } else {
                    &mut self.prep_scroll
                };
                *scroll = if matches!(action, Command::MoveUp | Command::PageUp) {
                    scroll.saturating_sub(step)
                } else {
                    (*scroll + step).min(max)
                };
            }
            Command::MoveUp | Command::MoveDown => {
                // A card's page: it is only a few rows high.
                let step = view::card_page(self, self.area);
                self.card_scroll = if action == Command::MoveUp {
                    self.card_scroll.saturating_sub(step)
                } else {
                    (self.card_scroll + step).min(view::card_max_scroll(self, self.area))
                };
            }
            Command::NextQuestion | Command::PreviousQuestion => {
                let before = self.interview.position();
                if action == Command::NextQuestion {
                    self.interview.next(t);
                } else {
                    self.interview.previous(t);
                }
                if self.interview.position() != before {
                    self.moved();
                }
            }
            Command::JumpToSection(n) => {
                self.interview
                    .go_to_section(usize::from(n).saturating_sub(1), t);
                self.moved();
            }
            Command::Rate(n) => {
                if self.interview.rate(usize::from(n)) {
                    self.unsaved = true;
                } else {
                    self.notices.push(format!(
                        "There is no rating {n}: this bank rates 1 to {}",
                        self.interview.record().rating_scale.len()
                    ));
                }
            }
            Command::ToggleSkipped => {
                self.interview.toggle_skipped();
                self.unsaved = true;
            }
            Command::ToggleAsked => {
                self.interview.toggle_asked();
                self.unsaved = true;
            }
            Command::TogglePause if self.interview.is_waiting() => self.notices.push(
                "The call has not started, so the timer is not running: Esc c starts it".into(),
            ),
            Command::TogglePause => {
                if !self.interview.clock().is_paused() && !self.interview.can_pause() {
                    self.notices.push(format!(
                        "Not paused: this interview already has {MAX_PAUSES} pauses, the most it keeps; the timer runs on"
                    ));
                } else {
                    self.interview.toggle_pause(t, now.wall);
                    self.unsaved = true;
                    self.flush_now = true;
                }
            }
            Command::ToggleGuidance => {
                self.show_guidance = !self.show_guidance;
                self.card_scroll = 0;
            }
            Command::ToggleScratch => {
                self.focus = match self.focus {
                    Focus::Notes => Focus::Scratch,
                    Focus::Scratch => Focus::Notes,
                };
            }
            Command::OpenJump => self.mode = InterviewMode::Jump,
            Command::CommandMode(key) => self.pending = Some(key),
            Command::ToggleHelp => {
                self.help_scroll = 0;
                self.mode = if self.mode == InterviewMode::Help {
                    InterviewMode::Typing
                } else {
                    InterviewMode::Help
                };
            }
            Command::OpenFinish if self.interview.is_waiting() => self
                .notices
                .push("The call has not started: Esc c starts it, Esc x records a no-show".into()),
            Command::OpenFinish => {
                self.finish = Some(FinishForm::new(
                    self.interview.record(),
                    &self.theme,
                    self.keys.clone(),
                ));
                self.unsaved = true;
                self.flush_now = true;
            }
            Command::RequestQuit => {
                self.mode = InterviewMode::ConfirmQuit;
                self.unsaved = true;
                self.flush_now = true;
            }
            Command::ConfirmQuit => outcome = Outcome::Quit,
            Command::ToggleDowntime => self.toggle_downtime(now),
            Command::SaveElsewhere => self.save_elsewhere(now),
            _ => {}
        }
        if back_to_typing {
            self.mode = InterviewMode::Typing;
        }
        outcome
    }

    fn update_finish(&mut self, action: Command, now: Now) -> Outcome {
        let used = self.typed_now();
        let Some(form) = self.finish.as_mut() else {
            return Outcome::Stay;
        };
        form.set_room(limits::max_text_bytes().saturating_sub(used));
        match form.update(action) {
            FinishOutcome::Nothing => {}
            FinishOutcome::NoRoom(wanted) => form.set_error(no_room(wanted, used)),
            FinishOutcome::Changed => {
                let (recommendation, summary) = (form.recommendation(), form.summary());
                self.interview.set_draft_outcome(recommendation, summary);
                self.unsaved = true;
            }
            FinishOutcome::Cancel => self.finish = None,
            FinishOutcome::Quit => {
                self.finish = None;
                self.mode = InterviewMode::ConfirmQuit;
                self.unsaved = true;
                self.flush_now = true;
            }
            FinishOutcome::Finish(recommendation, summary) => {
                self.interview
                    .finish(recommendation, summary, now.instant, now.wall);
                form.set_error("Saving to the disk…".into());
                // The call is over: finished once the file holds the outcome.
                return self.save_to_disk(now, false);
            }
        }
        Outcome::Stay
    }

    /// Text was typed (or not, `changed` false) into a note: the first
    /// change while waiting starts the call, at this very moment, so the
    /// note's time is the call's first second.
    fn typed(&mut self, changed: bool, now: Now) {
        if changed {
            self.unsaved = true;
            self.start_call(now);
        }
    }

    /// Starts the call, if it has not started: the timer runs from now.
    fn start_call(&mut self, now: Now) {
        if self.interview.is_waiting() {
            self.interview.start_call(now.instant, now.wall);
            self.unsaved = true;
            self.flush_now = true;
        }
    }

    fn toggle_prep(&mut self) {
        if self.mode == InterviewMode::Prep {
            self.mode = InterviewMode::Typing;
            return;
        }
        let record = self.interview.record();
        if record.prep.is_none() && windows::bank_advice(record).is_none() {
            self.notices.push(
                "No prep for this interview: give one with --prep FILE, or in the launcher's Prep field"
                    .into(),
            );
            return;
        }
        self.prep_scroll = 0;
        self.mode = InterviewMode::Prep;
    }

    /// Takes the answer to "record a no-show?" (`y`, then Enter; see
    /// [`crate::tui::screens::delete`] for why two keys).
    fn answer_no_show(&mut self, action: &Command, now: Now) -> Outcome {
        let Some(ask) = self.no_show.as_mut() else {
            return Outcome::Stay;
        };
        let armed = ask.is_armed();
        match ask.answer(action) {
            Answer::Wait => Outcome::Stay,
            Answer::Keep | Answer::Quit => {
                self.no_show = None;
                match action {
                    // Typing on: it was text for the notes, the `y` too.
                    Command::Insert(text) => {
                        let text = if armed {
                            format!("y{text}")
                        } else {
                            text.clone()
                        };
                        self.update_interview(Command::Insert(text), now)
                    }
                    Command::Edit(_) => {
                        if armed {
                            self.update_interview(Command::Insert("y".into()), now);
                        }
                        self.update_interview(action.clone(), now)
                    }
                    Command::RequestQuit => self.update_interview(Command::RequestQuit, now),
                    _ => {
                        self.notices
                            .push("Nothing recorded: the interview goes on".into());
                        Outcome::Stay
                    }
                }
            }
            Answer::Delete => {
                self.no_show = None;
                self.sync_text_into_record(now.instant);
                self.interview.no_show(now.instant, now.wall);
                self.notices
                    .push("No-show recorded: saving to the disk…".into());
                self.save_to_disk(now, true)
            }
        }
    }

    /// Bytes of typed text the interview holds now — every question's
    /// notes, the scratch note and the summary — with the editors counted
    /// as they are (the record catches up with them at the next save).
    fn typed_now(&self) -> usize {
        let record = self.interview.record();
        let saved = limits::typed_bytes(record)
            - self.interview.current().1.notes.len()
            - record.scratch.len()
            - record.summary.len();
        let summary = self
            .finish
            .as_ref()
            .map_or(record.summary.len(), FinishForm::summary_len);
        saved + self.notes.len() + self.scratch.len() + summary
    }

    /// How many bytes of text can still be added (see `interview::limits`).
    fn text_room(&self) -> usize {
        limits::max_text_bytes().saturating_sub(self.typed_now())
    }

    /// Says that text was refused whole for want of room.
    fn refuse_text(&mut self, wanted: usize) {
        let used = self.typed_now();
        self.notices.push(no_room(wanted, used));
    }

    /// The question on screen changed: new notes in the editor, and the file
    /// written at once.
    fn moved(&mut self) {
        self.load_editor();
        self.card_scroll = 0;
        self.focus = Focus::Notes;
        self.unsaved = true;
        self.flush_now = true;
    }

    fn heartbeat(&mut self, now: Now) {
        if self.interview.record().status == Status::InProgress
            && now.instant.saturating_duration_since(self.last_save) >= HEARTBEAT
        {
            self.unsaved = true;
        }
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

    /// Saves what changed since the last call (into the journal: crash-safe
    /// before the screen shows it), then hands a due flush to the flusher.
    /// Call once after each batch of commands and events, before drawing.
    pub fn persist(&mut self, now: Now) {
        if self.unsaved {
            self.unsaved = false;
            self.sync_text_into_record(now.instant);
            let _ = self.session.save(&mut self.interview, now);
            self.last_save = now.instant;
        }
        if self.flush_now {
            self.flush_now = false;
            self.session.flush_soon(now);
        }
        self.session.tick(&self.interview, now);
    }

    /// Whether the interview is finished and waits for the disk to hold it.
    pub fn is_saving(&self) -> bool {
        self.saving.is_some()
    }

    /// Saves everything and has the flusher write it to the disk at once;
    /// the interview is finished when it has (see `check_saved`).
    fn save_to_disk(&mut self, now: Now, no_show: bool) -> Outcome {
        self.unsaved = false;
        self.sync_text_into_record(now.instant);
        self.last_save = now.instant;
        let revision = self.session.save_to_disk(&mut self.interview, now);
        self.saving = Some(Saving {
            revision,
            deadline: now.instant + WAIT_FOR_DISK,
            no_show,
        });
        self.check_saved(now)
    }

    /// Finished once the disk holds the outcome; the interview stays open,
    /// saying why, when it could not be written or the disk did not answer.
    fn check_saved(&mut self, now: Now) -> Outcome {
        let Some(saving) = self.saving else {
            return Outcome::Stay;
        };
        let landed = match self.session.landed(saving.revision) {
            Some(landed) => landed.map_err(|err| err.to_string()),
            None if now.instant >= saving.deadline => Err(format!(
                "the disk did not answer within {} seconds",
                WAIT_FOR_DISK.as_secs()
            )),
            None => return Outcome::Stay,
        };
        self.saving = None;
        match landed {
            Ok(()) => {
                self.finish = None;
                Outcome::Finished
            }
            Err(err) if saving.no_show => {
                self.notices.push(format!(
                    "No-show recorded, but not saved: {err}. Esc w saves elsewhere"
                ));
                Outcome::Stay
            }
            Err(err) => {
                if let Some(form) = self.finish.as_mut() {
                    form.set_error(format!(
                        "Not saved: {err}. The interview stays open; Esc w saves elsewhere."
                    ));
                }
                Outcome::Stay
            }
        }
    }

    /// Saves everything and waits until the file holds it and is on the disk
    /// (quitting, suspending, signals).
    pub fn save_and_wait(&mut self, now: Now) -> Result<(), SaveError> {
        self.unsaved = false;
        self.sync_text_into_record(now.instant);
        self.last_save = now.instant;
        self.session.save_and_wait(&mut self.interview, now)
    }

    /// Ends the screen: the journal goes once the file holds everything, and
    /// the lock is released.
    pub fn close(self) {
        self.session.close();
    }

    fn toggle_downtime(&mut self, now: Now) {
        let Some(d) = self.downtime.as_mut() else {
            self.notices
                .push("Esc t only applies right after resuming an interview".into());
            return;
        };
        let (away, counted) = (d.away, !d.counted);
        if !self.interview.adjust_elapsed(away, counted, now.instant) {
            self.notices.push(format!(
                "The time away stays counted: this interview already has {MAX_PAUSES} pauses, the most it keeps"
            ));
            return;
        }
        d.counted = counted;
        self.notices.push(describe_downtime(away, counted));
        self.unsaved = true;
    }

    fn save_elsewhere(&mut self, now: Now) {
        if self.session.problem().is_none() {
            self.notices
                .push("Saving works; Esc w is for when it does not".into());
            return;
        }
        self.sync_text_into_record(now.instant);
        match self.session.save_elsewhere(&mut self.interview, now) {
            Ok(path) => self.notices.push(format!(
                "Saved to {}; saving goes on there. Carry on later with: {}",
                path.display(),
                resume_command(&path)
            )),
            // Short, so it fits under NOT SAVED, which names the file retried.
            Err(err) => self.notices.push(format!(
                "Could not save elsewhere either: {}: {}. Saving goes on retrying the interview's own file",
                err.path.display(),
                err.reason
            )),
        }
    }

    /// How long the loop may sleep before something on screen changes or
    /// saving has work to do.
    pub fn next_wake(&self, now: Instant) -> Duration {
        let tick = self.interview.clock().next_tick(now);
        let save = self
            .session
            .due()
            .map(|due| due.saturating_duration_since(now))
            .unwrap_or(tick);
        let given_up = self
            .saving
            .map_or(tick, |s| s.deadline.saturating_duration_since(now));
        tick.min(save).min(given_up).max(Duration::from_millis(1))
    }

    /// Draws the screen.
    pub fn draw(&self, frame: &mut Frame, area: Rect, theme: &Theme, now: Now) {
        view::draw(self, frame, area, theme, now);
    }
}
