//! What a run knows from the runs before it, and what it decides from that: whether it is full,
//! which details it reads again, where each source starts reading.
//!
//! The store keeps it (`inventory_store::Cursor`, `DetailMark`, the meetings read, the request
//! ledger), written with each committed run. A run reads it through its own connection
//! ([`Reader`]), which sees the last committed run while this run's writer holds its open
//! transaction; only a small index (a hash and a time per item) is held in memory, details are
//! read a page at a time.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use inventory_store::{Cursor, DetailMark, RequestTally, Store};
use jiff::{SignedDuration, Timestamp};
use sha2::{Digest, Sha256};

use crate::FetchError;

/// Cursor of the last full run: its start.
pub(crate) const FULL: &str = "full";
/// Cursor of the last run that read details: its start (the rotation spreads the reads due
/// over the time since).
pub(crate) const DETAILS: &str = "details";
/// Cursor of past meetings: the UTC date the next run lists from.
pub(crate) const MEETINGS: &str = "meetings";

/// A read-only connection to the database, used from blocking threads; none for a dry run of a
/// database that does not exist yet (which reads everything, so never asks it anything).
#[derive(Clone)]
pub(crate) struct Reader {
    store: Option<Arc<Mutex<Store>>>,
    path: PathBuf,
}

impl Reader {
    /// Opens the database (which the run's writer, or `check_database`, already created).
    pub(crate) async fn open(path: &Path) -> Result<Reader, FetchError> {
        let db = path.to_owned();
        let store = tokio::task::spawn_blocking(move || Store::open(&db))
            .await
            .map_err(|_| FetchError::WriterGone)?
            .map_err(|source| FetchError::Store {
                path: path.to_owned(),
                source,
            })?;
        Ok(Reader {
            store: Some(Arc::new(Mutex::new(store))),
            path: path.to_owned(),
        })
    }

    /// A reader of no database: `path` has no inventory yet.
    pub(crate) fn nothing(path: &Path) -> Reader {
        Reader {
            store: None,
            path: path.to_owned(),
        }
    }

    /// Runs `read` on a blocking thread with the store.
    pub(crate) async fn with<T: Send + 'static>(
        &self,
        read: impl FnOnce(&Store) -> Result<T, inventory_store::Error> + Send + 'static,
    ) -> Result<T, FetchError> {
        let Some(store) = self.store.clone() else {
            return Err(FetchError::NoInventory(self.path.clone()));
        };
        let path = self.path.clone();
        tokio::task::spawn_blocking(move || {
            let store = store
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            read(&store)
        })
        .await
        .map_err(|_| FetchError::WriterGone)?
        .map_err(|source| FetchError::Store { path, source })
    }
}

/// The hash a detail is read for: SHA-256 (hex) of the list record's canonical JSON.
pub(crate) fn list_hash(raw: &serde_json::Value) -> String {
    let digest = Sha256::digest(inventory_model::canonical_json(raw).as_bytes());
    digest.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Which details a run reads: all of them in a full run; otherwise an item's detail when the
/// item is new, its list record changed, its detail is older than the refresh interval, or the
/// rotation picks it.
///
/// The rotation spreads the refresh over the runs: each run reads again the details of the
/// `n * elapsed / refresh` items (rounded) of a kind read longest ago, `elapsed` being the time
/// since the last run that read details. Runs every hour with a 24-hour refresh each read a
/// 24th, so no run pays for the whole account at once, and each item is still read within
/// the interval (an item past it is read whatever the rotation says).
#[derive(Debug, Default)]
pub(crate) struct DetailPolicy {
    full: bool,
    due_before: Option<Timestamp>,
    marks: HashMap<String, DetailMark>,
    rotation: HashSet<String>,
}

impl DetailPolicy {
    /// The policy of a run started `now`. `since_last`: the time since the last run that read
    /// details, if any.
    pub(crate) fn new(
        marks: HashMap<String, DetailMark>,
        full: bool,
        now: Timestamp,
        refresh: SignedDuration,
        since_last: Option<SignedDuration>,
    ) -> DetailPolicy {
        let mut groups: BTreeMap<&str, Vec<(&Timestamp, &String)>> = BTreeMap::new();
        for (item, mark) in &marks {
            groups
                .entry(group_of(item))
                .or_default()
                .push((&mark.read_at, item));
        }
        let mut rotation = HashSet::new();
        if !full && let Some(elapsed) = since_last {
            for items in groups.values_mut() {
                let share = rotation_share(items.len(), elapsed, refresh);
                items.sort_unstable();
                rotation.extend(items.iter().take(share).map(|(_, item)| (*item).clone()));
            }
        }
        DetailPolicy {
            full,
            due_before: now.checked_sub(refresh).ok(),
            marks,
            rotation,
        }
    }

    /// Whether `item`'s detail must be read, its list record hashing to `list_hash`.
    pub(crate) fn must_read(&self, item: &str, list_hash: &str) -> bool {
        if self.full {
            return true;
        }
        let Some(mark) = self.marks.get(item) else {
            return true;
        };
        mark.list_hash != list_hash
            || self.due_before.is_some_and(|due| mark.read_at <= due)
            || self.rotation.contains(item)
    }
}

/// The group an item's rotation is counted in: `user`, `zoom_room`, `zoom_room#devices`.
fn group_of(item: &str) -> &str {
    let kind = item.split(':').next().unwrap_or(item);
    if item.ends_with("#devices") {
        "devices"
    } else {
        kind
    }
}

/// `items * elapsed / refresh`, rounded to the nearest, at most `items`. (Rounded up, a run a
/// minute after the last would read a detail of an unchanged account; rounded down, the items
/// the rotation leaves would all fall due in one run.)
pub(crate) fn rotation_share(
    items: usize,
    elapsed: SignedDuration,
    refresh: SignedDuration,
) -> usize {
    let refresh = refresh.as_secs().max(1) as u128;
    let elapsed = elapsed.as_secs().max(0) as u128;
    let share = (items as u128 * elapsed + refresh / 2) / refresh;
    usize::try_from(share).unwrap_or(usize::MAX).min(items)
}

/// What a run starts from.
pub(crate) struct History {
    /// Everything is read again.
    pub(crate) full: bool,
    /// The cursors of the last committed run.
    pub(crate) cursors: BTreeMap<String, Cursor>,
    /// Which details to read.
    pub(crate) details: DetailPolicy,
    /// The connection to read stored details and meetings through.
    pub(crate) reader: Reader,
    /// The requests of the runs that started today (UTC), per category.
    pub(crate) requests_today: RequestTally,
}

/// Why the run is full, or `None` when it is incremental.
pub(crate) fn full_reason(
    asked: bool,
    last_full: Option<Timestamp>,
    now: Timestamp,
    full_every_hours: u32,
) -> Option<&'static str> {
    if asked {
        return Some("asked for (--full)");
    }
    let Some(last) = last_full else {
        return Some("no full run yet");
    };
    let every = SignedDuration::from_hours(i64::from(full_every_hours));
    (full_every_hours > 0 && last + every <= now)
        .then_some("the last full run is older than full_every_hours")
}

impl History {
    /// Reads what the last committed run left for `account_id`, and decides.
    pub(crate) async fn load(
        reader: Reader,
        account_id: &str,
        now: Timestamp,
        settings: &crate::FetchSettings,
        asked_full: bool,
    ) -> Result<History, FetchError> {
        if reader.store.is_none() {
            return Ok(History {
                full: true,
                cursors: BTreeMap::new(),
                details: DetailPolicy::new(HashMap::new(), true, now, SignedDuration::ZERO, None),
                reader,
                requests_today: RequestTally::default(),
            });
        }
        let account = account_id.to_owned();
        let day_start = crate::clock::start_of_utc_day(crate::clock::utc_date(now));
        let day_end = day_start + SignedDuration::from_hours(24);
        let (cursors, marks, requests_today) = reader
            .with(move |store| {
                Ok((
                    store.cursors(&account)?,
                    store.detail_marks(&account, "")?,
                    store.requests_between(&account, day_start, day_end)?,
                ))
            })
            .await?;
        let time_of = |source: &str| {
            cursors
                .get(source)
                .and_then(|cursor| cursor.position.parse::<Timestamp>().ok())
        };
        let full = full_reason(asked_full, time_of(FULL), now, settings.full_every_hours).is_some();
        let refresh = SignedDuration::from_hours(i64::from(settings.detail_refresh_hours));
        let since_last = time_of(DETAILS).map(|last| now.duration_since(last));
        let details = DetailPolicy::new(marks, full, now, refresh, since_last);
        Ok(History {
            full,
            cursors,
            details,
            reader,
            requests_today,
        })
    }

    /// The time a cursor holds, if it holds one.
    pub(crate) fn time_of(&self, source: &str) -> Option<Timestamp> {
        self.cursors
            .get(source)
            .and_then(|cursor| cursor.position.parse().ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(hour: i64) -> Timestamp {
        Timestamp::from_second(1_767_225_600 + hour * 3600).unwrap()
    }

    fn mark(hash: &str, hour: i64) -> DetailMark {
        DetailMark {
            list_hash: hash.to_owned(),
            read_at: at(hour),
        }
    }

    #[test]
    fn the_rotation_reads_a_share_oldest_first_and_every_item_within_the_interval() {
        let refresh = SignedDuration::from_hours(24);
        let marks: HashMap<String, DetailMark> = (0..48)
            .map(|i| (format!("user:{i:02}"), mark("h", i / 2)))
            .chain([("zoom_room:r".to_owned(), mark("h", 0))])
            .collect();
        let policy = DetailPolicy::new(
            marks.clone(),
            false,
            at(24),
            refresh,
            Some(SignedDuration::from_hours(1)),
        );
        // 48 users, an hour out of 24: the 2 read longest ago (also past the interval).
        let read: Vec<String> = (0..48)
            .map(|i| format!("user:{i:02}"))
            .filter(|item| policy.must_read(item, "h"))
            .collect();
        assert_eq!(read, ["user:00", "user:01"]);
        assert!(policy.must_read("zoom_room:r", "h"), "past the interval");
        assert!(
            policy.must_read("user:47", "changed"),
            "its list record changed"
        );
        assert!(policy.must_read("user:new", "h"), "never read");

        let at_25 = DetailPolicy::new(
            marks.clone(),
            false,
            at(25),
            refresh,
            Some(SignedDuration::from_hours(1)),
        );
        assert!(at_25.must_read("user:02", "h"), "read at hour 1: due at 25");
        let full = DetailPolicy::new(marks, true, at(1), refresh, None);
        assert!(full.must_read("user:47", "h"));
    }

    #[test]
    fn rotation_shares_round_and_stop_at_everything() {
        let day = SignedDuration::from_hours(24);
        assert_eq!(
            rotation_share(20_000, SignedDuration::from_hours(1), day),
            833
        );
        assert_eq!(rotation_share(60, SignedDuration::from_hours(1), day), 3);
        assert_eq!(rotation_share(1, SignedDuration::from_mins(1), day), 0);
        assert_eq!(rotation_share(0, SignedDuration::from_hours(1), day), 0);
        assert_eq!(rotation_share(10, SignedDuration::from_hours(48), day), 10);
        assert_eq!(rotation_share(10, SignedDuration::from_hours(-3), day), 0);
    }

    #[test]
    fn a_run_is_full_when_asked_first_or_when_the_last_full_is_old() {
        assert!(full_reason(true, Some(at(10)), at(11), 24).is_some());
        assert!(full_reason(false, None, at(11), 24).is_some());
        assert!(full_reason(false, Some(at(10)), at(33), 24).is_none());
        assert!(full_reason(false, Some(at(10)), at(34), 24).is_some());
        assert!(
            full_reason(false, Some(at(10)), at(1000), 0).is_none(),
            "0: never"
        );
    }

    #[test]
    fn list_hashes_ignore_key_order() {
        let a = serde_json::json!({ "id": "u1", "email": "a@example.com" });
        let b: serde_json::Value =
            serde_json::from_str(r#"{"email":"a@example.com","id":"u1"}"#).unwrap();
        assert_eq!(list_hash(&a), list_hash(&b));
        assert_ne!(list_hash(&a), list_hash(&serde_json::json!({ "id": "u2" })));
        assert_eq!(list_hash(&a).len(), 64);
    }
}
