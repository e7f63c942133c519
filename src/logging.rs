//! Logs go to a daily file in the state dir; the TUI owns the terminal, so only the
//! line commands copy them to stderr, and only with `--verbose`. `INNBOX_LOG` takes a
//! tracing filter (e.g. `innbox=debug`) and wins over `--verbose`. Secrets never reach
//! a log: they are `SecretString`s, whose Debug and Display are redacted.

use std::path::Path;
use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{Builder, Rotation};
use tracing_subscriber::EnvFilter;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

/// Lines waiting for the log writer thread; a sync that fails everywhere logs a few hundred.
const LOG_QUEUE_LINES: usize = 4_096;

/// Keeps the background log writer alive; dropping it flushes the file.
pub struct LogGuard(#[allow(dead_code)] WorkerGuard);

/// How much to log and where besides the file.
#[derive(Clone, Copy, Debug, Default)]
pub struct Verbosity {
    /// 0: info; 1: innbox's debug lines (each request, each retry); 2+: every crate's trace.
    pub level: u8,
    /// Also write log lines to stderr (line commands only, never the TUI).
    pub to_stderr: bool,
}

impl Verbosity {
    fn filter(self) -> EnvFilter {
        EnvFilter::try_from_env("INNBOX_LOG").unwrap_or_else(|_| {
            EnvFilter::new(match self.level {
                0 => "info",
                1 => "info,innbox=debug",
                _ => "trace",
            })
        })
    }
}

/// Starts logging to `log_dir`. When that fails, innbox runs on without logs and
/// says so once.
pub fn init(log_dir: &Path, verbosity: Verbosity) -> Option<LogGuard> {
    let appender = std::fs::create_dir_all(log_dir).map_err(|e| e.to_string()).and_then(|()| {
        Builder::new()
            .rotation(Rotation::DAILY)
            .filename_prefix("innbox")
            .filename_suffix("log")
            .max_log_files(7)
            .build(log_dir)
            .map_err(|e| e.to_string())
    });
    let appender = match appender {
        Ok(appender) => appender,
        Err(e) => {
            eprintln!("innbox: warning: cannot write logs to {}: {e}", log_dir.display());
            return None;
        }
    };
    // The default queue holds 128,000 lines and its slots are all touched up front: 4 MB
    // of resident memory, for a log that writes a few lines a minute. When the disk
    // falls that far behind, lines are dropped rather than the UI made to wait.
    let (writer, guard) = tracing_appender::non_blocking::NonBlockingBuilder::default()
        .buffered_lines_limit(LOG_QUEUE_LINES)
        .lossy(true)
        .finish(appender);
    let to_file = tracing_subscriber::fmt::layer().with_writer(writer).with_ansi(false);
    let to_stderr = verbosity
        .to_stderr
        .then(|| tracing_subscriber::fmt::layer().with_writer(std::io::stderr).with_ansi(false));
    let installed = tracing_subscriber::registry()
        .with(verbosity.filter())
        .with(to_file)
        .with(to_stderr)
        .try_init()
        .is_ok();
    installed.then_some(LogGuard(guard))
}
