//! The HTTP half: the server, the gate every `/v2` request passes, the routes.

pub(crate) mod error;
pub(crate) mod oauth;
pub(crate) mod paging;
pub(crate) mod routes;
pub(crate) mod server;
