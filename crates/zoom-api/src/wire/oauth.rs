//! The bodies of Server-to-Server OAuth's token endpoint (`POST /oauth/token`): the token
//! and the error.

use serde::{Deserialize, Serialize};

use super::lenient;

/// Success body of `POST https://zoom.us/oauth/token` (`grant_type=account_credentials`).
///
/// `Debug` leaves out the access token.
#[derive(Clone, Deserialize, Serialize)]
pub struct TokenResponse {
    /// The bearer token.
    pub access_token: String,
    /// `bearer`.
    #[serde(default)]
    pub token_type: Option<String>,
    /// Lifetime in seconds (3600 in Zoom's docs).
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub expires_in: Option<u64>,
    /// Granted scopes, space separated.
    #[serde(default)]
    pub scope: Option<String>,
    /// The region serving the account (for information; the global `api.zoom.us` keeps working).
    #[serde(default)]
    pub api_url: Option<String>,
}

impl TokenResponse {
    /// The granted scopes, split on whitespace.
    pub fn scopes(&self) -> Vec<String> {
        self.scope
            .as_deref()
            .unwrap_or_default()
            .split_whitespace()
            .map(str::to_owned)
            .collect()
    }
}

impl std::fmt::Debug for TokenResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenResponse")
            .field("access_token", &"[REDACTED]")
            .field("token_type", &self.token_type)
            .field("expires_in", &self.expires_in)
            .field("scope", &self.scope)
            .field("api_url", &self.api_url)
            .finish()
    }
}

/// Error body of the token endpoint: `{"reason": "...", "error": "invalid_client"}`.
///
/// `code`/`message` are also read in case the endpoint answers in the API's error shape.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct TokenErrorBody {
    /// Human-readable reason, e.g. "Invalid client_id or client_secret".
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub reason: Option<String>,
    /// OAuth error, e.g. `invalid_client`, `invalid_request`.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub error: Option<String>,
    /// Zoom code, when the body uses the API's error shape.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub code: Option<i64>,
    /// Zoom message, when the body uses the API's error shape.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub message: Option<String>,
}
