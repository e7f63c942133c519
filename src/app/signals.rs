//! The signals the inbox answers: SIGTERM and SIGINT quit, SIGHUP (the terminal is
//! gone) quits too, SIGTSTP suspends as Ctrl-z does, and SIGCONT takes the terminal
//! back after a stop from outside.

use tokio::signal::unix::{Signal as Stream, SignalKind, signal};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Signal {
    /// SIGTERM, SIGINT, or SIGHUP: the terminal is gone.
    Terminate,
    Suspend,
    Continue,
}

pub(super) struct Signals {
    terminate: Stream,
    interrupt: Stream,
    hangup: Stream,
    suspend: Stream,
    resume: Stream,
}

impl Signals {
    pub fn new() -> std::io::Result<Self> {
        Ok(Self {
            terminate: signal(SignalKind::terminate())?,
            interrupt: signal(SignalKind::interrupt())?,
            hangup: signal(SignalKind::hangup())?,
            // Caught, so a stop from outside restores the terminal first; `stop_job`
            // does the stopping.
            suspend: signal(SignalKind::from_raw(libc::SIGTSTP))?,
            resume: signal(SignalKind::from_raw(libc::SIGCONT))?,
        })
    }

    pub async fn recv(&mut self) -> Signal {
        // A stream ends only when the runtime shuts down; that branch then waits forever.
        tokio::select! {
            Some(()) = self.terminate.recv() => Signal::Terminate,
            Some(()) = self.interrupt.recv() => Signal::Terminate,
            Some(()) = self.hangup.recv() => Signal::Terminate,
            Some(()) = self.suspend.recv() => Signal::Suspend,
            Some(()) = self.resume.recv() => Signal::Continue,
            else => std::future::pending().await,
        }
    }

    /// Waits for a SIGTSTP only: while an editor runs, its own Ctrl-z sends one to
    /// the whole process group.
    pub async fn suspend_requested(&mut self) {
        if self.suspend.recv().await.is_none() {
            std::future::pending().await
        }
    }
}

/// Stops innbox and the rest of its process group (a `cargo run` around it) until
/// the shell's `fg`, as a Ctrl-z in a cooked terminal would. SIGSTOP, as SIGTSTP is
/// caught; returns once continued.
pub(super) fn stop_job() {
    // SAFETY: kill(2) takes plain integers and touches no memory of ours.
    unsafe {
        libc::kill(0, libc::SIGSTOP);
    }
}
