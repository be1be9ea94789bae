//! Pure functions from a page's HTML (as the browser shows it once the page's script has filled
//! it) to facts. No I/O, no clock: tested on the fixture pages in `fixtures/portal/`.
//!
//! Every locator and displayed value comes from the [`PortalMap`]. A page that lacks what the
//! map expects, or shows a value the map does not know, is [`PortalError::PageChanged`] naming
//! the page and the map's entry, never a silent default.

use std::collections::BTreeMap;

use scraper::{ElementRef, Html, Selector};

use crate::PortalError;
use crate::facts::{Billing, Group, Integration, PortalFacts, Profile, Role, Security, Sso, User};
use crate::map::{DataPage, Locator, PageKind, PortalMap};

/// Reads `html`, the filled page `page`, into its part of `facts`, finding each element as
/// `map` says.
///
/// # Errors
/// [`PortalError::PageChanged`] naming the map's entry when the page lacks it or shows a value
/// it cannot read; [`PortalError::PageFailed`] when the page shows an error instead of data.
pub fn page(
    map: &PortalMap,
    page: &DataPage,
    html: &str,
    facts: &mut PortalFacts,
) -> Result<(), PortalError> {
    let doc = Page::parse(map, &page.name, html)?;
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

/// Reads every page of `map`, given as (page name, HTML).
///
/// # Errors
/// As [`page`]; a page missing from `pages` is [`PortalError::PageChanged`].
pub fn all<'a>(
    map: &PortalMap,
    pages: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<PortalFacts, PortalError> {
    let pages: BTreeMap<&str, &str> = pages.into_iter().collect();
    let mut facts = PortalFacts::default();
    for data_page in map.pages() {
        let html = pages
            .get(data_page.name.as_str())
            .ok_or_else(|| changed(&data_page.name, "the page was not read"))?;
        page(map, data_page, html, &mut facts)?;
    }
    Ok(facts)
}

/// Where each entry of `map` on the page `name` is found in `html`: `(entry, hits)`, where
/// `hits` counts the elements its first matching locator finds (0: none matches). Entries found
/// inside table rows are counted in the whole page.
#[must_use]
pub fn matches(map: &PortalMap, name: &str, html: &str) -> Vec<(String, usize)> {
    let html = Html::parse_document(html);
    map.entries
        .iter()
        .filter(|(_, entry)| entry.page == name && !entry.locators.is_empty())
        .map(|(entry_name, entry)| {
            let hits = entry
                .locators
                .iter()
                .map(|locator| find_all(html.root_element(), locator).len())
                .find(|hits| *hits > 0)
                .unwrap_or(0);
            (entry_name.clone(), hits)
        })
        .collect()
}

fn changed(page: &str, what: impl Into<String>) -> PortalError {
    PortalError::PageChanged {
        page: page.to_owned(),
        what: what.into(),
    }
}

/// Every element below `scope` that `locator` finds.
fn find_all<'a>(scope: ElementRef<'a>, locator: &Locator) -> Vec<ElementRef<'a>> {
    let all = || scope.descendants().filter_map(ElementRef::wrap);
    match locator {
        Locator::Css { css } => Selector::parse(css)
            .map(|selector| scope.select(&selector).collect())
            .unwrap_or_default(),
        Locator::Label { label } => {
            let mut found = Vec::new();
            for element in all() {
                let tag = element.value().name();
                if !matches!(tag, "label" | "dt") || text(element) != *label {
                    continue;
                }
                if tag == "dt" {
                    if let Some(dd) = element
                        .next_siblings()
                        .filter_map(ElementRef::wrap)
                        .find(|e| e.value().name() == "dd")
                    {
                        found.push(dd);
                    }
                } else if let Some(id) = element.value().attr("for") {
                    found.extend(all().filter(|e| e.value().id() == Some(id)));
                }
            }
            found
        }
        Locator::Role { role, name } => all()
            .filter(|element| {
                let value = element.value();
                let implicit = match role.as_str() {
                    "button" => value.name() == "button",
                    "link" => value.name() == "a",
                    "textbox" => value.name() == "input",
                    _ => false,
                };
                (implicit || value.attr("role") == Some(role.as_str()))
                    && (text(*element) == *name || value.attr("aria-label") == Some(name.as_str()))
            })
            .collect(),
    }
}

/// A parsed, filled page.
struct Page<'m> {
    map: &'m PortalMap,
    name: String,
    html: Html,
}

impl<'m> Page<'m> {
    fn parse(map: &'m PortalMap, name: &str, html: &str) -> Result<Page<'m>, PortalError> {
        let page = Page {
            map,
            name: name.to_owned(),
            html: Html::parse_document(html),
        };
        if page.find("page.ready").is_err() {
            if let Ok(failed) = page.find("page.failed") {
                let message = page
                    .find_in(failed, "page.alert")
                    .map(text)
                    .unwrap_or_default();
                return Err(PortalError::PageFailed {
                    page: page.name.clone(),
                    message,
                });
            }
            return Err(page.no_match("page.ready"));
        }
        Ok(page)
    }

    fn changed(&self, what: impl Into<String>) -> PortalError {
        changed(&self.name, what)
    }

    /// The error for an entry none of whose locators matched.
    fn no_match(&self, entry: &str) -> PortalError {
        let tried: Vec<String> = self
            .map
            .entry(entry)
            .locators
            .iter()
            .map(Locator::describe)
            .collect();
        self.changed(format!(
            "entry `{entry}` of {} matches nothing (tried {})",
            self.map.origin,
            tried.join(", ")
        ))
    }

    /// The first element of the first locator of `entry` that finds one in the page.
    fn find(&self, entry: &str) -> Result<ElementRef<'_>, PortalError> {
        self.find_in(self.html.root_element(), entry)
    }

    /// As [`Page::find`], below `scope`.
    fn find_in<'a>(
        &self,
        scope: ElementRef<'a>,
        entry: &str,
    ) -> Result<ElementRef<'a>, PortalError> {
        self.map
            .entry(entry)
            .locators
            .iter()
            .find_map(|locator| find_all(scope, locator).into_iter().next())
            .ok_or_else(|| self.no_match(entry))
    }

    fn selector(&self, css: &str) -> Result<Selector, PortalError> {
        Selector::parse(css).map_err(|e| self.changed(format!("selector `{css}`: {e}")))
    }

    fn field_text(&self, entry: &str) -> Result<String, PortalError> {
        Ok(text(self.find(entry)?))
    }

    /// A text field where the map's `empty` means empty.
    fn optional_text(&self, entry: &str) -> Result<String, PortalError> {
        let value = self.field_text(entry)?;
        Ok(if value == self.map.display("empty") {
            String::new()
        } else {
            value
        })
    }

    fn field_number(&self, entry: &str) -> Result<u64, PortalError> {
        let value = self.field_text(entry)?;
        number(&value)
            .ok_or_else(|| self.changed(format!("entry `{entry}` is not a number: {value:?}")))
    }

    fn on_off(&self, entry: &str, value: &str) -> Result<bool, PortalError> {
        match value {
            v if v == self.map.display("on") => Ok(true),
            v if v == self.map.display("off") => Ok(false),
            _ => Err(self.changed(format!("entry `{entry}` is not On/Off: {value:?}"))),
        }
    }

    fn field_on(&self, entry: &str) -> Result<bool, PortalError> {
        let value = self.field_text(entry)?;
        self.on_off(entry, &value)
    }

    fn field_list(&self, entry: &str) -> Result<Vec<String>, PortalError> {
        self.list(self.find(entry)?)
    }

    /// The texts of the list items inside `element`.
    fn list(&self, element: ElementRef<'_>) -> Result<Vec<String>, PortalError> {
        Ok(element
            .select(&self.selector(self.map.display("list_item"))?)
            .map(text)
            .collect())
    }

    /// The rows of the table `entry`.
    fn rows(&self, entry: &str) -> Result<Vec<ElementRef<'_>>, PortalError> {
        let table = self.find(entry)?;
        Ok(table
            .select(&self.selector(self.map.value(entry))?)
            .collect())
    }

    /// The cell `entry` of `row`.
    fn cell<'a>(&self, row: ElementRef<'a>, entry: &str) -> Result<ElementRef<'a>, PortalError> {
        let id = row.value().attr(self.map.display("row_id")).unwrap_or("?");
        self.find_in(row, entry).map_err(|_| {
            let error = self.no_match(entry);
            match error {
                PortalError::PageChanged { page, what } => PortalError::PageChanged {
                    page,
                    what: format!("{what} in the row of {id}"),
                },
                other => other,
            }
        })
    }

    fn row_id(&self, row: ElementRef<'_>) -> Result<String, PortalError> {
        let attr = self.map.display("row_id");
        row.value()
            .attr(attr)
            .map(str::to_owned)
            .ok_or_else(|| self.changed(format!("a row without `{attr}`")))
    }

    fn cell_number(&self, row: ElementRef<'_>, entry: &str) -> Result<u64, PortalError> {
        let value = text(self.cell(row, entry)?);
        number(&value)
            .ok_or_else(|| self.changed(format!("entry `{entry}` is not a number: {value:?}")))
    }

    /// The `datetime` of the map's `time` element inside `element`, if there is one.
    fn time(&self, element: ElementRef<'_>) -> Result<Option<String>, PortalError> {
        Ok(element
            .select(&self.selector(self.map.display("time"))?)
            .next()
            .and_then(|t| t.value().attr(self.map.display("datetime")))
            .map(str::to_owned))
    }

    /// A displayed value translated through the entry's `values`.
    fn translate(&self, entry: &str, shown: &str) -> Result<String, PortalError> {
        self.map
            .entry(entry)
            .values
            .get(shown)
            .cloned()
            .ok_or_else(|| {
                self.changed(format!("entry `{entry}` shows an unknown value {shown:?}"))
            })
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

fn profile(page: &Page<'_>) -> Result<Profile, PortalError> {
    Ok(Profile {
        account_name: page.field_text("profile.account_name")?,
        account_number: page.field_text("profile.account_number")?,
        owner_email: page.field_text("profile.owner_email")?,
    })
}

fn billing(page: &Page<'_>) -> Result<Billing, PortalError> {
    let shown = page.field_text("billing.amount")?;
    let (currency, amount_cents) = amount(&shown)
        .ok_or_else(|| page.changed(format!("entry `billing.amount` unreadable: {shown:?}")))?;
    let renewal = page.find("billing.renewal_date")?;
    let renewal_date = match page.time(renewal)? {
        Some(value) => Some(iso_date(&value).ok_or_else(|| {
            page.changed(format!(
                "entry `billing.renewal_date` unreadable: {value:?}"
            ))
        })?),
        None if text(renewal) == page.map.display("empty") => None,
        None => {
            return Err(page.changed(format!(
                "entry `billing.renewal_date` has no `{}`",
                page.map.display("time")
            )));
        }
    };
    Ok(Billing {
        plan_name: page.field_text("billing.plan_name")?,
        seats_purchased: page.field_number("billing.seats_purchased")?,
        seats_assigned: page.field_number("billing.seats_assigned")?,
        renewal_date,
        amount_cents,
        currency,
        cycle: page.translate("billing.cycle", &page.field_text("billing.cycle")?)?,
    })
}

fn security(page: &Page<'_>) -> Result<Security, PortalError> {
    let two_factor = if page.field_on("security.two_factor_enabled")? {
        let scope = page.field_text("security.two_factor_scope")?;
        page.translate("security.two_factor_scope", &scope)?
    } else {
        "none".to_owned()
    };
    let entry = "security.password_consecutive";
    let consecutive = page.field_text(entry)?;
    let consecutive = if consecutive == page.map.display("off") {
        0
    } else {
        number(&consecutive)
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| page.changed(format!("entry `{entry}` unreadable: {consecutive:?}")))?
    };
    let entry = "security.password_min_length";
    let min_length = u32::try_from(page.field_number(entry)?)
        .map_err(|_| page.changed(format!("entry `{entry}` too large")))?;
    Ok(Security {
        two_factor,
        two_factor_targets: page.field_list("security.two_factor_targets")?,
        password_min_length: min_length,
        password_special_character: page.field_on("security.password_special_character")?,
        password_consecutive_characters_length: consecutive,
        weak_enhance_detection: page.field_on("security.weak_enhance_detection")?,
    })
}

fn sso(page: &Page<'_>) -> Result<Sso, PortalError> {
    let status = page.field_text("sso.enabled")?;
    let enabled = page.translate("sso.enabled", &status)? == "true";
    Ok(Sso {
        enabled,
        require_for_domains: page.field_on("sso.require_for_domains")?,
        idp_name: page.optional_text("sso.idp_name")?,
        issuer: page.optional_text("sso.issuer")?,
        domains: page.field_list("sso.domains")?,
    })
}

fn roles(page: &Page<'_>) -> Result<Vec<Role>, PortalError> {
    page.rows("roles.table")?
        .into_iter()
        .map(|row| {
            Ok(Role {
                id: page.row_id(row)?,
                name: text(page.cell(row, "roles.name")?),
                privileges: page.list(page.cell(row, "roles.privileges")?)?,
                members: page.cell_number(row, "roles.members")?,
            })
        })
        .collect()
}

fn groups(page: &Page<'_>) -> Result<Vec<Group>, PortalError> {
    page.rows("groups.table")?
        .into_iter()
        .map(|row| {
            Ok(Group {
                id: page.row_id(row)?,
                name: text(page.cell(row, "groups.name")?),
                members: page.cell_number(row, "groups.members")?,
            })
        })
        .collect()
}

fn users(page: &Page<'_>) -> Result<Vec<User>, PortalError> {
    let setting_attr = page.map.value("users.settings");
    page.rows("users.table")?
        .into_iter()
        .map(|row| {
            let email = text(page.cell(row, "users.email")?);
            let settings: Vec<ElementRef<'_>> = page
                .map
                .entry("users.settings")
                .locators
                .iter()
                .find_map(|locator| {
                    let found = find_all(row, locator);
                    (!found.is_empty()).then_some(found)
                })
                .unwrap_or_default();
            let advanced_settings = settings
                .into_iter()
                .map(|item| {
                    let name = item.value().attr(setting_attr).ok_or_else(|| {
                        page.changed(format!(
                            "entry `users.settings`: a setting of {email} without `{setting_attr}`"
                        ))
                    })?;
                    Ok((name.to_owned(), text(item).to_lowercase()))
                })
                .collect::<Result<_, PortalError>>()?;
            Ok(User {
                license_type: text(page.cell(row, "users.license")?),
                advanced_settings,
                email,
            })
        })
        .collect()
}

fn integrations(page: &Page<'_>) -> Result<Vec<Integration>, PortalError> {
    page.rows("integrations.table")?
        .into_iter()
        .map(|row| {
            let app_id = page.row_id(row)?;
            let installed = page.cell(row, "integrations.installed_at")?;
            let installed_at = page
                .time(installed)?
                .and_then(|t| rfc3339_utc(&t))
                .ok_or_else(|| {
                    page.changed(format!(
                        "entry `integrations.installed_at` unreadable for {app_id}"
                    ))
                })?;
            Ok(Integration {
                name: text(page.cell(row, "integrations.name")?),
                developer: page.translate(
                    "integrations.developer",
                    &text(page.cell(row, "integrations.developer")?),
                )?,
                scopes: page.list(page.cell(row, "integrations.scopes")?)?,
                installed_by: text(page.cell(row, "integrations.installed_by")?),
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
