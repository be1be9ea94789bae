//! The HTTP server: shared state, the router, the request log, and the gate.
//!
//! Every request passes two middlewares, outermost first:
//! 1. `log_requests` records method, path, query, status and time of *every* request.
//! 2. `gate` is the single place every `/v2` request passes before its handler: access-token
//!    check (401 code 124) → endpoint lookup in the table (404 code 2300) → scope check
//!    (400 code 4711) → plan gate (400 code 200) → (later: rate limit, faults) → handler.
//!    So token and scope errors come before any parameter validation, as on Zoom.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::post;

use crate::account::Account;
use crate::clock::Clock;
use crate::error::ZoomError;
use crate::oauth::{self, TokenStore};
use crate::paging::PageStore;
use crate::{SimConfig, routes};

/// One served request, as recorded by the request log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedRequest {
    /// HTTP method, e.g. `GET`.
    pub method: String,
    /// Path without the query, e.g. `/v2/users`.
    pub path: String,
    /// The raw query string, if any.
    pub query: Option<String>,
    /// Response status code.
    pub status: u16,
    /// Wall-clock time the request arrived.
    pub at: jiff::Timestamp,
    /// Time spent producing the response (headers).
    pub duration: Duration,
}

/// State shared by every handler.
#[derive(Debug)]
pub(crate) struct AppState {
    pub(crate) config: SimConfig,
    /// The granted scopes, shared by every issued token.
    pub(crate) scopes: Arc<[String]>,
    pub(crate) account: Arc<Account>,
    pub(crate) base_url: String,
    pub(crate) clock: Clock,
    pub(crate) tokens: TokenStore,
    pub(crate) pages: PageStore,
    log: Mutex<Vec<LoggedRequest>>,
}

impl AppState {
    pub(crate) fn new(config: SimConfig, account: Arc<Account>, base_url: String) -> Self {
        AppState {
            scopes: config.scopes.clone().into(),
            pages: PageStore::new(config.page_token_ttl, config.seed),
            config,
            account,
            base_url,
            clock: Clock::default(),
            tokens: TokenStore::new(),
            log: Mutex::new(Vec::new()),
        }
    }

    pub(crate) fn requests(&self) -> Vec<LoggedRequest> {
        self.log.lock().expect("request log lock poisoned").clone()
    }

    pub(crate) fn clear_requests(&self) {
        self.log.lock().expect("request log lock poisoned").clear();
    }
}

pub(crate) fn router(state: Arc<AppState>) -> Router {
    routes::router()
        .route("/oauth/token", post(oauth::token))
        .fallback(not_recognized)
        .method_not_allowed_fallback(not_recognized)
        .layer(middleware::from_fn_with_state(Arc::clone(&state), gate))
        .layer(middleware::from_fn_with_state(
            Arc::clone(&state),
            log_requests,
        ))
        .with_state(state)
}

async fn not_recognized() -> ZoomError {
    ZoomError::endpoint_not_recognized()
}

async fn log_requests(
    State(state): State<Arc<AppState>>,
    request: Request,
    next: Next,
) -> Response {
    let at = jiff::Timestamp::now();
    let started = Instant::now();
    let method = request.method().to_string();
    let path = request.uri().path().to_owned();
    let query = request.uri().query().map(str::to_owned);
    let response = next.run(request).await;
    let entry = LoggedRequest {
        method,
        path,
        query,
        status: response.status().as_u16(),
        at,
        duration: started.elapsed(),
    };
    state
        .log
        .lock()
        .expect("request log lock poisoned")
        .push(entry);
    response
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim())
        .filter(|t| !t.is_empty())
}

async fn gate(State(state): State<Arc<AppState>>, mut request: Request, next: Next) -> Response {
    let path = request.uri().path();
    if path != "/v2" && !path.starts_with("/v2/") {
        return next.run(request).await;
    }
    let scopes = match state
        .tokens
        .check(bearer(request.headers()), state.clock.now())
    {
        Ok(scopes) => scopes,
        Err(error) => return error.into_response(),
    };
    let endpoint = request
        .extensions()
        .get::<MatchedPath>()
        .and_then(|matched| routes::endpoint(request.method(), matched.as_str()));
    let Some(endpoint) = endpoint else {
        return ZoomError::endpoint_not_recognized().into_response();
    };
    if !endpoint.accepts(&scopes) {
        return ZoomError::missing_scopes(endpoint.granular_scopes).into_response();
    }
    if state.account.plan < endpoint.min_plan {
        return (endpoint.plan_error)().into_response();
    }
    request.extensions_mut().insert(endpoint);
    next.run(request).await
}
