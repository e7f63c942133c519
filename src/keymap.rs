//! Keys → actions, per context. The defaults live here; the help overlay and the
//! status line's hints are generated from the same table, so they cannot drift.

use crate::app::Lane;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    MoveDown,
    MoveUp,
    PageDown,
    PageUp,
    Top,
    Bottom,
    /// Open the selected thread (focus its history); in the filter prompt, keep the filter.
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
    Help,
    /// Write the reply in `$VISUAL` / `$EDITOR`.
    EditInEditor,
    /// Give the terminal back to the shell until `fg`.
    Suspend,
    Quit,
    /// Show only the threads of one lane.
    Lane(crate::app::Lane),
    /// Jump to the next urgent thread, else the next that needs a reply.
    NextWaiting,
    /// Open the snooze menu.
    Snooze,
    /// Mark the thread done, or reopen it.
    Done,
    /// Undo the last snooze or done.
    UndoSetAside,
}

/// Where a key is pressed. Text contexts pass unbound keys on as typing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    List,
    History,
    Compose,
    FilterPrompt,
    Help,
}

struct Binding {
    contexts: &'static [Context],
    keys: &'static [(KeyCode, KeyModifiers)],
    /// How the help overlay names the keys.
    label: &'static str,
    action: Action,
    description: &'static str,
}

use Context::{Compose, FilterPrompt, Help, History, List};
const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;
const ALT: KeyModifiers = KeyModifiers::ALT;
const BROWSE: &[Context] = &[List, History];
const EVERYWHERE: &[Context] = &[List, History, Compose, FilterPrompt, Help];

#[rustfmt::skip]
const DEFAULTS: &[Binding] = &[
    Binding { contexts: BROWSE, keys: &[(KeyCode::Char('j'), NONE), (KeyCode::Down, NONE)], label: "j / ↓", action: Action::MoveDown, description: "next thread / scroll down" },
    Binding { contexts: BROWSE, keys: &[(KeyCode::Char('k'), NONE), (KeyCode::Up, NONE)], label: "k / ↑", action: Action::MoveUp, description: "previous thread / scroll up" },
    Binding { contexts: BROWSE, keys: &[(KeyCode::PageDown, NONE), (KeyCode::Char('d'), CTRL)], label: "PgDn / Ctrl-d", action: Action::PageDown, description: "a page down" },
    Binding { contexts: BROWSE, keys: &[(KeyCode::PageUp, NONE), (KeyCode::Char('u'), CTRL)], label: "PgUp / Ctrl-u", action: Action::PageUp, description: "a page up" },
    Binding { contexts: BROWSE, keys: &[(KeyCode::Char('g'), NONE), (KeyCode::Home, NONE)], label: "g / Home", action: Action::Top, description: "top (newest thread, oldest message)" },
    Binding { contexts: BROWSE, keys: &[(KeyCode::Char('G'), SHIFT), (KeyCode::Char('G'), NONE), (KeyCode::End, NONE)], label: "G / End", action: Action::Bottom, description: "bottom (oldest thread, newest message)" },
    Binding { contexts: &[List], keys: &[(KeyCode::Enter, NONE), (KeyCode::Char('l'), NONE), (KeyCode::Right, NONE)], label: "Enter / l", action: Action::Open, description: "open the thread" },
    Binding { contexts: &[FilterPrompt], keys: &[(KeyCode::Enter, NONE)], label: "Enter", action: Action::Open, description: "keep the filter" },
    Binding { contexts: &[List, History, Compose], keys: &[(KeyCode::Tab, NONE)], label: "Tab", action: Action::NextPane, description: "next pane" },
    Binding { contexts: &[List, History, Compose], keys: &[(KeyCode::BackTab, SHIFT), (KeyCode::BackTab, NONE)], label: "Shift-Tab", action: Action::PrevPane, description: "previous pane" },
    Binding { contexts: BROWSE, keys: &[(KeyCode::Char('r'), NONE)], label: "r", action: Action::Reply, description: "reply: write to the selected thread" },
    Binding { contexts: &[Compose], keys: &[(KeyCode::Char('s'), CTRL)], label: "Ctrl-s", action: Action::Send, description: "send the reply" },
    Binding { contexts: BROWSE, keys: &[(KeyCode::Char('E'), SHIFT), (KeyCode::Char('E'), NONE)], label: "E", action: Action::EditInEditor, description: "write the reply in $EDITOR" },
    // Not Ctrl-e: the composer takes that as end of line.
    Binding { contexts: &[Compose], keys: &[(KeyCode::Char('o'), CTRL)], label: "Ctrl-o", action: Action::EditInEditor, description: "go on with the reply in $EDITOR" },
    Binding { contexts: BROWSE, keys: &[(KeyCode::Char('R'), SHIFT), (KeyCode::Char('R'), NONE)], label: "R", action: Action::Retry, description: "send failed replies of this thread again" },
    Binding { contexts: BROWSE, keys: &[(KeyCode::Char('/'), NONE)], label: "/", action: Action::Filter, description: "filter by guest, property, account or message text" },
    // Esc pressed twice fast reaches us as Alt-Esc on many terminals.
    Binding { contexts: &[List, History, Compose, FilterPrompt], keys: &[(KeyCode::Esc, NONE), (KeyCode::Esc, ALT)], label: "Esc", action: Action::Back, description: "back out (keeps drafts; clears a filter)" },
    Binding { contexts: &[History], keys: &[(KeyCode::Char('h'), NONE), (KeyCode::Left, NONE)], label: "h / ←", action: Action::Back, description: "back to the list" },
    Binding { contexts: &[Help], keys: &[(KeyCode::Esc, NONE), (KeyCode::Char('?'), NONE), (KeyCode::Char('q'), NONE)], label: "Esc / ?", action: Action::Back, description: "close this help" },
    Binding { contexts: BROWSE, keys: &[(KeyCode::Char('1'), NONE)], label: "1", action: Action::Lane(Lane::Urgent), description: "lane: urgent" },
    Binding { contexts: BROWSE, keys: &[(KeyCode::Char('2'), NONE)], label: "2", action: Action::Lane(Lane::NeedsReply), description: "lane: needs reply" },
    Binding { contexts: BROWSE, keys: &[(KeyCode::Char('3'), NONE)], label: "3", action: Action::Lane(Lane::Unread), description: "lane: unread" },
    Binding { contexts: BROWSE, keys: &[(KeyCode::Char('4'), NONE)], label: "4", action: Action::Lane(Lane::Snoozed), description: "lane: snoozed" },
    Binding { contexts: BROWSE, keys: &[(KeyCode::Char('5'), NONE)], label: "5", action: Action::Lane(Lane::All), description: "lane: all threads" },
    Binding { contexts: BROWSE, keys: &[(KeyCode::Char('n'), NONE)], label: "n", action: Action::NextWaiting, description: "next urgent thread, else next needing a reply" },
    Binding { contexts: BROWSE, keys: &[(KeyCode::Char('s'), NONE)], label: "s", action: Action::Snooze, description: "snooze until a time (a guest message wakes it)" },
    Binding { contexts: BROWSE, keys: &[(KeyCode::Char('d'), NONE)], label: "d", action: Action::Done, description: "done (a guest message reopens it); on a done thread, reopen" },
    Binding { contexts: BROWSE, keys: &[(KeyCode::Char('u'), NONE)], label: "u", action: Action::UndoSetAside, description: "undo the last snooze or done" },
    Binding { contexts: BROWSE, keys: &[(KeyCode::Char('?'), NONE)], label: "?", action: Action::Help, description: "this help" },
    Binding { contexts: EVERYWHERE, keys: &[(KeyCode::Char('z'), CTRL)], label: "Ctrl-z", action: Action::Suspend, description: "suspend (fg in the shell brings innbox back)" },
    Binding { contexts: BROWSE, keys: &[(KeyCode::Char('q'), NONE)], label: "q", action: Action::Quit, description: "quit" },
    Binding { contexts: EVERYWHERE, keys: &[(KeyCode::Char('c'), CTRL)], label: "Ctrl-c", action: Action::Quit, description: "quit from anywhere" },
];

/// One line of the help overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpEntry {
    pub keys: &'static str,
    pub description: &'static str,
}

#[derive(Debug, Default, Clone, Copy)]
pub struct Keymap;

impl Keymap {
    pub fn action(&self, context: Context, key: KeyEvent) -> Option<Action> {
        DEFAULTS
            .iter()
            .find(|b| b.contexts.contains(&context) && b.keys.contains(&(key.code, key.modifiers)))
            .map(|b| b.action)
    }

    /// Every binding, in table order, each once.
    pub fn help(&self) -> Vec<HelpEntry> {
        DEFAULTS.iter().map(|b| HelpEntry { keys: b.label, description: b.description }).collect()
    }

    /// The key label of `action` in `context`, for the status line's hints.
    pub fn label(&self, context: Context, action: Action) -> Option<&'static str> {
        DEFAULTS.iter().find(|b| b.action == action && b.contexts.contains(&context)).map(|b| b.label)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn the_documented_defaults_are_bound() {
        let map = Keymap;
        let cases = [
            (List, key(KeyCode::Char('j'), NONE), Action::MoveDown),
            (List, key(KeyCode::Up, NONE), Action::MoveUp),
            (History, key(KeyCode::Char('G'), SHIFT), Action::Bottom),
            (List, key(KeyCode::Char('l'), NONE), Action::Open),
            (List, key(KeyCode::Tab, NONE), Action::NextPane),
            (History, key(KeyCode::Char('r'), NONE), Action::Reply),
            (Compose, key(KeyCode::Char('s'), CTRL), Action::Send),
            (Compose, key(KeyCode::Esc, NONE), Action::Back),
            (History, key(KeyCode::Esc, ALT), Action::Back),
            (List, key(KeyCode::Char('/'), NONE), Action::Filter),
            (FilterPrompt, key(KeyCode::Enter, NONE), Action::Open),
            (List, key(KeyCode::Char('?'), NONE), Action::Help),
            (Compose, key(KeyCode::Char('c'), CTRL), Action::Quit),
            (History, key(KeyCode::Char('E'), SHIFT), Action::EditInEditor),
            (Compose, key(KeyCode::Char('o'), CTRL), Action::EditInEditor),
            (FilterPrompt, key(KeyCode::Char('z'), CTRL), Action::Suspend),
        ];
        for (context, key, action) in cases {
            assert_eq!(map.action(context, key), Some(action), "{context:?} {key:?}");
        }
    }

    #[test]
    fn typing_contexts_leave_letters_alone() {
        for context in [Compose, FilterPrompt] {
            for c in ['q', 'j', 'r', '/', '?', 'G', 'E'] {
                assert_eq!(Keymap.action(context, key(KeyCode::Char(c), NONE)), None, "{context:?} {c}");
            }
        }
    }

    #[test]
    fn help_lists_every_binding_once() {
        let help = Keymap.help();
        assert_eq!(help.len(), DEFAULTS.len());
        assert!(help.iter().any(|h| h.keys == "Ctrl-s" && h.description == "send the reply"));
    }
}
