use std::path::Path;

use inventory_model::{Directory, Kind, user};
use serde_json::{Value, json};
use zoom_api::wire::{User, UserListItem, WithRaw};

/// Normalizes one fixture and returns what the snapshot shows: identity, scope and the
/// normalized fields. `raw` is checked here rather than snapshotted: it must be exactly the
/// detail as received when there is one, else the listing entry.
fn check_user(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).expect("fixture is readable");
    let fixture: Value = serde_json::from_str(&text).expect("fixture is JSON");
    let listed: WithRaw<UserListItem> =
        WithRaw::from_value(fixture["listed"].clone()).expect("listed entry parses");
    let detail: Option<WithRaw<User>> = match &fixture["detail"] {
        Value::Null => None,
        detail => Some(WithRaw::from_value(detail.clone()).expect("detail parses")),
    };
    let mut directory = Directory::default();
    for (map, key) in [
        (&mut directory.role_names, "roles"),
        (&mut directory.group_names, "groups"),
    ] {
        if let Some(names) = fixture["directory"][key].as_object() {
            for (id, name) in names {
                map.insert(id.clone(), name.as_str().unwrap_or_default().to_owned());
            }
        }
    }

    let record = user::normalize(&listed, detail.as_ref(), &directory, "users/active");

    let expected_raw = if fixture["detail"].is_null() {
        &fixture["listed"]
    } else {
        &fixture["detail"]
    };
    assert_eq!(&record.raw, expected_raw, "raw is the JSON as received");
    assert_eq!(record.kind(), Kind::User);
    assert_eq!(record.id, format!("user:{}", record.source_id));
    json!({
        "id": record.id,
        "source_id": record.source_id,
        "scope": record.scope,
        "fields": record.fields(),
    })
}

#[test]
fn users_normalize_as_reviewed() {
    insta::glob!("../../../../fixtures/users", "*.json", |path| {
        insta::assert_json_snapshot!(check_user(path));
    });
}

#[test]
fn every_field_of_the_contract_is_present() {
    insta::glob!("../../../../fixtures/users", "*.json", |path| {
        let fields = check_user(path)["fields"].clone();
        let object = fields.as_object().expect("fields are an object");
        let names: Vec<&str> = object.keys().map(String::as_str).collect();
        let mut expected = Kind::User.field_names().to_vec();
        expected.sort_unstable();
        let mut names_sorted = names.clone();
        names_sorted.sort_unstable();
        assert_eq!(names_sorted, expected, "{}", path.display());
    });
}
