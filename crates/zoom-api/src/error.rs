//! The crate's error type: what Zoom said, where, and what to fix.

use std::fmt;

/// Everything that can go wrong talking to Zoom.
///
/// `endpoint` is the method and path, e.g. `GET /users` or `POST /oauth/token` (ids filled in,
/// no query string). No variant ever holds the client secret or an access token.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The configuration cannot work (bad URL, unreadable CA file, page size out of range).
    #[error("invalid configuration: {0}")]
    Config(String),

    /// An argument cannot be sent to Zoom (an id that is empty, `.` or `..` cannot be a path
    /// segment). Nothing was sent.
    #[error("invalid argument: {0}")]
    InvalidArgument(String),

    /// The token endpoint refused to issue a token (`{"reason": ..., "error": ...}`).
    #[error("{}", auth_message(*status, error.as_deref(), reason.as_deref()))]
    Auth {
        /// HTTP status of the token endpoint.
        status: u16,
        /// OAuth error, e.g. `invalid_client`.
        error: Option<String>,
        /// Zoom's reason, e.g. "Invalid client_id or client_secret".
        reason: Option<String>,
    },

    /// The token lacks scopes the endpoint needs (Zoom code 4711, or 4700 "does not contain ...
    /// scope").
    #[error("{}", missing_scopes_message(endpoint, scopes, message))]
    MissingScopes {
        /// Method and path.
        endpoint: String,
        /// HTTP status (400 in Zoom's docs).
        status: u16,
        /// Zoom's code (4711 or 4700).
        code: i64,
        /// The scopes Zoom names, in its order.
        scopes: Vec<String>,
        /// Zoom's message.
        message: String,
    },

    /// Zoom answered 429.
    #[error("{}", rate_limited_message(endpoint, category.as_deref(), limit_type.as_deref(), retry_after.as_deref(), details.message.as_deref()))]
    RateLimited {
        /// Method and path.
        endpoint: String,
        /// `X-RateLimit-Category`: `Light`, `Medium`, `Heavy`, `Resource-intensive`.
        category: Option<String>,
        /// `X-RateLimit-Type`: `QPS` or `Daily-limit`.
        limit_type: Option<String>,
        /// `Retry-After` as sent (seconds, or an ISO-8601 time for daily limits).
        retry_after: Option<String>,
        /// The other rate-limit headers and the body (boxed to keep `Error` small).
        details: Box<RateLimitDetails>,
    },

    /// A daily rate limit is reached: counted by the client against its [`crate::RateTable`], or
    /// reported by Zoom (a 429 with `X-RateLimit-Type: Daily-limit`). Requests of this category
    /// fail at once, unsent, until the limit resets. Never retried.
    #[error("{}", daily_limit_message(endpoint, *category, retry_at.as_deref()))]
    DailyLimit {
        /// Method and path of the request refused.
        endpoint: String,
        /// The category whose daily limit is reached.
        category: crate::RateCategory,
        /// When the limit resets: Zoom's `Retry-After` as sent (an ISO-8601 UTC time), or the
        /// next 00:00 UTC.
        retry_at: Option<String>,
    },

    /// A request failed on every attempt (5xx, connection errors, timeouts, cut bodies,
    /// per-second 429s); `last` is the last attempt's error.
    ///
    /// The message already says the last attempt's (and a transport error names its innermost
    /// cause), so `last` is not also the error's source: a chain would say it twice.
    #[error("{}", retries_message(endpoint, *attempts, last))]
    RetriesExhausted {
        /// Method and path.
        endpoint: String,
        /// Attempts made, the first included.
        attempts: u32,
        /// The error of the last attempt ([`Error::last_attempt`]).
        last: Box<Error>,
    },

    /// Zoom answered with an error status and (usually) `{"code": ..., "message": ...}`.
    #[error("{}", api_message(endpoint, *status, *code, message))]
    Api {
        /// Method and path.
        endpoint: String,
        /// HTTP status.
        status: u16,
        /// Zoom's code, when the body had one.
        code: Option<i64>,
        /// Zoom's message, or the start of the body when it was not Zoom's error JSON.
        message: String,
    },

    /// The request did not complete: connection refused, DNS, TLS, timeout, reset.
    #[error("{endpoint}: {message}")]
    Transport {
        /// Method and path.
        endpoint: String,
        /// What failed.
        kind: TransportKind,
        /// What failed and what to check.
        message: String,
        /// The underlying error.
        #[source]
        source: reqwest::Error,
    },

    /// Zoom's response body is not what the spec describes (or not JSON at all).
    #[error("{endpoint}: could not decode zoom's response at `{path}`: {message}")]
    Decode {
        /// Method and path.
        endpoint: String,
        /// Where in the JSON the decode failed, e.g. `users[3].email` (`.` for the root).
        path: String,
        /// The decoder's message.
        message: String,
    },
}

/// The rest of a 429 answer: the remaining `X-RateLimit-*` headers and Zoom's body.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RateLimitDetails {
    /// `X-RateLimit-Limit`.
    pub limit: Option<String>,
    /// `X-RateLimit-Remaining`.
    pub remaining: Option<String>,
    /// `X-RateLimit-Reset` (Unix time, per-second limits; not in Zoom's current docs).
    pub reset: Option<String>,
    /// Zoom's code from the body (usually 429).
    pub code: Option<i64>,
    /// Zoom's message from the body.
    pub message: Option<String>,
}

/// The kind of a [`Error::Transport`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportKind {
    /// No connection (refused, DNS, TLS handshake, proxy).
    Connect,
    /// The request or connect timeout elapsed.
    Timeout,
    /// Anything else (connection reset, body cut off).
    Other,
}

impl Error {
    /// Whether the credentials or the token are the problem: the token endpoint refused, or the
    /// API rejected the token (HTTP 401, or Zoom code 124). Missing scopes are not included:
    /// see [`Error::MissingScopes`].
    pub fn is_auth(&self) -> bool {
        match self {
            Error::Auth { .. } => true,
            Error::Api { status, code, .. } => *status == 401 || *code == Some(124),
            _ => false,
        }
    }

    /// Whether the same request may succeed if sent again later: a transport failure (no
    /// complete answer), HTTP 500, 502, 503 or 504 (from the API or the token endpoint), a
    /// per-second 429. The client already
    /// retries these ([`crate::ClientConfig::max_retries`]); this says whether a later run, or
    /// a caller's own retry, is worth it. Not a daily limit (wait for its reset), not other
    /// 4xx, not a decode error.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Transport { .. } => true,
            Error::Api { status, .. } | Error::Auth { status, .. } => {
                matches!(status, 500 | 502 | 503 | 504)
            }
            Error::RateLimited {
                limit_type,
                details,
                ..
            } => !is_daily(limit_type.as_deref(), details.message.as_deref()),
            Error::RetriesExhausted { last, .. } => last.is_retryable(),
            _ => false,
        }
    }

    /// The error of the last attempt, through [`Error::RetriesExhausted`]; `self` otherwise.
    pub fn last_attempt(&self) -> &Error {
        match self {
            Error::RetriesExhausted { last, .. } => last.last_attempt(),
            other => other,
        }
    }

    /// Zoom's error code (`code` in the body), when there is one.
    pub fn zoom_code(&self) -> Option<i64> {
        match self {
            Error::RetriesExhausted { last, .. } => last.zoom_code(),
            Error::Api { code, .. } => *code,
            Error::RateLimited { details, .. } => details.code,
            Error::MissingScopes { code, .. } => Some(*code),
            _ => None,
        }
    }

    /// The HTTP status Zoom answered with, when there was an answer.
    pub fn http_status(&self) -> Option<u16> {
        match self {
            Error::Auth { status, .. }
            | Error::Api { status, .. }
            | Error::MissingScopes { status, .. } => Some(*status),
            Error::RateLimited { .. } => Some(429),
            Error::RetriesExhausted { last, .. } => last.http_status(),
            _ => None,
        }
    }

    /// The endpoint (method and path) the error is about.
    pub fn endpoint(&self) -> Option<&str> {
        match self {
            Error::Auth { .. } => Some(crate::token::TOKEN_ENDPOINT),
            Error::MissingScopes { endpoint, .. }
            | Error::RateLimited { endpoint, .. }
            | Error::Api { endpoint, .. }
            | Error::Transport { endpoint, .. }
            | Error::Decode { endpoint, .. }
            | Error::DailyLimit { endpoint, .. }
            | Error::RetriesExhausted { endpoint, .. } => Some(endpoint),
            Error::Config(_) | Error::InvalidArgument(_) => None,
        }
    }

    /// True for a rejected token (Zoom code 124 on HTTP 401, or 400 as some specs list it):
    /// worth one token refresh and one retry.
    pub(crate) fn is_token_rejected(&self) -> bool {
        matches!(
            self,
            Error::Api {
                status: 400 | 401,
                code: Some(124),
                ..
            }
        )
    }
}

fn auth_message(status: u16, error: Option<&str>, reason: Option<&str>) -> String {
    let mut s = format!("zoom refused to issue an access token (http {status}");
    if let Some(e) = error {
        s.push_str(", ");
        s.push_str(e);
    }
    if let Some(r) = reason {
        s.push_str(": ");
        s.push_str(r.trim_end_matches('.'));
    }
    s.push_str("); ");
    s.push_str(auth_hint(status, error, reason));
    s
}

/// What to fix, from the token endpoint's answer.
fn auth_hint(status: u16, error: Option<&str>, reason: Option<&str>) -> &'static str {
    let error = error.unwrap_or_default().to_ascii_lowercase();
    let reason = reason.unwrap_or_default().to_ascii_lowercase();
    if status >= 500 {
        "zoom's token endpoint failed; try again later"
    } else if (300..400).contains(&status) {
        "check oauth_url (redirects are not followed)"
    } else if reason.contains("app type") || error == "unsupported_grant_type" {
        "check that the app is a server-to-server oauth app and is activated"
    } else if reason.contains("disabled") || reason.contains("deactivated") {
        "the app is disabled; activate it in the zoom app marketplace"
    } else if error == "invalid_client"
        || reason.contains("client_id")
        || reason.contains("client secret")
        || reason.contains("client_secret")
        || reason.contains("invalid client")
    {
        "check client_id and client_secret"
    } else if reason.contains("account") {
        "check account_id"
    } else if status == 404 || status == 405 {
        "check oauth_url"
    } else {
        "check account_id, client_id and client_secret"
    }
}

fn missing_scopes_message(endpoint: &str, scopes: &[String], message: &str) -> String {
    if scopes.is_empty() {
        format!(
            "{endpoint}: the app lacks a scope zoom requires ({message}); grant it in the app's scopes"
        )
    } else {
        format!(
            "{endpoint}: the app lacks the scopes {}; grant them in the app's scopes",
            scopes.join(", ")
        )
    }
}

fn rate_limited_message(
    endpoint: &str,
    category: Option<&str>,
    limit_type: Option<&str>,
    retry_after: Option<&str>,
    message: Option<&str>,
) -> String {
    let mut s = format!("{endpoint}: rate limited by zoom");
    let details: Vec<String> = [
        category.map(|c| format!("category {c}")),
        limit_type.map(|t| format!("type {t}")),
        retry_after.map(|r| format!("retry after {r}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !details.is_empty() {
        s.push_str(" (");
        s.push_str(&details.join(", "));
        s.push(')');
    }
    if let Some(m) = message {
        s.push_str(": ");
        s.push_str(m.trim_end_matches('.'));
    }
    s
}

/// Whether a 429 is a daily limit: `X-RateLimit-Type: Daily-limit`, or without that header a
/// message that says "daily".
pub(crate) fn is_daily(limit_type: Option<&str>, message: Option<&str>) -> bool {
    match limit_type {
        Some(t) => t.to_ascii_lowercase().contains("daily"),
        None => message.is_some_and(|m| m.to_ascii_lowercase().contains("daily")),
    }
}

fn daily_limit_message(
    endpoint: &str,
    category: crate::RateCategory,
    retry_at: Option<&str>,
) -> String {
    let mut s = format!("zoom's daily limit for {category} requests is reached ({endpoint}); ");
    match retry_at {
        Some(t) => s.push_str(&format!("it resets at {t}")),
        None => s.push_str("it resets at the next 00:00 UTC"),
    }
    s
}

fn retries_message(endpoint: &str, attempts: u32, last: &Error) -> String {
    let text = last.to_string();
    let prefix = format!("{endpoint}: ");
    let last = text.strip_prefix(&prefix).unwrap_or(&text);
    format!("{endpoint}: failed {attempts} times; the last attempt: {last}")
}

fn api_message(endpoint: &str, status: u16, code: Option<i64>, message: &str) -> String {
    let mut s = format!("{endpoint}: zoom answered http {status}");
    if let Some(c) = code {
        s.push_str(&format!(" code {c}"));
    }
    if !message.is_empty() {
        s.push_str(": ");
        s.push_str(message.trim_end_matches('.'));
    }
    s
}

/// Parses the scopes out of Zoom's missing-scope messages:
/// `Invalid access token, does not contain scopes:[a:b:c, d:e:f].` and
/// `Invalid access token, does not contain role:read:admin scope.`
pub(crate) fn parse_missing_scopes(message: &str) -> Vec<String> {
    if let Some(start) = message.find('[') {
        let rest = &message[start + 1..];
        let end = rest.find(']').unwrap_or(rest.len());
        return rest[..end]
            .split([',', ' '])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
    }
    if let Some(pos) = message.find("does not contain ") {
        let rest = &message[pos + "does not contain ".len()..];
        let rest = rest.strip_prefix("scopes:").unwrap_or(rest);
        let rest = rest.trim_end_matches('.').trim();
        let rest = rest
            .strip_suffix(" scopes")
            .or_else(|| rest.strip_suffix(" scope"))
            .unwrap_or(rest);
        return rest
            .split([',', ' '])
            .map(str::trim)
            .filter(|s| s.contains(':'))
            .map(str::to_owned)
            .collect();
    }
    Vec::new()
}

impl fmt::Display for TransportKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TransportKind::Connect => "connect",
            TransportKind::Timeout => "timeout",
            TransportKind::Other => "other",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_from_4711_message() {
        assert_eq!(
            parse_missing_scopes(
                "Invalid access token, does not contain scopes:[contact:read:list_contacts, contact:read:list_contacts:admin]."
            ),
            [
                "contact:read:list_contacts",
                "contact:read:list_contacts:admin"
            ]
        );
    }

    #[test]
    fn scope_from_4700_message() {
        assert_eq!(
            parse_missing_scopes("Invalid access token, does not contain role:read:admin scope."),
            ["role:read:admin"]
        );
    }

    #[test]
    fn no_scopes_in_other_messages() {
        assert!(parse_missing_scopes("Invalid access token.").is_empty());
    }

    #[test]
    fn auth_hints() {
        assert_eq!(
            auth_hint(
                400,
                Some("invalid_client"),
                Some("Invalid client_id or client_secret")
            ),
            "check client_id and client_secret"
        );
        assert_eq!(
            auth_hint(400, Some("invalid_request"), Some("Account does not exist")),
            "check account_id"
        );
        assert_eq!(
            auth_hint(
                400,
                Some("invalid_request"),
                Some("Account does not enabled the OAuth app type")
            ),
            "check that the app is a server-to-server oauth app and is activated"
        );
        assert_eq!(
            auth_hint(503, None, None),
            "zoom's token endpoint failed; try again later"
        );
    }
}
