//! Signals phonescreen acts on, and one pipe that wakes the event loop for
//! them and for work finished on other threads.

use std::io::{self, Read, Write};
use std::os::fd::{AsRawFd, RawFd};
use std::os::unix::net::UnixStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use signal_hook::consts::signal::{
    SIGALRM, SIGCONT, SIGHUP, SIGINT, SIGPIPE, SIGQUIT, SIGTERM, SIGTSTP, SIGUSR1, SIGUSR2,
    SIGWINCH,
};

/// Signals that end phonescreen: each saves, restores the terminal and
/// releases the lock before exiting. (SIGKILL and SIGSTOP cannot be caught;
/// the journal makes SIGKILL lose nothing that was on screen.)
pub const STOPPING: [i32; 8] = [
    SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGPIPE, SIGALRM,
];

/// What the signals asked for since the last look.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pending {
    /// A stopping signal's number.
    pub stop: Option<i32>,
    /// SIGTSTP: stop to the shell.
    pub suspend: bool,
    /// SIGCONT: carried on after being stopped from outside (SIGSTOP), so the
    /// terminal must be taken again.
    pub continued: bool,
    /// SIGWINCH: the terminal changed size.
    pub resized: bool,
}

/// The signal handlers and the wake pipe.
pub struct Signals {
    stop: Arc<AtomicUsize>,
    suspend: Arc<AtomicBool>,
    continued: Arc<AtomicBool>,
    resized: Arc<AtomicBool>,
    wake_read: UnixStream,
    wake_write: UnixStream,
}

/// Wakes the event loop from any thread (cheap; safe to call often).
#[derive(Debug)]
pub struct Waker(UnixStream);

impl Waker {
    /// Wakes the loop. A full pipe already means "wake up", so errors are ignored.
    pub fn wake(&self) {
        let _ = (&self.0).write(&[1]);
    }
}

impl Signals {
    /// Installs the handlers. They only set flags and write to the pipe, as
    /// a signal handler may; everything else happens in the loop.
    pub fn register() -> io::Result<Self> {
        let (wake_read, wake_write) = UnixStream::pair()?;
        wake_read.set_nonblocking(true)?;
        wake_write.set_nonblocking(true)?;
        let stop = Arc::new(AtomicUsize::new(0));
        for sig in STOPPING {
            signal_hook::flag::register_usize(sig, Arc::clone(&stop), sig as usize)?;
        }
        let suspend = Arc::new(AtomicBool::new(false));
        signal_hook::flag::register(SIGTSTP, Arc::clone(&suspend))?;
        let continued = Arc::new(AtomicBool::new(false));
        signal_hook::flag::register(SIGCONT, Arc::clone(&continued))?;
        let resized = Arc::new(AtomicBool::new(false));
        signal_hook::flag::register(SIGWINCH, Arc::clone(&resized))?;
        for sig in STOPPING.iter().chain(&[SIGTSTP, SIGCONT, SIGWINCH]) {
            signal_hook::low_level::pipe::register(*sig, wake_write.try_clone()?)?;
        }
        Ok(Self {
            stop,
            suspend,
            continued,
            resized,
            wake_read,
            wake_write,
        })
    }

    /// A waker for other threads.
    pub fn waker(&self) -> io::Result<Waker> {
        Ok(Waker(self.wake_write.try_clone()?))
    }

    /// The descriptor the loop polls.
    pub fn fd(&self) -> RawFd {
        self.wake_read.as_raw_fd()
    }

    /// Empties the pipe and says what the signals asked for.
    pub fn take(&self) -> Pending {
        let mut buf = [0u8; 256];
        while matches!((&self.wake_read).read(&mut buf), Ok(n) if n > 0) {}
        let stop = self.stop.swap(0, Ordering::SeqCst);
        Pending {
            stop: (stop != 0).then_some(stop as i32),
            suspend: self.suspend.swap(false, Ordering::SeqCst),
            continued: self.continued.swap(false, Ordering::SeqCst),
            resized: self.resized.swap(false, Ordering::SeqCst),
        }
    }
}
