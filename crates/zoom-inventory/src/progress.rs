//! Progress on stderr while a fetch runs: on a terminal, one line per source with its count and
//! a line of requests (made, of how many known, time waited on the rate budget, time left);
//! when stderr is not a terminal (cron, pipes, CI logs), that requests line as plain text every
//! [`PLAIN_EVERY`] (the first after as long, so a fetch that fails at once prints only its
//! error); nothing with `--quiet`. Both end with a line of totals once the fetch is stored.

use std::collections::HashMap;
use std::io::IsTerminal as _;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use zoom_collector::{Event, RequestProgress};

/// How often the requests line is printed when stderr is not a terminal: often enough for a
/// log to show a fetch is alive, rarely enough that a long one stays readable.
const PLAIN_EVERY: Duration = Duration::from_secs(10);

/// Where progress goes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// `--quiet`.
    Hidden,
    /// Bars redrawn in place.
    Terminal,
    /// A line now and then.
    Plain,
}

/// Draws fetch events.
pub(crate) struct Progress {
    mode: Mode,
    bars: MultiProgress,
    by_source: Mutex<HashMap<String, ProgressBar>>,
    started: Instant,
    /// When the next plain requests line is due.
    plain: Mutex<Throttle>,
    /// The totals, printed by [`Progress::finish`] once the run is stored.
    totals: Mutex<Option<RequestProgress>>,
}

impl Progress {
    pub(crate) fn new(quiet: bool) -> Progress {
        let mode = if quiet {
            Mode::Hidden
        } else if std::io::stderr().is_terminal() {
            Mode::Terminal
        } else {
            Mode::Plain
        };
        let target = if mode == Mode::Terminal {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        Progress {
            mode,
            bars: MultiProgress::with_draw_target(target),
            by_source: Mutex::new(HashMap::new()),
            started: Instant::now(),
            plain: Mutex::new(Throttle::starting(Instant::now(), PLAIN_EVERY)),
            totals: Mutex::new(None),
        }
    }

    pub(crate) fn on_event(&self, event: Event) {
        match event {
            Event::Requests(progress) => self.requests(&progress),
            Event::RequestTotals(totals) => {
                self.finish_bar("requests", requests_line(&totals));
                *lock(&self.totals) = Some(totals);
            }
            Event::Authenticating => {
                self.spinner("token", "getting an access token");
            }
            Event::RunStarted { run_id } => {
                self.finish_bar("token", format!("run {run_id} started"));
            }
            Event::SourceStarted { source } => {
                self.spinner(&source, "0");
            }
            Event::Fetched { source, count } => {
                if let Some(bar) = self.lock().get(&source) {
                    bar.set_position(count);
                    bar.set_message(count.to_string());
                }
            }
            Event::SourceFinished {
                source,
                count,
                error,
            } => {
                let message = match error {
                    None => format!("{count} done"),
                    Some(error) => format!("{count} stored, then failed: {error}"),
                };
                self.finish_bar(&source, message);
            }
            Event::Committing => {
                self.spinner("commit", "committing the run");
            }
            _ => {}
        }
    }

    /// The requests line: on the terminal its own bar, else printed when [`PLAIN_EVERY`] has
    /// passed since the last one.
    fn requests(&self, progress: &RequestProgress) {
        match self.mode {
            Mode::Hidden => {}
            Mode::Terminal => {
                if !self.lock().contains_key("requests") {
                    self.spinner("requests", "");
                }
                if let Some(bar) = self.lock().get("requests") {
                    bar.set_message(requests_line(progress));
                }
            }
            Mode::Plain => {
                if lock(&self.plain).due(Instant::now()) {
                    say(&format!("requests {}", requests_line(progress)));
                }
            }
        }
    }

    /// Clears the bars, then prints the totals when the run was stored (`stored`): after a
    /// failure the error is the only line.
    pub(crate) fn finish(&self, stored: bool) {
        self.clear();
        if self.mode == Mode::Hidden || !stored {
            return;
        }
        if let Some(totals) = lock(&self.totals).as_ref() {
            say(&totals_line(totals, self.started.elapsed()));
        }
    }

    pub(crate) fn clear(&self) {
        for bar in self.lock().values() {
            if !bar.is_finished() {
                bar.finish_and_clear();
            }
        }
        let _ = self.bars.clear();
    }

    fn spinner(&self, source: &str, message: &str) {
        let style = ProgressStyle::with_template("{spinner} {prefix:>16} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner());
        let bar = self.bars.add(ProgressBar::new_spinner());
        bar.set_style(style);
        bar.set_prefix(source.to_owned());
        bar.set_message(message.to_owned());
        bar.enable_steady_tick(Duration::from_millis(120));
        self.lock().insert(source.to_owned(), bar);
    }

    fn finish_bar(&self, source: &str, message: String) {
        if let Some(bar) = self.lock().get(source) {
            bar.finish_with_message(message);
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, ProgressBar>> {
        lock(&self.by_source)
    }
}

/// At most one line every `every`, the first `every` after the start.
struct Throttle {
    next: Instant,
    every: Duration,
}

impl Throttle {
    fn starting(now: Instant, every: Duration) -> Throttle {
        Throttle {
            next: now + every,
            every,
        }
    }

    /// Whether a line is due at `now`; if so, the next is `every` later.
    fn due(&mut self, now: Instant) -> bool {
        if now < self.next {
            return false;
        }
        self.next = now + self.every;
        true
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn say(line: &str) {
    #[allow(clippy::print_stderr, reason = "progress is stderr's")]
    {
        eprintln!("{line}");
    }
}

/// `123 of 456 made, 12.3 s in rate-limit waits, about 8.0 s left`; without what is not known
/// yet. The waits are summed over requests (many wait at once), so they can exceed the time the
/// fetch has taken.
fn requests_line(progress: &RequestProgress) -> String {
    let mut line = match progress.planned {
        Some(planned) => format!("{} of {planned} made", progress.made),
        None => format!("{} made", progress.made),
    };
    line.push_str(&format!(
        ", {} in rate-limit waits",
        duration(progress.waited_for_budget)
    ));
    if let Some(left) = progress.time_left {
        line.push_str(&format!(", about {} left", duration(left)));
    }
    line
}

/// `fetched with 1325 requests in 13.6 s (6 min 34 s in rate-limit waits, all requests
/// together)`.
fn totals_line(totals: &RequestProgress, elapsed: Duration) -> String {
    format!(
        "fetched with {} requests in {} ({} in rate-limit waits, all requests together)",
        totals.made,
        duration(elapsed),
        duration(totals.waited_for_budget)
    )
}

/// A duration as people read it: `0.4 s`, `12.3 s`, `2 min 5 s`, `1 h 20 min`.
fn duration(duration: Duration) -> String {
    let seconds = duration.as_secs();
    match seconds {
        0..60 => format!("{:.1} s", duration.as_secs_f64()),
        60..3600 => format!("{} min {} s", seconds / 60, seconds % 60),
        _ => format!("{} h {} min", seconds / 3600, seconds % 3600 / 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_lines_come_every_period_from_the_first_period_on() {
        let start = Instant::now();
        let every = Duration::from_secs(10);
        let mut throttle = Throttle::starting(start, every);
        let at = |seconds: u64| start + Duration::from_secs(seconds);
        assert!(!throttle.due(start), "nothing at the start");
        assert!(!throttle.due(at(9)));
        assert!(throttle.due(at(10)));
        assert!(!throttle.due(at(15)));
        assert!(throttle.due(at(21)));
        assert!(
            !throttle.due(at(30)),
            "the next is a period after the last line"
        );
        assert!(throttle.due(at(31)));
    }

    #[test]
    fn durations_read_as_people_say_them() {
        assert_eq!(duration(Duration::from_millis(400)), "0.4 s");
        assert_eq!(duration(Duration::from_millis(59_940)), "59.9 s");
        assert_eq!(duration(Duration::from_secs(125)), "2 min 5 s");
        assert_eq!(duration(Duration::from_secs(4800)), "1 h 20 min");
    }
}
