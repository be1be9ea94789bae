//! Seeded, reproducible faults: what a real network and a real Zoom do to a client now and then.
//!
//! [`FaultPlan`] says which faults and how often ([`crate::SimConfig::faults`], or parsed from a
//! spec such as `seed=7,5xx=0.10,reset=0.02` by [`FaultPlan::parse`]); [`Faults`] decides, for the
//! gate in `http/gate.rs`, what happens to each `/v2` request; the gate makes the responses
//! described below.
//!
//! # Determinism
//! Each decision is a hash of (seed, method, path, raw query, *occurrence*), where occurrence is
//! how many times this exact method + path + query has reached the fault stage so far (1 for the
//! first time). It does not depend on arrival order across different requests, so concurrent
//! clients see the same faults in every run with the same seed. A retried request is a new
//! occurrence and rolls again, so no request fails forever.
//!
//! # Where faults apply
//! Only to `/v2` requests that passed the token, scope and plan checks and the rate limiter (a
//! faulted request still counts against the rate limits, as a request that reached Zoom would).
//! Never to `/oauth/token`. The exception is `revoke-token-after`, which counts every `/v2`
//! request at the very start of the gate (before the token check, so that it shows as 401).

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use crate::error::ParseFaultPlanError;

/// Which faults the simulator injects, and how often. The default injects none.
///
/// # Spec grammar ([`FaultPlan::parse`], `zoom-inventory sim --faults SPEC`)
/// A comma-separated list of `key=value` items, in any order, each key at most once; spaces
/// around items, keys and values are ignored, empty items skipped; an empty spec (or `none`)
/// means no faults.
///
/// | Item | Meaning | Field |
/// |---|---|---|
/// | `seed=N` | seed of every decision (u64, default 0) | [`seed`](FaultPlan::seed) |
/// | `5xx=RATE` | that share of requests gets 500, 502, 503 or 504 | [`server_errors`](FaultPlan::server_errors) |
/// | `reset=RATE` | that share has its connection closed before any response | [`resets`](FaultPlan::resets) |
/// | `slow=RATE[:DURATION]` | that share is delayed by `DURATION` (default 1 s) first | [`slow`](FaultPlan::slow), [`slow_delay`](FaultPlan::slow_delay) |
/// | `truncate=RATE` | that share gets its response with the body cut mid-way | [`truncate`](FaultPlan::truncate) |
/// | `revoke-token-after=N` | after the N-th `/v2` request every token issued so far is revoked, once (N ≥ 1) | [`revoke_token_after`](FaultPlan::revoke_token_after) |
/// | `expire-page-tokens=RATE` | that share of requests carrying a `next_page_token` gets 400 code 300 | [`expire_page_tokens`](FaultPlan::expire_page_tokens) |
///
/// `RATE` is a share between 0 and 1 (`0.05`, `.05`, `1`) or a percentage (`5%`). The shares
/// of `5xx`, `reset`, `truncate` and `expire-page-tokens` are exclusive outcomes of one roll, so
/// together they must not exceed 1; `slow` is rolled separately and combines with them.
/// `DURATION` is a number with a unit: `250ms`, `2s`, `1.5s`, `1m`.
///
/// Example: `seed=7,5xx=0.10,reset=0.02,slow=0.01:250ms,truncate=0.01,revoke-token-after=300,expire-page-tokens=0.05`.
///
/// # What the client sees
/// - `5xx`: 500 `{"code":500,"message":"Internal Error."}` or 503
///   `{"code":503,"message":"Service Unavailable. Please try again later."}` (JSON, Zoom's error
///   shape; Zoom documents no 5xx body, these are the simulator's), or 502 / 504 as an HTML page
///   of a gateway (`text/html`, `<title>502 Bad Gateway</title>` / `504 Gateway Time-out`), as
///   a proxy in front of an API answers. The status is chosen from the same hash.
/// - `reset`: the connection is closed with no response at all (the client gets a transport
///   error such as "connection closed before message completed"). The handler does not run.
/// - `truncate`: the handler's response (status and headers kept, `Content-Length` of the full
///   body) with only the first half of the body sent before the connection is closed: a body
///   error on the client, never a clean truncated JSON.
/// - `expire-page-tokens`: 400 `{"code":300,"message":"The next page token is invalid or
///   expired."}` for a request whose query has a non-empty `next_page_token`. The token itself
///   stays valid: retrying it is a new occurrence.
/// - `revoke-token-after=N`: the (N+1)-th `/v2` request, and any later one with a token issued
///   before it, gets 401 `{"code":124,"message":"Invalid access token."}` until the client
///   requests a new token. Requests are counted in arrival order, so with concurrent clients
///   *which* request is the (N+1)-th depends on timing; the revocation happens once.
#[derive(Debug, Clone, PartialEq)]
pub struct FaultPlan {
    /// Seed of every decision.
    pub seed: u64,
    /// Share of requests answered 500/502/503/504 (`5xx=`).
    pub server_errors: f64,
    /// Share of requests whose connection is closed without a response (`reset=`).
    pub resets: f64,
    /// Share of requests delayed by [`FaultPlan::slow_delay`] (`slow=`).
    pub slow: f64,
    /// The delay of a slow request. Default 1 s.
    pub slow_delay: Duration,
    /// Share of requests whose response body is cut mid-way (`truncate=`).
    pub truncate: f64,
    /// Revoke every token issued so far once, after this many `/v2` requests
    /// (`revoke-token-after=`).
    pub revoke_token_after: Option<u64>,
    /// Share of requests carrying a `next_page_token` answered 400 code 300
    /// (`expire-page-tokens=`).
    pub expire_page_tokens: f64,
}

impl Default for FaultPlan {
    fn default() -> Self {
        FaultPlan::none()
    }
}

impl FaultPlan {
    /// No faults.
    #[must_use]
    pub fn none() -> Self {
        FaultPlan {
            seed: 0,
            server_errors: 0.0,
            resets: 0.0,
            slow: 0.0,
            slow_delay: Duration::from_secs(1),
            truncate: 0.0,
            revoke_token_after: None,
            expire_page_tokens: 0.0,
        }
    }

    /// Whether the plan injects nothing.
    #[must_use]
    pub fn is_none(&self) -> bool {
        !self.rolls() && self.revoke_token_after.is_none()
    }

    /// Parses a spec (grammar in the type's documentation).
    ///
    /// # Errors
    /// [`ParseFaultPlanError`] naming the offending item: an unknown key, a missing `=`, a
    /// duplicate key, a rate outside 0..=1, a bad number or duration, or exclusive shares adding
    /// up to more than 1.
    pub fn parse(spec: &str) -> Result<FaultPlan, ParseFaultPlanError> {
        let mut plan = FaultPlan::none();
        if spec.trim().eq_ignore_ascii_case("none") {
            return Ok(plan);
        }
        let mut seen: Vec<&str> = Vec::new();
        for item in spec.split(',').map(str::trim).filter(|i| !i.is_empty()) {
            let bad = |reason: &str| ParseFaultPlanError {
                part: item.to_owned(),
                reason: reason.to_owned(),
            };
            let (key, value) = item
                .split_once('=')
                .map(|(k, v)| (k.trim(), v.trim()))
                .ok_or_else(|| bad("expected key=value"))?;
            if seen.contains(&key) {
                return Err(bad("given twice"));
            }
            match key {
                "seed" => {
                    plan.seed = value
                        .parse()
                        .map_err(|_| bad("the seed must be a whole number"))?;
                }
                "5xx" => plan.server_errors = parse_rate(value).map_err(|r| bad(&r))?,
                "reset" => plan.resets = parse_rate(value).map_err(|r| bad(&r))?,
                "truncate" => plan.truncate = parse_rate(value).map_err(|r| bad(&r))?,
                "expire-page-tokens" => {
                    plan.expire_page_tokens = parse_rate(value).map_err(|r| bad(&r))?;
                }
                "slow" => {
                    let (rate, delay) = match value.split_once(':') {
                        Some((rate, delay)) => (
                            rate.trim(),
                            parse_duration(delay.trim()).map_err(|r| bad(&r))?,
                        ),
                        None => (value, Duration::from_secs(1)),
                    };
                    plan.slow = parse_rate(rate).map_err(|r| bad(&r))?;
                    plan.slow_delay = delay;
                }
                "revoke-token-after" => {
                    let n: u64 = value
                        .parse()
                        .ok()
                        .filter(|&n| n >= 1)
                        .ok_or_else(|| bad("expected a number of requests, at least 1"))?;
                    plan.revoke_token_after = Some(n);
                }
                _ => {
                    return Err(bad(
                        "unknown fault (expected seed, 5xx, reset, slow, truncate, \
                         revoke-token-after or expire-page-tokens)",
                    ));
                }
            }
            seen.push(key);
        }
        plan.validate().map_err(|reason| ParseFaultPlanError {
            part: "5xx+reset+truncate+expire-page-tokens".to_owned(),
            reason,
        })?;
        Ok(plan)
    }

    /// Why the plan cannot be used, if it cannot (a share outside 0..=1 or not a number, or
    /// exclusive shares above 1 together).
    pub(crate) fn validate(&self) -> Result<(), String> {
        for (name, rate) in [
            ("5xx", self.server_errors),
            ("reset", self.resets),
            ("slow", self.slow),
            ("truncate", self.truncate),
            ("expire-page-tokens", self.expire_page_tokens),
        ] {
            if !(0.0..=1.0).contains(&rate) {
                return Err(format!("the share of {name} must be between 0 and 1"));
            }
        }
        if self.exclusive_total() > 1.0 + 1e-9 {
            return Err(
                "the shares of 5xx, reset, truncate and expire-page-tokens add up to more than 1"
                    .to_owned(),
            );
        }
        if self.revoke_token_after == Some(0) {
            return Err("revoke-token-after must be at least 1".to_owned());
        }
        Ok(())
    }

    fn exclusive_total(&self) -> f64 {
        self.resets + self.server_errors + self.truncate + self.expire_page_tokens
    }

    /// Whether any per-request fault is rolled.
    fn rolls(&self) -> bool {
        self.exclusive_total() > 0.0 || self.slow > 0.0
    }
}

impl FromStr for FaultPlan {
    type Err = ParseFaultPlanError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        FaultPlan::parse(s)
    }
}

/// The plan as a spec that [`FaultPlan::parse`] reads back (`none` for no faults).
impl fmt::Display for FaultPlan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_none() {
            return f.write_str("none");
        }
        write!(f, "seed={}", self.seed)?;
        for (name, rate) in [
            ("5xx", self.server_errors),
            ("reset", self.resets),
            ("truncate", self.truncate),
            ("expire-page-tokens", self.expire_page_tokens),
        ] {
            if rate > 0.0 {
                write!(f, ",{name}={rate}")?;
            }
        }
        if self.slow > 0.0 {
            write!(f, ",slow={}:{}ms", self.slow, self.slow_delay.as_millis())?;
        }
        if let Some(n) = self.revoke_token_after {
            write!(f, ",revoke-token-after={n}")?;
        }
        Ok(())
    }
}

fn parse_rate(raw: &str) -> Result<f64, String> {
    let (number, scale) = match raw.strip_suffix('%') {
        Some(percent) => (percent.trim(), 100.0),
        None => (raw, 1.0),
    };
    let value = number
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| format!("{raw:?} is not a share (expected e.g. 0.05 or 5%)"))?
        / scale;
    if (0.0..=1.0).contains(&value) {
        Ok(value)
    } else {
        Err(format!("{raw:?} is not between 0 and 1"))
    }
}

fn parse_duration(raw: &str) -> Result<Duration, String> {
    let bad = || format!("{raw:?} is not a duration (expected e.g. 250ms, 2s or 1m)");
    let (number, unit) = if let Some(n) = raw.strip_suffix("ms") {
        (n, 0.001)
    } else if let Some(n) = raw.strip_suffix('s') {
        (n, 1.0)
    } else if let Some(n) = raw.strip_suffix('m') {
        (n, 60.0)
    } else {
        return Err(bad());
    };
    let value: f64 = number.trim().parse().map_err(|_| bad())?;
    Duration::try_from_secs_f64(value * unit).map_err(|_| bad())
}

/// A fault injected into one request, as recorded in the request log and counted in
/// [`crate::SimStats`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FaultKind {
    /// Answered with this 5xx status (`5xx`).
    ServerError(u16),
    /// Connection closed before any response (`reset`).
    Reset,
    /// Delayed by this long before being handled (`slow`).
    Slow(Duration),
    /// Response body cut mid-way (`truncate`).
    Truncated,
    /// Every token issued so far was revoked just before this request (`revoke-token-after`).
    TokensRevoked,
    /// Answered 400 code 300 although its `next_page_token` was valid (`expire-page-tokens`).
    ExpiredPageToken,
}

/// The outcome of the roll for one request (besides a possible delay).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Outcome {
    Normal,
    ServerError(u16),
    Reset,
    Truncate,
    ExpiredPageToken,
}

/// What happens to one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Decision {
    pub(crate) delay: Option<Duration>,
    pub(crate) outcome: Outcome,
}

impl Decision {
    const NONE: Decision = Decision {
        delay: None,
        outcome: Outcome::Normal,
    };
}

/// The fault injector: the plan plus the counters decisions depend on.
#[derive(Debug)]
pub(crate) struct Faults {
    plan: FaultPlan,
    /// How many times each `METHOD path?query` reached the fault stage.
    seen: Mutex<HashMap<String, u64>>,
    /// `/v2` requests that entered the gate.
    v2_requests: AtomicU64,
}

impl Faults {
    pub(crate) fn new(plan: FaultPlan) -> Self {
        Faults {
            plan,
            seen: Mutex::new(HashMap::new()),
            v2_requests: AtomicU64::new(0),
        }
    }

    /// Counts one `/v2` request entering the gate; `true` when this is the (N+1)-th and every
    /// token issued so far must be revoked now.
    pub(crate) fn revoke_now(&self) -> bool {
        let Some(n) = self.plan.revoke_token_after else {
            return false;
        };
        self.v2_requests.fetch_add(1, Ordering::Relaxed) + 1 == n.saturating_add(1)
    }

    /// The decision for a request that reached the fault stage.
    pub(crate) fn decide(&self, method: &str, path: &str, query: Option<&str>) -> Decision {
        if !self.plan.rolls() {
            return Decision::NONE;
        }
        let key = format!("{method} {path}?{}", query.unwrap_or(""));
        let occurrence = {
            let mut seen = self.seen.lock().expect("fault counter lock poisoned");
            let n = seen.entry(key).or_insert(0);
            *n += 1;
            *n
        };
        decide(&self.plan, method, path, query, occurrence)
    }
}

/// The pure decision function: the same inputs always give the same decision.
pub(crate) fn decide(
    plan: &FaultPlan,
    method: &str,
    path: &str,
    query: Option<&str>,
    occurrence: u64,
) -> Decision {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let bytes = plan
        .seed
        .to_le_bytes()
        .into_iter()
        .chain(method.bytes())
        .chain([0])
        .chain(path.bytes())
        .chain([0])
        .chain(query.unwrap_or("").bytes())
        .chain([0])
        .chain(occurrence.to_le_bytes());
    for b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    let outcome_roll = unit(mix(hash ^ 0x6f75_7463_6f6d_6521));
    let slow_roll = unit(mix(hash ^ 0x736c_6f77_2121_2121));
    let status_roll = mix(hash ^ 0x7374_6174_7573_2121);

    let delay = (slow_roll < plan.slow).then_some(plan.slow_delay);
    let has_page_token = query.is_some_and(|q| {
        q.split('&')
            .filter_map(|kv| kv.split_once('='))
            .any(|(k, v)| k == "next_page_token" && !v.is_empty())
    });
    let status = [500, 502, 503, 504][usize::try_from(status_roll % 4).unwrap_or(0)];
    let expire = if has_page_token {
        plan.expire_page_tokens
    } else {
        0.0
    };
    let mut edge = 0.0;
    let mut outcome = Outcome::Normal;
    for (share, candidate) in [
        (plan.resets, Outcome::Reset),
        (plan.server_errors, Outcome::ServerError(status)),
        (plan.truncate, Outcome::Truncate),
        (expire, Outcome::ExpiredPageToken),
    ] {
        edge += share;
        if outcome_roll < edge {
            outcome = candidate;
            break;
        }
    }
    Decision { delay, outcome }
}

/// SplitMix64's finalizer.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A uniform number in `[0, 1)` from the top 53 bits.
fn unit(z: u64) -> f64 {
    #[allow(clippy::cast_precision_loss, reason = "53 bits fit an f64 exactly")]
    let value = (z >> 11) as f64;
    value / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_documented_example() {
        let plan = FaultPlan::parse(
            "seed=7,5xx=0.10,reset=0.02,slow=0.01:250ms,truncate=0.01,revoke-token-after=300,\
             expire-page-tokens=0.05",
        )
        .unwrap();
        assert_eq!(
            plan,
            FaultPlan {
                seed: 7,
                server_errors: 0.10,
                resets: 0.02,
                slow: 0.01,
                slow_delay: Duration::from_millis(250),
                truncate: 0.01,
                revoke_token_after: Some(300),
                expire_page_tokens: 0.05,
            }
        );
        assert_eq!(FaultPlan::parse(&plan.to_string()).unwrap(), plan);
        assert!(!plan.is_none());
    }

    #[test]
    fn good_specs() {
        for empty in ["", "  ", "none", "NONE", ",,"] {
            assert!(FaultPlan::parse(empty).unwrap().is_none(), "{empty:?}");
        }
        assert_eq!(FaultPlan::none().to_string(), "none");
        let plan: FaultPlan = " 5xx = 5% , slow=.5 , reset=1e-2,".parse().unwrap();
        assert!((plan.server_errors - 0.05).abs() < 1e-12);
        assert_eq!((plan.slow, plan.slow_delay), (0.5, Duration::from_secs(1)));
        assert!((plan.resets - 0.01).abs() < 1e-12);
        for (spec, delay) in [
            ("slow=1:2s", Duration::from_secs(2)),
            ("slow=1:1.5s", Duration::from_millis(1500)),
            ("slow=1:1m", Duration::from_secs(60)),
            ("slow=1:0ms", Duration::ZERO),
        ] {
            assert_eq!(FaultPlan::parse(spec).unwrap().slow_delay, delay, "{spec}");
        }
        assert!(FaultPlan::parse("5xx=0.5,reset=0.25,truncate=0.25").is_ok());
        assert!(FaultPlan::parse("revoke-token-after=1").is_ok());
    }

    #[test]
    fn bad_specs_name_the_bad_part() {
        for (spec, part, reason) in [
            ("5xx=1.5", "5xx=1.5", "between 0 and 1"),
            ("seed=7,reset=abc", "reset=abc", "not a share"),
            ("seed=-1", "seed=-1", "whole number"),
            ("slow=0.1:fast", "slow=0.1:fast", "not a duration"),
            ("slow=0.1:250", "slow=0.1:250", "not a duration"),
            ("timeout=0.1", "timeout=0.1", "unknown fault"),
            ("5xx", "5xx", "key=value"),
            ("5xx=0.1,5xx=0.2", "5xx=0.2", "twice"),
            ("revoke-token-after=0", "revoke-token-after=0", "at least 1"),
            ("revoke-token-after=x", "revoke-token-after=x", "at least 1"),
            ("5xx=-0.1", "5xx=-0.1", "between 0 and 1"),
            ("reset=NaN", "reset=NaN", "not a share"),
            (
                "5xx=0.6,reset=0.5",
                "5xx+reset+truncate+expire-page-tokens",
                "more than 1",
            ),
        ] {
            let error = FaultPlan::parse(spec).unwrap_err();
            assert_eq!(error.part, part, "{spec}");
            assert!(error.reason.contains(reason), "{spec}: {error}");
            assert!(error.to_string().contains(part), "{error}");
        }
    }

    #[test]
    fn decisions_are_a_function_of_the_request_and_occurrence() {
        let plan = FaultPlan::parse("seed=3,5xx=0.3,reset=0.1,truncate=0.1,slow=0.2:5ms").unwrap();
        let a = decide(&plan, "GET", "/v2/users", Some("page_size=5"), 1);
        assert_eq!(a, decide(&plan, "GET", "/v2/users", Some("page_size=5"), 1));
        let mut outcomes: HashMap<Outcome, u32> = HashMap::new();
        let mut slow = 0u32;
        for occurrence in 1..=4000 {
            let d = decide(&plan, "GET", "/v2/users", None, occurrence);
            *outcomes.entry(d.outcome).or_insert(0) += 1;
            slow += u32::from(d.delay.is_some());
        }
        let share = |o: Outcome| f64::from(outcomes.get(&o).copied().unwrap_or(0)) / 4000.0;
        assert!((share(Outcome::Reset) - 0.1).abs() < 0.03, "{outcomes:?}");
        let errors: f64 = [500, 502, 503, 504]
            .into_iter()
            .map(|s| share(Outcome::ServerError(s)))
            .sum();
        assert!((errors - 0.3).abs() < 0.04, "{outcomes:?}");
        for s in [500, 502, 503, 504] {
            assert!(share(Outcome::ServerError(s)) > 0.04, "{outcomes:?}");
        }
        assert!(
            (share(Outcome::Truncate) - 0.1).abs() < 0.03,
            "{outcomes:?}"
        );
        assert_eq!(share(Outcome::ExpiredPageToken), 0.0);
        assert!((f64::from(slow) / 4000.0 - 0.2).abs() < 0.03, "{slow}");
        // A different seed gives different decisions.
        let other = FaultPlan { seed: 4, ..plan };
        assert!((1..=50).any(|n| decide(&plan, "GET", "/v2/users", None, n)
            != decide(&other, "GET", "/v2/users", None, n)));
    }

    #[test]
    fn expired_page_tokens_only_with_a_token() {
        let plan = FaultPlan::parse("expire-page-tokens=1").unwrap();
        assert_eq!(
            decide(&plan, "GET", "/v2/users", Some("next_page_token=abc"), 1).outcome,
            Outcome::ExpiredPageToken
        );
        for query in [None, Some("next_page_token="), Some("page_size=3")] {
            assert_eq!(
                decide(&plan, "GET", "/v2/users", query, 1).outcome,
                Outcome::Normal
            );
        }
    }

    #[test]
    fn revocation_happens_once_after_n() {
        let faults = Faults::new(FaultPlan::parse("revoke-token-after=3").unwrap());
        let fired: Vec<bool> = (0..8).map(|_| faults.revoke_now()).collect();
        assert_eq!(
            fired,
            [false, false, false, true, false, false, false, false]
        );
        assert!(!Faults::new(FaultPlan::none()).revoke_now());
    }
}
