use super::*;
use crate::domain::triage::tests::message;
use crate::domain::{Channel, Direction, Guest, ProviderKind, ReplyAbility};
use crate::providers::ThreadUpdate;
use crate::store::Delivery;

const NOW: &str = "2026-03-01T12:00:00Z";

fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn thread(account: &str, id: &str, guest: &str, channel: Channel, property: Option<&str>) -> Thread {
    Thread {
        account: account.into(),
        provider: ProviderKind::Calry,
        id: id.into(),
        channel: Some(channel),
        guest: Guest { name: Some(guest.into()), email: None, phone: None },
        property_id: Some("383271".into()),
        property_name: property.map(Into::into),
        reservation: None,
        subject: None,
        unread: 1,
        reply: ReplyAbility::Allowed,
        updated_at: None,
    }
}

/// `(id, direction, automatic, time, body)`.
type Said<'a> = (&'a str, Direction, bool, Option<&'a str>, &'a str);

fn update(thread: Thread, messages: &[Said<'_>]) -> ThreadUpdate {
    let messages = messages
        .iter()
        .map(|&(id, direction, automatic, sent_at, body)| {
            message(id, direction, Some(automatic), sent_at, body)
        })
        .collect();
    ThreadUpdate { thread, messages, marker: None, skipped: Vec::new() }
}

const IN: Direction = Direction::Inbound;
const OUT: Direction = Direction::Outbound;

/// A morning at a small agency: urgent, waiting, answered and failed, with hostile names.
fn inbox() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let canal = thread("Canal House", "b-1", "Liam Bennett", Channel::Booking, Some("Canal House 2B"));
    let trudy = thread("Sunset Villas", "t-1", "Trudy Nullbyte", Channel::Vrbo, Some("Ocean View Casita"));
    let ana = thread("Sunset Villas", "t-2", "Ana *Star* | Silva_", Channel::Airbnb, Some("Palm Court 3B"));
    let early = thread("Lakeside Rentals", "c-1", "# Heading `code` <b>", Channel::Whatsapp, None);
    let yuki = thread("Lakeside Rentals", "c-2", "高橋 結衣", Channel::Email, Some("[Lake](http://x) Cabin"));
    let oliver = thread("Sunset Villas", "t-3", "Oliver", Channel::Sms, Some("Palm Court 3B"));
    let manon = thread("Lakeside Rentals", "c-3", "Manon", Channel::Direct, Some("Lake Cabin"));
    store
        .apply_updates(&[
            update(
                canal,
                &[(
                    "1",
                    IN,
                    false,
                    Some("2026-03-01T08:30:00Z"),
                    "Hi, the key card doesn't work and we're LOCKED OUT!",
                )],
            ),
            update(
                trudy,
                &[("1", IN, false, Some("2026-03-01T09:00:00Z"), "No hot water since this morning")],
            ),
            update(
                ana,
                &[
                    ("1", IN, false, Some("2026-02-27T09:00:00Z"), "Is there a fire pit?"),
                    ("2", OUT, false, Some("2026-02-27T10:00:00Z"), "Yes, behind the house."),
                    ("3", IN, false, Some("2026-02-28T09:00:00Z"), "Where is the nearest gas station?"),
                ],
            ),
            update(
                early,
                &[
                    ("1", IN, false, Some("2026-03-01T11:10:00Z"), "Can we check in early?"),
                    (
                        "2",
                        OUT,
                        true,
                        Some("2026-03-01T11:10:05Z"),
                        "Thanks for your message! We answer within the hour.",
                    ),
                ],
            ),
            update(yuki, &[("1", IN, false, None, "Is parking free?")]),
            update(
                oliver,
                &[("1", IN, false, Some("2026-03-01T10:00:00Z"), "There's a leak under the sink")],
            ),
            update(
                manon,
                &[
                    ("1", OUT, false, Some("2026-03-01T10:00:00Z"), "Welcome!"),
                    // Answered only by the reply below whose outcome is unknown.
                    ("2", IN, false, Some("2026-03-01T11:00:00Z"), "Merci ! Where is the fire alarm?"),
                ],
            ),
        ])
        .unwrap();
    let failed = store
        .enqueue_reply(&ThreadKey::new("Sunset Villas", "t-2"), "Turn left at…", at("2026-03-01T11:00:00Z"))
        .unwrap();
    settle(
        &mut store,
        failed,
        Delivery::Failed(
            "Airbnb refused it (HTTP 400): message *too* long; shorten it and send again".into(),
        ),
        "2026-03-01T11:01:00Z",
    );
    let unknown = store
        .enqueue_reply(&ThreadKey::new("Lakeside Rentals", "c-3"), "See you!", at("2026-03-01T11:30:00Z"))
        .unwrap();
    settle(
        &mut store,
        unknown,
        Delivery::Unknown("timed out after sending; innbox checks the thread at the next sync".into()),
        "2026-03-01T11:31:00Z",
    );
    // Queued last, so the claims above take the replies they settle.
    store
        .enqueue_reply(
            &ThreadKey::new("Sunset Villas", "t-3"),
            "A plumber is on his way.",
            at("2026-03-01T10:05:00Z"),
        )
        .unwrap();
    store
}

fn settle(store: &mut Store, entry: OutboxEntry, delivery: Delivery, time: &str) {
    let taken = store.claim_next(&entry.key.account, at(time)).unwrap().unwrap();
    assert_eq!(taken.id, entry.id);
    store.finish_delivery(&taken, &delivery, at(time)).unwrap();
}

fn summary(store: &Store, account: Option<&str>) -> String {
    let handoff = Handoff::gather(store, &TriageRules::default(), account, at(NOW)).unwrap();
    handoff.render(at(NOW), &TimeZone::UTC)
}

#[test]
fn a_realistic_handoff() {
    insta::assert_snapshot!(summary(&inbox(), None));
}

#[test]
fn one_account_and_empty_sections_say_so() {
    let text = summary(&inbox(), Some("Canal House"));
    assert!(text.contains("## Urgent (1)\n\n- **Liam Bennett**"), "{text}");
    assert!(
        text.contains("## Waiting for a reply (0)\n\nNo other guest is waiting for a reply.\n"),
        "{text}"
    );
    assert!(text.contains("## Failed or unknown replies (0)\n\nNo failed or unknown replies.\n"), "{text}");
    let empty = summary(&Store::open_in_memory().unwrap(), None);
    assert!(
        empty.contains("Nothing urgent.") && empty.contains("No guest is waiting for a reply."),
        "{empty}"
    );
}

#[test]
fn guest_text_cannot_break_the_markdown() {
    assert_eq!(md("Ana *Star* | Silva_"), r"Ana \*Star\* \| Silva\_");
    assert_eq!(md("# Heading `code` <b>"), r"\# Heading \`code\` \<b\>");
    assert_eq!(
        md("[Lake](http://x) ![i](y) ~~s~~ a\\b &amp;"),
        r"\[Lake\](http://x) \!\[i\](y) \~\~s\~\~ a\\b \&amp;"
    );
    assert_eq!(
        md("two\nlines\n# not a heading\u{1b}[31m"),
        r"two lines \# not a heading",
        "one line, no escapes"
    );
    let text = summary(&inbox(), None);
    for line in text.lines().filter(|l| l.starts_with("- ")) {
        assert_eq!(line.matches("**").count() % 2, 0, "balanced emphasis: {line}");
        let unescaped = line.replace("\\|", "").replace("\\`", "");
        assert!(!unescaped.contains('|') && !unescaped.contains('`'), "no raw table cell or code: {line}");
    }
}

#[test]
fn spans_read_at_a_glance() {
    let span_of = |secs: u64| span(Duration::from_secs(secs));
    assert_eq!(span_of(30), "under 1m");
    assert_eq!(span_of(45 * 60), "45m");
    assert_eq!(span_of(3 * 3_600), "3h");
    assert_eq!(span_of(3 * 3_600 + 10 * 60 + 59), "3h 10m");
    assert_eq!(span_of(2 * 86_400 + 3 * 3_600 + 59 * 60), "2d 3h");
    assert_eq!(span_of(2 * 86_400 + 10 * 60), "2d");
}

#[test]
fn the_stored_tail_triages_like_the_whole_thread_with_ties_and_untimed_messages() {
    let mut store = Store::open_in_memory().unwrap();
    let key = ThreadKey::new("Canal House", "tie");
    let messages: &[Said<'_>] = &[
        ("a", IN, false, None, "untimed hello"),
        ("b", IN, false, Some("2026-03-01T08:00:00Z"), "fire!"),
        ("c", OUT, false, Some("2026-03-01T09:00:00Z"), "On it."),
        ("d", IN, false, Some("2026-03-01T09:00:00Z"), "Same second: the gas smell is back"),
        ("e", OUT, true, Some("2026-03-01T09:30:00Z"), "Auto-reply"),
    ];
    let ours = thread("Canal House", "tie", "Liam", Channel::Booking, None);
    store.apply_updates(&[update(ours, messages)]).unwrap();
    let tail = store.triage_tail(&key).unwrap();
    assert_eq!(tail.iter().map(|m| m.id.as_str()).collect::<Vec<_>>(), ["c", "d", "e"], "from our reply on");
    let rules = TriageRules::default();
    let whole = store.messages(&key).unwrap();
    let channel = Some(&Channel::Booking);
    let triage = rules.assess(channel, &tail, None, at(NOW));
    assert_eq!(triage, rules.assess(channel, &whole, None, at(NOW)));
    assert_eq!(triage.urgent.iter().map(|m| m.rule.as_str()).collect::<Vec<_>>(), ["gas"], "d sorts after c");

    let never_answered = ThreadKey::new("Lakeside Rentals", "c-2");
    assert_eq!(inbox().triage_tail(&never_answered).unwrap().len(), 1, "the whole thread");
}
