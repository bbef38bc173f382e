//! The live call as it really happens, in a real terminal: a tmux pane of
//! 80x23, a 60-column split beside the video call, a candidate who joins
//! late, one who never comes, three calls back to back, and the launcher
//! remembering what the last call used.

use crate::cli;
use crate::pty;

use phonescreen::interview::Status;
use pty::{Dirs, Pty, keys, load};

/// Ada at Acme with Grace interviewing and the language set: every bank
/// variable given, so the interview opens at once.
const ADA_BY_GRACE: &[&str] = &[
    "interview",
    "--candidate",
    "Ada Lovelace",
    "--role",
    "Backend engineer",
    "--interviewer",
    "Grace",
    "--set",
    "company=Acme",
    "--set",
    "hiring_language=Rust",
];

/// The one interview file's record, once its status is `status`.
fn saved_as(dirs: &Dirs, status: Status) -> phonescreen::interview::Record {
    let mut record = None;
    let seen = pty::eventually(pty::timeout(), || {
        let r = phonescreen::store::load(&dirs.session_file()).ok();
        let done = r.as_ref().is_some_and(|r| r.status == status);
        record = r;
        done
    });
    assert!(seen, "the file never said {status:?}: {record:?}");
    record.unwrap()
}

/// Finishes the interview on screen with "Yes" and waits for the finished
/// screen.
fn finish(p: &mut Pty) {
    p.send(keys::F10);
    p.wait_for("Overall recommendation");
    p.settle();
    p.send("3");
    p.settle();
    p.send(keys::CTRL_S);
    p.wait_for("is completed");
    p.settle();
}

#[test]
fn in_a_tmux_pane_the_timer_waits_for_the_candidate_and_the_first_key_starts_it() {
    let dirs = Dirs::new();
    // An 80x24 terminal with tmux's status line: an 80x23 pane.
    let mut p = Pty::spawn(&dirs, pty::START_ADA, 80, 23, &[]);
    p.wait_for("WAITING 30:00");
    p.wait_for("Before the call");
    p.wait_for("Skim the resume");
    assert!(!p.screen().contains("too small"));
    // Two seconds of a late candidate: the timer does not move, the time
    // since the interview opened does.
    p.wait_for("opened 00:02 ago");
    assert!(p.screen().contains("WAITING 30:00"), "{}", p.screen());
    assert_eq!(saved_as(&dirs, Status::Waiting).elapsed_seconds, 0);

    // She joins; the first key typed starts the call and is kept.
    p.type_text("Joined late, apologised");
    p.wait_for("Joined late, apologised");
    p.wait_for("left");
    p.wait_for("first note at 00:00");
    let started = saved_as(&dirs, Status::InProgress);
    let opened = started.opened_at.expect("opened_at");
    assert!(
        started.started_at - opened >= chrono::Duration::seconds(2),
        "the start is the call's: opened {opened}, started {}",
        started.started_at
    );
    // The timer runs now.
    p.wait_for("29:58 left");
    let status = p.quit();
    assert!(status.success(), "{status:?}");
    let r = load(&dirs.session_file());
    let q = r.question(0).unwrap().1;
    assert_eq!(q.notes, "Joined late, apologised");
    assert_eq!(q.first_note_seconds, Some(0));
    assert!(r.elapsed_seconds >= 2, "{}", r.elapsed_seconds);
    pty::assert_restored(&p.raw());
}

#[test]
fn in_a_sixty_column_split_the_question_scrolls_and_the_outline_is_a_key_away() {
    let dirs = Dirs::new();
    let mut p = Pty::spawn(&dirs, pty::START_ADA, 60, 16, &[]);
    p.wait_for("Q1/13");
    p.wait_for("rate Esc+1 Strong no");
    p.type_text("Talks through the parser");
    p.wait_for("Talks through the parser");
    p.wait_for("Esc o outline");
    // The follow-ups are below the fold: Esc ↓ scrolls to them.
    let before = p.settle();
    assert!(
        !before.contains("What did you have the most fun with?"),
        "{before}"
    );
    p.wait_for("more: Esc ↓");
    let mut shown = false;
    for _ in 0..4 {
        p.send("\x1b");
        p.settle();
        p.send("\x1b[B");
        p.settle();
        if p.screen().contains("What did you have the most fun with?") {
            shown = true;
            break;
        }
    }
    assert!(
        shown,
        "the follow-ups never scrolled into view:\n{}",
        p.screen()
    );
    // The outline, on a key; a key typed closes it and is typed.
    p.send("\x1b");
    p.settle();
    p.send("o");
    p.wait_for("why-company");
    p.type_text("!");
    p.wait_for("Talks through the parser!");
    assert!(!p.screen().contains("why-company"), "{}", p.screen());
    // One column and row less: the notice; back: the interview, notes kept.
    p.resize(59, 15);
    p.wait_for("need 60x16, have 59x15");
    p.resize(60, 16);
    p.wait_for("Talks through the parser!");
    let status = p.quit();
    assert!(status.success(), "{status:?}");
    let r = load(&dirs.session_file());
    assert_eq!(r.question(0).unwrap().1.notes, "Talks through the parser!");
}

#[test]
fn a_candidate_who_never_comes_is_a_no_show_through_to_export() {
    let dirs = Dirs::new();
    let mut p = Pty::spawn(&dirs, pty::START_ADA, 80, 24, &[]);
    p.wait_for("WAITING 30:00");
    p.send("\x1b");
    p.settle();
    p.send("x");
    p.wait_for("Record Ada Lovelace as a no-show?");
    // `y` alone records nothing; Enter after it does.
    p.send("y");
    p.wait_for("record the no-show");
    assert_eq!(saved_as(&dirs, Status::Waiting).status, Status::Waiting);
    p.send(keys::ENTER);
    p.wait_for("did not come: recorded as a no-show");
    p.send("q");
    let status = p.wait_exit();
    assert!(status.success(), "{status:?}");
    pty::assert_restored(&p.raw());

    let r = load(&dirs.session_file());
    assert_eq!(r.status, Status::NoShow);
    assert_eq!(r.elapsed_seconds, 0);
    assert!(r.ended_at.is_some());
    let data = dirs.data();
    let (json, err, code) = cli::run(&data, &["export", "last", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["status"], "no_show");
    let (markdown, _, code) = cli::run(&data, &["export", "last"]);
    assert_eq!(code, 0);
    assert!(
        markdown.contains("**No-show:** the candidate did not come."),
        "{markdown}"
    );
    let (list, _, _) = cli::run(&data, &["sessions", "list"]);
    assert!(list.contains("no_show"), "{list}");
    // Never resumable as a call.
    let (_, err, code) = cli::run(&data, &["resume"]);
    assert_ne!(code, 0);
    assert!(err.contains("no interrupted interview"), "{err}");
}

#[test]
fn three_interviews_back_to_back_keep_the_role_bank_interviewer_and_variables() {
    let dirs = Dirs::new();
    let mut p = Pty::spawn(&dirs, ADA_BY_GRACE, 80, 24, &[]);
    p.wait_for("WAITING");
    for (i, next) in ["Grace Hopper", "Linus Torvalds"].iter().enumerate() {
        p.type_text(&format!("Call {}", i + 1));
        p.wait_for(&format!("Call {}", i + 1));
        finish(&mut p);
        assert!(p.screen().contains("n next interview"), "{}", p.screen());
        p.send("n");
        p.wait_for("New interview");
        let form = p.settle();
        // The candidate is empty and has the focus; the rest is kept.
        assert!(form.contains("▸ Candidate    ▏required"), "{form}");
        for kept in [
            "Backend engineer",
            "Grace",
            "Your company's name: Acme",
            "Rust",
        ] {
            assert!(form.contains(kept), "{kept}:\n{form}");
        }
        p.type_text(next);
        p.send(keys::CTRL_S);
        p.wait_for(&format!("{next} · Backend engineer"));
        p.wait_for("WAITING");
    }
    p.type_text("Call 3");
    p.wait_for("Call 3");
    finish(&mut p);
    p.send(keys::ENTER);
    let status = p.wait_exit();
    assert!(status.success(), "{status:?}");
    let mut records: Vec<_> = std::fs::read_dir(dirs.sessions())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| load(&p))
        .collect();
    records.sort_by_key(|r| r.question(0).unwrap().1.notes.clone());
    let candidates: Vec<&str> = records.iter().map(|r| r.candidate.as_str()).collect();
    assert_eq!(
        candidates,
        ["Ada Lovelace", "Grace Hopper", "Linus Torvalds"]
    );
    for r in &records {
        assert_eq!(r.status, Status::Completed);
        assert_eq!(r.role, "Backend engineer");
        assert_eq!(r.interviewer, "Grace");
        assert_eq!(r.variables["company"], "Acme");
        assert_eq!(r.variables["hiring_language"], "Rust");
    }
    // The goodbye names all three files.
    let raw = String::from_utf8_lossy(&p.raw()).into_owned();
    assert_eq!(raw.matches("Interview saved to").count(), 3, "{raw}");
}

#[test]
fn the_launcher_is_pre_filled_with_what_the_last_interview_used() {
    let dirs = Dirs::new();
    let mut p = Pty::spawn(&dirs, ADA_BY_GRACE, 80, 24, &[]);
    p.wait_for("WAITING");
    let status = p.quit();
    assert!(status.success(), "{status:?}");
    let remembered = dirs.data().join("remembered.json");
    let mode = std::os::unix::fs::PermissionsExt::mode(
        &std::fs::metadata(&remembered).unwrap().permissions(),
    );
    assert_eq!(mode & 0o777, 0o600);
    let text = std::fs::read_to_string(&remembered).unwrap();
    assert!(!text.contains("Ada"), "no candidate data: {text}");

    // The next day: the launcher, with the interviewer and the values.
    let mut p = Pty::spawn(&dirs, &[], 80, 24, &[]);
    p.wait_for("New interview");
    let form = p.settle();
    for kept in [
        "Interviewer  Grace",
        "Your company's name: Acme",
        "hiring for: Rust",
    ] {
        assert!(form.contains(kept), "{kept}:\n{form}");
    }
    // Typing overwrites: the next interview is by Hopper, and that is kept.
    p.type_text("Bob");
    p.send(keys::ENTER);
    p.type_text("SRE");
    p.send(keys::ENTER);
    p.send("\x15"); // Ctrl+U empties the field.
    p.type_text("Hopper");
    p.wait_for("Interviewer  Hopper");
    p.send(keys::CTRL_S);
    p.wait_for("WAITING");
    let status = p.quit();
    assert!(status.success(), "{status:?}");
    let text = std::fs::read_to_string(&remembered).unwrap();
    assert!(
        text.contains("Hopper") && !text.contains("\"Grace\""),
        "{text}"
    );
    assert!(text.contains("Acme"), "the values stay: {text}");
}

#[test]
fn stopped_while_waiting_it_comes_back_waiting_with_its_prep() {
    let dirs = Dirs::new();
    let prep = dirs.root.path().join("ada.md");
    std::fs::write(
        &prep,
        "Resume notes\n\u{1b}]2;retitled\u{7} billing queue\n\tindented\n",
    )
    .unwrap();
    let prep_arg = prep.to_string_lossy().into_owned();
    let mut args = pty::START_ADA.to_vec();
    args.extend(["--prep", &prep_arg]);
    let mut p = Pty::spawn(&dirs, &args, 80, 23, &[]);
    p.wait_for("WAITING 30:00");
    p.wait_for("Resume notes");
    // The escape in the file is shown, never sent to the terminal.
    p.wait_for("\\e]2;retitled\\x07 billing queue");
    assert!(!String::from_utf8_lossy(&p.raw()).contains("retitled\u{7}"));
    p.signal(libc::SIGTERM);
    let status = p.wait_exit();
    assert!(!status.success(), "{status:?}");
    pty::assert_restored(&p.raw());
    let r = load(&dirs.session_file());
    assert_eq!(r.status, Status::Waiting);
    assert_eq!(r.prep.as_ref().unwrap().file, "ada.md");
    // The file itself may go: the interview keeps its text.
    std::fs::remove_file(&prep).unwrap();

    let mut p = Pty::spawn(&dirs, &["resume"], 80, 23, &[]);
    p.wait_for("Still waiting for the candidate");
    p.wait_for("WAITING 30:00");
    p.send("\x1b");
    p.settle();
    p.send("r");
    p.wait_for("Prep: ada.md");
    p.wait_for("    indented");
    p.type_text("Joined");
    p.wait_for("Joined");
    p.wait_for("left");
    let status = p.quit();
    assert!(status.success(), "{status:?}");
    let r = load(&dirs.session_file());
    assert_eq!(r.status, Status::InProgress);
    assert_eq!(r.question(0).unwrap().1.notes, "Joined");
}
