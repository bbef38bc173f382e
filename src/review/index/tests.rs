use super::*;
use crate::review::facts::Facts;
use crate::store::testing::sample_record;
use chrono::DateTime;
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

/// The modification time of `path`.
fn modified(path: &Path) -> std::time::SystemTime {
    std::fs::metadata(path).unwrap().modified().unwrap()
}

/// Sets the modification time of `path` back to `at`, as `touch -d`, an
/// editor keeping times or `cp -p` would.
fn set_modified(path: &Path, at: std::time::SystemTime) {
    let file = std::fs::File::options().write(true).open(path).unwrap();
    file.set_modified(at).unwrap();
}

/// The file's text with `from` replaced by `to`, of the same length.
fn same_size_edit(path: &Path, from: &str, to: &str) -> String {
    assert_eq!(from.len(), to.len());
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{text}");
    text.replace(from, to)
}

/// Makes the index read as if it had been brought up to date long after
/// its files were last written (a unit test cannot wait the 2 s): its
/// stamps are then trusted without the content hash, so what is tested is
/// that the stamps alone tell the change.
fn age_index(dir: &Path) {
    let index = dir.join(INDEX_FILE);
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&index).unwrap()).unwrap();
    for item in json["items"].as_array_mut().unwrap() {
        let file = item["file"].as_object_mut().unwrap();
        let taken: i128 = serde_json::from_value(file["taken_ns"].clone()).unwrap();
        file.insert(
            "taken_ns".into(),
            serde_json::to_value(taken + 10_000_000_000).unwrap(),
        );
        file.remove("sha256");
    }
    std::fs::write(&index, serde_json::to_vec(&json).unwrap()).unwrap();
}

#[test]
fn an_edit_that_keeps_the_size_and_sets_the_time_back_is_seen() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let a = save(dir, "a", "Ada", "retry budget", 2);
    let before = modified(&a);
    Archive::refresh(dir, |_, _| {});
    age_index(dir);

    // Written in place (the same inode), then the time set back.
    std::fs::write(&a, same_size_edit(&a, "retry budget", "quorum lease")).unwrap();
    set_modified(&a, before);
    assert_eq!(modified(&a), before);
    let (archive, report) = Archive::refresh(dir, |_, _| {});
    assert_eq!((report.read, report.reused), (1, 0));
    assert_eq!(archive.filter(&Query::parse("quorum"), None), [0]);
    assert!(archive.filter(&Query::parse("retry"), None).is_empty());
}

#[test]
fn an_older_copy_put_back_with_its_size_and_time_is_seen() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let a = save(dir, "a", "Ada", "retry budget", 2);
    let then = modified(&a);
    // `cp -p a.yaml backup`: the content and its time.
    let backup = tmp.path().join("backup");
    std::fs::create_dir(&backup).unwrap();
    let copy = backup.join("a.yaml");
    std::fs::copy(&a, &copy).unwrap();
    set_modified(&copy, then);
    // The interview edited since, its time kept (`touch -r`), and indexed.
    std::fs::write(&a, same_size_edit(&a, "retry budget", "quorum lease")).unwrap();
    set_modified(&a, then);
    let (archive, _) = Archive::refresh(dir, |_, _| {});
    assert_eq!(archive.filter(&Query::parse("quorum"), None), [0]);
    age_index(dir);

    // `cp -p backup/a.yaml a.yaml`, as a new file renamed over it: the
    // same size and time as what the index holds.
    let staged = dir.join(".staged");
    std::fs::copy(&copy, &staged).unwrap();
    set_modified(&staged, then);
    std::fs::rename(&staged, &a).unwrap();
    let meta = std::fs::metadata(&a).unwrap();
    assert_eq!(
        (meta.len(), modified(&a)),
        (archive.items[0].file.size, then)
    );
    let (archive, report) = Archive::refresh(dir, |_, _| {});
    assert_eq!(report.read, 1);
    assert_eq!(archive.filter(&Query::parse("retry"), None), [0]);
    assert!(archive.filter(&Query::parse("quorum"), None).is_empty());
}

/// Rewrites the index's record of `id` to the stamps its file has now,
/// keeping the content hash: what a change within one tick of the file
/// system's clock leaves, when size, times and inode all read as before.
fn forge_stamps_to_match(dir: &Path, id: &str) {
    use std::os::unix::fs::MetadataExt;
    let index = dir.join(INDEX_FILE);
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&index).unwrap()).unwrap();
    let item = json["items"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|i| i["id"] == id)
        .unwrap();
    let meta = std::fs::metadata(dir.join(format!("{id}.yaml"))).unwrap();
    let ns = |s: i64, n: i64| i128::from(s) * 1_000_000_000 + i128::from(n);
    item["file"]["size"] = meta.len().into();
    item["file"]["modified_ns"] =
        serde_json::to_value(ns(meta.mtime(), meta.mtime_nsec())).unwrap();
    item["file"]["changed_ns"] = serde_json::to_value(ns(meta.ctime(), meta.ctime_nsec())).unwrap();
    item["file"]["inode"] = meta.ino().into();
    assert!(item["file"]["sha256"].is_string(), "a fresh file is hashed");
    std::fs::write(&index, serde_json::to_vec(&json).unwrap()).unwrap();
}

#[test]
fn a_change_within_one_tick_of_the_clock_is_seen_by_its_content() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let a = save(dir, "a", "Ada", "retry budget", 2);
    Archive::refresh(dir, |_, _| {});
    std::fs::write(&a, same_size_edit(&a, "retry budget", "quorum lease")).unwrap();
    forge_stamps_to_match(dir, "a");
    let (archive, report) = Archive::refresh(dir, |_, _| {});
    assert_eq!(report.read, 1);
    assert_eq!(archive.filter(&Query::parse("quorum"), None), [0]);

    // Unchanged, the same forged stamps are trusted: nothing is read.
    forge_stamps_to_match(dir, "a");
    let (_, report) = Archive::refresh(dir, |_, _| panic!("nothing to read"));
    assert_eq!(report.reused, 1);
}

#[test]
fn a_symbolic_link_is_followed_as_the_listing_follows_it() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let elsewhere = tmp.path().join("elsewhere");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::create_dir_all(&elsewhere).unwrap();
    save(&dir, "a", "Ada", "note", 2);
    let target = save(&elsewhere, "b", "Grace", "retry budget", 3);
    std::os::unix::fs::symlink(&target, dir.join("b.yaml")).unwrap();
    std::os::unix::fs::symlink(elsewhere.join("gone.yaml"), dir.join("c.yaml")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, dir.join("d.yaml")).unwrap();

    // The same interviews and problems as reading every file.
    let same_as_the_store = |dir: &Path| {
        let by_index = listing(dir, |_, _| {});
        let by_files = store::list(dir);
        let names = |l: &store::Listing| {
            l.sessions
                .iter()
                .map(|s| (s.id.clone(), s.candidate.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&by_index), names(&by_files));
        assert_eq!(by_index.problems, by_files.problems);
        age_index(dir);
        names(&by_index)
    };
    let listed = same_as_the_store(&dir);
    assert_eq!(listed[0], ("b".to_string(), "Grace".to_string()));

    // Edited through the link: seen.
    let then = modified(&target);
    std::fs::write(&target, same_size_edit(&target, "Grace", "Linus")).unwrap();
    set_modified(&target, then);
    let listed = same_as_the_store(&dir);
    assert_eq!(listed[0], ("b".to_string(), "Linus".to_string()));
    // The link led to a file of another name: now it leads nowhere, then
    // somewhere again.
    std::fs::rename(&target, elsewhere.join("moved.yaml")).unwrap();
    same_as_the_store(&dir);
    std::fs::rename(elsewhere.join("moved.yaml"), &target).unwrap();
    let (archive, _) = Archive::refresh(&dir, |_, _| {});
    assert_eq!(archive.filter(&Query::parse("retry"), None), [0]);
}

/// Peak memory of this process so far (`VmHWM`), in bytes.
fn peak_memory() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap();
    kb * 1024
}

#[test]
fn an_index_bigger_than_its_files_can_explain_is_rebuilt_without_reading_it() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    save(dir, "a", "Ada", "retry budget", 2);
    save(dir, "b", "Grace", "jitter", 3);
    Archive::refresh(dir, |_, _| {});
    // A gigabyte at its name (sparse: it takes no disk), as a runaway
    // writer or a copy gone wrong leaves; the cap for two files is a few
    // megabytes.
    let index = dir.join(INDEX_FILE);
    let file = std::fs::File::options().write(true).open(&index).unwrap();
    file.set_len(1 << 30).unwrap();
    drop(file);
    assert!(disk::cap([dir.join("a.yaml").as_path(), &dir.join("b.yaml")]) < 4 << 20);
    let before = peak_memory();
    let (archive, report) = Archive::refresh(dir, |_, _| {});
    let grew = peak_memory().saturating_sub(before);
    assert_eq!((report.read, report.reused), (2, 0));
    assert_eq!(candidates(&archive), ["Grace", "Ada"]);
    assert!(grew < 256 << 20, "reading the index took {grew} bytes more");
    assert!(
        std::fs::metadata(&index).unwrap().len() < 1 << 20,
        "rewritten"
    );
}

#[test]
fn texts_are_read_from_the_text_file_kept_open_even_once_replaced() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    save(dir, "a", "Ada", "retry budget", 2);
    let b = save(dir, "b", "Grace", "jitter", 3);
    let (first, _) = Archive::refresh(dir, |_, _| {});
    // Another refresh (another phonescreen) writes a new index meanwhile.
    std::fs::remove_file(&b).unwrap();
    let (second, report) = Archive::refresh(dir, |_, _| {});
    assert_eq!(report.dropped, 1);
    assert_eq!(first.filter(&Query::parse("jitter"), None), [0]);
    assert_eq!(first.text(1).lines().next(), Some("Ada"));
    assert_eq!(second.filter(&Query::parse("retry"), None), [0]);
    let text = std::fs::read_to_string(dir.join(TEXT_FILE)).unwrap();
    assert!(
        !text.contains("jitter"),
        "the deleted interview's notes went"
    );
}

#[test]
fn an_index_that_cannot_be_written_still_serves_the_list() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    save(dir, "a", "Ada", "retry budget", 2);
    // A folder where the text file goes: renaming over it fails.
    std::fs::create_dir_all(dir.join(TEXT_FILE).join("x")).unwrap();
    let (archive, report) = Archive::refresh(dir, |_, _| {});
    let problem = report.save_problem.expect("cannot save");
    assert!(problem.contains(INDEX_FILE), "{problem}");
    assert_eq!(archive.filter(&Query::parse("retry"), None), [0]);
    let facts = archive.facts(&[0]);
    assert_eq!(facts[0].as_ref().unwrap().candidate, "Ada");
}

#[test]
fn facts_come_from_the_index_and_from_the_file_when_the_index_lost_them() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let a = save(dir, "a", "Ada", "retry budget", 2);
    std::fs::write(dir.join("c.yaml"), "not: [an interview").unwrap();
    let (archive, _) = Archive::refresh(dir, |_, _| {});
    let whole = Facts::of(&store::load(&a).unwrap());
    let facts = archive.facts(&[0, 1]);
    assert_eq!(facts[0].as_ref(), Ok(&whole));
    assert!(facts[1].as_ref().unwrap_err().contains("damaged"));

    // The facts' bytes spoiled in place (the same length, the same
    // generation): the file is read instead.
    let text_path = dir.join(TEXT_FILE);
    let text = std::fs::read_to_string(&text_path).unwrap();
    std::fs::write(&text_path, text.replace("\"candidate\"", "\"candidatf\"")).unwrap();
    let (archive, report) = Archive::refresh(dir, |_, _| {});
    assert_eq!(report.reused, 2);
    assert_eq!(archive.facts(&[0])[0].as_ref(), Ok(&whole));
}

#[test]
fn files_read_anew_are_handed_over_at_once_newest_first() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    save(dir, "1-a", "Ada", "note", 2);
    save(dir, "2-b", "Grace", "note", 3);
    let mut fresh = Vec::new();
    Archive::refresh_with(dir, |_, _| {}, |item| fresh.push(item.id.clone()));
    assert_eq!(fresh, ["2-b", "1-a"]);
    save(dir, "3-c", "Linus", "note", 4);
    let mut fresh = Vec::new();
    Archive::refresh_with(dir, |_, _| {}, |item| fresh.push(item.id.clone()));
    assert_eq!(fresh, ["3-c"]);
}

#[test]
fn forgetting_takes_the_notes_out_of_the_text_file() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    save(dir, "a", "Ada", "retry budget", 2);
    save(dir, "b", "Hopper", "jitter", 3);
    save(dir, "c", "Linus", "kernel", 4);
    Archive::refresh(dir, |_, _| {});
    forget(dir, &["b".to_string()]).unwrap();
    let text = std::fs::read_to_string(dir.join(TEXT_FILE)).unwrap();
    assert!(
        !text.contains("jitter") && !text.contains("Hopper"),
        "{text}"
    );
    std::fs::remove_file(dir.join("b.yaml")).unwrap();
    let (archive, report) = Archive::refresh(dir, |_, _| panic!("nothing to read"));
    assert_eq!((report.reused, report.dropped), (2, 0));
    assert_eq!(archive.filter(&Query::parse("kernel"), None), [0]);
    assert_eq!(archive.filter(&Query::parse("retry"), None), [1]);

    // An index that cannot be read is removed rather than left with notes.
    std::fs::write(dir.join(INDEX_FILE), "{").unwrap();
    forget(dir, &["a".to_string()]).unwrap();
    assert!(!dir.join(TEXT_FILE).exists() && !dir.join(INDEX_FILE).exists());
}

#[test]
fn two_refreshes_at_once_leave_one_index_that_holds() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    for i in 0..40 {
        save(dir, &format!("{i:02}"), "Ada", "retry budget", 2);
    }
    for _ in 0..10 {
        for file in [INDEX_FILE, TEXT_FILE] {
            let _ = std::fs::remove_file(dir.join(file));
        }
        // The launcher's listing and the review screen, started together.
        std::thread::scope(|s| {
            for _ in 0..2 {
                s.spawn(|| Archive::refresh(dir, |_, _| {}));
            }
        });
        let (_, report) = Archive::refresh(dir, |_, _| {});
        assert_eq!(report.reused, 40, "{report:?}");
    }
}
