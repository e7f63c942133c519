//! The test controls: faults, pushed guest messages and the options.

use super::*;

#[tokio::test]
async fn faults_apply_then_are_used_up() {
    let sim = start().await;
    let hm = Api::new(&sim, "hostelmate").await;
    sim.inject(Fault {
        provider: Some("hostelmate".into()),
        method: Some("GET".into()),
        path_contains: Some("/conversations".into()),
        times: 2,
        probability: None,
        action: FaultAction::Status {
            status: 503,
            retry_after: Some("1".into()),
            body: None,
            reset_in: None,
        },
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
        probability: None,
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
