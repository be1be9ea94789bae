//! The model's tests: data-driven, one snapshot per fixture.

/// The CIS Zoom Benchmark's items: levels, profiles, manual items, locks, group overrides.
mod cis;
/// The device and activity normalizers over `fixtures/devices/` and `fixtures/activities/`.
mod devices;
/// Stored records and posture findings as OCSF events.
mod ocsf;
/// The posture controls, each passing and failing on its own.
mod posture;
/// `user::normalize` over `fixtures/users/*.json`.
mod users;
/// Properties of MAC, IP, timestamp and host-name normalization, over generated input.
mod values;
