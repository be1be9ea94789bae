//! The schema as an append-only list of migrations, tracked by `PRAGMA user_version` (the
//! approach of cargo's `src/util/sqlite.rs`).
//!
//! Rules: never edit, reorder or remove a migration that has been released; append a new one.
//! `user_version` is the number of migrations applied, so a database with a larger number was
//! written by a newer zoom-inventory and is refused. Connection settings (WAL, foreign keys, ...)
//! are not part of the schema: they are set by `Store::open` on every connection. When the
//! schema changes, update `SCHEMA.md` and accept the new schema snapshot.

use rusqlite::{Connection, TransactionBehavior};

use crate::Error;

/// `PRAGMA application_id` of a zoom-inventory database: "ZINV". Lets `Store::open` refuse the
/// database of another application instead of adding tables to it.
pub(crate) const APPLICATION_ID: i32 = 0x5A49_4E56;

/// One step of the schema.
struct Migration {
    /// Statements run in the migration's transaction.
    sql: &'static str,
}

/// Every migration, oldest first. Append only.
const MIGRATIONS: &[Migration] = &[
    Migration { sql: V1_INITIAL },
    Migration {
        sql: V2_INCREMENTAL,
    },
];

/// The schema version this build reads and writes: the number of migrations.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// 1: runs, their issues and scopes; assets, their versions and sightings.
const V1_INITIAL: &str = r#"
CREATE TABLE runs (
    id              INTEGER PRIMARY KEY,
    started_at      TEXT NOT NULL,
    finished_at     TEXT,
    status          TEXT NOT NULL
                    CHECK (status IN ('running', 'complete', 'partial', 'failed', 'interrupted')),
    settings_digest TEXT NOT NULL,
    counts          TEXT,
    reason          TEXT
);

CREATE TABLE run_issues (
    run_id      INTEGER NOT NULL REFERENCES runs (id),
    seq         INTEGER NOT NULL,
    source      TEXT NOT NULL,
    item        TEXT,
    http_status INTEGER,
    zoom_code   INTEGER,
    message     TEXT NOT NULL,
    PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;

CREATE TABLE run_scopes (
    run_id   INTEGER NOT NULL REFERENCES runs (id),
    scope    TEXT NOT NULL,
    complete INTEGER NOT NULL CHECK (complete IN (0, 1)),
    seen     INTEGER NOT NULL,
    PRIMARY KEY (run_id, scope)
) WITHOUT ROWID;

CREATE TABLE assets (
    id             TEXT PRIMARY KEY,
    kind           TEXT NOT NULL,
    source_id      TEXT NOT NULL,
    scope          TEXT NOT NULL,
    first_seen_run INTEGER NOT NULL REFERENCES runs (id),
    first_seen     TEXT NOT NULL,
    last_seen_run  INTEGER NOT NULL REFERENCES runs (id),
    last_seen      TEXT NOT NULL,
    removed_run    INTEGER REFERENCES runs (id)
) WITHOUT ROWID;
CREATE INDEX assets_kind ON assets (kind);
CREATE INDEX assets_source_id ON assets (source_id);
CREATE INDEX assets_scope ON assets (scope);

CREATE TABLE asset_versions (
    asset_id TEXT NOT NULL REFERENCES assets (id),
    run_id   INTEGER NOT NULL REFERENCES runs (id),
    state    TEXT NOT NULL CHECK (state IN ('present', 'removed')),
    fields   TEXT,
    raw      TEXT,
    hash     TEXT,
    PRIMARY KEY (asset_id, run_id),
    CHECK ((state = 'present') = (fields IS NOT NULL AND raw IS NOT NULL AND hash IS NOT NULL))
);
CREATE INDEX asset_versions_run ON asset_versions (run_id);

CREATE TABLE sightings (
    asset_id  TEXT NOT NULL REFERENCES assets (id),
    first_run INTEGER NOT NULL REFERENCES runs (id),
    last_run  INTEGER NOT NULL REFERENCES runs (id),
    PRIMARY KEY (asset_id, first_run)
) WITHOUT ROWID;

CREATE VIEW latest_assets AS
SELECT a.id, a.kind, a.source_id, a.scope, a.first_seen, a.last_seen,
       v.run_id AS version_run, v.fields, v.raw
FROM assets AS a
JOIN asset_versions AS v
  ON v.asset_id = a.id
 AND v.run_id = (SELECT max(p.run_id) FROM asset_versions AS p WHERE p.asset_id = a.id)
WHERE a.removed_run IS NULL;
"#;

/// 2: what incremental runs need: per account and source, where the last committed run read up
/// to (`cursors`); per item, the list record's hash and the detail last read (`detail_reads`);
/// the meetings whose participants were read (`meetings_read`); the requests each run made, per
/// rate-limit category (`run_requests`), the ledger the quota planner reads.
const V2_INCREMENTAL: &str = r#"
CREATE TABLE cursors (
    account_id TEXT NOT NULL,
    source     TEXT NOT NULL,
    position   TEXT NOT NULL,
    run_id     INTEGER NOT NULL REFERENCES runs (id),
    PRIMARY KEY (account_id, source)
) WITHOUT ROWID;

CREATE TABLE detail_reads (
    account_id TEXT NOT NULL,
    item       TEXT NOT NULL,
    list_hash  TEXT NOT NULL,
    read_at    TEXT NOT NULL,
    detail     TEXT,
    run_id     INTEGER NOT NULL REFERENCES runs (id),
    PRIMARY KEY (account_id, item)
) WITHOUT ROWID;

CREATE TABLE meetings_read (
    account_id TEXT NOT NULL,
    uuid       TEXT NOT NULL,
    start_time TEXT NOT NULL,
    run_id     INTEGER NOT NULL REFERENCES runs (id),
    PRIMARY KEY (account_id, uuid)
) WITHOUT ROWID;
CREATE INDEX meetings_read_start ON meetings_read (account_id, start_time);

CREATE TABLE run_requests (
    run_id     INTEGER NOT NULL REFERENCES runs (id),
    account_id TEXT NOT NULL,
    category   TEXT NOT NULL,
    requests   INTEGER NOT NULL,
    PRIMARY KEY (run_id, category)
) WITHOUT ROWID;
"#;

/// Reads `PRAGMA user_version`.
pub(crate) fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |row| row.get(0))
}

/// Applies the migrations the database lacks, in one transaction. Another process may have
/// migrated between the caller's check and the write lock, so the version is read again under it.
pub(crate) fn migrate(conn: &mut Connection, path: &std::path::Path) -> Result<(), Error> {
    migrate_to(conn, MIGRATIONS.len())
        .map_err(|err| Error::sqlite(path, "migrate the schema", err))?;
    let found =
        user_version(conn).map_err(|err| Error::sqlite(path, "read the schema version", err))?;
    if found > SCHEMA_VERSION {
        return Err(Error::TooNew {
            path: path.to_owned(),
            found,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(())
}

/// Applies migrations up to `target` (a count), never downwards.
fn migrate_to(conn: &mut Connection, target: usize) -> rusqlite::Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let current = usize::try_from(user_version(&tx)?).unwrap_or(usize::MAX);
    if current >= target {
        return Ok(());
    }
    for migration in &MIGRATIONS[current..target] {
        tx.execute_batch(migration.sql)?;
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.pragma_update(None, "user_version", target as i64)?;
    tx.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every prefix of the list applies on a fresh database and leaves `user_version` equal to
    /// its length; the result passes SQLite's own checks.
    #[test]
    fn migrations_apply_one_by_one() {
        for target in 1..=MIGRATIONS.len() {
            let mut conn = Connection::open_in_memory().unwrap();
            conn.pragma_update(None, "foreign_keys", true).unwrap();
            for step in 1..=target {
                migrate_to(&mut conn, step).unwrap();
                assert_eq!(user_version(&conn).unwrap(), step as i64);
            }
            let integrity: String = conn
                .query_row("PRAGMA integrity_check", [], |row| row.get(0))
                .unwrap();
            assert_eq!(integrity, "ok");
            let fk_problems: i64 = conn
                .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |row| {
                    row.get(0)
                })
                .unwrap();
            assert_eq!(fk_problems, 0);
        }
        assert_eq!(SCHEMA_VERSION, MIGRATIONS.len() as i64);
    }

    /// Applying all at once gives the same schema as applying them one by one.
    #[test]
    fn all_at_once_equals_one_by_one() {
        let schema = |conn: &Connection| -> Vec<String> {
            let mut stmt = conn
                .prepare("SELECT sql FROM sqlite_schema ORDER BY name")
                .unwrap();
            stmt.query_map([], |row| row.get::<_, Option<String>>(0))
                .unwrap()
                .map(|sql| sql.unwrap().unwrap_or_default())
                .collect()
        };
        let mut at_once = Connection::open_in_memory().unwrap();
        migrate_to(&mut at_once, MIGRATIONS.len()).unwrap();
        let mut stepwise = Connection::open_in_memory().unwrap();
        for step in 1..=MIGRATIONS.len() {
            migrate_to(&mut stepwise, step).unwrap();
        }
        assert_eq!(schema(&at_once), schema(&stepwise));
    }
}
