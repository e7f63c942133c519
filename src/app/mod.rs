//! The app state machine: `Msg` in, `update` (pure) changes `AppState` and asks
//! for `Effect`s, which `run` carries out off the UI task.

mod away;
mod command_line;
mod commands;
mod drafts;
mod editor;
mod effect;
mod effects;
mod facets;
mod input;
mod list_refresh;
mod msg;
mod run;
mod selection;
mod signals;
mod state;
mod update;

pub use command_line::CommandLine;
pub use commands::commands;
pub use drafts::DRAFT_SAVE_DELAY;
pub use effect::{Effect, LoopEffect};
pub use facets::Facets;
pub use msg::{LoadedThread, Msg};
pub use run::run;
pub use state::{AccountView, AppState, Focus, Notice, OpenThread, SyncState, ThreadRow};
pub use update::update;
