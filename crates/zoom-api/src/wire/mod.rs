//! Zoom's JSON as serde structs, written from Zoom's OpenAPI documents
//! (`fixtures/openapi/zoom-users.json`, `zoom-accounts.json`, `zoom-rooms.json`,
//! `zoom-meeting-api-2023-07.json`), Zoom's Node SDK typings for `GET /devices` (which has no
//! spec file here) and the token response of Server-to-Server OAuth.
//!
//! Rules every type here follows:
//! - unknown fields are ignored (Zoom adds fields without notice);
//! - a field the spec does not mark `required` is an `Option` (arrays: empty when missing or
//!   `null`);
//! - timestamps stay `String` (the model crate parses them leniently);
//! - Rust field names are Zoom's JSON names, except `type` (a keyword), which becomes
//!   `<what>_type` (`user_type`, `role_type`, `location_type`, `activity_type`), and
//!   `groupId` of a meeting participant, which becomes `group_id`;
//! - integers also accept a numeric string, and string fields that hold codes (such as
//!   `plan_united_type`) also accept a number, because Zoom's documents disagree with
//!   themselves on such types (`page_number` is a string in the query of `GET /users` and an
//!   integer in its response).
//!
//! Items the inventory stores come wrapped in [`WithRaw`], which keeps the JSON object exactly
//! as Zoom sent it next to the typed view.
//!
//! One module per domain (users, groups and roles, rooms, devices, dashboards, reports, the
//! account's SaaS side, OAuth, the error and paging envelope), each re-exported here: every type
//! is `wire::Name`. `lenient` holds the deserializers behind the tolerance rules above.

mod access;
mod account;
mod dashboards;
mod devices;
mod envelope;
mod lenient;
mod oauth;
mod reports;
mod rooms;
mod users;

pub use access::*;
pub use account::*;
pub use dashboards::*;
pub use devices::*;
pub use envelope::*;
pub use oauth::*;
pub use reports::*;
pub use rooms::*;
pub use users::*;

use serde::de::DeserializeOwned;

/// A typed item together with the JSON object Zoom sent for it.
#[derive(Clone, Debug, PartialEq)]
pub struct WithRaw<T> {
    /// The typed view.
    pub item: T,
    /// The item's JSON as received (unknown fields included).
    pub raw: serde_json::Value,
}

impl<T: DeserializeOwned> WithRaw<T> {
    /// Decodes `raw` into `T` and keeps `raw`.
    pub fn from_value(raw: serde_json::Value) -> Result<Self, serde_json::Error> {
        let item = T::deserialize(&raw)?;
        Ok(WithRaw { item, raw })
    }
}
