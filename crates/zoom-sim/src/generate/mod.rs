//! The account generator: pure, config in, [`crate::Account`] out.
//!
//! Nothing here knows of HTTP, the controls or the portal: the modules import only each other and
//! `crate::config` (`xtask/src/tidy.rs` checks it), so an account can be generated, compared and
//! edited without a server. Each part draws from its own `fastrand::Rng`, seeded from
//! [`crate::SimConfig::seed`] and a constant of its own, so the same config gives the same account
//! and a change to one part leaves the others' streams alone.

/// The account as a whole: the parts in the order they are generated, and the lookup indexes.
pub(crate) mod account;
/// Sign-in/sign-out activity and the admin operation log.
pub(crate) mod activity;
/// H.323/SIP devices and Zoom Device Management devices.
pub(crate) mod devices;
/// MAC addresses in the styles devices write them, serial numbers.
pub(crate) mod hardware;
/// Past meetings, their participants and the physical devices they join from.
pub(crate) mod meetings;
/// Word lists: names, companies, places, device models.
pub(crate) mod names;
/// IDs, picks, shares and timestamps from a seeded `Rng`.
pub(crate) mod random;
/// Zoom Rooms, their devices, locations and calendar resources.
pub(crate) mod rooms;
/// The SaaS side: subscription, settings, SSO, policies, apps, the portal user.
pub(crate) mod saas;
/// Every setting of the account, its locks, and what groups and users set otherwise.
pub(crate) mod settings;
/// Users, groups and roles.
pub(crate) mod users;
