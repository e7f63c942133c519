//! Where each pane goes for a terminal size. `update` uses the same function as
//! the views, for page sizes and mouse hits, so the two never disagree.

use crate::app::Focus;
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    pub list: Option<Rect>,
    pub history: Option<Rect>,
    pub compose: Option<Rect>,
    pub status: Rect,
}

impl Areas {
    pub fn new(width: u16, height: u16, focus: Focus) -> Self {
        let screen = Rect::new(0, 0, width, height);
        let [main, status] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(STATUS_HEIGHT)]).areas(screen);
        let (list, thread) = if width < NARROW_WIDTH {
            match focus {
                Focus::List => (Some(main), None),
                Focus::History | Focus::Compose => (None, Some(main)),
            }
        } else {
            let list_width = (u32::from(width) * 45 / 100).clamp(40, 90) as u16;
            let [list, thread] =
                Layout::horizontal([Constraint::Length(list_width), Constraint::Fill(1)]).areas(main);
            (Some(list), Some(thread))
        };
        let (history, compose) = match thread {
            Some(thread) => {
                let compose_height = COMPOSE_HEIGHT.min(thread.height / 2);
                let [history, compose] =
                    Layout::vertical([Constraint::Fill(1), Constraint::Length(compose_height)]).areas(thread);
                (Some(history), Some(compose))
            }
            None => (None, None),
        };
        Self { list, history, compose, status }
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
}
