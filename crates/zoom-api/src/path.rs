//! Request paths from Zoom's path templates: each parameter filled with its id, encoded as the
//! `url` crate encodes a segment, except meeting UUIDs, encoded as Zoom requires (twice when
//! they hold a `/`).

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
    fill_with(template, params, |id| {
        meeting_id_segment(id, encoded_twice(id))
    })
}

/// [`fill`] with the meeting UUID encoded the other way (twice where [`fill`] encodes it
/// once), for one more try after a 404: `None` when there is no other way worth trying (no
/// meeting UUID, one that encodes to itself, or one with a `/`, which fails encoded once).
pub(crate) fn fill_other_meeting_encoding(template: &str, params: &[&str]) -> Option<Vec<Segment>> {
    let id = parameters(template)
        .zip(params)
        .find_map(|(name, id)| (name == MEETING_ID).then_some(*id))?;
    let reserved = !id.bytes().all(keep_in_uri_component);
    (reserved && !encoded_twice(id))
        .then(|| fill_with(template, params, |id| meeting_id_segment(id, true)))
}

/// The names of `template`'s parameters, in order.
fn parameters(template: &str) -> impl Iterator<Item = &str> {
    template
        .split('/')
        .filter_map(|part| part.strip_prefix('{')?.strip_suffix('}'))
}

fn fill_with(
    template: &str,
    params: &[&str],
    meeting_id: impl Fn(&str) -> Segment,
) -> Vec<Segment> {
    let mut values = params.iter();
    let segments = template
        .trim_start_matches('/')
        .split('/')
        .map(
            |part| match part.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
                Some(MEETING_ID) => meeting_id(values.next().copied().unwrap_or_default()),
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

/// A meeting UUID in a path, encoded as JavaScript's `encodeURIComponent` does (Zoom's
/// examples), once, or twice when it holds a `/` anywhere: `abc==` → `abc%3D%3D`, `a/bc==` →
/// `a%252Fbc%253D%253D`. Zoom's text asks for double encoding only when the UUID "begins with a
/// `/` character or contains the `//` characters"; practitioners report that any `/` fails
/// encoded once (`transloadit/uppy` pull request 2526, `techies23/video-conference-zoom` pull
/// request 141), and double encoding works under both readings.
fn meeting_id_segment(id: &str, twice: bool) -> Segment {
    let once = percent_encode(id, keep_in_uri_component);
    if twice {
        Segment::Encoded(percent_encode(&once, keep_in_uri_component))
    } else {
        Segment::Encoded(once)
    }
}

/// Whether a meeting UUID goes into a path encoded twice (it holds a `/`).
fn encoded_twice(id: &str) -> bool {
    id.contains('/')
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
        // Any `/`, as practitioners report, not only a leading one or `//`.
        assert_eq!(encoded(path, &["ab/c=="])[2], "ab%252Fc%253D%253D");
    }

    #[test]
    fn the_other_encoding_is_tried_only_for_reserved_characters_without_a_slash() {
        let path = "/metrics/meetings/{meetingId}/participants";
        let other = |id: &str| {
            fill_other_meeting_encoding(path, &[id])
                .map(|segments| segments.iter().map(Segment::encoded).collect::<Vec<_>>())
        };
        assert_eq!(
            other("ab+c==").expect("another encoding")[2],
            "ab%252Bc%253D%253D"
        );
        // Nothing to vary, or already twice (a `/` fails encoded once).
        assert_eq!(other("abc"), None);
        assert_eq!(other("a/bc=="), None);
        assert_eq!(
            fill_other_meeting_encoding("/users/{userId}", &["a+b"]),
            None
        );
    }
}
