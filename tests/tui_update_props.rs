//! Random sequences of real keys, mouse wheels, resizes and late store answers
//! thrown at a loaded inbox: `update` never panics, the view can always be drawn
//! with its borders whole, and the selection and scroll stay consistent after every step.

mod support;

use innbox::app::{AppState, Effect, Focus, Msg};
use proptest::prelude::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind};
use support::drive::{code, ctrl, feed, history_scroll_limit, inbox, key, list_rows, shift_tab};
use support::inbox::{loaded, summaries};

#[derive(Debug, Clone)]
enum Input {
    Key(KeyEvent),
    Wheel {
        up: bool,
        column: u16,
        row: u16,
    },
    Resize {
        width: u16,
        height: u16,
    },
    /// The store answers every load asked for so far, oldest first.
    Answer,
}

fn any_key() -> impl Strategy<Value = KeyEvent> {
    let keys = vec![
        key('j'),
        key('k'),
        key('g'),
        key('G'),
        key('l'),
        key('h'),
        key('r'),
        key('R'),
        key('/'),
        key('?'),
        key('a'),
        key('n'),
        key(' '),
        code(KeyCode::Down),
        code(KeyCode::Up),
        code(KeyCode::PageDown),
        code(KeyCode::PageUp),
        code(KeyCode::Home),
        code(KeyCode::End),
        code(KeyCode::Enter),
        code(KeyCode::Esc),
        code(KeyCode::Tab),
        code(KeyCode::Backspace),
        code(KeyCode::Left),
        shift_tab(),
        ctrl('s'),
        ctrl('d'),
        ctrl('u'),
    ];
    proptest::sample::select(keys)
}

fn any_input() -> impl Strategy<Value = Input> {
    prop_oneof![
        8 => any_key().prop_map(Input::Key),
        1 => (any::<bool>(), 0u16..120, 0u16..36).prop_map(|(up, column, row)| Input::Wheel { up, column, row }),
        1 => prop::sample::select(vec![(120, 36), (60, 36), (60, 14), (200, 60), (80, 24)])
            .prop_map(|(width, height)| Input::Resize { width, height }),
        3 => Just(Input::Answer),
    ]
}

/// Applies one input; loads asked for wait in `pending` until an `Answer`.
fn apply(state: &mut AppState, input: Input, pending: &mut Vec<Effect>) {
    let msg = match input {
        Input::Key(key) => Msg::Key(key),
        Input::Wheel { up, column, row } => {
            let kind = if up { MouseEventKind::ScrollUp } else { MouseEventKind::ScrollDown };
            Msg::Mouse(MouseEvent { kind, column, row, modifiers: KeyModifiers::NONE })
        }
        Input::Resize { width, height } => Msg::Resize { width, height },
        Input::Answer => {
            for effect in std::mem::take(pending) {
                let answer = match effect {
                    Effect::LoadThread(key) => Msg::ThreadLoaded(Box::new(loaded(&key))),
                    Effect::LoadThreads => {
                        Msg::ThreadsLoaded(summaries().into_iter().map(Box::new).collect())
                    }
                    Effect::LoadChangedThreads(keys) => {
                        Msg::ThreadsRefreshed(support::drive::only(summaries(), &keys))
                    }
                    _ => continue,
                };
                let more = feed(state, answer);
                pending.extend(more);
            }
            return;
        }
    };
    pending.extend(feed(state, msg));
}

fn check_invariants(state: &AppState) -> Result<(), TestCaseError> {
    let count = state.visible_count();
    if count == 0 {
        prop_assert_eq!(state.cursor(), 0);
        prop_assert_eq!(state.focus(), Focus::List, "no thread, so nothing but the list to focus");
    } else {
        prop_assert!(state.cursor() < count, "cursor {} of {count}", state.cursor());
        prop_assert!(state.list_offset() <= state.cursor());
        let rows = list_rows(state);
        if rows > 0 {
            prop_assert!(state.cursor() < state.list_offset() + rows, "the selection is off screen");
        }
    }
    if let Some(open) = state.open_thread() {
        prop_assert_eq!(Some(open.thread.key()), state.selected().map(|s| s.thread.key()));
        prop_assert!(open.scroll_from_bottom() <= history_scroll_limit(state), "scrolled past the thread");
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn random_input_keeps_the_state_consistent(inputs in prop::collection::vec(any_input(), 1..80)) {
        let mut state = inbox();
        let mut pending = Vec::new();
        for input in inputs {
            apply(&mut state, input, &mut pending);
            check_invariants(&state)?;
        }
        support::screen::draw(&state);
    }
}
