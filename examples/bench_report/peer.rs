//! innbox beside a tool a user might pick instead: neomutt opening a Maildir of the
//! same threads' messages with its header cache on, timed to its first screen and
//! measured for resident memory the way innbox's cold start is.

use super::Figures;
use super::maildir;
use super::screen::{FirstScreen, first_screen};
use anyhow::Context;
use portable_pty::CommandBuilder;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The terminal innbox's own figures are measured at.
const SIZE: (u16, u16) = (160, 45);
/// Reading a million messages without a header cache takes a while.
const TIMEOUT: Duration = Duration::from_secs(600);
const FIGURES: [&str; 3] =
    ["neomutt_first_screen_ms", "neomutt_first_screen_ms_cold_cache", "neomutt_rss_mb"];

pub fn report(
    figures: &mut Figures,
    threads: usize,
    messages_per_thread: usize,
    seed: u64,
) -> anyhow::Result<()> {
    let messages = threads * messages_per_thread;
    println!(
        "neomutt on a Maildir of the same {threads} threads ({messages} messages), {}x{} terminal:",
        SIZE.0, SIZE.1
    );
    let Some(neomutt) = on_path("neomutt") else {
        println!("  skipped: neomutt is not on PATH (install it with `apt-get install neomutt`)\n");
        for name in FIGURES {
            figures.insert(name.into(), serde_json::Value::Null);
        }
        return Ok(());
    };
    let maildir = maildir::cached(threads, messages_per_thread, seed)?;
    println!(
        "  two runs: the first fills the header cache (minutes at a million messages), the second reads it"
    );
    // One header cache for both runs: the first builds it, the second reads it.
    let scratch = tempfile::tempdir()?;
    let header_cache = scratch.path().join("header-cache");
    std::fs::create_dir(&header_cache)?;
    let muttrc = scratch.path().join("muttrc");
    std::fs::write(&muttrc, muttrc_text(&maildir, &header_cache))?;

    let cold = open(&neomutt, &muttrc, &maildir, messages).context("neomutt with an empty header cache")?;
    let warm = open(&neomutt, &muttrc, &maildir, messages).context("neomutt with its header cache")?;
    println!("  first screen, empty header cache {:>8.0} ms", ms(&cold));
    println!("  first screen, warm header cache  {:>8.0} ms", ms(&warm));
    println!(
        "  resident memory, warm            {:>8.0} MiB (peak {:.0} MiB)\n",
        mib(warm.rss_kib),
        mib(warm.peak_rss_kib)
    );
    figures.insert(FIGURES[0].into(), ms(&warm).round().into());
    figures.insert(FIGURES[1].into(), ms(&cold).round().into());
    figures.insert(FIGURES[2].into(), mib(warm.rss_kib).round().into());
    Ok(())
}

/// Starts neomutt on `maildir` and times it until its index of `messages` is drawn.
fn open(neomutt: &Path, muttrc: &Path, maildir: &Path, messages: usize) -> anyhow::Result<FirstScreen> {
    let mut command = CommandBuilder::new(neomutt);
    command.args(["-n", "-F"]);
    command.arg(muttrc);
    command.arg("-f");
    command.arg(maildir);
    command.env("TERM", "xterm-256color");
    command.env("LC_ALL", "C.UTF-8");
    command.env_remove("MAIL");
    let status = format!("[Msgs:{messages} ");
    first_screen(command, SIZE, |screen| index_drawn(screen, &status), b"q", TIMEOUT)
}

/// The status bar counts every message and the index above it has its first row:
/// while the Maildir is read, only a progress line shows.
fn index_drawn(screen: &vt100::Screen, status: &str) -> bool {
    let rows: Vec<String> = screen.rows(0, SIZE.0).collect();
    let status_row = rows.len() - 2;
    rows[status_row].contains(status) && !rows[1].trim().is_empty()
}

/// A setup that opens straight into the index, newest thread first, asking nothing,
/// tuned as neomutt's manual advises for large Maildirs ("Performance Tuning"): a
/// progress update every 1000 messages rather than every 10.
fn muttrc_text(maildir: &Path, header_cache: &Path) -> String {
    let folder = maildir.parent().unwrap_or(maildir);
    format!(
        "set mbox_type = Maildir\n\
         set folder = \"{folder}\"\n\
         set spoolfile = \"{maildir}\"\n\
         set header_cache = \"{header_cache}/\"\n\
         set read_inc = 1000\n\
         set use_threads = threads\n\
         set sort = reverse-last-date\n\
         set sort_aux = date\n\
         set sidebar_visible = no\n\
         set mail_check_stats = no\n\
         set quit = yes\n\
         set move = no\n\
         set wait_key = no\n",
        folder = folder.display(),
        maildir = maildir.display(),
        header_cache = header_cache.display(),
    )
}

/// The first executable called `program` on PATH.
fn on_path(program: &str) -> Option<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(program))
        .find(|path| path.metadata().is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0))
}

fn ms(run: &FirstScreen) -> f64 {
    run.elapsed.as_secs_f64() * 1e3
}

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}
