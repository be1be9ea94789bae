//! The typed methods of [`Client`], one per endpoint, and the two ways a single response is
//! read: one object, or one list that Zoom does not paginate.

use futures_util::Stream;
use jiff::civil::Date;
use serde::de::DeserializeOwned;
use tracing::warn;

use super::Client;
use super::send::ApiRequest;
use crate::dates::query_date;
use crate::decode::{decode_item, split_page};
use crate::endpoints::{
    ACCOUNT_LOCK_SETTINGS, ACCOUNT_SETTINGS, Body, GET_ROLE, GET_ROOM, GET_USER, LIST_APPS,
    LIST_CALENDAR_RESOURCES, LIST_CALENDAR_SERVICES, LIST_GROUPS, LIST_H323_DEVICES,
    LIST_MEETING_PARTICIPANTS, LIST_OPERATION_LOGS, LIST_PAST_MEETINGS, LIST_ROLE_MEMBERS,
    LIST_ROLES, LIST_ROOM_DEVICES, LIST_ROOM_LOCATIONS, LIST_ROOMS, LIST_SIGN_IN_ACTIVITIES,
    LIST_USERS, LIST_ZDM_DEVICES, PLAN_USAGE, USERS_SUMMARY,
};
use crate::error::Error;
use crate::wire::{
    AccountSettings, CalendarResource, CalendarService, DashboardMeeting, Group, H323Device,
    MarketplaceApp, MeetingParticipant, MeetingSecuritySettings, OperationLog, PlanUsage, Role,
    RoleDetails, RoleMember, RoomDevice, RoomLocation, RoomProfile, SignInActivity, User,
    UserListItem, UserStatus, UsersSummary, WithRaw, ZdmDevice, ZoomRoom,
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
        let (_, raw) = self
            .get_value(&ApiRequest::new(ACCOUNT_LOCK_SETTINGS, &[OWN_ACCOUNT]))
            .await?;
        Ok(raw)
    }

    /// `GET /accounts/me/plans/usage`: seats bought and used. Paid plans only.
    pub async fn plan_usage(&self) -> Result<WithRaw<PlanUsage>, Error> {
        self.get_item(&ApiRequest::new(PLAN_USAGE, &[OWN_ACCOUNT]))
            .await
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

    /// `GET /devices` (Zoom Device Management), every page, without filters (Zoom's defaults;
    /// a third-party copy of the spec says `is_enrolled_in_zdm` defaults to true).
    pub fn list_zdm_devices(
        &self,
    ) -> impl Stream<Item = Result<WithRaw<ZdmDevice>, Error>> + Send + 'static + use<> {
        self.paginate(ApiRequest::new(LIST_ZDM_DEVICES, &[]))
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
    /// starts with `/` or contains `//`, as Zoom requires.
    pub fn list_meeting_participants(
        &self,
        meeting_uuid: &str,
    ) -> impl Stream<Item = Result<WithRaw<MeetingParticipant>, Error>> + Send + 'static + use<>
    {
        self.paginate(
            ApiRequest::new(LIST_MEETING_PARTICIPANTS, &[meeting_uuid]).query("type", "past"),
        )
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
