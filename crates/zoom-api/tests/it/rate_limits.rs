//! The rate budget: pacing per category, corrections from Zoom's headers, daily limits (counted
//! and reported), the in-flight cap, and the counters.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::{StreamExt, TryStreamExt};
use serde_json::json;
use zoom_api::{
    ClientConfig, DailyCap, Date, Error, Plan, Rate, RateCategory, RateTable, UserStatus,
};

use crate::support::{Reply, Seen, fake, user_json};

/// Business limits, with Light at `light` per second.
fn table_with_light(light: u32) -> RateTable {
    let mut t = RateTable::for_plan(Plan::Business);
    t.light = Rate::per_second(light);
    t
}

/// The largest number of `times` within any window of `span` (start inclusive).
fn max_in_window(times: &[Instant], span: Duration) -> usize {
    let mut t = times.to_vec();
    t.sort();
    (0..t.len())
        .map(|i| t[i..].iter().take_while(|x| **x - t[i] < span).count())
        .max()
        .unwrap_or(0)
}

/// A handler that records arrival times and answers a user, or 429 when more than `limit`
/// requests arrived in the last second (as a strict Zoom would).
fn strict_server(
    limit: usize,
    arrivals: Arc<Mutex<Vec<Instant>>>,
) -> impl Fn(&Seen) -> Reply + Send + Sync + 'static {
    move |_| {
        let now = Instant::now();
        let mut a = arrivals.lock().unwrap();
        a.push(now);
        let recent = a
            .iter()
            .filter(|t| now - **t < Duration::from_secs(1))
            .count();
        if recent > limit {
            Reply::json(
                429,
                json!({ "code": 429, "message": "You have reached the maximum per-second rate limit for this API. Try again later." }),
            )
            .header("X-RateLimit-Type", "QPS")
            .header("Retry-After", "1")
        } else {
            Reply::json(200, user_json("x"))
        }
    }
}

#[tokio::test]
async fn thirty_concurrent_requests_are_paced_to_ten_a_second() {
    let arrivals = Arc::new(Mutex::new(Vec::new()));
    let fake = fake().api(strict_server(10, Arc::clone(&arrivals))).await;
    let client = fake.client_with(|c| c.rate_limits = Some(table_with_light(10)));
    let tasks: Vec<_> = (0..30)
        .map(|i| {
            let c = client.clone();
            tokio::spawn(async move { c.get_user(&format!("u{i}")).await })
        })
        .collect();
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    let arrivals = arrivals.lock().unwrap().clone();
    assert_eq!(
        arrivals.len(),
        30,
        "no retry: every request succeeded at once"
    );
    assert!(
        max_in_window(&arrivals, Duration::from_secs(1)) <= 10,
        "a burst above the limit: {}",
        max_in_window(&arrivals, Duration::from_secs(1))
    );
    // 30 requests at 10 per second need three windows.
    let first = arrivals.iter().min().unwrap();
    let last = arrivals.iter().max().unwrap();
    assert!(
        *last - *first >= Duration::from_secs(2),
        "{:?}",
        *last - *first
    );
    let stats = client.stats();
    assert_eq!(stats.responses_429, 0);
    assert_eq!(stats.requests_by_category.light, 30);
    assert_eq!(stats.requests_by_category.total(), 30);
    assert!(
        stats.waited_for_budget > Duration::from_secs(10),
        "{stats:?}"
    );
}

#[tokio::test]
async fn categories_are_paced_separately() {
    let fake = fake()
        .api(|seen| match seen.path.as_str() {
            "/v2/users" => Reply::json(200, json!({ "users": [] })),
            _ => Reply::json(200, user_json("x")),
        })
        .await;
    let mut table = table_with_light(1);
    table.medium = Rate::per_second(100);
    let client = fake.client_with(|c| c.rate_limits = Some(table));
    client.get_user("a").await.unwrap();
    // Light is spent for a second; Medium is not held up by the Light waiter.
    let c = client.clone();
    let light = tokio::spawn(async move { c.get_user("b").await });
    let started = Instant::now();
    for _ in 0..5 {
        assert_eq!(client.list_users(UserStatus::Active).count().await, 0);
    }
    assert!(
        started.elapsed() < Duration::from_millis(900),
        "{:?}",
        started.elapsed()
    );
    light.await.unwrap().unwrap();
}

#[tokio::test]
async fn a_smaller_x_ratelimit_limit_shrinks_the_rate() {
    let arrivals = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&arrivals);
    let fake = fake()
        .api(move |_| {
            seen.lock().unwrap().push(Instant::now());
            Reply::json(200, user_json("x"))
                .header("X-RateLimit-Category", "Light")
                .header("X-RateLimit-Type", "QPS")
                .header("X-RateLimit-Limit", "4")
                .header("X-RateLimit-Remaining", "3")
        })
        .await;
    let client = fake.client_with(|c| c.rate_limits = Some(table_with_light(50)));
    client.get_user("first").await.unwrap();
    let tasks: Vec<_> = (0..6)
        .map(|i| {
            let c = client.clone();
            tokio::spawn(async move { c.get_user(&format!("u{i}")).await })
        })
        .collect();
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    let arrivals = arrivals.lock().unwrap().clone();
    assert_eq!(arrivals.len(), 7);
    assert!(
        max_in_window(&arrivals, Duration::from_secs(1)) <= 4,
        "paced to zoom's 4/s, not the table's 50/s"
    );
}

#[tokio::test]
async fn a_per_second_429_pauses_its_category_for_every_caller() {
    let arrivals = Arc::new(Mutex::new(Vec::<(String, Instant)>::new()));
    let seen = Arc::clone(&arrivals);
    let count = AtomicUsize::new(0);
    let fake = fake()
        .api(move |s| {
            seen.lock().unwrap().push((s.path.clone(), Instant::now()));
            if s.path == "/v2/users" {
                return Reply::json(200, json!({ "users": [] }));
            }
            if count.fetch_add(1, Ordering::SeqCst) == 0 {
                Reply::json(429, json!({ "code": 429, "message": "Slow down." }))
                    .header("X-RateLimit-Type", "QPS")
                    .header("Retry-After", "1")
            } else {
                Reply::json(200, user_json("x"))
            }
        })
        .await;
    let client = fake.client_with(|c| c.max_retries = 0);
    let err = client.get_user("a").await.unwrap_err();
    assert!(matches!(err, Error::RateLimited { .. }), "{err:?}");
    // Another caller of the same category waits out the pause; another category does not.
    assert_eq!(client.list_users(UserStatus::Active).count().await, 0);
    client.get_user("b").await.unwrap();
    let a = arrivals.lock().unwrap().clone();
    assert_eq!(a.len(), 3);
    assert_eq!(a[1].0, "/v2/users");
    assert!(
        a[1].1 - a[0].1 < Duration::from_millis(900),
        "{:?}",
        a[1].1 - a[0].1
    );
    assert_eq!(a[2].0, "/v2/users/b");
    assert!(
        a[2].1 - a[0].1 >= Duration::from_secs(1),
        "{:?}",
        a[2].1 - a[0].1
    );
}

fn daily_429(retry_after: Option<&str>) -> Reply {
    let r = Reply::json(
        429,
        json!({ "code": 429, "message": "You have reached the maximum daily rate limit for this API. Refer to the response header for details on when you can make another request." }),
    )
    .header("X-RateLimit-Category", "Heavy")
    .header("X-RateLimit-Type", "Daily-limit")
    .header("X-RateLimit-Limit", "60000")
    .header("X-RateLimit-Remaining", "0");
    match retry_after {
        Some(v) => r.header("Retry-After", v),
        None => r,
    }
}

fn day(s: &str) -> Date {
    s.parse().unwrap()
}

#[tokio::test]
async fn a_daily_limit_429_closes_the_category_until_zoom_says() {
    let fake = fake()
        .api(|seen| match seen.path.as_str() {
            "/v2/metrics/meetings/abc/participants" => daily_429(Some("2099-01-01T00:00:00Z")),
            "/v2/users" => Reply::json(200, json!({ "users": [] })),
            _ => Reply::json(200, user_json("x")),
        })
        .await;
    let client = fake.client();
    let results: Vec<_> = client.list_meeting_participants("abc").collect().await;
    let err = match &results[..] {
        [Err(e)] => e,
        other => panic!("{other:?}"),
    };
    match err {
        Error::DailyLimit {
            endpoint,
            category,
            retry_at,
        } => {
            assert_eq!(endpoint, "GET /metrics/meetings/abc/participants");
            assert_eq!(*category, RateCategory::Heavy);
            assert_eq!(retry_at.as_deref(), Some("2099-01-01T00:00:00Z"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        err.to_string(),
        "zoom's daily limit for Heavy requests is reached (GET /metrics/meetings/abc/participants); it resets at 2099-01-01T00:00:00Z"
    );
    assert!(!err.is_retryable());
    assert_eq!(fake.state.api_calls(), 1, "never retried");

    // Heavy, and Resource-intensive (which shares Business's daily cap), now fail unsent.
    let again: Vec<_> = client.list_meeting_participants("def").collect().await;
    assert!(
        matches!(&again[..], [Err(Error::DailyLimit { .. })]),
        "{again:?}"
    );
    let logs: Vec<_> = client
        .list_operation_logs(day("2026-11-01"), day("2026-11-28"))
        .collect()
        .await;
    assert!(
        matches!(
            &logs[..],
            [Err(Error::DailyLimit {
                category: RateCategory::Heavy,
                ..
            })]
        ),
        "{logs:?}"
    );
    let meetings: Vec<_> = client
        .list_past_meetings(day("2026-11-01"), day("2026-11-28"))
        .collect()
        .await;
    assert!(
        matches!(&meetings[..], [Err(Error::DailyLimit { category: RateCategory::ResourceIntensive, retry_at: Some(r), .. })] if r == "2099-01-01T00:00:00Z"),
        "{meetings:?}"
    );
    assert_eq!(fake.state.api_calls(), 1, "nothing else reached the server");

    // Other categories still work.
    client.get_user("x").await.unwrap();
    assert_eq!(client.list_users(UserStatus::Active).count().await, 0);
    assert_eq!(fake.state.api_calls(), 3);
    let stats = client.stats();
    assert_eq!(stats.daily_limit_refusals, 3);
    assert_eq!(stats.responses_429, 1);
    assert_eq!(stats.retries, 0);
    assert_eq!(stats.requests, 3);
}

#[tokio::test]
async fn a_daily_limit_429_without_retry_after_resets_at_utc_midnight() {
    let fake = fake().api(|_| daily_429(None)).await;
    let client = fake.client();
    let err = client
        .list_meeting_participants("abc")
        .try_collect::<Vec<_>>()
        .await
        .unwrap_err();
    let Error::DailyLimit {
        retry_at: Some(retry_at),
        ..
    } = &err
    else {
        panic!("{err:?}");
    };
    let reset: jiff::Timestamp = retry_at.parse().unwrap();
    let now = jiff::Timestamp::now();
    assert!(retry_at.ends_with("T00:00:00Z"), "{retry_at}");
    assert!(
        reset > now && reset - now <= jiff::SignedDuration::from_hours(24),
        "{retry_at}"
    );
    assert!(
        err.to_string()
            .ends_with(&format!("it resets at {retry_at}")),
        "{err}"
    );
}

#[tokio::test]
async fn daily_caps_are_counted_and_refuse_unsent() {
    let fake = fake()
        .api(|seen| {
            if seen.path.starts_with("/v2/metrics/meetings/") {
                Reply::json(200, json!({ "participants": [] }))
            } else if seen.path.starts_with("/v2/metrics") {
                Reply::json(200, json!({ "meetings": [] }))
            } else {
                Reply::json(200, user_json("x"))
            }
        })
        .await;
    let mut table = RateTable::for_plan(Plan::Pro);
    table.daily = vec![DailyCap {
        categories: vec![RateCategory::Heavy, RateCategory::ResourceIntensive],
        limit: 3,
    }];
    let client = fake.client_with(|c| c.rate_limits = Some(table));
    for id in ["a", "b"] {
        assert_eq!(client.list_meeting_participants(id).count().await, 0);
    }
    let meetings = client.list_past_meetings(day("2026-11-01"), day("2026-11-28"));
    assert_eq!(meetings.count().await, 0);
    assert_eq!(fake.state.api_calls(), 3);
    // The combined cap of 3 is spent: Heavy and Resource-intensive are refused, unsent.
    let heavy: Vec<_> = client.list_meeting_participants("c").collect().await;
    let Some(Err(Error::DailyLimit {
        category,
        retry_at: Some(retry_at),
        ..
    })) = heavy.first()
    else {
        panic!("{heavy:?}");
    };
    assert_eq!(*category, RateCategory::Heavy);
    assert!(retry_at.ends_with("T00:00:00Z"), "{retry_at}");
    let ri: Vec<_> = client
        .list_past_meetings(day("2026-11-01"), day("2026-11-28"))
        .collect()
        .await;
    assert!(matches!(&ri[..], [Err(Error::DailyLimit { .. })]), "{ri:?}");
    assert_eq!(fake.state.api_calls(), 3);
    client.get_user("x").await.unwrap();
    assert_eq!(client.stats().daily_limit_refusals, 2);
}

#[tokio::test]
async fn remaining_zero_in_a_daily_header_closes_the_cap() {
    let count = AtomicUsize::new(0);
    let fake = fake()
        .api(move |_| {
            let n = count.fetch_add(1, Ordering::SeqCst);
            Reply::json(200, json!({ "participants": [] }))
                .header("X-RateLimit-Category", "Heavy")
                .header("X-RateLimit-Type", "Daily-limit")
                .header("X-RateLimit-Limit", "60000")
                .header("X-RateLimit-Remaining", if n == 0 { "1" } else { "0" })
        })
        .await;
    let client = fake.client();
    assert_eq!(client.list_meeting_participants("a").count().await, 0);
    assert_eq!(client.list_meeting_participants("b").count().await, 0);
    let third: Vec<_> = client.list_meeting_participants("c").collect().await;
    assert!(
        matches!(&third[..], [Err(Error::DailyLimit { .. })]),
        "{third:?}"
    );
    assert_eq!(fake.state.api_calls(), 2);
}

#[tokio::test]
async fn without_pacing_requests_go_at_once() {
    let arrivals = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&arrivals);
    let fake = fake()
        .api(move |_| {
            seen.lock().unwrap().push(Instant::now());
            Reply::json(200, user_json("x"))
        })
        .await;
    let client = fake.client_with(|c| {
        c.rate_limits = Some(table_with_light(2));
        c.rate_limit = false;
    });
    let results = futures_util::future::join_all((0..10).map(|i| {
        let c = client.clone();
        async move { c.get_user(&format!("u{i}")).await }
    }))
    .await;
    assert!(results.iter().all(Result::is_ok));
    assert_eq!(
        max_in_window(&arrivals.lock().unwrap(), Duration::from_secs(1)),
        10
    );
    assert_eq!(client.stats().waited_for_budget, Duration::ZERO);
}

#[tokio::test]
async fn max_in_flight_caps_concurrent_requests() {
    use axum::Router;
    let in_flight = Arc::new(AtomicUsize::new(0));
    let peak = Arc::new(AtomicUsize::new(0));
    let (f, p) = (Arc::clone(&in_flight), Arc::clone(&peak));
    let slow = crate::support::serve(Router::new().fallback(move || {
        let (f, p) = (Arc::clone(&f), Arc::clone(&p));
        async move {
            let now = f.fetch_add(1, Ordering::SeqCst) + 1;
            p.fetch_max(now, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(50)).await;
            f.fetch_sub(1, Ordering::SeqCst);
            axum::Json(user_json("x"))
        }
    }))
    .await;
    let tokens = fake().api(|_| Reply::json(200, json!({}))).await;
    let mut config = crate::support::config_for(&slow, &tokens.url);
    config.max_in_flight = 3;
    let client = zoom_api::Client::new(config).unwrap();
    let results = futures_util::future::join_all((0..12).map(|i| {
        let c = client.clone();
        async move { c.get_user(&format!("u{i}")).await }
    }))
    .await;
    assert!(results.iter().all(Result::is_ok), "{results:?}");
    let peak = peak.load(Ordering::SeqCst);
    assert!((1..=3).contains(&peak), "peak {peak}");
    assert!(client.stats().waited_for_slot > Duration::ZERO);
}

#[tokio::test]
async fn stats_are_shared_by_clones() {
    let fake = fake()
        .api(|seen| match seen.path.as_str() {
            "/v2/users" => Reply::json(200, json!({ "users": [] })),
            "/v2/devices" => Reply::json(200, json!({ "devices": [] })),
            _ => Reply::json(200, user_json("x")),
        })
        .await;
    let client = fake.client();
    let clone = client.clone();
    client.get_user("x").await.unwrap();
    clone.get_user("y").await.unwrap();
    assert_eq!(clone.list_users(UserStatus::Active).count().await, 0);
    assert_eq!(client.list_zdm_devices().count().await, 0);
    let stats = client.stats();
    assert_eq!(stats, clone.stats());
    // ZDM's four slices.
    assert_eq!(stats.requests, 7);
    assert_eq!(stats.requests_by_category.get(RateCategory::Light), 2);
    assert_eq!(stats.requests_by_category.get(RateCategory::Medium), 1);
    assert_eq!(stats.requests_by_category.get(RateCategory::Heavy), 4);
    assert_eq!(stats.requests_by_category.resource_intensive, 0);
    assert_eq!((stats.responses_429, stats.retries), (0, 0));
}

#[test]
fn config_defaults_and_checks() {
    let c = ClientConfig::new("a", "b", zoom_api::SecretString::from("c"));
    assert_eq!(c.plan, Plan::Business);
    assert!(c.rate_limit);
    assert!(c.rate_limits.is_none());
    assert_eq!(c.max_in_flight, 16);
    assert_eq!(c.max_retries, 4);
    assert_eq!(c.retry_base_delay, Duration::from_millis(200));
    assert_eq!(c.retry_max_delay, Duration::from_secs(5));
    assert_eq!(c.max_retry_after, Duration::from_secs(60));
    assert_eq!(c.rate_table(), RateTable::for_plan(Plan::Business));
    let mut free = c.clone();
    free.plan = "free".parse().unwrap();
    assert_eq!(free.rate_table().medium, Rate::per_second(2));

    let mut bad = c.clone();
    bad.max_in_flight = 0;
    assert!(
        matches!(zoom_api::Client::new(bad), Err(Error::Config(m)) if m.contains("max_in_flight"))
    );
    let mut bad = c;
    bad.rate_limits = Some(RateTable {
        heavy: Rate::per_second(0),
        ..RateTable::default()
    });
    assert!(matches!(zoom_api::Client::new(bad), Err(Error::Config(m)) if m.contains("Heavy")));
}
