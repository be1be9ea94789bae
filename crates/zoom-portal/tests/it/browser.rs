//! End to end in real headless Chromium against zoom-sim's portal: the facts equal the
//! simulator's account, the session is reused, and each failure is its own error.

use std::path::PathBuf;
use std::time::Duration;

use secrecy::{ExposeSecret as _, SecretString};
use zoom_portal::{PortalConfig, PortalError, collect, collect_pages, extract};
use zoom_sim::SimConfig;

use crate::support::{
    assert_facts, expected_facts, fixture_config, our_chromedrivers, portal_config, serially, start,
};

/// Neither the password nor the TOTP secret (as given or normalized) appears in `text`.
fn assert_no_secret(config: &PortalConfig, text: &str) {
    let password = config.password.expose_secret();
    let secret = config.mfa_secret.expose_secret();
    assert!(!text.contains(password), "the password leaked: {text}");
    assert!(!text.contains(secret), "the TOTP secret leaked: {text}");
    assert!(
        !text.contains(&secret.to_lowercase()),
        "the TOTP secret leaked: {text}"
    );
}

fn assert_error_is_clean(config: &PortalConfig, error: &PortalError) {
    assert_no_secret(config, &error.to_string());
    assert_no_secret(config, &format!("{error:?}"));
}

#[tokio::test]
async fn collects_every_page_and_reuses_the_session() {
    serially(async {
        let sim = start(SimConfig {
            users: 40,
            ..fixture_config()
        })
        .await;
        let dir = tempfile::tempdir().unwrap();
        let config = portal_config(&sim, dir.path());
        assert_no_secret(&config, &format!("{config:?}"));
        let session_file = config.session_file.clone().unwrap();
        // Every log line of every crate, at every level, is kept to be searched for secrets.
        let logs = Logs::default();
        let _logging = tracing::subscriber::set_default(
            tracing_subscriber::fmt()
                .with_max_level(tracing::Level::TRACE)
                .with_writer(logs.clone())
                .finish(),
        );

        // A stale session on file: the portal refuses it, a full sign-in follows.
        std::fs::write(
            &session_file,
            serde_json::json!({
                "version": 1,
                "portal_url": sim.portal_url(),
                "username": config.username,
                "saved_at": "2025-06-15T00:00:00Z",
                "expires_at": "2999-01-01T00:00:00Z",
                "cookies": [{ "name": "_zm_ssid", "value": "stale", "path": "/",
                              "secure": false, "http_only": true }]
            })
            .to_string(),
        )
        .unwrap();
        let first = collect(&config).await.unwrap();
        assert!(first.signed_in);
        assert_eq!(sim.portal_sign_ins(), 1);
        assert_facts(&first.facts, &expected_facts(&sim.account()));

        // The session file: rewritten, 0600, the session cookie, no secret.
        let stored = std::fs::read_to_string(&session_file).unwrap();
        assert!(!stored.contains("\"stale\""), "{stored}");
        assert!(stored.contains("_zm_ssid"), "{stored}");
        assert_no_secret(&config, &stored);
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&session_file)
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }

        // Within the session's life: no sign-in at all.
        sim.clear_requests();
        let second = collect(&config).await.unwrap();
        assert!(!second.signed_in);
        assert_eq!(second.facts, first.facts);
        let log = sim.requests();
        assert!(
            !log.iter()
                .any(|r| r.path.starts_with("/signin") && r.method == "POST"),
            "{log:?}"
        );
        assert!(log.iter().any(|r| r.path == "/api/portal/users"));
        assert_eq!(sim.portal_sign_ins(), 1);
        // chromedriver was stopped after each run.
        assert_eq!(our_chromedrivers().len(), 0, "{:?}", our_chromedrivers());
        let logged = logs.text();
        assert!(logged.contains("signed in to the portal"), "{logged}");
        assert!(
            logged.contains("reusing the stored portal session"),
            "{logged}"
        );
        assert_no_secret(&config, &logged);

        // The browser profile persists beside the session file, owner-only, and no file in it
        // holds the password or the secret.
        let profile = dir.path().join("portal-session.json.profile");
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&profile).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o700);
        }
        let mut files = 0;
        let mut pending = vec![profile];
        while let Some(dir) = pending.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    pending.push(path);
                } else if let Ok(bytes) = std::fs::read(&path) {
                    files += 1;
                    assert_no_secret(&config, &String::from_utf8_lossy(&bytes));
                }
            }
        }
        assert!(files > 0, "Chromium kept nothing in the profile");
    })
    .await;
}

#[tokio::test]
async fn a_session_ended_during_the_read_is_renewed_once() {
    serially(async {
        let sim = start(fixture_config()).await;
        let dir = tempfile::tempdir().unwrap();
        let config = portal_config(&sim, dir.path());
        let first = collect(&config).await.unwrap();
        assert_eq!(sim.portal_sign_ins(), 1);

        // The stored session is accepted (view 1) and the first page read (view 2); then the
        // portal signs everybody out.
        sim.end_portal_sessions_after(2);
        sim.clear_requests();
        let second = collect(&config).await.unwrap();
        assert!(second.signed_in);
        assert_eq!(second.facts, first.facts);
        assert_eq!(sim.portal_sign_ins(), 2);
        let log = sim.requests();
        let sign_in_posts = log
            .iter()
            .filter(|r| r.path == "/signin" && r.method == "POST")
            .count();
        assert_eq!(sign_in_posts, 1, "{log:?}");

        // The renewed session was saved: the next read signs in no more.
        let third = collect(&config).await.unwrap();
        assert!(!third.signed_in);
        assert_eq!(sim.portal_sign_ins(), 2);
    })
    .await;
}

#[tokio::test]
async fn a_wrong_password_is_its_own_error() {
    serially(async {
        let sim = start(fixture_config()).await;
        let dir = tempfile::tempdir().unwrap();
        let mut config = portal_config(&sim, dir.path());
        let real = config.password.clone();
        config.password = SecretString::from("Wrong-password-123!".to_owned());
        let error = collect(&config).await.unwrap_err();
        assert!(
            matches!(error, PortalError::WrongPassword { .. }),
            "{error:?}"
        );
        let message = error.to_string();
        assert!(message.contains("saas.password"), "{message}");
        assert!(message.contains(&config.username), "{message}");
        assert_error_is_clean(&config, &error);
        assert!(!message.contains(real.expose_secret()));
        assert!(!session_written(&config));
    })
    .await;
}

#[tokio::test]
async fn a_wrong_totp_secret_is_its_own_error() {
    serially(async {
        let sim = start(fixture_config()).await;
        let dir = tempfile::tempdir().unwrap();
        let mut config = portal_config(&sim, dir.path());
        // A valid base32 secret, but not the user's.
        config.mfa_secret = SecretString::from("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP".to_owned());
        let error = collect(&config).await.unwrap_err();
        assert!(matches!(error, PortalError::WrongCode), "{error:?}");
        assert!(error.to_string().contains("saas.mfa_secret"), "{error}");
        assert_error_is_clean(&config, &error);
        assert_eq!(sim.portal_sign_ins(), 0);
        assert!(!session_written(&config));
    })
    .await;
}

#[tokio::test]
async fn a_locked_account_is_its_own_error() {
    serially(async {
        let sim = start(SimConfig {
            portal_max_failures: 1,
            ..fixture_config()
        })
        .await;
        let dir = tempfile::tempdir().unwrap();
        let config = portal_config(&sim, dir.path());
        let mut wrong = config.clone();
        wrong.password = SecretString::from("Wrong-password-123!".to_owned());
        // The failure that reaches the limit locks the account...
        let error = collect(&wrong).await.unwrap_err();
        assert!(
            matches!(error, PortalError::AccountLocked { .. }),
            "{error:?}"
        );
        // ...and then the right password is refused too.
        let error = collect(&config).await.unwrap_err();
        assert!(
            matches!(error, PortalError::AccountLocked { .. }),
            "{error:?}"
        );
        let message = error.to_string();
        assert!(message.contains("locked"), "{message}");
        assert!(message.contains("Try again in 30 minutes"), "{message}");
        assert_error_is_clean(&config, &error);
    })
    .await;
}

#[tokio::test]
async fn a_malformed_secret_is_refused_before_any_browser_starts() {
    let sim = start(fixture_config()).await;
    let dir = tempfile::tempdir().unwrap();
    let mut config = portal_config(&sim, dir.path());
    config.mfa_secret = SecretString::from("this is not base32 #1!".to_owned());
    // A chromedriver that does not exist: the secret is checked first.
    config.chromedriver = Some(PathBuf::from("/nonexistent/chromedriver"));
    let error = collect(&config).await.unwrap_err();
    assert!(
        matches!(error, PortalError::InvalidMfaSecret { .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("not base32"), "{error}");
    assert_error_is_clean(&config, &error);
    assert!(sim.requests().is_empty());
}

#[tokio::test]
async fn a_missing_chromedriver_is_its_own_error() {
    let sim = start(fixture_config()).await;
    let dir = tempfile::tempdir().unwrap();
    let mut config = portal_config(&sim, dir.path());
    config.chromedriver = Some(PathBuf::from("/nonexistent/chromedriver"));
    let error = collect(&config).await.unwrap_err();
    assert!(
        matches!(error, PortalError::ChromedriverNotFound { .. }),
        "{error:?}"
    );
    assert!(
        error
            .to_string()
            .contains("apt-get install -y chromium chromium-driver"),
        "{error}"
    );
    assert_error_is_clean(&config, &error);
}

#[tokio::test]
async fn dropping_collect_stops_chromedriver() {
    serially(async {
        let sim = start(fixture_config()).await;
        let dir = tempfile::tempdir().unwrap();
        let config = portal_config(&sim, dir.path());
        let mut run = Box::pin(collect(&config));
        // Run until the browser has opened the sign-in page, then drop it, as Ctrl-C does.
        loop {
            tokio::select! {
                result = &mut run => panic!("collect finished before it was cancelled: {result:?}"),
                () = tokio::time::sleep(Duration::from_millis(10)) => {
                    if sim.requests().iter().any(|r| r.path == "/signin") {
                        break;
                    }
                }
            }
        }
        assert_eq!(our_chromedrivers().len(), 1);
        drop(run);
        assert_eq!(our_chromedrivers().len(), 0, "{:?}", our_chromedrivers());
    })
    .await;
}

/// The committed fixture pages still read as what the simulator renders today; with
/// `ZOOM_PORTAL_WRITE_FIXTURES=1` the test rewrites them from the simulator instead.
#[tokio::test]
async fn the_fixture_pages_match_the_simulator() {
    serially(async {
        let sim = start(fixture_config()).await;
        let dir = tempfile::tempdir().unwrap();
        let config = portal_config(&sim, dir.path());
        let (collected, pages) = collect_pages(&config).await.unwrap();
        let fixtures = crate::extract::fixture_dir();
        if std::env::var_os("ZOOM_PORTAL_WRITE_FIXTURES").is_some() {
            for (name, html) in &pages {
                std::fs::write(fixtures.join(format!("{name}.html")), html).unwrap();
            }
        }
        let stored = crate::extract::fixture_pages();
        let from_fixtures = extract::all(
            &zoom_portal::map::PortalMap::builtin(),
            stored.iter().map(|(n, h)| (n.as_str(), h.as_str())),
        )
        .unwrap();
        assert_facts(&from_fixtures, &collected.facts);
        assert_facts(&collected.facts, &expected_facts(&sim.account()));
    })
    .await;
}

fn session_written(config: &PortalConfig) -> bool {
    config.session_file.as_ref().is_some_and(|p| p.exists())
}

#[tokio::test]
async fn a_user_without_2fa_needs_no_code() {
    serially(async {
        let sim = start(fixture_config()).await;
        sim.edit(|account| account.saas.portal_user.mfa_secret.clear());
        let dir = tempfile::tempdir().unwrap();
        let mut config = portal_config(&sim, dir.path());
        // Any well-formed secret: it is not asked for.
        config.mfa_secret = SecretString::from("JBSWY3DPEHPK3PXP".to_owned());
        let collected = collect(&config).await.unwrap();
        assert!(collected.signed_in);
        assert_eq!(collected.facts.groups.len(), 7);
        assert!(!sim.requests().iter().any(|r| r.path == "/signin/otp"));
    })
    .await;
}

#[tokio::test]
async fn a_given_webdriver_is_used_and_left_running() {
    serially(async {
        let sim = start(fixture_config()).await;
        let dir = tempfile::tempdir().unwrap();
        let driver = zoom_portal::chromedriver::Chromedriver::start(None)
            .await
            .unwrap();
        let mut config = portal_config(&sim, dir.path());
        config.webdriver_url = Some(driver.url().clone());
        // Never started: the given WebDriver is used instead.
        config.chromedriver = Some(PathBuf::from("/nonexistent/chromedriver"));
        let collected = collect(&config).await.unwrap();
        assert_eq!(collected.facts.users.len(), 20);
        // The caller's chromedriver is still there, and it was the only one.
        assert_eq!(our_chromedrivers().len(), 1);
        drop(driver);
        assert_eq!(our_chromedrivers().len(), 0);
    })
    .await;
}

/// A log sink for `tracing_subscriber`.
#[derive(Clone, Default)]
struct Logs(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl Logs {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

impl std::io::Write for Logs {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Logs {
    type Writer = Logs;

    fn make_writer(&'a self) -> Logs {
        self.clone()
    }
}

/// The simulated portal in markup B (other ids and classes): the built-in map fails naming the
/// entry that no longer matches; a map corrected for the variant reads every fact.
#[tokio::test]
async fn a_corrected_map_reads_a_changed_portal() {
    serially(async {
        let sim = start(SimConfig {
            users: 20,
            portal_markup: zoom_sim::PortalMarkup::B,
            ..fixture_config()
        })
        .await;
        let dir = tempfile::tempdir().unwrap();
        let mut config = portal_config(&sim, dir.path());
        config.session_file = None;
        let error = collect(&config).await.unwrap_err();
        assert!(
            matches!(error, PortalError::PageChanged { .. }),
            "{error:?}"
        );
        let message = error.to_string();
        assert!(
            message.starts_with(
                "the portal's roles page has changed: entry `roles.table` of the built-in \
                 portal map matches nothing"
            ),
            "{message}"
        );
        assert!(message.contains("saas.portal_map"), "{message}");

        // The map a user writes for the variant: the two changed entries corrected. The
        // sign-in button and the fields are still found by their role and labels.
        let corrected = zoom_portal::map::BUILTIN
            .replace("css = \"table#roles\"", "css = \"table#role-list\"")
            .replace("css = \"td.role-name\"", "css = \"td.role-title\"");
        let path = dir.path().join("portal-map.toml");
        std::fs::write(&path, corrected).unwrap();
        config.map = zoom_portal::map::PortalMap::from_file(&path).unwrap();
        let collected = collect(&config).await.unwrap();
        assert_facts(&collected.facts, &expected_facts(&sim.account()));
    })
    .await;
}
