//! `--help` of the binary and of every command, pinned: the accepted values of every format,
//! kind, status and type are part of the command line's contract. The shell completions and
//! the manual pages name every command the help lists.

use crate::support::{assert_code, stdout, zi_without_env};

/// Every command, in the order the top-level help lists them.
const COMMANDS: [&str; 12] = [
    "demo",
    "fetch",
    "check",
    "list",
    "show",
    "export",
    "runs",
    "diff",
    "posture",
    "sim",
    "completions",
    "man",
];

/// The commands the binary's `--help` lists (clap's `help` aside), and that help.
fn listed_commands() -> (Vec<String>, String) {
    let top = zi_without_env(&["--help"]);
    assert_code(&top, 0);
    let text = stdout(&top);
    let listed = text
        .lines()
        .skip_while(|line| *line != "Commands:")
        .skip(1)
        .take_while(|line| !line.is_empty())
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_owned)
        .collect();
    (listed, text)
}

#[test]
fn help_of_the_binary_and_of_every_command() {
    let (listed, text) = listed_commands();
    assert_eq!(listed, COMMANDS, "a new command needs its help pinned here");
    insta::assert_snapshot!("help", text);
    for command in COMMANDS {
        let output = zi_without_env(&[command, "--help"]);
        assert_code(&output, 0);
        insta::assert_snapshot!(format!("help_{command}"), stdout(&output));
    }
}

/// Whether `text` holds `word` as a whole word, flag dashes and roff's `\-` aside.
fn has_word(text: &str, word: &str) -> bool {
    text.replace("\\-", "-")
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .any(|token| token.trim_start_matches('-') == word)
}

#[test]
fn completions_and_manual_name_every_command() {
    let (listed, _) = listed_commands();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let output = zi_without_env(&["completions", shell]);
        assert_code(&output, 0);
        let script = stdout(&output);
        assert!(script.contains("zoom-inventory"), "{shell}: {script}");
        for command in &listed {
            assert!(
                has_word(&script, command),
                "{shell} completions lack {command}"
            );
        }
    }
    let output = zi_without_env(&["man"]);
    assert_code(&output, 0);
    let page = stdout(&output);
    assert!(page.contains(".TH zoom-inventory 1 "), "{page}");
    for command in &listed {
        assert!(
            has_word(&page, &format!("zoom-inventory-{command}")),
            "the manual lacks {command}"
        );
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let output = zi_without_env(&["man", "--dir", dir.path().to_str().expect("utf-8")]);
    assert_code(&output, 0);
    for command in &listed {
        let page = dir.path().join(format!("zoom-inventory-{command}.1"));
        let text = std::fs::read_to_string(&page).expect("a page per command");
        assert!(!text.is_empty(), "{}", page.display());
    }
    assert!(dir.path().join("zoom-inventory.1").exists());
}

#[test]
fn version_names_the_commit_and_the_build_date() {
    let output = zi_without_env(&["--version"]);
    assert_code(&output, 0);
    let text = stdout(&output);
    let rest = text
        .trim_end()
        .strip_prefix(concat!(
            "zoom-inventory ",
            env!("CARGO_PKG_VERSION"),
            " (commit "
        ))
        .unwrap_or_else(|| panic!("{text}"));
    let (commit, date) = rest
        .strip_suffix(')')
        .and_then(|rest| rest.split_once(", built "))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        commit == "unknown"
            || (commit.len() == 12 && commit.chars().all(|c| c.is_ascii_hexdigit())),
        "{text}"
    );
    assert!(
        jiff::civil::Date::strptime("%Y-%m-%d", date).is_ok(),
        "{text}"
    );
}
