//! Driving the portal in headless Chromium over WebDriver: sign in (or reuse the stored
//! session), open each page of the [`PortalMap`], wait until its script has filled it, and hand
//! its HTML to [`crate::extract`]. Elements are found by the map's entries (role and label
//! locators as XPath, CSS as is), and a missing one is an error naming the entry.
//!
//! Every wait is on several entries at once (success or the portal's error), so a refused
//! password or code returns at once instead of after the timeout. The password, the TOTP secret and the
//! codes are typed into the browser and nowhere else: they are removed from WebDriver error
//! messages, and `PortalConfig`'s `Debug` redacts them.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use cookie::SameSite;
use fantoccini::elements::Element;
use fantoccini::error::CmdError;
use fantoccini::{Client, Locator};
use secrecy::{ExposeSecret as _, SecretString};
use url::Url;

use crate::chromedriver::Chromedriver;
use crate::facts::PortalFacts;
use crate::map::{self, PortalMap};
use crate::session::{self, StoredCookie, StoredSession};
use crate::totp::{self, Totp};
use crate::{PortalError, extract};

/// How to reach and sign in to the portal.
#[derive(Clone)]
pub struct PortalConfig {
    /// The portal, e.g. `https://example.zoom.us` (on the simulator, `Simulator::portal_url`).
    pub portal_url: Url,
    /// The dedicated portal user's e-mail address.
    pub username: String,
    /// Its password.
    pub password: SecretString,
    /// Its TOTP secret, base32 as Zoom shows it (spaces, dashes, `=` and lower case allowed).
    pub mfa_secret: SecretString,
    /// A running WebDriver server to use; `None` starts `chromedriver` (and stops it after).
    pub webdriver_url: Option<Url>,
    /// The chromedriver binary to start; `None` looks for `chromedriver` on `PATH`.
    pub chromedriver: Option<PathBuf>,
    /// Where the session is kept between runs (mode 0600); `None` signs in every run.
    pub session_file: Option<PathBuf>,
    /// Longest wait for one page load or element. Default 30 s.
    pub timeout: Duration,
    /// Accept invalid TLS certificates (the `verify_ssl = false` setting). Default false.
    pub accept_invalid_certs: bool,
    /// Where each element of the portal is found. Default: the built-in map.
    pub map: PortalMap,
}

impl PortalConfig {
    /// A configuration with the defaults: chromedriver from `PATH`, no session file, 30 s.
    #[must_use]
    pub fn new(
        portal_url: Url,
        username: impl Into<String>,
        password: SecretString,
        mfa_secret: SecretString,
    ) -> PortalConfig {
        PortalConfig {
            portal_url,
            username: username.into(),
            password,
            mfa_secret,
            webdriver_url: None,
            chromedriver: None,
            session_file: None,
            timeout: Duration::from_secs(30),
            accept_invalid_certs: false,
            map: PortalMap::builtin(),
        }
    }

    /// The portal's origin without a trailing slash, as paths are appended to it.
    fn base(&self) -> String {
        self.portal_url.as_str().trim_end_matches('/').to_owned()
    }
}

impl fmt::Debug for PortalConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PortalConfig")
            .field("portal_url", &self.portal_url.as_str())
            .field("username", &self.username)
            .field("password", &"[redacted]")
            .field("mfa_secret", &"[redacted]")
            .field(
                "webdriver_url",
                &self.webdriver_url.as_ref().map(Url::as_str),
            )
            .field("chromedriver", &self.chromedriver)
            .field("session_file", &self.session_file)
            .field("timeout", &self.timeout)
            .field("accept_invalid_certs", &self.accept_invalid_certs)
            .field("map", &self.map.origin)
            .finish()
    }
}

/// What one run read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collected {
    /// The facts of every page.
    pub facts: PortalFacts,
    /// Whether this run signed in; `false` when the stored session was reused throughout.
    pub signed_in: bool,
}

/// Signs in (or reuses the stored session) and reads every page of the portal.
///
/// Starts chromedriver unless [`PortalConfig::webdriver_url`] is given, and always stops it: on
/// success, on error, and when this future is dropped (it holds the [`Chromedriver`] guard), so
/// a caller may race it against Ctrl-C. The TOTP secret is checked before any browser starts.
///
/// # Errors
/// See [`PortalError`]: each variant names the cause and the fix.
pub async fn collect(config: &PortalConfig) -> Result<Collected, PortalError> {
    run(config, None).await
}

/// As [`collect`], also returning each page's HTML once filled, as (page name, HTML): what the
/// fixtures in `fixtures/portal/` are captured with.
///
/// # Errors
/// As [`collect`].
pub async fn collect_pages(
    config: &PortalConfig,
) -> Result<(Collected, Vec<(String, String)>), PortalError> {
    let mut pages = Vec::new();
    let collected = run(config, Some(&mut pages)).await?;
    Ok((collected, pages))
}

async fn run(
    config: &PortalConfig,
    pages: Option<&mut Vec<(String, String)>>,
) -> Result<Collected, PortalError> {
    let totp = totp::parse(&config.mfa_secret)?;
    let now = jiff::Timestamp::now();
    let stored = match &config.session_file {
        Some(path) => session::load(path)?
            .filter(|stored| stored.usable(&config.base(), &config.username, now)),
        None => None,
    };
    // Declared in this order so that, should this future be dropped, the browser session goes
    // first, then chromedriver with its browsers, then a temporary profile directory. With a
    // session file the profile persists beside it: the portal sees a known device.
    let profile = match &config.session_file {
        Some(path) => Profile::Kept(session::profile_dir(path)?),
        None => Profile::Temporary(
            tempfile::Builder::new()
                .prefix("zoom-portal-profile-")
                .tempdir()
                .map_err(|e| PortalError::WebDriver {
                    action: "creating the browser's profile directory".to_owned(),
                    message: e.to_string(),
                })?,
        ),
    };
    let driver = match &config.webdriver_url {
        Some(_) => None,
        None => Some(Chromedriver::start(config.chromedriver.as_deref()).await?),
    };
    let webdriver_url = match (&config.webdriver_url, &driver) {
        (Some(url), _) => url.clone(),
        (None, Some(driver)) => driver.url().clone(),
        (None, None) => unreachable!("chromedriver is started when no WebDriver URL is given"),
    };
    let browser = Browser::connect(config, &webdriver_url, profile.path()).await?;
    let result = browser.read(&totp, stored, pages).await;
    browser.close().await;
    drop(driver);
    drop(profile);
    result
}

/// What [`Browser::wait_any`] returns when the browser left the portal's site.
const OTHER_HOST: &str = "another host";

/// The browser's profile directory: kept beside the session file, or removed after the run.
enum Profile {
    Kept(PathBuf),
    Temporary(tempfile::TempDir),
}

impl Profile {
    fn path(&self) -> &std::path::Path {
        match self {
            Profile::Kept(path) => path,
            Profile::Temporary(dir) => dir.path(),
        }
    }
}

/// One browser session.
struct Browser<'a> {
    client: Client,
    config: &'a PortalConfig,
    base: String,
}

impl<'a> Browser<'a> {
    async fn connect(
        config: &'a PortalConfig,
        webdriver: &Url,
        profile: &std::path::Path,
    ) -> Result<Browser<'a>, PortalError> {
        let timeout_ms = u64::try_from(config.timeout.as_millis()).unwrap_or(u64::MAX);
        let capabilities = serde_json::json!({
            "browserName": "chrome",
            "acceptInsecureCerts": config.accept_invalid_certs,
            "pageLoadStrategy": "normal",
            "timeouts": { "implicit": 0, "pageLoad": timeout_ms, "script": timeout_ms },
            "goog:chromeOptions": {
                // Nothing typed into a form is kept in the profile.
                "prefs": {
                    "credentials_enable_service": false,
                    "profile.password_manager_enabled": false,
                    "autofill.profile_enabled": false
                },
                // The new headless mode: the full browser, as a person's, without a window.
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                    "--window-size=1280,900",
                    format!("--user-data-dir={}", profile.display()),
                ]
            }
        });
        let serde_json::Value::Object(capabilities) = capabilities else {
            unreachable!("a JSON object literal")
        };
        let client = fantoccini::ClientBuilder::new(
            hyper_util::client::legacy::connect::HttpConnector::new(),
        )
        .capabilities(capabilities)
        .connect(webdriver.as_str())
        .await
        .map_err(|e| PortalError::WebDriver {
            action: "starting the browser".to_owned(),
            message: e.to_string(),
        })?;
        Ok(Browser {
            client,
            config,
            base: config.base(),
        })
    }

    async fn close(self) {
        if let Err(error) = self.client.close().await {
            tracing::debug!(%error, "closing the browser session failed");
        }
    }

    /// A WebDriver error as a [`PortalError`], with every secret removed from its message.
    fn error(&self, action: &str, error: &CmdError) -> PortalError {
        if matches!(error, CmdError::WaitTimeout) {
            return PortalError::Timeout {
                waiting_for: action.to_owned(),
                seconds: self.config.timeout.as_secs(),
            };
        }
        let mut message = error.to_string();
        for secret in [&self.config.password, &self.config.mfa_secret] {
            let secret = secret.expose_secret();
            if !secret.is_empty() {
                message = message.replace(secret, "[redacted]");
            }
        }
        PortalError::WebDriver {
            action: action.to_owned(),
            message,
        }
    }

    async fn goto(&self, path: &str) -> Result<(), PortalError> {
        let url = format!("{}{path}", self.base);
        self.client
            .goto(&url)
            .await
            .map_err(|e| self.error(&format!("opening {path}"), &e))
    }

    /// The elements entry `name` finds: those of its first locator that finds any.
    async fn find_entry(&self, name: &str) -> Result<Vec<Element>, CmdError> {
        for locator in &self.config.map.entry(name).locators {
            let found = match locator {
                map::Locator::Css { css } => self.client.find_all(Locator::Css(css)).await?,
                other => {
                    let xpath = other.xpath().unwrap_or_default();
                    self.client.find_all(Locator::XPath(&xpath)).await?
                }
            };
            if !found.is_empty() {
                return Ok(found);
            }
        }
        Ok(Vec::new())
    }

    /// The first element entry `name` finds; an error naming the entry when none.
    async fn find_one(&self, name: &str, action: &str) -> Result<Element, PortalError> {
        let found = self
            .find_entry(name)
            .await
            .map_err(|e| self.error(action, &e))?;
        found.into_iter().next().ok_or_else(|| {
            let tried: Vec<String> = self
                .config
                .map
                .entry(name)
                .locators
                .iter()
                .map(map::Locator::describe)
                .collect();
            PortalError::PageChanged {
                page: self.config.map.entry(name).page.clone(),
                what: format!(
                    "entry `{name}` of {} matches nothing while {action} (tried {})",
                    self.config.map.origin,
                    tried.join(", ")
                ),
            }
        })
    }

    /// Clicks the cookie banner's button when there is one; a banner still there a few
    /// seconds later is [`PortalError::CookieBanner`].
    async fn dismiss_cookie_banner(&self) -> Result<(), PortalError> {
        let action = "dismissing the cookie banner";
        let found = self
            .find_entry("signin.cookie_banner")
            .await
            .map_err(|e| self.error(action, &e))?;
        let Some(button) = found.into_iter().next() else {
            return Ok(());
        };
        button.click().await.map_err(|e| self.error(action, &e))?;
        for _ in 0..40 {
            tokio::time::sleep(Duration::from_millis(50)).await;
            let still = self
                .find_entry("signin.cookie_banner")
                .await
                .map_err(|e| self.error(action, &e))?;
            if still.is_empty() {
                return Ok(());
            }
        }
        Err(PortalError::CookieBanner)
    }

    /// The host of the page the browser shows.
    async fn current_host(&self) -> Option<String> {
        let url = self.client.current_url().await.ok()?;
        url.host_str().map(str::to_owned)
    }

    /// Whether the browser left the portal's site for another (an identity provider). The
    /// portal's own cluster hosts (`us06web.zoom.us` for `zoom.us` or `acme.zoom.us`) share its
    /// last two labels.
    async fn left_the_portal(&self) -> bool {
        let Some(host) = self.current_host().await else {
            return false;
        };
        let site = |host: &str| {
            let labels: Vec<&str> = host.rsplit('.').take(2).collect();
            labels.join(".")
        };
        let portal = self.config.portal_url.host_str().unwrap_or_default();
        site(&host) != site(portal)
    }

    /// Waits until one of `entries` finds an element; returns that entry's name, or
    /// [`OTHER_HOST`] when the browser was sent off the portal's site.
    async fn wait_any<'e>(&self, entries: &[&'e str], what: &str) -> Result<&'e str, PortalError> {
        let deadline = tokio::time::Instant::now() + self.config.timeout;
        loop {
            if self.left_the_portal().await {
                return Ok(OTHER_HOST);
            }
            for entry in entries {
                let found = self
                    .find_entry(entry)
                    .await
                    .map_err(|e| self.error(what, &e))?;
                if !found.is_empty() {
                    return Ok(entry);
                }
            }
            if tokio::time::Instant::now() >= deadline {
                return Err(PortalError::Timeout {
                    waiting_for: format!("{what} (entries {})", entries.join(", ")),
                    seconds: self.config.timeout.as_secs(),
                });
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    async fn type_into(&self, entry: &str, text: &str, what: &str) -> Result<(), PortalError> {
        let action = format!("typing {what}");
        let element = self.find_one(entry, &action).await?;
        element.clear().await.map_err(|e| self.error(&action, &e))?;
        element
            .send_keys(text)
            .await
            .map_err(|e| self.error(&action, &e))
    }

    async fn click(&self, entry: &str, what: &str) -> Result<(), PortalError> {
        let action = format!("clicking {what}");
        self.find_one(entry, &action)
            .await?
            .click()
            .await
            .map_err(|e| self.error(&action, &e))
    }

    async fn text_and_reason(&self, entry: &str) -> (String, String) {
        let Ok(Some(element)) = self.find_entry(entry).await.map(|f| f.into_iter().next()) else {
            return (String::new(), String::new());
        };
        let text = element.text().await.unwrap_or_default();
        let reason = element
            .attr(self.config.map.value("refusal.reason"))
            .await
            .ok()
            .flatten()
            .unwrap_or_default();
        (text, reason)
    }

    async fn read(
        &self,
        totp: &Totp,
        stored: Option<StoredSession>,
        mut pages: Option<&mut Vec<(String, String)>>,
    ) -> Result<Collected, PortalError> {
        let reused = match stored {
            Some(stored) => self.restore(&stored).await?,
            None => false,
        };
        if reused {
            tracing::info!("reusing the stored portal session");
        } else {
            self.sign_in_and_save(totp).await?;
        }
        let mut signed_in_again = false;
        let mut facts = PortalFacts::default();
        let map = &self.config.map;
        for page in map.pages() {
            let html = match self.page_html(&page.path, &page.name).await {
                // The session ended during the read (it expired, or an administrator signed
                // everybody out): sign in again, once, and read on.
                Err(PortalError::SignedOut { .. }) if !signed_in_again => {
                    tracing::info!(
                        page = %page.name,
                        "the portal ended the session; signing in again"
                    );
                    self.sign_in_and_save(totp).await?;
                    signed_in_again = true;
                    self.page_html(&page.path, &page.name).await?
                }
                read => read?,
            };
            extract::page(map, page, &html, &mut facts)?;
            if let Some(pages) = pages.as_deref_mut() {
                pages.push((page.name.clone(), html));
            }
        }
        Ok(Collected {
            facts,
            signed_in: !reused || signed_in_again,
        })
    }

    async fn sign_in_and_save(&self, totp: &Totp) -> Result<(), PortalError> {
        self.sign_in(totp).await?;
        tracing::info!(username = %self.config.username, "signed in to the portal");
        self.save_session().await
    }

    /// Puts the stored cookies in the browser and checks that the portal still knows them.
    async fn restore(&self, stored: &StoredSession) -> Result<bool, PortalError> {
        // Cookies can only be set for the page's origin.
        let map = &self.config.map;
        self.goto(map.value("session.cookie_origin")).await?;
        for stored_cookie in &stored.cookies {
            let mut cookie = fantoccini::cookies::Cookie::new(
                stored_cookie.name.clone(),
                stored_cookie.value.clone(),
            );
            cookie.set_path(stored_cookie.path.clone().unwrap_or_else(|| "/".to_owned()));
            // chromedriver refuses a cookie without a domain, and Chromium one with
            // `SameSite=None` that is not secure (fantoccini's default).
            let domain = stored_cookie
                .domain
                .clone()
                .or_else(|| self.config.portal_url.host_str().map(str::to_owned));
            if let Some(domain) = domain {
                cookie.set_domain(domain);
            }
            cookie.set_secure(stored_cookie.secure);
            cookie.set_http_only(stored_cookie.http_only);
            cookie.set_same_site(match stored_cookie.same_site.as_deref() {
                Some("Strict") => SameSite::Strict,
                Some("None") if stored_cookie.secure => SameSite::None,
                _ => SameSite::Lax,
            });
            self.client
                .add_cookie(cookie)
                .await
                .map_err(|e| self.error("restoring the stored session", &e))?;
        }
        let first = map.pages().first().map_or("/", |page| page.path.as_str());
        self.goto(first).await?;
        let found = self
            .wait_any(
                &["session.signed_in", "signin.form"],
                "the portal to accept or refuse the stored session",
            )
            .await?;
        Ok(found == "session.signed_in")
    }

    async fn sign_in(&self, totp: &Totp) -> Result<(), PortalError> {
        let username = &self.config.username;
        let map = &self.config.map;
        self.goto(map.value("signin.path")).await?;
        self.wait_any(&["signin.email"], "the sign-in page").await?;
        self.dismiss_cookie_banner().await?;
        self.type_into("signin.email", username, "the e-mail address")
            .await?;
        self.type_into(
            "signin.password",
            self.config.password.expose_secret(),
            "the password",
        )
        .await?;
        self.click("signin.submit", "Sign In").await?;
        let found = self
            .wait_any(
                &[
                    "otp.code",
                    "signin.error",
                    "session.signed_in",
                    "signin.new_device",
                ],
                "the two-factor page after the password",
            )
            .await?;
        if found == OTHER_HOST {
            let host = self.current_host().await.unwrap_or_default();
            return Err(PortalError::IdentityProvider {
                username: username.clone(),
                host,
            });
        }
        if found == "signin.new_device" {
            return Err(PortalError::NewDevice {
                username: username.clone(),
            });
        }
        if found == "signin.error" {
            let (message, reason) = self.text_and_reason("signin.error").await;
            return Err(refusal(map, &reason, username, message, false));
        }
        if found == "session.signed_in" {
            // A user without 2FA: the secret is not needed this time.
            tracing::warn!(%username, "the portal did not ask for a two-factor code");
            return Ok(());
        }
        // One retry: a code refused as reused means another sign-in took this step.
        let portal = self.base.as_str();
        for attempt in 0..2 {
            let (code, step) = totp::next_code(totp, totp::last_used(portal, username)).await;
            self.type_into("otp.code", &code, "the two-factor code")
                .await?;
            self.click("otp.submit", "Verify").await?;
            let found = self
                .wait_any(
                    &["session.signed_in", "otp.error"],
                    "the portal after the two-factor code",
                )
                .await?;
            if found == "session.signed_in" {
                totp::mark_used(portal, username, step);
                return Ok(());
            }
            let (message, reason) = self.text_and_reason("otp.error").await;
            if reason == map.refusal("reused") && attempt == 0 {
                tracing::debug!("two-factor code already used; waiting for the next one");
                totp::mark_used(portal, username, step);
                continue;
            }
            return Err(refusal(map, &reason, username, message, true));
        }
        Err(PortalError::WrongCode)
    }

    async fn save_session(&self) -> Result<(), PortalError> {
        let Some(path) = &self.config.session_file else {
            return Ok(());
        };
        let cookies = self
            .client
            .get_all_cookies()
            .await
            .map_err(|e| self.error("reading the session cookies", &e))?;
        let now = jiff::Timestamp::now();
        let expires_at = cookies
            .iter()
            .find(|c| c.name() == self.config.map.value("session.cookie"))
            .and_then(fantoccini::cookies::Cookie::expires_datetime)
            .and_then(|t| jiff::Timestamp::from_second(t.unix_timestamp()).ok())
            // Without an expiry the session lasts as long as the browser: assume an hour.
            .unwrap_or_else(|| now + jiff::SignedDuration::from_hours(1));
        let cookies = cookies
            .iter()
            .map(|c| StoredCookie {
                name: c.name().to_owned(),
                value: c.value().to_owned(),
                path: c.path().map(str::to_owned),
                domain: c.domain().map(str::to_owned),
                secure: c.secure().unwrap_or(false),
                http_only: c.http_only().unwrap_or(false),
                same_site: c.same_site().map(|s| {
                    match s {
                        SameSite::Strict => "Strict",
                        SameSite::Lax => "Lax",
                        SameSite::None => "None",
                    }
                    .to_owned()
                }),
            })
            .collect();
        let stored =
            StoredSession::new(&self.base, &self.config.username, now, expires_at, cookies);
        session::save(path, &stored)
    }

    /// Opens a page and returns its HTML once its script has filled it (or failed).
    async fn page_html(&self, path: &str, name: &str) -> Result<String, PortalError> {
        self.goto(path).await?;
        let found = self
            .wait_any(
                &["page.ready", "page.failed", "signin.form"],
                &format!("the {name} page to fill"),
            )
            .await?;
        if found == "signin.form" {
            return Err(PortalError::SignedOut {
                page: name.to_owned(),
            });
        }
        self.client
            .source()
            .await
            .map_err(|e| self.error(&format!("reading the {name} page"), &e))
    }
}

/// The error for a refused password (`after_code == false`) or code.
fn refusal(
    map: &PortalMap,
    reason: &str,
    username: &str,
    message: String,
    after_code: bool,
) -> PortalError {
    match reason {
        r if r == map.refusal("locked") => PortalError::AccountLocked {
            username: username.to_owned(),
            message,
        },
        r if r == map.refusal("credentials") && !after_code => PortalError::WrongPassword {
            username: username.to_owned(),
        },
        r if (r == map.refusal("code") || r == map.refusal("reused")) && after_code => {
            PortalError::WrongCode
        }
        r if r == map.refusal("captcha") => PortalError::BotCheck { message },
        other => PortalError::PageChanged {
            page: if after_code { "two-factor" } else { "sign-in" }.to_owned(),
            what: format!("entry `refusal.reason` does not know the refusal {other:?}: {message}"),
        },
    }
}
