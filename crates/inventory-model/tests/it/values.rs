//! Properties of the lenient value conversions (`value.rs`), over generated input: MACs, IPs,
//! timestamps and host names normalize idempotently, round-trip, and never panic.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use inventory_model::value::{hostname, ip_addresses, mac_address, mac_addresses, timestamp};
use proptest::prelude::*;

/// The canonical form of six bytes.
fn canonical(bytes: [u8; 6]) -> String {
    bytes.map(|byte| format!("{byte:02x}")).join(":")
}

/// Every way Zoom (or a person) writes a MAC address, in upper or lower case.
fn formatted(bytes: [u8; 6], style: u8, upper: bool) -> String {
    let hex: Vec<String> = bytes.iter().map(|byte| format!("{byte:02x}")).collect();
    let text = match style % 5 {
        0 => hex.join(":"),
        1 => hex.join("-"),
        2 => format!(
            "{}{}.{}{}.{}{}",
            hex[0], hex[1], hex[2], hex[3], hex[4], hex[5]
        ),
        3 => hex.concat(),
        _ => format!(" {} ", hex.join(":")),
    };
    if upper { text.to_uppercase() } else { text }
}

fn usable(bytes: [u8; 6]) -> bool {
    bytes != [0; 6] && bytes != [0xff; 6]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_formatting_of_six_bytes_is_one_mac(bytes: [u8; 6], style: u8, upper: bool) {
        let expected = usable(bytes).then(|| canonical(bytes));
        prop_assert_eq!(mac_address(&formatted(bytes, style, upper)), expected);
    }

    #[test]
    fn the_same_mac_written_many_ways_is_listed_once(bytes: [u8; 6], styles: Vec<(u8, bool)>) {
        prop_assume!(usable(bytes));
        let texts: Vec<String> = styles
            .iter()
            .map(|(style, upper)| formatted(bytes, *style, *upper))
            .collect();
        let macs = mac_addresses(texts.iter().map(String::as_str));
        let expected = if texts.is_empty() { Vec::new() } else { vec![canonical(bytes)] };
        prop_assert_eq!(macs, expected);
    }

    #[test]
    fn mac_normalization_is_idempotent_and_never_panics(text in any::<String>()) {
        if let Some(mac) = mac_address(&text) {
            prop_assert_eq!(mac_address(&mac), Some(mac.clone()));
            prop_assert_eq!(mac.len(), 17);
        }
        let macs = mac_addresses([text.as_str()]);
        let again = mac_addresses(macs.iter().map(String::as_str));
        prop_assert_eq!(&again, &macs);
        let mut unique = macs.clone();
        unique.sort();
        unique.dedup();
        prop_assert_eq!(unique.len(), macs.len());
    }

    #[test]
    fn macs_among_noise_are_found(bytes: [u8; 6], noise in "[g-z]{0,8}") {
        prop_assume!(usable(bytes));
        let text = format!("{noise}, {}; {noise}", formatted(bytes, 0, true));
        let expected = vec![canonical(bytes)];
        prop_assert_eq!(mac_addresses([text.as_str()]), expected);
    }

    #[test]
    fn ips_round_trip(v4: [u8; 4], v6: [u16; 8], upper: bool) {
        let v4 = IpAddr::V4(Ipv4Addr::from(v4));
        let v6 = IpAddr::V6(Ipv6Addr::from(v6));
        let v6_text = if upper { v6.to_string().to_uppercase() } else { v6.to_string() };
        let joined = format!("{v4}, {v6_text};{v4}");
        let ips = ip_addresses([joined.as_str()]);
        let mut expected = vec![v4.to_string()];
        if v6 != v4 {
            expected.push(v6.to_string());
        }
        prop_assert_eq!(&ips, &expected);
        prop_assert_eq!(ip_addresses(ips.iter().map(String::as_str)), ips);
    }

    #[test]
    fn ip_normalization_is_idempotent_and_never_panics(text in any::<String>()) {
        let ips = ip_addresses([text.as_str()]);
        for ip in &ips {
            prop_assert!(ip.parse::<IpAddr>().is_ok());
        }
        prop_assert_eq!(ip_addresses(ips.iter().map(String::as_str)), ips);
    }

    #[test]
    fn timestamps_round_trip_in_any_offset(
        seconds in -62_000_000_000_i64..250_000_000_000,
        nanos in 0_i32..1_000_000_000,
        offset_minutes in -(23 * 60 + 59)..=(23 * 60 + 59),
    ) {
        let instant = jiff::Timestamp::new(seconds, nanos).expect("in range");
        prop_assert_eq!(timestamp(Some(&instant.to_string())), Some(instant));
        let offset = jiff::tz::Offset::from_seconds(offset_minutes * 60).expect("an offset");
        let zoned = instant.display_with_offset(offset).to_string();
        prop_assert_eq!(timestamp(Some(&zoned)), Some(instant), "{}", zoned);
        prop_assert_eq!(timestamp(Some(&format!("  {instant}\n"))), Some(instant));
    }

    #[test]
    fn timestamp_parsing_never_panics(text in any::<String>()) {
        if let Some(instant) = timestamp(Some(&text)) {
            prop_assert_eq!(timestamp(Some(&instant.to_string())), Some(instant));
        }
    }

    #[test]
    fn hostnames_are_idempotent(text in prop_oneof![any::<String>(), "[ .aB\t\u{2003}-]{0,6}"]) {
        if let Some(name) = hostname(Some(&text)) {
            prop_assert_eq!(hostname(Some(&name)), Some(name.clone()));
            prop_assert!(!name.is_empty());
        }
    }
}
