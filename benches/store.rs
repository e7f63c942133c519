//! Store costs at inbox scale: writing a sync page, loading the thread list,
//! searching. `cargo bench --bench store`.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use innbox::domain::{Channel, Direction, Guest, Message, ProviderKind, ReplyAbility, Thread};
use innbox::providers::ThreadUpdate;
use innbox::store::Store;
use jiff::Timestamp;
use std::hint::black_box;

const THREADS: usize = 5_000;
const MESSAGES_PER_THREAD: usize = 12;

fn update(index: usize) -> ThreadUpdate {
    let base = Timestamp::from_second(1_760_000_000 + index as i64 * 60).unwrap();
    let thread = Thread {
        account: format!("Account {}", index % 4),
        provider: ProviderKind::Trellis,
        id: format!("thread-{index}"),
        channel: Some(Channel::Airbnb),
        guest: Guest { name: Some(format!("Guest {index}")), email: None, phone: None },
        property_id: Some(format!("p{}", index % 40)),
        property_name: Some(format!("Villa {}", index % 40)),
        reservation: None,
        subject: None,
        unread: (index % 3) as u32,
        reply: ReplyAbility::Allowed,
        updated_at: Some(base),
    };
    let messages = (0..MESSAGES_PER_THREAD)
        .map(|m| Message {
            id: format!("m{m}"),
            direction: if m % 2 == 0 { Direction::Inbound } else { Direction::Outbound },
            sender: None,
            body: format!(
                "Hello, is early check-in possible on day {m}? We arrive around noon with two kids."
            ),
            sent_at: Some(base + jiff::SignedDuration::from_secs(m as i64)),
            status: None,
            automatic: Some(false),
            kind: None,
            attachments: Vec::new(),
        })
        .collect();
    ThreadUpdate { thread, messages, marker: Some(format!("marker-{index}")) }
}

fn filled_store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let updates: Vec<_> = (0..THREADS).map(update).collect();
    for page in updates.chunks(100) {
        store.apply_updates(page).unwrap();
    }
    store
}

fn benches(c: &mut Criterion) {
    let page: Vec<_> = (0..100).map(update).collect();
    c.bench_function("apply a 100-thread page (new)", |b| {
        b.iter_batched(
            || Store::open_in_memory().unwrap(),
            |mut s| s.apply_updates(black_box(&page)).unwrap(),
            BatchSize::SmallInput,
        )
    });
    let mut store = filled_store();
    c.bench_function("apply a 100-thread page (unchanged, re-sync)", |b| {
        b.iter(|| store.apply_updates(black_box(&page)).unwrap())
    });
    c.bench_function("load the thread list (5000 threads)", |b| {
        b.iter(|| store.thread_summaries(None).unwrap())
    });
    c.bench_function("search a 3+ character query", |b| {
        b.iter(|| store.search(black_box("check-in")).unwrap())
    });
    c.bench_function("search a short query", |b| b.iter(|| store.search(black_box("Gu")).unwrap()));
}

criterion_group!(store_benches, benches);
criterion_main!(store_benches);
