use super::*;
use crate::domain::Message;

const TODAY: &str = "2026-11-21";
const NOW: &str = "2026-11-21T12:00:00Z";

struct Reservation {
    id: String,
    fingerprint: String,
    arrival: Date,
    departure: Date,
}

/// `count` reservations arriving 30+ days ahead: nothing makes them hot.
fn quiet(count: usize) -> Vec<Reservation> {
    (0..count).map(|i| stay(&format!("r{i}"), 30, 35)).collect()
}

/// A stay from `arrival` to `departure` days after today.
fn stay(id: &str, arrival: i64, departure: i64) -> Reservation {
    let today: Date = TODAY.parse().unwrap();
    Reservation {
        id: id.into(),
        fingerprint: format!("{id}-v1"),
        arrival: today.saturating_add(arrival.days()),
        departure: today.saturating_add(departure.days()),
    }
}

fn listed(reservations: &[Reservation]) -> Vec<Listed<'_>> {
    reservations
        .iter()
        .map(|r| Listed {
            id: &r.id,
            fingerprint: &r.fingerprint,
            arrival: Some(r.arrival),
            departure: Some(r.departure),
        })
        .collect()
}

fn message(direction: Direction, hours_ago: i64) -> Message {
    let now: Timestamp = NOW.parse().unwrap();
    Message {
        id: format!("m{hours_ago}"),
        direction,
        sender: None,
        body: "hi".into(),
        sent_at: Some(now - SignedDuration::from_hours(hours_ago)),
        status: None,
        automatic: Some(false),
        kind: None,
        attachments: Vec::new(),
    }
}

/// Plans one round and records every asked reservation with one conversation
/// holding `messages(id)`, stored as fetched. Returns the asked ids.
fn round(
    schedule: &mut Schedule,
    reservations: &[Reservation],
    messages: impl Fn(&str) -> Vec<Message>,
) -> Vec<String> {
    let known: KnownMarkers = reservations.iter().map(|r| (format!("c-{}", r.id), "m".to_owned())).collect();
    round_with(schedule, reservations, &known, messages)
}

fn round_with(
    schedule: &mut Schedule,
    reservations: &[Reservation],
    known: &KnownMarkers,
    messages: impl Fn(&str) -> Vec<Message>,
) -> Vec<String> {
    let plan = schedule.plan(&listed(reservations), known, TODAY.parse().unwrap(), NOW.parse().unwrap());
    plan.iter()
        .map(|&i| {
            let r = &reservations[i];
            let mut asked = Asked::default();
            asked.note(&format!("c-{}", r.id), "m", &messages(&r.id));
            schedule.record(&r.id, &r.fingerprint, asked);
            r.id.clone()
        })
        .collect()
}

fn old_messages(_: &str) -> Vec<Message> {
    vec![message(Direction::Inbound, 24 * 20), message(Direction::Outbound, 24 * 19)]
}

#[test]
fn the_first_round_asks_everything_then_each_round_a_tenth_and_none_waits_over_ten_rounds() {
    let reservations = quiet(300);
    let mut schedule = Schedule::new(10);
    assert_eq!(round(&mut schedule, &reservations, old_messages).len(), 300);
    let mut last_asked: HashMap<String, usize> = HashMap::new();
    for n in 1..=35 {
        let asked = round(&mut schedule, &reservations, old_messages);
        assert_eq!(asked.len(), 30, "round {n} asks its share, evenly");
        for id in asked {
            let previous = last_asked.insert(id.clone(), n).unwrap_or(0);
            assert!(n - previous <= 10, "{id} waited {} rounds", n - previous);
        }
    }
    assert_eq!(last_asked.len(), 300);
}

#[test]
fn reservations_that_matter_now_are_asked_every_round() {
    let mut reservations = quiet(100);
    reservations.extend([
        stay("arriving", 1, 5),
        stay("in-house", -3, 2),
        stay("departed", -6, -1),
        stay("recent", 40, 44),
        stay("waiting", 40, 44),
        stay("left-long-ago", -9, -2),
        stay("answered", 40, 44),
        stay("waited-long", 40, 44),
    ]);
    let messages = |id: &str| match id {
        "recent" => vec![message(Direction::Outbound, 23)],
        "waiting" => vec![message(Direction::Outbound, 47), message(Direction::Inbound, 46)],
        "answered" => vec![message(Direction::Inbound, 30), message(Direction::Outbound, 29)],
        "waited-long" => vec![message(Direction::Inbound, 49)],
        _ => old_messages(id),
    };
    let mut schedule = Schedule::new(10);
    round(&mut schedule, &reservations, messages);
    let hot = ["arriving", "in-house", "departed", "recent", "waiting"];
    for _ in 0..12 {
        let asked = round(&mut schedule, &reservations, messages);
        assert!(hot.iter().all(|id| asked.iter().any(|a| a == id)), "{asked:?}");
        assert_eq!(asked.len(), hot.len() + MIN_QUIET_PER_ROUND, "the rest take their turn");
    }
}

#[test]
fn new_changed_and_unstored_reservations_are_asked_at_once() {
    let mut reservations = quiet(100);
    let mut schedule = Schedule::new(10);
    round(&mut schedule, &reservations, old_messages);

    reservations.push(stay("new", 60, 62));
    reservations[5].fingerprint = "r5-v2".into();
    let mut known: KnownMarkers =
        reservations.iter().map(|r| (format!("c-{}", r.id), "m".to_owned())).collect();
    known.remove("c-r7");
    let asked = round_with(&mut schedule, &reservations, &known, old_messages);
    for id in ["new", "r5", "r7"] {
        assert!(asked.iter().any(|a| a == id), "{id} in {asked:?}");
    }
    assert_eq!(asked.len(), 3 + MIN_QUIET_PER_ROUND);
}

#[test]
fn a_small_account_asks_every_reservation_every_round() {
    let reservations = quiet(MIN_QUIET_PER_ROUND);
    let mut schedule = Schedule::new(10);
    for _ in 0..3 {
        assert_eq!(round(&mut schedule, &reservations, old_messages).len(), MIN_QUIET_PER_ROUND);
    }
}

#[test]
fn quiet_rounds_of_one_asks_everything_every_round() {
    let reservations = quiet(300);
    let mut schedule = Schedule::new(1);
    for _ in 0..3 {
        assert_eq!(round(&mut schedule, &reservations, old_messages).len(), 300);
    }
}
