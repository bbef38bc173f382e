//! Signals phonescreen acts on, and one pipe that wakes the event loop for
//! them and for work finished on other threads.
//!
//! The pipe is a socket pair, and writing to a socket whose reader is gone
//! raises SIGPIPE, which is itself one of the signals whose handler writes
//! to the pipe: once the event loop had ended (and its end of the pipe with
//! it), a save finishing on the flusher thread woke it, the write raised
//! SIGPIPE, its handler wrote again, and the process spun in signal
//! handlers forever instead of exiting. So our own wakes never raise
//! SIGPIPE (`MSG_NOSIGNAL`), and the handlers that write to the pipe are
//! taken away with it ([`Signals`]' `Drop`).

use std::io::{self, Read};
use std::os::fd::{AsRawFd, RawFd};
use std::os::unix::net::UnixStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use signal_hook::SigId;
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
    /// The handlers that write to the pipe, taken away with it.
    pipe_handlers: Vec<SigId>,
}

impl Drop for Signals {
    fn drop(&mut self) {
        for id in self.pipe_handlers.drain(..) {
            signal_hook::low_level::unregister(id);
        }
    }
}

/// Wakes the event loop from any thread (cheap; safe to call often).
#[derive(Debug)]
pub struct Waker(UnixStream);

impl Waker {
    /// Wakes the loop. A full pipe already means "wake up", and a loop that
    /// has ended needs no waking, so errors are ignored; neither raises
    /// SIGPIPE (see the module's notes).
    pub fn wake(&self) {
        // SAFETY: one byte from a valid buffer to a socket this owns.
        let _ = unsafe {
            libc::send(
                self.0.as_raw_fd(),
                [1u8].as_ptr().cast(),
                1,
                libc::MSG_DONTWAIT | libc::MSG_NOSIGNAL,
            )
        };
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
        let mut pipe_handlers = Vec::new();
        for sig in STOPPING.iter().chain(&[SIGTSTP, SIGCONT, SIGWINCH]) {
            let id = signal_hook::low_level::pipe::register(*sig, wake_write.try_clone()?)?;
            pipe_handlers.push(id);
        }
        Ok(Self {
            stop,
            suspend,
            continued,
            resized,
            wake_read,
            wake_write,
            pipe_handlers,
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    /// Set in the process the test below starts for itself.
    const CHILD: &str = "PHONESCREEN_TEST_SIGNALS_CHILD";

    /// After the event loop's end of the pipe is gone, a wake from another
    /// thread (a save finishing) and a SIGPIPE neither spin nor kill the
    /// process. Signal handlers belong to the whole process, so this runs
    /// in a process of its own: this test binary again, on this test alone.
    #[test]
    fn after_the_loop_a_wake_and_a_sigpipe_are_harmless() {
        if std::env::var_os(CHILD).is_some() {
            let signals = Signals::register().expect("handlers");
            let waker = signals.waker().expect("waker");
            drop(signals);
            waker.wake();
            // SAFETY: raising a signal at this process.
            unsafe { libc::raise(libc::SIGPIPE) };
            waker.wake();
            return;
        }
        let mut child = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "tui::signals::tests::after_the_loop_a_wake_and_a_sigpipe_are_harmless",
                "--test-threads=1",
                "--quiet",
            ])
            .env(CHILD, "1")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("run the test binary again");
        let deadline = Instant::now() + Duration::from_secs(60);
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                panic!("the process spun in its signal handlers instead of ending");
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        assert!(status.success(), "{status:?}");
    }
}
