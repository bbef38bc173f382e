//! Inputs phonescreen cannot use, given to the real binary.
//!
//! Paths that never end or never answer — `/dev/zero`, a FIFO — given as a
//! bank, as `config.yaml`, or lying among the saved interviews: phonescreen
//! must answer within a second with an error that names the path and what
//! it is, never hang or fill its memory. Each run is watched: past a few
//! seconds the process is killed and the test fails as a hang, and its
//! address space is capped, so a phonescreen that reads without end fails
//! here instead of taking the machine's memory.
//!
//! Files that are there but wrong — empty after a power cut, a link to
//! nothing, a config of several documents — must be described as what they
//! are.

use crate::cli::phonescreen;
use crate::pty;

use std::ffi::CString;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::time::Duration;

/// What a run of the binary must stay within.
const ANSWER_WITHIN: Duration = Duration::from_secs(1);
/// When a run is taken for a hang and killed.
const HANG: Duration = Duration::from_secs(8);

struct Run {
    code: Option<i32>,
    took: Duration,
    stdout: String,
    stderr: String,
}

impl Run {
    fn all(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }
}

fn mkfifo(path: &Path) {
    let c = CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: mkfifo with a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

/// Runs phonescreen with `args`, its folders in `dir`, without a terminal.
fn run(dir: &Path, args: &[&str]) -> Run {
    let mut run = phonescreen(args)
        .current_dir(dir)
        .config(dir.join("config"))
        .data(dir.join("data"))
        .kill_after(HANG);
    // SAFETY: setrlimit is async-signal-safe; nothing else runs in the child.
    unsafe {
        run.command().pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: 2 << 30,
                rlim_max: 2 << 30,
            };
            libc::setrlimit(libc::RLIMIT_AS, &limit);
            Ok(())
        });
    }
    let out = run.output();
    Run {
        code: Some(out.code),
        took: out.took,
        stdout: out.stdout,
        stderr: out.stderr,
    }
}

/// Asserts the run answered in time, failed, and said each of `words`.
fn refused(run: &Run, code: i32, words: &[&str]) {
    assert!(
        run.took < ANSWER_WITHIN,
        "took {:?}:\n{}",
        run.took,
        run.all()
    );
    assert_eq!(run.code, Some(code), "{}", run.all());
    for w in words {
        assert!(run.all().contains(w), "no {w:?} in:\n{}", run.all());
    }
}

fn folders() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("config/banks")).unwrap();
    std::fs::create_dir_all(tmp.path().join("data/sessions")).unwrap();
    tmp
}

#[test]
fn dev_zero_as_the_bank_is_refused() {
    let tmp = folders();
    let out = run(tmp.path(), &["interview", "--bank", "/dev/zero"]);
    refused(&out, 2, &["/dev/zero", "is a character device, not a file"]);
}

#[test]
fn dev_zero_to_bank_validate_is_refused() {
    let tmp = folders();
    let out = run(tmp.path(), &["bank", "validate", "/dev/zero"]);
    refused(
        &out,
        1,
        &["/dev/zero: error: ", "is a character device, not a file"],
    );
}

#[test]
fn dev_zero_as_the_bank_in_config_is_refused() {
    let tmp = folders();
    std::fs::write(tmp.path().join("config/config.yaml"), "bank: /dev/zero\n").unwrap();
    let out = run(tmp.path(), &["interview"]);
    refused(&out, 2, &["/dev/zero", "is a character device, not a file"]);
}

#[test]
fn a_fifo_as_the_bank_is_refused() {
    let tmp = folders();
    let fifo = tmp.path().join("bank.yaml");
    mkfifo(&fifo);
    let out = run(tmp.path(), &["interview", "--bank", "bank.yaml"]);
    refused(
        &out,
        2,
        &["bank.yaml", "is a FIFO (named pipe), not a file"],
    );
    let out = run(tmp.path(), &["bank", "validate", "bank.yaml"]);
    refused(
        &out,
        1,
        &["bank.yaml: error: ", "is a FIFO (named pipe), not a file"],
    );
}

#[test]
fn a_fifo_among_the_user_banks_is_named_not_read() {
    let tmp = folders();
    mkfifo(&tmp.path().join("config/banks/team.yaml"));
    let out = run(tmp.path(), &["interview", "--bank", "team"]);
    refused(
        &out,
        2,
        &["team.yaml", "is a FIFO (named pipe), not a file"],
    );
    let out = run(tmp.path(), &["bank", "list"]);
    assert!(out.took < ANSWER_WITHIN, "took {:?}", out.took);
    assert_eq!(out.code, Some(0), "{}", out.all());
    assert!(out.stdout.contains("team"), "{}", out.all());
    assert!(out.stdout.contains("INVALID"), "{}", out.all());
}

#[test]
fn bank_new_never_writes_into_a_fifo() {
    let tmp = folders();
    mkfifo(&tmp.path().join("new.yaml"));
    let out = run(tmp.path(), &["bank", "new", "new.yaml", "--force"]);
    refused(&out, 2, &["new.yaml is a FIFO (named pipe), not a file"]);
}

#[test]
fn a_fifo_as_config_yaml_is_refused() {
    let tmp = folders();
    mkfifo(&tmp.path().join("config/config.yaml"));
    for args in [&["interview"][..], &["resume"], &[]] {
        let out = run(tmp.path(), args);
        refused(
            &out,
            2,
            &["config.yaml", "is a FIFO (named pipe), not a file"],
        );
    }
}

#[test]
fn dev_zero_as_config_yaml_is_refused() {
    let tmp = folders();
    std::os::unix::fs::symlink("/dev/zero", tmp.path().join("config/config.yaml")).unwrap();
    let out = run(tmp.path(), &["interview"]);
    refused(
        &out,
        2,
        &["config.yaml", "is a character device, not a file"],
    );
}

#[test]
fn a_fifo_among_the_sessions_is_skipped_by_sessions_list() {
    let tmp = folders();
    mkfifo(&tmp.path().join("data/sessions/20250101-100000-ada.yaml"));
    let out = run(tmp.path(), &["sessions", "list"]);
    assert!(out.took < ANSWER_WITHIN, "took {:?}", out.took);
    assert_eq!(out.code, Some(0), "{}", out.all());
    assert!(
        out.stderr.contains("20250101-100000-ada.yaml")
            && out.stderr.contains("is a FIFO (named pipe), not a file"),
        "{}",
        out.all()
    );
    let out = run(tmp.path(), &["sessions", "list", "--json"]);
    assert_eq!(out.stdout.trim(), "[]", "{}", out.all());
}

#[test]
fn a_fifo_or_device_at_the_review_index_is_not_read() {
    let tmp = folders();
    let sessions = tmp.path().join("data/sessions");
    mkfifo(&sessions.join(".review-index.json"));
    std::os::unix::fs::symlink("/dev/zero", sessions.join(".review-index.text")).unwrap();
    let out = run(tmp.path(), &["sessions", "list"]);
    assert!(out.took < ANSWER_WITHIN, "took {:?}", out.took);
    assert_eq!(out.code, Some(0), "{}", out.all());
    std::fs::remove_file(sessions.join(".review-index.json")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", sessions.join(".review-index.json")).unwrap();
    let out = run(tmp.path(), &["sessions", "list"]);
    assert!(out.took < ANSWER_WITHIN, "took {:?}", out.took);
    assert_eq!(out.code, Some(0), "{}", out.all());
}

#[test]
fn a_fifo_or_device_given_to_resume_is_refused() {
    let tmp = folders();
    mkfifo(&tmp.path().join("data/sessions/20250101-100000-ada.yaml"));
    let out = run(tmp.path(), &["resume", "20250101-100000-ada"]);
    refused(&out, 2, &["is a FIFO (named pipe), not a file"]);
    let out = run(tmp.path(), &["resume", "/dev/zero"]);
    refused(&out, 2, &["/dev/zero", "is a character device, not a file"]);
    // With no id, the newest interrupted interview is looked for: the FIFO is not one.
    let out = run(tmp.path(), &["resume"]);
    refused(&out, 2, &["no interrupted interview"]);
}

#[test]
fn a_fifo_among_the_sessions_does_not_stop_the_launcher() {
    let dirs = pty::Dirs::new();
    std::fs::create_dir_all(dirs.sessions()).unwrap();
    mkfifo(&dirs.sessions().join("20250101-100000-ada.yaml"));
    let mut p = pty::Pty::spawn(&dirs, &[], 200, 30, &[]);
    p.wait_for("20250101-100000-ada.yaml: it is a FIFO (named pipe), not a file");
    p.wait_for("New interview");
    p.send(pty::keys::CTRL_Q);
    assert!(p.wait_exit().success());
}

#[test]
fn an_empty_interview_file_is_described_as_cut_short() {
    let tmp = folders();
    std::fs::write(
        tmp.path().join("data/sessions/20250101-100000-ada.yaml"),
        "",
    )
    .unwrap();
    let out = run(tmp.path(), &["sessions", "list"]);
    assert_eq!(out.code, Some(0), "{}", out.all());
    assert!(
        out.stderr.contains(
            "20250101-100000-ada.yaml: it is empty (0 bytes), probably cut short by a crash or power cut"
        ),
        "{}",
        out.all()
    );
    assert!(
        !out.all().contains("not a phonescreen interview"),
        "{}",
        out.all()
    );
}

#[test]
fn links_to_nothing_say_where_they_point() {
    let tmp = folders();
    let dir = tmp.path();
    std::os::unix::fs::symlink("/nonexistent/bank.yaml", dir.join("bank.yaml")).unwrap();
    let out = run(dir, &["bank", "validate", "bank.yaml"]);
    refused(
        &out,
        1,
        &[
            "bank.yaml: error: it is a symbolic link to /nonexistent/bank.yaml, which does not exist",
        ],
    );
    let out = run(dir, &["interview", "--bank", "bank.yaml"]);
    refused(&out, 2, &["symbolic link to /nonexistent/bank.yaml"]);

    std::os::unix::fs::symlink(
        "/nonexistent/s.yaml",
        dir.join("data/sessions/20250101-100000-ada.yaml"),
    )
    .unwrap();
    let out = run(dir, &["sessions", "list"]);
    assert!(
        out.stderr
            .contains("it is a symbolic link to /nonexistent/s.yaml, which does not exist"),
        "{}",
        out.all()
    );
    assert!(
        !out.all().contains("folder does not exist"),
        "{}",
        out.all()
    );

    // The data folder itself a link to nothing: not "no interviews yet" alone.
    std::fs::remove_dir_all(dir.join("data")).unwrap();
    std::os::unix::fs::symlink("/nonexistent/data", dir.join("data")).unwrap();
    let out = run(dir, &["sessions", "list"]);
    assert!(
        out.stderr.contains(&format!(
            "{} is a symbolic link to /nonexistent/data, which does not exist",
            dir.join("data").display()
        )),
        "{}",
        out.all()
    );
}

#[test]
fn a_config_of_several_documents_gets_config_advice() {
    let tmp = folders();
    std::fs::write(
        tmp.path().join("config/config.yaml"),
        "interviewer: Grace\n---\nbell: false\n",
    )
    .unwrap();
    let out = run(tmp.path(), &["interview"]);
    refused(
        &out,
        2,
        &[
            "config.yaml",
            "more than one YAML document",
            "config.yaml holds one set of settings",
        ],
    );
    assert!(!out.all().contains("bank per file"), "{}", out.all());
}

#[test]
fn a_prep_file_that_is_no_text_file_is_refused_before_the_terminal() {
    let tmp = folders();
    let fifo = tmp.path().join("notes.md");
    mkfifo(&fifo);
    std::fs::write(tmp.path().join("cv.pdf"), b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n").unwrap();
    let start = |prep: &str| {
        run(
            tmp.path(),
            &[
                "interview",
                "--candidate",
                "Ada",
                "--role",
                "SRE",
                "--prep",
                prep,
            ],
        )
    };
    let out = start("/dev/zero");
    assert_ne!(out.code, Some(0), "{}", out.all());
    refused(
        &out,
        out.code.unwrap_or(-1),
        &["cannot use the prep file /dev/zero", "character device"],
    );
    let out = start("notes.md");
    refused(
        &out,
        out.code.unwrap_or(-1),
        &["cannot use the prep file notes.md", "FIFO"],
    );
    let out = start("cv.pdf");
    refused(
        &out,
        out.code.unwrap_or(-1),
        &[
            "cannot use the prep file cv.pdf: it is a PDF, not text",
            "paste its text into a .txt or .md file",
        ],
    );
    assert_ne!(out.code, Some(0));
    // Nothing was started, so nothing was written.
    let saved = std::fs::read_dir(tmp.path().join("data/sessions"))
        .unwrap()
        .count();
    assert_eq!(saved, 0);
}
