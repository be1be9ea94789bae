//! Cross-crate tests: the client against the simulator, and whole fetches into a database.

/// The CIS Zoom Benchmark's items against the simulator, one fact changed at a time.
mod cis;
/// `zoom-api` against `zoom-sim`: two readings of Zoom's docs that must agree.
mod client_vs_sim;
/// Rate limits and faults: nothing lost, nothing silently dropped.
mod faults;
/// Incremental runs: what a run after the first reads, cursors, rotation, reconciliation.
mod incremental;
/// A fetch in the last second of a day, the collector's clock pinned to the simulator's.
mod midnight;
/// `zoom_collector::fetch` end to end: simulator, client, model, store.
mod pipeline;
/// The SaaS records, posture controls and diff against simulated changes.
mod saas;
/// Each fetch setting shows its effect against the simulator.
mod settings;
/// Shared helpers: a simulator and settings pointing at it.
mod support;
