//! phonescreen: a keyboard-first terminal app for technical phone screens.
//!
//! The domain (`bank`, `interview`, `store`) never touches the terminal;
//! `tui` is the only module that does.

pub mod bank;
pub mod cli;
pub mod commands;
pub mod config;
pub mod display;
pub mod fsread;
pub mod interview;
pub mod paths;
pub mod review;
pub mod store;
pub mod tui;
pub mod yaml;
