//! innbox: a terminal unified inbox for property managers.
//!
//! The library holds everything; `main.rs` only parses the command line and calls in.

pub mod config;
pub mod domain;
pub mod providers;
pub mod store;
