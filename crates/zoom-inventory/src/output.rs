//! Writing assets and runs to stdout or a file, in the formats the product contract names.

use std::io::{self, Write};

use comfy_table::{ContentArrangement, Table, presets};
use inventory_model::Kind;
use inventory_model::ocsf::{self, Product, StoredRecord};
use inventory_store::StoredAsset;
use serde_json::Value;

/// The product OCSF events name as their reporter (`metadata.product`).
pub(crate) const OCSF_PRODUCT: Product<'static> = Product {
    name: "zoom-inventory",
    version: env!("CARGO_PKG_VERSION"),
};

/// A stored asset as the OCSF mapping reads it.
pub(crate) fn ocsf_event(asset: &StoredAsset) -> Option<Value> {
    let record = StoredRecord {
        kind: asset.kind,
        id: &asset.id,
        source_id: &asset.source_id,
        first_seen: asset.first_seen,
        last_seen: asset.last_seen,
        fields: &asset.fields,
        raw: &asset.raw,
    };
    ocsf::event(&record, OCSF_PRODUCT)
}

/// Streams assets in one format, each as its export line (product contract key order).
pub(crate) enum AssetWriter<W: Write> {
    Ndjson(W),
    Json {
        out: W,
        first: bool,
    },
    Csv {
        out: csv::Writer<W>,
        columns: Vec<String>,
    },
    Table {
        out: W,
        table: Table,
        columns: &'static [&'static str],
    },
}

impl<W: Write> AssetWriter<W> {
    pub(crate) fn ndjson(out: W) -> Self {
        AssetWriter::Ndjson(out)
    }

    pub(crate) fn json(out: W) -> Self {
        AssetWriter::Json { out, first: true }
    }

    /// CSV with the identity columns, then the normalized fields of `kinds`, then `raw` (as
    /// JSON text); lists are joined with `;`.
    pub(crate) fn csv(out: W, kinds: &[Kind]) -> io::Result<Self> {
        let mut columns: Vec<String> = ["kind", "id", "source_id", "first_seen", "last_seen"]
            .into_iter()
            .map(str::to_owned)
            .collect();
        for kind in kinds {
            for field in kind.field_names() {
                if !columns.iter().any(|column| column == field) {
                    columns.push((*field).to_owned());
                }
            }
        }
        columns.push("raw".to_owned());
        let mut out = csv::Writer::from_writer(out);
        out.write_record(&columns)?;
        Ok(AssetWriter::Csv { out, columns })
    }

    pub(crate) fn table(out: W, kind: Kind) -> Self {
        let columns = table_columns(kind);
        let mut table = Table::new();
        table
            .load_style(presets::UTF8_BORDERS_ONLY)
            .set_content_arrangement(ContentArrangement::Disabled)
            .set_header(columns.to_vec());
        AssetWriter::Table {
            out,
            table,
            columns,
        }
    }

    pub(crate) fn write(&mut self, asset: &StoredAsset) -> io::Result<()> {
        match self {
            AssetWriter::Ndjson(out) => {
                serde_json::to_writer(&mut *out, asset)?;
                out.write_all(b"\n")
            }
            AssetWriter::Json { out, first } => {
                out.write_all(if *first { b"[\n" } else { b",\n" })?;
                *first = false;
                serde_json::to_writer_pretty(&mut *out, asset)?;
                Ok(())
            }
            AssetWriter::Csv { out, columns } => {
                let asset = asset.to_export_json();
                let row: Vec<String> = columns
                    .iter()
                    .map(|column| cell(asset.get(column), column == "raw"))
                    .collect();
                out.write_record(&row)?;
                Ok(())
            }
            AssetWriter::Table { table, columns, .. } => {
                let asset = asset.to_export_json();
                let row: Vec<String> = columns
                    .iter()
                    .map(|column| cell(asset.get(*column), false))
                    .collect();
                table.add_row(row);
                Ok(())
            }
        }
    }

    pub(crate) fn finish(self) -> io::Result<()> {
        match self {
            AssetWriter::Ndjson(mut out) => out.flush(),
            AssetWriter::Json { mut out, first } => {
                out.write_all(if first { b"[]\n" } else { b"\n]\n" })?;
                out.flush()
            }
            AssetWriter::Csv { mut out, .. } => out.flush(),
            AssetWriter::Table { mut out, table, .. } => {
                writeln!(out, "{table}")?;
                out.flush()
            }
        }
    }
}

/// A JSON value as one cell: strings bare, lists joined with `;`, null empty.
fn cell(value: Option<&Value>, as_json: bool) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(value) if as_json => value.to_string(),
        Some(Value::String(text)) => text.clone(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| cell(Some(item), false))
            .collect::<Vec<_>>()
            .join(";"),
        Some(other) => other.to_string(),
    }
}

fn table_columns(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::User => &[
            "source_id",
            "email",
            "display_name",
            "status",
            "license_type",
            "role",
            "last_login_at",
        ],
        Kind::Device => &[
            "source_id",
            "device_type",
            "name",
            "hostname",
            "mac_addresses",
            "ip_addresses",
            "status",
            "last_seen_at",
        ],
        Kind::Activity => &[
            "time",
            "activity_type",
            "actor_email",
            "action",
            "ip_address",
        ],
        Kind::Account => &[
            "source_id",
            "plan",
            "seats_purchased",
            "seats_assigned",
            "renewal_date",
            "sso_required",
            "two_factor_enforcement",
        ],
        Kind::License => &[
            "source_id",
            "plan",
            "purchased",
            "assigned",
            "unassigned",
            "renewal_date",
        ],
        Kind::Role => &["source_id", "name", "total_members", "is_admin"],
        Kind::Group => &["source_id", "name", "total_members"],
        Kind::App => &[
            "source_id",
            "name",
            "developer_type",
            "installed_by",
            "requested_scopes",
        ],
        Kind::Setting => &["level", "owner", "path", "value", "locked"],
    }
}
