//! What each command-line command does, outside the terminal UI.

pub mod bank;
