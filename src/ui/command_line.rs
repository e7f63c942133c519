//! The `:` command line, drawn on the status line: the prompt where the key hints
//! go, and while Tab cycles, the candidates where the accounts go.

use super::printable::printable;
use super::theme;
use crate::app::AppState;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

/// `:text▏`, its end kept in view when it is wider than `width`.
pub fn prompt(state: &AppState, width: usize) -> Line<'static> {
    let text = printable(state.command_line().text());
    let room = width.saturating_sub(3);
    let mut shown: &str = &text;
    while shown.width() > room {
        let mut chars = shown.chars();
        chars.next();
        shown = chars.as_str();
    }
    Line::from(vec![Span::styled(":", theme::key()), Span::raw(format!("{shown}▏ "))])
}

/// The candidates Tab cycles through, the one in the text highlighted; those that
/// fit in `width` around it.
pub fn candidates(state: &AppState, width: usize) -> Option<Line<'static>> {
    let (candidates, current) = state.command_line().candidates()?;
    let labels: Vec<_> = candidates.iter().map(|c| printable(c).into_owned()).collect();
    let cost = |label: &String| label.width() + 2;
    // From the first candidate, or from where the current one still fits.
    let mut first = 0;
    while first < current && labels[first..=current].iter().map(cost).sum::<usize>() > width {
        first += 1;
    }
    let mut spans = Vec::new();
    let mut used = 0;
    for (index, label) in labels.into_iter().enumerate().skip(first) {
        if used + cost(&label) > width {
            break;
        }
        used += cost(&label);
        let style = if index == current { theme::selected_row() } else { theme::dim() };
        spans.push(Span::styled(format!(" {label}"), style));
        spans.push(Span::raw(" "));
    }
    Some(Line::from(spans))
}
