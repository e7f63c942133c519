//! The terminal guard: raw mode, alternate screen, mouse and bracketed paste on
//! entry, and the terminal's input; all undone on drop, on Ctrl-c (a key in raw
//! mode, handled as quit) and on a panic in any thread, which also ends the
//! process so innbox never keeps running on a terminal it no longer owns. The
//! terminal can be handed over (to the shell on Ctrl-z, to `$EDITOR`) and taken back.

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event,
    EventStream,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use std::io::{Stdout, Write, stdout};
use std::mem::ManuallyDrop;
use std::sync::Once;
use std::time::Duration;

pub type Backend = CrosstermBackend<Stdout>;

pub struct TerminalGuard {
    /// Never dropped: ratatui's drop shows the cursor and `eprintln!`s when that fails,
    /// which panics once the terminal is gone. `restore` shows it instead.
    terminal: ManuallyDrop<Terminal<Backend>>,
    /// None while the terminal is handed over.
    input: Option<EventStream>,
}

impl TerminalGuard {
    pub fn enter() -> std::io::Result<Self> {
        install_panic_hook();
        match take_over().and_then(|()| Terminal::new(CrosstermBackend::new(stdout()))) {
            Ok(terminal) => {
                Ok(Self { terminal: ManuallyDrop::new(terminal), input: Some(EventStream::new()) })
            }
            Err(e) => {
                restore();
                Err(e)
            }
        }
    }

    pub fn terminal(&mut self) -> &mut Terminal<Backend> {
        &mut self.terminal
    }

    /// The next key, mouse, paste or resize event; never comes while handed over.
    pub async fn next_event(&mut self) -> Option<std::io::Result<Event>> {
        match self.input.as_mut() {
            Some(input) => futures::StreamExt::next(input).await,
            None => std::future::pending().await,
        }
    }

    /// Gives the terminal back as the shell expects it, and stops reading it: crossterm
    /// reads on a thread of its own, which would steal an editor's or the shell's keys.
    pub fn hand_over(&mut self) {
        if let Some(input) = self.input.take() {
            drop(input);
            // Its reader thread leaves a read of the terminal only when woken by that
            // drop; this takes the lock the thread reads under, so it waits for that.
            let _ = event::poll(Duration::ZERO);
        }
        restore();
    }

    /// Takes the terminal back after `hand_over`, or after innbox was stopped and
    /// continued from outside; the next frame is drawn whole.
    pub fn take_back(&mut self) -> std::io::Result<()> {
        take_over()?;
        // Not `clear()`: it asks the terminal where the cursor is, and the answer cannot
        // get past an `EventStream` that is reading. Resizing clears all the same.
        let size = self.terminal.size()?;
        self.terminal.resize(size.into())?;
        if self.input.is_none() {
            self.input = Some(EventStream::new());
        }
        Ok(())
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

fn take_over() -> std::io::Result<()> {
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen, EnableMouseCapture, EnableBracketedPaste)
}

/// Puts the terminal back as the shell expects it. Safe to call more than once, and
/// on a terminal that has gone away (its errors are ignored).
pub fn restore() {
    let _ = execute!(stdout(), DisableBracketedPaste, DisableMouseCapture, LeaveAlternateScreen);
    let _ = disable_raw_mode();
    let _ = execute!(stdout(), ratatui::crossterm::cursor::Show);
}

fn install_panic_hook() {
    static INSTALLED: Once = Once::new();
    INSTALLED.call_once(|| {
        let report = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            report(info);
            tracing::error!("panic: {info}");
            // Not eprintln: it panics when the terminal is gone, and a panic in here aborts.
            let _ = writeln!(
                std::io::stderr(),
                "innbox stopped after the internal error above; queued replies are saved, and drafts as they were a moment ago."
            );
            std::process::exit(101);
        }));
    });
}
