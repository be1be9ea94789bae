//! Groups (`zoom-users.json`) and roles (`zoom-accounts.json`): the listings, role members,
//! and a role with its privileges.

use serde::{Deserialize, Serialize};

use super::{PageMeta, lenient};

/// An item of `GET /groups` (`groups[]`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct Group {
    /// Group ID.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub id: Option<String>,
    /// Group name.
    #[serde(default)]
    pub name: Option<String>,
    /// Number of members.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub total_members: Option<i64>,
}

/// `GET /groups` response.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct GroupListPage {
    /// Paging fields (`next_page_token`, `total_records`).
    #[serde(flatten)]
    pub page: PageMeta,
    /// The groups.
    #[serde(default, deserialize_with = "lenient::vec")]
    pub groups: Vec<Group>,
}

/// An item of `GET /roles` (`roles[]`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct Role {
    /// Role ID (`0` Owner, `1` Admin, `2` Member for the built-in roles).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub id: Option<String>,
    /// Role name.
    #[serde(default)]
    pub name: Option<String>,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Role type (`common` or `iq`).
    #[serde(rename = "type", default)]
    pub role_type: Option<String>,
    /// Number of members.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub total_members: Option<i64>,
}

/// `GET /roles` response (not paginated: no `next_page_token` in the spec).
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct RoleList {
    /// Number of roles.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub total_records: Option<i64>,
    /// The roles.
    #[serde(default, deserialize_with = "lenient::vec")]
    pub roles: Vec<Role>,
}

/// An item of `GET /roles/{roleId}/members` (`members[]`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct RoleMember {
    /// User ID.
    #[serde(default)]
    pub id: Option<String>,
    /// Email.
    #[serde(default)]
    pub email: Option<String>,
    /// First name.
    #[serde(default)]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(default)]
    pub last_name: Option<String>,
    /// Department.
    #[serde(default)]
    pub department: Option<String>,
    /// User type (as in [`User::user_type`](super::User::user_type)).
    #[serde(rename = "type", default, deserialize_with = "lenient::opt_i64")]
    pub user_type: Option<i64>,
}

/// `GET /roles/{roleId}/members` response.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct RoleMemberPage {
    /// Paging fields.
    #[serde(flatten)]
    pub page: PageMeta,
    /// The members.
    #[serde(default, deserialize_with = "lenient::vec")]
    pub members: Vec<RoleMember>,
}

/// `GET /roles/{roleId}`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
pub struct RoleDetails {
    /// Role ID.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub id: Option<String>,
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// `common` or `iq`.
    #[serde(rename = "type", default)]
    pub role_type: Option<String>,
    /// Number of members.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub total_members: Option<i64>,
    /// Privileges, e.g. `Users:Edit`.
    #[serde(default, deserialize_with = "lenient::vec")]
    pub privileges: Vec<String>,
}
