//! The simulator's endpoint table (`zoom_sim::endpoint_facts`) against Zoom's OpenAPI documents
//! in `fixtures/openapi/`.
//!
//! For every row: the operation (method and path template) is in the spec file the row names;
//! its classic scopes are the operation's `x-macro-scopes`, its granular scopes its
//! `x-granular-scopes`, its label the "Rate Limit Label" of its description. Zoom's older
//! all-in-one document has no `x-extensions`: there the classic scopes are read from the
//! description's `**Scopes:**` line. What a spec does not state is listed in
//! [`NOT_IN_THE_SPEC`] with the source of the value used, and the test fails when the spec
//! starts stating it, so that the list stays honest. Each test gathers every disagreement
//! before failing.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use serde_json::Value;
use zoom_sim::{EndpointFacts, endpoint_facts};

/// A fact of a table row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fact {
    /// The operation itself: no spec file covers it, so none of its facts is in one.
    Operation,
    /// Granular scopes.
    GranularScopes,
}

/// Facts of the table that the row's spec file does not state, each with where it comes from.
const NOT_IN_THE_SPEC: &[(&str, Fact, &str)] = &[
    (
        "GET /devices",
        Fact::Operation,
        "NOTES.md §4.7 (classic scopes: Zoom's classic-scope reference; granular scope seen in a \
         third-party error, unconfirmed) and §3.3 (label: Zoom's rate-limit notes, unconfirmed)",
    ),
    (
        "GET /h323/devices",
        Fact::GranularScopes,
        "NOTES.md §4.5: Zoom's granular-scope reference (GRAN); the 2023 spec predates them",
    ),
    (
        "GET /report/activities",
        Fact::GranularScopes,
        "NOTES.md §4.9: Zoom's granular-scope reference (GRAN); the 2023 spec predates them",
    ),
    (
        "GET /report/operationlogs",
        Fact::GranularScopes,
        "NOTES.md §4.9: Zoom's granular-scope reference (GRAN); the 2023 spec predates them",
    ),
];

/// Classic scopes a row accepts beyond the operation's `x-macro-scopes`, with where they come
/// from.
const EXTRA_CLASSIC_SCOPES: &[(&str, &str, &str)] = &[(
    "GET /accounts/{accountId}/plans/usage",
    "account:read:admin",
    "the operation's description in zoom-billing-ma.json: \"To get a standard account's plan \
     usage, use the `account:read:admin` scope\" (its x-macro-scopes are the master account's)",
)];

/// Zoom's older all-in-one Meetings document. A row may rest on it only while no current
/// document in `fixtures/openapi/` covers the operation.
const SUPERSEDED: &str = "zoom-meeting-api-2023-07.json";

/// Every spec file of `fixtures/openapi/`, by file name, parsed once.
fn specs() -> &'static [(String, Value)] {
    static SPECS: OnceLock<Vec<(String, Value)>> = OnceLock::new();
    SPECS.get_or_init(|| {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/openapi");
        let mut specs: Vec<(String, Value)> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("read {dir}: {e}"))
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
            .map(|path| {
                let text = std::fs::read_to_string(&path)
                    .unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
                let spec = serde_json::from_str(&text)
                    .unwrap_or_else(|e| panic!("parse {}: {e}", path.display()));
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                (name, spec)
            })
            .collect();
        specs.sort_by(|a, b| a.0.cmp(&b.0));
        assert!(specs.len() >= 6, "spec files in {dir}");
        specs
    })
}

fn name(row: &EndpointFacts) -> String {
    format!("{} {}", row.method, row.path)
}

/// The operation of `row` in `spec`, if the spec has it.
fn operation<'a>(spec: &'a Value, row: &EndpointFacts) -> Option<&'a Value> {
    spec.get("paths")?
        .get(row.path)?
        .get(row.method.to_ascii_lowercase())
}

/// The spec files that have the operation of `row`.
fn files_with(row: &EndpointFacts) -> Vec<&'static str> {
    specs()
        .iter()
        .filter(|(_, spec)| operation(spec, row).is_some())
        .map(|(name, _)| name.as_str())
        .collect()
}

/// Whether `fact` of `row` is listed in [`NOT_IN_THE_SPEC`].
fn listed(row: &EndpointFacts, fact: Fact) -> bool {
    NOT_IN_THE_SPEC
        .iter()
        .any(|(n, f, _)| *n == name(row) && *f == fact)
}

/// The "Rate Limit Label" of an operation's description, as Zoom writes it in markdown:
/// `**[Rate Limit Label](https://…/rate-limits#rate-limits):** \`MEDIUM\``.
fn rate_limit_label(description: &str) -> Option<&str> {
    let (_, after) = description.split_once("[Rate Limit Label](")?;
    let (_, after) = after.split_once(')')?;
    let after = after.trim_start_matches([':', '*', ' ']);
    let (label, _) = after.strip_prefix('`')?.split_once('`')?;
    Some(label)
}

/// A label in one spelling: Zoom writes `MEDIUM`, `Medium`, `RESOURCE-INTENSIVE`.
fn normalized(label: &str) -> String {
    label.trim().to_ascii_lowercase().replace(['_', ' '], "-")
}

/// The classic scopes of the description's `**Scopes:** \`a\`, \`b\`<br>` line (the older
/// document's only statement of them).
fn described_scopes(description: &str) -> Option<BTreeSet<&str>> {
    let (_, after) = description.split_once("**Scopes:**")?;
    let line = after.split(['\n', '<']).next().unwrap_or_default();
    let scopes: BTreeSet<&str> = line.split('`').skip(1).step_by(2).collect();
    (!scopes.is_empty()).then_some(scopes)
}

/// A string array of the operation's `x-extensions`, if it states one.
fn extension<'a>(operation: &'a Value, key: &str) -> Option<BTreeSet<&'a str>> {
    let values = operation.get("x-extensions")?.get(key)?.as_array()?;
    Some(values.iter().filter_map(Value::as_str).collect())
}

fn fail_on(problems: &[String]) {
    assert!(
        problems.is_empty(),
        "the endpoint table disagrees with Zoom's documents:\n{}",
        problems.join("\n")
    );
}

#[test]
fn every_row_is_an_operation_of_its_spec_file() {
    let rows = endpoint_facts();
    assert!(rows.len() >= 20, "{} rows", rows.len());
    let mut problems = Vec::new();
    for row in &rows {
        let found_in = files_with(row);
        if listed(row, Fact::Operation) {
            if specs().iter().any(|(file, _)| *file == row.spec) {
                problems.push(format!(
                    "{}: listed as covered by no spec file, but the row names {}",
                    name(row),
                    row.spec
                ));
            }
            if !found_in.is_empty() {
                problems.push(format!(
                    "{}: {found_in:?} covers it now; name the spec file instead of {}",
                    name(row),
                    row.spec
                ));
            }
            continue;
        }
        if !found_in.contains(&row.spec) {
            problems.push(format!(
                "{}: not an operation of {} (found in {found_in:?}); a row without a spec \
                 file is listed in NOT_IN_THE_SPEC",
                name(row),
                row.spec
            ));
        }
        let current: Vec<_> = found_in.iter().filter(|f| **f != SUPERSEDED).collect();
        if row.spec == SUPERSEDED && !current.is_empty() {
            problems.push(format!(
                "{}: rests on the older {SUPERSEDED}, but {current:?} covers it now",
                name(row)
            ));
        }
    }
    fail_on(&problems);
}

#[test]
fn scopes_and_labels_are_the_specs() {
    let mut problems = Vec::new();
    for row in endpoint_facts() {
        let Some(op) = specs()
            .iter()
            .find(|(file, _)| *file == row.spec)
            .and_then(|(_, spec)| operation(spec, &row))
        else {
            continue; // reported by every_row_is_an_operation_of_its_spec_file, or listed
        };
        let endpoint = name(&row);
        let description = op["description"].as_str().unwrap_or_default();

        let extra: BTreeSet<&str> = EXTRA_CLASSIC_SCOPES
            .iter()
            .filter(|(n, ..)| *n == endpoint)
            .map(|(_, scope, _)| *scope)
            .collect();
        let classic: BTreeSet<&str> = row.classic_scopes.iter().copied().collect();
        match extension(op, "x-macro-scopes").or_else(|| described_scopes(description)) {
            Some(spec) => {
                let expected: BTreeSet<&str> = spec.union(&extra).copied().collect();
                if classic != expected {
                    problems.push(format!(
                        "{endpoint}: classic scopes {classic:?}, {} states {spec:?} (plus the \
                         listed {extra:?})",
                        row.spec
                    ));
                }
            }
            None => problems.push(format!("{endpoint}: {} states no classic scopes", row.spec)),
        }

        let granular: BTreeSet<&str> = row.granular_scopes.iter().copied().collect();
        match (
            extension(op, "x-granular-scopes"),
            listed(&row, Fact::GranularScopes),
        ) {
            (Some(spec), false) if spec != granular => problems.push(format!(
                "{endpoint}: granular scopes {granular:?}, {} states {spec:?}",
                row.spec
            )),
            (Some(_), false) => {}
            (Some(spec), true) => problems.push(format!(
                "{endpoint}: {} states granular scopes now ({spec:?}); compare them and drop \
                 the entry of NOT_IN_THE_SPEC",
                row.spec
            )),
            (None, true) => {}
            (None, false) => problems.push(format!(
                "{endpoint}: {} states no granular scopes; list the source of {granular:?} in \
                 NOT_IN_THE_SPEC",
                row.spec
            )),
        }

        match rate_limit_label(description) {
            Some(label) if normalized(label) == normalized(row.rate_label) => {}
            Some(label) => problems.push(format!(
                "{endpoint}: labelled {label} in {}, the simulator counts it as {}",
                row.spec, row.rate_label
            )),
            None => problems.push(format!("{endpoint}: {} states no label", row.spec)),
        }
    }
    fail_on(&problems);
}

#[test]
fn the_exceptions_name_rows_and_sources() {
    let rows = endpoint_facts();
    let mut problems = Vec::new();
    for (endpoint, fact, source) in NOT_IN_THE_SPEC {
        assert!(
            !source.is_empty(),
            "{endpoint}: say where its {fact:?} comes from"
        );
        match rows.iter().find(|row| name(row) == *endpoint) {
            None => problems.push(format!("{endpoint}: listed, but not in the table")),
            Some(row) if *fact == Fact::Operation && !files_with(row).is_empty() => {
                problems.push(format!(
                    "{endpoint}: {:?} covers it now; compare its facts and drop it from \
                     NOT_IN_THE_SPEC",
                    files_with(row)
                ));
            }
            Some(_) => {}
        }
    }
    for (endpoint, scope, source) in EXTRA_CLASSIC_SCOPES {
        assert!(
            !source.is_empty(),
            "{endpoint}: say where {scope} comes from"
        );
        let Some(row) = rows.iter().find(|row| name(row) == *endpoint) else {
            problems.push(format!("{endpoint}: listed, but not in the table"));
            continue;
        };
        if !row.classic_scopes.contains(scope) {
            problems.push(format!(
                "{endpoint}: listed with {scope}, which it does not accept"
            ));
        }
        let stated = specs()
            .iter()
            .find(|(file, _)| *file == row.spec)
            .and_then(|(_, spec)| operation(spec, row))
            .and_then(|op| extension(op, "x-macro-scopes"))
            .is_some_and(|scopes| scopes.contains(scope));
        if stated {
            problems.push(format!(
                "{endpoint}: {} states {scope} now; drop it from EXTRA_CLASSIC_SCOPES",
                row.spec
            ));
        }
    }
    fail_on(&problems);
}

#[test]
fn descriptions_are_read_as_zoom_writes_them() {
    let link = "[Rate Limit Label](https://marketplace.zoom.us/docs/api-reference/rate-limits#rate-limits)";
    assert_eq!(
        rate_limit_label(&format!("Lists.\n\n**{link}:** `MEDIUM`")),
        Some("MEDIUM")
    );
    assert_eq!(
        rate_limit_label(&format!("> **{link}:** `Resource-intensive`<br>")),
        Some("Resource-intensive")
    );
    assert_eq!(rate_limit_label("**Scopes:** `user:read`"), None);
    assert_eq!(
        normalized("RESOURCE-INTENSIVE"),
        normalized("Resource-intensive")
    );
    assert_eq!(
        described_scopes("Lists.<br><br>\n**Scopes:** `h323:read:admin`<br>\n\n **[Rate"),
        Some(BTreeSet::from(["h323:read:admin"]))
    );
    assert_eq!(
        described_scopes("**Scopes:** `a:read`, `b:read` <br> more `c`"),
        Some(BTreeSet::from(["a:read", "b:read"]))
    );
    assert_eq!(described_scopes("**Scope:** account:read:admin"), None);
}
