//! Fills a data dir with a realistic synthetic inbox, for trying innbox at scale:
//!
//! ```sh
//! cargo run --release --example populate -- --data-dir /tmp/big --threads 100000 --messages-per-thread 10
//! cargo run --release -- --data-dir /tmp/big --config /dev/null
//! ```
//!
//! Threads are written through the same store path a sync uses, a page at a time.

use clap::Parser;
use innbox::sim::SyntheticInbox;
use innbox::store::{INDEX_CHUNK, Store};
use std::path::PathBuf;
use std::time::Instant;

#[derive(Parser)]
struct Args {
    /// The data dir to fill (created if missing; existing threads are kept)
    #[arg(long)]
    data_dir: PathBuf,
    #[arg(long, default_value_t = 100_000)]
    threads: usize,
    #[arg(long, default_value_t = 10)]
    messages_per_thread: usize,
    /// Different seeds give different guests and texts
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let mut store = Store::open_in(&args.data_dir)?;
    let inbox = SyntheticInbox {
        seed: args.seed,
        messages_per_thread: args.messages_per_thread,
        now: jiff::Timestamp::now(),
    };
    // Only the store's writes are timed: making up the threads is not ingest.
    let writing = inbox
        .write_to(&mut store, args.threads, |written| eprint!("\r{written} / {} threads", args.threads))?;
    let messages = args.threads * args.messages_per_thread;
    eprintln!(
        "\rwrote {} threads and {messages} messages to {} in {:.1} s of writing ({:.0} messages/s)",
        args.threads,
        args.data_dir.display(),
        writing.as_secs_f64(),
        messages as f64 / writing.as_secs_f64()
    );
    // What a sync does once its pages are written: make them searchable.
    let started = Instant::now();
    while store.index_backlog(INDEX_CHUNK)? > 0 {}
    let indexing = started.elapsed().as_secs_f64();
    eprintln!("indexed them for search in {indexing:.1} s ({:.0} messages/s)", messages as f64 / indexing);
    Ok(())
}
