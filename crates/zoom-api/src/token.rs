//! The one Server-to-Server OAuth token a [`crate::Client`] shares across all its requests.
//!
//! **Invariant:** at most one token request is in flight per client. The cache is a
//! `tokio::sync::Mutex` held across the token request, so N concurrent first calls wait for the
//! one fetch. A token rejected by the API is replaced only if it is still the current one
//! (compared by generation), so N requests failing with the same stale token cause one refresh.
//! Requests that waited for a token request that the token endpoint refused get that same
//! answer (a copy of [`Error::Auth`]) instead of sending one token request each; a later call
//! tries again.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use secrecy::{ExposeSecret, SecretString};
use tracing::{debug, warn};

use crate::config::ClientConfig;
use crate::decode::transport_error;
use crate::error::Error;
use crate::wire::{TokenErrorBody, TokenResponse};

/// The endpoint named in token errors.
pub(crate) const TOKEN_ENDPOINT: &str = "POST /oauth/token";

/// Zoom's documented token lifetime, used when the response omits `expires_in`.
const DEFAULT_EXPIRES_IN: Duration = Duration::from_secs(3600);
/// Longer lifetimes are capped (Zoom documents one hour; this keeps `Instant` math safe).
const MAX_EXPIRES_IN: Duration = Duration::from_secs(86_400);
/// Refresh at most this long before expiry.
const MAX_REFRESH_MARGIN: Duration = Duration::from_secs(300);

/// A token in use.
pub(crate) struct Token {
    pub(crate) secret: SecretString,
    /// Increments with every fetched token; identifies "the token that was rejected".
    pub(crate) generation: u64,
    /// When to stop using it and fetch a new one.
    refresh_at: Instant,
}

/// What the last token response said, for callers (no secret in here).
#[derive(Clone, Debug, Default)]
pub(crate) struct TokenInfo {
    pub(crate) scopes: Vec<String>,
    pub(crate) api_url: Option<String>,
}

#[derive(Default)]
struct Slot {
    current: Option<Arc<Token>>,
    generation: u64,
    /// How the last token request failed, when that failure can be handed to waiters.
    last_failure: Option<Error>,
}

#[derive(Default)]
pub(crate) struct TokenCache {
    slot: tokio::sync::Mutex<Slot>,
    /// Completed token requests (success or failure); read before waiting for the slot to
    /// tell whether a request finished meanwhile.
    attempts: AtomicU64,
    info: RwLock<Option<TokenInfo>>,
}

/// A copy of a token-request failure that every waiter may receive: the token endpoint's
/// refusal or an undecodable answer. Transport failures are not shared (the next waiter tries
/// again, which is what a transient failure needs).
fn shareable(e: &Error) -> Option<Error> {
    match e {
        Error::Auth {
            status,
            error,
            reason,
        } => Some(Error::Auth {
            status: *status,
            error: error.clone(),
            reason: reason.clone(),
        }),
        Error::Decode {
            endpoint,
            path,
            message,
        } => Some(Error::Decode {
            endpoint: endpoint.clone(),
            path: path.clone(),
            message: message.clone(),
        }),
        _ => None,
    }
}

/// How long before expiry a token is replaced: min(5 min, 10 % of its lifetime).
pub(crate) fn refresh_margin(expires_in: Duration) -> Duration {
    (expires_in / 10).min(MAX_REFRESH_MARGIN)
}

impl TokenCache {
    /// The current token, fetching one if there is none or it is about to expire.
    pub(crate) async fn get(
        &self,
        http: &reqwest::Client,
        config: &ClientConfig,
    ) -> Result<Arc<Token>, Error> {
        let attempts_before = self.attempts.load(Ordering::SeqCst);
        let mut slot = self.slot.lock().await;
        if let Some(t) = &slot.current {
            if Instant::now() < t.refresh_at {
                return Ok(Arc::clone(t));
            }
            debug!(generation = t.generation, "access token due for refresh");
        }
        if let Some(e) = self.failure_while_waiting(&slot, attempts_before) {
            return Err(e);
        }
        self.fetch_into(&mut slot, http, config).await
    }

    /// The failure of a token request that completed while the caller waited for the slot.
    fn failure_while_waiting(&self, slot: &Slot, attempts_before: u64) -> Option<Error> {
        if self.attempts.load(Ordering::SeqCst) == attempts_before {
            return None;
        }
        slot.last_failure.as_ref().and_then(shareable)
    }

    /// A replacement for `rejected`: a new token if `rejected` is still current, otherwise the
    /// token another request already fetched.
    pub(crate) async fn replace(
        &self,
        rejected: &Token,
        http: &reqwest::Client,
        config: &ClientConfig,
    ) -> Result<Arc<Token>, Error> {
        let attempts_before = self.attempts.load(Ordering::SeqCst);
        let mut slot = self.slot.lock().await;
        if let Some(t) = &slot.current
            && t.generation != rejected.generation
            && Instant::now() < t.refresh_at
        {
            return Ok(Arc::clone(t));
        }
        if let Some(e) = self.failure_while_waiting(&slot, attempts_before) {
            return Err(e);
        }
        debug!(
            generation = rejected.generation,
            "access token rejected by zoom; refreshing"
        );
        self.fetch_into(&mut slot, http, config).await
    }

    /// Fetches a new token whatever the cache holds.
    pub(crate) async fn force(
        &self,
        http: &reqwest::Client,
        config: &ClientConfig,
    ) -> Result<Arc<Token>, Error> {
        let mut slot = self.slot.lock().await;
        self.fetch_into(&mut slot, http, config).await
    }

    pub(crate) fn info(&self) -> Option<TokenInfo> {
        self.info.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Whether a token is cached (for `Debug`; never blocks).
    pub(crate) fn describe(&self) -> &'static str {
        match self.slot.try_lock() {
            Ok(slot) if slot.current.is_some() => "cached",
            Ok(_) => "none",
            Err(_) => "busy",
        }
    }

    async fn fetch_into(
        &self,
        slot: &mut Slot,
        http: &reqwest::Client,
        config: &ClientConfig,
    ) -> Result<Arc<Token>, Error> {
        let started = Instant::now();
        let result = request_token(http, config).await;
        self.attempts.fetch_add(1, Ordering::SeqCst);
        let response = match result {
            Ok(r) => {
                slot.last_failure = None;
                r
            }
            Err(e) => {
                slot.last_failure = shareable(&e);
                return Err(e);
            }
        };
        let expires_in = match response.expires_in {
            Some(s) if s > MAX_EXPIRES_IN.as_secs() => {
                warn!(
                    expires_in = s,
                    "token expires_in is implausibly long; using 1 day"
                );
                MAX_EXPIRES_IN
            }
            Some(s) => Duration::from_secs(s),
            None => {
                warn!("token response has no expires_in; assuming 3600 s");
                DEFAULT_EXPIRES_IN
            }
        };
        if let Some(tt) = response.token_type.as_deref()
            && !tt.eq_ignore_ascii_case("bearer")
        {
            warn!(
                token_type = tt,
                "unexpected token_type; using the token as a bearer token"
            );
        }
        let scopes = response.scopes();
        slot.generation += 1;
        let token = Arc::new(Token {
            secret: SecretString::from(response.access_token),
            generation: slot.generation,
            // Counted from when the request was sent: errs on the early side.
            refresh_at: started + expires_in - refresh_margin(expires_in),
        });
        debug!(
            generation = token.generation,
            expires_in_secs = expires_in.as_secs(),
            scopes = scopes.len(),
            "access token issued"
        );
        *self.info.write().unwrap_or_else(|e| e.into_inner()) = Some(TokenInfo {
            scopes,
            api_url: response.api_url,
        });
        slot.current = Some(Arc::clone(&token));
        Ok(token)
    }
}

/// `POST {oauth_url}/oauth/token` with `grant_type=account_credentials`, Basic client auth.
async fn request_token(
    http: &reqwest::Client,
    config: &ClientConfig,
) -> Result<TokenResponse, Error> {
    let mut url = config.oauth_url.clone();
    url.path_segments_mut()
        .map_err(|()| {
            Error::Config(format!(
                "oauth_url {} cannot be a base URL",
                config.oauth_url
            ))
        })?
        .pop_if_empty()
        .extend(["oauth", "token"]);
    let started = Instant::now();
    let result = http
        .post(url.clone())
        .basic_auth(
            &config.client_id,
            Some(config.client_secret.expose_secret()),
        )
        .header(reqwest::header::ACCEPT, "application/json")
        .form(&[
            ("grant_type", "account_credentials"),
            ("account_id", config.account_id.as_str()),
        ])
        .send()
        .await;
    let response = match result {
        Ok(r) => r,
        Err(e) => {
            return Err(transport_error(
                TOKEN_ENDPOINT,
                &url,
                "oauth_url",
                config,
                e,
            ));
        }
    };
    let status = response.status();
    let body = response
        .bytes()
        .await
        .map_err(|e| transport_error(TOKEN_ENDPOINT, &url, "oauth_url", config, e))?;
    debug!(
        endpoint = TOKEN_ENDPOINT,
        status = status.as_u16(),
        elapsed_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
        "zoom token request"
    );
    if !status.is_success() {
        let parsed: TokenErrorBody = serde_json::from_slice(&body).unwrap_or_default();
        return Err(Error::Auth {
            status: status.as_u16(),
            error: parsed.error.or(parsed.code.map(|c| c.to_string())),
            reason: parsed.reason.or(parsed.message).or_else(|| {
                // Not Zoom's error JSON (a proxy page, say): name the status instead.
                status.canonical_reason().map(str::to_owned)
            }),
        });
    }
    let mut de = serde_json::Deserializer::from_slice(&body);
    serde_path_to_error::deserialize::<_, TokenResponse>(&mut de)
        .map_err(|e| (e.path().to_string(), e.into_inner()))
        .and_then(|t| de.end().map(|()| t).map_err(|e| (".".to_owned(), e)))
        .map_err(|(path, e)| Error::Decode {
            endpoint: TOKEN_ENDPOINT.to_owned(),
            path,
            // Not serde's message: it can quote values, and this body holds a token.
            message: describe_category(&e),
        })
}

fn describe_category(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    match e.classify() {
        Category::Io => "i/o error reading the body".to_owned(),
        Category::Syntax => format!("not valid json (line {}, column {})", e.line(), e.column()),
        Category::Eof => "the body ends early".to_owned(),
        Category::Data if e.to_string().starts_with("missing field") => {
            // "missing field `access_token` at line 1 column 20": names no value.
            e.to_string()
        }
        Category::Data => "a field has the wrong type".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn margin_is_ten_percent_capped_at_five_minutes() {
        assert_eq!(
            refresh_margin(Duration::from_secs(3600)),
            Duration::from_secs(300)
        );
        assert_eq!(
            refresh_margin(Duration::from_secs(600)),
            Duration::from_secs(60)
        );
        assert_eq!(
            refresh_margin(Duration::from_secs(10)),
            Duration::from_secs(1)
        );
        assert_eq!(refresh_margin(Duration::ZERO), Duration::ZERO);
    }
}
