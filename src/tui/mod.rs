//! Everything that knows about the terminal. It uses the domain (`bank`,
//! `interview`, `store`); the domain never uses it.
//!
//! - [`command`]: what a key means; [`event`]: what happened (clock,
//!   terminal, signals, background work);
//! - [`keymap`]: the key tables (dispatch, help, footer, README, config.yaml's `keys:`);
//! - [`modes`]: each screen's modes, by which keys are read;
//! - [`app`]: the screens and the moves between them;
//! - [`screens`]: each screen's state, `update` and drawing;
//! - [`event_loop`]: input, timer, signals and background work in, commands and events out;
//! - [`input`], [`signals`], [`terminal`]: reading the tty, the signal
//!   handlers, and taking and restoring the terminal;
//! - [`clipboard`]: copying text out (OSC 52, or through tmux);
//! - [`worker`]: the work done off the UI thread, reported back as actions.

pub mod app;
pub mod clipboard;
pub mod command;
pub mod editor;
pub mod event;
pub mod event_loop;
pub mod input;
pub mod keymap;
pub mod memo;
pub mod messages;
pub mod modes;
pub mod screens;
pub mod signals;
pub mod terminal;
pub mod theme;
pub mod worker;
