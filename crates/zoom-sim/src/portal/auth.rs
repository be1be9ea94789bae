//! Sign-in (e-mail and password), the 2FA step (TOTP code), sessions, lockout, sign-out.

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::Form;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::{CSRF_COOKIE, MFA_COOKIE, SESSION_COOKIE, cookie, escape, token};
use crate::PortalRefusal;
use crate::http::server::AppState;

/// How long a sign-in may wait for its 2FA code.
const PENDING_TTL: Duration = Duration::from_secs(5 * 60);

/// Why a form is shown again; `data-error` on the alert.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refusal {
    Credentials,
    Locked,
    Csrf,
    Code,
    Reused,
    Captcha,
}

impl Refusal {
    fn reason(self) -> &'static str {
        match self {
            Refusal::Credentials => "credentials",
            Refusal::Locked => "locked",
            Refusal::Csrf => "csrf",
            Refusal::Code => "code",
            Refusal::Reused => "reused",
            Refusal::Captcha => "captcha",
        }
    }

    fn message(self, lockout: Duration) -> String {
        match self {
            Refusal::Credentials => "Incorrect email or password.".to_owned(),
            Refusal::Locked => format!(
                "Your account has been locked because of too many failed sign-in attempts. \
                 Try again in {} minutes.",
                lockout.as_secs().div_ceil(60)
            ),
            Refusal::Csrf => {
                "Your sign-in page has expired. Refresh the page and try again.".to_owned()
            }
            Refusal::Code => "Invalid verification code. Please try again.".to_owned(),
            Refusal::Reused => {
                "This verification code has already been used. Wait for a new code.".to_owned()
            }
            // Zoom's wording, misspelling included (a toast with free text: portal-evidence.md,
            // "Sign-in", file ids 66432402891, 24587909215).
            Refusal::Captcha => "An error with reCAPTCHA occured".to_owned(),
        }
    }

    fn status(self) -> StatusCode {
        match self {
            Refusal::Credentials | Refusal::Code => StatusCode::UNAUTHORIZED,
            Refusal::Locked => StatusCode::LOCKED,
            Refusal::Csrf => StatusCode::FORBIDDEN,
            Refusal::Reused => StatusCode::CONFLICT,
            Refusal::Captcha => StatusCode::FORBIDDEN,
        }
    }
}

fn document(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{title} - Zoom</title>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )
}

fn alert(id: &str, refusal: Option<(Refusal, Duration)>) -> String {
    refusal.map_or_else(String::new, |(refusal, lockout)| {
        format!(
            "<div id=\"{id}\" class=\"zm-alert zm-alert--error\" role=\"alert\" \
             data-error=\"{}\">{}</div>\n",
            refusal.reason(),
            escape(&refusal.message(lockout))
        )
    })
}

fn signin_html(csrf: &str, email: &str, refusal: Option<(Refusal, Duration)>) -> String {
    document(
        "Sign In",
        &format!(
            "<main id=\"signin\">\n<h1>Sign In</h1>\n{}\
             <form id=\"signin-form\" method=\"post\" action=\"/signin\">\n\
             <input type=\"hidden\" name=\"csrf_token\" value=\"{}\">\n\
             <label for=\"email\">Email Address</label>\n\
             <input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"username\" value=\"{}\">\n\
             <label for=\"password\">Password</label>\n\
             <input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\">\n\
             <button id=\"signin-button\" type=\"submit\">Sign In</button>\n\
             </form>\n</main>",
            alert("signin-error", refusal),
            escape(csrf),
            escape(email),
        ),
    )
}

/// The page asking for a code e-mailed on a sign-in from a new device (KB0063738). Assumed:
/// no public source shows this page; its heading is a guess and its input is Zoom's UI-library
/// pin-code component (`.zm-pin-code__input`, file id 66380471456, unverified).
fn new_device_html(email: &str) -> String {
    document(
        "Verify Your Identity",
        &format!(
            "<main id=\"new-device\">\n<h1>Verify Your Identity</h1>\n\
             <p>We sent a verification code to {}. Enter it to continue.</p>\n\
             <div class=\"zm-pin-code\"><input class=\"zm-pin-code__input\" inputmode=\"numeric\" \
             maxlength=\"6\"></div>\n</main>",
            escape(email)
        ),
    )
}

/// `GET /idp/saml/sso`: an identity provider's sign-in page (on another host): on an SSO
/// account, Sign in goes to the identity provider (KB0061708). Its path and markup are assumed
/// (any identity provider's page; the scraper only notices that the host changed).
pub(crate) async fn identity_provider() -> Response {
    html(
        StatusCode::OK,
        document(
            "Identity Provider",
            "<main id=\"idp\"><h1>Sign in with your organization</h1></main>",
        ),
        &[],
    )
}

fn otp_html(refusal: Option<(Refusal, Duration)>) -> String {
    document(
        "Two-Factor Authentication",
        &format!(
            "<main id=\"otp\">\n<h1>Two-Factor Authentication</h1>\n\
             <p>Enter the 6-digit code from your authentication app.</p>\n{}\
             <form id=\"otp-form\" method=\"post\" action=\"/signin/otp\">\n\
             <input id=\"otp-code\" name=\"code\" inputmode=\"numeric\" maxlength=\"6\" \
             autocomplete=\"one-time-code\">\n\
             <button id=\"otp-submit\" type=\"submit\">Verify</button>\n\
             </form>\n</main>",
            alert("otp-error", refusal),
        ),
    )
}

fn html(status: StatusCode, body: String, cookies: &[String]) -> Response {
    let mut response = (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body,
    )
        .into_response();
    add_cookies(&mut response, cookies);
    response
}

/// `303 See Other` (after a form) or `302 Found` to `location`.
pub(crate) fn redirect(status: StatusCode, location: &str, cookies: &[String]) -> Response {
    let mut response = (status, [(header::LOCATION, location.to_owned())]).into_response();
    add_cookies(&mut response, cookies);
    response
}

fn add_cookies(response: &mut Response, cookies: &[String]) {
    for cookie in cookies {
        if let Ok(value) = HeaderValue::from_str(cookie) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
}

fn set_cookie(name: &str, value: &str, max_age: Duration) -> String {
    format!(
        "{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}",
        max_age.as_secs()
    )
}

fn clear_cookie(name: &str) -> String {
    format!("{name}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0")
}

/// `GET /signin`: the form, with a fresh CSRF token (cookie and hidden field must match).
pub(crate) async fn signin_page(State(state): State<Arc<AppState>>) -> Response {
    let csrf = token();
    let mut page = signin_html(&csrf, "", None);
    if state.config.portal_refusal == Some(PortalRefusal::CookieBanner) {
        // OneTrust's ids (`#onetrust-accept-btn-handler`: portal-evidence.md, "Sign-in");
        // this banner's Accept button does nothing, to model a banner that cannot be dismissed.
        page = page.replace(
            "<main id=\"signin\">",
            "<div id=\"onetrust-banner-sdk\" role=\"dialog\"><p>We use cookies.</p>\
             <button id=\"onetrust-accept-btn-handler\" type=\"button\">Accept Cookies</button>\
             </div>\n<main id=\"signin\">",
        );
    }
    html(
        StatusCode::OK,
        page,
        &[set_cookie(CSRF_COOKIE, &csrf, Duration::from_secs(3600))],
    )
}

#[derive(Debug, Deserialize)]
pub(crate) struct SigninForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

/// `POST /signin`: checks the password; on success the browser goes on to the 2FA page.
pub(crate) async fn signin(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Form(form): Form<SigninForm>,
) -> Response {
    let lockout = state.config.portal_lockout;
    let refuse = |refusal: Refusal, csrf: &str| {
        html(
            refusal.status(),
            signin_html(csrf, &form.email, Some((refusal, lockout))),
            &[],
        )
    };
    let csrf = cookie(&headers, CSRF_COOKIE).unwrap_or_default();
    if csrf.is_empty() || csrf != form.csrf_token {
        let csrf = token();
        let mut response = refuse(Refusal::Csrf, &csrf);
        add_cookies(
            &mut response,
            &[set_cookie(CSRF_COOKIE, &csrf, Duration::from_secs(3600))],
        );
        return response;
    }
    let email = form.email.trim().to_lowercase();
    if is_locked(&state, &email) {
        return refuse(Refusal::Locked, &csrf);
    }
    let account = state.account();
    let user = &account.saas.portal_user;
    if user.email.to_lowercase() != email || user.password != form.password {
        return refuse(fail(&state, &email), &csrf);
    }
    match state.config.portal_refusal {
        Some(PortalRefusal::Captcha) => return refuse(Refusal::Captcha, &csrf),
        Some(PortalRefusal::IdentityProvider) => {
            // Another host of the same server: 127.0.0.1 and localhost.
            let host = headers
                .get(header::HOST)
                .and_then(|h| h.to_str().ok())
                .unwrap_or("127.0.0.1");
            let idp = host.replacen("127.0.0.1", "localhost", 1);
            return redirect(
                StatusCode::FOUND,
                &format!("http://{idp}/idp/saml/sso"),
                &[],
            );
        }
        Some(PortalRefusal::NewDevice) => {
            return html(StatusCode::OK, new_device_html(&email), &[]);
        }
        // The banner is on the form's page; a form sent anyway is signed in as usual.
        Some(PortalRefusal::CookieBanner) | None => {}
    }
    if user.mfa_secret.is_empty() {
        // A user without 2FA is signed in by the password alone.
        return open_session(&state, user.user_id.clone(), &email);
    }
    let pending = token();
    state.portal.lock().pending.insert(
        pending.clone(),
        (user.user_id.clone(), email, state.clock.now() + PENDING_TTL),
    );
    redirect(
        StatusCode::SEE_OTHER,
        "/signin/otp",
        &[set_cookie(MFA_COOKIE, &pending, PENDING_TTL)],
    )
}

/// Whether `email` is locked out now (a lockout that has passed is lifted).
fn is_locked(state: &AppState, email: &str) -> bool {
    let now = state.clock.now();
    let mut inner = state.portal.lock();
    match inner.failures.get(email) {
        Some((_, Some(until))) if *until > now => true,
        Some((_, Some(_))) => {
            inner.failures.remove(email);
            false
        }
        _ => false,
    }
}

/// Counts a failure for `email`; the one that reaches the limit locks it.
fn fail(state: &AppState, email: &str) -> Refusal {
    let config = &state.config;
    let now = state.clock.now();
    let mut inner = state.portal.lock();
    let entry = inner.failures.entry(email.to_owned()).or_insert((0, None));
    entry.0 += 1;
    if entry.0 >= config.portal_max_failures {
        *entry = (0, Some(now + config.portal_lockout));
        Refusal::Locked
    } else {
        Refusal::Credentials
    }
}

/// The pending 2FA sign-in of the request: (token, user ID, e-mail).
fn pending(state: &AppState, headers: &HeaderMap) -> Option<(String, String, String)> {
    let token = cookie(headers, MFA_COOKIE)?;
    let now = state.clock.now();
    let inner = state.portal.lock();
    let (user_id, email, expires) = inner.pending.get(&token)?;
    (*expires > now).then(|| (token.clone(), user_id.clone(), email.clone()))
}

/// `GET /signin/otp`: the 2FA form, for a sign-in whose password was accepted.
pub(crate) async fn otp_page(State(state): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    if pending(&state, &headers).is_none() {
        return redirect(StatusCode::FOUND, "/signin", &[]);
    }
    html(StatusCode::OK, otp_html(None), &[])
}

#[derive(Debug, Deserialize)]
pub(crate) struct OtpForm {
    #[serde(default)]
    code: String,
}

/// `POST /signin/otp`: checks the code; on success sets the session cookie and opens the profile.
pub(crate) async fn otp(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Form(form): Form<OtpForm>,
) -> Response {
    let lockout = state.config.portal_lockout;
    let Some((pending_token, user_id, email)) = pending(&state, &headers) else {
        return redirect(StatusCode::SEE_OTHER, "/signin", &[]);
    };
    let refuse = |refusal: Refusal| html(refusal.status(), otp_html(Some((refusal, lockout))), &[]);
    if is_locked(&state, &email) {
        return refuse(Refusal::Locked);
    }
    let account = state.account();
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let Some(step) = verify(&account.saas.portal_user.mfa_secret, form.code.trim(), now) else {
        let refusal = match fail(&state, &email) {
            Refusal::Locked => Refusal::Locked,
            _ => Refusal::Code,
        };
        return refuse(refusal);
    };
    {
        let mut inner = state.portal.lock();
        if !inner.used_steps.insert((user_id.clone(), step)) {
            drop(inner);
            return refuse(Refusal::Reused);
        }
        inner.pending.remove(&pending_token);
    }
    open_session(&state, user_id, &email)
}

/// Completes a sign-in: a new session, the failures forgotten, the profile page next.
fn open_session(state: &AppState, user_id: String, email: &str) -> Response {
    let session = token();
    {
        let mut inner = state.portal.lock();
        inner.failures.remove(email);
        inner.sign_ins += 1;
        inner.sessions.insert(
            session.clone(),
            (user_id, state.clock.now() + state.config.portal_session_ttl),
        );
    }
    redirect(
        StatusCode::SEE_OTHER,
        "/profile",
        &[
            set_cookie(SESSION_COOKIE, &session, state.config.portal_session_ttl),
            clear_cookie(MFA_COOKIE),
        ],
    )
}

/// The TOTP step `code` matches at `now` (Unix seconds), one step of skew each way (RFC 6238
/// §5.2: 30 s steps, SHA-1, 6 digits).
fn verify(secret: &str, code: &str, now: u64) -> Option<u64> {
    let secret = totp_rs::Secret::try_from_base32(secret).ok()?;
    let builder = totp_rs::Builder::new()
        .with_secret(secret)
        .with_digits(6)
        .with_step_duration(30)
        .with_skew(1);
    // Secrets shorter than RFC 4226's 128 bits are common (80-bit ones); accept them.
    let totp = builder
        .clone()
        .build()
        .unwrap_or_else(|_| builder.build_noncompliant());
    totp.check(code, now)
}

/// `GET /signout`: ends the session.
pub(crate) async fn signout(State(state): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    if let Some(session) = cookie(&headers, SESSION_COOKIE) {
        state.portal.lock().sessions.remove(&session);
    }
    redirect(
        StatusCode::FOUND,
        "/signin",
        &[clear_cookie(SESSION_COOKIE)],
    )
}

#[cfg(test)]
mod tests {
    use super::verify;

    /// RFC 6238 appendix B's SHA-1 vectors (truncated to 6 digits), secret "12345678901234567890".
    #[test]
    fn codes_follow_rfc_6238() {
        let secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
        assert_eq!(verify(secret, "287082", 59), Some(1));
        assert_eq!(verify(secret, "081804", 1_111_111_109), Some(37_037_036));
        assert_eq!(verify(secret, "050471", 1_111_111_111), Some(37_037_037));
        // One step of skew each way, not two.
        assert_eq!(
            verify(secret, "050471", 1_111_111_111 + 30),
            Some(37_037_037)
        );
        assert_eq!(verify(secret, "050471", 1_111_111_111 + 60), None);
        assert_eq!(verify(secret, "000000", 59), None);
        assert_eq!(verify("not base32!", "287082", 59), None);
    }
}
