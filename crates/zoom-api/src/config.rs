//! [`ClientConfig`]: where Zoom is, the app's credentials, TLS, proxy, timeouts, rate budget
//! and retries.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use secrecy::SecretString;
use url::Url;

use crate::rate::{Plan, RateTable};

/// Everything [`crate::Client::new`] needs. Build it with [`ClientConfig::new`] and adjust the
/// public fields.
///
/// `Debug` shows neither the client secret nor a proxy password.
#[derive(Clone)]
pub struct ClientConfig {
    /// REST API base, without `/v2` (default `https://api.zoom.us`).
    pub api_url: Url,
    /// OAuth base; the token is requested from `{oauth_url}/oauth/token` (default
    /// `https://zoom.us`, see [`ClientConfig::default_oauth_url_for`]).
    pub oauth_url: Url,
    /// The Zoom account ID of the Server-to-Server OAuth app.
    pub account_id: String,
    /// The app's client ID.
    pub client_id: String,
    /// The app's client secret.
    pub client_secret: SecretString,
    /// Verify TLS certificates (default true). False accepts any certificate.
    pub verify_ssl: bool,
    /// PEM file of CA certificates trusted in addition to the system roots.
    pub ca_cert: Option<PathBuf>,
    /// Proxy for `https://` requests. Proxy variables from the environment are never used.
    pub https_proxy: Option<Url>,
    /// Whole-request timeout (default 30 s).
    pub timeout: Duration,
    /// Connect timeout (default 10 s).
    pub connect_timeout: Duration,
    /// Records per page for paginated lists, 1..=300 (default 300, the maximum most list
    /// endpoints accept).
    pub page_size: u32,
    /// The account's Zoom plan, which sizes the rate budget (default [`Plan::Business`]). An
    /// S2S app cannot ask Zoom for it: configure it. A plan set too high is corrected by the
    /// first `X-RateLimit-Limit` or 429 Zoom sends.
    pub plan: Plan,
    /// Rates and daily caps to pace to instead of [`RateTable::for_plan`]`(plan)`.
    pub rate_limits: Option<RateTable>,
    /// Pace requests to the rate table and count daily caps (default true). False sends as fast
    /// as `max_in_flight` allows (for raw-throughput benchmarks); Zoom's 429s are still
    /// honoured (per-second: wait and retry; daily: [`crate::Error::DailyLimit`]).
    pub rate_limit: bool,
    /// Requests in flight at once, across all clones and tasks (default 16).
    pub max_in_flight: usize,
    /// Retries of a request after its first attempt, for 429 (per-second), 5xx, transport
    /// failures and an unreadable 200 (default 4: at most 5 attempts). 0 disables retries. The
    /// one token refresh on 401/124 is not counted.
    pub max_retries: u32,
    /// Backoff before the first retry of a 5xx or transport failure (default 200 ms); doubles
    /// with every retry, up to `retry_max_delay`; the actual wait is uniformly random between
    /// zero and that ("full jitter").
    pub retry_base_delay: Duration,
    /// Ceiling of the backoff (default 5 s).
    pub retry_max_delay: Duration,
    /// The longest per-second 429 `Retry-After` waited for (default 60 s); a longer one is
    /// returned as [`crate::Error::RateLimited`] naming when to retry.
    pub max_retry_after: Duration,
}

impl ClientConfig {
    /// Zoom's global API.
    pub const DEFAULT_API_URL: &'static str = "https://api.zoom.us";
    /// The largest page size every list endpoint used here accepts.
    pub const MAX_PAGE_SIZE: u32 = 300;

    /// A configuration for Zoom's global cloud with the defaults above.
    pub fn new(
        account_id: impl Into<String>,
        client_id: impl Into<String>,
        client_secret: SecretString,
    ) -> Self {
        let api_url = Url::parse(Self::DEFAULT_API_URL).expect("constant URL parses");
        ClientConfig {
            oauth_url: Self::default_oauth_url_for(&api_url),
            api_url,
            account_id: account_id.into(),
            client_id: client_id.into(),
            client_secret,
            verify_ssl: true,
            ca_cert: None,
            https_proxy: None,
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            page_size: Self::MAX_PAGE_SIZE,
            plan: Plan::default(),
            rate_limits: None,
            rate_limit: true,
            max_in_flight: 16,
            max_retries: 4,
            retry_base_delay: Duration::from_millis(200),
            retry_max_delay: Duration::from_secs(5),
            max_retry_after: Duration::from_secs(60),
        }
    }

    /// The rate table in force: `rate_limits`, or Zoom's table for `plan`.
    pub fn rate_table(&self) -> RateTable {
        self.rate_limits
            .clone()
            .unwrap_or_else(|| RateTable::for_plan(self.plan))
    }

    /// Sets `api_url` and the matching default `oauth_url`.
    #[must_use]
    pub fn with_api_url(mut self, api_url: Url) -> Self {
        self.oauth_url = Self::default_oauth_url_for(&api_url);
        self.api_url = api_url;
        self
    }

    /// The OAuth base for an API base: `https://zoomgov.com` for Zoom for Government
    /// (`*.zoomgov.com`), `https://zoom.us` otherwise.
    pub fn default_oauth_url_for(api_url: &Url) -> Url {
        let gov = api_url
            .host_str()
            .map(|h| {
                let h = h.trim_end_matches('.').to_ascii_lowercase();
                h == "zoomgov.com" || h.ends_with(".zoomgov.com")
            })
            .unwrap_or(false);
        let s = if gov {
            "https://zoomgov.com"
        } else {
            "https://zoom.us"
        };
        Url::parse(s).expect("constant URL parses")
    }
}

impl fmt::Debug for ClientConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientConfig")
            .field("api_url", &self.api_url.as_str())
            .field("oauth_url", &self.oauth_url.as_str())
            .field("account_id", &self.account_id)
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret)
            .field("verify_ssl", &self.verify_ssl)
            .field("ca_cert", &self.ca_cert)
            .field("https_proxy", &self.https_proxy.as_ref().map(redacted_url))
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("page_size", &self.page_size)
            .field("plan", &self.plan)
            .field("rate_limits", &self.rate_limits)
            .field("rate_limit", &self.rate_limit)
            .field("max_in_flight", &self.max_in_flight)
            .field("max_retries", &self.max_retries)
            .field("retry_base_delay", &self.retry_base_delay)
            .field("retry_max_delay", &self.retry_max_delay)
            .field("max_retry_after", &self.max_retry_after)
            .finish()
    }
}

/// The URL with any password replaced by `***`.
pub(crate) fn redacted_url(url: &Url) -> String {
    if url.password().is_some() {
        let mut u = url.clone();
        let _ = u.set_password(Some("***"));
        u.to_string()
    } else {
        url.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oauth_url_follows_api_url() {
        let gov = Url::parse("https://api.zoomgov.com").unwrap();
        assert_eq!(
            ClientConfig::default_oauth_url_for(&gov).as_str(),
            "https://zoomgov.com/"
        );
        let eu = Url::parse("https://api-eu.zoom.us").unwrap();
        assert_eq!(
            ClientConfig::default_oauth_url_for(&eu).as_str(),
            "https://zoom.us/"
        );
        let fake = Url::parse("https://notzoomgov.com").unwrap();
        assert_eq!(
            ClientConfig::default_oauth_url_for(&fake).as_str(),
            "https://zoom.us/"
        );
    }

    #[test]
    fn debug_hides_proxy_password() {
        let mut c = ClientConfig::new("acc", "cid", SecretString::from("sec"));
        c.https_proxy = Some(Url::parse("http://user:hunter2@proxy:3128").unwrap());
        let d = format!("{c:?}");
        assert!(!d.contains("hunter2"), "{d}");
        assert!(d.contains("user:***@proxy"), "{d}");
    }
}
