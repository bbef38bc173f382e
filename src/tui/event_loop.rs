//! The terminal: setup and restore on every exit path, signals, suspend,
//! and a loop that sleeps until a key arrives or the timer's next second.

use std::io::{self, Read, Write};
use std::os::fd::AsRawFd;
use std::os::unix::net::UnixStream;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyCode};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use signal_hook::consts::signal::{SIGHUP, SIGQUIT, SIGTERM, SIGTSTP, SIGWINCH};

use super::app::App;
use super::live::{Effects, Now};
use super::screens;

/// Environment variable that makes F12 panic, so tests can check the panic path.
pub const TEST_PANIC_ENV: &str = "PHONESCREEN_TEST_PANIC_KEY";

/// The interview file, for the panic message.
static CURRENT_FILE: Mutex<Option<PathBuf>> = Mutex::new(None);

/// How the loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The interviewer quit or finished.
    Normal,
    /// A signal asked phonescreen to stop (the number).
    Signal(i32),
    /// The terminal went away.
    TerminalLost,
}

fn enter() -> io::Result<()> {
    terminal::enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableBracketedPaste,
        cursor::Hide
    )
}

/// Puts the terminal back as it was; safe to call more than once or on a dead terminal.
pub fn restore() {
    let _ = execute!(
        io::stdout(),
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = terminal::disable_raw_mode();
    let _ = io::stdout().flush();
}

/// Restores the terminal when dropped, whatever path the loop leaves by.
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        restore();
    }
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
        let file = CURRENT_FILE.lock().ok().and_then(|f| f.clone());
        let mut err = io::stderr();
        let _ = writeln!(err, "\nphonescreen crashed; this is a bug, sorry.");
        match file {
            Some(path) => {
                let _ = writeln!(
                    err,
                    "Your notes are saved in {}\nCarry on with: {}",
                    path.display(),
                    super::live::resume_command(&path)
                );
            }
            None => {
                let _ = writeln!(err, "No interview was open, so no notes were at risk.");
            }
        }
    }));
}

/// Signals phonescreen acts on, and a pipe that wakes the loop when one arrives.
struct Signals {
    stop: Arc<AtomicUsize>,
    suspend: Arc<AtomicBool>,
    wake: UnixStream,
    resize: ResizeSignal,
}

/// Resizes, seen by us rather than by crossterm.
///
/// crossterm 0.29 returns a Resize as soon as its poll sees SIGWINCH and
/// drops the terminal's "input ready" edge from the same batch; the typed
/// bytes then sit unread until the next key. On Linux, SIGWINCH is blocked
/// (so crossterm never sees it) and read from a signalfd instead; elsewhere
/// a resize is noticed at the next draw, within a second.
struct ResizeSignal {
    #[cfg(target_os = "linux")]
    fd: std::os::fd::OwnedFd,
}

impl ResizeSignal {
    #[cfg(target_os = "linux")]
    fn new() -> io::Result<Self> {
        use std::os::fd::FromRawFd;
        // SAFETY: plain libc calls on a local, initialised signal set.
        unsafe {
            let mut set: libc::sigset_t = std::mem::zeroed();
            libc::sigemptyset(&mut set);
            libc::sigaddset(&mut set, SIGWINCH);
            if libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut()) != 0 {
                return Err(io::Error::last_os_error());
            }
            let fd = libc::signalfd(-1, &set, libc::SFD_NONBLOCK | libc::SFD_CLOEXEC);
            if fd < 0 {
                return Err(io::Error::last_os_error());
            }
            Ok(Self {
                fd: std::os::fd::OwnedFd::from_raw_fd(fd),
            })
        }
    }

    #[cfg(not(target_os = "linux"))]
    fn new() -> io::Result<Self> {
        Ok(Self {})
    }

    /// The descriptor to poll, if there is one.
    fn fd(&self) -> Option<i32> {
        #[cfg(target_os = "linux")]
        {
            Some(self.fd.as_raw_fd())
        }
        #[cfg(not(target_os = "linux"))]
        {
            None
        }
    }

    fn drain(&self) {
        #[cfg(target_os = "linux")]
        {
            let mut buf = [0u8; 128];
            // SAFETY: reading into a local buffer of the stated size.
            while unsafe { libc::read(self.fd.as_raw_fd(), buf.as_mut_ptr().cast(), buf.len()) } > 0
            {
            }
        }
    }
}

impl Signals {
    fn register() -> io::Result<Self> {
        let stop = Arc::new(AtomicUsize::new(0));
        for sig in [SIGTERM, SIGHUP, SIGQUIT] {
            signal_hook::flag::register_usize(sig, Arc::clone(&stop), sig as usize)?;
        }
        let suspend = Arc::new(AtomicBool::new(false));
        signal_hook::flag::register(SIGTSTP, Arc::clone(&suspend))?;
        let (wake, writer) = UnixStream::pair()?;
        wake.set_nonblocking(true)?;
        writer.set_nonblocking(true)?;
        for sig in [SIGTERM, SIGHUP, SIGQUIT, SIGTSTP] {
            signal_hook::low_level::pipe::register(sig, writer.try_clone()?)?;
        }
        Ok(Self {
            stop,
            suspend,
            wake,
            resize: ResizeSignal::new()?,
        })
    }

    fn drain(&self) {
        let mut buf = [0u8; 64];
        while matches!((&self.wake).read(&mut buf), Ok(n) if n > 0) {}
    }
}

/// What woke the loop.
#[derive(Debug, PartialEq, Eq)]
enum Wake {
    /// The terminal has bytes to read.
    Input,
    /// A signal arrived (or the terminal was resized).
    Signal,
    /// The timeout passed.
    Timeout,
    /// The terminal hung up or is no longer a terminal.
    Hangup,
}

/// Sleeps until the terminal has input, a signal arrives, or `timeout` passes.
///
/// This is done here rather than in crossterm's `poll`, which spins on a
/// terminal that has gone away (ssh drop, closed window) and cannot be
/// woken by our signals.
fn wait(signals: &Signals, timeout: Duration) -> Wake {
    let tty = libc::STDIN_FILENO;
    // SAFETY: isatty only inspects the descriptor.
    if unsafe { libc::isatty(tty) } != 1 {
        return Wake::Hangup;
    }
    let mut fds = [
        libc::pollfd {
            fd: tty,
            events: libc::POLLIN,
            revents: 0,
        },
        libc::pollfd {
            fd: signals.wake.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        },
        libc::pollfd {
            // A negative descriptor is ignored by poll.
            fd: signals.resize.fd().unwrap_or(-1),
            events: libc::POLLIN,
            revents: 0,
        },
    ];
    let ms = timeout.as_millis().min(i32::MAX as u128) as i32;
    // SAFETY: `fds` is a valid array of pollfd for the duration of the call.
    let n = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, ms) };
    if n < 0 {
        return if io::Error::last_os_error().kind() == io::ErrorKind::Interrupted {
            Wake::Signal
        } else {
            Wake::Hangup
        };
    }
    if fds[1].revents != 0 || fds[2].revents != 0 {
        signals.drain();
        signals.resize.drain();
        return Wake::Signal;
    }
    let tty_events = fds[0].revents;
    if tty_events & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
        Wake::Hangup
    } else if tty_events & libc::POLLIN != 0 {
        Wake::Input
    } else {
        Wake::Timeout
    }
}

/// Saves, hands the terminal back, stops until `fg`, then takes the terminal again.
fn suspend(app: &mut App) -> io::Result<()> {
    app.save_now(Now::real());
    restore();
    // Stop the way the shell expects; returns after SIGCONT.
    signal_hook::low_level::emulate_default_handler(SIGTSTP)?;
    enter()
}

/// Clears the screen and forgets what was drawn, so the next draw paints everything.
///
/// `Terminal::clear` would ask the terminal for its cursor position, which
/// some terminals never answer; resizing to the same size clears without asking.
fn full_redraw(terminal: &mut Terminal<CrosstermBackend<io::Stdout>>) -> io::Result<()> {
    let size = terminal.size()?;
    terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
}

/// Runs the app until it quits, restoring the terminal on every way out.
pub fn run(mut app: App) -> io::Result<(App, Exit)> {
    install_panic_hook();
    let signals = Signals::register()?;
    enter()?;
    let _restore = Restore;
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    full_redraw(&mut terminal)?;
    let panic_key = std::env::var_os(TEST_PANIC_ENV).is_some();

    // Last line of defence against a terminal that keeps waking the loop.
    let mut window_start = Instant::now();
    let mut wakeups_in_window = 0u32;
    let exit = loop {
        if let Ok(mut f) = CURRENT_FILE.lock() {
            *f = app.interview_path();
        }
        let sig = signals.stop.swap(0, Ordering::SeqCst);
        if sig != 0 {
            app.save_now(Now::real());
            break Exit::Signal(sig as i32);
        }
        if signals.suspend.swap(false, Ordering::SeqCst) {
            suspend(&mut app)?;
            full_redraw(&mut terminal)?;
        }
        if app.quit {
            break Exit::Normal;
        }
        // The loop only comes round on an event or a timer second, so every
        // pass redraws and an idle interview redraws once a second.
        let now = Now::real();
        if terminal.draw(|f| screens::draw(&app, f, now)).is_err() {
            app.save_now(Now::real());
            break Exit::TerminalLost;
        }
        let timeout = app.next_wake(Now::real()).min(Duration::from_secs(1));
        let effects = match wait(&signals, timeout) {
            Wake::Hangup => {
                app.save_now(Now::real());
                break Exit::TerminalLost;
            }
            Wake::Signal => Effects::default(),
            Wake::Timeout => app.tick(Now::real()),
            Wake::Input => {
                // Handle everything crossterm can decode now, then draw once.
                let mut effects = Effects::default();
                let mut lost = false;
                loop {
                    match event::poll(Duration::ZERO) {
                        Ok(true) => match event::read() {
                            Ok(Event::Key(key)) if panic_key && key.code == KeyCode::F(12) => {
                                panic!("test panic requested with F12 ({TEST_PANIC_ENV} is set)")
                            }
                            Ok(ev) => {
                                let e = app.handle(ev, Now::real());
                                effects.bell |= e.bell;
                                effects.suspend |= e.suspend;
                                if app.quit || e.suspend {
                                    break;
                                }
                            }
                            Err(_) => {
                                lost = true;
                                break;
                            }
                        },
                        Ok(false) => break,
                        Err(_) => {
                            lost = true;
                            break;
                        }
                    }
                }
                if lost {
                    app.save_now(Now::real());
                    break Exit::TerminalLost;
                }
                effects
            }
        };
        if effects.bell {
            let _ = write!(io::stdout(), "\x07");
            let _ = io::stdout().flush();
        }
        if effects.suspend {
            suspend(&mut app)?;
            full_redraw(&mut terminal)?;
        }
        wakeups_in_window += 1;
        if window_start.elapsed() >= Duration::from_secs(1) {
            window_start = Instant::now();
            wakeups_in_window = 0;
        } else if wakeups_in_window > 2000 {
            // No person types 2000 keys a second: something is feeding the
            // loop without end (a broken terminal). Save and leave instead of
            // burning a core.
            app.save_now(Now::real());
            break Exit::TerminalLost;
        }
    };
    if let Ok(mut f) = CURRENT_FILE.lock() {
        *f = None;
    }
    // ratatui's Terminal shows the cursor when dropped and prints to stderr
    // if it cannot; on a terminal that is gone that print panics. Show it
    // here instead, and if the terminal is gone, skip that drop altogether.
    if terminal.show_cursor().is_err() {
        std::mem::forget(terminal);
    }
    Ok((app, exit))
}
