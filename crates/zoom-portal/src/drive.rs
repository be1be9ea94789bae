//! Driving the portal in headless Chromium over WebDriver: sign in (or reuse the stored
//! session), open each page of [`map::PAGES`], wait until its script has filled it, and hand its
//! HTML to [`crate::extract`].
//!
//! Every wait is on a combined selector (success or the portal's error), so a refused password
//! or code returns at once instead of after the timeout. The password, the TOTP secret and the
//! codes are typed into the browser and nowhere else: they are removed from WebDriver error
//! messages, and `PortalConfig`'s `Debug` redacts them.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use cookie::SameSite;
use fantoccini::error::CmdError;
use fantoccini::{Client, Locator};
use secrecy::{ExposeSecret as _, SecretString};
use url::Url;

use crate::chromedriver::Chromedriver;
use crate::facts::PortalFacts;
use crate::session::{self, StoredCookie, StoredSession};
use crate::totp::{self, Totp};
use crate::{PortalError, extract, map};

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
    // first, then chromedriver with its browsers, then the profile directory.
    let profile = tempfile::Builder::new()
        .prefix("zoom-portal-profile-")
        .tempdir()
        .map_err(|e| PortalError::WebDriver {
            action: "creating the browser's profile directory".to_owned(),
            message: e.to_string(),
        })?;
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
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
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

    /// Waits for the first element matching any of `selectors`; returns its `id`.
    async fn wait_any(&self, selectors: &[&str], what: &str) -> Result<String, PortalError> {
        let css = selectors.join(", ");
        let element = self
            .client
            .wait()
            .at_most(self.config.timeout)
            .every(Duration::from_millis(50))
            .for_element(Locator::Css(&css))
            .await
            .map_err(|e| self.error(what, &e))?;
        let id = element.attr("id").await.map_err(|e| self.error(what, &e))?;
        Ok(id.map(|id| format!("#{id}")).unwrap_or_default())
    }

    async fn type_into(&self, css: &str, text: &str, what: &str) -> Result<(), PortalError> {
        let action = format!("typing {what}");
        let element = self
            .client
            .find(Locator::Css(css))
            .await
            .map_err(|e| self.error(&action, &e))?;
        element.clear().await.map_err(|e| self.error(&action, &e))?;
        element
            .send_keys(text)
            .await
            .map_err(|e| self.error(&action, &e))
    }

    async fn click(&self, css: &str, what: &str) -> Result<(), PortalError> {
        let action = format!("clicking {what}");
        self.client
            .find(Locator::Css(css))
            .await
            .map_err(|e| self.error(&action, &e))?
            .click()
            .await
            .map_err(|e| self.error(&action, &e))
    }

    async fn text_and_reason(&self, css: &str) -> (String, String) {
        let Ok(element) = self.client.find(Locator::Css(css)).await else {
            return (String::new(), String::new());
        };
        let text = element.text().await.unwrap_or_default();
        let reason = element
            .attr(map::REASON_ATTR)
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
        for page in &map::PAGES {
            let html = match self.page_html(page.path, page.name).await {
                // The session ended during the read (it expired, or an administrator signed
                // everybody out): sign in again, once, and read on.
                Err(PortalError::SignedOut { .. }) if !signed_in_again => {
                    tracing::info!(
                        page = page.name,
                        "the portal ended the session; signing in again"
                    );
                    self.sign_in_and_save(totp).await?;
                    signed_in_again = true;
                    self.page_html(page.path, page.name).await?
                }
                read => read?,
            };
            extract::page(page, &html, &mut facts)?;
            if let Some(pages) = pages.as_deref_mut() {
                pages.push((page.name.to_owned(), html));
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
        self.goto(map::COOKIE_ORIGIN_PATH).await?;
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
        self.goto(map::PAGES[0].path).await?;
        let found = self
            .wait_any(
                &[map::SIGNED_IN, map::signin::FORM],
                "the portal to accept or refuse the stored session",
            )
            .await?;
        Ok(found == map::SIGNED_IN)
    }

    async fn sign_in(&self, totp: &Totp) -> Result<(), PortalError> {
        let username = &self.config.username;
        self.goto(map::signin::PATH).await?;
        self.wait_any(&[map::signin::EMAIL], "the sign-in page")
            .await?;
        self.type_into(map::signin::EMAIL, username, "the e-mail address")
            .await?;
        self.type_into(
            map::signin::PASSWORD,
            self.config.password.expose_secret(),
            "the password",
        )
        .await?;
        self.click(map::signin::SUBMIT, "Sign In").await?;
        let found = self
            .wait_any(
                &[map::otp::CODE, map::signin::ERROR, map::SIGNED_IN],
                "the two-factor page after the password",
            )
            .await?;
        if found == map::signin::ERROR {
            let (message, reason) = self.text_and_reason(map::signin::ERROR).await;
            return Err(refusal(&reason, username, message, false));
        }
        if found == map::SIGNED_IN {
            // A user without 2FA: the secret is not needed this time.
            tracing::warn!(%username, "the portal did not ask for a two-factor code");
            return Ok(());
        }
        // One retry: a code refused as reused means another sign-in took this step.
        let portal = self.base.as_str();
        for attempt in 0..2 {
            let (code, step) = totp::next_code(totp, totp::last_used(portal, username)).await;
            self.type_into(map::otp::CODE, &code, "the two-factor code")
                .await?;
            self.click(map::otp::SUBMIT, "Verify").await?;
            let found = self
                .wait_any(
                    &[map::SIGNED_IN, map::otp::ERROR],
                    "the portal after the two-factor code",
                )
                .await?;
            if found == map::SIGNED_IN {
                totp::mark_used(portal, username, step);
                return Ok(());
            }
            let (message, reason) = self.text_and_reason(map::otp::ERROR).await;
            if reason == map::REASON_REUSED && attempt == 0 {
                tracing::debug!("two-factor code already used; waiting for the next one");
                totp::mark_used(portal, username, step);
                continue;
            }
            return Err(refusal(&reason, username, message, true));
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
            .find(|c| c.name() == map::SESSION_COOKIE)
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
                &[map::PAGE_READY, map::PAGE_FAILED, map::signin::FORM],
                &format!("the {name} page to fill"),
            )
            .await?;
        if found == map::signin::FORM {
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
fn refusal(reason: &str, username: &str, message: String, after_code: bool) -> PortalError {
    match reason {
        r if r == map::REASON_LOCKED => PortalError::AccountLocked {
            username: username.to_owned(),
            message,
        },
        r if r == map::REASON_CREDENTIALS && !after_code => PortalError::WrongPassword {
            username: username.to_owned(),
        },
        r if (r == map::REASON_CODE || r == map::REASON_REUSED) && after_code => {
            PortalError::WrongCode
        }
        other => PortalError::PageChanged {
            page: if after_code { "two-factor" } else { "sign-in" }.to_owned(),
            what: format!("unknown refusal {other:?}: {message}"),
        },
    }
}
