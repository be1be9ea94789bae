//! Every endpoint the client calls, declared once: HTTP method, Zoom's path template, rate-limit
//! category, where a listing's items are, and the document these facts come from.
//!
//! Each typed method of [`Client`](crate::Client) builds its request from one of these
//! constants (the template filled with its ids, see `path.rs`), and the rate budget counts the
//! request in the constant's [`Endpoint::category`], so a path and its category cannot
//! disagree. `tests/it/spec_conformance.rs` checks every row of [`ALL`] against Zoom's OpenAPI
//! documents in `fixtures/openapi/`: the operation exists, its "Rate Limit Label" is the
//! category, the items field is an array of its response, and listings are paginated exactly
//! when Zoom's spec says so.

use std::fmt;

use crate::rate::RateCategory;

/// An HTTP method the client sends.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`: every endpoint the client calls only reads.
    Get,
}

impl Method {
    /// The method as it appears in a request line and in Zoom's documents: `GET`.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a successful response of an endpoint holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Body {
    /// One object.
    Object,
    /// One list in the array field `items`; Zoom's spec does not paginate it.
    List {
        /// The field that holds the items (`roles`, `devices`, ...).
        items: &'static str,
    },
    /// One page of a listing: the items in the array field `items`, the next page named by
    /// `next_page_token`.
    Pages {
        /// The field that holds the items (`users`, `rooms`, ...).
        items: &'static str,
    },
}

impl Body {
    /// The field that holds a list's items, `None` for a single object.
    pub fn items(self) -> Option<&'static str> {
        match self {
            Body::Object => None,
            Body::List { items } | Body::Pages { items } => Some(items),
        }
    }
}

/// Where an endpoint's facts come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Source {
    /// The operation in one of Zoom's OpenAPI documents in `fixtures/openapi/` (file name).
    Spec(&'static str),
    /// No OpenAPI document there covers the operation: the document and section the facts
    /// come from.
    Doc(&'static str),
}

/// One operation of Zoom's REST API, as the client calls it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Endpoint {
    /// The HTTP method.
    pub method: Method,
    /// Zoom's path template after `/v2`, exactly as in the spec (`/users/{userId}`).
    pub path: &'static str,
    /// Zoom's "Rate Limit Label": the category of the rate budget its requests count in.
    pub category: RateCategory,
    /// What a successful response holds.
    pub body: Body,
    /// Where these facts come from.
    pub source: Source,
}

impl fmt::Display for Endpoint {
    /// `GET /users/{userId}`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.method, self.path)
    }
}

const USERS: Source = Source::Spec("zoom-users.json");
const ACCOUNTS: Source = Source::Spec("zoom-accounts.json");
const ROOMS: Source = Source::Spec("zoom-rooms.json");
const MARKETPLACE: Source = Source::Spec("zoom-marketplace.json");
const BILLING: Source = Source::Spec("zoom-billing-ma.json");
/// Zoom's older all-in-one Meetings document: the current one (home of `/h323/devices` and
/// `/report/*`) is not in `fixtures/openapi/`, so these labels are its 2023 values.
const MEETINGS_2023: Source = Source::Spec("zoom-meeting-api-2023-07.json");

/// Declares each endpoint as a constant and [`ALL`] as the list of them, so that no endpoint
/// can be declared and left out of the list the conformance test walks.
macro_rules! endpoints {
    ($($(#[$doc:meta])* $name:ident = $value:expr;)+) => {
        $($(#[$doc])* pub const $name: Endpoint = $value;)+

        /// Every endpoint the client calls, in the order declared.
        pub const ALL: &[Endpoint] = &[$($name),+];
    };
}

endpoints! {
    /// List users: [`Client::list_users`](crate::Client::list_users).
    LIST_USERS = Endpoint {
        method: Method::Get,
        path: "/users",
        category: RateCategory::Medium,
        body: Body::Pages { items: "users" },
        source: USERS,
    };
    /// Get a user: [`Client::get_user`](crate::Client::get_user).
    GET_USER = Endpoint {
        method: Method::Get,
        path: "/users/{userId}",
        category: RateCategory::Light,
        body: Body::Object,
        source: USERS,
    };
    /// Licence counts: [`Client::users_summary`](crate::Client::users_summary).
    USERS_SUMMARY = Endpoint {
        method: Method::Get,
        path: "/users/summary",
        category: RateCategory::Medium,
        body: Body::Object,
        source: USERS,
    };
    /// List groups: [`Client::list_groups`](crate::Client::list_groups).
    LIST_GROUPS = Endpoint {
        method: Method::Get,
        path: "/groups",
        category: RateCategory::Medium,
        body: Body::Pages { items: "groups" },
        source: USERS,
    };
    /// List roles: [`Client::list_roles`](crate::Client::list_roles).
    LIST_ROLES = Endpoint {
        method: Method::Get,
        path: "/roles",
        category: RateCategory::Medium,
        body: Body::List { items: "roles" },
        source: ACCOUNTS,
    };
    /// A role with its privileges: [`Client::get_role`](crate::Client::get_role).
    GET_ROLE = Endpoint {
        method: Method::Get,
        path: "/roles/{roleId}",
        category: RateCategory::Light,
        body: Body::Object,
        source: ACCOUNTS,
    };
    /// A role's members: [`Client::list_role_members`](crate::Client::list_role_members).
    LIST_ROLE_MEMBERS = Endpoint {
        method: Method::Get,
        path: "/roles/{roleId}/members",
        category: RateCategory::Medium,
        body: Body::Pages { items: "members" },
        source: ACCOUNTS,
    };
    /// The account's settings: [`Client::account_settings`](crate::Client::account_settings),
    /// [`Client::meeting_security_settings`](crate::Client::meeting_security_settings) and
    /// [`Client::account_settings_option`](crate::Client::account_settings_option).
    ACCOUNT_SETTINGS = Endpoint {
        method: Method::Get,
        path: "/accounts/{accountId}/settings",
        category: RateCategory::Medium,
        body: Body::Object,
        source: ACCOUNTS,
    };
    /// The account's locked settings:
    /// [`Client::account_lock_settings`](crate::Client::account_lock_settings) and
    /// [`Client::account_lock_settings_option`](crate::Client::account_lock_settings_option).
    ACCOUNT_LOCK_SETTINGS = Endpoint {
        method: Method::Get,
        path: "/accounts/{accountId}/lock_settings",
        category: RateCategory::Medium,
        body: Body::Object,
        source: ACCOUNTS,
    };
    /// The account's managed (associated) domains:
    /// [`Client::managed_domains`](crate::Client::managed_domains).
    MANAGED_DOMAINS = Endpoint {
        method: Method::Get,
        path: "/accounts/{accountId}/managed_domains",
        category: RateCategory::Light,
        body: Body::Object,
        source: ACCOUNTS,
    };
    /// The account's trusted domains:
    /// [`Client::trusted_domains`](crate::Client::trusted_domains).
    TRUSTED_DOMAINS = Endpoint {
        method: Method::Get,
        path: "/accounts/{accountId}/trusted_domains",
        category: RateCategory::Light,
        body: Body::Object,
        source: ACCOUNTS,
    };
    /// A group's settings: [`Client::group_settings`](crate::Client::group_settings).
    GROUP_SETTINGS = Endpoint {
        method: Method::Get,
        path: "/groups/{groupId}/settings",
        category: RateCategory::Medium,
        body: Body::Object,
        source: USERS,
    };
    /// A group's locked settings:
    /// [`Client::group_lock_settings`](crate::Client::group_lock_settings).
    GROUP_LOCK_SETTINGS = Endpoint {
        method: Method::Get,
        path: "/groups/{groupId}/lock_settings",
        category: RateCategory::Medium,
        body: Body::Object,
        source: USERS,
    };
    /// A user's settings: [`Client::user_settings`](crate::Client::user_settings).
    USER_SETTINGS = Endpoint {
        method: Method::Get,
        path: "/users/{userId}/settings",
        category: RateCategory::Medium,
        body: Body::Object,
        source: USERS,
    };
    /// Seats bought and used: [`Client::plan_usage`](crate::Client::plan_usage).
    PLAN_USAGE = Endpoint {
        method: Method::Get,
        path: "/accounts/{accountId}/plans/usage",
        category: RateCategory::Heavy,
        body: Body::Object,
        source: BILLING,
    };
    /// The account's plans, renewal dates included:
    /// [`Client::account_plans`](crate::Client::account_plans). A master-account API that Zoom
    /// opens to approved partners only; other accounts are refused.
    ACCOUNT_PLANS = Endpoint {
        method: Method::Get,
        path: "/accounts/{accountId}/plans",
        category: RateCategory::Medium,
        body: Body::Object,
        source: BILLING,
    };
    /// Apps added to the account:
    /// [`Client::list_installed_apps`](crate::Client::list_installed_apps).
    LIST_APPS = Endpoint {
        method: Method::Get,
        path: "/marketplace/apps",
        category: RateCategory::Medium,
        body: Body::Pages { items: "apps" },
        source: MARKETPLACE,
    };
    /// One app, with the scopes it requests: [`Client::get_app`](crate::Client::get_app).
    GET_APP = Endpoint {
        method: Method::Get,
        path: "/marketplace/apps/{appId}",
        category: RateCategory::Medium,
        body: Body::Object,
        source: MARKETPLACE,
    };
    /// H.323/SIP devices: [`Client::list_h323_devices`](crate::Client::list_h323_devices).
    LIST_H323_DEVICES = Endpoint {
        method: Method::Get,
        path: "/h323/devices",
        category: RateCategory::Medium,
        body: Body::Pages { items: "devices" },
        source: MEETINGS_2023,
    };
    /// Zoom Rooms: [`Client::list_rooms`](crate::Client::list_rooms).
    LIST_ROOMS = Endpoint {
        method: Method::Get,
        path: "/rooms",
        category: RateCategory::Medium,
        body: Body::Pages { items: "rooms" },
        source: ROOMS,
    };
    /// A Zoom Room's profile: [`Client::get_room`](crate::Client::get_room).
    GET_ROOM = Endpoint {
        method: Method::Get,
        path: "/rooms/{roomId}",
        category: RateCategory::Medium,
        body: Body::Object,
        source: ROOMS,
    };
    /// A Zoom Room's devices: [`Client::list_room_devices`](crate::Client::list_room_devices).
    LIST_ROOM_DEVICES = Endpoint {
        method: Method::Get,
        path: "/rooms/{roomId}/devices",
        category: RateCategory::Medium,
        body: Body::List { items: "devices" },
        source: ROOMS,
    };
    /// The Zoom Rooms location hierarchy:
    /// [`Client::list_room_locations`](crate::Client::list_room_locations).
    LIST_ROOM_LOCATIONS = Endpoint {
        method: Method::Get,
        path: "/rooms/locations",
        category: RateCategory::Medium,
        body: Body::Pages { items: "locations" },
        source: ROOMS,
    };
    /// Calendar services:
    /// [`Client::list_calendar_services`](crate::Client::list_calendar_services).
    LIST_CALENDAR_SERVICES = Endpoint {
        method: Method::Get,
        path: "/rooms/calendar/services",
        category: RateCategory::Medium,
        body: Body::List { items: "calendar_services" },
        source: ROOMS,
    };
    /// A calendar service's resources:
    /// [`Client::list_calendar_resources`](crate::Client::list_calendar_resources).
    LIST_CALENDAR_RESOURCES = Endpoint {
        method: Method::Get,
        path: "/rooms/calendar/services/{serviceId}/resources",
        category: RateCategory::Medium,
        body: Body::Pages { items: "calendar_resources" },
        source: ROOMS,
    };
    /// Zoom Device Management: [`Client::list_zdm_devices`](crate::Client::list_zdm_devices).
    /// No spec file covers it; Zoom's own rate-limit notes list "List Devices" under Heavy.
    LIST_ZDM_DEVICES = Endpoint {
        method: Method::Get,
        path: "/devices",
        category: RateCategory::Heavy,
        body: Body::Pages { items: "devices" },
        source: Source::Doc("NOTES.md §3.3 (ZP-RL, unconfirmed in a Zoom spec), §4.7"),
    };
    /// Dashboard, past meetings: [`Client::list_past_meetings`](crate::Client::list_past_meetings).
    LIST_PAST_MEETINGS = Endpoint {
        method: Method::Get,
        path: "/metrics/meetings",
        category: RateCategory::ResourceIntensive,
        body: Body::Pages { items: "meetings" },
        source: ACCOUNTS,
    };
    /// Dashboard, a meeting's participants:
    /// [`Client::list_meeting_participants`](crate::Client::list_meeting_participants).
    LIST_MEETING_PARTICIPANTS = Endpoint {
        method: Method::Get,
        path: "/metrics/meetings/{meetingId}/participants",
        category: RateCategory::Heavy,
        body: Body::Pages { items: "participants" },
        source: ACCOUNTS,
    };
    /// Sign-in and sign-out report:
    /// [`Client::list_sign_in_activities`](crate::Client::list_sign_in_activities).
    LIST_SIGN_IN_ACTIVITIES = Endpoint {
        method: Method::Get,
        path: "/report/activities",
        category: RateCategory::Heavy,
        body: Body::Pages { items: "activity_logs" },
        source: MEETINGS_2023,
    };
    /// Admin operation logs: [`Client::list_operation_logs`](crate::Client::list_operation_logs).
    LIST_OPERATION_LOGS = Endpoint {
        method: Method::Get,
        path: "/report/operationlogs",
        category: RateCategory::Heavy,
        body: Body::Pages { items: "operation_logs" },
        source: MEETINGS_2023,
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_operation_is_declared_once() {
        for (i, a) in ALL.iter().enumerate() {
            for b in &ALL[i + 1..] {
                assert!(
                    (a.method, a.path) != (b.method, b.path),
                    "{a} is declared twice"
                );
            }
        }
    }

    #[test]
    fn templates_are_well_formed() {
        for endpoint in ALL {
            assert!(
                endpoint.path.starts_with('/') && !endpoint.path.ends_with('/'),
                "{endpoint}"
            );
            assert!(!endpoint.path.starts_with("/v2/"), "{endpoint}");
            for part in endpoint.path[1..].split('/') {
                let is_param = part.starts_with('{') && part.ends_with('}') && part.len() > 2;
                let is_literal = !part.is_empty() && !part.contains(['{', '}']);
                assert!(is_param || is_literal, "{endpoint}: segment {part:?}");
            }
            if let Some(items) = endpoint.body.items() {
                assert!(!items.is_empty(), "{endpoint}");
            }
        }
        assert_eq!(
            LIST_CALENDAR_RESOURCES.to_string(),
            "GET /rooms/calendar/services/{serviceId}/resources"
        );
    }
}
