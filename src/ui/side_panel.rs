//! The reservation side panel: the selected thread's guest and contact, stay,
//! account and what the provider allows, then the threads possibly with the same
//! guest. Its lines are few (a match takes three), so a frame builds them all and
//! shows the window that keeps the picked match in view.

use super::printable::printable;
use super::{format, guest_text, privacy_mask, theme, wrap};
use crate::app::{AppState, Panel};
use crate::domain::capabilities::capabilities;
use crate::domain::guest_match::{MatchReason, SameGuest};
use crate::domain::stay::{StayPhase, stay_phase};
use crate::domain::{Reservation, ReservationStatus, Thread};
use crate::keymap::Action;
use jiff::civil::Date;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

/// The width of a field's label, so values line up.
const LABEL: usize = 10;

pub fn render(frame: &mut Frame, area: Rect, state: &AppState) {
    let block = Block::bordered()
        .border_style(theme::border(false))
        .title(Line::styled(" Guest & stay ", theme::title(false)))
        .title_bottom(Line::styled(" i closes ", theme::faint()));
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
    let mut lines = vec![Line::styled(
        wrap::truncate(&guest_text::name(thread.guest.name.as_deref()), width),
        theme::guest(),
    )];
    let email = guest_text::email(thread.guest.email.as_deref());
    let phone = guest_text::phone(thread.guest.phone.as_deref());
    lines.extend(field("email", &privacy_mask::on_screen(state, &email), width));
    lines.extend(field("phone", &privacy_mask::on_screen(state, &phone), width));
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
            let day = |date: Option<Date>| match date {
                Some(date) => format!("{} {}", date.strftime("%a"), format::short_date(date, today)),
                None => "not given".into(),
            };
            lines.extend(field("check-in", &day(reservation.check_in), width));
            lines.extend(field("check-out", &day(reservation.check_out), width));
            if let Some(nights) = nights(reservation.check_in, reservation.check_out) {
                lines.extend(field("nights", &nights.to_string(), width));
            }
            let status = reservation.status.as_ref().map_or("not given", ReservationStatus::as_str);
            lines.extend(field("status", status, width));
            lines.extend(field("stay", &phase(reservation, today), width));
            lines.extend(field("booking", &reservation.id, width));
        }
        None => lines.extend(field("stay", "inquiry: no reservation", width)),
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
    let unlinked = matches.iter().filter(|m| m.unlinked).count();
    let heading = match unlinked {
        0 => format!("Possibly the same guest ({})", matches.len()),
        _ => format!("Possibly the same guest ({}, {unlinked} unlinked)", matches.len() - unlinked),
    };
    lines.push(Line::styled(wrap::truncate(&heading, width), theme::dim()));
    if matches.is_empty() {
        lines.extend(indented(
            "none: no other thread has this name and email or phone",
            theme::faint(),
            width,
        ));
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
    lines.extend(indented(&match_keys(state), theme::faint(), width));
    picked_ends
}

/// The panel's own keys, as the keymap has them: "{ } pick · x unlink · > go to it".
fn match_keys(state: &AppState) -> String {
    let key = |action| state.keymap().label(state.context(), action).unwrap_or_else(|| "—".into());
    format!(
        "{} {} pick · {} unlink · {} go to it",
        key(Action::PrevMatch),
        key(Action::NextMatch),
        key(Action::NotSameGuest),
        key(Action::GoToMatch)
    )
}

/// Who and in which account; when, where and on which channel; and why it matched
/// (or that the user unlinked it). The picked one is highlighted.
fn match_lines(
    thread: &Thread,
    found: &SameGuest,
    picked: bool,
    state: &AppState,
    width: usize,
) -> Vec<Line<'static>> {
    let base = if picked { theme::selected_row() } else { Style::new() };
    let marker = if picked { "› " } else { "  " };
    let who = format!("{marker}{} · {}", guest_text::name(found.guest_name.as_deref()), found.key.account);
    let when = found.last_activity.map(|at| format::ago(state.now(), at, state.time_zone()));
    let place = [when, Some(format::channel(found.channel.as_ref())), found.property.clone()];
    let place = place.into_iter().flatten().collect::<Vec<_>>().join(" · ");
    let why = match found.unlinked {
        true => "not the same guest: x links it again".into(),
        false => privacy_mask::on_screen(state, &reason(thread, found.reason)).into_owned(),
    };
    let (name_style, text_style) =
        if found.unlinked { (theme::faint(), theme::faint()) } else { (theme::guest(), theme::dim()) };
    let row = |text: String, style: Style| {
        let pad = " ".repeat(width.saturating_sub(text.width()));
        Line::from(vec![Span::styled(text, style.patch(base)), Span::styled(pad, base)])
    };
    let mut lines = vec![row(wrap::truncate(&who, width), name_style)];
    lines.push(row(wrap::truncate(&format!("  {place}"), width), text_style));
    let why = wrap::wrap(&why, width.saturating_sub(2));
    lines.extend(why.into_iter().map(|line| row(format!("  {line}"), theme::faint())));
    lines
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

fn nights(check_in: Option<Date>, check_out: Option<Date>) -> Option<i32> {
    let nights = check_in?.until(check_out?).ok()?.get_days();
    (nights > 0).then_some(nights)
}

/// Where the stay stands today: "in house, night 2 of 4", "arrives in 3 days".
fn phase(reservation: &Reservation, today: Date) -> String {
    let days = |from: Option<Date>, to: Date| from.and_then(|from| from.until(to).ok()).map(|s| s.get_days());
    let (check_in, check_out) = (reservation.check_in, reservation.check_out);
    match stay_phase(Some(reservation), today) {
        Some(StayPhase::Inquiry) => "inquiry: nothing booked yet".into(),
        Some(StayPhase::Upcoming) => match days(Some(today), check_in.unwrap_or(today)) {
            Some(1) => "upcoming, arrives tomorrow".into(),
            Some(days) => format!("upcoming, arrives in {days} days"),
            None => "upcoming".into(),
        },
        Some(StayPhase::InHouse) if check_out == Some(today) => "in house, leaves today".into(),
        Some(StayPhase::InHouse) => match (days(check_in, today), nights(check_in, check_out)) {
            (Some(night), Some(nights)) => format!("in house, night {} of {nights}", night + 1),
            _ => "in house".into(),
        },
        Some(StayPhase::CheckedOut) => "checked out".into(),
        None if reservation.status == Some(ReservationStatus::Cancelled) => "cancelled".into(),
        None => "unknown: the dates are incomplete".into(),
    }
}

/// `label     value`; a value too long for that goes on the lines below, indented.
fn field(label: &str, value: &str, width: usize) -> Vec<Line<'static>> {
    let label = Span::styled(format!("{label:<LABEL$}"), theme::faint());
    let value = printable(value);
    if value.width() + LABEL <= width {
        return vec![Line::from(vec![label, Span::styled(value.into_owned(), theme::dim())])];
    }
    let mut lines = vec![Line::from(label)];
    lines.extend(indented(&value, theme::dim(), width));
    lines
}

/// `text` wrapped two columns in.
fn indented(text: &str, style: Style, width: usize) -> impl Iterator<Item = Line<'static>> {
    wrap::wrap(text, width.saturating_sub(2))
        .into_iter()
        .map(move |line| Line::styled(format!("  {line}"), style))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn stay(check_in: &str, check_out: &str, status: ReservationStatus) -> Reservation {
        Reservation {
            id: "r1".into(),
            check_in: check_in.parse().ok(),
            check_out: check_out.parse().ok(),
            status: Some(status),
        }
    }

    #[test]
    fn the_stay_says_where_it_stands_today() {
        let booked = stay("2026-11-20", "2026-11-24", ReservationStatus::Confirmed);
        let on = |day: &str| phase(&booked, day.parse().unwrap());
        assert_eq!(on("2026-11-17"), "upcoming, arrives in 3 days");
        assert_eq!(on("2026-11-19"), "upcoming, arrives tomorrow");
        assert_eq!(on("2026-11-20"), "in house, night 1 of 4");
        assert_eq!(on("2026-11-23"), "in house, night 4 of 4");
        assert_eq!(on("2026-11-24"), "in house, leaves today");
        assert_eq!(on("2026-11-25"), "checked out");
        let cancelled = stay("2026-11-20", "2026-11-24", ReservationStatus::Cancelled);
        assert_eq!(phase(&cancelled, "2026-11-21".parse().unwrap()), "cancelled");
        let pending = stay("2026-11-20", "2026-11-24", ReservationStatus::Pending);
        assert_eq!(phase(&pending, "2026-11-21".parse().unwrap()), "inquiry: nothing booked yet");
    }

    #[test]
    fn a_field_draws_only_printable_text_and_wraps_what_does_not_fit() {
        let text = |lines: Vec<Line>| -> Vec<String> { lines.iter().map(|l| l.to_string()).collect() };
        assert_eq!(text(field("email", "a\u{1b}[31m@x.com\u{202e}", 34)), ["email     a[31m@x.com"]);
        assert_eq!(
            text(field("account", "Lakeside Rentals · Hostel Mate", 34)),
            ["account   ", "  Lakeside Rentals · Hostel Mate"]
        );
    }
}
