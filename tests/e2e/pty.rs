//! A program running in a pseudo-terminal, and a vt100 screen of what it shows,
//! for tests that drive a TUI as a user would: type keys, wait until the screen
//! says something, look at how the terminal was left.

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
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
    keyboard: Box<dyn Write + Send>,
    master: Box<dyn MasterPty + Send>,
    output: Arc<Output>,
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
            shown: Mutex::new(Shown { parser, unframed: Vec::new(), ended: false, watch: None }),
            changed: Condvar::new(),
        });
        let reader = pair.master.try_clone_reader().expect("the terminal's output can be read");
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
        std::thread::spawn({
            let output = output.clone();
            move || show(reader, &output)
        });
        Self { child, keyboard, master: pair.master, output, settings_changed, exited: false }
    }

    /// Types `keys` as a terminal sends them ("\r" is Enter, "\x1b" Esc). Type an
    /// Esc alone and wait for its effect: followed at once by more keys, it reads
    /// as the start of an escape sequence.
    pub fn type_keys(&mut self, keys: &str) {
        self.keyboard.write_all(keys.as_bytes()).and_then(|()| self.keyboard.flush()).expect("typing works");
    }

    /// Waits until a frame on screen meets `condition` and returns that screen. Fails
    /// with the last screen when it does not come within `timeout`.
    pub fn wait_for(
        &self,
        what: impl std::fmt::Display,
        timeout: Duration,
        condition: impl FnMut(&Screen) -> bool + Send + 'static,
    ) -> Screen {
        let deadline = Instant::now() + timeout;
        let mut shown = lock(&self.output);
        shown.watch = Some(Watch { condition: Box::new(condition), met: None });
        shown.check_watch();
        loop {
            if let Some(screen) = shown.watch.as_mut().and_then(|w| w.met.take()) {
                shown.watch = None;
                return screen;
            }
            let last = shown.parser.screen().contents();
            if shown.ended {
                panic!("the program ended while waiting for {what}; the screen:\n{last}");
            }
            let Some(left) = deadline.checked_duration_since(Instant::now()) else {
                panic!("waited {timeout:?} for {what}; the screen:\n{last}");
            };
            shown = self.output.changed.wait_timeout(shown, left).unwrap().0;
        }
    }

    /// Waits until the program has exited and all its output is on screen.
    pub fn wait_for_exit(&mut self, timeout: Duration) -> ExitStatus {
        let deadline = Instant::now() + timeout;
        let mut shown = lock(&self.output);
        while !shown.ended {
            let Some(left) = deadline.checked_duration_since(Instant::now()) else {
                panic!(
                    "the program still runs after {timeout:?}; the screen:\n{}",
                    shown.parser.screen().contents()
                );
            };
            shown = self.output.changed.wait_timeout(shown, left).unwrap().0;
        }
        drop(shown);
        // The output ends as the program exits, so this does not wait long.
        let status = self.child.wait().expect("the program's exit status");
        self.exited = true;
        status
    }

    pub fn screen(&self) -> Screen {
        lock(&self.output).parser.screen().clone()
    }

    /// How the terminal's settings (raw or cooked, echo...) differ from before the
    /// program started, if they do.
    pub fn settings_changed(&self) -> Option<String> {
        (self.settings_changed)(self.master.as_ref())
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

/// Feeds the program's output to the screen until it ends.
fn show(mut reader: Box<dyn Read + Send>, output: &Output) {
    let mut buffer = [0u8; 16 * 1024];
    loop {
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
