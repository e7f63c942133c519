//! Store costs at inbox scale: writing a sync page, loading the thread list,
//! searching. `cargo bench --bench store`.

mod support;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use innbox::store::Store;
use std::hint::black_box;
use support::thread_update;

const THREADS: usize = 5_000;
const MESSAGES_PER_THREAD: usize = 12;

fn filled_store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let updates: Vec<_> = (0..THREADS).map(|i| thread_update(i, MESSAGES_PER_THREAD)).collect();
    for page in updates.chunks(100) {
        store.apply_updates(page).unwrap();
    }
    store
}

fn benches(c: &mut Criterion) {
    let page: Vec<_> = (0..100).map(|i| thread_update(i, MESSAGES_PER_THREAD)).collect();
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
    c.bench_function("search a word being typed", |b| b.iter(|| store.search(black_box("Gue")).unwrap()));
}

criterion_group!(store_benches, benches);
criterion_main!(store_benches);
