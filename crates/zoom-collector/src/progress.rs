//! How far a fetch is in requests: made, still ahead, time waited on the rate budget and an
//! estimate of the time left, sampled while the sources run and reported as
//! [`Event::Requests`], then once more as [`Event::RequestTotals`] when they are done.
//!
//! What is still ahead comes from a [`RequestsAhead`]: today the pages the listings under way
//! have announced ([`AnnouncedPages`]). A planner that knows the whole fetch beforehand feeds
//! the same display by implementing it; nothing else changes.

use std::convert::Infallible;
use std::time::Duration;

use zoom_api::{CategoryCounts, Client, ClientStats, RateCategory, RateTable};

use crate::Event;
use crate::run::Events;

/// How often the sources' progress in requests is reported.
const SAMPLE_EVERY: Duration = Duration::from_millis(500);

/// Requests made so far, and what is known of those still to make.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RequestProgress {
    /// API requests sent so far (retries included).
    pub made: u64,
    /// Requests made plus those known to be ahead; `None` while nothing ahead is known.
    pub planned: Option<u64>,
    /// Time requests waited for their category's rate budget, summed over requests.
    pub waited_for_budget: Duration,
    /// The time the requests known to be ahead take at the plan's rates (each category is
    /// paced on its own, so the slowest decides); `None` while nothing ahead is known.
    pub time_left: Option<Duration>,
}

/// Where the count of requests still to make comes from, by rate category.
pub trait RequestsAhead: Send + Sync {
    /// The requests still to make, given what the client has done so far.
    fn ahead(&self, stats: &ClientStats) -> CategoryCounts;
}

/// The pages the listings under way announced on their first page and have not requested
/// yet: a lower bound (listings not started, and the requests per item, are unknown).
#[derive(Debug, Clone, Copy, Default)]
pub struct AnnouncedPages;

impl RequestsAhead for AnnouncedPages {
    fn ahead(&self, stats: &ClientStats) -> CategoryCounts {
        stats.pages_announced_ahead
    }
}

impl RequestProgress {
    /// The progress in `stats`, with `ahead` still to make at the rates of `rates`.
    pub fn new(stats: &ClientStats, ahead: &CategoryCounts, rates: &RateTable) -> RequestProgress {
        let known = ahead.total() > 0;
        let time_left = RateCategory::ALL
            .into_iter()
            .map(|category| time_at_rate(ahead.get(category), rates, category))
            .max()
            .unwrap_or_default();
        RequestProgress {
            made: stats.requests,
            planned: known.then(|| stats.requests + ahead.total()),
            waited_for_budget: stats.waited_for_budget,
            time_left: known.then_some(time_left),
        }
    }
}

/// How long `requests` of `category` take at its rate.
fn time_at_rate(requests: u64, rates: &RateTable, category: RateCategory) -> Duration {
    let rate = rates.rate(category);
    let windows =
        u32::try_from(requests.div_ceil(u64::from(rate.limit.max(1)))).unwrap_or(u32::MAX);
    rate.per.saturating_mul(windows)
}

/// The progress of `client` now.
pub(crate) fn sample(client: &Client, ahead: &dyn RequestsAhead) -> RequestProgress {
    let stats = client.stats();
    RequestProgress::new(&stats, &ahead.ahead(&stats), &client.config().rate_table())
}

/// Reports [`Event::Requests`] every [`SAMPLE_EVERY`] until dropped.
pub(crate) async fn report(
    client: Client,
    ahead: &dyn RequestsAhead,
    events: Events,
) -> Infallible {
    let mut ticks = tokio::time::interval(SAMPLE_EVERY);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    loop {
        ticks.tick().await;
        events(Event::Requests(sample(&client, ahead)));
    }
}

#[cfg(test)]
mod tests {
    use zoom_api::Plan;

    use super::*;

    fn stats(requests: u64, waited: Duration) -> ClientStats {
        let mut stats = ClientStats::default();
        stats.requests = requests;
        stats.waited_for_budget = waited;
        stats
    }

    #[test]
    fn nothing_known_ahead_plans_nothing() {
        let progress = RequestProgress::new(
            &stats(12, Duration::from_secs(3)),
            &CategoryCounts::default(),
            &RateTable::for_plan(Plan::Business),
        );
        assert_eq!(progress.made, 12);
        assert_eq!(progress.planned, None);
        assert_eq!(progress.time_left, None);
        assert_eq!(progress.waited_for_budget, Duration::from_secs(3));
    }

    #[test]
    fn the_slowest_category_decides_the_time_left() {
        let ahead = CategoryCounts {
            // Business: Medium 60/s, so 1 s; Heavy 40/s, so 3 s; Resource-intensive 20/min.
            medium: 60,
            heavy: 81,
            ..CategoryCounts::default()
        };
        let business = RateTable::for_plan(Plan::Business);
        let progress = RequestProgress::new(&stats(100, Duration::ZERO), &ahead, &business);
        assert_eq!(progress.planned, Some(241));
        assert_eq!(progress.time_left, Some(Duration::from_secs(3)));

        let reports = CategoryCounts {
            resource_intensive: 21,
            ..CategoryCounts::default()
        };
        let progress = RequestProgress::new(&stats(0, Duration::ZERO), &reports, &business);
        assert_eq!(progress.time_left, Some(Duration::from_secs(120)));
        let free = RateTable::for_plan(Plan::Free);
        let progress = RequestProgress::new(&stats(0, Duration::ZERO), &ahead, &free);
        // Free: Heavy 1/s.
        assert_eq!(progress.time_left, Some(Duration::from_secs(81)));
    }
}
