//! The status line: each account's sync state and the unsent replies; below it a
//! notice when there is one, else the keys that matter here.

use super::{format, theme};
use crate::app::{AccountView, AppState, SyncState};
use crate::keymap::{Action, Context};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(frame: &mut Frame, area: Rect, state: &AppState) {
    let mut status: Vec<Span> = Vec::new();
    for (index, account) in state.accounts().iter().enumerate() {
        if index > 0 {
            status.push(Span::styled(" · ", theme::faint()));
        }
        status.extend(account_spans(account, state));
    }
    if state.accounts().is_empty() {
        status.push(Span::styled("no accounts configured", theme::faint()));
    }
    let unsent = state.undelivered();
    status.push(Span::styled("  │  ", theme::faint()));
    status.push(if unsent == 0 {
        Span::styled("outbox empty", theme::faint())
    } else {
        Span::styled(
            format!("{unsent} unsent {}", if unsent == 1 { "reply" } else { "replies" }),
            theme::busy(),
        )
    });
    let second = match state.notice() {
        Some(notice) => Line::styled(
            format!(" {}", notice.text),
            if notice.is_error { theme::error() } else { theme::ok() },
        ),
        None => hints(state),
    };
    frame.render_widget(Paragraph::new(vec![Line::from(status), second]), area);
}

fn account_spans(account: &AccountView, state: &AppState) -> Vec<Span<'static>> {
    let name = Span::styled(account.name.clone(), theme::dim());
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
        SyncState::Failed { short } => Span::styled(format!(" ✗ {short}"), theme::error()),
    };
    vec![name, status]
}

/// The few keys that matter in the current context, labelled from the keymap.
fn hints(state: &AppState) -> Line<'static> {
    let context = state.context();
    let wanted: &[(Action, &str)] = match context {
        Context::List => &[
            (Action::MoveDown, "move"),
            (Action::Open, "open"),
            (Action::Reply, "reply"),
            (Action::Filter, "filter"),
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
        Context::Help => &[(Action::Back, "close help")],
    };
    let mut spans = vec![Span::raw(" ")];
    for (action, words) in wanted {
        if let Some(label) = state.keymap().label(context, *action) {
            spans.push(Span::styled(label, theme::key()));
            spans.push(Span::styled(format!(" {words}   "), theme::faint()));
        }
    }
    Line::from(spans)
}
