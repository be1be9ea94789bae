//! Request paths from Zoom's path templates: each parameter filled with its id, encoded as the
//! `url` crate encodes a segment, except meeting UUIDs, encoded as Zoom requires (twice when
//! they start with `/` or contain `//`).

/// The template parameter that holds a meeting ID or UUID, to which Zoom's encoding rule for
/// meeting UUIDs applies (see [`meeting_id_segment`]).
const MEETING_ID: &str = "meetingId";

/// One path segment of a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Segment {
    /// Text, percent-encoded when the URL is built (as the `url` crate encodes a segment).
    Text(String),
    /// Already percent-encoded; goes into the path as it is (see [`meeting_id_segment`]).
    Encoded(String),
}

impl Segment {
    /// The segment as it goes into the URL's path.
    pub(crate) fn encoded(&self) -> String {
        match self {
            Segment::Text(s) => percent_encode(s, keep_in_path_segment),
            Segment::Encoded(s) => s.clone(),
        }
    }

    /// The segment as the caller gave it (encoded, for a meeting UUID), for messages.
    pub(crate) fn as_given(&self) -> &str {
        match self {
            Segment::Text(s) | Segment::Encoded(s) => s,
        }
    }
}

/// The segments of `template` (`/rooms/{roomId}/devices`, after `/v2`) with its parameters
/// replaced, in order, by `params`. A parameter without a value becomes an empty segment, which
/// the URL builder refuses.
pub(crate) fn fill(template: &str, params: &[&str]) -> Vec<Segment> {
    let mut values = params.iter();
    let segments = template
        .trim_start_matches('/')
        .split('/')
        .map(
            |part| match part.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
                Some(MEETING_ID) => meeting_id_segment(values.next().copied().unwrap_or_default()),
                Some(_) => Segment::Text(values.next().copied().unwrap_or_default().to_owned()),
                None => Segment::Text(part.to_owned()),
            },
        )
        .collect();
    debug_assert!(
        values.next().is_none(),
        "{template}: more values than parameters"
    );
    segments
}

/// Zoom's rule for a meeting UUID in a path: "If you provide a meeting UUID that begins with a
/// `/` character or contains the `//` characters, you must double-encode the meeting UUID".
/// Encoded as JavaScript's `encodeURIComponent` does (Zoom's examples), once, or twice under
/// that rule: `abc==` → `abc%3D%3D`, `/abc==` → `%252Fabc%253D%253D`.
fn meeting_id_segment(id: &str) -> Segment {
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
fn keep_in_path_segment(b: u8) -> bool {
    b.is_ascii_graphic() && !b"\"#%/<>?\\`{}".contains(&b)
}

/// `s` with every byte that `keep` refuses written as `%XX` (upper-case hex).
fn percent_encode(s: &str, keep: fn(u8) -> bool) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn encoded(template: &str, params: &[&str]) -> Vec<String> {
        fill(template, params)
            .iter()
            .map(Segment::encoded)
            .collect()
    }

    #[test]
    fn templates_are_filled_in_order() {
        assert_eq!(encoded("/users", &[]), ["users"]);
        assert_eq!(
            encoded("/rooms/calendar/services/{serviceId}/resources", &["s 1"]),
            ["rooms", "calendar", "services", "s%201", "resources"]
        );
        assert_eq!(
            encoded("/users/{userId}", &["a/b?c"]),
            ["users", "a%2Fb%3Fc"]
        );
        // A missing value leaves an empty segment, which the URL builder refuses.
        assert_eq!(
            encoded("/roles/{roleId}/members", &[]),
            ["roles", "", "members"]
        );
    }

    #[test]
    fn meeting_ids_follow_zooms_rule() {
        let path = "/metrics/meetings/{meetingId}/participants";
        assert_eq!(encoded(path, &["abc=="])[2], "abc%3D%3D");
        assert_eq!(encoded(path, &["/abc=="])[2], "%252Fabc%253D%253D");
        assert_eq!(encoded(path, &["a//b"])[2], "a%252F%252Fb");
        assert_eq!(fill(path, &["/abc=="])[2].as_given(), "%252Fabc%253D%253D");
    }
}
