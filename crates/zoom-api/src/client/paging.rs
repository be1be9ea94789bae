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
use crate::wire::WithRaw;

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
                        continue;
                    }
                    Err(e) => {
                        st.done = true;
                        return Some((Err(e), st));
                    }
                };
                trace!(page = st.page, items = items.len(), "page received");
                st.buffer = items.into_iter();
                st.index = 0;
                match meta.next_token() {
                    None => st.done = true,
                    Some(token) if !st.seen_tokens.insert(token.to_owned()) => {
                        st.done = true;
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
    done: bool,
    /// Reported once the buffered items are out.
    pending_error: Option<Error>,
    _item: PhantomData<fn() -> T>,
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
