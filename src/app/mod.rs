//! The app state machine: `Msg` in, `update` (pure) changes `AppState` and asks
//! for `Effect`s, which `run` carries out off the UI task.

mod away;
mod browser;
mod clipboard;
mod command_line;
mod commands;
mod drafts;
mod editor;
mod effect;
mod effects;
#[cfg(test)]
mod effects_tests;
mod facets;
mod input;
mod lanes;
mod list_refresh;
mod message_actions;
mod message_view;
mod msg;
mod panel;
mod picker;
mod presend_confirm;
mod run;
mod saved_replies;
mod selection;
mod signals;
mod snooze;
mod state;
mod triage_writes;
mod update;

pub use command_line::CommandLine;
pub use commands::commands;
pub use drafts::DRAFT_SAVE_DELAY;
pub use effect::{Effect, LoopEffect};
pub use facets::Facets;
pub use lanes::Lane;
pub use message_view::MessageView;
pub use msg::{LoadedThread, Msg};
pub use panel::Panel;
pub use picker::PickerView;
pub use run::run;
pub use snooze::{SnoozePreset, until_label};
pub use state::{AccountView, AppState, Focus, Notice, OpenThread, SyncState, ThreadRow};
pub use update::update;
