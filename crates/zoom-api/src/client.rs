//! [`Client`]: the shared token, the one request path, pagination and the typed endpoints.

use std::collections::HashSet;
use std::collections::hash_map::DefaultHasher;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::Stream;
use futures_util::stream;
use jiff::civil::Date;
use reqwest::StatusCode;
use reqwest::header::{ACCEPT, HeaderMap, LOCATION};
use secrecy::ExposeSecret;
use serde::de::DeserializeOwned;
use tracing::{Instrument, debug, debug_span, trace, warn};
use url::Url;

use crate::config::{ClientConfig, redacted_url};
use crate::dates::query_date;
use crate::error::{Error, RateLimitDetails, TransportKind, parse_missing_scopes};
use crate::rate::{After429, Budget, ClientStats, RateCategory, RateHeaders, bump, category_of};
use crate::token::{Token, TokenCache};
use crate::wire::{
    AccountSettings, ApiErrorBody, CalendarResource, CalendarService, DashboardMeeting, Group,
    H323Device, MarketplaceApp, MeetingParticipant, MeetingSecuritySettings, OperationLog,
    PageMeta, PlanUsage, Role, RoleDetails, RoleMember, RoomDevice, RoomLocation, RoomProfile,
    SignInActivity, User, UserListItem, UserStatus, UsersSummary, WithRaw, ZdmDevice, ZoomRoom,
};

/// The endpoint named in token errors.
pub(crate) const TOKEN_ENDPOINT: &str = "POST /oauth/token";

const USER_AGENT: &str = concat!("zoom-inventory/", env!("CARGO_PKG_VERSION"));

/// How many characters of a non-JSON error body go into an error message.
const SNIPPET_CHARS: usize = 200;

/// How many times one listing restarts from its first page after an expired page token.
const MAX_PAGE_RESTARTS: u32 = 3;

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

/// A GET request to the API, before the base URL and paging parameters are added.
#[derive(Clone, Debug)]
struct ApiRequest {
    /// Path segments after `/v2`.
    segments: Vec<Segment>,
    query: Vec<(&'static str, String)>,
}

/// One path segment of an [`ApiRequest`].
#[derive(Clone, Debug, PartialEq, Eq)]
enum Segment {
    /// Text, percent-encoded when the URL is built (as the `url` crate encodes a segment).
    Text(String),
    /// Already percent-encoded; goes into the path as it is (see [`meeting_id_segment`]).
    Encoded(String),
}

impl From<&str> for Segment {
    fn from(s: &str) -> Self {
        Segment::Text(s.to_owned())
    }
}

impl From<String> for Segment {
    fn from(s: String) -> Self {
        Segment::Text(s)
    }
}

impl ApiRequest {
    fn get<I, S>(segments: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<Segment>,
    {
        ApiRequest {
            segments: segments.into_iter().map(Into::into).collect(),
            query: Vec::new(),
        }
    }

    fn query(mut self, key: &'static str, value: impl Into<String>) -> Self {
        self.query.push((key, value.into()));
        self
    }

    /// The rate-limit category of this request's endpoint.
    fn category(&self) -> RateCategory {
        let segments: Vec<&str> = self
            .segments
            .iter()
            .map(|s| match s {
                Segment::Text(t) | Segment::Encoded(t) => t.as_str(),
            })
            .collect();
        category_of(&segments)
    }

    /// Whether the request carries a page token.
    fn has_page_token(&self) -> bool {
        self.query.iter().any(|(k, _)| *k == "next_page_token")
    }
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

    // -----------------------------------------------------------------------------------------
    // Endpoints

    /// `GET /users?status=…`, every page. `status` is always sent.
    pub fn list_users(
        &self,
        status: UserStatus,
    ) -> impl Stream<Item = Result<WithRaw<UserListItem>, Error>> + Send + 'static + use<> {
        self.paginate(
            ApiRequest::get(["users"]).query("status", status.as_str()),
            "users",
        )
    }

    /// `GET /users/{userId}` (ID or email).
    pub async fn get_user(&self, user_id: &str) -> Result<WithRaw<User>, Error> {
        self.get_item(&ApiRequest::get(["users", user_id])).await
    }

    /// `GET /rooms/{roomId}`: a Zoom Room's profile (its basic settings name the room's Zoom
    /// user account).
    pub async fn get_room(&self, room_id: &str) -> Result<WithRaw<RoomProfile>, Error> {
        self.get_item(&ApiRequest::get(["rooms", room_id])).await
    }

    /// `GET /groups`, every page.
    pub fn list_groups(
        &self,
    ) -> impl Stream<Item = Result<WithRaw<Group>, Error>> + Send + 'static + use<> {
        self.paginate(ApiRequest::get(["groups"]), "groups")
    }

    /// `GET /roles` (not paginated in Zoom's spec; the default `type`, `common`).
    pub async fn list_roles(&self) -> Result<Vec<WithRaw<Role>>, Error> {
        self.get_list(&ApiRequest::get(["roles"]), "roles").await
    }

    /// `GET /roles/{roleId}`: the role with its privileges.
    pub async fn get_role(&self, role_id: &str) -> Result<WithRaw<RoleDetails>, Error> {
        self.get_item(&ApiRequest::get(["roles", role_id])).await
    }

    /// `GET /accounts/me/settings`: security, meeting and recording settings.
    pub async fn account_settings(&self) -> Result<WithRaw<AccountSettings>, Error> {
        self.get_item(&ApiRequest::get(["accounts", "me", "settings"]))
            .await
    }

    /// `GET /accounts/me/settings?option=meeting_security`: waiting room and passcodes.
    pub async fn meeting_security_settings(
        &self,
    ) -> Result<WithRaw<MeetingSecuritySettings>, Error> {
        self.get_item(
            &ApiRequest::get(["accounts", "me", "settings"]).query("option", "meeting_security"),
        )
        .await
    }

    /// `GET /accounts/me/lock_settings`: which settings users cannot change (the JSON as is:
    /// every leaf is a setting's name and whether it is locked). Pro plans and up.
    pub async fn account_lock_settings(&self) -> Result<serde_json::Value, Error> {
        let (_, raw) = self
            .get_value(&ApiRequest::get(["accounts", "me", "lock_settings"]))
            .await?;
        Ok(raw)
    }

    /// `GET /accounts/me/plans/usage`: seats bought and used. Paid plans only.
    pub async fn plan_usage(&self) -> Result<WithRaw<PlanUsage>, Error> {
        self.get_item(&ApiRequest::get(["accounts", "me", "plans", "usage"]))
            .await
    }

    /// `GET /users/summary`: users by licence.
    pub async fn users_summary(&self) -> Result<WithRaw<UsersSummary>, Error> {
        self.get_item(&ApiRequest::get(["users", "summary"])).await
    }

    /// `GET /marketplace/apps?type=account_added`: the apps added to the account, every page.
    pub fn list_installed_apps(
        &self,
    ) -> impl Stream<Item = Result<WithRaw<MarketplaceApp>, Error>> + Send + 'static + use<> {
        self.paginate(
            ApiRequest::get(["marketplace", "apps"]).query("type", "account_added"),
            "apps",
        )
    }

    /// `GET /roles/{roleId}/members`, every page.
    pub fn list_role_members(
        &self,
        role_id: &str,
    ) -> impl Stream<Item = Result<WithRaw<RoleMember>, Error>> + Send + 'static + use<> {
        self.paginate(ApiRequest::get(["roles", role_id, "members"]), "members")
    }

    /// `GET /h323/devices` (H.323/SIP devices), every page.
    pub fn list_h323_devices(
        &self,
    ) -> impl Stream<Item = Result<WithRaw<H323Device>, Error>> + Send + 'static + use<> {
        self.paginate(ApiRequest::get(["h323", "devices"]), "devices")
    }

    /// `GET /rooms` (Zoom Rooms), every page, without filters (Zoom's defaults, which include
    /// `unassigned_rooms=false`).
    pub fn list_rooms(
        &self,
    ) -> impl Stream<Item = Result<WithRaw<ZoomRoom>, Error>> + Send + 'static + use<> {
        self.paginate(ApiRequest::get(["rooms"]), "rooms")
    }

    /// `GET /rooms/{roomId}/devices` (not paginated in Zoom's spec). `room_id` is
    /// [`ZoomRoom::id`](crate::wire::ZoomRoom::id), not `room_id`.
    pub async fn list_room_devices(
        &self,
        room_id: &str,
    ) -> Result<Vec<WithRaw<RoomDevice>>, Error> {
        self.get_list(&ApiRequest::get(["rooms", room_id, "devices"]), "devices")
            .await
    }

    /// `GET /rooms/locations` (the Zoom Rooms location hierarchy, every level), every page.
    pub fn list_room_locations(
        &self,
    ) -> impl Stream<Item = Result<WithRaw<RoomLocation>, Error>> + Send + 'static + use<> {
        self.paginate(ApiRequest::get(["rooms", "locations"]), "locations")
    }

    /// `GET /rooms/calendar/services` (not paginated in Zoom's spec).
    pub async fn list_calendar_services(&self) -> Result<Vec<WithRaw<CalendarService>>, Error> {
        self.get_list(
            &ApiRequest::get(["rooms", "calendar", "services"]),
            "calendar_services",
        )
        .await
    }

    /// `GET /rooms/calendar/services/{serviceId}/resources`, every page.
    pub fn list_calendar_resources(
        &self,
        service_id: &str,
    ) -> impl Stream<Item = Result<WithRaw<CalendarResource>, Error>> + Send + 'static + use<> {
        self.paginate(
            ApiRequest::get(["rooms", "calendar", "services", service_id, "resources"]),
            "calendar_resources",
        )
    }

    /// `GET /devices` (Zoom Device Management), every page, without filters (Zoom's defaults;
    /// a third-party copy of the spec says `is_enrolled_in_zdm` defaults to true).
    pub fn list_zdm_devices(
        &self,
    ) -> impl Stream<Item = Result<WithRaw<ZdmDevice>, Error>> + Send + 'static + use<> {
        self.paginate(ApiRequest::get(["devices"]), "devices")
    }

    /// `GET /metrics/meetings?type=past&from=…&to=…` (Dashboard, past meetings), every page.
    ///
    /// One request window: Zoom takes at most one month within the last six months; split
    /// longer ranges with [`month_windows`](crate::month_windows). Dates are sent as
    /// `yyyy-MM-dd`; which meetings a day includes (by start time, in which time zone) is
    /// Zoom's.
    pub fn list_past_meetings(
        &self,
        from: Date,
        to: Date,
    ) -> impl Stream<Item = Result<WithRaw<DashboardMeeting>, Error>> + Send + 'static + use<> {
        self.paginate(
            ApiRequest::get(["metrics", "meetings"])
                .query("type", "past")
                .query("from", query_date(from))
                .query("to", query_date(to)),
            "meetings",
        )
    }

    /// `GET /metrics/meetings/{meetingId}/participants?type=past`, every page.
    ///
    /// `meeting_uuid` is a [`DashboardMeeting::uuid`](crate::wire::DashboardMeeting::uuid) (or a
    /// meeting number, for the latest instance). It is percent-encoded once, or twice when it
    /// starts with `/` or contains `//`, as Zoom requires.
    pub fn list_meeting_participants(
        &self,
        meeting_uuid: &str,
    ) -> impl Stream<Item = Result<WithRaw<MeetingParticipant>, Error>> + Send + 'static + use<>
    {
        self.paginate(
            ApiRequest::get([
                Segment::from("metrics"),
                Segment::from("meetings"),
                meeting_id_segment(meeting_uuid),
                Segment::from("participants"),
            ])
            .query("type", "past"),
            "participants",
        )
    }

    /// `GET /report/activities?from=…&to=…` (sign-in and sign-out report), every page.
    ///
    /// One request window (at most one month, within the last six months): see
    /// [`month_windows`](crate::month_windows).
    pub fn list_sign_in_activities(
        &self,
        from: Date,
        to: Date,
    ) -> impl Stream<Item = Result<WithRaw<SignInActivity>, Error>> + Send + 'static + use<> {
        self.paginate(
            ApiRequest::get(["report", "activities"])
                .query("from", query_date(from))
                .query("to", query_date(to)),
            "activity_logs",
        )
    }

    /// `GET /report/operationlogs?from=…&to=…` (admin operation logs, every category), every
    /// page.
    ///
    /// One request window (at most one month, within the last six months): see
    /// [`month_windows`](crate::month_windows).
    pub fn list_operation_logs(
        &self,
        from: Date,
        to: Date,
    ) -> impl Stream<Item = Result<WithRaw<OperationLog>, Error>> + Send + 'static + use<> {
        self.paginate(
            ApiRequest::get(["report", "operationlogs"])
                .query("from", query_date(from))
                .query("to", query_date(to)),
            "operation_logs",
        )
    }

    /// Every item of the array `items_field` of a list that Zoom's spec does not paginate: one
    /// request, no paging parameters; a `next_page_token` in the answer is logged and ignored.
    /// One object, decoded.
    async fn get_item<T: DeserializeOwned>(&self, req: &ApiRequest) -> Result<WithRaw<T>, Error> {
        let (endpoint, raw) = self.get_value(req).await?;
        decode_item(&endpoint, ".", raw)
    }

    async fn get_list<T: DeserializeOwned>(
        &self,
        req: &ApiRequest,
        items_field: &str,
    ) -> Result<Vec<WithRaw<T>>, Error> {
        let (endpoint, body) = self.get_value(req).await?;
        let (meta, items) = split_page(&endpoint, body, items_field)?;
        if let Some(token) = meta.next_token() {
            warn!(
                endpoint,
                len = token.len(),
                "an unpaginated list returned a next_page_token; ignored"
            );
        }
        items
            .into_iter()
            .enumerate()
            .map(|(i, raw)| decode_item(&endpoint, &format!("{items_field}[{i}]"), raw))
            .collect()
    }

    // -----------------------------------------------------------------------------------------
    // The one request path

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
    async fn get_value(&self, req: &ApiRequest) -> Result<(String, serde_json::Value), Error> {
        let (url, endpoint) = self.url_for(req)?;
        let category = req.category();
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
                let result = self.execute(&endpoint, &url, &token, category).await;
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
            .get(url.clone())
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
            let encoded = match segment {
                Segment::Text(s) => percent_encode(s, keep_in_path_segment),
                Segment::Encoded(s) => s.clone(),
            };
            // An empty segment changes the route; `.` and `..` would be resolved away by the
            // URL parser (and so would their encodings `%2e`): none is a valid id.
            if matches!(encoded.as_str(), "" | "." | "..") {
                let shown: Vec<String> = req
                    .segments
                    .iter()
                    .map(|s| match s {
                        Segment::Text(t) | Segment::Encoded(t) => t.clone(),
                    })
                    .collect();
                return Err(Error::InvalidArgument(format!(
                    "GET /{}: an id in the path is empty, `.` or `..`",
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
        let endpoint = format!("GET {}", &url.path()[inner.api_base_path_len..]);
        Ok((url, endpoint))
    }

    // -----------------------------------------------------------------------------------------
    // Pagination

    /// Every item of the array `items_field` across the pages of `req`, following
    /// `next_page_token` at the configured page size.
    ///
    /// Pages are fetched one at a time, only when the previous page's items are consumed. A
    /// page that fails ends the stream after its error; an item that fails to decode yields an
    /// error and the stream goes on with the next item.
    ///
    /// An expired page token (HTTP 400, code 300, on a request that carried one: tokens live
    /// 15 minutes) restarts the listing from its first page, at most [`MAX_PAGE_RESTARTS`]
    /// times. Items are never yielded twice: a 64-bit digest of every yielded item's raw JSON
    /// is kept (8 bytes an item), and after a restart items already yielded are skipped.
    fn paginate<T>(
        &self,
        req: ApiRequest,
        items_field: &'static str,
    ) -> impl Stream<Item = Result<WithRaw<T>, Error>> + Send + 'static + use<T>
    where
        T: DeserializeOwned + Send + 'static,
    {
        let state = PageState::<T> {
            client: self.clone(),
            req: req.query("page_size", self.inner.config.page_size.to_string()),
            items_field,
            endpoint: String::new(),
            buffer: Vec::new().into_iter(),
            index: 0,
            page: 0,
            next_token: None,
            seen_tokens: HashSet::new(),
            yielded: HashSet::new(),
            restarts: 0,
            done: false,
            pending_error: None,
            _item: PhantomData,
        };
        stream::unfold(state, |mut st| async move {
            loop {
                if let Some(raw) = st.buffer.next() {
                    let path = format!("{}[{}]", st.items_field, st.index);
                    st.index += 1;
                    let fresh = st.yielded.insert(digest(&raw));
                    if !fresh && st.restarts > 0 {
                        bump(&st.client.inner.budget.counters.duplicates_skipped);
                        continue;
                    }
                    let item = decode_item(&st.endpoint, &path, raw).map_err(|e| match e {
                        Error::Decode {
                            endpoint,
                            path,
                            message,
                        } => Error::Decode {
                            endpoint,
                            path,
                            message: format!("{message} (page {})", st.page),
                        },
                        other => other,
                    });
                    return Some((item, st));
                }
                if let Some(e) = st.pending_error.take() {
                    return Some((Err(e), st));
                }
                if st.done {
                    return None;
                }
                let mut req = st.req.clone();
                if let Some(token) = &st.next_token {
                    req = req.query("next_page_token", token.clone());
                }
                st.page += 1;
                let fetched = match st.client.get_value(&req).await {
                    Ok((endpoint, body)) => {
                        st.endpoint = endpoint;
                        split_page(&st.endpoint, body, st.items_field)
                    }
                    Err(e) => Err(e),
                };
                let (meta, items) = match fetched {
                    Ok(page) => page,
                    Err(e)
                        if is_expired_page_token(&e, &req) && st.restarts < MAX_PAGE_RESTARTS =>
                    {
                        st.restarts += 1;
                        bump(&st.client.inner.budget.counters.page_restarts);
                        warn!(
                            endpoint = st.endpoint,
                            page = st.page,
                            restart = st.restarts,
                            "page token expired; restarting the listing from its first page, skipping items already returned"
                        );
                        st.next_token = None;
                        st.seen_tokens.clear();
                        st.page = 0;
                        continue;
                    }
                    Err(e) => {
                        st.done = true;
                        return Some((Err(e), st));
                    }
                };
                trace!(page = st.page, items = items.len(), "page received");
                st.buffer = items.into_iter();
                st.index = 0;
                match meta.next_token() {
                    None => st.done = true,
                    Some(token) if !st.seen_tokens.insert(token.to_owned()) => {
                        st.done = true;
                        let error = Error::Decode {
                            endpoint: st.endpoint.clone(),
                            path: "next_page_token".to_owned(),
                            message: format!(
                                "zoom returned a next_page_token it had already returned (page {}); stopped to avoid a loop",
                                st.page
                            ),
                        };
                        // The items of this page come first; the error after them.
                        st.pending_error = Some(error);
                    }
                    Some(token) => st.next_token = Some(token.to_owned()),
                }
            }
        })
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

struct PageState<T> {
    client: Client,
    req: ApiRequest,
    items_field: &'static str,
    /// Label of the last page's request.
    endpoint: String,
    buffer: std::vec::IntoIter<serde_json::Value>,
    /// Index of the next buffered item within its page.
    index: usize,
    /// Number of pages requested so far.
    page: usize,
    next_token: Option<String>,
    seen_tokens: HashSet<String>,
    /// Digests of the items yielded so far (see [`digest`]).
    yielded: HashSet<u64>,
    /// Restarts after an expired page token.
    restarts: u32,
    done: bool,
    /// Reported once the buffered items are out.
    pending_error: Option<Error>,
    _item: PhantomData<fn() -> T>,
}

/// A 64-bit digest of an item's raw JSON (independent of key order), to recognise items
/// already yielded when a listing restarts. Two different items collide with probability about
/// n²/2⁶⁵ for n items (1e-8 for a million).
fn digest(raw: &serde_json::Value) -> u64 {
    let mut h = DefaultHasher::new();
    raw.hash(&mut h);
    h.finish()
}

/// Zoom's answer to an expired or invalid page token (400, code 300) on a request that sent
/// one.
fn is_expired_page_token(e: &Error, req: &ApiRequest) -> bool {
    req.has_page_token()
        && matches!(
            e,
            Error::Api {
                status: 400,
                code: Some(300),
                ..
            }
        )
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

// ---------------------------------------------------------------------------------------------
// Decoding and error mapping

/// The longest JSON path a decode error quotes.
const MAX_PATH_CHARS: usize = 120;

/// The body as JSON; a decode error names the JSON path where it failed.
fn parse_json(endpoint: &str, body: &[u8]) -> Result<serde_json::Value, Error> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Decode {
            endpoint: endpoint.to_owned(),
            path: ".".to_owned(),
            message: "empty body".to_owned(),
        });
    }
    let mut de = serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize::<_, serde_json::Value>(&mut de)
        .map_err(|e| (e.path().to_string(), e.into_inner()))
        .and_then(|v| de.end().map(|()| v).map_err(|e| (".".to_owned(), e)))
        .map_err(|(path, e)| {
            // A proxy or a login page answering instead of the API: say so plainly.
            let html = body
                .iter()
                .find(|byte| !byte.is_ascii_whitespace())
                .is_some_and(|byte| *byte == b'<');
            // A hostile body can nest deeper than any message should be long.
            let path = match path.char_indices().nth(MAX_PATH_CHARS) {
                Some((cut, _)) => format!("{}…", &path[..cut]),
                None => path,
            };
            Error::Decode {
                endpoint: endpoint.to_owned(),
                path,
                message: if html {
                    format!("expected JSON but got HTML or XML ({e})")
                } else {
                    e.to_string()
                },
            }
        })
}

/// The paging fields and the items array `field` of a list response.
fn split_page(
    endpoint: &str,
    body: serde_json::Value,
    field: &str,
) -> Result<(PageMeta, Vec<serde_json::Value>), Error> {
    let decode_error = |path: String, message: String| Error::Decode {
        endpoint: endpoint.to_owned(),
        path,
        message,
    };
    let serde_json::Value::Object(mut map) = body else {
        return Err(decode_error(
            ".".to_owned(),
            format!("expected a json object, got {}", kind(&body)),
        ));
    };
    let items = match map.remove(field) {
        None | Some(serde_json::Value::Null) => Vec::new(),
        Some(serde_json::Value::Array(items)) => items,
        Some(other) => {
            return Err(decode_error(
                field.to_owned(),
                format!("expected an array, got {}", kind(&other)),
            ));
        }
    };
    let meta = serde_path_to_error::deserialize::<_, PageMeta>(&serde_json::Value::Object(map))
        .map_err(|e| decode_error(e.path().to_string(), e.into_inner().to_string()))?;
    Ok((meta, items))
}

/// `raw` decoded into `T`; `path` is where `raw` sits in the body (`.` for the root).
fn decode_item<T: DeserializeOwned>(
    endpoint: &str,
    path: &str,
    raw: serde_json::Value,
) -> Result<WithRaw<T>, Error> {
    match serde_path_to_error::deserialize::<_, T>(&raw) {
        Ok(item) => Ok(WithRaw { item, raw }),
        Err(e) => {
            let inner = e.path().to_string();
            let full = match (path, inner.as_str()) {
                (p, ".") => p.to_owned(),
                (".", i) => i.to_owned(),
                (p, i) => format!("{p}.{i}"),
            };
            Err(Error::Decode {
                endpoint: endpoint.to_owned(),
                path: full,
                message: e.into_inner().to_string(),
            })
        }
    }
}

fn kind(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

/// A non-2xx API response as an [`Error`].
fn error_from_response(
    endpoint: &str,
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> Error {
    let parsed: Option<ApiErrorBody> = serde_json::from_slice(body).ok();
    let code = parsed.as_ref().and_then(|b| b.code);
    let zoom_message = parsed.as_ref().and_then(|b| b.message.clone());
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(|s| s.trim().to_owned())
    };

    if status == StatusCode::TOO_MANY_REQUESTS {
        return Error::RateLimited {
            endpoint: endpoint.to_owned(),
            category: header("x-ratelimit-category"),
            limit_type: header("x-ratelimit-type"),
            retry_after: header("retry-after"),
            details: Box::new(RateLimitDetails {
                limit: header("x-ratelimit-limit"),
                remaining: header("x-ratelimit-remaining"),
                reset: header("x-ratelimit-reset"),
                code,
                message: zoom_message,
            }),
        };
    }

    if let (Some(c), Some(m)) = (code, zoom_message.as_deref())
        && (c == 4711 || (c == 4700 && m.contains("does not contain")))
    {
        return Error::MissingScopes {
            endpoint: endpoint.to_owned(),
            status: status.as_u16(),
            code: c,
            scopes: parse_missing_scopes(m),
            message: m.to_owned(),
        };
    }

    let mut message = match zoom_message {
        Some(m) => m,
        None if status.is_redirection() => format!(
            "redirect to {} (redirects are not followed; check api_url)",
            header(LOCATION.as_str()).unwrap_or_else(|| "an unnamed location".to_owned())
        ),
        None => snippet(body)
            .unwrap_or_else(|| status.canonical_reason().unwrap_or_default().to_owned()),
    };
    if let Some(b) = &parsed {
        let details: Vec<String> = b
            .errors
            .iter()
            .map(|fe| {
                format!(
                    "{}: {}",
                    fe.field.as_deref().unwrap_or("?"),
                    fe.message
                        .as_deref()
                        .unwrap_or("invalid")
                        .trim_end_matches('.')
                )
            })
            .collect();
        if !details.is_empty() {
            message = format!("{} ({})", message.trim_end_matches('.'), details.join("; "));
        }
    }
    Error::Api {
        endpoint: endpoint.to_owned(),
        status: status.as_u16(),
        code,
        message,
    }
}

// ---------------------------------------------------------------------------------------------
// Path encoding

/// Zoom's rule for a meeting UUID in a path: "If you provide a meeting UUID that begins with a
/// `/` character or contains the `//` characters, you must double-encode the meeting UUID".
/// Encoded as JavaScript's `encodeURIComponent` does (Zoom's examples), once, or twice under
/// that rule: `abc==` → `abc%3D%3D`, `/abc==` → `%252Fabc%253D%253D`.
fn meeting_id_segment(id: &str) -> Segment {
    let once = percent_encode(id, keep_in_uri_component);
    if id.starts_with('/') || id.contains("//") {
        Segment::Encoded(percent_encode(&once, keep_in_uri_component))
    } else {
        Segment::Encoded(once)
    }
}

/// Bytes `encodeURIComponent` leaves as they are: ASCII letters and digits and `-_.!~*'()`.
fn keep_in_uri_component(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&b)
}

/// Bytes the `url` crate leaves as they are in a path segment of an http(s) URL: printable
/// ASCII except space, `"`, `#`, `%`, `/`, `<`, `>`, `?`, `\`, `` ` ``, `{`, `}`.
fn keep_in_path_segment(b: u8) -> bool {
    b.is_ascii_graphic() && !b"\"#%/<>?\\`{}".contains(&b)
}

/// `s` with every byte that `keep` refuses written as `%XX` (upper-case hex).
fn percent_encode(s: &str, keep: fn(u8) -> bool) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if keep(b) {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0x0f)]));
        }
    }
    out
}

/// The start of a body that is not Zoom's error JSON, on one line.
fn snippet(body: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(body);
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.is_empty() {
        return None;
    }
    let mut s: String = one_line.chars().take(SNIPPET_CHARS).collect();
    if one_line.chars().count() > SNIPPET_CHARS {
        s.push_str("...");
    }
    Some(s)
}

/// A reqwest failure as [`Error::Transport`], saying what to check (`setting` is the config
/// field that names the server).
pub(crate) fn transport_error(
    endpoint: &str,
    url: &Url,
    setting: &str,
    config: &ClientConfig,
    e: reqwest::Error,
) -> Error {
    let origin = url.origin().ascii_serialization();
    let root = root_cause(&e);
    let check = if config.https_proxy.is_some() && url.scheme() == "https" {
        format!("{setting}, https_proxy and network")
    } else {
        format!("{setting} and network")
    };
    let (kind, message) = if e.is_connect() {
        let kind = if e.is_timeout() {
            TransportKind::Timeout
        } else {
            TransportKind::Connect
        };
        (
            kind,
            format!("could not connect to {origin}: {root}; check {check}"),
        )
    } else if e.is_timeout() {
        (
            TransportKind::Timeout,
            format!(
                "request to {origin} timed out after {:?}; check network or raise the timeout",
                config.timeout
            ),
        )
    } else {
        (
            TransportKind::Other,
            format!("request to {origin} failed: {root}"),
        )
    };
    Error::Transport {
        endpoint: endpoint.to_owned(),
        kind,
        message,
        source: e,
    }
}

/// The innermost cause's message (reqwest's own message is "error sending request for url").
fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cur = e;
    while let Some(next) = cur.source() {
        cur = next;
    }
    cur.to_string()
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
