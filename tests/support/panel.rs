//! The fixture inbox with guest contacts, plus two older threads of James
//! O'Connor's in other accounts, held in a real store that answers the side
//! panel's lookups the way the executor does.

use super::drive::{WIDTH, feed, starting};
use super::inbox::{self, LAKESIDE, SUNSET};
use innbox::app::{AppState, Effect, LoadedThread, Msg, update};
use innbox::domain::{Guest, ProviderKind, ReplyAbility, ThreadKey};
use innbox::providers::{ThreadUpdate, read_only_reason};
use innbox::store::{Store, ThreadSummary};
use ratatui::crossterm::event::KeyEvent;

pub const JAMES_EMAIL: &str = "james.oconnor@example.com";
/// James's Airbnb thread of last summer, matched by phone.
pub const JAMES_AIRBNB: (&str, &str) = (LAKESIDE, "cal-0901");
/// His direct email from the spring, matched by email.
pub const JAMES_EMAIL_THREAD: (&str, &str) = (SUNSET, "tr-0402");

/// The fixture's threads with contacts, and James's two older threads, newest first.
pub fn summaries() -> Vec<ThreadSummary> {
    let mut summaries = inbox::summaries();
    for summary in &mut summaries {
        summary.thread.guest = contact(summary.thread.guest.name.as_deref());
    }
    let james = summaries.iter().find(|s| s.thread.id == "bk-9001").expect("James's thread").clone();
    let older = |(account, id): (&str, &str), provider, guest, property: &str, at: &str| {
        let mut summary = james.clone();
        let thread = &mut summary.thread;
        (thread.account, thread.id, thread.provider, thread.guest) =
            (account.into(), id.into(), provider, guest);
        (thread.property_name, thread.unread, thread.reservation) = (Some(property.into()), 0, None);
        thread.channel = innbox::domain::Channel::from_wire(if provider == ProviderKind::Trellis {
            "email"
        } else {
            "airbnb"
        });
        thread.reply = match provider {
            ProviderKind::Trellis => ReplyAbility::Blocked(read_only_reason(provider).into()),
            _ => ReplyAbility::Allowed,
        };
        (summary.last_message_at, thread.updated_at) = (Some(inbox::at(at)), Some(inbox::at(at)));
        summary.preview = Some("Thanks again for a lovely stay!".into());
        summary
    };
    let by_phone =
        Guest { name: Some("James O’Connor".into()), email: None, phone: Some("+353 87 123 4567".into()) };
    let by_email = Guest {
        name: Some("JAMES  O'CONNOR".into()),
        email: Some("James.OConnor@Example.com".into()),
        phone: None,
    };
    summaries.push(older(
        JAMES_AIRBNB,
        ProviderKind::Calry,
        by_phone,
        "Lakeside Cabin 2",
        "2026-07-02T09:00:00Z",
    ));
    summaries.push(older(
        JAMES_EMAIL_THREAD,
        ProviderKind::Trellis,
        by_email,
        "Villa Azul",
        "2026-04-11T16:30:00Z",
    ));
    summaries.sort_by_key(|s| std::cmp::Reverse(s.activity()));
    summaries
}

/// The contacts the fixture's guests gave: some real, some placeholders.
fn contact(name: Option<&str>) -> Guest {
    let (email, phone) = match name {
        Some("James O'Connor") => (Some(JAMES_EMAIL), Some("+353 87 123 4567")),
        Some("Yuki Tanaka") => (Some(""), Some("+1 000-000-0000")),
        Some("Lukas Becker") => (None, Some("+49 151 2345 6789")),
        _ => (None, None),
    };
    Guest { name: name.map(Into::into), email: email.map(Into::into), phone: phone.map(Into::into) }
}

/// A store holding `summaries()`.
pub fn store() -> Store {
    let mut store = Store::open_in_memory().expect("a store");
    let updates: Vec<_> = summaries()
        .into_iter()
        .map(|s| ThreadUpdate { thread: s.thread, messages: Vec::new(), marker: None, skipped: Vec::new() })
        .collect();
    store.apply_updates(&updates).expect("the threads written");
    store
}

/// The inbox of `summaries()` at this size, loaded, with James's thread selected.
pub fn inbox_at(width: u16, height: u16, store: &mut Store) -> AppState {
    let mut state = starting(width, height);
    feed(&mut state, Msg::AccountsLoaded(inbox::account_statuses()));
    feed(&mut state, Msg::DraftsLoaded(inbox::drafts()));
    feed(&mut state, Msg::OutboxCount(2));
    let effects = feed(&mut state, Msg::ThreadsLoaded(summaries().into_iter().map(Box::new).collect()));
    answer(&mut state, &effects, store);
    state
}

pub fn inbox(store: &mut Store) -> AppState {
    inbox_at(WIDTH, super::drive::HEIGHT, store)
}

/// What the executor would answer: loads from the fixture, lookups and unlinks
/// from `store`; and the answers' own effects in turn.
pub fn answer(state: &mut AppState, effects: &[Effect], store: &mut Store) {
    for effect in effects {
        let more = match effect {
            Effect::FindSameGuest(key) => {
                let matches = store.same_guest(key).expect("a lookup");
                update(state, Msg::SameGuest { key: key.clone(), matches })
            }
            Effect::SetSameGuest { thread, other, same } => {
                store.set_same_guest(thread, other, *same).expect("recorded");
                let matches = store.same_guest(thread).expect("a lookup");
                update(state, Msg::SameGuest { key: thread.clone(), matches })
            }
            Effect::LoadThread(key) => update(state, Msg::ThreadLoaded(Box::new(loaded(key)))),
            Effect::LoadThreads => {
                update(state, Msg::ThreadsLoaded(summaries().into_iter().map(Box::new).collect()))
            }
            _ => Vec::new(),
        };
        answer(state, &more, store);
    }
}

/// Presses `keys`, each answered before the next.
pub fn drive(
    state: &mut AppState,
    store: &mut Store,
    keys: impl IntoIterator<Item = KeyEvent>,
) -> Vec<Effect> {
    let mut all = Vec::new();
    for key in keys {
        let effects = update(state, Msg::Key(key));
        answer(state, &effects, store);
        all.extend(effects);
    }
    all
}

fn loaded(key: &ThreadKey) -> LoadedThread {
    let summary = summaries().into_iter().find(|s| &s.thread.key() == key).expect("a thread of the fixture");
    let is_fixtures = inbox::summaries().iter().any(|s| &s.thread.key() == key);
    let messages = if is_fixtures { inbox::loaded(key).messages } else { Vec::new() };
    LoadedThread { thread: summary.thread, messages, replies: Vec::new() }
}
