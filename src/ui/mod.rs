//! The views: pure functions from `&AppState` to a frame. They read state through
//! its accessors and draw only what is on screen. (The history keeps wrapped bodies
//! between frames; that saves time and changes nothing drawn.)

mod composer;
pub mod format;
mod help;
pub mod history;
mod lane_bar;
pub mod layout;
pub(crate) mod printable;
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
    let areas = Areas::new(screen.width, screen.height, state.focus());
    if let Some(area) = areas.list {
        thread_list::render(frame, area, state);
    }
    if let Some(area) = areas.history {
        history::render(frame, area, state);
    }
    if let Some(area) = areas.compose {
        composer::render(frame, area, state);
    }
    status_bar::render(frame, areas.status, state);
    snooze_menu::render(frame, screen, state);
    if state.help_open() {
        help::render(frame, screen, state);
    }
}
