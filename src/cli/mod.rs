//! The command line: global options, subcommands, and where files live.

mod export;
mod inbox;
mod paths;
mod send;
mod simulate;
mod summary;
mod sync;

pub use paths::Paths;

use clap::{Parser, Subcommand};
use std::io::{BufWriter, ErrorKind, StdoutLock, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "innbox",
    version,
    about = "A keyboard-driven terminal inbox for property managers",
    long_about = "A keyboard-driven terminal inbox for property managers.\n\nWithout a command, opens the inbox on the configured accounts. `innbox demo` opens it on the built-in simulator."
)]
pub struct Cli {
    /// Config file [default: $XDG_CONFIG_HOME/innbox/config.toml]
    #[arg(long, global = true, env = "INNBOX_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Where the inbox database and logs live [default: the XDG data dir]
    #[arg(long, global = true, env = "INNBOX_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Log more: -v adds each request and retry, -vv everything; line commands also
    /// print the log to stderr
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the inbox on the built-in simulator: no config or account needed
    Demo,
    /// Sync every account once, delivering queued replies first
    Sync,
    /// Print the stored threads as JSON Lines, one thread per line
    Export {
        /// Only this account's threads
        #[arg(long, value_name = "NAME")]
        account: Option<String>,
    },
    /// Print a Markdown handoff for the next shift: urgent threads, threads waiting for
    /// a reply, failed replies
    Summary {
        /// Only this account's threads
        #[arg(long, value_name = "NAME")]
        account: Option<String>,
    },
    /// Queue a reply and deliver it through the outbox
    Send {
        /// The thread to answer, as ACCOUNT/THREAD_ID (see `innbox export`)
        #[arg(long, value_name = "ACCOUNT/THREAD_ID")]
        thread: String,
        /// The reply's text
        #[arg(long)]
        body: String,
        /// Send even if the pre-send checks warn (a door code to an unconfirmed
        /// reservation, a long SMS); what blocks a reply still blocks it
        #[arg(long)]
        force: bool,
    },
    /// Run the built-in simulator of the four provider APIs and print a config for it
    Simulate(simulate::SimulateArgs),
    /// Print shell completions
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

/// Runs the parsed command line. Errors are printed here; the exit code says how it went.
pub fn run(cli: Cli) -> ExitCode {
    match dispatch(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("innbox: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn dispatch(cli: Cli) -> anyhow::Result<ExitCode> {
    let paths = Paths::resolve(cli.config, cli.data_dir)?;
    let verbosity = crate::logging::Verbosity {
        level: cli.verbose,
        to_stderr: cli.verbose > 0 && matches!(cli.command, Some(Command::Sync | Command::Send { .. })),
    };
    // The demo logs into its own throwaway dir; completions do not log.
    let _log = match cli.command {
        Some(Command::Completions { .. } | Command::Demo) => None,
        _ => crate::logging::init(&paths.log_dir, verbosity),
    };
    match cli.command {
        Some(Command::Completions { shell }) => {
            let mut command = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut command, "innbox", &mut std::io::stdout());
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Simulate(args)) => simulate::run(args, &paths),
        Some(Command::Export { account }) => export::run(&paths, account.as_deref()),
        Some(Command::Summary { account }) => summary::run(&paths, account.as_deref()),
        Some(Command::Sync) => sync::run(&paths),
        Some(Command::Send { thread, body, force }) => send::run(&paths, &thread, &body, force),
        Some(Command::Demo) => inbox::demo(verbosity),
        None => inbox::run(&paths),
    }
}

fn load_config(paths: &Paths) -> anyhow::Result<crate::config::Config> {
    Ok(crate::config::Config::load(paths.config(), paths.config_is_explicit)?)
}

/// The triage rules, for the commands that read the store only (see `Config::load_triage`).
fn load_triage(paths: &Paths) -> anyhow::Result<crate::domain::triage::TriageRules> {
    Ok(crate::config::Config::load_triage(paths.config(), paths.config_is_explicit)?)
}

/// Fails unless the store has synced `account` (when one is named), listing those it has.
fn require_known_account(store: &crate::store::Store, account: Option<&str>) -> anyhow::Result<()> {
    let Some(account) = account else { return Ok(()) };
    let known: Vec<String> = store.account_statuses()?.into_iter().map(|a| a.name).collect();
    if !known.iter().any(|name| name == account) {
        anyhow::bail!(
            "no account named '{account}' in the inbox (known: {}); run `innbox sync` first",
            known.join(", ")
        );
    }
    Ok(())
}

/// Runs `write` on buffered stdout. A reader that stops early (`innbox export | head`)
/// is fine, as long as `write` passes write errors on as `std::io::Error`.
fn write_stdout(
    write: impl FnOnce(&mut BufWriter<StdoutLock<'static>>) -> anyhow::Result<()>,
) -> anyhow::Result<ExitCode> {
    let mut out = BufWriter::new(std::io::stdout().lock());
    match write(&mut out).and_then(|()| out.flush().map_err(anyhow::Error::from)) {
        Err(e) if e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == ErrorKind::BrokenPipe) => {
            Ok(ExitCode::SUCCESS)
        }
        other => other.map(|()| ExitCode::SUCCESS),
    }
}

/// The store, triaging what it writes with the config's `[triage]` rules.
fn open_store(paths: &Paths, config: &crate::config::Config) -> anyhow::Result<crate::store::SharedStore> {
    let mut store = crate::store::Store::open_in(&paths.data_dir)?;
    store.set_triage_rules(config.triage.clone());
    Ok(crate::store::SharedStore::new(store))
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread().enable_all().build()?)
}
