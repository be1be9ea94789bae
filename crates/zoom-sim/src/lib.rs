//! A simulated Zoom account: the REST API (`/v2/...`) and the Server-to-Server OAuth token
//! endpoint (`/oauth/token`) of one account, served over HTTP on loopback.
//!
//! Real Zoom is never reachable from this project, so this simulator *is* our Zoom for tests,
//! the demo and benchmarks. It is written from Zoom's public documentation (the OpenAPI documents
//! in `fixtures/openapi/` and `shared/zoom-api/NOTES.md`), independently of the `zoom-api`
//! client crate, so that a misreading of the docs in one is caught by the other. Its responses
//! are validated against Zoom's OpenAPI schemas in this crate's tests.
//!
//! **What it is not:** a mock that answers whatever a test wants. It has one account, generated
//! deterministically from [`SimConfig::seed`], [`SimConfig::users`], [`SimConfig::plan`] and
//! [`SimConfig::now`], and answers like Zoom does, errors included. It does not implement
//! writes, webhooks, or any endpoint outside the table in `http/routes/mod.rs`.
//!
//! # The account
//! Users, groups and roles; Zoom Rooms ([`SimRoom`], with their devices, a location hierarchy and
//! calendar resources) whose user accounts are among the users; H.323/SIP devices; Zoom Device
//! Management devices; 200 days of past meetings ([`SimMeeting`]) whose participants join from a
//! pool of physical devices ([`SimMeetingDevice`]); sign-in/out activity and the operation log.
//! Every part is public on [`Account`] as ground truth; the sizes scale with `users` (rooms about
//! `users / 50`, H.323 devices `users / 100`, ZDM devices `users / 20`, meetings a few a day per
//! 20 users, capped so that large accounts stay fast).
//!
//! # Determinism
//! Every timestamp in the account is derived from [`SimConfig::now`], the simulator's "current
//! time". Its default is the current UTC day at 00:00, so **responses are byte-identical for the
//! same seed, size, plan and day**; set `now` explicitly for fully reproducible output. Page
//! tokens are derived from the query and position too, so a whole pagination walk repeats
//! byte for byte. Only access tokens are random.
//!
//! # Where to start reading
//! Four parts, one directory each; the generator depends on nothing else of the crate.
//! - [`Simulator`] (this file): start, stop, and the test controls (request log, token revocation,
//!   page-token expiry, a movable clock, [`SimStats`], edits). [`SimConfig`] and [`Plan`] are in
//!   `config.rs`, the public errors in `error.rs`.
//! - `generate/`: the account generator, pure (seed in, [`Account`] out, no HTTP).
//!   `account.rs` puts the account together and indexes it; `users.rs` ([`SimUser`],
//!   [`SimGroup`], [`SimRole`]), `rooms.rs` (rooms, locations, calendars), `devices.rs` (H.323,
//!   ZDM), `meetings.rs` (meetings, participants, meeting devices), `activity.rs` (sign-ins,
//!   operation log), `saas.rs` (subscription, policies, apps, the portal user) and `settings.rs`
//!   (every setting of the account, its locks, what groups and users set otherwise; Zoom's
//!   schemas as data in `settings.json`) generate the parts, from the
//!   helpers of `random.rs`, `hardware.rs` (MAC addresses, serial numbers) and `names.rs`.
//! - `http/`: what serves the account. `server.rs` (shared state, router, request log),
//!   `gate.rs` (the single gate every `/v2` request passes: token check, scope check, plan gate,
//!   rate limits, faults, and the rate-limit headers), `routes/mod.rs` (the endpoint table: scopes,
//!   rate-limit label, plan; and the handlers), `oauth.rs`, `paging.rs`, `error.rs` (token
//!   endpoint, page tokens, Zoom's error bodies).
//! - `controls/`: what tests set and read, decided apart from HTTP. `ratelimit.rs` (Zoom's rate
//!   limits, [`RateLimits`]: token buckets per category, daily caps per UTC day), `faults.rs` (the
//!   seeded fault plan, [`FaultPlan`]: its spec grammar and what each fault looks like to a
//!   client), `clock.rs` (the movable clock), `edits.rs` (the account replaced whole by
//!   [`Simulator::edit`]), `stats.rs` ([`SimStats`]).
//! - `portal/`: the web portal (below).
//!
//! # The web portal
//! [`Simulator::portal_url`] serves the web portal the SaaS side of the inventory signs in to: a
//! sign-in page (e-mail, password), a 2FA page (the TOTP code of
//! [`SimPortalUser::mfa_secret`]), a session cookie, and pages that fill themselves from JSON
//! after load (account profile, billing, security, SSO, roles, groups, users, installed apps). It
//! bypasses the `/v2` gate but is in the request log. Sessions live
//! [`SimConfig::portal_session_ttl`]; [`SimConfig::portal_max_failures`] failures in a row lock
//! the address for [`SimConfig::portal_lockout`], both on the simulator's clock. Details in
//! `portal/mod.rs`.
//!
//! # Rate limits and faults (off by default)
//! With the default [`SimConfig`] nothing is limited and no fault is injected. Set
//! [`SimConfig::rate_limits`] (e.g. `Some(RateLimits::zoom(plan))`) to enforce Zoom's
//! account-level limits, and [`SimConfig::faults`] (e.g. `FaultPlan::parse("seed=7,5xx=0.1")`) to
//! inject reproducible failures. [`Simulator::stats`] counts requests by category, 429s and
//! faults; the request log records them per request. Choices (documented in `controls/ratelimit.rs`):
//! - per-second limits are token buckets of `limit` requests refilled at `limit` per second (per
//!   minute for Resource-intensive) on real time; daily caps count per UTC day of the simulator's
//!   clock, which [`Simulator::advance_clock`] moves past midnight;
//! - a refused request (429) takes nothing from the bucket or the daily cap, so `Retry-After: 1`
//!   is truthful; requests refused earlier in the gate (token, scope, plan) are not counted;
//! - faults are decided from a hash of the request and how many times it was seen, apply only
//!   after the rate limiter (they count against limits), never to `/oauth/token`.
//!
//! # Choices where the docs disagree or are silent
//! - An invalid, revoked or expired access token gets HTTP 401 `{"code":124,...}` (observed
//!   behaviour), although the Users spec lists code 124 under 400.
//! - `page_size` on `GET /users` is capped at 2000, the current spec's maximum (the 2023 spec and
//!   the pagination page said 300). Values below 1 are served as the default (30).
//! - An unknown `/v2` route (or a known path with a method the table does not list) gets HTTP 404
//!   `{"code":2300,"message":"This API endpoint is not recognized."}`.
//! - `GET /users/{userId}` of a pending user shows `created_at` = the simulator's "now" (the spec:
//!   "the time at which the API call was made"); a pending user whose invitation is older than
//!   30 days gets 400 code 1120 instead, as the spec describes.
//! - Zoom Rooms accounts are ordinary users (`room-<slug>@<domain>`, login type 100, Member,
//!   active) at the end of the user list, counted in [`SimConfig::users`]. Free accounts have no
//!   Zoom Rooms subscription: the rooms endpoints answer 400 code 200 "Zoom Room subscription not
//!   found. ...". Free accounts also have no H.323 or ZDM devices (empty lists, no error: none is
//!   documented).
//! - Dashboards below Business: 400 code 200 with the spec's message "This API is only available
//!   for ZMP and Business or higher accounts that have enabled the Dashboard feature." (the
//!   `/metrics/meetings` spec text calls the code `400`; Zoom's other dashboard operations and its
//!   error tables use 200, as here). Reports below Pro: 400 code 200 "Only available for Paid
//!   account.".
//! - Date windows: "one month" is a calendar month (`to` at most `from` + 1 month); "the last six
//!   months" means `from` on or after today minus six calendar months. Dashboards answer an old
//!   `from` with 400 300 "The request can only be queried for a month that falls within the last
//!   six months." (observed), reports with "Only provide report in recent 6 months" (2023 spec);
//!   a longer range gets 400 300 "The date range must be within one month." (Zoom's wording is
//!   undocumented). Details in `http/routes/dashboards.rs` and `http/routes/reports.rs`.
//! - Meeting UUIDs that start with `/` or contain `//` work only double-encoded (single-encoded:
//!   404 3001); see `http/routes/dashboards.rs`. `type` defaults to `live` and nothing is live.
//! - `GET /devices` (ZDM) has no spec file; it serves the fields NOTES.md §4.7 lists, and its
//!   granular scope `device:read:list_zdm_devices:admin` is unconfirmed (classic
//!   `device:read:admin` works too).

use std::fmt;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::oneshot;
use tokio::task::JoinHandle;

mod config;
mod controls;
mod error;
mod generate;
mod http;
mod portal;

pub use config::{Plan, PortalMarkup, PortalRefusal, SimConfig};
pub use controls::faults::{FaultKind, FaultPlan};
pub use controls::ratelimit::{CategoryLimit, RateCategory, RateLimitType, RateLimits};
pub use controls::stats::{FaultStats, SimStats};
pub use error::{ParseFaultPlanError, ParsePlanError, SimError};
pub use generate::account::{Account, SeatCounts};
pub use generate::activity::{ActivityType, SimOperationLog, SimSignInActivity};
pub use generate::devices::{H323Encryption, H323Protocol, SimH323Device, SimZdmDevice};
pub use generate::meetings::{
    JoinKind, MeetingDeviceKind, NetworkType, ParticipantDevice, ParticipantRole, SimAudioCall,
    SimMeeting, SimMeetingDevice, SimParticipant,
};
pub use generate::rooms::{
    DeviceStatus, LocationType, RoomDeviceType, RoomStatus, SimCalendarResource,
    SimCalendarService, SimLocation, SimRoom, SimRoomDevice, SyncStatus,
};
pub use generate::saas::{
    BillingCycle, SimApp, SimMeetingPolicy, SimPortalUser, SimRecordingPolicy, SimSaas,
    SimSecurity, SimSso, SimSubscription, TwoFactor,
};
pub use generate::settings::{SettingError, SimOverrides, SimSettings};
pub use generate::users::{
    CustomAttribute, PhoneNumber, SimGroup, SimRole, SimUser, UserStatus, UserType,
};
#[doc(hidden)]
pub use http::routes::{EndpointFacts, endpoint_facts};
pub use http::server::LoggedRequest;

/// A running simulator. It stops when dropped, or gracefully with [`Simulator::shutdown`].
pub struct Simulator {
    state: Arc<http::server::AppState>,
    addr: SocketAddr,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl fmt::Debug for Simulator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Simulator")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

impl Simulator {
    /// Generates the account and serves it on `127.0.0.1` at a free port.
    ///
    /// # Errors
    /// As [`Simulator::start_on`]: [`SimError::InvalidConfig`] for an impossible configuration,
    /// [`SimError::Bind`] if no port can be bound.
    pub async fn start(config: SimConfig) -> Result<Simulator, SimError> {
        Self::start_on(config, SocketAddr::from(([127, 0, 0, 1], 0))).await
    }

    /// Generates the account and serves it on `addr` (port 0 picks a free port).
    ///
    /// # Errors
    /// [`SimError::InvalidConfig`] for `users == 0`, a rate limit of 0 per window or a zero
    /// window, or a fault share outside 0..=1 (or exclusive shares above 1 together);
    /// [`SimError::Bind`] if `addr` cannot be bound.
    pub async fn start_on(config: SimConfig, addr: SocketAddr) -> Result<Simulator, SimError> {
        if config.users == 0 {
            return Err(SimError::InvalidConfig(
                "users must be at least 1 (the account owner)".to_owned(),
            ));
        }
        if config.portal_max_failures == 0 {
            return Err(SimError::InvalidConfig(
                "portal_max_failures must be at least 1".to_owned(),
            ));
        }
        if let Some(limits) = &config.rate_limits {
            limits.validate().map_err(SimError::InvalidConfig)?;
        }
        config
            .faults
            .validate()
            .map_err(|reason| SimError::InvalidConfig(format!("fault plan: {reason}")))?;
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|source| SimError::Bind { addr, source })?;
        let addr = listener.local_addr().map_err(SimError::LocalAddr)?;
        let base_url = format!("http://{addr}");
        let account = Arc::new(Account::generate(&config));
        let state = Arc::new(http::server::AppState::new(config, account, base_url));
        let router = http::server::router(Arc::clone(&state));
        let (tx, rx) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let serve = axum::serve(listener, router).with_graceful_shutdown(async {
                let _ = rx.await;
            });
            if let Err(error) = serve.await {
                tracing::warn!(%error, "zoom-sim server stopped with an error");
            }
        });
        tracing::debug!(%addr, "zoom-sim listening");
        Ok(Simulator {
            state,
            addr,
            shutdown: Some(tx),
            task: Some(task),
        })
    }

    /// `http://127.0.0.1:PORT`: the API is under `/v2`, the token endpoint at `/oauth/token`.
    #[must_use]
    pub fn base_url(&self) -> String {
        self.state.base_url.clone()
    }

    /// The API base URL (same as [`Simulator::base_url`]; paths are `/v2/...`).
    #[must_use]
    pub fn api_url(&self) -> String {
        self.base_url()
    }

    /// The web portal's base URL (same as [`Simulator::base_url`]; on Zoom
    /// `https://<account>.zoom.us`): `/signin`, then the pages behind the session (`/profile`,
    /// `/billing`, `/account/setting/security`, `/account/sso`, `/role`, `/account/group`,
    /// `/account/user`, `/marketplace/installed`). The portal user is
    /// [`Account::saas`]`.portal_user`.
    #[must_use]
    pub fn portal_url(&self) -> String {
        self.base_url()
    }

    /// How many full portal sign-ins (password and 2FA code accepted) have completed.
    #[must_use]
    pub fn portal_sign_ins(&self) -> usize {
        self.state.portal.lock().sign_ins
    }

    /// Ends every web-portal session, as when Zoom signs everybody out.
    pub fn end_portal_sessions(&self) {
        self.state.portal.lock().sessions.clear();
    }

    /// Serves the next `views` portal page views (the HTML pages behind the session), then ends
    /// every session, once: an administrator signing everybody out in the middle of a read.
    pub fn end_portal_sessions_after(&self, views: usize) {
        self.state.portal.lock().views_before_sign_out = Some(views);
    }

    /// The OAuth base URL (same as [`Simulator::base_url`]; the endpoint is `/oauth/token`).
    #[must_use]
    pub fn oauth_url(&self) -> String {
        self.base_url()
    }

    /// The socket address the simulator listens on.
    #[must_use]
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// The configuration the simulator was started with.
    #[must_use]
    pub fn config(&self) -> &SimConfig {
        &self.state.config
    }

    /// The generated account: ground truth for tests to compare responses against.
    #[must_use]
    pub fn account(&self) -> Arc<Account> {
        self.state.account()
    }

    /// Changes the account: `change` edits a copy of the current account (add or remove users
    /// and devices, change settings, …), which then replaces it whole, so a request sees either
    /// the old or the new version. Role and group member counts and the lookup indexes are
    /// recomputed; everything else is as `change` left it. Returns what `change` returns (a
    /// test's list of the changes it made, say).
    pub fn edit<R>(&self, change: impl FnOnce(&mut Account) -> R) -> R {
        self.state.edit_account(change)
    }

    /// Every request served so far (the token endpoint and unknown routes included), in the order
    /// their responses completed.
    #[must_use]
    pub fn requests(&self) -> Vec<LoggedRequest> {
        self.state.requests()
    }

    /// Empties the request log.
    pub fn clear_requests(&self) {
        self.state.clear_requests();
    }

    /// Invalidates every access token issued so far (HTTP 401, code 124), as when an admin
    /// deactivates the app mid-run. New tokens can be requested afterwards.
    pub fn revoke_tokens(&self) {
        self.state.tokens.revoke_all();
    }

    /// Expires every outstanding `next_page_token` (HTTP 400, code 300).
    pub fn expire_page_tokens(&self) {
        self.state.pages.expire_all();
    }

    /// From now on, the participants of the meeting with this UUID answer 404 code 3001 while
    /// the dashboard still lists the meeting, as Zoom does for some meetings (a meeting gone
    /// between the listing and its participants).
    pub fn drop_participants(&self, meeting_uuid: &str) {
        self.state
            .meetings_without_participants
            .lock()
            .expect("the set is never poisoned: no panics while held")
            .insert(meeting_uuid.to_owned());
    }

    /// Moves the simulator's clock forward by `by`, so access tokens and page tokens expire without
    /// waiting, and daily rate-limit caps reset when it passes 00:00 UTC. Account data
    /// (timestamps in responses) does not move. Per-second rate limits run on real time and are
    /// not affected.
    pub fn advance_clock(&self, by: Duration) {
        self.state.clock.advance(by);
    }

    /// The simulator's clock: [`SimConfig::now`] plus the real time since start plus every
    /// [`Simulator::advance_clock`]. Daily rate-limit caps count per UTC day of this time.
    #[must_use]
    pub fn now(&self) -> jiff::Timestamp {
        self.state.now()
    }

    /// Requests by rate-limit category, 429s and injected faults, counted since start (or the last
    /// [`Simulator::clear_stats`]).
    #[must_use]
    pub fn stats(&self) -> SimStats {
        self.state.stats()
    }

    /// Resets every counter of [`Simulator::stats`] (not the rate limiter's own counters).
    pub fn clear_stats(&self) {
        self.state.clear_stats();
    }

    /// How many access tokens the token endpoint has issued.
    #[must_use]
    pub fn tokens_issued(&self) -> usize {
        self.state.tokens.issued()
    }

    /// Stops accepting connections, lets in-flight requests finish (at most 5 s), and returns.
    pub async fn shutdown(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(mut task) = self.task.take()
            && tokio::time::timeout(Duration::from_secs(5), &mut task)
                .await
                .is_err()
        {
            task.abort();
        }
    }
}

impl Drop for Simulator {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}
