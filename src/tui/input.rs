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
//! are decoded by terminput's parser, a port of crossterm's, so every key
//! reads as it did. When those are fixed upstream, this module can go back to
//! `crossterm::event::read`.

use std::io;
use std::os::fd::RawFd;
use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyEvent};

/// Bytes asked for per `read`.
const CHUNK: usize = 64 * 1024;
/// Most bytes read before the loop draws and looks again, so a flood of
/// input cannot keep the screen from updating.
const MAX_PER_WAKE: usize = 4 * 1024 * 1024;
/// A bracketed paste with no end marker for this long is taken as ended:
/// the terminal lost it, and typing must not vanish into it.
const PASTE_STALL: Duration = Duration::from_secs(2);
/// The start of a bracketed paste.
const PASTE_START: &[u8] = b"\x1b[200~";

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
    /// The terminal hung up (the window closed, ssh dropped).
    pub hung_up: bool,
}

/// The terminal's input, and the bytes of an event not complete yet.
#[derive(Debug)]
pub struct TtyInput {
    fd: RawFd,
    pending: Vec<u8>,
    chunk: Vec<u8>,
    /// When the last bytes of an unfinished bracketed paste arrived.
    paste_since: Option<Instant>,
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
            pending: Vec::new(),
            chunk: vec![0; CHUNK],
            paste_since: None,
        }
    }

    /// Decodes `bytes` as if just read from the terminal (`more`: further
    /// bytes are already waiting), continuing what earlier calls left
    /// unfinished: for fuzzing and tools, without a terminal.
    pub fn decode_bytes(&mut self, bytes: &[u8], more: bool) -> Vec<Input> {
        let mut out = Vec::new();
        self.decode(bytes, more, &mut out);
        out
    }

    /// Sleeps until the terminal has input, `pipe` is readable, or `timeout` passes.
    pub fn wait(&self, pipe: RawFd, timeout: Duration) -> Wake {
        // SAFETY: isatty only inspects the descriptor.
        if unsafe { libc::isatty(self.fd) } != 1 {
            return Wake::Lost;
        }
        let timeout = match self.paste_since {
            Some(since) => timeout.min(
                (since + PASTE_STALL).saturating_duration_since(Instant::now())
                    + Duration::from_millis(1),
            ),
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
        let mut total = 0;
        while total < MAX_PER_WAKE {
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
            total += n;
            let chunk = std::mem::take(&mut self.chunk);
            let full = n == want && available > want;
            self.decode(&chunk[..n], full, &mut reading.inputs);
            self.chunk = chunk;
        }
        self.paste_since = self.pending.starts_with(PASTE_START).then(|| {
            if total > 0 {
                Instant::now()
            } else {
                self.paste_since.unwrap_or_else(Instant::now)
            }
        });
        reading
    }

    /// A bracketed paste that stalled past `PASTE_STALL` without its end
    /// marker, taken as ended so later typing is seen.
    pub fn take_stalled_paste(&mut self, now: Instant) -> Option<Input> {
        let since = self.paste_since?;
        if now.duration_since(since) < PASTE_STALL {
            return None;
        }
        self.paste_since = None;
        let body = self
            .pending
            .split_off(PASTE_START.len().min(self.pending.len()));
        self.pending.clear();
        Some(Input {
            event: Event::Paste(String::from_utf8_lossy(&body).into_owned()),
            burst: false,
        })
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

    /// Decodes `bytes`, continuing an event begun in an earlier read.
    /// `more` says further bytes are already waiting, so a lone Esc at the
    /// end may be the start of a sequence.
    fn decode(&mut self, bytes: &[u8], more: bool, out: &mut Vec<Input>) {
        let first = out.len();
        for (i, &byte) in bytes.iter().enumerate() {
            self.pending.push(byte);
            let last = i + 1 == bytes.len();
            if self.pending == [0x1b] && (!last || more) {
                // Esc followed by more in the same read is Alt+key or a sequence.
                continue;
            }
            match terminput::Event::parse_from(&self.pending) {
                Ok(Some(event)) => {
                    self.pending.clear();
                    if let Ok(event) = terminput_crossterm::to_crossterm(event) {
                        out.push(Input {
                            event,
                            burst: false,
                        });
                    }
                }
                Ok(None) => {}
                // Bytes no terminal sends for a key: dropped, as crossterm does.
                Err(_) => self.pending.clear(),
            }
        }
        let keys = out[first..]
            .iter()
            .filter(|i| matches!(i.event, Event::Key(KeyEvent { .. })))
            .count();
        if keys >= 2 {
            for input in &mut out[first..] {
                input.burst = true;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyModifiers};

    fn decode(chunks: &[&[u8]]) -> Vec<Input> {
        let mut input = TtyInput::new(-1);
        let mut out = Vec::new();
        for chunk in chunks {
            input.decode(chunk, false, &mut out);
        }
        out
    }

    fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
        Event::Key(KeyEvent::new(code, modifiers))
    }

    #[test]
    fn a_single_key_is_not_a_burst_and_many_are() {
        let one = decode(&[b"a"]);
        assert_eq!(
            one,
            vec![Input {
                event: key(KeyCode::Char('a'), KeyModifiers::NONE),
                burst: false
            }]
        );
        let many = decode(&[b"ab\r"]);
        assert_eq!(many.len(), 3);
        assert!(many.iter().all(|i| i.burst));
        assert_eq!(many[2].event, key(KeyCode::Enter, KeyModifiers::NONE));
    }

    #[test]
    fn esc_then_a_key_in_one_read_is_alt_and_alone_is_esc() {
        let alt = decode(&[b"\x1bs"]);
        assert_eq!(alt.len(), 1);
        assert_eq!(alt[0].event, key(KeyCode::Char('s'), KeyModifiers::ALT));
        let esc = decode(&[b"\x1b", b"s"]);
        assert_eq!(esc[0].event, key(KeyCode::Esc, KeyModifiers::NONE));
        assert_eq!(esc[1].event, key(KeyCode::Char('s'), KeyModifiers::NONE));
    }

    #[test]
    fn sequences_and_characters_split_across_reads_are_whole() {
        let pgdn = decode(&[b"\x1b[6", b"~"]);
        assert_eq!(pgdn.len(), 1);
        assert_eq!(pgdn[0].event, key(KeyCode::PageDown, KeyModifiers::NONE));
        let e = decode(&["é".as_bytes()[..1].as_ref(), &"é".as_bytes()[1..]]);
        assert_eq!(e[0].event, key(KeyCode::Char('é'), KeyModifiers::NONE));
    }

    #[test]
    fn a_paste_is_one_event_however_it_arrives() {
        let text = "line one\nline two: with \x1b[A inside?";
        let bytes = format!("\x1b[200~{text}\x1b[201~");
        let (a, b) = bytes.as_bytes().split_at(10);
        let out = decode(&[a, b]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].event, Event::Paste(text.to_string()));
    }

    #[test]
    fn a_paste_that_never_ends_is_let_go_after_a_while() {
        let mut input = TtyInput::new(-1);
        let mut out = Vec::new();
        input.decode(b"\x1b[200~half a paste", false, &mut out);
        assert!(out.is_empty());
        let t0 = Instant::now();
        input.paste_since = Some(t0);
        assert_eq!(input.take_stalled_paste(t0), None);
        let late = input.take_stalled_paste(t0 + PASTE_STALL).unwrap();
        assert_eq!(late.event, Event::Paste("half a paste".to_string()));
        input.decode(b"x", false, &mut out);
        assert_eq!(out[0].event, key(KeyCode::Char('x'), KeyModifiers::NONE));
    }

    #[test]
    fn garbage_bytes_are_dropped_and_what_follows_is_read() {
        let out = decode(&[b"\xff\xfeok"]);
        let keys: Vec<_> = out.iter().map(|i| i.event.clone()).collect();
        assert_eq!(
            keys,
            vec![
                key(KeyCode::Char('o'), KeyModifiers::NONE),
                key(KeyCode::Char('k'), KeyModifiers::NONE)
            ]
        );
    }
}
