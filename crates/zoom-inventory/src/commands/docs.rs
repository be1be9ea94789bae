//! `completions` and `man`: shell completion scripts and manual pages, generated from the clap
//! definitions of the command line, so that they offer exactly the commands, flags and values
//! the binary takes.

use std::io::{self, Write};
use std::path::Path;

use anyhow::Context as _;
use clap::Command;
use clap_mangen::Man;

use crate::cli::{self, BIN_NAME, BUILD_DATE, CompletionsArgs, ManArgs};
use crate::exit::Outcome;

pub(crate) fn completions(args: &CompletionsArgs) -> anyhow::Result<Outcome> {
    let mut out = io::stdout().lock();
    write_completions(args.shell, &mut out);
    out.flush()?;
    Ok(Outcome::Success)
}

pub(crate) fn man(args: &ManArgs) -> anyhow::Result<Outcome> {
    let command = documented();
    match &args.dir {
        None => {
            let mut out = io::stdout().lock();
            page(command).render(&mut out)?;
            out.flush()?;
        }
        Some(dir) => {
            write_pages(command, dir)?;
        }
    }
    Ok(Outcome::Success)
}

pub(super) fn write_completions(shell: clap_complete::Shell, out: &mut dyn Write) {
    clap_complete::generate(shell, &mut documented(), BIN_NAME, out);
}

/// Writes the main page and one page per command into `dir` (which must exist); returns the
/// files written.
pub(super) fn write_pages(command: Command, dir: &Path) -> anyhow::Result<Vec<String>> {
    let mut written = Vec::new();
    let mut write = |man: Man| -> anyhow::Result<()> {
        let path = man
            .generate_to(dir)
            .with_context(|| format!("cannot write a manual page into {}", dir.display()))?;
        written.push(path.display().to_string());
        Ok(())
    };
    for sub in commands(&command) {
        write(page(sub.clone()))?;
    }
    write(page(command))?;
    Ok(written)
}

/// The command line as documented: built (so each command knows its full name,
/// `zoom-inventory-fetch`), without clap's `help` command, and without the values of the
/// environment it runs in (a page or script must not depend on, or reveal, them).
fn documented() -> Command {
    let mut command = hide_env_values(cli::command()).disable_help_subcommand(true);
    command.build();
    command
}

fn hide_env_values(command: Command) -> Command {
    command
        .mut_args(|arg| arg.hide_env_values(true))
        .mut_subcommands(hide_env_values)
}

/// The commands a page or script documents, as clap holds them.
pub(super) fn commands(command: &Command) -> impl Iterator<Item = &Command> {
    command.get_subcommands().filter(|sub| !sub.is_hide_set())
}

fn page(command: Command) -> Man {
    Man::new(command).date(BUILD_DATE)
}

#[cfg(test)]
mod tests {
    use clap_complete::Shell;

    use super::*;

    /// The command names of the command line, from clap: a new command is covered at once.
    fn command_names() -> Vec<String> {
        let command = documented();
        let names: Vec<String> = commands(&command)
            .map(|sub| sub.get_name().to_owned())
            .collect();
        assert!(names.len() >= 9, "{names:?}");
        names
    }

    /// Whether `text` holds `word` as a whole word (not inside `listing` for `list`), flag
    /// dashes aside (`--format` holds `format`).
    fn has_word(text: &str, word: &str) -> bool {
        text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .any(|token| token.trim_start_matches('-') == word)
    }

    #[test]
    fn each_shells_completions_name_every_command() {
        for shell in [Shell::Bash, Shell::Zsh, Shell::Fish, Shell::PowerShell] {
            let mut script = Vec::new();
            write_completions(shell, &mut script);
            let script = String::from_utf8(script).expect("utf-8");
            assert!(script.contains(BIN_NAME), "{shell}");
            for name in command_names() {
                assert!(has_word(&script, &name), "{shell} completions lack {name}");
            }
            // And a flag of a command, with its values (clap's PowerShell script completes
            // flags only).
            assert!(has_word(&script, "format"), "{shell}");
            assert!(
                shell == Shell::PowerShell || has_word(&script, "ocsf"),
                "{shell}"
            );
        }
    }

    #[test]
    fn the_manual_names_every_command_and_has_a_page_for_each() {
        let mut main = Vec::new();
        page(documented()).render(&mut main).expect("renders");
        // roff writes a hyphen as `\-`.
        let main = String::from_utf8(main).expect("utf-8").replace("\\-", "-");
        assert!(main.contains("\n.TH zoom-inventory 1 "), "{main}");
        for name in command_names() {
            assert!(
                has_word(&main, &format!("{BIN_NAME}-{name}")),
                "the main page lacks {name}"
            );
        }

        let dir = tempfile::tempdir().expect("temp dir");
        let written = write_pages(documented(), dir.path()).expect("pages written");
        assert_eq!(written.len(), command_names().len() + 1, "{written:?}");
        for name in command_names() {
            let path = dir.path().join(format!("{BIN_NAME}-{name}.1"));
            let text = std::fs::read_to_string(&path).expect("a page per command");
            assert!(text.contains(".SH SYNOPSIS"), "{}", path.display());
        }
    }
}
