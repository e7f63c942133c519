//! The event loop: `select!` over terminal input, sync events, effect results, a
//! clock tick, the timer `update` asks for, and signals. Messages go through
//! `update`; frames are drawn only when something changed, at most once per frame
//! interval. No IO runs on this task while the inbox is on screen.

use super::effects::Executor;
use super::signals::{Signal, Signals};
use super::{AppState, LoopEffect, Msg, away, update};
use crate::config::Config;
use crate::providers::RetryPolicy;
use crate::store::SharedStore;
use crate::sync::SyncEngine;
use crate::tui::TerminalGuard;
use jiff::Timestamp;
use ratatui::crossterm::event::Event;
use std::sync::Arc;
use std::time::Duration;
use tokio::time::{Instant, MissedTickBehavior};

const FRAME: Duration = Duration::from_millis(16);
const TICK: Duration = Duration::from_secs(1);
/// How long quitting waits for a worker to finish what it is doing (a send).
const WORKER_GRACE: Duration = Duration::from_secs(3);

/// Runs the inbox until the user quits, or a signal or a closed terminal ends it.
pub async fn run(config: &Config, store: SharedStore) -> anyhow::Result<()> {
    let (engine, mut sync_events) = SyncEngine::new(config, store.clone(), RetryPolicy::default());
    let engine = Arc::new(engine);
    let (msgs_in, mut msgs) = tokio::sync::mpsc::unbounded_channel();
    let names = config.accounts.iter().map(|a| a.name.clone()).collect();
    let rules = config.triage.clone();
    store
        .run(move |s| {
            s.set_triage_rules(rules);
            Ok(())
        })
        .await?;
    let mut app = App {
        executor: Executor::new(store, engine.clone(), msgs_in),
        state: AppState::new(names, Timestamp::now(), jiff::tz::TimeZone::system())
            .with_privacy_mode(config.privacy_mode)
            .with_reply_settings(config.replies.clone())
            .with_keymap(config.keymap.clone())
            .with_reply_targets(config.triage.targets.clone()),
        own: Vec::new(),
    };
    app.executor.load_initial();
    app.executor.run(super::Effect::LoadTemplates(config.replies.templates_dir.clone()));

    let mut tty = TerminalGuard::enter()?;
    let mut signals = Signals::new()?;
    app.resized(&mut tty)?;

    let workers = engine.spawn(config.poll_interval);
    let mut tick = tokio::time::interval(TICK);
    tick.set_missed_tick_behavior(MissedTickBehavior::Skip);
    let mut wake_at = None;
    let mut sync_batch = Vec::new();
    let mut syncing = true;
    let mut last_frame = Instant::now() - FRAME;
    let result = 'inbox: loop {
        let next_frame = last_frame + FRAME;
        tokio::select! {
            event = tty.next_event() => match event {
                Some(Ok(event)) => if let Some(msg) = msg_from(event) {
                    // The clock first, so a draft's save deadline counts from this keystroke.
                    app.dispatch(Msg::Tick(Timestamp::now()));
                    app.dispatch(msg);
                },
                Some(Err(e)) => break Err(e),
                None => break Ok(()),
            },
            // With no accounts there are no workers and the channel is closed at once.
            received = sync_events.recv_many(&mut sync_batch, 256), if syncing => {
                syncing = received > 0;
                for event in sync_batch.drain(..) {
                    app.dispatch(Msg::Sync(event));
                }
            }
            Some(msg) = msgs.recv() => app.dispatch(msg),
            _ = tick.tick() => app.dispatch(Msg::Tick(Timestamp::now())),
            _ = tokio::time::sleep_until(wake_at.unwrap_or(next_frame)), if wake_at.is_some() => {
                wake_at = None;
                app.dispatch(Msg::Tick(Timestamp::now()));
            }
            _ = tokio::time::sleep_until(next_frame), if app.state.is_dirty() => {}
            signal = signals.recv() => match signal {
                Signal::Terminate => break Ok(()),
                Signal::Suspend => app.dispatch(Msg::Suspend),
                // Stopped from outside: the shell may have drawn over the screen and reset the terminal.
                Signal::Continue => if let Err(e) = tty.take_back().and_then(|()| app.resized(&mut tty)) {
                    break Err(e);
                },
            },
        }
        for effect in std::mem::take(&mut app.own) {
            if let Err(e) = app.carry_out(effect, &mut tty, &mut signals, &mut wake_at).await {
                break 'inbox Err(e);
            }
        }
        if app.state.should_quit() {
            break Ok(());
        }
        if app.state.is_dirty() && Instant::now() >= next_frame {
            if let Err(e) = tty.terminal().draw(|frame| crate::ui::render(frame, &app.state)) {
                break Err(e);
            }
            app.state.mark_drawn();
            last_frame = Instant::now();
        }
    };
    app.dispatch(Msg::Stopping);
    drop(tty);
    engine.stop();
    // The last draft save, and a send under way, get a moment to land.
    let _ = tokio::time::timeout(WORKER_GRACE, async {
        app.executor.finish().await;
        futures::future::join_all(workers).await
    })
    .await;
    match result {
        // The terminal was closed under innbox (SIGHUP is on its way): nothing to report to.
        Err(e) if is_hangup(&e) => {
            tracing::info!("the terminal is gone: {e}");
            Ok(())
        }
        result => result.map_err(|e| anyhow::anyhow!("cannot use the terminal: {e}")),
    }
}

/// The app's state and what carries out its effects.
struct App {
    executor: Executor,
    state: AppState,
    /// Effects the loop carries out itself, between frames.
    own: Vec<LoopEffect>,
}

impl App {
    fn dispatch(&mut self, msg: Msg) {
        for effect in update(&mut self.state, msg) {
            self.own.extend(self.executor.run(effect));
        }
    }

    async fn carry_out(
        &mut self,
        effect: LoopEffect,
        tty: &mut TerminalGuard,
        signals: &mut Signals,
        wake_at: &mut Option<Instant>,
    ) -> std::io::Result<()> {
        match effect {
            LoopEffect::TickAt(at) => {
                *wake_at = Some(instant_at(at));
                return Ok(());
            }
            LoopEffect::Copy(text) => return super::clipboard::copy(tty.terminal().backend_mut(), &text),
            LoopEffect::Suspend => away::suspend(tty, &self.executor).await?,
            LoopEffect::EditDraft { key, body } => {
                let (msg, taken_back) = away::edit(tty, signals, key, &body).await;
                self.dispatch(msg);
                taken_back?;
            }
        }
        // Back from the shell or the editor: the terminal may have another size now.
        self.resized(tty)
    }

    /// Tells `update` the terminal's size, which also has the next frame drawn.
    fn resized(&mut self, tty: &mut TerminalGuard) -> std::io::Result<()> {
        let size = tty.terminal().size()?;
        self.dispatch(Msg::Resize { width: size.width, height: size.height });
        Ok(())
    }
}

fn msg_from(event: Event) -> Option<Msg> {
    match event {
        Event::Key(key) => Some(Msg::Key(key)),
        Event::Mouse(mouse) => Some(Msg::Mouse(mouse)),
        Event::Paste(text) => Some(Msg::Paste(text)),
        Event::Resize(width, height) => Some(Msg::Resize { width, height }),
        Event::FocusGained | Event::FocusLost => None,
    }
}

/// The loop's clock reading for a wall-clock time.
fn instant_at(at: Timestamp) -> Instant {
    Instant::now() + Duration::try_from(at.duration_since(Timestamp::now())).unwrap_or_default()
}

/// What a terminal that has been closed answers reads, writes and settings with.
fn is_hangup(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::BrokenPipe || matches!(e.raw_os_error(), Some(libc::EIO | libc::ENXIO))
}
