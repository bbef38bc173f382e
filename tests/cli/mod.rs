//! Running the real binary on a data folder, for command-line tests.

use std::path::Path;
use std::process::{Command, Stdio};

/// Runs `phonescreen args` with its data folder at `data`, its config
/// folder, home and rescue folders inside it, no standard input and no
/// colour: `(stdout, stderr, exit code)`.
pub fn run(data: &Path, args: &[&str]) -> (String, String, i32) {
    let output = Command::new(env!("CARGO_BIN_EXE_phonescreen"))
        .args(args)
        .env("PHONESCREEN_DATA_DIR", data)
        .env("PHONESCREEN_CONFIG_DIR", data.join("config"))
        .env("HOME", data)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs");
    let text = |b: &[u8]| String::from_utf8(b.to_vec()).expect("UTF-8 output");
    (
        text(&output.stdout),
        text(&output.stderr),
        output.status.code().unwrap_or(-1),
    )
}
