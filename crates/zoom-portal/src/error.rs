//! What can go wrong reading the portal. Every message names the cause and what to do, and none
//! contains the password, the TOTP secret, a 2FA code or a session cookie.

use std::path::PathBuf;

/// An error of signing in to or reading the portal.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PortalError {
    /// The portal refused the e-mail and password.
    #[error(
        "the portal refused the password for {username}: check saas.username and saas.password"
    )]
    WrongPassword {
        /// The sign-in name that was refused.
        username: String,
    },
    /// The portal refused the 2FA code computed from the TOTP secret.
    #[error(
        "the portal refused the two-factor code: check saas.mfa_secret (the secret key Zoom \
         showed when 2FA was set up for this user) and that this machine's clock is right"
    )]
    WrongCode,
    /// A bot check (reCAPTCHA) refused the automated sign-in.
    #[error(
        "the portal's bot check refused the sign-in (the portal said: {message}): sign in once \
         as the portal user in a browser on this machine, keep saas.session_file (its browser \
         profile makes this a known device), then run again"
    )]
    BotCheck {
        /// What the portal said.
        message: String,
    },
    /// The portal sent the sign-in to an identity provider.
    #[error(
        "the portal sent the sign-in of {username} to an identity provider ({host}): the portal \
         user must be allowed to sign in with a password (make it an SSO bypass user), and \
         saas.portal_url should be https://zoom.us rather than the account's vanity URL"
    )]
    IdentityProvider {
        /// The portal user.
        username: String,
        /// The host the browser was sent to.
        host: String,
    },
    /// A cookie banner stayed over the sign-in form after its button was clicked.
    #[error(
        "the portal's cookie banner stayed over the sign-in form after its accept button was \
         clicked: correct the entry `signin.cookie_banner` in a copy of the portal map and set \
         saas.portal_map to the copy"
    )]
    CookieBanner,
    /// The portal asked for a code it e-mailed, as for a sign-in from a new device.
    #[error(
        "the portal asked for a verification code it e-mailed to {username} (a sign-in from a \
         new device): turn on two-factor authentication with an authenticator app for this \
         user and set saas.mfa_secret, which Zoom asks instead, and keep saas.session_file so \
         the browser profile stays a known device"
    )]
    NewDevice {
        /// The portal user.
        username: String,
    },
    /// The portal has locked the user after too many failed sign-ins.
    #[error(
        "the portal has locked {username} after too many failed sign-ins: wait until the lockout \
         ends (the portal said: {message}), and check saas.password and saas.mfa_secret before \
         trying again"
    )]
    AccountLocked {
        /// The locked sign-in name.
        username: String,
        /// What the portal said.
        message: String,
    },
    /// The TOTP secret is not a base32 secret; found before any browser is started.
    #[error(
        "saas.mfa_secret is not a valid base32 TOTP secret ({reason}): use the secret key Zoom \
         shows under \"Can't scan the QR code?\" when 2FA is set up"
    )]
    InvalidMfaSecret {
        /// What is wrong with it (never the secret itself).
        reason: &'static str,
    },
    /// No chromedriver to start.
    #[error(
        "chromedriver not found ({looked_for}): install it with `apt-get install -y chromium \
         chromium-driver`, or set saas.webdriver_url to a running WebDriver server"
    )]
    ChromedriverNotFound {
        /// Where it was looked for.
        looked_for: String,
    },
    /// chromedriver started but did not become ready, or exited.
    #[error(
        "chromedriver {path} did not start: {message}; check that chromium and chromium-driver \
         are installed at the same version (`apt-get install -y chromium chromium-driver`)"
    )]
    ChromedriverStart {
        /// The binary.
        path: PathBuf,
        /// What happened.
        message: String,
    },
    /// A WebDriver command failed (browser start, navigation, typing, reading).
    #[error(
        "the browser failed while {action}: {message}; check saas.webdriver_url, or that \
         chromium and chromium-driver are installed at the same version"
    )]
    WebDriver {
        /// What was being done.
        action: String,
        /// The WebDriver error (secrets removed).
        message: String,
    },
    /// Something did not appear in time.
    #[error(
        "timed out after {seconds} s waiting for {waiting_for}: the portal is slow or \
         unreachable (check saas.portal_url), or its pages changed"
    )]
    Timeout {
        /// What was awaited.
        waiting_for: String,
        /// How long.
        seconds: u64,
    },
    /// A page no longer has what the portal map expects.
    #[error(
        "the portal's {page} page has changed: {what}; correct that entry in a copy of the \
         portal map and set saas.portal_map to the copy"
    )]
    PageChanged {
        /// The page.
        page: String,
        /// What is missing or unreadable.
        what: String,
    },
    /// A portal map file cannot be used.
    #[error(
        "{map} cannot be used: {problem}; correct it, or unset saas.portal_map for the built-in map"
    )]
    Map {
        /// Which map (`the portal map <path>`).
        map: String,
        /// What is wrong, naming the entry.
        problem: String,
    },
    /// A page showed an error instead of its data.
    #[error("the portal's {page} page showed an error: {message}; try again later")]
    PageFailed {
        /// The page.
        page: String,
        /// The page's alert.
        message: String,
    },
    /// The portal ended the session while it was being read, again after a new sign-in.
    #[error(
        "the portal ended the session while reading the {page} page, also right after signing \
         in again: check that nothing else signs this portal user out (another tool using the \
         same user, an administrator), then run again"
    )]
    SignedOut {
        /// The page that asked to sign in.
        page: String,
    },
    /// The browser profile beside the session file cannot be created or made owner-only.
    #[error(
        "cannot create the portal user's browser profile {path}: {source}; check the \
         directory's permissions, or set saas.session_file elsewhere (the profile is kept \
         beside it)"
    )]
    Profile {
        /// The profile directory.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The session file cannot be read or written.
    #[error(
        "cannot {action} the portal session file {path}: {source}; check the directory's \
         permissions, or delete the file (the next run signs in again)"
    )]
    SessionFile {
        /// `read` or `write`.
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
}

#[cfg(test)]
mod tests {
    use super::PortalError;

    /// Every variant: lowercase, no trailing period, names a fix (a setting, a command or
    /// what to do).
    #[test]
    fn messages_name_the_cause_and_the_fix() {
        let io = || std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        let errors = [
            PortalError::WrongPassword {
                username: "admin@example.com".to_owned(),
            },
            PortalError::WrongCode,
            PortalError::BotCheck {
                message: "An error with reCAPTCHA occured".to_owned(),
            },
            PortalError::IdentityProvider {
                username: "admin@example.com".to_owned(),
                host: "example.okta.com".to_owned(),
            },
            PortalError::NewDevice {
                username: "admin@example.com".to_owned(),
            },
            PortalError::CookieBanner,
            PortalError::AccountLocked {
                username: "admin@example.com".to_owned(),
                message: "Try again in 30 minutes.".to_owned(),
            },
            PortalError::InvalidMfaSecret {
                reason: "it is not base32",
            },
            PortalError::ChromedriverNotFound {
                looked_for: "chromedriver on PATH".to_owned(),
            },
            PortalError::ChromedriverStart {
                path: "/usr/bin/chromedriver".into(),
                message: "it exited at once".to_owned(),
            },
            PortalError::WebDriver {
                action: "starting the browser".to_owned(),
                message: "session not created".to_owned(),
            },
            PortalError::Timeout {
                waiting_for: "the billing page to fill".to_owned(),
                seconds: 30,
            },
            PortalError::PageChanged {
                page: "sso".to_owned(),
                what: "no `dd[data-field=\"issuer\"]`".to_owned(),
            },
            PortalError::Map {
                map: "the portal map portal-map.toml".to_owned(),
                problem: "entry `billing.amount` is missing".to_owned(),
            },
            PortalError::PageFailed {
                page: "roles".to_owned(),
                message: "Service unavailable".to_owned(),
            },
            PortalError::SignedOut {
                page: "users".to_owned(),
            },
            PortalError::Profile {
                path: "/var/lib/zi/portal-session.json.profile".into(),
                source: io(),
            },
            PortalError::SessionFile {
                action: "write",
                path: "/var/lib/zi/portal-session.json".into(),
                source: io(),
            },
        ];
        let fixes = [
            "saas.",
            "apt-get",
            "saas.portal_map",
            "try again",
            "run again",
            "delete the file",
        ];
        for error in errors {
            let message = error.to_string();
            assert!(message.starts_with(|c: char| c.is_lowercase()), "{message}");
            assert!(!message.ends_with('.'), "{message}");
            assert!(
                fixes.iter().any(|fix| message.contains(fix)),
                "no fix named: {message}"
            );
        }
    }
}
