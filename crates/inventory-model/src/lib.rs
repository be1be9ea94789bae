//! The normalized inventory: what zoom-inventory stores, lists and exports, and how each record
//! is derived from Zoom's wire types (`zoom_api::wire`).
//!
//! This crate is pure: no I/O, no clock, no async. Every function takes Zoom's JSON (already
//! fetched) and returns [`Record`]s; the same input always gives the same output, which is what
//! makes the snapshot tests in `tests/` meaningful.
//!
//! Start reading at [`Record`] (the unit the store persists), then [`user`] (how a Zoom user
//! becomes a normalized user), [`device`] (five device types; meeting devices deduplicated by
//! MAC, else host name) and [`activity`]. Field names follow the product contract (`product.md`).

pub mod activity;
mod canonical;
pub mod device;
pub mod ocsf;
pub mod posture;
mod record;
pub mod saas;
pub mod settings;
pub mod user;
pub mod value;

pub use activity::{Activity, ActivityType};
pub use canonical::canonical_json;
pub use device::{Device, DeviceType, MeetingDevices, Os};
pub use record::{Asset, Kind, Record, UnknownKind};
pub use user::{Directory, User};
/// Zoom's user statuses: the model's `User::status` is Zoom's own type.
pub use zoom_api::UserStatus;
