//! Everything that knows about the terminal. It uses the domain (`bank`,
//! `interview`, `store`); the domain never uses it.
//!
//! - [`action`]: the one enum of everything that can happen;
//! - [`keymap`]: the key table (dispatch, help, footer, README);
//! - [`app`]: the screens and the moves between them;
//! - [`screens`]: each screen's state, `update` and drawing;
//! - [`event_loop`]: input, timer, signals and background work in, actions out;
//! - [`input`], [`signals`], [`terminal`]: reading the tty, the signal
//!   handlers, and taking and restoring the terminal;
//! - [`clipboard`]: copying text out (OSC 52, or through tmux);
//! - [`worker`]: the work done off the UI thread, reported back as actions.

pub mod action;
pub mod app;
pub mod clipboard;
pub mod editor;
pub mod event_loop;
pub mod input;
pub mod keymap;
pub mod memo;
pub mod screens;
pub mod signals;
pub mod terminal;
pub mod text;
pub mod theme;
pub mod worker;
