//! The open thread: a header (guest, channel, property, stay, account), then the
//! messages oldest to newest, anchored on the newest. Guest, us, automations and
//! the platform each look distinct; our replies show how their delivery goes.
//! A frame measures entries from the newest back only until the screen is full, so
//! it costs the same for ten messages and for ten thousand.

use super::layout::HISTORY_HEADER;
use super::printable::printable;
use super::privacy_mask::{masked, on_screen};
use super::wrapped_bodies::wrapped;
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
use std::iter;
use std::rc::Rc;
use unicode_width::UnicodeWidthStr;

/// Longer bodies are cut here (at a char boundary): a 1 MB message must not take a
/// thousand screens.
const MAX_BODY_BYTES: usize = 64 * 1024;
/// Bodies are indented under their sender line.
const INDENT: &str = "  ";
/// The indent of the selected message: a bar down its side.
const SELECTED_INDENT: &str = "▌ ";
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

/// The text lines the thread takes at `width` (the header aside), counted from the
/// newest back and no further than `enough`: `update` only needs to know whether a
/// scroll stays inside the thread, so a key costs the scrolled distance, not the thread.
pub fn line_count_up_to(open: &OpenThread, width: u16, enough: usize) -> usize {
    newest_covering(open, usize::from(width), enough).iter().map(|(_, height)| height).sum()
}

/// Where entry `index` is at `width`: the lines of the entries below it (newer), and
/// its own height. Costs the entries from the newest back to it.
pub fn entry_extent(open: &OpenThread, width: u16, index: usize) -> (usize, usize) {
    let width = usize::from(width);
    let below = (index + 1..open.entry_count()).map(|newer| entry(open, newer).height(width)).sum();
    (below, entry(open, index).height(width))
}

/// Entries newest first with their heights, as far back as it takes to cover `enough` lines.
fn newest_covering(open: &OpenThread, width: usize, enough: usize) -> Vec<(Entry<'_>, usize)> {
    let mut covered = 0;
    let mut shown = Vec::new();
    for index in (0..open.entry_count()).rev() {
        if covered >= enough {
            break;
        }
        let entry = entry(open, index);
        let height = entry.height(width);
        covered += height;
        shown.push((entry, height));
    }
    shown
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
    let contact = [&thread.guest.phone, &thread.guest.email].into_iter().flatten();
    stay.extend(contact.map(|detail| on_screen(state, detail).into_owned()));
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
    /// Privacy mode hides its codes, phone numbers and emails.
    masked: bool,
    /// The message `y`, `o` and `v` act on: marked with a bar.
    selected: bool,
}

/// One line of an entry, before it is styled: only the lines on screen are.
enum Part<'e> {
    Sender,
    Status(&'e str),
    Body(&'e str),
    Cut,
    Attachment(&'e str),
    Blank,
}

impl Entry<'_> {
    /// The wrapped body, and whether it was cut.
    fn body_lines(&self, width: usize) -> (Rc<[String]>, bool) {
        let mut end = self.body.len().min(MAX_BODY_BYTES);
        while !self.body.is_char_boundary(end) {
            end -= 1;
        }
        (wrapped(&self.body[..end], width.saturating_sub(INDENT.len()), self.masked), end < self.body.len())
    }

    /// Sender line, a status too long for it, body, attachments, and a blank line after.
    fn height(&self, width: usize) -> usize {
        let (body, cut) = self.body_lines(width);
        1 + self.status_below(width).len() + body.len() + usize::from(cut) + self.attachments.len() + 1
    }

    /// Who wrote it; a sender named by a phone number or an email is masked too.
    fn sender(&self) -> (String, Style) {
        let (name, style) = self.unmasked_sender();
        if self.masked { (masked(&name).into_owned(), style) } else { (name, style) }
    }

    fn unmasked_sender(&self) -> (String, Style) {
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

    /// `take` lines of the entry from line `skip` on.
    fn lines(&self, state: &AppState, width: usize, skip: usize, take: usize) -> Vec<Line<'static>> {
        let status_below = self.status_below(width);
        let (body, cut) = self.body_lines(width);
        let parts = iter::once(Part::Sender)
            .chain(status_below.iter().map(|l| Part::Status(l)))
            .chain(body.iter().map(|l| Part::Body(l)))
            .chain(cut.then_some(Part::Cut))
            .chain(self.attachments.iter().map(|a| Part::Attachment(a)))
            .chain(iter::once(Part::Blank));
        let status_style = self.status.as_ref().map_or_else(Style::default, |(_, style)| *style);
        let body_style = if matches!(self.who, Who::System(_)) { theme::system() } else { Style::default() };
        let indented = |text: String, style: Style| {
            let indent =
                if self.selected { Span::styled(SELECTED_INDENT, theme::key()) } else { Span::raw(INDENT) };
            Line::from(vec![indent, Span::styled(text, style)])
        };
        parts
            .skip(skip)
            .take(take)
            .map(|part| match part {
                Part::Sender => self.sender_line(state, width, status_below.is_empty()),
                Part::Status(line) => indented(line.to_owned(), status_style),
                Part::Body(line) => indented(line.to_owned(), body_style),
                Part::Cut => indented(
                    format!("… (cut: the message is {} KB long)", self.body.len() / 1024),
                    theme::dim(),
                ),
                Part::Attachment(name) => {
                    let name = if self.masked { masked(name) } else { name.into() };
                    indented(
                        wrap::truncate(&format!("📎 {name}"), width.saturating_sub(INDENT.len())),
                        theme::dim(),
                    )
                }
                Part::Blank => Line::default(),
            })
            .collect()
    }

    /// Who, when, and the status when it fits after them; highlighted when selected
    /// and the keys are the history's.
    fn sender_line(&self, state: &AppState, width: usize, status_fits: bool) -> Line<'static> {
        let mut line = self.sender_spans(state, width, status_fits);
        if self.selected && state.focus() == Focus::History {
            line.push_span(" ".repeat(width.saturating_sub(line.width())));
            line = line.patch_style(theme::selected_row());
        }
        line
    }

    fn sender_spans(&self, state: &AppState, width: usize, status_fits: bool) -> Line<'static> {
        let (name, style) = self.sender();
        let mut sender = vec![Span::styled(wrap::truncate(&name, width / 2), style)];
        if let Some(at) = self.at {
            sender.push(Span::styled(
                format!(" · {}", format::message_time(at, state.now(), state.time_zone())),
                theme::faint(),
            ));
        }
        if let Some((status, status_style)) = self.status.as_ref().filter(|_| status_fits) {
            sender.push(Span::styled(" · ", theme::faint()));
            sender.push(Span::styled(status.clone(), *status_style));
        }
        Line::from(sender)
    }
}

fn entry(open: &OpenThread, index: usize) -> Entry<'_> {
    let masked = open.view().is_masked(index);
    let selected = open.selected_entry() == Some(index);
    let Some(m) = open.messages.get(index) else {
        let reply = &open.replies[index - open.messages.len()];
        return Entry {
            who: Who::Us { automatic: false, name: None },
            at: Some(reply.created_at),
            status: Some(delivery(reply)),
            body: &reply.body,
            attachments: Vec::new(),
            masked,
            selected,
        };
    };
    let name_or = |name: &str| m.sender.clone().unwrap_or_else(|| name.into());
    Entry {
        who: match m.direction {
            Direction::Inbound => Who::Guest(name_or(open.thread.guest.name.as_deref().unwrap_or("Guest"))),
            Direction::Outbound => Who::Us { automatic: m.automatic == Some(true), name: m.sender.clone() },
            Direction::System => Who::System(name_or("System")),
        },
        at: m.sent_at,
        // Our messages in the provider's history went out, whether or not the
        // provider reports a status for them.
        status: (m.direction == Direction::Outbound).then(|| {
            let status = printable(m.status.as_deref().unwrap_or("sent")).into_owned();
            let style = if status == "failed" { theme::error() } else { theme::faint() };
            (status, style)
        }),
        body: &m.body,
        attachments: m
            .attachments
            .iter()
            .map(|a| a.name.clone().or_else(|| a.url.clone()).unwrap_or_else(|| "attachment".into()))
            .collect(),
        masked,
        selected,
    }
}

/// How a reply's delivery is going, in words.
fn delivery(reply: &OutboxEntry) -> (String, Style) {
    let reason = printable(reply.error.as_deref().unwrap_or("no reason given"));
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
/// newest. Entries are measured from the newest back until those lines are covered.
fn visible_lines(open: &OpenThread, state: &AppState, width: usize, rows: usize) -> Vec<Line<'static>> {
    let scroll = open.scroll_from_bottom();
    let wanted = scroll.saturating_add(rows);
    let shown = newest_covering(open, width, wanted);
    let covered: usize = shown.iter().map(|(_, height)| height).sum();
    // Scrolled past the oldest message: the top of the thread shows.
    let below = if covered >= wanted { scroll } else { covered.saturating_sub(rows) };
    let end = covered - below;
    let start = end.saturating_sub(rows);
    let mut lines = Vec::with_capacity(rows);
    let mut top = 0;
    for (entry, height) in shown.into_iter().rev() {
        if top + height > start && top < end {
            let skip = start.saturating_sub(top);
            lines.extend(entry.lines(state, width, skip, end - top.max(start)));
        }
        top += height;
    }
    lines
}
