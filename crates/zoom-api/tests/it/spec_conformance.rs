//! The client's endpoint table (`zoom_api::endpoints::ALL`) against Zoom's OpenAPI documents in
//! `fixtures/openapi/`.
//!
//! For every endpoint that names a spec file: the operation (method and path template) is in
//! that file, the file's "Rate Limit Label" is the endpoint's category, a listing's items field
//! is an array of its 200 response, and the listing is paginated exactly when the operation
//! takes `next_page_token`. Endpoints no spec file covers are listed in [`NOT_IN_A_SPEC`] with
//! the source of the category used; the test fails when one of them appears in a spec file, so
//! that the list stays honest. Each test gathers every disagreement before failing.

use std::sync::OnceLock;

use serde_json::Value;
use zoom_api::RateCategory;
use zoom_api::endpoints::{ALL, Body, Endpoint, Source};

/// Endpoints no spec file in `fixtures/openapi/` covers: the category the client uses and
/// where it comes from.
const NOT_IN_A_SPEC: &[(&str, RateCategory, &str)] = &[(
    "GET /devices",
    RateCategory::Heavy,
    "NOTES.md §3.3: Zoom's own rate-limit notes (ZP-RL) list \"List Devices\" under Heavy; \
     no Zoom spec states it",
)];

/// Zoom's older all-in-one Meetings document. An endpoint may rest on it only while no current
/// document in `fixtures/openapi/` covers the operation.
const SUPERSEDED: &str = "zoom-meeting-api-2023-07.json";

/// Every spec file of `fixtures/openapi/`, by file name, parsed once.
fn specs() -> &'static [(String, Value)] {
    static SPECS: OnceLock<Vec<(String, Value)>> = OnceLock::new();
    SPECS.get_or_init(|| {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/openapi");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("read {dir}: {e}"))
            .map(|entry| entry.unwrap().file_name().into_string().unwrap())
            .filter(|name| name.ends_with(".json"))
            .collect();
        files.sort();
        assert!(files.len() >= 6, "spec files in {dir}: {files:?}");
        files
            .into_iter()
            .map(|name| {
                let spec = crate::spec_examples::spec(&name);
                (name, spec)
            })
            .collect()
    })
}

fn spec_named(file: &str) -> Option<&'static Value> {
    specs()
        .iter()
        .find(|(name, _)| name == file)
        .map(|(_, spec)| spec)
}

/// The operation `endpoint` in `spec`, if the spec has it.
fn operation<'a>(spec: &'a Value, endpoint: &Endpoint) -> Option<&'a Value> {
    spec.get("paths")?
        .get(endpoint.path)?
        .get(endpoint.method.as_str().to_ascii_lowercase())
}

/// The spec files that have the operation `endpoint`.
fn files_with(endpoint: &Endpoint) -> Vec<&'static str> {
    specs()
        .iter()
        .filter(|(_, spec)| operation(spec, endpoint).is_some())
        .map(|(name, _)| name.as_str())
        .collect()
}

/// The "Rate Limit Label" of an operation's description, as Zoom writes it in markdown:
/// `**[Rate Limit Label](https://…/rate-limits#rate-limits):** \`MEDIUM\``. `None` when the
/// description states no label.
fn rate_limit_label(description: &str) -> Option<&str> {
    let (_, after) = description.split_once("[Rate Limit Label](")?;
    let (_, after) = after.split_once(')')?;
    let after = after.trim_start_matches([':', '*', ' ']);
    let (label, _) = after.strip_prefix('`')?.split_once('`')?;
    Some(label)
}

/// The category an operation's description states, or why it cannot be read.
fn spec_category(operation: &Value) -> Result<RateCategory, String> {
    let description = operation["description"].as_str().unwrap_or_default();
    if description.matches("[Rate Limit Label](").count() > 1 {
        return Err("its description states more than one rate limit label".to_owned());
    }
    let label = rate_limit_label(description)
        .ok_or_else(|| "its description states no rate limit label".to_owned())?;
    RateCategory::parse(label).ok_or_else(|| format!("unknown rate limit label {label:?}"))
}

/// Follows local `$ref`s (`#/components/...`).
fn resolve<'a>(spec: &'a Value, mut schema: &'a Value) -> &'a Value {
    while let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let pointer = reference.strip_prefix('#').expect("a local $ref");
        schema = spec
            .pointer(pointer)
            .unwrap_or_else(|| panic!("dangling {reference}"));
    }
    schema
}

/// The properties of an object schema, `allOf` branches merged.
fn properties<'a>(spec: &'a Value, schema: &'a Value) -> Vec<(&'a str, &'a Value)> {
    let schema = resolve(spec, schema);
    let mut out = Vec::new();
    for part in schema["allOf"].as_array().into_iter().flatten() {
        out.extend(properties(spec, part));
    }
    for (name, property) in schema["properties"].as_object().into_iter().flatten() {
        out.push((name.as_str(), resolve(spec, property)));
    }
    out
}

/// Whether the operation takes a `next_page_token` query parameter.
fn takes_page_token(spec: &Value, operation: &Value) -> bool {
    operation["parameters"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|parameter| resolve(spec, parameter))
        .any(|parameter| parameter["in"] == "query" && parameter["name"] == "next_page_token")
}

fn fail_on(problems: &[String]) {
    assert!(
        problems.is_empty(),
        "the endpoint table disagrees with Zoom's documents:\n{}",
        problems.join("\n")
    );
}

#[test]
fn every_endpoint_is_zooms_operation_in_its_category() {
    let mut problems = Vec::new();
    for endpoint in ALL {
        let found_in = files_with(endpoint);
        match endpoint.source {
            Source::Spec(file) => {
                let Some(spec) = spec_named(file) else {
                    problems.push(format!("{endpoint}: no spec file {file}"));
                    continue;
                };
                let Some(op) = operation(spec, endpoint) else {
                    problems.push(format!("{endpoint}: not an operation of {file}"));
                    continue;
                };
                match spec_category(op) {
                    Ok(category) if category == endpoint.category => {}
                    Ok(category) => problems.push(format!(
                        "{endpoint}: {file} labels it {category}, the client counts it as {}",
                        endpoint.category
                    )),
                    Err(why) => problems.push(format!("{endpoint} in {file}: {why}")),
                }
                let current: Vec<_> = found_in.iter().filter(|f| **f != SUPERSEDED).collect();
                if file == SUPERSEDED && !current.is_empty() {
                    problems.push(format!(
                        "{endpoint}: rests on the older {file}, but {current:?} covers it now"
                    ));
                }
            }
            Source::Doc(doc) => {
                if !NOT_IN_A_SPEC
                    .iter()
                    .any(|(name, ..)| *name == endpoint.to_string())
                {
                    problems.push(format!(
                        "{endpoint}: its facts come from {doc}; list it in NOT_IN_A_SPEC"
                    ));
                }
                if !found_in.is_empty() {
                    problems.push(format!(
                        "{endpoint}: {found_in:?} covers it now; name the spec file instead of {doc}"
                    ));
                }
            }
        }
    }
    fail_on(&problems);
}

#[test]
fn endpoints_without_a_spec_are_listed_with_their_source() {
    let mut problems = Vec::new();
    for (name, category, source) in NOT_IN_A_SPEC {
        assert!(
            !source.is_empty(),
            "{name}: say where {category} comes from"
        );
        let Some(endpoint) = ALL.iter().find(|e| e.to_string() == *name) else {
            problems.push(format!(
                "{name}: listed, but the client has no such endpoint"
            ));
            continue;
        };
        if !matches!(endpoint.source, Source::Doc(_)) {
            problems.push(format!(
                "{name}: listed, but the table names {:?}",
                endpoint.source
            ));
        }
        if endpoint.category != *category {
            problems.push(format!(
                "{name}: listed as {category} ({source}), the client counts it as {}",
                endpoint.category
            ));
        }
        let found_in = files_with(endpoint);
        if !found_in.is_empty() {
            problems.push(format!(
                "{name}: {found_in:?} covers it now; check its label there and drop it from this list"
            ));
        }
    }
    fail_on(&problems);
}

#[test]
fn listings_read_the_items_and_pages_zoom_documents() {
    let mut problems = Vec::new();
    for endpoint in ALL {
        let (Source::Spec(file), Some(items)) = (endpoint.source, endpoint.body.items()) else {
            continue;
        };
        let Some(spec) = spec_named(file) else {
            continue; // reported by every_endpoint_is_zooms_operation_in_its_category
        };
        let Some(op) = operation(spec, endpoint) else {
            continue;
        };
        let response = resolve(spec, &op["responses"]["200"]);
        let schema = &response["content"]["application/json"]["schema"];
        match properties(spec, schema)
            .iter()
            .find(|(name, _)| *name == items)
        {
            Some((_, property)) if property["type"] == "array" => {}
            Some((_, property)) => problems.push(format!(
                "{endpoint}: `{items}` is {} in {file}, not an array",
                property["type"]
            )),
            None => problems.push(format!(
                "{endpoint}: {file}'s 200 response has no field `{items}`"
            )),
        }
        let paginated = matches!(endpoint.body, Body::Pages { .. });
        if paginated != takes_page_token(spec, op) {
            problems.push(format!(
                "{endpoint}: the client {} it, {file} {} next_page_token",
                if paginated {
                    "paginates"
                } else {
                    "does not paginate"
                },
                if paginated { "takes no" } else { "takes a" },
            ));
        }
    }
    fail_on(&problems);
}

#[test]
fn labels_are_read_as_zoom_writes_them() {
    let link = "[Rate Limit Label](https://marketplace.zoom.us/docs/api-reference/rate-limits#rate-limits)";
    for (description, expected) in [
        (format!("Lists.\n\n**{link}:** `MEDIUM`"), Some("MEDIUM")),
        (
            format!("> **{link}:** `Resource-intensive`<br>\n**Prerequisites:**"),
            Some("Resource-intensive"),
        ),
        (format!(" **{link}:** `Light`<br>"), Some("Light")),
        ("**Scopes:** `user:read:admin`".to_owned(), None),
    ] {
        assert_eq!(rate_limit_label(&description), expected, "{description}");
    }
    assert_eq!(
        RateCategory::parse(
            rate_limit_label(&format!("**{link}:** `RESOURCE-INTENSIVE`")).unwrap()
        ),
        Some(RateCategory::ResourceIntensive)
    );
}
