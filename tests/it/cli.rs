//! Running the real binary on a data folder, for command-line tests.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Stdio};

/// Runs `phonescreen args` with its data folder at `data`, its config
/// folder, home and rescue folders inside it, no standard input and no
/// colour: `(stdout, stderr, exit code)`.
pub fn run(data: &Path, args: &[&str]) -> (String, String, i32) {
    run_with(data, args, &[], None)
}

/// [`run`] with more environment variables, and as the user `ids`
/// (`(uid, gid)`) when given (the tests must run as root for that).
pub fn run_with(
    data: &Path,
    args: &[&str],
    env: &[(&str, &Path)],
    ids: Option<(u32, u32)>,
) -> (String, String, i32) {
    use std::os::unix::process::CommandExt;
    let mut command = Command::new(env!("CARGO_BIN_EXE_phonescreen"));
    command
        .args(args)
        .env("PHONESCREEN_DATA_DIR", data)
        .env("PHONESCREEN_CONFIG_DIR", data.join("config"))
        .env("HOME", data)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null());
    for (name, value) in env {
        command.env(name, value);
    }
    if let Some((uid, gid)) = ids {
        // The standard library drops root's supplementary groups with it.
        command.gid(gid).uid(uid);
    }
    let output = command.output().expect("the binary runs");
    let text = |b: &[u8]| String::from_utf8(b.to_vec()).expect("UTF-8 output");
    (
        text(&output.stdout),
        text(&output.stderr),
        output.status.code().unwrap_or(-1),
    )
}

/// The user `nobody` to run the binary as, when these tests run as root
/// and `nobody` can run it; else why not, to print when skipping.
pub fn nobody() -> Result<(u32, u32), String> {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        return Err(
            "the tests do not run as root, so they cannot run the binary as another user".into(),
        );
    }
    let ids = (65534, 65534);
    let tmp = tempfile::tempdir().map_err(|e| e.to_string())?;
    let (_, err, code) = run_with(tmp.path(), &["--version"], &[], Some(ids));
    if code != 0 {
        return Err(format!(
            "the user nobody (65534) cannot run {}: {err}",
            env!("CARGO_BIN_EXE_phonescreen")
        ));
    }
    Ok(ids)
}
