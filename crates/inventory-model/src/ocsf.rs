//! The inventory as OCSF 1.8.0 events, for security data lakes and SIEMs (Amazon Security Lake,
//! Splunk, Sentinel, ...): users as User Inventory Info (5003), devices as Device Inventory Info
//! (5001), sign-ins and sign-outs as Authentication (3002), operation logs as Entity Management
//! (3004), posture findings as Compliance Finding (2003).
//!
//! Pure: stored records (their normalized fields as JSON, as `export` reads them) in, one
//! `serde_json::Value` event out; the product that reports the events is passed in, never read
//! from the environment. Zoom's identifiers go in OCSF's `uid`s; every normalized field OCSF has
//! no attribute for goes in `unmapped` under its native name, and Zoom's JSON as received in
//! `raw_data`, so nothing the native export holds is dropped. The account, license, role, group
//! and app records have no OCSF class that fits them ([`classes`] is empty): they stay in the
//! native format (the account's settings reach OCSF through the posture's findings).
//!
//! `fixtures/ocsf/` holds OCSF's JSON Schemas of these classes; the CLI's tests validate a
//! simulated account's whole export against them.

use jiff::Timestamp;
use serde_json::{Map, Value, json};

use crate::Kind;
use crate::posture::{Finding, Severity, Status};

/// The OCSF version the events follow (`metadata.version`).
pub const OCSF_VERSION: &str = "1.8.0";

/// The product that reports the events (`metadata.product`): zoom-inventory and its version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Product<'a> {
    /// The product's name.
    pub name: &'a str,
    /// Its version.
    pub version: &'a str,
}

/// The OCSF event classes the inventory maps to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Class {
    /// Device Inventory Info (5001): devices.
    DeviceInventoryInfo,
    /// User Inventory Info (5003): users.
    UserInventoryInfo,
    /// Authentication (3002): sign-ins and sign-outs.
    Authentication,
    /// Entity Management (3004): operation logs, what admins changed at the console.
    EntityManagement,
    /// Compliance Finding (2003): posture findings.
    ComplianceFinding,
}

impl Class {
    /// Every class.
    pub const ALL: [Class; 5] = [
        Class::DeviceInventoryInfo,
        Class::UserInventoryInfo,
        Class::Authentication,
        Class::EntityManagement,
        Class::ComplianceFinding,
    ];

    /// `class_uid`.
    pub fn uid(self) -> u32 {
        match self {
            Class::DeviceInventoryInfo => 5001,
            Class::UserInventoryInfo => 5003,
            Class::Authentication => 3002,
            Class::EntityManagement => 3004,
            Class::ComplianceFinding => 2003,
        }
    }

    /// `class_name`.
    pub fn caption(self) -> &'static str {
        match self {
            Class::DeviceInventoryInfo => "Device Inventory Info",
            Class::UserInventoryInfo => "User Inventory Info",
            Class::Authentication => "Authentication",
            Class::EntityManagement => "Entity Management",
            Class::ComplianceFinding => "Compliance Finding",
        }
    }

    /// OCSF's name of the class, which also names its JSON Schema (`<name>.schema.json`).
    pub fn name(self) -> &'static str {
        match self {
            Class::DeviceInventoryInfo => "inventory_info",
            Class::UserInventoryInfo => "user_inventory",
            Class::Authentication => "authentication",
            Class::EntityManagement => "entity_management",
            Class::ComplianceFinding => "compliance_finding",
        }
    }

    /// `category_uid`: the class's thousands.
    pub fn category_uid(self) -> u32 {
        self.uid() / 1000
    }

    /// `category_name`.
    pub fn category_caption(self) -> &'static str {
        match self.category_uid() {
            2 => "Findings",
            3 => "Identity & Access Management",
            _ => "Discovery",
        }
    }

    /// The class of an event, from its `class_uid`.
    pub fn of_event(event: &Value) -> Option<Class> {
        let uid = event.get("class_uid")?.as_u64()?;
        Class::ALL
            .into_iter()
            .find(|class| u64::from(class.uid()) == uid)
    }
}

/// The classes a kind's records become; empty when the kind stays in the native format.
pub fn classes(kind: Kind) -> &'static [Class] {
    match kind {
        Kind::User => &[Class::UserInventoryInfo],
        Kind::Device => &[Class::DeviceInventoryInfo],
        Kind::Activity => &[Class::Authentication, Class::EntityManagement],
        Kind::Account | Kind::License | Kind::Role | Kind::Group | Kind::App | Kind::Setting => &[],
    }
}

/// A record as stored: what `export` reads for one asset of one run.
#[derive(Clone, Copy, Debug)]
pub struct StoredRecord<'a> {
    /// Its kind.
    pub kind: Kind,
    /// The inventory's stable id (`user:<zoom id>`).
    pub id: &'a str,
    /// Zoom's id.
    pub source_id: &'a str,
    /// When a run first saw it.
    pub first_seen: Timestamp,
    /// When a run last saw it, as of the run exported.
    pub last_seen: Timestamp,
    /// The normalized fields (a JSON object, as stored).
    pub fields: &'a Value,
    /// Zoom's JSON as received.
    pub raw: &'a Value,
}

/// The record as one OCSF event; `None` for a kind without a class ([`classes`]).
pub fn event(record: &StoredRecord<'_>, product: Product<'_>) -> Option<Value> {
    let fields = Fields(record.fields);
    let event = match record.kind {
        Kind::User => user_inventory(record, fields, product),
        Kind::Device => device_inventory(record, fields, product),
        Kind::Activity => match fields.text("activity_type") {
            Some("operation") => entity_management(record, fields, product),
            _ => authentication(record, fields, product),
        },
        Kind::Account | Kind::License | Kind::Role | Kind::Group | Kind::App | Kind::Setting => {
            return None;
        }
    };
    Some(Value::Object(event))
}

/// The account a posture run judged: the resource of its findings.
#[derive(Clone, Copy, Debug, Default)]
pub struct Judged<'a> {
    /// Zoom's account id, when the account record was read.
    pub account_id: Option<&'a str>,
    /// The account's name, when known.
    pub name: Option<&'a str>,
}

/// A posture finding as a Compliance Finding (2003), dated `time` (when the facts were read).
pub fn compliance_finding(
    finding: &Finding,
    judged: Judged<'_>,
    time: Timestamp,
    product: Product<'_>,
) -> Value {
    let (activity_id, activity) = (1, "Create");
    let mut event = base(
        Class::ComplianceFinding,
        activity_id,
        activity,
        time,
        product,
    );
    // A passed or undecided control is no alarm: only a failure carries the control's severity.
    let (severity_id, severity_caption) = match (finding.status, finding.severity) {
        (Status::Pass | Status::Unknown | Status::Manual, _) => (1, "Informational"),
        (Status::Fail, Severity::Low) => (2, "Low"),
        (Status::Fail, Severity::Medium) => (3, "Medium"),
        (Status::Fail, Severity::High) => (4, "High"),
    };
    event.insert("severity_id".into(), json!(severity_id));
    event.insert("severity".into(), json!(severity_caption));
    // Each run's judgement is a new finding; its compliance status says pass or fail.
    event.insert("status_id".into(), json!(1));
    event.insert("status".into(), json!("New"));

    let subject = judged.account_id.unwrap_or("account");
    let mut info = Map::new();
    info.insert(
        "uid".into(),
        json!(format!("{}:{subject}:{}", product.name, finding.control)),
    );
    info.insert("title".into(), json!(finding.title));
    info.insert("types".into(), json!(["Zoom account posture"]));
    event.insert("finding_info".into(), Value::Object(info));

    let (status_id, status) = match finding.status {
        Status::Pass => (1, "Pass"),
        Status::Fail => (3, "Fail"),
        Status::Unknown => (0, "Unknown"),
        // OCSF's compliance status has no "review by hand": Other, with the caption saying so.
        Status::Manual => (99, "Manual"),
    };
    let mut compliance = Map::new();
    compliance.insert("control".into(), json!(finding.control));
    compliance.insert("status_id".into(), json!(status_id));
    compliance.insert("status".into(), json!(status));
    if let Some(cis) = &finding.cis {
        compliance.insert("standards".into(), json!([CIS_BENCHMARK]));
        compliance.insert("requirements".into(), json!([cis]));
    }
    event.insert("compliance".into(), Value::Object(compliance));

    if !finding.evidence.is_empty() {
        let evidences: Vec<Value> = finding
            .evidence
            .iter()
            .map(|fact| json!({ "data": fact }))
            .collect();
        event.insert("evidences".into(), Value::Array(evidences));
    }
    event.insert("remediation".into(), json!({ "desc": finding.remediation }));
    let mut resource = Map::new();
    resource.insert("uid".into(), json!(subject));
    put(&mut resource, "name", judged.name);
    resource.insert("type".into(), json!("Zoom account"));
    event.insert("resources".into(), json!([resource]));
    let evidence = if finding.evidence.is_empty() {
        String::new()
    } else {
        format!(": {}", finding.evidence.join("; "))
    };
    event.insert(
        "message".into(),
        json!(format!(
            "{} {} ({}){evidence}",
            finding.control,
            finding.status.as_str(),
            finding.title
        )),
    );
    event.insert(
        "unmapped".into(),
        json!({ "severity": finding.severity.as_str() }),
    );
    Value::Object(event)
}

/// The benchmark a control's `cis` number refers to.
pub const CIS_BENCHMARK: &str = "CIS Zoom Benchmark";

/// The common attributes of every event.
fn base(
    class: Class,
    activity_id: u32,
    activity: &str,
    time: Timestamp,
    product: Product<'_>,
) -> Map<String, Value> {
    let mut event = Map::new();
    event.insert("class_uid".into(), json!(class.uid()));
    event.insert("class_name".into(), json!(class.caption()));
    event.insert("category_uid".into(), json!(class.category_uid()));
    event.insert("category_name".into(), json!(class.category_caption()));
    event.insert("activity_id".into(), json!(activity_id));
    event.insert("activity_name".into(), json!(activity));
    event.insert(
        "type_uid".into(),
        json!(u64::from(class.uid()) * 100 + u64::from(activity_id)),
    );
    event.insert(
        "type_name".into(),
        json!(format!("{}: {activity}", class.caption())),
    );
    event.insert("severity_id".into(), json!(1));
    event.insert("severity".into(), json!("Informational"));
    event.insert("time".into(), json!(time.as_millisecond()));
    event.insert(
        "metadata".into(),
        json!({
            "version": OCSF_VERSION,
            "product": { "name": product.name, "version": product.version },
        }),
    );
    event
}

/// Discovery events: the inventory collected the record through Zoom's API.
const COLLECT: (u32, &str) = (2, "Collect");

/// A record's common tail: the fields OCSF lacks, and Zoom's JSON as received.
fn finish(event: &mut Map<String, Value>, unmapped: Map<String, Value>, record: &StoredRecord<'_>) {
    if !unmapped.is_empty() {
        event.insert("unmapped".into(), Value::Object(unmapped));
    }
    if !record.raw.is_null() {
        event.insert("raw_data".into(), json!(record.raw.to_string()));
    }
}

/// The start of a Discovery event: the record as collected by the run exported.
fn collected(class: Class, record: &StoredRecord<'_>, product: Product<'_>) -> Map<String, Value> {
    let (activity_id, activity) = COLLECT;
    base(class, activity_id, activity, record.last_seen, product)
}

fn user_inventory(
    record: &StoredRecord<'_>,
    fields: Fields<'_>,
    product: Product<'_>,
) -> Map<String, Value> {
    let mut event = collected(Class::UserInventoryInfo, record, product);
    let mut user = Map::new();
    user.insert("uid".into(), json!(record.source_id));
    put(
        &mut user,
        "name",
        fields.text("email").or(fields.text("display_name")),
    );
    put(&mut user, "email_addr", fields.text("email"));
    put(&mut user, "display_name", fields.text("display_name"));
    let full_name = [fields.text("first_name"), fields.text("last_name")]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    put(
        &mut user,
        "full_name",
        (!full_name.is_empty()).then_some(full_name),
    );
    let (type_id, user_type) = if fields.flag("is_service_account") {
        (4, "Service")
    } else if fields.flag("is_admin") {
        (2, "Admin")
    } else {
        (1, "User")
    };
    user.insert("type_id".into(), json!(type_id));
    user.insert("type".into(), json!(user_type));
    let groups: Vec<Value> = fields
        .texts("groups")
        .map(|name| json!({ "name": name }))
        .collect();
    if !groups.is_empty() {
        user.insert("groups".into(), Value::Array(groups));
    }
    let mut person = Map::new();
    put(&mut person, "given_name", fields.text("first_name"));
    put(&mut person, "surname", fields.text("last_name"));
    put(&mut person, "department", fields.text("department"));
    put(&mut person, "job_title", fields.text("job_title"));
    put(&mut person, "created_time", fields.millis("created_at"));
    put(
        &mut person,
        "last_login_time",
        fields.millis("last_login_at"),
    );
    if !person.is_empty() {
        user.insert("ldap_person".into(), Value::Object(person));
    }
    event.insert("user".into(), Value::Object(user));
    // `is_admin` and `is_service_account` stay beside `type_id`, which holds one of them only.
    let mut unmapped = fields.others(&[
        "email",
        "display_name",
        "first_name",
        "last_name",
        "department",
        "job_title",
        "groups",
        "created_at",
        "last_login_at",
    ]);
    // When the inventory first saw the user: OCSF's user has no such attribute (a device has
    // `first_seen_time`).
    unmapped.insert(
        "first_seen".into(),
        json!(record.first_seen.as_millisecond()),
    );
    finish(&mut event, unmapped, record);
    event
}

fn device_inventory(
    record: &StoredRecord<'_>,
    fields: Fields<'_>,
    product: Product<'_>,
) -> Map<String, Value> {
    let mut event = collected(Class::DeviceInventoryInfo, record, product);
    let os = fields.0.get("os").map(Fields);
    let os_type = os.and_then(|os| os.text("type"));
    let mut device = Map::new();
    let (type_id, device_type) = device_type(fields.text("device_type"), os_type);
    device.insert("type_id".into(), json!(type_id));
    device.insert("type".into(), json!(device_type));
    device.insert("uid".into(), json!(record.source_id));
    put(&mut device, "name", fields.text("name"));
    put(&mut device, "hostname", fields.text("hostname"));
    let macs: Vec<&str> = fields.texts("mac_addresses").collect();
    let ips: Vec<&str> = fields.texts("ip_addresses").collect();
    put(&mut device, "mac", macs.first().copied());
    put(&mut device, "ip", ips.first().copied());
    // Zoom does not say which address belongs to which interface: one entry per address.
    let interfaces: Vec<Value> = macs
        .iter()
        .map(|mac| json!({ "mac": mac }))
        .chain(ips.iter().map(|ip| json!({ "ip": ip })))
        .collect();
    if interfaces.len() > 1 {
        device.insert("network_interfaces".into(), Value::Array(interfaces));
    }
    if let Some(os_type) = os_type {
        let (type_id, name) = os_kind(os_type);
        let mut os_object = Map::new();
        os_object.insert("name".into(), json!(name));
        os_object.insert("type_id".into(), json!(type_id));
        put(
            &mut os_object,
            "version",
            os.and_then(|os| os.text("version")),
        );
        device.insert("os".into(), Value::Object(os_object));
    }
    put(&mut device, "vendor_name", fields.text("manufacturer"));
    put(&mut device, "model", fields.text("model"));
    if let Some(serial) = fields.text("serial_number") {
        device.insert("hw_info".into(), json!({ "serial_number": serial }));
    }
    if let Some(owner) = fields.text("owner_email") {
        device.insert(
            "owner".into(),
            json!({ "email_addr": owner, "name": owner }),
        );
    }
    device.insert(
        "first_seen_time".into(),
        json!(record.first_seen.as_millisecond()),
    );
    device.insert(
        "last_seen_time".into(),
        json!(record.last_seen.as_millisecond()),
    );
    event.insert("device".into(), Value::Object(device));
    let mut unmapped = fields.others(&[
        "name",
        "hostname",
        "manufacturer",
        "model",
        "serial_number",
        "owner_email",
    ]);
    // Every address is in `mac`, `ip` or `network_interfaces`; an OS, named, in `os`.
    unmapped.remove("mac_addresses");
    unmapped.remove("ip_addresses");
    if os_type.is_some() {
        unmapped.remove("os");
    }
    finish(&mut event, unmapped, record);
    event
}

/// OCSF's device type: mobiles and tablets by their OS; what Zoom manages itself (room systems,
/// Zoom Rooms and their devices, ZDM devices) as Other, named; computers seen in meetings as
/// Unknown, since Zoom does not tell a laptop from a desktop.
fn device_type(device_type: Option<&str>, os_type: Option<&str>) -> (u32, &'static str) {
    match (device_type, os_type) {
        (_, Some("ios" | "android")) => (5, "Mobile"),
        (_, Some("ipados")) => (4, "Tablet"),
        (Some("h323"), _) => (99, "H.323/SIP room system"),
        (Some("zoom_room"), _) => (99, "Zoom Room"),
        (Some("zoom_room_device"), _) => (99, "Zoom Room device"),
        (Some("zdm"), _) => (99, "Zoom Device Management device"),
        _ => (0, "Unknown"),
    }
}

/// OCSF's operating system id and name for the model's `os.type`.
fn os_kind(os_type: &str) -> (u32, &str) {
    match os_type {
        "windows" => (100, "Windows"),
        "linux" => (200, "Linux"),
        "android" => (201, "Android"),
        "macos" => (300, "macOS"),
        "ios" => (301, "iOS"),
        "ipados" => (302, "iPadOS"),
        other => (99, other),
    }
}

fn authentication(
    record: &StoredRecord<'_>,
    fields: Fields<'_>,
    product: Product<'_>,
) -> Map<String, Value> {
    let (activity_id, activity) = match fields.text("activity_type") {
        Some("sign_out") => (2, "Logoff"),
        _ => (1, "Logon"),
    };
    let time = fields.timestamp("time").unwrap_or(record.first_seen);
    let mut event = base(Class::Authentication, activity_id, activity, time, product);
    event.insert("metadata".into(), activity_metadata(record, product));
    event.insert("user".into(), person(fields.text("actor_email")));
    event.insert("service".into(), json!({ "name": "Zoom" }));
    let ip = fields
        .text("ip_address")
        .filter(|ip| ip.parse::<std::net::IpAddr>().is_ok());
    if let Some(ip) = ip {
        event.insert("src_endpoint".into(), json!({ "ip": ip }));
    }
    let mut unmapped = fields.others(&["actor_email", "time"]);
    if ip.is_some() {
        unmapped.remove("ip_address");
    }
    // Known from the class and activity (`Sign in`, `sign_in_out`).
    unmapped.remove("activity_type");
    unmapped.remove("action");
    unmapped.remove("category");
    finish(&mut event, unmapped, record);
    event
}

fn entity_management(
    record: &StoredRecord<'_>,
    fields: Fields<'_>,
    product: Product<'_>,
) -> Map<String, Value> {
    let action = fields.text("action");
    let (activity_id, activity) = match action.map(str::to_ascii_lowercase).as_deref() {
        Some("add" | "create") => (1, "Create".to_owned()),
        Some("view" | "read") => (2, "Read".to_owned()),
        Some("update" | "edit" | "change") => (3, "Update".to_owned()),
        Some("delete" | "remove") => (4, "Delete".to_owned()),
        // Zoom's own word for what OCSF has no activity for (`deactivate`).
        Some(other) => (99, other.to_owned()),
        None => (0, "Unknown".to_owned()),
    };
    let time = fields.timestamp("time").unwrap_or(record.first_seen);
    let mut event = base(
        Class::EntityManagement,
        activity_id,
        &activity,
        time,
        product,
    );
    event.insert("metadata".into(), activity_metadata(record, product));
    if let Some(operator) = fields.text("actor_email") {
        event.insert("actor".into(), json!({ "user": person(Some(operator)) }));
    }
    let category = fields.text("category");
    let detail = fields.text("detail");
    let (type_id, entity_type) = match category {
        Some("user" | "user_settings") => (2, "User"),
        Some("im") => (3, "Group"),
        Some("account" | "billing" | "sub_account") => (4, "Organization"),
        Some(other) => (99, other),
        None => (0, "Unknown"),
    };
    // The account is the organization itself; its description names a settings section.
    let target = detail.filter(|_| type_id != 4).map(operation_target);
    let mut entity = Map::new();
    entity.insert("type_id".into(), json!(type_id));
    entity.insert("type".into(), json!(entity_type));
    entity.insert(
        "name".into(),
        json!(target.or(category).unwrap_or("unknown")),
    );
    match (type_id, target) {
        (2, Some(target)) => {
            entity.insert("user".into(), person(Some(target)));
        }
        (3, Some(target)) => {
            entity.insert("group".into(), json!({ "name": target }));
        }
        _ => {}
    }
    event.insert("entity".into(), Value::Object(entity));
    put(&mut event, "message", detail);
    let mut unmapped = fields.others(&["actor_email", "time", "detail"]);
    unmapped.remove("activity_type");
    if activity_id != 99 {
        unmapped.remove("action");
    }
    finish(&mut event, unmapped, record);
    event
}

/// What an operation acted on, from Zoom's description (`update user - a@example.com:
/// Department` names `a@example.com`); the whole description when it has no such form.
fn operation_target(detail: &str) -> &str {
    let after = detail.split_once(" - ").map_or(detail, |(_, after)| after);
    let target = after.split_once(": ").map_or(after, |(target, _)| target);
    let target = target.trim();
    if target.is_empty() { detail } else { target }
}

/// Activities are events Zoom logged: their digest id is the event's `uid`, the same however
/// many runs read it.
fn activity_metadata(record: &StoredRecord<'_>, product: Product<'_>) -> Value {
    json!({
        "version": OCSF_VERSION,
        "product": { "name": product.name, "version": product.version },
        "uid": record.id,
        "log_provider": "Zoom",
    })
}

/// A user known by an e-mail address (or a name when it is none).
fn person(email: Option<&str>) -> Value {
    match email {
        Some(email) if email.contains('@') => json!({ "name": email, "email_addr": email }),
        Some(name) => json!({ "name": name }),
        None => json!({ "name": "unknown" }),
    }
}

/// The normalized fields of a stored record.
#[derive(Clone, Copy)]
struct Fields<'a>(&'a Value);

impl<'a> Fields<'a> {
    fn text(self, name: &str) -> Option<&'a str> {
        self.0
            .get(name)?
            .as_str()
            .filter(|text| !text.trim().is_empty())
    }

    fn texts(self, name: &str) -> impl Iterator<Item = &'a str> {
        self.0
            .get(name)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
    }

    fn flag(self, name: &str) -> bool {
        self.0.get(name).and_then(Value::as_bool).unwrap_or(false)
    }

    fn timestamp(self, name: &str) -> Option<Timestamp> {
        self.text(name)?.parse().ok()
    }

    fn millis(self, name: &str) -> Option<i64> {
        self.timestamp(name).map(Timestamp::as_millisecond)
    }

    /// Every field with a value except `mapped`: what goes to `unmapped`.
    fn others(self, mapped: &[&str]) -> Map<String, Value> {
        self.0
            .as_object()
            .into_iter()
            .flatten()
            .filter(|(key, value)| !mapped.contains(&key.as_str()) && !is_empty(value))
            .map(|(key, value)| (key.clone(), value.clone()))
            .collect()
    }
}

fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(text) => text.is_empty(),
        Value::Array(items) => items.is_empty(),
        Value::Object(map) => map.values().all(is_empty),
        Value::Bool(_) | Value::Number(_) => false,
    }
}

fn put(map: &mut Map<String, Value>, key: &str, value: Option<impl Into<Value>>) {
    if let Some(value) = value {
        map.insert(key.to_owned(), value.into());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_operation_names_its_target() {
        assert_eq!(
            operation_target("update user - a@example.com: Department"),
            "a@example.com"
        );
        assert_eq!(
            operation_target("delete user - b@example.com"),
            "b@example.com"
        );
        assert_eq!(operation_target("something else"), "something else");
        assert_eq!(operation_target("update billing - "), "update billing - ");
    }

    #[test]
    fn class_ids_follow_ocsf() {
        for class in Class::ALL {
            assert_eq!(
                Class::of_event(&json!({ "class_uid": class.uid() })),
                Some(class)
            );
        }
        assert_eq!(Class::DeviceInventoryInfo.category_caption(), "Discovery");
        assert_eq!(Class::ComplianceFinding.category_uid(), 2);
    }
}
