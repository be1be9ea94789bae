//! A sign-in or sign-out activity.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zoom_inventory_fuzz::{check, wire};

fuzz_target!(|data: &[u8]| {
    if let Some(activity) = wire(data) {
        check(&inventory_model::activity::sign_in_out(&activity));
    }
});
