//! Database files as users meet them: one from an older release is read (and migrated); one from
//! a newer release, or a file that is not SQLite, is refused with exit 2 and left byte for byte
//! as it was, by every command.

use std::path::{Path, PathBuf};

use inventory_store::SCHEMA_VERSION;

use crate::support::{Sim, assert_code, stderr, stdout, zi};

/// The fixture database of schema 1 (`fixtures/databases/v1.db`), copied into `dir`.
fn old_database(dir: &Path) -> PathBuf {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/databases/v1.db");
    let path = dir.join("inventory.db");
    std::fs::copy(fixture, &path).expect("copy the fixture");
    path
}

/// Every command that opens the database, with `db`.
fn commands(db: &str, sim: &Sim) -> Vec<Vec<String>> {
    let mut fetch = vec!["fetch".to_owned(), "--db".to_owned(), db.to_owned()];
    fetch.extend(sim.url_flags());
    [
        vec!["list", "users", "--db", db],
        vec!["show", "user", "nobody@example.com", "--db", db],
        vec!["export", "--db", db],
        vec!["runs", "--db", db],
        vec!["diff", "--db", db],
    ]
    .into_iter()
    .map(|args| args.into_iter().map(str::to_owned).collect())
    .chain([fetch])
    .collect()
}

#[test]
fn a_database_of_an_older_release_is_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = old_database(dir.path());
    let output = zi(
        &[
            "list",
            "users",
            "--format",
            "json",
            "--db",
            db.to_str().expect("utf-8"),
        ],
        &[],
    );
    assert_code(&output, 0);
    let users: Vec<serde_json::Value> = serde_json::from_str(&stdout(&output)).expect("JSON");
    assert_eq!(users.len(), 14);
}

#[test]
fn a_database_of_a_newer_release_is_refused_and_untouched() {
    let sim = Sim::with_users(15);
    let dir = tempfile::tempdir().expect("temp dir");
    let db = old_database(dir.path());
    let newer = SCHEMA_VERSION + 1;
    rusqlite::Connection::open(&db)
        .expect("open")
        .pragma_update(None, "user_version", newer)
        .expect("set the version");
    let before = std::fs::read(&db).expect("read");
    let db_arg = db.display().to_string();
    for args in commands(&db_arg, &sim) {
        let output = zi(&args, &sim.env());
        assert_code(&output, 2);
        let text = stderr(&output);
        assert!(
            text.contains(&format!(
                "has schema version {newer} but this zoom-inventory supports up to {SCHEMA_VERSION}; use a newer zoom-inventory to read it"
            )),
            "{args:?}: {text}"
        );
        assert_eq!(std::fs::read(&db).expect("read"), before, "{args:?}");
    }
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_and_untouched() {
    let sim = Sim::with_users(15);
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("inventory.db");
    let content = b"name,email\nAda,ada@example.com\n\xff\xfe binary tail";
    std::fs::write(&db, content).expect("write");
    let db_arg = db.display().to_string();
    for args in commands(&db_arg, &sim) {
        let output = zi(&args, &sim.env());
        assert_code(&output, 2);
        let text = stderr(&output);
        assert!(
            text.contains("is not a SQLite database; it was left untouched"),
            "{args:?}: {text}"
        );
        assert_eq!(std::fs::read(&db).expect("read"), content, "{args:?}");
    }
    let side_files: Vec<_> = std::fs::read_dir(dir.path())
        .expect("read dir")
        .map(|entry| entry.expect("entry").file_name())
        .filter(|name| name != "inventory.db")
        .collect();
    assert_eq!(side_files, Vec::<std::ffi::OsString>::new());
}
