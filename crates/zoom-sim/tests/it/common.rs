//! Shared helpers: a simulator with a fixed reference time, an HTTP client, tokens, requests.

use serde_json::Value;
use zoom_sim::{SimConfig, Simulator};

/// A fixed "now" (2025-06-15T00:00:00Z) so tests do not depend on the day they run.
pub(crate) fn fixed_now() -> jiff::Timestamp {
    jiff::Timestamp::from_second(1_749_945_600).unwrap()
}

/// Default config with `users` users and the fixed reference time.
pub(crate) fn config(users: usize) -> SimConfig {
    SimConfig {
        users,
        now: fixed_now(),
        ..SimConfig::default()
    }
}

/// A reqwest client for loopback: ring provider installed, no proxies.
pub(crate) fn client() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder().no_proxy().build().unwrap()
}

/// A running simulator plus a client and a valid access token.
pub(crate) struct Harness {
    pub(crate) sim: Simulator,
    pub(crate) client: reqwest::Client,
    pub(crate) token: String,
}

/// A response: status, content type, raw bytes and the parsed JSON.
#[derive(Debug)]
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) bytes: Vec<u8>,
    pub(crate) json: Value,
}

impl Reply {
    pub(crate) async fn from(response: reqwest::Response) -> Reply {
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default();
        let bytes = response.bytes().await.unwrap().to_vec();
        let json = serde_json::from_slice(&bytes).unwrap_or_else(|e| {
            panic!(
                "body is not JSON ({e}): {}",
                String::from_utf8_lossy(&bytes)
            )
        });
        assert_eq!(content_type, "application/json", "status {status}");
        Reply {
            status,
            bytes,
            json,
        }
    }

    /// Asserts a Zoom error with this HTTP status, code and message.
    #[track_caller]
    pub(crate) fn assert_error(&self, status: u16, code: u64, message: &str) {
        assert_eq!(
            (
                self.status,
                self.json["code"].as_u64(),
                self.json["message"].as_str()
            ),
            (status, Some(code), Some(message)),
            "{}",
            self.json
        );
        crate::schema::assert_zoom_error(&self.json);
    }
}

/// Requests a token with the default credentials, parameters in the query string.
pub(crate) async fn token(sim: &Simulator, client: &reqwest::Client) -> String {
    let config = sim.config();
    let response = client
        .post(format!("{}/oauth/token", sim.oauth_url()))
        .query(&[
            ("grant_type", "account_credentials"),
            ("account_id", config.account_id.as_str()),
        ])
        .basic_auth(&config.client_id, Some(&config.client_secret))
        .send()
        .await
        .unwrap();
    let reply = Reply::from(response).await;
    assert_eq!(reply.status, 200, "{}", reply.json);
    reply.json["access_token"].as_str().unwrap().to_owned()
}

pub(crate) async fn start(config: SimConfig) -> Harness {
    let sim = Simulator::start(config).await.unwrap();
    let client = client();
    let token = token(&sim, &client).await;
    Harness { sim, client, token }
}

impl Harness {
    /// `GET {api_url}/v2{path_and_query}` with the harness token.
    pub(crate) async fn get(&self, path_and_query: &str) -> Reply {
        self.get_with(path_and_query, Some(&self.token)).await
    }

    /// `GET` with an explicit token (or none).
    pub(crate) async fn get_with(&self, path_and_query: &str, token: Option<&str>) -> Reply {
        let mut request = self
            .client
            .get(format!("{}/v2{path_and_query}", self.sim.api_url()));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        Reply::from(request.send().await.unwrap()).await
    }

    /// Follows `next_page_token` from `first` (a path with query) to the end, returning every
    /// page's reply. `first` must already contain a `?`.
    pub(crate) async fn walk(&self, first: &str) -> Vec<Reply> {
        let mut pages = vec![self.get(first).await];
        loop {
            let last = pages.last().unwrap();
            assert_eq!(last.status, 200, "{}", last.json);
            let next = last.json["next_page_token"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            if next.is_empty() {
                return pages;
            }
            assert!(pages.len() < 10_000, "pagination does not end");
            pages.push(self.get(&format!("{first}&next_page_token={next}")).await);
        }
    }
}
