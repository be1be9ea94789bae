//! What every fuzz target checks of a record a normalizer returned: it serializes to an object
//! with exactly the contract's fields, keeps the raw JSON, and its MAC and IP addresses are in
//! canonical form.

use inventory_model::{Asset, Record};
use serde::de::DeserializeOwned;
use zoom_api::wire::WithRaw;

/// Arbitrary bytes as JSON, then as Zoom's wire type `T`; `None` when either does not parse
/// (that is the client's job to report, not the normalizer's).
pub fn wire<T: DeserializeOwned>(data: &[u8]) -> Option<WithRaw<T>> {
    let value: serde_json::Value = serde_json::from_slice(data).ok()?;
    WithRaw::from_value(value).ok()
}

/// Asserts what must hold of any record, whatever the input.
pub fn check(record: &Record) {
    let fields = record.fields();
    let object = fields.as_object().expect("fields are an object");
    let mut names: Vec<&str> = object.keys().map(String::as_str).collect();
    names.sort_unstable();
    let mut expected = record.kind().field_names().to_vec();
    expected.sort_unstable();
    assert_eq!(names, expected, "exactly the contract's fields");
    assert!(!record.id.is_empty(), "an id");
    serde_json::to_string(&record.raw).expect("raw serializes");
    if let Asset::Device(device) = &record.asset {
        for mac in &device.mac_addresses {
            assert_eq!(
                inventory_model::value::mac_address(mac).as_deref(),
                Some(mac.as_str()),
                "a stored MAC is canonical"
            );
        }
        for ip in &device.ip_addresses {
            let parsed: std::net::IpAddr = ip.parse().expect("a stored IP parses");
            assert_eq!(&parsed.to_string(), ip, "a stored IP is canonical");
        }
    }
}
