//! What every overlay (help, template picker, send confirmation) needs: a centred
//! box cleared of what is under it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::widgets::Clear;
use unicode_width::UnicodeWidthStr;

/// A `width` x `height` box in the middle of `screen`, cleared; both shrink to fit.
pub fn clear_centered(frame: &mut Frame, screen: Rect, width: u16, height: u16) -> Rect {
    let [area] =
        Layout::horizontal([Constraint::Length(width.min(screen.width))]).flex(Flex::Center).areas(screen);
    let [area] =
        Layout::vertical([Constraint::Length(height.min(screen.height))]).flex(Flex::Center).areas(area);
    blank_wide_glyphs_cut_by(frame, area);
    frame.render_widget(Clear, area);
    area
}

/// A wide glyph (CJK, emoji) just left of `area` covers the overlay's first column:
/// terminals draw it over the border, and the buffer diff skips the border cell it
/// covers. Such glyphs are blanked, as a terminal does with a half-overwritten one.
fn blank_wide_glyphs_cut_by(frame: &mut Frame, area: Rect) {
    let Some(x) = area.x.checked_sub(1) else { return };
    for y in area.top()..area.bottom() {
        if let Some(cell) = frame.buffer_mut().cell_mut((x, y)).filter(|c| c.symbol().width() > 1) {
            cell.set_symbol(" ");
        }
    }
}
