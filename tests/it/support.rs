//! Shared helpers for tests that drive the app without a terminal.
#![allow(dead_code)]

use std::path::Path;
use std::sync::mpsc::Receiver;
use std::time::Duration;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use phonescreen::config::Config;
use phonescreen::interview::{Now, Setup};
use phonescreen::paths::Paths;
use phonescreen::tui::app::{App, Effects, Mailbox};
use phonescreen::tui::clipboard::Route;
use phonescreen::tui::event::Event as Happened;
use phonescreen::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Folders under a temporary directory.
pub fn paths(dir: &Path) -> Paths {
    Paths::resolve(Some(dir.join("config")), Some(dir.join("data"))).unwrap()
}

/// A fixed moment, so timers and saved times are the same on every run.
pub fn start_time() -> Now {
    Now {
        instant: std::time::Instant::now(),
        wall: chrono::DateTime::parse_from_rfc3339("2026-11-21T10:00:00+01:00").unwrap(),
    }
}

/// The app, and the mailbox background work reports to.
pub struct TestApp {
    pub app: App,
    pub inbox: Receiver<Happened>,
}

impl std::ops::Deref for TestApp {
    type Target = App;
    fn deref(&self) -> &App {
        &self.app
    }
}

impl std::ops::DerefMut for TestApp {
    fn deref_mut(&mut self) -> &mut App {
        &mut self.app
    }
}

impl TestApp {
    /// [`App::handle`], then what background work reports while the app
    /// waits on it (a finished interview being saved, a copy's file): the
    /// event loop's part, done here by hand.
    pub fn handle(&mut self, event: Event, now: Now) -> Effects {
        let effects = self.app.handle(event, now);
        self.settle(now);
        effects
    }

    /// Hands over what background work reports while the app waits on
    /// some (see [`App::is_busy`]).
    pub fn settle(&mut self, now: Now) {
        while self.app.is_busy() {
            let Ok(happened) = self.inbox.recv_timeout(Duration::from_secs(60)) else {
                break;
            };
            self.app.on_event(happened, now);
            if self.app.exit().is_none() {
                self.app.persist(now);
            }
        }
    }

    /// Hands the app what background work has reported so far.
    pub fn deliver(&mut self, now: Now) {
        let arrived: Vec<Happened> = self.inbox.try_iter().collect();
        for event in arrived {
            self.app.on_event(event, now);
        }
    }
}

// Every app here copies as to a terminal that takes OSC 52, whatever
// terminal the tests run in (inside GNU screen, the route would otherwise
// be the file only); tests that want another route set it.

/// The app on the launcher, with the saved interviews already read.
pub fn launcher_app(dir: &Path, setup: &Setup) -> TestApp {
    launcher_app_with(dir, setup, Config::default())
}

/// [`launcher_app`] with `config` (config.yaml's settings).
pub fn launcher_app_with(dir: &Path, setup: &Setup, config: Config) -> TestApp {
    let (mailbox, inbox) = Mailbox::detached();
    let mut app = App::launcher(paths(dir), config, Theme::default(), setup, None, mailbox);
    app.set_clipboard(Route::Osc52);
    let now = start_time();
    // Wait for the listing thread, so what is on screen does not depend on timing.
    for event in inbox.iter() {
        let done = matches!(event, Happened::ListingDone);
        app.on_event(event, now);
        if done {
            break;
        }
    }
    TestApp { app, inbox }
}

/// The setup of the interviews in these tests: Ada Lovelace at Acme.
pub fn ada() -> Setup {
    let mut setup = Setup {
        candidate: "Ada Lovelace".into(),
        role: "Backend engineer".into(),
        interviewer: "Grace".into(),
        ..Setup::default()
    };
    setup.variables.insert("company".into(), "Acme".into());
    setup
}

/// The app on the first question of a new interview with Ada Lovelace at
/// Acme, the call started at `now` (`Esc c`): the candidate was there.
pub fn interview_app(dir: &Path, now: Now) -> TestApp {
    let mut app = waiting_app(dir, now);
    app.handle(key(KeyCode::Esc), now);
    app.handle(key(KeyCode::Char('c')), now);
    assert!(!app.interview_screen().unwrap().interview().is_waiting());
    app
}

/// The app on a new interview with Ada Lovelace at Acme, opened at `now`
/// and waiting for her: the call has not started.
pub fn waiting_app(dir: &Path, now: Now) -> TestApp {
    let (mailbox, inbox) = Mailbox::detached();
    let bank = phonescreen::bank::builtin().unwrap();
    let mut app = App::interview(
        paths(dir),
        Config::default(),
        Theme::default(),
        &bank,
        &ada(),
        mailbox,
        now,
    );
    app.set_clipboard(Route::Osc52);
    assert!(app.interview_screen().unwrap().interview().is_waiting());
    TestApp { app, inbox }
}

/// A key press event.
pub fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// A key press with modifiers.
pub fn chord(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, modifiers))
}

/// Types `text` one key at a time.
pub fn type_text(app: &mut App, text: &str, now: Now) {
    for c in text.chars() {
        let code = if c == '\n' {
            KeyCode::Enter
        } else {
            KeyCode::Char(c)
        };
        app.handle(key(code), now);
    }
}

/// Draws the app on a test terminal of `width` x `height` at `now`.
pub fn render(app: &App, width: u16, height: u16, now: Now) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| app.draw(f, now)).unwrap();
    terminal
}

/// `now` moved on by `secs` seconds.
pub fn later(now: Now, secs: u64) -> Now {
    now.plus(Duration::from_secs(secs))
}

/// The app on the review screen over `dir`'s saved interviews, filtered by
/// `query`, with the archive already read.
pub fn review_app(dir: &Path, query: &str) -> TestApp {
    let (mailbox, inbox) = Mailbox::detached();
    let app = App::review(
        paths(dir),
        Config::default(),
        Theme::default(),
        query,
        mailbox,
    );
    let mut app = TestApp { app, inbox };
    app.set_clipboard(Route::Osc52);
    app.wait_for(|a| matches!(a, Happened::ArchiveReady(..)));
    app
}

impl TestApp {
    /// Hands the app what background work reports until `last` has been
    /// handed over (or ten seconds pass, which fails the test); what
    /// handing over `last` did.
    pub fn wait_for(&mut self, last: impl Fn(&Happened) -> bool) -> Effects {
        let now = start_time();
        loop {
            let event = self
                .inbox
                .recv_timeout(Duration::from_secs(10))
                .expect("background work reports within ten seconds");
            let done = last(&event);
            let effects = self.app.on_event(event, now);
            if done {
                self.settle(now);
                return effects;
            }
        }
    }
}

/// Everything on a test terminal, one line per row, for assertions.
pub fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

/// The colour rule, read off a drawn screen: no text (box lines included)
/// on the terminal's own background in a colour that vanishes on a light
/// or a dark one (ANSI black, yellow, white, gray, green, cyan, their bright
/// forms, or any fixed RGB), and no fixed background under the terminal's
/// own foreground (it may be light or dark). DIM, bold, reverse and dark
/// gray are the ways to stand out. Returns the cells that break it, for the
/// failure message.
pub fn colour_rule_breaks(terminal: &Terminal<TestBackend>) -> Vec<String> {
    use ratatui::style::Color;
    let vanishing = phonescreen::tui::theme::vanishes;
    let buffer = terminal.backend().buffer();
    let mut breaks = Vec::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            let cell = &buffer[(x, y)];
            let (fg, bg) = (cell.fg, cell.bg);
            let text = !cell.symbol().trim().is_empty();
            let wrong = (bg == Color::Reset && text && vanishing(fg))
                || (bg != Color::Reset && fg == Color::Reset);
            if wrong {
                breaks.push(format!(
                    "{:?} at ({x},{y}) fg {fg:?} bg {bg:?}",
                    cell.symbol()
                ));
            }
        }
    }
    breaks
}

/// Fails when the screen breaks [`colour_rule_breaks`]'s rule.
pub fn assert_colour_rule(terminal: &Terminal<TestBackend>, what: &str) {
    let breaks = colour_rule_breaks(terminal);
    assert!(
        breaks.is_empty(),
        "{what}: {} cells break the colour rule, the first: {}\n{}",
        breaks.len(),
        breaks
            .iter()
            .take(5)
            .cloned()
            .collect::<Vec<_>>()
            .join(", "),
        screen_text(terminal)
    );
}

/// A proptest configuration of `cases` cases whose failing inputs are kept
/// beside the test's source, as `tests/it/NAME.proptest-regressions`, and
/// replayed first. (Proptest's default would look in
/// `tests/proptest-regressions/NAME.txt` now that the tests have a `main.rs`.)
pub fn proptest_cases(cases: u32) -> proptest::test_runner::Config {
    proptest::test_runner::Config {
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::WithSource("proptest-regressions"),
        )),
        ..proptest::test_runner::Config::with_cases(cases)
    }
}
