//! The open thread: a header (guest, channel, property, stay, account), then the
//! messages oldest to newest, anchored on the newest. Guest, us, automations and
//! the platform each look distinct; our replies show how their delivery goes.

use super::layout::HISTORY_HEADER;
use super::{format, theme, wrap};
use crate::app::{AppState, Focus, OpenThread};
use crate::domain::{Direction, Thread};
use crate::store::{OutboxEntry, OutboxState};
use jiff::Timestamp;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

/// Longer bodies are cut here: a 1 MB message must not take a thousand screens.
const MAX_BODY_CHARS: usize = 20_000;
/// Bodies are indented under their sender line.
const INDENT: &str = "  ";
/// The widest time a sender line shows (`Dec 28 2025 15:00`). Whether a status
/// fits after it is decided with this, so an entry's height does not need the clock.
const TIME_WIDTH: usize = 17;

pub fn render(frame: &mut Frame, area: Rect, state: &AppState) {
    let focused = state.focus() == Focus::History && !state.help_open();
    let block = Block::bordered()
        .border_style(theme::border(focused))
        .title(Line::styled(" Conversation ", theme::title(focused)));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(open) = state.open_thread() else {
        let text = if state.selected().is_some() { "Loading…" } else { "Select a thread to read it." };
        frame.render_widget(Paragraph::new(text).style(theme::dim()), inner);
        return;
    };
    let width = usize::from(inner.width);
    let mut lines = header(&open.thread, state, width);
    let rows = usize::from(inner.height.saturating_sub(HISTORY_HEADER));
    lines.extend(visible_lines(open, state, width, rows));
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The number of text lines the thread takes at `width` (the header aside); `update`
/// uses it to keep scrolling inside the thread.
pub fn line_count(open: &OpenThread, width: u16) -> usize {
    entries(open).iter().map(|e| e.height(usize::from(width))).sum()
}

fn header(thread: &Thread, state: &AppState, width: usize) -> Vec<Line<'static>> {
    let guest = thread.guest.name.clone().unwrap_or_else(|| "(no name)".into());
    let first = format!(
        " · {} · {} ({})",
        format::channel(thread.channel.as_ref()),
        thread.account,
        thread.provider.display_name()
    );
    let mut stay = Vec::new();
    match (&thread.property_name, &thread.property_id) {
        (Some(name), _) => stay.push(name.clone()),
        (None, Some(id)) => stay.push(format!("property {id}")),
        (None, None) => {}
    }
    if let Some(reservation) = &thread.reservation {
        let today = state.now().to_zoned(state.time_zone().clone()).date();
        match (reservation.check_in, reservation.check_out) {
            (Some(from), Some(to)) => {
                stay.push(format!("{} – {}", format::short_date(from, today), format::short_date(to, today)))
            }
            (Some(from), None) => stay.push(format!("from {}", format::short_date(from, today))),
            _ => {}
        }
        stay.push(format!("reservation {}", reservation.id));
    }
    stay.extend(thread.guest.phone.clone());
    stay.extend(thread.guest.email.clone());
    let guest_text = wrap::truncate(&guest, width);
    vec![
        Line::from(vec![
            Span::styled(guest_text.clone(), theme::guest()),
            Span::styled(wrap::truncate(&first, width.saturating_sub(guest_text.width())), theme::dim()),
        ]),
        Line::styled(wrap::truncate(&stay.join(" · "), width), theme::dim()),
        Line::styled("─".repeat(width), theme::faint()),
    ]
}

/// Who wrote an entry, as the sender line shows it.
enum Who {
    Guest(String),
    Us { automatic: bool, name: Option<String> },
    System(String),
}

struct Entry<'a> {
    who: Who,
    at: Option<Timestamp>,
    /// Delivery or provider status, shown after the time.
    status: Option<(String, Style)>,
    body: &'a str,
    attachments: Vec<String>,
}

impl Entry<'_> {
    fn body_lines(&self, width: usize) -> Vec<String> {
        let cut = self.body.char_indices().nth(MAX_BODY_CHARS).map(|(i, _)| i);
        let mut lines =
            wrap::wrap(&self.body[..cut.unwrap_or(self.body.len())], width.saturating_sub(INDENT.len()));
        if cut.is_some() {
            lines.push(format!("… (cut: the message is {} characters long)", self.body.chars().count()));
        }
        lines
    }

    /// Sender line, a status too long for it, body, attachments, and a blank line after.
    fn height(&self, width: usize) -> usize {
        1 + self.status_below(width).len() + self.body_lines(width).len() + self.attachments.len() + 1
    }

    fn sender(&self) -> (String, Style) {
        match &self.who {
            Who::Guest(name) => (name.clone(), theme::guest()),
            Who::Us { automatic: true, name } => {
                (format!("{} (automated)", name.as_deref().unwrap_or("You")), theme::automated())
            }
            Who::Us { automatic: false, name } => (name.clone().unwrap_or_else(|| "You".into()), theme::us()),
            Who::System(name) => (format!("⚙ {name}"), theme::system()),
        }
    }

    /// The status wrapped on lines of its own, when it does not fit after the sender
    /// and time: a failure's reason and what to do about it must not be cut off.
    fn status_below(&self, width: usize) -> Vec<String> {
        let Some((status, _)) = &self.status else { return Vec::new() };
        let name = wrap::truncate(&self.sender().0, width / 2).width();
        let time = if self.at.is_some() { " · ".width() + TIME_WIDTH } else { 0 };
        if name + time + " · ".width() + status.width() <= width {
            return Vec::new();
        }
        wrap::wrap(status, width.saturating_sub(INDENT.len()))
    }

    fn lines(&self, state: &AppState, width: usize) -> Vec<Line<'static>> {
        let (name, style) = self.sender();
        let mut sender = vec![Span::styled(wrap::truncate(&name, width / 2), style)];
        if let Some(at) = self.at {
            sender.push(Span::styled(
                format!(" · {}", format::message_time(at, state.now(), state.time_zone())),
                theme::faint(),
            ));
        }
        let status_below = self.status_below(width);
        if let Some((status, status_style)) = self.status.as_ref().filter(|_| status_below.is_empty()) {
            sender.push(Span::styled(" · ", theme::faint()));
            sender.push(Span::styled(status.clone(), *status_style));
        }
        let body_style = if matches!(self.who, Who::System(_)) { theme::system() } else { Style::default() };
        let mut lines = vec![Line::from(sender)];
        if let Some((_, status_style)) = &self.status {
            lines.extend(
                status_below.into_iter().map(|l| Line::styled(format!("{INDENT}{l}"), *status_style)),
            );
        }
        lines.extend(
            self.body_lines(width).into_iter().map(|l| Line::styled(format!("{INDENT}{l}"), body_style)),
        );
        lines.extend(
            self.attachments
                .iter()
                .map(|a| Line::styled(wrap::truncate(&format!("{INDENT}📎 {a}"), width), theme::dim())),
        );
        lines.push(Line::default());
        lines
    }
}

fn entries(open: &OpenThread) -> Vec<Entry<'_>> {
    let guest_name = open.thread.guest.name.clone().unwrap_or_else(|| "Guest".into());
    let synced = open.messages.iter().map(|m| Entry {
        who: match m.direction {
            Direction::Inbound => Who::Guest(m.sender.clone().unwrap_or_else(|| guest_name.clone())),
            Direction::Outbound => Who::Us { automatic: m.automatic == Some(true), name: m.sender.clone() },
            Direction::System => Who::System(m.sender.clone().unwrap_or_else(|| "System".into())),
        },
        at: m.sent_at,
        // Our messages in the provider's history went out, whether or not the
        // provider reports a status for them.
        status: (m.direction == Direction::Outbound).then(|| {
            let status = m.status.clone().unwrap_or_else(|| "sent".into());
            let style = if status == "failed" { theme::error() } else { theme::faint() };
            (status, style)
        }),
        body: &m.body,
        attachments: m
            .attachments
            .iter()
            .map(|a| a.name.clone().or_else(|| a.url.clone()).unwrap_or_else(|| "attachment".into()))
            .collect(),
    });
    let pending = open.replies.iter().map(|reply| Entry {
        who: Who::Us { automatic: false, name: None },
        at: Some(reply.created_at),
        status: Some(delivery(reply)),
        body: &reply.body,
        attachments: Vec::new(),
    });
    synced.chain(pending).collect()
}

/// How a reply's delivery is going, in words.
fn delivery(reply: &OutboxEntry) -> (String, Style) {
    let reason = reply.error.as_deref().unwrap_or("no reason given");
    match reply.state {
        OutboxState::Queued if reply.error.is_some() => {
            (format!("queued, will retry: {reason}"), theme::busy())
        }
        OutboxState::Queued => ("queued".into(), theme::busy()),
        OutboxState::Sending => ("sending…".into(), theme::busy()),
        OutboxState::Sent => ("sent".into(), theme::ok()),
        OutboxState::Unknown => {
            ("not confirmed yet: checking the thread before any resend".into(), theme::busy())
        }
        OutboxState::Failed => (format!("failed: {reason} (R sends it again)"), theme::error()),
    }
}

/// The lines on screen: `rows` of them, ending `scroll_from_bottom` lines above the
/// newest. Only entries that reach the screen are turned into lines.
fn visible_lines(open: &OpenThread, state: &AppState, width: usize, rows: usize) -> Vec<Line<'static>> {
    let entries = entries(open);
    let heights: Vec<usize> = entries.iter().map(|e| e.height(width)).collect();
    let total: usize = heights.iter().sum();
    let end = total.saturating_sub(open.scroll_from_bottom()).max(rows.min(total));
    let start = end.saturating_sub(rows);
    let mut lines = Vec::with_capacity(rows);
    let mut top = 0;
    for (entry, height) in entries.iter().zip(heights) {
        if top + height > start && top < end {
            let entry_lines = entry.lines(state, width);
            let skip = start.saturating_sub(top);
            lines.extend(entry_lines.into_iter().skip(skip).take(end - top.max(start)));
        }
        top += height;
    }
    lines
}
