//! The help overlay: every key, straight from the keymap.

use super::{overlay, theme, wrap};
use crate::app::AppState;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

pub fn render(frame: &mut Frame, screen: Rect, state: &AppState) {
    let mut entries: Vec<(String, String)> =
        state.keymap().help().into_iter().map(|e| (e.keys, e.description)).collect();
    entries.push(Default::default());
    entries.extend(crate::app::commands().map(|(command, about)| (command, about.to_owned())));
    // Side by side in columns when one is taller than the screen, descriptions cut to fit.
    let rows = usize::from(screen.height.saturating_sub(2)).max(1);
    let per_column = entries.len().div_ceil(entries.len().div_ceil(rows));
    let key_width = entries.iter().map(|(keys, _)| keys.width()).max().unwrap_or(0);
    let natural = key_width + 4 + entries.iter().map(|(_, about)| about.width()).max().unwrap_or(0);
    let columns: Vec<_> = entries.chunks(per_column).collect();
    let column_width = natural.min(usize::from(screen.width.saturating_sub(2)) / columns.len());
    let about_width = column_width.saturating_sub(key_width + 4);
    let line = |(keys, about): &(String, String)| {
        Line::from(vec![
            Span::styled(format!(" {keys:<key_width$}  "), theme::key()),
            Span::raw(wrap::truncate(about, about_width)),
        ])
    };
    let width = (column_width * columns.len() + 2) as u16;
    let height = per_column as u16 + 2;
    let area = overlay::clear_centered(frame, screen, width, height);
    let block = Block::bordered()
        .border_style(theme::border(true))
        .title(Line::styled(" Keys · Esc closes ", theme::title(true)));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let areas = Layout::horizontal(vec![Constraint::Length(column_width as u16); columns.len()]).split(inner);
    for (column, area) in columns.into_iter().zip(areas.iter()) {
        frame.render_widget(Paragraph::new(column.iter().map(line).collect::<Vec<_>>()), *area);
    }
}
