//! `phonescreen config path` and `phonescreen config init`.

use std::io::Write;

use crate::display::escape;
use crate::paths::Paths;

/// Prints where `config.yaml` is read from, whether it exists or not, and
/// nothing else, for `$EDITOR "$(phonescreen config path)"`.
pub fn path(paths: &Paths, out: &mut impl Write) -> std::io::Result<()> {
    writeln!(
        out,
        "{}",
        escape(&paths.config_file().display().to_string())
    )
}

/// Writes the commented `config.yaml` (see [`crate::config::init`]) and
/// says where.
pub fn init(paths: &Paths, force: bool, out: &mut impl Write) -> anyhow::Result<()> {
    let file = paths.config_file();
    crate::config::init(&file, force).map_err(anyhow::Error::msg)?;
    writeln!(
        out,
        "Wrote {}: every setting with its default; remove the `# ` before a line to use it.",
        escape(&file.display().to_string())
    )?;
    Ok(())
}
