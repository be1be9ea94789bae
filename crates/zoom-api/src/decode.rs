//! Zoom's answers as values or typed errors: JSON bodies, list pages and items, error bodies,
//! and transport failures saying what to check.

use reqwest::StatusCode;
use reqwest::header::{HeaderMap, LOCATION};
use serde::de::DeserializeOwned;
use url::Url;

use crate::config::ClientConfig;
use crate::error::{Error, RateLimitDetails, TransportKind, parse_missing_scopes};
use crate::wire::{ApiErrorBody, PageMeta, WithRaw};

/// How many characters of a non-JSON error body go into an error message.
const SNIPPET_CHARS: usize = 200;

/// The longest JSON path a decode error quotes.
const MAX_PATH_CHARS: usize = 120;

/// The body as JSON; a decode error names the JSON path where it failed.
pub(crate) fn parse_json(endpoint: &str, body: &[u8]) -> Result<serde_json::Value, Error> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Decode {
            endpoint: endpoint.to_owned(),
            path: ".".to_owned(),
            message: "empty body".to_owned(),
        });
    }
    let mut de = serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize::<_, serde_json::Value>(&mut de)
        .map_err(|e| (e.path().to_string(), e.into_inner()))
        .and_then(|v| de.end().map(|()| v).map_err(|e| (".".to_owned(), e)))
        .map_err(|(path, e)| {
            // A proxy or a login page answering instead of the API: say so plainly.
            let html = body
                .iter()
                .find(|byte| !byte.is_ascii_whitespace())
                .is_some_and(|byte| *byte == b'<');
            // A hostile body can nest deeper than any message should be long.
            let path = match path.char_indices().nth(MAX_PATH_CHARS) {
                Some((cut, _)) => format!("{}…", &path[..cut]),
                None => path,
            };
            Error::Decode {
                endpoint: endpoint.to_owned(),
                path,
                message: if html {
                    format!("expected JSON but got HTML or XML ({e})")
                } else {
                    e.to_string()
                },
            }
        })
}

/// The paging fields and the items array `field` of a list response.
pub(crate) fn split_page(
    endpoint: &str,
    body: serde_json::Value,
    field: &str,
) -> Result<(PageMeta, Vec<serde_json::Value>), Error> {
    let decode_error = |path: String, message: String| Error::Decode {
        endpoint: endpoint.to_owned(),
        path,
        message,
    };
    let serde_json::Value::Object(mut map) = body else {
        return Err(decode_error(
            ".".to_owned(),
            format!("expected a json object, got {}", kind(&body)),
        ));
    };
    let items = match map.remove(field) {
        None | Some(serde_json::Value::Null) => Vec::new(),
        Some(serde_json::Value::Array(items)) => items,
        Some(other) => {
            return Err(decode_error(
                field.to_owned(),
                format!("expected an array, got {}", kind(&other)),
            ));
        }
    };
    let meta = serde_path_to_error::deserialize::<_, PageMeta>(&serde_json::Value::Object(map))
        .map_err(|e| decode_error(e.path().to_string(), e.into_inner().to_string()))?;
    Ok((meta, items))
}

/// `raw` decoded into `T`; `path` is where `raw` sits in the body (`.` for the root).
pub(crate) fn decode_item<T: DeserializeOwned>(
    endpoint: &str,
    path: &str,
    raw: serde_json::Value,
) -> Result<WithRaw<T>, Error> {
    match serde_path_to_error::deserialize::<_, T>(&raw) {
        Ok(item) => Ok(WithRaw { item, raw }),
        Err(e) => {
            let inner = e.path().to_string();
            let full = match (path, inner.as_str()) {
                (p, ".") => p.to_owned(),
                (".", i) => i.to_owned(),
                (p, i) => format!("{p}.{i}"),
            };
            Err(Error::Decode {
                endpoint: endpoint.to_owned(),
                path: full,
                message: e.into_inner().to_string(),
            })
        }
    }
}

fn kind(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

/// A non-2xx API response as an [`Error`].
pub(crate) fn error_from_response(
    endpoint: &str,
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> Error {
    let parsed: Option<ApiErrorBody> = serde_json::from_slice(body).ok();
    let code = parsed.as_ref().and_then(|b| b.code);
    let zoom_message = parsed.as_ref().and_then(|b| b.message.clone());
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(|s| s.trim().to_owned())
    };

    if status == StatusCode::TOO_MANY_REQUESTS {
        return Error::RateLimited {
            endpoint: endpoint.to_owned(),
            category: header("x-ratelimit-category"),
            limit_type: header("x-ratelimit-type"),
            retry_after: header("retry-after"),
            details: Box::new(RateLimitDetails {
                limit: header("x-ratelimit-limit"),
                remaining: header("x-ratelimit-remaining"),
                reset: header("x-ratelimit-reset"),
                code,
                message: zoom_message,
            }),
        };
    }

    if let (Some(c), Some(m)) = (code, zoom_message.as_deref())
        && (c == 4711 || (c == 4700 && m.contains("does not contain")))
    {
        return Error::MissingScopes {
            endpoint: endpoint.to_owned(),
            status: status.as_u16(),
            code: c,
            scopes: parse_missing_scopes(m),
            message: m.to_owned(),
        };
    }

    let mut message = match zoom_message {
        Some(m) => m,
        None if status.is_redirection() => format!(
            "redirect to {} (redirects are not followed; check api_url)",
            header(LOCATION.as_str()).unwrap_or_else(|| "an unnamed location".to_owned())
        ),
        None => snippet(body)
            .unwrap_or_else(|| status.canonical_reason().unwrap_or_default().to_owned()),
    };
    if let Some(b) = &parsed {
        let details: Vec<String> = b
            .errors
            .iter()
            .map(|fe| {
                format!(
                    "{}: {}",
                    fe.field.as_deref().unwrap_or("?"),
                    fe.message
                        .as_deref()
                        .unwrap_or("invalid")
                        .trim_end_matches('.')
                )
            })
            .collect();
        if !details.is_empty() {
            message = format!("{} ({})", message.trim_end_matches('.'), details.join("; "));
        }
    }
    Error::Api {
        endpoint: endpoint.to_owned(),
        status: status.as_u16(),
        code,
        message,
    }
}

/// The start of a body that is not Zoom's error JSON, on one line.
fn snippet(body: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(body);
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.is_empty() {
        return None;
    }
    let mut s: String = one_line.chars().take(SNIPPET_CHARS).collect();
    if one_line.chars().count() > SNIPPET_CHARS {
        s.push_str("...");
    }
    Some(s)
}

/// A reqwest failure as [`Error::Transport`], saying what to check (`setting` is the config
/// field that names the server).
pub(crate) fn transport_error(
    endpoint: &str,
    url: &Url,
    setting: &str,
    config: &ClientConfig,
    e: reqwest::Error,
) -> Error {
    let origin = url.origin().ascii_serialization();
    let root = root_cause(&e);
    let check = if config.https_proxy.is_some() && url.scheme() == "https" {
        format!("{setting}, https_proxy and network")
    } else {
        format!("{setting} and network")
    };
    let (kind, message) = if e.is_connect() {
        let kind = if e.is_timeout() {
            TransportKind::Timeout
        } else {
            TransportKind::Connect
        };
        (
            kind,
            format!("could not connect to {origin}: {root}; check {check}"),
        )
    } else if e.is_timeout() {
        (
            TransportKind::Timeout,
            format!(
                "request to {origin} timed out after {:?}; check network or raise the timeout",
                config.timeout
            ),
        )
    } else {
        (
            TransportKind::Other,
            format!("request to {origin} failed: {root}"),
        )
    };
    Error::Transport {
        endpoint: endpoint.to_owned(),
        kind,
        message,
        source: e,
    }
}

/// The innermost cause's message (reqwest's own message is "error sending request for url").
pub(crate) fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cur = e;
    while let Some(next) = cur.source() {
        cur = next;
    }
    cur.to_string()
}
