//! Handing the terminal over and taking it back: to the shell on Ctrl-z (or
//! SIGTSTP), to the user's editor for a draft. The UI is away meanwhile, so these
//! may wait.

use super::Msg;
use super::editor::Editor;
use super::effects::Executor;
use super::signals::{Signals, stop_job};
use crate::domain::ThreadKey;
use crate::tui::TerminalGuard;
use std::time::Duration;

/// How long a suspend waits for the draft it saved to land, so that a kill -9
/// while stopped cannot lose it.
const SAVE_WAIT: Duration = Duration::from_secs(2);

/// Stops innbox until the shell's `fg` (or a SIGCONT); the terminal is the shell's
/// meanwhile.
pub(super) async fn suspend(tty: &mut TerminalGuard, executor: &Executor) -> std::io::Result<()> {
    let _ = tokio::time::timeout(SAVE_WAIT, executor.writes_landed()).await;
    tty.hand_over();
    stop_job();
    tty.take_back()
}

/// Lets the user edit `body` in their editor. The message says what became of the
/// draft; it comes even when the terminal cannot be taken back.
pub(super) async fn edit(
    tty: &mut TerminalGuard,
    signals: &mut Signals,
    key: ThreadKey,
    body: &str,
) -> (Msg, std::io::Result<()>) {
    let editor = match Editor::from_env() {
        Ok(editor) => editor,
        Err(reason) => return (Msg::Failed(reason), Ok(())),
    };
    tty.hand_over();
    let edit = editor.edit(body);
    tokio::pin!(edit);
    let edited = loop {
        tokio::select! {
            edited = &mut edit => break edited,
            // An editor's Ctrl-z sends SIGTSTP to the whole process group; innbox catches
            // it, so it stops itself too, and the shell sees the whole job stopped.
            () = signals.suspend_requested() => stop_job(),
        }
    };
    let msg = match edited {
        Ok(body) => Msg::DraftEdited { key, body },
        Err(reason) => Msg::Failed(reason),
    };
    (msg, tty.take_back())
}
