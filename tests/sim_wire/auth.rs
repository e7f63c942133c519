//! Credentials: each provider refuses bad ones in its own shape; Booking.com
//! exchanges tokens (at most 30 an hour) and honours Accept-version.

use super::*;

#[tokio::test]
async fn every_provider_rejects_bad_credentials_in_its_own_shape() {
    let sim = start().await;
    let (http, base) = (Client::new(), sim.base_url());
    let get = |path: &str, headers: &[(&str, &str)]| {
        let mut rb = http.get(format!("{base}{path}"));
        for (k, v) in headers {
            rb = rb.header(*k, *v);
        }
        send(rb)
    };
    let (s, body) = get("/calry/api/v2/vrs/reservations", &[]).await;
    assert_eq!((s, body["success"].clone()), (StatusCode::UNAUTHORIZED, json!(false)));
    let calry = Api::new(&sim, "calry").await;
    let token = calry.headers[0].1.clone();
    let (s, body) =
        get("/calry/api/v2/vrs/reservations", &[("Authorization", &token), ("workspaceId", "x")]).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert!(body["message"].is_string());

    let (s, body) = get("/hostelmate/api/v1/client/conversations", &[("X-API-Key", "nope")]).await;
    assert_eq!((s, body["error"].as_str()), (StatusCode::UNAUTHORIZED, Some("unauthorized")));

    let resp = http
        .get(format!("{base}/trellis/v1/conversations"))
        .bearer_auth("trls_test_wrong")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
    assert!(resp.headers().contains_key("x-ratelimit-remaining"));
    assert_eq!(resp.json::<Value>().await.unwrap()["error"]["code"], "unauthorized");

    let (s, body) =
        get("/booking/messaging/properties/8011234/conversations", &[("Authorization", "Bearer abc")]).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert_eq!(body["errors"].as_array().unwrap().len(), 1);
    assert!(body["meta"]["ruid"].is_string());
    let bad = json!({"client_id": "innbox-sim-machine-account", "client_secret": "wrong"});
    let (s, _) =
        send(http.post(format!("{base}/booking/token-based-authentication/exchange")).json(&bad)).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, _) =
        send(http.post(format!("{base}/booking/token-based-authentication/exchange")).body("{")).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn booking_token_and_accept_version() {
    let sim = start().await;
    let api = Api::new(&sim, "booking").await;
    let jwt = api.headers[0].1.trim_start_matches("Bearer ").to_string();
    let payload = URL_SAFE_NO_PAD.decode(jwt.split('.').nth(1).unwrap()).unwrap();
    let payload: Value = serde_json::from_slice(&payload).unwrap();
    let now = jiff::Timestamp::now().as_second();
    assert!((payload["exp"].as_i64().unwrap() - now - 3600).abs() < 60, "{payload}");

    // A short conversation with a self-service event and a named guest.
    let world = sim.world();
    let self_service = |m: &sim::Message| matches!(&m.wire, MessageWire::Booking(b) if b.message_type == "self_service_event");
    let (t, b) = world
        .threads::<BookingThread>()
        .into_iter()
        .find(|(t, _)| t.guest_name.is_some() && t.messages.len() < 50 && t.messages.iter().any(self_service))
        .unwrap();
    let path = format!("/properties/{}/conversations/{}", b.property_id, t.id);
    let (s, v12) = api.get(&path).await;
    assert_eq!(s, StatusCode::OK);
    let conv = &v12["data"]["conversation"];
    let guest = conv["participants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["participant_id"] == b.guest_participant_id.as_str());
    assert_eq!(guest.unwrap()["metadata"]["name"], t.guest_name.clone().unwrap().as_str());
    let msgs = conv["messages"].as_array().unwrap();
    assert!(
        msgs.iter().any(|m| m["message_type"] == "self_service_event"
            && m["attributes"]["self_service_topic"].is_string())
    );
    assert_eq!(ids(msgs, "message_id").len(), t.messages.len());

    // Without Accept-version: v1.0, no types, attributes, names or self-service events.
    let (_, old) =
        send(api.http.get(format!("{}{path}", api.base)).header("Authorization", &api.headers[0].1)).await;
    let conv = &old["data"]["conversation"];
    let msgs = conv["messages"].as_array().unwrap();
    assert!(msgs.iter().all(|m| m.get("message_type").is_none() && m.get("attributes").is_none()));
    assert!(conv["participants"].as_array().unwrap().iter().all(|p| p["metadata"].get("name").is_none()));
    assert_eq!(ids(msgs, "message_id").len(), t.messages.iter().filter(|m| !self_service(m)).count());
    assert_eq!(sim.stats().token_exchanges, 1);
}

#[tokio::test]
async fn booking_allows_30_tokens_an_hour() {
    let sim = start().await;
    let acc = Accounts::of(&sim);
    let creds = json!({"client_id": acc.get("booking", "client_id"), "client_secret": acc.get("booking", "client_secret")});
    let http = Client::new();
    // An hour boundary may pass in the middle; within 70 exchanges one
    // window must still overflow.
    let mut refused = None;
    for _ in 0..70 {
        let resp = http.post(acc.get("booking", "auth_url")).json(&creds).send().await.unwrap();
        if resp.status() == StatusCode::TOO_MANY_REQUESTS {
            refused = Some(resp);
            break;
        }
        assert_eq!(resp.status(), StatusCode::OK);
    }
    let resp = refused.expect("a 429 past 30 tokens an hour");
    assert!(resp.headers().contains_key("retry-after"));
    assert!(sim.stats().token_exchanges >= 31);
}
