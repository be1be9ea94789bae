//! Small, lenient conversions from Zoom's loosely typed values.

use std::net::IpAddr;

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

/// Normalizes MAC addresses as Zoom reports them (`00:1A:2B:3C:4D:5E`, `00-1a-2b-3c-4d-5e`,
/// `001A.2B3C.4D5E`, `001a2b3c4d5e`, several in one string separated by `,` `;` or spaces) to
/// lowercase, colon-separated form. Invalid, all-zero and broadcast addresses are dropped;
/// duplicates are removed, first occurrence kept.
pub fn mac_addresses<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut macs: Vec<String> = Vec::new();
    let pieces = texts
        .into_iter()
        .flat_map(|text| text.split([',', ';', ' ', '\t', '\n']));
    for mac in pieces.filter_map(mac_address) {
        if !macs.contains(&mac) {
            macs.push(mac);
        }
    }
    macs
}

/// One MAC address in canonical form, or `None` when it is not a usable one.
pub fn mac_address(text: &str) -> Option<String> {
    let digits: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ':' | '-' | '.'))
        .collect();
    if digits.len() != 12 || !digits.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let digits = digits.to_ascii_lowercase();
    if digits.chars().all(|c| c == '0') || digits.chars().all(|c| c == 'f') {
        return None;
    }
    let pairs: Vec<&str> = (0..12).step_by(2).map(|i| &digits[i..i + 2]).collect();
    Some(pairs.join(":"))
}

/// Parses IP addresses (v4 or v6), dropping what does not parse and duplicates.
pub fn ip_addresses<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut ips: Vec<String> = Vec::new();
    let pieces = texts
        .into_iter()
        .flat_map(|text| text.split([',', ';', ' ']));
    for piece in pieces {
        if let Ok(ip) = piece.trim().parse::<IpAddr>() {
            let ip = ip.to_string();
            if !ips.contains(&ip) {
                ips.push(ip);
            }
        }
    }
    ips
}

/// A host name as an inventory compares it: trimmed, lowercase, without a trailing dot; `None`
/// when nothing is left (`"."`).
pub fn hostname(text: Option<&str>) -> Option<String> {
    non_empty(text)
        .and_then(|name| {
            non_empty(Some(
                name.trim_end_matches(|c: char| c == '.' || c.is_whitespace()),
            ))
        })
        .map(|name| name.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn macs_in_every_format_become_one_form() {
        let macs = mac_addresses([
            "00:1A:2B:3C:4D:5E",
            "00-1a-2b-3c-4d-5f",
            "001A.2B3C.4D60",
            "001a2b3c4d61",
            "00:1a:2b:3c:4d:5e",
        ]);
        assert_eq!(
            macs,
            [
                "00:1a:2b:3c:4d:5e",
                "00:1a:2b:3c:4d:5f",
                "00:1a:2b:3c:4d:60",
                "00:1a:2b:3c:4d:61"
            ]
        );
    }

    #[test]
    fn unusable_macs_are_dropped() {
        for bad in [
            "",
            "00:00:00:00:00:00",
            "FF:FF:FF:FF:FF:FF",
            "00:1A:2B:3C:4D",
            "00:1A:2B:3C:4D:5E:6F",
            "zz:1a:2b:3c:4d:5e",
            "unknown",
        ] {
            assert_eq!(mac_address(bad), None, "{bad:?}");
        }
        assert_eq!(
            mac_addresses(["00:1a:2b:3c:4d:5e; 00-1A-2B-3C-4D-5F"]),
            ["00:1a:2b:3c:4d:5e", "00:1a:2b:3c:4d:5f"]
        );
    }

    #[test]
    fn ips_parse_and_dedup() {
        assert_eq!(
            ip_addresses(["10.0.0.1", "", "not an ip", "10.0.0.1", "2001:DB8::1"]),
            ["10.0.0.1", "2001:db8::1"]
        );
    }

    #[test]
    fn timestamps_are_lenient() {
        assert_eq!(
            timestamp(Some("2024-05-01T12:34:56Z")).map(|t| t.to_string()),
            Some("2024-05-01T12:34:56Z".to_owned())
        );
        assert_eq!(timestamp(Some("")), None);
        assert_eq!(timestamp(Some("yesterday")), None);
    }
}
