//! How values are written to and read from SQLite: times as fixed-width RFC 3339 text, and the
//! content hash of an asset version (over JSON in `inventory_model::canonical_json` form).

use std::fmt::Write as _;
use std::path::Path;

use jiff::Timestamp;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::Error;

/// Formats a time as stored: UTC, milliseconds (truncated), always `YYYY-MM-DDTHH:MM:SS.sssZ`.
/// The fixed width makes text comparison in SQL (`first_seen >= '2026-01-01'`) order correctly.
pub(crate) fn format_time(time: Timestamp) -> String {
    // Fixed width (milliseconds, always three digits) so that text order is time order in SQL;
    // truncated, never rounded up: an asset is never "seen" after the run started. Milliseconds,
    // not seconds, so that two runs within one second still tell their sightings apart.
    let millis = Timestamp::from_millisecond(time.as_millisecond()).unwrap_or(time);
    millis.strftime("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// Parses a stored time.
pub(crate) fn parse_time(path: &Path, column: &str, text: &str) -> Result<Timestamp, Error> {
    text.parse().map_err(|err| {
        Error::corrupt(
            path,
            format!("{column} {text:?} is not an RFC 3339 time: {err}"),
        )
    })
}

/// Parses stored JSON.
pub(crate) fn parse_json(path: &Path, what: &str, text: &str) -> Result<Value, Error> {
    serde_json::from_str(text)
        .map_err(|err| Error::corrupt(path, format!("{what} is not valid JSON: {err}")))
}

/// The content hash of an asset version: SHA-256 (lowercase hex) of the canonical fields, a
/// newline, and the canonical raw JSON. Canonical JSON holds no raw newline, so the split is
/// unambiguous.
pub(crate) fn content_hash(fields: &str, raw: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(fields.as_bytes());
    hasher.update(b"\n");
    hasher.update(raw.as_bytes());
    let digest = hasher.finalize();
    let mut hex = String::with_capacity(64);
    for byte in digest.iter() {
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_fixed_width_utc_milliseconds() {
        let time: Timestamp = "2026-03-04T05:06:07.891+02:00".parse().unwrap();
        assert_eq!(format_time(time), "2026-03-04T03:06:07.891Z");
        let whole: Timestamp = "2026-03-04T03:06:07Z".parse().unwrap();
        assert_eq!(
            format_time(whole),
            "2026-03-04T03:06:07.000Z",
            "always three digits"
        );
        let fine: Timestamp = "2026-03-04T03:06:07.999999Z".parse().unwrap();
        assert_eq!(
            format_time(fine),
            "2026-03-04T03:06:07.999Z",
            "truncated, not rounded"
        );
        let path = Path::new("x.db");
        assert_eq!(
            parse_time(path, "t", &format_time(time)).unwrap(),
            time,
            "milliseconds survive the round trip"
        );
    }

    #[test]
    fn hash_depends_on_both_parts() {
        assert_ne!(
            content_hash("{}", "{\"a\":1}"),
            content_hash("{\"a\":1}", "{}")
        );
        assert_eq!(content_hash("{}", "{}").len(), 64);
    }
}
