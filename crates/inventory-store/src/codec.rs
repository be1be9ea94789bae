//! How values are written to and read from SQLite: times as fixed-width RFC 3339 text, JSON in a
//! canonical form, and the content hash of an asset version.

use std::fmt::Write as _;
use std::path::Path;

use jiff::Timestamp;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::Error;

/// Formats a time as stored: UTC, whole seconds, always `YYYY-MM-DDTHH:MM:SSZ`. The fixed width
/// makes text comparison in SQL (`first_seen >= '2026-01-01'`) order correctly.
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

/// Serializes JSON canonically: no whitespace, object keys sorted at every level. The text (and
/// so the hash) of equal values is equal whatever order Zoom sent keys in, and whether or not
/// serde_json's `preserve_order` feature is on somewhere in the build.
pub(crate) fn canonical_json(value: &Value) -> String {
    let mut out = Vec::with_capacity(512);
    write_canonical(value, &mut out);
    // Only serde_json's output and ASCII punctuation were written: always UTF-8.
    String::from_utf8(out)
        .unwrap_or_else(|invalid| String::from_utf8_lossy(invalid.as_bytes()).into_owned())
}

fn write_canonical(value: &Value, out: &mut Vec<u8>) {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
            out.push(b'{');
            for (i, (key, item)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_compact(key, out);
                out.push(b':');
                write_canonical(item, out);
            }
            out.push(b'}');
        }
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_canonical(item, out);
            }
            out.push(b']');
        }
        scalar => write_compact(scalar, out),
    }
}

/// Strings (escaped exactly as JSON requires), numbers, booleans and null, written by serde_json
/// straight into the buffer.
fn write_compact<T: serde::Serialize + ?Sized>(value: &T, out: &mut Vec<u8>) {
    // Writing to a Vec cannot fail, and these values have no map keys that could.
    let _ = serde_json::to_writer(out, value);
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
            parse_time(path, "t", &format_time(time))
                .unwrap()
                .as_second(),
            time.as_second()
        );
    }

    #[test]
    fn canonical_json_sorts_keys_at_every_level() {
        let value = serde_json::json!({"b": [{"z": 1, "a": "x\ny"}], "a": null, "c": 1.5});
        assert_eq!(
            canonical_json(&value),
            r#"{"a":null,"b":[{"a":"x\ny","z":1}],"c":1.5}"#
        );
        let reparsed: Value = serde_json::from_str(&canonical_json(&value)).unwrap();
        assert_eq!(reparsed, value);
    }

    #[test]
    fn canonical_json_escapes_as_json_requires() {
        let value = serde_json::json!({
            "quote\"": "back\\slash \u{1} tab\t é 日本",
            "n": [-1, 2.5, 1e300, true, false, null],
        });
        assert_eq!(
            canonical_json(&value),
            r#"{"n":[-1,2.5,1e+300,true,false,null],"quote\"":"back\\slash \u0001 tab\t é 日本"}"#
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
