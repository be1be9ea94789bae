//! Databases written by every released schema version (`fixtures/databases/v<N>.db`, one per
//! version, kept forever) open in place, migrate forward, read back as reviewed, and take new
//! runs. Adding a migration means adding the previous release's database as a fixture: the
//! first test fails until there is one per version.

use std::path::{Path, PathBuf};

use inventory_store::{RunStatus, SCHEMA_VERSION, Store};
use serde_json::json;

use crate::common::*;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/databases")
}

/// `PRAGMA user_version` as stored in the file header (bytes 60..64), read without SQLite so
/// that the fixture itself is never opened.
fn header_version(path: &Path) -> i64 {
    let bytes = std::fs::read(path).unwrap();
    assert_eq!(&bytes[..16], b"SQLite format 3\0", "{}", path.display());
    i64::from(u32::from_be_bytes(bytes[60..64].try_into().unwrap()))
}

#[test]
fn there_is_a_fixture_for_every_schema_version() {
    for version in 1..=SCHEMA_VERSION {
        let path = fixtures().join(format!("v{version}.db"));
        assert!(
            path.is_file(),
            "no {}: keep a database written by the release of schema {version} (see fixtures/README.md)",
            path.display()
        );
        assert_eq!(header_version(&path), version, "{}", path.display());
    }
}

#[test]
fn every_released_schema_opens_migrates_and_reads() {
    let mut fixtures: Vec<PathBuf> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "db"))
        .collect();
    fixtures.sort();
    assert!(!fixtures.is_empty());
    for fixture in &fixtures {
        let stem = fixture.file_stem().unwrap().to_string_lossy().into_owned();
        let original = std::fs::read(fixture).unwrap();
        let (_dir, path) = temp_db();
        std::fs::copy(fixture, &path).unwrap();

        let mut store = Store::open(&path).unwrap();
        assert_eq!(
            raw(&path)
                .pragma_query_value(None, "user_version", |row| row.get::<_, i64>(0))
                .unwrap(),
            SCHEMA_VERSION,
            "migrated in place"
        );
        let integrity: String = raw(&path)
            .query_row("PRAGMA integrity_check", [], |row| row.get(0))
            .unwrap();
        assert_eq!(integrity, "ok");

        let runs = store.runs().unwrap();
        let latest = store.latest_run().unwrap().expect("the fixture has data");
        let mut per_run = Vec::new();
        for run in runs.iter().rev() {
            let ids: Vec<String> = ids(&store, Some(run.id));
            for asset in assets(&store, Some(run.id)) {
                let line = asset.to_export_json();
                assert_eq!(line["id"], asset.id.as_str());
                assert!(line["raw"].is_object(), "{}", asset.id);
            }
            per_run.push(json!({
                "id": run.id,
                "status": run.status.to_string(),
                "counts": run.counts.iter().map(|(kind, counts)| {
                    (kind.to_string(), json!([counts.present, counts.added, counts.changed, counts.removed]))
                }).collect::<serde_json::Map<_, _>>(),
                "assets": ids,
            }));
        }
        let changes: Vec<String> = match runs.as_slice() {
            [newest, before, ..] => store
                .diff(before.id, newest.id, None)
                .unwrap()
                .iter()
                .map(|change| format!("{:?} {}", change.change, change.id))
                .collect(),
            _ => Vec::new(),
        };
        insta::assert_json_snapshot!(
            format!("fixture_{stem}"),
            json!({
                "latest_run": latest.id,
                "runs": per_run,
                "changes_in_the_last_run": changes,
            })
        );

        // Schema 2's tables exist after the migration; a database of schema 1 has no cursor,
        // so its next fetch reads every detail, as a full run does.
        let cursors = count(&path, "SELECT count(*) FROM cursors");
        if stem == "v1" {
            assert_eq!(cursors, 0, "nothing to resume from");
            assert_eq!(count(&path, "SELECT count(*) FROM detail_reads"), 0);
        }

        // The migrated database takes new runs, and their cursors.
        let mut writer = store.begin_run(start(1_000)).unwrap();
        writer.put(&alice()).unwrap();
        writer
            .set_cursor("upgrade", "meetings", "2026-01-01")
            .unwrap();
        writer
            .finish(end(1_000, inventory_store::RunOutcome::Complete, &[ACTIVE]))
            .unwrap();
        assert_eq!(
            store.cursors("upgrade").unwrap()["meetings"].position,
            "2026-01-01"
        );
        let next = run(&mut store, 1_001, &[alice()]);
        assert_eq!(next.status, RunStatus::Complete);
        assert!(next.id > latest.id);
        assert_eq!(store.latest_run().unwrap().unwrap().id, next.id);
        assert_eq!(
            std::fs::read(fixture).unwrap(),
            original,
            "the fixture is untouched"
        );
    }
}
