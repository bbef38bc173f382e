//! `phonescreen bank ...` run as a real process against the fixture banks in
//! `tests/fixtures/banks/`: every valid bank passes, every invalid one fails with
//! the place and the words a user needs to fix it.

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};

use crate::cli::{Output, phonescreen};

const MANIFEST_DIR: &str = env!("CARGO_MANIFEST_DIR");

fn fixtures(kind: &str) -> PathBuf {
    Path::new(MANIFEST_DIR)
        .join("tests/fixtures/banks")
        .join(kind)
}

/// The `.yaml` files in `dir`, sorted by name.
fn yaml_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".yaml"))
        .collect();
    names.sort();
    names
}

impl Output {
    fn error_lines(&self) -> Vec<&str> {
        self.stdout
            .lines()
            .filter(|l| l.contains(": error: "))
            .collect()
    }

    fn warning_lines(&self) -> Vec<&str> {
        self.stdout
            .lines()
            .filter(|l| l.contains(": warning: "))
            .collect()
    }
}

/// Runs the real binary in `cwd`, with its config and data folders in a fresh temporary folder.
fn run_in(cwd: &Path, config_dir: &Path, args: &[&OsStr]) -> Output {
    let data = tempfile::tempdir().unwrap();
    phonescreen(args)
        .current_dir(cwd)
        .config(config_dir)
        .data(data.path())
        .output()
}

fn run(cwd: &Path, args: &[&str]) -> Output {
    let config = tempfile::tempdir().unwrap();
    let args: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
    run_in(cwd, config.path(), &args)
}

/// Each invalid fixture, where its one error must be reported, and the words the message must use.
///
/// The location is everything between the file name and the message:
/// `:LINE:COLUMN: error: PATH:` when the place is known, `: error:` when it is not.
const INVALID: &[(&str, &str, &[&str])] = &[
    // YAML syntax and structure.
    (
        "syntax-unclosed-flow-list.yaml",
        ":4:9: error:",
        &["invalid YAML", "line 3 column 10", "not closed with `]`"],
    ),
    (
        "syntax-bad-indentation.yaml",
        ":5:4: error:",
        &["invalid YAML", "indented differently"],
    ),
    (
        "tab-indentation.yaml",
        ":7:1: error:",
        &["tab character", "spaces, not tabs"],
    ),
    (
        "unquoted-colon.yaml",
        ":8:21: error:",
        &["invalid YAML", "needs quotes"],
    ),
    (
        "unclosed-quote.yaml",
        ":9:1: error:",
        &["line 2 column 7", "missing its closing quote"],
    ),
    (
        "deep-nesting.yaml",
        ":1:129: error:",
        &["nests too deeply", "128 levels"],
    ),
    (
        "alias-bomb.yaml",
        ": error:",
        &["alias bomb", "remove the `*alias` references"],
    ),
    (
        "two-documents.yaml",
        ": error:",
        &["more than one YAML document", "one bank per file"],
    ),
    (
        "duplicate-key.yaml",
        ":9:5: error: sections[0].title:",
        &["`title` appears more than once", "keep only one"],
    ),
    (
        "yaml-tag.yaml",
        ":5:5: error: sections[0].title:",
        &["YAML tags such as `!foo`", "remove it"],
    ),
    (
        "non-string-key.yaml",
        ":7:7: error: sections[0].questions[0]:",
        &["keys must be text", "the number 42"],
    ),
    // Encoding and empty files.
    (
        "invalid-utf8.yaml",
        ":4:15: error:",
        &["not valid UTF-8", "save it as UTF-8"],
    ),
    (
        "invalid-utf8-after-unicode.yaml",
        ":4:22: error:",
        &["not valid UTF-8"],
    ),
    (
        "empty.yaml",
        ":1:1: error:",
        &["the file is empty", "`name:` and `sections:`", "bank new"],
    ),
    (
        "comments-only.yaml",
        ":1:1: error:",
        &["the file is empty", "bank new"],
    ),
    // Wrong shapes.
    (
        "top-level-list.yaml",
        ":2:1: error:",
        &["expected a bank", "found a list"],
    ),
    (
        "top-level-scalar.yaml",
        ":2:1: error:",
        &["expected a bank", "found the text `This is not a bank.`"],
    ),
    (
        "type-ask-is-list.yaml",
        ":8:9: error: sections[0].questions[0].ask:",
        &["expected text, found a list"],
    ),
    (
        "type-duration-is-text.yaml",
        ":3:1: error: duration_minutes:",
        &["expected a whole number of minutes", "the text `thirty`"],
    ),
    (
        "type-sections-is-mapping.yaml",
        ":3:1: error: sections:",
        &["expected a list of sections", "found a mapping"],
    ),
    (
        "title-is-number.yaml",
        ":5:5: error: sections[0].title:",
        &["expected text, found the number 2024", "(\"2024\")"],
    ),
    (
        "ask-is-boolean.yaml",
        ":8:9: error: sections[0].questions[0].ask:",
        &["expected text, found the boolean true", "quotes"],
    ),
    (
        "required-maybe.yaml",
        ":9:9: error: sections[0].questions[0].required:",
        &["expected true or false", "`maybe`"],
    ),
    // Unknown keys, with a hint.
    (
        "unknown-top-level-key.yaml",
        ":3:1: error: descripton:",
        &["unknown key `descripton`", "did you mean `description`?"],
    ),
    (
        "unknown-question-key.yaml",
        ":9:9: error: sections[0].questions[0].listen_fr:",
        &[
            "unknown key `listen_fr` in a question",
            "did you mean `listen_for`?",
        ],
    ),
    (
        "unknown-section-key.yaml",
        ":6:5: error: sections[0].minute:",
        &[
            "unknown key `minute` in a section",
            "did you mean `minutes`?",
        ],
    ),
    (
        "unknown-variable-key.yaml",
        ":6:5: error: variables.company.defualt:",
        &[
            "unknown key `defualt` in a variable",
            "did you mean `default`?",
        ],
    ),
    (
        "unknown-key-no-hint.yaml",
        ":9:9: error: sections[0].questions[0].banana:",
        &[
            "unknown key `banana`",
            "expected one of: id, ask, listen_for, follow_ups, tags, required",
        ],
    ),
    (
        "bom-crlf-unknown-key.yaml",
        ":9:9: error: sections[0].questions[0].folow_ups:",
        &["did you mean `follow_ups`?"],
    ),
    // Missing and empty fields.
    (
        "missing-name.yaml",
        ":2:1: error:",
        &["the bank is missing the required key `name:`"],
    ),
    (
        "missing-sections.yaml",
        ":2:1: error:",
        &["the bank is missing the required key `sections:`"],
    ),
    (
        "empty-sections.yaml",
        ":3:1: error: sections:",
        &["needs at least one section"],
    ),
    (
        "section-without-questions.yaml",
        ":11:5: error: sections[1].questions:",
        &["needs at least one question"],
    ),
    (
        "section-missing-questions.yaml",
        ":4:3: error: sections[0]:",
        &["the section is missing the required key `questions:`"],
    ),
    (
        "missing-question-id.yaml",
        ":9:7: error: sections[0].questions[1]:",
        &["the question is missing the required key `id:`"],
    ),
    (
        "missing-ask.yaml",
        ":7:7: error: sections[0].questions[0]:",
        &["the question is missing the required key `ask:`"],
    ),
    (
        "empty-ask.yaml",
        ":8:9: error: sections[0].questions[0].ask:",
        &["must not be empty"],
    ),
    (
        "null-ask.yaml",
        ":8:9: error: sections[0].questions[0].ask:",
        &["is empty; it needs some text"],
    ),
    (
        "empty-follow-up.yaml",
        ":11:11: error: sections[0].questions[0].follow_ups[1]:",
        &["must not be empty"],
    ),
    (
        "missing-variable-prompt.yaml",
        ":4:3: error: variables.company:",
        &["the variable is missing the required key `prompt:`"],
    ),
    // Ids.
    (
        "id-uppercase.yaml",
        ":4:5: error: sections[0].id:",
        &[
            "id `Opening` may use only lowercase letters",
            "such as `opening`",
        ],
    ),
    (
        "id-underscore.yaml",
        ":7:9: error: sections[0].questions[0].id:",
        &["id `recent_project`", "such as `recent-project`"],
    ),
    (
        "id-spaces.yaml",
        ":7:9: error: sections[0].questions[0].id:",
        &["id `recent project`", "such as `recent-project`"],
    ),
    (
        "duplicate-section-id.yaml",
        ":9:5: error: sections[1].id:",
        &["section id `opening` is already used by sections[0]"],
    ),
    (
        "duplicate-question-id.yaml",
        ":14:9: error: sections[1].questions[1].id:",
        &[
            "question id `why` is already used by sections[0].questions[0]",
            "unique across the bank",
        ],
    ),
    // Variables.
    (
        "undeclared-variable.yaml",
        ":13:11: error: sections[0].questions[0].follow_ups[0]:",
        &[
            "`${compnay}` is not a declared variable",
            "did you mean `${company}`?",
        ],
    ),
    (
        "malformed-variable-reference.yaml",
        ":12:9: error: sections[0].questions[0].listen_for:",
        &["`${company an`", "no closing `}`"],
    ),
    (
        "escape-then-unclosed.yaml",
        ":8:9: error: sections[0].questions[0].ask:",
        &["`${name`", "no closing `}`", "`$${` for a literal `${`"],
    ),
    (
        "variables-empty-reference.yaml",
        ":9:9: error: sections[0].questions[0].ask:",
        &["`${company}` is not a declared variable"],
    ),
    (
        "uppercase-variable-reference.yaml",
        ":11:9: error: sections[0].questions[0].ask:",
        &[
            "`${Company}` is not a valid variable reference",
            "lowercase",
        ],
    ),
    (
        "bad-variable-name.yaml",
        ":4:3: error: variables.Company-Name:",
        &["variable name `Company-Name` may use only lowercase letters"],
    ),
    (
        "id-digits-unquoted.yaml",
        ":7:9: error: sections[0].questions[0].id:",
        &[
            "found the number 007 where an id goes",
            "an id is text: write it in quotes, \"007\" for 007",
        ],
    ),
    (
        "text-is-exponent-number.yaml",
        ":5:5: error: sections[0].title:",
        // Quoted as written: `"1000.0"` would be another title.
        &["expected text, found the number 1e3", "(\"1e3\")"],
    ),
    // Numbers out of range.
    (
        "duration-zero.yaml",
        ":3:1: error: duration_minutes:",
        &["from 1 to 480, found 0"],
    ),
    (
        "duration-481.yaml",
        ":3:1: error: duration_minutes:",
        &["from 1 to 480, found 481"],
    ),
    (
        "section-minutes-negative.yaml",
        ":6:5: error: sections[0].minutes:",
        &["from 1 to 480, found -5"],
    ),
    (
        "section-minutes-fraction.yaml",
        ":6:5: error: sections[0].minutes:",
        &["whole number of minutes", "found 7.5"],
    ),
    (
        "section-minutes-whole-float.yaml",
        ":6:5: error: sections[0].minutes:",
        &["without a decimal point: 5, not 5.0"],
    ),
    // Ratings.
    (
        "ratings-one-label.yaml",
        ":3:1: error: ratings:",
        &["needs 2 to 9 rating labels, found 1"],
    ),
    (
        "ratings-ten-labels.yaml",
        ":3:1: error: ratings:",
        &["needs 2 to 9 rating labels, found 10"],
    ),
    (
        "ratings-duplicate.yaml",
        ":6:3: error: ratings[2]:",
        &["rating label `no` appears twice"],
    ),
];

/// Valid fixtures that are expected to produce warnings (all others must produce none).
const VALID_WARNINGS: &[(&str, &[&str])] = &[(
    "warnings-only.yaml",
    &[
        ":4:3: warning: variables.team: variable `team` is declared but no question uses `${team}`",
        ":6:1: warning: sections: section budgets add up to 25 minutes but duration_minutes is 30",
    ],
)];

#[test]
fn every_invalid_fixture_has_an_expectation_and_vice_versa() {
    let on_disk = yaml_files(&fixtures("invalid"));
    let in_table: Vec<&str> = INVALID.iter().map(|(name, _, _)| *name).collect();
    let untested: Vec<&String> = on_disk
        .iter()
        .filter(|f| !in_table.contains(&f.as_str()))
        .collect();
    let missing: Vec<&&str> = in_table
        .iter()
        .filter(|name| !on_disk.iter().any(|f| f == *name))
        .collect();
    assert!(
        untested.is_empty(),
        "add these invalid fixtures to INVALID in tests/it/bank_validate.rs: {untested:?}"
    );
    assert!(
        missing.is_empty(),
        "INVALID names fixtures that do not exist: {missing:?}"
    );
    let mut seen = std::collections::HashSet::new();
    for name in &in_table {
        assert!(seen.insert(name), "{name} is listed twice in INVALID");
    }
    assert!(
        on_disk.len() >= 30,
        "only {} invalid fixtures",
        on_disk.len()
    );
}

#[test]
fn every_invalid_fixture_fails_with_its_place_and_message() {
    let dir = fixtures("invalid");
    let mut failures = Vec::new();
    for (name, location, words) in INVALID {
        let out = run(&dir, &["bank", "validate", name]);
        let errors = out.error_lines();
        let prefix = format!("{name}{location} ");
        let matching = errors
            .iter()
            .find(|line| line.starts_with(&prefix) && words.iter().all(|w| line.contains(w)));
        let problem = if out.code != 1 {
            Some(format!("exit code {} instead of 1", out.code))
        } else if errors.len() != 1 {
            Some(format!(
                "{} errors instead of exactly one (each fixture has one problem)",
                errors.len()
            ))
        } else if matching.is_none() {
            Some(format!(
                "no error line starts with {prefix:?} and contains {words:?}"
            ))
        } else if !out
            .stdout
            .ends_with("1 file checked: 1 error(s), 0 warning(s)\n")
            && !out
                .stdout
                .ends_with("1 file checked: 1 error(s), 1 warning(s)\n")
        {
            Some("the summary line is missing".to_string())
        } else if !out.stderr.is_empty() {
            Some(format!("unexpected stderr: {}", out.stderr))
        } else {
            None
        };
        if let Some(problem) = problem {
            failures.push(format!("{name}: {problem}\n--- output:\n{}", out.stdout));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
}

#[test]
fn every_valid_fixture_passes() {
    let dir = fixtures("valid");
    let names = yaml_files(&dir);
    assert!(names.len() >= 5, "only {} valid fixtures", names.len());
    for name in &names {
        let out = run(&dir, &["bank", "validate", name]);
        assert_eq!(out.code, 0, "{name} should be valid:\n{}", out.stdout);
        assert!(out.error_lines().is_empty(), "{name}:\n{}", out.stdout);
        let expected: &[&str] = VALID_WARNINGS
            .iter()
            .find(|(n, _)| n == name)
            .map_or(&[], |(_, w)| w);
        let warnings = out.warning_lines();
        assert_eq!(
            warnings.len(),
            expected.len(),
            "{name}: unexpected warnings:\n{}",
            out.stdout
        );
        for want in expected {
            let want = format!("{name}{want}");
            assert!(
                warnings.iter().any(|w| w.starts_with(&want)),
                "{name}: no warning starting with {want:?}:\n{}",
                out.stdout
            );
        }
        assert!(
            out.stdout
                .ends_with(&format!("1 file valid, {} warning(s)\n", expected.len())),
            "{name}:\n{}",
            out.stdout
        );
    }
}

#[test]
fn bom_and_crlf_fixture_really_has_them() {
    // Guards the fixture itself: an editor that "fixes" it would make the test pointless.
    let bytes = fs::read(fixtures("valid").join("bom-crlf.yaml")).unwrap();
    assert!(bytes.starts_with(b"\xef\xbb\xbf"), "the BOM is gone");
    assert!(
        bytes.windows(2).any(|w| w == b"\r\n"),
        "the CRLF line ends are gone"
    );
    let bytes = fs::read(fixtures("invalid").join("invalid-utf8.yaml")).unwrap();
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "invalid-utf8.yaml became valid UTF-8"
    );
    let bytes = fs::read(fixtures("invalid").join("deep-nesting.yaml")).unwrap();
    assert!(
        bytes.starts_with(&[b'['; 10_000]),
        "deep-nesting.yaml lost its nesting"
    );
}

#[test]
fn the_shipped_banks_validate_without_warnings() {
    let dir = Path::new(MANIFEST_DIR).join("question_banks");
    let names = yaml_files(&dir);
    assert!(
        names.iter().any(|n| n == "software-engineer.yaml"),
        "the built-in bank is missing from question_banks/: {names:?}"
    );
    let mut args = vec!["bank", "validate"];
    args.extend(names.iter().map(String::as_str));
    let out = run(&dir, &args);
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert!(out.error_lines().is_empty(), "{}", out.stdout);
    assert!(out.warning_lines().is_empty(), "{}", out.stdout);
    assert!(
        out.stdout.ends_with("valid, 0 warning(s)\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_missing_file_is_one_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["bank", "validate", "no-such-bank.yaml"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert_eq!(
        out.error_lines(),
        ["no-such-bank.yaml: error: no such file; check the path and spelling"],
        "{}",
        out.stdout
    );
    assert_eq!(
        out.stdout.lines().count(),
        2,
        "error plus summary:\n{}",
        out.stdout
    );
}

#[test]
fn a_directory_is_one_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("banks")).unwrap();
    let out = run(dir.path(), &["bank", "validate", "banks"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    let errors = out.error_lines();
    assert_eq!(errors.len(), 1, "{}", out.stdout);
    assert!(
        errors[0].starts_with("banks: error: is a directory")
            && errors[0].contains("name the .yaml files inside it"),
        "{}",
        out.stdout
    );
    assert_eq!(
        out.stdout.lines().count(),
        2,
        "error plus summary:\n{}",
        out.stdout
    );
}

#[test]
fn a_file_over_one_mebibyte_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    // A comment line made huge: valid YAML, so only the size check can refuse it.
    let mut text = fs::read_to_string(fixtures("valid").join("minimal.yaml")).unwrap();
    text.push('#');
    text.push_str(&"x".repeat(1024 * 1024));
    text.push('\n');
    fs::write(dir.path().join("huge.yaml"), text).unwrap();
    let out = run(dir.path(), &["bank", "validate", "huge.yaml"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    let errors = out.error_lines();
    assert_eq!(errors.len(), 1, "{}", out.stdout);
    assert!(
        errors[0].starts_with("huge.yaml: error: the file is ")
            && errors[0].contains("limited to 1048576 bytes (1 MiB)"),
        "{}",
        out.stdout
    );
}

#[test]
fn several_files_fail_if_any_one_does() {
    let valid = fixtures("valid");
    let invalid = fixtures("invalid");
    let minimal = valid.join("minimal.yaml");
    let every_field = valid.join("every-field.yaml");
    let missing_name = invalid.join("missing-name.yaml");
    let files: Vec<&OsStr> = vec![
        minimal.as_os_str(),
        missing_name.as_os_str(),
        every_field.as_os_str(),
    ];
    let mut args = vec![OsStr::new("bank"), OsStr::new("validate")];
    args.extend(&files);
    let config = tempfile::tempdir().unwrap();
    let out = run_in(&valid, config.path(), &args);
    assert_eq!(out.code, 1, "{}", out.stdout);
    let errors = out.error_lines();
    assert_eq!(errors.len(), 1, "{}", out.stdout);
    assert!(
        errors[0].starts_with(&format!("{}:2:1: error:", missing_name.display())),
        "the error names the bad file:\n{}",
        out.stdout
    );
    assert!(
        out.stdout
            .ends_with("3 files checked: 1 error(s), 0 warning(s)\n"),
        "{}",
        out.stdout
    );

    // The bad file last, and a missing file among good ones, fail just the same.
    let nowhere = invalid.join("nowhere.yaml");
    let args = [
        OsStr::new("bank"),
        OsStr::new("validate"),
        minimal.as_os_str(),
        nowhere.as_os_str(),
    ];
    let out = run_in(&valid, config.path(), &args);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert_eq!(out.error_lines().len(), 1, "{}", out.stdout);
}

#[test]
fn all_valid_fixtures_at_once_pass() {
    let dir = fixtures("valid");
    let names = yaml_files(&dir);
    let mut args = vec!["bank", "validate"];
    args.extend(names.iter().map(String::as_str));
    let out = run(&dir, &args);
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert!(
        out.stdout.contains(&format!("{} files valid", names.len())),
        "{}",
        out.stdout
    );
}

#[test]
fn all_invalid_fixtures_at_once_report_every_file() {
    let dir = fixtures("invalid");
    let names = yaml_files(&dir);
    let mut args = vec!["bank", "validate"];
    args.extend(names.iter().map(String::as_str));
    let out = run(&dir, &args);
    assert_eq!(out.code, 1, "{}", out.stdout);
    for name in &names {
        assert!(
            out.error_lines()
                .iter()
                .any(|l| l.starts_with(&format!("{name}:"))),
            "no error reported for {name} when checked with the others:\n{}",
            out.stdout
        );
    }
    assert!(
        out.stdout.ends_with(&format!(
            "{} files checked: {} error(s), 1 warning(s)\n",
            names.len(),
            names.len()
        )),
        "{}",
        out.stdout
    );
}

#[test]
fn bank_new_writes_a_valid_bank_and_does_not_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["bank", "new", "team/screen.yaml"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stdout
            .contains("phonescreen bank validate team/screen.yaml"),
        "{}",
        out.stdout
    );
    let file = dir.path().join("team/screen.yaml");
    let written = fs::read_to_string(&file).unwrap();

    let out = run(dir.path(), &["bank", "validate", "team/screen.yaml"]);
    assert_eq!(
        out.code, 0,
        "the starter bank must validate:\n{}",
        out.stdout
    );
    assert!(out.warning_lines().is_empty(), "{}", out.stdout);

    fs::write(&file, "name: my edits\n").unwrap();
    let out = run(dir.path(), &["bank", "new", "team/screen.yaml"]);
    assert_ne!(out.code, 0, "overwrote an existing file:\n{}", out.stdout);
    assert!(
        out.stderr.contains("already exists") && out.stderr.contains("--force"),
        "{}",
        out.stderr
    );
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        "name: my edits\n",
        "the existing file was changed"
    );

    let out = run(dir.path(), &["bank", "new", "--force", "team/screen.yaml"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert_eq!(fs::read_to_string(&file).unwrap(), written);
}

#[test]
fn bank_list_shows_the_builtin_and_user_banks() {
    let config = tempfile::tempdir().unwrap();
    let banks = config.path().join("banks");
    fs::create_dir(&banks).unwrap();
    fs::copy(
        fixtures("valid").join("minimal.yaml"),
        banks.join("team.yaml"),
    )
    .unwrap();
    fs::copy(
        fixtures("invalid").join("missing-name.yaml"),
        banks.join("broken.yaml"),
    )
    .unwrap();
    fs::write(banks.join("notes.txt"), "not a bank").unwrap();
    let cwd = tempfile::tempdir().unwrap();
    let out = run_in(
        cwd.path(),
        config.path(),
        &[OsStr::new("bank"), OsStr::new("list")],
    );
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);

    let row = |key: &str| -> Vec<String> {
        let line = out
            .stdout
            .lines()
            .find(|l| l.split_whitespace().next() == Some(key))
            .unwrap_or_else(|| panic!("no row for {key}:\n{}", out.stdout));
        line.split_whitespace().map(str::to_string).collect()
    };
    let builtin = row("software-engineer");
    assert_eq!(builtin[1], "13", "{}", out.stdout);
    assert!(
        out.stdout.contains("Software engineer phone screen"),
        "{}",
        out.stdout
    );
    assert_eq!(row("team")[1], "1", "{}", out.stdout);
    assert!(out.stdout.contains("Minimal bank"), "{}", out.stdout);
    assert!(
        row("broken").iter().any(|w| w.contains("INVALID")),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("notes"), "{}", out.stdout);
    assert!(
        out.stdout.contains(&banks.display().to_string()),
        "the list says where user banks live:\n{}",
        out.stdout
    );
}
