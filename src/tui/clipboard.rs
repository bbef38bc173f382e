//! Putting text on the clipboard from a terminal app: the OSC 52 sequence,
//! which the terminal (or tmux, or the terminal at the end of an ssh
//! connection) turns into a clipboard write.
//!
//! Inside tmux the text goes through `tmux load-buffer -w -` instead: tmux
//! keeps it as a paste buffer and, with `-w`, forwards it to the outer
//! terminal's clipboard itself, which works whatever tmux's `set-clipboard`
//! and `allow-passthrough` settings are. Some terminals ignore OSC 52
//! (macOS Terminal, the Linux console, GNU screen by default): for those
//! the caller also writes the text to a file and names it.
//!
//! Copying is only ever the user's explicit act (a key on a screen that
//! says what it copies); notes are personal data.

use std::io::Write;
use std::path::PathBuf;
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

/// Whether the terminal described by these environment values may ignore
/// OSC 52, so that a file is the safer way to hand the text over.
pub fn may_not_support(term: Option<&str>, term_program: Option<&str>, in_tmux: bool) -> bool {
    if in_tmux {
        return false;
    }
    let term = term.unwrap_or("");
    term_program == Some("Apple_Terminal")
        || term.is_empty()
        || matches!(
            term,
            "dumb" | "linux" | "vt100" | "vt102" | "vt220" | "cons25"
        )
        || term.starts_with("screen")
}

/// Whether phonescreen runs inside tmux.
pub fn in_tmux() -> bool {
    std::env::var_os("TMUX").is_some_and(|v| !v.is_empty())
}

/// [`may_not_support`] for this process's environment.
pub fn may_not_support_here() -> bool {
    may_not_support(
        std::env::var("TERM").ok().as_deref(),
        std::env::var("TERM_PROGRAM").ok().as_deref(),
        in_tmux(),
    )
}

/// Writes `text` as `<id>.md` in `dir` (made 0700; the file 0600, never
/// through a link), for a terminal that may not take a copy: where it
/// went, or why it could not be written.
pub fn write_beside(dir: &std::path::Path, id: &str, text: &str) -> Result<PathBuf, String> {
    let file = dir.join(format!("{id}.md"));
    crate::paths::create_private_dir(dir)
        .and_then(|()| crate::paths::write_private_file(&file, text.as_bytes()))
        .map(|()| file.clone())
        .map_err(|e| format!("cannot write {}: {e}", file.display()))
}

/// Puts `text` on the clipboard: through tmux when inside it, else by
/// writing OSC 52 to `terminal`.
pub fn copy(text: &str, terminal: &mut impl Write) -> std::io::Result<()> {
    if in_tmux() && tmux_load_buffer(text) {
        return Ok(());
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

    #[test]
    fn terminals_known_to_ignore_it_get_a_file() {
        assert!(may_not_support(Some("linux"), None, false));
        assert!(may_not_support(Some("screen-256color"), None, false));
        assert!(may_not_support(
            Some("xterm-256color"),
            Some("Apple_Terminal"),
            false
        ));
        assert!(!may_not_support(Some("xterm-256color"), None, false));
        assert!(!may_not_support(Some("screen-256color"), None, true));
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
