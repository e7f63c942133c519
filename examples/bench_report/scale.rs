//! Issue 5's store targets on a large operator's inbox, 100k threads and 1M
//! messages, written for this run:
//! - ingest: the store's writes of sync pages (the same `apply_updates`), timed
//!   apart from making the threads up, then the search index built behind them;
//! - search: the `/` filter's message search as each query is typed, key by key;
//! - the side panel's "possibly the same guest" lookup;
//! - cold start: innbox itself, offline on that store, from process start to its
//!   inbox drawn with the newest thread, and its resident memory once settled.

use super::screen::{FirstScreen, first_screen};
use super::{Figures, ms, percentile};
use anyhow::Context;
use innbox::sim::{PAGE_THREADS, SyntheticInbox};
use innbox::store::{INDEX_CHUNK, Store};
use portable_pty::CommandBuilder;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What users type, one keystroke at a time: words of guest messages, names, a
/// phrase, CJK, and a word nobody wrote.
const QUERIES: [&str; 10] = [
    "check-in",
    "parking",
    "towels",
    "late checkout",
    "Mariana",
    "wifi password",
    "東京",
    "チェックイン",
    "air",
    "xylophone",
];
const COLD_STARTS: usize = 5;
const SAME_GUEST_LOOKUPS: usize = 200;

pub fn report(figures: &mut Figures, threads: usize, messages_per_thread: usize) -> anyhow::Result<()> {
    let messages = threads * messages_per_thread;
    println!("a large operator's inbox: {threads} threads, {messages} messages");
    let dir = tempfile::tempdir()?;
    let inbox = SyntheticInbox { seed: 1, messages_per_thread, now: jiff::Timestamp::now() };
    let writing = inbox.write_to(&mut Store::open_in(dir.path())?, threads, |_| {})?;
    let ingest = messages as f64 / writing.as_secs_f64();
    println!(
        "  ingest {ingest:>10.0} messages/s ({:.1} s of writes, pages of {PAGE_THREADS} threads)",
        writing.as_secs_f64()
    );
    figures.insert("ingest_msgs_per_s".into(), ingest.round().into());

    let mut store = Store::open_in(dir.path())?;
    let started = Instant::now();
    while store.index_backlog(INDEX_CHUNK)? > 0 {}
    let indexing = started.elapsed();
    let index_rate = messages as f64 / indexing.as_secs_f64();
    let overall = messages as f64 / (writing + indexing).as_secs_f64();
    println!(
        "  search index {index_rate:>4.0} messages/s, {INDEX_CHUNK} a transaction as a sync indexes between pages; written and indexed {overall:.0} messages/s"
    );
    figures.insert("search_index_msgs_per_s".into(), index_rate.round().into());
    figures.insert("ingest_and_index_msgs_per_s".into(), overall.round().into());

    let mut searches = keystroke_searches(&store)?;
    let (p50, p95, max) =
        (percentile(&mut searches, 50), percentile(&mut searches, 95), percentile(&mut searches, 100));
    println!(
        "  search as typed ({} keystrokes) p50 {:>6.1} ms  p95 {:>6.1} ms  max {:>6.1} ms",
        searches.len(),
        ms(p50),
        ms(p95),
        ms(max)
    );
    figures.insert("search_p95_ms_1m".into(), round1(ms(p95)).into());

    // What the side panel asks as the selection moves: a scan of the guest keys.
    let mut lookups = (0..threads)
        .step_by(threads / SAME_GUEST_LOOKUPS)
        .map(|index| {
            let key = inbox.thread(index).thread.key();
            let started = Instant::now();
            store.same_guest(&key).map(|_| started.elapsed())
        })
        .collect::<Result<Vec<_>, _>>()?;
    let p95 = percentile(&mut lookups, 95);
    println!("  same-guest lookup (side panel) p95 {:>6.1} ms over {} threads", ms(p95), lookups.len());
    figures.insert("same_guest_p95_ms_100k".into(), round1(ms(p95)).into());
    drop(store);

    let newest_guest = inbox.thread(0).thread.guest.name.unwrap_or_default();
    let innbox = innbox_binary()?;
    // The store just written is still being flushed to disk, which stalled a first
    // start's reads to 350-400 ms in some runs; a user starts innbox long after.
    let flushed = std::process::Command::new("sync").status()?;
    anyhow::ensure!(flushed.success(), "sync(1) failed");
    let mut starts = (0..COLD_STARTS)
        .map(|_| open_innbox(&innbox, dir.path(), &newest_guest))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let each: Vec<String> = starts.iter().map(|run| format!("{:.0}", ms(run.elapsed))).collect();
    starts.sort_by_key(|run| run.elapsed);
    let median = starts[COLD_STARTS / 2];
    let rss_mb = median.rss_kib as f64 / 1024.0;
    println!(
        "  innbox first screen, median of {COLD_STARTS} {:>6.0} ms (slowest {:.0} ms; in order {} ms); resident once settled {rss_mb:.0} MiB (peak {:.0} MiB)\n",
        ms(median.elapsed),
        ms(starts[COLD_STARTS - 1].elapsed),
        each.join(", "),
        median.peak_rss_kib as f64 / 1024.0
    );
    figures.insert("cold_start_ms_100k".into(), ms(median.elapsed).round().into());
    figures.insert("rss_mb_100k".into(), rss_mb.round().into());
    Ok(())
}

/// The search each keystroke of each query asks for.
fn keystroke_searches(store: &Store) -> anyhow::Result<Vec<Duration>> {
    let mut times = Vec::new();
    for query in QUERIES {
        let typed: Vec<char> = query.chars().collect();
        for end in 1..=typed.len() {
            let prefix: String = typed[..end].iter().collect();
            let started = Instant::now();
            store.search(&prefix)?;
            times.push(started.elapsed());
        }
    }
    Ok(times)
}

/// innbox offline on the store at `dir`, timed until its list shows the newest thread.
fn open_innbox(innbox: &Path, dir: &Path, newest_guest: &str) -> anyhow::Result<FirstScreen> {
    let mut command = CommandBuilder::new(innbox);
    command.args(["--config", "/dev/null", "--data-dir"]);
    command.arg(dir);
    command.env("TERM", "xterm-256color");
    let drawn = |screen: &vt100::Screen| {
        let mut rows = screen.rows(0, 160);
        // The newest threads first ("Inbox · loading…"), or all of them under the lane bar.
        rows.next().is_some_and(|title| title.starts_with("┌ Inbox") || title.starts_with("┌ Urgent"))
            && rows.next().is_some_and(|first| first.contains(newest_guest))
    };
    first_screen(command, (160, 45), drawn, b"q", Duration::from_secs(60)).context("innbox's first screen")
}

/// The release innbox beside this example, built if it is not yet.
fn innbox_binary() -> anyhow::Result<PathBuf> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let built = std::process::Command::new(cargo).args(["build", "--release", "--bin", "innbox"]).status()?;
    anyhow::ensure!(built.success(), "could not build the innbox binary");
    let examples = std::env::current_exe()?;
    let release = examples.parent().and_then(Path::parent).context("where this example runs")?;
    Ok(release.join("innbox"))
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}
