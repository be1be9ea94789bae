//! An operation (admin audit) log entry.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zoom_inventory_fuzz::{check, wire};

fuzz_target!(|data: &[u8]| {
    if let Some(log) = wire(data) {
        check(&inventory_model::activity::operation(&log));
    }
});
