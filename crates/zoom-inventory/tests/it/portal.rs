//! `fetch` with the web portal (`saas.enabled`), through real headless Chromium against the
//! simulator: the SaaS records equal the simulated account field by field, a second run reuses
//! the session, each portal failure makes the run partial with a message naming its cause, and
//! neither the password nor the TOTP secret is ever written anywhere.
//!
//! Browser tests run one at a time (each starts chromedriver and Chromium).

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Output;
use std::sync::Mutex;

use serde_json::{Value, json};
use zoom_sim::{PortalRefusal, SimConfig};

use crate::support::{Sim, assert_code, export, runs, stderr, stdout, zi};

/// One browser at a time (the posture report's test takes it too).
static BROWSER: Mutex<()> = Mutex::new(());

pub(crate) fn serially<T>(test: impl FnOnce() -> T) -> T {
    let _guard = BROWSER
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    test()
}

/// A simulated Business account of `users` users.
fn sim(users: usize, seed: u64) -> Sim {
    Sim::start(SimConfig {
        users,
        seed,
        ..SimConfig::default()
    })
}

/// `fetch --saas-enabled true` into `db`, with the portal user's password and `mfa_secret`
/// from the environment (a trace-level log on stderr).
fn fetch_with_portal(sim: &Sim, db: &Path, password: &str, mfa_secret: &str) -> Output {
    fetch_with_path(
        sim,
        db,
        password,
        mfa_secret,
        &std::env::var("PATH").unwrap_or_default(),
    )
}

/// As [`fetch_with_portal`], with this `PATH` (where chromedriver is looked for).
fn fetch_with_path(sim: &Sim, db: &Path, password: &str, mfa_secret: &str, path: &str) -> Output {
    let user = sim.sim.account().saas.portal_user.clone();
    let mut args: Vec<String> = [
        "-vvv",
        "--quiet",
        "fetch",
        "--db",
        db.to_str().expect("utf-8 path"),
        "--asset-types",
        "h323",
        "--saas-enabled",
        "true",
        "--portal-url",
        &sim.sim.portal_url(),
        "--portal-username",
        &user.email,
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    args.extend(sim.url_flags());
    let mut env = sim.env();
    env.push(("ZOOM_PORTAL_PASSWORD", password.to_owned()));
    env.push(("ZOOM_MFA_SECRET", mfa_secret.to_owned()));
    env.push(("PATH", path.to_owned()));
    zi(&args, &env)
}

fn by_id(records: &[Value], kind: &str) -> BTreeMap<String, Value> {
    records
        .iter()
        .filter(|r| r["kind"] == kind)
        .map(|r| (r["id"].as_str().expect("id").to_owned(), r.clone()))
        .collect()
}

/// Every file's bytes under `dir` (the database, its WAL, the session file).
fn files_under(dir: &Path) -> Vec<(String, Vec<u8>)> {
    std::fs::read_dir(dir)
        .expect("dir")
        .filter_map(Result::ok)
        .filter(|entry| entry.path().is_file())
        .map(|entry| {
            (
                entry.path().display().to_string(),
                std::fs::read(entry.path()).expect("read"),
            )
        })
        .collect()
}

fn assert_nowhere(secret: &str, outputs: &[&Output], dir: &Path) {
    for output in outputs {
        assert!(!stdout(output).contains(secret), "secret on stdout");
        assert!(!stderr(output).contains(secret), "secret on stderr");
    }
    for (path, bytes) in files_under(dir) {
        assert!(
            !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
            "secret in {path}"
        );
    }
}

#[test]
fn the_portal_completes_the_saas_records_and_its_session_is_reused() {
    serially(|| {
        let sim = sim(40, 5);
        let account = sim.sim.account();
        let user = account.saas.portal_user.clone();
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("inventory.db");

        let first = fetch_with_portal(&sim, &db, &user.password, &user.mfa_secret);
        assert_code(&first, 0);
        let second = fetch_with_portal(&sim, &db, &user.password, &user.mfa_secret);
        assert_code(&second, 0);
        // The second run reused the session: one sign-in in all.
        assert_eq!(sim.sim.portal_sign_ins(), 1);
        let sign_in_posts = sim
            .sim
            .requests()
            .iter()
            .filter(|r| r.method == "POST" && r.path.starts_with("/signin"))
            .count();
        assert_eq!(sign_in_posts, 2, "one password and one code, once");

        let records = export(&db);
        let saas = &account.saas;
        let accounts = by_id(&records, "account");
        let record = &accounts[&format!("account:{}", account.account_id)];
        let owner = account.owner();
        let expected = json!({
            "name": account.company,
            "account_number": account.account_number.to_string(),
            "owner_email": owner.email,
            "plan": saas.subscription.plan_name,
            "seats_purchased": saas.subscription.seats_purchased,
            "seats_assigned": account.seats_assigned(),
            "renewal_date": saas.subscription.renewal_date.map(|d| d.to_string()),
            "billing_cycle": saas.subscription.cycle.as_str(),
            "billing_amount_cents": saas.subscription.amount_cents,
            "billing_currency": saas.subscription.currency,
            "sso_enabled": saas.sso.enabled,
            "sso_idp": if saas.sso.enabled { json!(saas.sso.idp_name) } else { Value::Null },
            "two_factor_enforcement": saas.security.two_factor.as_str(),
            "password_min_length": saas.security.password_min_length,
            "waiting_room": saas.meetings.waiting_room,
            "recording_auto_delete": saas.recording.auto_delete,
        });
        for (field, value) in expected.as_object().expect("object") {
            assert_eq!(&record[field], value, "account.{field}");
        }
        for field in ["name", "renewal_date", "billing_amount_cents", "plan"] {
            assert_eq!(record["sources"][field], "portal", "source of {field}");
        }
        if saas.sso.enabled {
            assert_eq!(record["sources"]["sso_idp"], "portal");
        }
        assert_eq!(record["sources"]["two_factor_enforcement"], "api");

        let licenses = by_id(&records, "license");
        let meetings = &licenses["license:meetings"];
        assert_eq!(meetings["plan"], saas.subscription.plan_name.as_str());
        assert_eq!(
            meetings["renewal_date"],
            json!(saas.subscription.renewal_date.map(|d| d.to_string()))
        );
        assert_eq!(meetings["purchased"], saas.subscription.seats_purchased);
        assert_eq!(meetings["assigned"], account.seats_assigned());

        let roles = by_id(&records, "role");
        assert_eq!(roles.len(), account.roles.len());
        for (id, privileges) in &saas.role_privileges {
            assert_eq!(
                roles[&format!("role:{id}")]["privileges"],
                json!(privileges)
            );
        }
        let groups = by_id(&records, "group");
        for group in &account.groups {
            let record = &groups[&format!("group:{}", group.id)];
            assert_eq!(record["name"], group.name.as_str());
            assert_eq!(record["total_members"], group.total_members);
        }
        let apps = by_id(&records, "app");
        assert_eq!(apps.len(), saas.apps.len());
        for app in &saas.apps {
            let record = &apps[&format!("app:{}", app.app_id)];
            let scopes: Vec<&str> = app.scopes.iter().map(|(s, _)| s.as_str()).collect();
            // The scopes an app requests come from the API even when the portal is read.
            assert_eq!(
                record["requested_scopes"],
                json!(scopes),
                "{}",
                app.app_name
            );
            assert_eq!(record["sources"]["requested_scopes"], "api");
            assert_eq!(record["installed_by"], user.email.as_str());
        }

        // The session file: owner-only, and neither secret in it (nor anywhere else).
        let session = dir.path().join("inventory.db.portal-session");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&session)
                .expect("session file")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        for secret in [&user.password, &user.mfa_secret] {
            assert_nowhere(secret, &[&first, &second], dir.path());
        }
    });
}

/// What every failed portal step must leave: exit 3, the run partial and naming the cause, the
/// API's records of the run stored, and no secret anywhere.
fn assert_partial_because(output: &Output, db: &Path, cause: &str, secrets: &[&str]) {
    assert_code(output, 3);
    let text = stdout(output);
    assert!(text.contains("partial: saas/portal: "), "{text}");
    assert!(text.contains(cause), "expected {cause:?} in:\n{text}");
    assert!(!stderr(output).contains("panicked"));
    let runs = runs(db);
    assert_eq!(runs[0]["status"], "partial");
    let records = export(db);
    assert!(records.iter().any(|r| r["kind"] == "user"));
    assert!(records.iter().any(|r| r["kind"] == "account"));
    for secret in secrets {
        assert_nowhere(secret, &[output], db.parent().expect("dir"));
    }
}

#[test]
fn each_portal_failure_is_a_partial_run_naming_its_cause() {
    serially(|| {
        let sim = sim(20, 6);
        let user = sim.sim.account().saas.portal_user.clone();
        let system_path = std::env::var("PATH").unwrap_or_default();
        let wrong = "Not-The-Password-1!";
        let other_secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
        let malformed = "not-base32-at-all!";
        // (password, TOTP secret, PATH, what the run's reason must say)
        let cases = [
            (
                wrong,
                user.mfa_secret.as_str(),
                system_path.as_str(),
                "the portal refused the password",
            ),
            (
                user.password.as_str(),
                other_secret,
                system_path.as_str(),
                "the portal refused the two-factor code",
            ),
            // Refused before any browser starts.
            (
                user.password.as_str(),
                malformed,
                system_path.as_str(),
                "saas.mfa_secret is not a valid base32 TOTP secret",
            ),
            (
                user.password.as_str(),
                user.mfa_secret.as_str(),
                "/nonexistent",
                "chromedriver not found (chromedriver on PATH): install it with `apt-get install -y chromium chromium-driver`",
            ),
        ];
        for (password, secret, path, cause) in cases {
            let dir = tempfile::tempdir().expect("temp dir");
            let db = dir.path().join("inventory.db");
            let output = fetch_with_path(&sim, &db, password, secret, path);
            assert_partial_because(&output, &db, cause, &[password, secret]);
        }

        // A locked account: the first failure locks it; then even the right password fails.
        let locking = Sim::start(SimConfig {
            users: 20,
            seed: 7,
            portal_max_failures: 1,
            ..SimConfig::default()
        });
        let user = locking.sim.account().saas.portal_user.clone();
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("inventory.db");
        let output = fetch_with_portal(&locking, &db, wrong, &user.mfa_secret);
        assert_code(&output, 3);
        let output = fetch_with_portal(&locking, &db, &user.password, &user.mfa_secret);
        assert_partial_because(
            &output,
            &db,
            "the portal has locked",
            &[&user.password, &user.mfa_secret],
        );

        // Refusals no password fixes: each names its fix.
        for (refusal, cause) in [
            (
                PortalRefusal::Captcha,
                "the portal's bot check refused the sign-in (the portal said: An error with \
                 reCAPTCHA occured): sign in once as the portal user in a browser",
            ),
            (
                PortalRefusal::IdentityProvider,
                "to an identity provider (localhost): the portal user must be allowed to sign \
                 in with a password",
            ),
            (
                PortalRefusal::NewDevice,
                "the portal asked for a verification code it e-mailed to",
            ),
            (
                PortalRefusal::CookieBanner,
                "the portal's cookie banner stayed over the sign-in form",
            ),
        ] {
            let refusing = Sim::start(SimConfig {
                users: 20,
                seed: 7,
                portal_refusal: Some(refusal),
                ..SimConfig::default()
            });
            let user = refusing.sim.account().saas.portal_user.clone();
            let dir = tempfile::tempdir().expect("temp dir");
            let db = dir.path().join("inventory.db");
            let output = fetch_with_portal(&refusing, &db, &user.password, &user.mfa_secret);
            assert_partial_because(&output, &db, cause, &[&user.password, &user.mfa_secret]);
        }
    });
}

#[test]
fn check_signs_in_to_the_portal_and_names_a_refused_password() {
    serially(|| {
        let sim = sim(10, 8);
        let user = sim.sim.account().saas.portal_user.clone();
        let check = |password: &str| {
            let mut args: Vec<String> = [
                "check",
                "--format",
                "ndjson",
                "--saas-enabled",
                "true",
                "--portal-url",
                &sim.sim.portal_url(),
                "--portal-username",
                &user.email,
            ]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
            args.extend(sim.url_flags());
            let mut env = sim.env();
            env.push(("ZOOM_PORTAL_PASSWORD", password.to_owned()));
            env.push(("ZOOM_MFA_SECRET", user.mfa_secret.clone()));
            env.push(("PATH", std::env::var("PATH").unwrap_or_default()));
            zi(&args, &env)
        };
        let portal_line = |output: &Output| -> Value {
            stdout(output)
                .lines()
                .map(|line| serde_json::from_str::<Value>(line).expect("JSON"))
                .find(|check| check["source"] == "saas/portal")
                .expect("a saas/portal check")
        };
        let good = check(&user.password);
        assert_code(&good, 0);
        assert_eq!(portal_line(&good)["status"], "ok");

        let bad = check("Wrong-Password-9");
        assert_code(&bad, 1);
        let line = portal_line(&bad);
        assert_eq!(line["status"], "error");
        let detail = line["detail"].as_str().expect("detail");
        assert!(detail.contains("refused the password"), "{detail}");
        assert!(!stdout(&bad).contains("Wrong-Password-9"));
    });
}
