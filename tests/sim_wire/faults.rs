//! The fault knobs as a client meets them: HTML and empty bodies, a wrongly
//! typed field, hangs, Trellis's spent-quota headers and error rates.

use super::*;

fn on(provider: &str, method: &str, path_contains: &str, times: u32, action: FaultAction) -> Fault {
    Fault {
        provider: Some(provider.into()),
        method: Some(method.into()),
        path_contains: Some(path_contains.into()),
        times,
        probability: None,
        action,
    }
}

#[tokio::test]
async fn html_pages_and_empty_bodies_stand_in_for_json() {
    let sim = start().await;
    let hm = Api::new(&sim, "hostelmate").await;
    let path = "/api/v1/client/conversations";
    sim.inject(on("hostelmate", "GET", path, 1, FaultAction::HtmlPage { status: 502 }));
    sim.inject(on("hostelmate", "GET", path, 1, FaultAction::HtmlPage { status: 200 }));
    sim.inject(on("hostelmate", "GET", path, 1, FaultAction::EmptyOk));

    let page = |resp: reqwest::Response| async move {
        let kind = resp.headers()[reqwest::header::CONTENT_TYPE].to_str().unwrap().to_owned();
        (resp.status(), kind, resp.text().await.unwrap())
    };
    let (status, kind, body) = page(hm.req(Method::GET, path).send().await.unwrap()).await;
    assert_eq!((status, kind.as_str()), (StatusCode::BAD_GATEWAY, "text/html"));
    assert!(body.contains("<title>502 Bad Gateway</title>") && body.contains("nginx"), "{body}");
    let (status, kind, body) = page(hm.req(Method::GET, path).send().await.unwrap()).await;
    assert_eq!((status, kind.as_str()), (StatusCode::OK, "text/html"));
    assert!(body.contains("Sign in to Guest Wi-Fi"), "a captive portal: {body}");
    let (status, _, body) = page(hm.req(Method::GET, path).send().await.unwrap()).await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, ""));
    assert_eq!(hm.get(path).await.0, StatusCode::OK, "used up");
    sim.shutdown().await;
}

#[tokio::test]
async fn wrong_type_retypes_one_id_of_the_real_answer() {
    let sim = start().await;
    let trellis = Api::new(&sim, "trellis").await;
    let (_, clean) = trellis.get("/conversations").await;
    sim.inject(on("trellis", "GET", "/conversations", 1, FaultAction::WrongType));
    let (status, broken) = trellis.get("/conversations").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(broken["data"][0]["id"], json!({"value": clean["data"][0]["id"]}));
    let mut repaired = broken.clone();
    repaired["data"][0]["id"] = clean["data"][0]["id"].clone();
    assert_eq!(repaired, clean, "nothing else changed");

    let booking = Api::new(&sim, "booking").await;
    sim.inject(on("booking", "GET", "/conversations", 1, FaultAction::WrongType));
    let (_, body) = booking.get("/properties/8011234/conversations").await;
    assert!(body["data"]["conversations"][0]["conversation_id"].is_object(), "{body}");
    sim.shutdown().await;
}

#[tokio::test]
async fn a_hang_outlasts_an_impatient_client_and_then_processes_nothing() {
    let sim = start().await;
    let booking = Api::new(&sim, "booking").await;
    let world = sim.world();
    let (t, b) = world.threads::<BookingThread>().into_iter().find(|(t, _)| t.can_reply).unwrap();
    let path = format!("/properties/{}/conversations/{}", b.property_id, t.id);
    let last_body = || {
        let world = sim.world();
        world.thread::<BookingThread>(&t.id).unwrap().0.messages.last().unwrap().body.clone()
    };
    let before = last_body();

    sim.inject(on("booking", "POST", &t.id, 1, FaultAction::Hang { ms: 600 }));
    let reply = json!({"message": {"content": "Abandoned while the provider hung"}});
    let timeout = Duration::from_millis(150);
    let err = booking.req(Method::POST, &path).json(&reply).timeout(timeout).send().await.unwrap_err();
    assert!(err.is_timeout(), "{err}");
    tokio::time::sleep(Duration::from_millis(900)).await; // past the hang
    assert_eq!(last_body(), before, "the hung request was dropped with its connection");

    sim.inject(on("booking", "POST", &t.id, 1, FaultAction::Hang { ms: 100 }));
    let reply = json!({"message": {"content": "Worth the wait"}});
    let resp = booking.req(Method::POST, &path).json(&reply).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(last_body(), "Worth the wait", "a patient client's request is processed");
    sim.shutdown().await;
}

#[tokio::test]
async fn a_spent_quota_says_when_it_resets_in_trellis_headers() {
    let sim = start().await;
    let trellis = Api::new(&sim, "trellis").await;
    let spent = FaultAction::Status { status: 429, retry_after: None, body: None, reset_in: Some(30) };
    sim.inject(on("trellis", "GET", "/conversations", 1, spent));
    let resp = trellis.req(Method::GET, "/conversations").send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::TOO_MANY_REQUESTS);
    let header = |name: &str| resp.headers()[name].to_str().unwrap().parse::<i64>().unwrap();
    assert_eq!(header("x-ratelimit-remaining"), 0);
    let reset_in = header("x-ratelimit-reset") - jiff::Timestamp::now().as_second();
    assert!((28..=30).contains(&reset_in), "resets {reset_in}s from now");
    assert!(resp.headers().get("retry-after").is_none());
    sim.shutdown().await;
}

#[tokio::test]
async fn an_error_rate_hits_some_requests_and_delete_clears_every_fault() {
    let sim = start().await;
    let http = Client::new();
    let faults = format!("{}/__sim/faults", sim.base_url());
    let fault = json!({"provider": "trellis", "times": 1000, "probability": 0.5,
                       "action": {"kind": "status", "status": 500}});
    assert!(http.post(&faults).json(&fault).send().await.unwrap().status().is_success());
    let trellis = Api::new(&sim, "trellis").await;
    let mut statuses = Vec::new();
    for _ in 0..40 {
        statuses.push(trellis.get("/conversations?limit=1").await.0);
    }
    let failed = statuses.iter().filter(|s| **s == StatusCode::INTERNAL_SERVER_ERROR).count();
    assert!((5..35).contains(&failed), "{failed} of 40 failed at a 50% error rate");
    assert_eq!(failed + statuses.iter().filter(|s| **s == StatusCode::OK).count(), 40);

    assert_eq!(http.delete(&faults).send().await.unwrap().status(), StatusCode::NO_CONTENT);
    for _ in 0..10 {
        assert_eq!(trellis.get("/conversations?limit=1").await.0, StatusCode::OK);
    }
    sim.shutdown().await;
}
