//! The shared Server-to-Server token: one fetch for many callers, refresh on 124 and ahead of
//! expiry, token-endpoint errors.

use std::time::Duration;

use serde_json::json;
use zoom_api::Error;

use crate::support::{ACCOUNT_ID, BASIC, Reply, fake, invalid_token, user_json};

#[tokio::test]
async fn twenty_concurrent_first_calls_share_one_token_request() {
    let fake = fake()
        .token_delay(Duration::from_millis(50))
        .api(|seen| Reply::json(200, user_json(seen.path.rsplit('/').next().unwrap())))
        .await;
    let client = fake.client();
    let tasks: Vec<_> = (0..20)
        .map(|i| {
            let c = client.clone();
            tokio::spawn(async move { c.get_user(&format!("u{i}")).await })
        })
        .collect();
    for (i, t) in tasks.into_iter().enumerate() {
        let user = t.await.unwrap().unwrap();
        assert_eq!(user.item.id.as_deref(), Some(format!("u{i}").as_str()));
    }
    assert_eq!(fake.state.tokens(), 1);
    assert_eq!(fake.state.api_calls(), 20);
    assert!(fake.state.seen().iter().all(|s| s.token == Some(1)));
}

#[tokio::test]
async fn token_request_is_account_credentials_with_basic_auth() {
    let fake = fake().api(|_| Reply::json(200, user_json("me"))).await;
    let client = fake.client();
    client.get_user("x").await.unwrap();
    let log = fake.state.token_log.lock().unwrap().clone();
    assert_eq!(log.len(), 1);
    let t = &log[0];
    assert_eq!(t.headers["authorization"], BASIC);
    assert_eq!(t.headers["accept"], "application/json");
    assert_eq!(
        t.headers["content-type"],
        "application/x-www-form-urlencoded"
    );
    assert_eq!(
        t.body,
        format!("grant_type=account_credentials&account_id={ACCOUNT_ID}")
    );
    assert_eq!(
        t.query, None,
        "parameters go in the form body, not the query string"
    );
    let api = &fake.state.seen()[0];
    assert_eq!(api.headers["authorization"], "Bearer at-SECRET-1");
    let ua = api.headers["user-agent"].to_str().unwrap();
    assert!(ua.starts_with("zoom-inventory/"), "{ua}");
}

#[tokio::test]
async fn rejected_token_is_refreshed_once_then_the_request_succeeds() {
    // Token 1 is stale: the API rejects it with 401/124 and accepts token 2.
    let fake = fake()
        .api(|seen| match seen.token {
            Some(1) => invalid_token(),
            _ => Reply::json(200, user_json("x")),
        })
        .await;
    let client = fake.client();
    let user = client.get_user("x").await.unwrap();
    assert_eq!(user.item.id.as_deref(), Some("x"));
    assert_eq!(fake.state.tokens(), 2);
    let tokens: Vec<_> = fake.state.seen().iter().map(|s| s.token).collect();
    assert_eq!(tokens, [Some(1), Some(2)]);
    // The new token is kept.
    client.get_user("y").await.unwrap();
    assert_eq!(fake.state.tokens(), 2);
}

#[tokio::test]
async fn concurrent_rejections_of_one_token_cause_one_refresh() {
    let fake = fake()
        .api(|seen| match seen.token {
            Some(1) => invalid_token(),
            _ => Reply::json(200, user_json("x")),
        })
        .await;
    let client = fake.client();
    let tasks: Vec<_> = (0..20)
        .map(|i| {
            let c = client.clone();
            tokio::spawn(async move { c.get_user(&format!("u{i}")).await })
        })
        .collect();
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    assert_eq!(fake.state.tokens(), 2, "one first token, one refresh");
}

#[tokio::test]
async fn second_rejection_is_returned_not_retried_again() {
    let fake = fake().api(|_| invalid_token()).await;
    let client = fake.client();
    let err = client.get_user("x").await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::Api {
                status: 401,
                code: Some(124),
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.is_auth());
    assert_eq!(err.zoom_code(), Some(124));
    assert_eq!(err.http_status(), Some(401));
    assert_eq!(fake.state.tokens(), 2);
    assert_eq!(fake.state.api_calls(), 2);
    assert_eq!(
        err.to_string(),
        "GET /users/x: zoom answered http 401 code 124: Invalid access token"
    );
}

#[tokio::test]
async fn other_401s_do_not_refresh() {
    let fake = fake()
        .api(|_| {
            Reply::json(
                401,
                json!({ "code": 201, "message": "Invalid access token." }),
            )
        })
        .await;
    let err = fake.client().get_user("x").await.unwrap_err();
    assert_eq!(err.zoom_code(), Some(201));
    assert!(err.is_auth());
    assert_eq!(fake.state.tokens(), 1);
    assert_eq!(fake.state.api_calls(), 1);
}

#[tokio::test]
async fn token_is_refreshed_ahead_of_expiry() {
    // expires_in 0: already inside the refresh margin, so the next call fetches a new token
    // (the margin itself, min(5 min, 10 %), is unit-tested in src/token.rs).
    let fake = fake()
        .expires_in(&[0, 3600])
        .api(|_| Reply::json(200, user_json("x")))
        .await;
    let client = fake.client();
    for id in ["a", "b", "c"] {
        client.get_user(id).await.unwrap();
    }
    let tokens: Vec<_> = fake.state.seen().iter().map(|s| s.token).collect();
    assert_eq!(tokens, [Some(1), Some(2), Some(2)]);
    assert_eq!(fake.state.tokens(), 2);
}

#[tokio::test]
async fn short_lived_token_is_reused_while_fresh() {
    // 10 s: refresh 1 s before expiry, so back-to-back calls share it.
    let fake = fake()
        .expires_in(&[10])
        .api(|_| Reply::json(200, user_json("x")))
        .await;
    let client = fake.client();
    for id in ["a", "b", "c"] {
        client.get_user(id).await.unwrap();
    }
    assert_eq!(fake.state.tokens(), 1);
}

#[tokio::test]
async fn access_token_check_forces_a_fetch_and_exposes_scopes() {
    let fake = fake()
        .scope("user:read:list_users:admin group:read:list_groups:admin")
        .api(|_| Reply::json(200, user_json("x")))
        .await;
    let client = fake.client();
    assert_eq!(client.granted_scopes(), None);
    client.access_token_check().await.unwrap();
    client.access_token_check().await.unwrap();
    assert_eq!(fake.state.tokens(), 2);
    assert_eq!(
        client.granted_scopes().unwrap(),
        ["user:read:list_users:admin", "group:read:list_groups:admin"]
    );
    assert_eq!(
        client.token_api_url().as_deref(),
        Some("https://api-us.zoom.us")
    );
    // Requests still go to the configured api_url, not the token's.
    client.get_user("x").await.unwrap();
    assert_eq!(fake.state.api_calls(), 1);
}

#[tokio::test]
async fn invalid_client_is_an_auth_error_naming_the_fix() {
    let fake = fake()
        .token_error(
            400,
            json!({ "reason": "Invalid client_id or client_secret", "error": "invalid_client" }),
        )
        .api(|_| Reply::json(200, user_json("x")))
        .await;
    let client = fake.client();
    let err = client.access_token_check().await.unwrap_err();
    match &err {
        Error::Auth {
            status,
            error,
            reason,
        } => {
            assert_eq!(*status, 400);
            assert_eq!(error.as_deref(), Some("invalid_client"));
            assert_eq!(
                reason.as_deref(),
                Some("Invalid client_id or client_secret")
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(err.is_auth());
    assert_eq!(
        err.to_string(),
        "zoom refused to issue an access token (http 400, invalid_client: Invalid client_id or \
         client_secret); check client_id and client_secret"
    );
    // An API call fails the same way, without reaching the API.
    let err = client.get_user("x").await.unwrap_err();
    assert!(matches!(err, Error::Auth { .. }), "{err:?}");
    assert_eq!(fake.state.api_calls(), 0);
}

#[tokio::test]
async fn unknown_account_points_at_account_id() {
    let fake = fake()
        .token_error(
            400,
            json!({ "reason": "Account does not exist", "error": "invalid_request" }),
        )
        .api(|_| Reply::json(200, user_json("x")))
        .await;
    let err = fake.client().access_token_check().await.unwrap_err();
    assert!(err.to_string().ends_with("; check account_id"), "{err}");
}

#[tokio::test]
async fn token_endpoint_non_json_error_is_an_auth_error() {
    // oauth_url points at a path where the double answers 404 with HTML.
    let fake = fake()
        .api(|_| Reply::raw(404, "<html>not found</html>"))
        .await;
    let mut config = fake.config();
    config.oauth_url = fake.url.join("/elsewhere/").unwrap();
    let err = zoom_api::Client::new(config)
        .unwrap()
        .access_token_check()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Auth { status: 404, .. }), "{err:?}");
    assert!(err.to_string().contains("check oauth_url"), "{err}");
}

#[tokio::test]
async fn token_response_without_access_token_is_a_decode_error() {
    let fake = fake()
        .token_error(200, json!({ "token_type": "bearer", "expires_in": 3600 }))
        .api(|_| Reply::json(200, user_json("x")))
        .await;
    let err = fake.client().access_token_check().await.unwrap_err();
    match &err {
        Error::Decode {
            endpoint, message, ..
        } => {
            assert_eq!(endpoint, "POST /oauth/token");
            assert!(message.contains("access_token"), "{message}");
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn absurd_expires_in_is_capped_not_a_panic() {
    let fake = fake()
        .expires_in(&[i64::MAX as u64])
        .api(|_| Reply::json(200, user_json("x")))
        .await;
    let client = fake.client();
    client.get_user("a").await.unwrap();
    client.get_user("b").await.unwrap();
    assert_eq!(fake.state.tokens(), 1);
}

#[tokio::test]
async fn concurrent_callers_share_one_refused_token_request() {
    let fake = fake()
        .token_delay(Duration::from_millis(50))
        .token_error(
            400,
            json!({ "reason": "Invalid client_id or client_secret", "error": "invalid_client" }),
        )
        .api(|_| Reply::json(200, user_json("x")))
        .await;
    let client = fake.client();
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let c = client.clone();
            tokio::spawn(async move { c.get_user("x").await })
        })
        .collect();
    for t in tasks {
        let err = t.await.unwrap().unwrap_err();
        assert!(matches!(err, Error::Auth { status: 400, .. }), "{err:?}");
    }
    assert_eq!(fake.state.tokens(), 1, "the waiters got the one refusal");
    // A later call asks again: the failure is not cached.
    client.get_user("x").await.unwrap_err();
    assert_eq!(fake.state.tokens(), 2);
}
