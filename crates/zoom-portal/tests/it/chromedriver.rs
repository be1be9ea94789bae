//! Starting chromedriver, and stopping it with every browser it launched.

use std::path::Path;

use zoom_portal::PortalError;
use zoom_portal::chromedriver::Chromedriver;

use crate::support::{in_group, serially};

#[tokio::test]
async fn dropping_the_guard_stops_chromedriver_and_its_browsers() {
    serially(async {
        let driver = Chromedriver::start(None).await.unwrap();
        let group = driver.process_group();
        // A browser session: Chromium's processes join chromedriver's group.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = reqwest::Client::builder().no_proxy().build().unwrap();
        let profile = tempfile::tempdir().unwrap();
        let response = client
            .post(driver.url().join("session").unwrap())
            .json(&serde_json::json!({
                "capabilities": { "alwaysMatch": {
                    "browserName": "chrome",
                    "goog:chromeOptions": { "args": [
                        "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        format!("--user-data-dir={}", profile.path().display()),
                    ] }
                } }
            }))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
        let running = in_group(group);
        assert!(
            running.iter().any(|p| p.name == "chromedriver"),
            "{running:?}"
        );
        assert!(
            running
                .iter()
                .any(|p| p.name.starts_with("chrom") && p.name != "chromedriver"),
            "no browser in the group: {running:?}"
        );
        drop(driver);
        assert_eq!(in_group(group).len(), 0, "{:?}", in_group(group));
    })
    .await;
}

#[tokio::test]
async fn a_missing_chromedriver_says_how_to_install_it() {
    let error = Chromedriver::start(Some(Path::new("/nonexistent/chromedriver")))
        .await
        .unwrap_err();
    assert!(
        matches!(error, PortalError::ChromedriverNotFound { .. }),
        "{error:?}"
    );
    let message = error.to_string();
    assert!(message.contains("/nonexistent/chromedriver"), "{message}");
    assert!(
        message.contains("apt-get install -y chromium chromium-driver"),
        "{message}"
    );
    assert!(message.contains("saas.webdriver_url"), "{message}");
}
