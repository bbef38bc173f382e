use std::fs;
use std::os::unix::fs::MetadataExt;
use std::sync::Arc;

use super::*;
use crate::interview::record::QuestionState;
use crate::store::Kept;
use crate::store::journal::journal_path;
use crate::store::testing::sample_record;
use crate::store::{END_MARKER, load};

fn quiet() -> Notify {
    Arc::new(|| {})
}

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

/// The interview file alone, without its journal.
fn file_alone(path: &Path) -> Record {
    let text = fs::read_to_string(path).unwrap();
    crate::yaml::from_str(&text).unwrap()
}

fn type_into(record: &mut Record, index: usize, text: &str) {
    let q = record.question_mut(index).unwrap();
    q.notes.push_str(text);
    q.state = QuestionState::Asked;
}

#[test]
fn start_writes_the_whole_interview_with_its_end_marker() {
    let (_tmp, path, record) = setup();
    let mut saver = Saver::new(&path, quiet());
    let t0 = Instant::now();
    assert_eq!(saver.start(&record, t0), Ok(SaveOutcome::Saved));
    assert!(
        fs::read_to_string(&path)
            .unwrap()
            .trim_end()
            .ends_with(END_MARKER)
    );
    assert_eq!(load(&path).unwrap(), record);
    assert_eq!(saver.problem(), None);
    // Flushed to the disk at once after the first question shows.
    assert_eq!(saver.due(), Some(t0));
}

#[test]
fn a_change_is_in_the_journal_before_save_returns_and_in_the_file_after_the_flush() {
    let (_tmp, path, mut record) = setup();
    let mut saver = Saver::new(&path, quiet());
    let t0 = Instant::now();
    saver.start(&record, t0).unwrap();
    saver.flush_and_wait(&record, t0).unwrap();
    let before = file_alone(&path);

    type_into(&mut record, 2, "\nTyped: with \"quotes\" and a colon");
    saver.save(&record, &[2], t0).unwrap();
    // The file is not rewritten on the keystroke...
    assert_eq!(file_alone(&path), before);
    // ...but a process killed now loses nothing: reading brings in the journal.
    let mut expected = record.clone();
    expected.revision = 1;
    assert_eq!(load(&path).unwrap(), expected);
    // A second saver (a crash, then a resume) sees the same.
    drop(saver);
    assert_eq!(load(&path).unwrap(), expected);

    let mut saver = Saver::new(&path, quiet());
    let mut resumed = load(&path).unwrap();
    saver.start(&resumed, t0).unwrap();
    assert_eq!(file_alone(&path), expected, "the resume wrote it whole");
    type_into(&mut resumed, 0, "more");
    saver.save(&resumed, &[0], t0).unwrap();
    saver.flush_and_wait(&resumed, t0).unwrap();
    resumed.revision = 2;
    assert_eq!(file_alone(&path), resumed);
    assert_eq!(fs::metadata(journal_path(&path)).unwrap().len(), 0);
    saver.close();
    assert!(
        !journal_path(&path).exists(),
        "a clean end leaves no journal"
    );
}

#[test]
fn a_flush_is_due_within_a_second_of_the_first_unflushed_change() {
    let (_tmp, path, mut record) = setup();
    let mut saver = Saver::new(&path, quiet());
    let t0 = Instant::now();
    saver.start(&record, t0).unwrap();
    saver.flush_and_wait(&record, t0).unwrap();
    assert_eq!(saver.due(), None);
    record.scratch.push('x');
    saver.save(&record, &[], t0).unwrap();
    assert_eq!(saver.due(), Some(t0 + SYNC_INTERVAL));
    // Later changes do not push the flush back.
    record.scratch.push('y');
    saver
        .save(&record, &[], t0 + Duration::from_millis(600))
        .unwrap();
    assert_eq!(saver.due(), Some(t0 + SYNC_INTERVAL));
    // Too early: nothing is sent.
    saver.tick(&record, t0 + Duration::from_millis(900));
    assert_eq!(saver.due(), Some(t0 + SYNC_INTERVAL));
    saver.tick(&record, t0 + SYNC_INTERVAL);
    assert_eq!(saver.due(), None, "in flight");
    saver.flush_and_wait(&record, t0 + SYNC_INTERVAL).unwrap();
    assert!(saver.is_flushed());
    assert_eq!(file_alone(&path).scratch, record.scratch);
    // Asking for it at once makes it due now.
    record.scratch.push('z');
    let t1 = t0 + Duration::from_secs(3);
    saver.save(&record, &[], t1).unwrap();
    saver.flush_soon(t1);
    assert_eq!(saver.due(), Some(t1));
}

#[test]
fn notices_the_file_deleted_or_replaced_and_still_writes() {
    let (_tmp, path, mut record) = setup();
    let mut saver = Saver::new(&path, quiet());
    let t0 = Instant::now();
    // The first write over an existing file (a resume) is not a surprise.
    fs::write(&path, "old").unwrap();
    assert_eq!(saver.start(&record, t0), Ok(SaveOutcome::Saved));
    fs::remove_file(&path).unwrap();
    record.scratch.push('a');
    saver.save(&record, &[], t0).unwrap();
    assert_eq!(
        saver.flush_and_wait(&record, t0),
        Ok(SaveOutcome::Recreated)
    );
    assert_eq!(load(&path).unwrap().scratch, record.scratch);
    // An editor writing its own version (a new inode at the same path).
    let other = path.with_file_name("other");
    fs::write(&other, "someone else").unwrap();
    fs::rename(&other, &path).unwrap();
    record.scratch.push('b');
    saver.save(&record, &[], t0).unwrap();
    assert_eq!(saver.flush_and_wait(&record, t0), Ok(SaveOutcome::Replaced));
    assert_eq!(load(&path).unwrap().scratch, record.scratch);
}

#[test]
fn a_removed_folder_is_put_back_with_the_journal() {
    let (_tmp, path, mut record) = setup();
    let mut saver = Saver::new(&path, quiet());
    let t0 = Instant::now();
    saver.start(&record, t0).unwrap();
    saver.flush_and_wait(&record, t0).unwrap();
    fs::remove_dir_all(path.parent().unwrap()).unwrap();
    type_into(&mut record, 1, "after the folder went");
    // The journal is gone with the folder: the next save notices, and the
    // whole file is written again at once.
    let _ = saver.save(&record, &[1], t0);
    saver.flush_and_wait(&record, t0).unwrap();
    assert_eq!(
        load(&path).unwrap().question(1).unwrap().1.notes,
        record.question(1).unwrap().1.notes
    );
    let mode = fs::metadata(path.parent().unwrap()).unwrap().mode() & 0o777;
    assert_eq!(mode, 0o700);
    type_into(&mut record, 1, "; and more");
    saver.save(&record, &[1], t0).unwrap();
    assert!(journal_path(&path).exists());
    assert_eq!(
        load(&path).unwrap().question(1).unwrap().1.notes,
        record.question(1).unwrap().1.notes
    );
}

#[test]
fn a_failed_start_is_kept_in_memory_and_retried_and_can_move_elsewhere() {
    let (tmp, good, mut record) = setup();
    let bad = unwritable(&tmp);
    let mut saver = Saver::new(&bad, quiet());
    let t0 = Instant::now();
    let err = saver.start(&record, t0).unwrap_err();
    assert_eq!(err.path, bad);
    assert_eq!(err.trouble, Trouble::Missing);
    assert_eq!(saver.problem(), Some(&err));
    // Typing goes on; each save says it is not on disk.
    type_into(&mut record, 0, "typed while nothing could be written");
    assert!(saver.save(&record, &[0], t0).is_err());
    // The retry waits an interval rather than spinning.
    assert_eq!(saver.due(), Some(t0 + SYNC_INTERVAL));
    let t1 = t0 + SYNC_INTERVAL;
    saver.tick(&record, t1);
    assert!(saver.flush_and_wait(&record, t1).is_err());
    // Save elsewhere: everything goes to the new path.
    saver.move_to(good.clone(), &record, t1).unwrap();
    assert_eq!(saver.path(), good);
    assert_eq!(saver.problem(), None);
    assert_eq!(
        load(&good).unwrap().question(0).unwrap().1.notes,
        record.question(0).unwrap().1.notes
    );
    type_into(&mut record, 0, "!");
    saver.save(&record, &[0], t1).unwrap();
    assert!(
        load(&good)
            .unwrap()
            .question(0)
            .unwrap()
            .1
            .notes
            .ends_with('!')
    );
}

#[test]
fn a_failed_move_keeps_the_old_path() {
    let (tmp, path, record) = setup();
    let mut saver = Saver::new(&path, quiet());
    let t0 = Instant::now();
    saver.start(&record, t0).unwrap();
    assert!(saver.move_to(unwritable(&tmp), &record, t0).is_err());
    assert_eq!(saver.path(), path);
    saver.flush_and_wait(&record, t0).unwrap();
    assert_eq!(load(&path).unwrap(), record);
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

#[test]
fn write_record_writes_a_whole_private_file() {
    use std::os::unix::fs::PermissionsExt;
    let (_tmp, path, record) = setup();
    write_record(&path, &record).unwrap();
    assert_eq!(load(&path).unwrap(), record);
    assert_eq!(
        fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o600
    );
}

#[test]
fn a_failed_move_keeps_naming_the_original_and_clears_once_it_works() {
    let (tmp, _, mut record) = setup();
    // The data folder is broken from the start: a file stands where the
    // folder should be.
    let blocker = tmp.path().join("broken");
    fs::write(&blocker, "").unwrap();
    let original = blocker.join("a.yaml");
    let mut saver = Saver::new(&original, quiet());
    let t0 = Instant::now();
    assert!(saver.start(&record, t0).is_err());
    assert_eq!(saver.kept(), Kept::Nothing);
    type_into(&mut record, 0, "typed before Esc w");
    assert!(saver.save(&record, &[0], t0).is_err());

    // Esc w finds no folder either.
    let rescue = unwritable(&tmp);
    let err = saver.move_to(rescue.clone(), &record, t0).unwrap_err();
    assert_eq!(err.path, rescue);
    assert_eq!(saver.path(), original, "saving goes on at the original");
    assert_eq!(
        saver.problem().map(|e| e.path.as_path()),
        Some(original.as_path()),
        "NOT SAVED names the file being retried, not the failed rescue"
    );
    assert_eq!(saver.due(), Some(t0), "and retries it at once");
    type_into(&mut record, 0, "; typed after the failed rescue");
    assert!(saver.save(&record, &[0], t0).is_err());

    // The folder is fixed: the next retry writes everything, and NOT SAVED goes.
    fs::remove_file(&blocker).unwrap();
    fs::create_dir(&blocker).unwrap();
    let t1 = t0 + SYNC_INTERVAL;
    saver.tick(&record, t1);
    saver.flush_and_wait(&record, t1).unwrap();
    assert_eq!(saver.problem(), None);
    assert_eq!(saver.kept(), Kept::File);
    assert_eq!(
        load(&original).unwrap().question(0).unwrap().1.notes,
        record.question(0).unwrap().1.notes
    );
    assert!(
        record
            .question(0)
            .unwrap()
            .1
            .notes
            .ends_with("typed before Esc w; typed after the failed rescue")
    );
}

#[test]
fn kept_says_where_the_newest_change_is() {
    let (_tmp, path, mut record) = setup();
    let mut saver = Saver::new(&path, quiet());
    let t0 = Instant::now();
    saver.start(&record, t0).unwrap();
    saver.flush_and_wait(&record, t0).unwrap();
    assert_eq!(saver.kept(), Kept::File);
    type_into(&mut record, 1, "in the journal");
    saver.save(&record, &[1], t0).unwrap();
    assert_eq!(saver.kept(), Kept::Journal);
    // The journal's name taken by a folder: the next change has nowhere to go.
    let journal = journal_path(&path);
    fs::remove_file(&journal).unwrap();
    fs::create_dir(&journal).unwrap();
    type_into(&mut record, 1, "; in memory only");
    let err = saver.save(&record, &[1], t0).unwrap_err();
    assert_eq!(err.path, journal, "the error names the journal");
    assert_eq!(saver.kept(), Kept::OlderFile);
}
