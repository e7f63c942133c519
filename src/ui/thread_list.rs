//! The thread list: two lines a thread (who, channel, property and when; then the
//! latest message and the account). Only the rows on screen are built.

use super::printable::printable;
use super::{format, lane_bar, theme, wrap};
use crate::app::{AppState, Focus, Lane, ThreadRow, until_label};
use crate::domain::Direction;
use crate::domain::sanitize::collapse_whitespace;
use crate::domain::triage::{ClockState, ReplyClock};
use crate::keymap::{Action, Context};
use crate::store::MAX_MATCHING_THREADS;
use crate::store::ThreadSummary;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

pub fn render(frame: &mut Frame, area: Rect, state: &AppState) {
    let focused = state.focus() == Focus::List && !state.help_open();
    let title = match state.is_list_partial() {
        // Counts of the newest threads only would be wrong for a moment.
        true => Line::styled(" Inbox · loading… ", theme::title(focused)),
        false => lane_bar::line(state, usize::from(area.width.saturating_sub(2)), focused),
    };
    let mut block = Block::bordered().border_style(theme::border(focused)).title(title);
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
    } else if state.thread_count() > 0 && !filter.is_empty() {
        format!("No thread in {} matches “{filter}”. Esc clears the filter.", state.lane().label())
    } else if state.thread_count() > 0 && !state.facets().is_empty() {
        let facets = printable(state.facets().label());
        format!("No thread in {} matches {facets}. Esc clears the filter.", state.lane().label())
    } else if state.thread_count() > 0 {
        let all =
            state.keymap().label(Context::List, Action::Lane(Lane::All)).unwrap_or_else(|| ":help".into());
        format!("Nothing in {}. {all} shows all threads.", state.lane().label())
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

    let (mark, mark_style) = triage_mark(summary, state);
    // Where a thread stands with us takes the account's place: that is what to act on.
    let (right, right_style) = match triage_status(summary, state) {
        Some((text, style)) => (wrap::truncate(&text, width / 2), style),
        None => (wrap::truncate(&thread.account, width / 3), theme::faint()),
    };
    let you = if summary.last_direction == Some(Direction::Outbound) { "You: " } else { "" };
    let preview =
        format!("{you}{}", collapse_whitespace(summary.preview.as_deref().unwrap_or("(no messages yet)")));
    let preview = super::privacy_mask::on_screen(state, &preview);
    let preview = wrap::truncate(&preview, width.saturating_sub(2 + right.width() + 1));
    let second = vec![
        Span::styled(mark, mark_style.patch(base)),
        Span::styled(preview.clone(), theme::dim().patch(base)),
        Span::styled(pad(width, 2 + preview.width() + right.width()), base),
        Span::styled(right, right_style.patch(base)),
    ];
    [Line::from(first), Line::from(second)]
}

/// The second line's mark: urgent, snoozed or done.
fn triage_mark(summary: &ThreadSummary, state: &AppState) -> (&'static str, Style) {
    let triage = &summary.triage;
    if triage.is_done() {
        ("✓ ", theme::ok())
    } else if triage.is_snoozed(state.now()) {
        ("z ", theme::dim())
    } else if triage.is_urgent() && triage.needs_reply() {
        ("⚑ ", theme::error())
    } else {
        ("  ", Style::new())
    }
}

/// The reply clock of a thread waiting on us, or when its snooze ends.
fn triage_status(summary: &ThreadSummary, state: &AppState) -> Option<(String, Style)> {
    if let Some(until) = summary.triage.snoozed_until().filter(|_| summary.triage.is_snoozed(state.now())) {
        return Some((format!("until {}", until_label(until, state.now(), state.time_zone())), theme::dim()));
    }
    let clock @ ReplyClock { waited, .. } = state.reply_clock(summary)?;
    let waited = waited.as_secs();
    let wait = match waited {
        s if s < 60 => "<1m".to_owned(),
        s if s < 3_600 => format!("{}m", s / 60),
        s if s < 2 * 86_400 => format!("{}h", s / 3_600),
        s => format!("{}d", s / 86_400),
    };
    Some(match clock.state() {
        ClockState::OnTime => (format!("waiting {wait}"), theme::dim()),
        ClockState::DueSoon => (format!("waiting {wait} · due soon"), theme::busy()),
        ClockState::Overdue => (format!("waiting {wait} · overdue"), theme::error()),
    })
}

/// Spaces that fill a line of `width` whose other parts take `used` columns.
fn pad(width: usize, used: usize) -> String {
    " ".repeat(width.saturating_sub(used))
}
