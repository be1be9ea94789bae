//! The committed fixture pages (`fixtures/portal/*.html`, the simulator's pages as Chromium
//! showed them once filled) read field by field, without a browser.

use std::path::PathBuf;

use zoom_portal::map::{self, PortalMap};
use zoom_portal::{PortalError, extract};

/// `fixtures/portal/` at the workspace root.
pub(crate) fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/portal")
}

/// Every fixture page as (page name, HTML).
pub(crate) fn fixture_pages() -> Vec<(String, String)> {
    PortalMap::builtin()
        .pages()
        .iter()
        .map(|page| {
            let path = fixture_dir().join(format!("{}.html", page.name));
            let html = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (page.name.clone(), html)
        })
        .collect()
}

fn all(pages: &[(String, String)]) -> Result<zoom_portal::PortalFacts, PortalError> {
    extract::all(
        &PortalMap::builtin(),
        pages.iter().map(|(n, h)| (n.as_str(), h.as_str())),
    )
}

/// The fixture pages with `page`'s HTML changed by `edit`.
fn edited(page: &str, edit: impl Fn(&str) -> String) -> Vec<(String, String)> {
    fixture_pages()
        .into_iter()
        .map(|(name, html)| {
            let html = if name == page { edit(&html) } else { html };
            (name, html)
        })
        .collect()
}

#[test]
fn every_page_reads_field_by_field() {
    let facts = all(&fixture_pages()).unwrap();

    assert_eq!(facts.profile.account_name, "Adatum Systems");
    assert_eq!(facts.profile.account_number, "54422735");
    assert_eq!(facts.profile.owner_email, "william.bennett@adatum.example");

    let billing = &facts.billing;
    assert_eq!(billing.plan_name, "Business");
    assert_eq!(billing.seats_purchased, 14);
    assert_eq!(billing.seats_assigned, 14);
    assert_eq!(billing.cycle, "annual");
    assert_eq!(billing.amount_cents, 256_620);
    assert_eq!(billing.currency, "USD");
    assert_eq!(billing.renewal_date.as_deref(), Some("2026-01-02"));

    let security = &facts.security;
    assert_eq!(security.two_factor, "none");
    assert!(security.two_factor_targets.is_empty());
    assert_eq!(security.password_min_length, 8);
    assert!(security.password_special_character);
    assert_eq!(security.password_consecutive_characters_length, 0);
    assert!(!security.weak_enhance_detection);

    let sso = &facts.sso;
    assert!(sso.enabled);
    assert!(!sso.require_for_domains);
    assert_eq!(sso.idp_name, "Microsoft Entra ID");
    assert_eq!(sso.issuer, "https://sts.windows.net/aaa2c26ed46d01ce");
    assert_eq!(sso.domains, ["adatum.example"]);

    let roles: Vec<(&str, &str, u64, usize)> = facts
        .roles
        .iter()
        .map(|r| {
            (
                r.id.as_str(),
                r.name.as_str(),
                r.members,
                r.privileges.len(),
            )
        })
        .collect();
    assert_eq!(
        roles,
        [
            ("0", "Owner", 1, 11),
            ("1", "Admin", 2, 11),
            ("2", "Member", 17, 0),
            ("RCHgmc60lOAqfi7i64wHxzQ", "Help Desk", 0, 3),
            ("RDXldUlKqsHQpHGddwa3Aig", "Billing Admin", 0, 2),
            ("RdO2hAaozcmPwzcyjgII_5Q", "Auditor", 0, 2),
        ]
    );
    assert_eq!(
        facts.roles[3].privileges,
        ["Users:Read", "Users:Edit", "Reports:Read"]
    );

    let groups: Vec<(&str, &str, u64)> = facts
        .groups
        .iter()
        .map(|g| (g.id.as_str(), g.name.as_str(), g.members))
        .collect();
    assert_eq!(groups.len(), 7);
    assert_eq!(groups[0], ("yXWIyhTLUkBqToi-7XB5uA", "All Staff", 3));
    assert_eq!(groups[6], ("0EqLS4O_UGzmyLHLV-U9kQ", "Contractors", 1));

    assert_eq!(facts.users.len(), 20);
    let owner = &facts.users[0];
    assert_eq!(owner.email, "william.bennett@adatum.example");
    assert_eq!(owner.license_type, "Licensed");
    let settings: Vec<(&str, &str)> = owner
        .advanced_settings
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        settings,
        [
            ("cloud_recording", "off"),
            ("host_video", "off"),
            ("local_recording", "on"),
            ("waiting_room", "on"),
        ]
    );
    assert_eq!(
        facts.users[19].email,
        "room-sjc-b1-1f-summit@adatum.example"
    );

    assert_eq!(facts.integrations.len(), 7);
    let slack = &facts.integrations[0];
    assert_eq!(slack.app_id, "161EkdKasiQG54B4nVeSRA");
    assert_eq!(slack.name, "Slack for Zoom");
    assert_eq!(slack.developer, "THIRD_PARTY");
    assert_eq!(slack.scopes, ["meeting:write", "user:read"]);
    assert_eq!(slack.installed_by, "amara.taylor@adatum.example");
    assert_eq!(slack.installed_at, "2024-08-24T00:00:00Z");
    let developers: Vec<&str> = facts
        .integrations
        .iter()
        .map(|i| i.developer.as_str())
        .collect();
    assert_eq!(
        developers,
        [
            "THIRD_PARTY",
            "THIRD_PARTY",
            "THIRD_PARTY",
            "ZOOM",
            "INTERNAL",
            "THIRD_PARTY",
            "THIRD_PARTY"
        ]
    );
}

#[test]
fn two_factor_for_groups_names_the_groups() {
    let pages = edited("security", |html| {
        html.replace(
            r#"<dd data-field="two_factor_enabled">Off</dd>"#,
            r#"<dd data-field="two_factor_enabled">On</dd>"#,
        )
        .replace(
            r#"<dd data-field="two_factor_scope">—</dd>"#,
            r#"<dd data-field="two_factor_scope">Users in specific groups</dd>"#,
        )
        .replace(
            r#"<dd data-field="two_factor_targets"><ul></ul></dd>"#,
            r#"<dd data-field="two_factor_targets"><ul><li data-id="g1">Sales</li><li data-id="g2">EMEA</li></ul></dd>"#,
        )
    });
    let security = all(&pages).unwrap().security;
    assert_eq!(security.two_factor, "group");
    assert_eq!(security.two_factor_targets, ["Sales", "EMEA"]);
}

#[test]
fn a_plan_that_does_not_renew_has_no_renewal_date() {
    let pages = edited("billing", |html| {
        html.replace(r#"<time datetime="2026-01-02">Jan 2, 2026</time>"#, "—")
    });
    assert_eq!(all(&pages).unwrap().billing.renewal_date, None);
}

#[test]
fn a_changed_page_names_the_page_and_the_entry() {
    // The label still finds the field when its attribute changed: locators are tried in order.
    let pages = edited("sso", |html| {
        html.replace(r#"data-field="issuer""#, r#"data-field="entity""#)
    });
    assert!(all(&pages).is_ok());

    let pages = edited("sso", |html| {
        html.replace(r#"data-field="issuer""#, r#"data-field="entity""#)
            .replace(">Issuer (IdP Entity ID)<", ">Entity<")
    });
    let error = all(&pages).unwrap_err();
    assert!(
        matches!(error, PortalError::PageChanged { .. }),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "the portal's sso page has changed: entry `sso.issuer` of the built-in portal map \
         matches nothing (tried label \"Issuer (IdP Entity ID)\", css \
         `dd[data-field=\"issuer\"]`); correct that entry in a copy of the portal map and set \
         saas.portal_map to the copy"
    );

    let pages = edited("roles", |html| {
        html.replace(r#"class="role-name""#, r#"class="name""#)
    });
    let error = all(&pages).unwrap_err().to_string();
    assert!(error.contains("roles page"), "{error}");
    assert!(error.contains("entry `roles.name`"), "{error}");

    let pages = edited("integrations", |html| {
        html.replace(">Internal<", ">In-house<")
    });
    let error = all(&pages).unwrap_err().to_string();
    assert!(error.contains("integrations page"), "{error}");
    assert!(
        error.contains("entry `integrations.developer` shows an unknown value \"In-house\""),
        "{error}"
    );

    let pages = edited("billing", |html| html.replace("USD 2,566.20", "2.566,20 €"));
    let error = all(&pages).unwrap_err().to_string();
    assert!(error.contains("billing page"), "{error}");
    assert!(
        error.contains("entry `billing.amount` unreadable"),
        "{error}"
    );
}

#[test]
fn a_page_not_yet_filled_or_failed_is_not_read_as_empty() {
    let pages = edited("users", |html| {
        html.replace(r#"data-state="ready""#, r#"data-state="loading""#)
    });
    let error = all(&pages).unwrap_err().to_string();
    assert!(
        error.contains("users page has changed: entry `page.ready`"),
        "{error}"
    );

    let pages = edited("roles", |_| {
        r#"<html><body><main id="content" data-state="error"><div role="alert">Service unavailable</div></main></body></html>"#
            .to_owned()
    });
    let error = all(&pages).unwrap_err();
    assert!(matches!(error, PortalError::PageFailed { .. }), "{error:?}");
    assert!(error.to_string().contains("Service unavailable"), "{error}");
}

#[test]
fn the_built_in_map_marks_every_entry_evidenced_or_assumed() {
    let map = PortalMap::builtin();
    assert_eq!(map.version, map::VERSION);
    for (name, entry) in &map.entries {
        let basis = &entry.basis;
        assert!(
            basis.evidence.is_some() != basis.assumed.is_some(),
            "{name}: {basis:?}"
        );
    }
    for (name, _) in map::REQUIRED {
        assert!(map.entries.contains_key(*name), "{name}");
    }
    assert!(map.clouds.contains_key("zoom") && map.clouds.contains_key("zoomgov"));
}

#[test]
fn a_map_file_is_checked_when_loaded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("portal-map.toml");
    let write = |text: &str| std::fs::write(&path, text).unwrap();

    write(map::BUILTIN);
    assert_eq!(
        PortalMap::from_file(&path).unwrap().entries,
        PortalMap::builtin().entries
    );

    write(&map::BUILTIN.replace("version = 1", "version = 2"));
    let error = PortalMap::from_file(&path).unwrap_err().to_string();
    assert!(error.contains("version 2"), "{error}");
    assert!(error.contains("saas.portal_map"), "{error}");

    write(&map::BUILTIN.replace("[entries.\"billing.amount\"]", "[entries.\"billing.sum\"]"));
    let error = PortalMap::from_file(&path).unwrap_err().to_string();
    assert!(
        error.contains("entry `billing.amount` is missing"),
        "{error}"
    );

    let unsourced = map::BUILTIN.replacen(
        "evidence = \"Billing Cycle: Annual or Monthly (KB0057803)\"",
        "",
        1,
    );
    write(&unsourced);
    let error = PortalMap::from_file(&path).unwrap_err().to_string();
    assert!(error.contains("entry `billing.cycle` must say"), "{error}");

    write(&map::BUILTIN.replace("css = \"table#roles\"", "css = \"table[\""));
    let error = PortalMap::from_file(&path).unwrap_err().to_string();
    assert!(error.contains("entry `roles.table`"), "{error}");

    let error = PortalMap::from_file(&dir.path().join("none.toml"))
        .unwrap_err()
        .to_string();
    assert!(error.contains("cannot read it"), "{error}");
}
