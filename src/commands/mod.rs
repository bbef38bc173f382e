//! What each command-line command does.

pub mod bank;
pub mod export;
pub mod interview;
pub mod review;
pub mod sessions;
