//! Never lose a note: the real binary in a pseudo-terminal is killed,
//! signalled, starved of disk and made to panic, and every character that
//! was on screen must come back.

use crate::pty;

use pty::{Dirs, Pty, assert_restored, keys, load};

const START: &[&str] = pty::START_ADA;

fn start(dirs: &Dirs) -> Pty {
    let p = Pty::spawn(dirs, START, 80, 24, &[]);
    p.wait_for("Q1/13");
    p
}

fn kill9(mut p: Pty) {
    p.signal(libc::SIGKILL);
    p.wait_exit();
}

/// Resumes the newest interview and returns the running app.
fn resume(dirs: &Dirs) -> Pty {
    let p = Pty::spawn(dirs, &["resume"], 80, 24, &[]);
    p.wait_for("Resumed");
    p
}

#[test]
fn sigkill_while_typing_loses_nothing_on_screen() {
    let dirs = Dirs::new();
    let mut p = start(&dirs);
    let text = "Walked through the retry queue, idempotency keys, and backoff.";
    p.type_text(text);
    p.wait_for("backoff.");
    kill9(p);

    let r = load(&dirs.session_file());
    assert_eq!(r.question(0).unwrap().1.notes, text);
    let p = resume(&dirs);
    p.wait_for("backoff.");
    p.wait_for("Q1/13");
}

#[test]
fn sigkill_mid_paste_and_after_page_down() {
    let dirs = Dirs::new();
    let mut p = start(&dirs);
    p.type_text("typed ");
    p.send(&keys::paste("pasted line one\npasted line two"));
    p.wait_for("pasted line two");
    kill9(p);
    let r = load(&dirs.session_file());
    assert_eq!(
        r.question(0).unwrap().1.notes,
        "typed pasted line one\npasted line two"
    );

    // Carry on, move to the next question, and die right after the move.
    let mut p = resume(&dirs);
    p.wait_for("pasted line two");
    p.send(keys::PAGE_DOWN);
    p.wait_for("Q2/13");
    kill9(p);
    let r = load(&dirs.session_file());
    assert_eq!(r.current_question, 1, "the move is on disk");

    let mut p = resume(&dirs);
    p.wait_for("Q2/13");
    p.type_text("second answer");
    p.wait_for("second answer");
    kill9(p);
    let r = load(&dirs.session_file());
    assert_eq!(
        r.question(0).unwrap().1.notes,
        "typed pasted line one\npasted line two"
    );
    assert_eq!(r.question(1).unwrap().1.notes, "second answer");
}

fn signal_test(sig: i32) {
    let dirs = Dirs::new();
    let mut p = start(&dirs);
    p.type_text("answer before the signal");
    p.wait_for("the signal");
    p.signal(sig);
    let status = p.wait_exit();
    assert!(
        !status.success(),
        "exits with the signal's code: {status:?}"
    );
    assert_restored(&p.raw());
    let r = load(&dirs.session_file());
    assert_eq!(r.question(0).unwrap().1.notes, "answer before the signal");
    assert!(
        !dirs.session_file().with_extension("lock").exists(),
        "the lock is released"
    );
}

#[test]
fn sigterm_saves_and_restores_the_terminal() {
    signal_test(libc::SIGTERM);
}

#[test]
fn sighup_saves_and_restores_the_terminal() {
    signal_test(libc::SIGHUP);
}

#[test]
fn panic_restores_the_terminal_and_keeps_the_notes() {
    let dirs = Dirs::new();
    let mut p = Pty::spawn(&dirs, START, 80, 24, &[("PHONESCREEN_TEST_PANIC_KEY", "1")]);
    p.wait_for("Q1/13");
    p.type_text("notes before the crash");
    p.wait_for("the crash");
    p.send(keys::F12);
    let status = p.wait_exit();
    assert!(!status.success());
    assert_restored(&p.raw());
    let out = String::from_utf8_lossy(&p.raw()).into_owned();
    assert!(out.contains("Your notes are saved in"), "{out}");
    assert!(out.contains("phonescreen resume"));
    let r = load(&dirs.session_file());
    assert_eq!(r.question(0).unwrap().1.notes, "notes before the crash");
}

/// A panic on another thread: its hook gives the terminal back and says
/// where the notes are; the main loop must then save and stop, not go on
/// drawing frames onto the shell's screen.
#[test]
fn a_panic_on_another_thread_saves_and_stops_drawing() {
    let dirs = Dirs::new();
    let mut p = Pty::spawn(
        &dirs,
        START,
        80,
        24,
        &[("PHONESCREEN_TEST_PANIC_KEY", "thread")],
    );
    p.wait_for("Q1/13");
    p.type_text("notes before the crash");
    p.wait_for("the crash");
    p.send(keys::F12);
    let status = p.wait_exit();
    assert!(!status.success(), "a crash is not a success");
    let raw = p.raw();
    assert_restored(&raw);
    let out = String::from_utf8_lossy(&raw).into_owned();
    assert!(out.contains("test panic on another thread"), "{out}");
    assert!(out.contains("Your notes are saved in"), "{out}");
    assert!(out.contains("stopped after the error above"), "{out}");
    // Nothing drawn after the terminal was given back: no cursor moves.
    let after = &out[out
        .rfind("\u{1b}[?1049l")
        .expect("left the alternate screen")..];
    let moves = regex::Regex::new(r"\x1b\[\d+;\d+H").unwrap();
    assert!(
        !moves.is_match(after),
        "a frame was drawn after the restore: {after:?}"
    );
    let r = load(&dirs.session_file());
    assert_eq!(r.question(0).unwrap().1.notes, "notes before the crash");
}

#[test]
fn unwritable_data_folder_warns_and_loses_nothing_once_fixed() {
    use std::os::unix::fs::PermissionsExt;
    let dirs = Dirs::new();
    std::fs::create_dir_all(dirs.data()).unwrap();
    // Root ignores permission bits, so there a file stands where the
    // sessions folder should be: writes fail just the same.
    let root = unsafe { libc::geteuid() } == 0;
    if root {
        std::fs::write(dirs.sessions(), "in the way").unwrap();
    } else {
        std::fs::set_permissions(dirs.data(), std::fs::Permissions::from_mode(0o500)).unwrap();
    }
    let mut p = start(&dirs);
    p.wait_for("NOT SAVED");
    p.type_text("typed while the disk said no");
    p.wait_for("disk said no");
    assert!(p.screen().contains("NOT SAVED"));

    if root {
        std::fs::remove_file(dirs.sessions()).unwrap();
    } else {
        std::fs::set_permissions(dirs.data(), std::fs::Permissions::from_mode(0o700)).unwrap();
    }
    std::fs::create_dir_all(dirs.sessions()).unwrap();
    // The saver retries by itself; one more key also saves.
    p.type_text("!");
    p.wait_for("saved ✓");
    p.quit();
    let r = load(&dirs.session_file());
    assert_eq!(
        r.question(0).unwrap().1.notes,
        "typed while the disk said no!"
    );
}

#[test]
fn launcher_offers_to_resume_after_a_crash() {
    let dirs = Dirs::new();
    let mut p = start(&dirs);
    p.type_text("before the window closed");
    p.wait_for("window closed");
    kill9(p);
    let mut p = Pty::spawn(&dirs, &[], 80, 24, &[]);
    p.wait_for("Interrupted interview");
    p.wait_for("Resume Ada Lovelace");
    p.send(keys::ENTER);
    p.wait_for("before the window closed");
    p.wait_for("Resumed after");
    p.quit();
}

#[test]
fn a_second_phonescreen_is_told_who_holds_the_interview() {
    let dirs = Dirs::new();
    let mut first = start(&dirs);
    first.type_text("mine");
    first.wait_for("mine");
    let id = dirs
        .session_file()
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let mut second = Pty::spawn(&dirs, &["resume", &id], 80, 24, &[]);
    second.wait_exit();
    let out = second.screen();
    assert!(out.contains("open in another phonescreen"), "{out}");
    assert!(out.contains(&first.pid().to_string()), "{out}");
    first.quit();
}

/// Amendments typed on the review screen of the real binary, killed with
/// SIGKILL before Ctrl+S: the next `phonescreen review` says so, Ctrl+E
/// brings them back, and Ctrl+S saves them and removes the draft.
#[test]
fn sigkill_while_amending_loses_nothing_typed() {
    use phonescreen::interview::record::{Recommendation, Status};
    let dirs = Dirs::new();
    std::fs::create_dir_all(dirs.sessions()).unwrap();
    let mut record = phonescreen::store::testing::sample_record(3, 20);
    record.candidate = "Ada Lovelace".into();
    record.status = Status::Completed;
    record.paused = false;
    record.ended_at = Some(record.started_at + chrono::Duration::minutes(30));
    record.recommendation = Some(Recommendation::Yes);
    let path = dirs.sessions().join("20250304-101500-ada-lovelace.yaml");
    phonescreen::store::write_record(&path, &record).unwrap();
    let before = std::fs::read(&path).unwrap();
    let draft = phonescreen::store::amend_draft_path(&path);

    let mut p = Pty::spawn(&dirs, &["review"], 100, 30, &[]);
    p.wait_for("Ada Lovelace");
    p.send(keys::ENTER);
    p.wait_for("Pauses (");
    p.send("\x05");
    p.wait_for("AMENDING");
    p.send("\t");
    p.type_text(" Amended, then killed.");
    p.wait_for("then killed.");
    kill9(p);
    assert_eq!(std::fs::read(&path).unwrap(), before, "nothing was saved");
    assert!(draft.exists(), "the draft holds what was typed");

    let mut p = Pty::spawn(&dirs, &["review"], 100, 30, &[]);
    p.wait_for("Ada Lovelace");
    p.send(keys::ENTER);
    p.wait_for("Ctrl+E recovers them");
    p.send("\x05");
    p.wait_for("Recovered amendments");
    p.wait_for("then killed.");
    p.send(keys::CTRL_S);
    p.wait_for("Amendments saved");
    assert!(!draft.exists(), "saving removes the draft");
    assert!(
        load(&path)
            .question(0)
            .unwrap()
            .1
            .notes
            .ends_with(" Amended, then killed."),
        "{:?}",
        load(&path).question(0).unwrap().1.notes
    );
    // The review screen quits without asking: nothing is left unsaved.
    p.send(keys::CTRL_Q);
    assert!(p.wait_exit().success());
}
