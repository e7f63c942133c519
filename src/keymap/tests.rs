use super::*;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;
const ALT: KeyModifiers = KeyModifiers::ALT;

fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, modifiers)
}

fn char(c: char) -> KeyEvent {
    key(KeyCode::Char(c), NONE)
}

/// `action = keys` in `context`'s table (None: `[keys]`), written on line `line`.
fn set(context: Option<Context>, action: &str, keys: &[&str], line: usize) -> Override {
    let at = |column: usize| format!("line {line}, column {column}");
    Override {
        context,
        action: Located { value: action.into(), at: at(1) },
        keys: keys
            .iter()
            .enumerate()
            .map(|(i, k)| Located { value: (*k).into(), at: at(10 + i * 5) })
            .collect(),
    }
}

fn remapped(overrides: &[Override]) -> Keymap {
    Keymap::with_overrides(overrides).unwrap()
}

#[test]
fn every_default_key_parses() {
    for binding in DEFAULTS {
        for name in binding.keys {
            assert!(Key::parse(name).is_some(), "{}: {name}", binding.name);
        }
    }
}

#[test]
fn each_action_has_one_config_name() {
    for a in DEFAULTS {
        for b in DEFAULTS {
            assert_eq!(a.action == b.action, a.name == b.name, "{} / {}", a.name, b.name);
        }
    }
}

#[test]
fn the_defaults_bind_no_key_twice_in_a_context_nor_text_where_typing() {
    let keymap = Keymap::default();
    overrides::check_no_key_twice(&keymap.rows).unwrap();
    for row in &keymap.rows {
        for context in row.contexts.iter().filter(|c| c.is_typing()) {
            assert!(!row.keys.iter().any(|k| k.is_typed_text()), "{} types in {context:?}", row.name);
        }
    }
}

#[test]
fn the_documented_defaults_are_bound() {
    let map = Keymap::default();
    let cases = [
        (List, char('j'), Action::MoveDown),
        (List, key(KeyCode::Up, NONE), Action::MoveUp),
        (History, key(KeyCode::Char('G'), SHIFT), Action::Bottom),
        (History, char('G'), Action::Bottom),
        (List, char('l'), Action::Open),
        (List, key(KeyCode::Tab, NONE), Action::NextPane),
        (Compose, key(KeyCode::BackTab, SHIFT), Action::PrevPane),
        (History, char('r'), Action::Reply),
        (Compose, key(KeyCode::Char('s'), CTRL), Action::Send),
        (Compose, key(KeyCode::Esc, NONE), Action::Back),
        (History, key(KeyCode::Esc, ALT), Action::Back),
        (List, char('/'), Action::Filter),
        (List, key(KeyCode::Char(':'), SHIFT), Action::Command),
        (FilterPrompt, key(KeyCode::Enter, NONE), Action::Open),
        (CommandLine, key(KeyCode::Enter, NONE), Action::Open),
        (CommandLine, key(KeyCode::Tab, NONE), Action::Complete),
        (CommandLine, key(KeyCode::Up, NONE), Action::OlderCommand),
        (CommandLine, key(KeyCode::Esc, NONE), Action::Back),
        (List, char('?'), Action::Help),
        (Help, char('q'), Action::Back),
        (Compose, key(KeyCode::Char('c'), CTRL), Action::Quit),
        (History, key(KeyCode::Char('E'), SHIFT), Action::EditInEditor),
        (Compose, key(KeyCode::Char('o'), CTRL), Action::EditInEditor),
        (FilterPrompt, key(KeyCode::Char('z'), CTRL), Action::Suspend),
    ];
    for (context, key, action) in cases {
        assert_eq!(map.action(context, key), Some(action), "{context:?} {key:?}");
    }
}

#[test]
fn typing_contexts_leave_letters_alone() {
    for context in [Compose, FilterPrompt, CommandLine] {
        for c in ['q', 'j', 'r', '/', '?', 'G', 'E', ':'] {
            assert_eq!(Keymap::default().action(context, char(c)), None, "{context:?} {c}");
        }
    }
}

#[test]
fn help_lists_every_binding_once_with_its_keys() {
    let help = Keymap::default().help();
    assert_eq!(help.len(), DEFAULTS.len());
    assert!(help.contains(&HelpEntry { keys: "ctrl-s".into(), description: "send the reply".into() }));
    assert!(help.iter().any(|h| h.keys == "j / down" && h.description == "next thread / scroll down"));
}

#[test]
fn an_override_replaces_that_actions_keys_and_leaves_the_others() {
    let map =
        remapped(&[set(None, "send", &["ctrl-x"], 2), set(None, "move_down", &["j", "down", "ctrl-n"], 3)]);
    assert_eq!(map.action(Compose, key(KeyCode::Char('x'), CTRL)), Some(Action::Send));
    assert_eq!(map.action(Compose, key(KeyCode::Char('s'), CTRL)), None);
    assert_eq!(map.action(History, key(KeyCode::Char('n'), CTRL)), Some(Action::MoveDown));
    assert_eq!(map.action(List, char('j')), Some(Action::MoveDown));
    assert_eq!(map.action(List, char('k')), Some(Action::MoveUp));
    assert_eq!(map.label(Compose, Action::Send).as_deref(), Some("ctrl-x"));
    let help = map.help();
    assert!(help.contains(&HelpEntry { keys: "ctrl-x".into(), description: "send the reply".into() }));
    assert!(help.iter().any(|h| h.keys == "j / down / ctrl-n"));
}

#[test]
fn a_plain_key_in_keys_is_left_out_where_it_would_be_typed() {
    let map = remapped(&[set(None, "back", &["esc", "b"], 2)]);
    assert_eq!(map.action(List, char('b')), Some(Action::Back));
    assert_eq!(map.action(Help, char('b')), Some(Action::Back));
    assert_eq!(map.action(Compose, char('b')), None);
    assert_eq!(map.action(Compose, key(KeyCode::Esc, NONE)), Some(Action::Back));
    // `h` was a default of `back` in the history: replaced too.
    assert_eq!(map.action(History, char('h')), None);
    let help = map.help();
    assert!(help.iter().any(|h| h.keys == "esc / b" && h.description.ends_with("(in list, history)")));
    assert!(help.iter().any(|h| h.keys == "esc" && h.description.ends_with("(in compose, filter, command)")));
}

#[test]
fn a_context_table_overrides_only_there() {
    let map = remapped(&[set(Some(List), "move_down", &["w"], 4)]);
    assert_eq!(map.action(List, char('w')), Some(Action::MoveDown));
    assert_eq!(map.action(List, char('j')), None);
    assert_eq!(map.action(History, char('j')), Some(Action::MoveDown));
    let help = map.help();
    assert!(help.contains(&HelpEntry {
        keys: "w".into(),
        description: "next thread / scroll down (in list)".into()
    }));
    assert!(help.iter().any(|h| h.keys == "j / down" && h.description.ends_with("(in history)")));
}

#[test]
fn a_plain_key_in_a_typing_context_is_refused() {
    for (context, action) in [(Compose, "send"), (FilterPrompt, "open"), (CommandLine, "complete")] {
        let err = Keymap::with_overrides(&[set(Some(context), action, &["ctrl-g", "s"], 7)]).unwrap_err();
        assert!(err.starts_with("line 7, column 15: `s` would be typed as text"), "{err}");
        assert!(err.contains("ctrl- or alt-"), "{err}");
    }
    assert!(Keymap::with_overrides(&[set(Some(Compose), "send", &["alt-s", "f2"], 7)]).is_ok());
}

#[test]
fn a_key_bound_twice_in_a_context_is_refused_naming_the_line() {
    let err = Keymap::with_overrides(&[set(None, "move_down", &["j", "k"], 5)]).unwrap_err();
    assert_eq!(
        err,
        "line 5, column 1: `k` would do both move_down and move_up in [keys.list]; give one of them another key"
    );
    // Moving the other action away first makes it fine.
    assert!(
        Keymap::with_overrides(&[
            set(None, "move_down", &["j", "k"], 5),
            set(None, "move_up", &["ctrl-k"], 6)
        ])
        .is_ok()
    );
    let err = Keymap::with_overrides(&[set(Some(Help), "quit", &["q"], 9)]).unwrap_err();
    assert!(err.starts_with("line 9, column 1: `q` would do both"), "{err}");
}

#[test]
fn unknown_actions_keys_and_misplaced_contexts_are_refused_naming_the_line() {
    let err = Keymap::with_overrides(&[set(None, "sned", &["ctrl-s"], 3)]).unwrap_err();
    assert!(
        err.starts_with("line 3, column 1: unknown action `sned` in [keys]; actions are move_down, move_up,"),
        "{err}"
    );
    assert!(err.contains(" send,"), "{err}");
    let err = Keymap::with_overrides(&[set(None, "send", &["ctrl-s", "ctrl-sss"], 4)]).unwrap_err();
    assert!(
        err.starts_with("line 4, column 15: unknown key `ctrl-sss` for `send`; keys are written like"),
        "{err}"
    );
    let err = Keymap::with_overrides(&[set(Some(List), "send", &["ctrl-s"], 8)]).unwrap_err();
    assert_eq!(
        err,
        "line 8, column 1: `send` does nothing in [keys.list]; it belongs in [keys] or [keys.compose]"
    );
}

#[test]
fn no_keys_unbinds_the_action() {
    let map = remapped(&[set(None, "quit", &[], 2)]);
    assert_eq!(map.action(List, char('q')), None);
    assert_eq!(map.label(List, Action::Quit), None);
    assert!(!map.help().iter().any(|h| h.description.starts_with("quit")));
}
