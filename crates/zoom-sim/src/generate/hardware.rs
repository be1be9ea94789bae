//! Hardware identifiers: random MAC addresses and the styles devices write them in, the MAC
//! list a Zoom Rooms device reports, and manufacturers' serial numbers. Used by the rooms, the
//! ZDM devices and the meeting devices alike, so that the same kinds of quirks show everywhere.

use fastrand::Rng;

use super::random::pick;

/// The format a device uses for its MAC addresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MacStyle {
    /// `00:1A:2B:3C:4D:5E`
    UpperColon,
    /// `00-1a-2b-3c-4d-5e`
    LowerHyphen,
    /// `001A.2B3C.4D5E` (Cisco)
    CiscoDot,
    /// `01-23-45-67-89-AB` (Windows, the rooms spec's example)
    UpperHyphen,
    /// `f85e-a012-92d8` (the participants spec's example)
    ZoomGroups,
    /// `001a2b3c4d5e`
    Bare,
}

impl MacStyle {
    pub(crate) const ALL: [MacStyle; 6] = [
        MacStyle::UpperColon,
        MacStyle::LowerHyphen,
        MacStyle::CiscoDot,
        MacStyle::UpperHyphen,
        MacStyle::ZoomGroups,
        MacStyle::Bare,
    ];
}

/// A random globally administered unicast MAC address.
pub(crate) fn random_mac(rng: &mut Rng) -> [u8; 6] {
    let mut mac = [0u8; 6];
    for b in &mut mac {
        *b = rng.u8(..);
    }
    mac[0] &= 0xfc;
    if mac == [0; 6] {
        mac[5] = 1;
    }
    mac
}

pub(crate) fn format_mac(mac: [u8; 6], style: MacStyle) -> String {
    let hex = |upper: bool| -> Vec<String> {
        mac.iter()
            .map(|b| {
                if upper {
                    format!("{b:02X}")
                } else {
                    format!("{b:02x}")
                }
            })
            .collect()
    };
    match style {
        MacStyle::UpperColon => hex(true).join(":"),
        MacStyle::LowerHyphen => hex(false).join("-"),
        MacStyle::UpperHyphen => hex(true).join("-"),
        MacStyle::Bare => hex(false).concat(),
        MacStyle::CiscoDot => {
            let h = hex(true).concat();
            format!("{}.{}.{}", &h[0..4], &h[4..8], &h[8..12])
        }
        MacStyle::ZoomGroups => {
            let h = hex(false).concat();
            format!("{}-{}-{}", &h[0..4], &h[4..8], &h[8..12])
        }
    }
}

/// The MAC list a device reports: its addresses in its own style; 3% report only
/// `00:00:00:00:00:00` and 3% report none.
pub(crate) fn served_macs(rng: &mut Rng, macs: &[Option<[u8; 6]>]) -> Vec<String> {
    let style = *pick(rng, &MacStyle::ALL);
    match rng.u32(0..100) {
        0..3 => vec!["00:00:00:00:00:00".to_owned()],
        3..6 => Vec::new(),
        _ => macs
            .iter()
            .flatten()
            .map(|&m| format_mac(m, style))
            .collect(),
    }
}

/// A serial number in the manufacturer's format.
pub(crate) fn serial(rng: &mut Rng, manufacturer: &str) -> String {
    const ALNUM: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
    let mut take = |n: usize| -> String {
        (0..n)
            .map(|_| char::from(ALNUM[rng.usize(..ALNUM.len())]))
            .collect()
    };
    match manufacturer {
        "Apple" => format!("C02{}", take(9)),
        "Dell" => take(7),
        "Lenovo" => format!("PF{}", take(6)),
        "HP" => format!("CZC{}", take(7)),
        "Neat" => format!("NB{}", take(10)),
        _ => take(12),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mac_styles() {
        let mac = [0x00, 0x1a, 0x2b, 0x3c, 0x4d, 0x5e];
        let shown: Vec<String> = MacStyle::ALL.iter().map(|&s| format_mac(mac, s)).collect();
        assert_eq!(
            shown,
            [
                "00:1A:2B:3C:4D:5E",
                "00-1a-2b-3c-4d-5e",
                "001A.2B3C.4D5E",
                "00-1A-2B-3C-4D-5E",
                "001a-2b3c-4d5e",
                "001a2b3c4d5e",
            ]
        );
    }
}
