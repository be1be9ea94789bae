//! The simulated account ([`Account`]): its parts, the order they are generated in, and the
//! lookup indexes the routes use.
//!
//! [`Account::generate`] runs the generators one after the other, each from its own random stream
//! derived from the seed: users, groups and roles (`users.rs`), Zoom Rooms with their calendars
//! (`rooms.rs`), H.323 and ZDM devices (`devices.rs`), meetings and the devices that join them
//! (`meetings.rs`), sign-ins and the operation log (`activity.rs`), and the SaaS side
//! (`saas.rs`). The same config gives the same account.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use jiff::Timestamp;

use super::activity::{self, SimOperationLog, SimSignInActivity};
use super::devices::{PhoneOwner, SimH323Device, SimZdmDevice};
use super::meetings::{self, SimMeeting, SimMeetingDevice};
use super::rooms::{self, RoomAccount, SimCalendarService, SimLocation, SimRoom};
use super::saas::{self, SimSaas};
use super::users::{self, Directory, SimGroup, SimRole, SimUser, UserStatus, UserType};
use crate::config::{Plan, SimConfig};

/// Users by licence (`GET /users/summary`). Room accounts count as rooms only; pending users
/// only as pending.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SeatCounts {
    /// Licensed users (seats in use).
    pub licensed: usize,
    /// Of those, the active ones (plan usage's `active_hosts`).
    pub active_licensed: usize,
    /// Basic users.
    pub basic: usize,
    /// Users without a licence (`type` 4).
    pub join_only: usize,
    /// Pending users.
    pub pending: usize,
    /// Zoom Rooms.
    pub rooms: usize,
}

impl SeatCounts {
    fn of(users: &[SimUser], rooms: &[SimRoom]) -> SeatCounts {
        let room_users: HashSet<&str> = rooms.iter().map(|r| r.user_id.as_str()).collect();
        let mut counts = SeatCounts {
            rooms: rooms.len(),
            ..SeatCounts::default()
        };
        for user in users.iter().filter(|u| !room_users.contains(u.id.as_str())) {
            if user.status == UserStatus::Active && user.user_type == UserType::Licensed {
                counts.active_licensed += 1;
            }
            let count = match (user.status, user.user_type) {
                (UserStatus::Pending, _) => &mut counts.pending,
                (_, UserType::Licensed) => &mut counts.licensed,
                (_, UserType::Basic) => &mut counts.basic,
                (_, UserType::Unassigned) => &mut counts.join_only,
            };
            *count += 1;
        }
        counts
    }

    /// Every user and room: Zoom's `total_users_count` (`active_licensed` is within
    /// `licensed`).
    #[must_use]
    pub fn total(&self) -> usize {
        self.licensed + self.basic + self.join_only + self.pending + self.rooms
    }
}

/// The simulated account: ground truth for tests.
#[derive(Debug, Clone)]
pub struct Account {
    /// Account ID (the config's `account_id`).
    pub account_id: String,
    /// Account number.
    pub account_number: u64,
    /// Plan.
    pub plan: Plan,
    /// Company name.
    pub company: String,
    /// E-mail domain of the users.
    pub domain: String,
    /// The simulator's "now": every timestamp is relative to it.
    pub now: Timestamp,
    /// Users, the owner first, in the order `GET /users` lists them.
    pub users: Vec<SimUser>,
    /// Groups.
    pub groups: Vec<SimGroup>,
    /// Roles: Owner, Admin, Member, then custom roles.
    pub roles: Vec<SimRole>,
    /// Zoom Rooms locations (country > states > city > campus > building > floor); empty on
    /// accounts without rooms.
    pub locations: Vec<SimLocation>,
    /// Zoom Rooms with their devices, in the order `GET /rooms` lists them. Each has a user
    /// account in [`Account::users`] ([`SimRoom::user_id`]). None on Free (no Zoom Rooms
    /// subscription).
    pub rooms: Vec<SimRoom>,
    /// Calendar services with their resources.
    pub calendar_services: Vec<SimCalendarService>,
    /// H.323/SIP devices (none on Free).
    pub h323_devices: Vec<SimH323Device>,
    /// Zoom Device Management devices, enrolled or not (none on Free).
    pub zdm_devices: Vec<SimZdmDevice>,
    /// Physical devices that join meetings (users' laptops and phones, room computers), in the
    /// order they first joined. [`meetings::SimParticipant::meeting_device`] indexes this.
    pub meeting_devices: Vec<SimMeetingDevice>,
    /// Past meetings of the last 200 days, by `start_time` (ascending).
    pub meetings: Vec<SimMeeting>,
    /// Sign-in/sign-out records, by time (ascending).
    pub sign_in_activities: Vec<SimSignInActivity>,
    /// Operation log entries, by time (ascending).
    pub operation_logs: Vec<SimOperationLog>,
    /// Subscription, security settings, SSO, policies, apps and the portal user.
    pub saas: SimSaas,
    index: Index,
}

/// FNV-1a: the generator's maps hold up to 100k+ keys and are rebuilt on every start, so a fast
/// hash matters more than `SipHash`'s flooding resistance (the simulator serves loopback tests).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

pub(crate) fn fast_map<K, V>(capacity: usize) -> FastMap<K, V> {
    HashMap::with_capacity_and_hasher(capacity, BuildHasherDefault::default())
}

#[derive(Debug, Clone, Default)]
struct Index {
    by_id: FastMap<String, usize>,
    /// Keys are lowercase (every generated e-mail address is).
    by_email: FastMap<String, usize>,
    by_employee_id: FastMap<String, usize>,
    by_status: [Vec<usize>; 3],
    rooms_by_id: FastMap<String, usize>,
    rooms_by_user: FastMap<String, usize>,
    meetings_by_uuid: FastMap<String, usize>,
    /// Meeting number -> the latest instance.
    latest_meeting: FastMap<u64, usize>,
}

impl Account {
    /// Generates the account described by `config` (`users == 0` is treated as 1: an account
    /// always has its owner).
    #[must_use]
    pub fn generate(config: &SimConfig) -> Account {
        assemble(config, users::generate(config))
    }

    /// Users by licence, as `GET /users/summary` counts them.
    #[must_use]
    pub fn seat_counts(&self) -> SeatCounts {
        SeatCounts::of(&self.users, &self.rooms)
    }

    /// Rebuilds the lookup indexes and the member counts of roles and groups after the public
    /// fields changed ([`crate::Simulator::edit`] calls it).
    pub(crate) fn reindex(&mut self) {
        let n = self.users.len();
        let mut index = Index {
            by_id: fast_map(n),
            by_email: fast_map(n),
            by_employee_id: fast_map(n / 2),
            by_status: Default::default(),
            rooms_by_id: fast_map(self.rooms.len()),
            rooms_by_user: fast_map(self.rooms.len()),
            meetings_by_uuid: fast_map(self.meetings.len()),
            latest_meeting: fast_map(self.meetings.len()),
        };
        for (i, user) in self.users.iter().enumerate() {
            index.by_id.insert(user.id.clone(), i);
            index.by_email.insert(user.email.to_lowercase(), i);
            if let Some(eid) = &user.employee_unique_id {
                index.by_employee_id.insert(eid.clone(), i);
            }
            index.by_status[user.status.index()].push(i);
        }
        for (r, room) in self.rooms.iter().enumerate() {
            index.rooms_by_id.insert(room.id.clone(), r);
            index.rooms_by_user.insert(room.user_id.clone(), r);
        }
        for (k, meeting) in self.meetings.iter().enumerate() {
            index.meetings_by_uuid.insert(meeting.uuid.clone(), k);
            // Meetings are in start order: the last one inserted is the latest instance.
            index.latest_meeting.insert(meeting.id, k);
        }
        self.index = index;
        for role in &mut self.roles {
            role.total_members = self.users.iter().filter(|u| u.role_id == role.id).count();
        }
        for group in &mut self.groups {
            group.total_members = self
                .users
                .iter()
                .filter(|u| u.group_ids.contains(&group.id))
                .count();
        }
    }

    /// A user by ID, or by e-mail address (case-insensitive).
    #[must_use]
    pub fn user(&self, id_or_email: &str) -> Option<&SimUser> {
        self.index
            .by_id
            .get(id_or_email)
            .or_else(|| self.index.by_email.get(&id_or_email.to_lowercase()))
            .map(|&i| &self.users[i])
    }

    /// A user by employee unique ID.
    #[must_use]
    pub fn user_by_employee_id(&self, employee_unique_id: &str) -> Option<&SimUser> {
        self.index
            .by_employee_id
            .get(employee_unique_id)
            .map(|&i| &self.users[i])
    }

    /// Users with `status`, in list order.
    pub fn users_with_status(&self, status: UserStatus) -> impl Iterator<Item = &SimUser> + '_ {
        self.index.by_status[status.index()]
            .iter()
            .map(|&i| &self.users[i])
    }

    /// Indices into `users` of the users with `status`, in list order.
    pub(crate) fn status_indices(&self, status: UserStatus) -> &[usize] {
        &self.index.by_status[status.index()]
    }

    /// A role by ID.
    #[must_use]
    pub fn role(&self, role_id: &str) -> Option<&SimRole> {
        self.roles.iter().find(|r| r.id == role_id)
    }

    /// The account owner (role `"0"`).
    #[must_use]
    pub fn owner(&self) -> &SimUser {
        &self.users[0]
    }

    /// A Zoom Room by its `id`.
    #[must_use]
    pub fn room(&self, room_id: &str) -> Option<&SimRoom> {
        self.index.rooms_by_id.get(room_id).map(|&i| &self.rooms[i])
    }

    /// The Zoom Room whose user account has this user ID, if the user is a room account.
    #[must_use]
    pub fn room_of_user(&self, user_id: &str) -> Option<&SimRoom> {
        self.index
            .rooms_by_user
            .get(user_id)
            .map(|&i| &self.rooms[i])
    }

    /// A location by ID.
    #[must_use]
    pub fn location(&self, location_id: &str) -> Option<&SimLocation> {
        self.locations.iter().find(|l| l.id == location_id)
    }

    /// A calendar service by ID.
    #[must_use]
    pub fn calendar_service(&self, service_id: &str) -> Option<&SimCalendarService> {
        self.calendar_services.iter().find(|s| s.id == service_id)
    }

    /// A meeting instance by UUID (exact, not encoded).
    #[must_use]
    pub fn meeting(&self, uuid: &str) -> Option<&SimMeeting> {
        self.index
            .meetings_by_uuid
            .get(uuid)
            .map(|&i| &self.meetings[i])
    }

    /// The latest instance of the meeting with this number (what Zoom returns for a meeting ID).
    #[must_use]
    pub fn latest_meeting(&self, id: u64) -> Option<&SimMeeting> {
        self.index
            .latest_meeting
            .get(&id)
            .map(|&i| &self.meetings[i])
    }

    /// Exactly the meetings `GET /metrics/meetings?type=past` lists for this window: `start_time`
    /// in `[from, to]` (both inclusive) and more than one participant record (one-user meetings
    /// are `type=pastOne`), in list order. For date-only `from`/`to` the window is
    /// `from 00:00:00` to `to 23:59:59` UTC.
    pub fn meetings_between(
        &self,
        from: Timestamp,
        to: Timestamp,
    ) -> impl Iterator<Item = &SimMeeting> + '_ {
        self.meetings_started_between(from, to)
            .filter(|m| !m.is_one_user())
    }

    /// Every meeting (one-user meetings included) whose `start_time` is in `[from, to]`.
    pub fn meetings_started_between(
        &self,
        from: Timestamp,
        to: Timestamp,
    ) -> impl Iterator<Item = &SimMeeting> + '_ {
        let lo = self.meetings.partition_point(|m| m.start_time < from);
        let hi = self.meetings.partition_point(|m| m.start_time <= to);
        self.meetings[lo..hi.max(lo)].iter()
    }
}

/// Builds the rest of the account around its people (`directory`), then indexes it.
fn assemble(config: &SimConfig, directory: Directory) -> Account {
    let now = config.now.as_second();
    let n = directory.users.len();
    let seed = config.seed;

    // Zoom Rooms, calendars, H.323 and ZDM devices.
    let room_users = n - directory.room_plans.len();
    let accounts: Vec<RoomAccount> = directory.users[room_users..]
        .iter()
        .map(|u| RoomAccount {
            user_id: u.id.clone(),
            email: u.email.clone(),
        })
        .collect();
    let phone_owners: Vec<PhoneOwner> = if config.plan == Plan::Free {
        Vec::new()
    } else {
        directory.users[..room_users]
            .iter()
            .filter(|u| u.status == UserStatus::Active && !u.login_types.contains(&99))
            .map(|u| PhoneOwner {
                email: u.email.clone(),
                display_name: u.display_name.clone(),
            })
            .collect()
    };
    let generated = rooms::generate(&rooms::Inputs {
        seed,
        users: n,
        plan: config.plan,
        now,
        domain: directory.domain,
        plans: &directory.room_plans,
        locations: &directory.locations,
        accounts: &accounts,
        phone_owners: &phone_owners,
        zdm_devices: config.zdm_devices,
    });

    // Meetings and the devices that join them.
    let not_a_person: Vec<bool> = directory
        .users
        .iter()
        .enumerate()
        .map(|(i, u)| i >= room_users || u.login_types.contains(&99))
        .collect();
    let windows_domain = directory
        .domain
        .split('.')
        .next()
        .unwrap_or("CORP")
        .to_uppercase();
    let (meeting_devices, meetings) = meetings::generate(&meetings::Inputs {
        seed,
        plan: config.plan,
        now,
        users: &directory.users,
        not_a_person: &not_a_person,
        rooms: &generated.rooms,
        room_computers: &generated.room_computers,
        h323: &generated.h323_devices,
        windows_domain: &windows_domain,
    });

    // Reports.
    let sign_in_activities = activity::sign_in_activities(seed, now, &directory.users);
    let operation_logs = activity::operation_logs(&activity::OpLogInputs {
        seed,
        now,
        users: &directory.users,
        role_names: directory.roles.iter().map(|r| r.name.as_str()).collect(),
        group_names: directory.groups.iter().map(|g| g.name.as_str()).collect(),
        room_names: generated.rooms.iter().map(|r| r.name.as_str()).collect(),
    });

    let seats = SeatCounts::of(&directory.users, &generated.rooms);
    let saas = saas::generate(&saas::Inputs {
        seed,
        licensed_seats: seats.licensed,
        plan: config.plan,
        now: config.now,
        domain: directory.domain,
        users: &directory.users,
        roles: &directory.roles,
        groups: &directory.groups,
    });

    let mut account = Account {
        account_id: config.account_id.clone(),
        account_number: directory.account_number,
        plan: config.plan,
        company: directory.company.to_owned(),
        domain: directory.domain.to_owned(),
        now: config.now,
        users: directory.users,
        groups: directory.groups,
        roles: directory.roles,
        locations: directory.locations,
        rooms: generated.rooms,
        calendar_services: generated.calendar_services,
        h323_devices: generated.h323_devices,
        zdm_devices: generated.zdm_devices,
        meeting_devices,
        meetings,
        sign_in_activities,
        operation_logs,
        saas,
        index: Index::default(),
    };
    account.reindex();
    account
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::random::ts;
    use crate::generate::users::OWNER_ROLE_ID;

    fn config(users: usize) -> SimConfig {
        SimConfig {
            users,
            now: ts(1_750_000_000),
            ..SimConfig::default()
        }
    }

    #[test]
    fn small_accounts_are_well_formed() {
        for users in 1..40 {
            let account = Account::generate(&config(users));
            assert_eq!(account.users.len(), users);
            assert_eq!(
                account
                    .users
                    .iter()
                    .filter(|u| u.role_id == OWNER_ROLE_ID)
                    .count(),
                1
            );
            if users >= 3 {
                for status in [
                    UserStatus::Active,
                    UserStatus::Inactive,
                    UserStatus::Pending,
                ] {
                    assert!(
                        account.users_with_status(status).next().is_some(),
                        "{users}: no {status:?}"
                    );
                }
            }
            let role_total: usize = account.roles.iter().map(|r| r.total_members).sum();
            assert_eq!(role_total, users);
            for group in &account.groups {
                let members = account
                    .users
                    .iter()
                    .filter(|u| u.group_ids.contains(&group.id))
                    .count();
                assert_eq!(members, group.total_members);
            }
            for user in &account.users {
                assert!(user.user_created_at <= user.created_at);
                if let Some(login) = user.last_login_time {
                    assert!(
                        login >= user.user_created_at && login <= account.now,
                        "{user:?}"
                    );
                }
                if user.status == UserStatus::Pending {
                    assert!(user.last_login_time.is_none() && user.last_client_version.is_none());
                }
            }
        }
    }
}
