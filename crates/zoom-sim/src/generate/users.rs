//! Users, groups and roles, and their generator.
//!
//! [`generate`] draws the people of the account from the config's seed with one
//! `fastrand::Rng`: the owner first, a few API-only service users spread through the list, the
//! Zoom Rooms accounts at the end (their names come from [`rooms::plan`], decided before any user),
//! about 80% active, 12% inactive and 8% pending people. The types are the simulator's own reading
//! of Zoom's docs (`fixtures/openapi/zoom-users.json`, `zoom-accounts.json`); `http/routes/users.rs`
//! turns them into Zoom's JSON.

use std::collections::HashSet;
use std::hash::BuildHasherDefault;

use fastrand::Rng;
use jiff::Timestamp;

use super::account::{FastMap, Fnv, fast_map};
use super::names::{
    CLIENT_PLATFORMS, CLIENT_VERSIONS, COMPANIES, CUSTOM_ROLES, DEPARTMENTS, FIRST_NAMES,
    GROUP_NAMES, LAST_NAMES, LOCATIONS, PRONOUNS, SERVICE_ACCOUNTS,
};
use super::random::{DAY, YEAR, between, digits, percent, pick, push_hex, ts, zoom_id};
use super::rooms::{self, RoomPlan, SimLocation};
use crate::config::{Plan, SimConfig};

/// Zoom invitations to join an account expire after 30 days.
pub(crate) const INVITATION_TTL_SECS: i64 = 30 * DAY;

/// Role IDs of Zoom's built-in roles.
pub(crate) const OWNER_ROLE_ID: &str = "0";
pub(crate) const ADMIN_ROLE_ID: &str = "1";
pub(crate) const MEMBER_ROLE_ID: &str = "2";

/// A user's `status` (not zoom-api's: the simulator shares no types with the client it tests).
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

    /// The position of the status in `Account`'s per-status index.
    pub(super) fn index(self) -> usize {
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Owner,
    Service(usize),
    Person,
    /// The user account of the `n`th Zoom Room.
    Room(usize),
}

/// The account's people and what the rest of the generator builds on: the company, the rooms'
/// locations and names.
pub(super) struct Directory {
    pub(super) company: &'static str,
    pub(super) domain: &'static str,
    pub(super) account_number: u64,
    pub(super) roles: Vec<SimRole>,
    pub(super) groups: Vec<SimGroup>,
    /// The owner first, the Zoom Rooms accounts last (one per entry of `room_plans`).
    pub(super) users: Vec<SimUser>,
    pub(super) locations: Vec<SimLocation>,
    pub(super) room_plans: Vec<RoomPlan>,
}

/// Generates the users, groups and roles described by `config` (at least the owner).
pub(super) fn generate(config: &SimConfig) -> Directory {
    Generator::new(config).run()
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

    fn run(mut self) -> Directory {
        let kinds = self.kinds();
        let statuses = self.statuses(&kinds);
        for (i, (&kind, &status)) in kinds.iter().zip(&statuses).enumerate() {
            let user = self.user(i, kind, status);
            self.users.push(user);
        }
        Directory {
            company: self.company,
            domain: self.domain,
            account_number: self.account_number,
            roles: self.roles,
            groups: self.groups,
            users: self.users,
            locations: self.locations,
            room_plans: self.room_plans,
        }
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
}
