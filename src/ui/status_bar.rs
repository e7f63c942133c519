//! The status line: each account's sync state and the unsent replies; below it a
//! notice when there is one, else the keys that matter here.

use super::printable::printable;
use super::{command_line, format, theme, wrap};
use crate::app::{AccountView, AppState, SyncState};
use crate::keymap::{Action, Context};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

pub fn render(frame: &mut Frame, area: Rect, state: &AppState) {
    let width = usize::from(area.width);
    let unsent = state.undelivered();
    let privacy = state.privacy_mode().then(|| Span::styled("  │  privacy on", theme::busy()));
    let outbox = [
        privacy.unwrap_or_default(),
        Span::styled("  │  ", theme::faint()),
        if unsent == 0 {
            Span::styled("outbox empty", theme::faint())
        } else {
            Span::styled(
                format!("{unsent} unsent {}", if unsent == 1 { "reply" } else { "replies" }),
                theme::busy(),
            )
        },
    ];
    // The outbox always shows; the accounts get what is left.
    let mut status = accounts(state, width.saturating_sub(outbox.iter().map(Span::width).sum()));
    status.extend(outbox);
    let command = state.command_line();
    let first = match command.is_open().then(|| command_line::candidates(state, width)).flatten() {
        Some(candidates) => candidates,
        None => Line::from(status),
    };
    if command.is_open() {
        let mut prompt = command_line::prompt(state, width);
        let room = width.saturating_sub(prompt.width());
        prompt.spans.extend(hints(state, room).spans);
        return frame.render_widget(Paragraph::new(vec![first, prompt]), area);
    }
    let second = match state.notice() {
        Some(notice) => Line::styled(
            wrap::truncate(
                &format!(" {}", crate::domain::sanitize::collapse_whitespace(&notice.text)),
                width,
            ),
            if notice.is_error { theme::error() } else { theme::ok() },
        ),
        None => hints(state, width),
    };
    frame.render_widget(Paragraph::new(vec![first, second]), area);
}

/// As many whole accounts as fit in `room` columns, in config order, then how many
/// are left out and how many of those failed: an account is never cut mid-word.
fn accounts(state: &AppState, room: usize) -> Vec<Span<'static>> {
    if state.accounts().is_empty() {
        return vec![Span::styled("no accounts configured", theme::faint())];
    }
    let views: Vec<(Vec<Span<'static>>, bool)> = state
        .accounts()
        .iter()
        .map(|a| (account_spans(a, state), matches!(a.sync, SyncState::Failed { .. })))
        .collect();
    let width = |spans: &[Span]| spans.iter().map(Span::width).sum::<usize>();
    let line = |shown: usize| {
        let mut spans = Vec::new();
        for (index, (account, _)) in views[..shown].iter().enumerate() {
            if index > 0 {
                spans.push(Span::styled(" · ", theme::faint()));
            }
            spans.extend(account.iter().cloned());
        }
        let hidden = views.len() - shown;
        let failed = views[shown..].iter().filter(|(_, failed)| *failed).count();
        let more = match (hidden, failed) {
            (0, _) => None,
            (_, 0) => Some(Span::styled(format!("+{hidden} more"), theme::faint())),
            _ => Some(Span::styled(format!("+{hidden} more, {failed} failed"), theme::error())),
        };
        if let Some(more) = more {
            spans.push(Span::styled(if shown > 0 { " · " } else { "" }, theme::faint()));
            spans.push(more);
        }
        spans
    };
    (0..=views.len()).rev().map(line).find(|spans| width(spans) <= room).unwrap_or_else(|| line(0))
}

fn account_spans(account: &AccountView, state: &AppState) -> Vec<Span<'static>> {
    let name = Span::styled(printable(&account.name).into_owned(), theme::dim());
    let since = account.last_ok.map(|at| format::ago(state.now(), at, state.time_zone()));
    let status = match &account.sync {
        SyncState::Waiting => match since {
            Some(since) => Span::styled(format!(" ✓ {since}"), theme::ok()),
            None => Span::styled(" waiting", theme::faint()),
        },
        SyncState::Syncing(progress) => {
            let done = match progress.total {
                Some(total) => format!("{}/{total}", progress.done),
                None if progress.done > 0 => progress.done.to_string(),
                None => String::new(),
            };
            Span::styled(format!(" ⟳ {done}").trim_end().to_owned(), theme::busy())
        }
        SyncState::Ok => Span::styled(format!(" ✓ {}", since.unwrap_or_else(|| "now".into())), theme::ok()),
        SyncState::Failed { short } => Span::styled(format!(" ✗ {}", printable(short)), theme::error()),
    };
    vec![name, status]
}

/// The few keys that matter in the current context, labelled from the keymap; those
/// that do not fit in `width` whole are left out.
fn hints(state: &AppState, width: usize) -> Line<'static> {
    let context = state.context();
    let wanted: &[(Action, &str)] = match context {
        Context::List => &[
            (Action::MoveDown, "move"),
            (Action::Open, "open"),
            (Action::Reply, "reply"),
            (Action::Filter, "filter"),
            (Action::Command, "command"),
            (Action::Help, "help"),
            (Action::Quit, "quit"),
        ],
        Context::History => &[
            (Action::MoveDown, "scroll"),
            (Action::Reply, "reply"),
            (Action::Retry, "retry failed"),
            (Action::Back, "back"),
            (Action::Help, "help"),
            (Action::Quit, "quit"),
        ],
        Context::Compose => &[
            (Action::Send, "send"),
            (Action::Back, "keep draft and leave"),
            (Action::NextPane, "next pane"),
            (Action::Quit, "quit"),
        ],
        Context::FilterPrompt => &[(Action::Open, "keep filter"), (Action::Back, "clear filter")],
        Context::CommandLine => {
            &[(Action::Complete, "complete"), (Action::Open, "run"), (Action::Back, "cancel")]
        }
        Context::Help => &[(Action::Back, "close help")],
        Context::Picker => &[(Action::MoveDown, "next"), (Action::Open, "insert"), (Action::Back, "close")],
        Context::Confirm => &[(Action::ConfirmSend, "send anyway"), (Action::Back, "back to the draft")],
        Context::SnoozeMenu => &[(Action::Back, "cancel")],
    };
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for (action, words) in wanted {
        if let Some(label) = state.keymap().label(context, *action) {
            let (label, words) = (Span::styled(label, theme::key()), format!(" {words}"));
            if used + label.width() + words.width() > width {
                break;
            }
            used += label.width() + words.width() + 3;
            spans.push(label);
            spans.push(Span::styled(format!("{words}   "), theme::faint()));
        }
    }
    Line::from(spans)
}
