//! The SQLite inventory of zoom-inventory: every fetch run, and every asset with its history
//! (first and last seen, each version, removals), readable as of any run.
//!
//! What it is not: it knows nothing of HTTP, Zoom's API, settings or terminals. The collector
//! hands it normalized [`inventory_model::Record`]s and says which scopes a run listed
//! completely; the CLI reads [`StoredAsset`]s and [`RunInfo`]s back. Deciding that a run is
//! partial, or that a scope is complete, is the collector's job; the store only applies it.
//!
//! Start reading at [`Store`] (open, read) and [`RunWriter`] (one run: [`RunWriter::put`], then
//! [`RunWriter::finish`]). The tables are documented for `sqlite3` users in `SCHEMA.md` next to
//! this crate's `Cargo.toml`; the migrations that create them are in `src/schema.rs`.
//!
//! # History model
//!
//! `assets` holds one row per asset ever seen (identity, first and last seen). A new row in
//! `asset_versions` is written only when an asset appears, changes (the SHA-256 of its canonical
//! fields and raw JSON differs from its latest version) or is removed; an unchanged re-run writes
//! none. The asset as of run R is its latest version with `run_id <= R`, absent if there is none
//! or it is `removed`. `sightings` keeps, per asset, ranges of consecutive runs with data in which
//! it was seen, so `last_seen` as of an old run is exact without a row per asset per run.
//!
//! Removal: when a run finishes, every scope it declares complete has its assets that are
//! present but were not seen in this run marked removed. Scopes not declared complete (a source
//! that failed, a setting that was off, activities, which are events) are left alone: a partial
//! run never removes what it did not look at.
//!
//! # Incremental runs
//!
//! Besides assets, a run keeps what the next run needs to read less (`incremental.rs`): per
//! account and source a [`Cursor`] (where it read up to), per item a [`DetailMark`] and the
//! detail itself (so an item whose list record did not change can be normalized again without
//! reading its detail), the meetings whose participants were read, and its requests per
//! rate-limit category (the quota planner's ledger). They are written inside the run's
//! transaction, so they move only with a committed run.
//!
//! # Atomicity and concurrency
//!
//! A run is two SQLite transactions, both taken while holding the *fetch lock*:
//!
//! 1. [`Store::begin_run`] takes the fetch lock, an OS advisory lock (`flock` on Unix) on the
//!    file `<database>-lock`. It waits at most a quarter second (long enough for the moment
//!    [`Store::open`] holds it to clean up after a dead fetch), so if another fetch holds it,
//!    [`Error::Busy`] comes at once. It then commits a short transaction that marks runs left `running` as
//!    `interrupted` (no fetch holds the lock, so their fetch is dead) and inserts this run's row
//!    as `running`, so a run that is later killed stays visible in `runs`.
//! 2. It then opens the run's transaction (`BEGIN IMMEDIATE`) which every [`RunWriter::put`]
//!    writes into, and which [`RunWriter::finish`] commits together with the run's final status,
//!    counts, scopes and issues. Readers see none of it before that commit.
//!
//! Why a separate lock rather than SQLite's own write lock: between transaction 1's commit and
//! transaction 2's `BEGIN` the write lock is free for a moment. Had liveness been "holds the
//! write lock", another process slipping into that gap would judge the live run dead, or start
//! its own run. The fetch lock is held across both, is not tied to any transaction, and is
//! released by the OS when the process dies, so "a `running` row while the fetch lock is free"
//! means exactly "its fetch died". The lock file is never deleted (deleting lock files races).
//!
//! What happens when a fetch stops:
//! - **killed** (`kill -9`, power loss) at any moment: SQLite discards the uncommitted run; the
//!   previous runs and their assets are untouched. The next [`Store::open`] (if it can take the
//!   fetch lock) or [`Store::begin_run`] marks the row `interrupted`.
//! - **dropped** without `finish` (an error, Ctrl-C): the transaction is rolled back and the row
//!   marked `interrupted` at once.
//! - **failed** ([`RunOutcome::Failed`]): the run's transaction is rolled back, so no asset
//!   changes, then the status, reason and issues are committed in a short transaction (still
//!   under the fetch lock, so no other fetch can slip in). The issues are kept in memory until
//!   then for this reason; a savepoint would have avoided that, but makes SQLite copy every page
//!   the run modifies into a statement journal.
//!
//! Readers never block on a fetch (WAL) and always see the last committed run. The latest run
//! with data ([`Store::latest_run`]) is the default for reads, so a failed or killed run never
//! hides the previous one. In memory ([`Store::open_in_memory`]) there is no lock file: the
//! `&mut` borrow of `begin_run` is the exclusion.
//!
//! Memory stays bounded however large a run: `put` writes through cached prepared statements
//! (SQLite spills the transaction to the WAL), the writer keeps only per-scope and per-kind
//! counters and the run's issues, and [`Store::for_each_asset`] streams reads.

#![warn(missing_docs)]

mod asset;
mod codec;
mod diff;
mod error;
mod incremental;
mod lock;
mod run;
mod schema;
mod store;

pub use asset::{AssetQuery, StoredAsset};
pub use diff::{AssetChange, ChangeKind, FieldChange};
pub use error::Error;
pub use incremental::{Cursor, DetailMark, RequestTally};
pub use run::{
    EncodedRecord, KindCounts, RunEnd, RunInfo, RunIssue, RunOutcome, RunStart, RunStatus,
    RunWriter, ScopeCoverage,
};
pub use schema::SCHEMA_VERSION;
pub use store::Store;
