//! The 2FA code: RFC 6238 TOTP (HMAC-SHA-1, 30 s steps, 6 digits, what Google Authenticator and
//! Zoom use) from the base32 secret Zoom shows when 2FA is set up.
//!
//! The secret is normalized (spaces, dashes and `=` padding removed, upper-cased: Zoom and
//! authenticator apps show it in groups) and parsed before any browser starts. Secrets shorter
//! than RFC 4226's 128 bits are accepted down to 80 bits (16 base32 characters, common in
//! practice). Zoom accepts a code once per step, so a sign-in never uses the step of the
//! previous sign-in of this process, and never a step with less than [`MIN_REMAINING`] left
//! (the code must reach the portal before it expires).

use std::collections::HashMap;
use std::fmt;
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use secrecy::{ExposeSecret as _, SecretString};

use crate::PortalError;

/// The step length (RFC 6238's default, and Zoom's).
const STEP_MS: u64 = 30_000;
/// A code with less than this left in its step is not used: the next one is awaited.
pub(crate) const MIN_REMAINING: Duration = Duration::from_secs(3);

/// A parsed TOTP generator. Its `Debug` shows nothing of the secret.
pub(crate) struct Totp(totp_rs::Totp);

impl fmt::Debug for Totp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Totp([redacted])")
    }
}

/// Strips what people paste along with a secret: whitespace, dashes, `=` padding; upper-cases.
fn normalize(secret: &str) -> String {
    secret
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '=')
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Parses the secret.
///
/// # Errors
/// [`PortalError::InvalidMfaSecret`] when it is empty, not base32, or shorter than 80 bits.
pub(crate) fn parse(secret: &SecretString) -> Result<Totp, PortalError> {
    let normalized = SecretString::from(normalize(secret.expose_secret()));
    let text = normalized.expose_secret();
    if text.is_empty() {
        return Err(PortalError::InvalidMfaSecret {
            reason: "it is empty",
        });
    }
    if !text
        .chars()
        .all(|c| c.is_ascii_uppercase() || ('2'..='7').contains(&c))
    {
        return Err(PortalError::InvalidMfaSecret {
            reason: "it is not base32: only the letters A to Z and the digits 2 to 7 may appear",
        });
    }
    let bytes =
        totp_rs::Secret::try_from_base32(text).map_err(|_| PortalError::InvalidMfaSecret {
            reason: "it is not base32",
        })?;
    if bytes.as_ref().len() < 10 {
        return Err(PortalError::InvalidMfaSecret {
            reason: "it is shorter than 80 bits (16 characters)",
        });
    }
    let builder = totp_rs::Builder::new()
        .with_secret(bytes)
        .with_digits(6)
        .with_step_duration(STEP_MS / 1000)
        .with_skew(1);
    // `build` insists on 128 bits; 80-bit secrets are common, so fall back.
    let totp = builder
        .clone()
        .build()
        .unwrap_or_else(|_| builder.build_noncompliant());
    Ok(Totp(totp))
}

impl Totp {
    /// The code of the step containing `unix_ms`.
    pub(crate) fn code_at(&self, unix_ms: u64) -> String {
        self.0.generate(unix_ms / 1000).to_string()
    }
}

/// Milliseconds since the Unix epoch, by this machine's clock (the portal checks codes against
/// real time).
fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// The step to use at `now_ms`: the current one, or the next when fewer than `MIN_REMAINING`
/// remain or `used` is the current one or later. Returns the step and how long to wait for it.
pub(crate) fn plan(now_ms: u64, used: Option<u64>) -> (u64, Duration) {
    let step = now_ms / STEP_MS;
    let remaining = (step + 1) * STEP_MS - now_ms;
    let min_remaining = u64::try_from(MIN_REMAINING.as_millis()).unwrap_or(u64::MAX);
    let mut target = step;
    if remaining < min_remaining {
        target += 1;
    }
    if let Some(used) = used
        && used >= target
    {
        target = used + 1;
    }
    // Start a little into the step, so that a clock a hair behind the portal's agrees.
    let wait = if target == step {
        0
    } else {
        target * STEP_MS - now_ms + 200
    };
    (target, Duration::from_millis(wait))
}

/// Steps used by this process's sign-ins, by portal and user.
static USED: Mutex<Option<HashMap<String, u64>>> = Mutex::new(None);

fn used_key(portal: &str, username: &str) -> String {
    format!("{portal}\n{}", username.to_lowercase())
}

/// The step of the last accepted (or refused as reused) code for this portal user.
pub(crate) fn last_used(portal: &str, username: &str) -> Option<u64> {
    USED.lock()
        .ok()?
        .as_ref()?
        .get(&used_key(portal, username))
        .copied()
}

/// Remembers that `step` cannot be used again for this portal user.
pub(crate) fn mark_used(portal: &str, username: &str, step: u64) {
    if let Ok(mut used) = USED.lock() {
        let map = used.get_or_insert_with(HashMap::new);
        let entry = map.entry(used_key(portal, username)).or_insert(step);
        *entry = (*entry).max(step);
    }
}

/// Waits as [`plan`] says, then returns the code and its step.
pub(crate) async fn next_code(totp: &Totp, used: Option<u64>) -> (String, u64) {
    let (step, wait) = plan(now_ms(), used);
    if !wait.is_zero() {
        tracing::debug!(wait_ms = wait.as_millis(), "waiting for the next TOTP step");
        tokio::time::sleep(wait).await;
    }
    (totp.code_at(step * STEP_MS), step)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use secrecy::SecretString;

    use super::{parse, plan};
    use crate::PortalError;

    /// RFC 6238 appendix B, SHA-1, "12345678901234567890" (truncated to 6 digits).
    const RFC_SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    fn secret(s: &str) -> SecretString {
        SecretString::from(s.to_owned())
    }

    #[test]
    fn codes_are_rfc_6238() {
        let totp = parse(&secret(RFC_SECRET)).unwrap();
        assert_eq!(totp.code_at(59_000), "287082");
        assert_eq!(totp.code_at(1_111_111_109_000), "081804");
        assert_eq!(totp.code_at(1_234_567_890_000), "005924");
        assert_eq!(totp.code_at(20_000_000_000_000), "353130");
    }

    #[test]
    fn secrets_are_normalized() {
        let grouped = "gezd gnbv-gy3t qojq gezd gnbv gy3t qojq==";
        let totp = parse(&secret(grouped)).unwrap();
        assert_eq!(totp.code_at(59_000), "287082");
    }

    #[test]
    fn eighty_bit_secrets_are_accepted() {
        // 16 characters = 10 bytes, below RFC 4226's 128 bits.
        let totp = parse(&secret("JBSWY3DPEHPK3PXP")).unwrap();
        assert_eq!(totp.code_at(0).len(), 6);
    }

    #[test]
    fn malformed_secrets_are_refused_without_echoing_them() {
        for bad in [
            "not-base32-1890!",
            "",
            "  -- ",
            "ABCDEFGH",
            "JBSWY3DPEHPK3PX1",
        ] {
            let error = parse(&secret(bad)).unwrap_err();
            assert!(
                matches!(error, PortalError::InvalidMfaSecret { .. }),
                "{bad:?}: {error:?}"
            );
            let message = error.to_string();
            assert!(message.contains("saas.mfa_secret"), "{message}");
            if !bad.trim().is_empty() {
                assert!(!message.contains(bad), "{message}");
            }
        }
        let error = parse(&secret("JBSWY3DPEHPK3PX1")).unwrap_err();
        assert!(error.to_string().contains("not base32"), "{error}");
    }

    #[test]
    fn steps_with_little_time_left_or_already_used_are_skipped() {
        // 10 s into step 100: use it at once.
        assert_eq!(plan(3_010_000, None), (100, Duration::ZERO));
        // 2 s left: wait for step 101 (plus 200 ms).
        assert_eq!(plan(3_028_000, None), (101, Duration::from_millis(2_200)));
        // Step 100 already used: wait for 101.
        assert_eq!(
            plan(3_010_000, Some(100)),
            (101, Duration::from_millis(20_200))
        );
        // An older step used: no wait.
        assert_eq!(plan(3_010_000, Some(99)), (100, Duration::ZERO));
    }
}
