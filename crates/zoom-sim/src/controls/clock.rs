//! The simulator's monotonic clock for expiries (access tokens, page tokens) and its wall time
//! (daily rate-limit caps). Tests move it forward with `Simulator::advance_clock` instead of
//! sleeping. Per-second rate limits do not use it: they run on real time.

use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Debug)]
pub(crate) struct Clock {
    started: Instant,
    offset: Mutex<Duration>,
}

impl Default for Clock {
    fn default() -> Self {
        Clock {
            started: Instant::now(),
            offset: Mutex::new(Duration::ZERO),
        }
    }
}

impl Clock {
    pub(crate) fn now(&self) -> Instant {
        let offset = *self.offset.lock().expect("clock lock poisoned");
        let now = Instant::now();
        now.checked_add(offset).unwrap_or(now)
    }

    pub(crate) fn advance(&self, by: Duration) {
        let mut offset = self.offset.lock().expect("clock lock poisoned");
        *offset = offset.saturating_add(by);
    }

    /// Simulator time: `start` (`SimConfig::now`) plus the real time since the clock was created
    /// plus every advance.
    pub(crate) fn wall(&self, start: jiff::Timestamp) -> jiff::Timestamp {
        let elapsed = self.now().saturating_duration_since(self.started);
        start.checked_add(elapsed).unwrap_or(jiff::Timestamp::MAX)
    }
}
