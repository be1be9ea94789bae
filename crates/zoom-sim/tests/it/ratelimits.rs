//! Zoom's rate limits: per-second buckets, daily caps, 429 bodies and headers, what counts.

use std::time::Duration;

use futures_util::future::join_all;
use serde_json::{Value, json};
use zoom_sim::{
    CategoryLimit, Plan, RateCategory, RateLimitType, RateLimits, SimConfig, SimError, Simulator,
};

use crate::common::{Harness, config, start, token};

const QPS_MESSAGE: &str =
    "You have reached the maximum per-second rate limit for this API. Try again later.";
const DAILY_MESSAGE: &str = "You have reached the maximum daily rate limit for this API. Refer to \
                             the response header for details on when you can make another request.";

/// Status, the rate-limit headers and the JSON body of one response.
#[derive(Debug)]
struct Limited {
    status: u16,
    category: Option<String>,
    kind: Option<String>,
    limit: Option<u64>,
    remaining: Option<u64>,
    retry_after: Option<String>,
    json: Value,
}

async fn call(h: &Harness, path_and_query: &str) -> Limited {
    let response = h
        .client
        .get(format!("{}/v2{path_and_query}", h.sim.api_url()))
        .bearer_auth(&h.token)
        .send()
        .await
        .unwrap();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
    };
    let number = |name: &str| header(name).map(|v| v.parse::<u64>().unwrap());
    let limited = Limited {
        status: response.status().as_u16(),
        category: header("X-RateLimit-Category"),
        kind: header("X-RateLimit-Type"),
        limit: number("X-RateLimit-Limit"),
        remaining: number("X-RateLimit-Remaining"),
        retry_after: header("Retry-After"),
        json: Value::Null,
    };
    let json = response.json().await.unwrap();
    Limited { json, ..limited }
}

fn with_limits(users: usize, plan: Plan, limits: RateLimits) -> SimConfig {
    SimConfig {
        plan,
        rate_limits: Some(limits),
        ..config(users)
    }
}

#[tokio::test]
async fn a_burst_over_the_per_second_limit_gets_exactly_the_excess_refused() {
    let mut limits = RateLimits::zoom(Plan::Business);
    limits.medium = CategoryLimit::per_second(5);
    let h = start(with_limits(20, Plan::Business, limits)).await;

    let replies = join_all((0..8).map(|_| call(&h, "/users"))).await;
    let (ok, refused): (Vec<&Limited>, Vec<&Limited>) =
        replies.iter().partition(|r| r.status == 200);
    assert_eq!((ok.len(), refused.len()), (5, 3), "{replies:#?}");
    for r in &refused {
        assert_eq!(r.json, json!({"code": 429, "message": QPS_MESSAGE}));
        assert_eq!(
            (
                r.category.as_deref(),
                r.kind.as_deref(),
                r.limit,
                r.remaining,
                r.retry_after.as_deref()
            ),
            (Some("Medium"), Some("QPS"), Some(5), Some(0), Some("1")),
        );
    }
    // Admitted requests say what is left in the bucket, and no type.
    let mut remaining: Vec<u64> = ok.iter().map(|r| r.remaining.unwrap()).collect();
    remaining.sort_unstable();
    assert_eq!(remaining, [0, 1, 2, 3, 4]);
    for r in &ok {
        assert_eq!(
            (r.category.as_deref(), r.kind.as_deref(), r.limit),
            (Some("Medium"), None, Some(5))
        );
        assert!(r.retry_after.is_none());
    }
    // Other categories have their own bucket.
    let light = call(&h, &format!("/users/{}", h.sim.account().users[0].id)).await;
    assert_eq!(
        (light.status, light.category.as_deref(), light.limit),
        (200, Some("Light"), Some(80))
    );

    let stats = h.sim.stats();
    assert_eq!(stats.throttled_qps, 3);
    assert_eq!(stats.throttled_daily, 0);
    assert_eq!(stats.requests_by_category[&RateCategory::Medium], 8);
    assert_eq!(stats.throttled_by_category[&RateCategory::Medium], 3);
    assert_eq!(stats.requests(), 9);
    let log = h.sim.requests();
    let logged_429: Vec<_> = log.iter().filter(|r| r.status == 429).collect();
    assert_eq!(logged_429.len(), 3);
    for r in logged_429 {
        assert_eq!(r.rate_limited, Some(RateLimitType::Qps));
        assert_eq!(r.category, Some(RateCategory::Medium));
    }

    // A second later the bucket is full again (refusals took nothing from it).
    tokio::time::sleep(Duration::from_millis(1000)).await;
    let replies = join_all((0..5).map(|_| call(&h, "/users"))).await;
    assert!(replies.iter().all(|r| r.status == 200), "{replies:#?}");
}

#[tokio::test]
async fn pacing_at_the_documented_rate_is_never_refused_a_burst_is() {
    let mut limits = RateLimits::zoom(Plan::Business);
    limits.medium = CategoryLimit::per_second(5);
    let h = start(with_limits(20, Plan::Business, limits)).await;

    let mut ticks = tokio::time::interval(Duration::from_millis(200));
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    for i in 0..9 {
        ticks.tick().await;
        let r = call(&h, "/users").await;
        assert_eq!(r.status, 200, "request {i} at 5/s: {r:?}");
    }
    // The same client bursting: whatever is in the bucket passes (at most its five, plus what
    // refills while the burst is served on a busy machine), the rest is refused.
    let replies = join_all((0..12).map(|_| call(&h, "/users"))).await;
    let refused = replies.iter().filter(|r| r.status == 429).count();
    assert!((5..=11).contains(&refused), "{refused} refused");
    assert_eq!(h.sim.stats().throttled_qps, refused as u64);
}

#[tokio::test]
async fn the_token_endpoint_is_not_rate_limited() {
    let mut limits = RateLimits::zoom(Plan::Free);
    for category in RateCategory::ALL {
        limits.get_mut(category).per_window = 1;
    }
    let h = start(with_limits(5, Plan::Free, limits)).await;
    for _ in 0..6 {
        token(&h.sim, &h.client).await;
    }
    assert_eq!(h.sim.stats().requests(), 0);
}

#[tokio::test]
async fn a_daily_cap_refuses_until_midnight_utc_and_the_next_day_resets_it() {
    let mut limits = RateLimits::zoom(Plan::Free);
    limits.light = CategoryLimit::per_second(1000).with_daily(5);
    let mut h = start(with_limits(10, Plan::Free, limits)).await;
    let user = format!("/users/{}", h.sim.account().users[0].id);

    for left in (0..5).rev() {
        let r = call(&h, &user).await;
        assert_eq!(r.status, 200, "{r:?}");
        // Daily figures, since Light has a daily cap on Free.
        assert_eq!(
            (r.category.as_deref(), r.limit, r.remaining),
            (Some("Light"), Some(5), Some(left))
        );
    }
    let r = call(&h, &user).await;
    assert_eq!(r.json, json!({"code": 429, "message": DAILY_MESSAGE}));
    assert_eq!(
        (
            r.status,
            r.category.as_deref(),
            r.kind.as_deref(),
            r.limit,
            r.remaining,
            r.retry_after.as_deref()
        ),
        // fixed_now() is 2025-06-15T00:00:00Z.
        (
            429,
            Some("Light"),
            Some("Daily-limit"),
            Some(5),
            Some(0),
            Some("2025-06-16T00:00:00Z")
        ),
    );
    // Refused requests do not use the cap up further, and other categories are unaffected.
    assert_eq!(call(&h, &user).await.status, 429);
    let medium = call(&h, "/users").await;
    assert_eq!(
        (medium.status, medium.limit, medium.remaining),
        (200, Some(2000), Some(1999))
    );
    let stats = h.sim.stats();
    assert_eq!((stats.throttled_daily, stats.throttled_qps), (2, 0));
    assert!(
        h.sim
            .requests()
            .iter()
            .any(|r| r.rate_limited == Some(RateLimitType::Daily))
    );

    // Still today (23 h later, with a new token since the old one expired): refused. Past
    // midnight: a fresh cap.
    h.sim.advance_clock(Duration::from_secs(23 * 3600));
    h.token = token(&h.sim, &h.client).await;
    assert_eq!(call(&h, &user).await.status, 429);
    h.sim.advance_clock(Duration::from_secs(3600));
    h.token = token(&h.sim, &h.client).await;
    assert!(h.sim.now() >= jiff::Timestamp::from_second(1_750_032_000).unwrap());
    let r = call(&h, &user).await;
    assert_eq!((r.status, r.remaining), (200, Some(4)), "{r:?}");
    let next = call(&h, &user).await;
    assert_eq!(next.remaining, Some(3));
}

#[tokio::test]
async fn heavy_and_resource_intensive_share_the_combined_cap_on_business() {
    let mut limits = RateLimits::zoom(Plan::Business);
    limits.heavy_and_resource_intensive_daily = Some(4);
    let mut h = start(with_limits(40, Plan::Business, limits)).await;
    let heavy = "/report/activities";
    let resource_intensive = "/metrics/meetings?type=past";

    let mut seen = Vec::new();
    for path in [heavy, resource_intensive, heavy, resource_intensive] {
        let r = call(&h, path).await;
        assert_ne!(r.status, 429, "{r:?}");
        seen.push((r.category.unwrap(), r.limit.unwrap(), r.remaining.unwrap()));
    }
    assert_eq!(
        seen,
        [
            ("Heavy".to_owned(), 4, 3),
            ("Resource-intensive".to_owned(), 4, 2),
            ("Heavy".to_owned(), 4, 1),
            ("Resource-intensive".to_owned(), 4, 0),
        ]
    );
    for (path, category) in [(heavy, "Heavy"), (resource_intensive, "Resource-intensive")] {
        let r = call(&h, path).await;
        assert_eq!(
            (
                r.status,
                r.category.as_deref(),
                r.kind.as_deref(),
                r.limit,
                r.remaining
            ),
            (429, Some(category), Some("Daily-limit"), Some(4), Some(0))
        );
    }
    // Medium has no daily cap on Business: per-second figures.
    let r = call(&h, "/users").await;
    assert_eq!(
        (r.status, r.category.as_deref(), r.limit),
        (200, Some("Medium"), Some(60))
    );
    h.sim.advance_clock(Duration::from_secs(24 * 3600));
    h.token = token(&h.sim, &h.client).await;
    assert_eq!(call(&h, heavy).await.remaining, Some(3));
}

#[tokio::test]
async fn on_pro_heavy_uses_the_combined_cap_and_plan_refusals_do_not_count() {
    let mut limits = RateLimits::zoom(Plan::Pro);
    limits.heavy_and_resource_intensive_daily = Some(3);
    let h = start(with_limits(40, Plan::Pro, limits)).await;
    // Dashboards need Business: refused by the plan gate before the rate limiter.
    for _ in 0..5 {
        let r = call(&h, "/metrics/meetings?type=past").await;
        assert_eq!((r.status, r.json["code"].as_u64()), (400, Some(200)));
        assert!(r.category.is_none() && r.limit.is_none(), "{r:?}");
    }
    for left in (0..3).rev() {
        let r = call(&h, "/report/operationlogs").await;
        assert_eq!((r.limit, r.remaining), (Some(3), Some(left)), "{r:?}");
    }
    let r = call(&h, "/report/activities").await;
    assert_eq!(
        (r.status, r.kind.as_deref(), r.limit),
        (429, Some("Daily-limit"), Some(3))
    );
    let stats = h.sim.stats();
    assert_eq!(
        stats.requests_by_category.get(&RateCategory::Heavy),
        Some(&4)
    );
    assert_eq!(
        stats
            .requests_by_category
            .get(&RateCategory::ResourceIntensive),
        None
    );
}

#[tokio::test]
async fn token_and_scope_refusals_do_not_count() {
    let mut limits = RateLimits::zoom(Plan::Business);
    limits.medium = CategoryLimit::per_second(1000).with_daily(1);
    let h = start(SimConfig {
        scopes: vec!["user:read:list_users:admin".to_owned()],
        ..with_limits(10, Plan::Business, limits)
    })
    .await;
    for _ in 0..3 {
        let r = call(&h, "/groups").await;
        assert_eq!(r.json["code"], json!(4711));
        assert!(r.limit.is_none());
        let r = h.get_with("/users", Some("not-a-token")).await;
        assert_eq!(r.status, 401);
    }
    assert_eq!(h.sim.stats().requests(), 0);
    let r = call(&h, "/users").await;
    assert_eq!((r.status, r.limit, r.remaining), (200, Some(1), Some(0)));
    assert_eq!(call(&h, "/users").await.status, 429);
}

#[tokio::test]
async fn zoom_tables_headers_and_the_unlimited_default() {
    // Default: no limit, no header, but requests are still counted by category.
    let h = start(config(10)).await;
    let r = call(&h, "/users").await;
    assert_eq!(r.status, 200);
    assert!(r.category.is_none() && r.limit.is_none() && r.remaining.is_none());
    assert!(SimConfig::default().rate_limits.is_none());
    assert!(SimConfig::default().faults.is_none());
    assert_eq!(h.sim.stats().requests_by_category[&RateCategory::Medium], 1);
    h.sim.clear_stats();
    assert_eq!(h.sim.stats(), zoom_sim::SimStats::default());

    let business = start(with_limits(
        40,
        Plan::Business,
        RateLimits::zoom(Plan::Business),
    ))
    .await;
    let r = call(&business, "/users").await;
    assert_eq!((r.limit, r.remaining), (Some(60), Some(59)));
    let r = call(&business, "/metrics/meetings?type=past").await;
    assert_eq!(
        (r.category.as_deref(), r.limit, r.remaining),
        (Some("Resource-intensive"), Some(60_000), Some(59_999))
    );
    let free = start(with_limits(10, Plan::Free, RateLimits::zoom(Plan::Free))).await;
    let user = format!("/users/{}", free.sim.account().users[0].id);
    let r = call(&free, &user).await;
    assert_eq!(
        (r.category.as_deref(), r.limit, r.remaining),
        (Some("Light"), Some(6000), Some(5999))
    );

    // Impossible limits are refused at start.
    let mut zero = RateLimits::zoom(Plan::Pro);
    zero.heavy.per_window = 0;
    assert!(matches!(
        Simulator::start(with_limits(5, Plan::Pro, zero)).await,
        Err(SimError::InvalidConfig(message)) if message.contains("Heavy")
    ));
}

#[tokio::test]
async fn resource_intensive_is_limited_per_minute() {
    let mut limits = RateLimits::zoom(Plan::Business);
    limits.resource_intensive = CategoryLimit::per_minute(2);
    let h = start(with_limits(40, Plan::Business, limits)).await;
    for _ in 0..2 {
        assert_ne!(call(&h, "/metrics/meetings?type=past").await.status, 429);
    }
    let r = call(&h, "/metrics/meetings?type=past").await;
    assert_eq!(
        (r.status, r.kind.as_deref(), r.limit),
        (429, Some("QPS"), Some(2))
    );
    // Seconds until the bucket (2 per minute: one token every 30 s) holds a token again.
    let retry: u64 = r.retry_after.unwrap().parse().unwrap();
    assert!((29..=30).contains(&retry), "{retry}");
}
