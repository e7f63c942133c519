//! Booking.com's tags through the client: read marks and `no_reply_needed` reach
//! the simulator and show in the next read, failures are typed and retried, and
//! providers without a tags API are sent nothing.

use super::*;
use innbox::domain::{Tag, TagWish};
use innbox::sim::{BookingThread, SimHandle};

fn read_up_to(up_to: Option<jiff::Timestamp>) -> TagWish {
    TagWish { tag: Tag::Read, on: true, up_to }
}

fn no_reply_needed(on: bool) -> TagWish {
    TagWish { tag: Tag::NoReplyNeeded, on, up_to: None }
}

/// The simulator's guest messages of a conversation, newest first, with whether
/// the property has read them.
fn guest_messages(sim: &SimHandle, id: &str) -> Vec<(jiff::Timestamp, bool)> {
    let world = sim.world();
    let (thread, _) = world.thread::<BookingThread>(id).unwrap();
    let inbound = thread.messages.iter().filter(|m| m.direction == innbox::sim::Direction::Inbound);
    inbound.rev().map(|m| (m.sent_at, m.read)).collect()
}

#[tokio::test]
async fn booking_marks_a_conversation_read_up_to_the_newest_message_seen() {
    let sim = sim().await;
    let client = client(&sim, BOOKING, quick_retries());
    let thread = thread_where(&client, |t| t.unread >= 2).await;
    let guest = guest_messages(&sim, &thread.id);
    assert!(!guest[0].1 && !guest[1].1, "its two newest guest messages are unread");

    // Seen up to the second newest: the newest, which came later, stays unread.
    assert_eq!(client.set_tag(&thread, read_up_to(Some(guest[1].0))).await, Ok(Some(1)));
    assert_eq!(&guest_messages(&sim, &thread.id)[..2], [(guest[0].0, false), (guest[1].0, true)]);
    assert_eq!(client.fetch_thread(&thread).await.unwrap().thread.unread, 1, "from the read markers");

    assert_eq!(client.set_tag(&thread, read_up_to(None)).await, Ok(Some(0)));
    assert!(guest_messages(&sim, &thread.id)[..usize::try_from(thread.unread).unwrap()].iter().all(|m| m.1));
    assert_eq!(client.fetch_thread(&thread).await.unwrap().thread.unread, 0);

    // Nothing left unread: the conversation is read, and nothing is written.
    let requests = client.requests();
    assert_eq!(client.set_tag(&thread, read_up_to(None)).await, Ok(Some(0)));
    assert_eq!(client.requests(), requests + 1, "one read of the conversation, no PUT");
}

#[tokio::test]
async fn booking_marks_unread_and_no_reply_needed_both_ways() {
    let sim = sim().await;
    let client = client(&sim, BOOKING, quick_retries());
    let thread = thread_where(&client, |t| t.unread >= 1).await;
    client.set_tag(&thread, read_up_to(None)).await.unwrap();
    let unread = TagWish { tag: Tag::Read, on: false, up_to: None };
    assert_eq!(client.set_tag(&thread, unread).await, Ok(None));
    assert!(!guest_messages(&sim, &thread.id)[0].1, "its newest guest message is unread again");
    assert_eq!(client.fetch_thread(&thread).await.unwrap().thread.unread, 1);

    let kept = |sim: &SimHandle| sim.world().thread::<BookingThread>(&thread.id).unwrap().1.no_reply_needed;
    let before = kept(&sim);
    client.set_tag(&thread, no_reply_needed(!before)).await.unwrap();
    assert_eq!(kept(&sim), !before);
    client.set_tag(&thread, no_reply_needed(before)).await.unwrap();
    assert_eq!(kept(&sim), before);
}

#[tokio::test]
async fn booking_tag_failures_are_typed_and_transient_ones_retried() {
    let sim = sim().await;
    let client = client(&sim, BOOKING, quick_retries());
    let thread = thread_where(&client, |t| t.reply.is_allowed()).await;

    sim.inject(fault("booking", "/tags/no_reply_needed", 1, status(403, None)));
    let refused = client.set_tag(&thread, no_reply_needed(true)).await.unwrap_err();
    assert_eq!(refused.kind, ErrorKind::Unauthorized { status: 403 });
    assert!(refused.request.starts_with("PUT /properties/"), "{refused}");
    assert!(refused.to_string().contains("(ruid "), "Booking.com's request id is kept: {refused}");

    sim.inject(fault("booking", "/tags/no_reply_needed", 2, status(503, None)));
    client.set_tag(&thread, no_reply_needed(true)).await.expect("retried past two 503s");

    let exchanges = sim.stats().token_exchanges;
    sim.inject(fault("booking", "/tags/no_reply_needed", 1, status(401, None)));
    client.set_tag(&thread, no_reply_needed(false)).await.expect("a new token after a 401");
    assert_eq!(sim.stats().token_exchanges, exchanges + 1);
    assert!(!sim.world().thread::<BookingThread>(&thread.id).unwrap().1.no_reply_needed);

    let gone = Thread { id: "no-such-conversation".into(), ..thread };
    assert_eq!(client.set_tag(&gone, read_up_to(None)).await.unwrap_err().kind, ErrorKind::NotFound);
    assert_eq!(client.set_tag(&gone, no_reply_needed(true)).await.unwrap_err().kind, ErrorKind::NotFound);
}

#[tokio::test]
async fn providers_without_a_tags_api_are_sent_nothing() {
    let sim = sim().await;
    for account in [CALRY, HOSTELMATE, TRELLIS] {
        let client = client(&sim, account, quick_retries());
        let thread = thread_where(&client, |_| true).await;
        let requests = client.requests();
        assert_eq!(client.set_tag(&thread, read_up_to(None)).await, Ok(None), "{account}");
        assert_eq!(client.set_tag(&thread, no_reply_needed(true)).await, Ok(None), "{account}");
        assert_eq!(client.requests(), requests, "{account}: no request was made");
    }
}
