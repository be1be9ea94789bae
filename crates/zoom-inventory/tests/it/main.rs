//! Tests that run the built `zoom-inventory` binary, as a user would.

/// `check`: probes, missing scopes and plan gates.
mod check;
/// Two fetches at once, and readers during a fetch.
mod concurrency;
/// Database files of older and newer releases, and files that are not databases.
mod databases;
/// `demo`, then reading the inventory it made.
mod demo;
/// Failures: each one exit code, one clear line, the database unchanged.
mod errors;
/// `fetch` against a simulator: environment, flags, two runs.
mod fetch;
/// Every output format of `list`, `runs`, `diff`, `check` and `posture`, pinned by snapshots.
mod formats;
/// `--help` of the binary and of every command, pinned by snapshots.
mod help;
/// Hostile input: bad settings, paths and server answers; exit codes and messages.
mod hostile;
/// `kill -9` of fetches at random moments: nothing lost, nothing corrupted.
mod kill;
/// OCSF events of `export` and `posture`, validated against OCSF's JSON Schemas.
mod ocsf;
/// `fetch` with the web portal through headless Chromium: records, session reuse, failures.
mod portal;
/// `posture`: table, JSON, and SARIF validated against the SARIF 2.1.0 schema.
mod posture;
/// The progress of a fetch: on a terminal, in a pipe, and with `--quiet`.
mod progress;
/// The client secret appears in no output, log or database.
mod secrets;
/// `sim`, then `fetch` with what it printed.
mod sim;
/// Running the binary and a simulator.
mod support;
