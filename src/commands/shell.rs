//! Shell conventions from the clap definitions themselves, so they never
//! drift from the command line: completion scripts (`clap_complete`) and
//! manual pages (`clap_mangen`), made when asked rather than by a build
//! script, which would slow every `cargo build`.

use std::io::Write;
use std::path::Path;

use clap::CommandFactory;

use crate::cli::Cli;

/// The name the shells know the program by.
const BIN: &str = "phonescreen";

/// Writes the completion script for `shell`.
pub fn completions(shell: clap_complete::Shell, out: &mut impl Write) -> std::io::Result<()> {
    // Into memory first: clap_complete panics when its writer fails (a
    // closed pipe), where this returns the error.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), BIN, &mut script);
    out.write_all(&script)
}

/// Every command's page, the top one first: `phonescreen`, then
/// `phonescreen-interview`, … `phonescreen-bank-validate`, each saying what
/// its options do.
fn pages() -> Vec<clap_mangen::Man> {
    fn walk(cmd: clap::Command, pages: &mut Vec<clap_mangen::Man>) {
        let subcommands: Vec<clap::Command> = cmd
            .get_subcommands()
            .filter(|s| !s.is_hide_set())
            .cloned()
            .collect();
        pages.push(clap_mangen::Man::new(cmd));
        for sub in subcommands {
            walk(sub, pages);
        }
    }
    // Built, as clap_mangen::generate_to does, so each subcommand is named
    // in full (`phonescreen-bank-validate`) and `help` is no page of its own.
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let mut pages = Vec::new();
    walk(cmd, &mut pages);
    pages
}

/// Writes every page, one after the other, for `man -l -`.
pub fn man(out: &mut impl Write) -> std::io::Result<()> {
    for page in pages() {
        page.render(out)?;
    }
    Ok(())
}

/// Writes each page to `dir/<name>.1` (the folder is made if missing) and
/// returns the files written.
pub fn man_to(dir: &Path) -> std::io::Result<Vec<std::path::PathBuf>> {
    std::fs::create_dir_all(dir)?;
    pages().iter().map(|page| page.generate_to(dir)).collect()
}
