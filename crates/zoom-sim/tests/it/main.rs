//! zoom-sim's one integration-test binary.

mod common; // start a simulator, an HTTP client, tokens, GET helpers
mod conformance; // every response of every endpoint validated against Zoom's OpenAPI schemas
mod generator; // the account generator: distributions, consistency, 100k users
mod oauth; // the token endpoint, token lifetime, revocation, scopes
mod schema; // the reusable OpenAPI -> JSON Schema conformance helper (and its self-test)
mod server; // request log, unknown routes, gate order, start/stop
mod users; // users/groups/roles behaviour: paging, filters, determinism, errors
