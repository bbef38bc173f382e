use super::*;
use crate::store::testing::{sample_notes, sample_record};
use crate::store::to_yaml;
use proptest::prelude::*;

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, text).unwrap();
    path
}

fn problem(path: &Path) -> LoadProblem {
    load(path).unwrap_err().problem
}

#[test]
fn round_trips_through_the_saved_text() {
    let record = sample_record(30, 2000);
    let text = to_yaml(&record).unwrap();
    assert!(text.ends_with(&format!("\n{END_MARKER}\n")));
    assert_eq!(parse(&text).unwrap(), record);
}

#[test]
fn a_file_cut_anywhere_is_never_taken_for_an_interview() {
    let mut record = sample_record(3, 120);
    record.summary = "A block\nof summary\ntext".to_string();
    let text = to_yaml(&record).unwrap();
    let end = text.len() - END_MARKER.len() - 1;
    for cut in (0..end).filter(|&i| text.is_char_boundary(i)) {
        assert!(parse(&text[..cut]).is_err(), "cut at {cut} loaded");
    }
}

#[test]
fn says_what_is_wrong_with_each_kind_of_file() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let text = to_yaml(&sample_record(3, 100)).unwrap();
    let half = (0..=text.len() / 2)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap();
    let cut = write(dir, "cut.yaml", &text[..half]);
    assert!(
        load(&cut).unwrap_err().to_string().contains("damaged"),
        "{}",
        load(&cut).unwrap_err()
    );
    let garbage = write(dir, "garbage.yaml", "format: [1\n  candidate: {\n");
    let LoadProblem::Damaged(msg) = problem(&garbage) else {
        panic!("{:?}", problem(&garbage))
    };
    assert!(msg.starts_with("line "), "{msg}");
    let bank = write(dir, "bank.yaml", "name: Phone screen\nsections: []\n");
    assert!(matches!(problem(&bank), LoadProblem::NotInterview(m) if m.contains("question bank")));
    let list = write(dir, "list.yaml", "- 1\n- 2\n");
    assert!(matches!(problem(&list), LoadProblem::NotInterview(_)));
    let blank = write(dir, "blank.yaml", "\n  \n");
    assert!(matches!(problem(&blank), LoadProblem::NotInterview(_)));
    let binary = dir.join("binary.yaml");
    fs::write(&binary, [0xff, 0xfe, 0x00]).unwrap();
    assert!(matches!(problem(&binary), LoadProblem::Damaged(m) if m.contains("UTF-8")));
    let missing = dir.join("missing.yaml");
    assert!(matches!(problem(&missing), LoadProblem::NotAFile(_)));
    let err = load(&missing).unwrap_err().to_string();
    assert!(
        err.starts_with(&format!("cannot open {}: ", missing.display())),
        "{err}"
    );
}

#[test]
fn an_empty_or_zeroed_file_says_a_crash_or_power_cut_cut_it_short() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let empty = write(dir, "20250101-100000-ada.yaml", "");
    let words = problem(&empty).to_string();
    assert_eq!(
        words,
        "it is empty (0 bytes), probably cut short by a crash or power cut while it was \
         being written; there is nothing in it to recover; delete it to stop this warning"
    );
    assert!(!words.contains("not a phonescreen interview"), "{words}");
    // The quick header read of a listing says the same.
    assert_eq!(
        summarize(&empty, false).unwrap_err().problem.to_string(),
        words
    );
    // XFS and others can leave the file's length with zeros for its data.
    let zeroed = dir.join("20250101-110000-ada.yaml");
    fs::write(&zeroed, [0u8; 4096]).unwrap();
    assert!(
        problem(&zeroed)
            .to_string()
            .starts_with("it holds only zero bytes (4096 of them), probably cut short by a crash"),
        "{}",
        problem(&zeroed)
    );
    // A journal beside it may hold the last changes: say where.
    let journal = crate::store::journal::journal_path(&empty);
    fs::write(&journal, "\n{}\n").unwrap();
    let words = problem(&empty).to_string();
    assert!(
        words.ends_with(&format!(
            "the changes typed last may still be in its journal, {}",
            journal.display()
        )),
        "{words}"
    );
}

#[test]
fn a_complete_but_invalid_interview_says_why() {
    let tmp = tempfile::tempdir().unwrap();
    let mut record = sample_record(3, 10);
    record.current_question = 99;
    let path = write(tmp.path(), "a.yaml", &to_yaml(&record).unwrap());
    assert!(matches!(problem(&path), LoadProblem::Invalid(m) if m.contains("current_question")));
    let text = to_yaml(&sample_record(3, 10))
        .unwrap()
        .replace("candidate:", "candidat:");
    let path = write(tmp.path(), "b.yaml", &text);
    assert!(matches!(problem(&path), LoadProblem::Damaged(m) if m.contains("candidate")));
}

#[test]
fn listing_is_newest_first_and_skips_temps_and_dotfiles() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let mut old = sample_record(2, 10);
    old.candidate = "Old".into();
    let mut new = sample_record(2, 10);
    new.candidate = "New".into();
    new.started_at = old.started_at + chrono::Duration::days(1);
    new.status = Status::Completed;
    new.recommendation = Some(Recommendation::StrongYes);
    write(dir, "1-old.yaml", &to_yaml(&old).unwrap());
    write(dir, "2-new.yaml", &to_yaml(&new).unwrap());
    write(dir, ".2-new.yaml.tmp-1", "half");
    write(dir, ".hidden.yaml", "junk");
    write(dir, "notes.txt", "junk");
    write(dir, "2-new.lock", "1");
    fs::create_dir(dir.join("folder.yaml")).unwrap();
    let listing = list(dir);
    assert_eq!(listing.problems, vec![]);
    let names: Vec<_> = listing
        .sessions
        .iter()
        .map(|s| s.candidate.as_str())
        .collect();
    assert_eq!(names, ["New", "Old"]);
    let newest = &listing.sessions[0];
    assert_eq!(newest.id, "2-new");
    assert_eq!(
        (newest.question_count, newest.asked_count),
        (Some(2), Some(1))
    );
    let json = serde_json::to_value(newest).unwrap();
    assert_eq!(json["id"], "2-new");
    assert_eq!(json["status"], "completed");
    assert_eq!(json["recommendation"], "Strong yes");
    assert_eq!(json["started_at"], "2025-03-05T10:15:00+01:00");
    assert_eq!(json["role"], "Backend engineer");
    assert!(json.get("record").is_none());
    let json = serde_json::to_value(&listing.sessions[1]).unwrap();
    assert_eq!(json["recommendation"], serde_json::Value::Null);
    assert_eq!(json["status"], "in_progress");
}

#[test]
fn a_missing_folder_is_an_empty_listing() {
    let tmp = tempfile::tempdir().unwrap();
    let listing = list(&tmp.path().join("nope"));
    assert!(listing.sessions.is_empty() && listing.problems.is_empty());
    assert!(newest_resumable(&tmp.path().join("nope")).is_none());
    let found = files(&tmp.path().join("nope"));
    assert!(found.files.is_empty() && found.problem.is_none());
}

#[test]
fn resumable_means_in_progress_and_not_open_elsewhere() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let mut done = sample_record(2, 10);
    done.status = Status::Completed;
    write(dir, "done.yaml", &to_yaml(&done).unwrap());
    let open = write(dir, "open.yaml", &to_yaml(&sample_record(2, 10)).unwrap());
    write(dir, "free.yaml", &to_yaml(&sample_record(2, 10)).unwrap());
    let _lock = crate::store::SessionLock::acquire(&open).unwrap();
    assert_eq!(newest_resumable(dir).map(|s| s.id).as_deref(), Some("free"));
    drop(_lock);
    assert_eq!(newest_resumable(dir).map(|s| s.id).as_deref(), Some("open"));
}

#[test]
fn a_header_read_agrees_with_a_whole_read() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let mut done = sample_record(5, 3000);
    done.status = Status::Completed;
    done.recommendation = Some(Recommendation::No);
    done.candidate = "No".into();
    let path = write(dir, "done.yaml", &to_yaml(&done).unwrap());
    let quick = summarize(&path, false).unwrap();
    let whole = SessionSummary::new(path.clone(), &load(&path).unwrap());
    assert_eq!(quick.question_count, None);
    assert_eq!(
        SessionSummary {
            question_count: whole.question_count,
            asked_count: whole.asked_count,
            ..quick
        },
        whole
    );
    // An older file, with the recommendation after the notes, is read whole.
    let text = to_yaml(&done)
        .unwrap()
        .replace("recommendation: \"No\"\n", "")
        .replace("summary:", "recommendation: \"No\"\nsummary:");
    let old = write(dir, "old.yaml", &text);
    let summary = summarize(&old, false).unwrap();
    assert_eq!(summary.recommendation, Some(Recommendation::No));
    assert_eq!(summary.question_count, Some(5));
}

#[test]
fn files_are_newest_first_and_know_their_journals() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    for name in [
        "20250101-090000-a.yaml",
        "20250301-090000-c.yaml",
        "20250201-090000-b.yaml",
    ] {
        write(dir, name, "x");
    }
    write(dir, ".20250201-090000-b.yaml.journal", "");
    write(dir, ".20250201-090000-b.yaml.tmp-1", "");
    // An amendment draft is neither an interview nor a journal.
    write(dir, ".20250101-090000-a.yaml.amend", "\n{}\n");
    let found = files(dir);
    let names: Vec<_> = found
        .files
        .iter()
        .map(|(p, j)| (p.file_name().unwrap().to_string_lossy().into_owned(), *j))
        .collect();
    assert_eq!(
        names,
        [
            ("20250301-090000-c.yaml".to_string(), false),
            ("20250201-090000-b.yaml".to_string(), true),
            ("20250101-090000-a.yaml".to_string(), false)
        ]
    );
}

#[test]
fn a_fifo_or_a_device_is_refused_not_read() {
    let tmp = tempfile::tempdir().unwrap();
    let fifo = tmp.path().join("fifo.yaml");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: mkfifo with a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let started = std::time::Instant::now();
    assert_eq!(
        problem(&fifo),
        LoadProblem::NotAFile("it is a FIFO (named pipe), not a file".into())
    );
    assert!(summarize(&fifo, false).is_err());
    assert_eq!(
        problem(Path::new("/dev/zero")),
        LoadProblem::NotAFile("it is a character device, not a file".into())
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(1));
    // Listed as a problem, the other interviews still listed.
    write(
        tmp.path(),
        "good.yaml",
        &to_yaml(&sample_record(2, 10)).unwrap(),
    );
    let listing = list(tmp.path());
    assert_eq!(listing.sessions.len(), 1);
    assert_eq!(
        listing.problems,
        vec![(fifo, "it is a FIFO (named pipe), not a file".to_string())]
    );
}

#[test]
fn a_link_to_nothing_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let link = tmp.path().join("a.yaml");
    std::os::unix::fs::symlink("/nonexistent/a.yaml", &link).unwrap();
    assert_eq!(
        problem(&link).to_string(),
        "it is a symbolic link to /nonexistent/a.yaml, which does not exist"
    );
    // A data folder that is a link to nothing is not "no interviews yet".
    let data = tmp.path().join("data");
    std::os::unix::fs::symlink("/nonexistent/data", &data).unwrap();
    let found = files(&data.join("sessions"));
    let (path, why) = found.problem.expect("the broken link is reported");
    assert_eq!(path, data.join("sessions"));
    assert_eq!(
        why,
        format!(
            "cannot read the folder: {} is a symbolic link to /nonexistent/data, which does not exist",
            data.display()
        )
    );
    assert_eq!(list(&data.join("sessions")).problems.len(), 1);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Whatever is typed comes back exactly: notes must never be lost.
    #[test]
    fn any_notes_round_trip(notes in any::<String>(), summary in any::<String>()) {
        let mut record = sample_record(1, 0);
        record.sections[0].questions[0].notes = notes;
        record.summary = summary;
        record.scratch = sample_notes(50, 1);
        let text = to_yaml(&record).unwrap();
        prop_assert_eq!(parse(&text).unwrap(), record);
    }
}

#[test]
fn awkward_notes_round_trip() {
    let awkward = [
        "",
        " ",
        "\n",
        "\n\n\n",
        "trailing\n\n",
        " leading",
        "\r\n",
        "a\rb",
        "\t",
        "\0",
        "\u{7f}",
        "\u{85}",
        "\u{a0}",
        "\u{2028}\u{2029}",
        "\u{feff}bom",
        "---",
        "...",
        "--- \n...\n",
        "~",
        "null",
        "yes",
        "no",
        "on",
        "0x1F",
        "1e3",
        "0o17",
        ".inf",
        "-",
        "? key",
        ": x",
        "- item",
        "!tag",
        "&anchor",
        "*alias",
        "|",
        ">",
        "%YAML",
        "@",
        "`",
        "\"",
        "'",
        "#",
        "a #b",
        "a: b",
        "{",
        "[",
        "\u{10ffff}",
        "\u{1f600}",
        "\u{e000}",
        "\\",
        "\\n",
        "     indented\n   less\n",
        "x\n  y\n\tz\n",
    ];
    for notes in awkward {
        let mut record = sample_record(1, 0);
        record.sections[0].questions[0].notes = notes.to_string();
        record.summary = notes.repeat(3);
        let text = to_yaml(&record).unwrap();
        assert_eq!(parse(&text).unwrap(), record, "notes {notes:?}\n{text}");
    }
}
