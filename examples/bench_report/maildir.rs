//! The messages of innbox's synthetic inbox as a Maildir, for a mail client to open:
//! one RFC 5322 file per message, threaded by In-Reply-To and References. Written
//! once under the target dir and reused, since a million files take minutes.

use anyhow::Context;
use base64::Engine;
use innbox::domain::{Direction, Message, Thread};
use innbox::sim::SyntheticInbox;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// RFC 2047 keeps an encoded word within 75 characters: "=?UTF-8?B?" and "?=" take
/// 12, and 45 bytes of text take the 60 base64 characters left.
const ENCODED_WORD_BYTES: usize = 45;

/// The Maildir of the first `threads` threads of the synthetic inbox `seed`, the
/// same threads `examples/populate` stores. Written if it is not there yet.
pub fn cached(threads: usize, messages_per_thread: usize, seed: u64) -> anyhow::Result<PathBuf> {
    let data = target_dir()?.join("bench-data");
    let inbox = SyntheticInbox { seed, messages_per_thread, now: jiff::Timestamp::now() };
    // Named by what it holds too: a change to the synthetic inbox makes a new one.
    let sample = inbox.thread(0);
    let fingerprint = {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::hash::DefaultHasher::new();
        (&sample.thread.guest.name, sample.messages.iter().map(|m| &m.body).collect::<Vec<_>>())
            .hash(&mut hasher);
        hasher.finish()
    };
    let done = data.join(format!("maildir-{threads}x{messages_per_thread}-seed{seed}-{fingerprint:016x}"));
    if done.is_dir() {
        return Ok(done);
    }
    // Written under another name and renamed when whole: an interrupted run leaves
    // no Maildir that looks complete.
    let partial = done.with_extension("partial");
    if partial.exists() {
        std::fs::remove_dir_all(&partial).with_context(|| format!("removing {}", partial.display()))?;
    }
    for sub in ["cur", "new", "tmp"] {
        std::fs::create_dir_all(partial.join(sub))
            .with_context(|| format!("creating {}", partial.display()))?;
    }
    println!(
        "  writing the Maildir once ({} files, a few minutes) to {}",
        threads * messages_per_thread,
        done.display()
    );
    write_threads(&inbox, threads, &partial.join("cur"))?;
    std::fs::rename(&partial, &done)
        .with_context(|| format!("renaming {} to {}", partial.display(), done.display()))?;
    Ok(done)
}

/// The directory cargo builds into, from where this example runs in it
/// (`<target>/<profile>/examples/<name>`), however the target dir was chosen.
fn target_dir() -> anyhow::Result<PathBuf> {
    let exe = std::env::current_exe().context("finding this program's path")?;
    exe.ancestors().nth(3).map(Path::to_owned).context("this program does not run from a cargo target dir")
}

/// Threads `0..threads` into `cur`, split over the machine's cores.
fn write_threads(inbox: &SyntheticInbox, threads: usize, cur: &Path) -> anyhow::Result<()> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    let written = AtomicUsize::new(0);
    let started = Instant::now();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|worker| {
                let written = &written;
                scope.spawn(move || -> anyhow::Result<()> {
                    let mut file = String::new();
                    for index in (worker..threads).step_by(workers) {
                        write_thread(inbox, index, cur, &mut file)?;
                        written.fetch_add(1, Ordering::Relaxed);
                    }
                    Ok(())
                })
            })
            .collect();
        while !handles.iter().all(|h| h.is_finished()) {
            std::thread::sleep(Duration::from_millis(200));
            eprint!("\r  {} / {threads} threads", written.load(Ordering::Relaxed));
        }
        eprintln!("\r  {threads} threads written in {:.0} s", started.elapsed().as_secs_f64());
        handles.into_iter().try_for_each(|h| h.join().expect("a Maildir writer panicked"))
    })
}

/// One file per message of thread `index`; `file` is a buffer to reuse.
fn write_thread(inbox: &SyntheticInbox, index: usize, cur: &Path, file: &mut String) -> anyhow::Result<()> {
    let update = inbox.thread(index);
    let thread = &update.thread;
    let ids: Vec<String> = update
        .messages
        .iter()
        .map(|m| format!("<{}.{}.seed{}@innbox.invalid>", thread.id, m.id, inbox.seed))
        .collect();
    // The newest messages are the unread ones, as innbox counts them.
    let unread_from = update.messages.len().saturating_sub(thread.unread as usize);
    for (n, message) in update.messages.iter().enumerate() {
        file.clear();
        headers(file, thread, message, &ids[..=n]);
        file.push('\n');
        file.push_str(&message.body);
        file.push('\n');
        let flags = if n < unread_from { "S" } else { "" };
        let path = cur.join(format!("{}.{}.innbox:2,{flags}", thread.id, message.id));
        std::fs::write(&path, file.as_bytes()).with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(())
}

/// The header of a message whose Message-ID ends `ids`; the ids before it are the
/// messages it follows, oldest first.
fn headers(out: &mut String, thread: &Thread, message: &Message, ids: &[String]) {
    let (own_id, earlier) = ids.split_last().expect("a message has an id");
    let guest = mailbox(thread.guest.name.as_deref().unwrap_or("Guest"), &guest_address(thread));
    let host = mailbox(&thread.account, &host_address(thread));
    let (from, to) = if message.direction == Direction::Inbound { (guest, host) } else { (host, guest) };
    let subject = thread.subject.clone().unwrap_or_else(|| {
        let property = thread.property_name.as_deref().unwrap_or("Your stay");
        match &thread.reservation {
            Some(reservation) => format!("{property} ({})", reservation.id),
            None => property.to_owned(),
        }
    });
    let re = if earlier.is_empty() { "" } else { "Re: " };
    let _ = writeln!(out, "From: {from}\nTo: {to}\nSubject: {re}{}", header_text(&subject));
    if let Some(sent_at) = message.sent_at {
        let date = jiff::fmt::rfc2822::to_string(&sent_at.to_zoned(jiff::tz::TimeZone::UTC))
            .expect("synthetic dates fit RFC 2822");
        let _ = writeln!(out, "Date: {date}");
    }
    let _ = writeln!(out, "Message-ID: {own_id}");
    if let Some(parent) = earlier.last() {
        // One id a line, folded, so long threads keep header lines short.
        let _ = writeln!(out, "In-Reply-To: {parent}\nReferences: {}", earlier.join("\n "));
    }
    out.push_str(
        "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n",
    );
}

fn guest_address(thread: &Thread) -> String {
    thread.guest.email.clone().unwrap_or_else(|| format!("{}@guests.innbox.invalid", thread.id))
}

fn host_address(thread: &Thread) -> String {
    format!("{}@hosts.innbox.invalid", thread.account.to_ascii_lowercase().replace(' ', "-"))
}

/// `"Name" <address>`, the name encoded when it is not plain ASCII.
fn mailbox(name: &str, address: &str) -> String {
    if needs_encoding(name) {
        format!("{} <{address}>", encoded_words(name))
    } else {
        format!("\"{}\" <{address}>", name.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

/// Unstructured header text: as it is when plain ASCII, else RFC 2047 encoded words.
fn header_text(text: &str) -> String {
    if needs_encoding(text) { encoded_words(text) } else { text.to_owned() }
}

fn needs_encoding(text: &str) -> bool {
    !text.bytes().all(|b| (b' '..=b'~').contains(&b)) || text.contains("=?")
}

/// `text` as base64 encoded words on folded lines, never splitting a character.
fn encoded_words(text: &str) -> String {
    let mut words = Vec::new();
    let mut start = 0;
    for (at, c) in text.char_indices() {
        if at + c.len_utf8() - start > ENCODED_WORD_BYTES {
            words.push(&text[start..at]);
            start = at;
        }
    }
    words.push(&text[start..]);
    words
        .iter()
        .map(|word| format!("=?UTF-8?B?{}?=", base64::engine::general_purpose::STANDARD.encode(word)))
        .collect::<Vec<_>>()
        .join("\n ")
}
