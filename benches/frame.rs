//! What one keystroke costs inside the process: `cargo bench --bench frame`
//! (divan).
//!
//! A keystroke in the notes is handled in two steps, both measured here on
//! a new interview on the built-in bank, without a terminal:
//!
//! - **key**: the key turned into an edit of the notes and its journal
//!   append (`App::handle` then `App::persist`), typing a realistic stream
//!   (a line break every 60 characters).
//! - **draw**: the whole frame laid out and diffed against the last one on
//!   ratatui's `TestBackend`, at 80x24, 120x40 and 250x70: `typing` while
//!   the question card and outline are unchanged (what a keystroke draws),
//!   `new_question` when they changed (what a PgDn draws).
//!
//! The end-to-end figure, with a real pseudo-terminal and the system calls,
//! is `cargo bench --bench e2e`.

use std::cell::{Cell, RefCell};

use chrono::DateTime;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use divan::Bencher;
use phonescreen::config::Config;
use phonescreen::interview::{Now, Setup};
use phonescreen::paths::Paths;
use phonescreen::tui::app::{App, Mailbox};
use phonescreen::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() {
    divan::main();
}

/// A new interview with Ada on the built-in bank, in a temporary folder.
fn interview(dir: &std::path::Path, now: Now) -> App {
    let paths = Paths::resolve(Some(dir.join("config")), Some(dir.join("data"))).expect("paths");
    let bank = phonescreen::bank::builtin().expect("built-in bank");
    let setup = Setup {
        candidate: "Ada Lovelace".into(),
        role: "Backend engineer".into(),
        interviewer: "Grace".into(),
        variables: [("company".to_string(), "Acme".to_string())].into(),
        minutes: None,
        prep: None,
    };
    let (mailbox, _inbox) = Mailbox::detached();
    let app = App::interview(
        paths,
        Config::default(),
        Theme::default(),
        &bank,
        &setup,
        mailbox,
        now,
    );
    assert!(app.interview_screen().is_some(), "the interview started");
    app
}

fn start() -> Now {
    Now {
        instant: std::time::Instant::now(),
        wall: DateTime::parse_from_rfc3339("2026-11-21T10:00:00+01:00").expect("time"),
    }
}

fn press(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// The n-th key of a notes stream: words, and a line break every 60.
fn nth_key(n: usize) -> KeyCode {
    match n % 60 {
        59 => KeyCode::Enter,
        i if i % 7 == 6 => KeyCode::Char(' '),
        i => KeyCode::Char((b'a' + (i % 26) as u8) as char),
    }
}

/// One key typed into the notes and saved (the journal append).
#[divan::bench(sample_count = 2000, sample_size = 1)]
fn key(bencher: Bencher) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let now = start();
    let app = RefCell::new(interview(tmp.path(), now));
    let n = Cell::new(0);
    bencher.bench_local(|| {
        let mut app = app.borrow_mut();
        app.handle(press(nth_key(n.get())), now);
        app.persist(now);
        n.set(n.get() + 1);
    });
}

fn size(name: &str) -> (u16, u16) {
    let (w, h) = name.split_once('x').expect("WxH");
    (w.parse().expect("width"), h.parse().expect("height"))
}

mod draw {
    use super::*;

    const SIZES: &[&str] = &["80x24", "120x40", "250x70"];

    /// A frame after a typed key: ~2 KB of notes, card and outline as before.
    #[divan::bench(args = SIZES)]
    fn typing(bencher: Bencher, name: &str) {
        let (width, height) = size(name);
        let tmp = tempfile::tempdir().expect("temp dir");
        let now = start();
        let mut app = interview(tmp.path(), now);
        for n in 0..2000 {
            app.handle(press(nth_key(n)), now);
        }
        let mut term = Terminal::new(TestBackend::new(width, height)).expect("terminal");
        term.draw(|f| app.draw(f, now)).expect("draw");
        bencher.bench_local(|| term.draw(|f| app.draw(f, now)).map(|_| ()));
    }

    /// A frame after moving to another question (nothing drawn can be reused).
    #[divan::bench(args = SIZES)]
    fn new_question(bencher: Bencher, name: &str) {
        let (width, height) = size(name);
        let tmp = tempfile::tempdir().expect("temp dir");
        let now = start();
        let app = RefCell::new(interview(tmp.path(), now));
        let mut term = Terminal::new(TestBackend::new(width, height)).expect("terminal");
        let forward = Cell::new(true);
        bencher
            .with_inputs(|| {
                let mut app = app.borrow_mut();
                // Back and forth between the first two questions.
                let key = if forward.get() {
                    KeyCode::PageDown
                } else {
                    KeyCode::PageUp
                };
                forward.set(!forward.get());
                app.handle(press(key), now);
            })
            .bench_local_values(|()| {
                let app = app.borrow();
                term.draw(|f| app.draw(f, now)).map(|_| ())
            });
    }
}
