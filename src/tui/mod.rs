//! Everything that knows about the terminal. It uses the domain (`bank`,
//! `interview`, `store`); the domain never uses it.

pub mod action;
pub mod app;
pub mod editor;
pub mod event_loop;
pub mod finish;
pub mod keymap;
pub mod launcher;
pub mod live;
pub mod screens;
pub mod theme;
