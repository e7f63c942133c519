//! The inbox's hot paths at scale: drawing a frame, moving the selection and
//! filtering, with 1k and 100k threads. `cargo bench --bench tui`. A frame should
//! cost about the same at both sizes because only visible rows are built.

mod support;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use innbox::app::{Msg, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::hint::black_box;

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn benches(c: &mut Criterion) {
    for count in [1_000, 100_000] {
        let mut state = support::loaded_state(count);
        let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
        c.bench_with_input(BenchmarkId::new("draw a frame", count), &count, |b, _| {
            b.iter(|| {
                terminal.draw(|frame| innbox::ui::render(frame, black_box(&state))).unwrap();
            })
        });
        c.bench_with_input(BenchmarkId::new("move the selection (j)", count), &count, |b, _| {
            b.iter(|| update(&mut state, key(KeyCode::Char('j'))))
        });
        update(&mut state, key(KeyCode::Char('/')));
        c.bench_with_input(BenchmarkId::new("filter: type and erase a character", count), &count, |b, _| {
            b.iter(|| {
                update(&mut state, key(KeyCode::Char('7')));
                update(&mut state, key(KeyCode::Backspace))
            })
        });
    }
}

criterion_group!(tui_benches, benches);
criterion_main!(tui_benches);
