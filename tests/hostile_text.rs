//! Hostile text straight into the app's state, as a store row written before
//! ingestion sanitized it (or by hand) would put it: the views must draw only
//! printable text, keep their layout, leave no stale cells between frames, and
//! survive any terminal size. Snapshots show the corpus; properties go wider.

mod support;

use innbox::app::{AppState, Focus, LoadedThread, Msg, update};
use innbox::domain::{
    Attachment, Channel, Direction, Guest, Message, ProviderKind, ReplyAbility, Reservation, Thread,
    ThreadKey,
};
use innbox::store::{OutboxState, ThreadSummary};
use innbox::sync::{SyncEvent, SyncFailure};
use jiff::tz::TimeZone;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::{Buffer, Cell};
use ratatui::crossterm::event::KeyCode;
use ratatui::style::{Color, Modifier};
use support::drive::{answer_from, code, feed, key};
use support::hostile::{cases, corpus, first_unprintable, hostile};
use support::inbox::{self as fixture, at, message};
use support::screen::draw;
use unicode_width::UnicodeWidthStr;

const ACCOUNT: &str = "Lakeside Rentals";

/// The texts one thread shows: guest, property, ids, channel, preview, bodies...
#[derive(Debug, Clone)]
struct Texts {
    guest: String,
    property: String,
    property_id: String,
    reservation: String,
    channel: String,
    subject: String,
    preview: String,
    bodies: Vec<String>,
    status: String,
    attachment: String,
    reply_error: String,
    blocked: Option<String>,
}

fn thread(id: usize, texts: &Texts) -> (ThreadSummary, LoadedThread) {
    let key = ThreadKey::new(ACCOUNT, format!("t{id}"));
    let thread = Thread {
        account: ACCOUNT.into(),
        provider: ProviderKind::Calry,
        id: key.id.clone(),
        channel: Some(Channel::Other(texts.channel.clone())),
        guest: Guest { name: Some(texts.guest.clone()), email: Some(texts.subject.clone()), phone: None },
        property_id: Some(texts.property_id.clone()),
        property_name: (!texts.property.is_empty()).then(|| texts.property.clone()),
        reservation: Some(Reservation {
            id: texts.reservation.clone(),
            check_in: None,
            check_out: None,
            status: None,
        }),
        subject: Some(texts.subject.clone()),
        unread: (id % 2) as u32,
        reply: texts
            .blocked
            .clone()
            .map_or(ReplyAbility::Allowed, |reason| ReplyAbility::Blocked(reason.into())),
        updated_at: Some(at("2026-11-21T11:00:00Z")),
    };
    let messages = texts
        .bodies
        .iter()
        .enumerate()
        .map(|(index, body)| {
            let direction = [Direction::Inbound, Direction::Outbound, Direction::System][index % 3];
            Message {
                sender: Some(texts.guest.clone()),
                status: Some(texts.status.clone()),
                attachments: vec![Attachment { name: Some(texts.attachment.clone()), url: None, mime: None }],
                ..message(&format!("m{index}"), direction, "2026-11-21T10:00:00Z", body)
            }
        })
        .collect();
    let failed = fixture::reply(7, &key, &texts.preview, OutboxState::Failed, Some(&texts.reply_error));
    let summary = ThreadSummary {
        thread: thread.clone(),
        last_message_at: Some(at("2026-11-21T11:00:00Z")),
        preview: Some(texts.preview.clone()),
        last_direction: Some(Direction::Inbound),
        message_count: texts.bodies.len() as u32,
        triage: Default::default(),
    };
    (summary, LoadedThread { thread, messages, replies: vec![failed] })
}

/// A store holding these threads, answering the app's loads.
struct Store(Vec<(ThreadSummary, LoadedThread)>);

impl Store {
    fn of(threads: &[Texts]) -> Self {
        Self(threads.iter().enumerate().map(|(id, texts)| thread(id, texts)).collect())
    }

    /// Feeds `msg` and answers the loads it asks for.
    fn feed(&self, state: &mut AppState, msg: Msg) {
        let summaries = || self.0.iter().map(|(summary, _)| summary.clone()).collect();
        let loaded = |key: &ThreadKey| {
            let found = self.0.iter().find(|(summary, _)| &summary.thread.key() == key);
            found.expect("a thread of this inbox").1.clone()
        };
        let effects = update(state, msg);
        answer_from(state, &effects, &summaries, &loaded);
    }
}

/// An inbox of these threads at `width`x`height`, the first one open in `focus`,
/// with a hostile account failure and notice.
fn inbox(threads: &[Texts], width: u16, height: u16, focus: Focus, notice: &str) -> AppState {
    let store = Store::of(threads);
    let mut state = AppState::new(vec![ACCOUNT.into(), notice.into()], fixture::now(), TimeZone::UTC);
    store.feed(&mut state, Msg::Resize { width, height });
    store.feed(
        &mut state,
        Msg::ThreadsLoaded(store.0.iter().map(|(summary, _)| summary.clone()).map(Box::new).collect()),
    );
    let error = SyncFailure { message: notice.into(), short: notice.into() };
    store
        .feed(&mut state, Msg::Sync(SyncEvent::Failed { account: notice.into(), at: fixture::now(), error }));
    match focus {
        Focus::List => {}
        Focus::History => store.feed(&mut state, Msg::Key(code(KeyCode::Enter))),
        Focus::Compose => store.feed(&mut state, Msg::Key(key('r'))),
    }
    store.feed(&mut state, Msg::Failed(notice.into()));
    state
}

/// One thread per corpus entry, each field labelled so the snapshot can be read.
fn corpus_threads() -> Vec<Texts> {
    let corpus = corpus();
    corpus
        .iter()
        .enumerate()
        .map(|(index, (name, text))| {
            let other = &corpus[(index + 1) % corpus.len()].1;
            Texts {
                guest: format!("{name}: {text}"),
                property: format!("{text} villa"),
                property_id: other.clone(),
                reservation: text.clone(),
                channel: other.clone(),
                subject: text.clone(),
                preview: format!("{text} {other}"),
                bodies: corpus.iter().map(|(name, text)| format!("{name}: {text}")).collect(),
                status: text.clone(),
                attachment: format!("{text}.pdf"),
                reply_error: format!("{name} {text}"),
                blocked: (index % 2 == 1).then(|| format!("{text} read-only")),
            }
        })
        .collect()
}

#[test]
fn the_corpus_in_every_field_of_a_wide_screen() {
    let threads = corpus_threads();
    let state = inbox(&threads, 120, 40, Focus::History, "OSC 52 \u{1b}]52;c;cm0=\u{7}notice");
    let screen = draw(&state);
    assert_eq!(first_unprintable(screen.buffer()), None);
    insta::assert_snapshot!("corpus_wide_history", screen);
    let state = inbox(&threads, 120, 40, Focus::Compose, "");
    insta::assert_snapshot!("corpus_wide_compose", draw(&state));
}

#[test]
fn the_corpus_in_every_field_of_a_narrow_screen() {
    let threads = corpus_threads();
    let state = inbox(&threads, 40, 30, Focus::List, "bidi \u{202e}gpj.exe");
    let screen = draw(&state);
    assert_eq!(first_unprintable(screen.buffer()), None);
    insta::assert_snapshot!("corpus_narrow_list", screen);
    let screen = draw(&inbox(&threads[1..], 40, 30, Focus::History, ""));
    assert_eq!(first_unprintable(screen.buffer()), None);
    insta::assert_snapshot!("corpus_narrow_history", screen);
}

#[test]
fn a_1_mb_body_is_cut_and_says_so() {
    let mut texts = corpus_threads().swap_remove(11);
    texts.bodies = vec![format!("{}THE END", "東京 👩\u{200d}👩\u{200d}👧 ok \u{1b}[2J ".repeat(50_000))];
    texts.preview = "huge".into();
    assert!(texts.bodies[0].len() > 1_000_000);
    let screen = draw(&inbox(&[texts], 80, 24, Focus::History, ""));
    assert_eq!(first_unprintable(screen.buffer()), None);
    insta::assert_snapshot!(screen);
}

#[test]
fn a_hostile_paste_reaches_the_composer_as_printable_text() {
    let mut texts = corpus_threads().swap_remove(0);
    texts.blocked = None;
    let mut state = inbox(&[texts], 100, 30, Focus::Compose, "");
    let pasted = corpus().into_iter().map(|(_, text)| text).collect::<Vec<_>>().join("\r\n");
    feed(&mut state, Msg::Paste(pasted));
    let composer = state.composer().lines().join("\n");
    assert!(!composer.contains(|c: char| c.is_control() && c != '\n'), "{composer:?}");
    for kept in ["Adm\u{200c}in!", "👩\u{200d}👩\u{200d}👧 ok", "\nstart\n", "\nxy\n", "\nbc    defghi\n"]
    {
        assert!(composer.contains(kept), "{kept:?} in {composer:?}");
    }
    assert_eq!(first_unprintable(draw(&state).buffer()), None);
}

fn texts() -> impl Strategy<Value = Texts> {
    let one = (hostile(), hostile(), hostile(), hostile(), hostile(), hostile());
    let two = (hostile(), prop::collection::vec(hostile(), 0..4), hostile(), hostile(), hostile());
    (one, two, prop::option::of(hostile())).prop_map(
        |((guest, property, property_id, reservation, channel, subject), two, blocked)| {
            let (preview, bodies, status, attachment, reply_error) = two;
            Texts {
                guest,
                property,
                property_id,
                reservation,
                channel,
                subject,
                preview,
                bodies,
                status,
                attachment,
                reply_error,
                blocked,
            }
        },
    )
}

fn focus() -> impl Strategy<Value = Focus> {
    prop::sample::select(vec![Focus::List, Focus::History, Focus::Compose])
}

/// Sizes from nothing up, small ones often.
fn size() -> impl Strategy<Value = (u16, u16)> {
    let side = || prop_oneof![0u16..4, 0u16..40, 0u16..300];
    (side(), side())
}

/// What a terminal shows of a cell: None when a wide glyph before it covers it.
type Shown = Option<(String, Color, Color, Modifier)>;

/// A blank shows its background and a few modifiers, but not its foreground.
fn seen(cell: &Cell) -> (String, Color, Color, Modifier) {
    if cell.symbol() == " " {
        let visible = Modifier::REVERSED | Modifier::UNDERLINED | Modifier::CROSSED_OUT;
        (" ".into(), Color::Reset, cell.bg, cell.modifier & visible)
    } else {
        (cell.symbol().into(), cell.fg, cell.bg, cell.modifier)
    }
}

/// The first cell a terminal would show differently in `left` and `right`.
fn first_difference(left: &Buffer, right: &Buffer) -> Option<(u16, u16, Shown, Shown)> {
    let area = left.area;
    for y in area.top()..area.bottom() {
        let (mut left_covered, mut right_covered) = (0, 0);
        for x in area.left()..area.right() {
            let shown = |buffer: &Buffer, covered: &mut usize| {
                let cell = &buffer[(x, y)];
                // A covered cell's own glyph is not drawn, so it covers nothing.
                let shown = (*covered == 0).then(|| seen(cell));
                *covered = if *covered == 0 { cell.symbol().width().saturating_sub(1) } else { *covered - 1 };
                shown
            };
            let (l, r) = (shown(left, &mut left_covered), shown(right, &mut right_covered));
            if l != r {
                return Some((x, y, l, r));
            }
        }
    }
    None
}

proptest! {
    #![proptest_config(cases(64))]

    #[test]
    fn unsanitized_state_draws_only_printable_text(
        threads in prop::collection::vec(texts(), 1..3), focus in focus(), (width, height) in size(),
        notice in hostile(),
    ) {
        let state = inbox(&threads, width, height, focus, &notice);
        let screen = draw(&state);
        prop_assert_eq!(first_unprintable(screen.buffer()), None);
    }

    #[test]
    fn a_frame_drawn_over_another_leaves_nothing_of_it(
        first in prop::collection::vec(texts(), 1..3), second in prop::collection::vec(texts(), 1..3),
        focus in focus(), (width, height) in (1u16..140, 1u16..50),
    ) {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        for threads in [&first, &second] {
            let state = inbox(threads, width, height, focus, "");
            terminal.draw(|frame| innbox::ui::render(frame, &state)).unwrap();
        }
        let fresh = draw(&inbox(&second, width, height, focus, ""));
        prop_assert_eq!(first_difference(terminal.backend().buffer(), fresh.buffer()), None);
    }

    #[test]
    fn any_sequence_of_sizes_and_keys_draws_without_panicking(
        threads in prop::collection::vec(texts(), 1..3),
        steps in prop::collection::vec((size(), prop::sample::select(vec!['j', 'k', 'r', '\t', '\n', '?', 'G'])), 1..8),
    ) {
        let mut state = inbox(&threads, 80, 24, Focus::List, "");
        let store = Store::of(&threads);
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        for ((width, height), pressed) in steps {
            let pressed = match pressed {
                '\t' => code(KeyCode::Tab),
                '\n' => code(KeyCode::Enter),
                c => key(c),
            };
            store.feed(&mut state, Msg::Key(pressed));
            store.feed(&mut state, Msg::Resize { width, height });
            terminal.backend_mut().resize(width, height);
            terminal.draw(|frame| innbox::ui::render(frame, &state)).unwrap();
            prop_assert_eq!(first_unprintable(terminal.backend().buffer()), None);
        }
    }
}
