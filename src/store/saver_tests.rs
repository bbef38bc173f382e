use std::os::unix::fs::MetadataExt;

use super::*;
use crate::store::testing::sample_record;
use crate::store::{END_MARKER, load};

fn setup() -> (tempfile::TempDir, PathBuf, Record) {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("s/a.yaml");
    crate::paths::create_private_dir(path.parent().unwrap()).unwrap();
    (tmp, path, sample_record(4, 200))
}

/// A path whose parent is a regular file: writing fails even for root.
fn unwritable(tmp: &tempfile::TempDir) -> PathBuf {
    let file = tmp.path().join("plain-file");
    fs::write(&file, "").unwrap();
    file.join("a.yaml")
}

#[test]
fn save_writes_the_whole_interview_with_its_end_marker() {
    let (_tmp, path, record) = setup();
    let mut saver = Saver::new(&path);
    let t0 = Instant::now();
    assert_eq!(saver.save(&record, t0), Ok(SaveOutcome::Saved));
    assert!(
        fs::read_to_string(&path)
            .unwrap()
            .trim_end()
            .ends_with(END_MARKER)
    );
    assert_eq!(load(&path).unwrap(), record);
    assert_eq!(saver.last_error(), None);
}

#[test]
fn flush_is_due_within_a_second_of_the_first_unsynced_change() {
    let (_tmp, path, mut record) = setup();
    let mut saver = Saver::new(&path);
    let t0 = Instant::now();
    assert_eq!(saver.sync_due(t0), None);
    saver.save(&record, t0).unwrap();
    assert_eq!(saver.sync_due(t0), Some(t0 + SYNC_INTERVAL));
    // Later changes do not push the flush back.
    record.scratch.push('x');
    let t1 = t0 + Duration::from_millis(600);
    saver.save(&record, t1).unwrap();
    assert_eq!(saver.sync_due(t1), Some(t0 + SYNC_INTERVAL));
    // Overdue reads as now.
    let late = t0 + Duration::from_secs(5);
    assert_eq!(saver.sync_due(late), Some(late));
    assert!(saver.has_unsynced_changes());
    saver.sync(late).unwrap();
    assert_eq!(saver.sync_due(late), None);
    assert!(!saver.has_unsynced_changes());
    // Nothing to do is fine.
    saver.sync(late).unwrap();
}

#[test]
fn save_now_leaves_nothing_to_flush() {
    let (_tmp, path, record) = setup();
    let mut saver = Saver::new(&path);
    let t0 = Instant::now();
    saver.save(&record, t0).unwrap();
    saver.save_now(&record, t0).unwrap();
    assert_eq!(saver.sync_due(t0), None);
    assert_eq!(load(&path).unwrap(), record);
}

#[test]
fn notices_the_file_deleted_or_replaced_and_still_writes() {
    let (_tmp, path, record) = setup();
    let mut saver = Saver::new(&path);
    let t0 = Instant::now();
    // The first save over an existing file (a resume) is not a surprise.
    fs::write(&path, "old").unwrap();
    assert_eq!(saver.save(&record, t0), Ok(SaveOutcome::Saved));
    assert_eq!(saver.save(&record, t0), Ok(SaveOutcome::Saved));
    fs::remove_file(&path).unwrap();
    assert_eq!(saver.save(&record, t0), Ok(SaveOutcome::Recreated));
    assert_eq!(load(&path).unwrap(), record);
    // An editor writing its own version (a new inode at the same path).
    let other = path.with_file_name("other");
    fs::write(&other, "someone else").unwrap();
    fs::rename(&other, &path).unwrap();
    assert_eq!(saver.save_now(&record, t0), Ok(SaveOutcome::Replaced));
    assert_eq!(load(&path).unwrap(), record);
    assert_eq!(saver.save(&record, t0), Ok(SaveOutcome::Saved));
}

#[test]
fn a_removed_folder_is_put_back() {
    let (_tmp, path, record) = setup();
    let mut saver = Saver::new(&path);
    let t0 = Instant::now();
    saver.save(&record, t0).unwrap();
    fs::remove_dir_all(path.parent().unwrap()).unwrap();
    assert_eq!(saver.save(&record, t0), Ok(SaveOutcome::Recreated));
    assert_eq!(load(&path).unwrap(), record);
    let mode = fs::metadata(path.parent().unwrap()).unwrap().mode() & 0o777;
    assert_eq!(mode, 0o700);
}

#[test]
fn a_failed_save_is_kept_and_retried_when_due() {
    let (tmp, good, record) = setup();
    let bad = unwritable(&tmp);
    let mut saver = Saver::new(&bad);
    let t0 = Instant::now();
    let err = saver.save(&record, t0).unwrap_err();
    assert_eq!(err.path, bad);
    assert_eq!(err.trouble, Trouble::Missing);
    assert_eq!(saver.last_error(), Some(&err));
    assert!(saver.has_unwritten_changes());
    assert_eq!(saver.sync_due(t0), Some(t0 + SYNC_INTERVAL));
    // The retry fails again and waits another interval rather than spinning.
    let t1 = t0 + SYNC_INTERVAL;
    assert!(saver.sync(t1).is_err());
    assert_eq!(saver.sync_due(t1), Some(t1 + SYNC_INTERVAL));
    // Save elsewhere: the kept bytes go to the new path on the next flush.
    saver.set_path(&good);
    assert_eq!(saver.last_error(), None);
    saver.sync(t1).unwrap();
    assert!(!saver.has_unsynced_changes());
    assert_eq!(saver.sync_due(t1), None);
    assert_eq!(load(&good).unwrap(), record);
}

#[test]
fn errors_name_the_path_the_step_and_the_fix() {
    let err = SaveError {
        path: PathBuf::from("/x/sessions/foo.yaml"),
        op: SaveOp::Write,
        trouble: Trouble::PermissionDenied,
        reason: "permission denied".into(),
    };
    assert_eq!(
        err.to_string(),
        "cannot write /x/sessions/foo.yaml: permission denied — make the folder writable or save elsewhere"
    );
    let full = SaveError::io(
        Path::new("/x/a.yaml"),
        SaveOp::Sync,
        &io::Error::from_raw_os_error(libc::ENOSPC),
    );
    assert_eq!(full.trouble, Trouble::DiskFull);
    assert!(
        full.to_string()
            .starts_with("cannot flush to disk /x/a.yaml: the disk is full — free some disk space"),
        "{full}"
    );
    let ro = SaveError::io(
        Path::new("/x/a.yaml"),
        SaveOp::Replace,
        &io::Error::from_raw_os_error(libc::EROFS),
    );
    assert_eq!(ro.trouble, Trouble::ReadOnly);
    assert!(ro.to_string().contains("read-only"), "{ro}");
}
