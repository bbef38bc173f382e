//! The review screen: the archive of saved interviews. Find them (type to
//! filter, sort), read one (Enter), move to the previous or next without
//! going back, resume one still in progress, amend a finished one, and
//! compare the candidates of one bank in a grid.
//!
//! The archive is read on another thread (`Archive::refresh`, which reads
//! only the files that changed since the last time) and arrives as
//! [`Event::ArchiveReady`], with [`Event::ArchiveProgress`] meanwhile: the
//! keyboard is never blocked, and what is typed before the list is there
//! filters it when it comes. The grid is built, interviews are read to
//! open, amend or copy, and deleted on the worker too ([`crate::tui::worker`]),
//! each answering with an action. Scroll offsets are fitted in `update` to
//! the size the event loop last drew ([`ReviewScreen::set_area`]): drawing
//! only reads.

mod amend;
mod grid;
mod highlight;
mod list;
mod opened;
mod view;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use self::grid::GridView;
use self::highlight::clean;
use self::list::List;
use self::opened::Opened;
use crate::interview::Now;
use crate::interview::record::{Record, Status};
use crate::review::Grid;
use crate::store;
use crate::tui::clipboard::Handed;
use crate::tui::command::Command;
pub use crate::tui::event::Scorecard;
use crate::tui::event::{Event, Mailbox};
use crate::tui::keymap::{Keymap, Mode, ReviewMode};
use crate::tui::screens::delete::{Answer, Confirm, Deleted, Doomed, draw_question, what_goes};
use crate::tui::theme::Theme;
use crate::tui::worker::{self, AmendStart, DeleteCheck};

pub use self::amend::{AmendOutcome, Amending};
pub use self::list::Sort;

/// What the review screen asks the app to do.
#[derive(Debug)]
pub enum ReviewOutcome {
    /// Nothing beyond redrawing.
    Nothing,
    /// Leave the review screen (back to the launcher, or quit).
    Back,
    /// Leave phonescreen.
    Quit,
    /// Resume the interview saved at this path.
    Resume(PathBuf),
    /// Put this scorecard on the clipboard (the user asked, with a key).
    Copy(Scorecard),
    /// The interview with this id was deleted (the launcher behind forgets it).
    Deleted(String),
    /// Amend an interview: the amend page goes on top of this screen.
    Amend(Box<Amending>),
}

/// The question before deleting an interview.
#[derive(Debug)]
struct DeleteAsk {
    /// Which, and how the messages name it.
    doomed: Doomed,
    /// "Delete the interview of Ada Lovelace (…, started …)?", made safe.
    question: String,
    /// How many files go.
    files: usize,
    /// The answer so far.
    confirm: Confirm,
}

/// A line for the reviewer: what happened, or what went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Message {
    text: String,
    error: bool,
}

/// The review screen's state.
#[derive(Debug)]
pub struct ReviewScreen {
    sessions_dir: PathBuf,
    mailbox: Mailbox,
    theme: Theme,
    list: List,
    opened: Option<Opened>,
    grid: Option<GridView>,
    /// The help is open over the screen in this mode.
    help: Option<ReviewMode>,
    /// The keys, for the footers and the help.
    keys: Arc<Keymap>,
    /// Asking whether to delete an interview.
    asking: Option<DeleteAsk>,
    /// The interview being deleted by the worker.
    deleting: Option<Doomed>,
    /// The interview being read by the worker to open, and its row.
    opening: Option<(PathBuf, usize)>,
    /// The refresh whose results are wanted.
    generation: u64,
    /// The grid whose result is wanted.
    grid_generation: u64,
    message: Option<Message>,
    /// The terminal's size, as the event loop last drew it: the list, the
    /// opened interview and the grid scroll by what fits in it.
    area: Rect,
}

impl ReviewScreen {
    /// The review screen over `sessions_dir`, filtered by `query`; the
    /// archive is read on another thread and reported through `mailbox`.
    pub fn new(sessions_dir: PathBuf, query: &str, theme: Theme, mailbox: Mailbox) -> Self {
        let mut screen = Self {
            sessions_dir,
            mailbox,
            theme,
            list: List::default(),
            opened: None,
            grid: None,
            help: None,
            keys: Keymap::builtin(),
            asking: None,
            deleting: None,
            opening: None,
            generation: 0,
            grid_generation: 0,
            message: None,
            area: Rect::new(0, 0, 80, 24),
        };
        screen.list.set_filter(query.trim_start().to_string());
        screen.refresh();
        screen
    }

    /// Uses `keys` (the built-in keys and config.yaml's changes).
    pub fn set_keys(&mut self, keys: Arc<Keymap>) {
        self.keys = keys;
    }

    /// How keys are read.
    pub fn mode(&self) -> Mode {
        if self.asking.is_some() {
            return Mode::ConfirmDelete;
        }
        if self.help.is_some() {
            return Mode::Review(ReviewMode::Help);
        }
        if self.grid.is_some() {
            return Mode::Review(ReviewMode::Grid);
        }
        match &self.opened {
            Some(_) => Mode::Review(ReviewMode::Open),
            None => Mode::Review(ReviewMode::List),
        }
    }

    /// The filter as typed.
    pub fn filter(&self) -> &str {
        &self.list.filter
    }

    /// Whether the archive has been read.
    pub fn is_ready(&self) -> bool {
        self.list.archive.is_some()
    }

    /// The file of the opened interview, if one is open.
    pub fn opened_path(&self) -> Option<&Path> {
        self.opened.as_ref().map(|o| o.path.as_path())
    }

    /// Whether the grid is showing and built.
    pub fn grid(&self) -> Option<&Grid> {
        self.grid.as_ref()?.grid.as_deref()?.as_ref().ok()
    }

    /// Whether the screen is asking whether to delete an interview.
    pub fn is_asking_to_delete(&self) -> bool {
        self.asking.is_some()
    }

    /// The message on screen, if any.
    pub fn message(&self) -> Option<&str> {
        self.message.as_ref().map(|m| m.text.as_str())
    }

    /// Shows a problem (a resume that failed).
    pub fn set_error(&mut self, error: String) {
        self.message = Some(Message {
            text: error,
            error: true,
        });
    }

    /// The scorecard of the candidate was handed over as `handed` says:
    /// the screen says whether it reached the clipboard and which file
    /// holds it, so nobody pastes what was never copied.
    pub fn copied(&mut self, candidate: &str, handed: Handed) {
        let who = clean(candidate);
        let path = |file: &Path| clean(&file.display().to_string());
        match handed {
            Handed::Clipboard => self.say(format!(
                "Copied the scorecard of {who} (Markdown) to the clipboard"
            )),
            Handed::ClipboardAndFile(Ok(file)) => self.say(format!(
                "Copied the scorecard of {who} (Markdown), and also in {} (this terminal may not take a copy)",
                path(&file)
            )),
            Handed::FileOnly(Ok(file)) => self.say(format!(
                "The scorecard of {who} (Markdown) is written to {} (this terminal cannot take a copy: nothing was copied)",
                path(&file)
            )),
            Handed::ClipboardAndFile(Err(why)) => self.set_error(format!(
                "Copied the scorecard of {who}, but this terminal may not take a copy, and writing it to a file failed: {}",
                clean(&why)
            )),
            Handed::FileOnly(Err(why)) => self.set_error(format!(
                "Not copied: this terminal cannot take a copy, and writing the scorecard of {who} to a file failed: {}",
                clean(&why)
            )),
        }
    }

    fn say(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: false,
        });
    }

    /// Reads the archive again on another thread (only changed files are read).
    fn refresh(&mut self) {
        self.generation += 1;
        worker::refresh_archive(
            self.sessions_dir.clone(),
            self.generation,
            self.mailbox.clone(),
        );
    }

    /// Tells the screen the terminal's size (the event loop, after each
    /// draw): the views scroll by what fits in it.
    pub fn set_area(&mut self, area: Rect) {
        if area != self.area {
            self.area = area;
            self.fit();
        }
    }

    /// Scrolls the list, the opened interview and the grid to what fits
    /// at the terminal's size, after every change: drawing only reads.
    fn fit(&mut self) {
        let body = view::areas(self, self.area)[2];
        let [_, rows] = view::list_areas(body);
        self.list.fit(rows.height);
        if let Some(opened) = self.opened.as_mut() {
            opened.fit(&self.list.query, &self.theme, body);
        }
        if let Some(grid) = self.grid.as_mut() {
            grid.fit(body);
        }
    }

    /// Takes in what happened: the archive, the grid, an interview read
    /// or taken to amend, a delete checked or done on the worker, a purge
    /// done on the launcher, the clock (which retries a failed save of
    /// amendments, and does nothing else).
    pub fn on_event(&mut self, event: Event, now: Now) -> ReviewOutcome {
        let outcome = self.take_event(event, now);
        self.fit();
        outcome
    }

    fn take_event(&mut self, event: Event, now: Now) -> ReviewOutcome {
        match event {
            Event::ArchiveProgress {
                generation,
                done,
                total,
            } if generation == self.generation => self.list.progress = Some((done, total)),
            Event::ArchiveReady(generation, archive) if generation == self.generation => {
                self.list.set_archive(archive);
            }
            Event::GridReady(generation, grid) if generation == self.grid_generation => {
                if let Some(view) = self.grid.as_mut() {
                    view.grid = Some(grid);
                }
            }
            // The launcher's purge, finished while this screen shows: the
            // list is read again without what it deleted.
            Event::Purged(_) => self.refresh(),
            Event::Deleted(done) => return self.deleted(done),
            Event::DeleteChecked(check) => {
                self.delete_checked(&check);
                return ReviewOutcome::Nothing;
            }
            Event::ScorecardReady(made) => {
                return match &*made {
                    Ok(scorecard) => ReviewOutcome::Copy(scorecard.clone()),
                    Err(why) => {
                        self.set_error(why.clone());
                        ReviewOutcome::Nothing
                    }
                };
            }
            Event::Opened(path, read) => {
                self.opened(path, &read);
                return ReviewOutcome::Nothing;
            }
            Event::AmendReady(path, start) => {
                if let Some(start) = start.lock().ok().and_then(|mut s| s.take()) {
                    return self.amend_ready(&path, start, now);
                }
            }
            _ => {}
        }
        ReviewOutcome::Nothing
    }

    /// Carries out one command.
    pub fn update(&mut self, action: Command) -> ReviewOutcome {
        let outcome = self.step(action);
        self.fit();
        outcome
    }

    fn step(&mut self, action: Command) -> ReviewOutcome {
        if self.asking.is_some() {
            return self.answer_delete(&action);
        }
        if self.help.take().is_some() {
            match action {
                // Typing closes the help and is typed, as on the interview screen.
                Command::Edit(_) | Command::Insert(_) => {}
                Command::Quit => return ReviewOutcome::Quit,
                _ => return ReviewOutcome::Nothing,
            }
        }
        self.message = None;
        if self.grid.is_some() {
            return self.update_grid(action);
        }
        if self.opened.is_some() {
            return self.update_opened(action);
        }
        self.update_list(action)
    }

    /// The amend page on top saved the interview at `path` as `record`:
    /// the opened interview shows it and the list is read again. `done`
    /// when amending ended with it (else it goes on, after a retried save),
    /// and why the draft beside the file stayed, if it did.
    pub fn amend_saved(&mut self, path: &Path, record: Record, done: bool, left: Option<String>) {
        if let Some(opened) = self.opened.as_mut().filter(|o| o.path == path) {
            opened.record = record;
        }
        if done {
            let mut text = format!(
                "Amendments saved to {}; the interview's times are as they were",
                path.display()
            );
            if let Some(left) = left {
                text.push_str(&format!(", but {left}"));
            }
            self.say(clean(&text));
        }
        self.refresh();
    }

    fn update_list(&mut self, action: Command) -> ReviewOutcome {
        match action {
            // Text typed arrives as Insert (see `App::apply`).
            Command::Edit(key) if key.code == KeyCode::Backspace => self.list.backspace(),
            Command::Insert(text) => self.list.type_text(&text),
            Command::ClearField => self.list.set_filter(String::new()),
            Command::MoveUp => self.list.move_by(-1),
            Command::MoveDown => self.list.move_by(1),
            Command::PageUp => self.list.page_by(-1),
            Command::PageDown => self.list.page_by(1),
            Command::MoveHome => self.list.jump(false),
            Command::MoveEnd => self.list.jump(true),
            Command::CycleSort => self.list.cycle_sort(),
            Command::Open => self.open_selected(),
            Command::OpenGrid => self.open_grid(),
            Command::ResumeSelected => return self.resume_selected(),
            Command::CopyScorecard => return self.copy_selected(),
            Command::Delete => self.ask_delete_selected(),
            Command::ToggleHelp => self.help = Some(ReviewMode::List),
            Command::Back if !self.list.filter.is_empty() => self.list.set_filter(String::new()),
            Command::Back => return ReviewOutcome::Back,
            Command::Quit => return ReviewOutcome::Quit,
            _ => {}
        }
        ReviewOutcome::Nothing
    }

    fn update_opened(&mut self, action: Command) -> ReviewOutcome {
        let Some(opened) = self.opened.as_mut() else {
            return ReviewOutcome::Nothing;
        };
        match action {
            Command::MoveUp => opened.scroll_by(-1),
            Command::MoveDown => opened.scroll_by(1),
            Command::PageUp => opened.page_by(-1),
            Command::PageDown => opened.page_by(1),
            Command::MoveHome => opened.jump(false),
            Command::MoveEnd => opened.jump(true),
            Command::NextItem => self.open_neighbour(1),
            Command::PreviousItem => self.open_neighbour(-1),
            Command::Amend => self.start_amending(),
            Command::OpenGrid => self.open_grid(),
            Command::ResumeSelected => {
                let path = opened.path.clone();
                if opened.record.status == Status::Completed {
                    self.say("This interview is finished: Ctrl+E amends it");
                    return ReviewOutcome::Nothing;
                }
                return ReviewOutcome::Resume(path);
            }
            Command::CopyScorecard => {
                let path = opened.path.clone();
                return self.scorecard(&path);
            }
            Command::Delete => {
                let record = &opened.record;
                let doomed = Doomed {
                    id: store::session_id(&opened.path),
                    what: format!("the interview of {}", record.candidate),
                };
                let question = question(&record.candidate, &record.role, &record.started_at);
                let path = opened.path.clone();
                self.ask_delete(doomed, question, &path);
            }
            Command::ToggleHelp => self.help = Some(ReviewMode::Open),
            Command::Back => self.opened = None,
            // Typing goes back to the list and filters it.
            Command::Edit(_) | Command::Insert(_) => {
                self.opened = None;
                return self.update_list(action);
            }
            Command::Quit => return ReviewOutcome::Quit,
            _ => {}
        }
        ReviewOutcome::Nothing
    }

    fn update_grid(&mut self, action: Command) -> ReviewOutcome {
        let Some(view) = self.grid.as_mut() else {
            return ReviewOutcome::Nothing;
        };
        match action {
            Command::MoveUp => view.scroll(-1, 0),
            Command::MoveDown => view.scroll(1, 0),
            Command::MoveLeft => view.scroll(0, -1),
            Command::MoveRight => view.scroll(0, 1),
            Command::PageUp => view.page(-1),
            Command::PageDown => view.page(1),
            Command::MoveHome => view.jump(false),
            Command::MoveEnd => view.jump(true),
            Command::ToggleHelp => self.help = Some(ReviewMode::Grid),
            Command::Back => self.grid = None,
            Command::Quit => return ReviewOutcome::Quit,
            _ => {}
        }
        ReviewOutcome::Nothing
    }

    /// Opens the interview on `row` of the list: the worker reads its file.
    fn open_row(&mut self, row: usize) {
        let Some(archive) = self.list.archive.clone() else {
            self.say("The saved interviews are still being read");
            return;
        };
        let Some(i) = self.list.item(row) else {
            return;
        };
        if let Err(why) = &archive.items[i].summary {
            self.set_error(format!(
                "{} is damaged and cannot be opened: {why}",
                archive.path(i).display()
            ));
            return;
        }
        let path = archive.path(i).to_path_buf();
        self.opening = Some((path.clone(), row));
        worker::open_interview(path, self.mailbox.clone());
    }

    /// The worker read the interview asked for last (others are dropped).
    fn opened(&mut self, path: PathBuf, read: &Result<(Record, bool), String>) {
        let Some((_, row)) = self.opening.take_if(|(p, _)| *p == path) else {
            return;
        };
        match read {
            Ok((record, unsaved)) => {
                // The row, if the list still has it there.
                let archive = self.list.archive.as_ref();
                if let Some((i, a)) = self.list.item(row).zip(archive)
                    && a.path(i) == path
                {
                    self.list.selected = row;
                }
                self.opened = Some(Opened::new(path, record.clone(), &self.list.query));
                if *unsaved {
                    self.say(
                        "This interview has amendments that were not saved: Ctrl+E recovers them",
                    );
                }
            }
            Err(err) => {
                self.set_error(format!("{err}; the list is read again"));
                self.refresh();
            }
        }
    }

    fn open_selected(&mut self) {
        self.open_row(self.list.selected);
    }

    /// The interview `delta` rows away in the list, opened in place.
    fn open_neighbour(&mut self, delta: isize) {
        let rows = self.list.rows();
        let mut row = self.list.selected;
        loop {
            let Some(next) = row.checked_add_signed(delta).filter(|&r| r < rows) else {
                self.say(if delta > 0 {
                    "That was the last interview of the list"
                } else {
                    "That was the first interview of the list"
                });
                return;
            };
            row = next;
            // Damaged files are skipped: they cannot be opened.
            let readable = self
                .list
                .item(row)
                .is_some_and(|i| self.list.summary(i).is_some());
            if readable {
                break;
            }
        }
        self.open_row(row);
    }

    fn resume_selected(&mut self) -> ReviewOutcome {
        let Some(archive) = self.list.archive.clone() else {
            self.say("The saved interviews are still being read");
            return ReviewOutcome::Nothing;
        };
        let Some(i) = self.list.selected_item() else {
            return ReviewOutcome::Nothing;
        };
        match &archive.items[i].summary {
            Ok(s) if s.status.is_open() => ReviewOutcome::Resume(archive.path(i).to_path_buf()),
            Ok(_) => {
                self.say("This interview is finished: Enter opens it, and Ctrl+E there amends it");
                ReviewOutcome::Nothing
            }
            Err(why) => {
                self.set_error(format!("This file is damaged: {why}"));
                ReviewOutcome::Nothing
            }
        }
    }

    /// Asks the worker for the scorecard of the interview saved at `path`,
    /// read from the file now (what is on disk is what is copied); it comes
    /// as [`Action::ScorecardReady`].
    fn scorecard(&mut self, path: &Path) -> ReviewOutcome {
        worker::scorecard(path.to_path_buf(), self.mailbox.clone());
        ReviewOutcome::Nothing
    }

    fn copy_selected(&mut self) -> ReviewOutcome {
        let Some(archive) = self.list.archive.clone() else {
            self.say("The saved interviews are still being read");
            return ReviewOutcome::Nothing;
        };
        let Some(i) = self.list.selected_item() else {
            self.say("No interview is selected: nothing to copy");
            return ReviewOutcome::Nothing;
        };
        if let Err(why) = &archive.items[i].summary {
            self.set_error(format!("This file is damaged and has no scorecard: {why}"));
            return ReviewOutcome::Nothing;
        }
        self.scorecard(archive.path(i))
    }

    /// Asks whether to delete the selected interview (or damaged file).
    fn ask_delete_selected(&mut self) {
        let Some(archive) = self.list.archive.clone() else {
            self.say("The saved interviews are still being read");
            return;
        };
        let Some(i) = self.list.selected_item() else {
            self.say("No interview is selected: nothing to delete");
            return;
        };
        let item = &archive.items[i];
        let (what, question) = match &item.summary {
            Ok(s) => (
                format!("the interview of {}", s.candidate),
                question(&s.candidate, &s.role, &s.started_at),
            ),
            Err(_) => {
                let name = format!("{}.yaml", item.id);
                (
                    format!("the damaged file {name}"),
                    format!("Delete the damaged file {}?", clean(&name)),
                )
            }
        };
        let doomed = Doomed {
            id: item.id.clone(),
            what,
        };
        self.ask_delete(doomed, question, &item.path);
    }

    /// Asks whether to delete `doomed`, saved at `path`, unless it cannot
    /// be: open in a running phonescreen (another one, or this one), or
    /// gone already.
    fn ask_delete(&mut self, doomed: Doomed, question: String, path: &Path) {
        if let Some(deleting) = &self.deleting {
            self.say(format!("Still deleting {}", clean(&deleting.what)));
            return;
        }
        let check = DeleteCheck {
            doomed,
            question,
            files: Ok(0),
        };
        let path = path.to_path_buf();
        worker::check_delete(self.sessions_dir.clone(), path, check, self.mailbox.clone());
    }

    /// The worker's answer to [`ReviewScreen::ask_delete`]: the question,
    /// or why there is none.
    fn delete_checked(&mut self, check: &DeleteCheck) {
        if self.asking.is_some() || self.deleting.is_some() {
            return;
        }
        match check.files {
            Err(ref why) => self.set_error(format!("Not deleted: {}", clean(why))),
            Ok(0) => {
                self.set_error("Its files are gone already; the list is read again".into());
                self.refresh();
            }
            Ok(files) => {
                self.asking = Some(DeleteAsk {
                    doomed: check.doomed.clone(),
                    question: check.question.clone(),
                    files,
                    confirm: Confirm::default(),
                });
            }
        }
    }

    /// Takes the answer to "delete?": `y`, then Enter, deletes; anything
    /// else keeps the interview (see [`crate::tui::screens::delete`]).
    fn answer_delete(&mut self, action: &Command) -> ReviewOutcome {
        let Some(ask) = self.asking.as_mut() else {
            return ReviewOutcome::Nothing;
        };
        match ask.confirm.answer(action) {
            Answer::Wait => ReviewOutcome::Nothing,
            Answer::Quit => ReviewOutcome::Quit,
            Answer::Keep => {
                let what = clean(&ask.doomed.what);
                self.asking = None;
                self.say(format!("Nothing was deleted: {what} is kept"));
                ReviewOutcome::Nothing
            }
            Answer::Delete => {
                let Some(ask) = self.asking.take() else {
                    return ReviewOutcome::Nothing;
                };
                self.say(format!("Deleting {}…", clean(&ask.doomed.what)));
                let doomed = vec![ask.doomed.clone()];
                self.deleting = Some(ask.doomed);
                worker::delete(
                    self.sessions_dir.clone(),
                    doomed,
                    self.mailbox.clone(),
                    Event::Deleted,
                );
                ReviewOutcome::Nothing
            }
        }
    }

    /// The worker deleted the interview asked about (or kept it, and why).
    fn deleted(&mut self, done: Deleted) -> ReviewOutcome {
        let Some(doomed) = self.deleting.take() else {
            return ReviewOutcome::Nothing;
        };
        if let Some((_, why)) = done.kept.first() {
            self.set_error(format!("Not deleted: {}", clean(why)));
            return ReviewOutcome::Nothing;
        }
        let id = doomed.id;
        self.list.remove(&id);
        if self
            .opened
            .as_ref()
            .is_some_and(|o| store::session_id(&o.path) == id)
        {
            self.opened = None;
        }
        let mut text = format!(
            "Deleted {} and everything it left ({} file{})",
            clean(&doomed.what),
            done.files,
            if done.files == 1 { "" } else { "s" }
        );
        if let Some(why) = &done.index_problem {
            text.push_str(&format!(
                "; the review index still holds it until it is next read ({})",
                clean(why)
            ));
        }
        self.say(text);
        // A refresh already under way may have read it before it went.
        self.refresh();
        ReviewOutcome::Deleted(id)
    }

    /// What the question before deleting shows of the interview, and its files.
    fn delete_lines(&self) -> Option<(Vec<Line<'static>>, &Confirm)> {
        let ask = self.asking.as_ref()?;
        let lines = vec![
            Line::styled(ask.question.clone(), self.theme.strong()),
            Line::raw(""),
            Line::raw(what_goes(ask.files)),
        ];
        Some((lines, &ask.confirm))
    }

    /// Asks the worker to make the opened interview ready to amend: its
    /// lock, its newest copy, and the amendments of an earlier amending
    /// that ended without saving them (a crash), from the draft beside it.
    fn start_amending(&mut self) {
        let Some(opened) = self.opened.as_ref() else {
            return;
        };
        if opened.record.status != Status::Completed {
            self.say("This interview is still in progress: Ctrl+R resumes it, with every note");
            return;
        }
        worker::prepare_amending(opened.path.clone(), self.mailbox.clone());
    }

    /// The worker's answer to [`ReviewScreen::start_amending`]: amending
    /// starts if the same interview is still open and not amended already
    /// (else the lock goes with `start`).
    fn amend_ready(&mut self, path: &Path, start: AmendStart, now: Now) -> ReviewOutcome {
        let Some(opened) = self.opened.as_mut().filter(|o| o.path == path) else {
            return ReviewOutcome::Nothing;
        };
        match start {
            AmendStart::Ready {
                lock,
                record,
                recovery,
            } => {
                opened.record = record.clone();
                let mut amending = Amending::new(
                    opened.path.clone(),
                    lock,
                    record,
                    self.theme,
                    self.keys.clone(),
                    self.mailbox.clone(),
                );
                amending.recover(recovery, now);
                // An interview being read to open meanwhile does not
                // replace the one amended.
                self.opening = None;
                return ReviewOutcome::Amend(Box::new(amending));
            }
            AmendStart::Reopened(record) => {
                opened.record = record;
                self.say("This interview is in progress again: Ctrl+R resumes it");
            }
            AmendStart::Refused(why) => self.set_error(format!("Cannot amend: {why}")),
        }
        ReviewOutcome::Nothing
    }

    /// Opens the grid for the listed interviews that share the bank of the
    /// opened or selected one.
    fn open_grid(&mut self) {
        let Some(archive) = self.list.archive.clone() else {
            self.say("The saved interviews are still being read");
            return;
        };
        let bank = match &self.opened {
            Some(o) => Some(o.record.bank.key.clone()),
            None => self
                .list
                .selected_item()
                .and_then(|i| self.list.summary(i))
                .map(|s| s.bank_key.clone()),
        };
        let Some(bank) = bank else {
            self.say("Select an interview first: the grid compares those of its bank");
            return;
        };
        let listed: Vec<usize> = self
            .list
            .matches
            .iter()
            .copied()
            .filter(|&i| self.list.summary(i).is_some_and(|s| s.bank_key == bank))
            .collect();
        self.grid_generation += 1;
        self.grid = Some(GridView::new(bank.clone(), listed.len()));
        worker::build_grid(
            archive,
            listed,
            bank,
            self.grid_generation,
            self.mailbox.clone(),
        );
    }

    /// Draws the screen.
    pub fn draw(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        view::draw(self, frame, area, theme);
        if let Some((lines, confirm)) = self.delete_lines() {
            draw_question(frame, area, theme, "Delete interview", lines, confirm);
        }
    }
}

/// "Delete the interview of Ada Lovelace (Backend engineer, started
/// 2026-11-18 10:00)?", made safe to draw.
fn question(
    candidate: &str,
    role: &str,
    started: &chrono::DateTime<chrono::FixedOffset>,
) -> String {
    let role = if role.trim().is_empty() {
        String::new()
    } else {
        format!("{}, ", clean(role))
    };
    format!(
        "Delete the interview of {} ({role}started {})?",
        clean(candidate),
        started.format("%Y-%m-%d %H:%M")
    )
}
