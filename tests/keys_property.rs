//! Any sequence of keys: the app never panics, and every character typed
//! where notes are taken is in the notes — on screen and in the saved file.
//!
//! The keys are those an interviewer presses on a live call, in any order:
//! typing, next and previous question, the scratch note, ratings, pause,
//! Esc commands, the help, Ctrl+C or Ctrl+Q (then typing on), resizes,
//! pastes, and bursts read at once. The model asks the app where typing goes
//! (which question, or the scratch note) and the key table whether a key
//! is an edit, and holds the text itself.

mod support;

use crossterm::event::{Event, KeyCode, KeyModifiers};
use phonescreen::store;
use phonescreen::tui::app::Step;
use phonescreen::tui::keymap::Mode;
use proptest::prelude::*;
use support::*;

#[derive(Debug, Clone)]
enum Op {
    Type(String),
    Paste(String),
    Burst(String),
    Next,
    Previous,
    Tab,
    Rate(u8),
    Pause,
    Command(char),
    Help,
    CtrlC,
    CtrlQ,
    Resize,
    Backspace,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => "[a-zA-Z0-9 ,.;:'!?()=<>-]{1,12}".prop_map(Op::Type),
        1 => "[a-z ]{0,20}(\n[a-z ]{0,10}){0,2}".prop_map(Op::Paste),
        1 => "[a-z ]{1,30}".prop_map(Op::Burst),
        2 => Just(Op::Next),
        1 => Just(Op::Previous),
        1 => Just(Op::Tab),
        1 => (1u8..=4).prop_map(Op::Rate),
        1 => Just(Op::Pause),
        1 => prop::sample::select(vec!['s', 'a', 'g', 'k', 'q', 'z']).prop_map(Op::Command),
        1 => Just(Op::Help),
        1 => Just(Op::CtrlC),
        1 => Just(Op::CtrlQ),
        1 => Just(Op::Resize),
        1 => Just(Op::Backspace),
    ]
}

/// Where typing goes: a question's notes (by index) or the scratch note.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Target {
    Question(usize),
    Scratch,
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn typed_text_is_never_lost(ops in prop::collection::vec(op(), 1..60)) {
        let dir = tempfile::tempdir().unwrap();
        let now = start_time();
        let mut app = interview_app(dir.path(), now);
        let count = app.interview_screen().unwrap().interview().record().question_count();
        let mut expected = vec![String::new(); count];
        let mut scratch = String::new();
        let mut clock = 0;
        for op in ops {
            clock += 1;
            let t = later(now, clock);
            let Some(screen) = app.interview_screen() else { break };
            let mode = screen.mode();
            let target = if screen.scratch_has_focus() {
                Target::Scratch
            } else {
                Target::Question(screen.interview().record().current_question)
            };
            // Text goes to the notes while typing, and in the help and the
            // quit question (neither ever takes typing).
            let typing = matches!(mode, Mode::Typing | Mode::Help | Mode::ConfirmQuit);
            match op {
                Op::Type(text) => {
                    // Key by key: a key after Esc is a command, and then
                    // typing goes on.
                    for c in text.chars() {
                        let screen = app.interview_screen().unwrap();
                        if edits(screen.mode(), c) {
                            match (screen.scratch_has_focus(), screen.interview().record().current_question) {
                                (true, _) => scratch.push(c),
                                (false, i) => expected[i].push(c),
                            }
                        }
                        app.handle(key(KeyCode::Char(c)), t);
                    }
                }
                Op::Paste(text) => {
                    // A paste is text in any mode of the interview screen.
                    match target {
                        Target::Question(i) => expected[i].push_str(&text),
                        Target::Scratch => scratch.push_str(&text),
                    }
                    app.handle(Event::Paste(text), t);
                }
                Op::Burst(text) => {
                    if !typing {
                        continue;
                    }
                    match target {
                        Target::Question(i) => expected[i].push_str(&text),
                        Target::Scratch => scratch.push_str(&text),
                    }
                    let steps = text
                        .chars()
                        .map(|c| Step::Key(crossterm::event::KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE), true))
                        .collect();
                    app.apply(steps, || t);
                    app.persist(t);
                }
                Op::Next => { app.handle(key(KeyCode::PageDown), t); }
                Op::Previous => { app.handle(key(KeyCode::PageUp), t); }
                Op::Tab => { app.handle(key(KeyCode::Tab), t); }
                Op::Rate(n) => {
                    app.handle(chord(KeyCode::Char(char::from(b'0' + n)), KeyModifiers::ALT), t);
                }
                Op::Pause => { app.handle(key(KeyCode::F(5)), t); }
                Op::Command(c) => {
                    app.handle(key(KeyCode::Esc), t);
                    let screen = app.interview_screen().unwrap();
                    // A key that is no command is typed, Esc or not.
                    if edits(screen.mode(), c) {
                        let i = screen.interview().record().current_question;
                        if screen.scratch_has_focus() { scratch.push(c) } else { expected[i].push(c) }
                    }
                    app.handle(key(KeyCode::Char(c)), t);
                }
                Op::Help => { app.handle(key(KeyCode::F(1)), t); }
                Op::CtrlC => { app.handle(chord(KeyCode::Char('c'), KeyModifiers::CONTROL), t); }
                Op::CtrlQ => { app.handle(chord(KeyCode::Char('q'), KeyModifiers::CONTROL), t); }
                Op::Resize => { app.handle(Event::Resize(80, 24), t); }
                Op::Backspace => {
                    // Only cursor-free keys are pressed, so Backspace removes
                    // the last character where it is an edit.
                    if edits_with(mode, KeyCode::Backspace) {
                        match target {
                            Target::Question(i) => expected[i].pop(),
                            Target::Scratch => scratch.pop(),
                        };
                    }
                    app.handle(key(KeyCode::Backspace), t);
                }
            }
            assert_colour_rule(&render(&app, 80, 24, t), "interview, any keys");
            if app.exit().is_some() {
                break;
            }
        }
        let Some(screen) = app.interview_screen() else {
            // Ctrl+C then Ctrl+C (or Ctrl+Q twice) ends the call: the file holds it.
            prop_assert!(app.exit().is_some());
            return Ok(());
        };
        let record = screen.interview().record().clone();
        for (i, notes) in expected.iter().enumerate() {
            prop_assert_eq!(&record.question(i).unwrap().1.notes, notes, "question {}", i);
        }
        prop_assert_eq!(&record.scratch, &scratch);
        let path = screen.path().to_path_buf();
        let mut app = app;
        app.save_and_wait(later(now, clock + 1));
        let saved = store::load(&path).unwrap();
        for (i, notes) in expected.iter().enumerate() {
            prop_assert_eq!(&saved.question(i).unwrap().1.notes, notes);
        }
        prop_assert_eq!(&saved.scratch, &scratch);
    }
}

/// Whether the key table makes `c` an edit in `mode` (then it is typed).
fn edits(mode: Mode, c: char) -> bool {
    edits_with(mode, KeyCode::Char(c))
}

/// Whether the key table makes `code` an edit in `mode`.
fn edits_with(mode: Mode, code: KeyCode) -> bool {
    let event = crossterm::event::KeyEvent::new(code, KeyModifiers::NONE);
    matches!(
        phonescreen::tui::keymap::action(mode, event),
        Some(phonescreen::tui::action::Action::Edit(_))
    )
}
