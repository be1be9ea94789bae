//! The final schema is reviewed through a snapshot, and SCHEMA.md stays true to it.

use std::path::Path;

use inventory_store::{RunOutcome, Store};

use crate::common::*;

/// `CREATE` statements of the final schema, in name order.
fn schema_sql(path: &Path) -> String {
    let conn = raw(path);
    let mut statement = conn
        .prepare("SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY name")
        .unwrap();
    let sql: Vec<String> = statement
        .query_map([], |row| row.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    sql.join(";\n\n") + ";\n"
}

#[test]
fn final_schema() {
    let (_dir, path) = temp_db();
    drop(Store::open(&path).unwrap());
    insta::assert_snapshot!("schema", schema_sql(&path));
}

fn schema_md() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("SCHEMA.md")).unwrap()
}

#[test]
fn schema_md_names_every_table_view_and_column() {
    let (_dir, path) = temp_db();
    drop(Store::open(&path).unwrap());
    let doc = schema_md();
    let conn = raw(&path);
    let mut tables = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') ORDER BY name")
        .unwrap();
    let tables: Vec<String> = tables
        .query_map([], |row| row.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(!tables.is_empty());
    for table in tables {
        assert!(
            doc.contains(&format!("### `{table}`")),
            "SCHEMA.md has no section for {table}"
        );
        let mut columns = conn
            .prepare("SELECT name FROM pragma_table_info(?1)")
            .unwrap();
        let columns: Vec<String> = columns
            .query_map([&table], |row| row.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        for column in columns {
            assert!(
                doc.contains(&format!("| `{column}` |")),
                "SCHEMA.md does not describe {table}.{column}"
            );
        }
    }
}

#[test]
fn schema_md_example_queries_run() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    run(&mut store, 1, &[alice(), bob()]);
    run_with(
        &mut store,
        2,
        &[renamed(&alice(), "Alice L.")],
        RunOutcome::Partial,
        &[],
    );
    run(&mut store, 3, &[alice()]);
    let conn = raw(&path);

    let doc = schema_md();
    let queries: Vec<&str> = doc
        .split("```sql\n")
        .skip(1)
        .map(|block| block.split("```").next().unwrap())
        .collect();
    assert!(queries.len() >= 6, "SCHEMA.md should show example queries");
    for query in queries {
        let mut statement = conn
            .prepare(query)
            .unwrap_or_else(|err| panic!("{err}\n{query}"));
        let mut rows = statement.query([]).unwrap();
        while rows
            .next()
            .unwrap_or_else(|err| panic!("{err}\n{query}"))
            .is_some()
        {}
    }
}

#[test]
fn the_latest_assets_view_matches_the_store() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    run(&mut store, 1, &[alice(), bob()]);
    run(&mut store, 2, &[renamed(&alice(), "Alice L.")]);
    let conn = raw(&path);
    let mut statement = conn
        .prepare("SELECT id, fields FROM latest_assets ORDER BY kind, id")
        .unwrap();
    let from_view: Vec<(String, String)> = statement
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let from_store: Vec<(String, String)> = assets(&store, None)
        .into_iter()
        .map(|asset| (asset.id, serde_json::to_string(&asset.fields).unwrap()))
        .collect();
    assert_eq!(from_view.len(), 1);
    assert_eq!(from_view[0].0, from_store[0].0);
    let parsed: serde_json::Value = serde_json::from_str(&from_view[0].1).unwrap();
    assert_eq!(parsed["display_name"], "Alice L.");
}
