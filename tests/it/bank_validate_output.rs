//! `phonescreen bank validate` for CI, run as a real process: every problem
//! of a bank in one run, each at its FILE:LINE:COLUMN; `--format json` and
//! `--format github`; `-` for standard input. Fixtures live in
//! `tests/fixtures/banks/` (`together/` holds banks with many problems).

use std::fs;
use std::path::{Path, PathBuf};

use crate::cli::{Output, phonescreen};

use serde_json::Value;

const MANIFEST_DIR: &str = env!("CARGO_MANIFEST_DIR");

fn fixtures(kind: &str) -> PathBuf {
    Path::new(MANIFEST_DIR)
        .join("tests/fixtures/banks")
        .join(kind)
}

/// Runs the real binary in `cwd` with `input` on its standard input, its
/// config and data folders in a fresh temporary folder.
fn run_with_input(cwd: &Path, args: &[&str], input: &[u8]) -> Output {
    let home = tempfile::tempdir().unwrap();
    phonescreen(args)
        .current_dir(cwd)
        .config(home.path().join("config"))
        .data(home.path().join("data"))
        .input(input)
        .output()
}

fn run(cwd: &Path, args: &[&str]) -> Output {
    run_with_input(cwd, args, b"")
}

/// What `bank validate` reports for `together/every-kind.yaml`, in file
/// order: where, and the words each message must hold.
const EVERY_KIND: &[(&str, &[&str])] = &[
    (
        ":8:3: warning: variables.team:",
        &["variable `team` is declared but no question uses `${team}`"],
    ),
    (
        ":12:5: error: sections[0].title:",
        &["expected text, found the number 2024", "(\"2024\")"],
    ),
    (
        ":13:5: error: sections[0].minutes:",
        &["without a decimal point: 5, not 5.0"],
    ),
    (
        ":16:9: error: sections[0].questions[0].ask:",
        &["`${compnay}` is not a declared variable", "`${company}`?"],
    ),
    (
        ":17:9: error: sections[0].questions[0].ask:",
        &["the key `ask` appears more than once", "keep only one"],
    ),
    (
        ":18:9: error: sections[0].questions[1].id:",
        &["found the number 007 where an id goes", "\"007\" for 007"],
    ),
    (
        ":19:9: error: sections[0].questions[1].ask:",
        &["`${Company}` is not a valid variable reference"],
    ),
    (
        ":20:5: error: sections[1].id:",
        &["section id `opening` is already used by sections[0]"],
    ),
    (
        ":23:9: error: sections[1].questions[0].id:",
        &["question id `why` is already used by sections[0].questions[0]"],
    ),
    (
        ":25:9: error: sections[1].questions[0].listen_for:",
        &["`${company` has no closing `}`"],
    ),
    (
        ":26:9: error: sections[1].questions[0].follow_ups[0]:",
        &["expected text, found the number 1e3", "(\"1e3\")"],
    ),
];

#[test]
fn every_kind_of_problem_is_reported_in_one_run() {
    let out = run(
        &fixtures("together"),
        &["bank", "validate", "every-kind.yaml"],
    );
    assert_eq!(out.code, 1, "{}", out.stdout);
    let lines: Vec<&str> = out.stdout.lines().collect();
    for (i, (place, words)) in EVERY_KIND.iter().enumerate() {
        let line = lines.get(i).copied().unwrap_or_default();
        let prefix = format!("every-kind.yaml{place} ");
        assert!(
            line.starts_with(&prefix) && words.iter().all(|w| line.contains(w)),
            "line {} should start with {prefix:?} and hold {words:?}:\n{}",
            i + 1,
            out.stdout
        );
    }
    assert_eq!(
        lines.get(EVERY_KIND.len()).copied(),
        Some("1 file checked: 10 error(s), 1 warning(s)"),
        "{}",
        out.stdout
    );
    assert_eq!(lines.len(), EVERY_KIND.len() + 1, "{}", out.stdout);
}

#[test]
fn json_is_one_array_of_every_problem() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(
        fixtures("together").join("every-kind.yaml"),
        dir.path().join("every-kind.yaml"),
    )
    .unwrap();
    fs::copy(
        fixtures("valid").join("minimal.yaml"),
        dir.path().join("minimal.yaml"),
    )
    .unwrap();
    let args = [
        "bank",
        "validate",
        "--format",
        "json",
        "every-kind.yaml",
        "minimal.yaml",
        "missing.yaml",
    ];
    let out = run(dir.path(), &args);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert_eq!(out.stderr, "");
    let problems: Value = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout is not one JSON document ({e}):\n{}", out.stdout));
    let problems = problems.as_array().expect("a JSON array");
    assert_eq!(problems.len(), EVERY_KIND.len() + 1, "{}", out.stdout);
    for (problem, (place, words)) in problems.iter().zip(EVERY_KIND) {
        // `:12:5: error: sections[0].title:` as its fields.
        let (line, rest) = place[1..].split_once(':').unwrap();
        let (column, rest) = rest.split_once(": ").unwrap();
        let (severity, path) = rest.split_once(": ").unwrap();
        let expected = serde_json::json!({
            "file": "every-kind.yaml",
            "line": line.parse::<u64>().unwrap(),
            "column": column.parse::<u64>().unwrap(),
            "severity": severity,
            "path": path.trim_end_matches(':'),
            "message": problem["message"],
        });
        assert_eq!(problem, &expected, "{place}");
        let message = problem["message"].as_str().unwrap();
        assert!(
            words.iter().all(|w| message.contains(w)),
            "{place}: {message:?} should hold {words:?}"
        );
    }
    // A file that cannot be read has no line or column: the whole file.
    assert_eq!(
        problems.last().unwrap(),
        &serde_json::json!({
            "file": "missing.yaml",
            "line": null,
            "column": null,
            "severity": "error",
            "path": "",
            "message": "no such file; check the path and spelling",
        })
    );

    let valid = run(
        dir.path(),
        &["bank", "validate", "--format", "json", "minimal.yaml"],
    );
    assert_eq!(valid.code, 0, "{}", valid.stdout);
    assert_eq!(valid.stdout, "[]\n");
}

#[test]
fn json_keeps_a_files_text_as_it_is_and_escaped() {
    let dir = tempfile::tempdir().unwrap();
    // A hostile id: an escape that would retitle the terminal.
    fs::write(
        dir.path().join("b.yaml"),
        "name: B\nsections:\n  - id: \"x\\e]2;pwned\\a\"\n    title: T\n    questions:\n      - id: q\n        ask: Why?\n",
    )
    .unwrap();
    let out = run(
        dir.path(),
        &["bank", "validate", "--format", "json", "b.yaml"],
    );
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(!out.stdout.contains('\u{1b}'), "{}", out.stdout);
    let problems: Value = serde_json::from_str(&out.stdout).unwrap();
    let message = problems[0]["message"].as_str().unwrap();
    assert!(
        message.contains("id `x\u{1b}]2;pwned\u{7}`"),
        "the JSON holds the text as the file does: {message:?}"
    );
}

#[test]
fn github_annotations_name_file_line_and_column() {
    let out = run(
        &fixtures("together"),
        &["bank", "validate", "--format", "github", "every-kind.yaml"],
    );
    assert_eq!(out.code, 1, "{}", out.stdout);
    let lines: Vec<&str> = out.stdout.lines().collect();
    for (i, (place, words)) in EVERY_KIND.iter().enumerate() {
        let (line, rest) = place[1..].split_once(':').unwrap();
        let (column, rest) = rest.split_once(": ").unwrap();
        let (severity, path) = rest.split_once(": ").unwrap();
        let prefix = format!("::{severity} file=every-kind.yaml,line={line},col={column}::{path} ");
        let annotation = lines.get(i).copied().unwrap_or_default();
        assert!(
            annotation.starts_with(&prefix) && words.iter().all(|w| annotation.contains(w)),
            "annotation {} should start with {prefix:?} and hold {words:?}:\n{}",
            i + 1,
            out.stdout
        );
    }
    assert_eq!(
        lines[EVERY_KIND.len()..],
        ["1 file checked: 10 error(s), 1 warning(s)"],
        "{}",
        out.stdout
    );
}

#[test]
fn github_annotations_escape_what_would_end_or_break_them() {
    let dir = tempfile::tempdir().unwrap();
    // `,` and `:` end a property, `%` starts an escape, a line break ends
    // the command: each is percent-encoded as the runner expects.
    let name = "50%,a:b.yaml";
    fs::write(
        dir.path().join(name),
        "name: B\nsections:\n  - id: \"100%\\nsure\\r\"\n    title: T\n    questions:\n      - id: q\n        ask: Why?\n",
    )
    .unwrap();
    let out = run(
        dir.path(),
        &["bank", "validate", "--format", "github", name],
    );
    assert_eq!(out.code, 1, "{}", out.stdout);
    let annotation = out.stdout.lines().next().unwrap();
    assert!(
        annotation.starts_with("::error file=50%25%2Ca%3Ab.yaml,line=3,col=5::sections[0].id: "),
        "{annotation}"
    );
    assert!(
        annotation.contains("id `100%25%0Asure%0D` may use only")
            && annotation.ends_with("try one such as `100-sure`"),
        "{annotation}"
    );
    assert_eq!(out.stdout.lines().count(), 2, "{}", out.stdout);
}

#[test]
fn a_dash_reads_standard_input_named_stdin() {
    let text = fs::read(fixtures("together").join("every-kind.yaml")).unwrap();
    let cwd = tempfile::tempdir().unwrap();
    let out = run_with_input(cwd.path(), &["bank", "validate", "-"], &text);
    assert_eq!(out.code, 1, "{}", out.stdout);
    let first = out.stdout.lines().next().unwrap();
    assert!(
        first.starts_with("<stdin>:8:3: warning: variables.team:"),
        "{}",
        out.stdout
    );
    assert_eq!(
        out.stdout.lines().count(),
        EVERY_KIND.len() + 1,
        "{}",
        out.stdout
    );

    let json = run_with_input(
        cwd.path(),
        &["bank", "validate", "--format", "json", "-"],
        &text,
    );
    let problems: Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(problems[1]["file"], "<stdin>");
    assert_eq!(problems[1]["line"], 12);

    let github = run_with_input(
        cwd.path(),
        &["bank", "validate", "--format", "github", "-"],
        &text,
    );
    assert!(
        github
            .stdout
            .starts_with("::warning file=<stdin>,line=8,col=3::variables.team: "),
        "{}",
        github.stdout
    );

    let minimal = fs::read(fixtures("valid").join("minimal.yaml")).unwrap();
    let valid = run_with_input(cwd.path(), &["bank", "validate", "-"], &minimal);
    assert_eq!(valid.code, 0, "{}", valid.stdout);
    assert_eq!(valid.stdout, "1 file valid, 0 warning(s)\n");
}

#[test]
fn standard_input_is_read_once() {
    let minimal = fs::read(fixtures("valid").join("minimal.yaml")).unwrap();
    let cwd = tempfile::tempdir().unwrap();
    let out = run_with_input(cwd.path(), &["bank", "validate", "-", "-"], &minimal);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert_eq!(
        out.stdout,
        "<stdin>: error: standard input was already read for an earlier `-`; name `-` once\n\
         2 files checked: 1 error(s), 0 warning(s)\n"
    );
}

#[test]
fn standard_input_over_one_mebibyte_is_refused() {
    let mut text = fs::read(fixtures("valid").join("minimal.yaml")).unwrap();
    text.extend(b"\n#");
    text.extend(std::iter::repeat_n(b'x', 1024 * 1024));
    let cwd = tempfile::tempdir().unwrap();
    let out = run_with_input(cwd.path(), &["bank", "validate", "-"], &text);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(
        out.stdout.starts_with("<stdin>: error: the file is ")
            && out.stdout.contains("limited to 1048576 bytes (1 MiB)"),
        "{}",
        out.stdout
    );
}
