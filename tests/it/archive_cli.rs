//! A sessions folder that cannot be read is never an empty archive: every
//! command that reads it stops with an error that names the folder and says
//! what to do, with an exit status other than 0, and prints nothing on
//! standard output (no `[]`, no "Nothing to delete."). A single file that
//! cannot be read is named on standard error, and `export --all` exits 3
//! for it.

use crate::cli;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use cli::{run, run_with};
use phonescreen::store::testing::sample_record;

const ID: &str = "20250304-101500-ada";

/// Every command that reads the archive.
const COMMANDS: &[&[&str]] = &[
    &["sessions", "list"],
    &["sessions", "list", "--json"],
    &["sessions", "delete", ID, "--yes"],
    &["sessions", "delete", ID, "--dry-run"],
    &["sessions", "purge", "--older-than", "1d", "--yes"],
    &["sessions", "purge", "--older-than", "1d", "--dry-run"],
    &["export"],
    &["export", "last"],
    &["export", ID],
    &["export", "--all"],
    &["compare"],
    &["report"],
    &["resume"],
    &["resume", ID],
    &["review"],
];

fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn save(sessions: &Path, id: &str) {
    let path = sessions.join(format!("{id}.yaml"));
    phonescreen::store::write_record(&path, &sample_record(2, 10)).unwrap();
}

/// Runs every command and checks that each refuses, naming `sessions` and
/// saying `why`.
fn every_command_refuses(data: &Path, sessions: &Path, ids: Option<(u32, u32)>, why: &str) {
    for args in COMMANDS {
        let (out, err, code) = run_with(data, args, &[], ids);
        assert_ne!(code, 0, "{args:?} exits 0:\n{out}{err}");
        assert_eq!(
            out, "",
            "{args:?} prints as if all were well; stderr:\n{err}"
        );
        assert!(
            err.contains(&sessions.display().to_string()),
            "{args:?} does not name the folder:\n{err}"
        );
        assert!(err.contains(why), "{args:?} does not say {why:?}:\n{err}");
        assert!(
            err.contains("--data-dir"),
            "{args:?} does not say what to do:\n{err}"
        );
    }
}

#[test]
fn a_sessions_folder_that_is_a_file_is_an_error_for_every_command() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path();
    let sessions = data.join("sessions");
    std::fs::write(&sessions, "not a folder").unwrap();
    every_command_refuses(data, &sessions, None, "not a folder");
    assert_eq!(std::fs::read_to_string(&sessions).unwrap(), "not a folder");
}

#[test]
fn a_sessions_folder_another_user_cannot_read_is_an_error_for_every_command() {
    let ids = match cli::nobody() {
        Ok(ids) => ids,
        Err(why) => {
            println!("skipped: {why}");
            return;
        }
    };
    let tmp = tempfile::tempdir().unwrap();
    chmod(tmp.path(), 0o755);
    let data = tmp.path().join("data");
    let sessions = data.join("sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    chmod(&data, 0o755);
    chmod(&sessions, 0o700);
    save(&sessions, ID);
    every_command_refuses(&data, &sessions, Some(ids), "belongs to another user");
    assert!(sessions.join(format!("{ID}.yaml")).exists());
}

#[test]
fn export_all_names_each_file_it_skips_and_exits_3() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path();
    let sessions = data.join("sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    save(&sessions, "20250304-101500-ada");
    save(&sessions, "20250305-101500-bob");
    let (out, err, code) = run(data, &["export", "--all"]);
    assert_eq!((code, out.lines().count()), (0, 2), "{err}");

    let damaged = sessions.join("20250306-101500-eve.yaml");
    std::fs::write(&damaged, "format: 2\ncandidate: [").unwrap();
    let (out, err, code) = run(data, &["export", "--all"]);
    assert_eq!(code, 3, "{err}");
    assert_eq!(out.lines().count(), 2, "the others are exported:\n{out}");
    assert!(err.contains(&damaged.display().to_string()), "{err}");
    assert!(err.contains("1 file skipped"), "{err}");

    // Outside the data folder, where -o may write.
    let elsewhere = tempfile::tempdir().unwrap();
    let file = elsewhere.path().join("all.jsonl");
    let (_, err, code) = run(data, &["export", "--all", "-o", file.to_str().unwrap()]);
    assert_eq!(code, 3, "{err}");
    assert_eq!(std::fs::read_to_string(&file).unwrap().lines().count(), 2);

    // The status is documented where scripts look.
    let (help, _, _) = run(data, &["export", "--help"]);
    assert!(help.contains("exit status 3"), "{help}");
}

/// A file of the archive that the user cannot read, beside ones they can:
/// named, skipped, exit 3.
#[test]
fn export_all_skips_a_file_it_may_not_read() {
    let ids = match cli::nobody() {
        Ok(ids) => ids,
        Err(why) => {
            println!("skipped: {why}");
            return;
        }
    };
    let tmp = tempfile::tempdir().unwrap();
    chmod(tmp.path(), 0o755);
    let data = tmp.path().join("data");
    let sessions = data.join("sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    chmod(&data, 0o755);
    chmod(&sessions, 0o755);
    save(&sessions, "20250304-101500-ada");
    save(&sessions, "20250305-101500-bob");
    for id in ["20250304-101500-ada", "20250305-101500-bob"] {
        chmod(&sessions.join(format!("{id}.yaml")), 0o644);
    }
    let (out, err, code) = run_with(&data, &["export", "--all"], &[], Some(ids));
    assert_eq!((code, out.lines().count()), (0, 2), "{err}");
    chmod(&sessions.join("20250305-101500-bob.yaml"), 0o600);
    let (out, err, code) = run_with(&data, &["export", "--all"], &[], Some(ids));
    assert_eq!(code, 3, "{err}");
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(err.contains("20250305-101500-bob.yaml"), "{err}");
    assert!(err.contains("permission denied"), "{err}");
}

/// `phonescreen … | head`: when the reader of standard output goes away,
/// the command ends quietly with the status of one ended by SIGPIPE (141),
/// never "Broken pipe" on the terminal, and never 0 (the output is not whole).
#[test]
fn a_reader_that_goes_away_ends_the_command_quietly() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let sessions = data.join("sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    for i in 0..3 {
        save(&sessions, &format!("2025030{i}-101500-ada"));
    }
    for args in [
        &["export", "--all"][..],
        &["sessions", "list"],
        &["compare", "--json"],
        &["export", "last"],
    ] {
        let (reader, writer) = std::io::pipe().unwrap();
        // The reader is gone before the first byte is written.
        drop(reader);
        let mut run = cli::on_data(&data, args);
        run.command().stdout(writer);
        let out = run.output();
        let err = out.stderr;
        assert_eq!(out.code, 141, "{args:?}: {err}");
        assert!(!err.contains("Broken pipe"), "{args:?}: {err}");
    }
}
