//! The collector's "now": when a run starts and ends, and so the UTC day whose meetings and
//! activities it reads. The system clock unless a caller pins it: tests fix it, or start it at
//! a simulator's "now", so that a run's dates do not depend on the machine's.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

/// Where the collector reads the time. [`Clock::system`] (the default) for real fetches.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Clock {
    reading: Reading,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Reading {
    #[default]
    System,
    /// Always this instant.
    Fixed(Timestamp),
    /// The system clock shifted by this much.
    Shifted(SignedDuration),
}

impl Clock {
    /// The machine's clock.
    pub fn system() -> Clock {
        Clock::default()
    }

    /// A clock that always reads `at`: a run starts and ends at that instant.
    pub fn fixed(at: Timestamp) -> Clock {
        Clock {
            reading: Reading::Fixed(at),
        }
    }

    /// A clock that reads `at` now and runs on at the system clock's pace, as a simulator's
    /// does from its configured "now" (`Clock::starting_at(sim.now())`).
    pub fn starting_at(at: Timestamp) -> Clock {
        Clock {
            reading: Reading::Shifted(at.duration_since(Timestamp::now())),
        }
    }

    /// The time now, by this clock.
    pub fn now(&self) -> Timestamp {
        match self.reading {
            Reading::System => Timestamp::now(),
            Reading::Fixed(at) => at,
            // Only a span with calendar units can fail to add; a SignedDuration cannot.
            Reading::Shifted(by) => Timestamp::now()
                .saturating_add(by)
                .unwrap_or(Timestamp::MAX),
        }
    }
}

/// The UTC day of `at`: Zoom's dashboards and reports take UTC dates.
pub(crate) fn utc_date(at: Timestamp) -> Date {
    TimeZone::UTC.to_datetime(at).date()
}

/// The first instant of `date`, UTC.
pub(crate) fn start_of_utc_day(date: Date) -> Timestamp {
    TimeZone::UTC
        .to_timestamp(date.to_datetime(jiff::civil::Time::midnight()))
        .unwrap_or(Timestamp::MIN)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        text.parse().expect("a timestamp")
    }

    #[test]
    fn a_fixed_clock_never_moves() {
        let clock = Clock::fixed(at("2026-03-14T23:59:59.5Z"));
        let first = clock.now();
        std::thread::sleep(std::time::Duration::from_millis(5));
        assert_eq!(clock.now(), first);
        assert_eq!(
            utc_date(first),
            "2026-03-14".parse::<Date>().expect("a date")
        );
    }

    #[test]
    fn a_started_clock_runs_on_from_its_start() {
        let start = at("2001-02-03T04:05:06Z");
        let clock = Clock::starting_at(start);
        let first = clock.now();
        assert!(
            first >= start && first.duration_since(start) < SignedDuration::from_secs(5),
            "{first}"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
        let later = clock.now();
        assert!(later.duration_since(first) >= SignedDuration::from_millis(20));
    }

    #[test]
    fn the_system_clock_is_the_default() {
        let before = Timestamp::now();
        let read = Clock::default().now();
        assert!(read >= before && read <= Timestamp::now());
        assert_eq!(Clock::default(), Clock::system());
    }
}
