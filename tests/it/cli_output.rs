//! Text from files never reaches the terminal raw, and tables stay aligned.
//!
//! Every command that prints something read from a file — `sessions list`
//! (table and JSON), `bank list`, `bank validate`, error messages, the
//! goodbye after an interview — is run as a real process on files holding
//! terminal escape sequences (`ESC ] 2 ; … BEL` retitles the window, `ESC ]
//! 52 ; c ; … BEL` writes the clipboard), C1 controls and bidi overrides;
//! none may come out as it is.

use crate::pty;

use std::ffi::OsStr;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use crate::cli::{RawOutput as Output, phonescreen};

use phonescreen::store::{self, testing::sample_record};
use unicode_width::UnicodeWidthStr;

/// A candidate's name that retitles the terminal and writes the clipboard.
const HOSTILE: &str = "Eve \u{1b}]2;pwned\u{7}\u{1b}]52;c;cm0gLXJmIH4K\u{7}Hacker";
/// A role with a C1 control sequence introducer and a right-to-left override.
const HOSTILE_ROLE: &str = "Dev\u{9b}31m \u{202e}reenigne";

impl Output {
    fn stdout(&self) -> String {
        String::from_utf8(self.stdout.clone()).expect("stdout is UTF-8")
    }
    fn stderr(&self) -> String {
        String::from_utf8(self.stderr.clone()).expect("stderr is UTF-8")
    }
}

/// Runs the real binary with its config and data folders under `root`.
fn run(root: &Path, args: &[&OsStr]) -> Output {
    phonescreen(args)
        .current_dir(root)
        .config(root.join("config"))
        .data(root.join("data"))
        .output_bytes()
}

fn run_str(root: &Path, args: &[&str]) -> Output {
    let args: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
    run(root, &args)
}

/// What in `bytes` a terminal would act on: C0 controls other than line
/// feed, DEL, C1 controls (as UTF-8 or as single bytes) and bidi controls.
fn terminal_controls(bytes: &[u8]) -> Vec<String> {
    let mut found = Vec::new();
    for (i, b) in bytes.iter().enumerate() {
        if (*b < 0x20 && *b != b'\n') || *b == 0x7f {
            found.push(format!("byte {b:#04x} at {i}"));
        }
    }
    for c in String::from_utf8_lossy(bytes).chars() {
        let bidi = matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        if ('\u{80}'..='\u{9f}').contains(&c) || bidi {
            found.push(format!("{c:?}"));
        }
    }
    found
}

fn assert_inert(what: &str, out: &Output) {
    for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        let found = terminal_controls(bytes);
        assert!(
            found.is_empty(),
            "{what}: {stream} carries terminal controls {found:?}:\n{}",
            String::from_utf8_lossy(bytes).escape_debug()
        );
    }
}

/// Saves an interview with this candidate and role as `sessions/<id>.yaml`.
fn save(root: &Path, id: &str, candidate: &str, role: &str, minute: i64) {
    let sessions = root.join("data/sessions");
    fs::create_dir_all(&sessions).unwrap();
    let mut record = sample_record(3, 40);
    record.candidate = candidate.to_string();
    record.role = role.to_string();
    record.interviewer = "Grace \u{1b}[2J".to_string();
    record.started_at += chrono::Duration::minutes(minute);
    store::write_record(&sessions.join(format!("{id}.yaml")), &record).unwrap();
}

#[test]
fn sessions_list_shows_escape_sequences_as_text() {
    let root = tempfile::tempdir().unwrap();
    save(root.path(), "20250304-101500-eve", HOSTILE, HOSTILE_ROLE, 0);
    // A damaged file whose problem quotes the file, under a name that is an escape sequence.
    let sessions = root.path().join("data/sessions");
    fs::write(
        sessions.join("bad\u{1b}]2;name\u{7}.yaml"),
        "status: \"\\e]2;pwned\\a\"\n",
    )
    .unwrap();
    // A file name that is not even UTF-8, with a single-byte C1 CSI in it.
    fs::write(sessions.join(OsStr::from_bytes(b"x\x9b31m.yaml")), "x: [").unwrap();

    let out = run_str(root.path(), &["sessions", "list"]);
    assert_eq!(out.code, 0, "{}", out.stderr());
    assert_inert("sessions list", &out);
    let stdout = out.stdout();
    assert!(
        stdout.contains("Eve \\e]2;pwned\\x07"),
        "the name is shown, escapes visible:\n{stdout}"
    );
    let stderr = out.stderr();
    assert!(
        stderr.contains("bad\\e]2;name\\x07.yaml"),
        "the damaged file is named, escaped:\n{stderr}"
    );
}

#[test]
fn sessions_list_json_carries_the_exact_text_without_raw_controls() {
    let root = tempfile::tempdir().unwrap();
    save(root.path(), "20250304-101500-eve", HOSTILE, HOSTILE_ROLE, 0);
    let out = run_str(root.path(), &["sessions", "list", "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr());
    assert_inert("sessions list --json", &out);
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(list[0]["candidate"], HOSTILE, "JSON keeps the exact text");
    assert_eq!(list[0]["role"], HOSTILE_ROLE);
}

/// The display column (in terminal cells) at which `needle` starts in `line`.
fn cell_of(line: &str, needle: &str) -> usize {
    let at = line
        .find(needle)
        .unwrap_or_else(|| panic!("no {needle:?} in {line:?}"));
    line[..at].width()
}

#[test]
fn sessions_list_aligns_wide_names_by_display_width() {
    let root = tempfile::tempdir().unwrap();
    let rows = [
        ("20250304-101500-a", "Ada Lovelace", "Backend engineer"),
        ("20250304-101600-b", "山田太郎", "バックエンド"),
        // Wider than the column (22 cells): cut, never straddling it.
        (
            "20250304-101700-c",
            "山田太郎山田太郎山田太郎山田太郎",
            "Frontend",
        ),
        (
            "20250304-101800-d",
            "Zoë Ünal 🙂",
            "データ基盤エンジニアのリード",
        ),
        ("20250304-101900-e", HOSTILE, HOSTILE_ROLE),
    ];
    for (i, (id, candidate, role)) in rows.iter().enumerate() {
        save(root.path(), id, candidate, role, i as i64);
    }
    let out = run_str(root.path(), &["sessions", "list"]);
    assert_eq!(out.code, 0, "{}", out.stderr());
    let stdout = out.stdout();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1 + rows.len(), "{stdout}");
    let role_at = cell_of(lines[0], "ROLE");
    let started_at = cell_of(lines[0], "STARTED");
    let status_at = cell_of(lines[0], "STATUS");
    for line in &lines[1..] {
        assert_eq!(cell_of(line, "2025-03-04"), started_at, "{stdout}");
        assert_eq!(cell_of(line, "in_progress"), status_at, "{stdout}");
    }
    for (id, _, role) in rows {
        let line = lines.iter().find(|l| l.starts_with(id)).unwrap();
        let role_start: String = role.chars().take(3).collect();
        if !role_start.chars().any(char::is_control) {
            assert_eq!(cell_of(line, &role_start), role_at, "{stdout}");
        }
    }
    assert!(
        stdout.contains(" 山田太郎山田太郎山田…  Frontend"),
        "{stdout}"
    );
}

#[test]
fn bank_list_escapes_and_aligns() {
    let root = tempfile::tempdir().unwrap();
    let banks = root.path().join("config/banks");
    fs::create_dir_all(&banks).unwrap();
    let bank = |name: &str| {
        format!(
            "name: \"{name}\"\nsections:\n  - id: a\n    title: A\n    questions:\n      - id: q\n        ask: Why?\n"
        )
    };
    fs::write(
        banks.join("evil.yaml"),
        bank("Evil \\e]2;pwned\\a \\x9b31m"),
    )
    .unwrap();
    fs::write(
        banks.join("wide.yaml"),
        bank("面接の質問集、バックエンド開発者向けの長い名前"),
    )
    .unwrap();
    fs::write(
        banks.join("t\u{1b}]2;file\u{7}.yaml"),
        bank("Named by its file"),
    )
    .unwrap();
    let out = run_str(root.path(), &["bank", "list"]);
    assert_eq!(out.code, 0, "{}", out.stderr());
    assert_inert("bank list", &out);
    let stdout = out.stdout();
    assert!(stdout.contains("Evil \\e]2;pwned\\x07"), "{stdout}");
    let lines: Vec<&str> = stdout.lines().take_while(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 5, "{stdout}");
    let name_at = cell_of(lines[0], "NAME");
    let source_at = cell_of(lines[0], "SOURCE");
    for line in &lines[1..] {
        let source = if line.starts_with("software-engineer") {
            "built-in"
        } else {
            "/"
        };
        assert_eq!(cell_of(line, source), source_at, "{stdout}");
    }
    let wide = lines.iter().find(|l| l.starts_with("wide")).unwrap();
    assert_eq!(cell_of(wide, "面接"), name_at, "{stdout}");
}

#[test]
fn bank_validate_quotes_file_text_escaped_one_line_each() {
    let root = tempfile::tempdir().unwrap();
    let file = root.path().join("evil.yaml");
    fs::write(
        &file,
        concat!(
            "name: Evil\n",
            "\"\\e]2;pwned\\a\": 1\n",
            "\"two\\nlines\": 2\n",
            "ratings: [\"\\e]52;c;eA==\\a\", \"\\e]52;c;eA==\\a\"]\n",
            "sections:\n",
            "  - id: \"Bad\\e]2;x\\a\"\n",
            "    title: A\n",
            "    questions:\n",
            "      - id: q\n",
            "        ask: Hi\n",
        ),
    )
    .unwrap();
    let out = run(
        root.path(),
        &[OsStr::new("bank"), OsStr::new("validate"), file.as_os_str()],
    );
    assert_eq!(out.code, 1, "{}", out.stdout());
    assert_inert("bank validate", &out);
    let stdout = out.stdout();
    let errors: Vec<&str> = stdout.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(errors.len(), 4, "one line per problem:\n{stdout}");
    assert!(
        stdout.contains("unknown key `\\e]2;pwned\\x07`"),
        "{stdout}"
    );
    assert!(stdout.contains("unknown key `two\\nlines`"), "{stdout}");

    // A malformed `${...}`, quoted back.
    fs::write(
        &file,
        "name: E\nsections:\n  - id: a\n    title: A\n    questions:\n      - id: q\n        ask: \"Hi ${\\u009b31m} ${\\e]2;x\"\n",
    )
    .unwrap();
    let out = run(
        root.path(),
        &[OsStr::new("bank"), OsStr::new("validate"), file.as_os_str()],
    );
    assert_eq!(out.code, 1, "{}", out.stdout());
    assert_inert("bank validate on a malformed reference", &out);
    assert!(
        out.stdout()
            .contains("`${\\u{9b}31m}` is not a valid variable reference"),
        "{}",
        out.stdout()
    );

    // A file name that is an escape sequence is shown escaped too.
    let named = root.path().join("x\u{1b}]2;name\u{7}.yaml");
    fs::write(&named, "name: [").unwrap();
    let out = run(
        root.path(),
        &[
            OsStr::new("bank"),
            OsStr::new("validate"),
            named.as_os_str(),
        ],
    );
    assert_eq!(out.code, 1);
    assert_inert("bank validate on a hostile file name", &out);
}

#[test]
fn error_messages_quote_file_text_escaped() {
    let root = tempfile::tempdir().unwrap();
    let bank = root.path().join("evil.yaml");
    fs::write(&bank, "name: Evil\n\"\\e]2;pwned\\a\": 1\nsections: []\n").unwrap();
    let out = run(
        root.path(),
        &[
            OsStr::new("interview"),
            OsStr::new("--bank"),
            bank.as_os_str(),
        ],
    );
    assert_eq!(out.code, 2, "{}", out.stderr());
    assert_inert("a bank error", &out);
    assert!(
        out.stderr().contains("\\e]2;pwned\\x07"),
        "{}",
        out.stderr()
    );

    // config.yaml with an unknown key that is an escape sequence.
    let config = root.path().join("config");
    fs::create_dir_all(&config).unwrap();
    fs::write(config.join("config.yaml"), "\"\\e]2;pwned\\a\": 1\n").unwrap();
    let out = run_str(root.path(), &["interview"]);
    assert_eq!(out.code, 2, "{}", out.stderr());
    assert_inert("a config error", &out);
    assert!(out.stderr().contains("pwned"), "{}", out.stderr());

    // resume with an id that is an escape sequence.
    fs::remove_file(config.join("config.yaml")).unwrap();
    let out = run_str(root.path(), &["resume", "x\u{1b}]2;pwned\u{7}"]);
    assert_eq!(out.code, 2, "{}", out.stderr());
    assert_inert("resume with a hostile id", &out);
}

#[test]
fn the_goodbye_after_an_interview_names_a_hostile_file_escaped() {
    let dirs = pty::Dirs::new();
    // An interview copied to a file whose name is an escape sequence, then resumed from there.
    let mut record = sample_record(3, 40);
    record.candidate = HOSTILE.to_string();
    let copy = dirs.root.path().join("copy\u{1b}]2;pwned\u{7}.yaml");
    store::write_record(&copy, &record).unwrap();
    let mut p = pty::Pty::spawn(&dirs, &["resume", copy.to_str().unwrap()], 80, 24, &[]);
    p.wait_for("Q2/3");
    // On screen, the header shows the name's control characters as escapes.
    p.wait_for("Eve \\e]2;pwned\\x07\\e]52;c;");
    let status = p.quit();
    assert!(status.success(), "{status:?}");
    let raw = p.raw();
    pty::assert_restored(&raw);
    let after = raw
        .windows(8)
        .rposition(|w| w == b"\x1b[?1049l")
        .expect("left the alternate screen");
    let goodbye = String::from_utf8_lossy(&raw[after + 8..]).into_owned();
    assert!(
        goodbye.contains("copy\\e]2;pwned\\x07.yaml"),
        "the goodbye names the file, escaped: {goodbye:?}"
    );
    for needle in ["\u{1b}]2;", "\u{1b}]52;"] {
        let raw = String::from_utf8_lossy(&raw);
        assert!(!raw.contains(needle), "{needle:?} reached the terminal");
    }
}

/// A zero-width space makes `A\u{200b}da` read as `Ada`, someone else's
/// name, and pads its row one cell short; so do the word joiner, the
/// byte-order mark and the soft hyphen. Every table shows them as escapes,
/// measured as shown; JSON keeps the exact text.
#[test]
fn invisible_characters_are_shown_in_every_table_and_kept_in_json() {
    let root = tempfile::tempdir().unwrap();
    let spoof = "A\u{200b}da Lovelace";
    let role = "\u{feff}Dev\u{ad}";
    save(
        root.path(),
        "20250304-101500-a",
        "Ada Lovelace",
        "Backend",
        0,
    );
    save(root.path(), "20250304-101600-b", spoof, role, 1);

    let out = run_str(root.path(), &["sessions", "list"]);
    assert_eq!(out.code, 0, "{}", out.stderr());
    let stdout = out.stdout();
    assert!(stdout.contains("A\\u{200b}da Lovelace"), "{stdout}");
    assert!(stdout.contains("\\u{feff}Dev\\u{ad} "), "{stdout}");
    let lines: Vec<&str> = stdout.lines().collect();
    let status_at = cell_of(lines[0], "STATUS");
    for line in &lines[1..] {
        assert_eq!(cell_of(line, "in_progress"), status_at, "{stdout}");
    }

    let out = run_str(root.path(), &["sessions", "list", "--json"]);
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(list[0]["candidate"], spoof, "JSON keeps the exact text");
    assert_eq!(list[0]["role"], role);

    for args in [
        &["compare"][..],
        &["report"],
        &["sessions", "delete", "20250304-101600-b", "--dry-run"],
    ] {
        let out = run_str(root.path(), args);
        let text = out.stdout() + &out.stderr();
        assert!(
            !text.contains(|c: char| phonescreen::display::is_invisible(c)),
            "{args:?}: {text:?}"
        );
        if args[0] != "report" {
            assert!(text.contains("A\\u{200b}da"), "{args:?}: {text}");
        }
    }
}

/// The files `export --all`, `compare` and `report` skip are named on
/// standard error, escaped like every name from the disk.
#[test]
fn skipped_files_are_named_escaped() {
    let root = tempfile::tempdir().unwrap();
    save(root.path(), "20250304-101500-ada", "Ada", "Dev", 0);
    let sessions = root.path().join("data/sessions");
    fs::write(sessions.join("bad\u{1b}]2;name\u{7}.yaml"), "x: [").unwrap();
    for args in [&["export", "--all"][..], &["compare"], &["report"]] {
        let out = run_str(root.path(), args);
        assert_inert(&format!("{args:?}"), &out);
        assert!(
            out.stderr().contains("bad\\e]2;name\\x07.yaml"),
            "{args:?}: {}",
            out.stderr()
        );
    }
}
