//! The real binary in a pseudo-terminal: start, type, move on, quit, read the file.

use crate::pty;

use pty::{Dirs, Pty, keys, load};

#[test]
fn type_notes_page_down_quit_and_read_the_file() {
    let dirs = Dirs::new();
    let mut p = Pty::spawn(&dirs, pty::START_ADA, 80, 24, &[]);
    p.wait_for("Q1/13");
    p.wait_for("WAITING");
    p.type_text("Explained the parser she wrote; quit early (q is text)");
    p.wait_for("is text)");
    // The first key typed started the call: the timer runs.
    p.wait_for("left");
    p.send(keys::PAGE_DOWN);
    p.wait_for("Why Acme?");
    p.type_text("Has read our blog");
    p.wait_for("Has read our blog");
    // Ctrl+Q asks; the same chord again confirms (a `y` would be typed).
    let status = p.quit();
    assert!(status.success(), "{status:?}");

    let r = load(&dirs.session_file());
    let q0 = r.question(0).unwrap().1;
    assert_eq!(
        q0.notes,
        "Explained the parser she wrote; quit early (q is text)"
    );
    let q1 = r.question(1).unwrap().1;
    assert_eq!(q1.ask, "Why Acme?");
    assert_eq!(q1.notes, "Has read our blog");
    assert_eq!(r.current_question, 1);
    // The terminal was handed back.
    let raw = String::from_utf8_lossy(&p.raw()).into_owned();
    assert!(raw.contains("\x1b[?1049l"), "left the alternate screen");
    assert!(raw.contains("\x1b[?25h"), "showed the cursor");
}
