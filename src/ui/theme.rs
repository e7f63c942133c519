//! Colours and emphasis, in one place so the panes stay consistent.

use ratatui::style::{Color, Modifier, Style};

pub fn border(focused: bool) -> Style {
    if focused { Style::new().fg(Color::Cyan) } else { Style::new().fg(Color::DarkGray) }
}

pub fn title(focused: bool) -> Style {
    border(focused).add_modifier(Modifier::BOLD)
}

pub fn selected_row() -> Style {
    Style::new().bg(Color::DarkGray)
}

pub fn unread() -> Style {
    Style::new().fg(Color::White).add_modifier(Modifier::BOLD)
}

pub fn dim() -> Style {
    Style::new().fg(Color::Gray)
}

pub fn faint() -> Style {
    Style::new().fg(Color::DarkGray)
}

pub fn guest() -> Style {
    Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
}

pub fn us() -> Style {
    Style::new().fg(Color::Green).add_modifier(Modifier::BOLD)
}

pub fn automated() -> Style {
    Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD)
}

pub fn system() -> Style {
    Style::new().fg(Color::Yellow).add_modifier(Modifier::ITALIC)
}

pub fn ok() -> Style {
    Style::new().fg(Color::Green)
}

pub fn busy() -> Style {
    Style::new().fg(Color::Yellow)
}

pub fn error() -> Style {
    Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
}

pub fn key() -> Style {
    Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
}
