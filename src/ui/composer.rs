//! The compose box: the draft of the selected thread, or why it cannot be answered.

use super::printable::printable;
use super::{theme, wrap};
use crate::app::{AppState, Focus};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};
use ratatui_textarea::{CursorMove, TextArea};
use std::borrow::Cow;

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
        let reason = format!("✗ {}.", reason.trim_end_matches('.'));
        let lines = wrap::wrap(&reason, usize::from(block.inner(area).width));
        let text = Paragraph::new(lines.into_iter().map(Line::from).collect::<Vec<_>>()).style(theme::busy());
        frame.render_widget(text.block(block), area);
        return;
    }
    let guest = printable(selected.thread.guest.name.as_deref().unwrap_or("the guest"));
    let hint = if focused { "Ctrl-s sends · Esc keeps the draft" } else { "r to write" };
    let block = block
        .title(Line::styled(format!(" Reply to {guest} "), theme::title(focused)))
        .title_bottom(Line::styled(format!(" {hint} "), theme::faint()));
    // The stored composer stays as `update` left it; styling is the view's business.
    let mut composer = printable_copy(state.composer());
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

/// A copy of the composer to style and draw. Paste is cleaned as it arrives, but a
/// draft saved by an older version (or by hand) is drawn through [`printable`] too.
fn printable_copy(composer: &TextArea<'static>) -> TextArea<'static> {
    let lines: Vec<Cow<str>> = composer.lines().iter().map(|line| printable(line)).collect();
    if lines.iter().all(|line| matches!(line, Cow::Borrowed(_))) {
        return composer.clone();
    }
    let (row, column) = (composer.cursor().0, composer.cursor().1);
    let mut copy = TextArea::new(lines.into_iter().map(Cow::into_owned).collect());
    copy.set_wrap_mode(composer.wrap_mode());
    copy.move_cursor(CursorMove::Jump(
        u16::try_from(row).unwrap_or(u16::MAX),
        u16::try_from(column).unwrap_or(u16::MAX),
    ));
    copy
}
