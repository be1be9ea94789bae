//! Activities: sign-ins and sign-outs, and the admin operation log, over the same days as
//! meetings.

use inventory_model::activity;
use jiff::civil::Date;

use super::meetings::window;
use super::{Context, SourceOutcome, SourceRun};

/// Sign-in and sign-out activities (`GET /report/activities`).
pub(crate) async fn sign_ins(context: &Context, today: Date) -> SourceOutcome {
    let mut run = SourceRun::events(context, "activities/sign_in_out");
    let (from, to) = window(today, context.settings.days_of_meetings);
    for (from, to) in zoom_api::month_windows(from, to) {
        run.store_listing(context.client.list_sign_in_activities(from, to), |item| {
            Some(activity::sign_in_out(item))
        })
        .await;
        if run.has_failed() {
            break;
        }
    }
    run.finish()
}

/// Operation logs: what admins changed (`GET /report/operationlogs`).
pub(crate) async fn operations(context: &Context, today: Date) -> SourceOutcome {
    let mut run = SourceRun::events(context, "activities/operations");
    let (from, to) = window(today, context.settings.days_of_meetings);
    for (from, to) in zoom_api::month_windows(from, to) {
        run.store_listing(context.client.list_operation_logs(from, to), |item| {
            Some(activity::operation(item))
        })
        .await;
        if run.has_failed() {
            break;
        }
    }
    run.finish()
}
