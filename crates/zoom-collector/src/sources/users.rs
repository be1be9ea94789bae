//! Users of each status, with their details.

use std::collections::HashSet;

use futures_util::{StreamExt, TryStreamExt};
use inventory_model::{Asset, Directory, User, user};
use zoom_api::UserStatus;

use super::{Context, SourceOutcome, SourceRun, is_item_failure};
use crate::FetchSettings;

/// Zoom's code for a pending user without a valid invitation (`GET /users/{userId}`).
const PENDING_WITHOUT_INVITATION: i64 = 1120;

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

/// Lists the users of one status, reads each one's detail (when enabled), normalizes and
/// stores them. Returns, besides the outcome, the emails of the service accounts it met.
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
    let mut users = client
        .list_users(status)
        .map_ok(|listed| async move {
            // A listed user without an id cannot be looked up; the listing entry is kept.
            let detail = match listed.item.id.as_deref() {
                Some(id) if with_details => Some(client.get_user(id).await),
                _ => None,
            };
            Ok((listed, detail))
        })
        .try_buffer_unordered(context.settings.concurrency)
        .boxed();

    while let Some(next) = users.next().await {
        let (listed, detail) = match next {
            Ok(pair) => pair,
            Err(error) => {
                run.fail(error).await;
                break;
            }
        };
        let detail = match detail {
            Some(Ok(detail)) => Some(detail),
            Some(Err(error)) if error.zoom_code() == Some(PENDING_WITHOUT_INVITATION) => {
                // Zoom keeps no detail for a pending user whose invitation lapsed: the listing
                // is all there is, and that is complete.
                tracing::debug!(user = ?listed.item.id, "no detail for a lapsed invitation");
                None
            }
            Some(Err(error)) if is_item_failure(&error) => {
                // The user went away between the listing and the detail: keep what the
                // listing gave, note the item.
                let item = listed.item.id.as_deref().unwrap_or(&listed.item.email);
                run.item_failed(item, &error).await;
                None
            }
            Some(Err(error)) => {
                run.fail(error).await;
                break;
            }
            None => None,
        };
        let record = user::normalize(&listed, detail.as_ref(), directory, &scope);
        if let Asset::User(User {
            is_service_account: true,
            email: Some(email),
            ..
        }) = &record.asset
        {
            service_accounts.insert(email.clone());
        }
        if !run.put(record).await {
            break;
        }
    }
    (run.finish(), service_accounts)
}
