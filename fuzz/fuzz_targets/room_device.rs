//! A device of a Zoom Room (computer, controller, display).
#![no_main]

use libfuzzer_sys::fuzz_target;
use zoom_inventory_fuzz::{check, wire};

fuzz_target!(|data: &[u8]| {
    if let Some(device) = wire(data)
        && let Some(record) = inventory_model::device::zoom_room_device(&device, "room-1")
    {
        check(&record);
    }
});
