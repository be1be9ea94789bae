//! Counters of what the gate did: requests per rate-limit category, throttling, faults.

use std::collections::BTreeMap;

use crate::controls::faults::FaultKind;
use crate::controls::ratelimit::{RateCategory, RateLimitType};

/// What the simulator has counted since it started (or since [`crate::Simulator::clear_stats`]),
/// for tests and benchmarks. Counters exist whether or not rate limits and faults are configured.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct SimStats {
    /// `/v2` requests that reached the rate limiter (valid token, known endpoint, scope and plan
    /// accepted), by their endpoint's category; refused (429) ones included.
    pub requests_by_category: BTreeMap<RateCategory, u64>,
    /// Requests refused with a per-second (`X-RateLimit-Type: QPS`) 429.
    pub throttled_qps: u64,
    /// Requests refused with a daily (`X-RateLimit-Type: Daily-limit`) 429.
    pub throttled_daily: u64,
    /// Both kinds of 429, by category.
    pub throttled_by_category: BTreeMap<RateCategory, u64>,
    /// Faults injected by the [`crate::FaultPlan`].
    pub faults: FaultStats,
}

impl SimStats {
    /// Requests that reached the rate limiter, every category.
    #[must_use]
    pub fn requests(&self) -> u64 {
        self.requests_by_category.values().sum()
    }

    /// Every 429, both kinds.
    #[must_use]
    pub fn throttled(&self) -> u64 {
        self.throttled_qps + self.throttled_daily
    }

    /// Every fault injected, all kinds ([`FaultStats::total`]).
    #[must_use]
    pub fn faults_injected(&self) -> u64 {
        self.faults.total()
    }

    pub(crate) fn count_request(&mut self, category: RateCategory) {
        *self.requests_by_category.entry(category).or_insert(0) += 1;
    }

    pub(crate) fn count_throttle(&mut self, category: RateCategory, kind: RateLimitType) {
        match kind {
            RateLimitType::Qps => self.throttled_qps += 1,
            RateLimitType::Daily => self.throttled_daily += 1,
        }
        *self.throttled_by_category.entry(category).or_insert(0) += 1;
    }

    pub(crate) fn count_fault(&mut self, fault: FaultKind) {
        let f = &mut self.faults;
        match fault {
            FaultKind::ServerError(_) => f.server_errors += 1,
            FaultKind::Reset => f.resets += 1,
            FaultKind::Slow(_) => f.slow += 1,
            FaultKind::Truncated => f.truncated += 1,
            FaultKind::TokensRevoked => f.token_revocations += 1,
            FaultKind::ExpiredPageToken => f.expired_page_tokens += 1,
        }
    }
}

/// How many faults of each kind were injected.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct FaultStats {
    /// 500/502/503/504 answers (`5xx`).
    pub server_errors: u64,
    /// Connections closed without a response (`reset`).
    pub resets: u64,
    /// Delayed requests (`slow`; a slow request may also carry another fault).
    pub slow: u64,
    /// Responses with a cut body (`truncate`).
    pub truncated: u64,
    /// Token revocations (`revoke-token-after`; at most 1).
    pub token_revocations: u64,
    /// Page tokens refused although valid (`expire-page-tokens`).
    pub expired_page_tokens: u64,
}

impl FaultStats {
    /// Every fault, all kinds.
    #[must_use]
    pub fn total(&self) -> u64 {
        self.server_errors
            + self.resets
            + self.slow
            + self.truncated
            + self.token_revocations
            + self.expired_page_tokens
    }
}
