//! The views: pure functions from `&AppState` to a frame. They read state through
//! its accessors and draw only what is on screen. (The history keeps wrapped bodies
//! between frames; that saves time and changes nothing drawn.)

mod command_line;
mod composer;
mod confirm;
pub mod format;
pub mod guest_text;
mod help;
pub mod history;
mod lane_bar;
pub mod layout;
mod overlay;
mod picker;
pub(crate) mod printable;
mod privacy_mask;
mod side_panel;
mod snooze_menu;
mod status_bar;
mod theme;
mod thread_list;
pub mod wrap;
mod wrapped_bodies;

use crate::app::AppState;
use layout::Areas;
use ratatui::Frame;

pub fn render(frame: &mut Frame, state: &AppState) {
    let screen = frame.area();
    let areas = Areas::with_panel(screen.width, screen.height, state.focus(), state.panel_open());
    if let Some(area) = areas.list {
        thread_list::render(frame, area, state);
    }
    if let Some(area) = areas.history {
        history::render(frame, area, state);
    }
    if let Some(area) = areas.compose {
        composer::render(frame, area, state);
    }
    if let Some(area) = areas.panel {
        side_panel::render(frame, area, state);
    }
    status_bar::render(frame, areas.status, state);
    snooze_menu::render(frame, screen, state);
    if state.help_open() {
        help::render(frame, screen, state);
    }
    picker::render(frame, screen, state);
    confirm::render(frame, screen, state);
}
