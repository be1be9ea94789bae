//! `zoom-api`: a typed client for Zoom's REST API, authenticated as a Server-to-Server OAuth
//! app (`grant_type=account_credentials`).
//!
//! What it is:
//! - [`wire`]: Zoom's JSON as serde structs, written from Zoom's OpenAPI documents. Always
//!   compiled, with no I/O dependencies (serde and serde_json only), so pure crates such as
//!   `inventory-model` can use it with `default-features = false`.
//! - With the `client` feature (default): [`Client`], one typed method per endpoint, listings
//!   as streams over `next_page_token`, items returned as [`wire::WithRaw`] (typed view + the
//!   JSON as received), one access token shared by every clone and task, and a typed [`Error`]
//!   that keeps what Zoom said (status, code, message, endpoint) and what to fix. Endpoints:
//!   - users and access: [`Client::list_users`], [`Client::get_user`], [`Client::list_groups`],
//!     [`Client::list_roles`], [`Client::list_role_members`];
//!   - devices and rooms: [`Client::list_h323_devices`], [`Client::list_rooms`],
//!     [`Client::list_room_devices`], [`Client::list_room_locations`],
//!     [`Client::list_calendar_services`], [`Client::list_calendar_resources`],
//!     [`Client::list_zdm_devices`];
//!   - activity, one date window (at most a month, see [`month_windows`]) per call:
//!     [`Client::list_past_meetings`], [`Client::list_meeting_participants`],
//!     [`Client::list_sign_in_activities`], [`Client::list_operation_logs`].
//!
//!   Each endpoint's facts (method, Zoom's path template, rate-limit category, the field that
//!   holds a listing's items, the document they come from) are declared once in [`endpoints`];
//!   every method builds its request from its declaration, and a test checks each declaration
//!   against Zoom's OpenAPI documents.
//!
//! Rate limits and failures, all in the one request path:
//! - **A rate budget per client** (shared by clones and tasks): each endpoint has Zoom's
//!   category (Light, Medium, Heavy, Resource-intensive); requests wait for their category's
//!   budget, sized by [`ClientConfig::plan`] ([`RateTable::for_plan`]) and corrected by
//!   Zoom's `X-RateLimit-*` headers and 429s, so that a client alone on its account gets no
//!   429 in the steady state. Daily caps are counted; a reached one fails at once with
//!   [`Error::DailyLimit`], unsent. At most [`ClientConfig::max_in_flight`] requests at once.
//! - **Retries**: per-second 429 after `Retry-After`; 500/502/503/504, connection failures,
//!   timeouts and cut bodies after a jittered exponential backoff; an unreadable 200 once;
//!   a rejected token once, after one shared refresh. Other 4xx are returned.
//!   [`Error::RetriesExhausted`] names the attempts.
//! - **Listings survive expired page tokens** (15 minutes): the listing restarts from its
//!   first page and skips what it already yielded.
//! - [`Client::stats`] counts requests by category, 429s, retries and time spent waiting.
//!
//! What it is not: no normalization (that is `inventory-model`), no storage. It never logs or
//! formats the client secret or an access token.
//!
//! Where to start reading: [`ClientConfig`], then `Client::get_value` in `client/send.rs` (the
//! one path every API request takes: token, budget, URL, send, error mapping, retries, decode),
//! then `rate.rs` (the budget: pacing, daily caps, header corrections), `token.rs` (how the
//! token is shared and refreshed), then `Client::paginate` in `client/paging.rs`. The typed
//! methods are in `client/methods.rs`; `decode.rs` reads bodies and maps errors, `path.rs`
//! encodes ids into paths.

pub mod wire;

pub use wire::UserStatus;

#[cfg(feature = "client")]
mod client;
#[cfg(feature = "client")]
mod config;
#[cfg(feature = "client")]
mod dates;
#[cfg(feature = "client")]
mod decode;
#[cfg(feature = "client")]
pub mod endpoints;
#[cfg(feature = "client")]
mod error;
#[cfg(feature = "client")]
mod path;
#[cfg(feature = "client")]
mod rate;
#[cfg(feature = "client")]
mod token;

#[cfg(feature = "client")]
pub use client::Client;
#[cfg(feature = "client")]
pub use config::ClientConfig;
#[cfg(feature = "client")]
pub use dates::month_windows;
#[cfg(feature = "client")]
pub use error::{Error, RateLimitDetails, TransportKind};
/// Re-exported: the date type of the date-window endpoints and [`month_windows`].
#[cfg(feature = "client")]
pub use jiff::civil::Date;
#[cfg(feature = "client")]
pub use rate::{
    CategoryCounts, ClientStats, DailyCap, DailyUsage, Plan, Rate, RateCategory, RateTable,
};
/// Re-exported: the types [`ClientConfig`] is built from.
#[cfg(feature = "client")]
pub use secrecy::SecretString;
#[cfg(feature = "client")]
pub use url::Url;
