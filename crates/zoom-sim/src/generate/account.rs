//! The simulated account and its deterministic generator.
//!
//! [`Account::generate`] builds users, groups and roles from the config's seed, size, plan and
//! reference time with one `fastrand::Rng`, so the same inputs give the same account. The types
//! here are the simulator's own reading of Zoom's docs (see `fixtures/openapi/zoom-users.json`,
//! `zoom-accounts.json`); the wire shapes are produced from them in `routes/`.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use fastrand::Rng;
use jiff::Timestamp;

use crate::generate::activity::{self, SimOperationLog, SimSignInActivity};
use crate::generate::meetings::{self, SimMeeting, SimMeetingDevice};
use crate::generate::names::{
    CLIENT_PLATFORMS, CLIENT_VERSIONS, COMPANIES, CUSTOM_ROLES, DEPARTMENTS, FIRST_NAMES,
    GROUP_NAMES, LAST_NAMES, LOCATIONS, PRONOUNS, SERVICE_ACCOUNTS,
};
use crate::generate::rooms::{
    self, PhoneOwner, RoomAccount, RoomPlan, SimCalendarService, SimH323Device, SimLocation,
    SimRoom, SimZdmDevice,
};
use crate::generate::saas::{self, SimSaas};
use crate::{Plan, SimConfig};

pub(crate) const DAY: i64 = 86_400;
pub(crate) const YEAR: i64 = 365 * DAY;
/// Zoom invitations to join an account expire after 30 days.
pub(crate) const INVITATION_TTL_SECS: i64 = 30 * DAY;

/// Role IDs of Zoom's built-in roles.
pub(crate) const OWNER_ROLE_ID: &str = "0";
pub(crate) const ADMIN_ROLE_ID: &str = "1";
pub(crate) const MEMBER_ROLE_ID: &str = "2";

/// A user's `status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UserStatus {
    /// The user exists on the account.
    Active,
    /// The user has been deactivated.
    Inactive,
    /// The user was invited and has not activated their account.
    Pending,
}

impl UserStatus {
    /// The wire value: `active`, `inactive` or `pending`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            UserStatus::Active => "active",
            UserStatus::Inactive => "inactive",
            UserStatus::Pending => "pending",
        }
    }

    /// Parses the wire value (exact, lowercase).
    #[must_use]
    pub fn parse(s: &str) -> Option<UserStatus> {
        match s {
            "active" => Some(UserStatus::Active),
            "inactive" => Some(UserStatus::Inactive),
            "pending" => Some(UserStatus::Pending),
            _ => None,
        }
    }

    fn index(self) -> usize {
        match self {
            UserStatus::Active => 0,
            UserStatus::Inactive => 1,
            UserStatus::Pending => 2,
        }
    }
}

/// A user's `type` (licence).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UserType {
    /// 1 — Basic.
    Basic,
    /// 2 — Licensed.
    Licensed,
    /// 4 — Unassigned without Meetings Basic.
    Unassigned,
}

impl UserType {
    /// The wire value: 1, 2 or 4.
    #[must_use]
    pub fn code(self) -> u8 {
        match self {
            UserType::Basic => 1,
            UserType::Licensed => 2,
            UserType::Unassigned => 4,
        }
    }
}

/// One entry of a user's `phone_numbers`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneNumber {
    /// Dial code, e.g. `+1`.
    pub code: String,
    /// ISO country, e.g. `US`.
    pub country: String,
    /// `Mobile`, `Office`, `Home` or `Fax`.
    pub label: String,
    /// The number without the dial code.
    pub number: String,
    /// Whether the number is verified.
    pub verified: bool,
}

/// One of a user's `custom_attributes`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomAttribute {
    /// The attribute's key (`cbf_...`).
    pub key: String,
    /// The attribute's name.
    pub name: String,
    /// The user's value.
    pub value: String,
}

/// A user of the account: everything `GET /users/{userId}` returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimUser {
    /// 22-character Zoom user ID.
    pub id: String,
    /// Unique (case-insensitively) e-mail address.
    pub email: String,
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// Display name.
    pub display_name: String,
    /// Licence type.
    pub user_type: UserType,
    /// Status.
    pub status: UserStatus,
    /// Role ID (`"0"` Owner, `"1"` Admin, `"2"` Member, or a custom role's ID).
    pub role_id: String,
    /// The role's name.
    pub role_name: String,
    /// IDs of the groups the user belongs to (0 to 2).
    pub group_ids: Vec<String>,
    /// Department.
    pub dept: Option<String>,
    /// Job title.
    pub job_title: Option<String>,
    /// Company (free-text profile field).
    pub company: Option<String>,
    /// Location (city).
    pub location: Option<String>,
    /// Cost center.
    pub cost_center: Option<String>,
    /// The manager's e-mail address.
    pub manager: Option<String>,
    /// When the user's latest login type was created.
    pub created_at: Timestamp,
    /// When the user was created (for pending users: invited).
    pub user_created_at: Timestamp,
    /// Last login; `None` for pending users and for active users who never signed in.
    pub last_login_time: Option<Timestamp>,
    /// Last client version, e.g. `6.2.5.48365(win)`.
    pub last_client_version: Option<String>,
    /// Login types: 1 Google, 27 Microsoft, 99 API user, 100 Zoom work e-mail, 101 SSO.
    pub login_types: Vec<u8>,
    /// Personal meeting ID (10 digits, unique in the account).
    pub pmi: u64,
    /// Whether the PMI is used for instant meetings.
    pub use_pmi: bool,
    /// Personal meeting URL.
    pub personal_meeting_url: String,
    /// IANA time zone.
    pub timezone: String,
    /// Zoom language tag, e.g. `en-US`.
    pub language: String,
    /// Whether the e-mail address is verified (wire: 1 / 0).
    pub verified: bool,
    /// Phone numbers.
    pub phone_numbers: Vec<PhoneNumber>,
    /// Profile picture URL.
    pub pic_url: Option<String>,
    /// Pronouns.
    pub pronouns: Option<String>,
    /// How pronouns are shown: 1 ask every time, 2 always, 3 never.
    pub pronouns_option: Option<u8>,
    /// Employee unique ID (SSO users).
    pub employee_unique_id: Option<String>,
    /// Host key (6 digits).
    pub host_key: String,
    /// Chat JID.
    pub jid: String,
    /// Data cluster, e.g. `us06`.
    pub cluster: String,
    /// CMS user ID (empty).
    pub cms_user_id: String,
    /// The account's ID.
    pub account_id: String,
    /// The account's number.
    pub account_number: u64,
    /// Custom attributes.
    pub custom_attributes: Vec<CustomAttribute>,
    /// A pending user whose invitation is older than 30 days: `GET /users/{userId}` answers 1120.
    pub invitation_expired: bool,
}

/// A group of users.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimGroup {
    /// 22-character group ID.
    pub id: String,
    /// Name.
    pub name: String,
    /// Number of users whose `group_ids` contain this group.
    pub total_members: usize,
}

/// A role (Zoom's built-ins and the account's custom roles).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimRole {
    /// `"0"`, `"1"`, `"2"` for the built-ins; `R` + 22 characters for custom roles.
    pub id: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Role type: `common` (the `iq` type has no roles here).
    pub role_type: String,
    /// Number of users with this `role_id`.
    pub total_members: usize,
}

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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Owner,
    Service(usize),
    Person,
    /// The user account of the `n`th Zoom Room.
    Room(usize),
}

impl Account {
    /// Generates the account described by `config` (`users == 0` is treated as 1: an account
    /// always has its owner).
    #[must_use]
    pub fn generate(config: &SimConfig) -> Account {
        Generator::new(config).run()
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

/// A Zoom-style ID: 16 random bytes in unpadded base64url (22 characters).
pub(crate) fn zoom_id(rng: &mut Rng) -> String {
    URL_SAFE_NO_PAD.encode(rng.u128(..).to_le_bytes())
}

pub(crate) fn ts(second: i64) -> Timestamp {
    Timestamp::from_second(second).unwrap_or(Timestamp::UNIX_EPOCH)
}

pub(crate) fn pick<'a, T>(rng: &mut Rng, items: &'a [T]) -> &'a T {
    &items[rng.usize(..items.len())]
}

/// Uniform in `[lo, hi]` (seconds).
pub(crate) fn between(rng: &mut Rng, lo: i64, hi: i64) -> i64 {
    if hi <= lo { lo } else { rng.i64(lo..=hi) }
}

pub(crate) fn percent(rng: &mut Rng, p: u32) -> bool {
    rng.u32(0..100) < p
}

pub(crate) fn digits(rng: &mut Rng, n: usize) -> String {
    (0..n).map(|_| char::from(b'0' + rng.u8(0..10))).collect()
}

/// Appends `n` random lowercase hex digits to `out`.
pub(crate) fn push_hex(rng: &mut Rng, out: &mut String, n: usize) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut bits = 0u64;
    for k in 0..n {
        if k % 16 == 0 {
            bits = rng.u64(..);
        }
        out.push(char::from(HEX[usize::try_from(bits & 0xf).unwrap_or(0)]));
        bits >>= 4;
    }
}

struct Generator<'c> {
    config: &'c SimConfig,
    rng: Rng,
    now: i64,
    n: usize,
    company: &'static str,
    domain: &'static str,
    account_number: u64,
    roles: Vec<SimRole>,
    groups: Vec<SimGroup>,
    attribute_key: String,
    /// Lowercase first and last names, for e-mail addresses.
    first_lower: Vec<String>,
    last_lower: Vec<String>,
    /// How often each (first, last) name pair was used, for unique e-mail addresses.
    email_counts: FastMap<(usize, usize), u32>,
    pmis: HashSet<u64, BuildHasherDefault<Fnv>>,
    users: Vec<SimUser>,
    locations: Vec<SimLocation>,
    room_plans: Vec<RoomPlan>,
}

impl<'c> Generator<'c> {
    fn new(config: &'c SimConfig) -> Self {
        let mut rng = Rng::with_seed(config.seed);
        let &(company, domain) = pick(&mut rng, COMPANIES);
        let account_number = rng.u64(10_000_000..100_000_000);
        let n = config.users.max(1);
        let builtin = |id: &str, name: &str, description: &str| SimRole {
            id: id.to_owned(),
            name: name.to_owned(),
            description: description.to_owned(),
            role_type: "common".to_owned(),
            total_members: 0,
        };
        let mut roles = vec![
            builtin(
                OWNER_ROLE_ID,
                "Owner",
                "Account owner has full privileges to access and manage a Zoom account.",
            ),
            builtin(
                ADMIN_ROLE_ID,
                "Admin",
                "Admins have wide range privileges to access and manage a Zoom account.",
            ),
            builtin(
                MEMBER_ROLE_ID,
                "Member",
                "Members have access to basic Zoom video meeting functions but no account management privileges.",
            ),
        ];
        let custom_roles = match config.plan {
            Plan::Free => 0,
            Plan::Pro => 2,
            Plan::Business => 3,
        };
        for &(name, description) in &CUSTOM_ROLES[..custom_roles] {
            roles.push(SimRole {
                id: format!("R{}", zoom_id(&mut rng)),
                name: name.to_owned(),
                description: description.to_owned(),
                role_type: "common".to_owned(),
                total_members: 0,
            });
        }
        let group_count = match config.plan {
            Plan::Free => 0,
            Plan::Pro => 4,
            Plan::Business => 7,
        };
        let groups = GROUP_NAMES[..group_count]
            .iter()
            .map(|name| SimGroup {
                id: zoom_id(&mut rng),
                name: (*name).to_owned(),
                total_members: 0,
            })
            .collect();
        let attribute_key = format!(
            "cbf_{}",
            zoom_id(&mut rng).to_lowercase().replace(['-', '_'], "x")
        );
        let (locations, room_plans) = rooms::plan(
            config.seed,
            &config.account_id,
            rooms::room_count(n, config.plan),
        );
        Generator {
            config,
            rng,
            now: config.now.as_second(),
            n,
            company,
            domain,
            account_number,
            roles,
            groups,
            attribute_key,
            first_lower: FIRST_NAMES.iter().map(|s| s.to_lowercase()).collect(),
            last_lower: LAST_NAMES.iter().map(|s| s.to_lowercase()).collect(),
            email_counts: fast_map(n),
            pmis: HashSet::with_capacity_and_hasher(n, BuildHasherDefault::default()),
            users: Vec::with_capacity(n),
            locations,
            room_plans,
        }
    }

    fn run(mut self) -> Account {
        let kinds = self.kinds();
        let statuses = self.statuses(&kinds);
        for (i, (&kind, &status)) in kinds.iter().zip(&statuses).enumerate() {
            let user = self.user(i, kind, status);
            self.users.push(user);
        }
        self.finish()
    }

    /// Owner at 0; a few API-only service users spread through the list; people elsewhere.
    fn kinds(&self) -> Vec<Kind> {
        let n = self.n;
        let mut kinds = vec![Kind::Person; n];
        kinds[0] = Kind::Owner;
        let services = if n >= 20 {
            (n / 200).clamp(1, SERVICE_ACCOUNTS.len())
        } else {
            0
        };
        for j in 0..services {
            kinds[(j + 1) * n / (services + 1)] = Kind::Service(j);
        }
        // Zoom Rooms accounts were created last: the end of the list.
        let rooms = self.room_plans.len();
        for (j, kind) in kinds[n - rooms..].iter_mut().enumerate() {
            *kind = Kind::Room(j);
        }
        kinds
    }

    /// About 80% active, 12% inactive, 8% pending among people; at least one of each when the
    /// account has 3 users or more. The owner and service users are active.
    fn statuses(&mut self, kinds: &[Kind]) -> Vec<UserStatus> {
        let n = self.n;
        let mut statuses = vec![UserStatus::Active; n];
        if n < 3 {
            return statuses;
        }
        let mut people: Vec<usize> = (0..n).filter(|&i| kinds[i] == Kind::Person).collect();
        self.rng.shuffle(&mut people);
        let pending = ((n * 8 + 50) / 100).max(1);
        let inactive = ((n * 12 + 50) / 100).max(1);
        for (k, &i) in people.iter().enumerate().take(pending + inactive) {
            statuses[i] = if k < pending {
                UserStatus::Pending
            } else {
                UserStatus::Inactive
            };
        }
        statuses
    }

    fn role_for(&mut self, i: usize, kind: Kind) -> usize {
        match kind {
            Kind::Owner => 0,
            Kind::Service(_) | Kind::Room(_) => 2,
            Kind::Person if self.config.plan == Plan::Free => 2,
            Kind::Person if i == 1 && self.n >= 10 => 1,
            Kind::Person => {
                let roll = self.rng.u32(0..100);
                let custom = self.roles.len() - 3;
                if roll < 2 {
                    1
                } else if roll < 6 && custom > 0 {
                    3 + self.rng.usize(..custom)
                } else {
                    2
                }
            }
        }
    }

    fn unique_pmi(&mut self) -> u64 {
        loop {
            let pmi = self.rng.u64(1_000_000_000..10_000_000_000);
            if self.pmis.insert(pmi) {
                return pmi;
            }
        }
    }

    /// `first.last@domain`, then `first.last2@domain`, ... for the same name pair.
    fn person_email(&mut self, first: usize, last: usize) -> String {
        let count = self.email_counts.entry((first, last)).or_insert(0);
        *count += 1;
        let count = *count;
        let (f, l) = (&self.first_lower[first], &self.last_lower[last]);
        let mut email = String::with_capacity(f.len() + l.len() + self.domain.len() + 8);
        email.push_str(f);
        email.push('.');
        email.push_str(l);
        if count > 1 {
            email.push_str(&count.to_string());
        }
        email.push('@');
        email.push_str(self.domain);
        email
    }

    fn client_version(&mut self) -> String {
        let total: u32 = CLIENT_PLATFORMS.iter().map(|&(_, w)| w).sum();
        let mut roll = self.rng.u32(0..total);
        let mut platform = CLIENT_PLATFORMS[0].0;
        for &(p, w) in CLIENT_PLATFORMS {
            if roll < w {
                platform = p;
                break;
            }
            roll -= w;
        }
        format!("{}({platform})", pick(&mut self.rng, CLIENT_VERSIONS))
    }

    fn phone(&mut self, code: &str, country: &str) -> PhoneNumber {
        let number = if code == "+1" {
            format!("{}555{}", self.rng.u32(201..990), digits(&mut self.rng, 4))
        } else {
            format!("{}{}", self.rng.u32(2..10), digits(&mut self.rng, 8))
        };
        PhoneNumber {
            code: code.to_owned(),
            country: country.to_owned(),
            label: if percent(&mut self.rng, 70) {
                "Mobile"
            } else {
                "Office"
            }
            .to_owned(),
            number,
            verified: percent(&mut self.rng, 60),
        }
    }

    fn user(&mut self, i: usize, kind: Kind, status: UserStatus) -> SimUser {
        if let Kind::Room(j) = kind {
            return self.room_user(j);
        }
        let now = self.now;
        let is_service = matches!(kind, Kind::Service(_));
        let id = zoom_id(&mut self.rng);
        let (first_name, last_name, email) = match kind {
            Kind::Service(j) | Kind::Room(j) => {
                let purpose = SERVICE_ACCOUNTS[j % SERVICE_ACCOUNTS.len()];
                // Purposes are distinct (at most one service user per purpose).
                let email = format!("svc-{purpose}@{}", self.domain);
                ("Service".to_owned(), purpose.to_owned(), email)
            }
            Kind::Owner | Kind::Person => {
                let first = self.rng.usize(..FIRST_NAMES.len());
                let last = self.rng.usize(..LAST_NAMES.len());
                let email = self.person_email(first, last);
                (
                    FIRST_NAMES[first].to_owned(),
                    LAST_NAMES[last].to_owned(),
                    email,
                )
            }
        };
        let display_name = match kind {
            Kind::Service(_) => format!("svc-{last_name}"),
            _ => format!("{first_name} {last_name}"),
        };
        let (dept, job_title) = match kind {
            Kind::Owner => (Some("IT".to_owned()), Some("IT Administrator".to_owned())),
            Kind::Service(_) | Kind::Room(_) => (Some("IT".to_owned()), None),
            Kind::Person => {
                let &(dept, titles) = pick(&mut self.rng, DEPARTMENTS);
                if percent(&mut self.rng, 92) {
                    let title = percent(&mut self.rng, 88)
                        .then(|| (*pick(&mut self.rng, titles)).to_owned());
                    (Some(dept.to_owned()), title)
                } else {
                    (None, None)
                }
            }
        };
        let &(city, country, dial, timezone, language) = pick(&mut self.rng, LOCATIONS);
        let user_type = match (self.config.plan, kind) {
            (Plan::Free, _) => UserType::Basic,
            (_, Kind::Owner | Kind::Service(_) | Kind::Room(_)) => UserType::Licensed,
            (_, Kind::Person) => match self.rng.u32(0..100) {
                0..62 => UserType::Licensed,
                62..95 => UserType::Basic,
                _ => UserType::Unassigned,
            },
        };
        let role = self.role_for(i, kind);
        let (role_id, role_name) = (self.roles[role].id.clone(), self.roles[role].name.clone());
        self.roles[role].total_members += 1;

        let login_types: Vec<u8> = match (kind, status) {
            (Kind::Service(_), _) => vec![99],
            (Kind::Owner, _) | (_, UserStatus::Pending) => vec![100],
            _ => match self.rng.u32(0..100) {
                0..55 => vec![100],
                55..80 => vec![101],
                80..85 => vec![100, 101],
                85..93 => vec![1],
                _ => vec![27],
            },
        };

        // Times, all in seconds relative to the reference "now".
        let user_created = match (kind, status) {
            (Kind::Owner, _) => between(&mut self.rng, now - 8 * YEAR, now - 6 * YEAR),
            (_, UserStatus::Pending) => between(&mut self.rng, now - 60 * DAY, now - 3600),
            _ => between(&mut self.rng, now - 6 * YEAR, now - 30 * DAY),
        };
        let created = if status != UserStatus::Pending && percent(&mut self.rng, 20) {
            between(&mut self.rng, user_created, now - DAY)
        } else {
            user_created
        };
        let last_login = match status {
            UserStatus::Pending => None,
            UserStatus::Active if kind == Kind::Person && percent(&mut self.rng, 3) => None,
            UserStatus::Active => {
                let lo = user_created.max(now - 90 * DAY);
                let u = self.rng.f64();
                let back = ((now - lo) as f64 * u * u) as i64;
                Some(now - back.max(60))
            }
            UserStatus::Inactive => Some(between(
                &mut self.rng,
                user_created,
                (now - 60 * DAY).max(user_created),
            )),
        };
        let last_client_version =
            (!is_service && last_login.is_some() && percent(&mut self.rng, 93))
                .then(|| self.client_version());

        let pmi = self.unique_pmi();
        let use_pmi = percent(&mut self.rng, 10);
        let phone_numbers = if kind == Kind::Person && percent(&mut self.rng, 40) {
            let mut phones = vec![self.phone(dial, country)];
            if percent(&mut self.rng, 10) {
                phones.push(self.phone(dial, country));
            }
            phones
        } else {
            Vec::new()
        };
        let pic_url = (status != UserStatus::Pending && !is_service && percent(&mut self.rng, 65))
            .then(|| {
                let mut url = String::with_capacity(103);
                url.push_str("https://us06web.zoom.us/p/v2/");
                push_hex(&mut self.rng, &mut url, 64);
                url.push('/');
                push_hex(&mut self.rng, &mut url, 8);
                url
            });
        let pronouns = (kind == Kind::Person && percent(&mut self.rng, 8)).then(|| {
            (
                (*pick(&mut self.rng, PRONOUNS)).to_owned(),
                self.rng.u8(1..=3),
            )
        });
        let employee_unique_id = login_types.contains(&101).then(|| zoom_id(&mut self.rng));
        let manager = (kind == Kind::Person && i >= 2 && percent(&mut self.rng, 50)).then(|| {
            let m = self.rng.usize(1..i);
            self.users[m].email.clone()
        });
        let company =
            (kind != Kind::Person || percent(&mut self.rng, 90)).then(|| self.company.to_owned());
        let cost_center = (kind == Kind::Person && percent(&mut self.rng, 30))
            .then(|| format!("CC-{}", self.rng.u32(1000..1100)));
        let custom_attributes = if kind == Kind::Person && percent(&mut self.rng, 70) {
            let value = match self.rng.u32(0..100) {
                0..80 => "Full-time",
                80..90 => "Part-time",
                _ => "Contractor",
            };
            vec![CustomAttribute {
                key: self.attribute_key.clone(),
                name: "Employee Type".to_owned(),
                value: value.to_owned(),
            }]
        } else {
            Vec::new()
        };
        let group_ids = self.group_ids(kind);

        SimUser {
            jid: {
                let mut jid = id.to_ascii_lowercase();
                jid.push_str("@xmpp.zoom.us");
                jid
            },
            id,
            email,
            first_name,
            last_name,
            display_name,
            user_type,
            status,
            role_id,
            role_name,
            group_ids,
            dept,
            job_title,
            company,
            location: (!is_service).then(|| city.to_owned()),
            cost_center,
            manager,
            created_at: ts(created),
            user_created_at: ts(user_created),
            last_login_time: last_login.map(ts),
            last_client_version,
            login_types,
            pmi,
            use_pmi,
            personal_meeting_url: format!("https://us06web.zoom.us/j/{pmi}"),
            timezone: timezone.to_owned(),
            language: language.to_owned(),
            verified: status != UserStatus::Pending && percent(&mut self.rng, 97),
            phone_numbers,
            pic_url,
            pronouns_option: pronouns.as_ref().map(|p| p.1),
            pronouns: pronouns.map(|p| p.0),
            employee_unique_id,
            host_key: digits(&mut self.rng, 6),
            cluster: "us06".to_owned(),
            cms_user_id: String::new(),
            account_id: self.config.account_id.clone(),
            account_number: self.account_number,
            custom_attributes,
            invitation_expired: status == UserStatus::Pending
                && now - user_created > INVITATION_TTL_SECS,
        }
    }

    /// The user account of a Zoom Room: `room-<slug>@<domain>`, a licensed, active Member that
    /// signs in with a Zoom work e-mail (login type 100) from the room's computer.
    fn room_user(&mut self, j: usize) -> SimUser {
        let now = self.now;
        let id = zoom_id(&mut self.rng);
        let plan = &self.room_plans[j];
        let (name, email) = (
            plan.name.clone(),
            format!("room-{}@{}", plan.slug, self.domain),
        );
        let city = plan.city();
        let &(_, _, _, timezone, language) = LOCATIONS
            .iter()
            .find(|l| l.0 == city)
            .unwrap_or(&LOCATIONS[0]);
        self.roles[2].total_members += 1;
        let user_created = between(&mut self.rng, now - 4 * YEAR, now - 60 * DAY);
        let pmi = self.unique_pmi();
        let platform = if percent(&mut self.rng, 80) {
            "win"
        } else {
            "mac"
        };
        SimUser {
            jid: format!("{}@xmpp.zoom.us", id.to_ascii_lowercase()),
            id,
            email,
            first_name: "Room".to_owned(),
            last_name: name.clone(),
            display_name: name,
            user_type: UserType::Licensed,
            status: UserStatus::Active,
            role_id: self.roles[2].id.clone(),
            role_name: self.roles[2].name.clone(),
            group_ids: Vec::new(),
            dept: Some("Facilities".to_owned()),
            job_title: None,
            company: Some(self.company.to_owned()),
            location: Some(city.to_owned()),
            cost_center: None,
            manager: None,
            created_at: ts(user_created),
            user_created_at: ts(user_created),
            last_login_time: Some(ts(now - self.rng.i64(600..3 * DAY))),
            last_client_version: Some(format!(
                "{}({platform})",
                pick(&mut self.rng, CLIENT_VERSIONS)
            )),
            login_types: vec![100],
            pmi,
            use_pmi: false,
            personal_meeting_url: format!("https://us06web.zoom.us/j/{pmi}"),
            timezone: timezone.to_owned(),
            language: language.to_owned(),
            verified: true,
            phone_numbers: Vec::new(),
            pic_url: None,
            pronouns: None,
            pronouns_option: None,
            employee_unique_id: None,
            host_key: digits(&mut self.rng, 6),
            cluster: "us06".to_owned(),
            cms_user_id: String::new(),
            account_id: self.config.account_id.clone(),
            account_number: self.account_number,
            custom_attributes: Vec::new(),
            invitation_expired: false,
        }
    }

    /// 0 to 2 distinct groups (30% none, 50% one, 20% two).
    fn group_ids(&mut self, kind: Kind) -> Vec<String> {
        let n = self.groups.len();
        if n == 0 || matches!(kind, Kind::Service(_)) {
            return Vec::new();
        }
        let count = match self.rng.u32(0..100) {
            0..30 => 0,
            30..80 => 1,
            _ => 2.min(n),
        };
        let first = self.rng.usize(..n);
        let mut picked = vec![first];
        if count == 2 {
            picked.push((first + 1 + self.rng.usize(..n - 1)) % n);
        }
        picked.truncate(count);
        picked
            .into_iter()
            .map(|g| {
                self.groups[g].total_members += 1;
                self.groups[g].id.clone()
            })
            .collect()
    }

    fn finish(self) -> Account {
        let n = self.users.len();
        let seed = self.config.seed;

        // Zoom Rooms, calendars, H.323 and ZDM devices.
        let room_users = n - self.room_plans.len();
        let accounts: Vec<RoomAccount> = self.users[room_users..]
            .iter()
            .map(|u| RoomAccount {
                user_id: u.id.clone(),
                email: u.email.clone(),
            })
            .collect();
        let phone_owners: Vec<PhoneOwner> = if self.config.plan == Plan::Free {
            Vec::new()
        } else {
            self.users[..room_users]
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
            plan: self.config.plan,
            now: self.now,
            domain: self.domain,
            plans: &self.room_plans,
            locations: &self.locations,
            accounts: &accounts,
            phone_owners: &phone_owners,
            zdm_devices: self.config.zdm_devices,
        });

        // Meetings and the devices that join them.
        let not_a_person: Vec<bool> = self
            .users
            .iter()
            .enumerate()
            .map(|(i, u)| i >= room_users || u.login_types.contains(&99))
            .collect();
        let windows_domain = self
            .domain
            .split('.')
            .next()
            .unwrap_or("CORP")
            .to_uppercase();
        let (meeting_devices, meetings) = meetings::generate(&meetings::Inputs {
            seed,
            plan: self.config.plan,
            now: self.now,
            users: &self.users,
            not_a_person: &not_a_person,
            rooms: &generated.rooms,
            room_computers: &generated.room_computers,
            h323: &generated.h323_devices,
            windows_domain: &windows_domain,
        });

        // Reports.
        let sign_in_activities = activity::sign_in_activities(seed, self.now, &self.users);
        let operation_logs = activity::operation_logs(&activity::OpLogInputs {
            seed,
            now: self.now,
            users: &self.users,
            role_names: self.roles.iter().map(|r| r.name.as_str()).collect(),
            group_names: self.groups.iter().map(|g| g.name.as_str()).collect(),
            room_names: generated.rooms.iter().map(|r| r.name.as_str()).collect(),
        });

        let seats = SeatCounts::of(&self.users, &generated.rooms);
        let saas = saas::generate(&saas::Inputs {
            seed,
            licensed_seats: seats.licensed,
            plan: self.config.plan,
            now: self.config.now,
            domain: self.domain,
            users: &self.users,
            roles: &self.roles,
            groups: &self.groups,
        });

        let mut account = Account {
            account_id: self.config.account_id.clone(),
            account_number: self.account_number,
            plan: self.config.plan,
            company: self.company.to_owned(),
            domain: self.domain.to_owned(),
            now: self.config.now,
            users: self.users,
            groups: self.groups,
            roles: self.roles,
            locations: self.locations,
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
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(users: usize) -> SimConfig {
        SimConfig {
            users,
            now: ts(1_750_000_000),
            ..SimConfig::default()
        }
    }

    #[test]
    fn ids_look_like_zoom_ids() {
        let mut rng = Rng::with_seed(1);
        let id = zoom_id(&mut rng);
        assert_eq!(id.len(), 22);
        assert!(
            id.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        );
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
