//! The collector's settings as flags and environment variables, and their merge with the
//! config file.
//!
//! Every flag is built from a declaration in `zoom_collector`'s settings table
//! ([`zoom_collector::all_settings`]): the flag, its variable, help and default are written
//! there once. Booleans are `--x` / `--no-x` pairs (`--x true` still works); secrets have no
//! flag and are read from their variable here.

use clap::builder::Str;
use clap::{Arg, ArgAction, ArgMatches, FromArgMatches};
use zoom_collector::{Overrides, Setting, Settings, ValueKind, all_settings};

/// The settings given by flag or environment variable, as `(key, text)`.
#[derive(Debug, Clone, Default)]
pub(crate) struct SettingFlags {
    values: Vec<(&'static str, String)>,
}

/// The id of a boolean's `--no-x` flag.
fn negation_id(setting: &Setting) -> String {
    format!("{}!no", setting.key)
}

fn heading(setting: &Setting) -> &'static str {
    match setting.key.split_once('.') {
        Some(("fetch", _)) => "Fetch settings",
        Some(("saas", _)) => "SaaS settings",
        _ => "Connection settings",
    }
}

fn help(setting: &Setting) -> String {
    // Help is plain text: the Markdown quotes are for the README.
    let mut help = setting.help_line().replace('`', "");
    if let Some(default) = (setting.default)() {
        help.push_str(&format!(" [default: {}]", default.replace('`', "")));
    }
    help
}

impl clap::Args for SettingFlags {
    fn augment_args(command: clap::Command) -> clap::Command {
        all_settings().fold(command, |command, setting| {
            let Some(flag) = setting.flag else {
                return command;
            };
            let parse = setting.parse;
            let mut arg = Arg::new(setting.key)
                .long(flag)
                .value_name(setting.value_name)
                .help(help(setting))
                .help_heading(heading(setting))
                .value_parser(move |text: &str| parse(text).map(|()| text.to_owned()));
            if let Some(env) = setting.env {
                arg = arg.env(env);
            }
            arg = match setting.kind {
                ValueKind::Bool => arg
                    .value_name("BOOL")
                    .num_args(0..=1)
                    .default_missing_value("true")
                    .overrides_with(negation_id(setting)),
                ValueKind::List => arg.action(ArgAction::Append),
                ValueKind::Number => arg.allow_negative_numbers(true),
                ValueKind::Text | ValueKind::Path | ValueKind::Secret => arg,
            };
            let command = command.arg(arg);
            if setting.kind != ValueKind::Bool {
                return command;
            }
            command.arg(
                Arg::new(negation_id(setting))
                    .long(Str::from(format!("no-{flag}")))
                    .action(ArgAction::SetTrue)
                    .help(format!("The same as --{flag} false"))
                    .help_heading(heading(setting))
                    .overrides_with(setting.key),
            )
        })
    }

    fn augment_args_for_update(command: clap::Command) -> clap::Command {
        Self::augment_args(command)
    }
}

impl FromArgMatches for SettingFlags {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        let mut values = Vec::new();
        for setting in all_settings().filter(|setting| setting.flag.is_some()) {
            let negated =
                setting.kind == ValueKind::Bool && matches.get_flag(&negation_id(setting));
            if negated {
                values.push((setting.key, "false".to_owned()));
            } else if let Some(given) = matches.get_many::<String>(setting.key) {
                let given: Vec<&str> = given.map(String::as_str).collect();
                values.push((setting.key, given.join(",")));
            }
        }
        Ok(SettingFlags { values })
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_arg_matches(matches)?;
        Ok(())
    }
}

/// Settings from the config file (if any), the environment and the flags, in that order.
pub(crate) fn settings(
    config: Option<&std::path::Path>,
    flags: &SettingFlags,
) -> Result<Settings, zoom_collector::SettingsError> {
    let file = match config {
        Some(path) => Overrides::load(path)?,
        None => Overrides::default(),
    };
    let mut overrides = Overrides::default();
    // Settings without a flag (secrets: a flag would show in `ps`) come from their variable.
    for setting in all_settings().filter(|setting| setting.flag.is_none()) {
        let value = setting
            .env
            .and_then(|name| std::env::var(name).ok())
            .filter(|value| !value.is_empty());
        if let Some(value) = value {
            overrides.set(setting.key, &value)?;
        }
    }
    for (key, text) in &flags.values {
        overrides.set(key, text)?;
    }
    Settings::resolve(file, overrides)
}

#[cfg(test)]
mod tests {
    use clap::Parser as _;

    use super::*;
    use crate::cli::{Cli, Command};

    /// The settings flags of `fetch <args>`, as (key, text).
    fn given(args: &[&str]) -> Vec<(&'static str, String)> {
        let cli = Cli::try_parse_from(["zoom-inventory", "fetch"].iter().chain(args))
            .unwrap_or_else(|error| panic!("{args:?} parses: {error}"));
        let Command::Fetch(fetch) = cli.command else {
            panic!("a fetch command");
        };
        fetch
            .settings
            .values
            .into_iter()
            .filter(|(key, _)| key.starts_with("fetch.") || key.starts_with("saas."))
            .collect()
    }

    fn fetch_devices(args: &[&str]) -> Option<String> {
        given(args)
            .into_iter()
            .find(|(key, _)| *key == "fetch.fetch_devices")
            .map(|(_, text)| text)
    }

    #[test]
    fn a_boolean_is_a_flag_pair_and_still_takes_a_value() {
        assert_eq!(
            fetch_devices(&["--no-fetch-devices"]).as_deref(),
            Some("false")
        );
        assert_eq!(fetch_devices(&["--fetch-devices"]).as_deref(), Some("true"));
        assert_eq!(
            fetch_devices(&["--fetch-devices", "false"]).as_deref(),
            Some("false")
        );
        assert_eq!(
            fetch_devices(&["--fetch-devices=true"]).as_deref(),
            Some("true")
        );
        // The last of the pair wins.
        assert_eq!(
            fetch_devices(&["--fetch-devices", "--no-fetch-devices"]).as_deref(),
            Some("false")
        );
        assert_eq!(
            fetch_devices(&["--no-fetch-devices", "--fetch-devices"]).as_deref(),
            Some("true")
        );
    }

    #[test]
    fn an_unset_setting_is_not_passed_on() {
        assert_eq!(fetch_devices(&["--concurrency", "4"]), None);
        assert_eq!(
            given(&["--concurrency", "4"]),
            vec![("fetch.concurrency", "4".to_owned())]
        );
    }

    #[test]
    fn a_list_flag_joins_its_repetitions() {
        assert_eq!(
            given(&["--asset-types", "h323,zdm", "--asset-types", "zoom_rooms"]),
            vec![("fetch.asset_types", "h323,zdm,zoom_rooms".to_owned())]
        );
    }

    #[test]
    fn values_are_checked_against_their_type_at_parse_time() {
        for args in [
            &["--fetch-devices", "maybe"][..],
            &["--days-of-meetings", "-3"],
            &["--asset-types", "printers"],
        ] {
            let error = Cli::try_parse_from(["zoom-inventory", "fetch"].iter().chain(args))
                .expect_err("refused");
            assert!(error.to_string().contains(args[0]), "{args:?}: {error}");
        }
    }

    #[test]
    fn every_declared_flag_is_on_fetch_and_check() {
        let command = <Cli as clap::CommandFactory>::command();
        for name in ["fetch", "check"] {
            let subcommand = command.find_subcommand(name).expect("subcommand");
            for setting in all_settings() {
                let Some(flag) = setting.flag else { continue };
                assert!(
                    subcommand
                        .get_arguments()
                        .any(|arg| arg.get_long() == Some(flag)),
                    "{name} lacks --{flag}"
                );
            }
        }
    }
}
