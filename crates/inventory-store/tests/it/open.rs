//! Opening refuses what it must not touch, and says why.

use inventory_store::{Error, SCHEMA_VERSION, Store};

use crate::common::*;

/// The files SQLite or the store could have created next to `path`.
fn side_files(path: &std::path::Path) -> Vec<String> {
    ["-wal", "-shm", "-journal", "-lock"]
        .into_iter()
        .filter(|suffix| {
            let mut side = path.as_os_str().to_owned();
            side.push(suffix);
            std::path::Path::new(&side).exists()
        })
        .map(str::to_owned)
        .collect()
}

#[test]
fn a_database_of_a_newer_version_is_refused() {
    let (_dir, path) = temp_db();
    drop(Store::open(&path).unwrap());
    raw(&path)
        .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();

    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, Error::TooNew { found, supported, .. }
        if found == SCHEMA_VERSION + 1 && supported == SCHEMA_VERSION));
    assert_eq!(
        err.to_string(),
        format!(
            "{} has schema version {} but this zoom-inventory supports up to {}; \
             use a newer zoom-inventory to read it",
            path.display(),
            SCHEMA_VERSION + 1,
            SCHEMA_VERSION
        )
    );
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_and_left_untouched() {
    let (_dir, path) = temp_db();
    for content in [
        &b"hello, I am a spreadsheet, not a database\n"[..],
        b"short",
        &[0_u8; 8192][..],
    ] {
        std::fs::write(&path, content).unwrap();
        let err = Store::open(&path).unwrap_err();
        assert!(
            matches!(&err, Error::NotADatabase { path: refused } if *refused == path),
            "{err}"
        );
        assert_eq!(std::fs::read(&path).unwrap(), content);
        assert_eq!(side_files(&path), Vec::<String>::new());
    }
    assert_eq!(
        Store::open(&path).unwrap_err().to_string(),
        format!(
            "{} is not a SQLite database; it was left untouched (choose another database path)",
            path.display()
        )
    );
}

#[test]
fn another_applications_database_is_refused() {
    let (_dir, path) = temp_db();
    raw(&path)
        .execute_batch("CREATE TABLE notes (body TEXT)")
        .unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, Error::ForeignDatabase { .. }), "{err}");
    assert_eq!(count(&path, "SELECT count(*) FROM sqlite_schema"), 1);
}

#[test]
fn a_missing_directory_is_a_clear_error() {
    let (dir, _) = temp_db();
    let path = dir.path().join("nope").join("inventory.db");
    let err = Store::open(&path).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "cannot create database at {}: directory {} does not exist",
            path.display(),
            dir.path().join("nope").display()
        )
    );
}

#[test]
fn an_empty_file_becomes_a_database_and_data_survives_reopening() {
    let (_dir, path) = temp_db();
    std::fs::write(&path, b"").unwrap();
    let mut store = Store::open(&path).unwrap();
    run(&mut store, 1, &[alice()]);
    drop(store);

    let store = Store::open(&path).unwrap();
    assert_eq!(ids(&store, None), ["user:a1"]);
    let conn = raw(&path);
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |row| row.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}
