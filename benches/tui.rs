//! The inbox's hot paths at scale: drawing a frame, moving the selection and
//! filtering, with 1k and 100k threads; and drawing an open thread of 10 messages,
//! of 10k, and of one 1 MB message. `cargo bench --bench tui`. A frame should cost
//! about the same at every size because only what is visible is built.

mod support;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use innbox::app::{LoadedThread, Msg, update};
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

/// A frame with the newest thread open in the history pane, and a scroll by one line.
fn history(c: &mut Criterion) {
    let mut one_mb = support::thread_update(0, 1);
    one_mb.messages[0].body = "Is early check-in possible? 東京 👍 ".repeat(25_000);
    let threads = [
        ("10 messages", support::thread_update(0, 10)),
        ("10k messages", support::thread_update(0, 10_000)),
        ("one 1 MB message", one_mb),
    ];
    for (name, thread) in threads {
        let mut state = support::loaded_state(1_000);
        let (thread, messages) = (thread.thread, thread.messages);
        update(
            &mut state,
            Msg::ThreadLoaded(Box::new(LoadedThread { thread, messages, replies: Vec::new() })),
        );
        update(&mut state, key(KeyCode::Enter));
        let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
        c.bench_function(&format!("draw a frame with the history open: {name}"), |b| {
            b.iter(|| {
                terminal.draw(|frame| innbox::ui::render(frame, black_box(&state))).unwrap();
            })
        });
        c.bench_function(&format!("scroll the history (k then j): {name}"), |b| {
            b.iter(|| {
                update(&mut state, key(KeyCode::Char('k')));
                update(&mut state, key(KeyCode::Char('j')))
            })
        });
    }
}

criterion_group!(tui_benches, benches, history);
criterion_main!(tui_benches);
