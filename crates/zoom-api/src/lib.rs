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
//! What it is not: no normalization (that is `inventory-model`), no storage, no retry or
//! rate-limit policy yet (a 429 is mapped to [`Error::RateLimited`] and returned). It never
//! logs or formats the client secret or an access token.
//!
//! Where to start reading: [`ClientConfig`], then `Client::get_value` in `client.rs` (the one
//! path every API request takes: token, URL, send, error mapping, decode), then `token.rs`
//! (how the token is shared and refreshed), then `Client::paginate`.

pub mod wire;

#[cfg(feature = "client")]
mod client;
#[cfg(feature = "client")]
mod config;
#[cfg(feature = "client")]
mod dates;
#[cfg(feature = "client")]
mod error;
#[cfg(feature = "client")]
mod token;

#[cfg(feature = "client")]
pub use client::{Client, UserStatus};
#[cfg(feature = "client")]
pub use config::ClientConfig;
#[cfg(feature = "client")]
pub use dates::month_windows;
#[cfg(feature = "client")]
pub use error::{Error, RateLimitDetails, TransportKind};
/// Re-exported: the date type of the date-window endpoints and [`month_windows`].
#[cfg(feature = "client")]
pub use jiff::civil::Date;
/// Re-exported: the types [`ClientConfig`] is built from.
#[cfg(feature = "client")]
pub use secrecy::SecretString;
#[cfg(feature = "client")]
pub use url::Url;
