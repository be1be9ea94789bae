//! One module per subcommand; each returns how it ended and leaves printing errors to
//! [`crate::exit`].

mod check;
#[cfg(feature = "simulator")]
mod demo;
mod diff;
mod docs;
mod fetch;
mod inventory;
mod posture;
mod posture_html;
mod runs;
#[cfg(feature = "simulator")]
mod sim;

use std::path::Path;

use anyhow::Context as _;
use inventory_store::Store;

use crate::cli::{Cli, Command};
use crate::exit::{Outcome, UsageError};

pub(crate) fn dispatch(cli: Cli) -> anyhow::Result<Outcome> {
    let quiet = cli.quiet;
    match cli.command {
        #[cfg(feature = "simulator")]
        Command::Demo(args) => runtime()?.block_on(demo::run(args, quiet)),
        Command::Fetch(args) => runtime()?.block_on(fetch::run(args, quiet)),
        Command::Check(args) => runtime()?.block_on(check::run(args)),
        Command::List(args) => inventory::list(&args),
        Command::Show(args) => inventory::show(&args),
        Command::Export(args) => inventory::export(&args, quiet),
        Command::Runs(args) => runs::run(&args),
        Command::Diff(args) => diff::run(&args),
        Command::Posture(args) => posture::run(&args),
        #[cfg(feature = "simulator")]
        Command::Sim(args) => runtime()?.block_on(sim::run(args)),
        Command::Completions(args) => docs::completions(&args),
        Command::Man(args) => docs::man(&args),
    }
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")
}

/// The commands that make an inventory, as a missing inventory's error names them.
const MAKE_AN_INVENTORY: &str = if cfg!(feature = "simulator") {
    "`zoom-inventory fetch` (or `zoom-inventory demo`)"
} else {
    "`zoom-inventory fetch`"
};

/// Opens an existing inventory for reading; a missing file is a usage error, not an empty
/// inventory.
fn open_existing(path: &Path) -> anyhow::Result<Store> {
    if !path.exists() {
        return Err(UsageError(format!(
            "no inventory at {}: run {MAKE_AN_INVENTORY} first, or pass --db",
            path.display()
        ))
        .into());
    }
    Store::open(path).with_context(|| format!("cannot open inventory {}", path.display()))
}
