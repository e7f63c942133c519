//! Booking.com's tags: `message_read` for the property's participant and
//! `no_reply_needed`, validated and answered in the real envelope.

use super::*;

/// A conversation with an unread guest message, and that message's id.
fn unread_conversation(sim: &SimHandle) -> (sim::Thread, BookingThread, String) {
    let world = sim.world();
    let (t, b) = world
        .threads::<BookingThread>()
        .into_iter()
        .find(|(t, _)| t.messages.last().is_some_and(|m| m.direction == Direction::Inbound && !m.read))
        .expect("a conversation whose newest message is an unread guest message");
    let newest = t.messages.last().unwrap().id.clone();
    (t.clone(), b.clone(), newest)
}

fn tag_path(b: &BookingThread, cid: &str, tag: &str) -> String {
    format!("/properties/{}/conversations/{cid}/tags/{tag}", b.property_id)
}

async fn tag(api: &Api, method: Method, path: &str, body: Option<Value>) -> (StatusCode, Value) {
    let request = api.req(method, path);
    send(match body {
        Some(body) => request.json(&body),
        None => request,
    })
    .await
}

/// The newest entries of a conversation as a client reads them.
async fn newest_entries(api: &Api, b: &BookingThread, cid: &str) -> Vec<Value> {
    let (_, body) = api.get(&format!("/properties/{}/conversations/{cid}", b.property_id)).await;
    body["data"]["conversation"]["messages"].as_array().unwrap().clone()
}

#[tokio::test]
async fn a_read_tag_marks_guest_messages_read_for_the_property_and_can_be_undone() {
    let sim = start().await;
    let api = Api::new(&sim, "booking").await;
    let (t, b, newest) = unread_conversation(&sim);
    let path = tag_path(&b, &t.id, "message_read");
    assert!(newest_entries(&api, &b, &t.id).await[1].get("tags").is_none(), "unread: no tag entry after it");

    let body = json!({"message_ids": [newest], "participant_id": b.property_participant_id});
    let (s, answer) = tag(&api, Method::PUT, &path, Some(body.clone())).await;
    assert_eq!(s, StatusCode::OK, "{answer}");
    assert_eq!(answer["data"]["ok"], json!("true"));
    assert!(answer["meta"]["ruid"].is_string() && answer["errors"] == json!([]));
    let entries = newest_entries(&api, &b, &t.id).await;
    assert_eq!(entries[0]["message_id"], newest.as_str());
    assert_eq!(
        entries[1]["tags"]["read"],
        json!({"set": true, "participants": [b.property_participant_id]}),
        "the read marker follows the message it marks"
    );

    let (s, _) = tag(&api, Method::DELETE, &path, Some(body)).await;
    assert_eq!(s, StatusCode::OK);
    assert!(newest_entries(&api, &b, &t.id).await[1].get("tags").is_none(), "unread again");
}

#[tokio::test]
async fn a_read_tag_is_refused_for_the_wrong_participant_or_unknown_messages() {
    let sim = start().await;
    let api = Api::new(&sim, "booking").await;
    let (t, b, newest) = unread_conversation(&sim);
    let path = tag_path(&b, &t.id, "message_read");
    let other =
        sim.world().threads::<BookingThread>().into_iter().find(|(o, _)| o.id != t.id).unwrap().0.clone();
    let foreign = other.messages[0].id.clone();
    for (body, says) in [
        (json!({"message_ids": [newest], "participant_id": b.guest_participant_id}), "not the guest's"),
        (json!({"message_ids": [newest], "participant_id": "someone-else"}), "not a participant"),
        (json!({"message_ids": [], "participant_id": b.property_participant_id}), "at least one message"),
        (
            json!({"message_ids": [foreign], "participant_id": b.property_participant_id}),
            "Unknown message_id",
        ),
        (json!({"message_ids": [newest]}), "Invalid request body"),
    ] {
        let (s, answer) = tag(&api, Method::PUT, &path, Some(body.clone())).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(answer["data"]["ok"], json!(false));
        assert_eq!(answer["errors"][0]["code"], "BAD_REQUEST");
        assert!(answer["errors"][0]["message"].as_str().unwrap().contains(says), "{answer}");
    }
    let body = json!({"message_ids": [newest], "participant_id": b.property_participant_id});
    let (s, answer) =
        tag(&api, Method::PUT, &tag_path(&b, "no-such-conversation", "message_read"), Some(body)).await;
    assert_eq!((s, answer["errors"][0]["code"].as_str()), (StatusCode::NOT_FOUND, Some("NOT_FOUND")));
    let world = sim.world();
    let unchanged = world.thread::<BookingThread>(&t.id).unwrap().0;
    assert!(!unchanged.messages.last().unwrap().read, "no refused request marked anything");
}

#[tokio::test]
async fn no_reply_needed_is_kept_per_conversation_and_shown_in_its_tags() {
    let sim = start().await;
    let api = Api::new(&sim, "booking").await;
    let world = sim.world();
    let (t, b) = world.threads::<BookingThread>().into_iter().find(|(_, b)| !b.no_reply_needed).unwrap();
    let detail = format!("/properties/{}/conversations/{}", b.property_id, t.id);
    let shown = |body: Value| body["data"]["conversation"]["tags"]["no_reply_needed"]["set"].clone();
    assert_eq!(shown(api.get(&detail).await.1), json!(false));

    let path = tag_path(b, &t.id, "no_reply_needed");
    let (s, answer) = tag(&api, Method::PUT, &path, None).await;
    assert_eq!((s, answer["data"]["ok"].clone()), (StatusCode::OK, json!("true")));
    assert_eq!(shown(api.get(&detail).await.1), json!(true));
    assert!(sim.world().thread::<BookingThread>(&t.id).unwrap().1.no_reply_needed);

    let (s, _) = tag(&api, Method::DELETE, &path, None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(shown(api.get(&detail).await.1), json!(false));

    let (s, _) = tag(&api, Method::PUT, &tag_path(b, "no-such-conversation", "no_reply_needed"), None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = send(api.http.put(format!("{}{path}", api.base)).bearer_auth("expired")).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED, "tags sit behind the token check");
}
