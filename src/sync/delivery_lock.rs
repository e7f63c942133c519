//! One process at a time delivers an account's outbox. The lock is an OS file lock,
//! so the kernel releases it when its holder dies, even by kill -9: whoever takes it
//! next knows that a reply still marked `sending` belongs to no live attempt, and
//! settles it at once instead of waiting out a lease.

use std::fs::{File, OpenOptions, TryLockError};
use std::io;
use std::path::Path;
use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// How often a process waiting for another's delivery pass to end looks again.
const RETRY_EVERY: Duration = Duration::from_millis(100);

/// Held for one delivery pass; dropping it (or the process ending) releases it.
pub(super) struct DeliveryLock {
    _file: Option<File>,
}

impl DeliveryLock {
    /// Waits until this process holds the lock at `path`. None when `stop` fires first.
    /// An in-memory store (no path) lives in one process, which never runs two
    /// passes of one account at once, so it needs no lock.
    pub(super) async fn acquire(path: Option<&Path>, stop: &CancellationToken) -> io::Result<Option<Self>> {
        let Some(path) = path else { return Ok(Some(Self { _file: None })) };
        let file = OpenOptions::new().create(true).truncate(false).write(true).open(path)?;
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(Some(Self { _file: Some(file) })),
                Err(TryLockError::WouldBlock) => {}
                Err(TryLockError::Error(e)) => return Err(e),
            }
            // Polled rather than blocking: a blocked thread would keep a quitting inbox waiting.
            tokio::select! {
                _ = stop.cancelled() => return Ok(None),
                _ = tokio::time::sleep(RETRY_EVERY) => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_second_holder_gets_the_lock_only_once_the_first_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("outbox.lock");
        let running = CancellationToken::new();
        let first = DeliveryLock::acquire(Some(&path), &running).await.unwrap();
        assert!(first.is_some());

        let stopped = CancellationToken::new();
        stopped.cancel();
        let waiting = DeliveryLock::acquire(Some(&path), &stopped).await.unwrap();
        assert!(waiting.is_none(), "held elsewhere: the stopped waiter gives up instead of taking it");

        drop(first);
        assert!(DeliveryLock::acquire(Some(&path), &stopped).await.unwrap().is_some());
        assert!(DeliveryLock::acquire(None, &stopped).await.unwrap().is_some(), "in-memory: nothing to lock");
    }
}
