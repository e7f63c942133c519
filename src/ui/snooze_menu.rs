//! The snooze menu: four ends to choose from by number, each with its time.

use super::printable::printable;
use super::theme;
use crate::app::{AppState, until_label};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

pub fn render(frame: &mut Frame, screen: Rect, state: &AppState) {
    let Some((key, choices)) = state.snooze_menu() else { return };
    let guest = state
        .selected()
        .filter(|s| s.thread.is(key))
        .and_then(|s| s.thread.guest.name.as_deref())
        .unwrap_or("this thread");
    let mut lines: Vec<Line> = choices
        .iter()
        .enumerate()
        .filter_map(|(index, (preset, until))| {
            let until = until_label((*until)?, state.now(), state.time_zone());
            Some(Line::from(vec![
                Span::styled(format!(" {}  ", index + 1), theme::key()),
                Span::raw(format!("{:<20}", preset.label())),
                Span::styled(format!("{until} "), theme::dim()),
            ]))
        })
        .collect();
    lines.push(Line::styled(" A guest message wakes it early", theme::faint()));
    let title = format!(" Snooze {} · Esc ", super::wrap::truncate(&printable(guest), 24));
    let width = (lines.iter().map(Line::width).max().unwrap_or(0).max(title.chars().count()) + 2) as u16;
    let height = lines.len() as u16 + 2;
    let area = super::overlay::clear_centered(frame, screen, width, height);
    let block =
        Block::bordered().border_style(theme::border(true)).title(Line::styled(title, theme::title(true)));
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
