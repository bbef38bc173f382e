use super::*;
use crate::store::testing::sample_record;
use std::os::unix::fs::PermissionsExt;

fn save(dir: &Path, name: &str, candidate: &str, notes: &str, day: u32) -> PathBuf {
    let mut r = sample_record(3, 0);
    r.candidate = candidate.into();
    r.started_at =
        DateTime::parse_from_rfc3339(&format!("2025-03-{day:02}T10:00:00+01:00")).unwrap();
    r.question_mut(1).unwrap().notes = notes.into();
    let path = dir.join(format!("{name}.yaml"));
    store::write_record(&path, &r).unwrap();
    path
}

fn candidates(archive: &Archive) -> Vec<String> {
    archive
        .items
        .iter()
        .map(|i| match &i.summary {
            Ok(s) => s.candidate.clone(),
            Err(_) => format!("damaged {}", i.id),
        })
        .collect()
}

#[test]
fn a_cold_index_reads_every_file_and_a_warm_one_none() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    save(dir, "a", "Ada", "retry budget", 2);
    save(dir, "b", "Grace", "jitter", 3);
    std::fs::write(dir.join("c.yaml"), "not: [an interview").unwrap();
    let mut calls = Vec::new();
    let (archive, report) = Archive::refresh(dir, |done, total| calls.push((done, total)));
    assert_eq!(candidates(&archive), ["Grace", "Ada", "damaged c"]);
    assert_eq!((report.read, report.reused, report.dropped), (3, 0, 0));
    assert_eq!(calls, [(1, 3), (2, 3), (3, 3)]);
    assert!(report.save_problem.is_none());
    let mode = std::fs::metadata(dir.join(INDEX_FILE))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);

    let (again, report) = Archive::refresh(dir, |_, _| panic!("nothing to read"));
    assert_eq!((report.read, report.reused, report.dropped), (0, 3, 0));
    assert_eq!(again.items, archive.items);
}

#[test]
fn files_added_changed_and_deleted_behind_its_back_are_noticed() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    save(dir, "a", "Ada", "retry budget", 2);
    let b = save(dir, "b", "Grace", "jitter", 3);
    Archive::refresh(dir, |_, _| {});

    save(dir, "c", "Linus", "kernel", 4); // added
    save(dir, "a", "Ada", "a different note of the same length??", 2); // changed
    std::fs::remove_file(&b).unwrap(); // deleted
    let (archive, report) = Archive::refresh(dir, |_, _| {});
    assert_eq!(candidates(&archive), ["Linus", "Ada"]);
    assert_eq!((report.read, report.reused, report.dropped), (2, 0, 1));
    let found = archive.filter(&Query::parse("different"), None);
    assert_eq!(found, [1]);
    assert!(archive.filter(&Query::parse("jitter"), None).is_empty());

    // Same size, new content: the modification time tells.
    let a = dir.join("a.yaml");
    let text = std::fs::read_to_string(&a)
        .unwrap()
        .replace("different", "DIFFERENT");
    let before = std::fs::metadata(&a).unwrap().modified().unwrap();
    std::fs::write(&a, text).unwrap();
    let file = std::fs::File::options().write(true).open(&a).unwrap();
    file.set_modified(before + std::time::Duration::from_secs(1))
        .unwrap();
    let (archive, report) = Archive::refresh(dir, |_, _| {});
    assert_eq!(report.read, 1);
    let (_, matched, _) = archive.context(1, &Query::parse("different"), 10).unwrap();
    assert_eq!(matched, "DIFFERENT");
}

#[test]
fn a_crash_journal_beside_a_file_counts_as_a_change() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let path = save(dir, "a", "Ada", "before", 2);
    Archive::refresh(dir, |_, _| {});
    let mut record = store::load(&path).unwrap();
    record.revision += 1;
    record.question_mut(1).unwrap().notes = "after the crash".into();
    let entry = store::journal::Entry::of(&record, record.revision, [1]);
    let mut writer = store::journal::JournalWriter::create(&path).unwrap();
    writer.append(&entry).unwrap();
    let (archive, report) = Archive::refresh(dir, |_, _| {});
    assert_eq!(report.read, 1);
    assert_eq!(archive.filter(&Query::parse("crash"), None), [0]);
}

#[test]
fn a_damaged_or_foreign_index_is_rebuilt() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    save(dir, "a", "Ada", "note", 2);
    for junk in ["{", "{\"version\": 999, \"items\": []}", ""] {
        std::fs::write(dir.join(INDEX_FILE), junk).unwrap();
        let (archive, report) = Archive::refresh(dir, |_, _| {});
        assert_eq!(
            (candidates(&archive), report.read),
            (vec!["Ada".to_string()], 1)
        );
    }
    // A text file that is not the one written with the index, or cut short.
    let text = std::fs::read_to_string(dir.join(TEXT_FILE)).unwrap();
    for junk in [
        text.replacen('-', "+", 1),
        text[..text.len() - 3].to_string(),
        String::new(),
    ] {
        std::fs::write(dir.join(TEXT_FILE), junk).unwrap();
        let (archive, report) = Archive::refresh(dir, |_, _| {});
        assert_eq!(report.read, 1);
        assert_eq!(archive.filter(&Query::parse("note"), None), [0]);
    }
    let mode = std::fs::metadata(dir.join(TEXT_FILE))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn context_prefers_notes_to_the_columns_and_stays_on_its_line() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    save(
        dir,
        "a",
        "Ada Keys",
        "first line\nwe discussed the retry budget and idempotency keys at length today\nlast",
        2,
    );
    let (archive, _) = Archive::refresh(dir, |_, _| {});
    let q = Query::parse("keys idempotency");
    let (before, matched, after) = archive.context(0, &q, 12).unwrap();
    assert_eq!(
        (before.as_str(), matched.as_str(), after.as_str()),
        ("… budget and ", "idempotency", " keys at len…")
    );
    assert_eq!(
        archive.context(0, &Query::parse("ada"), 5).unwrap().1,
        "Ada"
    );
    assert!(archive.context(0, &Query::parse(""), 5).is_none());
}
