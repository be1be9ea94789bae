//! Devices seen in past meetings: the dashboard's meetings of the last `days_of_meetings` days
//! and their participants, gathered into one record per physical device.
//!
//! A meeting that has ended does not change, so its participants are read once: a run lists
//! the past meetings from its cursor (the last committed run's start, less a day for meetings
//! that were still running then) and reads the participants of those never read; a first or
//! full run reads every meeting of the window. The devices stored by earlier runs are merged
//! with the new joins (keeping every IP address ever seen), and a device whose last join left
//! the window is dropped, as a run that re-read the window would drop it.

use std::collections::{HashMap, HashSet};

use futures_util::{StreamExt, TryStreamExt, stream};
use inventory_model::MeetingDevices;
use inventory_model::device::{self, DeviceType};
use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};

use super::{Context, SourceRun, is_item_failure};
use crate::clock::{start_of_utc_day, utc_date};
use crate::incremental::{History, MEETINGS};
use crate::writer::Keep;
use crate::{FetchError, SourceError};

/// How far before its cursor a run lists past meetings again: a meeting that was running when
/// the last run started is listed (as past) only once it ended.
const RUNNING_MEETINGS: SignedDuration = SignedDuration::from_hours(24);

/// The days a fetch reads, ending today (UTC): `days` days back, today included.
pub(crate) fn window(today: Date, days: u32) -> (Date, Date) {
    let from = today
        .checked_sub(jiff::Span::new().days(i64::from(days)))
        .unwrap_or(today);
    (from, today)
}

/// A past meeting whose participants are still to be read.
#[derive(Clone, Debug)]
pub(crate) struct Unread {
    pub(crate) uuid: String,
    pub(crate) start_time: Timestamp,
}

/// What the listing of past meetings found.
pub(crate) struct Listed {
    /// The meetings to read, newest first.
    pub(crate) unread: Vec<Unread>,
    /// The first day of the window.
    pub(crate) window_start: Timestamp,
}

/// Lists the past meetings the run looks at and keeps those whose participants were never read
/// (all of them in a full run), newest first.
pub(crate) async fn list(
    client: &zoom_api::Client,
    settings: &crate::FetchSettings,
    history: &History,
    account_id: &str,
    today: Date,
) -> Result<Listed, zoom_api::Error> {
    let (window_from, to) = window(today, settings.days_of_meetings);
    let window_start = start_of_utc_day(window_from);
    let from = match history.time_of(MEETINGS) {
        Some(cursor) if !history.full => cursor
            .checked_sub(RUNNING_MEETINGS)
            .map_or(window_from, |since| {
                utc_date(since).max(window_from).min(to)
            }),
        _ => window_from,
    };
    let read: HashSet<String> = if history.full {
        HashSet::new()
    } else {
        let account = account_id.to_owned();
        history
            .reader
            .with(move |store| store.meetings_read_since(&account, window_start))
            .await
            .unwrap_or_else(|error| {
                tracing::warn!("meetings already read unreadable, reading them again: {error}");
                HashSet::new()
            })
    };
    let mut unread: HashMap<String, Unread> = HashMap::new();
    for (from, to) in zoom_api::month_windows(from, to) {
        let mut meetings = std::pin::pin!(client.list_past_meetings(from, to));
        while let Some(meeting) = meetings.next().await {
            let meeting = meeting?;
            let Some(uuid) = meeting.item.uuid.clone() else {
                continue;
            };
            if read.contains(&uuid) {
                continue;
            }
            let Some(start_time) =
                inventory_model::value::timestamp(meeting.item.start_time.as_deref())
            else {
                continue;
            };
            unread.insert(uuid.clone(), Unread { uuid, start_time });
        }
    }
    let mut unread: Vec<Unread> = unread.into_values().collect();
    unread.sort_unstable_by(|a, b| (b.start_time, &b.uuid).cmp(&(a.start_time, &a.uuid)));
    Ok(Listed {
        unread,
        window_start,
    })
}

/// Reads the participants of the first `to_read` meetings of `listed` (the newest) and
/// gathers, with the devices earlier runs stored, the devices they joined from. The devices
/// are returned, not stored, with the source still open: the caller filters them once every
/// service account is known, stores them through the run and finishes it. The meetings left
/// unread wait for the next run, which lists from the oldest of them.
pub(crate) async fn gather<'a>(
    context: &'a Context,
    run: &mut SourceRun<'a>,
    listed: Listed,
    to_read: usize,
) -> MeetingDevices {
    let mut devices = MeetingDevices::default();
    let client = &context.client;
    let Listed {
        mut unread,
        window_start,
    } = listed;
    let deferred = unread.split_off(to_read.min(unread.len()));
    let mut participants = stream::iter(unread)
        .map(|meeting| async move {
            let joins = client
                .list_meeting_participants(&meeting.uuid)
                .try_collect::<Vec<_>>()
                .await;
            (meeting, joins)
        })
        .buffer_unordered(context.settings.concurrency);
    while let Some((meeting, joins)) = participants.next().await {
        match joins {
            Ok(joins) => {
                joins.iter().for_each(|join| devices.add(join));
                context
                    .sink
                    .keep(Keep::MeetingRead {
                        uuid: meeting.uuid,
                        start_time: meeting.start_time,
                    })
                    .await;
            }
            // The meeting is gone or its data expired: Zoom's 404 3001.
            Err(error) if is_item_failure(&error) => {
                run.item_failed(&meeting.uuid, &error).await;
            }
            Err(error) => {
                run.fail(error).await;
                return devices;
            }
        }
    }
    drop(participants);

    if let Err(error) = merge_stored(context, &mut devices, window_start).await {
        run.fail(SourceError::History(Box::new(error))).await;
        return devices;
    }
    let cursor = deferred
        .iter()
        .map(|meeting| meeting.start_time)
        .min()
        .map_or(context.started_at, |oldest| oldest.min(context.started_at));
    let sink = &context.sink;
    sink.keep(Keep::Cursor {
        source: MEETINGS.to_owned(),
        position: cursor.to_string(),
    })
    .await;
    sink.keep(Keep::ForgetMeetingsBefore(window_start)).await;
    devices
}

/// Adds the meeting devices stored by earlier runs whose last join is in the window.
async fn merge_stored(
    context: &Context,
    devices: &mut MeetingDevices,
    window_start: Timestamp,
) -> Result<(), FetchError> {
    let scope = device::scope(DeviceType::MeetingDevice);
    let stored = context
        .history
        .reader
        .with(move |store| {
            let mut stored = Vec::new();
            store.for_each_present_in_scope(&scope, |source_id, fields, raw| {
                stored.push((source_id.to_owned(), fields, raw));
            })?;
            Ok(stored)
        })
        .await?;
    for (source_id, fields, raw) in stored {
        let last_seen = fields["last_seen_at"]
            .as_str()
            .and_then(|text| text.parse::<Timestamp>().ok());
        if last_seen.is_some_and(|last| last >= window_start) {
            devices.add_stored(&source_id, &fields, &raw);
        }
    }
    Ok(())
}

/// The meeting-devices source: lists the meetings, asks the quota planner how many of them the
/// run may read, reads those and gathers the devices. Returned with the source still open (see
/// [`gather`]); a run that deferred meetings says how many in its reason.
pub(crate) async fn source(context: &Context, today: Date) -> (SourceRun<'_>, MeetingDevices) {
    let mut run = SourceRun::assets(context, &device::scope(DeviceType::MeetingDevice));
    let listed = match list(
        &context.client,
        &context.settings,
        &context.history,
        &context.account_id,
        today,
    )
    .await
    {
        Ok(listed) => listed,
        Err(error) => {
            run.fail(error).await;
            return (run, MeetingDevices::default());
        }
    };
    let plan = crate::plan::plan_with(
        &context.client,
        &context.settings,
        &context.history,
        listed.unread.len() as u64,
        crate::plan::other_listings(&context.settings),
    );
    (context.events)(crate::Event::Planned(Box::new(plan.clone())));
    let to_read = usize::try_from(plan.meetings_to_read).unwrap_or(usize::MAX);
    let devices = gather(context, &mut run, listed, to_read).await;
    if plan.deferred_meetings > 0 && !run.has_failed() {
        run.fail(SourceError::Deferred {
            meetings: plan.deferred_meetings,
        })
        .await;
    }
    (run, devices)
}
