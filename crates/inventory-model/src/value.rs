//! Small, lenient conversions from Zoom's loosely typed values.

use jiff::Timestamp;

/// Parses a Zoom timestamp (`2024-05-01T12:34:56Z`, with or without fractional seconds or an
/// offset) into UTC. Anything else (empty, malformed) is `None`: one bad field never sinks a
/// record.
pub fn timestamp(text: Option<&str>) -> Option<Timestamp> {
    let text = text?.trim();
    if text.is_empty() {
        return None;
    }
    text.parse::<Timestamp>().ok()
}

/// Trims a string and drops it when empty: Zoom sends `""` for unknown values.
pub fn non_empty(text: Option<&str>) -> Option<String> {
    let text = text?.trim();
    (!text.is_empty()).then(|| text.to_owned())
}
