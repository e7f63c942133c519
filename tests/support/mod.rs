//! The TUI tests' fixture: a fixed inbox (`inbox`), helpers that drive `update`
//! with it (`drive`) and draw the result (`screen`).
#![allow(dead_code)] // each test binary uses a different subset

pub mod drive;
pub mod hostile;
pub mod inbox;
pub mod lanes;
pub mod messages;
pub mod panel;
pub mod replies;
pub mod screen;
