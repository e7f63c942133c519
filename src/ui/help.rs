//! The help overlay: every key, straight from the keymap.

use super::{overlay, theme};
use crate::app::AppState;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

pub fn render(frame: &mut Frame, screen: Rect, state: &AppState) {
    let entries = state.keymap().help();
    let key_width = entries.iter().map(|e| e.keys.chars().count()).max().unwrap_or(0);
    let lines: Vec<Line> = entries
        .iter()
        .map(|e| {
            Line::from(vec![
                Span::styled(format!(" {:<key_width$}  ", e.keys), theme::key()),
                Span::raw(e.description),
            ])
        })
        .collect();
    let width = lines.iter().map(Line::width).max().unwrap_or(0) as u16 + 3;
    let height = lines.len() as u16 + 2;
    let area = overlay::clear_centered(frame, screen, width, height);
    let block = Block::bordered()
        .border_style(theme::border(true))
        .title(Line::styled(" Keys · Esc closes ", theme::title(true)));
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
