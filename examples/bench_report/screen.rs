//! Time to first screen: how long a terminal program takes from being started to
//! showing what its user waits for, and how much memory it then holds. The program
//! runs in a pseudo-terminal whose output feeds a vt100 screen, as a terminal
//! emulator would show it.

use anyhow::{Context, bail};
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

/// Resident memory counts as settled once it has not changed for this long...
const SETTLED_AFTER: Duration = Duration::from_millis(300);
/// ...or, for a program that keeps allocating, after this long.
const SETTLE_AT_MOST: Duration = Duration::from_secs(5);
const SAMPLE_EVERY: Duration = Duration::from_millis(25);

#[derive(Clone, Copy, Debug)]
pub struct FirstScreen {
    /// From just before the program was started to the output that made the screen ready.
    pub elapsed: Duration,
    /// Resident memory once it stopped changing (VmRSS).
    pub rss_kib: u64,
    /// The most resident memory the program had held by then (VmHWM).
    pub peak_rss_kib: u64,
}

/// Starts `command` in a terminal of `size` (columns, rows) and times it until the
/// screen first meets `ready`; then samples its memory once settled, types `quit`
/// and waits for it to exit. Fails, showing the last screen, if the screen is not
/// ready within `timeout`, if the program exits first or does not exit within
/// `timeout` of the quit keys; the program never outlives this call.
///
/// Spawn the program itself, not a shell running it: the memory read is that of the
/// process started. Give it absolute paths or a cwd: portable_pty starts programs in
/// the home directory. `ready` is checked after each read of output, which may end
/// mid-frame, so it should look for what a frame draws last or for all it needs.
pub fn first_screen(
    command: CommandBuilder,
    size: (u16, u16),
    ready: impl Fn(&vt100::Screen) -> bool,
    quit: &[u8],
    timeout: Duration,
) -> anyhow::Result<FirstScreen> {
    let program = command.get_argv().first().map(|p| p.to_string_lossy().into_owned()).unwrap_or_default();
    let mut run = Run::start(command, size).with_context(|| format!("starting {program}"))?;
    let ready_at = run.wait_until(ready, timeout).with_context(|| format!("{program}'s first screen"))?;
    let (rss_kib, peak_rss_kib) = run.settled_memory().with_context(|| format!("{program}'s memory"))?;
    run.quit(quit, timeout).with_context(|| format!("quitting {program}"))?;
    Ok(FirstScreen { elapsed: ready_at - run.started, rss_kib, peak_rss_kib })
}

/// What the reader thread passes on: output as it was read, then the end of it.
enum Output {
    Read(Instant, Vec<u8>),
    Ended,
}

/// A program running in a terminal. Dropping it kills the program if it has not exited.
struct Run {
    child: Box<dyn Child + Send + Sync>,
    pid: u32,
    started: Instant,
    output: Receiver<Output>,
    parser: vt100::Parser,
    /// Dropped after the program has exited: portable_pty's writer types "\n" and
    /// EOF as it goes, which a program still running would read as keys.
    keyboard: Box<dyn Write + Send>,
    _master: Box<dyn MasterPty + Send>,
    exited: bool,
}

impl Run {
    fn start(command: CommandBuilder, (cols, rows): (u16, u16)) -> anyhow::Result<Self> {
        let nonzero = |n: u16| std::num::NonZeroU16::new(n).context("a terminal of no rows or columns");
        let parser = vt100::Parser::new(nonzero(rows)?, nonzero(cols)?, 0);
        let pair = native_pty_system().openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 })?;
        let reader = pair.master.try_clone_reader()?;
        let keyboard = pair.master.take_writer()?;
        let started = Instant::now();
        let child = pair.slave.spawn_command(command)?;
        // Only the program holds the terminal's other side now, so reads end as it exits.
        drop(pair.slave);
        let pid = child.process_id().context("the program has no process id")?;
        Ok(Self {
            child,
            pid,
            started,
            output: read_in_background(reader),
            parser,
            keyboard,
            _master: pair.master,
            exited: false,
        })
    }

    /// When the output that first made the screen meet `ready` was read.
    fn wait_until(
        &mut self,
        ready: impl Fn(&vt100::Screen) -> bool,
        timeout: Duration,
    ) -> anyhow::Result<Instant> {
        let deadline = self.started + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.output.recv_timeout(left) {
                Ok(Output::Read(at, bytes)) => {
                    self.parser.process(&bytes);
                    if ready(self.parser.screen()) {
                        return Ok(at);
                    }
                }
                Ok(Output::Ended) | Err(RecvTimeoutError::Disconnected) => {
                    let status = self.child.wait()?;
                    self.exited = true;
                    bail!(
                        "the program exited ({status}) before the screen was ready; the last screen:\n{}",
                        self.shown()
                    );
                }
                Err(RecvTimeoutError::Timeout) => {
                    bail!("the screen was not ready after {timeout:?}; the last screen:\n{}", self.shown())
                }
            }
        }
    }

    /// (VmRSS, VmHWM) in KiB once VmRSS has stopped changing.
    fn settled_memory(&mut self) -> anyhow::Result<(u64, u64)> {
        let since = Instant::now();
        let mut last = memory(self.pid)?;
        let mut unchanged_since = since;
        while unchanged_since.elapsed() < SETTLED_AFTER && since.elapsed() < SETTLE_AT_MOST {
            std::thread::sleep(SAMPLE_EVERY);
            self.take_output();
            let now = memory(self.pid)?;
            if now.0 != last.0 {
                unchanged_since = Instant::now();
            }
            last = now;
        }
        Ok(last)
    }

    /// Types `keys` and waits for the program to exit; kills it if it does not.
    fn quit(&mut self, keys: &[u8], timeout: Duration) -> anyhow::Result<()> {
        self.keyboard.write_all(keys).and_then(|()| self.keyboard.flush())?;
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            if self.child.try_wait()?.is_some() {
                self.exited = true;
                return Ok(());
            }
            std::thread::sleep(SAMPLE_EVERY);
            self.take_output();
        }
        bail!(
            "the program did not exit within {timeout:?} of the quit keys {:?} and was killed; the last screen:\n{}",
            String::from_utf8_lossy(keys),
            self.shown()
        )
    }

    /// Puts the output read so far on screen, keeping it current for an error to show.
    fn take_output(&mut self) {
        while let Ok(Output::Read(_, bytes)) = self.output.try_recv() {
            self.parser.process(&bytes);
        }
    }

    fn shown(&self) -> String {
        self.parser.screen().contents()
    }
}

impl Drop for Run {
    fn drop(&mut self) {
        if !self.exited {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Reads the terminal on a thread of its own, so each read is timed as it comes
/// rather than when the caller gets to it. The thread ends with the output.
fn read_in_background(mut reader: Box<dyn Read + Send>) -> Receiver<Output> {
    let (sender, receiver) = channel();
    std::thread::spawn(move || {
        let mut buffer = vec![0; 64 * 1024];
        loop {
            match reader.read(&mut buffer) {
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Ok(0) | Err(_) => break, // EOF or EIO: the program's side is closed
                Ok(read) => {
                    if sender.send(Output::Read(Instant::now(), buffer[..read].to_vec())).is_err() {
                        return;
                    }
                }
            }
        }
        let _ = sender.send(Output::Ended);
    });
    receiver
}

/// (VmRSS, VmHWM) of process `pid` in KiB, from /proc (Linux).
fn memory(pid: u32) -> anyhow::Result<(u64, u64)> {
    let path = format!("/proc/{pid}/status");
    let status = std::fs::read_to_string(&path).with_context(|| format!("reading {path}"))?;
    let field = |name: &str| {
        status
            .lines()
            .find_map(|line| line.strip_prefix(name))
            .and_then(|value| value.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .with_context(|| format!("no {name} in {path}"))
    };
    Ok((field("VmRSS:")?, field("VmHWM:")?))
}
