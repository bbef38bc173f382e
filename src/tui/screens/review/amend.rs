//! Amending a finished interview: one page per question (its rating and
//! notes), then a page for the recommendation and the summary. The
//! interview file is not written until it is saved (Ctrl+S, by the worker,
//! keys waiting meanwhile), under the interview's lock, held from the moment
//! amending starts; a failed save says why and keeps everything typed on
//! screen.
//!
//! Until then every change is appended to the amendment draft beside the
//! file ([`crate::review::draft`]) before the screen shows it, so a crash
//! loses nothing: the next Ctrl+E on the interview brings the draft back.
//! Saving, or throwing the changes away with Esc twice, removes it.
//!
//! A save that fails for the disk's sake (full, not writable, failing) is
//! retried on the clock's tick, once a second, as the interview's own
//! saving is, until it works: the screen says so while it lasts, and when
//! a retry works it says so and stays where the interviewer is (keys typed
//! meanwhile must not land on another screen). A save refused for what it
//! holds (the file changed, a rating not on the scale) is not retried: the
//! screen says what to do.

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::highlight::clean;
use crate::interview::record::{QuestionState, Recommendation, Record};
use crate::interview::{Now, limits};
use crate::review::Amendment;
use crate::review::amend::{AmendError, amend};
use crate::review::draft::{self, DraftEntry, DraftWriter, Recovery};
use crate::store::{LoadProblem, SaveOp, SessionLock, Trouble};
use crate::tui::command::Command;
use crate::tui::editor::NotesEditor;
use crate::tui::event::Mailbox;
use crate::tui::worker;
use std::sync::Arc;

use crate::tui::keymap::{AmendMode, Keymap, Mode};
use crate::tui::messages::no_room;
use crate::tui::screens::{draw_editor, footer_hints, truncate};
use crate::tui::theme::Theme;

/// Which part of a page takes keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The rating, or the recommendation.
    Choice,
    /// The notes, or the summary.
    Text,
}

/// What amending asks of the review screen.
#[derive(Debug)]
pub enum AmendOutcome {
    /// Keep amending.
    Stay,
    /// Saved: the interview as written.
    Saved(Box<Record>),
    /// Saved by a retry of a save that had failed: the interview as
    /// written; amending goes on, with nothing left to save.
    SavedOnRetry(Box<Record>),
    /// Stop amending (nothing to save, or the changes were discarded).
    Leave,
    /// Saved (or nothing to save): quit phonescreen.
    Quit,
}

/// What to do once a save on the worker is done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AfterSave {
    /// Back to the opened interview (Ctrl+S).
    Leave,
    /// Quit phonescreen (Ctrl+Q).
    Quit,
    /// Go on amending (a retry on the clock's tick).
    Stay,
}

/// Amending one interview.
#[derive(Debug)]
pub struct Amending {
    path: PathBuf,
    /// Shared with the worker while it saves.
    lock: Arc<SessionLock>,
    mailbox: Mailbox,
    /// A save on the worker, and what comes after it: keys wait meanwhile.
    saving: Option<AfterSave>,
    /// As read when amending started.
    original: Record,
    /// With the changes so far (the editor's text is put in on each update).
    draft: Record,
    /// A question's flat index, or the question count for the outcome page.
    page: usize,
    focus: Focus,
    editor: NotesEditor,
    /// Something differs from the file.
    dirty: bool,
    /// Esc was pressed once with changes not saved.
    discard_armed: bool,
    /// What went wrong, or what to know.
    message: Option<(String, bool)>,
    /// Appends to the amendment draft; opened at the first change.
    writer: Option<DraftWriter>,
    /// The amendment the draft holds last.
    drafted: Amendment,
    /// A draft found when amending started that could not be applied: it
    /// is left as it is, never written to nor removed.
    draft_kept: Option<PathBuf>,
    /// Why changes are not being drafted, shown while no other message is.
    draft_problem: Option<String>,
    /// Saved, but the draft could not be removed: why, for the review screen.
    draft_left: Option<String>,
    /// A save failed for the disk's sake: what to show until a retry on
    /// the clock's tick works.
    retrying: Option<String>,
    theme: Theme,
    /// The keys, for the footer.
    keys: Arc<Keymap>,
}

const NOTES_PLACEHOLDER: &str = "No notes. Type to add some.";
const SUMMARY_PLACEHOLDER: &str = "A few sentences for the hiring team…";

impl Amending {
    /// Amends `record` (read under `lock`) from its first question.
    pub fn new(
        path: PathBuf,
        lock: SessionLock,
        record: Record,
        theme: Theme,
        keys: Arc<Keymap>,
        mailbox: Mailbox,
    ) -> Self {
        let mut amending = Self {
            keys,
            path,
            lock: Arc::new(lock),
            mailbox,
            saving: None,
            draft: record.clone(),
            original: record,
            page: 0,
            focus: Focus::Choice,
            editor: NotesEditor::new("", "", theme.dim()),
            dirty: false,
            discard_armed: false,
            message: None,
            writer: None,
            drafted: Amendment::default(),
            draft_kept: None,
            draft_problem: None,
            draft_left: None,
            retrying: None,
            theme,
        };
        amending.load_page();
        amending
    }

    /// Takes up what the amendment draft left when amending started
    /// ([`draft::recover`]): amendments not saved are put back on screen,
    /// not saved; a draft that cannot be applied is named and kept.
    pub fn recover(&mut self, recovery: Recovery, now: Now) {
        match recovery {
            Recovery::Nothing => {}
            Recovery::Stale => {
                // What it holds is in the file: only a removal was missed.
                let _ = draft::remove(&self.path);
            }
            Recovery::Recovered { record, at } => {
                self.draft = *record;
                self.load_page();
                self.drafted = Amendment::between(&self.original, &self.draft);
                self.dirty = !self.drafted.is_empty();
                let when = if at.date_naive() == now.wall.date_naive() {
                    at.format("%H:%M")
                } else {
                    at.format("%Y-%m-%d %H:%M")
                };
                self.message = Some((
                    format!(
                        "Recovered amendments that were not saved (the last change at {when}): Ctrl+S saves them, Esc twice throws them away"
                    ),
                    false,
                ));
            }
            Recovery::Refused { path, why } => match draft::set_aside(&self.path, now.wall) {
                // Set aside, so this amending is drafted anew.
                Ok(aside) => {
                    self.message = Some((
                        format!(
                            "An amendment draft was not applied ({}); it was moved to {}",
                            clean(&why),
                            clean(&aside.display().to_string())
                        ),
                        true,
                    ));
                }
                Err(e) => {
                    self.draft_problem = Some(format!(
                        "The amendment draft {} was not applied ({}) and cannot be moved away ({}): what is typed now is not drafted until it is",
                        clean(&path.display().to_string()),
                        clean(&why),
                        clean(&e.to_string())
                    ));
                    self.draft_kept = Some(path);
                }
            },
        }
    }

    /// Appends the amendment as it is now to the draft, when it changed
    /// since the last line: before the screen shows the change.
    fn keep_draft(&mut self, amendment: Amendment, now: Now) {
        if self.draft_kept.is_some() || amendment == self.drafted {
            return;
        }
        if amendment.is_empty() {
            // Every change taken back: nothing is left to keep.
            self.writer = None;
            self.drafted = amendment;
            self.draft_problem = draft::remove(&self.path).err().map(|e| {
                format!(
                    "The draft {} still holds changes taken back since and cannot be removed ({})",
                    clean(&DraftWriter::path_of(&self.path).display().to_string()),
                    clean(&e.to_string())
                )
            });
            return;
        }
        let entry = DraftEntry::new(&self.original, amendment, now.wall);
        let appended = match self.writer.as_mut() {
            Some(writer) => writer.append(&entry),
            None => DraftWriter::open(&self.path).and_then(|mut writer| {
                writer.append(&entry)?;
                self.writer = Some(writer);
                Ok(())
            }),
        };
        match appended {
            Ok(()) => {
                self.drafted = entry.amendment;
                self.draft_problem = None;
            }
            Err(e) => {
                self.draft_problem = Some(format!(
                    "The changes cannot be kept in the draft {} ({}): a crash now would lose them; Ctrl+S saves them",
                    clean(
                        &draft::DraftWriter::path_of(&self.path)
                            .display()
                            .to_string()
                    ),
                    clean(&e.to_string())
                ));
            }
        }
    }

    /// Removes the draft: the amendment was saved or thrown away. A draft
    /// kept because it could not be applied stays.
    fn forget_draft(&mut self) -> Result<(), String> {
        if self.draft_kept.is_some() {
            return Ok(());
        }
        self.writer = None;
        self.drafted = Amendment::default();
        draft::remove(&self.path).map_err(|e| {
            format!(
                "the draft {} could not be removed ({e}); the next Ctrl+E will refuse it, and it may be deleted",
                DraftWriter::path_of(&self.path).display()
            )
        })
    }

    /// Why the draft beside the file could not be removed after a save, if so.
    pub fn take_draft_left(&mut self) -> Option<String> {
        self.draft_left.take()
    }

    /// How keys are read.
    pub fn mode(&self) -> AmendMode {
        match self.focus {
            Focus::Choice => AmendMode::Choice,
            Focus::Text => AmendMode::Text,
        }
    }

    fn outcome_page(&self) -> usize {
        self.draft.question_count()
    }

    fn on_outcome(&self) -> bool {
        self.page >= self.outcome_page()
    }

    fn load_page(&mut self) {
        let (text, placeholder) = if self.on_outcome() {
            (self.draft.summary.clone(), SUMMARY_PLACEHOLDER)
        } else {
            let notes = self
                .draft
                .question(self.page)
                .map(|(_, q)| q.notes.clone())
                .unwrap_or_default();
            (notes, NOTES_PLACEHOLDER)
        };
        self.editor = NotesEditor::new(&text, placeholder, self.theme.dim());
        self.editor.set_focused(self.focus == Focus::Text);
    }

    /// Puts the editor's text into the draft; returns the amendment it makes.
    fn sync(&mut self) -> Amendment {
        let text = self.editor.text();
        if self.on_outcome() {
            self.draft.summary = text;
        } else if let Some(q) = self.draft.question_mut(self.page) {
            q.notes = text;
        }
        let amendment = Amendment::between(&self.original, &self.draft);
        self.dirty = !amendment.is_empty();
        amendment
    }

    /// Bytes of notes and summary the draft holds, the editor counted as it is.
    fn typed_now(&self) -> usize {
        let in_draft = if self.on_outcome() {
            self.draft.summary.len()
        } else {
            self.draft
                .question(self.page)
                .map_or(0, |(_, q)| q.notes.len())
        };
        limits::typed_bytes(&self.draft) - in_draft + self.editor.len()
    }

    /// How many bytes of text can still be added (see `interview::limits`).
    fn text_room(&self) -> usize {
        limits::max_text_bytes().saturating_sub(self.typed_now())
    }

    /// Says that text was refused whole for want of room.
    fn refuse_text(&mut self, wanted: usize) {
        self.message = Some((no_room(wanted, self.typed_now()), true));
    }

    fn focus(&mut self, focus: Focus) {
        self.focus = focus;
        self.editor.set_focused(focus == Focus::Text);
    }

    fn go_to(&mut self, page: usize) {
        self.sync();
        self.page = page.min(self.outcome_page());
        self.load_page();
    }

    /// The interview amended.
    pub fn path(&self) -> &std::path::Path {
        &self.path
    }

    /// Saves amendments not saved yet, when phonescreen is stopped (a
    /// signal, the terminal lost): what to print once the terminal is back.
    pub fn save_on_exit(&mut self, now: Now) -> Option<String> {
        if !self.dirty {
            return None;
        }
        Some(match self.save(now) {
            Ok(_) => format!("Amendments saved to {}", self.path.display()),
            Err(e) => format!(
                "The amendments to {} could NOT be saved: {e}",
                self.path.display()
            ),
        })
    }

    /// The changes, or `None` when nothing differs from the file (then the
    /// draft holds nothing to keep, and goes).
    fn changes(&mut self) -> Option<Amendment> {
        let amendment = self.sync();
        if amendment.is_empty() {
            self.retrying = None;
            self.draft_left = self.forget_draft().err();
            return None;
        }
        Some(amendment)
    }

    /// Saves the changes here and now (phonescreen is stopping); `Ok(None)`
    /// when there were none.
    fn save(&mut self, now: Now) -> Result<Option<Record>, String> {
        let Some(amendment) = self.changes() else {
            return Ok(None);
        };
        let saved = amend(&self.path, &self.lock, &amendment, now.wall);
        self.took(saved.as_ref().map(Record::clone)).map(Some)
    }

    /// Has the worker save the changes, then do `after`; `false` when there
    /// were none.
    fn save_on_worker(&mut self, after: AfterSave, now: Now) -> bool {
        let Some(amendment) = self.changes() else {
            return false;
        };
        self.saving = Some(after);
        let (path, lock) = (self.path.clone(), self.lock.clone());
        worker::save_amendment(path, lock, amendment, now.wall, self.mailbox.clone());
        true
    }

    /// Whether a save is under way on the worker.
    pub fn is_saving(&self) -> bool {
        self.saving.is_some()
    }

    /// What a save did: the file as written; a failure for the disk's sake
    /// is retried from then on (see [`Amending::tick`]).
    fn took(&mut self, saved: Result<Record, &AmendError>) -> Result<Record, String> {
        match saved {
            Ok(record) => {
                self.original = record.clone();
                self.draft = record.clone();
                self.dirty = false;
                self.retrying = None;
                self.draft_left = self.forget_draft().err();
                Ok(record)
            }
            Err(err) => {
                let text = not_saved(err);
                self.retrying = retried(err).then(|| text.clone());
                Err(text)
            }
        }
    }

    /// The worker's save is done ([`crate::tui::event::Event::AmendSaved`]).
    pub fn saved(&mut self, saved: &Result<Record, AmendError>, now: Now) -> AmendOutcome {
        let Some(after) = self.saving.take() else {
            return AmendOutcome::Stay;
        };
        let saved = match saved {
            Ok(record) => Ok(record.clone()),
            Err(err) => Err(err),
        };
        match (self.took(saved), after) {
            (Ok(record), AfterSave::Leave) => AmendOutcome::Saved(Box::new(record)),
            (Ok(_), AfterSave::Quit) => AmendOutcome::Quit,
            (Ok(record), AfterSave::Stay) => {
                self.message = Some((
                    format!(
                        "Saved at {}, once the disk took it; the interview's times are as they were. Esc goes back to the interview",
                        now.wall.format("%H:%M:%S")
                    ),
                    false,
                ));
                AmendOutcome::SavedOnRetry(Box::new(record))
            }
            // A retry still failing: the retrying line says the newest reason.
            (Err(_), AfterSave::Stay) => AmendOutcome::Stay,
            (Err(e), _) => {
                self.message = Some((e, true));
                AmendOutcome::Stay
            }
        }
    }

    fn rate(&mut self, n: usize) {
        let scale = &self.draft.rating_scale;
        let Some(label) = n.checked_sub(1).and_then(|i| scale.get(i)).cloned() else {
            self.message = Some((
                format!(
                    "There is no rating {n}: this interview rates 1 to {}",
                    scale.len()
                ),
                true,
            ));
            return;
        };
        if let Some(q) = self.draft.question_mut(self.page) {
            q.rating = if q.rating.as_deref() == Some(label.as_str()) {
                None
            } else {
                Some(label)
            };
        }
    }

    fn step_choice(&mut self, forward: bool) {
        if self.on_outcome() {
            let n = Recommendation::ALL.len();
            let at = self
                .draft
                .recommendation
                .and_then(|r| Recommendation::ALL.iter().position(|x| *x == r));
            let next = match (at, forward) {
                (None, true) => 0,
                (None, false) => n - 1,
                (Some(i), true) => (i + 1) % n,
                (Some(i), false) => (i + n - 1) % n,
            };
            self.draft.recommendation = Some(Recommendation::ALL[next]);
            return;
        }
        let scale = self.draft.rating_scale.clone();
        if scale.is_empty() {
            return;
        }
        if let Some(q) = self.draft.question_mut(self.page) {
            let at = q
                .rating
                .as_ref()
                .and_then(|r| scale.iter().position(|l| l == r));
            // Through "no rating" at either end.
            let next = match (at, forward) {
                (None, true) => Some(0),
                (None, false) => Some(scale.len() - 1),
                (Some(i), true) => (i + 1 < scale.len()).then_some(i + 1),
                (Some(i), false) => i.checked_sub(1),
            };
            q.rating = next.map(|i| scale[i].clone());
        }
    }

    /// The clock's second: a failed save is tried again. It touches
    /// nothing the interviewer is doing.
    pub fn tick(&mut self, now: Now) {
        if self.retrying.is_some() && self.saving.is_none() {
            self.save_on_worker(AfterSave::Stay, now);
        }
    }

    /// Carries out one command.
    pub fn update(&mut self, action: Command, now: Now) -> AmendOutcome {
        if self.saving.is_some() {
            // Nothing changes while the worker saves.
            return AmendOutcome::Stay;
        }
        let armed = std::mem::take(&mut self.discard_armed);
        if !matches!(action, Command::Edit(_) | Command::Insert(_)) {
            self.message = None;
        }
        match action {
            Command::Choose(n) if self.on_outcome() => {
                match Recommendation::ALL.get(usize::from(n).wrapping_sub(1)) {
                    Some(r) => self.draft.recommendation = Some(*r),
                    None => {
                        self.message =
                            Some(("Choose the recommendation with 1 to 5".to_string(), true));
                    }
                }
            }
            Command::Choose(n) => self.rate(usize::from(n)),
            Command::ClearField if self.on_outcome() => {
                self.message = Some((
                    "A finished interview keeps a recommendation: choose another with 1 to 5"
                        .to_string(),
                    true,
                ));
            }
            Command::ClearField => {
                if let Some(q) = self.draft.question_mut(self.page) {
                    q.rating = None;
                }
            }
            Command::NextChoice => self.step_choice(true),
            Command::PreviousChoice => self.step_choice(false),
            Command::NextField | Command::PreviousField => {
                let other = match self.focus {
                    Focus::Choice => Focus::Text,
                    Focus::Text => Focus::Choice,
                };
                self.focus(other);
            }
            Command::NextQuestion => self.go_to(self.page + 1),
            Command::PreviousQuestion => self.go_to(self.page.saturating_sub(1)),
            Command::Edit(key) => {
                self.focus(Focus::Text);
                let room = self.text_room();
                if let Err(wanted) = self.editor.key_within(key, room) {
                    self.refuse_text(wanted);
                }
            }
            Command::Insert(text) => {
                self.focus(Focus::Text);
                let room = self.text_room();
                if let Err(wanted) = self.editor.paste_within(&text, room) {
                    self.refuse_text(wanted);
                }
            }
            Command::Save => {
                let saving = self.save_on_worker(AfterSave::Leave, now);
                if !saving {
                    self.message = Some(("Nothing changed, so nothing to save".into(), false));
                }
            }
            Command::Back => {
                self.sync();
                if !self.dirty || armed {
                    // Nothing to keep, or the changes deliberately thrown
                    // away: so is the draft. Should it stay (a folder that
                    // no longer lets files go), the next Ctrl+E offers it
                    // back, which loses nothing.
                    let _ = self.forget_draft();
                    return AmendOutcome::Leave;
                }
                self.discard_armed = true;
                self.message = Some((
                    "The changes are not saved: Ctrl+S saves them, Esc again throws them away"
                        .into(),
                    true,
                ));
            }
            Command::RequestQuit => {
                let saving = self.save_on_worker(AfterSave::Quit, now);
                if !saving {
                    return AmendOutcome::Quit;
                }
            }
            _ => {}
        }
        let amendment = self.sync();
        self.keep_draft(amendment, now);
        AmendOutcome::Stay
    }

    /// Draws the amending screen.
    pub fn draw(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let shown = self
            .message
            .as_ref()
            .map(|(text, error)| (text.as_str(), *error))
            .or(self.retrying.as_deref().map(|text| (text, true)))
            .or(self.draft_problem.as_deref().map(|text| (text, true)));
        let message_rows = u16::from(shown.is_some()) * 2;
        let [header, body, message, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(8),
            Constraint::Length(message_rows),
            Constraint::Length(1),
        ])
        .areas(area);
        let state = if self.dirty {
            Span::styled(" changes not saved (Ctrl+S) ", theme.warning())
        } else {
            Span::styled(" nothing to save ", theme.dim())
        };
        let [left, right] = Layout::horizontal([
            Constraint::Min(10),
            Constraint::Length(state.width() as u16),
        ])
        .areas(header);
        let room = usize::from(left.width).saturating_sub(12);
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(" AMENDING ", theme.selected()),
                Span::styled(
                    format!(
                        " {}",
                        truncate(
                            &format!(
                                "{} · {} · {}",
                                clean(&self.draft.candidate),
                                clean(&self.draft.role),
                                self.draft.started_at.format("%Y-%m-%d")
                            ),
                            room
                        )
                    ),
                    theme.strong(),
                ),
            ])),
            left,
        );
        frame.render_widget(Paragraph::new(Line::from(state)), right);

        let outline_width = if area.width >= 120 { 42 } else { 30 };
        let [outline, main] =
            Layout::horizontal([Constraint::Length(outline_width), Constraint::Min(40)])
                .areas(body);
        self.draw_outline(frame, outline, theme);
        if self.on_outcome() {
            self.draw_outcome(frame, main, theme);
        } else {
            self.draw_question(frame, main, theme);
        }
        if let Some((text, error)) = shown {
            let style = if error {
                theme.danger()
            } else {
                theme.warning()
            };
            frame.render_widget(
                Paragraph::new(Line::styled(format!(" {text}"), style)).wrap(Wrap { trim: true }),
                message,
            );
        }
        let mut hints = footer_hints(theme, &self.keys, Mode::Amend(self.mode()));
        hints.spans.insert(0, Span::raw(" "));
        frame.render_widget(Paragraph::new(hints), footer);
    }

    fn draw_outline(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border())
            .title(" Pages (PgDn/PgUp) ");
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let width = usize::from(inner.width);
        let height = usize::from(inner.height);
        let pages = self.outcome_page() + 1;
        let top = if pages > height {
            self.page.saturating_sub(height / 2).min(pages - height)
        } else {
            0
        };
        let before: Vec<_> = self
            .original
            .sections
            .iter()
            .flat_map(|s| &s.questions)
            .collect();
        let mut lines = Vec::new();
        for page in top..(top + height).min(pages) {
            let here = page == self.page;
            let line = if page == self.outcome_page() {
                let changed = self.original.recommendation != self.draft.recommendation
                    || self.original.summary != self.draft.summary;
                format!(
                    "{}{} Outcome: {}",
                    if here { "▶" } else { " " },
                    if changed { "•" } else { " " },
                    self.draft.recommendation.map_or("none", |r| r.label())
                )
            } else {
                let Some((_, q)) = self.draft.question(page) else {
                    continue;
                };
                let changed = before
                    .get(page)
                    .is_some_and(|b| b.notes != q.notes || b.rating != q.rating);
                let mut right = String::new();
                if let Some(r) = &q.rating {
                    right.push_str(&format!(" ★{}", self.draft.rating_number(r)));
                }
                if !q.notes.trim().is_empty() {
                    right.push_str(" ✎");
                }
                let id_width = width.saturating_sub(right.chars().count() + 5);
                format!(
                    "{}{}{} {:<id_width$}{right}",
                    if here { "▶" } else { " " },
                    if changed { "•" } else { " " },
                    match q.state {
                        QuestionState::NotReached => "·",
                        QuestionState::Asked => "✓",
                        QuestionState::Skipped => "»",
                    },
                    truncate(&clean(&q.id), id_width)
                )
            };
            let style = if here { theme.selected() } else { theme.text() };
            lines.push(Line::styled(line, style));
        }
        frame.render_widget(Paragraph::new(lines), inner);
    }

    fn draw_question(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let Some((si, q)) = self.draft.question(self.page) else {
            return;
        };
        let total = self.draft.question_count();
        let mut card = vec![Line::styled(clean(&q.ask), theme.strong())];
        card.push(Line::styled(
            format!(
                "{}{}",
                q.state.label(),
                q.first_note_seconds
                    .filter(|_| !q.notes.trim().is_empty())
                    .map_or(String::new(), |s| format!(
                        " · first note at {} in the call",
                        crate::interview::format_clock(s)
                    ))
            ),
            theme.dim(),
        ));
        let card_para = Paragraph::new(card).wrap(Wrap { trim: false });
        let card_rows = (card_para.line_count(area.width.saturating_sub(2)) as u16 + 2)
            .min(area.height.saturating_sub(8));
        let [card_area, rating_area, notes_area] = Layout::vertical([
            Constraint::Length(card_rows),
            Constraint::Length(3),
            Constraint::Min(4),
        ])
        .areas(area);
        frame.render_widget(
            card_para.block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(theme.border())
                    .title(format!(
                        " Q{}/{total} · {} ",
                        self.page + 1,
                        truncate(
                            &clean(&self.draft.sections[si].title),
                            usize::from(area.width).saturating_sub(16)
                        )
                    )),
            ),
            card_area,
        );
        let focused = self.focus == Focus::Choice;
        let mut spans = Vec::new();
        for (i, label) in self.draft.rating_scale.iter().enumerate() {
            let chosen = q.rating.as_deref() == Some(label.as_str());
            let text = if chosen {
                format!("[{} {}]", i + 1, clean(label))
            } else {
                format!(" {} {} ", i + 1, clean(label))
            };
            let style = match (chosen, focused) {
                (true, true) => theme.selected(),
                (true, false) => theme.strong(),
                _ => theme.text(),
            };
            spans.push(Span::styled(text, style));
            spans.push(Span::raw(" "));
        }
        if q.rating.is_none() {
            spans.push(Span::styled("(not rated)", theme.dim()));
        }
        frame.render_widget(
            Paragraph::new(Line::from(spans)).block(boxed(theme, focused).title(format!(
                " Rating (1-{}, 0 clears, Tab to the notes) ",
                self.draft.rating_scale.len()
            ))),
            rating_area,
        );
        draw_editor(
            &self.editor,
            frame,
            notes_area,
            theme,
            " Notes (Tab to the rating) ",
            self.focus == Focus::Text,
        );
    }

    fn draw_outcome(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let rows = Recommendation::ALL.len() as u16 + 2;
        let [choices, summary] =
            Layout::vertical([Constraint::Length(rows), Constraint::Min(4)]).areas(area);
        let focused = self.focus == Focus::Choice;
        let lines: Vec<Line> = Recommendation::ALL
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let chosen = self.draft.recommendation == Some(*r);
                let style = match (chosen, focused) {
                    (true, true) => theme.selected(),
                    (true, false) => theme.strong(),
                    _ => theme.text(),
                };
                Line::from(vec![
                    Span::styled(format!(" {} ", i + 1), theme.key()),
                    Span::styled(
                        format!("{} {}", if chosen { "(•)" } else { "( )" }, r.label()),
                        style,
                    ),
                ])
            })
            .collect();
        frame.render_widget(
            Paragraph::new(lines)
                .block(boxed(theme, focused).title(" Recommendation (1-5, Tab to the summary) ")),
            choices,
        );
        draw_editor(
            &self.editor,
            frame,
            summary,
            theme,
            " Summary (Tab to the recommendation) ",
            self.focus == Focus::Text,
        );
    }
}

/// Whether a save that failed with `err` is worth retrying by itself: the
/// disk's trouble (full, not writable, failing) may pass; a change that no
/// longer fits the file, or a file gone or damaged, will not.
fn retried(err: &AmendError) -> bool {
    match err {
        AmendError::Save(e) => e.op != SaveOp::Serialize,
        AmendError::Load(e) => matches!(e.problem, LoadProblem::Unreadable(_)),
        _ => false,
    }
}

/// The line that says a save failed, why, and what happens now: retried
/// every second, or what to do.
fn not_saved(err: &AmendError) -> String {
    if let AmendError::Save(e) = err
        && retried(err)
    {
        // The saver's own advice speaks of the interview's notes and of
        // saving elsewhere, which amending has not: words for here.
        let fix = match e.trouble {
            Trouble::DiskFull => " — free some disk space",
            Trouble::PermissionDenied => " — make the folder writable",
            Trouble::ReadOnly => " — the disk is read-only",
            Trouble::Missing => " — the folder is gone",
            Trouble::Other => "",
        };
        return clean(&format!(
            "NOT SAVED: cannot {} {}: {}{fix}. Everything typed is kept here, and saving is retried every second (Ctrl+S tries at once).",
            e.op,
            e.path.display(),
            e.reason
        ));
    }
    if retried(err) {
        return clean(&format!(
            "NOT SAVED: {err}. Everything typed is kept here, and saving is retried every second (Ctrl+S tries at once)."
        ));
    }
    clean(&format!(
        "NOT SAVED: {err}. Everything typed is kept here; Ctrl+S tries again once that is put right, Esc twice throws the changes away."
    ))
}

/// A bordered box, its border marked when it has the focus.
fn boxed(theme: &Theme, focused: bool) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(if focused {
            theme.focus_border()
        } else {
            theme.border()
        })
}
