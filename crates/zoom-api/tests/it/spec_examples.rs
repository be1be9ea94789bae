//! The wire types parse the example payloads of Zoom's OpenAPI documents, field for field.
//!
//! Zoom's documents carry no response-level `example`/`examples` for these operations (checked
//! at test time: a response-level example, if one appears, is used instead). They do carry an
//! `example` on every property, so the payload is assembled from those per-property examples by
//! walking the 200 response schema (`allOf` merged, arrays given one item). That is Zoom's own
//! example data in Zoom's own shape, and it covers every documented field.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use zoom_api::wire::{
    Group, GroupListPage, Role, RoleList, RoleMember, RoleMemberPage, User, UserListItem,
    UserListPage, WithRaw,
};

pub(crate) fn spec(file: &str) -> Value {
    let path = format!(
        "{}/../../fixtures/openapi/{file}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {path}: {e}"));
    serde_json::from_str(&text).unwrap()
}

/// The example 200 body of `GET {path}` in `file`.
pub(crate) fn response_example(file: &str, path: &str) -> Value {
    let spec = spec(file);
    let content = &spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"];
    assert!(
        content.is_object(),
        "no 200 application/json response for GET {path}"
    );
    if let Some(example) = content.get("example") {
        return example.clone();
    }
    if let Some(first) = content
        .get("examples")
        .and_then(Value::as_object)
        .and_then(|m| m.values().next())
    {
        return first["value"].clone();
    }
    let example = example_from_schema(&content["schema"]);
    assert!(
        example.as_object().is_some_and(|m| !m.is_empty()),
        "empty example for GET {path}"
    );
    example
}

/// An instance of `schema` built from its `example` values.
pub(crate) fn example_from_schema(schema: &Value) -> Value {
    if let Some(all) = schema.get("allOf").and_then(Value::as_array) {
        let mut merged = Map::new();
        for part in all {
            if let Value::Object(m) = example_from_schema(part) {
                merged.extend(m);
            }
        }
        // Properties next to allOf (none in these documents, but allowed).
        if let Value::Object(m) = object_example(schema) {
            merged.extend(m);
        }
        return Value::Object(merged);
    }
    if let Some(example) = schema.get("example") {
        return example.clone();
    }
    match schema.get("type").and_then(Value::as_str) {
        Some("array") => Value::Array(vec![example_from_schema(&schema["items"])]),
        Some("object") | None if schema.get("properties").is_some() => object_example(schema),
        other => panic!("no example for a schema of type {other:?}: {schema}"),
    }
}

fn object_example(schema: &Value) -> Value {
    let mut m = Map::new();
    if let Some(props) = schema.get("properties").and_then(Value::as_object) {
        for (k, v) in props {
            m.insert(k.clone(), example_from_schema(v));
        }
    }
    Value::Object(m)
}

/// Parses `example` as `T`, then checks that serializing `T` gives back every field of the
/// example with the same value: no field misspelt, dropped or retyped. Fields `T` has beyond
/// the example must be empty.
pub(crate) fn round_trip<T: DeserializeOwned + Serialize>(example: &Value) -> T {
    let parsed: T =
        serde_json::from_value(example.clone()).unwrap_or_else(|e| panic!("{e}: {example:#}"));
    let back = serde_json::to_value(&parsed).unwrap();
    assert_covers(example, &back, "");
    parsed
}

fn assert_covers(expected: &Value, actual: &Value, path: &str) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, v) in e {
                let p = format!("{path}.{k}");
                let got = a
                    .get(k)
                    .unwrap_or_else(|| panic!("field {p} not kept by the wire type"));
                assert_covers(v, got, &p);
            }
            for (k, v) in a {
                if !e.contains_key(k) {
                    assert!(
                        v.is_null() || v.as_array().is_some_and(Vec::is_empty),
                        "field {path}.{k} = {v} is not in the example"
                    );
                }
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            assert_eq!(e.len(), a.len(), "length of {path}");
            for (i, (e, a)) in e.iter().zip(a).enumerate() {
                assert_covers(e, a, &format!("{path}[{i}]"));
            }
        }
        (e, a) => assert_eq!(e, a, "value of {path}"),
    }
}

#[test]
fn list_users_example() {
    let example = response_example("zoom-users.json", "/users");
    let page: UserListPage = round_trip(&example);
    assert_eq!(
        page.page.next_page_token.as_deref(),
        Some("8V8HigQkzm2O5r9RUn31D9ZyJHgrmFfbLa2")
    );
    assert_eq!(page.page.total_records, Some(8482));
    assert_eq!(page.page.page_number, Some(1));
    let u = &page.users[0];
    assert_eq!(u.id.as_deref(), Some("KDcuGIm1QgePTO8WbOqwIQ"));
    assert_eq!(u.email, "jchill@example.com");
    assert_eq!(u.user_type, 1);
    assert_eq!(u.pmi, Some(6_589_310_093));
    assert_eq!(u.plan_united_type.as_deref(), Some("1"));
    assert_eq!(u.group_ids, ["t-_-d56CSWG-7BF15LLrOw"]);
    assert_eq!(u.custom_attributes[0].name.as_deref(), Some("A1"));
    assert_eq!(u.license_info_list[0].license_option, Some(16));
    assert_eq!(u.last_login_time.as_deref(), Some("2022-03-25T05:40:55Z"));

    // The item on its own, as the client returns it.
    let item = example["users"][0].clone();
    round_trip::<UserListItem>(&item);
    let with_raw = WithRaw::<UserListItem>::from_value(item.clone()).unwrap();
    assert_eq!(with_raw.raw, item);
    assert_eq!(with_raw.item.email, "jchill@example.com");
}

#[test]
fn get_user_example() {
    let example = response_example("zoom-users.json", "/users/{userId}");
    let u: User = round_trip(&example);
    assert_eq!(u.id.as_deref(), Some("zJKyaiAyTNC-MWjiWC18KQ"));
    assert_eq!(u.user_type, 1);
    assert_eq!(u.role_name.as_deref(), Some("Admin"));
    assert_eq!(u.account_number, Some(10_009_239));
    assert_eq!(u.login_types, [101]);
    assert_eq!(u.phone_numbers[0].label.as_deref(), Some("Mobile"));
    assert_eq!(u.phone_numbers[0].verified, Some(true));
    assert_eq!(u.job_title.as_deref(), Some("API Developer"));
    assert_eq!(u.status.as_deref(), Some("pending"));
    assert_eq!(u.zoom_one_type, Some(64));
}

#[test]
fn list_groups_example() {
    let example = response_example("zoom-users.json", "/groups");
    let page: GroupListPage = round_trip(&example);
    assert_eq!(
        page.page.next_page_token.as_deref(),
        Some("qUEQqB1V0HVhJmwKFQrGOD")
    );
    assert_eq!(page.page.total_records, Some(200));
    let g: Group = round_trip(&example["groups"][0]);
    assert_eq!(g.id.as_deref(), Some("SobVexyrQjqCkcxjpBWi6w"));
    assert_eq!(g.name.as_deref(), Some("Developers"));
    assert_eq!(g.total_members, Some(200));
    assert_eq!(page.groups, [g]);
}

#[test]
fn list_roles_example() {
    let example = response_example("zoom-accounts.json", "/roles");
    let list: RoleList = round_trip(&example);
    assert_eq!(list.total_records, Some(200));
    let r: Role = round_trip(&example["roles"][0]);
    assert_eq!(r.id.as_deref(), Some("RqBLcd1jLS9a7RBkbGtqn2A"));
    assert_eq!(r.name.as_deref(), Some("My Role"));
    assert_eq!(r.role_type.as_deref(), Some("iq"));
    assert_eq!(r.total_members, Some(200));
    assert_eq!(list.roles, [r]);
}

#[test]
fn list_role_members_example() {
    let example = response_example("zoom-accounts.json", "/roles/{roleId}/members");
    let page: RoleMemberPage = round_trip(&example);
    assert_eq!(
        page.page.next_page_token.as_deref(),
        Some("TUNTL8kGBvdBSJiX1PaNAVxYbjV7ouJlKS2")
    );
    assert_eq!(page.page.total_records, Some(22));
    assert_eq!(page.page.page_count, Some(3));
    let m: RoleMember = round_trip(&example["members"][0]);
    assert_eq!(m.id.as_deref(), Some("49D7a0xPQvGQ2DCMZgSe7w"));
    assert_eq!(m.email.as_deref(), Some("jchil.test@example.com"));
    assert_eq!(m.department.as_deref(), Some("Developers"));
    assert_eq!(m.user_type, Some(2));
}

/// `GET /roles` is not paginated in the spec: no paging parameter, no `next_page_token`.
#[test]
fn roles_are_not_paginated_in_the_spec() {
    let spec = spec("zoom-accounts.json");
    let op = &spec["paths"]["/roles"]["get"];
    let params: Vec<&str> = op["parameters"]
        .as_array()
        .map(|ps| ps.iter().filter_map(|p| p["name"].as_str()).collect())
        .unwrap_or_default();
    assert!(
        !params.contains(&"next_page_token") && !params.contains(&"page_size"),
        "{params:?}"
    );
    let example = response_example("zoom-accounts.json", "/roles");
    assert!(example.get("next_page_token").is_none());
}
