//! Shared helpers for tests that drive the app without a terminal.
#![allow(dead_code)]

use std::path::Path;
use std::time::Duration;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use phonescreen::config::Config;
use phonescreen::interview::Setup;
use phonescreen::paths::Paths;
use phonescreen::tui::app::{App, Screen};
use phonescreen::tui::live::Now;
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

/// The app on the launcher.
pub fn launcher_app(dir: &Path, setup: &Setup) -> App {
    App::launcher(
        paths(dir),
        Config::default(),
        Theme { color: true },
        setup,
        None,
    )
}

/// The app on the first question of a new interview with Ada Lovelace at Acme.
pub fn interview_app(dir: &Path, now: Now) -> App {
    let mut setup = Setup {
        candidate: "Ada Lovelace".into(),
        role: "Backend engineer".into(),
        interviewer: "Grace".into(),
        ..Setup::default()
    };
    setup.variables.insert("company".into(), "Acme".into());
    let mut app = launcher_app(dir, &setup);
    let bank = phonescreen::bank::builtin().unwrap();
    app.start(&bank, &setup, now);
    assert!(matches!(app.screen, Screen::Live(_)));
    app
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
    terminal
        .draw(|f| phonescreen::tui::screens::draw(app, f, now))
        .unwrap();
    terminal
}

/// `now` moved on by `secs` seconds.
pub fn later(now: Now, secs: u64) -> Now {
    now.plus(Duration::from_secs(secs))
}
