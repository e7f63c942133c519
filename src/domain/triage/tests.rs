use super::*;
use std::sync::LazyLock;
use std::time::Duration;

static RULES: LazyLock<TriageRules> = LazyLock::new(TriageRules::default);

const NOW: &str = "2026-03-01T12:00:00Z";

fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

/// A message as a provider would map it; the summary's tests build theirs with it too.
pub(crate) fn message(
    id: &str,
    direction: Direction,
    automatic: Option<bool>,
    sent_at: Option<&str>,
    body: &str,
) -> Message {
    Message {
        id: id.into(),
        direction,
        sender: None,
        body: body.into(),
        sent_at: sent_at.map(at),
        status: None,
        automatic,
        kind: None,
        attachments: Vec::new(),
    }
}

fn guest(id: &str, sent_at: &str, body: &str) -> Message {
    message(id, Direction::Inbound, Some(false), Some(sent_at), body)
}

fn host(id: &str, sent_at: &str) -> Message {
    message(id, Direction::Outbound, Some(false), Some(sent_at), "Sure!")
}

fn assess(messages: &[Message], local_reply: Option<&str>) -> Triage {
    RULES.assess(Some(&Channel::Airbnb), messages, local_reply.map(at), at(NOW))
}

#[test]
fn a_thread_with_no_messages_needs_nothing() {
    let triage = assess(&[], None);
    assert_eq!(triage, Triage { needs_reply: false, urgent: vec![], waiting_since: None, clock: None });
}

#[test]
fn the_guest_having_the_last_word_needs_a_reply_since_the_first_unanswered_message() {
    let messages = [
        guest("1", "2026-03-01T08:00:00Z", "Hi"),
        host("2", "2026-03-01T08:30:00Z"),
        guest("3", "2026-03-01T09:00:00Z", "Where do we park?"),
        guest("4", "2026-03-01T10:00:00Z", "Hello?"),
    ];
    let triage = assess(&messages, None);
    assert!(triage.needs_reply);
    assert_eq!(triage.waiting_since, Some(at("2026-03-01T09:00:00Z")));
    let clock = triage.clock.unwrap();
    assert_eq!(
        (clock.waited, clock.target),
        (Duration::from_secs(3 * 3_600), Duration::from_secs(24 * 3_600))
    );
    assert!(!triage.is_urgent());
}

#[test]
fn our_last_human_word_means_no_reply_is_needed() {
    let messages = [guest("1", "2026-03-01T08:00:00Z", "Hi"), host("2", "2026-03-01T08:30:00Z")];
    let triage = assess(&messages, None);
    assert!(!triage.needs_reply);
    assert_eq!((triage.waiting_since, triage.clock), (None, None));
}

#[test]
fn automatic_host_messages_do_not_answer_the_guest() {
    let messages = [
        guest("1", "2026-03-01T08:00:00Z", "Is there a crib?"),
        message(
            "2",
            Direction::Outbound,
            Some(true),
            Some("2026-03-01T08:00:05Z"),
            "Thanks for your message!",
        ),
    ];
    let triage = assess(&messages, None);
    assert!(triage.needs_reply);
    assert_eq!(triage.waiting_since, Some(at("2026-03-01T08:00:00Z")));
}

#[test]
fn system_messages_are_neither_answers_nor_questions() {
    let answered = [
        guest("1", "2026-03-01T08:00:00Z", "Hi"),
        host("2", "2026-03-01T08:30:00Z"),
        message("3", Direction::System, None, Some("2026-03-01T09:00:00Z"), "Reservation modified"),
    ];
    assert!(!assess(&answered, None).needs_reply, "a system event does not reopen the thread");
    let waiting = [
        guest("1", "2026-03-01T08:00:00Z", "Hi"),
        message("2", Direction::System, Some(false), Some("2026-03-01T09:00:00Z"), "Guest checked in"),
    ];
    assert!(assess(&waiting, None).needs_reply, "nor does it answer the guest");
}

#[test]
fn automatic_guest_side_messages_do_not_need_a_reply() {
    let messages = [
        host("1", "2026-03-01T08:00:00Z"),
        message(
            "2",
            Direction::Inbound,
            Some(true),
            Some("2026-03-01T09:00:00Z"),
            "Guest requested an invoice",
        ),
    ];
    assert!(!assess(&messages, None).needs_reply);
}

#[test]
fn unknown_automatic_flag_counts_as_human() {
    let messages = [message("1", Direction::Inbound, None, Some("2026-03-01T08:00:00Z"), "Hi")];
    assert!(assess(&messages, None).needs_reply, "providers that cannot tell still get answered");
}

#[test]
fn guest_messages_with_no_time_need_a_reply_but_start_no_clock() {
    let messages = [message("1", Direction::Inbound, Some(false), None, "The door code does not work")];
    let triage = assess(&messages, None);
    assert!(triage.needs_reply && triage.is_urgent());
    assert_eq!((triage.waiting_since, triage.clock), (None, None));

    let mixed = [
        message("1", Direction::Inbound, Some(false), None, "Hi"),
        guest("2", "2026-03-01T10:00:00Z", "Hello?"),
    ];
    assert_eq!(
        assess(&mixed, None).waiting_since,
        Some(at("2026-03-01T10:00:00Z")),
        "the oldest with a time"
    );
}

#[test]
fn a_reply_written_in_innbox_answers_what_came_before_it() {
    let messages = [guest("1", "2026-03-01T08:00:00Z", "There's a leak under the sink")];
    let answered = assess(&messages, Some("2026-03-01T08:10:00Z"));
    assert!(!answered.needs_reply && !answered.is_urgent(), "queued or sent, it answers");
    let earlier = assess(&messages, Some("2026-03-01T07:00:00Z"));
    assert!(earlier.needs_reply && earlier.is_urgent(), "a reply written before the question does not");

    let untimed = [message("1", Direction::Inbound, Some(false), None, "Hi")];
    assert!(!assess(&untimed, Some("2026-03-01T07:00:00Z")).needs_reply, "untimed messages count as oldest");
}

#[test]
fn a_new_guest_message_after_our_reply_waits_from_its_own_time() {
    let messages = [
        guest("1", "2026-03-01T06:00:00Z", "Hi"),
        guest("2", "2026-03-01T08:00:00Z", "The heating is not working"),
        guest("3", "2026-03-01T11:00:00Z", "Thanks, and the wifi?"),
    ];
    let triage = assess(&messages, Some("2026-03-01T09:00:00Z"));
    assert!(triage.needs_reply);
    assert_eq!(triage.waiting_since, Some(at("2026-03-01T11:00:00Z")));
    assert!(!triage.is_urgent(), "the heating was answered by the local reply");
}

#[test]
fn urgency_counts_only_unanswered_guest_messages_and_names_the_match() {
    let answered =
        [guest("1", "2026-03-01T08:00:00Z", "We're locked out!"), host("2", "2026-03-01T08:05:00Z")];
    assert!(!assess(&answered, None).is_urgent(), "answered: no longer urgent");

    let ours = [host("1", "2026-03-01T08:00:00Z"), guest("2", "2026-03-01T09:00:00Z", "ok")];
    let mut with_fire = ours.clone();
    with_fire[0].body = "In case of fire, call 112".into();
    assert!(!assess(&with_fire, None).is_urgent(), "our own words never make it urgent");

    let waiting = [
        guest("1", "2026-03-01T08:00:00Z", "Hi! The hot water isn't working."),
        guest("2", "2026-03-01T08:01:00Z", "And we're LOCKED OUT now"),
    ];
    let triage = assess(&waiting, None);
    let found: Vec<_> =
        triage.urgent.iter().map(|m| (m.rule.as_str(), m.text.as_str(), m.message_id.as_str())).collect();
    assert_eq!(found, [("locked out", "LOCKED OUT", "2"), ("no hot water", "hot water isn't working", "1")]);
}

#[test]
fn the_clock_uses_the_thread_channel_target() {
    let messages = [guest("1", "2026-03-01T10:30:00Z", "Hi")];
    let state = |channel: Option<Channel>| {
        RULES.assess(channel.as_ref(), &messages, None, at(NOW)).clock.unwrap().state()
    };
    assert_eq!(state(Some(Channel::Booking)), ClockState::OnTime, "1.5 h of 12 h");
    assert_eq!(state(Some(Channel::Airbnb)), ClockState::OnTime, "1.5 h of 24 h");
    assert_eq!(state(Some(Channel::Whatsapp)), ClockState::Overdue, "1.5 h of 1 h");
    assert_eq!(state(None), ClockState::Overdue);
}

#[test]
fn the_tail_after_our_last_human_reply_triages_like_the_whole_thread() {
    let messages = [
        guest("1", "2026-03-01T06:00:00Z", "fire!"),
        host("2", "2026-03-01T07:00:00Z"),
        message("3", Direction::Outbound, Some(true), Some("2026-03-01T07:30:00Z"), "Auto"),
        guest("4", "2026-03-01T08:00:00Z", "There's a gas smell"),
        message("5", Direction::System, None, Some("2026-03-01T08:30:00Z"), "Check-in"),
    ];
    let whole = assess(&messages, None);
    assert_eq!(assess(&messages[1..], None), whole);
    assert_eq!(assess(&messages[2..], None), whole);
    assert_eq!(whole.urgent.iter().map(|m| m.rule.as_str()).collect::<Vec<_>>(), ["gas"]);
}
