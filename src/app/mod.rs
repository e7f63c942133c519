//! The app state machine: `Msg` in, `update` (pure) changes `AppState` and asks
//! for `Effect`s, which `run` carries out off the UI task.

mod away;
mod drafts;
mod editor;
mod effect;
mod effects;
mod input;
mod lanes;
mod list_refresh;
mod msg;
mod run;
mod selection;
mod signals;
mod snooze;
mod state;
mod triage_writes;
mod update;

pub use drafts::DRAFT_SAVE_DELAY;
pub use effect::{Effect, LoopEffect};
pub use lanes::Lane;
pub use msg::{LoadedThread, Msg};
pub use run::run;
pub use snooze::{SnoozePreset, until_label};
pub use state::{AccountView, AppState, Focus, Notice, OpenThread, SyncState, ThreadRow};
pub use update::update;
