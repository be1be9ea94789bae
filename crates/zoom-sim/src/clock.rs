//! The simulator's monotonic clock for expiries (access tokens, page tokens; later rate-limit
//! windows). Tests move it forward with `Simulator::advance_clock` instead of sleeping.

use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Debug, Default)]
pub(crate) struct Clock {
    offset: Mutex<Duration>,
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
}
