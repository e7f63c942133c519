//! Reading and replying: paging, limits, rate-limit headers and reply read-back.

use super::*;

#[tokio::test]
async fn booking_pages_with_next_page_id_and_replies() {
    let sim = start().await;
    let api = Api::new(&sim, "booking").await;
    let world = sim.world();
    let convs = world.threads::<BookingThread>();
    let pid = &convs[0].1.property_id;

    // The conversation list: 50 per page, newest first, each with its latest message.
    let mut seen = Vec::new();
    let mut path = format!("/properties/{pid}/conversations");
    loop {
        let (s, body) = api.get(&path).await;
        assert_eq!(s, StatusCode::OK, "{body}");
        let page = body["data"]["conversations"].as_array().unwrap();
        assert!(page.len() <= 50 && page.iter().all(|c| c["messages"].as_array().unwrap().len() <= 1));
        seen.extend(ids(page, "conversation_id"));
        match body["data"]["next_page_id"].as_str() {
            Some(next) => path = format!("/properties/{pid}/conversations?page_id={next}"),
            None => break,
        }
    }
    let expected: HashSet<String> =
        convs.iter().filter(|(_, b)| &b.property_id == pid).map(|(t, _)| t.id.clone()).collect();
    assert!(expected.len() > 50);
    assert_eq!(seen.iter().cloned().collect::<HashSet<_>>(), expected);
    assert_eq!(seen.len(), expected.len());

    // The long conversation: messages newest first over two pages, tags-only entries between.
    let (long, lb) = convs.iter().find(|(t, _)| t.messages.len() > 50).unwrap();
    let mut got = Vec::new();
    let mut path = format!("/properties/{}/conversations/{}", lb.property_id, long.id);
    let mut pages = 0;
    loop {
        let (_, body) = api.get(&path).await;
        let msgs = body["data"]["conversation"]["messages"].as_array().unwrap().clone();
        assert!(msgs.iter().any(|m| m.get("tags").is_some()), "read tags present");
        got.extend(ids(&msgs, "message_id"));
        pages += 1;
        match body["data"]["next_page_id"].as_str() {
            Some(next) => {
                path = format!("/properties/{}/conversations/{}?page_id={next}", lb.property_id, long.id)
            }
            None => break,
        }
    }
    let mut want: Vec<String> = long.messages.iter().map(|m| m.id.clone()).collect();
    want.reverse();
    assert_eq!((pages, got), (2, want));
    let (s, _) = api.get(&format!("/properties/{pid}/conversations?page_id=bogus")).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);

    // By reservation id, then a reply that shows on the next read.
    let (t, b) = convs.iter().find(|(t, b)| t.can_reply && b.conversation_type == "reservation").unwrap();
    let (s, body) = api
        .get(&format!(
            "/properties/{}/conversations/type/reservation?conversation_reference={}",
            b.property_id, b.reference
        ))
        .await;
    assert_eq!(
        (s, body["data"]["conversation"]["conversation_id"].as_str()),
        (StatusCode::OK, Some(t.id.as_str()))
    );
    let reply = json!({"message": {"content": "See you soon!", "attachment_ids": ["att-1"]}});
    let (s, body) = api.post(&format!("/properties/{}/conversations/{}", b.property_id, t.id), reply).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    let id = body["data"]["message_id"].as_str().unwrap();
    assert!(body["data"]["ok"] == json!(true) || body["data"]["ok"] == json!("true"));
    let (_, body) = api.get(&format!("/properties/{}/conversations/{}", b.property_id, t.id)).await;
    let first = &body["data"]["conversation"]["messages"][0];
    assert_eq!((first["message_id"].as_str(), first["content"].as_str()), (Some(id), Some("See you soon!")));
    let (_, list) = api.get(&format!("/properties/{}/conversations", b.property_id)).await;
    assert_eq!(list["data"]["conversations"][0]["conversation_id"], t.id.as_str(), "moved to the top");

    // Read-only conversations refuse replies; read tags can be set.
    let (ro, rob) = convs.iter().find(|(t, _)| !t.can_reply).unwrap();
    let (s, body) = api
        .post(
            &format!("/properties/{}/conversations/{}", rob.property_id, ro.id),
            json!({"message": {"content": "hi"}}),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert_eq!(body["errors"].as_array().unwrap().len(), 1);
    let unread = convs
        .iter()
        .flat_map(|(t, b)| t.messages.iter().map(move |m| (t, b, m)))
        .find(|(_, _, m)| m.direction == Direction::Inbound && !m.read);
    let (t, b, m) = unread.unwrap();
    let tag = json!({"message_ids": [m.id], "participant_id": b.property_participant_id});
    let (s, _) = send(
        api.req(
            Method::PUT,
            &format!("/properties/{}/conversations/{}/tags/message_read", b.property_id, t.id),
        )
        .json(&tag),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        sim.world().thread::<BookingThread>(&t.id).unwrap().0.messages.iter().any(|x| x.id == m.id && x.read)
    );
}

#[tokio::test]
async fn hostelmate_validates_limit_and_pages() {
    let sim = start().await;
    let api = Api::new(&sim, "hostelmate").await;
    for bad in ["0", "101", "ten"] {
        let (s, body) = api.get(&format!("/api/v1/client/conversations?limit={bad}")).await;
        assert_eq!((s, body["error"].as_str()), (StatusCode::BAD_REQUEST, Some("bad_request")));
    }
    let mut seen = Vec::new();
    let mut offset = 0;
    loop {
        let (_, body) = api.get(&format!("/api/v1/client/conversations?limit=30&offset={offset}")).await;
        seen.extend(ids(body["results"].as_array().unwrap(), "id"));
        if !body["pagination"]["has_more"].as_bool().unwrap() {
            break;
        }
        offset += 30;
    }
    let world = sim.world();
    let threads = world.threads::<HostelMateThread>();
    assert_eq!(seen.len(), threads.len());
    assert_eq!(seen.iter().collect::<HashSet<_>>().len(), threads.len());

    let (long, _) = threads.iter().find(|(t, _)| t.messages.len() > 100).unwrap();
    let path = format!("/api/v1/client/conversations/{}/messages?limit=100", long.id);
    let (_, first) = api.get(&path).await;
    let (_, second) = api.get(&format!("{path}&offset=100")).await;
    assert_eq!(first["pagination"]["has_more"], true);
    assert_eq!(second["pagination"]["has_more"], false);
    let mut got = ids(first["results"].as_array().unwrap(), "id");
    got.extend(ids(second["results"].as_array().unwrap(), "id"));
    assert_eq!(got, long.messages.iter().map(|m| m.id.clone()).collect::<Vec<_>>(), "oldest first");

    let (s, body) =
        api.get("/api/v1/client/conversations/00000000-0000-0000-0000-000000000000/messages").await;
    assert_eq!((s, body["error"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")));
    let (s, _) = api.post("/api/v1/client/conversations", json!({})).await;
    assert_eq!(s, StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn trellis_sends_rate_limit_headers_and_429s_over_quota() {
    let sim = start().await;
    let api = Api::new(&sim, "trellis").await;
    let resp = api.req(Method::GET, "/conversations?limit=1").send().await.unwrap();
    let header = |name: &str| resp.headers()[name].to_str().unwrap().parse::<u64>().unwrap();
    assert_eq!(header("x-ratelimit-limit"), 100);
    assert!(header("x-ratelimit-remaining") < 100);
    assert!(header("x-ratelimit-reset") > jiff::Timestamp::now().as_second() as u64);
    // A new minute may start in the middle; within 250 requests one window
    // must still overflow.
    let mut limited = None;
    for _ in 0..250 {
        let resp = api.req(Method::GET, "/conversations/nope").send().await.unwrap();
        if resp.status() == StatusCode::TOO_MANY_REQUESTS {
            limited = Some(resp);
            break;
        }
        assert_eq!(resp.status(), StatusCode::NOT_FOUND);
    }
    let resp = limited.expect("a 429 once over 100 requests a minute");
    assert!(resp.headers().contains_key("retry-after"));
    assert_eq!(resp.headers()["x-ratelimit-remaining"], "0");
    assert_eq!(resp.json::<Value>().await.unwrap()["error"]["code"], "rate_limited");
}

#[tokio::test]
async fn calry_filters_reservations_and_reads_back_a_reply() {
    let sim = start().await;
    let api = Api::new(&sim, "calry").await;
    let (_, all) = api.get("/reservations").await;
    let (_, window) = api.get("/reservations?departureStartDate=2026-01-30&arrivalEndDate=2026-08-28").await;
    let (all, window) = (all["data"].as_array().unwrap(), window["data"].as_array().unwrap());
    assert!(window.len() < all.len() && window.len() * 10 >= all.len() * 8);
    assert!(window.iter().all(|r| r["departureDate"].as_str().unwrap() >= "2026-01-30"));
    let (s, _) = api.get("/reservations?arrivalStartDate=01/02/2026").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);

    let world = sim.world();
    let (t, c) = world.threads::<CalryThread>().into_iter().find(|(t, _)| t.channel == "AIRBNB").unwrap();
    let reply = json!({"conversationId": t.id, "reservationId": c.reservation_id, "body": "Enjoy!", "type": "DIRECT"});
    let (s, body) = api.post("/conversations", reply).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    assert_eq!((body["success"].as_bool(), body["data"]["senderType"].as_str()), (Some(true), Some("Owner")));
    let (_, read) = api.get(&format!("/conversations/reservation/{}", c.reservation_id)).await;
    let conv = read["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"].to_string().trim_matches('"') == t.id)
        .unwrap();
    assert_eq!(conv["messages"][0]["body"], "Enjoy!");
    assert_eq!(conv["messages"][0]["senderType"], "Owner");

    let (e, ec) = world.threads::<CalryThread>().into_iter().find(|(t, _)| t.channel == "EMAIL").unwrap();
    let (s, body) = api
        .post(
            "/conversations",
            json!({"conversationId": e.id, "reservationId": ec.reservation_id, "body": "Hi"}),
        )
        .await;
    assert_eq!((s, body["success"].as_bool()), (StatusCode::BAD_REQUEST, Some(false)));
    let (s, body) = send(api.req(Method::POST, "/conversations").body("{not json")).await;
    assert_eq!((s, body["success"].as_bool()), (StatusCode::BAD_REQUEST, Some(false)));
}
