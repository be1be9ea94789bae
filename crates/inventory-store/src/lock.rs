//! The fetch lock: an OS advisory lock on `<database>-lock`, held by a [`crate::RunWriter`] for
//! its whole life. It is what tells a live fetch from a dead one (see the crate docs).

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::Error;

/// Held while a fetch runs; the OS releases it when this is dropped or the process dies.
#[derive(Debug)]
pub(crate) struct FetchLock {
    _file: File,
}

/// The lock file of a database: its path with `-lock` appended, next to SQLite's `-wal` and
/// `-shm` files.
pub(crate) fn lock_path(database: &Path) -> PathBuf {
    let mut path = database.as_os_str().to_owned();
    path.push("-lock");
    PathBuf::from(path)
}

impl FetchLock {
    /// Takes the lock, retrying until `patience` has passed: `Ok(None)` when another fetch still
    /// holds it. A zero `patience` tries once. (`Store::open` holds the lock for a moment when it
    /// marks dead runs interrupted; a fetch starting at that moment should not fail for it.)
    pub(crate) fn acquire(
        lock_path: &Path,
        patience: Duration,
    ) -> Result<Option<FetchLock>, Error> {
        let io_error = |action, source| Error::Io {
            action,
            path: lock_path.to_owned(),
            source,
        };
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(lock_path)
            .map_err(|source| io_error("create the fetch lock", source))?;
        let deadline = Instant::now() + patience;
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(Some(FetchLock { _file: file })),
                Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(10));
                }
                Err(TryLockError::WouldBlock) => return Ok(None),
                Err(TryLockError::Error(source)) => {
                    return Err(io_error("take the fetch lock", source));
                }
            }
        }
    }
}
