//! Rules a machine can check, run by `cargo test`: the layering of the crates
//! (ARCHITECTURE.md), the simulator's generator kept apart from its HTTP half, the CLI's
//! build without the simulator, and the crates banned from the whole tree (`deny.toml`).

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::{Path, PathBuf};
    use std::process::Command;

    fn workspace_root() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .expect("xtask lives in the workspace root")
            .to_owned()
    }

    /// The packages a crate pulls in as it is built alone (normal dependencies only, features
    /// resolved for that crate, as `cargo build -p` would).
    fn dependencies_of(package: &str) -> BTreeSet<String> {
        dependencies_with(package, &[])
    }

    /// As [`dependencies_of`], with extra `cargo tree` arguments (feature flags).
    fn dependencies_with(package: &str, extra: &[&str]) -> BTreeSet<String> {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
        let output = Command::new(cargo)
            .current_dir(workspace_root())
            .args([
                "tree",
                "--offline",
                "--package",
                package,
                "--edges",
                "normal",
                "--prefix",
                "none",
                "--format",
                "{p}",
            ])
            .args(extra)
            .output()
            .expect("cargo tree runs");
        assert!(
            output.status.success(),
            "cargo tree -p {package} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .filter_map(|line| line.split_whitespace().next())
            .map(str::to_owned)
            .collect()
    }

    fn assert_free_of(package: &str, banned: &[&str], why: &str) {
        let dependencies = dependencies_of(package);
        let found: Vec<&&str> = banned
            .iter()
            .filter(|name| dependencies.contains(**name))
            .collect();
        assert!(found.is_empty(), "{package} depends on {found:?}: {why}");
    }

    #[test]
    fn the_model_does_no_io() {
        assert_free_of(
            "inventory-model",
            &[
                "tokio",
                "reqwest",
                "hyper",
                "rusqlite",
                "axum",
                "fantoccini",
                "clap",
            ],
            "inventory-model is pure normalization (ARCHITECTURE.md)",
        );
    }

    #[test]
    fn the_store_knows_nothing_of_http() {
        assert_free_of(
            "inventory-store",
            &[
                "tokio",
                "reqwest",
                "hyper",
                "axum",
                "fantoccini",
                "clap",
                "indicatif",
            ],
            "inventory-store is SQLite only (ARCHITECTURE.md)",
        );
    }

    #[test]
    fn the_client_and_the_simulator_share_nothing() {
        assert_free_of(
            "zoom-api",
            &["zoom-sim", "rusqlite", "inventory-model", "clap"],
            "zoom-api is written from Zoom's docs alone",
        );
        assert_free_of(
            "zoom-sim",
            &["zoom-api", "inventory-model", "rusqlite", "clap"],
            "zoom-sim is written from Zoom's docs alone",
        );
    }

    /// `cargo install --no-default-features` gives a binary without `demo` and `sim`, and
    /// without the simulator and its HTTP server in it; the default build has both.
    #[test]
    fn the_cli_builds_without_the_simulator() {
        let simulator = ["zoom-sim", "axum"];
        let lean = dependencies_with("zoom-inventory", &["--no-default-features"]);
        let found: Vec<&str> = simulator
            .into_iter()
            .filter(|name| lean.contains(*name))
            .collect();
        assert!(
            found.is_empty(),
            "zoom-inventory without default features depends on {found:?}: the `simulator` \
             feature must bring them in, and only it"
        );
        let full = dependencies_of("zoom-inventory");
        assert!(
            full.contains("zoom-sim"),
            "the default zoom-inventory has the `demo` and `sim` commands, so zoom-sim"
        );
    }

    /// The simulator's generator is pure: seed in, account out. Its modules (`generate/`) read
    /// the configuration and each other, never the HTTP half, the controls or the portal.
    #[test]
    fn the_simulators_generator_knows_nothing_of_http() {
        let dir = workspace_root().join("crates/zoom-sim/src/generate");
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .expect("crates/zoom-sim/src/generate exists")
            .map(|entry| entry.expect("readable directory").path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
            .collect();
        files.sort();
        assert!(files.len() > 5, "the generator's modules: {files:?}");
        let mut offences = Vec::new();
        for file in &files {
            let text = std::fs::read_to_string(file).expect("readable source");
            for (number, line) in text.lines().enumerate() {
                let code = line.trim_start();
                if code.starts_with("//") {
                    continue;
                }
                let foreign_crate = ["axum", "tokio", "hyper", "tower"]
                    .iter()
                    .any(|name| code.contains(&format!("{name}::")));
                let foreign_module = code.contains("super::super")
                    || code.match_indices("crate::").any(|(at, _)| {
                        let path = &code[at + "crate::".len()..];
                        !(path.starts_with("generate::") || path.starts_with("config::"))
                    });
                if foreign_crate || foreign_module {
                    let name = file.file_name().unwrap_or_default().to_string_lossy();
                    offences.push(format!("generate/{name}:{}: {code}", number + 1));
                }
            }
        }
        assert!(
            offences.is_empty(),
            "the generator reaches outside crate::generate and crate::config:\n{}",
            offences.join("\n")
        );
    }

    #[test]
    fn the_portal_crate_reads_the_portal_only() {
        assert_free_of(
            "zoom-portal",
            &[
                "zoom-api",
                "zoom-sim",
                "inventory-model",
                "inventory-store",
                "rusqlite",
                "axum",
                "clap",
                "indicatif",
                "anyhow",
            ],
            "zoom-portal reads the web portal only, never the REST API or the store",
        );
    }

    #[test]
    fn the_model_reads_portal_facts_without_a_browser() {
        assert_free_of(
            "inventory-model",
            &[
                "scraper",
                "totp-rs",
                "fantoccini",
                "hyper-util",
                "libc",
                "tempfile",
            ],
            "inventory-model uses zoom-portal without `extract` or `drive`: the facts only",
        );
    }

    #[test]
    fn only_the_cli_knows_terminals() {
        for package in [
            "zoom-api",
            "zoom-sim",
            "inventory-model",
            "inventory-store",
            "zoom-collector",
        ] {
            assert_free_of(
                package,
                &["clap", "indicatif", "comfy-table", "anyhow"],
                "terminals, flags and anyhow belong to the CLI",
            );
        }
    }

    /// deny.toml's `[bans] deny` list, checked without cargo-deny so that `cargo test` enforces
    /// it everywhere.
    #[test]
    fn no_banned_crate_in_the_tree() {
        let text =
            std::fs::read_to_string(workspace_root().join("deny.toml")).expect("deny.toml exists");
        let banned: Vec<String> = text
            .lines()
            .filter_map(|line| {
                let line = line.trim();
                let rest = line.strip_prefix("{ crate = \"")?;
                Some(rest.split('"').next()?.to_owned())
            })
            .collect();
        assert!(!banned.is_empty(), "deny.toml lists banned crates");
        let banned: Vec<&str> = banned.iter().map(String::as_str).collect();
        assert_free_of("zoom-inventory", &banned, "deny.toml bans it from the tree");
    }
}
