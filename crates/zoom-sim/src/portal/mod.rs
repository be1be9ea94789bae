//! The simulated web portal (`https://<account>.zoom.us` on real Zoom): what the dedicated portal
//! user ([`crate::SimPortalUser`]) sees after signing in with password and TOTP code.
//!
//! - `auth.rs`: the sign-in page (e-mail, password, a CSRF token), the 2FA page (a 6-digit TOTP
//!   code, RFC 6238, 30 s steps, one step of skew each way, each step accepted once per user),
//!   the session cookie, the lockout, sign-out.
//! - `pages.rs`: the pages behind the session. Each is a shell whose script fetches its JSON
//!   (`data.rs`) after a short random delay and only then fills the page and marks `<main>` as
//!   `data-state="ready"`, as Zoom's pages do, so a scraper has to wait for content.
//! - `data.rs`: the JSON endpoints under `/api/portal/`, built from the same [`crate::Account`]
//!   as the REST API.
//!
//! Not behind the `/v2` gate: no access token, scopes, rate limits or faults apply; every request
//! is still in the request log.
//!
//! Choices (documented in the crate's `SimConfig`):
//! - a session lives [`crate::SimConfig::portal_session_ttl`] (default 2 h, Zoom's web sign-in
//!   lasts hours) on the simulator's clock, so `Simulator::advance_clock` expires it; an expired
//!   or unknown session on a page answers `302` to `/signin`, on a JSON endpoint `401`;
//! - wrong passwords and wrong codes count per e-mail address; the
//!   [`crate::SimConfig::portal_max_failures`]th failure in a row (default 5) locks the address for
//!   [`crate::SimConfig::portal_lockout`] (default 30 min of the simulator's clock); a locked
//!   address is refused even with the right password; a full sign-in resets the count;
//! - TOTP codes are checked against real wall time (the client computes them from its clock), not
//!   the simulator's movable clock; a reused code does not count as a failure.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::PortalMarkup;
use crate::http::server::AppState;

mod auth;
mod data;
mod pages;

/// Name of the session cookie.
pub(crate) const SESSION_COOKIE: &str = "_zm_ssid";
/// Name of the cookie of a sign-in waiting for its 2FA code.
pub(crate) const MFA_COOKIE: &str = "_zm_mfa";
/// Name of the CSRF cookie of the sign-in form.
pub(crate) const CSRF_COOKIE: &str = "_zm_csrf";

/// The portal's server-side state.
#[derive(Debug, Default)]
pub(crate) struct PortalState {
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
pub(crate) struct Inner {
    /// Session token -> (user ID, expiry on the simulator's clock).
    pub(crate) sessions: HashMap<String, (String, Instant)>,
    /// Pending 2FA token -> (user ID, e-mail, expiry).
    pub(crate) pending: HashMap<String, (String, String, Instant)>,
    /// Lower-cased e-mail -> failures in a row, and the end of a lockout.
    pub(crate) failures: HashMap<String, (u32, Option<Instant>)>,
    /// (user ID, TOTP step) already accepted.
    pub(crate) used_steps: HashSet<(String, u64)>,
    /// Full sign-ins completed (for tests).
    pub(crate) sign_ins: usize,
    /// Page views left before every session ends (`Simulator::end_portal_sessions_after`).
    pub(crate) views_before_sign_out: Option<usize>,
}

impl PortalState {
    pub(crate) fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().expect("portal state is never poisoned")
    }
}

pub(crate) fn router() -> Router<Arc<AppState>> {
    let router = Router::new()
        .route("/", get(pages::root))
        .route("/signin", get(auth::signin_page).post(auth::signin))
        .route("/signin/otp", get(auth::otp_page).post(auth::otp))
        .route("/signout", get(auth::signout))
        .route("/idp/saml/sso", get(auth::identity_provider));
    let router = pages::PAGES.iter().fold(router, |router, page| {
        router.route(page.path, get(pages::page))
    });
    data::ENDPOINTS.iter().fold(router, |router, (path, _)| {
        router.route(path, get(data::endpoint))
    })
}

/// What markup B changes: (markup A, markup B), replaced in every HTML page and its script.
const MARKUP_B: &[(&str, &str)] = &[
    ("table('roles',", "table('role-list',"),
    ("'role-name'", "'role-title'"),
    ("id=\"signin-button\"", "id=\"login-submit\""),
    ("data-field", "data-key"),
];

/// Serves the pages in the configured [`crate::PortalMarkup`]: markup B is markup A with the
/// replacements of `MARKUP_B`.
pub(crate) async fn markup(
    State(state): State<Arc<AppState>>,
    request: Request,
    next: Next,
) -> Response {
    let response = next.run(request).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if state.config.portal_markup == PortalMarkup::A || !is_html {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let mut html = String::from_utf8_lossy(&bytes).into_owned();
    for (a, b) in MARKUP_B {
        html = html.replace(a, b);
    }
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(html))
}

/// The value of cookie `name` in the request's `Cookie` headers.
pub(crate) fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_owned())
}

/// A random token for cookies (not cryptographic: the simulator serves loopback tests).
pub(crate) fn token() -> String {
    let mut rng = fastrand::Rng::new();
    (0..32)
        .map(|_| char::from(b"abcdefghijklmnopqrstuvwxyz0123456789"[rng.usize(..36)]))
        .collect()
}

/// Escapes text for HTML element content and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Counts a page view against a pending sign-out of everybody: `true` if the sessions ended
/// before this view.
pub(crate) fn sign_out_due(state: &AppState) -> bool {
    let mut inner = state.portal.lock();
    match inner.views_before_sign_out {
        Some(0) => {
            inner.sessions.clear();
            inner.views_before_sign_out = None;
            true
        }
        Some(left) => {
            inner.views_before_sign_out = Some(left - 1);
            false
        }
        None => false,
    }
}

/// The user ID of the request's valid session, if any.
pub(crate) fn session_user(state: &AppState, headers: &HeaderMap) -> Option<String> {
    let token = cookie(headers, SESSION_COOKIE)?;
    let now = state.clock.now();
    let mut inner = state.portal.lock();
    match inner.sessions.get(&token) {
        Some((user_id, expires)) if *expires > now => Some(user_id.clone()),
        Some(_) => {
            inner.sessions.remove(&token);
            None
        }
        None => None,
    }
}
