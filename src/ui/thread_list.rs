//! The thread list: two lines a thread (who, channel, property and when; then the
//! latest message and the account). Only the rows on screen are built.

use super::printable::printable;
use super::{format, theme, wrap};
use crate::app::{AppState, Focus, ThreadRow};
use crate::domain::Direction;
use crate::domain::sanitize::collapse_whitespace;
use crate::store::MAX_MATCHING_THREADS;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

pub fn render(frame: &mut Frame, area: Rect, state: &AppState) {
    let focused = state.focus() == Focus::List && !state.help_open();
    let mut block = Block::bordered()
        .border_style(theme::border(focused))
        .title(Line::styled(title(state), theme::title(focused)));
    if let Some(filter) = filter_line(state) {
        block = block.title_bottom(filter);
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if state.visible_count() == 0 {
        let lines = wrap::wrap(&empty_text(state), usize::from(inner.width));
        let text = Paragraph::new(lines.into_iter().map(Line::from).collect::<Vec<_>>()).style(theme::dim());
        frame.render_widget(text, inner);
        return;
    }
    let rows = usize::from(inner.height / super::layout::LIST_ROW_HEIGHT);
    let width = usize::from(inner.width);
    let lines: Vec<Line> = state.visible_rows(rows).flat_map(|row| row_lines(&row, width, state)).collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn title(state: &AppState) -> String {
    if state.is_list_partial() {
        // Counts of the newest threads only would be wrong for a moment.
        return " Inbox · loading… ".into();
    }
    let unread = state.unread_threads();
    let unread = if unread > 0 { format!(" · {unread} unread") } else { String::new() };
    if state.visible_count() == state.thread_count() {
        format!(" Inbox {}{unread} ", state.thread_count())
    } else {
        format!(" Inbox {} of {}{unread} ", state.visible_count(), state.thread_count())
    }
}

fn filter_line(state: &AppState) -> Option<Line<'static>> {
    let (text, editing) = state.filter();
    let text = printable(text);
    // `:filter`'s facets first: they stay while `/` filters come and go.
    let facets = printable(state.facets().label());
    let mut line = Line::default();
    if !facets.is_empty() {
        line.push_span(Span::styled(format!(" {facets} "), theme::busy()));
    }
    if editing {
        line.push_span(Span::styled(" / ", theme::key()));
        line.push_span(Span::raw(format!("{text}▏ ")));
    } else if !text.is_empty() {
        line.push_span(Span::styled(format!(" filter: {text} "), theme::busy()));
    } else if facets.is_empty() {
        return None;
    }
    let (truncated, unindexed) = state.filter_shortfall();
    if truncated {
        line.push_span(Span::styled(
            format!("newest {MAX_MATCHING_THREADS} text matches · "),
            theme::faint(),
        ));
    }
    if unindexed > 0 {
        line.push_span(Span::styled(
            format!("{unindexed} new messages not searchable yet · "),
            theme::faint(),
        ));
    }
    line.push_span(Span::styled(
        if editing { "Enter keeps · Esc clears " } else { "Esc clears " },
        theme::faint(),
    ));
    Some(line)
}

fn empty_text(state: &AppState) -> String {
    let filter = printable(state.filter().0);
    if !state.is_loaded() {
        "Loading the inbox…".into()
    } else if state.thread_count() > 0 && filter.is_empty() {
        format!("No thread matches {}. Esc clears the filter.", printable(state.facets().label()))
    } else if state.thread_count() > 0 {
        format!("No thread matches “{filter}”. Esc clears the filter.")
    } else if state.accounts().is_empty() {
        "No accounts are configured. Add one to your config (see assets/config.sample.toml), or try `innbox demo`.".into()
    } else {
        "No threads yet: innbox is syncing your accounts.".into()
    }
}

fn row_lines(row: &ThreadRow<'_>, width: usize, state: &AppState) -> [Line<'static>; 2] {
    let summary = row.summary;
    let thread = &summary.thread;
    let unread = thread.unread > 0;
    let base = if row.selected { theme::selected_row() } else { Default::default() };
    let when = summary.activity().map(|t| format::ago(state.now(), t, state.time_zone())).unwrap_or_default();
    let marker = match (unread, row.has_draft) {
        (true, true) => "●✎",
        (true, false) => "● ",
        (false, true) => " ✎",
        (false, false) => "  ",
    };
    let guest = thread.guest.name.as_deref().unwrap_or("(no name)");
    let property = thread.property_name.as_deref().or(thread.property_id.as_deref()).unwrap_or("no property");
    let details = format!(" · {} · {property}", format::channel(thread.channel.as_ref()));
    let room = width.saturating_sub(2 + when.width() + 1);
    let guest_text = wrap::truncate(guest, room);
    let details_text = wrap::truncate(&details, room.saturating_sub(guest_text.width()));
    let first = vec![
        Span::styled(marker, theme::guest().patch(base)),
        Span::styled(guest_text.clone(), if unread { theme::unread() } else { theme::dim() }.patch(base)),
        Span::styled(details_text.clone(), theme::faint().patch(base)),
        Span::styled(pad(width, 2 + guest_text.width() + details_text.width() + when.width()), base),
        Span::styled(when, if unread { theme::unread() } else { theme::dim() }.patch(base)),
    ];

    let account = wrap::truncate(&thread.account, width / 3);
    let you = if summary.last_direction == Some(Direction::Outbound) { "You: " } else { "" };
    let preview =
        format!("{you}{}", collapse_whitespace(summary.preview.as_deref().unwrap_or("(no messages yet)")));
    let preview = super::privacy_mask::on_screen(state, &preview);
    let preview = wrap::truncate(&preview, width.saturating_sub(2 + account.width() + 1));
    let second = vec![
        Span::styled("  ", base),
        Span::styled(preview.clone(), theme::dim().patch(base)),
        Span::styled(pad(width, 2 + preview.width() + account.width()), base),
        Span::styled(account, theme::faint().patch(base)),
    ];
    [Line::from(first), Line::from(second)]
}

/// Spaces that fill a line of `width` whose other parts take `used` columns.
fn pad(width: usize, used: usize) -> String {
    " ".repeat(width.saturating_sub(used))
}
