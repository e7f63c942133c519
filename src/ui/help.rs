//! The help overlay: every key, straight from the keymap.

use super::theme;
use crate::app::AppState;
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

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
    let [area] =
        Layout::horizontal([Constraint::Length(width.min(screen.width))]).flex(Flex::Center).areas(screen);
    let [area] =
        Layout::vertical([Constraint::Length(height.min(screen.height))]).flex(Flex::Center).areas(area);
    let block = Block::bordered()
        .border_style(theme::border(true))
        .title(Line::styled(" Keys · Esc closes ", theme::title(true)));
    blank_wide_glyphs_cut_by(frame, area);
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// A wide glyph (CJK, emoji) just left of `area` covers the overlay's first column:
/// terminals draw it over the border, and the buffer diff skips the border cell it
/// covers. Such glyphs are blanked, as a terminal does with a half-overwritten one.
pub(super) fn blank_wide_glyphs_cut_by(frame: &mut Frame, area: Rect) {
    let Some(x) = area.x.checked_sub(1) else { return };
    for y in area.top()..area.bottom() {
        if let Some(cell) = frame.buffer_mut().cell_mut((x, y)).filter(|c| c.symbol().width() > 1) {
            cell.set_symbol(" ");
        }
    }
}
