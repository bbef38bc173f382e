//! `Esc w` and the goodbye tell the truth: the real binary in a
//! pseudo-terminal, with folders that cannot be written.

use crate::pty;

use std::fs;
use std::path::PathBuf;

use pty::{Dirs, Pty, START_ADA, assert_restored, load};

/// `Esc w`, as a terminal sends a quick Esc then w.
const ESC_W: &str = "\x1bw";

/// Data folder whose `sessions` is a file: nothing can be saved there, even by root.
fn broken_sessions(dirs: &Dirs) {
    fs::create_dir_all(dirs.data()).unwrap();
    fs::write(dirs.sessions(), "in the way").unwrap();
}

/// What the program printed after it last left the alternate screen.
fn after_the_screen(p: &Pty) -> String {
    let raw = String::from_utf8_lossy(&p.raw()).into_owned();
    let leave = raw.rfind("\x1b[?1049l").expect("left the alternate screen");
    raw[leave..].replace("\r\n", "\n")
}

/// The one interview file in `dir`.
fn only_yaml(dir: &std::path::Path) -> PathBuf {
    let files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    files[0].clone()
}

#[test]
fn notes_nothing_could_save_are_printed_once_the_terminal_is_back() {
    let dirs = Dirs::new();
    broken_sessions(&dirs);
    let tmpfile = dirs.root.path().join("tmp-is-a-file");
    fs::write(&tmpfile, "").unwrap();
    let mut p = Pty::spawn(
        &dirs,
        START_ADA,
        80,
        24,
        &[("TMPDIR", tmpfile.to_str().unwrap())],
    );
    p.wait_for("NOT SAVED");
    p.type_text("the only copy of what she said");
    p.wait_for("what she said");
    p.quit();
    assert_restored(&p.raw());
    let out = after_the_screen(&p);
    assert!(out.contains("The interview could NOT be saved"), "{out}");
    assert!(out.contains("Nothing of it is on disk."), "{out}");
    assert!(
        out.contains("notes: the only copy of what she said"),
        "{out}"
    );
    assert!(out.contains("# end of phonescreen interview"), "{out}");
    assert!(
        out.trim_end()
            .ends_with("Copy it into a file, and carry on with `phonescreen resume FILE`."),
        "what to do comes last: {out}"
    );
}

#[test]
fn esc_w_saves_where_resume_and_sessions_list_find_it() {
    let dirs = Dirs::new();
    broken_sessions(&dirs);
    let mut p = Pty::spawn(&dirs, START_ADA, 80, 24, &[]);
    p.wait_for("NOT SAVED");
    p.type_text("rescued notes");
    p.wait_for("rescued notes");
    p.send(ESC_W);
    p.wait_for("Saved to");
    p.wait_for("saved ✓");
    p.type_text(", and more");
    p.wait_for("and more");
    p.quit();
    let rescue = dirs.data().join("rescue");
    let copy = only_yaml(&rescue);
    let out = after_the_screen(&p);
    assert!(
        out.contains(&format!(
            "Interview saved (in progress) to {}",
            copy.display()
        )),
        "{out}"
    );
    assert_eq!(
        load(&copy).question(0).unwrap().1.notes,
        "rescued notes, and more"
    );

    // The sessions folder works again; the copy is where phonescreen looks.
    fs::remove_file(dirs.sessions()).unwrap();
    let listed = crate::cli::phonescreen(["sessions", "list", "--json"])
        .folders(dirs.root.path())
        .output();
    let json: serde_json::Value = serde_json::from_str(&listed.stdout).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 1, "{json}");
    assert_eq!(json[0]["path"], copy.to_str().unwrap());

    let mut p = Pty::spawn(&dirs, &["resume"], 80, 24, &[]);
    p.wait_for("Resumed");
    p.wait_for("rescued notes, and more");
    p.quit();
}

#[test]
fn esc_w_with_nowhere_to_go_keeps_saving_to_the_original_once_it_works() {
    let dirs = Dirs::new();
    broken_sessions(&dirs);
    // Every rescue place is a file too.
    fs::write(dirs.data().join("rescue"), "").unwrap();
    fs::write(dirs.root.path().join("phonescreen-rescue"), "").unwrap();
    let tmpfile = dirs.root.path().join("tmp-is-a-file");
    fs::write(&tmpfile, "").unwrap();
    let mut p = Pty::spawn(
        &dirs,
        START_ADA,
        80,
        24,
        &[("TMPDIR", tmpfile.to_str().unwrap())],
    );
    p.wait_for("NOT SAVED");
    p.type_text("typed before Esc w");
    p.wait_for("before Esc w");
    p.send(ESC_W);
    p.wait_for("Could not save elsewhere either");
    p.type_text(", and after");
    p.wait_for("and after");
    // The NOT SAVED line names the interview's own file, being retried.
    let screen = p.screen().replace('\n', "");
    assert!(screen.contains("cannot write"), "{screen}");
    assert!(!screen.contains("tmp-is-a-file/phonescreen"), "{screen}");

    fs::remove_file(dirs.sessions()).unwrap();
    p.wait_for("saved ✓");
    p.quit();
    let file = dirs.session_file();
    let out = after_the_screen(&p);
    assert!(
        out.contains(&format!(
            "Interview saved (in progress) to {}",
            file.display()
        )),
        "{out}"
    );
    assert_eq!(
        load(&file).question(0).unwrap().1.notes,
        "typed before Esc w, and after"
    );
    assert_eq!(fs::read(&tmpfile).unwrap(), b"");
}
