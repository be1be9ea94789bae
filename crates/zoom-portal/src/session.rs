//! The session file: the portal's cookies after a sign-in, so that the next run within the
//! session's life skips the sign-in.
//!
//! JSON with the portal URL, the username, the cookies, when it was saved and when the session
//! cookie expires; **never** the password or the TOTP secret. Written with mode 0600 to a
//! temporary file beside it, then renamed over it, so a reader sees the old or the new file
//! whole. A file for another portal or user, an expired one, or one that cannot be parsed is
//! ignored (a full sign-in follows and rewrites it).

use std::fs;
use std::io::Write as _;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::PortalError;

/// The format's version; another version is ignored.
const VERSION: u32 = 1;

/// A stored session.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct StoredSession {
    pub(crate) version: u32,
    pub(crate) portal_url: String,
    pub(crate) username: String,
    /// RFC 3339.
    pub(crate) saved_at: String,
    /// RFC 3339: the session cookie's expiry.
    pub(crate) expires_at: String,
    pub(crate) cookies: Vec<StoredCookie>,
}

impl std::fmt::Debug for StoredSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoredSession")
            .field("portal_url", &self.portal_url)
            .field("username", &self.username)
            .field("expires_at", &self.expires_at)
            .field("cookies", &self.cookies.len())
            .finish_non_exhaustive()
    }
}

/// One cookie.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct StoredCookie {
    pub(crate) name: String,
    pub(crate) value: String,
    pub(crate) path: Option<String>,
    /// The cookie's domain as the browser reported it.
    #[serde(default)]
    pub(crate) domain: Option<String>,
    pub(crate) secure: bool,
    pub(crate) http_only: bool,
    /// `Strict`, `Lax` or `None`.
    #[serde(default)]
    pub(crate) same_site: Option<String>,
}

impl StoredSession {
    pub(crate) fn new(
        portal_url: &str,
        username: &str,
        now: jiff::Timestamp,
        expires_at: jiff::Timestamp,
        cookies: Vec<StoredCookie>,
    ) -> StoredSession {
        StoredSession {
            version: VERSION,
            portal_url: portal_url.to_owned(),
            username: username.to_owned(),
            saved_at: now.to_string(),
            expires_at: expires_at.to_string(),
            cookies,
        }
    }

    /// Whether this session is for `portal_url` and `username` and has not expired at `now`.
    pub(crate) fn usable(&self, portal_url: &str, username: &str, now: jiff::Timestamp) -> bool {
        self.version == VERSION
            && self.portal_url == portal_url
            && self.username.eq_ignore_ascii_case(username)
            && !self.cookies.is_empty()
            && self
                .expires_at
                .parse::<jiff::Timestamp>()
                .is_ok_and(|expires| expires > now)
    }
}

/// Reads the session file; `None` when it does not exist or cannot be parsed.
///
/// # Errors
/// [`PortalError::SessionFile`] when it exists but cannot be read.
pub(crate) fn load(path: &Path) -> Result<Option<StoredSession>, PortalError> {
    let text = match fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(PortalError::SessionFile {
                action: "read",
                path: path.to_owned(),
                source,
            });
        }
    };
    match serde_json::from_str(&text) {
        Ok(session) => Ok(Some(session)),
        Err(error) => {
            tracing::warn!(path = %path.display(), %error, "ignoring an unreadable portal session file");
            Ok(None)
        }
    }
}

/// Writes the session file with mode 0600, atomically.
///
/// # Errors
/// The browser profile kept for the portal user beside `session_file` (`<file>.profile`), so
/// that the portal sees the same device every run. Created owner-only (mode 0700), and made so
/// again if it exists; it holds what Chromium keeps (cookies, cache), never the password or
/// the TOTP secret, which Chromium is told not to save.
///
/// # Errors
/// [`PortalError::Profile`] when the directory cannot be created or restricted.
pub(crate) fn profile_dir(session_file: &Path) -> Result<std::path::PathBuf, PortalError> {
    let mut name = session_file.as_os_str().to_owned();
    name.push(".profile");
    let dir = std::path::PathBuf::from(name);
    let error = |source| PortalError::Profile {
        path: dir.clone(),
        source,
    };
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(&dir).map_err(error)?;
    #[cfg(unix)]
    fs::set_permissions(&dir, std::os::unix::fs::PermissionsExt::from_mode(0o700))
        .map_err(error)?;
    Ok(dir)
}

/// [`PortalError::SessionFile`] when the directory or file cannot be written.
pub(crate) fn save(path: &Path, session: &StoredSession) -> Result<(), PortalError> {
    let error = |source| PortalError::SessionFile {
        action: "write",
        path: path.to_owned(),
        source,
    };
    let json = serde_json::to_vec_pretty(session).map_err(|e| error(std::io::Error::other(e)))?;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(error)?;
    let file_name = path.file_name().map_or_else(
        || "session".into(),
        |name| name.to_string_lossy().into_owned(),
    );
    let temporary = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let written = (|| {
        let mut options = fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&temporary)?;
        // A leftover temporary file keeps its old mode: set it again.
        #[cfg(unix)]
        file.set_permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600))?;
        file.write_all(&json)?;
        file.sync_all()?;
        fs::rename(&temporary, path)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    written.map_err(error)
}

#[cfg(test)]
mod tests {
    use super::{StoredCookie, StoredSession, load, save};

    fn session(expires: &str) -> StoredSession {
        StoredSession::new(
            "http://127.0.0.1:1/",
            "admin@example.com",
            "2026-01-01T00:00:00Z".parse().unwrap(),
            expires.parse().unwrap(),
            vec![StoredCookie {
                name: "_zm_ssid".to_owned(),
                value: "abc".to_owned(),
                path: Some("/".to_owned()),
                domain: Some("127.0.0.1".to_owned()),
                secure: false,
                http_only: true,
                same_site: Some("Lax".to_owned()),
            }],
        )
    }

    #[test]
    fn round_trips_with_mode_0600() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("portal-session.json");
        let stored = session("2026-01-01T02:00:00Z");
        save(&path, &stored).unwrap();
        assert_eq!(load(&path).unwrap(), Some(stored.clone()));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        // Overwriting keeps the mode and leaves no temporary file behind.
        save(&path, &stored).unwrap();
        let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("portal-session.json")]);
    }

    #[test]
    fn only_a_matching_unexpired_session_is_usable() {
        let stored = session("2026-01-01T02:00:00Z");
        let before = "2026-01-01T01:59:59Z".parse().unwrap();
        let after = "2026-01-01T02:00:00Z".parse().unwrap();
        assert!(stored.usable("http://127.0.0.1:1/", "ADMIN@example.com", before));
        assert!(!stored.usable("http://127.0.0.1:1/", "admin@example.com", after));
        assert!(!stored.usable("http://127.0.0.1:2/", "admin@example.com", before));
        assert!(!stored.usable("http://127.0.0.1:1/", "other@example.com", before));
    }

    #[test]
    fn a_missing_or_garbled_file_is_no_session() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("portal-session.json");
        assert_eq!(load(&path).unwrap(), None);
        std::fs::write(&path, "{ not json").unwrap();
        assert_eq!(load(&path).unwrap(), None);
    }
}
