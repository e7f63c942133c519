//! The simulator's wire shapes, checked with plain HTTP.

mod auth;
mod control;
mod faults;
mod reading;
mod tags;

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

pub const ANCHOR: &str = "2026-03-01T12:00:00Z";

pub async fn start() -> SimHandle {
    let opts = SimOptions { anchor: ANCHOR.parse().unwrap(), ..Default::default() };
    sim::start(opts).await.unwrap()
}

/// The simulator's own config, parsed the way innbox reads it.
pub struct Accounts(Vec<toml::Table>);

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
pub struct Api {
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

pub async fn send(rb: RequestBuilder) -> (StatusCode, Value) {
    let resp = rb.send().await.unwrap();
    let status = resp.status();
    let text = resp.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
}

pub fn ids(list: &[Value], key: &str) -> Vec<String> {
    list.iter().filter_map(|v| v[key].as_str().map(str::to_string)).collect()
}
