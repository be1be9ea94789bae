//! The Server-to-Server OAuth token endpoint (`POST /oauth/token`, grant `account_credentials`)
//! and the store of issued access tokens.
//!
//! Parameters are accepted in the query string or in an `application/x-www-form-urlencoded`
//! body (Zoom's own examples show both; the body wins when both are present). The client
//! authenticates with HTTP Basic `base64(client_id:client_secret)`. Errors use the token
//! endpoint's `{"reason": .., "error": ..}` shape (NOTES.md §1.2), all with HTTP 400.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Form, Json};
use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use serde::Serialize;

use crate::http::error::ZoomError;
use crate::http::routes::Params;
use crate::http::server::AppState;

/// Tokens kept before expired ones are swept.
const SWEEP_THRESHOLD: usize = 10_000;

#[derive(Debug)]
pub(crate) struct TokenStore {
    inner: Mutex<Inner>,
}

#[derive(Debug)]
struct Inner {
    tokens: HashMap<String, Issued>,
    issued: usize,
    rng: fastrand::Rng,
}

#[derive(Debug)]
struct Issued {
    scopes: Arc<[String]>,
    /// `None`: the TTL is too large to represent, so the token never expires.
    expires_at: Option<Instant>,
}

impl TokenStore {
    pub(crate) fn new() -> Self {
        TokenStore {
            inner: Mutex::new(Inner {
                tokens: HashMap::new(),
                issued: 0,
                rng: fastrand::Rng::new(),
            }),
        }
    }

    /// A new random opaque token carrying `scopes`, valid for `ttl` from `now`. Earlier tokens stay
    /// valid ("You can generate and use multiple access tokens").
    pub(crate) fn issue(&self, scopes: Arc<[String]>, ttl: Duration, now: Instant) -> String {
        let mut inner = self.inner.lock().expect("token store lock poisoned");
        if inner.tokens.len() >= SWEEP_THRESHOLD {
            inner
                .tokens
                .retain(|_, t| t.expires_at.is_none_or(|at| at > now));
        }
        let bytes: Vec<u8> = (0..48).map(|_| inner.rng.u8(..)).collect();
        let token = URL_SAFE_NO_PAD.encode(bytes);
        inner.tokens.insert(
            token.clone(),
            Issued {
                scopes,
                expires_at: now.checked_add(ttl),
            },
        );
        inner.issued += 1;
        token
    }

    /// The scopes of a valid token; 401 code 124 for a missing, unknown, revoked or expired one.
    pub(crate) fn check(
        &self,
        token: Option<&str>,
        now: Instant,
    ) -> Result<Arc<[String]>, ZoomError> {
        let token = token.ok_or_else(ZoomError::invalid_token)?;
        let inner = self.inner.lock().expect("token store lock poisoned");
        let issued = inner
            .tokens
            .get(token)
            .ok_or_else(ZoomError::invalid_token)?;
        if issued.expires_at.is_some_and(|at| now >= at) {
            return Err(ZoomError::expired_token());
        }
        Ok(Arc::clone(&issued.scopes))
    }

    pub(crate) fn revoke_all(&self) {
        self.inner
            .lock()
            .expect("token store lock poisoned")
            .tokens
            .clear();
    }

    pub(crate) fn issued(&self) -> usize {
        self.inner.lock().expect("token store lock poisoned").issued
    }
}

/// The token endpoint's error body.
#[derive(Debug, Serialize)]
struct OAuthError {
    reason: &'static str,
    error: &'static str,
}

impl IntoResponse for OAuthError {
    fn into_response(self) -> Response {
        (StatusCode::BAD_REQUEST, Json(self)).into_response()
    }
}

#[derive(Debug, Serialize)]
struct TokenResponse<'a> {
    access_token: String,
    token_type: &'static str,
    expires_in: u64,
    scope: String,
    api_url: &'a str,
}

/// `client_id` and `client_secret` from `Authorization: Basic ...`.
fn basic_credentials(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, encoded) = value.trim().split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = String::from_utf8(STANDARD.decode(encoded.trim()).ok()?).ok()?;
    let (id, secret) = decoded.split_once(':')?;
    (!id.is_empty() && !secret.is_empty()).then(|| (id.to_owned(), secret.to_owned()))
}

/// `POST /oauth/token`.
pub(crate) async fn token(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    query: Params,
    body: Result<Form<Vec<(String, String)>>, axum::extract::rejection::FormRejection>,
) -> Response {
    let body = body.map(|Form(pairs)| pairs).unwrap_or_default();
    let param = |key: &str| -> Option<String> {
        body.iter()
            .rev()
            .find(|(k, v)| k == key && !v.is_empty())
            .map(|(_, v)| v.clone())
            .or_else(|| query.get(key).map(str::to_owned))
    };

    let Some((client_id, client_secret)) = basic_credentials(&headers) else {
        return OAuthError {
            reason: "Client ID or client secret is missing",
            error: "invalid_request",
        }
        .into_response();
    };
    let config = &state.config;
    if client_id != config.client_id || client_secret != config.client_secret {
        return OAuthError {
            reason: "Invalid client_id or client_secret",
            error: "invalid_client",
        }
        .into_response();
    }
    if param("grant_type").as_deref() != Some("account_credentials") {
        return OAuthError {
            reason: "Unsupported grant type",
            error: "unsupported_grant_type",
        }
        .into_response();
    }
    if param("account_id").as_deref() != Some(config.account_id.as_str()) {
        return OAuthError {
            reason: "Account does not exist",
            error: "invalid_request",
        }
        .into_response();
    }

    let access_token = state.tokens.issue(
        Arc::clone(&state.scopes),
        config.token_ttl,
        state.clock.now(),
    );
    let body = TokenResponse {
        access_token,
        token_type: "bearer",
        expires_in: config.token_ttl.as_secs(),
        scope: config.scopes.join(" "),
        api_url: &state.base_url,
    };
    let mut response = Json(body).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
