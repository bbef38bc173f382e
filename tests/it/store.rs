//! The store as the app uses it: save, load, list, lock, recover from trouble.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use chrono::DateTime;
use phonescreen::interview::record::Status;
use phonescreen::store::{
    self, LockError, SYNC_INTERVAL, SaveOutcome, Saver, SessionLock, testing::sample_record,
};

fn saver(path: &Path) -> Saver {
    Saver::new(path, Arc::new(|| {}))
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// A pid that no process has: a child that was started and reaped.
fn dead_pid() -> u32 {
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    pid
}

fn new_session(dir: &Path, candidate: &str) -> PathBuf {
    let started = DateTime::parse_from_rfc3339("2025-03-04T10:15:00+01:00").unwrap();
    store::new_session_path(dir, started, candidate).unwrap()
}

#[test]
fn save_then_load_gives_back_the_same_interview_in_private_files() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data/sessions");
    let path = new_session(&dir, "Ada Lovelace");
    assert_eq!(
        path.file_name().unwrap(),
        "20250304-101500-ada-lovelace.yaml"
    );
    let mut record = sample_record(30, 2000);
    let mut saver = saver(&path);
    let now = Instant::now();
    assert_eq!(saver.start(&record, now), Ok(SaveOutcome::Saved));
    assert_eq!(store::load(&path).unwrap(), record);
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(&dir), 0o700);
    record.summary = "Changed after the start".into();
    saver.save(&record, &[], now).unwrap();
    record.revision = 1;
    assert_eq!(store::load(&path).unwrap(), record);
    assert_eq!(mode(&store::journal::journal_path(&path)), 0o600);
    saver.flush_and_wait(&record, now).unwrap();
    assert_eq!(store::load(&path).unwrap(), record);
    assert_eq!(mode(&path), 0o600);
    let listing = store::list(&dir);
    assert_eq!(listing.problems, vec![]);
    assert_eq!(listing.sessions.len(), 1);
    let summary = &listing.sessions[0];
    assert_eq!(summary.id, "20250304-101500-ada-lovelace");
    assert_eq!(summary.candidate, record.candidate);
    assert_eq!(summary.question_count, Some(30));
    // Reading only the header gives the same, without the counts.
    let quick = store::summarize(&path, false).unwrap();
    assert_eq!(quick.candidate, record.candidate);
    assert_eq!(quick.started_at, record.started_at);
    assert_eq!(quick.question_count, None);
    saver.close();
    assert!(!store::journal::journal_path(&path).exists());
}

#[test]
fn damaged_files_are_reported_and_the_others_still_listed() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let good = dir.join("good.yaml");
    let mut other = sample_record(6, 300);
    other.status = Status::Completed;
    store::write_record(&good, &other).unwrap();
    let text = store::to_yaml(&sample_record(30, 2000)).unwrap();
    let mut half = text.len() / 2;
    while !text.is_char_boundary(half) {
        half -= 1;
    }
    let truncated = dir.join("truncated.yaml");
    fs::write(&truncated, &text[..half]).unwrap();
    let garbage = dir.join("garbage.yaml");
    fs::write(&garbage, "}{ not: [yaml\n").unwrap();
    let shape = dir.join("shape.yaml");
    fs::write(&shape, "name: Phone screen\nsections:\n  - id: a\n").unwrap();
    let scalar = dir.join("scalar.yaml");
    fs::write(&scalar, "just some text\n").unwrap();

    let listing = store::list(dir);
    let ids: Vec<_> = listing.sessions.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["good"]);
    let problem = |path: &Path| -> String {
        let found = listing.problems.iter().find(|(p, _)| p == path);
        found
            .unwrap_or_else(|| panic!("{} not reported: {:?}", path.display(), listing.problems))
            .1
            .clone()
    };
    assert!(
        problem(&truncated).starts_with("damaged"),
        "{}",
        problem(&truncated)
    );
    assert!(
        problem(&garbage).starts_with("damaged: line 1"),
        "{}",
        problem(&garbage)
    );
    assert!(
        problem(&shape).contains("not a phonescreen interview"),
        "{}",
        problem(&shape)
    );
    assert!(
        problem(&scalar).contains("not a phonescreen interview"),
        "{}",
        problem(&scalar)
    );
    assert_eq!(listing.problems.len(), 4);
    // The error from load names the file.
    let err = store::load(&truncated).unwrap_err().to_string();
    assert!(err.contains(&truncated.display().to_string()), "{err}");
}

#[test]
fn temps_of_interviews_nobody_has_open_are_cleaned_and_others_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    // Left by a crash: the interview is not open anywhere (an older
    // phonescreen's temp, named with its pid, too).
    let left = dir.join(".a.yaml.tmp-Xy12ab34Cd");
    let older = dir.join(format!(".a.yaml.tmp-{}", dead_pid()));
    // Being written right now: its interview is locked.
    let writing = dir.join(".b.yaml.tmp-Q9w8e7r6T5");
    let session = dir.join("a.yaml");
    for path in [&left, &older, &writing, &session] {
        fs::write(path, "x").unwrap();
    }
    let lock = SessionLock::acquire(&dir.join("b.yaml")).unwrap();
    assert_eq!(store::session::tidy(dir).temps_removed, 2);
    assert_eq!(
        store::session::tidy(&dir.join("missing")),
        Default::default()
    );
    assert!(!left.exists());
    assert!(!older.exists());
    assert!(writing.exists());
    assert!(session.exists());
    drop(lock);
    assert_eq!(store::session::tidy(dir).temps_removed, 1);
    assert!(!writing.exists());
}

#[test]
fn one_writer_per_interview() {
    let tmp = tempfile::tempdir().unwrap();
    let path = new_session(tmp.path(), "Ada");
    let lock_file = store::lock_path(&path);

    let lock = SessionLock::acquire(&path).unwrap();
    assert_eq!(mode(&lock_file), 0o600);
    assert_eq!(
        store::is_locked_by_live_process(&path),
        Some(std::process::id())
    );
    // A second phonescreen (here a second lock) is told who holds it.
    match SessionLock::acquire(&path) {
        Err(LockError::Held {
            pid, path: held, ..
        }) => {
            assert_eq!(held, lock_file);
            assert_eq!(pid, Some(std::process::id()));
        }
        other => panic!("{other:?}"),
    }
    drop(lock);
    assert!(!lock_file.exists());
    assert_eq!(store::is_locked_by_live_process(&path), None);

    // A lock file nobody holds is stale, whatever process it names: taken over.
    for holder in [dead_pid(), 1] {
        fs::write(&lock_file, format!("{holder}\n")).unwrap();
        assert_eq!(store::is_locked_by_live_process(&path), None);
        let lock = SessionLock::acquire(&path).unwrap();
        assert_eq!(
            fs::read_to_string(&lock_file).unwrap().trim(),
            std::process::id().to_string()
        );
        drop(lock);
        assert!(!lock_file.exists());
    }
}

#[test]
fn a_failed_save_names_the_path_and_a_later_save_keeps_everything() {
    let tmp = tempfile::tempdir().unwrap();
    let (path, fix): (PathBuf, Box<dyn Fn()>) = if is_root() {
        // Permission bits do not stop root: put a regular file where the folder should be.
        let blocker = tmp.path().join("sessions");
        fs::write(&blocker, "").unwrap();
        let fix = {
            let blocker = blocker.clone();
            move || fs::remove_file(&blocker).unwrap()
        };
        (blocker.join("a.yaml"), Box::new(fix))
    } else {
        let dir = tmp.path().join("sessions");
        fs::create_dir(&dir).unwrap();
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o500)).unwrap();
        let fix = {
            let dir = dir.clone();
            move || fs::set_permissions(&dir, fs::Permissions::from_mode(0o700)).unwrap()
        };
        (dir.join("a.yaml"), Box::new(fix))
    };
    let mut record = sample_record(30, 2000);
    let mut saver = saver(&path);
    let t0 = Instant::now();
    let err = saver.start(&record, t0).unwrap_err();
    let message = err.to_string();
    assert!(message.contains(&path.display().to_string()), "{message}");
    assert!(message.contains(" — "), "{message}");
    assert_eq!(saver.problem(), Some(&err));
    assert!(!path.exists());

    // More notes typed while the disk is in trouble.
    record.sections[4].questions[5]
        .notes
        .push_str("\nlast words");
    let changed = 4 * 6 + 5;
    assert!(saver.save(&record, &[changed], t0).is_err());

    fix();
    // The retry a second later writes everything.
    saver.tick(&record, t0 + SYNC_INTERVAL);
    saver.flush_and_wait(&record, t0 + SYNC_INTERVAL).unwrap();
    assert_eq!(saver.problem(), None);
    let loaded = store::load(&path).unwrap();
    assert_eq!(loaded.sections, record.sections);
    assert!(saver.is_flushed());
}

#[test]
fn resumable_interviews_are_in_progress_and_unlocked() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let now = Instant::now();
    let _ = now;
    let mut done = sample_record(3, 10);
    done.status = Status::Completed;
    store::write_record(&new_session(dir, "Done"), &done).unwrap();
    let open = new_session(dir, "Open");
    store::write_record(&open, &sample_record(3, 10)).unwrap();
    let crashed = new_session(dir, "Crashed");
    store::write_record(&crashed, &sample_record(3, 10)).unwrap();
    fs::write(store::lock_path(&crashed), format!("{}\n", dead_pid())).unwrap();
    let _lock = SessionLock::acquire(&open).unwrap();
    // Newest first by name: "open" is held by this process, "done" is
    // finished, so "crashed" is the one to resume.
    let resumable = store::newest_resumable(dir).map(|s| s.id);
    assert_eq!(resumable.as_deref(), Some("20250304-101500-crashed"));
}
