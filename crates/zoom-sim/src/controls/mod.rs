//! What tests set and observe, decided apart from HTTP: the fault plan, Zoom's rate limits, the
//! movable clock, edits of the account, and the counters. The gate in `http/gate.rs` asks these
//! what to do with a request and answers accordingly.

/// The simulator's movable clock.
pub(crate) mod clock;
/// The account as served, replaced whole by `Simulator::edit`.
pub(crate) mod edits;
/// The seeded fault plan and its decisions.
pub(crate) mod faults;
/// Zoom's rate-limit table and the limiter.
pub(crate) mod ratelimit;
/// Counters of requests, 429s and faults.
pub(crate) mod stats;
