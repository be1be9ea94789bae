//! Users of each status, with their details.
//!
//! Every run lists the users in full (so removals work as ever), but reads a user's detail only
//! when [`crate::incremental::DetailPolicy`] says so: a new user, a changed list record, a detail
//! past `detail_refresh_hours`, or the rotation's turn. Every other user is normalized from the
//! detail its last read stored, so an unchanged user makes no new version.

use std::collections::{HashMap, HashSet};

use futures_util::{StreamExt, TryStreamExt, stream};
use inventory_model::{Asset, Directory, User, user};
use zoom_api::UserStatus;
use zoom_api::wire::{User as WireUser, UserListItem, WithRaw};

use super::{Context, SourceOutcome, SourceRun, is_item_failure};
use crate::FetchSettings;
use crate::incremental::list_hash;

/// Zoom's code for a pending user without a valid invitation (`GET /users/{userId}`).
const PENDING_WITHOUT_INVITATION: i64 = 1120;

/// Listed users handled together: one read of their stored details, then their detail
/// requests concurrently.
const CHUNK: usize = 500;

/// The statuses the settings ask for. Zoom lists only active users unless asked.
pub(crate) fn enabled_statuses(settings: &FetchSettings) -> impl Iterator<Item = UserStatus> {
    let wanted = [
        true,
        settings.fetch_inactive_users,
        settings.fetch_pending_users,
    ];
    UserStatus::ALL
        .into_iter()
        .zip(wanted)
        .filter_map(|(status, wanted)| wanted.then_some(status))
}

/// A listed user and what to normalize it with.
struct Listed {
    listed: WithRaw<UserListItem>,
    item: Option<String>,
    hash: String,
    detail: Detail,
}

enum Detail {
    /// Not wanted (`fetch_user_details` off, or no id to look it up by).
    None,
    /// To be read.
    Read,
    /// Read by an earlier run: `None` when the user has none (a lapsed invitation).
    Stored(Option<Box<WithRaw<WireUser>>>),
}

/// Lists the users of one status, reads the details needed, normalizes and stores them.
/// Returns, besides the outcome, the emails of the service accounts it met.
pub(crate) async fn fetch(
    context: &Context,
    directory: &Directory,
    status: UserStatus,
) -> (SourceOutcome, HashSet<String>) {
    let mut service_accounts = HashSet::new();
    let scope = format!("users/{}", status.as_str());
    let mut run = SourceRun::assets(context, &scope);
    let client = &context.client;
    let with_details = context.settings.fetch_user_details;
    let mut pages = std::pin::pin!(client.list_users(status).try_chunks(CHUNK));

    loop {
        let (chunk, error) = match pages.next().await {
            None => break,
            Some(Ok(chunk)) => (chunk, None),
            Some(Err(error)) => (error.0, Some(error.1)),
        };
        let mut users = decide(context, chunk, with_details).await;
        let reads = users
            .iter()
            .enumerate()
            .filter(|(_, user)| matches!(user.detail, Detail::Read))
            .filter_map(|(index, user)| Some((index, user.listed.item.id.clone()?)))
            .collect::<Vec<_>>();
        let mut details = stream::iter(reads)
            .map(|(index, id)| async move { (index, client.get_user(&id).await) })
            .buffer_unordered(context.settings.concurrency);
        let mut read = HashMap::new();
        while let Some((index, detail)) = details.next().await {
            read.insert(index, detail);
        }
        drop(details);

        for (index, user) in users.iter_mut().enumerate() {
            let detail = match (&mut user.detail, read.remove(&index)) {
                (Detail::Stored(stored), _) => stored.take().map(|detail| *detail),
                (_, Some(Ok(detail))) => {
                    keep_detail(context, user, Some(detail.raw.to_string())).await;
                    Some(detail)
                }
                (_, Some(Err(error))) if error.zoom_code() == Some(PENDING_WITHOUT_INVITATION) => {
                    // Zoom keeps no detail for a pending user whose invitation lapsed: the
                    // listing is all there is, and that is complete.
                    tracing::debug!(user = ?user.listed.item.id, "no detail for a lapsed invitation");
                    keep_detail(context, user, None).await;
                    None
                }
                (_, Some(Err(error))) if is_item_failure(&error) => {
                    // The user went away between the listing and the detail: keep what the
                    // listing gave, note the item.
                    let item = user
                        .listed
                        .item
                        .id
                        .as_deref()
                        .unwrap_or(&user.listed.item.email);
                    run.item_failed(item, &error).await;
                    None
                }
                (_, Some(Err(error))) => {
                    run.fail(error).await;
                    return (run.finish(), service_accounts);
                }
                (_, None) => None,
            };
            let record = user::normalize(&user.listed, detail.as_ref(), directory, &scope);
            if let Asset::User(User {
                is_service_account: true,
                email: Some(email),
                ..
            }) = &record.asset
            {
                service_accounts.insert(email.clone());
            }
            if !run.put(record).await {
                return (run.finish(), service_accounts);
            }
        }
        if let Some(error) = error {
            run.fail(error).await;
            break;
        }
    }
    (run.finish(), service_accounts)
}

/// Decides, for each listed user, whether its detail is read or taken from the store.
async fn decide(
    context: &Context,
    chunk: Vec<WithRaw<UserListItem>>,
    with_details: bool,
) -> Vec<Listed> {
    let policy = &context.history.details;
    let mut users: Vec<Listed> = chunk
        .into_iter()
        .map(|listed| {
            let item = listed.item.id.as_ref().map(|id| format!("user:{id}"));
            let hash = list_hash(&listed.raw);
            let detail = match &item {
                Some(item) if with_details && !policy.must_read(item, &hash) => {
                    Detail::Stored(None)
                }
                Some(_) if with_details => Detail::Read,
                _ => Detail::None,
            };
            Listed {
                listed,
                item,
                hash,
                detail,
            }
        })
        .collect();
    let wanted: Vec<String> = users
        .iter()
        .filter(|user| matches!(user.detail, Detail::Stored(_)))
        .filter_map(|user| user.item.clone())
        .collect();
    if wanted.is_empty() {
        return users;
    }
    let stored = super::stored_details(context, wanted).await;
    for user in &mut users {
        if !matches!(user.detail, Detail::Stored(_)) {
            continue;
        }
        let parsed =
            user.item
                .as_ref()
                .and_then(|item| stored.get(item))
                .map(|detail| match detail {
                    None => Some(None),
                    Some(text) => serde_json::from_str(text)
                        .ok()
                        .and_then(|raw| WithRaw::from_value(raw).ok())
                        .map(|detail| Some(Box::new(detail))),
                });
        user.detail = match parsed {
            Some(Some(detail)) => Detail::Stored(detail),
            // Never stored, or unreadable: read it.
            _ => Detail::Read,
        };
    }
    users
}

/// Keeps the detail just read (or that there is none) with the hash of its list record.
async fn keep_detail(context: &Context, user: &Listed, detail: Option<String>) {
    if let Some(item) = &user.item {
        super::keep_detail(context, item, &user.hash, detail).await;
    }
}
