//! The one request path: every API request is sent by `Client::get_value`, which holds the
//! token, the rate budget, the URL, the exchange, error mapping and retries.

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use reqwest::header::ACCEPT;
use secrecy::ExposeSecret;
use tracing::{Instrument, debug, debug_span, trace, warn};
use url::Url;

use super::Client;
use crate::decode::{error_from_response, parse_json, transport_error};
use crate::endpoints::{Endpoint, Method};
use crate::error::Error;
use crate::path::{self, Segment};
use crate::rate::{After429, RateCategory, RateHeaders, bump};
use crate::token::Token;

/// A request to one [`Endpoint`], before the base URL and paging parameters are added.
#[derive(Clone, Debug)]
pub(super) struct ApiRequest {
    endpoint: Endpoint,
    /// Path segments after `/v2`: the endpoint's template, filled.
    segments: Vec<Segment>,
    query: Vec<(&'static str, String)>,
}

impl ApiRequest {
    /// A request to `endpoint`, its path template's parameters filled in order from `params`.
    pub(super) fn new(endpoint: Endpoint, params: &[&str]) -> Self {
        ApiRequest {
            endpoint,
            segments: path::fill(endpoint.path, params),
            query: Vec::new(),
        }
    }

    /// The same request with its meeting UUID encoded the other way (see
    /// [`path::fill_other_meeting_encoding`]), or `None` when there is no other way to try.
    pub(super) fn other_meeting_encoding(&self, params: &[&str]) -> Option<Self> {
        Some(ApiRequest {
            segments: path::fill_other_meeting_encoding(self.endpoint.path, params)?,
            ..self.clone()
        })
    }

    pub(super) fn query(mut self, key: &'static str, value: impl Into<String>) -> Self {
        self.query.push((key, value.into()));
        self
    }

    /// The endpoint this request calls.
    pub(super) fn endpoint(&self) -> &Endpoint {
        &self.endpoint
    }

    /// Whether the request carries a page token.
    pub(super) fn has_page_token(&self) -> bool {
        self.query.iter().any(|(k, _)| *k == "next_page_token")
    }
}

impl Client {
    /// Sends `req` with the shared token and returns the endpoint label and the JSON body.
    ///
    /// Every API request goes through here. Each attempt first waits for its category's rate
    /// budget and an in-flight slot (see `rate.rs`); a daily limit fails at once, unsent. Then:
    /// - a token rejected with Zoom code 124 is refreshed once (shared with concurrent
    ///   requests) and the request sent again;
    /// - a per-second 429 pauses the category for `Retry-After` (absent: 1 s) and is retried;
    ///   a `Retry-After` beyond `max_retry_after` is returned at once; a daily 429 closes the
    ///   category and returns [`Error::DailyLimit`];
    /// - 500, 502, 503, 504 and transport failures (refused, reset, timeout, body cut off) are
    ///   retried after a backoff of `rand(0, min(retry_max_delay, retry_base_delay * 2^n))`;
    /// - a 2xx whose body is not JSON is retried once, then returned as [`Error::Decode`];
    /// - anything else (other 4xx) is returned as it is.
    ///
    /// All retries together are at most `max_retries`; when they run out the last error comes
    /// back inside [`Error::RetriesExhausted`] with the number of attempts.
    pub(super) async fn get_value(
        &self,
        req: &ApiRequest,
    ) -> Result<(String, serde_json::Value), Error> {
        let (url, endpoint) = self.url_for(req)?;
        let category = req.endpoint.category;
        let span = debug_span!("zoom_request", endpoint = %endpoint, category = %category);
        async {
            let inner = &*self.inner;
            let config = &inner.config;
            let counters = &inner.budget.counters;
            let mut attempts: u32 = 0;
            let mut retries: u32 = 0;
            let mut refreshed = false;
            let mut decode_retried = false;
            loop {
                // The token first: a slow token request must not sit between the budget's
                // grant and the send.
                let token = match inner.tokens.get(&inner.http, config).await {
                    Ok(t) => t,
                    Err(e) if e.is_retryable() && retries < config.max_retries => {
                        let wait = self.backoff(retries);
                        retries += 1;
                        debug!(error = %e, wait_ms = millis(wait), "token request failed; retrying");
                        self.sleep_before_retry(wait).await;
                        continue;
                    }
                    Err(e) => return Err(e),
                };
                let grant = inner.budget.acquire(category, &endpoint).await?;
                attempts += 1;
                let result = self
                    .execute(req.endpoint.method, &endpoint, &url, &token, category)
                    .await;
                drop(grant);
                let error = match result {
                    Ok(v) => return Ok((endpoint.clone(), v)),
                    Err(e) => e,
                };
                if !refreshed && error.is_token_rejected() {
                    debug!("token rejected (code 124); refreshing once and retrying");
                    inner
                        .tokens
                        .replace(&token, &inner.http, config)
                        .await?;
                    refreshed = true;
                    bump(&counters.retries);
                    continue;
                }
                let wait = match &error {
                    Error::RateLimited { details, .. } => {
                        let headers = rate_headers_of(&error);
                        match inner.budget.on_429(
                            category,
                            &endpoint,
                            &headers,
                            details.message.as_deref(),
                            config.max_retry_after,
                        ) {
                            After429::Daily(e) => return Err(e),
                            After429::TooLong => {
                                warn!(
                                    retry_after = headers.retry_after.as_deref().unwrap_or_default(),
                                    "zoom asks for a wait beyond max_retry_after; giving up"
                                );
                                return Err(give_up(&endpoint, attempts, error));
                            }
                            // The budget holds the category back for the wait.
                            After429::Retry(_) if inner.budget.pacing() => Duration::ZERO,
                            After429::Retry(wait) => wait,
                        }
                    }
                    Error::Decode { .. } if !decode_retried => {
                        decode_retried = true;
                        self.backoff(retries)
                    }
                    e if e.is_retryable() => self.backoff(retries),
                    _ => return Err(error),
                };
                if retries >= config.max_retries {
                    return Err(give_up(&endpoint, attempts, error));
                }
                retries += 1;
                bump(&counters.retries);
                debug!(attempt = attempts, wait_ms = millis(wait), error = %error, "retrying");
                self.sleep_before_retry(wait).await;
            }
        }
        .instrument(span)
        .await
    }

    /// The backoff before retry number `n + 1`: full jitter, uniformly random in
    /// `[0, min(retry_max_delay, retry_base_delay * 2^n)]`.
    fn backoff(&self, n: u32) -> Duration {
        let config = &self.inner.config;
        let ceiling = config
            .retry_base_delay
            .saturating_mul(1u32.checked_shl(n.min(31)).unwrap_or(u32::MAX))
            .min(config.retry_max_delay);
        let ceiling_ns = u64::try_from(ceiling.as_nanos()).unwrap_or(u64::MAX);
        let ns = self
            .inner
            .rng
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .u64(0..=ceiling_ns);
        Duration::from_nanos(ns)
    }

    async fn sleep_before_retry(&self, wait: Duration) {
        if !wait.is_zero() {
            tokio::time::sleep(wait).await;
            self.inner.budget.counters.slept_for_retry(wait);
        }
    }

    /// One HTTP exchange: no retry, no token logic. Feeds the rate headers to the budget.
    async fn execute(
        &self,
        method: Method,
        endpoint: &str,
        url: &Url,
        token: &Token,
        category: RateCategory,
    ) -> Result<serde_json::Value, Error> {
        let config = &self.inner.config;
        let counters = &self.inner.budget.counters;
        let started = Instant::now();
        let response = self
            .inner
            .http
            .request(http_method(method), url.clone())
            .bearer_auth(token.secret.expose_secret())
            .header(ACCEPT, "application/json")
            .send()
            .await
            .map_err(|e| {
                bump(&counters.transport_errors);
                transport_error(endpoint, url, "api_url", config, e)
            })?;
        let status = response.status();
        let headers = response.headers().clone();
        self.inner
            .budget
            .observe(category, &RateHeaders::from_headers(&headers));
        if status == StatusCode::TOO_MANY_REQUESTS {
            bump(&counters.responses_429);
        } else if status.is_server_error() {
            bump(&counters.responses_5xx);
        }
        // A body that fails mid-way (reset, cut short of its Content-Length or last chunk) is
        // a transport error, retried like one.
        let body = response.bytes().await.map_err(|e| {
            bump(&counters.transport_errors);
            transport_error(endpoint, url, "api_url", config, e)
        })?;
        debug!(
            status = status.as_u16(),
            elapsed_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
            bytes = body.len(),
            "zoom request"
        );
        trace!(
            query = url.query().unwrap_or_default(),
            "zoom request query"
        );
        if status.is_success() {
            parse_json(endpoint, &body)
        } else {
            Err(error_from_response(endpoint, status, &headers, &body))
        }
    }

    /// `{api_url}/v2/{segments}?{query}` and the endpoint label `GET /{segments}` (segments as
    /// sent, percent-encoded; no query string).
    fn url_for(&self, req: &ApiRequest) -> Result<(Url, String), Error> {
        let inner = &*self.inner;
        let mut url = inner.api_base.clone();
        let mut path = url.path().trim_end_matches('/').to_owned();
        for segment in &req.segments {
            let encoded = segment.encoded();
            // An empty segment changes the route; `.` and `..` would be resolved away by the
            // URL parser (and so would their encodings `%2e`): none is a valid id.
            if matches!(encoded.as_str(), "" | "." | "..") {
                let shown: Vec<&str> = req.segments.iter().map(Segment::as_given).collect();
                return Err(Error::InvalidArgument(format!(
                    "{} /{}: an id in the path is empty, `.` or `..`",
                    req.endpoint.method,
                    shown.join("/")
                )));
            }
            path.push('/');
            path.push_str(&encoded);
        }
        // Every byte the path parser would change is already percent-encoded: set as is.
        url.set_path(&path);
        if !req.query.is_empty() {
            url.query_pairs_mut()
                .extend_pairs(req.query.iter().map(|(k, v)| (*k, v.as_str())));
        }
        let endpoint = format!(
            "{} {}",
            req.endpoint.method,
            &url.path()[inner.api_base_path_len..]
        );
        Ok((url, endpoint))
    }
}

/// The request method of `method`.
fn http_method(method: Method) -> reqwest::Method {
    match method {
        Method::Get => reqwest::Method::GET,
    }
}

/// The error to return when a request is not retried any more: the last error, inside
/// [`Error::RetriesExhausted`] when more than one attempt was made (a decode error stays as it
/// is).
fn give_up(endpoint: &str, attempts: u32, error: Error) -> Error {
    if attempts > 1 && !matches!(error, Error::Decode { .. }) {
        Error::RetriesExhausted {
            endpoint: endpoint.to_owned(),
            attempts,
            last: Box::new(error),
        }
    } else {
        error
    }
}

/// The rate-limit headers kept in a 429 error.
fn rate_headers_of(e: &Error) -> RateHeaders {
    match e {
        Error::RateLimited {
            category,
            limit_type,
            retry_after,
            details,
            ..
        } => RateHeaders {
            category: category.clone(),
            limit_type: limit_type.clone(),
            limit: details.limit.clone(),
            remaining: details.remaining.clone(),
            retry_after: retry_after.clone(),
        },
        _ => RateHeaders::default(),
    }
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}
