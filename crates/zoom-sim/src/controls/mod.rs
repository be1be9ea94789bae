//! What tests control and observe: fault plans, rate limits, the movable clock, the counters.

pub(crate) mod clock;
pub(crate) mod faults;
pub(crate) mod ratelimit;
pub(crate) mod stats;
