//! Listings as streams over `next_page_token`, restarted when a page token expires.

use std::collections::HashSet;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;

use futures_util::{Stream, stream};
use serde::de::DeserializeOwned;
use tracing::{trace, warn};

use super::Client;
use super::send::ApiRequest;
use crate::decode::{decode_item, split_page};
use crate::endpoints::Body;
use crate::error::Error;
use crate::rate::bump;
use crate::wire::{PageMeta, WithRaw};

/// How many times one listing restarts from its first page after an expired page token.
const MAX_PAGE_RESTARTS: u32 = 3;

impl Client {
    /// Every item of the endpoint's items array across the pages of `req`, following
    /// `next_page_token` at the configured page size.
    ///
    /// Pages are fetched one at a time, only when the previous page's items are consumed. A
    /// page that fails ends the stream after its error; an item that fails to decode yields an
    /// error and the stream goes on with the next item.
    ///
    /// An expired page token (HTTP 400, code 300, on a request that carried one: tokens live
    /// 15 minutes) restarts the listing from its first page, at most [`MAX_PAGE_RESTARTS`]
    /// times. Items are never yielded twice: a 64-bit digest of every yielded item's raw JSON
    /// is kept (8 bytes an item), and after a restart items already yielded are skipped.
    pub(super) fn paginate<T>(
        &self,
        req: ApiRequest,
    ) -> impl Stream<Item = Result<WithRaw<T>, Error>> + Send + 'static + use<T>
    where
        T: DeserializeOwned + Send + 'static,
    {
        self.paginate_sized(req, self.inner.config.page_size)
    }

    /// [`Client::paginate`] asking for `page_size` items a page. Whatever page size the server
    /// answers with, the listing follows `next_page_token` to its end.
    pub(super) fn paginate_sized<T>(
        &self,
        req: ApiRequest,
        page_size: u32,
    ) -> impl Stream<Item = Result<WithRaw<T>, Error>> + Send + 'static + use<T>
    where
        T: DeserializeOwned + Send + 'static,
    {
        let declared = *req.endpoint();
        let Body::Pages { items: items_field } = declared.body else {
            unreachable!("{declared} is not a paginated listing in the endpoint table");
        };
        let state = PageState::<T> {
            client: self.clone(),
            req: req.query("page_size", page_size.to_string()),
            items_field,
            endpoint: String::new(),
            buffer: Vec::new().into_iter(),
            index: 0,
            page: 0,
            next_token: None,
            seen_tokens: HashSet::new(),
            yielded: HashSet::new(),
            restarts: 0,
            announced_left: 0,
            done: false,
            pending_error: None,
            _item: PhantomData,
        };
        stream::unfold(state, |mut st| async move {
            loop {
                if let Some(raw) = st.buffer.next() {
                    let path = format!("{}[{}]", st.items_field, st.index);
                    st.index += 1;
                    let fresh = st.yielded.insert(digest(&raw));
                    if !fresh && st.restarts > 0 {
                        bump(&st.client.inner.budget.counters.duplicates_skipped);
                        continue;
                    }
                    let item = decode_item(&st.endpoint, &path, raw).map_err(|e| match e {
                        Error::Decode {
                            endpoint,
                            path,
                            message,
                        } => Error::Decode {
                            endpoint,
                            path,
                            message: format!("{message} (page {})", st.page),
                        },
                        other => other,
                    });
                    return Some((item, st));
                }
                if let Some(e) = st.pending_error.take() {
                    return Some((Err(e), st));
                }
                if st.done {
                    return None;
                }
                let mut req = st.req.clone();
                if let Some(token) = &st.next_token {
                    req = req.query("next_page_token", token.clone());
                }
                st.page += 1;
                if st.next_token.is_some() && st.announced_left > 0 {
                    st.retire_announced(1);
                }
                let fetched = match st.client.get_value(&req).await {
                    Ok((endpoint, body)) => {
                        st.endpoint = endpoint;
                        split_page(&st.endpoint, body, st.items_field)
                    }
                    Err(e) => Err(e),
                };
                let (meta, items) = match fetched {
                    Ok(page) => page,
                    Err(e)
                        if is_expired_page_token(&e, &req) && st.restarts < MAX_PAGE_RESTARTS =>
                    {
                        st.restarts += 1;
                        bump(&st.client.inner.budget.counters.page_restarts);
                        warn!(
                            endpoint = st.endpoint,
                            page = st.page,
                            restart = st.restarts,
                            "page token expired; restarting the listing from its first page, skipping items already returned"
                        );
                        st.next_token = None;
                        st.seen_tokens.clear();
                        st.page = 0;
                        st.retire_announced(st.announced_left);
                        continue;
                    }
                    Err(e) => {
                        st.done = true;
                        st.retire_announced(st.announced_left);
                        return Some((Err(e), st));
                    }
                };
                if st.page == 1 && meta.next_token().is_some() {
                    let pages = pages_after_first(&meta, st.client.inner.config.page_size);
                    st.announced_left = pages;
                    st.client
                        .inner
                        .budget
                        .counters
                        .announce_pages(st.req.endpoint().category, pages);
                }
                trace!(page = st.page, items = items.len(), "page received");
                st.buffer = items.into_iter();
                st.index = 0;
                match meta.next_token() {
                    None => {
                        st.done = true;
                        st.retire_announced(st.announced_left);
                    }
                    Some(token) if !st.seen_tokens.insert(token.to_owned()) => {
                        st.done = true;
                        st.retire_announced(st.announced_left);
                        let error = Error::Decode {
                            endpoint: st.endpoint.clone(),
                            path: "next_page_token".to_owned(),
                            message: format!(
                                "zoom returned a next_page_token it had already returned (page {}); stopped to avoid a loop",
                                st.page
                            ),
                        };
                        // The items of this page come first; the error after them.
                        st.pending_error = Some(error);
                    }
                    Some(token) => st.next_token = Some(token.to_owned()),
                }
            }
        })
    }
}

struct PageState<T> {
    client: Client,
    req: ApiRequest,
    items_field: &'static str,
    /// Label of the last page's request.
    endpoint: String,
    buffer: std::vec::IntoIter<serde_json::Value>,
    /// Index of the next buffered item within its page.
    index: usize,
    /// Number of pages requested so far.
    page: usize,
    next_token: Option<String>,
    seen_tokens: HashSet<String>,
    /// Digests of the items yielded so far (see [`digest`]).
    yielded: HashSet<u64>,
    /// Restarts after an expired page token.
    restarts: u32,
    /// Pages this listing announced on its first page (`total_records`) and has not requested
    /// yet: counted in [`crate::ClientStats::pages_announced_ahead`] until requested, or until
    /// the listing ends, restarts or is dropped.
    announced_left: u64,
    done: bool,
    /// Reported once the buffered items are out.
    pending_error: Option<Error>,
    _item: PhantomData<fn() -> T>,
}

impl<T> PageState<T> {
    /// `pages` of the announced pages are requested or will not be.
    fn retire_announced(&mut self, pages: u64) {
        let pages = pages.min(self.announced_left);
        self.announced_left -= pages;
        self.client
            .inner
            .budget
            .counters
            .retire_pages(self.req.endpoint().category, pages);
    }
}

impl<T> Drop for PageState<T> {
    fn drop(&mut self) {
        // A listing its consumer stopped reading will not request what it announced.
        self.retire_announced(self.announced_left);
    }
}

/// The pages a listing has after its first, from the first page's `total_records` and page
/// size (the one asked for when Zoom does not say); 0 when Zoom reports no total.
fn pages_after_first(meta: &PageMeta, asked_page_size: u32) -> u64 {
    let total = meta
        .total_records
        .and_then(|total| u64::try_from(total).ok())
        .unwrap_or(0);
    let page_size = meta
        .page_size
        .and_then(|size| u64::try_from(size).ok())
        .filter(|size| *size > 0)
        .unwrap_or_else(|| u64::from(asked_page_size).max(1));
    total.div_ceil(page_size).saturating_sub(1)
}

/// A 64-bit digest of an item's raw JSON (independent of key order), to recognise items
/// already yielded when a listing restarts. Two different items collide with probability about
/// n²/2⁶⁵ for n items (1e-8 for a million).
fn digest(raw: &serde_json::Value) -> u64 {
    let mut h = DefaultHasher::new();
    raw.hash(&mut h);
    h.finish()
}

/// Zoom's answer to an expired or invalid page token (400, code 300) on a request that sent
/// one.
fn is_expired_page_token(e: &Error, req: &ApiRequest) -> bool {
    req.has_page_token()
        && matches!(
            e,
            Error::Api {
                status: 400,
                code: Some(300),
                ..
            }
        )
}
