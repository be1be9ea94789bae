//! The gate: the single place every `/v2` request passes before its handler.
//!
//! Access-token check (401 code 124) → endpoint lookup in the table (404 code 2300) → scope check
//! (400 code 4711) → plan gate (400 code 200) → rate limit (429, `controls/ratelimit.rs`) →
//! faults (`controls/faults.rs`) → handler. So token and scope errors come before any parameter
//! validation, as on Zoom, and a request refused for its token, scope or plan does not count
//! against the rate limits. One fault acts earlier: `revoke-token-after` counts requests at the
//! gate's entry and revokes the tokens before the token check. The controls decide; this file
//! turns their decisions into responses (429s with Zoom's headers, 5xx bodies and gateway pages,
//! reset connections, cut bodies).
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

use std::io;
use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt as _;
use futures_util::stream;

use super::error::ZoomError;
use super::routes;
use super::server::AppState;
use crate::controls::faults::{FaultKind, Outcome};
use crate::controls::ratelimit::{Admitted, RateCategory, RateLimitType, Refused};

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
pub(super) struct GateNote {
    pub(super) category: Option<RateCategory>,
    pub(super) rate_limited: Option<RateLimitType>,
    pub(super) faults: Vec<FaultKind>,
}

impl GateNote {
    fn attach(self, mut response: Response) -> Response {
        response.extensions_mut().insert(self);
        response
    }
}

pub(super) async fn gate(
    State(state): State<Arc<AppState>>,
    mut request: Request,
    next: Next,
) -> Response {
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
        Outcome::ServerError(status) => server_error(status),
        Outcome::Reset => reset(),
        Outcome::Truncate => truncate(next.run(request).await).await,
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

/// The response of an injected 5xx.
fn server_error(status: u16) -> Response {
    match status {
        502 => gateway_page(StatusCode::BAD_GATEWAY, "502 Bad Gateway"),
        504 => gateway_page(StatusCode::GATEWAY_TIMEOUT, "504 Gateway Time-out"),
        503 => ZoomError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            503,
            "Service Unavailable. Please try again later.",
        )
        .into_response(),
        _ => ZoomError::new(StatusCode::INTERNAL_SERVER_ERROR, 500, "Internal Error.")
            .into_response(),
    }
}

fn gateway_page(status: StatusCode, title: &str) -> Response {
    let page = format!(
        "<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}</h1></center>\r\n</body>\r\n</html>\r\n"
    );
    (
        status,
        [(header::CONTENT_TYPE, HeaderValue::from_static("text/html"))],
        page,
    )
        .into_response()
}

/// A response whose body fails before its first byte: hyper drops the connection without
/// flushing the head, so the client sees the connection closed with no response.
fn reset() -> Response {
    let body = stream::once(async {
        Err::<Bytes, io::Error>(io::Error::new(
            io::ErrorKind::ConnectionReset,
            "zoom-sim fault: connection reset",
        ))
    });
    Response::new(Body::from_stream(body))
}

/// `response` with only the first half of its body sent, then the connection dropped. The head
/// keeps the full `Content-Length`; a short pause before the failure lets hyper flush the head
/// and the first half, so the client gets a response whose body fails.
async fn truncate(response: Response) -> Response {
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return reset();
    };
    let full = bytes.len();
    let half = bytes.slice(..full / 2);
    parts
        .headers
        .insert(header::CONTENT_LENGTH, HeaderValue::from(full));
    let head = stream::iter([Ok::<Bytes, io::Error>(half)]).filter(|r| {
        let keep = r.as_ref().map_or(true, |b| !b.is_empty());
        async move { keep }
    });
    let fail = stream::once(async {
        tokio::time::sleep(Duration::from_millis(20)).await;
        Err::<Bytes, io::Error>(io::Error::new(
            io::ErrorKind::ConnectionReset,
            "zoom-sim fault: body truncated",
        ))
    });
    Response::from_parts(parts, Body::from_stream(head.chain(fail)))
}
