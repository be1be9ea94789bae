//! [`Client`]: construction (configuration checks, the HTTP client), its shared state and what
//! it reports. The typed endpoint methods are in `methods.rs`, the one request path in
//! `send.rs`, listings in `paging.rs`.

mod methods;
mod paging;
mod send;

use std::fmt;
use std::path::Path;
use std::sync::{Arc, Mutex};

use secrecy::ExposeSecret;
use url::Url;

use crate::config::{ClientConfig, redacted_url};
use crate::decode::root_cause;
use crate::error::Error;
use crate::rate::{Budget, ClientStats, DailyUsage};
use crate::token::TokenCache;

const USER_AGENT: &str = concat!("zoom-inventory/", env!("CARGO_PKG_VERSION"));

/// A client for Zoom's REST API, authenticated as a Server-to-Server OAuth app.
///
/// Cheap to clone: clones share the HTTP connection pool, the one access token, the rate budget
/// and the counters of [`Client::stats`].
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    config: ClientConfig,
    /// `{api_url}/v2`.
    api_base: Url,
    /// Length of `api_base`'s path: what to cut to get the endpoint path.
    api_base_path_len: usize,
    tokens: TokenCache,
    /// Rate pacing, daily caps, the in-flight cap and the counters.
    budget: Budget,
    /// Jitter for retry backoff.
    rng: Mutex<fastrand::Rng>,
}

impl Client {
    /// Checks the configuration and builds the HTTP client. Makes no request.
    pub fn new(config: ClientConfig) -> Result<Client, Error> {
        validate(&config)?;
        let mut api_base = config.api_url.clone();
        // Tolerate an api_url that already ends in /v2.
        let has_v2 = config.api_url.path().trim_end_matches('/').ends_with("/v2");
        {
            let mut segments = api_base.path_segments_mut().map_err(|()| {
                Error::Config(format!("api_url {} cannot be a base URL", config.api_url))
            })?;
            segments.pop_if_empty();
            if !has_v2 {
                segments.push("v2");
            }
        }
        api_base.set_query(None);
        api_base.set_fragment(None);
        let api_base_path_len = api_base.path().len();

        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut builder = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .redirect(reqwest::redirect::Policy::none())
            .timeout(config.timeout)
            .connect_timeout(config.connect_timeout)
            // Only the configured proxy: no HTTP(S)_PROXY/ALL_PROXY from the environment.
            .no_proxy();
        if !config.verify_ssl {
            builder = builder.tls_danger_accept_invalid_certs(true);
        }
        if let Some(path) = &config.ca_cert {
            builder = builder.tls_certs_merge(load_ca_bundle(path)?);
        }
        if let Some(proxy) = &config.https_proxy {
            let p = reqwest::Proxy::https(proxy.as_str()).map_err(|e| {
                Error::Config(format!(
                    "https_proxy {}: {}",
                    redacted_url(proxy),
                    root_cause(&e)
                ))
            })?;
            builder = builder.proxy(p);
        }
        let http = builder.build().map_err(|e| {
            let hint = match &config.ca_cert {
                Some(p) => format!("; check ca_cert {}", p.display()),
                None => String::new(),
            };
            Error::Config(format!(
                "could not build the http client: {}{hint}",
                root_cause(&e)
            ))
        })?;
        let budget = Budget::new(
            config.rate_limit,
            &config.rate_table(),
            config.max_in_flight,
        );
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                config,
                api_base,
                api_base_path_len,
                tokens: TokenCache::default(),
                budget,
                rng: Mutex::new(fastrand::Rng::new()),
            }),
        })
    }

    /// The configuration this client was built with.
    pub fn config(&self) -> &ClientConfig {
        &self.inner.config
    }

    /// What this client and all its clones have done so far: requests by category, 429s,
    /// retries, time spent waiting for the rate budget.
    pub fn stats(&self) -> ClientStats {
        self.inner.budget.counters.snapshot()
    }

    /// Today's (UTC) use of each daily cap as this client knows it: its own requests, raised to
    /// what Zoom's daily-limit headers (`X-RateLimit-Type: Daily-limit`,
    /// `X-RateLimit-Remaining`) reported, which counts every app of the account.
    pub fn daily_usage(&self) -> Vec<DailyUsage> {
        self.inner.budget.daily_usage()
    }

    /// Fetches a new access token now (replacing the cached one), to check the credentials.
    pub async fn access_token_check(&self) -> Result<(), Error> {
        self.inner
            .tokens
            .force(&self.inner.http, &self.inner.config)
            .await
            .map(drop)
    }

    /// The scopes granted to the current token (its `scope` field), or `None` before the first
    /// token was fetched.
    pub fn granted_scopes(&self) -> Option<Vec<String>> {
        self.inner.tokens.info().map(|i| i.scopes)
    }

    /// The `api_url` of the last token response (the region serving the account), for
    /// information: requests keep going to the configured `api_url`.
    pub fn token_api_url(&self) -> Option<String> {
        self.inner.tokens.info().and_then(|i| i.api_url)
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = &self.inner.config;
        f.debug_struct("Client")
            .field("api_url", &c.api_url.as_str())
            .field("oauth_url", &c.oauth_url.as_str())
            .field("account_id", &c.account_id)
            .field("client_id", &c.client_id)
            .field("token", &self.inner.tokens.describe())
            .finish_non_exhaustive()
    }
}

fn validate(config: &ClientConfig) -> Result<(), Error> {
    for (name, url) in [
        ("api_url", &config.api_url),
        ("oauth_url", &config.oauth_url),
    ] {
        if !matches!(url.scheme(), "http" | "https") {
            return Err(Error::Config(format!(
                "{name} {url} must be an http or https url"
            )));
        }
        if url.cannot_be_a_base() || url.host_str().is_none() {
            return Err(Error::Config(format!("{name} {url} has no host")));
        }
    }
    for (name, value) in [
        ("account_id", &config.account_id),
        ("client_id", &config.client_id),
    ] {
        if value.trim().is_empty() {
            return Err(Error::Config(format!("{name} is empty")));
        }
    }
    if config.client_secret.expose_secret().is_empty() {
        return Err(Error::Config("client_secret is empty".to_owned()));
    }
    if !(1..=ClientConfig::MAX_PAGE_SIZE).contains(&config.page_size) {
        return Err(Error::Config(format!(
            "page_size {} is out of range 1..={}",
            config.page_size,
            ClientConfig::MAX_PAGE_SIZE
        )));
    }
    if config.timeout.is_zero() || config.connect_timeout.is_zero() {
        return Err(Error::Config(
            "timeout and connect_timeout must be positive".to_owned(),
        ));
    }
    if config.max_in_flight == 0 {
        return Err(Error::Config("max_in_flight must be at least 1".to_owned()));
    }
    if let Some(problem) = config.rate_table().problem() {
        return Err(Error::Config(problem));
    }
    Ok(())
}

fn load_ca_bundle(path: &Path) -> Result<Vec<reqwest::Certificate>, Error> {
    let pem = std::fs::read(path)
        .map_err(|e| Error::Config(format!("could not read ca_cert {}: {e}", path.display())))?;
    let certs = reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| {
        Error::Config(format!(
            "ca_cert {} is not a valid pem bundle: {}",
            path.display(),
            root_cause(&e)
        ))
    })?;
    if certs.is_empty() {
        return Err(Error::Config(format!(
            "ca_cert {} holds no pem certificate (expected -----BEGIN CERTIFICATE-----)",
            path.display()
        )));
    }
    Ok(certs)
}
