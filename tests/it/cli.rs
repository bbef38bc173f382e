//! Running the real binary as a command, without a terminal: the one way
//! the tests start it outside a pseudo-terminal (`pty` runs it inside one).
#![allow(dead_code)]

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// `phonescreen args`, to be given its folders and run.
///
/// Standard input is empty unless [`Phonescreen::input`] gives one;
/// `RUST_BACKTRACE` is unset, so a panic reads the same everywhere. Name
/// the folders ([`Phonescreen::folders`], or one by one) so that no test
/// reads or writes the developer's own.
pub struct Phonescreen {
    command: Command,
    input: Option<Vec<u8>>,
    hang: Option<Duration>,
}

/// `phonescreen args` (see [`Phonescreen`]).
pub fn phonescreen<S: AsRef<OsStr>>(args: impl IntoIterator<Item = S>) -> Phonescreen {
    let mut command = Command::new(env!("CARGO_BIN_EXE_phonescreen"));
    command
        .args(args)
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    Phonescreen {
        command,
        input: None,
        hang: None,
    }
}

/// What a run printed, and how it ended.
#[derive(Debug)]
pub struct Output {
    pub stdout: String,
    pub stderr: String,
    /// The exit status (a run killed by a signal fails the test).
    pub code: i32,
    /// From start to exit.
    pub took: Duration,
}

/// [`Output`] as bytes, for output that need not be UTF-8.
pub struct RawOutput {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    pub code: i32,
    pub took: Duration,
}

impl Phonescreen {
    /// The data folder (`PHONESCREEN_DATA_DIR`).
    pub fn data(mut self, dir: impl AsRef<Path>) -> Self {
        self.command.env("PHONESCREEN_DATA_DIR", dir.as_ref());
        self
    }

    /// The config folder (`PHONESCREEN_CONFIG_DIR`).
    pub fn config(mut self, dir: impl AsRef<Path>) -> Self {
        self.command.env("PHONESCREEN_CONFIG_DIR", dir.as_ref());
        self
    }

    /// The home folder (`HOME`: where `~` and the rescue folder lead).
    pub fn home(mut self, dir: impl AsRef<Path>) -> Self {
        self.command.env("HOME", dir.as_ref());
        self
    }

    /// Every folder in `root`: data in `root/data`, config in
    /// `root/config`, home `root` itself, and runs there.
    pub fn folders(self, root: &Path) -> Self {
        self.data(root.join("data"))
            .config(root.join("config"))
            .home(root)
            .current_dir(root)
    }

    /// Runs in `dir`.
    pub fn current_dir(mut self, dir: impl AsRef<Path>) -> Self {
        self.command.current_dir(dir);
        self
    }

    /// One more environment variable.
    pub fn env(mut self, name: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> Self {
        self.command.env(name, value);
        self
    }

    /// `bytes` on standard input, then its end.
    pub fn input(mut self, bytes: impl Into<Vec<u8>>) -> Self {
        self.input = Some(bytes.into());
        self
    }

    /// The command itself, for what is set here for one test only (the
    /// user it runs as, where its output goes, limits in the child).
    pub fn command(&mut self) -> &mut Command {
        &mut self.command
    }

    /// Kills the run and fails the test if it has not ended after `limit`.
    pub fn kill_after(mut self, limit: Duration) -> Self {
        self.hang = Some(limit);
        self
    }

    /// Runs to the end; fails the test if the binary cannot run, is killed
    /// by a signal, hangs (see [`Phonescreen::kill_after`]) or panics.
    pub fn output_bytes(mut self) -> RawOutput {
        let args: Vec<_> = self.command.get_args().map(OsStr::to_owned).collect();
        if self.input.is_some() {
            self.command.stdin(Stdio::piped());
        }
        let started = Instant::now();
        let mut child = self.command.spawn().expect("the phonescreen binary runs");
        let input = self.input.take();
        let writer = child.stdin.take().map(|mut stdin| {
            // A command that does not read its input may close it first.
            thread::spawn(move || drop(stdin.write_all(&input.unwrap_or_default())))
        });
        fn read_all(from: Option<impl Read + Send + 'static>) -> thread::JoinHandle<Vec<u8>> {
            thread::spawn(move || {
                let mut bytes = Vec::new();
                if let Some(mut from) = from {
                    from.read_to_end(&mut bytes).expect("read the output");
                }
                bytes
            })
        }
        let (stdout, stderr) = (read_all(child.stdout.take()), read_all(child.stderr.take()));
        let status = match self.hang {
            None => child.wait().unwrap(),
            Some(limit) => loop {
                if let Some(status) = child.try_wait().unwrap() {
                    break status;
                }
                if started.elapsed() > limit {
                    let _ = child.kill();
                    let _ = child.wait();
                    panic!("phonescreen {args:?} hung: killed after {limit:?}");
                }
                thread::sleep(Duration::from_millis(5));
            },
        };
        let took = started.elapsed();
        if let Some(writer) = writer {
            writer.join().unwrap();
        }
        let (stdout, stderr) = (stdout.join().unwrap(), stderr.join().unwrap());
        let code = status
            .code()
            .unwrap_or_else(|| panic!("phonescreen {args:?} was killed: {status}"));
        for said in [&stdout, &stderr] {
            let said = String::from_utf8_lossy(said);
            assert!(
                !said.contains("panicked"),
                "phonescreen {args:?} panicked:\n{said}"
            );
        }
        RawOutput {
            stdout,
            stderr,
            code,
            took,
        }
    }

    /// [`Phonescreen::output_bytes`], as text: fails the test if the
    /// output is not UTF-8.
    pub fn output(self) -> Output {
        let out = self.output_bytes();
        Output {
            stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
            code: out.code,
            took: out.took,
        }
    }
}

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
    let mut run = on_data(data, args).env("NO_COLOR", "1");
    for (name, value) in env {
        run = run.env(name, value);
    }
    if let Some((uid, gid)) = ids {
        // The standard library drops root's supplementary groups with it.
        run.command().gid(gid).uid(uid);
    }
    let out = run.output();
    (out.stdout, out.stderr, out.code)
}

/// `phonescreen args` on the data folder `data`, with its config folder
/// and home inside it (the layout of [`run`]).
pub fn on_data<S: AsRef<OsStr>>(data: &Path, args: impl IntoIterator<Item = S>) -> Phonescreen {
    phonescreen(args)
        .data(data)
        .config(data.join("config"))
        .home(data)
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
