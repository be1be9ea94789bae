//! The web portal at the HTTP level (no browser): sign-in, 2FA, sessions, lockout, and the JSON
//! the pages fill themselves from.

use std::collections::HashMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::Value;
use zoom_sim::{SimConfig, Simulator, TwoFactor, UserStatus, UserType};

use crate::common::config;

/// A browser-like client: keeps cookies, does not follow redirects.
struct Visitor {
    client: reqwest::Client,
    base: String,
    cookies: HashMap<String, String>,
}

/// A response: status, `Location`, body.
#[derive(Debug)]
struct Page {
    status: u16,
    location: Option<String>,
    body: String,
}

impl Visitor {
    fn new(sim: &Simulator) -> Visitor {
        let _ = rustls::crypto::ring::default_provider().install_default();
        Visitor {
            client: reqwest::Client::builder()
                .no_proxy()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            base: sim.portal_url(),
            cookies: HashMap::new(),
        }
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    async fn finish(&mut self, response: reqwest::Response) -> Page {
        for value in response.headers().get_all(reqwest::header::SET_COOKIE) {
            let pair = value.to_str().unwrap().split(';').next().unwrap();
            let (name, value) = pair.split_once('=').unwrap();
            if value.is_empty() {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_owned(), value.to_owned());
            }
        }
        Page {
            status: response.status().as_u16(),
            location: response
                .headers()
                .get(reqwest::header::LOCATION)
                .map(|v| v.to_str().unwrap().to_owned()),
            body: response.text().await.unwrap(),
        }
    }

    async fn get(&mut self, path: &str) -> Page {
        let response = self
            .client
            .get(format!("{}{path}", self.base))
            .header(reqwest::header::COOKIE, self.cookie_header())
            .send()
            .await
            .unwrap();
        self.finish(response).await
    }

    async fn post(&mut self, path: &str, form: &[(&str, &str)]) -> Page {
        let response = self
            .client
            .post(format!("{}{path}", self.base))
            .header(reqwest::header::COOKIE, self.cookie_header())
            .form(form)
            .send()
            .await
            .unwrap();
        self.finish(response).await
    }

    async fn json(&mut self, path: &str) -> (u16, Value) {
        let page = self.get(path).await;
        (page.status, serde_json::from_str(&page.body).unwrap())
    }

    /// Opens the sign-in page and posts e-mail and password.
    async fn password(&mut self, email: &str, password: &str) -> Page {
        let form = self.get("/signin").await;
        assert_eq!(form.status, 200);
        let csrf = self.cookies["_zm_csrf"].clone();
        assert!(
            form.body.contains(&format!("value=\"{csrf}\"")),
            "{}",
            form.body
        );
        self.post(
            "/signin",
            &[
                ("csrf_token", &csrf),
                ("email", email),
                ("password", password),
            ],
        )
        .await
    }

    async fn code(&mut self, code: &str) -> Page {
        self.post("/signin/otp", &[("code", code)]).await
    }
}

/// The current TOTP code of `secret`, computed independently of the simulator.
fn current_code(secret: &str) -> String {
    let secret = totp_rs::Secret::try_from_base32(secret).unwrap();
    let totp = totp_rs::Builder::new().with_secret(secret).build().unwrap();
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    totp.generate(now).to_string()
}

/// A code that is certainly not the current one (nor a neighbour's: digits shifted).
fn wrong_code(secret: &str) -> String {
    current_code(secret)
        .chars()
        .map(|c| char::from(b'0' + (c.to_digit(10).unwrap() as u8 + 5) % 10))
        .collect()
}

async fn sim(config: SimConfig) -> Simulator {
    Simulator::start(config).await.unwrap()
}

/// Signs in fully; returns the visitor with its session.
async fn signed_in(sim: &Simulator) -> Visitor {
    let user = sim.account().saas.portal_user.clone();
    let mut visitor = Visitor::new(sim);
    let page = visitor.password(&user.email, &user.password).await;
    assert_eq!(
        (page.status, page.location.as_deref()),
        (303, Some("/signin/otp"))
    );
    let page = visitor.code(&current_code(&user.mfa_secret)).await;
    assert_eq!(
        (page.status, page.location.as_deref()),
        (303, Some("/profile")),
        "{}",
        page.body
    );
    visitor
}

#[tokio::test]
async fn signing_in_takes_password_then_code_and_opens_the_pages() {
    let sim = sim(config(30)).await;
    let mut visitor = Visitor::new(&sim);
    // Without a session, pages send to the sign-in page and the JSON says 401.
    let page = visitor.get("/billing").await;
    assert_eq!(
        (page.status, page.location.as_deref()),
        (302, Some("/signin"))
    );
    let (status, body) = visitor.json("/api/portal/billing").await;
    assert_eq!((status, &body["errorCode"]), (401, &Value::from(201)));
    // Nor is the 2FA page open before the password.
    let page = visitor.get("/signin/otp").await;
    assert_eq!(
        (page.status, page.location.as_deref()),
        (302, Some("/signin"))
    );

    let mut visitor = signed_in(&sim).await;
    assert_eq!(sim.portal_sign_ins(), 1);
    let user = sim.account().saas.portal_user.clone();
    for path in [
        "/profile",
        "/billing",
        "/account/setting/security",
        "/account/sso",
        "/role",
        "/account/group",
        "/account/user",
        "/marketplace/installed",
    ] {
        let page = visitor.get(path).await;
        assert_eq!(page.status, 200, "{path}");
        assert!(page.body.contains("id=\"portal-nav\""), "{path}");
        assert!(page.body.contains(&user.email), "{path}");
        // Empty until its script has fetched the data.
        assert!(page.body.contains("data-state=\"loading\""), "{path}");
        assert!(page.body.contains("setTimeout"), "{path}");
    }
    // The portal is not behind the API's gate, but every request is logged.
    let log = sim.requests();
    assert!(
        log.iter()
            .any(|r| r.method == "POST" && r.path == "/signin")
    );
    assert!(
        log.iter()
            .any(|r| r.path == "/account/user" && r.status == 200)
    );
    // Signing out ends the session.
    visitor.get("/signout").await;
    assert_eq!(visitor.get("/profile").await.status, 302);
}

#[tokio::test]
async fn a_wrong_password_or_a_missing_csrf_token_is_refused() {
    let sim = sim(config(30)).await;
    let user = sim.account().saas.portal_user.clone();
    let mut visitor = Visitor::new(&sim);
    let page = visitor.password(&user.email, "not-the-password").await;
    assert_eq!(page.status, 401);
    assert!(
        page.body.contains("data-error=\"credentials\""),
        "{}",
        page.body
    );
    assert!(page.body.contains("Incorrect email or password."));
    assert!(!visitor.cookies.contains_key("_zm_mfa"));
    let page = visitor.password("nobody@example.com", &user.password).await;
    assert_eq!(page.status, 401);

    let mut visitor = Visitor::new(&sim);
    let page = visitor
        .post(
            "/signin",
            &[("email", user.email.as_str()), ("password", &user.password)],
        )
        .await;
    assert_eq!(page.status, 403);
    assert!(page.body.contains("data-error=\"csrf\""), "{}", page.body);
    assert_eq!(sim.portal_sign_ins(), 0);
}

#[tokio::test]
async fn a_wrong_code_is_refused_and_a_used_code_cannot_be_used_again() {
    let sim = sim(config(30)).await;
    let user = sim.account().saas.portal_user.clone();
    let mut visitor = Visitor::new(&sim);
    visitor.password(&user.email, &user.password).await;
    let page = visitor.code(&wrong_code(&user.mfa_secret)).await;
    assert_eq!(page.status, 401);
    assert!(page.body.contains("data-error=\"code\""), "{}", page.body);
    assert!(page.body.contains("Invalid verification code"));
    let code = current_code(&user.mfa_secret);
    let page = visitor.code(&code).await;
    assert_eq!(page.status, 303, "{}", page.body);

    // The same code for a second sign-in: refused as reused, which is not a failure.
    let mut second = Visitor::new(&sim);
    second.password(&user.email, &user.password).await;
    let page = second.code(&code).await;
    assert_eq!(page.status, 409);
    assert!(page.body.contains("data-error=\"reused\""), "{}", page.body);
    assert!(page.body.contains("already been used"));
    assert_eq!(sim.portal_sign_ins(), 1);
}

#[tokio::test]
async fn repeated_failures_lock_the_account_for_the_lockout_period() {
    let sim = sim(SimConfig {
        portal_max_failures: 3,
        ..config(30)
    })
    .await;
    let user = sim.account().saas.portal_user.clone();
    let mut visitor = Visitor::new(&sim);
    // Failures of both kinds count.
    visitor.password(&user.email, "wrong-1").await;
    visitor.password(&user.email, &user.password).await;
    let page = visitor.code(&wrong_code(&user.mfa_secret)).await;
    assert!(page.body.contains("data-error=\"code\""), "{}", page.body);
    let page = visitor.password(&user.email, "wrong-2").await;
    assert_eq!(page.status, 423);
    assert!(page.body.contains("data-error=\"locked\""), "{}", page.body);
    assert!(
        page.body
            .contains("Your account has been locked because of too many failed sign-in attempts. Try again in 30 minutes."),
        "{}",
        page.body
    );
    // Locked even with the right password.
    let page = visitor.password(&user.email, &user.password).await;
    assert_eq!(page.status, 423);
    sim.advance_clock(Duration::from_secs(29 * 60));
    assert_eq!(
        visitor.password(&user.email, &user.password).await.status,
        423
    );
    sim.advance_clock(Duration::from_secs(60));
    let page = visitor.password(&user.email, &user.password).await;
    assert_eq!(page.status, 303, "{}", page.body);
}

#[tokio::test]
async fn an_expired_session_sends_back_to_sign_in() {
    let sim = sim(SimConfig {
        portal_session_ttl: Duration::from_secs(600),
        ..config(30)
    })
    .await;
    let mut visitor = signed_in(&sim).await;
    assert_eq!(visitor.get("/billing").await.status, 200);
    sim.advance_clock(Duration::from_secs(599));
    assert_eq!(visitor.get("/billing").await.status, 200);
    sim.advance_clock(Duration::from_secs(2));
    let page = visitor.get("/billing").await;
    assert_eq!(
        (page.status, page.location.as_deref()),
        (302, Some("/signin"))
    );
    assert_eq!(visitor.json("/api/portal/billing").await.0, 401);
}

#[tokio::test]
async fn the_json_is_the_account() {
    let sim = sim(config(60)).await;
    sim.edit(|account| {
        account.saas.security.two_factor = TwoFactor::Roles(vec!["1".to_owned()]);
    });
    let account = sim.account();
    let mut visitor = signed_in(&sim).await;

    let (_, profile) = visitor.json("/api/portal/profile").await;
    assert_eq!(profile["result"]["accountName"], account.company.as_str());
    assert_eq!(profile["result"]["accountNumber"], account.account_number);
    assert_eq!(
        profile["result"]["owner"]["email"],
        account.owner().email.as_str()
    );

    let (_, billing) = visitor.json("/api/portal/billing").await;
    let plan = &billing["result"]["plan"];
    let subscription = &account.saas.subscription;
    // Seats in use: licensed users, not pending, not Zoom Rooms (counted as rooms).
    let room_users: Vec<&str> = account.rooms.iter().map(|r| r.user_id.as_str()).collect();
    let licensed = account
        .users
        .iter()
        .filter(|u| u.user_type == UserType::Licensed && u.status != UserStatus::Pending)
        .filter(|u| !room_users.contains(&u.id.as_str()))
        .count();
    assert_eq!(account.seats_assigned(), licensed);
    assert_eq!(plan["usedHosts"], licensed);
    assert_eq!(plan["hosts"], subscription.seats_purchased);
    assert_eq!(plan["amount"], subscription.amount_cents);
    assert_eq!(plan["billingCycle"], subscription.cycle.as_str());
    assert_eq!(
        plan["nextBillingDate"],
        subscription.renewal_date.map(|d| d.to_string()).unwrap()
    );

    let (_, security) = visitor.json("/api/portal/security").await;
    let security = &security["result"];
    assert_eq!(security["twoFactorAuthScope"], "role");
    assert_eq!(security["twoFactorAuthRoles"][0]["name"], "Admin");
    assert_eq!(
        security["passwordRequirement"]["minimumPasswordLength"],
        account.saas.security.password_min_length
    );

    let (_, sso) = visitor.json("/api/portal/sso").await;
    assert_eq!(sso["result"]["enabled"], account.saas.sso.enabled);
    assert_eq!(
        sso["result"]["idp"]["name"],
        account.saas.sso.idp_name.as_str()
    );

    let (_, roles) = visitor.json("/api/portal/roles").await;
    let roles = roles["result"]["roles"].as_array().unwrap();
    assert_eq!(roles.len(), account.roles.len());
    let admin = roles.iter().find(|r| r["id"] == "1").unwrap();
    assert!(
        admin["privileges"]
            .as_array()
            .unwrap()
            .contains(&Value::from("Billing:Edit"))
    );

    let (_, users) = visitor.json("/api/portal/users").await;
    let users = users["result"]["users"].as_array().unwrap();
    assert_eq!(users.len(), account.users.len());
    for (json, user) in users.iter().zip(&account.users) {
        assert_eq!(json["email"], user.email.as_str());
        assert_eq!(json["type"], user.user_type.code());
        for (name, on) in account.user_advanced_settings(user) {
            assert_eq!(json["settings"][name], on, "{} {name}", user.email);
        }
    }

    let (_, apps) = visitor.json("/api/portal/integrations").await;
    let apps = apps["result"]["apps"].as_array().unwrap();
    assert_eq!(apps.len(), account.saas.apps.len());
    let approver = account.user(&account.saas.apps[0].approver_id).unwrap();
    assert_eq!(apps[0]["approver"]["email"], approver.email.as_str());
    assert_eq!(
        apps[0]["scopes"].as_array().unwrap().len(),
        account.saas.apps[0].scopes.len()
    );
}

#[tokio::test]
async fn a_user_without_2fa_is_signed_in_by_the_password() {
    let sim = sim(config(30)).await;
    sim.edit(|account| account.saas.portal_user.mfa_secret.clear());
    let user = sim.account().saas.portal_user.clone();
    let mut visitor = Visitor::new(&sim);
    let page = visitor.password(&user.email, &user.password).await;
    assert_eq!(
        (page.status, page.location.as_deref()),
        (303, Some("/profile"))
    );
    assert_eq!(visitor.get("/profile").await.status, 200);
    assert_eq!(sim.portal_sign_ins(), 1);
}
