//! A user: `{"listed": <users listing entry>, "detail": <user detail or null>}`.
#![no_main]

use inventory_model::{Directory, user};
use libfuzzer_sys::fuzz_target;
use zoom_api::wire::{User, UserListItem, WithRaw};

fuzz_target!(|data: &[u8]| {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    let Ok(listed) = WithRaw::<UserListItem>::from_value(value["listed"].clone()) else {
        return;
    };
    let detail = WithRaw::<User>::from_value(value["detail"].clone()).ok();
    let mut directory = Directory::default();
    directory.role_names.insert("2".into(), "Member".into());
    directory.group_names.insert("g1".into(), "Sales".into());
    let record = user::normalize(&listed, detail.as_ref(), &directory, "users/active");
    zoom_inventory_fuzz::check(&record);
});
