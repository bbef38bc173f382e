//! A pseudo-terminal harness: runs the real binary, drains its output on a
//! background thread into a vt100 screen, and waits for what a person would
//! see. Waits are generous and scale with `PHONESCREEN_TEST_TIMEOUT_SCALE`.
//!
//! The end-to-end benchmark (`benches/e2e.rs`) runs its programs on this
//! harness too: [`Pty::start`], [`Pty::watch`] and [`Pty::quiet`] are there
//! for it.
#![allow(dead_code)]

use std::fs::File;
use std::io::{self, Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, RawFd};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

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

/// Polls `cond` every 20 ms until it holds (true) or `limit` passes (false).
pub fn eventually(limit: Duration, mut cond: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + limit;
    loop {
        if cond() {
            return true;
        }
        if Instant::now() > deadline {
            return false;
        }
        thread::sleep(Duration::from_millis(20));
    }
}

/// How long [`Pty::assert_idle`] watches the process.
const IDLE_SAMPLE: Duration = Duration::from_secs(2);

/// The share of one core above which an app with nothing to do is spinning.
const IDLE_MAX_SHARE: f64 = 0.10;

/// A predicate on the screen, checked by the reader thread right after
/// each chunk of output is parsed (see [`Pty::watch`]).
pub type Watch = Box<dyn FnMut(&vt100::Screen) -> bool + Send>;

/// What the reader thread shares with the harness.
struct Output {
    parser: vt100::Parser,
    /// Everything the program wrote.
    raw: Vec<u8>,
    /// When the last chunk arrived.
    last_output: Instant,
    watch: Option<Watch>,
    /// When the watch first held: right after the chunk that made it true.
    hit: Option<Instant>,
    /// The reader has ended: the program's side is closed, or hung up.
    closed: bool,
}

type Shared = Arc<(Mutex<Output>, Condvar)>;

/// A program running in a pseudo-terminal: phonescreen for the tests, any
/// program for the benchmarks.
///
/// The harness owns every descriptor of the master side: the master itself,
/// one duplicate it writes to and one the background thread reads from. That
/// way [`Pty::hang_up`] can close them all (portable-pty's own writer would
/// type a newline and Ctrl+D into the app when dropped).
pub struct Pty {
    child: Box<dyn Child + Send + Sync>,
    pid: i32,
    /// Where keys are written; `None` once hung up.
    writer: Arc<Mutex<Option<File>>>,
    /// The master side; `None` once hung up.
    master: Option<Box<dyn MasterPty + Send>>,
    output: Shared,
    size: (u16, u16),
    /// Tells the reader thread to close its descriptor and end.
    stop_reading: Arc<AtomicBool>,
    reader: Option<thread::JoinHandle<()>>,
    spawned_at: Instant,
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

/// A close-on-exec duplicate of `fd`, owned as a file.
fn dup(fd: RawFd) -> File {
    // SAFETY: fcntl(F_DUPFD_CLOEXEC) on a descriptor we hold; the new
    // descriptor is owned by the returned File and nothing else.
    let new = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0) };
    assert!(new >= 0, "dup the pty: {}", io::Error::last_os_error());
    // SAFETY: `new` is a fresh descriptor nobody else owns.
    unsafe { File::from_raw_fd(new) }
}

/// Drains the master side into `output` until the child's side is closed
/// (EOF or EIO) or `stop` is set, checking the watch after every chunk;
/// then closes its descriptor.
fn drain(mut master: File, stop: &AtomicBool, output: &Shared) {
    let mut buf = vec![0u8; 64 * 1024];
    while !stop.load(Ordering::SeqCst) {
        let mut fds = [libc::pollfd {
            fd: master.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        }];
        // Wake up now and then to see `stop`, so hang_up can close this descriptor.
        // SAFETY: `fds` is a valid pollfd array for the duration of the call.
        let n = unsafe { libc::poll(fds.as_mut_ptr(), 1, 50) };
        if n == 0 || (n < 0 && io::Error::last_os_error().kind() == io::ErrorKind::Interrupted) {
            continue;
        }
        match master.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                let (lock, cvar) = &**output;
                let mut guard = lock.lock().unwrap();
                let o = &mut *guard;
                o.parser.process(&buf[..n]);
                o.raw.extend_from_slice(&buf[..n]);
                o.last_output = Instant::now();
                if o.hit.is_none()
                    && let Some(watch) = o.watch.as_mut()
                    && watch(o.parser.screen())
                {
                    o.hit = Some(Instant::now());
                }
                cvar.notify_all();
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            // EIO: every descriptor of the child's side is closed.
            Err(_) => break,
        }
    }
    let (lock, cvar) = &**output;
    lock.lock().unwrap().closed = true;
    cvar.notify_all();
}

/// Writes all of `bytes` to the master side and flushes.
fn write_to(writer: &Mutex<Option<File>>, bytes: &[u8]) -> io::Result<()> {
    let mut guard = writer.lock().unwrap();
    let w = guard
        .as_mut()
        .ok_or_else(|| io::Error::new(io::ErrorKind::NotConnected, "the pty was hung up"))?;
    w.write_all(bytes)?;
    w.flush()
}

/// Sets `TERM` and clears what would make a program behave by where the
/// tests happen to run: `NO_COLOR`, and the variables that say which
/// terminal or multiplexer surrounds it (`TMUX`, `STY`, `TERM_PROGRAM`).
/// Run from inside tmux or GNU screen, phonescreen would otherwise copy
/// into the developer's own tmux or refuse the terminal. The terminal is
/// the pty, and only what a caller sets after this says otherwise.
pub fn plain_terminal(cmd: &mut CommandBuilder) {
    cmd.env("TERM", "xterm-256color");
    cmd.env_remove("NO_COLOR");
    for surrounding in ["TMUX", "TMUX_PANE", "STY", "WINDOW", "TERM_PROGRAM"] {
        cmd.env_remove(surrounding);
    }
}

impl Pty {
    /// Starts phonescreen with `args` in a `cols` x `rows` terminal.
    ///
    /// `env` is set last, so it overrides the defaults here (the folders,
    /// and [`plain_terminal`]'s).
    pub fn spawn(dirs: &Dirs, args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Self {
        let program = Path::new(env!("CARGO_BIN_EXE_phonescreen"));
        Self::start(program, args, cols, rows, |cmd| {
            plain_terminal(cmd);
            cmd.env("HOME", dirs.root.path());
            cmd.env("PHONESCREEN_DATA_DIR", dirs.data());
            cmd.env("PHONESCREEN_CONFIG_DIR", dirs.config());
            for (k, v) in env {
                cmd.env(k, v);
            }
            cmd.cwd(dirs.root.path());
        })
        .unwrap_or_else(|e| panic!("{e}"))
    }

    /// Starts `program args` in a `cols` x `rows` terminal, its environment
    /// the runner's as `configure` changes it.
    ///
    /// The output is drained from before the program starts, so
    /// [`Pty::spawned_at`] to the first frame is the whole start-up.
    pub fn start(
        program: &Path,
        args: &[&str],
        cols: u16,
        rows: u16,
        configure: impl FnOnce(&mut CommandBuilder),
    ) -> Result<Self, String> {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .map_err(|e| format!("open a pty: {e}"))?;
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        configure(&mut cmd);
        let master_fd = pair.master.as_raw_fd().ok_or("not a unix pty")?;
        let writer = Arc::new(Mutex::new(Some(dup(master_fd))));
        let reading = dup(master_fd);
        let output: Shared = Arc::new((
            Mutex::new(Output {
                parser: vt100::Parser::new(rows, cols, 0),
                raw: Vec::new(),
                last_output: Instant::now(),
                watch: None,
                hit: None,
                closed: false,
            }),
            Condvar::new(),
        ));
        let stop_reading = Arc::new(AtomicBool::new(false));
        let (o, stop) = (Arc::clone(&output), Arc::clone(&stop_reading));
        let reader = thread::spawn(move || drain(reading, &stop, &o));
        let spawned_at = Instant::now();
        let child = match pair.slave.spawn_command(cmd) {
            Ok(child) => child,
            Err(e) => {
                stop_reading.store(true, Ordering::SeqCst);
                return Err(format!("spawn {}: {e}", program.display()));
            }
        };
        let pid = child.process_id().expect("child pid") as i32;
        // Only the child holds the slave, so reads end when it exits.
        drop(pair.slave);
        Ok(Self {
            child,
            pid,
            writer,
            master: Some(pair.master),
            output,
            size: (cols, rows),
            stop_reading,
            reader: Some(reader),
            spawned_at,
        })
    }

    /// When the program was started.
    pub fn spawned_at(&self) -> Instant {
        self.spawned_at
    }

    /// Writes `bytes` in one write; an error if the program's side is
    /// closed or the pty was hung up.
    pub fn write(&self, bytes: &[u8]) -> io::Result<()> {
        write_to(&self.writer, bytes)
    }

    /// Sends bytes in one write, as a terminal delivers a burst.
    ///
    /// Keys sent after the app has exited are dropped, as a terminal would:
    /// the test's own checks then say what went wrong, not this write.
    pub fn send(&mut self, text: &str) {
        if let Err(e) = write_to(&self.writer, text.as_bytes()) {
            assert!(!self.is_running(), "write to the pty: {e}");
        }
    }

    /// Sends `text` in one write from a helper thread and returns at once.
    ///
    /// A write bigger than the pty's buffer blocks until the app reads; on a
    /// helper thread it cannot deadlock the test. Join the handle to learn
    /// whether everything was written (an error means the app's side closed).
    /// Do not call [`Pty::send`] or [`Pty::hang_up`] before it is joined.
    pub fn send_in_background(&self, text: String) -> thread::JoinHandle<io::Result<()>> {
        let writer = Arc::clone(&self.writer);
        thread::spawn(move || write_to(&writer, text.as_bytes()))
    }

    /// Types text one character at a time, as a person would.
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            let mut b = [0u8; 4];
            self.send(c.encode_utf8(&mut b));
            thread::sleep(Duration::from_millis(3));
        }
    }

    /// Resizes the terminal to `cols` x `rows`; the kernel sends the app SIGWINCH.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        // The screen model first, so everything drawn after the signal is
        // parsed at the new size.
        self.output
            .0
            .lock()
            .unwrap()
            .parser
            .screen_mut()
            .set_size(rows, cols);
        self.size = (cols, rows);
        self.master
            .as_ref()
            .expect("the pty was hung up")
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the pty");
    }

    /// Closes the master side entirely, as a terminal window that is closed
    /// or an ssh connection that drops: the app's terminal hangs up.
    ///
    /// What was drained until then stays readable through [`Pty::raw`] and
    /// [`Pty::screen`], and [`Pty::wait_exit`] still works.
    pub fn hang_up(&mut self) {
        self.stop_reading.store(true, Ordering::SeqCst);
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
        drop(self.writer.lock().unwrap().take());
        drop(self.master.take());
    }

    /// The screen as text.
    pub fn screen(&self) -> String {
        self.output.0.lock().unwrap().parser.screen().contents()
    }

    /// The screen as the terminal holds it, cell by cell (characters,
    /// colours, attributes), at this moment.
    pub fn vt_screen(&self) -> vt100::Screen {
        self.output.0.lock().unwrap().parser.screen().clone()
    }

    /// Everything the program wrote, escape sequences included.
    pub fn raw(&self) -> Vec<u8> {
        self.output.0.lock().unwrap().raw.clone()
    }

    /// A position in the output, to look only at what is written after it.
    pub fn mark(&self) -> usize {
        self.output.0.lock().unwrap().raw.len()
    }

    /// What the program wrote after `mark`.
    pub fn raw_since(&self, mark: usize) -> Vec<u8> {
        self.output.0.lock().unwrap().raw[mark..].to_vec()
    }

    /// The screen drawn only by what was written after `mark`, on a blank
    /// terminal of the current size: an old frame cannot show through.
    pub fn screen_since(&self, mark: usize) -> String {
        let (cols, rows) = self.size;
        let mut parser = vt100::Parser::new(rows, cols, 0);
        parser.process(&self.raw_since(mark));
        parser.screen().contents()
    }

    /// Waits until `cond` holds; panics naming `what`, with the screen, if it never does.
    pub fn wait_until(&self, what: &str, cond: impl FnMut() -> bool) {
        if !eventually(timeout(), cond) {
            panic!("timed out waiting until {what}; screen:\n{}", self.screen());
        }
    }

    /// Waits until the screen contains `needle`; panics with the screen if it never does.
    pub fn wait_for(&self, needle: &str) {
        let n = needle.to_string();
        self.watch(Box::new(move |s| s.contents().contains(&n)));
        if let Err(e) = self.wait_watched(&format!("the screen to show {needle:?}"), timeout()) {
            panic!("{e}");
        }
    }

    /// Installs `watch`: from now on the reader thread checks it right
    /// after each chunk of output, and [`Pty::wait_watched`] returns when it
    /// first held (at once if it holds on the screen as it is now). One
    /// watch at a time: this replaces any other.
    pub fn watch(&self, mut watch: Watch) {
        let mut o = self.output.0.lock().unwrap();
        let already = watch(o.parser.screen());
        o.hit = already.then(Instant::now);
        o.watch = Some(watch);
    }

    /// Waits up to `limit` for the watch [`Pty::watch`] installed to hold,
    /// and removes it; returns when it first held, or why it never did
    /// (naming `what`, with the screen).
    pub fn wait_watched(&self, what: &str, limit: Duration) -> Result<Instant, String> {
        let (lock, cvar) = &*self.output;
        let deadline = Instant::now() + limit;
        let mut o = lock.lock().unwrap();
        loop {
            if let Some(hit) = o.hit.take() {
                o.watch = None;
                return Ok(hit);
            }
            let now = Instant::now();
            if o.closed || now >= deadline {
                o.watch = None;
                let why = if o.closed {
                    "the program's side of the terminal closed".to_string()
                } else {
                    format!("timed out after {limit:?}")
                };
                return Err(format!(
                    "waiting for {what}: {why}; the screen:\n{}",
                    o.parser.screen().contents()
                ));
            }
            o = cvar.wait_timeout(o, deadline - now).unwrap().0;
        }
    }

    /// Waits until no output has come for `quiet`, or `max` has passed.
    pub fn quiet(&self, quiet: Duration, max: Duration) {
        let end = Instant::now() + max;
        loop {
            let since = self.output.0.lock().unwrap().last_output.elapsed();
            if since >= quiet || Instant::now() >= end {
                return;
            }
            thread::sleep(quiet - since);
        }
    }

    /// Waits until what was written after `mark` draws `needle`.
    pub fn wait_for_since(&self, mark: usize, needle: &str) {
        if !eventually(timeout(), || self.screen_since(mark).contains(needle)) {
            panic!(
                "timed out waiting for {needle:?} to be drawn again; drawn since the mark:\n{}",
                self.screen_since(mark)
            );
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
        self.pid
    }

    /// Sends a signal to the child.
    pub fn signal(&self, sig: i32) {
        // SAFETY: kill(2) with a pid we spawned and a valid signal number.
        let rc = unsafe { libc::kill(self.pid, sig) };
        assert_eq!(rc, 0, "kill failed: {}", io::Error::last_os_error());
    }

    /// Whether the terminal is in raw mode (no line editing, no echo), as
    /// the app sets it; a terminal handed back is not.
    pub fn is_raw_mode(&self) -> bool {
        let guard = self.writer.lock().unwrap();
        let master = guard.as_ref().expect("the pty was hung up");
        // SAFETY: tcgetattr fills a zeroed termios from a descriptor we hold;
        // on the master side it reports the terminal's settings.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        let rc = unsafe { libc::tcgetattr(master.as_raw_fd(), &mut t) };
        assert_eq!(rc, 0, "tcgetattr: {}", io::Error::last_os_error());
        t.c_lflag & (libc::ICANON | libc::ECHO) != (libc::ICANON | libc::ECHO)
    }

    /// Puts the terminal back in line mode (line editing and echo on), as a
    /// shell does when the job in front is stopped under it.
    pub fn set_cooked_mode(&self) {
        let guard = self.writer.lock().unwrap();
        let master = guard.as_ref().expect("the pty was hung up");
        // SAFETY: tcgetattr/tcsetattr on a descriptor we hold, with a termios
        // tcgetattr filled.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        let rc = unsafe { libc::tcgetattr(master.as_raw_fd(), &mut t) };
        assert_eq!(rc, 0, "tcgetattr: {}", io::Error::last_os_error());
        t.c_lflag |= libc::ICANON | libc::ECHO | libc::ISIG | libc::IEXTEN;
        t.c_iflag |= libc::ICRNL | libc::IXON;
        let rc = unsafe { libc::tcsetattr(master.as_raw_fd(), libc::TCSANOW, &t) };
        assert_eq!(rc, 0, "tcsetattr: {}", io::Error::last_os_error());
    }

    /// Whether the child has not exited yet (a stopped child is running).
    pub fn is_running(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    /// Whether the child has exited (or cannot be waited for).
    pub fn exited(&mut self) -> bool {
        !matches!(self.child.try_wait(), Ok(None))
    }

    /// Kills the child if it still runs, and waits for it.
    pub fn kill(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }

    /// The fields of `/proc/<pid>/stat` from field 3 (the state) on.
    ///
    /// Field 2 is the command name in parentheses and may itself contain
    /// spaces and parentheses, so the fields start after the last `)`.
    fn proc_stat(&self) -> Vec<String> {
        let path = format!("/proc/{}/stat", self.pid);
        let stat = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("phonescreen is gone: cannot read {path}: {e}"));
        let after_name = stat.rfind(')').map_or(0, |i| i + 1);
        stat[after_name..]
            .split_whitespace()
            .map(str::to_string)
            .collect()
    }

    /// The child's scheduler state: 'R' running, 'S' sleeping, 'T' stopped,
    /// 'Z' exited but not yet waited for, ...
    pub fn process_state(&self) -> char {
        self.proc_stat()[0].chars().next().expect("a state")
    }

    /// CPU time the child has used, user plus system, in clock ticks
    /// (fields 14 and 15 of `/proc/<pid>/stat`).
    pub fn cpu_ticks(&self) -> u64 {
        let fields = self.proc_stat();
        // Field N is at index N - 3.
        let tick = |n: usize| -> u64 { fields[n - 3].parse().expect("a tick count") };
        tick(14) + tick(15)
    }

    /// Fails if the child, with nothing left to do, keeps a core busy.
    ///
    /// Watches the CPU time used over about two seconds of wall time; a
    /// waiting app uses next to nothing, a spinning one about 100% of a core.
    /// This checks that it waits, not how fast it is.
    pub fn assert_idle(&self) {
        let state = self.process_state();
        assert_ne!(state, 'Z', "phonescreen has exited; it cannot be idle");
        // SAFETY: sysconf only reads a system constant.
        let ticks_per_second = unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64;
        let (start, before) = (Instant::now(), self.cpu_ticks());
        thread::sleep(IDLE_SAMPLE);
        let used = self.cpu_ticks() - before;
        let wall = start.elapsed().as_secs_f64();
        let share = used as f64 / ticks_per_second / wall;
        assert_ne!(
            self.process_state(),
            'Z',
            "phonescreen exited while it was watched for being idle"
        );
        assert!(
            share <= IDLE_MAX_SHARE,
            "phonescreen is busy with nothing to do: it used {:.0}% of a core over {wall:.1} s \
             ({used} ticks; the limit is {:.0}%); screen:\n{}",
            share * 100.0,
            IDLE_MAX_SHARE * 100.0,
            self.screen()
        );
    }

    /// Quits from the interview screen the way the README says: Ctrl+Q, then
    /// the same chord again to confirm. Returns the exit status.
    pub fn quit(&mut self) -> portable_pty::ExitStatus {
        self.send(keys::CTRL_Q);
        self.wait_for("Quit phonescreen?");
        self.send(keys::CTRL_Q);
        self.wait_exit()
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
                // The screen as it is, before killing changes it.
                let screen = self.screen();
                let _ = self.child.kill();
                panic!(
                    "phonescreen did not exit within {:?}; screen:\n{screen}",
                    timeout()
                );
            }
            thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        self.stop_reading.store(true, Ordering::SeqCst);
        self.kill();
    }
}

/// What is wrong with how the app handed the terminal back, judged from its
/// raw output: the last alternate-screen change must leave it, the cursor
/// must be shown again after the app last entered, and bracketed paste must
/// be turned off. Empty when all is well.
pub fn restore_problems(raw: &[u8]) -> Vec<String> {
    let raw = String::from_utf8_lossy(raw);
    let mut problems = Vec::new();
    let Some(enter) = raw.rfind("\x1b[?1049h") else {
        return vec!["the app never entered the alternate screen".into()];
    };
    match raw.rfind("\x1b[?1049l") {
        None => problems.push("never left the alternate screen (no ESC[?1049l)".into()),
        Some(leave) if leave < enter => {
            problems.push("the last alternate-screen change enters it".into())
        }
        Some(_) => {}
    }
    if raw.rfind("\x1b[?25h").is_none_or(|shown| shown < enter) {
        problems.push("the cursor is left hidden (no ESC[?25h after the last entry)".into());
    }
    if !raw.contains("\x1b[?2004l") {
        problems.push("bracketed paste is left on (no ESC[?2004l)".into());
    }
    problems
}

/// Checks from the raw output that the terminal was handed back (see
/// [`restore_problems`]).
pub fn assert_restored(raw: &[u8]) {
    let problems = restore_problems(raw);
    assert!(
        problems.is_empty(),
        "terminal not restored: {}",
        problems.join("; ")
    );
}

/// Reads the saved interview at `path` through the library.
pub fn load(path: &Path) -> phonescreen::interview::Record {
    phonescreen::store::load(path).unwrap_or_else(|e| panic!("{e}"))
}
