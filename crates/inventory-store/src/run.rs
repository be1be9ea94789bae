//! Runs: what a fetch declares at its start and end, what the store reports about it, and the
//! [`RunWriter`] that holds a run's write transaction.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::str::FromStr;

use inventory_model::{Kind, Record, canonical_json};
use jiff::Timestamp;
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::codec::{content_hash, format_time};
use crate::lock::FetchLock;
use crate::{Error, Store};

/// What a fetch says when it starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunStart {
    /// When the fetch started; every asset the run sees is "seen" at this time (stored to the
    /// millisecond, truncated, UTC).
    pub started_at: Timestamp,
    /// A digest of the fetch settings, so `runs` can tell runs with different settings apart.
    pub settings_digest: String,
}

/// What a fetch says when it ends: [`RunWriter::finish`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunEnd {
    /// When the fetch ended.
    pub finished_at: Timestamp,
    /// How it ended.
    pub status: RunOutcome,
    /// Why it is partial or failed, for people reading `runs`.
    pub reason: Option<String>,
    /// The scopes the run listed completely: their assets that the run did not see are marked
    /// removed. Ignored for a failed run.
    pub complete_scopes: Vec<String>,
}

/// How a fetch ended, as its collector judges it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RunOutcome {
    /// Everything enabled was fetched. The assets are committed.
    Complete,
    /// Some source failed or a limit was hit; what was fetched is committed, and removals are
    /// applied only to the scopes declared complete.
    Partial,
    /// Nothing usable was fetched (for example the token was refused). No asset changes: the
    /// run records only its status, reason and issues.
    Failed,
}

/// A run's status as stored (`runs.status`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RunStatus {
    /// A fetch is writing it (or died so recently that no one has noticed yet).
    Running,
    /// Finished, everything fetched.
    Complete,
    /// Finished, some sources failed; what was fetched is stored.
    Partial,
    /// Finished without data; no asset changed.
    Failed,
    /// The fetch stopped without finishing (killed, crashed, dropped); no asset changed.
    Interrupted,
}

impl RunStatus {
    /// Every status.
    pub const ALL: [RunStatus; 5] = [
        RunStatus::Running,
        RunStatus::Complete,
        RunStatus::Partial,
        RunStatus::Failed,
        RunStatus::Interrupted,
    ];

    /// The status as stored and printed.
    pub fn as_str(self) -> &'static str {
        match self {
            RunStatus::Running => "running",
            RunStatus::Complete => "complete",
            RunStatus::Partial => "partial",
            RunStatus::Failed => "failed",
            RunStatus::Interrupted => "interrupted",
        }
    }

    /// Whether a run of this status committed assets (complete or partial).
    pub fn has_data(self) -> bool {
        matches!(self, RunStatus::Complete | RunStatus::Partial)
    }
}

impl fmt::Display for RunStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for RunStatus {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        RunStatus::ALL
            .into_iter()
            .find(|status| status.as_str() == text)
            .ok_or_else(|| format!("unknown run status {text:?}"))
    }
}

impl From<RunOutcome> for RunStatus {
    fn from(outcome: RunOutcome) -> Self {
        match outcome {
            RunOutcome::Complete => RunStatus::Complete,
            RunOutcome::Partial => RunStatus::Partial,
            RunOutcome::Failed => RunStatus::Failed,
        }
    }
}

/// A failure on one source or item during a run: a 404 on one room, a plan gate on a source, a
/// missing scope. Recorded on the run so `runs` can say why it is partial.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RunIssue {
    /// What was being fetched (`users`, `rooms`, ...).
    pub source: String,
    /// The item, when the failure concerns one (a room id).
    pub item: Option<String>,
    /// The HTTP status, when there was a response.
    pub http_status: Option<u16>,
    /// Zoom's error `code`, when it sent one.
    pub zoom_code: Option<i64>,
    /// What went wrong, in words.
    pub message: String,
}

/// Per kind: how many assets a run left present, and how it changed them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindCounts {
    /// Assets present as of the run (seen in it, or carried from earlier runs).
    pub present: u64,
    /// Assets the run saw (put), each counted once.
    pub seen: u64,
    /// Assets that appeared (new, or back after a removal).
    pub added: u64,
    /// Assets whose fields or raw JSON changed.
    pub changed: u64,
    /// Assets marked removed (missing from a scope the run listed completely).
    pub removed: u64,
}

/// One scope a run touched or declared complete.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ScopeCoverage {
    /// The scope (`users/active`).
    pub scope: String,
    /// Whether the run listed it completely (and so marked its unseen assets removed).
    pub complete: bool,
    /// Assets of this scope the run saw.
    pub seen: u64,
}

/// A run as `runs` shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RunInfo {
    /// The run number: increasing, never reused.
    pub id: i64,
    /// When the fetch started (to the millisecond, as stored).
    pub started_at: Timestamp,
    /// When it finished; `None` while running or when interrupted.
    pub finished_at: Option<Timestamp>,
    /// Its status.
    pub status: RunStatus,
    /// The settings digest given at its start.
    pub settings_digest: String,
    /// Why it is partial, failed or interrupted.
    pub reason: Option<String>,
    /// Per kind counts; empty unless the run has data (complete or partial).
    pub counts: BTreeMap<Kind, KindCounts>,
    /// The scopes it touched or declared complete, sorted by name.
    pub scopes: Vec<ScopeCoverage>,
    /// Per-source and per-item failures, in the order recorded.
    pub issues: Vec<RunIssue>,
}

/// A record encoded for the store: its canonical JSON and content hash. Encoding is pure CPU;
/// a fetch does it where CPU is free ([`EncodedRecord::new`] on the fetch's side), so that the
/// thread holding the write transaction does SQLite work only ([`RunWriter::put_encoded`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EncodedRecord {
    id: String,
    kind: Kind,
    source_id: String,
    scope: String,
    fields: String,
    raw: String,
    hash: String,
}

impl EncodedRecord {
    /// Encodes `record`: canonical JSON of its normalized fields and of Zoom's raw JSON, and the
    /// hash of both.
    pub fn new(record: &Record) -> EncodedRecord {
        let fields = canonical_json(&record.fields());
        let raw = canonical_json(&record.raw);
        let hash = content_hash(&fields, &raw);
        EncodedRecord {
            id: record.id.clone(),
            kind: record.kind(),
            source_id: record.source_id.clone(),
            scope: record.scope.clone(),
            fields,
            raw,
            hash,
        }
    }

    /// The record's stable id (`user:<Zoom id>`).
    pub fn id(&self) -> &str {
        &self.id
    }
}

/// Reason recorded on a run whose writer was dropped without [`RunWriter::finish`].
const DROPPED_REASON: &str = "the fetch stopped before finishing; nothing it fetched was kept";

/// One fetch run being written. Holds the fetch lock and the SQLite write transaction from
/// [`Store::begin_run`] to [`RunWriter::finish`]; nothing it writes is visible to readers before
/// `finish` commits. Dropping it without `finish` rolls everything back and marks the run
/// interrupted.
#[derive(Debug)]
pub struct RunWriter<'a> {
    store: &'a mut Store,
    run_id: i64,
    started_at: String,
    /// The latest run with data before this one: an asset seen in it and again now extends its
    /// sighting range.
    previous_data_run: Option<i64>,
    /// Assets seen per scope and per kind, each counted once (few entries: bounded memory).
    seen_scopes: BTreeMap<String, u64>,
    seen_kinds: BTreeMap<Kind, u64>,
    /// Kept in memory so a failed run, whose asset writes are rolled back, still records them.
    issues: Vec<RunIssue>,
    /// The run's requests per category, for the ledger: kept like the issues, so that a
    /// failed run records them too.
    pub(crate) requests: Option<(String, crate::RequestTally)>,
    /// Released when the writer is dropped, after the transaction ended.
    _lock: Option<FetchLock>,
    /// Set once the transaction is committed; until then, drop rolls back.
    finished: bool,
}

impl Store {
    /// Starts a fetch run. Fails at once with [`Error::Busy`] when another fetch is writing to
    /// the same database. See the crate docs for the sequence of locks and transactions.
    pub fn begin_run(&mut self, start: RunStart) -> Result<RunWriter<'_>, Error> {
        let lock = match &self.lock_path {
            Some(lock_path) => Some(
                FetchLock::acquire(lock_path, crate::store::BUSY_TIMEOUT)?.ok_or_else(|| {
                    Error::Busy {
                        path: self.path.clone(),
                    }
                })?,
            ),
            None => None,
        };
        // Under the lock, nobody can delete the file any more; check nobody did before.
        if !self.still_same_file() {
            return Err(Error::Replaced {
                path: self.path.clone(),
            });
        }
        let RunStart {
            started_at,
            settings_digest,
        } = start;
        let started_at = format_time(started_at);
        let run_id = self.register_run(&started_at, &settings_digest)?;
        let mut writer = RunWriter {
            store: self,
            run_id,
            started_at,
            previous_data_run: None,
            seen_scopes: BTreeMap::new(),
            seen_kinds: BTreeMap::new(),
            issues: Vec::new(),
            requests: None,
            _lock: lock,
            finished: false,
        };
        // On error the writer is dropped here, which marks the run interrupted.
        writer.open_transaction()?;
        Ok(writer)
    }

    /// Transaction 1: marks the runs left `running` by dead fetches interrupted (the caller holds
    /// the fetch lock, so no fetch is alive), and records this run as `running`.
    fn register_run(&mut self, started_at: &str, settings_digest: &str) -> Result<i64, Error> {
        let path = self.path.clone();
        let err = |err| Error::sqlite(&path, "record the start of a run", err);
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(err)?;
        tx.execute(crate::store::MARK_STALE_RUNS, [crate::store::STALE_REASON])
            .map_err(err)?;
        tx.execute(
            "INSERT INTO runs (started_at, status, settings_digest) VALUES (?1, 'running', ?2)",
            params![started_at, settings_digest],
        )
        .map_err(err)?;
        let run_id = tx.last_insert_rowid();
        tx.commit().map_err(err)?;
        Ok(run_id)
    }
}

impl RunWriter<'_> {
    /// The run's number.
    pub fn run_id(&self) -> i64 {
        self.run_id
    }

    /// The connection and the database's path, for the writes of `incremental.rs`.
    pub(crate) fn connection(&self) -> (&rusqlite::Connection, &std::path::Path) {
        (&self.store.conn, &self.store.path)
    }

    /// Transaction 2, which lasts until `finish`. (No savepoint for a failed run to roll back
    /// to: SQLite would copy every page the run modifies into a statement journal for it.)
    fn open_transaction(&mut self) -> Result<(), Error> {
        let conn = &self.store.conn;
        let err = |err| Error::sqlite(&self.store.path, "start writing a run", err);
        conn.execute_batch("BEGIN IMMEDIATE").map_err(err)?;
        self.previous_data_run = conn
            .query_row(
                "SELECT max(id) FROM runs WHERE id < ?1 AND status IN ('complete', 'partial')",
                [self.run_id],
                |row| row.get(0),
            )
            .map_err(err)?;
        Ok(())
    }

    /// Stores one record as seen by this run. Idempotent within a run: the same id put twice
    /// keeps the last record and is counted once.
    ///
    /// Writes the asset's bookkeeping (last seen, sighting range) and, only when the record is
    /// new, changed (fields or raw JSON) or back after a removal, a new version.
    pub fn put(&mut self, record: &Record) -> Result<(), Error> {
        self.put_encoded(&EncodedRecord::new(record))
    }

    /// [`RunWriter::put`] of a record already encoded.
    pub fn put_encoded(&mut self, record: &EncodedRecord) -> Result<(), Error> {
        let EncodedRecord {
            kind,
            fields,
            raw,
            hash,
            ..
        } = record;
        let kind = *kind;
        let run = self.run_id;
        let conn = &self.store.conn;
        let path = &self.store.path;
        let err = |err| Error::sqlite(path, format!("store asset {}", record.id), err);

        let existing: Option<(String, i64, String, String)> = conn
            .prepare_cached(
                "SELECT kind, last_seen_run, scope, source_id FROM assets WHERE id = ?1",
            )
            .map_err(err)?
            .query_row([&record.id], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
            })
            .optional()
            .map_err(err)?;
        let existing_is_new = existing.is_none();
        let last_seen_run = match existing {
            None => {
                conn.prepare_cached(
                    "INSERT INTO assets (id, kind, source_id, scope, first_seen_run, first_seen, \
                     last_seen_run, last_seen, removed_run) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?5, ?6, NULL)",
                )
                .map_err(err)?
                .execute(params![record.id, kind.as_str(), record.source_id, record.scope, run, self.started_at])
                .map_err(err)?;
                None
            }
            Some((stored_kind, last_seen_run, scope, source_id)) => {
                if stored_kind != kind.as_str() {
                    return Err(Error::KindMismatch {
                        id: record.id.clone(),
                        stored: stored_kind,
                        put: kind,
                    });
                }
                conn.prepare_cached(
                    "UPDATE assets SET last_seen_run = ?2, last_seen = ?3, removed_run = NULL WHERE id = ?1",
                )
                .map_err(err)?
                .execute(params![record.id, run, self.started_at])
                .map_err(err)?;
                // Rarely true; setting them unchanged would still rewrite their index entries.
                if scope != record.scope || source_id != record.source_id {
                    conn.prepare_cached(
                        "UPDATE assets SET scope = ?2, source_id = ?3 WHERE id = ?1",
                    )
                    .map_err(err)?
                    .execute(params![record.id, record.scope, record.source_id])
                    .map_err(err)?;
                }
                Some(last_seen_run)
            }
        };
        let duplicate = last_seen_run == Some(run);

        if !duplicate {
            // Sightings: extend the range that ends at the previous run with data, else open one.
            let extended = match (last_seen_run, self.previous_data_run) {
                (Some(last), Some(previous)) if last == previous => {
                    conn.prepare_cached(
                        "UPDATE sightings SET last_run = ?3 WHERE asset_id = ?1 AND last_run = ?2",
                    )
                    .map_err(err)?
                    .execute(params![record.id, previous, run])
                    .map_err(err)?
                        == 1
                }
                _ => false,
            };
            if !extended {
                conn.prepare_cached(
                    "INSERT INTO sightings (asset_id, first_run, last_run) VALUES (?1, ?2, ?2)",
                )
                .map_err(err)?
                .execute(params![record.id, run])
                .map_err(err)?;
            }
        }

        // Versions: compare with the latest version before this run (a new asset has none).
        let before: Option<(String, Option<String>)> = if existing_is_new {
            None
        } else {
            conn.prepare_cached(
                "SELECT state, hash FROM asset_versions WHERE asset_id = ?1 AND run_id < ?2 \
                 ORDER BY run_id DESC LIMIT 1",
            )
            .map_err(err)?
            .query_row(params![record.id, run], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })
            .optional()
            .map_err(err)?
        };
        let unchanged =
            matches!(&before, Some((state, Some(old))) if state == "present" && old == hash);
        if unchanged {
            if duplicate {
                // An earlier put of this run changed it; this one changes it back.
                conn.prepare_cached(
                    "DELETE FROM asset_versions WHERE asset_id = ?1 AND run_id = ?2",
                )
                .map_err(err)?
                .execute(params![record.id, run])
                .map_err(err)?;
            }
        } else {
            conn.prepare_cached(
                "INSERT INTO asset_versions (asset_id, run_id, state, fields, raw, hash) \
                 VALUES (?1, ?2, 'present', ?3, ?4, ?5) \
                 ON CONFLICT (asset_id, run_id) DO UPDATE \
                 SET state = 'present', fields = excluded.fields, raw = excluded.raw, hash = excluded.hash",
            )
            .map_err(err)?
            .execute(params![record.id, run, fields, raw, hash])
            .map_err(err)?;
        }

        if !duplicate {
            *self.seen_scopes.entry(record.scope.clone()).or_default() += 1;
            *self.seen_kinds.entry(kind).or_default() += 1;
        }
        Ok(())
    }

    /// Records a per-source or per-item failure on the run. Kept even when the run fails.
    pub fn record_issue(&mut self, issue: &RunIssue) -> Result<(), Error> {
        self.issues.push(issue.clone());
        Ok(())
    }

    /// Ends the run and commits it: for a complete or partial run, marks removed the assets of
    /// every complete scope that this run did not see, computes the counts and commits every
    /// asset change; for a failed run, discards every asset change and records only the status,
    /// reason and issues. Returns the run as `runs` will show it.
    pub fn finish(mut self, end: RunEnd) -> Result<RunInfo, Error> {
        let RunEnd {
            finished_at,
            status,
            reason,
            complete_scopes,
        } = end;
        let finished_at = format_time(finished_at);
        let counts = match status {
            RunOutcome::Failed => {
                // Discard every asset change, then record the failure in a short transaction.
                // The fetch lock is still held, so no other fetch can start in between.
                self.execute_batch(
                    "ROLLBACK; BEGIN IMMEDIATE",
                    "discard the assets of a failed run",
                )?;
                None
            }
            RunOutcome::Complete | RunOutcome::Partial => {
                let complete: BTreeSet<&str> = complete_scopes.iter().map(String::as_str).collect();
                self.record_scopes(&complete)?;
                for scope in &complete {
                    self.mark_removed(scope)?;
                }
                if !complete.is_empty() {
                    self.forget_details_of_removed()?;
                }
                Some(self.count()?)
            }
        };
        self.write_issues()?;
        self.write_requests()?;
        let conn = &self.store.conn;
        let path = &self.store.path;
        let counts_json = counts
            .map(|counts| serde_json::to_string(&counts))
            .transpose()
            .map_err(|err| Error::corrupt(path, format!("cannot serialize run counts: {err}")))?;
        conn.execute(
            "UPDATE runs SET status = ?2, finished_at = ?3, reason = ?4, counts = ?5 WHERE id = ?1",
            params![
                self.run_id,
                RunStatus::from(status).as_str(),
                finished_at,
                reason,
                counts_json
            ],
        )
        .map_err(|err| Error::sqlite(path, "record the end of a run", err))?;
        self.execute_batch("COMMIT", "commit the run")?;
        self.finished = true;
        let run_id = self.run_id;
        self.store.run(run_id)?.ok_or_else(|| {
            Error::corrupt(
                &self.store.path,
                format!("run {run_id} vanished after its commit"),
            )
        })
    }

    /// Rolls the run back and erases it, as if it had never started: for a fetch that got
    /// nothing to store (every source failed), so that the database is left as it was.
    pub fn abandon(mut self) -> Result<(), Error> {
        self.execute_batch("ROLLBACK; BEGIN IMMEDIATE", "discard an abandoned run")?;
        self.store
            .conn
            .execute("DELETE FROM runs WHERE id = ?1", [self.run_id])
            .map_err(|err| Error::sqlite(&self.store.path, "erase an abandoned run", err))?;
        self.execute_batch("COMMIT", "erase an abandoned run")?;
        self.finished = true;
        Ok(())
    }

    fn execute_batch(&self, sql: &str, operation: &'static str) -> Result<(), Error> {
        self.store
            .conn
            .execute_batch(sql)
            .map_err(|err| Error::sqlite(&self.store.path, operation, err))
    }

    /// `run_scopes`: every scope seen, and every scope declared complete (even if empty).
    fn record_scopes(&self, complete: &BTreeSet<&str>) -> Result<(), Error> {
        let mut scopes: BTreeSet<&str> = complete.clone();
        scopes.extend(self.seen_scopes.keys().map(String::as_str));
        let conn = &self.store.conn;
        let err = |err| Error::sqlite(&self.store.path, "record the scopes of a run", err);
        let mut insert = conn
            .prepare_cached(
                "INSERT INTO run_scopes (run_id, scope, complete, seen) VALUES (?1, ?2, ?3, ?4)",
            )
            .map_err(err)?;
        for scope in scopes {
            let seen = self.seen_scopes.get(scope).copied().unwrap_or(0);
            insert
                .execute(params![
                    self.run_id,
                    scope,
                    complete.contains(scope),
                    seen as i64
                ])
                .map_err(err)?;
        }
        Ok(())
    }

    /// Marks removed, as of this run, the assets of `scope` that are present and were not seen.
    fn mark_removed(&self, scope: &str) -> Result<(), Error> {
        let conn = &self.store.conn;
        let err = |err| {
            Error::sqlite(
                &self.store.path,
                format!("mark removed assets of scope {scope}"),
                err,
            )
        };
        conn.execute(
            "INSERT INTO asset_versions (asset_id, run_id, state) \
             SELECT id, ?1, 'removed' FROM assets \
             WHERE scope = ?2 AND removed_run IS NULL AND last_seen_run < ?1",
            params![self.run_id, scope],
        )
        .map_err(err)?;
        conn.execute(
            "UPDATE assets SET removed_run = ?1 \
             WHERE scope = ?2 AND removed_run IS NULL AND last_seen_run < ?1",
            params![self.run_id, scope],
        )
        .map_err(err)?;
        Ok(())
    }

    /// The run's counts, per kind, keyed by the kind's name as stored.
    fn count(&self) -> Result<BTreeMap<&'static str, KindCounts>, Error> {
        let conn = &self.store.conn;
        let err = |err| Error::sqlite(&self.store.path, "count the assets of a run", err);
        let mut counts: BTreeMap<&'static str, KindCounts> = Kind::ALL
            .iter()
            .map(|kind| (kind.as_str(), KindCounts::default()))
            .collect();
        let path = &self.store.path;
        let name = |kind: &str| -> Result<&'static str, Error> {
            Kind::ALL
                .into_iter()
                .find(|known| known.as_str() == kind)
                .map(Kind::as_str)
                .ok_or_else(|| Error::corrupt(path, format!("unknown asset kind {kind:?}")))
        };

        let mut present = conn
            .prepare_cached(
                "SELECT kind, count(*) FROM assets WHERE removed_run IS NULL GROUP BY kind",
            )
            .map_err(err)?;
        let mut rows = present.query([]).map_err(err)?;
        while let Some(row) = rows.next().map_err(err)? {
            let kind: String = row.get(0).map_err(err)?;
            counts.entry(name(&kind)?).or_default().present =
                row.get::<_, i64>(1).map_err(err)? as u64;
        }

        let mut changes = conn
            .prepare_cached(
                "SELECT kind, \
                        sum(state = 'present' AND prev IS NOT 'present'), \
                        sum(state = 'present' AND prev IS 'present'), \
                        sum(state = 'removed') \
                 FROM (SELECT a.kind AS kind, v.state AS state, \
                              (SELECT p.state FROM asset_versions AS p \
                               WHERE p.asset_id = v.asset_id AND p.run_id < v.run_id \
                               ORDER BY p.run_id DESC LIMIT 1) AS prev \
                       FROM asset_versions AS v JOIN assets AS a ON a.id = v.asset_id \
                       WHERE v.run_id = ?1) \
                 GROUP BY kind",
            )
            .map_err(err)?;
        let mut rows = changes.query([self.run_id]).map_err(err)?;
        while let Some(row) = rows.next().map_err(err)? {
            let kind: String = row.get(0).map_err(err)?;
            let entry = counts.entry(name(&kind)?).or_default();
            entry.added = row.get::<_, i64>(1).map_err(err)? as u64;
            entry.changed = row.get::<_, i64>(2).map_err(err)? as u64;
            entry.removed = row.get::<_, i64>(3).map_err(err)? as u64;
        }
        for (kind, seen) in &self.seen_kinds {
            counts.entry(kind.as_str()).or_default().seen = *seen;
        }
        Ok(counts)
    }

    fn write_issues(&self) -> Result<(), Error> {
        let conn = &self.store.conn;
        let err = |err| Error::sqlite(&self.store.path, "record the issues of a run", err);
        let mut insert = conn
            .prepare_cached(
                "INSERT INTO run_issues (run_id, seq, source, item, http_status, zoom_code, message) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )
            .map_err(err)?;
        for (seq, issue) in self.issues.iter().enumerate() {
            insert
                .execute(params![
                    self.run_id,
                    seq as i64,
                    issue.source,
                    issue.item,
                    issue.http_status,
                    issue.zoom_code,
                    issue.message
                ])
                .map_err(err)?;
        }
        Ok(())
    }
}

impl Drop for RunWriter<'_> {
    fn drop(&mut self) {
        if self.finished {
            return;
        }
        let conn = &self.store.conn;
        // Best effort, and errors have nowhere to go from a destructor: if either statement fails
        // (disk gone, ...), SQLite discards the uncommitted transaction anyway, and the next
        // `Store::open` or `begin_run` marks the run interrupted once the fetch lock is free.
        if !conn.is_autocommit() {
            let _ = conn.execute_batch("ROLLBACK");
        }
        let _ = conn.execute(
            "UPDATE runs SET status = 'interrupted', reason = ?2 WHERE id = ?1 AND status = 'running'",
            params![self.run_id, DROPPED_REASON],
        );
    }
}
