//! The documented errors of the device, room, dashboard and report endpoints come through as
//! the crate's typed errors, with status, Zoom code, message and endpoint, and no secret.

use futures_util::StreamExt;
use serde_json::json;
use zoom_api::{Date, Error};

use crate::support::{Reply, assert_no_secret, fake};

/// The one `Error::Api` of a call, as (endpoint, status, code, message).
fn api_parts(err: &Error) -> (&str, u16, Option<i64>, &str) {
    match err {
        Error::Api {
            endpoint,
            status,
            code,
            message,
        } => (endpoint, *status, *code, message),
        other => panic!("expected Error::Api, got {other:?}"),
    }
}

#[tokio::test]
async fn meeting_not_found_3001() {
    let fake = fake()
        .api(|_| {
            Reply::json(
                404,
                json!({ "code": 3001, "message": "Meeting ID is invalid or has not ended." }),
            )
        })
        .await;
    let results: Vec<_> = fake
        .client()
        .list_meeting_participants("/abc==")
        .collect()
        .await;
    let [Err(err)] = &results[..] else {
        panic!("{results:?}")
    };
    assert_eq!(
        api_parts(err),
        (
            "GET /metrics/meetings/%252Fabc%253D%253D/participants",
            404,
            Some(3001),
            "Meeting ID is invalid or has not ended."
        )
    );
    assert_eq!(
        err.to_string(),
        "GET /metrics/meetings/%252Fabc%253D%253D/participants: zoom answered http 404 code 3001: \
         Meeting ID is invalid or has not ended"
    );
    assert_eq!(err.zoom_code(), Some(3001));
    assert_eq!(err.http_status(), Some(404));
    assert!(!err.is_auth());
    assert_eq!(fake.state.api_calls(), 1, "no retry");
}

/// Zoom Rooms' plan gate: HTTP 400, code 200.
#[tokio::test]
async fn rooms_plan_gate_200() {
    let message =
        "Zoom Room subscription not found. Try again after purchasing a Zoom Room subscription.";
    let fake = fake()
        .api(move |_| Reply::json(400, json!({ "code": 200, "message": message })))
        .await;
    let client = fake.client();

    let results: Vec<_> = client.list_rooms().collect().await;
    let [Err(err)] = &results[..] else {
        panic!("{results:?}")
    };
    assert_eq!(api_parts(err), ("GET /rooms", 400, Some(200), message));
    assert_eq!(
        err.to_string(),
        format!(
            "GET /rooms: zoom answered http 400 code 200: {}",
            message.trim_end_matches('.')
        )
    );

    let err = client.list_room_devices("r1").await.unwrap_err();
    assert_eq!(
        api_parts(&err),
        ("GET /rooms/r1/devices", 400, Some(200), message)
    );
    let err = client.list_calendar_services().await.unwrap_err();
    assert_eq!(
        api_parts(&err),
        ("GET /rooms/calendar/services", 400, Some(200), message)
    );
    let results: Vec<_> = client.list_room_locations().collect().await;
    assert!(
        matches!(
            &results[..],
            [Err(Error::Api {
                code: Some(200),
                ..
            })]
        ),
        "{results:?}"
    );
}

/// The dashboard's gate is documented with code 400 (not 200): it comes through as it is.
#[tokio::test]
async fn dashboard_plan_gate_400() {
    let message = "This API is only available for ZMP and Business or higher accounts that have enabled the Dashboard feature.";
    let fake = fake()
        .api(move |_| Reply::json(400, json!({ "code": 400, "message": message })))
        .await;
    let d = Date::constant(2024, 1, 1);
    let results: Vec<_> = fake.client().list_past_meetings(d, d).collect().await;
    let [Err(err)] = &results[..] else {
        panic!("{results:?}")
    };
    assert_eq!(
        api_parts(err),
        ("GET /metrics/meetings", 400, Some(400), message)
    );
}

#[tokio::test]
async fn not_found_codes_of_rooms_and_calendars() {
    let fake = fake()
        .api(|seen| match seen.path.as_str() {
            "/v2/rooms/nope/devices" => Reply::json(
                404,
                json!({ "code": 1012, "message": "Room not found: nope." }),
            ),
            _ => Reply::json(
                404,
                json!({ "code": 4061, "message": "Calendar service does not exist: s9." }),
            ),
        })
        .await;
    let client = fake.client();
    let err = client.list_room_devices("nope").await.unwrap_err();
    assert_eq!(
        api_parts(&err),
        (
            "GET /rooms/nope/devices",
            404,
            Some(1012),
            "Room not found: nope."
        )
    );
    let results: Vec<_> = client.list_calendar_resources("s9").collect().await;
    let [Err(err)] = &results[..] else {
        panic!("{results:?}")
    };
    assert_eq!(
        api_parts(err),
        (
            "GET /rooms/calendar/services/s9/resources",
            404,
            Some(4061),
            "Calendar service does not exist: s9."
        )
    );
}

#[tokio::test]
async fn missing_scope_4711_on_the_new_endpoints() {
    let fake = fake()
        .api(|_| {
            Reply::json(
                400,
                json!({ "code": 4711, "message": "Invalid access token, does not contain scopes:[report:read:operation_logs:admin]." }),
            )
        })
        .await;
    let d = Date::constant(2024, 1, 1);
    let results: Vec<_> = fake.client().list_operation_logs(d, d).collect().await;
    match &results[..] {
        [
            Err(Error::MissingScopes {
                endpoint,
                status: 400,
                code: 4711,
                scopes,
                ..
            }),
        ] => {
            assert_eq!(endpoint, "GET /report/operationlogs");
            assert_eq!(scopes, &["report:read:operation_logs:admin"]);
        }
        other => panic!("{other:?}"),
    }
    let results: Vec<_> = fake.client().list_zdm_devices().collect().await;
    assert!(
        matches!(&results[..], [Err(Error::MissingScopes { code: 4711, endpoint, .. })] if endpoint == "GET /devices"),
        "{results:?}"
    );
}

/// Every new endpoint's error, in `{}`, `{:?}` and `{:#?}`: no secret anywhere.
#[tokio::test]
async fn no_secret_in_the_new_errors() {
    let fake = fake()
        .api(|_| {
            Reply::json(
                404,
                json!({ "code": 3001, "message": "Meeting ID is invalid or has not ended." }),
            )
        })
        .await;
    let client = fake.client();
    let d = Date::constant(2024, 1, 1);
    let mut errors: Vec<Error> = Vec::new();
    errors.extend(
        client
            .list_h323_devices()
            .filter_map(|r| async { r.err() })
            .collect::<Vec<_>>()
            .await,
    );
    errors.extend(
        client
            .list_rooms()
            .filter_map(|r| async { r.err() })
            .collect::<Vec<_>>()
            .await,
    );
    errors.push(client.list_room_devices("r").await.unwrap_err());
    errors.extend(
        client
            .list_room_locations()
            .filter_map(|r| async { r.err() })
            .collect::<Vec<_>>()
            .await,
    );
    errors.push(client.list_calendar_services().await.unwrap_err());
    errors.extend(
        client
            .list_calendar_resources("s")
            .filter_map(|r| async { r.err() })
            .collect::<Vec<_>>()
            .await,
    );
    errors.extend(
        client
            .list_zdm_devices()
            .filter_map(|r| async { r.err() })
            .collect::<Vec<_>>()
            .await,
    );
    errors.extend(
        client
            .list_past_meetings(d, d)
            .filter_map(|r| async { r.err() })
            .collect::<Vec<_>>()
            .await,
    );
    errors.extend(
        client
            .list_meeting_participants("x//y")
            .filter_map(|r| async { r.err() })
            .collect::<Vec<_>>()
            .await,
    );
    errors.extend(
        client
            .list_sign_in_activities(d, d)
            .filter_map(|r| async { r.err() })
            .collect::<Vec<_>>()
            .await,
    );
    errors.extend(
        client
            .list_operation_logs(d, d)
            .filter_map(|r| async { r.err() })
            .collect::<Vec<_>>()
            .await,
    );
    assert_eq!(errors.len(), 11);
    for e in &errors {
        assert_eq!(e.zoom_code(), Some(3001));
        assert!(
            e.endpoint().is_some_and(|ep| ep.starts_with("GET /")),
            "{e:?}"
        );
        for text in [format!("{e}"), format!("{e:?}"), format!("{e:#?}")] {
            assert_no_secret(&text);
            assert!(!text.contains('?'), "no query string in errors: {text}");
        }
    }
}
