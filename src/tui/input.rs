//! Reading the terminal ourselves: every byte that is there, decoded into
//! key and paste events, and waiting for input, signals and the timer at once.
//!
//! crossterm 0.29's event reader is not used, for four open upstream bugs:
//! - its default (mio) source registers the tty edge-triggered and returns
//!   after the first event of each 1 KB read, so a burst of unbracketed input
//!   longer than 1 KB is left unread until the next key — or for the shell
//!   after exit (crossterm-rs/crossterm PR #1057);
//! - its `use-dev-tty` source never reads on a zero timeout (issue #839, PR #1047);
//! - it spins on a terminal that hung up (issue #793) and cannot be woken by
//!   our own signals, and it drops the input edge that arrives with a resize;
//! - a bracketed paste whose end marker never comes swallows every later key
//!   (issue #1060).
//!
//! Here the tty is polled level-triggered and read until empty, and the bytes
//! are decoded in `decode.rs`: its own framing of escape sequences and UTF-8
//! (crossterm's loses the text typed right after Esc), with terminput's
//! parser, a port of crossterm's, naming each complete key sequence, so every
//! key reads as it did. When those are fixed upstream, this module can go
//! back to `crossterm::event::read`.

mod decode;

use std::io;
use std::os::fd::RawFd;
use std::time::{Duration, Instant};

use crossterm::event::Event;

pub use decode::{ESCAPE_TIMEOUT, PASTE_STALL};

/// Bytes asked for per `read`.
const CHUNK: usize = 64 * 1024;
/// Most bytes read before the loop draws and looks again, so a flood of
/// input cannot keep the screen from updating.
const MAX_PER_WAKE: usize = 4 * 1024 * 1024;

/// One decoded event, and whether it came in a burst: several keys read at
/// once, which no person types (a paste without bracketed paste, a text
/// expander, dictation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The event.
    pub event: Event,
    /// Part of a burst of keys.
    pub burst: bool,
}

/// What a read found.
#[derive(Debug, Default)]
pub struct Reading {
    /// The events, in order.
    pub inputs: Vec<Input>,
    /// How many bytes were read: more than zero even when they make no
    /// event yet (a paste under way, a sequence cut short, a report dropped).
    pub bytes: usize,
    /// The terminal hung up (the window closed, ssh dropped).
    pub hung_up: bool,
}

/// The terminal's input, and the bytes of an event not complete yet.
#[derive(Debug)]
pub struct TtyInput {
    fd: RawFd,
    chunk: Vec<u8>,
    decoder: decode::Decoder,
}

/// What woke the loop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wake {
    /// The terminal has bytes (or hung up; reading tells).
    Input,
    /// A signal arrived or another thread finished work.
    Pipe,
    /// The timeout passed.
    Timeout,
    /// The terminal is gone (not a terminal any more, or poll failed).
    Lost,
}

impl TtyInput {
    /// The input of the terminal on `fd` (standard input).
    pub fn new(fd: RawFd) -> Self {
        Self {
            fd,
            chunk: vec![0; CHUNK],
            decoder: decode::Decoder::default(),
        }
    }

    /// Decodes `bytes` as if just read from the terminal (`more`: further
    /// bytes are already waiting), continuing what earlier calls left
    /// unfinished: for fuzzing and tools, without a terminal. The bytes
    /// count as arriving now, for [`TtyInput::take_stalled`].
    pub fn decode_bytes(&mut self, bytes: &[u8], more: bool) -> Vec<Input> {
        let mut out = Vec::new();
        self.decoder.decode(bytes, more, Instant::now(), &mut out);
        out
    }

    /// What has waited past its time at `now` for bytes that never came:
    /// an escape sequence cut short after [`ESCAPE_TIMEOUT`] (typed, as
    /// Esc then its characters), a bracketed paste without its end marker
    /// after [`PASTE_STALL`] (taken as ended, so later typing is seen). The
    /// event loop asks each pass; [`TtyInput::wait`] wakes it in time.
    pub fn take_stalled(&mut self, now: Instant) -> Vec<Input> {
        self.decoder.take_stalled(now)
    }

    /// Sleeps until the terminal has input, `pipe` is readable, or `timeout` passes.
    pub fn wait(&self, pipe: RawFd, timeout: Duration) -> Wake {
        // SAFETY: isatty only inspects the descriptor.
        if unsafe { libc::isatty(self.fd) } != 1 {
            return Wake::Lost;
        }
        let timeout = match self.decoder.deadline() {
            // A millisecond more, so the wake finds the bytes due, not nearly due.
            Some(due) => timeout
                .min(due.saturating_duration_since(Instant::now()) + Duration::from_millis(1)),
            None => timeout,
        };
        let mut fds = [
            libc::pollfd {
                fd: self.fd,
                events: libc::POLLIN,
                revents: 0,
            },
            libc::pollfd {
                fd: pipe,
                events: libc::POLLIN,
                revents: 0,
            },
        ];
        let ms = timeout.as_millis().min(i32::MAX as u128) as i32;
        // SAFETY: `fds` is a valid array of pollfd for the duration of the call.
        let n = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, ms) };
        if n < 0 {
            return if io::Error::last_os_error().kind() == io::ErrorKind::Interrupted {
                Wake::Pipe
            } else {
                Wake::Lost
            };
        }
        if fds[0].revents != 0 {
            Wake::Input
        } else if fds[1].revents != 0 {
            Wake::Pipe
        } else {
            Wake::Timeout
        }
    }

    /// Reads everything the terminal has now, never blocking, and decodes it.
    pub fn read_available(&mut self) -> Reading {
        let mut reading = Reading::default();
        while reading.bytes < MAX_PER_WAKE {
            let (ready, hung_up) = self.poll_now();
            let available = self.available();
            if !ready || available == 0 {
                // POLLHUP can come with the last bytes; those are read first.
                reading.hung_up = hung_up || (ready && available == 0 && self.at_eof());
                break;
            }
            let want = available.min(CHUNK);
            // SAFETY: reading at most `want` <= CHUNK bytes into `chunk`, which has CHUNK bytes.
            let n = unsafe { libc::read(self.fd, self.chunk.as_mut_ptr().cast(), want) };
            if n < 0 {
                let err = io::Error::last_os_error();
                if err.kind() == io::ErrorKind::Interrupted {
                    continue;
                }
                reading.hung_up = true;
                break;
            }
            if n == 0 {
                reading.hung_up = true;
                break;
            }
            let n = n as usize;
            reading.bytes += n;
            let chunk = std::mem::take(&mut self.chunk);
            let full = n == want && available > want;
            self.decoder
                .decode(&chunk[..n], full, Instant::now(), &mut reading.inputs);
            self.chunk = chunk;
        }
        reading
    }

    /// Whether input is ready, and whether the terminal hung up, without waiting.
    fn poll_now(&self) -> (bool, bool) {
        let mut fd = libc::pollfd {
            fd: self.fd,
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd, zero timeout.
        let n = unsafe { libc::poll(&mut fd, 1, 0) };
        if n < 0 {
            return (
                false,
                io::Error::last_os_error().kind() != io::ErrorKind::Interrupted,
            );
        }
        let hung_up = fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0;
        (fd.revents & libc::POLLIN != 0, hung_up)
    }

    /// How many bytes can be read without blocking (the fd is not made
    /// non-blocking: it is shared with the shell, which must get it back as it was).
    fn available(&self) -> usize {
        let mut n: libc::c_int = 0;
        // SAFETY: FIONREAD writes one c_int through the pointer.
        let rc = unsafe { libc::ioctl(self.fd, libc::FIONREAD, &mut n) };
        if rc < 0 { 0 } else { n.max(0) as usize }
    }

    /// Readable with nothing to read: end of file (a closed terminal) when
    /// a zero-length read says so.
    fn at_eof(&self) -> bool {
        // SAFETY: a zero-length read touches no memory; it reports EOF or an error.
        let n = unsafe { libc::read(self.fd, std::ptr::null_mut(), 0) };
        n < 0
    }
}
