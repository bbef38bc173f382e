use super::*;
use InterviewMode::Typing;

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn chord(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, modifiers)
}

const TYPING: Mode = Mode::Interview(Typing);
const ESC: KeyEvent = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);

fn action(mode: Mode, k: KeyEvent) -> Option<Command> {
    Keymap::builtin().action(mode, None, k)
}

/// The key after Esc on the interview screen.
fn after_esc(k: KeyEvent) -> Option<Command> {
    Keymap::builtin().action(TYPING, Some(ESC), k)
}

const MODES: [Mode; 22] = [
    Mode::Launcher(LauncherMode::Resume),
    Mode::Launcher(LauncherMode::Field),
    Mode::Launcher(LauncherMode::Bank),
    Mode::Launcher(LauncherMode::Start),
    TYPING,
    Mode::Interview(InterviewMode::Jump),
    Mode::Interview(InterviewMode::Help),
    Mode::Interview(InterviewMode::Outline),
    Mode::Interview(InterviewMode::Prep),
    Mode::Interview(InterviewMode::ConfirmQuit),
    Mode::Interview(InterviewMode::ConfirmNoShow),
    Mode::Finish(FinishMode::Choice),
    Mode::Finish(FinishMode::Summary),
    Mode::Finish(FinishMode::Button),
    Mode::Done,
    Mode::Review(ReviewMode::List),
    Mode::Review(ReviewMode::Open),
    Mode::Review(ReviewMode::Grid),
    Mode::Review(ReviewMode::Help),
    Mode::Amend(AmendMode::Choice),
    Mode::Amend(AmendMode::Text),
    Mode::ConfirmDelete,
];

/// Every key worth trying: characters, the named keys, function keys,
/// each with no modifier, Ctrl, Alt and Shift.
fn sample_keys() -> Vec<KeyEvent> {
    let mut codes: Vec<KeyCode> = (' '..='~').chain("é✓".chars()).map(KeyCode::Char).collect();
    codes.extend([
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::PageUp,
        KeyCode::PageDown,
    ]);
    codes.extend((1..=12).map(KeyCode::F));
    let mut keys = Vec::new();
    for code in codes {
        for m in [
            KeyModifiers::NONE,
            KeyModifiers::CONTROL,
            KeyModifiers::ALT,
            KeyModifiers::SHIFT,
        ] {
            keys.push(chord(code, m));
        }
    }
    keys
}

#[test]
fn every_key_of_the_table_reads_and_says_what_it_is() {
    // Each line of table.rs: `[modes] "keys"… => …`; `seq` there would
    // make a key it cannot read "any key".
    for line in include_str!("table.rs")
        .lines()
        .filter(|l| l.contains(" => ") && l.trim_start().starts_with(char::is_lowercase))
    {
        let keys = &line[line.find(']').unwrap()..line.find("=>").unwrap()];
        for text in keys.split('"').skip(1).step_by(2) {
            assert!(Seq::parse(text).is_some(), "{text:?} in {line}");
        }
    }
    for b in Keymap::builtin().bindings() {
        assert!(!b.help.trim().is_empty(), "{b:?}");
        assert!(!b.modes.is_empty() && !b.keys.is_empty(), "{b:?}");
        if let Act::Pair(actions) = &b.act {
            assert_eq!(actions.len(), b.keys.len(), "{b:?}");
        }
        assert!(b.names.len() <= 1 || b.names.len() == b.keys.len(), "{b:?}");
    }
    for name in [
        "ctrl+q",
        "pgdn",
        "f10",
        "shift+tab",
        "esc",
        "space",
        "1-5",
        "typing",
        "any",
        "?",
        "Y",
    ] {
        assert!(Key::parse(name).is_some(), "{name}");
    }
    for name in ["ctrl+", "ctrl+qq", "f13", "pgdown", "", "1-1", "ctrl+1"] {
        assert_eq!(Key::parse(name), None, "{name}");
    }
}

#[test]
fn no_two_bindings_clash_in_one_mode() {
    let keymap = Keymap::builtin();
    for mode in MODES {
        for k in sample_keys() {
            for tier in 0..=2 {
                let hits: Vec<&str> = keymap
                    .in_mode(mode)
                    .filter(|b| {
                        b.seqs(1).any(|(_, s)| {
                            s.keys()[0].tier() == tier && s.keys()[0].matches(&k).is_some()
                        })
                    })
                    .map(|b| b.help)
                    .collect();
                assert!(hits.len() <= 1, "{mode:?} {k:?}: {hits:?}");
            }
        }
    }
    overrides::check(keymap.bindings(), keymap.bindings()).unwrap();
}

#[test]
fn no_printable_key_is_a_command_while_typing() {
    for c in (' '..='~').chain("éß✓".chars()) {
        let k = key(KeyCode::Char(c));
        assert_eq!(action(TYPING, k), Some(Command::Edit(k)), "{c:?}");
    }
    for code in [
        KeyCode::Enter,
        KeyCode::Backspace,
        KeyCode::Left,
        KeyCode::Delete,
    ] {
        assert_eq!(action(TYPING, key(code)), Some(Command::Edit(key(code))));
    }
    let shifted = chord(KeyCode::Char('Q'), KeyModifiers::SHIFT);
    assert_eq!(action(TYPING, shifted), Some(Command::Edit(shifted)));
    // A pasted line feed is a line break, never the editor's "delete to
    // the start of the line".
    assert_eq!(
        action(TYPING, chord(KeyCode::Char('j'), KeyModifiers::CONTROL)),
        Some(Command::Edit(key(KeyCode::Enter)))
    );
}

#[test]
fn esc_begins_a_sequence_whose_second_key_is_a_command_or_typed() {
    assert_eq!(action(TYPING, ESC), Some(Command::CommandMode(ESC)));
    assert_eq!(after_esc(key(KeyCode::Char('3'))), Some(Command::Rate(3)));
    assert_eq!(
        after_esc(key(KeyCode::Char('s'))),
        Some(Command::ToggleSkipped)
    );
    let x = key(KeyCode::Char('k'));
    assert_eq!(after_esc(x), Some(Command::Edit(x)));
    for code in [
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Home,
        KeyCode::Backspace,
    ] {
        assert_eq!(after_esc(key(code)), Some(Command::Back), "{code:?}");
    }
    // A key that is a command alone is that command after Esc too.
    assert_eq!(
        after_esc(key(KeyCode::PageDown)),
        Some(Command::NextQuestion)
    );
    assert_eq!(after_esc(key(KeyCode::Tab)), Some(Command::ToggleScratch));
    assert_eq!(after_esc(key(KeyCode::F(5))), Some(Command::TogglePause));
    // Ctrl+J types a line break, but not after Esc.
    let ctrl_j = chord(KeyCode::Char('j'), KeyModifiers::CONTROL);
    assert_eq!(after_esc(ctrl_j), Some(Command::Back));
}

#[test]
fn chords_and_navigation_work_from_anywhere() {
    let ctrl_c = chord(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(action(TYPING, ctrl_c), Some(Command::RequestQuit));
    let quit = Mode::Interview(InterviewMode::ConfirmQuit);
    assert_eq!(action(quit, ctrl_c), Some(Command::ConfirmQuit));
    let alt2 = chord(KeyCode::Char('2'), KeyModifiers::ALT);
    assert_eq!(action(TYPING, alt2), Some(Command::Rate(2)));
    let alt_s = chord(KeyCode::Char('s'), KeyModifiers::ALT);
    assert_eq!(action(TYPING, alt_s), Some(Command::ToggleSkipped));
    let alt_k = chord(KeyCode::Char('k'), KeyModifiers::ALT);
    assert_eq!(
        action(TYPING, alt_k),
        Some(Command::Edit(key(KeyCode::Char('k'))))
    );
    let jump = Mode::Interview(InterviewMode::Jump);
    assert_eq!(
        action(jump, key(KeyCode::Char('4'))),
        Some(Command::JumpToSection(4))
    );
    // Alt+key is Esc then the key only where Esc begins sequences.
    let list = Mode::Review(ReviewMode::List);
    assert_eq!(action(list, alt_s), None);
}

#[test]
fn quitting_is_never_completed_by_typing() {
    let quit = Mode::Interview(InterviewMode::ConfirmQuit);
    for c in (' '..='~').chain("éß".chars()) {
        let k = key(KeyCode::Char(c));
        assert_eq!(action(quit, k), Some(Command::Edit(k)), "{c:?}");
    }
    for code in [
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::PageDown,
    ] {
        assert_eq!(action(quit, key(code)), Some(Command::Back));
    }
    let ctrl_q = chord(KeyCode::Char('q'), KeyModifiers::CONTROL);
    assert_eq!(action(quit, ctrl_q), Some(Command::ConfirmQuit));
}

#[test]
fn no_footer_needs_a_function_key() {
    // F1 and F10 are GNOME Terminal's; a Mac keyboard needs Fn for all.
    let keymap = Keymap::builtin();
    for mode in MODES {
        for pending in [false, true] {
            for (key, word) in keymap.hints(mode, pending) {
                assert!(
                    !key.split('/').any(|k| k.starts_with('F') && k.len() > 1),
                    "{mode:?}: `{key} {word}` needs a function key"
                );
            }
        }
    }
    // And every command a function key gives has another key too.
    for b in keymap.bindings() {
        if b.keys.iter().any(Seq::is_function) {
            assert!(
                b.keys.iter().any(|k| !k.is_function()),
                "only a function key does: {}",
                b.help
            );
        }
    }
}

#[test]
fn hints_come_from_the_table() {
    let keymap = Keymap::builtin();
    let typing: Vec<String> = keymap
        .hints(TYPING, false)
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    assert_eq!(typing, ["PgDn/PgUp", "Tab", "Esc", "Esc ?", "^Q"]);
    let command: Vec<String> = keymap
        .hints(TYPING, true)
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    assert_eq!(command, ["1-9", "a", "s", "p", "g", "j", "f", "?", "q"]);
    assert_eq!(
        keymap.command_label(&Command::StartCall).as_deref(),
        Some("Esc c")
    );
}

fn overrides(yaml: &str) -> Result<Arc<Keymap>, OverrideError> {
    // As config.yaml's `keys:` section, read as the config reads it.
    let section: String = yaml.lines().map(|l| format!("  {l}\n")).collect();
    let config: crate::config::Config = serde_yaml::from_str(&format!("keys:\n{section}")).unwrap();
    let parsed = config.keys;
    Keymap::with_overrides(&parsed)
}

fn error(yaml: &str) -> String {
    overrides(yaml).unwrap_err().to_string()
}

#[test]
fn an_override_rebinds_the_key_the_help_and_the_footer() {
    let keymap =
        overrides("interview: {next_question: ctrl+n, help: [esc h, f1], scratch: f6}").unwrap();
    let ctrl_n = chord(KeyCode::Char('n'), KeyModifiers::CONTROL);
    assert_eq!(
        keymap.action(TYPING, None, ctrl_n),
        Some(Command::NextQuestion)
    );
    // The pair's other key stays; PgDn is no command any more.
    assert_eq!(
        keymap.action(TYPING, None, key(KeyCode::PageUp)),
        Some(Command::PreviousQuestion)
    );
    assert_eq!(
        keymap.action(TYPING, None, key(KeyCode::PageDown)),
        Some(Command::Edit(key(KeyCode::PageDown)))
    );
    assert_eq!(
        keymap.action(TYPING, Some(ESC), key(KeyCode::Char('h'))),
        Some(Command::ToggleHelp)
    );
    assert_eq!(
        keymap.action(TYPING, Some(ESC), key(KeyCode::Char('?'))),
        Some(Command::Edit(key(KeyCode::Char('?'))))
    );
    let typing: Vec<String> = keymap
        .hints(TYPING, false)
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    assert_eq!(typing, ["^N/PgUp", "F6", "Esc", "Esc h", "^Q"]);
    let command: Vec<String> = keymap
        .hints(TYPING, true)
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    assert!(command.contains(&"h".to_string()), "{command:?}");
    let help = keymap
        .bindings()
        .iter()
        .find(|b| b.names == ["help"])
        .unwrap();
    assert_eq!(help.label(), "Esc h  F1");
    // Other screens keep their keys.
    let list = Mode::Review(ReviewMode::List);
    assert_eq!(
        keymap.action(list, None, key(KeyCode::F(1))),
        Some(Command::ToggleHelp)
    );
}

#[test]
fn unknown_screens_bindings_and_keys_are_named_with_what_to_write() {
    let e = error("interviw: {help: f1}");
    assert!(
        e.contains("keys → interviw: there is no such screen; the screens are interview, finish"),
        "{e}"
    );
    let e = error("interview: {next_qestion: ctrl+n}");
    assert!(e.contains("keys → interview → next_qestion: the interview screen has no such binding; its names are next_question, previous_question, scratch"), "{e}");
    let e = error("interview: {next_question: ctrl+nn}");
    assert!(
        e.contains("keys → interview → next_question: \"ctrl+nn\" is not a key; write a key as"),
        "{e}"
    );
    let e = error("interview: {quit: typing}");
    assert!(e.contains("\"typing\" is not a key"), "{e}");
    let e = error("interview: {quit: []}");
    assert!(e.contains("no key given"), "{e}");
    let e = error("interview: {next_question: [ctrl+n, f6]}");
    assert!(e.contains("give one key: each key of this pair"), "{e}");
}

#[test]
fn a_key_bound_twice_on_a_screen_is_an_error() {
    let e = error("interview: {pause: ctrl+q}");
    assert!(e.contains("keys → interview → pause: Ctrl+Q is bound twice on the interview screen, to pause and to quit; give one of them another key"), "{e}");
    let e = error("interview: {skip: esc a}");
    assert!(e.contains("Esc a is bound twice"), "{e}");
    let e = error("review: {sort: f1}");
    assert!(
        e.contains("F1 is bound twice on the review screen, to sort and to help"),
        "{e}"
    );
    // The same key on two screens is fine.
    overrides("review: {sort: f6}\nopened: {amend: f6}").unwrap();
}

#[test]
fn a_key_typing_needs_cannot_be_a_command() {
    let e = error("interview: {pause: p}");
    assert!(e.contains("keys → interview → pause: p is typed into the text on this screen, so it cannot be a command"), "{e}");
    let e = error("review: {open: o}");
    assert!(e.contains("o is typed into the text"), "{e}");
    // Where nothing is typed, a letter is a fine key.
    overrides("done: {copy: y}").unwrap();
    let e = error("launcher: {start: esc s}");
    assert!(
        e.contains("Esc then a key works only while typing on the interview screen"),
        "{e}"
    );
    let e = error("interview: {pause: esc}");
    assert!(e.contains("Esc begins the Esc sequences here"), "{e}");
}
