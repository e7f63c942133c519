//! A fixed inbox: four accounts, twenty threads, and full conversations for the
//! threads the tests open. Everything is deterministic, down to the clock.

use innbox::app::LoadedThread;
use innbox::domain::{
    Attachment, Channel, Direction, Guest, Message, ProviderKind, ReplyAbility, Reservation,
    ReservationStatus, Thread, ThreadKey,
};
use innbox::providers::read_only_reason;
use innbox::store::{AccountStatus, OutboxEntry, OutboxState, ThreadSummary};
use jiff::Timestamp;
use std::collections::HashMap;

/// The clock of every test: a Saturday noon, UTC.
pub const NOW: &str = "2026-11-21T12:00:00Z";

pub const LAKESIDE: &str = "Lakeside Rentals";
pub const HARBOUR: &str = "Harbour Hostel";
pub const SUNSET: &str = "Sunset Villas";
pub const CANAL: &str = "Canal House";

/// Config order, which is the status line's order.
pub const ACCOUNTS: [(&str, ProviderKind); 4] = [
    (LAKESIDE, ProviderKind::Calry),
    (HARBOUR, ProviderKind::HostelMate),
    (SUNSET, ProviderKind::Trellis),
    (CANAL, ProviderKind::Booking),
];

pub fn at(timestamp: &str) -> Timestamp {
    timestamp.parse().expect("a fixture timestamp")
}

pub fn now() -> Timestamp {
    at(NOW)
}

pub fn account_names() -> Vec<String> {
    ACCOUNTS.iter().map(|(name, _)| (*name).to_owned()).collect()
}

/// One list row of the fixture, in the few words the list needs.
struct Row {
    account: &'static str,
    id: &'static str,
    channel: &'static str,
    guest: Option<&'static str>,
    property: &'static str,
    /// Reservation id, check-in, check-out.
    stay: Option<(&'static str, &'static str, &'static str)>,
    unread: u32,
    last_at: &'static str,
    from_us: bool,
    preview: &'static str,
    messages: u32,
    /// A Booking.com conversation the platform closed for replies.
    read_only: bool,
}

#[rustfmt::skip]
const ROWS: &[Row] = &[
    Row { account: CANAL, id: "bk-9001", channel: "booking", guest: Some("James O'Connor"), property: "Canal House – Room 4", stay: Some(("5501234567", "2026-11-21", "2026-11-23")), unread: 3, last_at: "2026-11-21T11:58:00Z", from_us: false, preview: "We're at the door but the key box code doesn't work. Could you check it please?", messages: 3, read_only: false },
    Row { account: LAKESIDE, id: "cal-1001", channel: "airbnb", guest: Some("Yuki Tanaka"), property: "Lakeside Cabin 3", stay: Some(("HMYK82QZ", "2026-11-22", "2026-11-26")), unread: 2, last_at: "2026-11-21T11:52:00Z", from_us: false, preview: "空港から車で行きます。チャイルドシートは借りられますか？ (We're driving from the airport)", messages: 6, read_only: false },
    Row { account: HARBOUR, id: "hm-77", channel: "hostelworld", guest: Some("Lukas Becker"), property: "Harbour Hostel · 6-bed dorm", stay: Some(("HW-288114", "2026-11-21", "2026-11-24")), unread: 1, last_at: "2026-11-21T11:35:00Z", from_us: false, preview: "Is there a locker in the dorm or should I bring my own padlock?", messages: 2, read_only: false },
    Row { account: SUNSET, id: "tr-501", channel: "vrbo", guest: Some("Chinedu Okafor"), property: "Villa Azul", stay: Some(("VR-77120", "2026-12-20", "2027-01-03")), unread: 0, last_at: "2026-11-21T10:45:00Z", from_us: true, preview: "The pool is heated from December, so it will be ready for you.", messages: 5, read_only: false },
    Row { account: LAKESIDE, id: "cal-1002", channel: "vrbo", guest: Some("Emma Johansson"), property: "Lakeside Cabin 1", stay: Some(("4481-2231", "2026-12-03", "2026-12-10")), unread: 1, last_at: "2026-11-21T10:15:00Z", from_us: false, preview: "Do you have a high chair and a travel cot? Thanks!", messages: 3, read_only: false },
    Row { account: LAKESIDE, id: "cal-1005", channel: "whatsapp", guest: Some("李娜"), property: "Lakeside Cabin 1", stay: None, unread: 1, last_at: "2026-11-21T09:30:00Z", from_us: false, preview: "你好！请问可以带狗吗？我们的狗很乖 🐶", messages: 1, read_only: false },
    Row { account: CANAL, id: "bk-9002", channel: "booking", guest: Some("Anna Kowalska"), property: "Canal House – Room 2", stay: Some(("5509876543", "2026-11-14", "2026-11-17")), unread: 0, last_at: "2026-11-21T06:10:00Z", from_us: false, preview: "Thank you for the lovely stay, we left the keys on the table.", messages: 3, read_only: true },
    Row { account: HARBOUR, id: "hm-78", channel: "hostelworld", guest: Some("Chloé Dubois"), property: "Harbour Hostel · private twin", stay: Some(("HW-288190", "2026-11-28", "2026-11-30")), unread: 0, last_at: "2026-11-20T22:05:00Z", from_us: false, preview: "Can we check in after midnight? Our ferry arrives at 23:40.", messages: 1, read_only: false },
    Row { account: LAKESIDE, id: "cal-1003", channel: "email", guest: Some("Marco Rossi"), property: "Lakeside Cabin 2", stay: Some(("MR-55018", "2026-11-28", "2026-12-01")), unread: 0, last_at: "2026-11-20T17:20:00Z", from_us: true, preview: "Hi Marco, early check-in from 12:00 is fine for us.", messages: 2, read_only: false },
    Row { account: CANAL, id: "bk-9003", channel: "booking", guest: Some("Tom Baker"), property: "Canal House – Room 1", stay: Some(("5507654321", "2026-12-12", "2026-12-14")), unread: 0, last_at: "2026-11-19T13:00:00Z", from_us: true, preview: "Yes, breakfast is served from 7:30 to 10:00 in the canal room.", messages: 2, read_only: false },
    Row { account: SUNSET, id: "tr-502", channel: "email", guest: Some("Hannah Schmidt"), property: "Villa Marina", stay: Some(("VR-77133", "2027-02-14", "2027-02-21")), unread: 2, last_at: "2026-11-18T08:30:00Z", from_us: false, preview: "Is the villa suitable for a wheelchair user? The booking page\ndoes not say.", messages: 2, read_only: false },
    Row { account: LAKESIDE, id: "cal-1004", channel: "sms", guest: Some("Priya Natarajan"), property: "Lakeside Cabin 3", stay: None, unread: 0, last_at: "2026-11-17T19:45:00Z", from_us: false, preview: "Thanks, all sorted!", messages: 4, read_only: false },
    Row { account: HARBOUR, id: "hm-79", channel: "booking", guest: None, property: "Harbour Hostel · 4-bed female dorm", stay: None, unread: 0, last_at: "2026-11-12T07:00:00Z", from_us: false, preview: "Do you offer a discount for stays of two weeks or more?", messages: 1, read_only: false },
    Row { account: SUNSET, id: "tr-503", channel: "airbnb", guest: Some("Diego Fernández"), property: "Villa Sol", stay: Some(("HMDF20X1", "2026-10-24", "2026-10-31")), unread: 0, last_at: "2026-10-30T16:00:00Z", from_us: true, preview: "Gracias Diego, safe travels home!", messages: 6, read_only: false },
    Row { account: CANAL, id: "bk-9004", channel: "booking", guest: Some("Fatima Al-Sayed"), property: "Canal House – Room 3", stay: Some(("5503456789", "2026-10-01", "2026-10-04")), unread: 0, last_at: "2026-10-05T09:00:00Z", from_us: false, preview: "Did anyone find a blue scarf after we left?", messages: 2, read_only: false },
    Row { account: SUNSET, id: "tr-504", channel: "email", guest: Some("Grace Liu"), property: "Villa Azul", stay: Some(("VR-76002", "2026-09-12", "2026-09-19")), unread: 0, last_at: "2026-09-20T10:00:00Z", from_us: true, preview: "Thank you Grace, we hope to welcome you again.", messages: 4, read_only: false },
    Row { account: CANAL, id: "bk-9005", channel: "booking", guest: Some("Mehmet Yılmaz"), property: "Canal House – Room 4", stay: Some(("5502223334", "2026-08-14", "2026-08-16")), unread: 0, last_at: "2026-08-16T08:00:00Z", from_us: false, preview: "Can we leave our bags after check-out?", messages: 2, read_only: false },
    Row { account: HARBOUR, id: "hm-80", channel: "hostelworld", guest: Some("Sven Olsen"), property: "Harbour Hostel · 6-bed dorm", stay: Some(("HW-270001", "2026-08-01", "2026-08-05")), unread: 0, last_at: "2026-08-02T21:00:00Z", from_us: false, preview: "Is the bar open tonight?", messages: 1, read_only: false },
    Row { account: LAKESIDE, id: "cal-1007", channel: "airbnb", guest: Some("Mia & Noah Fischer"), property: "Lakeside Cabin 1", stay: Some(("HMFX77QA", "2026-07-10", "2026-07-17")), unread: 0, last_at: "2026-07-18T09:00:00Z", from_us: false, preview: "We had a wonderful week, thank you!", messages: 5, read_only: false },
    Row { account: LAKESIDE, id: "cal-1006", channel: "direct", guest: Some("Oliver Wright"), property: "Lakeside Cabin 2", stay: None, unread: 0, last_at: "2025-12-28T15:00:00Z", from_us: false, preview: "Are you open over New Year next year?", messages: 1, read_only: false },
];

/// The inbox as the store lists it: newest activity first.
pub fn summaries() -> Vec<ThreadSummary> {
    let mut summaries: Vec<ThreadSummary> = ROWS.iter().map(summary).collect();
    summaries.sort_by(|a, b| {
        (b.activity(), &a.thread.account, &a.thread.id).cmp(&(a.activity(), &b.thread.account, &b.thread.id))
    });
    summaries
}

fn provider(account: &str) -> ProviderKind {
    ACCOUNTS.iter().find(|(name, _)| *name == account).map(|(_, kind)| *kind).expect("a fixture account")
}

fn summary(row: &Row) -> ThreadSummary {
    let provider = provider(row.account);
    let reply = match provider {
        ProviderKind::HostelMate | ProviderKind::Trellis => {
            ReplyAbility::Blocked(read_only_reason(provider).into())
        }
        ProviderKind::Booking if row.read_only => ReplyAbility::Blocked(read_only_reason(provider).into()),
        _ => ReplyAbility::Allowed,
    };
    let thread = Thread {
        account: row.account.into(),
        provider,
        id: row.id.into(),
        channel: Channel::from_wire(row.channel),
        guest: Guest { name: row.guest.map(Into::into), email: None, phone: None },
        property_id: None,
        property_name: Some(row.property.into()),
        reservation: row.stay.map(|(id, check_in, check_out)| Reservation {
            id: id.into(),
            check_in: check_in.parse().ok(),
            check_out: check_out.parse().ok(),
            status: Some(ReservationStatus::Confirmed),
        }),
        subject: None,
        unread: row.unread,
        reply,
        updated_at: Some(at(row.last_at)),
    };
    ThreadSummary {
        thread,
        last_message_at: Some(at(row.last_at)),
        preview: Some(row.preview.into()),
        last_direction: Some(if row.from_us { Direction::Outbound } else { Direction::Inbound }),
        message_count: row.messages,
        triage: Default::default(),
    }
}

pub fn thread_key(account: &str, id: &str) -> ThreadKey {
    ThreadKey::new(account, id)
}

/// The key of the thread with this guest (the nameless guest is `None`).
pub fn key_of(guest: Option<&str>) -> ThreadKey {
    let row = ROWS.iter().find(|row| row.guest == guest).expect("a fixture guest");
    thread_key(row.account, row.id)
}

/// What the store answers for `Effect::LoadThread(key)`.
pub fn loaded(key: &ThreadKey) -> LoadedThread {
    let summary = summaries().into_iter().find(|s| &s.thread.key() == key).expect("a thread of the fixture");
    let (messages, replies) = match key.id.as_str() {
        "cal-1001" => (yuki_messages(), vec![reply(41, key, YUKI_REPLY, OutboxState::Sending, None)]),
        "cal-1003" => {
            (marco_messages(), vec![reply(40, key, MARCO_REPLY, OutboxState::Failed, Some(BOUNCED))])
        }
        "bk-9001" => (james_messages(), Vec::new()),
        _ => (vec![last_message(&summary)], Vec::new()),
    };
    LoadedThread { thread: summary.thread, messages, replies }
}

/// Threads without a written conversation show their latest message alone.
fn last_message(summary: &ThreadSummary) -> Message {
    let direction = summary.last_direction.unwrap_or(Direction::Inbound);
    let at = summary.last_message_at.map(|t| t.to_string()).unwrap_or_else(|| NOW.into());
    message("last", direction, &at, summary.preview.as_deref().unwrap_or_default())
}

pub fn message(id: &str, direction: Direction, sent_at: &str, body: &str) -> Message {
    Message {
        id: id.into(),
        direction,
        sender: None,
        body: body.into(),
        sent_at: Some(at(sent_at)),
        status: None,
        automatic: Some(false),
        kind: None,
        attachments: Vec::new(),
    }
}

pub fn reply(id: i64, key: &ThreadKey, body: &str, state: OutboxState, error: Option<&str>) -> OutboxEntry {
    OutboxEntry {
        id,
        key: key.clone(),
        body: body.into(),
        state,
        created_at: at("2026-11-21T11:58:30Z"),
        updated_at: at("2026-11-21T11:59:00Z"),
        attempts: u32::from(state != OutboxState::Queued),
        provider_message_id: None,
        error: error.map(Into::into),
    }
}

pub const YUKI_LONG: &str = "こんにちは！Thank you for the quick confirmation.\n\n\
We are two adults and one child (5 years old). Our flight lands at 18:40, so we will probably reach \
the cabin around 21:00. Is late self check-in possible? 🚗🌙\n\n\
Also: 駐車場はありますか？ Is there parking right next to the cabin, or should we use the public lot \
by the lake? We rented a fairly large car because of the luggage.\n\n\
ありがとうございます 🙏 Yuki";
pub const YUKI_REPLY: &str = "Yes, we have a child seat for you. I'll leave it in the hallway of Cabin 3.";
pub const MARCO_REPLY: &str = "Hi Marco, I forgot to say: the boat dock is yours to use too.";
pub const BOUNCED: &str = "Calry refused the reply: the guest's email address bounced (550)";

fn yuki_messages() -> Vec<Message> {
    vec![
        Message {
            sender: Some("Airbnb".into()),
            kind: Some("reservation".into()),
            ..message(
                "y1",
                Direction::System,
                "2026-11-18T09:00:00Z",
                "Reservation confirmed: 4 nights, 3 guests.",
            )
        },
        Message {
            sender: Some("Lakeside Rentals".into()),
            automatic: Some(true),
            status: Some("delivered".into()),
            ..message(
                "y2",
                Direction::Outbound,
                "2026-11-18T09:01:00Z",
                "Thank you for booking Lakeside Cabin 3! Check-in is from 15:00, check-out by 11:00. \
                 The door code comes the day before you arrive.",
            )
        },
        message("y3", Direction::Inbound, "2026-11-20T22:24:00Z", YUKI_LONG),
        Message {
            sender: Some("Sam".into()),
            status: Some("read".into()),
            ..message(
                "y4",
                Direction::Outbound,
                "2026-11-21T08:05:00Z",
                "Hi Yuki! Late self check-in is no problem — the lockbox code arrives tomorrow at noon. \
                 There is a parking spot right in front of Cabin 3.",
            )
        },
        Message {
            attachments: vec![Attachment {
                name: Some("flight-JL123-itinerary.pdf".into()),
                url: Some("https://files.example/JL123.pdf".into()),
                mime: Some("application/pdf".into()),
            }],
            ..message(
                "y5",
                Direction::Inbound,
                "2026-11-21T11:40:00Z",
                "Here is our flight, in case it is late 👍",
            )
        },
        message(
            "y6",
            Direction::Inbound,
            "2026-11-21T11:52:00Z",
            "空港から車で行きます。チャイルドシートは借りられますか？ (We're driving from the airport — can we borrow a child seat?)",
        ),
    ]
}

fn marco_messages() -> Vec<Message> {
    vec![
        message(
            "m1",
            Direction::Inbound,
            "2026-11-19T10:00:00Z",
            "Hello, could we check in early, around noon?",
        ),
        Message {
            sender: Some("Sam".into()),
            status: Some("sent".into()),
            ..message(
                "m2",
                Direction::Outbound,
                "2026-11-20T17:20:00Z",
                "Hi Marco, early check-in from 12:00 is fine for us.",
            )
        },
    ]
}

fn james_messages() -> Vec<Message> {
    vec![
        message("j1", Direction::Inbound, "2026-11-20T15:00:00Z", "Hi, we arrive tomorrow around noon."),
        Message {
            sender: Some("Canal House".into()),
            ..message(
                "j2",
                Direction::Outbound,
                "2026-11-20T15:30:00Z",
                "Welcome! The key box is left of the door, code 4471.",
            )
        },
        message(
            "j3",
            Direction::Inbound,
            "2026-11-21T11:58:00Z",
            "We're at the door but the key box code doesn't work. Could you check it please?",
        ),
    ]
}

/// What the store knew at start-up: every account synced before, one with an error.
pub fn account_statuses() -> Vec<AccountStatus> {
    let synced = [
        (LAKESIDE, "2026-11-21T11:57:00Z"),
        (HARBOUR, "2026-11-21T11:40:00Z"),
        (SUNSET, "2026-11-21T09:00:00Z"),
        (CANAL, "2026-11-21T11:59:00Z"),
    ];
    synced
        .into_iter()
        .map(|(name, last)| AccountStatus {
            name: name.into(),
            provider: Some(provider(name)),
            last_sync_at: Some(at(last)),
            last_error: None,
        })
        .collect()
}

/// The draft saved for James's thread in an earlier session.
pub const JAMES_DRAFT: &str = "So sorry! The code changed this morning: it is now 9316.\nI'm on my way";

pub fn drafts() -> HashMap<ThreadKey, String> {
    HashMap::from([(thread_key(CANAL, "bk-9001"), JAMES_DRAFT.to_owned())])
}
