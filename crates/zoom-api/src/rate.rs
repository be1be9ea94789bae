//! Zoom's rate limits: the plans, the categories, the table of rates, and the per-client budget
//! that paces requests to stay under them. Which endpoint is in which category is declared with
//! the endpoint (`endpoints.rs`).
//!
//! **How pacing works.** Each category has a sliding-window limiter: a request may be sent only
//! if fewer than `limit` requests of its category were sent in the last `per + margin` (for
//! Business Medium: fewer than 60 in the last 1.05 s). The send time is recorded the moment the
//! request is let go, after its in-flight slot is held, so what the limiter counts is what goes
//! on the wire. No window of Zoom's length (1 s, or 1 min for Resource-intensive) can then hold
//! more than `limit` requests from this client, whether Zoom counts in fixed or sliding windows;
//! the margin absorbs the jitter between our clock and Zoom's (a request delayed on its way by
//! up to `margin` still lands in its window). Waiters of a category queue in FIFO order (a fair
//! async mutex per category), so one category never delays another.
//!
//! **Corrections from Zoom.** A smaller `X-RateLimit-Limit` than the table (per-second, or
//! without `X-RateLimit-Type`) lowers the category's limit for the rest of the client's life; a
//! per-second 429 empties the window and pauses the category for `Retry-After` (at least one
//! window; a `Retry-After` beyond `max_retry_after` is not imposed on the others); a `Daily-limit` 429 closes the category (and those sharing its daily cap) until
//! Zoom's `Retry-After`, or the next 00:00 UTC. Daily caps are also counted locally, per UTC
//! day: once the count reaches the cap, requests of those categories fail at once with
//! [`Error::DailyLimit`] and are not sent.
//!
//! Limits are per account and shared by every app on it; this budget knows only this client's
//! requests. Other clients of the same account make 429s possible again: they are retried.

use std::collections::VecDeque;
use std::fmt;
use std::str::FromStr;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use jiff::Timestamp;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;
use tracing::{debug, warn};

use crate::error::Error;

/// A Zoom plan, for its rate-limit table ([`RateTable::for_plan`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Plan {
    /// Free (Basic) accounts: low per-second rates and a daily cap per category.
    Free,
    /// Pro accounts (and the Video SDK plans Zoom assigns Pro limits).
    Pro,
    /// Business and above: Business, Education, Enterprise, Partners (Zoom's "Business+").
    #[default]
    Business,
}

impl Plan {
    /// The name [`Plan::from_str`] accepts back: `free`, `pro`, `business`.
    pub fn as_str(self) -> &'static str {
        match self {
            Plan::Free => "free",
            Plan::Pro => "pro",
            Plan::Business => "business",
        }
    }
}

impl fmt::Display for Plan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Plan {
    type Err = Error;

    /// `free` (or `basic`), `pro`, `business` (or `business+`, `education`, `enterprise`,
    /// `partners`, which share Business limits); case-insensitive.
    fn from_str(s: &str) -> Result<Self, Error> {
        match s.trim().to_ascii_lowercase().as_str() {
            "free" | "basic" => Ok(Plan::Free),
            "pro" => Ok(Plan::Pro),
            "business" | "business+" | "education" | "enterprise" | "partners" => {
                Ok(Plan::Business)
            }
            _ => Err(Error::Config(format!(
                "unknown zoom plan {s:?}; expected free, pro or business"
            ))),
        }
    }
}

/// Zoom's rate-limit label of an endpoint (`X-RateLimit-Category`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RateCategory {
    /// A single resource, e.g. `GET /users/{userId}`.
    Light,
    /// Several resources at once, e.g. `GET /users`.
    Medium,
    /// Reports and most dashboards.
    Heavy,
    /// `GET /metrics/meetings` and the like (limits per minute).
    ResourceIntensive,
}

impl RateCategory {
    /// Every category.
    pub const ALL: [RateCategory; 4] = [
        RateCategory::Light,
        RateCategory::Medium,
        RateCategory::Heavy,
        RateCategory::ResourceIntensive,
    ];

    /// Zoom's spelling, as in `X-RateLimit-Category`.
    pub fn as_str(self) -> &'static str {
        match self {
            RateCategory::Light => "Light",
            RateCategory::Medium => "Medium",
            RateCategory::Heavy => "Heavy",
            RateCategory::ResourceIntensive => "Resource-intensive",
        }
    }

    /// Parses Zoom's header value, case-insensitively (`Resource-intensive`,
    /// `RESOURCE-INTENSIVE`, `resource_intensive`).
    pub fn parse(s: &str) -> Option<RateCategory> {
        let s = s.trim().to_ascii_lowercase().replace(['_', ' '], "-");
        match s.as_str() {
            "light" => Some(RateCategory::Light),
            "medium" => Some(RateCategory::Medium),
            "heavy" => Some(RateCategory::Heavy),
            "resource-intensive" => Some(RateCategory::ResourceIntensive),
            _ => None,
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
}

impl fmt::Display for RateCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `limit` requests per `per`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rate {
    /// Requests allowed in one window.
    pub limit: u32,
    /// The window (1 s, or 1 min for Resource-intensive).
    pub per: Duration,
}

impl Rate {
    /// `limit` per second.
    pub const fn per_second(limit: u32) -> Rate {
        Rate {
            limit,
            per: Duration::from_secs(1),
        }
    }

    /// `limit` per minute.
    pub const fn per_minute(limit: u32) -> Rate {
        Rate {
            limit,
            per: Duration::from_secs(60),
        }
    }
}

/// A daily cap shared by `categories` (Zoom's days are UTC).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DailyCap {
    /// The categories counted together.
    pub categories: Vec<RateCategory>,
    /// Requests per UTC day.
    pub limit: u32,
}

/// The rates and daily caps the budget paces to. [`RateTable::for_plan`] is Zoom's table
/// (developers.zoom.us rate limits, account level); build one by hand for tests or an account
/// with negotiated limits ([`crate::ClientConfig::rate_limits`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RateTable {
    /// Light requests.
    pub light: Rate,
    /// Medium requests.
    pub medium: Rate,
    /// Heavy requests.
    pub heavy: Rate,
    /// Resource-intensive requests.
    pub resource_intensive: Rate,
    /// Daily caps; a category in none has no daily cap.
    pub daily: Vec<DailyCap>,
    /// Added to every window when pacing (default 50 ms), so that requests delayed on their way
    /// to Zoom by up to this much still cannot crowd into one of Zoom's windows.
    pub margin: Duration,
}

impl RateTable {
    /// The default pacing margin.
    pub const DEFAULT_MARGIN: Duration = Duration::from_millis(50);

    /// Zoom's documented limits for `plan`.
    ///
    /// | | Free | Pro | Business+ |
    /// |---|---|---|---|
    /// | Light | 4/s, 6000/day | 30/s | 80/s |
    /// | Medium | 2/s, 2000/day | 20/s | 60/s |
    /// | Heavy | 1/s, 1000/day | 10/s | 40/s |
    /// | Resource-intensive | 10/min, 30000/day | 10/min | 20/min |
    ///
    /// Pro and Business+ count Heavy and Resource-intensive together against a daily 30000
    /// (Pro) or 60000 (Business+).
    pub fn for_plan(plan: Plan) -> RateTable {
        use RateCategory::{Heavy, Light, Medium, ResourceIntensive};
        let (light, medium, heavy, resource_intensive, daily) = match plan {
            Plan::Free => (
                Rate::per_second(4),
                Rate::per_second(2),
                Rate::per_second(1),
                Rate::per_minute(10),
                vec![
                    DailyCap {
                        categories: vec![Light],
                        limit: 6000,
                    },
                    DailyCap {
                        categories: vec![Medium],
                        limit: 2000,
                    },
                    DailyCap {
                        categories: vec![Heavy],
                        limit: 1000,
                    },
                    DailyCap {
                        categories: vec![ResourceIntensive],
                        limit: 30_000,
                    },
                ],
            ),
            Plan::Pro => (
                Rate::per_second(30),
                Rate::per_second(20),
                Rate::per_second(10),
                Rate::per_minute(10),
                vec![DailyCap {
                    categories: vec![Heavy, ResourceIntensive],
                    limit: 30_000,
                }],
            ),
            Plan::Business => (
                Rate::per_second(80),
                Rate::per_second(60),
                Rate::per_second(40),
                Rate::per_minute(20),
                vec![DailyCap {
                    categories: vec![Heavy, ResourceIntensive],
                    limit: 60_000,
                }],
            ),
        };
        RateTable {
            light,
            medium,
            heavy,
            resource_intensive,
            daily,
            margin: Self::DEFAULT_MARGIN,
        }
    }

    /// The rate of `category`.
    pub fn rate(&self, category: RateCategory) -> Rate {
        match category {
            RateCategory::Light => self.light,
            RateCategory::Medium => self.medium,
            RateCategory::Heavy => self.heavy,
            RateCategory::ResourceIntensive => self.resource_intensive,
        }
    }

    /// A message naming what cannot work, for config validation.
    pub(crate) fn problem(&self) -> Option<String> {
        for c in RateCategory::ALL {
            let r = self.rate(c);
            if r.limit == 0 || r.per.is_zero() {
                return Some(format!(
                    "rate_limits: {c} must allow at least 1 request in a positive window"
                ));
            }
        }
        if let Some(d) = self.daily.iter().find(|d| d.categories.is_empty()) {
            return Some(format!(
                "rate_limits: a daily cap of {} names no category",
                d.limit
            ));
        }
        None
    }
}

impl Default for RateTable {
    fn default() -> Self {
        RateTable::for_plan(Plan::default())
    }
}

// ---------------------------------------------------------------------------------------------
// Counters

/// Requests per category.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CategoryCounts {
    /// Light requests.
    pub light: u64,
    /// Medium requests.
    pub medium: u64,
    /// Heavy requests.
    pub heavy: u64,
    /// Resource-intensive requests.
    pub resource_intensive: u64,
}

impl CategoryCounts {
    /// The count of `category`.
    pub fn get(&self, category: RateCategory) -> u64 {
        match category {
            RateCategory::Light => self.light,
            RateCategory::Medium => self.medium,
            RateCategory::Heavy => self.heavy,
            RateCategory::ResourceIntensive => self.resource_intensive,
        }
    }

    /// All categories together.
    pub fn total(&self) -> u64 {
        self.light + self.medium + self.heavy + self.resource_intensive
    }
}

/// What a [`crate::Client`] (all its clones together) has done so far, for benchmarks and run
/// reports. From [`crate::Client::stats`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ClientStats {
    /// API requests sent (every attempt; the token endpoint is not counted).
    pub requests: u64,
    /// The same, by rate-limit category.
    pub requests_by_category: CategoryCounts,
    /// 429 answers (per-second and daily).
    pub responses_429: u64,
    /// 5xx answers.
    pub responses_5xx: u64,
    /// Requests that got no complete answer (connection refused or reset, timeout, body cut).
    pub transport_errors: u64,
    /// Attempts after the first of a request (429, 5xx, transport, unreadable 200, token
    /// refresh).
    pub retries: u64,
    /// Requests refused without being sent because a daily limit is reached.
    pub daily_limit_refusals: u64,
    /// Listings restarted from their first page because a page token expired.
    pub page_restarts: u64,
    /// Items skipped after such a restart because they had already been yielded.
    pub duplicates_skipped: u64,
    /// Total time requests waited for their category's rate budget (summed over requests).
    pub waited_for_budget: Duration,
    /// Total time requests waited for one of the `max_in_flight` slots.
    pub waited_for_slot: Duration,
    /// Total time slept before retries (backoff and `Retry-After` when pacing is off).
    pub waited_for_retry: Duration,
    /// Listing pages still to request that the listings under way have announced: on its first
    /// page a listing reports `total_records`, which over the page size says how many pages
    /// follow. Only what is known: listings not started yet count nothing.
    pub pages_announced_ahead: CategoryCounts,
}

/// One daily cap as a client knows it on the current UTC day ([`crate::Client::daily_usage`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DailyUsage {
    /// The categories counted together.
    pub categories: Vec<RateCategory>,
    /// Requests per UTC day (lowered when Zoom reports a lower one).
    pub limit: u32,
    /// Requests counted today: this client's, or Zoom's count when its headers said more.
    pub used: u32,
}

/// The shared counters behind [`ClientStats`].
#[derive(Default)]
pub(crate) struct Counters {
    requests: AtomicU64,
    by_category: [AtomicU64; 4],
    pub(crate) responses_429: AtomicU64,
    pub(crate) responses_5xx: AtomicU64,
    pub(crate) transport_errors: AtomicU64,
    pub(crate) retries: AtomicU64,
    daily_limit_refusals: AtomicU64,
    pub(crate) page_restarts: AtomicU64,
    pub(crate) duplicates_skipped: AtomicU64,
    waited_for_budget_ns: AtomicU64,
    waited_for_slot_ns: AtomicU64,
    waited_for_retry_ns: AtomicU64,
    pages_ahead: [AtomicU64; 4],
}

fn nanos(d: Duration) -> u64 {
    u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)
}

pub(crate) fn bump(counter: &AtomicU64) {
    counter.fetch_add(1, Ordering::Relaxed);
}

impl Counters {
    pub(crate) fn sent(&self, category: RateCategory) {
        bump(&self.requests);
        bump(&self.by_category[category.index()]);
    }

    /// A listing announced `pages` more pages of `category`.
    pub(crate) fn announce_pages(&self, category: RateCategory, pages: u64) {
        self.pages_ahead[category.index()].fetch_add(pages, Ordering::Relaxed);
    }

    /// `pages` announced pages of `category` are requested, or will not be (the listing ended
    /// or restarted).
    pub(crate) fn retire_pages(&self, category: RateCategory, pages: u64) {
        let _ = self.pages_ahead[category.index()].fetch_update(
            Ordering::Relaxed,
            Ordering::Relaxed,
            |ahead| Some(ahead.saturating_sub(pages)),
        );
    }

    pub(crate) fn slept_for_retry(&self, d: Duration) {
        self.waited_for_retry_ns
            .fetch_add(nanos(d), Ordering::Relaxed);
    }

    pub(crate) fn snapshot(&self) -> ClientStats {
        let get = |a: &AtomicU64| a.load(Ordering::Relaxed);
        let counts = |of: &[AtomicU64; 4]| CategoryCounts {
            light: get(&of[RateCategory::Light.index()]),
            medium: get(&of[RateCategory::Medium.index()]),
            heavy: get(&of[RateCategory::Heavy.index()]),
            resource_intensive: get(&of[RateCategory::ResourceIntensive.index()]),
        };
        ClientStats {
            requests: get(&self.requests),
            requests_by_category: counts(&self.by_category),
            responses_429: get(&self.responses_429),
            responses_5xx: get(&self.responses_5xx),
            transport_errors: get(&self.transport_errors),
            retries: get(&self.retries),
            daily_limit_refusals: get(&self.daily_limit_refusals),
            page_restarts: get(&self.page_restarts),
            duplicates_skipped: get(&self.duplicates_skipped),
            waited_for_budget: Duration::from_nanos(get(&self.waited_for_budget_ns)),
            waited_for_slot: Duration::from_nanos(get(&self.waited_for_slot_ns)),
            waited_for_retry: Duration::from_nanos(get(&self.waited_for_retry_ns)),
            pages_announced_ahead: counts(&self.pages_ahead),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The budget

/// One category's sliding window.
struct Window {
    limit: u32,
    per: Duration,
    /// Send times within the last `per + margin`, oldest first.
    sent: VecDeque<Instant>,
    /// No request before this (a per-second 429).
    paused_until: Option<Instant>,
}

impl Window {
    /// When the next request may go, or `None` if now.
    fn next_free(&mut self, now: Instant, margin: Duration) -> Option<Instant> {
        let span = self.per + margin;
        while self
            .sent
            .front()
            .is_some_and(|t| now.saturating_duration_since(*t) >= span)
        {
            self.sent.pop_front();
        }
        let mut at = self.paused_until.filter(|p| *p > now);
        let limit = usize::try_from(self.limit).unwrap_or(usize::MAX).max(1);
        if self.sent.len() >= limit {
            let oldest_counted = self.sent[self.sent.len() - limit];
            let free = oldest_counted + span;
            if free > now {
                at = Some(at.map_or(free, |a| a.max(free)));
            }
        }
        at
    }
}

struct CategoryBudget {
    /// FIFO turn among waiters of this category.
    turn: tokio::sync::Mutex<()>,
    window: Mutex<Window>,
}

/// A daily cap being counted.
struct DailyCount {
    categories: Vec<RateCategory>,
    limit: u32,
    /// The UTC day counted (days since 1970-01-01).
    day: i64,
    used: u32,
}

/// A category Zoom closed for the day (a `Daily-limit` 429).
#[derive(Clone)]
struct Closed {
    until: Timestamp,
    /// What the error reports: Zoom's `Retry-After` as sent, or the computed reset time.
    retry_at: String,
}

#[derive(Default)]
struct DailyState {
    counts: Vec<DailyCount>,
    closed: [Option<Closed>; 4],
}

/// A request's permission to be sent: hold it while the request is in flight.
pub(crate) struct Grant {
    _slot: OwnedSemaphorePermit,
}

/// What to do after a 429.
pub(crate) enum After429 {
    /// Retry after this wait (already applied to the category when pacing is on).
    Retry(Duration),
    /// Zoom asks for a wait beyond `max_retry_after`: give up with the 429.
    TooLong,
    /// A daily limit: fail with this error.
    Daily(Error),
}

/// The rate budget of one client (shared by its clones).
pub(crate) struct Budget {
    pacing: bool,
    margin: Duration,
    categories: [CategoryBudget; 4],
    daily: Mutex<DailyState>,
    slots: std::sync::Arc<Semaphore>,
    pub(crate) counters: Counters,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Today in UTC, as days since 1970-01-01.
fn utc_day(now: Timestamp) -> i64 {
    now.as_second().div_euclid(86_400)
}

/// The next 00:00 UTC after `now`.
pub(crate) fn next_utc_midnight(now: Timestamp) -> Timestamp {
    Timestamp::from_second((utc_day(now) + 1).saturating_mul(86_400)).unwrap_or(Timestamp::MAX)
}

impl Budget {
    pub(crate) fn new(pacing: bool, table: &RateTable, max_in_flight: usize) -> Budget {
        let category = |c: RateCategory| {
            let rate = table.rate(c);
            CategoryBudget {
                turn: tokio::sync::Mutex::new(()),
                window: Mutex::new(Window {
                    limit: rate.limit,
                    per: rate.per,
                    sent: VecDeque::new(),
                    paused_until: None,
                }),
            }
        };
        let today = utc_day(Timestamp::now());
        Budget {
            pacing,
            margin: table.margin,
            categories: RateCategory::ALL.map(category),
            daily: Mutex::new(DailyState {
                counts: table
                    .daily
                    .iter()
                    .map(|d| DailyCount {
                        categories: d.categories.clone(),
                        limit: d.limit,
                        day: today,
                        used: 0,
                    })
                    .collect(),
                closed: Default::default(),
            }),
            slots: std::sync::Arc::new(Semaphore::new(
                max_in_flight.clamp(1, Semaphore::MAX_PERMITS),
            )),
            counters: Counters::default(),
        }
    }

    /// Today's use of each daily cap (a count left from an earlier UTC day reads as 0).
    pub(crate) fn daily_usage(&self) -> Vec<DailyUsage> {
        let today = utc_day(Timestamp::now());
        lock(&self.daily)
            .counts
            .iter()
            .map(|d| DailyUsage {
                categories: d.categories.clone(),
                limit: d.limit,
                used: if d.day == today { d.used } else { 0 },
            })
            .collect()
    }

    fn category(&self, c: RateCategory) -> &CategoryBudget {
        &self.categories[c.index()]
    }

    /// Waits for `category`'s budget and an in-flight slot. Fails at once, without waiting,
    /// when the category's daily limit is reached. The send is counted when this returns.
    pub(crate) async fn acquire(
        &self,
        category: RateCategory,
        endpoint: &str,
    ) -> Result<Grant, Error> {
        let started = Instant::now();
        if !self.pacing {
            self.check_closed(category, endpoint)?;
            let slot = self.slot().await;
            self.add_wait(&self.counters.waited_for_slot_ns, started);
            self.counters.sent(category);
            return Ok(Grant { _slot: slot });
        }
        self.check_daily(category, endpoint, false)?;
        let cb = self.category(category);
        let _turn = cb.turn.lock().await;
        loop {
            self.check_daily(category, endpoint, false)?;
            let wait = lock(&cb.window).next_free(Instant::now(), self.margin);
            if let Some(at) = wait {
                tokio::time::sleep_until(at).await;
                continue;
            }
            let budget_done = Instant::now();
            let slot = self.slot().await;
            self.add_wait(&self.counters.waited_for_slot_ns, budget_done);
            let now = Instant::now();
            let mut window = lock(&cb.window);
            // A 429 may have paused the category while this request waited for a slot.
            if window.next_free(now, self.margin).is_some() {
                continue;
            }
            // Counts the request against its daily cap (and fails if that is now reached).
            self.check_daily(category, endpoint, true)?;
            window.sent.push_back(now);
            drop(window);
            let waited = budget_done.saturating_duration_since(started);
            self.counters
                .waited_for_budget_ns
                .fetch_add(nanos(waited), Ordering::Relaxed);
            self.counters.sent(category);
            return Ok(Grant { _slot: slot });
        }
    }

    async fn slot(&self) -> OwnedSemaphorePermit {
        std::sync::Arc::clone(&self.slots)
            .acquire_owned()
            .await
            .expect("the slot semaphore is never closed")
    }

    fn add_wait(&self, counter: &AtomicU64, since: Instant) {
        counter.fetch_add(nanos(since.elapsed()), Ordering::Relaxed);
    }

    /// Fails if Zoom closed `category` for the day.
    fn check_closed(&self, category: RateCategory, endpoint: &str) -> Result<(), Error> {
        let mut daily = lock(&self.daily);
        let now = Timestamp::now();
        let slot = &mut daily.closed[category.index()];
        match slot {
            Some(c) if c.until > now => {
                let retry_at = c.retry_at.clone();
                drop(daily);
                Err(self.refuse(category, endpoint, retry_at))
            }
            Some(_) => {
                *slot = None;
                Ok(())
            }
            None => Ok(()),
        }
    }

    /// Fails if `category`'s daily limit is reached (closed by Zoom, or counted here); with
    /// `count`, also counts one request against its caps.
    fn check_daily(
        &self,
        category: RateCategory,
        endpoint: &str,
        count: bool,
    ) -> Result<(), Error> {
        self.check_closed(category, endpoint)?;
        let mut daily = lock(&self.daily);
        let now = Timestamp::now();
        let today = utc_day(now);
        let mut reached = false;
        for d in daily
            .counts
            .iter_mut()
            .filter(|d| d.categories.contains(&category))
        {
            if d.day != today {
                d.day = today;
                d.used = 0;
            }
            if d.used >= d.limit {
                reached = true;
            }
        }
        if reached {
            drop(daily);
            let retry_at = next_utc_midnight(now).to_string();
            return Err(self.refuse(category, endpoint, retry_at));
        }
        if count {
            for d in daily
                .counts
                .iter_mut()
                .filter(|d| d.categories.contains(&category))
            {
                d.used += 1;
            }
        }
        Ok(())
    }

    fn refuse(&self, category: RateCategory, endpoint: &str, retry_at: String) -> Error {
        bump(&self.counters.daily_limit_refusals);
        debug!(%category, retry_at, "daily limit reached; request not sent");
        Error::DailyLimit {
            endpoint: endpoint.to_owned(),
            category,
            retry_at: Some(retry_at),
        }
    }

    /// Corrects the budget from the `X-RateLimit-*` headers of any answer.
    pub(crate) fn observe(&self, category: RateCategory, headers: &RateHeaders) {
        let category = headers
            .category
            .as_deref()
            .and_then(RateCategory::parse)
            .unwrap_or(category);
        let Some(limit) = headers
            .limit
            .as_deref()
            .and_then(|l| l.trim().parse::<u32>().ok())
        else {
            return;
        };
        match headers.kind() {
            LimitKind::Daily => {
                let remaining = headers
                    .remaining
                    .as_deref()
                    .and_then(|r| r.trim().parse::<u32>().ok());
                let mut daily = lock(&self.daily);
                for d in daily
                    .counts
                    .iter_mut()
                    .filter(|d| d.categories.contains(&category))
                {
                    if limit < d.limit {
                        warn!(%category, table = d.limit, zoom = limit, "zoom reports a lower daily limit; using it");
                        d.limit = limit;
                    }
                    if let Some(r) = remaining {
                        // Zoom's count of the account's requests today, against our cap.
                        d.used = d.used.max(limit.saturating_sub(r));
                    }
                }
            }
            LimitKind::PerWindow | LimitKind::Unknown => {
                if limit == 0 {
                    return;
                }
                let mut window = lock(&self.category(category).window);
                if limit < window.limit {
                    warn!(%category, table = window.limit, zoom = limit, "zoom reports a lower rate limit; pacing to it");
                    window.limit = limit;
                }
            }
        }
    }

    /// Applies a 429 to the budget and says what the request should do.
    pub(crate) fn on_429(
        &self,
        category: RateCategory,
        endpoint: &str,
        headers: &RateHeaders,
        message: Option<&str>,
        max_wait: Duration,
    ) -> After429 {
        // Zoom's `X-RateLimit-Category` wins over the table for what the 429 is about; a
        // per-second pause also holds back the request's own category, which it retries in.
        let own = category;
        let category = headers
            .category
            .as_deref()
            .and_then(RateCategory::parse)
            .unwrap_or(category);
        let daily = crate::error::is_daily(headers.limit_type.as_deref(), message);
        let now = Timestamp::now();
        if daily {
            let (until, retry_at) = match headers.retry_after.as_deref().map(str::trim) {
                Some(s) if !s.is_empty() => {
                    let until = parse_retry_at(s, now).unwrap_or_else(|| next_utc_midnight(now));
                    (until, s.to_owned())
                }
                _ => {
                    let m = next_utc_midnight(now);
                    (m, m.to_string())
                }
            };
            let mut state = lock(&self.daily);
            let shared: Vec<RateCategory> = state
                .counts
                .iter()
                .filter(|d| d.categories.contains(&category))
                .flat_map(|d| d.categories.iter().copied())
                .chain([category])
                .collect();
            for c in shared {
                state.closed[c.index()] = Some(Closed {
                    until,
                    retry_at: retry_at.clone(),
                });
            }
            drop(state);
            warn!(%category, retry_at, "zoom's daily limit reached");
            return After429::Daily(Error::DailyLimit {
                endpoint: endpoint.to_owned(),
                category,
                retry_at: Some(retry_at),
            });
        }
        let wait = headers
            .retry_after
            .as_deref()
            .and_then(|s| parse_retry_after(s, now))
            .unwrap_or(Duration::from_secs(1));
        if self.pacing {
            // Drained: nothing more for one whole window, or for `Retry-After` if longer. A
            // wait beyond `max_wait` is not imposed on the category: each request gets Zoom's
            // answer itself and fails at once.
            let pause = if wait > max_wait {
                Duration::ZERO
            } else {
                wait
            };
            for c in [category, own] {
                let mut window = lock(&self.category(c).window);
                let resume = Instant::now() + pause.max(window.per + self.margin);
                window.sent.clear();
                window.paused_until = Some(window.paused_until.map_or(resume, |p| p.max(resume)));
            }
        }
        if wait > max_wait {
            After429::TooLong
        } else {
            After429::Retry(wait)
        }
    }

    /// Whether requests wait for the budget (false: only the in-flight cap applies).
    pub(crate) fn pacing(&self) -> bool {
        self.pacing
    }
}

/// The rate-limit headers of an answer (all optional).
#[derive(Clone, Debug, Default)]
pub(crate) struct RateHeaders {
    pub(crate) category: Option<String>,
    pub(crate) limit_type: Option<String>,
    pub(crate) limit: Option<String>,
    pub(crate) remaining: Option<String>,
    pub(crate) retry_after: Option<String>,
}

enum LimitKind {
    PerWindow,
    Daily,
    Unknown,
}

impl RateHeaders {
    pub(crate) fn from_headers(headers: &reqwest::header::HeaderMap) -> RateHeaders {
        let get = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
        };
        RateHeaders {
            category: get("x-ratelimit-category"),
            limit_type: get("x-ratelimit-type"),
            limit: get("x-ratelimit-limit"),
            remaining: get("x-ratelimit-remaining"),
            retry_after: get("retry-after"),
        }
    }

    fn kind(&self) -> LimitKind {
        match self.limit_type.as_deref().map(str::to_ascii_lowercase) {
            Some(t) if t.contains("daily") => LimitKind::Daily,
            Some(t) if t == "qps" || t.contains("second") => LimitKind::PerWindow,
            _ => LimitKind::Unknown,
        }
    }
}

/// `Retry-After` of a per-second 429 as a wait: seconds (`1`, `0.5`), or a time (ISO-8601, as
/// Zoom sends on daily limits). `None` if unreadable.
pub(crate) fn parse_retry_after(s: &str, now: Timestamp) -> Option<Duration> {
    let s = s.trim();
    if let Ok(secs) = s.parse::<f64>() {
        return (secs.is_finite() && secs >= 0.0).then(|| Duration::from_secs_f64(secs.min(1e9)));
    }
    let at = parse_retry_at(s, now)?;
    let d = at.duration_since(now);
    Some(Duration::try_from(d).unwrap_or(Duration::ZERO))
}

/// `Retry-After` as a point in time: ISO-8601 / RFC 3339 (`2020-05-31T00:00:00Z`), or seconds
/// from now.
fn parse_retry_at(s: &str, now: Timestamp) -> Option<Timestamp> {
    let s = s.trim();
    if let Ok(t) = s.parse::<Timestamp>() {
        return Some(t);
    }
    let secs = s.parse::<u64>().ok()?;
    now.checked_add(jiff::SignedDuration::from_secs(
        i64::try_from(secs).unwrap_or(i64::MAX / 2),
    ))
    .ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use RateCategory::{Heavy, Light, Medium, ResourceIntensive};

    #[test]
    fn plans_parse() {
        assert_eq!("Free".parse::<Plan>().unwrap(), Plan::Free);
        assert_eq!(" pro ".parse::<Plan>().unwrap(), Plan::Pro);
        assert_eq!("Enterprise".parse::<Plan>().unwrap(), Plan::Business);
        assert_eq!("business+".parse::<Plan>().unwrap(), Plan::Business);
        let e = "gold".parse::<Plan>().unwrap_err().to_string();
        assert!(e.contains("expected free, pro or business"), "{e}");
        for p in [Plan::Free, Plan::Pro, Plan::Business] {
            assert_eq!(p.to_string().parse::<Plan>().unwrap(), p);
        }
    }

    #[test]
    fn tables() {
        let b = RateTable::for_plan(Plan::Business);
        assert_eq!(b.rate(Light), Rate::per_second(80));
        assert_eq!(b.rate(ResourceIntensive), Rate::per_minute(20));
        assert_eq!(b.daily.len(), 1);
        assert_eq!(b.daily[0].limit, 60_000);
        let f = RateTable::for_plan(Plan::Free);
        assert_eq!(f.rate(Heavy), Rate::per_second(1));
        assert_eq!(f.daily.len(), 4);
        assert_eq!(RateTable::default(), b);
        assert_eq!(RateTable::for_plan(Plan::Pro).daily[0].limit, 30_000);
    }

    #[test]
    fn categories_parse_zoom_spellings() {
        assert_eq!(
            RateCategory::parse("RESOURCE-INTENSIVE"),
            Some(ResourceIntensive)
        );
        assert_eq!(
            RateCategory::parse("Resource-intensive"),
            Some(ResourceIntensive)
        );
        assert_eq!(RateCategory::parse("medium"), Some(Medium));
        assert_eq!(RateCategory::parse("x"), None);
    }

    #[test]
    fn retry_after_values() {
        let now: Timestamp = "2026-11-29T23:59:00Z".parse().unwrap();
        assert_eq!(parse_retry_after("1", now), Some(Duration::from_secs(1)));
        assert_eq!(
            parse_retry_after("0.5", now),
            Some(Duration::from_millis(500))
        );
        assert_eq!(
            parse_retry_after("2026-11-30T00:00:00Z", now),
            Some(Duration::from_secs(60))
        );
        assert_eq!(
            parse_retry_after("2026-11-29T00:00:00Z", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("-1", now), None);
        assert_eq!(parse_retry_after("soon", now), None);
    }

    #[test]
    fn midnight() {
        let now: Timestamp = "2026-11-29T08:15:00Z".parse().unwrap();
        assert_eq!(next_utc_midnight(now).to_string(), "2026-11-30T00:00:00Z");
        let now: Timestamp = "2026-12-31T23:59:59Z".parse().unwrap();
        assert_eq!(next_utc_midnight(now).to_string(), "2027-01-01T00:00:00Z");
    }

    #[test]
    fn window_counts_the_last_span() {
        let start = Instant::now();
        let mut w = Window {
            limit: 2,
            per: Duration::from_secs(1),
            sent: VecDeque::new(),
            paused_until: None,
        };
        let margin = Duration::from_millis(50);
        assert_eq!(w.next_free(start, margin), None);
        w.sent.push_back(start);
        assert_eq!(w.next_free(start, margin), None);
        w.sent.push_back(start + Duration::from_millis(100));
        assert_eq!(
            w.next_free(start + Duration::from_millis(100), margin),
            Some(start + Duration::from_millis(1050))
        );
        assert_eq!(
            w.next_free(start + Duration::from_millis(1050), margin),
            None
        );
        assert_eq!(w.sent.len(), 1, "the oldest send left the window");
        w.paused_until = Some(start + Duration::from_secs(5));
        assert_eq!(
            w.next_free(start + Duration::from_secs(2), margin),
            Some(start + Duration::from_secs(5))
        );
        w.limit = 1;
        w.sent.push_back(start + Duration::from_millis(4500));
        assert_eq!(
            w.next_free(start + Duration::from_millis(4600), margin),
            Some(start + Duration::from_millis(5550))
        );
    }
}
