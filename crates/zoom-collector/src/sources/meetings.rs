//! Devices seen in past meetings: the dashboard's meetings of the last `days_of_meetings` days
//! and their participants, gathered into one record per physical device.

use futures_util::{StreamExt, TryStreamExt};
use inventory_model::MeetingDevices;
use inventory_model::device::{self, DeviceType};
use jiff::civil::Date;

use super::{Context, SourceRun, is_item_failure};

/// The days a fetch reads, ending today (UTC): `days` days back, today included.
pub(crate) fn window(today: Date, days: u32) -> (Date, Date) {
    let from = today
        .checked_sub(jiff::Span::new().days(i64::from(days)))
        .unwrap_or(today);
    (from, today)
}

/// Reads the meetings of the window, then every meeting's participants (concurrently), and
/// gathers the devices they joined from. The devices are returned, not stored, with the
/// source still open: the caller filters them once every service account is known, stores
/// them through the run and finishes it.
pub(crate) async fn gather(context: &Context, today: Date) -> (SourceRun<'_>, MeetingDevices) {
    let mut run = SourceRun::assets(context, &device::scope(DeviceType::MeetingDevice));
    let mut devices = MeetingDevices::default();
    let client = &context.client;
    let (from, to) = window(today, context.settings.days_of_meetings);
    for (from, to) in zoom_api::month_windows(from, to) {
        let participants = client
            .list_past_meetings(from, to)
            .map_ok(|meeting| async move {
                let uuid = meeting.item.uuid.clone().unwrap_or_default();
                let joins = client
                    .list_meeting_participants(&uuid)
                    .try_collect::<Vec<_>>()
                    .await;
                Ok((uuid, joins))
            })
            .try_buffer_unordered(context.settings.concurrency);
        let mut participants = std::pin::pin!(participants);
        while let Some(next) = participants.next().await {
            match next {
                Ok((_, Ok(joins))) => joins.iter().for_each(|join| devices.add(join)),
                // The meeting is gone or its data expired: Zoom's 404 3001.
                Ok((uuid, Err(error))) if is_item_failure(&error) => {
                    run.item_failed(&uuid, &error).await;
                }
                Ok((_, Err(error))) | Err(error) => {
                    run.fail(error).await;
                    return (run, devices);
                }
            }
        }
    }
    (run, devices)
}
