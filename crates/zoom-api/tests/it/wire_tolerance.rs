//! The wire types accept what Zoom plausibly sends beyond the spec (numbers as strings, nulls,
//! unknown fields, missing optional fields) and reject what the spec requires.

use serde_json::json;
use zoom_api::wire::{PageMeta, TokenResponse, User, UserListItem, UserListPage};

#[test]
fn numbers_as_strings_nulls_and_unknown_fields() {
    let page: UserListPage = serde_json::from_value(json!({
        "page_number": "1",
        "page_size": "300",
        "page_count": null,
        "total_records": 2,
        "next_page_token": "",
        "brand_new_field": {"x": 1},
        "users": [
            {
                "email": "a@example.com",
                "type": "2",
                "pmi": "6589310093",
                "verified": "1",
                "plan_united_type": 1,
                "group_ids": null,
                "custom_attributes": null,
                "role_id": 0,
                "unknown": true
            },
            { "email": "b@example.com", "type": 1.0 }
        ]
    }))
    .unwrap();
    assert_eq!(page.page.page_number, Some(1));
    assert_eq!(page.page.page_size, Some(300));
    assert_eq!(page.page.page_count, None);
    assert_eq!(
        page.page.next_token(),
        None,
        "an empty token means the last page"
    );
    let a = &page.users[0];
    assert_eq!(a.user_type, 2);
    assert_eq!(a.pmi, Some(6_589_310_093));
    assert_eq!(a.verified, Some(1));
    assert_eq!(a.plan_united_type.as_deref(), Some("1"));
    assert_eq!(a.role_id.as_deref(), Some("0"));
    assert!(a.group_ids.is_empty() && a.custom_attributes.is_empty());
    assert_eq!(a.id, None, "pending users come without id");
    assert_eq!(page.users[1].user_type, 1);
}

#[test]
fn required_fields_are_required() {
    let e = serde_json::from_value::<UserListItem>(json!({ "type": 1 })).unwrap_err();
    assert!(e.to_string().contains("missing field `email`"), "{e}");
    let e = serde_json::from_value::<User>(json!({ "id": "x" })).unwrap_err();
    assert!(e.to_string().contains("missing field `type`"), "{e}");
    let e = serde_json::from_value::<User>(json!({ "type": "basic" })).unwrap_err();
    assert!(e.to_string().contains("basic"), "{e}");
}

#[test]
fn missing_page_fields_are_none() {
    let meta: PageMeta = serde_json::from_value(json!({})).unwrap();
    assert_eq!(meta.next_token(), None);
    let meta: PageMeta = serde_json::from_value(json!({ "next_page_token": "abc" })).unwrap();
    assert_eq!(meta.next_token(), Some("abc"));
}

#[test]
fn token_response_debug_hides_the_token() {
    let t: TokenResponse = serde_json::from_value(json!({
        "access_token": "eyJ-very-secret",
        "token_type": "bearer",
        "expires_in": "3600",
        "scope": "user:read:admin  group:read:admin",
        "api_url": "https://api-eu.zoom.us"
    }))
    .unwrap();
    assert_eq!(t.expires_in, Some(3600));
    assert_eq!(t.scopes(), ["user:read:admin", "group:read:admin"]);
    assert!(!format!("{t:?}").contains("eyJ-very-secret"));
}
