//! Every integration test, in one binary: one module per area.
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
