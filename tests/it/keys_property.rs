//! Any sequence of keys: the app never panics, and every character typed
//! where notes are taken is in the notes — on screen and in the saved file.
//!
//! The keys are those an interviewer presses on a live call, in any order:
//! typing, next and previous question, the scratch note, ratings, pause,
//! Esc commands, the help, Ctrl+C or Ctrl+Q (then typing on), resizes,
//! pastes, and bursts read at once. The model asks the app where typing goes
//! (which question, or the scratch note) and the key table whether a key
//! is an edit, and holds the text itself.

use crate::support;

use crossterm::event::{Event, KeyCode, KeyModifiers};
use phonescreen::store;
use phonescreen::tui::app::App;
use phonescreen::tui::app::Step;
use phonescreen::tui::keymap::{InterviewMode, Keymap, Mode};
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
    #![proptest_config(proptest_cases(64))]

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
            let pending = app.pending().is_some();
            let target = if screen.scratch_has_focus() {
                Target::Scratch
            } else {
                Target::Question(screen.interview().record().current_question)
            };
            // Text goes to the notes while typing, and in the help and the
            // quit question (neither ever takes typing).
            let typing = !pending
                && matches!(
                    mode,
                    Mode::Interview(
                        InterviewMode::Typing | InterviewMode::Help | InterviewMode::ConfirmQuit
                    )
                );
            match op {
                Op::Type(text) => {
                    // Key by key: a key after Esc is a command, and then
                    // typing goes on.
                    for c in text.chars() {
                        let edits = edits(&app, c);
                        let screen = app.interview_screen().unwrap();
                        if edits {
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
                    let edits = edits(&app, c);
                    let screen = app.interview_screen().unwrap();
                    // A key that is no command is typed, Esc or not.
                    if edits {
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
                    if edits_with(&app, KeyCode::Backspace) {
                        match target {
                            Target::Question(i) => expected[i].pop(),
                            Target::Scratch => scratch.pop(),
                        };
                    }
                    app.handle(key(KeyCode::Backspace), t);
                }
            }
            // Drawn at the sizes a pane has: 80x24, a tmux pane, a split.
            let (w, h) = [(80, 24), (80, 23), (60, 16)][clock as usize % 3];
            assert_colour_rule(&render(&app, w, h, t), "interview, any keys");
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

/// Whether the key table makes `c` an edit in the app's mode now (then it is typed).
fn edits(app: &App, c: char) -> bool {
    edits_with(app, KeyCode::Char(c))
}

/// Whether the key table makes `code` an edit in the app's mode now.
fn edits_with(app: &App, code: KeyCode) -> bool {
    let event = crossterm::event::KeyEvent::new(code, KeyModifiers::NONE);
    matches!(
        app.action_for(event),
        Some(phonescreen::tui::command::Command::Edit(_))
    )
}

// ── Esc then text, in one burst ──
//
// tmux and ssh deliver Esc and the keys typed right after it as one read.
// Esc followed by a command key is that command; any other text is typed
// whole. Which texts are left out is decided here without the decoder under
// test: command keys from the key table, key sequences by terminput reading
// the bytes itself, terminal reports by the grammar of a control sequence.

/// Whether `c` right after Esc is a command: the key table's sequence
/// of Esc then `c` does anything but type it.
fn command_key(c: char) -> bool {
    let esc = crossterm::event::KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
    let c = crossterm::event::KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    let typing = Mode::Interview(InterviewMode::Typing);
    !matches!(
        Keymap::builtin().action(typing, Some(esc), c),
        Some(phonescreen::tui::command::Command::Edit(_))
    )
}

/// Whether Esc then `text` begins with a key sequence (`ESC [ A`, `ESC O P`,
/// `ESC [ [ A`), as terminput reads the bytes on its own.
fn starts_with_key_sequence(text: &str) -> bool {
    let bytes = format!("\x1b{text}").into_bytes();
    matches!(bytes.get(1), Some(b'[' | b'O'))
        && (3..=bytes.len().min(12)).any(|n| {
            matches!(
                terminput::Event::parse_from(&bytes[..n]),
                Ok(Some(terminput::Event::Key(_)))
            )
        })
}

/// Whether Esc then `text` begins with a whole control sequence that has
/// parameter bytes and ends as terminals end theirs (`[1;2x`, `[<0;3;4M`,
/// `[?1u`): a terminal's report, which is dropped. ECMA-48: `[`, parameter bytes 0x30–0x3F,
/// intermediate bytes 0x20–0x2F, a final byte 0x40–0x7E.
fn starts_with_parameterised_csi(text: &str) -> bool {
    let Some(rest) = text.as_bytes().strip_prefix(b"[") else {
        return false;
    };
    let params = rest
        .iter()
        .take_while(|b| (0x30..=0x3f).contains(*b))
        .count();
    let intermediates = rest[params..]
        .iter()
        .take_while(|b| (0x20..=0x2f).contains(*b))
        .count();
    // What terminals send ends in a letter or `~` (`@ ^ $` in rxvt), with
    // no intermediate byte but `$`; `[1] first point` is text.
    params > 0
        && rest[params..params + intermediates]
            .iter()
            .all(|b| *b == b'$')
        && rest
            .get(params + intermediates)
            .is_some_and(|b| b.is_ascii_alphabetic() || b"~@^$".contains(b))
}

/// A character of notes, often one that begins or continues a key sequence.
fn note_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => Just('['),
        3 => Just('O'),
        2 => prop::char::range('0', '9'),
        1 => Just(';'),
        3 => prop::char::range('a', 'z'),
        2 => prop::char::range('A', 'Z'),
        2 => Just(' '),
        2 => prop::sample::select(vec!['I', 'M', '~', '<', '?', ']', 'u', '[', 'P', '-', 'é']),
        // Anything printable, in any script.
        3 => "\\PC".prop_map(|s| s.chars().next().unwrap_or('x')),
    ]
}

/// Text that Esc then it must leave in the notes as it is.
fn text_after_esc() -> impl Strategy<Value = String> {
    (
        note_char(),
        prop::collection::vec(prop_oneof![9 => note_char(), 1 => Just('\n')], 0..24),
    )
        .prop_map(|(first, rest)| std::iter::once(first).chain(rest).collect::<String>())
        .prop_filter("a command after Esc, a key, or a report", |text| {
            let first = text.chars().next().unwrap_or('\n');
            !command_key(first)
                && first != '\n'
                && !starts_with_key_sequence(text)
                && !starts_with_parameterised_csi(text)
        })
}

proptest! {
    #![proptest_config(proptest_cases(256))]

    /// Esc then text in one read (Enter as `\r`, as on the wire), then
    /// whatever waits let go once it has waited: exactly the text is in the
    /// notes.
    #[test]
    fn esc_then_text_in_one_burst_is_that_text(text in text_after_esc()) {
        use phonescreen::tui::input::{ESCAPE_TIMEOUT, TtyInput};
        let dir = tempfile::tempdir().unwrap();
        let now = start_time();
        let mut app = interview_app(dir.path(), now);
        let bytes = format!("\x1b{}", text.replace('\n', "\r"));
        let mut input = TtyInput::new(-1);
        let mut inputs = input.decode_bytes(bytes.as_bytes(), false);
        inputs.extend(input.take_stalled(std::time::Instant::now() + ESCAPE_TIMEOUT));
        let steps = inputs
            .into_iter()
            .filter_map(|i| Step::from_event(i.event, i.burst))
            .collect();
        app.apply(steps, || now);
        let screen = app.interview_screen().unwrap();
        prop_assert_eq!(screen.notes_text(), text);
        prop_assert_eq!(screen.mode(), Mode::Interview(InterviewMode::Typing));
        prop_assert_eq!(app.pending(), None);
    }
}

/// The filters above leave out what they should, and only that.
#[test]
fn esc_text_filters_name_commands_keys_and_reports() {
    for c in ['1', '9', 's', 'q', 'n', '?'] {
        assert!(command_key(c), "{c:?} is a command after Esc");
    }
    for c in ['O', '[', 'k', 'h', ' ', '0', 'é'] {
        assert!(!command_key(c), "{c:?} is typed after Esc");
    }
    for text in ["[A", "OP", "[[A", "[Z", "[1;5A more"] {
        assert!(starts_with_key_sequence(text), "{text:?}");
    }
    for text in ["OK", "[x", "[M", "[I think", "[[x", "O", "["] {
        assert!(!starts_with_key_sequence(text), "{text:?}");
    }
    for text in ["[1;2x", "[<0;3;4M", "[?1u", "[?1;2$y"] {
        assert!(starts_with_parameterised_csi(text), "{text:?}");
    }
    for text in [
        "[x] done",
        "[ ] todo",
        "[1",
        "[1;",
        "x[1;2x",
        "[1] first",
        "[2) b",
        "[12 q",
    ] {
        assert!(!starts_with_parameterised_csi(text), "{text:?}");
    }
}
