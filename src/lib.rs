//! phonescreen: a keyboard-first terminal app for technical phone screens.
//!
//! The domain (`bank`, `interview`, `store`) never touches the terminal;
//! `tui` is the only module that does.
//!
//! The library exists for the binary, its tests, benches and fuzz targets;
//! it is not published. Items are `pub(crate)` unless `main.rs`, `tests/it`,
//! `benches/` or `fuzz/` use them (or, for now, a public item of `tui`
//! names them); test-only helpers sit behind the `test-hooks` feature
//! (`store::testing`). `fsread` is crate-only.

pub mod bank;
pub mod cli;
pub mod commands;
pub mod config;
pub mod display;
pub(crate) mod fsread;
pub mod interview;
pub mod paths;
pub mod review;
pub mod store;
pub mod tui;
pub mod yaml;
