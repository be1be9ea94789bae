//! `--help` of the binary and of every command, pinned: the accepted values of every format,
//! kind, status and type are part of the command line's contract.

use crate::support::{assert_code, stdout, zi_without_env};

/// Every command, in the order the top-level help lists them.
const COMMANDS: [&str; 10] = [
    "demo", "fetch", "check", "list", "show", "export", "runs", "diff", "posture", "sim",
];

#[test]
fn help_of_the_binary_and_of_every_command() {
    let top = zi_without_env(&["--help"]);
    assert_code(&top, 0);
    let text = stdout(&top);
    let listed: Vec<&str> = text
        .lines()
        .skip_while(|line| *line != "Commands:")
        .skip(1)
        .take_while(|line| !line.is_empty())
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help")
        .collect();
    assert_eq!(listed, COMMANDS, "a new command needs its help pinned here");
    insta::assert_snapshot!("help", text);
    for command in COMMANDS {
        let output = zi_without_env(&[command, "--help"]);
        assert_code(&output, 0);
        insta::assert_snapshot!(format!("help_{command}"), stdout(&output));
    }
}
