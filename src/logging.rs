//! Logs go to a daily file in the state dir, never to the terminal (the TUI owns it).
//! `INNBOX_LOG` takes a tracing filter, e.g. `innbox=debug`.

use std::path::Path;
use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{Builder, Rotation};
use tracing_subscriber::EnvFilter;

/// Keeps the background log writer alive; dropping it flushes the file.
pub struct LogGuard(#[allow(dead_code)] WorkerGuard);

/// Starts logging to `log_dir`. When that fails, innbox runs on without logs and
/// says so once.
pub fn init(log_dir: &Path) -> Option<LogGuard> {
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
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let filter = EnvFilter::try_from_env("INNBOX_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    let installed = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer)
        .with_ansi(false)
        .try_init()
        .is_ok();
    installed.then_some(LogGuard(guard))
}
