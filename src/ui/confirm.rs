//! The pre-send confirmation: each warning about the reply, and the two ways on.

use super::{overlay, theme, wrap};
use crate::app::AppState;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

pub fn render(frame: &mut Frame, screen: Rect, state: &AppState) {
    let Some(warnings) = state.send_warnings() else { return };
    let width = screen.width.saturating_sub(4).min(72);
    let text_width = usize::from(width.saturating_sub(4));
    let mut lines = Vec::new();
    for warning in warnings {
        for (n, line) in wrap::wrap(warning, text_width.saturating_sub(2)).into_iter().enumerate() {
            let bullet = if n == 0 { "⚠ " } else { "  " };
            lines.push(Line::from(vec![Span::styled(bullet, theme::busy()), Span::raw(line)]));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        Span::raw("Send anyway? "),
        Span::styled("y", theme::key()),
        Span::raw(" sends · "),
        Span::styled("n", theme::key()),
        Span::raw("/"),
        Span::styled("Esc", theme::key()),
        Span::raw(" goes back to the draft"),
    ]));
    let area = overlay::clear_centered(frame, screen, width, lines.len() as u16 + 2);
    let block = Block::bordered()
        .border_style(theme::border(true))
        .title(Line::styled(" Check before sending ", theme::title(true)));
    frame.render_widget(
        Paragraph::new(lines).block(block.padding(ratatui::widgets::Padding::horizontal(1))),
        area,
    );
}
