//! The reservation side panel: the selected thread's guest and contact, stay,
//! account and what the provider allows, then the threads possibly with the same
//! guest. Its lines are few (a match takes three), so a frame builds them all and
//! shows the window that keeps the picked match in view.

use super::{format, guest_text, theme, wrap};
use crate::app::{AppState, Panel};
use crate::domain::Thread;
use crate::domain::capabilities::capabilities;
use crate::domain::guest_match::{MatchReason, SameGuest};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

/// The width of a field's label, so values line up.
const LABEL: usize = 10;

pub fn render(frame: &mut Frame, area: Rect, state: &AppState) {
    let block = Block::bordered()
        .border_style(theme::border(false))
        .title(Line::styled(" Guest & stay ", theme::title(false)))
        .title_bottom(Line::styled(" i close · [ ] pick · x unlink · > go ", theme::faint()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let (Some(panel), Some(summary)) = (state.panel(), state.selected()) else {
        frame.render_widget(Paragraph::new("Select a thread.").style(theme::dim()), inner);
        return;
    };
    let width = usize::from(inner.width);
    let thread = &summary.thread;
    let mut lines = about(thread, state, width);
    let picked_ends = same_guest(thread, panel, state, width, &mut lines);
    // The picked match stays on screen however many there are.
    let rows = usize::from(inner.height);
    let skip = picked_ends.map_or(0, |end| end.saturating_sub(rows));
    let shown: Vec<Line> = lines.into_iter().skip(skip).take(rows).collect();
    frame.render_widget(Paragraph::new(shown), inner);
}

/// Guest, stay, account and what the provider allows.
fn about(thread: &Thread, state: &AppState, width: usize) -> Vec<Line<'static>> {
    let mut lines =
        vec![Line::styled(wrap::truncate(&guest_text::name(thread.guest.name.as_deref()), width), theme::guest())];
    lines.extend(field("email", &guest_text::email(thread.guest.email.as_deref()), width));
    lines.extend(field("phone", &guest_text::phone(thread.guest.phone.as_deref()), width));
    lines.push(Line::default());
    let property = match (&thread.property_name, &thread.property_id) {
        (Some(name), Some(id)) => format!("{name} ({id})"),
        (Some(name), None) => name.clone(),
        (None, Some(id)) => id.clone(),
        (None, None) => "unknown".into(),
    };
    lines.extend(field("property", &property, width));
    match &thread.reservation {
        Some(reservation) => {
            let today = state.now().to_zoned(state.time_zone().clone()).date();
            let day = |date: Option<jiff::civil::Date>| match date {
                Some(date) => format!("{} {}", date.strftime("%a"), format::short_date(date, today)),
                None => "not given".into(),
            };
            lines.extend(field("check-in", &day(reservation.check_in), width));
            lines.extend(field("check-out", &day(reservation.check_out), width));
            if let Some(nights) = nights(reservation.check_in, reservation.check_out) {
                lines.extend(field("nights", &nights.to_string(), width));
            }
            lines.extend(field("booking", &reservation.id, width));
        }
        None => lines.extend(field("booking", "no reservation", width)),
    }
    lines.push(Line::default());
    let account = format!("{} · {}", thread.account, thread.provider.display_name());
    lines.extend(field("account", &account, width));
    lines.extend(field("channel", &format::channel(thread.channel.as_ref()), width));
    lines.push(Line::styled(wrap::truncate("The provider allows", width), theme::dim()));
    let blocked = thread.reply.blocked_reason();
    lines.extend(allowed("reply", blocked.is_none(), blocked, width));
    for capability in capabilities(thread.provider) {
        lines.extend(allowed(capability.what, capability.allowed, None, width));
    }
    lines
}

/// Appends the matches; returns the line count up to the picked match's end.
fn same_guest(
    thread: &Thread,
    panel: &Panel,
    state: &AppState,
    width: usize,
    lines: &mut Vec<Line<'static>>,
) -> Option<usize> {
    lines.push(Line::default());
    let Some(matches) = panel.matches() else {
        lines.push(Line::styled("Possibly the same guest", theme::dim()));
        lines.push(Line::styled("  looking…", theme::faint()));
        return None;
    };
    let linked = matches.iter().filter(|m| !m.unlinked).count();
    lines.push(Line::styled(wrap::truncate(&format!("Possibly the same guest ({linked})"), width), theme::dim()));
    if matches.is_empty() {
        let none = "none: no other thread has this name with this email or phone";
        lines.extend(wrap::wrap(none, width.saturating_sub(2)).into_iter().map(|l| Line::styled(format!("  {l}"), theme::faint())));
        return None;
    }
    let mut picked_ends = None;
    for (index, found) in matches.iter().enumerate() {
        let picked = index == panel.picked();
        lines.extend(match_lines(thread, found, picked, state, width));
        if picked {
            picked_ends = Some(lines.len());
        }
    }
    picked_ends
}

/// Three lines: who and where, when, and why it matched (or that it was unlinked).
fn match_lines(thread: &Thread, found: &SameGuest, picked: bool, state: &AppState, width: usize) -> Vec<Line<'static>> {
    let base = if picked { theme::selected_row() } else { Style::new() };
    let text = if found.unlinked { theme::faint() } else { theme::dim() };
    let marker = if picked { "› " } else { "  " };
    let who = format!("{marker}{} · {}", guest_text::name(found.guest_name.as_deref()), found.key.account);
    let when = found.last_activity.map(|at| format::ago(state.now(), at, state.time_zone()));
    let where_ = [
        Some(format::channel(found.channel.as_ref())),
        found.property.clone(),
        when,
    ];
    let where_ = format!("  {}", where_.into_iter().flatten().collect::<Vec<_>>().join(" · "));
    let why = if found.unlinked { "  not the same guest · x links again".into() } else { format!("  {}", reason(thread, found.reason)) };
    let line = |text: String, style: Style| {
        let text = wrap::truncate(&text, width);
        let pad = " ".repeat(width.saturating_sub(unicode_width::UnicodeWidthStr::width(text.as_str())));
        Line::from(vec![Span::styled(text, style.patch(base)), Span::styled(pad, base)])
    };
    let name_style = if found.unlinked { theme::faint() } else { theme::guest() };
    vec![line(who, name_style), line(where_, text), line(why, theme::faint())]
}

/// "same name and email ana@x.com", with this thread's contact as it is shown.
fn reason(thread: &Thread, reason: MatchReason) -> String {
    let email = || guest_text::email(thread.guest.email.as_deref());
    let phone = || guest_text::phone(thread.guest.phone.as_deref());
    match (reason.email, reason.phone) {
        (true, true) => format!("same name, email {} and phone {}", email(), phone()),
        (true, false) => format!("same name and email {}", email()),
        _ => format!("same name and phone {}", phone()),
    }
}

fn nights(check_in: Option<jiff::civil::Date>, check_out: Option<jiff::civil::Date>) -> Option<i32> {
    let nights = check_in?.until(check_out?).ok()?.get_days();
    (nights > 0).then_some(nights)
}

/// `label     value`, the value wrapped under itself.
fn field(label: &str, value: &str, width: usize) -> Vec<Line<'static>> {
    let wrapped = wrap::wrap(value, width.saturating_sub(LABEL));
    let labels = std::iter::once(label).chain(std::iter::repeat(""));
    (labels.zip(wrapped))
        .map(|(label, value)| {
            Line::from(vec![Span::styled(format!("{label:<LABEL$}"), theme::faint()), Span::styled(value, theme::dim())])
        })
        .collect()
}

/// `  ✓ reply`, or `  ✗ reply` and why not, wrapped under it.
fn allowed(what: &str, allowed: bool, why_not: Option<&str>, width: usize) -> Vec<Line<'static>> {
    let (mark, style) = if allowed { ("✓", theme::ok()) } else { ("✗", theme::faint()) };
    let mut lines = vec![Line::from(vec![
        Span::styled(format!("  {mark} "), style),
        Span::styled(wrap::truncate(what, width.saturating_sub(4)), theme::dim()),
    ])];
    let why_not = why_not.map(|why| wrap::wrap(why, width.saturating_sub(4))).unwrap_or_default();
    lines.extend(why_not.into_iter().map(|line| Line::styled(format!("    {line}"), theme::faint())));
    lines
}
