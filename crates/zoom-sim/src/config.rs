//! What a simulator is started with: [`SimConfig`] (the account's seed, size and plan, its OAuth
//! app, the lifetimes of tokens and portal sessions, rate limits and faults) and [`Plan`].

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use crate::controls::faults::FaultPlan;
use crate::controls::ratelimit::RateLimits;
use crate::error::ParsePlanError;
use crate::http::routes;

/// How the simulated account is generated and how its S2S OAuth app is configured.
#[derive(Clone)]
pub struct SimConfig {
    /// Seed of the account generator. Default 42.
    pub seed: u64,
    /// Number of users, the owner and the Zoom Rooms accounts included (at least 1). Default 200.
    pub users: usize,
    /// The account's plan. Default [`Plan::Business`].
    pub plan: Plan,
    /// Lifetime of an access token (`expires_in`). Default 3600 s.
    pub token_ttl: Duration,
    /// Lifetime of a `next_page_token`. Default 15 minutes.
    pub page_token_ttl: Duration,
    /// Scopes granted to the simulated Server-to-Server OAuth app. Default: the `:admin` granular
    /// scopes of every simulated endpoint ([`SimConfig::default_scopes`]), so the default app can
    /// read everything.
    pub scopes: Vec<String>,
    /// The account ID the token request must name. Default `"sim-account-0001"`.
    pub account_id: String,
    /// The app's client ID. Default `"simclient0001"`.
    pub client_id: String,
    /// The app's client secret (a fixed, public test value). Default 32 characters.
    pub client_secret: String,
    /// The simulator's "current time": every generated timestamp is relative to it. Default: the
    /// current UTC day at 00:00:00.
    pub now: jiff::Timestamp,
    /// Zoom's account-level rate limits, enforced on every `/v2` request. Default `None`:
    /// unlimited. `Some(RateLimits::zoom(plan))` gives Zoom's table for a plan.
    pub rate_limits: Option<RateLimits>,
    /// Faults to inject into `/v2` requests. Default: none ([`FaultPlan::none`]).
    pub faults: FaultPlan,
    /// How many Zoom Device Management devices to generate instead of about one per 20 users
    /// (for benchmarks of large device fleets). Default: `None`.
    pub zdm_devices: Option<usize>,
    /// Lifetime of a web-portal session on the simulator's clock
    /// ([`crate::Simulator::advance_clock`] expires it). Default 2 hours.
    pub portal_session_ttl: Duration,
    /// Failed portal sign-in attempts in a row (wrong password or wrong 2FA code) that lock the
    /// address. Default 5.
    pub portal_max_failures: u32,
    /// How long a locked address stays locked, on the simulator's clock. Default 30 minutes.
    pub portal_lockout: Duration,
    /// The account is an approved partner's master account, so the master-account API
    /// `GET /accounts/{accountId}/plans` answers; otherwise it is refused (400, code 200), as
    /// for ordinary accounts. Default false.
    pub master_account: bool,
    /// The markup the simulated portal serves: [`PortalMarkup::A`] (default), or
    /// [`PortalMarkup::B`] with other ids and classes, as when Zoom changes its portal.
    pub portal_markup: PortalMarkup,
    /// A refusal of the sign-in that no password fixes, as a portal user can meet it.
    /// Default `None`.
    pub portal_refusal: Option<PortalRefusal>,
}

/// A refusal of the simulated portal's sign-in that no password fixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PortalRefusal {
    /// The bot check (reCAPTCHA) scored the sign-in as automated: an error toast.
    Captcha,
    /// Sign-in is sent to the account's identity provider (an SSO account, a user without
    /// the SSO bypass): a redirect to another host.
    IdentityProvider,
    /// A sign-in from a new device: the portal asks for a code it e-mailed.
    NewDevice,
    /// A cookie banner covers the sign-in form and its Accept button does not dismiss it.
    CookieBanner,
}

/// A variant of the simulated portal's markup: the same pages and texts with other ids and
/// classes, so that a portal map can be tested against a portal that changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum PortalMarkup {
    /// The markup the built-in portal map is written for.
    #[default]
    A,
    /// The roles table and its name cells, the sign-in button and the key-value fields get
    /// other ids, classes and attributes (the texts, labels and roles stay).
    B,
}

impl PortalMarkup {
    /// `a` or `b`.
    #[must_use]
    pub fn parse(text: &str) -> Option<PortalMarkup> {
        match text.to_ascii_lowercase().as_str() {
            "a" => Some(PortalMarkup::A),
            "b" => Some(PortalMarkup::B),
            _ => None,
        }
    }
}

impl SimConfig {
    /// The `:admin` granular scope(s) of every endpoint the simulator serves.
    #[must_use]
    pub fn default_scopes() -> Vec<String> {
        routes::default_scopes()
    }
}

impl Default for SimConfig {
    fn default() -> Self {
        let now = jiff::Timestamp::now().as_second();
        let today = now - now.rem_euclid(86_400);
        SimConfig {
            seed: 42,
            users: 200,
            plan: Plan::Business,
            token_ttl: Duration::from_secs(3600),
            page_token_ttl: Duration::from_secs(15 * 60),
            scopes: Self::default_scopes(),
            account_id: "sim-account-0001".to_owned(),
            client_id: "simclient0001".to_owned(),
            client_secret: "simsecret-0001-not-a-real-secret".to_owned(),
            now: jiff::Timestamp::from_second(today).unwrap_or(jiff::Timestamp::UNIX_EPOCH),
            rate_limits: None,
            faults: FaultPlan::none(),
            zdm_devices: None,
            portal_session_ttl: Duration::from_secs(2 * 3600),
            portal_max_failures: 5,
            portal_lockout: Duration::from_secs(30 * 60),
            master_account: false,
            portal_markup: PortalMarkup::A,
            portal_refusal: None,
        }
    }
}

impl fmt::Debug for SimConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SimConfig")
            .field("seed", &self.seed)
            .field("users", &self.users)
            .field("plan", &self.plan)
            .field("token_ttl", &self.token_ttl)
            .field("page_token_ttl", &self.page_token_ttl)
            .field("scopes", &self.scopes)
            .field("account_id", &self.account_id)
            .field("client_id", &self.client_id)
            .field("client_secret", &"[redacted]")
            .field("now", &self.now)
            .field("rate_limits", &self.rate_limits)
            .field("faults", &self.faults)
            .field("zdm_devices", &self.zdm_devices)
            .field("portal_session_ttl", &self.portal_session_ttl)
            .field("portal_max_failures", &self.portal_max_failures)
            .field("portal_lockout", &self.portal_lockout)
            .field("master_account", &self.master_account)
            .field("portal_markup", &self.portal_markup)
            .field("portal_refusal", &self.portal_refusal)
            .finish()
    }
}

/// The account's plan, which decides paid-only features (and, through [`RateLimits::zoom`], rate
/// limits).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Plan {
    /// Free (Basic) account: no groups, every user Basic, no Zoom Rooms, H.323 or ZDM devices,
    /// no reports or dashboards.
    Free,
    /// Pro: Zoom Rooms and reports, no dashboards.
    Pro,
    /// Business (and, for rate limits, Business+): everything.
    Business,
}

impl FromStr for Plan {
    type Err = ParsePlanError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "free" => Ok(Plan::Free),
            "pro" => Ok(Plan::Pro),
            "business" => Ok(Plan::Business),
            _ => Err(ParsePlanError {
                input: s.to_owned(),
            }),
        }
    }
}

impl fmt::Display for Plan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Plan::Free => "free",
            Plan::Pro => "pro",
            Plan::Business => "business",
        })
    }
}
