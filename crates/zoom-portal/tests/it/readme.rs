//! The README's portal-map table is the built-in map's: every entry, where it is found and
//! whether it is evidenced (with the source) or assumed. `BLESS=1 cargo test -p zoom-portal
//! readme` writes it after the map changed.

use std::path::Path;

use zoom_portal::map::{Locator, PortalMap};

const BEGIN: &str =
    "<!-- portal map table: generated from crates/zoom-portal/src/portal-map.toml -->\n";
const END: &str = "<!-- end of portal map table -->";

fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

fn markdown_table() -> String {
    let map = PortalMap::builtin();
    let mut out = String::from("| entry | page | found by | basis |\n|---|---|---|---|\n");
    for page in map.pages() {
        let (kind, source) = basis(&page.basis);
        out.push_str(&format!(
            "| page `{}` | `{}` | | {kind}: {} |\n",
            page.name,
            page.path,
            cell(source)
        ));
    }
    for (name, entry) in &map.entries {
        let found: Vec<String> = entry
            .locators
            .iter()
            .map(|locator| match locator {
                Locator::Role { role, name } => format!("{role} \"{name}\""),
                Locator::Label { label } => format!("label \"{label}\""),
                Locator::Css { css } => format!("`{css}`"),
            })
            .chain(entry.value.iter().map(|value| format!("`{value}`")))
            .collect();
        let (kind, source) = basis(&entry.basis);
        out.push_str(&format!(
            "| `{name}` | {} | {} | {kind}: {} |\n",
            entry.page,
            cell(&found.join(", ")),
            cell(source)
        ));
    }
    out
}

fn basis(basis: &zoom_portal::map::Basis) -> (&'static str, &str) {
    match (&basis.evidence, &basis.assumed) {
        (Some(source), _) => ("evidenced", source),
        (None, Some(why)) => ("assumed", why),
        (None, None) => ("assumed", ""),
    }
}

#[test]
fn readme_portal_map_table_matches_the_built_in_map() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md reads");
    let start = readme
        .find(BEGIN)
        .expect("README has the portal map table's start marker")
        + BEGIN.len();
    let end = start
        + readme[start..]
            .find(END)
            .expect("README has the end marker");
    let expected = markdown_table();
    if readme[start..end] == expected {
        return;
    }
    if std::env::var_os("BLESS").is_some() {
        let updated = format!("{}{expected}{}", &readme[..start], &readme[end..]);
        std::fs::write(&path, updated).expect("README.md writes");
        return;
    }
    panic!(
        "README.md's portal map table differs from portal-map.toml; run `BLESS=1 cargo test -p \
         zoom-portal readme` and review the diff.\nexpected:\n{expected}"
    );
}
