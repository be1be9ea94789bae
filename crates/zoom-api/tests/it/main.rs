//! zoom-api integration tests: one binary, one module per concern. The wire-type modules also
//! run without the `client` feature (`cargo test -p zoom-api --no-default-features`).

// The documented errors of the device, room, dashboard and report endpoints as typed errors.
#[cfg(feature = "client")]
mod asset_errors;
// Zoom's OpenAPI examples parse into the device, room, dashboard and report wire types.
mod asset_examples;
// Device, room, dashboard and report listings: paths, queries, paging, meeting-UUID encoding.
#[cfg(feature = "client")]
mod asset_listings;
// Configuration checks, CA bundle, HTTPS proxy, Debug without secrets.
#[cfg(feature = "client")]
mod config;
// Zoom errors, broken bodies and transport failures as typed errors; no secret in any output.
#[cfg(feature = "client")]
mod errors;
// next_page_token streams: page walking, laziness, stop conditions, path encoding, restarts
// after an expired page token.
#[cfg(feature = "client")]
mod pagination;
// The rate budget: pacing per category, header corrections, daily limits, in-flight cap, stats.
#[cfg(feature = "client")]
mod rate_limits;
// The retry policy: 5xx, resets, cut bodies, 429s, unreadable 200s; 4xx not retried.
#[cfg(feature = "client")]
mod retries;
// Zoom's OpenAPI examples parse into the SaaS wire types (settings, seats, apps, roles).
mod saas_examples;
// The endpoint table against Zoom's OpenAPI documents: operations, rate-limit labels, items
// fields, pagination; endpoints no spec covers listed with their source.
#[cfg(feature = "client")]
mod spec_conformance;
// Zoom's OpenAPI examples parse into the wire types, field for field.
mod spec_examples;
// The axum test double (token endpoint + per-test API handler) and shared helpers.
#[cfg(feature = "client")]
mod support;
// The shared token: one fetch, refresh on 124 and ahead of expiry, token-endpoint errors.
#[cfg(feature = "client")]
mod token;
// Wire types accept Zoom's type variations and reject missing required fields.
mod wire_tolerance;
// month_windows: date ranges cut into windows within Zoom's one-month limit.
#[cfg(feature = "client")]
mod windows;
