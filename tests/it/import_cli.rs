//! `phonescreen import`, a backup that restores, through the real binary:
//! `export --all` into an empty archive gives the same interviews back; a
//! second import skips them; an older copy never replaces a newer one; a
//! damaged line is named and skipped with exit status 1; an id that would
//! leave the sessions folder is refused; a link at an interview's name is
//! replaced, not written through.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use crate::cli::{self, Output};

use chrono::DateTime;
use phonescreen::interview::record::{Prep, Recommendation, Record, Status};
use phonescreen::store::{self, testing::sample_record};

/// Runs `phonescreen args` on the data folder `data`, with `input` on its
/// standard input.
fn run(data: &Path, args: &[&str], input: &[u8]) -> Output {
    cli::on_data(data, args).input(input).output()
}

/// Four interviews, one of each status, with what format 2 added (opened
/// before the call, a prep, the bank's advice) and text YAML readers trip on.
fn archive() -> Vec<(&'static str, Record)> {
    let mut completed = sample_record(6, 300);
    completed.candidate = "No".into();
    completed.role = "12:30".into();
    completed.status = Status::Completed;
    completed.recommendation = Some(Recommendation::Yes);
    completed.summary = "= strong\n\u{1b}]52;c;aGk=\u{7} pasted".into();
    completed.ended_at = Some(DateTime::parse_from_rfc3339("2025-03-04T10:45:00+01:00").unwrap());
    completed.revision = 812;

    let mut waiting = sample_record(3, 0);
    waiting.candidate = "Grace Hopper".into();
    waiting.status = Status::Waiting;
    waiting.opened_at = Some(waiting.started_at);
    waiting.prep = Some(Prep {
        file: "grace.md".into(),
        text: "# Resume\n- COBOL\n".into(),
    });
    waiting.bank.description = Some("Skim the resume first.".into());
    waiting.revision = 2;

    let mut no_show = sample_record(2, 0);
    no_show.candidate = "Nobody".into();
    no_show.status = Status::NoShow;
    no_show.ended_at = Some(no_show.started_at);
    no_show.revision = 5;

    let mut in_progress = sample_record(13, 2000);
    in_progress.candidate = "Ada Lovelace".into();
    in_progress.paused = true;
    in_progress.revision = 40;

    vec![
        ("20250304-101500-no", completed),
        ("20250305-090000-grace-hopper", waiting),
        ("20250306-140000-nobody", no_show),
        ("20250307-163000-ada-lovelace", in_progress),
    ]
}

fn fill(data: &Path, records: &[(&str, Record)]) {
    let sessions = data.join("sessions");
    fs::create_dir_all(&sessions).unwrap();
    for (id, record) in records {
        store::write_record(&sessions.join(format!("{id}.yaml")), record).unwrap();
    }
}

fn load(data: &Path, id: &str) -> Record {
    store::load(&data.join(format!("sessions/{id}.yaml")))
        .unwrap_or_else(|e| panic!("{id} does not load: {e}"))
}

fn export_all(data: &Path) -> String {
    let out = run(data, &["export", "--all"], b"");
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.stdout
}

#[test]
fn export_all_then_import_into_an_empty_archive_gives_the_same_interviews() {
    let from = tempfile::tempdir().unwrap();
    let records = archive();
    fill(from.path(), &records);
    let backup = export_all(from.path());

    let to = tempfile::tempdir().unwrap();
    let out = run(to.path(), &["import", "-"], backup.as_bytes());
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert_eq!(out.stderr, "");
    for (id, _) in &records {
        assert_eq!(load(to.path(), id), load(from.path(), id), "{id}");
        assert!(
            out.stdout
                .lines()
                .any(|l| l.starts_with(&format!("added {id}: "))),
            "{id} is not said to be added:\n{}",
            out.stdout
        );
        let mode = fs::metadata(to.path().join(format!("sessions/{id}.yaml")))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "{id}");
    }
    assert!(
        out.stdout
            .ends_with("4 added, 0 replaced, 0 skipped, 0 refused\n"),
        "{}",
        out.stdout
    );
    // The restored archive exports as the original did.
    assert_eq!(export_all(to.path()), backup);
}

#[test]
fn importing_the_same_backup_again_skips_every_interview() {
    let data = tempfile::tempdir().unwrap();
    fill(data.path(), &archive());
    let backup = export_all(data.path());
    let before = fs::read(data.path().join("sessions/20250304-101500-no.yaml")).unwrap();
    let out = run(data.path(), &["import", "-"], backup.as_bytes());
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert_eq!(
        out.stdout
            .lines()
            .filter(|l| l.ends_with(": already in the archive"))
            .count(),
        4,
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .ends_with("0 added, 0 replaced, 4 skipped, 0 refused\n")
    );
    let after = fs::read(data.path().join("sessions/20250304-101500-no.yaml")).unwrap();
    assert_eq!(before, after, "a skipped interview was rewritten");
}

#[test]
fn an_older_copy_never_replaces_a_newer_one_and_a_newer_one_does() {
    let data = tempfile::tempdir().unwrap();
    let (id, old) = archive().remove(0);
    fill(data.path(), &[(id, old.clone())]);
    let old_export = run(data.path(), &["export", id, "--format", "json"], b"").stdout;

    // The archive's copy moves on after the backup was taken.
    let mut newer = old.clone();
    newer.revision += 3;
    newer.summary.push_str("\nAmended after the debrief.");
    newer.updated_at += chrono::Duration::hours(1);
    fill(data.path(), &[(id, newer.clone())]);
    let out = run(data.path(), &["import", "-"], old_export.as_bytes());
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stdout.starts_with(&format!(
            "skipped {id}: the archive's copy (revision 815, saved 2025-03-04 11:27:00 +01:00) is not older than this one (revision 812, saved 2025-03-04 10:27:00 +01:00); kept the archive's\n"
        )),
        "{}",
        out.stdout
    );
    assert_eq!(load(data.path(), id), newer);

    // The other way round, the import's newer copy replaces the archive's.
    let newer_export = run(data.path(), &["export", id, "--format", "yaml"], b"").stdout;
    fill(data.path(), &[(id, old.clone())]);
    let out = run(data.path(), &["import", "-"], newer_export.as_bytes());
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stdout.starts_with(&format!(
            "replaced {id}: the archive's copy (revision 812, "
        )),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .ends_with("0 added, 1 replaced, 0 skipped, 0 refused\n")
    );
    assert_eq!(load(data.path(), id), newer);
}

#[test]
fn a_damaged_line_is_named_and_skipped_and_fails_the_import() {
    let from = tempfile::tempdir().unwrap();
    fill(from.path(), &archive());
    let backup = export_all(from.path());
    let mut lines: Vec<&str> = backup.lines().collect();
    // Line 2 cut short, as a full disk leaves it.
    let cut = &lines[1][..lines[1].len() / 2];
    lines[1] = cut;
    let damaged = lines.join("\n") + "\n";
    let file = from.path().join("backup.jsonl");
    fs::write(&file, damaged).unwrap();

    let to = tempfile::tempdir().unwrap();
    let out = run(to.path(), &["import", file.to_str().unwrap()], b"");
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    let prefix = format!("phonescreen: refused {}:2:", file.display());
    assert!(
        out.stderr.starts_with(&prefix)
            && out.stderr.contains("not a line of JSON (EOF while parsing")
            && out.stderr.contains("fix or remove this line"),
        "{}",
        out.stderr
    );
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    assert!(
        out.stdout
            .ends_with("3 added, 0 replaced, 0 skipped, 1 refused\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn an_id_that_would_leave_the_sessions_folder_is_refused() {
    let from = tempfile::tempdir().unwrap();
    let (id, record) = archive().remove(2);
    fill(from.path(), &[(id, record)]);
    let line = export_all(from.path());
    let escaping = line.replace(&format!("\"id\":\"{id}\""), "\"id\":\"../x\"");
    assert_ne!(escaping, line, "the id was not replaced");

    let to = tempfile::tempdir().unwrap();
    let data = to.path().join("data");
    fs::create_dir(&data).unwrap();
    let out = run(&data, &["import", "-"], escaping.as_bytes());
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stderr.starts_with(
            "phonescreen: refused <stdin>:1: the id `../x` is not an interview id: it holds `/`, which would save it outside the sessions folder"
        ),
        "{}",
        out.stderr
    );
    assert!(!data.join("x.yaml").exists());
    assert!(!to.path().join("x.yaml").exists());
    assert!(
        out.stdout
            .ends_with("0 added, 0 replaced, 0 skipped, 1 refused\n")
    );
}

#[test]
fn an_interview_that_would_not_open_is_refused() {
    let from = tempfile::tempdir().unwrap();
    let (id, record) = archive().remove(1);
    fill(from.path(), &[(id, record)]);
    let line = export_all(from.path());
    let mut value: serde_json::Value = serde_json::from_str(&line).unwrap();
    value["planned_minutes"] = serde_json::json!(0);
    let newer_format = {
        let mut v: serde_json::Value = serde_json::from_str(&line).unwrap();
        v["export_format"] = serde_json::json!(99);
        v
    };
    let input = format!("{value}\n{newer_format}\n[1, 2]\n");
    let to = tempfile::tempdir().unwrap();
    let out = run(to.path(), &["import", "-"], input.as_bytes());
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    let refusals: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(
        refusals,
        [
            "phonescreen: refused <stdin>:1 (20250305-090000-grace-hopper): not an interview phonescreen can open: planned_minutes is 0; it must be from 1 to 480",
            "phonescreen: refused <stdin>:2: export_format 99 is newer than this phonescreen reads (1); import it with a newer phonescreen",
            "phonescreen: refused <stdin>:3: expected an exported interview (a JSON object), found a list; import reads what `phonescreen export` writes",
        ]
    );
    assert!(
        !to.path()
            .join("sessions")
            .join(format!("{id}.yaml"))
            .exists()
    );
}

#[test]
fn a_link_at_the_interviews_name_is_replaced_not_written_through() {
    let data = tempfile::tempdir().unwrap();
    let (id, record) = archive().remove(0);
    fill(data.path(), &[(id, record.clone())]);
    let json = run(data.path(), &["export", id, "--format", "json"], b"").stdout;

    // The archive holds a link to an older copy kept elsewhere.
    let mut older = record;
    older.revision -= 1;
    let elsewhere = data.path().join("elsewhere.yaml");
    store::write_record(&elsewhere, &older).unwrap();
    let before = fs::read(&elsewhere).unwrap();
    let at = data.path().join(format!("sessions/{id}.yaml"));
    fs::remove_file(&at).unwrap();
    std::os::unix::fs::symlink(&elsewhere, &at).unwrap();

    let out = run(data.path(), &["import", "-"], json.as_bytes());
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stdout.starts_with(&format!("replaced {id}: ")),
        "{}",
        out.stdout
    );
    assert_eq!(
        fs::read(&elsewhere).unwrap(),
        before,
        "written through the link"
    );
    let meta = fs::symlink_metadata(&at).unwrap();
    assert!(meta.file_type().is_file(), "the link is still there");
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);
}

#[test]
fn a_file_of_one_json_or_yaml_export_imports() {
    let from = tempfile::tempdir().unwrap();
    let records = archive();
    fill(from.path(), &records);
    for (format, (id, _)) in ["json", "yaml"].iter().zip(&records) {
        let export = run(from.path(), &["export", id, "--format", format], b"").stdout;
        let file = from.path().join(format!("one.{format}"));
        fs::write(&file, export).unwrap();
        let to = tempfile::tempdir().unwrap();
        let out = run(to.path(), &["import", file.to_str().unwrap()], b"");
        assert_eq!(out.code, 0, "{format}: {}{}", out.stdout, out.stderr);
        assert_eq!(load(to.path(), id), load(from.path(), id), "{format}");
    }
}
