//! innbox: a terminal unified inbox for property managers.
//!
//! The library holds everything; `main.rs` only parses the command line and calls in.
//! Data flows one way: `providers` map each vendor's wire format into `domain` types,
//! `sync` writes them to the `store` and reports `SyncEvent`s, and the front ends
//! read the store and consume the events: `cli` (headless commands) and the inbox,
//! which is `app` (the pure state machine and its run loop), `ui` (views of
//! `&AppState`), `keymap` and `tui` (the terminal guard). `replies` holds the saved
//! reply templates the inbox offers (the checks before any reply is sent are
//! `domain::presend`). `sim` is the built-in simulator of the four provider APIs;
//! nothing else depends on it.

pub mod app;
pub mod cli;
pub mod config;
pub mod domain;
pub mod keymap;
pub mod logging;
pub mod providers;
pub mod replies;
pub mod sim;
pub mod store;
pub mod sync;
pub mod tui;
pub mod ui;
