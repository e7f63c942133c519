//! The app's state. Only `update` changes it; views read it through the accessors
//! here, so the fields can change without touching the views.

use super::command_line::CommandLine;
use super::facets::Facets;
use super::message_view::MessageView;
use crate::domain::{Message, Thread, ThreadKey};
use crate::keymap::{Context, Keymap};
use crate::providers::Progress;
use crate::store::{OutboxEntry, SearchMatches, ThreadSummary};
use jiff::Timestamp;
use jiff::tz::TimeZone;
use ratatui_textarea::TextArea;
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    History,
    Compose,
}

/// One account as the status line shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountView {
    pub name: String,
    pub sync: SyncState,
    /// The last successful sync, from this session or an earlier one.
    pub last_ok: Option<Timestamp>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SyncState {
    /// Not synced yet this session.
    Waiting,
    Syncing(Progress),
    Ok,
    Failed {
        short: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub is_error: bool,
    pub until: Timestamp,
}

/// The thread shown in the history pane: always the selected one.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenThread {
    pub thread: Thread,
    pub messages: Vec<Message>,
    /// Our replies that the synced history does not show yet, oldest first.
    pub replies: Vec<OutboxEntry>,
    /// Lines scrolled up from the newest; 0 keeps the view on the newest message.
    pub(super) scroll_from_bottom: usize,
    /// The selected message, and what privacy mode hides.
    pub(super) view: MessageView,
}

impl OpenThread {
    pub fn scroll_from_bottom(&self) -> usize {
        self.scroll_from_bottom
    }
}

#[derive(Debug, Default, Clone)]
pub(super) struct Filter {
    /// The prompt is open and takes the keys.
    pub editing: bool,
    pub text: String,
    /// Threads whose message text matched `matched_query`, from the store's search.
    pub text_matches: SearchMatches,
    pub matched_query: String,
}

pub struct AppState {
    pub(super) now: Timestamp,
    pub(super) time_zone: TimeZone,
    pub(super) width: u16,
    pub(super) height: u16,
    /// Boxed, so merging a sync page into 100k threads moves pointers, not rows
    /// of 408 bytes: 35 ms down to 5 (bench_report's tui section).
    #[allow(clippy::vec_box)]
    pub(super) threads: Vec<Box<ThreadSummary>>,
    /// Threads read in this session, with the newest message time they were read at:
    /// a list loaded before the store recorded it must not bring their unread back.
    pub(super) read_marks: HashMap<ThreadKey, Option<Timestamp>>,
    /// Unread threads among the visible ones.
    pub(super) unread_visible: usize,
    /// Indexes into `threads` that pass the filter, in list order.
    pub(super) visible: Vec<usize>,
    /// Index into `visible`.
    pub(super) cursor: usize,
    /// The first visible row of the list.
    pub(super) list_offset: usize,
    pub(super) focus: Focus,
    pub(super) help_open: bool,
    pub(super) filter: Filter,
    /// `:filter`'s facets, on top of the `/` filter.
    pub(super) facets: Facets,
    pub(super) command: CommandLine,
    pub(super) open: Option<OpenThread>,
    /// The selected thread's load, asked for and not arrived yet: moving the cursor,
    /// filtering or resizing meanwhile must not ask again.
    pub(super) open_requested: Option<ThreadKey>,
    pub(super) composer: TextArea<'static>,
    /// The thread the composer's text belongs to.
    pub(super) composer_key: Option<ThreadKey>,
    pub(super) drafts: HashMap<ThreadKey, String>,
    /// When the composer's draft, changed since it was saved, is due to be saved.
    pub(super) draft_save_due: Option<Timestamp>,
    pub(super) accounts: Vec<AccountView>,
    pub(super) undelivered: usize,
    pub(super) notice: Option<Notice>,
    /// Warnings already shown this session.
    pub(super) warned: HashSet<String>,
    /// A thread-list reload is running; `threads_stale` asks for one more after it.
    pub(super) threads_loading: bool,
    pub(super) threads_stale: bool,
    /// Threads a sync changed while a list load ran: read again after it.
    pub(super) changed_while_loading: HashSet<ThreadKey>,
    /// The first thread list has arrived from the store.
    pub(super) loaded: bool,
    /// What arrived is only the newest threads; the rest are loading.
    pub(super) list_partial: bool,
    pub(super) keymap: Keymap,
    /// Codes, phone numbers and emails are masked on screen.
    pub(super) privacy_mode: bool,
    pub(super) replies: super::saved_replies::Replies,
    pub(super) panel: super::panel::Panel,
    pub(super) lanes: super::lanes::Lanes,
    pub(super) quit: bool,
    pub(super) dirty: bool,
}

/// What the list shows for one thread.
pub struct ThreadRow<'a> {
    pub summary: &'a ThreadSummary,
    pub selected: bool,
    pub has_draft: bool,
}

impl AppState {
    /// An empty inbox for `accounts`, before anything is loaded.
    pub fn new(accounts: Vec<String>, now: Timestamp, time_zone: TimeZone) -> Self {
        Self {
            now,
            time_zone,
            width: 80,
            height: 24,
            threads: Vec::new(),
            read_marks: HashMap::new(),
            unread_visible: 0,
            visible: Vec::new(),
            cursor: 0,
            list_offset: 0,
            focus: Focus::List,
            help_open: false,
            filter: Filter::default(),
            facets: Facets::default(),
            command: CommandLine::default(),
            open: None,
            open_requested: None,
            composer: TextArea::default(),
            composer_key: None,
            drafts: HashMap::new(),
            draft_save_due: None,
            accounts: accounts
                .into_iter()
                .map(|name| AccountView { name, sync: SyncState::Waiting, last_ok: None })
                .collect(),
            undelivered: 0,
            notice: None,
            warned: HashSet::new(),
            threads_loading: false,
            threads_stale: false,
            changed_while_loading: HashSet::new(),
            list_partial: false,
            loaded: false,
            privacy_mode: false,
            replies: Default::default(),
            keymap: Keymap::default(),
            panel: Default::default(),
            lanes: Default::default(),
            quit: false,
            dirty: true,
        }
    }

    pub fn now(&self) -> Timestamp {
        self.now
    }

    pub fn time_zone(&self) -> &TimeZone {
        &self.time_zone
    }

    /// The terminal size `update` last heard of, in columns and rows.
    pub fn size(&self) -> (u16, u16) {
        (self.width, self.height)
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// Something changed since the last frame.
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    pub fn mark_drawn(&mut self) {
        self.dirty = false;
    }

    pub fn focus(&self) -> Focus {
        self.focus
    }

    pub fn help_open(&self) -> bool {
        self.help_open
    }

    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    /// The keys from the config's `[keys]` table.
    pub fn with_keymap(mut self, keymap: Keymap) -> Self {
        self.keymap = keymap;
        self
    }

    /// Where keys go right now.
    pub fn context(&self) -> Context {
        if self.help_open {
            Context::Help
        } else if self.replies.pending.is_some() {
            Context::Confirm
        } else if self.replies.picker.is_some() {
            Context::Picker
        } else if self.lanes.aside.menu.is_some() {
            Context::SnoozeMenu
        } else if self.filter.editing {
            Context::FilterPrompt
        } else if self.command.is_open() {
            Context::CommandLine
        } else {
            match self.focus {
                Focus::List => Context::List,
                Focus::History => Context::History,
                Focus::Compose => Context::Compose,
            }
        }
    }

    pub fn is_loaded(&self) -> bool {
        self.loaded
    }

    /// Only the newest threads are loaded yet.
    pub fn is_list_partial(&self) -> bool {
        self.list_partial
    }

    pub fn thread_count(&self) -> usize {
        self.threads.len()
    }

    pub fn visible_count(&self) -> usize {
        self.visible.len()
    }

    /// Unread threads among those the filter shows.
    pub fn unread_threads(&self) -> usize {
        self.unread_visible
    }

    /// The list rows that fit in `height`, from the scroll offset: only these are built.
    pub fn visible_rows(&self, height: usize) -> impl Iterator<Item = ThreadRow<'_>> {
        self.visible.iter().enumerate().skip(self.list_offset).take(height).map(|(position, &index)| {
            let summary = &self.threads[index];
            ThreadRow {
                summary,
                selected: position == self.cursor,
                has_draft: self.drafts.contains_key(&summary.thread.key()),
            }
        })
    }

    pub fn list_offset(&self) -> usize {
        self.list_offset
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn selected(&self) -> Option<&ThreadSummary> {
        self.visible.get(self.cursor).map(|&index| &*self.threads[index])
    }

    pub fn open_thread(&self) -> Option<&OpenThread> {
        self.open.as_ref()
    }

    pub fn composer(&self) -> &TextArea<'static> {
        &self.composer
    }

    /// Why the selected thread cannot be answered, if it cannot.
    pub fn reply_blocked(&self) -> Option<&str> {
        self.selected().and_then(|s| s.thread.reply.blocked_reason())
    }

    /// The filter text, and whether its prompt is open.
    pub fn filter(&self) -> (&str, bool) {
        (&self.filter.text, self.filter.editing)
    }

    pub fn facets(&self) -> &Facets {
        &self.facets
    }

    pub fn command_line(&self) -> &CommandLine {
        &self.command
    }

    /// What the filter's message-text matches leave out: more matched than are
    /// kept, and how many messages a sync has yet to make searchable.
    pub fn filter_shortfall(&self) -> (bool, usize) {
        let matches = &self.filter.text_matches;
        let current = self.filter.matched_query == self.filter.text;
        (current && matches.truncated, if current { matches.unindexed } else { 0 })
    }

    pub fn accounts(&self) -> &[AccountView] {
        &self.accounts
    }

    pub fn undelivered(&self) -> usize {
        self.undelivered
    }

    pub fn notice(&self) -> Option<&Notice> {
        self.notice.as_ref()
    }
}
