//! The retry policy of the one request path: 5xx, resets, cut bodies and per-second 429s are
//! retried; other 4xx are not; an unreadable 200 is retried once; the attempts are counted.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::json;
use zoom_api::{Error, TransportKind, UserStatus};

use crate::support::{Raw, Reply, config_for, fake, serve_raw, user_json};

/// A handler that answers `first` for the first `n` requests, then a user.
fn failing_first(
    n: usize,
    first: impl Fn(usize) -> Reply + Send + Sync + 'static,
) -> impl Fn(&crate::support::Seen) -> Reply + Send + Sync + 'static {
    let count = AtomicUsize::new(0);
    move |_| {
        let i = count.fetch_add(1, Ordering::SeqCst);
        if i < n {
            first(i)
        } else {
            Reply::json(200, user_json("x"))
        }
    }
}

#[tokio::test]
async fn server_errors_are_retried_until_success() {
    let fake = fake()
        .api(failing_first(4, |i| {
            let status = [500, 502, 503, 504][i];
            Reply::json(status, json!({ "code": status, "message": "try later" }))
        }))
        .await;
    let client = fake.client();
    let user = client.get_user("x").await.unwrap();
    assert_eq!(user.item.id.as_deref(), Some("x"));
    assert_eq!(fake.state.api_calls(), 5);
    let stats = client.stats();
    assert_eq!(stats.requests, 5);
    assert_eq!(stats.retries, 4);
    assert_eq!(stats.responses_5xx, 4);
    assert_eq!(stats.requests_by_category.light, 5);
    assert!(stats.waited_for_retry > Duration::ZERO);
}

#[tokio::test]
async fn five_failures_return_the_last_error_with_the_attempt_count() {
    let fake = fake()
        .api(|_| {
            Reply::json(
                503,
                json!({ "code": 503, "message": "Service unavailable." }),
            )
        })
        .await;
    let client = fake.client();
    let err = client.get_user("x").await.unwrap_err();
    match &err {
        Error::RetriesExhausted {
            endpoint,
            attempts,
            last,
        } => {
            assert_eq!(endpoint, "GET /users/x");
            assert_eq!(*attempts, 5);
            assert!(matches!(**last, Error::Api { status: 503, .. }), "{last:?}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        err.to_string(),
        "GET /users/x: failed 5 times; the last attempt: zoom answered http 503 code 503: Service unavailable"
    );
    assert!(err.is_retryable(), "a later run may succeed");
    assert_eq!(err.http_status(), Some(503));
    assert_eq!(err.zoom_code(), Some(503));
    assert_eq!(err.endpoint(), Some("GET /users/x"));
    // The message holds the last attempt's; a source would make a chain say it twice.
    assert!(std::error::Error::source(&err).is_none());
    assert_eq!(fake.state.api_calls(), 5);
    assert_eq!(client.stats().retries, 4);
}

#[tokio::test]
async fn max_retries_bounds_the_attempts() {
    let fake = fake()
        .api(|_| Reply::json(500, json!({ "code": 500, "message": "oops" })))
        .await;
    let once = fake.client_with(|c| c.max_retries = 0);
    let err = once.get_user("x").await.unwrap_err();
    assert!(matches!(err, Error::Api { status: 500, .. }), "{err:?}");
    assert_eq!(fake.state.api_calls(), 1);
    let twice = fake.client_with(|c| c.max_retries = 1);
    let err = twice.get_user("x").await.unwrap_err();
    assert!(
        matches!(err, Error::RetriesExhausted { attempts: 2, .. }),
        "{err:?}"
    );
    assert_eq!(fake.state.api_calls(), 3);
}

#[tokio::test]
async fn client_errors_are_not_retried() {
    let fake = fake()
        .api(|seen| match seen.path.as_str() {
            "/v2/users/bad" => {
                Reply::json(400, json!({ "code": 300, "message": "Validation Failed." }))
            }
            "/v2/users/denied" => {
                Reply::json(403, json!({ "code": 200, "message": "No permission." }))
            }
            "/v2/users/gone" => Reply::json(
                404,
                json!({ "code": 1001, "message": "User does not exist." }),
            ),
            _ => Reply::json(501, json!({ "code": 501, "message": "Not implemented." })),
        })
        .await;
    let client = fake.client();
    for (id, status) in [("bad", 400), ("denied", 403), ("gone", 404), ("odd", 501)] {
        let err = client.get_user(id).await.unwrap_err();
        assert_eq!(err.http_status(), Some(status), "{err:?}");
        assert!(matches!(err, Error::Api { .. }), "{err:?}");
        assert!(!err.is_retryable(), "{err:?}");
    }
    assert_eq!(fake.state.api_calls(), 4, "one request each");
    assert_eq!(client.stats().retries, 0);
}

#[tokio::test]
async fn a_reset_connection_is_retried() {
    let tokens = fake().api(|_| Reply::json(200, json!({}))).await;
    let api = serve_raw(|n, head| {
        assert!(head.starts_with("GET /v2/users/x "), "{head}");
        if n == 0 {
            Raw::Reset
        } else {
            Raw::ok_json(&user_json("x"))
        }
    })
    .await;
    let client = zoom_api::Client::new(config_for(&api, &tokens.url)).unwrap();
    let user = client.get_user("x").await.unwrap();
    assert_eq!(user.item.id.as_deref(), Some("x"));
    let stats = client.stats();
    assert_eq!(
        (stats.requests, stats.transport_errors, stats.retries),
        (2, 1, 1)
    );
}

#[tokio::test]
async fn a_body_cut_short_is_retried() {
    let tokens = fake().api(|_| Reply::json(200, json!({}))).await;
    let api = serve_raw(|n, _| match n {
        // Content-Length promises more than arrives.
        0 => Raw::Send(
            b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 500\r\n\r\n{\"id\":\"x\",\"ema".to_vec(),
        ),
        // Chunked, without the last chunk.
        1 => Raw::Send(
            b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n9\r\n{\"id\":\"x\"\r\n".to_vec(),
        ),
        _ => Raw::ok_json(&user_json("x")),
    })
    .await;
    let client = zoom_api::Client::new(config_for(&api, &tokens.url)).unwrap();
    let user = client.get_user("x").await.unwrap();
    assert_eq!(user.item.email.as_deref(), Some("x@example.com"));
    let stats = client.stats();
    assert_eq!((stats.requests, stats.transport_errors), (3, 2));

    // Always cut: the transport error, after every attempt.
    let api = serve_raw(|_, _| {
        Raw::Send(b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{\"id\":".to_vec())
    })
    .await;
    let client = zoom_api::Client::new(config_for(&api, &tokens.url)).unwrap();
    let err = client.get_user("x").await.unwrap_err();
    assert!(
        matches!(
            &err,
            Error::RetriesExhausted { attempts: 5, last, .. }
                if matches!(**last, Error::Transport { kind: TransportKind::Other, .. })
        ),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_200_that_is_not_json_is_retried_once() {
    let fake = fake()
        .api(failing_first(1, |_| {
            Reply::raw(200, "<html>maintenance</html>")
        }))
        .await;
    let client = fake.client();
    client.get_user("x").await.unwrap();
    assert_eq!(fake.state.api_calls(), 2);

    let fake = crate::support::fake()
        .api(|_| Reply::raw(200, r#"{"users":[{"id":"#))
        .await;
    let client = fake.client();
    let results: Vec<_> =
        futures_util::StreamExt::collect::<Vec<_>>(client.list_users(UserStatus::Active)).await;
    match &results[..] {
        [Err(Error::Decode { endpoint, .. })] => assert_eq!(endpoint, "GET /users"),
        other => panic!("{other:?}"),
    }
    assert_eq!(fake.state.api_calls(), 2, "retried once, not more");
}

#[tokio::test]
async fn per_second_429_waits_for_retry_after_then_succeeds() {
    let arrivals = Arc::new(std::sync::Mutex::new(Vec::new()));
    let seen = Arc::clone(&arrivals);
    let count = AtomicUsize::new(0);
    let fake = fake()
        .api(move |_| {
            seen.lock().unwrap().push(Instant::now());
            if count.fetch_add(1, Ordering::SeqCst) == 0 {
                Reply::json(
                    429,
                    json!({ "code": 429, "message": "You have reached the maximum per-second rate limit for this API. Try again later." }),
                )
                .header("X-RateLimit-Category", "Light")
                .header("X-RateLimit-Type", "QPS")
                .header("Retry-After", "1")
            } else {
                Reply::json(200, user_json("x"))
            }
        })
        .await;
    let client = fake.client();
    client.get_user("x").await.unwrap();
    let arrivals = arrivals.lock().unwrap().clone();
    assert_eq!(arrivals.len(), 2);
    assert!(
        arrivals[1] - arrivals[0] >= Duration::from_secs(1),
        "retried after {:?}",
        arrivals[1] - arrivals[0]
    );
    let stats = client.stats();
    assert_eq!((stats.responses_429, stats.retries), (1, 1));
    assert!(
        stats.waited_for_budget >= Duration::from_millis(900),
        "{stats:?}"
    );
}

#[tokio::test]
async fn without_pacing_a_429_without_retry_after_waits_one_second() {
    let fake = fake()
        .api(failing_first(1, |_| {
            Reply::json(429, json!({ "code": 429, "message": "Too many requests." }))
        }))
        .await;
    let client = fake.client_with(|c| c.rate_limit = false);
    client.get_user("x").await.unwrap();
    let stats = client.stats();
    assert_eq!(fake.state.api_calls(), 2);
    assert!(
        stats.waited_for_retry >= Duration::from_secs(1),
        "{stats:?}"
    );
    assert_eq!(stats.waited_for_budget, Duration::ZERO);
}

#[tokio::test]
async fn repeated_429s_exhaust_the_retries() {
    let fake = fake()
        .api(|_| {
            Reply::json(429, json!({ "code": 429, "message": "Slow down." }))
                .header("X-RateLimit-Type", "QPS")
                .header("Retry-After", "0")
        })
        .await;
    let client = fake.client_with(|c| c.rate_limit = false);
    let err = client.get_user("x").await.unwrap_err();
    assert!(
        matches!(&err, Error::RetriesExhausted { attempts: 5, last, .. } if matches!(**last, Error::RateLimited { .. })),
        "{err:?}"
    );
    assert!(err.is_retryable());
    assert_eq!(client.stats().responses_429, 5);
}

#[tokio::test]
async fn a_retry_after_beyond_the_ceiling_is_returned_at_once() {
    let fake = fake()
        .api(|_| {
            Reply::json(429, json!({ "code": 429, "message": "Slow down." }))
                .header("X-RateLimit-Type", "QPS")
                .header("Retry-After", "3600")
        })
        .await;
    let started = Instant::now();
    let err = fake.client().get_user("x").await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(30));
    match &err {
        Error::RateLimited { retry_after, .. } => {
            assert_eq!(retry_after.as_deref(), Some("3600"));
        }
        other => panic!("{other:?}"),
    }
    assert!(
        err.to_string().contains("retry after 3600"),
        "names when to retry: {err}"
    );
    assert_eq!(fake.state.api_calls(), 1);
}

#[tokio::test]
async fn the_rejected_token_refresh_still_works_with_retries() {
    let fake = fake()
        .api(|seen| match seen.token {
            Some(1) => crate::support::invalid_token(),
            _ => Reply::json(200, user_json("x")),
        })
        .await;
    let client = fake.client();
    client.get_user("x").await.unwrap();
    assert_eq!(fake.state.tokens(), 2);
    assert_eq!(fake.state.api_calls(), 2);
    assert_eq!(client.stats().retries, 1);
}

#[tokio::test]
async fn a_failing_token_endpoint_is_retried_like_the_api() {
    let fake = fake()
        .token_error(503, json!({ "reason": "Service unavailable" }))
        .api(|_| Reply::json(200, user_json("x")))
        .await;
    let err = fake.client().get_user("x").await.unwrap_err();
    assert!(matches!(err, Error::Auth { status: 503, .. }), "{err:?}");
    assert!(err.is_retryable());
    assert_eq!(fake.state.tokens(), 5, "1 + max_retries token requests");
    assert_eq!(fake.state.api_calls(), 0);

    let refused = crate::support::fake()
        .token_error(
            400,
            json!({ "reason": "Invalid client_id or client_secret", "error": "invalid_client" }),
        )
        .api(|_| Reply::json(200, user_json("x")))
        .await;
    let err = refused.client().get_user("x").await.unwrap_err();
    assert!(!err.is_retryable());
    assert_eq!(refused.state.tokens(), 1, "a refusal is not retried");
}

#[tokio::test]
async fn a_429_in_another_category_than_the_table_holds_back_the_retry() {
    // Zoom calls the endpoint Heavy; the table says Light. The retry still waits.
    let arrivals = Arc::new(std::sync::Mutex::new(Vec::new()));
    let seen = Arc::clone(&arrivals);
    let count = AtomicUsize::new(0);
    let fake = fake()
        .api(move |_| {
            seen.lock().unwrap().push(Instant::now());
            if count.fetch_add(1, Ordering::SeqCst) == 0 {
                Reply::json(429, json!({ "code": 429, "message": "Slow down." }))
                    .header("X-RateLimit-Category", "Heavy")
                    .header("X-RateLimit-Type", "QPS")
                    .header("Retry-After", "1")
            } else {
                Reply::json(200, user_json("x"))
            }
        })
        .await;
    fake.client().get_user("x").await.unwrap();
    let a = arrivals.lock().unwrap().clone();
    assert_eq!(a.len(), 2);
    assert!(a[1] - a[0] >= Duration::from_secs(1), "{:?}", a[1] - a[0]);
}
