//! The lane bar, the list's title: each lane with its count over every thread, the
//! current one highlighted (with how many of them a filter shows). Labels shorten
//! when the pane is narrow.

use super::theme;
use crate::app::{AppState, Lane};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

/// The lane bar for a title `width` columns wide.
pub fn line(state: &AppState, width: usize, focused: bool) -> Line<'static> {
    let fits = |spans: &Vec<Span>| spans.iter().map(Span::width).sum::<usize>() <= width;
    let tries = [(label as fn(Lane) -> &'static str, true), (short_label, true), (short_label, false)];
    let mut bars = tries.into_iter().map(|(label, of_total)| spans(state, focused, label, of_total));
    let mut last = Vec::new();
    for bar in bars.by_ref() {
        if fits(&bar) {
            return Line::from(bar);
        }
        last = bar;
    }
    Line::from(last)
}

/// The bar with `label`s; the current lane says how many of its threads the filter
/// shows "of" its count when `of_total`, else only how many it shows.
fn spans(
    state: &AppState,
    focused: bool,
    label: fn(Lane) -> &'static str,
    of_total: bool,
) -> Vec<Span<'static>> {
    let mut spans = vec![Span::styled(" ", theme::title(focused))];
    for (position, lane) in Lane::ALL.into_iter().enumerate() {
        if position > 0 {
            spans.push(Span::styled("│", theme::border(focused)));
        }
        let count = state.lane_count(lane);
        let style = if lane == state.lane() {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else if lane == Lane::Urgent && count > 0 {
            theme::error()
        } else {
            theme::title(focused)
        };
        let shown = state.visible_count();
        let text = match (lane == state.lane() && shown != count, of_total) {
            (true, true) => format!("{} {shown} of {count}", label(lane)),
            (true, false) => format!("{} {shown}", label(lane)),
            (false, _) => format!("{} {count}", label(lane)),
        };
        spans.push(Span::styled(text, style));
    }
    spans.push(Span::styled(" ", theme::title(focused)));
    spans
}

fn label(lane: Lane) -> &'static str {
    lane.label()
}

fn short_label(lane: Lane) -> &'static str {
    match lane {
        Lane::Urgent => "Urg",
        Lane::NeedsReply => "Reply",
        Lane::Unread => "Unrd",
        Lane::Snoozed => "Snz",
        Lane::All => "All",
    }
}
