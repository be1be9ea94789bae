//! The one error type of the store.

use std::io;
use std::path::PathBuf;

use inventory_model::Kind;

use crate::RunStatus;

/// Everything that can go wrong opening, reading or writing the inventory. Messages name the
/// database file and, where there is one, what to do about it.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Another fetch holds the database (or another process holds SQLite's write lock longer
    /// than the busy timeout).
    #[error("another fetch is writing to {}; wait for it to finish", path.display())]
    Busy {
        /// The database file.
        path: PathBuf,
    },

    /// The database was written by a newer zoom-inventory with a schema this build does not know.
    #[error(
        "{} has schema version {found} but this zoom-inventory supports up to {supported}; \
         use a newer zoom-inventory to read it",
        path.display()
    )]
    TooNew {
        /// The database file.
        path: PathBuf,
        /// The schema version found in the file (`PRAGMA user_version`).
        found: i64,
        /// The newest schema version this build knows ([`crate::SCHEMA_VERSION`]).
        supported: i64,
    },

    /// The file exists but is not a SQLite database. It was left untouched.
    #[error("{} is not a SQLite database; it was left untouched (choose another database path)", path.display())]
    NotADatabase {
        /// The file.
        path: PathBuf,
    },

    /// The file is a SQLite database of some other application. It was left untouched.
    #[error(
        "{} is a SQLite database of another application; it was left untouched \
         (choose another database path)",
        path.display()
    )]
    ForeignDatabase {
        /// The file.
        path: PathBuf,
    },

    /// The directory that should hold the database does not exist.
    #[error("cannot create database at {}: directory {} does not exist", path.display(), dir.display())]
    MissingDirectory {
        /// The database file.
        path: PathBuf,
        /// Its missing parent directory.
        dir: PathBuf,
    },

    /// SQLite could not open or create the file (typically: permission denied).
    #[error("cannot open or create database at {}; check that it and its directory are writable", path.display())]
    Open {
        /// The database file.
        path: PathBuf,
        /// What SQLite said.
        #[source]
        source: rusqlite::Error,
    },

    /// The database cannot use write-ahead logging, which readers-never-block relies on.
    #[error(
        "cannot use write-ahead logging for {} (journal mode stays {mode:?}); \
         keep the database on a local filesystem",
        path.display()
    )]
    NoWal {
        /// The database file.
        path: PathBuf,
        /// The journal mode SQLite kept.
        mode: String,
    },

    /// The database file was deleted or replaced between opening it and starting a run (by a
    /// failed first fetch cleaning up after itself, or by hand). Nothing was written.
    #[error(
        "{} was deleted or replaced while this fetch was opening it; nothing was written: run \
         the fetch again",
        path.display()
    )]
    Replaced {
        /// The database file.
        path: PathBuf,
    },

    /// A file next to the database (the fetch lock) could not be read or written.
    #[error("cannot {action} {}", path.display())]
    Io {
        /// What was attempted, as a verb phrase (`create the fetch lock`).
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// What the OS said.
        #[source]
        source: io::Error,
    },

    /// A SQLite statement failed.
    #[error("cannot {operation} in {}", path.display())]
    Sqlite {
        /// What was attempted, as a verb phrase (`store asset user:abc`).
        operation: String,
        /// The database file.
        path: PathBuf,
        /// What SQLite said.
        #[source]
        source: rusqlite::Error,
    },

    /// A stored value cannot be read back: invalid JSON, a malformed time, an unknown kind or
    /// status (a newer zoom-inventory may have written it).
    #[error("{} holds a value this zoom-inventory cannot read: {detail}", path.display())]
    Corrupt {
        /// The database file.
        path: PathBuf,
        /// Which value, and what is wrong with it.
        detail: String,
    },

    /// A run number that is not in the database.
    #[error("there is no run {id} in {}; list the runs to see which exist", path.display())]
    NoSuchRun {
        /// The database file.
        path: PathBuf,
        /// The run asked for.
        id: i64,
    },

    /// A run that committed no assets (failed, interrupted, or still running) was asked for its
    /// assets.
    #[error(
        "run {id} in {} is {status} and holds no assets; choose a complete or partial run",
        path.display()
    )]
    RunWithoutData {
        /// The database file.
        path: PathBuf,
        /// The run asked for.
        id: i64,
        /// Its status.
        status: RunStatus,
    },

    /// A record was put with an id already stored for an asset of another kind: a bug in how
    /// ids are made, since an id must name one asset forever.
    #[error("asset {id} is stored as a {stored} but was put as a {put}; ids must not change kind")]
    KindMismatch {
        /// The asset id.
        id: String,
        /// The kind stored.
        stored: String,
        /// The kind of the record put.
        put: Kind,
    },
}

impl Error {
    /// Whether the user can fix this by choosing another database path or run (exit code 2),
    /// rather than something failing while the inventory was read or written.
    pub fn is_usage(&self) -> bool {
        match self {
            // The path cannot hold an inventory, or the run asked for holds no data.
            Error::TooNew { .. }
            | Error::NotADatabase { .. }
            | Error::ForeignDatabase { .. }
            | Error::MissingDirectory { .. }
            | Error::Open { .. }
            | Error::NoWal { .. }
            | Error::NoSuchRun { .. }
            | Error::RunWithoutData { .. } => true,
            Error::Busy { .. }
            | Error::Replaced { .. }
            | Error::Io { .. }
            | Error::Sqlite { .. }
            | Error::Corrupt { .. }
            | Error::KindMismatch { .. } => false,
        }
    }

    /// Wraps a rusqlite error with what was being done; SQLite's busy and locked errors become
    /// [`Error::Busy`], which is what they mean here.
    pub(crate) fn sqlite(
        path: &std::path::Path,
        operation: impl Into<String>,
        source: rusqlite::Error,
    ) -> Error {
        match source.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                Error::Busy {
                    path: path.to_owned(),
                }
            }
            Some(rusqlite::ErrorCode::NotADatabase) => Error::NotADatabase {
                path: path.to_owned(),
            },
            _ => Error::Sqlite {
                operation: operation.into(),
                path: path.to_owned(),
                source,
            },
        }
    }

    pub(crate) fn corrupt(path: &std::path::Path, detail: impl Into<String>) -> Error {
        Error::Corrupt {
            path: path.to_owned(),
            detail: detail.into(),
        }
    }
}
