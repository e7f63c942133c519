//! One key as the config writes it (`j`, `G`, `ctrl-s`, `shift-tab`, `pgdn`, `f5`)
//! and as the terminal reports it. Both sides are normalized, so the spellings a
//! terminal varies on (Shift with `G`, Alt with a fast double Esc) match one key.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    code: KeyCode,
    modifiers: KeyModifiers,
}

/// Named keys, as written in the config and shown in the help.
const NAMED: &[(&str, KeyCode)] = &[
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("shift-tab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("insert", KeyCode::Insert),
    ("space", KeyCode::Char(' ')),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("pgup", KeyCode::PageUp),
    ("pgdn", KeyCode::PageDown),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
];

/// Other spellings people write for the same keys.
const ALIASES: &[(&str, &str)] =
    &[("return", "enter"), ("escape", "esc"), ("del", "delete"), ("pageup", "pgup"), ("pagedown", "pgdn")];

pub const KEY_NAMES_HELP: &str = "keys are written like j, G, ?, ctrl-s, alt-x, shift-tab, enter, esc, \
     tab, space, up, down, left, right, pgup, pgdn, home, end, backspace, delete, f1 to f12";

impl Key {
    /// The key a terminal event stands for.
    pub fn from_event(event: KeyEvent) -> Self {
        let wanted = KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT;
        Self::normalized(event.code, event.modifiers & wanted)
    }

    /// Parses a config spelling: `[ctrl-][alt-][shift-]NAME`, where NAME is one
    /// character or a named key. None for anything else.
    pub fn parse(text: &str) -> Option<Self> {
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = text;
        let code = loop {
            if let Some(code) = named(&rest.to_ascii_lowercase()) {
                break code;
            }
            let mut chars = rest.chars();
            if let (Some(c), None) = (chars.next(), chars.next()) {
                if c.is_control() || c.is_whitespace() {
                    return None;
                }
                // Terminals cannot tell Ctrl-S from Ctrl-s.
                break KeyCode::Char(if modifiers.contains(KeyModifiers::CONTROL) {
                    c.to_ascii_lowercase()
                } else {
                    c
                });
            }
            let (prefix, after) = rest.split_once('-')?;
            modifiers |= match prefix.to_ascii_lowercase().as_str() {
                "ctrl" => KeyModifiers::CONTROL,
                "alt" => KeyModifiers::ALT,
                "shift" => KeyModifiers::SHIFT,
                _ => return None,
            };
            rest = after;
        };
        let code = match code {
            KeyCode::Tab if modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            code => code,
        };
        Some(Self::normalized(code, modifiers))
    }

    /// A character typed as text: what compose and the prompts insert rather than
    /// take as a command.
    pub fn is_typed_text(self) -> bool {
        matches!(self.code, KeyCode::Char(_))
            && !self.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    }

    fn normalized(code: KeyCode, modifiers: KeyModifiers) -> Self {
        let (code, modifiers) = match code {
            // Shift is already in the character: `G`, `?`, `:`.
            KeyCode::Char(c) if modifiers.contains(KeyModifiers::SHIFT) => {
                (KeyCode::Char(c.to_uppercase().next().unwrap_or(c)), modifiers - KeyModifiers::SHIFT)
            }
            KeyCode::BackTab => (code, modifiers - KeyModifiers::SHIFT),
            // Esc pressed twice fast reaches us as Alt-Esc on many terminals.
            KeyCode::Esc => (code, modifiers - KeyModifiers::ALT),
            _ => (code, modifiers),
        };
        Self { code, modifiers }
    }
}

fn named(lower: &str) -> Option<KeyCode> {
    let lower = ALIASES.iter().find(|(alias, _)| *alias == lower).map_or(lower, |(_, name)| name);
    if let Some((_, code)) = NAMED.iter().find(|(name, _)| *name == lower) {
        return Some(*code);
    }
    let number: u8 = lower.strip_prefix('f')?.parse().ok()?;
    (1..=12).contains(&number).then_some(KeyCode::F(number))
}

/// The config spelling, so what the help shows is what the config takes.
impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (modifier, prefix) in
            [(KeyModifiers::CONTROL, "ctrl-"), (KeyModifiers::ALT, "alt-"), (KeyModifiers::SHIFT, "shift-")]
        {
            if self.modifiers.contains(modifier) {
                f.write_str(prefix)?;
            }
        }
        match (self.code, NAMED.iter().find(|(_, code)| *code == self.code)) {
            (_, Some((name, _))) => f.write_str(name),
            (KeyCode::Char(c), None) => write!(f, "{c}"),
            (KeyCode::F(n), None) => write!(f, "f{n}"),
            (code, None) => write!(f, "{code:?}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(code: KeyCode, modifiers: KeyModifiers) -> Key {
        Key::from_event(KeyEvent::new(code, modifiers))
    }

    #[test]
    fn every_key_name_parses_to_the_key_the_terminal_sends() {
        let none = KeyModifiers::NONE;
        let cases = [
            ("j", event(KeyCode::Char('j'), none)),
            ("G", event(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            ("G", event(KeyCode::Char('g'), KeyModifiers::SHIFT)),
            ("?", event(KeyCode::Char('?'), KeyModifiers::SHIFT)),
            ("/", event(KeyCode::Char('/'), none)),
            (":", event(KeyCode::Char(':'), none)),
            ("[", event(KeyCode::Char('['), none)),
            ("-", event(KeyCode::Char('-'), none)),
            ("1", event(KeyCode::Char('1'), none)),
            ("ctrl-s", event(KeyCode::Char('s'), KeyModifiers::CONTROL)),
            ("Ctrl-S", event(KeyCode::Char('s'), KeyModifiers::CONTROL)),
            ("alt-x", event(KeyCode::Char('x'), KeyModifiers::ALT)),
            ("ctrl-alt-x", event(KeyCode::Char('x'), KeyModifiers::CONTROL | KeyModifiers::ALT)),
            ("shift-tab", event(KeyCode::BackTab, KeyModifiers::SHIFT)),
            ("shift-tab", event(KeyCode::BackTab, none)),
            ("enter", event(KeyCode::Enter, none)),
            ("return", event(KeyCode::Enter, none)),
            ("esc", event(KeyCode::Esc, none)),
            ("esc", event(KeyCode::Esc, KeyModifiers::ALT)),
            ("tab", event(KeyCode::Tab, none)),
            ("space", event(KeyCode::Char(' '), none)),
            ("up", event(KeyCode::Up, none)),
            ("down", event(KeyCode::Down, none)),
            ("left", event(KeyCode::Left, none)),
            ("right", event(KeyCode::Right, none)),
            ("shift-up", event(KeyCode::Up, KeyModifiers::SHIFT)),
            ("pgup", event(KeyCode::PageUp, none)),
            ("PageDown", event(KeyCode::PageDown, none)),
            ("home", event(KeyCode::Home, none)),
            ("end", event(KeyCode::End, none)),
            ("backspace", event(KeyCode::Backspace, none)),
            ("delete", event(KeyCode::Delete, none)),
            ("insert", event(KeyCode::Insert, none)),
            ("f1", event(KeyCode::F(1), none)),
            ("F12", event(KeyCode::F(12), none)),
            ("ctrl-f5", event(KeyCode::F(5), KeyModifiers::CONTROL)),
        ];
        for (name, key) in cases {
            assert_eq!(Key::parse(name), Some(key), "{name}");
        }
    }

    #[test]
    fn unknown_names_do_not_parse() {
        for name in ["", "jj", "ctrl-", "ctrl-jj", "hyper-x", "f13", "f0", "pgdown2", "ctrl-shft-x", "\t"] {
            assert_eq!(Key::parse(name), None, "{name:?}");
        }
    }

    #[test]
    fn keys_print_as_the_config_writes_them() {
        for name in
            ["j", "G", "?", "ctrl-s", "alt-x", "shift-tab", "enter", "esc", "space", "pgdn", "f5", "shift-up"]
        {
            assert_eq!(Key::parse(name).unwrap().to_string(), name);
        }
        assert_eq!(Key::parse("Return").unwrap().to_string(), "enter");
    }

    #[test]
    fn typed_text_is_a_plain_character() {
        for (name, typed) in [("j", true), ("G", true), ("?", true), ("space", true), ("ctrl-s", false)] {
            assert_eq!(Key::parse(name).unwrap().is_typed_text(), typed, "{name}");
        }
        for name in ["alt-x", "enter", "up", "f1", "tab"] {
            assert!(!Key::parse(name).unwrap().is_typed_text(), "{name}");
        }
    }
}
