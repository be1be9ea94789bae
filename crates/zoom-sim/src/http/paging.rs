//! Page tokens for every list endpoint.
//!
//! A list handler describes its query with a *fingerprint* (the operation plus every filter
//! parameter, `page_size` included) and gives [`PageStore::page`] the number of matching items.
//! The store returns the slice to serve and the `next_page_token`, and validates incoming tokens:
//! a token is bound to the fingerprint and position it was issued for, and expires after
//! `page_token_ttl` (Zoom: 15 minutes) or on `Simulator::expire_page_tokens`. Unknown, expired
//! and mismatched tokens all get 400 code 300 "The next page token is invalid or expired.".
//!
//! Tokens are derived from the seed, the fingerprint, the position and a generation counter
//! (bumped by `expire_all`), so the same walk yields the same tokens: responses stay
//! byte-identical for the same inputs. Asking for the same page again re-issues the same token
//! and restarts its lifetime.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::http::error::ZoomError;

/// Entries kept before expired ones are swept.
const SWEEP_THRESHOLD: usize = 10_000;
/// Zoom's tokens are 35 alphanumeric characters (e.g. `IAfJX3jsOLW7w3dokmFl84zOa0MAVGyMEB2`).
const TOKEN_LEN: usize = 35;
const ALNUM: &[u8; 62] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

#[derive(Debug)]
pub(crate) struct PageStore {
    ttl: Duration,
    seed: u64,
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    generation: u64,
    tokens: HashMap<String, Entry>,
}

#[derive(Debug)]
struct Entry {
    fingerprint: String,
    offset: usize,
    issued_at: Instant,
}

/// What a list request asks for.
#[derive(Debug)]
pub(crate) struct PageQuery<'a> {
    /// The operation and every parameter that selects or orders items, `page_size` included.
    pub(crate) fingerprint: String,
    pub(crate) page_size: usize,
    pub(crate) next_page_token: Option<&'a str>,
    /// The deprecated 1-based `page_number`; ignored when a token is given.
    pub(crate) page_number: Option<usize>,
}

/// The page to serve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Page {
    /// Indices into the full list of matching items.
    pub(crate) range: Range<usize>,
    /// `""` on the last page.
    pub(crate) next_page_token: String,
    pub(crate) page_number: usize,
    pub(crate) page_count: usize,
    pub(crate) page_size: usize,
    pub(crate) total_records: usize,
}

impl PageStore {
    pub(crate) fn new(ttl: Duration, seed: u64) -> Self {
        PageStore {
            ttl,
            seed,
            inner: Mutex::new(Inner::default()),
        }
    }

    /// The page of `total` items that `query` asks for, at time `now`.
    pub(crate) fn page(
        &self,
        query: &PageQuery<'_>,
        total: usize,
        now: Instant,
    ) -> Result<Page, ZoomError> {
        let page_size = query.page_size.max(1);
        let mut inner = self.inner.lock().expect("page store lock poisoned");
        let offset = match query.next_page_token {
            Some(token) => {
                let entry = inner
                    .tokens
                    .get(token)
                    .ok_or_else(ZoomError::invalid_page_token)?;
                if now.saturating_duration_since(entry.issued_at) >= self.ttl {
                    inner.tokens.remove(token);
                    return Err(ZoomError::invalid_page_token());
                }
                if entry.fingerprint != query.fingerprint {
                    return Err(ZoomError::invalid_page_token());
                }
                entry.offset
            }
            None => query
                .page_number
                .map_or(0, |n| n.saturating_sub(1).saturating_mul(page_size)),
        };
        let start = offset.min(total);
        let end = offset.saturating_add(page_size).min(total);
        let next_page_token = if end < total {
            self.issue(&mut inner, &query.fingerprint, end, now)
        } else {
            String::new()
        };
        Ok(Page {
            range: start..end,
            next_page_token,
            page_number: offset / page_size + 1,
            page_count: total.div_ceil(page_size),
            page_size,
            total_records: total,
        })
    }

    /// Every outstanding token becomes invalid; tokens issued afterwards differ from them.
    pub(crate) fn expire_all(&self) {
        let mut inner = self.inner.lock().expect("page store lock poisoned");
        inner.generation += 1;
        inner.tokens.clear();
    }

    fn issue(&self, inner: &mut Inner, fingerprint: &str, offset: usize, now: Instant) -> String {
        if inner.tokens.len() >= SWEEP_THRESHOLD {
            let ttl = self.ttl;
            inner
                .tokens
                .retain(|_, e| now.saturating_duration_since(e.issued_at) < ttl);
        }
        let token = token_for(self.seed, inner.generation, fingerprint, offset);
        inner.tokens.insert(
            token.clone(),
            Entry {
                fingerprint: fingerprint.to_owned(),
                offset,
                issued_at: now,
            },
        );
        token
    }
}

/// A 35-character alphanumeric token derived (FNV-1a, then `fastrand` expansion) from its inputs.
fn token_for(seed: u64, generation: u64, fingerprint: &str, offset: usize) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325 ^ seed;
    let bytes = fingerprint
        .bytes()
        .chain(offset.to_le_bytes())
        .chain(generation.to_le_bytes());
    for b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    let mut rng = fastrand::Rng::with_seed(hash);
    (0..TOKEN_LEN)
        .map(|_| char::from(ALNUM[rng.usize(..ALNUM.len())]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(token: Option<&str>) -> PageQuery<'_> {
        PageQuery {
            fingerprint: "GET /things?page_size=10".to_owned(),
            page_size: 10,
            next_page_token: token,
            page_number: None,
        }
    }

    #[test]
    fn walks_every_item_once() {
        let store = PageStore::new(Duration::from_secs(60), 7);
        let now = Instant::now();
        let mut seen = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let page = store.page(&query(token.as_deref()), 25, now).unwrap();
            assert_eq!(page.page_count, 3);
            seen.extend(page.range.clone());
            if page.next_page_token.is_empty() {
                break;
            }
            assert_eq!(page.next_page_token.len(), TOKEN_LEN);
            token = Some(page.next_page_token);
        }
        assert_eq!(seen, (0..25).collect::<Vec<_>>());
    }

    #[test]
    fn tokens_expire_and_are_bound_to_the_query() {
        let store = PageStore::new(Duration::from_secs(60), 7);
        let now = Instant::now();
        let token = store.page(&query(None), 25, now).unwrap().next_page_token;
        let other = PageQuery {
            fingerprint: "GET /things?page_size=20".to_owned(),
            page_size: 20,
            next_page_token: Some(&token),
            page_number: None,
        };
        assert_eq!(store.page(&other, 25, now).unwrap_err().code, 300);
        assert!(store.page(&query(Some(&token)), 25, now).is_ok());
        let later = now + Duration::from_secs(61);
        assert_eq!(
            store
                .page(&query(Some(&token)), 25, later)
                .unwrap_err()
                .code,
            300
        );
    }

    #[test]
    fn expire_all_changes_future_tokens() {
        let store = PageStore::new(Duration::from_secs(60), 7);
        let now = Instant::now();
        let first = store.page(&query(None), 25, now).unwrap().next_page_token;
        assert_eq!(
            first,
            store.page(&query(None), 25, now).unwrap().next_page_token
        );
        store.expire_all();
        assert!(store.page(&query(Some(&first)), 25, now).is_err());
        assert_ne!(
            first,
            store.page(&query(None), 25, now).unwrap().next_page_token
        );
    }

    #[test]
    fn page_number_paging_and_empty_lists() {
        let store = PageStore::new(Duration::from_secs(60), 7);
        let now = Instant::now();
        let q = PageQuery {
            page_number: Some(3),
            ..query(None)
        };
        let page = store.page(&q, 25, now).unwrap();
        assert_eq!(
            (page.range, page.page_number, page.next_page_token.as_str()),
            (20..25, 3, "")
        );
        let empty = store.page(&query(None), 0, now).unwrap();
        assert_eq!(
            (empty.range, empty.page_count, empty.total_records),
            (0..0, 0, 0)
        );
    }
}
