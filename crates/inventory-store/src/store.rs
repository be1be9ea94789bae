//! Opening a database, and reading runs.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::time::Duration;

use inventory_model::Kind;
use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags, OptionalExtension, Row, params};

use crate::codec::{parse_json, parse_time};
use crate::lock::{FetchLock, lock_path};
use crate::schema::{self, APPLICATION_ID, SCHEMA_VERSION};
use crate::{Error, KindCounts, RunInfo, RunIssue, RunStatus, ScopeCoverage};

/// How long a statement waits for a lock held by another connection, and a fetch for the fetch
/// lock. Short: a fetch holds the fetch lock for its whole run, so waiting longer would not help,
/// and readers in WAL mode do not wait for writers; only brief writes (a migration, marking a
/// dead run) can make anyone wait.
pub(crate) const BUSY_TIMEOUT: Duration = Duration::from_millis(250);

/// Keeps the write-ahead log from staying at the size of the largest run after checkpoints.
const JOURNAL_SIZE_LIMIT: i64 = 64 * 1024 * 1024;

/// The page cache, negative as SQLite takes sizes in KiB: 32 MiB at most, filled only as used.
const PAGE_CACHE_KIB: i64 = -32 * 1024;

/// The first 16 bytes of every SQLite database file.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Marks every `running` run interrupted; run only while holding the fetch lock.
pub(crate) const MARK_STALE_RUNS: &str =
    "UPDATE runs SET status = 'interrupted', reason = ?1 WHERE status = 'running'";

/// Reason recorded on a run found `running` with no fetch alive.
pub(crate) const STALE_REASON: &str =
    "the fetch ended before finishing (killed, crashed or lost power); nothing it fetched was kept";

/// The inventory database: one SQLite connection, plus where the database lives.
#[derive(Debug)]
pub struct Store {
    pub(crate) conn: Connection,
    pub(crate) path: PathBuf,
    /// `None` in memory, where the `&mut` of [`Store::begin_run`] is exclusion enough.
    pub(crate) lock_path: Option<PathBuf>,
    /// The opened file's identity (device, inode), to notice it being deleted or replaced
    /// before a run takes the fetch lock. `None` in memory.
    pub(crate) file_id: Option<(u64, u64)>,
}

impl Store {
    /// Opens the database at `path`, creating it when missing (its directory must exist), and
    /// migrates it to this version's schema. Refuses, leaving the file untouched, a file that is
    /// not SQLite ([`Error::NotADatabase`]), another application's database
    /// ([`Error::ForeignDatabase`]) and a database of a newer zoom-inventory ([`Error::TooNew`]).
    /// Runs left `running` by a fetch that is no longer alive are marked interrupted.
    pub fn open(path: &Path) -> Result<Store, Error> {
        let dir = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        if !dir.is_dir() {
            return Err(Error::MissingDirectory {
                path: path.to_owned(),
                dir: dir.to_owned(),
            });
        }
        check_header(path)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|source| Error::Open {
            path: path.to_owned(),
            source,
        })?;
        // SQLite has created the file by now (it opens with O_CREAT).
        let file_id = file_id(path).map_err(|source| Error::Io {
            action: "read the identity of",
            path: path.to_owned(),
            source,
        })?;
        let mut store = Store::init(conn, path.to_owned(), Some(lock_path(path)))?;
        store.file_id = Some(file_id);
        Ok(store)
    }

    /// Whether the database path still names the file this store opened (always true in
    /// memory).
    pub(crate) fn still_same_file(&self) -> bool {
        self.file_id
            .is_none_or(|opened| file_id(&self.path).is_ok_and(|now| now == opened))
    }

    /// A fresh database in memory, for tests and dry runs.
    pub fn open_in_memory() -> Result<Store, Error> {
        let path = PathBuf::from(":memory:");
        let conn = Connection::open_in_memory().map_err(|source| Error::Open {
            path: path.clone(),
            source,
        })?;
        Store::init(conn, path, None)
    }

    fn init(
        mut conn: Connection,
        path: PathBuf,
        lock_path: Option<PathBuf>,
    ) -> Result<Store, Error> {
        let err = |operation: &'static str| {
            let path = &path;
            move |err| Error::sqlite(path, operation, err)
        };
        conn.busy_timeout(BUSY_TIMEOUT)
            .map_err(err("set the busy timeout"))?;

        // Identify the file before changing anything in it.
        let version = schema::user_version(&conn).map_err(err("read the schema version"))?;
        let application_id: i32 = conn
            .pragma_query_value(None, "application_id", |row| row.get(0))
            .map_err(err("read the application id"))?;
        if application_id != APPLICATION_ID {
            let objects: i64 = conn
                .query_row("SELECT count(*) FROM sqlite_schema", [], |row| row.get(0))
                .map_err(err("read the schema"))?;
            if application_id != 0 || version != 0 || objects != 0 {
                return Err(Error::ForeignDatabase { path });
            }
        }
        if version > SCHEMA_VERSION {
            return Err(Error::TooNew {
                path,
                found: version,
                supported: SCHEMA_VERSION,
            });
        }

        // Connection settings: not part of the schema, so set on every open.
        let mode: String = conn
            .pragma_update_and_check(None, "journal_mode", "wal", |row| row.get(0))
            .map_err(err("switch to write-ahead logging"))?;
        if lock_path.is_some() && !mode.eq_ignore_ascii_case("wal") {
            return Err(Error::NoWal { path, mode });
        }
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(err("set synchronous"))?;
        conn.pragma_update(None, "foreign_keys", true)
            .map_err(err("enable foreign keys"))?;
        conn.pragma_update(None, "journal_size_limit", JOURNAL_SIZE_LIMIT)
            .map_err(err("set the journal size limit"))?;
        // A run is one transaction: with SQLite's default 2 MiB page cache, a large run spills
        // dirty pages to the WAL mid-transaction and reads index pages back for every asset.
        conn.pragma_update(None, "cache_size", PAGE_CACHE_KIB)
            .map_err(err("set the page cache size"))?;
        // Plans must not depend on bound values: otherwise SQLite (built with STAT4) re-prepares
        // a cached statement each time some parameters are rebound, which made `put` 15% slower.
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)
            .map_err(err("enable the query planner stability guarantee"))?;
        conn.set_prepared_statement_cache_capacity(32);

        if version < SCHEMA_VERSION {
            schema::migrate(&mut conn, &path)?;
        }
        let store = Store {
            conn,
            path,
            lock_path,
            file_id: None,
        };
        store.recover_interrupted()?;
        Ok(store)
    }

    /// Marks runs left `running` interrupted, if no fetch is alive: a live fetch holds the fetch
    /// lock for its whole run, and the OS releases it when the process dies.
    fn recover_interrupted(&self) -> Result<(), Error> {
        let Some(lock_path) = &self.lock_path else {
            return Ok(());
        };
        let running: bool = self
            .conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM runs WHERE status = 'running')",
                [],
                |row| row.get(0),
            )
            .map_err(|err| Error::sqlite(&self.path, "read the runs", err))?;
        if !running {
            return Ok(());
        }
        // A fetch is alive (or the lock file cannot be written, as on a read-only copy): leave it.
        let Ok(Some(_lock)) = FetchLock::acquire(lock_path, Duration::ZERO) else {
            return Ok(());
        };
        match self.conn.execute(MARK_STALE_RUNS, [STALE_REASON]) {
            Ok(_) => Ok(()),
            Err(err) => match Error::sqlite(&self.path, "mark interrupted runs", err) {
                // Someone else is writing right now; the next open or fetch will do it.
                Error::Busy { .. } => Ok(()),
                other => Err(other),
            },
        }
    }

    /// Deletes the database, with its `-wal`, `-shm` and lock files, when it holds no run and no
    /// fetch is writing to it: for a fetch that created the file and then stored nothing (a
    /// refused secret, an unreachable server), so that it leaves no empty database behind.
    /// Returns whether the files were deleted; a database with any run is never touched.
    pub fn discard_if_unused(self) -> Result<bool, Error> {
        let Some(lock_path) = self.lock_path.clone() else {
            return Ok(false);
        };
        let Some(lock) = FetchLock::acquire(&lock_path, Duration::ZERO)? else {
            return Ok(false);
        };
        let runs: i64 = self
            .conn
            .query_row("SELECT count(*) FROM runs", [], |row| row.get(0))
            .map_err(|err| Error::sqlite(&self.path, "count the runs", err))?;
        if runs > 0 {
            return Ok(false);
        }
        let Store { conn, path, .. } = self;
        conn.close()
            .map_err(|(_, err)| Error::sqlite(&path, "close the database", err))?;
        let mut files = vec![path.clone()];
        for suffix in ["-wal", "-shm"] {
            let mut file = path.as_os_str().to_owned();
            file.push(suffix);
            files.push(PathBuf::from(file));
        }
        // The lock file last, while its lock is still held.
        files.push(lock_path);
        for file in files {
            match std::fs::remove_file(&file) {
                Ok(()) => {}
                Err(err) if err.kind() == io::ErrorKind::NotFound => {}
                Err(source) => {
                    return Err(Error::Io {
                        action: "delete the unused database",
                        path: file,
                        source,
                    });
                }
            }
        }
        drop(lock);
        Ok(true)
    }

    /// The database file (`:memory:` in memory).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Every run, newest first, with counts, status, reason, scopes and issues.
    pub fn runs(&self) -> Result<Vec<RunInfo>, Error> {
        self.read(|| self.read_runs(None))
    }

    /// One run, or `None` if there is no run with that number.
    pub fn run(&self, id: i64) -> Result<Option<RunInfo>, Error> {
        self.read(|| Ok(self.read_runs(Some(id))?.pop()))
    }

    /// The latest run with data (complete or partial): the one `list` and `export` read by
    /// default. Failed and interrupted runs changed nothing, so they are skipped.
    pub fn latest_run(&self) -> Result<Option<RunInfo>, Error> {
        self.read(|| match self.latest_data_run()? {
            Some(id) => Ok(self.read_runs(Some(id))?.pop()),
            None => Ok(None),
        })
    }

    /// Runs `f` in one read transaction (one snapshot), unless a transaction is already open.
    pub(crate) fn read<T, E: From<Error>>(&self, f: impl FnOnce() -> Result<T, E>) -> Result<T, E> {
        if !self.conn.is_autocommit() {
            return f();
        }
        let tx = self
            .conn
            .unchecked_transaction()
            .map_err(|err| Error::sqlite(&self.path, "start reading", err))?;
        let value = f()?;
        // A read transaction has nothing to commit; ending it only releases the snapshot.
        tx.rollback()
            .map_err(|err| Error::sqlite(&self.path, "finish reading", err))?;
        Ok(value)
    }

    pub(crate) fn latest_data_run(&self) -> Result<Option<i64>, Error> {
        self.conn
            .query_row(
                "SELECT max(id) FROM runs WHERE status IN ('complete', 'partial')",
                [],
                |row| row.get(0),
            )
            .map_err(|err| Error::sqlite(&self.path, "find the latest run", err))
    }

    /// The run to read assets as of: the one asked for, which must exist and have data, or the
    /// latest with data (`None` when there is none yet).
    pub(crate) fn resolve_run(&self, run: Option<i64>) -> Result<Option<i64>, Error> {
        let Some(id) = run else {
            return self.latest_data_run();
        };
        let status: Option<String> = self
            .conn
            .query_row("SELECT status FROM runs WHERE id = ?1", [id], |row| {
                row.get(0)
            })
            .optional()
            .map_err(|err| Error::sqlite(&self.path, format!("read run {id}"), err))?;
        let Some(status) = status else {
            return Err(Error::NoSuchRun {
                path: self.path.clone(),
                id,
            });
        };
        let status: RunStatus = status
            .parse()
            .map_err(|detail: String| Error::corrupt(&self.path, detail))?;
        if !status.has_data() {
            return Err(Error::RunWithoutData {
                path: self.path.clone(),
                id,
                status,
            });
        }
        Ok(Some(id))
    }

    fn read_runs(&self, only: Option<i64>) -> Result<Vec<RunInfo>, Error> {
        let err = |err| Error::sqlite(&self.path, "read the runs", err);
        let filter = if only.is_some() {
            "WHERE run_id = ?1"
        } else {
            "WHERE ?1 IS NULL"
        };

        let mut issues: HashMap<i64, Vec<RunIssue>> = HashMap::new();
        let sql = format!(
            "SELECT run_id, source, item, http_status, zoom_code, message FROM run_issues {filter} \
             ORDER BY run_id, seq"
        );
        let mut statement = self.conn.prepare_cached(&sql).map_err(err)?;
        let mut rows = statement.query(params![only]).map_err(err)?;
        while let Some(row) = rows.next().map_err(err)? {
            let http_status: Option<i64> = row.get(3).map_err(err)?;
            let issue = RunIssue {
                source: row.get(1).map_err(err)?,
                item: row.get(2).map_err(err)?,
                http_status: http_status.and_then(|status| u16::try_from(status).ok()),
                zoom_code: row.get(4).map_err(err)?,
                message: row.get(5).map_err(err)?,
            };
            issues
                .entry(row.get(0).map_err(err)?)
                .or_default()
                .push(issue);
        }

        let mut scopes: HashMap<i64, Vec<ScopeCoverage>> = HashMap::new();
        let sql = format!(
            "SELECT run_id, scope, complete, seen FROM run_scopes {filter} ORDER BY run_id, scope"
        );
        let mut statement = self.conn.prepare_cached(&sql).map_err(err)?;
        let mut rows = statement.query(params![only]).map_err(err)?;
        while let Some(row) = rows.next().map_err(err)? {
            let scope = ScopeCoverage {
                scope: row.get(1).map_err(err)?,
                complete: row.get(2).map_err(err)?,
                seen: row.get::<_, i64>(3).map_err(err)?.try_into().unwrap_or(0),
            };
            scopes
                .entry(row.get(0).map_err(err)?)
                .or_default()
                .push(scope);
        }

        let filter = if only.is_some() {
            "WHERE id = ?1"
        } else {
            "WHERE ?1 IS NULL"
        };
        let sql = format!(
            "SELECT id, started_at, finished_at, status, settings_digest, counts, reason FROM runs {filter} \
             ORDER BY id DESC"
        );
        let mut statement = self.conn.prepare_cached(&sql).map_err(err)?;
        let mut rows = statement.query(params![only]).map_err(err)?;
        let mut runs = Vec::new();
        while let Some(row) = rows.next().map_err(err)? {
            let mut run = self.read_run(row)?;
            run.issues = issues.remove(&run.id).unwrap_or_default();
            run.scopes = scopes.remove(&run.id).unwrap_or_default();
            runs.push(run);
        }
        Ok(runs)
    }

    fn read_run(&self, row: &Row<'_>) -> Result<RunInfo, Error> {
        let path = &self.path;
        let err = |err| Error::sqlite(path, "read a run", err);
        let id: i64 = row.get(0).map_err(err)?;
        let started_at: String = row.get(1).map_err(err)?;
        let finished_at: Option<String> = row.get(2).map_err(err)?;
        let status: String = row.get(3).map_err(err)?;
        let counts: Option<String> = row.get(5).map_err(err)?;
        let counts = match counts {
            None => Default::default(),
            Some(text) => {
                let json = parse_json(path, &format!("counts of run {id}"), &text)?;
                let by_name: HashMap<String, KindCounts> =
                    serde_json::from_value(json).map_err(|e| {
                        Error::corrupt(path, format!("counts of run {id} are malformed: {e}"))
                    })?;
                by_name
                    .into_iter()
                    .map(|(name, counts)| {
                        let kind = Kind::ALL
                            .into_iter()
                            .find(|kind| kind.as_str() == name)
                            .ok_or_else(|| {
                                Error::corrupt(
                                    path,
                                    format!("counts of run {id} name unknown kind {name:?}"),
                                )
                            })?;
                        Ok((kind, counts))
                    })
                    .collect::<Result<_, Error>>()?
            }
        };
        Ok(RunInfo {
            id,
            started_at: parse_time(path, "started_at", &started_at)?,
            finished_at: finished_at
                .map(|text| parse_time(path, "finished_at", &text))
                .transpose()?,
            status: status
                .parse()
                .map_err(|detail: String| Error::corrupt(path, detail))?,
            settings_digest: row.get(4).map_err(err)?,
            reason: row.get(6).map_err(err)?,
            counts,
            scopes: Vec::new(),
            issues: Vec::new(),
        })
    }
}

/// Refuses a file that exists, is not empty, and does not start with SQLite's header, without
/// writing to it. (SQLite itself would refuse it too, but only after `Store::open` created the
/// `-wal` and `-shm` files next to it; an empty file is a new database to SQLite.)
fn check_header(path: &Path) -> Result<(), Error> {
    let not_a_database = || Error::NotADatabase {
        path: path.to_owned(),
    };
    let io_error = |source| Error::Io {
        action: "read",
        path: path.to_owned(),
        source,
    };
    let mut file = match File::open(path) {
        Ok(file) => file,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(err) => return Err(io_error(err)),
    };
    let metadata = file.metadata().map_err(io_error)?;
    if metadata.is_dir() {
        return Err(not_a_database());
    }
    if metadata.len() == 0 {
        return Ok(());
    }
    let mut header = [0_u8; 16];
    match file.read_exact(&mut header) {
        Ok(()) if &header == SQLITE_HEADER => Ok(()),
        Ok(()) => Err(not_a_database()),
        Err(err) if err.kind() == io::ErrorKind::UnexpectedEof => Err(not_a_database()),
        Err(err) => Err(io_error(err)),
    }
}

/// A file's identity: its device and inode.
fn file_id(path: &Path) -> io::Result<(u64, u64)> {
    use std::os::unix::fs::MetadataExt as _;
    let metadata = std::fs::metadata(path)?;
    Ok((metadata.dev(), metadata.ino()))
}
