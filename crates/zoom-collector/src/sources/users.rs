//! Users of each status, with their details.

use futures_util::{StreamExt, TryStreamExt};
use inventory_model::{Directory, UserStatus, user};

use super::{Context, SourceOutcome, error_chain};
use crate::{Event, FetchSettings};

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
/// stores them.
pub(crate) async fn fetch(
    context: &Context,
    directory: &Directory,
    status: UserStatus,
) -> SourceOutcome {
    let scope = format!("users/{}", status.as_str());
    (context.events)(Event::SourceStarted {
        source: scope.clone(),
    });
    let client = &context.client;
    let with_details = context.settings.fetch_user_details;
    let mut users = client
        .list_users(api_status(status))
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

    let mut outcome = SourceOutcome {
        scope: scope.clone(),
        stored: 0,
        item_failures: 0,
        error: None,
        lists_assets: true,
    };
    while let Some(next) = users.next().await {
        let (listed, detail) = match next {
            Ok(pair) => pair,
            Err(error) => {
                context.record_issue(&scope, None, &error).await;
                outcome.error = Some(error);
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
                // The user changed between the listing and the detail (deleted, or a pending
                // invitation that lapsed): keep what the listing gave, note the item.
                context
                    .record_issue(&scope, listed.item.id.as_deref(), &error)
                    .await;
                outcome.item_failures += 1;
                None
            }
            Some(Err(error)) => {
                context.record_issue(&scope, None, &error).await;
                outcome.error = Some(error);
                break;
            }
            None => None,
        };
        let record = user::normalize(&listed, detail.as_ref(), directory, &scope);
        if !context.sink.put(record).await {
            break;
        }
        outcome.stored += 1;
        (context.events)(Event::Fetched {
            source: scope.clone(),
            count: outcome.stored,
        });
    }
    (context.events)(Event::SourceFinished {
        source: scope,
        count: outcome.stored,
        error: outcome.error.as_ref().map(|error| error_chain(error)),
    });
    outcome
}

fn api_status(status: UserStatus) -> zoom_api::UserStatus {
    match status {
        UserStatus::Active => zoom_api::UserStatus::Active,
        UserStatus::Inactive => zoom_api::UserStatus::Inactive,
        UserStatus::Pending => zoom_api::UserStatus::Pending,
    }
}

/// Zoom's code for a pending user without a valid invitation (`GET /users/{userId}`).
const PENDING_WITHOUT_INVITATION: i64 = 1120;

/// Errors that concern one item only (it is gone or unreadable); anything else (auth, network,
/// rate limits) stops the source.
fn is_item_failure(error: &zoom_api::Error) -> bool {
    error.http_status() == Some(404) || error.zoom_code() == Some(1001)
}
