//! A tiny Zoom test double (axum on 127.0.0.1:0): a token endpoint that issues numbered tokens
//! and an API handler supplied by each test. Not the simulator: it knows only what a test tells
//! it.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::Response;
use zoom_api::{ClientConfig, SecretString, Url};

pub(crate) const ACCOUNT_ID: &str = "test-account";
pub(crate) const CLIENT_ID: &str = "test-client-id";
/// The client secret: no output of the crate may contain it.
pub(crate) const SECRET: &str = "s3cr3t-DO-NOT-LEAK";
/// `Basic base64("test-client-id:s3cr3t-DO-NOT-LEAK")`, also never to be printed.
pub(crate) const BASIC: &str = "Basic dGVzdC1jbGllbnQtaWQ6czNjcjN0LURPLU5PVC1MRUFL";
/// Every access token the double issues starts with this (then the generation, from 1).
pub(crate) const TOKEN_PREFIX: &str = "at-SECRET-";

/// A request the API handler saw.
#[derive(Clone, Debug)]
pub(crate) struct Seen {
    /// Path as sent (still percent-encoded).
    pub(crate) path: String,
    pub(crate) query: HashMap<String, String>,
    /// Generation of the bearer token, if it was one the double issued.
    pub(crate) token: Option<usize>,
    pub(crate) headers: HeaderMap,
}

/// A token request the double saw.
#[derive(Clone, Debug)]
pub(crate) struct TokenSeen {
    pub(crate) headers: HeaderMap,
    pub(crate) query: Option<String>,
    pub(crate) body: String,
}

/// What the API handler answers.
pub(crate) struct Reply {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: String,
}

impl Reply {
    #[allow(
        clippy::needless_pass_by_value,
        reason = "call sites pass json! literals"
    )]
    pub(crate) fn json(status: u16, body: serde_json::Value) -> Reply {
        Reply {
            status,
            headers: vec![("content-type", "application/json".to_owned())],
            body: body.to_string(),
        }
    }

    pub(crate) fn raw(status: u16, body: &str) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
            body: body.to_owned(),
        }
    }

    pub(crate) fn header(mut self, name: &'static str, value: &str) -> Reply {
        self.headers.push((name, value.to_owned()));
        self
    }

    fn into_response(self) -> Response {
        let mut b = Response::builder().status(StatusCode::from_u16(self.status).unwrap());
        for (k, v) in self.headers {
            b = b.header(k, v);
        }
        b.body(Body::from(self.body)).unwrap()
    }
}

type ApiFn = dyn Fn(&Seen) -> Reply + Send + Sync;

pub(crate) struct State {
    pub(crate) token_requests: AtomicUsize,
    pub(crate) api_requests: AtomicUsize,
    pub(crate) token_log: Mutex<Vec<TokenSeen>>,
    pub(crate) api_log: Mutex<Vec<Seen>>,
    /// `expires_in` of the tokens to issue, in order; the last one repeats.
    expires_in: Mutex<VecDeque<u64>>,
    scope: String,
    token_delay: Duration,
    token_reply: Option<(u16, serde_json::Value)>,
    api: Box<ApiFn>,
}

impl State {
    pub(crate) fn tokens(&self) -> usize {
        self.token_requests.load(Ordering::SeqCst)
    }

    pub(crate) fn api_calls(&self) -> usize {
        self.api_requests.load(Ordering::SeqCst)
    }

    pub(crate) fn seen(&self) -> Vec<Seen> {
        self.api_log.lock().unwrap().clone()
    }
}

/// A running double.
pub(crate) struct Fake {
    pub(crate) url: Url,
    pub(crate) state: Arc<State>,
}

impl Fake {
    /// A client config pointing both URLs at this double.
    pub(crate) fn config(&self) -> ClientConfig {
        config_for(&self.url, &self.url)
    }

    pub(crate) fn client(&self) -> zoom_api::Client {
        zoom_api::Client::new(self.config()).expect("client builds")
    }

    /// A client with `adjust` applied to [`Fake::config`].
    pub(crate) fn client_with(&self, adjust: impl FnOnce(&mut ClientConfig)) -> zoom_api::Client {
        let mut config = self.config();
        adjust(&mut config);
        zoom_api::Client::new(config).expect("client builds")
    }
}

/// Builder for a [`Fake`].
pub(crate) struct FakeBuilder {
    expires_in: Vec<u64>,
    scope: String,
    token_delay: Duration,
    token_reply: Option<(u16, serde_json::Value)>,
}

pub(crate) fn fake() -> FakeBuilder {
    FakeBuilder {
        expires_in: vec![3600],
        scope: "user:read:list_users:admin user:read:user:admin".to_owned(),
        token_delay: Duration::ZERO,
        token_reply: None,
    }
}

impl FakeBuilder {
    pub(crate) fn expires_in(mut self, seq: &[u64]) -> Self {
        self.expires_in = seq.to_vec();
        self
    }

    pub(crate) fn scope(mut self, scope: &str) -> Self {
        self.scope = scope.to_owned();
        self
    }

    /// Makes the token endpoint slow, widening the window in which concurrent first requests
    /// could each start a token request if the client did not share one.
    pub(crate) fn token_delay(mut self, d: Duration) -> Self {
        self.token_delay = d;
        self
    }

    /// Makes the token endpoint answer this instead of a token.
    pub(crate) fn token_error(mut self, status: u16, body: serde_json::Value) -> Self {
        self.token_reply = Some((status, body));
        self
    }

    pub(crate) async fn api(self, f: impl Fn(&Seen) -> Reply + Send + Sync + 'static) -> Fake {
        let state = Arc::new(State {
            token_requests: AtomicUsize::new(0),
            api_requests: AtomicUsize::new(0),
            token_log: Mutex::new(Vec::new()),
            api_log: Mutex::new(Vec::new()),
            expires_in: Mutex::new(self.expires_in.into()),
            scope: self.scope,
            token_delay: self.token_delay,
            token_reply: self.token_reply,
            api: Box::new(f),
        });
        let s = Arc::clone(&state);
        let router = Router::new().fallback(
            move |method: Method, uri: Uri, headers: HeaderMap, body: String| {
                let s = Arc::clone(&s);
                async move { handle(&s, method, uri, headers, body).await }
            },
        );
        let url = serve(router).await;
        Fake { url, state }
    }
}

async fn handle(s: &State, method: Method, uri: Uri, headers: HeaderMap, body: String) -> Response {
    if method == Method::POST && uri.path() == "/oauth/token" {
        let n = s.token_requests.fetch_add(1, Ordering::SeqCst) + 1;
        s.token_log.lock().unwrap().push(TokenSeen {
            headers,
            query: uri.query().map(str::to_owned),
            body,
        });
        if !s.token_delay.is_zero() {
            tokio::time::sleep(s.token_delay).await;
        }
        if let Some((status, body)) = &s.token_reply {
            return Reply::json(*status, body.clone()).into_response();
        }
        let expires_in = {
            let mut q = s.expires_in.lock().unwrap();
            if q.len() > 1 {
                q.pop_front().unwrap()
            } else {
                *q.front().unwrap()
            }
        };
        return Reply::json(
            200,
            serde_json::json!({
                "access_token": format!("{TOKEN_PREFIX}{n}"),
                "token_type": "bearer",
                "expires_in": expires_in,
                "scope": s.scope,
                "api_url": "https://api-us.zoom.us",
            }),
        )
        .into_response();
    }
    s.api_requests.fetch_add(1, Ordering::SeqCst);
    let query = uri
        .query()
        .map(|q| {
            q.split('&')
                .filter_map(|kv| kv.split_once('='))
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect()
        })
        .unwrap_or_default();
    let token = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .and_then(|t| t.strip_prefix(TOKEN_PREFIX))
        .and_then(|n| n.parse().ok());
    let seen = Seen {
        path: uri.path().to_owned(),
        query,
        token,
        headers,
    };
    s.api_log.lock().unwrap().push(seen.clone());
    (s.api)(&seen).into_response()
}

/// Serves `router` on 127.0.0.1:0 for the rest of the test.
pub(crate) async fn serve(router: Router) -> Url {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(listener, router).await.unwrap();
    });
    Url::parse(&format!("http://{addr}")).unwrap()
}

/// A URL on which nothing listens (bound, then closed).
pub(crate) async fn dead_url() -> Url {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    Url::parse(&format!("http://{addr}")).unwrap()
}

/// A config for the double: both URLs, and retry backoffs of at most 10 ms so that tests of
/// failures stay fast (the policy is the default one otherwise: 4 retries, pacing on).
pub(crate) fn config_for(api: &Url, oauth: &Url) -> ClientConfig {
    let mut c = ClientConfig::new(ACCOUNT_ID, CLIENT_ID, SecretString::from(SECRET));
    c.api_url = api.clone();
    c.oauth_url = oauth.clone();
    c.retry_base_delay = Duration::from_millis(2);
    c.retry_max_delay = Duration::from_millis(10);
    c
}

/// A user as `GET /users/{userId}` returns it.
pub(crate) fn user_json(id: &str) -> serde_json::Value {
    serde_json::json!({ "id": id, "email": format!("{id}@example.com"), "type": 1, "status": "active" })
}

/// Zoom's answer to a rejected token.
pub(crate) fn invalid_token() -> Reply {
    Reply::json(
        401,
        serde_json::json!({ "code": 124, "message": "Invalid access token." }),
    )
}

/// Asserts no secret (client secret, its Basic header, an issued token) is in `text`.
pub(crate) fn assert_no_secret(text: &str) {
    assert!(!text.contains(SECRET), "client secret leaked: {text}");
    assert!(
        !text.contains(&BASIC[6..]),
        "basic credentials leaked: {text}"
    );
    assert!(!text.contains(TOKEN_PREFIX), "access token leaked: {text}");
}

/// What a [`serve_raw`] server does with one request.
pub(crate) enum Raw {
    /// Closes the connection with a TCP reset before answering.
    Reset,
    /// Writes these bytes as they are, then closes the connection.
    Send(Vec<u8>),
}

impl Raw {
    /// A complete `200` answer with this JSON body.
    pub(crate) fn ok_json(body: &serde_json::Value) -> Raw {
        let body = body.to_string();
        Raw::Send(
            format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            )
            .into_bytes(),
        )
    }
}

/// A bare HTTP/1.1 server for what axum will not do (reset connections, cut bodies): `f` gets
/// the request's number (from 0) and its head, one request per connection.
pub(crate) async fn serve_raw(f: impl Fn(usize, &str) -> Raw + Send + Sync + 'static) -> Url {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let f = Arc::new(f);
    let count = Arc::new(AtomicUsize::new(0));
    tokio::spawn(async move {
        loop {
            let Ok((mut stream, _)) = listener.accept().await else {
                return;
            };
            let f = Arc::clone(&f);
            let count = Arc::clone(&count);
            tokio::spawn(async move {
                let mut head = Vec::new();
                let mut buf = [0u8; 1024];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match stream.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => head.extend_from_slice(&buf[..n]),
                    }
                }
                let n = count.fetch_add(1, Ordering::SeqCst);
                match f(n, &String::from_utf8_lossy(&head)) {
                    Raw::Reset => {
                        stream.set_zero_linger().unwrap();
                        drop(stream);
                    }
                    Raw::Send(bytes) => {
                        let _ = stream.write_all(&bytes).await;
                        let _ = stream.shutdown().await;
                    }
                }
            });
        }
    });
    Url::parse(&format!("http://{addr}")).unwrap()
}
