//! `phonescreen export` through the real binary: golden Markdown, JSON and
//! YAML of a fixture interview with YAML-hostile notes, `--all`, `-o` onto a
//! planted link, and an unknown id.

use crate::cli;

use std::path::Path;

use cli::run;

use chrono::DateTime;
use phonescreen::interview::record::{QuestionState, Recommendation, Record, Status};
use phonescreen::store::testing::sample_record;

fn fixture() -> Record {
    let mut r = sample_record(4, 0);
    r.candidate = "No".into();
    r.role = "12:30".into();
    r.status = Status::Completed;
    r.recommendation = Some(Recommendation::Yes);
    r.summary = "Strong on testing; = weak on git.\nWould hire for the platform team.".into();
    r.ended_at = Some(DateTime::parse_from_rfc3339("2025-03-04T10:45:00+01:00").unwrap());
    let notes = [
        "=",
        "<<\n2024-01-01: shipped the retry budget\n  - idempotency keys",
        "\u{1b}]52;c;cHduZWQ=\u{7}clipboard attempt",
        "",
    ];
    for (i, text) in notes.iter().enumerate() {
        let q = r.question_mut(i).unwrap();
        q.notes = (*text).into();
        q.state = if text.is_empty() {
            QuestionState::Skipped
        } else {
            QuestionState::Asked
        };
        q.rating = (!text.is_empty()).then(|| ["No", "Yes", "Strong yes"][i % 3].into());
    }
    r
}

fn setup(data: &Path) {
    let dir = data.join("sessions");
    std::fs::create_dir_all(&dir).unwrap();
    phonescreen::store::write_record(&dir.join("20250304-101500-no.yaml"), &fixture()).unwrap();
}

#[test]
fn markdown_json_and_yaml_golden() {
    let tmp = tempfile::tempdir().unwrap();
    setup(tmp.path());
    for (format, name) in [
        ("markdown", "export_markdown"),
        ("json", "export_json"),
        ("yaml", "export_yaml"),
    ] {
        let (out, err, code) = run(tmp.path(), &["export", "last", "--format", format]);
        assert_eq!(code, 0, "{err}");
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{7}'),
            "{format}: {out:?}"
        );
        insta::assert_snapshot!(name, out);
    }
    // The same interview by id and by path.
    let (by_id, _, _) = run(tmp.path(), &["export", "20250304-101500-no"]);
    let path = tmp.path().join("sessions/20250304-101500-no.yaml");
    let (by_path, _, _) = run(tmp.path(), &["export", path.to_str().unwrap()]);
    let (last, _, _) = run(tmp.path(), &["export"]);
    assert_eq!((&by_id, &by_path), (&last, &last));
}

#[test]
fn json_and_yaml_read_back_as_the_record() {
    let tmp = tempfile::tempdir().unwrap();
    setup(tmp.path());
    let (json, _, _) = run(tmp.path(), &["export", "last", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["id"], "20250304-101500-no");
    assert_eq!(value["candidate"], "No");
    assert_eq!(value["sections"][0]["questions"][0]["notes"], "=");
    let (yaml, _, _) = run(tmp.path(), &["export", "last", "--format", "yaml"]);
    let from_yaml: serde_json::Value = phonescreen::yaml::from_str(&yaml).unwrap();
    assert_eq!(from_yaml, value);
    let (lines, err, code) = run(tmp.path(), &["export", "--all"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(lines.lines().count(), 1);
    let line: serde_json::Value = serde_json::from_str(lines.trim()).unwrap();
    assert_eq!(line, value);
}

#[test]
fn an_unknown_id_is_exit_1_and_a_planted_link_is_not_followed() {
    let tmp = tempfile::tempdir().unwrap();
    setup(tmp.path());
    let (out, err, code) = run(tmp.path(), &["export", "nobody"]);
    assert_eq!((out.as_str(), code), ("", 1));
    assert!(err.contains("no interview `nobody`"), "{err}");

    // Outside the data folder (`-o` never writes inside it).
    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().join("precious.txt");
    std::fs::write(&target, "keep me").unwrap();
    let link = elsewhere.path().join("scorecard.md");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let (_, err, code) = run(
        tmp.path(),
        &["export", "last", "-o", link.to_str().unwrap()],
    );
    assert_eq!(code, 1);
    assert!(err.contains("symbolic link"), "{err}");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me");

    // A FIFO there is refused at once, not written into (nor waited on).
    let fifo = elsewhere.path().join("fifo.md");
    let c_path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
    let (_, err, code) = run(
        tmp.path(),
        &["export", "last", "-o", fifo.to_str().unwrap()],
    );
    assert_eq!(code, 1);
    assert!(err.contains("not a regular file"), "{err}");

    let file = elsewhere.path().join("out.md");
    let (_, err, code) = run(
        tmp.path(),
        &["export", "last", "-o", file.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{err}");
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&file).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("## Key take-aways")
    );
}

#[test]
fn an_id_exports_the_newer_rescue_copy() {
    let tmp = tempfile::tempdir().unwrap();
    setup(tmp.path());
    // Esc w saved a newer copy in the data folder's rescue folder.
    let rescue = tmp.path().join("rescue");
    std::fs::create_dir_all(&rescue).unwrap();
    let mut newer = fixture();
    newer.summary = "Written after the sessions folder failed.".into();
    let copy = rescue.join("20250304-101500-no.yaml");
    phonescreen::store::write_record(&copy, &newer).unwrap();
    let old = std::fs::metadata(tmp.path().join("sessions/20250304-101500-no.yaml"))
        .unwrap()
        .modified()
        .unwrap();
    let file = std::fs::File::options().write(true).open(&copy).unwrap();
    file.set_modified(old + std::time::Duration::from_secs(60))
        .unwrap();
    let (out, err, code) = run(tmp.path(), &["export", "20250304-101500-no"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("Written after the sessions folder failed."),
        "{out}"
    );
}

#[test]
fn text_and_asked_only_scorecards() {
    let tmp = tempfile::tempdir().unwrap();
    setup(tmp.path());
    let (text, err, code) = run(tmp.path(), &["export", "last", "--format", "text"]);
    assert_eq!(code, 0, "{err}");
    insta::assert_snapshot!("export_text", text);

    // The fixture's fourth question was skipped: left out, and counted.
    let (asked, err, code) = run(tmp.path(), &["export", "last", "--asked-only"]);
    assert_eq!(code, 0, "{err}");
    let (all, _, _) = run(tmp.path(), &["export", "last"]);
    assert!(all.contains("### Question 4") && !asked.contains("Question 4"));
    assert!(asked.contains("### Question 3"), "{asked}");
    assert!(
        asked.contains("Not asked: 1 skipped, 0 not reached."),
        "{asked}"
    );
    assert!(!text.contains("Question 4") && text.contains("Not asked: 1 skipped"));

    // JSON and YAML are the whole record: asking for less is a mistake.
    for format in ["json", "yaml"] {
        let (out, err, code) = run(
            tmp.path(),
            &["export", "last", "--format", format, "--asked-only"],
        );
        assert_eq!((out.as_str(), code), ("", 1));
        assert!(err.contains("--asked-only is for scorecards"), "{err}");
    }
}

/// The text scorecard of `record`, as `export --format text` prints it.
fn text_of(record: &Record) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    std::fs::create_dir_all(&dir).unwrap();
    phonescreen::store::write_record(&dir.join("20250304-101500-x.yaml"), record).unwrap();
    let (text, err, code) = run(tmp.path(), &["export", "last", "--format", "text"]);
    assert_eq!(code, 0, "{err}");
    text
}

fn assert_narrow(text: &str) {
    for line in text.lines() {
        assert!(
            phonescreen::display::width(line) <= 72,
            "{} columns: {line:?}",
            phonescreen::display::width(line)
        );
    }
}

#[test]
fn the_text_scorecard_has_no_markup_and_no_long_line() {
    let mut r = sample_record(6, 0);
    r.status = Status::Completed;
    r.recommendation = Some(Recommendation::StrongYes);
    r.summary = "A clear thinker who tests first and explains trade-offs well, with \
                 examples from two jobs; would hire for the platform team without doubt."
        .into();
    r.scratch = "Asked about the on-call rota.\nWants to start in May.".into();
    for i in 0..6 {
        let q = r.question_mut(i).unwrap();
        q.ask = format!("Question {i}: tell me about a time you used Rust at work");
        q.notes = "Explained the retry budget, then idempotency keys in the payment \
                   service, and how they found the duplicate charges in the logs."
            .repeat(i + 1);
    }
    let text = text_of(&r);
    assert_narrow(&text);
    for markup in ["#", "*", "_", "`", "<", ">", "&", "\\", "|", "~", "[", "]"] {
        assert!(!text.contains(markup), "`{markup}` in:\n{text}");
    }
    assert!(text.contains("Recommendation: Strong yes"), "{text}");
    assert!(text.contains("Other notes:\nAsked about the on-call rota.\nWants to start in May.\n"));
    // Wrapped, never cut between words: the words are all there, in order.
    let words = |s: &str| s.split_whitespace().map(str::to_string).collect::<Vec<_>>();
    assert!(
        words(&text)
            .windows(words(&r.summary).len())
            .any(|w| w == words(&r.summary)),
        "{text}"
    );
}

#[test]
fn the_text_scorecard_keeps_typed_text_as_typed() {
    // Markdown means nothing here: each typed line comes back as it is.
    let typed = [
        "# of services",
        "<script>alert(1)</script>",
        "__init__ and O<Brien> & **bold**",
        "line one\nline two\n  - indented",
        "李雷 · Ångström 李雷李雷李雷李雷李雷李雷李雷李雷李雷李雷李雷李雷李雷李雷李雷李雷李雷李雷李雷李雷",
    ];
    let mut r = sample_record(typed.len(), 0);
    r.candidate = "O<Brien>".into();
    for (i, text) in typed.iter().enumerate() {
        let q = r.question_mut(i).unwrap();
        q.state = QuestionState::Asked;
        q.notes = format!("{text}\u{1b}]52;c;aGk=\u{7}");
    }
    let long = format!("see https://example.com/{} for the log", "x".repeat(100));
    r.question_mut(0)
        .unwrap()
        .notes
        .push_str(&format!("\n{long}"));
    let text = text_of(&r);
    assert_narrow(&text);
    assert!(text.starts_with("O<Brien> — "), "{text}");
    assert!(!text.contains('\u{1b}') && !text.contains('\u{7}'));
    for typed in &typed[..4] {
        assert!(
            text.contains(&format!("{typed}]52;c;aGk=\n")),
            "{typed:?} in:\n{text}"
        );
    }
    // Lines wider than the scorecard wrap: the wide characters by their
    // width, a word longer than a line cut, nothing lost.
    let squeeze = |s: &str| s.split_whitespace().collect::<String>();
    assert!(squeeze(&text).contains(&squeeze(typed[4])), "{text}");
    assert!(squeeze(&text).contains(&squeeze(&long)), "{text}");
}

/// `-o` over an old export on a full disk: the old file stays whole, with
/// its mode, and nothing is left beside it; once there is room, the new
/// export takes its place, still with the old file's mode. (Truncating the
/// old file first, as `-o` once did, frees its room for the first 4 KB of
/// the new export and leaves that, cut off, in its place.)
#[test]
fn output_on_a_full_disk_keeps_the_old_file_whole() {
    use phonescreen::store::full_disk::FullDisk;
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    setup(tmp.path());
    // The newest interview, with more notes than fit in 4 KB.
    let big = tmp.path().join("sessions/20250305-101500-big.yaml");
    phonescreen::store::write_record(&big, &sample_record(10, 1000)).unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let mut disk = FullDisk::new(&elsewhere.path().join("disk"));
    disk.free();
    let old = disk.path().join("all.jsonl");
    let before = "{\"a complete export\": true}\n".repeat(3);
    std::fs::write(&old, &before).unwrap();
    std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o640)).unwrap();
    disk.fill();
    let args = [
        "export",
        "last",
        "--format",
        "json",
        "-o",
        old.to_str().unwrap(),
    ];
    let (_, err, code) = cli::run_with(tmp.path(), &args, &disk.env(), None);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("the disk is full"), "{err}");
    assert!(err.contains("the file is as it was"), "{err}");
    assert_eq!(std::fs::read_to_string(&old).unwrap(), before);
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&old), 0o640);
    let mut names: Vec<String> = std::fs::read_dir(disk.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n != "filler")
        .collect();
    names.sort();
    assert_eq!(names, ["all.jsonl"], "no temp file is left");

    disk.free();
    let (_, err, code) = cli::run_with(tmp.path(), &args, &disk.env(), None);
    assert_eq!(code, 0, "{err}");
    let after = std::fs::read_to_string(&old).unwrap();
    assert!(after.contains("\"export_format\""), "{after}");
    assert_eq!(mode(&old), 0o640, "the user's mode is kept");
}

/// `-o` never writes into phonescreen's own folders, however the path gets
/// there, nor onto anything but a regular file; each refusal says what to
/// do, and leaves what was there as it was.
#[test]
fn output_refuses_the_data_folder_and_what_is_not_a_file() {
    let tmp = tempfile::tempdir().unwrap();
    setup(tmp.path());
    let data = tmp.path();
    let sessions = data.join("sessions");
    let interview = sessions.join("20250304-101500-no.yaml");
    let journal = sessions.join(".20250304-101500-no.yaml.journal");
    std::fs::write(&journal, "").unwrap();
    let (_, _, code) = run(data, &["sessions", "list"]);
    assert_eq!(code, 0);
    let index = sessions.join(phonescreen::review::index::INDEX_FILE);
    assert!(index.exists());
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::create_dir(elsewhere.path().join("sub")).unwrap();
    let linked = elsewhere.path().join("linked");
    std::os::unix::fs::symlink(&sessions, &linked).unwrap();
    let before = |p: &Path| std::fs::read(p).unwrap();
    let saved = [
        (&interview, before(&interview)),
        (&journal, before(&journal)),
        (&index, before(&index)),
    ];
    let inside = [
        interview.clone(),
        journal.clone(),
        index.clone(),
        sessions.join("new.md"),
        elsewhere
            .path()
            .join("sub/../linked/20250304-101500-no.yaml"),
        linked.join(".review-index.json"),
    ];
    for target in &inside {
        let (out, err, code) = run(data, &["export", "last", "-o", target.to_str().unwrap()]);
        assert_eq!((out.as_str(), code), ("", 1), "{target:?}: {err}");
        assert!(
            err.contains("where phonescreen keeps the saved interviews")
                && err.contains("outside it"),
            "{target:?}: {err}"
        );
    }
    for (path, bytes) in saved {
        assert_eq!(std::fs::read(path).unwrap(), bytes, "{path:?} is untouched");
    }
    assert!(!sessions.join("new.md").exists());

    let folder = elsewhere.path().join("sub");
    let (_, err, code) = run(data, &["export", "last", "-o", folder.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        err.contains("it is a folder; name a file inside it"),
        "{err}"
    );
    let (_, err, code) = run(data, &["export", "last", "-o", "/dev/null"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("a device") && err.contains("pipe standard output"),
        "{err}"
    );
    let missing = elsewhere.path().join("nowhere/x.md");
    let (_, err, code) = run(data, &["export", "last", "-o", missing.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("does not exist; create it first"), "{err}");

    // An interview exported from a copy outside the data folder, onto itself.
    let copy = elsewhere.path().join("copy.yaml");
    std::fs::copy(&interview, &copy).unwrap();
    let copy_text = copy.to_str().unwrap();
    let (_, err, code) = run(data, &["export", copy_text, "-o", copy_text]);
    assert_eq!(code, 1);
    assert!(err.contains("the file being read"), "{err}");
    assert_eq!(
        std::fs::read(&copy).unwrap(),
        std::fs::read(&interview).unwrap()
    );
}
