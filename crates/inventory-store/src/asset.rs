//! Reading assets back: as of any run with data, one page, one asset, or all of them streamed.

use std::path::Path;

use inventory_model::Kind;
use jiff::Timestamp;
use rusqlite::types::Value as SqlValue;
use rusqlite::{Row, params_from_iter};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value};

use crate::codec::{format_time, parse_json, parse_time};
use crate::{Error, Store};

/// Which assets to read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AssetQuery {
    /// As of which run; `None` is the latest run with data ([`Store::latest_run`]).
    pub run: Option<i64>,
    /// Only this kind; `None` is every kind.
    pub kind: Option<Kind>,
    /// At most this many; `None` is no limit.
    pub limit: Option<u64>,
    /// Skip this many first (assets are ordered by kind, then id).
    pub offset: u64,
}

/// An asset as of one run: identity, inventory times, and the version current at that run.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredAsset {
    /// Stable id (`user:KDcuGIm1QgePTO8WbOqwIQ`).
    pub id: String,
    /// Its kind.
    pub kind: Kind,
    /// Zoom's id.
    pub source_id: String,
    /// When a run first saw it (the run's start, to the millisecond). Never moves.
    pub first_seen: Timestamp,
    /// When a run last saw it, as of the run read.
    pub last_seen: Timestamp,
    /// The run that recorded this version (when it appeared or last changed).
    pub version_run: i64,
    /// The normalized fields (a JSON object).
    pub fields: Value,
    /// Zoom's JSON as received.
    pub raw: Value,
}

/// Identity keys of an export line; a field with one of these names cannot replace them.
const IDENTITY_KEYS: [&str; 6] = ["kind", "id", "source_id", "first_seen", "last_seen", "raw"];

impl StoredAsset {
    /// The asset as one export line (`export --format ndjson`): `kind`, `id`, `source_id`,
    /// `first_seen`, `last_seen` (RFC 3339 UTC), the normalized fields flattened, then `raw`.
    ///
    /// A `serde_json::Value` keeps keys sorted (unless serde_json's `preserve_order` is on), so
    /// to write lines in the contract's key order, serialize the asset itself: its `Serialize`
    /// writes the same object, keys in the order above, without building a `Value`.
    pub fn to_export_json(&self) -> Value {
        let mut line = Map::new();
        line.insert("kind".to_owned(), Value::from(self.kind.as_str()));
        line.insert("id".to_owned(), Value::from(self.id.as_str()));
        line.insert("source_id".to_owned(), Value::from(self.source_id.as_str()));
        line.insert(
            "first_seen".to_owned(),
            Value::from(format_time(self.first_seen)),
        );
        line.insert(
            "last_seen".to_owned(),
            Value::from(format_time(self.last_seen)),
        );
        for (key, value) in self.flattened_fields() {
            line.insert(key.to_owned(), value.clone());
        }
        line.insert("raw".to_owned(), self.raw.clone());
        Value::Object(line)
    }

    /// The normalized fields that go into an export line, in the contract's order
    /// ([`Kind::field_names`]) then any others by name; a field named like an identity key is
    /// left out, as it cannot replace it.
    fn flattened_fields(&self) -> Vec<(&str, &Value)> {
        let Some(fields) = self.fields.as_object() else {
            return Vec::new();
        };
        let known = self.kind.field_names();
        let ordered = known.iter().filter_map(|name| fields.get_key_value(*name));
        let others = fields
            .iter()
            .filter(|(key, _)| !known.contains(&key.as_str()));
        ordered
            .chain(others)
            .map(|(key, value)| (key.as_str(), value))
            .filter(|(key, _)| !IDENTITY_KEYS.contains(key))
            .collect()
    }
}

/// Serializes as the export line ([`StoredAsset::to_export_json`]), keys in contract order.
impl Serialize for StoredAsset {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut line = serializer.serialize_map(None)?;
        line.serialize_entry("kind", self.kind.as_str())?;
        line.serialize_entry("id", &self.id)?;
        line.serialize_entry("source_id", &self.source_id)?;
        line.serialize_entry("first_seen", &format_time(self.first_seen))?;
        line.serialize_entry("last_seen", &format_time(self.last_seen))?;
        for (key, value) in self.flattened_fields() {
            line.serialize_entry(key, value)?;
        }
        line.serialize_entry("raw", &self.raw)?;
        line.end()
    }
}

/// What to select among the assets present as of a run.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Filter<'q> {
    All,
    Kind(Kind),
    Id(&'q str),
    Source(Kind, &'q str),
    Email(&'q str),
}

/// The assets present as of run `?1` with their current version and last sighting up to `?1`.
/// `?2` is the limit (-1: none), `?3` the offset; filters bind from `?4`.
const AS_OF: &str = "\
SELECT a.id, a.kind, a.source_id, a.first_seen, v.run_id, v.fields, v.raw,
       (SELECT r.started_at FROM runs AS r WHERE r.id =
           (SELECT min(s.last_run, ?1) FROM sightings AS s
            WHERE s.asset_id = a.id AND s.first_run <= ?1
            ORDER BY s.first_run DESC LIMIT 1)) AS last_seen
FROM assets AS a
JOIN asset_versions AS v
  ON v.asset_id = a.id
 AND v.run_id = (SELECT max(p.run_id) FROM asset_versions AS p WHERE p.asset_id = a.id AND p.run_id <= ?1)
WHERE v.state = 'present'";

impl Filter<'_> {
    fn sql(self) -> String {
        let condition = match self {
            Filter::All => "",
            Filter::Kind(_) => " AND a.kind = ?4",
            Filter::Id(_) => " AND a.id = ?4",
            Filter::Source(..) => " AND a.kind = ?4 AND a.source_id = ?5",
            Filter::Email(_) => {
                " AND a.kind = ?4 AND lower(json_extract(v.fields, '$.email')) = lower(?5)"
            }
        };
        format!("{AS_OF}{condition}\nORDER BY a.kind, a.id LIMIT ?2 OFFSET ?3")
    }

    fn params(self) -> Vec<SqlValue> {
        let text = |s: &str| SqlValue::Text(s.to_owned());
        match self {
            Filter::All => vec![],
            Filter::Kind(kind) => vec![text(kind.as_str())],
            Filter::Id(id) => vec![text(id)],
            Filter::Source(kind, source_id) => vec![text(kind.as_str()), text(source_id)],
            Filter::Email(email) => vec![text(Kind::User.as_str()), text(email)],
        }
    }
}

impl Store {
    /// The assets present as of a run (default: the latest with data), ordered by kind then id.
    /// Empty when no run has data yet.
    pub fn assets(&self, query: &AssetQuery) -> Result<Vec<StoredAsset>, Error> {
        let mut assets = Vec::new();
        self.for_each_asset(query, |asset| {
            assets.push(asset);
            Ok::<(), Error>(())
        })?;
        Ok(assets)
    }

    /// Like [`Store::assets`], but hands each asset to `f` as it is read, so an export of any
    /// size holds one asset in memory at a time. Reads one consistent snapshot: a fetch that
    /// commits meanwhile is not seen. Stops at the first error of `f`.
    pub fn for_each_asset<E>(
        &self,
        query: &AssetQuery,
        mut f: impl FnMut(StoredAsset) -> Result<(), E>,
    ) -> Result<(), E>
    where
        E: From<Error>,
    {
        self.read(|| {
            let Some(run) = self.resolve_run(query.run)? else {
                return Ok(());
            };
            let filter = query.kind.map_or(Filter::All, Filter::Kind);
            self.query_assets(run, filter, query.limit, query.offset, &mut f)
        })
    }

    /// One asset by its stable id, as of a run (default: the latest with data); `None` when it
    /// is absent (never seen, or removed) as of that run.
    pub fn asset(&self, id: &str, run: Option<i64>) -> Result<Option<StoredAsset>, Error> {
        self.read(|| {
            let Some(run) = self.resolve_run(run)? else {
                return Ok(None);
            };
            self.first_asset(run, Filter::Id(id))
        })
    }

    /// One asset of `kind` as `show` finds it: by stable id, else by Zoom's id (`source_id`),
    /// else, for users, by email (ignoring ASCII case). As of a run (default: the latest with
    /// data).
    pub fn find_asset(
        &self,
        kind: Kind,
        key: &str,
        run: Option<i64>,
    ) -> Result<Option<StoredAsset>, Error> {
        self.read(|| {
            let Some(run) = self.resolve_run(run)? else {
                return Ok(None);
            };
            if let Some(asset) = self.first_asset(run, Filter::Id(key))?
                && asset.kind == kind
            {
                return Ok(Some(asset));
            }
            if let Some(asset) = self.first_asset(run, Filter::Source(kind, key))? {
                return Ok(Some(asset));
            }
            if kind == Kind::User {
                return self.first_asset(run, Filter::Email(key));
            }
            Ok(None)
        })
    }

    fn first_asset(&self, run: i64, filter: Filter<'_>) -> Result<Option<StoredAsset>, Error> {
        let mut found = None;
        self.query_assets(run, filter, Some(1), 0, &mut |asset| {
            found = Some(asset);
            Ok::<(), Error>(())
        })?;
        Ok(found)
    }

    fn query_assets<E: From<Error>>(
        &self,
        run: i64,
        filter: Filter<'_>,
        limit: Option<u64>,
        offset: u64,
        f: &mut impl FnMut(StoredAsset) -> Result<(), E>,
    ) -> Result<(), E> {
        let err = |err| Error::sqlite(&self.path, "read assets", err);
        let limit = limit.map_or(-1, |limit| i64::try_from(limit).unwrap_or(i64::MAX));
        let offset = i64::try_from(offset).unwrap_or(i64::MAX);
        let mut params = vec![
            SqlValue::Integer(run),
            SqlValue::Integer(limit),
            SqlValue::Integer(offset),
        ];
        params.extend(filter.params());
        let mut statement = self.conn.prepare_cached(&filter.sql()).map_err(err)?;
        let mut rows = statement.query(params_from_iter(params)).map_err(err)?;
        while let Some(row) = rows.next().map_err(err)? {
            f(read_asset(&self.path, row)?)?;
        }
        Ok(())
    }
}

fn read_asset(path: &Path, row: &Row<'_>) -> Result<StoredAsset, Error> {
    let err = |err| Error::sqlite(path, "read an asset", err);
    let id: String = row.get(0).map_err(err)?;
    let kind: String = row.get(1).map_err(err)?;
    let kind = Kind::ALL
        .into_iter()
        .find(|known| known.as_str() == kind)
        .ok_or_else(|| Error::corrupt(path, format!("asset {id} has unknown kind {kind:?}")))?;
    let first_seen: String = row.get(3).map_err(err)?;
    let fields: String = row.get(5).map_err(err)?;
    let raw: String = row.get(6).map_err(err)?;
    let last_seen: Option<String> = row.get(7).map_err(err)?;
    let last_seen =
        last_seen.ok_or_else(|| Error::corrupt(path, format!("asset {id} has no sighting")))?;
    Ok(StoredAsset {
        source_id: row.get(2).map_err(err)?,
        first_seen: parse_time(path, "first_seen", &first_seen)?,
        last_seen: parse_time(path, "last_seen", &last_seen)?,
        version_run: row.get(4).map_err(err)?,
        fields: parse_json(path, &format!("fields of {id}"), &fields)?,
        raw: parse_json(path, &format!("raw of {id}"), &raw)?,
        kind,
        id,
    })
}
