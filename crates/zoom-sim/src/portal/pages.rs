//! The pages behind the session. Each is served empty (`<main data-state="loading">`); its script
//! waits a random 50-250 ms, fetches the page's JSON, renders it with DOM calls and sets
//! `data-state="ready"` (or `"error"` with an alert). Without a valid session a page redirects to
//! `/signin`.
//!
//! Markup conventions (what a scraper keys on): key-value pages are a `<dl>` whose `<dd>`s carry
//! `data-field`; list pages are a `<table id=...>` whose rows carry `data-id` and whose cells carry
//! a class per column; lists inside a cell are `<ul><li>`; dates are `<time datetime=...>`.

use std::sync::Arc;

use axum::extract::{MatchedPath, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::auth::redirect;
use super::escape;
use crate::http::server::AppState;

/// One page: path, `data-page`, title, JSON endpoint, and the body of its `render(result)`.
#[derive(Debug)]
pub(crate) struct Page {
    pub(crate) path: &'static str,
    id: &'static str,
    title: &'static str,
    api: &'static str,
    render: &'static str,
}

pub(crate) const PAGES: &[Page] = &[
    Page {
        path: "/profile",
        id: "profile",
        title: "Account Profile",
        api: "/api/portal/profile",
        render: r#"
      return kv([
        ['Account Name', 'account_name', r.accountName],
        ['Account No.', 'account_number', String(r.accountNumber)],
        ['Account Owner', 'owner_email', r.owner.email]
      ]);"#,
    },
    Page {
        path: "/billing",
        id: "billing",
        title: "Billing",
        api: "/api/portal/billing",
        render: r#"
      var p = r.plan;
      return kv([
        ['Plan', 'plan_name', p.name],
        ['Licenses Purchased', 'seats_purchased', String(p.hosts)],
        ['Licenses Assigned', 'seats_assigned', String(p.usedHosts)],
        ['Billing Cycle', 'cycle', p.billingCycle === 'annual' ? 'Annual' : 'Monthly'],
        ['Amount', 'amount', money(p.amount, p.currency)],
        ['Next Billing Date', 'renewal_date', p.nextBillingDate ? time(p.nextBillingDate) : '\u2014'],
        ['Service Effective Date', 'service_effective_date', time(p.serviceEffectiveDate)]
      ]);"#,
    },
    Page {
        path: "/account/setting/security",
        id: "security",
        title: "Security",
        api: "/api/portal/security",
        render: r#"
      var scope = { all: 'All users in your account', role: 'Users with specific roles', group: 'Users in specific groups' };
      var targets = r.twoFactorAuthRoles.concat(r.twoFactorAuthGroups).map(function (t) {
        return el('li', { 'data-id': t.id }, t.name);
      });
      var pw = r.passwordRequirement;
      return kv([
        ['Sign in with Two-Factor Authentication', 'two_factor_enabled', onOff(r.signInWithTwoFactorAuth)],
        ['Two-Factor Authentication applies to', 'two_factor_scope', r.twoFactorAuthScope ? scope[r.twoFactorAuthScope] : '\u2014'],
        ['Selected roles or groups', 'two_factor_targets', list(targets)],
        ['Minimum password length', 'password_min_length', pw.minimumPasswordLength + ' characters'],
        ['Have at least 1 special character', 'password_special_character', onOff(pw.haveSpecialCharacter)],
        ['Maximum consecutive characters', 'password_consecutive_characters_length', pw.consecutiveCharactersLength ? String(pw.consecutiveCharactersLength) : 'Off'],
        ['Enhanced weak password detection', 'weak_enhance_detection', onOff(pw.weakEnhanceDetection)],
        ['Sign in again after inactivity on the web', 'sign_again_period', r.signAgainPeriodForInactivityOnWeb ? r.signAgainPeriodForInactivityOnWeb + ' minutes' : 'Off']
      ]);"#,
    },
    Page {
        path: "/account/sso",
        id: "sso",
        title: "Single Sign-On",
        api: "/api/portal/sso",
        render: r#"
      return kv([
        ['Single Sign-On', 'enabled', r.enabled ? 'Enabled' : 'Disabled'],
        ['Users of managed domains must sign in with SSO', 'require_for_domains', onOff(r.enforceForDomains)],
        ['Identity Provider', 'idp_name', r.idp.name || '\u2014'],
        ['Issuer (IdP Entity ID)', 'issuer', r.idp.issuer || '\u2014'],
        ['Managed Domains', 'domains', list(r.domains.map(function (d) { return el('li', null, d); }))]
      ]);"#,
    },
    Page {
        path: "/role",
        id: "roles",
        title: "Roles",
        api: "/api/portal/roles",
        render: r#"
      return table('roles', ['Role', 'Members', 'Privileges'], r.roles.map(function (x) {
        return row(x.id, [
          ['role-name', x.name],
          ['role-members', String(x.totalMembers)],
          ['role-privileges', list(x.privileges.map(function (p) { return el('li', null, p); }))]
        ]);
      }));"#,
    },
    Page {
        path: "/account/group",
        id: "groups",
        title: "Groups",
        api: "/api/portal/groups",
        render: r#"
      return table('groups', ['Group', 'Members'], r.groups.map(function (g) {
        return row(g.id, [['group-name', g.name], ['group-members', String(g.totalMembers)]]);
      }));"#,
    },
    Page {
        path: "/account/user",
        id: "users",
        title: "Users",
        api: "/api/portal/users",
        render: r#"
      return table('users', ['Email', 'Name', 'License', 'Status', 'Advanced Settings'], r.users.map(function (u) {
        var settings = Object.keys(u.settings).map(function (k) {
          return el('li', { 'data-setting': k }, onOff(u.settings[k]));
        });
        return row(u.id, [
          ['user-email', u.email],
          ['user-name', u.displayName],
          ['user-license', u.license],
          ['user-status', u.status],
          ['user-settings', list(settings)]
        ]);
      }));"#,
    },
    Page {
        path: "/marketplace/installed",
        id: "integrations",
        title: "Installed Apps",
        api: "/api/portal/integrations",
        render: r#"
      var developer = { THIRD_PARTY: 'Third-party', ZOOM: 'Zoom', INTERNAL: 'Internal' };
      return table('apps', ['App', 'Developer', 'Scopes', 'Added By', 'Added On'], r.apps.map(function (a) {
        var scopes = a.scopes.map(function (s) { return el('li', { title: s.description }, s.scope); });
        return row(a.appId, [
          ['app-name', a.appName],
          ['app-developer', developer[a.developerType] || a.developerType],
          ['app-scopes', list(scopes)],
          ['app-installed-by', a.approver.email],
          ['app-installed-at', time(a.approvedTime)]
        ]);
      }));"#,
    },
];

/// Helpers every page's script shares, then the loader that calls the page's `render`.
const SCRIPT_HEAD: &str = r#"(function () {
  'use strict';
  var main = document.getElementById('content');
  var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) { Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); }); }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function put(parent, value) {
    if (value instanceof Node) { parent.appendChild(value); } else { parent.textContent = value; }
    return parent;
  }
  function list(items) {
    var ul = el('ul');
    items.forEach(function (li) { ul.appendChild(li); });
    return ul;
  }
  function kv(rows) {
    var dl = el('dl', { 'class': 'zm-kv' });
    rows.forEach(function (r) {
      dl.appendChild(el('dt', null, r[0]));
      dl.appendChild(put(el('dd', { 'data-field': r[1] }), r[2]));
    });
    return dl;
  }
  function row(id, cells) {
    var tr = el('tr', { 'data-id': id });
    cells.forEach(function (c) { tr.appendChild(put(el('td', { 'class': c[0] }), c[1])); });
    return tr;
  }
  function table(id, heads, rows) {
    var t = el('table', { id: id, 'class': 'zm-table' });
    var head = el('tr');
    heads.forEach(function (h) { head.appendChild(el('th', null, h)); });
    t.appendChild(el('thead')).appendChild(head);
    var body = t.appendChild(el('tbody'));
    rows.forEach(function (r) { body.appendChild(r); });
    return t;
  }
  function day(iso) {
    var p = iso.split('T')[0].split('-');
    return MONTHS[Number(p[1]) - 1] + ' ' + Number(p[2]) + ', ' + p[0];
  }
  function time(iso) { return el('time', { datetime: iso }, day(iso)); }
  function onOff(on) { return on ? 'On' : 'Off'; }
  function money(cents, currency) {
    var whole = Math.floor(cents / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return currency + ' ' + whole + '.' + ('0' + (cents % 100)).slice(-2);
  }
  function fail(message) {
    main.appendChild(el('div', { 'class': 'zm-alert zm-alert--error', role: 'alert' }, message));
    main.setAttribute('data-state', 'error');
  }
  function render(r) {"#;

const SCRIPT_TAIL: &str = r#"
  }
  setTimeout(function () {
    fetch(main.getAttribute('data-api'), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) {
        if (response.status === 401) { window.location.href = '/signin'; throw new Error('signed out'); }
        return response.json();
      })
      .then(function (body) {
        if (!body.status) { fail(body.errorMessage); return; }
        var loading = main.querySelector('.zm-loading');
        if (loading) { loading.remove(); }
        main.appendChild(render(body.result));
        main.setAttribute('data-state', 'ready');
      })
      .catch(function (error) { fail(String(error)); });
  }, 50 + Math.floor(Math.random() * 200));
})();"#;

const NAV: &[(&str, &str)] = &[
    ("/profile", "Account Profile"),
    ("/billing", "Billing"),
    ("/account/setting/security", "Security"),
    ("/account/sso", "Single Sign-On"),
    ("/role", "Roles"),
    ("/account/group", "Groups"),
    ("/account/user", "Users"),
    ("/marketplace/installed", "Installed Apps"),
];

fn render(page: &Page, email: &str) -> String {
    let nav: String = NAV
        .iter()
        .map(|(path, label)| format!("<a href=\"{path}\">{label}</a>"))
        .collect::<Vec<_>>()
        .join("\n");
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{title} - Zoom</title>\n</head>\n<body>\n\
         <header>\n<nav id=\"portal-nav\" aria-label=\"Admin\">\n{nav}\n\
         <span id=\"signed-in-as\">{email}</span>\n<a href=\"/signout\">Sign Out</a>\n</nav>\n</header>\n\
         <main id=\"content\" data-page=\"{id}\" data-api=\"{api}\" data-state=\"loading\">\n\
         <h1>{title}</h1>\n<div class=\"zm-loading\">Loading\u{2026}</div>\n</main>\n\
         <script>\n{SCRIPT_HEAD}{render}{SCRIPT_TAIL}\n</script>\n</body>\n</html>\n",
        title = page.title,
        id = page.id,
        api = page.api,
        email = escape(email),
        render = page.render,
    )
}

/// `GET /`: the profile when signed in, else the sign-in page.
pub(crate) async fn root(State(state): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    let to = if super::session_user(&state, &headers).is_some() {
        "/profile"
    } else {
        "/signin"
    };
    redirect(StatusCode::FOUND, to, &[])
}

/// `GET` of a page behind the session.
pub(crate) async fn page(
    State(state): State<Arc<AppState>>,
    matched: MatchedPath,
    headers: HeaderMap,
) -> Response {
    if super::sign_out_due(&state) {
        return redirect(StatusCode::FOUND, "/signin", &[]);
    }
    let Some(user_id) = super::session_user(&state, &headers) else {
        return redirect(StatusCode::FOUND, "/signin", &[]);
    };
    let Some(page) = PAGES.iter().find(|p| p.path == matched.as_str()) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let account = state.account();
    let email = account.user(&user_id).map_or("", |u| u.email.as_str());
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        render(page, email),
    )
        .into_response()
}
