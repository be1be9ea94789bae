//! How a setting is declared: [`settings!`] turns one declaration per setting (its TOML key,
//! environment variable, flag, default, check and help) into the layer struct every source of
//! values fills (the config file, the environment, the command line), the merged struct with its
//! defaults, and the [`Setting`] table the CLI builds its flags from and the README's settings
//! table is checked against.

use std::path::PathBuf;

use secrecy::SecretString;
use serde::de::DeserializeOwned;

use super::AssetType;

/// One setting as users meet it: in the config file, the environment, on the command line.
#[derive(Clone, Copy)]
pub struct Setting {
    /// The TOML key, with its table (`fetch.days_of_meetings`).
    pub key: &'static str,
    /// The environment variable, if any.
    pub env: Option<&'static str>,
    /// The long flag without its dashes (`days-of-meetings`); none for secrets, which never
    /// travel on a command line. A boolean also has `--no-<flag>`.
    pub flag: Option<&'static str>,
    /// The placeholder of the flag's value in help (`DAYS`).
    pub value_name: &'static str,
    /// What the value is.
    pub kind: ValueKind,
    /// What it does, one paragraph (the declaration's doc comment).
    pub help: &'static str,
    /// The default as shown to people; `None` when there is none.
    pub default: fn() -> Option<String>,
    /// Whether [`Setting::default`] is prose (`all five`) rather than a value (`7`).
    pub default_is_prose: bool,
    /// Parses a flag's or a variable's text as the setting's type (not its range, which
    /// [`super::Settings::resolve`] checks wherever the value came from).
    pub parse: fn(&str) -> Result<(), String>,
}

impl Setting {
    /// The help text on one line, without the doc comment's line breaks and final period (as
    /// the README's table shows it, in Markdown).
    pub fn help_line(&self) -> String {
        let line = self.help.split_whitespace().collect::<Vec<_>>().join(" ");
        line.strip_suffix('.').map(str::to_owned).unwrap_or(line)
    }
}

impl std::fmt::Debug for Setting {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Setting")
            .field("key", &self.key)
            .field("env", &self.env)
            .field("flag", &self.flag)
            .field("kind", &self.kind)
            .finish_non_exhaustive()
    }
}

/// What a setting's value is, as far as the command line cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// `true` or `false`; a flag pair `--x` / `--no-x`.
    Bool,
    /// A number (whole, or a fraction such as `0.5` for `max_daily_share`).
    Number,
    /// Free text (a URL, a name).
    Text,
    /// A file or directory.
    Path,
    /// A comma-separated list (a TOML array in the file).
    List,
    /// A secret: from the environment or a file only, never a flag, never shown.
    Secret,
}

/// A type a setting can have: read from TOML (serde), from a flag's or a variable's text, and
/// shown as a default.
pub trait SettingValue: DeserializeOwned + Clone {
    /// What the command line makes of it.
    const KIND: ValueKind;

    /// Parses a flag's or a variable's text.
    fn parse_text(text: &str) -> Result<Self, String>;

    /// The value as a person would type it; `None` for no value.
    fn show(&self) -> Option<String>;
}

impl SettingValue for bool {
    const KIND: ValueKind = ValueKind::Bool;

    fn parse_text(text: &str) -> Result<Self, String> {
        match text {
            "true" => Ok(true),
            "false" => Ok(false),
            _ => Err("expected `true` or `false`".to_owned()),
        }
    }

    fn show(&self) -> Option<String> {
        Some(self.to_string())
    }
}

macro_rules! number_setting {
    ($($ty:ty),*) => {$(
        impl SettingValue for $ty {
            const KIND: ValueKind = ValueKind::Number;

            fn parse_text(text: &str) -> Result<Self, String> {
                text.parse().map_err(|error: std::num::ParseIntError| {
                    // A whole number out of range says the range, not "invalid digit".
                    match text.parse::<i128>() {
                        Ok(_) => format!("{text} is not in 0..={}", <$ty>::MAX),
                        Err(_) => error.to_string(),
                    }
                })
            }

            fn show(&self) -> Option<String> {
                Some(self.to_string())
            }
        }
    )*};
}
number_setting!(u32, u64, usize);

impl SettingValue for f64 {
    const KIND: ValueKind = ValueKind::Number;

    fn parse_text(text: &str) -> Result<Self, String> {
        match text.trim().parse::<f64>() {
            Ok(value) if value.is_finite() => Ok(value),
            _ => Err(format!("{text:?} is not a number (like 0.5)")),
        }
    }

    fn show(&self) -> Option<String> {
        Some(self.to_string())
    }
}

impl SettingValue for String {
    const KIND: ValueKind = ValueKind::Text;

    fn parse_text(text: &str) -> Result<Self, String> {
        Ok(text.to_owned())
    }

    fn show(&self) -> Option<String> {
        Some(self.clone())
    }
}

impl SettingValue for PathBuf {
    const KIND: ValueKind = ValueKind::Path;

    fn parse_text(text: &str) -> Result<Self, String> {
        Ok(PathBuf::from(text))
    }

    fn show(&self) -> Option<String> {
        Some(self.display().to_string())
    }
}

impl SettingValue for SecretString {
    const KIND: ValueKind = ValueKind::Secret;

    fn parse_text(text: &str) -> Result<Self, String> {
        Ok(SecretString::from(text.to_owned()))
    }

    fn show(&self) -> Option<String> {
        None
    }
}

impl SettingValue for Vec<AssetType> {
    const KIND: ValueKind = ValueKind::List;

    fn parse_text(text: &str) -> Result<Self, String> {
        text.split(',')
            .map(|name| AssetType::parse(name).map_err(|error| error.to_string()))
            .collect()
    }

    fn show(&self) -> Option<String> {
        Some(
            self.iter()
                .map(|asset_type| asset_type.as_str())
                .collect::<Vec<_>>()
                .join(","),
        )
    }
}

/// Merging layers: `self` over `base`, key by key.
pub trait Layer {
    /// `self`'s values where it has them, `base`'s elsewhere.
    #[must_use]
    fn over(self, base: Self) -> Self;
}

/// `Some(value)` for an optional macro fragment, `None` without it.
macro_rules! optional {
    () => {
        None
    };
    ($value:expr) => {
        Some($value)
    };
}
pub(super) use optional;

/// A setting's type in the merged struct: `T` with a default, `Option<T>` without.
macro_rules! merged_type {
    ($ty:ty) => { Option<$ty> };
    ($ty:ty, $default:expr) => { $ty };
}
pub(super) use merged_type;

/// A setting's default in the merged struct.
macro_rules! merged_default {
    () => {
        None
    };
    ($default:expr) => {
        $default
    };
}
pub(super) use merged_default;

/// A layer's value (`Option<T>`) over the merged struct's default.
macro_rules! merged_value {
    ($value:expr, $fallback:expr) => {
        $value.or($fallback)
    };
    ($value:expr, $fallback:expr, $default:expr) => {
        $value.unwrap_or($fallback)
    };
}
pub(super) use merged_value;

/// The default as shown: the declared text, else the declared value.
macro_rules! shown_default {
    ($ty:ty; ; ) => {
        None
    };
    ($ty:ty; $shown:literal; $($default:expr)?) => {
        Some($shown.to_owned())
    };
    ($ty:ty; ; $default:expr) => {
        <$ty as $crate::settings::declare::SettingValue>::show(&$default)
    };
}
pub(super) use shown_default;

/// The first of the given expressions (an optional override), else the fallback.
macro_rules! first_or {
    ($fallback:expr) => {
        $fallback
    };
    ($value:expr, $fallback:expr) => {
        $value
    };
}
pub(super) use first_or;

/// Declares a table of settings, each once:
///
/// ```text
/// settings! {
///     /// Doc of the merged struct.
///     pub struct FetchSettings, layer FetchOverrides, table "fetch.", list FETCH_SETTINGS;
///     /// Help text (the README's "meaning").
///     days_of_meetings: u32 = 7, env "ZOOM_FETCH_DAYS_OF_MEETINGS", flag "days-of-meetings",
///         value "DAYS", check days_in_range;
///     ...
///     [sub fetch: FetchOverrides]   // nested tables of the layer
/// }
/// ```
///
/// A setting declared without `= default` is unset unless some layer sets it (`Option<T>` in
/// the merged struct).
///
/// It generates the merged struct (`FetchSettings`, with `Default` from the declared defaults
/// and `check()` running the declared checks), the layer (`FetchOverrides`: every key optional,
/// deserialized from TOML with unknown keys refused, merged with [`Layer::over`], set from text
/// with `set_text`), and the [`Setting`] list (`FETCH_SETTINGS`).
macro_rules! settings {
    (
        $(#[$table_meta:meta])*
        $vis:vis struct $Table:ident, layer $Layer:ident, table $prefix:literal, list $LIST:ident;
        $(
            $(#[doc = $doc:literal])*
            $field:ident : $ty:ty $(= $default:expr)?
            $(, env $env:literal)?
            $(, flag $flag:literal)?
            $(, value $value_name:literal)?
            $(, shown $shown:literal)?
            $(, check $check:path)?
            ;
        )*
        $([sub $sub:ident : $Sub:ty])*
    ) => {
        $(#[$table_meta])*
        $vis struct $Table {
            $(
                $(#[doc = $doc])*
                $vis $field: $crate::settings::declare::merged_type!($ty $(, $default)?),
            )*
        }

        impl Default for $Table {
            fn default() -> Self {
                $Table {
                    $($field: $crate::settings::declare::merged_default!($($default)?),)*
                }
            }
        }

        impl $Table {
            /// Runs each setting's check, naming the first that fails.
            #[allow(dead_code, reason = "not every table has checks")]
            pub(crate) fn check(&self) -> Result<(), $crate::SettingsError> {
                $($(
                    $check(&self.$field).map_err(|message| $crate::SettingsError::Invalid {
                        name: concat!($prefix, stringify!($field)),
                        message,
                    })?;
                )?)*
                Ok(())
            }
        }

        #[doc = concat!(
            "The settings of `", stringify!($Table), "` as one source (the config file, the ",
            "environment, the command line) gives them: every key optional."
        )]
        #[derive(Debug, Default, Clone, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $Layer {
            $(
                #[doc = concat!("See `", $prefix, stringify!($field), "`.")]
                pub $field: Option<$ty>,
            )*
            $(
                #[doc = concat!("The `[", stringify!($sub), "]` table.")]
                #[serde(default)]
                pub $sub: $Sub,
            )*
        }

        impl $crate::settings::declare::Layer for $Layer {
            fn over(self, base: Self) -> Self {
                $Layer {
                    $($field: self.$field.or(base.$field),)*
                    $($sub: $crate::settings::declare::Layer::over(self.$sub, base.$sub),)*
                }
            }
        }

        impl $Layer {
            /// The merged values: this layer's where set, the declared defaults elsewhere.
            #[allow(dead_code, reason = "some tables are resolved field by field")]
            pub(crate) fn values(&self) -> $Table {
                let defaults = $Table::default();
                $Table {
                    $($field: $crate::settings::declare::merged_value!(
                        self.$field.clone(), defaults.$field $(, $default)?
                    ),)*
                }
            }

            /// Sets the key named `key` (without its table) from a flag's or a variable's
            /// text. `Ok(false)` when this table has no such key.
            pub(crate) fn set_text(&mut self, key: &str, text: &str) -> Result<bool, String> {
                match key {
                    $(stringify!($field) => {
                        self.$field = Some(
                            <$ty as $crate::settings::declare::SettingValue>::parse_text(text)?,
                        );
                        Ok(true)
                    })*
                    _ => Ok(false),
                }
            }
        }

        /// Every setting of the table, in declaration order.
        pub const $LIST: &[$crate::settings::declare::Setting] = &[
            $(
                $crate::settings::declare::Setting {
                    key: concat!($prefix, stringify!($field)),
                    env: $crate::settings::declare::optional!($($env)?),
                    flag: $crate::settings::declare::optional!($($flag)?),
                    value_name: $crate::settings::declare::first_or!($($value_name,)? "VALUE"),
                    kind: <$ty as $crate::settings::declare::SettingValue>::KIND,
                    help: concat!($($doc, "\n"),*),
                    default: || $crate::settings::declare::shown_default!(
                        $ty; $($shown)?; $($default)?
                    ),
                    default_is_prose: $crate::settings::declare::first_or!(
                        $({ let _ = $shown; true },)? false
                    ),
                    parse: |text| {
                        <$ty as $crate::settings::declare::SettingValue>::parse_text(text)
                            .map(drop)
                    },
                },
            )*
        ];
    };
}
pub(super) use settings;
