//! The progress a fetch reports: one [`Event`] per step, handed to the caller's callback (the
//! CLI draws them; the collector itself prints nothing).

use crate::progress::RequestProgress;

/// What a running fetch reports, for progress displays and logs.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Event {
    /// Getting an access token.
    Authenticating,
    /// The run is open in the store.
    RunStarted {
        /// The run's id.
        run_id: i64,
    },
    /// A source began.
    SourceStarted {
        /// The source's scope name, e.g. `users/active`.
        source: String,
    },
    /// A source stored one more record.
    Fetched {
        /// The source's scope name.
        source: String,
        /// Records stored so far by this source.
        count: u64,
    },
    /// A source ended.
    SourceFinished {
        /// The source's scope name.
        source: String,
        /// Records stored by this source.
        count: u64,
        /// Why it did not complete, when it did not.
        error: Option<String>,
    },
    /// The quota planner's plan, made once the past meetings are listed: the requests the run
    /// expects per rate-limit category, and the meetings it reads or defers.
    Planned(Box<crate::Plan>),
    /// Everything is fetched; the run is being committed.
    Committing,
    /// The requests so far and what is known of those ahead, reported every half second while
    /// the sources run.
    Requests(RequestProgress),
    /// The requests of the whole fetch, once the sources are done (before [`Event::Committing`]).
    RequestTotals(RequestProgress),
}
