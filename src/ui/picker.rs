//! The template picker overlay: the query, the matching saved replies (matched
//! letters highlighted), and the selected one filled in for the selected thread,
//! with whatever could not be filled marked.

use super::printable::printable;
use super::{overlay, theme, wrap};
use crate::app::{AppState, PickerView};
use crate::domain::placeholders::placeholders;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

/// Template rows shown at once; the preview gets the rest.
const LIST_ROWS: usize = 8;

pub fn render(frame: &mut Frame, screen: Rect, state: &AppState) {
    let Some(view) = state.picker() else { return };
    let width = screen.width.saturating_sub(4).min(90);
    let text_width = usize::from(width.saturating_sub(2));
    let list = list_lines(&view, text_width);
    let preview_lines: Vec<Line> = match &view.preview {
        Some(text) => wrap::wrap(text, text_width).into_iter().map(marked_placeholders).collect(),
        None => Vec::new(),
    };
    // Borders, query, list, and the preview under its rule: as tall as it needs, no taller than the screen.
    let rule_and_preview = if preview_lines.is_empty() { 0 } else { 1 + preview_lines.len() };
    let height = (3 + list.len() + rule_and_preview).min(usize::from(screen.height.saturating_sub(2)));
    let area = overlay::clear_centered(frame, screen, width, height as u16);
    let block = Block::bordered()
        .border_style(theme::border(true))
        .title(Line::styled(" Saved replies ", theme::title(true)))
        .title_bottom(Line::styled(" ↑/↓ move · Enter inserts · Esc closes ", theme::faint()));
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let [query, list_area, rule, preview] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(list.len() as u16),
        Constraint::Length(u16::from(rule_and_preview > 0)),
        Constraint::Fill(1),
    ])
    .areas(inner);
    let typed = Line::from(vec![
        Span::styled("› ", theme::key()),
        Span::raw(printable(view.query).into_owned()),
        Span::styled("▏", theme::key()),
    ]);
    frame.render_widget(Paragraph::new(typed), query);
    frame.render_widget(Paragraph::new(list), list_area);
    let guest = state.selected().and_then(|s| s.thread.guest.name.as_deref()).unwrap_or("this guest");
    let title = format!("── as sent to {} ", printable(guest));
    frame.render_widget(
        Paragraph::new(wrap::truncate(&title, usize::from(rule.width))).style(theme::faint()),
        rule,
    );
    frame.render_widget(Paragraph::new(preview_lines), preview);
}

/// The template rows (scrolled to keep the cursor in view), or why there are none,
/// then any file that could not be read.
fn list_lines(view: &PickerView, width: usize) -> Vec<Line<'static>> {
    let Some(templates) = view.templates else {
        return vec![Line::styled("Loading saved replies…", theme::faint())];
    };
    let mut lines = Vec::new();
    if templates.templates.is_empty() {
        let dir = templates.dir.as_deref().map(|d| d.display().to_string()).unwrap_or_default();
        lines.push(Line::raw("No saved replies yet."));
        for text in [
            format!("Put one .md file per reply in {dir}"),
            "(its name is the file's; samples are in innbox's assets/templates)".into(),
        ] {
            lines.extend(wrap::wrap(&text, width).into_iter().map(|l| Line::styled(l, theme::faint())));
        }
    } else if view.matches.is_empty() {
        lines.push(Line::styled(
            format!("No saved reply matches “{}”", printable(view.query)),
            theme::faint(),
        ));
    }
    let first = (view.cursor + 1).saturating_sub(LIST_ROWS);
    for (row, (template, positions)) in view.matches.iter().enumerate().skip(first).take(LIST_ROWS) {
        lines.push(template_row(template, positions, row == view.cursor, width));
    }
    for error in &templates.errors {
        lines.push(Line::styled(wrap::truncate(&format!("✗ {error}"), width), theme::error()));
    }
    lines
}

fn template_row(
    template: &crate::replies::Template,
    matched: &[usize],
    selected: bool,
    width: usize,
) -> Line<'static> {
    let mut spans = vec![Span::styled(if selected { "▸ " } else { "  " }, theme::key())];
    for (at, c) in template.name.chars().enumerate() {
        let text = printable(c.encode_utf8(&mut [0; 4])).into_owned();
        spans.push(if matched.contains(&at) {
            Span::styled(text, theme::key().add_modifier(Modifier::UNDERLINED))
        } else {
            Span::raw(text)
        });
    }
    if let Some(problem) = &template.problem {
        let used: usize = spans.iter().map(Span::width).sum();
        spans.push(Span::styled(
            wrap::truncate(&format!("  ✗ {problem}"), width.saturating_sub(used)),
            theme::error(),
        ));
    }
    let line = Line::from(spans);
    if selected { line.style(theme::selected_row()) } else { line }
}

/// A preview line with each `{variable}` left unfilled shown as an error.
fn marked_placeholders(line: String) -> Line<'static> {
    let mut spans = Vec::new();
    let mut from = 0;
    for (range, _) in placeholders(&line) {
        spans.push(Span::raw(line[from..range.start].to_owned()));
        spans.push(Span::styled(line[range.clone()].to_owned(), theme::error()));
        from = range.end;
    }
    spans.push(Span::raw(line[from..].to_owned()));
    Line::from(spans)
}
