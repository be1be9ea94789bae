//! Rules a machine can check, run by `cargo test`: the layering of the crates (ARCHITECTURE.md:
//! an allow-list of the edges between workspace crates, and the third-party crates a layer must
//! never pull in), the crates banned from the whole tree and the licences allowed (both read
//! from `deny.toml`, so that they hold without cargo-deny), the simulator's generator kept apart
//! from its HTTP half, the CLI's build without the simulator, and a `//!` doc opening every file.

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};
    use std::path::{Path, PathBuf};
    use std::process::Command;

    use serde_json::Value;

    use crate::spdx::{self, Expression};

    fn workspace_root() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .expect("xtask lives in the workspace root")
            .to_owned()
    }

    /// Runs cargo in the workspace root and returns its standard output.
    fn cargo(args: &[&str]) -> String {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
        let output = Command::new(cargo)
            .current_dir(workspace_root())
            .args(args)
            .output()
            .expect("cargo runs");
        assert!(
            output.status.success(),
            "cargo {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("cargo prints UTF-8")
    }

    fn cargo_metadata(args: &[&str]) -> Value {
        let mut all = vec!["metadata", "--format-version", "1", "--offline"];
        all.extend_from_slice(args);
        serde_json::from_str(&cargo(&all)).expect("cargo metadata prints JSON")
    }

    fn text<'a>(value: &'a Value, key: &str) -> &'a str {
        value[key].as_str().unwrap_or_default()
    }

    // ---- The workspace's own edges -------------------------------------------------------

    /// What one workspace crate may depend on among the workspace's crates.
    struct Layer {
        name: &'static str,
        /// Normal (and build) dependencies.
        uses: &'static [Edge],
        /// Dependencies of its tests, examples and benches, besides `uses`.
        dev: &'static [Edge],
    }

    /// An allowed edge, and the features of the dependency it must never turn on.
    struct Edge {
        to: &'static str,
        without: &'static [&'static str],
    }

    const fn edge(to: &'static str) -> Edge {
        Edge { to, without: &[] }
    }

    /// ARCHITECTURE.md's layering, edge by edge: a workspace dependency not listed here fails.
    const LAYERS: &[Layer] = &[
        Layer {
            name: "zoom-api",
            uses: &[],
            dev: &[],
        },
        Layer {
            name: "zoom-sim",
            uses: &[],
            dev: &[],
        },
        Layer {
            name: "zoom-portal",
            uses: &[],
            dev: &[edge("zoom-sim")],
        },
        Layer {
            name: "inventory-model",
            // Pure: Zoom's wire types and the portal's facts, no client, parser or browser.
            uses: &[
                Edge {
                    to: "zoom-api",
                    without: &["client"],
                },
                Edge {
                    to: "zoom-portal",
                    without: &["extract", "drive"],
                },
            ],
            dev: &[],
        },
        Layer {
            name: "inventory-store",
            uses: &[edge("inventory-model")],
            dev: &[],
        },
        Layer {
            name: "zoom-collector",
            uses: &[
                edge("zoom-api"),
                edge("zoom-portal"),
                edge("inventory-model"),
                edge("inventory-store"),
            ],
            dev: &[edge("zoom-sim")],
        },
        Layer {
            name: "zoom-inventory",
            // The simulator serves the `demo` and `sim` commands.
            uses: &[
                edge("inventory-model"),
                edge("inventory-store"),
                edge("zoom-collector"),
                edge("zoom-sim"),
            ],
            dev: &[],
        },
        Layer {
            name: "end-to-end",
            // The benchmark binary runs the simulator, and the collector in its own process for
            // the steady state (whose clock must follow the simulator's); the tests drive every
            // layer.
            uses: &[
                edge("zoom-sim"),
                edge("zoom-collector"),
                edge("inventory-store"),
            ],
            dev: &[
                edge("zoom-api"),
                edge("inventory-model"),
                edge("inventory-store"),
                edge("zoom-collector"),
            ],
        },
        Layer {
            name: "xtask",
            uses: &[],
            dev: &[],
        },
    ];

    /// Every feature of `package` that `enabled` turns on, through its `[features]` table.
    fn feature_closure(package: &Value, enabled: BTreeSet<String>) -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut waiting: Vec<String> = enabled.into_iter().collect();
        while let Some(feature) = waiting.pop() {
            if !seen.insert(feature.clone()) {
                continue;
            }
            if let Some(implied) = package["features"][&feature].as_array() {
                waiting.extend(
                    implied
                        .iter()
                        .filter_map(Value::as_str)
                        .filter(|item| !item.starts_with("dep:") && !item.contains('/'))
                        .map(str::to_owned),
                );
            }
        }
        seen
    }

    /// The features of `dependency` (as `from` names it) that `from` may turn on: those its
    /// manifest asks for, `default` unless it opts out, and any that one of `from`'s own
    /// features can switch on (`zoom-api/client`).
    fn features_asked(from: &Value, dependency: &Value, name: &str) -> BTreeSet<String> {
        let mut asked: BTreeSet<String> = dependency["features"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect();
        if dependency["uses_default_features"].as_bool() != Some(false) {
            asked.insert("default".to_owned());
        }
        let own_features = from["features"].as_object().into_iter().flatten();
        for item in own_features.flat_map(|(_, items)| items.as_array().into_iter().flatten()) {
            let Some((dep, feature)) = item.as_str().and_then(|item| item.split_once('/')) else {
                continue;
            };
            if dep.trim_end_matches('?') == name {
                asked.insert(feature.to_owned());
            }
        }
        asked
    }

    #[test]
    fn workspace_crates_depend_only_on_the_crates_their_layer_allows() {
        let metadata = cargo_metadata(&["--no-deps"]);
        let packages = metadata["packages"].as_array().expect("packages");
        let by_name: BTreeMap<&str, &Value> = packages
            .iter()
            .map(|package| (text(package, "name"), package))
            .collect();
        let mut wrong = Vec::new();
        for layer in LAYERS {
            if !by_name.contains_key(layer.name) {
                wrong.push(format!(
                    "{}: listed in LAYERS but not a workspace crate",
                    layer.name
                ));
            }
        }
        for (name, package) in &by_name {
            let Some(layer) = LAYERS.iter().find(|layer| layer.name == *name) else {
                wrong.push(format!(
                    "{name}: a workspace crate without a layer: add it to LAYERS in \
                     xtask/src/tidy.rs with the crates it may depend on"
                ));
                continue;
            };
            for dependency in package["dependencies"].as_array().into_iter().flatten() {
                let to = text(dependency, "name");
                let Some(target) = by_name.get(to) else {
                    continue; // a third-party crate: the bans below are about those
                };
                let dev = text(dependency, "kind") == "dev";
                let kind = if dev { "dev-dependency" } else { "dependency" };
                let allowed = layer
                    .uses
                    .iter()
                    .chain(if dev { layer.dev } else { &[] })
                    .find(|edge| edge.to == to);
                let Some(allowed) = allowed else {
                    wrong.push(format!(
                        "{name} -> {to} ({kind}): not an edge its layer allows \
                         (ARCHITECTURE.md; LAYERS in xtask/src/tidy.rs)"
                    ));
                    continue;
                };
                let local_name = dependency["rename"].as_str().unwrap_or(to);
                let on = feature_closure(target, features_asked(package, dependency, local_name));
                let forbidden: Vec<&str> = allowed
                    .without
                    .iter()
                    .copied()
                    .filter(|feature| on.contains(*feature))
                    .collect();
                if !forbidden.is_empty() {
                    wrong.push(format!(
                        "{name} -> {to} ({kind}) turns on {forbidden:?} (features on: {on:?}); \
                         {name} may use {to} only without {:?}",
                        allowed.without
                    ));
                }
            }
        }
        assert!(
            wrong.is_empty(),
            "edges between workspace crates that the layering forbids:\n{}",
            wrong.join("\n")
        );
    }

    #[test]
    fn the_layer_table_catches_a_forbidden_feature() {
        let zoom_api = serde_json::json!({
            "name": "zoom-api",
            "features": { "default": ["client"], "client": ["dep:reqwest"] },
        });
        let model = serde_json::json!({ "features": { "online": ["zoom-api?/client"] } });
        let plain = serde_json::json!({ "uses_default_features": false, "features": [] });
        let defaults = serde_json::json!({ "uses_default_features": true, "features": [] });
        let asked = |from: &Value, dependency: &Value| {
            feature_closure(&zoom_api, features_asked(from, dependency, "zoom-api"))
        };
        let nothing = serde_json::json!({ "features": {} });
        assert!(!asked(&nothing, &plain).contains("client"));
        assert!(
            asked(&nothing, &defaults).contains("client"),
            "default turns client on"
        );
        assert!(
            asked(&model, &plain).contains("client"),
            "a feature of the dependent crate can turn it on"
        );
    }

    // ---- Third-party crates a layer must not pull in -------------------------------------

    /// The packages a crate pulls in as it is built alone (normal dependencies only, features
    /// resolved for that crate, as `cargo build -p` would).
    fn dependencies_of(package: &str) -> BTreeSet<String> {
        dependencies_with(package, &[])
    }

    /// As [`dependencies_of`], with extra `cargo tree` arguments (feature flags).
    fn dependencies_with(package: &str, extra: &[&str]) -> BTreeSet<String> {
        let mut args = vec![
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
        ];
        args.extend_from_slice(extra);
        let tree = cargo(&args);
        tree.lines()
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
    fn the_client_and_the_simulator_store_nothing() {
        assert_free_of(
            "zoom-api",
            &["rusqlite", "clap"],
            "zoom-api is a client: no storage, no terminal",
        );
        assert_free_of(
            "zoom-sim",
            &["rusqlite", "clap"],
            "zoom-sim serves an account from memory",
        );
    }

    #[test]
    fn the_portal_crate_reads_the_portal_only() {
        assert_free_of(
            "zoom-portal",
            &["rusqlite", "axum", "clap", "indicatif", "anyhow"],
            "zoom-portal reads the web portal only, never the store or the terminal",
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

    // ---- deny.toml -----------------------------------------------------------------------

    fn deny_toml() -> toml::Table {
        let text =
            std::fs::read_to_string(workspace_root().join("deny.toml")).expect("deny.toml exists");
        text.parse().expect("deny.toml is TOML")
    }

    fn strings(value: Option<&toml::Value>) -> Vec<String> {
        value
            .and_then(toml::Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(toml::Value::as_str)
            .map(str::to_owned)
            .collect()
    }

    /// deny.toml's `[bans] deny` list, checked without cargo-deny so that `cargo test` enforces
    /// it everywhere.
    #[test]
    fn no_banned_crate_in_the_tree() {
        let deny = deny_toml();
        let banned: Vec<&str> = deny["bans"]["deny"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|ban| ban.get("crate")?.as_str())
            .collect();
        assert!(!banned.is_empty(), "deny.toml lists banned crates");
        assert_free_of("zoom-inventory", &banned, "deny.toml bans it from the tree");
    }

    /// Whether an entry of `[licenses] exceptions` or `clarify` (`crate = "name"` or
    /// `"name@version"`; older files say `name`) is about this package.
    fn names_package(entry: &toml::Value, name: &str, version: &str) -> bool {
        let spec = entry
            .get("crate")
            .or_else(|| entry.get("name"))
            .and_then(toml::Value::as_str)
            .unwrap_or_default();
        match spec.split_once('@') {
            Some((spec_name, spec_version)) => spec_name == name && spec_version == version,
            None => spec == name,
        }
    }

    /// The packages cargo-deny's licence check looks at: those the workspace's crates reach
    /// through normal dependencies, and through build dependencies and dev-dependencies when
    /// `[licenses]` says `include-build` (default true) and `include-dev` (default false).
    /// `cargo metadata` resolves optional dependencies with the features dev-dependencies turn
    /// on too, so this can hold a few more packages than cargo-deny checks, never fewer.
    fn licensed_packages<'m>(metadata: &'m Value, licences: &toml::Table) -> BTreeSet<&'m str> {
        let include = |key: &str, default: bool| {
            licences
                .get(key)
                .and_then(toml::Value::as_bool)
                .unwrap_or(default)
        };
        let (include_build, include_dev) = (
            include("include-build", true),
            include("include-dev", false),
        );
        let nodes: BTreeMap<&str, &Value> = metadata["resolve"]["nodes"]
            .as_array()
            .expect("resolve nodes")
            .iter()
            .map(|node| (text(node, "id"), node))
            .collect();
        let mut reached = BTreeSet::new();
        let mut waiting: Vec<&str> = metadata["workspace_members"]
            .as_array()
            .expect("workspace members")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        while let Some(id) = waiting.pop() {
            if !reached.insert(id) {
                continue;
            }
            for dep in nodes[id]["deps"].as_array().into_iter().flatten() {
                let followed =
                    dep["dep_kinds"].as_array().into_iter().flatten().any(
                        |kind| match kind["kind"].as_str() {
                            None => true,
                            Some("build") => include_build,
                            Some("dev") => include_dev,
                            Some(_) => false,
                        },
                    );
                if followed {
                    waiting.push(text(dep, "pkg"));
                }
            }
        }
        reached
    }

    /// deny.toml's `[licenses]`, as cargo-deny applies it to its `[graph]` (default features):
    /// every package's SPDX `license` must hold with the licences of `allow`, plus those its
    /// `exceptions` entry allows it. The graph is that of this machine's platform, the one CI
    /// builds on (cargo-deny would also read the crates of every other platform).
    #[test]
    fn every_licence_in_the_tree_is_allowed_by_deny_toml() {
        let deny = deny_toml();
        let licences = deny["licenses"]
            .as_table()
            .expect("deny.toml has [licenses]");
        let allowed: BTreeSet<String> = strings(licences.get("allow"))
            .iter()
            .map(|licence| spdx::normalize(licence))
            .collect();
        assert!(!allowed.is_empty(), "deny.toml allows some licences");
        let entries = |key: &str| -> Vec<toml::Value> {
            licences
                .get(key)
                .and_then(toml::Value::as_array)
                .cloned()
                .unwrap_or_default()
        };
        let (exceptions, clarified) = (entries("exceptions"), entries("clarify"));

        let host = String::from_utf8(
            Command::new("rustc")
                .arg("-vV")
                .output()
                .expect("rustc runs")
                .stdout,
        )
        .expect("rustc prints UTF-8");
        let host = host
            .lines()
            .find_map(|line| line.strip_prefix("host: "))
            .expect("rustc -vV names the host");
        let metadata = cargo_metadata(&["--filter-platform", host]);
        let in_graph = licensed_packages(&metadata, licences);

        let mut wrong = Vec::new();
        let packages = metadata["packages"].as_array().expect("packages");
        for package in packages
            .iter()
            .filter(|package| in_graph.contains(text(package, "id")))
        {
            let (name, version) = (text(package, "name"), text(package, "version"));
            let clarification = clarified
                .iter()
                .find(|entry| names_package(entry, name, version))
                .and_then(|entry| entry.get("expression")?.as_str());
            let Some(declared) = clarification.or(package["license"].as_str()) else {
                wrong.push(format!(
                    "{name} {version}: no SPDX `license` in its manifest: read its licence \
                     file and add a [[licenses.clarify]] expression to deny.toml"
                ));
                continue;
            };
            let also: BTreeSet<String> = exceptions
                .iter()
                .filter(|entry| names_package(entry, name, version))
                .flat_map(|entry| strings(entry.get("allow")))
                .map(|licence| spdx::normalize(&licence))
                .collect();
            let holds = match Expression::parse(declared) {
                Ok(expression) => expression.is_satisfied_by(&|licence| {
                    allowed.contains(licence) || also.contains(licence)
                }),
                Err(error) => {
                    wrong.push(format!("{name} {version}: licence {declared:?}: {error}"));
                    continue;
                }
            };
            if !holds {
                wrong.push(format!("{name} {version}: {declared}"));
            }
        }
        assert!(
            wrong.is_empty(),
            "licences deny.toml does not allow (add the licence to [licenses] allow, or an \
             exception for the crate, after reading it):\n{}",
            wrong.join("\n")
        );
    }

    // ---- Module docs ---------------------------------------------------------------------

    fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                out.push(path);
            }
        }
    }

    /// Every `.rs` file of the crates' sources, of xtask and of the cross-crate tests opens with
    /// a `//!` doc saying what it is.
    #[test]
    fn every_source_file_opens_with_a_module_doc() {
        let root = workspace_root();
        let mut dirs = vec![root.join("xtask/src"), root.join("tests")];
        for krate in std::fs::read_dir(root.join("crates")).expect("crates/ lists") {
            dirs.push(krate.expect("crates/ entry").path().join("src"));
        }
        let mut files = Vec::new();
        for dir in &dirs {
            rust_files(dir, &mut files);
        }
        assert!(files.len() > 20, "found the sources: {files:?}");
        let mut undocumented: Vec<String> = files
            .iter()
            .filter(|file| {
                let text = std::fs::read_to_string(file).expect("source reads");
                let first = text.lines().find(|line| !line.trim().is_empty());
                !first.is_some_and(|line| line.starts_with("//!"))
            })
            .map(|file| {
                file.strip_prefix(&root)
                    .unwrap_or(file)
                    .display()
                    .to_string()
            })
            .collect();
        undocumented.sort();
        assert!(
            undocumented.is_empty(),
            "files that do not open with a `//!` doc saying what they are:\n{}",
            undocumented.join("\n")
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
}
