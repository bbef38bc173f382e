//! Putting text on the clipboard from a terminal app: the OSC 52 sequence,
//! which the terminal (or tmux, or the terminal at the end of an ssh
//! connection) turns into a clipboard write.
//!
//! Inside tmux the text goes through `tmux load-buffer -w -` instead: tmux
//! keeps it as a paste buffer and, with `-w`, forwards it to the outer
//! terminal's clipboard itself, which works whatever tmux's `set-clipboard`
//! and `allow-passthrough` settings are.
//!
//! Not every terminal takes OSC 52, and they fail in two ways, so the
//! [`Route`] is decided once from the environment:
//! - some may ignore it quietly (macOS Terminal; `TERM=screen*` with no
//!   `$STY`, which may be GNU screen at the far end of an ssh
//!   connection): the sequence is sent and the text is also written to a
//!   file, named on screen;
//! - some are known not to take it at all: GNU screen keeps at most 767
//!   bytes of a string sequence and prints the rest as text, across the
//!   frame, and every scorecard is longer than that; the Linux console has
//!   no clipboard (and before Linux 3.16 printed the sequence too). To
//!   those nothing is written; the file alone holds the text, and the
//!   screen says the clipboard was not touched.
//!
//! Copying is only ever the user's explicit act (a key on a screen that
//! says what it copies); notes are personal data.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crossterm::Command as _;
use crossterm::clipboard::CopyToClipboard;

/// The OSC 52 sequence that puts `text` on the system clipboard.
pub fn osc52(text: &str) -> String {
    let mut sequence = String::new();
    // Writing into a String cannot fail.
    let _ = CopyToClipboard::to_clipboard_from(text).write_ansi(&mut sequence);
    sequence
}

/// The environment values a [`Route`] is decided from; an empty value
/// counts as unset (`TMUX= tmux` is how a nested tmux is started).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TermEnv<'a> {
    /// `$TERM`.
    pub term: Option<&'a str>,
    /// `$TERM_PROGRAM` (macOS Terminal sets `Apple_Terminal`).
    pub term_program: Option<&'a str>,
    /// `$TMUX`: set by tmux in its panes.
    pub tmux: Option<&'a str>,
    /// `$STY`: set by GNU screen in its windows (ssh does not pass it on).
    pub sty: Option<&'a str>,
}

/// How a copy leaves phonescreen, for this terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// Inside tmux: `tmux load-buffer -w -` (OSC 52 if that fails, which
    /// tmux itself reads, so nothing shows).
    Tmux,
    /// OSC 52 to a terminal that takes it.
    Osc52,
    /// OSC 52, and a file as well: the terminal may ignore the sequence
    /// without showing it.
    Osc52AndFile,
    /// A file only, and nothing written to the terminal: it is known to
    /// show the sequence as text instead of taking it.
    FileOnly,
}

impl Route {
    /// The route for a terminal described by `env`.
    ///
    /// - `$TMUX` set: tmux, whatever runs around it; `load-buffer` talks
    ///   to the tmux server, not through the terminal.
    /// - `$STY` set (and no `$TMUX`): phonescreen runs directly in GNU
    ///   screen, which prints a long sequence as text: the file only.
    ///   `TERM=screen*` alone is not enough: it is also what tmux (or
    ///   screen) looks like from the far end of an ssh connection, where
    ///   OSC 52 goes through tmux to a terminal that may well take it.
    /// - `TERM=linux`: the Linux console has no clipboard to put it on:
    ///   the file only.
    /// - `TERM=dumb`: a terminal that says it reads no escape sequences
    ///   (an editor's shell buffer) shows them as text: the file only.
    /// - macOS Terminal, `TERM=screen*`, vt100-likes, `cons25`, and an
    ///   unset or empty `TERM` (nothing is known, so nothing is refused):
    ///   the sequence may be ignored, so a file as well.
    /// - Anything else (xterm and its kin, kitty, iTerm2, WezTerm, …):
    ///   OSC 52 alone.
    pub fn for_terminal(env: TermEnv) -> Self {
        let set = |v: Option<&str>| v.is_some_and(|v| !v.is_empty());
        if set(env.tmux) {
            return Route::Tmux;
        }
        if set(env.sty) {
            return Route::FileOnly;
        }
        let term = env.term.unwrap_or("");
        if matches!(term, "linux" | "dumb") {
            return Route::FileOnly;
        }
        let may_ignore = env.term_program == Some("Apple_Terminal")
            || term.is_empty()
            || matches!(term, "vt100" | "vt102" | "vt220" | "cons25")
            || term.starts_with("screen");
        if may_ignore {
            Route::Osc52AndFile
        } else {
            Route::Osc52
        }
    }

    /// The route for this process's terminal.
    pub fn here() -> Self {
        let var = |name| std::env::var(name).ok();
        let (term, term_program, tmux, sty) =
            (var("TERM"), var("TERM_PROGRAM"), var("TMUX"), var("STY"));
        Self::for_terminal(TermEnv {
            term: term.as_deref(),
            term_program: term_program.as_deref(),
            tmux: tmux.as_deref(),
            sty: sty.as_deref(),
        })
    }

    /// Whether the text goes to the clipboard (through tmux or the
    /// terminal) at all.
    pub fn reaches_clipboard(self) -> bool {
        self != Route::FileOnly
    }

    /// Whether the text is also written to a file.
    pub fn writes_file(self) -> bool {
        matches!(self, Route::Osc52AndFile | Route::FileOnly)
    }

    /// Does the file half of a copy of `text`: writes it as `<id>.md` in
    /// `dir` when this route wants a file, and says what the copy did. The
    /// clipboard half is [`copy`]'s, in the event loop, which owns the
    /// terminal.
    pub fn hand_over(self, dir: &Path, id: &str, text: &str) -> Handed {
        match self {
            Route::Tmux | Route::Osc52 => Handed::Clipboard,
            Route::Osc52AndFile => Handed::ClipboardAndFile(write_beside(dir, id, text)),
            Route::FileOnly => Handed::FileOnly(write_beside(dir, id, text)),
        }
    }
}

/// What a copy did, for the screen to say truthfully.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Handed {
    /// Sent to the clipboard.
    Clipboard,
    /// Sent to the clipboard, which this terminal may ignore, and written
    /// to this file (or why it could not be).
    ClipboardAndFile(Result<PathBuf, String>),
    /// Only written to this file (or why it could not be): the terminal
    /// cannot take a copy, and the clipboard is as it was.
    FileOnly(Result<PathBuf, String>),
}

/// Writes `text` as `<id>.md` in `dir` (made 0700; the file 0600, never
/// through a link), for a terminal that may not take a copy: where it
/// went, or why it could not be written.
pub fn write_beside(dir: &Path, id: &str, text: &str) -> Result<PathBuf, String> {
    let file = dir.join(format!("{id}.md"));
    crate::paths::create_private_dir(dir)
        .and_then(|()| crate::paths::write_private_file(&file, text.as_bytes()))
        .map(|()| file.clone())
        .map_err(|e| format!("cannot write {}: {e}", file.display()))
}

/// Puts `text` on the clipboard by `route`: through tmux, or by writing
/// OSC 52 to `terminal`; for [`Route::FileOnly`], writes nothing.
pub fn copy(text: &str, route: Route, terminal: &mut impl Write) -> std::io::Result<()> {
    match route {
        Route::FileOnly => return Ok(()),
        Route::Tmux if tmux_load_buffer(text) => return Ok(()),
        Route::Tmux | Route::Osc52 | Route::Osc52AndFile => {}
    }
    terminal.write_all(osc52(text).as_bytes())?;
    terminal.flush()
}

/// `tmux load-buffer -w -` (tmux 3.2 and later), else without `-w`.
fn tmux_load_buffer(text: &str) -> bool {
    let run = |args: &[&str]| {
        let Ok(mut child) = Command::new("tmux")
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
        else {
            return false;
        };
        let written = child
            .stdin
            .take()
            .is_some_and(|mut stdin| stdin.write_all(text.as_bytes()).is_ok());
        child.wait().is_ok_and(|s| s.success()) && written
    };
    run(&["load-buffer", "-w", "-"]) || run(&["load-buffer", "-"])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sequence_carries_the_base64_of_the_text() {
        let text = "# Ada — Backend\n\n**Recommendation:** Yes ✓\n";
        let sequence = osc52(text);
        let payload = sequence
            .strip_prefix("\x1b]52;c;")
            .and_then(|s| s.strip_suffix("\x1b\\").or_else(|| s.strip_suffix('\x07')))
            .unwrap_or_else(|| panic!("not an OSC 52 sequence: {sequence:?}"));
        use base64_check::decode;
        assert_eq!(decode(payload), text.as_bytes());
    }

    fn route(
        term: Option<&str>,
        term_program: Option<&str>,
        tmux: Option<&str>,
        sty: Option<&str>,
    ) -> Route {
        Route::for_terminal(TermEnv {
            term,
            term_program,
            tmux,
            sty,
        })
    }

    const TMUX: Option<&str> = Some("/tmp/tmux-1000/default,4242,0");
    const STY: Option<&str> = Some("1234.pts-0.host");

    #[test]
    fn terminals_that_take_it_get_the_sequence_alone() {
        for term in [
            "xterm-256color",
            "xterm-kitty",
            "alacritty",
            "tmux-256color",
        ] {
            assert_eq!(route(Some(term), None, None, None), Route::Osc52, "{term}");
        }
        assert_eq!(
            route(Some("xterm-256color"), Some("iTerm.app"), None, None),
            Route::Osc52
        );
    }

    #[test]
    fn inside_tmux_tmux_takes_it_whatever_surrounds_it() {
        for term in ["screen-256color", "tmux-256color", "linux", ""] {
            assert_eq!(route(Some(term), None, TMUX, None), Route::Tmux, "{term}");
        }
        // GNU screen run inside tmux: tmux's buffer is reached over its
        // socket, not through screen.
        assert_eq!(route(Some("screen"), None, TMUX, STY), Route::Tmux);
        // An empty TMUX is how a nested tmux is started: not inside tmux.
        assert_eq!(
            route(Some("xterm-256color"), None, Some(""), None),
            Route::Osc52
        );
    }

    #[test]
    fn terminals_that_may_ignore_it_get_the_sequence_and_a_file() {
        // TERM=screen alone is also tmux or screen seen over ssh.
        for term in ["screen", "screen-256color", "screen.xterm-256color"] {
            assert_eq!(
                route(Some(term), None, None, None),
                Route::Osc52AndFile,
                "{term}"
            );
        }
        for term in [Some("vt100"), Some("vt220"), Some("cons25"), Some(""), None] {
            assert_eq!(
                route(term, None, None, None),
                Route::Osc52AndFile,
                "{term:?}"
            );
        }
        assert_eq!(
            route(Some("xterm-256color"), Some("Apple_Terminal"), None, None),
            Route::Osc52AndFile
        );
    }

    #[test]
    fn terminals_known_not_to_take_it_get_only_a_file() {
        // Directly inside GNU screen, whatever TERM says (a .screenrc may
        // set `term xterm-256color`).
        for term in ["screen", "screen-256color", "xterm-256color"] {
            assert_eq!(
                route(Some(term), None, None, STY),
                Route::FileOnly,
                "{term}"
            );
        }
        assert_eq!(route(Some("screen"), None, Some(""), STY), Route::FileOnly);
        assert_eq!(
            route(Some("screen"), None, None, Some("")),
            Route::Osc52AndFile
        );
        for term in ["linux", "dumb"] {
            assert_eq!(
                route(Some(term), None, None, None),
                Route::FileOnly,
                "{term}"
            );
        }
    }

    #[test]
    fn what_each_route_writes() {
        let text = "# Ada";
        let mut written = Vec::new();
        copy(text, Route::FileOnly, &mut written).unwrap();
        assert!(written.is_empty(), "{written:?}");
        for route in [Route::Osc52, Route::Osc52AndFile] {
            let mut written = Vec::new();
            copy(text, route, &mut written).unwrap();
            assert_eq!(written, osc52(text).as_bytes(), "{route:?}");
        }
        assert!(!Route::FileOnly.reaches_clipboard());
        assert!(Route::FileOnly.writes_file() && Route::Osc52AndFile.writes_file());
        assert!(!Route::Osc52.writes_file() && !Route::Tmux.writes_file());
    }

    #[test]
    fn the_file_is_written_only_when_the_route_wants_one() {
        let dir = tempfile::tempdir().unwrap();
        let exports = dir.path().join("exports");
        let file = exports.join("20261118-100000-ada.md");
        for route in [Route::Tmux, Route::Osc52] {
            assert_eq!(
                route.hand_over(&exports, "20261118-100000-ada", "# Ada"),
                Handed::Clipboard
            );
            assert!(!file.exists(), "{route:?}");
        }
        assert_eq!(
            Route::Osc52AndFile.hand_over(&exports, "20261118-100000-ada", "# Ada"),
            Handed::ClipboardAndFile(Ok(file.clone()))
        );
        std::fs::remove_file(&file).unwrap();
        assert_eq!(
            Route::FileOnly.hand_over(&exports, "20261118-100000-ada", "# Ada"),
            Handed::FileOnly(Ok(file.clone()))
        );
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "# Ada");
    }

    /// A plain base64 decoder, so the test checks the encoding independently.
    mod base64_check {
        pub fn decode(text: &str) -> Vec<u8> {
            let value = |c: u8| match c {
                b'A'..=b'Z' => c - b'A',
                b'a'..=b'z' => c - b'a' + 26,
                b'0'..=b'9' => c - b'0' + 52,
                b'+' => 62,
                b'/' => 63,
                _ => panic!("not base64: {c}"),
            };
            let bytes: Vec<u8> = text.bytes().filter(|&c| c != b'=').map(value).collect();
            let mut out = Vec::new();
            for chunk in bytes.chunks(4) {
                let mut n = 0u32;
                for (i, &b) in chunk.iter().enumerate() {
                    n |= u32::from(b) << (18 - 6 * i);
                }
                for i in 0..chunk.len().saturating_sub(1) {
                    out.push((n >> (16 - 8 * i)) as u8);
                }
            }
            out
        }
    }
}
