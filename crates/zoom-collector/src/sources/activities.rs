//! Activities: sign-ins and sign-outs, and the admin operation log, over the same days as
//! meetings.
//!
//! A first or full run reads the whole window; later runs read from their source's cursor (the
//! last committed run's start) less `activity_overlap_minutes`, for events Zoom reports late.
//! Zoom gives activities no id, so each is identified by a digest of its JSON: an activity read
//! again is recognized by the store, never stored twice.

use inventory_model::{Asset, Record, activity};
use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};

use super::meetings::window;
use super::{Context, SourceOutcome, SourceRun};
use crate::clock::utc_date;
use crate::writer::Keep;

/// Sign-in and sign-out activities (`GET /report/activities`).
pub(crate) async fn sign_ins(context: &Context, today: Date) -> SourceOutcome {
    let scope = "activities/sign_in_out";
    let mut run = SourceRun::events(context, scope);
    let (since, windows) = reach(context, scope, today);
    for (from, to) in windows {
        run.store_listing(context.client.list_sign_in_activities(from, to), |item| {
            Some(activity::sign_in_out(item)).filter(|record| is_after(record, since))
        })
        .await;
        if run.has_failed() {
            break;
        }
    }
    move_cursor(context, &run, scope).await;
    run.finish()
}

/// Operation logs: what admins changed (`GET /report/operationlogs`).
pub(crate) async fn operations(context: &Context, today: Date) -> SourceOutcome {
    let scope = "activities/operations";
    let mut run = SourceRun::events(context, scope);
    let (since, windows) = reach(context, scope, today);
    for (from, to) in windows {
        run.store_listing(context.client.list_operation_logs(from, to), |item| {
            Some(activity::operation(item)).filter(|record| is_after(record, since))
        })
        .await;
        if run.has_failed() {
            break;
        }
    }
    move_cursor(context, &run, scope).await;
    run.finish()
}

/// The time from which a run reads the activities of `scope` (`None`: the whole window), and
/// the date windows it asks Zoom for.
fn reach(context: &Context, scope: &str, today: Date) -> (Option<Timestamp>, Vec<(Date, Date)>) {
    let (from, to) = window(today, context.settings.days_of_meetings);
    let overlap = SignedDuration::from_mins(i64::from(context.settings.activity_overlap_minutes));
    let since = if context.history.full {
        None
    } else {
        context
            .history
            .time_of(scope)
            .and_then(|cursor| cursor.checked_sub(overlap).ok())
    };
    let from = since.map_or(from, |since| utc_date(since).max(from).min(to));
    (since, zoom_api::month_windows(from, to))
}

/// Whether an activity happened at or after `since` (one without a time is always kept).
fn is_after(record: &Record, since: Option<Timestamp>) -> bool {
    match (&record.asset, since) {
        (Asset::Activity(activity), Some(since)) => activity.time.is_none_or(|time| time >= since),
        _ => true,
    }
}

/// Moves the cursor of `scope` to this run's start when the whole listing was read.
async fn move_cursor(context: &Context, run: &SourceRun<'_>, scope: &str) {
    if !run.has_failed() {
        context
            .sink
            .keep(Keep::Cursor {
                source: scope.to_owned(),
                position: context.started_at.to_string(),
            })
            .await;
    }
}
