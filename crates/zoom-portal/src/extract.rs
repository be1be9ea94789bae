//! Pure functions from a page's HTML (as the browser shows it once the page's script has filled
//! it) to facts. No I/O, no clock: tested on the fixture pages in `fixtures/portal/`.
//!
//! Every selector and displayed value comes from [`crate::map`]. A page that lacks what the map
//! expects, or shows a value the map does not know, is [`PortalError::PageChanged`] naming the
//! page and the element, never a silent default.

use std::collections::BTreeMap;

use scraper::{ElementRef, Html, Selector};

use crate::PortalError;
use crate::facts::{Billing, Group, Integration, PortalFacts, Profile, Role, Security, Sso, User};
use crate::map::{self, DataPage, PageKind};

/// Reads `html`, the filled page `page`, into its part of `facts`.
///
/// # Errors
/// [`PortalError::PageChanged`] when the page lacks an element of the map or shows a value it
/// cannot read; [`PortalError::PageFailed`] when the page shows an error instead of data.
pub fn page(page: &DataPage, html: &str, facts: &mut PortalFacts) -> Result<(), PortalError> {
    let doc = Page::parse(page.name, html)?;
    match page.kind {
        PageKind::Profile => facts.profile = profile(&doc)?,
        PageKind::Billing => facts.billing = billing(&doc)?,
        PageKind::Security => facts.security = security(&doc)?,
        PageKind::Sso => facts.sso = sso(&doc)?,
        PageKind::Roles => facts.roles = roles(&doc)?,
        PageKind::Groups => facts.groups = groups(&doc)?,
        PageKind::Users => facts.users = users(&doc)?,
        PageKind::Integrations => facts.integrations = integrations(&doc)?,
    }
    Ok(())
}

/// Reads every page of [`map::PAGES`], given as (page name, HTML).
///
/// # Errors
/// As [`page`]; a page missing from `pages` is [`PortalError::PageChanged`].
pub fn all<'a>(
    pages: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<PortalFacts, PortalError> {
    let pages: BTreeMap<&str, &str> = pages.into_iter().collect();
    let mut facts = PortalFacts::default();
    for data_page in &map::PAGES {
        let html = pages
            .get(data_page.name)
            .ok_or_else(|| changed(data_page.name, "the page was not read"))?;
        page(data_page, html, &mut facts)?;
    }
    Ok(facts)
}

fn changed(page: &str, what: impl Into<String>) -> PortalError {
    PortalError::PageChanged {
        page: page.to_owned(),
        what: what.into(),
    }
}

/// A parsed, filled page.
struct Page {
    name: &'static str,
    html: Html,
}

impl Page {
    fn parse(name: &'static str, html: &str) -> Result<Page, PortalError> {
        let page = Page {
            name,
            html: Html::parse_document(html),
        };
        if page
            .html
            .select(&page.selector(map::PAGE_READY)?)
            .next()
            .is_none()
        {
            if let Some(failed) = page.html.select(&page.selector(map::PAGE_FAILED)?).next() {
                let alert = page.selector(map::PAGE_ALERT)?;
                let message = failed.select(&alert).next().map(text).unwrap_or_default();
                return Err(PortalError::PageFailed {
                    page: name.to_owned(),
                    message,
                });
            }
            return Err(changed(
                name,
                format!("no filled content (`{}`)", map::PAGE_READY),
            ));
        }
        Ok(page)
    }

    fn selector(&self, css: &str) -> Result<Selector, PortalError> {
        Selector::parse(css).map_err(|e| changed(self.name, format!("selector `{css}`: {e}")))
    }

    fn changed(&self, what: impl Into<String>) -> PortalError {
        changed(self.name, what)
    }

    /// The `<dd>` of field `name`.
    fn field(&self, name: &str) -> Result<ElementRef<'_>, PortalError> {
        let css = map::field(name);
        self.html
            .select(&self.selector(&css)?)
            .next()
            .ok_or_else(|| self.changed(format!("no `{css}`")))
    }

    fn field_text(&self, name: &str) -> Result<String, PortalError> {
        Ok(text(self.field(name)?))
    }

    /// A text field where [`map::EMPTY`] means empty.
    fn optional_text(&self, name: &str) -> Result<String, PortalError> {
        let value = self.field_text(name)?;
        Ok(if value == map::EMPTY {
            String::new()
        } else {
            value
        })
    }

    fn field_number(&self, name: &str) -> Result<u64, PortalError> {
        let value = self.field_text(name)?;
        number(&value).ok_or_else(|| self.changed(format!("`{name}` is not a number: {value:?}")))
    }

    fn field_on(&self, name: &str) -> Result<bool, PortalError> {
        let value = self.field_text(name)?;
        on_off(&value).ok_or_else(|| self.changed(format!("`{name}` is not On/Off: {value:?}")))
    }

    fn field_list(&self, name: &str) -> Result<Vec<String>, PortalError> {
        self.list(self.field(name)?)
    }

    /// The texts of the list items inside `element`.
    fn list(&self, element: ElementRef<'_>) -> Result<Vec<String>, PortalError> {
        Ok(element
            .select(&self.selector(map::LIST_ITEM)?)
            .map(text)
            .collect())
    }

    /// The rows of a table.
    fn rows(&self, css: &str) -> Result<Vec<ElementRef<'_>>, PortalError> {
        Ok(self.html.select(&self.selector(css)?).collect())
    }

    /// The cell `css` of `row`.
    fn cell<'a>(&self, row: ElementRef<'a>, css: &str) -> Result<ElementRef<'a>, PortalError> {
        let id = row.value().attr(map::ROW_ID_ATTR).unwrap_or("?");
        row.select(&self.selector(css)?)
            .next()
            .ok_or_else(|| self.changed(format!("no `{css}` in the row of {id}")))
    }

    fn row_id(&self, row: ElementRef<'_>) -> Result<String, PortalError> {
        row.value()
            .attr(map::ROW_ID_ATTR)
            .map(str::to_owned)
            .ok_or_else(|| self.changed(format!("a row without `{}`", map::ROW_ID_ATTR)))
    }

    fn cell_number(&self, row: ElementRef<'_>, css: &str) -> Result<u64, PortalError> {
        let value = text(self.cell(row, css)?);
        number(&value).ok_or_else(|| self.changed(format!("`{css}` is not a number: {value:?}")))
    }

    /// The `datetime` of the [`map::TIME`] inside `element`, if there is one.
    fn time(&self, element: ElementRef<'_>) -> Result<Option<String>, PortalError> {
        Ok(element
            .select(&self.selector(map::TIME)?)
            .next()
            .and_then(|t| t.value().attr(map::DATETIME_ATTR))
            .map(str::to_owned))
    }

    /// A displayed value translated through one of the map's tables.
    fn translate(
        &self,
        what: &str,
        shown: &str,
        table: &[(&str, &'static str)],
    ) -> Result<String, PortalError> {
        table
            .iter()
            .find(|(label, _)| *label == shown)
            .map(|(_, value)| (*value).to_owned())
            .ok_or_else(|| self.changed(format!("unknown {what} {shown:?}")))
    }
}

/// An element's text, whitespace collapsed.
fn text(element: ElementRef<'_>) -> String {
    element
        .text()
        .flat_map(str::split_whitespace)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The leading number of `value` (`1,234`, `12 characters`).
fn number(value: &str) -> Option<u64> {
    let digits: String = value
        .split_whitespace()
        .next()?
        .chars()
        .filter(|c| *c != ',')
        .collect();
    digits.parse().ok()
}

fn on_off(value: &str) -> Option<bool> {
    match value {
        v if v == map::ON => Some(true),
        v if v == map::OFF => Some(false),
        _ => None,
    }
}

/// `USD 1,833.00` -> (`USD`, 183300).
fn amount(value: &str) -> Option<(String, u64)> {
    let (currency, number) = value.split_once(' ')?;
    let number: String = number.chars().filter(|c| *c != ',').collect();
    let (whole, cents) = number.split_once('.').unwrap_or((&number, "00"));
    if cents.len() != 2 || currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_uppercase())
    {
        return None;
    }
    let whole: u64 = whole.parse().ok()?;
    let cents: u64 = cents.parse().ok()?;
    Some((
        currency.to_owned(),
        whole.checked_mul(100)?.checked_add(cents)?,
    ))
}

/// `YYYY-MM-DD` (or the date part of an ISO timestamp), checked.
fn iso_date(value: &str) -> Option<String> {
    let date = value.get(..10)?;
    let bytes = date.as_bytes();
    let shape = bytes.iter().enumerate().all(|(i, b)| match i {
        4 | 7 => *b == b'-',
        _ => b.is_ascii_digit(),
    });
    shape.then(|| date.to_owned())
}

/// An RFC 3339 UTC timestamp (`2025-01-02T03:04:05Z`), checked.
fn rfc3339_utc(value: &str) -> Option<String> {
    let bytes = value.as_bytes();
    let shape = bytes.len() == 20
        && iso_date(value).is_some()
        && bytes[10] == b'T'
        && bytes[13] == b':'
        && bytes[16] == b':'
        && bytes[19] == b'Z'
        && [11, 12, 14, 15, 17, 18]
            .iter()
            .all(|&i| bytes[i].is_ascii_digit());
    shape.then(|| value.to_owned())
}

fn profile(page: &Page) -> Result<Profile, PortalError> {
    Ok(Profile {
        account_name: page.field_text(map::profile::ACCOUNT_NAME)?,
        account_number: page.field_text(map::profile::ACCOUNT_NUMBER)?,
        owner_email: page.field_text(map::profile::OWNER_EMAIL)?,
    })
}

fn billing(page: &Page) -> Result<Billing, PortalError> {
    use map::billing as f;
    let shown = page.field_text(f::AMOUNT)?;
    let (currency, amount_cents) =
        amount(&shown).ok_or_else(|| page.changed(format!("`amount` unreadable: {shown:?}")))?;
    let renewal = page.field(f::RENEWAL_DATE)?;
    let renewal_date = match page.time(renewal)? {
        Some(value) => Some(
            iso_date(&value)
                .ok_or_else(|| page.changed(format!("`renewal_date` unreadable: {value:?}")))?,
        ),
        None if text(renewal) == map::EMPTY => None,
        None => return Err(page.changed(format!("`renewal_date` has no `{}`", map::TIME))),
    };
    Ok(Billing {
        plan_name: page.field_text(f::PLAN_NAME)?,
        seats_purchased: page.field_number(f::SEATS_PURCHASED)?,
        seats_assigned: page.field_number(f::SEATS_ASSIGNED)?,
        renewal_date,
        amount_cents,
        currency,
        cycle: page.translate("billing cycle", &page.field_text(f::CYCLE)?, f::CYCLES)?,
    })
}

fn security(page: &Page) -> Result<Security, PortalError> {
    use map::security as f;
    let two_factor = if page.field_on(f::TWO_FACTOR_ENABLED)? {
        let scope = page.field_text(f::TWO_FACTOR_SCOPE)?;
        page.translate("two-factor scope", &scope, f::TWO_FACTOR_SCOPES)?
    } else {
        "none".to_owned()
    };
    let consecutive = page.field_text(f::PASSWORD_CONSECUTIVE)?;
    let consecutive = if consecutive == map::OFF {
        0
    } else {
        number(&consecutive)
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| page.changed(format!("`{}` unreadable", f::PASSWORD_CONSECUTIVE)))?
    };
    let min_length = u32::try_from(page.field_number(f::PASSWORD_MIN_LENGTH)?)
        .map_err(|_| page.changed(format!("`{}` too large", f::PASSWORD_MIN_LENGTH)))?;
    Ok(Security {
        two_factor,
        two_factor_targets: page.field_list(f::TWO_FACTOR_TARGETS)?,
        password_min_length: min_length,
        password_special_character: page.field_on(f::PASSWORD_SPECIAL_CHARACTER)?,
        password_consecutive_characters_length: consecutive,
        weak_enhance_detection: page.field_on(f::WEAK_ENHANCE_DETECTION)?,
    })
}

fn sso(page: &Page) -> Result<Sso, PortalError> {
    use map::sso as f;
    let status = page.field_text(f::ENABLED)?;
    let enabled = match status.as_str() {
        s if s == f::ENABLED_TEXT => true,
        s if s == f::DISABLED_TEXT => false,
        other => return Err(page.changed(format!("unknown SSO status {other:?}"))),
    };
    Ok(Sso {
        enabled,
        require_for_domains: page.field_on(f::REQUIRE_FOR_DOMAINS)?,
        idp_name: page.optional_text(f::IDP_NAME)?,
        issuer: page.optional_text(f::ISSUER)?,
        domains: page.field_list(f::DOMAINS)?,
    })
}

fn roles(page: &Page) -> Result<Vec<Role>, PortalError> {
    use map::roles as f;
    page.rows(f::ROWS)?
        .into_iter()
        .map(|row| {
            Ok(Role {
                id: page.row_id(row)?,
                name: text(page.cell(row, f::NAME)?),
                privileges: page.list(page.cell(row, f::PRIVILEGES)?)?,
                members: page.cell_number(row, f::MEMBERS)?,
            })
        })
        .collect()
}

fn groups(page: &Page) -> Result<Vec<Group>, PortalError> {
    use map::groups as f;
    page.rows(f::ROWS)?
        .into_iter()
        .map(|row| {
            Ok(Group {
                id: page.row_id(row)?,
                name: text(page.cell(row, f::NAME)?),
                members: page.cell_number(row, f::MEMBERS)?,
            })
        })
        .collect()
}

fn users(page: &Page) -> Result<Vec<User>, PortalError> {
    use map::users as f;
    let settings = page.selector(f::SETTINGS)?;
    page.rows(f::ROWS)?
        .into_iter()
        .map(|row| {
            let email = text(page.cell(row, f::EMAIL)?);
            let advanced_settings = row
                .select(&settings)
                .map(|item| {
                    let name = item.value().attr(f::SETTING_ATTR).ok_or_else(|| {
                        page.changed(format!(
                            "a setting of {email} without `{}`",
                            f::SETTING_ATTR
                        ))
                    })?;
                    Ok((name.to_owned(), text(item).to_lowercase()))
                })
                .collect::<Result<_, PortalError>>()?;
            Ok(User {
                license_type: text(page.cell(row, f::LICENSE)?),
                advanced_settings,
                email,
            })
        })
        .collect()
}

fn integrations(page: &Page) -> Result<Vec<Integration>, PortalError> {
    use map::integrations as f;
    page.rows(f::ROWS)?
        .into_iter()
        .map(|row| {
            let app_id = page.row_id(row)?;
            let installed = page.cell(row, f::INSTALLED_AT)?;
            let installed_at = page
                .time(installed)?
                .and_then(|t| rfc3339_utc(&t))
                .ok_or_else(|| page.changed(format!("installation time of {app_id} unreadable")))?;
            Ok(Integration {
                name: text(page.cell(row, f::NAME)?),
                developer: page.translate(
                    "developer",
                    &text(page.cell(row, f::DEVELOPER)?),
                    f::DEVELOPERS,
                )?,
                scopes: page.list(page.cell(row, f::SCOPES)?)?,
                installed_by: text(page.cell(row, f::INSTALLED_BY)?),
                installed_at,
                app_id,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{amount, iso_date, number, rfc3339_utc};

    #[test]
    fn displayed_values_parse() {
        assert_eq!(amount("USD 18,330.00"), Some(("USD".to_owned(), 1_833_000)));
        assert_eq!(amount("EUR 0.05"), Some(("EUR".to_owned(), 5)));
        assert_eq!(amount("USD 1.5"), None);
        assert_eq!(amount("18,330.00"), None);
        assert_eq!(number("1,234"), Some(1234));
        assert_eq!(number("12 characters"), Some(12));
        assert_eq!(number("Off"), None);
        assert_eq!(iso_date("2026-12-03"), Some("2026-12-03".to_owned()));
        assert_eq!(iso_date("Dec 3, 2026"), None);
        assert_eq!(
            rfc3339_utc("2025-01-02T03:04:05Z"),
            Some("2025-01-02T03:04:05Z".to_owned())
        );
        assert_eq!(rfc3339_utc("2025-01-02T03:04:05+01:00"), None);
    }
}
