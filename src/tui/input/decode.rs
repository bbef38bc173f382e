//! Bytes from the terminal to key and paste events, without losing text.
//!
//! terminput's parser (a port of crossterm's) knows the key sequences, but
//! fed bytes one by one it decides too early what is a sequence, and what it
//! cannot parse it throws away together with the next character: Esc then
//! `OK fine` (one burst from tmux or ssh) was `ESC O K`, an unknown SS3
//! sequence, and became " fine"; Esc then `[Meeting` was an X10 mouse report
//! that ate four characters; a broken UTF-8 byte took the letter after it.
//! It cannot be told otherwise, so the framing is done here and terminput is
//! asked only to name a *complete* sequence:
//!
//! - **Esc then text is text.** Esc and one key is Alt+key, which the key
//!   table reads as Esc then that key: a command key is a command, any other
//!   key is typed. `ESC [` and `ESC O` begin a sequence only if one follows:
//!   a complete sequence terminput names as a key is that key; a complete
//!   sequence that is no key (mouse, focus, reports) is dropped if it carries
//!   parameter bytes and ends in a letter or `~`, as what terminals send
//!   does — a terminal wrote it, not a person — and is otherwise typed as
//!   Alt+`[` (or Alt+`O`) followed by its characters (`[1] first point`). A byte that
//!   cannot continue a sequence (a control byte, a letter after `ESC O`,
//!   non-ASCII) ends it the same way and is then decoded afresh.
//! - **Incomplete means wait a little.** A sequence cut at the end of a read
//!   is kept [`ESCAPE_TIMEOUT`] for the rest, then typed as above. A lone Esc
//!   with nothing after it is the Esc key at once, as always.
//! - **Broken UTF-8 costs only the broken bytes**: a byte that cannot
//!   continue a character is decoded afresh, never swallowed.
//! - A bracketed paste is one event, however many reads bring it; one whose
//!   end marker never comes is let go after [`PASTE_STALL`].

use std::ops::Range;
use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use super::Input;

/// How long an incomplete escape sequence waits for the rest (neovim's
/// default `ttimeoutlen`). A terminal writes a whole key sequence at once, so
/// one split by ssh or a full buffer is completed within milliseconds, while
/// Esc then `[` from tmux (delivered together, with nothing after) is typed
/// this soon — shorter than any pause a person notices before the next key.
pub const ESCAPE_TIMEOUT: Duration = Duration::from_millis(50);
/// A bracketed paste with no end marker for this long is taken as ended:
/// the terminal lost it, and typing must not vanish into it.
pub const PASTE_STALL: Duration = Duration::from_secs(2);
/// The start of a bracketed paste.
const PASTE_START: &[u8] = b"\x1b[200~";
/// The end of a bracketed paste.
const PASTE_END: &[u8] = b"\x1b[201~";
/// The longest control sequence waited for. Key sequences are far shorter
/// (the longest, kitty's with its text, a few dozen bytes); longer is text.
const MAX_CSI: usize = 256;
const ESC: u8 = 0x1b;

/// The bytes of an event not complete yet, and when bytes last arrived.
#[derive(Debug, Default)]
pub(super) struct Decoder {
    pending: Vec<u8>,
    arrived: Option<Instant>,
}

/// What the bytes at the front of the pending ones are.
enum Front {
    /// More bytes are needed to tell.
    Incomplete,
    /// These bytes are done with (their events given out, or dropped);
    /// decoding goes on with what is left.
    Remove(Range<usize>),
}

/// Where a UTF-8 character starting at some byte ends.
enum Utf8 {
    /// More bytes are needed.
    Incomplete,
    /// A whole character, ending before this index.
    Char(usize),
    /// Broken bytes, ending before this index: the byte there (if any) is
    /// not part of them.
    Broken(usize),
}

impl Decoder {
    /// Decodes `bytes`, which arrived at `now`, continuing an event begun
    /// in an earlier read. `more` says further bytes are already waiting, so
    /// a lone Esc at the end may be the start of a sequence.
    pub(super) fn decode(&mut self, bytes: &[u8], more: bool, now: Instant, out: &mut Vec<Input>) {
        let first = out.len();
        // A byte at a time, so each question is asked once, when the byte
        // that answers it arrives (a megabyte of paste costs no rescans).
        for (i, &byte) in bytes.iter().enumerate() {
            self.pending.push(byte);
            let end = !more && i + 1 == bytes.len();
            self.settle(end, out);
        }
        if !bytes.is_empty() {
            self.arrived = Some(now);
        }
        mark_burst(&mut out[first..]);
    }

    /// When the pending bytes are due to be let go, if they ever are.
    pub(super) fn deadline(&self) -> Option<Instant> {
        Some(self.arrived? + self.stall_limit()?)
    }

    /// What has waited past its time at `now`: an incomplete sequence
    /// typed as text, a paste without its end marker as a paste.
    pub(super) fn take_stalled(&mut self, now: Instant) -> Vec<Input> {
        let mut out = Vec::new();
        if self.deadline().is_none_or(|due| now < due) {
            return out;
        }
        let bytes = std::mem::take(&mut self.pending);
        if let Some(body) = bytes.strip_prefix(PASTE_START) {
            push(
                &mut out,
                Some(Event::Paste(String::from_utf8_lossy(body).into_owned())),
            );
        } else if let Some(&second @ 0x20..=0x7e) = bytes.get(1) {
            // `ESC [ 1 ;`, `ESC O`: Alt and the first character, then the
            // rest (all printable ASCII) as typed.
            push(&mut out, alt(second));
            self.pending = bytes[2..].to_vec();
            self.settle(true, &mut out);
        } else {
            // A lone Esc, or Esc and a character cut short: the Esc key,
            // and the broken bytes are dropped.
            push(&mut out, Some(key(KeyCode::Esc)));
        }
        mark_burst(&mut out);
        out
    }

    /// How long the pending bytes may wait for the rest.
    fn stall_limit(&self) -> Option<Duration> {
        match self.pending.first() {
            Some(&ESC) if self.pending.starts_with(PASTE_START) => Some(PASTE_STALL),
            Some(&ESC) => Some(ESCAPE_TIMEOUT),
            // A character cut short waits for the next byte, which either
            // completes it or is decoded afresh: nothing is held back.
            _ => None,
        }
    }

    /// Decodes events off the front of the pending bytes while they are
    /// complete. `end`: nothing more is coming in this read.
    fn settle(&mut self, end: bool, out: &mut Vec<Input>) {
        while !self.pending.is_empty() {
            match front(&self.pending, end, out) {
                Front::Incomplete => break,
                Front::Remove(range) => {
                    self.pending.drain(range);
                }
            }
        }
    }

    /// The pending bytes (for tests).
    #[cfg(test)]
    pub(super) fn pending(&self) -> &[u8] {
        &self.pending
    }
}

/// The event at the front of `p` (never empty), given out to `out`.
fn front(p: &[u8], end: bool, out: &mut Vec<Input>) -> Front {
    match p[0] {
        ESC => escape(p, end, out),
        0x80..=0xff => match utf8(p, 0) {
            Utf8::Incomplete => Front::Incomplete,
            Utf8::Char(len) => {
                push(out, parse(&p[..len]));
                Front::Remove(0..len)
            }
            Utf8::Broken(len) => Front::Remove(0..len),
        },
        byte => {
            push(out, parse(&[byte]));
            Front::Remove(0..1)
        }
    }
}

/// `p` starts with Esc.
fn escape(p: &[u8], end: bool, out: &mut Vec<Input>) -> Front {
    let Some(&second) = p.get(1) else {
        // Nothing after it in this read: the Esc key, now.
        if end {
            push(out, Some(key(KeyCode::Esc)));
            return Front::Remove(0..1);
        }
        return Front::Incomplete;
    };
    match second {
        ESC => {
            push(out, Some(key(KeyCode::Esc)));
            Front::Remove(0..1)
        }
        b'[' => csi(p, out),
        b'O' => ss3(p, out),
        0x80..=0xff => match utf8(p, 1) {
            Utf8::Incomplete => Front::Incomplete,
            Utf8::Char(len) => {
                push(out, parse(&p[..len]));
                Front::Remove(0..len)
            }
            // The Esc stays, for the byte after the broken ones.
            Utf8::Broken(len) => Front::Remove(1..len),
        },
        // Alt+key: a letter, Enter, Backspace, a Ctrl chord.
        _ => {
            push(out, parse(&p[..2]));
            Front::Remove(0..2)
        }
    }
}

/// `p` starts with `ESC [`: a control sequence is parameter bytes
/// (0x30–0x3F), then intermediate bytes (0x20–0x2F), then a final byte
/// (0x40–0x7E) (ECMA-48 5.4).
fn csi(p: &[u8], out: &mut Vec<Input>) -> Front {
    if p.starts_with(PASTE_START) {
        if p.len() >= PASTE_START.len() + PASTE_END.len() && p.ends_with(PASTE_END) {
            let body = &p[PASTE_START.len()..p.len() - PASTE_END.len()];
            push(
                out,
                Some(Event::Paste(String::from_utf8_lossy(body).into_owned())),
            );
            return Front::Remove(0..p.len());
        }
        return Front::Incomplete;
    }
    let mut params = false;
    let mut intermediates = false;
    // Terminals put no intermediate but `$` in what they send (`$y`).
    let mut odd_intermediate = false;
    for (i, &byte) in p.iter().enumerate().skip(2) {
        match byte {
            0x30..=0x3f if !intermediates => params = true,
            0x20..=0x2f => {
                intermediates = true;
                odd_intermediate |= byte != b'$';
            }
            // `ESC [ [ A` to `ESC [ [ E`: F1 to F5 on the Linux console.
            b'[' if i == 2 => return linux_console_f_key(p, out),
            0x40..=0x7e => return complete_csi(&p[..=i], params && !odd_intermediate, out),
            // Cannot continue a sequence: it was text.
            _ => return typed_after(b'[', out),
        }
        if i + 1 >= MAX_CSI {
            return typed_after(b'[', out);
        }
    }
    Front::Incomplete
}

/// A whole control sequence `seq`; `params`: it has parameter bytes, and
/// no intermediate byte but `$`.
fn complete_csi(seq: &[u8], params: bool, out: &mut Vec<Input>) -> Front {
    match parse(seq) {
        Some(event @ Event::Key(_)) => {
            push(out, Some(event));
            Front::Remove(0..seq.len())
        }
        // A report, a mouse event, a `CSI u` key terminput does not know:
        // a terminal sent it, nobody typed it. Terminals end what they send
        // with a letter or `~` (`@ ^ $` in rxvt); `[1] first point` typed
        // right after Esc ends in `]`, and is text.
        _ if params && sent_by_a_terminal(seq[seq.len() - 1]) => Front::Remove(0..seq.len()),
        // `ESC [ x`, `ESC [ I`, `ESC [ M`: Esc then `[x` typed quickly.
        _ => typed_after(b'[', out),
    }
}

/// Whether a control sequence ending in `last` is one terminals send: keys
/// and reports end in a letter or `~` (rxvt's modified keys in `@ ^ $`).
fn sent_by_a_terminal(last: u8) -> bool {
    last.is_ascii_alphabetic() || matches!(last, b'~' | b'@' | b'^' | b'$')
}

/// `p` starts with `ESC [ [`.
fn linux_console_f_key(p: &[u8], out: &mut Vec<Input>) -> Front {
    match p.get(3) {
        None => Front::Incomplete,
        Some(b'A'..=b'E') => {
            push(out, parse(&p[..4]));
            Front::Remove(0..4)
        }
        Some(_) => typed_after(b'[', out),
    }
}

/// `p` starts with `ESC O`: SS3 and one key (arrows, Home, End, F1–F4).
fn ss3(p: &[u8], out: &mut Vec<Input>) -> Front {
    if p.len() < 3 {
        return Front::Incomplete;
    }
    match parse(&p[..3]) {
        Some(event @ Event::Key(_)) => {
            push(out, Some(event));
            Front::Remove(0..3)
        }
        _ => typed_after(b'O', out),
    }
}

/// Esc then `second` typed, as Alt+`second`; what follows is decoded afresh.
fn typed_after(second: u8, out: &mut Vec<Input>) -> Front {
    push(out, alt(second));
    Front::Remove(0..2)
}

/// Where the UTF-8 character at `p[at]` ends, or which bytes are broken.
fn utf8(p: &[u8], at: usize) -> Utf8 {
    let len = match p[at] {
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf7 => 4,
        // A continuation byte with no start, or no UTF-8 at all.
        _ => return Utf8::Broken(at + 1),
    };
    let whole = at + len;
    if let Some(i) = (at + 1..whole.min(p.len())).find(|&i| p[i] & 0xc0 != 0x80) {
        return Utf8::Broken(i);
    }
    if p.len() < whole {
        Utf8::Incomplete
    } else if std::str::from_utf8(&p[at..whole]).is_ok() {
        Utf8::Char(whole)
    } else {
        // Well formed but no character (overlong, a surrogate, past U+10FFFF).
        Utf8::Broken(whole)
    }
}

/// The event terminput names for the complete sequence `bytes`.
fn parse(bytes: &[u8]) -> Option<Event> {
    match terminput::Event::parse_from(bytes) {
        Ok(Some(event)) => terminput_crossterm::to_crossterm(event).ok(),
        _ => None,
    }
}

/// Alt and the printable ASCII `byte`, as terminput names Esc then a key.
fn alt(byte: u8) -> Option<Event> {
    match parse(&[byte])? {
        Event::Key(key) => Some(Event::Key(KeyEvent {
            modifiers: key.modifiers | KeyModifiers::ALT,
            ..key
        })),
        _ => None,
    }
}

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn push(out: &mut Vec<Input>, event: Option<Event>) {
    if let Some(event) = event {
        out.push(Input {
            event,
            burst: false,
        });
    }
}

/// Several keys at once are a burst, which no person types.
fn mark_burst(inputs: &mut [Input]) {
    let keys = inputs
        .iter()
        .filter(|i| matches!(i.event, Event::Key(_)))
        .count();
    if keys >= 2 {
        for input in inputs {
            input.burst = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Decodes `chunks`, one read each, all arriving at `t0`.
    fn decode_at(decoder: &mut Decoder, chunks: &[&[u8]], t0: Instant) -> Vec<Input> {
        let mut out = Vec::new();
        for chunk in chunks {
            decoder.decode(chunk, false, t0, &mut out);
        }
        out
    }

    fn decode(chunks: &[&[u8]]) -> Vec<Input> {
        decode_at(&mut Decoder::default(), chunks, Instant::now())
    }

    /// Decodes `bytes` as one read, then lets go of what is left once it
    /// has waited long enough: everything the bytes will ever mean.
    fn decode_all(bytes: &[u8]) -> Vec<Input> {
        let mut decoder = Decoder::default();
        let t0 = Instant::now();
        let mut out = decode_at(&mut decoder, &[bytes], t0);
        out.extend(decoder.take_stalled(t0 + PASTE_STALL));
        assert_eq!(decoder.pending(), b"", "nothing is left over");
        out
    }

    fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
        Event::Key(KeyEvent::new(code, modifiers))
    }

    fn events(inputs: &[Input]) -> Vec<Event> {
        inputs.iter().map(|i| i.event.clone()).collect()
    }

    /// The inputs as a person reads them: characters as typed, `M-x` for
    /// Alt+x (Esc then x), other keys by name.
    fn shown(inputs: &[Input]) -> String {
        let mut out = String::new();
        for input in inputs {
            match &input.event {
                Event::Key(k) => {
                    if k.modifiers.contains(KeyModifiers::ALT) {
                        out.push_str("M-");
                    }
                    if k.modifiers.contains(KeyModifiers::CONTROL) {
                        out.push_str("C-");
                    }
                    match k.code {
                        KeyCode::Char(c) => out.push(c),
                        KeyCode::Enter => out.push('\n'),
                        code => out.push_str(&format!("<{code:?}>")),
                    }
                }
                other => out.push_str(&format!("<{other:?}>")),
            }
        }
        out
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
        assert_eq!(
            events(&alt),
            vec![key(KeyCode::Char('s'), KeyModifiers::ALT)]
        );
        let esc = decode(&[b"\x1b", b"s"]);
        assert_eq!(
            events(&esc),
            vec![
                key(KeyCode::Esc, KeyModifiers::NONE),
                key(KeyCode::Char('s'), KeyModifiers::NONE)
            ]
        );
    }

    #[test]
    fn esc_then_text_in_one_burst_is_that_text() {
        for (text, expected) in [
            ("OK fine", "M-OK fine"),
            ("[x] done", "M-[x] done"),
            ("Oh", "M-Oh"),
            ("O", "M-O"),
            ("[", "M-["),
            ("[ ] todo", "M-[ ] todo"),
            ("[[x]]", "M-[[x]]"),
            ("Oé", "M-Oé"),
            ("[é", "M-[é"),
            ("é", "M-é"),
            ("x", "M-x"),
        ] {
            let bytes = format!("\x1b{text}");
            assert_eq!(shown(&decode_all(bytes.as_bytes())), expected, "{text:?}");
        }
    }

    #[test]
    fn mouse_and_focus_prefixes_are_text_when_nobody_asked_for_them() {
        // `ESC [ M` begins an X10 mouse report (three bytes more), `ESC [ I`
        // and `ESC [ O` are focus reports: phonescreen enables neither.
        for text in ["[Meeting at 3", "[I think so", "[O", "[M"] {
            let bytes = format!("\x1b{text}");
            assert_eq!(
                shown(&decode_all(bytes.as_bytes())),
                format!("M-{text}"),
                "{text:?}"
            );
        }
    }

    #[test]
    fn a_numbered_point_typed_after_esc_is_text() {
        for text in ["[1] first point", "[2) second", "[10]: tenth", "[1;2] pair"] {
            let mut bytes = b"\x1b".to_vec();
            bytes.extend_from_slice(text.as_bytes());
            assert_eq!(shown(&decode_all(&bytes)), format!("M-{text}"), "{text:?}");
        }
    }

    #[test]
    fn sequences_with_parameters_that_are_no_key_are_dropped() {
        for seq in [
            &b"\x1b[1;2x"[..],
            b"\x1b[<0;10;5M", // an SGR mouse click
            b"\x1b[?1u",      // kitty's keyboard flags
            b"\x1b[?62c",     // device attributes
            b"\x1b[201~",     // a paste end with no start
        ] {
            let mut bytes = seq.to_vec();
            bytes.extend_from_slice(b"ok");
            assert_eq!(shown(&decode_all(&bytes)), "ok", "{seq:?}");
        }
    }

    #[test]
    fn key_sequences_are_still_keys() {
        let out = decode(&[
            b"\x1b[A\x1bOB\x1b[6~\x1b[5~\x1b[15~\x1bOP\x1b[Z\x1b[1;5A\x1b[3~\x1b[H\x1b[F\x1b[2~\x1b[[A\x1b[97;5u",
        ]);
        assert_eq!(
            events(&out),
            vec![
                key(KeyCode::Up, KeyModifiers::NONE),
                key(KeyCode::Down, KeyModifiers::NONE),
                key(KeyCode::PageDown, KeyModifiers::NONE),
                key(KeyCode::PageUp, KeyModifiers::NONE),
                key(KeyCode::F(5), KeyModifiers::NONE),
                key(KeyCode::F(1), KeyModifiers::NONE),
                key(KeyCode::BackTab, KeyModifiers::SHIFT),
                key(KeyCode::Up, KeyModifiers::CONTROL),
                key(KeyCode::Delete, KeyModifiers::NONE),
                key(KeyCode::Home, KeyModifiers::NONE),
                key(KeyCode::End, KeyModifiers::NONE),
                key(KeyCode::Insert, KeyModifiers::NONE),
                key(KeyCode::F(1), KeyModifiers::NONE),
                key(KeyCode::Char('a'), KeyModifiers::CONTROL),
            ]
        );
        assert!(out.iter().all(|i| i.burst));
    }

    #[test]
    fn esc_before_a_key_sequence_or_esc_is_esc_then_that() {
        assert_eq!(shown(&decode(&[b"\x1b\x1b[A"])), "<Esc><Up>");
        assert_eq!(shown(&decode(&[b"\x1b\x1b"])), "<Esc><Esc>");
        assert_eq!(shown(&decode(&[b"\x1b\r\x1b\x7f"])), "M-\nM-<Backspace>");
    }

    #[test]
    fn a_byte_that_cannot_continue_a_sequence_ends_it_and_is_read() {
        // Ctrl+C inside `ESC [ 1`: what came before is text, Ctrl+C is Ctrl+C.
        assert_eq!(shown(&decode(&[b"\x1b[1\x03"])), "M-[1C-c");
        assert_eq!(shown(&decode(&[b"\x1bO\x1b[A"])), "M-O<Up>");
        assert_eq!(shown(&decode(&[b"\x1b[ 1"])), "M-[ 1");
        // Longer than any key sequence: text.
        let long = format!("\x1b[{}", "1".repeat(MAX_CSI));
        let out = decode(&[long.as_bytes()]);
        assert_eq!(shown(&out), format!("M-[{}", "1".repeat(MAX_CSI)));
    }

    #[test]
    fn an_incomplete_sequence_is_typed_once_it_has_waited() {
        let mut decoder = Decoder::default();
        let t0 = Instant::now();
        assert!(decode_at(&mut decoder, &[b"\x1bO"], t0).is_empty());
        assert_eq!(decoder.deadline(), Some(t0 + ESCAPE_TIMEOUT));
        let early = t0 + ESCAPE_TIMEOUT - Duration::from_millis(1);
        assert!(decoder.take_stalled(early).is_empty());
        let late = decoder.take_stalled(t0 + ESCAPE_TIMEOUT);
        assert_eq!(
            events(&late),
            vec![key(
                KeyCode::Char('O'),
                KeyModifiers::ALT | KeyModifiers::SHIFT
            )]
        );
        assert!(!late[0].burst);
        assert_eq!(decoder.deadline(), None);
        // The key after it is a key of its own, not the end of a sequence.
        let k = decode_at(&mut decoder, &[b"K"], t0 + ESCAPE_TIMEOUT);
        assert_eq!(shown(&k), "K");

        let mut decoder = Decoder::default();
        assert!(decode_at(&mut decoder, &[b"\x1b[1;"], t0).is_empty());
        let late = decoder.take_stalled(t0 + ESCAPE_TIMEOUT);
        assert_eq!(shown(&late), "M-[1;");
        assert!(late.iter().all(|i| i.burst));
    }

    #[test]
    fn a_sequence_split_across_reads_in_time_is_the_key() {
        let mut decoder = Decoder::default();
        let t0 = Instant::now();
        let mut out = decode_at(&mut decoder, &[b"\x1b["], t0);
        assert!(decoder.take_stalled(t0 + ESCAPE_TIMEOUT / 2).is_empty());
        let t1 = t0 + ESCAPE_TIMEOUT / 2;
        out.extend(decode_at(&mut decoder, &[b"1;5", b"A"], t1));
        assert_eq!(events(&out), vec![key(KeyCode::Up, KeyModifiers::CONTROL)]);
        // Each read starts the wait again: the sequence is still arriving.
        let mut decoder = Decoder::default();
        decode_at(&mut decoder, &[b"\x1b[1"], t0);
        decode_at(&mut decoder, &[b"5"], t1);
        assert!(decoder.take_stalled(t0 + ESCAPE_TIMEOUT).is_empty());
        let f5 = decode_at(&mut decoder, &[b"~"], t0 + ESCAPE_TIMEOUT);
        assert_eq!(events(&f5), vec![key(KeyCode::F(5), KeyModifiers::NONE)]);
        // Split anywhere, the keys are whole.
        // Except after a lone Esc, which is the Esc key when its read ends.
        let esc = decode(&[b"\x1b", b"[6", b"~"]);
        assert_eq!(shown(&esc), "<Esc>[6~");
        let pgdn = decode_at(&mut Decoder::default(), &[b"\x1b[6", b"~"], t0);
        assert_eq!(
            events(&pgdn),
            vec![key(KeyCode::PageDown, KeyModifiers::NONE)]
        );
    }

    #[test]
    fn a_lone_esc_with_more_bytes_waiting_waits_for_them() {
        let mut decoder = Decoder::default();
        let t0 = Instant::now();
        let mut out = Vec::new();
        decoder.decode(b"ab\x1b", true, t0, &mut out);
        assert_eq!(shown(&out), "ab");
        decoder.decode(b"s", false, t0, &mut out);
        assert_eq!(shown(&out), "abM-s");
        // More was promised and never came: the Esc key, in time.
        decoder.decode(b"\x1b", true, t0, &mut out);
        assert_eq!(shown(&decoder.take_stalled(t0 + ESCAPE_TIMEOUT)), "<Esc>");
    }

    #[test]
    fn broken_utf8_costs_only_the_broken_bytes() {
        for (bytes, expected) in [
            (&b"\xc3a"[..], "a"),
            (b"\xe2\x82x", "x"),
            (b"\x80b", "b"),
            (b"\xffb", "b"),
            (b"\xc0\x80z", "z"),         // overlong
            (b"\xed\xa0\x80z", "z"),     // a surrogate
            (b"\xf4\x90\x80\x80z", "z"), // past U+10FFFF
            (b"\xc3\x1b[A", "<Up>"),
            (b"\xc3\xc3\xa9", "é"),
            // Esc stays Esc (Alt) for the key after the broken bytes.
            (b"\x1b\xc3a", "M-a"),
            (b"\x1b\x80a", "M-a"),
        ] {
            assert_eq!(shown(&decode_all(bytes)), expected, "{bytes:?}");
        }
        // Across reads, the same.
        assert_eq!(shown(&decode(&[b"\xc3", b"a"])), "a");
        let e = "é".as_bytes();
        assert_eq!(shown(&decode(&[&e[..1], &e[1..]])), "é");
        // Esc and a character cut short, never finished: Esc.
        assert_eq!(shown(&decode_all(b"\x1b\xc3")), "<Esc>");
    }

    #[test]
    fn a_paste_is_one_event_however_it_arrives() {
        let text = "line one\nline two: with \x1b[A and \x1bO and \x1b inside?";
        let bytes = format!("\x1b[200~{text}\x1b[201~");
        // (Not after the first byte: a lone Esc at the end of a read is Esc.)
        for split in [2, 3, 6, 10, bytes.len() - 3] {
            let (a, b) = bytes.as_bytes().split_at(split);
            let out = decode(&[a, b]);
            assert_eq!(
                events(&out),
                vec![Event::Paste(text.to_string())],
                "{split}"
            );
        }
    }

    #[test]
    fn a_paste_that_never_ends_is_let_go_after_a_while() {
        let mut decoder = Decoder::default();
        let t0 = Instant::now();
        assert!(decode_at(&mut decoder, &[b"\x1b[200~half a paste"], t0).is_empty());
        assert_eq!(decoder.deadline(), Some(t0 + PASTE_STALL));
        // Far past the escape timeout, a paste still waits.
        assert!(decoder.take_stalled(t0 + ESCAPE_TIMEOUT * 10).is_empty());
        // More of it later starts the wait again.
        let t1 = t0 + PASTE_STALL / 2;
        assert!(decode_at(&mut decoder, &[b" \x1b[A"], t1).is_empty());
        assert!(decoder.take_stalled(t0 + PASTE_STALL).is_empty());
        let late = decoder.take_stalled(t1 + PASTE_STALL);
        assert_eq!(
            events(&late),
            vec![Event::Paste("half a paste \x1b[A".to_string())]
        );
        assert_eq!(shown(&decode_at(&mut decoder, &[b"x"], t1)), "x");
    }

    #[test]
    fn garbage_bytes_are_dropped_and_what_follows_is_read() {
        assert_eq!(shown(&decode(&[b"\xff\xfeok"])), "ok");
    }

    #[test]
    fn esc_anywhere_in_text_loses_no_character() {
        // No `[` or `O` followed by a letter that makes a key: every Esc is
        // Alt on the next character (or Esc at the end), and the text stays.
        let text = "OK [x] done, Oh [I] [Meeting] Ω";
        for at in 0..=text.len() {
            if !text.is_char_boundary(at) {
                continue;
            }
            let bytes = format!("{}\x1b{}", &text[..at], &text[at..]);
            let got = shown(&decode_all(bytes.as_bytes()));
            let alt = if at == text.len() { "<Esc>" } else { "M-" };
            assert_eq!(
                got,
                format!("{}{alt}{}", &text[..at], &text[at..]),
                "Esc at {at}"
            );
        }
    }

    /// A replacement character sent as valid UTF-8 is a character like any
    /// other (proptest once drew these bytes as "garbage").
    #[test]
    fn a_valid_replacement_character_is_kept() {
        let got = shown(&decode_all(&[0xef, 0xbf, 0xbd, b'A']));
        assert_eq!(got, "\u{fffd}A");
    }

    proptest! {
        /// Any bytes, split into reads anywhere: no panic, no more events
        /// than bytes, and once what waits has been let go, the decoder is
        /// back in step: text typed next is exactly that text.
        #[test]
        fn any_bytes_then_text_is_read_in_step(
            bytes in prop::collection::vec(
                prop_oneof![
                    4 => any::<u8>(),
                    2 => prop::sample::select(b"\x1b[O;0123456789~<M\xc3\xa9\x80\xff".to_vec()),
                ],
                0..64,
            ),
            cuts in prop::collection::vec(1usize..8, 1..8),
            more in any::<bool>(),
        ) {
            let mut decoder = Decoder::default();
            let t0 = Instant::now();
            let mut out = Vec::new();
            let mut rest = &bytes[..];
            for cut in cuts.iter().cycle() {
                if rest.is_empty() {
                    break;
                }
                let (chunk, tail) = rest.split_at((*cut).min(rest.len()));
                decoder.decode(chunk, more && !tail.is_empty(), t0, &mut out);
                rest = tail;
            }
            prop_assert!(out.len() <= bytes.len());
            prop_assert!(decoder.pending().len() <= bytes.len());
            out.clear();
            out.extend(decoder.take_stalled(t0 + PASTE_STALL));
            prop_assert!(out.len() <= bytes.len());
            let next = decode_at(&mut decoder, &[b"hello"], t0 + PASTE_STALL);
            prop_assert_eq!(shown(&next), "hello");
            prop_assert_eq!(decoder.pending(), b"");
        }

        /// Any bytes of UTF-8's upper half, valid or not, then text: every
        /// valid character is read (as the standard library finds them),
        /// the broken bytes are dropped, and the text is whole.
        #[test]
        fn broken_bytes_before_text_cost_nothing_of_the_text(
            garbage in prop::collection::vec(0x80u8..=0xff, 0..12),
            text in "[^\\x00-\\x1f\\x7f\u{fffd}]{1,12}",
        ) {
            let mut bytes = garbage.clone();
            bytes.extend_from_slice(text.as_bytes());
            let got = shown(&decode_all(&bytes));
            prop_assert!(got.ends_with(&text), "{:?}", got);
            // The valid characters, as the standard library finds them; a
            // U+FFFD written in valid UTF-8 among the garbage is one of them.
            let valid: String = bytes.utf8_chunks().map(|c| c.valid()).collect();
            prop_assert_eq!(got, valid);
        }
    }
}
