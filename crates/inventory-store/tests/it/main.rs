//! Integration tests of inventory-store: one binary, one module per promise of the store.

mod atomicity; // dropped, failed and killed runs leave the previous data intact
mod common; // fixtures: user records, runs by day, raw access to a database file
mod concurrency; // a second fetch is refused at once; readers see the last commit meanwhile
mod diff; // what changed between two runs, field by field
mod history; // first/last seen, versions, removals and counts across runs
mod incremental; // cursors, detail marks, meetings read and the ledger move with a commit only
mod open; // refusals (newer schema, not SQLite, another app's database, missing directory)
mod reading; // queries: by kind, paging, find by id/source id/email, export line shape
mod scale; // many records in one run, streamed back
mod schema; // the final schema snapshot, and SCHEMA.md kept true
mod upgrade; // a database of every released schema version opens, migrates and reads
