//! A pseudo-terminal harness: runs the real binary, drains its output on a
//! background thread into a vt100 screen, and waits for what a person would
//! see. Waits are generous and scale with `PHONESCREEN_TEST_TIMEOUT_SCALE`.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

/// Key sequences as a terminal sends them.
pub mod keys {
    pub const PAGE_DOWN: &str = "\x1b[6~";
    pub const PAGE_UP: &str = "\x1b[5~";
    pub const CTRL_Q: &str = "\x11";
    pub const CTRL_C: &str = "\x03";
    pub const CTRL_S: &str = "\x13";
    pub const F10: &str = "\x1b[21~";
    pub const F12: &str = "\x1b[24~";
    pub const ENTER: &str = "\r";

    /// Text wrapped in bracketed-paste markers.
    pub fn paste(text: &str) -> String {
        format!("\x1b[200~{text}\x1b[201~")
    }
}

/// Arguments that start an interview with Ada Lovelace at Acme straight away.
pub const START_ADA: &[&str] = &[
    "interview",
    "--candidate",
    "Ada Lovelace",
    "--role",
    "Backend engineer",
    "--set",
    "company=Acme",
];

/// How long to wait for anything: generous, and longer on slow machines.
pub fn timeout() -> Duration {
    let scale: f64 = std::env::var("PHONESCREEN_TEST_TIMEOUT_SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(if std::env::var_os("CI").is_some() {
            3.0
        } else {
            1.0
        });
    Duration::from_secs_f64(20.0 * scale)
}

/// A running phonescreen in a pseudo-terminal.
pub struct Pty {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    reader: Option<thread::JoinHandle<()>>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

/// Folders for one test run.
pub struct Dirs {
    pub root: tempfile::TempDir,
}

impl Dirs {
    pub fn new() -> Self {
        Self {
            root: tempfile::tempdir().unwrap(),
        }
    }
    pub fn data(&self) -> PathBuf {
        self.root.path().join("data")
    }
    pub fn config(&self) -> PathBuf {
        self.root.path().join("config")
    }
    pub fn sessions(&self) -> PathBuf {
        self.data().join("sessions")
    }
    /// The one saved interview file.
    pub fn session_file(&self) -> PathBuf {
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.sessions())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
            .collect();
        assert_eq!(files.len(), 1, "{files:?}");
        files.remove(0)
    }
}

impl Pty {
    /// Starts phonescreen with `args` in a `cols` x `rows` terminal.
    pub fn spawn(dirs: &Dirs, args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Self {
        let system = native_pty_system();
        let pair = system
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_phonescreen"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("HOME", dirs.root.path());
        cmd.env("PHONESCREEN_DATA_DIR", dirs.data());
        cmd.env("PHONESCREEN_CONFIG_DIR", dirs.config());
        cmd.env_remove("NO_COLOR");
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.cwd(dirs.root.path());
        let child = pair.slave.spawn_command(cmd).expect("spawn phonescreen");
        // Only the child holds the slave, so reads end when it exits.
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (p, r) = (Arc::clone(&parser), Arc::clone(&raw));
        let reader = thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        r.lock().unwrap().extend_from_slice(&buf[..n]);
                        p.lock().unwrap().process(&buf[..n]);
                    }
                }
            }
        });
        Self {
            child,
            writer,
            parser,
            raw,
            reader: Some(reader),
            _master: pair.master,
        }
    }

    /// Sends bytes as typed.
    pub fn send(&mut self, text: &str) {
        self.writer.write_all(text.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Types text one character at a time, as a person would.
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            let mut b = [0u8; 4];
            self.send(c.encode_utf8(&mut b));
            thread::sleep(Duration::from_millis(3));
        }
    }

    /// The screen as text.
    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Everything the program wrote, escape sequences included.
    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// Waits until the screen contains `needle`; panics with the screen if it never does.
    pub fn wait_for(&self, needle: &str) {
        let deadline = Instant::now() + timeout();
        loop {
            if self.screen().contains(needle) {
                return;
            }
            if Instant::now() > deadline {
                panic!(
                    "timed out waiting for {needle:?}; screen:\n{}",
                    self.screen()
                );
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the screen stops changing (two identical frames 150 ms apart).
    pub fn settle(&self) -> String {
        let deadline = Instant::now() + timeout();
        let mut last = self.screen();
        loop {
            thread::sleep(Duration::from_millis(150));
            let now = self.screen();
            if now == last || Instant::now() > deadline {
                return now;
            }
            last = now;
        }
    }

    /// The child's process id.
    pub fn pid(&self) -> i32 {
        self.child.process_id().expect("child pid") as i32
    }

    /// Sends a signal to the child.
    pub fn signal(&self, sig: i32) {
        // SAFETY: kill(2) with a pid we spawned and a valid signal number.
        let rc = unsafe { libc::kill(self.pid(), sig) };
        assert_eq!(rc, 0, "kill failed");
    }

    /// Waits for the child to exit and the output to be drained; returns its status.
    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + timeout();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                if let Some(reader) = self.reader.take() {
                    // The reader ends at EOF once the child's side is closed.
                    let _ = reader.join();
                }
                return status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("phonescreen did not exit; screen:\n{}", self.screen());
            }
            thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Reads the saved interview at `path` through the library.
pub fn load(path: &Path) -> phonescreen::interview::Record {
    phonescreen::store::load(path).unwrap_or_else(|e| panic!("{e}"))
}
