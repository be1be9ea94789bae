//! Zoom's account-level rate limits (NOTES.md §3): per-category request rates and daily caps.
//!
//! [`RateLimits`] is the configuration ([`RateLimits::zoom`] builds Zoom's table for a plan);
//! [`Limiter`] decides, for the gate in `http/gate.rs`, which requests it admits; the gate turns a
//! refusal into Zoom's 429.
//!
//! # How the simulator counts
//! - **Per account, per category.** Every token and app shares one set of counters; each endpoint's
//!   category is its rate-limit label in the endpoint table. `/oauth/token` is not limited.
//! - **Per-second (and Resource-intensive per-minute) limits are token buckets** on real time
//!   (`tokio::time::Instant`, not the movable clock): the bucket holds at most
//!   [`CategoryLimit::per_window`] requests and refills continuously at `per_window` per
//!   [`CategoryLimit::window`]. It starts full. So a burst of `per_window + 1` requests gets
//!   exactly one 429, and a client pacing at the documented rate, requests spread evenly, never
//!   gets one (a fixed window would refuse such a client whenever network jitter puts
//!   `per_window + 1` of its requests into one window).
//! - **Refused requests consume nothing**: a 429 takes no token from the bucket and does not count
//!   against a daily cap. Hence `Retry-After: 1` is truthful: one second later the bucket of a
//!   per-second category holds a token again.
//! - **Daily caps** count per UTC day of the simulator's clock ([`crate::Simulator::now`]:
//!   [`crate::SimConfig::now`] plus the time since start plus every
//!   [`crate::Simulator::advance_clock`]) and reset at 00:00 UTC. Moving the clock past midnight
//!   resets them: that is how a test simulates "the next run, tomorrow".
//! - The daily cap is checked before the bucket: once the day's cap is reached every request of
//!   the category gets the daily 429, whatever the bucket holds.

use std::fmt;
use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

use crate::Plan;

/// Zoom's rate-limit categories: the "Rate Limit Label" of each operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RateCategory {
    /// Single-resource reads, e.g. `GET /users/{userId}`.
    Light,
    /// Lists, e.g. `GET /users`.
    Medium,
    /// Reports and most dashboards.
    Heavy,
    /// `GET /metrics/meetings`, `/metrics/zoomrooms`, ...: limited per minute.
    ResourceIntensive,
}

impl RateCategory {
    /// Every category, lightest first.
    pub const ALL: [RateCategory; 4] = [
        RateCategory::Light,
        RateCategory::Medium,
        RateCategory::Heavy,
        RateCategory::ResourceIntensive,
    ];

    /// The value of the `X-RateLimit-Category` header: `Light`, `Medium`, `Heavy` or
    /// `Resource-intensive`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            RateCategory::Light => "Light",
            RateCategory::Medium => "Medium",
            RateCategory::Heavy => "Heavy",
            RateCategory::ResourceIntensive => "Resource-intensive",
        }
    }

    fn index(self) -> usize {
        match self {
            RateCategory::Light => 0,
            RateCategory::Medium => 1,
            RateCategory::Heavy => 2,
            RateCategory::ResourceIntensive => 3,
        }
    }

    /// Whether the category shares the combined Heavy + Resource-intensive daily cap.
    fn is_heavy(self) -> bool {
        matches!(self, RateCategory::Heavy | RateCategory::ResourceIntensive)
    }
}

impl fmt::Display for RateCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which limit refused a request: the value of `X-RateLimit-Type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RateLimitType {
    /// The per-second (Resource-intensive: per-minute) limit; header value `QPS`.
    Qps,
    /// A daily cap; header value `Daily-limit`.
    Daily,
}

impl RateLimitType {
    /// The `X-RateLimit-Type` header value: `QPS` or `Daily-limit`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            RateLimitType::Qps => "QPS",
            RateLimitType::Daily => "Daily-limit",
        }
    }
}

impl fmt::Display for RateLimitType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The limits of one category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CategoryLimit {
    /// Requests allowed per [`CategoryLimit::window`]: the bucket's size and refill amount.
    /// Must be at least 1.
    pub per_window: u32,
    /// One second for Light, Medium and Heavy; one minute for Resource-intensive. Not zero.
    pub window: Duration,
    /// The category's own daily cap (Free plan), if any.
    pub daily: Option<u64>,
}

impl CategoryLimit {
    /// `n` requests per second, no daily cap.
    #[must_use]
    pub fn per_second(n: u32) -> Self {
        CategoryLimit {
            per_window: n,
            window: Duration::from_secs(1),
            daily: None,
        }
    }

    /// `n` requests per minute, no daily cap.
    #[must_use]
    pub fn per_minute(n: u32) -> Self {
        CategoryLimit {
            per_window: n,
            window: Duration::from_secs(60),
            daily: None,
        }
    }

    /// The same limit with a daily cap of `cap` requests.
    #[must_use]
    pub fn with_daily(self, cap: u64) -> Self {
        CategoryLimit {
            daily: Some(cap),
            ..self
        }
    }

    /// Requests per second the bucket refills.
    fn rate(&self) -> f64 {
        f64::from(self.per_window) / self.window.as_secs_f64()
    }
}

/// The account's rate limits ([`crate::SimConfig::rate_limits`]). Build Zoom's table with
/// [`RateLimits::zoom`], then shrink any field a test needs to reach quickly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateLimits {
    /// Light requests.
    pub light: CategoryLimit,
    /// Medium requests.
    pub medium: CategoryLimit,
    /// Heavy requests.
    pub heavy: CategoryLimit,
    /// Resource-intensive requests (limited per minute).
    pub resource_intensive: CategoryLimit,
    /// A daily cap shared by Heavy and Resource-intensive requests together (Pro: 30 000,
    /// Business+: 60 000), on top of each category's own `daily`.
    pub heavy_and_resource_intensive_daily: Option<u64>,
}

impl RateLimits {
    /// Zoom's table for `plan` (NOTES.md §3.1, Zoom's "Rate limits" page):
    ///
    /// | | Free | Pro | Business+ |
    /// |---|---|---|---|
    /// | Light | 4/s, 6 000/day | 30/s | 80/s |
    /// | Medium | 2/s, 2 000/day | 20/s | 60/s |
    /// | Heavy | 1/s, 1 000/day | 10/s | 40/s |
    /// | Resource-intensive | 10/min, 30 000/day | 10/min | 20/min |
    /// | Heavy + Resource-intensive, per day | — | 30 000 | 60 000 |
    #[must_use]
    pub fn zoom(plan: Plan) -> Self {
        match plan {
            Plan::Free => RateLimits {
                light: CategoryLimit::per_second(4).with_daily(6_000),
                medium: CategoryLimit::per_second(2).with_daily(2_000),
                heavy: CategoryLimit::per_second(1).with_daily(1_000),
                resource_intensive: CategoryLimit::per_minute(10).with_daily(30_000),
                heavy_and_resource_intensive_daily: None,
            },
            Plan::Pro => RateLimits {
                light: CategoryLimit::per_second(30),
                medium: CategoryLimit::per_second(20),
                heavy: CategoryLimit::per_second(10),
                resource_intensive: CategoryLimit::per_minute(10),
                heavy_and_resource_intensive_daily: Some(30_000),
            },
            Plan::Business => RateLimits {
                light: CategoryLimit::per_second(80),
                medium: CategoryLimit::per_second(60),
                heavy: CategoryLimit::per_second(40),
                resource_intensive: CategoryLimit::per_minute(20),
                heavy_and_resource_intensive_daily: Some(60_000),
            },
        }
    }

    /// The limit of `category`.
    #[must_use]
    pub fn get(&self, category: RateCategory) -> &CategoryLimit {
        match category {
            RateCategory::Light => &self.light,
            RateCategory::Medium => &self.medium,
            RateCategory::Heavy => &self.heavy,
            RateCategory::ResourceIntensive => &self.resource_intensive,
        }
    }

    /// The limit of `category`, to change it.
    pub fn get_mut(&mut self, category: RateCategory) -> &mut CategoryLimit {
        match category {
            RateCategory::Light => &mut self.light,
            RateCategory::Medium => &mut self.medium,
            RateCategory::Heavy => &mut self.heavy,
            RateCategory::ResourceIntensive => &mut self.resource_intensive,
        }
    }

    /// Why the limits cannot be enforced, if they cannot.
    pub(crate) fn validate(&self) -> Result<(), String> {
        for category in RateCategory::ALL {
            let limit = self.get(category);
            if limit.per_window == 0 {
                return Err(format!(
                    "rate limit of {category}: per_window must be at least 1"
                ));
            }
            if limit.window.is_zero() {
                return Err(format!("rate limit of {category}: window must not be zero"));
            }
        }
        Ok(())
    }
}

/// The rate-limit headers of an admitted request: `X-RateLimit-Limit` and `-Remaining` are the
/// daily figures when a daily cap applies to the category, else the bucket's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Admitted {
    pub(crate) category: RateCategory,
    pub(crate) limit: u64,
    pub(crate) remaining: u64,
}

/// Why a request was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Refused {
    /// The bucket is empty; `retry_after` whole seconds until it holds a token again (at least 1).
    Qps {
        category: RateCategory,
        limit: u64,
        retry_after: u64,
    },
    /// The day's cap `limit` is reached; it resets at `reset` (the next 00:00 UTC).
    Daily {
        category: RateCategory,
        limit: u64,
        reset: jiff::Timestamp,
    },
}

#[derive(Debug)]
pub(crate) struct Limiter {
    limits: RateLimits,
    state: Mutex<State>,
}

#[derive(Debug)]
struct State {
    /// Tokens in each category's bucket, and when it was last refilled.
    buckets: [(f64, Instant); 4],
    /// The UTC day (days since the epoch) the daily counters belong to.
    day: i64,
    used: [u64; 4],
    used_heavy: u64,
}

const DAY: i64 = 86_400;

impl Limiter {
    pub(crate) fn new(limits: RateLimits) -> Self {
        let now = Instant::now();
        let buckets = RateCategory::ALL.map(|c| (f64::from(limits.get(c).per_window), now));
        Limiter {
            limits,
            state: Mutex::new(State {
                buckets,
                day: i64::MIN,
                used: [0; 4],
                used_heavy: 0,
            }),
        }
    }

    /// Admits or refuses one request of `category` arriving at real time `now`, simulator time
    /// `wall`. An admitted request takes a token and counts against the daily caps.
    pub(crate) fn check(
        &self,
        category: RateCategory,
        now: Instant,
        wall: jiff::Timestamp,
    ) -> Result<Admitted, Refused> {
        let limit = self.limits.get(category);
        let i = category.index();
        let mut state = self.state.lock().expect("rate limiter lock poisoned");

        let day = wall.as_second().div_euclid(DAY);
        if day != state.day {
            state.day = day;
            state.used = [0; 4];
            state.used_heavy = 0;
        }
        let own = limit.daily.map(|cap| (cap, state.used[i]));
        let combined = self
            .limits
            .heavy_and_resource_intensive_daily
            .filter(|_| category.is_heavy())
            .map(|cap| (cap, state.used_heavy));
        for (cap, used) in [own, combined].into_iter().flatten() {
            if used >= cap {
                let reset = jiff::Timestamp::from_second(day.saturating_add(1).saturating_mul(DAY))
                    .unwrap_or(jiff::Timestamp::MAX);
                return Err(Refused::Daily {
                    category,
                    limit: cap,
                    reset,
                });
            }
        }

        let capacity = f64::from(limit.per_window);
        let rate = limit.rate();
        let (tokens, last) = &mut state.buckets[i];
        let elapsed = now.saturating_duration_since(*last).as_secs_f64();
        *tokens = (*tokens + elapsed * rate).min(capacity);
        *last = now;
        if *tokens < 1.0 {
            let wait = ((1.0 - *tokens) / rate).ceil();
            #[allow(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                reason = "a positive whole number of seconds, at most one window"
            )]
            let retry_after = (wait as u64).max(1);
            return Err(Refused::Qps {
                category,
                limit: u64::from(limit.per_window),
                retry_after,
            });
        }
        *tokens -= 1.0;
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "between 0 and per_window"
        )]
        let bucket_remaining = tokens.floor().max(0.0) as u64;

        state.used[i] += 1;
        if category.is_heavy() {
            state.used_heavy += 1;
        }
        let daily = [
            limit.daily.map(|cap| (cap, state.used[i])),
            combined.map(|(cap, _)| (cap, state.used_heavy)),
        ]
        .into_iter()
        .flatten()
        .map(|(cap, used)| (cap, cap.saturating_sub(used)))
        .min_by_key(|&(_, remaining)| remaining);
        let (limit, remaining) = daily.unwrap_or((u64::from(limit.per_window), bucket_remaining));
        Ok(Admitted {
            category,
            limit,
            remaining,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(second: i64) -> jiff::Timestamp {
        jiff::Timestamp::from_second(second).unwrap()
    }

    #[test]
    fn zoom_table() {
        let free = RateLimits::zoom(Plan::Free);
        assert_eq!(free.light, CategoryLimit::per_second(4).with_daily(6_000));
        assert_eq!(free.resource_intensive.window, Duration::from_secs(60));
        assert_eq!(free.heavy_and_resource_intensive_daily, None);
        let pro = RateLimits::zoom(Plan::Pro);
        assert_eq!(pro.heavy.daily, None);
        assert_eq!(pro.heavy_and_resource_intensive_daily, Some(30_000));
        let business = RateLimits::zoom(Plan::Business);
        assert_eq!(business.medium.per_window, 60);
        assert_eq!(business.resource_intensive, CategoryLimit::per_minute(20));
        assert_eq!(business.heavy_and_resource_intensive_daily, Some(60_000));
        for plan in [Plan::Free, Plan::Pro, Plan::Business] {
            assert!(RateLimits::zoom(plan).validate().is_ok());
        }
        let mut bad = business;
        bad.get_mut(RateCategory::Light).per_window = 0;
        assert!(bad.validate().unwrap_err().contains("Light"));
    }

    #[test]
    fn bucket_refills_continuously() {
        let mut limits = RateLimits::zoom(Plan::Business);
        limits.light = CategoryLimit::per_second(5);
        let limiter = Limiter::new(limits);
        let t0 = Instant::now();
        let wall = at(1_749_945_600);
        for n in (0..5).rev() {
            let admitted = limiter.check(RateCategory::Light, t0, wall).unwrap();
            assert_eq!((admitted.limit, admitted.remaining), (5, n));
        }
        assert_eq!(
            limiter.check(RateCategory::Light, t0, wall),
            Err(Refused::Qps {
                category: RateCategory::Light,
                limit: 5,
                retry_after: 1
            })
        );
        // Refusals take nothing: 200 ms later exactly one token is back.
        let later = t0 + Duration::from_millis(200);
        assert!(limiter.check(RateCategory::Light, later, wall).is_ok());
        assert!(limiter.check(RateCategory::Light, later, wall).is_err());
        // Other categories have their own bucket.
        assert!(limiter.check(RateCategory::Medium, later, wall).is_ok());
        // Paced at the rate: never refused.
        for k in 2..40 {
            let t = t0 + Duration::from_millis(200 * k);
            assert!(limiter.check(RateCategory::Light, t, wall).is_ok(), "{k}");
        }
    }

    #[test]
    fn per_minute_retry_after() {
        let mut limits = RateLimits::zoom(Plan::Pro);
        limits.resource_intensive = CategoryLimit::per_minute(1);
        let limiter = Limiter::new(limits);
        let t0 = Instant::now();
        let wall = at(0);
        assert!(
            limiter
                .check(RateCategory::ResourceIntensive, t0, wall)
                .is_ok()
        );
        let refused = limiter
            .check(
                RateCategory::ResourceIntensive,
                t0 + Duration::from_secs(15),
                wall,
            )
            .unwrap_err();
        assert!(
            matches!(
                refused,
                Refused::Qps {
                    retry_after: 45,
                    ..
                }
            ),
            "{refused:?}"
        );
    }

    #[test]
    fn daily_caps_combined_and_reset_at_midnight() {
        let mut limits = RateLimits::zoom(Plan::Pro);
        limits.heavy_and_resource_intensive_daily = Some(3);
        let limiter = Limiter::new(limits);
        let t0 = Instant::now();
        let noon = at(1_749_945_600 + 12 * 3600); // 2025-06-15T12:00:00Z
        let heavy = limiter.check(RateCategory::Heavy, t0, noon).unwrap();
        assert_eq!((heavy.limit, heavy.remaining), (3, 2));
        let ri = limiter
            .check(RateCategory::ResourceIntensive, t0, noon)
            .unwrap();
        assert_eq!((ri.limit, ri.remaining), (3, 1));
        assert!(limiter.check(RateCategory::Heavy, t0, noon).is_ok());
        let refused = limiter
            .check(RateCategory::ResourceIntensive, t0, noon)
            .unwrap_err();
        assert_eq!(
            refused,
            Refused::Daily {
                category: RateCategory::ResourceIntensive,
                limit: 3,
                reset: at(1_749_945_600 + 86_400),
            }
        );
        // Light is not part of the combined cap; Pro has no Light daily cap: bucket figures.
        let light = limiter.check(RateCategory::Light, t0, noon).unwrap();
        assert_eq!((light.limit, light.remaining), (30, 29));
        // The next UTC day resets the counters.
        let tomorrow = at(1_749_945_600 + 86_400);
        assert!(limiter.check(RateCategory::Heavy, t0, tomorrow).is_ok());
    }
}
