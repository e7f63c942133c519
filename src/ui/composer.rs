//! The compose box: the draft of the selected thread, or why it cannot be answered.

use super::theme;
use crate::app::{AppState, Focus};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};

pub fn render(frame: &mut Frame, area: Rect, state: &AppState) {
    let focused = state.focus() == Focus::Compose && !state.help_open();
    let block = Block::bordered().border_style(theme::border(focused));
    let Some(selected) = state.selected() else {
        let block = block.title(Line::styled(" Reply ", theme::title(focused)));
        frame.render_widget(
            Paragraph::new("Select a thread to reply to.").style(theme::faint()).block(block),
            area,
        );
        return;
    };
    if let Some(reason) = state.reply_blocked() {
        let block = block.title(Line::styled(" Reply: not possible here ", theme::title(focused)));
        let text = Paragraph::new(format!("✗ {}.", reason.trim_end_matches('.')))
            .style(theme::busy())
            .wrap(Wrap { trim: true });
        frame.render_widget(text.block(block), area);
        return;
    }
    let guest = selected.thread.guest.name.as_deref().unwrap_or("the guest");
    let hint = if focused { "Ctrl-s sends · Esc keeps the draft" } else { "r to write" };
    let block = block
        .title(Line::styled(format!(" Reply to {guest} "), theme::title(focused)))
        .title_bottom(Line::styled(format!(" {hint} "), theme::faint()));
    // The stored composer stays as `update` left it; styling is the view's business.
    let mut composer = state.composer().clone();
    composer.set_block(block);
    composer.set_cursor_line_style(Style::default());
    if focused {
        composer.set_cursor_style(Style::default().add_modifier(Modifier::REVERSED));
    } else {
        composer.set_cursor_style(Style::default());
        composer.set_placeholder_text("(no draft)");
        composer.set_placeholder_style(theme::faint());
    }
    frame.render_widget(&composer, area);
}
