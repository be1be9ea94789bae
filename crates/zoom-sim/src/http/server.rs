//! The HTTP server: shared state, the router, the request log, and the gate.
//!
//! Every request passes two middlewares, outermost first:
//! 1. `log_requests` records method, path, query, status and time of *every* request.
//! 2. `gate` is the single place every `/v2` request passes before its handler: access-token
//!    check (401 code 124) → endpoint lookup in the table (404 code 2300) → scope check
//!    (400 code 4711) → plan gate (400 code 200) → rate limit (429, `ratelimit.rs`) → faults
//!    (`faults.rs`) → handler. So token and scope errors come before any parameter validation,
//!    as on Zoom, and a request refused for its token, scope or plan does not count against the
//!    rate limits. One fault acts earlier: `revoke-token-after` counts requests at the gate's
//!    entry and revokes the tokens before the token check.
//!
//! # Rate-limit headers
//! With [`crate::SimConfig::rate_limits`] set, every `/v2` response of a request the limiter
//! admitted carries `X-RateLimit-Category` (`Light`, `Medium`, `Heavy`, `Resource-intensive`),
//! `X-RateLimit-Limit` and `X-RateLimit-Remaining`: the daily cap and what is left of it today
//! when a daily cap applies to the category (Free plan; Heavy and Resource-intensive on
//! Pro/Business), else the per-second (per-minute) limit and the tokens left in its bucket. A
//! refused request gets HTTP 429 with Zoom's body and `X-RateLimit-Category`,
//! `X-RateLimit-Type` (`QPS` or `Daily-limit`), `X-RateLimit-Limit`, `X-RateLimit-Remaining: 0`
//! and `Retry-After`: whole seconds until the bucket holds a token again for `QPS` (1 for every
//! per-second category; up to 60 / limit for Resource-intensive), the next 00:00 UTC of the
//! simulator's clock as `2026-11-30T00:00:00Z` for `Daily-limit`.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::post;

use crate::generate::account::Account;
use crate::controls::clock::Clock;
use crate::http::error::ZoomError;
use crate::controls::faults::{self, FaultKind, Faults, Outcome};
use crate::http::oauth::{self, TokenStore};
use crate::http::paging::PageStore;
use crate::controls::ratelimit::{Admitted, Limiter, RateCategory, RateLimitType, Refused};
use crate::controls::stats::SimStats;
use crate::SimConfig;
use crate::http::routes;

/// One served request, as recorded by the request log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedRequest {
    /// HTTP method, e.g. `GET`.
    pub method: String,
    /// Path without the query, e.g. `/v2/users`.
    pub path: String,
    /// The raw query string, if any.
    pub query: Option<String>,
    /// Response status code; `0` when a `reset` fault closed the connection without a response.
    pub status: u16,
    /// Wall-clock time the request arrived.
    pub at: jiff::Timestamp,
    /// Time spent producing the response (headers).
    pub duration: Duration,
    /// The rate-limit category of the endpoint, for `/v2` requests that reached the rate
    /// limiter (valid token, known endpoint, scope and plan accepted).
    pub category: Option<RateCategory>,
    /// Which limit refused the request with a 429, if one did.
    pub rate_limited: Option<RateLimitType>,
    /// The faults injected into the request (a `slow` delay may come with another fault).
    pub faults: Vec<FaultKind>,
}

/// State shared by every handler.
#[derive(Debug)]
pub(crate) struct AppState {
    pub(crate) config: SimConfig,
    /// The granted scopes, shared by every issued token.
    pub(crate) scopes: Arc<[String]>,
    /// The account, replaced whole by [`crate::Simulator::edit`]: a request sees one version.
    account: std::sync::RwLock<Arc<Account>>,
    pub(crate) base_url: String,
    pub(crate) clock: Clock,
    pub(crate) tokens: TokenStore,
    pub(crate) pages: PageStore,
    limiter: Option<Limiter>,
    faults: Faults,
    stats: Mutex<SimStats>,
    log: Mutex<Vec<LoggedRequest>>,
    /// Meetings the dashboard still lists but whose participants Zoom no longer serves.
    pub(crate) meetings_without_participants: Mutex<std::collections::HashSet<String>>,
    /// The web portal's sessions, pending sign-ins and lockouts.
    pub(crate) portal: crate::portal::PortalState,
}

impl AppState {
    /// The current version of the account.
    pub(crate) fn account(&self) -> Arc<Account> {
        Arc::clone(
            &self
                .account
                .read()
                .expect("never poisoned: no panics while held"),
        )
    }

    /// Edits a copy of the account, then replaces the account with it; edits never interleave.
    pub(crate) fn edit_account<R>(&self, change: impl FnOnce(&mut Account) -> R) -> R {
        let mut current = self
            .account
            .write()
            .expect("never poisoned: edits run outside");
        let mut account = Account::clone(&current);
        // A panicking edit must not poison the lock for the server's handlers.
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let result = change(&mut account);
            account.reindex();
            result
        }));
        match result {
            Ok(result) => {
                *current = Arc::new(account);
                result
            }
            Err(panic) => {
                drop(current);
                std::panic::resume_unwind(panic)
            }
        }
    }

    pub(crate) fn new(config: SimConfig, account: Arc<Account>, base_url: String) -> Self {
        AppState {
            scopes: config.scopes.clone().into(),
            pages: PageStore::new(config.page_token_ttl, config.seed),
            limiter: config.rate_limits.clone().map(Limiter::new),
            faults: Faults::new(config.faults.clone()),
            config,
            account: std::sync::RwLock::new(account),
            base_url,
            clock: Clock::default(),
            tokens: TokenStore::new(),
            stats: Mutex::new(SimStats::default()),
            log: Mutex::new(Vec::new()),
            meetings_without_participants: Mutex::new(std::collections::HashSet::new()),
            portal: crate::portal::PortalState::default(),
        }
    }

    /// The simulator's current time ([`crate::Simulator::now`]).
    pub(crate) fn now(&self) -> jiff::Timestamp {
        self.clock.wall(self.config.now)
    }

    fn stats_mut(&self) -> MutexGuard<'_, SimStats> {
        self.stats.lock().expect("stats lock poisoned")
    }

    pub(crate) fn stats(&self) -> SimStats {
        self.stats_mut().clone()
    }

    pub(crate) fn clear_stats(&self) {
        *self.stats_mut() = SimStats::default();
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
        .merge(crate::portal::router())
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
    let mut response = next.run(request).await;
    let note = response
        .extensions_mut()
        .remove::<GateNote>()
        .unwrap_or_default();
    let status = if note.faults.contains(&FaultKind::Reset) {
        0
    } else {
        response.status().as_u16()
    };
    let entry = LoggedRequest {
        method,
        path,
        query,
        status,
        at,
        duration: started.elapsed(),
        category: note.category,
        rate_limited: note.rate_limited,
        faults: note.faults,
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

/// What the gate did to a request, passed to the request log in the response's extensions.
#[derive(Debug, Clone, Default)]
struct GateNote {
    category: Option<RateCategory>,
    rate_limited: Option<RateLimitType>,
    faults: Vec<FaultKind>,
}

impl GateNote {
    fn attach(self, mut response: Response) -> Response {
        response.extensions_mut().insert(self);
        response
    }
}

async fn gate(State(state): State<Arc<AppState>>, mut request: Request, next: Next) -> Response {
    let path = request.uri().path();
    if path != "/v2" && !path.starts_with("/v2/") {
        return next.run(request).await;
    }
    let mut note = GateNote::default();
    if state.faults.revoke_now() {
        state.tokens.revoke_all();
        note.faults.push(FaultKind::TokensRevoked);
        state.stats_mut().count_fault(FaultKind::TokensRevoked);
    }
    let scopes = match state
        .tokens
        .check(bearer(request.headers()), state.clock.now())
    {
        Ok(scopes) => scopes,
        Err(error) => return note.attach(error.into_response()),
    };
    let endpoint = request
        .extensions()
        .get::<MatchedPath>()
        .and_then(|matched| routes::endpoint(request.method(), matched.as_str()));
    let Some(endpoint) = endpoint else {
        return note.attach(ZoomError::endpoint_not_recognized().into_response());
    };
    if !endpoint.accepts(&scopes) {
        return note.attach(ZoomError::missing_scopes(endpoint.granular_scopes).into_response());
    }
    if state.account().plan < endpoint.min_plan {
        return note.attach((endpoint.plan_error)().into_response());
    }

    // Rate limit.
    let category = endpoint.rate_label;
    note.category = Some(category);
    state.stats_mut().count_request(category);
    let admitted = match &state.limiter {
        None => None,
        Some(limiter) => match limiter.check(category, tokio::time::Instant::now(), state.now()) {
            Ok(admitted) => Some(admitted),
            Err(refused) => {
                let kind = match refused {
                    Refused::Qps { .. } => RateLimitType::Qps,
                    Refused::Daily { .. } => RateLimitType::Daily,
                };
                note.rate_limited = Some(kind);
                state.stats_mut().count_throttle(category, kind);
                return note.attach(too_many_requests(&refused));
            }
        },
    };

    // Faults.
    let decision = state.faults.decide(
        request.method().as_str(),
        request.uri().path(),
        request.uri().query(),
    );
    if let Some(delay) = decision.delay {
        note.faults.push(FaultKind::Slow(delay));
        state.stats_mut().count_fault(FaultKind::Slow(delay));
        tokio::time::sleep(delay).await;
    }
    let fault = match decision.outcome {
        Outcome::Normal => None,
        Outcome::ServerError(status) => Some(FaultKind::ServerError(status)),
        Outcome::Reset => Some(FaultKind::Reset),
        Outcome::Truncate => Some(FaultKind::Truncated),
        Outcome::ExpiredPageToken => Some(FaultKind::ExpiredPageToken),
    };
    if let Some(fault) = fault {
        note.faults.push(fault);
        state.stats_mut().count_fault(fault);
    }
    request.extensions_mut().insert(endpoint);
    let mut response = match decision.outcome {
        Outcome::Normal => next.run(request).await,
        Outcome::ServerError(status) => faults::server_error(status),
        Outcome::Reset => faults::reset(),
        Outcome::Truncate => faults::truncate(next.run(request).await).await,
        Outcome::ExpiredPageToken => ZoomError::invalid_page_token().into_response(),
    };
    // A gateway's HTML page and a reset connection carry no Zoom headers.
    let from_zoom = !matches!(
        decision.outcome,
        Outcome::Reset | Outcome::ServerError(502 | 504)
    );
    if let Some(admitted) = admitted
        && from_zoom
    {
        rate_headers(&mut response, &admitted);
    }
    note.attach(response)
}

const CATEGORY: HeaderName = HeaderName::from_static("x-ratelimit-category");
const TYPE: HeaderName = HeaderName::from_static("x-ratelimit-type");
const LIMIT: HeaderName = HeaderName::from_static("x-ratelimit-limit");
const REMAINING: HeaderName = HeaderName::from_static("x-ratelimit-remaining");

fn rate_headers(response: &mut Response, admitted: &Admitted) {
    let headers = response.headers_mut();
    headers.insert(
        CATEGORY,
        HeaderValue::from_static(admitted.category.as_str()),
    );
    headers.insert(LIMIT, HeaderValue::from(admitted.limit));
    headers.insert(REMAINING, HeaderValue::from(admitted.remaining));
}

/// HTTP 429 with Zoom's body and headers (NOTES.md §3.4).
fn too_many_requests(refused: &Refused) -> Response {
    let (category, kind, limit, retry_after, message) = match refused {
        Refused::Qps {
            category,
            limit,
            retry_after,
        } => (
            *category,
            RateLimitType::Qps,
            *limit,
            retry_after.to_string(),
            "You have reached the maximum per-second rate limit for this API. Try again later.",
        ),
        Refused::Daily {
            category,
            limit,
            reset,
        } => (
            *category,
            RateLimitType::Daily,
            *limit,
            routes::zoom_time(*reset),
            "You have reached the maximum daily rate limit for this API. Refer to the response \
             header for details on when you can make another request.",
        ),
    };
    let mut response = ZoomError::new(StatusCode::TOO_MANY_REQUESTS, 429, message).into_response();
    let headers = response.headers_mut();
    headers.insert(CATEGORY, HeaderValue::from_static(category.as_str()));
    headers.insert(TYPE, HeaderValue::from_static(kind.as_str()));
    headers.insert(LIMIT, HeaderValue::from(limit));
    headers.insert(REMAINING, HeaderValue::from(0u64));
    if let Ok(value) = HeaderValue::from_str(&retry_after) {
        headers.insert(header::RETRY_AFTER, value);
    }
    response
}
