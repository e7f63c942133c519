//! The TUI tests' fixture: a fixed inbox (`inbox`) and helpers that drive `update`
//! with it (`drive`).
#![allow(dead_code)] // each test binary uses a different subset

pub mod drive;
pub mod inbox;
