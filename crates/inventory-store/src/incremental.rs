//! What incremental runs keep between runs: cursors (where a source last read up to), the detail
//! of each item with the hash of the list record it was read for, the meetings whose
//! participants were read, and the requests each run made (the quota planner's ledger).
//!
//! Everything here is written through the [`RunWriter`], inside the run's transaction, so it
//! moves only with a committed run: a run that fails or is killed leaves it where the last
//! committed run put it. It is read through [`Store`], which sees the last committed run.

use std::collections::{BTreeMap, HashMap, HashSet};

use jiff::Timestamp;
use rusqlite::params;

use crate::codec::{format_time, parse_time};
use crate::{Error, RunWriter, Store};

/// Where a source's last committed run read up to (`cursors`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cursor {
    /// The source's own notion of a position: a time, a date, ... as it wrote it.
    pub position: String,
    /// The run that moved it there.
    pub run_id: i64,
}

/// When an item's detail was last read, and for which list record (`detail_reads`, without the
/// detail itself: a few dozen bytes an item, so a large account's index fits in memory).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DetailMark {
    /// The hash of the list record the detail was read for.
    pub list_hash: String,
    /// When it was read (the run's start).
    pub read_at: Timestamp,
}

/// The requests a run made, per rate-limit category, for the quota planner's ledger.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RequestTally {
    /// Requests per category name (`Light`, `Heavy`, ...).
    pub by_category: BTreeMap<String, u64>,
}

/// Items asked of [`Store::details`] in one statement: SQLite's default limit on bound
/// parameters is 32766, and one statement per page of a listing keeps memory bounded.
const DETAILS_PER_QUERY: usize = 500;

impl Store {
    /// The cursors of `account_id`, by source.
    pub fn cursors(&self, account_id: &str) -> Result<BTreeMap<String, Cursor>, Error> {
        let err = |err| Error::sqlite(&self.path, "read the cursors", err);
        self.read(|| {
            let mut statement = self
                .conn
                .prepare_cached(
                    "SELECT source, position, run_id FROM cursors WHERE account_id = ?1",
                )
                .map_err(err)?;
            let rows = statement
                .query_map([account_id], |row| {
                    Ok((
                        row.get::<_, String>(0)?,
                        Cursor {
                            position: row.get(1)?,
                            run_id: row.get(2)?,
                        },
                    ))
                })
                .map_err(err)?;
            rows.collect::<Result<_, _>>().map_err(err)
        })
    }

    /// The detail marks of the items of `account_id` whose id starts with `prefix` (`user:`).
    pub fn detail_marks(
        &self,
        account_id: &str,
        prefix: &str,
    ) -> Result<HashMap<String, DetailMark>, Error> {
        let err = |err| Error::sqlite(&self.path, "read the detail marks", err);
        self.read(|| {
            let mut statement = self
                .conn
                .prepare_cached(
                    "SELECT item, list_hash, read_at FROM detail_reads \
                     WHERE account_id = ?1 AND substr(item, 1, length(?2)) = ?2",
                )
                .map_err(err)?;
            let mut rows = statement.query(params![account_id, prefix]).map_err(err)?;
            let mut marks = HashMap::new();
            while let Some(row) = rows.next().map_err(err)? {
                let read_at: String = row.get(2).map_err(err)?;
                marks.insert(
                    row.get(0).map_err(err)?,
                    DetailMark {
                        list_hash: row.get(1).map_err(err)?,
                        read_at: parse_time(&self.path, "read_at", &read_at)?,
                    },
                );
            }
            Ok(marks)
        })
    }

    /// The details last read for `items` (JSON text as written; `None` when the item was read
    /// and has no detail). Items never read are absent from the map.
    pub fn details(
        &self,
        account_id: &str,
        items: &[&str],
    ) -> Result<HashMap<String, Option<String>>, Error> {
        let err = |err| Error::sqlite(&self.path, "read the details", err);
        self.read(|| {
            let mut details = HashMap::with_capacity(items.len());
            for chunk in items.chunks(DETAILS_PER_QUERY) {
                let placeholders = vec!["?"; chunk.len()].join(",");
                let sql = format!(
                    "SELECT item, detail FROM detail_reads \
                     WHERE account_id = ? AND item IN ({placeholders})"
                );
                let mut statement = self.conn.prepare(&sql).map_err(err)?;
                let bound = std::iter::once(account_id).chain(chunk.iter().copied());
                let mut rows = statement
                    .query(rusqlite::params_from_iter(bound))
                    .map_err(err)?;
                while let Some(row) = rows.next().map_err(err)? {
                    details.insert(row.get(0).map_err(err)?, row.get(1).map_err(err)?);
                }
            }
            Ok(details)
        })
    }

    /// The meetings of `account_id` that started at or after `since` whose participants were
    /// read, by UUID.
    pub fn meetings_read_since(
        &self,
        account_id: &str,
        since: Timestamp,
    ) -> Result<HashSet<String>, Error> {
        let err = |err| Error::sqlite(&self.path, "read the meetings already read", err);
        self.read(|| {
            let mut statement = self
                .conn
                .prepare_cached(
                    "SELECT uuid FROM meetings_read WHERE account_id = ?1 AND start_time >= ?2",
                )
                .map_err(err)?;
            let rows = statement
                .query_map(params![account_id, format_time(since)], |row| row.get(0))
                .map_err(err)?;
            rows.collect::<Result<_, _>>().map_err(err)
        })
    }

    /// Hands `f` each asset present as of the latest committed run in `scope` (its source id,
    /// fields and raw JSON), one at a time: for a run that merges what it reads with what is
    /// stored (meeting devices).
    pub fn for_each_present_in_scope(
        &self,
        scope: &str,
        mut f: impl FnMut(&str, serde_json::Value, serde_json::Value),
    ) -> Result<(), Error> {
        let err = |err| Error::sqlite(&self.path, format!("read the assets of {scope}"), err);
        self.read(|| {
            let mut statement = self
                .conn
                .prepare_cached(
                    "SELECT a.source_id, v.fields, v.raw FROM assets AS a \
                     JOIN asset_versions AS v ON v.asset_id = a.id AND v.run_id = \
                       (SELECT max(p.run_id) FROM asset_versions AS p WHERE p.asset_id = a.id) \
                     WHERE a.scope = ?1 AND a.removed_run IS NULL AND v.state = 'present'",
                )
                .map_err(err)?;
            let mut rows = statement.query([scope]).map_err(err)?;
            while let Some(row) = rows.next().map_err(err)? {
                let source_id: String = row.get(0).map_err(err)?;
                let fields: String = row.get(1).map_err(err)?;
                let raw: String = row.get(2).map_err(err)?;
                let fields = crate::codec::parse_json(&self.path, "fields", &fields)?;
                let raw = crate::codec::parse_json(&self.path, "raw", &raw)?;
                f(&source_id, fields, raw);
            }
            Ok(())
        })
    }

    /// The requests of the runs of `account_id` that started in `[from, to)`, per category.
    pub fn requests_between(
        &self,
        account_id: &str,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<RequestTally, Error> {
        let err = |err| Error::sqlite(&self.path, "read the request ledger", err);
        self.read(|| {
            let mut statement = self
                .conn
                .prepare_cached(
                    "SELECT q.category, sum(q.requests) FROM run_requests AS q \
                     JOIN runs AS r ON r.id = q.run_id \
                     WHERE q.account_id = ?1 AND r.started_at >= ?2 AND r.started_at < ?3 \
                     GROUP BY q.category",
                )
                .map_err(err)?;
            let rows = statement
                .query_map(
                    params![account_id, format_time(from), format_time(to)],
                    |row| Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?)),
                )
                .map_err(err)?;
            let mut tally = RequestTally::default();
            for row in rows {
                let (category, requests) = row.map_err(err)?;
                tally
                    .by_category
                    .insert(category, u64::try_from(requests).unwrap_or(0));
            }
            Ok(tally)
        })
    }
}

impl RunWriter<'_> {
    /// Moves the cursor of `source` to `position`, as of this run (committed with it).
    pub fn set_cursor(
        &mut self,
        account_id: &str,
        source: &str,
        position: &str,
    ) -> Result<(), Error> {
        let run = self.run_id();
        let (conn, path) = self.connection();
        conn.prepare_cached(
            "INSERT INTO cursors (account_id, source, position, run_id) VALUES (?1, ?2, ?3, ?4) \
             ON CONFLICT (account_id, source) DO UPDATE \
             SET position = excluded.position, run_id = excluded.run_id",
        )
        .and_then(|mut statement| statement.execute(params![account_id, source, position, run]))
        .map_err(|err| Error::sqlite(path, format!("move the cursor of {source}"), err))?;
        Ok(())
    }

    /// Records that `item`'s detail was read at `read_at` for the list record hashed
    /// `list_hash`; `detail` is what to normalize from until it is read again (`None`: the item
    /// has no detail).
    pub fn put_detail(
        &mut self,
        account_id: &str,
        item: &str,
        list_hash: &str,
        read_at: Timestamp,
        detail: Option<&str>,
    ) -> Result<(), Error> {
        let run = self.run_id();
        let (conn, path) = self.connection();
        conn.prepare_cached(
            "INSERT INTO detail_reads (account_id, item, list_hash, read_at, detail, run_id) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6) \
             ON CONFLICT (account_id, item) DO UPDATE \
             SET list_hash = excluded.list_hash, read_at = excluded.read_at, \
                 detail = excluded.detail, run_id = excluded.run_id",
        )
        .and_then(|mut statement| {
            statement.execute(params![
                account_id,
                item,
                list_hash,
                format_time(read_at),
                detail,
                run
            ])
        })
        .map_err(|err| Error::sqlite(path, format!("record the detail of {item}"), err))?;
        Ok(())
    }

    /// Records that the participants of the meeting `uuid`, which started at `start_time`,
    /// were read.
    pub fn mark_meeting_read(
        &mut self,
        account_id: &str,
        uuid: &str,
        start_time: Timestamp,
    ) -> Result<(), Error> {
        let run = self.run_id();
        let (conn, path) = self.connection();
        conn.prepare_cached(
            "INSERT INTO meetings_read (account_id, uuid, start_time, run_id) \
             VALUES (?1, ?2, ?3, ?4) ON CONFLICT (account_id, uuid) DO NOTHING",
        )
        .and_then(|mut statement| {
            statement.execute(params![account_id, uuid, format_time(start_time), run])
        })
        .map_err(|err| Error::sqlite(path, format!("record meeting {uuid} as read"), err))?;
        Ok(())
    }

    /// Forgets the meetings read that started before `before`: no window reaches them again.
    pub fn forget_meetings_before(
        &mut self,
        account_id: &str,
        before: Timestamp,
    ) -> Result<(), Error> {
        let (conn, path) = self.connection();
        conn.prepare_cached("DELETE FROM meetings_read WHERE account_id = ?1 AND start_time < ?2")
            .and_then(|mut statement| statement.execute(params![account_id, format_time(before)]))
            .map_err(|err| Error::sqlite(path, "forget old meetings", err))?;
        Ok(())
    }

    /// The requests this run made, per category: written when the run ends, whatever its
    /// outcome (a failed run spent them too).
    pub fn record_requests(&mut self, account_id: &str, tally: RequestTally) -> Result<(), Error> {
        self.requests = Some((account_id.to_owned(), tally));
        Ok(())
    }
}

impl RunWriter<'_> {
    /// Forgets the details of the assets this run marked removed (`<id>` and `<id>#...`), so
    /// that the rotation of detail reads counts only items that exist.
    pub(crate) fn forget_details_of_removed(&self) -> Result<(), Error> {
        let run = self.run_id();
        let (conn, path) = self.connection();
        conn.execute(
            "DELETE FROM detail_reads WHERE EXISTS (SELECT 1 FROM assets AS a \
             WHERE a.removed_run = ?1 AND (detail_reads.item = a.id \
               OR substr(detail_reads.item, 1, length(a.id) + 1) = a.id || '#'))",
            [run],
        )
        .map_err(|err| Error::sqlite(path, "forget the details of removed assets", err))?;
        Ok(())
    }

    /// Writes the tally given to [`RunWriter::record_requests`], if any.
    pub(crate) fn write_requests(&self) -> Result<(), Error> {
        let Some((account_id, tally)) = &self.requests else {
            return Ok(());
        };
        let run = self.run_id();
        let (conn, path) = self.connection();
        let err = |err| Error::sqlite(path, "record the requests of a run", err);
        let mut insert = conn
            .prepare_cached(
                "INSERT INTO run_requests (run_id, account_id, category, requests) \
                 VALUES (?1, ?2, ?3, ?4)",
            )
            .map_err(err)?;
        for (category, requests) in &tally.by_category {
            insert
                .execute(params![
                    run,
                    account_id,
                    category,
                    i64::try_from(*requests).unwrap_or(i64::MAX)
                ])
                .map_err(err)?;
        }
        Ok(())
    }
}
