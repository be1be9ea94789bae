//! A Zoom Room, and the same bytes as a calendar resource.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zoom_inventory_fuzz::{check, wire};

fuzz_target!(|data: &[u8]| {
    if let Some(room) = wire(data)
        && let Some(record) = inventory_model::device::zoom_room(&room)
    {
        check(&record);
    }
    if let Some(resource) = wire(data)
        && let Some(record) = inventory_model::device::calendar_room(&resource)
    {
        check(&record);
    }
});
