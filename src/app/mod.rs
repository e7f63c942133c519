//! The app state machine: `Msg` in, `update` (pure) changes `AppState` and asks
//! for `Effect`s, which `run` carries out off the UI task.

mod away;
mod drafts;
mod editor;
mod effect;
mod effects;
mod input;
mod list_refresh;
mod msg;
mod panel;
mod run;
mod selection;
mod signals;
mod state;
mod update;

pub use drafts::DRAFT_SAVE_DELAY;
pub use effect::{Effect, LoopEffect};
pub use msg::{LoadedThread, Msg};
pub use panel::Panel;
pub use run::run;
pub use state::{AccountView, AppState, Focus, Notice, OpenThread, SyncState, ThreadRow};
pub use update::update;
