//! `ClientConfig` checks, CA bundles, the HTTPS proxy, and `Debug` without secrets.

use std::io::{Read, Write};
use std::path::PathBuf;

use zoom_api::{Client, ClientConfig, Error, SecretString, Url};

use crate::support::{SECRET, assert_no_secret};

fn config() -> ClientConfig {
    ClientConfig::new("acc", "cid", SecretString::from(SECRET))
}

fn tmp_file(name: &str, contents: &str) -> PathBuf {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("zoom-api-{name}"));
    std::fs::write(&path, contents).unwrap();
    path
}

fn config_error(c: ClientConfig) -> String {
    match Client::new(c) {
        Err(Error::Config(m)) => m,
        other => panic!("expected a config error, got {other:?}"),
    }
}

#[test]
fn defaults() {
    let c = config();
    assert_eq!(c.api_url.as_str(), "https://api.zoom.us/");
    assert_eq!(c.oauth_url.as_str(), "https://zoom.us/");
    assert!(c.verify_ssl);
    assert_eq!(c.page_size, 300);
    assert_eq!(c.timeout.as_secs(), 30);
    assert_eq!(c.connect_timeout.as_secs(), 10);
    let gov = config().with_api_url(Url::parse("https://api.zoomgov.com").unwrap());
    assert_eq!(gov.oauth_url.as_str(), "https://zoomgov.com/");
    Client::new(c).unwrap();
}

#[test]
fn debug_never_shows_the_secret() {
    let mut c = config();
    c.https_proxy = Some(Url::parse(&format!("http://me:{SECRET}@proxy.example:3128")).unwrap());
    let client = Client::new(c.clone()).unwrap();
    for text in [
        format!("{c:?}"),
        format!("{c:#?}"),
        format!("{client:?}"),
        format!("{client:#?}"),
    ] {
        assert_no_secret(&text);
        assert!(text.contains("acc") && text.contains("cid"), "{text}");
    }
}

#[test]
fn invalid_settings_are_config_errors() {
    let mut c = config();
    c.page_size = 301;
    assert_eq!(config_error(c), "page_size 301 is out of range 1..=300");
    let mut c = config();
    c.api_url = Url::parse("ftp://api.zoom.us").unwrap();
    assert!(config_error(c).contains("must be an http or https url"));
    let mut c = config();
    c.account_id = " ".to_owned();
    assert_eq!(config_error(c), "account_id is empty");
    let mut c = config();
    c.client_secret = SecretString::from("");
    assert_eq!(config_error(c), "client_secret is empty");
    let err = Client::new({
        let mut c = config();
        c.page_size = 0;
        c
    })
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid configuration: page_size 0 is out of range 1..=300"
    );
}

#[test]
fn ca_cert_is_loaded_or_named_in_the_error() {
    let mut c = config();
    c.ca_cert = Some(PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/test-ca.pem"
    )));
    Client::new(c).unwrap();

    let missing = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("zoom-api-no-such.pem");
    let mut c = config();
    c.ca_cert = Some(missing.clone());
    let m = config_error(c);
    assert!(
        m.starts_with(&format!("could not read ca_cert {}", missing.display())),
        "{m}"
    );

    let garbage = tmp_file("garbage.pem", "this is not a certificate\n");
    let mut c = config();
    c.ca_cert = Some(garbage.clone());
    let m = config_error(c);
    assert!(
        m.contains(&garbage.display().to_string()) && m.contains("no pem certificate"),
        "{m}"
    );

    let corrupt = tmp_file(
        "corrupt.pem",
        "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n",
    );
    let mut c = config();
    c.ca_cert = Some(corrupt.clone());
    let m = config_error(c);
    assert!(m.contains(&corrupt.display().to_string()), "{m}");
}

#[test]
fn verify_ssl_false_builds() {
    let mut c = config();
    c.verify_ssl = false;
    Client::new(c).unwrap();
}

/// With `https_proxy` set, the token request goes through it (CONNECT zoom.us:443). The
/// "proxy" here accepts one connection, records the request line and refuses the tunnel, so
/// nothing leaves the machine.
#[tokio::test]
async fn https_requests_go_through_the_proxy() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let proxy = std::thread::spawn(move || {
        let (mut sock, _) = listener.accept().unwrap();
        let mut buf = [0u8; 1024];
        let n = sock.read(&mut buf).unwrap();
        sock.write_all(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
            .unwrap();
        String::from_utf8_lossy(&buf[..n]).into_owned()
    });
    let mut c = config();
    c.https_proxy = Some(Url::parse(&format!("http://user:{SECRET}@{addr}")).unwrap());
    let err = Client::new(c)
        .unwrap()
        .access_token_check()
        .await
        .unwrap_err();
    let request = proxy.join().unwrap();
    assert!(
        request.starts_with("CONNECT zoom.us:443 HTTP/1.1"),
        "{request}"
    );
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    let text = err.to_string();
    assert!(
        text.ends_with("check oauth_url, https_proxy and network"),
        "{text}"
    );
    assert_no_secret(&text);
    assert_no_secret(&format!("{err:?}"));
}
