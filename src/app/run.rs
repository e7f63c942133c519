//! The event loop: `select!` over terminal input, sync events, effect results, a
//! clock tick and SIGTERM. Messages go through `update`; frames are drawn only when
//! something changed, at most once per frame interval. No IO runs on this task.

use super::effects::Executor;
use super::{AppState, Msg, update};
use crate::config::Config;
use crate::providers::RetryPolicy;
use crate::store::SharedStore;
use crate::sync::SyncEngine;
use crate::tui::TerminalGuard;
use futures::StreamExt;
use jiff::Timestamp;
use ratatui::crossterm::event::{Event, EventStream};
use std::sync::Arc;
use std::time::Duration;
use tokio::time::{Instant, MissedTickBehavior};

const FRAME: Duration = Duration::from_millis(16);
const TICK: Duration = Duration::from_secs(1);
/// How long quitting waits for a worker to finish what it is doing (a send).
const WORKER_GRACE: Duration = Duration::from_secs(3);

/// Runs the inbox until the user quits.
pub async fn run(config: &Config, store: SharedStore) -> anyhow::Result<()> {
    let (engine, mut sync_events) = SyncEngine::new(config, store.clone(), RetryPolicy::default());
    let engine = Arc::new(engine);
    let (msgs_in, mut msgs) = tokio::sync::mpsc::unbounded_channel();
    let executor = Executor::new(store, engine.clone(), msgs_in);
    let names = config.accounts.iter().map(|a| a.name.clone()).collect();
    let mut state = AppState::new(names, Timestamp::now(), jiff::tz::TimeZone::system());
    executor.load_initial();

    let mut guard = TerminalGuard::enter()?;
    let size = guard.terminal().size()?;
    dispatch(&executor, &mut state, Msg::Resize { width: size.width, height: size.height });

    let workers = engine.spawn(config.poll_interval);
    let mut input = EventStream::new();
    let mut tick = tokio::time::interval(TICK);
    tick.set_missed_tick_behavior(MissedTickBehavior::Skip);
    let mut terminate = terminate_signal()?;
    let mut sync_batch = Vec::new();
    let mut syncing = true;
    let mut last_frame = Instant::now() - FRAME;
    let result = loop {
        let next_frame = last_frame + FRAME;
        tokio::select! {
            event = input.next() => match event {
                Some(Ok(event)) => if let Some(msg) = msg_from(event) { dispatch(&executor, &mut state, msg) },
                Some(Err(e)) => break Err(anyhow::anyhow!("cannot read the terminal: {e}")),
                None => break Ok(()),
            },
            // With no accounts there are no workers and the channel is closed at once.
            received = sync_events.recv_many(&mut sync_batch, 256), if syncing => {
                syncing = received > 0;
                for event in sync_batch.drain(..) {
                    dispatch(&executor, &mut state, Msg::Sync(event));
                }
            }
            Some(msg) = msgs.recv() => dispatch(&executor, &mut state, msg),
            _ = tick.tick() => dispatch(&executor, &mut state, Msg::Tick(Timestamp::now())),
            _ = tokio::time::sleep_until(next_frame), if state.is_dirty() => {}
            _ = terminate.recv() => break Ok(()),
        }
        if state.should_quit() {
            break Ok(());
        }
        if state.is_dirty() && Instant::now() >= next_frame {
            guard.terminal().draw(|frame| crate::ui::render(frame, &state))?;
            state.mark_drawn();
            last_frame = Instant::now();
        }
    };
    drop(guard);
    engine.stop();
    // The last keystrokes' draft saves, and a send under way, get a moment to land.
    let _ = tokio::time::timeout(WORKER_GRACE, async {
        executor.finish().await;
        futures::future::join_all(workers).await
    })
    .await;
    result
}

fn dispatch(executor: &Executor, state: &mut AppState, msg: Msg) {
    for effect in update(state, msg) {
        executor.run(effect);
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

#[cfg(unix)]
fn terminate_signal() -> std::io::Result<tokio::signal::unix::Signal> {
    tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
}
