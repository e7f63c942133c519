//! Synthetic inbox data shared by the benchmarks and the bench_report example.
#![allow(dead_code)] // each user takes what it needs

use innbox::app::{AppState, Msg, update};
use innbox::domain::{Channel, Direction, Guest, Message, ProviderKind, ReplyAbility, Thread};
use innbox::providers::ThreadUpdate;
use innbox::store::ThreadSummary;
use jiff::{SignedDuration, Timestamp};

pub fn now() -> Timestamp {
    Timestamp::from_second(1_790_000_000).unwrap()
}

pub fn thread(index: usize) -> Thread {
    Thread {
        account: format!("Account {}", index % 4),
        provider: ProviderKind::Trellis,
        id: format!("thread-{index}"),
        channel: Some(Channel::Airbnb),
        guest: Guest { name: Some(format!("Guest number {index}")), email: None, phone: None },
        property_id: Some(format!("p{}", index % 40)),
        property_name: Some(format!("Villa {}", index % 40)),
        reservation: None,
        subject: None,
        unread: u32::from(index.is_multiple_of(5)),
        reply: ReplyAbility::Allowed,
        updated_at: Some(now() - SignedDuration::from_secs(index as i64 * 60)),
    }
}

pub fn summaries(count: usize) -> Vec<ThreadSummary> {
    (0..count)
        .map(|index| {
            let thread = thread(index);
            ThreadSummary {
                last_message_at: thread.updated_at,
                thread,
                preview: Some("Hi! Is early check-in possible? We land around noon 🙂".into()),
                last_direction: Some(Direction::Inbound),
                message_count: 8,
                triage: Default::default(),
            }
        })
        .collect()
}

/// A thread with `messages` messages, as a sync would write it.
pub fn thread_update(index: usize, messages: usize) -> ThreadUpdate {
    let thread = thread(index);
    let base = thread.updated_at.unwrap();
    let messages = (0..messages)
        .map(|m| Message {
            id: format!("m{m}"),
            direction: if m.is_multiple_of(2) { Direction::Inbound } else { Direction::Outbound },
            sender: None,
            body: format!(
                "Hello, is early check-in possible on day {m}? We arrive around noon with two kids."
            ),
            sent_at: Some(base + SignedDuration::from_secs(m as i64)),
            status: None,
            automatic: Some(false),
            kind: None,
            attachments: Vec::new(),
        })
        .collect();
    ThreadUpdate { thread, messages, marker: Some(format!("marker-{index}")), skipped: Vec::new() }
}

/// An inbox of `count` threads on a 160x48 terminal.
pub fn loaded_state(count: usize) -> AppState {
    let accounts = (0..4).map(|i| format!("Account {i}")).collect();
    let mut state = AppState::new(accounts, now(), jiff::tz::TimeZone::UTC);
    update(&mut state, Msg::Resize { width: 160, height: 48 });
    update(&mut state, Msg::ThreadsLoaded(summaries(count).into_iter().map(Box::new).collect()));
    state
}
