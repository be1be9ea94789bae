//! zoom-sim's one integration-test binary.

mod common; // start a simulator, an HTTP client, tokens, GET helpers
mod conformance; // every response of every endpoint validated against Zoom's OpenAPI schemas
mod dashboards; // /metrics/meetings and participants: schemas, UUID encoding, windows, devices
mod devices; // /h323/devices and ZDM /devices (hand schema from NOTES.md §4.7)
mod endpoint_table; // the endpoint table's operations, scopes and labels against Zoom's OpenAPI files
mod faults; // the seeded fault plan seen from a real client: every kind, rates, reproducibility
mod generator; // the account generator: distributions, consistency, 100k users
mod inventory; // determinism across every new endpoint
mod oauth; // the token endpoint, token lifetime, revocation, scopes
mod portal; // the web portal over HTTP: sign-in, 2FA, reuse, lockout, sessions, its JSON
mod ratelimits; // per-second buckets, daily caps, 429 bodies and headers, what counts
mod reports; // /report/activities and /report/operationlogs
mod rooms; // Zoom Rooms, devices, locations, calendars, room accounts, plan gate
mod saas; // account settings, lock settings, plan usage, users summary, apps, roles; edits
mod schema; // the reusable OpenAPI -> JSON Schema conformance helper (and its self-test)
mod server; // request log, unknown routes, gate order, start/stop
mod settings; // every settings answer (account, options, locks, groups, users), domains; setters
mod users; // users/groups/roles behaviour: paging, filters, determinism, errors
