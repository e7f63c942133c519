//! A program running in a pseudo-terminal, and a vt100 screen of what it shows,
//! for tests that drive a TUI as a user would: type keys, wait until the screen
//! says something, look at how the terminal was left.
#![allow(dead_code)] // each test binary uses a different subset

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

pub use vt100::Screen;

/// ratatui hides the cursor at the end of every frame it draws. The screen takes
/// output a frame at a time and conditions are checked after each one, so a state
/// shown for a single frame is never missed and a half-drawn one never matches.
const FRAME_END: &[u8] = b"\x1b[?25l";

/// Something the screen must come to show.
type Condition = Box<dyn FnMut(&Screen) -> bool + Send>;

/// Compares the terminal's settings (raw or cooked, echo...) with those from before
/// the program started; describes the difference if there is one.
type SettingsCheck = Box<dyn Fn(&dyn MasterPty) -> Option<String> + Send>;

/// The program and the terminal it runs in. Dropping it kills the program if it
/// is still running, so a failing test leaves nothing behind.
pub struct Terminal {
    child: Box<dyn Child + Send + Sync>,
    /// The terminal's side: None once hung up.
    keyboard: Option<Box<dyn Write + Send>>,
    master: Option<Box<dyn MasterPty + Send>>,
    output: Arc<Output>,
    /// Tells the reader thread to close its handle on the terminal.
    hanging_up: Arc<AtomicBool>,
    reader: Option<std::thread::JoinHandle<()>>,
    settings_changed: SettingsCheck,
    exited: bool,
}

/// What the terminal shows, fed by a reader thread.
struct Output {
    shown: Mutex<Shown>,
    changed: Condvar,
}

struct Shown {
    parser: vt100::Parser,
    /// Output after the last complete frame: on screen once its frame is complete,
    /// or once the output ends.
    unframed: Vec<u8>,
    /// The program's side of the terminal is closed: no more output will come.
    ended: bool,
    /// Complete frames put on screen so far.
    frames: u64,
    watch: Option<Watch>,
}

struct Watch {
    condition: Condition,
    /// The screen at the first frame that met the condition.
    met: Option<Screen>,
}

impl Shown {
    /// Puts `bytes` on screen a whole frame at a time, checking the watch after
    /// each: the screen never holds a half-drawn frame.
    fn feed(&mut self, bytes: &[u8]) {
        self.unframed.extend_from_slice(bytes);
        while let Some(at) = self.unframed.windows(FRAME_END.len()).position(|w| w == FRAME_END) {
            let frame: Vec<u8> = self.unframed.drain(..at + FRAME_END.len()).collect();
            self.parser.process(&frame);
            self.frames += 1;
            self.check_watch();
        }
    }

    fn check_watch(&mut self) {
        let screen = self.parser.screen();
        if let Some(watch) = self.watch.as_mut().filter(|w| w.met.is_none())
            && (watch.condition)(screen)
        {
            watch.met = Some(screen.clone());
        }
    }
}

impl Terminal {
    /// Starts `command` in a terminal of `rows` x `cols`.
    pub fn spawn(command: CommandBuilder, rows: u16, cols: u16) -> Self {
        let pair = native_pty_system()
            .openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 })
            .expect("a pseudo-terminal opens");
        let parser = vt100::Parser::new(rows.try_into().unwrap(), cols.try_into().unwrap(), 0);
        let output = Arc::new(Output {
            shown: Mutex::new(Shown { parser, unframed: Vec::new(), ended: false, frames: 0, watch: None }),
            changed: Condvar::new(),
        });
        let master_fd = pair.master.as_raw_fd().expect("the terminal has a file descriptor");
        // SAFETY: dup(2) of a descriptor the master keeps open; the File owns the copy.
        let reader = unsafe { std::fs::File::from_raw_fd(libc::dup(master_fd)) };
        let keyboard = pair.master.take_writer().expect("the terminal takes input");
        let before = pair.master.get_termios().expect("the terminal's settings can be read");
        let settings_changed = Box::new(move |master: &dyn MasterPty| {
            let now = master.get_termios().expect("the terminal's settings can be read");
            (now != before).then(|| {
                format!(
                    "input {:?} → {:?}, output {:?} → {:?}, local {:?} → {:?}",
                    before.input_flags,
                    now.input_flags,
                    before.output_flags,
                    now.output_flags,
                    before.local_flags,
                    now.local_flags
                )
            })
        });
        let child = pair.slave.spawn_command(command).expect("the program starts");
        // Only the program holds the terminal's other side now, so its output ends when it exits.
        drop(pair.slave);
        let hanging_up = Arc::new(AtomicBool::new(false));
        let reader = std::thread::spawn({
            let (output, hanging_up) = (output.clone(), hanging_up.clone());
            move || show(reader, &output, &hanging_up)
        });
        Self {
            child,
            keyboard: Some(keyboard),
            master: Some(pair.master),
            output,
            hanging_up,
            reader: Some(reader),
            settings_changed,
            exited: false,
        }
    }

    /// Types `keys` as a terminal sends them ("\r" is Enter, "\x1b" Esc). Type an
    /// Esc alone and wait for its effect: followed at once by more keys, it reads
    /// as the start of an escape sequence.
    pub fn type_keys(&mut self, keys: &str) {
        let keyboard = self.keyboard.as_mut().expect("the terminal is open");
        keyboard.write_all(keys.as_bytes()).and_then(|()| keyboard.flush()).expect("typing works");
    }

    /// Waits until a frame on screen meets `condition` and returns that screen. Fails
    /// with the last screen when it does not come within `timeout`.
    pub fn wait_for(
        &self,
        what: impl std::fmt::Display,
        timeout: Duration,
        condition: impl FnMut(&Screen) -> bool + Send + 'static,
    ) -> Screen {
        let mut shown = lock(&self.output);
        shown.watch = Some(Watch { condition: Box::new(condition), met: None });
        shown.check_watch();
        drop(shown);
        let screen = self.wait_until(&what, timeout, |shown| {
            let met = shown.watch.as_mut().and_then(|w| w.met.take());
            if met.is_none() && shown.ended {
                panic!(
                    "the program ended while waiting for {what}; the screen:\n{}",
                    shown.parser.screen().contents()
                );
            }
            met
        });
        lock(&self.output).watch = None;
        screen
    }

    /// How many frames the program has drawn so far.
    pub fn frames(&self) -> u64 {
        lock(&self.output).frames
    }

    /// Waits until the program has drawn a frame after the first `seen`.
    pub fn wait_for_frame_after(&self, seen: u64, what: impl std::fmt::Display, timeout: Duration) {
        self.wait_until(&what, timeout, |shown| {
            if shown.frames <= seen && shown.ended {
                panic!(
                    "the program ended while waiting for {what}; the screen:\n{}",
                    shown.parser.screen().contents()
                );
            }
            (shown.frames > seen).then_some(())
        })
    }

    /// Waits until the program has exited and all its output is on screen.
    pub fn wait_for_exit(&mut self, timeout: Duration) -> ExitStatus {
        self.wait_until(&"the program to exit", timeout, |shown| shown.ended.then_some(()));
        // The output ends as the program exits, so this does not wait long.
        let status = self.child.wait().expect("the program's exit status");
        self.exited = true;
        status
    }

    /// Waits, as output comes, until `done` has an answer; fails with the last screen
    /// after `timeout`.
    fn wait_until<T>(
        &self,
        what: &dyn std::fmt::Display,
        timeout: Duration,
        mut done: impl FnMut(&mut Shown) -> Option<T>,
    ) -> T {
        let deadline = Instant::now() + timeout;
        let mut shown = lock(&self.output);
        loop {
            if let Some(answer) = done(&mut shown) {
                return answer;
            }
            let Some(left) = deadline.checked_duration_since(Instant::now()) else {
                panic!("waited {timeout:?} for {what}; the screen:\n{}", shown.parser.screen().contents());
            };
            shown = self.output.changed.wait_timeout(shown, left).unwrap().0;
        }
    }

    /// Resizes the terminal, as dragging the window's corner does.
    pub fn resize(&self, rows: u16, cols: u16) {
        let size = PtySize { rows, cols, pixel_width: 0, pixel_height: 0 };
        self.master().resize(size).expect("the terminal resizes");
        lock(&self.output).parser.screen_mut().set_size(rows.try_into().unwrap(), cols.try_into().unwrap());
    }

    pub fn pid(&self) -> i32 {
        let pid = self.child.process_id().expect("the program has a process id");
        i32::try_from(pid).expect("a process id fits an i32")
    }

    /// Sends `signal` to the program, as `kill` does.
    pub fn signal(&self, signal: i32) {
        // SAFETY: kill(2) takes plain integers and touches no memory of ours.
        let sent = unsafe { libc::kill(self.pid(), signal) };
        assert_eq!(sent, 0, "kill({}, {signal}): {}", self.pid(), std::io::Error::last_os_error());
    }

    /// The program is stopped (by SIGSTOP, SIGTSTP...), as /proc tells.
    pub fn is_stopped(&self) -> bool {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid())).unwrap_or_default();
        // "pid (name) state ...": the name may hold spaces and parentheses.
        stat.rsplit_once(") ").is_some_and(|(_, rest)| rest.starts_with('T'))
    }

    pub fn screen(&self) -> Screen {
        lock(&self.output).parser.screen().clone()
    }

    /// How the terminal's settings (raw or cooked, echo...) differ from before the
    /// program started, if they do.
    pub fn settings_changed(&self) -> Option<String> {
        (self.settings_changed)(self.master())
    }

    fn master(&self) -> &dyn MasterPty {
        self.master.as_deref().expect("the terminal is open")
    }

    /// Closes the terminal, as closing its window does (the program gets SIGHUP and
    /// EIO), and waits for the program to exit.
    pub fn hang_up(&mut self, timeout: Duration) -> ExitStatus {
        self.hanging_up.store(true, Ordering::SeqCst);
        if let Some(reader) = self.reader.take() {
            reader.join().expect("the reader thread ends");
        }
        // portable_pty's writer types "\n" and EOF as it is dropped, which a raw-mode
        // program reads as Ctrl-J and Ctrl-D; a terminal that closes types nothing.
        if let Some(fd) = self.master.as_ref().and_then(|master| master.as_raw_fd()) {
            // SAFETY: tcgetattr/tcsetattr on a descriptor the master keeps open, into a local struct.
            unsafe {
                let mut settings: libc::termios = std::mem::zeroed();
                if libc::tcgetattr(fd, &mut settings) == 0 {
                    settings.c_cc[libc::VEOF] = 0;
                    libc::tcsetattr(fd, libc::TCSANOW, &settings);
                }
            }
        }
        // The last handles on the terminal's side: closing them hangs it up.
        self.keyboard = None;
        self.master = None;
        let mut status = None;
        eventually("the program to exit", timeout, || {
            status = self.child.try_wait().expect("the program's exit status");
            status.is_some()
        });
        self.exited = true;
        status.expect("the program exited")
    }
}

impl Drop for Terminal {
    fn drop(&mut self) {
        if !self.exited {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Feeds the program's output to the screen until it ends, or until the terminal
/// is hung up: reads wait in slices so that this thread can let go of the terminal.
fn show(mut reader: std::fs::File, output: &Output, hanging_up: &AtomicBool) {
    let mut buffer = [0u8; 16 * 1024];
    while !hanging_up.load(Ordering::SeqCst) {
        let mut ready = libc::pollfd { fd: reader.as_raw_fd(), events: libc::POLLIN, revents: 0 };
        // SAFETY: one pollfd, valid for the call.
        if unsafe { libc::poll(&mut ready, 1, 20) } <= 0 {
            continue;
        }
        let read = match reader.read(&mut buffer) {
            Ok(0) => break,
            Ok(read) => read,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => break, // EIO: the program's side is closed
        };
        let Ok(mut shown) = output.shown.lock() else { return };
        shown.feed(&buffer[..read]);
        drop(shown);
        output.changed.notify_all();
    }
    if let Ok(mut shown) = output.shown.lock() {
        let rest = std::mem::take(&mut shown.unframed);
        shown.parser.process(&rest);
        shown.ended = true;
    }
    output.changed.notify_all();
}

fn lock(output: &Output) -> MutexGuard<'_, Shown> {
    output.shown.lock().unwrap()
}

/// Waits until `condition` holds, for what the screen does not show (a process's
/// state, a file); it is checked every few milliseconds.
pub fn eventually(what: impl std::fmt::Display, timeout: Duration, mut condition: impl FnMut() -> bool) {
    let deadline = Instant::now() + timeout;
    while !condition() {
        assert!(Instant::now() < deadline, "waited {timeout:?} for {what}");
        std::thread::sleep(Duration::from_millis(10));
    }
}
