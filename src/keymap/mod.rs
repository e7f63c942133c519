//! Keys → actions, per context. The defaults live here, the config's `[keys]` table
//! overrides them in part (see `overrides`), and the help overlay and the status
//! line's hints are generated from the result, so they cannot drift.

mod key;
mod overrides;

pub use key::{KEY_NAMES_HELP, Key};
pub use overrides::{Located, Override};

use crate::app::Lane;
use ratatui::crossterm::event::KeyEvent;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    MoveDown,
    MoveUp,
    PageDown,
    PageUp,
    Top,
    Bottom,
    /// Open the selected thread (focus its history); in the filter prompt, keep the
    /// filter; in the command line, run the command.
    Open,
    /// Back out one level: prompt → list, compose → history → list, help → closed.
    Back,
    NextPane,
    PrevPane,
    Reply,
    Send,
    /// Send again the replies of this thread that failed.
    Retry,
    Filter,
    /// Open the `:` command line.
    Command,
    /// In the command line: complete the word, or take the next candidate.
    Complete,
    CompleteBack,
    /// In the command line: an earlier or later command of this session.
    OlderCommand,
    NewerCommand,
    Help,
    /// Pick a saved reply (template) for the selected thread.
    Templates,
    /// Select the previous (older) / next (newer) message of the open thread.
    OlderMessage,
    NewerMessage,
    /// Copy the selected message to the clipboard.
    CopyMessage,
    /// Open the selected message's attachment links in the browser.
    OpenAttachments,
    /// Privacy mode on or off.
    TogglePrivacy,
    /// Show the selected message unmasked in privacy mode.
    RevealMessage,
    /// Show only the threads of one lane.
    Lane(crate::app::Lane),
    /// Jump to the next urgent thread, else the next that needs a reply.
    NextWaiting,
    /// Open the snooze menu.
    Snooze,
    /// In the snooze menu: one of its times (`SnoozePreset::ALL`'s index).
    SnoozeFor(u8),
    /// In the pre-send warnings: send anyway.
    ConfirmSend,
    /// Mark the thread done, or reopen it.
    Done,
    /// Undo the last snooze or done.
    UndoSetAside,
    /// Open or close the reservation side panel.
    TogglePanel,
    /// Pick the next or previous of the panel's "possibly the same guest" threads.
    NextMatch,
    PrevMatch,
    /// The picked match is not the same guest (or, unlinked, it is again).
    NotSameGuest,
    /// Jump the list to the picked match's thread.
    GoToMatch,
    /// Write the reply in `$VISUAL` / `$EDITOR`.
    EditInEditor,
    /// Give the terminal back to the shell until `fg`.
    Suspend,
    Quit,
}

/// Where a key is pressed. Typing contexts pass unbound keys on as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    List,
    History,
    Compose,
    FilterPrompt,
    CommandLine,
    Help,
    /// The saved-reply picker: typing narrows it.
    Picker,
    /// The pre-send warnings, asking whether to send anyway.
    Confirm,
    SnoozeMenu,
}

impl Context {
    pub const ALL: [Context; 9] = [
        Self::List,
        Self::History,
        Self::Compose,
        Self::FilterPrompt,
        Self::CommandLine,
        Self::Help,
        Self::Picker,
        Self::Confirm,
        Self::SnoozeMenu,
    ];

    /// The name of its `[keys.NAME]` table.
    pub fn name(self) -> &'static str {
        match self {
            Self::List => "list",
            Self::History => "history",
            Self::Compose => "compose",
            Self::FilterPrompt => "filter",
            Self::CommandLine => "command",
            Self::Help => "help",
            Self::Picker => "picker",
            Self::Confirm => "confirm",
            Self::SnoozeMenu => "snooze",
        }
    }

    /// Plain characters pressed here are text, not commands.
    pub fn is_typing(self) -> bool {
        matches!(self, Self::Compose | Self::FilterPrompt | Self::CommandLine | Self::Picker)
    }
}

/// One row of the defaults.
struct Binding {
    action: Action,
    /// The action's name in the config's `[keys]` table.
    name: &'static str,
    contexts: &'static [Context],
    /// Config spellings (see `key`).
    keys: &'static [&'static str],
    description: &'static str,
}

use Context::{CommandLine, Compose, Confirm, FilterPrompt, Help, History, List, Picker, SnoozeMenu};
const BROWSE: &[Context] = &[List, History];
const EVERYWHERE: &[Context] =
    &[List, History, Compose, FilterPrompt, CommandLine, Help, Picker, Confirm, SnoozeMenu];

#[rustfmt::skip]
const DEFAULTS: &[Binding] = &[
    Binding { action: Action::MoveDown, name: "move_down", contexts: BROWSE, keys: &["j", "down"], description: "next thread / scroll down" },
    Binding { action: Action::MoveUp, name: "move_up", contexts: BROWSE, keys: &["k", "up"], description: "previous thread / scroll up" },
    Binding { action: Action::PageDown, name: "page_down", contexts: BROWSE, keys: &["pgdn", "ctrl-d"], description: "a page down" },
    Binding { action: Action::PageUp, name: "page_up", contexts: BROWSE, keys: &["pgup", "ctrl-u"], description: "a page up" },
    Binding { action: Action::Top, name: "top", contexts: BROWSE, keys: &["g", "home"], description: "top (newest thread, oldest message)" },
    Binding { action: Action::Bottom, name: "bottom", contexts: BROWSE, keys: &["G", "end"], description: "bottom (oldest thread, newest message)" },
    Binding { action: Action::Open, name: "open", contexts: &[List], keys: &["enter", "l", "right"], description: "open the thread" },
    Binding { action: Action::Open, name: "open", contexts: &[FilterPrompt], keys: &["enter"], description: "keep the filter" },
    Binding { action: Action::Open, name: "open", contexts: &[CommandLine], keys: &["enter"], description: "run the command" },
    Binding { action: Action::NextPane, name: "next_pane", contexts: &[List, History, Compose], keys: &["tab"], description: "next pane" },
    Binding { action: Action::PrevPane, name: "prev_pane", contexts: &[List, History, Compose], keys: &["shift-tab"], description: "previous pane" },
    Binding { action: Action::Reply, name: "reply", contexts: BROWSE, keys: &["r"], description: "reply: write to the selected thread" },
    Binding { action: Action::Send, name: "send", contexts: &[Compose], keys: &["ctrl-s"], description: "send the reply" },
    Binding { action: Action::Templates, name: "templates", contexts: BROWSE, keys: &["t"], description: "pick a saved reply for the selected thread" },
    Binding { action: Action::Templates, name: "templates", contexts: &[Compose], keys: &["ctrl-t"], description: "insert a saved reply at the cursor" },
    Binding { action: Action::MoveDown, name: "move_down", contexts: &[Picker], keys: &["down", "ctrl-n"], description: "the next saved reply" },
    Binding { action: Action::MoveUp, name: "move_up", contexts: &[Picker], keys: &["up", "ctrl-p"], description: "the previous saved reply" },
    Binding { action: Action::Open, name: "open", contexts: &[Picker], keys: &["enter"], description: "insert the saved reply" },
    Binding { action: Action::ConfirmSend, name: "confirm_send", contexts: &[Confirm], keys: &["y"], description: "send despite the warnings" },
    Binding { action: Action::EditInEditor, name: "edit_in_editor", contexts: BROWSE, keys: &["E"], description: "write the reply in $EDITOR" },
    // Not Ctrl-e: the composer takes that as end of line.
    Binding { action: Action::EditInEditor, name: "edit_in_editor", contexts: &[Compose], keys: &["ctrl-o"], description: "go on with the reply in $EDITOR" },
    Binding { action: Action::Retry, name: "retry", contexts: BROWSE, keys: &["R"], description: "send failed replies of this thread again" },
    Binding { action: Action::OlderMessage, name: "older_message", contexts: BROWSE, keys: &["["], description: "select the older message" },
    Binding { action: Action::NewerMessage, name: "newer_message", contexts: BROWSE, keys: &["]"], description: "select the newer message" },
    Binding { action: Action::CopyMessage, name: "copy_message", contexts: BROWSE, keys: &["y"], description: "copy the selected message to the clipboard" },
    Binding { action: Action::OpenAttachments, name: "open_attachments", contexts: BROWSE, keys: &["o"], description: "open the selected message's attachments in the browser" },
    Binding { action: Action::TogglePrivacy, name: "toggle_privacy", contexts: BROWSE, keys: &["p"], description: "privacy mode: hide codes, phone numbers and emails" },
    Binding { action: Action::RevealMessage, name: "reveal_message", contexts: BROWSE, keys: &["v"], description: "privacy mode: show the selected message" },
    Binding { action: Action::Lane(Lane::Urgent), name: "lane_urgent", contexts: BROWSE, keys: &["1"], description: "lane: urgent" },
    Binding { action: Action::Lane(Lane::NeedsReply), name: "lane_needs_reply", contexts: BROWSE, keys: &["2"], description: "lane: needs reply" },
    Binding { action: Action::Lane(Lane::Unread), name: "lane_unread", contexts: BROWSE, keys: &["3"], description: "lane: unread" },
    Binding { action: Action::Lane(Lane::Snoozed), name: "lane_snoozed", contexts: BROWSE, keys: &["4"], description: "lane: snoozed" },
    Binding { action: Action::Lane(Lane::All), name: "lane_all", contexts: BROWSE, keys: &["5"], description: "lane: all threads" },
    Binding { action: Action::NextWaiting, name: "next_waiting", contexts: BROWSE, keys: &["n"], description: "next urgent thread, else next needing a reply" },
    Binding { action: Action::Snooze, name: "snooze", contexts: BROWSE, keys: &["s"], description: "snooze until a time (a guest message wakes it)" },
    Binding { action: Action::SnoozeFor(0), name: "snooze_1_hour", contexts: &[SnoozeMenu], keys: &["1"], description: "snooze for an hour" },
    Binding { action: Action::SnoozeFor(1), name: "snooze_3_hours", contexts: &[SnoozeMenu], keys: &["2"], description: "snooze for 3 hours" },
    Binding { action: Action::SnoozeFor(2), name: "snooze_tomorrow", contexts: &[SnoozeMenu], keys: &["3"], description: "snooze until tomorrow 09:00" },
    Binding { action: Action::SnoozeFor(3), name: "snooze_monday", contexts: &[SnoozeMenu], keys: &["4"], description: "snooze until next Monday 09:00" },
    Binding { action: Action::Done, name: "done", contexts: BROWSE, keys: &["d"], description: "done (a guest message reopens it); on a done thread, reopen" },
    Binding { action: Action::UndoSetAside, name: "undo_set_aside", contexts: BROWSE, keys: &["u"], description: "undo the last snooze or done" },
    Binding { action: Action::TogglePanel, name: "toggle_panel", contexts: BROWSE, keys: &["i"], description: "reservation panel: guest, stay, same guest" },
    Binding { action: Action::NextMatch, name: "next_match", contexts: BROWSE, keys: &["}"], description: "panel: pick the next same-guest thread" },
    Binding { action: Action::PrevMatch, name: "prev_match", contexts: BROWSE, keys: &["{"], description: "panel: pick the previous one" },
    Binding { action: Action::NotSameGuest, name: "not_same_guest", contexts: BROWSE, keys: &["x"], description: "panel: not the same guest (x again links it back)" },
    Binding { action: Action::GoToMatch, name: "go_to_match", contexts: BROWSE, keys: &[">"], description: "panel: go to the picked thread in the list" },
    Binding { action: Action::Filter, name: "filter", contexts: BROWSE, keys: &["/"], description: "filter by guest, property, account or message text" },
    Binding { action: Action::Command, name: "command", contexts: BROWSE, keys: &[":"], description: "the command line (commands below)" },
    Binding { action: Action::Complete, name: "complete", contexts: &[CommandLine], keys: &["tab"], description: "complete; again for the next candidate" },
    Binding { action: Action::CompleteBack, name: "complete_back", contexts: &[CommandLine], keys: &["shift-tab"], description: "the previous candidate" },
    Binding { action: Action::OlderCommand, name: "older_command", contexts: &[CommandLine], keys: &["up"], description: "the command before" },
    Binding { action: Action::NewerCommand, name: "newer_command", contexts: &[CommandLine], keys: &["down"], description: "the command after" },
    Binding { action: Action::Back, name: "back", contexts: &[List, History, Compose, FilterPrompt, CommandLine], keys: &["esc"], description: "back out (keeps drafts; clears a filter)" },
    Binding { action: Action::Back, name: "back", contexts: &[History], keys: &["h", "left"], description: "back to the list" },
    Binding { action: Action::Back, name: "back", contexts: &[Help], keys: &["esc", "?", "q"], description: "close this help" },
    Binding { action: Action::Back, name: "back", contexts: &[Picker, SnoozeMenu], keys: &["esc"], description: "close without choosing" },
    Binding { action: Action::Back, name: "back", contexts: &[Confirm], keys: &["n", "esc"], description: "back to the draft, unsent" },
    Binding { action: Action::Help, name: "help", contexts: BROWSE, keys: &["?"], description: "this help" },
    Binding { action: Action::Suspend, name: "suspend", contexts: EVERYWHERE, keys: &["ctrl-z"], description: "suspend (fg in the shell brings innbox back)" },
    Binding { action: Action::Quit, name: "quit", contexts: BROWSE, keys: &["q"], description: "quit" },
    Binding { action: Action::Quit, name: "quit", contexts: EVERYWHERE, keys: &["ctrl-c"], description: "quit from anywhere" },
];

/// One line of the help overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpEntry {
    pub keys: String,
    pub description: String,
}

/// The effective bindings: the defaults with the config's overrides applied.
#[derive(Debug, Clone)]
pub struct Keymap {
    rows: Vec<Row>,
}

#[derive(Debug, Clone)]
struct Row {
    action: Action,
    name: &'static str,
    contexts: Vec<Context>,
    keys: Vec<Key>,
    description: &'static str,
    /// Where the config set these keys; None for a default.
    set_at: Option<String>,
}

impl Default for Keymap {
    fn default() -> Self {
        let rows = DEFAULTS
            .iter()
            .map(|b| Row {
                action: b.action,
                name: b.name,
                contexts: b.contexts.to_vec(),
                // The defaults_parse test covers every spelling.
                keys: b.keys.iter().filter_map(|k| Key::parse(k)).collect(),
                description: b.description,
                set_at: None,
            })
            .collect();
        Self { rows }
    }
}

impl Keymap {
    /// The defaults with `overrides` applied in order. The error names the line and
    /// column of the override at fault and what to do.
    pub fn with_overrides(overrides: &[Override]) -> Result<Self, String> {
        let mut keymap = Self::default();
        for one in overrides {
            overrides::apply(&mut keymap.rows, one)?;
        }
        overrides::check_no_key_twice(&keymap.rows)?;
        Ok(keymap)
    }

    pub fn action(&self, context: Context, key: KeyEvent) -> Option<Action> {
        let key = Key::from_event(key);
        self.rows.iter().find(|r| r.contexts.contains(&context) && r.keys.contains(&key)).map(|r| r.action)
    }

    /// Every binding with its keys, in table order. Rows an override split by
    /// context say which context each is.
    pub fn help(&self) -> Vec<HelpEntry> {
        self.rows
            .iter()
            .filter(|row| !row.keys.is_empty())
            .map(|row| {
                let split = self.rows.iter().any(|other| {
                    !std::ptr::eq(other, row)
                        && other.name == row.name
                        && other.description == row.description
                });
                let description = if split {
                    let contexts: Vec<_> = row.contexts.iter().map(|c| c.name()).collect();
                    format!("{} (in {})", row.description, contexts.join(", "))
                } else {
                    row.description.to_owned()
                };
                HelpEntry { keys: keys_label(&row.keys), description }
            })
            .collect()
    }

    /// The first key of `action` in `context`, for the status line's hints.
    pub fn label(&self, context: Context, action: Action) -> Option<String> {
        self.rows
            .iter()
            .filter(|r| r.action == action && r.contexts.contains(&context))
            .find_map(|r| r.keys.first())
            .map(Key::to_string)
    }
}

fn keys_label(keys: &[Key]) -> String {
    keys.iter().map(Key::to_string).collect::<Vec<_>>().join(" / ")
}

#[cfg(test)]
mod tests;
