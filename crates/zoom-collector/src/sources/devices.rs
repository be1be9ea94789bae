//! Device sources: H.323/SIP, Zoom Rooms (with calendar-only rooms), Zoom Room devices, ZDM.

use std::collections::{HashMap, HashSet};

use futures_util::{StreamExt, TryStreamExt, stream};
use inventory_model::device::{self, DeviceType};
use inventory_model::{Asset, Record};
use zoom_api::wire::{RoomDevice, RoomProfile, WithRaw};

use super::{Context, SourceOutcome, SourceRun, is_item_failure, keep_detail, reusable};
use crate::incremental::list_hash;

/// H.323/SIP devices.
pub(crate) async fn h323(context: &Context) -> SourceOutcome {
    let mut run = SourceRun::assets(context, &device::scope(DeviceType::H323));
    run.store_listing(context.client.list_h323_devices(), device::h323)
        .await;
    run.finish()
}

/// What the Zoom Rooms source learned for the sources after it.
#[derive(Debug, Default)]
pub(crate) struct RoomsFound {
    /// The user ids of the rooms' Zoom accounts, which are service accounts.
    pub(crate) account_ids: HashSet<String>,
    /// Every room's id and the hash of its list record, when the listing completed: the
    /// room-devices source need not list the rooms again.
    pub(crate) rooms: Option<Vec<(String, String)>>,
}

/// The item a room's profile is kept under between runs (its record's id).
fn profile_item(room_id: &str) -> String {
    format!("{}:{room_id}", DeviceType::ZoomRoom.as_str())
}

/// The item a room's device list is kept under between runs.
fn devices_item(room_id: &str) -> String {
    format!("{}#devices", profile_item(room_id))
}

/// Zoom Rooms, and (unless excluded) calendar resources that no room uses.
pub(crate) async fn zoom_rooms(context: &Context) -> (SourceOutcome, RoomsFound) {
    let mut run = SourceRun::assets(context, &device::scope(DeviceType::ZoomRoom));
    let mut room_ids = HashSet::new();
    let mut hashes = Vec::new();
    let rooms = match context.client.list_rooms().try_collect::<Vec<_>>().await {
        Ok(rooms) => rooms,
        Err(error) => {
            run.fail(error).await;
            return (run.finish(), RoomsFound::default());
        }
    };
    for room in &rooms {
        if let Some(record) = device::zoom_room(room) {
            if room_ids.insert(record.source_id.clone()) {
                hashes.push((record.source_id.clone(), list_hash(&room.raw)));
            }
            if !run.put(record).await {
                return (run.finish(), RoomsFound::default());
            }
        }
    }
    let mut found = RoomsFound {
        account_ids: HashSet::new(),
        rooms: Some(hashes.clone()),
    };

    // Each room's profile names its Zoom account: a service account. A profile is read again
    // only when the policy of detail reads says so.
    let stored: HashMap<String, WithRaw<RoomProfile>> = reusable(
        context,
        hashes
            .iter()
            .map(|(id, hash)| (profile_item(id), hash.clone())),
        |detail| WithRaw::from_value(serde_json::from_str(&detail?).ok()?).ok(),
    )
    .await;
    let mut to_read = Vec::new();
    for (room_id, hash) in hashes {
        match stored.get(&profile_item(&room_id)) {
            Some(profile) => found.account_ids.extend(profile.item.user_id()),
            None => to_read.push((room_id, hash)),
        }
    }
    let client = &context.client;
    let mut profiles = stream::iter(to_read)
        .map(|(room_id, hash)| async move { (client.get_room(&room_id).await, room_id, hash) })
        .buffer_unordered(context.settings.concurrency);
    while let Some((profile, room_id, hash)) = profiles.next().await {
        match profile {
            Ok(profile) => {
                found.account_ids.extend(profile.item.user_id());
                let detail = Some(profile.raw.to_string());
                keep_detail(context, &profile_item(&room_id), &hash, detail).await;
            }
            Err(error) if is_item_failure(&error) => run.item_failed(&room_id, &error).await,
            Err(error) => {
                run.fail(error).await;
                return (run.finish(), found);
            }
        }
    }
    drop(profiles);

    if !context.settings.exclude_calendar_rooms {
        calendar_rooms(&mut run, &room_ids).await;
    }
    (run.finish(), found)
}

/// Calendar resources assigned to no room we know: rooms that exist only in the calendar.
async fn calendar_rooms(run: &mut SourceRun<'_>, room_ids: &HashSet<String>) {
    let client = &run.context().client;
    let services = match client.list_calendar_services().await {
        Ok(services) => services,
        Err(error) => {
            run.fail(error).await;
            return;
        }
    };
    for service in services {
        let Some(service_id) = service.item.calendar_service_id.clone() else {
            continue;
        };
        let resources = client.list_calendar_resources(&service_id);
        let mut resources = std::pin::pin!(resources);
        while let Some(resource) = resources.next().await {
            match resource {
                Ok(resource) => {
                    let assigned = resource
                        .item
                        .assigned_room_id
                        .as_deref()
                        .is_some_and(|room| room_ids.contains(room));
                    if assigned {
                        continue;
                    }
                    if let Some(record) = device::calendar_room(&resource)
                        && !run.put(record).await
                    {
                        return;
                    }
                }
                Err(error) if is_item_failure(&error) => {
                    run.item_failed(&service_id, &error).await;
                    break;
                }
                Err(error) => {
                    run.fail(error).await;
                    return;
                }
            }
        }
    }
}

/// The computers, controllers and displays of every Zoom Room (of `known_rooms` when the Zoom
/// Rooms source already listed them, else listed here). Also returns their MAC addresses: a
/// meeting device with one of them is a room's computer, run by the room's (service) account.
/// A room's devices are read again only when the policy of detail reads says so; otherwise
/// the list its last read kept is normalized again.
pub(crate) async fn zoom_room_devices(
    context: &Context,
    known_rooms: Option<Vec<(String, String)>>,
) -> (SourceOutcome, HashSet<String>) {
    let mut run = SourceRun::assets(context, &device::scope(DeviceType::ZoomRoomDevice));
    let mut macs = HashSet::new();
    let client = &context.client;
    let rooms = match known_rooms {
        Some(rooms) => rooms,
        None => match client.list_rooms().try_collect::<Vec<_>>().await {
            Ok(rooms) => rooms
                .into_iter()
                .filter_map(|room| Some((room.item.id.clone()?, list_hash(&room.raw))))
                .collect(),
            Err(error) => {
                run.fail(error).await;
                return (run.finish(), macs);
            }
        },
    };
    let stored: HashMap<String, Vec<WithRaw<RoomDevice>>> = reusable(
        context,
        rooms
            .iter()
            .map(|(id, hash)| (devices_item(id), hash.clone())),
        |detail| {
            let listed: Vec<serde_json::Value> = serde_json::from_str(&detail?).ok()?;
            listed
                .into_iter()
                .map(|raw| WithRaw::from_value(raw).ok())
                .collect()
        },
    )
    .await;
    let mut devices = stream::iter(rooms)
        .map(|(room_id, hash)| {
            let kept = stored.get(&devices_item(&room_id)).cloned();
            async move {
                let listed = match kept {
                    Some(kept) => Ok(kept),
                    None => {
                        let listed = client.list_room_devices(&room_id).await;
                        if let Ok(listed) = &listed {
                            let raws: Vec<&serde_json::Value> =
                                listed.iter().map(|device| &device.raw).collect();
                            let detail = serde_json::to_string(&raws).ok();
                            keep_detail(context, &devices_item(&room_id), &hash, detail).await;
                        }
                        listed
                    }
                };
                (listed, room_id)
            }
        })
        .buffer_unordered(context.settings.concurrency);
    while let Some((listed, room_id)) = devices.next().await {
        match listed {
            Ok(listed) => {
                for listed_device in &listed {
                    let Some(record) = device::zoom_room_device(listed_device, &room_id) else {
                        continue;
                    };
                    if let Asset::Device(device) = &record.asset {
                        macs.extend(device.mac_addresses.iter().cloned());
                    }
                    if !run.put(record).await {
                        return (run.finish(), macs);
                    }
                }
            }
            // The room went away between the listing and its devices.
            Err(error) if is_item_failure(&error) => run.item_failed(&room_id, &error).await,
            Err(error) => {
                run.fail(error).await;
                break;
            }
        }
    }
    drop(devices);
    (run.finish(), macs)
}

/// Zoom Device Management devices. With `hold_back`, the records are returned rather than
/// stored, with the source still open, to be filtered once the service accounts are known.
pub(crate) async fn zdm(context: &Context, hold_back: bool) -> (SourceRun<'_>, Vec<Record>) {
    let mut run = SourceRun::assets(context, &device::scope(DeviceType::Zdm));
    let mut held = Vec::new();
    let listing = context.client.list_zdm_devices();
    if !hold_back {
        run.store_listing(listing, device::zdm).await;
        return (run, held);
    }
    let mut listing = std::pin::pin!(listing);
    while let Some(item) = listing.next().await {
        match item {
            Ok(item) => held.extend(device::zdm(&item)),
            Err(error) => {
                run.fail(error).await;
                break;
            }
        }
    }
    (run, held)
}

/// Who runs devices that no person owns: service accounts (API users, Zoom Rooms accounts).
#[derive(Debug, Default)]
pub(crate) struct ServiceAccounts {
    /// Emails of the users that are service accounts.
    pub(crate) emails: HashSet<String>,
    /// MAC addresses of Zoom Rooms devices (whose account is the room's).
    pub(crate) room_macs: HashSet<String>,
}

impl ServiceAccounts {
    /// Whether a service account owns the device: its owner is one, it is assigned to a Zoom
    /// Room (ZDM), or it is a Zoom Rooms computer seen joining meetings (its MAC is a room
    /// device's).
    pub(crate) fn own(&self, record: &Record) -> bool {
        let Asset::Device(device) = &record.asset else {
            return false;
        };
        device
            .owner_email
            .as_ref()
            .is_some_and(|owner| self.emails.contains(owner))
            || device.room_id.is_some()
            || device
                .mac_addresses
                .iter()
                .any(|mac| self.room_macs.contains(mac))
    }
}
