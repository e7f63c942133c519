use super::*;
use crate::domain::{Guest, ProviderKind, ReplyAbility, Reservation, ReservationStatus};
use jiff::civil::date;

/// Yuki's Airbnb-style thread at Lakeside Cabin 3, 22 to 26 November; other tests use it too.
pub(crate) fn thread(channel: Channel) -> Thread {
    Thread {
        account: "Lakeside Rentals".into(),
        provider: ProviderKind::Calry,
        id: "cal-1".into(),
        channel: Some(channel),
        guest: Guest { name: Some("Yuki Tanaka".into()), ..Guest::default() },
        property_id: Some("p-3".into()),
        property_name: Some("Lakeside Cabin 3".into()),
        reservation: Some(Reservation {
            id: "HMYK82QZ".into(),
            check_in: Some(date(2026, 11, 22)),
            check_out: Some(date(2026, 11, 26)),
            status: Some(ReservationStatus::Confirmed),
        }),
        subject: None,
        unread: 0,
        reply: ReplyAbility::Allowed,
        updated_at: None,
    }
}

#[test]
fn an_ordinary_reply_is_clear() {
    let findings = check("Hi Yuki, check-in is at 15:00. See you soon!", &thread(Channel::Airbnb));
    assert!(findings.is_clear(), "{findings:?}");
}

#[test]
fn an_empty_body_is_blocked() {
    for body in ["", "  \n\t "] {
        assert_eq!(check(body, &thread(Channel::Airbnb)).blockers, ["the reply is empty"]);
    }
}

#[test]
fn an_unfilled_variable_is_blocked_once_per_name() {
    let findings = check(
        "Check-in {check_in} at {check_in_time}, from {check_in}. {Not} a {variable}",
        &thread(Channel::Airbnb),
    );
    assert_eq!(findings.blockers.len(), 2, "{findings:?}");
    assert!(findings.blockers[0].starts_with("{check_in} is not filled in"), "{findings:?}");
    assert!(findings.blockers[1].starts_with("{check_in_time} is not filled in"), "{findings:?}");
}

#[test]
fn a_thread_that_cannot_be_answered_is_blocked() {
    let mut read_only = thread(Channel::Hostelworld);
    read_only.reply =
        ReplyAbility::Blocked("Hostel Mate has no API to send messages; answer in Hostel Mate".into());
    assert_eq!(
        check("Hello", &read_only).blockers,
        ["this thread cannot be answered: Hostel Mate has no API to send messages; answer in Hostel Mate"]
    );
}

fn with_status(status: Option<ReservationStatus>) -> Thread {
    let mut thread = thread(Channel::Airbnb);
    thread.reservation.as_mut().unwrap().status = status;
    thread
}

#[test]
fn codes_and_addresses_to_an_unconfirmed_reservation_warn_and_say_why() {
    let body = "The door code is 4821 and we're at 12 Harbour Road.";
    assert_eq!(
        check(body, &with_status(Some(ReservationStatus::Pending))).warnings,
        [
            "a door or access code in a reply to a reservation that is not confirmed (pending)",
            "a street address in a reply to a reservation that is not confirmed (pending)",
        ]
    );
    assert_eq!(
        check(body, &with_status(None)).warnings[0],
        "a door or access code in a reply to a reservation whose status is unknown"
    );
    let mut inquiry = thread(Channel::Airbnb);
    inquiry.reservation = None;
    assert_eq!(
        check("WiFi password: sunny2024", &inquiry).warnings,
        ["a wifi password in a reply to a thread with no reservation"]
    );
}

#[test]
fn codes_and_addresses_to_a_confirmed_reservation_are_fine() {
    let body = "The door code is 4821, wifi password: sunny2024, and we're at 12 Harbour Road.";
    assert!(check(body, &thread(Channel::Airbnb)).is_clear());
    for status in [
        ReservationStatus::Inquiry,
        ReservationStatus::Cancelled,
        ReservationStatus::Other("owner_hold".into()),
    ] {
        assert_eq!(check(body, &with_status(Some(status))).warnings.len(), 3);
    }
}

#[test]
fn a_time_is_not_a_code() {
    let unconfirmed = with_status(Some(ReservationStatus::Pending));
    assert!(check("Check-in is at 15:00, the lockbox code arrives at noon.", &unconfirmed).is_clear());
}

#[test]
fn sms_length_warns_above_one_segment_and_blocks_above_the_maximum() {
    let sms = thread(Channel::Sms);
    assert!(check(&"a".repeat(160), &sms).is_clear());
    assert_eq!(check(&"a".repeat(161), &sms).warnings, ["the SMS is 2 segments long; each is billed"]);
    let accented = check(&"ê".repeat(71), &sms);
    assert!(
        accented.warnings[0].starts_with("the SMS is 2 segments long, as it has characters outside"),
        "{accented:?}"
    );
    assert!(check(&"a".repeat(153 * 10), &sms).blockers.is_empty());
    let too_long = check(&"a".repeat(153 * 10 + 1), &sms);
    assert_eq!(too_long.blockers, ["the SMS is 11 segments long; the most innbox sends is 10: shorten it"]);
    assert!(too_long.warnings.is_empty());
    // Other channels have no segments.
    assert!(check(&"a".repeat(2000), &thread(Channel::Whatsapp)).is_clear());
}
