//! Drawing a state the way the app does, on a `TestBackend`.

use innbox::app::AppState;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use unicode_width::UnicodeWidthStr;

const BORDERS: &[&str] = &["│", "─", "┌", "┐", "└", "┘"];

/// Draws `state` at the size `update` laid out for, so the frame and the state agree.
/// Fails if a wide glyph covers a box border (terminals would draw it over the line).
pub fn draw(state: &AppState) -> TestBackend {
    let (width, height) = state.size();
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
    let frame = terminal.draw(|frame| innbox::ui::render(frame, state)).expect("a frame");
    // The frame as drawn, not the backend: the diff that feeds the backend skips
    // cells under a wide glyph, which is how a covered border goes missing.
    assert_no_border_covered(frame.buffer);
    terminal.backend().clone()
}

fn assert_no_border_covered(buffer: &Buffer) {
    let area = buffer.area;
    for y in area.top()..area.bottom() {
        let mut covered = 0;
        for x in area.left()..area.right() {
            let symbol = buffer[(x, y)].symbol();
            assert!(
                covered == 0 || !BORDERS.contains(&symbol),
                "the border at ({x}, {y}) is covered by the wide glyph before it"
            );
            covered = covered.max(symbol.width()).saturating_sub(1);
        }
    }
}
