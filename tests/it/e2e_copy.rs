//! Copying the scorecard in a real terminal: what reaches the terminal's
//! bytes, what reaches the disk and what the screen says, for a terminal
//! that takes a copy and one that cannot.
//!
//! The harness removes `TMUX`, `STY` and `TERM_PROGRAM` from the child's
//! environment (`tests/it/pty.rs`), so these hold wherever the tests run,
//! inside tmux or screen included; each test sets what it needs.

use crate::pty;

use pty::{Dirs, Pty, keys};

/// Where the OSC 52 sequence starts: the one thing GNU screen prints
/// across the frame.
const OSC52: &[u8] = b"\x1b]52;";

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Starts an interview in an 80x24 terminal with `env`, types a note,
/// finishes it with a recommendation, and waits for the finished screen.
fn finished(dirs: &Dirs, env: &[(&str, &str)]) -> Pty {
    let mut p = Pty::spawn(dirs, pty::START_ADA, 80, 24, env);
    p.wait_for("Q1/13");
    // Typed before finishing: a note is what starts the call where the app
    // waits for the candidate first, and is plain typing where it does not.
    p.type_text("Spoke well");
    p.wait_for("Spoke well");
    p.send(keys::F10);
    p.wait_for("Finish interview with Ada Lovelace");
    p.settle();
    p.send("3");
    p.settle();
    p.send(keys::F10);
    p.wait_for("is completed");
    p.settle();
    p
}

/// The scorecard file written for `dirs`'s one interview.
fn scorecard_file(dirs: &Dirs) -> std::path::PathBuf {
    let id = dirs
        .session_file()
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    dirs.data().join("exports").join(format!("{id}.md"))
}

/// Leaves the finished screen (any key) and waits for the exit, so every
/// byte the app wrote has been read.
fn leave(p: &mut Pty) {
    p.send(keys::ENTER);
    let status = p.wait_exit();
    assert!(status.success(), "{status:?}");
    pty::assert_restored(&p.raw());
}

/// Directly inside GNU screen (`STY` set, no `TMUX`): `c` writes no OSC 52
/// at all, the scorecard is in the file, and the screen names it and says
/// nothing was copied.
#[test]
fn inside_gnu_screen_the_scorecard_goes_to_a_file_and_nothing_to_the_terminal() {
    let dirs = Dirs::new();
    let mut p = finished(
        &dirs,
        &[("TERM", "screen-256color"), ("STY", "1234.pts-0.host")],
    );
    p.send("c");
    p.wait_for("cannot take a copy");
    let screen = p.settle();
    let file = scorecard_file(&dirs);
    let scorecard = std::fs::read_to_string(&file)
        .unwrap_or_else(|e| panic!("{}: {e}; screen:\n{screen}", file.display()));
    assert!(
        scorecard.starts_with("# Ada Lovelace — Backend engineer"),
        "{scorecard}"
    );
    assert!(scorecard.contains("Spoke well"), "{scorecard}");
    assert!(
        screen.contains("The scorecard (Markdown) is written to:")
            && screen.contains(&file.display().to_string())
            && screen.contains("nothing was copied"),
        "{screen}"
    );
    assert!(!screen.contains("Copied"), "{screen}");
    leave(&mut p);
    assert!(
        !contains(&p.raw(), OSC52),
        "an OSC 52 sequence reached GNU screen"
    );
}

/// `TERM=screen` with neither `STY` nor `TMUX` is also tmux or screen
/// seen from the far end of ssh, where OSC 52 works: the sequence is sent
/// (carrying the scorecard), and the file is written as well in case the
/// terminal ignores it.
#[test]
fn term_screen_alone_gets_the_sequence_and_a_file() {
    let dirs = Dirs::new();
    let mut p = finished(&dirs, &[("TERM", "screen")]);
    let mark = p.mark();
    p.send("c");
    p.wait_for("may not take a copy");
    let screen = p.settle();
    let file = scorecard_file(&dirs);
    let scorecard = std::fs::read_to_string(&file)
        .unwrap_or_else(|e| panic!("{}: {e}; screen:\n{screen}", file.display()));
    assert!(
        screen.contains("Copied the scorecard (Markdown), and also in:")
            && screen.contains(&file.display().to_string()),
        "{screen}"
    );
    let sequence = phonescreen::tui::clipboard::osc52(&scorecard);
    assert!(
        contains(&p.raw_since(mark), sequence.as_bytes()),
        "the OSC 52 sequence of the scorecard was not written; screen:\n{screen}"
    );
    leave(&mut p);
}
