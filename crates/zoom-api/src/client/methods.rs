//! The typed methods of [`Client`], one per endpoint, and the two ways a single response is
//! read: one object, or one list that Zoom does not paginate.

use std::collections::HashSet;

use futures_util::{FutureExt as _, Stream, StreamExt as _};
use jiff::civil::Date;
use serde::de::DeserializeOwned;
use tracing::warn;

use super::Client;
use super::send::ApiRequest;
use crate::dates::query_date;
use crate::decode::{decode_item, split_page};
use crate::endpoints::{
    ACCOUNT_LOCK_SETTINGS, ACCOUNT_PLANS, ACCOUNT_SETTINGS, Body, GET_APP, GET_ROLE, GET_ROOM,
    GET_USER, GROUP_LOCK_SETTINGS, GROUP_SETTINGS, LIST_APPS, LIST_CALENDAR_RESOURCES,
    LIST_CALENDAR_SERVICES, LIST_GROUPS, LIST_H323_DEVICES, LIST_MEETING_PARTICIPANTS,
    LIST_OPERATION_LOGS, LIST_PAST_MEETINGS, LIST_ROLE_MEMBERS, LIST_ROLES, LIST_ROOM_DEVICES,
    LIST_ROOM_LOCATIONS, LIST_ROOMS, LIST_SIGN_IN_ACTIVITIES, LIST_USERS, LIST_ZDM_DEVICES,
    MANAGED_DOMAINS, PLAN_USAGE, TRUSTED_DOMAINS, USER_SETTINGS, USERS_SUMMARY,
};
use crate::error::Error;
use crate::wire::{
    AccountPlans, AccountSettings, AppDetails, CalendarResource, CalendarService, DashboardMeeting,
    Group, H323Device, ManagedDomains, MarketplaceApp, MeetingParticipant, MeetingSecuritySettings,
    OperationLog, PlanUsage, Role, RoleDetails, RoleMember, RoomDevice, RoomLocation, RoomProfile,
    SettingsOption, SignInActivity, TrustedDomains, User, UserListItem, UserStatus, UsersSummary,
    WithRaw, ZdmDevice, ZdmSlice, ZoomRoom,
};

/// The page size `GET /users` asks for: Zoom's current maximum (`zoom-users.json`), so that a
/// large account's listing is a few requests. A server that answers with smaller pages is
/// followed page by page all the same.
const USERS_PAGE_SIZE: u32 = 2000;

/// The `accountId` of the account the app belongs to.
const OWN_ACCOUNT: &str = "me";

impl Client {
    /// `GET /users?status=…`, every page, asking for 2000 users a page (Zoom's maximum for this
    /// endpoint) unless [`ClientConfig::page_size`](crate::ClientConfig::page_size) was set
    /// lower. `status` is always sent.
    pub fn list_users(
        &self,
        status: UserStatus,
    ) -> impl Stream<Item = Result<WithRaw<UserListItem>, Error>> + Send + 'static + use<> {
        // The configured page size, when a caller lowered it below the default, wins.
        let page_size = if self.inner.config.page_size < crate::ClientConfig::MAX_PAGE_SIZE {
            self.inner.config.page_size
        } else {
            USERS_PAGE_SIZE
        };
        self.paginate_sized(
            ApiRequest::new(LIST_USERS, &[]).query("status", status.as_str()),
            page_size,
        )
    }

    /// `GET /users/{userId}` (ID or email).
    pub async fn get_user(&self, user_id: &str) -> Result<WithRaw<User>, Error> {
        self.get_item(&ApiRequest::new(GET_USER, &[user_id])).await
    }

    /// `GET /rooms/{roomId}`: a Zoom Room's profile (its basic settings name the room's Zoom
    /// user account).
    pub async fn get_room(&self, room_id: &str) -> Result<WithRaw<RoomProfile>, Error> {
        self.get_item(&ApiRequest::new(GET_ROOM, &[room_id])).await
    }

    /// `GET /groups`, every page.
    pub fn list_groups(
        &self,
    ) -> impl Stream<Item = Result<WithRaw<Group>, Error>> + Send + 'static + use<> {
        self.paginate(ApiRequest::new(LIST_GROUPS, &[]))
    }

    /// `GET /roles` (not paginated in Zoom's spec; the default `type`, `common`).
    pub async fn list_roles(&self) -> Result<Vec<WithRaw<Role>>, Error> {
        self.get_list(&ApiRequest::new(LIST_ROLES, &[])).await
    }

    /// `GET /roles/{roleId}`: the role with its privileges.
    pub async fn get_role(&self, role_id: &str) -> Result<WithRaw<RoleDetails>, Error> {
        self.get_item(&ApiRequest::new(GET_ROLE, &[role_id])).await
    }

    /// `GET /accounts/me/settings`: security, meeting and recording settings.
    pub async fn account_settings(&self) -> Result<WithRaw<AccountSettings>, Error> {
        self.get_item(&ApiRequest::new(ACCOUNT_SETTINGS, &[OWN_ACCOUNT]))
            .await
    }

    /// `GET /accounts/me/settings?option=meeting_security`: waiting room and passcodes.
    pub async fn meeting_security_settings(
        &self,
    ) -> Result<WithRaw<MeetingSecuritySettings>, Error> {
        self.get_item(
            &ApiRequest::new(ACCOUNT_SETTINGS, &[OWN_ACCOUNT]).query("option", "meeting_security"),
        )
        .await
    }

    /// `GET /accounts/me/lock_settings`: which settings users cannot change (the JSON as is:
    /// every leaf is a setting's name and whether it is locked). Pro plans and up.
    pub async fn account_lock_settings(&self) -> Result<serde_json::Value, Error> {
        self.get_raw(ApiRequest::new(ACCOUNT_LOCK_SETTINGS, &[OWN_ACCOUNT]))
            .await
    }

    /// `GET /accounts/me/settings?option=…`: one part of the settings the default answer does
    /// not hold, as JSON (its objects and values are stored as they are).
    pub async fn account_settings_option(
        &self,
        option: SettingsOption,
    ) -> Result<serde_json::Value, Error> {
        self.get_raw(
            ApiRequest::new(ACCOUNT_SETTINGS, &[OWN_ACCOUNT]).query("option", option.as_str()),
        )
        .await
    }

    /// `GET /accounts/me/lock_settings?option=…` (`meeting_security` is the one Zoom
    /// documents): the locks of that part of the settings, as JSON. Pro plans and up.
    pub async fn account_lock_settings_option(
        &self,
        option: SettingsOption,
    ) -> Result<serde_json::Value, Error> {
        self.get_raw(
            ApiRequest::new(ACCOUNT_LOCK_SETTINGS, &[OWN_ACCOUNT]).query("option", option.as_str()),
        )
        .await
    }

    /// `GET /groups/{groupId}/settings` (with `option`, one part of them): the settings of the
    /// group's members, as JSON.
    pub async fn group_settings(
        &self,
        group_id: &str,
        option: Option<SettingsOption>,
    ) -> Result<serde_json::Value, Error> {
        let mut request = ApiRequest::new(GROUP_SETTINGS, &[group_id]);
        if let Some(option) = option {
            request = request.query("option", option.as_str());
        }
        self.get_raw(request).await
    }

    /// `GET /groups/{groupId}/lock_settings` (with `option`, one part of them): which settings
    /// the group's members cannot change, as JSON.
    pub async fn group_lock_settings(
        &self,
        group_id: &str,
        option: Option<SettingsOption>,
    ) -> Result<serde_json::Value, Error> {
        let mut request = ApiRequest::new(GROUP_LOCK_SETTINGS, &[group_id]);
        if let Some(option) = option {
            request = request.query("option", option.as_str());
        }
        self.get_raw(request).await
    }

    /// `GET /users/{userId}/settings`: one user's settings (the default part), as JSON.
    pub async fn user_settings(&self, user_id: &str) -> Result<serde_json::Value, Error> {
        self.get_raw(ApiRequest::new(USER_SETTINGS, &[user_id]))
            .await
    }

    /// `GET /accounts/me/managed_domains`: the domains whose users belong to the account.
    pub async fn managed_domains(&self) -> Result<WithRaw<ManagedDomains>, Error> {
        self.get_item(&ApiRequest::new(MANAGED_DOMAINS, &[OWN_ACCOUNT]))
            .await
    }

    /// `GET /accounts/me/trusted_domains`. Paid plans only.
    pub async fn trusted_domains(&self) -> Result<WithRaw<TrustedDomains>, Error> {
        self.get_item(&ApiRequest::new(TRUSTED_DOMAINS, &[OWN_ACCOUNT]))
            .await
    }

    /// `GET /accounts/me/plans/usage`: seats bought and used. Paid plans only.
    pub async fn plan_usage(&self) -> Result<WithRaw<PlanUsage>, Error> {
        self.get_item(&ApiRequest::new(PLAN_USAGE, &[OWN_ACCOUNT]))
            .await
    }

    /// `GET /accounts/me/plans`: the plans with their renewal (next invoice) dates. Zoom answers
    /// only approved partners' master accounts; other accounts get a refusal (an `Error` with
    /// an HTTP status of 400 or above), which callers treat as "not available".
    pub async fn account_plans(&self) -> Result<WithRaw<AccountPlans>, Error> {
        self.get_item(&ApiRequest::new(ACCOUNT_PLANS, &[OWN_ACCOUNT]))
            .await
    }

    /// `GET /marketplace/apps/{appId}`: one app, with `app_scopes`, the scopes the app
    /// requests (Zoom's document does not say they are the ones the account granted).
    pub async fn get_app(&self, app_id: &str) -> Result<WithRaw<AppDetails>, Error> {
        self.get_item(&ApiRequest::new(GET_APP, &[app_id])).await
    }

    /// `GET /users/summary`: users by licence.
    pub async fn users_summary(&self) -> Result<WithRaw<UsersSummary>, Error> {
        self.get_item(&ApiRequest::new(USERS_SUMMARY, &[])).await
    }

    /// `GET /marketplace/apps?type=account_added`: the apps added to the account, every page.
    pub fn list_installed_apps(
        &self,
    ) -> impl Stream<Item = Result<WithRaw<MarketplaceApp>, Error>> + Send + 'static + use<> {
        self.paginate(ApiRequest::new(LIST_APPS, &[]).query("type", "account_added"))
    }

    /// `GET /roles/{roleId}/members`, every page.
    pub fn list_role_members(
        &self,
        role_id: &str,
    ) -> impl Stream<Item = Result<WithRaw<RoleMember>, Error>> + Send + 'static + use<> {
        self.paginate(ApiRequest::new(LIST_ROLE_MEMBERS, &[role_id]))
    }

    /// `GET /h323/devices` (H.323/SIP devices), every page.
    pub fn list_h323_devices(
        &self,
    ) -> impl Stream<Item = Result<WithRaw<H323Device>, Error>> + Send + 'static + use<> {
        self.paginate(ApiRequest::new(LIST_H323_DEVICES, &[]))
    }

    /// `GET /rooms` (Zoom Rooms), every page, without filters (Zoom's defaults, which include
    /// `unassigned_rooms=false`).
    pub fn list_rooms(
        &self,
    ) -> impl Stream<Item = Result<WithRaw<ZoomRoom>, Error>> + Send + 'static + use<> {
        self.paginate(ApiRequest::new(LIST_ROOMS, &[]))
    }

    /// `GET /rooms/{roomId}/devices` (not paginated in Zoom's spec). `room_id` is
    /// [`ZoomRoom::id`](crate::wire::ZoomRoom::id), not `room_id`.
    pub async fn list_room_devices(
        &self,
        room_id: &str,
    ) -> Result<Vec<WithRaw<RoomDevice>>, Error> {
        self.get_list(&ApiRequest::new(LIST_ROOM_DEVICES, &[room_id]))
            .await
    }

    /// `GET /rooms/locations` (the Zoom Rooms location hierarchy, every level), every page.
    pub fn list_room_locations(
        &self,
    ) -> impl Stream<Item = Result<WithRaw<RoomLocation>, Error>> + Send + 'static + use<> {
        self.paginate(ApiRequest::new(LIST_ROOM_LOCATIONS, &[]))
    }

    /// `GET /rooms/calendar/services` (not paginated in Zoom's spec).
    pub async fn list_calendar_services(&self) -> Result<Vec<WithRaw<CalendarService>>, Error> {
        self.get_list(&ApiRequest::new(LIST_CALENDAR_SERVICES, &[]))
            .await
    }

    /// `GET /rooms/calendar/services/{serviceId}/resources`, every page.
    pub fn list_calendar_resources(
        &self,
        service_id: &str,
    ) -> impl Stream<Item = Result<WithRaw<CalendarResource>, Error>> + Send + 'static + use<> {
        self.paginate(ApiRequest::new(LIST_CALENDAR_RESOURCES, &[service_id]))
    }

    /// `GET /devices` (Zoom Device Management): every device once, by `device_id`, from the
    /// four slices of [`ZdmSlice::EVERY`] (Zoom's defaults hide devices not enrolled in ZDM and
    /// Zoom Phone appliances), each every page.
    pub fn list_zdm_devices(
        &self,
    ) -> impl Stream<Item = Result<WithRaw<ZdmDevice>, Error>> + Send + 'static + use<> {
        let client = self.clone();
        let mut seen = HashSet::new();
        futures_util::stream::iter(ZdmSlice::EVERY)
            .flat_map(move |slice| client.list_zdm_slice(slice))
            // A slice that fails ends the listing: the others would fail alike (scope, plan).
            .scan(false, |failed, item| {
                let next = (!*failed).then_some(item);
                *failed = next.as_ref().is_some_and(Result::is_err);
                std::future::ready(next)
            })
            .filter(move |item| {
                // A device in two slices (Zoom's reading of a filter may differ) is one device.
                let first = match item {
                    Ok(device) => device
                        .item
                        .device_id
                        .as_ref()
                        .is_none_or(|id| seen.insert(id.clone())),
                    Err(_) => true,
                };
                std::future::ready(first)
            })
    }

    /// `GET /devices?is_enrolled_in_zdm=…&device_type=…`: one slice, every page.
    pub fn list_zdm_slice(
        &self,
        slice: ZdmSlice,
    ) -> impl Stream<Item = Result<WithRaw<ZdmDevice>, Error>> + Send + 'static + use<> {
        self.paginate(
            ApiRequest::new(LIST_ZDM_DEVICES, &[])
                .query("is_enrolled_in_zdm", slice.enrolled_in_zdm.to_string())
                .query("device_type", slice.device_type.to_string()),
        )
    }

    /// `GET /metrics/meetings?type=past&from=…&to=…` (Dashboard, past meetings), every page.
    ///
    /// One request window: Zoom takes at most one month within the last six months; split
    /// longer ranges with [`month_windows`](crate::month_windows). Dates are sent as
    /// `yyyy-MM-dd`; which meetings a day includes (by start time, in which time zone) is
    /// Zoom's.
    pub fn list_past_meetings(
        &self,
        from: Date,
        to: Date,
    ) -> impl Stream<Item = Result<WithRaw<DashboardMeeting>, Error>> + Send + 'static + use<> {
        self.paginate(
            ApiRequest::new(LIST_PAST_MEETINGS, &[])
                .query("type", "past")
                .query("from", query_date(from))
                .query("to", query_date(to)),
        )
    }

    /// `GET /metrics/meetings/{meetingId}/participants?type=past`, every page.
    ///
    /// `meeting_uuid` is a [`DashboardMeeting::uuid`](crate::wire::DashboardMeeting::uuid) (or a
    /// meeting number, for the latest instance). It is percent-encoded once, or twice when it
    /// holds a `/` (see `path.rs`); a UUID with other reserved characters that gets a 404 is
    /// asked for once more, encoded twice.
    pub fn list_meeting_participants(
        &self,
        meeting_uuid: &str,
    ) -> impl Stream<Item = Result<WithRaw<MeetingParticipant>, Error>> + Send + 'static + use<>
    {
        let request =
            ApiRequest::new(LIST_MEETING_PARTICIPANTS, &[meeting_uuid]).query("type", "past");
        let other = request.other_meeting_encoding(&[meeting_uuid]);
        let client = self.clone();
        Box::pin(self.paginate(request))
            .into_future()
            .map(move |(first, rest)| match (first, other) {
                // Zoom's reading of reserved characters other than `/` is not documented: a 404
                // on the first page earns one try with the UUID encoded the other way.
                (Some(Err(error)), Some(other)) if error.http_status() == Some(404) => {
                    client.paginate(other).boxed()
                }
                // The listing ended at once: `rest` is done and must not be polled again.
                (None, _) => futures_util::stream::empty().boxed(),
                (Some(first), _) => futures_util::stream::once(async { first })
                    .chain(rest)
                    .boxed(),
            })
            .flatten_stream()
    }

    /// `GET /report/activities?from=…&to=…` (sign-in and sign-out report), every page.
    ///
    /// One request window (at most one month, within the last six months): see
    /// [`month_windows`](crate::month_windows).
    pub fn list_sign_in_activities(
        &self,
        from: Date,
        to: Date,
    ) -> impl Stream<Item = Result<WithRaw<SignInActivity>, Error>> + Send + 'static + use<> {
        self.paginate(
            ApiRequest::new(LIST_SIGN_IN_ACTIVITIES, &[])
                .query("from", query_date(from))
                .query("to", query_date(to)),
        )
    }

    /// `GET /report/operationlogs?from=…&to=…` (admin operation logs, every category), every
    /// page.
    ///
    /// One request window (at most one month, within the last six months): see
    /// [`month_windows`](crate::month_windows).
    pub fn list_operation_logs(
        &self,
        from: Date,
        to: Date,
    ) -> impl Stream<Item = Result<WithRaw<OperationLog>, Error>> + Send + 'static + use<> {
        self.paginate(
            ApiRequest::new(LIST_OPERATION_LOGS, &[])
                .query("from", query_date(from))
                .query("to", query_date(to)),
        )
    }

    /// One object, as received.
    async fn get_raw(&self, req: ApiRequest) -> Result<serde_json::Value, Error> {
        let (_, raw) = self.get_value(&req).await?;
        Ok(raw)
    }

    /// One object, decoded.
    async fn get_item<T: DeserializeOwned>(&self, req: &ApiRequest) -> Result<WithRaw<T>, Error> {
        let (endpoint, raw) = self.get_value(req).await?;
        decode_item(&endpoint, ".", raw)
    }

    /// Every item of a list that Zoom's spec does not paginate: one request, no paging
    /// parameters; a `next_page_token` in the answer is logged and ignored.
    async fn get_list<T: DeserializeOwned>(
        &self,
        req: &ApiRequest,
    ) -> Result<Vec<WithRaw<T>>, Error> {
        let declared = *req.endpoint();
        let Body::List { items: items_field } = declared.body else {
            unreachable!("{declared} is not an unpaginated list in the endpoint table");
        };
        let (endpoint, body) = self.get_value(req).await?;
        let (meta, items) = split_page(&endpoint, body, items_field)?;
        if let Some(token) = meta.next_token() {
            warn!(
                endpoint,
                len = token.len(),
                "an unpaginated list returned a next_page_token; ignored"
            );
        }
        items
            .into_iter()
            .enumerate()
            .map(|(i, raw)| decode_item(&endpoint, &format!("{items_field}[{i}]"), raw))
            .collect()
    }
}
