//! `sessions delete` and `sessions purge` through the real binary: what
//! they list, `--dry-run`, `--yes`, locks, journals, rescue copies and the
//! review index; and no deleting without a confirmation.

use crate::cli;

use std::path::{Path, PathBuf};

use cli::run;

use chrono::DateTime;
use phonescreen::store::testing::sample_record;

fn save(dir: &Path, id: &str, candidate: &str, started: &str) -> PathBuf {
    let mut r = sample_record(2, 10);
    r.candidate = candidate.into();
    r.started_at = DateTime::parse_from_rfc3339(started).unwrap();
    let path = dir.join(format!("{id}.yaml"));
    phonescreen::store::write_record(&path, &r).unwrap();
    path
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.map(|e| e.unwrap().file_name().into_string().unwrap())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn purge_lists_deletes_nothing_on_a_dry_run_and_everything_with_yes() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path();
    let sessions = data.join("sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    save(
        &sessions,
        "20200101-100000-old",
        "Old One",
        "2020-01-01T10:00:00+00:00",
    );
    std::fs::write(sessions.join(".20200101-100000-old.yaml.journal"), "").unwrap();
    // Amendments typed and not saved go with it.
    std::fs::write(sessions.join(".20200101-100000-old.yaml.amend"), "\n{}\n").unwrap();
    let rescue = data.join("rescue");
    std::fs::create_dir_all(&rescue).unwrap();
    save(
        &rescue,
        "20200101-100000-old",
        "Old One",
        "2020-01-01T10:00:00+00:00",
    );
    let recent = chrono::Utc::now().to_rfc3339();
    save(&sessions, "29990101-100000-new", "New One", &recent);
    // The review index holds the notes too.
    let (_, _, code) = run(data, &["compare"]);
    assert_eq!(code, 0);
    phonescreen::review::Archive::refresh(&sessions, |_, _| {});
    let index = sessions.join(phonescreen::review::index::INDEX_FILE);
    assert!(std::fs::read_to_string(&index).unwrap().contains("Old One"));

    let (out, err, code) = run(
        data,
        &["sessions", "purge", "--older-than", "180d", "--dry-run"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Would delete 1 interview (4 files)"), "{out}");
    assert!(
        out.contains("20200101-100000-old") && out.contains("Old One"),
        "{out}"
    );
    assert!(!out.contains("New One"), "{out}");
    assert!(out.contains("nothing was deleted"), "{out}");
    assert!(sessions.join("20200101-100000-old.yaml").exists());

    // Without a terminal to ask in, nothing goes without --yes.
    let (_, err, code) = run(data, &["sessions", "purge", "--older-than", "180d"]);
    assert_eq!(code, 1);
    assert!(err.contains("--yes"), "{err}");
    assert!(sessions.join("20200101-100000-old.yaml").exists());

    let (out, err, code) = run(
        data,
        &["sessions", "purge", "--older-than", "180d", "--yes"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Deleted 1 interview (4 files)"), "{out}");
    assert_eq!(names(&rescue), Vec::<String>::new());
    assert_eq!(
        names(&sessions),
        [
            ".review-index.json",
            ".review-index.text",
            "29990101-100000-new.yaml"
        ]
    );
    assert!(!std::fs::read_to_string(&index).unwrap().contains("Old One"));
    let text = sessions.join(phonescreen::review::index::TEXT_FILE);
    assert!(!std::fs::read_to_string(&text).unwrap().contains("Old One"));

    // --all: everything, whatever its age.
    let (out, _, _) = run(data, &["sessions", "purge", "--all", "--dry-run"]);
    assert!(out.contains("29990101-100000-new"), "{out}");
}

#[test]
fn delete_names_what_it_removes_and_refuses_an_open_interview() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path();
    let sessions = data.join("sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    let path = save(&sessions, "a", "Ada", "2025-03-04T10:00:00+00:00");
    save(&sessions, "b", "Bob", "2025-03-04T10:00:00+00:00");
    // Each with amendments typed and not saved: listed as neither an
    // interview nor a problem.
    let draft_a = phonescreen::store::amend_draft_path(&path);
    std::fs::write(&draft_a, "\n{}\n").unwrap();
    std::fs::write(sessions.join(".b.yaml.amend"), "\n{}\n").unwrap();
    let (out, err, code) = run(data, &["sessions", "list"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        !out.contains("amend") && !err.contains("amend"),
        "{out}{err}"
    );

    let (_, err, code) = run(data, &["sessions", "delete", "nobody", "--yes"]);
    assert_eq!(code, 1);
    assert!(err.contains("no interview `nobody`"), "{err}");

    let lock = phonescreen::store::SessionLock::acquire(&path).unwrap();
    let (_, err, code) = run(data, &["sessions", "delete", "a", "--yes"]);
    assert_eq!(code, 1);
    assert!(err.contains("open in another phonescreen"), "{err}");
    assert!(path.exists());
    drop(lock);

    let (out, err, code) = run(data, &["sessions", "delete", "a", "--yes"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("Will delete 1 interview") && out.contains("Ada"),
        "{out}"
    );
    assert!(!draft_a.exists(), "the amendment draft went with it");
    // (`sessions list` wrote the review index.)
    assert_eq!(
        names(&sessions),
        [
            ".b.yaml.amend",
            ".review-index.json",
            ".review-index.text",
            "b.yaml"
        ]
    );
}

#[test]
fn ages_are_read_with_units_and_bad_ones_are_clear_errors() {
    use phonescreen::cli::parse_age;
    assert_eq!(parse_age("180d").unwrap().as_secs(), 180 * 86400);
    assert_eq!(parse_age("2w").unwrap().as_secs(), 14 * 86400);
    assert_eq!(parse_age("0d").unwrap().as_secs(), 0);
    for bad in ["180", "d", "5m", "-1d", "99999999999999999999y"] {
        assert!(parse_age(bad).is_err(), "{bad}");
    }
    let tmp = tempfile::tempdir().unwrap();
    let (_, err, code) = run(
        tmp.path(),
        &["sessions", "purge", "--older-than", "1000000000y", "--yes"],
    );
    assert_eq!(code, 0, "{err}");
    let (_, err, code) = run(tmp.path(), &["sessions", "purge"]);
    assert_eq!(code, 2);
    assert!(err.contains("retention"), "{err}");
}

/// Deleting on a full disk: the interview's lock is a kernel lock, which
/// needs no room, so `delete` and `purge` go ahead (the pid is written
/// into the lock file only for messages, when it fits) and leave nothing
/// behind, not even an empty lock file.
#[test]
fn delete_and_purge_need_no_room_and_leave_nothing_behind() {
    use phonescreen::store::full_disk::FullDisk;
    let tmp = tempfile::tempdir().unwrap();
    let mut disk = FullDisk::new(&tmp.path().join("data"));
    disk.free();
    let data = disk.path().to_path_buf();
    let sessions = data.join("sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    save(
        &sessions,
        "20250304-101500-ada",
        "Ada",
        "2025-03-04T10:15:00+00:00",
    );
    save(
        &sessions,
        "20200101-100000-old",
        "Old One",
        "2020-01-01T10:00:00+00:00",
    );
    // The review index holds their names and notes too.
    let (_, err, code) = cli::run(&data, &["sessions", "list"]);
    assert_eq!(code, 0, "{err}");
    let index = sessions.join(phonescreen::review::index::INDEX_FILE);
    let text = sessions.join(phonescreen::review::index::TEXT_FILE);
    assert!(std::fs::read_to_string(&index).unwrap().contains("Ada"));
    disk.fill();

    let (out, err, code) = cli::run_with(
        &data,
        &["sessions", "delete", "20250304-101500-ada", "--yes"],
        &disk.env(),
        None,
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("Deleted 1 interview (1 file)"), "{out}");
    for file in [&index, &text] {
        let left = std::fs::read_to_string(file).unwrap_or_default();
        assert!(!left.contains("Ada"), "{file:?} still holds her: {left}");
    }
    let left: Vec<String> = names(&sessions)
        .into_iter()
        .filter(|n| !n.starts_with(".review-index"))
        .collect();
    assert_eq!(left, ["20200101-100000-old.yaml"], "{err}");

    let (out, err, code) = cli::run_with(
        &data,
        &["sessions", "purge", "--older-than", "180d", "--yes"],
        &disk.env(),
        None,
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("Deleted 1 interview (1 file)"), "{out}");
    let left: Vec<String> = names(&sessions)
        .into_iter()
        .filter(|n| !n.starts_with(".review-index"))
        .collect();
    assert_eq!(left, Vec::<String>::new(), "{err}");
}

/// Sets the modification time of the file at `path`.
fn touch_at(path: &Path, when: std::time::SystemTime) {
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(when)
        .unwrap();
}

/// A start date in the future or before 2000 never decides alone: such an
/// interview is dated by its file's time (and listed as suspect), and when
/// that is suspect too it is never deleted by age (and listed as kept). An
/// ordinary date a year or two back is not suspect.
#[test]
fn a_suspect_start_date_never_decides_alone() {
    use std::time::{Duration, SystemTime};
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path();
    let sessions = data.join("sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    let day = Duration::from_secs(24 * 3600);
    let ago = |days: u32| chrono::Utc::now() - chrono::Duration::days(days.into());
    // Recorded with the clock at 1970, the file written today: too young.
    save(
        &sessions,
        "19700101-000000-reset",
        "Clock Reset",
        "1970-01-01T00:00:00+00:00",
    );
    // Recorded with the clock far ahead, the file written 400 days ago: old.
    let ahead = save(
        &sessions,
        "29990101-000000-ahead",
        "Clock Ahead",
        "2999-01-01T00:00:00+00:00",
    );
    touch_at(&ahead, SystemTime::now() - day * 400);
    // Both the start and the file at 1970: nothing dates it.
    let both = save(
        &sessions,
        "19700101-000001-both",
        "Both Wrong",
        "1970-01-01T00:00:01+00:00",
    );
    touch_at(&both, SystemTime::UNIX_EPOCH + day);
    // An ordinary interview of 400 days ago, and one of last week.
    save(
        &sessions,
        "20251001-100000-ordinary",
        "Ordinary",
        &ago(400).to_rfc3339(),
    );
    save(
        &sessions,
        "20261130-100000-recent",
        "Recent",
        &ago(7).to_rfc3339(),
    );

    let (out, err, code) = run(
        data,
        &["sessions", "purge", "--older-than", "180d", "--dry-run"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Would delete 2 interviews"), "{out}");
    let line = |id: &str| {
        out.lines()
            .find(|l| l.contains(id))
            .unwrap_or_else(|| panic!("{id} is not listed:\n{out}"))
            .to_string()
    };
    assert!(
        line("29990101-000000-ahead")
            .contains("start date 2999-01-01 is suspect; dated by its file"),
        "{out}"
    );
    assert!(
        !line("20251001-100000-ordinary").contains("suspect"),
        "{out}"
    );
    let kept = out
        .split("Not deleted, their start dates suspect:")
        .nth(1)
        .unwrap_or_default();
    assert!(kept.contains("19700101-000000-reset"), "{out}");
    assert!(
        kept.contains("19700101-000001-both") && kept.contains("never deleted by age"),
        "{out}"
    );
    assert!(!out.contains("20261130-100000-recent"), "{out}");

    let (out, err, code) = run(
        data,
        &["sessions", "purge", "--older-than", "180d", "--yes"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Deleted 2 interviews"), "{out}");
    assert_eq!(
        names(&sessions)
            .into_iter()
            .filter(|n| n.ends_with(".yaml"))
            .collect::<Vec<_>>(),
        [
            "19700101-000000-reset.yaml",
            "19700101-000001-both.yaml",
            "20261130-100000-recent.yaml"
        ]
    );
}

/// An age under a day would delete today's interviews too: refused, unless
/// `--all` says outright that every interview goes.
#[test]
fn an_age_under_a_day_is_refused_and_all_says_everything() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path();
    let sessions = data.join("sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    let now = chrono::Utc::now().to_rfc3339();
    let today = save(&sessions, "20261207-100000-today", "Today", &now);
    save(
        &sessions,
        "19700101-000000-reset",
        "Clock Reset",
        "1970-01-01T00:00:00+00:00",
    );
    for age in ["0d", "0h", "12h"] {
        let (out, err, code) = run(data, &["sessions", "purge", "--older-than", age, "--yes"]);
        assert_eq!((out.as_str(), code), ("", 2), "{age}: {err}");
        assert!(
            err.contains("less than a day") && err.contains("--all"),
            "{age}: {err}"
        );
    }
    assert!(today.exists());
    let (out, err, code) = run(
        data,
        &["sessions", "purge", "--older-than", "24h", "--dry-run"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains("20261207-100000-today"), "{out}");

    let (_, err, code) = run(data, &["sessions", "purge", "--all", "--older-than", "1d"]);
    assert_eq!(code, 2, "{err}");
    let (out, err, code) = run(data, &["sessions", "purge", "--all", "--yes"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Deleted 2 interviews"), "{out}");

    // Nor can config.yaml set a retention under a day.
    std::fs::create_dir_all(data.join("config")).unwrap();
    std::fs::write(data.join("config/config.yaml"), "retention: 12h\n").unwrap();
    let (_, err, code) = run(data, &["sessions", "purge", "--dry-run"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("config.yaml") && err.contains("less than a day"),
        "{err}"
    );
}
