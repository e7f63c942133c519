//! Where each pane goes for a terminal size. `update` uses the same function as
//! the views, for page sizes and mouse hits, so the two never disagree.

use crate::app::{AppState, Focus};
use ratatui::layout::{Constraint, Layout, Rect};

/// Below this width only one pane is shown: the list, or the open thread.
pub const NARROW_WIDTH: u16 = 80;
/// Status and key hints.
const STATUS_HEIGHT: u16 = 2;
/// The compose box, borders included.
const COMPOSE_HEIGHT: u16 = 7;
/// Terminal lines per thread in the list: who, where and when; then what was said.
pub const LIST_ROW_HEIGHT: u16 = 2;
/// The history's header (guest and channel; property and stay) and its rule.
pub const HISTORY_HEADER: u16 = 3;
/// The side panel's column, borders included.
pub const PANEL_WIDTH: u16 = 36;
/// From this width the side panel gets a column of its own; below, it takes the
/// history's place (the conversation would be too narrow to read beside it).
pub const PANEL_COLUMN_FROM: u16 = 120;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    pub list: Option<Rect>,
    pub history: Option<Rect>,
    pub compose: Option<Rect>,
    /// The reservation side panel, when open.
    pub panel: Option<Rect>,
    pub status: Rect,
}

impl Areas {
    /// The panes with the side panel closed.
    pub fn new(width: u16, height: u16, focus: Focus) -> Self {
        Self::with_panel(width, height, focus, false)
    }

    /// The panes as `state` shows them.
    pub fn of(state: &AppState) -> Self {
        let (width, height) = state.size();
        Self::with_panel(width, height, state.focus(), state.panel_open())
    }

    /// The panes of `state` at the moment its history is shown: the history keeps
    /// its width while the panel covers it, so its scroll is measured as it shows.
    pub fn showing_history(state: &AppState) -> Self {
        let (width, height) = state.size();
        let areas = Self::with_panel(width, height, Focus::History, state.panel_open());
        if areas.history.is_some() { areas } else { Self::new(width, height, Focus::History) }
    }

    pub fn with_panel(width: u16, height: u16, focus: Focus, panel: bool) -> Self {
        let screen = Rect::new(0, 0, width, height);
        let [main, status] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(STATUS_HEIGHT)]).areas(screen);
        let (main, panel_column) = if panel && width >= PANEL_COLUMN_FROM {
            let [main, column] =
                Layout::horizontal([Constraint::Fill(1), Constraint::Length(PANEL_WIDTH)]).areas(main);
            (main, Some(column))
        } else {
            (main, None)
        };
        let (list, thread) = if width < NARROW_WIDTH {
            // The panel is about the selected thread: it shows in that thread's place.
            match focus {
                Focus::List if !panel => (Some(main), None),
                _ => (None, Some(main)),
            }
        } else {
            let list_width = (u32::from(main.width) * 45 / 100).clamp(40, 90) as u16;
            let [list, thread] =
                Layout::horizontal([Constraint::Length(list_width), Constraint::Fill(1)]).areas(main);
            (Some(list), Some(thread))
        };
        let (mut history, compose) = match thread {
            Some(thread) => {
                let compose_height = COMPOSE_HEIGHT.min(thread.height / 2);
                let [history, compose] =
                    Layout::vertical([Constraint::Fill(1), Constraint::Length(compose_height)]).areas(thread);
                (Some(history), Some(compose))
            }
            None => (None, None),
        };
        let panel = match panel_column {
            Some(column) => Some(column),
            None if panel => history.take(),
            None => None,
        };
        Self { list, history, compose, panel, status }
    }

    /// Threads that fit in the list inside its borders.
    pub fn list_rows(&self) -> usize {
        self.list.map_or(0, |r| usize::from(r.height.saturating_sub(2) / LIST_ROW_HEIGHT))
    }

    /// Text lines of the history inside its borders and header.
    pub fn history_rows(&self) -> usize {
        self.history.map_or(0, |r| usize::from(r.height.saturating_sub(2 + HISTORY_HEADER)))
    }

    /// Text columns of the history inside its borders.
    pub fn history_width(&self) -> u16 {
        self.history.map_or(0, |r| r.width.saturating_sub(2))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_terminals_show_every_pane() {
        let areas = Areas::new(120, 40, Focus::List);
        let (list, history, compose) = (areas.list.unwrap(), areas.history.unwrap(), areas.compose.unwrap());
        assert_eq!(list.width + history.width, 120);
        assert_eq!(history.height + compose.height + areas.status.height, 40);
        assert_eq!(areas.status, Rect::new(0, 38, 120, 2));
    }

    #[test]
    fn narrow_terminals_show_one_pane_by_focus() {
        let list = Areas::new(60, 30, Focus::List);
        assert_eq!((list.list.map(|r| r.width), list.history), (Some(60), None));
        let thread = Areas::new(60, 30, Focus::Compose);
        assert_eq!((thread.list, thread.history.map(|r| r.width)), (None, Some(60)));
        assert!(thread.compose.is_some());
    }

    #[test]
    fn wide_terminals_give_the_panel_a_column_right_of_the_conversation() {
        for width in [PANEL_COLUMN_FROM, 160, 250] {
            let areas = Areas::with_panel(width, 40, Focus::List, true);
            let (list, history, panel) = (areas.list.unwrap(), areas.history.unwrap(), areas.panel.unwrap());
            assert_eq!((panel.width, panel.right(), panel.height), (PANEL_WIDTH, width, 38), "{width}");
            assert_eq!(list.width + history.width + panel.width, width);
            assert_eq!(history.right(), panel.x);
            assert!(history.width >= 40, "the conversation stays readable at {width}: {}", history.width);
            assert_eq!(areas.compose.unwrap().right(), panel.x, "the compose box keeps under the history");
        }
        let closed = Areas::with_panel(160, 40, Focus::List, false);
        assert_eq!((closed, closed.panel), (Areas::new(160, 40, Focus::List), None));
    }

    #[test]
    fn below_a_column_the_panel_takes_the_history_s_place() {
        let areas = Areas::with_panel(100, 30, Focus::History, true);
        let history_closed = Areas::new(100, 30, Focus::History).history;
        assert_eq!((areas.panel, areas.history), (history_closed, None));
        assert!(areas.list.is_some() && areas.compose.is_some());
        // Narrow: the panel shows in the thread's place whatever has the focus.
        for focus in [Focus::List, Focus::History, Focus::Compose] {
            let narrow = Areas::with_panel(60, 30, focus, true);
            assert_eq!((narrow.list, narrow.history), (None, None), "{focus:?}");
            assert_eq!(narrow.panel, Areas::new(60, 30, Focus::History).history, "{focus:?}");
            assert!(narrow.compose.is_some(), "{focus:?}");
        }
    }
}
