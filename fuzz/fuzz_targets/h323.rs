//! An H.323/SIP device.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zoom_inventory_fuzz::{check, wire};

fuzz_target!(|data: &[u8]| {
    if let Some(device) = wire(data)
        && let Some(record) = inventory_model::device::h323(&device)
    {
        check(&record);
    }
});
