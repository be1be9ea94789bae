//! Zoom's error answers, broken bodies and transport failures become typed errors that say what
//! happened, where, and what to fix; none of them ever shows a secret.

use std::time::Duration;

use futures_util::StreamExt;
use serde_json::json;
use zoom_api::{Error, TransportKind, UserStatus};

use crate::support::{Reply, assert_no_secret, config_for, dead_url, fake, serve, user_json};

#[tokio::test]
async fn missing_scopes_names_every_scope() {
    let fake = fake()
        .api(|_| {
            Reply::json(
                400,
                json!({
                    "code": 4711,
                    "message": "Invalid access token, does not contain scopes:[user:read:list_users:admin, user:read:user:admin]."
                }),
            )
        })
        .await;
    let err = fake.client().get_user("x").await.unwrap_err();
    match &err {
        Error::MissingScopes {
            endpoint,
            status,
            code,
            scopes,
            message,
        } => {
            assert_eq!(endpoint, "GET /users/x");
            assert_eq!((*status, *code), (400, 4711));
            assert_eq!(
                scopes,
                &["user:read:list_users:admin", "user:read:user:admin"]
            );
            assert!(message.starts_with("Invalid access token"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        err.to_string(),
        "GET /users/x: the app lacks the scopes user:read:list_users:admin, user:read:user:admin; \
         grant them in the app's scopes"
    );
    assert!(!err.is_auth());
    assert_eq!(err.zoom_code(), Some(4711));
    assert_eq!(
        fake.state.tokens(),
        1,
        "missing scopes do not refresh the token"
    );
}

#[tokio::test]
async fn code_4700_missing_scope_is_also_missing_scopes() {
    let fake = fake()
        .api(|_| {
            Reply::json(
                400,
                json!({ "code": 4700, "message": "Invalid access token, does not contain role:read:admin scope." }),
            )
        })
        .await;
    let err = fake.client().list_roles().await.unwrap_err();
    match &err {
        Error::MissingScopes {
            scopes, code: 4700, ..
        } => assert_eq!(scopes, &["role:read:admin"]),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn api_error_keeps_status_code_message_and_endpoint() {
    let fake = fake()
        .api(|_| {
            Reply::json(
                404,
                json!({ "code": 1001, "message": "User does not exist: nobody@example.com." }),
            )
        })
        .await;
    let err = fake
        .client()
        .get_user("nobody@example.com")
        .await
        .unwrap_err();
    match &err {
        Error::Api {
            endpoint,
            status,
            code,
            message,
        } => {
            assert_eq!(endpoint, "GET /users/nobody@example.com");
            assert_eq!((*status, *code), (404, Some(1001)));
            assert_eq!(message, "User does not exist: nobody@example.com.");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        err.to_string(),
        "GET /users/nobody@example.com: zoom answered http 404 code 1001: User does not exist: nobody@example.com"
    );
    assert_eq!(err.http_status(), Some(404));
    assert!(!err.is_auth());
}

#[tokio::test]
async fn validation_errors_are_listed() {
    let fake = fake()
        .api(|_| {
            Reply::json(
                400,
                json!({ "code": 300, "message": "Validation Failed.",
                        "errors": [{ "field": "status", "message": "Invalid field." }] }),
            )
        })
        .await;
    let err = fake.client().get_user("x").await.unwrap_err();
    assert!(
        err.to_string()
            .ends_with("Validation Failed (status: Invalid field)"),
        "{err}"
    );
}

#[tokio::test]
async fn rate_limit_headers_are_kept() {
    let fake = fake()
        .api(|_| {
            Reply::json(
                429,
                json!({ "code": 429, "message": "You have reached the maximum per-second rate limit for this API. Try again later." }),
            )
            .header("X-RateLimit-Category", "Medium")
            .header("X-RateLimit-Type", "QPS")
            .header("X-RateLimit-Limit", "20")
            .header("X-RateLimit-Remaining", "0")
            .header("Retry-After", "1")
        })
        .await;
    let err = fake
        .client_with(|c| c.max_retries = 0)
        .get_user("x")
        .await
        .unwrap_err();
    match &err {
        Error::RateLimited {
            endpoint,
            category,
            limit_type,
            retry_after,
            details,
        } => {
            assert_eq!(endpoint, "GET /users/x");
            assert_eq!(category.as_deref(), Some("Medium"));
            assert_eq!(limit_type.as_deref(), Some("QPS"));
            assert_eq!(retry_after.as_deref(), Some("1"));
            assert_eq!(details.limit.as_deref(), Some("20"));
            assert_eq!(details.remaining.as_deref(), Some("0"));
            assert_eq!(details.code, Some(429));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(err.http_status(), Some(429));
    assert!(err.to_string().starts_with(
        "GET /users/x: rate limited by zoom (category Medium, type QPS, retry after 1)"
    ));
    assert_eq!(fake.state.api_calls(), 1, "max_retries 0: no retry");
    assert!(err.is_retryable());
}

#[tokio::test]
async fn non_json_error_body_is_quoted() {
    let fake = fake()
        .api(|_| Reply::raw(502, "<html>\n<h1>502 Bad Gateway</h1>\n</html>"))
        .await;
    let err = fake.client().get_user("x").await.unwrap_err();
    // Retried (4 retries by default), then the last answer.
    assert!(
        matches!(&err, Error::RetriesExhausted { attempts: 5, .. }),
        "{err:?}"
    );
    assert_eq!(fake.state.api_calls(), 5);
    assert_eq!(err.http_status(), Some(502));
    assert_eq!(
        err.to_string(),
        "GET /users/x: failed 5 times; the last attempt: zoom answered http 502: <html> <h1>502 Bad Gateway</h1> </html>"
    );
    match err.last_attempt() {
        Error::Api {
            status: 502,
            code: None,
            message,
            ..
        } => {
            assert_eq!(message, "<html> <h1>502 Bad Gateway</h1> </html>");
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn redirects_are_not_followed() {
    let fake = fake()
        .api(|_| Reply::raw(302, "").header("Location", "https://elsewhere.example/v2/users/x"))
        .await;
    let err = fake.client().get_user("x").await.unwrap_err();
    assert!(matches!(err, Error::Api { status: 302, .. }), "{err:?}");
    assert!(
        err.to_string()
            .contains("redirect to https://elsewhere.example/v2/users/x"),
        "{err}"
    );
    assert_eq!(fake.state.api_calls(), 1);
}

#[tokio::test]
async fn decode_error_names_the_field_path() {
    let fake = fake()
        .api(|_| Reply::json(200, json!({ "id": "x", "type": "basic" })))
        .await;
    let err = fake.client().get_user("x").await.unwrap_err();
    match &err {
        Error::Decode {
            endpoint,
            path,
            message,
        } => {
            assert_eq!(endpoint, "GET /users/x");
            assert_eq!(path, "type");
            assert!(message.contains("basic"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    assert!(
        err.to_string()
            .starts_with("GET /users/x: could not decode zoom's response at `type`: ")
    );
}

#[tokio::test]
async fn decode_error_in_a_listed_item_names_its_index() {
    let fake = fake()
        .api(|_| {
            Reply::json(
                200,
                json!({ "next_page_token": "", "users": [
                    { "email": "a@example.com", "type": 1 },
                    { "email": 42, "type": 1 },
                    { "email": "c@example.com", "type": 1 }
                ]}),
            )
        })
        .await;
    let results: Vec<_> = fake.client().list_users(UserStatus::Active).collect().await;
    assert_eq!(results.len(), 3);
    assert!(
        results[0].is_ok() && results[2].is_ok(),
        "other items still come through"
    );
    match &results[1] {
        Err(Error::Decode {
            endpoint,
            path,
            message,
        }) => {
            assert_eq!(endpoint, "GET /users");
            assert_eq!(path, "users[1].email");
            assert!(message.ends_with("(page 1)"), "{message}");
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn truncated_body_is_a_decode_error() {
    let fake = fake()
        .api(|_| Reply::raw(200, r#"{"next_page_token":"","users":[{"email":"a@example.com","type":1},{"email":"b@exa"#))
        .await;
    let results: Vec<_> = fake.client().list_users(UserStatus::Active).collect().await;
    assert_eq!(results.len(), 1);
    match &results[0] {
        Err(Error::Decode { path, message, .. }) => {
            assert_eq!(path, "users[1].email");
            assert!(message.contains("EOF"), "{message}");
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn empty_and_html_bodies_are_decode_errors() {
    let fake = fake()
        .api(|seen| match seen.path.as_str() {
            "/v2/users/empty" => Reply::raw(200, ""),
            _ => Reply::raw(200, "<html>maintenance</html>"),
        })
        .await;
    let client = fake.client();
    let err = client.get_user("empty").await.unwrap_err();
    assert!(
        matches!(&err, Error::Decode { message, .. } if message == "empty body"),
        "{err:?}"
    );
    let err = client.get_user("html").await.unwrap_err();
    assert!(
        matches!(&err, Error::Decode { path, .. } if path == "."),
        "{err:?}"
    );
    let err = client.list_roles().await.unwrap_err();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
}

#[tokio::test]
async fn list_body_that_is_not_an_object_is_a_decode_error() {
    let fake = fake()
        .api(|_| Reply::json(200, json!({ "users": { "not": "an array" } })))
        .await;
    let results: Vec<_> = fake.client().list_users(UserStatus::Active).collect().await;
    match &results[..] {
        [Err(Error::Decode { path, message, .. })] => {
            assert_eq!(path, "users");
            assert_eq!(message, "expected an array, got an object");
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn connection_refused_at_the_token_endpoint() {
    let dead = dead_url().await;
    let client = zoom_api::Client::new(config_for(&dead, &dead)).unwrap();
    let err = client.access_token_check().await.unwrap_err();
    match &err {
        Error::Transport { endpoint, kind, .. } => {
            assert_eq!(endpoint, "POST /oauth/token");
            assert_eq!(*kind, TransportKind::Connect);
        }
        other => panic!("{other:?}"),
    }
    let text = err.to_string();
    let origin = dead.as_str().trim_end_matches('/');
    assert!(
        text.starts_with(&format!(
            "POST /oauth/token: could not connect to {origin}: "
        )),
        "{text}"
    );
    assert!(text.ends_with("; check oauth_url and network"), "{text}");
    assert!(text.to_lowercase().contains("refused"), "{text}");
}

#[tokio::test]
async fn connection_refused_at_the_api() {
    let fake = fake().api(|_| Reply::json(200, user_json("x"))).await;
    let dead = dead_url().await;
    let client = zoom_api::Client::new(config_for(&dead, &fake.url)).unwrap();
    let err = client.get_user("x").await.unwrap_err();
    assert!(
        matches!(
            &err,
            Error::RetriesExhausted { attempts: 5, last, .. }
                if matches!(**last, Error::Transport { kind: TransportKind::Connect, .. })
        ),
        "{err:?}"
    );
    assert!(err.is_retryable());
    let origin = dead.as_str().trim_end_matches('/');
    let text = err.last_attempt().to_string();
    assert!(
        text.starts_with(&format!("GET /users/x: could not connect to {origin}: ")),
        "{text}"
    );
    assert!(text.ends_with("; check api_url and network"), "{text}");
    let text = err.to_string();
    assert!(
        text.starts_with(&format!(
            "GET /users/x: failed 5 times; the last attempt: could not connect to {origin}: "
        )),
        "{text}"
    );
    assert_eq!(client.stats().transport_errors, 5);
}

#[tokio::test]
async fn a_server_that_never_answers_times_out() {
    let fake = fake().api(|_| Reply::json(200, user_json("x"))).await;
    let silent = serve(axum::Router::new().fallback(std::future::pending::<()>)).await;
    let mut config = config_for(&silent, &fake.url);
    config.timeout = Duration::from_millis(200);
    config.max_retries = 1;
    let err = zoom_api::Client::new(config)
        .unwrap()
        .get_user("x")
        .await
        .unwrap_err();
    assert!(
        matches!(
            &err,
            Error::RetriesExhausted { attempts: 2, last, .. }
                if matches!(**last, Error::Transport { kind: TransportKind::Timeout, .. })
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("timed out after 200ms"), "{err}");
}

/// Every error kind, the config and the client, in `{}` and `{:?}`: no secret anywhere.
#[tokio::test]
async fn no_secret_in_any_output() {
    let fake = fake()
        .api(|seen| match seen.path.as_str() {
            "/v2/users/scopes" => Reply::json(400, json!({ "code": 4711, "message": "Invalid access token, does not contain scopes:[a:b:c]." })),
            "/v2/users/limited" => Reply::json(429, json!({ "code": 429, "message": "slow down" })).header("Retry-After", "120"),
            "/v2/users/down" => Reply::json(503, json!({ "code": 503, "message": "down" })),
            "/v2/users/daily" => Reply::json(429, json!({ "code": 429, "message": "daily" }))
                .header("X-RateLimit-Type", "Daily-limit")
                .header("Retry-After", "2099-01-01T00:00:00Z"),
            "/v2/users/stale" => crate::support::invalid_token(),
            "/v2/users/broken" => Reply::raw(200, "{\"type\":"),
            _ => Reply::json(404, json!({ "code": 1001, "message": "User does not exist." })),
        })
        .await;
    let client = fake.client();
    let mut outputs = vec![format!("{:?}", fake.config()), format!("{client:?}")];
    let mut errors = Vec::new();
    // "limited" (a Retry-After beyond the ceiling: returned at once) and "daily" (closes the
    // Light category) come last.
    for id in [
        "scopes", "stale", "broken", "missing", "down", "limited", "daily",
    ] {
        errors.push(client.get_user(id).await.unwrap_err());
    }
    outputs.push(format!("{client:?}"));
    outputs.push(format!("{:?}", client.config()));

    let bad_auth = crate::support::fake()
        .token_error(
            401,
            json!({ "reason": "Invalid client_id or client_secret", "error": "invalid_client" }),
        )
        .api(|_| Reply::json(200, user_json("x")))
        .await;
    errors.push(bad_auth.client().get_user("x").await.unwrap_err());
    let dead = dead_url().await;
    errors.push(
        zoom_api::Client::new(config_for(&dead, &dead))
            .unwrap()
            .get_user("x")
            .await
            .unwrap_err(),
    );
    errors.push(
        zoom_api::Client::new(config_for(&dead, &fake.url))
            .unwrap()
            .get_user("x")
            .await
            .unwrap_err(),
    );
    let mut bad = fake.config();
    bad.page_size = 0;
    errors.push(zoom_api::Client::new(bad).unwrap_err());

    for e in &errors {
        outputs.push(format!("{e}"));
        outputs.push(format!("{e:?}"));
        outputs.push(format!("{e:#?}"));
        let mut source = std::error::Error::source(e);
        while let Some(s) = source {
            outputs.push(format!("{s} {s:?}"));
            source = s.source();
        }
    }
    assert_eq!(errors.len(), 11);
    assert!(
        errors
            .iter()
            .any(|e| matches!(e, Error::RetriesExhausted { .. }))
    );
    assert!(errors.iter().any(|e| matches!(e, Error::DailyLimit { .. })));
    assert!(
        errors
            .iter()
            .any(|e| matches!(e, Error::RateLimited { .. }))
    );
    for o in &outputs {
        assert_no_secret(o);
    }
}
