//! The HTTP server: the state every handler shares, the router, and the request log.
//!
//! Every request passes two middlewares, outermost first:
//! 1. `log_requests` records method, path, query, status and time of *every* request.
//! 2. `gate::gate`, the single place every `/v2` request passes before its handler (token,
//!    scope, plan, rate limit, faults; see `gate.rs`).

use std::collections::HashSet;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{Request, State};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::post;

use super::error::ZoomError;
use super::gate::{GateNote, gate};
use super::oauth::{self, TokenStore};
use super::paging::PageStore;
use super::routes;
use crate::SimConfig;
use crate::controls::clock::Clock;
use crate::controls::edits::LiveAccount;
use crate::controls::faults::{FaultKind, Faults};
use crate::controls::ratelimit::{Limiter, RateCategory, RateLimitType};
use crate::controls::stats::SimStats;
use crate::generate::account::Account;

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
    account: LiveAccount,
    pub(crate) base_url: String,
    pub(crate) clock: Clock,
    pub(crate) tokens: TokenStore,
    pub(crate) pages: PageStore,
    pub(super) limiter: Option<Limiter>,
    pub(super) faults: Faults,
    stats: Mutex<SimStats>,
    log: Mutex<Vec<LoggedRequest>>,
    /// Meetings the dashboard still lists but whose participants Zoom no longer serves.
    pub(crate) meetings_without_participants: Mutex<HashSet<String>>,
    /// The web portal's sessions, pending sign-ins and lockouts.
    pub(crate) portal: crate::portal::PortalState,
}

impl AppState {
    /// The current version of the account.
    pub(crate) fn account(&self) -> Arc<Account> {
        self.account.current()
    }

    /// Edits a copy of the account, then replaces the account with it ([`LiveAccount::edit`]).
    pub(crate) fn edit_account<R>(&self, change: impl FnOnce(&mut Account) -> R) -> R {
        self.account.edit(change)
    }

    pub(crate) fn new(config: SimConfig, account: Arc<Account>, base_url: String) -> Self {
        AppState {
            scopes: config.scopes.clone().into(),
            pages: PageStore::new(config.page_token_ttl, config.seed),
            limiter: config.rate_limits.clone().map(Limiter::new),
            faults: Faults::new(config.faults.clone()),
            config,
            account: LiveAccount::new(account),
            base_url,
            clock: Clock::default(),
            tokens: TokenStore::new(),
            stats: Mutex::new(SimStats::default()),
            log: Mutex::new(Vec::new()),
            meetings_without_participants: Mutex::new(HashSet::new()),
            portal: crate::portal::PortalState::default(),
        }
    }

    /// The simulator's current time ([`crate::Simulator::now`]).
    pub(crate) fn now(&self) -> jiff::Timestamp {
        self.clock.wall(self.config.now)
    }

    pub(super) fn stats_mut(&self) -> MutexGuard<'_, SimStats> {
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
        .merge(
            crate::portal::router().layer(middleware::from_fn_with_state(
                Arc::clone(&state),
                crate::portal::markup,
            )),
        )
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
