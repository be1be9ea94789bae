//! The HTTP half: what serves the generated account to clients, as Zoom would.
//!
//! Every request goes through `server.rs` (the request log), every `/v2` request through
//! `gate.rs` (token, scope, plan, then the controls' rate limits and faults) before the handler
//! its row of the endpoint table names (`routes/`).

/// Zoom's REST error bodies.
pub(crate) mod error;
/// The single gate every `/v2` request passes, and the responses of the controls' decisions.
pub(crate) mod gate;
/// The Server-to-Server OAuth token endpoint and the issued tokens.
pub(crate) mod oauth;
/// `next_page_token`s: issued, checked, expired.
pub(crate) mod paging;
/// The endpoint table and the handlers.
pub(crate) mod routes;
/// Shared state, the router and the request log.
pub(crate) mod server;
