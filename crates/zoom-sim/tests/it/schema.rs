//! Conformance of response bodies to Zoom's OpenAPI documents in `fixtures/openapi/`.
//!
//! [`assert_conforms`] finds the operation `(method, path template)` in a spec file, takes the
//! JSON response schema declared for the status code, resolves `$ref`s, turns the OpenAPI 3.0
//! dialect into JSON Schema (draft 4, which OpenAPI 3.0 schemas are based on) and validates the
//! body with the `jsonschema` crate, formats (`date-time`, `email`) included.
//!
//! It is **strict**: `allOf` branches of object schemas are merged, and every object schema that
//! lists `properties` gets `additionalProperties: false`. Zoom's specs leave objects open, so
//! without this a misspelt or undocumented field would pass; here a field the spec does not name
//! fails the test. [`conformance_errors`] returns the errors instead of panicking.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use serde_json::{Map, Value, json};

/// Parsed spec files, by file name.
fn spec(file: &str) -> Arc<Value> {
    static SPECS: OnceLock<Mutex<HashMap<String, Arc<Value>>>> = OnceLock::new();
    let mut specs = SPECS.get_or_init(Default::default).lock().unwrap();
    Arc::clone(specs.entry(file.to_owned()).or_insert_with(|| {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../fixtures/openapi")
            .join(file);
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
        Arc::new(
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("parse {}: {e}", path.display())),
        )
    }))
}

/// Follows a local `$ref` (`#/components/...`).
fn resolve<'a>(root: &'a Value, value: &'a Value) -> &'a Value {
    let mut value = value;
    for _ in 0..32 {
        match value.get("$ref").and_then(Value::as_str) {
            Some(reference) => {
                let pointer = reference
                    .strip_prefix('#')
                    .unwrap_or_else(|| panic!("non-local $ref {reference}"));
                value = root
                    .pointer(pointer)
                    .unwrap_or_else(|| panic!("dangling $ref {reference}"));
            }
            None => return value,
        }
    }
    panic!("$ref chain too long");
}

/// The raw OpenAPI response schema declared for `status`, or `None` when the spec declares the
/// status without a JSON schema (true of every error response in Zoom's specs). Panics when the
/// operation or the status is not in the spec at all.
pub(crate) fn spec_schema(
    spec_file: &str,
    method: &str,
    path_template: &str,
    status: u16,
) -> Option<Value> {
    let root = spec(spec_file);
    let operation = root
        .pointer(&format!(
            "/paths/{}/{}",
            path_template.replace('~', "~0").replace('/', "~1"),
            method.to_lowercase()
        ))
        .unwrap_or_else(|| panic!("{spec_file}: no operation {method} {path_template}"));
    let responses = &operation["responses"];
    let response = responses
        .get(status.to_string())
        .or_else(|| responses.get("default"))
        .unwrap_or_else(|| {
            panic!("{spec_file}: {method} {path_template} declares no {status} response")
        });
    let response = resolve(&root, response);
    response
        .pointer("/content/application~1json/schema")
        .map(|s| to_json_schema(&root, s, 0))
}

/// OpenAPI 3.0 schema object -> JSON Schema (draft 4), `$ref`s inlined, strict objects.
fn to_json_schema(root: &Value, schema: &Value, depth: usize) -> Value {
    assert!(depth < 64, "schema nesting too deep (recursive $ref?)");
    let schema = resolve(root, schema);
    let Some(object) = schema.as_object() else {
        return schema.clone();
    };
    let mut out = Map::new();
    for (key, value) in object {
        let converted = match key.as_str() {
            // Annotations that are not JSON Schema (or that draft 4 does not know).
            "example" | "examples" | "xml" | "externalDocs" | "discriminator" | "readOnly"
            | "writeOnly" | "deprecated" | "nullable" => continue,
            k if k.starts_with("x-") => continue,
            "properties" => Value::Object(
                value
                    .as_object()
                    .into_iter()
                    .flatten()
                    .map(|(name, s)| (name.clone(), to_json_schema(root, s, depth + 1)))
                    .collect(),
            ),
            "items" | "not" => to_json_schema(root, value, depth + 1),
            "additionalProperties" if value.is_object() => to_json_schema(root, value, depth + 1),
            "allOf" | "anyOf" | "oneOf" => Value::Array(
                value
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|s| to_json_schema(root, s, depth + 1))
                    .collect(),
            ),
            _ => value.clone(),
        };
        out.insert(key.clone(), converted);
    }
    if object.get("nullable").and_then(Value::as_bool) == Some(true) {
        if let Some(t) = out.get("type").cloned() {
            out.insert("type".to_owned(), json!([t, "null"]));
        }
        if let Some(Value::Array(values)) = out.get_mut("enum") {
            values.push(Value::Null);
        }
    }
    merge_all_of(&mut out);
    if out.contains_key("properties") && !out.contains_key("additionalProperties") {
        out.insert("additionalProperties".to_owned(), Value::Bool(false));
    }
    Value::Object(out)
}

/// Merges `allOf` branches that are plain object schemas into the parent, so that
/// `additionalProperties: false` sees every property of the composition.
fn merge_all_of(out: &mut Map<String, Value>) {
    let Some(Value::Array(branches)) = out.get("allOf") else {
        return;
    };
    let mergeable = |b: &Value| {
        b.as_object().is_some_and(|o| {
            o.keys().all(|k| {
                matches!(
                    k.as_str(),
                    "type"
                        | "properties"
                        | "required"
                        | "title"
                        | "description"
                        | "additionalProperties"
                )
            }) && o.get("type").is_none_or(|t| t == "object")
        })
    };
    if !branches.iter().all(mergeable) {
        return;
    }
    let branches = branches.clone();
    out.remove("allOf");
    let mut properties = out
        .remove("properties")
        .and_then(|p| p.as_object().cloned())
        .unwrap_or_default();
    let mut required: Vec<Value> = out
        .remove("required")
        .and_then(|r| r.as_array().cloned())
        .unwrap_or_default();
    for branch in &branches {
        for (name, s) in branch
            .get("properties")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            match properties.get(name) {
                Some(existing) if existing != s => {
                    let both = json!({ "allOf": [existing.clone(), s.clone()] });
                    properties.insert(name.clone(), both);
                }
                Some(_) => {}
                None => {
                    properties.insert(name.clone(), s.clone());
                }
            }
        }
        for r in branch
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if !required.contains(r) {
                required.push(r.clone());
            }
        }
    }
    out.insert("type".to_owned(), json!("object"));
    out.insert("properties".to_owned(), Value::Object(properties));
    if !required.is_empty() {
        out.insert("required".to_owned(), Value::Array(required));
    }
}

fn validator(key: &str, schema: &Value) -> Arc<jsonschema::Validator> {
    static VALIDATORS: OnceLock<Mutex<HashMap<String, Arc<jsonschema::Validator>>>> =
        OnceLock::new();
    let mut validators = VALIDATORS.get_or_init(Default::default).lock().unwrap();
    Arc::clone(validators.entry(key.to_owned()).or_insert_with(|| {
        let validator = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft4)
            .should_validate_formats(true)
            .build(schema)
            .unwrap_or_else(|e| panic!("{key}: schema does not compile: {e}\n{schema:#}"));
        Arc::new(validator)
    }))
}

/// Errors of `body` against `schema` (already JSON Schema), cached under `key`.
pub(crate) fn schema_errors(key: &str, schema: &Value, body: &Value) -> Vec<String> {
    validator(key, schema)
        .iter_errors(body)
        .map(|e| format!("at {}: {e}", e.instance_path()))
        .collect()
}

/// Errors of `body` against the spec's schema for `(method, path_template, status)`.
/// Panics when the spec declares no JSON schema for that status.
pub(crate) fn conformance_errors(
    spec_file: &str,
    method: &str,
    path_template: &str,
    status: u16,
    body: &Value,
) -> Vec<String> {
    let key = format!("{spec_file} {method} {path_template} {status}");
    let schema = spec_schema(spec_file, method, path_template, status)
        .unwrap_or_else(|| panic!("{key}: the spec declares no JSON schema for this status"));
    schema_errors(&key, &schema, body)
}

/// Panics, listing every violation, unless `body` conforms (strictly) to the spec's schema.
#[track_caller]
pub(crate) fn assert_conforms(
    spec_file: &str,
    method: &str,
    path_template: &str,
    status: u16,
    body: &Value,
) {
    let errors = conformance_errors(spec_file, method, path_template, status, body);
    if !errors.is_empty() {
        let mut shown = body.to_string();
        shown.truncate(2000);
        panic!(
            "{method} {path_template} {status} does not conform to {spec_file}:\n  {}\nbody: {shown}",
            errors.join("\n  ")
        );
    }
}

/// Zoom's error body (the "Error Codes" page): `code`, `message`, and for validation failures
/// `errors: [{field, message}]`. Used where the spec declares an error status without a schema.
pub(crate) fn zoom_error_schema() -> Value {
    json!({
        "type": "object",
        "required": ["code", "message"],
        "additionalProperties": false,
        "properties": {
            "code": { "type": "integer" },
            "message": { "type": "string", "minLength": 1 },
            "errors": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "required": ["field", "message"],
                    "additionalProperties": false,
                    "properties": { "field": { "type": "string" }, "message": { "type": "string" } }
                }
            }
        }
    })
}

/// Panics unless `body` is a Zoom error body.
#[track_caller]
pub(crate) fn assert_zoom_error(body: &Value) {
    let errors = schema_errors("zoom-error", &zoom_error_schema(), body);
    assert!(
        errors.is_empty(),
        "not a Zoom error body: {errors:?}\nbody: {body}"
    );
}

#[test]
fn helper_catches_extra_fields_wrong_types_and_bad_formats() {
    let good = json!({
        "next_page_token": "", "page_count": 1, "page_number": 1, "page_size": 30, "total_records": 1,
        "users": [{ "id": "KDcuGIm1QgePTO8WbOqwIQ", "email": "jill.chill@example.com", "type": 1,
                    "created_at": "2024-05-01T12:34:56Z", "status": "active" }]
    });
    assert_conforms("zoom-users.json", "GET", "/users", 200, &good);

    let mut extra = good.clone();
    extra["users"][0]["job_title"] = json!("API Developer"); // detail-only field
    assert!(!conformance_errors("zoom-users.json", "GET", "/users", 200, &extra).is_empty());

    let mut extra_top = good.clone();
    extra_top["bogus"] = json!(1);
    assert!(!conformance_errors("zoom-users.json", "GET", "/users", 200, &extra_top).is_empty());

    let mut wrong_type = good.clone();
    wrong_type["users"][0]["type"] = json!("1");
    assert!(!conformance_errors("zoom-users.json", "GET", "/users", 200, &wrong_type).is_empty());

    let mut bad_enum = good.clone();
    bad_enum["users"][0]["status"] = json!("deleted");
    assert!(!conformance_errors("zoom-users.json", "GET", "/users", 200, &bad_enum).is_empty());

    let mut bad_time = good.clone();
    bad_time["users"][0]["created_at"] = json!("2024-05-01 12:34:56");
    assert!(!conformance_errors("zoom-users.json", "GET", "/users", 200, &bad_time).is_empty());

    let mut missing_required = good;
    missing_required["users"][0]
        .as_object_mut()
        .unwrap()
        .remove("email");
    assert!(
        !conformance_errors("zoom-users.json", "GET", "/users", 200, &missing_required).is_empty()
    );

    // allOf-composed schemas (user detail, roles) stay strict after merging.
    let detail = json!({ "id": "x", "type": 2, "role_name": "Admin", "job_title": "Dev", "login_types": [100] });
    assert_conforms("zoom-users.json", "GET", "/users/{userId}", 200, &detail);
    let detail_extra = json!({ "id": "x", "type": 2, "nickname": "J" });
    assert!(
        !conformance_errors(
            "zoom-users.json",
            "GET",
            "/users/{userId}",
            200,
            &detail_extra
        )
        .is_empty()
    );
    let role_extra = json!({ "roles": [{ "id": "0", "privileges": [] }], "total_records": 1 });
    assert!(
        !conformance_errors("zoom-accounts.json", "GET", "/roles", 200, &role_extra).is_empty()
    );
}

#[test]
fn openapi_specifics_are_converted() {
    let root = json!({
        "components": { "schemas": { "Thing": { "type": "object", "properties": { "n": { "type": "integer", "nullable": true, "example": 3, "x-foo": 1 } } } } }
    });
    let converted = to_json_schema(&root, &json!({ "$ref": "#/components/schemas/Thing" }), 0);
    assert_eq!(
        converted,
        json!({ "type": "object", "additionalProperties": false, "properties": { "n": { "type": ["integer", "null"] } } })
    );
}
