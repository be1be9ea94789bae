//! Fixtures shared by the tests.

use std::path::{Path, PathBuf};

use inventory_model::{Asset, Record, User, UserStatus};
use inventory_store::{AssetQuery, RunEnd, RunInfo, RunOutcome, RunStart, Store, StoredAsset};
use jiff::Timestamp;
use serde_json::json;
use tempfile::TempDir;

/// The scope of active users, as the collector names it.
pub(crate) const ACTIVE: &str = "users/active";
/// The scope of inactive users.
pub(crate) const INACTIVE: &str = "users/inactive";

/// 08:00 UTC on day `n` of January 2026: each test run starts on its own day.
pub(crate) fn day(n: i64) -> Timestamp {
    Timestamp::from_second(1_767_225_600 + (n - 1) * 86_400 + 8 * 3600).unwrap()
}

/// An active user as the model would normalize it, with a small raw JSON.
pub(crate) fn user(source_id: &str, email: &str, name: &str) -> Record {
    let fields = User {
        email: Some(email.to_owned()),
        display_name: Some(name.to_owned()),
        status: Some(UserStatus::Active),
        license_type: Some("licensed".to_owned()),
        role: Some("Member".to_owned()),
        ..User::default()
    };
    Record {
        id: format!("user:{source_id}"),
        source_id: source_id.to_owned(),
        scope: ACTIVE.to_owned(),
        asset: Asset::User(fields),
        raw: json!({
            "id": source_id,
            "email": email,
            "display_name": name,
            "type": 2,
            "status": "active",
            "role_id": "2",
        }),
    }
}

/// The same user with another display name, in both the fields and the raw JSON.
pub(crate) fn renamed(record: &Record, name: &str) -> Record {
    let mut record = record.clone();
    let Asset::User(fields) = &mut record.asset else {
        panic!("renamed() takes a user record");
    };
    fields.display_name = Some(name.to_owned());
    record.raw["display_name"] = json!(name);
    record
}

pub(crate) fn alice() -> Record {
    user("a1", "alice@example.com", "Alice")
}

pub(crate) fn bob() -> Record {
    user("b2", "bob@example.com", "Bob")
}

pub(crate) fn start(n: i64) -> RunStart {
    RunStart {
        started_at: day(n),
        settings_digest: format!("digest-{n}"),
    }
}

pub(crate) fn end(n: i64, status: RunOutcome, complete_scopes: &[&str]) -> RunEnd {
    RunEnd {
        finished_at: day(n) + jiff::SignedDuration::from_mins(5),
        status,
        reason: (status != RunOutcome::Complete).then(|| format!("{status:?} on day {n}")),
        complete_scopes: complete_scopes
            .iter()
            .map(|scope| (*scope).to_owned())
            .collect(),
    }
}

/// One run on day `n` that puts `records` and finishes with `status`.
pub(crate) fn run_with(
    store: &mut Store,
    n: i64,
    records: &[Record],
    status: RunOutcome,
    complete: &[&str],
) -> RunInfo {
    let mut writer = store.begin_run(start(n)).unwrap();
    for record in records {
        writer.put(record).unwrap();
    }
    writer.finish(end(n, status, complete)).unwrap()
}

/// One complete run on day `n` that lists the active users completely.
pub(crate) fn run(store: &mut Store, n: i64, records: &[Record]) -> RunInfo {
    run_with(store, n, records, RunOutcome::Complete, &[ACTIVE])
}

/// The assets present as of `run` (default: latest).
pub(crate) fn assets(store: &Store, run: Option<i64>) -> Vec<StoredAsset> {
    store
        .assets(&AssetQuery {
            run,
            ..AssetQuery::default()
        })
        .unwrap()
}

/// The ids present as of `run` (default: latest).
pub(crate) fn ids(store: &Store, run: Option<i64>) -> Vec<String> {
    assets(store, run)
        .into_iter()
        .map(|asset| asset.id)
        .collect()
}

/// A display name as stored.
pub(crate) fn name_of(asset: &StoredAsset) -> &str {
    asset.fields["display_name"].as_str().unwrap()
}

/// A fresh directory and a database path in it (not created).
pub(crate) fn temp_db() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("inventory.db");
    (dir, path)
}

/// A plain SQLite connection to a database file, to look at rows the API does not expose.
pub(crate) fn raw(path: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(path).unwrap()
}

/// The number of rows `sql` (a `SELECT count(*) ...`) counts.
pub(crate) fn count(path: &Path, sql: &str) -> i64 {
    raw(path).query_row(sql, [], |row| row.get(0)).unwrap()
}
