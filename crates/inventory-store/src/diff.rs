//! What changed between two runs: assets added, removed, and changed field by field. Derived
//! from `asset_versions` alone: each asset as of a run is its latest version up to that run.

use inventory_model::Kind;
use rusqlite::params;
use serde::Serialize;
use serde_json::Value;

use crate::codec::parse_json;
use crate::{Error, Store};

/// How an asset differs between two runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// Absent as of the first run, present as of the second.
    Added,
    /// Present as of the first run, absent (removed) as of the second.
    Removed,
    /// Present in both, with different normalized fields.
    Changed,
}

/// One normalized field that changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    /// The field's name.
    pub field: String,
    /// Its value as of the first run.
    pub old: Value,
    /// Its value as of the second run.
    pub new: Value,
}

/// One asset that differs between two runs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AssetChange {
    /// Added, removed or changed.
    pub change: ChangeKind,
    /// The asset's kind.
    pub kind: Kind,
    /// The asset's stable id.
    pub id: String,
    /// For a changed asset, the fields that changed (sorted by name); empty otherwise.
    pub fields: Vec<FieldChange>,
}

/// Each asset's state as of run `?1` and as of run `?2`: its latest version up to that run.
const DIFF_SQL: &str = "
SELECT a.id, a.kind,
  (SELECT v.fields FROM asset_versions v WHERE v.asset_id = a.id AND v.run_id <= ?1
     ORDER BY v.run_id DESC LIMIT 1) AS before,
  (SELECT v.fields FROM asset_versions v WHERE v.asset_id = a.id AND v.run_id <= ?2
     ORDER BY v.run_id DESC LIMIT 1) AS after,
  (SELECT v.hash FROM asset_versions v WHERE v.asset_id = a.id AND v.run_id <= ?1
     ORDER BY v.run_id DESC LIMIT 1) IS NOT
  (SELECT v.hash FROM asset_versions v WHERE v.asset_id = a.id AND v.run_id <= ?2
     ORDER BY v.run_id DESC LIMIT 1) AS differs
FROM assets a
WHERE (?3 IS NULL OR a.kind = ?3)
ORDER BY a.kind, a.id";

impl Store {
    /// The assets that differ between run `from` and run `to` (both must have data), in kind and
    /// id order. A change of Zoom's raw JSON alone, with the same normalized fields, is not
    /// listed.
    pub fn diff(&self, from: i64, to: i64, kind: Option<Kind>) -> Result<Vec<AssetChange>, Error> {
        self.read(|| {
            for run in [from, to] {
                self.resolve_run(Some(run))?;
            }
            let path = self.path();
            let err = |err| Error::sqlite(path, format!("compare runs {from} and {to}"), err);
            let mut statement = self.conn.prepare(DIFF_SQL).map_err(err)?;
            let mut rows = statement
                .query(params![from, to, kind.map(Kind::as_str)])
                .map_err(err)?;
            let mut changes = Vec::new();
            while let Some(row) = rows.next().map_err(err)? {
                let differs: bool = row.get(4).map_err(err)?;
                if !differs {
                    continue;
                }
                let id: String = row.get(0).map_err(err)?;
                let kind_name: String = row.get(1).map_err(err)?;
                let kind = Kind::ALL
                    .into_iter()
                    .find(|known| known.as_str() == kind_name)
                    .ok_or_else(|| {
                        Error::corrupt(path, format!("asset {id} has unknown kind {kind_name:?}"))
                    })?;
                let json = |column: usize| -> Result<Option<Value>, Error> {
                    let text: Option<String> = row.get(column).map_err(err)?;
                    text.map(|text| parse_json(path, &format!("fields of {id}"), &text))
                        .transpose()
                };
                let (before, after) = (json(2)?, json(3)?);
                let change = match (&before, &after) {
                    (None, Some(_)) => ChangeKind::Added,
                    (Some(_), None) => ChangeKind::Removed,
                    (Some(_), Some(_)) => ChangeKind::Changed,
                    (None, None) => continue,
                };
                let fields = match (before, after) {
                    (Some(before), Some(after)) => changed_fields(&before, &after),
                    _ => Vec::new(),
                };
                if change == ChangeKind::Changed && fields.is_empty() {
                    continue;
                }
                changes.push(AssetChange {
                    change,
                    kind,
                    id,
                    fields,
                });
            }
            Ok(changes)
        })
    }
}

/// The top-level fields whose values differ, by name.
fn changed_fields(before: &Value, after: &Value) -> Vec<FieldChange> {
    let empty = serde_json::Map::new();
    let before = before.as_object().unwrap_or(&empty);
    let after = after.as_object().unwrap_or(&empty);
    let mut names: Vec<&String> = before.keys().chain(after.keys()).collect();
    names.sort();
    names.dedup();
    names
        .into_iter()
        .filter_map(|name| {
            let old = before.get(name).cloned().unwrap_or(Value::Null);
            let new = after.get(name).cloned().unwrap_or(Value::Null);
            (old != new).then(|| FieldChange {
                field: name.clone(),
                old,
                new,
            })
        })
        .collect()
}
