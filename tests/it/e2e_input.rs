//! Input as terminals really deliver it: bursts without bracketed paste,
//! huge pastes, resizes mid-typing, a terminal that goes away, job control,
//! signals from outside, and a quit dialog that must not eat what is typed.
//!
//! The real binary runs in a pseudo-terminal. Every test waits for what it
//! checks with the harness timeout and never measures speed; "idle" means
//! the app does not spin with nothing to do.

use crate::pty;

use std::path::{Path, PathBuf};
use std::time::Duration;

use pty::{Dirs, Pty, eventually, keys, restore_problems, timeout};

/// Starts an interview with Ada and waits for the first question, notes focused.
fn start(dirs: &Dirs, cols: u16, rows: u16) -> Pty {
    let p = Pty::spawn(dirs, pty::START_ADA, cols, rows, &[]);
    p.wait_for("Q1/13");
    // Waiting for the candidate: the first key typed starts the call.
    p.wait_for("WAITING");
    p
}

/// The interview file, once the app has written it.
fn session_file(p: &Pty, dirs: &Dirs) -> PathBuf {
    p.wait_until("the interview file is written", || {
        std::fs::read_dir(dirs.sessions()).is_ok_and(|entries| {
            entries
                .flatten()
                .any(|e| e.path().extension().is_some_and(|x| x == "yaml"))
        })
    });
    dirs.session_file()
}

/// The saved notes of question `index`, if the file can be read.
fn saved_notes(file: &Path, index: usize) -> Option<String> {
    let record = phonescreen::store::load(file).ok()?;
    Some(record.question(index)?.1.notes.clone())
}

/// Waits until question `index`'s saved notes are `expected` or the app has
/// exited, whichever comes first (gives up after `limit`).
///
/// What the app saved is the file and its crash journal together (a change
/// is in the journal before the screen shows it, and in the file up to a
/// second later, or much later when the disk is slow to flush), so both are
/// read again whenever either changed: waiting on the file alone misses a
/// change that so far only reached the journal. Neither is read when
/// neither changed, so a megabyte of notes is not parsed fifty times a
/// second beside the app under test.
fn wait_for_notes(p: &mut Pty, file: &Path, index: usize, expected: &str, limit: Duration) {
    let journal = phonescreen::store::journal::journal_path(file);
    let stamp = |path: &Path| {
        std::fs::metadata(path)
            .ok()
            .map(|m| (m.len(), m.modified().ok()))
    };
    let mut last_seen = None;
    eventually(limit, || {
        let seen = (stamp(file), stamp(&journal));
        if seen.0.is_some() && Some(seen) != last_seen {
            last_seen = Some(seen);
            if saved_notes(file, index).as_deref() == Some(expected) {
                return true;
            }
        }
        !p.is_running()
    });
}

/// Asserts two long texts are equal, reporting lengths and the first
/// difference rather than printing both.
fn assert_same_text(what: &str, saved: &str, expected: &str) {
    if saved == expected {
        return;
    }
    let at = saved
        .bytes()
        .zip(expected.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    let around = |s: &str| {
        let b = s.as_bytes();
        let from = at.saturating_sub(40).min(b.len());
        let to = (at + 40).min(b.len());
        String::from_utf8_lossy(&b[from..to]).into_owned()
    };
    panic!(
        "{what}: saved {} bytes ({} lines), expected {} bytes ({} lines); \
         first difference at byte {at}:\n  saved:    {:?}\n  expected: {:?}",
        saved.len(),
        saved.lines().count(),
        expected.len(),
        expected.lines().count(),
        around(saved),
        around(expected),
    );
}

/// Lines of plain printable ASCII (no tabs, no escapes) of varying length,
/// some empty, about `bytes` long in all; the same every run.
fn note_lines(bytes: usize) -> Vec<String> {
    const WORDS: &[&str] = &[
        "the",
        "candidate",
        "explained",
        "retries",
        "with",
        "idempotency",
        "keys;",
        "wrote",
        "tests",
        "first,",
        "then",
        "refactored",
        "(mostly)",
        "git",
        "rebase",
        "vs.",
        "merge:",
        "p99",
        "latency",
        "50ms",
        "O(n)",
        "hash-map",
        "it's",
        "\"fine\"",
        "CI",
        "flaky?",
        "yes!",
        "#42",
        "[draft]",
        "a/b",
        "100%",
        "ok",
    ];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |n: usize| {
        // xorshift: deterministic and good enough to vary the lines.
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let mut lines = Vec::new();
    let mut total = 0;
    while total < bytes {
        let words = next(16);
        let line = (0..words)
            .map(|_| WORDS[next(WORDS.len())])
            .collect::<Vec<_>>()
            .join(" ");
        total += line.len() + 1;
        lines.push(line);
    }
    lines
}

/// A burst without bracketed paste — a terminal or multiplexer without
/// it, a text expander, dictation — arrives as one write of many keys.
#[test]
fn unbracketed_burst_of_six_kilobytes_is_all_saved_and_the_app_stays_idle() {
    let dirs = Dirs::new();
    let mut p = start(&dirs, 80, 24);
    let file = session_file(&p, &dirs);
    let lines = note_lines(6 * 1024);
    // Enter is `\r` on the wire; the notes hold `\n`.
    let typed = lines.join("\r");
    let expected = lines.join("\n");
    assert!(typed.len() >= 6 * 1024, "{} bytes", typed.len());

    p.send(&typed);
    wait_for_notes(&mut p, &file, 0, &expected, timeout());

    let saved = saved_notes(&file, 0).unwrap_or_default();
    assert!(
        p.is_running(),
        "phonescreen exited during a {}-byte burst of typing, having saved {} bytes of it; screen:\n{}",
        typed.len(),
        saved.len(),
        p.screen()
    );
    assert_same_text("notes after an unbracketed burst", &saved, &expected);
    p.assert_idle();
}

/// A bracketed paste of a megabyte: logs, a stack trace, a whole file.
#[test]
fn bracketed_paste_of_a_megabyte_is_all_saved_and_the_app_stays_idle() {
    let dirs = Dirs::new();
    let mut p = start(&dirs, 80, 24);
    let file = session_file(&p, &dirs);
    let text = note_lines(1 << 20).join("\n");
    assert!(text.len() >= 1 << 20);

    // The write blocks until the app has read most of it: do it aside.
    let writing = p.send_in_background(keys::paste(&text));
    // Much more than one keystroke's worth of work, on a slow machine too.
    wait_for_notes(&mut p, &file, 0, &text, timeout() * 3);

    let saved = saved_notes(&file, 0).unwrap_or_default();
    assert!(
        p.is_running(),
        "phonescreen exited during a {}-byte paste, having saved {} bytes of it; screen:\n{}",
        text.len(),
        saved.len(),
        p.screen()
    );
    assert_same_text("notes after a 1 MB bracketed paste", &saved, &text);
    writing
        .join()
        .unwrap()
        .expect("the whole paste was written");
    p.assert_idle();
}

/// A bracketed paste over a slow link arrives in many small reads, none of
/// which makes an event until the end marker: the app must not take a
/// thousand such reads for a terminal that is gone.
#[test]
fn a_paste_trickling_in_over_many_reads_is_all_saved() {
    let dirs = Dirs::new();
    let mut p = start(&dirs, 80, 24);
    let file = session_file(&p, &dirs);
    // More pieces than the loop's limit of wakes that read nothing.
    let pieces: Vec<String> = (0..1500).map(|i| format!("{i} ")).collect();
    let text = pieces.concat();
    p.send("\x1b[200~");
    for piece in &pieces {
        p.send(piece);
        // Apart, so they are read apart (most of them; how many is up to
        // the machine, and the test holds however they are read).
        std::thread::sleep(Duration::from_millis(1));
    }
    p.send("\x1b[201~");
    wait_for_notes(&mut p, &file, 0, &text, timeout());
    let saved = saved_notes(&file, 0).unwrap_or_default();
    assert!(
        p.is_running(),
        "phonescreen exited during a paste in {} pieces, having saved {} bytes of it; screen:\n{}",
        pieces.len(),
        saved.len(),
        p.screen()
    );
    assert_same_text("notes after a trickled paste", &saved, &text);
}

/// tmux and ssh deliver Esc and the keys typed right after it as one
/// burst, and tmux may send `ESC O` for a quick Esc-then-O in one write and
/// the next key later: Esc then text that is no command is that text.
#[test]
fn esc_then_text_in_one_burst_is_typed_whole() {
    let dirs = Dirs::new();
    let mut p = start(&dirs, 80, 24);
    let file = session_file(&p, &dirs);
    let mut expected = String::new();
    for (burst, shown) in [
        ("OK fine\r", "OK fine"),
        ("[x] done\r", "[x] done"),
        ("Oh\r", "Oh"),
    ] {
        p.send(&format!("\x1b{burst}"));
        p.wait_for(shown);
        expected.push_str(&burst.replace('\r', "\n"));
        wait_for_notes(&mut p, &file, 0, &expected, timeout());
        assert_eq!(
            saved_notes(&file, 0).as_deref(),
            Some(expected.as_str()),
            "after Esc then {burst:?}; screen:\n{}",
            p.screen()
        );
    }

    // `ESC O` alone waits briefly for the rest of a sequence, then is typed:
    // the `O` is saved before the `K` is even sent.
    p.send("\x1bO");
    expected.push('O');
    wait_for_notes(&mut p, &file, 0, &expected, timeout());
    assert_eq!(
        saved_notes(&file, 0).as_deref(),
        Some(expected.as_str()),
        "after Esc then O alone; screen:\n{}",
        p.screen()
    );
    p.send("K");
    expected.push('K');
    wait_for_notes(&mut p, &file, 0, &expected, timeout());
    assert_eq!(saved_notes(&file, 0).as_deref(), Some(expected.as_str()));
    p.wait_until("the notes show the second OK on a line of its own", || {
        p.screen()
            .lines()
            .any(|line| line.split('│').any(|cell| cell.trim() == "OK"))
    });
    // Nothing is left waiting, so nothing keeps the app awake.
    p.assert_idle();
}

/// A resize (window dragged, tmux pane zoomed) must not swallow the keys
/// typed right after it.
#[test]
fn typing_right_after_a_resize_is_shown_and_saved() {
    let dirs = Dirs::new();
    let mut p = start(&dirs, 80, 24);
    let file = session_file(&p, &dirs);

    p.resize(100, 30);
    let first = "Typed the moment the window grew.";
    p.type_text(first);
    p.wait_for(first);
    p.wait_until("the first sentence is saved", || {
        saved_notes(&file, 0).as_deref() == Some(first)
    });

    p.resize(80, 24);
    let second = " And again once it shrank back.";
    p.type_text(second);
    p.wait_for("shrank back.");
    let expected = format!("{first}{second}");
    p.wait_until("both sentences are saved", || {
        saved_notes(&file, 0).as_deref() == Some(expected.as_str())
    });
    assert_eq!(saved_notes(&file, 0).as_deref(), Some(expected.as_str()));
}

/// The terminal goes away (window closed, ssh dropped): phonescreen
/// notices, saves, releases the interview and leaves by itself.
#[test]
fn hang_up_saves_releases_the_lock_and_exits() {
    let dirs = Dirs::new();
    let mut p = start(&dirs, 80, 24);
    let file = session_file(&p, &dirs);
    // Short enough to stay on one line of the notes box.
    let text = "Deletes code, never comments it out.";
    p.type_text(text);
    p.wait_for(text);

    p.hang_up();
    p.wait_exit();

    assert_eq!(saved_notes(&file, 0).as_deref(), Some(text));
    assert!(
        !file.with_extension("lock").exists(),
        "the lock is released"
    );
}

/// Stopped from outside (`kill -TSTP`, as a shell's job control does) and
/// continued: the terminal is handed back while stopped and taken again after.
#[test]
fn sigtstp_then_sigcont_hands_the_terminal_back_and_comes_back() {
    let dirs = Dirs::new();
    let mut p = start(&dirs, 80, 24);
    let file = session_file(&p, &dirs);
    p.type_text("before the stop");
    p.wait_for("before the stop");

    let before_stop = p.mark();
    p.signal(libc::SIGTSTP);
    p.wait_until("phonescreen is stopped (state T)", || {
        p.process_state() == 'T'
    });
    p.wait_until("the terminal is handed back while stopped", || {
        let out = String::from_utf8_lossy(&p.raw_since(before_stop)).into_owned();
        out.contains("\x1b[?1049l") && out.contains("\x1b[?25h") && !p.is_raw_mode()
    });
    assert_eq!(
        saved_notes(&file, 0).as_deref(),
        Some("before the stop"),
        "saved before stopping"
    );

    let before_continue = p.mark();
    p.signal(libc::SIGCONT);
    p.wait_for_since(before_continue, "Q1/13");
    p.wait_for_since(before_continue, "before the stop");
    assert!(p.is_raw_mode(), "raw mode again after the continue");
    p.type_text(" and after the continue");
    p.wait_for("after the continue");
    p.wait_until("the notes typed after the continue are saved", || {
        saved_notes(&file, 0).as_deref() == Some("before the stop and after the continue")
    });
}

/// Stopped by SIGSTOP, which phonescreen cannot catch, while the shell puts
/// the terminal back in line mode, then continued (`fg`): phonescreen must
/// take raw mode again, or every key would wait for Enter and echo, and the
/// quit chord would be the terminal's.
#[test]
fn sigstop_under_a_shell_then_sigcont_takes_raw_mode_again() {
    let dirs = Dirs::new();
    let mut p = start(&dirs, 80, 24);
    let file = session_file(&p, &dirs);
    p.type_text("before the stop");
    p.wait_for("before the stop");
    p.signal(libc::SIGSTOP);
    p.wait_until("phonescreen is stopped (state T)", || {
        p.process_state() == 'T'
    });
    p.set_cooked_mode();
    assert!(!p.is_raw_mode(), "the shell's line mode");
    let before_continue = p.mark();
    p.signal(libc::SIGCONT);
    p.wait_for_since(before_continue, "before the stop");
    p.wait_until("raw mode again after the continue", || p.is_raw_mode());
    p.type_text(" and after");
    p.wait_for("before the stop and after");
    p.wait_until("the notes typed after the continue are saved", || {
        saved_notes(&file, 0).as_deref() == Some("before the stop and after")
    });
}

/// Types, sends signal `sig` (called `name`) from outside, and checks that
/// phonescreen exited with a failure status, handed the terminal back, saved
/// the notes and released the lock. Reports every problem, not just the first.
fn signal_from_outside(name: &str, sig: i32) {
    let dirs = Dirs::new();
    let mut p = start(&dirs, 80, 24);
    let file = session_file(&p, &dirs);
    let text = format!("answer before {name}");
    p.type_text(&text);
    p.wait_for(&text);

    p.signal(sig);
    let status = p.wait_exit();

    let mut problems = restore_problems(&p.raw());
    if p.is_raw_mode() {
        problems.push("the terminal is left in raw mode".into());
    }
    if status.success() {
        problems.push(format!(
            "exited successfully, not with the signal's code: {status:?}"
        ));
    }
    let saved = saved_notes(&file, 0);
    if saved.as_deref() != Some(text.as_str()) {
        problems.push(format!("notes saved as {saved:?}, expected {text:?}"));
    }
    let lock = file.with_extension("lock");
    if lock.exists() {
        problems.push(format!("the lock is left behind: {}", lock.display()));
    }
    assert!(
        problems.is_empty(),
        "after {name} from outside ({status:?}): {}",
        problems.join("; ")
    );
}

/// `kill -INT` from another shell (not Ctrl+C, which is a key in raw mode).
#[test]
fn sigint_from_outside_saves_restores_the_terminal_and_releases_the_lock() {
    signal_from_outside("SIGINT", libc::SIGINT);
}

/// `kill -USR1`.
#[test]
fn sigusr1_from_outside_saves_restores_the_terminal_and_releases_the_lock() {
    signal_from_outside("SIGUSR1", libc::SIGUSR1);
}

/// Other signals whose default is to end the process. One process per
/// signal; every failure is reported, not just the first.
#[test]
fn sigusr2_sigalrm_and_sigpipe_from_outside_save_and_restore_the_terminal() {
    let failures: Vec<String> = [
        ("SIGUSR2", libc::SIGUSR2),
        ("SIGALRM", libc::SIGALRM),
        ("SIGPIPE", libc::SIGPIPE),
    ]
    .into_iter()
    .filter_map(|(name, sig)| {
        std::panic::catch_unwind(|| signal_from_outside(name, sig))
            .err()
            .map(|e| {
                let why = e
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                format!("{name}: {}", why.lines().next().unwrap_or_default())
            })
    })
    .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Opens the quit dialog with `chord`, then types `text` as a person would:
/// typing means "stay", and every character is typed, the first included.
fn quit_dialog_then_typing(p: &mut Pty, file: &Path, chord: &str, text: &str, expected: &str) {
    p.send(chord);
    p.wait_for("Quit phonescreen?");
    p.type_text(text);
    wait_for_notes(p, file, 0, expected, timeout());

    let saved = saved_notes(file, 0);
    assert!(
        p.is_running(),
        "phonescreen quit when {text:?} was typed into its quit dialog; saved notes: {saved:?}"
    );
    p.wait_until("the quit dialog is closed", || {
        !p.screen().contains("Quit phonescreen?")
    });
    assert_eq!(saved.as_deref(), Some(expected), "every character typed");
}

/// Ctrl+C or Ctrl+Q by mistake, then carrying on typing: nothing is lost
/// and phonescreen stays. The same chord again is what confirms.
#[test]
fn typing_into_the_quit_dialog_stays_and_keeps_every_character() {
    let dirs = Dirs::new();
    let mut p = start(&dirs, 80, 24);
    let file = session_file(&p, &dirs);
    let text = "yes, they wrote tests first";

    quit_dialog_then_typing(&mut p, &file, keys::CTRL_C, text, text);

    // A line break first, so the second answer starts a line of its own.
    p.send(keys::ENTER);
    let line = format!("{text}\n");
    p.wait_until("the line break is saved", || {
        saved_notes(&file, 0).as_deref() == Some(line.as_str())
    });
    let both = format!("{text}\n{text}");
    quit_dialog_then_typing(&mut p, &file, keys::CTRL_Q, text, &both);

    let status = p.quit();
    assert!(status.success(), "{status:?}");
    assert_eq!(saved_notes(&file, 0).as_deref(), Some(both.as_str()));
}
