//! Path segments and their encoding: ids as the `url` crate encodes a segment, meeting UUIDs
//! as Zoom requires (double-encoded when they start with `/` or contain `//`).

/// One path segment of a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Segment {
    /// Text, percent-encoded when the URL is built (as the `url` crate encodes a segment).
    Text(String),
    /// Already percent-encoded; goes into the path as it is (see [`meeting_id_segment`]).
    Encoded(String),
}

impl From<&str> for Segment {
    fn from(s: &str) -> Self {
        Segment::Text(s.to_owned())
    }
}

impl From<String> for Segment {
    fn from(s: String) -> Self {
        Segment::Text(s)
    }
}

/// Zoom's rule for a meeting UUID in a path: "If you provide a meeting UUID that begins with a
/// `/` character or contains the `//` characters, you must double-encode the meeting UUID".
/// Encoded as JavaScript's `encodeURIComponent` does (Zoom's examples), once, or twice under
/// that rule: `abc==` → `abc%3D%3D`, `/abc==` → `%252Fabc%253D%253D`.
pub(crate) fn meeting_id_segment(id: &str) -> Segment {
    let once = percent_encode(id, keep_in_uri_component);
    if id.starts_with('/') || id.contains("//") {
        Segment::Encoded(percent_encode(&once, keep_in_uri_component))
    } else {
        Segment::Encoded(once)
    }
}

/// Bytes `encodeURIComponent` leaves as they are: ASCII letters and digits and `-_.!~*'()`.
fn keep_in_uri_component(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&b)
}

/// Bytes the `url` crate leaves as they are in a path segment of an http(s) URL: printable
/// ASCII except space, `"`, `#`, `%`, `/`, `<`, `>`, `?`, `\`, `` ` ``, `{`, `}`.
pub(crate) fn keep_in_path_segment(b: u8) -> bool {
    b.is_ascii_graphic() && !b"\"#%/<>?\\`{}".contains(&b)
}

/// `s` with every byte that `keep` refuses written as `%XX` (upper-case hex).
pub(crate) fn percent_encode(s: &str, keep: fn(u8) -> bool) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if keep(b) {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0x0f)]));
        }
    }
    out
}
