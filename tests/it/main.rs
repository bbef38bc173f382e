//! Every integration test, in one binary: one module per area. A new test
//! file goes in `tests/it/` with a `mod` line below (Cargo.toml turns off
//! cargo's own discovery of `tests/*.rs`; the last test here checks that
//! nothing was left out). Insta keeps their snapshots in `tests/it/snapshots/`
//! as `it__MODULE__NAME.snap`.
//!
//! Shared helpers: `support` drives the app without a terminal, `pty` runs
//! the binary in a pseudo-terminal (the e2e bench uses it too), `cli` runs
//! the binary as a command.

mod cli;
mod pty;
mod support;

mod archive_cli;
mod bad_inputs;
mod bank_fuzz;
mod bank_validate;
mod bank_validate_output;
mod cli_output;
mod delete_cli;
mod e2e_copy;
mod e2e_input;
mod e2e_interview;
mod e2e_live_call;
mod e2e_recovery;
mod e2e_rescue;
mod export_cli;
mod import_cli;
mod keys_property;
mod limits;
mod locks_and_links;
mod output_schemas;
mod readme;
mod review_cli;
mod review_screens;
mod scenario;
mod schema;
mod scorecard_render;
mod screens;
mod shell_and_config;
mod store;
mod terminal_matrix;
mod yaml_readers;

/// With `autotests = false`, a test file cargo would once have found on its
/// own runs only if it is a module here: every `.rs` file under `tests/` is
/// one of this binary's modules, or the test would silently not run.
#[test]
fn every_test_file_is_a_module_of_this_binary() {
    let tests = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let main = std::fs::read_to_string(tests.join("it/main.rs")).unwrap();
    let mut missing = Vec::new();
    for dir in [tests.clone(), tests.join("it")] {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let Some(name) = path.file_stem().and_then(|s| s.to_str()) else {
                continue;
            };
            if path.extension().is_some_and(|e| e == "rs")
                && name != "main"
                && (dir != tests.join("it") || !main.contains(&format!("\nmod {name};")))
            {
                missing.push(path.display().to_string());
            }
        }
    }
    assert!(
        missing.is_empty(),
        "not run: move each into tests/it/ and declare it in tests/it/main.rs: {missing:?}"
    );
}
