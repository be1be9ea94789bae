//! A meeting's participants (a JSON array), gathered into meeting devices under both settings
//! of `devices_require_hostname_and_mac`.
#![no_main]

use inventory_model::MeetingDevices;
use libfuzzer_sys::fuzz_target;
use zoom_api::wire::{MeetingParticipant, WithRaw};

fuzz_target!(|data: &[u8]| {
    let Ok(serde_json::Value::Array(items)) = serde_json::from_slice(data) else {
        return;
    };
    let participants: Vec<WithRaw<MeetingParticipant>> = items
        .into_iter()
        .filter_map(|item| WithRaw::from_value(item).ok())
        .collect();
    for require in [false, true] {
        let mut devices = MeetingDevices::default();
        for participant in &participants {
            devices.add(participant);
        }
        let records = devices.into_records(require);
        let mut ids: Vec<&str> = records.iter().map(|record| record.id.as_str()).collect();
        ids.sort_unstable();
        let count = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), count, "one record per physical device");
        for record in &records {
            zoom_inventory_fuzz::check(record);
        }
    }
});
