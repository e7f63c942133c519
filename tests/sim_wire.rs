//! The simulator's wire shapes, checked with plain HTTP.

use std::collections::HashSet;
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use innbox::sim::{
    self, BookingThread, CalryThread, Direction, Fault, FaultAction, HostelMateThread, MessageWire,
    SimHandle, SimOptions,
};
use reqwest::{Client, Method, RequestBuilder, StatusCode};
use serde_json::{Value, json};

const ANCHOR: &str = "2026-03-01T12:00:00Z";

async fn start() -> SimHandle {
    let opts = SimOptions { anchor: ANCHOR.parse().unwrap(), ..Default::default() };
    sim::start(opts).await.unwrap()
}

/// The simulator's own config, parsed the way innbox reads it.
struct Accounts(Vec<toml::Table>);

impl Accounts {
    fn of(sim: &SimHandle) -> Self {
        let cfg: toml::Table = sim.config_toml().parse().unwrap();
        let list = cfg["accounts"].as_array().unwrap();
        Accounts(list.iter().map(|a| a.as_table().unwrap().clone()).collect())
    }

    fn get(&self, provider: &str, key: &str) -> String {
        let acc = self.0.iter().find(|a| a["provider"].as_str() == Some(provider)).unwrap();
        acc[key].as_str().unwrap().to_string()
    }
}

/// A client for one provider that adds its credentials.
struct Api {
    http: Client,
    base: String,
    headers: Vec<(&'static str, String)>,
}

impl Api {
    async fn new(sim: &SimHandle, provider: &str) -> Self {
        let acc = Accounts::of(sim);
        let http = Client::new();
        let base = acc.get(provider, "base_url");
        let headers = match provider {
            "calry" => vec![
                ("Authorization", format!("Bearer {}", acc.get("calry", "token"))),
                ("workspaceId", acc.get("calry", "workspace_id")),
                ("integrationAccountId", acc.get("calry", "integration_account_id")),
            ],
            "hostelmate" => vec![("X-API-Key", acc.get("hostelmate", "token"))],
            "trellis" => vec![("Authorization", format!("Bearer {}", acc.get("trellis", "token")))],
            _ => {
                let creds = json!({"client_id": acc.get("booking", "client_id"), "client_secret": acc.get("booking", "client_secret")});
                let resp = http.post(acc.get("booking", "auth_url")).json(&creds).send().await.unwrap();
                assert_eq!(resp.status(), StatusCode::OK);
                let jwt = resp.json::<Value>().await.unwrap()["jwt"].as_str().unwrap().to_string();
                vec![("Authorization", format!("Bearer {jwt}")), ("Accept-version", "1.2".into())]
            }
        };
        Api { http, base, headers }
    }

    fn req(&self, method: Method, path: &str) -> RequestBuilder {
        let mut rb = self.http.request(method, format!("{}{}", self.base, path));
        for (k, v) in &self.headers {
            rb = rb.header(*k, v);
        }
        rb
    }

    async fn get(&self, path: &str) -> (StatusCode, Value) {
        send(self.req(Method::GET, path)).await
    }

    async fn post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        send(self.req(Method::POST, path).json(&body)).await
    }
}

async fn send(rb: RequestBuilder) -> (StatusCode, Value) {
    let resp = rb.send().await.unwrap();
    let status = resp.status();
    let text = resp.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
}

fn ids(list: &[Value], key: &str) -> Vec<String> {
    list.iter().filter_map(|v| v[key].as_str().map(str::to_string)).collect()
}

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

#[tokio::test]
async fn faults_apply_then_are_used_up() {
    let sim = start().await;
    let hm = Api::new(&sim, "hostelmate").await;
    sim.inject(Fault {
        provider: Some("hostelmate".into()),
        method: Some("GET".into()),
        path_contains: Some("/conversations".into()),
        times: 2,
        action: FaultAction::Status { status: 503, retry_after: Some("1".into()), body: None },
    });
    for _ in 0..2 {
        let resp = hm.req(Method::GET, "/api/v1/client/conversations").send().await.unwrap();
        assert_eq!(resp.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(resp.headers()["retry-after"], "1");
        assert_eq!(resp.json::<Value>().await.unwrap()["error"], "messaging_unavailable");
    }
    assert_eq!(hm.get("/api/v1/client/conversations").await.0, StatusCode::OK);

    // Over HTTP, as the CLI does it.
    let http = Client::new();
    let fault = json!({"provider": "trellis", "action": {"kind": "malformed_json"}});
    let resp = http.post(format!("{}/__sim/faults", sim.base_url())).json(&fault).send().await.unwrap();
    assert!(resp.status().is_success());
    let trellis = Api::new(&sim, "trellis").await;
    let (s, body) = trellis.get("/conversations").await;
    assert!(s == StatusCode::OK && body.is_string(), "truncated JSON: {body}");
    assert!(trellis.get("/conversations").await.1.is_object());

    // A reply whose answer comes too late for the client is stored anyway.
    let booking = Api::new(&sim, "booking").await;
    let world = sim.world();
    let (t, b) = world.threads::<BookingThread>().into_iter().find(|(t, _)| t.can_reply).unwrap();
    sim.inject(Fault {
        provider: Some("booking".into()),
        method: Some("POST".into()),
        path_contains: Some(t.id.clone()),
        times: 1,
        action: FaultAction::DelayAfterProcessing { ms: 1500 },
    });
    let path = format!("/properties/{}/conversations/{}", b.property_id, t.id);
    let reply = json!({"message": {"content": "Did this arrive?"}});
    let timeout = Duration::from_millis(500);
    let err = booking.req(Method::POST, &path).json(&reply).timeout(timeout).send().await;
    assert!(err.unwrap_err().is_timeout());
    let last_body = || {
        let world = sim.world();
        let (thread, _) = world.thread::<BookingThread>(&t.id).unwrap();
        thread.messages.last().unwrap().body.clone()
    };
    assert_eq!(last_body(), "Did this arrive?");

    let stats: Value =
        http.get(format!("{}/__sim/stats", sim.base_url())).send().await.unwrap().json().await.unwrap();
    assert_eq!(stats["hostelmate"], 3);
    assert_eq!(stats["trellis"], 2);
    assert_eq!(stats["token_exchanges"], 1);
    sim.shutdown().await;
}

#[tokio::test]
async fn pushed_guest_messages_show_up_unread_and_on_top() {
    let sim = start().await;
    let hm = Api::new(&sim, "hostelmate").await;
    let trellis = Api::new(&sim, "trellis").await;
    let mut accounts = HashSet::new();
    for _ in 0..4 {
        let pushed = sim.push_guest_message();
        accounts.insert(pushed.account.clone());
        let world = sim.world();
        let account = world.accounts.iter().find(|a| a.name == pushed.account).unwrap();
        let t = account.threads.iter().find(|t| t.id == pushed.thread_id).unwrap();
        let last = t.messages.last().unwrap();
        assert_eq!(
            (last.body.as_str(), last.direction, last.read),
            (pushed.body.as_str(), Direction::Inbound, false)
        );
        let top = match account.name.as_str() {
            "Harbour Hostel" => hm.get("/api/v1/client/conversations?limit=1").await.1["results"][0].clone(),
            "Sunset Villas" => trellis.get("/conversations?limit=1").await.1["data"][0].clone(),
            _ => continue,
        };
        assert_eq!(top["id"], pushed.thread_id.as_str());
        assert!(top["unread_count"].as_u64().unwrap() > 0);
    }
    assert_eq!(accounts.len(), 4, "the accounts take turns");

    let http = Client::new();
    let url = format!("{}/__sim/guest-message", sim.base_url());
    let pushed: sim::PushedMessage = http.post(url).send().await.unwrap().json().await.unwrap();
    let world = sim.world();
    let account = world.accounts.iter().find(|a| a.name == pushed.account).unwrap();
    let t = account.threads.iter().find(|t| t.id == pushed.thread_id).unwrap();
    assert_eq!(t.messages.last().unwrap().body, pushed.body);
}

#[tokio::test]
async fn options_latency_live_mode_and_unenforced_limits() {
    let opts = SimOptions {
        anchor: ANCHOR.parse().unwrap(),
        threads: 8,
        latency_ms: 80,
        live_every: Some(Duration::from_millis(40)),
        enforce_rate_limits: false,
        ..Default::default()
    };
    let sim = sim::start(opts).await.unwrap();
    let before: usize = sim.world().accounts.iter().flat_map(|a| &a.threads).map(|t| t.messages.len()).sum();
    let trellis = Api::new(&sim, "trellis").await;
    let started = std::time::Instant::now();
    assert_eq!(trellis.get("/conversations").await.0, StatusCode::OK);
    assert!(started.elapsed() >= Duration::from_millis(80), "latency applied");
    tokio::time::sleep(Duration::from_millis(200)).await;
    let after: usize = sim.world().accounts.iter().flat_map(|a| &a.threads).map(|t| t.messages.len()).sum();
    assert!(after > before, "live mode appended guest messages");
    sim.shutdown().await;

    // Without enforcement Trellis never answers 429 (and still counts).
    let opts = SimOptions {
        anchor: ANCHOR.parse().unwrap(),
        threads: 8,
        enforce_rate_limits: false,
        ..Default::default()
    };
    let sim = sim::start(opts).await.unwrap();
    let trellis = Api::new(&sim, "trellis").await;
    for _ in 0..110 {
        assert_eq!(trellis.get("/conversations?limit=1").await.0, StatusCode::OK);
    }
    assert_eq!(sim.stats().trellis, 110);
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
